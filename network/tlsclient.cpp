#include "tlsclient.h"

#include "tlsidentity.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

/// The reasons are words for the user: in the UI language.
class TlsClient
{
    Q_DECLARE_TR_FUNCTIONS(TlsClient)
};

namespace stdlab::net {

namespace {

QString names(const QSslCertificate &c)
{
    QStringList all = c.subjectAlternativeNames().values(QSsl::DnsEntry)
        + c.subjectAlternativeNames().values(QSsl::IpAddressEntry);
    if (all.isEmpty()) {
        all = c.subjectInfo(QSslCertificate::CommonName);
    }
    return all.isEmpty() ? TlsClient::tr("no name") : all.join(QLatin1String(", "));
}

QString utcDate(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

bool has(const QList<QSslError> &errors, QSslError::SslError which)
{
    for (const QSslError &e : errors) {
        if (e.error() == which) {
            return true;
        }
    }
    return false;
}

} // namespace

std::optional<QString> normalizedFingerprint(const QString &text)
{
    QString t = text.trimmed();
    static const QRegularExpression prefix(
        QStringLiteral("^(?:sha256\\s*fingerprint\\s*=|sha-?256\\s*[:=/]?)\\s*"),
        QRegularExpression::CaseInsensitiveOption);
    t.remove(prefix);
    t.remove(QLatin1Char(':'));
    t.remove(QLatin1Char(' '));
    static const QRegularExpression hex(QStringLiteral("^[0-9A-Fa-f]{64}$"));
    if (!hex.match(t).hasMatch()) {
        return std::nullopt;
    }
    t = t.toUpper();
    QString out;
    for (int i = 0; i < 64; i += 2) {
        if (i > 0) {
            out += QLatin1Char(':');
        }
        out += QStringView(t).mid(i, 2);
    }
    return out;
}

QList<QSslCertificate> readCaFile(const QString &file, QString *error)
{
    // A FIFO would block the open() until a writer comes, a device never end: refused.
    const QFileInfo info(file);
    if (info.exists() && !info.isFile()) {
        *error = TlsClient::tr("the CA file %1 is not a regular file").arg(file);
        return {};
    }
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = TlsClient::tr("cannot read the CA file %1: %2").arg(file, f.errorString());
        return {};
    }
    const QByteArray data = f.read(16 * 1024 * 1024);
    QList<QSslCertificate> certs = QSslCertificate::fromData(data, QSsl::Pem);
    if (certs.isEmpty()) {
        certs = QSslCertificate::fromData(data, QSsl::Der);
    }
    if (certs.isEmpty()) {
        *error = TlsClient::tr("the CA file %1 holds no certificate (PEM or DER)").arg(file);
    }
    return certs;
}

QString pinMismatch(const QSslCertificate &peer, const QString &pinned)
{
    return TlsClient::tr("refused: the server's certificate has the fingerprint %1, not the pinned %2")
        .arg(fingerprintSha256(peer), pinned);
}

QString handshakeRefusal(const QList<QSslError> &errors, const QSslCertificate &peer,
                         const QString &host, const TlsClientOptions &options)
{
    const QString fp = peer.isNull() ? QString() : fingerprintSha256(peer);
    const QString how = options.advice == TlsClientOptions::Advice::ChatTab
        ? TlsClient::tr("to trust it, choose \"Trust a CA file\" with the server's "
                        "certificate, or \"Pinned fingerprint\" with %1 (a StdLab server "
                        "window shows it under SHA-256, with Copy)")
              .arg(fp)
        : TlsClient::tr("to trust it, give its certificate as the CA file (stdlab send --tls-ca FILE; "
             "stdlab serve --tls-cert-out FILE writes it) or pin its fingerprint "
             "(--tls-fingerprint %1)")
              .arg(fp);
    if (has(errors, QSslError::CertificateExpired)) {
        return TlsClient::tr("the server's certificate expired on %1 (sha256 %2)")
            .arg(utcDate(peer.expiryDate()), fp);
    }
    if (has(errors, QSslError::CertificateNotYetValid)) {
        return TlsClient::tr("the server's certificate is not valid before %1 (sha256 %2): check this "
                  "computer's clock")
            .arg(utcDate(peer.effectiveDate()), fp);
    }
    if (has(errors, QSslError::SelfSignedCertificate)
        || has(errors, QSslError::SelfSignedCertificateInChain)
        || has(errors, QSslError::UnableToGetLocalIssuerCertificate)
        || has(errors, QSslError::UnableToGetIssuerCertificate)
        || has(errors, QSslError::UnableToVerifyFirstCertificate)
        || has(errors, QSslError::CertificateUntrusted)) {
        const bool self = has(errors, QSslError::SelfSignedCertificate);
        const QString whom = options.verify == TlsClientOptions::Verify::CaFile
            ? TlsClient::tr("the CA file %1").arg(options.caFile)
            : TlsClient::tr("the system's CAs");
        return (self ? TlsClient::tr("the server's certificate is self-signed and not trusted by %1 "
                          "(sha256 %2): %3")
                     : TlsClient::tr("the server's certificate is not signed by a CA among %1 "
                          "(sha256 %2): %3"))
            .arg(whom, fp, how);
    }
    if (has(errors, QSslError::HostNameMismatch)) {
        return TlsClient::tr("the server's certificate is for %1, not for %2 (sha256 %3)")
            .arg(names(peer), host, fp);
    }
    QStringList words;
    for (const QSslError &e : errors) {
        words.append(e.errorString());
    }
    return TlsClient::tr("the server's certificate was refused: %1").arg(words.join(QLatin1String("; ")));
}

} // namespace stdlab::net

#include "tlsidentity.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QSaveFile>

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace stdlab::net {

namespace {

template <typename T, void (*Free)(T *)>
struct Deleter
{
    void operator()(T *p) const { Free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using Bn = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using Ext = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;

QByteArray drain(BIO *bio)
{
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return n > 0 ? QByteArray(data, qsizetype(n)) : QByteArray();
}

bool addExtension(X509 *cert, X509V3_CTX *ctx, int nid, const QByteArray &value)
{
    const Ext ext(X509V3_EXT_conf_nid(nullptr, ctx, nid, value.constData()));
    return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

TlsIdentity failed(const QString &why)
{
    TlsIdentity identity;
    identity.error = why;
    return identity;
}

/// Reads a PEM file whole (at most 1 MiB: a certificate or key is a few KiB).
QByteArray readPem(const QString &file, QString *error)
{
    // A FIFO would block the open() until a writer comes, a device never end: refused.
    const QFileInfo info(file);
    if (info.exists() && !info.isFile()) {
        *error = QCoreApplication::translate("TlsIdentity", "%1 is not a regular file").arg(file);
        return {};
    }
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("TlsIdentity", "cannot read %1: %2").arg(file, f.errorString());
        return {};
    }
    const QByteArray data = f.read(1 << 20);
    if (data.isEmpty()) {
        *error = QCoreApplication::translate("TlsIdentity", "%1 is empty").arg(file);
    }
    return data;
}

/// Writes @p data to @p file all or nothing, readable by its owner only when @p secret.
bool writeFile(const QString &file, const QByteArray &data, bool secret, QString *error)
{
    QDir().mkpath(QFileInfo(file).absolutePath());
    QSaveFile f(file);
    if (!f.open(QIODevice::WriteOnly)) {
        *error = QCoreApplication::translate("TlsIdentity", "cannot write %1: %2").arg(file, f.errorString());
        return false;
    }
    if (secret) {
        // Before any byte is written: the temporary file never holds the key world-readable.
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    if (f.write(data) != data.size() || !f.commit()) {
        *error = QCoreApplication::translate("TlsIdentity", "cannot write %1: %2").arg(file, f.errorString());
        return false;
    }
    return true;
}

} // namespace

QString fingerprintSha256(const QSslCertificate &certificate)
{
    const QByteArray digest = certificate.digest(QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.toHex(':').toUpper());
}

QString TlsIdentity::fingerprint() const
{
    return fingerprintSha256(certificate);
}

TlsIdentity generateSelfSigned(const QStringList &hostnames, int days, int startDaysAgo)
{
    if (hostnames.isEmpty() || days < 1) {
        return failed(QCoreApplication::translate("TlsIdentity", "a certificate needs a host name and at least one day of validity"));
    }
    const Pkey key(EVP_EC_gen("P-256"));
    const X509Ptr cert(X509_new());
    if (!key || !cert) {
        return failed(QCoreApplication::translate("TlsIdentity", "OpenSSL could not make a key"));
    }
    // A random positive 159-bit serial (RFC 5280: at most 20 octets, unique per issuer).
    const Bn serial(BN_new());
    if (!serial || BN_rand(serial.get(), 159, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1
        || !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get()))) {
        return failed(QCoreApplication::translate("TlsIdentity", "OpenSSL could not make a serial number"));
    }
    X509_set_version(cert.get(), 2); // v3: extensions
    // An hour back: a client whose clock is a little behind still accepts it.
    const long start = -3600L - long(startDaysAgo) * 86400L;
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), start);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), start + 3600L + long(days) * 86400L);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME *name = X509_get_subject_name(cert.get());
    const QByteArray cn = hostnames.first().toUtf8();
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>("StdLab"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(cn.constData()), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);

    QStringList alt;
    for (const QString &host : hostnames) {
        alt << (QHostAddress(host).isNull() ? QStringLiteral("DNS:") : QStringLiteral("IP:")) + host;
    }
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
    // A self-signed end-entity certificate (not a CA: it cannot sign others), trusted by the
    // client as itself; the key identifiers keep strict verifiers (Python 3.13) content.
    const bool extended = addExtension(cert.get(), &ctx, NID_basic_constraints, "critical,CA:FALSE")
        && addExtension(cert.get(), &ctx, NID_key_usage, "critical,digitalSignature")
        && addExtension(cert.get(), &ctx, NID_ext_key_usage, "serverAuth")
        && addExtension(cert.get(), &ctx, NID_subject_key_identifier, "hash")
        && addExtension(cert.get(), &ctx, NID_authority_key_identifier, "keyid:always")
        && addExtension(cert.get(), &ctx, NID_subject_alt_name, alt.join(QLatin1Char(',')).toUtf8());
    if (!extended) {
        return failed(QCoreApplication::translate("TlsIdentity", "OpenSSL refused the certificate's names: %1").arg(hostnames.join(", ")));
    }
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0) {
        return failed(QCoreApplication::translate("TlsIdentity", "OpenSSL could not sign the certificate"));
    }
    const Bio certPem(BIO_new(BIO_s_mem()));
    const Bio keyPem(BIO_new(BIO_s_mem()));
    if (!certPem || !keyPem || PEM_write_bio_X509(certPem.get(), cert.get()) != 1
        || PEM_write_bio_PrivateKey(keyPem.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)
            != 1) {
        return failed(QCoreApplication::translate("TlsIdentity", "OpenSSL could not write the certificate"));
    }
    TlsIdentity identity;
    identity.certificate = QSslCertificate(drain(certPem.get()), QSsl::Pem);
    identity.key = QSslKey(drain(keyPem.get()), QSsl::Ec, QSsl::Pem);
    identity.generated = true;
    if (identity.certificate.isNull() || identity.key.isNull()) {
        return failed(QCoreApplication::translate("TlsIdentity", "Qt's TLS backend cannot read the certificate it was given"));
    }
    return identity;
}

TlsIdentity loadIdentity(const QString &certificateFile, const QString &keyFile)
{
    QString error;
    const QByteArray certPem = readPem(certificateFile, &error);
    if (!error.isEmpty()) {
        return failed(error);
    }
    const QByteArray keyPem = readPem(keyFile, &error);
    if (!error.isEmpty()) {
        return failed(error);
    }
    TlsIdentity identity;
    identity.certificateFile = certificateFile;
    identity.keyFile = keyFile;
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem, QSsl::Pem);
    if (chain.isEmpty()) {
        return failed(QCoreApplication::translate("TlsIdentity", "%1 holds no PEM certificate").arg(certificateFile));
    }
    identity.certificate = chain.first();
    // Which key is it? The certificate's own algorithm says.
    for (QSsl::KeyAlgorithm algorithm : {identity.certificate.publicKey().algorithm(), QSsl::Rsa,
                                         QSsl::Ec, QSsl::Dsa, QSsl::Dh}) {
        identity.key = QSslKey(keyPem, algorithm, QSsl::Pem);
        if (!identity.key.isNull()) {
            break;
        }
    }
    if (identity.key.isNull()) {
        return failed(keyPem.contains("ENCRYPTED")
                          ? QCoreApplication::translate("TlsIdentity", "%1 is an encrypted key: give one without a passphrase").arg(keyFile)
                          : QCoreApplication::translate("TlsIdentity", "%1 holds no PEM private key").arg(keyFile));
    }
    if (identity.key.type() != QSsl::PrivateKey) {
        return failed(QCoreApplication::translate("TlsIdentity", "%1 holds a public key, not the private key").arg(keyFile));
    }
    // The key must be the certificate's: compare the public halves (OpenSSL's
    // X509_check_private_key, which is what load_cert_chain reports as "key values mismatch").
    const Bio certBio(BIO_new_mem_buf(certPem.constData(), int(certPem.size())));
    const Bio keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())));
    const X509Ptr x509(PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr));
    const Pkey pkey(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr));
    if (!x509 || !pkey || X509_check_private_key(x509.get(), pkey.get()) != 1) {
        return failed(QCoreApplication::translate("TlsIdentity", "%1 is not the key of the certificate in %2 (key values mismatch)")
                          .arg(keyFile, certificateFile));
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (identity.certificate.expiryDate() < now) {
        return failed(QCoreApplication::translate("TlsIdentity", "the certificate in %1 expired on %2")
                          .arg(certificateFile,
                               identity.certificate.expiryDate().toString(Qt::ISODate)));
    }
    if (identity.certificate.effectiveDate() > now) {
        return failed(QCoreApplication::translate("TlsIdentity", "the certificate in %1 is not valid before %2")
                          .arg(certificateFile,
                               identity.certificate.effectiveDate().toString(Qt::ISODate)));
    }
    return identity;
}

TlsIdentity localIdentity(const QString &directory)
{
    const QString certFile = QDir(directory).filePath(QStringLiteral("localhost-cert.pem"));
    const QString keyFile = QDir(directory).filePath(QStringLiteral("localhost-key.pem"));
    if (QFileInfo::exists(certFile) && QFileInfo::exists(keyFile)) {
        TlsIdentity kept = loadIdentity(certFile, keyFile);
        if (kept.ok()
            && kept.certificate.expiryDate() > QDateTime::currentDateTimeUtc().addDays(1)) {
            return kept;
        }
        // Expired, damaged or mismatched: a new one replaces it (it is ours, not the user's).
    }
    TlsIdentity made = generateSelfSigned();
    if (!made.ok()) {
        return made;
    }
    QString error;
    // The key first: a certificate is never kept without its key.
    if (!writeFile(keyFile, made.key.toPem(), true, &error)
        || !writeFile(certFile, made.certificate.toPem(), false, &error)) {
        return failed(error);
    }
    made.certificateFile = certFile;
    made.keyFile = keyFile;
    return made;
}

bool writeCertificate(const TlsIdentity &identity, const QString &file, QString *error)
{
    return writeFile(file, identity.certificate.toPem(), false, error);
}

} // namespace stdlab::net

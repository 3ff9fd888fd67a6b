#pragma once

#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QStringList>

namespace stdlab::net {

/**
 * A TLS server's identity: its certificate and private key, where they are kept, and the
 * certificate's SHA-256 fingerprint (what a client pins, as `openssl x509 -fingerprint -sha256`
 * prints it).
 *
 * Qt can use certificates but not make them: the self-signed certificate for localhost is made
 * with OpenSSL's API (an EC P-256 key; subjectAltName DNS:localhost, IP:127.0.0.1, IP:::1;
 * extendedKeyUsage serverAuth), so that Python's `ssl.create_default_context(cafile=CERT)`,
 * `openssl s_client -verify_x509_strict` and QSslSocket accept it for "localhost".
 */
struct TlsIdentity
{
    QSslCertificate certificate;
    QSslKey key;
    QString certificateFile; ///< where the certificate (PEM) is kept; empty when in memory only
    QString keyFile; ///< where the key (PEM, mode 0600) is kept
    bool generated = false; ///< made now (not loaded)
    QString error; ///< why there is no identity (a user-readable sentence); empty when ok

    bool ok() const { return error.isEmpty() && !certificate.isNull() && !key.isNull(); }
    /// "AB:CD:..." (SHA-256 of the DER certificate, upper-case, colon-separated).
    QString fingerprint() const;
};

/// SHA-256 fingerprint of @p certificate as `openssl x509 -noout -fingerprint -sha256` shows it.
QString fingerprintSha256(const QSslCertificate &certificate);

/// A new self-signed certificate for @p hostnames (DNS names or IP addresses; the first is the
/// subject's CN), valid from an hour ago (or @p startDaysAgo days ago) for @p days days, with a
/// new EC P-256 key. In memory.
TlsIdentity generateSelfSigned(const QStringList &hostnames = {QStringLiteral("localhost"),
                                                               QStringLiteral("127.0.0.1"),
                                                               QStringLiteral("::1")},
                               int days = 825, int startDaysAgo = 0);

/// The certificate and key a user gives (PEM files): each is read and checked, and the key must
/// be the certificate's (a clear sentence in error otherwise: missing file, not PEM, encrypted
/// key, key of another certificate, expired certificate).
TlsIdentity loadIdentity(const QString &certificateFile, const QString &keyFile);

/// The app's own identity for localhost, kept in @p directory (localhost-cert.pem and
/// localhost-key.pem): loaded when it is there and still valid for at least a day, otherwise
/// generated and written there (the key readable by its owner only; each file all or nothing).
TlsIdentity localIdentity(const QString &directory);

/// Writes @p identity's certificate to @p file (PEM): what a client trusts (`--tls-ca`).
bool writeCertificate(const TlsIdentity &identity, const QString &file, QString *error);

} // namespace stdlab::net

#pragma once

// How a TLS client decides to trust a server, and why it refused one, in words a learner can
// act on. Used by TcpClient (QSslSocket), `stdlab send --tls` and the Chat tab.
#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QString>

#include <optional>

namespace stdlab::net {

/** What a TLS client trusts. */
struct TlsClientOptions
{
    enum class Verify {
        SystemCAs,   ///< the system's CAs and the host name (Python's create_default_context())
        CaFile,      ///< only the certificates of caFile, and the host name (cafile=...)
        Fingerprint, ///< exactly the certificate whose SHA-256 is fingerprint (pinned)
        Insecure,    ///< nothing checked (CERT_NONE, check_hostname=False)
    };
    bool enabled = false;
    Verify verify = Verify::SystemCAs;
    QString caFile;
    QString fingerprint; ///< "AB:CD:..." (normalizedFingerprint's form)
    /// Who reads a refusal's advice on how to trust a server: `stdlab send` (its options) or
    /// the Chat tab (its controls).
    enum class Advice { CommandLine, ChatTab };
    Advice advice = Advice::CommandLine;

    bool operator==(const TlsClientOptions &) const = default;
};

/// "AB:CD:…" (32 upper-case pairs) from what a user pastes: colons or not, any case, an
/// optional "sha256", "SHA256 Fingerprint=" or "sha256/" prefix; nullopt when it is not 64 hex
/// digits.
std::optional<QString> normalizedFingerprint(const QString &text);

/// The certificates of a PEM (or DER) file; @p error says why there are none.
QList<QSslCertificate> readCaFile(const QString &file, QString *error);

/// Why a handshake with @p host was refused: the most useful of @p errors (expired, not yet
/// valid, a host name mismatch, an untrusted or self-signed certificate), with what to do
/// about it and the certificate's fingerprint.
QString handshakeRefusal(const QList<QSslError> &errors, const QSslCertificate &peer,
                         const QString &host, const TlsClientOptions &options);

/// A pinned fingerprint that does not match: both fingerprints.
QString pinMismatch(const QSslCertificate &peer, const QString &pinned);

} // namespace stdlab::net

#pragma once

// TLS for the server's workers, below StreamSocket's reads and writes. Not part of the public
// API.
//
// Why not QSslServer/QSslSocket on the server side: the workers read and write raw descriptors
// (StreamSocket + EpollDispatcher, edge-triggered), and every server guarantee lives there
// (bounded output per client, readers that never read, lossless half-close, flood stop). TLS is
// a transformation of the bytes, so it sits under those reads and writes: OpenSSL's SSL object
// works on two memory BIOs (ciphertext in, ciphertext out) and StreamSocket moves that
// ciphertext with the same recv()/sendmsg() calls, EAGAIN and reset handling as plain TCP. The
// epoll interest then follows the ciphertext waiting to go out, exactly as for plain TCP; no
// WANT_WRITE state can hide from it. QSslSocket runs the same OpenSSL 3 underneath.
#include "tlsidentity.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

typedef struct ssl_ctx_st SSL_CTX;
typedef struct ssl_st SSL;
typedef struct bio_st BIO;

namespace stdlab::net {

/** A server's TLS configuration (certificate, key, protocol versions), shared by its workers. */
class TlsServerContext
{
public:
    /// Null with @p error set when OpenSSL refuses @p identity.
    static std::shared_ptr<TlsServerContext> create(const TlsIdentity &identity, QString *error);
    ~TlsServerContext();
    TlsServerContext(const TlsServerContext &) = delete;
    TlsServerContext &operator=(const TlsServerContext &) = delete;

    SSL_CTX *context() const { return m_ctx; }
    QString fingerprint() const { return m_fingerprint; }

private:
    TlsServerContext() = default;
    SSL_CTX *m_ctx = nullptr;
    QString m_fingerprint;
};

/** One server-side TLS session on memory BIOs: ciphertext in and out, plaintext in and out. */
class TlsTransport
{
public:
    explicit TlsTransport(std::shared_ptr<TlsServerContext> context);
    ~TlsTransport();
    TlsTransport(const TlsTransport &) = delete;
    TlsTransport &operator=(const TlsTransport &) = delete;

    enum Result {
        Ok,       ///< progress (bytes read, or the handshake finished)
        WantRead, ///< more ciphertext from the peer is needed
        Closed,   ///< the peer sent close_notify
        Failed,   ///< a protocol error; errorString() says which
    };

    /// Ciphertext from the peer. The first bytes decide whether the peer speaks TLS at all.
    void feed(QByteArrayView cipher);
    /// Ciphertext waiting in the input (not yet decrypted).
    qint64 bufferedInput() const;
    bool handshakeDone() const { return m_handshakeDone; }
    /// Advances the handshake; Ok once it is done (then waiting plaintext is encrypted).
    Result handshake();
    /// At most @p max plaintext bytes into @p buffer; *@p count says how many (Ok).
    Result read(char *buffer, qint64 max, qint64 *count);
    /// Plaintext to send: encrypted now, or kept until the handshake is done.
    bool write(QByteArrayView plain);
    /// Plaintext kept for after the handshake.
    qint64 pendingPlain() const { return m_plain.size(); }
    /// Ciphertext to send (handshake records, alerts, application data), taken out.
    QByteArray takeOutput();
    bool hasOutput() const;
    /// The peer's first byte opens no TLS record: a plain-text client (nc, telnet, http://).
    bool peerSpokePlainText() const;
    /// Queues close_notify (once).
    void closeNotify();
    QString errorString() const { return m_error; }

private:
    Result fail(const QString &why);
    QString openSslError(int sslError) const;

    std::shared_ptr<TlsServerContext> m_context;
    SSL *m_ssl = nullptr;
    BIO *m_in = nullptr; ///< owned by m_ssl
    BIO *m_out = nullptr; ///< owned by m_ssl
    QByteArray m_plain;
    QByteArray m_first; ///< the peer's first bytes (up to 16), to name a plain-text client
    QString m_error;
    bool m_handshakeDone = false;
    bool m_notified = false;
    bool m_checkedFirst = false;
};

/// "b'GET / HTTP/1.1\\r\\n'": @p bytes as Python's repr() shows them (for log lines).
QString pythonBytesRepr(QByteArrayView bytes);

} // namespace stdlab::net

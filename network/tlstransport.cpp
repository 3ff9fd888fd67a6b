#include "tlstransport.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include <climits>

namespace stdlab::net {

namespace {

/// The first byte of every TLS record that opens a connection (a handshake record).
constexpr char kHandshakeRecord = 0x16;

/// The oldest error OpenSSL queued for this thread, as its reason text; the queue is cleared.
QString takeOpenSslError()
{
    unsigned long code = ERR_get_error();
    QString text;
    if (code != 0) {
        const char *reason = ERR_reason_error_string(code);
        text = reason ? QString::fromLatin1(reason)
                      : QStringLiteral("OpenSSL error %1").arg(code, 0, 16);
    }
    ERR_clear_error();
    return text;
}

} // namespace

QString pythonBytesRepr(QByteArrayView bytes)
{
    const bool single = !bytes.contains('\'') || bytes.contains('"');
    QString out = single ? QStringLiteral("b'") : QStringLiteral("b\"");
    static const char hex[] = "0123456789abcdef";
    for (char ch : bytes) {
        const auto c = uchar(ch);
        if (c == '\\') {
            out += QStringLiteral("\\\\");
        } else if (c == '\'' && single) {
            out += QStringLiteral("\\'");
        } else if (c == '\n') {
            out += QStringLiteral("\\n");
        } else if (c == '\r') {
            out += QStringLiteral("\\r");
        } else if (c == '\t') {
            out += QStringLiteral("\\t");
        } else if (c < 0x20 || c >= 0x7f) {
            out += QStringLiteral("\\x") + QLatin1Char(hex[c >> 4]) + QLatin1Char(hex[c & 15]);
        } else {
            out += QLatin1Char(char(c));
        }
    }
    out += single ? QLatin1Char('\'') : QLatin1Char('"');
    return out;
}

// --- TlsServerContext ------------------------------------------------------------------------

std::shared_ptr<TlsServerContext> TlsServerContext::create(const TlsIdentity &identity,
                                                           QString *error)
{
    auto fail = [error](const QString &why) {
        if (error) {
            *error = why;
        }
        return std::shared_ptr<TlsServerContext>();
    };
    if (!identity.ok()) {
        return fail(identity.error.isEmpty() ? QStringLiteral("no TLS certificate") : identity.error);
    }
    ERR_clear_error();
    std::shared_ptr<TlsServerContext> c(new TlsServerContext);
    c->m_ctx = SSL_CTX_new(TLS_server_method());
    if (!c->m_ctx) {
        return fail(QStringLiteral("TLS: ") + takeOpenSslError());
    }
    SSL_CTX_set_min_proto_version(c->m_ctx, TLS1_2_VERSION);
    // Partial writes never happen on a memory BIO, but SSL_write must not keep a pointer to a
    // buffer the caller frees; idle sessions give their 34 KiB read/write buffers back (10,000
    // idle clients would otherwise hold 340 MB).
    SSL_CTX_set_mode(c->m_ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER
                                   | SSL_MODE_RELEASE_BUFFERS);
    SSL_CTX_set_options(c->m_ctx, SSL_OP_NO_RENEGOTIATION);
    // No session tickets: nothing here resumes sessions, and each ticket is a write per client.
    SSL_CTX_set_num_tickets(c->m_ctx, 0);

    const QByteArray certPem = identity.certificate.toPem();
    const QByteArray keyPem = identity.key.toPem();
    BIO *certBio = BIO_new_mem_buf(certPem.constData(), int(certPem.size()));
    X509 *cert = certBio ? PEM_read_bio_X509(certBio, nullptr, nullptr, nullptr) : nullptr;
    BIO_free(certBio);
    BIO *keyBio = BIO_new_mem_buf(keyPem.constData(), int(keyPem.size()));
    EVP_PKEY *key = keyBio ? PEM_read_bio_PrivateKey(keyBio, nullptr, nullptr, nullptr) : nullptr;
    BIO_free(keyBio);
    const bool ok = cert && key && SSL_CTX_use_certificate(c->m_ctx, cert) == 1
        && SSL_CTX_use_PrivateKey(c->m_ctx, key) == 1 && SSL_CTX_check_private_key(c->m_ctx) == 1;
    X509_free(cert);
    EVP_PKEY_free(key);
    if (!ok) {
        return fail(QStringLiteral("TLS: the certificate or key cannot be used: ")
                    + takeOpenSslError());
    }
    c->m_fingerprint = identity.fingerprint();
    return c;
}

TlsServerContext::~TlsServerContext()
{
    SSL_CTX_free(m_ctx);
}

// --- TlsTransport ----------------------------------------------------------------------------

TlsTransport::TlsTransport(std::shared_ptr<TlsServerContext> context)
    : m_context(std::move(context))
{
    m_ssl = SSL_new(m_context->context());
    m_in = BIO_new(BIO_s_mem());
    m_out = BIO_new(BIO_s_mem());
    if (!m_ssl || !m_in || !m_out) {
        BIO_free(m_in);
        BIO_free(m_out);
        m_in = m_out = nullptr;
        fail(QStringLiteral("out of memory for a TLS session"));
        return;
    }
    // An empty input is "try again", not the end.
    BIO_set_mem_eof_return(m_in, -1);
    BIO_set_mem_eof_return(m_out, -1);
    SSL_set_bio(m_ssl, m_in, m_out);
    SSL_set_accept_state(m_ssl);
}

TlsTransport::~TlsTransport()
{
    SSL_free(m_ssl); // frees both BIOs
}

TlsTransport::Result TlsTransport::fail(const QString &why)
{
    if (m_error.isEmpty()) {
        m_error = why;
    }
    return Failed;
}

void TlsTransport::feed(QByteArrayView cipher)
{
    if (!m_error.isEmpty() || cipher.isEmpty() || !m_in) {
        return;
    }
    if (!m_checkedFirst) {
        m_first += cipher.first(std::min<qsizetype>(cipher.size(), 16 - m_first.size()));
        if (m_first.size() >= 16 || m_first.front() != kHandshakeRecord) {
            m_checkedFirst = true;
        }
    }
    qsizetype done = 0;
    while (done < cipher.size()) {
        const int chunk = int(std::min<qsizetype>(cipher.size() - done, INT_MAX));
        const int n = BIO_write(m_in, cipher.data() + done, chunk);
        if (n <= 0) {
            fail(QStringLiteral("out of memory for TLS input"));
            return;
        }
        done += n;
    }
}

qint64 TlsTransport::bufferedInput() const
{
    return m_in ? qint64(BIO_ctrl_pending(m_in)) + SSL_pending(m_ssl) : 0;
}

QString TlsTransport::openSslError(int sslError) const
{
    QString reason = takeOpenSslError();
    if (reason.isEmpty()) {
        reason = sslError == SSL_ERROR_SYSCALL ? QStringLiteral("unexpected end of the stream")
                                               : QStringLiteral("error %1").arg(sslError);
    }
    return reason;
}

TlsTransport::Result TlsTransport::handshake()
{
    if (!m_error.isEmpty()) {
        return Failed;
    }
    if (m_handshakeDone) {
        return Ok;
    }
    if (peerSpokePlainText()) {
        // A client that does not speak TLS (nc, telnet, a browser on http://): said as such
        // rather than as OpenSSL's "wrong version number" or "http request".
        return fail(QStringLiteral("not a TLS client: it sent plain text %1")
                        .arg(pythonBytesRepr(m_first)));
    }
    ERR_clear_error();
    const int r = SSL_do_handshake(m_ssl);
    if (r == 1) {
        m_handshakeDone = true;
        if (!m_plain.isEmpty()) {
            const QByteArray plain = std::exchange(m_plain, QByteArray());
            if (!write(plain)) {
                return Failed;
            }
        }
        return Ok;
    }
    const int e = SSL_get_error(m_ssl, r);
    if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
        return WantRead; // a memory BIO always takes what is written
    }
    QString reason = openSslError(e);
    if (reason.contains(QLatin1String("unknown ca")) || reason.contains(QLatin1String("bad certificate"))
        || reason.contains(QLatin1String("certificate unknown"))) {
        reason += QStringLiteral(" (the client does not trust this server's certificate)");
    }
    return fail(QStringLiteral("handshake failed: ") + reason);
}

TlsTransport::Result TlsTransport::read(char *buffer, qint64 max, qint64 *count)
{
    *count = 0;
    if (!m_error.isEmpty()) {
        return Failed;
    }
    ERR_clear_error();
    size_t n = 0;
    const int r = SSL_read_ex(m_ssl, buffer, size_t(std::min<qint64>(max, INT_MAX)), &n);
    if (r == 1) {
        *count = qint64(n);
        return Ok;
    }
    const int e = SSL_get_error(m_ssl, r);
    switch (e) {
    case SSL_ERROR_WANT_READ:
    case SSL_ERROR_WANT_WRITE:
        return WantRead;
    case SSL_ERROR_ZERO_RETURN:
        return Closed;
    default:
        return fail(openSslError(e));
    }
}

bool TlsTransport::write(QByteArrayView plain)
{
    if (!m_error.isEmpty()) {
        return false;
    }
    if (!m_handshakeDone) {
        m_plain += plain;
        return true;
    }
    qsizetype done = 0;
    while (done < plain.size()) {
        ERR_clear_error();
        size_t n = 0;
        const int r = SSL_write_ex(m_ssl, plain.data() + done,
                                   size_t(std::min<qsizetype>(plain.size() - done, INT_MAX)), &n);
        if (r != 1) {
            fail(openSslError(SSL_get_error(m_ssl, r)));
            return false;
        }
        done += qsizetype(n);
    }
    return true;
}

bool TlsTransport::peerSpokePlainText() const
{
    return !m_first.isEmpty() && m_first.front() != kHandshakeRecord;
}

bool TlsTransport::hasOutput() const
{
    return m_out && BIO_ctrl_pending(m_out) > 0;
}

QByteArray TlsTransport::takeOutput()
{
    QByteArray out;
    if (!m_out) {
        return out;
    }
    const size_t pending = BIO_ctrl_pending(m_out);
    if (pending == 0) {
        return out;
    }
    out.resize(qsizetype(pending));
    const int n = BIO_read(m_out, out.data(), int(std::min<size_t>(pending, INT_MAX)));
    out.resize(std::max(0, n));
    return out;
}

void TlsTransport::closeNotify()
{
    if (m_notified || !m_handshakeDone || !m_error.isEmpty()) {
        return;
    }
    m_notified = true;
    ERR_clear_error();
    SSL_shutdown(m_ssl); // queues close_notify in the output; the peer's is not waited for
    ERR_clear_error();
}

} // namespace stdlab::net

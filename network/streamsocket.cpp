#include "streamsocket.h"

#include "tlstransport.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace stdlab::net {

namespace {

constexpr int kMaxIov = 64;
// Small copied writes join the last buffer up to this size.
constexpr qint64 kJoinBytes = 16 * 1024;
// TLS: ciphertext is taken from the kernel this much at a time, only when the session needs
// more to make progress (so what a TLS session buffers stays about one record).
constexpr qint64 kTlsReadBytes = 32 * 1024;
// What a client that speaks no TLS is told before the connection closes.
constexpr char kPlainTextRefusal[] = "sorry, this server speaks TLS: connect with a TLS client "
                                     "(ncat --ssl, openssl s_client, stdlab send tcp --tls)\n";

} // namespace

StreamSocket::StreamSocket(int fd) : m_fd(fd)
{
    if (m_fd < 0) {
        return;
    }
    const int flags = ::fcntl(m_fd, F_GETFL);
    if (flags >= 0 && !(flags & O_NONBLOCK)) {
        ::fcntl(m_fd, F_SETFL, flags | O_NONBLOCK);
    }
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getpeername(m_fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0) {
        m_peerAddress = QHostAddress(reinterpret_cast<const sockaddr *>(&addr));
        if (addr.ss_family == AF_INET) {
            m_peerPort = ntohs(reinterpret_cast<const sockaddr_in *>(&addr)->sin_port);
        } else if (addr.ss_family == AF_INET6) {
            m_peerPort = ntohs(reinterpret_cast<const sockaddr_in6 *>(&addr)->sin6_port);
        }
    }
    // No address (a client that reset right after it was accepted): its first read says so.
}

StreamSocket::~StreamSocket()
{
    close();
}

void StreamSocket::fail(int error)
{
    if (m_errno == 0) {
        m_errno = error != 0 ? error : EIO;
    }
}

void StreamSocket::startServerTls(std::shared_ptr<TlsServerContext> context)
{
    m_tls = std::make_unique<TlsTransport>(std::move(context));
    if (!m_tls->errorString().isEmpty()) {
        failTls();
    }
}

bool StreamSocket::tlsHandshaking() const
{
    return m_tls && !m_tlsFailed && !m_tls->handshakeDone();
}

bool StreamSocket::hasBufferedInput() const
{
    return m_tls && (m_endPending || m_tls->bufferedInput() > 0);
}

qint64 StreamSocket::bytesToWrite() const
{
    return m_outBytes + (m_tls ? m_tls->pendingPlain() : 0);
}

void StreamSocket::failTls()
{
    if (m_tlsFailed || failed()) {
        return;
    }
    m_tlsFailed = true;
    m_tlsError = m_tls ? m_tls->errorString() : QString();
    fail(EPROTO);
}

void StreamSocket::takeTlsOutput()
{
    QByteArray cipher = m_tls->takeOutput();
    if (!cipher.isEmpty()) {
        appendOwn(std::move(cipher));
    }
}

qint64 StreamSocket::feedTls()
{
    char cipher[kTlsReadBytes];
    for (;;) {
        const ssize_t n = ::recv(m_fd, cipher, sizeof cipher, MSG_DONTWAIT);
        if (n > 0) {
            m_tls->feed(QByteArrayView(cipher, n));
            return n;
        }
        if (n == 0) {
            return -1; // the end of the TCP stream (with or without close_notify)
        }
        if (errno == EINTR) {
            continue;
        }
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            return 0;
        }
        fail(errno);
        return -1;
    }
}

qint64 StreamSocket::tlsRead(char *buffer, qint64 max)
{
    if (m_endPending) {
        m_endPending = false;
        if (!failed()) {
            m_atEnd = true;
        }
        return -1;
    }
    qint64 total = 0;
    // Stops at a full buffer, when the kernel has no more, or at the end: a read that returns
    // less than asked has drained the kernel, as edge-triggered epoll needs (or the end waits
    // in m_endPending: hasBufferedInput()). Bounded: each turn makes progress or returns.
    for (int turn = 0; turn < 1 << 20; ++turn) {
        TlsTransport::Result r;
        qint64 n = 0;
        if (!m_tls->handshakeDone()) {
            r = m_tls->handshake();
        } else {
            r = m_tls->read(buffer + total, max - total, &n);
        }
        takeTlsOutput();
        if (r == TlsTransport::Ok) {
            total += n;
            if (total >= max) {
                break;
            }
            continue;
        }
        bool end = false;
        if (r == TlsTransport::WantRead) {
            const qint64 fed = feedTls();
            if (fed > 0) {
                continue;
            }
            if (fed == 0) {
                break; // the kernel has no more now
            }
            end = true; // the peer closed, or the connection failed
        } else if (r == TlsTransport::Closed) {
            end = true;
        } else {
            if (m_tls->peerSpokePlainText() && !failed()) {
                appendOwn(QByteArrayView(kPlainTextRefusal));
                flush();
            }
            failTls();
            end = true;
        }
        if (end) {
            if (total > 0) {
                m_endPending = true;
                break;
            }
            if (!failed()) {
                m_atEnd = true;
            }
            if (m_outBytes > 0) {
                flush();
            }
            return -1;
        }
    }
    if (m_outBytes > 0) {
        flush(); // handshake records, alerts: they go now, not after the next epoll wait
    }
    return total;
}

void StreamSocket::sendCloseNotify()
{
    if (!m_tls || failed() || m_fd < 0) {
        return;
    }
    m_tls->closeNotify();
    takeTlsOutput();
    flush();
}

qint64 StreamSocket::read(char *buffer, qint64 max)
{
    if (m_fd < 0 || m_atEnd || failed()) {
        return -1;
    }
    if (m_tls) {
        return tlsRead(buffer, max);
    }
    for (;;) {
        const ssize_t n = ::recv(m_fd, buffer, size_t(max), MSG_DONTWAIT);
        if (n > 0) {
            return n;
        }
        if (n == 0) {
            m_atEnd = true;
            return -1;
        }
        if (errno == EINTR) {
            continue;
        }
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            return 0;
        }
        fail(errno);
        return -1;
    }
}

QByteArray StreamSocket::readRemaining()
{
    QByteArray all;
    if (m_fd < 0) {
        return all;
    }
    char buffer[16384];
    if (m_tls) {
        // Plaintext of what the peer sent before it went away (its records decrypted).
        for (int i = 0; i < 4096; ++i) {
            const qint64 n = tlsRead(buffer, sizeof buffer);
            if (n <= 0) {
                break;
            }
            all.append(buffer, n);
        }
        return all;
    }
    for (int i = 0; i < 4096; ++i) { // bounded: at most 64 MiB, more than any socket buffer
        const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n > 0) {
            all.append(buffer, n);
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n == 0) {
            m_atEnd = true;
        }
        break;
    }
    return all;
}

void StreamSocket::write(QByteArrayView data)
{
    if (data.isEmpty() || m_fd < 0) {
        return;
    }
    if (m_tls) {
        if (!m_tls->write(data)) {
            failTls();
            return;
        }
        takeTlsOutput();
        return;
    }
    appendOwn(data);
}

void StreamSocket::appendOwn(QByteArrayView data)
{
    if (m_backIsOwn && !m_out.empty() && m_out.back().size() + data.size() <= kJoinBytes) {
        m_out.back().append(data);
        m_outBytes += data.size();
    } else {
        appendOwn(data.toByteArray());
    }
}

void StreamSocket::appendOwn(QByteArray &&data)
{
    m_outBytes += data.size();
    if (m_backIsOwn && !m_out.empty() && m_out.back().size() + data.size() <= kJoinBytes) {
        m_out.back().append(data);
    } else {
        m_out.push_back(std::move(data)); // a buffer of this socket's own: later writes may join it
        m_backIsOwn = true;
    }
}

void StreamSocket::write(const QByteArray &data)
{
    if (data.isEmpty() || m_fd < 0) {
        return;
    }
    if (m_tls) {
        write(QByteArrayView(data)); // encrypted per connection: nothing to share
        return;
    }
    m_out.push_back(data);
    m_backIsOwn = false;
    m_outBytes += data.size();
}

bool StreamSocket::send(QByteArrayView data)
{
    if (m_fd < 0 || failed()) {
        return false;
    }
    if (m_outBytes > 0 || m_tls) {
        write(data);
        return flush();
    }
    qint64 done = 0;
    while (done < data.size()) {
        const ssize_t n = ::send(m_fd, data.data() + done, size_t(data.size() - done),
                                 MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n >= 0) {
            done += n;
            continue;
        }
        if (errno == EINTR) {
            continue;
        }
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            break;
        }
        fail(errno);
        return false;
    }
    appendOwn(data.sliced(done));
    return true;
}

bool StreamSocket::flush()
{
    if (m_fd < 0 || failed()) {
        return false;
    }
    while (m_outBytes > 0) {
        iovec iov[kMaxIov];
        int count = 0;
        size_t offered = 0;
        for (auto it = m_out.begin(); it != m_out.end() && count < kMaxIov; ++it, ++count) {
            const qint64 skip = count == 0 ? m_frontOffset : 0;
            iov[count].iov_base = const_cast<char *>(it->constData() + skip);
            iov[count].iov_len = size_t(it->size() - skip);
            offered += iov[count].iov_len;
        }
        msghdr msg{};
        msg.msg_iov = iov;
        msg.msg_iovlen = size_t(count);
        const ssize_t n = ::sendmsg(m_fd, &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                return true;
            }
            fail(errno);
            return false;
        }
        m_outBytes -= n;
        qint64 left = n;
        while (left > 0) {
            const qint64 rest = m_out.front().size() - m_frontOffset;
            if (left < rest) {
                m_frontOffset += left;
                break;
            }
            left -= rest;
            m_frontOffset = 0;
            m_out.pop_front();
        }
        if (m_out.empty()) {
            m_backIsOwn = false;
        }
        if (size_t(n) < offered) {
            return true; // the kernel took less than offered: it is full
        }
    }
    return true;
}

bool StreamSocket::wasReset() const
{
    return !m_tlsFailed && (m_errno == ECONNRESET || m_errno == EPIPE);
}

QAbstractSocket::SocketError StreamSocket::error() const
{
    switch (m_errno) {
    case 0:
        return QAbstractSocket::UnknownSocketError;
    case ECONNRESET:
    case EPIPE:
        return QAbstractSocket::RemoteHostClosedError;
    case ETIMEDOUT:
        return QAbstractSocket::SocketTimeoutError;
    case ENOMEM:
    case ENOBUFS:
        return QAbstractSocket::SocketResourceError;
    default:
        return QAbstractSocket::NetworkError;
    }
}

QString StreamSocket::errorString() const
{
    if (m_tlsFailed) {
        return m_tlsError;
    }
    return m_errno == 0 ? QString() : QString::fromLocal8Bit(std::strerror(m_errno));
}

void StreamSocket::close()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    m_out.clear();
    m_outBytes = 0;
    m_frontOffset = 0;
    m_backIsOwn = false;
    m_tls.reset(); // its buffers and keys go now, not when the connection's record does
}

} // namespace stdlab::net

#include "streamsocket.h"

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

qint64 StreamSocket::read(char *buffer, qint64 max)
{
    if (m_fd < 0 || m_atEnd || failed()) {
        return -1;
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
    if (m_backIsOwn && !m_out.empty() && m_out.back().size() + data.size() <= kJoinBytes) {
        m_out.back().append(data);
    } else {
        m_out.emplace_back(data.toByteArray());
        m_backIsOwn = true;
    }
    m_outBytes += data.size();
}

void StreamSocket::write(const QByteArray &data)
{
    if (data.isEmpty() || m_fd < 0) {
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
    if (m_outBytes > 0) {
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
    write(data.sliced(done));
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
    return m_errno == ECONNRESET || m_errno == EPIPE;
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
}

} // namespace stdlab::net

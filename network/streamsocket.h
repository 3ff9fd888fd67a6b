#pragma once

// A connected TCP descriptor read and written with plain system calls, for the server's
// workers. QTcpSocket copies every read through its own buffer, asks the kernel how much is
// there (an ioctl beside each read) and emits signals per read and write: on an echo load that
// was about a third of the server's CPU above the kernel's own work. Not part of the public API.
#include <QAbstractSocket>
#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QString>

#include <deque>
#include <memory>

namespace stdlab::net {

class TlsServerContext;
class TlsTransport;

class StreamSocket
{
public:
    /// Takes @p fd (a connected stream socket) and makes it non-blocking.
    explicit StreamSocket(int fd);
    ~StreamSocket();
    StreamSocket(const StreamSocket &) = delete;
    StreamSocket &operator=(const StreamSocket &) = delete;

    /// Speaks TLS from now on, as the server side (the peer's ClientHello is the first input):
    /// read() returns plaintext, write()/send() take plaintext, and the ciphertext goes
    /// through the same system calls and output queue as plain TCP.
    void startServerTls(std::shared_ptr<TlsServerContext> context);
    bool isTls() const { return m_tls != nullptr; }
    /// TLS, and the handshake is not finished yet.
    bool tlsHandshaking() const;
    /// The connection ended on a TLS failure (a handshake refused, a client that speaks no
    /// TLS, a corrupt record): errorString() says which.
    bool tlsFailed() const { return m_tlsFailed; }
    /// Input read from the kernel but not yet returned by read() (TLS keeps whole records):
    /// a read that returned less than asked does not mean the kernel is drained.
    bool hasBufferedInput() const;
    /// TLS: queues close_notify and tries once to send it (nothing waits for the peer's).
    void sendCloseNotify();

    int descriptor() const { return m_fd; }
    bool isOpen() const { return m_fd >= 0; }
    QHostAddress peerAddress() const { return m_peerAddress; }
    quint16 peerPort() const { return m_peerPort; }

    /// At most @p max bytes into @p buffer: the count read; 0 when the kernel has nothing now;
    /// -1 at the end: the peer closed (atEnd()) or the connection failed (failed()).
    qint64 read(char *buffer, qint64 max);
    /// Everything the kernel still holds for us, read until it has no more (a connection that a
    /// write found reset still has the bytes the peer sent before it closed).
    QByteArray readRemaining();

    /// Appends to the output; nothing is sent before flush() or send().
    void write(QByteArrayView data);
    /// The same bytes, shared (a room line is one buffer for every member's queue).
    void write(const QByteArray &data);
    /// Sends @p data now if no output waits, else after it; what the kernel does not take
    /// waits. False when the connection failed.
    bool send(QByteArrayView data);
    /// Sends what waits, as much as the kernel takes now (one system call for up to 64
    /// buffers). False when the connection failed.
    bool flush();
    /// Bytes waiting to be sent (with TLS, also plaintext kept until the handshake is done).
    qint64 bytesToWrite() const;
    /// Output the kernel could take now: watch for room to write while this is true.
    bool wantsWrite() const { return m_outBytes > 0; }

    bool atEnd() const { return m_atEnd; }
    bool failed() const { return m_errno != 0; }
    /// The peer reset the connection (ECONNRESET, EPIPE): what Qt calls RemoteHostClosedError.
    bool wasReset() const;
    int systemError() const { return m_errno; }
    QAbstractSocket::SocketError error() const;
    QString errorString() const;

    /// Closes the descriptor now; waiting output is dropped.
    void close();

private:
    void fail(int error);
    qint64 tlsRead(char *buffer, qint64 max);
    /// Moves the TLS session's ciphertext into the output queue.
    void takeTlsOutput();
    void failTls();
    /// Appends a copy of @p data to the output (small copies join the last buffer).
    /// Queues bytes this socket owns (copied, or TLS records taken over); small ones join the
    /// last such buffer.
    void appendOwn(QByteArrayView data);
    void appendOwn(QByteArray &&data);
    /// recv() into the TLS session: >0 bytes fed, 0 nothing now, -1 end or error.
    qint64 feedTls();

    int m_fd = -1;
    int m_errno = 0;
    bool m_atEnd = false;
    QHostAddress m_peerAddress;
    quint16 m_peerPort = 0;
    std::deque<QByteArray> m_out;
    qint64 m_frontOffset = 0; ///< bytes of m_out.front() already sent
    qint64 m_outBytes = 0;
    bool m_backIsOwn = false; ///< m_out.back() is a copy of ours (small writes join it)
    std::unique_ptr<TlsTransport> m_tls;
    bool m_tlsFailed = false;
    QString m_tlsError;
    bool m_endPending = false; ///< TLS: the end (or a failure) comes after the bytes returned
};

} // namespace stdlab::net

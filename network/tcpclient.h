#pragma once

#include "chat/framingspec.h"
#include "netevent.h"
#include "tlsclient.h"

#include <QHostAddress>
#include <QList>
#include <QObject>

#include <memory>

namespace stdlab::net {

/**
 * The course's TCP client: connect (with a timeout), send, receive, disconnect, reconnect.
 * Refused / timed out / host not found arrive as Error events with a clear text; sending
 * "bye" (once stripped) ends the session like the course's interactive client.
 */
class TcpClient : public QObject
{
    Q_OBJECT

public:
    explicit TcpClient(QObject *parent = nullptr);
    ~TcpClient() override;

    /// TLS for the next connectToHost() (QSslSocket): connected once the handshake is done and
    /// the server trusted as @p options says; a refusal is a ConnectFailed/TlsRefused Error
    /// event saying why (handshakeRefusal()).
    void setTls(const TlsClientOptions &options);
    TlsClientOptions tls() const;
    void connectToHost(const QString &host, quint16 port, int timeoutMs = 5000);
    void disconnectFromHost();
    /// False (and an Error event) when not connected.
    bool send(const QByteArray &data);
    /// @p payload framed as framing() says ("\n" added, a length prefix, NUL padding); the
    /// Sent event carries the framed bytes; "bye" ends the session after it. False when not
    /// connected.
    bool sendMessage(const QByteArray &payload);
    /// How replies are cut into Message events and how sendMessage() frames (default newline).
    /// Applies from the next connection.
    void setFraming(const Framing &framing);
    Framing framing() const;

    bool isConnected() const;
    bool isConnecting() const;
    QString peer() const; ///< "address:port" of the server, once connected
    TrafficTotals totals() const;
    void setBatchInterval(int ms); ///< default 50; 0 = deliver at the next event-loop pass
    qint64 bytesToWrite() const;   ///< sent but not yet taken by the kernel
    /// A Read event per read, a FIN as a Read of 0 bytes (the Chunks view); off by default.
    void setReportReads(bool on);
    /// Each send() of the next connections goes to their send log (chat/sendlog.h) and to the
    /// kernel at once (one send() system call per send, not joined by Qt's buffer).
    void setRecordSends(bool on);
    /// The slow reader: at most @p bytes per read, @p pauseMs between reads (Qt's buffer is
    /// held to @p bytes, so the rest waits in the kernel and the sender blocks). 0: off.
    void setSlowReader(int bytes, int pauseMs);

    /// The addresses connectToHost() tries, in order: @p resolved without repeats, and for
    /// localhost (or *.localhost) both loopbacks, 127.0.0.1 and ::1, whichever the resolver
    /// left out. The Connected event's data names the ones that refused before one answered.
    static QList<QHostAddress> connectCandidates(const QString &host,
                                                 const QList<QHostAddress> &resolved);

Q_SIGNALS:
    void eventsReady(const stdlab::net::NetEvents &events);
    void stateChanged(bool connected);
    /// The bytes of each read as they arrive, unbatched (for nc-like tools that print them raw).
    void dataReceived(const QByteArray &data);
    /// Every message framing() cuts from the replies, unbatched (a length-framed payload).
    void messageReceived(const QByteArray &message);
    /// The kernel took @p bytes of what send() queued (bytesToWrite() went down).
    void bytesWritten(qint64 bytes);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

/**
 * The course's UDP client: datagrams to host:port (more than 65,507 bytes → a clear Error),
 * replies reported as Datagram events.
 */
class UdpClient : public QObject
{
    Q_OBJECT

public:
    explicit UdpClient(QObject *parent = nullptr);
    ~UdpClient() override;

    /// Resolves @p host if needed (asynchronously) and sends. False at once for bad input.
    bool send(const QString &host, quint16 port, const QByteArray &data);
    /// "datagram too large: 70,000 bytes (the maximum is 65,507)"
    static QString tooLargeText(qint64 bytes);
    TrafficTotals totals() const;
    void setBatchInterval(int ms);

Q_SIGNALS:
    void eventsReady(const stdlab::net::NetEvents &events);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace stdlab::net

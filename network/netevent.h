#pragma once

#include <QAbstractSocket>
#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QMetaType>
#include <QString>

/**
 * The network engine's vocabulary, shared by every server and client: what happened (events,
 * delivered in batches), who is connected (client stats) and how much went through (totals).
 * The Chat panel and `stdlab serve/send` consume the same events.
 */
namespace stdlab::net {

/// "127.0.0.1:53210" or "[::1]:53210"; an IPv4-mapped IPv6 address is shown as IPv4.
QString formatPeer(const QHostAddress &address, quint16 port);
/// @p address with an IPv4-mapped IPv6 address (::ffff:a.b.c.d) turned into IPv4.
QHostAddress normalizedAddress(const QHostAddress &address);

/// Why a connection ended. NetEvent::reason carries the same as a stable English keyword (logs,
/// `stdlab serve`); a panel switches on this code and words it itself.
enum class DisconnectReason {
    None,
    Bye,           ///< "bye": either end sent bye
    ClosedByPeer,  ///< "closed by peer"
    Kicked,        ///< "kicked": the operator closed it
    ServerStopped, ///< "server stopped"
    Greeted,       ///< "greeted": a greet server closes after its reply
    Disconnected,  ///< "disconnected": this end (a client) closed
    Reconnecting,  ///< "reconnecting": the client connects elsewhere
    Idle,          ///< "idle": silent longer than the idle timeout
    LineTooLong,   ///< "line too long": over ServerOptions::maxLineBytes
    FrameTooLong,  ///< "frame too long": a length prefix over ServerOptions::maxFrameBytes
    NotReading,    ///< "not reading (buffer limit)": its output queue stayed over the cap
    SocketError,   ///< "error: <system text>"; NetEvent::socketError says which
    TlsFailed,     ///< "tls: <what failed>": a handshake, a client that speaks no TLS, a record
    /// "server memory budget": its unfinished message and output would have passed the whole
    /// server's budget (ServerOptions::maxBufferBytes)
    MemoryBudget,
};
/// The keyword of @p reason ("bye", "closed by peer", ...); SocketError gives "error".
QString disconnectReasonKeyword(DisconnectReason reason);

/// What an Error event (or a failed listen()) is about; the text says it with the details.
enum class NetError {
    None,
    ConnectionRefused,   ///< nothing listens there
    HostNotFound,
    ConnectTimeout,
    ConnectFailed,       ///< any other failure to connect; socketError says which
    NotConnected,        ///< send without a connection
    AddressInUse,        ///< listen: the port is taken
    AccessDenied,        ///< listen: privileged port or permission denied
    AddressNotAvailable, ///< listen: not an address of this machine
    ListenFailed,        ///< listen: anything else; socketError says which
    ServerFull,          ///< a client refused: the maximum number of clients is reached
    OutOfDescriptors,    ///< a client refused: the process is out of file descriptors
    AcceptFailed,        ///< the listening socket cannot accept now (retried)
    ConnectionSetupFailed, ///< an accepted descriptor could not be taken over
    SendFailed,          ///< a datagram could not be sent
    DatagramTooLarge,
    NoDestination,
    EventsDropped,       ///< the GUI was too slow: message events were counted, not queued
    NoSuchClient,        ///< the operator addressed a client that is not connected
    RuleFailed,          ///< rules mode: a rule stopped at the backtracking limit (skipped)
    FrameTooLong,        ///< a length prefix over the limit (the text says both sizes)
    PartialFrame,        ///< the stream ended inside a length/fixed frame (what was missing)
    TlsRefused,          ///< a TLS client refused the server (certificate, pin, no TLS there)
    MemoryBudget,        ///< a client closed: it would have passed the server's memory budget
};
/// The listen() error for a socket error of QTcpServer/QUdpSocket::bind().
NetError listenError(QAbstractSocket::SocketError error);

struct NetEvent
{
    enum Kind {
        Listening,    ///< a server is bound: peer = "address:port" it listens on
        Connected,    ///< a client connected (server side), or we connected (client side)
        Message,      ///< bytes received on a TCP connection: one line, terminator removed
        Sent,         ///< bytes the operator sent (data = the bytes)
        Datagram,     ///< a UDP datagram received (peer = its sender)
        Disconnected, ///< reason says why: "bye", "closed by peer", "kicked", ...
        Error,        ///< data = the message (UTF-8), peer may be empty
        Stopped,      ///< a server stopped; data = a one-line summary
        /// One read (recv) on a TCP connection, only when asked for (reportReads): offset and
        /// size place it in the stream, data holds at most its first kReadPreviewBytes.
        Read,
    };

    /// A Read event carries at most this many of the read's bytes (size says how many it had).
    static constexpr qsizetype kReadPreviewBytes = 4096;

    Kind kind = Error;
    QDateTime time;
    quint64 client = 0; ///< server side: the client's id; 0 when none
    QString peer;       ///< "address:port" of the other end (or of the listening socket)
    QByteArray data;
    QString reason;     ///< Disconnected only: disconnectReasonKeyword(), or "error: <text>"
    DisconnectReason disconnectReason = DisconnectReason::None; ///< Disconnected only
    NetError error = NetError::None;                            ///< Error only
    /// The system's error behind SocketError / ConnectFailed / ListenFailed / SendFailed.
    QAbstractSocket::SocketError socketError = QAbstractSocket::UnknownSocketError;
    qint64 offset = 0; ///< Read: the bytes received on this connection before this read
    qint64 size = 0;   ///< Read: the bytes this read returned
    qint64 timeUs = 0; ///< Read, Connected: microseconds since the epoch (reads come µs apart)
    QString local = {}; ///< Connected: this end's "address:port" (names the peer's send log)
};
using NetEvents = QList<NetEvent>;

/** One connected client as the server sees it. */
struct ClientStats
{
    quint64 id = 0;
    QString peer; ///< "address:port"
    QString nickname; ///< room mode: set with /nick
    QDateTime since;
    qint64 bytesIn = 0;
    qint64 bytesOut = 0;
    qint64 messagesIn = 0;
    qint64 messagesOut = 0;
    QString thread; ///< the thread serving it, e.g. "worker 2 of 4" or "client thread 9"
    int worker = 0;  ///< its pool worker, 1..workers; 0 when it has a thread of its own
    int workers = 0; ///< the pool's size; 0 with a thread per client
    qint64 pendingOut = 0; ///< bytes queued for the client, not yet taken by the kernel
    qint64 pendingIn = 0;  ///< bytes read from the client, not yet handled (TCP workers handle
                           ///< what they read at once: 0; the rest waits in the kernel)
};

/** Running totals of a server or client since it started. */
struct TrafficTotals
{
    int clients = 0;
    qint64 bytesIn = 0;
    qint64 bytesOut = 0;
    qint64 messagesIn = 0;
    qint64 messagesOut = 0;
    /// Servers: bytes held now for clients in unfinished messages and unsent output (what
    /// ServerOptions::maxBufferBytes bounds), and the most held at once.
    qint64 buffered = 0;
    qint64 bufferedPeak = 0;
};

} // namespace stdlab::net

Q_DECLARE_METATYPE(stdlab::net::NetEvent)
Q_DECLARE_METATYPE(stdlab::net::NetEvents)
Q_DECLARE_METATYPE(stdlab::net::ClientStats)

#pragma once

#include "chat/framingspec.h"
#include "chat/replyrules.h"
#include "chat/servermode.h"
#include "netevent.h"
#include "tlsidentity.h"

#include <QObject>

#include <memory>
#include <optional>

namespace stdlab::net {

// One definition of the modes for the engine, the Python code shown and the panel (core/chat).
using stdlab::ServerMode;
using stdlab::parseServerMode;
using stdlab::serverModeName;

/// A client is taken only while this many descriptors would stay free for the rest of the process
/// (Qt, GLib, the GUI, the sanitizers' runtime); otherwise it is refused with the reason.
inline constexpr int kSpareDescriptors = 8;
/// What one per-client thread costs besides its socket: its epoll and its wake-up eventfd.
inline constexpr int kThreadDescriptors = 2;

/// ServerOptions::maxBufferBytes by default.
inline constexpr qint64 kDefaultMaxBufferBytes = 256 * 1024 * 1024;

/// The pool's size when none is given: a worker per core but one, at least one. The owner
/// thread (the CLI printing every event, or the GUI) needs a core of its own: with as many
/// workers as cores, on a 2-core machine with a load generator on one core, a worker waited on
/// the run queue while the other ran and the p99 round trip was 2.4x the single-threaded epoll
/// server's (one worker: 0.94-1.05x; same throughput).
int defaultWorkerThreads();

struct ServerOptions
{
    QHostAddress address = QHostAddress(QHostAddress::LocalHost); ///< the LAN only when chosen
    quint16 port = 0;                                             ///< 0: pick one, see port()
    ServerMode mode = ServerMode::Echo;
    QByteArray greeting = QByteArrayLiteral("Un saludo crack!\n");
    /// Rules mode: the compiled rules (shared by the workers); none means no line is answered.
    std::shared_ptr<const chat::ReplyRules> rules;
    int threads = 0;              ///< worker threads; 0 = defaultWorkerThreads()
    bool threadPerClient = false; ///< the course's ClientThread design, for teaching/comparison
    int maxClients = 10000;       ///< beyond it a new client is told why and closed
    /// How messages are cut from each client's stream, and how replies are framed.
    Framing framing;
    int maxLineBytes = 64 * 1024; ///< newline: a longer line ends the client ("line too long")
    /// length: a prefix announcing more ends the client ("frame too long"), before any of it is
    /// stored; fixed: the largest size (kMaxFrameBytes).
    qint64 maxFrameBytes = kMaxFrameBytes;
    qint64 maxPendingBytes = 4 * 1024 * 1024; ///< unsent output per client before it is dropped
    /// One budget for the whole server (every worker): the bytes its clients hold in
    /// unfinished messages (a line or a frame not yet whole) and in output waiting for one
    /// client (replies, the operator's messages). A client whose growth would pass it is closed
    /// ("server memory budget"); those holding nothing are never touched. A room's lines are one
    /// copy shared by its members, each at most maxPendingBytes behind: not counted per member.
    /// 0: no budget (each client still has its own limits).
    qint64 maxBufferBytes = kDefaultMaxBufferBytes;
    int idleTimeoutMs = 0;        ///< 0: none
    int batchIntervalMs = 50;     ///< events and client updates are delivered at most this often
    /// A client whose output stays over maxPendingBytes this long (it does not read) is
    /// dropped ("not reading (buffer limit)"); meanwhile nothing more is read from it.
    int stallTimeoutMs = 10000;
    bool reportMessages = true; ///< false: no Message events (counters still count)
    /// Sent events for what the server answers on its own (the greeting, the echoes), so a log
    /// shows both sides; off by default (`stdlab serve` prints what clients send).
    bool reportReplies = false;
    /// TLS with this certificate and key (null: plain TCP). The Listening event's info then
    /// carries "tls sha256=<fingerprint>".
    std::shared_ptr<const TlsIdentity> tls;
    /// A TLS client that has not finished its handshake this long is closed ("tls: no
    /// handshake within N s"): a client that connects and never speaks holds nothing for long.
    int tlsHandshakeTimeoutMs = 10000;
    /// Read events, one per read (the Chat tab's Chunks view and sequence diagram); off for
    /// `stdlab serve`: an event per read of a flood would cost the pool.
    bool reportReads = false;
    /// Each connection's sends go to its send log (chat/sendlog.h), so that a StdLab receiver
    /// can show them against its reads.
    bool recordSends = false;
    /// The slow reader (see TcpServer::setSlowReader) from the start.
    int slowReadBytes = 0;
    int slowReadPauseMs = 0;
};

/**
 * The course's TCP servers (greet, echo, 1:1 chat, room) on QTcpServer: each accepted
 * descriptor goes to a pool of worker QThreads that own their sockets. Everything that happens
 * reaches the owner through eventsReady()/clientsUpdated(), batched, in order.
 * All public functions are called from the owner's thread.
 */
class TcpServer : public QObject
{
    Q_OBJECT

public:
    explicit TcpServer(QObject *parent = nullptr);
    ~TcpServer() override; ///< stops (clients closed, threads joined)

    /// Binds and listens. False with errorString() naming the port (in use, privileged, bad
    /// address). On success a Listening event follows.
    bool listen(const ServerOptions &options);
    /// Closes every client (reason "server stopped"), joins the workers, emits a Stopped event.
    void stop();

    bool isListening() const;
    quint16 port() const;
    QHostAddress address() const;
    ServerOptions options() const;
    QString errorString() const;
    /// Why the last listen() failed, as a code (errorString() says it with the port).
    NetError error() const;

    /// Operator messages (chat mode; any mode for sendToAll). A message that is "bye" once
    /// stripped ends that client's session after it is sent. False (nothing sent) when no
    /// client has that id.
    bool sendTo(quint64 client, const QByteArray &data);
    void sendToAll(const QByteArray &data);
    /// An operator message, framed as options().framing says ("\n" added, a length prefix...);
    /// Sent events carry the framed bytes. "bye" ends that client's session after it is sent.
    bool sendMessage(quint64 client, const QByteArray &payload);
    void sendMessageToAll(const QByteArray &payload);
    /// Closes a client (reason "kicked").
    void kick(quint64 client);
    /// The slow reader: every client is read at most @p bytes at a time, with @p pauseMs
    /// between reads (the rest waits in the kernel, whose window then closes: the sender
    /// blocks). 0 bytes: read as fast as possible. Applies at once to every client.
    void setSlowReader(int bytes, int pauseMs);

    QList<ClientStats> clients() const;
    TrafficTotals totals() const;

Q_SIGNALS:
    void eventsReady(const stdlab::net::NetEvents &events);
    /// Clients that joined or whose stats changed, and ids of clients gone, since the last call.
    void clientsUpdated(const QList<stdlab::net::ClientStats> &changed, const QList<quint64> &gone);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace stdlab::net

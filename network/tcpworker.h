#pragma once

// The connection side of TcpServer: one Worker per pool thread (or per client thread) owns its
// clients' sockets, reads, applies the mode's protocol (serverprotocol.h), writes, and keeps
// every client's output bounded. Not part of the public API.
#include "epolldispatcher.h"
#include "chat/sendlog.h"
#include "framing.h"
#include "netinternal.h"
#include "streamsocket.h"
#include "tcpserver.h"

#include <QHash>
#include <QSocketNotifier>

#include <deque>
#include <memory>
#include <vector>

namespace stdlab::net {

class Worker;

/// How long a graceful close (the peer never reads) may take before it is aborted.
inline constexpr qint64 kClosingGraceMs = 3000;

qint64 steadyMs();

/**
 * Room lines from other workers wait here. Posting is a short lock and at most one wake-up per
 * drain: a join notice to 2,000 per-client threads costs 2,000 appends, not 2,000 events posted
 * under the registry lock the accepting thread needs (a burst of 2,000 clients never finished).
 */
struct Inbox
{
    struct Item
    {
        quint64 skip = 0; ///< the member that does not get it (0: everyone)
        QByteArray payload; ///< room lines, one block per read of the sender
        qint64 messages = 0; ///< lines in payload
    };
    QMutex mutex;
    std::vector<Item> items;
    Worker *target = nullptr; ///< null once the worker left the room: posts are dropped
    bool wakePosted = false;

    void post(quint64 skip, const QByteArray &payload, qint64 messages);
};
using InboxList = std::vector<std::shared_ptr<Inbox>>;

/** State shared by the owner and its workers; read-only options after listen(). */
struct Shared
{
    ServerOptions options;
    std::shared_ptr<TlsServerContext> tls; ///< null: plain TCP
    EventHub *hub = nullptr;
    QObject *owner = nullptr; ///< context in the owner's thread for worker → owner calls
    std::function<void(int)> retire; ///< owner thread: a per-client thread has no client left
    std::atomic<qint64> bytesIn{0};
    std::atomic<qint64> bytesOut{0};
    std::atomic<qint64> messagesIn{0};
    std::atomic<qint64> messagesOut{0};
    std::atomic<int> clients{0};
    std::atomic<qint64> served{0};
    /// The memory budget (ServerOptions::maxBufferBytes): what every Conn::held adds up to, and
    /// the most it reached.
    std::atomic<qint64> held{0};
    std::atomic<qint64> heldPeak{0};
    std::atomic<qint64> overBudget{0}; ///< clients closed by the budget

    /// Set by stop(): members leaving then tell nobody (2,000 "left" notices to 2,000 members
    /// each made SIGTERM take 10-17 s).
    std::atomic<bool> stopping{false};
    /// The slow reader (TcpServer::setSlowReader): bytes per read (0: as fast as possible) and
    /// the pause between reads.
    std::atomic<int> slowReadBytes{0};
    std::atomic<int> slowReadPauseMs{0};

    QMutex registryMutex; // guards route and live; a Worker in them is alive
    QHash<quint64, Worker *> route;
    QList<Worker *> live;

    QMutex inboxMutex; // guards the pointer; the list it points to is never changed (copy on write)
    std::shared_ptr<const InboxList> inboxes = std::make_shared<const InboxList>();
    void joinRoom(const std::shared_ptr<Inbox> &inbox);
    void leaveRoom(const Inbox *inbox);
};

/** One client as its worker sees it. */
struct Conn final : EpollWatcher
{
    Worker *worker = nullptr;
    void epollReady(quint32 events) override;

    quint64 id = 0;
    /// The descriptor, read and written directly (closed at finish(), kept until the Conn goes).
    std::unique_ptr<StreamSocket> socket;
    /// Only where the thread's dispatcher is Qt's (no epoll): Worker::m_epoll calls the Conn.
    QSocketNotifier *readNotifier = nullptr;
    QSocketNotifier *writeNotifier = nullptr;
    QString peer;
    QString nickname;
    QByteArray nameUtf8; ///< name() as the room shows it
    QDateTime since;
    qint64 bytesIn = 0;
    qint64 bytesOut = 0;
    qint64 messagesIn = 0;
    qint64 messagesOut = 0;
    qint64 held = 0; ///< its share of Shared::held (Worker::account())
    Framer frames; ///< the client's messages (ServerOptions::framing)
    /// Output beyond what the socket holds (kSocketHighWater): room blocks shared with the other
    /// members, not copied per member.
    std::deque<QByteArray> queue;
    qint64 queued = 0;
    /// Input the kernel still held when a write met the peer's reset (handled when it is gone).
    QByteArray salvaged;
    QTimer *partialTimer = nullptr;
    DisconnectReason reason = DisconnectReason::None;
    QString errorText; ///< reason SocketError: the system's words
    QAbstractSocket::SocketError socketError = QAbstractSocket::UnknownSocketError;
    qint64 lastActivityMs = 0;
    qint64 sinceMs = 0; ///< steadyMs() when it connected
    qint64 overSinceMs = 0;
    qint64 closingSinceMs = 0;
    bool dirty = false;
    bool paused = false;
    bool closing = false;
    bool greeted = false;
    bool finished = false;
    bool closeWhenSent = false; ///< a graceful close waits for the queue and the socket's output
    bool resting = false; ///< the slow reader's pause between two reads
    /// recordSends: this connection's sends, for the receiver's Chunks view.
    std::unique_ptr<SendLog> sendLog;
    bool reading = false; ///< watched for input
    bool peerEnded = false; ///< epoll said the peer shut down its side (EPOLLRDHUP/EPOLLHUP)
    bool writing = false; ///< watched for room to write

    QString name() const { return nickname.isEmpty() ? peer : nickname; }
};

/** Owns the sockets of one thread (a pool worker, or one client's thread). */
class Worker : public QObject
{
public:
    /// @p position: 1-based place in a pool of @p poolSize workers (0 for a client's own thread).
    Worker(std::shared_ptr<Shared> shared, int serial, bool perClient, int position = 0,
           int poolSize = 0);
    ~Worker() override;

    int serial() const { return m_serial; }
    const std::shared_ptr<Inbox> &inbox() const { return m_inbox; }

    // Called in the worker's thread (queued by the owner or by other workers).
    void addClient(qintptr descriptor, quint64 id);
    /// @p framed: @p data is a message's payload, framed here (Sent events show the framed bytes).
    void sendTo(quint64 id, const QByteArray &data, bool framed = false);
    void sendToAll(const QByteArray &data, bool framed = false);
    void kick(quint64 id);
    /// Room mode: @p payload (@p messages lines) to every client of this worker but @p from.
    void deliver(quint64 from, const QByteArray &payload, qint64 messages);
    /// Room mode: what other workers posted to the inbox.
    void drainInbox();
    /// Closes every client (reason "server stopped"), hands the last events over, ends the thread.
    void shutdown();

private:
    // --- events and statistics to the owner
    void addEvent(NetEvent &&e);
    void markDirty(Conn *c, bool now = false);
    void scheduleFlush();
    ClientStats statsOf(const Conn *c) const;
    void flush();
    // --- the byte and message counters (the client's and the server's), in one place
    void countIn(Conn *c, qint64 bytes);
    void countOut(Conn *c, qint64 bytes, qint64 messages);
    void report(Conn *c, QByteArrayView message, const QDateTime &time);
    // --- input, per mode
    void onReady(Conn *c, quint32 events);
    void onReadyRead(Conn *c);
    void onPeerClosed(Conn *c);
    /// reportReads: a Read event for @p size bytes at @p data (0: the peer's FIN, -1: a reset).
    void reportRead(Conn *c, const char *data, qint64 size);
    /// recordSends: @p size bytes written to @p c as one send.
    void recordSend(Conn *c, qint64 size);
    /// The slow reader's pause after a read: input unwatched, then read again.
    void rest(Conn *c, int ms);
    void greet(Conn *c, QByteArrayView chunk);
    /// @p bufferFull: the read filled the buffer (a line may go on in the next read).
    void echo(Conn *c, QByteArrayView chunk, bool bufferFull);
    /// Newline echo: a line held because its read looked full is a message once no more came.
    void echoPieceEnds(Conn *c);
    void messages(Conn *c, QByteArrayView chunk);
    /// Newline: a partial line is reported after kPartialLineMs unless its newline comes.
    void armPartial(Conn *c);
    /// A line or a length prefix over the limit: an Error event saying so, then the close.
    void tooLong(Conn *c);
    bool handleLine(Conn *c, QByteArrayView line, const QDateTime &t);
    /// Rules mode: the reply of the first rule matching @p line, if any.
    void answer(Conn *c, QByteArrayView line, const QDateTime &t);
    void onPartial(Conn *c);
    void broadcast(quint64 from, const QByteArray &payload, bool toSelf, qint64 messages = 1);
    /// Room mode: the lines of @p c gathered in m_relay go to the others as one block.
    void relayGathered(Conn *c);
    void leaveRoom();
    // --- output and flow control
    void write(Conn *c, QByteArrayView data, qint64 messages);
    void writeShared(Conn *c, const QByteArray &data, qint64 messages);
    void refill(Conn *c);
    qint64 pendingOut(const Conn *c) const;
    /// What @p c holds that the server's memory budget counts.
    qint64 heldBy(const Conn *c) const;
    /// Brings @p c's share of the budget up to date; growth that would pass the budget closes
    /// it ("server memory budget"): false then.
    bool account(Conn *c);
    void checkOutput(Conn *c);
    void onWritable(Conn *c);
    /// Watches for input unless paused, and for room in the socket while output waits.
    void updateWatch(Conn *c);
    // --- the end of a session
    /// The socket failed (a read or write met a reset or an error): ends the session.
    void onError(Conn *c);
    void handleLastInput(Conn *c);
    void close(Conn *c, DisconnectReason reason, bool abort = false);
    void finish(Conn *c);
    void unroute(quint64 id);
    void retireIfEmpty();
    void sweep();

    friend struct Conn;

    std::shared_ptr<Shared> m_s;
    /// The thread's dispatcher when it is ours (every worker unless epoll could not be created).
    EpollDispatcher *m_epoll = nullptr;
    bool m_dispatcherKnown = false;
    std::shared_ptr<Inbox> m_inbox;
    int m_serial = 0;
    bool m_perClient = false;
    QString m_name;
    int m_position = 0;
    int m_poolSize = 0;
    QTimer *m_flushTimer;
    QTimer *m_sweepTimer;
    QHash<quint64, Conn *> m_conns;
    std::vector<Conn *> m_dirty;
    std::vector<Conn *> m_logsPending; ///< send logs with records to append at the next flush
    std::vector<std::unique_ptr<Conn>> m_dead;
    NetBatch m_pending;
    std::unique_ptr<char[]> m_buffer;
    QByteArray m_relay; ///< room lines of the client being handled, not yet relayed
    qint64 m_relayLines = 0;
    qint64 m_lastStatsMs = 0;
    int m_flushMs = 0;
    bool m_flushDue = false; ///< m_flushTimer fires within m_flushMs (set by scheduleFlush)
    bool m_statsNow = false;
};

} // namespace stdlab::net

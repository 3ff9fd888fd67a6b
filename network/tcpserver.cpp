#include "tcpserver.h"

#include "epolldispatcher.h"
#include "linesplitter.h"
#include "netinternal.h"

#include <QHash>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <vector>

namespace stdlab::net {

std::optional<ServerMode> parseServerMode(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("greet")) {
        return ServerMode::Greet;
    }
    if (n == QLatin1String("echo")) {
        return ServerMode::Echo;
    }
    if (n == QLatin1String("chat")) {
        return ServerMode::Chat;
    }
    if (n == QLatin1String("room")) {
        return ServerMode::Room;
    }
    return std::nullopt;
}

QString serverModeName(ServerMode mode)
{
    switch (mode) {
    case ServerMode::Greet:
        return QStringLiteral("greet");
    case ServerMode::Echo:
        return QStringLiteral("echo");
    case ServerMode::Chat:
        return QStringLiteral("chat");
    case ServerMode::Room:
        return QStringLiteral("room");
    }
    return {};
}

namespace {

// A worker reads at most this much per client at a time.
constexpr qint64 kReadBufferSize = 64 * 1024;
// How long a partial line waits before chat/room report or relay it.
constexpr int kPartialLineMs = 200;
// A graceful close that does not finish (the peer never reads) is aborted after this.
constexpr qint64 kClosingGraceMs = 3000;
constexpr int kSweepMs = 100;
constexpr qint64 kStatsMs = 200;
// Thousands of per-client threads: an event loop needs far less than the default 8 MiB.
constexpr uint kThreadStackBytes = 512 * 1024;

qint64 steadyMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

void raiseFileLimit()
{
    // Thousands of clients need thousands of descriptors; the soft limit is often 1024.
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

/// True when @p count more descriptors can be opened now (duplicates of @p fd, closed again).
bool canOpenDescriptors(int fd, int count)
{
    std::vector<int> probes;
    probes.reserve(size_t(count));
    while (int(probes.size()) < count) {
        const int probe = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
        if (probe < 0) {
            break;
        }
        probes.push_back(probe);
    }
    const bool enough = int(probes.size()) == count;
    for (int probe : probes) {
        ::close(probe);
    }
    return enough;
}

class Worker;

/** State shared by the owner and its workers; read-only options after listen(). */
struct Shared
{
    ServerOptions options;
    EventHub *hub = nullptr;
    QObject *owner = nullptr; ///< context in the owner's thread for worker → owner calls
    std::function<void(int)> retire; ///< owner thread: a per-client thread has no client left
    std::atomic<qint64> bytesIn{0};
    std::atomic<qint64> bytesOut{0};
    std::atomic<qint64> messagesIn{0};
    std::atomic<qint64> messagesOut{0};
    std::atomic<int> clients{0};
    std::atomic<qint64> served{0};

    QMutex registryMutex; // guards route and live; a Worker in them is alive
    QHash<quint64, Worker *> route;
    QList<Worker *> live;
};

struct Conn
{
    quint64 id = 0;
    QTcpSocket *socket = nullptr;
    QString peer;
    QString nickname;
    QDateTime since;
    qint64 bytesIn = 0;
    qint64 bytesOut = 0;
    qint64 messagesIn = 0;
    qint64 messagesOut = 0;
    LineSplitter lines;
    QTimer *partialTimer = nullptr;
    QString reason;
    qint64 lastActivityMs = 0;
    qint64 overSinceMs = 0;
    qint64 closingSinceMs = 0;
    bool dirty = false;
    bool paused = false;
    bool closing = false;
    bool greeted = false;
    bool finished = false;

    QString name() const { return nickname.isEmpty() ? peer : nickname; }
};

/** Owns the sockets of one thread (a pool worker, or one client's thread). */
class Worker : public QObject
{
public:
    Worker(std::shared_ptr<Shared> shared, int serial, bool perClient)
        : m_s(std::move(shared)), m_serial(serial), m_perClient(perClient),
          m_name(perClient ? QStringLiteral("client thread %1").arg(serial)
                           : QStringLiteral("worker %1").arg(serial)),
          m_flushTimer(new QTimer(this)), m_sweepTimer(new QTimer(this))
    {
        m_flushTimer->setSingleShot(true);
        m_flushMs = std::max(0, m_s->options.batchIntervalMs / 2);
        connect(m_flushTimer, &QTimer::timeout, this, [this] {
            flush();
            m_dead.clear(); // top of the stack: no handler holds a finished Conn any more
        });
        m_sweepTimer->setInterval(kSweepMs);
        connect(m_sweepTimer, &QTimer::timeout, this, &Worker::sweep);
    }

    ~Worker() override
    {
        for (Conn *c : std::as_const(m_conns)) {
            delete c;
        }
    }

    int serial() const { return m_serial; }

    void addClient(qintptr descriptor, quint64 id)
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            ::close(int(descriptor));
            addEvent(makeEvent(NetEvent::Error, now(), id, QString(),
                               "cannot take the connection: " + socket->errorString().toUtf8()));
            delete socket;
            unroute(id);
            m_s->clients.fetch_sub(1);
            retireIfEmpty();
            return;
        }
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        // Qt stops reading from the kernel when this is full: a client the server stopped
        // reading from (its output is over the cap) costs no more, its window closes.
        socket->setReadBufferSize(kReadBufferSize);
        auto *c = new Conn;
        c->id = id;
        c->socket = socket;
        c->peer = formatPeer(socket->peerAddress(), socket->peerPort());
        c->since = now();
        c->lastActivityMs = steadyMs();
        c->lines = LineSplitter(m_s->options.maxLineBytes);
        m_conns.insert(id, c);
        m_s->served.fetch_add(1, std::memory_order_relaxed);
        connect(socket, &QTcpSocket::readyRead, this, [this, c] { onReadyRead(c); });
        connect(socket, &QTcpSocket::bytesWritten, this, [this, c] { onBytesWritten(c); });
        connect(socket, &QTcpSocket::disconnected, this, [this, c] { finish(c); });
        connect(socket, &QAbstractSocket::errorOccurred, this,
                [this, c](QAbstractSocket::SocketError e) { onError(c, e); });
        addEvent(makeEvent(NetEvent::Connected, c->since, id, c->peer));
        markDirty(c, true);
        if (!m_sweepTimer->isActive()) {
            m_sweepTimer->start();
        }
        if (m_s->options.mode == ServerMode::Room) {
            broadcast(id, "* " + c->peer.toUtf8() + " joined\n", false);
        }
    }

    void sendTo(quint64 id, const QByteArray &data)
    {
        Conn *c = m_conns.value(id);
        if (!c || c->closing) {
            return;
        }
        c->socket->write(data);
        c->bytesOut += data.size();
        ++c->messagesOut;
        m_s->bytesOut.fetch_add(data.size(), std::memory_order_relaxed);
        m_s->messagesOut.fetch_add(1, std::memory_order_relaxed);
        addEvent(makeEvent(NetEvent::Sent, now(), id, c->peer, data));
        markDirty(c);
        c->socket->flush();
        if (isByeMessage(data)) {
            close(c, QStringLiteral("bye"));
            return;
        }
        checkOutput(c);
    }

    void sendToAll(const QByteArray &data)
    {
        const QList<quint64> ids = m_conns.keys();
        for (quint64 id : ids) {
            sendTo(id, data);
        }
    }

    void kick(quint64 id)
    {
        if (Conn *c = m_conns.value(id)) {
            close(c, QStringLiteral("kicked"));
        }
    }

    /// Room mode: @p payload to every client of this worker but @p from.
    void deliver(quint64 from, const QByteArray &payload)
    {
        const QList<Conn *> conns = m_conns.values();
        for (Conn *c : conns) {
            if (c->id == from || c->closing || c->finished) {
                continue;
            }
            c->socket->write(payload);
            c->bytesOut += payload.size();
            ++c->messagesOut;
            m_s->bytesOut.fetch_add(payload.size(), std::memory_order_relaxed);
            m_s->messagesOut.fetch_add(1, std::memory_order_relaxed);
            markDirty(c);
            c->socket->flush();
            checkOutput(c);
        }
    }

    /// Closes every client (reason "server stopped"), hands the last events over, ends the thread.
    void shutdown()
    {
        // Leave the registry first: this worker's object is deleted once its thread ends, and
        // other workers still closing their own room clients broadcast "left" notices to every
        // worker in it (a crash when one was already gone).
        {
            QMutexLocker lock(&m_s->registryMutex);
            m_s->live.removeOne(this);
        }
        const QList<Conn *> conns = m_conns.values();
        for (Conn *c : conns) {
            if (c->finished) {
                continue;
            }
            if (c->reason.isEmpty() || !c->closing) {
                c->reason = QStringLiteral("server stopped");
            }
            c->closing = true;
            c->socket->flush();
            if (!c->finished) {
                c->socket->disconnectFromHost();
            }
            if (!c->finished) {
                c->socket->abort();
            }
            finish(c);
        }
        flush();
        m_sweepTimer->stop();
        QThread::currentThread()->quit();
    }

private:
    void addEvent(NetEvent &&e)
    {
        m_pending.eventBytes += e.data.size();
        m_pending.events.append(std::move(e));
        scheduleFlush();
    }

    void markDirty(Conn *c, bool now = false)
    {
        if (c->finished) {
            return;
        }
        m_statsNow = m_statsNow || now;
        if (!c->dirty) {
            c->dirty = true;
            m_dirty.push_back(c);
        }
        scheduleFlush();
    }

    void scheduleFlush()
    {
        if (!m_flushTimer->isActive() || m_flushTimer->remainingTime() > m_flushMs) {
            m_flushTimer->start(m_flushMs);
        }
    }

    ClientStats statsOf(const Conn *c) const
    {
        ClientStats s;
        s.id = c->id;
        s.peer = c->peer;
        s.nickname = c->nickname;
        s.since = c->since;
        s.bytesIn = c->bytesIn;
        s.bytesOut = c->bytesOut;
        s.messagesIn = c->messagesIn;
        s.messagesOut = c->messagesOut;
        s.thread = m_name;
        s.pendingOut = c->socket ? c->socket->bytesToWrite() : 0;
        s.pendingIn = c->socket ? c->socket->bytesAvailable() : 0;
        return s;
    }

    void flush()
    {
        // Statistics of busy clients go at most every kStatsMs (thousands of clients change
        // all the time); joins and leaves at once.
        const qint64 t = steadyMs();
        if (m_statsNow || t - m_lastStatsMs >= kStatsMs) {
            for (Conn *c : m_dirty) {
                c->dirty = false;
                if (!c->finished) {
                    m_pending.changed.append(statsOf(c));
                }
            }
            m_dirty.clear();
            m_lastStatsMs = t;
            m_statsNow = false;
        } else {
            std::erase_if(m_dirty, [](Conn *c) {
                if (c->finished) {
                    c->dirty = false;
                    return true;
                }
                return false;
            });
            if (!m_dirty.empty()) {
                m_flushTimer->start(int(kStatsMs - (t - m_lastStatsMs)));
            }
        }
        if (!m_pending.isEmpty()) {
            m_s->hub->push(std::move(m_pending));
            m_pending = NetBatch();
        }
    }

    void report(Conn *c, QByteArrayView message, const QDateTime &time)
    {
        ++c->messagesIn;
        m_s->messagesIn.fetch_add(1, std::memory_order_relaxed);
        if (m_s->options.reportMessages) {
            addEvent(makeEvent(NetEvent::Message, time, c->id, c->peer, message.toByteArray()));
        }
    }

    void onReadyRead(Conn *c)
    {
        if (!m_buffer) {
            // Allocated here, in the worker's thread, and not zeroed: a thread per client must
            // not cost the accepting thread a 64 KiB memset (and its page faults) per client.
            m_buffer = std::make_unique_for_overwrite<char[]>(kBufferSize);
        }
        QTcpSocket *s = c->socket;
        bool any = false;
        while (!c->paused && !c->finished) {
            const qint64 n = s->read(m_buffer.get(), kBufferSize);
            if (n <= 0) {
                break;
            }
            const bool drained = n < kBufferSize;
            any = true;
            c->bytesIn += n;
            m_s->bytesIn.fetch_add(n, std::memory_order_relaxed);
            const QByteArrayView chunk(m_buffer.get(), n);
            switch (m_s->options.mode) {
            case ServerMode::Greet:
                greet(c, chunk);
                break;
            case ServerMode::Echo:
                echo(c, chunk);
                break;
            case ServerMode::Chat:
            case ServerMode::Room:
                lines(c, chunk);
                break;
            }
            if (!c->closing) {
                checkOutput(c); // may pause: then the rest stays in the kernel
            }
            if (drained) {
                break; // the kernel had no more: spare the read that would say EAGAIN
            }
        }
        if (!c->finished && s->state() == QAbstractSocket::UnconnectedState) {
            // A failed read closed it without a disconnected() (seen with resets).
            onError(c, s->error());
            finish(c);
            return;
        }
        if (any && !c->finished) {
            c->lastActivityMs = steadyMs();
            s->flush();
            markDirty(c);
            if (!c->closing) {
                checkOutput(c);
            }
        }
    }

    void greet(Conn *c, QByteArrayView chunk)
    {
        if (c->greeted) {
            return;
        }
        c->greeted = true;
        const QDateTime t = now();
        LineSplitter::splitChunk(chunk, [&](QByteArrayView piece) { report(c, piece, t); });
        const QByteArray &g = m_s->options.greeting;
        c->socket->write(g);
        c->bytesOut += g.size();
        ++c->messagesOut;
        m_s->bytesOut.fetch_add(g.size(), std::memory_order_relaxed);
        m_s->messagesOut.fetch_add(1, std::memory_order_relaxed);
        close(c, QStringLiteral("greeted"));
    }

    void echo(Conn *c, QByteArrayView chunk)
    {
        if (c->closing) {
            return;
        }
        const QDateTime t = now();
        qsizetype byeAt = -1;
        qint64 messages = 0;
        LineSplitter::splitChunk(chunk, [&](QByteArrayView piece) {
            if (byeAt >= 0) {
                return;
            }
            report(c, piece, t);
            if (isByeMessage(piece)) {
                byeAt = piece.data() - chunk.data();
                return;
            }
            ++messages;
        });
        // The bytes go back exactly as they came, in one write per read.
        const QByteArrayView out = byeAt >= 0 ? chunk.first(byeAt) : chunk;
        if (!out.isEmpty()) {
            c->socket->write(out.data(), out.size());
            c->bytesOut += out.size();
            c->messagesOut += messages;
            m_s->bytesOut.fetch_add(out.size(), std::memory_order_relaxed);
            m_s->messagesOut.fetch_add(messages, std::memory_order_relaxed);
        }
        if (byeAt >= 0) {
            close(c, QStringLiteral("bye"));
        }
    }

    void lines(Conn *c, QByteArrayView chunk)
    {
        if (c->closing) {
            return;
        }
        const QDateTime t = now();
        bool bye = false;
        const bool ok = c->lines.feed(chunk, [&](QByteArrayView line) {
            if (bye || c->closing) {
                return;
            }
            bye = handleLine(c, line, t);
        });
        if (c->closing) {
            return;
        }
        if (!ok) {
            close(c, QStringLiteral("line too long"), true);
            return;
        }
        if (bye) {
            close(c, QStringLiteral("bye"));
            return;
        }
        if (c->lines.hasPartial()) {
            if (!c->partialTimer) {
                c->partialTimer = new QTimer(c->socket);
                c->partialTimer->setSingleShot(true);
                c->partialTimer->setInterval(kPartialLineMs);
                connect(c->partialTimer, &QTimer::timeout, this, [this, c] { onPartial(c); });
            }
            c->partialTimer->start();
        } else if (c->partialTimer) {
            c->partialTimer->stop();
        }
    }

    /// One complete line of chat/room; true when it is "bye".
    bool handleLine(Conn *c, QByteArrayView line, const QDateTime &t)
    {
        report(c, line, t);
        if (isByeMessage(line)) {
            return true;
        }
        if (m_s->options.mode != ServerMode::Room) {
            return false;
        }
        if (line.startsWith("/nick ")) {
            const QString nick = QString::fromUtf8(line.sliced(6)).trimmed();
            if (!nick.isEmpty()) {
                const QString old = c->name();
                c->nickname = nick;
                markDirty(c, true);
                broadcast(c->id, "* " + old.toUtf8() + " is now " + nick.toUtf8() + '\n', true);
                return false;
            }
        }
        QByteArray payload;
        payload.reserve(c->name().size() + line.size() + 4);
        payload += '<';
        payload += c->name().toUtf8();
        payload += "> ";
        payload += line;
        payload += '\n';
        broadcast(c->id, payload, false);
        return false;
    }

    void onPartial(Conn *c)
    {
        if (c->finished || c->closing || !c->lines.hasPartial()) {
            return;
        }
        const QByteArray partial = c->lines.takePartial();
        if (handleLine(c, partial, now())) {
            close(c, QStringLiteral("bye"));
        }
    }

    /// Room mode: to every other client, on every worker. @p toSelf: the sender gets it too.
    void broadcast(quint64 from, const QByteArray &payload, bool toSelf)
    {
        const quint64 skip = toSelf ? 0 : from;
        deliver(skip, payload);
        QMutexLocker lock(&m_s->registryMutex);
        for (Worker *w : std::as_const(m_s->live)) {
            if (w != this) {
                QMetaObject::invokeMethod(
                    w, [w, skip, payload] { w->deliver(skip, payload); }, Qt::QueuedConnection);
            }
        }
    }

    /// Output beyond the cap: stop reading from the client; dropped by sweep() if it stays over.
    void checkOutput(Conn *c)
    {
        if (c->finished) {
            return; // a write or flush found the connection reset
        }
        const qint64 pending = c->socket->bytesToWrite();
        const qint64 cap = m_s->options.maxPendingBytes;
        if (pending <= cap) {
            return;
        }
        if (pending > 2 * cap) {
            // Other clients' traffic (room) keeps coming; no point waiting.
            close(c, QStringLiteral("not reading (buffer limit)"), true);
            return;
        }
        if (!c->paused) {
            c->paused = true;
            c->overSinceMs = steadyMs();
            markDirty(c);
        }
    }

    void onBytesWritten(Conn *c)
    {
        if (c->finished) {
            return;
        }
        markDirty(c);
        if (c->paused && c->socket->bytesToWrite() <= m_s->options.maxPendingBytes / 2) {
            c->paused = false;
            onReadyRead(c);
        }
    }

    void onError(Conn *c, QAbstractSocket::SocketError e)
    {
        if (c->finished || !c->reason.isEmpty()) {
            return;
        }
        if (e == QAbstractSocket::RemoteHostClosedError) {
            c->reason = QStringLiteral("closed by peer");
        } else {
            c->reason = QStringLiteral("error: ") + c->socket->errorString();
        }
        if (c->socket->state() == QAbstractSocket::UnconnectedState) {
            finish(c);
        }
    }

    /// Ends a session: graceful (pending output is sent first) or at once.
    void close(Conn *c, const QString &reason, bool abort = false)
    {
        if (c->finished) {
            return;
        }
        if (c->reason.isEmpty() || !c->closing) {
            c->reason = reason;
        }
        c->closing = true;
        c->closingSinceMs = steadyMs();
        if (c->partialTimer) {
            c->partialTimer->stop();
        }
        if (abort) {
            c->socket->abort();
        } else {
            c->socket->disconnectFromHost();
        }
        if (!c->finished && c->socket->state() == QAbstractSocket::UnconnectedState) {
            finish(c);
        }
    }

    /// The client is gone: report it, forget it (memory freed at the next flush, never while a
    /// handler up the stack may still use it).
    void finish(Conn *c)
    {
        if (c->finished) {
            return;
        }
        c->finished = true;
        disconnect(c->socket, nullptr, this, nullptr);
        if (c->partialTimer) {
            c->partialTimer->stop();
            disconnect(c->partialTimer, nullptr, this, nullptr);
        }
        const QDateTime t = now();
        if (c->lines.hasPartial() && !c->closing) {
            const QByteArray partial = c->lines.takePartial();
            report(c, partial, t);
            if (isByeMessage(partial)) {
                c->reason = QStringLiteral("bye");
            }
        }
        if (c->reason.isEmpty()) {
            c->reason = QStringLiteral("closed by peer");
        }
        addEvent(makeEvent(NetEvent::Disconnected, t, c->id, c->peer, {}, c->reason));
        m_pending.gone.append(c->id);
        m_conns.remove(c->id);
        unroute(c->id);
        m_s->clients.fetch_sub(1);
        c->socket->deleteLater();
        c->socket = nullptr;
        c->partialTimer = nullptr; // a child of the socket
        m_dead.emplace_back(c);
        if (m_s->options.mode == ServerMode::Room) {
            broadcast(c->id, "* " + c->name().toUtf8() + " left\n", false);
        }
        retireIfEmpty();
    }

    void unroute(quint64 id)
    {
        QMutexLocker lock(&m_s->registryMutex);
        m_s->route.remove(id);
    }

    void retireIfEmpty()
    {
        if (m_perClient && m_conns.isEmpty()) {
            flush();
            QMetaObject::invokeMethod(
                m_s->owner, [s = m_s, serial = m_serial] { s->retire(serial); },
                Qt::QueuedConnection);
        }
    }

    void sweep()
    {
        if (m_conns.isEmpty()) {
            m_sweepTimer->stop();
            return;
        }
        const qint64 t = steadyMs();
        const ServerOptions &o = m_s->options;
        const QList<Conn *> conns = m_conns.values();
        for (Conn *c : conns) {
            if (c->finished) {
                continue;
            }
            if (c->socket->state() == QAbstractSocket::UnconnectedState) {
                finish(c); // closed without a disconnected() we saw
            } else if (c->closing) {
                if (t - c->closingSinceMs > kClosingGraceMs) {
                    c->socket->abort();
                    finish(c);
                }
            } else if (c->paused && t - c->overSinceMs > o.stallTimeoutMs) {
                close(c, QStringLiteral("not reading (buffer limit)"), true);
            } else if (o.idleTimeoutMs > 0 && !c->paused
                       && t - c->lastActivityMs > o.idleTimeoutMs) {
                close(c, QStringLiteral("idle"));
            }
        }
    }

    std::shared_ptr<Shared> m_s;
    int m_serial = 0;
    bool m_perClient = false;
    QString m_name;
    QTimer *m_flushTimer;
    QTimer *m_sweepTimer;
    QHash<quint64, Conn *> m_conns;
    std::vector<Conn *> m_dirty;
    std::vector<std::unique_ptr<Conn>> m_dead;
    NetBatch m_pending;
    // One more than the socket buffers: every read asks for more than is there, which makes
    // QAbstractSocket re-enable the read notifier it turned off when its buffer was full.
    static constexpr qint64 kBufferSize = kReadBufferSize + 1;
    std::unique_ptr<char[]> m_buffer;
    qint64 m_lastStatsMs = 0;
    int m_flushMs = 0;
    bool m_statsNow = false;
};

class Listener : public QTcpServer
{
public:
    std::function<void(qintptr)> onIncoming;

protected:
    void incomingConnection(qintptr descriptor) override { onIncoming(descriptor); }
};

struct WorkerThread
{
    int serial = 0;
    QThread *thread = nullptr;
    Worker *worker = nullptr;
    bool retired = false;
};

} // namespace

struct TcpServer::Impl
{
    TcpServer *q = nullptr;
    ServerOptions options;
    std::shared_ptr<Shared> shared;
    std::unique_ptr<EventHub> hub;
    std::unique_ptr<Listener> listener;
    QHash<int, WorkerThread> threads;
    std::vector<Worker *> pool;
    int nextSerial = 1; // never reset: a late retire() of an earlier session matches nothing
    size_t roundRobin = 0;
    quint64 nextId = 0;
    QString errorString;
    bool acceptRetryPending = false;
    std::vector<int> retiring; ///< serials of per-client threads told to quit, not yet deleted
    QTimer reaper;
    QHash<quint64, ClientStats> clients;

    Worker *spawn(bool perClient)
    {
        WorkerThread wt;
        wt.serial = nextSerial++;
        wt.thread = new QThread;
        wt.thread->setStackSize(kThreadStackBytes);
        wt.thread->setObjectName(QStringLiteral("stdlab net %1").arg(wt.serial));
        auto *dispatcher = new EpollDispatcher;
        if (dispatcher->isValid()) {
            wt.thread->setEventDispatcher(dispatcher); // the thread owns it
        } else {
            delete dispatcher;
            if (perClient) {
                // Out of descriptors: Qt's own dispatcher would need more (GLib aborts the
                // whole process when it cannot create its wake-up pipe). Refuse the client.
                delete wt.thread;
                --nextSerial;
                return nullptr;
            }
        }
        wt.worker = new Worker(shared, wt.serial, perClient);
        wt.worker->moveToThread(wt.thread);
        QObject::connect(wt.thread, &QThread::finished, wt.worker, &QObject::deleteLater);
        wt.thread->start();
        {
            QMutexLocker lock(&shared->registryMutex);
            shared->live.append(wt.worker);
        }
        threads.insert(wt.serial, wt);
        return wt.worker;
    }

    /// Per-client threads only: their one client is gone (no new client is ever routed there).
    void retire(int serial)
    {
        const auto it = threads.find(serial);
        if (it == threads.end() || it->retired) {
            return;
        }
        {
            QMutexLocker lock(&shared->registryMutex);
            shared->live.removeOne(it->worker);
        }
        it->retired = true;
        QMetaObject::invokeMethod(it->worker, [] { QThread::currentThread()->quit(); },
                                  Qt::QueuedConnection);
        retiring.push_back(serial);
        if (!reaper.isActive()) {
            reaper.start();
        }
    }

    /// Deletes the per-client threads that have ended. Never waits: the thread that accepts
    /// clients must not block on each one that leaves (QThread::finished comes before the
    /// thread has cleaned up, so a wait() there blocked until the thread got a core).
    void reap()
    {
        std::erase_if(retiring, [this](int serial) {
            const auto it = threads.find(serial);
            if (it == threads.end()) {
                return true;
            }
            if (!it->thread->wait(QDeadlineTimer(0))) {
                return false;
            }
            delete it->thread;
            threads.erase(it);
            return true;
        });
        if (retiring.empty()) {
            reaper.stop();
        }
    }

    void incoming(qintptr descriptor)
    {
        if (shared->clients.load() >= options.maxClients) {
            reject(descriptor, "server full: the maximum is "
                                   + QByteArray::number(options.maxClients) + " clients");
            return;
        }
        // Never the process's last descriptors: whatever else needs one then fails (GLib aborts,
        // UBSan's vptr check needs a pipe and reports valid objects as invalid).
        const int cost = options.threadPerClient ? kThreadDescriptors : 0;
        if (!canOpenDescriptors(int(descriptor), cost + kSpareDescriptors)) {
            rejectOutOfDescriptors(descriptor);
            return;
        }
        Worker *w = nullptr;
        if (options.threadPerClient) {
            w = spawn(true);
            if (!w) {
                rejectOutOfDescriptors(descriptor);
                return;
            }
        } else {
            w = pool[roundRobin++ % pool.size()];
        }
        const quint64 id = ++nextId;
        shared->clients.fetch_add(1);
        {
            QMutexLocker lock(&shared->registryMutex);
            shared->route.insert(id, w);
        }
        QMetaObject::invokeMethod(
            w, [w, descriptor, id] { w->addClient(descriptor, id); }, Qt::QueuedConnection);
    }

    void rejectOutOfDescriptors(qintptr descriptor)
    {
        reject(descriptor, options.threadPerClient
                               ? QByteArrayLiteral("server full: out of file descriptors (a "
                                                   "thread per client needs 3); try the worker "
                                                   "pool")
                               : QByteArrayLiteral("server full: out of file descriptors"));
    }

    void reject(qintptr descriptor, const QByteArray &why)
    {
        auto *socket = new QTcpSocket(listener.get());
        if (!socket->setSocketDescriptor(descriptor)) {
            ::close(int(descriptor));
            delete socket;
            return;
        }
        const QString peer = formatPeer(socket->peerAddress(), socket->peerPort());
        socket->write("sorry, " + why + '\n');
        // Sent and closed now, not at the next event-loop pass: a burst of clients refused at
        // the descriptor limit must not hold one descriptor each meanwhile.
        socket->flush();
        socket->disconnectFromHost();
        if (socket->state() == QAbstractSocket::UnconnectedState) {
            socket->deleteLater();
        } else {
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QTimer::singleShot(kClosingGraceMs, socket, [socket] {
                socket->abort();
                socket->deleteLater();
            });
        }
        hub->push(makeEvent(NetEvent::Error, now(), 0, peer, why));
    }

    void deliver(NetBatch &&b, bool emitSignals)
    {
        for (const ClientStats &s : std::as_const(b.changed)) {
            clients.insert(s.id, s);
        }
        for (quint64 id : std::as_const(b.gone)) {
            clients.remove(id);
        }
        if (!emitSignals) {
            return;
        }
        if (!b.events.isEmpty()) {
            Q_EMIT q->eventsReady(b.events);
        }
        if (!b.changed.isEmpty() || !b.gone.isEmpty()) {
            Q_EMIT q->clientsUpdated(b.changed, b.gone);
        }
    }

    TrafficTotals liveTotals() const
    {
        TrafficTotals t;
        if (!shared) {
            return t;
        }
        t.clients = shared->clients.load();
        t.bytesIn = shared->bytesIn.load();
        t.bytesOut = shared->bytesOut.load();
        t.messagesIn = shared->messagesIn.load();
        t.messagesOut = shared->messagesOut.load();
        return t;
    }

    void stop(bool emitSignals)
    {
        if (!listener) {
            return;
        }
        listener->close();
        listener.reset();
        for (const WorkerThread &wt : threads) {
            if (!wt.retired) {
                Worker *w = wt.worker;
                QMetaObject::invokeMethod(w, [w] { w->shutdown(); }, Qt::QueuedConnection);
            }
        }
        for (const WorkerThread &wt : threads) {
            wt.thread->wait();
        }
        for (const WorkerThread &wt : threads) {
            delete wt.thread;
        }
        threads.clear();
        retiring.clear();
        reaper.stop();
        pool.clear();
        {
            QMutexLocker lock(&shared->registryMutex);
            shared->live.clear();
            shared->route.clear();
        }
        const TrafficTotals t = liveTotals();
        const QByteArray summary = "served " + QByteArray::number(shared->served.load())
            + " clients, " + QByteArray::number(t.bytesIn) + " bytes in, "
            + QByteArray::number(t.bytesOut) + " bytes out, " + QByteArray::number(t.messagesIn)
            + " messages in, " + QByteArray::number(t.messagesOut) + " messages out";
        if (emitSignals) {
            hub->push(makeEvent(NetEvent::Stopped, now(), 0, QString(), summary));
            hub->flushNow();
        } else {
            hub->discard();
        }
        clients.clear();
        // Late calls queued by workers (retire) refer to the old Shared; they find no thread.
        shared->hub = nullptr;
    }
};

TcpServer::TcpServer(QObject *parent) : QObject(parent), d(std::make_unique<Impl>())
{
    registerNetMetaTypes();
    d->q = this;
    d->reaper.setInterval(20);
    connect(&d->reaper, &QTimer::timeout, this, [this] { d->reap(); });
    d->hub = std::make_unique<EventHub>(
        d->options.batchIntervalMs, [this](NetBatch &&b) { d->deliver(std::move(b), true); });
}

TcpServer::~TcpServer()
{
    d->stop(false);
}

bool TcpServer::listen(const ServerOptions &options)
{
    if (d->listener) {
        d->errorString = tr("already listening on port %1").arg(port());
        return false;
    }
    raiseFileLimit();
    d->options = options;
    d->hub->setInterval(std::max(0, options.batchIntervalMs));
    auto listener = std::make_unique<Listener>();
    listener->setListenBacklogSize(4096);
    if (!listener->listen(options.address, options.port)) {
        d->errorString = listenErrorString(listener->serverError(), options.address, options.port,
                                           listener->errorString());
        return false;
    }
    d->errorString.clear();
    auto shared = std::make_shared<Shared>();
    shared->options = options;
    if (shared->options.maxPendingBytes <= 0) {
        shared->options.maxPendingBytes = 4 * 1024 * 1024;
    }
    shared->hub = d->hub.get();
    shared->owner = d->hub.get();
    Impl *impl = d.get();
    shared->retire = [impl](int serial) { impl->retire(serial); };
    d->shared = shared;
    d->clients.clear();
    d->roundRobin = 0;
    const int threads = options.threads > 0 ? options.threads : QThread::idealThreadCount();
    if (!options.threadPerClient) {
        for (int i = 0; i < std::max(1, threads); ++i) {
            d->pool.push_back(d->spawn(false));
        }
    }
    listener->onIncoming = [impl](qintptr fd) { impl->incoming(fd); };
    // QTcpServer pauses accepting after an error such as EMFILE (out of descriptors); accept
    // again a little later instead of going deaf, and say so once per burst.
    Listener *l = listener.get();
    connect(l, &QTcpServer::acceptError, l, [impl, l](QAbstractSocket::SocketError) {
        if (!impl->acceptRetryPending) {
            impl->acceptRetryPending = true;
            impl->hub->push(makeEvent(NetEvent::Error, now(), 0, QString(),
                                      "cannot accept more clients now: "
                                          + l->errorString().toUtf8()));
            QTimer::singleShot(100, l, [impl, l] {
                impl->acceptRetryPending = false;
                l->resumeAccepting();
            });
        }
    });
    d->listener = std::move(listener);
    const QByteArray info = "mode=" + serverModeName(options.mode).toUtf8() + " threads="
        + (options.threadPerClient ? QByteArray("per-client")
                                   : QByteArray::number(std::max(1, threads)));
    d->hub->push(makeEvent(NetEvent::Listening, now(), 0,
                           formatPeer(d->listener->serverAddress(), d->listener->serverPort()),
                           info));
    return true;
}

void TcpServer::stop()
{
    d->stop(true);
}

bool TcpServer::isListening() const
{
    return d->listener && d->listener->isListening();
}

quint16 TcpServer::port() const
{
    return d->listener ? d->listener->serverPort() : 0;
}

QHostAddress TcpServer::address() const
{
    return d->listener ? d->listener->serverAddress() : QHostAddress();
}

ServerOptions TcpServer::options() const
{
    return d->options;
}

QString TcpServer::errorString() const
{
    return d->errorString;
}

void TcpServer::sendTo(quint64 client, const QByteArray &data)
{
    if (!d->shared) {
        return;
    }
    QMutexLocker lock(&d->shared->registryMutex);
    if (Worker *w = d->shared->route.value(client)) {
        QMetaObject::invokeMethod(
            w, [w, client, data] { w->sendTo(client, data); }, Qt::QueuedConnection);
    }
}

void TcpServer::sendToAll(const QByteArray &data)
{
    if (!d->shared) {
        return;
    }
    QMutexLocker lock(&d->shared->registryMutex);
    for (Worker *w : std::as_const(d->shared->live)) {
        QMetaObject::invokeMethod(w, [w, data] { w->sendToAll(data); }, Qt::QueuedConnection);
    }
}

void TcpServer::kick(quint64 client)
{
    if (!d->shared) {
        return;
    }
    QMutexLocker lock(&d->shared->registryMutex);
    if (Worker *w = d->shared->route.value(client)) {
        QMetaObject::invokeMethod(w, [w, client] { w->kick(client); }, Qt::QueuedConnection);
    }
}

QList<ClientStats> TcpServer::clients() const
{
    QList<ClientStats> list = d->clients.values();
    std::sort(list.begin(), list.end(),
              [](const ClientStats &a, const ClientStats &b) { return a.id < b.id; });
    return list;
}

TrafficTotals TcpServer::totals() const
{
    return d->liveTotals();
}

} // namespace stdlab::net

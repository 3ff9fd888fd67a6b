#include "tcpworker.h"

#include "serverprotocol.h"
#include "tlstransport.h"

#include <openssl/crypto.h>

#include <QThread>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <chrono>

namespace stdlab::net {

namespace {

// A worker reads at most this much per client at a time (one buffer per worker).
constexpr qint64 kBufferSize = 64 * 1024;
// How long a partial line waits before chat/room report or relay it.
constexpr int kPartialLineMs = 200;
constexpr int kSweepMs = 100;
constexpr qint64 kStatsMs = 200;
// What the socket's output holds per client; the rest waits in Conn::queue. Room lines there are
// shared by every member: 200 members that never read cost one copy of the lines, not 200
// (40 MB relayed to them peaked at 1,582 MB).
constexpr qint64 kSocketHighWater = 64 * 1024;
// Events waiting in a worker go to the hub once they carry this much data.
constexpr qint64 kEventFlushBytes = 8 * 1024 * 1024;
// A room block is relayed once it holds this much (input salvaged at a reset may be megabytes).
constexpr qint64 kRelayBlockBytes = 64 * 1024;

/// "address:port" this end of @p fd is bound to (getsockname), or empty.
QString localPeer(int fd)
{
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&ss), &len) != 0) {
        return {};
    }
    QHostAddress a;
    quint16 port = 0;
    if (ss.ss_family == AF_INET) {
        const auto *in = reinterpret_cast<const sockaddr_in *>(&ss);
        a.setAddress(ntohl(in->sin_addr.s_addr));
        port = ntohs(in->sin_port);
    } else if (ss.ss_family == AF_INET6) {
        const auto *in6 = reinterpret_cast<const sockaddr_in6 *>(&ss);
        a.setAddress(in6->sin6_addr.s6_addr);
        port = ntohs(in6->sin6_port);
    } else {
        return {};
    }
    return formatPeer(a, port);
}

} // namespace

void Inbox::post(quint64 skip, const QByteArray &payload, qint64 messages)
{
    QMutexLocker lock(&mutex);
    if (!target) {
        return;
    }
    items.push_back({skip, payload, messages});
    if (!wakePosted) {
        wakePosted = true;
        Worker *w = target;
        QMetaObject::invokeMethod(w, [w] { w->drainInbox(); }, Qt::QueuedConnection);
    }
}

void Shared::joinRoom(const std::shared_ptr<Inbox> &inbox)
{
    if (options.mode != ServerMode::Room) {
        return;
    }
    QMutexLocker lock(&inboxMutex);
    auto list = std::make_shared<InboxList>(*inboxes);
    list->push_back(inbox);
    inboxes = std::move(list);
}

void Shared::leaveRoom(const Inbox *inbox)
{
    if (options.mode != ServerMode::Room) {
        return;
    }
    QMutexLocker lock(&inboxMutex);
    auto list = std::make_shared<InboxList>(*inboxes);
    std::erase_if(*list, [inbox](const std::shared_ptr<Inbox> &i) { return i.get() == inbox; });
    inboxes = std::move(list);
}

qint64 steadyMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

Worker::Worker(std::shared_ptr<Shared> shared, int serial, bool perClient, int position,
               int poolSize)
    : m_s(std::move(shared)), m_inbox(std::make_shared<Inbox>()), m_serial(serial),
      m_perClient(perClient),
      // A pool worker is named by its place in this server's pool, not by the serial that keeps
      // counting across restarts ("worker 7" was shown while Threads was 2).
      m_name(perClient ? QStringLiteral("client thread %1").arg(serial)
                       : QStringLiteral("worker %1 of %2").arg(position).arg(poolSize)),
      m_position(perClient ? 0 : position), m_poolSize(perClient ? 0 : poolSize),
      m_flushTimer(new QTimer(this)), m_sweepTimer(new QTimer(this))
{
    m_inbox->target = this;
    m_flushTimer->setSingleShot(true);
    m_flushMs = std::max(0, m_s->options.batchIntervalMs / 2);
    connect(m_flushTimer, &QTimer::timeout, this, [this] {
        flush();
        m_dead.clear(); // top of the stack: no handler holds a finished Conn any more
    });
    m_sweepTimer->setInterval(kSweepMs);
    connect(m_sweepTimer, &QTimer::timeout, this, &Worker::sweep);
}

Worker::~Worker()
{
    leaveRoom();
    for (Conn *c : std::as_const(m_conns)) {
        delete c;
    }
    if (m_s->tls && QThread::currentThread() == thread()) {
        // OpenSSL keeps per-thread state (error queue, random generators) that it frees when
        // the thread exits, through a thread-local destructor that runs after QThread::wait()
        // has returned: a process that exits right after stop() could run OpenSSL's own
        // atexit cleanup first, and that state leaked (LeakSanitizer: ~10 KB in 56 objects,
        // in 2 of 3 `serve --tls` runs). The worker is deleted in its own thread as it ends.
        OPENSSL_thread_stop();
    }
}

void Worker::addClient(qintptr descriptor, quint64 id)
{
    auto socket = std::make_unique<StreamSocket>(int(descriptor));
    const int one = 1;
    if (::setsockopt(int(descriptor), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) != 0
        && errno == EBADF) {
        socket.reset();
        addEvent(makeErrorEvent(NetError::ConnectionSetupFailed, now(), id, QString(),
                                "cannot take the connection: " + QByteArray(std::strerror(EBADF)),
                                QAbstractSocket::UnsupportedSocketOperationError));
        unroute(id);
        m_s->clients.fetch_sub(1);
        retireIfEmpty();
        return;
    }
    if (!m_dispatcherKnown) {
        m_dispatcherKnown = true;
        m_epoll = dynamic_cast<EpollDispatcher *>(QThread::currentThread()->eventDispatcher());
    }
    auto *c = new Conn;
    c->worker = this;
    c->id = id;
    c->peer = formatPeer(socket->peerAddress(), socket->peerPort());
    c->nameUtf8 = c->peer.toUtf8();
    // The worker stops reading a client whose output is over the cap: it costs no more, the
    // kernel's window closes.
    c->reading = true;
    if (m_epoll) {
        m_epoll->watch(int(descriptor), c, true, false);
    } else {
        c->readNotifier = new QSocketNotifier(descriptor, QSocketNotifier::Read, this);
        c->writeNotifier = new QSocketNotifier(descriptor, QSocketNotifier::Write, this);
        c->writeNotifier->setEnabled(false);
        connect(c->readNotifier, &QSocketNotifier::activated, this,
                [this, c] { onReadyRead(c); });
        connect(c->writeNotifier, &QSocketNotifier::activated, this,
                [this, c] { onWritable(c); });
    }
    if (m_s->tls) {
        socket->startServerTls(m_s->tls);
    }
    c->socket = std::move(socket);
    c->since = now();
    c->lastActivityMs = steadyMs();
    c->sinceMs = c->lastActivityMs;
    {
        const ServerOptions &o = m_s->options;
        // Echo returns lines of any length (it keeps none): only its log cuts a long one.
        c->frames = Framer(o.framing,
                           o.framing.kind == FramingKind::Newline ? o.maxLineBytes
                                                                  : o.maxFrameBytes,
                           o.mode == ServerMode::Echo);
    }
    m_conns.insert(id, c);
    m_s->served.fetch_add(1, std::memory_order_relaxed);
    NetEvent connected = makeEvent(NetEvent::Connected, c->since, id, c->peer);
    if (m_s->options.reportReads || m_s->options.recordSends) {
        connected.local = localPeer(int(descriptor));
        connected.timeUs = epochMicros();
        if (m_s->options.recordSends && !connected.local.isEmpty()) {
            c->sendLog = std::make_unique<SendLog>();
            c->sendLog->open(connected.local, c->peer);
        }
    }
    addEvent(std::move(connected));
    markDirty(c, true);
    if (!m_sweepTimer->isActive()) {
        m_sweepTimer->start();
    }
    if (m_s->options.mode == ServerMode::Room) {
        broadcast(id, protocol::joinedNotice(c->peer, m_s->options.framing), false);
    }
}

void Worker::sendTo(quint64 id, const QByteArray &data, bool framed)
{
    Conn *c = m_conns.value(id);
    if (!c || c->closing) {
        return;
    }
    const QByteArray wire = framed ? Framer::encode(m_s->options.framing, data) : data;
    writeShared(c, wire, 1);
    addEvent(makeEvent(NetEvent::Sent, now(), id, c->peer, wire));
    markDirty(c);
    if (!c->socket->flush()) {
        onError(c);
        return;
    }
    updateWatch(c);
    if (isByeMessage(framed ? Framer::unpadded(m_s->options.framing, data) : QByteArrayView(data))) {
        close(c, DisconnectReason::Bye);
        return;
    }
    checkOutput(c);
    account(c);
}

void Worker::sendToAll(const QByteArray &data, bool framed)
{
    const QList<quint64> ids = m_conns.keys();
    for (quint64 id : ids) {
        sendTo(id, data, framed);
    }
}

void Worker::kick(quint64 id)
{
    if (Conn *c = m_conns.value(id)) {
        close(c, DisconnectReason::Kicked);
    }
}

void Worker::deliver(quint64 from, const QByteArray &payload, qint64 messages)
{
    if (m_s->stopping.load(std::memory_order_relaxed)) {
        return; // every member is about to be closed
    }
    const QList<Conn *> conns = m_conns.values();
    for (Conn *c : conns) {
        if (c->id == from || c->closing || c->finished) {
            continue;
        }
        // No flush here: the socket sends at the next pass of the event loop, one write for
        // every line delivered meanwhile.
        writeShared(c, payload, messages);
        markDirty(c);
        updateWatch(c);
        if (pendingOut(c) > m_s->options.maxPendingBytes) {
            // Pausing a member's own input does not slow the room: drop it, its queue goes.
            close(c, DisconnectReason::NotReading, true);
        } else {
            account(c);
        }
    }
}

void Worker::drainInbox()
{
    std::vector<Inbox::Item> items;
    {
        QMutexLocker lock(&m_inbox->mutex);
        items.swap(m_inbox->items);
        m_inbox->wakePosted = false;
    }
    for (const Inbox::Item &item : items) {
        deliver(item.skip, item.payload, item.messages);
    }
}

void Worker::leaveRoom()
{
    {
        QMutexLocker lock(&m_inbox->mutex);
        if (!m_inbox->target) {
            return;
        }
        m_inbox->target = nullptr;
        m_inbox->items.clear();
    }
    m_s->leaveRoom(m_inbox.get());
}

void Worker::shutdown()
{
    // Leave the registry first: this worker's object is deleted once its thread ends, and
    // other workers still closing their own room clients broadcast "left" notices to every
    // worker in it (a crash when one was already gone).
    {
        QMutexLocker lock(&m_s->registryMutex);
        m_s->live.removeOne(this);
    }
    leaveRoom();
    const QList<Conn *> conns = m_conns.values();
    for (Conn *c : conns) {
        if (c->finished) {
            continue;
        }
        if (c->reason == DisconnectReason::None || !c->closing) {
            c->reason = DisconnectReason::ServerStopped;
        }
        c->closing = true;
        // Only what the socket holds (at most kSocketHighWater) goes before the close: with the
        // queue behind it, each flush refilled the socket as long as the kernel took bytes (a
        // room flood's members held a million lines between them: stop took ~1 s more).
        c->queue.clear();
        c->queued = 0;
        c->socket->flush();
        finish(c);
    }
    flush();
    m_sweepTimer->stop();
    QThread::currentThread()->quit();
}

void Worker::addEvent(NetEvent &&e)
{
    m_pending.eventBytes += e.data.size();
    m_pending.events.append(std::move(e));
    if (m_pending.eventBytes >= kEventFlushBytes) {
        // Whole 16 MiB frames read in one loop must not pile up here until the timer: the
        // hub bounds what waits for the owner (it counts messages beyond its limit).
        flush();
        return;
    }
    scheduleFlush();
}

void Worker::markDirty(Conn *c, bool now)
{
    if (c->finished) {
        return;
    }
    m_statsNow = m_statsNow || now;
    if (!c->dirty) {
        c->dirty = true;
        m_dirty.push_back(c);
    } else if (!now) {
        // A flush is already due for it (flush() keeps the timer for the dirty ones): asking
        // the timer again per room line cost 12 % of a flood in clock_gettime.
        return;
    }
    scheduleFlush();
}

void Worker::scheduleFlush()
{
    // Once per flush, not per event: the timer's remaining time is a clock read and a search
    // of the timers (every echoed message is an event when messages are reported).
    if (m_flushDue) {
        return;
    }
    m_flushDue = true;
    if (!m_flushTimer->isActive() || m_flushTimer->remainingTime() > m_flushMs) {
        m_flushTimer->start(m_flushMs);
    }
}

ClientStats Worker::statsOf(const Conn *c) const
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
    s.worker = m_position;
    s.workers = m_poolSize;
    s.pendingOut = pendingOut(c);
    s.pendingIn = 0; // what the worker reads it handles at once; the rest waits in the kernel
    return s;
}

void Worker::flush()
{
    // Statistics of busy clients go at most every kStatsMs (thousands of clients change
    // all the time); joins and leaves at once.
    m_flushDue = false; // the next event asks the timer again
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
    for (Conn *c : m_logsPending) {
        if (c->sendLog) {
            c->sendLog->flush();
        }
    }
    m_logsPending.clear();
    if (!m_pending.isEmpty()) {
        m_s->hub->push(std::move(m_pending));
        m_pending = NetBatch();
    }
}

void Worker::countIn(Conn *c, qint64 bytes)
{
    c->bytesIn += bytes;
    m_s->bytesIn.fetch_add(bytes, std::memory_order_relaxed);
}

void Worker::countOut(Conn *c, qint64 bytes, qint64 messages)
{
    c->bytesOut += bytes;
    c->messagesOut += messages;
    m_s->bytesOut.fetch_add(bytes, std::memory_order_relaxed);
    m_s->messagesOut.fetch_add(messages, std::memory_order_relaxed);
}

void Worker::report(Conn *c, QByteArrayView message, const QDateTime &time)
{
    ++c->messagesIn;
    m_s->messagesIn.fetch_add(1, std::memory_order_relaxed);
    if (m_s->options.reportMessages) {
        addEvent(makeEvent(NetEvent::Message, time, c->id, c->peer, message.toByteArray()));
    }
}

void Worker::reportRead(Conn *c, const char *data, qint64 size)
{
    const QByteArrayView read(data, std::max<qint64>(size, 0));
    addEvent(makeReadEvent(c->id, c->peer, c->bytesIn - read.size(), read, size < 0));
}

void Worker::recordSend(Conn *c, qint64 size)
{
    if (!c->sendLog || size <= 0) {
        return;
    }
    if (!c->sendLog->hasPending()) {
        m_logsPending.push_back(c);
        scheduleFlush();
    }
    c->sendLog->record(size, epochMicros());
}

void Worker::rest(Conn *c, int ms)
{
    c->resting = true;
    updateWatch(c);
    QTimer::singleShot(ms, this, [this, id = c->id] {
        Conn *c = m_conns.value(id);
        if (!c || c->finished || !c->resting) {
            return;
        }
        c->resting = false;
        onReadyRead(c);
    });
}

void Worker::write(Conn *c, QByteArrayView data, qint64 messages)
{
    recordSend(c, data.size());
    // A reply to the client's own input goes at once (an echo is one send() per read); an
    // error shows as socket->failed(), handled by the caller's caller (onReadyRead, close).
    if (c->queue.empty() && c->socket->bytesToWrite() < kSocketHighWater) {
        c->socket->send(data);
    } else {
        c->queue.emplace_back(data.toByteArray());
        c->queued += data.size();
    }
    countOut(c, data.size(), messages);
}

void Worker::writeShared(Conn *c, const QByteArray &data, qint64 messages)
{
    recordSend(c, data.size());
    if (c->queue.empty() && c->socket->bytesToWrite() < kSocketHighWater) {
        c->socket->write(data);
    } else {
        c->queue.push_back(data);
        c->queued += data.size();
    }
    countOut(c, data.size(), messages);
}

void Worker::refill(Conn *c)
{
    while (!c->queue.empty() && c->socket->bytesToWrite() < kSocketHighWater) {
        c->socket->write(c->queue.front());
        c->queued -= c->queue.front().size();
        c->queue.pop_front();
    }
}

qint64 Worker::pendingOut(const Conn *c) const
{
    return c->socket->bytesToWrite() + c->queued;
}

qint64 Worker::heldBy(const Conn *c) const
{
    qint64 held = c->frames.partialSize();
    if (m_s->options.mode != ServerMode::Room) {
        return held + pendingOut(c);
    }
    // Room lines are one buffer shared by every member's queue and socket (a member more than
    // maxPendingBytes behind is dropped); TLS encrypts them per member, into its own output.
    return c->socket->isTls() ? held + c->socket->bytesToWrite() : held;
}

bool Worker::account(Conn *c)
{
    if (c->finished) {
        return false;
    }
    const qint64 held = heldBy(c);
    const qint64 growth = held - c->held;
    if (growth == 0) {
        return true; // the usual case: whole messages handled, replies taken by the kernel
    }
    const qint64 total = m_s->held.fetch_add(growth, std::memory_order_relaxed) + growth;
    const qint64 budget = m_s->options.maxBufferBytes;
    if (growth > 0 && budget > 0 && total > budget) {
        // The growth is refused: this client goes (with what it holds), not the others.
        m_s->held.fetch_sub(growth, std::memory_order_relaxed);
        m_s->overBudget.fetch_add(1, std::memory_order_relaxed);
        const qint64 partial = c->frames.partialSize();
        addEvent(makeErrorEvent(
            NetError::MemoryBudget, now(), c->id, c->peer,
            "server memory budget: this client would hold " + QByteArray::number(held)
                + " bytes (" + QByteArray::number(partial) + " of an unfinished message, "
                + QByteArray::number(held - partial) + " of output it has not read), the "
                + "clients together " + QByteArray::number(total) + ", over the budget of "
                + QByteArray::number(budget) + " (--max-buffer)"));
        close(c, DisconnectReason::MemoryBudget, true);
        return false;
    }
    c->held = held;
    if (growth > 0) {
        qint64 peak = m_s->heldPeak.load(std::memory_order_relaxed);
        while (total > peak
               && !m_s->heldPeak.compare_exchange_weak(peak, total, std::memory_order_relaxed)) {
        }
    }
    return true;
}

void Conn::epollReady(quint32 events)
{
    worker->onReady(this, events);
}

void Worker::onReady(Conn *c, quint32 events)
{
    if (events & (EPOLLRDHUP | EPOLLHUP)) {
        c->peerEnded = true; // whatever is read next, the end follows it
    }
    // As the notifiers would be told: a hang-up or an error to both sides.
    if (c->reading && (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))) {
        onReadyRead(c);
    }
    if (!c->finished && c->writing && (events & (EPOLLOUT | EPOLLHUP | EPOLLERR))) {
        onWritable(c);
    }
}

void Worker::onReadyRead(Conn *c)
{
    // Clients finished since the last flush keep their record until then (a handler up the
    // stack may hold it), but not their unfinished message: the budget no longer counts it,
    // and 100 clients closed by it in one burst kept 20 MB over the budget. Here no handler is
    // inside a framer.
    for (const std::unique_ptr<Conn> &dead : m_dead) {
        if (dead->frames.hasPartial()) {
            dead->frames.takePartial();
        }
    }
    if (!m_buffer) {
        // Allocated here, in the worker's thread, and not zeroed: a thread per client must
        // not cost the accepting thread a 64 KiB memset (and its page faults) per client.
        m_buffer = std::make_unique_for_overwrite<char[]>(kBufferSize);
    }
    StreamSocket *s = c->socket.get();
    bool any = false;
    bool ended = false;
    bool rested = false;
    // The slow reader: N bytes per read, a pause after each (the rest waits in the kernel).
    const qint64 slowBytes = m_s->slowReadBytes.load(std::memory_order_relaxed);
    const int slowPauseMs = slowBytes > 0 ? m_s->slowReadPauseMs.load(std::memory_order_relaxed)
                                          : 0;
    const qint64 readMax = slowBytes > 0 ? std::min(slowBytes, kBufferSize) : kBufferSize;
    // A flooding client keeps this loop reading; stop() must not wait until everything it
    // sent has been handled (a room flood made SIGTERM take 2.4-4 s).
    while (!c->paused && !c->resting && !c->finished
           && !m_s->stopping.load(std::memory_order_relaxed)) {
        const qint64 n = s->read(m_buffer.get(), readMax);
        if (n <= 0) {
            ended = n < 0;
            if (n == 0 && m_s->options.mode == ServerMode::Echo) {
                echoPieceEnds(c); // the last read looked full, but nothing followed it
            }
            break;
        }
        // More input may follow at once: the read filled what was asked, or TLS holds whole
        // records it read beyond what fitted (or the end behind them).
        const bool more = n >= readMax || s->hasBufferedInput();
        // The peer's end (peerEnded) is still to be read after a short read: edge-triggered,
        // no other wake-up would come for it (13 of 200 clients that sent a line and shut
        // down at once waited until the server stopped). It is not more input: a piece it
        // ends is whole (echo's "bye" + end must not look like the front of a longer piece).
        const bool drained = !more && !c->peerEnded;
        any = true;
        countIn(c, n);
        if (m_s->options.reportReads) {
            reportRead(c, m_buffer.get(), n);
        }
        const QByteArrayView chunk(m_buffer.get(), n);
        switch (m_s->options.mode) {
        case ServerMode::Greet:
            greet(c, chunk);
            break;
        case ServerMode::Echo:
            echo(c, chunk, more);
            break;
        case ServerMode::Chat:
        case ServerMode::Room:
        case ServerMode::Rules:
            messages(c, chunk);
            break;
        }
        if (!c->closing) {
            checkOutput(c); // may pause: then the rest stays in the kernel
        }
        if (!account(c)) {
            break; // over the server's memory budget: closed
        }
        if (slowBytes > 0 && !c->closing && !c->finished) {
            // One read per turn of the event loop even without a pause: N-byte reads of a
            // flood in one loop held the worker (and every event) until the kernel was empty.
            rested = true;
            break;
        }
        if (drained) {
            break; // the kernel had no more: spare the read that would say EAGAIN
        }
    }
    if (c->finished) {
        return;
    }
    if (rested) {
        rest(c, slowPauseMs);
    }
    if (any) {
        c->lastActivityMs = steadyMs();
        s->flush();
        markDirty(c);
    }
    if (s->failed()) {
        onError(c); // a reset or an error, met by a read or by a reply
        return;
    }
    if (ended) {
        onPeerClosed(c);
        return;
    }
    if (any && !c->closing) {
        checkOutput(c);
    }
    if (account(c)) {
        updateWatch(c);
    }
}

void Worker::onPeerClosed(Conn *c)
{
    if (m_s->options.reportReads) {
        reportRead(c, nullptr, 0); // recv() returned b''
    }
    // The peer sent everything it will (a FIN): what it sent was handled above. Output still
    // waiting goes before the close (a client that shut down only its sending side reads it).
    if (!c->closing) {
        handleLastInput(c);
        if (c->finished) {
            return;
        }
        if (c->reason == DisconnectReason::None) {
            c->reason = DisconnectReason::ClosedByPeer;
        }
    }
    if (pendingOut(c) == 0 || c->socket->failed()) {
        finish(c);
    } else if (!c->closing) {
        close(c, c->reason);
    } else {
        updateWatch(c);
    }
}

void Worker::greet(Conn *c, QByteArrayView chunk)
{
    if (c->greeted) {
        return;
    }
    const QDateTime t = now();
    const Framing &framing = m_s->options.framing;
    if (framing.kind == FramingKind::Length || framing.kind == FramingKind::Fixed) {
        // The greeting answers the first whole frame.
        bool first = false;
        const Framer::Status status = c->frames.feed(chunk, [&](QByteArrayView message) {
            if (!first) {
                first = true;
                report(c, message, t);
            }
        });
        if (status == Framer::Status::TooLong) {
            tooLong(c);
            return;
        }
        if (!first) {
            return;
        }
    } else {
        protocol::greetChunk(chunk, framing.kind,
                             [&](QByteArrayView piece) { report(c, piece, t); });
    }
    c->greeted = true;
    const QByteArray greeting = protocol::framedGreeting(m_s->options.greeting, framing);
    write(c, greeting, 1);
    if (m_s->options.reportReplies) {
        addEvent(makeEvent(NetEvent::Sent, t, c->id, c->peer, m_s->options.greeting));
    }
    close(c, DisconnectReason::Greeted);
}

void Worker::echo(Conn *c, QByteArrayView chunk, bool bufferFull)
{
    if (c->closing) {
        return;
    }
    const QDateTime t = now();
    const protocol::EchoStep step = protocol::echoChunk(
        c->frames, chunk, bufferFull, [&](QByteArrayView message) { report(c, message, t); });
    // Newline and raw: the bytes go back exactly as they came, in one write per read.
    if (!step.reply.isEmpty()) {
        write(c, step.reply, step.messages);
        if (m_s->options.reportReplies) {
            addEvent(makeEvent(NetEvent::Sent, t, c->id, c->peer, step.reply.toByteArray()));
        }
    }
    if (step.bye) {
        close(c, DisconnectReason::Bye);
    } else if (step.tooLong) {
        tooLong(c);
    } else {
        armPartial(c);
    }
}

void Worker::echoPieceEnds(Conn *c)
{
    if (c->closing || c->frames.framing().kind != FramingKind::Newline
        || !c->frames.hasPartial()) {
        return;
    }
    const QByteArray piece = c->frames.takePartial(true);
    if (handleLine(c, piece, now())) {
        close(c, DisconnectReason::Bye);
    }
}

void Worker::messages(Conn *c, QByteArrayView chunk)
{
    if (c->closing) {
        return;
    }
    const QDateTime t = now();
    bool bye = false;
    const Framer::Status status = c->frames.feed(chunk, [&](QByteArrayView line) {
        if (bye || c->closing || m_s->stopping.load(std::memory_order_relaxed)) {
            return; // stopping: the rest of a 64 KiB read (4,000 room lines) is not relayed
        }
        bye = handleLine(c, line, t);
    });
    relayGathered(c); // before a close: its "left" notice comes after the lines
    if (c->closing) {
        return;
    }
    if (status == Framer::Status::TooLong) {
        tooLong(c);
        return;
    }
    if (bye) {
        close(c, DisconnectReason::Bye);
        return;
    }
    if (m_s->options.mode != ServerMode::Rules) {
        // Rules answer whole lines (the Python program splits at newlines): an unterminated
        // one waits for its newline or for the close.
        armPartial(c);
    }
}

void Worker::armPartial(Conn *c)
{
    // Only a line waits to be reported: a frame is a message only once whole.
    if (c->frames.framing().kind == FramingKind::Newline && c->frames.hasPartial()) {
        if (!c->partialTimer) {
            c->partialTimer = new QTimer(this);
            c->partialTimer->setSingleShot(true);
            c->partialTimer->setInterval(kPartialLineMs);
            connect(c->partialTimer, &QTimer::timeout, this, [this, c] { onPartial(c); });
        }
        c->partialTimer->start();
    } else if (c->partialTimer) {
        c->partialTimer->stop();
    }
}

void Worker::tooLong(Conn *c)
{
    if (c->frames.framing().kind == FramingKind::Newline) {
        close(c, DisconnectReason::LineTooLong, true);
        return;
    }
    addEvent(makeErrorEvent(NetError::FrameTooLong, now(), c->id, c->peer,
                            "frame too long: the length prefix says "
                                + QByteArray::number(c->frames.tooLongSize())
                                + " bytes, over the limit of "
                                + QByteArray::number(m_s->options.maxFrameBytes)));
    close(c, DisconnectReason::FrameTooLong, true);
}

bool Worker::handleLine(Conn *c, QByteArrayView line, const QDateTime &t)
{
    report(c, line, t);
    if (m_s->options.mode == ServerMode::Rules) {
        answer(c, line, t);
        return false;
    }
    if (m_s->options.mode != ServerMode::Room) {
        return isByeMessage(Framer::unpadded(m_s->options.framing, line));
    }
    protocol::RoomStep step
        = protocol::roomLine(line, c->nameUtf8, m_relay, m_s->options.framing);
    switch (step.kind) {
    case protocol::RoomStep::Bye:
        return true;
    case protocol::RoomStep::Rename:
        relayGathered(c); // the others see the lines before the new name
        c->nickname = step.nickname;
        c->nameUtf8 = c->nickname.toUtf8();
        markDirty(c, true);
        broadcast(c->id, step.toAll, true);
        break;
    case protocol::RoomStep::Refused:
        if (!c->finished) {
            write(c, step.toSender, 1);
            markDirty(c);
        }
        break;
    case protocol::RoomStep::Relay:
        ++m_relayLines;
        if (m_relay.size() >= kRelayBlockBytes) {
            relayGathered(c);
        }
        break;
    }
    return false;
}

void Worker::answer(Conn *c, QByteArrayView line, const QDateTime &t)
{
    if (!m_s->options.rules) {
        return;
    }
    const chat::ReplyRules::Answer a = m_s->options.rules->answer(QString::fromUtf8(line));
    if (!a.error.isEmpty()) {
        addEvent(makeErrorEvent(NetError::RuleFailed, t, c->id, c->peer, a.error.toUtf8()));
    }
    if (!a.reply || c->finished) {
        return;
    }
    const QByteArray reply = Framer::encode(m_s->options.framing, a.reply->toUtf8());
    write(c, reply, 1);
    markDirty(c);
    if (m_s->options.reportReplies) {
        addEvent(makeEvent(NetEvent::Sent, t, c->id, c->peer, reply));
    }
}

void Worker::relayGathered(Conn *c)
{
    if (m_relay.isEmpty()) {
        return;
    }
    const QByteArray block = std::exchange(m_relay, QByteArray());
    const qint64 lines = std::exchange(m_relayLines, 0);
    if (m_s->stopping.load(std::memory_order_relaxed)) {
        return; // every member is about to be closed
    }
    broadcast(c->id, block, false, lines);
}

void Worker::onPartial(Conn *c)
{
    if (c->finished || c->closing || !c->frames.hasPartial()) {
        return;
    }
    const QByteArray partial = c->frames.takePartial();
    const bool bye = handleLine(c, partial, now());
    relayGathered(c);
    if (bye) {
        close(c, DisconnectReason::Bye);
    } else {
        account(c);
    }
}

void Worker::broadcast(quint64 from, const QByteArray &payload, bool toSelf, qint64 messages)
{
    const quint64 skip = toSelf ? 0 : from;
    deliver(skip, payload, messages);
    std::shared_ptr<const InboxList> inboxes;
    {
        QMutexLocker lock(&m_s->inboxMutex);
        inboxes = m_s->inboxes;
    }
    for (const std::shared_ptr<Inbox> &inbox : *inboxes) {
        if (inbox != m_inbox) {
            inbox->post(skip, payload, messages);
        }
    }
}

void Worker::checkOutput(Conn *c)
{
    if (c->finished) {
        return; // a write or flush found the connection reset
    }
    const qint64 pending = pendingOut(c);
    const qint64 cap = m_s->options.maxPendingBytes;
    if (pending <= cap) {
        return;
    }
    if (pending > 2 * cap) {
        // Other clients' traffic (room) keeps coming; no point waiting.
        close(c, DisconnectReason::NotReading, true);
        return;
    }
    if (!c->paused) {
        c->paused = true;
        c->overSinceMs = steadyMs();
        markDirty(c);
        updateWatch(c);
    }
}

void Worker::onWritable(Conn *c)
{
    if (c->finished) {
        return;
    }
    StreamSocket *s = c->socket.get();
    // Until the kernel is full or nothing waits: the socket's output, then the queue behind it.
    while (s->flush() && s->bytesToWrite() == 0 && !c->queue.empty()) {
        refill(c);
    }
    if (s->failed()) {
        onError(c);
        return;
    }
    if (s->bytesToWrite() < kSocketHighWater) {
        refill(c);
    }
    if (c->closeWhenSent && pendingOut(c) == 0) {
        c->closeWhenSent = false;
        finish(c);
        return;
    }
    markDirty(c);
    account(c);
    if (c->paused && pendingOut(c) <= m_s->options.maxPendingBytes / 2) {
        c->paused = false;
        onReadyRead(c);
    }
    if (!c->finished) {
        updateWatch(c);
    }
}

void Worker::updateWatch(Conn *c)
{
    if (c->finished) {
        return;
    }
    // Not after the peer's end either: epoll would report it again at every wait.
    const bool read = !c->paused && !c->resting && !c->socket->atEnd();
    // (TLS: plaintext written before the handshake is done waits for it, not for room.)
    const bool write
        = c->socket->wantsWrite() || (!c->queue.empty() && !c->socket->tlsHandshaking());
    if (read == c->reading && write == c->writing) {
        return;
    }
    if (m_epoll) {
        m_epoll->watch(c->socket->descriptor(), c, read, write); // both false: forgotten
    } else {
        if (read != c->reading) {
            c->readNotifier->setEnabled(read);
        }
        if (write != c->writing) {
            c->writeNotifier->setEnabled(write);
        }
    }
    c->reading = read;
    c->writing = write;
}

void Worker::onError(Conn *c)
{
    if (c->finished) {
        return;
    }
    // A client that sends and closes at once resets the connection when a write (a room
    // notice) reaches it. What it sent before is still in the kernel, readable until the
    // descriptor is closed: it is handled with the close (lines relayed, bytes counted).
    if (!c->closing) {
        c->salvaged += c->socket->readRemaining();
    }
    if (m_s->options.reportReads && c->socket->wasReset()) {
        reportRead(c, nullptr, -1); // ConnectionResetError
    }
    if (c->reason == DisconnectReason::None) {
        if (c->socket->tlsFailed()) {
            c->reason = DisconnectReason::TlsFailed;
            c->errorText = c->socket->errorString();
        } else if (c->socket->wasReset()) {
            c->reason = DisconnectReason::ClosedByPeer;
        } else {
            c->reason = DisconnectReason::SocketError;
            c->errorText = c->socket->errorString();
            c->socketError = c->socket->error();
        }
    }
    finish(c);
}

void Worker::handleLastInput(Conn *c)
{
    // What arrived with the close: counted and handled like any read (no reply can go back),
    // and a last unterminated line is relayed in room mode.
    const QDateTime t = now();
    const FramingKind kind = c->frames.framing().kind;
    if (!c->salvaged.isEmpty()) {
        const QByteArray in = std::exchange(c->salvaged, QByteArray());
        countIn(c, in.size());
        bool bye = false;
        const bool greet = m_s->options.mode == ServerMode::Greet;
        if (greet && (kind == FramingKind::Newline || kind == FramingKind::Raw)) {
            if (!c->greeted) {
                c->greeted = true;
                protocol::greetChunk(in, kind, [&](QByteArrayView piece) { report(c, piece, t); });
            }
        } else if (!greet || !c->greeted) {
            c->frames.feed(in, [&](QByteArrayView message) {
                if (bye || (greet && c->greeted)) {
                    return;
                }
                c->greeted = greet;
                bye = handleLine(c, message, t);
            });
        }
        if (bye) {
            c->reason = DisconnectReason::Bye;
            c->frames.takePartial();
        }
    }
    if (kind == FramingKind::Newline && c->frames.hasPartial()) {
        const QByteArray partial = c->frames.takePartial();
        if (handleLine(c, partial, t)) {
            c->reason = DisconnectReason::Bye;
        }
    } else if (c->frames.hasPartial() && !(m_s->options.mode == ServerMode::Greet && c->greeted)) {
        // A frame cut short is no message: the log says what was missing.
        addEvent(makeErrorEvent(NetError::PartialFrame, t, c->id, c->peer,
                                "the connection ended inside a frame: "
                                    + c->frames.partialDescription()));
        c->frames.takePartial();
    }
    relayGathered(c);
}

void Worker::close(Conn *c, DisconnectReason reason, bool abort)
{
    if (c->finished) {
        return;
    }
    if (c->reason == DisconnectReason::None || !c->closing) {
        c->reason = reason;
    }
    c->closing = true;
    c->closingSinceMs = steadyMs();
    if (c->partialTimer) {
        c->partialTimer->stop();
    }
    if (!abort && c->socket->bytesToWrite() > 0) {
        c->socket->flush();
    }
    if (abort || pendingOut(c) == 0 || c->socket->failed()) {
        finish(c);
        return;
    }
    // onWritable() finishes once the queue and the socket's output are sent (or the sweep
    // aborts after kClosingGraceMs).
    c->closeWhenSent = true;
    updateWatch(c);
}

void Worker::finish(Conn *c)
{
    // The client is gone: report it, forget it (memory freed at the next flush, never while a
    // handler up the stack may still use it).
    if (c->finished) {
        return;
    }
    c->finished = true;
    // The watch goes before the descriptor (its number may be reused at once by a new
    // client); notifiers are deleted later: this may run in one's own activation.
    if (m_epoll) {
        if (c->reading || c->writing) {
            m_epoll->watch(c->socket->descriptor(), c, false, false);
        }
    } else {
        for (QSocketNotifier *n : {c->readNotifier, c->writeNotifier}) {
            n->setEnabled(false);
            disconnect(n, nullptr, this, nullptr);
            n->deleteLater();
        }
        c->readNotifier = c->writeNotifier = nullptr;
    }
    c->reading = c->writing = false;
    if (c->partialTimer) {
        c->partialTimer->stop();
        disconnect(c->partialTimer, nullptr, this, nullptr);
        c->partialTimer->deleteLater();
        c->partialTimer = nullptr;
    }
    const QDateTime t = now();
    if (!c->closing) {
        handleLastInput(c);
    }
    c->queue.clear();
    c->queued = 0;
    m_s->held.fetch_sub(std::exchange(c->held, 0), std::memory_order_relaxed);
    if (c->sendLog) {
        c->sendLog->close();
        std::erase(m_logsPending, c);
    }
    if (c->reason == DisconnectReason::None) {
        c->reason = DisconnectReason::ClosedByPeer;
    }
    addEvent(makeDisconnectEvent(t, c->id, c->peer, c->reason, c->errorText, c->socketError));
    m_pending.gone.append(c->id);
    m_conns.remove(c->id);
    unroute(c->id);
    m_s->clients.fetch_sub(1);
    c->socket->sendCloseNotify(); // TLS: the peer learns the end is the end (never waited for)
    c->socket->close();
    m_dead.emplace_back(c);
    if (m_s->options.mode == ServerMode::Room && !m_s->stopping.load()) {
        broadcast(c->id, protocol::leftNotice(c->name(), m_s->options.framing), false);
    }
    retireIfEmpty();
}

void Worker::unroute(quint64 id)
{
    QMutexLocker lock(&m_s->registryMutex);
    m_s->route.remove(id);
}

void Worker::retireIfEmpty()
{
    if (m_perClient && m_conns.isEmpty()) {
        leaveRoom();
        flush();
        QMetaObject::invokeMethod(
            m_s->owner, [s = m_s, serial = m_serial] { s->retire(serial); },
            Qt::QueuedConnection);
    }
}

void Worker::sweep()
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
        if (c->socket->failed()) {
            onError(c); // failed where nobody looked (a safety net)
        } else if (c->closing) {
            if (t - c->closingSinceMs > kClosingGraceMs) {
                finish(c);
            }
        } else if (c->socket->tlsHandshaking()
                   && t - c->sinceMs >= qint64(o.tlsHandshakeTimeoutMs)) {
            c->reason = DisconnectReason::TlsFailed;
            c->errorText = QStringLiteral("no handshake within %1 s (not a TLS client?)")
                               .arg(double(o.tlsHandshakeTimeoutMs) / 1000.0);
            close(c, DisconnectReason::TlsFailed, true);
        } else if (c->paused && t - c->overSinceMs > o.stallTimeoutMs) {
            close(c, DisconnectReason::NotReading, true);
        } else if (o.idleTimeoutMs > 0 && !c->paused
                   && t - c->lastActivityMs > o.idleTimeoutMs) {
            close(c, DisconnectReason::Idle);
        }
    }
}

} // namespace stdlab::net

#include "tcpworker.h"

#include "serverprotocol.h"

#include <QThread>

#include <unistd.h>

#include <chrono>

namespace stdlab::net {

namespace {

// A worker reads at most this much per client at a time.
constexpr qint64 kReadBufferSize = 64 * 1024;
// One more than the socket buffers: every read asks for more than is there, which makes
// QAbstractSocket re-enable the read notifier it turned off when its buffer was full.
constexpr qint64 kBufferSize = kReadBufferSize + 1;
// How long a partial line waits before chat/room report or relay it.
constexpr int kPartialLineMs = 200;
constexpr int kSweepMs = 100;
constexpr qint64 kStatsMs = 200;

} // namespace

qint64 steadyMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

Worker::Worker(std::shared_ptr<Shared> shared, int serial, bool perClient, int position,
               int poolSize)
    : m_s(std::move(shared)), m_serial(serial), m_perClient(perClient),
      // A pool worker is named by its place in this server's pool, not by the serial that keeps
      // counting across restarts ("worker 7" was shown while Threads was 2).
      m_name(perClient ? QStringLiteral("client thread %1").arg(serial)
                       : QStringLiteral("worker %1 of %2").arg(position).arg(poolSize)),
      m_position(perClient ? 0 : position), m_poolSize(perClient ? 0 : poolSize),
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

Worker::~Worker()
{
    for (Conn *c : std::as_const(m_conns)) {
        delete c;
    }
}

void Worker::addClient(qintptr descriptor, quint64 id)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        ::close(int(descriptor));
        addEvent(makeErrorEvent(NetError::ConnectionSetupFailed, now(), id, QString(),
                                "cannot take the connection: " + socket->errorString().toUtf8(),
                                socket->error()));
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
        broadcast(id, protocol::joinedNotice(c->peer), false);
    }
}

void Worker::sendTo(quint64 id, const QByteArray &data)
{
    Conn *c = m_conns.value(id);
    if (!c || c->closing) {
        return;
    }
    write(c, data, 1);
    addEvent(makeEvent(NetEvent::Sent, now(), id, c->peer, data));
    markDirty(c);
    c->socket->flush();
    if (isByeMessage(data)) {
        close(c, DisconnectReason::Bye);
        return;
    }
    checkOutput(c);
}

void Worker::sendToAll(const QByteArray &data)
{
    const QList<quint64> ids = m_conns.keys();
    for (quint64 id : ids) {
        sendTo(id, data);
    }
}

void Worker::kick(quint64 id)
{
    if (Conn *c = m_conns.value(id)) {
        close(c, DisconnectReason::Kicked);
    }
}

void Worker::deliver(quint64 from, const QByteArray &payload)
{
    const QList<Conn *> conns = m_conns.values();
    for (Conn *c : conns) {
        if (c->id == from || c->closing || c->finished) {
            continue;
        }
        write(c, payload, 1);
        markDirty(c);
        c->socket->flush();
        checkOutput(c);
    }
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
    const QList<Conn *> conns = m_conns.values();
    for (Conn *c : conns) {
        if (c->finished) {
            continue;
        }
        if (c->reason == DisconnectReason::None || !c->closing) {
            c->reason = DisconnectReason::ServerStopped;
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

void Worker::addEvent(NetEvent &&e)
{
    m_pending.eventBytes += e.data.size();
    m_pending.events.append(std::move(e));
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
    }
    scheduleFlush();
}

void Worker::scheduleFlush()
{
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
    s.pendingOut = c->socket ? c->socket->bytesToWrite() : 0;
    s.pendingIn = c->socket ? c->socket->bytesAvailable() : 0;
    return s;
}

void Worker::flush()
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

void Worker::write(Conn *c, QByteArrayView data, qint64 messages)
{
    c->socket->write(data.data(), data.size());
    countOut(c, data.size(), messages);
}

void Worker::onReadyRead(Conn *c)
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
        countIn(c, n);
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

void Worker::greet(Conn *c, QByteArrayView chunk)
{
    if (c->greeted) {
        return;
    }
    c->greeted = true;
    const QDateTime t = now();
    protocol::greetChunk(chunk, [&](QByteArrayView piece) { report(c, piece, t); });
    write(c, m_s->options.greeting, 1);
    if (m_s->options.reportReplies) {
        addEvent(makeEvent(NetEvent::Sent, t, c->id, c->peer, m_s->options.greeting));
    }
    close(c, DisconnectReason::Greeted);
}

void Worker::echo(Conn *c, QByteArrayView chunk)
{
    if (c->closing) {
        return;
    }
    const QDateTime t = now();
    const protocol::EchoStep step
        = protocol::echoChunk(chunk, [&](QByteArrayView piece) { report(c, piece, t); });
    // The bytes go back exactly as they came, in one write per read.
    if (!step.reply.isEmpty()) {
        write(c, step.reply, step.messages);
        if (m_s->options.reportReplies) {
            addEvent(makeEvent(NetEvent::Sent, t, c->id, c->peer, step.reply.toByteArray()));
        }
    }
    if (step.bye) {
        close(c, DisconnectReason::Bye);
    }
}

void Worker::lines(Conn *c, QByteArrayView chunk)
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
        close(c, DisconnectReason::LineTooLong, true);
        return;
    }
    if (bye) {
        close(c, DisconnectReason::Bye);
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

bool Worker::handleLine(Conn *c, QByteArrayView line, const QDateTime &t)
{
    report(c, line, t);
    if (m_s->options.mode != ServerMode::Room) {
        return isByeMessage(line);
    }
    protocol::RoomStep step = protocol::roomLine(line, c->name());
    switch (step.kind) {
    case protocol::RoomStep::Bye:
        return true;
    case protocol::RoomStep::Rename:
        c->nickname = step.nickname;
        markDirty(c, true);
        broadcast(c->id, step.toAll, true);
        break;
    case protocol::RoomStep::Refused:
        write(c, step.toSender, 1);
        markDirty(c);
        break;
    case protocol::RoomStep::Relay:
        broadcast(c->id, step.toOthers, false);
        break;
    }
    return false;
}

void Worker::onPartial(Conn *c)
{
    if (c->finished || c->closing || !c->lines.hasPartial()) {
        return;
    }
    const QByteArray partial = c->lines.takePartial();
    if (handleLine(c, partial, now())) {
        close(c, DisconnectReason::Bye);
    }
}

void Worker::broadcast(quint64 from, const QByteArray &payload, bool toSelf)
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

void Worker::checkOutput(Conn *c)
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
        close(c, DisconnectReason::NotReading, true);
        return;
    }
    if (!c->paused) {
        c->paused = true;
        c->overSinceMs = steadyMs();
        markDirty(c);
    }
}

void Worker::onBytesWritten(Conn *c)
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

void Worker::onError(Conn *c, QAbstractSocket::SocketError e)
{
    if (c->finished || c->reason != DisconnectReason::None) {
        return;
    }
    if (e == QAbstractSocket::RemoteHostClosedError) {
        c->reason = DisconnectReason::ClosedByPeer;
    } else {
        c->reason = DisconnectReason::SocketError;
        c->errorText = c->socket->errorString();
        c->socketError = e;
    }
    if (c->socket->state() == QAbstractSocket::UnconnectedState) {
        finish(c);
    }
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
    if (abort) {
        c->socket->abort();
    } else {
        c->socket->disconnectFromHost();
    }
    if (!c->finished && c->socket->state() == QAbstractSocket::UnconnectedState) {
        finish(c);
    }
}

void Worker::finish(Conn *c)
{
    // The client is gone: report it, forget it (memory freed at the next flush, never while a
    // handler up the stack may still use it).
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
            c->reason = DisconnectReason::Bye;
        }
    }
    if (c->reason == DisconnectReason::None) {
        c->reason = DisconnectReason::ClosedByPeer;
    }
    addEvent(makeDisconnectEvent(t, c->id, c->peer, c->reason, c->errorText, c->socketError));
    m_pending.gone.append(c->id);
    m_conns.remove(c->id);
    unroute(c->id);
    m_s->clients.fetch_sub(1);
    c->socket->deleteLater();
    c->socket = nullptr;
    c->partialTimer = nullptr; // a child of the socket
    m_dead.emplace_back(c);
    if (m_s->options.mode == ServerMode::Room) {
        broadcast(c->id, protocol::leftNotice(c->name()), false);
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
        if (c->socket->state() == QAbstractSocket::UnconnectedState) {
            finish(c); // closed without a disconnected() we saw
        } else if (c->closing) {
            if (t - c->closingSinceMs > kClosingGraceMs) {
                c->socket->abort();
                finish(c);
            }
        } else if (c->paused && t - c->overSinceMs > o.stallTimeoutMs) {
            close(c, DisconnectReason::NotReading, true);
        } else if (o.idleTimeoutMs > 0 && !c->paused
                   && t - c->lastActivityMs > o.idleTimeoutMs) {
            close(c, DisconnectReason::Idle);
        }
    }
}

} // namespace stdlab::net

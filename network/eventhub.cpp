#include "netinternal.h"

#include <QHash>

namespace stdlab::net {

namespace {
// Beyond this a flood's Message/Datagram events are counted instead of queued, so that an owner
// that cannot keep up (a busy GUI) never makes the queue grow without bound.
constexpr qsizetype kMaxQueuedEvents = 200000;
constexpr qint64 kMaxQueuedBytes = 64 * 1024 * 1024;
} // namespace

QDateTime now()
{
    // Converting to local time costs a time-zone lookup; a flood makes many events per millisecond.
    thread_local qint64 lastMs = -1;
    thread_local QDateTime last;
    const qint64 ms = QDateTime::currentMSecsSinceEpoch();
    if (ms != lastMs) {
        lastMs = ms;
        last = QDateTime::fromMSecsSinceEpoch(ms);
    }
    return last;
}

void mergeBatch(NetBatch &a, NetBatch &&b)
{
    if (a.events.isEmpty()) {
        a.events = std::move(b.events);
    } else {
        a.events.append(std::move(b.events)); // moved: a copy of each event under the lock
    }
    a.eventBytes += b.eventBytes;
    if (!b.changed.isEmpty()) {
        if (a.changed.isEmpty()) {
            a.changed = std::move(b.changed);
        } else {
            QHash<quint64, qsizetype> index;
            for (qsizetype i = 0; i < a.changed.size(); ++i) {
                index.insert(a.changed.at(i).id, i);
            }
            for (ClientStats &s : b.changed) {
                const auto it = index.constFind(s.id);
                if (it != index.cend()) {
                    a.changed[*it] = std::move(s);
                } else {
                    index.insert(s.id, a.changed.size());
                    a.changed.append(std::move(s));
                }
            }
        }
    }
    a.gone.append(b.gone);
}

EventHub::EventHub(int intervalMs, Deliver deliver, QObject *parent)
    : QObject(parent), m_interval(intervalMs), m_deliver(std::move(deliver))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &EventHub::flushNow);
}

void EventHub::push(NetBatch &&batch)
{
    if (batch.isEmpty()) {
        return;
    }
    {
        QMutexLocker lock(&m_mutex);
        if (m_queue.events.size() + batch.events.size() > kMaxQueuedEvents
            || m_queue.eventBytes + batch.eventBytes > kMaxQueuedBytes) {
            NetEvents kept;
            for (NetEvent &e : batch.events) {
                if (e.kind == NetEvent::Message || e.kind == NetEvent::Datagram
                    || e.kind == NetEvent::Read) {
                    ++m_dropped;
                    batch.eventBytes -= e.data.size();
                } else {
                    kept.append(std::move(e));
                }
            }
            batch.events = std::move(kept);
        }
        mergeBatch(m_queue, std::move(batch));
    }
    if (!m_wakePosted.exchange(true)) {
        QMetaObject::invokeMethod(this, &EventHub::wake, Qt::QueuedConnection);
    }
}

void EventHub::push(NetEvent &&event)
{
    NetBatch b;
    b.eventBytes = event.data.size();
    b.events.append(std::move(event));
    push(std::move(b));
}

void EventHub::wake()
{
    m_wakePosted = false;
    if (m_timer.isActive()) {
        return;
    }
    const qint64 since = m_last.isValid() ? m_last.elapsed() : qint64(m_interval);
    if (since >= m_interval) {
        flushNow();
    } else {
        m_timer.start(int(m_interval - since));
    }
}

void EventHub::flushNow()
{
    m_timer.stop();
    NetBatch b;
    qint64 dropped = 0;
    {
        QMutexLocker lock(&m_mutex);
        std::swap(b, m_queue);
        std::swap(dropped, m_dropped);
    }
    if (dropped > 0) {
        b.events.append(makeErrorEvent(NetError::EventsDropped, now(), 0, QString(),
                                       QByteArray::number(dropped)
                                           + " message events not reported (too many too fast)"));
    }
    if (b.isEmpty()) {
        return;
    }
    m_last.start();
    m_deliver(std::move(b));
}

void EventHub::discard()
{
    m_timer.stop();
    QMutexLocker lock(&m_mutex);
    m_queue = NetBatch();
    m_dropped = 0;
}

} // namespace stdlab::net

#pragma once

// Plumbing shared by the servers and clients of the engine; not part of the public API.
#include "netevent.h"

#include <QAbstractSocket>
#include <QElapsedTimer>
#include <QMutex>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <functional>

namespace stdlab::net {

void registerNetMetaTypes();
/// The course's test: the message is "bye" once stripped of whitespace.
bool isByeMessage(QByteArrayView message);
NetEvent makeEvent(NetEvent::Kind kind, const QDateTime &time, quint64 client, const QString &peer,
                   const QByteArray &data = {}, const QString &reason = {});
/// A Read event: one recv() of @p data at @p offset of the stream (its first
/// NetEvent::kReadPreviewBytes kept); empty data is the end, recv() returning b'', or with
/// @p reset the connection reset (size -1: ConnectionResetError).
NetEvent makeReadEvent(quint64 client, const QString &peer, qint64 offset, QByteArrayView data,
                       bool reset = false);
/// An Error event with its code (and the system's error when there is one).
NetEvent makeErrorEvent(NetError error, const QDateTime &time, quint64 client, const QString &peer,
                        const QByteArray &text,
                        QAbstractSocket::SocketError socketError = QAbstractSocket::UnknownSocketError);
/// A Disconnected event: the code, and its keyword (or "error: <errorText>") as reason.
NetEvent makeDisconnectEvent(const QDateTime &time, quint64 client, const QString &peer,
                             DisconnectReason reason, const QString &errorText = {},
                             QAbstractSocket::SocketError socketError
                             = QAbstractSocket::UnknownSocketError);

/** What a worker hands to its owner: events plus client changes, in order. */
struct NetBatch
{
    NetEvents events;
    QList<ClientStats> changed;
    QList<quint64> gone;
    qint64 eventBytes = 0;

    bool isEmpty() const { return events.isEmpty() && changed.isEmpty() && gone.isEmpty(); }
};

/**
 * Lives in the owner's thread; workers push() from any thread. Delivers the merged batches at
 * most once per interval (so a GUI sees a few dozen updates per second whatever the traffic),
 * and at the next event-loop pass when the last delivery is older than the interval.
 */
class EventHub : public QObject
{
    Q_OBJECT

public:
    using Deliver = std::function<void(NetBatch &&)>;
    EventHub(int intervalMs, Deliver deliver, QObject *parent = nullptr);

    void setInterval(int ms) { m_interval = ms; }
    /// Thread-safe. Message/Datagram events beyond a cap are counted, not queued.
    void push(NetBatch &&batch);
    void push(NetEvent &&event);
    /// Owner thread: delivers whatever is queued now.
    void flushNow();
    /// Owner thread: drops what is queued (used by destructors).
    void discard();

private:
    void wake();

    QMutex m_mutex;
    NetBatch m_queue;
    qint64 m_dropped = 0;
    std::atomic<bool> m_wakePosted{false};
    QTimer m_timer;
    QElapsedTimer m_last;
    int m_interval = 50;
    Deliver m_deliver;
};

/// Appends @p b to @p a, keeping one entry per client in changed (the latest).
void mergeBatch(NetBatch &a, NetBatch &&b);

/// "port 1234 is already in use", "port 80 needs administrator privileges (ports below 1024)"…
QString listenErrorString(QAbstractSocket::SocketError error, const QHostAddress &address,
                          quint16 port, const QString &systemText);

/// The Listening event's peer for a socket bound to @p address: QHostAddress::Any prints as
/// 0.0.0.0, but Qt binds it as an IPv6 socket with IPV6_V6ONLY off, so it is shown as [::] and
/// " bind=any (every IPv4 and IPv6 address, dual-stack)" is added to @p info.
QString listeningPeer(const QHostAddress &address, quint16 port, QByteArray *info);

/// Caches QDateTime::currentDateTime() (slow: time zone) for a burst of events.
QDateTime now();

} // namespace stdlab::net

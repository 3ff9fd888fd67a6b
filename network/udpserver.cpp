#include "udpserver.h"

#include "common/cli.h"

#include "netinternal.h"

#include <QHash>
#include <QNetworkDatagram>
#include <QThread>
#include <QUdpSocket>

namespace stdlab::net {

namespace {

constexpr qsizetype kMaxDatagram = 65507;

struct UdpShared
{
    UdpOptions options;
    EventHub *hub = nullptr;
    std::atomic<qint64> bytesIn{0};
    std::atomic<qint64> bytesOut{0};
    std::atomic<qint64> messagesIn{0};
    std::atomic<qint64> messagesOut{0};
    QMutex peersMutex;
    QHash<QString, std::pair<QHostAddress, quint16>> peers; ///< every sender seen
};

/** Owns the QUdpSocket, in its own thread: a flood never stalls the owner. */
class UdpWorker : public QObject
{
public:
    explicit UdpWorker(std::shared_ptr<UdpShared> shared)
        : m_s(std::move(shared)), m_flushTimer(new QTimer(this))
    {
        m_flushTimer->setSingleShot(true);
        m_flushTimer->setInterval(std::max(0, m_s->options.batchIntervalMs / 2));
        connect(m_flushTimer, &QTimer::timeout, this, &UdpWorker::flush);
    }

    /// In the worker thread. False with @p error on failure.
    bool bind(QString *error, NetError *code, QHostAddress *address, quint16 *port)
    {
        m_socket = new QUdpSocket(this);
        // DontShareAddress: a second server on the same port must fail, as in Python.
        if (!m_socket->bind(m_s->options.address, m_s->options.port,
                            QAbstractSocket::DontShareAddress)) {
            *error = listenErrorString(m_socket->error(), m_s->options.address,
                                       m_s->options.port, m_socket->errorString());
            *code = listenError(m_socket->error());
            delete m_socket;
            m_socket = nullptr;
            return false;
        }
        *address = m_socket->localAddress();
        *port = m_socket->localPort();
        connect(m_socket, &QUdpSocket::readyRead, this, &UdpWorker::onReadyRead);
        return true;
    }

    void sendTo(const QHostAddress &address, quint16 port, const QByteArray &data)
    {
        if (!m_socket) {
            return;
        }
        const QString peer = formatPeer(address, port);
        if (m_socket->writeDatagram(data, address, port) < 0) {
            add(makeErrorEvent(NetError::SendFailed, now(), 0, peer,
                               "cannot send to " + peer.toUtf8() + ": "
                                   + m_socket->errorString().toUtf8(),
                               m_socket->error()));
            return;
        }
        m_s->bytesOut.fetch_add(data.size(), std::memory_order_relaxed);
        m_s->messagesOut.fetch_add(1, std::memory_order_relaxed);
        add(makeEvent(NetEvent::Sent, now(), 0, peer, data));
    }

    void shutdown()
    {
        if (m_socket) {
            m_socket->close();
        }
        flush();
        QThread::currentThread()->quit();
    }

private:
    void add(NetEvent &&e)
    {
        m_pending.eventBytes += e.data.size();
        m_pending.events.append(std::move(e));
        if (!m_flushTimer->isActive()) {
            m_flushTimer->start();
        }
    }

    void onReadyRead()
    {
        const QDateTime t = now();
        // Every pending datagram, not one per wake-up.
        while (m_socket->hasPendingDatagrams()) {
            const QNetworkDatagram dg = m_socket->receiveDatagram();
            if (!dg.isValid()) {
                break;
            }
            const QHostAddress sender = normalizedAddress(dg.senderAddress());
            const quint16 port = quint16(dg.senderPort());
            const QString peer = formatPeer(sender, port);
            const QByteArray data = dg.data();
            m_s->bytesIn.fetch_add(data.size(), std::memory_order_relaxed);
            m_s->messagesIn.fetch_add(1, std::memory_order_relaxed);
            if (!m_known.contains(peer)) {
                m_known.insert(peer);
                QMutexLocker lock(&m_s->peersMutex);
                m_s->peers.insert(peer, {dg.senderAddress(), port});
            }
            add(makeEvent(NetEvent::Datagram, t, 0, peer, data));
            if (m_s->options.echo) {
                if (m_socket->writeDatagram(data, dg.senderAddress(), port) >= 0) {
                    m_s->bytesOut.fetch_add(data.size(), std::memory_order_relaxed);
                    m_s->messagesOut.fetch_add(1, std::memory_order_relaxed);
                }
            }
        }
    }

    void flush()
    {
        if (!m_pending.isEmpty()) {
            m_s->hub->push(std::move(m_pending));
            m_pending = NetBatch();
        }
    }

    std::shared_ptr<UdpShared> m_s;
    QUdpSocket *m_socket = nullptr;
    QTimer *m_flushTimer;
    NetBatch m_pending;
    QSet<QString> m_known;
};

} // namespace

struct UdpServer::Impl
{
    std::shared_ptr<UdpShared> shared;
    std::unique_ptr<EventHub> hub;
    QThread *thread = nullptr;
    UdpWorker *worker = nullptr;
    QHostAddress address;
    quint16 port = 0;
    QString errorString;
    NetError error = NetError::None;

    void stop(bool emitSignals)
    {
        if (!thread) {
            return;
        }
        UdpWorker *w = worker;
        QMetaObject::invokeMethod(w, [w] { w->shutdown(); }, Qt::QueuedConnection);
        thread->wait();
        delete thread;
        thread = nullptr;
        worker = nullptr;
        if (emitSignals) {
            const QByteArray summary =
                QStringLiteral("received %1 (%2), sent %3 (%4)")
                    .arg(cli::counted(shared->messagesIn.load(), "datagram", "datagrams"),
                         cli::counted(shared->bytesIn.load(), "byte", "bytes"),
                         QString::number(shared->messagesOut.load()),
                         cli::counted(shared->bytesOut.load(), "byte", "bytes"))
                    .toUtf8();
            hub->push(makeEvent(NetEvent::Stopped, now(), 0, QString(), summary));
            hub->flushNow();
        } else {
            hub->discard();
        }
        port = 0;
    }
};

UdpServer::UdpServer(QObject *parent) : QObject(parent), d(std::make_unique<Impl>())
{
    registerNetMetaTypes();
    d->hub = std::make_unique<EventHub>(50, [this](NetBatch &&b) {
        if (!b.events.isEmpty()) {
            Q_EMIT eventsReady(b.events);
        }
    });
}

UdpServer::~UdpServer()
{
    d->stop(false);
}

bool UdpServer::listen(const UdpOptions &options)
{
    if (d->thread) {
        d->errorString = tr("already listening on port %1").arg(d->port);
        d->error = NetError::ListenFailed;
        return false;
    }
    auto shared = std::make_shared<UdpShared>();
    shared->options = options;
    shared->hub = d->hub.get();
    d->hub->setInterval(std::max(0, options.batchIntervalMs));
    auto *thread = new QThread;
    thread->setObjectName(QStringLiteral("stdlab udp"));
    auto *worker = new UdpWorker(shared);
    worker->moveToThread(thread);
    QObject::connect(thread, &QThread::finished, worker, &QObject::deleteLater);
    thread->start();
    bool ok = false;
    QString error;
    NetError code = NetError::None;
    QHostAddress address;
    quint16 port = 0;
    QMetaObject::invokeMethod(
        worker, [&] { ok = worker->bind(&error, &code, &address, &port); },
        Qt::BlockingQueuedConnection);
    if (!ok) {
        QMetaObject::invokeMethod(worker, [] { QThread::currentThread()->quit(); },
                                  Qt::QueuedConnection);
        thread->wait();
        delete thread;
        d->errorString = error;
        d->error = code;
        return false;
    }
    d->errorString.clear();
    d->error = NetError::None;
    d->shared = shared;
    d->thread = thread;
    d->worker = worker;
    d->address = address;
    d->port = port;
    QByteArray info = options.echo ? QByteArray("udp echo=on") : QByteArray("udp echo=off");
    const QString where = listeningPeer(address, port, &info);
    d->hub->push(makeEvent(NetEvent::Listening, now(), 0, where, info));
    return true;
}

void UdpServer::stop()
{
    d->stop(true);
}

bool UdpServer::isListening() const
{
    return d->thread != nullptr;
}

quint16 UdpServer::port() const
{
    return d->port;
}

QHostAddress UdpServer::address() const
{
    return d->thread ? d->address : QHostAddress();
}

QString UdpServer::errorString() const
{
    return d->errorString;
}

NetError UdpServer::error() const
{
    return d->error;
}

bool UdpServer::sendTo(const QString &peer, const QByteArray &data)
{
    if (!d->thread || data.size() > kMaxDatagram) {
        return false;
    }
    std::pair<QHostAddress, quint16> target;
    {
        QMutexLocker lock(&d->shared->peersMutex);
        const auto it = d->shared->peers.constFind(peer);
        if (it == d->shared->peers.cend()) {
            return false;
        }
        target = *it;
    }
    UdpWorker *w = d->worker;
    QMetaObject::invokeMethod(
        w, [w, target, data] { w->sendTo(target.first, target.second, data); },
        Qt::QueuedConnection);
    return true;
}

TrafficTotals UdpServer::totals() const
{
    TrafficTotals t;
    if (!d->shared) {
        return t;
    }
    t.bytesIn = d->shared->bytesIn.load();
    t.bytesOut = d->shared->bytesOut.load();
    t.messagesIn = d->shared->messagesIn.load();
    t.messagesOut = d->shared->messagesOut.load();
    return t;
}

} // namespace stdlab::net

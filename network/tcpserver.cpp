#include "tcpserver.h"

#include "common/cli.h"
#include "epolldispatcher.h"
#include "netinternal.h"
#include "tcpworker.h"
#include "tlstransport.h"

#include <QHash>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <memory>
#include <vector>

namespace stdlab::net {

namespace {

// Thousands of per-client threads: an event loop needs far less than the default 8 MiB.
constexpr uint kThreadStackBytes = 512 * 1024;

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
    NetError error = NetError::None;
    bool acceptRetryPending = false;
    std::vector<int> retiring; ///< serials of per-client threads told to quit, not yet deleted
    QTimer reaper;
    QHash<quint64, ClientStats> clients;

    bool sendTo(quint64 client, const QByteArray &data, bool framed)
    {
        if (!shared) {
            return false;
        }
        QMutexLocker lock(&shared->registryMutex);
        Worker *w = shared->route.value(client);
        if (!w) {
            return false;
        }
        QMetaObject::invokeMethod(
            w, [w, client, data, framed] { w->sendTo(client, data, framed); },
            Qt::QueuedConnection);
        return true;
    }

    void sendToAll(const QByteArray &data, bool framed)
    {
        if (!shared) {
            return;
        }
        QMutexLocker lock(&shared->registryMutex);
        for (Worker *w : std::as_const(shared->live)) {
            QMetaObject::invokeMethod(
                w, [w, data, framed] { w->sendToAll(data, framed); }, Qt::QueuedConnection);
        }
    }

    Worker *spawn(bool perClient, int position = 0, int poolSize = 0)
    {
        WorkerThread wt;
        wt.serial = nextSerial++;
        wt.thread = new QThread;
        wt.thread->setStackSize(kThreadStackBytes);
        wt.thread->setObjectName(QStringLiteral("stdlab net %1").arg(wt.serial));
        // STDLAB_NET_DISPATCHER=qt: Qt's dispatcher, as when epoll cannot be created (a
        // diagnostic, and how the tests reach the workers' QSocketNotifier path).
        if (qEnvironmentVariable("STDLAB_NET_DISPATCHER") != u"qt") {
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
        }
        wt.worker = new Worker(shared, wt.serial, perClient, position, poolSize);
        wt.worker->moveToThread(wt.thread);
        QObject::connect(wt.thread, &QThread::finished, wt.worker, &QObject::deleteLater);
        wt.thread->start();
        {
            QMutexLocker lock(&shared->registryMutex);
            shared->live.append(wt.worker);
        }
        shared->joinRoom(wt.worker->inbox());
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
            reject(descriptor, NetError::ServerFull,
                   "server full: the maximum is "
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
        reject(descriptor, NetError::OutOfDescriptors,
               options.threadPerClient
                               ? QByteArrayLiteral("server full: out of file descriptors (a "
                                                   "thread per client needs 3); try the worker "
                                                   "pool")
                               : QByteArrayLiteral("server full: out of file descriptors"));
    }

    void reject(qintptr descriptor, NetError error, const QByteArray &why)
    {
        auto *socket = new QTcpSocket(listener.get());
        if (!socket->setSocketDescriptor(descriptor)) {
            ::close(int(descriptor));
            delete socket;
            hub->push(makeErrorEvent(error, now(), 0, QString(), why + " (client already gone)"));
            return;
        }
        // A client that reset before it was accepted has no address any more (it showed as ":0").
        const bool gone = socket->peerAddress().isNull();
        const QString peer = gone ? QString() : formatPeer(socket->peerAddress(), socket->peerPort());
        if (gone) {
            socket->abort();
            socket->deleteLater();
            hub->push(makeErrorEvent(error, now(), 0, peer, why + " (client already gone)"));
            return;
        }
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
        hub->push(makeErrorEvent(error, now(), 0, peer, why));
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
        t.buffered = shared->held.load();
        t.bufferedPeak = shared->heldPeak.load();
        return t;
    }

    void stop(bool emitSignals)
    {
        if (!listener) {
            return;
        }
        listener->close();
        listener.reset();
        shared->stopping.store(true);
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
        const QByteArray summary =
            QStringLiteral("served %1, %2 in, %3 out, %4 in, %5 out")
                .arg(cli::counted(shared->served.load(), "client", "clients"),
                     cli::counted(t.bytesIn, "byte", "bytes"),
                     cli::counted(t.bytesOut, "byte", "bytes"),
                     cli::counted(t.messagesIn, "message", "messages"),
                     cli::counted(t.messagesOut, "message", "messages"))
                .toUtf8();
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

int defaultWorkerThreads()
{
    return std::max(1, QThread::idealThreadCount() - 1);
}

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
        d->error = NetError::ListenFailed;
        return false;
    }
    raiseFileLimit();
    std::shared_ptr<TlsServerContext> tls;
    if (options.tls) {
        QString why;
        tls = TlsServerContext::create(*options.tls, &why);
        if (!tls) {
            d->errorString = why;
            d->error = NetError::ListenFailed;
            return false;
        }
    }
    d->options = options;
    d->hub->setInterval(std::max(0, options.batchIntervalMs));
    auto listener = std::make_unique<Listener>();
    listener->setListenBacklogSize(4096);
    if (!listener->listen(options.address, options.port)) {
        d->errorString = listenErrorString(listener->serverError(), options.address, options.port,
                                           listener->errorString());
        d->error = listenError(listener->serverError());
        return false;
    }
    d->errorString.clear();
    d->error = NetError::None;
    auto shared = std::make_shared<Shared>();
    shared->options = options;
    shared->slowReadBytes.store(std::max(0, options.slowReadBytes));
    shared->slowReadPauseMs.store(std::max(0, options.slowReadPauseMs));
    if (shared->options.maxPendingBytes <= 0) {
        shared->options.maxPendingBytes = 4 * 1024 * 1024;
    }
    shared->tls = tls;
    shared->hub = d->hub.get();
    shared->owner = d->hub.get();
    Impl *impl = d.get();
    shared->retire = [impl](int serial) { impl->retire(serial); };
    d->shared = shared;
    d->clients.clear();
    d->roundRobin = 0;
    const int threads = options.threads > 0 ? options.threads : defaultWorkerThreads();
    if (!options.threadPerClient) {
        for (int i = 0; i < std::max(1, threads); ++i) {
            d->pool.push_back(d->spawn(false, i + 1, std::max(1, threads)));
        }
    }
    listener->onIncoming = [impl](qintptr fd) { impl->incoming(fd); };
    // QTcpServer pauses accepting after an error such as EMFILE (out of descriptors); accept
    // again a little later instead of going deaf, and say so once per burst.
    Listener *l = listener.get();
    connect(l, &QTcpServer::acceptError, l, [impl, l](QAbstractSocket::SocketError) {
        if (!impl->acceptRetryPending) {
            impl->acceptRetryPending = true;
            impl->hub->push(makeErrorEvent(NetError::AcceptFailed, now(), 0, QString(),
                                           "cannot accept more clients now: "
                                               + l->errorString().toUtf8(),
                                           l->serverError()));
            QTimer::singleShot(100, l, [impl, l] {
                impl->acceptRetryPending = false;
                l->resumeAccepting();
            });
        }
    });
    d->listener = std::move(listener);
    QByteArray info = "mode=" + serverModeName(options.mode).toUtf8() + " threads="
        + (options.threadPerClient ? QByteArray("per-client")
                                   : QByteArray::number(std::max(1, threads)));
    if (options.framing.kind != FramingKind::Newline) {
        info += " framing=" + framingName(options.framing).toUtf8();
    }
    if (tls) {
        info += " tls sha256=" + tls->fingerprint().toLatin1();
    }
    const QString where
        = listeningPeer(d->listener->serverAddress(), d->listener->serverPort(), &info);
    d->hub->push(makeEvent(NetEvent::Listening, now(), 0, where, info));
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

NetError TcpServer::error() const
{
    return d->error;
}

bool TcpServer::sendTo(quint64 client, const QByteArray &data)
{
    return d->sendTo(client, data, false);
}

void TcpServer::sendToAll(const QByteArray &data)
{
    d->sendToAll(data, false);
}

bool TcpServer::sendMessage(quint64 client, const QByteArray &payload)
{
    return d->sendTo(client, payload, true);
}

void TcpServer::sendMessageToAll(const QByteArray &payload)
{
    d->sendToAll(payload, true);
}

void TcpServer::setSlowReader(int bytes, int pauseMs)
{
    d->options.slowReadBytes = std::max(0, bytes);
    d->options.slowReadPauseMs = std::max(0, pauseMs);
    if (d->shared) {
        d->shared->slowReadBytes.store(d->options.slowReadBytes);
        d->shared->slowReadPauseMs.store(d->options.slowReadPauseMs);
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

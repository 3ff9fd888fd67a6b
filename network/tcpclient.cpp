#include "tcpclient.h"

#include "framing.h"
#include "netinternal.h"

#include <QHostInfo>
#include <QNetworkDatagram>
#include <QTcpSocket>
#include <QUdpSocket>

namespace stdlab::net {

namespace {

QString hostPort(const QString &host, quint16 port)
{
    QHostAddress a;
    if (a.setAddress(host)) {
        return formatPeer(a, port);
    }
    return host + QLatin1Char(':') + QString::number(port);
}

/// 70000 → "70,000" (the course writes the limit as 65,507).
QString grouped(qint64 n)
{
    QString digits = QString::number(n);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3) {
        digits.insert(i, QLatin1Char(','));
    }
    return digits;
}

QString seconds(int ms)
{
    return QString::number(ms / 1000.0, 'g', 3) + QStringLiteral(" s");
}

} // namespace

// --- TcpClient ----------------------------------------------------------------------------

struct TcpClient::Impl
{
    TcpClient *q = nullptr;
    QTcpSocket *socket = nullptr;
    QTimer connectTimer;
    std::unique_ptr<EventHub> hub;
    QString host;
    quint16 port = 0;
    int timeoutMs = 5000;
    bool connecting = false;
    bool connected = false;
    DisconnectReason reason = DisconnectReason::None;
    QString errorText;
    QAbstractSocket::SocketError socketError = QAbstractSocket::UnknownSocketError;
    QString peer;
    TrafficTotals totals;
    /// The addresses still to try for this connection (a host name resolves to several; for
    /// localhost both 127.0.0.1 and ::1), and what the ones tried said.
    QList<QHostAddress> candidates;
    QStringList refusals;
    QHostAddress current; ///< the address being tried
    quint64 attempt = 0; ///< bumped by every connectToHost(): a late lookup result is ignored
    Framing framing;
    Framer frames;
    QTimer partialTimer; ///< newline: a partial line is shown after kPartialLineMs

    /// A line without its newline is shown after this long (as the servers do).
    static constexpr int kPartialLineMs = 200;
    /// The longest line kept before it is shown in pieces (the servers' line limit).
    static constexpr qsizetype kMaxLine = 64 * 1024;

    void resetFrames()
    {
        partialTimer.stop();
        frames = Framer(framing, framing.kind == FramingKind::Newline ? kMaxLine : kMaxFrameBytes,
                        true);
    }

    void message(QByteArrayView m, const QDateTime &t)
    {
        ++totals.messagesIn;
        const QByteArray bytes = m.toByteArray();
        hub->push(makeEvent(NetEvent::Message, t, 0, peer, bytes));
        Q_EMIT q->messageReceived(bytes);
    }

    /// What is left in the framer when the connection ends: a last line is a message, a frame
    /// cut short is reported.
    void endOfStream()
    {
        partialTimer.stop();
        if (!frames.hasPartial()) {
            return;
        }
        if (framing.kind == FramingKind::Newline) {
            message(frames.takePartial(), now());
            return;
        }
        hub->push(makeErrorEvent(NetError::PartialFrame, now(), 0, peer,
                                 TcpClient::tr("the connection ended inside a frame: %1")
                                     .arg(QString::fromUtf8(frames.partialDescription()))
                                     .toUtf8()));
        frames.takePartial();
    }

    void event(NetEvent::Kind kind, const QByteArray &data = {}, const QString &why = {})
    {
        hub->push(makeEvent(kind, now(), 0, kind == NetEvent::Error ? hostPort(host, port) : peer,
                            data, why));
    }

    void failConnect(NetError error, const QString &message,
                     QAbstractSocket::SocketError socketError = QAbstractSocket::UnknownSocketError)
    {
        connectTimer.stop();
        connecting = false;
        socket->abort();
        hub->push(makeErrorEvent(error, now(), 0, hostPort(host, port), message.toUtf8(),
                                 socketError));
        Q_EMIT q->stateChanged(false);
    }

    void onConnected()
    {
        connectTimer.stop();
        connecting = false;
        connected = true;
        reason = DisconnectReason::None;
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        peer = formatPeer(socket->peerAddress(), socket->peerPort());
        totals.clients = 1;
        // The address that answered after others refused is said (Packet Sender #44: a server
        // on ::1 only, a client asking for localhost).
        event(NetEvent::Connected,
              refusals.isEmpty() ? QByteArray()
                                 : TcpClient::tr("%1: %2 refused, %3 answered")
                                       .arg(host, refusals.join(QLatin1String(", ")), peer)
                                       .toUtf8());
        Q_EMIT q->stateChanged(true);
    }

    /// Connects to the next candidate address; false when none is left.
    bool tryNextAddress()
    {
        if (candidates.isEmpty()) {
            return false;
        }
        socket->abort();
        current = candidates.takeFirst();
        socket->connectToHost(current, port);
        return true;
    }

    void onLookedUp(const QHostInfo &info, quint64 forAttempt)
    {
        if (forAttempt != attempt || !connecting) {
            return;
        }
        candidates = connectCandidates(host, info.addresses());
        if (candidates.isEmpty()) {
            failConnect(NetError::HostNotFound, TcpClient::tr("host not found: %1").arg(host),
                        QAbstractSocket::HostNotFoundError);
            return;
        }
        tryNextAddress();
    }

    void onError(QAbstractSocket::SocketError e)
    {
        if (connecting) {
            const bool refusedHere = e == QAbstractSocket::ConnectionRefusedError
                || e == QAbstractSocket::NetworkError
                || e == QAbstractSocket::UnsupportedSocketOperationError;
            if (refusedHere && !candidates.isEmpty()) {
                // One address of several said no: try the next (after Qt has finished with
                // this attempt).
                refusals.append(current.toString());
                const quint64 forAttempt = attempt;
                QMetaObject::invokeMethod(
                    q,
                    [this, forAttempt] {
                        if (forAttempt == attempt && connecting) {
                            tryNextAddress();
                        }
                    },
                    Qt::QueuedConnection);
                return;
            }
            switch (e) {
            case QAbstractSocket::ConnectionRefusedError:
                failConnect(NetError::ConnectionRefused,
                            refusals.isEmpty()
                                ? TcpClient::tr("connection refused: nothing is listening on %1")
                                      .arg(hostPort(host, port))
                                : TcpClient::tr("connection refused: nothing is listening on %1 "
                                                "(tried %2)")
                                      .arg(hostPort(host, port),
                                           (refusals + QStringList{current.toString()})
                                               .join(QLatin1String(", "))),
                            e);
                break;
            case QAbstractSocket::HostNotFoundError:
                failConnect(NetError::HostNotFound, TcpClient::tr("host not found: %1").arg(host),
                            e);
                break;
            default:
                failConnect(NetError::ConnectFailed,
                            TcpClient::tr("cannot connect to %1: %2")
                                .arg(hostPort(host, port), socket->errorString()),
                            e);
                break;
            }
            return;
        }
        if (reason == DisconnectReason::None) {
            if (e == QAbstractSocket::RemoteHostClosedError) {
                reason = DisconnectReason::ClosedByPeer;
            } else {
                reason = DisconnectReason::SocketError;
                errorText = socket->errorString();
                socketError = e;
            }
        }
    }

    void onDisconnected()
    {
        if (!connected) {
            return;
        }
        endOfStream();
        connected = false;
        totals.clients = 0;
        hub->push(makeDisconnectEvent(now(), 0, peer,
                                      reason == DisconnectReason::None
                                          ? DisconnectReason::ClosedByPeer
                                          : reason,
                                      errorText, socketError));
        Q_EMIT q->stateChanged(false);
    }

    void onReadyRead()
    {
        const QByteArray data = socket->readAll();
        if (data.isEmpty()) {
            return;
        }
        totals.bytesIn += data.size();
        Q_EMIT q->dataReceived(data);
        const QDateTime t = now();
        const Framer::Status status
            = frames.feed(data, [&](QByteArrayView m) { message(m, t); });
        if (status == Framer::Status::TooLong) {
            hub->push(makeErrorEvent(NetError::FrameTooLong, t, 0, peer,
                                     TcpClient::tr("frame too long: the length prefix says %1 "
                                                   "bytes, over the limit of %2; disconnecting")
                                         .arg(frames.tooLongSize())
                                         .arg(kMaxFrameBytes)
                                         .toUtf8()));
            frames.takePartial();
            reason = DisconnectReason::FrameTooLong;
            socket->abort();
            onDisconnected();
            return;
        }
        if (framing.kind == FramingKind::Newline && frames.hasPartial()) {
            partialTimer.start();
        } else {
            partialTimer.stop();
        }
    }
};

TcpClient::TcpClient(QObject *parent) : QObject(parent), d(std::make_unique<Impl>())
{
    registerNetMetaTypes();
    d->q = this;
    d->hub = std::make_unique<EventHub>(50, [this](NetBatch &&b) {
        if (!b.events.isEmpty()) {
            Q_EMIT eventsReady(b.events);
        }
    });
    d->socket = new QTcpSocket(this);
    d->resetFrames();
    d->partialTimer.setSingleShot(true);
    d->partialTimer.setInterval(Impl::kPartialLineMs);
    connect(&d->partialTimer, &QTimer::timeout, this, [this] {
        if (d->connected && d->frames.hasPartial()) {
            d->message(d->frames.takePartial(), now());
        }
    });
    d->connectTimer.setSingleShot(true);
    connect(&d->connectTimer, &QTimer::timeout, this, [this] {
        if (d->connecting) {
            d->failConnect(NetError::ConnectTimeout, tr("timed out after %1 connecting to %2")
                               .arg(seconds(d->timeoutMs), hostPort(d->host, d->port)));
        }
    });
    connect(d->socket, &QTcpSocket::connected, this, [this] { d->onConnected(); });
    connect(d->socket, &QTcpSocket::disconnected, this, [this] { d->onDisconnected(); });
    connect(d->socket, &QTcpSocket::readyRead, this, [this] { d->onReadyRead(); });
    connect(d->socket, &QTcpSocket::bytesWritten, this, &TcpClient::bytesWritten);
    connect(d->socket, &QAbstractSocket::errorOccurred, this,
            [this](QAbstractSocket::SocketError e) { d->onError(e); });
}

TcpClient::~TcpClient()
{
    disconnect(d->socket, nullptr, this, nullptr);
    d->socket->abort();
    d->hub->discard();
}

void TcpClient::connectToHost(const QString &host, quint16 port, int timeoutMs)
{
    if (d->connected || d->connecting) {
        d->reason = DisconnectReason::Reconnecting;
        d->connecting = false;
        d->socket->abort();
        d->onDisconnected();
    }
    d->host = host;
    d->port = port;
    d->timeoutMs = timeoutMs > 0 ? timeoutMs : 5000;
    d->reason = DisconnectReason::None;
    d->peer = hostPort(host, port);
    d->resetFrames();
    d->connecting = true;
    d->refusals.clear();
    d->candidates.clear();
    const quint64 attempt = ++d->attempt;
    d->connectTimer.start(d->timeoutMs);
    QHostAddress literal;
    if (literal.setAddress(host)) {
        d->candidates = {literal};
        d->tryNextAddress();
        return;
    }
    QHostInfo::lookupHost(host, this,
                          [this, attempt](const QHostInfo &info) { d->onLookedUp(info, attempt); });
}

QList<QHostAddress> TcpClient::connectCandidates(const QString &host,
                                                 const QList<QHostAddress> &resolved)
{
    QList<QHostAddress> out;
    for (const QHostAddress &a : resolved) {
        if (!out.contains(a)) {
            out.append(a);
        }
    }
    // localhost is the loopback on both families (RFC 6761), whatever /etc/hosts lists: a
    // server may listen on one of them only.
    const bool loopbackName = host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0
        || host.endsWith(QLatin1String(".localhost"), Qt::CaseInsensitive);
    if (loopbackName) {
        for (const QHostAddress &a : {QHostAddress(QHostAddress::LocalHost),
                                      QHostAddress(QHostAddress::LocalHostIPv6)}) {
            if (!out.contains(a)) {
                out.append(a);
            }
        }
    }
    return out;
}

void TcpClient::disconnectFromHost()
{
    if (d->connecting) {
        d->connectTimer.stop();
        d->connecting = false;
        d->socket->abort();
        Q_EMIT stateChanged(false);
        return;
    }
    if (d->connected) {
        if (d->reason == DisconnectReason::None) {
            d->reason = DisconnectReason::Disconnected;
        }
        d->socket->disconnectFromHost();
    }
}

bool TcpClient::send(const QByteArray &data)
{
    if (!d->connected || d->socket->state() != QAbstractSocket::ConnectedState) {
        d->hub->push(makeErrorEvent(NetError::NotConnected, now(), 0, QString(),
                                    tr("not connected: nothing was sent").toUtf8()));
        return false;
    }
    d->socket->write(data);
    d->totals.bytesOut += data.size();
    ++d->totals.messagesOut;
    d->event(NetEvent::Sent, data);
    if (isByeMessage(data)) {
        // The course's interactive client: "bye" goes out, then the session ends.
        d->reason = DisconnectReason::Bye;
        d->socket->disconnectFromHost();
    }
    return true;
}

bool TcpClient::sendMessage(const QByteArray &payload)
{
    if (!d->connected || d->socket->state() != QAbstractSocket::ConnectedState) {
        d->hub->push(makeErrorEvent(NetError::NotConnected, now(), 0, QString(),
                                    tr("not connected: nothing was sent").toUtf8()));
        return false;
    }
    const QByteArray wire = Framer::encode(d->framing, payload);
    d->socket->write(wire);
    d->totals.bytesOut += wire.size();
    ++d->totals.messagesOut;
    d->event(NetEvent::Sent, wire); // the bytes as they went, as send() reports them
    if (isByeMessage(payload)) {
        d->reason = DisconnectReason::Bye;
        d->socket->disconnectFromHost();
    }
    return true;
}

void TcpClient::setFraming(const Framing &framing)
{
    d->framing = framing;
    if (!d->connected) {
        d->resetFrames();
    }
}

Framing TcpClient::framing() const
{
    return d->framing;
}

bool TcpClient::isConnected() const
{
    return d->connected;
}

bool TcpClient::isConnecting() const
{
    return d->connecting;
}

QString TcpClient::peer() const
{
    return d->connected ? d->peer : QString();
}

TrafficTotals TcpClient::totals() const
{
    return d->totals;
}

void TcpClient::setBatchInterval(int ms)
{
    d->hub->setInterval(std::max(0, ms));
}

qint64 TcpClient::bytesToWrite() const
{
    return d->socket->bytesToWrite();
}

// --- UdpClient ----------------------------------------------------------------------------

/// The largest UDP payload over IPv4: 65,535 − 8 (UDP header) − 20 (IP header).
constexpr qsizetype kMaxDatagram = 65507;

struct UdpClient::Impl
{
    UdpClient *q = nullptr;
    QUdpSocket *socket = nullptr;
    std::unique_ptr<EventHub> hub;
    TrafficTotals totals;

    void error(NetError code, const QString &peer, const QString &message,
               QAbstractSocket::SocketError socketError = QAbstractSocket::UnknownSocketError)
    {
        hub->push(makeErrorEvent(code, now(), 0, peer, message.toUtf8(), socketError));
    }

    void write(const QHostAddress &address, quint16 port, const QByteArray &data)
    {
        const QString peer = formatPeer(address, port);
        if (socket->writeDatagram(data, address, port) < 0) {
            error(NetError::SendFailed, peer,
                  UdpClient::tr("cannot send to %1: %2").arg(peer, socket->errorString()),
                  socket->error());
            return;
        }
        totals.bytesOut += data.size();
        ++totals.messagesOut;
        hub->push(makeEvent(NetEvent::Sent, now(), 0, peer, data));
    }

    void onReadyRead()
    {
        const QDateTime t = now();
        while (socket->hasPendingDatagrams()) {
            const QNetworkDatagram dg = socket->receiveDatagram();
            if (!dg.isValid()) {
                break;
            }
            totals.bytesIn += dg.data().size();
            ++totals.messagesIn;
            hub->push(makeEvent(NetEvent::Datagram, t, 0,
                                formatPeer(dg.senderAddress(), quint16(dg.senderPort())),
                                dg.data()));
        }
    }
};

UdpClient::UdpClient(QObject *parent) : QObject(parent), d(std::make_unique<Impl>())
{
    registerNetMetaTypes();
    d->q = this;
    d->hub = std::make_unique<EventHub>(50, [this](NetBatch &&b) {
        if (!b.events.isEmpty()) {
            Q_EMIT eventsReady(b.events);
        }
    });
    d->socket = new QUdpSocket(this);
    connect(d->socket, &QUdpSocket::readyRead, this, [this] { d->onReadyRead(); });
}

UdpClient::~UdpClient()
{
    d->hub->discard();
}

QString UdpClient::tooLargeText(qint64 bytes)
{
    return tr("datagram too large: %1 bytes (the maximum is %2)")
        .arg(grouped(bytes), grouped(kMaxDatagram));
}

bool UdpClient::send(const QString &host, quint16 port, const QByteArray &data)
{
    const QString target = hostPort(host, port);
    if (data.size() > kMaxDatagram) {
        d->error(NetError::DatagramTooLarge, target, tooLargeText(data.size()));
        return false;
    }
    if (host.trimmed().isEmpty() || port == 0) {
        d->error(NetError::NoDestination, target, tr("no destination: a host and a port (1-65535) are needed"));
        return false;
    }
    QHostAddress address;
    if (address.setAddress(host)) {
        d->write(address, port, data);
        return true;
    }
    QHostInfo::lookupHost(host, this, [this, host, port, data](const QHostInfo &info) {
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            d->error(NetError::HostNotFound, hostPort(host, port), tr("host not found: %1").arg(host));
            return;
        }
        // Prefer IPv4 as the course's AF_INET sockets do.
        QHostAddress chosen = info.addresses().constFirst();
        for (const QHostAddress &a : info.addresses()) {
            if (a.protocol() == QAbstractSocket::IPv4Protocol) {
                chosen = a;
                break;
            }
        }
        d->write(chosen, port, data);
    });
    return true;
}

TrafficTotals UdpClient::totals() const
{
    return d->totals;
}

void UdpClient::setBatchInterval(int ms)
{
    d->hub->setInterval(std::max(0, ms));
}

} // namespace stdlab::net

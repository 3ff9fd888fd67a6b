#include "tcpclient.h"

#include "chat/sendlog.h"
#include "framing.h"
#include "netinternal.h"
#include "tlsidentity.h"

#include <QHostInfo>
#include <QNetworkDatagram>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QUdpSocket>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

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
    QSslSocket *socket = nullptr; ///< plain TCP unless tls.enabled (then connectToHostEncrypted)
    TlsClientOptions tls;
    QList<QSslCertificate> caCertificates; ///< tls.caFile's, read at connectToHost()
    QString tlsRefusal; ///< why the handshake was refused, once known
    bool tcpUp = false; ///< TLS: the TCP connection is made, the handshake runs
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

    bool reportReads = false;
    bool recordSends = false;
    /// reportReads: a second descriptor of the connected socket. Qt reports the peer's FIN and
    /// its RST alike (RemoteHostClosedError: it reads ECONNRESET as the end of the stream) and
    /// closes its descriptor before it says so; through this one the socket's state still tells
    /// them apart (TCP_CLOSE after a reset; CLOSE_WAIT after a FIN). Closed as soon as Qt's is,
    /// so that this end's own FIN is not held back.
    int probe = -1;
    bool peerReset = false; ///< the connection ended with the peer's RST

    void openProbe()
    {
        closeProbe();
        peerReset = false;
        if (reportReads && socket->socketDescriptor() >= 0) {
            probe = ::fcntl(int(socket->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
        }
    }
    void closeProbe()
    {
        if (probe >= 0) {
            ::close(probe);
            probe = -1;
        }
    }
    /// Whether the peer reset the connection, by the probe (false without one).
    bool probeSaysReset() const
    {
        if (probe < 0) {
            return false;
        }
        int error = 0;
        socklen_t len = sizeof error;
        if (::getsockopt(probe, SOL_SOCKET, SO_ERROR, &error, &len) == 0
            && (error == ECONNRESET || error == EPIPE)) {
            return true;
        }
        tcp_info info{};
        len = sizeof info;
        return ::getsockopt(probe, IPPROTO_TCP, TCP_INFO, &info, &len) == 0
            && info.tcpi_state == TCP_CLOSE;
    }
    SendLog sendLog;
    int slowBytes = 0;
    int slowPauseMs = 0;
    QTimer restTimer; ///< the slow reader's pause

    /// One send() of @p wire (the bytes as they go) for @p said (what the user sent: "bye"
    /// ends the session), recorded in the send log when asked, for send() and sendMessage().
    bool sendWire(const QByteArray &wire, const QByteArray &said)
    {
        if (!connected || socket->state() != QAbstractSocket::ConnectedState) {
            hub->push(makeErrorEvent(NetError::NotConnected, now(), 0, QString(),
                                     TcpClient::tr("not connected: nothing was sent").toUtf8()));
            return false;
        }
        socket->write(wire);
        if (recordSends) {
            sendLog.record(wire.size(), epochMicros());
            sendLog.flush();
            socket->flush(); // one send() per send, as Python's sendall
        }
        totals.bytesOut += wire.size();
        ++totals.messagesOut;
        event(NetEvent::Sent, wire); // the bytes as they went, as send() reports them
        if (isByeMessage(said)) {
            // The course's interactive client: "bye" goes out, then the session ends.
            reason = DisconnectReason::Bye;
            socket->disconnectFromHost();
        }
        return true;
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

    /// TLS: the handshake is done; a pinned fingerprint is checked before anything is sent.
    void onEncrypted()
    {
        const QSslCertificate cert = socket->peerCertificate();
        if (tls.verify == TlsClientOptions::Verify::Fingerprint
            && fingerprintSha256(cert) != tls.fingerprint) {
            failConnect(NetError::TlsRefused, pinMismatch(cert, tls.fingerprint));
            return;
        }
        onConnected();
    }

    /// "TLS 1.3, TLS_AES_256_GCM_SHA384, certificate sha256 AB:…, verified by …"
    QString tlsSummary() const
    {
        const QSslCipher cipher = socket->sessionCipher();
        QString how;
        switch (tls.verify) {
        case TlsClientOptions::Verify::SystemCAs:
            how = TcpClient::tr("verified with the system's CAs");
            break;
        case TlsClientOptions::Verify::CaFile:
            how = TcpClient::tr("verified with the CA file %1").arg(tls.caFile);
            break;
        case TlsClientOptions::Verify::Fingerprint:
            how = TcpClient::tr("matches the pinned fingerprint");
            break;
        case TlsClientOptions::Verify::Insecure:
            how = TcpClient::tr("NOT verified (insecure)");
            break;
        }
        return TcpClient::tr("%1, %2, certificate sha256 %3, %4")
            .arg(cipher.protocolString(), cipher.name(),
                 fingerprintSha256(socket->peerCertificate()), how);
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
        QStringList notes;
        if (!refusals.isEmpty()) {
            notes.append(TcpClient::tr("%1: %2 refused, %3 answered")
                             .arg(host, refusals.join(QLatin1String(", ")), peer));
        }
        if (tls.enabled) {
            notes.append(tlsSummary());
        }
        NetEvent e = makeEvent(NetEvent::Connected, now(), 0, peer,
                               notes.join(QLatin1String("; ")).toUtf8());
        if (reportReads || recordSends) {
            e.local = formatPeer(socket->localAddress(), socket->localPort());
            e.timeUs = epochMicros();
        }
        sendLog.close();
        if (recordSends) {
            sendLog.open(e.local, peer);
        }
        openProbe();
        hub->push(std::move(e));
        Q_EMIT q->stateChanged(true);
    }

    /// Connects to the next candidate address; false when none is left.
    bool tryNextAddress()
    {
        if (candidates.isEmpty()) {
            return false;
        }
        socket->abort();
        tcpUp = false;
        current = candidates.takeFirst();
        if (tls.enabled) {
            configureTls();
            // The certificate is checked against the name the user gave, not the address.
            socket->connectToHostEncrypted(current.toString(), port, host);
        } else {
            socket->connectToHost(current, port);
        }
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

    void configureTls()
    {
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setProtocol(QSsl::TlsV1_2OrLater);
        switch (tls.verify) {
        case TlsClientOptions::Verify::SystemCAs:
            conf.setPeerVerifyMode(QSslSocket::VerifyPeer);
            break;
        case TlsClientOptions::Verify::CaFile:
            // Only the file's certificates, as Python's create_default_context(cafile=...).
            conf.setCaCertificates(caCertificates);
            conf.setPeerVerifyMode(QSslSocket::VerifyPeer);
            break;
        case TlsClientOptions::Verify::Fingerprint:
        case TlsClientOptions::Verify::Insecure:
            // The pin is the check (onEncrypted), as a Python client compares
            // sha256(getpeercert(binary_form=True)) with CERT_NONE.
            conf.setPeerVerifyMode(QSslSocket::VerifyNone);
            break;
        }
        socket->setSslConfiguration(conf);
        tlsRefusal.clear();
    }

    void onSslErrors(const QList<QSslError> &errors)
    {
        // Not ignored: Qt ends the handshake; the reason goes with the failure (onError).
        tlsRefusal = handshakeRefusal(errors, socket->peerCertificate(), host, tls);
    }

    void onError(QAbstractSocket::SocketError e)
    {
        if (connecting && tcpUp) {
            failTlsHandshake(e); // TCP connected, TLS did not
            return;
        }
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
        if (e == QAbstractSocket::RemoteHostClosedError && connected) {
            peerReset = peerReset || probeSaysReset();
            closeProbe();
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

    /// The TCP connection was made but TLS was not: why, in words.
    void failTlsHandshake(QAbstractSocket::SocketError e)
    {
        QString why = tlsRefusal;
        if (why.isEmpty()) {
            const QString text = socket->errorString();
            if (text.contains(QLatin1String("wrong version number"))
                || text.contains(QLatin1String("packet length too long"))
                || text.contains(QLatin1String("record layer failure"))) {
                why = TcpClient::tr("the server at %1 does not speak TLS (it answered in plain "
                                    "text); connect without TLS")
                          .arg(hostPort(host, port));
            } else if (e == QAbstractSocket::RemoteHostClosedError) {
                why = TcpClient::tr("the server at %1 closed the connection during the TLS "
                                    "handshake (it may not speak TLS, or it refused this client)")
                          .arg(hostPort(host, port));
            } else {
                why = TcpClient::tr("TLS handshake with %1 failed: %2")
                          .arg(hostPort(host, port), text);
            }
        }
        failConnect(NetError::TlsRefused, why, e);
    }

    void onDisconnected()
    {
        if (connected && !peerReset && reason == DisconnectReason::ClosedByPeer) {
            peerReset = probeSaysReset(); // (when Qt said nothing before it closed)
        }
        closeProbe();
        if (!connected) {
            return;
        }
        // The slow reader's bytes still in Qt's buffer come before the end.
        restTimer.stop();
        while (connected && socket->bytesAvailable() > 0) {
            readSome();
        }
        if (!connected) {
            return; // readSome() ended the session (a frame too long)
        }
        endOfStream();
        if (reportReads
            && (reason == DisconnectReason::None || reason == DisconnectReason::ClosedByPeer)) {
            // recv() returned b'' (a FIN), or raised ConnectionResetError (a RST): the probe
            // told which, where Qt says RemoteHostClosedError for both.
            hub->push(makeReadEvent(0, peer, totals.bytesIn, {}, peerReset));
        }
        sendLog.close();
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
        if (restTimer.isActive()) {
            return; // the slow reader rests: Qt's buffer (slowBytes) waits, then the kernel's
        }
        readSome();
        if (slowBytes > 0 && slowPauseMs > 0 && socket->state() == QAbstractSocket::ConnectedState) {
            restTimer.start(slowPauseMs);
        }
    }

    /// One read: everything Qt holds, or the slow reader's share of it.
    void readSome()
    {
        const QByteArray data = slowBytes > 0 ? socket->read(slowBytes) : socket->readAll();
        if (data.isEmpty()) {
            return;
        }
        if (reportReads) {
            hub->push(makeReadEvent(0, peer, totals.bytesIn, data));
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
    d->socket = new QSslSocket(this);
    d->restTimer.setSingleShot(true);
    connect(&d->restTimer, &QTimer::timeout, this, [this] {
        if (d->connected && d->socket->bytesAvailable() > 0) {
            d->onReadyRead();
        }
    });
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
        if (d->connecting && d->tcpUp) {
            d->failConnect(NetError::TlsRefused,
                           tr("timed out after %1: %2 accepted the connection but finished no "
                              "TLS handshake (it may not speak TLS)")
                               .arg(seconds(d->timeoutMs), hostPort(d->host, d->port)));
        } else if (d->connecting) {
            d->failConnect(NetError::ConnectTimeout, tr("timed out after %1 connecting to %2")
                               .arg(seconds(d->timeoutMs), hostPort(d->host, d->port)));
        }
    });
    connect(d->socket, &QTcpSocket::connected, this, [this] {
        if (d->tls.enabled) {
            d->tcpUp = true; // connected once encrypted
        } else {
            d->onConnected();
        }
    });
    connect(d->socket, &QSslSocket::encrypted, this, [this] { d->onEncrypted(); });
    connect(d->socket, &QSslSocket::sslErrors, this,
            [this](const QList<QSslError> &errors) { d->onSslErrors(errors); });
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
    d->closeProbe();
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
    d->caCertificates.clear();
    if (d->tls.enabled && d->tls.verify == TlsClientOptions::Verify::CaFile) {
        QString why;
        d->caCertificates = readCaFile(d->tls.caFile, &why);
        if (d->caCertificates.isEmpty()) {
            d->hub->push(makeErrorEvent(NetError::TlsRefused, now(), 0, hostPort(host, port),
                                        why.toUtf8()));
            Q_EMIT stateChanged(false);
            return;
        }
    }
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
    return d->sendWire(data, data);
}

bool TcpClient::sendMessage(const QByteArray &payload)
{
    return d->sendWire(Framer::encode(d->framing, payload), payload);
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

void TcpClient::setTls(const TlsClientOptions &options)
{
    d->tls = options;
}

TlsClientOptions TcpClient::tls() const
{
    return d->tls;
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

void TcpClient::setReportReads(bool on)
{
    d->reportReads = on;
}

void TcpClient::setRecordSends(bool on)
{
    d->recordSends = on;
}

void TcpClient::setSlowReader(int bytes, int pauseMs)
{
    d->slowBytes = std::max(0, bytes);
    d->slowPauseMs = d->slowBytes > 0 ? std::max(0, pauseMs) : 0;
    d->socket->setReadBufferSize(d->slowBytes);
    if (d->slowBytes == 0 || d->slowPauseMs == 0) {
        d->restTimer.stop();
        if (d->connected && d->socket->bytesAvailable() > 0) {
            QMetaObject::invokeMethod(this, [this] { d->onReadyRead(); }, Qt::QueuedConnection);
        }
    }
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

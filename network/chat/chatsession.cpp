#include "chat/chatsession.h"

#include "chat/chatpythoncode.h"
#include "framing.h"
#include "tcpclient.h"
#include "tcpserver.h"
#include "udpserver.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStandardPaths>
#include <QTimer>

namespace stdlab::chat {

ChatSession::ChatSession(QObject *parent)
    : QObject(parent)
    , m_conversation(new ConversationModel(this))
    , m_clients(new ClientsModel(this))
    , m_chunks(new ChunkModel(this))
    , m_fileSender(new FileSender(this))
    , m_sequence(new SequenceModel(this))
    , m_history(120)
    , m_statsTimer(new QTimer(this))
{
    qRegisterMetaType<Error>();
    m_clock.start();
    m_statsTimer->setInterval(kStatsIntervalMs);
    connect(m_statsTimer, &QTimer::timeout, this, &ChatSession::sampleTotals);
    connect(m_fileSender, &FileSender::progress, this,
            [this](qint64 sent, qint64 total) { Q_EMIT fileProgress(true, sent, total); });
    connect(m_fileSender, &FileSender::finished, this,
            [this](FileSender::Outcome outcome, const QString &text) {
        m_conversation->appendSystem(text, peer(), outcome != FileSender::Outcome::Done);
        Q_EMIT fileProgress(false, m_fileSender->sent(), m_fileSender->total());
        Q_EMIT inputChanged();
    });
}

ChatSession::~ChatSession()
{
    // The engines go first, while the session is whole: stopping may still deliver events.
    for (QObject *engine : std::initializer_list<QObject *>{m_tcpServer, m_udpServer, m_tcpClient,
                                                            m_udpClient}) {
        if (engine) {
            engine->disconnect(this);
            delete engine;
        }
    }
}

// --- settings -------------------------------------------------------------------------------

void ChatSession::setRole(Role role)
{
    if (role == m_role) {
        return;
    }
    m_role = role;
    clearError();
    updateTimer();
    Q_EMIT inputChanged();
}

void ChatSession::setServerConfig(const ServerConfig &config)
{
    m_server = config;
    m_rules.reset();
    m_rulesError.clear();
    if (m_server.mode == net::ServerMode::Rules) {
        m_rules = ReplyRules::compile(m_server.rules, m_server.defaultReply, &m_rulesError);
    }
    Q_EMIT inputChanged();
}

void ChatSession::setClientConfig(const ClientConfig &config)
{
    m_client = config;
    updateTimer();
    Q_EMIT inputChanged();
}

// --- state ----------------------------------------------------------------------------------

bool ChatSession::isServing() const
{
    return (m_tcpServer && m_tcpServer->isListening())
        || (m_udpServer && m_udpServer->isListening());
}

bool ChatSession::isConnected() const
{
    return m_tcpClient && m_tcpClient->isConnected();
}

bool ChatSession::isConnecting() const
{
    return m_tcpClient && m_tcpClient->isConnecting();
}

ChatSession::State ChatSession::state() const
{
    if (m_stopping) {
        return State::Stopping;
    }
    if (isServing()) {
        return State::Listening;
    }
    if (isConnected()) {
        return State::Connected;
    }
    if (isConnecting()) {
        return State::Connecting;
    }
    return State::Idle;
}

quint16 ChatSession::serverPort() const
{
    if (m_tcpServer && m_tcpServer->isListening()) {
        return m_tcpServer->port();
    }
    if (m_udpServer && m_udpServer->isListening()) {
        return m_udpServer->port();
    }
    return 0;
}

QString ChatSession::peer() const
{
    if (isServing()) {
        // Every address, dual-stack, is shown as [::]:PORT (as `stdlab serve` does), not as
        // 0.0.0.0, which would say IPv4 only.
        return net::formatPeer(m_server.address == QHostAddress(QHostAddress::Any)
                                   ? QHostAddress(QHostAddress::AnyIPv6)
                                   : m_server.address,
                               serverPort());
    }
    return isConnected() ? m_tcpClient->peer() : QString();
}

ChatSession::InputHint ChatSession::inputHint() const
{
    if (m_role == Role::Server) {
        // What the server's role allows, whether it is started or not: a greet or UDP server
        // never takes the operator's messages, so "start it to talk" would promise too much.
        if (m_server.protocol == Protocol::Udp) {
            return InputHint::UdpServerReceives;
        }
        if (m_server.mode == net::ServerMode::Greet || m_server.mode == net::ServerMode::Echo
            || m_server.mode == net::ServerMode::Rules) {
            return InputHint::ServerAnswers;
        }
        if (m_fileSender->isActive()) {
            return InputHint::SendingFile;
        }
        // The mode of the server running, not the one chosen for the next start.
        if (m_tcpServer && m_tcpServer->isListening()) {
            const net::ServerMode running = m_tcpServer->options().mode;
            return running == net::ServerMode::Chat || running == net::ServerMode::Room
                ? InputHint::Ready
                : InputHint::ServerAnswers;
        }
        return isServing() ? InputHint::UdpServerReceives : InputHint::StartServer;
    }
    if (m_client.protocol == Protocol::Tcp) {
        if (m_fileSender->isActive()) {
            return InputHint::SendingFile;
        }
        if (isConnected()) {
            return InputHint::Ready;
        }
        return isConnecting() ? InputHint::Connecting : InputHint::ConnectFirst;
    }
    return m_client.host.trimmed().isEmpty() ? InputHint::EnterHost : InputHint::Ready;
}

bool ChatSession::canChooseRecipient() const
{
    return m_role == Role::Server && m_tcpServer && m_tcpServer->isListening()
        && m_tcpServer->options().mode == net::ServerMode::Chat;
}

void ChatSession::setError(const Error &error)
{
    m_error = error;
    Q_EMIT errorOccurred(m_error);
}

void ChatSession::emitStateIfChanged()
{
    const State now = state();
    if (now != m_lastState) {
        m_lastState = now;
        Q_EMIT stateChanged(now);
    }
    updateTimer();
    Q_EMIT inputChanged();
}

void ChatSession::updateTimer()
{
    const bool live = isServing() || isConnected()
        || (m_role == Role::Client && m_client.protocol == Protocol::Udp);
    if (live && !m_statsTimer->isActive()) {
        m_statsTimer->start();
    } else if (!live) {
        m_statsTimer->stop();
    }
}

QString ChatSession::tlsDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/tls");
}

// --- engines --------------------------------------------------------------------------------

void ChatSession::ensureEngines()
{
    using namespace stdlab::net;
    if (m_tcpServer) {
        return;
    }
    // One object of each kind for the session's lifetime: events a stopping server still
    // delivers find their receiver, and a restart reuses the same connections.
    m_tcpServer = new TcpServer(this);
    m_udpServer = new UdpServer(this);
    m_tcpClient = new TcpClient(this);
    m_udpClient = new UdpClient(this);
    connect(m_tcpServer, &TcpServer::eventsReady, this, [this](const NetEvents &events) {
        const ServerMode mode = m_tcpServer->options().mode;
        onEvents(events, true,
                 mode == ServerMode::Greet || mode == ServerMode::Echo
                     || mode == ServerMode::Rules);
        m_sequence->addEvents(events, true, false);
    });
    connect(m_tcpServer, &TcpServer::clientsUpdated, this, &ChatSession::onClientsUpdated);
    connect(m_udpServer, &UdpServer::eventsReady, this,
            [this](const NetEvents &events) {
                onEvents(events, true, true);
                m_sequence->addEvents(events, true, true);
            });
    connect(m_tcpClient, &TcpClient::eventsReady, this, [this](const NetEvents &events) {
        onEvents(events, false, true);
        m_sequence->addEvents(events, false, false);
    });
    connect(m_udpClient, &UdpClient::eventsReady, this, [this](const NetEvents &events) {
        onEvents(events, false, true);
        m_sequence->addEvents(events, false, true);
    });
    connect(m_tcpClient, &TcpClient::dataReceived, this, &ChatSession::dataReceived);
    connect(m_tcpClient, &TcpClient::messageReceived, this, &ChatSession::messageReceived);
    connect(m_tcpClient, &TcpClient::bytesWritten, this, &ChatSession::bytesWritten);
    connect(m_tcpClient, &TcpClient::stateChanged, this, [this](bool connected) {
        if (connected) {
            clearError();
        }
        m_history.clear();
        emitStateIfChanged();
        Q_EMIT clientStateChanged(connected);
    });
}

bool ChatSession::startServer()
{
    using namespace stdlab::net;
    clearError();
    if (isServing()) {
        return true;
    }
    ensureEngines();
    bool ok = false;
    QString text;
    if (m_server.protocol == Protocol::Tcp && m_server.mode == ServerMode::Rules && !m_rules) {
        setError({ErrorCode::InvalidRules, NetError::None, m_rulesError});
        return false;
    }
    if (m_server.protocol == Protocol::Tcp) {
        ServerOptions options;
        options.address = m_server.address;
        options.port = m_server.port;
        options.mode = m_server.mode;
        options.greeting = m_server.greeting;
        options.rules = m_rules;
        options.threads = m_server.threads;
        options.threadPerClient = m_server.threadPerClient;
        options.maxClients = m_server.maxClients;
        options.idleTimeoutMs = m_server.idleTimeoutMs;
        options.maxBufferBytes = m_server.maxBufferBytes;
        options.batchIntervalMs = m_batchMs;
        options.reportMessages = m_server.reportMessages;
        options.reportReplies = m_server.reportReplies;
        m_identity.reset();
        if (m_server.tls) {
            auto identity = std::make_shared<net::TlsIdentity>(
                m_server.tlsCertFile.isEmpty() && m_server.tlsKeyFile.isEmpty()
                    ? net::localIdentity(tlsDirectory())
                    : net::loadIdentity(m_server.tlsCertFile, m_server.tlsKeyFile));
            if (!identity->ok()) {
                m_conversation->appendSystem(identity->error, {}, true);
                setError({ErrorCode::ListenFailed, NetError::ListenFailed, identity->error,
                          m_server.port, 0});
                return false;
            }
            options.tls = identity;
        }
        options.framing = m_server.framing;
        options.reportReads = m_reportReads;
        options.recordSends = m_recordSends;
        options.slowReadBytes = m_slowBytes;
        options.slowReadPauseMs = m_slowPauseMs;
        ok = m_tcpServer->listen(options);
        if (ok) {
            m_identity = options.tls;
        }
        text = m_tcpServer->errorString();
    } else {
        UdpOptions options;
        options.address = m_server.address;
        options.port = m_server.port;
        options.echo = m_server.udpEcho;
        options.batchIntervalMs = m_batchMs;
        ok = m_udpServer->listen(options);
        text = m_udpServer->errorString();
    }
    if (!ok) {
        const net::NetError code = m_server.protocol == Protocol::Tcp ? m_tcpServer->error()
                                                                      : m_udpServer->error();
        m_conversation->appendSystem(text, {}, true);
        setError({ErrorCode::ListenFailed, code, text, m_server.port, 0});
        return false;
    }
    m_clients->clear();
    m_history.clear();
    emitStateIfChanged();
    Q_EMIT serverStateChanged(true, serverPort());
    return true;
}

void ChatSession::stopServer()
{
    if (!isServing()) {
        return;
    }
    m_stopping = true;
    emitStateIfChanged();
    if (m_tcpServer->isListening()) {
        m_tcpServer->stop();
    }
    if (m_udpServer->isListening()) {
        m_udpServer->stop();
    }
    m_stopping = false;
    // Stop closed every client; the list empties now, not when the last batch arrives.
    m_clients->clear();
    emitStateIfChanged();
    Q_EMIT serverStateChanged(false, 0);
}

bool ChatSession::connectToServer()
{
    clearError();
    if (m_client.protocol != Protocol::Tcp || isConnected() || isConnecting()) {
        return false;
    }
    const QString host = m_client.host.trimmed();
    if (host.isEmpty()) {
        setError({ErrorCode::HostMissing, net::NetError::None, {}, m_client.port, 0});
        return false;
    }
    ensureEngines();
    m_tcpClient->setBatchInterval(m_batchMs);
    m_tcpClient->setFraming(m_client.framing);
    m_tcpClient->setTls(m_client.tls);
    m_tcpClient->setReportReads(m_reportReads);
    m_tcpClient->setRecordSends(m_recordSends);
    m_tcpClient->setSlowReader(m_slowBytes, m_slowPauseMs);
    m_tcpClient->connectToHost(host, m_client.port, m_client.connectTimeoutMs);
    emitStateIfChanged();
    return true;
}

void ChatSession::disconnectFromServer()
{
    if (m_tcpClient && (isConnected() || isConnecting())) {
        m_tcpClient->disconnectFromHost();
    }
    emitStateIfChanged();
}

bool ChatSession::send(const QString &text, quint64 recipient)
{
    clearError();
    if (text.isEmpty()) {
        return false;
    }
    return sendMessage(text.toUtf8(), recipient);
}

bool ChatSession::sendMessage(const QByteArray &payload, quint64 recipient)
{
    // TCP is a stream: the framing marks where each message ends (a newline, as nc and the
    // course's chat do, or a length prefix). A UDP datagram is a message by itself.
    return sendBytes(payload, recipient, true);
}

bool ChatSession::sendData(const QByteArray &data, quint64 recipient)
{
    return sendBytes(data, recipient, false);
}

bool ChatSession::sendBytes(const QByteArray &data, quint64 recipient, bool framed)
{
    const bool sent = sendBytesNow(data, recipient, framed);
    if (sent && framed) {
        const bool udp = (m_role == Role::Server ? m_server.protocol : m_client.protocol)
            == Protocol::Udp;
        m_lastSent = python::LastSent{data.left(python::kShownBytes), data.size(),
                                      m_role == Role::Server, udp,
                                      m_role == Role::Server ? m_server.framing
                                                             : m_client.framing};
    }
    return sent;
}

bool ChatSession::sendBytesNow(const QByteArray &data, quint64 recipient, bool framed)
{
    clearError();
    // The log shows the bytes as they go (a length prefix, the newline), as it always did.
    const QByteArray wire = framed && m_role == Role::Server
        ? net::Framer::encode(m_server.framing, data)
        : data;
    if (m_role == Role::Server) {
        if (!m_tcpServer || !m_tcpServer->isListening()) {
            setError({ErrorCode::NotServingTcp, net::NetError::None, {}, 0, 0});
            return false;
        }
        if (recipient != 0) {
            const ClientsModel::Client *client = m_clients->client(recipient);
            if (!client
                || !(framed ? m_tcpServer->sendMessage(recipient, data)
                            : m_tcpServer->sendTo(recipient, data))) {
                setError({ErrorCode::RecipientGone, net::NetError::None, {}, 0, 0});
                return false;
            }
            m_conversation->appendMessage(ConversationModel::Direction::Out, client->address,
                                          wire);
            return true;
        }
        if (m_clients->rowCount() == 0) {
            setError({ErrorCode::NoClients, net::NetError::None, {}, serverPort(), 0});
            return false;
        }
        if (framed) {
            m_tcpServer->sendMessageToAll(data);
        } else {
            m_tcpServer->sendToAll(data);
        }
        // One entry for the whole broadcast, not one per client.
        m_conversation->appendMessage(ConversationModel::Direction::Out,
                                      tr("all (%n client(s))", nullptr, m_clients->rowCount()),
                                      wire);
        return true;
    }
    ensureEngines();
    if (m_client.protocol == Protocol::Tcp) {
        if (!isConnected()) {
            setError({ErrorCode::NotConnected, net::NetError::None, {}, 0, 0});
            return false;
        }
        return framed ? m_tcpClient->sendMessage(data) : m_tcpClient->send(data);
    }
    if (data.size() > kMaxDatagram) {
        setError({ErrorCode::DatagramTooLarge, net::NetError::DatagramTooLarge,
                  net::UdpClient::tooLargeText(data.size()), m_client.port, data.size()});
        return false;
    }
    m_udpClient->setBatchInterval(m_batchMs);
    if (!m_udpClient->send(m_client.host.trimmed(), m_client.port, data)) {
        setError({ErrorCode::DatagramNotSent, net::NetError::None, {}, m_client.port, 0});
        return false;
    }
    updateTimer();
    return true;
}

bool ChatSession::canSendFile() const
{
    if (m_role == Role::Client) {
        return m_client.protocol == Protocol::Tcp && isConnected();
    }
    return canChooseRecipient() && m_clients->rowCount() > 0;
}

bool ChatSession::sendFile(const QString &path, quint64 recipient)
{
    clearError();
    const bool server = m_role == Role::Server;
    if (server ? !canChooseRecipient() : m_client.protocol != Protocol::Tcp) {
        setError({ErrorCode::FileNotSent, net::NetError::None,
                  tr("a file is sent by a TCP client, or by a chat server to one client"), 0, 0});
        return false;
    }
    if (server && (recipient == 0 || !m_clients->client(recipient))) {
        setError({ErrorCode::FileNotSent, net::NetError::None,
                  recipient == 0 ? tr("choose the client to send it to (one, not all)")
                                 : tr("that client has left"),
                  0, 0});
        return false;
    }
    if (!server && !isConnected()) {
        setError({ErrorCode::NotConnected, net::NetError::None, {}, 0, 0});
        return false;
    }
    const Framing framing = server ? m_server.framing : m_client.framing;
    FileSender::Write write;
    FileSender::Pending pending;
    if (server) {
        // The server reports what each client's kernel took every batch: what is not known to
        // be taken counts as waiting, so the queue toward the client stays near the window (its
        // 4 MiB limit would drop a client that does not read).
        m_fileRecipient = recipient;
        m_fileBase = m_kernelTaken.value(recipient);
        m_fileQueued = 0;
        write = [this, recipient](const QByteArray &chunk) {
            if (!m_tcpServer || !m_tcpServer->isListening() || !m_clients->client(recipient)
                || !m_tcpServer->sendTo(recipient, chunk)) {
                return false;
            }
            m_fileQueued += chunk.size();
            return true;
        };
        pending = [this, recipient] {
            return m_fileQueued - std::max<qint64>(0, m_kernelTaken.value(recipient) - m_fileBase);
        };
    } else {
        write = [this](const QByteArray &chunk) {
            if (!m_tcpClient || !isConnected()) {
                return false;
            }
            m_quietSentBytes += chunk.size();
            return m_tcpClient->send(chunk);
        };
        pending = [this] { return m_tcpClient ? m_tcpClient->bytesToWrite() : 0; };
    }
    QString why;
    if (!m_fileSender->start(path, framing, std::move(write), std::move(pending), &why)) {
        setError({ErrorCode::FileNotSent, net::NetError::None, why, 0, 0});
        return false;
    }
    m_lastSent = python::LastSent{{}, m_fileSender->fileSize(), server, false, framing, path};
    if (m_fileSender->isActive()) {
        const ClientsModel::Client *to = server ? m_clients->client(recipient) : nullptr;
        m_conversation->appendSystem(tr("Sending %1: %2 bytes (%3 framing)")
                                         .arg(path, QLocale().toString(m_fileSender->total()),
                                              framingName(framing)),
                                     to ? to->address : peer());
    }
    Q_EMIT inputChanged();
    return true;
}

void ChatSession::cancelFile()
{
    m_fileSender->cancel();
}

void ChatSession::setSlowReader(int bytes, int pauseMs)
{
    m_slowBytes = std::max(0, bytes);
    m_slowPauseMs = m_slowBytes > 0 ? std::max(0, pauseMs) : 0;
    if (m_tcpServer) {
        m_tcpServer->setSlowReader(m_slowBytes, m_slowPauseMs);
    }
    if (m_tcpClient) {
        m_tcpClient->setSlowReader(m_slowBytes, m_slowPauseMs);
    }
}

quint64 ChatSession::findClient(const QString &who) const
{
    bool isId = false;
    const quint64 id = who.toULongLong(&isId);
    if (isId) {
        return m_clients->contains(id) ? id : 0;
    }
    const int row = m_clients->rowOfAddress(who);
    return row < 0 ? 0 : m_clients->idAt(row);
}

qint64 ChatSession::bytesToWrite() const
{
    return m_tcpClient ? m_tcpClient->bytesToWrite() : 0;
}

void ChatSession::kick(const QList<quint64> &clients)
{
    if (!m_tcpServer || !m_tcpServer->isListening()) {
        return;
    }
    for (quint64 id : clients) {
        m_tcpServer->kick(id);
    }
}

// --- events ---------------------------------------------------------------------------------

QString ChatSession::reasonText(const net::NetEvent &event)
{
    using Reason = net::DisconnectReason;
    switch (event.disconnectReason) {
    case Reason::None:
        break;
    case Reason::Bye:
        return tr("said bye");
    case Reason::ClosedByPeer:
        return tr("closed by the other end");
    case Reason::Kicked:
        return tr("kicked");
    case Reason::ServerStopped:
        return tr("server stopped");
    case Reason::Greeted:
        return tr("greeted (a greet server closes after its reply)");
    case Reason::Disconnected:
        return tr("you disconnected");
    case Reason::Reconnecting:
        return tr("connecting elsewhere");
    case Reason::Idle:
        return tr("idle for too long");
    case Reason::LineTooLong:
        return tr("line too long (over 64 KiB)");
    case Reason::FrameTooLong:
        return tr("frame too long (its length prefix is over the limit)");
    case Reason::NotReading:
        return tr("not reading what the server sends (buffer full)");
    case Reason::SocketError: {
        // The reason reads "error: <the system's words>"; the words are shown as they are.
        const QString prefix = net::disconnectReasonKeyword(Reason::SocketError) + u": ";
        return tr("error: %1").arg(event.reason.startsWith(prefix)
                                       ? event.reason.mid(prefix.size())
                                       : event.reason);
    }
    case Reason::TlsFailed: {
        const QString prefix = net::disconnectReasonKeyword(Reason::TlsFailed) + u": ";
        return tr("TLS: %1").arg(event.reason.startsWith(prefix) ? event.reason.mid(prefix.size())
                                                                 : event.reason);
    }
    case Reason::MemoryBudget:
        return tr("over the server's memory budget (it held too much of this client's "
                  "unfinished message or unread output)");
    }
    return event.reason;
}

void ChatSession::onEvents(const net::NetEvents &events, bool fromServer, bool logSent)
{
    using net::NetEvent;
    using Direction = ConversationModel::Direction;
    QList<ConversationModel::Entry> entries;
    entries.reserve(events.size());
    bool clientErrorSeen = false;
    std::optional<net::NetEvent> disconnect;
    auto system = [&entries](const NetEvent &e, const QString &text, bool error = false) {
        entries.append({e.time, Direction::System, e.peer, text.toUtf8(), error, false});
    };
    for (const NetEvent &e : events) {
        switch (e.kind) {
        case NetEvent::Listening:
            system(e, tr("Listening on %1").arg(e.peer));
            break;
        case NetEvent::Connected:
            if (fromServer) {
                system(e, tr("Client connected"));
            } else if (e.data.isEmpty()) {
                system(e, tr("Connected to the server"));
            } else {
                // localhost: which loopback answered after the other refused.
                system(e, tr("Connected to the server (%1)").arg(QString::fromUtf8(e.data)));
            }
            break;
        case NetEvent::Message:
        case NetEvent::Datagram:
            entries.append({e.time, Direction::In, e.peer, e.data, false, false});
            break;
        case NetEvent::Sent:
            // A file's chunks are not messages: its start and end are logged instead.
            if (!fromServer && m_quietSentBytes > 0) {
                m_quietSentBytes = std::max<qint64>(0, m_quietSentBytes - e.data.size());
                break;
            }
            // A chat/room server's operator messages are logged when typed (one entry for a
            // broadcast); what a server answers on its own (greeting, echo, UDP echo) and what
            // a client sends are logged from these events.
            if (logSent) {
                entries.append({e.time, Direction::Out, e.peer, e.data, false, false});
            }
            break;
        case NetEvent::Disconnected:
            system(e, fromServer ? tr("Client disconnected: %1").arg(reasonText(e))
                                 : tr("Disconnected from the server: %1").arg(reasonText(e)));
            if (!fromServer) {
                disconnect = e;
            }
            break;
        case NetEvent::Error: {
            const QString text = QString::fromUtf8(e.data);
            system(e, text, true);
            if (!fromServer && !clientErrorSeen) {
                clientErrorSeen = true;
                if (m_client.protocol == Protocol::Tcp && !isConnected()) {
                    m_error = {ErrorCode::ConnectFailed, e.error, text, m_client.port, 0};
                } else {
                    m_error = {ErrorCode::EngineError, e.error, text, 0, 0};
                }
            }
            break;
        }
        case NetEvent::Stopped:
            system(e, tr("Server stopped: %1").arg(QString::fromUtf8(e.data)));
            break;
        case NetEvent::Read: // the Chunks view's
            break;
        }
    }
    m_conversation->append(entries);
    m_chunks->addEvents(events);
    Q_EMIT eventsReady(events);
    if (!fromServer) {
        if (disconnect) {
            Q_EMIT clientDisconnected(disconnect->disconnectReason, reasonText(*disconnect));
        }
        if (clientErrorSeen) {
            Q_EMIT errorOccurred(m_error);
        }
        emitStateIfChanged();
    }
}

void ChatSession::onClientsUpdated(const QList<net::ClientStats> &changed,
                                   const QList<quint64> &gone)
{
    if (!isServing()) {
        return; // a batch from before Stop: the list was emptied then
    }
    if (m_reportReads) {
        m_chunks->addClientStats(changed); // the backlog toward each client, in the Reads view
    }
    QList<ClientsModel::Client> clients;
    clients.reserve(changed.size());
    bool renamed = false;
    for (const net::ClientStats &s : changed) {
        m_kernelTaken.insert(s.id, s.bytesOut - s.pendingOut);
        ClientsModel::Client c;
        c.id = s.id;
        c.address = s.peer;
        c.nickname = s.nickname;
        c.since = s.since;
        c.bytesIn = s.bytesIn;
        c.bytesOut = s.bytesOut;
        c.messages = s.messagesIn + s.messagesOut;
        c.worker = s.worker;
        c.workers = s.workers;
        const ClientsModel::Client *known = m_clients->client(s.id);
        renamed = renamed || (known && known->nickname != s.nickname);
        clients.append(c);
    }
    const int before = m_clients->rowCount();
    if (!clients.isEmpty()) {
        m_clients->upsert(clients);
    }
    if (!gone.isEmpty()) {
        for (quint64 id : gone) {
            m_kernelTaken.remove(id);
        }
        m_clients->remove(gone);
    }
    // Recipients change on joins, leaves and nicknames, never on traffic.
    if (renamed || m_clients->rowCount() != before || !gone.isEmpty()) {
        Q_EMIT recipientsChanged();
    }
}

void ChatSession::sampleTotals()
{
    net::TrafficTotals t;
    int clients = 0;
    if (m_tcpServer && m_tcpServer->isListening()) {
        t = m_tcpServer->totals();
        clients = m_clients->rowCount();
    } else if (m_udpServer && m_udpServer->isListening()) {
        t = m_udpServer->totals();
    } else if (m_tcpClient && m_role == Role::Client && m_client.protocol == Protocol::Tcp) {
        t = m_tcpClient->totals();
    } else if (m_udpClient && m_role == Role::Client) {
        t = m_udpClient->totals();
    }
    m_history.addTotals(m_clock.elapsed(), {t.messagesIn, t.messagesOut, t.bytesIn, t.bytesOut},
                        clients);
    Q_EMIT statsSampled();
}

// --- Python ---------------------------------------------------------------------------------

QString ChatSession::pythonCode() const
{
    if (m_role == Role::Server) {
        python::ServerConfig config;
        config.udp = m_server.protocol == Protocol::Udp;
        config.mode = m_server.mode;
        // Every address, dual-stack: Python's "::" with IPV6_V6ONLY off (Any reads "0.0.0.0").
        config.host = m_server.address == QHostAddress(QHostAddress::Any)
            ? QStringLiteral("::")
            : m_server.address.toString();
        // Once an automatic port is chosen, the program can use it: it runs after this one stops.
        config.port = serverPort() ? serverPort() : m_server.port;
        config.greeting = QString::fromUtf8(m_server.greeting);
        config.udpEcho = m_server.udpEcho;
        config.rules = m_server.rules;
        config.defaultReply = m_server.defaultReply;
        config.rulesError = m_rulesError;
        config.framing = m_server.framing;
        if (m_server.protocol == Protocol::Tcp && m_server.tls) {
            // The files this server uses: the user's, or StdLab's own (localIdentity()'s names).
            config.tls = true;
            const bool own = m_server.tlsCertFile.isEmpty() && m_server.tlsKeyFile.isEmpty();
            config.tlsCertFile = own ? tlsDirectory() + QStringLiteral("/localhost-cert.pem")
                                     : m_server.tlsCertFile;
            config.tlsKeyFile = own ? tlsDirectory() + QStringLiteral("/localhost-key.pem")
                                    : m_server.tlsKeyFile;
        }
        return python::serverProgram(config) + lastSentCode(Role::Server);
    }
    python::ClientConfig config;
    config.udp = m_client.protocol == Protocol::Udp;
    config.host = m_client.host.trimmed().isEmpty() ? QStringLiteral("127.0.0.1")
                                                    : m_client.host.trimmed();
    config.port = m_client.port;
    config.interactive = true;
    config.framing = m_client.framing;
    if (m_client.protocol == Protocol::Tcp && m_client.tls.enabled) {
        config.tls = true;
        config.tlsVerify = python::TlsVerify(int(m_client.tls.verify));
        config.tlsCaFile = m_client.tls.caFile;
        config.tlsFingerprint = m_client.tls.fingerprint;
    }
    return python::clientProgram(config) + lastSentCode(Role::Client);
}

QString ChatSession::lastSentCode(Role role) const
{
    return m_lastSent && m_lastSent->server == (role == Role::Server)
        ? python::lastSentNote(*m_lastSent)
        : QString();
}

} // namespace stdlab::chat

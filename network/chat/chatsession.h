#pragma once

#include "chat/chatpythoncode.h"
#include "chat/chunkmodel.h"
#include "chat/clientsmodel.h"
#include "chat/replyrules.h"
#include "chat/sequencemodel.h"
#include "chat/conversationmodel.h"
#include "chat/filesender.h"
#include "chat/statshistory.h"
#include "netevent.h"
#include "tcpserver.h"
#include "tlsclient.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>

#include <optional>

class QTimer;

namespace stdlab::net {
class TcpClient;
class UdpClient;
class UdpServer;
} // namespace stdlab::net

namespace stdlab::chat {

enum class Role { Server, Client };
enum class Protocol { Tcp, Udp };

/** A server's settings, as the Chat tab's form or `stdlab serve` give them. */
struct ServerConfig
{
    Protocol protocol = Protocol::Tcp;
    net::ServerMode mode = net::ServerMode::Chat;
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 1234; ///< 0: the system picks one (serverPort() once listening)
    int threads = 0;     ///< 0: net::defaultWorkerThreads()
    QByteArray greeting = QByteArrayLiteral("Un saludo crack!\n"); ///< greet mode, one line
    /// Rules mode: the rules as typed, in order, and the reply when none matches. The session
    /// compiles them (rulesError() says why they do not compile); the Python code shows them
    /// as typed either way.
    QList<ReplyRule> rules;
    std::optional<QString> defaultReply;
    bool udpEcho = false;
    // What `stdlab serve` also sets; the panel keeps these defaults.
    bool threadPerClient = false; ///< a thread per client instead of the pool
    int maxClients = 10000;
    int idleTimeoutMs = 0;        ///< 0: never
    /// TCP: the whole server's memory budget (net::ServerOptions::maxBufferBytes); 0: none.
    qint64 maxBufferBytes = net::kDefaultMaxBufferBytes;
    bool reportMessages = true;   ///< false: no Message events (`--quiet`; counters still count)
    /// Sent events for what a greet/echo server answers on its own, so that the conversation
    /// shows both sides; `stdlab serve` prints only what the clients send.
    bool reportReplies = true;
    /// TCP over TLS: with the certificate and key files given, or, both empty, the app's own
    /// certificate for localhost (made once, kept in the data folder; see tlsDirectory()).
    bool tls = false;
    QString tlsCertFile;
    QString tlsKeyFile;
    /// TCP: how messages are cut from each client's stream, and how replies are framed.
    Framing framing;
};

/** Where a client connects or sends datagrams. */
struct ClientConfig
{
    Protocol protocol = Protocol::Tcp;
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 1234;
    int connectTimeoutMs = 5000; ///< TCP: give up connecting after this long
    Framing framing; ///< TCP: how replies are cut into messages and what send() adds
    net::TlsClientOptions tls; ///< TCP over TLS when tls.enabled
};

/**
 * The Chat tab's session, without widgets: it owns the four engines (TCP/UDP server and client),
 * the state (idle, listening, connecting, connected, stopping), the rules of what may be sent
 * and to whom, and the models the panel shows (conversation, clients, traffic history).
 *
 * Threading: every function is called from the owner's thread. The engines deliver their events
 * in batches (at most every batchIntervalMs(), ~12 per second in the GUI), so the models change
 * a few dozen times per second at most whatever the traffic; the traffic history is sampled by a
 * 4 Hz timer while something is live, never per message.
 *
 * Errors carry a code (error().code) and the engine's own words (error().text); only a widget
 * turns the code into advice.
 *
 * `stdlab serve` / `stdlab send` and the GUI's --serve / --connect presets drive this same
 * session: the command line prints eventsReady() as its log lines and sends raw bytes with
 * sendData(); the panel shows the models.
 */
class ChatSession : public QObject
{
    Q_OBJECT

public:
    enum class State { Idle, Listening, Connecting, Connected, Stopping };
    Q_ENUM(State)

    /// Why the input is (or is not) open: the panel words it.
    enum class InputHint {
        Ready,             ///< something can be sent now
        StartServer,       ///< a TCP chat/room server not started yet
        ServerAnswers,     ///< a TCP greet/echo server answers on its own (started or not)
        UdpServerReceives, ///< a UDP server only receives (started or not)
        ConnectFirst,      ///< a TCP client not connected
        Connecting,        ///< a TCP client waiting for the server's answer
        EnterHost,         ///< a UDP client with no host
        SendingFile,       ///< a file is being sent (Cancel stops it)
    };
    Q_ENUM(InputHint)

    /// What went wrong; ListenFailed/ConnectFailed also say why in error().netError.
    enum class ErrorCode {
        None,
        ListenFailed,      ///< the server could not start (text: the engine's words)
        HostMissing,       ///< Connect with an empty host
        ConnectFailed,     ///< refused, host not found, timed out (text: the engine's words)
        NotServingTcp,     ///< a server's operator typed with no TCP server listening
        NoClients,         ///< a broadcast with nobody connected
        RecipientGone,     ///< the chosen client has left
        NotConnected,      ///< a TCP client typed while not connected
        DatagramTooLarge,  ///< over kMaxDatagram bytes (error().size)
        DatagramNotSent,   ///< bad host or port for a datagram
        EngineError,       ///< any other error an engine reported (text)
        InvalidRules,      ///< rules mode with a rule that does not compile (text: Python's)
        FileNotSent,       ///< Send File refused (text: why, naming the file)
    };
    Q_ENUM(ErrorCode)

    struct Error
    {
        ErrorCode code = ErrorCode::None;
        /// The engine's code behind ListenFailed / ConnectFailed / EngineError (port in use,
        /// refused, host not found, ...), for advice.
        net::NetError netError = net::NetError::None;
        QString text;   ///< the engine's message (already translated), if any
        quint16 port = 0;
        qint64 size = 0; ///< DatagramTooLarge: the message's bytes
    };

    static constexpr int kMaxDatagram = 65507; // the largest UDP payload over IPv4
    static constexpr int kStatsIntervalMs = 250;

    explicit ChatSession(QObject *parent = nullptr);
    ~ChatSession() override;

    // Settings. Changing one while live applies at the next start / connect.
    Role role() const { return m_role; }
    void setRole(Role role);
    ServerConfig serverConfig() const { return m_server; }
    /// Why the rules of a rules-mode config do not compile ("rule 2: " and Python's message);
    /// empty when they do, or in another mode.
    QString rulesError() const { return m_rulesError; }
    void setServerConfig(const ServerConfig &config);
    ClientConfig clientConfig() const { return m_client; }
    void setClientConfig(const ClientConfig &config);
    /// Engine events reach the owner at most this often (default 80 ms: ~12 batches a second).
    int batchIntervalMs() const { return m_batchMs; }
    void setBatchIntervalMs(int ms) { m_batchMs = ms; }
    /// A Read event per read for chunks() (from the next start / connect). The panel turns it
    /// on; `stdlab serve` leaves it off: an event per read would cost a busy server.
    void setReportReads(bool on) { m_reportReads = on; }
    /// Sends recorded in the connection's send log (chat/sendlog.h) so that a StdLab receiver
    /// shows them against its reads (from the next start / connect).
    void setRecordSends(bool on) { m_recordSends = on; }
    /// The slow reader, server and client: at most @p bytes per read, @p pauseMs between reads;
    /// 0 bytes: off. Applies at once.
    void setSlowReader(int bytes, int pauseMs);
    int slowReadBytes() const { return m_slowBytes; }
    int slowReadPauseMs() const { return m_slowPauseMs; }

    State state() const;
    bool isServing() const;
    bool isConnected() const;
    bool isConnecting() const;
    /// The port the server listens on (the one chosen for port 0), or 0 when stopped.
    quint16 serverPort() const;
    /// The TLS server's certificate and key while a TLS server listens (else null).
    std::shared_ptr<const net::TlsIdentity> serverIdentity() const { return m_identity; }
    /// Where the app's own localhost certificate is kept: <AppDataLocation>/tls.
    static QString tlsDirectory();
    /// "address:port" the server listens on, or the server a TCP client is connected to.
    QString peer() const;

    // What the input offers now.
    bool canSend() const { return inputHint() == InputHint::Ready; }
    InputHint inputHint() const;
    /// A 1:1 chat server: the operator chooses one client or all.
    bool canChooseRecipient() const;

    /// A connected client named by its id ("7") or its address ("127.0.0.1:53210"), or 0.
    quint64 findClient(const QString &who) const;
    /// TCP client: bytes sent but not yet taken by the kernel (flow control for a sender).
    qint64 bytesToWrite() const;

    /// The last error (until the next action that could fail).
    Error error() const { return m_error; }

    ConversationModel *conversation() const { return m_conversation; }
    ClientsModel *clients() const { return m_clients; }
    /// The data as received: one row per read (when setReportReads() is on) or datagram.
    ChunkModel *chunks() const { return m_chunks; }
    /// Each connection's socket calls in order, for the sequence diagram.
    SequenceModel *sequence() const { return m_sequence; }
    const StatsHistory &statsHistory() const { return m_history; }

    /// The Python program that does what this session is set to do; after a send, a note with
    /// the bytes of the last message (chatpythoncode.h's lastSentNote()).
    QString pythonCode() const;

public Q_SLOTS:
    bool startServer();
    void stopServer();
    bool connectToServer();
    void disconnectFromServer();
    /// Sends @p text as the operator. Server: to @p recipient (a client id; 0 = every client).
    /// TCP frames it (the newline that ends a message, or a length prefix...); a datagram goes
    /// as typed.
    bool send(const QString &text, quint64 recipient = 0);
    /// send() for bytes: @p payload framed as the TCP framing says (the log shows it framed).
    bool sendMessage(const QByteArray &payload, quint64 recipient = 0);
    /// Sends @p data exactly as given (no newline added), under the same rules as send(): a
    /// server's operator bytes to @p recipient (0 = every client), a TCP client's bytes, or one
    /// datagram (which may be empty).
    bool sendData(const QByteArray &data, quint64 recipient = 0);
    void kick(const QList<quint64> &clients);
    /// Streams the file at @p path, framed as the framing says (chat/filesender.h: bounded
    /// memory, a chunk at a time): a TCP client to its server, a chat server's operator to
    /// @p recipient (one client). The conversation gets a line when it starts and one when it
    /// ends, naming the bytes that went. False and error() when it cannot start.
    bool sendFile(const QString &path, quint64 recipient = 0);
    /// A file can be sent now (connected client, or a listening chat server with a client).
    bool canSendFile() const;
    void cancelFile();
    FileSender *fileSender() const { return m_fileSender; }
    /// Takes a traffic sample now (the timer does it every kStatsIntervalMs while live).
    void sampleTotals();

Q_SIGNALS:
    void stateChanged(stdlab::chat::ChatSession::State state);
    /// The server listens (port resolved) or stopped (port 0).
    void serverStateChanged(bool listening, quint16 port);
    void clientStateChanged(bool connected);
    /// Anything inputHint()/canChooseRecipient() depend on may have changed.
    void inputChanged();
    /// The recipients a chat server may choose changed (a join, a leave, a new nickname).
    void recipientsChanged();
    void errorOccurred(const stdlab::chat::ChatSession::Error &error);
    /// A TCP client's session ended: @p reason says why, @p text in words (as in the log).
    void clientDisconnected(stdlab::net::DisconnectReason reason, const QString &text);
    /// A new sample in statsHistory().
    void statsSampled();
    /// Every batch of engine events, as they arrive (the log lines are already appended).
    void eventsReady(const stdlab::net::NetEvents &events);
    /// TCP client: the bytes of each read as they arrive, unbatched (for nc-like output).
    void dataReceived(const QByteArray &data);
    /// TCP client: every message the framing cuts from the replies, unbatched.
    void messageReceived(const QByteArray &message);
    /// TCP client: the kernel took @p bytes of what was sent (bytesToWrite() went down).
    void bytesWritten(qint64 bytes);
    /// A file transfer moved on (@p sent of @p total bytes) or ended (active false).
    void fileProgress(bool active, qint64 sent, qint64 total);

private:
    void ensureEngines();
    bool sendBytes(const QByteArray &data, quint64 recipient, bool framed);
    bool sendBytesNow(const QByteArray &data, quint64 recipient, bool framed);
    QString lastSentCode(Role role) const;
    void setError(const Error &error);
    void clearError() { m_error = {}; }
    /// @p logSent: Sent events become log entries (not for a chat/room server's operator
    /// messages, logged once when typed).
    void onEvents(const net::NetEvents &events, bool fromServer, bool logSent);
    void onClientsUpdated(const QList<net::ClientStats> &changed, const QList<quint64> &gone);
    void updateTimer();
    void emitStateIfChanged();
    /// Why a connection ended, in words, for the log and the status line.
    static QString reasonText(const net::NetEvent &event);

    Role m_role = Role::Server;
    /// The operator's last message (its first bytes), for pythonCode().
    std::optional<python::LastSent> m_lastSent;
    ServerConfig m_server;
    std::shared_ptr<const net::TlsIdentity> m_identity; ///< the listening TLS server's
    std::shared_ptr<const ReplyRules> m_rules; ///< m_server's, compiled (rules mode)
    QString m_rulesError;
    ClientConfig m_client;
    int m_batchMs = 80;
    bool m_reportReads = false;
    bool m_recordSends = false;
    int m_slowBytes = 0;
    int m_slowPauseMs = 0;
    Error m_error;
    State m_lastState = State::Idle;
    bool m_stopping = false;

    ConversationModel *m_conversation;
    ClientsModel *m_clients;
    ChunkModel *m_chunks;
    FileSender *m_fileSender;
    qint64 m_quietSentBytes = 0; ///< a file's bytes sent whose Sent events are not logged
    /// Server: each client's bytes the kernel has taken (bytesOut - pendingOut, as last
    /// reported), for a file's flow control toward one client.
    QHash<quint64, qint64> m_kernelTaken;
    quint64 m_fileRecipient = 0;
    qint64 m_fileBase = 0;   ///< m_kernelTaken of the recipient when its file started
    qint64 m_fileQueued = 0; ///< the file's bytes handed to the server
    SequenceModel *m_sequence;
    StatsHistory m_history;
    QTimer *m_statsTimer;
    QElapsedTimer m_clock;

    net::TcpServer *m_tcpServer = nullptr;
    net::UdpServer *m_udpServer = nullptr;
    net::TcpClient *m_tcpClient = nullptr;
    net::UdpClient *m_udpClient = nullptr;
};

} // namespace stdlab::chat

Q_DECLARE_METATYPE(stdlab::chat::ChatSession::Error)

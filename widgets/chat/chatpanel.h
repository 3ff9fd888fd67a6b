#pragma once

#include "chat/statshistory.h"
#include "netevent.h"
#include "panel.h"

#include <QElapsedTimer>

class ClientsModel;
class ConversationModel;
class ConversationView;
class MessageInput;
class StatsGraph;
class QButtonGroup;
class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;
class QWidget;

namespace stdlab::net {
class TcpClient;
class TcpServer;
class UdpClient;
class UdpServer;
} // namespace stdlab::net

/** The Chat tab: serve or connect over TCP/UDP, talk, watch clients and traffic. */
class ChatPanel : public Panel
{
    Q_OBJECT

public:
    enum Role { ServerRole, ClientRole };
    enum Protocol { Tcp, Udp };

    explicit ChatPanel(QWidget *parent = nullptr);
    ~ChatPanel() override;

    QString pythonCode() const override;
    void saveSettings(QSettings &settings) const override;
    void restoreSettings(QSettings &settings) override;

    /// `--serve tcp:PORT[:MODE]` / `udp:PORT`: starts a server at launch and prints
    /// "listening ADDRESS:PORT" on stdout once it listens. False + @p error if the spec is
    /// invalid; a server that cannot start shows why inline (and on stderr).
    bool startServerPreset(const QString &spec, QString *error);
    /// `--connect [tcp:|udp:]HOST:PORT`: connects at launch and prints "connected ADDRESS:PORT"
    /// once connected. False + @p error if the spec is invalid.
    bool connectPreset(const QString &spec, QString *error);

    Role role() const;
    void setRole(Role role);

    ConversationModel *conversation() const { return m_conversation; }
    ClientsModel *clients() const { return m_clients; }
    const StatsHistory &statsHistory() const { return m_history; }

    bool isServing() const;
    bool isConnected() const;
    /// A TCP connection is being set up (Connect pressed, no answer yet).
    bool isConnecting() const;
    /// The port the server listens on (after an automatic port was chosen), or 0.
    quint16 serverPort() const;

public Q_SLOTS:
    void startServer();
    void stopServer();
    void connectToServer();
    void disconnectFromServer();
    /// Sends @p text as the operator: to the chosen client(s) as a server, to the server as a client.
    void sendText(const QString &text);
    void kickSelectedClients();
    void saveLog();
    void clearLog();

Q_SIGNALS:
    /// The server listens (port resolved) or stopped (port 0).
    void serverStateChanged(bool listening, quint16 port);
    void clientStateChanged(bool connected);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildConnectionBar();
    QWidget *buildServerForm();
    QWidget *buildClientForm();
    QWidget *buildConversation();
    QWidget *buildSidebar();
    void retranslate();
    void updateControls();
    void updateTabTitle();
    void updateStats();
    void sampleTotals();
    void ensureEngines();
    void onEvents(const stdlab::net::NetEvents &events, bool fromServer);
    void onClientsUpdated(const QList<stdlab::net::ClientStats> &changed,
                          const QList<quint64> &gone);
    QString listenErrorText(const QString &engineError) const;
    QString connectErrorText(const QString &engineError) const;
    static QString reasonText(const QString &reason);
    void updateRecipients();
    void showError(QLabel *where, const QString &text);
    void hideError(QLabel *where);
    Protocol serverProtocol() const;
    Protocol clientProtocol() const;
    QString serverMode() const;
    QString bindAddress() const;
    /// The greet-mode reply as bytes: the greeting line and its newline.
    QByteArray greeting() const;

    ConversationModel *m_conversation;
    ClientsModel *m_clients;
    StatsHistory m_history;
    QTimer *m_statsTimer;
    QElapsedTimer m_clock;

    // Connection bar
    QButtonGroup *m_roleGroup = nullptr;
    QPushButton *m_serverRoleButton = nullptr;
    QPushButton *m_clientRoleButton = nullptr;
    QStackedWidget *m_roleStack = nullptr;

    // Server form
    QComboBox *m_serverProtocol = nullptr;
    QLabel *m_modeLabel = nullptr;
    QComboBox *m_mode = nullptr;
    QCheckBox *m_udpEcho = nullptr;
    QComboBox *m_bind = nullptr;
    QSpinBox *m_serverPort = nullptr;
    QLabel *m_threadsLabel = nullptr;
    QSpinBox *m_threads = nullptr;
    QLabel *m_greetingLabel = nullptr;
    QLineEdit *m_greeting = nullptr;
    QPushButton *m_startButton = nullptr;
    QLabel *m_serverStatus = nullptr;
    QLabel *m_serverError = nullptr;

    // Client form
    QComboBox *m_clientProtocol = nullptr;
    QLineEdit *m_host = nullptr;
    QSpinBox *m_clientPort = nullptr;
    QPushButton *m_connectButton = nullptr;
    QLabel *m_clientStatus = nullptr;
    QLabel *m_clientError = nullptr;

    // Conversation
    ConversationView *m_view = nullptr;
    QLabel *m_trimLabel = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_clearButton = nullptr;
    QComboBox *m_recipient = nullptr;
    MessageInput *m_input = nullptr;
    QPushButton *m_sendButton = nullptr;
    QLabel *m_sendError = nullptr;

    // Sidebar
    QSplitter *m_splitter = nullptr;
    QGroupBox *m_statsBox = nullptr;
    QLabel *m_clientsValue = nullptr;
    QLabel *m_msgsInValue = nullptr;
    QLabel *m_msgsOutValue = nullptr;
    QLabel *m_bytesInValue = nullptr;
    QLabel *m_bytesOutValue = nullptr;
    StatsGraph *m_graph = nullptr;
    QGroupBox *m_clientsBox = nullptr;
    QTableView *m_clientsView = nullptr;
    QPushButton *m_kickButton = nullptr;

    stdlab::net::TcpServer *m_tcpServer = nullptr;
    stdlab::net::UdpServer *m_udpServer = nullptr;
    stdlab::net::TcpClient *m_tcpClient = nullptr;
    stdlab::net::UdpClient *m_udpClient = nullptr;

    QString m_clientNote; ///< why the last session ended, shown until the next Connect
    bool m_printListening = false; ///< a --serve preset: print the port on stdout once listening
    bool m_printConnected = false; ///< a --connect preset: print the peer once connected
    int m_lastClientCount = -1;
};

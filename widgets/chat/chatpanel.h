#pragma once

#include "chat/chatsession.h"
#include "panel.h"

#include <memory>

class ChatPrompter;
class ChunksView;
class ConversationView;
class FramingBox;
class MessageInput;
class MessageLabel;
class StatsGraph;
class TlsClientBox;
class TlsServerBox;
class QButtonGroup;
class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class RulesEditor;
class QDialog;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QSplitter;
class QStackedWidget;
class QTableView;
class QWidget;

/**
 * The Chat tab: serve or connect over TCP/UDP, talk, watch clients and traffic. It only lays
 * out and connects: the session (stdlab::chat::ChatSession) runs the engines and the rules.
 */
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

    /// `--serve tcp:PORT[:MODE]` / `udp:PORT`: fills in the form and starts a server at launch.
    /// False + @p error if the spec is invalid; a server that cannot start shows why inline.
    /// (The app prints "listening ADDRESS:PORT" from the session's signals.)
    bool startServerPreset(const QString &spec, QString *error);
    /// `--connect [tcp:|udp:]HOST:PORT`: fills in the form and connects at launch (TCP).
    /// False + @p error if the spec is invalid.
    bool connectPreset(const QString &spec, QString *error);

    Role role() const;
    void setRole(Role role);

    stdlab::chat::ChatSession *session() const { return m_session; }
    stdlab::chat::ConversationModel *conversation() const { return m_session->conversation(); }
    stdlab::chat::ClientsModel *clients() const { return m_session->clients(); }
    const stdlab::chat::StatsHistory &statsHistory() const { return m_session->statsHistory(); }

    bool isServing() const { return m_session->isServing(); }
    bool isConnected() const { return m_session->isConnected(); }
    /// A TCP connection is being set up (Connect pressed, no answer yet).
    bool isConnecting() const { return m_session->isConnecting(); }
    /// The port the server listens on (after an automatic port was chosen), or 0.
    quint16 serverPort() const { return m_session->serverPort(); }

    /// Replaces the dialogs (tests install scripted answers); the panel owns @p prompter.
    void setPrompter(std::unique_ptr<ChatPrompter> prompter);

public Q_SLOTS:
    void startServer();
    void stopServer();
    void connectToServer();
    void disconnectFromServer();
    /// Sends @p text as the operator: to the chosen client(s) as a server, to the server as a client.
    void sendText(const QString &text);
    /// Sends @p bytes as one message (framed as the session says), as sendText() does.
    void sendBytes(const QByteArray &bytes);
    void kickSelectedClients();
    void saveLog();
    void clearLog();

Q_SIGNALS:
    /// The server listens (port resolved) or stopped (port 0).
    void serverStateChanged(bool listening, quint16 port);
    void clientStateChanged(bool connected);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *buildConnectionBar();
    QWidget *buildServerForm();
    QWidget *buildClientForm();
    QWidget *buildConversation();
    QWidget *buildSidebar();
    void retranslate();
    void retranslateRulesButton();
    /// Widens the clients table's columns to their header and the widest value each can show.
    void fitClientColumns();
    void fitClientsWidth();
    void updateControls();
    void updateTabTitle();
    void updateStats();
    void updateInputHint();
    void updateSendFileButton();
    void onStateChanged();
    void onError(const stdlab::chat::ChatSession::Error &error);
    QString errorText(const stdlab::chat::ChatSession::Error &error) const;
    void updateRecipients();
    void showError(MessageLabel *where, const QString &text);
    void hideError(MessageLabel *where);
    /// The form's values into the session (on every edit).
    void syncServerConfig();
    void syncClientConfig();
    Protocol serverProtocol() const;
    Protocol clientProtocol() const;
    QString serverMode() const;
    QString bindAddress() const;
    /// The greet-mode reply as bytes: the greeting line and its newline.
    QByteArray greeting() const;

    stdlab::chat::ChatSession *m_session;
    std::unique_ptr<ChatPrompter> m_prompter;

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
    RulesEditor *m_rulesEditor = nullptr;
    QPushButton *m_rulesButton = nullptr;
    QDialog *m_rulesDialog = nullptr;
    QLineEdit *m_greeting = nullptr;
    TlsServerBox *m_serverTls = nullptr;
    FramingBox *m_serverFraming = nullptr;
    QPushButton *m_startButton = nullptr;
    QStackedWidget *m_serverMessages = nullptr; ///< the status line, or an error in its place
    QLabel *m_serverStatus = nullptr;
    MessageLabel *m_serverError = nullptr;

    // Client form
    QComboBox *m_clientProtocol = nullptr;
    QLineEdit *m_host = nullptr;
    QSpinBox *m_clientPort = nullptr;
    TlsClientBox *m_clientTls = nullptr;
    FramingBox *m_clientFraming = nullptr;
    QPushButton *m_connectButton = nullptr;
    QStackedWidget *m_clientMessages = nullptr;
    QLabel *m_clientStatus = nullptr;
    MessageLabel *m_clientError = nullptr;

    // Conversation
    ConversationView *m_view = nullptr;
    QComboBox *m_showAs = nullptr;        ///< messages, or reads (the Chunks view)
    ChunksView *m_chunksView = nullptr;
    QLabel *m_trimLabel = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_clearButton = nullptr;
    QComboBox *m_recipient = nullptr;
    MessageInput *m_input = nullptr;
    QComboBox *m_inputEncoding = nullptr;
    QPushButton *m_sendButton = nullptr;
    QPushButton *m_sendFileButton = nullptr;
    MessageLabel *m_sendError = nullptr;

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
    qint64 m_messagesFitFor = 999'999; ///< the Messages column fits counts up to this
    QPushButton *m_kickButton = nullptr;

    QString m_clientNote; ///< why the last session ended, shown until the next Connect
    /// Connected, or started with --serve: the input takes the focus once it takes messages.
    bool m_focusInputWhenReady = false;
    int m_lastClientCount = -1;
};

#include "chat/chatpanel.h"

#include "chat/tlsbox.h"

#include "chat/chatprompter.h"
#include "chat/chunksview.h"
#include "chat/sequencediagram.h"
#include "chat/conversationview.h"
#include "chat/framingbox.h"
#include "chat/messageinput.h"
#include "chat/ruleseditor.h"
#include "chat/statsgraph.h"
#include "hostport.h"
#include "messagelabel.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QCoreApplication>
#include <QDateTime>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QStyle>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

using stdlab::chat::ChatSession;
using stdlab::chat::ClientsModel;
using stdlab::chat::ConversationModel;
using stdlab::chat::StatsHistory;
using stdlab::chat::InputEncoding;

namespace {

QString rateText(double perSecond)
{
    return QLocale().toString(perSecond, 'f', perSecond < 10 && perSecond > 0 ? 1 : 0);
}

/// Bytes per second in the clients table's compact format ("19 B/s", "1.5 KB/s").
QString bytesRateText(double perSecond)
{
    return QCoreApplication::translate("ChatPanel", "%1/s")
        .arg(ClientsModel::formatBytes(qint64(perSecond)));
}

/// "Port 1234 is already in use — choose another port…": the cause, then what to do.
QString withAdvice(const QString &cause, const QString &advice)
{
    QString text = cause;
    if (!text.isEmpty()) {
        text[0] = text[0].toUpper();
    }
    return advice.isEmpty() ? text : text + QStringLiteral(" — ") + advice;
}

/// The status line of a form and, in its place, the form's error: an error appears under the
/// fields at fault without moving anything below. The slot keeps two lines: the errors carry
/// advice ("Port 1234 is already in use — choose another port, or 0 ...") that takes two lines
/// at 800 px.
QStackedWidget *makeMessageSlot(QLabel *status, MessageLabel *error, QWidget *parent)
{
    error->setFixedLines(2);
    status->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // Ignored both ways: the slot is as tall as the error's lines, and a long status line
    // ("Listening on ... nc 127.0.0.1 1234") never widens the window.
    status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    auto *slot = new QStackedWidget(parent);
    slot->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    slot->addWidget(status);
    slot->addWidget(error);
    return slot;
}

QLabel *makeValueLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(QStringLiteral("0"), parent);
    label->setObjectName(objectName);
    label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    label->setMinimumWidth(label->fontMetrics().horizontalAdvance(QStringLiteral("000.0 MB/s")));
    return label;
}

} // namespace

ChatPanel::ChatPanel(QWidget *parent)
    : Panel(parent)
    , m_session(new ChatSession(this))
    , m_prompter(std::make_unique<ChatDialogPrompter>())
{
    setObjectName(QStringLiteral("chatPanel"));
    // The Chunks view: a row per read, and this end's sends recorded for a StdLab peer's.
    m_session->setReportReads(true);
    m_session->setRecordSends(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(buildConnectionBar());

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("chatSplitter"));
    m_splitter->addWidget(buildConversation());
    m_splitter->addWidget(buildSidebar());
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    layout->addWidget(m_splitter, 1);

    connect(m_session, &ChatSession::stateChanged, this, &ChatPanel::onStateChanged);
    connect(m_session, &ChatSession::inputChanged, this, &ChatPanel::updateInputHint);
    connect(m_session, &ChatSession::errorOccurred, this, &ChatPanel::onError);
    connect(m_session, &ChatSession::recipientsChanged, this, &ChatPanel::updateRecipients);
    connect(m_session, &ChatSession::statsSampled, this, &ChatPanel::updateStats);
    connect(m_session, &ChatSession::serverStateChanged, this, &ChatPanel::serverStateChanged);
    connect(m_session, &ChatSession::clientStateChanged, this, &ChatPanel::clientStateChanged);
    connect(m_session, &ChatSession::clientDisconnected, this,
            [this](stdlab::net::DisconnectReason, const QString &reason) {
        m_clientNote = tr("Disconnected: %1. Connect again when ready.").arg(reason);
        updateControls();
    });

    syncServerConfig();
    syncClientConfig();
    retranslate();
    updateControls();
    updateStats(); // "0 B/s" from the start, not a bare "0" until the first sample
}

ChatPanel::~ChatPanel()
{
    // The session (and its engines) go first, while the panel is whole.
    m_session->disconnect(this);
    delete m_session;
}

void ChatPanel::setPrompter(std::unique_ptr<ChatPrompter> prompter)
{
    m_prompter = std::move(prompter);
}

// --- construction ---------------------------------------------------------------------------

QWidget *ChatPanel::buildConnectionBar()
{
    auto *bar = new QWidget(this);
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *roles = new QWidget(bar);
    auto *rolesLayout = new QVBoxLayout(roles);
    rolesLayout->setContentsMargins(0, 0, 0, 0);
    rolesLayout->setSpacing(2);
    m_roleGroup = new QButtonGroup(this);
    m_serverRoleButton = new QPushButton(roles);
    m_serverRoleButton->setObjectName(QStringLiteral("serverRoleButton"));
    m_clientRoleButton = new QPushButton(roles);
    m_clientRoleButton->setObjectName(QStringLiteral("clientRoleButton"));
    for (QPushButton *b : {m_serverRoleButton, m_clientRoleButton}) {
        b->setCheckable(true);
        b->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
        rolesLayout->addWidget(b);
    }
    m_roleGroup->addButton(m_serverRoleButton, ServerRole);
    m_roleGroup->addButton(m_clientRoleButton, ClientRole);
    m_serverRoleButton->setChecked(true);
    m_serverRoleButton->installEventFilter(this);
    m_clientRoleButton->installEventFilter(this);
    layout->addWidget(roles);

    m_roleStack = new QStackedWidget(bar);
    m_roleStack->setObjectName(QStringLiteral("roleStack"));
    m_roleStack->addWidget(buildServerForm());
    m_roleStack->addWidget(buildClientForm());
    layout->addWidget(m_roleStack, 1);

    connect(m_roleGroup, &QButtonGroup::idToggled, this, [this](int id, bool checked) {
        if (checked) {
            m_roleStack->setCurrentIndex(id);
            m_session->setRole(id == ServerRole ? stdlab::chat::Role::Server
                                                : stdlab::chat::Role::Client);
            updateControls();
            Q_EMIT pythonCodeChanged();
        }
    });
    return bar;
}

QWidget *ChatPanel::buildServerForm()
{
    auto *page = new QGroupBox(this);
    page->setObjectName(QStringLiteral("serverForm"));
    auto *outer = new QVBoxLayout(page);
    auto *row = new QHBoxLayout;
    outer->addLayout(row);

    m_serverProtocol = new QComboBox(page);
    m_serverProtocol->setObjectName(QStringLiteral("serverProtocol"));
    m_serverProtocol->addItem(QStringLiteral("TCP"), Tcp);
    m_serverProtocol->addItem(QStringLiteral("UDP"), Udp);
    row->addWidget(m_serverProtocol);

    m_modeLabel = new QLabel(page);
    m_mode = new QComboBox(page);
    m_mode->setObjectName(QStringLiteral("serverMode"));
    for (const char *mode : {"greet", "echo", "chat", "room", "rules"}) {
        m_mode->addItem(QString(), QString::fromLatin1(mode));
    }
    m_mode->setCurrentIndex(2);
    // Never narrower than its longest mode: at 800x600 it showed one letter.
    m_mode->setSizePolicy(QSizePolicy::Fixed, m_mode->sizePolicy().verticalPolicy());
    m_modeLabel->setBuddy(m_mode);
    row->addWidget(m_modeLabel);
    row->addWidget(m_mode);

    m_udpEcho = new QCheckBox(page);
    m_udpEcho->setObjectName(QStringLiteral("udpEcho"));
    row->addWidget(m_udpEcho);

    auto *bindLabel = new QLabel(page);
    bindLabel->setObjectName(QStringLiteral("bindLabel"));
    m_bind = new QComboBox(page);
    m_bind->setObjectName(QStringLiteral("bindAddress"));
    m_bind->addItem(QString(), QStringLiteral("127.0.0.1"));
    m_bind->addItem(QString(), QStringLiteral("0.0.0.0"));
    m_bind->addItem(QString(), QStringLiteral("::"));
    m_bind->setSizeAdjustPolicy(QComboBox::AdjustToContents); // as wide as the choice, not the longest
    bindLabel->setBuddy(m_bind);

    auto *portLabel = new QLabel(page);
    portLabel->setObjectName(QStringLiteral("serverPortLabel"));
    m_serverPort = new QSpinBox(page);
    m_serverPort->setObjectName(QStringLiteral("serverPort"));
    m_serverPort->setRange(0, 65535);
    m_serverPort->setValue(1234);
    m_serverPort->setGroupSeparatorShown(false);
    portLabel->setBuddy(m_serverPort);
    row->addWidget(portLabel);
    row->addWidget(m_serverPort);
    m_serverTls = new TlsServerBox(page); // its switch here, its row under the form
    row->addWidget(m_serverTls->toggle());
    m_serverFraming = new FramingBox(QStringLiteral("serverFraming"), page);
    row->addWidget(m_serverFraming);
    row->addStretch();
    // At 800x600 one row left the Mode box one letter wide: where and how on a second row.
    row = new QHBoxLayout;
    outer->addLayout(row);
    row->addWidget(bindLabel);
    row->addWidget(m_bind);

    m_threadsLabel = new QLabel(page);
    m_threads = new QSpinBox(page);
    m_threads->setObjectName(QStringLiteral("serverThreads"));
    m_threads->setRange(1, 64);
    m_threads->setValue(stdlab::net::defaultWorkerThreads());
    m_threadsLabel->setBuddy(m_threads);
    row->addWidget(m_threadsLabel);
    row->addWidget(m_threads);

    m_greetingLabel = new QLabel(page);
    m_greeting = new QLineEdit(page);
    m_greeting->setObjectName(QStringLiteral("greeting"));
    m_greeting->setText(QStringLiteral("Un saludo crack!"));
    m_greeting->setClearButtonEnabled(true);
    m_greetingLabel->setBuddy(m_greeting);
    row->addWidget(m_greetingLabel);
    row->addWidget(m_greeting, 1);
    // Rules mode: its table in a window of its own (under the form it made the tab taller than
    // an 800x600 window has room for).
    m_rulesButton = new QPushButton(page);
    m_rulesButton->setObjectName(QStringLiteral("editRules"));
    row->addWidget(m_rulesButton);
    m_rulesDialog = new QDialog(this);
    m_rulesDialog->setObjectName(QStringLiteral("rulesDialog"));
    auto *dialogLayout = new QVBoxLayout(m_rulesDialog);
    m_rulesEditor = new RulesEditor(m_rulesDialog);
    dialogLayout->addWidget(m_rulesEditor);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, m_rulesDialog);
    dialogLayout->addWidget(close);
    connect(close, &QDialogButtonBox::rejected, m_rulesDialog, &QDialog::hide);
    connect(m_rulesButton, &QPushButton::clicked, this, [this] {
        m_rulesDialog->show();
        m_rulesDialog->raise();
        m_rulesDialog->activateWindow();
    });
    row->addStretch();

    m_startButton = new QPushButton(page);
    m_startButton->setObjectName(QStringLiteral("startButton"));
    m_startButton->setDefault(true);
    row->addWidget(m_startButton);
    // Reading order: the first row (Port was made after Bind, which sits on the second).
    QWidget::setTabOrder(m_udpEcho, m_serverPort);
    QWidget::setTabOrder(m_serverPort, m_serverTls->toggle());
    QWidget::setTabOrder(m_serverTls->toggle(), m_serverFraming->focusChain().first());
    QWidget::setTabOrder(m_serverFraming->focusChain().first(),
                         m_serverFraming->focusChain().last());
    QWidget::setTabOrder(m_serverFraming->focusChain().last(), m_bind);
    for (QWidget *prev = m_startButton; QWidget *w : m_serverTls->focusChain()) {
        QWidget::setTabOrder(prev, w); // the TLS row, under the form
        prev = w;
    }

    m_serverStatus = new QLabel(page);
    m_serverStatus->setObjectName(QStringLiteral("serverStatus"));
    m_serverStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_serverError = new MessageLabel(page);
    m_serverError->setObjectName(QStringLiteral("serverError"));
    m_serverMessages = makeMessageSlot(m_serverStatus, m_serverError, page);
    outer->addWidget(m_serverTls);
    outer->addWidget(m_serverMessages);

    connect(m_startButton, &QPushButton::clicked, this, [this] {
        if (isServing()) {
            stopServer();
        } else {
            startServer();
        }
    });
    auto changed = [this] {
        hideError(m_serverError);
        syncServerConfig();
        updateControls();
        Q_EMIT pythonCodeChanged();
    };
    auto codeChanged = [this] {
        syncServerConfig();
        Q_EMIT pythonCodeChanged();
    };
    m_serverPort->installEventFilter(this);
    connect(m_serverTls, &TlsServerBox::changed, this, changed);
    connect(m_serverFraming, &FramingBox::changed, this, changed);
    connect(m_serverProtocol, &QComboBox::currentIndexChanged, this, changed);
    connect(m_mode, &QComboBox::currentIndexChanged, this, changed);
    // Nicknames exist in room mode only (/nick): elsewhere the column would be empty width.
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        m_clientsView->setColumnHidden(ClientsModel::NicknameColumn,
                                       serverMode() != QLatin1String("room"));
    });
    connect(m_bind, &QComboBox::currentIndexChanged, this, changed);
    connect(m_serverPort, &QSpinBox::valueChanged, this, changed);
    connect(m_threads, &QSpinBox::valueChanged, this, codeChanged);
    connect(m_udpEcho, &QCheckBox::toggled, this, codeChanged);
    connect(m_greeting, &QLineEdit::textChanged, this, codeChanged);
    connect(m_rulesEditor, &RulesEditor::changed, this, [this] {
        hideError(m_serverError);
        syncServerConfig();
        retranslateRulesButton();
        Q_EMIT pythonCodeChanged();
    });
    return page;
}

QWidget *ChatPanel::buildClientForm()
{
    auto *page = new QGroupBox(this);
    page->setObjectName(QStringLiteral("clientForm"));
    auto *outer = new QVBoxLayout(page);
    auto *row = new QHBoxLayout;
    outer->addLayout(row);

    m_clientProtocol = new QComboBox(page);
    m_clientProtocol->setObjectName(QStringLiteral("clientProtocol"));
    m_clientProtocol->addItem(QStringLiteral("TCP"), Tcp);
    m_clientProtocol->addItem(QStringLiteral("UDP"), Udp);
    row->addWidget(m_clientProtocol);

    auto *hostLabel = new QLabel(page);
    hostLabel->setObjectName(QStringLiteral("hostLabel"));
    m_host = new QLineEdit(QStringLiteral("127.0.0.1"), page);
    m_host->setObjectName(QStringLiteral("clientHost"));
    hostLabel->setBuddy(m_host);
    row->addWidget(hostLabel);
    row->addWidget(m_host, 1);

    auto *portLabel = new QLabel(page);
    portLabel->setObjectName(QStringLiteral("clientPortLabel"));
    m_clientPort = new QSpinBox(page);
    m_clientPort->setObjectName(QStringLiteral("clientPort"));
    m_clientPort->setRange(1, 65535);
    m_clientPort->setValue(1234);
    m_clientPort->setGroupSeparatorShown(false);
    portLabel->setBuddy(m_clientPort);
    row->addWidget(portLabel);
    row->addWidget(m_clientPort);
    m_clientTls = new TlsClientBox(page);
    row->addWidget(m_clientTls->toggle());
    row->addStretch();

    m_connectButton = new QPushButton(page);
    m_connectButton->setObjectName(QStringLiteral("connectButton"));
    row->addWidget(m_connectButton);
    // Framing on a row of its own: on the first one it left Host three characters at 800x600
    // in Spanish (the server form has two rows too, so the form is no taller).
    row = new QHBoxLayout;
    outer->addLayout(row);
    m_clientFraming = new FramingBox(QStringLiteral("clientFraming"), page);
    row->addWidget(m_clientFraming);
    row->addStretch();
    QWidget::setTabOrder(m_clientTls->toggle(), m_connectButton);
    QWidget::setTabOrder(m_connectButton, m_clientFraming->focusChain().first());
    QWidget::setTabOrder(m_clientFraming->focusChain().first(),
                         m_clientFraming->focusChain().last());
    for (QWidget *prev = m_clientFraming->focusChain().last();
         QWidget *w : m_clientTls->focusChain()) {
        QWidget::setTabOrder(prev, w); // the TLS row, under the form
        prev = w;
    }

    m_clientStatus = new QLabel(page);
    m_clientStatus->setObjectName(QStringLiteral("clientStatus"));
    m_clientStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_clientError = new MessageLabel(page);
    m_clientError->setObjectName(QStringLiteral("clientError"));
    m_clientMessages = makeMessageSlot(m_clientStatus, m_clientError, page);
    outer->addWidget(m_clientTls);
    outer->addWidget(m_clientMessages);

    connect(m_connectButton, &QPushButton::clicked, this, [this] {
        if (isConnected() || isConnecting()) {
            disconnectFromServer();
        } else {
            connectToServer();
        }
    });
    connect(m_host, &QLineEdit::returnPressed, this, [this] {
        if (clientProtocol() == Tcp && !isConnected()) {
            connectToServer();
        }
    });
    auto changed = [this] {
        hideError(m_clientError);
        m_clientNote.clear();
        syncClientConfig();
        updateControls();
        Q_EMIT pythonCodeChanged();
    };
    m_clientPort->installEventFilter(this);
    connect(m_clientTls, &TlsClientBox::changed, this, changed);
    connect(m_clientFraming, &FramingBox::changed, this, changed);
    connect(m_clientProtocol, &QComboBox::currentIndexChanged, this, changed);
    connect(m_host, &QLineEdit::textChanged, this, changed);
    connect(m_clientPort, &QSpinBox::valueChanged, this, changed);
    return page;
}

QWidget *ChatPanel::buildConversation()
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *toolbar = new QHBoxLayout;
    auto *title = new QLabel(box);
    title->setObjectName(QStringLiteral("conversationTitle"));
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    toolbar->addWidget(title);
    m_showAs = new QComboBox(box);
    m_showAs->setObjectName(QStringLiteral("conversationShow"));
    m_showAs->addItem(QString(), QStringLiteral("messages"));
    m_showAs->addItem(QString(), QStringLiteral("reads"));
    m_showAs->addItem(QString(), QStringLiteral("sequence"));
    toolbar->addWidget(m_showAs);
    m_trimLabel = new QLabel(box);
    m_trimLabel->setObjectName(QStringLiteral("trimLabel"));
    m_trimLabel->setForegroundRole(QPalette::PlaceholderText);
    m_trimLabel->hide();
    toolbar->addWidget(m_trimLabel);
    toolbar->addStretch();
    m_saveButton = new QPushButton(box);
    m_saveButton->setObjectName(QStringLiteral("saveLogButton"));
    m_saveButton->setIcon(QIcon::fromTheme(QStringLiteral("document-save")));
    m_clearButton = new QPushButton(box);
    m_clearButton->setObjectName(QStringLiteral("clearLogButton"));
    m_clearButton->setIcon(QIcon::fromTheme(QStringLiteral("edit-clear")));
    toolbar->addWidget(m_saveButton);
    toolbar->addWidget(m_clearButton);
    layout->addLayout(toolbar);

    auto *views = new QStackedWidget(box);
    views->setObjectName(QStringLiteral("conversationViews"));
    m_view = new ConversationView(views);
    m_view->setConversation(conversation());
    views->addWidget(m_view);
    m_chunksView = new ChunksView(m_session, views);
    views->addWidget(m_chunksView);
    auto *sequence = new SequenceView(m_session->sequence(), views);
    sequence->setPathAsker([this](const QString &suggested) {
        return m_prompter->askExportDiagramPath(this, suggested);
    });
    views->addWidget(sequence);
    connect(m_showAs, &QComboBox::currentIndexChanged, views, &QStackedWidget::setCurrentIndex);
    layout->addWidget(views, 1);

    auto *inputRow = new QHBoxLayout;
    m_recipient = new QComboBox(box);
    m_recipient->setObjectName(QStringLiteral("recipient"));
    m_recipient->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_recipient->setMaxVisibleItems(20);
    inputRow->addWidget(m_recipient, 0, Qt::AlignTop);
    m_input = new MessageInput(box);
    inputRow->addWidget(m_input, 1);
    // How what is typed becomes bytes: text, a bytes literal's escapes, or hex.
    m_inputEncoding = new QComboBox(box);
    m_inputEncoding->setObjectName(QStringLiteral("inputEncoding"));
    for (InputEncoding e : {InputEncoding::Text, InputEncoding::Escapes, InputEncoding::Hex}) {
        m_inputEncoding->addItem(QString(), int(e));
    }
    m_inputEncoding->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    inputRow->addWidget(m_inputEncoding, 0, Qt::AlignTop);
    m_sendButton = new QPushButton(box);
    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    m_sendButton->setIcon(QIcon::fromTheme(QStringLiteral("mail-send")));
    inputRow->addWidget(m_sendButton, 0, Qt::AlignTop);
    // A TCP client's file, streamed; the same button cancels it, showing how far it got.
    m_sendFileButton = new QPushButton(box);
    m_sendFileButton->setObjectName(QStringLiteral("sendFileButton"));
    inputRow->addWidget(m_sendFileButton, 0, Qt::AlignTop);
    layout->addLayout(inputRow);
    // Under the input, in two lines kept for it: a refused message moves nothing, and a longer
    // one scrolls within them.
    m_sendError = new MessageLabel(box);
    m_sendError->setObjectName(QStringLiteral("sendError"));
    m_sendError->setFixedLines(2);
    layout->addWidget(m_sendError);

    connect(m_input, &MessageInput::submitted, this,
            [this](const QString &, const QByteArray &bytes) { sendBytes(bytes); });
    connect(m_input, &MessageInput::rejected, this, [this](const QString &why) {
        showError(m_sendError,
                  m_input->encoding() == InputEncoding::Hex
                      ? tr("Not sent: %1 (hex: two digits per byte, e.g. 48 65 6c).").arg(why)
                      : tr("Not sent: %1 (escapes as in Python's b'…': \\x00 \\r \\n \\t, "
                           "\\\\ for a backslash).")
                            .arg(why));
    });
    connect(m_inputEncoding, &QComboBox::currentIndexChanged, this, [this] {
        m_input->setEncoding(InputEncoding(m_inputEncoding->currentData().toInt()));
        hideError(m_sendError);
        updateInputHint();
    });
    connect(m_sendButton, &QPushButton::clicked, this, [this] {
        const QString text = m_input->toPlainText();
        if (!text.isEmpty()) {
            // Through the input so the text joins the history like Enter would.
            QKeyEvent enter(QEvent::KeyPress, Qt::Key_Return, Qt::NoModifier);
            QCoreApplication::sendEvent(m_input, &enter);
        }
        m_input->setFocus();
    });
    connect(m_input, &QPlainTextEdit::textChanged, this, [this] { hideError(m_sendError); });
    connect(m_sendFileButton, &QPushButton::clicked, this, [this] {
        if (m_session->fileSender()->isActive()) {
            m_session->cancelFile();
            return;
        }
        hideError(m_sendError);
        const QVariant recipient = m_recipient->isVisible() ? m_recipient->currentData()
                                                            : QVariant();
        if (const auto path = m_prompter->askSendFilePath(this)) {
            if (m_session->sendFile(*path, recipient.isValid() ? recipient.toULongLong() : 0)) {
                Q_EMIT pythonCodeChanged(); // it shows the file's code
            }
        }
    });
    connect(m_session, &ChatSession::fileProgress, this, [this] { updateSendFileButton(); });
    connect(m_saveButton, &QPushButton::clicked, this, &ChatPanel::saveLog);
    connect(m_clearButton, &QPushButton::clicked, this, &ChatPanel::clearLog);
    connect(conversation(), &ConversationModel::trimmedCountChanged, this, [this](qint64 n) {
        m_trimLabel->setVisible(n > 0);
        m_trimLabel->setText(tr("(last %1 entries kept)").arg(QLocale().toString(
            conversation()->limit())));
    });
    connect(conversation(), &QAbstractItemModel::rowsInserted, m_view,
            &ConversationView::followIfAtBottom);
    return box;
}

QWidget *ChatPanel::buildSidebar()
{
    auto *side = new QWidget(this);
    auto *layout = new QVBoxLayout(side);
    layout->setContentsMargins(0, 0, 0, 0);

    m_statsBox = new QGroupBox(side);
    m_statsBox->setObjectName(QStringLiteral("statsBox"));
    auto *grid = new QGridLayout(m_statsBox);
    m_clientsValue = makeValueLabel(QStringLiteral("statClients"), m_statsBox);
    m_msgsInValue = makeValueLabel(QStringLiteral("statMessagesIn"), m_statsBox);
    m_msgsOutValue = makeValueLabel(QStringLiteral("statMessagesOut"), m_statsBox);
    m_bytesInValue = makeValueLabel(QStringLiteral("statBytesIn"), m_statsBox);
    m_bytesOutValue = makeValueLabel(QStringLiteral("statBytesOut"), m_statsBox);
    const char *names[] = {"statClientsLabel", "statInLabel", "statOutLabel",
                           "statMessagesLabel", "statBytesLabel"};
    QLabel *labels[5];
    for (int i = 0; i < 5; ++i) {
        labels[i] = new QLabel(m_statsBox);
        labels[i]->setObjectName(QString::fromLatin1(names[i]));
    }
    labels[1]->setAlignment(Qt::AlignRight);
    labels[2]->setAlignment(Qt::AlignRight);
    // "Clients N" shares the row of the in/out headings: one row less keeps the window 600 px.
    auto *clientsCell = new QHBoxLayout;
    // Its own spacing: the grid's differs across and down, so a nested layout inherited none
    // ("Clients0").
    clientsCell->setSpacing(fontMetrics().averageCharWidth());
    clientsCell->addWidget(labels[0]);
    clientsCell->addWidget(m_clientsValue);
    clientsCell->addStretch();
    m_clientsValue->setMinimumWidth(0);
    m_clientsValue->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    grid->addLayout(clientsCell, 1, 0);
    grid->addWidget(labels[1], 1, 1);
    grid->addWidget(labels[2], 1, 2);
    grid->addWidget(labels[3], 2, 0);
    grid->addWidget(m_msgsInValue, 2, 1);
    grid->addWidget(m_msgsOutValue, 2, 2);
    grid->addWidget(labels[4], 3, 0);
    grid->addWidget(m_bytesInValue, 3, 1);
    grid->addWidget(m_bytesOutValue, 3, 2);
    m_graph = new StatsGraph(m_statsBox);
    m_graph->setHistory(&m_session->statsHistory());
    grid->addWidget(m_graph, 4, 0, 1, 3);
    grid->setColumnStretch(0, 1);
    // Tight rows: the side column (traffic over clients) is what sets the Chat tab's minimum
    // height, and the window must fit 800x600 with the code pane (tst_layout).
    grid->setVerticalSpacing(2);
    layout->addWidget(m_statsBox);

    m_clientsBox = new QGroupBox(side);
    m_clientsBox->setObjectName(QStringLiteral("clientsBox"));
    auto *clientsLayout = new QVBoxLayout(m_clientsBox);
    m_clientsView = new QTableView(m_clientsBox);
    // A header and two rows at least; QAbstractScrollArea's default (70 px) made the window
    // taller than 600 px.
    m_clientsView->setMinimumHeight(fontMetrics().height() * 4);
    m_clientsView->setObjectName(QStringLiteral("clientsView"));
    m_clientsView->setModel(clients());
    m_clientsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_clientsView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_clientsView->setShowGrid(false);
    m_clientsView->setTabKeyNavigation(false); // Tab leaves the table: no keyboard trap
    m_clientsView->setWordWrap(false);
    m_clientsView->verticalHeader()->hide();
    m_clientsView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_clientsView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    // The address takes what the other columns leave, so the table never scrolls sideways; the
    // columns that are not always needed (since, thread) are shown from the header's menu.
    QHeaderView *header = m_clientsView->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(false);
    header->setMinimumSectionSize(fontMetrics().horizontalAdvance(QStringLiteral("00")) + 8);
    m_clientsView->setColumnWidth(ClientsModel::NicknameColumn,
                                  fontMetrics().horizontalAdvance(QLatin1Char('0')) * 9);
    // A long address loses its middle, not the port.
    m_clientsView->setTextElideMode(Qt::ElideMiddle);
    fitClientColumns();
    header->setSectionResizeMode(ClientsModel::AddressColumn, QHeaderView::Stretch);
    // Shown, hidden or widened columns: the table asks for the width they and the address need.
    connect(header, &QHeaderView::sectionResized, this, [this](int column) {
        if (column != ClientsModel::AddressColumn) {
            fitClientsWidth();
        }
    });
    m_clientsView->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_clientsView->setColumnHidden(ClientsModel::SinceColumn, true);
    m_clientsView->setColumnHidden(ClientsModel::ThreadColumn, true);
    m_clientsView->setColumnHidden(ClientsModel::NicknameColumn,
                                   serverMode() != QLatin1String("room"));
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu(this);
        for (int c = 0; c < ClientsModel::ColumnCount; ++c) {
            if (c == ClientsModel::AddressColumn) {
                continue;
            }
            QAction *a = menu.addAction(clients()->headerData(c, Qt::Horizontal).toString());
            a->setCheckable(true);
            a->setChecked(!m_clientsView->isColumnHidden(c));
            connect(a, &QAction::toggled, this,
                    [this, c](bool on) { m_clientsView->setColumnHidden(c, !on); });
        }
        menu.exec(m_clientsView->horizontalHeader()->mapToGlobal(pos));
    });
    clientsLayout->addWidget(m_clientsView, 1);
    auto *kickRow = new QHBoxLayout;
    kickRow->addStretch();
    m_kickButton = new QPushButton(m_clientsBox);
    m_kickButton->setObjectName(QStringLiteral("kickButton"));
    m_kickButton->setEnabled(false);
    kickRow->addWidget(m_kickButton);
    clientsLayout->addLayout(kickRow);
    layout->addWidget(m_clientsBox, 1);
    // As a client (no clients table) the traffic box keeps its natural height.
    layout->addStretch(0);

    connect(m_kickButton, &QPushButton::clicked, this, &ChatPanel::kickSelectedClients);
    connect(m_clientsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_kickButton->setEnabled(m_clientsView->selectionModel()->hasSelection()); });
    auto countChanged = [this] {
        updateTabTitle();
        updateRecipients();
    };
    connect(clients(), &QAbstractItemModel::rowsInserted, this, countChanged);
    connect(clients(), &QAbstractItemModel::rowsRemoved, this, countChanged);
    connect(clients(), &QAbstractItemModel::modelReset, this, countChanged);
    // Only the changed rows' counts are compared (no text measured): the Messages column grows
    // by a digit when a count outgrows it.
    connect(clients(), &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                qint64 most = 0;
                for (int r = topLeft.row(); r <= bottomRight.row(); ++r) {
                    most = std::max(most, clients()->clientAt(r).messages);
                }
                if (most > m_messagesFitFor) {
                    while (m_messagesFitFor < most && m_messagesFitFor < std::numeric_limits<qint64>::max() / 10) {
                        m_messagesFitFor = m_messagesFitFor * 10 + 9;
                    }
                    fitClientColumns();
                }
            });
    return side;
}

bool ChatPanel::eventFilter(QObject *watched, QEvent *event)
{
    // Server/Client is one choice of two, like a pair of radio buttons: every arrow key moves
    // to the other and chooses it (Qt's own handling knew only Up and Down, the buttons being
    // stacked). A disabled one (Client while serving) is not chosen.
    if (event->type() == QEvent::KeyPress
        && (watched == m_serverRoleButton || watched == m_clientRoleButton)) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        QPushButton *target = nullptr;
        if (key == Qt::Key_Up || key == Qt::Key_Left) {
            target = m_serverRoleButton;
        } else if (key == Qt::Key_Down || key == Qt::Key_Right) {
            target = m_clientRoleButton;
        }
        if (target) {
            if (target->isEnabled() && !target->isChecked()) {
                target->setChecked(true);
                target->setFocus(Qt::TabFocusReason);
            }
            return true;
        }
    }
    // Enter in a Port field does what the row's button does, as Enter in Host already did.
    if (event->type() == QEvent::KeyPress && (watched == m_serverPort || watched == m_clientPort)) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            auto *spin = static_cast<QSpinBox *>(watched);
            spin->interpretText(); // the digits typed, not the value before them
            if (spin == m_serverPort && !isServing()) {
                startServer();
            } else if (spin == m_clientPort && clientProtocol() == Tcp && !isConnected()
                       && !isConnecting()) {
                connectToServer();
            }
            return true;
        }
    }
    return Panel::eventFilter(watched, event);
}

void ChatPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    Panel::changeEvent(event);
}

void ChatPanel::fitClientColumns()
{
    // Never ResizeToContents: it measures every row (a stall with 10,000 clients).
    QHeaderView *header = m_clientsView->horizontalHeader();
    const QFontMetrics fm = m_clientsView->fontMetrics();
    // QStyledItemDelegate's text margin on each side.
    const int margins = 2
        * (m_clientsView->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr,
                                               m_clientsView)
           + 1);
    for (const int column : {ClientsModel::SinceColumn, ClientsModel::BytesInColumn,
                             ClientsModel::BytesOutColumn, ClientsModel::MessagesColumn,
                             ClientsModel::ThreadColumn}) {
        int width = header->sectionSizeHint(column);
        for (const QString &text : ClientsModel::widestTexts(column, m_messagesFitFor)) {
            width = std::max(width, fm.horizontalAdvance(text) + margins);
        }
        m_clientsView->setColumnWidth(column, width);
    }
    fitClientsWidth();
}

void ChatPanel::fitClientsWidth()
{
    // The address column stretches into what the others leave; without a minimum it was
    // squeezed below its own header at 800x600 ("Direcci…" in Spanish) and cut every address.
    QHeaderView *header = m_clientsView->horizontalHeader();
    const QFontMetrics fm = m_clientsView->fontMetrics();
    const int margins = 2
        * (m_clientsView->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr,
                                               m_clientsView)
           + 1);
    int width = std::max(header->sectionSizeHint(ClientsModel::AddressColumn),
                         fm.horizontalAdvance(QStringLiteral("127.0.0.1:00000")) + margins);
    for (int column = 0; column < ClientsModel::ColumnCount; ++column) {
        if (column != ClientsModel::AddressColumn && !m_clientsView->isColumnHidden(column)) {
            width += header->sectionSize(column);
        }
    }
    // Room for a vertical scroll bar, so the first rows past the height squeeze nothing.
    width += 2 * m_clientsView->frameWidth()
        + m_clientsView->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr,
                                              m_clientsView);
    m_clientsView->setMinimumWidth(width);
}

void ChatPanel::retranslateRulesButton()
{
    // Open even while the server runs: the rules can be read then (not changed).
    m_rulesButton->setText(tr("R&ules (%n)…", nullptr, int(m_rulesEditor->rules().size())));
    m_rulesButton->setToolTip(tr("The rules and the default reply of the rules mode"));
}

void ChatPanel::retranslate()
{
    clients()->retranslate();
    fitClientColumns();
    m_serverRoleButton->setText(tr("Server"));
    m_serverRoleButton->setToolTip(tr("Listen for connections or datagrams"));
    m_clientRoleButton->setText(tr("Client"));
    m_clientRoleButton->setToolTip(tr("Connect to a server, or send datagrams"));
    m_serverProtocol->setToolTip(tr("TCP: connections and streams; UDP: single datagrams"));
    m_clientProtocol->setToolTip(m_serverProtocol->toolTip());
    m_serverProtocol->setAccessibleName(tr("Server protocol"));
    m_clientProtocol->setAccessibleName(tr("Client protocol"));

    m_modeLabel->setText(tr("&Mode:"));
    const QString modeNames[] = {tr("greet"), tr("echo"), tr("chat"), tr("room"), tr("rules")};
    const QString modeTips[] = {
        tr("Reads one message, replies with the greeting and closes (the course's first server)"),
        tr("Sends back everything a client sends until it says bye (the threaded server)"),
        tr("1:1 chat: what you type goes to the chosen client, or all"),
        tr("Broadcast room: each line goes to everyone else; /nick NAME sets a nickname"),
        tr("Reply rules: each line gets the reply of the first rule whose pattern matches it")};
    for (int i = 0; i < 5; ++i) {
        m_mode->setItemText(i, modeNames[i]);
        m_mode->setItemData(i, modeTips[i], Qt::ToolTipRole);
    }
    m_udpEcho->setText(tr("Echo back"));
    m_udpEcho->setToolTip(tr("Send every datagram back to its sender"));
    findChild<QLabel *>(QStringLiteral("bindLabel"))->setText(tr("&Bind:"));
    m_bind->setItemText(0, tr("This computer (127.0.0.1)"));
    m_bind->setItemText(1, tr("LAN: all IPv4 interfaces (0.0.0.0)"));
    m_bind->setItemText(2, tr("LAN: IPv4 and IPv6, dual-stack (::)"));
    m_bind->setToolTip(tr("Where the server accepts connections from. Only choose LAN if other "
                          "computers must reach it: anyone on your network can then connect."));
    findChild<QLabel *>(QStringLiteral("serverPortLabel"))->setText(tr("&Port:"));
    m_serverPort->setSpecialValueText(tr("auto"));
    m_serverPort->setToolTip(tr("0 (auto) lets the system pick a free port"));
    m_threadsLabel->setText(tr("&Threads:"));
    m_threads->setToolTip(tr("Worker threads that serve the clients"));
    m_greetingLabel->setText(tr("&Greeting:"));
    retranslateRulesButton();
    m_rulesDialog->setWindowTitle(tr("Reply Rules"));
    m_greeting->setPlaceholderText(QStringLiteral("Un saludo crack!"));

    findChild<QLabel *>(QStringLiteral("hostLabel"))->setText(tr("&Host:"));
    m_host->setPlaceholderText(tr("127.0.0.1 or a host name"));
    findChild<QLabel *>(QStringLiteral("clientPortLabel"))->setText(tr("P&ort:"));

    findChild<QLabel *>(QStringLiteral("conversationTitle"))->setText(tr("Conversation"));
    m_showAs->setItemText(0, tr("Messages"));
    m_showAs->setItemText(1, tr("Reads (recv)"));
    m_showAs->setItemText(2, tr("Sequence"));
    m_showAs->setToolTip(tr("Show the conversation as messages, as the reads that received "
                            "it (one row per recv()), or as a sequence diagram of a "
                            "connection's socket calls"));
    m_showAs->setAccessibleName(tr("Show"));
    m_saveButton->setText(tr("Save Log…"));
    m_saveButton->setToolTip(tr("Save the conversation to a text file"));
    m_clearButton->setText(tr("Clear"));
    m_clearButton->setToolTip(tr("Clear the conversation"));
    m_sendButton->setText(tr("Send"));
    m_sendFileButton->setToolTip(tr("Send a file's bytes to the server, or to the client "
                                    "chosen, framed as the framing says (read a piece at a "
                                    "time: any size)"));
    // As wide as its widest text, so that the progress moves nothing.
    int widest = 0;
    for (const QString &text : {tr("Send File…"), tr("Cancel (%1%)").arg(100)}) {
        m_sendFileButton->setText(text);
        widest = std::max(widest, m_sendFileButton->sizeHint().width());
    }
    m_sendFileButton->setMinimumWidth(widest);
    m_sendFileButton->setText(QString());
    updateSendFileButton();
    m_recipient->setToolTip(tr("Who receives what you type"));
    m_recipient->setAccessibleName(tr("Recipient"));
    m_input->setAccessibleName(tr("Message"));
    m_inputEncoding->setItemText(0, tr("Text"));
    m_inputEncoding->setItemText(1, tr("b'…'"));
    m_inputEncoding->setItemText(2, tr("Hex"));
    m_inputEncoding->setItemData(0, tr("What you type is sent as UTF-8 text"), Qt::ToolTipRole);
    m_inputEncoding->setItemData(1, tr("Escapes as in Python's bytes literals: \\x00 \\r \\n "
                                       "\\t \\\\ \\xff (other characters as UTF-8)"),
                                 Qt::ToolTipRole);
    m_inputEncoding->setItemData(2, tr("Hexadecimal bytes, as bytes.fromhex() reads them: 48 65 6c"),
                                 Qt::ToolTipRole);
    m_inputEncoding->setToolTip(tr("How what you type becomes the bytes sent"));
    m_inputEncoding->setAccessibleName(tr("Input as"));
    m_view->setToolTip(QString());
    m_view->setAccessibleName(tr("Conversation"));

    m_statsBox->setTitle(tr("Traffic"));
    findChild<QLabel *>(QStringLiteral("statClientsLabel"))->setText(tr("Clients"));
    findChild<QLabel *>(QStringLiteral("statInLabel"))->setText(tr("in"));
    findChild<QLabel *>(QStringLiteral("statOutLabel"))->setText(tr("out"));
    findChild<QLabel *>(QStringLiteral("statMessagesLabel"))->setText(tr("Messages/s"));
    findChild<QLabel *>(QStringLiteral("statBytesLabel"))->setText(tr("Bytes/s"));
    m_clientsView->setAccessibleName(tr("Connected clients"));
    m_kickButton->setText(tr("Kick"));
    m_kickButton->setToolTip(tr("Disconnect the selected clients"));
    updateTabTitle();
    updateControls();
}

// --- state ----------------------------------------------------------------------------------

ChatPanel::Role ChatPanel::role() const
{
    return m_clientRoleButton->isChecked() ? ClientRole : ServerRole;
}

void ChatPanel::setRole(Role role)
{
    (role == ServerRole ? m_serverRoleButton : m_clientRoleButton)->setChecked(true);
}

ChatPanel::Protocol ChatPanel::serverProtocol() const
{
    return Protocol(m_serverProtocol->currentData().toInt());
}

ChatPanel::Protocol ChatPanel::clientProtocol() const
{
    return Protocol(m_clientProtocol->currentData().toInt());
}

QString ChatPanel::serverMode() const
{
    return m_mode->currentData().toString();
}

QString ChatPanel::bindAddress() const
{
    return m_bind->currentData().toString();
}

void ChatPanel::showError(MessageLabel *where, const QString &text)
{
    if (auto *slot = qobject_cast<QStackedWidget *>(where->parentWidget())) {
        // A stack lays out its current page only: the error takes the slot's width before its
        // text is measured (at QWidget's default 100 px it asked for ten lines).
        where->setGeometry(slot->contentsRect());
        slot->setCurrentWidget(where);
    }
    where->showError(text);
}

void ChatPanel::hideError(MessageLabel *where)
{
    if (!where->isEmpty()) {
        where->clear();
    }
    if (auto *slot = qobject_cast<QStackedWidget *>(where->parentWidget())) {
        slot->setCurrentIndex(0);
        where->hide(); // clear() shows a label that keeps its space; here the status has it
    }
}

void ChatPanel::updateTabTitle()
{
    const int count = clients()->rowCount();
    if (count == m_lastClientCount) {
        return;
    }
    m_lastClientCount = count;
    m_clientsBox->setTitle(tr("Clients (%1)").arg(QLocale().toString(count)));
    m_clientsValue->setText(QLocale().toString(count));
    // The tab belongs to the window; the panel only adds its live client count to the title.
    QWidget *stack = parentWidget();
    auto *tabs = stack ? qobject_cast<QTabWidget *>(stack->parentWidget()) : nullptr;
    if (!tabs) {
        return;
    }
    const int index = tabs->indexOf(this);
    if (index >= 0) {
        tabs->setTabText(index, count > 0 ? tr("Chat (%1)").arg(QLocale().toString(count))
                                          : tr("Chat"));
    }
}

void ChatPanel::updateRecipients()
{
    // Rebuilt on joins and leaves only (batched), never on traffic.
    const QVariant current = m_recipient->currentData();
    QSignalBlocker blocker(m_recipient);
    m_recipient->clear();
    m_recipient->addItem(tr("All clients"), QVariant());
    constexpr int MaxListed = 200; // beyond that, select clients in the list
    const int rows = clients()->rowCount();
    for (int r = 0; r < qMin(rows, MaxListed); ++r) {
        const ClientsModel::Client &c = clients()->clientAt(r);
        const QString label = c.nickname.isEmpty()
            ? c.address
            : QStringLiteral("%1 (%2)").arg(c.nickname, c.address);
        m_recipient->addItem(label, c.id);
    }
    const int index = current.isValid() ? m_recipient->findData(current) : 0;
    m_recipient->setCurrentIndex(qMax(0, index));
    updateSendFileButton();
}

void ChatPanel::updateControls()
{
    const bool server = role() == ServerRole;
    const bool serving = isServing();
    const bool connected = isConnected();
    const bool tcpServer = serverProtocol() == Tcp;
    const bool tcpClient = clientProtocol() == Tcp;

    m_mode->setVisible(tcpServer);
    m_modeLabel->setVisible(tcpServer);
    m_threads->setVisible(tcpServer);
    m_threadsLabel->setVisible(tcpServer);
    m_udpEcho->setVisible(!tcpServer);
    const bool greet = tcpServer && serverMode() == QLatin1String("greet");
    m_greeting->setVisible(greet);
    m_greetingLabel->setVisible(greet);
    m_rulesButton->setVisible(tcpServer && serverMode() == QLatin1String("rules"));
    // TLS is TCP's (UDP would need DTLS); the fingerprint shows while a TLS server listens.
    m_serverTls->toggle()->setHidden(!tcpServer);
    m_serverTls->setLocked(serving);
    m_serverTls->setFingerprint(serving && m_session->serverIdentity()
                                    ? m_session->serverIdentity()->fingerprint()
                                    : QString());
    m_serverTls->updateVisibility();
    // Framing is TCP's: a datagram is a message by itself.
    m_serverFraming->setVisible(tcpServer);
    m_serverFraming->setLocked(serving);
    m_rulesEditor->setEnabled(!serving);
    for (QWidget *w : {static_cast<QWidget *>(m_serverProtocol), static_cast<QWidget *>(m_mode),
                       static_cast<QWidget *>(m_bind), static_cast<QWidget *>(m_serverPort),
                       static_cast<QWidget *>(m_threads), static_cast<QWidget *>(m_greeting),
                       static_cast<QWidget *>(m_udpEcho)}) {
        w->setEnabled(!serving);
    }
    m_startButton->setText(serving ? tr("Stop") : tr("Start"));
    m_startButton->setIcon(QIcon::fromTheme(serving ? QStringLiteral("media-playback-stop")
                                                    : QStringLiteral("media-playback-start")));

    const bool connecting = isConnecting();
    m_connectButton->setVisible(tcpClient);
    m_connectButton->setText(connected ? tr("Disconnect") : connecting ? tr("Cancel")
                                                                       : tr("Connect"));
    for (QWidget *w : {static_cast<QWidget *>(m_clientProtocol), static_cast<QWidget *>(m_host),
                       static_cast<QWidget *>(m_clientPort)}) {
        w->setEnabled(!connected && !connecting);
    }
    m_clientTls->toggle()->setHidden(!tcpClient);
    m_clientTls->setLocked(connected || connecting);
    m_clientTls->updateVisibility();
    m_clientFraming->setVisible(tcpClient);
    m_clientFraming->setLocked(connected || connecting);
    m_serverRoleButton->setEnabled(!connected && !connecting);
    m_clientRoleButton->setEnabled(!serving);

    // Status lines
    if (!serving) {
        m_serverStatus->setText(tr("Stopped. Choose a mode and a port (0 = automatic), then "
                                   "Start."));
    }
    if (connecting) {
        m_clientStatus->setText(tr("Connecting to %1:%2…")
                                    .arg(m_host->text().trimmed())
                                    .arg(m_clientPort->value()));
    } else if (connected) {
        m_clientStatus->setText(tr("Connected to %1. Type below: Enter sends, bye ends the "
                                   "session.")
                                    .arg(m_session->peer()));
    } else {
        m_clientStatus->setText(tcpClient ? (m_clientNote.isEmpty() ? tr("Not connected.")
                                                                    : m_clientNote)
                                          : tr("UDP: each message you send is one datagram "
                                               "to %1:%2.")
                                                .arg(m_host->text())
                                                .arg(m_clientPort->value()));
    }
    m_recipient->setVisible(m_session->canChooseRecipient());
    m_clientsBox->setVisible(server && tcpServer);
    // A client has no clients: no "Clients 0" line.
    m_clientsValue->setVisible(server);
    findChild<QLabel *>(QStringLiteral("statClientsLabel"))->setVisible(server);
    m_kickButton->setEnabled(serving && m_clientsView->selectionModel()->hasSelection());
    updateInputHint();
}

void ChatPanel::updateInputHint()
{
    using Hint = ChatSession::InputHint;
    const Hint hint = m_session->inputHint();
    QString text;
    switch (hint) {
    case Hint::Ready:
        switch (m_input->encoding()) {
        case InputEncoding::Text:
            text = tr("Type a message: Enter sends, Shift+Enter adds a line, Up/Down recall "
                      "earlier ones; bye ends the session");
            break;
        case InputEncoding::Escapes:
            text = tr("Type bytes as in Python's b'…': \\x00 \\r\\n \\t \\xff; Enter sends");
            break;
        case InputEncoding::Hex:
            text = tr("Type bytes in hex, e.g. 48 65 6c 6c 6f; Enter sends");
            break;
        }
        break;
    case Hint::StartServer:
        text = tr("Start the server to talk to its clients");
        break;
    case Hint::ServerAnswers:
        text = tr("In %1 mode the server answers on its own").arg(m_mode->currentText());
        break;
    case Hint::UdpServerReceives:
        text = tr("A UDP server only receives");
        break;
    case Hint::ConnectFirst:
        text = tr("Connect to a server first");
        break;
    case Hint::Connecting:
        text = tr("Connecting…");
        break;
    case Hint::EnterHost:
        text = tr("Enter a host to send datagrams to");
        break;
    case Hint::SendingFile:
        text = tr("Sending a file: wait for it, or Cancel");
        break;
    }
    updateSendFileButton();
    const bool canSend = hint == Hint::Ready;
    m_input->setEnabled(canSend);
    m_sendButton->setEnabled(canSend);
    m_input->setHint(text);
    if (canSend && m_focusInputWhenReady) {
        m_focusInputWhenReady = false;
        m_input->setFocus();
    }
}

void ChatPanel::onStateChanged()
{
    if (isConnected()) {
        hideError(m_clientError);
        // Focused once updateControls() has enabled it: setFocus() on the still disabled input
        // did nothing, so typing after Connect (or --connect) went nowhere.
        m_focusInputWhenReady = true;
    }
    updateControls();
    updateStats();
}

// --- actions (through the session) ----------------------------------------------------------

QString ChatPanel::errorText(const ChatSession::Error &error) const
{
    using Code = ChatSession::ErrorCode;
    using stdlab::net::NetError;
    switch (error.code) {
    case Code::None:
        return {};
    case Code::ListenFailed: {
        // The engine's message says what went wrong, naming the port; the panel adds what to do.
        QString advice;
        switch (error.netError) {
        case NetError::AddressInUse:
            advice = tr("choose another port, or 0 for an automatic one (another server, or "
                        "another StdLab window, is listening there).");
            break;
        case NetError::AccessDenied:
            advice = tr("choose a port from 1024 up, or 0 for an automatic one.");
            break;
        case NetError::AddressNotAvailable:
            advice = tr("choose \"This computer (127.0.0.1)\" under Bind.");
            break;
        default:
            break;
        }
        return withAdvice(error.text, advice);
    }
    case Code::HostMissing:
        return tr("Enter the server's host, e.g. 127.0.0.1.");
    case Code::ConnectFailed: {
        QString advice;
        switch (error.netError) {
        case NetError::ConnectionRefused:
            advice = tr("start a server there first (the Server role of another window, or "
                        "nc -l %1), or check the host and the port.")
                         .arg(error.port);
            break;
        case NetError::HostNotFound:
            advice = tr("check its spelling, or use an address such as 127.0.0.1.");
            break;
        case NetError::ConnectTimeout:
            advice = tr("check the host and the port, and that no firewall drops the "
                        "connection.");
            break;
        default:
            break;
        }
        return withAdvice(error.text, advice);
    }
    case Code::NotServingTcp:
        return tr("Start a TCP server in chat or room mode to send.");
    case Code::NoClients:
        return tr("No client is connected yet: connect one (another window, or nc 127.0.0.1 "
                  "%1), then send.")
            .arg(error.port);
    case Code::RecipientGone:
        return tr("That client has left; choose another recipient.");
    case Code::NotConnected:
        return tr("Not connected: connect to a server first.");
    case Code::DatagramTooLarge:
        return tr("A UDP datagram holds at most %1 bytes; this message has %2. Send a shorter "
                  "one, or use TCP.")
            .arg(QLocale().toString(ChatSession::kMaxDatagram), QLocale().toString(error.size));
    case Code::DatagramNotSent:
        return tr("Could not send the datagram to %1:%2: check the host and the port.")
            .arg(m_host->text().trimmed())
            .arg(error.port);
    case Code::EngineError:
        return error.text;
    case Code::InvalidRules:
        // Python's own words, as re.compile() or Match.expand() would raise them.
        return tr("Fix the rules first: %1").arg(error.text);
    case Code::FileNotSent:
        return tr("Not sent: %1").arg(error.text);
    }
    return error.text;
}

void ChatPanel::onError(const ChatSession::Error &error)
{
    using Code = ChatSession::ErrorCode;
    // Shown where the user acted: the server form, the Connect row, or under the input.
    MessageLabel *where = m_sendError;
    switch (error.code) {
    case Code::None:
        return;
    case Code::ListenFailed:
    case Code::InvalidRules:
        where = m_serverError;
        break;
    case Code::HostMissing:
        m_host->setFocus();
        where = m_clientError;
        break;
    case Code::ConnectFailed:
        where = m_clientError;
        break;
    default:
        break;
    }
    showError(where, errorText(error));
    updateControls();
}

void ChatPanel::startServer()
{
    hideError(m_serverError);
    if (isServing()) {
        return;
    }
    syncServerConfig();
    if (!m_session->startServer()) {
        return;
    }
    const quint16 actual = serverPort();
    const QString reach = bindAddress() == QLatin1String("::") ? QStringLiteral("::1")
                                                              : QStringLiteral("127.0.0.1");
    const QString nc = serverProtocol() == Tcp
        ? QStringLiteral("nc %1 %2").arg(reach).arg(actual)
        : QStringLiteral("nc -u %1 %2").arg(reach).arg(actual);
    const QString details = serverProtocol() == Tcp
        ? tr("%1 mode, %n worker thread(s)", nullptr, m_threads->value()).arg(m_mode->currentText())
        : (m_udpEcho->isChecked() ? tr("UDP, echoing every datagram") : tr("UDP"));
    // Bound to every address, the session's address reads 0.0.0.0 (QHostAddress::Any): say
    // what the socket does, as `stdlab serve --bind any` does.
    const QString where = bindAddress() == QLatin1String("::")
        ? tr("every IPv4 and IPv6 address (dual-stack), port %1").arg(actual)
        : m_session->peer();
    updateControls();
    m_serverStatus->setText(tr("Listening on %1 (%2). Connect from another window, or from a "
                               "terminal: %3")
                                .arg(where, details, nc));
    Q_EMIT pythonCodeChanged();
}

void ChatPanel::stopServer()
{
    if (!isServing()) {
        return;
    }
    m_focusInputWhenReady = false;
    m_session->stopServer();
    updateControls();
    updateStats();
    Q_EMIT pythonCodeChanged();
}

void ChatPanel::connectToServer()
{
    hideError(m_clientError);
    syncClientConfig();
    m_clientNote.clear();
    if (const QString problem = m_clientTls->problem(); !problem.isEmpty()) {
        showError(m_clientError, problem);
        return;
    }
    m_session->connectToServer();
    updateControls();
}

void ChatPanel::disconnectFromServer()
{
    m_session->disconnectFromServer();
    updateControls();
}

void ChatPanel::sendText(const QString &text)
{
    if (!text.isEmpty()) {
        sendBytes(text.toUtf8());
    }
}

void ChatPanel::sendBytes(const QByteArray &bytes)
{
    hideError(m_sendError);
    const QVariant recipient = m_recipient->isVisible() ? m_recipient->currentData() : QVariant();
    if (m_session->sendMessage(bytes, recipient.isValid() ? recipient.toULongLong() : 0)) {
        Q_EMIT pythonCodeChanged(); // it shows the bytes sent
    }
}

void ChatPanel::updateSendFileButton()
{
    const stdlab::chat::FileSender *sender = m_session->fileSender();
    // A TCP client, or a chat server's operator toward the client chosen.
    const bool shown = role() == ClientRole ? clientProtocol() == Tcp
                                            : serverProtocol() == Tcp
            && serverMode() == QLatin1String("chat");
    m_sendFileButton->setVisible(shown);
    QString text;
    if (sender->isActive()) {
        const int percent = sender->total() > 0 ? int(sender->sent() * 100 / sender->total()) : 0;
        text = tr("Cancel (%1%)").arg(percent);
        m_sendFileButton->setEnabled(true);
    } else {
        text = tr("Send File…");
        m_sendFileButton->setEnabled(shown && m_session->canSendFile());
    }
    // Progress comes per chunk: the text changes once per percent.
    if (m_sendFileButton->text() != text) {
        m_sendFileButton->setText(text);
    }
}

void ChatPanel::kickSelectedClients()
{
    QList<quint64> ids;
    for (const QModelIndex &index : m_clientsView->selectionModel()->selectedRows()) {
        ids.append(clients()->idAt(index.row()));
    }
    m_session->kick(ids);
}

void ChatPanel::updateStats()
{
    const StatsHistory &history = m_session->statsHistory();
    if (history.isEmpty()) {
        for (QLabel *l : {m_msgsInValue, m_msgsOutValue}) {
            l->setText(QStringLiteral("0"));
        }
        for (QLabel *l : {m_bytesInValue, m_bytesOutValue}) {
            l->setText(bytesRateText(0));
        }
        m_graph->update();
        return;
    }
    const StatsHistory::Sample &s = history.last();
    m_msgsInValue->setText(rateText(s.rate[StatsHistory::MessagesIn]));
    m_msgsOutValue->setText(rateText(s.rate[StatsHistory::MessagesOut]));
    m_bytesInValue->setText(bytesRateText(s.rate[StatsHistory::BytesIn]));
    m_bytesOutValue->setText(bytesRateText(s.rate[StatsHistory::BytesOut]));
    m_graph->update();
}

QString ChatPanel::pythonCode() const
{
    return m_session->pythonCode();
}

QByteArray ChatPanel::greeting() const
{
    // The greeting is one line, as in the course ("Un saludo crack!\n").
    const QString text = m_greeting->text().isEmpty() ? m_greeting->placeholderText()
                                                      : m_greeting->text();
    return text.toUtf8() + '\n';
}

void ChatPanel::syncServerConfig()
{
    stdlab::chat::ServerConfig config;
    config.protocol = serverProtocol() == Tcp ? stdlab::chat::Protocol::Tcp
                                              : stdlab::chat::Protocol::Udp;
    config.mode = stdlab::net::parseServerMode(serverMode()).value_or(stdlab::net::ServerMode::Chat);
    // "::" is the dual-stack choice: QHostAddress("::") alone would listen on IPv6 only
    // (Qt sets IPV6_V6ONLY), unlike the item's words and Python's "::" (V6ONLY off).
    config.address = bindAddress() == QLatin1String("::") ? QHostAddress(QHostAddress::Any)
                                                          : QHostAddress(bindAddress());
    config.port = quint16(m_serverPort->value());
    config.threads = m_threads->value();
    config.greeting = greeting();
    config.udpEcho = m_udpEcho->isChecked();
    config.rules = m_rulesEditor->rules();
    config.defaultReply = m_rulesEditor->defaultReply();
    config.tls = m_serverTls->isOn() && serverProtocol() == Tcp;
    config.tlsCertFile = m_serverTls->certificateFile();
    config.tlsKeyFile = m_serverTls->keyFile();
    config.framing = m_serverFraming->framing();
    m_session->setServerConfig(config);
}

void ChatPanel::syncClientConfig()
{
    stdlab::chat::ClientConfig config;
    config.protocol = clientProtocol() == Tcp ? stdlab::chat::Protocol::Tcp
                                              : stdlab::chat::Protocol::Udp;
    config.host = m_host->text().trimmed();
    config.port = quint16(m_clientPort->value());
    config.tls = m_clientTls->options();
    config.tls.enabled = config.tls.enabled && clientProtocol() == Tcp;
    config.framing = m_clientFraming->framing();
    m_session->setClientConfig(config);
}

// --- log ------------------------------------------------------------------------------------

void ChatPanel::saveLog()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const auto path = m_prompter->askSaveLogPath(
        this, dir + QLatin1Char('/')
                  + QStringLiteral("chat-%1.log").arg(QDateTime::currentDateTime().toString(
                      QStringLiteral("yyyyMMdd-HHmmss"))));
    if (!path) {
        return;
    }
    QSaveFile file(*path);
    if (!file.open(QIODevice::WriteOnly) || !conversation()->save(&file) || !file.commit()) {
        conversation()->appendSystem(
            tr("Could not save the log to %1: %2").arg(*path, file.errorString()), {}, true);
        return;
    }
    conversation()->appendSystem(tr("Log saved to %1").arg(*path));
}

void ChatPanel::clearLog()
{
    conversation()->clear();
    m_session->chunks()->clear();
    m_session->sequence()->clear();
    m_trimLabel->hide();
}

// --- settings and presets -------------------------------------------------------------------

void ChatPanel::saveSettings(QSettings &settings) const
{
    settings.setValue(QStringLiteral("role"), role() == ServerRole ? QStringLiteral("server")
                                                                   : QStringLiteral("client"));
    settings.setValue(QStringLiteral("serverProtocol"),
                      serverProtocol() == Tcp ? QStringLiteral("tcp") : QStringLiteral("udp"));
    settings.setValue(QStringLiteral("mode"), serverMode());
    settings.setValue(QStringLiteral("bind"), bindAddress());
    settings.setValue(QStringLiteral("serverPort"), m_serverPort->value());
    settings.setValue(QStringLiteral("threads"), m_threads->value());
    settings.setValue(QStringLiteral("greeting"), m_greeting->text());
    settings.setValue(QStringLiteral("udpEcho"), m_udpEcho->isChecked());
    QStringList rules; // pattern, reply, pattern, reply...
    for (const stdlab::chat::ReplyRule &r : m_rulesEditor->rules()) {
        rules << r.pattern << r.reply;
    }
    settings.setValue(QStringLiteral("rules"), rules);
    const auto fallback = m_rulesEditor->defaultReply();
    settings.setValue(QStringLiteral("hasDefaultReply"), fallback.has_value());
    settings.setValue(QStringLiteral("defaultReply"), fallback.value_or(QString()));
    settings.setValue(QStringLiteral("clientProtocol"),
                      clientProtocol() == Tcp ? QStringLiteral("tcp") : QStringLiteral("udp"));
    settings.setValue(QStringLiteral("host"), m_host->text());
    settings.setValue(QStringLiteral("clientPort"), m_clientPort->value());
    settings.setValue(QStringLiteral("history"), m_input->history());
    settings.setValue(QStringLiteral("inputEncoding"), m_inputEncoding->currentIndex());
    settings.setValue(QStringLiteral("splitter"), m_splitter->saveState());
    m_serverTls->saveSettings(settings);
    m_clientTls->saveSettings(settings);
    m_serverFraming->saveSettings(settings, QStringLiteral("serverFraming"));
    m_clientFraming->saveSettings(settings, QStringLiteral("clientFraming"));
    settings.setValue(QStringLiteral("show"), m_showAs->currentData());
}

void ChatPanel::restoreSettings(QSettings &settings)
{
    auto protocolIndex = [](const QString &name) { return name == QLatin1String("udp") ? 1 : 0; };
    setRole(settings.value(QStringLiteral("role")).toString() == QLatin1String("client")
                ? ClientRole
                : ServerRole);
    m_serverProtocol->setCurrentIndex(
        protocolIndex(settings.value(QStringLiteral("serverProtocol")).toString()));
    const int mode = m_mode->findData(settings.value(QStringLiteral("mode"), serverMode()));
    if (mode >= 0) {
        m_mode->setCurrentIndex(mode);
    }
    const int bind = m_bind->findData(settings.value(QStringLiteral("bind"), bindAddress()));
    if (bind >= 0) {
        m_bind->setCurrentIndex(bind);
    }
    m_serverPort->setValue(settings.value(QStringLiteral("serverPort"), m_serverPort->value()).toInt());
    m_threads->setValue(settings.value(QStringLiteral("threads"), m_threads->value()).toInt());
    m_greeting->setText(settings.value(QStringLiteral("greeting"), m_greeting->text()).toString());
    m_udpEcho->setChecked(settings.value(QStringLiteral("udpEcho"), false).toBool());
    const QStringList rules = settings.value(QStringLiteral("rules")).toStringList();
    QList<stdlab::chat::ReplyRule> restored;
    for (qsizetype i = 0; i + 1 < rules.size(); i += 2) {
        restored.append({rules.at(i), rules.at(i + 1)});
    }
    m_rulesEditor->setRules(restored);
    m_rulesEditor->setDefaultReply(
        settings.value(QStringLiteral("hasDefaultReply"), false).toBool()
            ? std::optional<QString>(settings.value(QStringLiteral("defaultReply")).toString())
            : std::nullopt);
    m_clientProtocol->setCurrentIndex(
        protocolIndex(settings.value(QStringLiteral("clientProtocol")).toString()));
    m_host->setText(settings.value(QStringLiteral("host"), m_host->text()).toString());
    m_clientPort->setValue(settings.value(QStringLiteral("clientPort"), m_clientPort->value()).toInt());
    m_serverTls->restoreSettings(settings);
    m_clientTls->restoreSettings(settings);
    m_serverFraming->restoreSettings(settings, QStringLiteral("serverFraming"));
    m_clientFraming->restoreSettings(settings, QStringLiteral("clientFraming"));
    m_input->setHistory(settings.value(QStringLiteral("history")).toStringList());
    m_inputEncoding->setCurrentIndex(
        std::clamp(settings.value(QStringLiteral("inputEncoding"), 0).toInt(), 0,
                   int(m_inputEncoding->count()) - 1));
    if (settings.contains(QStringLiteral("splitter"))) {
        m_splitter->restoreState(settings.value(QStringLiteral("splitter")).toByteArray());
    }
    m_showAs->setCurrentIndex(
        std::max(0, m_showAs->findData(settings.value(QStringLiteral("show")).toString())));
    updateControls();
    Q_EMIT pythonCodeChanged();
}

bool ChatPanel::startServerPreset(const QString &spec, QString *error)
{
    // tcp:PORT[:MODE] or udp:PORT, read by the same parser as the engine's modes.
    const auto preset = stdlab::net::parseServeSpec(spec);
    if (!preset) {
        *error = tr("invalid --serve '%1': use tcp:PORT[:greet|echo|chat|room] or udp:PORT "
                    "(PORT 0 = automatic)")
                     .arg(spec);
        return false;
    }
    setRole(ServerRole);
    m_serverProtocol->setCurrentIndex(preset->udp ? 1 : 0);
    if (!preset->udp) {
        m_mode->setCurrentIndex(m_mode->findData(stdlab::serverModeName(preset->mode)));
    }
    m_bind->setCurrentIndex(0);
    m_serverPort->setValue(preset->port);
    // Launched to serve (and talk, in chat or room mode): as --connect puts the focus in the
    // input, the first client to join does here, so typing goes straight to the conversation.
    m_focusInputWhenReady = true;
    // A valid spec that could not start (port in use) is shown inline like a click on Start.
    startServer();
    return true;
}

bool ChatPanel::connectPreset(const QString &spec, QString *error)
{
    // [tcp:|udp:]HOST:PORT, read as `stdlab send` reads it (an IPv6 host in brackets).
    const auto target = stdlab::net::parseConnectTarget(spec);
    if (!target) {
        *error = tr("invalid --connect '%1': use [tcp:|udp:]HOST:PORT, e.g. 127.0.0.1:1234")
                     .arg(spec);
        return false;
    }
    setRole(ClientRole);
    m_clientProtocol->setCurrentIndex(target->udp ? 1 : 0);
    m_host->setText(target->endpoint.host);
    m_clientPort->setValue(target->endpoint.port);
    if (!target->udp) {
        connectToServer();
    }
    m_input->setFocus();
    return true;
}

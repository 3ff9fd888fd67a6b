// The Chat tab end to end: two windows (and two processes) talking over 127.0.0.1 through the
// network engine, every server mode, errors shown where the user acted, Spanish labels.
#include "chat/chatpanel.h"
#include "chat/chatprompter.h"
#include "chat/clientsmodel.h"
#include "chat/conversationmodel.h"
#include "chat/messageinput.h"
#include "chat/ruleseditor.h"
#include "localization.h"
#include "mainwindow.h"
#include "messagelabel.h"
#include "scratchdir.h"
#include "stdlabprocess.h"
#include "tlsclient.h"
#include "framing.h"
#include "chat/byteliteral.h"

#include <sys/stat.h>

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QElapsedTimer>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStyle>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QHeaderView>
#include <QListView>
#include <QScrollBar>
#include <QTcpServer>
#include <QTcpSocket>
#include "scratchdir.h"
#include <QtTest>

using namespace stdlab::chat;

#include <algorithm>
#include <memory>

using Direction = ConversationModel::Direction;

// QTRY with a timeout generous for a loaded machine (CI runs tests in parallel); it returns as
// soon as the condition holds.
#define WAIT_FOR(expr) QTRY_VERIFY_WITH_TIMEOUT(expr, 20000)
#define WAIT_COMPARE(actual, expected) QTRY_COMPARE_WITH_TIMEOUT(actual, expected, 20000)

namespace {

template<typename T>
T *child(const QWidget *panel, const char *name)
{
    T *w = panel->findChild<T *>(QString::fromLatin1(name));
    if (!w) {
        qFatal("no child %s", name);
    }
    return w;
}

/// The row of the first entry in @p direction whose bytes contain @p text (-1 if none).
int findEntry(const ConversationModel *log, Direction direction, const QByteArray &text)
{
    for (int i = 0; i < log->entryCount(); ++i) {
        const ConversationModel::Entry &e = log->entry(i);
        if (e.direction == direction && e.data.contains(text)) {
            return i;
        }
    }
    return -1;
}

bool hasEntry(const ChatPanel *panel, Direction direction, const QByteArray &text)
{
    return findEntry(panel->conversation(), direction, text) >= 0;
}

bool hasEntry(const ChatPanel *panel, Direction direction, const QString &text)
{
    return hasEntry(panel, direction, text.toUtf8());
}

bool nicknamed(const ClientsModel *clients, const QString &nickname)
{
    for (int r = 0; r < clients->rowCount(); ++r) {
        if (clients->clientAt(r).nickname == nickname) {
            return true;
        }
    }
    return false;
}

/// Fills in the server form and presses Start.
void serve(ChatPanel *panel, const QString &mode, bool udp = false, bool udpEcho = false)
{
    panel->setRole(ChatPanel::ServerRole);
    child<QComboBox>(panel, "serverProtocol")->setCurrentIndex(udp ? 1 : 0);
    auto *modes = child<QComboBox>(panel, "serverMode");
    modes->setCurrentIndex(modes->findData(mode));
    child<QCheckBox>(panel, "udpEcho")->setChecked(udpEcho);
    child<QSpinBox>(panel, "serverPort")->setValue(0);
    QVERIFY(child<QPushButton>(panel, "startButton")->isVisible());
    QTest::mouseClick(child<QPushButton>(panel, "startButton"), Qt::LeftButton);
}

/// Fills in the client form with @p port and presses Connect (TCP).
void connectTo(ChatPanel *panel, quint16 port, bool udp = false)
{
    panel->setRole(ChatPanel::ClientRole);
    child<QComboBox>(panel, "clientProtocol")->setCurrentIndex(udp ? 1 : 0);
    child<QLineEdit>(panel, "clientHost")->setText(QStringLiteral("127.0.0.1"));
    child<QSpinBox>(panel, "clientPort")->setValue(port);
    if (!udp) {
        QTest::mouseClick(child<QPushButton>(panel, "connectButton"), Qt::LeftButton);
    }
}

/// Types @p text in the panel's input and presses Enter, as a person would.
void type(ChatPanel *panel, const QString &text)
{
    auto *input = child<MessageInput>(panel, "messageInput");
    QVERIFY(input->isEnabled());
    for (char32_t cp : text.toUcs4()) {
        if (cp < 0x80) {
            QTest::keyClick(input, char(cp));
        } else {
            // QTest::keyClicks only knows ASCII: accents and emoji arrive as an input method
            // would deliver them, a key event carrying the text.
            const QString s = QString::fromUcs4(&cp, 1);
            QKeyEvent press(QEvent::KeyPress, Qt::Key_unknown, Qt::NoModifier, s);
            QKeyEvent release(QEvent::KeyRelease, Qt::Key_unknown, Qt::NoModifier, s);
            QApplication::sendEvent(input, &press);
            QApplication::sendEvent(input, &release);
        }
    }
    QCOMPARE(input->toPlainText(), text);
    QTest::keyClick(input, Qt::Key_Return);
    QVERIFY(input->toPlainText().isEmpty());
}

/// Chooses @p framing in the panel's framing box @p name ("serverFraming", "clientFraming").
void chooseFraming(ChatPanel *panel, const char *name, const QString &framing)
{
    const stdlab::Framing f = stdlab::parseFraming(framing).value();
    auto *kind = child<QComboBox>(panel, name);
    kind->setCurrentIndex(kind->findData(int(f.kind)));
    if (f.kind == stdlab::FramingKind::Fixed) {
        const QByteArray size = QByteArray(name) + "Size";
        child<QSpinBox>(panel, size.constData())->setValue(f.size);
    }
}

/** Answers the Save Log question with a path chosen by the test (or cancels). */
class FakePrompter : public ChatPrompter
{
public:
    std::optional<QString> answer;
    QString suggested;
    int asked = 0;
    std::optional<QString> askSaveLogPath(QWidget *, const QString &suggestion) override
    {
        ++asked;
        suggested = suggestion;
        return answer;
    }
    std::optional<QString> fileToSend;
    std::optional<QString> askSendFilePath(QWidget *) override { return fileToSend; }
};

} // namespace

class tst_ChatPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void chatBetweenTwoWindows();
    void echoModeWithAClientWindow();
    void greetModeRepliesAndCloses();
    void roomWithThreeClientsAndANickname();
    void recipientSelectorSendsToOneClient();
    void udpBetweenTwoWindows();
    void udpDatagramTooLargeIsRefused();
    void refusedConnectionShownInline();
    void portInUseShownInline();
    void stopWithClientsConnected();
    void kickDisconnectsTheClient();
    void logTrimsAtItsLimit();
    void saveLogWritesTheChosenFile();
    void statsSampleTheTotals();
    void longErrorMovesNoOtherWidget();
    void arrowKeysSwitchBetweenServerAndClient();
    void inputTakesTheFocusOnceItTakesMessages();
    void lanChoiceListensOnEveryAddressAndSaysSo();
    void trafficShowsBytesAsTheClientsTableDoes_data();
    void trafficShowsBytesAsTheClientsTableDoes();
    void pythonCodeFollowsTheServer();
    void spanishLabels();
    void englishCountsReadSingularAndPlural();
    void presetsInTwoProcesses();
    void inputHintFollowsRoleModeAndState();
    void viewFollowsNewRowsUnlessScrolledUp();
    void enterInAPortFieldStartsOrConnects();
    void aClientHasNoClientsCount();
    void longHintWrapsInSpanish();
    void modeBoxReadableAt800x600();
    void clientsTableFitsWithoutSideways();
    void clientsColumnsShowWholeHeadersAndValues();
    void threadColumnCountsThePoolOnly();
    void logShowsWhatTheServerSent();
    void connectPresetReadsHostPortAsSendDoes();
    void errorsAppearUnderTheirFieldsAndMoveNothing();
    void tlsBetweenTwoWindowsWithAPinnedFingerprint();
    void tlsSettingsAreKept();
    void rulesModeAnswersFromTheTable();
    void badRuleIsRefusedWithPythonsMessage();
    void rulesAreKeptInTheSettings();
    void framingBetweenTwoWindows_data();
    void framingBetweenTwoWindows();
    void framingIsKeptInTheSettings();
    void framingIsTcpOnlyAndLockedWhileLive();
    void bytesInputSendsEscapesAndHex();
    void sendFileStreamsItFramed();
    void serverSendsAFileToTheClientChosen();

private:
    /// A server panel and the client panels connected to it; false when the set-up failed.
    struct Chat
    {
        ChatPanel *server = nullptr;
        QList<ChatPanel *> clients;
        explicit operator bool() const { return server != nullptr; }
    };

    ChatPanel *newPanel();
    /// The set-up most of these tests share: a server panel started in @p mode (on @p server
    /// if given) and @p count client panels connected to it, each one in its clients list.
    Chat serveAndConnect(const QString &mode, int count = 1, ChatPanel *server = nullptr);
    std::vector<std::unique_ptr<ChatPanel>> m_panels;
};

void tst_ChatPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StdLabTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_chatpanel"));
}

void tst_ChatPanel::init()
{
    QSettings().clear();
    stdlab::installTranslations(qApp, QStringLiteral("en"));
}

void tst_ChatPanel::cleanup()
{
    m_panels.clear();
    // A window may take others with it (File > New Window): guard each pointer.
    QList<QPointer<QWidget>> windows;
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (qobject_cast<MainWindow *>(w)) {
            windows.append(w);
        }
    }
    for (const QPointer<QWidget> &w : std::as_const(windows)) {
        delete w.data();
    }
    stdlab::installTranslations(qApp, QStringLiteral("en"));
}

ChatPanel *tst_ChatPanel::newPanel()
{
    m_panels.push_back(std::make_unique<ChatPanel>());
    m_panels.back()->show();
    return m_panels.back().get();
}

tst_ChatPanel::Chat tst_ChatPanel::serveAndConnect(const QString &mode, int count,
                                                   ChatPanel *server)
{
    Chat chat;
    server = server ? server : newPanel();
    serve(server, mode);
    if (!server->isServing()) {
        return chat;
    }
    for (int i = 0; i < count; ++i) {
        chat.clients << newPanel();
        connectTo(chat.clients.last(), server->serverPort());
    }
    const bool connected = QTest::qWaitFor(
        [&] {
            return server->clients()->rowCount() == count
                && std::all_of(chat.clients.cbegin(), chat.clients.cend(),
                               [](const ChatPanel *c) { return c->isConnected(); });
        },
        20000);
    if (connected) {
        chat.server = server;
    }
    return chat;
}

void tst_ChatPanel::chatBetweenTwoWindows()
{
    auto *windowA = new MainWindow;
    windowA->show();
    MainWindow *windowB = windowA->newWindow();
    QVERIFY(windowB && windowB != windowA);
    ChatPanel *a = windowA->chatPanel();
    ChatPanel *b = windowB->chatPanel();
    windowA->selectTab(QStringLiteral("chat"));
    windowB->selectTab(QStringLiteral("chat"));

    QSignalSpy listening(a, &ChatPanel::serverStateChanged);
    serve(a, QStringLiteral("chat"));
    QCOMPARE(listening.count(), 1);
    QVERIFY(a->isServing());
    const quint16 port = a->serverPort();
    QVERIFY(port > 0);
    QCOMPARE(listening.at(0).at(1).value<quint16>(), port);
    QCOMPARE(child<QPushButton>(a, "startButton")->text(), QStringLiteral("Stop"));
    QVERIFY(child<QLabel>(a, "serverStatus")->text().contains(
        QStringLiteral("127.0.0.1:%1").arg(port)));

    connectTo(b, port);
    WAIT_FOR(b->isConnected());
    QCOMPARE(child<QPushButton>(b, "connectButton")->text(), QStringLiteral("Disconnect"));
    WAIT_COMPARE(a->clients()->rowCount(), 1);
    const QString bAddress = a->clients()->clientAt(0).address;
    QVERIFY2(bAddress.startsWith(QLatin1String("127.0.0.1:")), qPrintable(bAddress));
    QCOMPARE(windowA->tabs()->tabText(MainWindow::ChatTab), QStringLiteral("Chat (1)"));

    type(b, QStringLiteral("Hola, servidor!"));
    WAIT_FOR(hasEntry(a, Direction::In, QByteArrayLiteral("Hola, servidor!")));
    const int row = findEntry(a->conversation(), Direction::In, "Hola, servidor!");
    QCOMPARE(a->conversation()->entry(row).peer, bAddress);
    QCOMPARE(a->conversation()->entry(row).data, QByteArrayLiteral("Hola, servidor!"));
    WAIT_FOR(hasEntry(b, Direction::Out, QByteArrayLiteral("Hola, servidor!")));

    type(a, QStringLiteral("¡Hola, cliente! 🙂"));
    WAIT_FOR(hasEntry(b, Direction::In, QStringLiteral("¡Hola, cliente! 🙂")));
    const int reply = findEntry(b->conversation(), Direction::In, "Hola, cliente!");
    QCOMPARE(b->conversation()->entry(reply).peer, QStringLiteral("127.0.0.1:%1").arg(port));

    QSignalSpy bState(b, &ChatPanel::clientStateChanged);
    type(b, QStringLiteral("bye"));
    WAIT_FOR(!b->isConnected());
    QVERIFY(bState.count() >= 1);
    QCOMPARE(bState.last().at(0).toBool(), false);
    WAIT_COMPARE(a->clients()->rowCount(), 0);
    WAIT_COMPARE(windowA->tabs()->tabText(MainWindow::ChatTab), QStringLiteral("Chat"));
    WAIT_FOR(hasEntry(a, Direction::System, QByteArrayLiteral("said bye")));
    QCOMPARE(child<QPushButton>(b, "connectButton")->text(), QStringLiteral("Connect"));
    QVERIFY(!child<MessageInput>(b, "messageInput")->isEnabled());
}

void tst_ChatPanel::echoModeWithAClientWindow()
{
    ChatPanel *a = newPanel();
    ChatPanel *b = newPanel();
    serve(a, QStringLiteral("echo"));
    QVERIFY(a->isServing());
    // The server answers on its own in echo mode: nothing to type there.
    QVERIFY(!child<MessageInput>(a, "messageInput")->isEnabled());
    connectTo(b, a->serverPort());
    WAIT_FOR(b->isConnected());
    type(b, QStringLiteral("Hola, se está tensando muchísimo"));
    WAIT_FOR(hasEntry(b, Direction::In, QStringLiteral("Hola, se está tensando muchísimo")));
    WAIT_FOR(hasEntry(a, Direction::In, QStringLiteral("Hola, se está tensando muchísimo")));
    type(b, QStringLiteral("bye"));
    WAIT_FOR(!b->isConnected());
    WAIT_COMPARE(a->clients()->rowCount(), 0);
}

void tst_ChatPanel::greetModeRepliesAndCloses()
{
    ChatPanel *a = newPanel();
    ChatPanel *b = newPanel();
    a->setRole(ChatPanel::ServerRole);
    auto *modes = child<QComboBox>(a, "serverMode");
    modes->setCurrentIndex(modes->findData(QStringLiteral("greet")));
    QVERIFY(child<QLineEdit>(a, "greeting")->isVisibleTo(a));
    child<QLineEdit>(a, "greeting")->setText(QStringLiteral("¡Buenas, crack!"));
    serve(a, QStringLiteral("greet"));
    QVERIFY(a->isServing());
    connectTo(b, a->serverPort());
    WAIT_FOR(b->isConnected());
    type(b, QStringLiteral("Este es un mensaje de prueba"));
    WAIT_FOR(hasEntry(b, Direction::In, QStringLiteral("¡Buenas, crack!")));
    WAIT_FOR(!b->isConnected()); // the greet server closes after its reply
    WAIT_FOR(hasEntry(a, Direction::In, QByteArrayLiteral("Este es un mensaje de prueba")));
    QVERIFY(child<QLabel>(b, "clientStatus")->text().startsWith(QLatin1String("Disconnected")));
}

void tst_ChatPanel::roomWithThreeClientsAndANickname()
{
    ChatPanel *room = newPanel();
    serve(room, QStringLiteral("room"));
    QVERIFY(room->isServing());
    ChatPanel *ana = newPanel();
    ChatPanel *ben = newPanel();
    ChatPanel *eva = newPanel();
    for (ChatPanel *c : {ana, ben, eva}) {
        connectTo(c, room->serverPort());
        WAIT_FOR(c->isConnected());
    }
    WAIT_COMPARE(room->clients()->rowCount(), 3);

    type(ana, QStringLiteral("/nick ana"));
    WAIT_FOR(nicknamed(room->clients(), QStringLiteral("ana")));
    type(ana, QStringLiteral("hola a todos"));
    for (ChatPanel *other : {ben, eva}) {
        WAIT_FOR(hasEntry(other, Direction::In, QByteArrayLiteral("hola a todos")));
        const int row = findEntry(other->conversation(), Direction::In, "hola a todos");
        QVERIFY(other->conversation()->entry(row).data.contains("ana"));
    }
    WAIT_FOR(hasEntry(room, Direction::In, QByteArrayLiteral("hola a todos")));
    // Its author does not get it back; a later line from ben proves ana's inbox is up to date.
    type(ben, QStringLiteral("qué tal"));
    WAIT_FOR(hasEntry(ana, Direction::In, QStringLiteral("qué tal")));
    QVERIFY(!hasEntry(ana, Direction::In, QByteArrayLiteral("hola a todos")));

    // The operator of a room talks to everyone.
    type(room, QStringLiteral("aviso del servidor"));
    for (ChatPanel *c : {ana, ben, eva}) {
        WAIT_FOR(hasEntry(c, Direction::In, QByteArrayLiteral("aviso del servidor")));
    }
}

void tst_ChatPanel::recipientSelectorSendsToOneClient()
{
    ChatPanel *a = newPanel();
    serve(a, QStringLiteral("chat"));
    ChatPanel *b = newPanel();
    ChatPanel *c = newPanel();
    connectTo(b, a->serverPort());
    WAIT_FOR(b->isConnected());
    WAIT_COMPARE(a->clients()->rowCount(), 1);
    const quint64 bId = a->clients()->idAt(0);
    connectTo(c, a->serverPort());
    WAIT_FOR(c->isConnected());
    WAIT_COMPARE(a->clients()->rowCount(), 2);

    auto *recipient = child<QComboBox>(a, "recipient");
    QVERIFY(recipient->isVisibleTo(a));
    WAIT_COMPARE(recipient->count(), 3); // all, b, c
    QCOMPARE(recipient->itemData(0), QVariant());
    const quint64 cId =
        a->clients()->idAt(0) == bId ? a->clients()->idAt(1) : a->clients()->idAt(0);
    recipient->setCurrentIndex(recipient->findData(cId));
    type(a, QStringLiteral("solo para c"));
    WAIT_FOR(hasEntry(c, Direction::In, QByteArrayLiteral("solo para c")));
    recipient->setCurrentIndex(recipient->findData(bId));
    type(a, QStringLiteral("para b"));
    WAIT_FOR(hasEntry(b, Direction::In, QByteArrayLiteral("para b")));
    QVERIFY(!hasEntry(b, Direction::In, QByteArrayLiteral("solo para c")));
    recipient->setCurrentIndex(0);
    type(a, QStringLiteral("para todos"));
    WAIT_FOR(hasEntry(b, Direction::In, QByteArrayLiteral("para todos")));
    WAIT_FOR(hasEntry(c, Direction::In, QByteArrayLiteral("para todos")));

    // bye from the operator ends that client's session only.
    recipient->setCurrentIndex(recipient->findData(cId));
    type(a, QStringLiteral("bye"));
    WAIT_FOR(!c->isConnected());
    WAIT_COMPARE(a->clients()->rowCount(), 1);
    QVERIFY(b->isConnected());
    WAIT_COMPARE(recipient->count(), 2);
}

void tst_ChatPanel::udpBetweenTwoWindows()
{
    ChatPanel *a = newPanel();
    ChatPanel *b = newPanel();
    serve(a, QStringLiteral("echo"), true, true);
    QVERIFY(a->isServing());
    QVERIFY(!child<QComboBox>(a, "serverMode")->isVisibleTo(a));
    connectTo(b, a->serverPort(), true);
    QVERIFY(!child<QPushButton>(b, "connectButton")->isVisibleTo(b));
    const QString text = QStringLiteral("Hola, se está tensando muchísimo");
    type(b, text);
    WAIT_FOR(hasEntry(a, Direction::In, text));
    const int row = findEntry(a->conversation(), Direction::In, text.toUtf8());
    // A datagram is the message as typed: no newline added, accents intact.
    QCOMPARE(a->conversation()->entry(row).data, text.toUtf8());
    QVERIFY(a->conversation()->entry(row).peer.startsWith(QLatin1String("127.0.0.1:")));
    WAIT_FOR(hasEntry(b, Direction::In, text)); // the echo
}

void tst_ChatPanel::udpDatagramTooLargeIsRefused()
{
    ChatPanel *b = newPanel();
    connectTo(b, 9, true);
    b->sendText(QString(70000, QLatin1Char('x')));
    auto *error = child<MessageLabel>(b, "sendError");
    QVERIFY(!error->isEmpty());
    QVERIFY2(error->text().contains(QLatin1String("65,507")) || error->text().contains(
                 QLatin1String("65507")),
             qPrintable(error->text()));
}

void tst_ChatPanel::refusedConnectionShownInline()
{
    quint16 closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        closedPort = probe.serverPort();
    }
    ChatPanel *b = newPanel();
    connectTo(b, closedPort);
    auto *error = child<MessageLabel>(b, "clientError");
    WAIT_FOR(!error->isEmpty());
    QVERIFY2(error->text().contains(QLatin1String("refused")), qPrintable(error->text()));
    QVERIFY(error->text().contains(QStringLiteral("127.0.0.1:%1").arg(closedPort)));
    QVERIFY(!b->isConnected());
    WAIT_COMPARE(child<QPushButton>(b, "connectButton")->text(), QStringLiteral("Connect"));
    QVERIFY(child<QLineEdit>(b, "clientHost")->isEnabled());
    // Editing the form clears the error.
    child<QSpinBox>(b, "clientPort")->setValue(closedPort == 1 ? 2 : closedPort - 1);
    QVERIFY(error->isEmpty());
    QVERIFY(error->isHidden());
}

void tst_ChatPanel::portInUseShownInline()
{
    ChatPanel *a = newPanel();
    serve(a, QStringLiteral("echo"));
    QVERIFY(a->isServing());
    ChatPanel *c = newPanel();
    c->setRole(ChatPanel::ServerRole);
    child<QSpinBox>(c, "serverPort")->setValue(a->serverPort());
    QSignalSpy state(c, &ChatPanel::serverStateChanged);
    QTest::mouseClick(child<QPushButton>(c, "startButton"), Qt::LeftButton);
    QVERIFY(!c->isServing());
    QCOMPARE(state.count(), 0);
    auto *error = child<MessageLabel>(c, "serverError");
    QVERIFY(!error->isEmpty());
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("Port %1 is already in use").arg(
                 a->serverPort())),
             qPrintable(error->text()));
    QVERIFY(error->text().contains(QLatin1String("0 for an automatic one")));
    // Port 0 then works.
    child<QSpinBox>(c, "serverPort")->setValue(0);
    QVERIFY(error->isEmpty());
    QVERIFY(error->isHidden());
    QTest::mouseClick(child<QPushButton>(c, "startButton"), Qt::LeftButton);
    QVERIFY(c->isServing());
    QVERIFY(c->serverPort() != a->serverPort());
}

void tst_ChatPanel::stopWithClientsConnected()
{
    const Chat chat = serveAndConnect(QStringLiteral("chat"), 2);
    QVERIFY(chat);
    ChatPanel *a = chat.server;
    ChatPanel *b = chat.clients.at(0);
    ChatPanel *c = chat.clients.at(1);

    QSignalSpy state(a, &ChatPanel::serverStateChanged);
    QTest::mouseClick(child<QPushButton>(a, "startButton"), Qt::LeftButton);
    QVERIFY(!a->isServing());
    QCOMPARE(state.count(), 1);
    QCOMPARE(state.at(0).at(0).toBool(), false);
    QCOMPARE(a->clients()->rowCount(), 0);
    QCOMPARE(child<QPushButton>(a, "startButton")->text(), QStringLiteral("Start"));
    QVERIFY(child<QSpinBox>(a, "serverPort")->isEnabled());
    WAIT_FOR(!b->isConnected() && !c->isConnected());
    WAIT_FOR(hasEntry(a, Direction::System, QByteArrayLiteral("Server stopped")));
    WAIT_FOR(hasEntry(b, Direction::System, QByteArrayLiteral("Disconnected from the server")));
    QCOMPARE(a->clients()->rowCount(), 0);
}

void tst_ChatPanel::kickDisconnectsTheClient()
{
    const Chat chat = serveAndConnect(QStringLiteral("echo"));
    QVERIFY(chat);
    ChatPanel *a = chat.server;
    ChatPanel *b = chat.clients.at(0);
    auto *view = child<QTableView>(a, "clientsView");
    auto *kick = child<QPushButton>(a, "kickButton");
    QVERIFY(!kick->isEnabled());
    view->selectRow(0);
    QVERIFY(kick->isEnabled());
    QTest::mouseClick(kick, Qt::LeftButton);
    WAIT_FOR(!b->isConnected());
    WAIT_COMPARE(a->clients()->rowCount(), 0);
    WAIT_FOR(hasEntry(a, Direction::System, QByteArrayLiteral("kicked")));
}

void tst_ChatPanel::logTrimsAtItsLimit()
{
    const Chat chat = serveAndConnect(QStringLiteral("echo"));
    QVERIFY(chat);
    ChatPanel *b = chat.clients.at(0);
    b->conversation()->setLimit(50);
    for (int i = 0; i < 40; ++i) {
        b->sendText(QStringLiteral("mensaje %1").arg(i));
    }
    // 40 sent + 40 echoed + the connection note: the oldest go, the newest stay.
    WAIT_FOR(hasEntry(b, Direction::In, QByteArrayLiteral("mensaje 39")));
    QCOMPARE(b->conversation()->entryCount(), 50);
    QVERIFY(b->conversation()->trimmedCount() >= 30);
    QVERIFY(!child<QLabel>(b, "trimLabel")->isHidden());
    QVERIFY(!hasEntry(b, Direction::Out, QByteArrayLiteral("mensaje 0")));
}

void tst_ChatPanel::saveLogWritesTheChosenFile()
{
    ScratchDir dir;
    QVERIFY(dir.isValid());
    ChatPanel *a = newPanel();
    auto prompter = std::make_unique<FakePrompter>();
    FakePrompter *fake = prompter.get();
    a->setPrompter(std::move(prompter));
    a->conversation()->appendMessage(Direction::In, QStringLiteral("127.0.0.1:5000"),
                                     QByteArrayLiteral("hola"));
    // Cancelled: nothing written, nothing logged.
    const int before = a->conversation()->entryCount();
    QTest::mouseClick(child<QPushButton>(a, "saveLogButton"), Qt::LeftButton);
    QCOMPARE(fake->asked, 1);
    QVERIFY(fake->suggested.endsWith(QLatin1String(".log")));
    QCOMPARE(a->conversation()->entryCount(), before);

    fake->answer = dir.filePath(QStringLiteral("chat.log"));
    QTest::mouseClick(child<QPushButton>(a, "saveLogButton"), Qt::LeftButton);
    QFile saved(*fake->answer);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    const QByteArray text = saved.readAll();
    QVERIFY2(text.contains("127.0.0.1:5000") && text.contains("hola"), text.constData());
    QVERIFY(hasEntry(a, Direction::System, QStringLiteral("Log saved to %1").arg(*fake->answer)));

    // A folder that does not exist: the log says why, nothing else happens.
    fake->answer = dir.filePath(QStringLiteral("missing/chat.log"));
    QTest::mouseClick(child<QPushButton>(a, "saveLogButton"), Qt::LeftButton);
    const int last = a->conversation()->entryCount() - 1;
    QVERIFY(a->conversation()->entry(last).error);
    QVERIFY(QString::fromUtf8(a->conversation()->entry(last).data)
                .startsWith(QStringLiteral("Could not save the log to %1").arg(*fake->answer)));
}

void tst_ChatPanel::statsSampleTheTotals()
{
    const Chat chat = serveAndConnect(QStringLiteral("echo"));
    QVERIFY(chat);
    ChatPanel *a = chat.server;
    ChatPanel *b = chat.clients.at(0);
    // A first sample (after the baseline) before any traffic.
    WAIT_FOR(!a->statsHistory().isEmpty());
    WAIT_FOR(!b->statsHistory().isEmpty());
    QCOMPARE(a->statsHistory().maximum(StatsHistory::MessagesIn), 0.0);
    QElapsedTimer clock;
    clock.start();
    const int before = a->statsHistory().size();
    for (int i = 0; i < 200; ++i) {
        b->sendText(QStringLiteral("%1").arg(i, 30, 10, QLatin1Char('0')));
    }
    WAIT_FOR(hasEntry(b, Direction::In, QByteArrayLiteral("000199")));
    WAIT_FOR(a->statsHistory().maximum(StatsHistory::MessagesIn) > 0);
    WAIT_FOR(a->statsHistory().maximum(StatsHistory::BytesOut) > 0);
    WAIT_FOR(b->statsHistory().maximum(StatsHistory::BytesOut) > 0);
    // Samples come from the 4 Hz stats timer, never one per message.
    const int samples = a->statsHistory().size() - before;
    QVERIFY2(samples <= clock.elapsed() / 250 + 2, qPrintable(QString::number(samples)));
    QCOMPARE(child<QLabel>(a, "statClients")->text(), QStringLiteral("1"));
    QVERIFY(child<QLabel>(a, "statMessagesIn")->text() != QLatin1String("0")
            || a->statsHistory().last().rate[StatsHistory::MessagesIn] == 0);
}

void tst_ChatPanel::lanChoiceListensOnEveryAddressAndSaysSo()
{
    // Bind "every IPv4 and IPv6 address (::)" listened on IPv6 only (Qt's "::" sets
    // IPV6_V6ONLY) while its item and the Python program said dual-stack, and a server bound
    // to every address was announced as 0.0.0.0. Now it takes clients over IPv4 and IPv6 and
    // says so. It binds every address: ctest chat_bind_any runs it in a private network
    // namespace, where only a loopback interface exists.
    if (!qEnvironmentVariableIsSet("STDLAB_IN_NETNS")) {
        QSKIP("binds every address: run by ctest chat_bind_any (unshare -rn)");
    }
    ChatPanel *a = newPanel();
    a->setRole(ChatPanel::ServerRole);
    auto *modes = child<QComboBox>(a, "serverMode");
    modes->setCurrentIndex(modes->findData(QStringLiteral("echo")));
    auto *bind = child<QComboBox>(a, "bindAddress");
    bind->setCurrentIndex(bind->findData(QStringLiteral("::")));
    QVERIFY(bind->currentText().contains(QLatin1String("dual-stack")));
    child<QSpinBox>(a, "serverPort")->setValue(0);
    QTest::mouseClick(child<QPushButton>(a, "startButton"), Qt::LeftButton);
    QVERIFY(a->isServing());
    const QString status = child<QLabel>(a, "serverStatus")->text();
    QVERIFY2(status.contains(QStringLiteral("every IPv4 and IPv6 address (dual-stack), port %1")
                                 .arg(a->serverPort())),
             qPrintable(status));
    QVERIFY2(!status.contains(QLatin1String("0.0.0.0")), qPrintable(status));
    for (const char *host : {"127.0.0.1", "::1"}) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress(QString::fromLatin1(host)), a->serverPort());
        QVERIFY2(socket.waitForConnected(5000), host);
    }
    const QString code = a->pythonCode();
    QVERIFY2(code.contains(QLatin1String("HOST = '::'")), qPrintable(code));
    QVERIFY2(code.contains(QLatin1String("IPV6_V6ONLY, 0")), qPrintable(code));
}

void tst_ChatPanel::inputTakesTheFocusOnceItTakesMessages()
{
    // `stdlab --serve tcp:0:chat` opens a window to talk in: as with --connect, what is typed
    // goes to the message input as soon as it takes messages.
    ChatPanel *a = newPanel();
    QVERIFY(QTest::qWaitForWindowExposed(a));
    QApplication::setActiveWindow(a);
    QString error;
    QVERIFY(a->startServerPreset(QStringLiteral("tcp:0:chat"), &error));
    QVERIFY(a->isServing());
    auto *input = child<MessageInput>(a, "messageInput");
    ChatPanel *b = newPanel();
    connectTo(b, a->serverPort());
    WAIT_FOR(input->isEnabled());
    QCOMPARE(a->focusWidget(), input);
    QTest::keyClicks(a->focusWidget(), QStringLiteral("hola"));
    QCOMPARE(input->toPlainText(), QStringLiteral("hola"));
    // The client that connected, by Connect or by --connect, types into its input at once
    // (the focus was set while the input was still disabled, and was lost).
    WAIT_FOR(b->isConnected());
    QCOMPARE(b->focusWidget(), child<MessageInput>(b, "messageInput"));
    ChatPanel *c = newPanel();
    QVERIFY(c->connectPreset(QStringLiteral("127.0.0.1:%1").arg(a->serverPort()), &error));
    WAIT_FOR(c->isConnected());
    QCOMPARE(c->focusWidget(), child<MessageInput>(c, "messageInput"));
}

void tst_ChatPanel::arrowKeysSwitchBetweenServerAndClient()
{
    // Server/Client is one choice of two, reached by Tab on the checked button: the arrow
    // keys move to the other one and choose it, as in a pair of radio buttons; while a server
    // runs, Client cannot be chosen and the arrow keys leave the role alone.
    ChatPanel *a = newPanel();
    QVERIFY(QTest::qWaitForWindowExposed(a));
    QApplication::setActiveWindow(a);
    auto *server = child<QPushButton>(a, "serverRoleButton");
    auto *client = child<QPushButton>(a, "clientRoleButton");
    a->setRole(ChatPanel::ServerRole);
    server->setFocus(Qt::TabFocusReason);
    QVERIFY(server->hasFocus());
    QTest::keyClick(server, Qt::Key_Down);
    QCOMPARE(a->role(), ChatPanel::ClientRole);
    QVERIFY(client->isChecked());
    QVERIFY(client->hasFocus());
    QTest::keyClick(client, Qt::Key_Up);
    QCOMPARE(a->role(), ChatPanel::ServerRole);
    QVERIFY(server->hasFocus());
    QTest::keyClick(server, Qt::Key_Right);
    QCOMPARE(a->role(), ChatPanel::ClientRole);
    QTest::keyClick(client, Qt::Key_Left);
    QCOMPARE(a->role(), ChatPanel::ServerRole);

    serve(a, QStringLiteral("echo"));
    QVERIFY(a->isServing());
    server->setFocus(Qt::TabFocusReason);
    QTest::keyClick(server, Qt::Key_Down);
    QCOMPARE(a->role(), ChatPanel::ServerRole);
    QVERIFY(a->isServing());
}

void tst_ChatPanel::longErrorMovesNoOtherWidget()
{
    // An error of three or more lines under the chat input grew its label and pushed the
    // conversation and the input up: every other widget keeps its geometry, whatever the
    // length, and the whole text is still there to read.
    ChatPanel *b = newPanel();
    b->resize(800, 430);
    QVERIFY(QTest::qWaitForWindowExposed(b));
    connectTo(b, 9, true);
    auto settle = [] {
        for (int i = 0; i < 3; ++i) {
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
            QCoreApplication::processEvents();
        }
    };
    settle();
    auto *sendError = child<MessageLabel>(b, "sendError");
    auto geometries = [&] {
        QHash<QWidget *, QRect> rects;
        for (QWidget *w : b->findChildren<QWidget *>()) {
            if (w->isVisible() && w != sendError && !sendError->isAncestorOf(w)) {
                rects.insert(w, QRect(w->mapTo(b, QPoint(0, 0)), w->size()));
            }
        }
        return rects;
    };
    const QHash<QWidget *, QRect> before = geometries();
    const int height = sendError->height();
    const QString text = QStringLiteral("first line of the error\nsecond line\nthird line\n"
                                        "fourth line\nfifth line");
    sendError->showError(text);
    settle();
    const QHash<QWidget *, QRect> after = geometries();
    QStringList moved;
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (after.value(it.key()) != it.value()) {
            moved << QStringLiteral("%1 '%2'").arg(
                QString::fromLatin1(it.key()->metaObject()->className()), it.key()->objectName());
        }
    }
    QVERIFY2(moved.isEmpty(), qPrintable(moved.join(QStringLiteral(", "))));
    QCOMPARE(sendError->height(), height);
    QCOMPARE(sendError->text(), text);
    QCOMPARE(sendError->toolTip(), text);
}

void tst_ChatPanel::trafficShowsBytesAsTheClientsTableDoes_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("es") << QStringLiteral("es");
}

void tst_ChatPanel::trafficShowsBytesAsTheClientsTableDoes()
{
    // The Traffic box said "0 bytes/s" and "1.5 KB/s" beside a table that says "0 B" and
    // "1.5 KB": one compact format for bytes across the tab, in either language.
    QFETCH(QString, language);
    QVERIFY(stdlab::installTranslations(qApp, language));
    // Before any server: the same units, not a bare "0".
    QCOMPARE(child<QLabel>(newPanel(), "statBytesIn")->text(), QStringLiteral("0 B/s"));
    const Chat chat = serveAndConnect(QStringLiteral("echo"));
    QVERIFY(chat);
    ChatPanel *a = chat.server;
    auto *bytesIn = child<QLabel>(a, "statBytesIn");
    auto *bytesOut = child<QLabel>(a, "statBytesOut");
    QCOMPARE(bytesIn->text(), QStringLiteral("0 B/s"));
    WAIT_FOR(!a->statsHistory().isEmpty()); // the baseline: traffic before it is not a rate
    for (int i = 0; i < 100; ++i) {
        chat.clients.at(0)->sendText(QString(40, QLatin1Char('x')));
    }
    // 4,100 bytes within a quarter-second sample: the rate reaches kilobytes.
    WAIT_FOR(a->statsHistory().last().rate[StatsHistory::BytesIn] >= 1000);
    const StatsHistory::Sample &last = a->statsHistory().last();
    QCOMPARE(bytesIn->text(), ClientsModel::formatBytes(qint64(last.rate[StatsHistory::BytesIn]))
                                  + QStringLiteral("/s"));
    QCOMPARE(bytesOut->text(),
             ClientsModel::formatBytes(qint64(last.rate[StatsHistory::BytesOut]))
                 + QStringLiteral("/s"));
    const QRegularExpression compact(
        language == QLatin1String("es") ? QStringLiteral("^\\d+(,\\d)? KB/s$")
                                        : QStringLiteral("^\\d+(\\.\\d)? KB/s$"));
    QVERIFY2(compact.match(bytesIn->text()).hasMatch(), qPrintable(bytesIn->text()));
}

void tst_ChatPanel::pythonCodeFollowsTheServer()
{
    ChatPanel *a = newPanel();
    QSignalSpy changed(a, &Panel::pythonCodeChanged);
    a->setRole(ChatPanel::ServerRole);
    auto *modes = child<QComboBox>(a, "serverMode");
    modes->setCurrentIndex(modes->findData(QStringLiteral("echo")));
    QVERIFY(changed.count() >= 1);
    QVERIFY(a->pythonCode().contains(QLatin1String("class ClientThread")));
    child<QSpinBox>(a, "serverPort")->setValue(0);
    QVERIFY(a->pythonCode().contains(QLatin1String("PORT = 0\n")));
    changed.clear();
    QTest::mouseClick(child<QPushButton>(a, "startButton"), Qt::LeftButton);
    QVERIFY(a->isServing());
    QCOMPARE(changed.count(), 1);
    QVERIFY(a->pythonCode().contains(QStringLiteral("PORT = %1\n").arg(a->serverPort())));

    a->setRole(ChatPanel::ServerRole);
    ChatPanel *b = newPanel();
    b->setRole(ChatPanel::ClientRole);
    child<QSpinBox>(b, "clientPort")->setValue(4321);
    QVERIFY(b->pythonCode().contains(QLatin1String("PORT = 4321\n")));
    QVERIFY(b->pythonCode().contains(QLatin1String("s.connect((HOST, PORT))")));
    child<QComboBox>(b, "clientProtocol")->setCurrentIndex(1);
    QVERIFY(b->pythonCode().contains(QLatin1String("SOCK_DGRAM")));
}

void tst_ChatPanel::spanishLabels()
{
    QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("es")));
    MainWindow w;
    w.show();
    w.selectTab(QStringLiteral("chat"));
    ChatPanel *p = w.chatPanel();
    QCOMPARE(child<QPushButton>(p, "serverRoleButton")->text(), QStringLiteral("Servidor"));
    QCOMPARE(child<QPushButton>(p, "clientRoleButton")->text(), QStringLiteral("Cliente"));
    QCOMPARE(child<QPushButton>(p, "startButton")->text(), QStringLiteral("Iniciar"));
    QCOMPARE(child<QPushButton>(p, "connectButton")->text(), QStringLiteral("Conectar"));
    QCOMPARE(child<QPushButton>(p, "kickButton")->text(), QStringLiteral("Expulsar"));
    QCOMPARE(child<QLabel>(p, "serverPortLabel")->text(), QStringLiteral("&Puerto:"));
    // An error the user causes reads in Spanish too.
    serve(p, QStringLiteral("echo"));
    QVERIFY2(p->isServing(), qPrintable(child<MessageLabel>(p, "serverError")->text()));
    QCOMPARE(child<QPushButton>(p, "startButton")->text(), QStringLiteral("Detener"));
    MainWindow other;
    ChatPanel *q = other.chatPanel();
    q->setRole(ChatPanel::ServerRole);
    child<QSpinBox>(q, "serverPort")->setValue(p->serverPort());
    q->startServer();
    QVERIFY2(child<MessageLabel>(q, "serverError")->text().startsWith(
                 QStringLiteral("El puerto %1 ya está en uso").arg(p->serverPort())),
             qPrintable(child<MessageLabel>(q, "serverError")->text()));
}

void tst_ChatPanel::englishCountsReadSingularAndPlural()
{
    ChatPanel *a = newPanel();
    auto *status = child<QLabel>(a, "serverStatus");
    child<QSpinBox>(a, "serverThreads")->setValue(1);
    serve(a, QStringLiteral("chat"));
    QVERIFY2(a->isServing(), qPrintable(child<MessageLabel>(a, "serverError")->text()));
    QVERIFY2(status->text().contains(QLatin1String(" mode, 1 worker thread).")),
             qPrintable(status->text()));
    a->stopServer();
    child<QSpinBox>(a, "serverThreads")->setValue(2);
    serve(a, QStringLiteral("chat"));
    QVERIFY2(a->isServing(), qPrintable(child<MessageLabel>(a, "serverError")->text()));
    QVERIFY2(status->text().contains(QLatin1String(" mode, 2 worker threads).")),
             qPrintable(status->text()));

    // A broadcast is logged as sent to "all (1 client)"; its tooltip counts the bytes.
    ChatPanel *b = newPanel();
    connectTo(b, a->serverPort());
    WAIT_COMPARE(a->clients()->rowCount(), 1);
    type(a, QStringLiteral("x"));
    const int row = findEntry(a->conversation(), Direction::Out, QByteArrayLiteral("x\n"));
    QVERIFY(row >= 0);
    const QModelIndex sent = a->conversation()->index(row);
    QCOMPARE(sent.data(ConversationModel::PeerRole).toString(), QStringLiteral("all (1 client)"));
    QVERIFY2(sent.data(Qt::ToolTipRole).toString().startsWith(
                 QLatin1String("Sent to all (1 client), 2 bytes\n")),
             qPrintable(sent.data(Qt::ToolTipRole).toString()));
}

void tst_ChatPanel::presetsInTwoProcesses()
{
    ScratchDir home;
    QVERIFY(home.isValid());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path() + QLatin1String("/config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.path() + QLatin1String("/data"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));

    QProcess server;
    server.setProcessEnvironment(env);
    server.start(stdlabBinary(), {QStringLiteral("--tab"), QStringLiteral("chat"),
                                  QStringLiteral("--serve"), QStringLiteral("tcp:0:echo")});
    QVERIFY2(server.waitForStarted(10000), qPrintable(server.errorString()));
    QByteArray serverOut;
    static const QRegularExpression listeningRe(
        QStringLiteral("^listening 127\\.0\\.0\\.1:(\\d+)$"), QRegularExpression::MultilineOption);
    QTRY_VERIFY_WITH_TIMEOUT(
        listeningRe.match(QString::fromUtf8(serverOut.append(server.readAllStandardOutput())))
            .hasMatch(),
        30000);
    const quint16 port = quint16(
        listeningRe.match(QString::fromUtf8(serverOut)).captured(1).toUInt());
    QVERIFY(port > 0);
    QCOMPARE(serverOut.count("listening"), 1);

    // The served window echoes, as a raw socket sees it.
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(probe.waitForConnected(10000));
    probe.write("Hola, servidor!\n");
    QByteArray echoed;
    QTRY_VERIFY_WITH_TIMEOUT(echoed.append(probe.readAll()) == "Hola, servidor!\n", 10000);
    probe.disconnectFromHost();

    // A second process connects to it at launch and says so once connected.
    QProcess client;
    client.setProcessEnvironment(env);
    client.start(stdlabBinary(), {QStringLiteral("--tab"), QStringLiteral("chat"),
                                  QStringLiteral("--connect"),
                                  QStringLiteral("127.0.0.1:%1").arg(port)});
    QVERIFY(client.waitForStarted(10000));
    QByteArray clientOut;
    QTRY_VERIFY_WITH_TIMEOUT(clientOut.append(client.readAllStandardOutput())
                                 .contains(QStringLiteral("connected 127.0.0.1:%1\n")
                                               .arg(port)
                                               .toUtf8()),
                             30000);

    // A bad spec is refused with the expected forms.
    const ProcessResult bad = runProcess({QStringLiteral("--serve"), QStringLiteral("tcp:x")}, {},
                                         30000, stdlabBinary(), env);
    QCOMPARE(bad.exitCode, 2);
    QVERIFY(!bad.timedOut);
    QVERIFY(bad.err.contains("invalid --serve 'tcp:x'"));

    for (QProcess *p : {&client, &server}) {
        p->terminate();
        if (!p->waitForFinished(10000)) {
            p->kill();
            p->waitForFinished(5000);
        }
    }
}

void tst_ChatPanel::inputHintFollowsRoleModeAndState()
{
    ChatPanel *a = newPanel();
    auto *input = child<MessageInput>(a, "messageInput");
    // A client not connected is told to connect, not to start a server.
    a->setRole(ChatPanel::ClientRole);
    QCOMPARE(input->placeholderText(), QStringLiteral("Connect to a server first"));
    // A greet server never takes the operator's messages, started or not.
    a->setRole(ChatPanel::ServerRole);
    auto *modes = child<QComboBox>(a, "serverMode");
    modes->setCurrentIndex(modes->findData(QStringLiteral("greet")));
    QCOMPARE(input->placeholderText(), QStringLiteral("In greet mode the server answers on its own"));
    modes->setCurrentIndex(modes->findData(QStringLiteral("chat")));
    QCOMPARE(input->placeholderText(), QStringLiteral("Start the server to talk to its clients"));
    // Nor does a UDP server.
    child<QComboBox>(a, "serverProtocol")->setCurrentIndex(1);
    QCOMPARE(input->placeholderText(), QStringLiteral("A UDP server only receives"));
    serve(a, QStringLiteral("echo"), true);
    QVERIFY(a->isServing());
    QCOMPARE(input->placeholderText(), QStringLiteral("A UDP server only receives"));
    a->stopServer();
    // After the UDP server, a TCP echo server.
    serve(a, QStringLiteral("echo"));
    QVERIFY(a->isServing());
    QCOMPARE(input->placeholderText(), QStringLiteral("In echo mode the server answers on its own"));
    QVERIFY(!input->isEnabled());
    a->stopServer();
    serve(a, QStringLiteral("chat"));
    QVERIFY(input->isEnabled());
    QVERIFY(input->placeholderText().startsWith(QLatin1String("Type a message")));
}

namespace {
/// The newest row of @p view is entirely in sight.
bool lastRowVisible(QListView *view)
{
    const QModelIndex last = view->model()->index(view->model()->rowCount() - 1, 0);
    const QRect r = view->visualRect(last);
    return r.isValid() && view->viewport()->rect().contains(r);
}
} // namespace

void tst_ChatPanel::viewFollowsNewRowsUnlessScrolledUp()
{
    auto *window = new MainWindow;
    window->resize(1100, 760);
    window->show();
    ChatPanel *a = window->chatPanel();
    window->selectTab(QStringLiteral("chat"));
    QVERIFY(QTest::qWaitForWindowExposed(window));
    const Chat chat = serveAndConnect(QStringLiteral("chat"), 1, a);
    QVERIFY(chat);
    ChatPanel *b = chat.clients.at(0);
    b->resize(900, 500);
    auto *viewA = child<QListView>(a, "conversationView");
    auto *viewB = child<QListView>(b, "conversationView");
    for (int i = 0; i < 200; ++i) {
        a->conversation()->appendSystem(QStringLiteral("relleno %1").arg(i));
        b->conversation()->appendSystem(QStringLiteral("relleno %1").arg(i));
    }
    QTRY_VERIFY(lastRowVisible(viewA));
    QTRY_VERIFY(lastRowVisible(viewB));

    // A message arrives while a two-line message is being typed (Shift+Enter grew the input).
    auto *inputB = child<MessageInput>(b, "messageInput");
    QTest::keyClicks(inputB, QStringLiteral("uno"));
    QTest::keyClick(inputB, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(inputB, QStringLiteral("dos"));
    QTest::qWait(50);
    type(a, QStringLiteral("mientras escribes"));
    WAIT_FOR(hasEntry(b, Direction::In, QByteArrayLiteral("mientras escribes")));
    QTest::qWait(100);
    QVERIFY(lastRowVisible(viewB));
    QTest::keyClick(inputB, Qt::Key_Return);
    WAIT_FOR(hasEntry(a, Direction::In, QByteArrayLiteral("dos")));
    QTest::qWait(100);
    QVERIFY(lastRowVisible(viewA));
    QVERIFY(lastRowVisible(viewB));

    // A two-line message to one chosen client, typed in the server.
    auto *recipient = child<QComboBox>(a, "recipient");
    WAIT_COMPARE(recipient->count(), 2);
    recipient->setCurrentIndex(1);
    auto *inputA = child<MessageInput>(a, "messageInput");
    QTest::keyClicks(inputA, QStringLiteral("solo"));
    QTest::keyClick(inputA, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(inputA, QStringLiteral("para ti"));
    QTest::qWait(50);
    QTest::keyClick(inputA, Qt::Key_Return);
    QVERIFY(hasEntry(a, Direction::Out, QByteArrayLiteral("para ti")));
    QTest::qWait(100);
    QVERIFY(lastRowVisible(viewA));
    WAIT_FOR(hasEntry(b, Direction::In, QByteArrayLiteral("para ti")));
    QTest::qWait(100);
    QVERIFY(lastRowVisible(viewB));

    // Scrolled up: the view stays where the user put it.
    viewB->verticalScrollBar()->setValue(0);
    type(a, QStringLiteral("otra vez"));
    WAIT_FOR(hasEntry(b, Direction::In, QByteArrayLiteral("otra vez")));
    QTest::qWait(100);
    QCOMPARE(viewB->verticalScrollBar()->value(), 0);
    QVERIFY(!lastRowVisible(viewB));
}

void tst_ChatPanel::enterInAPortFieldStartsOrConnects()
{
    ChatPanel *a = newPanel();
    a->setRole(ChatPanel::ServerRole);
    auto *serverPort = child<QSpinBox>(a, "serverPort");
    serverPort->setValue(0);
    serverPort->setFocus();
    QTest::keyClick(serverPort, Qt::Key_Return);
    QVERIFY(a->isServing());

    ChatPanel *b = newPanel();
    b->setRole(ChatPanel::ClientRole);
    auto *clientPort = child<QSpinBox>(b, "clientPort");
    clientPort->setValue(a->serverPort());
    clientPort->setFocus();
    QTest::keyClick(clientPort, Qt::Key_Enter);
    WAIT_FOR(b->isConnected());
}

void tst_ChatPanel::aClientHasNoClientsCount()
{
    ChatPanel *a = newPanel();
    a->setRole(ChatPanel::ServerRole);
    QVERIFY(child<QLabel>(a, "statClients")->isVisibleTo(a));
    QVERIFY(child<QLabel>(a, "statClientsLabel")->isVisibleTo(a));
    a->setRole(ChatPanel::ClientRole);
    QVERIFY(!child<QLabel>(a, "statClients")->isVisibleTo(a));
    QVERIFY(!child<QLabel>(a, "statClientsLabel")->isVisibleTo(a));
}

void tst_ChatPanel::longHintWrapsInSpanish()
{
    QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("es")));
    for (const QSize size : {QSize(800, 600), QSize(1100, 800)}) {
        auto *window = new MainWindow;
        window->resize(size);
        window->show();
        window->selectTab(QStringLiteral("chat"));
        QVERIFY(QTest::qWaitForWindowExposed(window));
        ChatPanel *b = window->chatPanel();
        connectTo(b, 9, true); // a UDP client can type at once: the long hint shows
        auto *input = child<MessageInput>(b, "messageInput");
        QVERIFY(input->isEnabled());
        const QString hint = input->placeholderText();
        QVERIFY2(hint.startsWith(QLatin1String("Escribe un mensaje")), qPrintable(hint));
        // Every line of the wrapped hint fits in the input.
        QTRY_VERIFY2(input->viewport()->height()
                         >= input->fontMetrics()
                                .boundingRect(QRect(0, 0, input->viewport()->width()
                                                          - 2 * int(input->document()->documentMargin()), 10000),
                                              Qt::TextWordWrap, hint)
                                    .height(),
                     qPrintable(QStringLiteral("%1x%2: viewport %3x%4")
                                    .arg(size.width()).arg(size.height())
                                    .arg(input->viewport()->width())
                                    .arg(input->viewport()->height())));
        delete window;
    }
}

void tst_ChatPanel::modeBoxReadableAt800x600()
{
    for (const QString &language : {QStringLiteral("en"), QStringLiteral("es")}) {
        QVERIFY(stdlab::installTranslations(qApp, language));
        MainWindow window;
        window.resize(800, 600);
        window.show();
        window.selectTab(QStringLiteral("chat"));
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ChatPanel *a = window.chatPanel();
        a->setRole(ChatPanel::ServerRole);
        auto *modes = child<QComboBox>(a, "serverMode");
        for (int i = 0; i < modes->count(); ++i) {
            modes->setCurrentIndex(i); // greet shows the Greeting field too
            QTRY_VERIFY2(modes->width() >= modes->sizeHint().width(),
                         qPrintable(QStringLiteral("%1 %2: %3 < %4")
                                        .arg(language, modes->currentText())
                                        .arg(modes->width())
                                        .arg(modes->sizeHint().width())));
            for (const char *name : {"serverPort", "serverThreads", "bindAddress", "startButton"}) {
                QWidget *w = child<QWidget>(a, name);
                QVERIFY2(w->width() >= w->sizeHint().width(),
                         qPrintable(QStringLiteral("%1 %2: %3 < %4")
                                        .arg(language, QLatin1String(name))
                                        .arg(w->width())
                                        .arg(w->sizeHint().width())));
            }
        }
        // The tab asks no more height than an 800x600 window has for it (the window was 618 px
        // tall: two form rows, a two-line hint and the sidebar's boxes).
        QVERIFY2(a->minimumSizeHint().height() <= 430,
                 qPrintable(QString::number(a->minimumSizeHint().height())));
        for (const char *name : {"chatSplitter", "statsBox", "clientsBox"}) {
            QWidget *w = child<QWidget>(a, name);
            QVERIFY2(w->height() >= w->minimumSizeHint().height(), name);
        }
    }
}

void tst_ChatPanel::clientsTableFitsWithoutSideways()
{
    for (const QSize size : {QSize(800, 600), QSize(1100, 800)}) {
        auto *window = new MainWindow;
        window->resize(size);
        window->show();
        window->selectTab(QStringLiteral("chat"));
        QVERIFY(QTest::qWaitForWindowExposed(window));
        ChatPanel *a = window->chatPanel();
        serve(a, QStringLiteral("echo"));
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, a->serverPort());
        QVERIFY(probe.waitForConnected(10000));
        WAIT_COMPARE(a->clients()->rowCount(), 1);
        auto *view = child<QTableView>(a, "clientsView");
        QTRY_VERIFY2(view->horizontalScrollBar()->maximum() == 0,
                     qPrintable(QStringLiteral("%1x%2: viewport %3, columns %4")
                                    .arg(size.width()).arg(size.height())
                                    .arg(view->viewport()->width())
                                    .arg(view->horizontalHeader()->length())));
        delete window;
    }
}

namespace {

/// The columns of @p view other than Address whose header or cell text is wider than the
/// column: "Messages (62 > 42)". Cells' text as the delegate lays it out (font + margins).
QString clippedColumns(const QTableView *view)
{
    const QHeaderView *header = view->horizontalHeader();
    const QFontMetrics fm = view->fontMetrics();
    const int margins
        = 2 * (view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1);
    QStringList clipped;
    for (int c = 0; c < view->model()->columnCount(); ++c) {
        if (c == ClientsModel::AddressColumn || view->isColumnHidden(c)) {
            continue;
        }
        int needed = header->sectionSizeHint(c);
        for (int r = 0; r < view->model()->rowCount(); ++r) {
            const QString text = view->model()->index(r, c).data().toString();
            needed = std::max(needed, fm.horizontalAdvance(text) + margins);
        }
        if (view->columnWidth(c) < needed) {
            clipped << QStringLiteral("%1 (%2 > %3)")
                           .arg(view->model()->headerData(c, Qt::Horizontal).toString())
                           .arg(needed)
                           .arg(view->columnWidth(c));
        }
    }
    return clipped.join(QStringLiteral(", "));
}

} // namespace

void tst_ChatPanel::clientsColumnsShowWholeHeadersAndValues()
{
    for (const QSize size : {QSize(800, 600), QSize(1920, 1080)}) {
        QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("en")));
        auto window = std::make_unique<MainWindow>();
        window->resize(size);
        window->show();
        window->selectTab(QStringLiteral("chat"));
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        ChatPanel *a = window->chatPanel();
        serve(a, QStringLiteral("echo"));
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, a->serverPort());
        QVERIFY(probe.waitForConnected(10000));
        probe.write(QByteArrayLiteral("hola mundo\n"));
        WAIT_COMPARE(a->clients()->rowCount(), 1);
        WAIT_FOR(a->clients()->clientAt(0).bytesIn > 0 && a->clients()->clientAt(0).bytesOut > 0
                 && a->clients()->clientAt(0).messages > 0);
        auto *view = child<QTableView>(a, "clientsView");
        // English, then Spanish in the open window (the widths follow the language).
        for (const QString &language : {QStringLiteral("en"), QStringLiteral("es")}) {
            QVERIFY(stdlab::installTranslations(qApp, language));
            QCoreApplication::processEvents();
            const QString where = QStringLiteral("%1x%2 %3: ")
                                      .arg(size.width()).arg(size.height()).arg(language);
            QTRY_VERIFY2(clippedColumns(view).isEmpty(),
                         qPrintable(where + clippedColumns(view)));
            QTRY_VERIFY2(view->horizontalScrollBar()->maximum() == 0,
                         qPrintable(where + QStringLiteral("scrolls sideways")));
        }
        a->stopServer();
    }
}

void tst_ChatPanel::threadColumnCountsThePoolOnly()
{
    ChatPanel *a = newPanel();
    child<QSpinBox>(a, "serverThreads")->setValue(2);
    // Start and stop a few times: the numbers start again with each server.
    for (int round = 0; round < 3; ++round) {
        serve(a, QStringLiteral("echo"));
        QVERIFY(a->isServing());
        a->stopServer();
    }
    serve(a, QStringLiteral("echo"));
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < 4; ++i) {
        sockets.push_back(std::make_unique<QTcpSocket>());
        sockets.back()->connectToHost(QHostAddress::LocalHost, a->serverPort());
        QVERIFY(sockets.back()->waitForConnected(10000));
    }
    WAIT_COMPARE(a->clients()->rowCount(), 4);
    QSet<QString> threads;
    for (int r = 0; r < 4; ++r) {
        threads.insert(a->clients()->index(r, ClientsModel::ThreadColumn).data().toString());
    }
    QCOMPARE(threads, (QSet<QString>{QStringLiteral("worker 1 of 2"), QStringLiteral("worker 2 of 2")}));
}

void tst_ChatPanel::logShowsWhatTheServerSent()
{
    ChatPanel *a = newPanel();
    a->setRole(ChatPanel::ServerRole);
    auto *modes = child<QComboBox>(a, "serverMode");
    modes->setCurrentIndex(modes->findData(QStringLiteral("greet")));
    child<QLineEdit>(a, "greeting")->setText(QStringLiteral("¡Buenas!"));
    serve(a, QStringLiteral("greet"));
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, a->serverPort());
    QVERIFY(probe.waitForConnected(10000));
    const quint16 probePort = probe.localPort(); // 0 once the greet server has closed it
    probe.write("hola\n");
    WAIT_FOR(hasEntry(a, Direction::Out, QStringLiteral("¡Buenas!")));
    const int row = findEntry(a->conversation(), Direction::Out, QStringLiteral("¡Buenas!").toUtf8());
    QCOMPARE(a->conversation()->entry(row).peer, QStringLiteral("127.0.0.1:%1").arg(probePort));
    QCOMPARE(a->conversation()->entry(row).data, QStringLiteral("¡Buenas!\n").toUtf8());
    a->stopServer();

    serve(a, QStringLiteral("echo"));
    QTcpSocket echo;
    echo.connectToHost(QHostAddress::LocalHost, a->serverPort());
    QVERIFY(echo.waitForConnected(10000));
    echo.write("eco eco\n");
    WAIT_FOR(hasEntry(a, Direction::Out, QByteArrayLiteral("eco eco")));
    const int echoed = findEntry(a->conversation(), Direction::Out, "eco eco");
    QCOMPARE(a->conversation()->entry(echoed).peer, QStringLiteral("127.0.0.1:%1").arg(echo.localPort()));
    QCOMPARE(a->conversation()->entry(echoed).data, QByteArrayLiteral("eco eco\n"));
}


void tst_ChatPanel::connectPresetReadsHostPortAsSendDoes()
{
    ChatPanel *b = newPanel();
    QString error;
    QVERIFY(b->connectPreset(QStringLiteral("udp:[::1]:5353"), &error));
    QCOMPARE(child<QLineEdit>(b, "clientHost")->text(), QStringLiteral("::1"));
    QCOMPARE(child<QSpinBox>(b, "clientPort")->value(), 5353);
    QCOMPARE(child<QComboBox>(b, "clientProtocol")->currentIndex(), 1);
    // "::1:80" is itself an IPv6 address: refused as `stdlab send` refuses it, not guessed.
    QVERIFY(!b->connectPreset(QStringLiteral("::1:80"), &error));
    QVERIFY2(error.contains(QLatin1String("invalid --connect '::1:80'")), qPrintable(error));
    QVERIFY(!b->connectPreset(QStringLiteral("127.0.0.1:0"), &error));
    QVERIFY(!b->connectPreset(QStringLiteral("127.0.0.1:+80"), &error));
}

/// Chooses the rules mode on @p panel's server form and fills its table with @p rules.
static void fillRules(ChatPanel *panel, const QList<std::pair<QString, QString>> &rules)
{
    panel->setRole(ChatPanel::ServerRole);
    auto *modes = child<QComboBox>(panel, "serverMode");
    modes->setCurrentIndex(modes->findData(QStringLiteral("rules")));
    QTest::mouseClick(child<QPushButton>(panel, "editRules"), Qt::LeftButton);
    QVERIFY(child<RulesEditor>(panel, "rulesEditor")->isVisible());
    auto *table = child<QTableWidget>(panel, "rulesTable");
    for (const auto &[pattern, reply] : rules) {
        // As a person would: Add Rule, then the two cells.
        QTest::mouseClick(child<QPushButton>(panel, "addRule"), Qt::LeftButton);
        const int row = table->rowCount() - 1;
        table->item(row, 0)->setText(pattern);
        table->item(row, 1)->setText(reply);
    }
}

void tst_ChatPanel::rulesModeAnswersFromTheTable()
{
    ChatPanel *a = newPanel();
    ChatPanel *b = newPanel();
    fillRules(a, {{QStringLiteral("(?P<a>\\d+)\\+(?P<b>\\d+)"), QStringLiteral("\\g<a> más \\g<b>")},
                  {QStringLiteral("hola|buenas"), QStringLiteral("¡\\g<0>!")}});
    child<QCheckBox>(a, "hasDefaultReply")->setChecked(true);
    child<QLineEdit>(a, "defaultReply")->setText(QStringLiteral("no entiendo"));
    // The Python pane shows the server with the same rules.
    const QString code = a->pythonCode();
    QVERIFY2(code.contains(QStringLiteral("    (re.compile('(?P<a>\\\\d+)\\\\+(?P<b>\\\\d+)'), "
                                          "'\\\\g<a> más \\\\g<b>'),\n")),
             qPrintable(code));
    QVERIFY(code.contains(QStringLiteral("DEFAULT = 'no entiendo'\n")));
    QVERIFY(code.contains(QStringLiteral("match = pattern.fullmatch(line)")));
    child<QSpinBox>(a, "serverPort")->setValue(0);
    QTest::mouseClick(child<QPushButton>(a, "startButton"), Qt::LeftButton);
    QVERIFY(a->isServing());
    QVERIFY(!child<RulesEditor>(a, "rulesEditor")->isEnabled());
    connectTo(b, a->serverPort());
    WAIT_FOR(b->isConnected());
    type(b, QStringLiteral("2+40"));
    WAIT_FOR(hasEntry(b, Direction::In, QStringLiteral("2 más 40")));
    type(b, QStringLiteral("buenas"));
    WAIT_FOR(hasEntry(b, Direction::In, QStringLiteral("¡buenas!")));
    type(b, QStringLiteral("¿qué?"));
    WAIT_FOR(hasEntry(b, Direction::In, QStringLiteral("no entiendo")));
    // The server's log shows both sides.
    WAIT_FOR(hasEntry(a, Direction::In, QStringLiteral("2+40")));
    WAIT_FOR(hasEntry(a, Direction::Out, QStringLiteral("2 más 40")));
}

void tst_ChatPanel::badRuleIsRefusedWithPythonsMessage()
{
    ChatPanel *a = newPanel();
    fillRules(a, {{QStringLiteral("hola"), QStringLiteral("¡hola!")},
                  {QStringLiteral("(a"), QStringLiteral("x")}});
    child<QSpinBox>(a, "serverPort")->setValue(0);
    QTest::mouseClick(child<QPushButton>(a, "startButton"), Qt::LeftButton);
    QVERIFY(!a->isServing());
    auto *error = child<MessageLabel>(a, "serverError");
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(
                 QLatin1String("rule 2: missing ), unterminated subpattern at position 0")),
             qPrintable(error->text()));
    // The Python pane shows the rules as typed, and why they fail (it showed `RULES = []`).
    const QString code = a->pythonCode();
    QVERIFY2(code.contains(QStringLiteral("RULES = [\n    (re.compile('hola'), '¡hola!'),\n"
                                          "    (re.compile('(a'), 'x'),\n]\n")),
             qPrintable(code));
    QVERIFY2(code.contains(QLatin1String(
                 "# re.error: rule 2: missing ), unterminated subpattern at position 0\n")),
             qPrintable(code));
    // Fixing the rule clears the message, and the server starts.
    child<QTableWidget>(a, "rulesTable")->item(1, 0)->setText(QStringLiteral("(a)"));
    QVERIFY(error->isEmpty());
    QTest::mouseClick(child<QPushButton>(a, "startButton"), Qt::LeftButton);
    QVERIFY(a->isServing());
}

void tst_ChatPanel::rulesAreKeptInTheSettings()
{
    ScratchDir dir;
    QSettings settings(dir.path() + QStringLiteral("/chat.ini"), QSettings::IniFormat);
    ChatPanel *a = newPanel();
    fillRules(a, {{QStringLiteral("(\\w+) (\\w+)"), QStringLiteral("\\2 \\1")},
                  {QStringLiteral("hola"), QStringLiteral("¡hola!")}});
    child<QCheckBox>(a, "hasDefaultReply")->setChecked(true);
    child<QLineEdit>(a, "defaultReply")->setText(QStringLiteral("¿cómo?"));
    a->saveSettings(settings);
    ChatPanel *b = newPanel();
    b->restoreSettings(settings);
    auto *editor = child<RulesEditor>(b, "rulesEditor");
    QCOMPARE(editor->rules(), (QList<stdlab::chat::ReplyRule>{
                                  {QStringLiteral("(\\w+) (\\w+)"), QStringLiteral("\\2 \\1")},
                                  {QStringLiteral("hola"), QStringLiteral("¡hola!")}}));
    QCOMPARE(editor->defaultReply(), std::optional<QString>(QStringLiteral("¿cómo?")));
    QCOMPARE(child<QComboBox>(b, "serverMode")->currentData().toString(), QStringLiteral("rules"));
    QVERIFY(child<QPushButton>(b, "editRules")->isVisible());
    QVERIFY2(child<QPushButton>(b, "editRules")->text().contains(QLatin1String("(2)")),
             qPrintable(child<QPushButton>(b, "editRules")->text()));
}

void tst_ChatPanel::tlsBetweenTwoWindowsWithAPinnedFingerprint()
{
    ChatPanel *a = newPanel();
    a->setRole(ChatPanel::ServerRole);
    auto *tls = child<QCheckBox>(a, "serverTls");
    QVERIFY(tls->isVisible());
    QVERIFY(!child<QWidget>(a, "tlsServerBox")->isVisible());
    tls->setChecked(true);
    QVERIFY(child<QWidget>(a, "tlsServerBox")->isVisible());
    serve(a, QStringLiteral("chat"));
    WAIT_FOR(a->isServing());
    // The fingerprint of the certificate it serves, shown and copyable; the switch is locked.
    auto *fingerprint = child<QLineEdit>(a, "tlsFingerprint");
    QVERIFY(fingerprint->isVisible());
    QVERIFY(a->session()->serverIdentity());
    QCOMPARE(fingerprint->text(), a->session()->serverIdentity()->fingerprint());
    QVERIFY2(QRegularExpression(QStringLiteral("^([0-9A-F]{2}:){31}[0-9A-F]{2}$"))
                 .match(fingerprint->text())
                 .hasMatch(),
             qPrintable(fingerprint->text()));
    QTest::mouseClick(child<QPushButton>(a, "tlsCopyFingerprint"), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), fingerprint->text());
    QVERIFY(!tls->isEnabled());
    QVERIFY(a->pythonCode().contains(
        QStringLiteral("context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)\n"
                       "context.load_cert_chain(CERT_FILE, KEY_FILE)\n")));

    // A client that trusts the system's CAs is refused, with the reason where it acted.
    ChatPanel *b = newPanel();
    b->setRole(ChatPanel::ClientRole);
    child<QCheckBox>(b, "clientTls")->setChecked(true);
    connectTo(b, a->serverPort());
    auto *error = child<MessageLabel>(b, "clientError");
    WAIT_FOR(error->isVisible());
    QVERIFY2(error->text().contains(
                 QStringLiteral("The server's certificate is self-signed and not trusted by "
                                "the system's CAs (sha256 %1)")
                     .arg(fingerprint->text())),
             qPrintable(error->text()));
    // The advice names this tab's controls, not stdlab send's options.
    QVERIFY2(error->text().contains(QStringLiteral("\"Pinned fingerprint\" with %1")
                                        .arg(fingerprint->text())),
             qPrintable(error->text()));
    QVERIFY2(!error->text().contains(QStringLiteral("--tls")), qPrintable(error->text()));
    QVERIFY(!b->isConnected());
    // A fingerprint that is not one is refused before connecting.
    auto *verify = child<QComboBox>(b, "tlsVerify");
    verify->setCurrentIndex(verify->findData(int(stdlab::net::TlsClientOptions::Verify::Fingerprint)));
    child<QLineEdit>(b, "tlsPin")->setText(QStringLiteral("12:34"));
    QTest::mouseClick(child<QPushButton>(b, "connectButton"), Qt::LeftButton);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("64 hexadecimal digits")), qPrintable(error->text()));
    QVERIFY(!b->isConnecting());
    // Pinned as pasted (lower case, no colons): connected, and the chat goes through.
    child<QLineEdit>(b, "tlsPin")->setText(fingerprint->text().toLower().remove(u':'));
    QTest::mouseClick(child<QPushButton>(b, "connectButton"), Qt::LeftButton);
    WAIT_FOR(b->isConnected());
    WAIT_FOR(hasEntry(b, Direction::System, QByteArrayLiteral("matches the pinned fingerprint")));
    type(b, QStringLiteral("hola cifrada"));
    WAIT_FOR(hasEntry(a, Direction::In, QByteArrayLiteral("hola cifrada")));
    type(a, QStringLiteral("respuesta cifrada"));
    WAIT_FOR(hasEntry(b, Direction::In, QByteArrayLiteral("respuesta cifrada")));
    QVERIFY(b->pythonCode().contains(QStringLiteral("FINGERPRINT = '%1'").arg(fingerprint->text())));
    QVERIFY(!child<QCheckBox>(b, "clientTls")->isEnabled());
    // Stopped: no fingerprint, the switch free again.
    QTest::mouseClick(child<QPushButton>(a, "startButton"), Qt::LeftButton);
    WAIT_FOR(!a->isServing());
    QVERIFY(!fingerprint->isVisible());
    QVERIFY(tls->isEnabled());
}

void tst_ChatPanel::tlsSettingsAreKept()
{
    ScratchDir dir;
    QSettings settings(dir.path() + QStringLiteral("/chat.ini"), QSettings::IniFormat);
    ChatPanel *a = newPanel();
    child<QCheckBox>(a, "serverTls")->setChecked(true);
    auto *source = child<QComboBox>(a, "tlsCertificateSource");
    source->setCurrentIndex(1);
    child<QLineEdit>(a, "tlsCertFile")->setText(QStringLiteral("/home/ana/cert.pem"));
    child<QLineEdit>(a, "tlsKeyFile")->setText(QStringLiteral("/home/ana/key.pem"));
    child<QCheckBox>(a, "clientTls")->setChecked(true);
    auto *verify = child<QComboBox>(a, "tlsVerify");
    verify->setCurrentIndex(verify->findData(int(stdlab::net::TlsClientOptions::Verify::CaFile)));
    child<QLineEdit>(a, "tlsCaFile")->setText(QStringLiteral("/home/ana/ca.pem"));
    QVERIFY(a->pythonCode().contains(QStringLiteral("\nCERT_FILE = '/home/ana/cert.pem'\n"
                                                    "KEY_FILE = '/home/ana/key.pem'\n")));
    a->saveSettings(settings);
    ChatPanel *b = newPanel();
    b->restoreSettings(settings);
    QVERIFY(child<QCheckBox>(b, "serverTls")->isChecked());
    QCOMPARE(child<QComboBox>(b, "tlsCertificateSource")->currentIndex(), 1);
    QCOMPARE(child<QLineEdit>(b, "tlsCertFile")->text(), QStringLiteral("/home/ana/cert.pem"));
    QCOMPARE(child<QLineEdit>(b, "tlsKeyFile")->text(), QStringLiteral("/home/ana/key.pem"));
    QVERIFY(child<QCheckBox>(b, "clientTls")->isChecked());
    QCOMPARE(child<QComboBox>(b, "tlsVerify")->currentData().toInt(),
             int(stdlab::net::TlsClientOptions::Verify::CaFile));
    QCOMPARE(child<QLineEdit>(b, "tlsCaFile")->text(), QStringLiteral("/home/ana/ca.pem"));
    // A user's files that do not exist: the server says why, under the form.
    b->setRole(ChatPanel::ServerRole);
    QTest::mouseClick(child<QPushButton>(b, "startButton"), Qt::LeftButton);
    QVERIFY(!b->isServing());
    auto *error = child<MessageLabel>(b, "serverError");
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("/home/ana/cert.pem")), qPrintable(error->text()));
}

void tst_ChatPanel::framingBetweenTwoWindows_data()
{
    QTest::addColumn<QString>("framing");
    QTest::addColumn<QString>("code"); // in both windows' Python code
    QTest::newRow("length") << "length" << "struct.pack(\"!I\", len(data))";
    QTest::newRow("fixed:16") << "fixed:16" << "SIZE = 16  #"; // a message fits one frame
    QTest::newRow("raw") << "raw" << "return sock.recv(65536) or None";
}

void tst_ChatPanel::framingBetweenTwoWindows()
{
    // The framing chosen in each window is the one its session frames with, and the one its
    // Python code reads and writes.
    QFETCH(QString, framing);
    QFETCH(QString, code);
    const stdlab::Framing f = stdlab::parseFraming(framing).value();
    ChatPanel *a = newPanel();
    a->setRole(ChatPanel::ServerRole);
    chooseFraming(a, "serverFraming", framing);
    QCOMPARE(a->session()->serverConfig().framing, f);
    QVERIFY2(a->pythonCode().contains(code), qPrintable(a->pythonCode()));
    serve(a, QStringLiteral("chat"));
    WAIT_FOR(a->isServing());
    QVERIFY(!child<QComboBox>(a, "serverFraming")->isEnabled());

    ChatPanel *b = newPanel();
    b->setRole(ChatPanel::ClientRole);
    chooseFraming(b, "clientFraming", framing);
    QCOMPARE(b->session()->clientConfig().framing, f);
    QVERIFY2(b->pythonCode().contains(code), qPrintable(b->pythonCode()));
    connectTo(b, a->serverPort());
    WAIT_FOR(b->isConnected());
    WAIT_COMPARE(a->clients()->rowCount(), 1);
    QVERIFY(!child<QComboBox>(b, "clientFraming")->isEnabled());
    type(b, QStringLiteral("hola enmarcado"));
    WAIT_FOR(hasEntry(a, Direction::In, QByteArrayLiteral("hola enmarcado")));
    type(a, QStringLiteral("respuesta"));
    WAIT_FOR(hasEntry(b, Direction::In, QByteArrayLiteral("respuesta")));
    // What each end received is the message, without the framing's bytes.
    const ConversationModel::Entry in = a->conversation()->entry(
        findEntry(a->conversation(), Direction::In, "hola enmarcado"));
    QCOMPARE(stdlab::net::Framer::unpadded(f, in.data), QByteArrayView("hola enmarcado"));
}

void tst_ChatPanel::framingIsKeptInTheSettings()
{
    ScratchDir dir;
    QSettings settings(dir.path() + QStringLiteral("/chat.ini"), QSettings::IniFormat);
    ChatPanel *a = newPanel();
    chooseFraming(a, "serverFraming", QStringLiteral("fixed:32"));
    chooseFraming(a, "clientFraming", QStringLiteral("length"));
    a->saveSettings(settings);
    QCOMPARE(settings.value(QStringLiteral("serverFraming")).toString(), QStringLiteral("fixed:32"));
    ChatPanel *b = newPanel();
    b->restoreSettings(settings);
    QCOMPARE(b->session()->serverConfig().framing,
             (stdlab::Framing{stdlab::FramingKind::Fixed, 32}));
    QCOMPARE(child<QSpinBox>(b, "serverFramingSize")->value(), 32);
    QCOMPARE(b->session()->clientConfig().framing, (stdlab::Framing{stdlab::FramingKind::Length, 0}));
    // A value that is not a framing leaves the default (newline).
    settings.setValue(QStringLiteral("serverFraming"), QStringLiteral("fixed:0"));
    ChatPanel *c = newPanel();
    c->restoreSettings(settings);
    QCOMPARE(c->session()->serverConfig().framing.kind, stdlab::FramingKind::Newline);
}

void tst_ChatPanel::framingIsTcpOnlyAndLockedWhileLive()
{
    ChatPanel *a = newPanel();
    a->show();
    QVERIFY(QTest::qWaitForWindowExposed(a));
    a->setRole(ChatPanel::ServerRole);
    auto *kind = child<QComboBox>(a, "serverFraming");
    auto *size = child<QSpinBox>(a, "serverFramingSize");
    QVERIFY(kind->isVisible());
    QVERIFY(!size->isVisible()); // newline: no size
    chooseFraming(a, "serverFraming", QStringLiteral("fixed:4"));
    QVERIFY(size->isVisible());
    child<QComboBox>(a, "serverProtocol")->setCurrentIndex(1); // UDP: a datagram is a message
    QVERIFY(!kind->isVisible());
    child<QComboBox>(a, "serverProtocol")->setCurrentIndex(0);
    QVERIFY(kind->isVisible());
    serve(a, QStringLiteral("echo"));
    WAIT_FOR(a->isServing());
    QVERIFY(!kind->isEnabled());
    QVERIFY(!size->isEnabled());
    QTest::mouseClick(child<QPushButton>(a, "startButton"), Qt::LeftButton);
    WAIT_FOR(!a->isServing());
    QVERIFY(kind->isEnabled());
}

void tst_ChatPanel::bytesInputSendsEscapesAndHex()
{
    // Over length framing a message arrives byte for byte as sent: what the escapes and the hex
    // typed in the client's input put on the wire, and what its Python pane says went.
    ChatPanel *a = newPanel();
    a->setRole(ChatPanel::ServerRole);
    chooseFraming(a, "serverFraming", QStringLiteral("length"));
    serve(a, QStringLiteral("chat"));
    WAIT_FOR(a->isServing());
    ChatPanel *b = newPanel();
    b->setRole(ChatPanel::ClientRole);
    chooseFraming(b, "clientFraming", QStringLiteral("length"));
    connectTo(b, a->serverPort());
    WAIT_FOR(b->isConnected());
    WAIT_COMPARE(a->clients()->rowCount(), 1);
    auto *encoding = child<QComboBox>(b, "inputEncoding");
    auto received = [&](const QByteArray &bytes) {
        for (int i = 0; i < a->conversation()->entryCount(); ++i) {
            const ConversationModel::Entry &e = a->conversation()->entry(i);
            if (e.direction == Direction::In && e.data == bytes) {
                return true;
            }
        }
        return false;
    };
    encoding->setCurrentIndex(encoding->findData(int(InputEncoding::Escapes)));
    type(b, QStringLiteral("\\x00\\r\\n\\xff"));
    WAIT_FOR(received(QByteArray("\0\r\n\xff", 4)));
    QVERIFY2(b->pythonCode().contains(QStringLiteral("#     send_message(s, b'\\x00\\r\\n\\xff')")),
             qPrintable(b->pythonCode()));
    encoding->setCurrentIndex(encoding->findData(int(InputEncoding::Hex)));
    type(b, QStringLiteral("48 65 6c"));
    WAIT_FOR(received("Hel"));
    QVERIFY(b->pythonCode().contains(QStringLiteral("send_message(s, b'Hel')")));
    // Not hex: refused under the input, kept there, nothing sent.
    const int entries = a->conversation()->entryCount();
    auto *input = child<MessageInput>(b, "messageInput");
    input->setPlainText(QStringLiteral("48 6"));
    QTest::keyClick(input, Qt::Key_Return);
    auto *error = child<MessageLabel>(b, "sendError");
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("non-hexadecimal number found in fromhex() arg "
                                                   "at position 4")),
             qPrintable(error->text()));
    QCOMPARE(input->toPlainText(), QStringLiteral("48 6"));
    QTest::qWait(300);
    QCOMPARE(a->conversation()->entryCount(), entries);
    // The choice is kept.
    ScratchDir dir;
    QSettings settings(dir.path() + QStringLiteral("/chat.ini"), QSettings::IniFormat);
    b->saveSettings(settings);
    ChatPanel *c = newPanel();
    c->restoreSettings(settings);
    QCOMPARE(child<QComboBox>(c, "inputEncoding")->currentData().toInt(), int(InputEncoding::Hex));
}

void tst_ChatPanel::sendFileStreamsItFramed()
{
    ChatPanel *a = newPanel();
    a->setRole(ChatPanel::ServerRole);
    chooseFraming(a, "serverFraming", QStringLiteral("length"));
    serve(a, QStringLiteral("chat"));
    WAIT_FOR(a->isServing());
    ChatPanel *b = newPanel();
    auto prompter = std::make_unique<FakePrompter>();
    FakePrompter *ask = prompter.get();
    b->setPrompter(std::move(prompter));
    b->setRole(ChatPanel::ClientRole);
    chooseFraming(b, "clientFraming", QStringLiteral("length"));
    auto *button = child<QPushButton>(b, "sendFileButton");
    QVERIFY(!button->isEnabled()); // not connected yet
    connectTo(b, a->serverPort());
    WAIT_FOR(b->isConnected());
    WAIT_COMPARE(a->clients()->rowCount(), 1);
    QVERIFY(button->isEnabled());
    ScratchDir dir;
    QByteArray content(300'000, '\0');
    for (int i = 0; i < content.size(); ++i) {
        content[i] = char(i * 7 % 253);
    }
    {
        QFile f(dir.filePath("datos.bin"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    ask->fileToSend = dir.filePath("datos.bin");
    QTest::mouseClick(button, Qt::LeftButton);
    // One length frame: the server's one message is the whole file.
    WAIT_FOR(findEntry(a->conversation(), Direction::In, content.left(100)) >= 0);
    const ConversationModel::Entry in = a->conversation()->entry(
        findEntry(a->conversation(), Direction::In, content.left(100)));
    QCOMPARE(in.data.size(), content.size());
    QVERIFY(in.data == content);
    WAIT_FOR(hasEntry(b, Direction::System, QStringLiteral("Sent %1: %2 bytes")
                                                 .arg(dir.filePath("datos.bin"),
                                                      QLocale().toString(300'004))));
    // No 64 KiB chunks as messages in the client's log.
    for (int i = 0; i < b->conversation()->entryCount(); ++i) {
        QVERIFY(b->conversation()->entry(i).direction != Direction::Out);
    }
    QCOMPARE(button->text(), QStringLiteral("Send File…"));
    const QString code = b->pythonCode();
    QVERIFY2(code.contains(QStringLiteral("#     with open(%1, \"rb\") as f:\n")
                               .arg(QStringLiteral("'") + dir.filePath("datos.bin") + u'\''))
                 && code.contains(u"#         s.sendall(struct.pack(\"!I\", size))\n"
                                  u"#         s.sendfile(f)\n"),
             qPrintable(code));
    // A pipe is refused at once, under the input.
    const QString fifo = dir.filePath("pipe");
    QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    ask->fileToSend = fifo;
    QTest::mouseClick(button, Qt::LeftButton);
    auto *error = child<MessageLabel>(b, "sendError");
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("not a regular file")), qPrintable(error->text()));
    QVERIFY(b->isConnected());
}

void tst_ChatPanel::serverSendsAFileToTheClientChosen()
{
    // A chat server's operator sends a 3 MiB file, raw, to one client: it arrives whole while
    // the server's queue toward that client stays bounded (over 4 MiB would drop it).
    ChatPanel *a = newPanel();
    auto prompter = std::make_unique<FakePrompter>();
    FakePrompter *ask = prompter.get();
    a->setPrompter(std::move(prompter));
    a->setRole(ChatPanel::ServerRole);
    chooseFraming(a, "serverFraming", QStringLiteral("raw"));
    serve(a, QStringLiteral("chat"));
    WAIT_FOR(a->isServing());
    auto *button = child<QPushButton>(a, "sendFileButton");
    QVERIFY(button->isVisible());
    QVERIFY(!button->isEnabled()); // nobody to send to yet
    QTcpSocket reader;
    reader.connectToHost(QHostAddress::LocalHost, a->serverPort());
    QVERIFY(reader.waitForConnected(10000));
    WAIT_COMPARE(a->clients()->rowCount(), 1);
    WAIT_FOR(button->isEnabled());
    ScratchDir dir;
    QByteArray content(3 * 1024 * 1024, '\0');
    for (int i = 0; i < content.size(); ++i) {
        content[i] = char('a' + i % 26);
    }
    {
        QFile f(dir.filePath("grande.txt"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    ask->fileToSend = dir.filePath("grande.txt");
    // All clients: refused, one must be chosen.
    auto *recipient = child<QComboBox>(a, "recipient");
    recipient->setCurrentIndex(0);
    QTest::mouseClick(button, Qt::LeftButton);
    auto *error = child<MessageLabel>(a, "sendError");
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("choose the client")), qPrintable(error->text()));
    recipient->setCurrentIndex(1);
    QTest::mouseClick(button, Qt::LeftButton);
    QByteArray got;
    WAIT_FOR((got += reader.readAll()).size() >= content.size());
    QVERIFY(got == content);
    WAIT_FOR(hasEntry(a, Direction::System, QStringLiteral("Sent %1: %2 bytes")
                                                 .arg(dir.filePath("grande.txt"),
                                                      QLocale().toString(content.size()))));
    QCOMPARE(a->clients()->rowCount(), 1); // never dropped as a client that does not read
    QVERIFY(a->pythonCode().contains(u"#         connection.sendfile(f)\n"));
}

QTEST_MAIN(tst_ChatPanel)
#include "tst_chatpanel.moc"

void tst_ChatPanel::errorsAppearUnderTheirFieldsAndMoveNothing()
{
    // One message widget for the whole app (MessageLabel), under the field at fault, in space
    // kept for it: the conversation, the input and the sidebar stay where they were.
    ChatPanel *a = newPanel();
    serve(a, QStringLiteral("echo"));
    QVERIFY(a->isServing());
    ChatPanel *c = newPanel();
    c->resize(800, 430);
    QVERIFY(QTest::qWaitForWindowExposed(c));
    c->setRole(ChatPanel::ServerRole);
    auto *port = child<QSpinBox>(c, "serverPort");
    port->setValue(a->serverPort());
    QCoreApplication::processEvents();
    auto geometries = [](const ChatPanel *panel) {
        QList<QRect> rects;
        for (const char *name : {"chatSplitter", "conversationView", "messageInput", "statsBox"}) {
            const QWidget *w = child<QWidget>(panel, name);
            rects << QRect(w->mapTo(panel, QPoint(0, 0)), w->size());
        }
        return rects;
    };
    const QList<QRect> before = geometries(c);
    QTest::mouseClick(child<QPushButton>(c, "startButton"), Qt::LeftButton);
    auto *serverError = child<MessageLabel>(c, "serverError");
    QCOMPARE(serverError->kind(), MessageLabel::Error);
    QVERIFY(serverError->isVisible());
    QVERIFY(serverError->mapTo(c, QPoint(0, 0)).y() > port->mapTo(c, QPoint(0, 0)).y());
    QCoreApplication::processEvents();
    QCOMPARE(geometries(c), before);

    // A datagram too large: the error is under the input, and nothing moves either.
    ChatPanel *b = newPanel();
    b->resize(800, 430);
    QVERIFY(QTest::qWaitForWindowExposed(b));
    connectTo(b, 9, true);
    // The role's own layout settles first (the sidebar loses its clients table): that is the
    // switch to Client, not the error.
    for (int i = 0; i < 3; ++i) {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QCoreApplication::processEvents();
    }
    const QList<QRect> clientBefore = geometries(b);
    b->sendText(QString(70000, QLatin1Char('x')));
    auto *sendError = child<MessageLabel>(b, "sendError");
    QCOMPARE(sendError->kind(), MessageLabel::Error);
    QVERIFY(sendError->isVisible());
    const QWidget *input = child<QWidget>(b, "messageInput");
    QVERIFY(sendError->mapTo(b, QPoint(0, 0)).y() >= input->mapTo(b, QPoint(0, input->height())).y());
    QCoreApplication::processEvents();
    QCOMPARE(geometries(b), clientBefore);
    // No widget of the tab paints its own error style any more.
    for (QLabel *label : c->findChildren<QLabel *>()) {
        QVERIFY2(label->styleSheet().isEmpty(), qPrintable(label->objectName()));
    }
}

// The Chat tab's session without widgets: its states, what the input offers in each, the send
// rules, errors as codes, and the models it fills, against raw sockets on 127.0.0.1.
#include "chat/chatsession.h"
#include "tcpclient.h"
#include "localization.h"

#include <QAbstractItemModelTester>
#include <QHostInfo>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

#include <memory>

using namespace stdlab::chat;
using Hint = ChatSession::InputHint;
using Code = ChatSession::ErrorCode;
using State = ChatSession::State;
using stdlab::net::ServerMode;

#define WAIT_FOR(expr) QTRY_VERIFY_WITH_TIMEOUT(expr, 20000)
#define WAIT_COMPARE(actual, expected) QTRY_COMPARE_WITH_TIMEOUT(actual, expected, 20000)

namespace {

ServerConfig server(ServerMode mode, Protocol protocol = Protocol::Tcp)
{
    ServerConfig c;
    c.protocol = protocol;
    c.mode = mode;
    c.port = 0;
    c.threads = 2;
    return c;
}

ClientConfig client(quint16 port, Protocol protocol = Protocol::Tcp,
                    const QString &host = QStringLiteral("127.0.0.1"))
{
    ClientConfig c;
    c.protocol = protocol;
    c.host = host;
    c.port = port;
    return c;
}

bool hasEntry(const ConversationModel *log, ConversationModel::Direction direction,
              const QByteArray &text)
{
    for (int i = 0; i < log->entryCount(); ++i) {
        if (log->entry(i).direction == direction && log->entry(i).data.contains(text)) {
            return true;
        }
    }
    return false;
}

/// Starts @p session's server with @p config and connects @p socket to it: true once that
/// client is in the session's clients list.
bool serveWithClient(ChatSession *session, const ServerConfig &config, QTcpSocket &socket)
{
    session->setServerConfig(config);
    if (!session->startServer()) {
        return false;
    }
    const int before = session->clients()->rowCount();
    socket.connectToHost(QHostAddress::LocalHost, session->serverPort());
    return socket.waitForConnected(10000)
        && QTest::qWaitFor([&] { return session->clients()->rowCount() == before + 1; }, 20000);
}

quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class tst_ChatSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void inputHintFollowsRoleProtocolAndMode_data();
    void inputHintFollowsRoleProtocolAndMode();
    void inputHintFollowsTheServerThatRuns();
    void serverStatesAndPort();
    void serverSendRules();
    void broadcastIsOneLogEntry();
    void messageToOneClientReachesOnlyIt();
    void clientsModelFollowsJoinsAndLeaves();
    void rawBytesReachAClientFoundByIdOrAddress();
    void commandLineOptionsReachTheEngine();
    void clientSendRules();
    void clientSendsRawBytesAndSeesEachRead();
    void listenFailureCarriesItsCause();
    void refusedConnectionCarriesItsCause();
    void clientStatesThroughAConnection();
    void localhostClientSaysWhichLoopbackAnswered();
    void statsAreSampledWhileLive();
    void pythonCodeFollowsTheConfig();
    void invalidRulesAreShownAsTypedWithTheirError();

private:
    std::unique_ptr<ChatSession> m_session;
    std::unique_ptr<QAbstractItemModelTester> m_logTester;
    std::unique_ptr<QAbstractItemModelTester> m_clientsTester;
};

void tst_ChatSession::initTestCase()
{
    // English plural forms ("1 client", "2 clients") come from the English catalogue.
    QVERIFY(stdlab::installTranslations(QCoreApplication::instance(), QStringLiteral("en")));
}

void tst_ChatSession::init()
{
    m_session = std::make_unique<ChatSession>();
    m_session->setBatchIntervalMs(5);
    m_logTester = std::make_unique<QAbstractItemModelTester>(
        m_session->conversation(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_clientsTester = std::make_unique<QAbstractItemModelTester>(
        m_session->clients(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void tst_ChatSession::cleanup()
{
    m_logTester.reset();
    m_clientsTester.reset();
    m_session.reset();
}

void tst_ChatSession::inputHintFollowsRoleProtocolAndMode_data()
{
    QTest::addColumn<Role>("role");
    QTest::addColumn<Protocol>("protocol");
    QTest::addColumn<ServerMode>("mode");
    QTest::addColumn<QString>("host");
    QTest::addColumn<Hint>("hint");
    const QString host = QStringLiteral("127.0.0.1");
    QTest::newRow("a chat server not started: start it")
        << Role::Server << Protocol::Tcp << ServerMode::Chat << host << Hint::StartServer;
    QTest::newRow("a room server not started: start it")
        << Role::Server << Protocol::Tcp << ServerMode::Room << host << Hint::StartServer;
    QTest::newRow("a greet server answers on its own, started or not")
        << Role::Server << Protocol::Tcp << ServerMode::Greet << host << Hint::ServerAnswers;
    QTest::newRow("an echo server answers on its own, started or not")
        << Role::Server << Protocol::Tcp << ServerMode::Echo << host << Hint::ServerAnswers;
    QTest::newRow("a UDP server only receives, started or not")
        << Role::Server << Protocol::Udp << ServerMode::Chat << host << Hint::UdpServerReceives;
    QTest::newRow("a TCP client not connected: connect first")
        << Role::Client << Protocol::Tcp << ServerMode::Chat << host << Hint::ConnectFirst;
    QTest::newRow("a UDP client with a host can send")
        << Role::Client << Protocol::Udp << ServerMode::Chat << host << Hint::Ready;
    QTest::newRow("a UDP client without a host: enter one")
        << Role::Client << Protocol::Udp << ServerMode::Chat << QString() << Hint::EnterHost;
}

void tst_ChatSession::inputHintFollowsRoleProtocolAndMode()
{
    QFETCH(Role, role);
    QFETCH(Protocol, protocol);
    QFETCH(ServerMode, mode);
    QFETCH(QString, host);
    QFETCH(Hint, hint);
    m_session->setRole(role);
    m_session->setServerConfig(server(mode, protocol));
    m_session->setClientConfig(client(1234, protocol, host));
    QCOMPARE(m_session->inputHint(), hint);
    QCOMPARE(m_session->canSend(), hint == Hint::Ready);
}

void tst_ChatSession::inputHintFollowsTheServerThatRuns()
{
    QSignalSpy inputChanged(m_session.get(), &ChatSession::inputChanged);
    m_session->setServerConfig(server(ServerMode::Echo, Protocol::Udp));
    QVERIFY(m_session->startServer());
    QCOMPARE(m_session->inputHint(), Hint::UdpServerReceives);
    m_session->stopServer();
    // After a UDP server, a TCP echo server: it answers on its own, it does not "only receive".
    m_session->setServerConfig(server(ServerMode::Echo));
    QVERIFY(m_session->startServer());
    QCOMPARE(m_session->inputHint(), Hint::ServerAnswers);
    m_session->stopServer();
    m_session->setServerConfig(server(ServerMode::Chat));
    QCOMPARE(m_session->inputHint(), Hint::StartServer);
    QVERIFY(m_session->startServer());
    QCOMPARE(m_session->inputHint(), Hint::Ready);
    QVERIFY(m_session->canChooseRecipient());
    QVERIFY(inputChanged.count() >= 6);
    m_session->stopServer();
    QCOMPARE(m_session->inputHint(), Hint::StartServer);
    QVERIFY(!m_session->canChooseRecipient());
}

void tst_ChatSession::serverStatesAndPort()
{
    QSignalSpy states(m_session.get(), &ChatSession::stateChanged);
    QSignalSpy serverState(m_session.get(), &ChatSession::serverStateChanged);
    QCOMPARE(m_session->state(), State::Idle);
    m_session->setServerConfig(server(ServerMode::Chat));
    QVERIFY(m_session->startServer());
    QCOMPARE(m_session->state(), State::Listening);
    const quint16 port = m_session->serverPort();
    QVERIFY(port > 0);
    QCOMPARE(m_session->peer(), QStringLiteral("127.0.0.1:%1").arg(port));
    QCOMPARE(serverState.count(), 1);
    QCOMPARE(serverState.at(0).at(1).value<quint16>(), port);
    m_session->stopServer();
    QCOMPARE(m_session->state(), State::Idle);
    QCOMPARE(m_session->serverPort(), quint16(0));
    QCOMPARE(states.count(), 3);
    QCOMPARE(states.at(0).at(0).value<State>(), State::Listening);
    QCOMPARE(states.at(1).at(0).value<State>(), State::Stopping);
    QCOMPARE(states.at(2).at(0).value<State>(), State::Idle);
    QCOMPARE(serverState.count(), 2);
    QCOMPARE(serverState.at(1).at(0).toBool(), false);
}

void tst_ChatSession::serverSendRules()
{
    QSignalSpy errors(m_session.get(), &ChatSession::errorOccurred);
    QVERIFY(!m_session->send(QStringLiteral("hola")));
    QCOMPARE(m_session->error().code, Code::NotServingTcp);
    QCOMPARE(errors.count(), 1);

    m_session->setServerConfig(server(ServerMode::Chat));
    QVERIFY(m_session->startServer());
    QVERIFY(!m_session->send(QStringLiteral("hola")));
    QCOMPARE(m_session->error().code, Code::NoClients);
    QCOMPARE(m_session->error().port, m_session->serverPort());
    QVERIFY(!m_session->send(QStringLiteral("hola"), 4242));
    QCOMPARE(m_session->error().code, Code::RecipientGone);
    // Nothing typed: nothing sent, no error either.
    QVERIFY(!m_session->send(QString()));
    QCOMPARE(m_session->error().code, Code::None);
    QCOMPARE(errors.count(), 3);
}

void tst_ChatSession::broadcastIsOneLogEntry()
{
    m_session->setServerConfig(server(ServerMode::Chat));
    QVERIFY(m_session->startServer());
    QTcpSocket a;
    QTcpSocket b;
    for (QTcpSocket *s : {&a, &b}) {
        s->connectToHost(QHostAddress::LocalHost, m_session->serverPort());
        QVERIFY(s->waitForConnected(10000));
    }
    WAIT_COMPARE(m_session->clients()->rowCount(), 2);
    const int before = m_session->conversation()->entryCount();
    QVERIFY(m_session->send(QStringLiteral("para todos")));
    QCOMPARE(m_session->conversation()->entryCount(), before + 1);
    const ConversationModel::Entry &e = m_session->conversation()->entry(before);
    QCOMPARE(e.direction, ConversationModel::Direction::Out);
    QCOMPARE(e.peer, QStringLiteral("all (2 clients)"));
    QCOMPARE(e.data, QByteArrayLiteral("para todos\n"));
    for (QTcpSocket *s : {&a, &b}) {
        WAIT_FOR(s->canReadLine() || s->waitForReadyRead(100));
        QCOMPARE(s->readLine(), QByteArrayLiteral("para todos\n"));
    }
}

void tst_ChatSession::messageToOneClientReachesOnlyIt()
{
    QTcpSocket a;
    QVERIFY(serveWithClient(m_session.get(), server(ServerMode::Chat), a));
    const quint64 aId = m_session->clients()->idAt(0);
    QTcpSocket b;
    b.connectToHost(QHostAddress::LocalHost, m_session->serverPort());
    QVERIFY(b.waitForConnected(10000));
    WAIT_COMPARE(m_session->clients()->rowCount(), 2);
    QVERIFY(m_session->send(QStringLiteral("solo para a"), aId));
    const int last = m_session->conversation()->entryCount() - 1;
    QCOMPARE(m_session->conversation()->entry(last).peer, m_session->clients()->client(aId)->address);
    WAIT_FOR(a.canReadLine() || a.waitForReadyRead(100));
    QCOMPARE(a.readLine(), QByteArrayLiteral("solo para a\n"));
    QVERIFY(!b.waitForReadyRead(300));
}

void tst_ChatSession::clientsModelFollowsJoinsAndLeaves()
{
    QSignalSpy recipients(m_session.get(), &ChatSession::recipientsChanged);
    m_session->setServerConfig(server(ServerMode::Echo));
    QVERIFY(m_session->startServer());
    auto a = std::make_unique<QTcpSocket>();
    a->connectToHost(QHostAddress::LocalHost, m_session->serverPort());
    QVERIFY(a->waitForConnected(10000));
    WAIT_COMPARE(m_session->clients()->rowCount(), 1);
    QVERIFY(m_session->clients()->clientAt(0).address.startsWith(QLatin1String("127.0.0.1:")));
    QCOMPARE(m_session->clients()->clientAt(0).address,
             QStringLiteral("127.0.0.1:%1").arg(a->localPort()));
    QVERIFY(recipients.count() >= 1);
    recipients.clear();
    // Traffic alone never rebuilds the recipients.
    a->write("uno\n");
    WAIT_FOR(hasEntry(m_session->conversation(), ConversationModel::Direction::In, "uno"));
    WAIT_COMPARE(m_session->clients()->clientAt(0).messages, qint64(2));
    QCOMPARE(recipients.count(), 0);
    m_session->kick({m_session->clients()->idAt(0)});
    WAIT_COMPARE(m_session->clients()->rowCount(), 0);
    QVERIFY(recipients.count() >= 1);
    WAIT_FOR(hasEntry(m_session->conversation(), ConversationModel::Direction::System, "kicked"));
    // Stop empties the list at once.
    auto b = std::make_unique<QTcpSocket>();
    b->connectToHost(QHostAddress::LocalHost, m_session->serverPort());
    QVERIFY(b->waitForConnected(10000));
    WAIT_COMPARE(m_session->clients()->rowCount(), 1);
    m_session->stopServer();
    QCOMPARE(m_session->clients()->rowCount(), 0);
}

void tst_ChatSession::rawBytesReachAClientFoundByIdOrAddress()
{
    // `stdlab serve --mode chat` sends the operator's bytes through the session: exactly as
    // given (a 0xFF stays one byte, no newline added), to a client named by id or address.
    QTcpSocket a;
    QVERIFY(serveWithClient(m_session.get(), server(ServerMode::Chat), a));
    const quint64 id = m_session->clients()->idAt(0);
    const QString address = QStringLiteral("127.0.0.1:%1").arg(a.localPort());
    QCOMPARE(m_session->findClient(address), id);
    QCOMPARE(m_session->findClient(QString::number(id)), id);
    QCOMPARE(m_session->findClient(QStringLiteral("999")), quint64(0));
    QCOMPARE(m_session->findClient(QStringLiteral("127.0.0.1:1")), quint64(0));
    QVERIFY(m_session->sendData(QByteArrayLiteral("\xff\x00 sin fin"), id));
    QByteArray got;
    WAIT_FOR((got += a.readAll()).size() >= 10 || a.waitForReadyRead(100));
    QCOMPARE(got, QByteArrayLiteral("\xff\x00 sin fin"));
    QVERIFY(!m_session->sendData(QByteArrayLiteral("x\n"), 999));
    QCOMPARE(m_session->error().code, Code::RecipientGone);
}

void tst_ChatSession::commandLineOptionsReachTheEngine()
{
    // --max-clients, --quiet and the echoes `serve` leaves out of its log.
    ServerConfig config = server(ServerMode::Echo);
    config.maxClients = 1;
    config.reportMessages = false;
    config.reportReplies = false;
    QSignalSpy batches(m_session.get(), &ChatSession::eventsReady);
    QTcpSocket a;
    QVERIFY(serveWithClient(m_session.get(), config, a));
    a.write("eco\n");
    WAIT_FOR(a.canReadLine() || a.waitForReadyRead(100));
    QCOMPARE(a.readLine(), QByteArrayLiteral("eco\n"));
    QTcpSocket b;
    b.connectToHost(QHostAddress::LocalHost, m_session->serverPort());
    QVERIFY(b.waitForConnected(10000));
    WAIT_FOR(b.canReadLine() || b.waitForReadyRead(100));
    QCOMPARE(b.readLine(), QByteArrayLiteral("sorry, server full: the maximum is 1 clients\n"));
    WAIT_COMPARE(m_session->clients()->clientAt(0).messages, qint64(2)); // counted, not reported
    QList<stdlab::net::NetEvent::Kind> kinds;
    for (const QList<QVariant> &batch : std::as_const(batches)) {
        for (const stdlab::net::NetEvent &e : batch.at(0).value<stdlab::net::NetEvents>()) {
            kinds << e.kind;
        }
    }
    QVERIFY(kinds.contains(stdlab::net::NetEvent::Connected));
    QVERIFY(kinds.contains(stdlab::net::NetEvent::Error)); // b refused
    QVERIFY(!kinds.contains(stdlab::net::NetEvent::Message)); // --quiet
    QVERIFY(!kinds.contains(stdlab::net::NetEvent::Sent));    // no echoes in the log
}

void tst_ChatSession::clientSendsRawBytesAndSeesEachRead()
{
    // `stdlab send tcp` through the session: bytes as given, each read as it arrives, and how
    // much still waits for the kernel.
    QTcpServer peer;
    QVERIFY(peer.listen(QHostAddress::LocalHost, 0));
    m_session->setRole(Role::Client);
    ClientConfig config = client(peer.serverPort());
    config.connectTimeoutMs = 2000;
    m_session->setClientConfig(config);
    QSignalSpy reads(m_session.get(), &ChatSession::dataReceived);
    QSignalSpy written(m_session.get(), &ChatSession::bytesWritten);
    QVERIFY(m_session->connectToServer());
    QVERIFY(peer.waitForNewConnection(10000));
    QTcpSocket *other = peer.nextPendingConnection();
    WAIT_COMPARE(m_session->state(), State::Connected);
    QVERIFY(m_session->sendData(QByteArrayLiteral("\xff sin salto")));
    QByteArray got;
    WAIT_FOR((got += other->readAll()).size() >= 11 || other->waitForReadyRead(100));
    QCOMPARE(got, QByteArrayLiteral("\xff sin salto"));
    WAIT_FOR(written.count() >= 1);
    QCOMPARE(m_session->bytesToWrite(), qint64(0));
    other->write("\xfe respuesta");
    other->flush();
    const auto allReads = [&reads] {
        QByteArray all;
        for (const QList<QVariant> &r : std::as_const(reads)) {
            all += r.at(0).toByteArray();
        }
        return all;
    };
    WAIT_COMPARE(allReads(), QByteArrayLiteral("\xfe respuesta"));
}

void tst_ChatSession::clientSendRules()
{
    m_session->setRole(Role::Client);
    m_session->setClientConfig(client(9));
    QVERIFY(!m_session->send(QStringLiteral("hola")));
    QCOMPARE(m_session->error().code, Code::NotConnected);

    m_session->setClientConfig(client(9, Protocol::Udp));
    QVERIFY(!m_session->send(QString(70000, QLatin1Char('x'))));
    QCOMPARE(m_session->error().code, Code::DatagramTooLarge);
    QCOMPARE(m_session->error().size, qint64(70000));
    // `stdlab send udp` prints the engine's own words for it.
    QCOMPARE(m_session->error().text,
             QStringLiteral("datagram too large: 70,000 bytes (the maximum is 65,507)"));
    QVERIFY(m_session->send(QString(ChatSession::kMaxDatagram, QLatin1Char('x'))));
    QCOMPARE(m_session->error().code, Code::None);

    m_session->setClientConfig(client(9, Protocol::Tcp, QStringLiteral("  ")));
    QVERIFY(!m_session->connectToServer());
    QCOMPARE(m_session->error().code, Code::HostMissing);
    QCOMPARE(m_session->state(), State::Idle);
}

void tst_ChatSession::listenFailureCarriesItsCause()
{
    ChatSession other;
    other.setServerConfig(server(ServerMode::Echo));
    QVERIFY(other.startServer());
    ServerConfig taken = server(ServerMode::Echo);
    taken.port = other.serverPort();
    m_session->setServerConfig(taken);
    QSignalSpy errors(m_session.get(), &ChatSession::errorOccurred);
    QVERIFY(!m_session->startServer());
    QCOMPARE(m_session->state(), State::Idle);
    QCOMPARE(errors.count(), 1);
    const auto error = errors.at(0).at(0).value<ChatSession::Error>();
    QCOMPARE(error.code, Code::ListenFailed);
    QCOMPARE(error.netError, stdlab::net::NetError::AddressInUse);
    QCOMPARE(error.port, other.serverPort());
    QVERIFY2(error.text.contains(QString::number(other.serverPort())), qPrintable(error.text));
    QVERIFY(hasEntry(m_session->conversation(), ConversationModel::Direction::System,
                     error.text.toUtf8()));
}

void tst_ChatSession::refusedConnectionCarriesItsCause()
{
    const quint16 port = closedPort();
    m_session->setRole(Role::Client);
    m_session->setClientConfig(client(port));
    QSignalSpy errors(m_session.get(), &ChatSession::errorOccurred);
    QVERIFY(m_session->connectToServer());
    QCOMPARE(m_session->state(), State::Connecting);
    QCOMPARE(m_session->inputHint(), Hint::Connecting);
    WAIT_COMPARE(errors.count(), 1);
    const auto error = errors.at(0).at(0).value<ChatSession::Error>();
    QCOMPARE(error.code, Code::ConnectFailed);
    QCOMPARE(error.netError, stdlab::net::NetError::ConnectionRefused);
    QCOMPARE(error.port, port);
    WAIT_COMPARE(m_session->state(), State::Idle);
    QCOMPARE(m_session->inputHint(), Hint::ConnectFirst);
}

void tst_ChatSession::clientStatesThroughAConnection()
{
    QTcpServer peer;
    QVERIFY(peer.listen(QHostAddress::LocalHost, 0));
    m_session->setRole(Role::Client);
    m_session->setClientConfig(client(peer.serverPort()));
    QSignalSpy states(m_session.get(), &ChatSession::stateChanged);
    QSignalSpy disconnected(m_session.get(), &ChatSession::clientDisconnected);
    QVERIFY(m_session->connectToServer());
    QVERIFY(peer.waitForNewConnection(10000));
    QTcpSocket *other = peer.nextPendingConnection();
    WAIT_COMPARE(m_session->state(), State::Connected);
    QCOMPARE(m_session->peer(), QStringLiteral("127.0.0.1:%1").arg(peer.serverPort()));
    QCOMPARE(m_session->inputHint(), Hint::Ready);
    QVERIFY(m_session->send(QStringLiteral("¿qué tal?")));
    WAIT_FOR(other->canReadLine() || other->waitForReadyRead(100));
    QCOMPARE(other->readLine(), QStringLiteral("¿qué tal?\n").toUtf8());
    other->write("bien\n");
    WAIT_FOR(hasEntry(m_session->conversation(), ConversationModel::Direction::In, "bien"));
    other->close();
    WAIT_COMPARE(m_session->state(), State::Idle);
    WAIT_COMPARE(disconnected.count(), 1);
    QCOMPARE(disconnected.at(0).at(0).value<stdlab::net::DisconnectReason>(),
             stdlab::net::DisconnectReason::ClosedByPeer);
    QCOMPARE(disconnected.at(0).at(1).toString(), QStringLiteral("closed by the other end"));
    QCOMPARE(states.at(0).at(0).value<State>(), State::Connecting);
    QCOMPARE(states.at(1).at(0).value<State>(), State::Connected);
    QCOMPARE(states.last().at(0).value<State>(), State::Idle);
}

void tst_ChatSession::localhostClientSaysWhichLoopbackAnswered()
{
    QTcpServer peer;
    if (!peer.listen(QHostAddress::LocalHostIPv6, 0)) {
        QSKIP("this machine cannot listen on ::1");
    }
    {
        // 127.0.0.1 must refuse on that port for the note to appear.
        QTcpServer v4;
        if (!v4.listen(QHostAddress::LocalHost, peer.serverPort())) {
            QSKIP("the port is taken on 127.0.0.1");
        }
    }
    m_session->setRole(Role::Client);
    m_session->setClientConfig(client(peer.serverPort(), Protocol::Tcp, QStringLiteral("localhost")));
    QVERIFY(m_session->connectToServer());
    WAIT_COMPARE(m_session->state(), State::Connected);
    const QString where = QStringLiteral("[::1]:%1").arg(peer.serverPort());
    QCOMPARE(m_session->peer(), where);
    const bool v4First = stdlab::net::TcpClient::connectCandidates(
                             QStringLiteral("localhost"),
                             QHostInfo::fromName(QStringLiteral("localhost")).addresses())
                             .first()
        == QHostAddress(QHostAddress::LocalHost);
    const QByteArray expected = v4First
        ? "Connected to the server (localhost: 127.0.0.1 refused, " + where.toUtf8() + " answered)"
        : QByteArray("Connected to the server");
    WAIT_FOR(hasEntry(m_session->conversation(), ConversationModel::Direction::System, "Connected"));
    bool found = false;
    for (int i = 0; i < m_session->conversation()->entryCount(); ++i) {
        if (m_session->conversation()->entry(i).data == expected) {
            found = true;
        }
    }
    QVERIFY2(found, expected.constData());
}

void tst_ChatSession::statsAreSampledWhileLive()
{
    QSignalSpy sampled(m_session.get(), &ChatSession::statsSampled);
    QTest::qWait(ChatSession::kStatsIntervalMs + 100);
    QCOMPARE(sampled.count(), 0); // nothing live, no timer
    m_session->setServerConfig(server(ServerMode::Echo));
    QVERIFY(m_session->startServer());
    QTcpSocket a;
    a.connectToHost(QHostAddress::LocalHost, m_session->serverPort());
    QVERIFY(a.waitForConnected(10000));
    // The first tick only records the baseline: traffic before it counts for no rate.
    WAIT_FOR(!m_session->statsHistory().isEmpty());
    for (int i = 0; i < 50; ++i) {
        a.write("0123456789\n");
    }
    WAIT_FOR(m_session->statsHistory().maximum(StatsHistory::MessagesIn) > 0);
    WAIT_COMPARE(m_session->statsHistory().last().clients, 1);
    m_session->stopServer();
    const int after = sampled.count();
    QTest::qWait(ChatSession::kStatsIntervalMs * 2 + 100);
    QCOMPARE(sampled.count(), after);
}

void tst_ChatSession::pythonCodeFollowsTheConfig()
{
    ServerConfig c = server(ServerMode::Greet);
    c.port = 4321;
    c.greeting = QByteArrayLiteral("¡Hola!\n");
    m_session->setServerConfig(c);
    QVERIFY(m_session->pythonCode().contains(QLatin1String("PORT = 4321\n")));
    QVERIFY(m_session->pythonCode().contains(QStringLiteral("¡Hola!")));
    c.port = 0;
    c.mode = ServerMode::Echo;
    m_session->setServerConfig(c);
    QVERIFY(m_session->startServer());
    // Once an automatic port is chosen, the program uses it.
    QVERIFY(m_session->pythonCode().contains(
        QStringLiteral("PORT = %1\n").arg(m_session->serverPort())));
    QVERIFY(m_session->pythonCode().contains(QLatin1String("class ClientThread")));
    m_session->setRole(Role::Client);
    m_session->setClientConfig(client(5555, Protocol::Udp));
    QVERIFY(m_session->pythonCode().contains(QLatin1String("SOCK_DGRAM")));
    QVERIFY(m_session->pythonCode().contains(QLatin1String("PORT = 5555\n")));
}

void tst_ChatSession::invalidRulesAreShownAsTypedWithTheirError()
{
    // The Python pane showed `RULES = []` for rules that do not compile: the session carried
    // only the compiled rules. It carries them as typed now; the pane shows them and why they
    // fail, and the server refuses to start with Python's message.
    ServerConfig c = server(ServerMode::Rules);
    c.rules = {{QStringLiteral("hola"), QStringLiteral("¿qué tal?")},
               {QStringLiteral("(\\d+"), QStringLiteral("número \\1")}};
    c.defaultReply = QStringLiteral("no entiendo");
    m_session->setServerConfig(c);
    const QString error = QStringLiteral("rule 2: missing ), unterminated subpattern at position 0");
    QCOMPARE(m_session->rulesError(), error);
    const QString code = m_session->pythonCode();
    QVERIFY2(code.contains(QStringLiteral("    (re.compile('hola'), '¿qué tal?'),\n")
                           + QStringLiteral("    (re.compile('(\\\\d+'), 'número \\\\1'),\n]\n")),
             qPrintable(code));
    QVERIFY2(code.contains(QStringLiteral("# re.error: ") + error + QLatin1Char('\n')),
             qPrintable(code));
    QVERIFY(code.contains(QStringLiteral("DEFAULT = 'no entiendo'\n")));
    QVERIFY(!m_session->startServer());
    QCOMPARE(m_session->error().code, Code::InvalidRules);
    QCOMPARE(m_session->error().text, error);
    QVERIFY(!m_session->isServing());
    // Mended: no error, no comment, and the server starts.
    c.rules[1].pattern = QStringLiteral("(\\d+)");
    m_session->setServerConfig(c);
    QCOMPARE(m_session->rulesError(), QString());
    QVERIFY(!m_session->pythonCode().contains(QLatin1String("re.error")));
    QVERIFY(m_session->startServer());
}

QTEST_GUILESS_MAIN(tst_ChatSession)
#include "tst_chatsession.moc"

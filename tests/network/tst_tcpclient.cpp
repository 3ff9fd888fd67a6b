// TcpClient against servers made in the test: connect, send, receive, bye, reconnect, errors.
#include "netlog.h"
#include "tcpclient.h"

#include <QHostInfo>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace stdlab::net;

/** An echo server in the test thread: every byte back; keeps its sockets for inspection. */
class EchoPeer : public QObject
{
public:
    EchoPeer()
    {
        connect(&server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = server.nextPendingConnection()) {
                sockets.append(s);
                connect(s, &QTcpSocket::readyRead, s, [this, s] {
                    const QByteArray data = s->readAll();
                    received += data;
                    if (echo) {
                        s->write(data);
                    }
                });
            }
        });
        server.listen(QHostAddress::LocalHost, 0);
    }
    QTcpServer server;
    QList<QTcpSocket *> sockets;
    QByteArray received;
    bool echo = true;
};

class tst_TcpClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void connectSendReceive();
    void byeEndsSession();
    void reconnectAfterDisconnect();
    void closedByPeer();
    void peersEndIsToldFinFromReset_data();
    void peersEndIsToldFinFromReset();
    void readsShownLeaveNoDescriptorBehind();
    void refused();
    void timesOutWhenNobodyAccepts();
    void hostNotFound();
    void sendWhileDisconnectedFails();
    void localhostMeansBothLoopbacks();
    void localhostReachesAServerOnOneFamilyOnly_data();
    void localhostReachesAServerOnOneFamilyOnly();
    void localhostRefusedOnBothFamiliesNamesBoth();
};

namespace {

/// The order connectToHost("localhost") tries the loopbacks in, on this machine's resolver.
QList<QHostAddress> localhostOrder()
{
    return TcpClient::connectCandidates(QStringLiteral("localhost"),
                                        QHostInfo::fromName(QStringLiteral("localhost")).addresses());
}

/// A port free on both 127.0.0.1 and ::1 (0 when IPv6 is not available here).
quint16 portFreeOnBothLoopbacks()
{
    for (int tries = 0; tries < 20; ++tries) {
        QTcpServer v6;
        if (!v6.listen(QHostAddress::LocalHostIPv6, 0)) {
            return 0;
        }
        QTcpServer v4;
        if (v4.listen(QHostAddress::LocalHost, v6.serverPort())) {
            return v6.serverPort();
        }
    }
    return 0;
}

} // namespace

void tst_TcpClient::localhostMeansBothLoopbacks()
{
    const QHostAddress v4(QHostAddress::LocalHost);
    const QHostAddress v6(QHostAddress::LocalHostIPv6);
    // /etc/hosts without "::1 localhost" (Debian's containers): ::1 is still tried, after.
    QCOMPARE(TcpClient::connectCandidates(QStringLiteral("localhost"), {v4}),
             (QList<QHostAddress>{v4, v6}));
    // The resolver's order is kept; nothing is tried twice.
    QCOMPARE(TcpClient::connectCandidates(QStringLiteral("LocalHost"), {v6, v4, v6}),
             (QList<QHostAddress>{v6, v4}));
    QCOMPARE(TcpClient::connectCandidates(QStringLiteral("app.localhost"), {}),
             (QList<QHostAddress>{v4, v6}));
    // Any other name: what the resolver said, once each.
    const QHostAddress a(QStringLiteral("192.0.2.7"));
    QCOMPARE(TcpClient::connectCandidates(QStringLiteral("example.test"), {a, a}),
             QList<QHostAddress>{a});
    QCOMPARE(TcpClient::connectCandidates(QStringLiteral("notlocalhost"), {}),
             QList<QHostAddress>{});
}

void tst_TcpClient::localhostReachesAServerOnOneFamilyOnly_data()
{
    QTest::addColumn<bool>("ipv6");
    QTest::newRow("server on ::1 only") << true;
    QTest::newRow("server on 127.0.0.1 only") << false;
}

void tst_TcpClient::localhostReachesAServerOnOneFamilyOnly()
{
    QFETCH(bool, ipv6);
    const quint16 port = portFreeOnBothLoopbacks();
    if (port == 0) {
        QSKIP("this machine cannot listen on ::1");
    }
    const QHostAddress where(ipv6 ? QHostAddress::LocalHostIPv6 : QHostAddress::LocalHost);
    QTcpServer server;
    QVERIFY(server.listen(where, port));
    TcpClient client;
    NetLog log(&client);
    client.connectToHost(QStringLiteral("localhost"), port);
    const auto e = log.waitFor(NetEvent::Connected);
    QVERIFY(e);
    QCOMPARE(e->peer, formatPeer(where, port));
    QCOMPARE(client.peer(), formatPeer(where, port));
    // When the other loopback was tried first, the event says it refused and which answered.
    const QList<QHostAddress> order = localhostOrder();
    QCOMPARE(order.size(), 2);
    const QHostAddress other(ipv6 ? QHostAddress::LocalHost : QHostAddress::LocalHostIPv6);
    const QString expected = order.first() == other
        ? QStringLiteral("localhost: %1 refused, %2 answered")
              .arg(other.toString(), formatPeer(where, port))
        : QString();
    QCOMPARE(QString::fromUtf8(e->data), expected);
    QTRY_VERIFY(server.hasPendingConnections());
}

void tst_TcpClient::localhostRefusedOnBothFamiliesNamesBoth()
{
    const quint16 port = portFreeOnBothLoopbacks();
    if (port == 0) {
        QSKIP("this machine cannot listen on ::1");
    }
    TcpClient client;
    NetLog log(&client);
    QSignalSpy state(&client, &TcpClient::stateChanged);
    client.connectToHost(QStringLiteral("localhost"), port);
    const auto e = log.waitFor(NetEvent::Error);
    QVERIFY(e);
    const QList<QHostAddress> order = localhostOrder();
    QCOMPARE(QString::fromUtf8(e->data),
             QStringLiteral("connection refused: nothing is listening on localhost:%1 (tried %2, %3)")
                 .arg(port)
                 .arg(order.at(0).toString(), order.at(1).toString()));
    QCOMPARE(e->error, NetError::ConnectionRefused);
    QVERIFY(!client.isConnecting());
    QCOMPARE(state.size(), 1);
    QCOMPARE(log.count(NetEvent::Connected), 0);
}

void tst_TcpClient::connectSendReceive()
{
    EchoPeer peer;
    TcpClient client;
    client.setBatchInterval(0);
    NetLog log(&client);
    QSignalSpy state(&client, &TcpClient::stateChanged);
    client.connectToHost(QStringLiteral("127.0.0.1"), peer.server.serverPort());
    QVERIFY(client.isConnecting());
    QVERIFY(state.wait(5000));
    QCOMPARE(state.first().first().toBool(), true);
    QVERIFY(client.isConnected());
    const QString expected = QStringLiteral("127.0.0.1:%1").arg(peer.server.serverPort());
    QCOMPARE(client.peer(), expected);
    const auto c = log.waitFor(NetEvent::Connected);
    QVERIFY(c);
    QCOMPARE(c->peer, expected);

    QSignalSpy raw(&client, &TcpClient::dataReceived);
    QVERIFY(client.send("Hola, servidor!\nsegunda\n"));
    QTRY_COMPARE(log.messages(), (QList<QByteArray>{"Hola, servidor!", "segunda"}));
    QCOMPARE(log.of(NetEvent::Sent).size(), 1);
    QCOMPARE(log.of(NetEvent::Sent).first().data, QByteArray("Hola, servidor!\nsegunda\n"));
    QVERIFY(raw.count() >= 1);
    const TrafficTotals t = client.totals();
    QCOMPARE(t.bytesOut, qint64(24));
    QCOMPARE(t.bytesIn, qint64(24));
    QCOMPARE(t.messagesIn, qint64(2));
    QCOMPARE(t.messagesOut, qint64(1));

    client.disconnectFromHost();
    const auto d = log.waitFor(NetEvent::Disconnected);
    QVERIFY(d);
    QCOMPARE(d->reason, QStringLiteral("disconnected"));
    QVERIFY(!client.isConnected());
    QCOMPARE(state.last().first().toBool(), false);
}

void tst_TcpClient::byeEndsSession()
{
    EchoPeer peer;
    peer.echo = false;
    TcpClient client;
    NetLog log(&client);
    client.connectToHost(QStringLiteral("127.0.0.1"), peer.server.serverPort());
    QVERIFY(log.waitFor(NetEvent::Connected));
    QVERIFY(client.send("bye"));
    const auto d = log.waitFor(NetEvent::Disconnected);
    QVERIFY(d);
    QCOMPARE(d->reason, QStringLiteral("bye"));
    QVERIFY(!client.isConnected());
    QTRY_COMPARE(peer.received, QByteArray("bye")); // sent before closing
}

void tst_TcpClient::reconnectAfterDisconnect()
{
    EchoPeer peer;
    TcpClient client;
    client.setBatchInterval(0);
    NetLog log(&client);
    for (int round = 1; round <= 3; ++round) {
        client.connectToHost(QStringLiteral("127.0.0.1"), peer.server.serverPort());
        QTRY_COMPARE(log.count(NetEvent::Connected), round);
        QVERIFY(client.send("ronda\n"));
        QTRY_COMPARE(log.messages().size(), round);
        client.disconnectFromHost();
        QTRY_COMPARE(log.count(NetEvent::Disconnected), round);
    }
    // Connecting while connected ends the old session first.
    client.connectToHost(QStringLiteral("127.0.0.1"), peer.server.serverPort());
    QTRY_VERIFY(client.isConnected());
    client.connectToHost(QStringLiteral("127.0.0.1"), peer.server.serverPort());
    QTRY_VERIFY(client.isConnected());
    QTRY_COMPARE(log.count(NetEvent::Connected), 5);
    QCOMPARE(log.of(NetEvent::Disconnected).last().reason, QStringLiteral("reconnecting"));
    QTRY_COMPARE(peer.sockets.size(), 5);
}

void tst_TcpClient::closedByPeer()
{
    EchoPeer peer;
    TcpClient client;
    NetLog log(&client);
    client.connectToHost(QStringLiteral("127.0.0.1"), peer.server.serverPort());
    QVERIFY(log.waitFor(NetEvent::Connected));
    QTRY_COMPARE(peer.sockets.size(), 1);
    peer.sockets.first()->write("adios\n");
    peer.sockets.first()->disconnectFromHost();
    const auto d = log.waitFor(NetEvent::Disconnected);
    QVERIFY(d);
    QCOMPARE(d->reason, QStringLiteral("closed by peer"));
    QCOMPARE(d->disconnectReason, DisconnectReason::ClosedByPeer);
    QCOMPARE(log.messages(), QList<QByteArray>{"adios"});
}

void tst_TcpClient::peersEndIsToldFinFromReset_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<qint64>("endSize"); // the last Read: 0 = recv() -> b'', -1 = a reset
    QTest::newRow("close(): FIN") << QStringLiteral("close") << qint64(0);
    QTest::newRow("SO_LINGER 0 and close(): RST") << QStringLiteral("linger0") << qint64(-1);
    QTest::newRow("close() with input unread: RST") << QStringLiteral("unread") << qint64(-1);
    QTest::newRow("shutdown(SHUT_WR): FIN") << QStringLiteral("shutdown") << qint64(0);
}

void tst_TcpClient::peersEndIsToldFinFromReset()
{
    // Qt reports the peer's FIN and its RST alike (RemoteHostClosedError); Python's recv()
    // returns b'' for one and raises ConnectionResetError for the other. The Read that ends
    // the stream says which.
    QFETCH(QString, how);
    QFETCH(qint64, endSize);
    EchoPeer peer;
    TcpClient client;
    client.setReportReads(true);
    NetLog log(&client);
    client.connectToHost(QStringLiteral("127.0.0.1"), peer.server.serverPort());
    QVERIFY(log.waitFor(NetEvent::Connected));
    QTRY_COMPARE(peer.sockets.size(), 1);
    QTcpSocket *s = peer.sockets.first();
    QVERIFY(client.send("hola\n"));
    QTRY_COMPARE(peer.received, QByteArray("hola\n"));
    QTRY_COMPARE(log.count(NetEvent::Read), 1); // the echo
    const int fd = int(s->socketDescriptor());
    if (how == QLatin1String("close")) {
        s->disconnectFromHost();
    } else if (how == QLatin1String("linger0")) {
        const struct linger lg = {1, 0};
        QCOMPARE(::setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg), 0);
        s->abort();
    } else if (how == QLatin1String("unread")) {
        // Qt takes one byte at a time: the rest stays in the kernel, unread, and a close() with
        // input unread makes the kernel answer with a RST.
        disconnect(s, &QTcpSocket::readyRead, nullptr, nullptr);
        s->setReadBufferSize(1);
        QVERIFY(client.send("never read\n"));
        QTest::qWait(200);
        s->abort();
    } else {
        QCOMPARE(::shutdown(fd, SHUT_WR), 0);
    }
    const auto d = log.waitFor(NetEvent::Disconnected);
    QVERIFY(d);
    QCOMPARE(d->disconnectReason, DisconnectReason::ClosedByPeer);
    const QList<NetEvent> reads = log.of(NetEvent::Read);
    QCOMPARE(reads.size(), 2);
    QCOMPARE(reads.constFirst().size, 5);
    QCOMPARE(reads.constLast().size, endSize);
    QCOMPARE(reads.constLast().offset, 5);
    // The client's own end is not held back: the peer sees its FIN.
    if (how == QLatin1String("shutdown")) {
        QTRY_COMPARE(s->state(), QAbstractSocket::UnconnectedState);
    }
}

void tst_TcpClient::readsShownLeaveNoDescriptorBehind()
{
    // While reads are shown the client keeps a second descriptor of its socket (to tell a RST
    // from a FIN): every way a connection ends must close it, or a chat window that connects
    // again and again runs out of descriptors.
    const auto openDescriptors = [] {
        return QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::NoDotAndDotDot).size();
    };
    qsizetype before = -1;
    for (int i = 0; i < 61; ++i) {
        if (i == 1) {
            before = openDescriptors(); // after one round: what Qt opens once on first use
        }
        EchoPeer peer;
        TcpClient client;
        client.setReportReads(true);
        NetLog log(&client);
        client.connectToHost(QStringLiteral("127.0.0.1"), peer.server.serverPort());
        QVERIFY(log.waitFor(NetEvent::Connected));
        QTRY_COMPARE(peer.sockets.size(), 1);
        QVERIFY(client.send("hola\n"));
        QTRY_COMPARE(log.count(NetEvent::Read), 1);
        switch (i % 4) {
        case 0: // the peer closes
            peer.sockets.first()->disconnectFromHost();
            break;
        case 1: { // the peer resets
            const struct linger lg = {1, 0};
            const int fd = int(peer.sockets.first()->socketDescriptor());
            QCOMPARE(::setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg), 0);
            peer.sockets.first()->abort();
            break;
        }
        case 2: // the client leaves
            client.disconnectFromHost();
            break;
        default: // the client says bye
            QVERIFY(client.send("bye\n"));
            break;
        }
        QVERIFY(log.waitFor(NetEvent::Disconnected));
    }
    QCOMPARE(openDescriptors(), before);
}

void tst_TcpClient::refused()
{
    quint16 port = 0;
    {
        QTcpServer s;
        QVERIFY(s.listen(QHostAddress::LocalHost, 0));
        port = s.serverPort();
    }
    TcpClient client;
    NetLog log(&client);
    QSignalSpy state(&client, &TcpClient::stateChanged);
    client.connectToHost(QStringLiteral("127.0.0.1"), port);
    const auto e = log.waitFor(NetEvent::Error);
    QVERIFY(e);
    QCOMPARE(QString::fromUtf8(e->data),
             QStringLiteral("connection refused: nothing is listening on 127.0.0.1:%1").arg(port));
    QCOMPARE(e->error, NetError::ConnectionRefused);
    QCOMPARE(e->socketError, QAbstractSocket::ConnectionRefusedError);
    QVERIFY(!client.isConnected());
    QVERIFY(!client.isConnecting());
    QCOMPARE(state.size(), 1);
    QCOMPARE(state.first().first().toBool(), false);
    QCOMPARE(log.count(NetEvent::Connected), 0);
}

void tst_TcpClient::timesOutWhenNobodyAccepts()
{
    // A listening socket that never accepts, its queue full: further SYNs are dropped.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    QVERIFY(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr), 0);
    QCOMPARE(::listen(fd, 0), 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
    const quint16 port = ntohs(addr.sin_port);
    std::vector<int> fillers;
    for (int i = 0; i < 4; ++i) {
        const int f = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        ::connect(f, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
        fillers.push_back(f);
    }
    QTest::qWait(50);
    TcpClient client;
    NetLog log(&client);
    QElapsedTimer t;
    t.start();
    client.connectToHost(QStringLiteral("127.0.0.1"), port, 500);
    const auto e = log.waitFor(NetEvent::Error, {}, 5000);
    QVERIFY(e);
    QCOMPARE(QString::fromUtf8(e->data),
             QStringLiteral("timed out after 0.5 s connecting to 127.0.0.1:%1").arg(port));
    QVERIFY(t.elapsed() >= 450);
    QVERIFY(!client.isConnecting());
    for (int f : fillers) {
        ::close(f);
    }
    ::close(fd);
}

void tst_TcpClient::hostNotFound()
{
    TcpClient client;
    NetLog log(&client);
    client.connectToHost(QStringLiteral("no-such-host.invalid"), 1234);
    const auto e = log.waitFor(NetEvent::Error, {}, 30000);
    QVERIFY(e);
    QCOMPARE(QString::fromUtf8(e->data), QStringLiteral("host not found: no-such-host.invalid"));
    QVERIFY(!client.isConnecting());
}

void tst_TcpClient::sendWhileDisconnectedFails()
{
    TcpClient client;
    NetLog log(&client);
    QVERIFY(!client.send("nada"));
    const auto e = log.waitFor(NetEvent::Error);
    QVERIFY(e);
    QVERIFY(e->data.contains("not connected"));
    QCOMPARE(client.totals().bytesOut, qint64(0));
}

QTEST_GUILESS_MAIN(tst_TcpClient)
#include "tst_tcpclient.moc"

// The sequence diagram's model: the course's socket calls in order on two lanes, from the events
// each end sees (a server's, a client's, UDP's), and live against real sockets on 127.0.0.1.
#include "chat/chatsession.h"
#include "chat/sequencemodel.h"

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QUdpSocket>
#include <QtTest>

#include <sys/socket.h>

using namespace stdlab::chat;
using stdlab::net::DisconnectReason;
using stdlab::net::NetEvent;
using stdlab::net::NetEvents;
using stdlab::net::ServerMode;

#define WAIT_FOR(expr) QTRY_VERIFY_WITH_TIMEOUT(expr, 20000)

namespace {

NetEvent netEvent(NetEvent::Kind kind, quint64 client, const QString &peer,
               const QByteArray &data = {})
{
    NetEvent e;
    e.kind = kind;
    e.client = client;
    e.peer = peer;
    e.data = data;
    e.time = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000);
    return e;
}

NetEvent read(quint64 client, const QString &peer, qint64 offset, const QByteArray &data,
              qint64 size)
{
    NetEvent e = netEvent(NetEvent::Read, client, peer, data);
    e.offset = offset;
    e.size = size;
    return e;
}

NetEvent disconnected(quint64 client, const QString &peer, DisconnectReason reason)
{
    NetEvent e = netEvent(NetEvent::Disconnected, client, peer);
    e.disconnectReason = reason;
    return e;
}

const QString kServer = QStringLiteral("127.0.0.1:1234");
const QString kClient = QStringLiteral("127.0.0.1:53210");

} // namespace

class tst_SequenceModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serverSeesConnectSendAndClose();
    void clientSeesItsOwnCalls();
    void resetEndsTheConnection();
    void udpServerAndClient();
    void stepsAndConnectionsAreBounded();
    void liveServerDrawsWhatHappened();
    void peersSendsFromItsLogAreDrawnAgainstTheReads();
    void peersSendsLoggedLateAreDrawnWhenTheyCome();
};

void tst_SequenceModel::serverSeesConnectSendAndClose()
{
    SequenceModel m;
    QSignalSpy added(&m, &SequenceModel::stepsAdded);
    NetEvent connected = netEvent(NetEvent::Connected, 7, kClient);
    connected.local = kServer;
    m.addEvents({netEvent(NetEvent::Listening, 0, kServer), connected,
                 read(7, kClient, 0, "hola\n", 5), netEvent(NetEvent::Sent, 7, kClient, "hola\n"),
                 read(7, kClient, 5, {}, 0),
                 disconnected(7, kClient, DisconnectReason::ClosedByPeer)},
                true, false);
    QCOMPARE(m.connections(), QList<int>{1});
    QCOMPARE(m.outline(1), (QStringList{
                               "S: socket(AF_INET, SOCK_STREAM)",
                               "S: bind(('127.0.0.1', 1234))",
                               "S: listen()",
                               "C?: connect(('127.0.0.1', 1234))",
                               "C→S: SYN · SYN-ACK · ACK",
                               "S: accept() → ('127.0.0.1', 53210)",
                               "C→S: 5 B",
                               "S: recv() → 5 B",
                               "S: sendall(5 B)",
                               "S→C: 5 B",
                               "C?: close() or shutdown(SHUT_WR)",
                               "C→S: FIN",
                               "S: recv() → b''",
                               "S: close()",
                               "S→C: FIN",
                           }));
    // The bytes are there for the hover.
    const QList<SequenceModel::Step> steps = m.steps(1);
    QCOMPARE(steps[6].data, QByteArray("hola\n"));
    QCOMPARE(steps[6].bytes, 5);
    QCOMPARE(steps[7].data, QByteArray("hola\n"));
    QCOMPARE(added.count(), 1); // one batch, one signal per connection
    QVERIFY(m.connection(1)->ended);
}

void tst_SequenceModel::clientSeesItsOwnCalls()
{
    SequenceModel m;
    NetEvent connected = netEvent(NetEvent::Connected, 0, kServer);
    connected.local = kClient;
    m.addEvents({connected, netEvent(NetEvent::Sent, 0, kServer, "hi\n"),
                 read(0, kServer, 0, "hi\n", 3),
                 disconnected(0, kServer, DisconnectReason::Disconnected)},
                false, false);
    QCOMPARE(m.outline(1), (QStringList{
                               "C: socket(AF_INET, SOCK_STREAM)",
                               "C: connect(('127.0.0.1', 1234))",
                               "C→S: SYN · SYN-ACK · ACK",
                               "S?: accept()",
                               "C: sendall(3 B)",
                               "C→S: 3 B",
                               "S→C: 3 B",
                               "C: recv() → 3 B",
                               "C: close()",
                               "C→S: FIN",
                           }));
    // A new connection after that one is a diagram of its own.
    m.addEvents({connected}, false, false);
    QCOMPARE(m.connections(), (QList<int>{1, 2}));
}

void tst_SequenceModel::resetEndsTheConnection()
{
    SequenceModel m;
    NetEvent connected = netEvent(NetEvent::Connected, 3, kClient);
    connected.local = kServer;
    m.addEvents({connected, read(3, kClient, 0, {}, -1),
                 disconnected(3, kClient, DisconnectReason::ClosedByPeer)},
                true, false);
    const QStringList outline = m.outline(1);
    QCOMPARE(outline.mid(outline.size() - 2),
             (QStringList{"C→S: RST", "S: ConnectionResetError"}));
    // A client dropped for a line too long is reset by the server.
    m.addEvents({connected, disconnected(3, kClient, DisconnectReason::LineTooLong)}, true,
                false);
    QCOMPARE(m.outline(2).mid(m.outline(2).size() - 2),
             (QStringList{"S: close()", "S→C: RST"}));
}

void tst_SequenceModel::udpServerAndClient()
{
    SequenceModel server;
    server.addEvents({netEvent(NetEvent::Listening, 0, kServer),
                      netEvent(NetEvent::Datagram, 0, kClient, "ping"),
                      netEvent(NetEvent::Sent, 0, kClient, "ping")},
                     true, true);
    QCOMPARE(server.outline(1), (QStringList{
                                    "S: socket(AF_INET, SOCK_DGRAM)",
                                    "S: bind(('127.0.0.1', 1234))",
                                    "C→S: 4 B",
                                    "S: recvfrom() → 4 B, ('127.0.0.1', 53210)",
                                    "S: sendto(4 B, ('127.0.0.1', 53210))",
                                    "S→C: 4 B",
                                }));
    SequenceModel client;
    client.addEvents({netEvent(NetEvent::Sent, 0, kServer, "ping"),
                      netEvent(NetEvent::Datagram, 0, kServer, "pong!")},
                     false, true);
    QCOMPARE(client.outline(1), (QStringList{
                                    "C: socket(AF_INET, SOCK_DGRAM)",
                                    "C: sendto(4 B, ('127.0.0.1', 1234))",
                                    "C→S: 4 B",
                                    "S→C: 5 B",
                                    "C: recvfrom() → 5 B, ('127.0.0.1', 1234)",
                                }));
}

void tst_SequenceModel::stepsAndConnectionsAreBounded()
{
    SequenceModel m;
    NetEvents events;
    NetEvent connected = netEvent(NetEvent::Connected, 1, kClient);
    connected.local = kServer;
    events << connected;
    for (int i = 0; i < SequenceModel::kMaxSteps; ++i) {
        events << read(1, kClient, i, "x", 1);
    }
    m.addEvents(events, true, false);
    QCOMPARE(int(m.connection(1)->steps.size()), SequenceModel::kMaxSteps);
    QCOMPARE(m.connection(1)->trimmed, 3 + SequenceModel::kMaxSteps);
    for (quint64 id = 2; id < 2 + SequenceModel::kMaxConnections + 5; ++id) {
        NetEvent c = connected;
        c.client = id;
        m.addEvents({c}, true, false);
    }
    QCOMPARE(m.connections().size(), int(SequenceModel::kMaxConnections));
    QCOMPARE(m.connections().constFirst(), 7); // the 6 oldest went
}

void tst_SequenceModel::liveServerDrawsWhatHappened()
{
    ChatSession session;
    session.setBatchIntervalMs(0);
    session.setReportReads(true);
    ServerConfig config;
    config.mode = ServerMode::Echo;
    config.port = 0;
    config.threads = 1;
    session.setServerConfig(config);
    QVERIFY(session.startServer());
    const QString server = QStringLiteral("127.0.0.1:%1").arg(session.serverPort());
    QTcpSocket peer;
    peer.connectToHost(QHostAddress::LocalHost, session.serverPort());
    QVERIFY(peer.waitForConnected(10000));
    const quint16 clientPort = peer.localPort();
    peer.write("abc\n");
    QVERIFY(peer.waitForBytesWritten(10000));
    QTRY_COMPARE(peer.bytesAvailable(), 4);
    peer.disconnectFromHost();
    SequenceModel *m = session.sequence();
    WAIT_FOR(!m->connections().isEmpty() && m->connection(m->connections().constFirst())->ended);
    QCOMPARE(m->outline(m->connections().constFirst()),
             (QStringList{
                 "S: socket(AF_INET, SOCK_STREAM)",
                 "S: bind(('127.0.0.1', " + QString::number(session.serverPort()) + "))",
                 "S: listen()",
                 "C?: connect(('127.0.0.1', " + QString::number(session.serverPort()) + "))",
                 "C→S: SYN · SYN-ACK · ACK",
                 "S: accept() → ('127.0.0.1', " + QString::number(clientPort) + ")",
                 "C→S: 4 B",
                 "S: recv() → 4 B",
                 "S: sendall(4 B)",
                 "S→C: 4 B",
                 "C?: close() or shutdown(SHUT_WR)",
                 "C→S: FIN",
                 "S: recv() → b''",
                 "S: close()",
                 "S→C: FIN",
             }));
    Q_UNUSED(server);

    // A reset: SO_LINGER 0 and close.
    QTcpSocket rst;
    rst.connectToHost(QHostAddress::LocalHost, session.serverPort());
    QVERIFY(rst.waitForConnected(10000));
    WAIT_FOR(m->connections().size() == 2);
    const struct linger lg = {1, 0};
    QCOMPARE(::setsockopt(int(rst.socketDescriptor()), SOL_SOCKET, SO_LINGER, &lg, sizeof lg), 0);
    rst.abort();
    WAIT_FOR(m->connection(m->connections().constLast())->ended);
    const QStringList outline = m->outline(m->connections().constLast());
    QCOMPARE(outline.mid(outline.size() - 2),
             (QStringList{"C→S: RST", "S: ConnectionResetError"}));
}

void tst_SequenceModel::peersSendsFromItsLogAreDrawnAgainstTheReads()
{
    QTemporaryDir logs;
    QVERIFY(logs.isValid());
    qputenv("STDLAB_SEND_LOG_DIR", logs.filePath(QStringLiteral("sends")).toUtf8());
    // The client (StdLab) made three sends, 3 B, 7 B and 900 B; the server read the first two
    // glued in one recv(), and the third in two.
    {
        stdlab::net::SendLog log;
        QVERIFY(log.open(kClient, kServer));
        log.record(3, 1);
        log.record(7, 2);
        log.record(900, 3);
        log.flush();
    }
    SequenceModel m;
    NetEvent connected = netEvent(NetEvent::Connected, 7, kClient);
    connected.local = kServer;
    m.addEvents({connected, read(7, kClient, 0, "abcdefghij", 10),
                 read(7, kClient, 10, QByteArray(500, 'x'), 500),
                 read(7, kClient, 510, QByteArray(400, 'y'), 400), read(7, kClient, 910, {}, 0)},
                true, false);
    QCOMPARE(m.outline(1).mid(3), (QStringList{
                                      "C: sendall(3 B)",
                                      "C→S: 3 B",
                                      "C: sendall(7 B)",
                                      "C→S: 7 B",
                                      "S: recv() → 10 B",
                                      "C: sendall(900 B)",
                                      "C→S: 900 B",
                                      "S: recv() → 500 B",
                                      "S: recv() → 400 B",
                                      "C?: close() or shutdown(SHUT_WR)",
                                      "C→S: FIN",
                                      "S: recv() → b''",
                                  }));
    const QList<SequenceModel::Step> steps = m.steps(1);
    QCOMPARE(steps[3].send, 1);
    QCOMPARE(steps[3].inferred, false); // read from its log, not deduced
    QCOMPARE(steps[6].send, 2);
    QCOMPARE(steps[9].send, 3);
    QCOMPARE(steps[9].bytes, 900);
    QCOMPARE(steps[7].send, 0); // this end's recv()
    qunsetenv("STDLAB_SEND_LOG_DIR");
}

void tst_SequenceModel::peersSendsLoggedLateAreDrawnWhenTheyCome()
{
    // The sender appends its records every few dozen ms: reads drawn before them get them
    // later, and the diagram is told.
    QTemporaryDir logs;
    QVERIFY(logs.isValid());
    qputenv("STDLAB_SEND_LOG_DIR", logs.filePath(QStringLiteral("sends")).toUtf8());
    SequenceModel m;
    NetEvent connected = netEvent(NetEvent::Connected, 0, kServer);
    connected.local = kClient;
    NetEvent r = read(0, kServer, 0, "hi\nho\n", 6);
    r.timeUs = stdlab::net::epochMicros();
    m.addEvents({connected, r}, false, false);
    QCOMPARE(m.outline(1).mid(4), (QStringList{"S→C: 6 B", "C: recv() → 6 B"}));
    QSignalSpy added(&m, &SequenceModel::stepsAdded);
    {
        stdlab::net::SendLog log;
        QVERIFY(log.open(kServer, kClient));
        log.record(3, 1);
        log.record(3, 2);
        log.flush();
    }
    QVERIFY(added.wait(5000));
    QCOMPARE(m.outline(1).mid(4), (QStringList{"S: sendall(3 B)", "S→C: 3 B", "S: sendall(3 B)",
                                               "S→C: 3 B", "C: recv() → 6 B"}));
    qunsetenv("STDLAB_SEND_LOG_DIR");
}

QTEST_GUILESS_MAIN(tst_SequenceModel)
#include "tst_sequencemodel.moc"

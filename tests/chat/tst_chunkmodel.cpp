// The Chunks view's model: one row per read with its size and timing, and the sender's send()
// calls shown against the reads when both ends are StdLab (two sessions here, as two windows
// or a window and `stdlab send` would be), on 127.0.0.1.
#include "chat/chatsession.h"
#include "chat/chunkmodel.h"
#include "chat/sendlog.h"
#include "netevent.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <numeric>

using namespace stdlab::chat;
using stdlab::net::NetEvent;
using stdlab::net::ServerMode;
using stdlab::net::SendLog;
using stdlab::net::epochMicros;
using stdlab::net::formatPeer;
using Shape = ChunkModel::Shape;

#define WAIT_FOR(expr) QTRY_VERIFY_WITH_TIMEOUT(expr, 20000)

namespace {

qint64 bytesRead(const ChunkModel *m)
{
    qint64 total = 0;
    for (int r = 0; r < m->rowCount(); ++r) {
        if (m->shape(r) != Shape::Backlog) {
            total += std::max<qint64>(0, m->index(r, 0).data(ChunkModel::SizeRole).toLongLong());
        }
    }
    return total;
}

/// Every piece of every row, in order.
QList<ChunkModel::Piece> allPieces(const ChunkModel *m)
{
    QList<ChunkModel::Piece> out;
    for (int r = 0; r < m->rowCount(); ++r) {
        out += m->pieces(r);
    }
    return out;
}

bool allShapesKnown(const ChunkModel *m)
{
    for (int r = 0; r < m->rowCount(); ++r) {
        if (m->shape(r) == Shape::Unknown) {
            return false;
        }
    }
    return true;
}

} // namespace

class tst_ChunkModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void oneByteSendsArriveGluedInOneRead();
    void oneMegabyteSendArrivesInPieces();
    void bothEndsShowTheOtherEndsSends();
    void readsOfAPeerThatIsNotStdLabHaveNoSends();
    void aFirstLineTypedLateStillShowsItsSends();
    void linesTypedInTheInputAreKnownSends();
    void finAndResetAreRowsOfTheirOwn();
    void rowsAreBounded();
    void slowReaderMakesTheSenderWait();
    void slowClientReadsInSmallPieces();
    void slowReaderWithoutPauseServesTheOthers();
    void serversBacklogTowardASlowClientGrowsAndDrains();

private:
    /// A server session (reads reported, sends recorded) in @p mode, and a client session
    /// connected to it (the same).
    void serve(ServerMode mode);
    void serveAndConnect(ServerMode mode);

    std::unique_ptr<QTemporaryDir> m_logs;
    std::unique_ptr<ChatSession> m_server;
    std::unique_ptr<ChatSession> m_client;
};

void tst_ChunkModel::init()
{
    m_logs = std::make_unique<QTemporaryDir>();
    QVERIFY(m_logs->isValid());
    qputenv("STDLAB_SEND_LOG_DIR", m_logs->filePath(QStringLiteral("sends")).toUtf8());
}

void tst_ChunkModel::cleanup()
{
    m_client.reset();
    m_server.reset();
    m_logs.reset();
    qunsetenv("STDLAB_SEND_LOG_DIR");
}

void tst_ChunkModel::serve(ServerMode mode)
{
    m_server = std::make_unique<ChatSession>();
    m_server->setBatchIntervalMs(0);
    m_server->setReportReads(true);
    m_server->setRecordSends(true);
    ServerConfig s;
    s.mode = mode;
    s.port = 0;
    s.threads = 1;
    m_server->setServerConfig(s);
    QVERIFY(m_server->startServer());
    new QAbstractItemModelTester(m_server->chunks(), m_server.get());
}

void tst_ChunkModel::serveAndConnect(ServerMode mode)
{
    serve(mode);

    m_client = std::make_unique<ChatSession>();
    m_client->setBatchIntervalMs(0);
    m_client->setReportReads(true);
    m_client->setRecordSends(true);
    m_client->setRole(Role::Client);
    ClientConfig c;
    c.port = m_server->serverPort();
    m_client->setClientConfig(c);
    QVERIFY(m_client->connectToServer());
    WAIT_FOR(m_client->isConnected());
    WAIT_FOR(m_server->clients()->rowCount() == 1);
}

void tst_ChunkModel::oneByteSendsArriveGluedInOneRead()
{
    serveAndConnect(ServerMode::Chat);
    // The server reads once every 500 ms: what the client sends meanwhile waits in the kernel
    // and comes out of the next recv() as one piece.
    m_server->setSlowReader(64 * 1024, 500);
    for (int i = 0; i < 100; ++i) {
        QVERIFY(m_client->sendData(QByteArray(1, char('a' + i % 26))));
    }
    const ChunkModel *chunks = m_server->chunks();
    WAIT_FOR(bytesRead(chunks) == 100);
    // The server now rests: these 100 sends are in the kernel together when it reads again.
    for (int i = 0; i < 99; ++i) {
        QVERIFY(m_client->sendData(QByteArray(1, 'x')));
    }
    QVERIFY(m_client->sendData(QByteArray("\n")));
    WAIT_FOR(bytesRead(chunks) == 200);
    WAIT_FOR(allShapesKnown(chunks));

    const int last = chunks->rowCount() - 1;
    QCOMPARE(chunks->index(last, 0).data(ChunkModel::OffsetRole).toLongLong(), 100);
    QCOMPARE(chunks->index(last, 0).data(ChunkModel::SizeRole).toLongLong(), 100);
    QCOMPARE(chunks->shape(last), Shape::Glued);
    const QList<ChunkModel::Piece> glued = chunks->pieces(last);
    QCOMPARE(glued.size(), 100);
    for (int i = 0; i < 100; ++i) {
        QCOMPARE(glued[i], (ChunkModel::Piece{101 + i, 0, 1, 1}));
    }
    QVERIFY2(chunks->sendsText(last).startsWith(QStringLiteral("100 sends glued: #101 + #102 + ")),
             qPrintable(chunks->sendsText(last)));
    QVERIFY(chunks->sendsText(last).endsWith(QStringLiteral(" + #200")));
    // It waited for the slow reader: at least most of its pause since the read before.
    QVERIFY2(chunks->index(last, 0).data(ChunkModel::GapRole).toLongLong() >= 400'000,
             qPrintable(chunks->index(last, ChunkModel::GapColumn).data().toString()));

    // Every send is in exactly one read, whole, in order.
    const QList<ChunkModel::Piece> every = allPieces(chunks);
    QCOMPARE(every.size(), 200);
    for (int i = 0; i < 200; ++i) {
        QCOMPARE(every[i].number, i + 1);
        QVERIFY(every[i].whole());
    }
    QCOMPARE(chunks->connectionsWithSends(), 1);
}

void tst_ChunkModel::oneMegabyteSendArrivesInPieces()
{
    serveAndConnect(ServerMode::Echo);
    const qint64 size = 1024 * 1024;
    QByteArray data(size, 'm');
    data[size - 1] = '\n';
    QVERIFY(m_client->sendData(data));
    const ChunkModel *chunks = m_server->chunks();
    WAIT_FOR(bytesRead(chunks) == size);
    WAIT_FOR(allShapesKnown(chunks));

    // A server reads at most 64 KiB at a time: at least 16 reads, each a part of send #1.
    QVERIFY2(chunks->rowCount() >= 16, qPrintable(QString::number(chunks->rowCount())));
    qint64 expectedOffset = 0;
    for (int r = 0; r < chunks->rowCount(); ++r) {
        const qint64 n = chunks->index(r, 0).data(ChunkModel::SizeRole).toLongLong();
        QVERIFY(n > 0 && n <= 64 * 1024);
        QCOMPARE(chunks->index(r, 0).data(ChunkModel::OffsetRole).toLongLong(), expectedOffset);
        QCOMPARE(chunks->shape(r), Shape::Part);
        QCOMPARE(chunks->pieces(r), (QList<ChunkModel::Piece>{{1, expectedOffset,
                                                                expectedOffset + n, size}}));
        expectedOffset += n;
    }
    QCOMPARE(expectedOffset, size);
    const qint64 first = chunks->index(0, 0).data(ChunkModel::SizeRole).toLongLong();
    QCOMPARE(chunks->sendsText(0), QStringLiteral("part of send #1: [0:%1] of %2 B")
                                       .arg(first)
                                       .arg(QLocale().toString(size)));
    QCOMPARE(chunks->index(0, ChunkModel::SizeColumn).data().toString(),
             QLocale().toString(first));
}

void tst_ChunkModel::bothEndsShowTheOtherEndsSends()
{
    // The echo server answers each read with one send of the same bytes: the client's reads
    // are shown against those sends (the server's send log), not against its own.
    serveAndConnect(ServerMode::Echo);
    const qint64 size = 300 * 1000;
    QVERIFY(m_client->sendData(QByteArray(size, 'e')));
    WAIT_FOR(bytesRead(m_client->chunks()) == size);
    WAIT_FOR(bytesRead(m_server->chunks()) == size);
    WAIT_FOR(allShapesKnown(m_client->chunks()));

    // The server's sends are its reads, one for one.
    QList<qint64> serverReads;
    for (int r = 0; r < m_server->chunks()->rowCount(); ++r) {
        serverReads << m_server->chunks()->index(r, 0).data(ChunkModel::SizeRole).toLongLong();
    }
    QList<qint64> sendSizes(serverReads.size(), -1);
    for (const ChunkModel::Piece &p : allPieces(m_client->chunks())) {
        QVERIFY(p.number >= 1 && p.number <= serverReads.size());
        sendSizes[p.number - 1] = p.sendSize;
    }
    QCOMPARE(sendSizes, serverReads);
    QCOMPARE(m_client->chunks()->connectionsWithSends(), 1);
}

void tst_ChunkModel::aFirstLineTypedLateStillShowsItsSends()
{
    // A person connects from another window and types the first line a few seconds later.
    // The server looked for the sender's log once, at the connect, before that window had
    // made it, and then gave it up 3 s after the connect without looking again: every read
    // was shown against no send ("-", known for 0 of 1 connection).
    serve(ServerMode::Chat);
    QTcpSocket peer;
    peer.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    QVERIFY(peer.waitForConnected(5000));
    WAIT_FOR(m_server->clients()->rowCount() == 1);
    QTest::qWait(3300);
    // The other window's log, made late, then its first send.
    SendLog log;
    QVERIFY(log.open(formatPeer(peer.localAddress(), peer.localPort()),
                     formatPeer(peer.peerAddress(), peer.peerPort())));
    const QByteArray line("Hola, servidor!\n");
    log.record(line.size(), epochMicros());
    log.flush();
    QCOMPARE(peer.write(line), line.size());
    QVERIFY(peer.waitForBytesWritten(5000));
    const ChunkModel *chunks = m_server->chunks();
    WAIT_FOR(bytesRead(chunks) == line.size());
    WAIT_FOR(allShapesKnown(chunks));
    QCOMPARE(chunks->rowCount(), 1);
    QCOMPARE(chunks->shape(0), Shape::Whole);
    QCOMPARE(chunks->connectionsWithSends(), 1);
}

void tst_ChunkModel::linesTypedInTheInputAreKnownSends()
{
    // The Chat input sends a line through the framing (send(text)): those sends were never
    // written to the send log (only sendData's were), so two windows never showed them.
    serveAndConnect(ServerMode::Chat);
    QVERIFY(m_client->send(QStringLiteral("Hola, servidor!")));
    QVERIFY(m_client->send(QStringLiteral("¿Me oyes?")));
    const ChunkModel *chunks = m_server->chunks();
    WAIT_FOR(bytesRead(chunks) == 16 + 11);
    WAIT_FOR(allShapesKnown(chunks));
    const QList<ChunkModel::Piece> every = allPieces(chunks);
    QCOMPARE(every.size(), 2);
    QCOMPARE(every[0], (ChunkModel::Piece{1, 0, 16, 16}));
    QCOMPARE(every[1], (ChunkModel::Piece{2, 0, 11, 11}));
    QCOMPARE(chunks->connectionsWithSends(), 1);
}

void tst_ChunkModel::readsOfAPeerThatIsNotStdLabHaveNoSends()
{
    m_server = std::make_unique<ChatSession>();
    m_server->setBatchIntervalMs(0);
    m_server->setReportReads(true);
    ServerConfig s;
    s.mode = ServerMode::Chat;
    s.port = 0;
    s.threads = 1;
    m_server->setServerConfig(s);
    QVERIFY(m_server->startServer());
    QTcpSocket raw; // a peer that records nothing, as nc or Python would be
    raw.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    QVERIFY(raw.waitForConnected(10000));
    raw.write("hello\n");
    QVERIFY(raw.waitForBytesWritten(10000));
    const ChunkModel *chunks = m_server->chunks();
    WAIT_FOR(bytesRead(chunks) == 6);
    m_server->chunks()->refreshSends();
    QCOMPARE(chunks->shape(0), Shape::Unknown);
    QVERIFY(chunks->pieces(0).isEmpty());
    QCOMPARE(chunks->index(0, ChunkModel::SendsColumn).data().toString(), QStringLiteral("—"));
    QVERIFY(chunks->index(0, ChunkModel::SendsColumn).data(Qt::ToolTipRole).toString()
                .contains(QStringLiteral("TCP does not carry them")));
    QCOMPARE(chunks->index(0, ChunkModel::DataColumn).data().toString(), QStringLiteral("hello"));
    QCOMPARE(chunks->index(0, 0).data(ChunkModel::BytesRole).toByteArray(), QByteArray("hello\n"));
    QCOMPARE(chunks->connectionsWithSends(), 0);
}

void tst_ChunkModel::finAndResetAreRowsOfTheirOwn()
{
    m_server = std::make_unique<ChatSession>();
    m_server->setBatchIntervalMs(0);
    m_server->setReportReads(true);
    ServerConfig s;
    s.mode = ServerMode::Chat;
    s.port = 0;
    s.threads = 1;
    m_server->setServerConfig(s);
    QVERIFY(m_server->startServer());
    const ChunkModel *chunks = m_server->chunks();

    QTcpSocket fin;
    fin.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    QVERIFY(fin.waitForConnected(10000));
    fin.write("one\n");
    QVERIFY(fin.waitForBytesWritten(10000));
    WAIT_FOR(chunks->rowCount() == 1);
    fin.disconnectFromHost(); // FIN
    WAIT_FOR(chunks->rowCount() == 2);
    QCOMPARE(chunks->shape(1), Shape::End);
    QCOMPARE(chunks->index(1, 0).data(ChunkModel::SizeRole).toLongLong(), 0);
    QCOMPARE(chunks->index(1, 0).data(ChunkModel::OffsetRole).toLongLong(), 4);
    QCOMPARE(chunks->sendsText(1), QStringLiteral("FIN: recv() returned b''"));

    QTcpSocket rst;
    rst.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    QVERIFY(rst.waitForConnected(10000));
    WAIT_FOR(m_server->clients()->rowCount() == 1);
    // SO_LINGER 0: close() sends a RST.
    rst.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    const int fd = int(rst.socketDescriptor());
    const struct linger lg = {1, 0};
    QCOMPARE(::setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg), 0);
    rst.abort();
    WAIT_FOR(chunks->rowCount() == 3);
    QCOMPARE(chunks->shape(2), Shape::Reset);
    QCOMPARE(chunks->sendsText(2), QStringLiteral("RST: ConnectionResetError"));
    QCOMPARE(chunks->index(2, ChunkModel::SizeColumn).data().toString(), QStringLiteral("-"));
}

void tst_ChunkModel::rowsAreBounded()
{
    ChunkModel model;
    new QAbstractItemModelTester(&model, &model);
    model.setLimit(100);
    stdlab::net::NetEvents events;
    NetEvent connected;
    connected.kind = NetEvent::Connected;
    connected.client = 7;
    connected.peer = QStringLiteral("127.0.0.1:5000");
    connected.timeUs = 1'000'000;
    events << connected;
    for (int i = 0; i < 250; ++i) {
        NetEvent e;
        e.kind = NetEvent::Read;
        e.client = 7;
        e.peer = connected.peer;
        e.offset = i * 10;
        e.size = 10;
        e.timeUs = 1'000'000 + (i + 1) * 1500;
        e.data = QByteArray(10, 'z');
        events << e;
    }
    model.addEvents(events);
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.trimmedCount(), 150);
    // The rows kept are the newest, numbered as they came.
    QCOMPARE(model.index(0, ChunkModel::NumberColumn).data().toLongLong(), 151);
    QCOMPARE(model.index(0, 0).data(ChunkModel::OffsetRole).toLongLong(), 1500);
    QCOMPARE(model.index(0, 0).data(ChunkModel::GapRole).toLongLong(), 1500);
    QCOMPARE(model.index(0, ChunkModel::GapColumn).data().toString(),
             QStringLiteral("+%1 ms").arg(QLocale().toString(1.5, 'f', 1)));
    model.addEvents(events.mid(1, 5));
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.trimmedCount(), 155);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void tst_ChunkModel::slowReaderMakesTheSenderWait()
{
    serveAndConnect(ServerMode::Echo);
    m_server->setSlowReader(1000, 100);
    // More than loopback's buffers hold (send 4 MiB + receive 6 MiB at most here).
    const qint64 size = 32 * 1024 * 1024;
    QVERIFY(m_client->sendData(QByteArray(size, 's')));
    QTest::qWait(1500);
    const ChunkModel *chunks = m_server->chunks();
    // The server took 1,000 bytes every 100 ms; the rest waits in the kernel and in the sender.
    QVERIFY2(bytesRead(chunks) <= 20 * 1000, qPrintable(QString::number(bytesRead(chunks))));
    QVERIFY(chunks->rowCount() >= 5);
    for (int r = 0; r < chunks->rowCount(); ++r) {
        QCOMPARE(chunks->index(r, 0).data(ChunkModel::SizeRole).toLongLong(), 1000);
        if (r > 0) {
            QVERIFY2(chunks->index(r, 0).data(ChunkModel::GapRole).toLongLong() >= 90'000,
                     qPrintable(chunks->index(r, ChunkModel::GapColumn).data().toString()));
        }
    }
    QVERIFY2(m_client->bytesToWrite() > 16 * 1024 * 1024,
             qPrintable(QString::number(m_client->bytesToWrite())));
    // Off: everything flows at once, and the sender's queue empties.
    m_server->setSlowReader(0, 0);
    QTRY_VERIFY_WITH_TIMEOUT(bytesRead(chunks) == size, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(m_client->bytesToWrite(), 0, 30000);
}

void tst_ChunkModel::slowClientReadsInSmallPieces()
{
    serveAndConnect(ServerMode::Echo);
    m_client->setSlowReader(100, 50);
    QVERIFY(m_client->sendData(QByteArray(1000, 'c')));
    const ChunkModel *chunks = m_client->chunks();
    WAIT_FOR(bytesRead(chunks) == 1000);
    QCOMPARE(chunks->rowCount(), 10);
    for (int r = 0; r < 10; ++r) {
        QCOMPARE(chunks->index(r, 0).data(ChunkModel::SizeRole).toLongLong(), 100);
        QCOMPARE(chunks->index(r, 0).data(ChunkModel::OffsetRole).toLongLong(), r * 100);
        if (r > 0) {
            QVERIFY(chunks->index(r, 0).data(ChunkModel::GapRole).toLongLong() >= 40'000);
        }
    }
}

void tst_ChunkModel::slowReaderWithoutPauseServesTheOthers()
{
    // One worker; a client floods it while the server reads 1 byte at a time with no pause.
    serveAndConnect(ServerMode::Echo);
    m_server->setSlowReader(1, 0);
    QVERIFY(m_client->sendData(QByteArray(4 * 1024 * 1024, 'f')));
    QTest::qWait(200);
    // Another client on the same worker is answered at once, not after 4 million reads.
    QTcpSocket other;
    other.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    QVERIFY(other.waitForConnected(10000));
    QElapsedTimer t;
    t.start();
    other.write("ping\n");
    QTRY_VERIFY_WITH_TIMEOUT(other.bytesAvailable() >= 5, 20000);
    QVERIFY2(t.elapsed() < 2000, qPrintable(QString::number(t.elapsed())));
    // Every read was of 1 byte.
    const ChunkModel *chunks = m_server->chunks();
    for (int r = 0; r < std::min(chunks->rowCount(), 1000); ++r) {
        QVERIFY(chunks->index(r, 0).data(ChunkModel::SizeRole).toLongLong() == 1);
    }
    QElapsedTimer stop;
    stop.start();
    m_server->stopServer();
    QVERIFY2(stop.elapsed() < 2000, qPrintable(QString::number(stop.elapsed())));
}

void tst_ChunkModel::serversBacklogTowardASlowClientGrowsAndDrains()
{
    // An echo server and a client that does not read for a while, then reads slowly: what the
    // kernel cannot take waits in the server, and the Reads view shows it grow and drain.
    m_server = std::make_unique<ChatSession>();
    m_server->setBatchIntervalMs(0);
    m_server->setReportReads(true);
    ServerConfig s;
    s.mode = ServerMode::Echo;
    s.port = 0;
    s.threads = 1;
    m_server->setServerConfig(s);
    QVERIFY(m_server->startServer());
    const ChunkModel *chunks = m_server->chunks();
    new QAbstractItemModelTester(m_server->chunks(), m_server.get());
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    QVERIFY(fd >= 0);
    const int small = 4096;
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(m_server->serverPort());
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    WAIT_FOR(m_server->clients()->rowCount() == 1);
    const QByteArray lines = QByteArray(QByteArray(1023, 'b') + '\n').repeated(64);
    auto backlogs = [chunks] {
        QList<qint64> sizes;
        for (int r = 0; r < chunks->rowCount(); ++r) {
            if (chunks->shape(r) == Shape::Backlog) {
                sizes << chunks->index(r, 0).data(ChunkModel::SizeRole).toLongLong();
            }
        }
        return sizes;
    };
    // The kernel's buffers take a few MiB before anything waits in the server.
    constexpr qint64 kTotal = 8 * 1024 * 1024;
    qint64 sent = 0;
    QElapsedTimer t;
    t.start();
    while (sent < kTotal && t.elapsed() < 20000) {
        const ssize_t n = ::send(fd, lines.constData(), size_t(std::min<qint64>(
                                 lines.size(), kTotal - sent)), MSG_NOSIGNAL);
        if (n > 0) {
            sent += n;
        } else {
            QTest::qWait(5);
        }
        if (!backlogs().isEmpty() && backlogs().constLast() > 512 * 1024) {
            break; // (the server stops reading at 4 MiB of backlog: the rest would wait)
        }
    }
    // It grows while the client does not read.
    WAIT_FOR(!backlogs().isEmpty() && backlogs().constLast() > 512 * 1024);
    QTest::qWait(300);
    const QList<qint64> grown = backlogs();
    const qint64 peak = *std::max_element(grown.cbegin(), grown.cend());
    // Then the client reads, at most 64 KiB every 10 ms: it drains, and a last row says so.
    char buffer[64 * 1024];
    qint64 received = 0;
    t.restart();
    while (received < sent && t.elapsed() < 30000) {
        for (qint64 now = 0; now < qint64(sizeof buffer);) {
            const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0) {
                break;
            }
            now += n;
            received += n;
        }
        QTest::qWait(10);
    }
    QCOMPARE(received, sent);
    WAIT_FOR(backlogs().constLast() == 0);
    const QList<qint64> sizes = backlogs();
    qInfo() << "backlog rows:" << sizes.size() << "peak" << peak;
    QVERIFY2(sizes.size() >= 3, qPrintable(QString::number(sizes.size())));
    // Each row is a change; while it drained, it went down.
    const qsizetype top = sizes.indexOf(*std::max_element(sizes.cbegin(), sizes.cend()));
    for (qsizetype i = top + 1; i < sizes.size(); ++i) {
        QVERIFY(sizes[i] != sizes[i - 1]);
    }
    int last = chunks->rowCount() - 1;
    while (chunks->shape(last) != Shape::Backlog) {
        --last;
    }
    QCOMPARE(chunks->sendsText(last),
             QStringLiteral("backlog drained: all the server queued for this client is in its "
                            "socket"));
    QCOMPARE(chunks->index(last, ChunkModel::GapColumn).data().toString(), QString());
    QCOMPARE(chunks->index(last, ChunkModel::SizeColumn).data().toString(), QString());
    QCOMPARE(chunks->index(last, ChunkModel::DataColumn).data().toString(), QString());
    QCOMPARE(chunks->index(last, 0).data(ChunkModel::SizeRole).toLongLong(), 0);
    int first = 0;
    while (chunks->shape(first) != Shape::Backlog) {
        ++first;
    }
    const QString grew = chunks->sendsText(first);
    QVERIFY2(grew.startsWith(QStringLiteral("backlog: ")) && grew.contains(QStringLiteral(" B queued for this client, not yet written to its socket (+")),
             qPrintable(grew));
    ::close(fd);
}

QTEST_GUILESS_MAIN(tst_ChunkModel)
#include "tst_chunkmodel.moc"

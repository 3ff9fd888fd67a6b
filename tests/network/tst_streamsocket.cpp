// StreamSocket: the server workers' descriptor I/O, against a real TCP peer on 127.0.0.1 (plain
// system calls on the peer's side, so that it can half-close, reset or stop reading at will).
#include "streamsocket.h"

#include <QElapsedTimer>
#include <QtTest>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace stdlab::net;

namespace {

/// A connected pair: the server's accepted descriptor (for a StreamSocket) and the peer's.
struct Pair
{
    int server = -1;
    int peer = -1;
    quint16 peerPort = 0;
    ~Pair()
    {
        if (server >= 0) {
            ::close(server);
        }
        if (peer >= 0) {
            ::close(peer);
        }
    }
};

bool connectPair(Pair &p, int peerReceiveBuffer = 0, int serverSendBuffer = 0)
{
    const int ls = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (ls < 0 || ::bind(ls, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0
        || ::listen(ls, 1) != 0
        || ::getsockname(ls, reinterpret_cast<sockaddr *>(&addr), &len) != 0) {
        return false;
    }
    if (serverSendBuffer > 0) {
        // Inherited by the accepted socket.
        ::setsockopt(ls, SOL_SOCKET, SO_SNDBUF, &serverSendBuffer, sizeof serverSendBuffer);
    }
    p.peer = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (peerReceiveBuffer > 0) {
        ::setsockopt(p.peer, SOL_SOCKET, SO_RCVBUF, &peerReceiveBuffer, sizeof peerReceiveBuffer);
    }
    if (::connect(p.peer, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        ::close(ls);
        return false;
    }
    p.server = ::accept4(ls, nullptr, nullptr, SOCK_CLOEXEC); // blocking: StreamSocket fixes it
    ::close(ls);
    sockaddr_in local{};
    len = sizeof local;
    ::getsockname(p.peer, reinterpret_cast<sockaddr *>(&local), &len);
    p.peerPort = ntohs(local.sin_port);
    return p.server >= 0;
}

/// Reads from @p s until @p want bytes came (or 5 s passed).
QByteArray readFor(StreamSocket &s, qint64 want)
{
    QByteArray got;
    char buffer[4096];
    QElapsedTimer t;
    t.start();
    while (got.size() < want && t.elapsed() < 5000) {
        const qint64 n = s.read(buffer, sizeof buffer);
        if (n < 0) {
            break;
        }
        if (n == 0) {
            pollfd pfd{s.descriptor(), POLLIN, 0};
            ::poll(&pfd, 1, 100);
            continue;
        }
        got.append(buffer, n);
    }
    return got;
}

/// Reads from a blocking descriptor until the end or @p want bytes.
QByteArray drain(int fd, qint64 want)
{
    QByteArray got;
    char buffer[65536];
    while (got.size() < want) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) {
            break;
        }
        got.append(buffer, n);
    }
    return got;
}

} // namespace

class tst_StreamSocket : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readSaysNothingNowThenTheBytes();
    void partialWritesWaitAndKeepTheirOrder();
    void endAfterAnUnterminatedLine();
    void resetIsTheRemoteHostClosing();
    void inputSentBeforeAResetIsStillRead();
    void closeDropsWaitingOutput();
};

void tst_StreamSocket::readSaysNothingNowThenTheBytes()
{
    Pair p;
    QVERIFY(connectPair(p));
    StreamSocket s(std::exchange(p.server, -1));
    QCOMPARE(s.peerAddress(), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(s.peerPort(), p.peerPort);
    char buffer[16];
    // EAGAIN: nothing now, not the end and not an error.
    QCOMPARE(s.read(buffer, sizeof buffer), qint64(0));
    QVERIFY(!s.atEnd());
    QVERIFY(!s.failed());
    QCOMPARE(::send(p.peer, "abc", 3, 0), ssize_t(3));
    QCOMPARE(readFor(s, 3), QByteArray("abc"));
    QVERIFY(s.send("xyz"));
    QCOMPARE(s.bytesToWrite(), qint64(0));
    QCOMPARE(drain(p.peer, 3), QByteArray("xyz"));
}

void tst_StreamSocket::partialWritesWaitAndKeepTheirOrder()
{
    // A peer that reads nothing at first, with small buffers on both sides: most of 4 MiB
    // waits in the socket's output, copied pieces and shared ones alike, and must arrive
    // whole and in order once the peer reads.
    Pair p;
    QVERIFY(connectPair(p, 4096, 4096));
    StreamSocket s(std::exchange(p.server, -1));
    QByteArray expected;
    const QByteArray shared(1000, 's');
    for (int i = 0; expected.size() < 4 * 1024 * 1024; ++i) {
        if (i % 3 == 0) {
            s.write(shared);
            expected += shared;
        } else {
            const QByteArray piece = QByteArray::number(i).repeated(1 + i % 50) + '\n';
            QVERIFY(s.send(piece));
            expected += piece;
        }
    }
    QVERIFY(s.flush());
    QVERIFY2(s.bytesToWrite() > 3 * 1024 * 1024, qPrintable(QString::number(s.bytesToWrite())));
    QByteArray got;
    QElapsedTimer t;
    t.start();
    char buffer[65536];
    while (got.size() < expected.size() && t.elapsed() < 10000) {
        QVERIFY(s.flush());
        const ssize_t n = ::recv(p.peer, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n > 0) {
            got.append(buffer, n);
        } else {
            pollfd pfd{p.peer, POLLIN, 0};
            ::poll(&pfd, 1, 10);
        }
    }
    QCOMPARE(s.bytesToWrite(), qint64(0));
    QCOMPARE(got.size(), expected.size());
    QVERIFY(got == expected);
}

void tst_StreamSocket::endAfterAnUnterminatedLine()
{
    Pair p;
    QVERIFY(connectPair(p));
    StreamSocket s(std::exchange(p.server, -1));
    QCOMPARE(::send(p.peer, "no newline", 10, 0), ssize_t(10));
    ::shutdown(p.peer, SHUT_WR);
    QCOMPARE(readFor(s, 10), QByteArray("no newline"));
    char buffer[16];
    pollfd pfd{s.descriptor(), POLLIN, 0};
    ::poll(&pfd, 1, 1000);
    QCOMPARE(s.read(buffer, sizeof buffer), qint64(-1));
    QVERIFY(s.atEnd());
    QVERIFY(!s.failed());
    // Half-closed: the peer still reads what is sent.
    QVERIFY(s.send("bye\n"));
    QCOMPARE(drain(p.peer, 4), QByteArray("bye\n"));
}

void tst_StreamSocket::resetIsTheRemoteHostClosing()
{
    Pair p;
    QVERIFY(connectPair(p));
    StreamSocket s(std::exchange(p.server, -1));
    const linger l{1, 0};
    ::setsockopt(p.peer, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    ::close(std::exchange(p.peer, -1)); // a reset, not a FIN
    pollfd pfd{s.descriptor(), POLLIN, 0};
    ::poll(&pfd, 1, 1000);
    char buffer[16];
    QCOMPARE(s.read(buffer, sizeof buffer), qint64(-1));
    QVERIFY(s.failed());
    QVERIFY(s.wasReset());
    QCOMPARE(s.error(), QAbstractSocket::RemoteHostClosedError);
    QVERIFY(!s.errorString().isEmpty());
    QVERIFY(!s.send("x"));
    QVERIFY(!s.flush());
}

void tst_StreamSocket::inputSentBeforeAResetIsStillRead()
{
    // A room member that sends a line and closes at once: the server's next write to it meets
    // a reset. The line is still in the kernel and must be read (relayed), not lost.
    Pair p;
    QVERIFY(connectPair(p));
    StreamSocket s(std::exchange(p.server, -1));
    QCOMPARE(::send(p.peer, "last line\n", 10, 0), ssize_t(10));
    ::close(std::exchange(p.peer, -1));
    bool failed = false;
    for (int i = 0; i < 100 && !failed; ++i) {
        failed = !s.send("notice\n");
        QTest::qWait(5);
    }
    QVERIFY(failed);
    QVERIFY(s.wasReset());
    QCOMPARE(s.readRemaining(), QByteArray("last line\n"));
}

void tst_StreamSocket::closeDropsWaitingOutput()
{
    Pair p;
    QVERIFY(connectPair(p));
    StreamSocket s(std::exchange(p.server, -1));
    s.write(QByteArray("never sent"));
    QCOMPARE(s.bytesToWrite(), qint64(10));
    s.close();
    QVERIFY(!s.isOpen());
    QCOMPARE(s.bytesToWrite(), qint64(0));
    QCOMPARE(drain(p.peer, 100), QByteArray());
    char buffer[4];
    QCOMPARE(s.read(buffer, sizeof buffer), qint64(-1));
    QVERIFY(!s.flush());
}

QTEST_GUILESS_MAIN(tst_StreamSocket)
#include "tst_streamsocket.moc"

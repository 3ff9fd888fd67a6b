// TLS under the server's workers (tlstransport + StreamSocket): QSslSocket clients in both
// dispatchers and both thread designs, the handshake timeout, a TLS client that never reads, and
// random bytes fed to a session. Python's ssl, openssl and ncat are in interop_tls.py.
#include "netlog.h"
#include "streamsocket.h"
#include "tcpserver.h"
#include "tlsidentity.h"
#include "tlstransport.h"

#include <QRandomGenerator>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QtTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace stdlab::net;

class tst_TlsTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void qtClientEchoesOverTls_data();
    void qtClientEchoesOverTls();
    void handshakeTimeoutClosesASilentClient();
    void tlsClientThatNeverReadsIsBoundedAndDropped();
    void randomBytesFailTheSessionWithAReason();
    void dataAndTheEndInOneWakeUpAreBothSeen();
    void listenRefusesAnIdentityWithoutKey();

private:
    bool start(const ServerOptions &o)
    {
        m_server = std::make_unique<TcpServer>();
        m_log = std::make_unique<NetLog>(m_server.get());
        if (!m_server->listen(o)) {
            qWarning() << m_server->errorString();
            return false;
        }
        return true;
    }
    ServerOptions options(ServerMode mode) const
    {
        ServerOptions o;
        o.mode = mode;
        o.threads = 2;
        o.batchIntervalMs = 10;
        o.tls = m_identity;
        return o;
    }
    /// A QSslSocket that trusts our certificate for "localhost", connected and encrypted.
    bool connectTls(QSslSocket &s)
    {
        QSslConfiguration conf = s.sslConfiguration();
        conf.setCaCertificates({m_identity->certificate});
        s.setSslConfiguration(conf);
        s.setPeerVerifyName(QStringLiteral("localhost"));
        s.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->port());
        QElapsedTimer t;
        t.start();
        while (!s.isEncrypted() && t.elapsed() < 10000) {
            if (s.state() == QAbstractSocket::UnconnectedState) {
                qWarning() << s.errorString();
                return false;
            }
            QTest::qWait(2);
        }
        return s.isEncrypted();
    }

    std::shared_ptr<const TlsIdentity> m_identity;
    std::unique_ptr<TcpServer> m_server;
    std::unique_ptr<NetLog> m_log;
};

void tst_TlsTransport::initTestCase()
{
    if (!QSslSocket::supportsSsl()) {
        QSKIP("Qt has no TLS backend here");
    }
    m_identity = std::make_shared<const TlsIdentity>(generateSelfSigned());
    QVERIFY2(m_identity->ok(), qPrintable(m_identity->error));
}

void tst_TlsTransport::cleanup()
{
    m_server.reset();
    m_log.reset();
}

void tst_TlsTransport::qtClientEchoesOverTls_data()
{
    QTest::addColumn<bool>("qtDispatcher");
    QTest::addColumn<bool>("threadPerClient");
    QTest::newRow("pool, epoll") << false << false;
    QTest::newRow("pool, Qt's dispatcher") << true << false;
    QTest::newRow("thread per client") << false << true;
}

void tst_TlsTransport::qtClientEchoesOverTls()
{
    QFETCH(bool, qtDispatcher);
    QFETCH(bool, threadPerClient);
    ServerOptions o = options(ServerMode::Echo);
    o.threadPerClient = threadPerClient;
    if (qtDispatcher) {
        qputenv("STDLAB_NET_DISPATCHER", "qt");
    }
    const bool started = start(o);
    qunsetenv("STDLAB_NET_DISPATCHER");
    QVERIFY(started);
    QSslSocket c;
    QVERIFY(connectTls(c));
    // 2 MiB of random bytes both ways: many records, reads that end mid-record.
    QByteArray data(2 * 1024 * 1024, Qt::Uninitialized);
    for (char &ch : data) {
        ch = char(QRandomGenerator::global()->bounded(256));
    }
    data.replace("bye", "byx");
    c.write(data);
    const QByteArray back = readExactly(c, data.size(), 20000);
    QCOMPARE(back.size(), data.size());
    QVERIFY(back == data);
    QCOMPARE(m_server->totals().bytesIn, qint64(data.size())); // plaintext counted, not records
    // The server closes with close_notify: Qt sees a clean end, not an error.
    c.write("bye\n");
    QVERIFY(waitClosed(c));
    QCOMPARE(c.error(), QAbstractSocket::RemoteHostClosedError);
    const auto d = m_log->waitFor(NetEvent::Disconnected);
    QVERIFY(d);
    QCOMPARE(d->reason, QStringLiteral("bye"));
}

void tst_TlsTransport::handshakeTimeoutClosesASilentClient()
{
    ServerOptions o = options(ServerMode::Echo);
    o.tlsHandshakeTimeoutMs = 300;
    QVERIFY(start(o));
    QTcpSocket silent;
    QVERIFY(connectClient(silent, m_server->port()));
    QElapsedTimer t;
    t.start();
    QVERIFY(waitClosed(silent, 5000));
    QVERIFY2(t.elapsed() >= 250 && t.elapsed() < 2000, qPrintable(QString::number(t.elapsed())));
    const auto d = m_log->waitFor(NetEvent::Disconnected);
    QVERIFY(d);
    QCOMPARE(d->disconnectReason, DisconnectReason::TlsFailed);
    QCOMPARE(d->reason, QStringLiteral("tls: no handshake within 0.3 s (not a TLS client?)"));
    // A TLS client that is slow but finished its handshake is not touched by that timeout.
    QSslSocket c;
    QVERIFY(connectTls(c));
    QTest::qWait(700);
    c.write("still here\n");
    QCOMPARE(readExactly(c, 11), QByteArray("still here\n"));
}

void tst_TlsTransport::tlsClientThatNeverReadsIsBoundedAndDropped()
{
    ServerOptions o = options(ServerMode::Echo);
    o.maxPendingBytes = 256 * 1024;
    o.stallTimeoutMs = 1500;
    QVERIFY(start(o));
    QSslSocket c;
    QVERIFY(connectTls(c));
    c.setReadBufferSize(4096); // Qt stops taking from the kernel: the client never reads
    const QByteArray chunk(64 * 1024, 'z');
    qint64 maxPendingOut = 0;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 4000 && !m_log->waitFor(NetEvent::Disconnected, {}, 0)) {
        if (c.bytesToWrite() < 1024 * 1024) {
            c.write(chunk);
        }
        for (const ClientStats &s : m_server->clients()) {
            maxPendingOut = std::max(maxPendingOut, s.pendingOut);
        }
        QTest::qWait(10);
    }
    const auto d = m_log->waitFor(NetEvent::Disconnected, {}, 5000);
    QVERIFY(d);
    QCOMPARE(d->disconnectReason, DisconnectReason::NotReading);
    // The cap, one socket's worth of ciphertext (plus record overhead) at most.
    QVERIFY2(maxPendingOut <= o.maxPendingBytes + 2 * 64 * 1024,
             qPrintable(QString::number(maxPendingOut)));
    QVERIFY2(maxPendingOut > o.maxPendingBytes / 2, qPrintable(QString::number(maxPendingOut)));
}

void tst_TlsTransport::randomBytesFailTheSessionWithAReason()
{
    QString why;
    const auto context = TlsServerContext::create(*m_identity, &why);
    QVERIFY2(context, qPrintable(why));
    QRandomGenerator rng(2026);
    int failed = 0;
    for (int i = 0; i < 500; ++i) {
        TlsTransport t(context);
        QByteArray junk(int(rng.bounded(1, 4000)), Qt::Uninitialized);
        for (char &ch : junk) {
            ch = char(rng.bounded(256));
        }
        if (i % 2 == 0) {
            junk.prepend("\x16\x03\x01", 3); // looks like a handshake record
        }
        t.feed(junk);
        TlsTransport::Result r = t.handshake();
        if (r == TlsTransport::Failed) {
            ++failed;
            QVERIFY(!t.errorString().isEmpty());
            if (i % 2 == 1 && junk.front() != 0x16) {
                QVERIFY2(t.errorString().startsWith(u"not a TLS client: it sent plain text b"),
                         qPrintable(t.errorString()));
            }
        } else {
            QCOMPARE(r, TlsTransport::WantRead); // a record announced longer than it is
        }
        QVERIFY(t.takeOutput().size() < 1024); // at most an alert goes back
    }
    QVERIFY2(failed > 400, qPrintable(QString::number(failed)));
}

void tst_TlsTransport::dataAndTheEndInOneWakeUpAreBothSeen()
{
    // Edge-triggered epoll reports a line and the close that follows it once when both arrived
    // before the wait: the read that returns the line must say that more (the end) is there.
    QString why;
    const auto context = TlsServerContext::create(*m_identity, &why);
    QVERIFY2(context, qPrintable(why));
    // A raw listener: a QTcpSocket would take the ClientHello into its own buffer.
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    QVERIFY(listener >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    QVERIFY(::bind(listener, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0);
    QVERIFY(::listen(listener, 1) == 0);
    QVERIFY(::getsockname(listener, reinterpret_cast<sockaddr *>(&addr), &len) == 0);
    QSslSocket c;
    QSslConfiguration conf = c.sslConfiguration();
    conf.setCaCertificates({m_identity->certificate});
    c.setSslConfiguration(conf);
    c.setPeerVerifyName(QStringLiteral("localhost"));
    c.connectToHostEncrypted(QStringLiteral("127.0.0.1"), ntohs(addr.sin_port));
    int fd = -1;
    for (int i = 0; i < 1000 && fd < 0; ++i) {
        QTest::qWait(5);
        fd = ::accept(listener, nullptr, nullptr);
    }
    QVERIFY2(fd >= 0, qPrintable(c.errorString()));
    ::close(listener);
    StreamSocket s(fd);
    s.startServerTls(context);
    QVERIFY(s.tlsHandshaking());
    char buffer[64 * 1024];
    QElapsedTimer t;
    t.start();
    while (!c.isEncrypted() && t.elapsed() < 10000) {
        QCOMPARE(s.read(buffer, sizeof buffer), qint64(0)); // drives the handshake
        QTest::qWait(5);
    }
    QVERIFY2(c.isEncrypted(), qPrintable(s.errorString() + u" / " + c.errorString()));
    QCOMPARE(s.read(buffer, sizeof buffer), qint64(0));
    QVERIFY(!s.tlsHandshaking());
    c.write("hello\n");
    c.disconnectFromHost(); // close_notify and FIN behind the line
    QTest::qWait(300);
    QCOMPARE(s.read(buffer, sizeof buffer), qint64(6));
    QCOMPARE(QByteArray(buffer, 6), QByteArray("hello\n"));
    QVERIFY(s.hasBufferedInput()); // the end is there: the worker must read again
    QCOMPARE(s.read(buffer, sizeof buffer), qint64(-1));
    QVERIFY(s.atEnd());
    QVERIFY(!s.failed());
    QVERIFY(!s.hasBufferedInput());
}

void tst_TlsTransport::listenRefusesAnIdentityWithoutKey()
{
    auto noKey = std::make_shared<TlsIdentity>(*m_identity);
    noKey->key = generateSelfSigned().key; // another certificate's key
    ServerOptions o = options(ServerMode::Echo);
    o.tls = noKey;
    TcpServer server;
    QVERIFY(!server.listen(o));
    QVERIFY2(server.errorString().startsWith(u"TLS: the certificate or key cannot be used"),
             qPrintable(server.errorString()));
    QVERIFY(!server.isListening());
}

QTEST_MAIN(tst_TlsTransport)
#include "tst_tlstransport.moc"

// Framing end to end: `stdlab serve tcp --framing` and `stdlab send tcp --framing` against
// python3 peers written as the course would write them (tests/network/framing_peer.py).
#include "stdlabprocess.h"

#include <QTcpSocket>
#include <QtTest>

#include <csignal>

class tst_FramingCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void serveRoundTripsWithPython_data();
    void serveRoundTripsWithPython();
    void sendRoundTripsWithPython_data();
    void sendRoundTripsWithPython();
    void serveLogsOneMessagePerLine();
    void serveReportsAPrefixOverTheLimit();
    void badFramingIsAUsageError_data();
    void badFramingIsAUsageError();

private:
    QString peerScript() const { return QFINDTESTDATA("framing_peer.py"); }
};

namespace {

/** `stdlab serve ...` running; stop() ends it with SIGTERM and returns the whole log. */
class Server
{
public:
    explicit Server(const QStringList &args)
    {
        m_process.start(stdlabBinary(), QStringList{QStringLiteral("serve"), QStringLiteral("tcp"),
                                                    QStringLiteral("--port"), QStringLiteral("0")}
                                            + args);
        m_process.waitForStarted(10000);
        QElapsedTimer t;
        t.start();
        while (!m_process.canReadLine() && t.elapsed() < 10000
               && m_process.state() == QProcess::Running) {
            m_process.waitForReadyRead(50);
        }
        m_first = m_process.readLine();
        const qsizetype at = m_first.indexOf("listening 127.0.0.1:");
        if (at >= 0) {
            m_port = quint16(m_first.mid(at + 20).split(' ').first().trimmed().toUInt());
        }
    }
    ~Server()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    quint16 port() const { return m_port; }
    QByteArray first() const { return m_first; }
    /// Every log line's event (without its time), once the server stopped.
    QList<QByteArray> stop()
    {
        ::kill(pid_t(m_process.processId()), SIGTERM);
        m_process.waitForFinished(10000);
        QList<QByteArray> events;
        for (const QByteArray &line : QByteArray(m_first + m_process.readAllStandardOutput()).split('\n')) {
            if (line.size() > 24) {
                events << line.mid(24);
            }
        }
        return events;
    }
    /// The "message PEER ..." events, as "message ...".
    static QList<QByteArray> messages(const QList<QByteArray> &events)
    {
        QList<QByteArray> out;
        for (const QByteArray &e : events) {
            if (e.startsWith("message ")) {
                out << "message " + e.mid(e.indexOf(' ', 8) + 1);
            }
        }
        return out;
    }

private:
    QProcess m_process;
    QByteArray m_first;
    quint16 m_port = 0;
};

} // namespace

void tst_FramingCli::initTestCase()
{
    QVERIFY2(QFile::exists(stdlabBinary()), qPrintable(stdlabBinary()));
    QVERIFY(!peerScript().isEmpty());
}

void tst_FramingCli::serveRoundTripsWithPython_data()
{
    QTest::addColumn<QString>("framing");
    QTest::addColumn<QList<QByteArray>>("logged");
    const QByteArray dos = "message \"dos \\xff\\x00 ñ\"";
    QTest::newRow("newline") << "newline"
                             << QList<QByteArray>{"message \"uno\"", dos, "message \"tres\"",
                                                  "message \"bye\""};
    QTest::newRow("raw") << "raw"
                         << QList<QByteArray>{"message \"uno\"", dos, "message \"tres\"",
                                              "message \"bye\""};
    QByteArray big = "message \"";
    for (int i = 0; i < 1 << 20; ++i) {
        const int b = i * 31 % 251;
        if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\') {
            big += char(b);
        } else if (b == '"' || b == '\\') {
            big += '\\';
            big += char(b);
        } else if (b == '\t') {
            big += "\\t";
        } else if (b == '\n') {
            big += "\\n";
        } else if (b == '\r') {
            big += "\\r";
        } else {
            big += "\\x" + QByteArray::number(b, 16).rightJustified(2, '0');
        }
    }
    big += '"';
    QTest::newRow("length, with a 1 MB frame 1 byte at a time")
        << "length"
        << QList<QByteArray>{"message \"uno\"", dos, "message \"tres\"", big, "message \"bye\""};
    QTest::newRow("fixed:12") << "fixed:12"
                              << QList<QByteArray>{
                                     "message \"uno\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\"",
                                     "message \"dos \\xff\\x00 ñ\\x00\\x00\\x00\"",
                                     "message \"tres\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\"",
                                     "message \"bye\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\""};
}

void tst_FramingCli::serveRoundTripsWithPython()
{
    QFETCH(QString, framing);
    QFETCH(QList<QByteArray>, logged);
    Server server({QStringLiteral("--mode"), QStringLiteral("echo"), QStringLiteral("--framing"),
                   framing});
    QVERIFY2(server.port() != 0, server.first().constData());
    const ProcessResult py = runProcess(
        {peerScript(), QStringLiteral("client"), QString::number(server.port()), framing}, {},
        60000, QStringLiteral("python3"));
    QVERIFY2(py.exitCode == 0 && py.out == "OK\n", QByteArray(py.out + py.err).constData());
    const QList<QByteArray> events = server.stop();
    if (framing != QLatin1String("newline")) {
        QVERIFY(events.first().endsWith(QByteArray(" framing=" + framing.toUtf8())));
    }
    const QList<QByteArray> got = Server::messages(events);
    QCOMPARE(got.size(), logged.size());
    for (qsizetype i = 0; i < got.size(); ++i) {
        QVERIFY2(got.at(i) == logged.at(i),
                 QByteArray(got.at(i).left(200) + " != " + logged.at(i).left(200)).constData());
    }
    QVERIFY(events.contains("disconnected " + events.at(1).mid(10) + " reason=bye"));
}

void tst_FramingCli::sendRoundTripsWithPython_data()
{
    QTest::addColumn<QString>("framing");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("printed");
    QTest::addColumn<QByteArray>("oneShot"); ///< the reply to MESSAGE "hola"
    QTest::newRow("length, lines of stdin") << "length" << QByteArray("hola\n\nadiós")
                                            << QByteArray("re: hola\nre: \nre: adiós\n")
                                            << QByteArray("re: hola\n");
    // The server's reply is b"re: " + the 8-byte frame, padded to 16: two frames of 8.
    QTest::newRow("fixed:8") << "fixed:8" << QByteArray("ab\ncd\n")
                             << QByteArray("re: ab\0\0\n" "\0\0\0\0\0\0\0\0\n"
                                           "re: cd\0\0\n" "\0\0\0\0\0\0\0\0\n", 36)
                             << QByteArray("re: hola\n" "\0\0\0\0\0\0\0\0\n", 18);
    QTest::newRow("newline") << "newline" << QByteArray("uno\ndos\n")
                             << QByteArray("re: uno\nre: dos\n") << QByteArray("re: hola\n");
}

void tst_FramingCli::sendRoundTripsWithPython()
{
    QFETCH(QString, framing);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, printed);
    QProcess peer;
    peer.start(QStringLiteral("python3"), {peerScript(), QStringLiteral("server"), framing});
    QVERIFY(peer.waitForStarted(10000));
    QVERIFY(peer.waitForReadyRead(10000));
    const QByteArray port = peer.readLine().trimmed();
    QVERIFY2(port.toUInt() > 0, port.constData());
    const ProcessResult r = runStdlab({QStringLiteral("send"), QStringLiteral("tcp"),
                                       QStringLiteral("127.0.0.1:") + QString::fromLatin1(port),
                                       QStringLiteral("--framing"), framing,
                                       QStringLiteral("--wait"), QStringLiteral("300")},
                                      input, 30000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, printed);
    QVERIFY(peer.waitForFinished(10000));
    QCOMPARE(peer.exitCode(), 0);
    // A MESSAGE argument is one message, framed.
    QProcess again;
    again.start(QStringLiteral("python3"), {peerScript(), QStringLiteral("server"), framing});
    QVERIFY(again.waitForReadyRead(10000));
    const QByteArray port2 = again.readLine().trimmed();
    const ProcessResult one = runStdlab({QStringLiteral("send"), QStringLiteral("tcp"),
                                         QStringLiteral("127.0.0.1:") + QString::fromLatin1(port2),
                                         QStringLiteral("--framing"), framing,
                                         QStringLiteral("--wait"), QStringLiteral("300"),
                                         QStringLiteral("hola")},
                                        {}, 30000);
    QFETCH(QByteArray, oneShot);
    QCOMPARE(one.out, oneShot);
    again.waitForFinished(10000);
}

void tst_FramingCli::serveLogsOneMessagePerLine()
{
    // The last stop's bug: an echoed line was logged as the reads' pieces, and the read holding
    // only its newline as an empty message "".
    Server server({QStringLiteral("--mode"), QStringLiteral("echo")});
    QVERIFY(server.port() != 0);
    QTcpSocket c;
    c.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(c.waitForConnected(5000));
    const QByteArray line(300000, 'x');
    QByteArray sent;
    for (const QByteArray &piece : {QByteArray("Hola, servidor!"), QByteArray("\n"),
                                    QByteArray(QByteArray(40000, 'y') + '\n'), line, QByteArray("\r\n")}) {
        c.write(piece);
        c.waitForBytesWritten(5000);
        sent += piece;
        QTest::qWait(100);
    }
    QElapsedTimer t;
    t.start();
    QByteArray back;
    while (back.size() < sent.size() && t.elapsed() < 10000) {
        c.waitForReadyRead(100);
        back += c.readAll();
    }
    QVERIFY(back == sent);
    c.disconnectFromHost();
    QTest::qWait(200);
    QList<QByteArray> messages = Server::messages(server.stop());
    // A message sent without its newline (as the course's clients do) is one, and its newline,
    // in a read of its own, is no empty message; a 40,000-byte line is one message.
    QVERIFY(messages.size() >= 3);
    QCOMPARE(messages.at(0), QByteArray("message \"Hola, servidor!\""));
    QCOMPARE(messages.at(1), "message \"" + QByteArray(40000, 'y') + '"');
    // A line longer than the 64 KiB the log keeps is cut, never below what a read brought, and
    // every byte of it is logged once.
    QByteArray logged;
    for (qsizetype i = 2; i < messages.size(); ++i) {
        const QByteArray m = messages.at(i).sliced(9).chopped(1);
        QVERIFY2(!m.isEmpty() && m.size() <= 65536, messages.at(i).left(40).constData());
        logged += m;
    }
    QCOMPARE(logged.size(), line.size());
    QVERIFY(logged == line);
}

void tst_FramingCli::serveReportsAPrefixOverTheLimit()
{
    Server server({QStringLiteral("--mode"), QStringLiteral("chat"), QStringLiteral("--framing"),
                   QStringLiteral("length")});
    QVERIFY(server.port() != 0);
    QTcpSocket c;
    c.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(c.waitForConnected(5000));
    const QByteArray peer = "127.0.0.1:" + QByteArray::number(c.localPort());
    c.write(QByteArray("\x00\x00\x00\x02ok\x7f\xff\xff\xff", 10));
    QVERIFY(c.waitForDisconnected(5000));
    const QList<QByteArray> events = server.stop();
    QVERIFY(events.contains("message " + peer + " \"ok\""));
    QVERIFY(events.contains("error " + peer + " frame too long: the length prefix says "
                                              "2147483647 bytes, over the limit of 16777216"));
    QVERIFY(events.contains("disconnected " + peer + " reason=frame too long"));
}

void tst_FramingCli::badFramingIsAUsageError_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("serve, unknown") << QStringList{"serve", "tcp", "--port", "0", "--framing", "lines"}
                                    << QByteArray("--framing: expected raw, newline, length or fixed:N, got 'lines'");
    QTest::newRow("serve, fixed:0") << QStringList{"serve", "tcp", "--port", "0", "--framing", "fixed:0"}
                                    << QByteArray("--framing: fixed:N needs a size of 1-16777216 bytes, got '0'");
    QTest::newRow("serve udp") << QStringList{"serve", "udp", "--port", "0", "--framing", "raw"}
                               << QByteArray("--framing is for tcp servers only");
    QTest::newRow("send udp") << QStringList{"send", "udp", "127.0.0.1:9", "--framing", "raw", "x"}
                              << QByteArray("--framing is for tcp only");
}

void tst_FramingCli::badFramingIsAUsageError()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, message);
    const ProcessResult r = runStdlab(args, {}, 10000);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), r.err.constData());
}

QTEST_GUILESS_MAIN(tst_FramingCli)
#include "tst_framingcli.moc"

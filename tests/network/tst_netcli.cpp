// `stdlab serve` / `stdlab send` run as processes: event lines, signals, exit codes.
#include "stdlabprocess.h"
#include "tcpclient.h"

#include <QHostInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QUdpSocket>
#include <QtTest>

#include <csignal>

/** A running `stdlab serve ...`: its stdout lines as they come. */
class Served
{
public:
    /// @p wrapper: a command that runs the binary (e.g. prlimit with its options).
    explicit Served(const QStringList &args, const QByteArray &input = {},
                    const QStringList &wrapper = {})
    {
        if (wrapper.isEmpty()) {
            m_process.start(stdlabBinary(), args);
        } else {
            m_process.start(wrapper.first(), wrapper.mid(1) + QStringList{stdlabBinary()} + args);
        }
        m_process.waitForStarted(10000);
        if (!input.isEmpty()) {
            m_process.write(input);
        }
    }
    ~Served()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    /// The next stdout line (without its newline); empty after @p ms.
    QByteArray line(int ms = 10000)
    {
        QElapsedTimer t;
        t.start();
        while (!m_process.canReadLine() && t.elapsed() < ms
               && m_process.state() == QProcess::Running) {
            m_process.waitForReadyRead(50);
        }
        QByteArray l = m_process.readLine();
        l.chop(l.endsWith('\n') ? 1 : 0);
        return l;
    }
    /// The next line without its time, after checking the time's format.
    QByteArray event(int ms = 10000)
    {
        const QByteArray l = line(ms);
        static const QRegularExpression time(
            QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3} "));
        if (!time.match(QString::fromUtf8(l)).hasMatch()) {
            return "BAD TIME: " + l;
        }
        return l.mid(24);
    }
    /// Reads "listening ADDR:PORT ..." and returns PORT.
    quint16 listeningPort()
    {
        const QByteArray e = event();
        m_listening = e;
        if (!e.startsWith("listening 127.0.0.1:")) {
            qWarning() << e << m_process.readAllStandardError();
            return 0;
        }
        return quint16(e.mid(20, e.indexOf(' ', 20) - 20).toUInt());
    }
    QProcess m_process;
    QByteArray m_listening;
};

/// A client socket that waits with a blocking API (the server is another process).
static QByteArray readN(QTcpSocket &s, qsizetype n)
{
    QByteArray got;
    QElapsedTimer t;
    t.start();
    while (got.size() < n && t.elapsed() < 5000) {
        if (s.bytesAvailable() == 0) {
            s.waitForReadyRead(100);
        }
        got += s.read(n - got.size());
    }
    return got;
}

static QString peerOf(const QTcpSocket &s)
{
    return QStringLiteral("127.0.0.1:%1").arg(s.localPort());
}

class tst_NetCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void serveEchoLinesAndSignalStop();
    void serveGreetWithSendTcp();
    void serveDoesNotStatTheTimeZonePerEvent();
    void serveShowsBytesThatAreNotUtf8AsBackslashreplace();
    void serveRulesAnswersWithSend();
    void serveChatStdinGoesToClients();
    void serveThreadPerClient();
    void serveThreadPerClientOutOfDescriptors();
    void serveUdpWithSendUdp();
    void servePortInUseFails();
    void usageErrors_data();
    void usageErrors();
    void sendTcpRefused();
    void sendTcpLocalhostFindsAServerOnIpv6Only();
    void sendTcpStdinLikeNc();
    void sendUdpTooLarge();
};

void tst_NetCli::initTestCase()
{
    QVERIFY2(QFile::exists(stdlabBinary()), qPrintable(stdlabBinary()));
}

void tst_NetCli::serveEchoLinesAndSignalStop()
{
    Served s({"serve", "tcp", "--port", "0", "--mode", "echo", "--threads", "2"});
    const quint16 port = s.listeningPort();
    QVERIFY(port != 0);
    QCOMPARE(s.m_listening, QByteArray("listening 127.0.0.1:") + QByteArray::number(port)
                                + " mode=echo threads=2");
    QTcpSocket c;
    c.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(c.waitForConnected(5000));
    const QByteArray peer = peerOf(c).toUtf8();
    QCOMPARE(s.event(), "connected " + peer);
    c.write("Hola, servidor!");
    c.waitForBytesWritten(5000);
    QCOMPARE(readN(c, 15), QByteArray("Hola, servidor!"));
    QCOMPARE(s.event(), "message " + peer + " \"Hola, servidor!\"");
    c.write("se está \"bien\"\t\x01\xff\n");
    c.waitForBytesWritten(5000);
    QCOMPARE(s.event(), "message " + peer + " \"se está \\\"bien\\\"\\t\\x01\\xff\"");
    c.write("bye\n");
    c.waitForBytesWritten(5000);
    QCOMPARE(s.event(), "message " + peer + " \"bye\"");
    QCOMPARE(s.event(), "disconnected " + peer + " reason=bye");
    QTcpSocket d;
    d.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(d.waitForConnected(5000));
    QCOMPARE(s.event(), "connected " + peerOf(d).toUtf8());
    ::kill(pid_t(s.m_process.processId()), SIGTERM);
    QCOMPARE(s.event(), "disconnected " + peerOf(d).toUtf8() + " reason=server stopped");
    const QByteArray summary = s.event();
    QVERIFY2(summary.startsWith("stopped served 2 clients"), summary.constData());
    QVERIFY(s.m_process.waitForFinished(10000));
    QCOMPARE(s.m_process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(s.m_process.exitCode(), 0);
}

void tst_NetCli::serveDoesNotStatTheTimeZonePerEvent()
{
    // With TZ unset, each event line's local time made glibc stat /etc/localtime (one stat
    // per echoed message: 58 % of the printing thread under load).
    const QString strace = QStandardPaths::findExecutable(QStringLiteral("strace"));
    if (strace.isEmpty()) {
        QSKIP("strace is not installed");
    }
    if (runProcess({QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("true")}, {},
                   10000, strace)
            .exitCode
        != 0) {
        QSKIP("strace cannot trace here (ptrace not permitted)");
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString trace = dir.filePath(QStringLiteral("trace"));
    qunsetenv("TZ");
    Served s({QStringLiteral("serve"), QStringLiteral("tcp"), QStringLiteral("--port"),
              QStringLiteral("0")},
             {},
             {strace, QStringLiteral("-f"), QStringLiteral("-e"),
              QStringLiteral("trace=newfstatat,stat"), QStringLiteral("-o"), trace});
    const quint16 port = s.listeningPort();
    QVERIFY(port != 0);
    QTcpSocket c;
    c.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(c.waitForConnected(5000));
    QVERIFY(s.event().startsWith("connected "));
    for (int i = 0; i < 200; ++i) {
        c.write("eco\n");
        c.waitForBytesWritten(5000);
        QCOMPARE(readN(c, 4), QByteArray("eco\n"));
    }
    for (int i = 0; i < 200; ++i) {
        QCOMPARE(s.event(), "message " + peerOf(c).toUtf8() + " \"eco\"");
    }
    // strace does not pass SIGTERM on: stop its child, then strace ends with it.
    QFile children(QStringLiteral("/proc/%1/task/%1/children").arg(s.m_process.processId()));
    QVERIFY(children.open(QIODevice::ReadOnly));
    const pid_t serve = pid_t(children.readAll().trimmed().split(' ').value(0).toInt());
    QVERIFY(serve > 0);
    ::kill(serve, SIGTERM);
    QVERIFY(s.m_process.waitForFinished(10000));
    QFile f(trace);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    const qsizetype localtime = text.count("\"/etc/localtime\"");
    QVERIFY2(localtime < 20, QByteArray::number(localtime).constData());
}

void tst_NetCli::serveShowsBytesThatAreNotUtf8AsBackslashreplace()
{
    // The message lines showed invalid UTF-8 as U+FFFD: which byte came was lost. Now each such
    // byte is \xNN as Python's errors="backslashreplace" writes it, and \xNN means nothing else
    // (a literal backslash is \\, a control character of U+0080..U+00FF is \u0085): the bytes
    // can be read back from the line. Fixed cases, then random messages rendered by python3
    // (its UTF-8 decoder decides which bytes are invalid).
    QList<QByteArray> messages = {
        "\xff",
        "caf\xc3\xa9 \xe9",       // é, then a Latin-1 é
        "\\xff",                  // the text \xff, not the byte
        "\xc2\x85|\x85",          // U+0085 and the lone byte 0x85
        "\xe2\x82|\xe2\x82\xac",  // a cut euro sign and a whole one
        "\xed\xa0\x80",           // a surrogate: not UTF-8 for Python
        "\xc0\xaf",               // an overlong '/'
        "\xf4\x90\x80\x80",       // above U+10FFFF
        "\xf0\x9f\x98\x80\xe2\x80\x8b", // an emoji, then U+200B (not printable)
    };
    const QList<QByteArray> fixed = {
        R"("\xff")",
        R"("café \xe9")",
        R"("\\xff")",
        R"("\u0085|\x85")",
        R"("\xe2\x82|€")",
        R"("\xed\xa0\x80")",
        R"("\xc0\xaf")",
        R"("\xf4\x90\x80\x80")",
        R"("😀\u200b")",
    };
    QRandomGenerator rng(20261207);
    for (int i = 0; i < 150; ++i) {
        QByteArray m;
        const int n = 1 + int(rng.bounded(12));
        for (int k = 0; k < n; ++k) {
            // Mostly bytes of multi-byte sequences, so that some are valid UTF-8.
            char c = char(rng.bounded(2) ? 0x80 + rng.bounded(0x80) : rng.bounded(0x100));
            if (c == '\n' || c == '\r') {
                c = 'x';
            }
            m += c;
        }
        messages.append(m);
    }
    QProcess python;
    python.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"), QStringLiteral(R"(
import sys
def show(b):
    out = []
    for ch in b.decode("utf-8", "surrogateescape"):
        o = ord(ch)
        esc = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
        if 0xDC80 <= o <= 0xDCFF:
            out.append("\\x%02x" % (o - 0xDC00))
        elif ch in esc:
            out.append(esc[ch])
        elif o < 0x20 or o == 0x7F:
            out.append("\\x%02x" % o)
        elif ch.isprintable():
            out.append(ch)
        else:
            out.append(("\\u%04x" if o <= 0xFFFF else "\\U%08x") % o)
    return '"' + "".join(out) + '"'
for line in sys.stdin.buffer:
    b = bytes.fromhex(line.decode())
    sys.stdout.buffer.write(show(b).encode("utf-8", "surrogatepass") + b"\n")
)")});
    QVERIFY2(python.waitForStarted(30000), "python3 is needed");
    for (const QByteArray &m : messages) {
        python.write(m.toHex() + '\n');
    }
    python.closeWriteChannel();
    QVERIFY(python.waitForFinished(60000));
    const QList<QByteArray> expected = python.readAllStandardOutput().split('\n');
    QCOMPARE(expected.size(), messages.size() + 1);

    Served s({"serve", "tcp", "--port", "0", "--mode", "echo"});
    const quint16 port = s.listeningPort();
    QVERIFY(port != 0);
    QTcpSocket c;
    c.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(c.waitForConnected(5000));
    const QByteArray peer = peerOf(c).toUtf8();
    QCOMPARE(s.event(), "connected " + peer);
    for (qsizetype i = 0; i < messages.size(); ++i) {
        // One message per read: the next goes once the echo of this one is back.
        c.write(messages[i]);
        QCOMPARE(readN(c, messages[i].size()), messages[i]);
        const QByteArray line = s.event();
        QCOMPARE(line, "message " + peer + ' ' + expected[i]);
        if (i < fixed.size()) {
            QCOMPARE(line, "message " + peer + ' ' + fixed[i]);
        }
    }
}

void tst_NetCli::serveGreetWithSendTcp()
{
    Served s({"serve", "tcp", "--port", "0", "--mode", "greet"});
    const quint16 port = s.listeningPort();
    QVERIFY(port != 0);
    const ProcessResult r = runStdlab(
        {"send", "tcp", QStringLiteral("127.0.0.1:%1").arg(port), "Este", "es", "un", "mensaje"},
        {}, 20000);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("Un saludo crack!\n"));
    QVERIFY(s.event().startsWith("connected 127.0.0.1:"));
    QVERIFY(s.event().endsWith(" \"Este es un mensaje\""));
    QVERIFY(s.event().endsWith(" reason=greeted"));
}

void tst_NetCli::serveRulesAnswersWithSend()
{
    Served s({"serve", "tcp", "--port", "0", "--mode", "rules", "--rule",
              "(?P<a>\\d+)\\+(?P<b>\\d+)=>\\g<a> más \\g<b> (\\g<0>)", "--rule", "hola=>¡hola!",
              "--default", "no entiendo"});
    const quint16 port = s.listeningPort();
    QVERIFY(port != 0);
    QVERIFY2(s.m_listening.contains("mode=rules"), s.m_listening.constData());
    const ProcessResult r = runStdlab(
        {"send", "tcp", QStringLiteral("127.0.0.1:%1").arg(port), "2+40"}, {}, 20000);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("2 más 40 (2+40)\n"));
    const ProcessResult other = runStdlab(
        {"send", "tcp", QStringLiteral("127.0.0.1:%1").arg(port), "¿y", "esto?"}, {}, 20000);
    QCOMPARE(other.out, QByteArray("no entiendo\n"));
    QVERIFY(s.event().startsWith("connected 127.0.0.1:"));
    QVERIFY(s.event().endsWith(" \"2+40\""));
}

void tst_NetCli::serveChatStdinGoesToClients()
{
    Served s({"serve", "tcp", "--port", "0", "--mode", "chat"});
    const quint16 port = s.listeningPort();
    QVERIFY(port != 0);
    QTcpSocket a;
    QTcpSocket b;
    a.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(a.waitForConnected(5000));
    QVERIFY(s.event().startsWith("connected"));
    b.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(b.waitForConnected(5000));
    QVERIFY(s.event().startsWith("connected"));
    s.m_process.write("hola a todos\n");
    s.m_process.waitForBytesWritten(5000);
    QCOMPARE(readN(a, 13), QByteArray("hola a todos\n"));
    QCOMPARE(readN(b, 13), QByteArray("hola a todos\n"));
    s.m_process.write("@" + peerOf(a).toUtf8() + " solo para a\n");
    s.m_process.waitForBytesWritten(5000);
    QCOMPARE(readN(a, 12), QByteArray("solo para a\n"));
    a.write("gracias\n");
    a.waitForBytesWritten(5000);
    QByteArray e;
    do {
        e = s.event();
    } while (e.startsWith("sent "));
    QCOMPARE(e, "message " + peerOf(a).toUtf8() + " \"gracias\"");
    QVERIFY(!b.waitForReadyRead(200));
}

void tst_NetCli::serveThreadPerClient()
{
    Served s({"serve", "tcp", "--port", "0", "--thread-per-client", "--max-clients", "5"});
    const quint16 port = s.listeningPort();
    QVERIFY(port != 0);
    QVERIFY(s.m_listening.endsWith(" mode=echo threads=per-client"));
    QTcpSocket c;
    c.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(c.waitForConnected(5000));
    c.write("eco");
    c.waitForBytesWritten(5000);
    QCOMPARE(readN(c, 3), QByteArray("eco"));
}

void tst_NetCli::serveThreadPerClientOutOfDescriptors()
{
    // A thread per client costs 3 descriptors; at the limit the server must turn clients away
    // with a reason and keep serving (GLib used to abort the process: "Too many open files";
    // under UBSan, with no descriptor left, the vptr check reported a live socket as invalid).
    Served s({"serve", "tcp", "--port", "0", "--thread-per-client", "--quiet"}, {},
             {QStringLiteral("prlimit"), QStringLiteral("--nofile=96:96")});
    const quint16 port = s.listeningPort();
    QVERIFY(port != 0);
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    int served = 0;
    int refused = 0;
    for (int i = 0; i < 45; ++i) {
        auto c = std::make_unique<QTcpSocket>();
        c->connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(c->waitForConnected(5000));
        c->write("eco\n");
        c->waitForBytesWritten(5000);
        const QByteArray got = readN(*c, 4);
        if (got.isEmpty()) {
            break; // not even accepted: the listener waits for a descriptor (EMFILE)
        }
        if (got == "eco\n") {
            ++served;
        } else {
            const QByteArray rest = got + c->readAll();
            QVERIFY2(QByteArray("sorry, server full: out of file descriptors").startsWith(rest)
                         || rest.startsWith("sorry, server full: out of file descriptors"),
                     rest.constData());
            ++refused;
        }
        clients.push_back(std::move(c));
        if (refused >= 3) {
            break;
        }
    }
    QVERIFY2(served >= 10, QByteArray::number(served).constData());
    // At the limit a client is either refused with the reason above or left waiting in the
    // listen queue (accept() itself found no descriptor); either way the server lives on.
    qInfo("served %d, refused %d at the descriptor limit", served, refused);
    QCOMPARE(s.m_process.state(), QProcess::Running);
    clients.clear(); // every client leaves: their threads and descriptors are given back
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QTcpSocket c;
            c.connectToHost(QHostAddress::LocalHost, port);
            if (!c.waitForConnected(2000)) {
                return false;
            }
            c.write("otra vez\n");
            c.waitForBytesWritten(2000);
            return readN(c, 9) == "otra vez\n";
        }(),
        15000);
    QCOMPARE(s.m_process.state(), QProcess::Running);
}

void tst_NetCli::serveUdpWithSendUdp()
{
    Served s({"serve", "udp", "--port", "0", "--echo"});
    const quint16 port = s.listeningPort();
    QVERIFY(port != 0);
    QVERIFY(s.m_listening.endsWith(" udp echo=on"));
    const ProcessResult r = runStdlab({"send", "udp", QStringLiteral("127.0.0.1:%1").arg(port),
                                       QStringLiteral("Hola, se está tensando muchísimo")},
                                      {}, 20000);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QString::fromUtf8(r.out), QStringLiteral("Hola, se está tensando muchísimo\n"));
    const QByteArray e = s.event();
    QVERIFY2(e.startsWith("datagram 127.0.0.1:"), e.constData());
    QVERIFY(e.endsWith(QStringLiteral(" \"Hola, se está tensando muchísimo\"").toUtf8()));
}

void tst_NetCli::servePortInUseFails()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    const ProcessResult r = runStdlab(
        {"serve", "tcp", "--port", QString::number(taken.serverPort())}, {}, 20000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.isEmpty()); // no "listening" line
    QCOMPARE(r.err, "stdlab serve: port " + QByteArray::number(taken.serverPort())
                        + " is already in use\n");
}

void tst_NetCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("serve without protocol") << QStringList{"serve", "--port", "1"}
                                            << QByteArray("expected tcp or udp");
    QTest::newRow("serve without port") << QStringList{"serve", "tcp"}
                                        << QByteArray("--port is required");
    QTest::newRow("serve bad mode") << QStringList{"serve", "tcp", "--port", "0", "--mode", "x"}
                                    << QByteArray("--mode must be greet, echo, chat, room or rules");
    QTest::newRow("serve rules, bad pattern: Python's message")
        << QStringList{"serve", "tcp", "--port", "0", "--mode", "rules", "--rule", "hola=>x",
                       "--rule", "(a=>x"}
        << QByteArray("stdlab serve: rule 2: missing ), unterminated subpattern at position 0\n");
    QTest::newRow("serve rules, bad group in a reply")
        << QStringList{"serve", "tcp", "--port", "0", "--mode", "rules", "--rule", "(a)=>\\2"}
        << QByteArray("rule 1: invalid group reference 2 at position 1");
    QTest::newRow("serve rules without =>")
        << QStringList{"serve", "tcp", "--port", "0", "--mode", "rules", "--rule", "hola"}
        << QByteArray("--rule: expected PATTERN=>REPLY, got 'hola'");
    QTest::newRow("serve rules without any")
        << QStringList{"serve", "tcp", "--port", "0", "--mode", "rules"}
        << QByteArray("--mode rules needs a --rule or a --default");
    QTest::newRow("serve rule in another mode")
        << QStringList{"serve", "tcp", "--port", "0", "--rule", "a=>b"}
        << QByteArray("--rule and --default need --mode rules");
    QTest::newRow("serve bad port") << QStringList{"serve", "tcp", "--port", "70000"}
                                    << QByteArray("--port must be 0-65535");
    QTest::newRow("serve bad bind") << QStringList{"serve", "tcp", "--port", "0", "--bind", "x.y"}
                                    << QByteArray("--bind: not an address");
    for (const char *bad : {"lots", "-1", "1.5M", "2T", "2000G", "10X", ""}) {
        QTest::addRow("serve --max-buffer '%s'", bad)
            << QStringList{"serve", "tcp", "--port", "0", "--max-buffer", bad}
            << ("--max-buffer takes a size such as 256M, 1G or 65536 (bytes; 0 = no budget), at "
                "most 1T, not '" + QByteArray(bad) + "'");
    }
    QTest::newRow("serve udp with max-buffer")
        << QStringList{"serve", "udp", "--port", "0", "--max-buffer", "1M"}
        << QByteArray("--max-buffer is for tcp servers only");
    QTest::newRow("serve udp with mode")
        << QStringList{"serve", "udp", "--port", "0", "--mode", "echo"}
        << QByteArray("--mode is for tcp servers only");
    QTest::newRow("send without target") << QStringList{"send", "tcp"}
                                         << QByteArray("expected tcp|udp HOST:PORT");
    QTest::newRow("send bad target") << QStringList{"send", "tcp", "localhost"}
                                     << QByteArray("expected HOST:PORT, got 'localhost'");
    QTest::newRow("send port out of range") << QStringList{"send", "udp", "127.0.0.1:99999", "x"}
                                            << QByteArray("the port must be 1-65535, got 99999");
    QTest::newRow("send port 0") << QStringList{"send", "tcp", "[::1]:0"}
                                 << QByteArray("the port must be 1-65535, got 0");
    QTest::newRow("send udp without message") << QStringList{"send", "udp", "127.0.0.1:9"}
                                              << QByteArray("udp needs a MESSAGE");
}

void tst_NetCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, message);
    const ProcessResult r = runStdlab(args, {}, 20000);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), r.err.constData());
    QVERIFY(r.out.isEmpty());
}

void tst_NetCli::sendTcpRefused()
{
    quint16 port = 0;
    {
        QTcpServer s;
        QVERIFY(s.listen(QHostAddress::LocalHost, 0));
        port = s.serverPort();
    }
    const ProcessResult r =
        runStdlab({"send", "tcp", QStringLiteral("127.0.0.1:%1").arg(port), "hola"}, {}, 20000);
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err, "stdlab send: connection refused: nothing is listening on 127.0.0.1:"
                        + QByteArray::number(port) + "\n");
}

void tst_NetCli::sendTcpLocalhostFindsAServerOnIpv6Only()
{
    // Packet Sender #44: a server on ::1 only, a client asking for localhost (which this
    // machine's /etc/hosts may map to 127.0.0.1 alone).
    Served s({"serve", "tcp", "--port", "0", "--bind", "::1", "--mode", "greet"});
    const QByteArray listening = s.event();
    if (!listening.startsWith("listening [::1]:")) {
        QSKIP("this machine cannot listen on ::1");
    }
    const quint16 port = quint16(listening.mid(16, listening.indexOf(' ', 16) - 16).toUInt());
    QVERIFY(port != 0);
    const ProcessResult r =
        runStdlab({"send", "tcp", QStringLiteral("localhost:%1").arg(port), "hola"}, {}, 20000);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("Un saludo crack!\n"));
    // 127.0.0.1 first (the resolver's answer here): the note says it refused and ::1 answered.
    const QList<QHostAddress> order = stdlab::net::TcpClient::connectCandidates(
        QStringLiteral("localhost"), QHostInfo::fromName(QStringLiteral("localhost")).addresses());
    const QByteArray note = order.first() == QHostAddress(QHostAddress::LocalHost)
        ? "stdlab send: localhost: 127.0.0.1 refused, [::1]:" + QByteArray::number(port)
              + " answered\n"
        : QByteArray();
    QCOMPARE(r.err, note);
    QVERIFY(s.event().startsWith("connected [::1]:"));
}

void tst_NetCli::sendTcpStdinLikeNc()
{
    Served s({"serve", "tcp", "--port", "0", "--mode", "echo"});
    const quint16 port = s.listeningPort();
    QVERIFY(port != 0);
    const QByteArray input("uno\ndos\ntres\n");
    const ProcessResult r =
        runStdlab({"send", "tcp", QStringLiteral("127.0.0.1:%1").arg(port)}, input, 20000);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, input);
    // "bye" ends the session as the course's interactive client does.
    const ProcessResult bye = runStdlab({"send", "tcp", QStringLiteral("127.0.0.1:%1").arg(port)},
                                        "hola\nbye\n", 20000);
    QCOMPARE(bye.exitCode, 0);
    QCOMPARE(bye.out, QByteArray("hola\n"));
}

void tst_NetCli::sendUdpTooLarge()
{
    const ProcessResult r = runStdlab(
        {"send", "udp", "127.0.0.1:9", QString(70000, QLatin1Char('x'))}, {}, 20000);
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err,
             QByteArray("stdlab send: datagram too large: 70,000 bytes (the maximum is 65,507)\n"));
}

QTEST_GUILESS_MAIN(tst_NetCli)
#include "tst_netcli.moc"

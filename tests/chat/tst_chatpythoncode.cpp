// The Chat tab's Python code: every program parses, carries the configuration as literals, and
// the generated servers and clients really talk to each other.
#include "chat/chatpythoncode.h"
#include "../network/netlog.h"
#include "framing.h"
#include "scratchdir.h"
#include "tcpclient.h"
#include "tcpserver.h"
#include "tlsidentity.h"
#include "udpserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QtTest>

using namespace stdlab::chat::python;

namespace {

// python3 starts slowly on a loaded machine (CI runs tests in parallel): generous, never slept.
constexpr int ProcessTimeoutMs = 30000;

ServerConfig server(Mode mode, const QString &host = QStringLiteral("127.0.0.1"),
                    quint16 port = 1234)
{
    ServerConfig c;
    c.mode = mode;
    c.host = host;
    c.port = port;
    return c;
}

ServerConfig udpServer(bool echo, quint16 port = 1234)
{
    ServerConfig c;
    c.udp = true;
    c.udpEcho = echo;
    c.port = port;
    return c;
}

ClientConfig client(bool udp, bool interactive, const QString &host = QStringLiteral("127.0.0.1"))
{
    ClientConfig c;
    c.udp = udp;
    c.interactive = interactive;
    c.host = host;
    return c;
}

/// For each program, empty when it parses, else "line: message" (one python3 for them all).
QStringList syntaxErrors(const QStringList &programs)
{
    QProcess python;
    python.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import ast,json,sys\n"
                                 "for code in json.loads(sys.stdin.buffer.read().decode()):\n"
                                 "    try:\n"
                                 "        ast.parse(code)\n"
                                 "        print('')\n"
                                 "    except SyntaxError as e:\n"
                                 "        print(f'{e.lineno}: {e.msg}')\n")});
    if (!python.waitForStarted(ProcessTimeoutMs)) {
        return {QStringLiteral("python3 is needed: ") + python.errorString()};
    }
    python.write(QJsonDocument(QJsonArray::fromStringList(programs)).toJson());
    python.closeWriteChannel();
    if (!python.waitForFinished(60000) || python.exitCode() != 0) {
        return {QStringLiteral("python3 failed: ")
                + QString::fromUtf8(python.readAllStandardError())};
    }
    QStringList errors = QString::fromUtf8(python.readAllStandardOutput()).split(QLatin1Char('\n'));
    errors.removeLast();
    return errors;
}

QString syntaxError(const QString &code)
{
    return syntaxErrors({code}).value(0, QStringLiteral("no answer"));
}

/// Starts `python3 -u -c code args` (unbuffered, so that tests see each print at once).
void startPython(QProcess &process, const QString &code, const QStringList &args = {})
{
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(QStringLiteral("python3"), QStringList{QStringLiteral("-u"),
                                                         QStringLiteral("-c"), code}
                                                 + args);
}

void stop(QProcess &process)
{
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(5000);
    }
}

/// A generated server running in python3; stopped when it goes out of scope.
class PythonServer
{
public:
    ~PythonServer() { stop(m_process); }

    /// Starts the program for @p config and reads the port from its first line
    /// ("...127.0.0.1:PORT..."); false if it printed none.
    bool start(const ServerConfig &config)
    {
        static const QRegularExpression portRe(QStringLiteral("127\\.0\\.0\\.1:(\\d+)"));
        startPython(m_process, serverProgram(config));
        for (int i = 0; i < 300 && !portRe.match(QString::fromUtf8(m_out)).hasMatch(); ++i) {
            if (m_process.state() == QProcess::NotRunning) {
                break;
            }
            if (m_process.waitForReadyRead(100)) {
                m_out += m_process.readAllStandardOutput();
            }
        }
        const QRegularExpressionMatch m = portRe.match(QString::fromUtf8(m_out));
        m_port = m.hasMatch() ? quint16(m.captured(1).toUInt()) : 0;
        return m_port > 0;
    }
    quint16 port() const { return m_port; }
    QProcess *process() { return &m_process; }
    /// Everything the server printed so far.
    const QByteArray &output()
    {
        m_out += m_process.readAllStandardOutput();
        return m_out;
    }

private:
    QProcess m_process;
    QByteArray m_out;
    quint16 m_port = 0;
};

/// Starts the generated client for @p config, connecting to @p port.
void startClient(QProcess &process, ClientConfig config, quint16 port)
{
    config.port = port;
    startPython(process, clientProgram(config));
}

} // namespace

class tst_ChatPythonCode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyProgramParses();
    void constantsArePythonLiterals();
    void tcpServersReuseTheAddress_data();
    void tcpServersReuseTheAddress();
    void echoServerIsTheClientThreadDesign();
    void udpServerLoopsOnRecvfrom();
    void automaticPortIsAskedOfTheSocket();
    void dualStackBindUsesIpv6();
    void clientsConnectToTheConfiguredServer();
    void modeNames();
    void generatedGreetServerGreetsGeneratedClient();
    void generatedEchoServerEchoesUntilBye();
    void generatedEchoServerShowsBytesThatAreNotUtf8AsTheCliDoes();
    void generatedRoomRelaysLinesWithNames();
    void generatedUdpClientReachesGeneratedServer();
    void generatedClientsTalkToTheEngine();
    void generatedRulesServerAnswersAsTheEngine();
    void tlsProgramsParseAndWrapTheSocket();
    void generatedTlsServerServesOurTlsClient_data();
    void generatedTlsServerServesOurTlsClient();
    void generatedTlsClientTrustsAsConfigured_data();
    void generatedTlsClientTrustsAsConfigured();
    void framedProgramsReadAndWriteTheirFraming_data();
    void framedProgramsReadAndWriteTheirFraming();
    void generatedServersAnswerAsTheEngine_data();
    void generatedServersAnswerAsTheEngine();
    void generatedServersServeOurClient_data();
    void generatedServersServeOurClient();
    void generatedClientsTalkToTheEngineInEveryFraming_data();
    void generatedClientsTalkToTheEngineInEveryFraming();
    void greetServerOverTlsSurvivesAFailedHandshake();
};

namespace {

/// A certificate and key for localhost in @p dir (cert.pem, key.pem).
bool writeIdentity(const ScratchDir &dir, stdlab::net::TlsIdentity *out)
{
    *out = stdlab::net::generateSelfSigned();
    QString why;
    if (!out->ok() || !stdlab::net::writeCertificate(*out, dir.filePath("cert.pem"), &why)) {
        return false;
    }
    QFile key(dir.filePath("key.pem"));
    return key.open(QIODevice::WriteOnly) && key.write(out->key.toPem()) > 0;
}

} // namespace

void tst_ChatPythonCode::everyProgramParses()
{
    QList<std::pair<QString, QString>> programs; // name, code
    auto addServer = [&](const char *name, const ServerConfig &config) {
        const QString code = serverProgram(config);
        QVERIFY(code.startsWith(QLatin1String("# ")));
        QVERIFY(code.contains(QLatin1String("import socket\n")));
        programs.append({QString::fromLatin1(name), code});
    };
    auto addClient = [&](const char *name, const ClientConfig &config) {
        const QString code = clientProgram(config);
        QVERIFY(code.contains(QLatin1String("s.connect((HOST, PORT))"))
                || code.contains(QLatin1String("s.sendto(")));
        programs.append({QString::fromLatin1(name), code});
    };
    addServer("greet on 127.0.0.1:1234", server(Mode::Greet));
    addServer("echo on 127.0.0.1:1234", server(Mode::Echo));
    addServer("chat on 127.0.0.1:1234", server(Mode::Chat));
    addServer("room on 127.0.0.1:1234", server(Mode::Room));
    addServer("greet on the LAN, automatic port",
              server(Mode::Greet, QStringLiteral("0.0.0.0"), 0));
    addServer("echo dual stack", server(Mode::Echo, QStringLiteral("::"), 5000));
    addServer("chat automatic port", server(Mode::Chat, QStringLiteral("127.0.0.1"), 0));
    addServer("room dual stack, automatic port", server(Mode::Room, QStringLiteral("::"), 0));
    addServer("rules, none", server(Mode::Rules));
    ServerConfig rules = server(Mode::Rules);
    rules.rules = {{QStringLiteral("it's \\d+ \"x\""), QStringLiteral("\\g<0> 🙂\\n")}};
    rules.defaultReply = QStringLiteral("no entiendo");
    addServer("rules with quotes, escapes and a default", rules);
    addServer("udp", udpServer(false));
    addServer("udp echo, automatic port", udpServer(true, 0));
    ServerConfig odd = server(Mode::Greet);
    odd.greeting = QStringLiteral("It's \"quoted\" \\ ¡ñ! 🙂\n\t");
    addServer("greeting with quotes, backslash, emoji", odd);

    addClient("tcp interactive", client(false, true));
    addClient("tcp one-shot", client(false, false));
    addClient("udp interactive", client(true, true));
    addClient("udp one-shot", client(true, false));
    addClient("tcp to a host name", client(false, true, QStringLiteral("localhost")));
    addClient("udp to IPv6", client(true, false, QStringLiteral("::1")));
    ClientConfig message = client(false, false);
    message.message = QStringLiteral("'\"\\\n¿qué tal? 🙂");
    addClient("message with quotes and emoji", message);

    QStringList codes;
    for (const auto &p : std::as_const(programs)) {
        codes.append(p.second);
    }
    const QStringList errors = syntaxErrors(codes);
    QCOMPARE(errors.size(), programs.size());
    for (int i = 0; i < programs.size(); ++i) {
        QVERIFY2(errors.at(i).isEmpty(),
                 qPrintable(programs.at(i).first + QLatin1String(": ") + errors.at(i)));
    }
    // The check itself catches a broken program.
    QVERIFY(!syntaxError(QStringLiteral("with socket.socket() as s\n    pass\n")).isEmpty());
}

void tst_ChatPythonCode::constantsArePythonLiterals()
{
    ServerConfig c = server(Mode::Greet, QStringLiteral("127.0.0.1"), 4321);
    c.greeting = QStringLiteral("¡Hola, 'crack'!\n");
    const QString code = serverProgram(c);
    QVERIFY(code.contains(QLatin1String("\nHOST = '127.0.0.1'\nPORT = 4321\n")));
    QVERIFY2(code.contains(QStringLiteral("\nGREETING = \"¡Hola, 'crack'!\\n\"\n")),
             qPrintable(code));
    QVERIFY(code.contains(QLatin1String("client_socket.sendall(GREETING.encode())")));

    ClientConfig cc = client(true, false, QStringLiteral("example.org"));
    cc.port = 9;
    cc.message = QStringLiteral("Hola, se está tensando muchísimo");
    const QString udp = clientProgram(cc);
    QVERIFY(udp.contains(QLatin1String("\nHOST = 'example.org'\nPORT = 9\n")));
    QVERIFY(udp.contains(QStringLiteral("\nMESSAGE = 'Hola, se está tensando muchísimo'\n")));
    QVERIFY(udp.contains(QLatin1String("s.sendto(MESSAGE.encode(\"utf-8\"), (HOST, PORT))")));
}

void tst_ChatPythonCode::tcpServersReuseTheAddress_data()
{
    QTest::addColumn<int>("mode");
    QTest::newRow("greet") << int(Mode::Greet);
    QTest::newRow("echo") << int(Mode::Echo);
    QTest::newRow("chat") << int(Mode::Chat);
    QTest::newRow("room") << int(Mode::Room);
}

void tst_ChatPythonCode::tcpServersReuseTheAddress()
{
    QFETCH(int, mode);
    const QString code = serverProgram(server(Mode(mode)));
    const qsizetype reuse =
        code.indexOf(QLatin1String("setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)"));
    const qsizetype bind = code.indexOf(QLatin1String("server_socket.bind((HOST, PORT))"));
    const qsizetype listen = code.indexOf(QLatin1String("server_socket.listen()"));
    const qsizetype accept = code.indexOf(QLatin1String("server_socket.accept()"));
    QVERIFY(reuse > 0);
    QVERIFY(bind > reuse); // the option only helps when set before bind()
    QVERIFY(listen > bind);
    QVERIFY(accept > listen);
    QVERIFY(code.contains(QLatin1String("socket.socket(socket.AF_INET, socket.SOCK_STREAM)")));
    QVERIFY(!code.contains(QLatin1String("getsockname"))); // a fixed port is printed as is
}

void tst_ChatPythonCode::echoServerIsTheClientThreadDesign()
{
    const QString code = serverProgram(server(Mode::Echo));
    QVERIFY(code.contains(QLatin1String("class ClientThread(threading.Thread):")));
    QVERIFY(code.contains(QLatin1String("ClientThread(client_sock, client_addr).start()")));
    QVERIFY(code.contains(QLatin1String("message.strip() == \"bye\"")));
    QVERIFY(code.contains(QLatin1String("self.client_sock.sendall(data)")));
    QVERIFY(!serverProgram(server(Mode::Greet)).contains(QLatin1String("threading")));
}

void tst_ChatPythonCode::udpServerLoopsOnRecvfrom()
{
    const QString plain = serverProgram(udpServer(false));
    QVERIFY(plain.contains(QLatin1String("socket.socket(socket.AF_INET, socket.SOCK_DGRAM)")));
    QVERIFY(plain.contains(QLatin1String("data, addr = s.recvfrom(65535)")));
    QVERIFY(!plain.contains(QLatin1String("listen(")));
    QVERIFY(!plain.contains(QLatin1String("sendto")));
    QVERIFY(plain.contains(QLatin1String("nc -u 127.0.0.1 1234")));
    QVERIFY(serverProgram(udpServer(true)).contains(QLatin1String("s.sendto(data, addr)")));
}

void tst_ChatPythonCode::automaticPortIsAskedOfTheSocket()
{
    for (const ServerConfig &c : {server(Mode::Echo, QStringLiteral("127.0.0.1"), 0),
                                  udpServer(false, 0)}) {
        const QString code = serverProgram(c);
        QVERIFY(code.contains(QLatin1String("PORT = 0\n")));
        QVERIFY(code.contains(QLatin1String("getsockname()[1]")));
        QVERIFY(code.indexOf(QLatin1String("getsockname")) > code.indexOf(QLatin1String("bind(")));
    }
}

void tst_ChatPythonCode::dualStackBindUsesIpv6()
{
    const QString code = serverProgram(server(Mode::Room, QStringLiteral("::")));
    QVERIFY(code.contains(QLatin1String("\nHOST = '::'\n")));
    QVERIFY(code.contains(QLatin1String("socket.socket(socket.AF_INET6, socket.SOCK_STREAM)")));
    QVERIFY(code.contains(QLatin1String("socket.IPV6_V6ONLY, 0")));
    QVERIFY(code.contains(QLatin1String("nc ::1 1234")));
    const QString lan = serverProgram(server(Mode::Echo, QStringLiteral("0.0.0.0")));
    QVERIFY(!lan.contains(QLatin1String("V6ONLY")));
    QVERIFY(lan.contains(QLatin1String("nc 127.0.0.1 1234")));
}

void tst_ChatPythonCode::clientsConnectToTheConfiguredServer()
{
    const QString interactive = clientProgram(client(false, true));
    QVERIFY(interactive.contains(QLatin1String("s.connect((HOST, PORT))")));
    QVERIFY(interactive.contains(QLatin1String("input(")));
    QVERIFY(interactive.contains(QLatin1String("message.strip() == \"bye\"")));
    const QString oneShot = clientProgram(client(false, false));
    QVERIFY(!oneShot.contains(QLatin1String("input(")));
    QVERIFY(oneShot.contains(QLatin1String("\nMESSAGE = 'Hola, servidor!'\n")));
    QVERIFY(oneShot.contains(QLatin1String("data = s.recv(1024)")));
    QVERIFY(clientProgram(client(false, true, QStringLiteral("::1")))
                .contains(QLatin1String("socket.AF_INET6")));
}

void tst_ChatPythonCode::modeNames()
{
    QCOMPARE(modeFromName(QStringLiteral("greet")), Mode::Greet);
    QCOMPARE(modeFromName(QStringLiteral("ECHO")), Mode::Echo);
    QCOMPARE(modeFromName(QStringLiteral("chat")), Mode::Chat);
    QCOMPARE(modeFromName(QStringLiteral("Room")), Mode::Room);
    QCOMPARE(modeFromName(QStringLiteral(" rules ")), Mode::Rules);
    QCOMPARE(modeFromName(QStringLiteral("nonsense")), Mode::Echo);
}

void tst_ChatPythonCode::generatedGreetServerGreetsGeneratedClient()
{
    ServerConfig sc = server(Mode::Greet, QStringLiteral("127.0.0.1"), 0);
    sc.greeting = QStringLiteral("¡Buenas, crack! 🙂\n");
    PythonServer srv;
    QVERIFY2(srv.start(sc), srv.output().constData());

    ClientConfig cc = client(false, false);
    cc.message = QStringLiteral("Hola desde Python, ñandú");
    QProcess cli;
    startClient(cli, cc, srv.port());
    QVERIFY(cli.waitForFinished(ProcessTimeoutMs));
    QCOMPARE(cli.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(cli.readAllStandardOutput()),
             QStringLiteral("[+] El servidor nos ha respondido con este mensaje: "
                            "¡Buenas, crack! 🙂\n\n"));
    QTRY_VERIFY_WITH_TIMEOUT(srv.output()
                    .contains("Información del cliente que se ha comunicado con nosotros: "
                              "('127.0.0.1', "), ProcessTimeoutMs);
    QVERIFY(QString::fromUtf8(srv.output())
                .contains(QStringLiteral("[+] Mensaje recibido del cliente: Hola desde Python, "
                                         "ñandú\n")));
}

void tst_ChatPythonCode::generatedEchoServerEchoesUntilBye()
{
    PythonServer srv;
    QVERIFY2(srv.start(server(Mode::Echo, QStringLiteral("127.0.0.1"), 0)),
             srv.output().constData());

    QProcess cli;
    startClient(cli, client(false, true), srv.port());
    QVERIFY(cli.waitForStarted(ProcessTimeoutMs));
    cli.write("Hola, servidor!\n");
    QByteArray clientOut;
    QTRY_VERIFY_WITH_TIMEOUT(
        clientOut.append(cli.readAllStandardOutput())
            .contains("[+] Mensaje de respuesta del servidor: Hola, servidor!\n"),
        ProcessTimeoutMs);
    cli.write("bye\n");
    QVERIFY(cli.waitForFinished(ProcessTimeoutMs));
    QCOMPARE(cli.exitCode(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(srv.output().contains("desconectado"), ProcessTimeoutMs);
    QVERIFY(srv.output().contains("[+] Nuevo cliente conectado: ('127.0.0.1', "));
    QVERIFY(srv.output().contains("Hola, servidor!"));
}

void tst_ChatPythonCode::generatedEchoServerShowsBytesThatAreNotUtf8AsTheCliDoes()
{
    // `stdlab serve` shows a byte that is not UTF-8 as \xff (errors="backslashreplace"); the
    // program shown printed U+FFFD (errors="replace"), which loses the byte.
    PythonServer srv;
    QVERIFY2(srv.start(server(Mode::Echo, QStringLiteral("127.0.0.1"), 0)),
             srv.output().constData());
    QTcpSocket c;
    c.connectToHost(QHostAddress::LocalHost, srv.port());
    QVERIFY(c.waitForConnected(ProcessTimeoutMs));
    const QByteArray sent = "hola \xff\xc3\xa9\n";
    c.write(sent);
    QByteArray echoed;
    QTRY_VERIFY_WITH_TIMEOUT(echoed.append(c.readAll()) == sent, ProcessTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(srv.output().contains("hola \\xff\xc3\xa9\n"), ProcessTimeoutMs);
    QVERIFY(!srv.output().contains("\xef\xbf\xbd"));
}

void tst_ChatPythonCode::generatedRoomRelaysLinesWithNames()
{
    PythonServer srv;
    QVERIFY2(srv.start(server(Mode::Room, QStringLiteral("127.0.0.1"), 0)),
             srv.output().constData());

    QProcess ana;
    QProcess ben;
    startClient(ana, client(false, true), srv.port());
    QTRY_VERIFY_WITH_TIMEOUT(srv.output().contains("se ha unido"), ProcessTimeoutMs);
    startClient(ben, client(false, true), srv.port());
    QByteArray anaOut;
    QTRY_VERIFY_WITH_TIMEOUT(anaOut.append(ana.readAllStandardOutput()).contains(" joined"),
                             ProcessTimeoutMs);
    ana.write("/nick ana\n");
    QTRY_VERIFY_WITH_TIMEOUT(srv.output().count("se ha unido") == 2, ProcessTimeoutMs);
    ana.write("hola a todos\n");
    QByteArray benOut;
    QTRY_VERIFY_WITH_TIMEOUT(
        benOut.append(ben.readAllStandardOutput()).contains("<ana> hola a todos\n"),
                             ProcessTimeoutMs);
    QVERIFY(benOut.contains(" is now ana\n"));
    QVERIFY(!anaOut.contains("hola a todos")); // not sent back to its author
    ana.write("bye\n");
    ben.write("bye\n");
    QVERIFY(ana.waitForFinished(ProcessTimeoutMs));
    QVERIFY(ben.waitForFinished(ProcessTimeoutMs));
}

void tst_ChatPythonCode::generatedUdpClientReachesGeneratedServer()
{
    PythonServer srv;
    QVERIFY2(srv.start(udpServer(true, 0)), srv.output().constData());

    QProcess cli;
    startClient(cli, client(true, true), srv.port());
    cli.write(QStringLiteral("Hola, se está tensando muchísimo\n").toUtf8());
    QByteArray clientOut;
    QTRY_VERIFY_WITH_TIMEOUT(clientOut.append(cli.readAllStandardOutput())
                                 .contains(QStringLiteral(": Hola, se está tensando muchísimo")
                                               .toUtf8()),
                             ProcessTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(srv.output()
                    .contains(QStringLiteral("[+] Mensaje enviado por el cliente: Hola, se está "
                                             "tensando muchísimo\n")
                                  .toUtf8()), ProcessTimeoutMs);
    QVERIFY(srv.output().contains("[+] Información del cliente: ('127.0.0.1', "));
    cli.write("bye\n");
    QVERIFY(cli.waitForFinished(ProcessTimeoutMs));
}

void tst_ChatPythonCode::generatedClientsTalkToTheEngine()
{
    using namespace stdlab::net;
    // The course's first client against the window's greet server (the engine behind it).
    TcpServer tcp;
    NetEvents tcpEvents;
    connect(&tcp, &TcpServer::eventsReady, this,
            [&](const NetEvents &events) { tcpEvents += events; });
    ServerOptions options;
    options.mode = ServerMode::Greet;
    options.greeting = QStringLiteral("¡Buenas, crack!\n").toUtf8();
    QVERIFY2(tcp.listen(options), qPrintable(tcp.errorString()));
    ClientConfig cc = client(false, false);
    cc.message = QStringLiteral("Hola desde Python");
    QProcess greet;
    startClient(greet, cc, tcp.port());
    // The server accepts in this thread's event loop: wait without blocking it.
    QTRY_VERIFY_WITH_TIMEOUT(greet.state() == QProcess::NotRunning, ProcessTimeoutMs);
    QCOMPARE(QString::fromUtf8(greet.readAllStandardOutput()),
             QStringLiteral("[+] El servidor nos ha respondido con este mensaje: "
                            "¡Buenas, crack!\n\n"));
    auto hasMessage = [&](NetEvent::Kind kind, const QByteArray &data) {
        for (const NetEvent &e : std::as_const(tcpEvents)) {
            if (e.kind == kind && e.data == data) {
                return true;
            }
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(hasMessage(NetEvent::Message, "Hola desde Python"), ProcessTimeoutMs);

    // The course's UDP client: one datagram, accents intact.
    UdpServer udp;
    NetEvents udpEvents;
    connect(&udp, &UdpServer::eventsReady, this,
            [&](const NetEvents &events) { udpEvents += events; });
    QVERIFY2(udp.listen(UdpOptions{}), qPrintable(udp.errorString()));
    ClientConfig uc = client(true, false);
    uc.message = QStringLiteral("Hola, se está tensando muchísimo");
    QProcess datagram;
    startClient(datagram, uc, udp.port());
    QTRY_VERIFY_WITH_TIMEOUT(datagram.state() == QProcess::NotRunning, ProcessTimeoutMs);
    QCOMPARE(datagram.exitCode(), 0);
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        for (const NetEvent &e : std::as_const(udpEvents)) {
            if (e.kind == NetEvent::Datagram && e.data == uc.message.toUtf8()
                && e.peer.startsWith(QLatin1String("127.0.0.1:"))) {
                return true;
            }
        }
        return false;
    }(), ProcessTimeoutMs);
}

void tst_ChatPythonCode::generatedRulesServerAnswersAsTheEngine()
{
    // The Python program shown for the rules mode and the engine, given the same rules, answer
    // a python3 client byte for byte the same: lines split across sends, several in one send,
    // CRLF, no rule matching (the default), and a last line without its newline, answered
    // after the client shut down its sending side.
    using namespace stdlab::net;
    const QList<stdlab::chat::ReplyRule> rules = {
        {QStringLiteral("hola|buenas"), QStringLiteral("¡hola!")},
        {QStringLiteral("(?P<a>\\d+)\\+(?P<b>\\d+)"), QStringLiteral("\\g<a> más \\g<b> (\\g<0>)")},
        {QStringLiteral("(\\w+) (\\w+)"), QStringLiteral("\\2 \\1")},
        {QStringLiteral("(?i)ADIÓS"), QStringLiteral("hasta luego\\n¡vuelve!")},
    };
    const QString fallback = QStringLiteral("no entiendo");
    const QString clientCode = QStringLiteral(
        "import socket, sys, time\n"
        "s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))\n"
        "for piece in [b'ho', b'la\\n12+', b'30\\r\\nuno dos\\n', b'Adi\\xc3\\xb3s\\n\\xc2\\xbfqu\\xc3\\xa9?\\n',\n"
        "              b'sin fin']:\n"
        "    s.sendall(piece)\n"
        "    time.sleep(0.05)\n"
        "s.shutdown(socket.SHUT_WR)\n"
        "data = b''\n"
        "while chunk := s.recv(4096):\n"
        "    data += chunk\n"
        "sys.stdout.buffer.write(data)\n");
    auto ask = [&](quint16 port) -> QByteArray {
        QProcess client;
        startPython(client, clientCode, {QString::number(port)});
        // An engine in this thread accepts in its event loop: wait without blocking it.
        QElapsedTimer waited;
        waited.start();
        while (client.state() != QProcess::NotRunning && waited.elapsed() < ProcessTimeoutMs) {
            QTest::qWait(20);
        }
        if (client.state() != QProcess::NotRunning || client.exitCode() != 0) {
            return "client failed: " + client.readAllStandardError();
        }
        return client.readAllStandardOutput();
    };
    const QByteArray expected = "¡hola!\n12 más 30 (12+30)\ndos uno\nhasta luego\n¡vuelve!\n"
                                "no entiendo\nfin sin\n";
    ServerConfig sc = server(Mode::Rules, QStringLiteral("127.0.0.1"), 0);
    sc.rules = rules;
    sc.defaultReply = fallback;
    PythonServer python;
    QVERIFY2(python.start(sc), python.output().constData());
    const QByteArray fromPython = ask(python.port());

    TcpServer engine;
    ServerOptions options;
    options.mode = ServerMode::Rules;
    QString error;
    options.rules = stdlab::chat::ReplyRules::compile(rules, fallback, &error);
    QVERIFY2(options.rules, qPrintable(error));
    QVERIFY2(engine.listen(options), qPrintable(engine.errorString()));
    const QByteArray fromEngine = ask(engine.port());

    QCOMPARE(fromEngine, fromPython);
    QCOMPARE(fromEngine, expected);
}

void tst_ChatPythonCode::tlsProgramsParseAndWrapTheSocket()
{
    ServerConfig sc = server(Mode::Echo);
    sc.tls = true;
    sc.tlsCertFile = QStringLiteral("/home/ana/cert.pem");
    sc.tlsKeyFile = QStringLiteral("/home/ana/key.pem");
    QStringList codes;
    for (Mode m : {Mode::Greet, Mode::Echo, Mode::Chat, Mode::Room, Mode::Rules}) {
        sc.mode = m;
        const QString code = serverProgram(sc);
        QVERIFY(code.contains(u"import ssl\n"));
        QVERIFY(code.contains(u"\nCERT_FILE = '/home/ana/cert.pem'\nKEY_FILE = '/home/ana/key.pem'\n"));
        QVERIFY(code.contains(u"context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)\n"
                              u"context.load_cert_chain(CERT_FILE, KEY_FILE)\n"));
        QVERIFY2(code.contains(u"with context.wrap_socket(socket.socket(socket.AF_INET, "
                               u"socket.SOCK_STREAM), server_side=True, "
                               u"do_handshake_on_connect=False) as server_socket:\n"),
                 qPrintable(code));
        codes.append(code);
    }
    ClientConfig cc = client(false, false, QStringLiteral("localhost"));
    cc.tls = true;
    for (TlsVerify v : {TlsVerify::SystemCAs, TlsVerify::CaFile, TlsVerify::Fingerprint,
                        TlsVerify::Insecure}) {
        cc.tlsVerify = v;
        cc.tlsCaFile = QStringLiteral("/home/ana/cert.pem");
        cc.tlsFingerprint = QStringList(32, QStringLiteral("AB")).join(u':');
        for (bool interactive : {false, true}) {
            cc.interactive = interactive;
            const QString code = clientProgram(cc);
            QVERIFY(code.contains(u"with context.wrap_socket(socket.socket(socket.AF_INET, "
                                  u"socket.SOCK_STREAM), server_hostname=HOST) as s:\n"));
            QCOMPARE(code.contains(u"context = ssl.create_default_context(cafile=CA_FILE)\n"),
                     v == TlsVerify::CaFile);
            QCOMPARE(code.contains(u"context.verify_mode = ssl.CERT_NONE\n"),
                     v == TlsVerify::Fingerprint || v == TlsVerify::Insecure);
            QCOMPARE(code.contains(u"hashlib.sha256(der).hexdigest()"), v == TlsVerify::Fingerprint);
            codes.append(code);
        }
    }
    // UDP has no TLS (that would be DTLS): the flag changes nothing there.
    ClientConfig udp = client(true, false);
    const QString plainUdp = clientProgram(udp);
    udp.tls = true;
    QCOMPARE(clientProgram(udp), plainUdp);
    const QStringList errors = syntaxErrors(codes);
    QCOMPARE(errors.size(), codes.size());
    for (int i = 0; i < codes.size(); ++i) {
        QVERIFY2(errors.at(i).isEmpty(), qPrintable(errors.at(i) + u"\n" + codes.at(i)));
    }
}

void tst_ChatPythonCode::generatedTlsServerServesOurTlsClient_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QByteArray>("send");
    QTest::addColumn<QByteArray>("expected"); // the first line back
    QTest::newRow("greet") << int(Mode::Greet) << QByteArray("hola\n")
                           << QByteArray("Un saludo crack!");
    QTest::newRow("echo") << int(Mode::Echo) << QByteArray("eco cifrado\n")
                          << QByteArray("eco cifrado");
}

void tst_ChatPythonCode::generatedTlsServerServesOurTlsClient()
{
    QFETCH(int, mode);
    QFETCH(QByteArray, send);
    QFETCH(QByteArray, expected);
    using namespace stdlab::net;
    ScratchDir dir;
    TlsIdentity id;
    QVERIFY(writeIdentity(dir, &id));
    ServerConfig sc = server(Mode(mode), QStringLiteral("127.0.0.1"), 0);
    sc.tls = true;
    sc.tlsCertFile = dir.filePath("cert.pem");
    sc.tlsKeyFile = dir.filePath("key.pem");
    PythonServer srv;
    QVERIFY2(srv.start(sc), srv.output().constData());
    TcpClient c;
    c.setBatchInterval(0);
    NetLog log(&c);
    TlsClientOptions tls;
    tls.enabled = true;
    tls.verify = TlsClientOptions::Verify::CaFile;
    tls.caFile = dir.filePath("cert.pem");
    c.setTls(tls);
    c.connectToHost(QStringLiteral("localhost"), srv.port());
    QVERIFY2(log.waitFor(stdlab::net::NetEvent::Connected, {}, ProcessTimeoutMs),
             qPrintable(log.events.isEmpty() ? QString::fromUtf8(srv.output())
                                             : QString::fromUtf8(log.events.last().data)));
    QVERIFY(c.send(send));
    const auto m = log.waitFor(stdlab::net::NetEvent::Message, {}, ProcessTimeoutMs);
    QVERIFY2(m, srv.output().constData());
    QCOMPARE(m->data, expected);
}

void tst_ChatPythonCode::generatedTlsClientTrustsAsConfigured_data()
{
    QTest::addColumn<int>("verify");
    QTest::addColumn<bool>("rightPin");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("output"); // stdout, or stderr when it fails
    QTest::newRow("CA file") << int(TlsVerify::CaFile) << true << 0
                             << "[+] El servidor nos ha respondido con este mensaje: Hola TLS";
    QTest::newRow("pinned") << int(TlsVerify::Fingerprint) << true << 0
                            << "[+] El servidor nos ha respondido con este mensaje: Hola TLS";
    QTest::newRow("wrong pin") << int(TlsVerify::Fingerprint) << false << 1
                               << "[!] The server's certificate is not the pinned one: "
                                  "connection refused";
    QTest::newRow("insecure") << int(TlsVerify::Insecure) << true << 0
                              << "[+] El servidor nos ha respondido con este mensaje: Hola TLS";
    QTest::newRow("system CAs: self-signed refused")
        << int(TlsVerify::SystemCAs) << true << 1
        << "certificate verify failed: self-signed certificate";
}

void tst_ChatPythonCode::generatedTlsClientTrustsAsConfigured()
{
    QFETCH(int, verify);
    QFETCH(bool, rightPin);
    QFETCH(int, exitCode);
    QFETCH(QString, output);
    using namespace stdlab::net;
    ScratchDir dir;
    TlsIdentity id;
    QVERIFY(writeIdentity(dir, &id));
    TcpServer engine;
    ServerOptions o;
    o.mode = ServerMode::Echo;
    o.threads = 1;
    o.tls = std::make_shared<const TlsIdentity>(id);
    QVERIFY(engine.listen(o));
    ClientConfig cc = client(false, false, QStringLiteral("localhost"));
    cc.message = QStringLiteral("Hola TLS");
    cc.tls = true;
    cc.tlsVerify = TlsVerify(verify);
    cc.tlsCaFile = dir.filePath("cert.pem");
    cc.tlsFingerprint = rightPin ? id.fingerprint()
                                 : QStringList(32, QStringLiteral("00")).join(u':');
    QProcess cli;
    startClient(cli, cc, engine.port());
    QVERIFY(cli.waitForStarted(ProcessTimeoutMs));
    QTRY_VERIFY_WITH_TIMEOUT(cli.state() == QProcess::NotRunning, ProcessTimeoutMs);
    const QString out = QString::fromUtf8(cli.readAllStandardOutput());
    const QString err = QString::fromUtf8(cli.readAllStandardError());
    QCOMPARE(cli.exitCode(), exitCode);
    QVERIFY2((exitCode == 0 ? out : err).contains(output), qPrintable(out + err));
}


namespace {

stdlab::Framing framingFrom(const QString &name)
{
    return stdlab::parseFraming(name).value();
}

/// A python3 peer that speaks a framing byte for byte (framing_peer.py's functions): argv PORT
/// FRAMING SCENARIO; prints, as bytes, what it received.
const char kProbe[] = R"(import socket, struct, sys, time
port, framing, scenario = int(sys.argv[1]), sys.argv[2], sys.argv[3]
fixed = int(framing[6:]) if framing.startswith("fixed:") else 0
pause = 0.15 if framing == "raw" else 0.05


def frame(m):
    if framing == "length":
        return struct.pack("!I", len(m)) + m
    if framing == "newline":
        return m + b"\n"
    if fixed:
        return m + b"\0" * (-len(m) % fixed if m else fixed)
    return m


def talk(s, messages, replies=False):
    """Several frames in one send, the last one split across two sends. Raw: a send each and,
    with replies, the reply awaited before the next (else a loaded machine may glue two sends
    into one read); returns what was read meanwhile."""
    if framing == "raw":
        got = b""
        for m in messages:
            s.sendall(m)
            if replies:
                s.settimeout(20)
                got += s.recv(65536)
            else:
                time.sleep(pause)
        return got
    wire = b"".join(frame(m) for m in messages)
    s.sendall(wire[:-3])
    time.sleep(pause)
    s.sendall(wire[-3:])
    time.sleep(pause)
    return b""


def whole(data):
    if framing == "length":
        i = 0
        while i + 4 <= len(data):
            i += 4 + struct.unpack("!I", data[i:i + 4])[0]
        return i == len(data)
    if fixed:
        return len(data) % fixed == 0
    return framing == "raw" or data.endswith(b"\n")


def read_until(s, marker):
    data = b""
    s.settimeout(20)
    while not (marker in data and whole(data)):
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def read_all(s):
    data = b""
    s.settimeout(20)
    while chunk := s.recv(65536):
        data += chunk
    return data


def connect():
    return socket.create_connection(("127.0.0.1", port))


if scenario == "greet":
    with connect() as s:
        wire = frame(b"hola")  # one frame, even of fixed:5 (a greet server reads one)
        s.sendall(wire[:3])  # the first message split across two sends
        time.sleep(pause)
        s.sendall(wire[3:])
        out = read_all(s)
elif scenario == "echo":
    with connect() as s:
        out = talk(s, [b"uno", b"dos \xff\x00 tres", b"cuatro"], replies=True)
        s.sendall(frame(b"bye"))
        out += read_all(s)
elif scenario == "rules":
    with connect() as s:
        out = talk(s, [b"hola", b"uno dos", b"\xc2\xbfqu\xc3\xa9?"], replies=True)
        s.shutdown(socket.SHUT_WR)
        out += read_all(s)
else:  # room: b hears a's line and a's leaving
    a = connect()
    # a's own "is now" notice (16 bytes: no padding) says a has joined: b's "joined" notice is
    # not a's to see before (a threaded server's join is otherwise a race).
    a.sendall(frame(b"/nick anabelen12"))
    read_until(a, b"is now anabelen12")
    b = connect()
    read_until(a, b"joined")
    talk(a, [b"hola a todos"])
    a.sendall(frame(b"bye"))
    out = read_until(b, b"anabelen12 left")
    for sock in (a, b):
        out = out.replace(b"127.0.0.1:%d" % sock.getsockname()[1], b"127.0.0.1:PORT_")
        sock.close()
sys.stdout.buffer.write(out)
)";

/// Runs the probe against 127.0.0.1:@p port without blocking this thread's event loop (an
/// engine here accepts in it); what it received, or "probe failed: ..." when it did not end
/// well.
QByteArray runProbe(quint16 port, const QString &framing, const QString &scenario)
{
    QProcess probe;
    startPython(probe, QString::fromUtf8(kProbe), {QString::number(port), framing, scenario});
    QElapsedTimer waited;
    waited.start();
    while (probe.state() != QProcess::NotRunning && waited.elapsed() < ProcessTimeoutMs) {
        QTest::qWait(20);
    }
    if (probe.state() != QProcess::NotRunning || probe.exitCode() != 0) {
        stop(probe);
        return "probe failed: " + probe.readAllStandardError();
    }
    return probe.readAllStandardOutput();
}

const QList<stdlab::chat::ReplyRule> kFramedRules = {
    {QStringLiteral("hola\\x00*"), QStringLiteral("¡hola!")},
    {QStringLiteral("(\\w+) (\\w+)\\x00*"), QStringLiteral("\\2 \\1")},
};

} // namespace

void tst_ChatPythonCode::framedProgramsReadAndWriteTheirFraming_data()
{
    QTest::addColumn<QString>("framing");
    QTest::addColumn<QStringList>("has");
    QTest::addColumn<QStringList>("hasNot");
    const QString pack = QStringLiteral("sock.sendall(struct.pack(\"!I\", len(data)) + data)");
    const QString unpack = QStringLiteral("(size,) = struct.unpack(\"!I\", header)");
    const QString exactly = QStringLiteral("def recv_exactly(sock, n):");
    QTest::newRow("length") << "length"
                            << QStringList{QStringLiteral("import struct\n"), pack, unpack,
                                           exactly, QStringLiteral("header = recv_exactly(sock, 4)")}
                            << QStringList{QStringLiteral("SIZE =")};
    QTest::newRow("fixed:16") << "fixed:16"
                              << QStringList{QStringLiteral("\nSIZE = 16  # "), exactly,
                                             QStringLiteral("data = recv_exactly(sock, SIZE)"),
                                             QStringLiteral("message.rstrip(b\"\\0\")")}
                              << QStringList{QStringLiteral("import struct"), pack};
    QTest::newRow("raw") << "raw"
                         << QStringList{QStringLiteral("return sock.recv(65536) or None")}
                         << QStringList{exactly, QStringLiteral("import struct")};
    QTest::newRow("newline: the course's programs")
        << "newline" << QStringList{}
        << QStringList{exactly, QStringLiteral("recv_message"), QStringLiteral("send_message"),
                       QStringLiteral("import struct")};
}

void tst_ChatPythonCode::framedProgramsReadAndWriteTheirFraming()
{
    QFETCH(QString, framing);
    QFETCH(QStringList, has);
    QFETCH(QStringList, hasNot);
    QStringList codes;
    for (bool tls : {false, true}) {
        for (Mode m : {Mode::Greet, Mode::Echo, Mode::Chat, Mode::Room, Mode::Rules}) {
            ServerConfig sc = server(m);
            sc.framing = framingFrom(framing);
            sc.tls = tls;
            sc.rules = kFramedRules;
            codes.append(serverProgram(sc));
        }
        for (bool interactive : {false, true}) {
            ClientConfig cc = client(false, interactive);
            cc.framing = framingFrom(framing);
            cc.tls = tls;
            codes.append(clientProgram(cc));
        }
    }
    for (const QString &code : std::as_const(codes)) {
        for (const QString &h : has) {
            QVERIFY2(code.contains(h), qPrintable(h + u"\n---\n" + code));
        }
        for (const QString &h : hasNot) {
            QVERIFY2(!code.contains(h), qPrintable(h + u"\n---\n" + code));
        }
        if (framing != QLatin1String("newline")) {
            QVERIFY(code.contains(u"recv_message("));
        }
        if (framing == QLatin1String("length") || framing.startsWith(u"fixed")) {
            // What to try it against: nc cannot frame.
            QVERIFY2(code.contains(u" --framing " + framing), qPrintable(code));
        }
    }
    // UDP: a datagram is its own message; no framing there.
    ServerConfig udp = udpServer(true);
    const QString plain = serverProgram(udp);
    udp.framing = framingFrom(framing);
    QCOMPARE(serverProgram(udp), plain);
    const QStringList errors = syntaxErrors(codes);
    QCOMPARE(errors.size(), codes.size());
    for (int i = 0; i < codes.size(); ++i) {
        QVERIFY2(errors.at(i).isEmpty(), qPrintable(errors.at(i) + u"\n" + codes.at(i)));
    }
}

void tst_ChatPythonCode::generatedServersAnswerAsTheEngine_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("framing");
    QTest::addColumn<QByteArray>("expected"); // empty: only compared with the engine
    using stdlab::net::Framer;
    auto wire = [](const QString &framing, const QList<QByteArray> &messages) {
        QByteArray out;
        for (const QByteArray &m : messages) {
            Framer::appendEncoded(out, framingFrom(framing), m);
        }
        return out;
    };
    const QList<QByteArray> echoed = {"uno", QByteArrayLiteral("dos \xff\x00 tres"), "cuatro"};
    for (const char *f : {"newline", "raw", "length", "fixed:16", "fixed:5"}) {
        const QString framing = QString::fromLatin1(f);
        const bool framed = framing != QLatin1String("newline") && framing != QLatin1String("raw");
        QTest::addRow("greet, %s", f)
            << int(Mode::Greet) << framing
            << (framed ? Framer::encode(framingFrom(framing), "¡Buenas, crack!")
                       : QByteArray("¡Buenas, crack!\n"));
        QTest::addRow("echo, %s", f) << int(Mode::Echo) << framing
                                     << (framing == QLatin1String("raw")
                                             ? echoed.join()
                                             : wire(framing, echoed));
        if (framing != QLatin1String("fixed:5")) {
            QTest::addRow("rules, %s", f)
                << int(Mode::Rules) << framing
                << wire(framing, {"¡hola!", "dos uno", "no entiendo"});
            QTest::addRow("room, %s", f) << int(Mode::Room) << framing << QByteArray();
        }
    }
}

void tst_ChatPythonCode::generatedServersAnswerAsTheEngine()
{
    // The program shown and the engine, in the same mode and framing, answer a python3 peer
    // byte for byte the same: several frames in one send, a frame split across sends.
    QFETCH(int, mode);
    QFETCH(QString, framing);
    QFETCH(QByteArray, expected);
    using namespace stdlab::net;
    const QString scenario = stdlab::serverModeName(Mode(mode));
    ServerConfig sc = server(Mode(mode), QStringLiteral("127.0.0.1"), 0);
    sc.framing = framingFrom(framing);
    sc.greeting = QStringLiteral("¡Buenas, crack!\n");
    sc.rules = kFramedRules;
    sc.defaultReply = QStringLiteral("no entiendo");
    PythonServer python;
    QVERIFY2(python.start(sc), python.output().constData());
    const QByteArray fromPython = runProbe(python.port(), framing, scenario);

    TcpServer engine;
    ServerOptions options;
    options.mode = Mode(mode);
    options.framing = sc.framing;
    options.greeting = sc.greeting.toUtf8();
    QString error;
    options.rules = stdlab::chat::ReplyRules::compile(kFramedRules, sc.defaultReply, &error);
    QVERIFY2(options.rules, qPrintable(error));
    QVERIFY2(engine.listen(options), qPrintable(engine.errorString()));
    const QByteArray fromEngine = runProbe(engine.port(), framing, scenario);

    QCOMPARE(fromPython, fromEngine);
    if (!expected.isEmpty()) {
        QCOMPARE(fromEngine, expected);
    } else {
        QVERIFY2(fromEngine.contains("<anabelen12> hola a todos")
                     && fromEngine.contains("* anabelen12 left")
                     && !fromEngine.contains("joined"),
                 fromEngine.constData());
    }
}

void tst_ChatPythonCode::generatedServersServeOurClient_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("framing");
    for (const char *f : {"newline", "raw", "length", "fixed:16"}) {
        for (Mode m : {Mode::Greet, Mode::Echo, Mode::Chat}) {
            QTest::addRow("%s, %s", qPrintable(stdlab::serverModeName(m)), f)
                << int(m) << QString::fromLatin1(f);
        }
    }
}

void tst_ChatPythonCode::generatedServersServeOurClient()
{
    // StdLab's client (the Chat tab's, framing as chosen) against the program shown.
    QFETCH(int, mode);
    QFETCH(QString, framing);
    using namespace stdlab::net;
    const stdlab::Framing f = framingFrom(framing);
    ServerConfig sc = server(Mode(mode), QStringLiteral("127.0.0.1"), 0);
    sc.framing = f;
    PythonServer srv;
    QVERIFY2(srv.start(sc), srv.output().constData());
    QProcess *process = srv.process();
    TcpClient c;
    c.setBatchInterval(0);
    c.setFraming(f);
    NetLog log(&c);
    c.connectToHost(QStringLiteral("127.0.0.1"), srv.port());
    QVERIFY(log.waitFor(NetEvent::Connected, {}, ProcessTimeoutMs));
    // What a message looks like once received (a fixed frame keeps its padding).
    auto received = [&](const QByteArray &m) {
        return f.kind == FramingKind::Fixed ? Framer::encode(f, m) : m;
    };
    auto waitMessages = [&](qsizetype n) {
        QTRY_VERIFY_WITH_TIMEOUT(log.messages().size() >= n, ProcessTimeoutMs);
    };
    switch (Mode(mode)) {
    case Mode::Greet:
        QVERIFY(c.sendMessage("hola"));
        waitMessages(1);
        QCOMPARE(log.messages().value(0),
                 received(f.kind == FramingKind::Raw ? QByteArray("Un saludo crack!\n")
                                                     : QByteArray("Un saludo crack!")));
        QVERIFY(log.waitFor(NetEvent::Disconnected, {}, ProcessTimeoutMs));
        break;
    case Mode::Echo:
        if (f.kind == FramingKind::Raw) {
            QVERIFY(c.sendMessage("uno"));
            waitMessages(1);
            QVERIFY(c.sendMessage("dos"));
            waitMessages(2);
        } else {
            // Two frames in one write.
            QVERIFY(c.send(Framer::encode(f, "uno") + Framer::encode(f, "dos")));
            waitMessages(2);
        }
        QCOMPARE(log.messages().mid(0, 2), (QList<QByteArray>{received("uno"), received("dos")}));
        QVERIFY(c.sendMessage("bye"));
        QVERIFY(log.waitFor(NetEvent::Disconnected, {}, ProcessTimeoutMs));
        QTRY_VERIFY_WITH_TIMEOUT(srv.output().contains("desconectado"), ProcessTimeoutMs);
        break;
    case Mode::Chat:
        QVERIFY(c.sendMessage("hola servidor"));
        QTRY_VERIFY_WITH_TIMEOUT(srv.output().contains("[+] Mensaje del cliente: hola servidor"),
                                 ProcessTimeoutMs);
        process->write("hola cliente\n");
        waitMessages(1);
        QCOMPARE(log.messages().value(0), received("hola cliente"));
        process->write("bye\n");
        QVERIFY(log.waitFor(NetEvent::Disconnected, {}, ProcessTimeoutMs));
        break;
    default:
        QFAIL("no such row");
    }
}

void tst_ChatPythonCode::generatedClientsTalkToTheEngineInEveryFraming_data()
{
    QTest::addColumn<QString>("framing");
    for (const char *f : {"newline", "raw", "length", "fixed:16"}) {
        QTest::addRow("%s", f) << QString::fromLatin1(f);
    }
}

void tst_ChatPythonCode::generatedClientsTalkToTheEngineInEveryFraming()
{
    QFETCH(QString, framing);
    using namespace stdlab::net;
    const stdlab::Framing f = framingFrom(framing);
    // The interactive client against the engine's echo server.
    TcpServer echo;
    NetLog echoLog(&echo);
    ServerOptions options;
    options.mode = ServerMode::Echo;
    options.framing = f;
    QVERIFY2(echo.listen(options), qPrintable(echo.errorString()));
    ClientConfig cc = client(false, true);
    cc.framing = f;
    QProcess cli;
    startClient(cli, cc, echo.port());
    QByteArray out;
    for (const char *line : {"uno", "dos y tres"}) {
        cli.write(QByteArray(line) + '\n');
        const QByteArray reply = QByteArray("[+] Mensaje de respuesta del servidor: ") + line;
        QTRY_VERIFY_WITH_TIMEOUT(out.append(cli.readAllStandardOutput()).contains(reply),
                                 ProcessTimeoutMs);
    }
    cli.write("bye\n");
    QTRY_VERIFY_WITH_TIMEOUT(cli.state() == QProcess::NotRunning, ProcessTimeoutMs);
    QCOMPARE(cli.exitCode(), 0);
    const QByteArray pad = f.kind == FramingKind::Fixed ? QByteArray(16 - 3, '\0') : QByteArray();
    QTRY_VERIFY_WITH_TIMEOUT(echoLog.messages().size() >= 3, ProcessTimeoutMs);
    QCOMPARE(echoLog.messages().value(0), QByteArray("uno") + pad);

    // The one-shot client against the engine's greet server.
    TcpServer greet;
    options.mode = ServerMode::Greet;
    options.greeting = QStringLiteral("¡Buenas, crack!\n").toUtf8();
    QVERIFY2(greet.listen(options), qPrintable(greet.errorString()));
    cc.interactive = false;
    cc.message = QStringLiteral("Hola desde Python");
    QProcess once;
    startClient(once, cc, greet.port());
    QTRY_VERIFY_WITH_TIMEOUT(once.state() == QProcess::NotRunning, ProcessTimeoutMs);
    QCOMPARE(once.exitCode(), 0);
    const QByteArray said = once.readAllStandardOutput();
    QVERIFY2(said.startsWith("[+] El servidor nos ha respondido con este mensaje: "
                             "¡Buenas, crack!"),
             said.constData());
}

void tst_ChatPythonCode::greetServerOverTlsSurvivesAFailedHandshake()
{
    // A client that fails the handshake (here: plain text to a TLS server) used to end the
    // greet server with ssl.SSLError; the next client found nobody.
    using namespace stdlab::net;
    ScratchDir dir;
    TlsIdentity id;
    QVERIFY(writeIdentity(dir, &id));
    ServerConfig sc = server(Mode::Greet, QStringLiteral("127.0.0.1"), 0);
    sc.tls = true;
    sc.tlsCertFile = dir.filePath("cert.pem");
    sc.tlsKeyFile = dir.filePath("key.pem");
    PythonServer srv;
    QVERIFY2(srv.start(sc), srv.output().constData());
    {
        QTcpSocket plain;
        plain.connectToHost(QHostAddress::LocalHost, srv.port());
        QVERIFY(plain.waitForConnected(ProcessTimeoutMs));
        plain.write("hola en claro\n");
        QVERIFY(plain.waitForDisconnected(ProcessTimeoutMs));
    }
    QTRY_VERIFY_WITH_TIMEOUT(srv.output().contains("[!] ('127.0.0.1', "), ProcessTimeoutMs);
    TcpClient c;
    c.setBatchInterval(0);
    NetLog log(&c);
    TlsClientOptions tls;
    tls.enabled = true;
    tls.verify = TlsClientOptions::Verify::CaFile;
    tls.caFile = dir.filePath("cert.pem");
    c.setTls(tls);
    c.connectToHost(QStringLiteral("localhost"), srv.port());
    QVERIFY2(log.waitFor(NetEvent::Connected, {}, ProcessTimeoutMs), srv.output().constData());
    QVERIFY(c.send("hola\n"));
    const auto m = log.waitFor(NetEvent::Message, {}, ProcessTimeoutMs);
    QVERIFY2(m, srv.output().constData());
    QCOMPARE(m->data, QByteArray("Un saludo crack!"));
}

QTEST_GUILESS_MAIN(tst_ChatPythonCode)
#include "tst_chatpythoncode.moc"

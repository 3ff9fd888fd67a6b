#include "netcli.h"

#include "chat/chatsession.h"
#include "common/cli.h"
#include "common/pyrepr.h"
#include "files/fspath.h"
#include "hostport.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QSocketNotifier>
#include <QThread>
#include <QTimer>

#include <cctype>
#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace stdlab {

using namespace stdlab::net;

namespace {

// The CLI delivers events often so that scripts waiting for a line see it promptly.
constexpr int kCliBatchMs = 5;

/// "2026-12-02T01:02:03.123" in local time, the date part formatted once per second.
class TimeFormatter
{
public:
    void append(QByteArray &out, const QDateTime &time)
    {
        const qint64 ms = time.toMSecsSinceEpoch();
        qint64 second = ms / 1000;
        qint64 milli = ms % 1000;
        if (milli < 0) {
            milli += 1000;
            --second;
        }
        if (second != m_second) {
            m_second = second;
            m_prefix = QDateTime::fromSecsSinceEpoch(second)
                           .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss."))
                           .toLatin1();
        }
        out += m_prefix;
        out += char('0' + milli / 100);
        out += char('0' + milli / 10 % 10);
        out += char('0' + milli % 10);
    }

private:
    qint64 m_second = std::numeric_limits<qint64>::min();
    QByteArray m_prefix;
};

/// Two lower-case hex digits, as Python writes \xNN.
QByteArray hexByte(uint value)
{
    return QByteArray::number(value, 16).rightJustified(2, '0');
}

/**
 * A double-quoted, Python-repr-like rendering of received bytes, lossless: bytes that are not
 * UTF-8 as Python's errors="backslashreplace" writes them (b"\xff" shows as \xff, where U+FFFD
 * lost which byte came), quotes, backslashes and non-printable characters escaped, printable text
 * (accents) kept. \xNN means a byte and nothing else: a control character of U+0080..U+00FF,
 * which Python's repr() would also write \x85, is written \u0085 (valid UTF-8 C2 85 and the
 * lone byte 85 would look the same).
 */
void appendQuoted(QByteArray &out, const QByteArray &data)
{
    out += '"';
    bool plain = true;
    for (char c : data) {
        const auto u = uchar(c);
        if (u < 0x20 || u >= 0x7f || c == '"' || c == '\\') {
            plain = false;
            break;
        }
    }
    if (plain) {
        out += data;
        out += '"';
        return;
    }
    // os.fsdecode's surrogateescape: every byte that is not UTF-8 becomes U+DC80..U+DCFF, the
    // ranges Python's decoder finds invalid (backslashreplace escapes the same bytes).
    const QString text = files::fsDecode(data);
    for (char32_t cp : py::codePoints(text)) {
        switch (cp) {
        case U'"':
            out += "\\\"";
            continue;
        case U'\\':
            out += "\\\\";
            continue;
        case U'\n':
            out += "\\n";
            continue;
        case U'\r':
            out += "\\r";
            continue;
        case U'\t':
            out += "\\t";
            continue;
        default:
            break;
        }
        if (cp >= 0xDC80 && cp <= 0xDCFF) {
            out += "\\x" + hexByte(uint(cp - 0xDC00));
        } else if (cp < 0x20 || cp == 0x7f) {
            out += "\\x" + hexByte(uint(cp));
        } else if (cp < 0x7f) {
            out += char(cp);
        } else if (!py::isPrintable(cp)) {
            if (cp <= 0xffff) {
                out += "\\u" + QByteArray::number(uint(cp), 16).rightJustified(4, '0');
            } else {
                out += "\\U" + QByteArray::number(uint(cp), 16).rightJustified(8, '0');
            }
        } else {
            QString one;
            py::appendCodePoint(one, cp);
            out += one.toUtf8();
        }
    }
    out += '"';
}

/// One line per event; the whole batch goes out in one write and is flushed.
class EventPrinter
{
public:
    void print(const NetEvents &events)
    {
        QByteArray out;
        out.reserve(events.size() * 64);
        for (const NetEvent &e : events) {
            m_time.append(out, e.time);
            out += ' ';
            switch (e.kind) {
            case NetEvent::Listening:
                out += "listening " + e.peer.toUtf8();
                if (!e.data.isEmpty()) {
                    out += ' ' + e.data;
                }
                break;
            case NetEvent::Connected:
                out += "connected " + e.peer.toUtf8();
                break;
            case NetEvent::Message:
                out += "message " + e.peer.toUtf8() + ' ';
                appendQuoted(out, e.data);
                break;
            case NetEvent::Sent:
                out += "sent " + e.peer.toUtf8() + ' ';
                appendQuoted(out, e.data);
                break;
            case NetEvent::Datagram:
                out += "datagram " + e.peer.toUtf8() + ' ';
                appendQuoted(out, e.data);
                break;
            case NetEvent::Disconnected:
                out += "disconnected " + e.peer.toUtf8() + " reason=" + e.reason.toUtf8();
                break;
            case NetEvent::Error:
                out += "error ";
                if (!e.peer.isEmpty()) {
                    out += e.peer.toUtf8() + ' ';
                }
                out += e.data;
                break;
            case NetEvent::Stopped:
                out += "stopped " + e.data;
                break;
            case NetEvent::Read: // only when asked for (the Chat tab's Chunks view)
                out += "read " + e.peer.toUtf8() + ' ' + QByteArray::number(e.size);
                break;
            }
            out += '\n';
        }
        std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
        std::fflush(stdout);
    }

private:
    TimeFormatter m_time;
};

// --- SIGINT/SIGTERM → the event loop (a handler may only write to a descriptor) -----------

int s_signalFds[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const ssize_t n = ::write(s_signalFds[0], &c, 1);
}

/// Calls @p onStop in the event loop when SIGINT or SIGTERM arrives.
QSocketNotifier *watchStopSignals(QObject *parent, std::function<void()> onStop)
{
    if (s_signalFds[0] < 0 && ::socketpair(AF_UNIX, SOCK_STREAM, 0, s_signalFds) != 0) {
        return nullptr;
    }
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    auto *n = new QSocketNotifier(s_signalFds[1], QSocketNotifier::Read, parent);
    QObject::connect(n, &QSocketNotifier::activated, parent, [n, onStop = std::move(onStop)] {
        char buf[16];
        [[maybe_unused]] const ssize_t r = ::read(s_signalFds[1], buf, sizeof buf);
        n->setEnabled(false);
        onStop();
    });
    return n;
}

/// Starts @p session's server (or says why on stderr and returns false); then SIGINT/SIGTERM
/// stop it and end the event loop. @p guard owns the signal watcher: it must outlive the loop.
bool startServing(chat::ChatSession &session, const QString &command, QObject *guard)
{
    if (!session.startServer()) {
        cli::err() << "stdlab " << command << ": " << session.error().text << "\n";
        cli::err().flush();
        return false;
    }
    watchStopSignals(guard, [&session] {
        session.stopServer();
        QCoreApplication::exit(cli::Ok);
    });
    return true;
}

/// A session that prints every batch of events as log lines (the CLI's view of the session).
void printEvents(chat::ChatSession &session, EventPrinter &printer)
{
    QObject::connect(&session, &chat::ChatSession::eventsReady, &session,
                     [&printer](const NetEvents &events) { printer.print(events); });
}

NetEvent makeNoSuchClient(const QString &who)
{
    NetEvent e;
    e.kind = NetEvent::Error;
    e.time = QDateTime::currentDateTime();
    e.error = NetError::NoSuchClient;
    e.data = "no such client: @" + who.toUtf8() + " (nothing was sent)";
    return e;
}

/// Reads stdin without blocking the event loop; @p onData gets each chunk, @p onEnd the EOF.
class StdinReader : public QObject
{
public:
    /// Paused, stdin is not read (its writer blocks once the pipe is full).
    void setPaused(bool paused)
    {
        if (!m_ended) {
            m_notifier->setEnabled(!paused);
        }
    }

    StdinReader(std::function<void(const QByteArray &)> onData, std::function<void()> onEnd)
        : m_onData(std::move(onData)), m_onEnd(std::move(onEnd)),
          m_notifier(new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this))
    {
        connect(m_notifier, &QSocketNotifier::activated, this, [this] {
            char buf[65536];
            const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
            if (n > 0) {
                m_onData(QByteArray(buf, n));
                return;
            }
            if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
                return;
            }
            m_notifier->setEnabled(false);
            m_ended = true;
            m_onEnd();
        });
    }

private:
    bool m_ended = false;
    std::function<void(const QByteArray &)> m_onData;
    std::function<void()> m_onEnd;
    QSocketNotifier *m_notifier;
};

std::optional<QHostAddress> parseBindAddress(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("any")) {
        return QHostAddress(QHostAddress::Any);
    }
    if (t == QLatin1String("any4")) {
        return QHostAddress(QHostAddress::AnyIPv4);
    }
    if (t == QLatin1String("any6")) {
        return QHostAddress(QHostAddress::AnyIPv6);
    }
    if (t == QLatin1String("localhost")) {
        return QHostAddress(QHostAddress::LocalHost);
    }
    QHostAddress a;
    if (a.setAddress(t)) {
        return a;
    }
    return std::nullopt;
}

std::optional<quint16> portOption(const QCommandLineParser &parser, const QString &command)
{
    if (!parser.isSet(QStringLiteral("port"))) {
        cli::usageError(command, QStringLiteral("--port is required (0 picks a free port)"));
        return std::nullopt;
    }
    const auto v = cli::intOption(parser, QStringLiteral("port"), command);
    if (!v) {
        return std::nullopt;
    }
    if (*v < 0 || *v > 65535) {
        cli::usageError(command, QStringLiteral("--port must be 0-65535, got %1").arg(*v));
        return std::nullopt;
    }
    return quint16(*v);
}

/// --port and --bind of both servers into @p port / @p address (kept when --bind is absent);
/// false after printing the usage error.
bool endpointOptions(const QCommandLineParser &parser, const QString &command, quint16 *port,
                     QHostAddress *address)
{
    const auto p = portOption(parser, command);
    if (!p) {
        return false;
    }
    *port = *p;
    if (parser.isSet(QStringLiteral("bind"))) {
        const auto a = parseBindAddress(parser.value(QStringLiteral("bind")));
        if (!a) {
            cli::usageError(command, QStringLiteral("--bind: not an address: '%1'")
                                         .arg(parser.value(QStringLiteral("bind"))));
            return false;
        }
        *address = *a;
    }
    return true;
}

/// "256M", "64MiB", "1g", "65536": bytes, with K, M or G as powers of 1,024 (an optional "iB"
/// or "B" after them, any case); nullopt for anything else or beyond 1 TiB.
std::optional<qint64> parseByteSize(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("^ *([0-9]{1,13}) *(?:([kmg])(?:i?b)?|b)? *$"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    qint64 n = m.captured(1).toLongLong();
    const QString unit = m.captured(2).toLower();
    const int shift = unit == u"k" ? 10 : unit == u"m" ? 20 : unit == u"g" ? 30 : 0;
    if (n > (qint64(1) << (40 - shift))) {
        return std::nullopt;
    }
    return n << shift;
}

/// An operator's line of stdin as a message: its "\n" goes (the framing adds its own).
QByteArray withoutNewline(const QByteArray &line)
{
    return line.endsWith('\n') ? line.first(line.size() - 1) : line;
}

int serveTcp(const QCommandLineParser &parser, const QString &command)
{
    chat::ServerConfig o;
    o.protocol = chat::Protocol::Tcp;
    o.mode = ServerMode::Echo;
    o.reportReplies = false; // `serve` prints what the clients send, not the echoes
    if (!endpointOptions(parser, command, &o.port, &o.address)) {
        return cli::Usage;
    }
    if (parser.isSet(QStringLiteral("mode"))) {
        const auto m = parseServerMode(parser.value(QStringLiteral("mode")));
        if (!m) {
            return cli::usageError(command,
                                   QStringLiteral("--mode must be greet, echo, chat, room or rules, got '%1'")
                                       .arg(parser.value(QStringLiteral("mode"))));
        }
        o.mode = *m;
    }
    if (parser.isSet(QStringLiteral("framing"))) {
        QString why;
        const auto f = parseFraming(parser.value(QStringLiteral("framing")), &why);
        if (!f) {
            return cli::usageError(command, QStringLiteral("--framing: ") + why);
        }
        o.framing = *f;
    }
    const bool hasRules = parser.isSet(QStringLiteral("rule")) || parser.isSet(QStringLiteral("default"));
    if (hasRules && o.mode != ServerMode::Rules) {
        return cli::usageError(command, QStringLiteral("--rule and --default need --mode rules"));
    }
    if (o.mode == ServerMode::Rules) {
        QList<chat::ReplyRule> rules;
        for (const QString &spec : parser.values(QStringLiteral("rule"))) {
            const auto rule = chat::parseRuleSpec(spec);
            if (!rule) {
                return cli::usageError(command, QStringLiteral("--rule: expected PATTERN=>REPLY, "
                                                              "got '%1'")
                                                    .arg(spec));
            }
            rules.append(*rule);
        }
        std::optional<QString> fallback;
        if (parser.isSet(QStringLiteral("default"))) {
            fallback = parser.value(QStringLiteral("default"));
        }
        if (rules.isEmpty() && !fallback) {
            return cli::usageError(command, QStringLiteral("--mode rules needs a --rule or a "
                                                          "--default"));
        }
        QString why;
        if (!chat::ReplyRules::compile(rules, fallback, &why)) {
            return cli::usageError(command, why);
        }
        o.rules = rules;
        o.defaultReply = fallback;
    }
    if (parser.isSet(QStringLiteral("greeting"))) {
        o.greeting = parser.value(QStringLiteral("greeting")).toUtf8();
        if (!o.greeting.endsWith('\n')) {
            o.greeting += '\n';
        }
    }
    const auto threads = cli::intOption(parser, QStringLiteral("threads"), command, 0);
    const auto maxClients = cli::intOption(parser, QStringLiteral("max-clients"), command, 10000);
    const auto idle = cli::intOption(parser, QStringLiteral("idle-timeout"), command, 0);
    if (!threads || !maxClients || !idle) {
        return cli::Usage;
    }
    if (*threads < 0 || *threads > 1024) {
        return cli::usageError(command, QStringLiteral("--threads must be 1-1024"));
    }
    if (*maxClients < 1 || *maxClients > 1000000) {
        return cli::usageError(command, QStringLiteral("--max-clients must be 1-1000000"));
    }
    if (*idle < 0) {
        return cli::usageError(command, QStringLiteral("--idle-timeout must be >= 0"));
    }
    o.threads = int(*threads);
    o.threadPerClient = parser.isSet(QStringLiteral("thread-per-client"));
    o.maxClients = int(*maxClients);
    o.idleTimeoutMs = int(*idle * 1000);
    if (parser.isSet(QStringLiteral("max-buffer"))) {
        const auto budget = parseByteSize(parser.value(QStringLiteral("max-buffer")));
        if (!budget) {
            return cli::usageError(command,
                                   QStringLiteral("--max-buffer takes a size such as 256M, 1G "
                                                  "or 65536 (bytes; 0 = no budget), at most 1T, "
                                                  "not '%1'")
                                       .arg(parser.value(QStringLiteral("max-buffer"))));
        }
        o.maxBufferBytes = *budget;
    }
    o.reportMessages = !parser.isSet(QStringLiteral("quiet"));
    o.tls = parser.isSet(QStringLiteral("tls"));
    o.tlsCertFile = parser.value(QStringLiteral("tls-cert"));
    o.tlsKeyFile = parser.value(QStringLiteral("tls-key"));
    const QString certOut = parser.value(QStringLiteral("tls-cert-out"));
    const bool tlsFiles = parser.isSet(QStringLiteral("tls-cert")) || parser.isSet(QStringLiteral("tls-key"));
    if (!o.tls && (tlsFiles || parser.isSet(QStringLiteral("tls-cert-out")))) {
        return cli::usageError(command, QStringLiteral("--tls-cert, --tls-key and --tls-cert-out "
                                                      "need --tls"));
    }
    if (parser.isSet(QStringLiteral("tls-cert")) != parser.isSet(QStringLiteral("tls-key"))) {
        return cli::usageError(command, QStringLiteral("--tls-cert and --tls-key go together "
                                                      "(a certificate and its private key, PEM)"));
    }
    if (parser.isSet(QStringLiteral("tls-cert-out")) && certOut.isEmpty()) {
        return cli::usageError(command, QStringLiteral("--tls-cert-out needs a file name"));
    }

    std::signal(SIGPIPE, SIG_IGN);
    chat::ChatSession session;
    session.setRole(chat::Role::Server);
    session.setServerConfig(o);
    session.setBatchIntervalMs(kCliBatchMs);
    EventPrinter printer;
    printEvents(session, printer);
    QObject guard;
    if (!startServing(session, command, &guard)) {
        return cli::Failure;
    }
    if (!certOut.isEmpty()) {
        // What a client trusts: `stdlab send tcp --tls --tls-ca F`, Python's cafile=F.
        QString why;
        if (!writeCertificate(*session.serverIdentity(), certOut, &why)) {
            cli::err() << "stdlab " << command << ": --tls-cert-out: " << why << "\n";
            cli::err().flush();
            session.stopServer();
            return cli::Failure;
        }
    }
    std::unique_ptr<StdinReader> stdinReader;
    QByteArray stdinTail;
    if (o.mode == ServerMode::Chat || o.mode == ServerMode::Room) {
        // Operator lines: to every client, or "@ADDRESS:PORT text" / "@ID text" to one; one
        // that is not connected is named, not ignored (@999) or broadcast (@127.0.0.1:1).
        // Nothing is printed for a broadcast with nobody connected (the engine sends nothing).
        auto sendLine = [&](const QByteArray &line) {
            if (line.startsWith('@')) {
                const qsizetype space = line.indexOf(' ');
                const QString who = QString::fromUtf8(line.mid(1, space < 0 ? -1 : space - 1))
                                        .trimmed();
                const QByteArray text = space < 0 ? QByteArray("\n") : line.mid(space + 1);
                bool isId = false;
                who.toULongLong(&isId);
                if (isId || parseHostPort(who).has_value()) {
                    const quint64 id = session.findClient(who);
                    if (id == 0 || !session.sendMessage(withoutNewline(text), id)) {
                        printer.print({makeNoSuchClient(who)});
                    }
                    return;
                }
            }
            session.sendMessage(withoutNewline(line));
        };
        stdinReader = std::make_unique<StdinReader>(
            [&, sendLine](const QByteArray &chunk) {
                stdinTail += chunk;
                qsizetype nl;
                while ((nl = stdinTail.indexOf('\n')) >= 0) {
                    sendLine(stdinTail.left(nl + 1));
                    stdinTail.remove(0, nl + 1);
                }
            },
            [&, sendLine] {
                if (!stdinTail.isEmpty()) {
                    sendLine(stdinTail + '\n');
                    stdinTail.clear();
                }
            });
    }
    return QCoreApplication::exec();
}

int serveUdp(const QCommandLineParser &parser, const QString &command)
{
    chat::ServerConfig o;
    o.protocol = chat::Protocol::Udp;
    if (!endpointOptions(parser, command, &o.port, &o.address)) {
        return cli::Usage;
    }
    for (const char *tcpOnly : {"mode", "greeting", "threads", "thread-per-client",
                                "max-clients", "idle-timeout", "rule", "default", "framing",
                                "max-buffer"}) {
        if (parser.isSet(QLatin1String(tcpOnly))) {
            return cli::usageError(command, QStringLiteral("--%1 is for tcp servers only")
                                                .arg(QLatin1String(tcpOnly)));
        }
    }
    o.udpEcho = parser.isSet(QStringLiteral("echo"));
    std::signal(SIGPIPE, SIG_IGN);
    chat::ChatSession session;
    session.setRole(chat::Role::Server);
    session.setServerConfig(o);
    session.setBatchIntervalMs(kCliBatchMs);
    EventPrinter printer;
    printEvents(session, printer);
    QObject guard;
    if (!startServing(session, command, &guard)) {
        return cli::Failure;
    }
    return QCoreApplication::exec();
}

// stdin is read only while less than this waits for the kernel: a server that does not read
// must not make `send` hold all of stdin (< /dev/zero reached 3.6 GB and std::bad_alloc).
constexpr qint64 kSendHighWater = 256 * 1024;

/// A client session for `send`: events delivered at the next pass of the event loop.
void setUpClient(chat::ChatSession &session, chat::Protocol protocol, const QString &host,
                 quint16 port, int timeoutMs = 5000, const Framing &framing = {},
                 const TlsClientOptions &tls = {})
{
    session.setRole(chat::Role::Client);
    chat::ClientConfig config;
    config.protocol = protocol;
    config.host = host;
    config.port = port;
    config.connectTimeoutMs = timeoutMs;
    config.framing = framing;
    config.tls = tls;
    session.setClientConfig(config);
    session.setBatchIntervalMs(0);
}

void printError(const QString &command, const QString &text)
{
    cli::err() << "stdlab " << command << ": " << text << "\n";
    cli::err().flush();
}

int sendTcp(const QString &host, quint16 port, const QByteArray &message, int timeoutMs,
            int waitMs, int stallMs, const Framing &framing, const TlsClientOptions &tls,
            const QString &command)
{
    std::signal(SIGPIPE, SIG_IGN);
    chat::ChatSession session;
    setUpClient(session, chat::Protocol::Tcp, host, port, timeoutMs, framing, tls);
    session.setRecordSends(true); // a StdLab window reading them shows these send() calls
    // Newline and raw replies are printed as they come (like nc); a length or fixed frame is
    // printed whole, one message a line, without its prefix or padding.
    const bool streamed = framing.kind == FramingKind::Newline || framing.kind == FramingKind::Raw;
    QByteArray stdinTail; // length/fixed: each line of stdin is one message
    int exitCode = cli::Ok;
    bool stdinDone = false;
    QTimer quiet; // silence after our last data: the replies are in
    quiet.setSingleShot(true);
    quiet.setInterval(waitMs);
    QTimer stall; // the server took nothing of what waits for it this long
    stall.setSingleShot(true);
    stall.setInterval(stallMs);
    std::unique_ptr<StdinReader> stdinReader;

    auto finish = [&](int code) {
        exitCode = code;
        quiet.stop();
        stall.stop();
        stdinReader.reset();
        QCoreApplication::exit(code);
    };
    auto armQuiet = [&] {
        if (stdinDone && session.isConnected()) {
            quiet.start();
        }
    };
    QObject::connect(&quiet, &QTimer::timeout, &session, [&] {
        if (session.bytesToWrite() > 0) {
            quiet.start();
            return;
        }
        session.disconnectFromServer();
        finish(cli::Ok);
    });
    QObject::connect(&stall, &QTimer::timeout, &session, [&] {
        cli::err() << "stdlab " << command << ": the server has taken nothing for "
                   << QString::number(stallMs / 1000.0, 'g', 3) << " s (it does not read); "
                   << QString::number(session.bytesToWrite()) << " bytes not sent, giving up "
                   << "(--stall-timeout)\n";
        cli::err().flush();
        session.disconnectFromServer();
        finish(cli::Failure);
    });
    QObject::connect(&session, &chat::ChatSession::bytesWritten, &session, [&] {
        if (session.bytesToWrite() > 0) {
            stall.start(); // progress: the clock starts again
        } else {
            stall.stop();
        }
        if (stdinReader && session.bytesToWrite() <= kSendHighWater / 2) {
            stdinReader->setPaused(false);
        }
    });
    QObject::connect(&session, &chat::ChatSession::dataReceived, &session,
                     [&](const QByteArray &data) {
                         if (streamed) {
                             std::fwrite(data.constData(), 1, size_t(data.size()), stdout);
                             std::fflush(stdout);
                         }
                         armQuiet();
                     });
    QObject::connect(&session, &chat::ChatSession::messageReceived, &session,
                     [&](const QByteArray &data) {
                         if (!streamed) {
                             std::fwrite(data.constData(), 1, size_t(data.size()), stdout);
                             std::fwrite("\n", 1, 1, stdout);
                             std::fflush(stdout);
                         }
                     });
    QObject::connect(&session, &chat::ChatSession::eventsReady, &session,
                     [&](const NetEvents &events) {
                         for (const NetEvent &e : events) {
                             if (e.kind == NetEvent::Error) {
                                 printError(command, QString::fromUtf8(e.data));
                                 finish(cli::Failure);
                                 return;
                             }
                             if (e.kind == NetEvent::Connected && !e.data.isEmpty()) {
                                 // "localhost: 127.0.0.1 refused, [::1]:1234 answered", and
                                 // TLS's "TLSv1.3, …, certificate sha256 …, verified …"
                                 printError(command, QString::fromUtf8(e.data));
                             }
                             if (e.kind == NetEvent::Disconnected) {
                                 finish(cli::Ok);
                                 return;
                             }
                         }
                     });
    QObject::connect(&session, &chat::ChatSession::clientStateChanged, &session,
                     [&](bool connected) {
        if (!connected) {
            return;
        }
        if (!message.isNull()) {
            session.sendMessage(message);
            stall.start();
            stdinDone = true;
            armQuiet();
            return;
        }
        stdinReader = std::make_unique<StdinReader>(
            [&](const QByteArray &chunk) {
                if (!session.isConnected()) {
                    return;
                }
                if (streamed) {
                    session.sendData(chunk);
                } else {
                    stdinTail += chunk;
                    qsizetype nl;
                    while ((nl = stdinTail.indexOf('\n')) >= 0) {
                        session.sendMessage(stdinTail.left(nl));
                        stdinTail.remove(0, nl + 1);
                    }
                }
                if (!stall.isActive()) {
                    stall.start();
                }
                if (session.bytesToWrite() > kSendHighWater) {
                    stdinReader->setPaused(true);
                }
            },
            [&] {
                if (!stdinTail.isEmpty() && session.isConnected()) {
                    session.sendMessage(std::exchange(stdinTail, QByteArray()));
                }
                stdinDone = true;
                armQuiet();
            });
    });
    session.connectToServer();
    QCoreApplication::exec();
    return exitCode;
}

int sendUdp(const QString &host, quint16 port, const QByteArray &message, int waitMs,
            const QString &command)
{
    chat::ChatSession session;
    setUpClient(session, chat::Protocol::Udp, host, port);
    int exitCode = cli::Ok;
    QTimer quiet;
    quiet.setSingleShot(true);
    quiet.setInterval(waitMs);
    QObject::connect(&quiet, &QTimer::timeout, &session, [] { QCoreApplication::exit(cli::Ok); });
    QObject::connect(&session, &chat::ChatSession::eventsReady, &session,
                     [&](const NetEvents &events) {
                         for (const NetEvent &e : events) {
                             if (e.kind == NetEvent::Error) {
                                 printError(command, QString::fromUtf8(e.data));
                                 exitCode = cli::Failure;
                                 QCoreApplication::exit(cli::Failure);
                                 return;
                             }
                             if (e.kind == NetEvent::Datagram) {
                                 std::fwrite(e.data.constData(), 1, size_t(e.data.size()),
                                             stdout);
                                 std::fwrite("\n", 1, 1, stdout);
                                 std::fflush(stdout);
                                 quiet.start();
                             } else if (e.kind == NetEvent::Sent) {
                                 quiet.start();
                             }
                         }
                     });
    if (!session.sendData(message)) {
        if (session.error().code == chat::ChatSession::ErrorCode::DatagramTooLarge) {
            printError(command, session.error().text);
            return cli::Failure;
        }
        // The engine's error event arrives at the next pass of the event loop.
        QTimer::singleShot(1000, &session, [] { QCoreApplication::exit(cli::Failure); });
    }
    QCoreApplication::exec();
    return exitCode;
}

/// The bytes typed for @p words, the last positional arguments: main() decodes argv as Python's
/// sys.argv does (os.fsdecode: a byte that is not UTF-8 becomes a lone surrogate), so encoding
/// each word back gives the bytes typed (a 0xFF byte was once sent as EF BF BD, then as '?').
QList<QByteArray> rawWords(const QStringList &words)
{
    QList<QByteArray> out;
    out.reserve(words.size());
    for (const QString &word : words) {
        out << files::fsEncode(word);
    }
    return out;
}

/// --escape: \xHH, \n, \r, \t, \0 and \\ become those bytes; nullopt names a bad one.
std::optional<QByteArray> unescape(const QByteArray &in, QString *bad)
{
    QByteArray out;
    out.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        if (in.at(i) != '\\') {
            out += in.at(i);
            continue;
        }
        const char c = i + 1 < in.size() ? in.at(i + 1) : '\0';
        switch (c) {
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        case 't':
            out += '\t';
            break;
        case '0':
            out += '\0';
            break;
        case '\\':
            out += '\\';
            break;
        case 'x': {
            const QByteArray hex = in.mid(i + 2, 2);
            bool ok = hex.size() == 2 && std::isxdigit(uchar(hex[0])) && std::isxdigit(uchar(hex[1]));
            const int v = ok ? hex.toInt(&ok, 16) : 0;
            if (!ok) {
                *bad = QString::fromUtf8(in.mid(i, 4));
                return std::nullopt;
            }
            out += char(v);
            i += 2;
            break;
        }
        default:
            *bad = QString::fromUtf8(in.mid(i, 2));
            return std::nullopt;
        }
        ++i;
    }
    return out;
}

} // namespace

int runServeCommand(const QStringList &arguments)
{
    // Every event line needs its local time, and with TZ unset glibc stats /etc/localtime on
    // each conversion to find out whether the zone changed: 12,201 stat calls for 10,100
    // echoed messages, 58 % of the thread that prints (strace, perf). Naming the same file
    // in TZ reads it once, as Python's time module does until tzset().
    if (qEnvironmentVariableIsEmpty("TZ")) {
        qputenv("TZ", ":/etc/localtime");
    }
    const QString command = arguments.value(0);
    const QString synopsis = QStringLiteral(
        "tcp|udp --port P [--bind ADDR] [--mode greet|echo|chat|room|rules] [--greeting TEXT] "
        "[--rule 'PATTERN=>REPLY'...] [--default TEXT] [--framing raw|newline|length|fixed:N] "
        "[--threads N] [--thread-per-client] [--max-clients N] [--max-buffer SIZE] [--echo] "
        "[--tls [--tls-cert F --tls-key F] [--tls-cert-out F]]");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "stdlab serve: the course's TCP servers (greet, echo, 1:1 chat, room), reply rules and "
        "UDP server.\n"
        "One line per event on stdout, starting with an ISO time; the first line (listening) "
        "appears once the port is bound.\nIn chat/room mode stdin lines go to every client, or "
        "'@ADDRESS:PORT text' / '@ID text' to one (one not connected: 'no such client'). SIGINT/SIGTERM stop with a summary line."));
    parser.addPositionalArgument(QStringLiteral("protocol"), QStringLiteral("tcp or udp"));
    parser.addOptions({
        {QStringLiteral("port"), QStringLiteral("Port to listen on (0 = pick a free one)."),
         QStringLiteral("P")},
        {QStringLiteral("bind"),
         QStringLiteral("Address to bind: 127.0.0.1 (default), any (every IPv4 and IPv6 "
                        "address, dual-stack), any4, any6 or an address."),
         QStringLiteral("ADDR")},
        {QStringLiteral("mode"),
         QStringLiteral("TCP: greet, echo (default), chat, room or rules."),
         QStringLiteral("MODE")},
        {QStringLiteral("rule"),
         QStringLiteral("TCP rules mode, repeatable, in order: a line that PATTERN (Python re) "
                        "matches whole gets REPLY, expanded like Match.expand (\\1, "
                        "\\g<name>, \\g<0>); the first matching rule wins."),
         QStringLiteral("PATTERN=>REPLY")},
        {QStringLiteral("default"),
         QStringLiteral("TCP rules mode: the reply when no rule matches (default: none)."),
         QStringLiteral("TEXT")},
        {QStringLiteral("greeting"),
         QStringLiteral("TCP greet mode: the reply (default 'Un saludo crack!')."),
         QStringLiteral("TEXT")},
        {QStringLiteral("framing"),
         QStringLiteral("TCP: how messages are cut from a client's bytes, and how replies are "
                        "framed: newline (default: lines), raw (every read is a message), length "
                        "(a 4-byte big-endian length first, struct.pack('!I', n); at most 16 MiB) "
                        "or fixed:N (N bytes each)."),
         QStringLiteral("F")},
        {QStringLiteral("threads"),
         QStringLiteral("TCP: worker threads of the pool (default: one per core but one, at least one)."),
         QStringLiteral("N")},
        {QStringLiteral("thread-per-client"),
         QStringLiteral("TCP: one thread per client, as the course's ClientThread server.")},
        {QStringLiteral("max-clients"),
         QStringLiteral("TCP: clients at once (default 10000); more are told why and closed."),
         QStringLiteral("N")},
        {QStringLiteral("idle-timeout"),
         QStringLiteral("TCP: close a client silent this many seconds (default 0 = never)."),
         QStringLiteral("S")},
        {QStringLiteral("max-buffer"),
         QStringLiteral("TCP: memory for all clients' unfinished lines and frames and the output "
                        "they have not read (default 256M; K, M, G; 0 = no budget). A client "
                        "that would pass it is closed with reason=server memory budget."),
         QStringLiteral("SIZE")},
        {QStringLiteral("quiet"), QStringLiteral("No 'message' lines (counters still count).")},
        {QStringLiteral("echo"), QStringLiteral("UDP: send every datagram back to its sender.")},
        {QStringLiteral("tls"),
         QStringLiteral("TCP over TLS, every mode. Without --tls-cert/--tls-key: StdLab's own "
                        "self-signed certificate for localhost, 127.0.0.1 and ::1 (made once, kept "
                        "in the data folder). The listening line ends with its SHA-256 "
                        "fingerprint.")},
        {QStringLiteral("tls-cert"),
         QStringLiteral("TLS: the server's certificate (PEM)."),
         QStringLiteral("F")},
        {QStringLiteral("tls-key"),
         QStringLiteral("TLS: the certificate's private key (PEM, not encrypted)."),
         QStringLiteral("F")},
        {QStringLiteral("tls-cert-out"),
         QStringLiteral("TLS: also write the certificate to F (PEM), for a client to trust "
                        "(stdlab send --tls-ca F, Python's cafile=F)."),
         QStringLiteral("F")},
    });
    if (const auto code = cli::parse(parser, arguments, synopsis)) {
        return *code;
    }
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 1) {
        return cli::usageError(command, pos.isEmpty()
                                            ? QStringLiteral("expected tcp or udp")
                                            : QStringLiteral("unexpected argument '%1'")
                                                  .arg(pos.value(1)));
    }
    const QString proto = pos.first().toLower();
    if (proto == QLatin1String("tcp")) {
        if (parser.isSet(QStringLiteral("echo"))) {
            return cli::usageError(command,
                                   QStringLiteral("--echo is for udp; tcp uses --mode echo"));
        }
        return serveTcp(parser, command);
    }
    if (proto == QLatin1String("udp")) {
        return serveUdp(parser, command);
    }
    return cli::usageError(command,
                           QStringLiteral("expected tcp or udp, got '%1'").arg(pos.first()));
}

int runSendCommand(const QStringList &arguments)
{
    const QString command = arguments.value(0);
    const QString synopsis = QStringLiteral(
        "tcp|udp HOST:PORT [--framing raw|newline|length|fixed:N] [MESSAGE...] "
        "[--tls [--tls-ca F | --tls-fingerprint SHA256 | --insecure]]");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "stdlab send: the course's clients.\n"
        "tcp: sends MESSAGE (words joined by spaces, plus a newline) or, without one, the lines "
        "of stdin (like nc); replies go to stdout. Ends when the server closes, after 'bye', or "
        "after --wait ms of silence once everything is sent.\n"
        "udp: sends MESSAGE as one datagram (at most 65,507 bytes) and prints the replies that "
        "arrive within --wait ms."));
    parser.addPositionalArgument(QStringLiteral("protocol"), QStringLiteral("tcp or udp"));
    parser.addPositionalArgument(QStringLiteral("HOST:PORT"),
                                 QStringLiteral("Server, e.g. 127.0.0.1:1234 or [::1]:1234."));
    parser.addPositionalArgument(QStringLiteral("MESSAGE"), QStringLiteral("Text to send."),
                                 QStringLiteral("[MESSAGE...]"));
    parser.addOptions({
        {QStringLiteral("timeout"),
         QStringLiteral("TCP: give up connecting after this many ms (default 5000)."),
         QStringLiteral("MS")},
        {QStringLiteral("wait"),
         QStringLiteral("Silence (ms) after which the replies are taken as complete "
                        "(default 500)."),
         QStringLiteral("MS")},
        {QStringLiteral("stall-timeout"),
         QStringLiteral("TCP: give up when the server takes none of what waits for it this "
                        "many ms (default 10000); stdin is read only as fast as it takes it."),
         QStringLiteral("MS")},
        {QStringLiteral("framing"),
         QStringLiteral("TCP: newline (default: MESSAGE and stdin go as lines, replies are "
                        "printed as they come), raw (bytes as they are), length (each MESSAGE "
                        "or line of stdin goes with a 4-byte big-endian length first) or fixed:N "
                        "(padded with NUL bytes to N); length and fixed replies are printed one "
                        "message a line."),
         QStringLiteral("F")},
        {{QStringLiteral("e"), QStringLiteral("escape")},
         QStringLiteral("MESSAGE may write bytes as \\xHH, \\n, \\r, \\t, \\0, \\\\ "
                        "(otherwise its bytes go as typed).")},
        {QStringLiteral("tls"),
         QStringLiteral("TCP over TLS. The server's certificate must be signed by the system's "
                        "CAs and name HOST, unless one of the next three says otherwise.")},
        {QStringLiteral("tls-ca"),
         QStringLiteral("TLS: trust only the certificates in F (PEM), e.g. what stdlab serve "
                        "--tls-cert-out wrote (Python's cafile=F)."),
         QStringLiteral("F")},
        {QStringLiteral("tls-fingerprint"),
         QStringLiteral("TLS: trust exactly the certificate with this SHA-256 fingerprint "
                        "(AB:CD:... or 64 hex digits)."),
         QStringLiteral("SHA256")},
        {QStringLiteral("insecure"),
         QStringLiteral("TLS: check nothing (encrypted, but anyone may be at the other end).")},
    });
    if (const auto code = cli::parse(parser, arguments, synopsis)) {
        return *code;
    }
    const QStringList pos = parser.positionalArguments();
    if (pos.size() < 2) {
        return cli::usageError(command, QStringLiteral("expected tcp|udp HOST:PORT [MESSAGE...]"));
    }
    const QString proto = pos.first().toLower();
    const auto target = parseHostPort(pos.at(1));
    if (!target) {
        // HOST:DIGITS whose number is no port: say so rather than "expected HOST:PORT".
        const QString text = pos.at(1);
        const QString digits = text.mid(text.lastIndexOf(QLatin1Char(':')) + 1);
        bool number = false;
        const qlonglong port = digits.size() <= 18 ? digits.toLongLong(&number) : 0;
        if (number && !digits.startsWith(QLatin1Char('+')) && !digits.startsWith(QLatin1Char('-'))
            && parseHostPort(QString(text.first(text.size() - digits.size()) + QLatin1Char('1')))) {
            return cli::usageError(command,
                                   QStringLiteral("the port must be 1-65535, got %1").arg(port));
        }
        return cli::usageError(command, QStringLiteral("expected HOST:PORT, got '%1' (an IPv6 "
                                                      "address goes in brackets: [::1]:1234)")
                                            .arg(pos.at(1)));
    }
    const auto timeout = cli::intOption(parser, QStringLiteral("timeout"), command, 5000);
    const auto wait = cli::intOption(parser, QStringLiteral("wait"), command, 500);
    const auto stall = cli::intOption(parser, QStringLiteral("stall-timeout"), command, 10000);
    if (!timeout || !wait || !stall) {
        return cli::Usage;
    }
    if (*timeout <= 0 || *wait < 0 || *stall <= 0) {
        return cli::usageError(command, QStringLiteral("--timeout and --stall-timeout must be "
                                                      "> 0, --wait >= 0"));
    }
    QByteArray message; // null: none given (tcp then sends stdin)
    if (pos.size() > 2) {
        message = rawWords(pos.mid(2)).join(' ');
        if (parser.isSet(QStringLiteral("escape"))) {
            QString bad;
            const auto bytes = unescape(message, &bad);
            if (!bytes) {
                return cli::usageError(command,
                                       QStringLiteral("--escape: '%1' is not an escape (use \\xHH, "
                                                      "\\n, \\r, \\t, \\0 or \\\\)")
                                           .arg(bad));
            }
            message = *bytes;
        }
        if (message.isNull()) {
            message = QByteArray(""); // an empty MESSAGE is still one (a bare newline)
        }
    }
    Framing framing;
    if (parser.isSet(QStringLiteral("framing"))) {
        if (proto != QLatin1String("tcp")) {
            return cli::usageError(command, QStringLiteral("--framing is for tcp only"));
        }
        QString why;
        const auto f = parseFraming(parser.value(QStringLiteral("framing")), &why);
        if (!f) {
            return cli::usageError(command, QStringLiteral("--framing: ") + why);
        }
        framing = *f;
    }
    TlsClientOptions tls;
    tls.enabled = parser.isSet(QStringLiteral("tls"));
    const int trustOptions = int(parser.isSet(QStringLiteral("tls-ca")))
        + int(parser.isSet(QStringLiteral("tls-fingerprint")))
        + int(parser.isSet(QStringLiteral("insecure")));
    if (trustOptions > 0 && !tls.enabled) {
        return cli::usageError(command, QStringLiteral("--tls-ca, --tls-fingerprint and "
                                                      "--insecure need --tls"));
    }
    if (trustOptions > 1) {
        return cli::usageError(command, QStringLiteral("give one of --tls-ca, "
                                                      "--tls-fingerprint and --insecure"));
    }
    if (parser.isSet(QStringLiteral("tls-ca"))) {
        tls.verify = TlsClientOptions::Verify::CaFile;
        tls.caFile = parser.value(QStringLiteral("tls-ca"));
        QString why;
        if (readCaFile(tls.caFile, &why).isEmpty()) {
            return cli::usageError(command, QStringLiteral("--tls-ca: ") + why);
        }
    } else if (parser.isSet(QStringLiteral("tls-fingerprint"))) {
        const auto fp = normalizedFingerprint(parser.value(QStringLiteral("tls-fingerprint")));
        if (!fp) {
            return cli::usageError(command,
                                   QStringLiteral("--tls-fingerprint: expected a SHA-256 "
                                                  "fingerprint (64 hex digits, colons "
                                                  "optional), got '%1'")
                                       .arg(parser.value(QStringLiteral("tls-fingerprint"))));
        }
        tls.verify = TlsClientOptions::Verify::Fingerprint;
        tls.fingerprint = *fp;
    } else if (parser.isSet(QStringLiteral("insecure"))) {
        tls.verify = TlsClientOptions::Verify::Insecure;
    }
    if (proto == QLatin1String("tcp")) {
        return sendTcp(target->host, target->port, message, int(*timeout), int(*wait),
                       int(*stall), framing, tls, command);
    }
    if (tls.enabled) {
        return cli::usageError(command, QStringLiteral("--tls is for tcp"));
    }
    if (proto == QLatin1String("udp")) {
        if (message.isNull()) {
            return cli::usageError(command, QStringLiteral("udp needs a MESSAGE"));
        }
        return sendUdp(target->host, target->port, message, int(*wait), command);
    }
    return cli::usageError(command,
                           QStringLiteral("expected tcp or udp, got '%1'").arg(pos.first()));
}

} // namespace stdlab

#include "learn/runrequest.h"

#include "chat/chatpanel.h"
#include "chat/chatpythoncode.h"
#include "common/pyrepr.h"
#include "date/datemodel.h"
#include "date/datepanel.h"
#include "files/filespanel.h"
#include "learn/chattracer.h"
#include "learn/coursedock.h"
#include "learn/lessonstate.h"
#include "learn/sandboxhistory.h"
#include "mainwindow.h"
#include "pythoncodepane.h"
#include "regex/regexmodel.h"
#include "regex/regexpanel.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTabWidget>

#include <algorithm>

namespace {

std::optional<QString> nowOutput(stdlab::date::DateModel &model)
{
    // The four lines the Now program prints, from what the section shows a moment before
    // Python looks at the clock.
    model.refreshNow();
    auto r = [&model](const char *key) { return model.result(QLatin1String(key)); };
    const QStringList weekday = r("nowWeekday").split(QLatin1Char(' ')); // "0 (lunes), isoweekday 1"
    if (r("nowZone").isEmpty() || r("nowTimestamp").isEmpty() || weekday.size() < 2) {
        return std::nullopt; // an unknown zone: Python raises it too, the run shows it
    }
    return QStringList{ r("nowLocal"), r("nowZone"),
                        QStringLiteral("%1 %2 %3")
                            .arg(weekday.first(), weekday.last(), r("nowIsoCalendar")),
                        r("nowYday") + QLatin1Char(' ') + r("nowTimestamp") }
               .join(QLatin1Char('\n'))
        + QLatin1Char('\n');
}

std::optional<QString> dateOutput(const stdlab::date::DateModel &model)
{
    using stdlab::date::DateModel;
    // The rows each section's program prints, one a line (tst_datemodel checks the programs
    // print exactly these).
    QStringList keys;
    switch (model.section()) {
    case DateModel::DifferenceSection:
        keys = { QStringLiteral("diffDelta"),        QStringLiteral("diffRepr"),
                 QStringLiteral("diffTotalSeconds"), QStringLiteral("diffCalendar"),
                 QStringLiteral("diffWeeks"),        QStringLiteral("diffBusiness"),
                 QStringLiteral("diffCompare") };
        break;
    case DateModel::AddSection:
        keys = { QStringLiteral("addResult") };
        break;
    case DateModel::FormatSection:
        keys = { QStringLiteral("formatResult"), QStringLiteral("parseResult"),
                 QStringLiteral("parseRepr") };
        break;
    case DateModel::ConvertSection: {
        // print(destino.isoformat(), destino.tzname(), destino.dst()): the result, the zone's
        // abbreviation the panel shows first ("EDT, daylight saving time") and dst().
        const QString result = model.result(QStringLiteral("convertResult"));
        const QString dst = model.result(QStringLiteral("convertDst"));
        if (result.isEmpty() || dst.isEmpty()) {
            return std::nullopt;
        }
        return QStringLiteral("%1 %2 %3\n")
            .arg(result,
                 model.result(QStringLiteral("convertInfo")).section(QStringLiteral(", "), 0, 0),
                 dst);
    }
    default:
        return std::nullopt;
    }
    QString out;
    for (const QString &key : keys) {
        if (model.result(key).isEmpty()) {
            return std::nullopt; // an error: Python raises it too, the run shows it
        }
        out += model.result(key) + QLatin1Char('\n');
    }
    return out;
}

std::optional<QString> regexOutput(const stdlab::re::RegexModel &model)
{
    if (model.hasError() || model.valueTruncated() || model.isRunning()) {
        return std::nullopt;
    }
    // As the Result pane shows it: sub's string as print() shows it, then its repr.
    QString value = model.valueRepr();
    if (model.valuePrinted() != value) {
        value = model.valuePrinted() + QLatin1Char('\n') + value;
    }
    return value + QLatin1Char('\n');
}

/// What a Files program that only looks prints, as the Files tab shows it: the path tools'
/// values (the comments of their print lines), the last look's message ("os.path.getsize('a')
/// → 5"), or the listing of the folder shown for print(os.listdir(...)).
std::optional<QString> filesOutput(const QString &code, FilesPanel *files)
{
    static const QRegularExpression commented(QStringLiteral(R"(^print\((.*)\)  # (.*)$)"),
                                              QRegularExpression::MultilineOption);
    QString out;
    for (auto it = commented.globalMatch(code); it.hasNext();) {
        out += it.next().captured(2) + QLatin1Char('\n');
    }
    if (!out.isEmpty()) {
        return out;
    }
    // "os.path.getsize('a') → 5" for print(os.path.getsize("a")): the same call, whichever
    // quotes each writes.
    const QString message = files->message();
    const qsizetype arrow = message.indexOf(QStringLiteral(" → "));
    static const QRegularExpression call(QStringLiteral(R"(^print\(([\w.]+)\((.*)\)\)$)"),
                                         QRegularExpression::MultilineOption);
    static const QRegularExpression shown(QStringLiteral(R"(^([\w.]+)\((.*)\)$)"));
    const auto unquoted = [](const QString &literal) {
        return literal.size() >= 2 ? literal.mid(1, literal.size() - 2) : literal;
    };
    if (arrow > 0 && !message.contains(QChar(0x2026))) {
        const auto said = shown.match(message.left(arrow));
        const auto printed = call.match(code);
        if (said.hasMatch() && printed.hasMatch() && said.captured(1) == printed.captured(1)
            && unquoted(said.captured(2)) == unquoted(printed.captured(2))) {
            return message.mid(arrow + 3) + QLatin1Char('\n');
        }
    }
    static const QRegularExpression listdir(QStringLiteral(R"(^print\(os\.listdir\((.*)\)\)\n?\z)"),
                                            QRegularExpression::MultilineOption);
    const auto m = listdir.match(code);
    if (m.hasMatch()) {
        QString folder = files->directory();
        const QString arg = m.captured(1);
        if (!arg.isEmpty() && arg != stdlab::py::literal(folder)) {
            return std::nullopt;
        }
        QStringList items;
        for (const QString &name : QDir(folder).entryList(
                 QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System)) {
            items << stdlab::py::repr(name);
        }
        return stdlab::py::list(items) + QLatin1Char('\n');
    }
    return std::nullopt;
}

/// The Files tab in the sandbox: the program runs on a copy of the sandbox as it was before
/// the tab's last change (as it is, for a program that only looks), then both folders are
/// compared, and what it prints when the tab shows that value.
void filesRequest(RunRequest &r, FilesPanel *files, CourseDock *dock)
{
    using namespace stdlab::learn;
    const Sandbox &sandbox = dock->sandbox();
    SandboxHistory *history = dock->sandboxHistory();
    history->update();
    if (!history->available()) {
        r.notCompared = QCoreApplication::translate("RunRequests", "Not compared: the sandbox is too big to copy for a comparison (over "
                           "32 MiB or 5,000 entries). Python ran in it.");
        return;
    }
    const bool changes = changesFiles(r.code);
    const QString replica = RunRequests::scratchFolder() + QStringLiteral("/sandbox-run");
    QDir(replica).removeRecursively();
    if (!copyTree(changes ? history->before() : history->now(), replica)) {
        r.notCompared = QCoreApplication::translate("RunRequests", "Not compared: the sandbox could not be copied. Python ran in it.");
        return;
    }
    const std::optional<QString> printed = changes ? std::nullopt : filesOutput(r.code, files);
    // The program's paths in the sandbox name the copy instead (os.chdir('<sandbox>/...')).
    const QString root = QDir(sandbox.path()).absolutePath();
    const QString canonical = QFileInfo(root).canonicalFilePath();
    r.code.replace(root, replica);
    if (!canonical.isEmpty() && canonical != root) {
        r.code.replace(canonical, replica);
    }
    r.workingDirectory = replica + QLatin1Char('/')
        + QDir(root).relativeFilePath(QFileInfo(files->directory()).absoluteFilePath());
    r.workingDirectory = QDir::cleanPath(r.workingDirectory);
    r.note = changes ? QCoreApplication::translate("RunRequests", "Python runs on a copy of the sandbox as it was before the Files tab's "
                          "last change, then the copy is compared with the sandbox:")
                     : QCoreApplication::translate("RunRequests", "Python runs on a copy of the sandbox; what it prints and the folders "
                          "are compared with the Files tab:");
    r.options.unorderedLists = true;
    r.sameText = printed ? QCoreApplication::translate("RunRequests", "✓ Python printed the same as StdLab and left the same files and "
                              "folders")
                         : QCoreApplication::translate("RunRequests", "✓ Python left the same files and folders as StdLab");
    r.differentText = QCoreApplication::translate("RunRequests", "Python and StdLab differ, from line %1 on:");
    const QString heading = QCoreApplication::translate("RunRequests", "Files and folders:");
    r.effect = [printed, root, replica, heading](const QString &output) {
        QString stdlab;
        QString python;
        if (printed) {
            // The copy stands for the sandbox (os.path.abspath() prints the copy's path).
            stdlab = *printed;
            python = QString(output).replace(replica, root);
        }
        stdlab += heading + QLatin1Char('\n') + treeLines(root).join(QLatin1Char('\n'));
        python += heading + QLatin1Char('\n') + treeLines(replica).join(QLatin1Char('\n'));
        return std::make_pair(stdlab, python);
    };
}

/// The lines a Chat run exchanged, as "Python → StdLab: text" / "StdLab → Python: text", the
/// ones Python sent first (each side in the order it saw them).
QString exchanged(QStringList toStdLab, QStringList toPython)
{
    QStringList lines;
    for (const QString &t : toStdLab) {
        lines << QCoreApplication::translate("RunRequests", "Python → StdLab: %1").arg(t);
    }
    for (const QString &t : toPython) {
        lines << QCoreApplication::translate("RunRequests", "StdLab → Python: %1").arg(t);
    }
    return lines.join(QLatin1Char('\n'));
}

/// What Python printed after @p prefix on each line that starts with it (a regex's group 1).
QStringList printedAfter(const QString &output, const QRegularExpression &line)
{
    QStringList texts;
    for (auto it = line.globalMatch(output); it.hasNext();) {
        QString t = it.next().captured(1);
        while (t.endsWith(QLatin1Char('\r'))) {
            t.chop(1);
        }
        texts << t;
    }
    return texts;
}

/// The Chat session's messages since record @p start: (received, sent).
std::pair<QStringList, QStringList> sessionMessages(const ChatTracer *tracer, qsizetype start)
{
    std::pair<QStringList, QStringList> m;
    if (!tracer) {
        return m;
    }
    const auto &trace = tracer->trace();
    for (qsizetype i = start <= trace.size() ? start : 0; i < trace.size(); ++i) {
        if (trace[i].kind == stdlab::learn::ChatRecord::Kind::Received) {
            m.first << trace[i].text;
        } else if (trace[i].kind == stdlab::learn::ChatRecord::Kind::Sent) {
            m.second << trace[i].text;
        }
    }
    return m;
}

} // namespace

QString RunRequests::scratchFolder()
{
    const QString path = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/scratch");
    QDir().mkpath(path);
    return path;
}

RunRequest RunRequests::forWindow(MainWindow *window)
{
    RunRequest r;
    r.code = window->codePane()->code();
    r.workingDirectory = scratchFolder();
    QWidget *current = window->tabs()->currentWidget();
    if (current == window->regexPanel()) {
        r.expected = regexOutput(*window->regexPanel()->model());
    } else if (current == window->datePanel()) {
        stdlab::date::DateModel *model = window->datePanel()->model();
        if (model->section() == stdlab::date::DateModel::NowSection) {
            r.expected = nowOutput(*model);
            r.options.clockTolerance = 2;
            r.sameText = QCoreApplication::translate("RunRequests", "✓ Python printed the same as StdLab (its times within %1 s of "
                            "StdLab's: the clock moved on between the two looks)");
        } else {
            r.expected = dateOutput(*model);
        }
    } else if (current == window->filesPanel()) {
        FilesPanel *files = window->filesPanel();
        r.workingDirectory = files->directory();
        if (!files->isInSandbox()) {
            r.question = QCoreApplication::translate("RunRequests", "This program works on the real folder %1, not in the course's "
                            "sandbox: what it creates, renames or deletes there is real. Run it?")
                             .arg(QDir::toNativeSeparators(files->directory()));
            r.notCompared = QCoreApplication::translate("RunRequests", "Not compared: Python ran in the real folder, where the Files tab "
                               "had already done this. In the course's sandbox (Course, Try it) "
                               "Python runs on a copy and both are compared.");
        } else {
            if (const QStringList real = window->courseDock()->sandbox().realPathsIn(
                    r.code, r.workingDirectory);
                !real.isEmpty()) {
                // Run from the sandbox, but the program names other paths (a copy to a real
                // folder, an absolute path): those are real.
                r.question = QCoreApplication::translate("RunRequests", "This program runs in the course's sandbox but also names %1, "
                                "outside it: what it creates, renames or deletes there is real. "
                                "Run it?")
                                 .arg(real.join(QStringLiteral(", ")));
            }
            filesRequest(r, files, window->courseDock());
        }
    } else if (current == window->chatPanel()) {
        ChatPanel *chat = window->chatPanel();
        r.timeoutMs = 30000;
        QPointer<ChatTracer> tracer = window->courseDock()->chatTracer();
        const qsizetype start = tracer->trace().size();
        r.sameText = QCoreApplication::translate("RunRequests", "✓ Python and StdLab exchanged the same lines");
        r.settleMs = 300;
        r.differentText = QCoreApplication::translate("RunRequests", "Python and StdLab exchanged different lines, from line %1 on:");
        if (chat->isServing()) {
            // The course's first client, aimed at this window's server: it talks to the panel.
            stdlab::chat::python::ClientConfig config;
            config.udp = chat->session()->serverConfig().protocol == stdlab::chat::Protocol::Udp;
            config.host = QStringLiteral("127.0.0.1");
            config.port = chat->serverPort();
            config.interactive = false;
            r.code = stdlab::chat::python::clientProgram(config);
            r.timeoutMs = 10000;
            r.comparedWhenStopped = true; // a server that never answers: the client waits
            r.note = QCoreApplication::translate("RunRequests", "A Python client for this window's server (port %1):")
                         .arg(chat->serverPort());
            const auto mode = chat->session()->serverConfig().mode;
            if (!config.udp
                && (mode == stdlab::ServerMode::Chat || mode == stdlab::ServerMode::Room)) {
                // Such a server passes a line on to the other clients, not back to its sender:
                // the client's recv() waits until the time limit.
                r.timeoutMs = 3000;
                r.note = QCoreApplication::translate(
                             "RunRequests",
                             "A Python client for this window's server (port %1). A chat server "
                             "passes each line on to the other clients, not back to the one that "
                             "sent it: this client waits for a reply until the time limit (3 s).")
                             .arg(chat->serverPort());
                r.timedOutText = QCoreApplication::translate(
                    "RunRequests",
                    "Stopped after %1 s, the time limit: the client was still waiting for a "
                    "reply, and a chat server sends each line to the other clients, not back. "
                    "That is expected here.");
            }
            const QString message = config.message;
            r.effect = [tracer, start, message](const QString &output) {
                static const QRegularExpression reply(QStringLiteral(
                    "^\\[\\+\\] El servidor nos ha respondido con este mensaje: (.*)$"),
                                                      QRegularExpression::MultilineOption);
                const auto [received, sent] = sessionMessages(tracer, start);
                return std::make_pair(exchanged(received, sent),
                                      exchanged({ message }, printedAfter(output, reply)));
            };
        } else if (chat->role() == ChatPanel::ClientRole && !chat->isConnected()
                   && !chat->isConnecting()) {
            // The course's threaded echo server on the port this window's client connects to:
            // start it, then Connect.
            stdlab::chat::python::ServerConfig config;
            const auto client = chat->session()->clientConfig();
            config.udp = client.protocol == stdlab::chat::Protocol::Udp;
            config.udpEcho = config.udp;
            config.mode = stdlab::ServerMode::Echo;
            config.host = QStringLiteral("127.0.0.1");
            config.port = client.port;
            r.code = stdlab::chat::python::serverProgram(config);
            r.comparedWhenStopped = true;
            r.note = QCoreApplication::translate("RunRequests", "A Python echo server for this window's client (port %1): press Connect.")
                         .arg(client.port);
            r.effect = [tracer, start](const QString &output) {
                static const QRegularExpression got(QStringLiteral(
                    "^\\[\\+\\] Mensaje enviado por el cliente[^:]*: (.*)$"),
                                                    QRegularExpression::MultilineOption);
                const auto [received, sent] = sessionMessages(tracer, start);
                const QStringList echoed = printedAfter(output, got);
                return std::make_pair(exchanged(received, sent), exchanged(echoed, echoed));
            };
        } else {
            r.notCompared = QCoreApplication::translate("RunRequests", "Not compared: start the Chat tab's server (then a Python client "
                               "talks to it), or make it a client that is not connected yet "
                               "(then a Python server serves it), to compare what they "
                               "exchange.");
        }
    }
    return r;
}

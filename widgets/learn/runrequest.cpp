#include "learn/runrequest.h"

#include "chat/chatpanel.h"
#include "chat/chatpythoncode.h"
#include "date/datemodel.h"
#include "date/datepanel.h"
#include "files/filespanel.h"
#include "learn/coursedock.h"
#include "mainwindow.h"
#include "pythoncodepane.h"
#include "regex/regexmodel.h"
#include "regex/regexpanel.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QTabWidget>

namespace {

std::optional<QString> dateOutput(const stdlab::date::DateModel &model)
{
    using stdlab::date::DateModel;
    // The rows each section's program prints, one a line (tst_datemodel checks the programs
    // print exactly these); Now ticks and Convert prints a row the panel splits up.
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
        r.expected = dateOutput(*window->datePanel()->model());
    } else if (current == window->filesPanel()) {
        FilesPanel *files = window->filesPanel();
        r.workingDirectory = files->directory();
        if (!files->isInSandbox()) {
            r.question = QCoreApplication::translate(
                             "RunRequests",
                             "This program works on the real folder %1, not in the course's "
                             "sandbox: what it creates, renames or deletes there is real. Run it?")
                             .arg(QDir::toNativeSeparators(files->directory()));
        } else if (const QStringList real = window->courseDock()->sandbox().realPathsIn(
                       r.code, r.workingDirectory);
                   !real.isEmpty()) {
            // Run from the sandbox, but the program names other paths (a copy to a real
            // folder, an absolute path): those are real.
            r.question = QCoreApplication::translate(
                             "RunRequests",
                             "This program runs in the course's sandbox but also names %1, outside "
                             "it: what it creates, renames or deletes there is real. Run it?")
                             .arg(real.join(QStringLiteral(", ")));
        }
    } else if (current == window->chatPanel()) {
        ChatPanel *chat = window->chatPanel();
        r.timeoutMs = 30000;
        if (chat->isServing()) {
            // The course's first client, aimed at this window's server: it talks to the panel.
            stdlab::chat::python::ClientConfig config;
            config.udp = chat->session()->serverConfig().protocol == stdlab::chat::Protocol::Udp;
            config.host = QStringLiteral("127.0.0.1");
            config.port = chat->serverPort();
            config.interactive = false;
            r.code = stdlab::chat::python::clientProgram(config);
            r.timeoutMs = 10000;
            r.note = QCoreApplication::translate(
                         "RunRequests", "A Python client for this window's server (port %1):")
                         .arg(chat->serverPort());
        } else if (chat->role() == ChatPanel::ClientRole && !chat->isConnected()
                   && !chat->isConnecting()) {
            // The course's threaded echo server on the port this window's client connects to:
            // start it, then Connect.
            stdlab::chat::python::ServerConfig config;
            const auto client = chat->session()->clientConfig();
            config.udp = client.protocol == stdlab::chat::Protocol::Udp;
            config.mode = stdlab::ServerMode::Echo;
            config.host = QStringLiteral("127.0.0.1");
            config.port = client.port;
            r.code = stdlab::chat::python::serverProgram(config);
            r.note = QCoreApplication::translate(
                         "RunRequests",
                         "A Python echo server for this window's client (port %1): press Connect.")
                         .arg(client.port);
        }
    }
    return r;
}

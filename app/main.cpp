// stdlab: the GUI (QApplication) or, with a subcommand, a headless tool (QCoreApplication).
#include "appearance.h"
#include "chat/chatpanel.h"
#include "common/cli.h"
#include "date/datecli.h"
#include "files/filescli.h"
#include "files/fspath.h"
#include "learn/lessonlibrary.h"
#include "localization.h"
#include "mainwindow.h"
#include "netcli.h"
#include "regex/railroadview.h"
#include "regex/regexcli.h"
#include "startupprobe.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace {

struct Subcommand
{
    const char *name;
    int (*run)(const QStringList &);
    const char *summary;
};

const Subcommand kSubcommands[] = {
    {"regex", stdlab::runRegexCommand, "Python re functions on a pattern and a text"},
    {"date", stdlab::runDateCommand, "datetime calculator (now, diff, add, format, parse...)"},
    {"files", stdlab::runFilesCommand,
     "os and shutil on the Files engine: ls, size, copy, copytree, move, rm, mkdir, hash..."},
    {"serve", stdlab::runServeCommand, "TCP/UDP servers: greet, echo, chat, room"},
    {"send", stdlab::runSendCommand, "TCP/UDP clients, like nc"},
};

QString subcommandHelp()
{
    QString text = QStringLiteral("\nHeadless commands (no display needed):\n");
    for (const Subcommand &c : kSubcommands) {
        text += QStringLiteral("  stdlab %1 ...").arg(QLatin1String(c.name), -18)
            + QLatin1String(c.summary) + QLatin1Char('\n');
    }
    text += QStringLiteral("Run 'stdlab COMMAND --help' for a command's options.\n");
    return text;
}

QtMessageHandler s_previousHandler = nullptr;

// Without a display Qt aborts with a multi-line fatal message and a core dump; say it in one line.
void messageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtFatalMsg && message.contains(QLatin1String("platform plugin"))) {
        std::fprintf(stderr,
                     "stdlab: cannot start the GUI: no usable display (%s). Run it in a desktop "
                     "session or under xvfb-run, or use a headless command (stdlab --help).\n",
                     qPrintable(message.section(QLatin1Char('\n'), 0, 0)));
        std::fflush(stderr);
        _exit(1);
    }
    s_previousHandler(type, context, message);
}

// The offscreen platform of `stdlab regex railroad` warns of a runtime directory it never uses.
void quietRuntimeDirectory(QtMsgType type, const QMessageLogContext &context,
                           const QString &message)
{
    if (type == QtWarningMsg
        && message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR"))) {
        return;
    }
    s_previousHandler(type, context, message);
}

QStringList argumentsOf(int argc, char **argv)
{
    QStringList args;
    args.reserve(argc);
    for (int i = 0; i < argc; ++i) {
        // As Python's sys.argv: bytes that are not UTF-8 survive (os.fsdecode), so
        // 'stdlab files copy' reaches a file named b'caf\xe9'.
        args << stdlab::files::fsDecode(QByteArray(argv[i]));
    }
    return args;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication::setOrganizationName(QStringLiteral("StdLab"));
    QCoreApplication::setApplicationName(QStringLiteral("stdlab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STDLAB_VERSION));
    const QStringList args = argumentsOf(argc, argv);

    auto installLanguages = [] {
        stdlab::cli::setLanguageInstaller([](const QString &language) {
            return stdlab::installTranslations(QCoreApplication::instance(),
                                               stdlab::chooseLanguage(language));
        });
    };
    // `stdlab regex railroad` paints PNGs, whose text needs QtGui: a QGuiApplication on the
    // offscreen platform (no display needed) unless the caller chose a platform.
    if (args.value(1) == QLatin1String("regex") && args.value(2) == QLatin1String("railroad")) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
            qputenv("QT_QPA_PLATFORM", "offscreen");
        }
        s_previousHandler = qInstallMessageHandler(quietRuntimeDirectory);
        QGuiApplication app(argc, argv);
        installLanguages();
        return stdlab::runRailroadCommand(args.mid(1));
    }

    // Headless subcommands.
    if (args.size() > 1 && !args.at(1).startsWith(QLatin1Char('-'))) {
        for (const Subcommand &c : kSubcommands) {
            if (args.at(1) == QLatin1String(c.name)) {
                QCoreApplication app(argc, argv);
                installLanguages();
                return c.run(args.mid(1));
            }
        }
        std::fprintf(stderr,
                     "stdlab: unknown command '%s'. Commands: regex, date, files, serve, send. "
                     "See 'stdlab --help'.\n",
                     qPrintable(args.at(1)));
        return stdlab::cli::Usage;
    }

    // GUI options, parsed before any QApplication so that --help/--version need no display.
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("StdLab: a lab for Python's standard library (dates, re, files, sockets)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption tabOption(QStringLiteral("tab"),
                                       QStringLiteral("Tab to open: date, regex, files or chat."),
                                       QStringLiteral("tab"));
    const QCommandLineOption langOption(QStringLiteral("lang"),
                                        QStringLiteral("UI language: es or en (default: system)."),
                                        QStringLiteral("lang"));
    const QCommandLineOption serveOption(
        QStringLiteral("serve"),
        QStringLiteral("Chat tab: start a server at launch (tcp:PORT[:MODE] or udp:PORT)."),
        QStringLiteral("spec"));
    const QCommandLineOption connectOption(
        QStringLiteral("connect"),
        QStringLiteral("Chat tab: connect at launch ([tcp:|udp:]HOST:PORT)."),
        QStringLiteral("spec"));
    const QCommandLineOption paletteOption(
        QStringLiteral("palette"),
        QStringLiteral("Colours: dark (a dark palette on the Fusion style) or system (default)."),
        QStringLiteral("name"));
    const QCommandLineOption lessonOption(
        QStringLiteral("lesson"),
        QStringLiteral("Open the Course at a lesson (see --list-lessons)."),
        QStringLiteral("id"));
    const QCommandLineOption listLessonsOption(
        QStringLiteral("list-lessons"),
        QStringLiteral("Print the course's lessons, one a line: ID TITLE (no display needed)."));
    parser.addOptions({tabOption, langOption, paletteOption, serveOption, connectOption,
                       lessonOption, listLessonsOption});
    if (!parser.parse(args)) {
        std::fprintf(stderr, "stdlab: %s\nSee 'stdlab --help'.\n", qPrintable(parser.errorText()));
        return stdlab::cli::Usage;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("stdlab %s (Qt %s)\n", STDLAB_VERSION, qVersion());
        return 0;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        // Without a QCoreApplication (none yet: --help needs no display) Qt writes
        // "Usage: <executable_name>"; the command is called stdlab.
        QString help = parser.helpText();
        help.replace(QLatin1String("<executable_name>"), QLatin1String("stdlab"));
        std::printf("%s%s", qPrintable(help), qPrintable(subcommandHelp()));
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "stdlab: unexpected argument '%s'. See 'stdlab --help'.\n",
                     qPrintable(parser.positionalArguments().first()));
        return stdlab::cli::Usage;
    }
    const QString tab = parser.value(tabOption);
    if (!tab.isEmpty() && MainWindow::tabIndex(tab) < 0) {
        std::fprintf(stderr, "stdlab: unknown tab '%s' (use date, regex, files or chat).\n",
                     qPrintable(tab));
        return stdlab::cli::Usage;
    }
    const QString lang = parser.value(langOption);
    if (!lang.isEmpty() && lang != QLatin1String("es") && lang != QLatin1String("en")) {
        std::fprintf(stderr, "stdlab: unsupported language '%s' (use es or en).\n",
                     qPrintable(lang));
        return stdlab::cli::Usage;
    }
    const QString palette = parser.value(paletteOption);
    if (!palette.isEmpty() && palette != QLatin1String("dark")
        && palette != QLatin1String("system")) {
        std::fprintf(stderr, "stdlab: unknown palette '%s' (use dark or system).\n",
                     qPrintable(palette));
        return stdlab::cli::Usage;
    }
    const auto &course = stdlab::learn::LessonLibrary::course();
    if (parser.isSet(listLessonsOption)) {
        // Headless: the titles are data, in the UI language (--lang, else the system's).
        const QString language = stdlab::chooseLanguage(lang);
        for (const stdlab::learn::Lesson &lesson : course.lessons()) {
            std::printf("%s %s\n", lesson.id.toUtf8().constData(),
                        lesson.title.text(language).toUtf8().constData());
        }
        for (const QString &error : course.errors()) {
            std::fprintf(stderr, "stdlab: lesson %s\n", error.toUtf8().constData());
        }
        return course.errors().isEmpty() ? 0 : 1;
    }
    const QString lessonId = parser.value(lessonOption);
    if (parser.isSet(lessonOption) && !course.find(lessonId)) {
        std::fprintf(stderr, "stdlab: unknown lesson '%s' (stdlab --list-lessons lists them).\n",
                     qPrintable(lessonId));
        return stdlab::cli::Usage;
    }
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        std::fprintf(stderr,
                     "stdlab: cannot start the GUI: no display (DISPLAY and WAYLAND_DISPLAY are "
                     "unset). Run it in a desktop session or under xvfb-run, or use a headless "
                     "command (stdlab --help).\n");
        return 1;
    }

    s_previousHandler = qInstallMessageHandler(messageHandler);
    QApplication app(argc, argv);
    if (palette == QLatin1String("dark")) {
        // Fusion draws with the palette it is given (a platform style may not).
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(stdlab::appearance::darkPalette());
    }
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/stdlab.svg")));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.stdlab.StdLab"));
    stdlab::installTranslations(&app, stdlab::chooseLanguage(lang));

    auto *window = new MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    if (!tab.isEmpty()) {
        window->selectTab(tab);
    }
    if (!lessonId.isEmpty()) {
        window->showLesson(lessonId);
    }
    if (StartupProbe::enabled()) {
        StartupProbe::attach(window);
    }
    window->show();

    // The presets' one line for the script that launched us, from the session's signals:
    // "listening ADDRESS:PORT" once the port is bound, "connected ADDRESS:PORT" once connected;
    // a server that cannot start says why on stderr.
    stdlab::chat::ChatSession *session = window->chatPanel()->session();
    if (parser.isSet(serveOption)) {
        QObject::connect(session, &stdlab::chat::ChatSession::serverStateChanged, window,
                         [session, printed = false](bool listening) mutable {
                             if (listening && !printed) {
                                 printed = true;
                                 std::printf("listening %s\n", qPrintable(session->peer()));
                                 std::fflush(stdout);
                             }
                         });
        QObject::connect(session, &stdlab::chat::ChatSession::errorOccurred, window,
                         [](const stdlab::chat::ChatSession::Error &e) {
                             if (e.code == stdlab::chat::ChatSession::ErrorCode::ListenFailed) {
                                 std::fprintf(stderr, "stdlab: %s\n", qPrintable(e.text));
                             }
                         });
    }
    if (parser.isSet(connectOption)) {
        QObject::connect(session, &stdlab::chat::ChatSession::clientStateChanged, window,
                         [session, printed = false](bool connected) mutable {
                             if (connected && !printed) {
                                 printed = true;
                                 std::printf("connected %s\n", qPrintable(session->peer()));
                                 std::fflush(stdout);
                             }
                         });
    }

    QString error;
    if (parser.isSet(serveOption)) {
        window->selectTab(QStringLiteral("chat"));
        if (!window->chatPanel()->startServerPreset(parser.value(serveOption), &error)) {
            std::fprintf(stderr, "stdlab: %s\n", qPrintable(error));
            delete window;
            return stdlab::cli::Usage;
        }
    }
    if (parser.isSet(connectOption)) {
        window->selectTab(QStringLiteral("chat"));
        if (!window->chatPanel()->connectPreset(parser.value(connectOption), &error)) {
            std::fprintf(stderr, "stdlab: %s\n", qPrintable(error));
            delete window;
            return stdlab::cli::Usage;
        }
    }
    return app.exec();
}

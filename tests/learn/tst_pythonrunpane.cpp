// Run in Python on the code pane, in a real window (offscreen): each tab's program run with
// python3 and compared with the panel, a difference side by side, friendly errors, the time
// limit, Stop, a missing python3, a program touching real files asks first, a Python client
// talking to the Chat tab's server, and the window staying responsive meanwhile.
#include "chat/chatpanel.h"
#include "date/datemodel.h"
#include "date/datepanel.h"
#include "files/filespanel.h"
#include "files/filesprompter.h"
#include "learn/chattracer.h"
#include "learn/coursedock.h"
#include "learn/pythonrunpane.h"
#include "learn/lessonlibrary.h"
#include "learn/lessonstate.h"
#include "learn/runrequest.h"
#include "localization.h"
#include "mainwindow.h"
#include "pythoncodepane.h"
#include "regex/regexmodel.h"
#include "regex/regexpanel.h"

#include <QAction>
#include <QApplication>
#include <QJsonArray>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using Status = stdlab::learn::PythonRunner::Status;

namespace {

/** Answers the Files tab's questions as a learner would, from a script. */
class ScriptedPrompter : public FilesPrompter
{
public:
    QStringList texts;
    std::optional<CopyTarget> copyTarget;

    bool confirm(QWidget *, const QString &, const QString &, const QString &) override
    {
        return true;
    }
    std::optional<QString> askText(QWidget *, const QString &, const QString &,
                                   const QString &) override
    {
        if (texts.isEmpty()) {
            return std::nullopt;
        }
        return texts.takeFirst();
    }
    std::optional<CopyTarget> askCopyTarget(QWidget *, const QString &, const QString &,
                                            bool) override
    {
        return std::exchange(copyTarget, std::nullopt);
    }
    stdlab::files::ConflictResolution askConflict(QWidget *,
                                                  const stdlab::files::ConflictInfo &) override
    {
        stdlab::files::ConflictResolution cancel;
        cancel.action = stdlab::files::ConflictAction::Cancel;
        return cancel;
    }
};

} // namespace

class tst_PythonRunPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void regexProgramPrintsTheSameAsThePanel();
    void datesProgramPrintsTheSameAsThePanel();
    void filesProgramRunsInTheSandbox();
    void filesProgramOutsideTheSandboxAsksFirst();
    void filesProgramNamingARealPathAsksFirst();
    void chatRunsAPythonClientAgainstThisWindowsServer();
    void aChatClientStoppedByTheTimeLimitSaysWhy();
    void chatRunsAPythonServerForThisWindowsClient();
    void aDifferenceIsShownSideBySide();
    void aFileExistsErrorIsExplained();
    void spanishExplanation();
    void timeLimitStopsAServer();
    void stopButtonStopsIt();
    void withoutPython3SaysHowToInstallIt();
    void theWindowKeepsAnsweringWhileItRuns();
    void nowIsComparedWithinTheClocksTolerance();
    void convertIsCompared();
    void filesRunOnACopyOfTheSandboxBeforeTheChange();
    void filesListingIsComparedInAnyOrder();
    void filesInARealFolderSayWhyNotCompared();
    void chatExchangedLinesAreCompared();
    void filesOperationsOfTheCourseRunTheSame();
    void filesPathToolsPrintTheSame();
    void everyLessonRunsInSpanish_data();
    void everyLessonRunsInSpanish();

private:
    void runAndWait(int timeoutMs = 30000);
    /// The next runs take the window's request changed by @p change (a forced difference).
    void tamperWith(std::function<void(RunRequest &)> change);
    QString differenceText() const;
    MainWindow *m_window = nullptr;
    PythonRunPane *m_pane = nullptr;
};

void tst_PythonRunPane::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StdLabTest"));
    // A data folder (sandbox, scratch) and settings of this process's own: other worktrees'
    // runs of this test on the same machine share ~/.qttest, and emptied this one's sandbox.
    QCoreApplication::setApplicationName(
        QStringLiteral("tst_pythonrunpane-%1").arg(QCoreApplication::applicationPid()));
    if (stdlab::learn::PythonRunner::findPython().isEmpty()) {
        QSKIP("python3 is needed");
    }
}

void tst_PythonRunPane::cleanupTestCase()
{
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
    QFile::remove(QSettings().fileName());
}

void tst_PythonRunPane::init()
{
    QSettings().clear();
    QString error;
    QVERIFY2(stdlab::learn::Sandbox().reset(&error), qPrintable(error));
    m_window = new MainWindow;
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    m_pane = m_window->findChild<PythonRunPane *>(QStringLiteral("pythonRunPane"));
    QVERIFY(m_pane);
    m_window->courseDock()->setConfirm([](const QString &) { return true; });
}

void tst_PythonRunPane::cleanup()
{
    stdlab::installTranslations(qApp, QStringLiteral("en"));
    delete m_window;
    QSettings().clear();
}

void tst_PythonRunPane::runAndWait(int timeoutMs)
{
    QSignalSpy finished(m_pane->runner(), &stdlab::learn::PythonRunner::finished);
    m_pane->controls()->findChild<QPushButton *>(QStringLiteral("runPythonButton"))->click();
    QVERIFY(m_pane->runner()->isRunning() || finished.size() == 1);
    if (finished.isEmpty()) {
        QVERIFY(finished.wait(timeoutMs));
    }
}

void tst_PythonRunPane::regexProgramPrintsTheSameAsThePanel()
{
    QVERIFY(m_window->showLesson(QStringLiteral("regex-groups")));
    QVERIFY(m_window->courseDock()->tryIt());
    QTRY_VERIFY(!m_window->regexPanel()->model()->isRunning());
    QVERIFY(m_pane->controls()->isVisible());
    runAndWait();
    QCOMPARE(m_pane->runner()->status(), Status::Finished);
    QCOMPARE(m_pane->output(),
             QStringLiteral("[('soporte', 'hack4u.io'), ('info', 'hack4u.io')]\n"));
    QCOMPARE(m_pane->verdict(), QStringLiteral("✓ Python printed the same as StdLab"));
    QCOMPARE(m_pane->explanation(), QString());

    // sub prints the string and its repr, as the Result pane does.
    QVERIFY(m_window->showLesson(QStringLiteral("regex-sub")));
    QVERIFY(m_window->courseDock()->tryIt());
    QTRY_VERIFY(!m_window->regexPanel()->model()->isRunning());
    runAndWait();
    QCOMPARE(m_pane->verdict(), QStringLiteral("✓ Python printed the same as StdLab"));
}

void tst_PythonRunPane::datesProgramPrintsTheSameAsThePanel()
{
    for (const char *lesson : { "dates-compare", "dates-timedelta", "dates-format" }) {
        QVERIFY(m_window->showLesson(QLatin1String(lesson)));
        QVERIFY(m_window->courseDock()->tryIt());
        runAndWait();
        QCOMPARE(m_pane->runner()->status(), Status::Finished);
        QVERIFY2(
            m_pane->verdict() == QStringLiteral("✓ Python printed the same as StdLab"),
            qPrintable(QLatin1String(lesson) + QStringLiteral(": ") + m_pane->output() + [this] {
                QString t;
                for (const auto &r : m_pane->differenceRows()) {
                    t += QStringLiteral("\n[%1] [%2]").arg(r.first, r.second);
                }
                return t;
            }()));
    }
}

void tst_PythonRunPane::filesProgramRunsInTheSandbox()
{
    QVERIFY(m_window->showLesson(QStringLiteral("files-listdir")));
    QVERIFY(m_window->courseDock()->tryIt());
    bool asked = false;
    m_pane->setConfirm([&asked](const QString &) { return asked = true; });
    runAndWait();
    QVERIFY(!asked);
    QCOMPARE(m_pane->runner()->status(), Status::Finished);
    // The listing of the sandbox, as the Files tab shows it.
    for (const char *name : { "documentos", "fotos", "notas.txt" }) {
        QVERIFY2(m_pane->output().contains(QLatin1String(name)), qPrintable(m_pane->output()));
    }
    // Run on a copy of the sandbox: the listing in any order, and the same files left.
    QCOMPARE(m_pane->verdict(),
             QStringLiteral("✓ Python printed the same as StdLab and left the same files and "
                            "folders"));
}

void tst_PythonRunPane::filesProgramOutsideTheSandboxAsksFirst()
{
    QTemporaryDir real;
    m_window->selectTab(QStringLiteral("files"));
    QVERIFY(m_window->filesPanel()->setDirectory(real.path()));
    QString question;
    m_pane->setConfirm([&question](const QString &q) {
        question = q;
        return false;
    });
    QVERIFY(!m_pane->run());
    QVERIFY(question.contains(real.path()));
    QVERIFY(!m_pane->runner()->isRunning());
    QCOMPARE(m_pane->runner()->status(), Status::Idle);
}

void tst_PythonRunPane::filesProgramNamingARealPathAsksFirst()
{
    // Run from the sandbox, but the program names a path outside it: asked, not run.
    QVERIFY(m_window->showLesson(QStringLiteral("files-mkdir")));
    QVERIFY(m_window->courseDock()->tryIt());
    QVERIFY(m_window->filesPanel()->isInSandbox());
    QString question;
    m_pane->setConfirm([&question](const QString &q) {
        question = q;
        return false;
    });
    m_window->codePane()->setCode(QStringLiteral("import shutil\n\nshutil.rmtree('/home/x')\n"));
    QVERIFY(!m_pane->run());
    QVERIFY2(question.contains(QStringLiteral("/home/x")), qPrintable(question));
    QCOMPARE(m_pane->runner()->status(), Status::Idle);

    // A program that stays in the sandbox runs without a question.
    question.clear();
    m_window->codePane()->setCode(QStringLiteral("import os\n\nos.makedirs('a/b')\n"));
    runAndWait();
    QCOMPARE(question, QString());
    QCOMPARE(m_pane->runner()->status(), Status::Finished);
    // It ran on a copy of the sandbox: the folders it made are there, not in the sandbox,
    // where the Files tab did not make them.
    QVERIFY(!QFileInfo::exists(m_window->courseDock()->sandbox().dir().filePath(QStringLiteral("a"))));
    QVERIFY(m_pane->verdict().startsWith(QStringLiteral("Python and StdLab differ")));
    QVERIFY(m_pane->differenceRows().contains({ QString(), QStringLiteral("a/b/") }));
}

void tst_PythonRunPane::chatRunsAPythonClientAgainstThisWindowsServer()
{
    QVERIFY(m_window->showLesson(QStringLiteral("net-context-send")));
    CourseDock *dock = m_window->courseDock();
    QVERIFY(dock->tryIt());
    ChatPanel *chat = m_window->chatPanel();
    QTRY_VERIFY(chat->isServing() && chat->serverPort() > 0);
    runAndWait();
    QCOMPARE(m_pane->runner()->status(), Status::Finished);
    QVERIFY2(m_pane->output().contains(QStringLiteral("Hola, servidor!")),
             qPrintable(m_pane->output()));
    // The Python client talked to this window: the exercise sees its message.
    QTRY_VERIFY_WITH_TIMEOUT(dock->check(0).passed(), 5000);
    // Compared once the session's last events have reached the window.
    QTRY_VERIFY2(m_pane->verdict() == QStringLiteral("✓ Python and StdLab exchanged the same lines"),
                 qPrintable(differenceText()));
    chat->stopServer();
    QTRY_VERIFY(!chat->isServing());
}

void tst_PythonRunPane::aChatClientStoppedByTheTimeLimitSaysWhy()
{
    // The chat lesson's server passes lines on, never back: its Python client is stopped by
    // the time limit, which must not be explained as a server waiting for clients.
    QVERIFY(m_window->showLesson(QStringLiteral("net-chat")));
    QVERIFY(m_window->courseDock()->tryIt());
    ChatPanel *chat = m_window->chatPanel();
    QTRY_VERIFY(chat->isServing() && chat->serverPort() > 0);
    runAndWait();
    QCOMPARE(m_pane->runner()->status(), Status::TimedOut);
    QCOMPARE(m_pane->status(),
             QStringLiteral("Stopped after 3 s, the time limit: the client was still waiting for "
                            "a reply, and a chat server sends each line to the other clients, not "
                            "back. That is expected here."));
    chat->stopServer();
    QTRY_VERIFY(!chat->isServing());
}

void tst_PythonRunPane::chatRunsAPythonServerForThisWindowsClient()
{
    // A free port, then the client role aimed at it: Run starts the course's echo server there
    // and the window's client connects to it and gets its echo.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    m_window->selectTab(QStringLiteral("chat"));
    ChatPanel *chat = m_window->chatPanel();
    QString error;
    QVERIFY(chat->connectPreset(QStringLiteral("tcp:127.0.0.1:%1").arg(port), &error));
    QTRY_VERIFY_WITH_TIMEOUT(!chat->isConnecting(), 10000); // refused: nothing listens yet
    QVERIFY(!chat->isConnected());
    QVERIFY(m_pane->run());
    QTRY_VERIFY_WITH_TIMEOUT(m_pane->output().contains(QStringLiteral("En espera de conexiones")),
                             15000);
    chat->connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(chat->isConnected(), 10000);
    chat->sendText(QStringLiteral("hola"));
    QTRY_VERIFY_WITH_TIMEOUT(m_pane->output().contains(QStringLiteral("hola")), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        m_window->courseDock()->chatTracer()->trace().size() > 0
            && m_window->courseDock()->chatTracer()->trace().last().kind
                == stdlab::learn::ChatRecord::Kind::Received,
        10000);
    chat->disconnectFromServer();
    QSignalSpy finished(m_pane->runner(), &stdlab::learn::PythonRunner::finished);
    m_pane->stop();
    QVERIFY(finished.wait(5000));
    // What the window's client sent and got back, beside what the Python server printed.
    // Compared once the session's last events have reached the window.
    QTRY_VERIFY2(m_pane->verdict() == QStringLiteral("✓ Python and StdLab exchanged the same lines"),
                 qPrintable(differenceText()));
}

void tst_PythonRunPane::aDifferenceIsShownSideBySide()
{
    m_pane->setRequestProvider([] {
        RunRequest r;
        r.code = QStringLiteral("print('a')\nprint('c')\nprint('d')\n");
        r.workingDirectory = QDir::tempPath();
        r.expected = QStringLiteral("a\nb\n");
        return r;
    });
    runAndWait();
    QCOMPARE(m_pane->verdict(),
             QStringLiteral("Python printed something else than StdLab shows, from line 2 on:"));
    const QList<QPair<QString, QString>> rows { { "a", "a" }, { "b", "c" }, { "", "d" } };
    QCOMPARE(m_pane->differenceRows(), rows);
}

void tst_PythonRunPane::aFileExistsErrorIsExplained()
{
    QTemporaryDir dir;
    m_pane->setRequestProvider([&dir] {
        RunRequest r;
        r.code
            = QStringLiteral("import os\n\nos.mkdir('mi_directorio')\nos.mkdir('mi_directorio')\n");
        r.workingDirectory = dir.path();
        r.expected = QString();
        return r;
    });
    runAndWait();
    QCOMPARE(m_pane->runner()->exitCode(), 1);
    QVERIFY(m_pane->output().contains(
        QStringLiteral("FileExistsError: [Errno 17] File exists: 'mi_directorio'")));
    QVERIFY2(m_pane->explanation().startsWith(
                 QStringLiteral("FileExistsError on line 4. The folder or file is already there")),
             qPrintable(m_pane->explanation()));
    QVERIFY(m_pane->explanation().contains(QStringLiteral("exist_ok=True")));
    QCOMPARE(m_pane->verdict(), QString()); // a failed run is not compared
    QCOMPARE(m_pane->status(), QStringLiteral("Python ended with an error (exit status 1)."));
}

void tst_PythonRunPane::spanishExplanation()
{
    stdlab::installTranslations(qApp, QStringLiteral("es"));
    m_pane->setRequestProvider([] {
        RunRequest r;
        r.code
            = QStringLiteral("import socket\ns = socket.socket()\ns.connect(('127.0.0.1', 9))\n");
        r.workingDirectory = QDir::tempPath();
        return r;
    });
    runAndWait();
    QVERIFY2(m_pane->explanation().startsWith(QStringLiteral(
                 "ConnectionRefusedError en la línea 3. No hay ningún servidor escuchando")),
             qPrintable(m_pane->explanation()));
    QCOMPARE(
        m_pane->controls()->findChild<QPushButton *>(QStringLiteral("runPythonButton"))->text(),
        QStringLiteral("▶ Ejecutar"));
}

void tst_PythonRunPane::timeLimitStopsAServer()
{
    m_pane->setRequestProvider([] {
        RunRequest r;
        r.code = QStringLiteral("import socket\ns = socket.socket()\ns.bind(('127.0.0.1', 0))\n"
                                "s.listen()\nprint('escuchando', flush=True)\ns.accept()\n");
        r.workingDirectory = QDir::tempPath();
        r.timeoutMs = 1000;
        r.expected = QStringLiteral("escuchando\n");
        return r;
    });
    QElapsedTimer t;
    t.start();
    runAndWait();
    QCOMPARE(m_pane->runner()->status(), Status::TimedOut);
    QVERIFY(t.elapsed() >= 1000);
    QCOMPARE(m_pane->output(), QStringLiteral("escuchando\n"));
    QCOMPARE(m_pane->status(),
             QStringLiteral("Stopped after 1 s, the time limit. A server waits "
                            "for clients until it is stopped: that is expected "
                            "for one."));
    QVERIFY(m_pane->controls()
                ->findChild<QPushButton *>(QStringLiteral("runPythonButton"))
                ->isEnabled());
}

void tst_PythonRunPane::stopButtonStopsIt()
{
    m_pane->setRequestProvider([] {
        RunRequest r;
        r.code = QStringLiteral("import time\nprint('empiezo', flush=True)\ntime.sleep(60)\n");
        r.workingDirectory = QDir::tempPath();
        r.timeoutMs = 60000;
        return r;
    });
    QVERIFY(m_pane->run());
    auto *stop = m_pane->controls()->findChild<QPushButton *>(QStringLiteral("stopPythonButton"));
    QVERIFY(stop->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(m_pane->output().contains(QStringLiteral("empiezo")), 15000);
    QSignalSpy finished(m_pane->runner(), &stdlab::learn::PythonRunner::finished);
    stop->click();
    QVERIFY(finished.wait(5000));
    QCOMPARE(m_pane->runner()->status(), Status::Stopped);
    QCOMPARE(m_pane->status(), QStringLiteral("Stopped."));
    QVERIFY(!stop->isEnabled());
}

void tst_PythonRunPane::withoutPython3SaysHowToInstallIt()
{
    QTemporaryDir empty;
    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", empty.path().toLocal8Bit());
    m_window->selectTab(QStringLiteral("regex"));
    const bool started = m_pane->run();
    qputenv("PATH", path);
    QVERIFY(!started);
    QCOMPARE(m_pane->runner()->status(), Status::NotFound);
    QVERIFY(m_pane->status().startsWith(QStringLiteral("python3 was not found on PATH")));
    QVERIFY(m_pane->status().contains(QStringLiteral("sudo apt install python3")));
    QVERIFY(m_pane->controls()
                ->findChild<QPushButton *>(QStringLiteral("runPythonButton"))
                ->isEnabled());
}

void tst_PythonRunPane::theWindowKeepsAnsweringWhileItRuns()
{
    // 50,000 lines as fast as python3 prints them: the GUI thread gets them in batches and a
    // 10 ms timer keeps firing.
    m_pane->setRequestProvider([] {
        RunRequest r;
        r.code = QStringLiteral("for i in range(50000):\n    print('línea', i)\n");
        r.workingDirectory = QDir::tempPath();
        return r;
    });
    QElapsedTimer gap;
    qint64 longest = 0;
    QTimer tick;
    tick.setInterval(10);
    connect(&tick, &QTimer::timeout, this, [&] { longest = qMax(longest, gap.restart()); });
    gap.start();
    tick.start();
    runAndWait(60000);
    tick.stop();
    QCOMPARE(m_pane->runner()->status(), Status::Finished);
    QVERIFY(m_pane->output().endsWith(QStringLiteral("línea 49999\n")));
    QVERIFY2(longest < 500, qPrintable(QString::number(longest)));
}

QString tst_PythonRunPane::differenceText() const
{
    QString t = m_pane->verdict() + QLatin1Char('\n') + m_pane->output();
    for (const auto &r : m_pane->differenceRows()) {
        t += QStringLiteral("\n[%1] [%2]").arg(r.first, r.second);
    }
    return t;
}

void tst_PythonRunPane::tamperWith(std::function<void(RunRequest &)> change)
{
    m_pane->setRequestProvider([this, change] {
        RunRequest r = RunRequests::forWindow(m_window);
        change(r);
        return r;
    });
}

void tst_PythonRunPane::nowIsComparedWithinTheClocksTolerance()
{
    QVERIFY(m_window->showLesson(QStringLiteral("dates-now")));
    QVERIFY(m_window->courseDock()->tryIt());
    runAndWait();
    QCOMPARE(m_pane->runner()->status(), Status::Finished);
    QVERIFY2(m_pane->verdict().startsWith(QStringLiteral(
                 "✓ Python printed the same as StdLab (its times within ")),
             qPrintable(differenceText()));
    QVERIFY(m_pane->verdict().endsWith(
        QStringLiteral(" s of StdLab's: the clock moved on between the two looks)")));

    // StdLab's clock a minute ahead: over the tolerance, line 1 differs; a day of the year that
    // differs is never within it.
    tamperWith([](RunRequest &r) {
        QStringList lines = r.expected->split(QLatin1Char('\n'));
        const QString iso = lines[0];
        lines[0] = QDateTime::fromString(iso, Qt::ISODateWithMs)
                       .addSecs(60)
                       .toString(Qt::ISODateWithMs);
        lines[3] = QStringLiteral("999 ") + lines[3].section(QLatin1Char(' '), 1);
        r.expected = lines.join(QLatin1Char('\n'));
    });
    runAndWait();
    QCOMPARE(m_pane->verdict(),
             QStringLiteral("Python printed something else than StdLab shows, from line 1 on:"));
    const auto rows = m_pane->differenceRows();
    QCOMPARE(rows.size(), 4);
    QVERIFY(rows[3].first.startsWith(QStringLiteral("999 ")));
}

void tst_PythonRunPane::convertIsCompared()
{
    QVERIFY(m_window->showLesson(QStringLiteral("dates-zones")));
    QVERIFY(m_window->courseDock()->tryIt());
    runAndWait();
    QCOMPARE(m_pane->output(), QStringLiteral("2023-06-14T08:06:23-04:00 EDT 1:00:00\n"));
    QCOMPARE(m_pane->verdict(), QStringLiteral("✓ Python printed the same as StdLab"));
    tamperWith([](RunRequest &r) { r.expected->replace(QStringLiteral("EDT"), QStringLiteral("EST")); });
    runAndWait();
    QCOMPARE(m_pane->verdict(),
             QStringLiteral("Python printed something else than StdLab shows, from line 1 on:"));
    const QList<QPair<QString, QString>> rows{ { "2023-06-14T08:06:23-04:00 EST 1:00:00",
                                                 "2023-06-14T08:06:23-04:00 EDT 1:00:00" } };
    QCOMPARE(m_pane->differenceRows(), rows);
}

void tst_PythonRunPane::filesRunOnACopyOfTheSandboxBeforeTheChange()
{
    QVERIFY(m_window->showLesson(QStringLiteral("files-mkdir")));
    CourseDock *dock = m_window->courseDock();
    QVERIFY(dock->tryIt());
    FilesPanel *files = m_window->filesPanel();
    auto prompter = std::make_unique<ScriptedPrompter>();
    prompter->texts = { QStringLiteral("mi_directorio/mi_subdirectorio") };
    files->setPrompter(std::move(prompter));
    files->findChild<QAction *>(QStringLiteral("actionMakeDirs"))->trigger();
    const QDir sandbox = dock->sandbox().dir();
    QVERIFY(QFileInfo(sandbox.filePath(QStringLiteral("mi_directorio/mi_subdirectorio"))).isDir());
    QVERIFY(m_window->codePane()->code().contains(
        QStringLiteral("os.makedirs(\"mi_directorio/mi_subdirectorio\")")));
    // os.makedirs() on a copy of the sandbox as it was before: no FileExistsError, and the
    // copy ends up as the sandbox is.
    runAndWait();
    QCOMPARE(m_pane->runner()->status(), Status::Finished);
    QCOMPARE(m_pane->runner()->exitCode(), 0);
    QCOMPARE(m_pane->verdict(), QStringLiteral("✓ Python left the same files and folders as StdLab"));
    QVERIFY(!QFileInfo::exists(sandbox.filePath(QStringLiteral("mi_directorio/mi_directorio"))));

    // The Files tab showing a file Python did not make: both folders side by side.
    tamperWith([](RunRequest &r) {
        const auto effect = r.effect;
        r.effect = [effect](const QString &printed) {
            auto both = effect(printed);
            both.first += QStringLiteral("\nzz.txt  1 B  'x'");
            return both;
        };
    });
    runAndWait();
    QCOMPARE(m_pane->verdict(), QStringLiteral("Python and StdLab differ, from line 5 on:"));
    const QList<QPair<QString, QString>> rows{
        { "Files and folders:", "Files and folders:" },
        { "mi_archivo.txt  5 B  'Hola\\n'", "mi_archivo.txt  5 B  'Hola\\n'" },
        { "mi_directorio/", "mi_directorio/" },
        { "mi_directorio/mi_subdirectorio/", "mi_directorio/mi_subdirectorio/" },
        { "zz.txt  1 B  'x'", "" }
    };
    QCOMPARE(m_pane->differenceRows(), rows);
}

void tst_PythonRunPane::filesListingIsComparedInAnyOrder()
{
    QVERIFY(m_window->showLesson(QStringLiteral("files-listdir")));
    QVERIFY(m_window->courseDock()->tryIt());
    runAndWait();
    QCOMPARE(m_pane->runner()->status(), Status::Finished);
    QCOMPARE(m_pane->verdict(),
             QStringLiteral("✓ Python printed the same as StdLab and left the same files and "
                            "folders"));
    tamperWith([](RunRequest &r) {
        const auto effect = r.effect;
        r.effect = [effect](const QString &printed) {
            auto both = effect(printed);
            both.first.replace(QStringLiteral("'fotos'"), QStringLiteral("'videos'"));
            return both;
        };
    });
    runAndWait();
    QCOMPARE(m_pane->verdict(), QStringLiteral("Python and StdLab differ, from line 1 on:"));
    QVERIFY(m_pane->differenceRows().first().first.contains(QStringLiteral("'videos'")));
}

void tst_PythonRunPane::filesInARealFolderSayWhyNotCompared()
{
    QTemporaryDir real;
    m_window->selectTab(QStringLiteral("files"));
    QVERIFY(m_window->filesPanel()->setDirectory(real.path()));
    m_pane->setConfirm([](const QString &) { return true; });
    runAndWait();
    QCOMPARE(m_pane->runner()->status(), Status::Finished);
    QVERIFY2(m_pane->verdict().startsWith(
                 QStringLiteral("Not compared: Python ran in the real folder")),
             qPrintable(m_pane->verdict()));
}

void tst_PythonRunPane::chatExchangedLinesAreCompared()
{
    QVERIFY(m_window->showLesson(QStringLiteral("net-first-server")));
    QVERIFY(m_window->courseDock()->tryIt());
    ChatPanel *chat = m_window->chatPanel();
    QTRY_VERIFY(chat->isServing() && chat->serverPort() > 0);
    runAndWait();
    QCOMPARE(m_pane->runner()->status(), Status::Finished);
    // Compared once the session's last events have reached the window.
    QTRY_VERIFY2(m_pane->verdict() == QStringLiteral("✓ Python and StdLab exchanged the same lines"),
                 qPrintable(differenceText()));
    // The server's greeting tampered with: the line it sent differs from what Python printed.
    tamperWith([](RunRequest &r) {
        const auto effect = r.effect;
        r.effect = [effect](const QString &printed) {
            auto both = effect(printed);
            both.first.replace(QStringLiteral("crack"), QStringLiteral("amigo"));
            return both;
        };
    });
    runAndWait();
    QTRY_COMPARE(m_pane->verdict(),
                 QStringLiteral("Python and StdLab exchanged different lines, from line 2 on:"));
    const QList<QPair<QString, QString>> rows{
        { "Python → StdLab: Hola, servidor!", "Python → StdLab: Hola, servidor!" },
        { "StdLab → Python: Un saludo amigo!", "StdLab → Python: Un saludo crack!" }
    };
    QCOMPARE(m_pane->differenceRows(), rows);
    chat->stopServer();
    QTRY_VERIFY(!chat->isServing());
}

void tst_PythonRunPane::filesOperationsOfTheCourseRunTheSame()
{
    // The files lessons' operations done in the Files tab, each followed by Run: Python runs
    // on a copy of the sandbox from before that operation and leaves what the tab left. A job
    // (Copy To, in the background) then a rename: the copy from before the rename includes
    // the job's result (seen by the file system watcher).
    QVERIFY(m_window->showLesson(QStringLiteral("files-copy-move")));
    CourseDock *dock = m_window->courseDock();
    QVERIFY(dock->tryIt());
    FilesPanel *files = m_window->filesPanel();
    auto owned = std::make_unique<ScriptedPrompter>();
    ScriptedPrompter *prompter = owned.get();
    files->setPrompter(std::move(owned));
    const QDir sandbox = dock->sandbox().dir();
    // Once the listing has it (it loads in the background).
    auto select = [files, &sandbox](const QString &name) {
        QTRY_VERIFY_WITH_TIMEOUT((files->selectNames({ name }),
                                  files->selectedPaths() == QStringList{ sandbox.filePath(name) }),
                                 10000);
    };
    auto act = [files](const char *name) {
        files->findChild<QAction *>(QLatin1String(name))->trigger();
    };
    auto runIsTheSame = [this](const QString &verdict) {
        runAndWait();
        QCOMPARE(m_pane->runner()->exitCode(), 0);
        QVERIFY2(m_pane->verdict() == verdict, qPrintable(differenceText()));
    };

    select(QStringLiteral("notas.txt"));
    act("actionGetsize");
    QCOMPARE(files->message(), QStringLiteral("os.path.getsize('notas.txt') → 6"));
    runIsTheSame(QStringLiteral("✓ Python printed the same as StdLab and left the same files and "
                                "folders"));
    if (QTest::currentTestFailed()) {
        return;
    }
    QCOMPARE(m_pane->output(), QStringLiteral("6\n"));

    prompter->copyTarget = CopyTarget{ QStringLiteral("archivo") };
    act("actionCopyTo");
    QTRY_VERIFY(QFileInfo::exists(sandbox.filePath(QStringLiteral("archivo/notas.txt"))));
    QTest::qWait(400); // a learner reads the result before the next step
    select(QStringLiteral("notas.txt"));
    prompter->texts = { QStringLiteral("notas_viejas.txt") };
    act("actionRename");
    QVERIFY2(QFileInfo::exists(sandbox.filePath(QStringLiteral("notas_viejas.txt"))),
             qPrintable(files->message()));
    QVERIFY(m_window->codePane()->code().contains(QStringLiteral("os.rename(")));
    runIsTheSame(QStringLiteral("✓ Python left the same files and folders as StdLab"));
    if (QTest::currentTestFailed()) {
        return;
    }

    select(QStringLiteral("notas_viejas.txt"));
    act("actionRemove"); // asks first: the scripted learner says yes
    QVERIFY(!QFileInfo::exists(sandbox.filePath(QStringLiteral("notas_viejas.txt"))));
    runIsTheSame(QStringLiteral("✓ Python left the same files and folders as StdLab"));
    if (QTest::currentTestFailed()) {
        return;
    }
}

void tst_PythonRunPane::filesPathToolsPrintTheSame()
{
    // The path tools' values (the comments of their print lines) against what Python prints
    // on the copy: abspath() names the sandbox, not the copy standing for it.
    QVERIFY(m_window->showLesson(QStringLiteral("files-ospath")));
    QVERIFY(m_window->courseDock()->tryIt());
    auto *path = m_window->filesPanel()->findChild<QLineEdit *>(QStringLiteral("pathToolsPath"));
    QVERIFY(path);
    path->setText(QStringLiteral("mi_directorio/../notas.txt"));
    QTRY_VERIFY(m_window->codePane()->code().contains(QStringLiteral("print(os.path.abspath(p))")));
    runAndWait();
    QCOMPARE(m_pane->runner()->exitCode(), 0);
    QVERIFY2(m_pane->verdict()
                 == QStringLiteral("✓ Python printed the same as StdLab and left the same files "
                                   "and folders"),
             qPrintable(differenceText()));
    // The output is what Python printed: the copy's path (the note says it runs on a copy).
    QVERIFY(m_pane->output().contains(QStringLiteral("/scratch/sandbox-run/notas.txt")));
}

void tst_PythonRunPane::everyLessonRunsInSpanish_data()
{
    QTest::addColumn<QString>("id");
    for (const stdlab::learn::Lesson &lesson : stdlab::learn::LessonLibrary::course().lessons()) {
        QTest::newRow(qPrintable(lesson.id)) << lesson.id;
    }
}

void tst_PythonRunPane::everyLessonRunsInSpanish()
{
    // The course walked as a Spanish learner walks it: Try it, then Run; Python must print
    // what the tab shows (or exchange the same lines, or leave the same files), and nothing
    // said may be left in English.
    QFETCH(QString, id);
    stdlab::installTranslations(qApp, QStringLiteral("es"));
    const stdlab::learn::Lesson &lesson = *stdlab::learn::LessonLibrary::course().find(id);
    QVERIFY(m_window->showLesson(id));
    QVERIFY(m_window->courseDock()->tryIt());
    if (lesson.tab == QLatin1String("chat")) {
        QTRY_VERIFY(m_window->chatPanel()->isServing() && m_window->chatPanel()->serverPort() > 0);
    }
    if (lesson.tab == QLatin1String("regex")) {
        QTRY_VERIFY(!m_window->regexPanel()->model()->isRunning());
    }
    // Each exercise checked in the Try-it state: not solved yet, and said in Spanish.
    CourseDock *dock = m_window->courseDock();
    for (int i = 0; i < lesson.exercises.size(); ++i) {
        QVERIFY2(!dock->check(i).passed(), qPrintable(lesson.exercises[i].id));
        const QString spanish = dock->resultText(i);
        stdlab::installTranslations(qApp, QStringLiteral("en"));
        dock->check(i);
        QVERIFY2(dock->resultText(i) != spanish, qPrintable(spanish));
        stdlab::installTranslations(qApp, QStringLiteral("es"));
    }
    runAndWait();
    QTRY_VERIFY2(m_pane->verdict().startsWith(QStringLiteral("✓ Python")),
                 qPrintable(m_pane->status() + QLatin1Char('\n') + differenceText() + QLatin1Char('\n')
                            + m_pane->explanation()));
    QCOMPARE(m_pane->explanation(), QString());
    QVERIFY2(m_pane->verdict().contains(QStringLiteral("imprimió lo mismo"))
                 || m_pane->verdict().contains(QStringLiteral("intercambiaron"))
                 || m_pane->verdict().contains(QStringLiteral("dejó los mismos")),
             qPrintable(m_pane->verdict()));
    // Then each exercise's right answer, given through the tab: solved, said in Spanish.
    for (int i = 0; i < lesson.exercises.size(); ++i) {
        const stdlab::learn::Exercise &e = lesson.exercises[i];
        const QJsonValue answer = e.spec.value(QStringLiteral("answer"));
        switch (e.kind) {
        case stdlab::learn::CheckKind::Regex: {
            RegexPanel::Example example;
            example.pattern = answer.toObject().value(QStringLiteral("pattern")).toString();
            example.replacement = answer.toObject().value(QStringLiteral("replacement")).toString();
            example.function = e.spec.value(QStringLiteral("function")).toString();
            example.text = QStringLiteral("x");
            m_window->regexPanel()->showExample(example);
            break;
        }
        case stdlab::learn::CheckKind::Date:
            QVERIFY(stdlab::learn::applyDateState(answer.toObject(),
                                                  *m_window->datePanel()->model()));
            m_window->datePanel()->syncFromModel();
            break;
        case stdlab::learn::CheckKind::Files:
            QVERIFY(stdlab::learn::applyFileOps(answer.toArray(), dock->sandbox().dir()));
            break;
        case stdlab::learn::CheckKind::Chat:
            continue; // a real client's lines: chatGreetingIsCheckedOnARealConnection
        }
        QVERIFY2(dock->check(i).passed(), qPrintable(e.id + QStringLiteral(": ") + dock->resultText(i)));
        QVERIFY2(dock->resultText(i).startsWith(QStringLiteral("✓ ")), qPrintable(dock->resultText(i)));
        QVERIFY2(!dock->resultText(i).contains(QStringLiteral("Well done")),
                 qPrintable(dock->resultText(i)));
    }
    if (lesson.tab == QLatin1String("chat")) {
        m_window->chatPanel()->stopServer();
        QTRY_VERIFY(!m_window->chatPanel()->isServing());
    }
}

QTEST_MAIN(tst_PythonRunPane)
#include "tst_pythonrunpane.moc"

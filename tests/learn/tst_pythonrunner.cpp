// PythonRunner: python3 as an asynchronous child with a time limit, Stop, no process left
// behind, a missing python3; and the helpers that read its traceback and compare its output.
#include "learn/pythonrunner.h"

#include <QDir>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace stdlab::learn;
using Status = PythonRunner::Status;

namespace {

/// Runs @p code to its end (or @p timeoutMs of limit) and returns the runner's status.
Status runToEnd(PythonRunner &runner, const QString &code, const QString &dir = QDir::tempPath(),
                int timeoutMs = 20000)
{
    QSignalSpy finished(&runner, &PythonRunner::finished);
    if (!runner.start(code, dir, timeoutMs)) {
        return runner.status();
    }
    if (!finished.wait(timeoutMs + 10000)) {
        return Status::Running;
    }
    return runner.status();
}

bool processExists(qint64 pid)
{
    // A zombie has exited already: only its entry is left until its parent reaps it.
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly)) {
        return false;
    }
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close > 0 && line.mid(close + 2, 1) != "Z";
}

} // namespace

class tst_PythonRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void stdoutAndStderrApart();
    void runsInTheWorkingFolder();
    void exitStatusOfAFailedProgram();
    void outputStreamsWhileItRuns();
    void utf8CutBetweenReadsStaysWhole();
    void timeLimitEndsIt();
    void stopEndsItAndWhatItStarted();
    void destroyingTheRunnerLeavesNoProcess();
    void missingPython3IsNotFound();
    void lastExceptionOfATraceback_data();
    void lastExceptionOfATraceback();
    void classifiesTheCoursesErrors_data();
    void classifiesTheCoursesErrors();
    void compareOutputFindsTheFirstDifference();
    void compareOutputWithRoomForTheClockAndListOrder();
};

void tst_PythonRunner::initTestCase()
{
    if (PythonRunner::findPython().isEmpty()) {
        QSKIP("python3 is needed");
    }
}

void tst_PythonRunner::stdoutAndStderrApart()
{
    PythonRunner runner;
    QCOMPARE(runToEnd(runner,
                      QStringLiteral("import sys\nprint('hola')\nprint('mal', file=sys.stderr)\n")),
             Status::Finished);
    QCOMPARE(runner.exitCode(), 0);
    QCOMPARE(runner.standardOutput(), QStringLiteral("hola\n"));
    QCOMPARE(runner.standardError(), QStringLiteral("mal\n"));
}

void tst_PythonRunner::runsInTheWorkingFolder()
{
    QTemporaryDir dir;
    PythonRunner runner;
    QCOMPARE(runToEnd(runner,
                      QStringLiteral("import os\nprint(os.getcwd())\nprint(os.listdir())\n"),
                      dir.path()),
             Status::Finished);
    // The program's own file is not in the folder it runs in.
    QCOMPARE(runner.standardOutput(),
             QFileInfo(dir.path()).canonicalFilePath() + QStringLiteral("\n[]\n"));
}

void tst_PythonRunner::exitStatusOfAFailedProgram()
{
    PythonRunner runner;
    QCOMPARE(runToEnd(runner, QStringLiteral("import os\nos.mkdir('.')\n")), Status::Finished);
    QCOMPARE(runner.exitCode(), 1);
    QVERIFY(runner.standardError().endsWith(
        QStringLiteral("FileExistsError: [Errno 17] File exists: '.'\n")));
}

void tst_PythonRunner::outputStreamsWhileItRuns()
{
    PythonRunner runner;
    QString seen;
    bool runningWhenSeen = false;
    connect(&runner, &PythonRunner::outputAdded, this, [&](const QString &text, bool isError) {
        QVERIFY(!isError);
        seen += text;
        if (seen.contains(QLatin1String("uno"))) {
            runningWhenSeen = runningWhenSeen || runner.isRunning();
        }
    });
    QCOMPARE(runToEnd(runner,
                      QStringLiteral("import time\nprint('uno')\ntime.sleep(1.5)\nprint('dos')\n")),
             Status::Finished);
    QVERIFY(runningWhenSeen);
    QCOMPARE(seen, QStringLiteral("uno\ndos\n"));
}

void tst_PythonRunner::utf8CutBetweenReadsStaysWhole()
{
    PythonRunner runner;
    QString seen;
    connect(&runner, &PythonRunner::outputAdded, this,
            [&](const QString &text, bool) { seen += text; });
    QCOMPARE(runToEnd(runner,
                      QStringLiteral("import sys\nfor i in range(3000):\n    "
                                     "sys.stdout.write('ñ€😀')\n    sys.stdout.flush()\n")),
             Status::Finished);
    QCOMPARE(seen, QStringLiteral("ñ€😀").repeated(3000));
    QCOMPARE(runner.standardOutput(), seen);
}

void tst_PythonRunner::timeLimitEndsIt()
{
    PythonRunner runner;
    QElapsedTimer t;
    t.start();
    QCOMPARE(runToEnd(runner, QStringLiteral("import time\nwhile True:\n    time.sleep(0.05)\n"),
                      QDir::tempPath(), 700),
             Status::TimedOut);
    QVERIFY(t.elapsed() >= 700);
    QVERIFY2(t.elapsed() < 8000, qPrintable(QString::number(t.elapsed())));
    QVERIFY(!runner.isRunning());
}

void tst_PythonRunner::stopEndsItAndWhatItStarted()
{
    // The program starts a child of its own (a `sleep`) and ignores SIGTERM: Stop still ends
    // both, through the process group and SIGKILL.
    PythonRunner runner;
    QSignalSpy finished(&runner, &PythonRunner::finished);
    QVERIFY(runner.start(QStringLiteral("import signal, subprocess, time\n"
                                        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
                                        "p = subprocess.Popen(['sleep', '60'])\n"
                                        "print(p.pid, flush=True)\n"
                                        "time.sleep(60)\n"),
                         QDir::tempPath(), 60000));
    QTRY_VERIFY_WITH_TIMEOUT(runner.standardOutput().endsWith(QLatin1Char('\n')), 15000);
    const qint64 child = runner.standardOutput().trimmed().toLongLong();
    QVERIFY(child > 0);
    QVERIFY(processExists(child));
    runner.stop();
    QVERIFY(finished.wait(10000));
    QCOMPARE(runner.status(), Status::Stopped);
    QTRY_VERIFY_WITH_TIMEOUT(!processExists(child), 5000);
}

void tst_PythonRunner::destroyingTheRunnerLeavesNoProcess()
{
    qint64 pid = 0;
    {
        PythonRunner runner;
        QVERIFY(runner.start(
            QStringLiteral("import os, time\nprint(os.getpid(), flush=True)\ntime.sleep(60)\n"),
            QDir::tempPath(), 60000));
        QTRY_VERIFY_WITH_TIMEOUT(runner.standardOutput().endsWith(QLatin1Char('\n')), 15000);
        pid = runner.standardOutput().trimmed().toLongLong();
        QVERIFY(processExists(pid));
    }
    QTRY_VERIFY_WITH_TIMEOUT(!processExists(pid), 5000);
}

void tst_PythonRunner::missingPython3IsNotFound()
{
    QTemporaryDir empty;
    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", empty.path().toLocal8Bit());
    PythonRunner runner;
    QSignalSpy finished(&runner, &PythonRunner::finished);
    const bool started = runner.start(QStringLiteral("print(1)\n"), QDir::tempPath());
    qputenv("PATH", path);
    QVERIFY(!started);
    QCOMPARE(runner.status(), Status::NotFound);
    QCOMPARE(finished.size(), 1);
}

void tst_PythonRunner::lastExceptionOfATraceback_data()
{
    QTest::addColumn<QString>("traceback");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::newRow("FileExistsError")
        << "Traceback (most recent call last):\n  File \"/tmp/x/programa.py\", line 4, in "
           "<module>\n"
           "    os.mkdir(\"a\")\nFileExistsError: [Errno 17] File exists: 'a'\n"
        << "FileExistsError"
        << "[Errno 17] File exists: 'a'" << 4;
    QTest::newRow("re.error from inside re")
        << "Traceback (most recent call last):\n  File \"/tmp/x/programa.py\", line 2, in "
           "<module>\n"
           "  File \"/usr/lib/python3.11/re/__init__.py\", line 216, in findall\n"
           "re.error: missing ), unterminated subpattern at position 0\n"
        << "re.error"
        << "missing ), unterminated subpattern at position 0" << 2;
    QTest::newRow("no message") << "Traceback...\nKeyboardInterrupt\n"
                                << "KeyboardInterrupt"
                                << "" << 0;
    QTest::newRow("not a traceback") << "just a warning line\n"
                                     << ""
                                     << "" << 0;
}

void tst_PythonRunner::lastExceptionOfATraceback()
{
    QFETCH(QString, traceback);
    QFETCH(QString, type);
    QFETCH(QString, message);
    QFETCH(int, line);
    const auto e = lastException(traceback);
    QCOMPARE(e.has_value(), !type.isEmpty());
    if (e) {
        QCOMPARE(e->type, type);
        QCOMPARE(e->message, message);
        QCOMPARE(e->line, line);
    }
}

void tst_PythonRunner::classifiesTheCoursesErrors_data()
{
    // Each error as python3 itself raises it from the course's programs.
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("error");
    QTest::newRow("mkdir twice") << "import os\nos.mkdir('d')\nos.mkdir('d')"
                                 << int(CommonError::FileExists);
    QTest::newRow("remove a missing file")
        << "import os\nos.remove('nada.txt')" << int(CommonError::FileNotFound);
    QTest::newRow("rmdir a full folder")
        << "import os\nos.makedirs('a/b')\nos.rmdir('a')" << int(CommonError::DirectoryNotEmpty);
    QTest::newRow("remove a folder")
        << "import os\nos.mkdir('d')\nos.remove('d')" << int(CommonError::IsADirectory);
    QTest::newRow("nobody listening")
        << "import socket\ns = socket.socket()\ns.connect(('127.0.0.1', 9))"
        << int(CommonError::ConnectionRefused);
    QTest::newRow("port taken")
        << "import socket\na = socket.socket()\na.bind(('127.0.0.1', 0))\na.listen()\n"
           "b = socket.socket()\nb.bind(a.getsockname())"
        << int(CommonError::AddressInUse);
    QTest::newRow("bad pattern") << "import re\nre.findall('(a', 'a')"
                                 << int(CommonError::RegexError);
    QTest::newRow("strptime mismatch")
        << "import datetime\ndatetime.datetime.strptime('14-06-2023', '%d/%m/%Y')"
        << int(CommonError::DateFormatMismatch);
    QTest::newRow("31 June") << "import datetime\ndatetime.date(2023, 6, 31)"
                             << int(CommonError::DateOutOfRange);
    QTest::newRow("unknown zone") << "import zoneinfo\nzoneinfo.ZoneInfo('Europe/Madri')"
                                  << int(CommonError::UnknownZone);
    QTest::newRow("naive and aware")
        << "import datetime\nnaive = datetime.datetime(2023, 1, 1)\n"
           "aware = datetime.datetime(2023, 1, 1, tzinfo=datetime.timezone.utc)\nnaive < aware"
        << int(CommonError::NaiveAware);
    QTest::newRow("input without stdin") << "input()" << int(CommonError::EndOfInput);
    QTest::newRow("syntax") << "print('a'" << int(CommonError::Syntax);
    QTest::newRow("a typo") << "pritn('a')" << int(CommonError::Name);
    QTest::newRow("a module not installed") << "import dateutil_stdlab_nonexistent"
                                            << int(CommonError::MissingModule);
}

void tst_PythonRunner::classifiesTheCoursesErrors()
{
    QFETCH(QString, code);
    QFETCH(int, error);
    QTemporaryDir dir;
    PythonRunner runner;
    QCOMPARE(runToEnd(runner, code, dir.path()), Status::Finished);
    QCOMPARE(runner.exitCode(), 1);
    const auto e = lastException(runner.standardError());
    QVERIFY2(e, qPrintable(runner.standardError()));
    QCOMPARE(int(classify(*e)), error);
}

void tst_PythonRunner::compareOutputFindsTheFirstDifference()
{
    QVERIFY(compareOutput(QStringLiteral("a\nb\n"), QStringLiteral("a\nb\n")).same);
    OutputComparison c = compareOutput(QStringLiteral("a\nb\n"), QStringLiteral("a\nc\nd\n"));
    QVERIFY(!c.same);
    QCOMPARE(c.firstDifference, 1);
    QCOMPARE(c.actual, (QStringList { "a", "c", "d" }));
    c = compareOutput(QStringLiteral("a\nb\n"), QStringLiteral("a\n"));
    QCOMPARE(c.firstDifference, 1);
    QVERIFY(!compareOutput(QStringLiteral("a\n"), QStringLiteral("a \n")).same);
}

void tst_PythonRunner::compareOutputWithRoomForTheClockAndListOrder()
{
    const QString stdlab = QStringLiteral("2026-12-07T05:42:33.250+01:00 CET\n341 1796618553.25\n");
    const QString python
        = QStringLiteral("2026-12-07T05:42:34.912345+01:00 CET\n341 1796618554.912345\n");
    QVERIFY(!compareOutput(stdlab, python).same);
    CompareOptions clock;
    clock.clockTolerance = 2;
    QVERIFY(compareOutput(stdlab, python, clock).same);
    clock.clockTolerance = 1;
    OutputComparison c = compareOutput(stdlab, python, clock);
    QCOMPARE(c.firstDifference, 0);
    QCOMPARE(c.differs, QList<bool>({ true, true }));
    clock.clockTolerance = 60;
    // Another UTC offset, another zone name or another day of the year is never the same.
    QVERIFY(!compareOutput(QStringLiteral("2026-12-07T05:42:33+01:00\n"),
                           QStringLiteral("2026-12-07T05:42:33+02:00\n"), clock)
                 .same);
    QVERIFY(!compareOutput(QStringLiteral("x CET\n"), QStringLiteral("x CEST\n"), clock).same);
    QVERIFY(!compareOutput(QStringLiteral("341 1.5\n"), QStringLiteral("342 1.5\n"), clock).same);

    CompareOptions lists;
    lists.unorderedLists = true;
    QVERIFY(compareOutput(QStringLiteral("['a', 'b c', \"d'\"]\n"),
                          QStringLiteral("[\"d'\", 'a', 'b c']\n"), lists)
                .same);
    QVERIFY(!compareOutput(QStringLiteral("['a', 'b']\n"), QStringLiteral("['b', 'a']\n")).same);
    QVERIFY(!compareOutput(QStringLiteral("['a', 'b']\n"), QStringLiteral("['a', 'c']\n"), lists)
                 .same);
    QVERIFY(!compareOutput(QStringLiteral("[1, 'a']\n"), QStringLiteral("['a', 1]\n"), lists)
                 .same);
}

QTEST_GUILESS_MAIN(tst_PythonRunner)
#include "tst_pythonrunner.moc"

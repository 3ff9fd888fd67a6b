// The command-line dispatcher, run as a process: help, version, errors and exit codes.
#include "stdlabprocess.h"

#include <QtTest>

class tst_Cli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void versionNeedsNoDisplay();
    void helpListsSubcommands();
    void unknownSubcommandExitsTwo();
    void unknownOptionExitsTwo_data();
    void unknownOptionExitsTwo();
    void subcommandHelp_data();
    void subcommandHelp();
    void badTabOrLanguage_data();
    void badTabOrLanguage();
    void guiWithoutDisplayExplainsInOneLine();
};

static QProcessEnvironment headlessEnv()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    return env;
}

void tst_Cli::initTestCase()
{
    QVERIFY2(QFile::exists(stdlabBinary()), qPrintable(stdlabBinary()));
}

void tst_Cli::versionNeedsNoDisplay()
{
    const ProcessResult r = runProcess({QStringLiteral("--version")}, {}, 30000, stdlabBinary(),
                                       headlessEnv());
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith("stdlab " STDLAB_VERSION));
    QVERIFY(r.err.isEmpty());
}

void tst_Cli::helpListsSubcommands()
{
    const ProcessResult r = runProcess({QStringLiteral("--help")}, {}, 30000, stdlabBinary(),
                                       headlessEnv());
    QCOMPARE(r.exitCode, 0);
    // The usage line names the command (Qt says "<executable_name>" before a QCoreApplication).
    QVERIFY2(r.out.startsWith("Usage: stdlab [options]\n"), r.out.left(80).constData());
    QVERIFY(!r.out.contains("<executable_name>"));
    for (const char *word : {"--tab", "--lang", "stdlab regex", "stdlab date", "stdlab serve",
                             "stdlab send"}) {
        QVERIFY2(r.out.contains(word), word);
    }
}

void tst_Cli::unknownSubcommandExitsTwo()
{
    const ProcessResult r = runStdlab({QStringLiteral("frobnicate")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.contains("unknown command 'frobnicate'"), r.err.constData());
    QCOMPARE(r.err.count('\n'), 1);
}

void tst_Cli::unknownOptionExitsTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("gui option") << QStringList{"--bogus"} << QByteArray("Unknown option 'bogus'");
    QTest::newRow("date option") << QStringList{"date", "--bogus"}
                                 << QByteArray("stdlab date: Unknown option 'bogus'");
    QTest::newRow("regex option") << QStringList{"regex", "--bogus"}
                                  << QByteArray("stdlab regex: Unknown option 'bogus'");
    QTest::newRow("serve option") << QStringList{"serve", "--bogus"}
                                  << QByteArray("stdlab serve: Unknown option 'bogus'");
    QTest::newRow("send option") << QStringList{"send", "--bogus"}
                                 << QByteArray("stdlab send: Unknown option 'bogus'");
    QTest::newRow("gui positional") << QStringList{"--tab", "date", "extra"}
                                    << QByteArray("unexpected argument 'extra'");
}

void tst_Cli::unknownOptionExitsTwo()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, expected);
    const ProcessResult r = runProcess(args, {}, 30000, stdlabBinary(), headlessEnv());
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(expected), r.err.constData());
}

void tst_Cli::subcommandHelp_data()
{
    QTest::addColumn<QString>("command");
    for (const char *c : {"regex", "date", "serve", "send"}) {
        QTest::newRow(c) << QString::fromLatin1(c);
    }
}

void tst_Cli::subcommandHelp()
{
    QFETCH(QString, command);
    const ProcessResult r = runProcess({command, QStringLiteral("--help")}, {}, 30000,
                                       stdlabBinary(), headlessEnv());
    QCOMPARE(r.exitCode, 0);
    const QByteArray prefix = "Usage: stdlab " + command.toUtf8() + ' ';
    QVERIFY2(r.out.startsWith(prefix), r.out.constData());
}

void tst_Cli::badTabOrLanguage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("tab") << QStringList{"--tab", "nope"} << QByteArray("unknown tab 'nope'");
    QTest::newRow("lang") << QStringList{"--lang", "fr"}
                          << QByteArray("unsupported language 'fr'");
}

void tst_Cli::badTabOrLanguage()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, expected);
    const ProcessResult r = runProcess(args, {}, 30000, stdlabBinary(), headlessEnv());
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(expected), r.err.constData());
}

void tst_Cli::guiWithoutDisplayExplainsInOneLine()
{
    ProcessResult r = runProcess({}, {}, 30000, stdlabBinary(), headlessEnv());
    QCOMPARE(r.exitCode, 1);
    QVERIFY(!r.crashed);
    QVERIFY2(r.err.contains("cannot start the GUI: no display"), r.err.constData());
    QCOMPARE(r.err.count('\n'), 1);

    // A display that is set but unreachable: Qt's fatal error becomes one line, no core dump.
    QProcessEnvironment env = headlessEnv();
    env.insert(QStringLiteral("DISPLAY"), QStringLiteral(":4242"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    r = runProcess({}, {}, 30000, stdlabBinary(), env);
    QCOMPARE(r.exitCode, 1);
    QVERIFY(!r.crashed);
    QVERIFY2(r.err.contains("cannot start the GUI: no usable display"), r.err.constData());
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"

// Each checker with a right and a wrong answer, and what a failure reports (which sample, why).
#include "date/datemodel.h"
#include "learn/exercisecheck.h"
#include "learn/lessonlibrary.h"
#include "learn/lessonstate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace stdlab::learn;
using Problem = CheckResult::Problem;

namespace {

const Exercise &exercise(const char *lesson, const char *id)
{
    return *LessonLibrary::course().find(QLatin1String(lesson))->exercise(QLatin1String(id));
}

RegexAnswer pattern(const QString &p, const QString &replacement = QString())
{
    RegexAnswer a;
    a.pattern = p;
    a.replacement = replacement;
    return a;
}

Exercise exerciseFrom(const char *json)
{
    Exercise e;
    e.spec = QJsonDocument::fromJson(json).object();
    return e;
}

} // namespace

class tst_ExerciseCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void regexDatesRightAnswerPasses();
    void regexNaiveDatesFailOnTheFiveDigitYear();
    void regexShortDayFailsOnOneDigitDates();
    void regexPatternErrorIsReported();
    void regexEmptyPatternIsNotChecked();
    void regexSubUsesTheReplacement();
    void regexSampleValues_data();
    void regexSampleValues();
    void dateRightAndWrong();
    void dateZoneAcceptsWhatPeopleType();
    void dateWrongSection();
    void filesRightAndWrong();
    void filesFolderWhereAFileIsWanted();
    void filesContentMustMatch();
    void chatGreetingRightAndWrong();
    void chatNeedsTheRightProtocol();
    void sandboxResetEmptiesAndContains();
    void realPathsInAProgram_data();
    void realPathsInAProgram();
    void unsafePathsAreRefused();
};

void tst_ExerciseCheck::regexDatesRightAnswerPasses()
{
    const CheckResult r = checkRegex(exercise("regex-pattern", "ddmmyyyy"),
                                     pattern(QStringLiteral(R"(\b\d{2}/\d{2}/\d{4}\b)")));
    QVERIFY(r.passed());
    QCOMPARE(r.failed, 0);
    QCOMPARE(r.total, 5);
}

void tst_ExerciseCheck::regexNaiveDatesFailOnTheFiveDigitYear()
{
    const CheckResult r = checkRegex(exercise("regex-pattern", "ddmmyyyy"),
                                     pattern(QStringLiteral(R"(\d{2}/\d{2}/\d{4})")));
    QCOMPARE(r.problem, Problem::SampleMismatch);
    QCOMPARE(r.subject, QStringLiteral("Pedido 12/10/20234"));
    QCOMPARE(r.expected, QStringLiteral("[]"));
    QCOMPARE(r.actual, QStringLiteral("['12/10/2023']"));
    QVERIFY(r.why.text(QStringLiteral("es")).contains(QStringLiteral("cinco cifras")));
    QVERIFY(r.why.text(QStringLiteral("en")).contains(QStringLiteral("five-digit")));
    QCOMPARE(r.failed, 2); // and 112/10/2023
}

void tst_ExerciseCheck::regexShortDayFailsOnOneDigitDates()
{
    const CheckResult r = checkRegex(exercise("regex-pattern", "ddmmyyyy"),
                                     pattern(QStringLiteral(R"(\b\d{1,2}/\d{1,2}/\d{4}\b)")));
    QCOMPARE(r.problem, Problem::SampleMismatch);
    QCOMPARE(r.subject, QStringLiteral("Nació el 1/2/2023"));
    QCOMPARE(r.actual, QStringLiteral("['1/2/2023']"));
    QCOMPARE(r.failed, 1);
}

void tst_ExerciseCheck::regexPatternErrorIsReported()
{
    const CheckResult r
        = checkRegex(exercise("regex-pattern", "ddmmyyyy"), pattern(QStringLiteral(R"((\d{2}/)")));
    QCOMPARE(r.problem, Problem::PatternError);
    QCOMPARE(r.actual, QStringLiteral("missing ), unterminated subpattern at position 0"));
}

void tst_ExerciseCheck::regexEmptyPatternIsNotChecked()
{
    QCOMPARE(checkRegex(exercise("regex-pattern", "ddmmyyyy"), RegexAnswer()).problem,
             Problem::EmptyAnswer);
}

void tst_ExerciseCheck::regexSubUsesTheReplacement()
{
    const Exercise &e = exercise("regex-sub", "iso-dates");
    QVERIFY(
        checkRegex(
            e, pattern(QStringLiteral(R"((\d{2})/(\d{2})/(\d{4}))"), QStringLiteral(R"(\3-\2-\1)")))
            .passed());
    const CheckResult wrong = checkRegex(
        e, pattern(QStringLiteral(R"((\d{2})/(\d{2})/(\d{4}))"), QStringLiteral(R"(\3-\1-\2)")));
    QCOMPARE(wrong.problem, Problem::SampleMismatch);
    QCOMPARE(wrong.actual, QStringLiteral("'Hoy es 2023-14-06'"));
    const CheckResult badTemplate = checkRegex(
        e, pattern(QStringLiteral(R"((\d{2})/(\d{2})/(\d{4}))"), QStringLiteral(R"(\4)")));
    QCOMPARE(badTemplate.problem, Problem::ReplacementError);
    QCOMPARE(badTemplate.actual, QStringLiteral("invalid group reference 4 at position 1"));
}

void tst_ExerciseCheck::regexSampleValues_data()
{
    QTest::addColumn<QString>("function");
    QTest::addColumn<QString>("patternText");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("value");
    QTest::newRow("findall") << "findall"
                             << "a(b)?"
                             << "ab a"
                             << "['b', '']";
    QTest::newRow("split with a group") << "split"
                                        << "(,)"
                                        << "a,b"
                                        << "['a', ',', 'b']";
    QTest::newRow("search found") << "search"
                                  << "b"
                                  << "abc"
                                  << "True";
    QTest::newRow("fullmatch is the whole text") << "fullmatch"
                                                 << "b"
                                                 << "abc"
                                                 << "False";
    QTest::newRow("finditer spans in code points") << "finditer"
                                                   << "x"
                                                   << "😀x x"
                                                   << "[(1, 2), (3, 4)]";
}

void tst_ExerciseCheck::regexSampleValues()
{
    QFETCH(QString, function);
    QFETCH(QString, patternText);
    QFETCH(QString, text);
    QFETCH(QString, value);
    QCOMPARE(regexSampleValue(function, ::pattern(patternText), text), value);
}

void tst_ExerciseCheck::dateRightAndWrong()
{
    const Exercise &e = exercise("dates-timedelta", "hundred-days");
    stdlab::date::DateModel model;
    QVERIFY(applyDateState(
        QJsonDocument::fromJson(
            R"({"section": "add", "inputs": {"addStart": "2023-06-14"}, "amounts": {"days": 100}})")
            .object(),
        model));
    QVERIFY(checkDate(e, model).passed());
    model.setAmount(stdlab::date::DateModel::Days, 99);
    const CheckResult r = checkDate(e, model);
    QCOMPARE(r.problem, Problem::ValueMismatch);
    QCOMPARE(r.subject, QStringLiteral("addResult"));
    QCOMPARE(r.expected, QStringLiteral("2023-09-22T00:00:00"));
    QCOMPARE(r.actual, QStringLiteral("2023-09-21T00:00:00"));
}

void tst_ExerciseCheck::dateZoneAcceptsWhatPeopleType()
{
    const Exercise &e = exercise("dates-now", "tokyo");
    stdlab::date::DateModel model;
    model.setSection(stdlab::date::DateModel::NowSection);
    model.setInput(QStringLiteral("nowZone"), QStringLiteral("TOKYO"));
    QVERIFY(checkDate(e, model).passed());
    model.setInput(QStringLiteral("nowZone"), QStringLiteral("Asia/Seoul"));
    const CheckResult r = checkDate(e, model);
    QCOMPARE(r.problem, Problem::ValueMismatch);
    QCOMPARE(r.actual, QStringLiteral("Asia/Seoul"));
}

void tst_ExerciseCheck::dateWrongSection()
{
    stdlab::date::DateModel model;
    model.setSection(stdlab::date::DateModel::DifferenceSection);
    const CheckResult r = checkDate(exercise("dates-format", "parse"), model);
    QCOMPARE(r.problem, Problem::WrongSection);
    QCOMPARE(r.expected, QStringLiteral("format"));
    QCOMPARE(r.actual, QStringLiteral("difference"));
}

void tst_ExerciseCheck::filesRightAndWrong()
{
    const Exercise &e = exercise("files-mkdir", "nested");
    QTemporaryDir dir;
    QDir root(dir.path());
    QVERIFY(root.mkdir(QStringLiteral("mi_directorio")));
    CheckResult r = checkFiles(e, root);
    QCOMPARE(r.problem, Problem::MissingFolder);
    QCOMPARE(r.subject, QStringLiteral("mi_directorio/mi_subdirectorio"));
    QVERIFY(root.mkpath(QStringLiteral("mi_directorio/mi_subdirectorio")));
    QVERIFY(checkFiles(e, root).passed());

    const Exercise &remove = exercise("files-remove", "remove-file");
    QVERIFY(
        prepareFiles(LessonLibrary::course().find(QStringLiteral("files-remove"))->tryIt, root));
    r = checkFiles(remove, root);
    QCOMPARE(r.problem, Problem::StillThere);
    QCOMPARE(r.subject, QStringLiteral("file1.txt"));
    QVERIFY(QFile::remove(root.filePath(QStringLiteral("file1.txt"))));
    QVERIFY(checkFiles(remove, root).passed());
}

void tst_ExerciseCheck::filesFolderWhereAFileIsWanted()
{
    QTemporaryDir dir;
    QDir root(dir.path());
    QVERIFY(root.mkpath(QStringLiteral("documentos/leeme.txt")));
    const CheckResult r = checkFiles(exercise("files-listdir", "readme"), root);
    QCOMPARE(r.problem, Problem::NotAFile);
    QCOMPARE(r.subject, QStringLiteral("documentos/leeme.txt"));
    const CheckResult dirs = checkFiles(exerciseFrom(R"({"dirs": ["f"]})"), root);
    QCOMPARE(dirs.problem, Problem::MissingFolder);
}

void tst_ExerciseCheck::filesContentMustMatch()
{
    QTemporaryDir dir;
    QDir root(dir.path());
    QVERIFY(applyFileOps(
        QJsonDocument::fromJson(
            R"([["makedirs", "mi_directorio"], ["write", "mi_directorio/mi_archivo.txt", "hola\n"]])")
            .array(),
        root));
    const CheckResult r = checkFiles(exercise("files-ospath", "joined"), root);
    QCOMPARE(r.problem, Problem::ContentMismatch);
    QCOMPARE(r.expected, QStringLiteral("hola"));
    QCOMPARE(r.actual, QStringLiteral("hola\n"));
}

void tst_ExerciseCheck::chatGreetingRightAndWrong()
{
    const Exercise &e = exercise("net-first-server", "greeting");
    ChatTrace trace;
    trace << ChatRecord {
        ChatRecord::Kind::Listening, true, QStringLiteral("tcp"), QStringLiteral("greet"), {}
    };
    QCOMPARE(checkChat(e, trace).problem, Problem::NoClient);
    trace << ChatRecord {
        ChatRecord::Kind::Connected, true, QStringLiteral("tcp"), QStringLiteral("greet"), {}
    };
    trace << ChatRecord { ChatRecord::Kind::Sent, true, QStringLiteral("tcp"),
                          QStringLiteral("greet"), QStringLiteral("Hola") };
    const CheckResult r = checkChat(e, trace);
    QCOMPARE(r.problem, Problem::NotSent);
    QCOMPARE(r.expected, QStringLiteral("Un saludo crack!"));
    trace << ChatRecord { ChatRecord::Kind::Sent, true, QStringLiteral("tcp"),
                          QStringLiteral("greet"), QStringLiteral("Un saludo crack!") };
    QVERIFY(checkChat(e, trace).passed());
}

void tst_ExerciseCheck::chatNeedsTheRightProtocol()
{
    const Exercise &e = exercise("net-udp", "datagram");
    ChatTrace trace;
    trace << ChatRecord {
        ChatRecord::Kind::Listening, true, QStringLiteral("tcp"), QStringLiteral("echo"), {}
    };
    trace << ChatRecord { ChatRecord::Kind::Received, true, QStringLiteral("tcp"),
                          QStringLiteral("echo"),
                          QStringLiteral("Hola, se está tensando muchísimo") };
    const CheckResult r = checkChat(e, trace);
    QCOMPARE(r.problem, Problem::NoServer);
    QCOMPARE(r.expected, QStringLiteral("udp"));
    trace << ChatRecord { ChatRecord::Kind::Listening, true, QStringLiteral("udp"), {}, {} };
    QCOMPARE(checkChat(e, trace).problem, Problem::NotReceived);
    trace << ChatRecord { ChatRecord::Kind::Received,
                          true,
                          QStringLiteral("udp"),
                          {},
                          QStringLiteral("Hola, se está tensando muchísimo") };
    QVERIFY(checkChat(e, trace).passed());
}

void tst_ExerciseCheck::sandboxResetEmptiesAndContains()
{
    QTemporaryDir dir;
    const Sandbox sandbox(dir.filePath(QStringLiteral("sandbox")));
    QVERIFY(sandbox.ensure());
    QVERIFY(applyFileOps(
        QJsonDocument::fromJson(R"([["makedirs", "a/b"], ["write", "a/x.txt", "x"]])").array(),
        sandbox.dir()));
    QVERIFY(sandbox.contains(sandbox.dir().filePath(QStringLiteral("a/b"))));
    QVERIFY(sandbox.contains(sandbox.path()));
    QVERIFY(!sandbox.contains(dir.path()));
    QVERIFY(!sandbox.contains(dir.filePath(QStringLiteral("sandbox-other"))));
    QVERIFY(sandbox.reset());
    QVERIFY(QFileInfo(sandbox.path()).isDir());
    QCOMPARE(sandbox.dir().entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList());
}

void tst_ExerciseCheck::realPathsInAProgram_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("real");
    // SANDBOX stands for the sandbox's absolute path (the Files tab's os.chdir()).
    QTest::newRow("rmtree of a home folder")
        << "import shutil\n\nshutil.rmtree('/home/x')\n" << QStringList{ "/home/x" };
    QTest::newRow("inside after chdir")
        << "import os\n\nos.chdir('SANDBOX')\nos.makedirs('a/b')\nos.remove('x.txt')\n"
        << QStringList{};
    QTest::newRow("relative, in the sandbox") << "import os\nos.mkdir(\"nueva\")\n"
                                              << QStringList{};
    QTest::newRow("parent escapes") << "import os\nos.remove('../fuera.txt')\n"
                                    << QStringList{ "../fuera.txt" };
    QTest::newRow("chdir out, then relative")
        << "import os\nos.chdir('/tmp')\nos.remove('x')\n" << QStringList{ "/tmp", "x" };
    QTest::newRow("home") << "import os\nos.remove('~/notas.txt')\n"
                          << QStringList{ "~/notas.txt" };
    QTest::newRow("expanduser") << "import os\nos.remove(os.path.expanduser(p))\n"
                                << QStringList{ "expanduser" };
    QTest::newRow("copy to a real folder, raw string")
        << "import shutil\nshutil.copy2('a.txt', r'/srv/datos')\n" << QStringList{ "/srv/datos" };
    QTest::newRow("escaped absolute") << "import os\nos.rmdir('\\x2fetc')\n"
                                      << QStringList{ "/etc" };
    QTest::newRow("only reads") << "import os\nprint(os.path.exists('/etc'))\n"
                                << QStringList{};
    QTest::newRow("a quote in a comment")
        << "import os\n# don't\nos.mkdir('a')\nos.mkdir('/b')\n" << QStringList{ "/b" };
    QTest::newRow("text written is no path")
        << "with open('a.txt', 'w') as f:\n    f.write('''/no\\nes''')\n" << QStringList{};
}

void tst_ExerciseCheck::realPathsInAProgram()
{
    QFETCH(QString, code);
    QFETCH(QStringList, real);
    QTemporaryDir dir;
    const Sandbox sandbox(dir.filePath(QStringLiteral("sandbox")));
    QVERIFY(sandbox.ensure());
    code.replace(QStringLiteral("SANDBOX"), sandbox.path());
    QCOMPARE(sandbox.realPathsIn(code, sandbox.path()), real);
    // A path that does not exist yet is judged by where it would be made.
    QVERIFY(sandbox.contains(sandbox.dir().filePath(QStringLiteral("nueva/sub"))));
    QVERIFY(!sandbox.contains(sandbox.dir().filePath(QStringLiteral("nueva/../../x"))));
}

void tst_ExerciseCheck::unsafePathsAreRefused()
{
    QTemporaryDir dir;
    QString error;
    QVERIFY(!prepareFiles(QJsonDocument::fromJson(R"({"dirs": ["../escape"]})").object(),
                          QDir(dir.path()), &error));
    QCOMPARE(error, QStringLiteral("cannot make folder \"../escape\""));
    QVERIFY(!applyFileOps(QJsonDocument::fromJson(R"([["remove", "/etc/passwd"]])").array(),
                          QDir(dir.path())));
    QVERIFY(!isSafeRelativePath(QStringLiteral("a/../../b")));
    QVERIFY(isSafeRelativePath(QStringLiteral("a/b..c")));
}

QTEST_GUILESS_MAIN(tst_ExerciseCheck)
#include "tst_exercisecheck.moc"

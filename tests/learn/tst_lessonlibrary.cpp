// The course as data: every lesson loads, is complete in Spanish and English, its Try-it state
// is one its tab takes, and `stdlab --list-lessons` prints it headless.
#include "date/datemodel.h"
#include "learn/exercisecheck.h"
#include "learn/lessonlibrary.h"
#include "learn/lessonstate.h"
#include "stdlabprocess.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace stdlab::learn;

class tst_LessonLibrary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void courseLoadsWithoutErrors();
    void courseFollowsTheCourseOrder();
    void everyLessonIsCompleteInBothLanguages_data();
    void everyLessonIsCompleteInBothLanguages();
    void everyAnswerPassesItsChecker_data();
    void everyAnswerPassesItsChecker();
    void validateReportsAMissingLanguage();
    void malformedFilesAreReportedNotLoaded();
    void listLessonsPrintsIdAndTitleInTheLanguage_data();
    void listLessonsPrintsIdAndTitleInTheLanguage();
    void unknownLessonExitsWithUsage();
    void lessonOptionOpensTheCourseAtIt_data();
    void lessonOptionOpensTheCourseAtIt();
};

void tst_LessonLibrary::courseLoadsWithoutErrors()
{
    const LessonLibrary &course = LessonLibrary::course();
    QCOMPARE(course.errors(), QStringList());
    QVERIFY(course.lessons().size() >= 20);
    QVERIFY(course.find(QStringLiteral("regex-pattern")));
    QCOMPARE(course.find(QStringLiteral("nope")), nullptr);
}

void tst_LessonLibrary::courseFollowsTheCourseOrder()
{
    // Sections in the course's order (dates, regex, files, network), each present, never
    // interleaved; and the topics the issue lists each have their lesson.
    QStringList seen;
    for (const Lesson &lesson : LessonLibrary::course().lessons()) {
        if (seen.isEmpty() || seen.last() != lesson.section) {
            QVERIFY2(!seen.contains(lesson.section), qPrintable(lesson.id));
            seen << lesson.section;
        }
    }
    QCOMPARE(seen, sectionIds());
    for (const char *id :
         { "dates-now",    "dates-build",       "dates-timedelta",  "dates-compare",
           "dates-zones",  "dates-format",      "regex-literal",    "regex-pattern",
           "regex-groups", "regex-sub",         "regex-split",      "regex-finditer",
           "regex-email",  "regex-boundary",    "files-mkdir",      "files-listdir",
           "files-remove", "files-rename-size", "files-copy-move",  "files-ospath",
           "net-tcp-udp",  "net-first-server",  "net-context-send", "net-threads",
           "net-udp",      "net-chat" }) {
        QVERIFY2(LessonLibrary::course().find(QLatin1String(id)), id);
    }
}

void tst_LessonLibrary::everyLessonIsCompleteInBothLanguages_data()
{
    QTest::addColumn<QString>("id");
    for (const Lesson &lesson : LessonLibrary::course().lessons()) {
        QTest::newRow(qPrintable(lesson.id)) << lesson.id;
    }
}

void tst_LessonLibrary::everyLessonIsCompleteInBothLanguages()
{
    QFETCH(QString, id);
    const Lesson &lesson = *LessonLibrary::course().find(id);
    QCOMPARE(LessonLibrary::validate(lesson), QStringList());
    // Spanish is not English copied: the title and text differ between the two.
    QVERIFY(lesson.title.text(QStringLiteral("es")) != lesson.title.text(QStringLiteral("en")));
    QVERIFY(lesson.text.text(QStringLiteral("es")) != lesson.text.text(QStringLiteral("en")));
}

void tst_LessonLibrary::everyAnswerPassesItsChecker_data()
{
    QTest::addColumn<QString>("lessonId");
    QTest::addColumn<QString>("exerciseId");
    for (const Lesson &lesson : LessonLibrary::course().lessons()) {
        for (const Exercise &e : lesson.exercises) {
            QTest::newRow(qPrintable(lesson.id + QLatin1Char('/') + e.id)) << lesson.id << e.id;
        }
    }
}

void tst_LessonLibrary::everyAnswerPassesItsChecker()
{
    // The data's own right answer passes; the lesson's Try-it state alone does not (the
    // exercise asks for something beyond what the lesson shows).
    QFETCH(QString, lessonId);
    QFETCH(QString, exerciseId);
    const Lesson &lesson = *LessonLibrary::course().find(lessonId);
    const Exercise &e = *lesson.exercise(exerciseId);
    const QJsonValue answer = e.spec.value(QStringLiteral("answer"));
    switch (e.kind) {
    case CheckKind::Regex: {
        const auto tryIt = regexState(lesson.tryIt);
        QVERIFY(tryIt);
        const QJsonObject a = answer.toObject();
        const RegexAnswer right { a.value(QStringLiteral("pattern")).toString(),
                                  a.value(QStringLiteral("replacement")).toString(), 0 };
        const CheckResult ok = checkRegex(e, right);
        QVERIFY2(ok.passed(), qPrintable(ok.subject + QStringLiteral(": ") + ok.actual));
        QCOMPARE(ok.failed, 0);
        const CheckResult wrong
            = checkRegex(e, { tryIt->pattern, tryIt->replacement, tryIt->flags });
        QVERIFY(!wrong.passed());
        QVERIFY(wrong.failed >= 1);
        break;
    }
    case CheckKind::Date: {
        stdlab::date::DateModel before;
        QVERIFY(applyDateState(lesson.tryIt, before));
        QVERIFY(!checkDate(e, before).passed());
        stdlab::date::DateModel model;
        QString error;
        QVERIFY2(applyDateState(answer.toObject(), model, &error), qPrintable(error));
        const CheckResult r = checkDate(e, model);
        QVERIFY2(r.passed(), qPrintable(r.subject + QStringLiteral(": ") + r.actual));
        break;
    }
    case CheckKind::Files: {
        QTemporaryDir dir;
        QVERIFY(prepareFiles(lesson.tryIt, QDir(dir.path())));
        QVERIFY(!checkFiles(e, QDir(dir.path())).passed());
        QString error;
        QVERIFY2(applyFileOps(answer.toArray(), QDir(dir.path()), &error), qPrintable(error));
        const CheckResult r = checkFiles(e, QDir(dir.path()));
        QVERIFY2(r.passed(), qPrintable(r.subject));
        break;
    }
    case CheckKind::Chat: {
        QVERIFY(!checkChat(e, {}).passed());
        QVERIFY(checkChat(e, chatTraceFromJson(answer.toArray())).passed());
        break;
    }
    }
}

void tst_LessonLibrary::validateReportsAMissingLanguage()
{
    Lesson lesson = *LessonLibrary::course().find(QStringLiteral("regex-pattern"));
    lesson.title.texts.remove(QStringLiteral("es"));
    lesson.exercises[0].hints[1].texts[QStringLiteral("en")] = QStringLiteral("  ");
    lesson.tryIt[QStringLiteral("pattern")] = QStringLiteral("(unclosed");
    const QStringList problems = LessonLibrary::validate(lesson);
    QVERIFY(problems.contains(QStringLiteral("title: no es text")));
    QVERIFY(problems.contains(QStringLiteral("exercise ddmmyyyy hint 2: no en text")));
    QVERIFY(problems.filter(QStringLiteral("tryIt: pattern: missing )")).size() == 1);
}

void tst_LessonLibrary::malformedFilesAreReportedNotLoaded()
{
    QTemporaryDir dir;
    auto write = [&](const QString &name, const QByteArray &content) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    };
    write(QStringLiteral("01-ok.json"),
          R"({"id": "ok", "section": "regex", "title": {"en": "A", "es": "B"}})");
    write(QStringLiteral("02-bad.json"), "{ not json");
    write(QStringLiteral("03-section.json"), R"({"id": "x", "section": "cooking"})");
    write(QStringLiteral("04-dup.json"), R"({"id": "ok", "section": "files"})");
    const LessonLibrary library(dir.path());
    QCOMPARE(library.lessons().size(), 1);
    QCOMPARE(library.lessons()[0].tab, QStringLiteral("regex"));
    QCOMPARE(library.errors().size(), 3);
    QVERIFY(library.errors()[0].startsWith(QStringLiteral("02-bad.json: ")));
    QCOMPARE(library.errors()[1], QStringLiteral("03-section.json: unknown section \"cooking\""));
    QCOMPARE(library.errors()[2], QStringLiteral("04-dup.json: duplicate id ok"));
}

void tst_LessonLibrary::listLessonsPrintsIdAndTitleInTheLanguage_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("firstLine");
    QTest::newRow("es") << "es"
                        << "dates-now El momento actual y sus partes";
    QTest::newRow("en") << "en"
                        << "dates-now Now and its parts";
}

void tst_LessonLibrary::listLessonsPrintsIdAndTitleInTheLanguage()
{
    QFETCH(QString, lang);
    QFETCH(QString, firstLine);
    // Headless: no display variables at all.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    const ProcessResult r
        = runProcess({ QStringLiteral("--list-lessons"), QStringLiteral("--lang"), lang }, {},
                     30000, stdlabBinary(), env);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.err, QByteArray());
    const QStringList lines = QString::fromUtf8(r.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), LessonLibrary::course().lessons().size());
    QCOMPARE(lines.first(), firstLine);
    for (int i = 0; i < lines.size(); ++i) {
        const Lesson &lesson = LessonLibrary::course().lessons()[i];
        QCOMPARE(lines[i], lesson.id + QLatin1Char(' ') + lesson.title.text(lang));
    }
}

void tst_LessonLibrary::unknownLessonExitsWithUsage()
{
    const ProcessResult r = runStdlab({ QStringLiteral("--lesson"), QStringLiteral("nope") });
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.err,
             QByteArray("stdlab: unknown lesson 'nope' (stdlab --list-lessons lists them).\n"));
}

void tst_LessonLibrary::lessonOptionOpensTheCourseAtIt_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("course");
    QTest::newRow("es") << QStringList{ QStringLiteral("--lesson"), QStringLiteral("regex-pattern"),
                                        QStringLiteral("--lang"), QStringLiteral("es") }
                        << "course=regex-pattern|8. findall con un patrón: dígitos y repeticiones";
    QTest::newRow("en") << QStringList{ QStringLiteral("--lang"), QStringLiteral("en"),
                                        QStringLiteral("--lesson"), QStringLiteral("net-chat") }
                        << "course=net-chat|26. The chat";
    QTest::newRow("no lesson") << QStringList{ QStringLiteral("--lang"), QStringLiteral("en") }
                               << "course=hidden";
}

void tst_LessonLibrary::lessonOptionOpensTheCourseAtIt()
{
    QFETCH(QStringList, args);
    QFETCH(QString, course);
    // The real binary, as a teacher's link starts it: the startup probe prints what the window
    // shows once it is painted (the Course dock's lesson and title), then quits.
    QTemporaryDir home;
    QVERIFY(home.isValid());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("STDLAB_STARTUP_PROBE"), QStringLiteral("1"));
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral(".config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral(".local/share")));
    const ProcessResult r = runProcess(args, {}, 60000, stdlabBinary(), env);
    QVERIFY2(!r.timedOut && !r.crashed, r.err.constData());
    QCOMPARE(r.exitCode, 0);
    const QStringList lines = QString::fromUtf8(r.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(lines.contains(course), qPrintable(lines.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(tst_LessonLibrary)
#include "tst_lessonlibrary.moc"

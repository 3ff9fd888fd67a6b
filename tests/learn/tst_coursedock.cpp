// The Course dock in a real window (offscreen): every lesson's Try it puts its tab in the
// lesson's state (asserted on the panel's model), exercises are checked on the panels, the disk
// and a real chat, hints come one at a time, progress is kept and reset.
#include "chat/chatpanel.h"
#include "date/datemodel.h"
#include "date/datepanel.h"
#include "files/filespanel.h"
#include "learn/coursedock.h"
#include "learn/learnprogress.h"
#include "learn/lessonactions.h"
#include "learn/lessonlibrary.h"
#include "learn/lessonstate.h"
#include "localization.h"
#include "mainwindow.h"
#include "messagelabel.h"
#include "pythoncodepane.h"
#include "regex/regexmodel.h"
#include "regex/regexpanel.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTreeWidget>
#include <QtTest>

using namespace stdlab::learn;

class tst_CourseDock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void f1TogglesTheDock();
    void showLessonOpensTheDockAtIt();
    void tryItPutsTheTabInTheLessonsState_data();
    void tryItPutsTheTabInTheLessonsState();
    void regexExerciseChecksThePanelsPattern();
    void filesExerciseChecksTheDiskInTheSandbox();
    void dateExerciseChecksTheModel();
    void chatGreetingIsCheckedOnARealConnection();
    void hintsComeOneAtATimeThenTheSolution();
    void progressIsKeptAndReset();
    void resetSandboxEmptiesIt();
    void spanishLessonText();

    void tryItSetsFlagsFolderAndPort();

private:
    /// The Regex tab's flag checkboxes show @p flags.
    void checkFlagBoxes(int flags);

    MainWindow *m_window = nullptr;
    CourseDock *m_dock = nullptr;
};

void tst_CourseDock::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StdLabTest"));
    // A data folder (sandbox, scratch) and settings of this process's own: other worktrees'
    // runs of this test on the same machine share ~/.qttest, and emptied this one's sandbox.
    QCoreApplication::setApplicationName(
        QStringLiteral("tst_coursedock-%1").arg(QCoreApplication::applicationPid()));
}

void tst_CourseDock::cleanupTestCase()
{
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
    QFile::remove(QSettings().fileName());
}

void tst_CourseDock::init()
{
    QSettings().clear();
    QString error;
    QVERIFY2(Sandbox().reset(&error), qPrintable(error));
    m_window = new MainWindow;
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    m_dock = m_window->courseDock();
    m_dock->setConfirm([](const QString &) { return true; });
}

void tst_CourseDock::cleanup()
{
    stdlab::installTranslations(qApp, QStringLiteral("en"));
    delete m_window;
    m_window = nullptr;
    QSettings().clear();
}

void tst_CourseDock::f1TogglesTheDock()
{
    QVERIFY(!m_dock->isVisible());
    QAction *action = m_window->findChild<QAction *>(QStringLiteral("actionCourse"));
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::Key_F1));
    QTest::keyClick(m_window, Qt::Key_F1);
    QTRY_VERIFY(m_dock->isVisible());
    QCOMPARE(m_dock->currentLessonId(), QStringLiteral("dates-now"));
    QCOMPARE(m_window->dockWidgetArea(m_dock), Qt::RightDockWidgetArea);
    QTest::keyClick(m_window, Qt::Key_F1);
    QTRY_VERIFY(!m_dock->isVisible());
}

void tst_CourseDock::showLessonOpensTheDockAtIt()
{
    QVERIFY(!m_window->showLesson(QStringLiteral("nope")));
    QVERIFY(!m_dock->isVisible());
    QVERIFY(m_window->showLesson(QStringLiteral("regex-pattern")));
    QTRY_VERIFY(m_dock->isVisible());
    QCOMPARE(m_dock->currentLessonId(), QStringLiteral("regex-pattern"));
    auto *title = m_dock->findChild<QLabel *>(QStringLiteral("lessonTitle"));
    QCOMPARE(title->text(), QStringLiteral("8. findall with a pattern: digits and counts"));
    auto *tree = m_dock->findChild<QTreeWidget *>(QStringLiteral("lessonTree"));
    QCOMPARE(tree->currentItem()->text(0),
             QStringLiteral("8. findall with a pattern: digits and counts"));
    // The exercises of that lesson, one frame each.
    QVERIFY(m_dock->findChild<QWidget *>(QStringLiteral("exercise1")));
    QVERIFY(!m_dock->findChild<QWidget *>(QStringLiteral("exercise2")));
    m_dock->findChild<QPushButton *>(QStringLiteral("nextLessonButton"))->click();
    QCOMPARE(m_dock->currentLessonId(), QStringLiteral("regex-groups"));
    QVERIFY(m_dock->findChild<QWidget *>(QStringLiteral("exercise2")));
}

void tst_CourseDock::tryItPutsTheTabInTheLessonsState_data()
{
    QTest::addColumn<QString>("id");
    for (const Lesson &lesson : LessonLibrary::course().lessons()) {
        QTest::newRow(qPrintable(lesson.id)) << lesson.id;
    }
}

void tst_CourseDock::tryItPutsTheTabInTheLessonsState()
{
    QFETCH(QString, id);
    const Lesson &lesson = *LessonLibrary::course().find(id);
    QVERIFY(m_window->showLesson(id));
    // A server of an earlier attempt runs: Try it replaces it.
    if (lesson.tab == QLatin1String("chat")) {
        QString error;
        QVERIFY(m_window->chatPanel()->startServerPreset(QStringLiteral("tcp:0:room"), &error));
        QTRY_VERIFY(m_window->chatPanel()->isServing());
    }
    m_dock->findChild<QPushButton *>(QStringLiteral("tryItButton"))->click();
    QCOMPARE(m_window->tabs()->currentIndex(), MainWindow::tabIndex(lesson.tab));
    const QJsonObject &s = lesson.tryIt;
    if (lesson.tab == QLatin1String("regex")) {
        const stdlab::re::RegexModel *model = m_window->regexPanel()->model();
        QCOMPARE(model->pattern(), s.value(QStringLiteral("pattern")).toString());
        QCOMPARE(model->text(), s.value(QStringLiteral("text")).toString());
        QCOMPARE(stdlab::re::functionName(model->function()),
                 s.value(QStringLiteral("function")).toString());
        QCOMPARE(model->replacement(), s.value(QStringLiteral("replacement")).toString());
        const int flags
            = stdlab::re::flagsFromLetters(s.value(QStringLiteral("flags")).toString());
        QCOMPARE(model->flags(), flags);
        checkFlagBoxes(flags);
        QTRY_VERIFY(!model->isRunning());
        QVERIFY(model->matchCount() > 0);
    } else if (lesson.tab == QLatin1String("date")) {
        const stdlab::date::DateModel *model = m_window->datePanel()->model();
        QCOMPARE(dateSectionNames().value(int(model->section())),
                 s.value(QStringLiteral("section")).toString());
        const QJsonObject inputs = s.value(QStringLiteral("inputs")).toObject();
        for (auto it = inputs.begin(); it != inputs.end(); ++it) {
            QCOMPARE(model->input(it.key()), it.value().toString());
        }
        const QJsonObject amounts = s.value(QStringLiteral("amounts")).toObject();
        const QStringList amountNames = { QStringLiteral("years"),   QStringLiteral("months"),
                                          QStringLiteral("weeks"),   QStringLiteral("days"),
                                          QStringLiteral("hours"),   QStringLiteral("minutes"),
                                          QStringLiteral("seconds"), QStringLiteral("microseconds") };
        for (int a = 0; a < stdlab::date::DateModel::AmountCount && !amounts.isEmpty(); ++a) {
            QCOMPARE(model->amount(stdlab::date::DateModel::Amount(a)),
                     amounts.value(amountNames[a]).toInteger());
        }
        if (!amounts.isEmpty() || s.contains(QStringLiteral("subtract"))) {
            QCOMPARE(model->subtract(), s.value(QStringLiteral("subtract")).toBool());
        }
        // The panel shows the section the model is in.
        auto *sections
            = m_window->datePanel()->findChild<QTabWidget *>(QStringLiteral("dateSections"));
        QCOMPARE(sections->currentIndex(), int(model->section()));
    } else if (lesson.tab == QLatin1String("files")) {
        FilesPanel *files = m_window->filesPanel();
        const QDir root = m_dock->sandbox().dir();
        const QString folder = s.value(QStringLiteral("folder")).toString();
        QCOMPARE(files->directory(),
                 folder.isEmpty() ? root.absolutePath() : root.absoluteFilePath(folder));
        QVERIFY(files->isInSandbox());
        auto *banner = files->findChild<MessageLabel *>(QStringLiteral("sandboxBanner"));
        QVERIFY(banner->isVisible());
        QVERIFY(banner->text().startsWith(QStringLiteral("Sandbox: ")));
        for (const QJsonValue &dir : s.value(QStringLiteral("dirs")).toArray()) {
            QVERIFY(QFileInfo(root.filePath(dir.toString())).isDir());
        }
        const QJsonObject filesMade = s.value(QStringLiteral("files")).toObject();
        for (auto it = filesMade.begin(); it != filesMade.end(); ++it) {
            QFile f(root.filePath(it.key()));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(QString::fromUtf8(f.readAll()), it.value().toString());
        }
        // Elsewhere the banner goes.
        QVERIFY(files->setDirectory(QDir::tempPath()));
        QVERIFY(!files->isInSandbox());
        QVERIFY(!banner->isVisible());
    } else if (lesson.tab == QLatin1String("chat")) {
        const QStringList spec
            = s.value(QStringLiteral("serve")).toString().split(QLatin1Char(':'));
        ChatPanel *chat = m_window->chatPanel();
        QTRY_VERIFY(chat->isServing() && chat->serverPort() > 0
                    && chat->session()->serverConfig().protocol
                        == (spec[0] == QLatin1String("tcp") ? stdlab::chat::Protocol::Tcp
                                                            : stdlab::chat::Protocol::Udp));
        if (spec[1] != QLatin1String("0")) {
            QCOMPARE(chat->serverPort(), spec[1].toUShort());
        }
        if (spec.size() > 2) {
            QCOMPARE(stdlab::serverModeName(chat->session()->serverConfig().mode), spec[2]);
        }
        QCOMPARE(chat->session()->serverConfig().address, QHostAddress(QHostAddress::LocalHost));
        chat->stopServer();
        QTRY_VERIFY(!chat->isServing());
    }
}

void tst_CourseDock::checkFlagBoxes(int flags)
{
    const std::pair<const char *, int> boxes[]
        = { { "flagI", stdlab::re::IGNORECASE }, { "flagM", stdlab::re::MULTILINE },
            { "flagS", stdlab::re::DOTALL },     { "flagX", stdlab::re::VERBOSE },
            { "flagA", stdlab::re::ASCII } };
    for (const auto &[name, flag] : boxes) {
        auto *box = m_window->regexPanel()->findChild<QCheckBox *>(QLatin1String(name));
        QVERIFY2(box, name);
        QVERIFY2(box->isChecked() == bool(flags & flag), name);
    }
}

void tst_CourseDock::tryItSetsFlagsFolderAndPort()
{
    // The keys no lesson of the course uses yet: a Try it with IGNORECASE|MULTILINE ticks those
    // boxes (and an earlier state's flags go), a folder opens in the sandbox, a fixed port.
    m_window->regexPanel()->findChild<QCheckBox *>(QStringLiteral("flagS"))->setChecked(true);
    Lesson regex;
    regex.id = QStringLiteral("t-regex");
    regex.tab = QStringLiteral("regex");
    regex.tryIt = QJsonObject{ { QStringLiteral("pattern"), QStringLiteral("^gato") },
                               { QStringLiteral("text"), QStringLiteral("Gato\ngato") },
                               { QStringLiteral("flags"), QStringLiteral("im") } };
    QString error;
    QVERIFY2(LessonActions::applyTryIt(m_window, regex, m_dock->sandbox(), &error),
             qPrintable(error));
    const stdlab::re::RegexModel *model = m_window->regexPanel()->model();
    QCOMPARE(model->flags(), stdlab::re::IGNORECASE | stdlab::re::MULTILINE);
    checkFlagBoxes(stdlab::re::IGNORECASE | stdlab::re::MULTILINE);
    QTRY_VERIFY(!model->isRunning());
    QCOMPARE(model->matchCount(), 2);
    QVERIFY(m_window->codePane()->code().contains(QStringLiteral("re.IGNORECASE | re.MULTILINE")));
    // Back to a lesson without flags: every box is cleared.
    QVERIFY(LessonActions::applyTryIt(
        m_window, *LessonLibrary::course().find(QStringLiteral("regex-literal")),
        m_dock->sandbox()));
    QCOMPARE(model->flags(), 0);
    checkFlagBoxes(0);

    Lesson files;
    files.id = QStringLiteral("t-files");
    files.tab = QStringLiteral("files");
    files.tryIt = QJsonObject{ { QStringLiteral("dirs"), QJsonArray{ QStringLiteral("a/b") } },
                               { QStringLiteral("folder"), QStringLiteral("a") } };
    QVERIFY(LessonActions::applyTryIt(m_window, files, m_dock->sandbox(), &error));
    QCOMPARE(m_window->filesPanel()->directory(),
             m_dock->sandbox().dir().absoluteFilePath(QStringLiteral("a")));
    QVERIFY(m_window->filesPanel()->isInSandbox());

    QTcpServer probe; // a port free now
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    Lesson chat;
    chat.id = QStringLiteral("t-chat");
    chat.tab = QStringLiteral("chat");
    chat.tryIt = QJsonObject{ { QStringLiteral("serve"), QStringLiteral("tcp:%1:greet").arg(port) } };
    QVERIFY(LessonActions::applyTryIt(m_window, chat, m_dock->sandbox(), &error));
    ChatPanel *panel = m_window->chatPanel();
    QTRY_VERIFY(panel->isServing());
    QCOMPARE(panel->serverPort(), port);
    QCOMPARE(panel->session()->serverConfig().mode, stdlab::ServerMode::Greet);
    panel->stopServer();
    QTRY_VERIFY(!panel->isServing());
}

void tst_CourseDock::regexExerciseChecksThePanelsPattern()
{
    QVERIFY(m_window->showLesson(QStringLiteral("regex-pattern")));
    QVERIFY(m_dock->tryIt());
    CheckResult r = m_dock->check(0);
    QCOMPARE(r.problem, CheckResult::Problem::SampleMismatch);
    const QString text = m_dock->resultText(0);
    QVERIFY2(text.contains(QStringLiteral("Text: 'Pedido 12/10/20234'")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Expected: []")));
    QVERIFY(text.contains(QStringLiteral("Your pattern gives: ['12/10/2023']")));
    QVERIFY(text.contains(QStringLiteral("Why: 12/10/20234 has a five-digit year")));
    QVERIFY(text.startsWith(QStringLiteral("2 of 5 hidden samples gave another result.")));
    QVERIFY(
        !m_dock->progress()->isDone(QStringLiteral("regex-pattern"), QStringLiteral("ddmmyyyy")));

    // The learner fixes the pattern in the Regex tab.
    RegexPanel::Example e;
    e.pattern = QStringLiteral(R"(\b\d{2}/\d{2}/\d{4}\b)");
    e.function = QStringLiteral("findall");
    e.text = QStringLiteral("x");
    m_window->regexPanel()->showExample(e);
    r = m_dock->check(0);
    QVERIFY(r.passed());
    QCOMPARE(m_dock->resultText(0), QStringLiteral("✓ Well done: that is right."));
    QVERIFY(
        m_dock->progress()->isDone(QStringLiteral("regex-pattern"), QStringLiteral("ddmmyyyy")));
    auto *tree = m_dock->findChild<QTreeWidget *>(QStringLiteral("lessonTree"));
    QCOMPARE(tree->currentItem()->text(0),
             QStringLiteral("8. findall with a pattern: digits and counts ✓"));
}

void tst_CourseDock::filesExerciseChecksTheDiskInTheSandbox()
{
    QVERIFY(m_window->showLesson(QStringLiteral("files-mkdir")));
    QVERIFY(m_dock->tryIt());
    QCOMPARE(m_dock->check(0).problem, CheckResult::Problem::MissingFolder);
    QCOMPARE(
        m_dock->resultText(0),
        QStringLiteral("There is no folder mi_directorio/mi_subdirectorio in the sandbox yet."));
    QVERIFY(m_dock->sandbox().dir().mkpath(QStringLiteral("mi_directorio/mi_subdirectorio")));
    QVERIFY(m_dock->check(0).passed());
    QVERIFY(m_dock->sandbox().path().startsWith(
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
}

void tst_CourseDock::dateExerciseChecksTheModel()
{
    QVERIFY(m_window->showLesson(QStringLiteral("dates-compare")));
    QVERIFY(m_dock->tryIt());
    QCOMPARE(m_dock->check(0).problem, CheckResult::Problem::ValueMismatch);
    QCOMPARE(m_dock->resultText(0),
             QStringLiteral("b - a is “193 days, 9:53:37”, not what the exercise asks for yet."));
    stdlab::date::DateModel *model = m_window->datePanel()->model();
    model->setInput(QStringLiteral("diffA"), QStringLiteral("2023-01-01"));
    model->setInput(QStringLiteral("diffB"), QStringLiteral("2023-12-25"));
    QVERIFY(m_dock->check(0).passed());
    model->setSection(stdlab::date::DateModel::AddSection);
    QCOMPARE(m_dock->check(0).problem, CheckResult::Problem::WrongSection);
    QCOMPARE(m_dock->resultText(0),
             QStringLiteral("Open the Difference section of the Dates tab."));
}

void tst_CourseDock::chatGreetingIsCheckedOnARealConnection()
{
    QVERIFY(m_window->showLesson(QStringLiteral("net-first-server")));
    QVERIFY(m_dock->tryIt());
    ChatPanel *chat = m_window->chatPanel();
    QTRY_VERIFY(chat->isServing() && chat->serverPort() > 0);
    // The Listening event reaches the tracer with the session's next batch.
    QTRY_COMPARE(m_dock->check(0).problem, CheckResult::Problem::NoClient);
    QCOMPARE(m_dock->resultText(0), QStringLiteral("No client has connected to the server yet."));

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, chat->serverPort());
    QVERIFY(client.waitForConnected(5000));
    client.write("Este es un mensaje de prueba\n");
    QByteArray reply;
    // The event loop must run meanwhile: the session's events reach the GUI thread through it.
    QTRY_VERIFY_WITH_TIMEOUT((reply += client.readAll()).contains('\n'), 5000);
    QCOMPARE(reply, QByteArray("Un saludo crack!\n"));
    QTRY_VERIFY_WITH_TIMEOUT(m_dock->check(0).passed(), 5000);
    QVERIFY(
        m_dock->progress()->isDone(QStringLiteral("net-first-server"), QStringLiteral("greeting")));
    chat->stopServer();
    QTRY_VERIFY(!chat->isServing());
}

void tst_CourseDock::hintsComeOneAtATimeThenTheSolution()
{
    QVERIFY(m_window->showLesson(QStringLiteral("regex-pattern")));
    QCOMPARE(m_dock->hintsText(0), QString());
    QVERIFY(m_dock->showHint(0));
    QCOMPARE(m_dock->hintsText(0),
             QStringLiteral("Hint 1: Start from \\d{2}/\\d{2}/\\d{4}: it finds the dates, but also "
                            "pieces of longer numbers."));
    QVERIFY(m_dock->showHint(0));
    QVERIFY(m_dock->showHint(0));
    QVERIFY(!m_dock->showHint(0));
    auto *hint = m_dock->findChild<QWidget *>(QStringLiteral("exercise1"))
                     ->findChild<QPushButton *>(QStringLiteral("hintButton"));
    QVERIFY(!hint->isEnabled());
    QCOMPARE(hint->text(), QStringLiteral("No more hints"));
    QVERIFY(!m_dock->hintsText(0).contains(QStringLiteral("Solution")));
    m_dock->findChild<QWidget *>(QStringLiteral("exercise1"))
        ->findChild<QPushButton *>(QStringLiteral("solutionButton"))
        ->click();
    QVERIFY(m_dock->hintsText(0).endsWith(QStringLiteral("Solution: \\b\\d{2}/\\d{2}/\\d{4}\\b")));
}

void tst_CourseDock::progressIsKeptAndReset()
{
    m_dock->progress()->setDone(QStringLiteral("files-mkdir"), QStringLiteral("nested"));
    m_dock->progress()->setDone(QStringLiteral("files-remove"), QStringLiteral("rmdir"));
    // Another window (or the next run) sees the same check marks.
    LearnProgress other;
    QVERIFY(other.isDone(QStringLiteral("files-mkdir"), QStringLiteral("nested")));
    QVERIFY(m_window->showLesson(QStringLiteral("files-remove")));
    auto *tree = m_dock->findChild<QTreeWidget *>(QStringLiteral("lessonTree"));
    QCOMPARE(tree->currentItem()->text(0), QStringLiteral("17. Removing files and folders (1/3)"));
    bool asked = false;
    m_dock->setConfirm([&asked](const QString &) {
        asked = true;
        return false;
    });
    m_dock->findChild<QPushButton *>(QStringLiteral("resetProgressButton"))->click();
    QVERIFY(asked);
    QVERIFY(other.isDone(QStringLiteral("files-mkdir"), QStringLiteral("nested")));
    m_dock->setConfirm([](const QString &) { return true; });
    m_dock->resetProgress();
    QVERIFY(!other.isDone(QStringLiteral("files-mkdir"), QStringLiteral("nested")));
    QCOMPARE(tree->currentItem()->text(0), QStringLiteral("17. Removing files and folders"));
}

void tst_CourseDock::resetSandboxEmptiesIt()
{
    QVERIFY(m_window->showLesson(QStringLiteral("files-remove")));
    QVERIFY(m_dock->tryIt());
    QVERIFY(QFileInfo::exists(m_dock->sandbox().dir().filePath(QStringLiteral("file1.txt"))));
    m_dock->resetSandbox();
    QCOMPARE(
        m_dock->sandbox().dir().entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
        QStringList());
}

void tst_CourseDock::spanishLessonText()
{
    stdlab::installTranslations(qApp, QStringLiteral("es"));
    QVERIFY(m_window->showLesson(QStringLiteral("regex-pattern")));
    auto *title = m_dock->findChild<QLabel *>(QStringLiteral("lessonTitle"));
    QTRY_COMPARE(title->text(), QStringLiteral("8. findall con un patrón: dígitos y repeticiones"));
    QCOMPARE(m_dock->findChild<QPushButton *>(QStringLiteral("tryItButton"))->text(),
             QStringLiteral("▶ Pruébalo"));
    QVERIFY(m_dock->tryIt());
    m_dock->check(0);
    QVERIFY2(m_dock->resultText(0).contains(
                 QStringLiteral("Por qué: 12/10/20234 tiene un año de cinco cifras")),
             qPrintable(m_dock->resultText(0)));
}

QTEST_MAIN(tst_CourseDock)
#include "tst_coursedock.moc"

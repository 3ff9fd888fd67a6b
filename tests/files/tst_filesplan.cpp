// The Files tab plans before it acts (issue 18): Copy To and Move To run a dry run in the
// operations area first and show its plan; nothing is done unless the user agrees. A paste
// with nothing to warn about goes on without asking. Undo runs as a job of the operations area.
#include "files/fileoperations.h"
#include "files/filespanel.h"
#include "files/filesprompter.h"
#include "files/filelistmodel.h"
#include "files/operationsview.h"
#include "localization.h"
#include "scratchdir.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

using namespace stdlab::files;

namespace {

class PlanPrompter : public FilesPrompter
{
public:
    std::optional<CopyTarget> copyTarget;
    QList<bool> planAnswers; // missing: no
    QList<JobSummary> plansShown;
    QList<JobRequest> plannedRequests;
    ConflictResolution conflictAnswer{ConflictAction::Overwrite, true, QString()};

    bool confirm(QWidget *, const QString &, const QString &, const QString &) override
    {
        return false;
    }
    std::optional<QString> askText(QWidget *, const QString &, const QString &,
                                   const QString &) override
    {
        return std::nullopt;
    }
    std::optional<CopyTarget> askCopyTarget(QWidget *, const QString &, const QString &,
                                            bool) override
    {
        return copyTarget;
    }
    ConflictResolution askConflict(QWidget *, const ConflictInfo &) override
    {
        return conflictAnswer;
    }
    bool confirmPlan(QWidget *, const JobRequest &request, const JobSummary &plan,
                     const QString &) override
    {
        plannedRequests << request;
        plansShown << plan;
        return planAnswers.isEmpty() ? false : planAnswers.takeFirst();
    }
};

} // namespace

class tst_FilesPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void copyToShowsThePlanAndDoesNothingWithoutYes();
    void aPasteWithNothingToSayIsNotAsked();
    void undoRunsInTheOperationsArea();

private:
    QString path(const QString &name) const { return m_root->filePath(name); }
    void write(const QString &name, const QByteArray &data);
    QByteArray read(const QString &name) const;
    bool waitForJobs();

    std::unique_ptr<ScratchDir> m_root;
    std::unique_ptr<ScratchDir> m_xdg;
    std::unique_ptr<FilesPanel> m_panel;
    PlanPrompter *m_prompter = nullptr;
};

void tst_FilesPlan::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StdLabTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_filesplan"));
    QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("en")));
}

void tst_FilesPlan::init()
{
    m_root = std::make_unique<ScratchDir>();
    m_xdg = std::make_unique<ScratchDir>();
    QVERIFY(m_root->isValid() && m_xdg->isValid());
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_xdg->path()));
    m_panel = std::make_unique<FilesPanel>();
    m_panel->setJournalFile(m_xdg->filePath(QStringLiteral("journal.json")));
    auto prompter = std::make_unique<PlanPrompter>();
    m_prompter = prompter.get();
    m_panel->setPrompter(std::move(prompter));
    QSignalSpy loaded(m_panel->model(), &FileListModel::loaded);
    QVERIFY(m_panel->setDirectory(m_root->path()));
    m_panel->resize(1000, 700);
    m_panel->show();
    QVERIFY(loaded.count() > 0 || loaded.wait(10000));
}

void tst_FilesPlan::cleanup()
{
    m_panel.reset();
    m_root.reset();
    m_xdg.reset();
    QApplication::clipboard()->clear();
}

void tst_FilesPlan::write(const QString &name, const QByteArray &data)
{
    QFile f(path(name));
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(data), data.size());
}

QByteArray tst_FilesPlan::read(const QString &name) const
{
    QFile f(path(name));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

bool tst_FilesPlan::waitForJobs()
{
    QElapsedTimer timer;
    timer.start();
    while (!m_panel->operations()->runningJobs().isEmpty() && timer.elapsed() < 20000) {
        QTest::qWait(20);
    }
    return m_panel->operations()->runningJobs().isEmpty();
}

void tst_FilesPlan::copyToShowsThePlanAndDoesNothingWithoutYes()
{
    write("a.txt", "new");
    QVERIFY(QDir().mkpath(path("dst")));
    write("dst/a.txt", "old");
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->model()->indexOf("a.txt").isValid(), 10000);
    m_panel->selectNames({"a.txt"});
    m_prompter->copyTarget = CopyTarget{QStringLiteral("dst"), false, false};
    QSignalSpy started(m_panel->operations(), &FileOperations::started);
    m_panel->findChild<QAction *>("actionCopyTo")->trigger();
    // The plan runs first, in the operations area, as a job of its own.
    QVERIFY(started.count() >= 1);
    QVERIFY(started.first().at(1).value<JobRequest>().dryRun);
    QVERIFY(waitForJobs());
    QCOMPARE(m_prompter->plansShown.size(), 1);
    const JobSummary plan = m_prompter->plansShown.first();
    QCOMPARE(plan.plan.files, 0); // its only file is a name taken: asked, not counted
    QCOMPARE(plan.plan.conflictCount, 1);
    QCOMPARE(plan.plan.conflicts.first().outcome, PlannedConflict::Outcome::Ask);
    QCOMPARE(plan.plan.conflicts.first().target, path("dst/a.txt"));
    QVERIFY(!m_prompter->plannedRequests.first().dryRun);
    // No: nothing was done.
    QCOMPARE(read("dst/a.txt"), QByteArray("old"));
    QCOMPARE(started.count(), 1);
    QCOMPARE(m_panel->message(), QStringLiteral("Copy not started: nothing was done."));
    // Yes: the copy runs (the conflict asked and answered Overwrite).
    m_prompter->planAnswers = {true};
    m_panel->findChild<QAction *>("actionCopyTo")->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(started.count() == 3, 20000);
    QVERIFY(!started.last().at(1).value<JobRequest>().dryRun);
    QVERIFY(waitForJobs());
    QCOMPARE(read("dst/a.txt"), QByteArray("new"));
}

void tst_FilesPlan::aPasteWithNothingToSayIsNotAsked()
{
    write("b.txt", "bee");
    QVERIFY(QDir().mkpath(path("dst")));
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->model()->indexOf("b.txt").isValid(), 10000);
    m_panel->selectNames({"b.txt"});
    m_panel->findChild<QAction *>("actionCopy")->trigger();
    QVERIFY(m_panel->setDirectory(path("dst")));
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->directory() == path("dst"), 10000);
    m_panel->findChild<QAction *>("actionPaste")->trigger();
    QVERIFY(waitForJobs());
    QTRY_COMPARE(read("dst/b.txt"), QByteArray("bee"));
    QCOMPARE(m_prompter->plansShown.size(), 0);
}

void tst_FilesPlan::undoRunsInTheOperationsArea()
{
    QVERIFY(QDir().mkpath(path("made")));
    write("made/x", "x");
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->model()->indexOf("made").isValid(), 10000);
    m_panel->selectNames({"made"});
    m_prompter->copyTarget = CopyTarget{QStringLiteral("copia"), false, false};
    m_prompter->planAnswers = {true};
    m_panel->findChild<QAction *>("actionCopyTo")->trigger();
    QVERIFY(waitForJobs());
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path("copia/x")), 10000);
    QSignalSpy journal(m_panel.get(), &FilesPanel::journalChanged);
    QTRY_VERIFY_WITH_TIMEOUT(journal.count() >= 1 || QFile::exists(m_panel->journalFile()), 10000);
    QSignalSpy started(m_panel->operations(), &FileOperations::started);
    QSignalSpy done(m_panel.get(), &FilesPanel::journalFinished);
    m_panel->findChild<QAction *>("actionUndo")->trigger();
    QVERIFY(done.wait(20000));
    QCOMPARE(started.size(), 1);
    const int id = started.first().at(0).toInt();
    QCOMPARE(started.first().at(1).value<JobRequest>().kind, JobKind::Undo);
    QVERIFY2(done.first().at(0).toString().startsWith("Undone: "),
             qPrintable(done.first().at(0).toString()));
    QVERIFY(!QFile::exists(path("copia")));
    QVERIFY2(m_panel->operationsView()->statusText(id).startsWith("Undone: "),
             qPrintable(m_panel->operationsView()->statusText(id)));
}

QTEST_MAIN(tst_FilesPlan)
#include "tst_filesplan.moc"

// The plan the Files tab shows before a copy or move: a real dry run on a tree with names
// taken, a symlink and a named pipe, shown as counts, what happens to each name, what undo
// cannot bring back and what would be refused; in Spanish too.
#include "files/fileworker.h"
#include "files/plandialog.h"
#include "localization.h"
#include "scratchdir.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QtTest>

#include <sys/stat.h>

using namespace stdlab::files;

class tst_PlanDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void showsWhatTheDryRunFound();
    void aPlainCopyNeedsNoAttention();
    void spanishStrings();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    void write(const QString &name, const QByteArray &data);
    /// copytree('src', 'dst', dirs_exist_ok=True) replacing files, planned.
    JobRequest mergeRequest() const;

    std::unique_ptr<ScratchDir> m_dir;
};

void tst_PlanDialog::initTestCase()
{
    QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("en")));
}

void tst_PlanDialog::init()
{
    m_dir = std::make_unique<ScratchDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir().mkpath(path("src/sub")));
    write("src/a.txt", "alpha");
    write("src/sub/b.bin", QByteArray(2000, 'b'));
    QVERIFY(QFile::link("a.txt", path("src/link")));
    QCOMPARE(::mkfifo(QFile::encodeName(path("src/fifo")).constData(), 0644), 0);
    QVERIFY(QDir().mkpath(path("dst/sub")));
    write("dst/a.txt", "old");
}

void tst_PlanDialog::write(const QString &name, const QByteArray &data)
{
    QFile f(path(name));
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(data), data.size());
}

JobRequest tst_PlanDialog::mergeRequest() const
{
    JobRequest r = JobRequest::single(JobKind::Copy, path("src"), path("dst"));
    r.dirsExistOk = true;
    r.conflictPolicy = ConflictPolicy::Overwrite;
    r.dryRun = true;
    return r;
}

void tst_PlanDialog::showsWhatTheDryRunFound()
{
    const JobRequest r = mergeRequest();
    const JobSummary plan = runJob(r);
    QVERIFY(PlanDialog::needsAttention(r, plan));
    PlanDialog dialog(r, plan, QStringLiteral("Copy"));
    QCOMPARE(dialog.windowTitle(), QStringLiteral("Plan: Copy"));
    const QString text = dialog.findChild<QLabel *>("planSummary")->text();
    QCOMPARE(text, QStringLiteral("3 files (1 symbolic link), 2 folders, 1.96 KiB.\n"
                                  "On the same filesystem.\n"
                                  "3 names already taken: see below what happens to each.\n"
                                  "Cannot be undone: 1 file replaced (their old contents are "
                                  "lost).\n"
                                  "Not undone as one step: 2 folders merged into (what was "
                                  "there stays mixed with what comes).\n"
                                  "1 item would be refused: see below."));
    QStringList rows = dialog.rows();
    rows.sort();
    QCOMPARE(rows, (QStringList{"Merge into | " + path("dst") + " | a folder | ",
                                "Merge into | " + path("dst/sub") + " | a folder | ",
                                "Refused | " + path("src/fifo") + " |  | `" + path("src/fifo")
                                    + "` is a named pipe",
                                "Replace | " + path("dst/a.txt") + " | 3 bytes | "}));
    QCOMPARE(dialog.findChild<QPushButton *>("planAccept")->text(), QStringLiteral("Copy"));
    // Nothing was done.
    QFile old(path("dst/a.txt"));
    QVERIFY(old.open(QIODevice::ReadOnly));
    QCOMPARE(old.readAll(), QByteArray("old"));
    QVERIFY(!QFile::exists(path("dst/link")));
}

void tst_PlanDialog::aPlainCopyNeedsNoAttention()
{
    JobRequest r = JobRequest::single(JobKind::Copy, path("src/sub"), path("fresh"));
    r.dryRun = true;
    const JobSummary plan = runJob(r);
    QVERIFY(!PlanDialog::needsAttention(r, plan));
    QCOMPARE(PlanDialog::summaryText(r, plan),
             QStringLiteral("1 file, 1 folder, 1.95 KiB.\nOn the same filesystem."));
    PlanDialog dialog(r, plan, QStringLiteral("Copy"));
    QVERIFY(dialog.rows().isEmpty());
}

void tst_PlanDialog::spanishStrings()
{
    QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("es")));
    const JobRequest r = mergeRequest();
    const JobSummary plan = runJob(r);
    PlanDialog dialog(r, plan, QStringLiteral("Copiar"));
    QCOMPARE(dialog.windowTitle(), QStringLiteral("Plan: Copiar"));
    const QString text = dialog.findChild<QLabel *>("planSummary")->text();
    QVERIFY2(text.startsWith("3 archivos (1 enlace simbólico), 2 carpetas, 1,96 KiB.\n"
                             "En el mismo sistema de archivos.\n"
                             "3 nombres ya están ocupados"),
             qPrintable(text));
    QVERIFY2(text.contains("No se puede deshacer: se reemplaza 1 archivo"), qPrintable(text));
    QStringList rows = dialog.rows();
    rows.sort();
    QVERIFY2(rows.first().startsWith("Fusionar en | "), qPrintable(rows.join('\n')));
    QVERIFY(rows.last().startsWith("Reemplazar | "));
    QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("en")));
}

QTEST_MAIN(tst_PlanDialog)
#include "tst_plandialog.moc"

// The Operations History window: every journal entry with when, what, its state and whether it
// can be undone or redone now (or why not); Undo/Redo of the selected entry asked of the panel,
// whose answer is shown; nothing replaced on a conflict.
#include "files/historydialog.h"
#include "files/undojournal.h"
#include "localization.h"
#include "scratchdir.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using namespace stdlab::files;

class tst_HistoryDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void listsEveryOperationWithWhatCanBeDone();
    void undoesAndRedoesTheSelectedEntryOnly();
    void aConflictIsReportedAndNothingIsReplaced();
    void spanishStrings();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    QString journalFile() const { return m_data->filePath("journal.json"); }
    void write(const QString &name, const QByteArray &data);
    /// os.mkdir('one'), os.rename('a', 'b'), shutil.copy2('b', 'c'), journaled in that order.
    void threeOperations();
    /// A dialog whose requests are run as the panel runs them (UndoJournal::undo/redo by id).
    std::unique_ptr<HistoryDialog> openDialog();

    std::unique_ptr<ScratchDir> m_dir;
    std::unique_ptr<ScratchDir> m_data;
};

void tst_HistoryDialog::initTestCase()
{
    QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("en")));
}

void tst_HistoryDialog::init()
{
    m_dir = std::make_unique<ScratchDir>();
    m_data = std::make_unique<ScratchDir>();
    QVERIFY(m_dir->isValid() && m_data->isValid());
}

void tst_HistoryDialog::write(const QString &name, const QByteArray &data)
{
    QFile f(path(name));
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(data), data.size());
}

void tst_HistoryDialog::threeOperations()
{
    UndoJournal journal(journalFile());
    QVERIFY(QDir().mkdir(path("one")));
    JournalEntry e;
    e.kind = JournalEntry::Kind::Create;
    e.title = "os.mkdir('one')";
    e.steps = {UndoJournal::pathStep(QString(), path("one"))};
    journal.record(e);
    write("a", "A");
    QVERIFY(QFile::rename(path("a"), path("b")));
    e.kind = JournalEntry::Kind::Rename;
    e.title = "os.rename('a', 'b')";
    e.steps = {UndoJournal::pathStep(path("a"), path("b"))};
    journal.record(e);
    QVERIFY(QFile::copy(path("b"), path("c")));
    e.kind = JournalEntry::Kind::Copy;
    e.title = "shutil.copy2('b', 'c')";
    e.steps = {UndoJournal::copyStep(path("c"))};
    journal.record(e);
}

std::unique_ptr<HistoryDialog> tst_HistoryDialog::openDialog()
{
    auto dialog = std::make_unique<HistoryDialog>(journalFile());
    HistoryDialog *d = dialog.get();
    const QString file = journalFile();
    const auto run = [d, file](qint64 id, bool redo) {
        UndoJournal journal(file);
        const UndoResult r = redo ? journal.redo(id) : journal.undo(id);
        d->showResult(r.ok ? QStringLiteral("done: ") + r.entry.title
                           : QStringLiteral("refused: ") + r.message,
                      !r.ok);
    };
    connect(d, &HistoryDialog::undoRequested, d, [run](qint64 id) { run(id, false); });
    connect(d, &HistoryDialog::redoRequested, d, [run](qint64 id) { run(id, true); });
    dialog->show();
    return dialog;
}

void tst_HistoryDialog::listsEveryOperationWithWhatCanBeDone()
{
    auto empty = openDialog();
    QTRY_VERIFY_WITH_TIMEOUT(empty->isReady(), 10000);
    QCOMPARE(empty->rowCount(), 0);
    QCOMPARE(empty->status(), "No operation yet: what the Files tab does is listed here.");
    QVERIFY(!empty->findChild<QPushButton *>("undoSelected")->isEnabled());

    threeOperations();
    auto dialog = openDialog();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isReady(), 10000);
    QCOMPARE(dialog->rowCount(), 3);
    // Newest first.
    QCOMPARE(dialog->whatAt(0), "shutil.copy2('b', 'c')");
    QCOMPARE(dialog->whatAt(1), "os.rename('a', 'b')");
    QCOMPARE(dialog->whatAt(2), "os.mkdir('one')");
    const QList<JournalEntry> entries = UndoJournal(journalFile()).entries();
    QCOMPARE(dialog->whenAt(2),
             entries.first().time.toLocalTime().toString("yyyy-MM-dd HH:mm:ss"));
    QVERIFY(QDateTime::fromString(dialog->whenAt(0), "yyyy-MM-dd HH:mm:ss").isValid());
    for (int row = 0; row < 3; ++row) {
        QCOMPARE(dialog->stateAt(row), "Done");
    }
    QCOMPARE(dialog->verdictAt(0), "Can be undone if unchanged (its data is read when undone)");
    QCOMPARE(dialog->verdictAt(1), "Can be undone");
    QCOMPARE(dialog->verdictAt(2), "Can be undone");
    dialog->selectRow(1);
    QCOMPARE(dialog->details(), path("a") + " → " + path("b"));
    QVERIFY(dialog->canUndoSelected());
    QVERIFY(!dialog->canRedoSelected());
    // What happened since shows at Refresh: the copy grew, the folder was removed.
    write("c", "AAAA");
    QVERIFY(QDir().rmdir(path("one")));
    QSignalSpy refreshed(dialog.get(), &HistoryDialog::refreshed);
    dialog->findChild<QPushButton *>("refresh")->click();
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(dialog->verdictAt(0), "Cannot be undone: '" + path("c")
                                       + "' changed since it was copied: its size changed "
                                         "(1 -> 4 bytes). It was kept; nothing was undone.");
    QCOMPARE(dialog->verdictAt(2), "Cannot be undone: '" + path("one")
                                       + "' is no longer there: nothing was undone.");
    dialog->selectRow(0);
    QVERIFY(!dialog->canUndoSelected());
    QVERIFY(!dialog->findChild<QPushButton *>("undoSelected")->isEnabled());
}

void tst_HistoryDialog::undoesAndRedoesTheSelectedEntryOnly()
{
    threeOperations();
    auto dialog = openDialog();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isReady(), 10000);
    // The oldest entry (os.mkdir), undone while the two after it stay done.
    dialog->selectRow(2);
    QSignalSpy refreshed(dialog.get(), &HistoryDialog::refreshed);
    dialog->findChild<QPushButton *>("undoSelected")->click();
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(dialog->status(), "done: os.mkdir('one')");
    QVERIFY(!QFileInfo::exists(path("one")));
    QVERIFY(QFileInfo::exists(path("b")));
    QVERIFY(QFileInfo::exists(path("c")));
    QCOMPARE(dialog->whatAt(2), "os.mkdir('one')"); // the selection stays on it
    QCOMPARE(dialog->stateAt(2), "Undone");
    QCOMPARE(dialog->verdictAt(2), "Can be redone");
    QCOMPARE(dialog->stateAt(0), "Done");
    QVERIFY(dialog->canRedoSelected());
    QVERIFY(!dialog->canUndoSelected());
    dialog->findChild<QPushButton *>("redoSelected")->click();
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(dialog->status(), "done: os.mkdir('one')");
    QVERIFY(QFileInfo(path("one")).isDir());
    QCOMPARE(dialog->stateAt(2), "Done");
    // The rename in the middle.
    dialog->selectRow(1);
    dialog->undoSelected();
    QVERIFY(refreshed.wait(10000));
    QVERIFY(QFileInfo::exists(path("a")));
    QVERIFY(!QFileInfo::exists(path("b")));
    QCOMPARE(dialog->stateAt(1), "Undone");
}

void tst_HistoryDialog::aConflictIsReportedAndNothingIsReplaced()
{
    threeOperations();
    auto dialog = openDialog();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isReady(), 10000);
    dialog->selectRow(1); // os.rename('a', 'b'): undo would rename b back to a
    QVERIFY(dialog->canUndoSelected());
    // 'a' appears after the list was checked: the journal's own check refuses at undo time.
    write("a", "appeared");
    QSignalSpy refreshed(dialog.get(), &HistoryDialog::refreshed);
    dialog->undoSelected();
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(dialog->status(), "refused: '" + path("a")
                                   + "' exists now (it appeared since): nothing was replaced, "
                                     "nothing was done.");
    QFile a(path("a"));
    QVERIFY(a.open(QIODevice::ReadOnly));
    QCOMPARE(a.readAll(), QByteArray("appeared"));
    QVERIFY(QFileInfo::exists(path("b")));
    QCOMPARE(dialog->stateAt(1), "Done");
    QCOMPARE(dialog->verdictAt(1), "Cannot be undone: '" + path("a")
                                       + "' exists now (it appeared since): nothing was "
                                         "replaced, nothing was done.");
    QVERIFY(!dialog->canUndoSelected());
}

void tst_HistoryDialog::spanishStrings()
{
    QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("es")));
    threeOperations();
    auto dialog = openDialog();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isReady(), 10000);
    QCOMPARE(dialog->windowTitle(), "Historial de operaciones");
    QCOMPARE(dialog->stateAt(1), "Hecha");
    QCOMPARE(dialog->verdictAt(1), "Se puede deshacer");
    QCOMPARE(dialog->findChild<QPushButton *>("undoSelected")->text(), "Deshacer la seleccionada");
    QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("en")));
}

QTEST_MAIN(tst_HistoryDialog)
#include "tst_historydialog.moc"

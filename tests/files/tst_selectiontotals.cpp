// The selected rows' totals, kept from each selection change's delta.
#include "files/filelistmodel.h"
#include "files/selectiontotals.h"

#include "scratchdir.h"

#include <QDir>
#include <QFile>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QtTest>

using namespace stdlab::files;

namespace stdlab::files {
char *toString(const FileTotals &t)
{
    return qstrdup(QStringLiteral("{folders %1, files %2, bytes %3}")
                       .arg(t.folders)
                       .arg(t.files)
                       .arg(t.bytes)
                       .toUtf8()
                       .constData());
}
} // namespace stdlab::files

class tst_SelectionTotals : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void countsWhatIsSelected();
    void aChangeOfOneRowVisitsOneRow();
    void resetSortAndFilterKeepItRight();
    void folderTotalsAreThoseShown();

private:
    void write(const QString &name, int bytes);
    bool load();
    QModelIndex row(const QString &name) const { return m_model->indexOf(name); }
    void select(const QString &name, QItemSelectionModel::SelectionFlags flags
                                     = QItemSelectionModel::Select);

    std::unique_ptr<ScratchDir> m_dir;
    std::unique_ptr<FileListModel> m_model;
    std::unique_ptr<QItemSelectionModel> m_selection;
    std::unique_ptr<SelectionTotals> m_totals;
};

void tst_SelectionTotals::init()
{
    m_dir = std::make_unique<ScratchDir>();
    QVERIFY(m_dir->isValid());
    write(QStringLiteral("a.txt"), 3);
    write(QStringLiteral("b.txt"), 5);
    write(QStringLiteral("c.log"), 100);
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("carpeta")));
    QVERIFY(QFile::link(m_dir->filePath(QStringLiteral("carpeta")),
                        m_dir->filePath(QStringLiteral("enlace"))));
    m_model = std::make_unique<FileListModel>();
    m_selection = std::make_unique<QItemSelectionModel>(m_model.get());
    m_totals = std::make_unique<SelectionTotals>(m_model.get(), m_selection.get());
    QVERIFY(load());
}

void tst_SelectionTotals::cleanup()
{
    m_totals.reset();
    m_selection.reset();
    m_model.reset();
    m_dir.reset();
}

void tst_SelectionTotals::write(const QString &name, int bytes)
{
    QFile f(m_dir->filePath(name));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(bytes, 'x'));
}

bool tst_SelectionTotals::load()
{
    QSignalSpy loaded(m_model.get(), &FileListModel::loaded);
    if (m_model->directory().isEmpty()) {
        m_model->setDirectory(m_dir->path());
    } else {
        m_model->reload();
    }
    return loaded.wait(10000);
}

void tst_SelectionTotals::select(const QString &name, QItemSelectionModel::SelectionFlags flags)
{
    QVERIFY2(row(name).isValid(), qPrintable(name));
    m_selection->select(row(name), flags | QItemSelectionModel::Rows);
}

void tst_SelectionTotals::countsWhatIsSelected()
{
    QSignalSpy changed(m_totals.get(), &SelectionTotals::changed);
    select(QStringLiteral("a.txt"));
    QCOMPARE(changed.count(), 1);
    select(QStringLiteral("c.log"));
    QCOMPARE(m_totals->rows(), 2);
    QCOMPARE(m_totals->totals(), (FileTotals{0, 2, 103}));
    select(QStringLiteral("carpeta"));
    select(QStringLiteral("enlace"));
    QCOMPARE(m_totals->rows(), 4);
    // The link to a folder is a folder in the list, not one os.rmdir accepts.
    QCOMPARE(m_totals->totals(), (FileTotals{2, 2, 103}));
    QCOMPARE(m_totals->realFolders(), 1);
    select(QStringLiteral("a.txt"), QItemSelectionModel::Toggle);
    select(QStringLiteral("carpeta"), QItemSelectionModel::Deselect);
    QCOMPARE(m_totals->rows(), 2);
    QCOMPARE(m_totals->totals(), (FileTotals{1, 1, 100}));
    QCOMPARE(m_totals->realFolders(), 0);
    // Selecting what is selected changes nothing.
    select(QStringLiteral("c.log"));
    QCOMPARE(m_totals->rows(), 2);
    m_selection->clearSelection();
    QCOMPARE(m_totals->rows(), 0);
    QCOMPARE(m_totals->totals(), FileTotals());
}

void tst_SelectionTotals::aChangeOfOneRowVisitsOneRow()
{
    const QModelIndex first = m_model->index(0, 0);
    const QModelIndex last = m_model->index(m_model->rowCount() - 1, FileListModel::ColumnCount - 1);
    m_selection->select(QItemSelection(first, last), QItemSelectionModel::Select);
    QCOMPARE(m_totals->rows(), 5);
    const quint64 before = m_totals->rowsVisited();
    select(QStringLiteral("b.txt"), QItemSelectionModel::Toggle);
    select(QStringLiteral("b.txt"), QItemSelectionModel::Toggle);
    select(QStringLiteral("enlace"), QItemSelectionModel::Deselect);
    // One row each: the others are not looked at (a scan visited all five, every time).
    QCOMPARE(m_totals->rowsVisited() - before, quint64(3));
    QCOMPARE(m_totals->rows(), 4);
    QCOMPARE(m_totals->totals(), (FileTotals{1, 3, 108}));
}

void tst_SelectionTotals::resetSortAndFilterKeepItRight()
{
    select(QStringLiteral("a.txt"));
    select(QStringLiteral("carpeta"));
    // A sort moves rows (a layout change): the same items stay selected and counted.
    m_model->sort(FileListModel::SizeColumn, Qt::DescendingOrder);
    QCOMPARE(m_totals->rows(), 2);
    QCOMPARE(m_totals->totals(), (FileTotals{1, 1, 3}));
    // A file grows and the folder is listed again: a reset empties the selection, silently.
    write(QStringLiteral("a.txt"), 30);
    QVERIFY(load());
    QCOMPARE(m_selection->selectedRows().size(), 0);
    QCOMPARE(m_totals->rows(), 0);
    QCOMPARE(m_totals->totals(), FileTotals());
    select(QStringLiteral("a.txt"));
    QCOMPARE(m_totals->totals(), (FileTotals{0, 1, 30}));
    // A filter lists again too.
    m_model->setNameFilter(QStringLiteral("*.log"));
    QCOMPARE(m_totals->rows(), 0);
    select(QStringLiteral("c.log"));
    QCOMPARE(m_totals->totals(), (FileTotals{0, 1, 100}));
}

void tst_SelectionTotals::folderTotalsAreThoseShown()
{
    QCOMPARE(m_model->shownTotals(), (FileTotals{2, 3, 108}));
    m_model->setNameFilter(QStringLiteral("*.txt"));
    QCOMPARE(m_model->shownTotals(), (FileTotals{0, 2, 8}));
    write(QStringLiteral(".oculto"), 1000);
    m_model->setNameFilter(QString());
    QVERIFY(load());
    QCOMPARE(m_model->shownTotals(), (FileTotals{2, 3, 108}));
    m_model->setShowHidden(true);
    QCOMPARE(m_model->shownTotals(), (FileTotals{2, 4, 1108}));
}

QTEST_GUILESS_MAIN(tst_SelectionTotals)
#include "tst_selectiontotals.moc"

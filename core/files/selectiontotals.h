#pragma once

#include "filelistmodel.h"

#include <QObject>
#include <QPointer>

class QItemSelection;
class QItemSelectionModel;

namespace stdlab::files {

/**
 * The selected rows' totals (count, folders, files, bytes) for the Files tab's status line and
 * action rules, kept from each selection change's delta: selecting one more row of 100,000
 * visits that row, not all of them (the tab used to count every row of the folder and list every
 * selected one on each change). A reset of the model (a new listing) empties the selection
 * without a selectionChanged(), and a layout change (a sort, or the sizes arriving after the
 * names) may change what the rows hold: both count the selection again, once.
 */
class SelectionTotals : public QObject
{
    Q_OBJECT

public:
    /// Follows @p selection, a selection model over @p model.
    SelectionTotals(FileListModel *model, QItemSelectionModel *selection,
                    QObject *parent = nullptr);

    /// Selected rows (whole rows: column 0 selected).
    int rows() const { return m_rows; }
    /// Of them, folders that are not links: what os.rmdir and shutil.rmtree accept.
    int realFolders() const { return m_realFolders; }
    /// Folders (links to folders included), files and the files' bytes.
    FileTotals totals() const { return m_totals; }
    /// Rows looked at since construction (for tests and measurements).
    quint64 rowsVisited() const { return m_visited; }
    /// Counts the whole selection again (what a reset or layout change does).
    void recount();

Q_SIGNALS:
    void changed();

private:
    void apply(const QItemSelection &ranges, int sign);

    FileListModel *m_model;
    QPointer<QItemSelectionModel> m_selection;
    int m_rows = 0;
    int m_realFolders = 0;
    FileTotals m_totals;
    quint64 m_visited = 0;
};

} // namespace stdlab::files

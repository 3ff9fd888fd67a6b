#include "selectiontotals.h"

#include <QItemSelectionModel>

namespace stdlab::files {

SelectionTotals::SelectionTotals(FileListModel *model, QItemSelectionModel *selection,
                                 QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_selection(selection)
{
    connect(selection, &QItemSelectionModel::selectionChanged, this,
            [this](const QItemSelection &selected, const QItemSelection &deselected) {
                apply(deselected, -1);
                apply(selected, 1);
                Q_EMIT changed();
            });
    // The selection model forgets its rows on a reset without saying so.
    connect(model, &QAbstractItemModel::modelReset, this, &SelectionTotals::recount);
    connect(model, &QAbstractItemModel::layoutChanged, this, &SelectionTotals::recount);
    recount();
}

void SelectionTotals::apply(const QItemSelection &ranges, int sign)
{
    for (const QItemSelectionRange &range : ranges) {
        if (range.left() != 0 || range.model() != m_model) {
            continue; // each row once: by its column 0
        }
        for (int row = range.top(); row <= range.bottom(); ++row) {
            const FileEntry *e = m_model->entry(m_model->index(row, 0));
            ++m_visited;
            if (!e) {
                continue;
            }
            m_rows += sign;
            m_totals.count(*e, sign);
            if (e->isDir && !e->isSymlink) {
                m_realFolders += sign;
            }
        }
    }
}

void SelectionTotals::recount()
{
    m_rows = 0;
    m_realFolders = 0;
    m_totals = FileTotals();
    if (m_selection) {
        apply(m_selection->selection(), 1);
    }
    Q_EMIT changed();
}

} // namespace stdlab::files

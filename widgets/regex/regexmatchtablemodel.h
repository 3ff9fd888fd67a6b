#pragma once

#include <QAbstractTableModel>
#include <QFont>
#include <QPointer>

namespace stdlab::re {
class RegexModel;
}

/**
 * The matches of a RegexModel as a table: number, span (code points, as Python prints it),
 * text, then each group's text and span (named groups headed by their name). Cells are read
 * from the model's match blocks on demand (no copy), and rows are offered to the view in chunks
 * (fetchMore) so that millions of matches do not make the view's headers track millions of
 * sections.
 */
class RegexMatchTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    /// Cells longer than this many characters are shortened with an ellipsis.
    static constexpr int kCellChars = 200;
    /// Rows offered at first, and added by each fetchMore().
    static constexpr int kChunk = 2000;

    explicit RegexMatchTableModel(stdlab::re::RegexModel *model, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    /// Makes row @p row exist (fetching up to it), e.g. to select a match far down.
    void ensureRow(int row);
    /// Matches available (rows once everything is fetched).
    int availableRows() const { return m_available; }

    /// The group a column shows (0 for the number, span and match columns).
    static int groupOfColumn(int column);
    /// Whether @p column shows spans ("(3, 7)") rather than a number or text.
    static bool isSpanColumn(int column);
    /// What cell (@p row, @p column) shows, for any match stored, fetched as a row or not: the
    /// view sizes its columns from the last match (the widest number and spans) before the
    /// user scrolls to it.
    QString cellText(qsizetype row, int column, int role = Qt::DisplayRole) const;
    /// The font cells of @p column are shown in (spans and texts: fixed-width; the number:
    /// @p base, the view's).
    static QFont columnFont(int column, const QFont &base);

Q_SIGNALS:
    /// availableRows() changed: matches arrived (or a new run's results replaced the last).
    void availableRowsChanged();

private:
    QPointer<stdlab::re::RegexModel> m_model;
    int m_groups = 0;
    void growTo(int rows);

    int m_rows = 0;
    int m_available = 0;
    bool m_inserting = false;
};

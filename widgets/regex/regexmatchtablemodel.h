#pragma once

#include <QAbstractTableModel>
#include <QPointer>

namespace stdlab::re {
class RegexModel;
}

/**
 * The matches of a RegexModel as a table: number, span (code points, as Python prints it),
 * text, then each group's text and span (named groups headed by their name). Rows are read
 * from the model's match blocks on demand, so 100,000s of matches cost no copy.
 */
class RegexMatchTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    /// Cells longer than this many characters are shortened with an ellipsis.
    static constexpr int kCellChars = 200;

    explicit RegexMatchTableModel(stdlab::re::RegexModel *model, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// The group a column shows (0 for the number, span and match columns).
    static int groupOfColumn(int column);

private:
    QPointer<stdlab::re::RegexModel> m_model;
    int m_groups = 0;
    int m_rows = 0;
};

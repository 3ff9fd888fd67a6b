#include "regex/regexmatchtablemodel.h"

#include "common/pyrepr.h"
#include "regex/regexhighlighter.h"
#include "regex/regexmodel.h"

#include <QBrush>
#include <QFontDatabase>

using stdlab::re::RegexModel;

RegexMatchTableModel::RegexMatchTableModel(RegexModel *model, QObject *parent)
    : QAbstractTableModel(parent)
    , m_model(model)
{
    connect(model, &RegexModel::resultsReset, this, [this] {
        beginResetModel();
        m_groups = m_model->groupCount();
        m_rows = 0;
        m_available = 0;
        endResetModel();
    });
    connect(model, &RegexModel::matchesAdded, this, [this](qsizetype, qsizetype) {
        m_available = int(std::min<qsizetype>(m_model->matches().size(), INT_MAX));
        if (m_rows < kChunk) {
            growTo(std::min(m_available, kChunk));
        }
        Q_EMIT availableRowsChanged();
    });
}

void RegexMatchTableModel::growTo(int rows)
{
    rows = std::min(rows, m_available);
    // A view (or a model tester) may ask for more from within the insertion signals.
    if (rows > m_rows && !m_inserting) {
        m_inserting = true;
        beginInsertRows({}, m_rows, rows - 1);
        m_rows = rows;
        endInsertRows();
        m_inserting = false;
    }
}

bool RegexMatchTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_inserting && m_rows < m_available;
}

void RegexMatchTableModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid()) {
        growTo(m_rows + kChunk);
    }
}

void RegexMatchTableModel::ensureRow(int row)
{
    if (row >= m_rows) {
        growTo(row + kChunk);
    }
}

int RegexMatchTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int RegexMatchTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 3 + 2 * m_groups;
}

int RegexMatchTableModel::groupOfColumn(int column)
{
    return column < 3 ? 0 : (column - 3) / 2 + 1;
}

namespace {

QString spanText(qsizetype a, qsizetype b)
{
    return QStringLiteral("(%1, %2)").arg(a).arg(b);
}

} // namespace

bool RegexMatchTableModel::isSpanColumn(int column)
{
    return column == 1 || (column >= 3 && (column - 3) % 2 == 1);
}

QFont RegexMatchTableModel::columnFont(int column, const QFont &base)
{
    return column >= 1 ? QFontDatabase::systemFont(QFontDatabase::FixedFont) : base;
}

QString RegexMatchTableModel::cellText(qsizetype row, int column, int role) const
{
    if (!m_model || row < 0 || row >= m_model->matches().size() || column < 0
        || column >= columnCount()) {
        return {};
    }
    const auto &matches = m_model->matches();
    const int g = groupOfColumn(column);
    if (column == 0) {
        return QString::number(row + 1);
    }
    if (isSpanColumn(column)) {
        return spanText(matches.cpStart(row, g), matches.cpEnd(row, g));
    }
    if (!matches.matched(row, g)) {
        return stdlab::py::reprNone();
    }
    const auto subject = m_model->subject();
    if (!subject) {
        return {};
    }
    const qsizetype a = matches.unitStart(row, g);
    const qsizetype b = matches.unitEnd(row, g);
    const qsizetype shown = role == Qt::DisplayRole ? kCellChars : 4 * kCellChars;
    QString text = subject->text().mid(a, std::min(b - a, shown));
    if (b - a > shown) {
        text += QChar(0x2026);
    }
    // Python's repr: quotes make empty matches and spaces visible.
    return stdlab::py::repr(text);
}

QVariant RegexMatchTableModel::data(const QModelIndex &index, int role) const
{
    if (!m_model || !index.isValid() || index.row() >= m_rows) {
        return {};
    }
    const qsizetype row = index.row();
    const int column = index.column();
    const int g = groupOfColumn(column);
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        return cellText(row, column, role);
    }
    if (role == Qt::BackgroundRole && column >= 2) {
        return QBrush(g == 0 ? RegexColors::match() : RegexColors::group(g));
    }
    if (role == Qt::FontRole && column >= 1) {
        return columnFont(column, {});
    }
    if (role == Qt::UserRole) {
        return row;
    }
    return {};
}

QVariant RegexMatchTableModel::headerData(int section, Qt::Orientation orientation,
                                          int role) const
{
    if (role != Qt::DisplayRole) {
        return {};
    }
    if (orientation == Qt::Vertical) {
        return section + 1;
    }
    switch (section) {
    case 0:
        return tr("#");
    case 1:
        return tr("Span");
    case 2:
        return tr("Match");
    default:
        break;
    }
    const int g = groupOfColumn(section);
    const QString name = m_model ? m_model->groupNames().value(g - 1) : QString();
    const QString title = name.isEmpty() ? tr("Group %1").arg(g) : name;
    return (section - 3) % 2 == 0 ? title : tr("%1 span").arg(title);
}

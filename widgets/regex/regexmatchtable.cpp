#include "regex/regexmatchtable.h"

#include "regex/regexmatchtablemodel.h"

#include <QEvent>
#include <QHeaderView>
#include <QStyle>

RegexMatchTable::RegexMatchTable(QWidget *parent)
    : QTableView(parent)
{
    setTabKeyNavigation(false); // Tab leaves the table (arrows move in it)
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setWordWrap(false);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    // Widths are set from the header and the values (fitColumns); the user may still drag them.
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    horizontalHeader()->setStretchLastSection(true);
    fitRows();
}

int RegexMatchTable::rowHeightWanted() const
{
    // What a cell of one line needs, in the taller of the two fonts (the numbers' and the
    // texts' monospace): the style's default section size (30 px with Fusion) made three
    // rows take 90 px, and at 800x600 the table showed one.
    int height = 0;
    for (int column : {0, 1}) {
        QStyleOptionViewItem option;
        initViewItemOption(&option);
        option.font = RegexMatchTableModel::columnFont(column, font());
        option.fontMetrics = QFontMetrics(option.font);
        option.features |= QStyleOptionViewItem::HasDisplay;
        option.text = QStringLiteral("(0, 9)");
        height = std::max(
            height, style()->sizeFromContents(QStyle::CT_ItemViewItem, &option, QSize(), this)
                        .height());
    }
    return height + (showGrid() ? 1 : 0);
}

void RegexMatchTable::fitRows()
{
    verticalHeader()->setMinimumSectionSize(1);
    verticalHeader()->setDefaultSectionSize(rowHeightWanted());
}

void RegexMatchTable::setMatchModel(RegexMatchTableModel *model)
{
    m_model = model;
    setModel(model);
    // A new run's results come with their first matches in one delivery: the columns are
    // fitted once to both, and widened as more matches arrive.
    connect(model, &QAbstractItemModel::modelReset, this, [this] { fitColumns(false); });
    connect(model, &RegexMatchTableModel::availableRowsChanged, this,
            [this] { fitColumns(true); });
    fitColumns(false);
}

int RegexMatchTable::cellWidth(int column, const QString &text) const
{
    // What QStyledItemDelegate::sizeHint() asks the style for, with the column's font.
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.font = RegexMatchTableModel::columnFont(column, font());
    option.fontMetrics = QFontMetrics(option.font);
    option.features |= QStyleOptionViewItem::HasDisplay;
    option.text = text;
    const QSize size = style()->sizeFromContents(QStyle::CT_ItemViewItem, &option, QSize(), this);
    return size.width() + (showGrid() ? 1 : 0);
}

int RegexMatchTable::wantedWidth(int column) const
{
    int wanted = horizontalHeader()->sectionSizeHint(column);
    if (!m_model) {
        return wanted;
    }
    const qsizetype rows = m_model->availableRows();
    if (rows == 0) {
        return wanted;
    }
    if (column == 0 || RegexMatchTableModel::isSpanColumn(column)) {
        // The last match has the longest number; its spans start and end furthest. An
        // unmatched group's span (-1, -1) may be wider than a short text's.
        wanted = std::max(wanted, cellWidth(column, m_model->cellText(rows - 1, column)));
        if (column != 0) {
            wanted = std::max(wanted, cellWidth(column, QStringLiteral("(-1, -1)")));
        }
        return wanted;
    }
    const int cap = cellWidth(column, QString(kTextColumnChars, QLatin1Char('m')));
    for (qsizetype row = 0; row < std::min<qsizetype>(rows, kMeasuredRows); ++row) {
        wanted = std::max(wanted, std::min(cap, cellWidth(column, m_model->cellText(row, column))));
    }
    return wanted;
}

void RegexMatchTable::fitColumns(bool growOnly)
{
    if (!m_model) {
        return;
    }
    QHeaderView *header = horizontalHeader();
    for (int column = 0; column < m_model->columnCount(); ++column) {
        const int wanted = wantedWidth(column);
        if (!growOnly || header->sectionSize(column) < wanted) {
            header->resizeSection(column, wanted);
        }
    }
}

void RegexMatchTable::changeEvent(QEvent *event)
{
    QTableView::changeEvent(event);
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::FontChange
        || event->type() == QEvent::StyleChange) {
        fitRows();
        fitColumns(false);
    }
}

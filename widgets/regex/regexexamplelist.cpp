#include "regex/regexexamplelist.h"

#include <QScrollBar>
#include <QStyle>

RegexExampleList::RegexExampleList(QWidget *parent)
    : QListWidget(parent)
{
    setWordWrap(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
}

int RegexExampleList::itemWidth(int row) const
{
    // What QStyledItemDelegate::sizeHint() asks the style for, on one line.
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.features |= QStyleOptionViewItem::HasDisplay;
    option.features &= ~QStyleOptionViewItem::WrapText;
    option.text = item(row)->text();
    return style()->sizeFromContents(QStyle::CT_ItemViewItem, &option, QSize(), this).width();
}

QSize RegexExampleList::sizeHint() const
{
    int width = 0;
    int height = 0;
    for (int row = 0; row < count(); ++row) {
        width = std::max(width, itemWidth(row));
        height += sizeHintForRow(row);
    }
    // Room for the vertical scroll bar, which a short window shows.
    const int frame = 2 * frameWidth();
    width += frame + style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this);
    const QSize base = QListWidget::sizeHint();
    return {std::max(width, minimumSizeHint().width()), std::max(height + frame, base.height())};
}

QSize RegexExampleList::minimumSizeHint() const
{
    return {fontMetrics().averageCharWidth() * kMinimumChars,
            QListWidget::minimumSizeHint().height()};
}

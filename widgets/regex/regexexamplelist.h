#pragma once

#include <QListWidget>

/**
 * The Regex tab's list of the course's examples. It asks for the width of its longest title on
 * one line (sizeHint), so that a splitter gives it that much where there is room; squeezed (at
 * 800x600) its titles wrap between words, down to a minimum of kMinimumChars characters.
 */
class RegexExampleList : public QListWidget
{
    Q_OBJECT

public:
    /// Below this width (in average characters) the list is not squeezed.
    static constexpr int kMinimumChars = 22;

    explicit RegexExampleList(QWidget *parent = nullptr);

    /// The width that shows every title on one line, and the height of all of them.
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    /// The width item @p row's title needs on one line.
    int itemWidth(int row) const;
};

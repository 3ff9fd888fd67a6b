#pragma once

#include <QWidget>

class QLabel;
class QScrollArea;
class QToolButton;

/**
 * The one way StdLab shows a result or an error next to what caused it (after Qt Creator's
 * Utils::InfoLabel): an icon, word-wrapped selectable text on a tint of the palette, and an
 * optional close button.
 *
 * It never widens its window: its horizontal size policy is Ignored, so a long message wraps
 * (or, for one unbreakable token, is clipped with the whole text in the tooltip) instead of
 * raising the layout's minimum width. Nor does it make the window taller than the text needs at
 * the width it has: its height is that of the wrapped text at its current width (a word-wrapped
 * QLabel's height-for-width makes a top-level window's minimum height that of the text at the
 * narrowest width, one word a line). With setReserveSpace(true) it keeps the height of one line
 * while empty, so a one-line message does not push the fields below it.
 */
class MessageLabel : public QWidget
{
    Q_OBJECT

public:
    enum Kind { Information, Warning, Error };
    Q_ENUM(Kind)

    explicit MessageLabel(QWidget *parent = nullptr);

    void showMessage(const QString &text, Kind kind = Information);
    void showError(const QString &text) { showMessage(text, Error); }
    /// Shows @p text as an error, or clears the label when @p text is empty.
    void setError(const QString &text);
    void clear();

    QString text() const;
    Kind kind() const { return m_kind; }
    bool isEmpty() const { return m_empty; }

    /// Keeps one line of space while empty (instead of hiding), so nothing below moves.
    void setReserveSpace(bool reserve) { setReservedLines(reserve ? 1 : 0); }
    bool reservesSpace() const { return m_reserveSpace; }
    /// Keeps the height of @p lines lines of text, empty or not (0: hidden while empty), so a
    /// message of up to that many lines moves nothing below it.
    void setReservedLines(int lines);
    int reservedLines() const { return m_reservedLines; }
    /// Keeps exactly @p lines lines of text, empty or not: a longer message scrolls within
    /// them (its whole text is in the tooltip too), so no message of any length moves what is
    /// around it. 0: the label grows with its text again.
    void setFixedLines(int lines);
    int fixedLines() const { return m_fixedLines; }
    /// Adds a button that clears the message.
    void setClosable(bool closable);

    /// Off for text whose lines must stay whole (a caret under a pattern); on by default.
    void setWordWrap(bool wrap);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return false; }

Q_SIGNALS:
    /// The user closed the message with its button.
    void closed();

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QColor accent() const;
    void updateIcon();
    void updateHeight();

    QLabel *m_icon;
    QLabel *m_label;
    QToolButton *m_close = nullptr;
    QScrollArea *m_scroll = nullptr; // holds the text with fixed lines
    int m_fixedLines = 0;
    Kind m_kind = Information;
    bool m_empty = true;
    bool m_reserveSpace = false;
    int m_reservedLines = 0;
    int m_height = 0;
    bool m_laidOut = false; // a layout gave it a width
};

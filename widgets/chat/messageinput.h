#pragma once

#include <QPlainTextEdit>
#include <QStringList>

/** The chat input: Enter sends, Shift+Enter starts a new line, Up/Down walk the history. */
class MessageInput : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit MessageInput(QWidget *parent = nullptr);

    QStringList history() const { return m_history; }
    void setHistory(const QStringList &history);
    static constexpr int MaxHistory = 100;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    /// The placeholder that says what to do; the input is as tall as its wrapped lines (up to
    /// MaxLines) whether or not text is typed, so the hint is never clipped and typing never
    /// changes the layout.
    void setHint(const QString &hint);
    static constexpr int MaxLines = 5;

Q_SIGNALS:
    /// Enter was pressed on a non-empty text; the input has been cleared.
    void submitted(const QString &text);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void submit();
    void showHistory(int index);
    int lineHeight() const;
    /// Lines the placeholder takes at the current width.
    int hintLines() const;

    int m_hintLines = 1;

    QStringList m_history;
    int m_historyIndex = -1; ///< -1: editing the draft, not a history entry
    QString m_draft;
};

#pragma once

#include "chat/byteliteral.h"

#include <QPlainTextEdit>
#include <QStringList>

/**
 * The chat input: Enter sends, Shift+Enter starts a new line, Up/Down walk the history. What is
 * typed is text (UTF-8), a Python bytes literal's body (\x00 \r\n) or hex ("48 65 6c"), as
 * setEncoding() says; what does not read as bytes is refused, and stays in the input.
 */
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

    stdlab::chat::InputEncoding encoding() const { return m_encoding; }
    void setEncoding(stdlab::chat::InputEncoding encoding) { m_encoding = encoding; }

Q_SIGNALS:
    /// Enter was pressed on a non-empty text that reads as bytes in the encoding; the input has
    /// been cleared. @p bytes: what to send.
    void submitted(const QString &text, const QByteArray &bytes);
    /// Enter was pressed on a text that does not read as bytes: Python's reason (the text
    /// stays, nothing goes into the history).
    void rejected(const QString &why);

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
    stdlab::chat::InputEncoding m_encoding = stdlab::chat::InputEncoding::Text;

    QStringList m_history;
    int m_historyIndex = -1; ///< -1: editing the draft, not a history entry
    QString m_draft;
};

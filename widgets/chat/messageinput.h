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

Q_SIGNALS:
    /// Enter was pressed on a non-empty text; the input has been cleared.
    void submitted(const QString &text);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void submit();
    void showHistory(int index);
    int lineHeight() const;

    QStringList m_history;
    int m_historyIndex = -1; ///< -1: editing the draft, not a history entry
    QString m_draft;
};

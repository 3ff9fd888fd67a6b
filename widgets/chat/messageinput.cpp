#include "chat/messageinput.h"

#include <QKeyEvent>
#include <QTextBlock>

MessageInput::MessageInput(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("messageInput"));
    setTabChangesFocus(true);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setPlaceholderText(tr("Type a message: Enter sends, Shift+Enter adds a line, Up/Down "
                          "recall earlier ones"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    // Grow with the text up to a few lines, then scroll.
    connect(document(), &QTextDocument::contentsChanged, this, [this] { updateGeometry(); });
}

int MessageInput::lineHeight() const
{
    return fontMetrics().lineSpacing();
}

int MessageInput::hintLines() const
{
    if (placeholderText().isEmpty()) {
        return 1;
    }
    // QPlainTextEdit paints the placeholder word-wrapped inside the document margins.
    const int margin = int(document()->documentMargin());
    const int width = viewport()->width() - 2 * margin;
    if (width <= 0) {
        return 1;
    }
    const QRect r = fontMetrics().boundingRect(QRect(0, 0, width, 100000), Qt::TextWordWrap,
                                               placeholderText());
    return qMax(1, (r.height() + lineHeight() - 1) / lineHeight());
}

void MessageInput::setHint(const QString &hint)
{
    if (hint == placeholderText()) {
        return;
    }
    setPlaceholderText(hint);
    const int lines = hintLines();
    if (lines != m_hintLines) {
        m_hintLines = lines;
        updateGeometry();
    }
}

void MessageInput::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    // A narrower input wraps the hint on more lines: grow (only a change of lines relayouts).
    const int lines = hintLines();
    if (lines != m_hintLines) {
        m_hintLines = lines;
        updateGeometry();
    }
}

QSize MessageInput::sizeHint() const
{
    const int lines = qBound(1, qMax(document()->blockCount(), m_hintLines), MaxLines);
    const int frame = 2 * (frameWidth() + int(document()->documentMargin())) + 2;
    return {300, lines * lineHeight() + frame};
}

QSize MessageInput::minimumSizeHint() const
{
    return {100, lineHeight() + 2 * (frameWidth() + int(document()->documentMargin())) + 2};
}

void MessageInput::setHistory(const QStringList &history)
{
    m_history = history.mid(qMax<qsizetype>(0, history.size() - MaxHistory));
    m_historyIndex = -1;
}

void MessageInput::submit()
{
    const QString text = toPlainText();
    if (text.isEmpty()) {
        return;
    }
    QString why;
    const std::optional<QByteArray> bytes = stdlab::chat::encodeInput(text, m_encoding, &why);
    if (!bytes) {
        Q_EMIT rejected(why);
        return;
    }
    if (m_history.isEmpty() || m_history.constLast() != text) {
        m_history.append(text);
        if (m_history.size() > MaxHistory) {
            m_history.removeFirst();
        }
    }
    m_historyIndex = -1;
    m_draft.clear();
    clear();
    Q_EMIT submitted(text, *bytes);
}

void MessageInput::showHistory(int index)
{
    if (m_historyIndex == -1) {
        m_draft = toPlainText();
    }
    m_historyIndex = index;
    setPlainText(index == -1 ? m_draft : m_history.at(index));
    moveCursor(QTextCursor::End);
}

void MessageInput::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier))) {
        submit();
        event->accept();
        return;
    }
    if (enter) { // Shift+Enter (or Ctrl+Enter): a new line, never a paragraph separator
        insertPlainText(QStringLiteral("\n"));
        event->accept();
        return;
    }
    const bool plain = !(event->modifiers() & ~Qt::KeypadModifier);
    const QTextCursor cursor = textCursor();
    if (plain && event->key() == Qt::Key_Up && !m_history.isEmpty()
        && cursor.blockNumber() == 0) {
        const int next = m_historyIndex == -1 ? int(m_history.size()) - 1
                                              : qMax(0, m_historyIndex - 1);
        if (next != m_historyIndex) {
            showHistory(next);
        }
        event->accept();
        return;
    }
    if (plain && event->key() == Qt::Key_Down && m_historyIndex != -1
        && cursor.blockNumber() == document()->blockCount() - 1) {
        showHistory(m_historyIndex + 1 < m_history.size() ? m_historyIndex + 1 : -1);
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

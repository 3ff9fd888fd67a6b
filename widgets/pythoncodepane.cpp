#include "pythoncodepane.h"

#include "pythonhighlighter.h"

#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QAbstractTextDocumentLayout>
#include <QTextDocument>
#include <QTimer>
#include <QVBoxLayout>

PythonCodePane::PythonCodePane(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(tr("Python equivalent"), this))
    , m_editor(new QPlainTextEdit(this))
    , m_copyButton(new QPushButton(QIcon(QStringLiteral(":/icons/copy.svg")), tr("Copy"), this))
{
    setObjectName(QStringLiteral("pythonCodePane"));
    m_editor->setObjectName(QStringLiteral("pythonCode"));
    m_editor->setAccessibleName(tr("Python equivalent"));
    m_copyButton->setObjectName(QStringLiteral("copyButton"));
    m_copyButton->setToolTip(tr("Copy the Python code to the clipboard"));

    m_editor->setReadOnly(true);
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Two lines at least: more raised the window's minimum height past 600 px with the Chat tab.
    m_editor->setMinimumHeight(QFontMetrics(m_editor->font()).lineSpacing() * 2 + 6);
    m_editor->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_highlighter = new PythonHighlighter(m_editor->document());

    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addStretch();
    header->addWidget(m_copyButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 0);
    layout->addLayout(header);
    layout->addWidget(m_editor);

    connect(m_copyButton, &QPushButton::clicked, this, &PythonCodePane::copy);
}

QString PythonCodePane::code() const
{
    return m_editor->toPlainText();
}

int PythonCodePane::heightForCode() const
{
    const int lines = qMax(1, m_editor->document()->blockCount());
    // Plus half a line: QPlainTextEdit shows its vertical scroll bar when the last line's
    // descent does not fit (it did, by a few pixels, on every program).
    const int text = lines * m_editor->fontMetrics().lineSpacing()
        + m_editor->fontMetrics().lineSpacing() / 2
        + 2 * int(m_editor->document()->documentMargin()) + 2 * m_editor->frameWidth();
    // The horizontal scroll bar, when a line is wider than the pane.
    const bool tooWide = m_editor->document()->documentLayout()->documentSize().width()
        > m_editor->viewport()->width();
    const int scrollBar = tooWide ? m_editor->horizontalScrollBar()->sizeHint().height() : 0;
    const QMargins margins = layout()->contentsMargins();
    const int footer = m_footer && !m_footer->isHidden()
        ? layout()->spacing() + m_footer->sizeHint().height()
        : 0;
    return margins.top() + margins.bottom() + layout()->spacing()
        + qMax(m_title->sizeHint().height(), m_copyButton->sizeHint().height()) + text
        + scrollBar + footer;
}

void PythonCodePane::addHeaderWidget(QWidget *widget)
{
    auto *header = static_cast<QBoxLayout *>(layout()->itemAt(0)->layout());
    header->insertWidget(header->indexOf(m_copyButton), widget);
}

void PythonCodePane::addFooterWidget(QWidget *widget)
{
    m_footer = widget;
    static_cast<QBoxLayout *>(layout())->addWidget(widget);
}

void PythonCodePane::setCode(const QString &code)
{
    if (code != m_editor->toPlainText()) {
        m_editor->setPlainText(code);
    }
}

void PythonCodePane::copy()
{
    QGuiApplication::clipboard()->setText(code());
    m_copyButton->setText(tr("Copied"));
    QTimer::singleShot(1500, this, [this] { m_copyButton->setText(tr("Copy")); });
    Q_EMIT copied();
}

void PythonCodePane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        m_highlighter->updateColors(palette());
    }
    QWidget::changeEvent(event);
}

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
    m_copyButton->setObjectName(QStringLiteral("copyButton"));
    m_copyButton->setToolTip(tr("Copy the Python code to the clipboard"));

    m_editor->setReadOnly(true);
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setMinimumHeight(60);
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

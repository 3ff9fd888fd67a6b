#include "chat/ruleseditor.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using stdlab::chat::ReplyRule;

RulesEditor::RulesEditor(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_table(new QTableWidget(0, 2, this)),
      m_add(new QPushButton(this)), m_remove(new QPushButton(this)),
      m_hasDefault(new QCheckBox(this)), m_default(new QLineEdit(this))
{
    setObjectName(QStringLiteral("rulesEditor"));
    m_table->setObjectName(QStringLiteral("rulesTable"));
    m_add->setObjectName(QStringLiteral("addRule"));
    m_remove->setObjectName(QStringLiteral("removeRule"));
    m_hasDefault->setObjectName(QStringLiteral("hasDefaultReply"));
    m_default->setObjectName(QStringLiteral("defaultReply"));
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setMinimumHeight(4 * m_table->fontMetrics().height() + 8);
    m_title->setBuddy(m_table);
    m_default->setEnabled(false);
    m_remove->setEnabled(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_add);
    top->addWidget(m_remove);
    layout->addLayout(top);
    layout->addWidget(m_table);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_hasDefault);
    bottom->addWidget(m_default, 1);
    layout->addLayout(bottom);

    connect(m_add, &QPushButton::clicked, this, [this] {
        addRow({});
        m_table->setCurrentCell(m_table->rowCount() - 1, 0);
        m_table->editItem(m_table->item(m_table->rowCount() - 1, 0));
        Q_EMIT changed();
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row >= 0) {
            m_table->removeRow(row);
            Q_EMIT changed();
        }
    });
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            [this] { m_remove->setEnabled(m_table->currentRow() >= 0); });
    connect(m_table, &QTableWidget::itemChanged, this, &RulesEditor::changed);
    connect(m_hasDefault, &QCheckBox::toggled, this, [this](bool on) {
        m_default->setEnabled(on);
        Q_EMIT changed();
    });
    connect(m_default, &QLineEdit::textChanged, this, &RulesEditor::changed);
    retranslate();
}

void RulesEditor::addRow(const ReplyRule &rule)
{
    const QSignalBlocker block(m_table);
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(rule.pattern));
    m_table->setItem(row, 1, new QTableWidgetItem(rule.reply));
}

QList<ReplyRule> RulesEditor::rules() const
{
    QList<ReplyRule> rules;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *pattern = m_table->item(row, 0);
        const QTableWidgetItem *reply = m_table->item(row, 1);
        ReplyRule r{pattern ? pattern->text() : QString(), reply ? reply->text() : QString()};
        if (!r.pattern.isEmpty() || !r.reply.isEmpty()) {
            rules.append(r);
        }
    }
    return rules;
}

void RulesEditor::setRules(const QList<ReplyRule> &rules)
{
    m_table->setRowCount(0);
    for (const ReplyRule &r : rules) {
        addRow(r);
    }
    Q_EMIT changed();
}

std::optional<QString> RulesEditor::defaultReply() const
{
    if (!m_hasDefault->isChecked()) {
        return std::nullopt;
    }
    return m_default->text();
}

void RulesEditor::setDefaultReply(const std::optional<QString> &reply)
{
    m_default->setText(reply.value_or(QString()));
    m_hasDefault->setChecked(reply.has_value());
}

void RulesEditor::retranslate()
{
    m_title->setText(tr("&Rules (the first whose pattern matches the whole line answers):"));
    m_table->setHorizontalHeaderLabels({tr("Pattern (Python re)"), tr("Reply")});
    m_table->setToolTip(tr("A reply may use the pattern's groups: \\1, \\g<name>, \\g<0> (the "
                           "whole line)"));
    m_add->setText(tr("Add Rule"));
    m_remove->setText(tr("Remove Rule"));
    m_hasDefault->setText(tr("&Default reply:"));
    m_default->setPlaceholderText(tr("when no rule matches"));
    m_default->setAccessibleName(tr("Default reply"));
}

void RulesEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QWidget::changeEvent(event);
}

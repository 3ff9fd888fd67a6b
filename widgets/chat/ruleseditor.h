#pragma once

#include "chat/replyrules.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

/**
 * The Chat tab's editor of reply rules (server mode `rules`): a table of Pattern → Reply rows,
 * tried in order, and an optional default reply. Only edits: the panel compiles the rules
 * (stdlab::chat::ReplyRules) and says what is wrong with them.
 */
class RulesEditor : public QWidget
{
    Q_OBJECT

public:
    explicit RulesEditor(QWidget *parent = nullptr);

    /// The rows in order; a row with an empty pattern and reply is left out.
    QList<stdlab::chat::ReplyRule> rules() const;
    void setRules(const QList<stdlab::chat::ReplyRule> &rules);
    /// nullopt when "Default reply" is off.
    std::optional<QString> defaultReply() const;
    void setDefaultReply(const std::optional<QString> &reply);

    void retranslate();

Q_SIGNALS:
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void addRow(const stdlab::chat::ReplyRule &rule);

    QLabel *m_title;
    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_remove;
    QCheckBox *m_hasDefault;
    QLineEdit *m_default;
};

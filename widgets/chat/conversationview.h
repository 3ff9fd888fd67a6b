#pragma once

#include <QListView>

namespace stdlab::chat {
class ConversationModel;
}

/** The conversation as one line per entry: time, direction, peer, text; follows the newest. */
class ConversationView : public QListView
{
    Q_OBJECT

public:
    explicit ConversationView(QWidget *parent = nullptr);

    void setConversation(stdlab::chat::ConversationModel *model);
    /// Scrolls to the newest entry if the view was showing it before the last insertion.
    void followIfAtBottom();

public Q_SLOTS:
    void toggleHexOfSelection();
    void copySelection(bool hex = false);

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    stdlab::chat::ConversationModel *m_model = nullptr;
    bool m_wasAtBottom = true;
};

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
    /// Scrolls to the newest entry unless the user scrolled up to read older ones.
    void followIfAtBottom();
    bool isFollowing() const { return m_following; }

public Q_SLOTS:
    void toggleHexOfSelection();
    void copySelection(bool hex = false);

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void watchScrollBar();

    stdlab::chat::ConversationModel *m_model = nullptr;
    bool m_following = true;  ///< the user has not scrolled up
    bool m_adjusting = false; ///< our own scroll to the bottom, not the user's
};

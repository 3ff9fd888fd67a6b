#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QSpinBox;
class QTableView;

namespace stdlab::chat {
class ChatSession;
class ChunkModel;
} // namespace stdlab::chat

/**
 * The Chat tab's Chunks view: the data as received, one row per read (recv) with its size, the
 * time since the previous read and, when the sender is StdLab, the sender's send() calls each
 * read holds; above it the slow reader switch (read N bytes, pause M ms) and how much of what
 * this end sent still waits (bytesToWrite grows while the other end reads slowly).
 */
class ChunksView : public QWidget
{
    Q_OBJECT

public:
    explicit ChunksView(stdlab::chat::ChatSession *session, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    /// Scrolls to the newest read unless the user scrolled up.
    void followIfAtBottom();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void applySlowReader();
    void updateStatus();

    stdlab::chat::ChatSession *m_session;
    stdlab::chat::ChunkModel *m_model;
    QCheckBox *m_slow = nullptr;
    QSpinBox *m_slowBytes = nullptr;
    QLabel *m_bytesLabel = nullptr;
    QSpinBox *m_slowPause = nullptr;
    QLabel *m_status = nullptr;
    QTableView *m_table = nullptr;
    bool m_following = true;
};

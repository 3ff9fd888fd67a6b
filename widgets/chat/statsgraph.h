#pragma once

#include "chat/statshistory.h"

#include <QWidget>

/** A small rolling graph of messages/s in and out, painted from a StatsHistory ring buffer. */
class StatsGraph : public QWidget
{
    Q_OBJECT

public:
    explicit StatsGraph(QWidget *parent = nullptr);

    /// The history to paint (not owned); call update() after pushing samples.
    void setHistory(const stdlab::chat::StatsHistory *history);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    const stdlab::chat::StatsHistory *m_history = nullptr;
};

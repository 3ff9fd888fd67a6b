#pragma once

#include <QList>
#include <QPointF>
#include <QWidget>

/**
 * A small line plot of the steps a backtracking run took against the pump count n (the ReDoS
 * verdict's confirmation run), painted with QPainter: linear axes from 0, the first and last
 * values written at their ends, a dot per measurement.
 */
class RedosPlot : public QWidget
{
    Q_OBJECT

public:
    explicit RedosPlot(QWidget *parent = nullptr);

    /// (n, steps) pairs, n ascending; an empty list clears the plot.
    void setPoints(const QList<QPointF> &points);
    QList<QPointF> points() const { return m_points; }
    /// Where a measurement (n, steps) is drawn, in the widget's coordinates.
    QPointF pixelOf(const QPointF &point) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QRectF plotArea() const;

    QList<QPointF> m_points;
};

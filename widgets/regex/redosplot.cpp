#include "regex/redosplot.h"

#include "appearance.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

RedosPlot::RedosPlot(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void RedosPlot::setPoints(const QList<QPointF> &points)
{
    m_points = points;
    update();
}

QSize RedosPlot::sizeHint() const
{
    return QSize(fontMetrics().averageCharWidth() * 40, fontMetrics().lineSpacing() * 8);
}

QSize RedosPlot::minimumSizeHint() const
{
    return QSize(fontMetrics().averageCharWidth() * 20, fontMetrics().lineSpacing() * 7);
}

QRectF RedosPlot::plotArea() const
{
    // Room on the left for the largest step count, below for n's values and the axis title.
    const QFontMetrics metrics = fontMetrics();
    double most = 0;
    for (const QPointF &p : m_points) {
        most = std::max(most, p.y());
    }
    const int left = metrics.horizontalAdvance(QLocale().toString(qint64(most))) + 8;
    const int bottom = 2 * metrics.lineSpacing() + 4;
    const int top = metrics.lineSpacing() / 2 + 2;
    const int right = metrics.averageCharWidth() * 3;
    return QRectF(left, top, std::max(1, width() - left - right),
                  std::max(1, height() - top - bottom));
}

QPointF RedosPlot::pixelOf(const QPointF &point) const
{
    double maxN = 0;
    double maxSteps = 0;
    for (const QPointF &p : m_points) {
        maxN = std::max(maxN, p.x());
        maxSteps = std::max(maxSteps, p.y());
    }
    const QRectF area = plotArea();
    const double x = maxN > 0 ? point.x() / maxN : 0;
    const double y = maxSteps > 0 ? point.y() / maxSteps : 0;
    return QPointF(area.left() + x * area.width(), area.bottom() - y * area.height());
}

void RedosPlot::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF area = plotArea();
    const QColor ink = palette().color(QPalette::WindowText);
    const QColor line = stdlab::appearance::tint(stdlab::appearance::Tint::Warning, palette());
    const QFontMetrics metrics = fontMetrics();
    // Axes, from 0.
    painter.setPen(QPen(ink, 1));
    painter.drawLine(area.bottomLeft(), area.bottomRight());
    painter.drawLine(area.bottomLeft(), area.topLeft());
    //: The plot's horizontal axis: how many times the pump is repeated.
    const QString nTitle = tr("n (repetitions of the pump)");
    painter.drawText(QRectF(area.left(), area.bottom() + metrics.lineSpacing(), area.width(),
                            metrics.lineSpacing()),
                     Qt::AlignHCenter | Qt::AlignTop, nTitle);
    if (m_points.isEmpty()) {
        return;
    }
    const QPointF last = m_points.last();
    double maxSteps = 0;
    for (const QPointF &p : m_points) {
        maxSteps = std::max(maxSteps, p.y());
    }
    // The largest step count at the top of the vertical axis, the largest n at the right.
    painter.drawText(QRectF(0, area.top() - metrics.lineSpacing() / 2, area.left() - 4,
                            metrics.lineSpacing()),
                     Qt::AlignRight | Qt::AlignVCenter, QLocale().toString(qint64(maxSteps)));
    painter.drawText(QRectF(0, area.bottom() - metrics.lineSpacing() / 2, area.left() - 4,
                            metrics.lineSpacing()),
                     Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("0"));
    const QString lastN = QLocale().toString(qint64(last.x()));
    painter.drawText(QRectF(area.right() - 50, area.bottom() + 2, 100, metrics.lineSpacing()),
                     Qt::AlignHCenter | Qt::AlignTop, lastN);
    painter.save();
    painter.translate(area.left() + 6, area.top() + metrics.ascent());
    //: The plot's vertical axis: the steps of the backtracking run.
    painter.drawText(QPointF(0, 0), tr("steps"));
    painter.restore();
    QPainterPath path;
    for (qsizetype i = 0; i < m_points.size(); ++i) {
        const QPointF at = pixelOf(m_points[i]);
        if (i == 0) {
            path.moveTo(at);
        } else {
            path.lineTo(at);
        }
    }
    painter.setPen(QPen(line, 2));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(path);
    painter.setPen(Qt::NoPen);
    painter.setBrush(line);
    for (const QPointF &p : std::as_const(m_points)) {
        painter.drawEllipse(pixelOf(p), 3.5, 3.5);
    }
}

#include "chat/statsgraph.h"

#include "appearance.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

using stdlab::chat::StatsHistory;

namespace {

// A "nice" upper bound for the scale (1, 2, 5 × 10^n) so the axis label reads well.
double niceCeiling(double value)
{
    if (value <= 1) {
        return 1;
    }
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 2.0, 5.0, 10.0}) {
        if (value <= step * magnitude) {
            return step * magnitude;
        }
    }
    return 10 * magnitude;
}

} // namespace

StatsGraph::StatsGraph(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("statsGraph"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setToolTip(tr("Messages per second: received (filled) and sent (line)"));
}

void StatsGraph::setHistory(const StatsHistory *history)
{
    m_history = history;
    update();
}

QSize StatsGraph::sizeHint() const
{
    return {240, fontMetrics().height() * 4 + 8};
}

QSize StatsGraph::minimumSizeHint() const
{
    return {120, fontMetrics().height() * 2};
}

void StatsGraph::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QPalette pal = palette();
    const QRectF area = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    p.fillRect(rect(), pal.color(QPalette::Base));
    p.setPen(pal.color(QPalette::Mid));
    p.drawRect(area);

    const int capacity = m_history ? m_history->capacity() : 1;
    const int n = m_history ? m_history->size() : 0;
    double top = 1;
    if (n > 0) {
        top = niceCeiling(std::max(m_history->maximum(StatsHistory::MessagesIn),
                                   m_history->maximum(StatsHistory::MessagesOut)));
    }

    const QRectF plot = area.adjusted(2, 2, -2, -2);
    // Grid: half line.
    QColor grid = pal.color(QPalette::Mid);
    grid.setAlphaF(0.4);
    p.setPen(QPen(grid, 1, Qt::DashLine));
    p.drawLine(QPointF(plot.left(), plot.center().y()), QPointF(plot.right(), plot.center().y()));

    if (n >= 2) {
        p.setRenderHint(QPainter::Antialiasing);
        const double dx = plot.width() / double(std::max(1, capacity - 1));
        const double x0 = plot.right() - dx * (n - 1); // newest sample at the right edge
        auto pointAt = [&](int i, StatsHistory::Series s) {
            const double v = m_history->at(i).rate[size_t(s)];
            return QPointF(x0 + dx * i, plot.bottom() - plot.height() * std::min(1.0, v / top));
        };
        const QColor inColor = pal.color(QPalette::Highlight);
        QPainterPath in;
        in.moveTo(x0, plot.bottom());
        for (int i = 0; i < n; ++i) {
            in.lineTo(pointAt(i, StatsHistory::MessagesIn));
        }
        in.lineTo(plot.right(), plot.bottom());
        in.closeSubpath();
        QColor fill = inColor;
        fill.setAlphaF(0.35);
        p.fillPath(in, fill);
        p.setPen(QPen(inColor, 1.5));
        QPolygonF inLine;
        QPolygonF outLine;
        inLine.reserve(n);
        outLine.reserve(n);
        for (int i = 0; i < n; ++i) {
            inLine << pointAt(i, StatsHistory::MessagesIn);
            outLine << pointAt(i, StatsHistory::MessagesOut);
        }
        p.drawPolyline(inLine);
        p.setPen(QPen(stdlab::appearance::tint(stdlab::appearance::Tint::Outgoing, pal), 1.5));
        p.drawPolyline(outLine);
        p.setRenderHint(QPainter::Antialiasing, false);
    }

    p.setPen(pal.color(QPalette::PlaceholderText));
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.85);
    p.setFont(f);
    p.drawText(plot.adjusted(3, 1, -3, -1), Qt::AlignLeft | Qt::AlignTop,
               tr("%1 msg/s").arg(QLocale().toString(top, 'f', 0)));
    if (n < 2) {
        p.drawText(plot, Qt::AlignCenter, tr("no traffic yet"));
    }
}

#pragma once

#include "regex/railroad.h"

#include <QImage>
#include <QWidget>

class QPainter;

namespace stdlab {

/**
 * Paints a re::RailroadDiagram (regex/railroad.h): zoom (Ctrl+wheel, Ctrl++ / Ctrl+- / Ctrl+0,
 * or setZoom), hover reported as the pattern span under the mouse, and a span highlighted from
 * outside (the explanation or the pattern under the mouse). Its size is the diagram's times the
 * zoom: put it in a QScrollArea. The diagram comes from re::railroad() (cheap: one parse).
 */
class RailroadView : public QWidget
{
    Q_OBJECT

public:
    explicit RailroadView(QWidget *parent = nullptr);

    void setDiagram(const re::RailroadDiagram &diagram);
    void clear();
    const re::RailroadDiagram &diagram() const { return m_diagram; }

    double zoom() const { return m_zoom; }
    /// Clamped to [kMinZoom, kMaxZoom].
    void setZoom(double zoom);
    static constexpr double kMinZoom = 0.25;
    static constexpr double kMaxZoom = 4;

    /// Marks the items whose span lies within [start, end) (start < 0: none).
    void setHighlight(qsizetype start, qsizetype end);
    QPair<qsizetype, qsizetype> highlight() const { return {m_highlightStart, m_highlightEnd}; }

    QSize sizeHint() const override;

    /// Paints @p diagram at zoom 1 with @p painter (colours for a light background unless
    /// @p palette is given), items within [highlightStart, highlightEnd) marked.
    static void paint(QPainter &painter, const re::RailroadDiagram &diagram,
                      qsizetype highlightStart = -1, qsizetype highlightEnd = -1,
                      const QPalette *palette = nullptr);
    /// The diagram as an image on white, @p scale pixels per unit. Needs a QGuiApplication.
    static QImage image(const re::RailroadDiagram &diagram, double scale = 2);
    /// The PNG export's limit per side: beyond it most viewers refuse the image, and it takes
    /// a gigabyte (10,000 alternatives: 386 x 640,024 px); an SVG has no such limit.
    static constexpr int kMaxImageSide = 32767;
    /// The pixel size image() makes.
    static QSize imageSize(const re::RailroadDiagram &diagram, double scale = 2);
    /// Writes @p diagram to @p file: a PNG (image()) when its name ends in .png, else SVG.
    /// All or nothing (written under a temporary name). Returns the error, empty on success.
    static QString save(const re::RailroadDiagram &diagram, const QString &file);

signals:
    /// The span of the item under the mouse; (-1, -1) when it leaves every item.
    void hovered(qsizetype start, qsizetype end);
    void zoomChanged(double zoom);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void hoverItem(qsizetype index);

    re::RailroadDiagram m_diagram;
    double m_zoom = 1;
    qsizetype m_hover = -1;
    qsizetype m_highlightStart = -1;
    qsizetype m_highlightEnd = -1;
};

/// `stdlab regex railroad PATTERN [--flags F] [-o FILE.svg|FILE.png] [--lang es|en]`: the SVG on
/// standard output without -o. Runs under a QGuiApplication (PNG text needs fonts).
int runRailroadCommand(const QStringList &arguments);

} // namespace stdlab

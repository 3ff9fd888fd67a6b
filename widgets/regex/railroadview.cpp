#include "regex/railroadview.h"

#include "common/cli.h"
#include "regex/regexcli.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFontDatabase>
#include <QImageWriter>
#include <QKeyEvent>
#include <QPainter>
#include <QPainterPath>
#include <QSaveFile>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace stdlab {

namespace {

struct Colors
{
    QColor fill;
    QColor stroke;
};

Colors colorsOf(re::RailroadItem::Kind kind)
{
    switch (kind) {
    case re::RailroadItem::Kind::Anchor:
        return {QColor(0xfd, 0xf1, 0xd8), QColor(0xa0, 0x6a, 0x00)};
    case re::RailroadItem::Kind::Reference:
        return {QColor(0xf3, 0xe6, 0xfa), QColor(0x7a, 0x3f, 0x99)};
    default:
        return {QColor(0xe8, 0xf1, 0xfb), QColor(0x2b, 0x5d, 0x8c)};
    }
}

QFont diagramFont()
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPixelSize(int(re::RailroadDiagram::kFontSize));
    return font;
}

} // namespace

RailroadView::RailroadView(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setObjectName(QStringLiteral("railroadView"));
}

void RailroadView::setDiagram(const re::RailroadDiagram &diagram)
{
    m_diagram = diagram;
    m_hover = -1;
    setMinimumSize(sizeHint());
    resize(sizeHint());
    updateGeometry();
    update();
}

void RailroadView::clear()
{
    setDiagram(re::RailroadDiagram{});
}

void RailroadView::setZoom(double zoom)
{
    zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    if (zoom == m_zoom) {
        return;
    }
    m_zoom = zoom;
    setMinimumSize(sizeHint());
    resize(sizeHint());
    updateGeometry();
    update();
    emit zoomChanged(m_zoom);
}

void RailroadView::setHighlight(qsizetype start, qsizetype end)
{
    if (start == m_highlightStart && end == m_highlightEnd) {
        return;
    }
    m_highlightStart = start;
    m_highlightEnd = end;
    update();
}

QSize RailroadView::sizeHint() const
{
    return QSize(int(std::ceil(m_diagram.size.width() * m_zoom)),
                 int(std::ceil(m_diagram.size.height() * m_zoom)));
}

void RailroadView::paint(QPainter &painter, const re::RailroadDiagram &d, qsizetype highlightStart,
                         qsizetype highlightEnd, const QPalette *palette)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setFont(diagramFont());
    const QColor ink = palette ? palette->color(QPalette::Text) : QColor(0x33, 0x33, 0x33);
    const QColor muted =
        palette ? palette->color(QPalette::PlaceholderText) : QColor(0x55, 0x55, 0x55);
    const QColor mark(0xe0, 0x70, 0x10);
    painter.setPen(QPen(ink, 1.5));
    painter.setBrush(Qt::NoBrush);
    for (const QList<QPointF> &rail : d.rails) {
        painter.drawPolyline(rail.constData(), int(rail.size()));
    }
    painter.setBrush(ink);
    painter.drawEllipse(d.entry, 4, 4);
    painter.drawEllipse(d.exit, 4, 4);
    const QFontMetricsF metrics(painter.font());
    auto marked = [&](const re::RailroadItem &item) {
        return highlightStart >= 0 && item.start >= highlightStart && item.end <= highlightEnd
            && item.start >= 0;
    };
    for (const re::RailroadItem &item : d.items) {
        const bool on = marked(item);
        switch (item.kind) {
        case re::RailroadItem::Kind::Frame:
            painter.setBrush(Qt::NoBrush);
            painter.setPen(QPen(on ? mark : QColor(0x88, 0x88, 0x88), on ? 2.5 : 1, Qt::DashLine));
            painter.drawRoundedRect(item.rect, 6, 6);
            break;
        case re::RailroadItem::Kind::Label:
            painter.setPen(on ? mark : muted);
            painter.drawText(item.rect, Qt::AlignLeft | Qt::AlignVCenter,
                             metrics.elidedText(item.text, Qt::ElideRight,
                                                std::max(item.rect.width(), 40.0) + 20));
            break;
        default: {
            const Colors c = colorsOf(item.kind);
            painter.setBrush(c.fill);
            painter.setPen(QPen(on ? mark : c.stroke, on ? 2.5 : 1.2));
            const double radius = item.kind == re::RailroadItem::Kind::Anchor ? 12 : 4;
            painter.drawRoundedRect(item.rect, radius, radius);
            painter.setPen(QColor(0x11, 0x11, 0x11));
            painter.drawText(item.rect, Qt::AlignCenter,
                             metrics.elidedText(item.text, Qt::ElideRight, item.rect.width() - 4));
            break;
        }
        }
    }
    painter.restore();
}

QSize RailroadView::imageSize(const re::RailroadDiagram &d, double scale)
{
    return QSize(std::max(1, int(std::ceil(d.size.width() * scale))),
                 std::max(1, int(std::ceil(d.size.height() * scale))));
}

QImage RailroadView::image(const re::RailroadDiagram &d, double scale)
{
    QImage image(imageSize(d, scale), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.scale(scale, scale);
    paint(painter, d);
    painter.end();
    return image;
}

QString RailroadView::save(const re::RailroadDiagram &d, const QString &file)
{
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly)) {
        return out.errorString();
    }
    if (file.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
        QImageWriter writer(&out, "png");
        if (!writer.write(image(d))) {
            out.cancelWriting();
            return writer.errorString();
        }
    } else if (out.write(re::railroadSvg(d).toUtf8()) < 0) {
        out.cancelWriting();
        return out.errorString();
    }
    return out.commit() ? QString() : out.errorString();
}

void RailroadView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    painter.scale(m_zoom, m_zoom);
    qsizetype start = m_highlightStart;
    qsizetype end = m_highlightEnd;
    if (m_hover >= 0) {
        start = m_diagram.items[m_hover].start;
        end = m_diagram.items[m_hover].end;
    }
    const QPalette pal = palette();
    paint(painter, m_diagram, start, end, &pal);
}

void RailroadView::hoverItem(qsizetype index)
{
    if (index == m_hover) {
        return;
    }
    m_hover = index;
    update();
    if (index < 0) {
        emit hovered(-1, -1);
    } else {
        emit hovered(m_diagram.items[index].start, m_diagram.items[index].end);
    }
}

void RailroadView::mouseMoveEvent(QMouseEvent *event)
{
    hoverItem(m_diagram.itemAt(event->position() / m_zoom));
    QWidget::mouseMoveEvent(event);
}

void RailroadView::leaveEvent(QEvent *event)
{
    hoverItem(-1);
    QWidget::leaveEvent(event);
}

void RailroadView::wheelEvent(QWheelEvent *event)
{
    if (!(event->modifiers() & Qt::ControlModifier) || event->angleDelta().y() == 0) {
        QWidget::wheelEvent(event); // the scroll area scrolls
        return;
    }
    setZoom(m_zoom * (event->angleDelta().y() > 0 ? 1.25 : 0.8));
    event->accept();
}

void RailroadView::keyPressEvent(QKeyEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        if (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Equal) {
            setZoom(m_zoom * 1.25);
            return;
        }
        if (event->key() == Qt::Key_Minus) {
            setZoom(m_zoom * 0.8);
            return;
        }
        if (event->key() == Qt::Key_0) {
            setZoom(1);
            return;
        }
    }
    QWidget::keyPressEvent(event);
}

int runRailroadCommand(const QStringList &arguments)
{
    const QString command = arguments.value(0);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "stdlab regex railroad: a railroad diagram of a Python pattern, as SVG or PNG."));
    const QCommandLineOption flags(QStringLiteral("flags"),
                                   QStringLiteral("Flags: any of i m s x a."),
                                   QStringLiteral("imsxa"));
    const QCommandLineOption output(QStringList{QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write FILE.svg or FILE.png (default: the SVG "
                                                   "on standard output)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption lang(QStringLiteral("lang"),
                                  QStringLiteral("Language of the labels, es or en."),
                                  QStringLiteral("lang"));
    parser.addOptions({flags, output, lang});
    if (const auto code = cli::parse(parser, arguments,
                                     QStringLiteral("railroad PATTERN [--flags F] [-o FILE]"))) {
        return *code;
    }
    const QStringList args = parser.positionalArguments();
    const QString file = parser.value(output);
    const bool png = file.endsWith(QLatin1String(".png"), Qt::CaseInsensitive);
    if (!file.isEmpty() && !png && !file.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) {
        return cli::usageError(command, QStringLiteral("-o needs a .svg or .png file name"));
    }
    int f = 0;
    if (const auto code = readPatternArguments(
            command, args.value(0) == QLatin1String("railroad") ? args : QStringList(),
            QStringLiteral("expected: railroad PATTERN [--flags F] [-o FILE]"), parser.value(lang),
            parser.value(flags), &f)) {
        return *code;
    }
    re::Error error;
    const auto diagram = re::railroad(args[1], f, &error);
    if (!diagram) {
        return reportBadPattern(command, error, args[1]);
    }
    if (file.isEmpty()) {
        cli::out() << re::railroadSvg(*diagram);
        cli::out().flush();
        return cli::Ok;
    }
    if (png) {
        const QSize size = RailroadView::imageSize(*diagram);
        if (std::max(size.width(), size.height()) > RailroadView::kMaxImageSide) {
            cli::err() << "stdlab " << command << ": the diagram is " << size.width() << " x "
                       << size.height() << " px, too large for a PNG (at most "
                       << RailroadView::kMaxImageSide << " px a side): write an SVG (-o "
                       << "FILE.svg)\n";
            cli::err().flush();
            return cli::Failure;
        }
    }
    const QString why = RailroadView::save(*diagram, file);
    if (!why.isEmpty()) {
        cli::err() << "stdlab " << command << ": cannot write " << file << ": " << why << "\n";
        cli::err().flush();
        return cli::Failure;
    }
    return cli::Ok;
}

} // namespace stdlab

#include "chat/sequencediagram.h"

#include "appearance.h"

#include "chat/conversationmodel.h"

#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QImage>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSvgGenerator>
#include <QToolTip>
#include <QVBoxLayout>

using stdlab::chat::SequenceModel;
using Step = SequenceModel::Step;
using Lane = SequenceModel::Lane;

namespace {
/// A PNG taller than this keeps the newest rows (an image of 2,000 steps would take 160 MB).
constexpr int kMaxPngHeight = 16000;
constexpr int kMinWidth = 420;
} // namespace

SequenceDiagram::SequenceDiagram(SequenceModel *model, QWidget *parent)
    : QWidget(parent), m_model(model)
{
    setObjectName(QStringLiteral("sequenceDiagram"));
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    connect(m_model, &SequenceModel::stepsAdded, this, [this](int serial) {
        if (serial == m_serial) {
            reload();
        }
    });
}

void SequenceDiagram::setConnection(int serial)
{
    m_serial = serial;
    m_hovered = -1;
    reload();
}

void SequenceDiagram::reload()
{
    m_steps = m_model->steps(m_serial);
    const SequenceModel::Connection *c = m_model->connection(m_serial);
    m_peer = c ? c->peer : QString();
    updateGeometry();
    resize(width(), sizeHint().height());
    update();
    Q_EMIT grew();
}

int SequenceDiagram::rowHeight() const
{
    return fontMetrics().height() + 12;
}

int SequenceDiagram::headerHeight() const
{
    return 2 * fontMetrics().height() + 16;
}

QSize SequenceDiagram::sizeHint() const
{
    return {kMinWidth, headerHeight() + int(m_steps.size()) * rowHeight() + 8};
}

QSize SequenceDiagram::minimumSizeHint() const
{
    return {kMinWidth, sizeHint().height()};
}

QRect SequenceDiagram::stepRect(int i) const
{
    return {0, headerHeight() + i * rowHeight(), width(), rowHeight()};
}

int SequenceDiagram::stepAt(int y) const
{
    if (y < headerHeight()) {
        return -1;
    }
    const int i = (y - headerHeight()) / rowHeight();
    return i < int(m_steps.size()) ? i : -1;
}

QString SequenceDiagram::stepToolTip(int i) const
{
    if (i < 0 || i >= int(m_steps.size())) {
        return {};
    }
    const Step &s = m_steps[i];
    QString tip = s.text;
    if (s.inferred) {
        tip += QLatin1Char('\n')
            + tr("Deduced from what arrived: the other end's call is not seen from here.");
    }
    if (s.send > 0) {
        tip += QLatin1Char('\n')
            + tr("The other end's send #%1, from its send log (it is StdLab): TCP itself does "
                 "not carry where one send ends.")
                  .arg(s.send);
    }
    if (s.time.isValid()) {
        tip += QLatin1Char('\n') + s.time.toString(QStringLiteral("HH:mm:ss.zzz"));
    }
    if (s.bytes >= 0) {
        tip += QLatin1Char('\n') + tr("%n byte(s)", nullptr, int(qMin<qint64>(s.bytes, INT_MAX)));
        if (!s.data.isEmpty()) {
            const QByteArray head = s.data.left(256);
            tip += QLatin1Char('\n') + stdlab::chat::ConversationModel::displayText(head)
                + (s.bytes > head.size() ? QStringLiteral("…") : QString());
            tip += QLatin1Char('\n')
                + stdlab::chat::ConversationModel::hexText(s.data.left(32))
                + (s.bytes > 32 ? QStringLiteral(" …") : QString());
        }
    }
    return tip;
}

void SequenceDiagram::paintDiagram(QPainter &p, int width, int first, int last, int base,
                                   bool forExport) const
{
    using stdlab::appearance::Tint;
    using stdlab::appearance::tint;
    const QPalette &pal = palette();
    const QFontMetrics fm(font());
    const int rowH = rowHeight();
    const int top = headerHeight();
    const int w = std::max(width, kMinWidth);
    const int clientX = w / 4;
    const int serverX = w * 3 / 4;
    auto laneX = [&](Lane lane) { return lane == Lane::Client ? clientX : serverX; };
    const int bottom = top + std::max(0, last - base + 1) * rowH + 8;

    p.setRenderHint(QPainter::Antialiasing);
    // Titles
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(pal.color(QPalette::Text));
    const QString titles[2] = {tr("Client"), tr("Server")};
    for (int k = 0; k < 2; ++k) {
        const int x = k == 0 ? clientX : serverX;
        p.drawText(QRect(x - w / 4 + 4, 4, w / 2 - 8, fm.height()), Qt::AlignCenter, titles[k]);
    }
    p.setFont(font());
    p.setPen(pal.color(QPalette::PlaceholderText));
    const QString peerLine = m_peer.isEmpty() ? QString() : tr("with %1").arg(m_peer);
    p.drawText(QRect(4, 6 + fm.height(), w - 8, fm.height()), Qt::AlignCenter, peerLine);
    // Lanes
    QPen lanePen(pal.color(QPalette::Mid), 1, Qt::DashLine);
    p.setPen(lanePen);
    p.drawLine(clientX, top - 4, clientX, bottom);
    p.drawLine(serverX, top - 4, serverX, bottom);

    for (int i = first; i <= last && i < int(m_steps.size()); ++i) {
        const Step &s = m_steps[i];
        const int y = top + (i - base) * rowH;
        if (!forExport && i == m_hovered) {
            p.fillRect(QRect(0, y, w, rowH), pal.color(QPalette::AlternateBase));
        }
        if (s.kind == Step::Call) {
            const int x = laneX(s.lane);
            const int tw = fm.horizontalAdvance(s.text) + 12;
            QRect box(x - tw / 2, y + 3, tw, rowH - 6);
            // Kept inside the diagram: a long call shifts toward the middle.
            if (box.left() < 2) {
                box.moveLeft(2);
            }
            if (box.right() > w - 3) {
                box.moveRight(w - 3);
            }
            p.setPen(QPen(s.inferred ? pal.color(QPalette::Mid) : pal.color(QPalette::Text), 1,
                          s.inferred ? Qt::DashLine : Qt::SolidLine));
            p.setBrush(pal.color(QPalette::Base));
            p.drawRoundedRect(box, 4, 4);
            p.setPen(s.inferred ? pal.color(QPalette::PlaceholderText) : pal.color(QPalette::Text));
            p.drawText(box, Qt::AlignCenter, s.text);
        } else {
            const int x1 = laneX(s.lane);
            const int x2 = s.lane == Lane::Client ? serverX : clientX;
            QColor c = tint(s.lane == Lane::Client ? Tint::Outgoing : Tint::Incoming, pal);
            if (s.text == QLatin1String("RST")) {
                c = tint(Tint::Error, pal);
            } else if (s.text == QLatin1String("FIN")) {
                c = tint(Tint::Warning, pal);
            }
            const int ay1 = y + rowH / 2;
            const int ay2 = y + rowH - 3;
            p.setPen(QPen(c, 1.6));
            p.drawLine(x1, ay1, x2, ay2);
            const int dir = x2 > x1 ? -1 : 1;
            QPainterPath head;
            head.moveTo(x2, ay2);
            head.lineTo(x2 + dir * 9, ay2 - 5);
            head.lineTo(x2 + dir * 9, ay2 + 3);
            head.closeSubpath();
            p.fillPath(head, c);
            p.setPen(c);
            p.drawText(QRect(std::min(x1, x2), y, std::abs(x2 - x1), rowH / 2 + 2),
                       Qt::AlignHCenter | Qt::AlignBottom, s.text);
        }
    }
}

void SequenceDiagram::paintEvent(QPaintEvent *event)
{
    QPainter p(this);
    p.fillRect(event->rect(), palette().color(QPalette::Base));
    if (m_steps.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(8, headerHeight(), -8, 0), Qt::AlignHCenter | Qt::AlignTop
                       | Qt::TextWordWrap,
                   tr("Start a server or connect: each connection's socket calls appear here "
                      "in order."));
    }
    // Only the rows in view (2,000 steps are 50,000 pixels).
    const int first = std::max(0, stepAt(std::max(event->rect().top(), headerHeight())));
    int last = stepAt(event->rect().bottom());
    if (last < 0) {
        last = int(m_steps.size()) - 1;
    }
    p.setClipRect(event->rect());
    paintDiagram(p, width(), first, last, 0, false);
}

void SequenceDiagram::mouseMoveEvent(QMouseEvent *event)
{
    const int i = stepAt(int(event->position().y()));
    if (i != m_hovered) {
        const int old = m_hovered;
        m_hovered = i;
        if (old >= 0) {
            update(stepRect(old));
        }
        if (i >= 0) {
            update(stepRect(i));
        }
    }
    QWidget::mouseMoveEvent(event);
}

void SequenceDiagram::leaveEvent(QEvent *event)
{
    if (m_hovered >= 0) {
        update(stepRect(m_hovered));
        m_hovered = -1;
    }
    QWidget::leaveEvent(event);
}

bool SequenceDiagram::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString tip = stepToolTip(stepAt(help->pos().y()));
        if (tip.isEmpty()) {
            QToolTip::hideText();
        } else {
            QToolTip::showText(help->globalPos(), tip, this, stepRect(stepAt(help->pos().y())));
        }
        return true;
    }
    return QWidget::event(event);
}

bool SequenceDiagram::exportTo(const QString &path)
{
    m_error.clear();
    const int w = std::max(width(), 640);
    const bool svg = QFileInfo(path).suffix().compare(QLatin1String("svg"), Qt::CaseInsensitive)
        == 0;
    int first = 0;
    const int last = int(m_steps.size()) - 1;
    if (!svg) {
        const int fit = (kMaxPngHeight - headerHeight() - 8) / rowHeight();
        first = std::max(0, int(m_steps.size()) - fit);
    }
    const int h = headerHeight() + std::max(0, last - first + 1) * rowHeight() + 8;
    if (svg) {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(QSize(w, h));
        generator.setViewBox(QRect(0, 0, w, h));
        generator.setTitle(tr("Sequence diagram"));
        generator.setDescription(m_peer);
        QPainter p;
        if (!p.begin(&generator)) {
            m_error = tr("Could not write %1").arg(path);
            return false;
        }
        p.fillRect(QRect(0, 0, w, h), palette().color(QPalette::Base));
        paintDiagram(p, w, first, last, first, true);
        p.end();
        if (!QFileInfo::exists(path) || QFileInfo(path).size() == 0) {
            m_error = tr("Could not write %1").arg(path);
            return false;
        }
        return true;
    }
    QImage image(w, h, QImage::Format_ARGB32_Premultiplied);
    image.fill(palette().color(QPalette::Base));
    {
        QPainter p(&image);
        p.setFont(font());
        paintDiagram(p, w, first, last, first, true);
    }
    if (!image.save(path, "PNG")) {
        m_error = tr("Could not write %1").arg(path);
        return false;
    }
    return true;
}

// --- SequenceView ----------------------------------------------------------------------------

SequenceView::SequenceView(SequenceModel *model, QWidget *parent)
    : QWidget(parent), m_model(model)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    m_connections = new QComboBox(this);
    m_connections->setObjectName(QStringLiteral("sequenceConnection"));
    m_connections->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_png = new QPushButton(this);
    m_png->setObjectName(QStringLiteral("sequenceExportPng"));
    m_svg = new QPushButton(this);
    m_svg->setObjectName(QStringLiteral("sequenceExportSvg"));
    bar->addWidget(m_connections, 1);
    bar->addWidget(m_png);
    bar->addWidget(m_svg);
    layout->addLayout(bar);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("sequenceStatus"));
    m_status->setWordWrap(true);
    m_status->hide();
    layout->addWidget(m_status);

    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("sequenceScroll"));
    m_scroll->setWidgetResizable(true);
    m_diagram = new SequenceDiagram(model, m_scroll);
    m_scroll->setWidget(m_diagram);
    layout->addWidget(m_scroll, 1);

    connect(m_connections, &QComboBox::currentIndexChanged, this, [this] {
        m_diagram->setConnection(m_connections->currentData().toInt());
    });
    connect(m_model, &SequenceModel::connectionsChanged, this, &SequenceView::reloadConnections);
    QScrollBar *bar2 = m_scroll->verticalScrollBar();
    connect(bar2, &QScrollBar::valueChanged, this,
            [this, bar2](int v) { m_following = v >= bar2->maximum() - 4; });
    connect(bar2, &QScrollBar::rangeChanged, this, [this, bar2](int, int max) {
        if (m_following) {
            bar2->setValue(max);
        }
    });
    connect(m_png, &QPushButton::clicked, this, [this] { exportAs(QStringLiteral("png")); });
    connect(m_svg, &QPushButton::clicked, this, [this] { exportAs(QStringLiteral("svg")); });
    retranslate();
    reloadConnections();
}

void SequenceView::reloadConnections()
{
    const int current = m_connections->currentData().toInt();
    const bool wasNewest = m_connections->currentIndex() == m_connections->count() - 1;
    QSignalBlocker block(m_connections);
    m_connections->clear();
    for (int serial : m_model->connections()) {
        const SequenceModel::Connection *c = m_model->connection(serial);
        m_connections->addItem(tr("#%1 %2 %3")
                                   .arg(serial)
                                   .arg(c->udp ? QStringLiteral("UDP") : QStringLiteral("TCP"),
                                        c->peer),
                               serial);
    }
    // The newest connection is followed unless the user chose an older one.
    int index = m_connections->findData(current);
    if (index < 0 || wasNewest) {
        index = m_connections->count() - 1;
    }
    m_connections->setCurrentIndex(index);
    block.unblock();
    const int serial = m_connections->currentData().toInt();
    if (serial != m_diagram->connection()) {
        m_diagram->setConnection(serial);
    }
    m_png->setEnabled(m_connections->count() > 0);
    m_svg->setEnabled(m_connections->count() > 0);
}

void SequenceView::exportAs(const QString &suffix)
{
    if (!m_ask) {
        return;
    }
    const auto path
        = m_ask(QStringLiteral("sequence-%1.%2").arg(m_diagram->connection()).arg(suffix));
    if (!path) {
        return;
    }
    QString target = *path;
    if (QFileInfo(target).suffix().isEmpty()) {
        target += QLatin1Char('.') + suffix;
    }
    const bool ok = m_diagram->exportTo(target);
    m_status->setText(ok ? tr("Saved %1").arg(target) : m_diagram->errorString());
    m_status->show();
}

void SequenceView::retranslate()
{
    m_png->setText(tr("Export PNG…"));
    m_svg->setText(tr("Export SVG…"));
    m_connections->setToolTip(tr("The connection whose calls are drawn"));
    m_connections->setAccessibleName(tr("Connection"));
    reloadConnections();
}

void SequenceView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QWidget::changeEvent(event);
}

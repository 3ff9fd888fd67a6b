#include "regex/railroadpane.h"

#include "regex/railroadview.h"

#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <cmath>

using namespace stdlab;

RailroadPane::RailroadPane(QWidget *parent)
    : QWidget(parent)
{
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("railroadMessage"));
    m_message->setWordWrap(true);
    m_zoomOut = new QToolButton(this);
    m_zoomOut->setObjectName(QStringLiteral("railroadZoomOut"));
    m_zoomIn = new QToolButton(this);
    m_zoomIn->setObjectName(QStringLiteral("railroadZoomIn"));
    m_zoomReset = new QToolButton(this);
    m_zoomReset->setObjectName(QStringLiteral("railroadZoomReset"));
    m_export = new QToolButton(this);
    m_export->setObjectName(QStringLiteral("railroadExport"));
    m_export->setEnabled(false);
    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("railroadScroll"));
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_view = new RailroadView(m_scroll);
    m_scroll->setWidget(m_view);
    m_scroll->setWidgetResizable(false);
    // A scroll area's minimum is its scroll bar's height (70 px): with it the results took the
    // test text's third line at 800x600.
    m_scroll->setMinimumHeight(2 * fontMetrics().lineSpacing());
    m_scroll->viewport()->installEventFilter(this);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_message, 1);
    bar->addWidget(m_zoomOut);
    bar->addWidget(m_zoomIn);
    bar->addWidget(m_zoomReset);
    bar->addWidget(m_export);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_scroll, 1);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &RailroadPane::start);
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, [this] {
        const Result result = m_watcher.result();
        if (m_debounce.isActive()) {
            return; // another pattern came meanwhile: its timer starts it
        }
        if (result.pattern != m_pattern) {
            start();
            return;
        }
        showResult(result);
    });
    connect(m_view, &RailroadView::hovered, this, &RailroadPane::hovered);
    connect(m_view, &RailroadView::zoomChanged, this, [this] { retranslate(); });
    connect(m_zoomIn, &QToolButton::clicked, this, [this] { m_view->setZoom(m_view->zoom() * 1.25); });
    connect(m_zoomOut, &QToolButton::clicked, this, [this] { m_view->setZoom(m_view->zoom() * 0.8); });
    connect(m_zoomReset, &QToolButton::clicked, this, [this] { m_view->setZoom(1); });
    connect(m_export, &QToolButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(
            this, tr("Export the Railroad Diagram"),
            QDir::home().filePath(QStringLiteral("railroad.svg")),
            tr("SVG image (*.svg);;PNG image (*.png)"));
        if (!file.isEmpty()) {
            exportTo(file);
        }
    });
    // A zoom changes the width the rows may take: they are wrapped again.
    connect(m_view, &RailroadView::zoomChanged, this, [this] {
        if (m_hasPattern) {
            m_debounce.start();
        }
    });
    retranslate();
}

RailroadPane::~RailroadPane()
{
    m_watcher.waitForFinished();
}

double RailroadPane::wrapWidth() const
{
    // The viewport's width less the vertical scroll bar's, shown or not: rows wrapped to the
    // width without it overflowed once the rows made the diagram tall enough to scroll.
    const QScrollBar *bar = m_scroll->verticalScrollBar();
    const int viewport = m_scroll->viewport()->width()
        - (bar->isVisible() ? 0 : bar->sizeHint().width());
    return viewport > 0 ? viewport / m_view->zoom() : 0;
}

void RailroadPane::setPattern(const QString &pattern, int flags)
{
    if (m_hasPattern && pattern == m_pattern && flags == m_flags) {
        return;
    }
    m_hasPattern = true;
    m_pattern = pattern;
    m_flags = flags;
    m_debounce.start();
}

void RailroadPane::start()
{
    if (m_watcher.isRunning()) {
        return; // its finished() starts the last pattern
    }
    const QString pattern = m_pattern;
    const int flags = m_flags;
    const double width = wrapWidth();
    m_shownWidth = width;
    m_watcher.setFuture(QtConcurrent::run([pattern, flags, width] {
        Result r;
        r.pattern = pattern;
        r.diagram = re::railroad(pattern, flags, &r.error, width);
        return r;
    }));
}

void RailroadPane::showResult(const Result &result)
{
    m_shownPattern = result.pattern;
    if (result.diagram) {
        m_view->setDiagram(*result.diagram);
        m_message->clear();
    } else {
        m_view->clear();
        m_message->setText(tr("The pattern does not compile: %1").arg(result.error.message));
    }
    if (result.diagram && result.diagram->truncated) {
        m_message->setText(tr("The diagram is cut at %1 boxes.")
                               .arg(QLocale().toString(re::RailroadDiagram::kMaxItems)));
    }
    m_export->setEnabled(result.diagram.has_value());
    Q_EMIT drawn();
}

QString RailroadPane::exportTo(const QString &file)
{
    const QSize size = RailroadView::imageSize(m_view->diagram());
    if (file.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)
        && std::max(size.width(), size.height()) > RailroadView::kMaxImageSide) {
        const QString error = tr("The diagram is %1 x %2 px, too large for a PNG (at most %3 px "
                                 "a side): export it as SVG.")
                                  .arg(size.width())
                                  .arg(size.height())
                                  .arg(RailroadView::kMaxImageSide);
        m_message->setText(error);
        return error;
    }
    const QString error = RailroadView::save(m_view->diagram(), file);
    m_message->setText(error.isEmpty()
                           ? tr("Exported to %1.").arg(QDir::toNativeSeparators(file))
                           : tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(file), error));
    return error;
}

void RailroadPane::setHighlight(qsizetype start, qsizetype end)
{
    m_view->setHighlight(start, end);
}

QPair<qsizetype, qsizetype> RailroadPane::spanAt(qsizetype pos) const
{
    QPair<qsizetype, qsizetype> best(-1, -1);
    for (const re::RailroadItem &item : m_view->diagram().items) {
        if (item.start < 0 || pos < item.start || pos >= item.end
            || item.kind == re::RailroadItem::Kind::Label) {
            continue;
        }
        if (best.first < 0 || item.end - item.start < best.second - best.first) {
            best = {item.start, item.end};
        }
    }
    return best;
}

bool RailroadPane::eventFilter(QObject *watched, QEvent *event)
{
    // Wrapped again to the viewport's new width once the resizing pauses (it also changes when
    // the tab is first shown: a hidden scroll area is laid out at its default size).
    if (watched == m_scroll->viewport() && event->type() == QEvent::Resize && m_hasPattern
        && std::abs(wrapWidth() - m_shownWidth) >= 1) {
        m_debounce.start();
    }
    return QWidget::eventFilter(watched, event);
}

void RailroadPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        if (m_hasPattern) {
            m_debounce.start(); // the boxes' words are in the UI language
        }
    }
    QWidget::changeEvent(event);
}

void RailroadPane::retranslate()
{
    m_zoomOut->setText(tr("-"));
    m_zoomOut->setToolTip(tr("Zoom out (Ctrl+-)"));
    m_zoomOut->setAccessibleName(tr("Zoom out"));
    m_zoomIn->setText(tr("+"));
    m_zoomIn->setToolTip(tr("Zoom in (Ctrl++)"));
    m_zoomIn->setAccessibleName(tr("Zoom in"));
    // The reset button shows the zoom it resets.
    m_zoomReset->setText(tr("%1%").arg(std::lround(m_view->zoom() * 100)));
    m_zoomReset->setToolTip(tr("Zoom %1%: back to the actual size (Ctrl+0)")
                                .arg(std::lround(m_view->zoom() * 100)));
    m_zoomReset->setAccessibleName(tr("Actual size"));
    m_view->setAccessibleName(tr("Railroad diagram of the pattern"));
    m_export->setText(tr("Export..."));
    m_export->setToolTip(tr("Save the diagram as an SVG or PNG image"));
}

#include "regex/regexexplainview.h"

#include "common/pyrepr.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHeaderView>
#include <QStyledItemDelegate>
#include <QtConcurrent>

using namespace stdlab::re;

namespace {

/// QTreeView asks a row's height without the column's width, so wrapped text got one line
/// (and was cut): this delegate measures the sentence at its column's width.
class WrappingDelegate : public QStyledItemDelegate
{
public:
    explicit WrappingDelegate(QTreeView *view)
        : QStyledItemDelegate(view)
        , m_view(view)
    {
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem sized = option;
        int width = m_view->columnWidth(index.column());
        if (index.column() == 0) {
            int depth = 0;
            for (QModelIndex p = index.parent(); p.isValid(); p = p.parent()) {
                ++depth;
            }
            width -= (depth + 1) * m_view->indentation();
        }
        sized.rect = QRect(0, 0, std::max(width, 20), 1);
        return QStyledItemDelegate::sizeHint(sized, index);
    }

private:
    QTreeView *m_view;
};

} // namespace

RegexExplainView::RegexExplainView(QWidget *parent)
    : QTreeWidget(parent)
{
    setColumnCount(2);
    setMouseTracking(true); // itemEntered: the node under the mouse
    // Long sentences wrap within the Meaning column instead of being cut at its edge.
    setWordWrap(true);
    setTextElideMode(Qt::ElideNone);
    setItemDelegate(new WrappingDelegate(this));
    connect(header(), &QHeaderView::sectionResized, this,
            [this] { scheduleDelayedItemsLayout(); });
    setSelectionMode(QAbstractItemView::SingleSelection);
    header()->setStretchLastSection(true);
    header()->setSectionResizeMode(0, QHeaderView::Interactive);
    // Typing coalesces: one explanation per pause of the event loop, in the worker.
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(0);
    connect(&m_debounce, &QTimer::timeout, this, &RegexExplainView::start);
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, [this] {
        const Result result = m_watcher.result();
        m_running = false;
        if (m_pending) {
            start(); // the pattern changed meanwhile: this explanation is stale
            return;
        }
        showResult(result);
    });
    connect(this, &QTreeWidget::itemEntered, this, [this](QTreeWidgetItem *item) {
        m_hovered = item;
        updateHighlight();
    });
    connect(this, &QTreeWidget::currentItemChanged, this, [this] { updateHighlight(); });
    retranslate();
}

RegexExplainView::~RegexExplainView()
{
    m_pending = false;
    m_watcher.waitForFinished();
}

void RegexExplainView::setPattern(const QString &pattern, int flags)
{
    if (m_hasPattern && pattern == m_pattern && flags == m_flags) {
        return;
    }
    m_hasPattern = true;
    m_pattern = pattern;
    m_flags = flags;
    m_pending = true;
    m_debounce.start();
}

void RegexExplainView::start()
{
    if (m_running) {
        return; // finished() starts the newest pattern
    }
    m_pending = false;
    m_running = true;
    const QString pattern = m_pattern;
    const int flags = m_flags;
    // The sentences come from the installed translators (QCoreApplication::translate is
    // thread-safe), in the UI language.
    m_watcher.setFuture(QtConcurrent::run([pattern, flags] {
        Result result;
        result.lines = explain(pattern, flags, &result.error);
        return result;
    }));
}

void RegexExplainView::showResult(const Result &result)
{

    m_hovered = nullptr;
    m_codePoints = stdlab::py::codePoints(m_pattern);
    clear();
    if (!result.lines) {
        auto *item = new QTreeWidgetItem(this);
        item->setText(1, errorString(result.error, m_pattern));
        item->setData(0, StartRole, -1);
        item->setData(0, EndRole, -1);
        item->setData(0, GroupRole, 0);
        updateHighlight();
        Q_EMIT explained();
        return;
    }
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    QList<QTreeWidgetItem *> parents; // the last item at each depth
    const QList<ExplainLine> &lines = *result.lines;
    const qsizetype shown = std::min<qsizetype>(lines.size(), kMaxNodes);
    for (qsizetype i = 0; i < shown; ++i) {
        const ExplainLine &line = lines[i];
        const int depth = std::min<int>(line.depth, int(parents.size()));
        parents.resize(depth);
        auto *item = depth == 0 ? new QTreeWidgetItem(this) : new QTreeWidgetItem(parents.last());
        const qsizetype s = std::clamp<qsizetype>(line.start, 0, qsizetype(m_codePoints.size()));
        const qsizetype e = std::clamp<qsizetype>(line.end, s, qsizetype(m_codePoints.size()));
        item->setText(0, stdlab::py::fromCodePoints(m_codePoints.data() + s, e - s));
        item->setFont(0, mono);
        item->setText(1, line.text);
        item->setToolTip(1, line.text);
        item->setData(0, StartRole, qlonglong(line.start));
        item->setData(0, EndRole, qlonglong(line.end));
        item->setData(0, GroupRole, line.group);
        parents.append(item);
    }
    if (lines.size() > shown) {
        auto *item = new QTreeWidgetItem(this);
        item->setText(1, tr("... and %1 more elements").arg(lines.size() - shown));
        item->setData(0, StartRole, -1);
        item->setData(0, EndRole, -1);
        item->setData(0, GroupRole, 0);
    }
    expandAll();
    // The pattern column's width: measured once here (QTreeView's own measure asks every row's
    // wrapped height: 115 ms for 5,000 nodes).
    const QFontMetrics metrics(mono);
    m_patternWidth = header()->sectionSizeHint(0);
    int measured = 0;
    for (QTreeWidgetItemIterator it(this); *it && measured < 500; ++it, ++measured) {
        int depth = 1;
        for (QTreeWidgetItem *p = (*it)->parent(); p; p = p->parent()) {
            ++depth;
        }
        m_patternWidth = std::max(m_patternWidth, depth * indentation()
                                      + metrics.horizontalAdvance((*it)->text(0))
                                      + 2 * fontMetrics().averageCharWidth());
    }
    fitPatternColumn();
    updateHighlight();
    Q_EMIT explained();
}

void RegexExplainView::selectAt(qsizetype pos)
{
    QTreeWidgetItem *best = nullptr;
    int bestDepth = -1;
    qsizetype bestLength = 0;
    // Depth first: a child is deeper than its parent; among equals the narrowest wins, and an
    // element ending at pos (the caret just after it) only when nothing holds pos itself.
    for (int pass = 0; pass < 2 && !best; ++pass) {
        QTreeWidgetItemIterator it(this);
        for (; *it; ++it) {
            QTreeWidgetItem *item = *it;
            const qsizetype s = item->data(0, StartRole).toLongLong();
            const qsizetype e = item->data(0, EndRole).toLongLong();
            const bool holds = pass == 0 ? (s <= pos && pos < e) : (s < pos && pos == e);
            if (s < 0 || !holds) {
                continue;
            }
            int depth = 0;
            for (QTreeWidgetItem *p = item->parent(); p; p = p->parent()) {
                ++depth;
            }
            if (depth > bestDepth || (depth == bestDepth && e - s < bestLength)) {
                best = item;
                bestDepth = depth;
                bestLength = e - s;
            }
        }
    }
    if (best) {
        setCurrentItem(best);
        scrollToItem(best);
    }
}

QStringList RegexExplainView::nodeTexts() const
{
    QStringList out;
    QTreeWidgetItemIterator it(const_cast<RegexExplainView *>(this));
    for (; *it; ++it) {
        int depth = 0;
        for (QTreeWidgetItem *p = (*it)->parent(); p; p = p->parent()) {
            ++depth;
        }
        const QString part = (*it)->text(0);
        out << QString(2 * depth, QLatin1Char(' '))
                + (part.isEmpty() ? QString() : QLatin1Char('`') + part + QStringLiteral("`  "))
                + (*it)->text(1);
    }
    return out;
}

void RegexExplainView::updateHighlight()
{
    QTreeWidgetItem *item = m_hovered ? m_hovered : currentItem();
    Highlight h;
    if (item && item->data(0, StartRole).toLongLong() >= 0) {
        h.start = item->data(0, StartRole).toLongLong();
        h.end = item->data(0, EndRole).toLongLong();
        h.group = item->data(0, GroupRole).toInt();
    }
    if (!(h == m_highlight)) {
        m_highlight = h;
        Q_EMIT highlightChanged();
    }
}

void RegexExplainView::fitPatternColumn()
{
    // The pattern's parts as wide as the widest (with its indentation), up to 40% of the view:
    // the sentences beside them wrap in what is left.
    setColumnWidth(0, std::min(m_patternWidth, std::max(viewport()->width() * 2 / 5, 40)));
    // Rows take the height of their wrapped sentences at the new widths.
    scheduleDelayedItemsLayout();
}

void RegexExplainView::resizeEvent(QResizeEvent *event)
{
    QTreeWidget::resizeEvent(event);
    fitPatternColumn();
}

void RegexExplainView::leaveEvent(QEvent *event)
{
    QTreeWidget::leaveEvent(event);
    m_hovered = nullptr;
    updateHighlight();
}

void RegexExplainView::retranslate()
{
    setHeaderLabels({tr("Pattern"), tr("Meaning")});
}

void RegexExplainView::changeEvent(QEvent *event)
{
    QTreeWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        // The sentences are in the UI language: explained again in the new one.
        if (m_hasPattern) {
            m_pending = true;
            m_debounce.start();
        }
    }
}

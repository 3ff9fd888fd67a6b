#include "regex/regextextedit.h"

#include "regex/regexhighlighter.h"
#include "regex/regexmodel.h"

#include <QElapsedTimer>
#include <QPainter>
#include <QPlainTextDocumentLayout>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextLayout>

#include <algorithm>

using stdlab::re::RegexModel;

RegexTextEdit::RegexTextEdit(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    // A scroll bar that comes and goes changes the text width, and each change lays out every
    // block again (hundreds of ms on a 20 MiB text).
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    watch(document());
    m_sliceTimer.setSingleShot(true);
    m_sliceTimer.setInterval(0);
    connect(&m_sliceTimer, &QTimer::timeout, this, &RegexTextEdit::loadSlice);
}

namespace {

// Each slice of a load takes about this long (ns): far under the 50 ms a user notices, because
// a busy machine runs some slices several times slower (and the document's buffers grow by
// copying now and then).
constexpr qint64 kSliceNs = 4'000'000;
// The first slice (shown at once) and the bounds of a slice, in UTF-16 units.
constexpr qsizetype kFirstSlice = 32 * 1024;
constexpr qsizetype kMinSlice = 4 * 1024;
constexpr qsizetype kMaxSlice = 1024 * 1024;

} // namespace

void RegexTextEdit::load(const QString &text)
{
    endLoad(); // the document and text() are replaced below
    // A new document: the old one's undo history and layouts go with it, and the view lays
    // out an empty document instead of every block of a full one.
    const QPointer<QTextDocument> old = document();
    auto *doc = new QTextDocument(this);
    doc->setDocumentLayout(new QPlainTextDocumentLayout(doc));
    doc->setDefaultFont(old->defaultFont());
    doc->setDefaultTextOption(old->defaultTextOption());
    doc->setDocumentMargin(old->documentMargin());
    doc->setUndoRedoEnabled(false);
    disconnect(m_watch);
    m_text = text;
    setDocument(doc);
    m_watch = connect(doc, &QTextDocument::contentsChange, this, &RegexTextEdit::documentChanged);
    // The editor's own first document is deleted by setDocument(); later ones are ours.
    if (old && old->parent() == this) {
        delete old.data();
    }
    m_readOnlyBeforeLoad = isReadOnly();
    setReadOnly(true);
    m_loadPos = 0;
    m_sliceChars = kFirstSlice;
    loadSlice();
}

void RegexTextEdit::loadSlice()
{
    if (m_loadPos < 0) {
        return;
    }
    QElapsedTimer timer;
    timer.start();
    // Cut at a line break when there is one near the end of the slice (whole blocks go in),
    // never inside a surrogate pair.
    qsizetype end = std::min(m_text.size(), m_loadPos + m_sliceChars);
    if (end < m_text.size()) {
        const qsizetype newline = m_text.lastIndexOf(QLatin1Char('\n'), end - 1);
        if (newline >= m_loadPos + m_sliceChars / 2) {
            end = newline + 1;
        } else if (m_text.at(end).isLowSurrogate()) {
            --end;
        }
    }
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    m_inserting = true;
    cursor.insertText(QStringView(m_text).mid(m_loadPos, end - m_loadPos).toString());
    m_inserting = false;
    const qsizetype done = end - m_loadPos;
    m_loadPos = end;
    if (m_loadPos >= m_text.size()) {
        endLoad();
        if (m_text.size() != document()->characterCount() - 1) {
            resync();
        }
        Q_EMIT loaded();
        return;
    }
    // The next slice is sized by what this one cost, growing at most twofold.
    const double ns = std::max<double>(double(timer.nsecsElapsed()), 1e5);
    m_sliceChars = std::clamp<qsizetype>(qsizetype(double(done) * double(kSliceNs) / ns),
                                         kMinSlice, std::clamp(2 * done, kMinSlice, kMaxSlice));
    m_sliceTimer.start();
}

void RegexTextEdit::stopLoading()
{
    if (isLoading()) {
        endLoad();
        resync();
    }
}

void RegexTextEdit::endLoad()
{
    if (isLoading()) {
        m_loadPos = -1;
        m_sliceTimer.stop();
        document()->setUndoRedoEnabled(true);
        setReadOnly(m_readOnlyBeforeLoad);
    }
}

void RegexTextEdit::watch(QTextDocument *doc)
{
    m_watch = connect(doc, &QTextDocument::contentsChange, this, &RegexTextEdit::documentChanged);
    if (m_text.size() != doc->characterCount() - 1) {
        resync();
    }
}

void RegexTextEdit::documentChanged(int position, int removed, int added)
{
    if (m_inserting) {
        return; // text() already holds the whole text being loaded
    }
    if (isLoading()) {
        stopLoading(); // the document was replaced or edited by a program (setPlainText())
        return;
    }
    const qsizetype length = document()->characterCount() - 1; // no final block separator
    // A change at the end may count the document's final block separator in both lengths.
    const qsizetype cut = std::clamp<qsizetype>(removed, 0, m_text.size() - position);
    const qsizetype put = std::clamp<qsizetype>(added, 0, length - position);
    if (position < 0 || position > m_text.size() || m_text.size() - cut + put != length) {
        resync();
        return;
    }
    QString inserted;
    if (put > 0) {
        QTextCursor cursor(document());
        cursor.setPosition(position);
        cursor.setPosition(int(position + put), QTextCursor::KeepAnchor);
        inserted = cursor.selectedText();
        inserted.replace(QChar::ParagraphSeparator, QLatin1Char('\n'));
    }
    m_text.replace(position, cut, inserted);
}

void RegexTextEdit::resync()
{
    m_text = document()->toRawText();
    m_text.replace(QChar::ParagraphSeparator, QLatin1Char('\n'));
}

void RegexTextEdit::setModel(RegexModel *model)
{
    m_model = model;
    auto repaint = [this] { viewport()->update(); };
    connect(model, &RegexModel::resultsReset, this, [this, repaint] {
        m_current = -1;
        repaint();
    });
    connect(model, &RegexModel::matchesAdded, this, repaint);
}

void RegexTextEdit::setCurrentMatch(qsizetype index)
{
    if (index != m_current) {
        m_current = index;
        viewport()->update();
    }
}

void RegexTextEdit::setHighlightedGroup(int group)
{
    if (group != m_highlightedGroup) {
        m_highlightedGroup = group;
        if (group < 0) {
            m_highlights.clear();
        }
        viewport()->update();
    }
}

void RegexTextEdit::fillRange(QPainter &painter, qsizetype start, qsizetype end,
                              const QColor &colour, bool outline)
{
    const QPointF offset = contentOffset();
    const int height = viewport()->height();
    QTextBlock block = document()->findBlock(int(start));
    while (block.isValid() && block.position() <= end) {
        const QRectF geometry = blockBoundingGeometry(block).translated(offset);
        if (geometry.top() > height) {
            break;
        }
        const qsizetype blockStart = block.position();
        const qsizetype localStart = std::max<qsizetype>(start - blockStart, 0);
        // A match that runs over the end of the line covers the line break too.
        const qsizetype localEnd = std::min<qsizetype>(end - blockStart, block.length());
        QTextLayout *layout = block.layout();
        if (geometry.bottom() >= 0 && layout) {
            for (int i = 0; i < layout->lineCount(); ++i) {
                const QTextLine line = layout->lineAt(i);
                const qsizetype ls = line.textStart();
                const qsizetype le = ls + line.textLength();
                const qsizetype a = std::max(localStart, ls);
                const qsizetype b = std::min(localEnd, le);
                const bool empty = start == end;
                if (a > b || (a == b && !empty && !(b == le && localEnd > le))) {
                    continue;
                }
                if (empty && (a < ls || a > le)) {
                    continue;
                }
                qreal x1 = line.cursorToX(int(a));
                qreal x2 = line.cursorToX(int(b));
                if (localEnd > le && b == le) {
                    x2 += painter.fontMetrics().horizontalAdvance(QLatin1Char(' ')) / 2.0;
                }
                if (x2 - x1 < 2) {
                    x1 -= 1; // an empty match: a thin bar where it is
                    x2 = x1 + 2;
                }
                const QRectF r(geometry.left() + x1, geometry.top() + line.y(), x2 - x1,
                               line.height());
                if (outline) {
                    painter.setPen(QPen(colour.isValid() ? colour
                                                         : palette().color(QPalette::Highlight),
                                        2));
                    painter.setBrush(Qt::NoBrush);
                    painter.drawRect(r.adjusted(0, 0, -1, -1));
                } else {
                    painter.fillRect(r, colour);
                }
            }
        }
        block = block.next();
    }
}

void RegexTextEdit::keepShapes(int firstBlock, int lastBlock)
{
    // QTextLayout shapes its text again at every paint unless it caches (HarfBuzz, and for
    // emoji FreeType decoding the glyph's PNG for its advance): 20-50 ms a paint on the text of
    // bench/regex, and matches arriving repaint a few times a second. The blocks on screen
    // keep their shapes; those that leave are dropped as a width change drops them (laid out
    // again when shown), so the cache is never more than a screenful.
    for (int n = m_shapedFirst; n <= m_shapedLast; ++n) {
        if (n >= firstBlock && n <= lastBlock) {
            continue;
        }
        const QTextBlock block = document()->findBlockByNumber(n);
        if (block.isValid() && block.layout()) {
            QTextLayout *layout = block.layout();
            layout->setCacheEnabled(false);
            layout->beginLayout();
            layout->endLayout();
        }
    }
    for (QTextBlock block = document()->findBlockByNumber(firstBlock);
         block.isValid() && block.blockNumber() <= lastBlock; block = block.next()) {
        block.layout()->setCacheEnabled(true);
    }
    m_shapedFirst = firstBlock;
    m_shapedLast = lastBlock;
}

void RegexTextEdit::paintEvent(QPaintEvent *event)
{
    m_painted = 0;
    m_paintedRange = {0, 0};
    m_highlights.clear();
    // The visible part of the document: from the first visible block to the last one.
    QTextBlock block = firstVisibleBlock();
    const qsizetype first = block.isValid() ? block.position() : 0;
    const int firstNumber = block.isValid() ? block.blockNumber() : 0;
    int lastNumber = firstNumber;
    qsizetype last = first;
    const QPointF offset = contentOffset();
    while (block.isValid()) {
        last = block.position() + block.length();
        lastNumber = block.blockNumber();
        if (blockBoundingGeometry(block).translated(offset).bottom() > viewport()->height()) {
            break;
        }
        block = block.next();
    }
    keepShapes(firstNumber, lastNumber);
    if (m_model && !m_model->matches().isEmpty()) {
        const auto &matches = m_model->matches();
        const qsizetype docLength = document()->characterCount();
        QPainter painter(viewport());
        const int groups = matches.groupCount();
        qsizetype i = matches.firstEndingAfter(first);
        const qsizetype from = i;
        for (; i < matches.size(); ++i) {
            const qsizetype a = matches.unitStart(i);
            if (a > last || a >= docLength) {
                break;
            }
            fillRange(painter, a, matches.unitEnd(i), RegexColors::match(), false);
            for (int g = 1; g <= groups; ++g) {
                if (matches.matched(i, g)) {
                    fillRange(painter, matches.unitStart(i, g), matches.unitEnd(i, g),
                              RegexColors::group(g), false);
                }
            }
            ++m_painted;
        }
        m_paintedRange = {from, i};
        // The group the user points at in the explanation: outlined wherever it matched.
        if (m_highlightedGroup >= 0 && m_highlightedGroup <= groups) {
            const QColor ink = palette().color(QPalette::Text);
            for (qsizetype k = from; k < i; ++k) {
                if (matches.matched(k, m_highlightedGroup)) {
                    const qsizetype a = matches.unitStart(k, m_highlightedGroup);
                    const qsizetype b = matches.unitEnd(k, m_highlightedGroup);
                    fillRange(painter, a, b, ink, true);
                    m_highlights.append({a, b});
                }
            }
        }
        if (m_current >= 0 && m_current < matches.size()) {
            fillRange(painter, matches.unitStart(m_current), matches.unitEnd(m_current), {},
                      true);
        }
    }
    QPlainTextEdit::paintEvent(event);
}

QSize RegexTextEdit::minimumSizeHint() const
{
    const int height = 2 * fontMetrics().lineSpacing() + 2 * int(document()->documentMargin())
        + 2 * frameWidth();
    return QSize(QPlainTextEdit::minimumSizeHint().width(), height);
}

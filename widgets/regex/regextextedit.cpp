#include "regex/regextextedit.h"

#include "regex/regexhighlighter.h"
#include "regex/regexmodel.h"

#include <QPainter>
#include <QTextBlock>
#include <QTextLayout>

using stdlab::re::RegexModel;

RegexTextEdit::RegexTextEdit(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
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
                    painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
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

void RegexTextEdit::paintEvent(QPaintEvent *event)
{
    m_painted = 0;
    m_paintedRange = {0, 0};
    if (m_model && !m_model->matches().isEmpty()) {
        const auto &matches = m_model->matches();
        const qsizetype docLength = document()->characterCount();
        // The visible part of the document: from the first visible block to the last one.
        QTextBlock block = firstVisibleBlock();
        const qsizetype first = block.isValid() ? block.position() : 0;
        qsizetype last = first;
        const QPointF offset = contentOffset();
        while (block.isValid()) {
            last = block.position() + block.length();
            if (blockBoundingGeometry(block).translated(offset).bottom() > viewport()->height()) {
                break;
            }
            block = block.next();
        }
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
        if (m_current >= 0 && m_current < matches.size()) {
            fillRange(painter, matches.unitStart(m_current), matches.unitEnd(m_current), {},
                      true);
        }
    }
    QPlainTextEdit::paintEvent(event);
}

#include "regex/regextextedit.h"

#include "regex/regexhighlighter.h"
#include "regex/regexmodel.h"

#include <QPainter>
#include <QPlainTextDocumentLayout>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextLayout>
#include <QThread>

using stdlab::re::RegexModel;

RegexTextEdit::RegexTextEdit(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    // A scroll bar that comes and goes changes the text width, and each change lays out every
    // block again (hundreds of ms on a 20 MiB text).
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    watch(document());
}

RegexTextEdit::Look RegexTextEdit::look() const
{
    return {document()->defaultFont(), document()->defaultTextOption(),
            document()->documentMargin()};
}

std::shared_ptr<RegexTextEdit::Prepared> RegexTextEdit::prepare(QString text, const Look &look,
                                                                QThread *target)
{
    auto prepared = std::make_shared<Prepared>();
    prepared->text = std::move(text);
    auto document = std::make_unique<QTextDocument>();
    document->setDocumentLayout(new QPlainTextDocumentLayout(document.get()));
    document->setDefaultFont(look.font);
    document->setDefaultTextOption(look.option);
    document->setDocumentMargin(look.margin);
    document->setPlainText(prepared->text);
    // The view's first layout pass makes a QTextLayout for every block; the view then only
    // clears them (185,000 lines: 435 ms -> 30 ms in the GUI thread).
    for (QTextBlock block = document->firstBlock(); block.isValid(); block = block.next()) {
        block.layout();
    }
    document->moveToThread(target);
    prepared->document = std::move(document);
    return prepared;
}

void RegexTextEdit::adopt(Prepared &prepared)
{
    // The editor's own first document is deleted by setDocument(); those adopted here are not.
    const QPointer<QTextDocument> old = document();
    QTextDocument *doc = prepared.document.release();
    doc->setParent(this);
    disconnect(m_watch);
    m_text = std::move(prepared.text);
    setDocument(doc);
    watch(doc);
    delete old.data();
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

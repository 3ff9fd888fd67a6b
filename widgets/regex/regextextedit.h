#pragma once

#include <QPlainTextEdit>
#include <QPointer>
#include <QTimer>

namespace stdlab::re {
class RegexModel;
}

/**
 * The test text of the Regex tab: paints the matches and groups of a RegexModel itself, and only
 * for the blocks on screen, so a 20 MiB text with millions of matches stays as fast to scroll
 * and edit as without them (no QTextCharFormat is ever applied to the document).
 */
class RegexTextEdit : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit RegexTextEdit(QWidget *parent = nullptr);

    /// Shows @p text (Python's universal newlines already applied, which keep every offset in a
    /// QTextDocument) in a new document filled in slices of a few milliseconds each, so that a
    /// 20 MiB text never stalls the GUI: swapping in a whole prepared document costs the view
    /// one relayout pass over every block in one event (42 ms for 185,000 lines). text() is the
    /// whole text at once; the editor is read-only until loaded() is emitted. setPlainText() or
    /// another load() stops a load in progress.
    void load(const QString &text);
    bool isLoading() const { return m_loadPos >= 0; }
    /// Stops a load in progress, keeping what is already in the document (text() follows it).
    void stopLoading();
    /// The text as the engine sees it: the document's characters, a line break as "\n"
    /// (U+00A0 and U+2028 kept, unlike toPlainText()). Kept in step with every edit without
    /// reading the whole document again.
    const QString &text() const { return m_text; }

    void setModel(stdlab::re::RegexModel *model);
    /// The match drawn with an outline (-1 for none).
    void setCurrentMatch(qsizetype index);
    qsizetype currentMatch() const { return m_current; }
    /// Outlines group @p group (0: whole matches) of every match on screen, as the explanation's
    /// hovered node asks; -1 for none.
    void setHighlightedGroup(int group);
    int highlightedGroup() const { return m_highlightedGroup; }
    /// The UTF-16 ranges the last paint outlined for the highlighted group.
    QList<QPair<qsizetype, qsizetype>> paintedHighlights() const { return m_highlights; }
    /// Matches painted by the last paint (for tests: only the visible ones are).
    qsizetype paintedMatches() const { return m_painted; }
    /// The first and one-past-last match index painted by the last paint.
    QPair<qsizetype, qsizetype> paintedRange() const { return m_paintedRange; }

    /// Two lines of text: QAbstractScrollArea's minimum is its scroll bar's own height (70 px),
    /// more than three lines, which took the match table's rows at 800x600.
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    /// The text given to load() is all in the document.
    void loaded();

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void watch(QTextDocument *document);
    void loadSlice();
    /// Keeps the shaped text of blocks [firstBlock, lastBlock] (those on screen) between paints.
    void keepShapes(int firstBlock, int lastBlock);
    void endLoad();
    void documentChanged(int position, int removed, int added);
    void resync();
    void fillRange(QPainter &painter, qsizetype start, qsizetype end, const QColor &colour,
                   bool outline);

    QPointer<stdlab::re::RegexModel> m_model;
    QString m_text;
    QMetaObject::Connection m_watch;
    qsizetype m_loadPos = -1; // where the next slice of a load starts (-1: not loading)
    qsizetype m_sliceChars = 0;
    QTimer m_sliceTimer;
    int m_shapedFirst = 0; // blocks whose layouts cache their shapes (keepShapes())
    int m_shapedLast = -1;
    bool m_readOnlyBeforeLoad = false;
    bool m_inserting = false; // a slice of a load is going in (not an edit to follow)
    qsizetype m_current = -1;
    int m_highlightedGroup = -1;
    QList<QPair<qsizetype, qsizetype>> m_highlights;
    qsizetype m_painted = 0;
    QPair<qsizetype, qsizetype> m_paintedRange{0, 0};
};

#pragma once

#include <QPlainTextEdit>
#include <QPointer>

#include <memory>

class QThread;

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
    /** A text and its document, made off the GUI thread by prepare() and shown by adopt(). */
    struct Prepared
    {
        QString text;
        std::unique_ptr<QTextDocument> document;
    };
    /** How the editor's documents look (font, wrapping, margin): read in the GUI thread. */
    struct Look
    {
        QFont font;
        QTextOption option;
        qreal margin = 4;
    };

    explicit RegexTextEdit(QWidget *parent = nullptr);

    Look look() const;
    /// Builds the document of @p text (with Python's universal newlines, which keep every
    /// offset in a QTextDocument) in the calling thread, laid out as far as it can be without
    /// a view, and hands it to @p target's thread.
    static std::shared_ptr<Prepared> prepare(QString text, const Look &look, QThread *target);
    /// Shows a prepared document; the previous one is deleted.
    void adopt(Prepared &prepared);
    /// The text as the engine sees it: the document's characters, a line break as "\n"
    /// (U+00A0 and U+2028 kept, unlike toPlainText()). Kept in step with every edit without
    /// reading the whole document again.
    const QString &text() const { return m_text; }

    void setModel(stdlab::re::RegexModel *model);
    /// The match drawn with an outline (-1 for none).
    void setCurrentMatch(qsizetype index);
    qsizetype currentMatch() const { return m_current; }
    /// Matches painted by the last paint (for tests: only the visible ones are).
    qsizetype paintedMatches() const { return m_painted; }
    /// The first and one-past-last match index painted by the last paint.
    QPair<qsizetype, qsizetype> paintedRange() const { return m_paintedRange; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void watch(QTextDocument *document);
    void documentChanged(int position, int removed, int added);
    void resync();
    void fillRange(QPainter &painter, qsizetype start, qsizetype end, const QColor &colour,
                   bool outline);

    QPointer<stdlab::re::RegexModel> m_model;
    QString m_text;
    QMetaObject::Connection m_watch;
    qsizetype m_current = -1;
    qsizetype m_painted = 0;
    QPair<qsizetype, qsizetype> m_paintedRange{0, 0};
};

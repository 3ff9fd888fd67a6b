#pragma once

#include <QPlainTextEdit>
#include <QPointer>

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
    void fillRange(QPainter &painter, qsizetype start, qsizetype end, const QColor &colour,
                   bool outline);

    QPointer<stdlab::re::RegexModel> m_model;
    qsizetype m_current = -1;
    qsizetype m_painted = 0;
    QPair<qsizetype, qsizetype> m_paintedRange{0, 0};
};

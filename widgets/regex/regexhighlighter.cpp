#include "regex/regexhighlighter.h"

#include "regex/regexsyntax.h"

#include "appearance.h"

#include <QGuiApplication>
#include <QPalette>
#include <QTextBlock>
#include <QTextDocument>

namespace RegexColors {

QColor match()
{
    return QColor(255, 214, 0, 110);
}

QColor group(int g)
{
    // Distinct hues, translucent so that light and dark palettes both keep text readable.
    static const QColor colours[] = {QColor(66, 135, 245, 110), QColor(46, 184, 92, 110),
                                     QColor(235, 87, 160, 110), QColor(245, 140, 30, 110),
                                     QColor(140, 90, 230, 110), QColor(20, 180, 200, 110)};
    return colours[(std::max(g, 1) - 1) % int(std::size(colours))];
}

} // namespace RegexColors

namespace {

/// A syntax colour picked for a light background, readable on the palette's own (it was
/// 2.6:1 on a dark palette's base).
QColor syntax(const QColor &colour)
{
    return stdlab::appearance::readableOn(colour, QGuiApplication::palette().color(QPalette::Base));
}

} // namespace

RegexHighlighter::RegexHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
}

void RegexHighlighter::setVerbose(bool verbose)
{
    if (verbose != m_verbose) {
        m_verbose = verbose;
        rehighlight();
    }
}

void RegexHighlighter::highlightBlock(const QString &text)
{
    Q_UNUSED(text)
    // Tokens need the whole pattern (groups are numbered across lines in verbose patterns).
    using stdlab::re::SyntaxToken;
    const QString pattern = document()->toPlainText();
    const qsizetype blockStart = currentBlock().position();
    const qsizetype blockEnd = blockStart + currentBlock().length();
    for (const SyntaxToken &t : stdlab::re::tokenizePattern(pattern, m_verbose)) {
        const qsizetype a = std::max(t.start, blockStart);
        const qsizetype b = std::min(t.start + t.length, blockEnd);
        if (a >= b) {
            continue;
        }
        QTextCharFormat f;
        switch (t.kind) {
        case SyntaxToken::Literal:
            continue;
        case SyntaxToken::Escape:
            f.setForeground(syntax(QColor(0, 128, 160)));
            break;
        case SyntaxToken::CharClass:
            f.setForeground(syntax(QColor(170, 90, 0)));
            break;
        case SyntaxToken::Quantifier:
            f.setForeground(syntax(QColor(200, 40, 40)));
            f.setFontWeight(QFont::Bold);
            break;
        case SyntaxToken::GroupOpen:
        case SyntaxToken::GroupClose:
            f.setFontWeight(QFont::Bold);
            if (t.group > 0) {
                f.setBackground(RegexColors::group(t.group));
            } else {
                f.setForeground(syntax(QColor(120, 120, 120)));
            }
            break;
        case SyntaxToken::Backreference:
            f.setFontUnderline(true);
            if (t.group > 0) {
                f.setBackground(RegexColors::group(t.group));
            }
            break;
        case SyntaxToken::Alternation:
        case SyntaxToken::Anchor:
        case SyntaxToken::Dot:
            f.setForeground(syntax(QColor(150, 60, 200)));
            f.setFontWeight(QFont::Bold);
            break;
        case SyntaxToken::InlineFlags:
            f.setForeground(syntax(QColor(120, 120, 120)));
            break;
        case SyntaxToken::Comment:
            f.setForeground(syntax(QColor(120, 120, 120)));
            f.setFontItalic(true);
            break;
        }
        setFormat(int(a - blockStart), int(b - a), f);
    }
}

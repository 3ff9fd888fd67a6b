#pragma once

#include <QList>
#include <QString>

namespace stdlab::re {

/** One piece of a Python pattern, for syntax colouring (offsets in UTF-16 units). */
struct SyntaxToken
{
    enum Kind {
        Literal,       ///< characters that match themselves
        Escape,        ///< \d \w \b \n \x41 \N{...} \. ... (classes, anchors and escaped chars)
        CharClass,     ///< [...] as a whole
        Quantifier,    ///< * + ? {m,n}, with a lazy ? or possessive +
        GroupOpen,     ///< ( (?: (?P<name> (?= (?<! (?i: ... ; group > 0 when capturing
        GroupClose,    ///< ) ; group of the matching open
        Alternation,   ///< |
        Anchor,        ///< ^ $
        Dot,           ///< .
        Backreference, ///< \1 (?P=name) ; group = the referenced group (0 if unknown)
        InlineFlags,   ///< (?aiLmsux) at the start
        Comment,       ///< (?#...) and, in verbose mode, # ... and whitespace
    };
    Kind kind = Literal;
    qsizetype start = 0;
    qsizetype length = 0;
    int group = 0;

    bool operator==(const SyntaxToken &o) const
    {
        return kind == o.kind && start == o.start && length == o.length && group == o.group;
    }
};

/**
 * Splits a Python `re` pattern into tokens for colouring. It is lenient: invalid syntax still
 * gives tokens (the engine reports the error). @p verbose: the VERBOSE flag is set outside the
 * pattern (an inline (?x) at the start is recognised too).
 */
QList<SyntaxToken> tokenizePattern(const QString &pattern, bool verbose = false);

/// A short name of a kind ("literal", "escape", ...), for tests and debugging.
QString syntaxKindName(SyntaxToken::Kind kind);

} // namespace stdlab::re

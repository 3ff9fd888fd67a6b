#pragma once

#include "regex/pyregex.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <string>
#include <vector>

// Internal to the regex engine: Python 3.11 `re` pattern syntax -> PCRE2 pattern text.
namespace stdlab::re::detail {

/**
 * A pattern as sre runs it, for the patterns PCRE2 cannot run as sre does: those repeating a
 * group that can match the empty string other than as `X?` and `X*` (see pytranslate.cpp). A
 * backtracking program over sre's own control structure (REPEAT/MAX_UNTIL/MIN_UNTIL with their
 * last_ptr rule, POSSESSIVE_REPEAT, ATOMIC_GROUP, ASSERT, GROUPREF, GROUPREF_EXISTS) whose
 * leaves - runs of characters, sets and anchors - are small PCRE2 patterns (sreengine.cpp).
 */
struct SreProgram
{
    enum class Op : quint8 {
        Leaf, ///< PCRE2 fragment a, anchored at the position
        Simple, ///< fragment a (one character) repeated min..max; mode 0 greedy, 1 lazy, 2 poss.
        Split, ///< try a, then b (b = -1: restore the marks as sre's BRANCH does, and fail)
        Jmp, ///< go to a
        Save, ///< slot a = position
        Repeat, ///< new context of repeat a, go to its Until at b
        Until, ///< repeat a: body at c, tail at b; mode 0 MAX_UNTIL, 1 MIN_UNTIL
        Possessive, ///< POSSESSIVE_REPEAT a: body at c (ends with Succeed), tail at b
        Atomic, ///< body at c (ends with Succeed), tail at b
        Assert, ///< body at c, tail at b; mode bit 0 negative, bit 1 look-behind of width min
        Ref, ///< back-reference to group a; mode 0 exact, 1 IGNORECASE, 2 IGNORECASE|ASCII
        CondRef, ///< group a set: go on; else go to b
        Succeed, ///< end of the pattern or of a body run on its own
    };
    struct Inst
    {
        Op op = Op::Succeed;
        quint8 mode = 0;
        int a = 0;
        int b = 0;
        int c = 0;
        quint64 min = 0;
        quint64 max = 0; ///< 4294967295 = no limit (sre's MAXREPEAT)
    };
    std::vector<Inst> code;
    std::vector<std::u16string> fragments; ///< PCRE2 patterns (UTF-16), compiled anchored
    /// Per fragment: 0 any, 1 one character whose match depends on that character only,
    /// 2 a string matched exactly (in literals).
    std::vector<quint8> fragmentKinds;
    std::vector<std::u16string> literals;
    int repeats = 0;
    int groups = 0;
    /// search() tries a start position only where this fragment (one character, kind 1)
    /// matches: Translation::searchFilter's set; -1 = everywhere.
    int startFilter = -1;
};

/// The outcome of translating one Python pattern.
struct Translation
{
    bool ok = false;
    QString errorMessage; ///< Python's re.error msg (or ValueError text) when !ok
    qsizetype errorPos = -1; ///< code point offset in the pattern, -1 = None
    ErrorKind errorKind = ErrorKind::ReError;
    QList<Warning> warnings; ///< issued while parsing (also when it then failed)
    QList<int> groupParents; ///< index g-1 -> the group containing group g, 0 for none
    std::u16string pcre; ///< PCRE2 pattern (UTF-16) when ok
    int groups = 0; ///< capturing groups, Python numbering == PCRE2 numbering
    QHash<QString, int> groupIndex; ///< name -> group number
    QStringList groupNames; ///< index g-1 -> name or empty
    int flags = 0; ///< the pattern's global flags after inline flags, Python values
    bool ucp = true; ///< compile with PCRE2_UCP (global Unicode mode)
    /// The pattern holds an atomic group or a possessive repeat: PCRE2 10.42 must then compile
    /// it without auto-possessification and start-of-match optimisations (see pyregex.cpp).
    bool atomic = false;
    /// For search() only (not match/fullmatch), put before pcre: a look-ahead at the start
    /// position for the set sre's INFO block tests there. CPython compiles that set (the
    /// pattern's first one, reached through leading groups) with the pattern's global flags, so
    /// under a scoped (?a:...) or (?u:...) its \w, \d, \s mean the global ones: search(r'(?a:\W)',
    /// 'σ') finds nothing, match() finds 'σ'. Empty when it changes nothing.
    std::u16string searchFilter;
    /// Set when PCRE2 cannot run the pattern as sre does: run this program instead.
    std::shared_ptr<const SreProgram> program;
    /// The program is needed only on texts holding U+0130: the pattern has IGNORECASE
    /// back-references, where sre pairs İ with i and I (lower() of each) and PCRE2 does not.
    bool programForDottedI = false;
};

/**
 * What sre's zero-width checks see when match() starts past its end (pos > endpos): nothing can
 * be consumed there and the anchors read the text around pos.
 */
struct PastEnd
{
    bool lineBreakBefore = false; ///< text[pos-1] == '\n' (MULTILINE ^)
    bool lineBreakAt = false; ///< text[pos] == '\n' (MULTILINE $)
    bool wordBefore = false; ///< text[pos-1] is a Unicode word character
    bool asciiWordBefore = false; ///< the same under ASCII
    bool emptyRange = false; ///< endpos == 0: \b and \B never match
};

/// @p loneSurrogates: write the pattern for 32-bit PCRE2 compiled without UTF, for subjects that
/// hold lone surrogates (a surrogate in the pattern then matches itself, as in Python).
/// @p withProgram: build the SreProgram for any pattern (for those PCRE2 refuses; with
/// @p loneSurrogates, for SreEngine's code-point matching).
Translation translate(const QString &pattern, int flags, bool loneSurrogates = false,
                      bool withProgram = false);
/// The pattern as sre runs it from past its end (see PastEnd): match it anchored on a subject
/// cut at pos, so that nothing can be consumed.
Translation translatePastEnd(const QString &pattern, int flags, const PastEnd &at,
                             bool withProgram = false);

/// The most nested parsing CPython 3.11 does before its RecursionError (at a script's top
/// level, default recursion limit): frames of _parse_sub/_parse, two per group level and one per
/// conditional. python3.11 compiles 495 nested groups (992 frames) and 991 nested conditionals
/// (993 frames), not 496 groups (994) nor 992 conditionals (994).
constexpr int kMaxParseFrames = 993;

/// int(text) as Python reads a group number (spaces, sign, underscores, Unicode digits), or
/// nullopt; values are capped at 2**60.
std::optional<qint64> pythonInt(const std::u32string &s);
/// The decimal digits of int(text) (for messages about values beyond the cap).
QString pythonIntText(const std::u32string &s);
/// str.isidentifier().
bool isIdentifier(const std::u32string &s);

/// What re._parser.parse(pattern, flags) returns, for `stdlab regex --batch` op "parse".
struct ParseTree
{
    bool ok = false;
    QString errorMessage; ///< as Translation's, when !ok
    qsizetype errorPos = -1;
    ErrorKind errorKind = ErrorKind::ReError;
    /// {"groups", "groupindex", "flags", "tree", "spans"}: the tree as [[OP, av], ...] with
    /// _constants' names; spans parallel to it, each item [start, end, spans of its bodies...].
    QJsonObject result;
};
ParseTree parseTree(const QString &pattern, int flags);

/// Python's sre lower-case of one code point (IGNORECASE data of CPython 3.11).
char32_t sreLower(char32_t c);

} // namespace stdlab::re::detail

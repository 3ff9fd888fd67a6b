#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

/**
 * Python 3.11's `re` on PCRE2: the pattern syntax, errors, matching rules and results of
 * CPython, with offsets in code points. Thread-safe: a compiled `const Regex` and a `Subject`
 * may be used from several threads at once.
 */
namespace stdlab {
class ByteSink;
}

namespace stdlab::re {

/// Python's flag values (re.IGNORECASE == 2, ...).
enum Flag { IGNORECASE = 2, MULTILINE = 8, DOTALL = 16, VERBOSE = 64, ASCII = 256 };

/// "imsxa" (any order, any subset) -> flags; on an unknown letter returns -1 and sets *error.
int flagsFromLetters(QStringView letters, QString *error = nullptr);
/// Flags -> letters in the canonical order "imsxa".
QString flagLetters(int flags);

/// The Python exception an error is: re.error, or one of the few others `re` raises.
enum class ErrorKind { ReError, ValueError, OverflowError, IndexError };

/// re.error (message and pos, pos -1 meaning None), or a match stopped by the backtracking limit.
struct Error
{
    QString message;
    qsizetype pos = -1;
    bool limit = false;
    ErrorKind kind = ErrorKind::ReError;
};

/// A warning Python's `re` issues while compiling a pattern or a template (FutureWarning for
/// a possible set operation, DeprecationWarning for a group number that is not ASCII digits).
struct Warning
{
    enum Category { Future, Deprecation } category = Future;
    QString message;
    bool operator==(const Warning &o) const
    {
        return category == o.category && message == o.message;
    }
};

/// "FutureWarning" / "DeprecationWarning".
QString warningCategoryName(Warning::Category category);

/// The message of a limit error.
QString limitMessage();
/// str(re.error): the message, " at position N" and, for a multi-line @p pattern,
/// " (line L, column C)".
QString errorString(const Error &e, const QString &pattern);
/// The line of @p source holding code point @p pos, a newline, and a caret under that code
/// point (each line prefixed by @p indent); no final newline.
QString caretLines(const QString &source, qsizetype pos, const QString &indent = QString());

/** A text prepared once for many matches: UTF-16 plus a code point index. */
class Subject
{
public:
    Subject() = default;
    explicit Subject(const QString &text);

    const QString &text() const { return m_text; }
    /// Length in code points (len() in Python).
    qsizetype length() const { return m_length; }
    /// text[cpStart:cpEnd] in Python (clamped like a slice of non-negative indexes).
    QString slice(qsizetype cpStart, qsizetype cpEnd) const;
    QStringView sliceView(qsizetype cpStart, qsizetype cpEnd) const;
    /// Code point offset <-> UTF-16 offset (offsets clamped to the text).
    qsizetype toUtf16(qsizetype cp) const;
    qsizetype toCodePoint(qsizetype utf16) const;
    /// True when some character is outside the BMP (code points != UTF-16 units).
    bool hasSurrogates() const { return m_surrogates; }
    /// True when the text holds an unpaired surrogate (it then matches as U+FFFD).
    bool hadInvalidUtf16() const { return m_invalid; }
    /// The text as matched (equal to text() unless hadInvalidUtf16()).
    const QString &matchText() const { return m_invalid ? m_fixed : m_text; }
    /// matchText() in UTF-32, made on first use (for patterns too large for 16-bit PCRE2);
    /// thread-safe.
    const std::u32string &wide() const;
    /// True when the text holds U+0130 (see Regex: IGNORECASE back-references); computed on
    /// first use, thread-safe.
    bool hasDottedCapitalI() const;

private:
    struct WideCache;
    std::shared_ptr<WideCache> m_wide;
    QString m_text;
    QString m_fixed;
    qsizetype m_length = 0;
    bool m_surrogates = false;
    bool m_invalid = false;
    std::vector<qsizetype> m_index; // UTF-16 offset of every kIndexStep-th code point
};

class Regex;

/** One match: the spans of groups 0..n in code points, (-1, -1) when a group did not take part. */
struct Match
{
    std::vector<qsizetype> spans; // start0, end0, start1, end1, ... in code points
    std::vector<qsizetype> units; // the same in UTF-16 offsets into Subject::text() (may be empty)

    int groupCount() const { return int(spans.size() / 2) - 1; }
    qsizetype start(int g = 0) const { return spans[size_t(2 * g)]; }
    qsizetype end(int g = 0) const { return spans[size_t(2 * g + 1)]; }
    bool matched(int g) const { return spans[size_t(2 * g)] >= 0; }
    /// group(g) text ("" when unmatched; check matched() to tell None apart).
    QString text(const Subject &subject, int g = 0) const;
    QStringView view(const Subject &subject, int g = 0) const;

    /// Match.lastindex: the group that closed last, 0 when none took part (None in Python).
    int lastIndex(const Regex &regex) const;
    /// repr(match): "<re.Match object; span=(0, 3), match='abc'>" (the match's repr cut to
    /// 50 characters, as CPython does).
    QString repr(const Subject &subject) const;
    /// The same repr, of a match given by its text and span, written into @p out.
    static void writeRepr(ByteSink &out, QStringView group0, qsizetype start, qsizetype end);
    /// {"span":[s,e], "groups":[str|null...], "spans":[[s,e]...], "groupdict":{name: str|null}}
    QJsonObject toJson(const Subject &subject, const Regex &regex) const;
};

/** Result of findall: strings, or tuples of strings when the pattern has two or more groups. */
struct FindallResult
{
    int groups = 0;
    QList<QStringList> items; ///< each item holds 1 string (groups <= 1) or `groups` strings
    QString repr() const;
    QJsonArray toJson() const;
};

/** Result of sub/subn. */
struct SubResult
{
    QString text;
    qsizetype count = 0;
    QString repr(bool subn) const; ///< 'text' or ('text', n)
    QJsonValue toJson(bool subn) const; ///< "text" or ["text", n]
};

/** Result of split: strings, std::nullopt for groups that did not take part (None). */
struct SplitResult
{
    QList<std::optional<QString>> items;
    QString repr() const;
    QJsonArray toJson() const;
};

/** A compiled replacement template (\1, \g<name>, escapes), as re's parse_template builds it. */
class Template
{
public:
    /// Parses @p repl for @p regex; on error returns std::nullopt and sets *error.
    static std::optional<Template> compile(const QString &repl, const Regex &regex,
                                           Error *error = nullptr);
    QString expand(const Subject &subject, const Match &match) const;
    void expandInto(QString &out, const Subject &subject, const Match &match) const;
    /// The warnings parsing issued (Python issues them at each parse).
    const QList<Warning> &warnings() const { return m_warnings; }
    /// The template as Python's parse_template leaves it: literals (strings) and group numbers.
    QJsonArray toJson() const;

private:
    struct Piece
    {
        QString literal;
        int group = -1; // >= 0: a group reference
    };
    std::vector<Piece> m_pieces;
    QList<Warning> m_warnings;
};

/** A compiled pattern. Create with compile(); share it (const) between threads freely. */
class Regex
{
public:
    /// Compiles a Python pattern; on error returns nullptr and fills *error (Python's message).
    static std::shared_ptr<const Regex> compile(const QString &pattern, int flags,
                                                Error *error = nullptr);
    ~Regex();
    Regex(const Regex &) = delete;
    Regex &operator=(const Regex &) = delete;

    const QString &pattern() const { return m_pattern; }
    /// The flags as Python's Pattern.flags reports them (inline flags included, UNICODE=32 set
    /// unless ASCII).
    int flags() const { return m_flags; }
    int groupCount() const { return m_groups; }
    /// Name of group g (1-based), empty when unnamed.
    QString groupName(int g) const;
    /// Group number of a name, -1 when unknown.
    int groupIndex(const QString &name) const;
    /// Named groups in the order of their numbers.
    QStringList groupNames() const;
    /// The warnings compiling issued (Python issues them when it compiles, not from its cache).
    const QList<Warning> &warnings() const { return m_warnings; }
    /// The group that contains group g (1-based) in the pattern, 0 for none.
    int groupParent(int g) const { return m_parents.value(g - 1); }
    /// The PCRE2 pattern the Python pattern was translated to (for diagnostics and tests).
    QString pcrePattern() const;

    // pos/endpos as Python's Pattern methods: clamped to [0, len]; endpos -1 means len.
    // @p cancel (may be null): when it becomes true the search gives up (returns nullopt).
    std::optional<Match> search(const Subject &s, qsizetype pos = 0, qsizetype endpos = -1,
                                Error *error = nullptr,
                                const std::atomic<bool> *cancel = nullptr) const;
    std::optional<Match> match(const Subject &s, qsizetype pos = 0, qsizetype endpos = -1,
                               Error *error = nullptr,
                               const std::atomic<bool> *cancel = nullptr) const;
    std::optional<Match> fullmatch(const Subject &s, qsizetype pos = 0, qsizetype endpos = -1,
                                   Error *error = nullptr,
                                   const std::atomic<bool> *cancel = nullptr) const;

    /**
     * finditer: calls @p callback for each match, in order, with Python 3.7+'s empty-match rules.
     * Stops when the callback returns false, or when @p cancel (may be null) becomes true -
     * between matches, or within a long scan of a pattern that backtracks a lot (its start
     * positions are then tried 256K at a time; simple scans run at JIT speed to the end).
     * Returns false on a limit error (filled in *error), true otherwise (also when stopped).
     * The Match passed to the callback is reused between calls: copy it to keep it.
     * With Offsets::UnitsOnly it holds only Match::units (spans empty): for callers that cut
     * the text by UTF-16 offsets (findall, split, sub), code points cost 10 % of a findall.
     */
    enum class Offsets { CodePoints, UnitsOnly };
    bool forEach(const Subject &s, qsizetype pos, qsizetype endpos,
                 const std::function<bool(const Match &)> &callback, Error *error = nullptr,
                 const std::atomic<bool> *cancel = nullptr,
                 Offsets offsets = Offsets::CodePoints) const;
    std::optional<std::vector<Match>> finditer(const Subject &s, qsizetype pos = 0,
                                               qsizetype endpos = -1,
                                               Error *error = nullptr) const;

    std::optional<FindallResult> findall(const Subject &s, qsizetype pos = 0,
                                         qsizetype endpos = -1, Error *error = nullptr) const;
    /// sub/subn with a template string; count 0 = all. Template errors come back as Error.
    std::optional<SubResult> sub(const QString &repl, const Subject &s, qsizetype count = 0,
                                 Error *error = nullptr) const;
    std::optional<SubResult> sub(const Template &repl, const Subject &s, qsizetype count = 0,
                                 Error *error = nullptr) const;
    /// split; maxsplit 0 = all.
    std::optional<SplitResult> split(const Subject &s, qsizetype maxsplit = 0,
                                     Error *error = nullptr) const;

    struct Impl;

private:
    Regex();
    enum class Mode { Search, Match, Fullmatch };
    std::optional<Match> single(const Subject &s, qsizetype pos, qsizetype endpos, Mode mode,
                                Error *error, const std::atomic<bool> *cancel) const;
    std::optional<Match> matchPastEnd(const Subject &s, qsizetype pos, qsizetype posUnit,
                                      bool emptyRange) const;

    QString m_pattern;
    int m_flags = 0;
    int m_groups = 0;
    QStringList m_names;
    QList<int> m_parents;
    QList<Warning> m_warnings;
    std::unique_ptr<Impl> d;
};

} // namespace stdlab::re

// A port of CPython 3.11's re/_parser.py (same order of checks, same messages and positions)
// that builds sre's intermediate form, then writes it out as a PCRE2 pattern whose behaviour is
// sre's: explicit case-folding sets (sre's lower() + _EXTRA_CASES instead of PCRE2's folding),
// Python's \s set, \Z as \z, ^ after a final newline, \B never matching an empty string, etc.
#include "regex/pytranslate.h"

#include "common/pyrepr.h"

#include <unicode/uchar.h>

#include <QChar>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace stdlab::re::detail {

namespace {

#include "regex/casetable.inc"
#include "regex/namealiases.inc"

constexpr int F_TEMPLATE = 1;
constexpr int F_IGNORECASE = 2;
constexpr int F_LOCALE = 4;
constexpr int F_MULTILINE = 8;
constexpr int F_DOTALL = 16;
constexpr int F_UNICODE = 32;
constexpr int F_VERBOSE = 64;
constexpr int F_DEBUG = 128;
constexpr int F_ASCII = 256;
constexpr int TYPE_FLAGS = F_ASCII | F_LOCALE | F_UNICODE;
constexpr int GLOBAL_FLAGS = F_DEBUG | F_TEMPLATE;
constexpr quint64 MAXREPEAT = 4294967295ULL;
constexpr quint64 MAXGROUPS = 1073741823ULL;
// PCRE2 10.42 refuses repeat counts above this.
constexpr quint64 PCRE_MAX_REPEAT = 65535;
// PCRE2 10.42 refuses look-behinds longer than this.
constexpr quint64 PCRE_MAX_LOOKBEHIND = 65535;

struct ParseError
{
    QString message;
    qsizetype pos;
    ErrorKind kind = ErrorKind::ReError;
};

// ---------------------------------------------------------------------------------------------
// Case data of sre (IGNORECASE).

struct CaseData
{
    std::vector<std::pair<char32_t, char32_t>> lower; // sorted by first
    std::vector<std::pair<char32_t, char32_t>> upper;
    std::map<char32_t, std::vector<char32_t>> lowerInverse; // lo -> {x != lo : lower(x) == lo}
    std::map<char32_t, std::vector<char32_t>> extras;

    CaseData()
    {
        for (const auto &p : kLowerPairs) {
            lower.emplace_back(p[0], p[1]);
            lowerInverse[p[1]].push_back(p[0]);
        }
        for (const auto &p : kUpperPairs) {
            upper.emplace_back(p[0], p[1]);
        }
        for (const auto &e : kExtraCases) {
            auto &v = extras[e[0]];
            for (int i = 1; i < 4 && e[i]; ++i) {
                v.push_back(e[i]);
            }
        }
    }
    static char32_t find(const std::vector<std::pair<char32_t, char32_t>> &v, char32_t c)
    {
        auto it = std::lower_bound(v.begin(), v.end(), std::make_pair(c, char32_t(0)));
        return (it != v.end() && it->first == c) ? it->second : c;
    }
};

const CaseData &caseData()
{
    static const CaseData data;
    return data;
}

char32_t uniLower(char32_t c)
{
    return CaseData::find(caseData().lower, c);
}
char32_t uniUpper(char32_t c)
{
    return CaseData::find(caseData().upper, c);
}
bool uniCased(char32_t c)
{
    return uniLower(c) != c || uniUpper(c) != c;
}
char32_t asciiLower(char32_t c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}
bool asciiCased(char32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// Sorted, merged closed intervals of code points.
using Ranges = std::vector<std::pair<char32_t, char32_t>>;

void normalize(Ranges &r)
{
    std::sort(r.begin(), r.end());
    Ranges out;
    for (const auto &p : r) {
        if (!out.empty() && p.first <= out.back().second + 1) {
            out.back().second = std::max(out.back().second, p.second);
        } else {
            out.push_back(p);
        }
    }
    r.swap(out);
}

bool contains(const Ranges &r, char32_t c)
{
    auto it = std::upper_bound(r.begin(), r.end(), std::make_pair(c, char32_t(0x7fffffff)));
    if (it == r.begin()) {
        return false;
    }
    --it;
    return c >= it->first && c <= it->second;
}

// ---------------------------------------------------------------------------------------------
// sre's intermediate form.

enum class Op {
    Literal,
    NotLiteral,
    Any,
    In,
    At,
    Branch,
    Subpattern,
    Atomic,
    MaxRepeat,
    MinRepeat,
    PossessiveRepeat,
    GroupRef,
    GroupRefExists,
    Assert,
    AssertNot,
};
enum class Cat { Digit, NotDigit, Space, NotSpace, Word, NotWord };
enum class At { Beginning, BeginningString, Boundary, NonBoundary, End, EndString };

struct SetItem
{
    enum Kind { Negate, Literal, Range, Category } kind;
    char32_t lo = 0;
    char32_t hi = 0;
    Cat cat = Cat::Digit;
    bool operator==(const SetItem &o) const
    {
        return kind == o.kind && lo == o.lo && hi == o.hi && cat == o.cat;
    }
};

struct Node;
struct Seq
{
    std::vector<Node> items;
    bool empty() const { return items.empty(); }
};
using SeqPtr = std::shared_ptr<Seq>;

struct Node
{
    Op op = Op::Literal;
    char32_t c = 0;
    At at = At::Beginning;
    std::vector<SetItem> set;
    int group = 0; // Subpattern: 0 = none
    int addFlags = 0;
    int delFlags = 0;
    quint64 min = 0;
    quint64 max = 0;
    int dir = 1;
    SeqPtr p;
    SeqPtr p2; // GroupRefExists: "no" branch (may be null)
    std::vector<SeqPtr> branches;
    // The part of the pattern (code points, end exclusive) this node was parsed from; a prefix
    // moved out of a branch (Parser::Tree::CPython) keeps the span of the first alternative's.
    qsizetype start = -1;
    qsizetype end = -1;
};

/// The flags inside Subpattern @p n under @p flags, as CPython's _combine_flags gives them: a
/// scoped type flag (a, u, L) replaces the outer one.
int subpatternFlags(const Node &n, int flags)
{
    if (n.addFlags & TYPE_FLAGS) {
        flags &= ~TYPE_FLAGS;
    }
    return (flags | n.addFlags) & ~n.delFlags;
}

struct Width
{
    quint64 lo = 0;
    quint64 hi = 0;
};

struct State
{
    int flags = 0;
    QHash<QString, int> groupdict;
    std::vector<std::optional<Width>> groupwidths{std::nullopt};
    std::optional<int> lookbehindgroups;
    // Conditional references to group numbers, in the order they first appear: Python reports
    // the first invalid one in that order (its dict keeps insertion order).
    std::vector<std::pair<int, qsizetype>> grouprefpos;
    QStringList names; // index g-1
    QList<int> parents; // index g-1
    std::vector<int> open; // capturing groups being parsed, innermost last
    QList<Warning> warnings;

    int groups() const { return int(groupwidths.size()); }
};

// Widths as CPython 3.11.7's getwidth() counts them: exact up to MAXWIDTH (1 << 64, which
// stands here as the largest quint64), saturated beyond.
constexpr quint64 MAXWIDTH = std::numeric_limits<quint64>::max();
// _compiler.MAXCODE: a look-behind may not be wider ("looks too much behind").
constexpr quint64 MAXCODE = 4294967295ULL;

quint64 widthAdd(quint64 a, quint64 b)
{
    return a > MAXWIDTH - b ? MAXWIDTH : a + b;
}

quint64 widthMul(quint64 a, quint64 b)
{
    if (a == 0 || b == 0) {
        return 0;
    }
    return a > MAXWIDTH / b ? MAXWIDTH : a * b;
}

Width getwidth(const Seq &seq, const State &state)
{
    quint64 lo = 0;
    quint64 hi = 0;
    for (const Node &n : seq.items) {
        switch (n.op) {
        case Op::Branch: {
            quint64 i = MAXWIDTH;
            quint64 j = 0;
            for (const SeqPtr &b : n.branches) {
                const Width w = getwidth(*b, state);
                i = std::min(i, w.lo);
                j = std::max(j, w.hi);
            }
            lo = widthAdd(lo, i);
            hi = widthAdd(hi, j);
            break;
        }
        case Op::Atomic:
        case Op::Subpattern: {
            const Width w = getwidth(*n.p, state);
            lo = widthAdd(lo, w.lo);
            hi = widthAdd(hi, w.hi);
            break;
        }
        case Op::MaxRepeat:
        case Op::MinRepeat:
        case Op::PossessiveRepeat: {
            const Width w = getwidth(*n.p, state);
            lo = widthAdd(lo, widthMul(w.lo, n.min));
            hi = (n.max == MAXREPEAT && w.hi) ? MAXWIDTH : widthAdd(hi, widthMul(w.hi, n.max));
            break;
        }
        case Op::Any:
        case Op::In:
        case Op::Literal:
        case Op::NotLiteral:
            lo = widthAdd(lo, 1);
            hi = widthAdd(hi, 1);
            break;
        case Op::GroupRef: {
            const auto &w = state.groupwidths[size_t(n.group)];
            if (w) {
                lo = widthAdd(lo, w->lo);
                hi = widthAdd(hi, w->hi);
            }
            break;
        }
        case Op::GroupRefExists: {
            Width w = getwidth(*n.p, state);
            if (n.p2) {
                const Width w2 = getwidth(*n.p2, state);
                w.lo = std::min(w.lo, w2.lo);
                w.hi = std::max(w.hi, w2.hi);
            } else {
                w.lo = 0;
            }
            lo = widthAdd(lo, w.lo);
            hi = widthAdd(hi, w.hi);
            break;
        }
        default:
            break;
        }
    }
    return {lo, hi};
}

// ---------------------------------------------------------------------------------------------
// Tokenizer

struct Tok
{
    bool none = true;
    bool esc = false;
    char32_t a = 0; // the character, or the one after the backslash
    qsizetype len() const { return none ? 0 : (esc ? 2 : 1); }
    bool is(char32_t c) const { return !none && !esc && a == c; }
    bool isEsc(char32_t c) const { return !none && esc && a == c; }
    QString str() const
    {
        if (none) {
            return {};
        }
        const char32_t buf[2] = {U'\\', a};
        return esc ? py::fromCodePoints(buf, 2) : py::fromCodePoints(&a, 1);
    }
};

bool isDigit(const Tok &t)
{
    return !t.none && !t.esc && t.a >= '0' && t.a <= '9';
}
bool isOct(const Tok &t)
{
    return !t.none && !t.esc && t.a >= '0' && t.a <= '7';
}
bool isHex(const Tok &t)
{
    return !t.none && !t.esc
        && ((t.a >= '0' && t.a <= '9') || (t.a >= 'a' && t.a <= 'f') || (t.a >= 'A' && t.a <= 'F'));
}
bool isAsciiLetter(char32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isAlpha(char32_t c)
{
    return QChar::isLetter(c);
}

QString ucs4(const std::u32string &s)
{
    return py::fromCodePoints(s.data(), qsizetype(s.size()));
}

bool isIdentifierImpl(const std::u32string &s)
{
    if (s.empty()) {
        return false;
    }
    for (size_t i = 0; i < s.size(); ++i) {
        const UChar32 c = UChar32(s[i]);
        const bool ok = i == 0 ? (c == '_' || u_hasBinaryProperty(c, UCHAR_XID_START))
                               : u_hasBinaryProperty(c, UCHAR_XID_CONTINUE);
        if (!ok) {
            return false;
        }
    }
    return true;
}

// int(text) for group numbers: ASCII/Unicode decimal digits, optional sign and spaces.
std::optional<qint64> pyInt(const std::u32string &s)
{
    size_t i = 0;
    size_t end = s.size();
    while (i < end && (s[i] == ' ' || (s[i] >= 9 && s[i] <= 13))) {
        ++i;
    }
    while (end > i && (s[end - 1] == ' ' || (s[end - 1] >= 9 && s[end - 1] <= 13))) {
        --end;
    }
    bool neg = false;
    if (i < end && (s[i] == '+' || s[i] == '-')) {
        neg = s[i] == '-';
        ++i;
    }
    if (i >= end) {
        return std::nullopt;
    }
    qint64 v = 0;
    bool lastUnderscore = true;
    for (; i < end; ++i) {
        if (s[i] == '_') {
            if (lastUnderscore) {
                return std::nullopt;
            }
            lastUnderscore = true;
            continue;
        }
        const int d = u_charDigitValue(UChar32(s[i]));
        if (d < 0 || u_charType(UChar32(s[i])) != U_DECIMAL_DIGIT_NUMBER) {
            return std::nullopt;
        }
        lastUnderscore = false;
        v = std::min<qint64>(v * 10 + d, qint64(1) << 60);
    }
    if (lastUnderscore) {
        return std::nullopt;
    }
    return neg ? -v : v;
}

class Tokenizer
{
public:
    explicit Tokenizer(const QString &pattern)
    {
        m_s = py::codePoints(pattern); // a lone surrogate is a code point, as in Python
        advance();
    }
    const Tok &next() const { return m_next; }
    bool match(char32_t c)
    {
        if (m_next.is(c)) {
            advance();
            return true;
        }
        return false;
    }
    Tok get()
    {
        Tok t = m_next;
        advance();
        return t;
    }
    template<typename Pred>
    std::u32string getwhile(int n, Pred pred)
    {
        std::u32string r;
        for (int i = 0; i < n; ++i) {
            if (!pred(m_next)) {
                break;
            }
            r += m_next.a;
            advance();
        }
        return r;
    }
    std::u32string getuntil(char32_t terminator, const QString &name)
    {
        std::u32string r;
        while (true) {
            const Tok c = m_next;
            advance();
            if (c.none) {
                if (r.empty()) {
                    throw error(QStringLiteral("missing ") + name);
                }
                throw error(QStringLiteral("missing %1, unterminated name")
                                .arg(py::fromCodePoints(&terminator, 1)),
                            qsizetype(r.size()));
            }
            if (c.is(terminator)) {
                if (r.empty()) {
                    throw error(QStringLiteral("missing ") + name, 1);
                }
                break;
            }
            if (c.esc) {
                r += U'\\';
            }
            r += c.a;
        }
        return r;
    }
    qsizetype tell() const { return m_index - m_next.len(); }
    void seek(qsizetype index)
    {
        m_index = index;
        advance();
    }
    qsizetype size() const { return qsizetype(m_s.size()); }
    ParseError error(const QString &msg, qsizetype offset = 0) const
    {
        return {msg, tell() - offset};
    }
    void checkgroupname(const std::u32string &name, qsizetype offset) const
    {
        if (!isIdentifierImpl(name)) {
            throw error(QStringLiteral("bad character in group name %1").arg(py::repr(ucs4(name))),
                        qsizetype(name.size()) + offset);
        }
    }

private:
    void advance()
    {
        qsizetype index = m_index;
        if (index >= qsizetype(m_s.size())) {
            m_next = Tok{};
            return;
        }
        Tok t;
        t.none = false;
        t.a = m_s[size_t(index)];
        if (t.a == '\\') {
            ++index;
            if (index >= qsizetype(m_s.size())) {
                throw ParseError{QStringLiteral("bad escape (end of pattern)"),
                                 qsizetype(m_s.size()) - 1};
            }
            t.esc = true;
            t.a = m_s[size_t(index)];
        }
        m_index = index + 1;
        m_next = t;
    }

    std::u32string m_s;
    qsizetype m_index = 0;
    Tok m_next;
};

// ---------------------------------------------------------------------------------------------
// Parser

struct Code
{
    enum Kind { Lit, Set, Anchor, Ref } kind = Lit;
    char32_t c = 0;
    Cat cat = Cat::Digit;
    At at = At::Beginning;
    int group = 0;
};

std::optional<Code> categoryOf(char32_t e)
{
    switch (e) {
    case 'A':
        return Code{Code::Anchor, 0, Cat::Digit, At::BeginningString};
    case 'b':
        return Code{Code::Anchor, 0, Cat::Digit, At::Boundary};
    case 'B':
        return Code{Code::Anchor, 0, Cat::Digit, At::NonBoundary};
    case 'd':
        return Code{Code::Set, 0, Cat::Digit};
    case 'D':
        return Code{Code::Set, 0, Cat::NotDigit};
    case 's':
        return Code{Code::Set, 0, Cat::Space};
    case 'S':
        return Code{Code::Set, 0, Cat::NotSpace};
    case 'w':
        return Code{Code::Set, 0, Cat::Word};
    case 'W':
        return Code{Code::Set, 0, Cat::NotWord};
    case 'Z':
        return Code{Code::Anchor, 0, Cat::Digit, At::EndString};
    default:
        return std::nullopt;
    }
}

std::optional<char32_t> simpleEscape(char32_t e)
{
    switch (e) {
    case 'a':
        return 7;
    case 'b':
        return 8;
    case 'f':
        return 12;
    case 'n':
        return 10;
    case 'r':
        return 13;
    case 't':
        return 9;
    case 'v':
        return 11;
    case '\\':
        return '\\';
    default:
        return std::nullopt;
    }
}

// unicodedata.lookup() of CPython 3.11 (Unicode 14): names in any letter case, the aliases of
// NameAliases.txt (ICU knows only the corrections among them), algorithmic CJK and Hangul names
// only in capitals (CPython compares those prefixes and syllables case-sensitively), and nothing
// assigned after Unicode 14 (ICU's data is newer).
char32_t lookupName(const std::u32string &name, bool *ok)
{
    *ok = false;
    QByteArray upper;
    for (char32_t c : name) {
        if (c == 0 || c > 0x7e) {
            return 0;
        }
        upper += char((c >= 'a' && c <= 'z') ? c - 32 : c);
    }
    const auto alias = std::lower_bound(
        std::begin(kNameAliases), std::end(kNameAliases), upper,
        [](const NameAlias &a, const QByteArray &n) { return qstrcmp(a.name, n.constData()) < 0; });
    if (alias != std::end(kNameAliases) && upper == alias->name) {
        *ok = true;
        return alias->cp;
    }
    const QByteArray exact = upper.size() == qsizetype(name.size())
        ? QString(ucs4(name)).toLatin1()
        : QByteArray();
    for (const char *prefix : {"HANGUL SYLLABLE ", "CJK UNIFIED IDEOGRAPH-"}) {
        if (upper.startsWith(prefix) && exact != upper) {
            return 0; // CPython reads these names in capitals only
        }
    }
    if (upper.startsWith("CJK UNIFIED IDEOGRAPH-")) {
        const QByteArray digits = upper.mid(22);
        if (digits.size() != 4 && digits.size() != 5) {
            return 0;
        }
    }
    UErrorCode status = U_ZERO_ERROR;
    const UChar32 c = u_charFromName(U_UNICODE_CHAR_NAME, upper.constData(), &status);
    if (U_FAILURE(status) || c < 0) {
        return 0;
    }
    UVersionInfo age;
    u_charAge(c, age);
    if (age[0] > 14) {
        return 0;
    }
    // Tangut ideographs have no name in CPython 3.11's database.
    if ((c >= 0x17000 && c <= 0x187F7) || (c >= 0x18D00 && c <= 0x18D08)) {
        return 0;
    }
    *ok = true;
    return char32_t(c);
}

class Parser
{
public:
    /// Translating needs sre's intermediate form; the "parse" op shows _parser.parse()'s own
    /// output, which also moves a prefix common to every alternative out of a branch and turns
    /// a branch of single characters and sets into one set (_parse_sub's two optimisations).
    enum class Tree { Plain, CPython };
    Parser(const QString &pattern, State &state, Tree tree = Tree::Plain)
        : m_source(pattern), m_state(state), m_tree(tree)
    {
    }

    SeqPtr parse(int flags)
    {
        m_state.flags = flags;
        SeqPtr p = parseSub(flags & F_VERBOSE, 0);
        // fix_flags
        if (m_state.flags & F_LOCALE) {
            throw ParseError{QStringLiteral("cannot use LOCALE flag with a str pattern"), -1,
                             ErrorKind::ValueError};
        }
        if (!(m_state.flags & F_ASCII)) {
            m_state.flags |= F_UNICODE;
        } else if (m_state.flags & F_UNICODE) {
            throw ParseError{QStringLiteral("ASCII and UNICODE flags are incompatible"), -1,
                             ErrorKind::ValueError};
        }
        if (!m_source.next().none) {
            throw m_source.error(QStringLiteral("unbalanced parenthesis"));
        }
        for (const auto &[g, pos] : m_state.grouprefpos) {
            if (g >= m_state.groups()) {
                throw ParseError{QStringLiteral("invalid group reference %1").arg(g), pos};
            }
        }
        return p;
    }

private:
    void warn(Warning::Category category, const QString &message)
    {
        m_state.warnings.append(Warning{category, message});
    }
    static bool isAsciiDecimal(const std::u32string &s)
    {
        return !s.empty()
            && std::all_of(s.begin(), s.end(), [](char32_t c) { return c >= '0' && c <= '9'; });
    }

    void checklookbehindgroup(int gid)
    {
        if (m_state.lookbehindgroups) {
            if (!checkgroup(gid)) {
                throw m_source.error(QStringLiteral("cannot refer to an open group"));
            }
            if (gid >= *m_state.lookbehindgroups) {
                throw m_source.error(QStringLiteral(
                    "cannot refer to group defined in the same lookbehind subpattern"));
            }
        }
    }
    bool checkgroup(int gid) const
    {
        return gid < m_state.groups() && m_state.groupwidths[size_t(gid)].has_value();
    }

    Code classEscape(const Tok &tok)
    {
        QString escape = tok.str();
        const char32_t c = tok.a;
        if (auto lit = simpleEscape(c)) {
            return Code{Code::Lit, *lit};
        }
        if (auto cat = categoryOf(c); cat && cat->kind == Code::Set) {
            return *cat;
        }
        if (auto lit = numericEscape(tok, escape, true)) {
            return Code{Code::Lit, *lit};
        }
        if (c >= '0' && c <= '9') {
            throw m_source.error(QStringLiteral("bad escape %1").arg(escape), escape.size());
        }
        if (isAsciiLetter(c)) {
            throw m_source.error(QStringLiteral("bad escape %1").arg(escape), escape.size());
        }
        return Code{Code::Lit, c};
    }

    // \x \u \U \N and (in classes) octal escapes; nullopt when the escape is something else.
    std::optional<char32_t> numericEscape(const Tok &tok, QString &escape, bool inClass)
    {
        const char32_t c = tok.a;
        auto hexEscape = [&](int digits) -> char32_t {
            const std::u32string h = m_source.getwhile(digits, isHex);
            escape += ucs4(h);
            if (int(h.size()) != digits) {
                throw m_source.error(QStringLiteral("incomplete escape %1").arg(escape),
                                     escape.size());
            }
            return char32_t(ucs4(h).toUInt(nullptr, 16));
        };
        if (c == 'x') {
            return hexEscape(2);
        }
        if (c == 'u') {
            return hexEscape(4);
        }
        if (c == 'U') {
            const char32_t v = hexEscape(8);
            if (v > 0x10FFFF) {
                throw m_source.error(QStringLiteral("bad escape %1").arg(escape), escape.size());
            }
            return v;
        }
        if (c == 'N') {
            if (!m_source.match('{')) {
                throw m_source.error(QStringLiteral("missing {"));
            }
            const std::u32string name =
                m_source.getuntil('}', QStringLiteral("character name"));
            bool ok = false;
            const char32_t v = lookupName(name, &ok);
            if (!ok) {
                throw m_source.error(
                    QStringLiteral("undefined character name %1").arg(py::repr(ucs4(name))),
                    qsizetype(name.size()) + 4);
            }
            return v;
        }
        if (inClass && c >= '0' && c <= '7') {
            escape += ucs4(m_source.getwhile(2, isOct));
            const uint v = escape.mid(1).toUInt(nullptr, 8);
            if (v > 0377) {
                throw m_source.error(QStringLiteral("octal escape value %1 outside of range 0-0o377")
                                         .arg(escape),
                                     escape.size());
            }
            return v;
        }
        return std::nullopt;
    }

    Code escape(const Tok &tok)
    {
        QString escape = tok.str();
        const char32_t c = tok.a;
        if (auto cat = categoryOf(c)) {
            return *cat;
        }
        if (auto lit = simpleEscape(c)) {
            return Code{Code::Lit, *lit};
        }
        if (auto lit = numericEscape(tok, escape, false)) {
            return Code{Code::Lit, *lit};
        }
        if (c == '0') {
            escape += ucs4(m_source.getwhile(2, isOct));
            return Code{Code::Lit, char32_t(escape.mid(1).toUInt(nullptr, 8))};
        }
        if (c >= '1' && c <= '9') {
            if (isDigit(m_source.next())) {
                escape += QChar(char16_t(m_source.get().a));
                if (escape[1] <= u'7' && escape[2] <= u'7' && isOct(m_source.next())) {
                    escape += QChar(char16_t(m_source.get().a));
                    const uint v = escape.mid(1).toUInt(nullptr, 8);
                    if (v > 0377) {
                        throw m_source.error(
                            QStringLiteral("octal escape value %1 outside of range 0-0o377")
                                .arg(escape),
                            escape.size());
                    }
                    return Code{Code::Lit, v};
                }
            }
            const int group = escape.mid(1).toInt();
            if (group < m_state.groups()) {
                if (!checkgroup(group)) {
                    throw m_source.error(QStringLiteral("cannot refer to an open group"),
                                         escape.size());
                }
                checklookbehindgroup(group);
                return Code{Code::Ref, 0, Cat::Digit, At::Beginning, group};
            }
            throw m_source.error(QStringLiteral("invalid group reference %1").arg(group),
                                 escape.size() - 1);
        }
        if (isAsciiLetter(c)) {
            throw m_source.error(QStringLiteral("bad escape %1").arg(escape), escape.size());
        }
        return Code{Code::Lit, c};
    }

    static Node codeNode(const Code &code)
    {
        Node n;
        switch (code.kind) {
        case Code::Lit:
            n.op = Op::Literal;
            n.c = code.c;
            break;
        case Code::Set:
            n.op = Op::In;
            n.set.push_back(SetItem{SetItem::Category, 0, 0, code.cat});
            break;
        case Code::Anchor:
            n.op = Op::At;
            n.at = code.at;
            break;
        case Code::Ref:
            n.op = Op::GroupRef;
            n.group = code.group;
            break;
        }
        return n;
    }

    // Counts the frames CPython would have on its stack (see kMaxParseFrames); past its limit
    // CPython raises RecursionError, we say so instead of recursing on.
    struct FrameGuard
    {
        explicit FrameGuard(int &frames) : m_frames(frames)
        {
            if (++m_frames > kMaxParseFrames) {
                --m_frames;
                throw ParseError{QStringLiteral("pattern nested too deeply"), -1};
            }
        }
        ~FrameGuard() { --m_frames; }
        int &m_frames;
    };

    SeqPtr parseSub(int verbose, int nested)
    {
        const FrameGuard guard(m_frames);
        const qsizetype start = m_source.tell();
        std::vector<SeqPtr> items;
        while (true) {
            items.push_back(parse(verbose, nested + 1, !nested && items.empty()));
            if (!m_source.match('|')) {
                break;
            }
            if (!nested) {
                verbose = m_state.flags & F_VERBOSE;
            }
        }
        if (items.size() == 1) {
            return items.front();
        }
        auto sub = std::make_shared<Seq>();
        Node b;
        b.start = start;
        b.end = m_source.tell();
        if (m_tree == Tree::CPython && cpythonBranch(items, *sub, b)) {
            return sub;
        }
        b.op = Op::Branch;
        b.branches = std::move(items);
        sub->items.push_back(std::move(b));
        return sub;
    }

    // Items equal as Python compares them: a tuple holding a SubPattern (which has no __eq__)
    // equals only itself, so nodes with a body never do.
    static bool sameItem(const Node &a, const Node &b)
    {
        if (a.p || a.p2 || !a.branches.empty() || b.p || b.p2 || !b.branches.empty()) {
            return false;
        }
        if (a.op != b.op) {
            return false;
        }
        switch (a.op) {
        case Op::Literal:
        case Op::NotLiteral:
            return a.c == b.c;
        case Op::At:
            return a.at == b.at;
        case Op::In:
            return a.set == b.set;
        case Op::GroupRef:
            return a.group == b.group;
        default:
            return true;
        }
    }

    // _parse_sub's optimisations: the prefix common to every alternative is moved in front of
    // the branch; a branch whose alternatives are each one literal or one set that is not
    // negated becomes one set. Returns true when the whole branch became a set.
    bool cpythonBranch(std::vector<SeqPtr> &items, Seq &sub, const Node &branch)
    {
        while (true) {
            const Node *prefix = nullptr;
            bool common = true;
            for (const SeqPtr &item : items) {
                if (item->items.empty()) {
                    common = false;
                    break;
                }
                if (!prefix) {
                    prefix = &item->items.front();
                } else if (!sameItem(item->items.front(), *prefix)) {
                    common = false;
                    break;
                }
            }
            if (!common) {
                break;
            }
            sub.items.push_back(items.front()->items.front());
            for (const SeqPtr &item : items) {
                item->items.erase(item->items.begin());
            }
        }
        std::vector<SetItem> set;
        for (const SeqPtr &item : items) {
            if (item->items.size() != 1) {
                return false;
            }
            const Node &n = item->items.front();
            if (n.op == Op::Literal) {
                set.push_back(SetItem{SetItem::Literal, n.c, n.c});
            } else if (n.op == Op::In && !n.set.empty() && n.set.front().kind != SetItem::Negate) {
                set.insert(set.end(), n.set.begin(), n.set.end());
            } else {
                return false;
            }
        }
        Node in = branch;
        in.op = Op::In;
        for (const SetItem &item : set) {
            if (std::find(in.set.begin(), in.set.end(), item) == in.set.end()) {
                in.set.push_back(item);
            }
        }
        sub.items.push_back(std::move(in));
        return true;
    }

    SeqPtr parse(int verbose, int nested, bool first)
    {
        const FrameGuard guard(m_frames);
        auto subpattern = std::make_shared<Seq>();
        auto &items = subpattern->items;
        while (true) {
            const Tok thisTok = m_source.next();
            if (thisTok.none) {
                break;
            }
            if (thisTok.is('|') || thisTok.is(')')) {
                break;
            }
            const qsizetype tokStart = m_source.tell();
            const size_t before = items.size();
            m_source.get();
            if (verbose) {
                if (!thisTok.esc
                    && (thisTok.a == ' ' || thisTok.a == '\t' || thisTok.a == '\n'
                        || thisTok.a == '\r' || thisTok.a == '\v' || thisTok.a == '\f')) {
                    continue;
                }
                if (thisTok.is('#')) {
                    while (true) {
                        const Tok t = m_source.get();
                        if (t.none || t.is('\n')) {
                            break;
                        }
                    }
                    continue;
                }
            }
            const char32_t ch = thisTok.a;
            if (thisTok.esc) {
                items.push_back(codeNode(escape(thisTok)));
            } else if (!QStringView(u".\\[{()*+?^$|").contains(QChar(char16_t(ch)))
                       || ch > 0xFFFF) {
                Node n;
                n.op = Op::Literal;
                n.c = ch;
                items.push_back(n);
            } else if (ch == '[') {
                parseSet(items);
            } else if (ch == '*' || ch == '+' || ch == '?' || ch == '{') {
                if (!parseRepeat(items, thisTok)) {
                    continue;
                }
            } else if (ch == '.') {
                Node n;
                n.op = Op::Any;
                items.push_back(n);
            } else if (ch == '(') {
                if (!parseGroup(items, verbose, nested, first)) {
                    // global flags: verbose may have changed
                    verbose = m_state.flags & F_VERBOSE;
                }
            } else if (ch == '^') {
                Node n;
                n.op = Op::At;
                n.at = At::Beginning;
                items.push_back(n);
            } else if (ch == '$') {
                Node n;
                n.op = Op::At;
                n.at = At::End;
                items.push_back(n);
            }
            if (items.size() > before) {
                items.back().start = tokStart;
                items.back().end = m_source.tell();
            }
        }
        // unpack non-capturing groups without flags
        std::vector<Node> out;
        out.reserve(items.size());
        for (Node &n : items) {
            if (n.op == Op::Subpattern && n.group == 0 && !n.addFlags && !n.delFlags) {
                for (Node &m : n.p->items) {
                    out.push_back(std::move(m));
                }
            } else {
                out.push_back(std::move(n));
            }
        }
        items.swap(out);
        return subpattern;
    }

    void parseSet(std::vector<Node> &items)
    {
        const qsizetype here = m_source.tell() - 1;
        std::vector<SetItem> set;
        if (m_source.next().is('[')) {
            warn(Warning::Future,
                 QStringLiteral("Possible nested set at position %1").arg(m_source.tell()));
        }
        const bool negate = m_source.match('^');
        auto toItem = [](const Code &code) {
            if (code.kind == Code::Set) {
                return SetItem{SetItem::Category, 0, 0, code.cat};
            }
            return SetItem{SetItem::Literal, code.c, code.c};
        };
        while (true) {
            const Tok thisTok = m_source.get();
            if (thisTok.none) {
                throw m_source.error(QStringLiteral("unterminated character set"),
                                     m_source.tell() - here);
            }
            if (thisTok.is(']') && !set.empty()) {
                break;
            }
            Code code1;
            if (thisTok.esc) {
                code1 = classEscape(thisTok);
            } else {
                if (!set.empty() && QStringView(u"-&~|").contains(QChar(char16_t(thisTok.a)))
                    && thisTok.a < 0x80 && m_source.next().is(thisTok.a)) {
                    const char *names[] = {"difference", "intersection", "symmetric difference",
                                           "union"};
                    const qsizetype k = QStringView(u"-&~|").indexOf(QChar(char16_t(thisTok.a)));
                    warn(Warning::Future, QStringLiteral("Possible set %1 at position %2")
                                              .arg(QLatin1String(names[k]))
                                              .arg(m_source.tell() - 1));
                }
                code1 = Code{Code::Lit, thisTok.a};
            }
            if (m_source.match('-')) {
                const Tok that = m_source.get();
                if (that.none) {
                    throw m_source.error(QStringLiteral("unterminated character set"),
                                         m_source.tell() - here);
                }
                if (that.is(']')) {
                    set.push_back(toItem(code1));
                    set.push_back(SetItem{SetItem::Literal, '-', '-'});
                    break;
                }
                Code code2;
                if (that.esc) {
                    code2 = classEscape(that);
                } else {
                    if (that.is('-')) {
                        warn(Warning::Future,
                             QStringLiteral("Possible set difference at position %1")
                                 .arg(m_source.tell() - 2));
                    }
                    code2 = Code{Code::Lit, that.a};
                }
                const QString msg = QStringLiteral("bad character range %1-%2")
                                        .arg(thisTok.str(), that.str());
                const qsizetype off = thisTok.len() + 1 + that.len();
                if (code1.kind != Code::Lit || code2.kind != Code::Lit) {
                    throw m_source.error(msg, off);
                }
                if (code2.c < code1.c) {
                    throw m_source.error(msg, off);
                }
                set.push_back(SetItem{SetItem::Range, code1.c, code2.c});
            } else {
                set.push_back(toItem(code1));
            }
        }
        std::vector<SetItem> uniq;
        for (const SetItem &s : set) {
            if (std::find(uniq.begin(), uniq.end(), s) == uniq.end()) {
                uniq.push_back(s);
            }
        }
        Node n;
        if (uniq.size() == 1 && uniq[0].kind == SetItem::Literal) {
            n.op = negate ? Op::NotLiteral : Op::Literal;
            n.c = uniq[0].lo;
        } else {
            n.op = Op::In;
            if (negate) {
                uniq.insert(uniq.begin(), SetItem{SetItem::Negate});
            }
            n.set = std::move(uniq);
        }
        items.push_back(std::move(n));
    }

    // Returns false when the '{' was a literal (caller continues).
    bool parseRepeat(std::vector<Node> &items, const Tok &thisTok)
    {
        const qsizetype here = m_source.tell();
        quint64 min = 0;
        quint64 max = MAXREPEAT;
        const char32_t ch = thisTok.a;
        if (ch == '?') {
            max = 1;
        } else if (ch == '+') {
            min = 1;
        } else if (ch == '{') {
            if (m_source.next().is('}')) {
                Node n;
                n.op = Op::Literal;
                n.c = '{';
                n.start = here - 1;
                n.end = here;
                items.push_back(n);
                return false;
            }
            std::u32string lo;
            std::u32string hi;
            while (isDigit(m_source.next())) {
                lo += m_source.get().a;
            }
            if (m_source.match(',')) {
                while (isDigit(m_source.next())) {
                    hi += m_source.get().a;
                }
            } else {
                hi = lo;
            }
            if (!m_source.match('}')) {
                Node n;
                n.op = Op::Literal;
                n.c = '{';
                n.start = here - 1;
                n.end = here;
                items.push_back(n);
                m_source.seek(here);
                return false;
            }
            auto num = [](const std::u32string &s) {
                quint64 v = 0;
                for (char32_t d : s) {
                    v = std::min<quint64>(v * 10 + (d - '0'), MAXREPEAT * 10);
                }
                return v;
            };
            if (!lo.empty()) {
                min = num(lo);
                if (min >= MAXREPEAT) {
                    throw ParseError{QStringLiteral("the repetition number is too large"), -1,
                                     ErrorKind::OverflowError};
                }
            }
            if (!hi.empty()) {
                max = num(hi);
                if (max >= MAXREPEAT) {
                    throw ParseError{QStringLiteral("the repetition number is too large"), -1,
                                     ErrorKind::OverflowError};
                }
                if (max < min) {
                    throw m_source.error(QStringLiteral("min repeat greater than max repeat"),
                                         m_source.tell() - here);
                }
            }
        }
        if (items.empty() || items.back().op == Op::At) {
            throw m_source.error(QStringLiteral("nothing to repeat"),
                                 m_source.tell() - here + thisTok.len());
        }
        Node &last = items.back();
        const qsizetype lastStart = last.start;
        if (last.op == Op::MaxRepeat || last.op == Op::MinRepeat
            || last.op == Op::PossessiveRepeat) {
            throw m_source.error(QStringLiteral("multiple repeat"),
                                 m_source.tell() - here + thisTok.len());
        }
        SeqPtr item;
        if (last.op == Op::Subpattern && last.group == 0 && !last.addFlags && !last.delFlags) {
            item = last.p;
        } else {
            item = std::make_shared<Seq>();
            item->items.push_back(std::move(last));
        }
        Node r;
        if (m_source.match('?')) {
            r.op = Op::MinRepeat;
        } else if (m_source.match('+')) {
            r.op = Op::PossessiveRepeat;
        } else {
            r.op = Op::MaxRepeat;
        }
        r.min = min;
        r.max = max;
        r.p = std::move(item);
        r.start = lastStart;
        r.end = m_source.tell();
        items.back() = std::move(r);
        return true;
    }

    std::pair<int, int> parseFlags(Tok ch, bool *global)
    {
        auto flagOf = [](const Tok &t) -> int {
            if (t.none || t.esc) {
                return 0;
            }
            switch (t.a) {
            case 'i':
                return F_IGNORECASE;
            case 'L':
                return F_LOCALE;
            case 'm':
                return F_MULTILINE;
            case 's':
                return F_DOTALL;
            case 'x':
                return F_VERBOSE;
            case 'a':
                return F_ASCII;
            case 't':
                return F_TEMPLATE;
            case 'u':
                return F_UNICODE;
            default:
                return 0;
            }
        };
        int addFlags = 0;
        int delFlags = 0;
        *global = false;
        if (!ch.is('-')) {
            while (true) {
                const int flag = flagOf(ch);
                if (ch.is('L')) {
                    throw m_source.error(
                        QStringLiteral("bad inline flags: cannot use 'L' flag with a str pattern"));
                }
                addFlags |= flag;
                if ((flag & TYPE_FLAGS) && (addFlags & TYPE_FLAGS) != flag) {
                    throw m_source.error(QStringLiteral(
                        "bad inline flags: flags 'a', 'u' and 'L' are incompatible"));
                }
                ch = m_source.get();
                if (ch.none) {
                    throw m_source.error(QStringLiteral("missing -, : or )"));
                }
                if (ch.is(')') || ch.is('-') || ch.is(':')) {
                    break;
                }
                if (!flagOf(ch)) {
                    const bool alpha = !ch.esc && isAlpha(ch.a);
                    throw m_source.error(alpha ? QStringLiteral("unknown flag")
                                               : QStringLiteral("missing -, : or )"),
                                         ch.len());
                }
            }
        }
        if (ch.is(')')) {
            m_state.flags |= addFlags;
            *global = true;
            return {0, 0};
        }
        if (addFlags & GLOBAL_FLAGS) {
            throw m_source.error(QStringLiteral("bad inline flags: cannot turn on global flag"),
                                 1);
        }
        if (ch.is('-')) {
            ch = m_source.get();
            if (ch.none) {
                throw m_source.error(QStringLiteral("missing flag"));
            }
            if (!flagOf(ch)) {
                const bool alpha = !ch.esc && isAlpha(ch.a);
                throw m_source.error(alpha ? QStringLiteral("unknown flag")
                                           : QStringLiteral("missing flag"),
                                     ch.len());
            }
            while (true) {
                const int flag = flagOf(ch);
                if (flag & TYPE_FLAGS) {
                    throw m_source.error(QStringLiteral(
                        "bad inline flags: cannot turn off flags 'a', 'u' and 'L'"));
                }
                delFlags |= flag;
                ch = m_source.get();
                if (ch.none) {
                    throw m_source.error(QStringLiteral("missing :"));
                }
                if (ch.is(':')) {
                    break;
                }
                if (!flagOf(ch)) {
                    const bool alpha = !ch.esc && isAlpha(ch.a);
                    throw m_source.error(alpha ? QStringLiteral("unknown flag")
                                               : QStringLiteral("missing :"),
                                         ch.len());
                }
            }
        }
        if (delFlags & GLOBAL_FLAGS) {
            throw m_source.error(QStringLiteral("bad inline flags: cannot turn off global flag"),
                                 1);
        }
        if (addFlags & delFlags) {
            throw m_source.error(QStringLiteral("bad inline flags: flag turned on and off"), 1);
        }
        return {addFlags, delFlags};
    }

    // Returns false after global flags (the caller re-reads verbose).
    bool parseGroup(std::vector<Node> &items, int verbose, int nested, bool first)
    {
        const qsizetype start = m_source.tell() - 1;
        bool capture = true;
        bool atomic = false;
        std::optional<std::u32string> name;
        int addFlags = 0;
        int delFlags = 0;
        const auto unterminated = [&] {
            return m_source.error(QStringLiteral("missing ), unterminated subpattern"),
                                  m_source.tell() - start);
        };
        if (m_source.match('?')) {
            const Tok ch = m_source.get();
            if (ch.none) {
                throw m_source.error(QStringLiteral("unexpected end of pattern"));
            }
            if (ch.is('P')) {
                if (m_source.match('<')) {
                    name = m_source.getuntil('>', QStringLiteral("group name"));
                    m_source.checkgroupname(*name, 1);
                } else if (m_source.match('=')) {
                    const std::u32string ref = m_source.getuntil(')', QStringLiteral("group name"));
                    m_source.checkgroupname(ref, 1);
                    const auto it = m_state.groupdict.constFind(ucs4(ref));
                    if (it == m_state.groupdict.constEnd()) {
                        throw m_source.error(
                            QStringLiteral("unknown group name %1").arg(py::repr(ucs4(ref))),
                            qsizetype(ref.size()) + 1);
                    }
                    if (!checkgroup(*it)) {
                        throw m_source.error(QStringLiteral("cannot refer to an open group"),
                                             qsizetype(ref.size()) + 1);
                    }
                    checklookbehindgroup(*it);
                    Node n;
                    n.op = Op::GroupRef;
                    n.group = *it;
                    items.push_back(n);
                    return true;
                } else {
                    const Tok c2 = m_source.get();
                    if (c2.none) {
                        throw m_source.error(QStringLiteral("unexpected end of pattern"));
                    }
                    throw m_source.error(QStringLiteral("unknown extension ?P") + c2.str(),
                                         c2.len() + 2);
                }
            } else if (ch.is(':')) {
                capture = false;
            } else if (ch.is('#')) {
                while (true) {
                    if (m_source.next().none) {
                        throw m_source.error(QStringLiteral("missing ), unterminated comment"),
                                             m_source.tell() - start);
                    }
                    if (m_source.get().is(')')) {
                        break;
                    }
                }
                return true;
            } else if (ch.is('=') || ch.is('!') || ch.is('<')) {
                int dir = 1;
                Tok kind = ch;
                std::optional<int> lookbehindgroups;
                bool behind = false;
                if (ch.is('<')) {
                    kind = m_source.get();
                    if (kind.none) {
                        throw m_source.error(QStringLiteral("unexpected end of pattern"));
                    }
                    if (!kind.is('=') && !kind.is('!')) {
                        throw m_source.error(QStringLiteral("unknown extension ?<") + kind.str(),
                                             kind.len() + 2);
                    }
                    dir = -1;
                    behind = true;
                    lookbehindgroups = m_state.lookbehindgroups;
                    if (!lookbehindgroups) {
                        m_state.lookbehindgroups = m_state.groups();
                    }
                }
                SeqPtr p = parseSub(verbose, nested + 1);
                if (behind && !lookbehindgroups) {
                    m_state.lookbehindgroups.reset();
                }
                if (!m_source.match(')')) {
                    throw unterminated();
                }
                Node n;
                n.op = kind.is('=') ? Op::Assert : Op::AssertNot;
                n.dir = dir;
                n.p = std::move(p);
                items.push_back(std::move(n));
                return true;
            } else if (ch.is('(')) {
                const std::u32string condname =
                    m_source.getuntil(')', QStringLiteral("group name"));
                int condgroup = 0;
                if (isIdentifierImpl(condname)) {
                    m_source.checkgroupname(condname, 1);
                    const auto it = m_state.groupdict.constFind(ucs4(condname));
                    if (it == m_state.groupdict.constEnd()) {
                        throw m_source.error(
                            QStringLiteral("unknown group name %1").arg(py::repr(ucs4(condname))),
                            qsizetype(condname.size()) + 1);
                    }
                    condgroup = *it;
                } else {
                    const auto v = pyInt(condname);
                    if (!v || *v < 0) {
                        throw m_source.error(QStringLiteral("bad character in group name %1")
                                                 .arg(py::repr(ucs4(condname))),
                                             qsizetype(condname.size()) + 1);
                    }
                    if (*v == 0) {
                        throw m_source.error(QStringLiteral("bad group number"),
                                             qsizetype(condname.size()) + 1);
                    }
                    if (quint64(*v) >= MAXGROUPS) {
                        throw m_source.error(QStringLiteral("invalid group reference %1").arg(*v),
                                             qsizetype(condname.size()) + 1);
                    }
                    condgroup = int(*v);
                    const auto known = std::find_if(
                        m_state.grouprefpos.begin(), m_state.grouprefpos.end(),
                        [&](const auto &ref) { return ref.first == condgroup; });
                    if (known == m_state.grouprefpos.end()) {
                        m_state.grouprefpos.emplace_back(
                            condgroup, m_source.tell() - qsizetype(condname.size()) - 1);
                    }
                    if (!isAsciiDecimal(condname)) {
                        warn(Warning::Deprecation,
                             QStringLiteral("bad character in group name %1 at position %2")
                                 .arg(py::repr(ucs4(condname)))
                                 .arg(m_source.tell() - qsizetype(condname.size()) - 1));
                    }
                }
                checklookbehindgroup(condgroup);
                SeqPtr yes = parse(verbose, nested + 1, false);
                SeqPtr no;
                if (m_source.match('|')) {
                    no = parse(verbose, nested + 1, false);
                    if (m_source.next().is('|')) {
                        throw m_source.error(
                            QStringLiteral("conditional backref with more than two branches"));
                    }
                }
                if (!m_source.match(')')) {
                    throw unterminated();
                }
                Node n;
                n.op = Op::GroupRefExists;
                n.group = condgroup;
                n.p = std::move(yes);
                n.p2 = std::move(no);
                items.push_back(std::move(n));
                return true;
            } else if (ch.is('>')) {
                capture = false;
                atomic = true;
            } else if (!ch.esc
                       && (QStringView(u"iLmsxatu-").contains(QChar(char16_t(ch.a)))
                           && ch.a < 0x80)) {
                bool global = false;
                const auto [add, del] = parseFlags(ch, &global);
                if (global) {
                    if (!first || !items.empty()) {
                        throw m_source.error(QStringLiteral(
                                                 "global flags not at the start of the expression"),
                                             m_source.tell() - start);
                    }
                    return false;
                }
                addFlags = add;
                delFlags = del;
                capture = false;
            } else {
                throw m_source.error(QStringLiteral("unknown extension ?") + ch.str(),
                                     ch.len() + 1);
            }
        }
        int group = 0;
        if (capture) {
            const int gid = m_state.groups();
            m_state.groupwidths.push_back(std::nullopt);
            if (quint64(m_state.groups()) > MAXGROUPS) {
                throw m_source.error(QStringLiteral("too many groups"),
                                     name ? qsizetype(name->size()) + 1 : 0);
            }
            if (name) {
                const QString n = ucs4(*name);
                const auto it = m_state.groupdict.constFind(n);
                if (it != m_state.groupdict.constEnd()) {
                    throw m_source.error(
                        QStringLiteral("redefinition of group name %1 as group %2; was group %3")
                            .arg(py::repr(n))
                            .arg(gid)
                            .arg(*it),
                        qsizetype(name->size()) + 1);
                }
                m_state.groupdict.insert(n, gid);
                m_state.names.append(n);
            } else {
                m_state.names.append(QString());
            }
            m_state.parents.append(m_state.open.empty() ? 0 : m_state.open.back());
            group = gid;
            m_state.open.push_back(gid);
        }
        const int subVerbose = ((verbose || (addFlags & F_VERBOSE)) && !(delFlags & F_VERBOSE))
            ? F_VERBOSE
            : 0;
        SeqPtr p = parseSub(subVerbose, nested + 1);
        if (!m_source.match(')')) {
            throw unterminated();
        }
        if (group) {
            m_state.open.pop_back();
            m_state.groupwidths[size_t(group)] = getwidth(*p, m_state);
        }
        Node n;
        if (atomic) {
            n.op = Op::Atomic;
            n.p = std::move(p);
        } else {
            n.op = Op::Subpattern;
            n.group = group;
            n.addFlags = addFlags;
            n.delFlags = delFlags;
            n.p = std::move(p);
        }
        items.push_back(std::move(n));
        return true;
    }

    Tokenizer m_source;
    State &m_state;
    Tree m_tree;
    int m_frames = 0;
};

// ---------------------------------------------------------------------------------------------
// PCRE2 writer

// Python's Unicode \s (Py_UNICODE_ISSPACE), as PCRE2 class content.
const char16_t kUniSpace[] =
    u"\\t\\n\\x{b}\\f\\r\\x{1c}-\\x{1f} \\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}"
    u"\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}";
const char16_t kAsciiSpace[] = u"\\t\\n\\x{b}\\f\\r ";
const char16_t kAsciiWord[] = u"A-Za-z0-9_";
const char16_t kAsciiDigit[] = u"0-9";
// Python's Unicode \w is str.isalnum() or '_', which is \p{L}\p{N}_ for every code point of
// Unicode 14 (checked differentially over all code points); \d is str.isdecimal(), i.e. Nd.
const char16_t kUniWord[] = u"\\p{L}\\p{N}_";
// The same under PCRE2_UCP: its \w, after Python's Latin-1 word characters spelled out. They
// change no match (each is in \w), but PCRE2 puts them in the class's bitmap, and the JIT
// tests a character below 256 there instead of looking up its Unicode properties: subn \w+
// on the 20 MiB Spanish text of bench/regex-cli took 16 % less CPU.
const char16_t kUcpWord[] = u"0-9A-Z_a-z\\x{aa}\\x{b2}\\x{b3}\\x{b5}\\x{b9}\\x{ba}\\x{bc}-\\x{be}"
                            u"\\x{c0}-\\x{d6}\\x{d8}-\\x{f6}\\x{f8}-\\x{ff}\\w";
const char16_t kUcpWordClass[] = u"[0-9A-Z_a-z\\x{aa}\\x{b2}\\x{b3}\\x{b5}\\x{b9}\\x{ba}"
                                 u"\\x{bc}-\\x{be}\\x{c0}-\\x{d6}\\x{d8}-\\x{f6}\\x{f8}-\\x{ff}\\w]";

struct CompileError
{
    QString message;
};

class ProgramBuilder;

class Writer
{
    friend class ProgramBuilder;

public:
    Writer(const State &state, bool ucp) : m_state(state), m_ucp(ucp) { }

    /// Write for a subject that holds lone surrogates, matched as code points by 32-bit PCRE2
    /// without UTF: a surrogate in the pattern is then a character like any other.
    bool m_loneSurrogates = false;

    void seq(const Seq &s, int flags)
    {
        for (const Node &n : s.items) {
            node(n, flags);
        }
    }

    /// What @p write appends to out, taken back out of it.
    template <typename Write>
    std::u16string written(Write &&write)
    {
        const size_t mark = out.size();
        write();
        std::u16string text = out.substr(mark);
        out.resize(mark);
        return text;
    }

    std::u16string out;

    /// The PCRE2 class for a set's items under @p flags.
    std::u16string charsetText(const std::vector<SetItem> &items, int flags)
    {
        return written([&] { charset(items, flags); });
    }

private:
    void put(const char16_t *s) { out += s; }
    void put(const std::u16string &s) { out += s; }
    void putNum(quint64 v) { out += QString::number(v).toStdU16String(); }

    static std::u16string hex(char32_t c)
    {
        return u"\\x{" + QString::number(uint(c), 16).toStdU16String() + u"}";
    }
    static std::u16string lit(char32_t c)
    {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return std::u16string(1, char16_t(c));
        }
        return hex(c);
    }

    // Class content for ranges, without the surrogates (which no valid subject holds) unless
    // the pattern is written for a subject with lone surrogates (m_loneSurrogates).
    std::u16string rangesContent(const Ranges &r) const { return rangesText(r, m_loneSurrogates); }
    static std::u16string rangesText(const Ranges &r, bool keepSurrogates)
    {
        std::u16string s;
        for (auto [a, b] : r) {
            Ranges parts;
            if (keepSurrogates || b < 0xD800 || a > 0xDFFF) {
                parts.emplace_back(a, b);
            } else {
                if (a < 0xD800) {
                    parts.emplace_back(a, 0xD7FF);
                }
                if (b > 0xDFFF) {
                    parts.emplace_back(0xE000, b);
                }
            }
            for (auto [x, y] : parts) {
                s += hex(x);
                if (y != x) {
                    s += u"-" + hex(y);
                }
            }
        }
        return s;
    }

    std::u16string categoryContent(Cat cat, int flags, bool *negated) const
    {
        const bool ascii = flags & F_ASCII;
        *negated = cat == Cat::NotDigit || cat == Cat::NotSpace || cat == Cat::NotWord;
        switch (cat) {
        case Cat::Digit:
        case Cat::NotDigit:
            return ascii ? std::u16string(kAsciiDigit) : decimalContent();
        case Cat::Space:
        case Cat::NotSpace:
            return ascii ? kAsciiSpace : kUniSpace;
        case Cat::Word:
        case Cat::NotWord:
            return ascii ? kAsciiWord : (m_ucp ? kUcpWord : kUniWord);
        }
        return {};
    }

    // Python's Unicode \d (str.isdecimal()) as explicit ranges: PCRE2 keeps its start-of-match
    // bitmap for them, not for \p{Nd} (a 20x difference on \b\d{2}/... over a big text).
    static const std::u16string &decimalContent()
    {
        static const std::u16string content = [] {
            Ranges r;
            for (const auto &p : kDecimalRanges) {
                r.emplace_back(p[0], p[1]);
            }
            return rangesText(r, false); // no surrogate is a digit
        }();
        return content;
    }

    std::u16string wordClass(int flags) const
    {
        bool neg = false;
        return u"[" + categoryContent(Cat::Word, flags, &neg) + u"]";
    }

    // The set of code points that an sre IN (after IGNORECASE fix-up) matches; categories apart.
    Ranges caseExpand(const std::vector<SetItem> &items, int flags, bool *hascased) const
    {
        const bool ascii = flags & F_ASCII;
        const CaseData &cd = caseData();
        auto lowerOf = [&](char32_t c) { return ascii ? asciiLower(c) : uniLower(c); };
        auto cased = [&](char32_t c) { return ascii ? asciiCased(c) : uniCased(c); };
        Ranges L;
        Ranges tailRanges; // non-BMP RANGE_UNI_IGNORE
        *hascased = false;
        auto addLowered = [&](char32_t a, char32_t b) {
            // {lower(i) : i in [a, b]}
            if (ascii) {
                L.emplace_back(a, b);
                for (char32_t c = std::max<char32_t>(a, 'A'); c <= std::min<char32_t>(b, 'Z');
                     ++c) {
                    L.emplace_back(c + 32, c + 32);
                }
                return;
            }
            L.emplace_back(a, b);
            for (const auto &[x, lo] : cd.lower) {
                if (x >= a && x <= b) {
                    L.emplace_back(lo, lo);
                }
            }
        };
        for (const SetItem &it : items) {
            if (it.kind == SetItem::Literal) {
                if (cased(it.lo)) {
                    *hascased = true;
                }
                if (!ascii && it.lo > 0xFFFF) {
                    *hascased = true;
                    L.emplace_back(it.lo, it.lo); // compared with lower(ch) as is
                } else {
                    const char32_t lo = lowerOf(it.lo);
                    L.emplace_back(lo, lo);
                }
            } else if (it.kind == SetItem::Range) {
                const char32_t a = it.lo;
                const char32_t b = ascii ? it.hi : std::min<char32_t>(it.hi, 0xFFFF);
                if (!*hascased) {
                    if (ascii) {
                        for (char32_t c = a; c <= it.hi && c < 0x80; ++c) {
                            if (asciiCased(c)) {
                                *hascased = true;
                                break;
                            }
                        }
                    } else {
                        for (const auto &[x, lo] : cd.lower) {
                            if (x >= a && x <= it.hi) {
                                *hascased = true;
                                break;
                            }
                        }
                        if (!*hascased) {
                            for (const auto &[x, up] : cd.upper) {
                                if (x >= a && x <= it.hi) {
                                    *hascased = true;
                                    break;
                                }
                            }
                        }
                    }
                }
                if (a <= b) {
                    addLowered(a, b);
                }
                if (!ascii && it.hi > 0xFFFF) {
                    *hascased = true;
                    tailRanges.emplace_back(it.lo, it.hi);
                }
            }
        }
        normalize(L);
        if (!ascii) {
            Ranges added;
            for (const auto &[k, ex] : cd.extras) {
                if (contains(L, k)) {
                    for (char32_t e : ex) {
                        added.emplace_back(e, e);
                    }
                }
            }
            L.insert(L.end(), added.begin(), added.end());
            for (auto [a, b] : tailRanges) {
                L.emplace_back(a, b);
                for (const auto &[x, up] : cd.upper) {
                    if (up >= a && up <= b) {
                        L.emplace_back(x, x);
                    }
                }
            }
            normalize(L);
        }
        // M = (L \ D) U {x in D : lower(x) in L}, D = code points whose lower() differs.
        Ranges M;
        if (ascii) {
            Ranges minusD;
            for (auto [a, b] : L) {
                if (b < 'A' || a > 'Z') {
                    minusD.emplace_back(a, b);
                } else {
                    if (a < 'A') {
                        minusD.emplace_back(a, 'A' - 1);
                    }
                    if (b > 'Z') {
                        minusD.emplace_back('Z' + 1, b);
                    }
                }
            }
            M = minusD;
            for (char32_t c = 'A'; c <= 'Z'; ++c) {
                if (contains(L, c + 32)) {
                    M.emplace_back(c, c);
                }
            }
        } else {
            // L \ D: cut out D's points
            std::vector<char32_t> d;
            d.reserve(cd.lower.size());
            for (const auto &[x, lo] : cd.lower) {
                d.push_back(x);
            }
            for (auto [a, b] : L) {
                auto it = std::lower_bound(d.begin(), d.end(), a);
                char32_t cur = a;
                for (; it != d.end() && *it <= b; ++it) {
                    if (*it > cur) {
                        M.emplace_back(cur, *it - 1);
                    }
                    cur = *it + 1;
                }
                if (cur <= b && cur >= a) {
                    M.emplace_back(cur, b);
                }
            }
            for (const auto &[x, lo] : cd.lower) {
                if (contains(L, lo)) {
                    M.emplace_back(x, x);
                }
            }
        }
        normalize(M);
        return M;
    }

    static std::u16string quantifier(quint64 min, quint64 max)
    {
        if (min == 0 && max == MAXREPEAT) {
            return u"*";
        }
        if (min == 1 && max == MAXREPEAT) {
            return u"+";
        }
        if (min == 0 && max == 1) {
            return u"?";
        }
        std::u16string q = u"{" + QString::number(min).toStdU16String();
        if (max != min) {
            q += u",";
            if (max != MAXREPEAT) {
                q += QString::number(max).toStdU16String();
            }
        }
        return q + u"}";
    }

    // A repeat PCRE2 cannot run as sre does. sre's REPEAT (and POSSESSIVE_REPEAT) always tries
    // the mandatory iterations, then another one only while the last optional one was not
    // empty (its last_ptr; sre_lib.h, MAX_UNTIL/MIN_UNTIL): the first optional iteration is
    // tried even after an empty mandatory one. PCRE2 stops an unbounded group after any empty
    // iteration, mandatory ones included, and never within the copies of a counted one. They
    // agree when the body cannot match empty, on X? and X{m,m+1} (one optional iteration), on
    // X{m} and on X* (every iteration optional, as in PCRE2).
    //
    // And a possessive repeat of a body with groups: sre's POSSESSIVE_REPEAT sets no repeat
    // context, so the choice points in its body restore only the lastmark, not the marks
    // (no MARK_PUSH outside a REPEAT), and a group re-entered in a failed attempt keeps the
    // new start: `(?>(.)+|)*+` leaves group 1 at (10, 10) after its last attempt on a text of
    // 10 characters, where PCRE2 restores its previous value.
    static bool sreOnlyRepeat(const Node &n, const Width &width)
    {
        if (n.max == 0 || isSimple(*n.p) || isCharBranch(*n.p)) {
            return false;
        }
        if (n.op == Op::PossessiveRepeat) {
            std::u16string groups;
            groupSkeleton(*n.p, groups);
            if (!groups.empty()) {
                return true;
            }
        }
        if (width.lo != 0) {
            return false;
        }
        if (n.max == MAXREPEAT) {
            return n.min >= 1;
        }
        return n.max - n.min >= 2;
    }

    // sre's _simple(): a body it repeats with the *_REPEAT_ONE opcodes.
    static bool isSimple(const Seq &p)
    {
        if (p.items.size() != 1) {
            return false;
        }
        const Node &n = p.items.front();
        if (n.op == Op::Subpattern) {
            return n.group == 0 && isSimple(*n.p);
        }
        return n.op == Op::Literal || n.op == Op::NotLiteral || n.op == Op::Any
            || n.op == Op::In;
    }

    // Only the capturing groups of @p p, nested as they are: "(()())".
    static void groupSkeleton(const Seq &p, std::u16string &groups)
    {
        for (const Node &n : p.items) {
            if (n.op == Op::Subpattern && n.group) {
                groups += u"(";
            }
            if (n.p) {
                groupSkeleton(*n.p, groups);
            }
            if (n.p2) {
                groupSkeleton(*n.p2, groups);
            }
            for (const SeqPtr &b : n.branches) {
                groupSkeleton(*b, groups);
            }
            if (n.op == Op::Subpattern && n.group) {
                groups += u")";
            }
        }
    }

    // body{n} for any n: PCRE2 counts up to 65535, so a larger count repeats a group of
    // 65535 (nested as often as needed).
    static std::u16string fixedRepeat(const std::u16string &body, quint64 n)
    {
        if (n == 0) {
            return {};
        }
        if (n <= PCRE_MAX_REPEAT) {
            return n == 1 ? body : body + quantifier(n, n);
        }
        const std::u16string chunk = u"(?:" + body + quantifier(PCRE_MAX_REPEAT, PCRE_MAX_REPEAT)
            + u")";
        return fixedRepeat(chunk, n / PCRE_MAX_REPEAT) + fixedRepeat(body, n % PCRE_MAX_REPEAT);
    }

    // body{0,n} (lazy: body{0,n}?) for any n, trying the counts in the same order: n, n-1, ...
    // 0 (lazy: 0, 1, ... n). With n = q*K + r (K = 65535): either all q chunks of K then up to
    // r more, or up to q-1 chunks then up to K-1 more - greedy in that order, lazy reversed.
    static std::u16string optionalRepeat(const std::u16string &body, quint64 n, bool lazy)
    {
        if (n == 0) {
            return {};
        }
        if (n == MAXREPEAT || n <= PCRE_MAX_REPEAT) {
            return body + quantifier(0, n) + (lazy ? u"?" : u"");
        }
        const quint64 q = n / PCRE_MAX_REPEAT;
        const quint64 r = n % PCRE_MAX_REPEAT;
        const std::u16string chunk = u"(?:" + body + quantifier(PCRE_MAX_REPEAT, PCRE_MAX_REPEAT)
            + u")";
        const std::u16string all = fixedRepeat(chunk, q) + optionalRepeat(body, r, lazy);
        const std::u16string fewer = optionalRepeat(chunk, q - 1, lazy)
            + optionalRepeat(body, PCRE_MAX_REPEAT - 1, lazy);
        return u"(?:" + (lazy ? fewer + u"|" + all : all + u"|" + fewer) + u")";
    }

    static bool isAtom(const std::u16string &b)
    {
        if (b.size() == 1) {
            return b != u"^" && b != u"$";
        }
        if (b.size() == 2 && b[0] == u'\\') {
            return b != u"\\b" && b != u"\\B" && b != u"\\A" && b != u"\\z";
        }
        if (b.size() > 4 && b.rfind(u"\\x{", 0) == 0 && b.back() == u'}'
            && b.find(u'}') == b.size() - 1) {
            return true;
        }
        // The writer's classes hold no unescaped ']' but their last one.
        if (b.size() > 2 && b.front() == u'[' && b.back() == u']'
            && b.find(u']') == b.size() - 1) {
            return true;
        }
        return false;
    }

    void literal(char32_t c, bool negate, int flags)
    {
        if (c >= 0xD800 && c <= 0xDFFF && !m_loneSurrogates) {
            put(negate ? u"(?s:.)" : u"(?!)");
            return;
        }
        if (flags & F_IGNORECASE) {
            const bool ascii = flags & F_ASCII;
            if (ascii ? asciiCased(c) : uniCased(c)) {
                // sre: LITERAL_UNI_IGNORE compares lower(ch) with lower(c), IN_UNI_IGNORE with
                // lower(c) and its _EXTRA_CASES: the code points whose lower() is one of those.
                const CaseData &cd = caseData();
                const char32_t lo = ascii ? asciiLower(c) : uniLower(c);
                std::vector<char32_t> targets{lo};
                if (!ascii) {
                    const auto ex = cd.extras.find(lo);
                    if (ex != cd.extras.end()) {
                        targets.insert(targets.end(), ex->second.begin(), ex->second.end());
                    }
                }
                Ranges m;
                for (char32_t t : targets) {
                    if ((ascii ? asciiLower(t) : uniLower(t)) == t) {
                        m.emplace_back(t, t);
                    }
                    if (ascii) {
                        if (t >= 'a' && t <= 'z') {
                            m.emplace_back(t - 32, t - 32);
                        }
                    } else {
                        const auto inv = cd.lowerInverse.find(t);
                        if (inv != cd.lowerInverse.end()) {
                            for (char32_t x : inv->second) {
                                m.emplace_back(x, x);
                            }
                        }
                    }
                }
                normalize(m);
                put(negate ? u"[^" : u"[");
                put(rangesContent(m));
                put(u"]");
                return;
            }
        }
        if (negate) {
            put(u"[^" + hex(c) + u"]");
        } else {
            put(lit(c));
        }
    }

    void charset(const std::vector<SetItem> &items, int flags)
    {
        bool negate = false;
        std::vector<SetItem> rest;
        for (const SetItem &s : items) {
            if (s.kind == SetItem::Negate) {
                negate = true;
            } else {
                rest.push_back(s);
            }
        }
        Ranges plain;
        std::u16string positive; // class content
        std::vector<std::u16string> negatives; // contents of negated categories
        for (const SetItem &s : rest) {
            if (s.kind == SetItem::Literal) {
                plain.emplace_back(s.lo, s.lo);
            } else if (s.kind == SetItem::Range) {
                plain.emplace_back(s.lo, s.hi);
            } else if (s.kind == SetItem::Category) {
                bool neg = false;
                const std::u16string content = categoryContent(s.cat, flags, &neg);
                if (neg) {
                    negatives.push_back(content);
                } else {
                    positive += content;
                }
            }
        }
        if (flags & F_IGNORECASE) {
            bool hascased = false;
            Ranges m = caseExpand(rest, flags, &hascased);
            if (hascased) {
                plain = std::move(m);
            }
        }
        normalize(plain);
        if (plain.empty() && rest.size() == 1 && rest[0].kind == SetItem::Category) {
            // A lone \w \d \s (or negation): PCRE2's own escape where it means the same.
            const bool ascii = flags & F_ASCII;
            const Cat cat = rest[0].cat;
            // Unicode \d is written as ranges (see decimalContent()).
            const bool native = (cat == Cat::Word || cat == Cat::NotWord || ascii)
                && (cat != Cat::Space && cat != Cat::NotSpace) && ascii == !m_ucp;
            if (native) {
                static const char16_t *names[] = {u"\\d", u"\\D", u"\\s", u"\\S",
                                                  u"\\w", u"\\W"};
                const int idx = int(cat) ^ (negate ? 1 : 0);
                if (idx == int(Cat::Word) && !ascii) {
                    put(kUcpWordClass); // the JIT's bitmap (kUcpWord)
                } else {
                    put(names[idx]);
                }
                return;
            }
        }
        positive = rangesContent(plain) + positive;
        if (negatives.empty()) {
            if (positive.empty()) {
                put(negate ? u"(?s:.)" : u"(?!)");
            } else {
                put((negate ? u"[^" : u"[") + positive + u"]");
            }
            return;
        }
        if (!negate) {
            if (positive.empty() && negatives.size() == 1) {
                put(u"[^" + negatives[0] + u"]");
                return;
            }
            put(u"(?:");
            bool firstAlt = true;
            if (!positive.empty()) {
                put(u"[" + positive + u"]");
                firstAlt = false;
            }
            for (const auto &n : negatives) {
                if (!firstAlt) {
                    put(u"|");
                }
                firstAlt = false;
                put(u"[^" + n + u"]");
            }
            put(u")");
            return;
        }
        // not (P or not N1 or not N2 ...) = not P and N1 and N2 ...
        if (!positive.empty()) {
            put(u"(?![" + positive + u"])");
        }
        for (size_t i = 0; i + 1 < negatives.size(); ++i) {
            put(u"(?=[" + negatives[i] + u"])");
        }
        put(u"[" + negatives.back() + u"]");
    }

    void boundary(bool positive, int flags)
    {
        const bool ascii = flags & F_ASCII;
        // sre: \b and \B never match when the (endpos-truncated) string is empty.
        if (ascii == !m_ucp) {
            put(positive ? u"\\b" : u"(?!\\A\\z)\\B");
            return;
        }
        const std::u16string w = wordClass(flags);
        if (positive) {
            put(u"(?:(?<=" + w + u")(?!" + w + u")|(?<!" + w + u")(?=" + w + u"))");
        } else {
            put(u"(?!\\A\\z)(?:(?<=" + w + u")(?=" + w + u")|(?<!" + w + u")(?!" + w + u"))");
        }
    }

    // sre past its end (match() with pos > endpos; a CPython quirk copied as it is): every
    // character test fails (ptr >= end), and so does every single-character repeat, even a{0}
    // or a* (REPEAT_ONE first checks that min <= end - ptr, which is negative); the anchors are
    // constants of the position; a look-behind of some width fails. The rest runs as usual.
    bool pastEndNode(const Node &n, int flags)
    {
        const PastEnd &at = *m_pastEnd;
        const auto fail = [&] { put(u"(?!)"); };
        const auto pass = [&] { put(u"(?:)"); };
        switch (n.op) {
        case Op::Literal:
        case Op::NotLiteral:
        case Op::Any:
        case Op::In:
            fail();
            return true;
        case Op::MaxRepeat:
        case Op::MinRepeat:
        case Op::PossessiveRepeat:
            if (isSimple(*n.p) || isCharBranch(*n.p)) {
                fail();
                return true;
            }
            return false;
        case Op::At:
            switch (n.at) {
            case At::Beginning:
                ((flags & F_MULTILINE) && at.lineBreakBefore) ? pass() : fail();
                break;
            case At::End:
                ((flags & F_MULTILINE) && at.lineBreakAt) ? pass() : fail();
                break;
            case At::BeginningString:
            case At::EndString:
                fail();
                break;
            case At::Boundary:
            case At::NonBoundary: {
                const bool word = (flags & F_ASCII) ? at.asciiWordBefore : at.wordBefore;
                const bool ok = !at.emptyRange && (n.at == At::Boundary ? word : !word);
                ok ? pass() : fail();
                break;
            }
            }
            return true;
        case Op::Assert:
        case Op::AssertNot:
            if (n.dir < 0 && getwidth(*n.p, m_state).lo > 0) {
                n.op == Op::Assert ? fail() : pass();
                std::u16string groups; // still numbered
                groupSkeleton(*n.p, groups);
                if (!groups.empty()) {
                    put(u"(?:" + groups + u"){0}");
                }
                return true;
            }
            return false;
        default:
            return false;
        }
    }

    // sre's parser turns a|b|[cd] into one set, repeated as a single character.
    static bool isCharBranch(const Seq &p)
    {
        if (p.items.size() != 1 || p.items.front().op != Op::Branch) {
            return false;
        }
        for (const SeqPtr &b : p.items.front().branches) {
            if (b->items.size() != 1) {
                return false;
            }
            const Node &item = b->items.front();
            const bool negated = item.op == Op::In && !item.set.empty()
                && item.set.front().kind == SetItem::Negate;
            if (item.op != Op::Literal && (item.op != Op::In || negated)) {
                return false;
            }
        }
        return true;
    }

    void node(const Node &n, int flags)
    {
        if (m_pastEnd && pastEndNode(n, flags)) {
            return;
        }
        switch (n.op) {
        case Op::Literal:
            literal(n.c, false, flags);
            break;
        case Op::NotLiteral:
            literal(n.c, true, flags);
            break;
        case Op::Any:
            put((flags & F_DOTALL) ? u"(?s:.)" : u".");
            break;
        case Op::In:
            charset(n.set, flags);
            break;
        case Op::At:
            switch (n.at) {
            case At::Beginning:
                put((flags & F_MULTILINE) ? u"(?m:^)" : u"\\A");
                break;
            case At::BeginningString:
                put(u"\\A");
                break;
            case At::End:
                put((flags & F_MULTILINE) ? u"(?m:$)" : u"$");
                break;
            case At::EndString:
                put(u"\\z");
                break;
            case At::Boundary:
                boundary(true, flags);
                break;
            case At::NonBoundary:
                boundary(false, flags);
                break;
            }
            break;
        case Op::Branch: {
            put(u"(?:");
            bool firstAlt = true;
            for (const SeqPtr &b : n.branches) {
                if (!firstAlt) {
                    put(u"|");
                }
                firstAlt = false;
                seq(*b, flags);
            }
            put(u")");
            break;
        }
        case Op::Subpattern: {
            const int f = subpatternFlags(n, flags);
            put(n.group ? u"(" : u"(?:");
            m_openGroups.push_back(n.group);
            seq(*n.p, f);
            m_openGroups.pop_back();
            put(u")");
            break;
        }
        case Op::Atomic:
            m_atomic = true;
            put(u"(?>");
            seq(*n.p, flags);
            put(u")");
            break;
        case Op::MaxRepeat:
        case Op::MinRepeat:
        case Op::PossessiveRepeat: {
            m_atomic = m_atomic || n.op == Op::PossessiveRepeat;
            if (n.max == 0) {
                // sre never tries the body of X{0}: only its groups' numbers are needed, and
                // PCRE2 would still measure the body (a variable one fails in a lookbehind).
                std::u16string groups;
                groupSkeleton(*n.p, groups);
                if (!groups.empty()) {
                    put(u"(?:" + groups + u"){0}");
                }
                break;
            }
            // A single-character item is repeated bare (\w+, [a-z]*): PCRE2 optimises those
            // (auto-possessification, fast character loops) but not the same inside (?:...).
            std::u16string body = written([&] { seq(*n.p, flags); });
            const Width width = getwidth(*n.p, m_state);
            m_needsProgram = m_needsProgram || sreOnlyRepeat(n, width);
            if (!isSimple(*n.p) && n.max > 1 && width.lo != width.hi) {
                // Iterations of variable width are where backtracking can explode beyond what
                // the JIT counts: the callout keeps the request within its time (pyregex.cpp).
                body = u"(?C1)" + body;
            }
            if (n.op == Op::PossessiveRepeat && !isSimple(*n.p)) {
                // sre's POSSESSIVE_REPEAT runs each iteration to its first success and never
                // backtracks into it: (?:a+){2}+ does not match "aa" (PCRE2 would give back).
                body = u"(?>" + body + u")";
            } else if (!isAtom(body)) {
                body = u"(?:" + body + u")";
            }
            const std::u16string lazy = n.op == Op::MinRepeat ? u"?" : u"";
            const bool big =
                n.min > PCRE_MAX_REPEAT || (n.max != MAXREPEAT && n.max > PCRE_MAX_REPEAT);
            if (!big) {
                put(body + quantifier(n.min, n.max) + lazy);
                if (n.op == Op::PossessiveRepeat) {
                    put(u"+");
                }
                break;
            }
            // PCRE2 counts up to 65535: larger counts nest (see fixedRepeat/optionalRepeat).
            const quint64 optional = n.max == MAXREPEAT ? MAXREPEAT : n.max - n.min;
            const std::u16string text = fixedRepeat(body, n.min)
                + optionalRepeat(body, optional, n.op == Op::MinRepeat);
            put(n.op == Op::PossessiveRepeat ? u"(?>" + text + u")" : text);
            break;
        }
        case Op::GroupRef:
            m_icaseBackref = m_icaseBackref || ((flags & F_IGNORECASE) && !(flags & F_ASCII));
            put((flags & F_IGNORECASE) ? u"(?i:\\g{" : u"(?:\\g{");
            putNum(quint64(n.group));
            put(u"})");
            if (flags & F_IGNORECASE) {
                // sre compares lower() of each character (ASCII only under ASCII), PCRE2 folds
                // case (s = \u017f, \u03c3 = \u03c2): the callout rejects what sre would.
                put((flags & F_ASCII) ? u"(?C\"a" : u"(?C\"u");
                putNum(quint64(n.group));
                put(u"\")");
            }
            break;
        case Op::GroupRefExists:
            // A condition on a group that encloses it: sre's LASTMARK_RESTORE keeps the mark
            // values, so after a failed attempt that closed the group (the tail of a lazy
            // repeat, say) the group counts as set with that stale end: python3.11 matches
            // 'a' with (((?(1)A)*?)) and IGNORECASE after the empty match. PCRE2 restores
            // captures on backtracking; sre's program keeps its marks as sre does.
            if (std::find(m_openGroups.begin(), m_openGroups.end(), n.group)
                != m_openGroups.end()) {
                m_needsProgram = true;
            }
            put(u"(?(");
            putNum(quint64(n.group));
            put(u")");
            seq(*n.p, flags);
            if (n.p2) {
                put(u"|");
                seq(*n.p2, flags);
            }
            put(u")");
            break;
        case Op::Assert:
        case Op::AssertNot: {
            if (n.dir < 0) {
                const Width w = getwidth(*n.p, m_state);
                if (w.lo > MAXCODE) {
                    throw CompileError{QStringLiteral("looks too much behind")};
                }
                if (w.lo != w.hi) {
                    throw CompileError{QStringLiteral("look-behind requires fixed-width pattern")};
                }
                if (w.lo > PCRE_MAX_LOOKBEHIND) {
                    wideLookbehind(n, w.lo, flags);
                    break;
                }
                put(n.op == Op::Assert ? u"(?<=" : u"(?<!");
            } else {
                put(n.op == Op::Assert ? u"(?=" : u"(?!");
            }
            seq(*n.p, flags);
            put(u")");
            break;
        }
        }
    }

    // A look-behind wider than PCRE2's 65535: sre goes back the width and matches the body
    // forward, which nested look-behinds do - each goes back at most 65535 and the innermost
    // holds the body as a look-ahead (fixed width: it ends where the assertion stands).
    void wideLookbehind(const Node &n, quint64 width, int flags)
    {
        // PCRE2 nests parentheses at most 5000 deep: beyond, no text StdLab takes (256 MiB at
        // most) is long enough for the body to fit, so the positive assertion cannot succeed.
        constexpr quint64 kMaxLevels = 4000;
        const quint64 levels = (width + PCRE_MAX_LOOKBEHIND - 1) / PCRE_MAX_LOOKBEHIND;
        if (levels > kMaxLevels) {
            put(n.op == Op::Assert ? u"(?!)" : u"");
            return;
        }
        std::u16string text = u"(?=" + written([&] { seq(*n.p, flags); }) + u")";
        quint64 left = width;
        while (left > 0) {
            const quint64 step = left % PCRE_MAX_LOOKBEHIND ? left % PCRE_MAX_LOOKBEHIND
                                                            : PCRE_MAX_LOOKBEHIND;
            text = u"(?<=" + text + u"(?s:.)" + quantifier(step, step) + u")";
            left -= step;
        }
        // Each level matches its 65535 characters forward before the next steps back, so a
        // position with fewer than width characters before it would cost that much to fail:
        // the callout (?C"w<width>") answers at once (its test is in pyregex.cpp), as sre's
        // own check of the distance to the start does.
        // (?C"v<width>") is its negation, for the negative assertion.
        const std::u16string w = QString::number(width).toStdU16String();
        const std::u16string guard = u"(?C\"w" + w + u"\")";
        put(n.op == Op::Assert ? guard + text
                               : u"(?:" + guard + u"(?!" + text + u")|(?C\"v" + w + u"\"))");
    }

    const State &m_state;
    bool m_ucp;

public:
    bool m_atomic = false;
    bool m_needsProgram = false;
    std::vector<int> m_openGroups; // the Subpattern nodes being written, innermost last
    bool m_icaseBackref = false; // under IGNORECASE without ASCII
    const PastEnd *m_pastEnd = nullptr;
};

// Builds the SreProgram of a pattern (see pytranslate.h): sre's control structure as
// instructions, each run of characters, sets and anchors as one PCRE2 fragment written by the
// Writer (so that they mean exactly what they mean in the PCRE2 translation).
class ProgramBuilder
{
public:
    ProgramBuilder(Writer &writer, SreProgram &program) : m_w(writer), m_p(program) { }

    void seq(const Seq &s, int flags)
    {
        std::u16string run;
        std::u16string literal; // the run's characters while it holds exact literals only
        int nodes = 0;
        bool exact = true;
        bool single = false;
        const auto flush = [&] {
            if (!run.empty()) {
                SreProgram::Inst inst{Op::Leaf};
                inst.a = fragment(run, exact ? 2 : (nodes == 1 && single ? 1 : 0), literal);
                add(inst);
            }
            run.clear();
            literal.clear();
            nodes = 0;
            exact = true;
        };
        for (const Node &n : s.items) {
            std::u16string text;
            if (leafText(n, flags, &text)) {
                if (text.empty()) {
                    continue;
                }
                run += text;
                ++nodes;
                single = oneCharacter(n);
                const bool isExact = !m_w.m_pastEnd && n.op == stdlab::re::detail::Op::Literal
                    && !(flags & F_IGNORECASE) && !(n.c >= 0xD800 && n.c <= 0xDFFF);
                exact = exact && isExact;
                if (isExact) {
                    const QString c = py::fromCodePoints(&n.c, 1);
                    literal += c.toStdU16String();
                }
                continue;
            }
            flush();
            node(n, flags);
        }
        flush();
    }

    void finish()
    {
        add({SreProgram::Op::Succeed});
    }

private:
    using Op = SreProgram::Op;

    int pc() const { return int(m_p.code.size()); }
    int add(const SreProgram::Inst &inst)
    {
        m_p.code.push_back(inst);
        return pc() - 1;
    }
    int fragment(const std::u16string &text, quint8 kind = 0,
                 const std::u16string &literal = std::u16string())
    {
        const auto it = m_fragments.find(text);
        if (it != m_fragments.end()) {
            return it->second;
        }
        m_p.fragments.push_back(text);
        m_p.fragmentKinds.push_back(kind);
        m_p.literals.push_back(kind == 2 ? literal : std::u16string());
        const int index = int(m_p.fragments.size()) - 1;
        m_fragments.emplace(text, index);
        return index;
    }
    // A node that consumes one character and looks at nothing else.
    bool oneCharacter(const Node &n) const
    {
        using N = stdlab::re::detail::Op;
        return !m_w.m_pastEnd
            && (n.op == N::Literal || n.op == N::NotLiteral || n.op == N::Any || n.op == N::In);
    }
    std::u16string text(const Node &n, int flags)
    {
        return m_w.written([&] { m_w.node(n, flags); });
    }
    std::u16string seqText(const Seq &s, int flags)
    {
        return m_w.written([&] { m_w.seq(s, flags); });
    }

    // Nodes that match in one way only (a character, a set, an anchor, or what sre does past
    // the end of the text): PCRE2 fragments, consecutive ones joined by seq().
    bool leafText(const Node &n, int flags, std::u16string *out)
    {
        using N = stdlab::re::detail::Op;
        if (m_w.m_pastEnd) {
            const size_t mark = m_w.out.size();
            if (m_w.pastEndNode(n, flags)) {
                *out = u"(?:" + m_w.out.substr(mark) + u")";
                m_w.out.resize(mark);
                return true;
            }
        }
        switch (n.op) {
        case N::Literal:
        case N::NotLiteral:
        case N::Any:
        case N::In:
        case N::At:
            *out = u"(?:" + text(n, flags) + u")";
            return true;
        case N::MaxRepeat:
        case N::MinRepeat:
        case N::PossessiveRepeat:
            if (n.max == 0) {
                out->clear(); // never tried; its groups stay unset
                return true;
            }
            return false;
        default:
            return false;
        }
    }

    void node(const Node &n, int flags)
    {
        using N = stdlab::re::detail::Op;
        switch (n.op) {
        case N::Branch: {
            // sre's BRANCH restores the lastmark (and the marks inside a repeat) after every
            // alternative that failed, the last one too: a Split with b = -1 before it.
            std::vector<int> jumps;
            for (size_t i = 0; i < n.branches.size(); ++i) {
                const int split = add({Op::Split});
                m_p.code[size_t(split)].a = pc();
                m_p.code[size_t(split)].b = -1;
                seq(*n.branches[i], flags);
                if (i + 1 < n.branches.size()) {
                    jumps.push_back(add({Op::Jmp}));
                    m_p.code[size_t(split)].b = pc();
                }
            }
            for (int j : jumps) {
                m_p.code[size_t(j)].a = pc();
            }
            break;
        }
        case N::Subpattern: {
            const int f = subpatternFlags(n, flags);
            if (n.group) {
                SreProgram::Inst open{Op::Save};
                open.a = 2 * (n.group - 1);
                add(open);
            }
            seq(*n.p, f);
            if (n.group) {
                SreProgram::Inst close{Op::Save};
                close.a = 2 * (n.group - 1) + 1;
                add(close);
            }
            break;
        }
        case N::Atomic: {
            const int at = add({Op::Atomic});
            m_p.code[size_t(at)].c = pc();
            seq(*n.p, flags);
            add({Op::Succeed});
            m_p.code[size_t(at)].b = pc();
            break;
        }
        case N::MaxRepeat:
        case N::MinRepeat:
        case N::PossessiveRepeat: {
            const quint8 mode = n.op == N::MaxRepeat ? 0 : (n.op == N::MinRepeat ? 1 : 2);
            if (Writer::isSimple(*n.p) || Writer::isCharBranch(*n.p)) {
                SreProgram::Inst inst{Op::Simple, mode};
                inst.a = fragment(u"(?:" + seqText(*n.p, flags) + u")", 1);
                inst.min = n.min;
                inst.max = n.max;
                add(inst);
                break;
            }
            const int r = m_p.repeats++;
            if (mode == 2) {
                SreProgram::Inst inst{Op::Possessive};
                inst.a = r;
                inst.min = n.min;
                inst.max = n.max;
                const int at = add(inst);
                m_p.code[size_t(at)].c = pc();
                seq(*n.p, flags);
                add({Op::Succeed});
                m_p.code[size_t(at)].b = pc();
                break;
            }
            SreProgram::Inst enter{Op::Repeat};
            enter.a = r;
            const int at = add(enter);
            const int body = pc();
            seq(*n.p, flags);
            SreProgram::Inst until{Op::Until, quint8(mode)};
            until.a = r;
            until.c = body;
            until.min = n.min;
            until.max = n.max;
            const int untilPc = add(until);
            m_p.code[size_t(untilPc)].b = pc();
            m_p.code[size_t(at)].b = untilPc;
            break;
        }
        case N::GroupRef: {
            SreProgram::Inst inst{Op::Ref};
            inst.a = n.group;
            inst.mode = (flags & F_IGNORECASE) ? ((flags & F_ASCII) ? 2 : 1) : 0;
            add(inst);
            break;
        }
        case N::GroupRefExists: {
            SreProgram::Inst inst{Op::CondRef};
            inst.a = n.group;
            const int at = add(inst);
            seq(*n.p, flags);
            const int jump = add({Op::Jmp});
            m_p.code[size_t(at)].b = pc();
            if (n.p2) {
                seq(*n.p2, flags);
            }
            m_p.code[size_t(jump)].a = pc();
            break;
        }
        case N::Assert:
        case N::AssertNot: {
            SreProgram::Inst inst{Op::Assert};
            inst.mode = n.op == N::AssertNot ? 1 : 0;
            if (n.dir < 0) {
                inst.mode |= 2;
                inst.min = getwidth(*n.p, m_w.m_state).lo;
            }
            const int at = add(inst);
            m_p.code[size_t(at)].c = pc();
            seq(*n.p, flags);
            add({Op::Succeed});
            m_p.code[size_t(at)].b = pc();
            break;
        }
        default: {
            // Single characters, sets and anchors are leaves (see seq()).
            SreProgram::Inst inst{Op::Leaf};
            inst.a = fragment(u"(?:" + text(n, flags) + u")");
            add(inst);
            break;
        }
        }
    }

    Writer &m_w;
    SreProgram &m_p;
    std::map<std::u16string, int> m_fragments;
};

} // namespace

std::optional<qint64> pythonInt(const std::u32string &s)
{
    return pyInt(s);
}

QString pythonIntText(const std::u32string &s)
{
    QString digits;
    bool neg = false;
    for (char32_t c : s) {
        const int d = u_charDigitValue(UChar32(c));
        if (c == '-') {
            neg = true;
        } else if (d >= 0 && u_charType(UChar32(c)) == U_DECIMAL_DIGIT_NUMBER) {
            if (!(digits.isEmpty() && d == 0)) {
                digits += QChar(char16_t('0' + d));
            }
        }
    }
    if (digits.isEmpty()) {
        return QStringLiteral("0");
    }
    return neg ? QLatin1Char('-') + digits : digits;
}

bool isIdentifier(const std::u32string &s)
{
    return isIdentifierImpl(s);
}

char32_t sreLower(char32_t c)
{
    return uniLower(c);
}

namespace {
Translation translateWith(const QString &pattern, int flags, const PastEnd *pastEnd,
                          bool loneSurrogates, bool withProgram);
}

namespace {

/// _sre's iscased for IGNORECASE under @p flags: ASCII letters only, or a code point whose
/// lower() or upper() differs from it.
bool sreIscased(char32_t c, int flags)
{
    if (flags & F_ASCII) {
        return c < 128 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    }
    return sreLower(c) != c || QChar::toUpper(c) != c;
}

/// The set sre's search() tests at each start position when it differs from what the pattern
/// itself tests there (see Translation::searchFilter), as a PCRE2 class; empty otherwise.
/// CPython 3.11's _compile_info: no literal prefix, then _get_charset_prefix walks the leading
/// SUBPATTERNs combining their flags, takes the first IN (dropped when IGNORECASE and a member
/// is cased), and _compile_charset writes it with the *global* flags: only its categories
/// (\w \d \s and their negations) can mean something else there.
std::u16string searchStartSet(const QString &pattern, int flagsIn, const Seq &plain,
                              int globalFlags, bool ucp, bool loneSurrogates)
{
    // Cheap test on the tree already parsed: a leading group that changes the type flags.
    bool scopedType = false;
    for (const Seq *seq = &plain; !seq->empty() && seq->items.front().op == Op::Subpattern;) {
        const Node &n = seq->items.front();
        scopedType = scopedType || (n.addFlags & TYPE_FLAGS) != 0;
        if (!n.p) {
            break;
        }
        seq = n.p.get();
    }
    if (!scopedType) {
        return {};
    }
    // The tree as CPython's parser shapes it (\W|x is one IN there).
    State state;
    SeqPtr tree;
    try {
        Parser parser(pattern, state, Parser::Tree::CPython);
        tree = parser.parse(flagsIn);
    } catch (const ParseError &) {
        return {};
    }
    int flags = state.flags;
    const Seq *seq = tree.get();
    while (true) {
        if (!seq || seq->empty()) {
            return {};
        }
        const Node &n = seq->items.front();
        if (n.op != Op::Subpattern) {
            break;
        }
        flags = subpatternFlags(n, flags);
        if ((flags & F_IGNORECASE) && (flags & F_LOCALE)) {
            return {};
        }
        seq = n.p.get();
    }
    const Node &first = seq->items.front();
    if (first.op != Op::In || (flags & TYPE_FLAGS) == (globalFlags & TYPE_FLAGS)) {
        return {};
    }
    bool hasCategory = false;
    for (const SetItem &item : first.set) {
        if (item.kind == SetItem::Category) {
            hasCategory = true;
        } else if ((flags & F_IGNORECASE) && item.kind == SetItem::Literal
                   && sreIscased(item.lo, flags)) {
            return {};
        } else if ((flags & F_IGNORECASE) && item.kind == SetItem::Range) {
            if (item.hi > 0xffff) {
                return {};
            }
            for (char32_t c = item.lo; c <= item.hi; ++c) {
                if (sreIscased(c, flags)) {
                    return {};
                }
            }
        }
    }
    if (!hasCategory) {
        return {};
    }
    // Compiled as written, case and all (sre's CHARSET test is exact), with the global flags.
    Writer writer(state, ucp);
    writer.m_loneSurrogates = loneSurrogates;
    return writer.charsetText(first.set, globalFlags & ~F_IGNORECASE);
}

} // namespace

Translation translate(const QString &pattern, int flags, bool loneSurrogates, bool withProgram)
{
    return translateWith(pattern, flags, nullptr, loneSurrogates, withProgram);
}

Translation translatePastEnd(const QString &pattern, int flags, const PastEnd &at,
                             bool withProgram)
{
    return translateWith(pattern, flags, &at, false, withProgram);
}

namespace {

Translation translateWith(const QString &pattern, int flags, const PastEnd *pastEnd,
                          bool loneSurrogates, bool withProgram)
{
    Translation t;
    State state;
    SeqPtr p;
    try {
        Parser parser(pattern, state);
        p = parser.parse(flags);
    } catch (const ParseError &e) {
        t.errorMessage = e.message;
        t.errorPos = e.pos;
        t.errorKind = e.kind;
        t.warnings = state.warnings;
        return t;
    }
    t.warnings = state.warnings;
    t.flags = state.flags;
    t.ucp = !(state.flags & F_ASCII);
    try {
        Writer writer(state, t.ucp);
        writer.m_pastEnd = pastEnd;
        writer.m_loneSurrogates = loneSurrogates;
        writer.seq(*p, state.flags);
        t.pcre = std::move(writer.out);
        t.atomic = writer.m_atomic;
        const std::u16string startSet =
            searchStartSet(pattern, flags, *p, state.flags, t.ucp, loneSurrogates);
        if (!startSet.empty()) {
            t.searchFilter = u"(?=" + startSet + u")";
        }
        if (withProgram
            || (!loneSurrogates && (writer.m_needsProgram || writer.m_icaseBackref))) {
            // sre's GROUPREF_UNI_IGNORE compares lower() of each character: U+0130 and i (and
            // I) have the same lower(), and PCRE2 does not pair them (checked over every code
            // point by the differential test). Only U+0130 is concerned, so the program runs
            // only on texts that hold it.
            t.programForDottedI = !writer.m_needsProgram && !withProgram;
            auto program = std::make_shared<SreProgram>();
            program->groups = state.groups() - 1;
            Writer leaves(state, t.ucp);
            leaves.m_pastEnd = pastEnd;
            leaves.m_loneSurrogates = loneSurrogates;
            ProgramBuilder builder(leaves, *program);
            builder.seq(*p, state.flags);
            builder.finish();
            if (!startSet.empty()) {
                program->startFilter = int(program->fragments.size());
                program->fragments.push_back(startSet);
                program->fragmentKinds.push_back(1);
                program->literals.push_back(std::u16string());
            }
            t.program = std::move(program);
        }
    } catch (const CompileError &e) {
        t.errorMessage = e.message;
        t.errorPos = -1;
        return t;
    }
    t.groups = state.groups() - 1;
    t.groupIndex = state.groupdict;
    t.groupNames = state.names;
    t.groupParents = state.parents;
    t.ok = true;
    return t;
}

} // namespace

namespace {

// re._parser's names, as the issue's conversion prints them (str() of a _NamedIntConstant),
// indexed by the enums' order.
QString atName(At at)
{
    static const char *const kNames[] = {"AT_BEGINNING",    "AT_BEGINNING_STRING", "AT_BOUNDARY",
                                         "AT_NON_BOUNDARY", "AT_END",              "AT_END_STRING"};
    return QLatin1String(kNames[int(at)]);
}

QString categoryName(Cat cat)
{
    static const char *const kNames[] = {"CATEGORY_DIGIT", "CATEGORY_NOT_DIGIT", "CATEGORY_SPACE",
                                         "CATEGORY_NOT_SPACE", "CATEGORY_WORD",
                                         "CATEGORY_NOT_WORD"};
    return QLatin1String(kNames[int(cat)]);
}

QJsonArray pair(const QJsonValue &a, const QJsonValue &b)
{
    return QJsonArray{a, b};
}

QJsonValue repeatCount(quint64 n)
{
    return n == MAXREPEAT ? QJsonValue(QStringLiteral("MAXREPEAT")) : QJsonValue(qint64(n));
}

// One SubPattern as [[OP, av], ...] and, beside it, the spans of its items: each item's
// [start, end] followed by the span lists of the item's own SubPatterns, in the order the tree
// holds them (null for a missing "no" branch of a conditional).
void convert(const Seq &seq, QJsonArray *tree, QJsonArray *spans)
{
    for (const Node &n : seq.items) {
        QJsonArray span{qint64(n.start), qint64(n.end)};
        auto body = [&span](const SeqPtr &p) {
            QJsonArray t;
            QJsonArray s;
            convert(*p, &t, &s);
            span.append(s);
            return t;
        };
        QJsonArray item;
        switch (n.op) {
        case Op::Literal:
            item = pair(QStringLiteral("LITERAL"), qint64(n.c));
            break;
        case Op::NotLiteral:
            item = pair(QStringLiteral("NOT_LITERAL"), qint64(n.c));
            break;
        case Op::Any:
            item = pair(QStringLiteral("ANY"), QJsonValue::Null);
            break;
        case Op::At:
            item = pair(QStringLiteral("AT"), atName(n.at));
            break;
        case Op::In: {
            QJsonArray set;
            for (const SetItem &i : n.set) {
                switch (i.kind) {
                case SetItem::Negate:
                    set.append(pair(QStringLiteral("NEGATE"), QJsonValue::Null));
                    break;
                case SetItem::Literal:
                    set.append(pair(QStringLiteral("LITERAL"), qint64(i.lo)));
                    break;
                case SetItem::Range:
                    set.append(pair(QStringLiteral("RANGE"), pair(qint64(i.lo), qint64(i.hi))));
                    break;
                case SetItem::Category:
                    set.append(pair(QStringLiteral("CATEGORY"), categoryName(i.cat)));
                    break;
                }
            }
            item = pair(QStringLiteral("IN"), set);
            break;
        }
        case Op::Branch: {
            QJsonArray alternatives;
            for (const SeqPtr &b : n.branches) {
                alternatives.append(body(b));
            }
            item = pair(QStringLiteral("BRANCH"), pair(QJsonValue::Null, alternatives));
            break;
        }
        case Op::Subpattern:
            item = pair(QStringLiteral("SUBPATTERN"),
                        QJsonArray{n.group ? QJsonValue(n.group) : QJsonValue(QJsonValue::Null),
                                   n.addFlags, n.delFlags, body(n.p)});
            break;
        case Op::Atomic:
            item = pair(QStringLiteral("ATOMIC_GROUP"), body(n.p));
            break;
        case Op::MaxRepeat:
        case Op::MinRepeat:
        case Op::PossessiveRepeat: {
            const QString name = n.op == Op::MaxRepeat   ? QStringLiteral("MAX_REPEAT")
                : n.op == Op::MinRepeat                  ? QStringLiteral("MIN_REPEAT")
                                                         : QStringLiteral("POSSESSIVE_REPEAT");
            item = pair(name, QJsonArray{repeatCount(n.min), repeatCount(n.max), body(n.p)});
            break;
        }
        case Op::GroupRef:
            item = pair(QStringLiteral("GROUPREF"), n.group);
            break;
        case Op::GroupRefExists: {
            const QJsonArray yes = body(n.p);
            QJsonValue no = QJsonValue::Null;
            if (n.p2) {
                no = body(n.p2);
            } else {
                span.append(QJsonValue::Null);
            }
            item = pair(QStringLiteral("GROUPREF_EXISTS"), QJsonArray{n.group, yes, no});
            break;
        }
        case Op::Assert:
        case Op::AssertNot:
            item = pair(n.op == Op::Assert ? QStringLiteral("ASSERT") : QStringLiteral("ASSERT_NOT"),
                        pair(n.dir, body(n.p)));
            break;
        }
        tree->append(item);
        spans->append(span);
    }
}

} // namespace

ParseTree parseTree(const QString &pattern, int flags)
{
    ParseTree out;
    State state;
    SeqPtr p;
    try {
        Parser parser(pattern, state, Parser::Tree::CPython);
        p = parser.parse(flags);
    } catch (const ParseError &e) {
        out.errorMessage = e.message;
        out.errorPos = e.pos;
        out.errorKind = e.kind;
        return out;
    }
    QJsonArray tree;
    QJsonArray spans;
    convert(*p, &tree, &spans);
    QJsonObject groupindex;
    for (auto it = state.groupdict.cbegin(); it != state.groupdict.cend(); ++it) {
        groupindex.insert(it.key(), it.value());
    }
    out.result = QJsonObject{{QStringLiteral("groups"), state.groups() - 1},
                             {QStringLiteral("groupindex"), groupindex},
                             {QStringLiteral("flags"), state.flags},
                             {QStringLiteral("tree"), tree},
                             {QStringLiteral("spans"), spans}};
    out.ok = true;
    return out;
}

} // namespace stdlab::re::detail

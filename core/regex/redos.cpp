#include "regex/redos.h"

#include "common/pyrepr.h"
#include "regex/pytranslate.h"
#include "regex/regexexplain.h"

#define PCRE2_CODE_UNIT_WIDTH 16
#include <pcre2.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace stdlab::re {

namespace {

constexpr quint64 kMaxSteps = kRedosMaxSteps;
// The whole analysis stops past this many (a second or two on this machine; the characters a
// repeat runs over count too, and cost little: 60 million left 20 alternatives `w0\d+x|...`
// unknown), or this much CPU time of its thread (a step costs more where many groups are copied
// on each backtrack: 200 nested groups). CPU time, not wall time: the verdict must not depend
// on the machine's load.
constexpr quint64 kTotalSteps = 150'000'000;
constexpr qint64 kTotalCpuNanoseconds = 3'000'000'000;

qint64 threadCpuNanoseconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}
// At most this many distinct characters the pattern names are sampled.
constexpr size_t kMaxNamed = 256;
// Pumps grow up to this many characters: a repeat that is still linear there is linear.
constexpr qsizetype kMaxPumped = 1 << 15;

/** An element of CPython's parse tree, with its span and the flags in force there. */
struct Node
{
    enum class Kind { Char, At, Branch, Group, Atomic, Repeat, Ref, Cond, Look };
    Kind kind = Kind::At;
    QString op; ///< LITERAL, NOT_LITERAL, ANY or IN for a Char
    QJsonValue av;
    int flags = 0;
    qint64 min = 0;
    qint64 max = 0; ///< -1: no limit (MAXREPEAT)
    bool possessive = false;
    bool behind = false; ///< a look-behind
    int group = 0;
    qsizetype start = 0;
    qsizetype end = 0;
    std::vector<std::vector<Node>> bodies;
};
using Seq = std::vector<Node>;

Seq build(const QJsonArray &items, const QJsonArray &spans, int flags);

Node buildNode(const QJsonArray &item, const QJsonArray &span, int flags)
{
    Node n;
    n.op = item.at(0).toString();
    n.av = item.at(1);
    n.flags = flags;
    n.start = qsizetype(span.at(0).toInteger());
    n.end = qsizetype(span.at(1).toInteger());
    auto body = [&](int k) { return span.at(2 + k).toArray(); };
    const QJsonArray a = n.av.toArray();
    if (n.op == QLatin1String("LITERAL") || n.op == QLatin1String("NOT_LITERAL")
        || n.op == QLatin1String("ANY") || n.op == QLatin1String("IN")) {
        n.kind = Node::Kind::Char;
    } else if (n.op == QLatin1String("BRANCH")) {
        n.kind = Node::Kind::Branch;
        const QJsonArray alternatives = a.at(1).toArray();
        for (qsizetype k = 0; k < alternatives.size(); ++k) {
            n.bodies.push_back(build(alternatives.at(k).toArray(), body(int(k)), flags));
        }
    } else if (n.op == QLatin1String("SUBPATTERN")) {
        n.kind = Node::Kind::Group;
        n.group = a.at(0).isNull() ? 0 : a.at(0).toInt();
        n.bodies.push_back(build(a.at(3).toArray(), body(0),
                                 flagsInGroup(flags, a.at(1).toInt(), a.at(2).toInt())));
    } else if (n.op == QLatin1String("ATOMIC_GROUP")) {
        n.kind = Node::Kind::Atomic;
        n.bodies.push_back(build(a, body(0), flags));
    } else if (n.op.endsWith(QLatin1String("_REPEAT"))) {
        n.kind = Node::Kind::Repeat;
        n.min = a.at(0).toInteger();
        n.max = a.at(1).isString() ? -1 : a.at(1).toInteger();
        n.possessive = n.op == QLatin1String("POSSESSIVE_REPEAT");
        n.bodies.push_back(build(a.at(2).toArray(), body(0), flags));
    } else if (n.op == QLatin1String("GROUPREF")) {
        n.kind = Node::Kind::Ref;
        n.group = n.av.toInt();
    } else if (n.op == QLatin1String("GROUPREF_EXISTS")) {
        n.kind = Node::Kind::Cond;
        n.group = a.at(0).toInt();
        n.bodies.push_back(build(a.at(1).toArray(), body(0), flags));
        n.bodies.push_back(a.at(2).isNull() ? Seq() : build(a.at(2).toArray(), body(1), flags));
    } else if (n.op == QLatin1String("ASSERT") || n.op == QLatin1String("ASSERT_NOT")) {
        n.kind = Node::Kind::Look;
        n.behind = a.at(0).toInt() < 0;
        n.bodies.push_back(build(a.at(1).toArray(), body(0), flags));
    }
    return n;
}

Seq build(const QJsonArray &items, const QJsonArray &spans, int flags)
{
    Seq seq;
    seq.reserve(size_t(items.size()));
    for (qsizetype i = 0; i < items.size(); ++i) {
        seq.push_back(buildNode(items.at(i).toArray(), spans.at(i).toArray(), flags));
    }
    return seq;
}

bool inCategory(const QString &name, char32_t c, bool ascii)
{
    const bool notForm = name.startsWith(QLatin1String("CATEGORY_NOT_"));
    const QString base = notForm ? name.mid(13) : name.mid(9);
    bool in = false;
    if (base == QLatin1String("DIGIT")) {
        in = ascii ? (c >= '0' && c <= '9') : QChar::category(c) == QChar::Number_DecimalDigit;
    } else if (base == QLatin1String("WORD")) {
        in = ascii ? (c < 128 && (std::isalnum(int(c)) || c == '_'))
                   : (QChar::isLetterOrNumber(c) || c == '_');
    } else if (base == QLatin1String("SPACE")) {
        in = ascii ? (c == ' ' || (c >= '\t' && c <= '\r'))
                   : (QChar::isSpace(c) || (c >= 0x1C && c <= 0x1F));
    }
    return notForm ? !in : in;
}

// Whether a Char node matches @p c, without case folding.
bool matchesExactly(const Node &leaf, char32_t c)
{
    const bool ascii = leaf.flags & ASCII;
    if (leaf.op == QLatin1String("LITERAL")) {
        return c == char32_t(leaf.av.toInteger());
    }
    if (leaf.op == QLatin1String("NOT_LITERAL")) {
        return c != char32_t(leaf.av.toInteger());
    }
    if (leaf.op == QLatin1String("ANY")) {
        return c != '\n' || (leaf.flags & DOTALL);
    }
    QJsonArray set = leaf.av.toArray();
    const bool negate =
        !set.isEmpty() && set.first().toArray().at(0).toString() == QLatin1String("NEGATE");
    bool in = false;
    for (const QJsonValue &v : set) {
        const QJsonArray member = v.toArray();
        const QString kind = member.at(0).toString();
        if (kind == QLatin1String("LITERAL")) {
            in = c == char32_t(member.at(1).toInteger());
        } else if (kind == QLatin1String("RANGE")) {
            const QJsonArray r = member.at(1).toArray();
            in = c >= char32_t(r.at(0).toInteger()) && c <= char32_t(r.at(1).toInteger());
        } else if (kind == QLatin1String("CATEGORY")) {
            in = inCategory(member.at(1).toString(), c, ascii);
        }
        if (in) {
            break;
        }
    }
    return negate ? !in : in;
}

bool matches(const Node &leaf, char32_t c)
{
    if (matchesExactly(leaf, c)) {
        return true;
    }
    if (!(leaf.flags & IGNORECASE)) {
        return false;
    }
    const char32_t lower = detail::sreLower(c);
    const char32_t upper = QChar::toUpper(c);
    return (lower != c && matchesExactly(leaf, lower))
        || (upper != c && matchesExactly(leaf, upper));
}

/// A set of the sample characters, as bits.
using CharSet = std::vector<bool>;

bool overlaps(const CharSet &a, const CharSet &b)
{
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i] && b[i]) {
            return true;
        }
    }
    return false;
}

void unite(CharSet &a, const CharSet &b)
{
    for (size_t i = 0; i < a.size(); ++i) {
        a[i] = a[i] || b[i];
    }
}

// The fewest characters a match of @p seq takes (sre's getwidth()[0]): sre's match() fails at
// once on a shorter text, whatever the pattern's backtracking.
qint64 minWidth(const Seq &seq);

/** A repeat that may make backtracking blow up, and what the tree says of it. */
struct Candidate
{
    const Node *loop = nullptr;
    QString prefix; ///< text leading from the start of the pattern to the repeat
    bool exponential = false; ///< its body is ambiguous and it has no limit
    int cap = 0; ///< the highest degree the structure allows (0: none known)
    bool bounded = false; ///< cap is a fixed count's: no growth beyond n^cap
};

class Analyzer
{
public:
    explicit Analyzer(const Seq &tree) : m_tree(tree)
    {
        collectLeaves(tree);
        // The sample: every character the pattern names, then a few of each kind (letters,
        // digits, spaces, punctuation, non-ASCII), one per distinct set of leaves matching it.
        std::vector<char32_t> chars;
        for (const Node *leaf : m_leaves) {
            if (leaf->op == QLatin1String("LITERAL") || leaf->op == QLatin1String("NOT_LITERAL")) {
                chars.push_back(char32_t(leaf->av.toInteger()));
            } else if (leaf->op == QLatin1String("IN")) {
                for (const QJsonValue &v : leaf->av.toArray()) {
                    const QJsonArray m = v.toArray();
                    if (m.at(0).toString() == QLatin1String("LITERAL")) {
                        chars.push_back(char32_t(m.at(1).toInteger()));
                    } else if (m.at(0).toString() == QLatin1String("RANGE")) {
                        chars.push_back(char32_t(m.at(1).toArray().at(0).toInteger()));
                        chars.push_back(char32_t(m.at(1).toArray().at(1).toInteger()));
                    }
                }
            }
        }
        // The first kMaxNamed distinct ones (a pattern of 10,000 distinct literals is sampled).
        std::vector<char32_t> distinct;
        std::unordered_set<char32_t> seen;
        for (const char32_t c : chars) {
            if (distinct.size() < kMaxNamed && c <= 0x10FFFF && !(c >= 0xD800 && c < 0xE000)
                && seen.insert(c).second) {
                distinct.push_back(c);
            }
        }
        for (const char32_t c : U"a0_ !-.@/:=,;xZ\t\n\u00e9\u0663\u00a0~#\u4e2d") {
            if (c && seen.insert(c).second) {
                distinct.push_back(c);
            }
        }
        std::unordered_set<std::vector<bool>> signatures;
        for (const char32_t c : distinct) {
            std::vector<bool> sig;
            sig.reserve(m_leaves.size());
            for (const Node *leaf : m_leaves) {
                sig.push_back(matches(*leaf, c));
            }
            if (signatures.insert(std::move(sig)).second) {
                m_sample.push_back(c);
            }
        }
    }

    std::vector<Candidate> candidates()
    {
        collectRepeats(m_tree);
        std::vector<Candidate> out;
        walk(m_tree, QString(), &out);
        // Exponential ones first, then by the degree they allow.
        std::stable_sort(out.begin(), out.end(), [](const Candidate &a, const Candidate &b) {
            if (a.exponential != b.exponential) {
                return a.exponential;
            }
            return a.cap > b.cap;
        });
        return out;
    }

    /// After candidates(): every unbounded repeat, those the fewest characters from the start
    /// of the pattern first. re.search may run each from every start position of a text made
    /// of its iterations, failing at the end each time (\w+@ on 'a' * n: n^2), even where no
    /// repeat is ambiguous and re.match is linear.
    std::vector<Candidate> searchCandidates() const
    {
        std::vector<Candidate> out = m_searchCandidates;
        std::stable_sort(out.begin(), out.end(), [](const Candidate &a, const Candidate &b) {
            return a.prefix.size() < b.prefix.size();
        });
        return out;
    }

    // Texts to repeat: one character of each kind that can start an iteration, then whole
    // iterations (each alternative's) of two characters or more.
    QStringList pumps(const Node &loop) const
    {
        QStringList out;
        const auto [first, nullable] = firstOf(loop.bodies[0]);
        Q_UNUSED(nullable);
        for (size_t i = 0; i < m_sample.size() && out.size() < 4; ++i) {
            if (first[i]) {
                out << text(m_sample[i]);
            }
        }
        for (const QString &v : variants(loop.bodies[0], true)) {
            if (v.size() >= 2 && !out.contains(v) && out.size() < 7) {
                out << v;
            }
        }
        return out;
    }

    // Texts to end with: characters of each kind, those that cannot start an iteration first
    // (a body that takes any character may still fail on one at the very end), and nothing.
    QStringList suffixes(const Node &loop) const
    {
        QStringList out;
        const CharSet first = firstOf(loop.bodies[0]).first;
        for (const bool inFirst : {false, true}) {
            for (size_t i = 0; i < m_sample.size(); ++i) {
                if (first[i] == inFirst) {
                    out << text(m_sample[i]);
                }
            }
        }
        out << QString();
        return out;
    }

private:
    static QString text(char32_t c) { return py::fromCodePoints(&c, 1); }

    void collectLeaves(const Seq &seq)
    {
        for (const Node &n : seq) {
            if (n.kind == Node::Kind::Char) {
                m_leaves.push_back(&n);
            }
            for (const Seq &b : n.bodies) {
                collectLeaves(b);
            }
        }
    }

    const CharSet &leafSet(const Node &leaf) const
    {
        auto it = m_leafSets.find(&leaf);
        if (it == m_leafSets.end()) {
            CharSet s(m_sample.size());
            for (size_t i = 0; i < m_sample.size(); ++i) {
                s[i] = matches(leaf, m_sample[i]);
            }
            it = m_leafSets.emplace(&leaf, std::move(s)).first;
        }
        return it->second;
    }

    CharSet full() const { return CharSet(m_sample.size(), true); }
    CharSet none() const { return CharSet(m_sample.size(), false); }

    // The characters that can start a match of @p seq, and whether it can match empty.
    std::pair<CharSet, bool> firstOf(const Seq &seq) const
    {
        CharSet s = none();
        for (const Node &n : seq) {
            const auto [f, nullable] = firstOfNode(n);
            unite(s, f);
            if (!nullable) {
                return {s, false};
            }
        }
        return {s, true};
    }

    std::pair<CharSet, bool> firstOfNode(const Node &n) const
    {
        switch (n.kind) {
        case Node::Kind::Char:
            return {leafSet(n), false};
        case Node::Kind::At:
        case Node::Kind::Look:
            return {none(), true};
        case Node::Kind::Ref:
            return {full(), true};
        case Node::Kind::Group:
        case Node::Kind::Atomic:
            return firstOf(n.bodies[0]);
        case Node::Kind::Repeat: {
            auto [f, nullable] = firstOf(n.bodies[0]);
            return {f, nullable || n.min == 0};
        }
        case Node::Kind::Branch:
        case Node::Kind::Cond: {
            CharSet s = none();
            bool nullable = n.kind == Node::Kind::Cond && n.bodies.size() < 2;
            for (const Seq &b : n.bodies) {
                const auto [f, nl] = firstOf(b);
                unite(s, f);
                nullable = nullable || nl;
            }
            return {s, nullable};
        }
        }
        return {none(), true};
    }

    // Every character @p seq can match anywhere (look-behinds aside).
    CharSet charsOf(const Seq &seq) const
    {
        CharSet s = none();
        for (const Node &n : seq) {
            if (n.kind == Node::Kind::Char) {
                unite(s, leafSet(n));
            } else if (n.kind == Node::Kind::Ref) {
                return full();
            } else if (!(n.kind == Node::Kind::Look && n.behind)) {
                for (const Seq &b : n.bodies) {
                    unite(s, charsOf(b));
                }
            }
        }
        return s;
    }

    static bool variable(const Node &n)
    {
        return n.kind == Node::Kind::Repeat && !n.possessive && n.max != n.min;
    }

    // Whether one iteration of a repeat with this body can match a text in two ways: a
    // repeat of varying count, or alternatives that can start alike (or be empty), outside
    // atomic groups, possessive repeats and lookarounds, which never backtrack into.
    bool ambiguous(const Seq &seq) const
    {
        for (const Node &n : seq) {
            switch (n.kind) {
            case Node::Kind::Repeat:
                if (variable(n) || (!n.possessive && ambiguous(n.bodies[0]))) {
                    return true;
                }
                break;
            case Node::Kind::Branch: {
                std::vector<CharSet> firsts;
                for (const Seq &b : n.bodies) {
                    const auto [f, nullable] = firstOf(b);
                    if (nullable && n.bodies.size() > 1) {
                        return true;
                    }
                    for (const CharSet &other : firsts) {
                        if (overlaps(f, other)) {
                            return true;
                        }
                    }
                    firsts.push_back(f);
                    if (ambiguous(b)) {
                        return true;
                    }
                }
                break;
            }
            case Node::Kind::Group:
            case Node::Kind::Cond:
                for (const Seq &b : n.bodies) {
                    if (ambiguous(b)) {
                        return true;
                    }
                }
                break;
            default:
                break;
            }
        }
        return false;
    }

    // Every varying repeat (look-behinds aside) with the characters its body can match.
    void collectRepeats(const Seq &seq)
    {
        for (const Node &n : seq) {
            if (n.kind == Node::Kind::Look && n.behind) {
                continue;
            }
            if (variable(n)) {
                m_repeats.emplace_back(&n, charsOf(n.bodies[0]));
            }
            for (const Seq &b : n.bodies) {
                collectRepeats(b);
            }
        }
    }

    // A text one match of @p n can take (repeats at their minimum).
    QString example(const Node &n) const
    {
        switch (n.kind) {
        case Node::Kind::Char:
            for (const char32_t c : m_sample) {
                if (matches(n, c)) {
                    return text(c);
                }
            }
            return QString();
        case Node::Kind::At:
        case Node::Kind::Look:
            return QString();
        case Node::Kind::Branch:
            return n.bodies.empty() ? QString() : example(n.bodies[0]);
        case Node::Kind::Group:
        case Node::Kind::Atomic:
            return example(n.bodies[0]);
        case Node::Kind::Repeat:
            return example(n.bodies[0]).repeated(qsizetype(std::min<qint64>(n.min, 1000)));
        case Node::Kind::Ref:
            return m_groupExamples.value(n.group);
        case Node::Kind::Cond:
            return m_groupExamples.contains(n.group) ? example(n.bodies[0]) : example(n.bodies[1]);
        }
        return QString();
    }

    QString example(const Seq &seq) const
    {
        QString s;
        for (const Node &n : seq) {
            s += example(n);
        }
        return s;
    }

    // A few texts one iteration can take: one per alternative, repeats once at least when
    // @p once.
    QStringList variants(const Seq &seq, bool once) const
    {
        QStringList out{QString()};
        for (const Node &n : seq) {
            QStringList mine;
            if (n.kind == Node::Kind::Branch) {
                for (const Seq &b : n.bodies) {
                    mine << variants(b, once);
                }
            } else if (n.kind == Node::Kind::Group || n.kind == Node::Kind::Atomic) {
                mine = variants(n.bodies[0], once);
            } else if (n.kind == Node::Kind::Repeat) {
                const qint64 times = std::min<qint64>(std::max<qint64>(n.min, once ? 1 : 0), 1000);
                for (const QString &v : variants(n.bodies[0], once)) {
                    mine << v.repeated(qsizetype(times));
                }
            } else {
                mine << example(n);
            }
            QStringList next;
            for (const QString &a : out) {
                for (const QString &b : mine) {
                    if (next.size() < 4 && !next.contains(a + b)) {
                        next << a + b;
                    }
                }
            }
            out = next;
        }
        return out;
    }

    // Finds the candidates in @p seq, reached after the text @p before.
    void walk(const Seq &seq, const QString &before, std::vector<Candidate> *out)
    {
        QString prefix = before;
        for (const Node &n : seq) {
            if (n.kind == Node::Kind::Look && n.behind) {
                continue;
            }
            // A repeat of a varying count, or of a fixed count of two or more over an ambiguous
            // body ((.*a){12}: where one iteration ends and the next begins).
            if (variable(n)
                || (n.kind == Node::Kind::Repeat && !n.possessive && n.max >= 2
                    && ambiguous(n.bodies[0]))) {
                Candidate c;
                c.loop = &n;
                c.prefix = prefix;
                const bool eda = ambiguous(n.bodies[0]) && (n.max < 0 || n.max >= 2);
                c.exponential = eda && n.max < 0;
                if (eda && n.max > 0) {
                    c.cap = int(std::min<qint64>(n.max, 64));
                    c.bounded = true;
                }
                const CharSet mine = charsOf(n.bodies[0]);
                int overlapping = 0;
                for (const auto &[r, chars] : m_repeats) {
                    if (r->start >= n.end && overlaps(mine, chars)) {
                        ++overlapping;
                    }
                }
                if (overlapping > 0) {
                    c.cap = std::max(c.cap, overlapping + 1);
                }
                if (eda || overlapping > 0) {
                    if (eda && c.cap == 0 && !c.exponential) {
                        c.cap = 2;
                    }
                    out->push_back(c);
                }
            }
            // An unbounded repeat, possessive or not: re.search runs it from every start
            // position the text offers, each run as long as the rest of the text.
            if (n.kind == Node::Kind::Repeat && n.max < 0 && minWidth(n.bodies[0]) > 0) {
                m_searchCandidates.push_back(Candidate{&n, prefix});
            }
            if (n.kind == Node::Kind::Group && n.group > 0) {
                m_groupExamples.insert(n.group, example(n.bodies[0]));
            }
            for (const Seq &b : n.bodies) {
                walk(b, prefix, out);
            }
            prefix += example(n);
        }
    }

    const Seq &m_tree;
    std::vector<const Node *> m_leaves;
    std::vector<char32_t> m_sample;
    mutable std::unordered_map<const Node *, CharSet> m_leafSets;
    std::vector<std::pair<const Node *, CharSet>> m_repeats;
    std::vector<Candidate> m_searchCandidates;
    QHash<int, QString> m_groupExamples;
};

/** Counts the steps of a backtracking match: one per item PCRE2's interpreter reaches. */
class Meter
{
public:
    Meter(const detail::Translation &t, const std::atomic<bool> *cancel) : m_cancel(cancel)
    {
        m_cpuStart = threadCpuNanoseconds();
        uint32_t options = PCRE2_UTF | PCRE2_ALT_CIRCUMFLEX | PCRE2_NO_UTF_CHECK
            | PCRE2_NO_AUTO_POSSESS | PCRE2_NO_START_OPTIMIZE | PCRE2_NO_DOTSTAR_ANCHOR
            | PCRE2_AUTO_CALLOUT;
        if (t.ucp) {
            options |= PCRE2_UCP;
        }
        pcre2_compile_context_16 *cctx = pcre2_compile_context_create_16(nullptr);
        pcre2_set_newline_16(cctx, PCRE2_NEWLINE_LF);
        pcre2_set_bsr_16(cctx, PCRE2_BSR_UNICODE);
        pcre2_set_parens_nest_limit_16(cctx, 5000);
        int errorCode = 0;
        PCRE2_SIZE errorOffset = 0;
        m_code = pcre2_compile_16(reinterpret_cast<PCRE2_SPTR16>(t.pcre.data()), t.pcre.size(),
                                  options, &errorCode, &errorOffset, cctx);
        pcre2_compile_context_free_16(cctx);
        m_context = pcre2_match_context_create_16(nullptr);
        pcre2_set_callout_16(m_context, &Meter::callout, this);
        pcre2_set_match_limit_16(m_context, 0xFFFFFFFFu);
        pcre2_set_heap_limit_16(m_context, 64 * 1024); // KiB
        m_data = m_code ? pcre2_match_data_create_from_pattern_16(m_code, nullptr) : nullptr;
    }
    ~Meter()
    {
        pcre2_match_data_free_16(m_data);
        pcre2_match_context_free_16(m_context);
        pcre2_code_free_16(m_code);
    }
    Meter(const Meter &) = delete;
    Meter &operator=(const Meter &) = delete;

    bool ok() const { return m_code && m_data; }
    quint64 total() const { return m_total; }
    bool exhausted() const
    {
        return m_total >= kTotalSteps
            || threadCpuNanoseconds() - m_cpuStart > kTotalCpuNanoseconds
            || (m_cancel && m_cancel->load(std::memory_order_relaxed));
    }

    /// Steps of a failed match of @p subject, -1 past the budget; *matched when it matched.
    /// A step is an item tried, or a character a repeat of one character ran over (a++ takes
    /// a whole run in one item; sre reads each character). @p search: unanchored, from every
    /// start position in turn (no start-of-match optimisation), as re.search tries them; a
    /// match found at @p lateStart or after counts as no match (every earlier start failed:
    /// (\d+,)*$ on '1' * n + '!' matches only at the end, after n^2 steps).
    qint64 steps(const QString &subject, bool full, bool *matched, bool search = false,
                 qsizetype lateStart = -1)
    {
        m_steps = 0;
        m_callouts = 0;
        m_position = 0;
        m_limit = std::min<quint64>(kMaxSteps, kTotalSteps - std::min(m_total, kTotalSteps));
        const uint32_t options = search
            ? uint32_t(PCRE2_NO_UTF_CHECK)
            : PCRE2_ANCHORED | PCRE2_NO_UTF_CHECK | (full ? PCRE2_ENDANCHORED : 0);
        const int rc = pcre2_match_16(m_code, reinterpret_cast<PCRE2_SPTR16>(subject.utf16()),
                                      PCRE2_SIZE(subject.size()), 0, options, m_data, m_context);
        m_total += m_steps;
        *matched = rc >= 0;
        if (rc >= 0 && search && lateStart >= 0
            && pcre2_get_ovector_pointer_16(m_data)[0] >= PCRE2_SIZE(lateStart)) {
            *matched = false;
            return qint64(m_steps);
        }
        return rc == PCRE2_ERROR_NOMATCH ? qint64(m_steps) : -1;
    }

private:
    static int callout(pcre2_callout_block_16 *block, void *data)
    {
        auto *self = static_cast<Meter *>(data);
        // Characters run over since the last item (forward only: backtracking and the next
        // start position go back).
        const quint64 at = block->current_position;
        self->m_steps += 1 + (at > self->m_position ? at - self->m_position : 0);
        self->m_position = at;
        if (self->m_steps > self->m_limit) {
            return PCRE2_ERROR_CALLOUT;
        }
        if ((++self->m_callouts & 0xFFFF) == 0 && self->exhausted()) {
            return PCRE2_ERROR_CALLOUT;
        }
        return 0;
    }

    const std::atomic<bool> *m_cancel;
    qint64 m_cpuStart = 0;
    pcre2_code_16 *m_code = nullptr;
    pcre2_match_context_16 *m_context = nullptr;
    pcre2_match_data_16 *m_data = nullptr;
    quint64 m_steps = 0;
    quint64 m_callouts = 0;
    quint64 m_position = 0;
    quint64 m_limit = 0;
    quint64 m_total = 0;
};


qint64 minWidth(const Node &n)
{
    switch (n.kind) {
    case Node::Kind::Char:
        return 1;
    case Node::Kind::Group:
    case Node::Kind::Atomic:
        return minWidth(n.bodies[0]);
    case Node::Kind::Repeat:
        return std::min<qint64>(n.min * minWidth(n.bodies[0]), kMaxPumped);
    case Node::Kind::Branch:
    case Node::Kind::Cond: {
        qint64 w = n.kind == Node::Kind::Cond && n.bodies.size() < 2 ? 0 : kMaxPumped;
        for (const Seq &b : n.bodies) {
            w = std::min(w, minWidth(b));
        }
        return w;
    }
    default:
        return 0;
    }
}

qint64 minWidth(const Seq &seq)
{
    qint64 w = 0;
    for (const Node &n : seq) {
        w = std::min<qint64>(w + minWidth(n), kMaxPumped);
    }
    return w;
}

/** The growth of one attack's steps. */
struct Growth
{
    bool attack = false; ///< superlinear, the text never matching
    bool inconclusive = false; ///< past the budget from the shortest text measured
    bool exponential = false;
    double degree = 0;
    int over = 0; ///< the shortest n measured past one run's step budget, 0: none
    QList<RedosVerdict::Point> points;
};

Growth measure(Meter &meter, const QString &prefix, const QString &pump, const QString &suffix,
               bool full, qint64 width, bool search = false, qsizetype maxPumped = kMaxPumped)
{
    // Texts shorter than the pattern's width are not measured: sre rejects them at once.
    int first = 1;
    while (prefix.size() + qsizetype(first) * pump.size() + suffix.size() < width) {
        ++first;
    }
    Growth g;
    std::map<int, qint64> s;
    bool matched = false;
    auto at = [&](int n) {
        auto it = s.find(n);
        if (it == s.end()) {
            it = s.emplace(n, meter.steps(prefix + pump.repeated(n) + suffix, full, &matched,
                                          search, prefix.size() + pump.size() * n))
                     .first;
        }
        return it->second;
    };
    auto finish = [&]() {
        for (const auto &[n, steps] : s) {
            g.points.append({n, steps});
        }
        return g;
    };
    // Doubling n: past the budget (then superlinear or a big constant), or linear up to the
    // longest text.
    int over = 0;
    int start = 2;
    while (start < first) {
        start *= 2;
    }
    for (int n = start; qsizetype(n) * pump.size() <= maxPumped; n *= 2) {
        const qint64 steps = at(n);
        if (matched || meter.exhausted()) {
            return Growth{};
        }
        if (steps < 0) {
            over = n;
            break;
        }
    }
    g.over = over;
    if (over == start) {
        // Over the budget from the shortest text: a large constant or a growth, not told apart.
        g.inconclusive = true;
        return g;
    }
    if (s.empty()) {
        return g; // one iteration is longer than the longest text measured
    }
    const int lo = over ? over / 2 : int(std::prev(s.end())->first);
    const qint64 sLo = s.count(lo) ? s[lo] : -1;
    const qint64 sHalf = s.count(lo / 2) ? s[lo / 2] : -1;
    if (sLo > 0 && sHalf > 0) {
        g.degree = std::log2(double(sLo) / double(sHalf));
    }
    if (over && over <= 128) {
        // Steps per pump: an exponential multiplies them by the same factor at each pump, a
        // polynomial by less and less (1 + degree/n).
        int top = lo;
        for (int n = lo + 1; n <= lo + 8; ++n) {
            const qint64 steps = at(n);
            if (matched || meter.exhausted()) {
                return Growth{};
            }
            if (steps < 0) {
                break;
            }
            top = n;
        }
        const int a = std::max(first, top - 4);
        for (int n = a; n <= a + 4; ++n) {
            at(n);
            if (matched || meter.exhausted()) {
                return Growth{};
            }
        }
        const qint64 s0 = s[a];
        const qint64 s2 = s[a + 2];
        const qint64 s4 = s[a + 4];
        if (s0 > 0 && s2 > 0 && s4 > 0) {
            const double r1 = double(s2) / double(s0);
            const double r2 = double(s4) / double(s2);
            g.exponential = r2 >= 1.3 && r2 >= 0.85 * r1;
            // The growth at the longest texts measured.
            g.degree = std::log(double(s4) / double(s0)) / std::log(double(a + 4) / double(a));
        }
    }
    g.attack = g.exponential || g.degree >= 1.5;
    return finish();
}

bool worse(const RedosVerdict &a, const RedosVerdict &b)
{
    if (a.kind != b.kind) {
        return int(a.kind) > int(b.kind);
    }
    return a.degree > b.degree;
}

class RedosText
{
    Q_DECLARE_TR_FUNCTIONS(RegexRedos)

public:
    static QString render(const QString &pattern, const RedosVerdict &v)
    {
        const std::u32string cps = py::codePoints(pattern);
        const auto partOf = [&](qsizetype start, qsizetype end, qsizetype *s, qsizetype *e) {
            *s = std::clamp<qsizetype>(start, 0, qsizetype(cps.size()));
            *e = std::clamp<qsizetype>(end, *s, qsizetype(cps.size()));
            return py::fromCodePoints(cps.data() + *s, *e - *s);
        };
        const auto attackOf = [](const QString &prefix, const QString &pump,
                                 const QString &suffix, const QString &count) {
            QStringList terms;
            if (!prefix.isEmpty()) {
                terms << py::repr(prefix);
            }
            terms << py::repr(pump) + QStringLiteral(" * ") + count;
            if (!suffix.isEmpty()) {
                terms << py::repr(suffix);
            }
            return terms.join(QStringLiteral(" + "));
        };
        if (v.kind == RedosVerdict::Kind::Safe) {
            if (v.complete) {
                return tr("safe: no repeat of this pattern makes backtracking blow up")
                    + QLatin1Char('\n');
            }
            QString out = tr("unknown: no growth was confirmed, but the analysis is not complete")
                + QLatin1Char('\n');
            if (v.gap == RedosVerdict::Gap::StepBudget) {
                qsizetype s = 0;
                qsizetype e = 0;
                const QString part = partOf(v.heavy.spanStart, v.heavy.spanEnd, &s, &e);
                out += tr("the repeat %1 (characters %2 to %3) takes more than %4 steps already "
                          "on %5: a large constant or a growth, not told apart")
                           .arg(part)
                           .arg(s)
                           .arg(e)
                           .arg(kMaxSteps)
                           .arg(attackOf(v.heavy.prefix, v.heavy.pump, v.heavy.suffix,
                                         QString::number(v.heavy.n)))
                    + QLatin1Char('\n');
            } else {
                out += tr("the analysis ran out of time before it measured every candidate")
                    + QLatin1Char('\n');
            }
            return out;
        }
        qsizetype s = 0;
        qsizetype e = 0;
        const QString part = partOf(v.spanStart, v.spanEnd, &s, &e);
        QString out = v.kind == RedosVerdict::Kind::Exponential
            ? tr("exponential: each repetition of the pump multiplies the time to fail")
            : tr("polynomial: the time to fail grows as n^%1 for n repetitions of the pump")
                  .arg(v.degree);
        out += QLatin1Char('\n');
        out += tr("responsible part: %1 (characters %2 to %3)").arg(part).arg(s).arg(e)
            + QLatin1Char('\n');
        const QString attack = attackOf(v.prefix, v.pump, v.suffix, QStringLiteral("n"));
        if (v.function == QLatin1String("search")) {
            out += tr("attack: re.search(pattern, %1) (findall, finditer, sub and split too), "
                      "which tries every start; re.match showed no growth")
                       .arg(attack);
        } else if (v.function == QLatin1String("fullmatch")) {
            out += tr("attack: re.fullmatch(pattern, %1) (where the whole text must match)")
                       .arg(attack);
        } else if (v.searchDegree > 0) {
            out += tr("attack: re.match(pattern, %1); re.search, which tries every start, "
                      "grows as n^%2 on it")
                       .arg(attack)
                       .arg(v.searchDegree);
        } else {
            out += tr("attack: re.match(pattern, %1) (re.search too)").arg(attack);
        }
        out += QLatin1Char('\n');
        QStringList steps;
        for (const RedosVerdict::Point &p : v.steps) {
            if (p.steps >= 0) {
                steps << QStringLiteral("n=%1: %2").arg(p.n).arg(p.steps);
            }
        }
        out += tr("steps measured: %1").arg(steps.join(QStringLiteral(", "))) + QLatin1Char('\n');
        return out;
    }
};

} // namespace

std::optional<RedosVerdict> redos(const QString &pattern, int flags, Error *error,
                                  const std::atomic<bool> *cancel)
{
    const detail::ParseTree t = detail::parseTree(pattern, flags);
    const detail::Translation translation = t.ok ? detail::translate(pattern, flags)
                                                 : detail::Translation{};
    if (!t.ok || !translation.ok) {
        if (error) {
            *error = t.ok ? Error{translation.errorMessage, translation.errorPos, false,
                                  translation.errorKind}
                          : Error{t.errorMessage, t.errorPos, false, t.errorKind};
        }
        return std::nullopt;
    }
    const Seq tree = build(t.result.value(QStringLiteral("tree")).toArray(),
                           t.result.value(QStringLiteral("spans")).toArray(),
                           t.result.value(QStringLiteral("flags")).toInt());
    Analyzer analyzer(tree);
    const std::vector<Candidate> candidates = analyzer.candidates();
    RedosVerdict best;
    if (candidates.empty() && analyzer.searchCandidates().empty()) {
        return best;
    }
    const qint64 width = minWidth(tree);
    Meter meter(translation, cancel);
    if (!meter.ok()) {
        best.complete = false;
        return best;
    }
    // An exponential attack is the worst there is; anything less may hide one that was not
    // found when a measurement could not finish.
    bool complete = true;
    RedosVerdict::Heavy heavy;
    // Where re.match showed no growth, re.search may still have one: each unbounded repeat
    // run from every start of a text of its iterations that never matches (\w+@ on 'a' * n:
    // n^2 in python3, 2.5 s at n = 20,000).
    auto searchScan = [&]() {
        QSet<QString> measured; // prefix, pump and suffix: repeats reached by one text
        for (const Candidate &c : analyzer.searchCandidates()) {
            // The text before the repeat once, or before each iteration (x\w+@ on 'xa' * n:
            // every x starts a run).
            QList<std::pair<QString, QString>> texts;
            for (const QString &pump : analyzer.pumps(*c.loop).mid(0, 2)) {
                texts.append({c.prefix, pump});
                if (!c.prefix.isEmpty()) {
                    texts.append({QString(), c.prefix + pump});
                }
            }
            const QStringList suffixes = analyzer.suffixes(*c.loop);
            for (const auto &[prefix, pump] : texts) {
                int tried = 0;
                for (const QString &suffix : suffixes) {
                    if (meter.exhausted()) {
                        complete = complete && best.kind != RedosVerdict::Kind::Safe;
                        return;
                    }
                    const QString key = prefix + QChar(0) + pump + QChar(0) + suffix;
                    if (measured.contains(key)) {
                        continue;
                    }
                    measured.insert(key);
                    bool matched = false;
                    meter.steps(prefix + pump.repeated(8) + suffix, false, &matched, true,
                                prefix.size() + pump.size() * 8);
                    if (matched) {
                        continue;
                    }
                    // A search that runs to the end from each start takes n^2 / 2 steps at
                    // least (a step per character run over): doubling n up to 1,024 characters
                    // shows it, and a linear one costs little (20 alternatives with a repeat
                    // each used the whole analysis's budget at 4,096).
                    const Growth g =
                        measure(meter, prefix, pump, suffix, false, width, true, 1024);
                    const int degree = int(std::lround(std::min(g.degree, 64.0)));
                    if (g.attack && (g.exponential || degree >= 2)) {
                        RedosVerdict v;
                        v.kind = g.exponential ? RedosVerdict::Kind::Exponential
                                               : RedosVerdict::Kind::Polynomial;
                        v.degree = g.exponential ? 0 : degree;
                        v.searchDegree = v.degree;
                        v.prefix = prefix;
                        v.pump = pump;
                        v.suffix = suffix;
                        v.function = QStringLiteral("search");
                        v.spanStart = c.loop->start;
                        v.spanEnd = c.loop->end;
                        v.steps = g.points;
                        if (worse(v, best)) {
                            best = v;
                        }
                        break;
                    }
                    if (++tried == 2) {
                        break;
                    }
                }
            }
        }
    };
    auto finish = [&]() -> std::optional<RedosVerdict> {
        if (best.kind == RedosVerdict::Kind::Safe && !meter.exhausted()) {
            searchScan();
        }
        if (cancel && cancel->load()) {
            if (error) {
                *error = Error{QStringLiteral("cancelled"), -1, false};
            }
            return std::nullopt;
        }
        best.complete = complete || best.kind == RedosVerdict::Kind::Exponential;
        if (!best.complete) {
            best.gap = heavy.n > 0 ? RedosVerdict::Gap::StepBudget : RedosVerdict::Gap::Time;
            best.heavy = heavy;
        }
        if (best.kind == RedosVerdict::Kind::Polynomial && best.function == QLatin1String("match")
            && !meter.exhausted()) {
            // re.search tries every start position: on a text that no start matches, each
            // one may cost a match's steps again. Measured, as the match was.
            const Growth g =
                measure(meter, best.prefix, best.pump, best.suffix, false, width, true);
            if (g.attack && !g.exponential && !meter.exhausted()) {
                best.searchDegree =
                    std::max(best.degree, int(std::lround(std::min(g.degree, 64.0))));
            }
        }
        return best;
    };
    // re.match first (an attack there holds for search and fullmatch), then fullmatch, where
    // only an exponential attack can be worse than one found for match.
    for (const bool full : {false, true}) {
        for (const Candidate &c : candidates) {
            if (full && best.kind != RedosVerdict::Kind::Safe && !c.exponential) {
                continue;
            }
            bool done = false;
            const QStringList suffixes = analyzer.suffixes(*c.loop);
            for (const QString &pump : analyzer.pumps(*c.loop)) {
                // The first three suffixes with which a short text fails to match.
                QStringList failing;
                for (const QString &suffix : suffixes) {
                    bool matched = false;
                    meter.steps(c.prefix + pump.repeated(8) + suffix, full, &matched);
                    if (!matched) {
                        failing << suffix;
                    }
                    if (failing.size() == 3 || meter.exhausted()) {
                        break;
                    }
                }
                for (const QString &suffix : failing) {
                    if (meter.exhausted()) {
                        if (cancel && cancel->load()) {
                            if (error) {
                                *error = Error{QStringLiteral("cancelled"), -1, false};
                            }
                            return std::nullopt;
                        }
                        complete = false;
                        return finish();
                    }
                    const Growth g = measure(meter, c.prefix, pump, suffix, full, width);
                    if (g.inconclusive) {
                        complete = false;
                    }
                    if (!g.attack && g.over > 0 && heavy.n == 0) {
                        // Past one run's budget and no growth confirmed: what the analysis
                        // says if it cannot conclude.
                        heavy = {c.prefix, pump, suffix, g.over, c.loop->start, c.loop->end};
                    }
                    if (!g.attack) {
                        continue;
                    }
                    RedosVerdict v;
                    // Steps multiplying at each pump are exponential unless a fixed count
                    // bounds them, whatever the structure led to expect (another repeat that
                    // the same text reaches first can be the one that blows up).
                    if (g.exponential && !c.bounded) {
                        v.kind = RedosVerdict::Kind::Exponential;
                    } else {
                        v.kind = RedosVerdict::Kind::Polynomial;
                        v.degree = int(std::lround(std::min(g.degree, 64.0)));
                        if (c.bounded) {
                            // A fixed count over an ambiguous body bounds the degree: steps
                            // growing faster on short texts are its start.
                            v.degree = g.exponential ? c.cap : std::min(v.degree, c.cap);
                        }
                        if (v.degree < 2) {
                            continue;
                        }
                    }
                    v.prefix = c.prefix;
                    v.pump = pump;
                    v.suffix = suffix;
                    v.function = full ? QStringLiteral("fullmatch") : QStringLiteral("match");
                    v.spanStart = c.loop->start;
                    v.spanEnd = c.loop->end;
                    v.steps = g.points;
                    if (worse(v, best)) {
                        best = v;
                    }
                    // A polynomial attack on a repeat that may be exponential: other pumps.
                    done = v.kind == RedosVerdict::Kind::Exponential || !c.exponential;
                    if (done) {
                        break;
                    }
                }
                if (done) {
                    break;
                }
            }
            if (best.kind == RedosVerdict::Kind::Exponential) {
                return finish();
            }
        }
    }
    return finish();
}

QJsonObject redosJson(const RedosVerdict &v)
{
    const bool safe = v.kind == RedosVerdict::Kind::Safe;
    QJsonArray steps;
    for (const RedosVerdict::Point &p : v.steps) {
        steps.append(QJsonArray{p.n, p.steps});
    }
    QJsonValue reason;
    QJsonValue heavy;
    if (!v.complete) {
        reason = v.gap == RedosVerdict::Gap::StepBudget ? QStringLiteral("step_budget")
                                                        : QStringLiteral("time");
    }
    if (!v.complete && v.gap == RedosVerdict::Gap::StepBudget) {
        heavy = QJsonObject{{QStringLiteral("prefix"), v.heavy.prefix},
                            {QStringLiteral("pump"), v.heavy.pump},
                            {QStringLiteral("suffix"), v.heavy.suffix},
                            {QStringLiteral("n"), v.heavy.n},
                            {QStringLiteral("span"),
                             QJsonArray{qint64(v.heavy.spanStart), qint64(v.heavy.spanEnd)}}};
    }
    return QJsonObject{
        {QStringLiteral("verdict"), safe ? (v.complete ? QStringLiteral("safe")
                                                       : QStringLiteral("unknown"))
                                   : v.kind == RedosVerdict::Kind::Exponential
                                       ? QStringLiteral("exponential")
                                       : QStringLiteral("polynomial")},
        {QStringLiteral("degree"),
         v.kind == RedosVerdict::Kind::Polynomial ? QJsonValue(v.degree) : QJsonValue()},
        {QStringLiteral("search_degree"),
         v.kind == RedosVerdict::Kind::Polynomial && v.searchDegree > 0
             ? QJsonValue(v.searchDegree)
             : QJsonValue()},
        {QStringLiteral("reason"), reason},
        {QStringLiteral("heavy"), heavy},
        {QStringLiteral("attack"), safe ? QJsonValue()
                                        : QJsonObject{{QStringLiteral("prefix"), v.prefix},
                                                      {QStringLiteral("pump"), v.pump},
                                                      {QStringLiteral("suffix"), v.suffix}}},
        {QStringLiteral("span"), safe ? QJsonValue()
                                      : QJsonArray{qint64(v.spanStart), qint64(v.spanEnd)}},
        {QStringLiteral("function"), safe ? QJsonValue() : QJsonValue(v.function)},
        {QStringLiteral("steps"), steps},
        {QStringLiteral("complete"), v.complete},
    };
}

QString redosText(const QString &pattern, const RedosVerdict &verdict)
{
    return RedosText::render(pattern, verdict);
}

} // namespace stdlab::re

// sre's matching loop (CPython 3.11, Modules/_sre/sre_lib.h) for the patterns whose repeats
// PCRE2 cannot run as sre does: a backtracking machine with an explicit stack of choice points
// and an undo log for the capture marks and the repeat contexts (count, last_ptr), so that
// backtracking restores both as sre's MARK_PUSH/MARK_POP and DATA_PUSH/DATA_POP do. Characters,
// sets and anchors are PCRE2 fragments written by the translator. A subject holding a lone
// surrogate runs as code points (32-bit PCRE2 fragments without UTF), as a Python str is.
#include "regex/sreengine.h"

#include "common/pyrepr.h"
#include "regex/pytranslate.h"

#define PCRE2_CODE_UNIT_WIDTH 16
#include <pcre2.h>

#include <QChar>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <new>
#include <type_traits>

namespace stdlab::re::detail {

struct SreEngine::Fragment
{
    pcre2_code_16 *code = nullptr; // UTF-16 engines
    pcre2_code_32 *code32 = nullptr; // code-point engines
    bool jit = false;
    quint8 kind = 0; // SreProgram::fragmentKinds
    std::u16string literal;
    std::u32string literal32;
    // One character's fragment: its result for each BMP character, 2 bits each (0 not known
    // yet, 1 no, 2 yes), filled as met; shared by the threads matching (relaxed atomics).
    mutable std::unique_ptr<std::atomic<quint8>[]> known;

    const auto &text(const char16_t *) const { return literal; }
    const auto &text(const char32_t *) const { return literal32; }
};

namespace {

using Op = SreProgram::Op;
using Inst = SreProgram::Inst;

constexpr quint64 kNoLimit = 4294967295ULL; // sre's MAXREPEAT
// Choice points and undo entries one call may keep (about 32 bytes each).
constexpr size_t kMaxStack = size_t(8) << 20;
constexpr quint64 kPollEvery = 4096;

// A stack of trivially copyable values for the matching loop's choice points, undo log and mark
// snapshots: pushes inline, growth out of line. As std::vectors, the pushes (not inlined) and the
// snapshots' memmove calls took 30% of the seed-202 case's time.
template <typename T>
class Stack
{
    static_assert(std::is_trivially_copyable_v<T>);

public:
    Stack() = default;
    ~Stack() { std::free(m_data); }
    Stack(const Stack &) = delete;
    Stack &operator=(const Stack &) = delete;

    size_t size() const { return m_size; }
    void clear() { m_size = 0; }
    T &operator[](size_t i) { return m_data[i]; }
    const T &back() const { return m_data[m_size - 1]; }
    void pop_back() { --m_size; }
    /// Drops the values from @p n on (never grows).
    void resize(size_t n) { m_size = std::min(m_size, n); }
    Q_ALWAYS_INLINE void push_back(const T &v)
    {
        if (m_size == m_capacity) {
            grow(m_size + 1);
        }
        m_data[m_size++] = v;
    }
    Q_ALWAYS_INLINE void append(const T *first, const T *last)
    {
        const size_t n = size_t(last - first);
        if (m_size + n > m_capacity) {
            grow(m_size + n);
        }
        for (size_t i = 0; i < n; ++i) { // a few marks: a loop, not a memmove call
            m_data[m_size + i] = first[i];
        }
        m_size += n;
    }
    const T *at(size_t i) const { return m_data + i; }

private:
    Q_DECL_COLD_FUNCTION void grow(size_t needed)
    {
        const size_t capacity = std::max<size_t>({needed, 2 * m_capacity, 64});
        void *p = std::realloc(m_data, capacity * sizeof(T));
        if (!p) {
            throw std::bad_alloc();
        }
        m_data = static_cast<T *>(p);
        m_capacity = capacity;
    }

    T *m_data = nullptr;
    size_t m_size = 0;
    size_t m_capacity = 0;
};

inline bool isHigh(char16_t c)
{
    return (c & 0xFC00) == 0xD800;
}

inline bool isLow(char16_t c)
{
    return (c & 0xFC00) == 0xDC00;
}

// Char is char16_t (UTF-16, pairs are one character) or char32_t (code points: a lone
// surrogate is a character like any other, as in a Python str).
template <typename Char>
class Matcher
{
    static constexpr bool kUtf16 = sizeof(Char) == 2;
    using MatchData = std::conditional_t<kUtf16, pcre2_match_data_16, pcre2_match_data_32>;

public:
    /// Whether the one-character fragment @p fragment matches at @p pos (search()'s start set).
    bool allows(int fragment, size_t pos)
    {
        size_t end = 0;
        return leaf(fragment, pos, &end);
    }

    Matcher(const SreProgram &program, const SreEngine::Fragment *fragments,
            const Char *subject, size_t length, size_t start, uint32_t options,
            quint64 stepLimit, const std::function<int()> &poll)
        : m_p(program),
          m_fragments(fragments),
          m_s(subject),
          m_end(length),
          m_start(start),
          m_endAnchored(options & PCRE2_ENDANCHORED),
          m_notEmptyAtStart(options & PCRE2_NOTEMPTY_ATSTART),
          m_stepLimit(stepLimit),
          m_poll(poll),
          m_lastBase(size_t(program.repeats)),
          m_prevBase(2 * size_t(program.repeats)),
          m_current(3 * size_t(program.repeats))
    {
        m_regs.resize(m_current + 1);
        m_marks.resize(2 * size_t(program.groups));
        if constexpr (kUtf16) {
            m_md = pcre2_match_data_create_16(4, nullptr);
        } else {
            m_md = pcre2_match_data_create_32(4, nullptr);
        }
    }
    ~Matcher()
    {
        if constexpr (kUtf16) {
            pcre2_match_data_free_16(m_md);
        } else {
            pcre2_match_data_free_32(m_md);
        }
    }
    Matcher(const Matcher &) = delete;
    Matcher &operator=(const Matcher &) = delete;

    int error() const { return m_error; }

    // One attempt at @p at (sre's RESET_CAPTURE_GROUP, then SRE(match)).
    bool attempt(size_t at, size_t *end)
    {
        std::fill(m_regs.begin(), m_regs.end(), -1);
        std::fill(m_marks.begin(), m_marks.end(), -1);
        m_lastmark = -1;
        m_undo.clear();
        m_bt.clear();
        m_snaps.clear();
        m_matchStart = at;
        return run(0, at, 0, end);
    }
    // Group g's span as the match object reads it, or false.
    bool span(int g, size_t *s, size_t *e) const
    {
        const int i = 2 * (g - 1);
        if (i + 1 > m_lastmark || m_marks[size_t(i)] < 0 || m_marks[size_t(i + 1)] < 0) {
            return false;
        }
        *s = size_t(m_marks[size_t(i)]);
        *e = size_t(m_marks[size_t(i + 1)]);
        return true;
    }

private:
    enum class Kind : quint8 { Alt, Restore, Tail, LazyMore, GreedyOne, LazyOne };
    // A choice point. Restoring it restores the repeat contexts (undo log), the lastmark as
    // LASTMARK_RESTORE does and, when sre did MARK_PUSH there, the marks as MARK_POP does.
    struct Choice
    {
        Kind kind;
        bool snap;
        int pc;
        size_t pos;
        size_t undo;
        size_t snapAt;
        int lastmark;
        quint64 count;
    };

    Q_ALWAYS_INLINE void set(size_t slot, qint64 value)
    {
        m_undo.push_back(Undo{slot, m_regs[slot]});
        m_regs[slot] = value;
    }
    Q_ALWAYS_INLINE void undo(size_t mark)
    {
        while (m_undo.size() > mark) {
            m_regs[m_undo.back().slot] = m_undo.back().value;
            m_undo.pop_back();
        }
    }
    bool inRepeat() const { return m_regs[m_current] >= 0; }
    Q_ALWAYS_INLINE void push(Kind kind, bool snap, int pc, size_t pos, quint64 count = 0)
    {
        m_bt.push_back(
            Choice{kind, snap, pc, pos, m_undo.size(), m_snaps.size(), m_lastmark, count});
        if (snap) {
            m_snaps.append(m_marks.data(), m_marks.data() + (m_lastmark + 1));
        }
    }
    // Drops the choice points above @p base (an atomic body's).
    void cut(size_t base)
    {
        if (m_bt.size() > base) {
            m_snaps.resize(m_bt[base].snapAt);
            m_bt.resize(base);
        }
    }
    Q_ALWAYS_INLINE void restore(const Choice &c)
    {
        undo(c.undo);
        if (c.snap) {
            const qint64 *saved = m_snaps.at(c.snapAt);
            for (int i = 0; i <= c.lastmark; ++i) {
                m_marks[size_t(i)] = saved[i];
            }
        }
        m_snaps.resize(c.snapAt);
        m_lastmark = c.lastmark;
    }
    // sre's MARK.
    Q_ALWAYS_INLINE void mark(int i, size_t pos)
    {
        if (i > m_lastmark) {
            for (int j = m_lastmark + 1; j < i; ++j) {
                m_marks[size_t(j)] = -1;
            }
            m_lastmark = i;
        }
        m_marks[size_t(i)] = qint64(pos);
    }
    // GROUPREF's and GROUPREF_EXISTS's test.
    bool groupSet(int g) const
    {
        const int i = 2 * (g - 1);
        if (i >= m_lastmark) {
            return false;
        }
        const qint64 s = m_marks[size_t(i)];
        const qint64 e = m_marks[size_t(i + 1)];
        return s >= 0 && e >= 0 && e >= s;
    }

    size_t stepBack(size_t pos) const
    {
        if (kUtf16 && pos >= 2 && isLow(m_s[pos - 1]) && isHigh(m_s[pos - 2])) {
            return pos - 2;
        }
        return pos - 1;
    }
    char32_t next(size_t &i) const
    {
        const Char c = m_s[i++];
        if (kUtf16 && isHigh(c) && i < m_end && isLow(m_s[i])) {
            return QChar::surrogateToUcs4(c, m_s[i++]);
        }
        return c;
    }

    bool leaf(int fragment, size_t pos, size_t *end)
    {
        const SreEngine::Fragment &f = m_fragments[fragment];
        if (f.kind == 2) {
            const auto &literal = f.text(m_s);
            const size_t n = literal.size();
            if (n > m_end - pos || literal.compare(0, n, m_s + pos, n) != 0) {
                return false;
            }
            *end = pos + n;
            return true;
        }
        if (f.kind == 1) {
            if (pos >= m_end) {
                return false;
            }
            const char32_t c = m_s[pos];
            if (kUtf16 ? !isHigh(char16_t(c)) && !isLow(char16_t(c)) : c < 0x10000) {
                std::atomic<quint8> &cell = f.known[c >> 2];
                const int shift = (c & 3) * 2;
                const int state = (cell.load(std::memory_order_relaxed) >> shift) & 3;
                if (state == 0) {
                    const bool yes = pcreLeaf(f, pos, end);
                    if (m_error) {
                        return false;
                    }
                    cell.fetch_or(quint8((yes ? 2 : 1) << shift), std::memory_order_relaxed);
                    return yes;
                }
                *end = pos + 1;
                return state == 2;
            }
        }
        return pcreLeaf(f, pos, end);
    }

    bool pcreLeaf(const SreEngine::Fragment &f, size_t pos, size_t *end)
    {
        int rc = 0;
        if constexpr (kUtf16) {
            const auto *s = reinterpret_cast<PCRE2_SPTR16>(m_s);
            rc = f.jit ? pcre2_jit_match_16(f.code, s, m_end, pos, 0, m_md, nullptr)
                       : pcre2_match_16(f.code, s, m_end, pos, PCRE2_NO_UTF_CHECK, m_md, nullptr);
        } else {
            const auto *s = reinterpret_cast<PCRE2_SPTR32>(m_s);
            rc = f.jit ? pcre2_jit_match_32(f.code32, s, m_end, pos, 0, m_md, nullptr)
                       : pcre2_match_32(f.code32, s, m_end, pos, 0, m_md, nullptr);
        }
        if (rc >= 0) {
            if constexpr (kUtf16) {
                *end = pcre2_get_ovector_pointer_16(m_md)[1];
            } else {
                *end = pcre2_get_ovector_pointer_32(m_md)[1];
            }
            return true;
        }
        if (rc != PCRE2_ERROR_NOMATCH) {
            m_error = rc;
        }
        return false;
    }

    // GROUPREF, GROUPREF_UNI_IGNORE (lower() of each character) and GROUPREF_IGNORE (ASCII).
    bool backref(const Inst &in, size_t pos, size_t *end) const
    {
        if (!groupSet(in.a)) {
            return false;
        }
        size_t i = size_t(m_marks[size_t(2 * (in.a - 1))]);
        const size_t e = size_t(m_marks[size_t(2 * (in.a - 1) + 1)]);
        size_t j = pos;
        if (in.mode == 0) {
            if (e - i > m_end - j) {
                return false;
            }
            for (; i < e; ++i, ++j) {
                if (m_s[i] != m_s[j]) {
                    return false;
                }
            }
            *end = j;
            return true;
        }
        while (i < e) {
            if (j >= m_end) {
                return false;
            }
            const char32_t a = next(i);
            const char32_t b = next(j);
            if (a == b) {
                continue;
            }
            if (in.mode == 2) {
                if (a >= 0x80 || b >= 0x80 || (a | 0x20) != (b | 0x20) || !std::isalpha(int(a))) {
                    return false;
                }
            } else if (sreLower(a) != sreLower(b)) {
                return false;
            }
        }
        *end = j;
        return true;
    }

    // A body run on its own (DO_JUMP0: ATOMIC_GROUP, POSSESSIVE_REPEAT, ASSERT): its first
    // success, without its choice points; its marks stay.
    bool sub(int pc, size_t pos, int level, size_t *end)
    {
        const size_t base = m_bt.size();
        if (!run(pc, pos, level + 1, end)) {
            return false;
        }
        cut(base);
        return true;
    }

    Q_ALWAYS_INLINE bool tick()
    {
        ++m_steps;
        if (m_steps % kPollEvery == 0) {
            if (m_steps > m_stepLimit || m_bt.size() > kMaxStack || m_undo.size() > kMaxStack
                || m_snaps.size() > kMaxStack) {
                m_error = PCRE2_ERROR_MATCHLIMIT;
                return false;
            }
            if (m_poll) {
                if (const int rc = m_poll()) {
                    m_error = rc;
                    return false;
                }
            }
        }
        return true;
    }

    bool run(int pc, size_t pos, int level, size_t *end)
    {
        const size_t base = m_bt.size();
        const size_t undoBase = m_undo.size();
        while (true) {
            if (!tick()) {
                return false;
            }
            const Inst &in = m_p.code[size_t(pc)];
            bool ok = true;
            switch (in.op) {
            case Op::Leaf: {
                size_t e = 0;
                if (leaf(in.a, pos, &e)) {
                    pos = e;
                    ++pc;
                } else {
                    ok = false;
                }
                break;
            }
            case Op::Simple:
                ok = simple(in, pc, pos);
                ++pc;
                break;
            case Op::Split:
                // BRANCH: LASTMARK_SAVE, and MARK_PUSH inside a repeat.
                // A restore of the lastmark alone before failing is redundant: the choice point
                // the failure reaches restores its own.
                if (in.b >= 0 || inRepeat()) {
                    push(in.b < 0 ? Kind::Restore : Kind::Alt, inRepeat(), in.b, pos);
                }
                pc = in.a;
                break;
            case Op::Jmp:
                pc = in.a;
                break;
            case Op::Save:
                mark(in.a, pos);
                ++pc;
                break;
            case Op::Repeat:
                set(m_prevBase + size_t(in.a), m_regs[m_current]);
                set(m_current, in.a);
                set(size_t(in.a), 0);
                set(m_lastBase + size_t(in.a), -1);
                pc = in.b;
                break;
            case Op::Until: {
                const size_t countSlot = size_t(in.a);
                const size_t lastSlot = m_lastBase + size_t(in.a);
                const quint64 count = quint64(m_regs[countSlot]);
                if (count < in.min) {
                    set(countSlot, qint64(count + 1));
                    pc = in.c;
                } else if (in.mode == 1) {
                    // MIN_UNTIL: the tail first (MARK_PUSH if the outer repeat exists), then on
                    // backtracking one more iteration.
                    const qint64 prev = m_regs[m_prevBase + size_t(in.a)];
                    push(Kind::LazyMore, prev >= 0, pc, pos);
                    set(m_current, prev);
                    pc = in.b;
                } else if ((in.max == kNoLimit || count < in.max)
                           && qint64(pos) != m_regs[lastSlot]) {
                    // MAX_UNTIL: one more iteration (LASTMARK_SAVE, MARK_PUSH), else the tail.
                    push(Kind::Tail, true, pc, pos);
                    set(countSlot, qint64(count + 1));
                    set(lastSlot, qint64(pos));
                    pc = in.c;
                } else {
                    set(m_current, m_regs[m_prevBase + size_t(in.a)]);
                    pc = in.b;
                }
                break;
            }
            case Op::Possessive:
                ok = possessive(in, level, pos);
                pc = in.b;
                break;
            case Op::Atomic: {
                size_t e = 0;
                if (sub(in.c, pos, level, &e)) {
                    pos = e;
                    pc = in.b;
                } else {
                    ok = false;
                }
                break;
            }
            case Op::Assert:
                ok = assertion(in, level, pos);
                pc = in.b;
                break;
            case Op::Ref: {
                size_t e = 0;
                if (backref(in, pos, &e)) {
                    pos = e;
                    ++pc;
                } else {
                    ok = false;
                }
                break;
            }
            case Op::CondRef:
                pc = groupSet(in.a) ? pc + 1 : in.b;
                break;
            case Op::Succeed:
                if (level == 0
                    && ((m_endAnchored && pos != m_end)
                        || (m_notEmptyAtStart && pos == m_start && m_matchStart == m_start))) {
                    ok = false;
                    break;
                }
                *end = pos;
                return true;
            }
            if (m_error) {
                return false;
            }
            if (ok) {
                continue;
            }
            // Backtrack to the latest choice point of this run.
            bool resumed = false;
            while (!resumed) {
                if (m_bt.size() == base) {
                    undo(undoBase);
                    return false;
                }
                const Choice c = m_bt.back();
                m_bt.pop_back();
                restore(c);
                resumed = resume(c, &pc, &pos);
                if (m_error) {
                    return false;
                }
            }
        }
    }

    // POSSESSIVE_REPEAT: each iteration on its own; the optional ones while the last one was
    // not empty, each with LASTMARK_SAVE/MARK_PUSH and, when it fails, MARK_POP/LASTMARK_RESTORE.
    bool possessive(const Inst &in, int level, size_t &pos)
    {
        size_t p = pos;
        quint64 count = 0;
        size_t e = 0;
        while (count < in.min) {
            if (!sub(in.c, p, level, &e)) {
                return false;
            }
            p = e;
            ++count;
        }
        qint64 lastStart = -1;
        while ((in.max == kNoLimit || count < in.max) && qint64(p) != lastStart) {
            lastStart = qint64(p);
            const size_t base = m_bt.size();
            push(Kind::Alt, true, 0, p);
            if (!sub(in.c, p, level, &e)) {
                if (m_error) {
                    return false;
                }
                const Choice c = m_bt.back();
                m_bt.pop_back();
                restore(c);
                break;
            }
            cut(base);
            p = e;
            ++count;
        }
        pos = p;
        return true;
    }

    // ASSERT and ASSERT_NOT (look-behinds step back their width first).
    bool assertion(const Inst &in, int level, size_t pos)
    {
        const bool negative = in.mode & 1;
        size_t from = pos;
        if (in.mode & 2) {
            for (quint64 n = 0; n < in.min; ++n) {
                if (from == 0) {
                    return negative;
                }
                from = stepBack(from);
            }
        }
        size_t e = 0;
        if (!negative) {
            return sub(in.c, from, level, &e);
        }
        const size_t base = m_bt.size();
        push(Kind::Alt, inRepeat(), 0, from);
        if (sub(in.c, from, level, &e)) {
            cut(base); // MARK_POP_DISCARD: what the body set stays
            return false;
        }
        if (m_error) {
            return false;
        }
        const Choice c = m_bt.back();
        m_bt.pop_back();
        restore(c);
        return true;
    }

    // REPEAT_ONE, MIN_REPEAT_ONE and POSSESSIVE_REPEAT_ONE of a one-character fragment.
    bool simple(const Inst &in, int pc, size_t &pos)
    {
        size_t p = pos;
        quint64 count = 0;
        size_t e = 0;
        const quint64 first = in.mode == 1 ? in.min : in.max;
        while ((first == kNoLimit || count < first) && leaf(in.a, p, &e)) {
            p = e;
            ++count;
        }
        if (count < in.min || m_error) {
            return false;
        }
        if (in.mode == 0 && (count > in.min || inRepeat())) {
            push(Kind::GreedyOne, inRepeat(), pc, p, count);
        } else if (in.mode == 1) {
            push(Kind::LazyOne, inRepeat(), pc, p, count);
        }
        pos = p;
        return true;
    }

    bool resume(const Choice &c, int *pc, size_t *pos)
    {
        if (c.kind == Kind::Restore) {
            return false;
        }
        const Inst &in = m_p.code[size_t(c.pc)];
        switch (c.kind) {
        case Kind::Restore:
            return false;
        case Kind::Alt:
            *pc = c.pc;
            *pos = c.pos;
            return true;
        case Kind::Tail:
            set(m_current, m_regs[m_prevBase + size_t(in.a)]);
            *pc = in.b;
            *pos = c.pos;
            return true;
        case Kind::LazyMore: {
            const size_t countSlot = size_t(in.a);
            const size_t lastSlot = m_lastBase + size_t(in.a);
            const quint64 count = quint64(m_regs[countSlot]);
            if ((in.max != kNoLimit && count >= in.max) || qint64(c.pos) == m_regs[lastSlot]) {
                return false;
            }
            set(countSlot, qint64(count + 1));
            set(lastSlot, qint64(c.pos));
            *pc = in.c;
            *pos = c.pos;
            return true;
        }
        case Kind::GreedyOne: {
            if (c.count <= in.min) {
                return false;
            }
            const size_t p = stepBack(c.pos);
            if (c.count - 1 > in.min || c.snap) {
                push(Kind::GreedyOne, c.snap, c.pc, p, c.count - 1);
            }
            *pc = c.pc + 1;
            *pos = p;
            return true;
        }
        case Kind::LazyOne: {
            size_t e = 0;
            if ((in.max != kNoLimit && c.count >= in.max) || !leaf(in.a, c.pos, &e)) {
                return false;
            }
            push(Kind::LazyOne, c.snap, c.pc, e, c.count + 1);
            *pc = c.pc + 1;
            *pos = e;
            return true;
        }
        }
        return false;
    }

    const SreProgram &m_p;
    const SreEngine::Fragment *m_fragments;
    const Char *m_s;
    size_t m_end;
    size_t m_start;
    bool m_endAnchored;
    bool m_notEmptyAtStart;
    quint64 m_stepLimit;
    const std::function<int()> &m_poll;
    // m_regs: each repeat's count [0, n), last_ptr [n, 2n), enclosing repeat [2n, 3n), and the
    // current repeat (state->repeat) at 3n; -1 for none.
    size_t m_lastBase;
    size_t m_prevBase;
    size_t m_current;
    size_t m_matchStart = 0;
    quint64 m_steps = 0;
    int m_error = 0;
    int m_lastmark = -1;
    std::vector<qint64> m_regs;
    std::vector<qint64> m_marks;
    struct Undo
    {
        size_t slot;
        qint64 value;
    };
    Stack<Undo> m_undo;
    Stack<Choice> m_bt;
    Stack<qint64> m_snaps;
    MatchData *m_md = nullptr;
};

template <typename Char>
int matchWith(const SreProgram &program, const SreEngine::Fragment *fragments, const Char *subject,
              size_t length, size_t start, uint32_t options, size_t *ovector, uint32_t pairs,
              quint64 stepLimit, const std::function<int()> &poll)
{
    Matcher<Char> m(program, fragments, subject, length, start, options, stepLimit, poll);
    // search() starts only where sre's INFO set allows (SreProgram::startFilter).
    const int filter = (options & PCRE2_ANCHORED) ? -1 : program.startFilter;
    for (size_t at = start; at <= length;) {
        size_t end = 0;
        if (filter >= 0 && (at == length || !m.allows(filter, at))) {
            if (at == length) {
                break;
            }
            const bool pair = sizeof(Char) == 2 && isHigh(char16_t(subject[at]))
                && at + 1 < length && isLow(char16_t(subject[at + 1]));
            at += pair ? 2 : 1;
            continue;
        }
        if (m.attempt(at, &end)) {
            ovector[0] = at;
            ovector[1] = end;
            int top = 1;
            for (uint32_t g = 1; g < pairs; ++g) {
                size_t s = 0;
                size_t e = 0;
                const bool set = g <= uint32_t(program.groups) && m.span(int(g), &s, &e);
                ovector[2 * g] = set ? s : PCRE2_UNSET;
                ovector[2 * g + 1] = set ? e : PCRE2_UNSET;
                if (set) {
                    top = int(g) + 1;
                }
            }
            return top;
        }
        if (m.error()) {
            return m.error();
        }
        if ((options & PCRE2_ANCHORED) || at == length) {
            break;
        }
        const bool pair = sizeof(Char) == 2 && isHigh(char16_t(subject[at])) && at + 1 < length
            && isLow(char16_t(subject[at + 1]));
        at += pair ? 2 : 1;
    }
    return PCRE2_ERROR_NOMATCH;
}

} // namespace

std::unique_ptr<SreEngine> SreEngine::create(std::shared_ptr<const SreProgram> program,
                                             uint32_t compileOptions, int *errorCode,
                                             bool codePoints)
{
    std::unique_ptr<SreEngine> engine(new SreEngine());
    engine->m_codePoints = codePoints;
    engine->m_fragments.resize(program->fragments.size());
    if (codePoints) {
        compileOptions &= ~uint32_t(PCRE2_UTF | PCRE2_NO_UTF_CHECK);
    }
    pcre2_compile_context_16 *cctx = pcre2_compile_context_create_16(nullptr);
    pcre2_compile_context_32 *cctx32 = pcre2_compile_context_create_32(nullptr);
    pcre2_set_newline_16(cctx, PCRE2_NEWLINE_LF);
    pcre2_set_bsr_16(cctx, PCRE2_BSR_UNICODE);
    pcre2_set_newline_32(cctx32, PCRE2_NEWLINE_LF);
    pcre2_set_bsr_32(cctx32, PCRE2_BSR_UNICODE);
    bool ok = true;
    for (size_t i = 0; i < program->fragments.size() && ok; ++i) {
        const std::u16string &text = program->fragments[i];
        PCRE2_SIZE errorOffset = 0;
        Fragment &f = engine->m_fragments[i];
        if (codePoints) {
            const std::u32string wide = py::codePoints(QStringView(text));
            f.code32 = pcre2_compile_32(reinterpret_cast<PCRE2_SPTR32>(wide.data()), wide.size(),
                                        compileOptions | PCRE2_ANCHORED, errorCode,
                                        &errorOffset, cctx32);
            ok = f.code32;
            f.jit = ok && pcre2_jit_compile_32(f.code32, PCRE2_JIT_COMPLETE) == 0;
        } else {
            f.code = pcre2_compile_16(reinterpret_cast<PCRE2_SPTR16>(text.data()), text.size(),
                                      compileOptions | PCRE2_ANCHORED, errorCode, &errorOffset,
                                      cctx);
            ok = f.code;
            f.jit = ok && pcre2_jit_compile_16(f.code, PCRE2_JIT_COMPLETE) == 0;
        }
        f.kind = program->fragmentKinds[i];
        f.literal = program->literals[i];
        f.literal32 = py::codePoints(QStringView(f.literal));
        if (f.kind == 1) {
            f.known = std::make_unique<std::atomic<quint8>[]>(0x10000 / 4);
        }
    }
    pcre2_compile_context_free_16(cctx);
    pcre2_compile_context_free_32(cctx32);
    if (!ok) {
        return nullptr;
    }
    engine->m_program = std::move(program);
    return engine;
}

SreEngine::~SreEngine()
{
    for (Fragment &f : m_fragments) {
        pcre2_code_free_16(f.code);
        pcre2_code_free_32(f.code32);
    }
}

int SreEngine::match(const char16_t *subject, size_t length, size_t start, uint32_t options,
                     size_t *ovector, uint32_t pairs, quint64 stepLimit,
                     const std::function<int()> &poll) const
{
    Q_ASSERT(!m_codePoints);
    return matchWith(*m_program, m_fragments.data(), subject, length, start, options, ovector,
                     pairs, stepLimit, poll);
}

int SreEngine::match(const char32_t *subject, size_t length, size_t start, uint32_t options,
                     size_t *ovector, uint32_t pairs, quint64 stepLimit,
                     const std::function<int()> &poll) const
{
    Q_ASSERT(m_codePoints);
    return matchWith(*m_program, m_fragments.data(), subject, length, start, options, ovector,
                     pairs, stepLimit, poll);
}

} // namespace stdlab::re::detail

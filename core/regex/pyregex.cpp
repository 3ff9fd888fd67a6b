#include "regex/pyregex.h"

#include "common/bytesink.h"
#include "common/pyrepr.h"
#include "regex/pytranslate.h"
#include "regex/sreengine.h"

// 16-bit PCRE2 matches QString's UTF-16 directly; patterns too large for its 16-bit links
// (LINK_SIZE 2 in Debian's build: 64 Ki code units of compiled pattern) go to 32-bit PCRE2,
// whose links are always 32-bit, on a UTF-32 copy of the text.
#define PCRE2_CODE_UNIT_WIDTH 0
#include <pcre2.h>

#include <QJsonArray>

#include <unicode/uchar.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <limits>
#include <mutex>
#include <type_traits>

#include <ctime>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace stdlab::re {

namespace {

constexpr qsizetype kIndexStep = 256;
// Start positions tried per pcre2_match call when the caller can cancel (UTF-16 units).
constexpr qsizetype kWindow = 256 * 1024;
// Backtracking budget of one pcre2_match call: enough for any sane pattern on a huge text,
// small enough that a catastrophic pattern stops in well under a second.
constexpr quint64 kBaseMatchLimit = 40'000'000;
constexpr quint64 kMatchLimitPerUnit = 20;
// sre's program under a request's CPU budget: that many times the steps above.
constexpr quint64 kBudgetedStepsFactor = 16;
// Budget of the first, un-windowed try of a cancellable search.
constexpr quint64 kSliceMatchLimit = 1'000'000;
// A request (a search, or a whole findall/sub/split) has a CPU-time budget scaled to its text,
// on top of each call's match limit above: findall gave every match a fresh match limit (1,000
// calls of 28 ms on ('a'*22+'c')*1000 with (a+)+b|c), and the JIT does not count the
// backtracking of single-character loops at all ((.*a){20} on 'a'*19 + 'b'*30000 ran 18 s
// within any match limit). The budget is looked at after each call and, through a callout the
// writer puts in repeated groups of variable width, every 256 of their iterations. CPU time,
// not wall time, so that a busy machine does not stop linear work. (The JIT's step counts do
// not measure time either: a split on a 14-character text took 4-33 million of them per call.)
constexpr qint64 kCpuBaseNs = 500'000'000;
constexpr qint64 kCpuPerMiUnitNs = 500'000'000;
// The CPU clock is a system call: it is read when the coarse wall clock moved this much.
constexpr qint64 kCheckEveryNs = 10'000'000;

qint64 clockNs(clockid_t clock)
{
    timespec ts{};
    clock_gettime(clock, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// What one request may spend.
struct Budget
{
    Budget(qsizetype units, const std::atomic<bool> *cancelFlag)
        : deadlineNs(clockNs(CLOCK_THREAD_CPUTIME_ID) + kCpuBaseNs
                     + kCpuPerMiUnitNs * qint64(std::max<qsizetype>(0, units)) / (1 << 20)),
          lastCheckNs(clockNs(CLOCK_MONOTONIC_COARSE)),
          cancel(cancelFlag)
    {
    }
    /// True once the request has used its CPU time (read at most every kCheckEveryNs).
    bool expired()
    {
        if (!timedOut) {
            const qint64 now = clockNs(CLOCK_MONOTONIC_COARSE);
            if (now - lastCheckNs >= kCheckEveryNs) {
                lastCheckNs = now;
                timedOut = clockNs(CLOCK_THREAD_CPUTIME_ID) > deadlineNs;
            }
        }
        return timedOut;
    }
    qint64 deadlineNs;
    qint64 lastCheckNs;
    const std::atomic<bool> *cancel;
    quint32 ticks = 0;
    bool cancelled = false;
    bool timedOut = false;
};

inline bool isLow(char16_t c)
{
    return (c & 0xFC00) == 0xDC00;
}

inline bool isHigh(char16_t c)
{
    return (c & 0xFC00) == 0xD800;
}

#ifdef __SSE2__
// Horizontal sum of eight 16-bit lane counters.
inline qsizetype laneSum(__m128i counters)
{
    const __m128i pairs = _mm_madd_epi16(counters, _mm_set1_epi16(1));
    alignas(16) int32_t parts[4];
    _mm_store_si128(reinterpret_cast<__m128i *>(parts), pairs);
    return qsizetype(parts[0]) + parts[1] + parts[2] + parts[3];
}
// Lanes of @p v that are a high (resp. low) surrogate, as 0xFFFF.
inline __m128i surrogateLanes(__m128i v, short kind)
{
    return _mm_cmpeq_epi16(_mm_and_si128(v, _mm_set1_epi16(short(0xFC00))), _mm_set1_epi16(kind));
}
// Lane counters are flushed before they could overflow.
constexpr qsizetype kFlushUnits = 8 * 4096;
#endif

// Low surrogates in data[from, to): how far code points and UTF-16 offsets drift apart.
qsizetype countLow(const char16_t *data, qsizetype from, qsizetype to)
{
    qsizetype n = 0;
    qsizetype i = from;
#ifdef __SSE2__
    while (to - i >= 8) {
        const qsizetype stop = i + std::min(to - i, kFlushUnits) / 8 * 8;
        __m128i counters = _mm_setzero_si128();
        for (; i < stop; i += 8) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(data + i));
            counters = _mm_sub_epi16(counters, surrogateLanes(v, short(0xDC00)));
        }
        n += laneSum(counters);
    }
#endif
    for (; i < to; ++i) {
        n += isLow(data[i]) ? 1 : 0;
    }
    return n;
}

// One pass over UTF-16 text: its low surrogates, and whether some surrogate is unpaired (a
// high one not followed by a low one, or a low one not preceded by a high one).
struct Utf16Scan
{
    qsizetype lows = 0;
    bool illFormed = false;
};

Utf16Scan scanUtf16(const char16_t *d, qsizetype n)
{
    Utf16Scan r;
    if (n == 0) {
        return r;
    }
    // Well-formed <=> d[0] is no low surrogate, d[n-1] no high one, and for every i < n-1:
    // d[i] is high exactly when d[i+1] is low.
    r.illFormed = isLow(d[0]) || isHigh(d[n - 1]);
    r.lows = isLow(d[0]) ? 1 : 0;
    qsizetype i = 0;
#ifdef __SSE2__
    const qsizetype vectorEnd = (n - 1) / 8 * 8; // reads up to d[vectorEnd] <= d[n-1]
    __m128i mismatch = _mm_setzero_si128();
    while (i < vectorEnd) {
        const qsizetype stop = i + std::min(vectorEnd - i, kFlushUnits);
        __m128i counters = _mm_setzero_si128();
        for (; i < stop; i += 8) {
            const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i *>(d + i));
            const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i *>(d + i + 1));
            const __m128i lowNext = surrogateLanes(b, short(0xDC00));
            mismatch = _mm_or_si128(mismatch,
                                    _mm_xor_si128(surrogateLanes(a, short(0xD800)), lowNext));
            counters = _mm_sub_epi16(counters, lowNext);
        }
        r.lows += laneSum(counters);
    }
    r.illFormed = r.illFormed || _mm_movemask_epi8(mismatch) != 0;
#endif
    for (; i < n - 1; ++i) {
        const bool lowNext = isLow(d[i + 1]);
        r.illFormed = r.illFormed || isHigh(d[i]) != lowNext;
        r.lows += lowNext ? 1 : 0;
    }
    return r;
}

// The callouts the translation writes: (?C1), the CPU-time budget; (?C"w<width>") and
// (?C"v<width>"), the room a wide look-behind needs; and the one after an IGNORECASE
// back-reference, (?C"u<group>") or (?C"a<group>") (ASCII):
// PCRE2 matched the group's text with its case folding, a superset of sre's rule; sre's
// GROUPREF_UNI_IGNORE / GROUPREF_IGNORE want lower(x) == lower(y) for each character, so the
// callout fails (backtracks) when some pair differs (s and U+017F, sigma and final sigma).
// One function for 16-bit PCRE2 (UTF-16) and 32-bit PCRE2 (one code point per unit: the huge
// patterns' code and the lone-surrogate code).
template <typename Block>
int sreCallout(Block *block, void *data)
{
    using Unit = std::remove_cv_t<std::remove_pointer_t<decltype(block->subject)>>;
    constexpr bool utf16 = sizeof(Unit) == 2;
    const auto str = block->callout_string;
    if (!str) {
        // (?C1) at each iteration of a repeated group of variable width: the request's CPU
        // time and the cancel flag, looked at every 256 iterations.
        auto *budget = static_cast<Budget *>(data);
        if (!budget || (++budget->ticks & 255) != 0) {
            return 0;
        }
        if (budget->cancel && budget->cancel->load(std::memory_order_relaxed)) {
            budget->cancelled = true;
            return PCRE2_ERROR_CALLOUT;
        }
        return budget->expired() ? PCRE2_ERROR_MATCHLIMIT : 0;
    }
    if (block->callout_string_length < 2) {
        return 0;
    }
    quint64 number = 0;
    for (PCRE2_SIZE i = 1; i < block->callout_string_length; ++i) {
        number = number * 10 + quint64(str[i] - '0');
    }
    if (str[0] == 'w' || str[0] == 'v') {
        // (?C"w<width>") before a look-behind wider than 65535 (see pytranslate.cpp): fewer
        // units than the width before this position means fewer characters, so it fails;
        // (?C"v<width>") succeeds exactly then.
        const bool room = block->current_position >= number;
        return room == (str[0] == 'w') ? 0 : 1;
    }
    const bool ascii = str[0] == 'a';
    const uint32_t group = uint32_t(number);
    if (group >= block->capture_top) {
        return 1;
    }
    const PCRE2_SIZE gs = block->offset_vector[2 * group];
    const PCRE2_SIZE ge = block->offset_vector[2 * group + 1];
    if (gs == PCRE2_UNSET) {
        return 1;
    }
    const Unit *text = block->subject;
    auto next = [&](PCRE2_SIZE &i) -> char32_t {
        const Unit c = text[i++];
        if constexpr (utf16) {
            if (isHigh(c) && i < block->subject_length && isLow(text[i])) {
                return QChar::surrogateToUcs4(char16_t(c), char16_t(text[i++]));
            }
        }
        return char32_t(c);
    };
    // The back-reference's text ends here and has as many code points as the group.
    PCRE2_SIZE start = block->current_position;
    for (PCRE2_SIZE i = gs; i < ge;) {
        next(i);
        if (start == 0) {
            return 1;
        }
        --start;
        if (utf16 && start > 0 && isLow(char16_t(text[start])) && isHigh(char16_t(text[start - 1]))) {
            --start;
        }
    }
    for (PCRE2_SIZE i = gs, j = start; i < ge;) {
        const char32_t a = next(i);
        const char32_t b = next(j);
        if (a == b) {
            continue;
        }
        if (ascii) {
            if (a >= 0x80 || b >= 0x80 || (a | 0x20) != (b | 0x20) || !std::isalpha(int(a))) {
                return 1;
            }
        } else if (detail::sreLower(a) != detail::sreLower(b)) {
            return 1;
        }
    }
    return 0;
}

// PCRE2 copies a repeated group once per repetition ((X){n} compiles to n copies of X), so a
// count in the millions can ask for gigabytes while compiling: each compile gets a memory
// budget, and a pattern past it gets an error instead of a process killed for its memory.
constexpr size_t kCompileMemory = size_t(1) << 30;
thread_local size_t t_compileBudget = 0; // bytes left for the compile running on this thread

void *compileMalloc(size_t n, void *)
{
    if (t_compileBudget != 0) {
        if (n >= t_compileBudget) {
            return nullptr;
        }
        t_compileBudget -= n;
    }
    return std::malloc(n);
}

void compileFree(void *p, void *)
{
    std::free(p);
}

// Sets the budget for the compiles in its scope.
struct CompileBudget
{
    CompileBudget() { t_compileBudget = kCompileMemory; }
    ~CompileBudget() { t_compileBudget = 0; }
    CompileBudget(const CompileBudget &) = delete;
    CompileBudget &operator=(const CompileBudget &) = delete;
};

// The PCRE2 API at one code-unit width: 16 (UTF-16, QString's own units) or 32 (one code point
// per unit: patterns too large for 16-bit links, and texts holding lone surrogates), so that
// what uses it is written once.
template <int W>
struct Pcre2;

#define STDLAB_PCRE2_API(W)                                                                     \
    template <>                                                                                  \
    struct Pcre2<W>                                                                              \
    {                                                                                            \
        using Code = pcre2_code_##W;                                                             \
        using MatchData = pcre2_match_data_##W;                                                  \
        using MatchContext = pcre2_match_context_##W;                                            \
        using JitStack = pcre2_jit_stack_##W;                                                    \
        using CalloutBlock = pcre2_callout_block_##W;                                            \
        using Unit = PCRE2_UCHAR##W;                                                             \
        static constexpr auto compile = pcre2_compile_##W;                                       \
        static constexpr auto codeFree = pcre2_code_free_##W;                                    \
        static constexpr auto jitCompile = pcre2_jit_compile_##W;                                \
        static constexpr auto patternInfo = pcre2_pattern_info_##W;                              \
        static constexpr auto generalContextCreate = pcre2_general_context_create_##W;           \
        static constexpr auto compileContextCreate = pcre2_compile_context_create_##W;           \
        static constexpr auto compileContextFree = pcre2_compile_context_free_##W;               \
        static constexpr auto setNewline = pcre2_set_newline_##W;                                \
        static constexpr auto setBsr = pcre2_set_bsr_##W;                                        \
        static constexpr auto setParensNestLimit = pcre2_set_parens_nest_limit_##W;             \
        static constexpr auto matchContextCreate = pcre2_match_context_create_##W;               \
        static constexpr auto matchContextFree = pcre2_match_context_free_##W;                   \
        static constexpr auto jitStackCreate = pcre2_jit_stack_create_##W;                      \
        static constexpr auto jitStackAssign = pcre2_jit_stack_assign_##W;                      \
        static constexpr auto jitStackFree = pcre2_jit_stack_free_##W;                          \
        static constexpr auto setHeapLimit = pcre2_set_heap_limit_##W;                           \
        static constexpr auto setMatchLimit = pcre2_set_match_limit_##W;                         \
        static constexpr auto setCallout = pcre2_set_callout_##W;                                \
        static constexpr auto setOffsetLimit = pcre2_set_offset_limit_##W;                        \
        static constexpr auto matchDataCreate = pcre2_match_data_create_##W;                     \
        static constexpr auto matchDataFree = pcre2_match_data_free_##W;                         \
        static constexpr auto ovector = pcre2_get_ovector_pointer_##W;                           \
        static constexpr auto ovectorCount = pcre2_get_ovector_count_##W;                        \
        static constexpr auto match = pcre2_match_##W;                                           \
        static constexpr auto jitMatch = pcre2_jit_match_##W;                                    \
    };
STDLAB_PCRE2_API(16)
STDLAB_PCRE2_API(32)
#undef STDLAB_PCRE2_API

// The JIT turns each copy of a repeated group into machine code too: a few million copies take
// gigabytes (20 GB for ((.{1}){4194304})), so code bigger than this is interpreted.
constexpr size_t kMaxJitCodeBytes = size_t(16) << 20;

template <int W>
typename Pcre2<W>::Code *compileUnits(const typename Pcre2<W>::Unit *pattern, size_t length,
                                      uint32_t options, int *errorCode, PCRE2_SIZE *errorOffset)
{
    using P = Pcre2<W>;
    static auto *const general = P::generalContextCreate(compileMalloc, compileFree, nullptr);
    CompileBudget budget;
    auto *cctx = P::compileContextCreate(general);
    P::setNewline(cctx, PCRE2_NEWLINE_LF);
    P::setBsr(cctx, PCRE2_BSR_UNICODE);
    // sre nests as deep as Python's recursion allows; the writer adds (?:...) levels too.
    P::setParensNestLimit(cctx, 5000);
    auto *c = P::compile(pattern, length, options, errorCode, errorOffset, cctx);
    P::compileContextFree(cctx);
    return c;
}

// Compiles @p pattern (UTF-16, read as code points for W = 32) within the compile memory
// budget.
template <int W>
typename Pcre2<W>::Code *compileCode(const std::u16string &pattern, uint32_t options,
                                     int *errorCode, PCRE2_SIZE *errorOffset)
{
    using P = Pcre2<W>;
    if constexpr (W == 32) {
        const std::u32string wide = py::codePoints(QStringView(pattern));
        return compileUnits<W>(reinterpret_cast<const typename P::Unit *>(wide.data()),
                               wide.size(), options, errorCode, errorOffset);
    } else {
        return compileUnits<W>(reinterpret_cast<const typename P::Unit *>(pattern.data()),
                               pattern.size(), options, errorCode, errorOffset);
    }
}

// Per-thread PCRE2 state at one width: the match context (limits, JIT stack) and a match data
// block for the single-match functions. Iterations allocate their own match data, so a
// callback may match.
template <int W>
struct MatchState
{
    using P = Pcre2<W>;
    typename P::MatchContext *context = nullptr;
    typename P::JitStack *jitStack = nullptr;
    typename P::MatchData *matchData = nullptr;
    uint32_t matchPairs = 0;

    MatchState()
    {
        context = P::matchContextCreate(nullptr);
        jitStack = P::jitStackCreate(32 * 1024, 64 * 1024 * 1024, nullptr);
        if (jitStack) {
            P::jitStackAssign(context, nullptr, jitStack);
        }
        P::setHeapLimit(context, 256 * 1024); // KiB, interpreter fallback only
        setBudget(nullptr);
    }
    ~MatchState()
    {
        P::matchDataFree(matchData);
        P::jitStackFree(jitStack);
        P::matchContextFree(context);
    }
    MatchState(const MatchState &) = delete;
    MatchState &operator=(const MatchState &) = delete;

    typename P::MatchData *data(uint32_t pairs)
    {
        if (pairs > matchPairs) {
            P::matchDataFree(matchData);
            matchData = P::matchDataCreate(pairs, nullptr);
            matchPairs = pairs;
        }
        return matchData;
    }
    // The callouts' budget for the next matches (nullptr: none). Set once for the many calls
    // of a findall (each call set it again: 2 % of a findall's CPU).
    void setBudget(Budget *budget)
    {
        if (!calloutSet || budget != calloutBudget) {
            P::setCallout(context, sreCallout<typename P::CalloutBlock>, budget);
            calloutBudget = budget;
            calloutSet = true;
        }
    }
    // The offset limit of the next matches, likewise.
    void setOffsetLimit(PCRE2_SIZE limit)
    {
        if (limit != offsetLimit) {
            P::setOffsetLimit(context, limit);
            offsetLimit = limit;
        }
    }

private:
    Budget *calloutBudget = nullptr;
    bool calloutSet = false;
    PCRE2_SIZE offsetLimit = PCRE2_UNSET; // PCRE2's default
};

struct ThreadState
{
    MatchState<16> narrow;
    std::unique_ptr<MatchState<32>> wideState; // made on first use

    MatchState<32> &wide()
    {
        if (!wideState) {
            wideState = std::make_unique<MatchState<32>>();
        }
        return *wideState;
    }
};

ThreadState &threadState()
{
    thread_local ThreadState state;
    return state;
}

// Compiled code at one width, with the variants that JIT code needs for options it cannot take
// at match time (ANCHORED, ENDANCHORED, and USE_OFFSET_LIMIT, which slows some patterns down
// by a third), made on first use.
template <int W>
struct CodeSet
{
    using P = Pcre2<W>;
    struct Variant
    {
        std::once_flag once;
        typename P::Code *code = nullptr;
        bool jit = false;
    };
    std::u16string pcre; ///< what search() runs: filter + matchPcre
    std::u16string matchPcre; ///< what match() and fullmatch() run (the anchored variants)
    std::u16string filter; ///< Translation::searchFilter
    uint32_t options = 0;
    bool allowJit = true;
    typename P::Code *code = nullptr;
    bool jit = false;
    mutable Variant anchored;
    mutable Variant full;
    mutable Variant windowed;

    CodeSet() = default;
    CodeSet(const CodeSet &) = delete;
    CodeSet &operator=(const CodeSet &) = delete;
    ~CodeSet()
    {
        P::codeFree(code);
        P::codeFree(anchored.code);
        P::codeFree(full.code);
        P::codeFree(windowed.code);
    }

    bool compile(std::u16string p, uint32_t o, int *errorCode, PCRE2_SIZE *errorOffset,
                 const std::u16string &searchFilter = std::u16string())
    {
        matchPcre = std::move(p);
        filter = searchFilter;
        pcre = filter + matchPcre;
        options = o;
        code = compileCode<W>(pcre, options, errorCode, errorOffset);
        jit = code && jitted(code);
        return code;
    }
    bool jitted(typename P::Code *c) const
    {
        size_t size = 0;
        return allowJit && P::patternInfo(c, PCRE2_INFO_SIZE, &size) == 0
            && size <= kMaxJitCodeBytes && P::jitCompile(c, PCRE2_JIT_COMPLETE) == 0;
    }
    const Variant &variant(Variant &v, uint32_t extra) const
    {
        std::call_once(v.once, [&] {
            int errorCode = 0;
            PCRE2_SIZE errorOffset = 0;
            // Anchored, it is a match() or fullmatch(): sre's INFO set is search()'s only.
            const std::u16string &text =
                (extra & (PCRE2_ANCHORED | PCRE2_ENDANCHORED)) ? matchPcre : pcre;
            v.code = compileCode<W>(text, options | extra, &errorCode, &errorOffset);
            v.jit = v.code && jitted(v.code);
        });
        return v;
    }

    // One match of the code, or of the variant @p options and @p offsetLimit want, in units.
    int match(MatchState<W> &state, const typename P::Unit *subject, PCRE2_SIZE length,
              PCRE2_SIZE start, uint32_t options, typename P::MatchData *md,
              PCRE2_SIZE offsetLimit) const
    {
        const typename P::Code *c = code;
        bool useJit = jit;
        if (offsetLimit != PCRE2_UNSET) {
            const Variant &v = variant(windowed, PCRE2_USE_OFFSET_LIMIT);
            if (!v.code) {
                return PCRE2_ERROR_NOMEMORY;
            }
            c = v.code;
            useJit = v.jit;
        } else if (options & (PCRE2_ANCHORED | PCRE2_ENDANCHORED)) {
            const Variant &v = (options & PCRE2_ENDANCHORED)
                ? variant(full, PCRE2_ANCHORED | PCRE2_ENDANCHORED)
                : variant(anchored, PCRE2_ANCHORED);
            if (v.code) {
                c = v.code;
                useJit = v.jit;
                options &= ~uint32_t(PCRE2_ANCHORED | PCRE2_ENDANCHORED);
            } else {
                useJit = false;
            }
        }
        if (useJit) {
            return P::jitMatch(c, subject, length, start, options, md, state.context);
        }
        return P::match(c, subject, length, start, options | PCRE2_NO_UTF_CHECK, md,
                        state.context);
    }
};

struct MatchDataDeleter
{
    void operator()(pcre2_match_data_16 *d) const { pcre2_match_data_free_16(d); }
};

// UTF-16 offsets -> code points, incrementally from a cursor (matches come in order).
class OffsetMap
{
public:
    OffsetMap(const Subject &s, qsizetype unit, qsizetype cp)
        : m_subject(s),
          m_data(reinterpret_cast<const char16_t *>(s.matchText().constData())),
          m_identity(!s.hasSurrogates()),
          m_unit(unit),
          m_cp(cp)
    {
    }
    qsizetype cp(qsizetype unit)
    {
        if (m_identity) {
            return unit;
        }
        if (unit >= m_unit) {
            m_cp += (unit - m_unit) - countLow(m_data, m_unit, unit);
        } else if (m_unit - unit <= 4 * kIndexStep) {
            m_cp -= (m_unit - unit) - countLow(m_data, unit, m_unit);
        } else {
            m_cp = m_subject.toCodePoint(unit);
        }
        m_unit = unit;
        return m_cp;
    }
    // Converts @p unit relative to a known (unit, cp) pair without moving the cursor.
    qsizetype relative(qsizetype baseUnit, qsizetype baseCp, qsizetype unit) const
    {
        if (m_identity) {
            return unit;
        }
        if (unit >= baseUnit) {
            return baseCp + (unit - baseUnit) - countLow(m_data, baseUnit, unit);
        }
        if (baseUnit - unit <= 4 * kIndexStep) {
            return baseCp - (baseUnit - unit) + countLow(m_data, unit, baseUnit);
        }
        return m_subject.toCodePoint(unit);
    }

private:
    const Subject &m_subject;
    const char16_t *m_data;
    bool m_identity;
    qsizetype m_unit;
    qsizetype m_cp;
};

} // namespace

struct Regex::Impl
{
    // The 16-bit code (its windowed variant only for cancellable scans that turned out long).
    CodeSet<16> narrow;
    uint32_t compileOptions = 0;
    int flagsIn = 0; // the flags compile() was given

    // Set instead of code when PCRE2 cannot run the pattern as sre does (pytranslate.h).
    std::unique_ptr<detail::SreEngine> engine;
    // The program needed only on texts holding U+0130, compiled on first use.
    std::shared_ptr<const detail::SreProgram> program;
    mutable std::once_flag programOnce;
    mutable std::unique_ptr<detail::SreEngine> lateEngine;

    // The engine for subjects holding a lone surrogate, made on first use: the program
    // translated with its surrogates kept, run on the subject's code points (Subject::wide()).
    mutable std::once_flag loneEngineOnce;
    mutable std::unique_ptr<detail::SreEngine> loneEngine;

    const detail::SreEngine *engineFor(const Subject &s) const
    {
        const detail::SreEngine *e = engine.get();
        if (!e && program && s.hasDottedCapitalI()) {
            std::call_once(programOnce, [this] {
                int errorCode = 0;
                lateEngine = detail::SreEngine::create(program, compileOptions, &errorCode);
            });
            e = lateEngine.get();
        }
        if (e && s.hadInvalidUtf16()) {
            std::call_once(loneEngineOnce, [this] {
                const detail::Translation t = detail::translate(patternIn, flagsIn, true, true);
                int errorCode = 0;
                if (t.ok && t.program) {
                    loneEngine = detail::SreEngine::create(t.program, compileOptions, &errorCode,
                                                           true);
                }
            });
            if (loneEngine) {
                return loneEngine.get();
            }
        }
        return e;
    }

    // Used instead of code when the pattern is too large for 16-bit PCRE2.
    CodeSet<32> big;
    // For subjects that hold a lone surrogate, made on first use: UTF-16 cannot carry one into
    // PCRE2, so the pattern is translated again with its surrogates kept and compiled for
    // 32-bit PCRE2 without UTF (Unicode properties still apply through UCP), where every code
    // point, lone surrogates included, is one code unit, as in a Python str.
    QString patternIn;
    mutable std::once_flag loneOnce;
    mutable CodeSet<32> lone;

    // The code for @p s: lone-surrogate subjects need their own, other subjects use big's when
    // the pattern needed it; nullptr means the 16-bit code.
    const CodeSet<32> *wideFor(const Subject &s) const
    {
        if (s.hadInvalidUtf16()) {
            std::call_once(loneOnce, [&] {
                const detail::Translation t = detail::translate(patternIn, flagsIn, true);
                const uint32_t options =
                    compileOptions & ~uint32_t(PCRE2_UTF | PCRE2_NO_UTF_CHECK);
                int errorCode = 0;
                PCRE2_SIZE errorOffset = 0;
                // PCRE2 10.42's JIT compares caseless back-references by its Latin-1 tables
                // without UTF (so σ and Σ differ); its interpreter uses Unicode (UCP).
                lone.allowJit = !t.ok || t.pcre.find(u"(?i:\\g{") == std::u16string::npos;
                if (!t.ok
                    || !lone.compile(t.pcre, options, &errorCode, &errorOffset, t.searchFilter)) {
                    // Not expected; the usual translation (surrogates never match) still
                    // compiles without UTF and keeps the subject's surrogates from UTF code.
                    lone.compile(narrow.matchPcre, options, &errorCode, &errorOffset,
                                 narrow.filter);
                }
            });
            if (lone.code) {
                return &lone;
            }
        }
        return big.code ? &big : nullptr;
    }

    // run() for the 32-bit code: offsets go in and come out (into @p md) in UTF-16 units.
    int runWide(const CodeSet<32> &w, const Subject &s, qsizetype startUnit, qsizetype endUnit,
                uint32_t options, pcre2_match_data_16 *md, quint64 matchLimit) const
    {
        MatchState<32> &state = threadState().wide();
        const qsizetype startCp = s.toCodePoint(startUnit);
        const qsizetype endCp = s.toCodePoint(endUnit);
        setMatchLimit<32>(state, matchLimit, endCp - startCp);
        const uint32_t pairs = pcre2_get_ovector_count_16(md);
        pcre2_match_data_32 *wmd = state.data(pairs);
        const int rc = w.match(state, reinterpret_cast<PCRE2_SPTR32>(s.wide().data()),
                               PCRE2_SIZE(endCp), PCRE2_SIZE(startCp), options, wmd, PCRE2_UNSET);
        if (rc >= 0) {
            const PCRE2_SIZE *wov = pcre2_get_ovector_pointer_32(wmd);
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer_16(md);
            const uint32_t n = std::min(pairs, pcre2_get_ovector_count_32(wmd));
            for (uint32_t i = 0; i < 2 * n; ++i) {
                ov[i] = wov[i] == PCRE2_UNSET ? PCRE2_UNSET
                                              : PCRE2_SIZE(s.toUtf16(qsizetype(wov[i])));
            }
        }
        return rc;
    }

    // The match limit of one call over @p span units: @p matchLimit, or one scaled to the span.
    static quint64 limitFor(quint64 matchLimit, qsizetype span)
    {
        return matchLimit
            ? matchLimit
            : kBaseMatchLimit + kMatchLimitPerUnit * quint64(std::max<qsizetype>(0, span));
    }
    template <int W>
    static void setMatchLimit(MatchState<W> &state, quint64 matchLimit, qsizetype span)
    {
        Pcre2<W>::setMatchLimit(state.context,
                                uint32_t(std::min<quint64>(limitFor(matchLimit, span), 0xFFFFFFFFu)));
    }

    // What run() needs to know of a subject, looked up once for all the calls of a request (a
    // findall's millions of matches looked them up three times each: 4% of its time): the
    // thread's match state, the 32-bit code or sre's program that the subject needs, if any.
    struct Route
    {
        MatchState<16> *narrow;
        const CodeSet<32> *wide;
        const detail::SreEngine *engine;
    };
    Route routeFor(const Subject &s) const
    {
        return Route{&threadState().narrow, wideFor(s), engineFor(s)};
    }

    // Runs one pcre2_match; returns rc (>0 match, PCRE2_ERROR_NOMATCH, or another error).
    int run(const Subject &s, const Route &route, qsizetype startUnit, qsizetype endUnit,
            uint32_t options, pcre2_match_data_16 *md, PCRE2_SIZE offsetLimit,
            quint64 matchLimit, Budget *budget) const
    {
        route.narrow->setBudget(budget);
        if (route.wide) {
            threadState().wide().setBudget(budget);
        }
        const int rc = route.engine
            ? runEngine(s, *route.engine, startUnit, endUnit, options, md, matchLimit, budget)
            : runOnce(s, route, startUnit, endUnit, options, md, offsetLimit, matchLimit);
        if (budget && rc != PCRE2_ERROR_MATCHLIMIT && !budget->cancelled && budget->expired()) {
            return PCRE2_ERROR_MATCHLIMIT;
        }
        return rc;
    }

    int runEngine(const Subject &s, const detail::SreEngine &e, qsizetype startUnit,
                  qsizetype endUnit, uint32_t options, pcre2_match_data_16 *md,
                  quint64 matchLimit, Budget *budget) const
    {
        // With a request's CPU budget (polled every 4,096 steps) the step count is only a
        // safety net: sre's program takes ~2x sre's time, and a pattern python3 runs in 0.23 s
        // took 40 million steps in 0.26 s (the 200k differential, seed 202). Without a budget,
        // the steps bound the call as PCRE2's match limit does.
        const quint64 steps = limitFor(0, endUnit - startUnit);
        const quint64 limit = matchLimit ? matchLimit : budget ? steps * kBudgetedStepsFactor : steps;
        // The request's CPU time and cancel flag, as the (?C1) callout looks at them.
        const std::function<int()> poll = [budget]() -> int {
            if (!budget) {
                return 0;
            }
            if (budget->cancel && budget->cancel->load(std::memory_order_relaxed)) {
                budget->cancelled = true;
                return PCRE2_ERROR_CALLOUT;
            }
            return budget->expired() ? PCRE2_ERROR_MATCHLIMIT : 0;
        };
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer_16(md);
        const uint32_t pairs = pcre2_get_ovector_count_16(md);
        if (!e.codePoints()) {
            return e.match(reinterpret_cast<const char16_t *>(s.matchText().constData()),
                           size_t(endUnit), size_t(startUnit), options, ov, pairs, limit, poll);
        }
        // Offsets go in and come out in UTF-16 units, as runWide()'s.
        const int rc = e.match(s.wide().data(), size_t(s.toCodePoint(endUnit)),
                               size_t(s.toCodePoint(startUnit)), options, ov, pairs, limit, poll);
        if (rc >= 0) {
            for (uint32_t i = 0; i < 2 * pairs; ++i) {
                if (ov[i] != PCRE2_UNSET) {
                    ov[i] = PCRE2_SIZE(s.toUtf16(qsizetype(ov[i])));
                }
            }
        }
        return rc;
    }

    int runOnce(const Subject &s, const Route &route, qsizetype startUnit, qsizetype endUnit,
                uint32_t options, pcre2_match_data_16 *md, PCRE2_SIZE offsetLimit,
                quint64 matchLimit) const
    {
        if (route.wide) {
            return runWide(*route.wide, s, startUnit, endUnit, options, md, matchLimit);
        }
        MatchState<16> &state = *route.narrow;
        state.setOffsetLimit(offsetLimit);
        setMatchLimit<16>(state, matchLimit, endUnit - startUnit);
        return narrow.match(state, reinterpret_cast<PCRE2_SPTR16>(s.matchText().constData()),
                            PCRE2_SIZE(endUnit), PCRE2_SIZE(startUnit), options, md, offsetLimit);
    }

    // run(), but with a cancel flag an unanchored search tries its start positions in windows
    // (PCRE2's offset limit), so that a long scan without a match notices cancellation.
    int find(const Subject &s, const Route &route, qsizetype start, qsizetype end,
             uint32_t options, pcre2_match_data_16 *md, Budget &budget, bool *cancelled) const
    {
        const int rc = findIn(s, route, start, end, options, md, budget, cancelled);
        if (budget.cancelled) {
            *cancelled = true;
            return PCRE2_ERROR_NOMATCH;
        }
        return rc;
    }

    int findIn(const Subject &s, const Route &route, qsizetype start, qsizetype end,
               uint32_t options, pcre2_match_data_16 *md, Budget &budget, bool *cancelled) const
    {
        *cancelled = false;
        const std::atomic<bool> *cancel = budget.cancel;
        if (!cancel || (options & PCRE2_ANCHORED) || end - start <= kWindow || route.wide
            || route.engine) {
            return run(s, route, start, end, options, md, PCRE2_UNSET, 0, &budget);
        }
        // Most searches end quickly (a match, or a fast skip to the end): try the fast code
        // with a small budget first, and go window by window only when that is not enough.
        const int first =
            run(s, route, start, end, options, md, PCRE2_UNSET, kSliceMatchLimit, &budget);
        if (first != PCRE2_ERROR_MATCHLIMIT || budget.cancelled) {
            return first;
        }
        const auto *data = reinterpret_cast<const char16_t *>(s.matchText().constData());
        qsizetype from = start;
        while (true) {
            qsizetype limit = from + kWindow;
            if (limit >= end) {
                return run(s, route, from, end, options, md, PCRE2_UNSET, 0, &budget);
            }
            if (isLow(data[limit])) {
                ++limit; // never start inside a surrogate pair
            }
            const int rc = run(s, route, from, end, options, md, PCRE2_SIZE(limit), 0, &budget);
            if (rc != PCRE2_ERROR_NOMATCH || budget.cancelled) {
                return rc;
            }
            if (cancel->load(std::memory_order_relaxed)) {
                *cancelled = true;
                return PCRE2_ERROR_NOMATCH;
            }
            // The next window overlaps this one by its last position (harmless: no match
            // started there), whatever the offset limit's inclusiveness.
            from = limit;
            options &= ~uint32_t(PCRE2_NOTEMPTY_ATSTART);
        }
    }
};

// ---------------------------------------------------------------------------------------------

int flagsFromLetters(QStringView letters, QString *error)
{
    int flags = 0;
    for (QChar c : letters) {
        switch (c.unicode()) {
        case 'i':
            flags |= IGNORECASE;
            break;
        case 'm':
            flags |= MULTILINE;
            break;
        case 's':
            flags |= DOTALL;
            break;
        case 'x':
            flags |= VERBOSE;
            break;
        case 'a':
            flags |= ASCII;
            break;
        default:
            if (error) {
                *error = QStringLiteral("unknown flag '%1' (expected some of imsxa)").arg(c);
            }
            return -1;
        }
    }
    return flags;
}

QString warningCategoryName(Warning::Category category)
{
    return category == Warning::Future ? QStringLiteral("FutureWarning")
                                       : QStringLiteral("DeprecationWarning");
}

QString flagLetters(int flags)
{
    QString s;
    if (flags & IGNORECASE) {
        s += QLatin1Char('i');
    }
    if (flags & MULTILINE) {
        s += QLatin1Char('m');
    }
    if (flags & DOTALL) {
        s += QLatin1Char('s');
    }
    if (flags & VERBOSE) {
        s += QLatin1Char('x');
    }
    if (flags & ASCII) {
        s += QLatin1Char('a');
    }
    return s;
}

QString limitMessage()
{
    return QStringLiteral("stopped: backtracking limit");
}

QString errorString(const Error &e, const QString &pattern)
{
    if (e.pos < 0) {
        return e.message;
    }
    QString text = QStringLiteral("%1 at position %2").arg(e.message).arg(e.pos);
    if (pattern.contains(QLatin1Char('\n'))) {
        const QString before = Subject(pattern).slice(0, e.pos);
        const qsizetype line = before.count(QLatin1Char('\n')) + 1;
        const qsizetype col =
            Subject(before.mid(before.lastIndexOf(QLatin1Char('\n')) + 1)).length() + 1;
        text += QStringLiteral(" (line %1, column %2)").arg(line).arg(col);
    }
    return text;
}

QString caretLines(const QString &source, qsizetype pos, const QString &indent)
{
    const Subject s(source);
    const QString before = s.slice(0, pos);
    const qsizetype lineStart = before.lastIndexOf(QLatin1Char('\n')) + 1;
    qsizetype lineEnd = source.indexOf(QLatin1Char('\n'), s.toUtf16(pos));
    if (lineEnd < 0) {
        lineEnd = source.size();
    }
    const QString line = source.mid(lineStart, lineEnd - lineStart);
    const qsizetype column = Subject(before.mid(lineStart)).length();
    return indent + line + QLatin1Char('\n') + indent + QString(column, QLatin1Char(' '))
        + QLatin1Char('^');
}

// ---------------------------------------------------------------------------------------------
// Subject

struct Subject::WideCache
{
    std::once_flag once;
    std::u32string text;
    std::once_flag dottedOnce;
    bool dotted = false;
};

bool Subject::hasDottedCapitalI() const
{
    if (!m_wide) {
        return false;
    }
    std::call_once(m_wide->dottedOnce,
                   [this] { m_wide->dotted = m_text.contains(QChar(char16_t(0x0130))); });
    return m_wide->dotted;
}

const std::u32string &Subject::wide() const
{
    // A default-constructed or moved-from Subject has no cache: an empty text.
    static const std::u32string empty;
    if (!m_wide) {
        return empty;
    }
    std::call_once(m_wide->once, [this] {
        // The text itself, not matchText(): lone surrogates stay (see Regex's lone-surrogate
        // code, the only 32-bit code that sees such a subject).
        m_wide->text = py::codePoints(m_text);
    });
    return m_wide->text;
}

Subject::Subject(const QString &text) : m_wide(std::make_shared<WideCache>()), m_text(text)
{
    const char16_t *data = reinterpret_cast<const char16_t *>(m_text.constData());
    const qsizetype n = m_text.size();
    Utf16Scan scan = scanUtf16(data, n);
    if (scan.illFormed) {
        // Lone surrogates cannot be matched as UTF-16; U+FFFD keeps every offset in place.
        m_invalid = true;
        m_fixed = m_text;
        char16_t *f = reinterpret_cast<char16_t *>(m_fixed.data());
        for (qsizetype i = 0; i < n; ++i) {
            if (isHigh(f[i]) && i + 1 < n && isLow(f[i + 1])) {
                ++i;
            } else if ((f[i] & 0xF800) == 0xD800) {
                f[i] = 0xFFFD;
            }
        }
        scan = scanUtf16(f, n);
    }
    m_length = n - scan.lows;
    m_surrogates = scan.lows > 0;
    if (m_surrogates) {
        // The UTF-16 offset of every kIndexStep-th code point, found a block at a time.
        const char16_t *m = reinterpret_cast<const char16_t *>(matchText().constData());
        m_index.reserve(size_t(m_length / kIndexStep + 1));
        qsizetype unit = 0;
        for (qsizetype cp = 0; cp < m_length; cp += kIndexStep) {
            m_index.push_back(unit);
            qsizetype remaining = std::min(kIndexStep, m_length - cp);
            while (remaining > 0) {
                // Every unit but a low surrogate starts a code point.
                const qsizetype take = std::min(remaining, n - unit);
                if (take == 0) {
                    break;
                }
                remaining -= take - countLow(m, unit, unit + take);
                unit += take;
                if (unit < n && isLow(m[unit])) {
                    ++unit; // the pair cut in two by the block's end
                }
            }
        }
    }
}

qsizetype Subject::toUtf16(qsizetype cp) const
{
    cp = std::clamp<qsizetype>(cp, 0, m_length);
    if (!m_surrogates) {
        return cp;
    }
    if (cp == m_length) {
        return m_text.size();
    }
    const char16_t *m = reinterpret_cast<const char16_t *>(matchText().constData());
    qsizetype unit = m_index[size_t(cp / kIndexStep)];
    for (qsizetype k = cp % kIndexStep; k > 0; --k) {
        unit += (isHigh(m[unit]) && isLow(m[unit + 1])) ? 2 : 1;
    }
    return unit;
}

qsizetype Subject::toCodePoint(qsizetype utf16) const
{
    utf16 = std::clamp<qsizetype>(utf16, 0, m_text.size());
    if (!m_surrogates) {
        return utf16;
    }
    auto it = std::upper_bound(m_index.begin(), m_index.end(), utf16);
    const qsizetype block = qsizetype(it - m_index.begin()) - 1;
    const qsizetype base = m_index[size_t(block)];
    const char16_t *m = reinterpret_cast<const char16_t *>(matchText().constData());
    return block * kIndexStep + (utf16 - base) - countLow(m, base, utf16);
}

QString Subject::slice(qsizetype cpStart, qsizetype cpEnd) const
{
    return sliceView(cpStart, cpEnd).toString();
}

QStringView Subject::sliceView(qsizetype cpStart, qsizetype cpEnd) const
{
    const qsizetype a = toUtf16(cpStart);
    const qsizetype b = toUtf16(cpEnd);
    if (b <= a) {
        return QStringView();
    }
    return QStringView(m_text).mid(a, b - a);
}

// ---------------------------------------------------------------------------------------------
// Match

QString Match::text(const Subject &subject, int g) const
{
    return view(subject, g).toString();
}

QStringView Match::view(const Subject &subject, int g) const
{
    if (!matched(g)) {
        return QStringView();
    }
    if (units.size() == spans.size()) {
        const qsizetype a = units[size_t(2 * g)];
        const qsizetype b = units[size_t(2 * g + 1)];
        return b > a ? QStringView(subject.text()).mid(a, b - a) : QStringView();
    }
    return subject.sliceView(start(g), end(g));
}

int Match::lastIndex(const Regex &regex) const
{
    // sre sets lastindex when a group closes: the last one closed is the one ending last; of
    // two ending together, the one containing the other, else the one that started later
    // (the other one closed first), else the later one in the pattern.
    auto contains = [&](int outer, int inner) {
        for (int g = regex.groupParent(inner); g > 0; g = regex.groupParent(g)) {
            if (g == outer) {
                return true;
            }
        }
        return false;
    };
    int best = 0;
    for (int g = 1; g <= groupCount(); ++g) {
        if (!matched(g)) {
            continue;
        }
        if (best == 0 || end(g) > end(best)) {
            best = g;
            continue;
        }
        if (end(g) < end(best)) {
            continue;
        }
        if (contains(g, best)) {
            best = g;
        } else if (!contains(best, g) && start(g) >= start(best)) {
            best = g;
        }
    }
    return best;
}

QString Match::repr(const Subject &subject) const
{
    ByteSink out;
    writeRepr(out, view(subject), start(), end());
    return QString::fromUtf8(out.take());
}

void Match::writeRepr(ByteSink &out, QStringView group0, qsizetype start, qsizetype end)
{
    out.put("<re.Match object; span=(");
    out.putInt(start);
    out.put(", ");
    out.putInt(end);
    // match_repr() in _sre.c: "match=%.50R", the repr cut to 50 characters.
    out.put("), match=");
    py::writeRepr(out, group0, 50);
    out.put('>');
}

QJsonObject Match::toJson(const Subject &subject, const Regex &regex) const
{
    QJsonObject o;
    o.insert(QStringLiteral("span"), QJsonArray{qint64(start()), qint64(end())});
    QJsonArray groups;
    QJsonArray spansArray;
    for (int g = 1; g <= groupCount(); ++g) {
        groups.append(matched(g) ? QJsonValue(text(subject, g)) : QJsonValue(QJsonValue::Null));
        spansArray.append(QJsonArray{qint64(start(g)), qint64(end(g))});
    }
    o.insert(QStringLiteral("groups"), groups);
    o.insert(QStringLiteral("spans"), spansArray);
    QJsonObject groupdict;
    for (int g = 1; g <= groupCount(); ++g) {
        const QString name = regex.groupName(g);
        if (!name.isEmpty()) {
            groupdict.insert(name, matched(g) ? QJsonValue(text(subject, g))
                                              : QJsonValue(QJsonValue::Null));
        }
    }
    o.insert(QStringLiteral("groupdict"), groupdict);
    const int last = lastIndex(regex);
    o.insert(QStringLiteral("lastindex"), last ? QJsonValue(last) : QJsonValue(QJsonValue::Null));
    return o;
}

// ---------------------------------------------------------------------------------------------
// Results

QString FindallResult::repr() const
{
    QStringList out;
    out.reserve(items.size());
    for (const QStringList &item : items) {
        if (groups <= 1) {
            out.append(py::repr(item.value(0)));
        } else {
            QStringList parts;
            for (const QString &s : item) {
                parts.append(py::repr(s));
            }
            out.append(py::tuple(parts));
        }
    }
    return py::list(out);
}

QJsonArray FindallResult::toJson() const
{
    QJsonArray a;
    for (const QStringList &item : items) {
        if (groups <= 1) {
            a.append(item.value(0));
        } else {
            a.append(QJsonArray::fromStringList(item));
        }
    }
    return a;
}

QString SubResult::repr(bool subn) const
{
    if (!subn) {
        return py::repr(text);
    }
    return py::tuple({py::repr(text), QString::number(count)});
}

QJsonValue SubResult::toJson(bool subn) const
{
    if (!subn) {
        return text;
    }
    return QJsonArray{text, qint64(count)};
}

QString SplitResult::repr() const
{
    QStringList out;
    out.reserve(items.size());
    for (const auto &item : items) {
        out.append(item ? py::repr(*item) : py::reprNone());
    }
    return py::list(out);
}

QJsonArray SplitResult::toJson() const
{
    QJsonArray a;
    for (const auto &item : items) {
        a.append(item ? QJsonValue(*item) : QJsonValue(QJsonValue::Null));
    }
    return a;
}

// ---------------------------------------------------------------------------------------------
// Template: a port of re._parser.parse_template.

std::optional<Template> Template::compile(const QString &repl, const Regex &regex, Error *error)
{
    Template t;
    const std::u32string s = py::codePoints(repl); // lone surrogates kept, as in Python
    const qsizetype n = qsizetype(s.size());
    QString literal;
    auto fail = [&](const QString &msg, qsizetype pos) {
        if (error) {
            *error = Error{msg, pos, false};
        }
        return std::nullopt;
    };
    auto flushLiteral = [&] {
        if (!literal.isEmpty()) {
            t.m_pieces.push_back(Piece{literal, -1});
            literal.clear();
        }
    };
    auto isDigit = [&](qsizetype i) { return i < n && s[i] >= '0' && s[i] <= '9'; };
    auto isOct = [&](qsizetype i) { return i < n && s[i] >= '0' && s[i] <= '7'; };
    auto append = [&](uint c) {
        py::appendCodePoint(literal, char32_t(c));
    };
    qsizetype i = 0;
    while (i < n) {
        if (s[i] != '\\') {
            append(s[i]);
            ++i;
            continue;
        }
        if (i + 1 >= n) {
            return fail(QStringLiteral("bad escape (end of pattern)"), n - 1);
        }
        const uint c = s[i + 1];
        i += 2;
        if (c == 'g') {
            // tell() after "\g" is i
            if (i >= n || s[i] != '<') {
                return fail(QStringLiteral("missing <"), i);
            }
            ++i;
            QList<uint> name;
            bool closed = false;
            while (i < n) {
                uint ch = s[i];
                if (ch == '\\') {
                    if (i + 1 >= n) {
                        return fail(QStringLiteral("bad escape (end of pattern)"), n - 1);
                    }
                    name.append(ch);
                    name.append(s[i + 1]);
                    i += 2;
                    continue;
                }
                ++i;
                if (ch == '>') {
                    closed = true;
                    break;
                }
                name.append(ch);
            }
            if (!closed) {
                if (name.isEmpty()) {
                    return fail(QStringLiteral("missing group name"), i);
                }
                return fail(QStringLiteral("missing >, unterminated name"), i - name.size());
            }
            if (name.isEmpty()) {
                return fail(QStringLiteral("missing group name"), i - 1);
            }
            const QString nameStr = py::fromCodePoints(
                reinterpret_cast<const char32_t *>(name.constData()), name.size());
            const std::u32string name32(reinterpret_cast<const char32_t *>(name.constData()),
                                        size_t(name.size()));
            const qsizetype namePos = i - (name.size() + 1);
            int index = -1;
            if (detail::isIdentifier(name32)) {
                index = regex.groupIndex(nameStr);
                if (index < 0) {
                    if (error) {
                        *error = Error{
                            QStringLiteral("unknown group name %1").arg(py::repr(nameStr)), -1,
                            false, ErrorKind::IndexError};
                    }
                    return std::nullopt;
                }
            } else {
                // Python 3.11 reads the number with int(): spaces, a sign, underscores and any
                // Unicode decimal digits pass, with a DeprecationWarning unless ASCII digits.
                const std::optional<qint64> v = detail::pythonInt(name32);
                if (!v || *v < 0) {
                    return fail(QStringLiteral("bad character in group name %1").arg(py::repr(nameStr)),
                                namePos);
                }
                if (*v >= 1073741823) {
                    return fail(QStringLiteral("invalid group reference %1")
                                    .arg(detail::pythonIntText(name32)),
                                namePos);
                }
                const bool asciiDigits =
                    std::all_of(name32.begin(), name32.end(),
                                [](char32_t c) { return c >= '0' && c <= '9'; });
                if (!asciiDigits) {
                    t.m_warnings.append(
                        Warning{Warning::Deprecation,
                                QStringLiteral("bad character in group name %1 at position %2")
                                    .arg(py::repr(nameStr))
                                    .arg(namePos)});
                }
                index = int(*v);
            }
            if (index > regex.groupCount()) {
                return fail(QStringLiteral("invalid group reference %1").arg(index), namePos);
            }
            flushLiteral();
            t.m_pieces.push_back(Piece{QString(), index});
        } else if (c == '0') {
            uint v = 0;
            int k = 0;
            while (k < 2 && isOct(i)) {
                v = v * 8 + (s[i] - '0');
                ++i;
                ++k;
            }
            append(v & 0xff);
        } else if (c >= '0' && c <= '9') {
            const qsizetype escStart = i - 2;
            bool isoctal = false;
            uint d1 = c;
            if (isDigit(i)) {
                const uint d2 = s[i];
                ++i;
                if (d1 <= '7' && d2 <= '7' && isOct(i)) {
                    const uint d3 = s[i];
                    ++i;
                    isoctal = true;
                    const uint v = (d1 - '0') * 64 + (d2 - '0') * 8 + (d3 - '0');
                    if (v > 0377) {
                        return fail(QStringLiteral("octal escape value \\%1%2%3 outside of range 0-0o377")
                                        .arg(QChar(char16_t(d1)))
                                        .arg(QChar(char16_t(d2)))
                                        .arg(QChar(char16_t(d3))),
                                    escStart);
                    }
                    append(v);
                } else {
                    const int index = int((d1 - '0') * 10 + (d2 - '0'));
                    if (index > regex.groupCount()) {
                        return fail(QStringLiteral("invalid group reference %1").arg(index),
                                    escStart + 1);
                    }
                    flushLiteral();
                    t.m_pieces.push_back(Piece{QString(), index});
                }
            } else {
                const int index = int(d1 - '0');
                if (index > regex.groupCount()) {
                    return fail(QStringLiteral("invalid group reference %1").arg(index), escStart + 1);
                }
                flushLiteral();
                t.m_pieces.push_back(Piece{QString(), index});
            }
            Q_UNUSED(isoctal);
        } else {
            static const char escapes[] = "a\ab\bf\fn\nr\rt\tv\v\\\\";
            bool found = false;
            for (int k = 0; escapes[k]; k += 2) {
                if (uint(uchar(escapes[k])) == c) {
                    append(uint(uchar(escapes[k + 1])));
                    found = true;
                    break;
                }
            }
            if (!found) {
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                    const char32_t ch = char32_t(c);
                    return fail(QStringLiteral("bad escape \\") + py::fromCodePoints(&ch, 1), i - 2);
                }
                append('\\');
                append(c);
            }
        }
    }
    flushLiteral();
    return t;
}

void Template::expandInto(QString &out, const Subject &subject, const Match &match) const
{
    for (const Piece &p : m_pieces) {
        if (p.group < 0) {
            out += p.literal;
        } else if (match.matched(p.group)) {
            out += match.view(subject, p.group);
        }
    }
}

QJsonArray Template::toJson() const
{
    QJsonArray a;
    for (const Piece &p : m_pieces) {
        a.append(p.group < 0 ? QJsonValue(p.literal) : QJsonValue(p.group));
    }
    return a;
}

QString Template::expand(const Subject &subject, const Match &match) const
{
    QString out;
    expandInto(out, subject, match);
    return out;
}

// ---------------------------------------------------------------------------------------------
// Regex

Regex::Regex() : d(std::make_unique<Impl>()) { }
Regex::~Regex() = default;

std::shared_ptr<const Regex> Regex::compile(const QString &pattern, int flags, Error *error)
{
    const detail::Translation t = detail::translate(pattern, flags);
    if (!t.ok) {
        if (error) {
            *error = Error{t.errorMessage, t.errorPos, false, t.errorKind};
        }
        return nullptr;
    }
    std::shared_ptr<Regex> r(new Regex());
    r->m_pattern = pattern;
    r->m_flags = t.flags & ~0x1; // TEMPLATE never reported
    r->m_groups = t.groups;
    r->m_names = t.groupNames;
    r->m_parents = t.groupParents;
    r->m_warnings = t.warnings;
    r->d->narrow.pcre = t.pcre;
    uint32_t options = PCRE2_UTF | PCRE2_ALT_CIRCUMFLEX | PCRE2_NO_UTF_CHECK;
    if (t.ucp) {
        options |= PCRE2_UCP;
    }
    if (t.atomic) {
        // PCRE2 10.42 bugs around atomic groups and possessive repeats: auto-possessification
        // makes b+ possessive before (x)?+b (match("b+(x)?+b", "bb") found nothing), and the
        // JIT's start-of-match optimisation skips the start at 1 of (?>a+?)- on "aa-".
        options |= PCRE2_NO_AUTO_POSSESS | PCRE2_NO_START_OPTIMIZE;
    }
    int errorCode = 0;
    PCRE2_SIZE errorOffset = 0;
    r->d->compileOptions = options;
    r->d->flagsIn = flags;
    r->d->patternIn = pattern;
    if (t.program && t.programForDottedI) {
        r->d->program = t.program;
    } else if (t.program) {
        r->d->engine = detail::SreEngine::create(t.program, options, &errorCode);
        if (r->d->engine) {
            return r;
        }
    }
    if (!r->d->narrow.compile(t.pcre, options, &errorCode, &errorOffset, t.searchFilter)
        && errorCode == PCRE2_ERROR_PATTERN_TOO_LARGE) {
        if (r->d->big.compile(t.pcre, options, &errorCode, &errorOffset, t.searchFilter)) {
            return r;
        }
    }
    if (!r->d->narrow.code) {
        if (errorCode == PCRE2_ERROR_HEAP_FAILED) {
            if (error) {
                *error = Error{QStringLiteral("pattern too large for StdLab's engine: compiling it "
                                              "needs more than 1 GiB (it copies a repeated group "
                                              "once per repetition)"),
                               -1, false};
            }
            return nullptr;
        }
        // What PCRE2 refuses (conditionals nested ~800 deep: "too complicated") runs on the
        // sre engine, whose fragments are small.
        const detail::Translation full = detail::translate(pattern, flags, false, true);
        if (full.program) {
            r->d->engine = detail::SreEngine::create(full.program, options, &errorCode);
            if (r->d->engine) {
                return r;
            }
        }
        PCRE2_UCHAR16 buffer[256];
        pcre2_get_error_message_16(errorCode, buffer, 256);
        if (error) {
            *error = Error{QStringLiteral("unsupported by the PCRE2 engine: ")
                               + QString::fromUtf16(reinterpret_cast<const char16_t *>(buffer)),
                           -1, false};
        }
        return nullptr;
    }
    return r;
}

QString Regex::groupName(int g) const
{
    return m_names.value(g - 1);
}

int Regex::groupIndex(const QString &name) const
{
    const qsizetype i = m_names.indexOf(name);
    return i < 0 ? -1 : int(i + 1);
}

QStringList Regex::groupNames() const
{
    QStringList out;
    for (const QString &n : m_names) {
        if (!n.isEmpty()) {
            out.append(n);
        }
    }
    return out;
}

QString Regex::pcrePattern() const
{
    return QString::fromStdU16String(d->narrow.pcre);
}

namespace {

struct Range
{
    qsizetype pos; // code points
    qsizetype endpos;
    qsizetype posUnit;
    qsizetype endUnit;
};

Range clampRange(const Subject &s, qsizetype pos, qsizetype endpos)
{
    Range r;
    r.pos = std::clamp<qsizetype>(pos, 0, s.length());
    r.endpos = endpos < 0 ? s.length() : std::min(endpos, s.length());
    r.posUnit = s.toUtf16(r.pos);
    r.endUnit = s.toUtf16(r.endpos);
    return r;
}

bool isLimitCode(int rc)
{
    return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT
        || rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT
        || rc == PCRE2_ERROR_NOMEMORY;
}

void setMatchError(int rc, Error *error)
{
    if (!error) {
        return;
    }
    if (isLimitCode(rc)) {
        *error = Error{limitMessage(), -1, true};
    } else {
        PCRE2_UCHAR16 buffer[256];
        pcre2_get_error_message_16(rc, buffer, 256);
        *error = Error{QStringLiteral("matching failed: ")
                           + QString::fromUtf16(reinterpret_cast<const char16_t *>(buffer)),
                       -1, false};
    }
}

void fillUnits(Match &m, int groups, const PCRE2_SIZE *ov)
{
    m.units.resize(size_t(2 * (groups + 1)));
    for (size_t i = 0; i < m.units.size(); ++i) {
        m.units[i] = ov[i] == PCRE2_UNSET ? -1 : qsizetype(ov[i]);
    }
}

void fillMatch(Match &m, int groups, const PCRE2_SIZE *ov, OffsetMap &map)
{
    m.spans.resize(size_t(2 * (groups + 1)));
    fillUnits(m, groups, ov);
    const qsizetype s0 = qsizetype(ov[0]);
    const qsizetype e0 = qsizetype(ov[1]);
    const qsizetype cs0 = map.cp(s0);
    m.spans[0] = cs0;
    for (int g = 1; g <= groups; ++g) {
        if (ov[2 * g] == PCRE2_UNSET) {
            m.spans[size_t(2 * g)] = -1;
            m.spans[size_t(2 * g + 1)] = -1;
        } else {
            m.spans[size_t(2 * g)] = map.relative(s0, cs0, qsizetype(ov[2 * g]));
            m.spans[size_t(2 * g + 1)] = map.relative(s0, cs0, qsizetype(ov[2 * g + 1]));
        }
    }
    m.spans[1] = map.cp(e0);
}

} // namespace

std::optional<Match> Regex::single(const Subject &s, qsizetype pos, qsizetype endpos, Mode mode,
                                   Error *error, const std::atomic<bool> *cancel) const
{
    const Range r = clampRange(s, pos, endpos);
    if (r.pos > r.endpos) {
        // sre's search() finds nothing there and fullmatch() wants to end at endpos, but
        // match() runs from pos anyway and may find an empty match: '' or (a|)* do.
        return mode == Mode::Match ? matchPastEnd(s, r.pos, r.posUnit, r.endpos == 0)
                                   : std::nullopt;
    }
    uint32_t options = 0;
    if (mode == Mode::Match) {
        options |= PCRE2_ANCHORED;
    } else if (mode == Mode::Fullmatch) {
        options |= PCRE2_ANCHORED | PCRE2_ENDANCHORED;
    }
    pcre2_match_data_16 *md = threadState().narrow.data(uint32_t(m_groups + 1));
    bool cancelled = false;
    Budget budget(r.endUnit - r.posUnit, cancel);
    const int rc =
        d->find(s, d->routeFor(s), r.posUnit, r.endUnit, options, md, budget, &cancelled);
    if (rc == PCRE2_ERROR_NOMATCH) {
        return std::nullopt;
    }
    if (rc < 0) {
        setMatchError(rc, error);
        return std::nullopt;
    }
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer_16(md);
    Match m;
    OffsetMap map(s, r.posUnit, r.pos);
    fillMatch(m, m_groups, ov, map);
    return m;
}

std::optional<Match> Regex::matchPastEnd(const Subject &s, qsizetype pos, qsizetype posUnit,
                                         bool emptyRange) const
{
    const QString &text = s.matchText();
    const auto *u = reinterpret_cast<const char16_t *>(text.constData());
    const char32_t before = (posUnit >= 2 && isLow(u[posUnit - 1]) && isHigh(u[posUnit - 2]))
        ? QChar::surrogateToUcs4(u[posUnit - 2], u[posUnit - 1])
        : char32_t(u[posUnit - 1]); // pos > endpos >= 0: there is a character before
    const qsizetype atUnit = posUnit;
    detail::PastEnd at;
    at.lineBreakBefore = before == U'\n';
    at.lineBreakAt = atUnit < text.size() && text[atUnit] == QLatin1Char('\n');
    at.wordBefore = before == U'_'
        || (U_GET_GC_MASK(UChar32(before)) & (U_GC_L_MASK | U_GC_N_MASK)) != 0;
    at.asciiWordBefore = before < 0x80 && (std::isalnum(int(before)) || before == U'_');
    at.emptyRange = emptyRange;
    const detail::Translation t = detail::translatePastEnd(m_pattern, d->flagsIn, at);
    if (!t.ok) {
        return std::nullopt;
    }
    int errorCode = 0;
    PCRE2_SIZE errorOffset = 0;
    // The match either engine left in @p md, its offsets in code points from pos.
    const auto matchIn = [&](pcre2_match_data_16 *md) {
        Match m;
        OffsetMap map(s, posUnit, pos);
        fillMatch(m, m_groups, pcre2_get_ovector_pointer_16(md), map);
        return m;
    };
    const auto onEngine = [&](const detail::Translation &tr) -> std::optional<Match> {
        const auto engine = detail::SreEngine::create(tr.program, d->compileOptions, &errorCode);
        if (!engine) {
            return std::nullopt;
        }
        std::unique_ptr<pcre2_match_data_16, MatchDataDeleter> md(
            pcre2_match_data_create_16(uint32_t(m_groups + 1), nullptr));
        const int rc = engine->match(reinterpret_cast<const char16_t *>(text.constData()),
                                     size_t(posUnit), size_t(posUnit), PCRE2_ANCHORED,
                                     pcre2_get_ovector_pointer_16(md.get()), uint32_t(m_groups + 1),
                                     kBaseMatchLimit, {});
        if (rc < 0) {
            return std::nullopt;
        }
        return matchIn(md.get());
    };
    if (t.program && (!t.programForDottedI || s.hasDottedCapitalI())) {
        return onEngine(t);
    }
    std::unique_ptr<pcre2_code_16, void (*)(pcre2_code_16 *)> code(
        compileCode<16>(t.pcre, d->compileOptions, &errorCode, &errorOffset),
        pcre2_code_free_16);
    if (!code) {
        // Refused by PCRE2 (too complicated, too large for 16 bits): the sre engine.
        const detail::Translation full = detail::translatePastEnd(m_pattern, d->flagsIn, at, true);
        return full.program ? onEngine(full) : std::nullopt;
    }
    std::unique_ptr<pcre2_match_data_16, MatchDataDeleter> md(
        pcre2_match_data_create_16(uint32_t(m_groups + 1), nullptr));
    // The subject ends at pos: nothing can be consumed, look-behinds of width 0 see the text.
    MatchState<16> &state = threadState().narrow;
    state.setBudget(nullptr); // no budget here
    const int rc = pcre2_match_16(code.get(), reinterpret_cast<PCRE2_SPTR16>(text.constData()),
                                  PCRE2_SIZE(posUnit), PCRE2_SIZE(posUnit),
                                  PCRE2_ANCHORED | PCRE2_NO_UTF_CHECK, md.get(), state.context);
    if (rc < 0) {
        return std::nullopt;
    }
    return matchIn(md.get());
}

std::optional<Match> Regex::search(const Subject &s, qsizetype pos, qsizetype endpos,
                                   Error *error, const std::atomic<bool> *cancel) const
{
    return single(s, pos, endpos, Mode::Search, error, cancel);
}

std::optional<Match> Regex::match(const Subject &s, qsizetype pos, qsizetype endpos,
                                  Error *error, const std::atomic<bool> *cancel) const
{
    return single(s, pos, endpos, Mode::Match, error, cancel);
}

std::optional<Match> Regex::fullmatch(const Subject &s, qsizetype pos, qsizetype endpos,
                                      Error *error, const std::atomic<bool> *cancel) const
{
    return single(s, pos, endpos, Mode::Fullmatch, error, cancel);
}

bool Regex::forEach(const Subject &s, qsizetype pos, qsizetype endpos,
                    const std::function<bool(const Match &)> &callback, Error *error,
                    const std::atomic<bool> *cancel, Offsets offsets) const
{
    const Range r = clampRange(s, pos, endpos);
    if (r.pos > r.endpos) {
        return true;
    }
    std::unique_ptr<pcre2_match_data_16, MatchDataDeleter> md(
        pcre2_match_data_create_16(uint32_t(m_groups + 1), nullptr));
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer_16(md.get());
    OffsetMap map(s, r.posUnit, r.pos);
    Match m;
    qsizetype start = r.posUnit;
    bool mustAdvance = false;
    Budget budget(r.endUnit - r.posUnit, cancel); // one for all the matches of the request
    const Impl::Route route = d->routeFor(s);
    while (start <= r.endUnit) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            return true;
        }
        bool cancelled = false;
        const int rc = d->find(s, route, start, r.endUnit,
                               mustAdvance ? PCRE2_NOTEMPTY_ATSTART : 0, md.get(), budget,
                               &cancelled);
        if (rc == PCRE2_ERROR_NOMATCH) {
            return true;
        }
        if (rc < 0) {
            setMatchError(rc, error);
            return false;
        }
        if (offsets == Offsets::UnitsOnly) {
            fillUnits(m, m_groups, ov);
        } else {
            fillMatch(m, m_groups, ov, map);
        }
        if (!callback(m)) {
            return true;
        }
        // sre: the next search starts at the end; an empty match forbids another empty match
        // at the same place (Python 3.7+).
        mustAdvance = ov[1] == ov[0];
        start = qsizetype(ov[1]);
    }
    return true;
}

std::optional<std::vector<Match>> Regex::finditer(const Subject &s, qsizetype pos,
                                                  qsizetype endpos, Error *error) const
{
    std::vector<Match> out;
    const bool ok = forEach(
        s, pos, endpos,
        [&](const Match &m) {
            out.push_back(m);
            return true;
        },
        error);
    if (!ok) {
        return std::nullopt;
    }
    return out;
}

std::optional<FindallResult> Regex::findall(const Subject &s, qsizetype pos, qsizetype endpos,
                                            Error *error) const
{
    FindallResult result;
    result.groups = m_groups;
    const bool ok = forEach(
        s, pos, endpos,
        [&](const Match &m) {
            QStringList item;
            if (m_groups == 0) {
                item.append(m.text(s, 0));
            } else {
                for (int g = 1; g <= m_groups; ++g) {
                    item.append(m.text(s, g));
                }
            }
            result.items.append(item);
            return true;
        },
        error);
    if (!ok) {
        return std::nullopt;
    }
    return result;
}

std::optional<SubResult> Regex::sub(const QString &repl, const Subject &s, qsizetype count,
                                    Error *error) const
{
    const std::optional<Template> t = Template::compile(repl, *this, error);
    if (!t) {
        return std::nullopt;
    }
    return sub(*t, s, count, error);
}

std::optional<SubResult> Regex::sub(const Template &repl, const Subject &s, qsizetype count,
                                    Error *error) const
{
    SubResult result;
    if (count < 0) {
        // Python: a negative count substitutes nothing.
        result.text = s.text();
        return result;
    }
    QString &out = result.text;
    const QString &text = s.text();
    qsizetype lastUnit = 0;
    const bool ok = forEach(
        s, 0, -1,
        [&](const Match &m) {
            const qsizetype a = m.units[0];
            out += QStringView(text).mid(lastUnit, a - lastUnit);
            repl.expandInto(out, s, m);
            lastUnit = m.units[1];
            ++result.count;
            return count <= 0 || result.count < count;
        },
        error);
    if (!ok) {
        return std::nullopt;
    }
    out += QStringView(text).mid(lastUnit);
    return result;
}

std::optional<SplitResult> Regex::split(const Subject &s, qsizetype maxsplit, Error *error) const
{
    SplitResult result;
    qsizetype lastUnit = 0;
    qsizetype n = 0;
    if (maxsplit < 0) {
        // Python: a negative maxsplit splits nothing.
        result.items.append(s.text());
        return result;
    }
    const bool ok = forEach(
        s, 0, -1,
        [&](const Match &m) {
            result.items.append(s.text().mid(lastUnit, m.units[0] - lastUnit));
            for (int g = 1; g <= m_groups; ++g) {
                if (m.matched(g)) {
                    result.items.append(m.text(s, g));
                } else {
                    result.items.append(std::nullopt);
                }
            }
            lastUnit = m.units[1];
            ++n;
            return maxsplit == 0 || n < maxsplit;
        },
        error);
    if (!ok) {
        return std::nullopt;
    }
    result.items.append(s.text().mid(lastUnit));
    return result;
}

} // namespace stdlab::re

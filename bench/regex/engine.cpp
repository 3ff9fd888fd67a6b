// bench_regex_engine TEXT_FILE PATTERN...: for each pattern, times StdLab's engine doing what the
// Regex panel does (Subject, compile, finditer keeping every group's span in UTF-16 units and in
// code points) and a minimal raw PCRE2-JIT loop (8-bit over the UTF-8 bytes and 16-bit over the
// same UTF-16, PCRE2_UTF | PCRE2_UCP, spans only), best of 5 taking turns. One JSON line per
// pattern on stdout.
#define PCRE2_CODE_UNIT_WIDTH 0
#include <pcre2.h>

#include "regex/pyregex.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <vector>

using namespace stdlab::re;

namespace {

// Best of kRounds, the three runners taking turns in each round, so that a busy machine slows
// them alike instead of whichever happened to run while it was busy.
constexpr int kRounds = 5;

struct Figure
{
    double ms = 1e18;
    qsizetype count = 0;
};

void keepBest(Figure &best, const Figure &f)
{
    if (f.ms < best.ms) {
        best = f;
    }
}

// One round of StdLab's engine doing the panel's work, compiling the pattern included.
Figure stdlabOnce(const QString &text, const QString &pattern)
{
    QElapsedTimer t;
    t.start();
    const Subject subject(text);
    Error error;
    const auto regex = Regex::compile(pattern, 0, &error);
    if (!regex) {
        std::fprintf(stderr, "compile: %s\n", qPrintable(error.message));
        std::exit(1);
    }
    // The panel's blocks: UTF-16 spans for painting, code point spans for display.
    std::vector<qint32> units;
    std::vector<qint32> cps;
    qsizetype count = 0;
    const bool ok = regex->forEach(
        subject, 0, -1,
        [&](const Match &m) {
            for (size_t k = 0; k < m.spans.size(); ++k) {
                units.push_back(qint32(m.units[k]));
                cps.push_back(qint32(m.spans[k]));
            }
            ++count;
            return true;
        },
        &error);
    const double ms = double(t.nsecsElapsed()) / 1e6;
    if (!ok) {
        std::fprintf(stderr, "match: %s\n", qPrintable(error.message));
        std::exit(1);
    }
    return {ms, count};
}

// The PCRE2 API of one code unit width, so that one loop serves the 8- and 16-bit libraries.
#define STDLAB_PCRE2_API(W)                                                                     \
    struct Pcre##W                                                                              \
    {                                                                                           \
        using Unit = PCRE2_UCHAR##W;                                                            \
        static constexpr auto compile = pcre2_compile_##W;                                      \
        static constexpr auto jitCompile = pcre2_jit_compile_##W;                               \
        static constexpr auto matchData = pcre2_match_data_create_from_pattern_##W;             \
        static constexpr auto context = pcre2_match_context_create_##W;                         \
        static constexpr auto stack = pcre2_jit_stack_create_##W;                               \
        static constexpr auto assign = pcre2_jit_stack_assign_##W;                              \
        static constexpr auto pairs = pcre2_get_ovector_count_##W;                              \
        static constexpr auto match = pcre2_jit_match_##W;                                      \
        static constexpr auto ovector = pcre2_get_ovector_pointer_##W;                          \
        static constexpr auto freeStack = pcre2_jit_stack_free_##W;                             \
        static constexpr auto freeContext = pcre2_match_context_free_##W;                       \
        static constexpr auto freeData = pcre2_match_data_free_##W;                             \
        static constexpr auto freeCode = pcre2_code_free_##W;                                   \
    };
STDLAB_PCRE2_API(8)
STDLAB_PCRE2_API(16)

// A minimal raw PCRE2-JIT finditer loop, spans only; compiled once.
template <typename Api>
class RawRun
{
public:
    using Unit = typename Api::Unit;
    RawRun(const Unit *s, size_t len, const Unit *pattern, size_t patternLen) : m_s(s), m_len(len)
    {
        int code = 0;
        PCRE2_SIZE offset = 0;
        m_re = Api::compile(pattern, patternLen, PCRE2_UTF | PCRE2_UCP, &code, &offset, nullptr);
        Api::jitCompile(m_re, PCRE2_JIT_COMPLETE);
        m_md = Api::matchData(m_re, nullptr);
        m_mc = Api::context(nullptr);
        m_stack = Api::stack(32 * 1024, 1024 * 1024, nullptr);
        Api::assign(m_mc, nullptr, m_stack);
    }
    ~RawRun()
    {
        Api::freeStack(m_stack);
        Api::freeContext(m_mc);
        Api::freeData(m_md);
        Api::freeCode(m_re);
    }
    RawRun(const RawRun &) = delete;
    RawRun &operator=(const RawRun &) = delete;

    Figure once() const
    {
        const uint32_t pairs = Api::pairs(m_md);
        QElapsedTimer t;
        t.start();
        std::vector<PCRE2_SIZE> spans;
        qsizetype count = 0;
        PCRE2_SIZE start = 0;
        while (start <= m_len) {
            if (Api::match(m_re, m_s, m_len, start, 0, m_md, m_mc) < 0) {
                break;
            }
            const PCRE2_SIZE *ov = Api::ovector(m_md);
            spans.insert(spans.end(), ov, ov + 2 * pairs);
            ++count;
            start = ov[1] > ov[0] ? ov[1] : ov[1] + 1; // none of the patterns matches empty
        }
        return {double(t.nsecsElapsed()) / 1e6, count};
    }

private:
    const Unit *m_s;
    size_t m_len;
    decltype(Api::compile(nullptr, 0, 0, nullptr, nullptr, nullptr)) m_re = nullptr;
    decltype(Api::matchData(nullptr, nullptr)) m_md = nullptr;
    decltype(Api::context(nullptr)) m_mc = nullptr;
    decltype(Api::stack(0, 0, nullptr)) m_stack = nullptr;
};

} // namespace

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_regex_engine TEXT_FILE PATTERN...\n");
        return 2;
    }
    QFile file(QString::fromLocal8Bit(argv[1]));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", argv[1]);
        return 1;
    }
    const QByteArray utf8 = file.readAll();
    const QString text = QString::fromUtf8(utf8);
    for (int i = 2; i < argc; ++i) {
        const QString pattern = QString::fromUtf8(argv[i]);
        const QByteArray pattern8 = pattern.toUtf8();
        const RawRun<Pcre8> raw8(reinterpret_cast<PCRE2_SPTR8>(utf8.constData()),
                                 size_t(utf8.size()),
                                 reinterpret_cast<PCRE2_SPTR8>(pattern8.constData()),
                                 size_t(pattern8.size()));
        const RawRun<Pcre16> raw16(reinterpret_cast<PCRE2_SPTR16>(text.utf16()),
                                   size_t(text.size()),
                                   reinterpret_cast<PCRE2_SPTR16>(pattern.utf16()),
                                   size_t(pattern.size()));
        Figure s;
        Figure p8;
        Figure p16;
        for (int round = 0; round < kRounds; ++round) {
            keepBest(s, stdlabOnce(text, pattern));
            keepBest(p8, raw8.once());
            keepBest(p16, raw16.once());
        }
        QJsonObject o{{"pattern", pattern},        {"stdlab_ms", s.ms},
                      {"stdlab_count", s.count},   {"pcre2_8_ms", p8.ms},
                      {"pcre2_8_count", p8.count}, {"pcre2_16_ms", p16.ms},
                      {"pcre2_16_count", p16.count}};
        std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
    }
    return 0;
}

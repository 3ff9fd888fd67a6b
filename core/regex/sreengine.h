#pragma once

#include <QtGlobal>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

// Internal to the regex engine: runs an SreProgram (pytranslate.h) as sre does.
namespace stdlab::re::detail {

struct SreProgram;

/**
 * A compiled SreProgram: sre's matching loop for the patterns PCRE2 cannot run as sre does.
 * Thread-safe: match() keeps its state per call.
 */
class SreEngine
{
public:
    /// Compiles the program's fragments with @p compileOptions (PCRE2, 16-bit); nullptr and
    /// *errorCode when PCRE2 refuses one. @p codePoints: for subjects of code points (a Python
    /// str holding lone surrogates): 32-bit fragments without UTF, matched by the char32_t
    /// match(); the program must then be translated for lone surrogates.
    static std::unique_ptr<SreEngine> create(std::shared_ptr<const SreProgram> program,
                                             uint32_t compileOptions, int *errorCode,
                                             bool codePoints = false);
    ~SreEngine();
    SreEngine(const SreEngine &) = delete;
    SreEngine &operator=(const SreEngine &) = delete;

    /**
     * pcre2_match() on UTF-16 @p subject of @p length units from @p start, with the options
     * PCRE2_ANCHORED, PCRE2_ENDANCHORED and PCRE2_NOTEMPTY_ATSTART. Fills @p ovector (@p pairs
     * pairs) in UTF-16 units and returns the number of pairs set, PCRE2_ERROR_NOMATCH,
     * PCRE2_ERROR_MATCHLIMIT (more than @p stepLimit steps, or its stacks too large), or the
     * non-zero value @p poll returned (called every few thousand steps).
     */
    int match(const char16_t *subject, size_t length, size_t start, uint32_t options,
              size_t *ovector, uint32_t pairs, quint64 stepLimit,
              const std::function<int()> &poll) const;
    /// match() on a subject of code points, offsets in code points (codePoints() engines).
    int match(const char32_t *subject, size_t length, size_t start, uint32_t options,
              size_t *ovector, uint32_t pairs, quint64 stepLimit,
              const std::function<int()> &poll) const;
    bool codePoints() const { return m_codePoints; }

    struct Fragment; ///< one compiled fragment (sreengine.cpp)

private:
    SreEngine() = default;
    std::shared_ptr<const SreProgram> m_program;
    std::vector<Fragment> m_fragments;
    bool m_codePoints = false;
};

} // namespace stdlab::re::detail

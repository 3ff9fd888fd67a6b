#pragma once

#include "regex/pyregex.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <atomic>
#include <optional>

namespace stdlab::re {

/// One measurement stops past this many steps (callouts): a few tens of milliseconds.
inline constexpr quint64 kRedosMaxSteps = 1'000'000;

/**
 * Whether a pattern can hang Python's `re` (catastrophic backtracking), and the text that does
 * it. Candidates come from CPython's parse tree (detail::parseTree): a repeat whose body can
 * match the same text in two ways (a repeat or an ambiguous alternation inside it: exponential,
 * EDA) and a repeat followed by another over overlapping characters (polynomial, IDA); atomic
 * groups and possessive repeats cut both. Each candidate is then measured: the steps a
 * backtracking run of the pattern takes (PCRE2's interpreter with an automatic callout before
 * each item, no start-of-match optimisation, no auto-possessification) on prefix + pump * n +
 * suffix for growing n, the text never matching. Only a measured growth gives a verdict other
 * than Safe: Exponential when the steps keep multiplying by the same factor per pump, Polynomial
 * with the degree the steps grow by when n doubles. Where re.match shows no growth, every
 * unbounded repeat (possessive and atomic ones too) is measured once more under re.search, which
 * runs it from each start position: \w+@, (?>a+)+$ and a+b are n^2 there.
 */
struct RedosVerdict
{
    enum class Kind { Safe, Polynomial, Exponential };
    Kind kind = Kind::Safe;
    int degree = 0; ///< Polynomial: steps grow as n^degree
    QString prefix, pump, suffix; ///< the attack (not Safe)
    /// The function the attack is for: "match" (then search too), "fullmatch" (the text must
    /// match whole: a $ at the end of the pattern, or re.fullmatch) or "search" (re.search,
    /// findall, finditer, sub and split, which try every start: \w+@ on 'a' * n is n^2 there
    /// while re.match is linear).
    QString function;
    qsizetype spanStart = -1; ///< the repeat responsible, in code points of the pattern
    qsizetype spanEnd = -1;
    struct Point
    {
        int n = 0;
        qint64 steps = 0; ///< -1: past the measuring budget
    };
    QList<Point> steps; ///< the attack's measurements, n ascending
    /// Polynomial, function "match": the degree re.search (and findall, finditer, sub) grows by
    /// on the same text, which it tries from every start position: measured by a search run
    /// (a*a*b: match n^2, search n^3); 0 when not measured or when a search finds a match.
    /// Function "search": the degree.
    int searchDegree = 0;
    /// False when the analysis gave up (its step budget, or cancelled) before trying every
    /// candidate; a Safe verdict then only means that nothing was found in time: its JSON
    /// verdict is "unknown", with the reason.
    bool complete = true;
    /// Why the analysis is not complete.
    enum class Gap {
        None,
        /// A candidate took more steps than one run may already on the shortest text: a large
        /// constant ((a|aa){30}$: 4.7 s in python3 whatever comes after) or a growth, not told
        /// apart. `heavy` is that text and its repeat (spanStart/spanEnd when Safe).
        StepBudget,
        Time, ///< the analysis used its steps or CPU time before trying every candidate
    };
    Gap gap = Gap::None;
    struct Heavy
    {
        QString prefix, pump, suffix;
        int n = 0;
        qsizetype spanStart = -1, spanEnd = -1;
    };
    Heavy heavy; ///< Gap::StepBudget: the text over the step budget (prefix + pump * n + suffix)
};

/// The verdict, or nullopt with *error set as re.compile would say it (or when @p cancel
/// became true).
std::optional<RedosVerdict> redos(const QString &pattern, int flags, Error *error = nullptr,
                                  const std::atomic<bool> *cancel = nullptr);

/// {"verdict", "degree", "search_degree", "attack": {"prefix", "pump", "suffix"}|null,
///  "span": [s, e]|null, "function", "steps": [[n, steps], ...], "complete", "reason"}: the
///  `redos` op's result. "verdict" is "unknown" (not "safe") when nothing was found but the
///  analysis is not complete; "reason" then says why ("step_budget", with "heavy": {"prefix",
///  "pump", "suffix", "n", "span"}, or "time"), null otherwise.
QJsonObject redosJson(const RedosVerdict &verdict);

/// The verdict for a terminal, in the UI language (context "RegexRedos"), for @p pattern.
QString redosText(const QString &pattern, const RedosVerdict &verdict);

} // namespace stdlab::re

#pragma once

#include "regex/pyregex.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <atomic>
#include <optional>

namespace stdlab::re {

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
 * with the degree the steps grow by when n doubles.
 */
struct RedosVerdict
{
    enum class Kind { Safe, Polynomial, Exponential };
    Kind kind = Kind::Safe;
    int degree = 0; ///< Polynomial: steps grow as n^degree
    QString prefix, pump, suffix; ///< the attack (not Safe)
    /// The function the attack is for: "match" (then search too) or "fullmatch" (the text must
    /// match whole: a $ at the end of the pattern, or re.fullmatch).
    QString function;
    qsizetype spanStart = -1; ///< the repeat responsible, in code points of the pattern
    qsizetype spanEnd = -1;
    struct Point
    {
        int n = 0;
        qint64 steps = 0; ///< -1: past the measuring budget
    };
    QList<Point> steps; ///< the attack's measurements, n ascending
    /// False when the analysis gave up (its step budget, or cancelled) before trying every
    /// candidate; a Safe verdict then only means that nothing was found in time.
    bool complete = true;
};

/// The verdict, or nullopt with *error set as re.compile would say it (or when @p cancel
/// became true).
std::optional<RedosVerdict> redos(const QString &pattern, int flags, Error *error = nullptr,
                                  const std::atomic<bool> *cancel = nullptr);

/// {"verdict", "degree", "attack": {"prefix", "pump", "suffix"}|null, "span": [s, e]|null,
///  "function", "steps": [[n, steps], ...], "complete"}: the `redos` op's result.
QJsonObject redosJson(const RedosVerdict &verdict);

/// The verdict for a terminal, in the UI language (context "RegexRedos"), for @p pattern.
QString redosText(const QString &pattern, const RedosVerdict &verdict);

} // namespace stdlab::re

#pragma once

#include "regex/pyregex.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace stdlab::chat {

/** One reply rule as the user writes it: a Python pattern and a reply template. */
struct ReplyRule
{
    QString pattern;
    QString reply; ///< a template as Match.expand() reads it: \1, \g<name>, \g<0>, \n
    bool operator==(const ReplyRule &o) const
    {
        return pattern == o.pattern && reply == o.reply;
    }
};

/// "PATTERN=>TEMPLATE" (split at the first "=>") as `stdlab serve --rule` takes it; nullopt
/// when there is no "=>".
std::optional<ReplyRule> parseRuleSpec(const QString &spec);

/**
 * The `rules` server mode: ordered rules, compiled once with StdLab's Python-`re` engine, and
 * an optional default reply. A line gets the reply of the first rule whose pattern matches the
 * whole line (re.fullmatch, as the Python program shown beside it does), expanded like
 * Match.expand(); no rule matching gives the default, or no reply. Thread-safe once compiled
 * (the server's workers share one).
 */
class ReplyRules
{
public:
    /// Compiles every rule; on an error returns nullptr and sets *error to "rule N: " and
    /// Python's message (re.error's str(), or IndexError's for an unknown group name).
    static std::shared_ptr<const ReplyRules> compile(const QList<ReplyRule> &rules,
                                                     const std::optional<QString> &defaultReply,
                                                     QString *error = nullptr);

    const QList<ReplyRule> &rules() const { return m_source; }
    const std::optional<QString> &defaultReply() const { return m_default; }

    /** What a line gets back. */
    struct Answer
    {
        std::optional<QString> reply; ///< nullopt: no rule matched and there is no default
        int rule = -1;                ///< 0-based index of the rule that matched, -1: none
        QString error; ///< a rule stopped at the backtracking limit (it is skipped)
    };
    /// @p line without its terminator.
    Answer answer(const QString &line) const;

private:
    struct Compiled
    {
        std::shared_ptr<const re::Regex> regex;
        re::Template reply;
    };
    QList<ReplyRule> m_source;
    std::vector<Compiled> m_compiled;
    std::optional<QString> m_default;
};

} // namespace stdlab::chat

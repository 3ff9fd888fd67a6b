#include "chat/replyrules.h"

namespace stdlab::chat {

std::optional<ReplyRule> parseRuleSpec(const QString &spec)
{
    const qsizetype arrow = spec.indexOf(QLatin1String("=>"));
    if (arrow < 0) {
        return std::nullopt;
    }
    return ReplyRule{spec.left(arrow), spec.mid(arrow + 2)};
}

std::shared_ptr<const ReplyRules> ReplyRules::compile(const QList<ReplyRule> &rules,
                                                      const std::optional<QString> &defaultReply,
                                                      QString *error)
{
    auto result = std::shared_ptr<ReplyRules>(new ReplyRules);
    result->m_source = rules;
    result->m_default = defaultReply;
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const ReplyRule &r = rules.at(i);
        re::Error e;
        auto regex = re::Regex::compile(r.pattern, 0, &e);
        if (!regex) {
            if (error) {
                *error = QStringLiteral("rule %1: %2").arg(i + 1).arg(re::errorString(e, r.pattern));
            }
            return nullptr;
        }
        // Python parses a template when it first expands it; a rule that can never expand is
        // refused now, with the message the first matching line would raise.
        auto reply = re::Template::compile(r.reply, *regex, &e);
        if (!reply) {
            if (error) {
                *error = QStringLiteral("rule %1: %2").arg(i + 1).arg(re::errorString(e, r.reply));
            }
            return nullptr;
        }
        result->m_compiled.push_back({std::move(regex), std::move(*reply)});
    }
    return result;
}

ReplyRules::Answer ReplyRules::answer(const QString &line) const
{
    Answer a;
    const re::Subject subject(line);
    for (size_t i = 0; i < m_compiled.size(); ++i) {
        re::Error e;
        const auto m = m_compiled[i].regex->fullmatch(subject, 0, -1, &e);
        if (m) {
            a.rule = int(i);
            a.reply = m_compiled[i].reply.expand(subject, *m);
            return a;
        }
        if (e.limit && a.error.isEmpty()) {
            a.error = QStringLiteral("rule %1: %2").arg(i + 1).arg(re::limitMessage());
        }
    }
    a.reply = m_default;
    return a;
}

} // namespace stdlab::chat

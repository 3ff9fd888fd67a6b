#include "regex/regexexplain.h"

#include "common/pyrepr.h"
#include "regex/pytranslate.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>

namespace stdlab::re {

namespace {

// Walks the tree of detail::parseTree() beside its spans.
class Explainer
{
    Q_DECLARE_TR_FUNCTIONS(RegexExplain)

public:
    Explainer(const QJsonObject &parsed, QList<ExplainLine> *out) : m_out(out)
    {
        const QJsonObject index = parsed.value(QStringLiteral("groupindex")).toObject();
        for (auto it = index.begin(); it != index.end(); ++it) {
            m_names.insert(it.value().toInt(), it.key());
        }
    }

    void seq(const QJsonArray &items, const QJsonArray &spans, int depth, int flags)
    {
        for (qsizetype i = 0; i < items.size(); ++i) {
            node(items.at(i).toArray(), spans.at(i).toArray(), depth, flags);
        }
    }

private:
    void line(int depth, const QJsonArray &span, const QString &text)
    {
        m_out->append(ExplainLine{depth, qsizetype(span.at(0).toInteger()),
                                  qsizetype(span.at(1).toInteger()), text});
    }
    // A span covering a list of item spans (an alternative, a branch of a conditional), or
    // @p fallback for an empty one.
    static QJsonArray cover(const QJsonArray &spans, const QJsonArray &fallback)
    {
        if (spans.isEmpty()) {
            return QJsonArray{fallback.at(0), fallback.at(0)};
        }
        return QJsonArray{spans.first().toArray().at(0), spans.last().toArray().at(1)};
    }

    QString groupName(int g) const
    {
        const QString name = m_names.value(g);
        return name.isEmpty() ? tr("group %1").arg(g)
                              : tr("group %1 (%2)").arg(g).arg(py::repr(name));
    }

    static QString character(qint64 c)
    {
        const char32_t ch = char32_t(c);
        return py::repr(py::fromCodePoints(&ch, 1));
    }

    static QString caseNote(int flags)
    {
        return (flags & IGNORECASE) ? tr(", in either case (IGNORECASE)") : QString();
    }

    static QString category(const QString &name, int flags)
    {
        const bool ascii = flags & ASCII;
        if (name == QLatin1String("CATEGORY_DIGIT")) {
            return ascii ? tr("a digit 0-9 (ASCII flag)")
                         : tr("a digit: any Unicode decimal digit, not only 0-9, because the "
                              "ASCII flag is off");
        }
        if (name == QLatin1String("CATEGORY_NOT_DIGIT")) {
            return ascii ? tr("any character but a digit 0-9 (ASCII flag)")
                         : tr("any character but a Unicode decimal digit");
        }
        if (name == QLatin1String("CATEGORY_SPACE")) {
            return ascii ? tr("a whitespace character: space, \\t, \\n, \\r, \\f or \\v (ASCII "
                              "flag)")
                         : tr("a whitespace character: space, tab, newline and the other "
                              "Unicode spaces, because the ASCII flag is off");
        }
        if (name == QLatin1String("CATEGORY_NOT_SPACE")) {
            return tr("any character but whitespace");
        }
        if (name == QLatin1String("CATEGORY_WORD")) {
            return ascii ? tr("a word character: a-z, A-Z, 0-9 or underscore (ASCII flag)")
                         : tr("a word character: Unicode letters, digits and underscore, "
                              "because the ASCII flag is off");
        }
        if (name == QLatin1String("CATEGORY_NOT_WORD")) {
            return ascii ? tr("any character but a-z, A-Z, 0-9 and underscore (ASCII flag)")
                         : tr("any character but a Unicode letter, digit or underscore");
        }
        return name;
    }

    static QString anchor(const QString &name, int flags)
    {
        const bool multiline = flags & MULTILINE;
        if (name == QLatin1String("AT_BEGINNING")) {
            return multiline ? tr("the start of a line (MULTILINE)") : tr("the start of the text");
        }
        if (name == QLatin1String("AT_END")) {
            return multiline ? tr("the end of a line (MULTILINE)")
                             : tr("the end of the text, or just before a newline that ends it");
        }
        if (name == QLatin1String("AT_BEGINNING_STRING")) {
            return tr("the start of the text, whatever the flags");
        }
        if (name == QLatin1String("AT_END_STRING")) {
            return tr("the very end of the text, whatever the flags");
        }
        if (name == QLatin1String("AT_BOUNDARY")) {
            return tr("a word boundary: a word character on one side only");
        }
        if (name == QLatin1String("AT_NON_BOUNDARY")) {
            return tr("not a word boundary");
        }
        return name;
    }

    static QString repeat(const QString &op, const QJsonArray &av)
    {
        const bool unbounded = av.at(1).isString();
        const qint64 min = av.at(0).toInteger();
        const qint64 max = unbounded ? -1 : av.at(1).toInteger();
        QString times;
        if (!unbounded && min == max) {
            times = tr("exactly %n time(s)", nullptr, int(min));
        } else if (min == 0 && max == 1) {
            times = tr("optionally (0 or 1 time)");
        } else if (unbounded && min == 0) {
            times = tr("zero or more times");
        } else if (unbounded) {
            // "1 or more times" (the plural rule made it "1 or more time").
            times = tr("%1 or more times").arg(min);
        } else {
            times = tr("between %1 and %2 times").arg(min).arg(max);
        }
        if (op == QLatin1String("MIN_REPEAT")) {
            return tr("%1, as few as possible (lazy):").arg(times);
        }
        if (op == QLatin1String("POSSESSIVE_REPEAT")) {
            return tr("%1, as many as possible and never giving any back (possessive):")
                .arg(times);
        }
        return tr("%1, as many as possible (greedy):").arg(times);
    }

    void node(const QJsonArray &item, const QJsonArray &span, int depth, int flags)
    {
        const QString op = item.at(0).toString();
        const QJsonValue av = item.at(1);
        auto body = [&](int k) { return span.at(2 + k).toArray(); };
        if (op == QLatin1String("LITERAL")) {
            line(depth, span, tr("the character %1").arg(character(av.toInteger())) + caseNote(flags));
        } else if (op == QLatin1String("NOT_LITERAL")) {
            line(depth, span,
                 tr("any character but %1").arg(character(av.toInteger())) + caseNote(flags));
        } else if (op == QLatin1String("ANY")) {
            line(depth, span, (flags & DOTALL) ? tr("any character, newline included (DOTALL)")
                                               : tr("any character but a newline"));
        } else if (op == QLatin1String("AT")) {
            line(depth, span, anchor(av.toString(), flags));
        } else if (op == QLatin1String("IN")) {
            QJsonArray set = av.toArray();
            const bool negate = !set.isEmpty()
                && set.first().toArray().at(0).toString() == QLatin1String("NEGATE");
            if (negate) {
                set.removeFirst();
            }
            auto memberText = [flags](const QJsonArray &member) {
                const QString kind = member.at(0).toString();
                if (kind == QLatin1String("LITERAL")) {
                    return character(member.at(1).toInteger());
                }
                if (kind == QLatin1String("RANGE")) {
                    const QJsonArray r = member.at(1).toArray();
                    return tr("a character from %1 to %2")
                        .arg(character(r.at(0).toInteger()), character(r.at(1).toInteger()));
                }
                return category(member.at(1).toString(), flags);
            };
            if (!negate && set.size() == 1) {
                // \d, \w, [a-z]: one line
                const QJsonArray member = set.first().toArray();
                line(depth, span,
                     memberText(member)
                         + (member.at(0).toString() == QLatin1String("CATEGORY") ? QString()
                                                                                 : caseNote(flags)));
                return;
            }
            line(depth, span,
                 (negate ? tr("one character that is none of these%1:")
                         : tr("one character that is any of these%1:"))
                     .arg(caseNote(flags)));
            for (const QJsonValue &v : set) {
                line(depth + 1, span, memberText(v.toArray()));
            }
        } else if (op == QLatin1String("BRANCH")) {
            const QJsonArray alternatives = av.toArray().at(1).toArray();
            line(depth, span,
                 tr("one of %n alternative(s), tried from left to right; the first that lets the "
                    "rest match wins:",
                    nullptr, int(alternatives.size())));
            for (qsizetype k = 0; k < alternatives.size(); ++k) {
                const QJsonArray spans = body(int(k));
                line(depth + 1, cover(spans, span),
                     alternatives.at(k).toArray().isEmpty()
                         ? tr("alternative %1: nothing (matches the empty string)").arg(k + 1)
                         : tr("alternative %1:").arg(k + 1));
                seq(alternatives.at(k).toArray(), spans, depth + 2, flags);
            }
        } else if (op == QLatin1String("SUBPATTERN")) {
            const QJsonArray a = av.toArray();
            const int add = a.at(1).toInt();
            const int del = a.at(2).toInt();
            const int inner = flagsInGroup(flags, add, del);
            if (a.at(0).isNull()) {
                line(depth, span, tr("a group that changes the flags (%1) for its part:")
                                      .arg(scopedFlagWords(add, del)));
            } else {
                line(depth, span, tr("%1, capturing what this part matches:")
                                      .arg(groupName(a.at(0).toInt())));
                m_out->last().group = a.at(0).toInt();
            }
            seq(a.at(3).toArray(), body(0), depth + 1, inner);
        } else if (op == QLatin1String("ATOMIC_GROUP")) {
            line(depth, span,
                 tr("an atomic group: once it has matched, it never gives characters back:"));
            seq(av.toArray(), body(0), depth + 1, flags);
        } else if (op == QLatin1String("MAX_REPEAT") || op == QLatin1String("MIN_REPEAT")
                   || op == QLatin1String("POSSESSIVE_REPEAT")) {
            const QJsonArray a = av.toArray();
            line(depth, span, repeat(op, a));
            seq(a.at(2).toArray(), body(0), depth + 1, flags);
        } else if (op == QLatin1String("GROUPREF")) {
            line(depth, span,
                 tr("the same text %1 matched").arg(groupName(av.toInt())) + caseNote(flags));
        } else if (op == QLatin1String("GROUPREF_EXISTS")) {
            const QJsonArray a = av.toArray();
            line(depth, span, tr("a condition: if %1 has matched").arg(groupName(a.at(0).toInt())));
            const QJsonArray yes = body(0);
            line(depth + 1, cover(yes, span),
                 a.at(1).toArray().isEmpty() ? tr("then: nothing") : tr("then:"));
            seq(a.at(1).toArray(), yes, depth + 2, flags);
            if (a.at(2).isNull()) {
                line(depth + 1, QJsonArray{span.at(1), span.at(1)}, tr("else: nothing"));
            } else {
                const QJsonArray no = body(1);
                line(depth + 1, cover(no, span),
                     a.at(2).toArray().isEmpty() ? tr("else: nothing") : tr("else:"));
                seq(a.at(2).toArray(), no, depth + 2, flags);
            }
        } else if (op == QLatin1String("ASSERT") || op == QLatin1String("ASSERT_NOT")) {
            const QJsonArray a = av.toArray();
            const bool behind = a.at(0).toInt() < 0;
            const bool negative = op == QLatin1String("ASSERT_NOT");
            QString text;
            if (behind) {
                text = negative ? tr("not preceded by this (negative lookbehind, consumes nothing):")
                                : tr("preceded by this (lookbehind, consumes nothing):");
            } else {
                text = negative ? tr("not followed by this (negative lookahead, consumes nothing):")
                                : tr("followed by this (lookahead, consumes nothing):");
            }
            line(depth, span, text);
            seq(a.at(1).toArray(), body(0), depth + 1, flags);
        } else {
            line(depth, span, op);
        }
    }

public:
    static QString flagsLine(const QString &names) { return tr("flags in force: %1").arg(names); }
    static QString emptyLine() { return tr("nothing: matches the empty string everywhere"); }

private:
    QList<ExplainLine> *m_out;
    QHash<int, QString> m_names;
};

} // namespace

QStringList flagNames(int flags)
{
    static const std::pair<int, const char *> kNames[] = {
        {IGNORECASE, "IGNORECASE"}, {MULTILINE, "MULTILINE"}, {DOTALL, "DOTALL"},
        {VERBOSE, "VERBOSE"},       {ASCII, "ASCII"},         {32, "UNICODE"}};
    QStringList names;
    for (const auto &[flag, name] : kNames) {
        if (flags & flag) {
            names << QLatin1String(name);
        }
    }
    return names;
}

QString flagsExpression(int flags)
{
    QStringList parts;
    for (const QString &name : flagNames(flags & ~32)) {
        parts << QLatin1String("re.") + name;
    }
    return parts.join(QLatin1String(" | "));
}

QString scopedFlagWords(int add, int del)
{
    QStringList parts;
    for (const QString &name : flagNames(add)) {
        parts << QLatin1Char('+') + name;
    }
    for (const QString &name : flagNames(del)) {
        parts << QLatin1Char('-') + name;
    }
    return parts.join(QLatin1Char(' '));
}

int flagsInGroup(int flags, int add, int del)
{
    // A type flag (ASCII, UNICODE, LOCALE) turned on replaces the one in force.
    constexpr int kTypeFlags = ASCII | 32 /* UNICODE */ | 4 /* LOCALE */;
    if (add & kTypeFlags) {
        flags &= ~kTypeFlags;
    }
    return (flags | add) & ~del;
}

std::optional<QList<ExplainLine>> explain(const QString &pattern, int flags, Error *error)
{
    const detail::ParseTree t = detail::parseTree(pattern, flags);
    if (!t.ok) {
        if (error) {
            *error = Error{t.errorMessage, t.errorPos, false, t.errorKind};
        }
        return std::nullopt;
    }
    QList<ExplainLine> lines;
    const int all = t.result.value(QStringLiteral("flags")).toInt();
    const int shown = all & (IGNORECASE | MULTILINE | DOTALL | VERBOSE | ASCII);
    if (shown) {
        lines.append(
            ExplainLine{0, 0, 0, Explainer::flagsLine(flagNames(shown).join(QStringLiteral(", ")))});
    }
    Explainer(t.result, &lines)
        .seq(t.result.value(QStringLiteral("tree")).toArray(),
             t.result.value(QStringLiteral("spans")).toArray(), 0, all);
    if (lines.isEmpty() || (shown && lines.size() == 1)) {
        lines.append(ExplainLine{0, 0, 0, Explainer::emptyLine()});
    }
    return lines;
}

QJsonArray explainJson(const QList<ExplainLine> &lines)
{
    QJsonArray out;
    for (const ExplainLine &l : lines) {
        out.append(QJsonObject{{QStringLiteral("depth"), l.depth},
                               {QStringLiteral("span"), QJsonArray{qint64(l.start), qint64(l.end)}},
                               {QStringLiteral("text"), l.text}});
    }
    return out;
}

QString explainText(const QString &pattern, const QList<ExplainLine> &lines)
{
    const std::u32string cps = py::codePoints(pattern);
    QString out;
    for (const ExplainLine &l : lines) {
        const QString indent(2 * l.depth, QLatin1Char(' '));
        const qsizetype s = std::clamp<qsizetype>(l.start, 0, qsizetype(cps.size()));
        const qsizetype e = std::clamp<qsizetype>(l.end, s, qsizetype(cps.size()));
        out += indent;
        if (e > s) {
            out += QLatin1Char('`') + py::fromCodePoints(cps.data() + s, e - s)
                + QStringLiteral("`  ");
        }
        out += l.text + QLatin1Char('\n');
    }
    return out;
}

} // namespace stdlab::re

#pragma once

#include "regex/pyregex.h"

#include <QJsonArray>
#include <QList>
#include <QString>

#include <optional>

namespace stdlab::re {

/**
 * A pattern explained, one line per element of the tree CPython's parser builds (the "parse"
 * op), depth first: what it matches in words of the UI language (the installed translators,
 * context "RegexExplain"), taking the flags in force there into account (IGNORECASE, ASCII,
 * DOTALL, MULTILINE, scoped ones too).
 */
struct ExplainLine
{
    int depth = 0;
    qsizetype start = 0; ///< the element's part of the pattern, in code points
    qsizetype end = 0;
    QString text;
    int group = 0; ///< the capturing group this element is (0: none)
};

/// re's names of the flags set in @p flags, in re's order ("IGNORECASE", "MULTILINE", ...).
QStringList flagNames(int flags);
/// The flags as Python code writes them: "re.IGNORECASE | re.MULTILINE" (empty for none; UNICODE,
/// the default for str, is left out).
QString flagsExpression(int flags);
/// A scoped group's flags as words: "+IGNORECASE -MULTILINE".
QString scopedFlagWords(int add, int del);
/// The flags in force inside a group (?add-del:...) where @p flags are in force.
int flagsInGroup(int flags, int add, int del);

/// The lines, or nullopt with *error set as Python's re.compile would say it.
std::optional<QList<ExplainLine>> explain(const QString &pattern, int flags, Error *error);

/// The lines as JSON: [{"depth", "span": [s, e], "text"}, ...].
QJsonArray explainJson(const QList<ExplainLine> &lines);

/// The lines for a terminal: the element of the pattern, then the sentence, indented by depth.
QString explainText(const QString &pattern, const QList<ExplainLine> &lines);

} // namespace stdlab::re

#pragma once

#include <QStringList>

#include <optional>

namespace stdlab {
namespace re {
struct Error;
}

/// What `stdlab regex explain|redos|railroad` share once their options are parsed: exactly
/// `NAME PATTERN` in @p args (else @p expected is the usage error), a language of es or en, and
/// @p letters as flags. Returns a usage error's exit status, or nullopt with *flags set and the
/// language installed.
std::optional<int> readPatternArguments(const QString &command, const QStringList &args,
                                        const QString &expected, const QString &language,
                                        const QString &letters, int *flags);
/// Prints "stdlab COMMAND: bad pattern: ..." with Python's message and returns cli::Failure.
int reportBadPattern(const QString &command, const re::Error &error, const QString &pattern);

/// `stdlab regex: Python re functions`: arguments[0] is the subcommand name; returns the process exit code.
int runRegexCommand(const QStringList &arguments);
} // namespace stdlab

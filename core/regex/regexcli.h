#pragma once

#include <QStringList>

namespace stdlab {
/// `stdlab regex: Python re functions`: arguments[0] is the subcommand name; returns the process exit code.
int runRegexCommand(const QStringList &arguments);
} // namespace stdlab

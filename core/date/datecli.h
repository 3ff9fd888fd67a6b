#pragma once

#include <QStringList>

namespace stdlab {
/// `stdlab date: datetime calculator with Python's semantics`: arguments[0] is the subcommand name; returns the process exit code.
int runDateCommand(const QStringList &arguments);
} // namespace stdlab

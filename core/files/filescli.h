#pragma once

#include <QStringList>

namespace stdlab {
/// `stdlab files copy|copytree`: shutil's copies on the Files tab's engine, headless;
/// arguments[0] is the subcommand name; returns the process exit code (0, 1 errors, 2 usage).
int runFilesCommand(const QStringList &arguments);
} // namespace stdlab

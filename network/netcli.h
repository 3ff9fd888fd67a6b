#pragma once

#include <QStringList>

namespace stdlab {
/// `stdlab serve tcp|udp ...`: arguments[0] is "serve"; returns the process exit code.
int runServeCommand(const QStringList &arguments);
/// `stdlab send tcp|udp HOST:PORT ...`: arguments[0] is "send"; returns the process exit code.
int runSendCommand(const QStringList &arguments);
} // namespace stdlab

#pragma once

#include <QString>

#include <optional>

namespace stdlab {

/// What a TCP server does with its clients: the course's four servers, and reply rules (each
/// line answered by the first rule whose regex matches it: replyrules.h). One definition for
/// the engine (network/), the Python code shown beside it (core/chat) and the panel.
enum class ServerMode { Greet, Echo, Chat, Room, Rules };

/// "greet", "echo", "chat", "room", "rules" (case-insensitive, surrounding spaces ignored);
/// nullopt otherwise.
std::optional<ServerMode> parseServerMode(const QString &name);
/// The lower-case name parseServerMode() reads back.
QString serverModeName(ServerMode mode);

} // namespace stdlab

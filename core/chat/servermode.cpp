#include "chat/servermode.h"

namespace stdlab {

std::optional<ServerMode> parseServerMode(const QString &name)
{
    const QString n = name.trimmed().toLower();
    for (ServerMode m : {ServerMode::Greet, ServerMode::Echo, ServerMode::Chat, ServerMode::Room,
                         ServerMode::Rules}) {
        if (n == serverModeName(m)) {
            return m;
        }
    }
    return std::nullopt;
}

QString serverModeName(ServerMode mode)
{
    switch (mode) {
    case ServerMode::Greet:
        return QStringLiteral("greet");
    case ServerMode::Echo:
        return QStringLiteral("echo");
    case ServerMode::Chat:
        return QStringLiteral("chat");
    case ServerMode::Room:
        return QStringLiteral("room");
    case ServerMode::Rules:
        return QStringLiteral("rules");
    }
    return {};
}

} // namespace stdlab

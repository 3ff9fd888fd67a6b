#pragma once

#include "chat/servermode.h"

#include <QString>

#include <optional>

namespace stdlab::net {

/** Where a client connects: a host name or address, and a port 1-65535. */
struct HostPort
{
    QString host; ///< without brackets: "127.0.0.1", "::1", "example.org"
    quint16 port = 0;

    friend bool operator==(const HostPort &, const HostPort &) = default;
};

/**
 * "HOST:PORT" or "[IPv6]:PORT" — the one reading of an endpoint for `stdlab send`, `--connect`
 * and the panel. The port is 1-65535 in plain digits. An IPv6 address must be bracketed: "::1:80"
 * is itself an IPv6 address, so an unbracketed host with a colon is refused, not guessed.
 */
std::optional<HostPort> parseHostPort(QStringView text);

/** A `--connect` preset: "[tcp:|udp:]HOST:PORT" (the prefix case-insensitive, tcp by default). */
struct ConnectTarget
{
    bool udp = false;
    HostPort endpoint;
};
std::optional<ConnectTarget> parseConnectTarget(QStringView text);

/** A `--serve` preset: "tcp:PORT[:greet|echo|chat|room]" (chat by default) or "udp:PORT". */
struct ServeSpec
{
    bool udp = false;
    quint16 port = 0; ///< 0: the system picks one
    ServerMode mode = ServerMode::Chat;
};
std::optional<ServeSpec> parseServeSpec(QStringView text);

} // namespace stdlab::net

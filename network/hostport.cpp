#include "hostport.h"

#include <QList>

#include <algorithm>

namespace stdlab::net {

std::optional<HostPort> parseHostPort(QStringView text)
{
    QStringView host;
    QStringView port;
    if (text.startsWith(QLatin1Char('['))) {
        const qsizetype close = text.indexOf(QLatin1String("]:"));
        if (close < 0) {
            return std::nullopt;
        }
        host = text.sliced(1, close - 1);
        port = text.sliced(close + 2);
        if (host.contains(QLatin1Char('[')) || host.contains(QLatin1Char(']'))) {
            return std::nullopt;
        }
    } else {
        const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
        if (colon <= 0) {
            return std::nullopt;
        }
        host = text.first(colon);
        port = text.sliced(colon + 1);
        if (host.contains(QLatin1Char(':')) || host.contains(QLatin1Char('['))
            || host.contains(QLatin1Char(']'))) {
            return std::nullopt;
        }
    }
    if (host.isEmpty() || port.isEmpty() || port.size() > 5) {
        return std::nullopt;
    }
    uint p = 0;
    for (QChar c : port) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9')) {
            return std::nullopt;
        }
        p = p * 10 + uint(c.unicode() - '0');
    }
    for (QChar c : host) {
        if (c.isSpace()) {
            return std::nullopt;
        }
    }
    if (p == 0 || p > 65535) {
        return std::nullopt;
    }
    return HostPort{host.toString(), quint16(p)};
}

std::optional<ConnectTarget> parseConnectTarget(QStringView text)
{
    ConnectTarget t;
    if (text.startsWith(QLatin1String("tcp:"), Qt::CaseInsensitive)) {
        text = text.sliced(4);
    } else if (text.startsWith(QLatin1String("udp:"), Qt::CaseInsensitive)) {
        t.udp = true;
        text = text.sliced(4);
    }
    const auto endpoint = parseHostPort(text);
    if (!endpoint) {
        return std::nullopt;
    }
    t.endpoint = *endpoint;
    return t;
}

std::optional<ServeSpec> parseServeSpec(QStringView text)
{
    const QList<QStringView> parts = text.split(u':');
    ServeSpec spec;
    const QString protocol = parts.value(0).toString().toLower();
    spec.udp = protocol == QLatin1String("udp");
    if ((!spec.udp && protocol != QLatin1String("tcp")) || parts.size() < 2
        || parts.size() > (spec.udp ? 2 : 3)) {
        return std::nullopt;
    }
    const QStringView port = parts.at(1);
    const auto isDigit = [](QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); };
    if (port.isEmpty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), isDigit)
        || port.toUInt() > 65535) {
        return std::nullopt;
    }
    spec.port = quint16(port.toUInt());
    if (parts.size() == 3) {
        const auto mode = parseServerMode(parts.at(2).toString());
        if (!mode) {
            return std::nullopt;
        }
        spec.mode = *mode;
    }
    return spec;
}

} // namespace stdlab::net

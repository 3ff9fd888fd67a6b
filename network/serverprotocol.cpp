#include "serverprotocol.h"

#include <QHostAddress>

namespace stdlab::net::protocol {

QByteArray nicknameProblem(const QString &nick)
{
    const QList<uint> ucs4 = nick.toUcs4();
    if (ucs4.size() > kMaxNicknameLength) {
        return "too long (at most " + QByteArray::number(kMaxNicknameLength) + " characters)";
    }
    for (uint c : ucs4) {
        if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0xfffd) {
            return "control characters and invalid UTF-8 are not allowed";
        }
    }
    if (nick.contains(QLatin1Char('<')) || nick.contains(QLatin1Char('>'))) {
        return "< and > are not allowed";
    }
    QHostAddress address;
    if (nick.contains(QLatin1Char(':')) || nick.contains(QLatin1Char('['))
        || address.setAddress(nick)) {
        return "a name cannot look like an address";
    }
    return {};
}

RoomStep roomLine(QByteArrayView line, QByteArrayView name, QByteArray &relay)
{
    RoomStep step;
    if (isByeMessage(line)) {
        step.kind = RoomStep::Bye;
        return step;
    }
    if (line.startsWith("/nick ")) {
        const QString nick = QString::fromUtf8(line.sliced(6)).trimmed();
        if (!nick.isEmpty()) {
            const QByteArray problem = nicknameProblem(nick);
            if (!problem.isEmpty()) {
                step.kind = RoomStep::Refused;
                step.toSender = "* nick refused: " + problem + '\n';
                return step;
            }
            step.kind = RoomStep::Rename;
            step.nickname = nick;
            step.toAll = "* " + name.toByteArray() + " is now " + nick.toUtf8() + '\n';
            return step;
        }
    }
    relay += '<';
    relay += name;
    relay += "> ";
    relay += line;
    relay += '\n';
    return step;
}

QByteArray joinedNotice(const QString &name)
{
    return "* " + name.toUtf8() + " joined\n";
}

QByteArray leftNotice(const QString &name)
{
    return "* " + name.toUtf8() + " left\n";
}

} // namespace stdlab::net::protocol

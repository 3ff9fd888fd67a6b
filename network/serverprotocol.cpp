#include "serverprotocol.h"

namespace stdlab::net::protocol {

RoomStep roomLine(QByteArrayView line, const QString &name)
{
    RoomStep step;
    if (isByeMessage(line)) {
        step.kind = RoomStep::Bye;
        return step;
    }
    if (line.startsWith("/nick ")) {
        const QString nick = QString::fromUtf8(line.sliced(6)).trimmed();
        if (!nick.isEmpty()) {
            step.kind = RoomStep::Rename;
            step.nickname = nick;
            step.toAll = "* " + name.toUtf8() + " is now " + nick.toUtf8() + '\n';
            return step;
        }
    }
    const QByteArray n = name.toUtf8();
    step.toOthers.reserve(n.size() + line.size() + 4);
    step.toOthers += '<';
    step.toOthers += n;
    step.toOthers += "> ";
    step.toOthers += line;
    step.toOthers += '\n';
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

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

QByteArray framedGreeting(const QByteArray &greeting, const Framing &framing)
{
    if (framing.kind == FramingKind::Newline || framing.kind == FramingKind::Raw) {
        return greeting;
    }
    QByteArrayView text(greeting);
    if (text.endsWith('\n')) {
        text.chop(1);
    }
    return Framer::encode(framing, text);
}

RoomStep roomLine(QByteArrayView line, QByteArrayView name, QByteArray &relay,
                  const Framing &framing)
{
    RoomStep step;
    if (isByeMessage(Framer::unpadded(framing, line))) {
        step.kind = RoomStep::Bye;
        return step;
    }
    if (line.startsWith("/nick ")) {
        const QString nick = QString::fromUtf8(line.sliced(6)).trimmed();
        if (!nick.isEmpty()) {
            const QByteArray problem = nicknameProblem(nick);
            if (!problem.isEmpty()) {
                step.kind = RoomStep::Refused;
                step.toSender = Framer::encode(framing, QByteArray("* nick refused: " + problem));
                return step;
            }
            step.kind = RoomStep::Rename;
            step.nickname = nick;
            step.toAll = Framer::encode(
                framing, QByteArray("* " + name.toByteArray() + " is now " + nick.toUtf8()));
            return step;
        }
    }
    if (framing.kind == FramingKind::Newline) {
        relay += '<';
        relay += name;
        relay += "> ";
        relay += line;
        relay += '\n';
        return step;
    }
    Framer::appendEncoded(relay, framing,
                          QByteArray("<" + name.toByteArray() + "> " + line.toByteArray()));
    return step;
}

QByteArray joinedNotice(const QString &name, const Framing &framing)
{
    return Framer::encode(framing, QByteArray("* " + name.toUtf8() + " joined"));
}

QByteArray leftNotice(const QString &name, const Framing &framing)
{
    return Framer::encode(framing, QByteArray("* " + name.toUtf8() + " left"));
}

} // namespace stdlab::net::protocol

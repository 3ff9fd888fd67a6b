#pragma once

#include "linesplitter.h"
#include "netinternal.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

/**
 * What the course's TCP servers do with the bytes a client sends, as pure functions on bytes:
 * no sockets, no threads, so each rule is tested on its own (tst_serverprotocol). The worker
 * (tcpworker.h) reads, calls these, and writes what they return.
 */
namespace stdlab::net::protocol {

/** Echo mode, one read: what goes back and whether the client said bye. */
struct EchoStep
{
    QByteArrayView reply; ///< the bytes as they came, up to (not including) a "bye" line
    qint64 messages = 0;  ///< pieces in reply (lines, and an unterminated tail)
    bool bye = false;     ///< a piece was "bye": the session ends after the reply
};

/// Every piece of @p chunk up to and including a "bye" goes to @p onMessage (reported as a
/// message); the reply is a view into @p chunk.
template <typename F>
EchoStep echoChunk(QByteArrayView chunk, F &&onMessage)
{
    EchoStep step;
    qsizetype byeAt = -1;
    LineSplitter::splitChunk(chunk, [&](QByteArrayView piece) {
        if (byeAt >= 0) {
            return;
        }
        onMessage(piece);
        if (isByeMessage(piece)) {
            byeAt = piece.data() - chunk.data();
            return;
        }
        ++step.messages;
    });
    step.bye = byeAt >= 0;
    step.reply = step.bye ? chunk.first(byeAt) : chunk;
    return step;
}

/// Greet mode: the pieces of the first read go to @p onMessage; the reply is the greeting, then
/// the server closes.
template <typename F>
void greetChunk(QByteArrayView chunk, F &&onMessage)
{
    LineSplitter::splitChunk(chunk, onMessage);
}

/** Room mode: what one complete line from a member does. */
struct RoomStep
{
    enum Kind {
        Relay,   ///< "<name> line\n" was appended to the caller's relay block
        Rename,  ///< nickname = the new name; toAll = "* old is now new\n" (the sender too)
        Refused, ///< toSender says why: "* nick refused: ...\n"
        Bye,     ///< the member leaves
    };
    Kind kind = Relay;
    QByteArray toAll;
    QByteArray toSender;
    QString nickname;
};

/// The longest room nickname, in characters.
inline constexpr int kMaxNicknameLength = 32;
/// Why a /nick is refused: empty when @p nick is acceptable. Names are short, printable, and
/// never look like the peer addresses the room shows ("127.0.0.1:5000", "[::1]:80") or like
/// its own markup ("<name>").
QByteArray nicknameProblem(const QString &nick);

/// @p line (terminator removed) from the member called @p name (UTF-8). A relayed line is
/// appended to @p relay: the lines of one read go to the others as one block, one buffer shared
/// by every member's queue (a buffer per line made a flood's queues millions of entries, and
/// stop() spent up to a second releasing them).
RoomStep roomLine(QByteArrayView line, QByteArrayView name, QByteArray &relay);
/// "* NAME joined\n" / "* NAME left\n" to the other members.
QByteArray joinedNotice(const QString &name);
QByteArray leftNotice(const QString &name);

} // namespace stdlab::net::protocol

#pragma once

#include "framing.h"
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
    QByteArrayView reply; ///< what goes back now: a view into the read, or into @ref framed
    QByteArray framed;    ///< length/fixed: the read's whole frames, each with its prefix
    qint64 messages = 0;  ///< messages in reply
    bool bye = false;     ///< a message was "bye": the session ends after the reply
    bool tooLong = false; ///< length/fixed: a frame over the limit (framer.tooLongSize())
};

/// Echo, one read through @p framer: every message completed (up to and including a "bye") goes
/// to @p onMessage. Newline and raw reply with the bytes as they came, in one write per read, up
/// to the line (or read) that is "bye", as the course's recv()/sendall() server does. Newline:
/// the end of a read without its newline is a message too (the course's clients send without
/// one), unless @p bufferFull says the read stopped only because the buffer was full: then the
/// line goes on in the next read (a long line is one message, not the reads' pieces). Length
/// and fixed frames go back whole, as they complete.
template <typename F>
EchoStep echoChunk(Framer &framer, QByteArrayView chunk, bool bufferFull, F &&onMessage)
{
    EchoStep step;
    const bool streamed = framer.framing().kind == FramingKind::Newline
        || framer.framing().kind == FramingKind::Raw;
    qsizetype byeAt = -1;
    auto onOne = [&](QByteArrayView message, qsizetype at) {
        if (step.bye) {
            return;
        }
        onMessage(message);
        if (isByeMessage(Framer::unpadded(framer.framing(), message))) {
            step.bye = true;
            byeAt = at;
            return;
        }
        ++step.messages;
        if (!streamed) {
            Framer::appendEncoded(step.framed, framer.framing(), message);
        }
    };
    const Framer::Status status = framer.feed(chunk, [&](QByteArrayView message) {
        // A line begun in an earlier read has gone back already: nothing of this read does.
        const bool inChunk
            = message.data() >= chunk.data() && message.data() <= chunk.data() + chunk.size();
        onOne(message, inChunk ? message.data() - chunk.data() : 0);
    });
    step.tooLong = status == Framer::Status::TooLong;
    if (!step.bye && !bufferFull && framer.framing().kind == FramingKind::Newline
        && framer.hasPartial()) {
        const qsizetype size = framer.partialSize();
        onOne(framer.takePartial(true), std::max<qsizetype>(0, chunk.size() - size));
    }
    if (streamed) {
        step.reply = step.bye ? chunk.first(byeAt) : chunk;
    } else {
        step.reply = step.framed;
    }
    return step;
}

/// Greet mode, newline or raw framing: the pieces of the first read go to @p onMessage (the
/// course's server reads once); the reply is the greeting, then the server closes.
template <typename F>
void greetChunk(QByteArrayView chunk, FramingKind kind, F &&onMessage)
{
    if (kind == FramingKind::Raw) {
        onMessage(chunk);
        return;
    }
    LineSplitter::splitChunk(chunk, onMessage);
}

/// The greeting as @p framing sends it: newline and raw send it as configured (it ends with
/// "\n"); length and fixed frame it without the newline.
QByteArray framedGreeting(const QByteArray &greeting, const Framing &framing);

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

/// @p line (a message, terminator removed) from the member called @p name (UTF-8). A relayed
/// line is appended to @p relay, framed by @p framing ("<name> line\n" with newlines): the lines
/// of one read go to the others as one block, one buffer shared by every member's queue (a
/// buffer per line made a flood's queues millions of entries, and stop() spent up to a second
/// releasing them). toAll and toSender are framed too.
RoomStep roomLine(QByteArrayView line, QByteArrayView name, QByteArray &relay,
                  const Framing &framing = {});
/// "* NAME joined\n" / "* NAME left\n" to the other members (framed by @p framing).
QByteArray joinedNotice(const QString &name, const Framing &framing = {});
QByteArray leftNotice(const QString &name, const Framing &framing = {});

} // namespace stdlab::net::protocol

#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QMetaType>
#include <QString>

/**
 * The network engine's vocabulary, shared by every server and client: what happened (events,
 * delivered in batches), who is connected (client stats) and how much went through (totals).
 * The Chat panel and `stdlab serve/send` consume the same events.
 */
namespace stdlab::net {

/// "127.0.0.1:53210" or "[::1]:53210"; an IPv4-mapped IPv6 address is shown as IPv4.
QString formatPeer(const QHostAddress &address, quint16 port);
/// @p address with an IPv4-mapped IPv6 address (::ffff:a.b.c.d) turned into IPv4.
QHostAddress normalizedAddress(const QHostAddress &address);

struct NetEvent
{
    enum Kind {
        Listening,    ///< a server is bound: peer = "address:port" it listens on
        Connected,    ///< a client connected (server side), or we connected (client side)
        Message,      ///< bytes received on a TCP connection: one line, terminator removed
        Sent,         ///< bytes the operator sent (data = the bytes)
        Datagram,     ///< a UDP datagram received (peer = its sender)
        Disconnected, ///< reason says why: "bye", "closed by peer", "kicked", ...
        Error,        ///< data = the message (UTF-8), peer may be empty
        Stopped,      ///< a server stopped; data = a one-line summary
    };

    Kind kind = Error;
    QDateTime time;
    quint64 client = 0; ///< server side: the client's id; 0 when none
    QString peer;       ///< "address:port" of the other end (or of the listening socket)
    QByteArray data;
    QString reason;     ///< Disconnected only
};
using NetEvents = QList<NetEvent>;

/** One connected client as the server sees it. */
struct ClientStats
{
    quint64 id = 0;
    QString peer; ///< "address:port"
    QString nickname; ///< room mode: set with /nick
    QDateTime since;
    qint64 bytesIn = 0;
    qint64 bytesOut = 0;
    qint64 messagesIn = 0;
    qint64 messagesOut = 0;
    QString thread; ///< the worker thread serving it, e.g. "worker 2"
    qint64 pendingOut = 0; ///< bytes queued for the client, not yet taken by the kernel
    qint64 pendingIn = 0;  ///< bytes read from the client, not yet handled (reading paused)
};

/** Running totals of a server or client since it started. */
struct TrafficTotals
{
    int clients = 0;
    qint64 bytesIn = 0;
    qint64 bytesOut = 0;
    qint64 messagesIn = 0;
    qint64 messagesOut = 0;
};

} // namespace stdlab::net

Q_DECLARE_METATYPE(stdlab::net::NetEvent)
Q_DECLARE_METATYPE(stdlab::net::NetEvents)
Q_DECLARE_METATYPE(stdlab::net::ClientStats)

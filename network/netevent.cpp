#include "netevent.h"

#include "netinternal.h"
#include "chat/sendlog.h" // epochMicros

#include <QObject>

#include <mutex>

namespace stdlab::net {

QHostAddress normalizedAddress(const QHostAddress &address)
{
    if (address.protocol() != QAbstractSocket::IPv6Protocol) {
        return address;
    }
    // Only ::ffff:a.b.c.d: toIPv4Address() would also turn "::" into 0.0.0.0.
    const Q_IPV6ADDR a = address.toIPv6Address();
    for (int i = 0; i < 10; ++i) {
        if (a[i] != 0) {
            return address;
        }
    }
    if (a[10] != 0xff || a[11] != 0xff) {
        return address;
    }
    return QHostAddress((quint32(a[12]) << 24) | (quint32(a[13]) << 16) | (quint32(a[14]) << 8)
                        | quint32(a[15]));
}

QString formatPeer(const QHostAddress &address, quint16 port)
{
    const QHostAddress a = normalizedAddress(address);
    if (a.protocol() == QAbstractSocket::IPv6Protocol) {
        return QLatin1Char('[') + a.toString() + QStringLiteral("]:") + QString::number(port);
    }
    return a.toString() + QLatin1Char(':') + QString::number(port);
}

void registerNetMetaTypes()
{
    static std::once_flag once;
    std::call_once(once, [] {
        qRegisterMetaType<NetEvent>("stdlab::net::NetEvent");
        qRegisterMetaType<NetEvents>("stdlab::net::NetEvents");
        qRegisterMetaType<ClientStats>("stdlab::net::ClientStats");
        qRegisterMetaType<QList<ClientStats>>("QList<stdlab::net::ClientStats>");
        qRegisterMetaType<QList<quint64>>("QList<quint64>");
    });
}

bool isByeMessage(QByteArrayView message)
{
    // Python's bytes.strip(): ASCII whitespace on both ends.
    auto isSpace = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
    };
    qsizetype b = 0;
    qsizetype e = message.size();
    while (b < e && isSpace(message[b])) {
        ++b;
    }
    while (e > b && isSpace(message[e - 1])) {
        --e;
    }
    return message.sliced(b, e - b) == QByteArrayView("bye");
}

QString disconnectReasonKeyword(DisconnectReason reason)
{
    switch (reason) {
    case DisconnectReason::None:
        return {};
    case DisconnectReason::Bye:
        return QStringLiteral("bye");
    case DisconnectReason::ClosedByPeer:
        return QStringLiteral("closed by peer");
    case DisconnectReason::Kicked:
        return QStringLiteral("kicked");
    case DisconnectReason::ServerStopped:
        return QStringLiteral("server stopped");
    case DisconnectReason::Greeted:
        return QStringLiteral("greeted");
    case DisconnectReason::Disconnected:
        return QStringLiteral("disconnected");
    case DisconnectReason::Reconnecting:
        return QStringLiteral("reconnecting");
    case DisconnectReason::Idle:
        return QStringLiteral("idle");
    case DisconnectReason::LineTooLong:
        return QStringLiteral("line too long");
    case DisconnectReason::FrameTooLong:
        return QStringLiteral("frame too long");
    case DisconnectReason::NotReading:
        return QStringLiteral("not reading (buffer limit)");
    case DisconnectReason::SocketError:
        return QStringLiteral("error");
    case DisconnectReason::TlsFailed:
        return QStringLiteral("tls");
    case DisconnectReason::MemoryBudget:
        return QStringLiteral("server memory budget");
    }
    return {};
}

NetError listenError(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::AddressInUseError:
        return NetError::AddressInUse;
    case QAbstractSocket::SocketAccessError:
        return NetError::AccessDenied;
    case QAbstractSocket::SocketAddressNotAvailableError:
        return NetError::AddressNotAvailable;
    default:
        return NetError::ListenFailed;
    }
}

QString listeningPeer(const QHostAddress &address, quint16 port, QByteArray *info)
{
    if (address == QHostAddress(QHostAddress::Any)) {
        *info += " bind=any (every IPv4 and IPv6 address, dual-stack)";
        return formatPeer(QHostAddress(QHostAddress::AnyIPv6), port);
    }
    return formatPeer(address, port);
}

QString listenErrorString(QAbstractSocket::SocketError error, const QHostAddress &address,
                          quint16 port, const QString &systemText)
{
    const QString p = QString::number(port);
    switch (error) {
    case QAbstractSocket::AddressInUseError:
        return QObject::tr("port %1 is already in use").arg(p);
    case QAbstractSocket::SocketAccessError:
        return port > 0 && port < 1024
            ? QObject::tr("port %1 needs administrator privileges (ports below 1024)").arg(p)
            : QObject::tr("port %1: permission denied").arg(p);
    case QAbstractSocket::SocketAddressNotAvailableError:
        return QObject::tr("cannot listen on %1: address not available (port %2)")
            .arg(address.toString(), p);
    default:
        return QObject::tr("cannot listen on %1 port %2: %3").arg(address.toString(), p, systemText);
    }
}

NetEvent makeEvent(NetEvent::Kind kind, const QDateTime &time, quint64 client, const QString &peer,
                   const QByteArray &data, const QString &reason)
{
    return NetEvent{kind, time, client, peer, data, reason}; // built once, not assigned over
}

NetEvent makeReadEvent(quint64 client, const QString &peer, qint64 offset, QByteArrayView data,
                       bool reset)
{
    NetEvent e = makeEvent(NetEvent::Read, now(), client, peer,
                           data.first(std::min(data.size(), NetEvent::kReadPreviewBytes))
                               .toByteArray());
    e.offset = offset;
    e.size = reset ? -1 : data.size();
    e.timeUs = epochMicros();
    return e;
}

NetEvent makeErrorEvent(NetError error, const QDateTime &time, quint64 client, const QString &peer,
                        const QByteArray &text, QAbstractSocket::SocketError socketError)
{
    NetEvent e = makeEvent(NetEvent::Error, time, client, peer, text);
    e.error = error;
    e.socketError = socketError;
    return e;
}

NetEvent makeDisconnectEvent(const QDateTime &time, quint64 client, const QString &peer,
                             DisconnectReason reason, const QString &errorText,
                             QAbstractSocket::SocketError socketError)
{
    const bool withText
        = reason == DisconnectReason::SocketError || reason == DisconnectReason::TlsFailed;
    NetEvent e = makeEvent(NetEvent::Disconnected, time, client, peer, {},
                           withText ? disconnectReasonKeyword(reason) + QStringLiteral(": ")
                                   + errorText
                                    : disconnectReasonKeyword(reason));
    e.disconnectReason = reason;
    if (reason == DisconnectReason::SocketError) {
        e.socketError = socketError;
    }
    return e;
}

} // namespace stdlab::net

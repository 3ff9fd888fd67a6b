#include "netevent.h"

#include "netinternal.h"

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
    NetEvent e;
    e.kind = kind;
    e.time = time;
    e.client = client;
    e.peer = peer;
    e.data = data;
    e.reason = reason;
    return e;
}

} // namespace stdlab::net

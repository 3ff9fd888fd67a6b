#pragma once

#include "netevent.h"

#include <QObject>

#include <memory>

namespace stdlab::net {

struct UdpOptions
{
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 0;
    bool echo = false;        ///< send every datagram back to its sender
    int batchIntervalMs = 50; ///< events are delivered at most this often
};

/**
 * The course's UDP server: reports every datagram (all pending ones on each wake-up) with its
 * sender as a Datagram event; optionally echoes it. Reads in a worker thread so that a flood
 * never stalls the owner.
 */
class UdpServer : public QObject
{
    Q_OBJECT

public:
    explicit UdpServer(QObject *parent = nullptr);
    ~UdpServer() override;

    bool listen(const UdpOptions &options); ///< false → errorString() names the port
    void stop();
    bool isListening() const;
    quint16 port() const;
    QHostAddress address() const;
    QString errorString() const;
    /// Why the last listen() failed, as a code (errorString() says it with the port).
    NetError error() const;
    /// A reply to a peer seen before ("address:port"); false if unknown or too large.
    bool sendTo(const QString &peer, const QByteArray &data);
    TrafficTotals totals() const;

Q_SIGNALS:
    void eventsReady(const stdlab::net::NetEvents &events);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace stdlab::net

// UdpServer: datagrams reported with their sender, bursts, echo, replies, errors, stop.
#include "netlog.h"
#include "udpserver.h"

#include <QNetworkDatagram>
#include <QUdpSocket>
#include <QtTest>

using namespace stdlab::net;

class tst_UdpServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reportsDatagramWithSender();
    void dualStackShowsIpv4Senders();
    void readsEveryPendingDatagram();
    void echoSendsBack();
    void sendToKnownPeer();
    void errorPortInUse();
    void stopReportsSummary();
};

static UdpOptions udpOptions()
{
    UdpOptions o;
    o.batchIntervalMs = 10;
    return o;
}

void tst_UdpServer::reportsDatagramWithSender()
{
    UdpServer server;
    NetLog log(&server);
    QVERIFY2(server.listen(udpOptions()), qPrintable(server.errorString()));
    QVERIFY(server.isListening());
    QVERIFY(server.port() != 0);
    const auto l = log.waitFor(NetEvent::Listening);
    QVERIFY(l);
    QCOMPARE(l->peer, QStringLiteral("127.0.0.1:%1").arg(server.port()));
    QUdpSocket client;
    const QByteArray text = QStringLiteral("Hola, se está tensando muchísimo").toUtf8();
    client.writeDatagram(text, QHostAddress::LocalHost, server.port());
    const auto d = log.waitFor(NetEvent::Datagram);
    QVERIFY(d);
    QCOMPARE(d->data, text);
    QCOMPARE(d->peer, QStringLiteral("127.0.0.1:%1").arg(client.localPort()));
    QTRY_COMPARE(server.totals().messagesIn, qint64(1));
    QCOMPARE(server.totals().bytesIn, qint64(text.size()));
}

void tst_UdpServer::dualStackShowsIpv4Senders()
{
    UdpServer server;
    NetLog log(&server);
    UdpOptions o = udpOptions();
    o.address = QHostAddress(QHostAddress::Any);
    if (!server.listen(o)) {
        QSKIP("no dual-stack socket here");
    }
    QUdpSocket client;
    client.writeDatagram("x", QHostAddress::LocalHost, server.port());
    const auto d = log.waitFor(NetEvent::Datagram);
    QVERIFY(d);
    QCOMPARE(d->peer, QStringLiteral("127.0.0.1:%1").arg(client.localPort()));
}

void tst_UdpServer::readsEveryPendingDatagram()
{
    UdpServer server;
    NetLog log(&server);
    QVERIFY(server.listen(udpOptions()));
    QUdpSocket client;
    for (int i = 0; i < 200; ++i) {
        client.writeDatagram(QByteArray::number(i), QHostAddress::LocalHost, server.port());
    }
    QTRY_COMPARE(log.count(NetEvent::Datagram), 200);
    const auto ds = log.of(NetEvent::Datagram);
    for (int i = 0; i < 200; ++i) {
        QCOMPARE(ds.at(i).data, QByteArray::number(i));
    }
    QVERIFY(log.batches < 200);
}

void tst_UdpServer::echoSendsBack()
{
    UdpServer server;
    NetLog log(&server);
    UdpOptions o = udpOptions();
    o.echo = true;
    QVERIFY(server.listen(o));
    QCOMPARE(log.waitFor(NetEvent::Listening)->data, QByteArray("udp echo=on"));
    QUdpSocket client;
    QVERIFY(client.bind(QHostAddress::LocalHost, 0));
    const QByteArray payload("\x00\xff eco", 6);
    client.writeDatagram(payload, QHostAddress::LocalHost, server.port());
    QTRY_VERIFY(client.hasPendingDatagrams());
    const QNetworkDatagram reply = client.receiveDatagram();
    QCOMPARE(reply.data(), payload);
    QCOMPARE(reply.senderPort(), int(server.port()));
    QTRY_COMPARE(server.totals().bytesOut, qint64(payload.size()));
}

void tst_UdpServer::sendToKnownPeer()
{
    UdpServer server;
    NetLog log(&server);
    QVERIFY(server.listen(udpOptions()));
    QUdpSocket client;
    QVERIFY(client.bind(QHostAddress::LocalHost, 0));
    const QString peer = QStringLiteral("127.0.0.1:%1").arg(client.localPort());
    QVERIFY(!server.sendTo(peer, "too early")); // never seen
    client.writeDatagram("hola", QHostAddress::LocalHost, server.port());
    QVERIFY(log.waitFor(NetEvent::Datagram));
    QVERIFY(server.sendTo(peer, "respuesta"));
    QVERIFY(!server.sendTo(peer, QByteArray(65508, 'x')));
    QTRY_VERIFY(client.hasPendingDatagrams());
    QCOMPARE(client.receiveDatagram().data(), QByteArray("respuesta"));
    const auto s = log.waitFor(NetEvent::Sent);
    QVERIFY(s);
    QCOMPARE(s->peer, peer);
    QCOMPARE(s->data, QByteArray("respuesta"));
}

void tst_UdpServer::errorPortInUse()
{
    UdpServer first;
    QVERIFY(first.listen(udpOptions()));
    UdpServer second;
    UdpOptions o = udpOptions();
    o.port = first.port();
    QVERIFY(!second.listen(o));
    QCOMPARE(second.errorString(), QStringLiteral("port %1 is already in use").arg(o.port));
    QVERIFY(!second.isListening());
    UdpServer third;
    o.address = QHostAddress(QStringLiteral("10.9.9.9"));
    QVERIFY(!third.listen(o));
    QVERIFY2(third.errorString().startsWith(
                 QStringLiteral("cannot listen on 10.9.9.9: address not available")),
             qPrintable(third.errorString()));
}

void tst_UdpServer::stopReportsSummary()
{
    UdpServer server;
    NetLog log(&server);
    QVERIFY(server.listen(udpOptions()));
    QUdpSocket client;
    client.writeDatagram("uno", QHostAddress::LocalHost, server.port());
    QVERIFY(log.waitFor(NetEvent::Datagram));
    server.stop();
    QVERIFY(!server.isListening());
    QCOMPARE(log.events.last().kind, NetEvent::Stopped);
    QVERIFY2(log.events.last().data.startsWith("received 1 datagram (3 bytes), sent "),
             log.events.last().data.constData());
}

QTEST_GUILESS_MAIN(tst_UdpServer)
#include "tst_udpserver.moc"

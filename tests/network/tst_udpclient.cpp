// UdpClient: datagrams out, replies in as Datagram events, size limit, lookups.
#include "netlog.h"
#include "tcpclient.h"

#include <QNetworkDatagram>
#include <QUdpSocket>
#include <QtTest>

using namespace stdlab::net;

class tst_UdpClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sendsAndReceivesReplies();
    void resolvesHostNames();
    void largestDatagramGoes();
    void tooLargeIsRefused();
    void hostNotFound();
};

void tst_UdpClient::sendsAndReceivesReplies()
{
    QUdpSocket server;
    QVERIFY(server.bind(QHostAddress::LocalHost, 0));
    UdpClient client;
    client.setBatchInterval(0);
    NetLog log(&client);
    const QByteArray text = QStringLiteral("Hola, se está tensando muchísimo").toUtf8();
    QVERIFY(client.send(QStringLiteral("127.0.0.1"), server.localPort(), text));
    QTRY_VERIFY(server.hasPendingDatagrams());
    const QNetworkDatagram dg = server.receiveDatagram();
    QCOMPARE(dg.data(), text);
    const auto sent = log.waitFor(NetEvent::Sent);
    QVERIFY(sent);
    QCOMPARE(sent->peer, QStringLiteral("127.0.0.1:%1").arg(server.localPort()));
    server.writeDatagram("respuesta", dg.senderAddress(), quint16(dg.senderPort()));
    const auto reply = log.waitFor(NetEvent::Datagram);
    QVERIFY(reply);
    QCOMPARE(reply->data, QByteArray("respuesta"));
    QCOMPARE(reply->peer, QStringLiteral("127.0.0.1:%1").arg(server.localPort()));
    const TrafficTotals t = client.totals();
    QCOMPARE(t.bytesOut, qint64(text.size()));
    QCOMPARE(t.bytesIn, qint64(9));
}

void tst_UdpClient::resolvesHostNames()
{
    QUdpSocket server;
    QVERIFY(server.bind(QHostAddress::LocalHost, 0));
    UdpClient client;
    NetLog log(&client);
    QVERIFY(client.send(QStringLiteral("localhost"), server.localPort(), "por nombre"));
    QTRY_VERIFY_WITH_TIMEOUT(server.hasPendingDatagrams(), 10000);
    QCOMPARE(server.receiveDatagram().data(), QByteArray("por nombre"));
}

void tst_UdpClient::largestDatagramGoes()
{
    QUdpSocket server;
    QVERIFY(server.bind(QHostAddress::LocalHost, 0));
    server.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 1 << 20);
    UdpClient client;
    NetLog log(&client);
    QVERIFY(client.send(QStringLiteral("127.0.0.1"), server.localPort(), QByteArray(65507, 'x')));
    QTRY_VERIFY(server.hasPendingDatagrams());
    QCOMPARE(server.receiveDatagram().data().size(), 65507);
    QCOMPARE(log.count(NetEvent::Error), 0);
}

void tst_UdpClient::tooLargeIsRefused()
{
    UdpClient client;
    NetLog log(&client);
    QVERIFY(!client.send(QStringLiteral("127.0.0.1"), 9, QByteArray(70000, 'x')));
    const auto e = log.waitFor(NetEvent::Error);
    QVERIFY(e);
    QCOMPARE(QString::fromUtf8(e->data),
             QStringLiteral("datagram too large: 70,000 bytes (the maximum is 65,507)"));
    QCOMPARE(client.totals().bytesOut, qint64(0));
    QCOMPARE(log.count(NetEvent::Sent), 0);
}

void tst_UdpClient::hostNotFound()
{
    UdpClient client;
    NetLog log(&client);
    QVERIFY(client.send(QStringLiteral("no-such-host.invalid"), 1234, "x"));
    const auto e = log.waitFor(NetEvent::Error, {}, 30000);
    QVERIFY(e);
    QCOMPARE(QString::fromUtf8(e->data), QStringLiteral("host not found: no-such-host.invalid"));
}

QTEST_GUILESS_MAIN(tst_UdpClient)
#include "tst_udpclient.moc"

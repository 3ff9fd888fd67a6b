// The one reading of HOST:PORT shared by `stdlab send`, --connect and the Chat panel.
#include "hostport.h"

#include <QtTest>

using namespace stdlab::net;

class tst_HostPort : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
    void connectTargetTakesAProtocolPrefix();
};

void tst_HostPort::parses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::newRow("IPv4") << "127.0.0.1:1234" << true << "127.0.0.1" << 1234;
    QTest::newRow("name") << "localhost:80" << true << "localhost" << 80;
    QTest::newRow("bracketed IPv6") << "[::1]:1234" << true << "::1" << 1234;
    QTest::newRow("highest port") << "h:65535" << true << "h" << 65535;
    QTest::newRow("unbracketed IPv6 is ambiguous") << "::1:1234" << false << "" << 0;
    QTest::newRow("port 0") << "h:0" << false << "" << 0;
    QTest::newRow("port too big") << "h:65536" << false << "" << 0;
    QTest::newRow("port with a sign") << "h:+80" << false << "" << 0;
    QTest::newRow("port with spaces") << "h: 80" << false << "" << 0;
    QTest::newRow("no port") << "127.0.0.1" << false << "" << 0;
    QTest::newRow("empty port") << "h:" << false << "" << 0;
    QTest::newRow("no host") << ":80" << false << "" << 0;
    QTest::newRow("empty brackets") << "[]:80" << false << "" << 0;
    QTest::newRow("unclosed bracket") << "[::1:80" << false << "" << 0;
    QTest::newRow("host with a space") << "a b:80" << false << "" << 0;
    QTest::newRow("empty") << "" << false << "" << 0;
}

void tst_HostPort::parses()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    const auto hp = parseHostPort(text);
    QCOMPARE(hp.has_value(), valid);
    if (valid) {
        QFETCH(QString, host);
        QFETCH(int, port);
        QCOMPARE(hp->host, host);
        QCOMPARE(int(hp->port), port);
    }
}

void tst_HostPort::connectTargetTakesAProtocolPrefix()
{
    const auto udp = parseConnectTarget(u"UDP:[::1]:9");
    QVERIFY(udp);
    QVERIFY(udp->udp);
    QCOMPARE(udp->endpoint, (HostPort{QStringLiteral("::1"), 9}));
    const auto tcp = parseConnectTarget(u"tcp:127.0.0.1:1234");
    QVERIFY(tcp);
    QVERIFY(!tcp->udp);
    QCOMPARE(tcp->endpoint, (HostPort{QStringLiteral("127.0.0.1"), 1234}));
    const auto bare = parseConnectTarget(u"127.0.0.1:1234");
    QVERIFY(bare && !bare->udp);
    QVERIFY(!parseConnectTarget(u"sctp:127.0.0.1:1234"));
}

QTEST_GUILESS_MAIN(tst_HostPort)
#include "tst_hostport.moc"

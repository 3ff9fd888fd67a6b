// The one reading of HOST:PORT shared by `stdlab send`, --connect and the Chat panel.
#include "hostport.h"

#include <QtTest>

using namespace stdlab::net;
using stdlab::ServerMode;

class tst_HostPort : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
    void connectTargetTakesAProtocolPrefix();
    void serveSpec_data();
    void serveSpec();
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

void tst_HostPort::serveSpec_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<bool>("udp");
    QTest::addColumn<int>("port");
    QTest::addColumn<ServerMode>("mode");
    QTest::newRow("tcp with a mode") << "tcp:0:echo" << true << false << 0 << ServerMode::Echo;
    QTest::newRow("tcp, chat by default") << "TCP:1234" << true << false << 1234 << ServerMode::Chat;
    QTest::newRow("mode in capitals") << "tcp:80:ROOM" << true << false << 80 << ServerMode::Room;
    QTest::newRow("udp") << "udp:65535" << true << true << 65535 << ServerMode::Chat;
    QTest::newRow("udp takes no mode") << "udp:1:echo" << false << false << 0 << ServerMode::Chat;
    QTest::newRow("unknown mode") << "tcp:1:shout" << false << false << 0 << ServerMode::Chat;
    QTest::newRow("port too large") << "tcp:65536" << false << false << 0 << ServerMode::Chat;
    QTest::newRow("port not digits") << "tcp:+1" << false << false << 0 << ServerMode::Chat;
    QTest::newRow("no port") << "tcp" << false << false << 0 << ServerMode::Chat;
    QTest::newRow("empty port") << "tcp::echo" << false << false << 0 << ServerMode::Chat;
    QTest::newRow("other protocol") << "sctp:1" << false << false << 0 << ServerMode::Chat;
}

void tst_HostPort::serveSpec()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    const auto spec = parseServeSpec(text);
    QCOMPARE(spec.has_value(), valid);
    if (valid) {
        QFETCH(bool, udp);
        QFETCH(int, port);
        QFETCH(ServerMode, mode);
        QCOMPARE(spec->udp, udp);
        QCOMPARE(int(spec->port), port);
        QCOMPARE(spec->mode, mode);
    }
}

QTEST_GUILESS_MAIN(tst_HostPort)
#include "tst_hostport.moc"

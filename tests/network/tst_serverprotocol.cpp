// The servers' protocols as pure functions on bytes: echo, greet and room lines, no sockets.
#include "serverprotocol.h"

#include <QtTest>

using namespace stdlab::net;
using namespace stdlab::net::protocol;

class tst_ServerProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void echoRepliesTheBytesAsTheyCame_data();
    void echoRepliesTheBytesAsTheyCame();
    void greetReportsEveryPiece();
    void roomRelaysALineWithTheSendersName();
    void roomNickRenamesForEveryone();
    void roomEmptyNickIsAnOrdinaryLine();
    void roomNickRefused_data();
    void roomNickRefused();
    void roomByeEndsTheSession();
    void roomNoticesNameTheMember();
};

void tst_ServerProtocol::echoRepliesTheBytesAsTheyCame_data()
{
    QTest::addColumn<QByteArray>("chunk");
    QTest::addColumn<QByteArray>("reply");
    QTest::addColumn<QList<QByteArray>>("reported");
    QTest::addColumn<qint64>("messages");
    QTest::addColumn<bool>("bye");
    QTest::newRow("two lines") << QByteArray("a\r\nb\n") << QByteArray("a\r\nb\n")
                               << QList<QByteArray>{"a", "b"} << qint64(2) << false;
    QTest::newRow("unterminated tail is a message too")
        << QByteArray("a\nhal") << QByteArray("a\nhal") << QList<QByteArray>{"a", "hal"}
        << qint64(2) << false;
    QTest::newRow("bye stops the reply before it")
        << QByteArray("uno\n  bye \ndos\n") << QByteArray("uno\n")
        << QList<QByteArray>{"uno", "  bye "} << qint64(1) << true;
    QTest::newRow("bye first: nothing goes back") << QByteArray("bye\n") << QByteArray()
                                                  << QList<QByteArray>{"bye"} << qint64(0) << true;
    QTest::newRow("NUL and 0xff kept") << QByteArray("\x00\xff\n", 3) << QByteArray("\x00\xff\n", 3)
                                       << QList<QByteArray>{QByteArray("\x00\xff", 2)}
                                       << qint64(1) << false;
}

void tst_ServerProtocol::echoRepliesTheBytesAsTheyCame()
{
    QFETCH(QByteArray, chunk);
    QFETCH(QByteArray, reply);
    QFETCH(QList<QByteArray>, reported);
    QFETCH(qint64, messages);
    QFETCH(bool, bye);
    QList<QByteArray> pieces;
    const EchoStep step
        = echoChunk(chunk, [&](QByteArrayView piece) { pieces.append(piece.toByteArray()); });
    QCOMPARE(step.reply.toByteArray(), reply);
    QCOMPARE(pieces, reported);
    QCOMPARE(step.messages, messages);
    QCOMPARE(step.bye, bye);
}

void tst_ServerProtocol::greetReportsEveryPiece()
{
    QList<QByteArray> reported;
    greetChunk("hola\r\nque tal", [&](QByteArrayView p) { reported.append(p.toByteArray()); });
    QCOMPARE(reported, (QList<QByteArray>{"hola", "que tal"}));
}

void tst_ServerProtocol::roomRelaysALineWithTheSendersName()
{
    QByteArray relay;
    const RoomStep step = roomLine("hola a todos", "127.0.0.1:5000", relay);
    QCOMPARE(step.kind, RoomStep::Relay);
    QCOMPARE(relay, QByteArray("<127.0.0.1:5000> hola a todos\n"));
    QVERIFY(step.toAll.isEmpty());
    QVERIFY(step.toSender.isEmpty());
    // The lines of one read make one block, in order.
    QCOMPARE(roomLine("y adios", "127.0.0.1:5000", relay).kind, RoomStep::Relay);
    QCOMPARE(relay, QByteArray("<127.0.0.1:5000> hola a todos\n<127.0.0.1:5000> y adios\n"));
}

void tst_ServerProtocol::roomNickRenamesForEveryone()
{
    QByteArray relay;
    const RoomStep step = roomLine("/nick  Ana ", "127.0.0.1:5000", relay);
    QCOMPARE(step.kind, RoomStep::Rename);
    QCOMPARE(step.nickname, QStringLiteral("Ana"));
    QCOMPARE(step.toAll, QByteArray("* 127.0.0.1:5000 is now Ana\n"));
    QVERIFY(relay.isEmpty());
}

void tst_ServerProtocol::roomEmptyNickIsAnOrdinaryLine()
{
    QByteArray relay;
    const RoomStep step = roomLine("/nick   ", "Ana", relay);
    QCOMPARE(step.kind, RoomStep::Relay);
    QCOMPARE(relay, QByteArray("<Ana> /nick   \n"));
}

void tst_ServerProtocol::roomNickRefused_data()
{
    // /nick took 60 KB names, ANSI escapes and names that pass for another member's address.
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QByteArray>("why");
    QTest::newRow("60 KB") << "/nick " + QByteArray(60000, 'a')
                           << QByteArray("too long (at most 32 characters)");
    QTest::newRow("ANSI escape") << QByteArray("/nick \x1b[31mrojo")
                                 << QByteArray("control characters and invalid UTF-8 are not "
                                               "allowed");
    QTest::newRow("C1 control") << QByteArray("/nick a\xc2\x9b" "b")
                                << QByteArray("control characters and invalid UTF-8 are not "
                                              "allowed");
    QTest::newRow("invalid UTF-8") << QByteArray("/nick a\xff" "b")
                                   << QByteArray("control characters and invalid UTF-8 are not "
                                                 "allowed");
    QTest::newRow("a peer address") << QByteArray("/nick 127.0.0.1:5000")
                                    << QByteArray("a name cannot look like an address");
    QTest::newRow("an IPv6 peer") << QByteArray("/nick [::1]:80")
                                  << QByteArray("a name cannot look like an address");
    QTest::newRow("a bare address") << QByteArray("/nick 10.0.0.1")
                                    << QByteArray("a name cannot look like an address");
    QTest::newRow("room markup") << QByteArray("/nick ana> hola")
                                 << QByteArray("< and > are not allowed");
}

void tst_ServerProtocol::roomNickRefused()
{
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, why);
    QByteArray relay;
    const RoomStep step = roomLine(line, "Ana", relay);
    QCOMPARE(step.kind, RoomStep::Refused);
    QCOMPARE(step.toSender, "* nick refused: " + why + '\n');
    QVERIFY(relay.isEmpty());
    QVERIFY(step.toAll.isEmpty());
    // The longest name allowed, accents counted as characters.
    const QByteArray longest = "/nick " + QString(kMaxNicknameLength, QChar(0xf1)).toUtf8();
    const RoomStep ok = roomLine(longest, "Ana", relay);
    QCOMPARE(ok.kind, RoomStep::Rename);
}

void tst_ServerProtocol::roomByeEndsTheSession()
{
    QByteArray relay;
    QCOMPARE(roomLine(" bye\t", "Ana", relay).kind, RoomStep::Bye);
    QVERIFY(relay.isEmpty());
    QCOMPARE(roomLine("byebye", "Ana", relay).kind, RoomStep::Relay);
}

void tst_ServerProtocol::roomNoticesNameTheMember()
{
    QCOMPARE(joinedNotice(QStringLiteral("[::1]:80")), QByteArray("* [::1]:80 joined\n"));
    QCOMPARE(leftNotice(QStringLiteral("Ana")), QByteArray("* Ana left\n"));
}

QTEST_GUILESS_MAIN(tst_ServerProtocol)
#include "tst_serverprotocol.moc"

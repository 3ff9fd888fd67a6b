// The servers' protocols as pure functions on bytes: echo, greet and room lines, no sockets.
#include "serverprotocol.h"

#include <QtTest>

using namespace stdlab;
using namespace stdlab::net;
using namespace stdlab::net::protocol;

class tst_ServerProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void echoRepliesTheBytesAsTheyCame_data();
    void echoRepliesTheBytesAsTheyCame();
    void greetReportsEveryPiece();
    void echoLogsOneMessagePerLineWhateverTheReads();
    void echoOfFramesIsFramedAndWhole_data();
    void echoOfFramesIsFramedAndWhole();
    void roomLinesAreFramed();
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
    QTest::newRow("unterminated bye is not echoed") << QByteArray("a\nbye") << QByteArray("a\n")
                                                    << QList<QByteArray>{"a", "bye"} << qint64(1)
                                                    << true;
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
    Framer framer({FramingKind::Newline, 0}, 1024, true);
    const EchoStep step = echoChunk(framer, chunk, false,
                                    [&](QByteArrayView piece) { pieces.append(piece.toByteArray()); });
    QCOMPARE(step.reply.toByteArray(), reply);
    QCOMPARE(pieces, reported);
    QCOMPARE(step.messages, messages);
    QCOMPARE(step.bye, bye);
}

void tst_ServerProtocol::greetReportsEveryPiece()
{
    QList<QByteArray> reported;
    greetChunk("hola\r\nque tal", FramingKind::Newline,
               [&](QByteArrayView p) { reported.append(p.toByteArray()); });
    QCOMPARE(reported, (QList<QByteArray>{"hola", "que tal"}));
    reported.clear();
    greetChunk("hola\r\nque tal", FramingKind::Raw,
               [&](QByteArrayView p) { reported.append(p.toByteArray()); });
    QCOMPARE(reported, QList<QByteArray>{"hola\r\nque tal"});
}

void tst_ServerProtocol::echoLogsOneMessagePerLineWhateverTheReads()
{
    // The last stop's bug: a line echoed over several reads was logged as its pieces, and the
    // read holding only its newline as an empty message.
    Framer framer({FramingKind::Newline, 0}, 64 * 1024, true);
    QList<QByteArray> logged;
    QByteArray back;
    const QByteArray line(60000, 'x');
    // Reads that filled the buffer carry on the line; the last one is not full.
    for (const QByteArray &read : {line.first(20000), line.sliced(20000, 20000)}) {
        const EchoStep step = echoChunk(framer, read, true,
                                        [&](QByteArrayView m) { logged.append(m.toByteArray()); });
        back += step.reply.toByteArray();
    }
    for (const QByteArray &read : {line.sliced(40000), QByteArray("\n"), QByteArray("ok\n")}) {
        const EchoStep step = echoChunk(framer, read, false,
                                        [&](QByteArrayView m) { logged.append(m.toByteArray()); });
        back += step.reply.toByteArray();
    }
    QCOMPARE(back, line + "\nok\n");
    // One message for the line, none ("") for the newline that came in a read of its own.
    QCOMPARE(logged, (QList<QByteArray>{line, "ok"}));
    // Over the 64 KiB the log keeps (echo keeps no line whole) a line is cut there.
    logged.clear();
    const QByteArray big(200000, 'y');
    for (qsizetype at = 0; at < big.size(); at += 50000) {
        echoChunk(framer, big.sliced(at, 50000), true,
                  [&](QByteArrayView m) { logged.append(m.toByteArray()); });
    }
    echoChunk(framer, "\r\n", false, [&](QByteArrayView m) { logged.append(m.toByteArray()); });
    QCOMPARE(logged.size(), 4);
    QCOMPARE(logged.at(0), big.first(65536));
    QCOMPARE(logged.at(3).size(), 200000 - 3 * 65536);
    // The course's clients send without a newline: each read is then a message.
    logged.clear();
    for (const char *read : {"Hola", "¿Qué tal?", "bye"}) {
        echoChunk(framer, read, false, [&](QByteArrayView m) { logged.append(m.toByteArray()); });
    }
    QCOMPARE(logged, (QList<QByteArray>{"Hola", "¿Qué tal?", "bye"}));
}

void tst_ServerProtocol::echoOfFramesIsFramedAndWhole_data()
{
    QTest::addColumn<QString>("framing");
    QTest::newRow("length") << "length";
    QTest::newRow("fixed:5") << "fixed:5";
}

void tst_ServerProtocol::echoOfFramesIsFramedAndWhole()
{
    QFETCH(QString, framing);
    const Framing f = *stdlab::parseFraming(framing);
    Framer framer(f, 1000);
    const QByteArray wire = Framer::encode(f, "uno") + Framer::encode(f, "dos")
        + Framer::encode(f, "bye") + Framer::encode(f, "tres");
    QList<QByteArray> logged;
    QByteArray back;
    bool bye = false;
    for (qsizetype at = 0; at < wire.size() && !bye; at += 2) {
        const EchoStep step = echoChunk(framer, wire.mid(at, 2), false,
                                        [&](QByteArrayView m) { logged.append(m.toByteArray()); });
        back += step.reply.toByteArray();
        bye = step.bye;
    }
    QVERIFY(bye);
    QCOMPARE(back, Framer::encode(f, "uno") + Framer::encode(f, "dos"));
    QCOMPARE(logged.first(2), (QList<QByteArray>{Framer::encode({FramingKind::Fixed, 5}, "uno").first(framing == "length" ? 3 : 5),
                                                 Framer::encode({FramingKind::Fixed, 5}, "dos").first(framing == "length" ? 3 : 5)}));
}

void tst_ServerProtocol::roomLinesAreFramed()
{
    QByteArray relay;
    const Framing length{FramingKind::Length, 0};
    QCOMPARE(roomLine("hola", "ana", relay, length).kind, RoomStep::Relay);
    QCOMPARE(relay, QByteArray("\x00\x00\x00\x0a<ana> hola", 14));
    QCOMPARE(joinedNotice(QStringLiteral("ana"), length), QByteArray("\x00\x00\x00\x0c* ana joined", 16));
    QCOMPARE(framedGreeting("Un saludo crack!\n", length), QByteArray("\x00\x00\x00\x10Un saludo crack!", 20));
    QCOMPARE(framedGreeting("Un saludo crack!\n", {FramingKind::Newline, 0}), QByteArray("Un saludo crack!\n"));
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

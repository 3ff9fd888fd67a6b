// Framer: every framing cut at random read boundaries gives the same messages; limits; encoding.
#include "framing.h"

#include <QRandomGenerator>
#include <QtTest>

using namespace stdlab;
using namespace stdlab::net;

class tst_Framing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesNames_data();
    void parsesNames();
    void encodesAsPythonDoes_data();
    void encodesAsPythonDoes();
    void randomReadsGiveTheSameMessages_data();
    void randomReadsGiveTheSameMessages();
    void megabyteFrameOneByteAtATime();
    void severalFramesInOneRead();
    void lengthOverTheLimitFailsBeforeStoringIt();
    void partialFrameIsDescribed();
    void rawGivesEveryRead();
};

static QList<QByteArray> feedAll(Framer &f, const QList<QByteArray> &reads,
                                 Framer::Status *status = nullptr)
{
    QList<QByteArray> out;
    Framer::Status s = Framer::Status::Ok;
    for (const QByteArray &r : reads) {
        s = f.feed(r, [&](QByteArrayView m) { out.append(m.toByteArray()); });
        if (s != Framer::Status::Ok) {
            break;
        }
    }
    if (status) {
        *status = s;
    }
    return out;
}

void tst_Framing::parsesNames_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("name");
    QTest::newRow("raw") << "raw" << true << "raw";
    QTest::newRow("newline, spaces and case") << " NewLine " << true << "newline";
    QTest::newRow("length") << "length" << true << "length";
    QTest::newRow("fixed:16") << "fixed:16" << true << "fixed:16";
    QTest::newRow("fixed:0 refused") << "fixed:0" << false << "";
    QTest::newRow("fixed without size") << "fixed" << false << "";
    QTest::newRow("fixed over 16 MiB") << "fixed:16777217" << false << "";
    QTest::newRow("unknown") << "lines" << false << "";
}

void tst_Framing::parsesNames()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, name);
    QString why;
    const auto f = parseFraming(text, &why);
    QCOMPARE(f.has_value(), valid);
    if (valid) {
        QCOMPARE(framingName(*f), name);
        QCOMPARE(parseFraming(name), f);
    } else {
        QVERIFY(!why.isEmpty());
    }
}

void tst_Framing::encodesAsPythonDoes_data()
{
    QTest::addColumn<QString>("framing");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QByteArray>("wire");
    // struct.pack("!I", 5) + b"hello" == b"\x00\x00\x00\x05hello"
    QTest::newRow("length") << "length" << QByteArray("hello")
                            << QByteArray("\x00\x00\x00\x05hello", 9);
    QTest::newRow("length, empty") << "length" << QByteArray() << QByteArray(4, '\0');
    QTest::newRow("length 258") << "length" << QByteArray(258, 'a')
                                << QByteArray("\x00\x00\x01\x02", 4) + QByteArray(258, 'a');
    QTest::newRow("newline") << "newline" << QByteArray("hola") << QByteArray("hola\n");
    QTest::newRow("raw") << "raw" << QByteArray("ho\nla") << QByteArray("ho\nla");
    QTest::newRow("fixed pads with NUL") << "fixed:4" << QByteArray("ab")
                                         << QByteArray("ab\0\0", 4);
    QTest::newRow("fixed, two frames") << "fixed:4" << QByteArray("abcde")
                                       << QByteArray("abcde\0\0\0", 8);
    QTest::newRow("fixed, empty is one frame") << "fixed:3" << QByteArray()
                                               << QByteArray(3, '\0');
}

void tst_Framing::encodesAsPythonDoes()
{
    QFETCH(QString, framing);
    QFETCH(QByteArray, payload);
    QFETCH(QByteArray, wire);
    const Framing f = *parseFraming(framing);
    QCOMPARE(Framer::encode(f, payload), wire);
    QCOMPARE(Framer::encodedSize(f, payload.size()), wire.size());
}

void tst_Framing::randomReadsGiveTheSameMessages_data()
{
    QTest::addColumn<QString>("framing");
    QTest::newRow("newline") << "newline";
    QTest::newRow("length") << "length";
    QTest::newRow("fixed:7") << "fixed:7";
    QTest::newRow("fixed:1") << "fixed:1";
}

void tst_Framing::randomReadsGiveTheSameMessages()
{
    QFETCH(QString, framing);
    const Framing f = *parseFraming(framing);
    QRandomGenerator rng(20261207);
    for (int round = 0; round < 200; ++round) {
        QList<QByteArray> messages;
        QByteArray wire;
        const int count = int(rng.bounded(1, 20));
        for (int i = 0; i < count; ++i) {
            QByteArray m;
            const int size = f.kind == FramingKind::Fixed ? f.size : int(rng.bounded(0, 300));
            for (int j = 0; j < size; ++j) {
                // Any byte but a newline where newlines frame (NUL and 0xFF included).
                char c = char(rng.bounded(256));
                if (f.kind == FramingKind::Newline && (c == '\n' || c == '\r')) {
                    c = 'x';
                }
                m += c;
            }
            messages << m;
            wire += Framer::encode(f, m);
        }
        QList<QByteArray> reads;
        for (qsizetype at = 0; at < wire.size();) {
            const qsizetype n = std::min<qsizetype>(wire.size() - at, rng.bounded(1, 64));
            reads << wire.mid(at, n);
            at += n;
        }
        Framer framer(f, 1024);
        QCOMPARE(feedAll(framer, reads), messages);
        QVERIFY(!framer.hasPartial());
    }
}

void tst_Framing::megabyteFrameOneByteAtATime()
{
    const Framing f{FramingKind::Length, 0};
    QByteArray payload(1024 * 1024, '\0');
    for (qsizetype i = 0; i < payload.size(); ++i) {
        payload[i] = char(i * 31 % 251);
    }
    const QByteArray wire = Framer::encode(f, payload);
    Framer framer(f, kMaxFrameBytes);
    QList<QByteArray> got;
    for (char c : wire) {
        QCOMPARE(framer.feed(QByteArrayView(&c, 1),
                             [&](QByteArrayView m) { got.append(m.toByteArray()); }),
                 Framer::Status::Ok);
    }
    QCOMPARE(got.size(), 1);
    QCOMPARE(got.first().size(), payload.size());
    QVERIFY(got.first() == payload);
}

void tst_Framing::severalFramesInOneRead()
{
    const Framing f{FramingKind::Length, 0};
    const QByteArray wire = Framer::encode(f, "uno") + Framer::encode(f, "") + Framer::encode(f, "tres")
        + QByteArray("\x00\x00", 2);
    Framer framer(f, 100);
    QCOMPARE(feedAll(framer, {wire}), (QList<QByteArray>{"uno", "", "tres"}));
    QCOMPARE(framer.partialSize(), 2);
    QCOMPARE(feedAll(framer, {QByteArray("\x00\x01z", 3)}), QList<QByteArray>{"z"});
    QVERIFY(!framer.hasPartial());
}

void tst_Framing::lengthOverTheLimitFailsBeforeStoringIt()
{
    Framer framer({FramingKind::Length, 0}, 1000);
    Framer::Status s;
    QCOMPARE(feedAll(framer, {Framer::encode({FramingKind::Length, 0}, "ok"),
                              QByteArray("\xff\xff", 2), QByteArray("\xff\xff", 2)},
                     &s),
             QList<QByteArray>{"ok"});
    QCOMPARE(s, Framer::Status::TooLong);
    QCOMPARE(framer.tooLongSize(), qint64(4294967295));
    QVERIFY(framer.partialSize() <= 4);
    // At the limit is accepted, one over is not.
    Framer exact({FramingKind::Length, 0}, 1000);
    QCOMPARE(feedAll(exact, {Framer::encode({FramingKind::Length, 0}, QByteArray(1000, 'a'))}).size(), 1);
    Framer over({FramingKind::Length, 0}, 1000);
    QCOMPARE(feedAll(over, {QByteArray("\x00\x00\x03\xe9", 4)}, &s).size(), 0);
    QCOMPARE(s, Framer::Status::TooLong);
    QCOMPARE(over.tooLongSize(), 1001);
    // A newline-framed line over the limit, as LineSplitter says.
    Framer lines({FramingKind::Newline, 0}, 10);
    QCOMPARE(feedAll(lines, {QByteArray(11, 'a')}, &s).size(), 0);
    QCOMPARE(s, Framer::Status::TooLong);
}

void tst_Framing::partialFrameIsDescribed()
{
    Framer a({FramingKind::Length, 0}, 0);
    feedAll(a, {QByteArray("\x00\x00", 2)});
    QCOMPARE(a.partialDescription(), QByteArray("2 of the 4 bytes of a length prefix"));
    Framer b({FramingKind::Length, 0}, 0);
    feedAll(b, {QByteArray("\x00\x00\x03\xe8", 4) + QByteArray(10, 'x')});
    QCOMPARE(b.partialDescription(), QByteArray("10 of a 1,000-byte message"));
    QCOMPARE(b.takePartial().size(), 14);
    QVERIFY(!b.hasPartial());
    Framer c({FramingKind::Fixed, 2000}, 0);
    feedAll(c, {QByteArray(1500, 'x')});
    QCOMPARE(c.partialDescription(), QByteArray("1,500 of a 2,000-byte frame"));
}

void tst_Framing::rawGivesEveryRead()
{
    Framer f({FramingKind::Raw, 0}, 10);
    QCOMPARE(feedAll(f, {"ho", "la\nque", "", QByteArray(100, 'z')}),
             (QList<QByteArray>{"ho", "la\nque", QByteArray(100, 'z')}));
    QVERIFY(!f.hasPartial());
}

QTEST_GUILESS_MAIN(tst_Framing)
#include "tst_framing.moc"

// LineSplitter: the line framing of chat/room (and of reports), fed at random split points.
#include "linesplitter.h"

#include <QRandomGenerator>
#include <QtTest>

using namespace stdlab::net;

class tst_LineSplitter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void splitsLines_data();
    void splitsLines();
    void randomSplitsGiveTheSameLines();
    void tooLongLineFails();
    void tooLongPartialFails();
    void partialIsTakenWithoutCarriageReturn();
    void splitChunkKeepsLastPiece();
};

static QList<QByteArray> feedAll(LineSplitter &s, const QList<QByteArray> &chunks, bool *ok = nullptr)
{
    QList<QByteArray> lines;
    bool good = true;
    for (const QByteArray &c : chunks) {
        good = s.feed(c, [&](QByteArrayView line) { lines.append(line.toByteArray()); }) && good;
    }
    if (ok) {
        *ok = good;
    }
    return lines;
}

void tst_LineSplitter::splitsLines_data()
{
    QTest::addColumn<QList<QByteArray>>("chunks");
    QTest::addColumn<QList<QByteArray>>("lines");
    QTest::addColumn<QByteArray>("partial");
    QTest::newRow("one line") << QList<QByteArray>{"hola\n"} << QList<QByteArray>{"hola"}
                              << QByteArray();
    QTest::newRow("crlf ends a line") << QList<QByteArray>{"a\r\nb\n"}
                                      << QList<QByteArray>{"a", "b"} << QByteArray();
    QTest::newRow("crlf split between reads") << QList<QByteArray>{"a\r", "\nb"}
                                              << QList<QByteArray>{"a"} << QByteArray("b");
    QTest::newRow("lone cr is data") << QList<QByteArray>{"a\rb\n"}
                                     << QList<QByteArray>{"a\rb"} << QByteArray();
    QTest::newRow("empty lines kept") << QList<QByteArray>{"\n\r\n\n"}
                                      << QList<QByteArray>{"", "", ""} << QByteArray();
    QTest::newRow("line across three reads") << QList<QByteArray>{"ho", "l", "a\nsi"}
                                             << QList<QByteArray>{"hola"} << QByteArray("si");
    QTest::newRow("NUL and invalid UTF-8 kept")
        << QList<QByteArray>{QByteArray("\x00\xff\n\xc3", 4), QByteArray("\x28\n", 2)}
        << QList<QByteArray>{QByteArray("\x00\xff", 2), QByteArray("\xc3\x28", 2)}
        << QByteArray();
}

void tst_LineSplitter::splitsLines()
{
    QFETCH(QList<QByteArray>, chunks);
    QFETCH(QList<QByteArray>, lines);
    QFETCH(QByteArray, partial);
    LineSplitter s;
    QCOMPARE(feedAll(s, chunks), lines);
    QCOMPARE(s.hasPartial(), !partial.isEmpty());
    QCOMPARE(s.takePartial(), partial);
    QVERIFY(!s.hasPartial());
}

void tst_LineSplitter::randomSplitsGiveTheSameLines()
{
    // A stream of random lines (random bytes, CRLF or LF) fed whole, then split at random
    // points many times: the lines and the pending tail never change.
    QRandomGenerator rng(20261202);
    for (int round = 0; round < 300; ++round) {
        QByteArray stream;
        const int nLines = int(rng.bounded(1, 40));
        for (int i = 0; i < nLines; ++i) {
            const int len = int(rng.bounded(0, 200));
            for (int j = 0; j < len; ++j) {
                char c = char(rng.bounded(256));
                if (c == '\n') {
                    c = 'n';
                }
                stream += c;
            }
            stream += rng.bounded(2) ? "\r\n" : "\n";
        }
        stream += QByteArray(int(rng.bounded(0, 10)), 't');
        LineSplitter whole;
        const QList<QByteArray> expected = feedAll(whole, {stream});
        const QByteArray expectedTail = whole.takePartial();
        QCOMPARE(expected.size(), nLines);

        QList<QByteArray> chunks;
        qsizetype at = 0;
        while (at < stream.size()) {
            const qsizetype n = std::min<qsizetype>(stream.size() - at, rng.bounded(1, 64));
            chunks.append(stream.mid(at, n));
            at += n;
        }
        LineSplitter pieces;
        QCOMPARE(feedAll(pieces, chunks), expected);
        QCOMPARE(pieces.takePartial(), expectedTail);
    }
}

void tst_LineSplitter::tooLongLineFails()
{
    LineSplitter s(10);
    bool ok = false;
    QCOMPARE(feedAll(s, {"0123456789\n"}, &ok), QList<QByteArray>{"0123456789"});
    QVERIFY(ok);
    feedAll(s, {"01234", "567890\n"}, &ok);
    QVERIFY(!ok);
}

void tst_LineSplitter::tooLongPartialFails()
{
    LineSplitter s(10);
    bool ok = true;
    feedAll(s, {"0123456789"}, &ok);
    QVERIFY(ok);
    feedAll(s, {"0"}, &ok);
    QVERIFY(!ok);
}

void tst_LineSplitter::partialIsTakenWithoutCarriageReturn()
{
    LineSplitter s;
    feedAll(s, {"escribiendo\r"});
    QCOMPARE(s.partialSize(), qsizetype(12));
    QCOMPARE(s.takePartial(), QByteArray("escribiendo"));
    QCOMPARE(feedAll(s, {"otra\n"}), QList<QByteArray>{"otra"});
}

void tst_LineSplitter::splitChunkKeepsLastPiece()
{
    QList<QByteArray> pieces;
    LineSplitter::splitChunk("uno\r\ndos\ntres",
                             [&](QByteArrayView p) { pieces.append(p.toByteArray()); });
    QCOMPARE(pieces, (QList<QByteArray>{"uno", "dos", "tres"}));
    pieces.clear();
    LineSplitter::splitChunk("solo\n", [&](QByteArrayView p) { pieces.append(p.toByteArray()); });
    QCOMPARE(pieces, QList<QByteArray>{"solo"});
}

QTEST_GUILESS_MAIN(tst_LineSplitter)
#include "tst_linesplitter.moc"

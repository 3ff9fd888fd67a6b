// ByteSink: UTF-8 as Qt writes it, and the same bytes whether kept or written in chunks.
#include "common/bytesink.h"

#include <QRandomGenerator>
#include <QtTest>

#include <cstdio>
#include <cstdlib>

class tst_ByteSink : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void utf8IsWhatQStringWrites();
    void chunkedFileGetsEveryByteInOrder();
    void integers_data();
    void integers();
};

namespace {

// Random UTF-16 with ASCII, Latin-1, BMP, pairs and unpaired surrogates.
QString randomText(QRandomGenerator &rng, int length)
{
    QString s;
    while (s.size() < length) {
        switch (rng.bounded(6)) {
        case 0:
            s += QChar(char16_t(rng.bounded(0x80)));
            break;
        case 1:
            s += QChar(char16_t(0x80 + rng.bounded(0x780)));
            break;
        case 2:
            s += QChar(char16_t(0x800 + rng.bounded(0xD000)));
            break;
        case 3: {
            const char32_t cp = 0x10000 + rng.bounded(0x100000);
            s += QString::fromUcs4(&cp, 1);
            break;
        }
        case 4:
            s += QChar(char16_t(0xD800 + rng.bounded(0x800)));
            break;
        default:
            s += QLatin1String("plain text ");
        }
    }
    return s;
}

} // namespace

void tst_ByteSink::utf8IsWhatQStringWrites()
{
    QRandomGenerator rng(12);
    for (int i = 0; i < 500; ++i) {
        const QString s = randomText(rng, int(rng.bounded(40)));
        stdlab::ByteSink sink;
        sink.putUtf8(s);
        QCOMPARE(sink.take(), s.toUtf8());
    }
    // Longer than one piece (64 Ki units), with a pair across the pieces' border.
    QString big(64 * 1024 - 1, QLatin1Char('a'));
    big += QString::fromUtf16(u"\xd83d\xde00") + randomText(rng, 100000);
    stdlab::ByteSink sink;
    sink.putUtf8(big);
    QCOMPARE(sink.take(), big.toUtf8());
}

void tst_ByteSink::chunkedFileGetsEveryByteInOrder()
{
    QRandomGenerator rng(3);
    const QString text = randomText(rng, 300000);
    char *buffer = nullptr;
    size_t size = 0;
    FILE *file = open_memstream(&buffer, &size);
    QByteArray expected;
    {
        stdlab::ByteSink sink(file, 100); // tiny chunks: many drains, pieces bigger than a chunk
        for (int i = 0; i < 2000; ++i) {
            sink.putInt(i);
            sink.put(',');
            expected += QByteArray::number(i) + ',';
        }
        sink.putUtf8(text);
        expected += text.toUtf8();
        QCOMPARE(sink.written(), expected.size());
        QVERIFY(sink.flush());
        QVERIFY(sink.ok());
        sink.put("tail");
        expected += "tail";
    } // the destructor flushes the rest
    std::fclose(file);
    const QByteArray written(buffer, qsizetype(size));
    std::free(buffer);
    QCOMPARE(written.size(), expected.size());
    QCOMPARE(written, expected);
}

void tst_ByteSink::integers_data()
{
    QTest::addColumn<qint64>("value");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("zero") << qint64(0) << QByteArray("0");
    QTest::newRow("unmatched group") << qint64(-1) << QByteArray("-1");
    QTest::newRow("beyond 32 bits") << qint64(5000000000) << QByteArray("5000000000");
    QTest::newRow("minimum") << std::numeric_limits<qint64>::min()
                             << QByteArray("-9223372036854775808");
}

void tst_ByteSink::integers()
{
    QFETCH(qint64, value);
    QFETCH(QByteArray, expected);
    stdlab::ByteSink sink;
    sink.putInt(value);
    QCOMPARE(sink.take(), expected);
}

QTEST_GUILESS_MAIN(tst_ByteSink)
#include "tst_bytesink.moc"

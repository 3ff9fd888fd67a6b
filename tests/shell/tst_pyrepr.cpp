// Python repr() of strings, checked against CPython's own output.
#include "common/bytesink.h"
#include "common/pyrepr.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QtTest>

#include <cmath>
#include <cstring>

class tst_PyRepr : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void repr_data();
    void repr();
    void matchesCPython();
    void reprBuilderChoosesQuotesForTheWhole_data();
    void reprBuilderChoosesQuotesForTheWhole();
    void literal_data();
    void literal();
    void containers();
    void reprFloat_data();
    void reprFloat();
    void reprFloatMatchesCPython();
};

void tst_PyRepr::repr_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QStringLiteral("gato") << QStringLiteral("'gato'");
    QTest::newRow("empty") << QString() << QStringLiteral("''");
    QTest::newRow("single quote switches to double") << QStringLiteral("it's")
                                                     << QStringLiteral("\"it's\"");
    QTest::newRow("both quotes escape single") << QStringLiteral("'\"")
                                               << QStringLiteral("'\\'\"'");
    QTest::newRow("controls") << QStringLiteral("a\tb\nc\rd\x01") << QStringLiteral("'a\\tb\\nc\\rd\\x01'");
    QTest::newRow("backslash") << QStringLiteral("\\d") << QStringLiteral("'\\\\d'");
    QTest::newRow("accents stay") << QStringLiteral("muchísimo") << QStringLiteral("'muchísimo'");
    QTest::newRow("emoji stays") << QStringLiteral("🐍") << QStringLiteral("'🐍'");
    QTest::newRow("nbsp escaped") << QStringLiteral("a\u00a0b") << QStringLiteral("'a\\xa0b'");
    QTest::newRow("zero width escaped") << QStringLiteral("\u200b") << QStringLiteral("'\\u200b'");
    QTest::newRow("del") << QStringLiteral("\x7f") << QStringLiteral("'\\x7f'");
    // CPython escapes an unpaired surrogate (category Cs); it was printed as U+FFFD.
    QTest::newRow("unpaired surrogates escaped")
        << (QChar(0xD800) + QStringLiteral("a") + QChar(0xDC00) + QChar(0xDBFF))
        << QStringLiteral("'\\ud800a\\udc00\\udbff'");
    QTest::newRow("pair stays one character") << QString::fromUtf16(u"\xd83d\xdc0d\xdc0d")
                                              << QString::fromUtf16(u"'\xd83d\xdc0d\\udc0d'");
}

void tst_PyRepr::repr()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(stdlab::py::repr(input), expected);
}

void tst_PyRepr::matchesCPython()
{
    // Every code point class that repr treats differently, in random mixtures.
    QList<char32_t> pool = {U'a', U'\'', U'"', U'\\', U'\n', U'\t', U'\r', 0, 0x1f, 0x7f, 0x80,
                            0xa0, 0xad, 0xe9, 0x2028, 0x200b, 0xfeff, 0xe000, 0x378, 0x1f40d,
                            0x10ffff, 0x3000, U' ', 0xf1, 0x20ac, 0xe0001};
    QRandomGenerator rng(42);
    QStringList inputs;
    for (int i = 0; i < 300; ++i) {
        QString s;
        const int n = int(rng.bounded(8));
        for (int j = 0; j < n; ++j) {
            const char32_t cp = pool.at(int(rng.bounded(pool.size())));
            if (rng.bounded(8) == 0) {
                s += QChar(char16_t(0xD800 + rng.bounded(0x800))); // an unpaired surrogate
            }
            s += QString::fromUcs4(&cp, 1);
        }
        inputs << s;
    }
    QProcess python;
    python.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import sys,json\nfor l in sys.stdin:\n"
                                 "    s = json.loads(l)\n"
                                 "    print(json.dumps(repr(s)))\n"
                                 "    print(json.dumps('%.5r' % s))")});
    QVERIFY(python.waitForStarted());
    for (const QString &s : inputs) {
        python.write(QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact).mid(1).chopped(1)
                     + '\n');
    }
    python.closeWriteChannel();
    QVERIFY(python.waitForFinished(30000));
    const QList<QByteArray> lines = python.readAllStandardOutput().split('\n');
    QVERIFY(lines.size() >= 2 * inputs.size());
    auto line = [&](int k) {
        return QJsonDocument::fromJson("[" + lines.at(k) + "]").array().first().toString();
    };
    for (int i = 0; i < inputs.size(); ++i) {
        QCOMPARE(stdlab::py::repr(inputs.at(i)), line(2 * i));
        // "%.5r", as Match's repr cuts its text ("%.50R").
        stdlab::ByteSink cut;
        stdlab::py::writeRepr(cut, inputs.at(i), 5);
        QCOMPARE(QString::fromUtf8(cut.take()), line(2 * i + 1));
        // The same string given to a ReprBuilder in random pieces (cut between code points):
        // the quotes are chosen for the whole, as repr() of the joined string.
        const QString &s = inputs.at(i);
        stdlab::py::ReprBuilder builder;
        for (qsizetype at = 0; at < s.size();) {
            qsizetype n = 1 + qsizetype(rng.bounded(4));
            n = std::min(n, s.size() - at);
            if (at + n < s.size() && s.at(at + n).isLowSurrogate()
                && s.at(at + n - 1).isHighSurrogate()) {
                ++n;
            }
            builder.append(QStringView(s).mid(at, n));
            at += n;
        }
        stdlab::ByteSink built;
        builder.writeTo(built);
        QCOMPARE(QString::fromUtf8(built.take()), line(2 * i));
    }
}

void tst_PyRepr::reprBuilderChoosesQuotesForTheWhole_data()
{
    QTest::addColumn<QStringList>("pieces");
    QTest::addColumn<QString>("expected");
    QTest::newRow("nothing") << QStringList{} << QStringLiteral("''");
    QTest::newRow("single quote in a later piece") << QStringList{"it", "'s"}
                                                   << QStringLiteral("\"it's\"");
    QTest::newRow("backslash then quote") << QStringList{"\\", "'"}
                                          << QStringLiteral("\"\\\\'\"");
    QTest::newRow("both quotes apart") << QStringList{"'", "x", "\""}
                                       << QStringLiteral("'\\'x\"'");
    QTest::newRow("escapes and quote") << QStringList{"\n'", "\u00a0\\'"}
                                       << QStringLiteral("\"\\n'\\xa0\\\\'\"");
    // Python strings are code points: halves of a pair in two pieces are two characters.
    QTest::newRow("surrogate halves in two pieces")
        << QStringList{QString(QChar(0xD83D)), QString(QChar(0xDE00))}
        << QStringLiteral("'\\ud83d\\ude00'");
    QTest::newRow("a long piece") << QStringList{QString(40000, QLatin1Char('a')) + "'"}
                                  << ("\"" + QString(40000, QLatin1Char('a')) + "'\"");
}

void tst_PyRepr::reprBuilderChoosesQuotesForTheWhole()
{
    QFETCH(QStringList, pieces);
    QFETCH(QString, expected);
    stdlab::py::ReprBuilder builder;
    for (const QString &piece : pieces) {
        builder.append(piece);
    }
    stdlab::ByteSink out;
    builder.writeTo(out);
    QCOMPARE(QString::fromUtf8(out.take()), expected);
    // Emptied: used again, it starts afresh.
    builder.append(u"a");
    builder.writeTo(out);
    QCOMPARE(QString::fromUtf8(out.take()), QStringLiteral("'a'"));
}

void tst_PyRepr::literal_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("raw for backslashes") << QStringLiteral("\\b(\\d{2})\\b")
                                         << QStringLiteral("r\"\\b(\\d{2})\\b\"");
    QTest::newRow("double quotes by default") << QStringLiteral("gato")
                                              << QStringLiteral("\"gato\"");
    QTest::newRow("apostrophe") << QStringLiteral("it's") << QStringLiteral("\"it's\"");
    QTest::newRow("trailing backslash not raw") << QStringLiteral("a\\")
                                                << QStringLiteral("\"a\\\\\"");
    QTest::newRow("newline not raw") << QStringLiteral("\\d\n") << QStringLiteral("\"\\\\d\\n\"");
}

void tst_PyRepr::literal()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(stdlab::py::literal(input), expected);
}

void tst_PyRepr::containers()
{
    using stdlab::py::list;
    using stdlab::py::reprBool;
    using stdlab::py::reprNone;
    using stdlab::py::tuple;
    auto repr = [](const QString &s) { return stdlab::py::repr(s); };
    QCOMPARE(list({repr(QStringLiteral("a")), reprNone()}), QStringLiteral("['a', None]"));
    QCOMPARE(tuple({repr(QStringLiteral("a"))}), QStringLiteral("('a',)"));
    QCOMPARE(tuple({QStringLiteral("1"), QStringLiteral("2")}), QStringLiteral("(1, 2)"));
    QCOMPARE(list({}), QStringLiteral("[]"));
    QCOMPARE(reprBool(true), QStringLiteral("True"));
}

void tst_PyRepr::reprFloat_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("whole number gets .0") << 22499617.0 << QStringLiteral("22499617.0");
    QTest::newRow("negative second") << -1.0 << QStringLiteral("-1.0");
    QTest::newRow("microsecond") << 1e-06 << QStringLiteral("1e-06");
    QTest::newRow("ten thousandth stays fixed") << 0.0001 << QStringLiteral("0.0001");
    QTest::newRow("shortest round trip") << 0.1 << QStringLiteral("0.1");
    QTest::newRow("sixteen digits fixed") << 1e15 << QStringLiteral("1000000000000000.0");
    QTest::newRow("seventeen digits exponent") << 1e16 << QStringLiteral("1e+16");
    QTest::newRow("mantissa with exponent") << 1.5e16 << QStringLiteral("1.5e+16");
    QTest::newRow("negative zero") << -0.0 << QStringLiteral("-0.0");
    QTest::newRow("infinity") << qInf() << QStringLiteral("inf");
}

void tst_PyRepr::reprFloat()
{
    QFETCH(double, value);
    QFETCH(QString, expected);
    QCOMPARE(stdlab::py::reprFloat(value), expected);
}

void tst_PyRepr::reprFloatMatchesCPython()
{
    // Random bit patterns and timedelta-like values, through CPython's repr(float).
    QRandomGenerator rng(7);
    QList<double> values;
    for (int i = 0; i < 2000; ++i) {
        quint64 bits = rng.generate64();
        double d;
        std::memcpy(&d, &bits, sizeof d);
        if (std::isfinite(d)) {
            values << d;
        }
        values << double(qint64(rng.bounded(2000000)) - 1000000) * std::pow(10.0, int(rng.bounded(30)) - 15);
        values << double(qint64(rng.generate64() % 100000000000000ULL)) / 1e6;
    }
    QProcess python;
    python.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import sys,struct\nfor l in sys.stdin:\n"
                                 "    print(repr(struct.unpack('<d', bytes.fromhex(l.strip()))[0]))")});
    QVERIFY(python.waitForStarted());
    for (double d : values) {
        python.write(QByteArray(reinterpret_cast<const char *>(&d), sizeof d).toHex() + '\n');
    }
    python.closeWriteChannel();
    QVERIFY(python.waitForFinished(30000));
    const QList<QByteArray> lines = python.readAllStandardOutput().split('\n');
    QVERIFY(lines.size() >= values.size());
    for (int i = 0; i < values.size(); ++i) {
        QCOMPARE(stdlab::py::reprFloat(values.at(i)), QString::fromLatin1(lines.at(i)));
    }
}

QTEST_GUILESS_MAIN(tst_PyRepr)
#include "tst_pyrepr.moc"

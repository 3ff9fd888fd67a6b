// Bytes typed in the Chat input (escapes, hex) and bytes shown as Python writes them, checked
// against python3 itself on thousands of generated inputs.
#include "chat/byteliteral.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QtTest>

using namespace stdlab::chat;

namespace {

/// Runs python3 on @p script with @p input (JSON) on stdin; its stdout parsed as JSON.
QJsonArray askPython(const QString &script, const QJsonArray &input)
{
    QProcess python;
    python.start(QStringLiteral("python3"), {QStringLiteral("-c"), script});
    if (!python.waitForStarted(30000)) {
        return {};
    }
    python.write(QJsonDocument(input).toJson(QJsonDocument::Compact));
    python.closeWriteChannel();
    if (!python.waitForFinished(60000) || python.exitCode() != 0) {
        qWarning() << python.readAllStandardError();
        return {};
    }
    return QJsonDocument::fromJson(python.readAllStandardOutput()).array();
}

QString hexOf(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

} // namespace

class tst_ByteLiteral : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escapes_data();
    void escapes();
    void hex_data();
    void hex();
    void reprOfKnownBytes_data();
    void reprOfKnownBytes();
    void escapesAgreeWithPython();
    void hexAgreesWithPython();
    void reprAgreesWithPython();
};

void tst_ByteLiteral::escapes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes"); // empty + error: refused
    QTest::addColumn<QString>("error");
    QTest::newRow("NUL, CRLF") << QStringLiteral("\\x00\\r\\n") << QByteArray("\0\r\n", 3)
                               << QString();
    QTest::newRow("tab, backslash, 0xff") << QStringLiteral("a\\tb\\\\c\\xff")
                                          << QByteArray("a\tb\\c\xff") << QString();
    QTest::newRow("octal, quotes") << QStringLiteral("\\0\\101\\'\\\"")
                                   << QByteArray("\0A'\"", 4) << QString();
    QTest::newRow("octal of three digits at most") << QStringLiteral("\\1234")
                                                   << QByteArray("S4") << QString();
    QTest::newRow("backslash-newline is nothing") << QStringLiteral("a\\\nb") << QByteArray("ab")
                                                  << QString();
    QTest::newRow("accents go as UTF-8") << QStringLiteral("ñ\\n") << QByteArray("\xc3\xb1\n")
                                         << QString();
    QTest::newRow("short \\x") << QStringLiteral("ab\\x4") << QByteArray()
                               << QStringLiteral("invalid \\x escape at position 2");
    QTest::newRow("\\x not hex") << QStringLiteral("\\xg0") << QByteArray()
                                 << QStringLiteral("invalid \\x escape at position 0");
    QTest::newRow("position counts UTF-8 bytes") << QStringLiteral("ñ\\x") << QByteArray()
                                                 << QStringLiteral("invalid \\x escape at position 2");
    QTest::newRow("unknown escape") << QStringLiteral("C:\\quote") << QByteArray()
                                    << QStringLiteral("invalid escape sequence '\\q'");
    QTest::newRow("octal over 0o377") << QStringLiteral("\\777") << QByteArray()
                                      << QStringLiteral("invalid octal escape sequence '\\777'");
    QTest::newRow("trailing backslash") << QStringLiteral("abc\\") << QByteArray()
                                        << QStringLiteral("Trailing \\ in string");
}

void tst_ByteLiteral::escapes()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);
    QString why;
    const auto got = parseEscapes(text, &why);
    QCOMPARE(got.has_value(), error.isEmpty());
    QCOMPARE(why, error);
    if (got) {
        QCOMPARE(*got, bytes);
    }
}

void tst_ByteLiteral::hex_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error");
    QTest::newRow("spaced") << QStringLiteral("48 65 6c") << QByteArray("Hel") << QString();
    QTest::newRow("packed, upper case, tabs") << QStringLiteral(" 486C\t6F\n") << QByteArray("Hlo")
                                              << QString();
    QTest::newRow("empty") << QString() << QByteArray() << QString();
    QTest::newRow("odd digit") << QStringLiteral("4") << QByteArray()
                               << QStringLiteral("non-hexadecimal number found in fromhex() arg "
                                                 "at position 1");
    QTest::newRow("space inside a byte") << QStringLiteral("4 8") << QByteArray()
                                         << QStringLiteral("non-hexadecimal number found in "
                                                           "fromhex() arg at position 1");
    QTest::newRow("not hex") << QStringLiteral("48 zz") << QByteArray()
                             << QStringLiteral("non-hexadecimal number found in fromhex() arg "
                                               "at position 3");
}

void tst_ByteLiteral::hex()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);
    QString why;
    const auto got = parseHex(text, &why);
    QCOMPARE(got.has_value(), error.isEmpty());
    QCOMPARE(why, error);
    if (got) {
        QCOMPARE(*got, bytes);
    }
}

void tst_ByteLiteral::reprOfKnownBytes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("repr");
    QTest::newRow("NUL CR LF") << QByteArray("\0\r\n", 3) << QStringLiteral("b'\\x00\\r\\n'");
    QTest::newRow("quote") << QByteArray("it's") << QStringLiteral("b\"it's\"");
    QTest::newRow("both quotes") << QByteArray("'\"") << QStringLiteral("b'\\'\"'");
    QTest::newRow("backslash, DEL, 0xff") << QByteArray("\\\x7f\xff")
                                          << QStringLiteral("b'\\\\\\x7f\\xff'");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("b''");
}

void tst_ByteLiteral::reprOfKnownBytes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, repr);
    QCOMPARE(bytesRepr(bytes), repr);
}

void tst_ByteLiteral::escapesAgreeWithPython()
{
    // codecs.escape_decode() is what a bytes literal's body goes through; what it only warns
    // about (the warning's text) is refused here.
    const QString alphabet = QStringLiteral("\\\\\\\\xx0178fFgnrtab'\"\nqNuñ ");
    QJsonArray inputs;
    QList<QString> texts;
    for (quint32 seed : {1u, 2u, 3u}) {
        QRandomGenerator rng(seed);
        for (int i = 0; i < 2000; ++i) {
            QString t;
            const int n = rng.bounded(1, 9);
            for (int k = 0; k < n; ++k) {
                t += alphabet.at(rng.bounded(int(alphabet.size())));
            }
            texts.append(t);
            inputs.append(t);
        }
    }
    const QJsonArray answers = askPython(
        QStringLiteral("import codecs, json, sys, warnings\n"
                       "out = []\n"
                       "for t in json.load(sys.stdin):\n"
                       "    with warnings.catch_warnings(record=True) as w:\n"
                       "        warnings.simplefilter('always')\n"
                       "        try:\n"
                       "            b = codecs.escape_decode(t.encode())[0]\n"
                       "            out.append({'hex': b.hex(), 'warning': str(w[0].message) if w else ''})\n"
                       "        except ValueError as e:\n"
                       "            out.append({'error': str(e)})\n"
                       "print(json.dumps(out))\n"),
        inputs);
    QCOMPARE(answers.size(), inputs.size());
    int refused = 0;
    for (qsizetype i = 0; i < texts.size(); ++i) {
        const QJsonObject a = answers.at(i).toObject();
        QString why;
        const auto got = parseEscapes(texts.at(i), &why);
        const QString where = QStringLiteral("%1 -> %2")
                                  .arg(QString::fromUtf8(QJsonDocument(QJsonArray{texts.at(i)})
                                                             .toJson(QJsonDocument::Compact)),
                                       QString::fromUtf8(QJsonDocument(a).toJson(
                                           QJsonDocument::Compact)));
        if (a.contains(u"error")) {
            ++refused;
            QVERIFY2(!got, qPrintable(where));
            // Python warns only after a successful decode: an earlier invalid escape is what
            // this side reports first.
            if (!why.startsWith(u"invalid escape sequence")
                && !why.startsWith(u"invalid octal escape sequence")) {
                QVERIFY2(why == a.value(u"error").toString(), qPrintable(where + u" / " + why));
            }
        } else if (!a.value(u"warning").toString().isEmpty()) {
            ++refused;
            QVERIFY2(!got, qPrintable(where));
            // Python names a non-ASCII escape by its first byte ('\Ã'); this side by the
            // character ('\ñ').
            const QString warning = a.value(u"warning").toString();
            const bool nonAscii = std::any_of(warning.begin(), warning.end(),
                                              [](QChar c) { return c.unicode() >= 128; });
            QVERIFY2(nonAscii ? why.startsWith(u"invalid escape sequence '\\") : why == warning,
                     qPrintable(where + u" / " + why));
        } else {
            QVERIFY2(got, qPrintable(where + u" / " + why));
            QVERIFY2(hexOf(*got) == a.value(u"hex").toString(), qPrintable(where));
        }
    }
    // Both kinds happen in the sample: the comparison is not vacuous.
    QVERIFY(refused > 500);
    QVERIFY(refused < texts.size() - 500);
}

void tst_ByteLiteral::hexAgreesWithPython()
{
    const QString alphabet = QStringLiteral("0123456789abcdefABCDEF \t\nxgñ");
    QJsonArray inputs;
    QList<QString> texts;
    QRandomGenerator rng(7);
    for (int i = 0; i < 4000; ++i) {
        QString t;
        const int n = rng.bounded(0, 9);
        for (int k = 0; k < n; ++k) {
            t += alphabet.at(rng.bounded(int(alphabet.size())));
        }
        texts.append(t);
        inputs.append(t);
    }
    const QJsonArray answers = askPython(
        QStringLiteral("import json, sys\n"
                       "out = []\n"
                       "for t in json.load(sys.stdin):\n"
                       "    try:\n"
                       "        out.append({'hex': bytes.fromhex(t).hex()})\n"
                       "    except ValueError as e:\n"
                       "        out.append({'error': str(e)})\n"
                       "print(json.dumps(out))\n"),
        inputs);
    QCOMPARE(answers.size(), inputs.size());
    int refused = 0;
    for (qsizetype i = 0; i < texts.size(); ++i) {
        const QJsonObject a = answers.at(i).toObject();
        QString why;
        const auto got = parseHex(texts.at(i), &why);
        const QString where = texts.at(i) + u" -> "
            + QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
        if (a.contains(u"error")) {
            ++refused;
            QVERIFY2(!got && why == a.value(u"error").toString(), qPrintable(where + u" / " + why));
        } else {
            QVERIFY2(got && hexOf(*got) == a.value(u"hex").toString(), qPrintable(where));
        }
    }
    QVERIFY(refused > 500);
    QVERIFY(refused < texts.size() - 500);
}

void tst_ByteLiteral::reprAgreesWithPython()
{
    QJsonArray inputs;
    QList<QByteArray> samples;
    QRandomGenerator rng(11);
    for (int i = 0; i < 3000; ++i) {
        QByteArray b;
        const int n = rng.bounded(0, 12);
        for (int k = 0; k < n; ++k) {
            // Every byte value, with quotes and backslashes often.
            const int pick = rng.bounded(8);
            b.append(pick == 0 ? '\'' : pick == 1 ? '"' : pick == 2 ? '\\'
                                                                    : char(rng.bounded(256)));
        }
        samples.append(b);
        inputs.append(hexOf(b));
    }
    const QJsonArray answers = askPython(
        QStringLiteral("import json, sys\n"
                       "print(json.dumps([repr(bytes.fromhex(h)) for h in json.load(sys.stdin)]))\n"),
        inputs);
    QCOMPARE(answers.size(), inputs.size());
    for (qsizetype i = 0; i < samples.size(); ++i) {
        QCOMPARE(bytesRepr(samples.at(i)), answers.at(i).toString());
    }
}

QTEST_GUILESS_MAIN(tst_ByteLiteral)
#include "tst_byteliteral.moc"

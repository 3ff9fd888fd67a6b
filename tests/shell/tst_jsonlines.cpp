#include "common/jsonlines.h"

#include "common/bytesink.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QtTest>

#include <cstdio>

class tst_JsonLines : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void echoesIdAndKeepsOrder();
    void malformedLineGetsErrorAndStreamGoesOn();
    void nulByteStaysInsideItsLine();
    void lineOverTheLimitGetsOneErrorAndIsNotKept();
    void byteOrderMarkInsideStringsIsKept();
    void stringsAreWrittenAsQJsonDocumentWritesThem();
    void streamedResultIsTheObjectsBytes();
};

static QJsonObject doubler(const QJsonObject &request)
{
    return {{QStringLiteral("result"), request.value(QStringLiteral("x")).toInt() * 2}};
}

static QJsonObject malformed(const QString &message)
{
    return {{QStringLiteral("error"), message}};
}

static QByteArray runLoop(const QByteArray &input,
                          qsizetype maxLine = stdlab::jsonlines::kMaxLineBytes)
{
    FILE *in = fmemopen(const_cast<char *>(input.constData()), size_t(input.size()), "r");
    char *buffer = nullptr;
    size_t size = 0;
    FILE *out = open_memstream(&buffer, &size);
    stdlab::jsonlines::run(doubler, malformed, in, out, maxLine);
    std::fclose(in);
    std::fclose(out);
    QByteArray result(buffer, qsizetype(size));
    std::free(buffer);
    return result;
}

void tst_JsonLines::echoesIdAndKeepsOrder()
{
    const QByteArray out = runLoop("{\"id\":1,\"x\":2}\n\n{\"id\":\"b\",\"x\":5}\r\n{\"x\":1}");
    const QList<QByteArray> lines = out.split('\n');
    QCOMPARE(lines.size(), 4); // three responses and the empty tail
    QCOMPARE(QJsonDocument::fromJson(lines[0]).object(),
             QJsonObject({{"id", 1}, {"result", 4}}));
    QCOMPARE(QJsonDocument::fromJson(lines[1]).object(),
             QJsonObject({{"id", "b"}, {"result", 10}}));
    QCOMPARE(QJsonDocument::fromJson(lines[2]).object(),
             QJsonObject({{"id", QJsonValue::Null}, {"result", 2}}));
}

void tst_JsonLines::malformedLineGetsErrorAndStreamGoesOn()
{
    const QByteArray out = runLoop("{\"id\":1,\"x\":\n[1,2]\n{\"id\":3,\"x\":3}\n");
    const QList<QByteArray> lines = out.split('\n');
    QCOMPARE(lines.size(), 4);
    QVERIFY(QJsonDocument::fromJson(lines[0]).object().value("error").toString().startsWith(
        "invalid JSON"));
    QCOMPARE(QJsonDocument::fromJson(lines[1]).object().value("error").toString(),
             QStringLiteral("request must be a JSON object"));
    QCOMPARE(QJsonDocument::fromJson(lines[2]).object().value("result").toInt(), 6);
}

void tst_JsonLines::nulByteStaysInsideItsLine()
{
    // fgets + strlen ended the first line at the NUL and glued the rest to the next line.
    static const char raw[] = "{\"id\":1,\"x\":\"a\0b\"}\n{\"id\":2,\"x\":4}\n\0\n";
    const QByteArray in(raw, sizeof raw - 1);
    const QList<QByteArray> lines = runLoop(in).split('\n');
    QCOMPARE(lines.size(), 4);
    QCOMPARE(QJsonDocument::fromJson(lines[0]).object().value("id"), QJsonValue(1));
    QCOMPARE(QJsonDocument::fromJson(lines[1]).object(),
             QJsonObject({{"id", 2}, {"result", 8}}));
    QVERIFY(QJsonDocument::fromJson(lines[2]).object().value("error").toString().startsWith(
        "invalid JSON"));
}

void tst_JsonLines::lineOverTheLimitGetsOneErrorAndIsNotKept()
{
    const QByteArray big = "{\"id\":1,\"x\":" + QByteArray(200000, '1') + "}";
    const QList<QByteArray> lines = runLoop(big + "\n{\"id\":2,\"x\":1}\n" + big, 1000).split('\n');
    QCOMPARE(lines.size(), 4);
    QCOMPARE(QJsonDocument::fromJson(lines[0]).object(),
             QJsonObject({{"id", QJsonValue::Null},
                          {"error", "request line longer than 1000 bytes"}}));
    QCOMPARE(QJsonDocument::fromJson(lines[1]).object(),
             QJsonObject({{"id", 2}, {"result", 2}}));
    QCOMPARE(lines[2], lines[0]);
}

void tst_JsonLines::byteOrderMarkInsideStringsIsKept()
{
    const QByteArray out =
        stdlab::jsonlines::processLine("{\"x\":\"\xEF\xBB\xBF" "a\"}",
                                       [](const QJsonObject &request) {
                                           return QJsonObject{{"echo", request.value("x")}};
                                       },
                                       malformed);
    // (read back with fromJson() the answer would lose it again)
    QCOMPARE(out, QByteArray("{\"echo\":\"\xEF\xBB\xBF" "a\",\"id\":null}"));
}

void tst_JsonLines::stringsAreWrittenAsQJsonDocumentWritesThem()
{
    // Controls, quotes, backslashes, DEL, Latin-1, BMP, pairs and unpaired surrogates.
    const QList<char16_t> pool = {u'a', u'"', u'\\', u'/', 0, 8, 9, 10, 12, 13, 0x1f, 0x7f,
                                  0xe9, 0x2028, 0xfeff, 0xd83d, 0xde00, 0xd800, 0xdfff, u' '};
    QRandomGenerator rng(5);
    for (int i = 0; i < 2000; ++i) {
        QString s;
        const int n = int(rng.bounded(10));
        for (int j = 0; j < n; ++j) {
            s += QChar(pool.at(int(rng.bounded(pool.size()))));
        }
        stdlab::ByteSink sink;
        stdlab::jsonlines::writeString(sink, s);
        const QByteArray expected = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
        QCOMPARE(sink.take(), expected.mid(1).chopped(1));
    }
}

void tst_JsonLines::streamedResultIsTheObjectsBytes()
{
    const QJsonValue result = QJsonArray{QStringLiteral("x\u00e9"), QJsonValue::Null, 3, 2.5,
                                         QJsonObject{{"b", 1}, {"a", QJsonArray{}}}};
    const stdlab::jsonlines::StreamHandler streamed = [&](const QJsonObject &) {
        return stdlab::jsonlines::Response{
            {}, [&](stdlab::ByteSink &out) { stdlab::jsonlines::writeValue(out, result); }};
    };
    const stdlab::jsonlines::Handler whole = [&](const QJsonObject &) {
        return QJsonObject{{QStringLiteral("result"), result}};
    };
    for (const QByteArray &line :
         {QByteArray("{}"), QByteArray(R"({"id":7})"), QByteArray(R"({"id":"q\"é"})"),
          QByteArray(R"({"id":{"z":[1,null]}})"), QByteArray(R"({"id":-0.5})"),
          QByteArray("[1]"), QByteArray("{bad")}) {
        stdlab::ByteSink sink;
        stdlab::jsonlines::processLine(line, streamed, malformed, sink);
        QCOMPARE(sink.take(), stdlab::jsonlines::processLine(line, whole, malformed));
    }
}

QTEST_GUILESS_MAIN(tst_JsonLines)
#include "tst_jsonlines.moc"

#include "common/jsonlines.h"

#include "common/bytesink.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QtTest>

#include <cstdio>

#include <unistd.h>

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
    void longStringsAreReadAsQJsonDocumentReadsThem();
    void longLinesQtWouldReadOtherwiseGetQtsAnswer_data();
    void longLinesQtWouldReadOtherwiseGetQtsAnswer();
    void escapesSplitBetweenReadsAreDecoded();
    void aRegularFileGetsTheAnswersOfAStream_data();
    void aRegularFileGetsTheAnswersOfAStream();
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
                          qsizetype maxLine = stdlab::jsonlines::kMaxLineBytes,
                          const stdlab::jsonlines::Handler &handler = doubler)
{
    FILE *in = fmemopen(const_cast<char *>(input.constData()), size_t(input.size()), "r");
    char *buffer = nullptr;
    size_t size = 0;
    FILE *out = open_memstream(&buffer, &size);
    stdlab::jsonlines::run(handler, malformed, in, out, maxLine);
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
    const stdlab::jsonlines::StreamHandler streamed = [&](const stdlab::jsonlines::Request &) {
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

// The request as QJsonDocument reads it, with a raw U+FEFF kept (as before the long-string
// reader: jsonlines escapes it first, Qt would drop one that starts a string).
static QJsonDocument qtDocument(const QByteArray &line, QJsonParseError *error)
{
    return QJsonDocument::fromJson(QByteArray(line).replace("\xEF\xBB\xBF", "\\ufeff"), error);
}

static QJsonObject echo(const QJsonObject &request)
{
    return {{QStringLiteral("echo"), request}};
}

// The answer to @p line made with QJsonDocument alone (what every line got before).
static QByteArray qtAnswer(const QByteArray &line)
{
    QJsonParseError error;
    const QJsonDocument doc = qtDocument(line, &error);
    QJsonObject answer;
    if (error.error != QJsonParseError::NoError) {
        answer = malformed(QStringLiteral("invalid JSON at offset %1: %2")
                               .arg(error.offset)
                               .arg(error.errorString()));
    } else if (!doc.isObject()) {
        answer = malformed(QStringLiteral("request must be a JSON object"));
    } else {
        answer = echo(doc.object());
        answer.insert("id", doc.object().value("id"));
    }
    if (!answer.contains("id")) {
        answer.insert("id", QJsonValue::Null);
    }
    return QJsonDocument(answer).toJson(QJsonDocument::Compact);
}

static const QByteArray kPadding(stdlab::jsonlines::kLongStringBytes, 'w');

void tst_JsonLines::longStringsAreReadAsQJsonDocumentReadsThem()
{
    // Every escape, pairs and lone surrogates as escapes, UTF-8 of 1-4 bytes, raw controls and
    // U+FEFF, noncharacters, in random long strings among other members.
    const QList<QByteArray> pool = {
        "a", " ", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u00e9",
        "\\u00E9", "\\uD83D\\uDE00", "\\ud800", "\\udfff", "\\uDC00\\uD800", "\\ufeff",
        "\\u0000", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xEF\xBB\xBF", "\x01", "\x1F",
        "\x7F", "\t", "\r", "\xEF\xBF\xBE", "\xEF\xBF\xBF", "\xEF\xB7\x90", "\xF4\x8F\xBF\xBF",
        "\xF0\x90\x80\x80", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEE\x80\x80", "\xC2\x80", "/"};
    QRandomGenerator rng(12);
    for (int i = 0; i < 300; ++i) {
        QByteArray s;
        const int n = int(rng.bounded(40));
        const int padAt = int(rng.bounded(n + 1));
        for (int j = 0; j <= n; ++j) {
            if (j == padAt) {
                s += kPadding.left(int(rng.bounded(kPadding.size())) + 1);
                s += kPadding.left(rng.bounded(2) * kPadding.size());
            }
            if (j < n) {
                s += pool.at(int(rng.bounded(pool.size())));
            }
        }
        const QByteArray line = i % 3 == 0
            ? QByteArray("{\"id\":" + QByteArray::number(i) + ",\"text\":\"" + s + "\",\"op\":\"sub\"}")
            : i % 3 == 1 ? QByteArray(" {\r\t\"a\" : [1, {\"b\":\"]}\\\"\"}], \"text\" :\"" + s
                    + "\" , \"n\":-1.5e3,\"t\":true,\"z\":null,\"f\":false, \"o\":{}}\t")
                         : QByteArray("{\"x\":\"" + s + "\",\"\\u0079\":\"" + s + s + "\"}");
        QJsonParseError error;
        const QJsonDocument doc = qtDocument(line, &error);
        QCOMPARE(error.errorString(), QStringLiteral("no error occurred"));
        const std::optional<stdlab::jsonlines::Request> request =
            stdlab::jsonlines::Request::fromLongLine(line);
        if ((i % 3 == 2 ? 2 : 1) * s.size() < stdlab::jsonlines::kLongStringBytes) {
            QVERIFY(!request); // left to Qt
            continue;
        }
        QVERIFY2(request, line.left(200).constData());
        QCOMPARE(request->toObject(), doc.object());
        QCOMPARE(stdlab::jsonlines::processLine(line, echo, malformed), qtAnswer(line));
    }
}

void tst_JsonLines::longLinesQtWouldReadOtherwiseGetQtsAnswer_data()
{
    QTest::addColumn<QByteArray>("line");
    const QByteArray p = kPadding;
    const auto row = [](const char *name, const QByteArray &line) {
        QTest::newRow(name) << line;
    };
    row("hex digit missing", "{\"t\":\"" + p + "\\u12G4\"}");
    row("escape cut by the quote", "{\"t\":\"" + p + "\\u12\"}");
    row("lenient escape", "{\"t\":\"" + p + "\\q\\x\\U\"}");
    row("overlong UTF-8", "{\"t\":\"" + p + "\xC0\x80\"}");
    row("UTF-8 surrogate", "{\"t\":\"" + p + "\xED\xA0\x80\"}");
    row("beyond U+10FFFF", "{\"t\":\"" + p + "\xF4\x90\x80\x80\"}");
    row("F5 lead byte", "{\"t\":\"" + p + "\xF5\x80\x80\x80\"}");
    row("lone continuation byte", "{\"t\":\"" + p + "\x80\"}");
    row("UTF-8 cut by the quote", "{\"t\":\"" + p + "\xE2\x82\"}");
    row("unterminated string", "{\"t\":\"" + p);
    row("unterminated object", "{\"t\":\"" + p + "\"");
    row("missing comma", "{\"t\":\"" + p + "\" \"u\":1}");
    row("missing colon", "{\"t\" \"" + p + "\"}");
    row("garbage after", "{\"t\":\"" + p + "\"} x");
    row("trailing comma", "{\"t\":\"" + p + "\",}");
    row("bad number", "{\"n\":01,\"t\":\"" + p + "\"}");
    row("bad literal", "{\"n\":nul,\"t\":\"" + p + "\"}");
    row("bad nested value", "{\"n\":[1,],\"t\":\"" + p + "\"}");
    row("brackets crossed", "{\"n\":[1}],\"t\":\"" + p + "\"}");
    row("key given twice, long last", "{\"t\":1,\"t\":\"" + p + "\"}");
    row("key given twice, long first", "{\"t\":\"" + p + "\",\"t\":1}");
    row("key twice through an escape", "{\"t\":\"" + p + "\",\"\\u0074\":\"" + p + "x\"}");
    row("array", "[\"" + p + "\"]");
    row("byte order mark first", "\xEF\xBB\xBF{\"t\":\"" + p + "\"}");
    row("byte order mark outside strings", "{\"t\":\xEF\xBB\xBF\"" + p + "\"}");
    row("byte order mark starting the string", "{\"t\":\"\xEF\xBB\xBF" + p + "\"}");
    row("NUL inside", QByteArray("{\"t\":\"") + p + QByteArray("\0\"}", 3));
}

void tst_JsonLines::longLinesQtWouldReadOtherwiseGetQtsAnswer()
{
    QFETCH(QByteArray, line);
    QCOMPARE(stdlab::jsonlines::processLine(line, echo, malformed), qtAnswer(line));
}

void tst_JsonLines::escapesSplitBetweenReadsAreDecoded()
{
    // The loop reads 64 KiB at a time: escapes and UTF-8 sequences cut between two reads (the
    // second line is cut at other places).
    const QByteArray head = "{\"id\":1,\"text\":\"";
    const QList<QByteArray> pieces = {"\\uD83D\\uDE00", "\xF0\x9F\x98\x80", "\\ud800",
                                      "\xE2\x82\xAC", "\\\\", "\\\"", "\\n"};
    QByteArray s;
    for (int boundary = 1; boundary <= 14; ++boundary) {
        const qsizetype at = qsizetype(boundary) * 65536 - 1 - (boundary % 3);
        s += QByteArray(at - head.size() - s.size(), 'a');
        s += pieces.at(boundary % pieces.size());
    }
    const QByteArray line = head + s + "\"}";
    QJsonParseError error;
    const QString expected = qtDocument(line, &error).object().value("text").toString();
    QVERIFY(expected.contains(QChar(0xD800)) && expected.contains(QStringLiteral("\U0001F600")));
    const stdlab::jsonlines::Handler compare = [&](const QJsonObject &request) {
        return QJsonObject{{"same", request.value("text").toString() == expected},
                           {"units", request.value("text").toString().size()}};
    };
    const QList<QByteArray> lines = runLoop(line + "\n" + line, 1 << 30, compare).split('\n');
    QCOMPARE(lines.size(), 3);
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(QJsonDocument::fromJson(lines[i]).object(),
                 QJsonObject({{"id", 1}, {"same", true}, {"units", expected.size()}}));
    }
}

void tst_JsonLines::aRegularFileGetsTheAnswersOfAStream_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("skip");    // bytes of the file read before run() starts
    QTest::addColumn<int>("maxLine"); // run()'s limit; 0: the default
    const QByteArray text = "{\"id\":7,\"text\":\"" + kPadding + "\\u00e9\\n\xC3\xB1\\\"\"}";
    QTest::newRow("lines, blank lines, CR LF")
        << QByteArray("{\"id\":1,\"x\":2}\n\n  \t\n{\"id\":2,\"x\":3}\r\n{\"x\":1}\r\r\n") << 0 << 0;
    QTest::newRow("no newline at the end") << QByteArray("{\"id\":1,\"x\":2}\n{\"x\":5}") << 0 << 0;
    static const char withNul[] = "{\"id\":1,\"x\":\"a\0b\"}\n\0\n";
    QTest::newRow("NUL inside a line") << QByteArray(withNul, sizeof withNul - 1) << 0 << 0;
    QTest::newRow("long strings") << text + "\n" + text + "\r\n" + text << 0 << 0;
    QTest::newRow("started midway") << "xx}\n" + text + "\n{\"x\":4}\n" << 2 << 0;
    QTest::newRow("over the limit") << "{\"id\":1,\"x\":" + QByteArray(200000, '1') + "}\n{\"x\":1}\n"
            + QByteArray(300000, ' ') << 0 << 1000;
}

void tst_JsonLines::aRegularFileGetsTheAnswersOfAStream()
{
    // run() maps a regular file instead of reading it (a 28 MB request line was zeroed and
    // copied into a buffer): the answers must be those of the same bytes read as a stream.
    QFETCH(QByteArray, input);
    QFETCH(int, skip);
    QFETCH(int, maxLine);
    const qsizetype limit = maxLine ? maxLine : stdlab::jsonlines::kMaxLineBytes;
    const stdlab::jsonlines::Handler handler = [](const QJsonObject &request) {
        return QJsonObject{{"echo", request}};
    };
    const QByteArray expected = runLoop(input.mid(skip), limit, handler);
    QTemporaryFile file;
    QVERIFY(file.open());
    QCOMPARE(file.write(input), input.size());
    QVERIFY(file.flush());
    FILE *in = std::fopen(file.fileName().toLocal8Bit().constData(), "r");
    QVERIFY(in);
    char discard[8];
    QCOMPARE(::read(fileno(in), discard, size_t(skip)), ssize_t(skip));
    char *buffer = nullptr;
    size_t size = 0;
    FILE *out = open_memstream(&buffer, &size);
    stdlab::jsonlines::run(handler, malformed, in, out, limit);
    QCOMPARE(lseek(fileno(in), 0, SEEK_CUR), off_t(input.size())); // all of it read
    std::fclose(in);
    std::fclose(out);
    const QByteArray answers(buffer, qsizetype(size));
    std::free(buffer);
    QCOMPARE(answers, expected);
    QVERIFY(answers.count('\n') >= 2);
}

QTEST_GUILESS_MAIN(tst_JsonLines)
#include "tst_jsonlines.moc"

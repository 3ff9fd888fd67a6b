#include "common/jsonlines.h"

#include <QJsonDocument>
#include <QtTest>

#include <cstdio>

class tst_JsonLines : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void echoesIdAndKeepsOrder();
    void malformedLineGetsErrorAndStreamGoesOn();
};

static QJsonObject doubler(const QJsonObject &request)
{
    return {{QStringLiteral("result"), request.value(QStringLiteral("x")).toInt() * 2}};
}

static QJsonObject malformed(const QString &message)
{
    return {{QStringLiteral("error"), message}};
}

static QByteArray runLoop(const QByteArray &input)
{
    FILE *in = fmemopen(const_cast<char *>(input.constData()), size_t(input.size()), "r");
    char *buffer = nullptr;
    size_t size = 0;
    FILE *out = open_memstream(&buffer, &size);
    stdlab::jsonlines::run(doubler, malformed, in, out);
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

QTEST_GUILESS_MAIN(tst_JsonLines)
#include "tst_jsonlines.moc"

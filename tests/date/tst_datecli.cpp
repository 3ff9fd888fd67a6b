// `stdlab date`: human forms, exit codes, and the --batch JSON Lines protocol.
#include "stdlabprocess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

class tst_DateCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void humanForms_data();
    void humanForms();
    void errorsExitOne();
    void usageErrorsExitTwo();
    void countsSaySingularForOne();
    void batchKeepsOrderAndIds();
};

void tst_DateCli::humanForms_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("add a month to Jan 31")
        << QStringList{"date", "add", "2023-01-31", "--months", "1"} << QByteArray("2023-02-28T00:00:00\n");
    QTest::newRow("add negative days")
        << QStringList{"date", "add", "2023-03-01", "--days=-1"} << QByteArray("2023-02-28T00:00:00\n");
    QTest::newRow("add across DST in Madrid")
        << QStringList{"date", "add", "2023-03-25T12:00", "--days", "1", "--tz", "Europe/Madrid"}
        << QByteArray("2023-03-26T12:00:00+02:00\n");
    QTest::newRow("format")
        << QStringList{"date", "format", "2023-06-14T14:06:23", "%A %d %B %Y, %I:%M %p"}
        << QByteArray("Wednesday 14 June 2023, 02:06 PM\n");
    QTest::newRow("parse") << QStringList{"date", "parse", "14/06/23", "%d/%m/%y"}
                           << QByteArray("2023-06-14T00:00:00\n");
    QTest::newRow("convert")
        << QStringList{"date", "convert", "2023-06-14T14:06:23", "--from", "Europe/Madrid", "--to",
                       "America/New_York"}
        << QByteArray("2023-06-14T08:06:23-04:00 EDT dst\n");
    QTest::newRow("compare") << QStringList{"date", "compare", "2023-06-14T02:00+02:00", "2023-06-14T00:00Z"}
                             << QByteArray("==\n");
}

void tst_DateCli::humanForms()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, expected);
    const ProcessResult r = runStdlab(args);
    QCOMPARE(r.err, QByteArray());
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, expected);
}

void tst_DateCli::errorsExitOne()
{
    const ProcessResult r = runStdlab({"date", "diff", "2023-02-30", "2023-03-01"});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err, QByteArray("stdlab date: day is out of range for month\n"));
    const ProcessResult d = runStdlab({"date", "diff", "2023-01-31", "2024-03-01T12:00"});
    QCOMPARE(d.exitCode, 0);
    QVERIFY(d.out.contains("b - a:          395 days, 12:00:00\n"));
    QVERIFY(d.out.contains("relativedelta:  years=1, months=1, days=1, hours=12"));
}

void tst_DateCli::countsSaySingularForOne()
{
    // 2023-01-01 .. 2023-09-18 is 260 days: 37 weeks and one day ("1 days" before).
    const ProcessResult r = runStdlab({"date", "diff", "2023-01-01", "2023-09-18"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("weeks + days:   37 weeks, 1 day\n"), r.out.constData());
    const ProcessResult w = runStdlab({"date", "diff", "2023-01-01", "2023-01-15"});
    QVERIFY2(w.out.contains("weeks + days:   2 weeks, 0 days\n"), w.out.constData());
    const ProcessResult one = runStdlab({"date", "diff", "2023-01-01", "2023-01-09"});
    QVERIFY2(one.out.contains("weeks + days:   1 week, 1 day\n"), one.out.constData());
}

void tst_DateCli::usageErrorsExitTwo()
{
    QCOMPARE(runStdlab({"date", "bogus"}).exitCode, 2);
    QCOMPARE(runStdlab({"date", "add"}).exitCode, 2);
    QCOMPARE(runStdlab({"date", "add", "2023-01-01", "--days", "x"}).exitCode, 2);
    QCOMPARE(runStdlab({"date", "convert", "2023-01-01", "--from", "UTC"}).exitCode, 2);
    const ProcessResult help = runStdlab({"date", "--help"});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("stdlab date --batch"));
}

void tst_DateCli::batchKeepsOrderAndIds()
{
    const QByteArray input = "{\"op\":\"diff\",\"a\":\"2023-06-14T14:06:23\",\"b\":\"2023-06-13\",\"id\":\"x\"}\n"
                             "not json\n"
                             "\n"
                             "{\"op\":\"nope\",\"id\":2}\n"
                             "{\"op\":\"add\",\"dt\":\"2023-01-31\",\"months\":1,\"id\":3}\n"
                             "{\"op\":\"add\",\"dt\":\"2023-01-31\",\"months\":1.5,\"id\":4}\n"
                             "{\"op\":\"parts\",\"dt\":\"2023-06-14T14:06:23\",\"tz\":\"Europe/Madrid\"}\n";
    const ProcessResult r = runStdlab({"date", "--batch"}, input);
    QCOMPARE(r.exitCode, 0);
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 6);
    const QJsonObject diff = QJsonDocument::fromJson(lines[0]).object();
    QCOMPARE(diff.value("id").toString(), QStringLiteral("x"));
    const QJsonObject d = diff.value("result").toObject();
    QCOMPARE(d.value("str").toString(), QStringLiteral("-2 days, 9:53:37"));
    QCOMPARE(d.value("days").toInt(), -2);
    QCOMPARE(d.value("total_seconds").toDouble(), -137183.0);
    QCOMPARE(d.value("mdays").toInt(), -1);
    QVERIFY(QJsonDocument::fromJson(lines[1]).object().contains("error"));
    QCOMPARE(QJsonDocument::fromJson(lines[2]).object().value("id").toInt(), 2);
    QVERIFY(QJsonDocument::fromJson(lines[2]).object().value("error").toString().startsWith("unknown op"));
    QCOMPARE(QJsonDocument::fromJson(lines[3]).object().value("result").toString(),
             QStringLiteral("2023-02-28T00:00:00"));
    QCOMPARE(QJsonDocument::fromJson(lines[4]).object().value("error").toString(),
             QStringLiteral("field 'months' must be an integer"));
    const QJsonObject parts = QJsonDocument::fromJson(lines[5]).object().value("result").toObject();
    QCOMPARE(parts.value("timestamp").toDouble(), 1686744383.0);
    QCOMPARE(parts.value("yday").toInt(), 165);
}

QTEST_GUILESS_MAIN(tst_DateCli)
#include "tst_datecli.moc"

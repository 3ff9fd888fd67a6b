// DateModel: live results and errors per section, the Python code of each section.
#include "date/datemodel.h"
#include "date/zoneinfo.h"

#include "common/pyrepr.h"

#include <QProcess>
#include <QSignalSpy>
#include <QtTest>

using stdlab::date::DateModel;
using stdlab::date::ZoneInfo;

class tst_DateModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void differenceIsLive();
    void calendarDifferenceKeepsSignAndMicroseconds_data();
    void calendarDifferenceKeepsSignAndMicroseconds();
    void invalidInputGetsPythonsMessage();
    void addAcrossDstShowsElapsed();
    void zoneTypedAsPeopleTypeIt();
    void convertExplainsFold();
    void formatAndParse();
    void pythonCodePerSection();
    void pythonCodePrintsWhatThePanelShows_data();
    void pythonCodePrintsWhatThePanelShows();
    void nowRefreshes();
};

void tst_DateModel::differenceIsLive()
{
    DateModel m;
    QSignalSpy spy(&m, &DateModel::resultsChanged);
    m.setInput(QStringLiteral("diffA"), QStringLiteral("2023-06-14T00:00:00"));
    m.setInput(QStringLiteral("diffB"), QStringLiteral("2023-06-13T23:59:59"));
    QCOMPARE(spy.count(), 2);
    QCOMPARE(m.result(QStringLiteral("diffDelta")), QStringLiteral("-1 day, 23:59:59"));
    QCOMPARE(m.result(QStringLiteral("diffTotalSeconds")), QStringLiteral("-1.0"));
    QCOMPARE(m.result(QStringLiteral("diffCompare")), QStringLiteral("a > b"));
    m.setInput(QStringLiteral("diffB"), QStringLiteral("2024-03-01"));
    QCOMPARE(m.result(QStringLiteral("diffCalendar")), QStringLiteral("0 years, 8 months, 16 days, 0:00:00"));
    QCOMPARE(m.result(QStringLiteral("diffBusiness")), QStringLiteral("187"));
}

void tst_DateModel::calendarDifferenceKeepsSignAndMicroseconds_data()
{
    // relativedelta(b, a) as python-dateutil gives it, its time part as H:MM:SS[.ffffff]
    // with the sign of its fields (they share one sign).
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<QString>("calendar");
    QTest::newRow("minus 30 minutes: relativedelta(minutes=-30)")
        << "2023-01-01T00:30" << "2023-01-01T00:00" << "0 years, 0 months, 0 days, -0:30:00";
    QTest::newRow("minus 1 us: relativedelta(microseconds=-1)")
        << "2023-01-01T00:00:00.000001" << "2023-01-01"
        << "0 years, 0 months, 0 days, -0:00:00.000001";
    QTest::newRow("half a second: relativedelta(microseconds=+500000)")
        << "2023-01-01" << "2023-01-01T00:00:00.5" << "0 years, 0 months, 0 days, 0:00:00.500000";
    QTest::newRow("relativedelta(days=-1, hours=-14, minutes=-6, seconds=-23)")
        << "2023-06-14T14:06:23" << "2023-06-13" << "0 years, 0 months, -1 day, -14:06:23";
    QTest::newRow("relativedelta(years=+1, months=+1, days=+1, hours=+12)")
        << "2023-01-31" << "2024-03-01T12:00" << "1 year, 1 month, 1 day, 12:00:00";
}

void tst_DateModel::calendarDifferenceKeepsSignAndMicroseconds()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(QString, calendar);
    DateModel m;
    m.setInput(QStringLiteral("diffA"), a);
    m.setInput(QStringLiteral("diffB"), b);
    QCOMPARE(m.result(QStringLiteral("diffCalendar")), calendar);
}

void tst_DateModel::invalidInputGetsPythonsMessage()
{
    DateModel m;
    m.setInput(QStringLiteral("diffA"), QStringLiteral("2023-02-30"));
    QCOMPARE(m.error(QStringLiteral("diffA")), QStringLiteral("day is out of range for month"));
    QCOMPARE(m.result(QStringLiteral("diffDelta")), QString());
    m.setInput(QStringLiteral("diffB"), QStringLiteral("2023-06-14T00:00+02:00"));
    m.setInput(QStringLiteral("diffA"), QStringLiteral("2023-06-14"));
    QCOMPARE(m.error(QStringLiteral("diffResult")),
             QStringLiteral("can't subtract offset-naive and offset-aware datetimes"));
}

void tst_DateModel::addAcrossDstShowsElapsed()
{
    DateModel m;
    m.setInput(QStringLiteral("addStart"), QStringLiteral("2023-03-25T12:00"));
    m.setInput(QStringLiteral("addZone"), QStringLiteral("Europe/Madrid"));
    m.setAmount(DateModel::Days, 1);
    QCOMPARE(m.result(QStringLiteral("addResult")), QStringLiteral("2023-03-26T12:00:00+02:00"));
    QVERIFY(m.result(QStringLiteral("addElapsed")).startsWith(QStringLiteral("23:00:00")));
    m.setSubtract(true);
    QCOMPARE(m.result(QStringLiteral("addResult")), QStringLiteral("2023-03-24T12:00:00+01:00"));
    m.setInput(QStringLiteral("addZone"), QStringLiteral("Mars/Olympus"));
    QCOMPARE(m.error(QStringLiteral("addZone")), QStringLiteral("No time zone found with key Mars/Olympus"));
}

void tst_DateModel::zoneTypedAsPeopleTypeIt()
{
    // "madrid" while Europe/Madrid is offered: the one zone it names is taken, and the program
    // says ZoneInfo('Europe/Madrid'), which Python accepts (ZoneInfo('madrid') would fail).
    DateModel m;
    m.setSection(DateModel::ConvertSection);
    m.setInput(QStringLiteral("convertDt"), QStringLiteral("2023-06-14T14:06:23"));
    m.setInput(QStringLiteral("convertFrom"), QStringLiteral("madrid"));
    m.setInput(QStringLiteral("convertTo"), QStringLiteral("new york"));
    QCOMPARE(m.error(QStringLiteral("convertFrom")), QString());
    QCOMPARE(m.error(QStringLiteral("convertTo")), QString());
    QCOMPARE(m.result(QStringLiteral("convertResult")), QStringLiteral("2023-06-14T08:06:23-04:00"));
    QVERIFY2(m.pythonCode().contains(QLatin1String("ZoneInfo('Europe/Madrid')"))
                 && m.pythonCode().contains(QLatin1String("ZoneInfo('America/New_York')")),
             qPrintable(m.pythonCode()));
    m.setInput(QStringLiteral("convertFrom"), QStringLiteral("EUROPE/MADRID"));
    QCOMPARE(m.error(QStringLiteral("convertFrom")), QString());
    QCOMPARE(ZoneInfo::resolveKey(QStringLiteral("tokyo")), QStringLiteral("Asia/Tokyo"));
    QCOMPARE(ZoneInfo::resolveKey(QStringLiteral("UTC")), QStringLiteral("UTC"));
    // Not a zone: Python's message, and the zones that were probably meant.
    m.setInput(QStringLiteral("convertFrom"), QStringLiteral("madri"));
    QCOMPARE(m.error(QStringLiteral("convertFrom")),
             QStringLiteral("No time zone found with key madri (did you mean Europe/Madrid?)"));
}

void tst_DateModel::convertExplainsFold()
{
    DateModel m;
    m.setInput(QStringLiteral("convertDt"), QStringLiteral("2023-10-29T02:30"));
    m.setInput(QStringLiteral("convertFrom"), QStringLiteral("Europe/Madrid"));
    m.setInput(QStringLiteral("convertTo"), QStringLiteral("UTC"));
    QCOMPARE(m.result(QStringLiteral("convertResult")), QStringLiteral("2023-10-29T00:30:00+00:00"));
    QVERIFY(!m.result(QStringLiteral("convertNote")).isEmpty());
    m.setConvertFold(1);
    QCOMPARE(m.result(QStringLiteral("convertResult")), QStringLiteral("2023-10-29T01:30:00+00:00"));
}

void tst_DateModel::formatAndParse()
{
    DateModel m;
    m.setInput(QStringLiteral("formatDt"), QStringLiteral("2023-06-14T14:06:23"));
    m.setInput(QStringLiteral("formatString"), QStringLiteral("%d/%m/%Y %I %p"));
    QCOMPARE(m.result(QStringLiteral("formatResult")), QStringLiteral("14/06/2023 02 PM"));
    m.setInput(QStringLiteral("parseText"), QStringLiteral("2023-06-14 junk"));
    m.setInput(QStringLiteral("parseFormat"), QStringLiteral("%Y-%m-%d"));
    QCOMPARE(m.error(QStringLiteral("parseResult")), QStringLiteral("unconverted data remains:  junk"));
}

void tst_DateModel::pythonCodePerSection()
{
    DateModel m;
    QSignalSpy spy(&m, &DateModel::pythonCodeChanged);
    m.setSection(DateModel::AddSection);
    QCOMPARE(spy.count(), 1);
    QVERIFY(m.pythonCode().contains(QStringLiteral(
        "datetime.datetime(2023, 6, 14, 14, 6, 23) + datetime.timedelta(days=30)")));
    m.setSection(DateModel::ConvertSection);
    QVERIFY(m.pythonCode().contains(QStringLiteral(
        "datetime.datetime(2023, 10, 29, 2, 30).replace(tzinfo=ZoneInfo('Europe/Madrid'))")));
    m.setSection(DateModel::FormatSection);
    QVERIFY(m.pythonCode().contains(QStringLiteral("datetime.datetime.strptime(")));
}

void tst_DateModel::pythonCodePrintsWhatThePanelShows_data()
{
    // The sections' programs (standard library only, no dateutil), with the
    // inputs to set and the results whose values python3 must print, one per line.
    QTest::addColumn<int>("section");
    QTest::addColumn<QStringList>("inputs"); // key, value, key, value...
    QTest::addColumn<QStringList>("printed"); // result keys, or "=literal"
    // Difference: every row, with the standard library only (no dateutil).
    const QStringList difference = QStringList{"diffDelta", "diffRepr", "diffTotalSeconds", "diffCalendar", "diffWeeks", "diffBusiness", "diffCompare"};
    QTest::newRow("difference") << int(DateModel::DifferenceSection) << QStringList()
                                << difference;
    QTest::newRow("difference backwards, one day and a week")
        << int(DateModel::DifferenceSection)
        << QStringList{"diffA", "2024-03-01T06:00", "diffB", "2024-01-31T00:00:00.25"}
        << difference;
    QTest::newRow("difference of one month from the 31st")
        << int(DateModel::DifferenceSection)
        << QStringList{"diffA", "2023-01-31", "diffB", "2023-02-28T23:59:59"} << difference;
    QTest::newRow("difference of one year, one day, one week")
        << int(DateModel::DifferenceSection)
        << QStringList{"diffA", "2023-01-01", "diffB", "2024-01-09"} << difference;
    QTest::newRow("difference of equal times")
        << int(DateModel::DifferenceSection)
        << QStringList{"diffA", "2023-06-14T12:00", "diffB", "2023-06-14T12:00"} << difference;
    QTest::newRow("difference of aware times")
        << int(DateModel::DifferenceSection)
        << QStringList{"diffA", "2023-03-25T12:00+01:00", "diffB", "2023-03-26T12:00+02:00"}
        << difference;
    QTest::newRow("add 30 days") << int(DateModel::AddSection) << QStringList()
                                 << QStringList{"addResult"};
    QTest::newRow("add across DST in Madrid")
        << int(DateModel::AddSection)
        << QStringList{"addStart", "2023-03-25T12:00", "addZone", "Europe/Madrid"}
        << QStringList{"addResult"};
    QTest::newRow("add to an aware start in a zone")
        << int(DateModel::AddSection)
        << QStringList{"addStart", "2023-03-25T12:00+00:00", "addZone", "Europe/Madrid"}
        << QStringList{"addResult"};
    QTest::newRow("add to a time in a DST gap")
        << int(DateModel::AddSection)
        << QStringList{"addStart", "2023-03-26T02:30", "addZone", "Europe/Madrid"}
        << QStringList{"addResult"};
    QTest::newRow("add to an ambiguous time")
        << int(DateModel::AddSection)
        << QStringList{"addStart", "2023-10-29T02:30", "addZone", "Europe/Madrid"}
        << QStringList{"addResult"};
    QTest::newRow("add to a fixed offset")
        << int(DateModel::AddSection) << QStringList{"addStart", "2023-06-14T14:06:23.5-03:30"}
        << QStringList{"addResult"};
    QTest::newRow("convert an aware time")
        << int(DateModel::ConvertSection)
        << QStringList{"convertDt", "2023-06-14T12:00Z", "convertFrom", "Asia/Tokyo", "convertTo",
                       "Australia/Lord_Howe"}
        << QStringList{"=2023-06-14T22:30:00+10:30 +1030 0:00:00"};
    QTest::newRow("difference across years, microseconds")
        << int(DateModel::DifferenceSection)
        << QStringList{"diffA", "0001-01-01", "diffB", "9999-12-31T23:59:59.999999"}
        << difference;
    QTest::newRow("strftime of every directive")
        << int(DateModel::FormatSection)
        << QStringList{"formatDt", "2023-01-01T00:00:00.000007",
                       "formatString", "%a %A %w %d %b %B %m %y %Y %H %I %p %M %S %f %z %Z %j %U %W %c %x %X %% %G %u %V %e %F %T %-d"}
        << QStringList{"formatResult", "parseResult", "parseRepr"};
    QTest::newRow("convert ambiguous time")
        << int(DateModel::ConvertSection) << QStringList()
        << QStringList{"=2023-10-28T20:30:00-04:00 EDT 1:00:00"};
    QTest::newRow("format and parse") << int(DateModel::FormatSection) << QStringList()
                                      << QStringList{"formatResult", "parseResult", "parseRepr"};
    // repr() of a datetime always shows hour and minute: datetime.datetime(2023, 6, 14, 0, 0).
    QTest::newRow("parse a date without a time")
        << int(DateModel::FormatSection)
        << QStringList{"parseText", "14/06/23", "parseFormat", "%d/%m/%y"}
        << QStringList{"formatResult", "parseResult", "parseRepr"};
    QTest::newRow("parse a time with seconds, no microseconds")
        << int(DateModel::FormatSection)
        << QStringList{"parseText", "2023-06-14 14:06:23", "parseFormat", "%Y-%m-%d %H:%M:%S"}
        << QStringList{"formatResult", "parseResult", "parseRepr"};
    QTest::newRow("parse with microseconds and offset")
        << int(DateModel::FormatSection)
        << QStringList{"parseText", "2023-06-14 14:06:23.5 +0200", "parseFormat",
                       "%Y-%m-%d %H:%M:%S.%f %z"}
        << QStringList{"formatResult", "parseResult", "parseRepr"};
}

void tst_DateModel::pythonCodePrintsWhatThePanelShows()
{
    QFETCH(int, section);
    QFETCH(QStringList, inputs);
    QFETCH(QStringList, printed);
    DateModel m;
    for (qsizetype i = 0; i + 1 < inputs.size(); i += 2) {
        m.setInput(inputs.at(i), inputs.at(i + 1));
    }
    m.setSection(DateModel::Section(section));
    QString expected;
    for (const QString &key : printed) {
        const QString value = key.startsWith(QLatin1Char('=')) ? key.mid(1) : m.result(key);
        QVERIFY2(!value.isEmpty(), qPrintable(key));
        expected += value + QLatin1Char('\n');
    }
    QProcess py;
    py.start(QStringLiteral("python3"), {QStringLiteral("-c"), m.pythonCode()});
    QVERIFY2(py.waitForFinished(30000), qPrintable(py.errorString()));
    QCOMPARE(QString::fromUtf8(py.readAllStandardError()), QString());
    QCOMPARE(QString::fromUtf8(py.readAllStandardOutput()), expected);
}

void tst_DateModel::nowRefreshes()
{
    DateModel m;
    QSignalSpy spy(&m, &DateModel::nowChanged);
    QVERIFY(spy.wait(10000));
    QVERIFY(!m.result(QStringLiteral("nowLocal")).isEmpty());
    // As the Python shown prints them: isocalendar()'s named tuple, timestamp()'s float repr.
    QVERIFY2(QRegularExpression(QStringLiteral(
                 "^datetime\\.IsoCalendarDate\\(year=\\d{4}, week=\\d+, weekday=[1-7]\\)$"))
                 .match(m.result(QStringLiteral("nowIsoCalendar")))
                 .hasMatch(),
             qPrintable(m.result(QStringLiteral("nowIsoCalendar"))));
    const QString timestamp = m.result(QStringLiteral("nowTimestamp"));
    QCOMPARE(timestamp, stdlab::py::reprFloat(timestamp.toDouble()));
    m.setInput(QStringLiteral("nowZone"), QStringLiteral("Asia/Tokyo"));
    QVERIFY(m.result(QStringLiteral("nowZone")).contains(QStringLiteral("+09:00 JST")));
}

QTEST_GUILESS_MAIN(tst_DateModel)
#include "tst_datemodel.moc"

// The datetime value types: normalisation, ranges, isoformat, arithmetic, relativedelta.
#include "date/pydatetime.h"

#include <QtTest>

using namespace stdlab::date;

class tst_PyDateTime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ordinalRoundTrip_data();
    void ordinalRoundTrip();
    void dateChecks_data();
    void dateChecks();
    void isoCalendar_data();
    void isoCalendar();
    void timedeltaStr_data();
    void timedeltaStr();
    void timedeltaOverflow();
    void fromIsoFormat_data();
    void fromIsoFormat();
    void addMonthsClampsOnce_data();
    void addMonthsClampsOnce();
    void addOutOfRange();
    void subtractNaiveAware();
    void compareFixedOffsets();
    void relativeDelta_data();
    void relativeDelta();
    void businessDays_data();
    void businessDays();
    void totalSecondsCorrectlyRounded();
};

void tst_PyDateTime::ordinalRoundTrip_data()
{
    QTest::addColumn<int>("year");
    QTest::addColumn<int>("month");
    QTest::addColumn<int>("day");
    QTest::addColumn<qint64>("ordinal");
    QTest::newRow("year 1") << 1 << 1 << 1 << qint64(1);
    QTest::newRow("epoch") << 1970 << 1 << 1 << qint64(719163);
    QTest::newRow("leap day 2000") << 2000 << 2 << 29 << qint64(730179);
    QTest::newRow("year 9999 end") << 9999 << 12 << 31 << qint64(3652059);
    QTest::newRow("1900 not leap, Mar 1") << 1900 << 3 << 1 << qint64(693655);
}

void tst_PyDateTime::ordinalRoundTrip()
{
    QFETCH(int, year);
    QFETCH(int, month);
    QFETCH(int, day);
    QFETCH(qint64, ordinal);
    QCOMPARE(ymdToOrdinal(year, month, day), ordinal);
    const auto d = Date::fromOrdinal(ordinal);
    QVERIFY(d.ok());
    QCOMPARE(d->year, year);
    QCOMPARE(d->month, month);
    QCOMPARE(d->day, day);
}

void tst_PyDateTime::dateChecks_data()
{
    QTest::addColumn<int>("year");
    QTest::addColumn<int>("month");
    QTest::addColumn<int>("day");
    QTest::addColumn<QString>("error");
    QTest::newRow("Feb 29 in a leap year") << 2024 << 2 << 29 << QString();
    QTest::newRow("Feb 29 in 1900") << 1900 << 2 << 29 << "day is out of range for month";
    QTest::newRow("Feb 29 in 2000") << 2000 << 2 << 29 << QString();
    QTest::newRow("April 31") << 2023 << 4 << 31 << "day is out of range for month";
    QTest::newRow("month 13") << 2023 << 13 << 1 << "month must be in 1..12";
    QTest::newRow("year 0") << 0 << 1 << 1 << "year 0 is out of range";
    QTest::newRow("year 10000") << 10000 << 1 << 1 << "year 10000 is out of range";
}

void tst_PyDateTime::dateChecks()
{
    QFETCH(int, year);
    QFETCH(int, month);
    QFETCH(int, day);
    QFETCH(QString, error);
    const auto d = Date::make(year, month, day);
    QCOMPARE(d.ok(), error.isEmpty());
    QCOMPARE(d.error(), error);
}

void tst_PyDateTime::isoCalendar_data()
{
    QTest::addColumn<QString>("date");
    QTest::addColumn<int>("isoYear");
    QTest::addColumn<int>("week");
    QTest::addColumn<int>("weekday");
    QTest::newRow("2023-06-14") << "2023-06-14" << 2023 << 24 << 3;
    QTest::newRow("Jan 1 2021 is in 2020's week 53") << "2021-01-01" << 2020 << 53 << 5;
    QTest::newRow("Dec 31 2024 is in 2025's week 1") << "2024-12-31" << 2025 << 1 << 2;
    QTest::newRow("year 1") << "0001-01-01" << 1 << 1 << 1;
}

void tst_PyDateTime::isoCalendar()
{
    QFETCH(QString, date);
    QFETCH(int, isoYear);
    QFETCH(int, week);
    QFETCH(int, weekday);
    const auto dt = DateTime::fromIsoFormat(date);
    QVERIFY2(dt.ok(), qPrintable(dt.error()));
    const auto c = dt->date().isoCalendar();
    QCOMPARE(c.year, isoYear);
    QCOMPARE(c.week, week);
    QCOMPARE(c.weekday, weekday);
    QCOMPARE(c.repr(), QStringLiteral("datetime.IsoCalendarDate(year=%1, week=%2, weekday=%3)")
                           .arg(isoYear)
                           .arg(week)
                           .arg(weekday));
}

void tst_PyDateTime::timedeltaStr_data()
{
    QTest::addColumn<qint64>("microseconds");
    QTest::addColumn<QString>("str");
    QTest::addColumn<QString>("repr");
    QTest::newRow("zero") << qint64(0) << "0:00:00" << "datetime.timedelta(0)";
    QTest::newRow("minus one second") << qint64(-1000000) << "-1 day, 23:59:59"
                                      << "datetime.timedelta(days=-1, seconds=86399)";
    QTest::newRow("two days and a microsecond") << qint64(2LL * 86400000000 + 1)
                                                << "2 days, 0:00:00.000001"
                                                << "datetime.timedelta(days=2, microseconds=1)";
    QTest::newRow("one day one hour") << qint64(90000LL * 1000000) << "1 day, 1:00:00"
                                      << "datetime.timedelta(days=1, seconds=3600)";
}

void tst_PyDateTime::timedeltaStr()
{
    QFETCH(qint64, microseconds);
    QFETCH(QString, str);
    QFETCH(QString, repr);
    const auto d = TimeDelta::fromMicroseconds(microseconds);
    QVERIFY(d.ok());
    QCOMPARE(d->str(), str);
    QCOMPARE(d->repr(), repr);
}

void tst_PyDateTime::timedeltaOverflow()
{
    QVERIFY(TimeDelta::make(0, 999999999, 0, 0, 0, 0).ok());
    const auto d = TimeDelta::make(0, 1000000000, 0, 0, 0, 0);
    QCOMPARE(d.error(), QStringLiteral("days=1000000000; must have magnitude <= 999999999"));
    // CPython converts days to a C int before the range check (microseconds_to_delta_ex).
    QCOMPARE(TimeDelta::make(0, 2147483647, 0, 0, 0, 0).error(),
             QStringLiteral("days=2147483647; must have magnitude <= 999999999"));
    QCOMPARE(TimeDelta::make(0, -2147483648LL, 0, 0, 0, 0).error(),
             QStringLiteral("days=-2147483648; must have magnitude <= 999999999"));
    QCOMPARE(TimeDelta::make(0, 2147483648LL, 0, 0, 0, 0).error(),
             QStringLiteral("Python int too large to convert to C int"));
    QCOMPARE(TimeDelta::make(0, -2147483649LL, 0, 0, 0, 0).error(),
             QStringLiteral("Python int too large to convert to C int"));
    QCOMPARE(TimeDelta::make(400000000, 0, 0, 0, 0, 0).error(),
             QStringLiteral("Python int too large to convert to C int"));
    QCOMPARE(TimeDelta::make(0, 0, 99999999999999LL, 0, 0, 0).error(),
             QStringLiteral("Python int too large to convert to C int"));
    const auto w = TimeDelta::make(-1, -2, -3, 0, 0, 0);
    QCOMPARE(w->days, qint64(-10));
    QCOMPARE(w->seconds, 75600);
}

void tst_PyDateTime::fromIsoFormat_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("result"); // isoformat() or the error
    QTest::newRow("date only") << "2023-06-14" << "2023-06-14T00:00:00";
    QTest::newRow("microseconds") << "2023-06-14T14:06:23.5" << "2023-06-14T14:06:23.500000";
    QTest::newRow("basic format") << "20230614T140623" << "2023-06-14T14:06:23";
    QTest::newRow("Z") << "2023-06-14T14:06:23Z" << "2023-06-14T14:06:23+00:00";
    QTest::newRow("offset seconds") << "2023-06-14T14:06+05:30:15" << "2023-06-14T14:06:00+05:30:15";
    QTest::newRow("week date") << "2023-W24-3" << "2023-06-14T00:00:00";
    QTest::newRow("Feb 30") << "2023-02-30" << "day is out of range for month";
    QTest::newRow("hour 24") << "2023-06-14T24:00" << "hour must be in 0..23";
    QTest::newRow("garbage") << "hello" << "Invalid isoformat string: 'hello'";
    QTest::newRow("trailing T") << "2023-06-14T" << "Invalid isoformat string: '2023-06-14T'";
    QTest::newRow("offset of a day")
        << "2023-06-14T00:00+24:00"
        << "offset must be a timedelta strictly between -timedelta(hours=24) and "
           "timedelta(hours=24), not datetime.timedelta(days=1).";
}

void tst_PyDateTime::fromIsoFormat()
{
    QFETCH(QString, text);
    QFETCH(QString, result);
    const auto dt = DateTime::fromIsoFormat(text);
    QCOMPARE(dt.ok() ? dt->isoFormat() : dt.error(), result);
}

void tst_PyDateTime::addMonthsClampsOnce_data()
{
    QTest::addColumn<QString>("start");
    QTest::addColumn<int>("years");
    QTest::addColumn<int>("months");
    QTest::addColumn<QString>("result");
    QTest::newRow("Jan 31 + 1 month") << "2023-01-31" << 0 << 1 << "2023-02-28T00:00:00";
    QTest::newRow("Jan 31 + 1 month, leap") << "2024-01-31" << 0 << 1 << "2024-02-29T00:00:00";
    QTest::newRow("1 year 1 month clamps once") << "2023-01-31" << 1 << 1 << "2024-02-29T00:00:00";
    QTest::newRow("Feb 29 + 1 year") << "2024-02-29" << 1 << 0 << "2025-02-28T00:00:00";
    QTest::newRow("Mar 31 - 1 month") << "2023-03-31" << 0 << -1 << "2023-02-28T00:00:00";
    QTest::newRow("past year 9999") << "9999-12-31" << 0 << 1 << "year 10000 is out of range";
}

void tst_PyDateTime::addMonthsClampsOnce()
{
    QFETCH(QString, start);
    QFETCH(int, years);
    QFETCH(int, months);
    QFETCH(QString, result);
    const auto r = addYearsMonths(*DateTime::fromIsoFormat(start), years, months);
    QCOMPARE(r.ok() ? r->isoFormat() : r.error(), result);
}

void tst_PyDateTime::addOutOfRange()
{
    const auto last = DateTime::fromIsoFormat(QStringLiteral("9999-12-31T23:59:59.999999"));
    QCOMPARE(last->add(*TimeDelta::fromMicroseconds(1)).error(),
             QStringLiteral("date value out of range"));
    const auto first = DateTime::fromIsoFormat(QStringLiteral("0001-01-01"));
    QCOMPARE(first->add(*TimeDelta::fromMicroseconds(-1)).error(),
             QStringLiteral("date value out of range"));
}

void tst_PyDateTime::subtractNaiveAware()
{
    const auto a = DateTime::fromIsoFormat(QStringLiteral("2023-06-14T00:00"));
    const auto b = DateTime::fromIsoFormat(QStringLiteral("2023-06-14T00:00+02:00"));
    QCOMPARE(a->subtract(*b).error(),
             QStringLiteral("can't subtract offset-naive and offset-aware datetimes"));
    QCOMPARE(a->compare(*b).error(),
             QStringLiteral("can't compare offset-naive and offset-aware datetimes"));
}

void tst_PyDateTime::compareFixedOffsets()
{
    const auto a = DateTime::fromIsoFormat(QStringLiteral("2023-06-14T02:00+02:00"));
    const auto b = DateTime::fromIsoFormat(QStringLiteral("2023-06-14T00:00Z"));
    QCOMPARE(*a->compare(*b), 0);
    const auto d = a->subtract(*DateTime::fromIsoFormat(QStringLiteral("2023-06-13T23:00Z")));
    QCOMPARE(d->str(), QStringLiteral("1:00:00"));
}

void tst_PyDateTime::relativeDelta_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<qint64>("years");
    QTest::addColumn<qint64>("months");
    QTest::addColumn<qint64>("days");
    QTest::addColumn<qint64>("hours");
    QTest::newRow("Jan 31 to Mar 1") << "2023-01-31" << "2023-03-01" << qint64(0) << qint64(1)
                                     << qint64(1) << qint64(0);
    QTest::newRow("leap day to Feb 28") << "2024-02-29" << "2025-02-28" << qint64(1) << qint64(0)
                                        << qint64(0) << qint64(0);
    QTest::newRow("backwards") << "2023-03-31T12:00" << "2023-02-28T11:00" << qint64(0)
                               << qint64(-1) << qint64(0) << qint64(-1);
    QTest::newRow("whole range") << "0001-01-01" << "9999-12-31" << qint64(9998) << qint64(11)
                                 << qint64(30) << qint64(0);
}

void tst_PyDateTime::relativeDelta()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    const auto rd = stdlab::date::relativeDelta(*DateTime::fromIsoFormat(b),
                                                *DateTime::fromIsoFormat(a));
    QVERIFY(rd.ok());
    QTEST(rd->years, "years");
    QTEST(rd->months, "months");
    QTEST(rd->days, "days");
    QTEST(rd->hours, "hours");
}

void tst_PyDateTime::businessDays_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<qint64>("count");
    QTest::newRow("Mon to next Mon") << "2023-06-12" << "2023-06-19" << qint64(5);
    QTest::newRow("Fri to Mon") << "2023-06-16" << "2023-06-19" << qint64(1);
    QTest::newRow("Sat to Mon") << "2023-06-17" << "2023-06-19" << qint64(0);
    QTest::newRow("same day") << "2023-06-14" << "2023-06-14" << qint64(0);
    QTest::newRow("backwards") << "2023-06-19" << "2023-06-12" << qint64(-5);
}

void tst_PyDateTime::businessDays()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(qint64, count);
    QCOMPARE(stdlab::date::businessDays(DateTime::fromIsoFormat(a)->date(),
                                        DateTime::fromIsoFormat(b)->date()),
             count);
}

void tst_PyDateTime::totalSecondsCorrectlyRounded()
{
    // Values above 2**53 microseconds, where a plain double division can be off by one ulp;
    // expected values are CPython's (timedelta(microseconds=n).total_seconds()).
    QCOMPARE(TimeDelta::fromMicroseconds(Int128(315537897599999999LL))->totalSeconds(),
             315537897600.0);
    QCOMPARE(TimeDelta::fromMicroseconds(-1)->totalSeconds(), -1e-06);
    QCOMPARE(TimeDelta::fromMicroseconds(Int128(9007199254740993LL))->totalSeconds(),
             9007199254.740993);
}

QTEST_APPLESS_MAIN(tst_PyDateTime)
#include "tst_pydatetime.moc"

// zoneinfo port: offsets, gaps and folds in Europe/Madrid and America/New_York, TZ-string years.
#include "date/dateops.h"
#include "date/zoneinfo.h"

#include <QtTest>

using namespace stdlab::date;

class tst_ZoneInfo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wallTimeOffsets_data();
    void wallTimeOffsets();
    void fromUtcSetsFold();
    void unknownKeys_data();
    void unknownKeys();
    void availableZones();
    void convertFlagsGapAndFold_data();
    void convertFlagsGapAndFold();
};

void tst_ZoneInfo::wallTimeOffsets_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("wall");
    QTest::addColumn<int>("fold");
    QTest::addColumn<QString>("iso");
    QTest::addColumn<QString>("tzname");
    QTest::newRow("Madrid summer") << "Europe/Madrid" << "2023-06-14T14:06:23" << 0
                                   << "2023-06-14T14:06:23+02:00" << "CEST";
    QTest::newRow("Madrid gap, fold 0") << "Europe/Madrid" << "2023-03-26T02:30:00" << 0
                                        << "2023-03-26T02:30:00+01:00" << "CET";
    QTest::newRow("Madrid gap, fold 1") << "Europe/Madrid" << "2023-03-26T02:30:00" << 1
                                        << "2023-03-26T02:30:00+02:00" << "CEST";
    QTest::newRow("Madrid fold 0") << "Europe/Madrid" << "2023-10-29T02:30:00" << 0
                                   << "2023-10-29T02:30:00+02:00" << "CEST";
    QTest::newRow("Madrid fold 1") << "Europe/Madrid" << "2023-10-29T02:30:00" << 1
                                   << "2023-10-29T02:30:00+01:00" << "CET";
    QTest::newRow("Madrid LMT") << "Europe/Madrid" << "1900-01-01T00:00:00" << 0
                                << "1900-01-01T00:00:00-00:14:44" << "LMT";
    QTest::newRow("New York gap") << "America/New_York" << "2023-03-12T02:30:00" << 0
                                  << "2023-03-12T02:30:00-05:00" << "EST";
    QTest::newRow("New York fold 1") << "America/New_York" << "2023-11-05T01:30:00" << 1
                                     << "2023-11-05T01:30:00-05:00" << "EST";
    QTest::newRow("New York year 9999 (TZ string)") << "America/New_York" << "9999-07-01T12:00:00"
                                                    << 0 << "9999-07-01T12:00:00-04:00" << "EDT";
}

void tst_ZoneInfo::wallTimeOffsets()
{
    QFETCH(QString, zone);
    QFETCH(QString, wall);
    QFETCH(int, fold);
    const auto dt = readDateTime(wall, zone, fold);
    QVERIFY2(dt.ok(), qPrintable(dt.error()));
    QTEST(dt->isoFormat(), "iso");
    QTEST(dt->tzName().value_or(QString()), "tzname");
}

void tst_ZoneInfo::fromUtcSetsFold()
{
    const auto madrid = zoneTz(QStringLiteral("Europe/Madrid"));
    // 00:30 UTC and 01:30 UTC on 2023-10-29 are both 02:30 in Madrid; the second has fold=1.
    const auto first = DateTime::fromIsoFormat(QStringLiteral("2023-10-29T00:30:00+00:00"))
                           ->astimezone(*madrid);
    const auto second = DateTime::fromIsoFormat(QStringLiteral("2023-10-29T01:30:00+00:00"))
                            ->astimezone(*madrid);
    QCOMPARE(first->isoFormat(), QStringLiteral("2023-10-29T02:30:00+02:00"));
    QCOMPARE(first->fold, 0);
    QCOMPARE(second->isoFormat(), QStringLiteral("2023-10-29T02:30:00+01:00"));
    QCOMPARE(second->fold, 1);
}

void tst_ZoneInfo::unknownKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("error");
    QTest::newRow("unknown") << "Invalid/Zone" << "No time zone found with key Invalid/Zone";
    QTest::newRow("directory") << "Europe" << "No time zone found with key Europe";
    QTest::newRow("absolute") << "/etc/passwd"
                              << "ZoneInfo keys may not be absolute paths, got: /etc/passwd";
    QTest::newRow("not normalized") << "Europe/Madrid/"
                                    << "ZoneInfo keys must be normalized relative paths, got: "
                                       "Europe/Madrid/";
    QTest::newRow("not a TZif file") << "zone.tab" << "Invalid TZif file: magic not found";
}

void tst_ZoneInfo::unknownKeys()
{
    QFETCH(QString, key);
    QFETCH(QString, error);
    QCOMPARE(ZoneInfo::load(key).error(), error);
}

void tst_ZoneInfo::availableZones()
{
    const QStringList zones = ZoneInfo::availableTimeZones();
    QVERIFY(zones.contains(QStringLiteral("Europe/Madrid")));
    QVERIFY(zones.contains(QStringLiteral("America/New_York")));
    QVERIFY(!zones.contains(QStringLiteral("zone.tab")));
    QVERIFY(std::is_sorted(zones.begin(), zones.end()));
}

void tst_ZoneInfo::convertFlagsGapAndFold_data()
{
    QTest::addColumn<QString>("wall");
    QTest::addColumn<QString>("from");
    QTest::addColumn<int>("fold");
    QTest::addColumn<QString>("utc");
    QTest::addColumn<bool>("gap");
    QTest::addColumn<bool>("ambiguous");
    QTest::newRow("Madrid gap") << "2023-03-26T02:30" << "Europe/Madrid" << 0
                                << "2023-03-26T01:30:00+00:00" << true << false;
    QTest::newRow("Madrid fold 0") << "2023-10-29T02:30" << "Europe/Madrid" << 0
                                   << "2023-10-29T00:30:00+00:00" << false << true;
    QTest::newRow("Madrid fold 1") << "2023-10-29T02:30" << "Europe/Madrid" << 1
                                   << "2023-10-29T01:30:00+00:00" << false << true;
    QTest::newRow("New York ordinary") << "2023-06-14T10:00" << "America/New_York" << 0
                                       << "2023-06-14T14:00:00+00:00" << false << false;
}

void tst_ZoneInfo::convertFlagsGapAndFold()
{
    QFETCH(QString, wall);
    QFETCH(QString, from);
    QFETCH(int, fold);
    const auto c = convert(wall, from, QStringLiteral("UTC"), fold);
    QVERIFY2(c.ok(), qPrintable(c.error()));
    QTEST(c->result.isoFormat(), "utc");
    QTEST(c->gap, "gap");
    QTEST(c->ambiguous, "ambiguous");
}

QTEST_APPLESS_MAIN(tst_ZoneInfo)
#include "tst_zoneinfo.moc"

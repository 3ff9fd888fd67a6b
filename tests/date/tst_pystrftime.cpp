// strftime and strptime: every directive, C-locale names, Python's error messages.
#include "date/pystrftime.h"

#include <QtTest>

using namespace stdlab::date;

class tst_PyStrftime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void strftimeDirectives_data();
    void strftimeDirectives();
    void strptimeCases_data();
    void strptimeCases();
    void directiveTableCoversTheIssueList();
};

void tst_PyStrftime::strftimeDirectives_data()
{
    QTest::addColumn<QString>("dt");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("expected");
    const QString dt = QStringLiteral("2023-06-14T14:06:23.000042+02:00");
    const struct
    {
        const char *format, *expected;
    } rows[] = {{"%a", "Wed"},  {"%A", "Wednesday"}, {"%w", "3"},      {"%d", "14"},
                {"%b", "Jun"},  {"%B", "June"},      {"%m", "06"},     {"%y", "23"},
                {"%Y", "2023"}, {"%H", "14"},        {"%I", "02"},     {"%p", "PM"},
                {"%M", "06"},   {"%S", "23"},        {"%f", "000042"}, {"%z", "+0200"},
                {"%Z", "UTC+02:00"}, {"%j", "165"},  {"%U", "24"},     {"%W", "24"},
                {"%c", "Wed Jun 14 14:06:23 2023"},  {"%x", "06/14/23"}, {"%X", "14:06:23"},
                {"%%", "%"},    {"%G", "2023"},      {"%u", "3"},      {"%V", "24"},
                {"%%f", "%f"},  {"%Q", "%Q"},        {"100%", "100%"}, {"%-d/%-m", "14/6"}};
    for (const auto &r : rows) {
        QTest::newRow(r.format) << dt << QString::fromUtf8(r.format) << QString::fromUtf8(r.expected);
    }
    QTest::newRow("year 1 is not padded") << "0001-01-01" << "%Y|%y|%C" << "1|01|0";
    QTest::newRow("naive %z and %Z are empty") << "2023-06-14" << "[%z][%Z]" << "[][]";
}

void tst_PyStrftime::strftimeDirectives()
{
    QFETCH(QString, dt);
    QFETCH(QString, format);
    QFETCH(QString, expected);
    QCOMPARE(strftime(*DateTime::fromIsoFormat(dt), format), expected);
}

void tst_PyStrftime::strptimeCases_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("result");
    QTest::newRow("ISO-like") << "2023-06-14 14:06:23" << "%Y-%m-%d %H:%M:%S"
                              << "2023-06-14T14:06:23";
    QTest::newRow("%y pivot 68") << "68" << "%y" << "2068-01-01T00:00:00";
    QTest::newRow("%y pivot 69") << "69" << "%y" << "1969-01-01T00:00:00";
    QTest::newRow("12 AM is midnight") << "12AM" << "%I%p" << "1900-01-01T00:00:00";
    QTest::newRow("month names ignore case") << "JUNE 2023" << "%B %Y" << "2023-06-01T00:00:00";
    QTest::newRow("%z with colons") << "2023 -05:30" << "%Y %z" << "2023-01-01T00:00:00-05:30";
    QTest::newRow("ISO week") << "2020-W53-7" << "%G-W%V-%u" << "2021-01-03T00:00:00";
    QTest::newRow("day of year") << "2024 366" << "%Y %j" << "2024-12-31T00:00:00";
    QTest::newRow("%c") << "Wed Jun 14 14:06:23 2023" << "%c" << "2023-06-14T14:06:23";
    QTest::newRow("no match") << "2023" << "%Y-%m"
                              << "time data '2023' does not match format '%Y-%m'";
    QTest::newRow("unconverted") << "2023-06-14 junk" << "%Y-%m-%d"
                                 << "unconverted data remains:  junk";
    QTest::newRow("bad directive") << "2023" << "%Q" << "'Q' is a bad directive in format '%Q'";
    QTest::newRow("stray %") << "2023" << "%Y%" << "stray % in format '%Y%'";
    QTest::newRow("Feb 29 without a year") << "02-29" << "%m-%d" << "day is out of range for month";
    QTest::newRow("%V with %Y")
        << "2023 52 1" << "%Y %V %u"
        << "ISO week directive '%V' is incompatible with the year directive '%Y'. Use the ISO "
           "year '%G' instead.";
    QTest::newRow("second 61") << "14:06:61" << "%H:%M:%S" << "second must be in 0..59";
    QTest::newRow("repeated directive")
        << "12 12" << "%d %d"
        << "redefinition of group name 'd' as group 2; was group 1 at position 48";
}

void tst_PyStrftime::strptimeCases()
{
    QFETCH(QString, text);
    QFETCH(QString, format);
    QFETCH(QString, result);
    const auto dt = strptime(text, format);
    QCOMPARE(dt.ok() ? dt->isoFormat() : dt.error(), result);
}

void tst_PyStrftime::directiveTableCoversTheIssueList()
{
    QStringList codes;
    for (const Directive &d : directives()) {
        codes << d.code;
    }
    for (const char *c : {"%a", "%A", "%w", "%d", "%b", "%B", "%m", "%y", "%Y", "%H", "%I", "%p",
                          "%M", "%S", "%f", "%z", "%Z", "%j", "%U", "%W", "%c", "%x", "%X", "%%",
                          "%G", "%u", "%V"}) {
        QVERIFY2(codes.contains(QLatin1String(c)), c);
    }
}

QTEST_APPLESS_MAIN(tst_PyStrftime)
#include "tst_pystrftime.moc"

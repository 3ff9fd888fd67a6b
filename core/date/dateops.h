#pragma once

#include "date/pydatetime.h"

#include <QJsonObject>

/**
 * The operations of `stdlab date` and the Dates panel on top of the engine, each written once:
 * reading a datetime in a zone, parts, add, diff, convert. The JSON Lines batch protocol too.
 */
namespace stdlab::date {

/// datetime.now(timezone.utc), to the microsecond.
DateTime nowUtc();

/// ZoneInfo(key) as a tzinfo.
Expected<TzInfo> zoneTz(const QString &key);

/// fromisoformat(iso); with a zone key, a naive value is taken as wall time there (fold as
/// given) and an aware one is converted with astimezone().
Expected<DateTime> readDateTime(const QString &iso, const QString &zoneKey = {}, int fold = 0);

struct Parts
{
    int year, month, day, hour, minute, second, microsecond;
    int weekday, isoWeekday;
    Date::IsoCalendar isoCalendar;
    int yearDay;
    std::optional<double> timestamp;
};
Parts parts(const DateTime &dt);

struct AddAmounts
{
    qint64 years = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0,
           microseconds = 0;
    bool isZero() const
    {
        return !years && !months && !weeks && !days && !hours && !minutes && !seconds
            && !microseconds;
    }
};
/// Years and months first with one clamp to the month's end, then the timedelta.
Expected<DateTime> addAmounts(const DateTime &dt, const AddAmounts &amounts);

struct Difference
{
    TimeDelta delta; ///< b - a
    RelativeDelta calendar; ///< relativedelta(b, a)
    qint64 weeks = 0; ///< whole weeks of delta.days (toward zero)
    qint64 weekDays = 0; ///< the days left over
    qint64 businessDays = 0; ///< Mon-Fri from a's date (inclusive) to b's date (exclusive)
};
Expected<Difference> difference(const DateTime &a, const DateTime &b);

struct Conversion
{
    DateTime result;
    QString tzName;
    bool dst = false;
    int fold = 0;
    bool gap = false; ///< the source wall time does not exist (skipped by a DST change)
    bool ambiguous = false; ///< the source wall time happens twice (fold matters)
};
/// dt (naive: wall time in @p from with @p fold) converted to @p to with astimezone().
Expected<Conversion> convert(const QString &iso, const QString &from, const QString &to,
                             int fold = 0);

/// One `stdlab date --batch` request; the response object without "id".
QJsonObject handleBatchRequest(const QJsonObject &request);

} // namespace stdlab::date

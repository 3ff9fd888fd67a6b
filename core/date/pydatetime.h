#pragma once

#include <QString>

#include <memory>
#include <optional>

/**
 * Value types of Python's datetime module (date, time of day, datetime, timedelta, timezone)
 * with CPython's normalisation, range checks, isoformat() and error messages. No QObject.
 */
namespace stdlab::date {

class ZoneInfo;

/// 128-bit arithmetic for timedelta totals (999999999 days in microseconds exceed 64 bits).
__extension__ typedef __int128 Int128;

/// A value or Python's error message (the text of the ValueError/OverflowError/TypeError).
template <class T>
class Expected
{
public:
    Expected(const T &value) : m_value(value) { }
    Expected(T &&value) : m_value(std::move(value)) { }
    static Expected failure(const QString &message)
    {
        Expected e;
        e.m_error = message;
        return e;
    }
    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const { return *m_value; }
    const T &operator*() const { return *m_value; }
    const T *operator->() const { return &*m_value; }
    const QString &error() const { return m_error; }

private:
    Expected() = default;
    std::optional<T> m_value;
    QString m_error;
};

/// Shorthand for returning a failure of any Expected<T>.
struct Fail
{
    QString message;
    template <class T>
    operator Expected<T>() const { return Expected<T>::failure(message); }
};

constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;
constexpr qint64 kMaxOrdinal = 3652059; // date(9999, 12, 31).toordinal()
constexpr qint64 kEpochOrdinal = 719163; // date(1970, 1, 1).toordinal()
constexpr qint64 kUsPerSecond = 1000000;
constexpr qint64 kUsPerDay = 86400 * kUsPerSecond;

bool isLeap(int year);
int daysInMonth(int year, int month);
int daysBeforeYear(int year);
int daysBeforeMonth(int year, int month);
/// Proleptic Gregorian ordinal, 0001-01-01 is 1 (date.toordinal()).
qint64 ymdToOrdinal(int year, int month, int day);

struct Date
{
    int year = 1;
    int month = 1;
    int day = 1;

    /// date(year, month, day) with Python's checks ("month must be in 1..12", ...).
    static Expected<Date> make(int year, int month, int day);
    /// date.fromordinal(n).
    static Expected<Date> fromOrdinal(qint64 ordinal);
    /// date.fromisocalendar(year, week, day).
    static Expected<Date> fromIsoCalendar(int year, int week, int day);
    qint64 toOrdinal() const { return ymdToOrdinal(year, month, day); }
    int weekday() const { return int((toOrdinal() + 6) % 7); }
    int isoWeekday() const { return weekday() + 1; }
    int yearDay() const { return daysBeforeMonth(year, month) + day; }
    struct IsoCalendar
    {
        int year, week, weekday;
        /// As Python prints it: datetime.IsoCalendarDate(year=2023, week=24, weekday=3).
        QString repr() const;
    };
    IsoCalendar isoCalendar() const;
    QString isoFormat() const;
    bool operator==(const Date &o) const = default;
};

/// timedelta: days, seconds (0..86399) and microseconds (0..999999), like CPython.
struct TimeDelta
{
    qint64 days = 0;
    int seconds = 0;
    int microseconds = 0;

    /// Normalises a total number of microseconds; fails like timedelta() beyond 999999999 days.
    static Expected<TimeDelta> fromMicroseconds(Int128 us);
    /// timedelta(weeks=, days=, hours=, minutes=, seconds=, microseconds=) with integers.
    static Expected<TimeDelta> make(qint64 weeks, qint64 days, qint64 hours, qint64 minutes,
                                    qint64 seconds, qint64 microseconds);
    Int128 totalMicroseconds() const
    {
        return (Int128(days) * 86400 + seconds) * kUsPerSecond + microseconds;
    }
    /// total_seconds() as CPython computes it (correctly rounded microseconds / 10**6).
    double totalSeconds() const;
    /// str(timedelta): "1 day, 2:03:04.000005", "-1 day, 23:59:59".
    QString str() const;
    /// repr(timedelta) as Python 3.11 writes it: "datetime.timedelta(days=1, seconds=5)".
    QString repr() const;
    bool isZero() const { return days == 0 && seconds == 0 && microseconds == 0; }
    bool operator==(const TimeDelta &o) const = default;
};

/// Python's tzinfo as far as this lab needs it: none, datetime.timezone, or ZoneInfo.
struct TzInfo
{
    enum Kind { Naive, Fixed, Zone };
    Kind kind = Naive;
    qint64 offsetUs = 0; ///< Fixed: the offset.
    QString name; ///< Fixed: the explicit name given to timezone(), if any.
    std::shared_ptr<const ZoneInfo> zone;

    static TzInfo fixed(qint64 offsetUs, const QString &name = {});
    /// timezone(offset) with Python's range check.
    static Expected<TzInfo> makeFixed(qint64 offsetUs, const QString &name = {});
    static TzInfo zoneInfo(std::shared_ptr<const ZoneInfo> zone);
    bool isAware() const { return kind != Naive; }
    /// Whether Python would see the same tzinfo object (same ZoneInfo key, same fixed offset).
    bool sameObject(const TzInfo &other) const;
    /// The Python expression that builds this tzinfo (for generated code).
    QString pythonExpr() const;
};

/// A datetime.datetime (a date with time 00:00 when built from a date).
struct DateTime
{
    int year = 1, month = 1, day = 1;
    int hour = 0, minute = 0, second = 0, microsecond = 0;
    int fold = 0;
    TzInfo tz;

    static Expected<DateTime> make(int year, int month, int day, int hour = 0, int minute = 0,
                                   int second = 0, int microsecond = 0, TzInfo tz = {},
                                   int fold = 0);
    /// datetime.fromisoformat() of Python 3.11.
    static Expected<DateTime> fromIsoFormat(const QString &text);
    /// A naive datetime from an ordinal and the microseconds of that day (no checks).
    static DateTime fromOrdinalUs(qint64 ordinal, qint64 usOfDay);

    Date date() const { return {year, month, day}; }
    qint64 toOrdinal() const { return ymdToOrdinal(year, month, day); }
    qint64 usOfDay() const
    {
        return ((hour * 60LL + minute) * 60 + second) * kUsPerSecond + microsecond;
    }
    /// Microseconds since 0001-01-01T00:00 of the wall time (naive fields).
    Int128 wallUs() const { return Int128(toOrdinal()) * kUsPerDay + usOfDay(); }
    bool isAware() const { return tz.isAware(); }

    std::optional<qint64> utcOffsetUs() const;
    std::optional<qint64> dstUs() const;
    std::optional<QString> tzName() const;

    /// isoformat(): microseconds only when non-zero, offset when aware.
    QString isoFormat(QChar sep = QLatin1Char('T')) const;
    /// The Python expression: datetime.datetime(2023, 6, 14, 14, 6, 23[, tzinfo=...]).
    QString pythonExpr() const;
    /// repr() as CPython writes it: hour and minute always, datetime.datetime(2023, 6, 14, 0, 0).
    QString repr() const;

    DateTime replacedTz(const TzInfo &tzinfo, int newFold = 0) const
    {
        DateTime r = *this;
        r.tz = tzinfo;
        r.fold = newFold;
        return r;
    }

    /// self + delta (wall clock; tzinfo kept, fold reset like CPython).
    Expected<DateTime> add(const TimeDelta &delta) const;
    /// self - other with CPython's rules (same tzinfo object: wall clock; else via UTC).
    Expected<TimeDelta> subtract(const DateTime &other) const;
    /// (self > other) - (self < other); fails for naive vs aware.
    Expected<int> compare(const DateTime &other) const;
    /// self.astimezone(tz) for an aware self.
    Expected<DateTime> astimezone(const TzInfo &target) const;
    /// self.timestamp() for an aware self.
    Expected<double> timestamp() const;
};

/// "+HH:MM[:SS[.ffffff]]" as CPython's format_utcoffset writes it (sep "" for %z).
QString formatUtcOffset(qint64 offsetUs, const QString &sep);
/// (double)num / den correctly rounded, as CPython's int true division.
double divideCorrectlyRounded(Int128 num, qint64 den);

/// dateutil's relativedelta(b, a): years, months, days (plus the time part it normalises).
struct RelativeDelta
{
    qint64 years = 0, months = 0, days = 0, hours = 0, minutes = 0, seconds = 0,
           microseconds = 0;
};
Expected<RelativeDelta> relativeDelta(const DateTime &b, const DateTime &a);

/// dt + relativedelta(years=, months=): one clamp to the month's last day.
Expected<DateTime> addYearsMonths(const DateTime &dt, qint64 years, qint64 months);

/// Business days Mon-Fri from a (inclusive) to b (exclusive); negative when b < a.
qint64 businessDays(const Date &a, const Date &b);

} // namespace stdlab::date

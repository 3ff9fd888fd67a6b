#include "date/pydatetime.h"

#include "common/pyrepr.h"
#include "date/zoneinfo.h"

#include <QStringList>

#include <cmath>
#include <limits>

namespace stdlab::date {

namespace {

constexpr int kDaysBeforeMonth[] = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
constexpr int kDaysInMonth[] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
constexpr qint64 kMaxDeltaDays = 999999999;

template <class T>
T floorDiv(T a, T b)
{
    T q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) {
        --q;
    }
    return q;
}

template <class T>
T floorMod(T a, T b)
{
    return a - floorDiv(a, b) * b;
}

// Zero-padded decimal (hot in isoformat(): avoids QString::arg's parsing).
QString pad(qint64 v, int width)
{
    char buf[24];
    bool negative = v < 0;
    quint64 u = negative ? quint64(-(v + 1)) + 1 : quint64(v);
    int n = 0;
    do {
        buf[n++] = char('0' + u % 10);
        u /= 10;
    } while (u != 0);
    while (n < width) {
        buf[n++] = '0';
    }
    QString s;
    s.reserve(n + 1);
    if (negative) {
        s += QLatin1Char('-');
    }
    while (n > 0) {
        s += QLatin1Char(buf[--n]);
    }
    return s;
}

int isoWeek1Monday(int year)
{
    const qint64 firstDay = ymdToOrdinal(year, 1, 1);
    const int firstWeekday = int((firstDay + 6) % 7);
    qint64 week1Monday = firstDay - firstWeekday;
    if (firstWeekday > 3) {
        week1Monday += 7;
    }
    return int(week1Monday);
}

bool isAsciiDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

// Strict ASCII digits, like CPython's C parse_digits (int() would accept more).
std::optional<int> digits(const QString &s, qsizetype pos, qsizetype count)
{
    if (count <= 0 || pos + count > s.size()) {
        return std::nullopt;
    }
    int v = 0;
    for (qsizetype i = pos; i < pos + count; ++i) {
        if (!isAsciiDigit(s.at(i))) {
            return std::nullopt;
        }
        v = v * 10 + (s.at(i).unicode() - '0');
    }
    return v;
}

Expected<qint64> checkDateFields(int year, int month, int day)
{
    if (year < kMinYear || year > kMaxYear) {
        return Fail{QStringLiteral("year %1 is out of range").arg(year)};
    }
    if (month < 1 || month > 12) {
        return Fail{QStringLiteral("month must be in 1..12")};
    }
    if (day < 1 || day > daysInMonth(year, month)) {
        return Fail{QStringLiteral("day is out of range for month")};
    }
    return qint64(0);
}

// Python's _find_isoformat_datetime_separator.
std::optional<qsizetype> isoSeparator(const QString &s)
{
    const qsizetype len = s.size();
    if (len == 7) {
        return 7;
    }
    if (s.at(4) == QLatin1Char('-')) {
        if (s.at(5) == QLatin1Char('W')) {
            if (len > 8 && s.at(8) == QLatin1Char('-')) {
                if (len == 9) {
                    return std::nullopt;
                }
                if (len > 10 && isAsciiDigit(s.at(10))) {
                    return 8;
                }
                return 10;
            }
            return 8;
        }
        return 10;
    }
    if (s.at(4) == QLatin1Char('W')) {
        qsizetype idx = 7;
        while (idx < len && isAsciiDigit(s.at(idx))) {
            ++idx;
        }
        if (idx < 9) {
            return idx;
        }
        return idx % 2 == 0 ? 7 : 8;
    }
    return 8;
}

std::optional<Date> parseIsoDate(const QString &s)
{
    if (s.size() != 7 && s.size() != 8 && s.size() != 10) {
        return std::nullopt;
    }
    const auto year = digits(s, 0, 4);
    if (!year) {
        return std::nullopt;
    }
    const bool hasSep = s.at(4) == QLatin1Char('-');
    qsizetype pos = 4 + hasSep;
    if (pos < s.size() && s.at(pos) == QLatin1Char('W')) {
        ++pos;
        const auto week = digits(s, pos, 2);
        if (!week) {
            return std::nullopt;
        }
        pos += 2;
        int dayNo = 1;
        if (s.size() > pos) {
            if ((s.at(pos) == QLatin1Char('-')) != hasSep) {
                return std::nullopt;
            }
            pos += hasSep;
            const auto d = digits(s, pos, 1);
            if (!d || pos + 1 != s.size()) {
                return std::nullopt;
            }
            dayNo = *d;
        }
        const auto date = Date::fromIsoCalendar(*year, *week, dayNo);
        if (!date) {
            return std::nullopt;
        }
        return *date;
    }
    const auto month = digits(s, pos, 2);
    if (!month) {
        return std::nullopt;
    }
    pos += 2;
    if ((pos < s.size() && s.at(pos) == QLatin1Char('-')) != hasSep) {
        return std::nullopt;
    }
    pos += hasSep;
    const auto day = digits(s, pos, 2);
    if (!day || pos + 2 != s.size()) {
        return std::nullopt;
    }
    return Date{*year, *month, *day};
}

struct TimeComps
{
    int v[4] = {0, 0, 0, 0};
};

// Python's _parse_hh_mm_ss_ff with strict digits.
std::optional<TimeComps> parseHhMmSsFf(const QString &t)
{
    TimeComps c;
    const qsizetype len = t.size();
    qsizetype pos = 0;
    bool hasSep = false;
    for (int comp = 0; comp < 3; ++comp) {
        if (len - pos < 2) {
            return std::nullopt;
        }
        const auto v = digits(t, pos, 2);
        if (!v) {
            return std::nullopt;
        }
        c.v[comp] = *v;
        pos += 2;
        const QChar next = pos < len ? t.at(pos) : QChar();
        if (comp == 0) {
            hasSep = next == QLatin1Char(':');
        }
        if (next.isNull() || comp >= 2) {
            break;
        }
        if (hasSep && next != QLatin1Char(':')) {
            return std::nullopt;
        }
        pos += hasSep;
    }
    if (pos < len) {
        if (t.at(pos) != QLatin1Char('.') && t.at(pos) != QLatin1Char(',')) {
            return std::nullopt;
        }
        ++pos;
        const qsizetype remainder = len - pos;
        const qsizetype toParse = std::min<qsizetype>(remainder, 6);
        const auto f = digits(t, pos, toParse);
        if (!f) {
            return std::nullopt;
        }
        static const int correction[] = {100000, 10000, 1000, 100, 10, 1};
        c.v[3] = *f * correction[toParse - 1];
        for (qsizetype i = pos + toParse; i < len; ++i) {
            if (!isAsciiDigit(t.at(i))) {
                return std::nullopt;
            }
        }
    }
    return c;
}

} // namespace

bool isLeap(int year)
{
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int daysInMonth(int year, int month)
{
    return month == 2 && isLeap(year) ? 29 : kDaysInMonth[month];
}

int daysBeforeYear(int year)
{
    const int y = year - 1;
    return y * 365 + y / 4 - y / 100 + y / 400;
}

int daysBeforeMonth(int year, int month)
{
    return kDaysBeforeMonth[month] + (month > 2 && isLeap(year) ? 1 : 0);
}

qint64 ymdToOrdinal(int year, int month, int day)
{
    return qint64(daysBeforeYear(year)) + daysBeforeMonth(year, month) + day;
}

Expected<Date> Date::make(int year, int month, int day)
{
    const auto check = checkDateFields(year, month, day);
    if (!check) {
        return Fail{check.error()};
    }
    return Date{year, month, day};
}

Expected<Date> Date::fromOrdinal(qint64 ordinal)
{
    if (ordinal < 1) {
        return Fail{QStringLiteral("ordinal must be >= 1")};
    }
    if (ordinal > kMaxOrdinal) {
        // CPython computes year 10000 and rejects it.
        return Fail{QStringLiteral("year 10000 is out of range")};
    }
    qint64 n = ordinal - 1;
    const qint64 n400 = n / 146097;
    n %= 146097;
    int year = int(n400 * 400 + 1);
    const qint64 n100 = n / 36524;
    n %= 36524;
    const qint64 n4 = n / 1461;
    n %= 1461;
    const qint64 n1 = n / 365;
    n %= 365;
    year += int(n100 * 100 + n4 * 4 + n1);
    if (n1 == 4 || n100 == 4) {
        return Date{year - 1, 12, 31};
    }
    const bool leap = n1 == 3 && (n4 != 24 || n100 == 3);
    int month = int((n + 50) >> 5);
    int preceding = kDaysBeforeMonth[month] + (month > 2 && leap ? 1 : 0);
    if (preceding > n) {
        --month;
        preceding -= (month == 2 && leap) ? 29 : kDaysInMonth[month];
    }
    return Date{year, month, int(n - preceding + 1)};
}

Expected<Date> Date::fromIsoCalendar(int year, int week, int day)
{
    if (year < kMinYear || year > kMaxYear) {
        return Fail{QStringLiteral("Year is out of range: %1").arg(year)};
    }
    if (week <= 0 || week >= 53) {
        bool outOfRange = true;
        if (week == 53) {
            const int firstWeekday = int(ymdToOrdinal(year, 1, 1) % 7);
            if (firstWeekday == 4 || (firstWeekday == 3 && isLeap(year))) {
                outOfRange = false;
            }
        }
        if (outOfRange) {
            return Fail{QStringLiteral("Invalid week: %1").arg(week)};
        }
    }
    if (day <= 0 || day >= 8) {
        return Fail{QStringLiteral("Invalid weekday: %1 (range is [1, 7])").arg(day)};
    }
    return fromOrdinal(isoWeek1Monday(year) + (week - 1) * 7 + (day - 1));
}

Date::IsoCalendar Date::isoCalendar() const
{
    int y = year;
    qint64 week1Monday = isoWeek1Monday(y);
    const qint64 today = toOrdinal();
    qint64 week = floorDiv<qint64>(today - week1Monday, 7);
    qint64 d = floorMod<qint64>(today - week1Monday, 7);
    if (week < 0) {
        --y;
        week1Monday = isoWeek1Monday(y);
        week = floorDiv<qint64>(today - week1Monday, 7);
        d = floorMod<qint64>(today - week1Monday, 7);
    } else if (week >= 52 && y < kMaxYear + 1 && today >= isoWeek1Monday(y + 1)) {
        ++y;
        week = 0;
    }
    return {y, int(week + 1), int(d + 1)};
}

QString Date::IsoCalendar::repr() const
{
    return QStringLiteral("datetime.IsoCalendarDate(year=%1, week=%2, weekday=%3)")
        .arg(year)
        .arg(week)
        .arg(weekday);
}

QString Date::isoFormat() const
{
    return pad(year, 4) + QLatin1Char('-') + pad(month, 2) + QLatin1Char('-') + pad(day, 2);
}

// --- timedelta ------------------------------------------------------------------------------

Expected<TimeDelta> TimeDelta::fromMicroseconds(Int128 us)
{
    const Int128 days = floorDiv<Int128>(us, kUsPerDay);
    const Int128 rest = us - days * kUsPerDay;
    // CPython converts days to a C int first (microseconds_to_delta_ex), then checks the range.
    if (days > std::numeric_limits<int>::max() || days < std::numeric_limits<int>::min()) {
        return Fail{QStringLiteral("Python int too large to convert to C int")};
    }
    if (days > kMaxDeltaDays || days < -kMaxDeltaDays) {
        return Fail{QStringLiteral("days=%1; must have magnitude <= 999999999").arg(qint64(days))};
    }
    TimeDelta d;
    d.days = qint64(days);
    d.seconds = int(rest / kUsPerSecond);
    d.microseconds = int(rest % kUsPerSecond);
    return d;
}

Expected<TimeDelta> TimeDelta::make(qint64 weeks, qint64 days, qint64 hours, qint64 minutes,
                                    qint64 seconds, qint64 microseconds)
{
    const Int128 total = ((((Int128(weeks) * 7 + days) * 24 + hours) * 60 + minutes) * 60
                            + seconds)
            * kUsPerSecond
        + microseconds;
    return fromMicroseconds(total);
}

double TimeDelta::totalSeconds() const
{
    return divideCorrectlyRounded(totalMicroseconds(), kUsPerSecond);
}

QString TimeDelta::str() const
{
    const int mm = seconds / 60;
    QString s = QStringLiteral("%1:%2:%3").arg(mm / 60).arg(pad(mm % 60, 2), pad(seconds % 60, 2));
    if (days != 0) {
        s = QStringLiteral("%1 day%2, ").arg(days).arg(std::llabs(days) != 1 ? "s" : "") + s;
    }
    if (microseconds != 0) {
        s += QLatin1Char('.') + pad(microseconds, 6);
    }
    return s;
}

QString TimeDelta::repr() const
{
    QStringList args;
    if (days != 0) {
        args << QStringLiteral("days=%1").arg(days);
    }
    if (seconds != 0) {
        args << QStringLiteral("seconds=%1").arg(seconds);
    }
    if (microseconds != 0) {
        args << QStringLiteral("microseconds=%1").arg(microseconds);
    }
    if (args.isEmpty()) {
        args << QStringLiteral("0");
    }
    return QStringLiteral("datetime.timedelta(%1)").arg(args.join(QStringLiteral(", ")));
}

double divideCorrectlyRounded(Int128 num, qint64 den)
{
    const bool negative = num < 0;
    const Int128 n = negative ? -num : num;
    double q = 0;
    if (n < (Int128(1) << 53)) {
        // Both operands are exact doubles: IEEE division is correctly rounded, as in CPython.
        q = double(qint64(n)) / double(den);
    } else {
        // A long double quotient is within an ulp; settle the last bit exactly (ties to even).
        q = double(static_cast<long double>(n) / static_cast<long double>(den));
        auto parts = [](double v, Int128 *mant, int *exp) {
            int e = 0;
            const double m = std::frexp(v, &e);
            *mant = Int128(std::ldexp(m, 53));
            *exp = e - 53;
        };
        auto error = [&](Int128 mant, int exp, int common) {
            const Int128 scaled = (mant << (exp - common)) * den - (n << -common);
            return scaled < 0 ? -scaled : scaled;
        };
        for (double candidate : {std::nextafter(q, 0.0), std::nextafter(q, double(INFINITY))}) {
            Int128 mq = 0, mc = 0;
            int eq = 0, ec = 0;
            parts(q, &mq, &eq);
            parts(candidate, &mc, &ec);
            const int common = std::min(eq, ec);
            if (common >= 0 || -common > 40) {
                continue;
            }
            const Int128 errQ = error(mq, eq, common);
            const Int128 errC = error(mc, ec, common);
            if (errC < errQ || (errC == errQ && (mc & 1) == 0)) {
                q = candidate;
            }
        }
    }
    return negative ? -q : q;
}

// --- tzinfo ---------------------------------------------------------------------------------

TzInfo TzInfo::fixed(qint64 offsetUs, const QString &name)
{
    TzInfo t;
    t.kind = Fixed;
    t.offsetUs = offsetUs;
    t.name = name;
    return t;
}

Expected<TzInfo> TzInfo::makeFixed(qint64 offsetUs, const QString &name)
{
    if (offsetUs <= -kUsPerDay || offsetUs >= kUsPerDay) {
        const auto delta = TimeDelta::fromMicroseconds(offsetUs);
        return Fail{QStringLiteral("offset must be a timedelta strictly between "
                                   "-timedelta(hours=24) and timedelta(hours=24), not %1.")
                        .arg(delta->repr())};
    }
    return fixed(offsetUs, name);
}

TzInfo TzInfo::zoneInfo(std::shared_ptr<const ZoneInfo> zone)
{
    TzInfo t;
    t.kind = Zone;
    t.zone = std::move(zone);
    return t;
}

bool TzInfo::sameObject(const TzInfo &other) const
{
    if (kind != other.kind) {
        return false;
    }
    switch (kind) {
    case Naive:
        return true;
    case Fixed:
        return offsetUs == other.offsetUs && name == other.name;
    case Zone:
        return zone->key() == other.zone->key();
    }
    return false;
}

QString TzInfo::pythonExpr() const
{
    switch (kind) {
    case Naive:
        return QStringLiteral("None");
    case Zone:
        return QStringLiteral("ZoneInfo(%1)").arg(py::repr(zone->key()));
    case Fixed:
        break;
    }
    if (offsetUs == 0 && name.isEmpty()) {
        return QStringLiteral("datetime.timezone.utc");
    }
    const auto delta = TimeDelta::fromMicroseconds(offsetUs);
    QString expr = QStringLiteral("datetime.timezone(%1").arg(delta->repr());
    if (!name.isEmpty()) {
        expr += QStringLiteral(", ") + py::repr(name);
    }
    return expr + QLatin1Char(')');
}

QString formatUtcOffset(qint64 offsetUs, const QString &sep)
{
    QChar sign = QLatin1Char('+');
    if (offsetUs < 0) {
        sign = QLatin1Char('-');
        offsetUs = -offsetUs;
    }
    const qint64 us = offsetUs % kUsPerSecond;
    qint64 secs = offsetUs / kUsPerSecond;
    const qint64 hours = secs / 3600;
    const qint64 minutes = secs / 60 % 60;
    secs %= 60;
    QString s = sign + pad(hours, 2) + sep + pad(minutes, 2);
    if (us != 0) {
        s += sep + pad(secs, 2) + QLatin1Char('.') + pad(us, 6);
    } else if (secs != 0) {
        s += sep + pad(secs, 2);
    }
    return s;
}

// --- datetime -------------------------------------------------------------------------------

Expected<DateTime> DateTime::make(int year, int month, int day, int hour, int minute, int second,
                                  int microsecond, TzInfo tz, int fold)
{
    const auto check = checkDateFields(year, month, day);
    if (!check) {
        return Fail{check.error()};
    }
    if (hour < 0 || hour > 23) {
        return Fail{QStringLiteral("hour must be in 0..23")};
    }
    if (minute < 0 || minute > 59) {
        return Fail{QStringLiteral("minute must be in 0..59")};
    }
    if (second < 0 || second > 59) {
        return Fail{QStringLiteral("second must be in 0..59")};
    }
    if (microsecond < 0 || microsecond > 999999) {
        return Fail{QStringLiteral("microsecond must be in 0..999999")};
    }
    if (fold != 0 && fold != 1) {
        return Fail{QStringLiteral("fold must be either 0 or 1")};
    }
    DateTime dt;
    dt.year = year;
    dt.month = month;
    dt.day = day;
    dt.hour = hour;
    dt.minute = minute;
    dt.second = second;
    dt.microsecond = microsecond;
    dt.tz = std::move(tz);
    dt.fold = fold;
    return dt;
}

Expected<DateTime> DateTime::fromIsoFormat(const QString &text)
{
    auto invalidFor = [](const QString &t) {
        return Fail{QStringLiteral("Invalid isoformat string: %1").arg(py::repr(t))};
    };
    if (text.size() < 7) {
        return invalidFor(text);
    }
    const auto sepPos = isoSeparator(text);
    if (!sepPos) {
        return invalidFor(text);
    }
    const auto date = parseIsoDate(text.left(*sepPos));
    if (!date) {
        return invalidFor(text);
    }
    TimeComps time;
    TzInfo tz;
    if (text.size() > *sepPos) {
        const QString t = text.mid(*sepPos + 1);
        if (t.size() < 2) {
            return invalidFor(text);
        }
        qsizetype tzPos = t.indexOf(QLatin1Char('-'));
        if (tzPos < 0) {
            tzPos = t.indexOf(QLatin1Char('+'));
        }
        if (tzPos < 0) {
            tzPos = t.indexOf(QLatin1Char('Z'));
        }
        const auto comps = parseHhMmSsFf(tzPos >= 0 ? t.left(tzPos) : t);
        if (!comps) {
            return invalidFor(text);
        }
        time = *comps;
        if (tzPos >= 0 && tzPos == t.size() - 1 && t.back() == QLatin1Char('Z')) {
            tz = TzInfo::fixed(0);
        } else if (tzPos >= 0) {
            const QString tzs = t.mid(tzPos + 1);
            if (tzs.size() == 0 || tzs.size() == 1 || tzs.size() == 3) {
                return invalidFor(text);
            }
            const auto tc = parseHhMmSsFf(tzs);
            if (!tc) {
                return invalidFor(text);
            }
            const qint64 us = ((tc->v[0] * 60LL + tc->v[1]) * 60 + tc->v[2]) * kUsPerSecond
                + tc->v[3];
            const auto fixed = TzInfo::makeFixed(t.at(tzPos) == QLatin1Char('-') ? -us : us);
            if (!fixed) {
                return Fail{fixed.error()};
            }
            tz = *fixed;
        }
    }
    return make(date->year, date->month, date->day, time.v[0], time.v[1], time.v[2], time.v[3],
                tz);
}

DateTime DateTime::fromOrdinalUs(qint64 ordinal, qint64 usOfDay)
{
    const Date d = *Date::fromOrdinal(ordinal);
    DateTime dt;
    dt.year = d.year;
    dt.month = d.month;
    dt.day = d.day;
    dt.hour = int(usOfDay / (3600 * kUsPerSecond));
    dt.minute = int(usOfDay / (60 * kUsPerSecond) % 60);
    dt.second = int(usOfDay / kUsPerSecond % 60);
    dt.microsecond = int(usOfDay % kUsPerSecond);
    return dt;
}

namespace {
qint64 localSeconds(const DateTime &dt)
{
    return (dt.toOrdinal() - kEpochOrdinal) * 86400 + dt.hour * 3600 + dt.minute * 60
        + dt.second;
}
} // namespace

std::optional<qint64> DateTime::utcOffsetUs() const
{
    switch (tz.kind) {
    case TzInfo::Naive:
        return std::nullopt;
    case TzInfo::Fixed:
        return tz.offsetUs;
    case TzInfo::Zone:
        return tz.zone->find(localSeconds(*this), year, fold).utcoff * kUsPerSecond;
    }
    return std::nullopt;
}

std::optional<qint64> DateTime::dstUs() const
{
    switch (tz.kind) {
    case TzInfo::Naive:
    case TzInfo::Fixed:
        return std::nullopt;
    case TzInfo::Zone:
        return tz.zone->find(localSeconds(*this), year, fold).dstoff * kUsPerSecond;
    }
    return std::nullopt;
}

std::optional<QString> DateTime::tzName() const
{
    switch (tz.kind) {
    case TzInfo::Naive:
        return std::nullopt;
    case TzInfo::Fixed:
        if (!tz.name.isEmpty()) {
            return tz.name;
        }
        if (tz.offsetUs == 0) {
            return QStringLiteral("UTC");
        }
        return QStringLiteral("UTC") + formatUtcOffset(tz.offsetUs, QStringLiteral(":"));
    case TzInfo::Zone:
        return tz.zone->find(localSeconds(*this), year, fold).abbr;
    }
    return std::nullopt;
}

QString DateTime::isoFormat(QChar sep) const
{
    QString s = date().isoFormat() + sep + pad(hour, 2) + QLatin1Char(':') + pad(minute, 2)
        + QLatin1Char(':') + pad(second, 2);
    if (microsecond != 0) {
        s += QLatin1Char('.') + pad(microsecond, 6);
    }
    if (const auto off = utcOffsetUs()) {
        s += formatUtcOffset(*off, QStringLiteral(":"));
    }
    return s;
}

QString DateTime::pythonExpr() const
{
    QStringList args = {QString::number(year), QString::number(month), QString::number(day)};
    const int fields[] = {hour, minute, second, microsecond};
    int last = -1;
    for (int i = 0; i < 4; ++i) {
        if (fields[i] != 0) {
            last = i;
        }
    }
    for (int i = 0; i <= last; ++i) {
        args << QString::number(fields[i]);
    }
    if (tz.isAware()) {
        args << QStringLiteral("tzinfo=") + tz.pythonExpr();
    }
    if (fold != 0) {
        args << QStringLiteral("fold=1");
    }
    return QStringLiteral("datetime.datetime(%1)").arg(args.join(QStringLiteral(", ")));
}

QString DateTime::repr() const
{
    // datetime.__repr__: microsecond is left out when 0, then second when 0 too; hour and
    // minute never are.
    QStringList args = {QString::number(year),   QString::number(month),
                        QString::number(day),    QString::number(hour),
                        QString::number(minute), QString::number(second),
                        QString::number(microsecond)};
    if (microsecond == 0) {
        args.removeLast();
        if (second == 0) {
            args.removeLast();
        }
    }
    if (fold != 0) {
        args << QStringLiteral("fold=1");
    }
    if (tz.isAware()) {
        args << QStringLiteral("tzinfo=") + tz.pythonExpr();
    }
    return QStringLiteral("datetime.datetime(%1)").arg(args.join(QStringLiteral(", ")));
}

Expected<DateTime> DateTime::add(const TimeDelta &delta) const
{
    const Int128 total = wallUs() + delta.totalMicroseconds();
    const Int128 ordinal = floorDiv<Int128>(total, kUsPerDay);
    if (ordinal < 1 || ordinal > kMaxOrdinal) {
        return Fail{QStringLiteral("date value out of range")};
    }
    DateTime r = fromOrdinalUs(qint64(ordinal), qint64(total - ordinal * kUsPerDay));
    r.tz = tz;
    r.fold = 0;
    return r;
}

Expected<TimeDelta> DateTime::subtract(const DateTime &other) const
{
    Int128 us = wallUs() - other.wallUs();
    if (!tz.sameObject(other.tz)) {
        const auto a = utcOffsetUs();
        const auto b = other.utcOffsetUs();
        if (a.has_value() != b.has_value()) {
            return Fail{QStringLiteral("can't subtract offset-naive and offset-aware datetimes")};
        }
        if (a) {
            us -= *a - *b;
        }
    }
    return TimeDelta::fromMicroseconds(us);
}

Expected<int> DateTime::compare(const DateTime &other) const
{
    auto sign = [](Int128 v) { return v > 0 ? 1 : (v < 0 ? -1 : 0); };
    if (tz.sameObject(other.tz)) {
        return sign(wallUs() - other.wallUs());
    }
    const auto a = utcOffsetUs();
    const auto b = other.utcOffsetUs();
    if (a.has_value() != b.has_value()) {
        return Fail{QStringLiteral("can't compare offset-naive and offset-aware datetimes")};
    }
    if (!a || *a == *b) {
        return sign(wallUs() - other.wallUs());
    }
    return sign(wallUs() - *a - (other.wallUs() - *b));
}

Expected<DateTime> DateTime::astimezone(const TzInfo &target) const
{
    if (tz.sameObject(target) && tz.kind == target.kind) {
        return *this;
    }
    const auto off = utcOffsetUs();
    if (!off) {
        return Fail{QStringLiteral("astimezone() of a naive datetime needs the local zone")};
    }
    const auto utc = replacedTz({}).add(*TimeDelta::fromMicroseconds(-*off));
    if (!utc) {
        return Fail{utc.error()};
    }
    DateTime u = *utc;
    switch (target.kind) {
    case TzInfo::Naive:
        return Fail{QStringLiteral("astimezone() argument must be a tzinfo")};
    case TzInfo::Fixed: {
        auto r = u.add(*TimeDelta::fromMicroseconds(target.offsetUs));
        if (!r) {
            return r;
        }
        DateTime d = *r;
        d.tz = target;
        return d;
    }
    case TzInfo::Zone: {
        const qint64 ts = localSeconds(u);
        const auto [info, fold] = target.zone->fromUtc(ts, u.year);
        auto r = u.add(*TimeDelta::fromMicroseconds(info->utcoff * kUsPerSecond));
        if (!r) {
            return r;
        }
        DateTime d = *r;
        d.tz = target;
        d.fold = fold;
        return d;
    }
    }
    return Fail{QString()};
}

Expected<double> DateTime::timestamp() const
{
    const auto off = utcOffsetUs();
    if (!off) {
        return Fail{QStringLiteral("timestamp() of a naive datetime depends on the local zone")};
    }
    const Int128 us = wallUs() - *off - Int128(kEpochOrdinal) * kUsPerDay;
    return divideCorrectlyRounded(us, kUsPerSecond);
}

// --- relativedelta --------------------------------------------------------------------------

Expected<DateTime> addYearsMonths(const DateTime &dt, qint64 years, qint64 months)
{
    // relativedelta normalises months into years (sign-aware); the resulting (year, month) is
    // the same as adding the total number of months. 128 bits: amounts may be any qint64.
    const Int128 total = Int128(dt.year) * 12 + (dt.month - 1) + Int128(years) * 12 + months;
    const Int128 year = floorDiv<Int128>(total, 12);
    const int month = int(total - year * 12) + 1;
    // date.replace(year=...) takes a C int first, then checks the range.
    if (year > std::numeric_limits<int>::max()) {
        return Fail{QStringLiteral("signed integer is greater than maximum")};
    }
    if (year < std::numeric_limits<int>::min()) {
        return Fail{QStringLiteral("signed integer is less than minimum")};
    }
    if (year < kMinYear || year > kMaxYear) {
        QString text;
        Int128 v = year < 0 ? -year : year;
        do {
            text.prepend(QLatin1Char(char('0' + int(v % 10))));
            v /= 10;
        } while (v != 0);
        if (year < 0) {
            text.prepend(QLatin1Char('-'));
        }
        return Fail{QStringLiteral("year %1 is out of range").arg(text)};
    }
    DateTime r = dt;
    r.year = int(year);
    r.month = month;
    r.day = std::min(dt.day, daysInMonth(r.year, r.month));
    return r;
}

Expected<RelativeDelta> relativeDelta(const DateTime &b, const DateTime &a)
{
    qint64 months = (qint64(b.year) - a.year) * 12 + (b.month - a.month);
    auto shifted = [&](qint64 m) { return addYearsMonths(a, 0, m); };
    auto dtm = shifted(months);
    if (!dtm) {
        return Fail{dtm.error()};
    }
    const auto order = b.compare(a);
    if (!order) {
        return Fail{order.error()};
    }
    const int increment = *order < 0 ? 1 : -1;
    for (;;) {
        const auto c = b.compare(*dtm);
        if (!c) {
            return Fail{c.error()};
        }
        // dt1 < dt2: while dt1 > dtm; else while dt1 < dtm.
        if (!((*order < 0 && *c > 0) || (*order >= 0 && *c < 0))) {
            break;
        }
        months += increment;
        dtm = shifted(months);
        if (!dtm) {
            return Fail{dtm.error()};
        }
    }
    const auto delta = b.subtract(*dtm);
    if (!delta) {
        return Fail{delta.error()};
    }
    RelativeDelta r;
    if (std::llabs(months) > 11) {
        const qint64 s = months > 0 ? 1 : -1;
        r.years = months * s / 12 * s;
        r.months = months * s % 12 * s;
    } else {
        r.months = months;
    }
    r.seconds = delta->seconds + delta->days * 86400;
    r.microseconds = delta->microseconds;
    // relativedelta._fix(): carry with the sign of each field.
    auto carry = [](qint64 &from, qint64 &to, qint64 limit, qint64 base) {
        if (std::llabs(from) > limit) {
            const qint64 s = from > 0 ? 1 : -1;
            const qint64 div = from * s / base;
            const qint64 mod = from * s % base;
            from = mod * s;
            to += div * s;
        }
    };
    carry(r.microseconds, r.seconds, 999999, 1000000);
    carry(r.seconds, r.minutes, 59, 60);
    carry(r.minutes, r.hours, 59, 60);
    carry(r.hours, r.days, 23, 24);
    return r;
}

qint64 businessDays(const Date &a, const Date &b)
{
    const qint64 start = a.toOrdinal();
    const qint64 end = b.toOrdinal();
    if (end < start) {
        return -businessDays(b, a);
    }
    // Count Mon-Fri in [start, end): whole weeks, then the remainder day by day.
    const qint64 days = end - start;
    qint64 count = days / 7 * 5;
    const int firstWeekday = int((start + 6) % 7);
    for (qint64 i = 0; i < days % 7; ++i) {
        if ((firstWeekday + i) % 7 < 5) {
            ++count;
        }
    }
    return count;
}

} // namespace stdlab::date

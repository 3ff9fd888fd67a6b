#include "date/dateops.h"

#include "date/pystrftime.h"
#include "date/zoneinfo.h"

#include <QJsonArray>

#include <chrono>
#include <cmath>

namespace stdlab::date {

DateTime nowUtc()
{
    const qint64 us = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
    return DateTime::fromOrdinalUs(kEpochOrdinal + us / kUsPerDay, us % kUsPerDay)
        .replacedTz(TzInfo::fixed(0));
}

Expected<TzInfo> zoneTz(const QString &key)
{
    const auto zone = ZoneInfo::load(key);
    if (!zone) {
        return Fail{zone.error()};
    }
    return TzInfo::zoneInfo(*zone);
}

Expected<DateTime> readDateTime(const QString &iso, const QString &zoneKey, int fold)
{
    std::optional<TzInfo> zone;
    if (!zoneKey.isEmpty()) {
        const auto z = zoneTz(zoneKey);
        if (!z) {
            return Fail{z.error()};
        }
        zone = *z;
    }
    const auto dt = DateTime::fromIsoFormat(iso);
    if (!dt || !zone) {
        return dt;
    }
    if (dt->isAware()) {
        return dt->astimezone(*zone);
    }
    return dt->replacedTz(*zone, fold);
}

Parts parts(const DateTime &dt)
{
    const Date d = dt.date();
    Parts p{dt.year,      dt.month,        dt.day,          dt.hour,        dt.minute,
            dt.second,    dt.microsecond,  d.weekday(),     d.isoWeekday(), d.isoCalendar(),
            d.yearDay(),  std::nullopt};
    if (dt.isAware()) {
        const auto ts = dt.timestamp();
        if (ts) {
            p.timestamp = *ts;
        }
    }
    return p;
}

Expected<DateTime> addAmounts(const DateTime &dt, const AddAmounts &a)
{
    DateTime base = dt;
    if (a.years != 0 || a.months != 0) {
        const auto shifted = addYearsMonths(dt, a.years, a.months);
        if (!shifted) {
            return shifted;
        }
        base = *shifted;
    }
    const auto delta = TimeDelta::make(a.weeks, a.days, a.hours, a.minutes, a.seconds,
                                       a.microseconds);
    if (!delta) {
        return Fail{delta.error()};
    }
    return base.add(*delta);
}

Expected<Difference> difference(const DateTime &a, const DateTime &b)
{
    const auto delta = b.subtract(a);
    if (!delta) {
        return Fail{delta.error()};
    }
    const auto rd = relativeDelta(b, a);
    if (!rd) {
        return Fail{rd.error()};
    }
    Difference d;
    d.delta = *delta;
    d.calendar = *rd;
    // Whole days toward zero, so that -1 day, 23:59:59 reads as 0 weeks 0 days.
    const Int128 us = delta->totalMicroseconds();
    const qint64 wholeDays = qint64(us / kUsPerDay);
    d.weeks = wholeDays / 7;
    d.weekDays = wholeDays % 7;
    d.businessDays = businessDays(a.date(), b.date());
    return d;
}

Expected<Conversion> convert(const QString &iso, const QString &from, const QString &to, int fold)
{
    const auto src = zoneTz(from);
    if (!src) {
        return Fail{src.error()};
    }
    const auto dst = zoneTz(to);
    if (!dst) {
        return Fail{dst.error()};
    }
    auto dt = DateTime::fromIsoFormat(iso);
    if (!dt) {
        return Fail{dt.error()};
    }
    DateTime source = *dt;
    if (!source.isAware()) {
        if (fold != 0 && fold != 1) {
            return Fail{QStringLiteral("fold must be either 0 or 1")};
        }
        source = source.replacedTz(*src, fold);
    }
    Conversion c;
    const auto utc = source.astimezone(TzInfo::fixed(0));
    if (!utc) {
        return Fail{utc.error()};
    }
    const auto back = utc->astimezone(source.tz);
    if (!back) {
        return Fail{back.error()};
    }
    c.gap = back->wallUs() != source.wallUs();
    if (source.tz.kind == TzInfo::Zone && !c.gap) {
        DateTime other = source;
        other.fold = 1 - source.fold;
        c.ambiguous = other.utcOffsetUs() != source.utcOffsetUs();
    }
    const auto result = source.astimezone(*dst);
    if (!result) {
        return Fail{result.error()};
    }
    c.result = *result;
    c.tzName = result->tzName().value_or(QString());
    c.dst = result->dstUs().value_or(0) != 0;
    c.fold = result->fold;
    return c;
}

// --- batch ----------------------------------------------------------------------------------

namespace {

// Reads the fields of one request; the first problem met is kept as the response's error and
// every later step is skipped.
class Request
{
public:
    explicit Request(const QJsonObject &r) : m_r(r) { }
    const QString &error() const { return m_error; }
    bool failed() const { return !m_error.isEmpty(); }

    QString string(const char *name, bool required = true)
    {
        const QJsonValue v = m_r.value(QLatin1String(name));
        if (v.isUndefined() || v.isNull()) {
            if (required) {
                fail(QStringLiteral("missing field '%1'").arg(QLatin1String(name)));
            }
            return {};
        }
        if (!v.isString()) {
            fail(QStringLiteral("field '%1' must be a string").arg(QLatin1String(name)));
            return {};
        }
        return v.toString();
    }

    qint64 integer(const char *name)
    {
        const QJsonValue v = m_r.value(QLatin1String(name));
        if (v.isUndefined() || v.isNull()) {
            return 0;
        }
        const double d = v.toDouble(std::nan(""));
        if (!v.isDouble() || std::isnan(d) || d != std::floor(d) || std::fabs(d) > 9.0e15) {
            fail(QStringLiteral("field '%1' must be an integer").arg(QLatin1String(name)));
            return 0;
        }
        return qint64(d);
    }

    template <class T>
    std::optional<T> take(const Expected<T> &e)
    {
        if (failed()) {
            return std::nullopt;
        }
        if (!e) {
            fail(e.error());
            return std::nullopt;
        }
        return *e;
    }

    void fail(const QString &message)
    {
        if (m_error.isEmpty()) {
            m_error = message;
        }
    }

private:
    const QJsonObject &m_r;
    QString m_error;
};

QJsonValue nullable(const std::optional<double> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonValue dispatch(Request &r, const QString &op)
{
    if (op == QLatin1String("parts")) {
        const auto dt = r.take(readDateTime(r.string("dt"), r.string("tz", false)));
        if (!dt) {
            return {};
        }
        const Parts p = parts(*dt);
        return QJsonObject{{QStringLiteral("year"), p.year},
                           {QStringLiteral("month"), p.month},
                           {QStringLiteral("day"), p.day},
                           {QStringLiteral("hour"), p.hour},
                           {QStringLiteral("minute"), p.minute},
                           {QStringLiteral("second"), p.second},
                           {QStringLiteral("microsecond"), p.microsecond},
                           {QStringLiteral("weekday"), p.weekday},
                           {QStringLiteral("isoweekday"), p.isoWeekday},
                           {QStringLiteral("isocalendar"),
                            QJsonArray{p.isoCalendar.year, p.isoCalendar.week,
                                       p.isoCalendar.weekday}},
                           {QStringLiteral("yday"), p.yearDay},
                           {QStringLiteral("timestamp"), nullable(p.timestamp)}};
    }
    if (op == QLatin1String("add")) {
        const auto dt = r.take(readDateTime(r.string("dt"), r.string("tz", false)));
        AddAmounts a;
        a.years = r.integer("years");
        a.months = r.integer("months");
        a.weeks = r.integer("weeks");
        a.days = r.integer("days");
        a.hours = r.integer("hours");
        a.minutes = r.integer("minutes");
        a.seconds = r.integer("seconds");
        a.microseconds = r.integer("microseconds");
        const auto result = dt ? r.take(addAmounts(*dt, a)) : std::nullopt;
        return result ? QJsonValue(result->isoFormat()) : QJsonValue();
    }
    if (op == QLatin1String("diff")) {
        const auto a = r.take(DateTime::fromIsoFormat(r.string("a")));
        const auto b = r.take(DateTime::fromIsoFormat(r.string("b")));
        const auto d = (a && b) ? r.take(difference(*a, *b)) : std::nullopt;
        if (!d) {
            return {};
        }
        return QJsonObject{{QStringLiteral("days"), double(d->delta.days)},
                           {QStringLiteral("seconds"), d->delta.seconds},
                           {QStringLiteral("microseconds"), d->delta.microseconds},
                           {QStringLiteral("total_seconds"), d->delta.totalSeconds()},
                           {QStringLiteral("str"), d->delta.str()},
                           {QStringLiteral("years"), double(d->calendar.years)},
                           {QStringLiteral("months"), double(d->calendar.months)},
                           {QStringLiteral("mdays"), double(d->calendar.days)}};
    }
    if (op == QLatin1String("strftime")) {
        const QString format = r.string("format");
        const auto dt = r.take(readDateTime(r.string("dt"), r.string("tz", false)));
        return dt ? QJsonValue(strftime(*dt, format)) : QJsonValue();
    }
    if (op == QLatin1String("strptime")) {
        const QString text = r.string("text");
        const auto dt = r.take(strptime(text, r.string("format")));
        return dt ? QJsonValue(dt->isoFormat()) : QJsonValue();
    }
    if (op == QLatin1String("convert")) {
        const qint64 fold = r.integer("fold");
        const QString dt = r.string("dt");
        const QString from = r.string("from");
        const QString to = r.string("to");
        const auto c = r.take(convert(dt, from, to, int(fold)));
        if (!c) {
            return {};
        }
        return QJsonObject{{QStringLiteral("dt"), c->result.isoFormat()},
                           {QStringLiteral("tzname"), c->tzName},
                           {QStringLiteral("dst"), c->dst},
                           {QStringLiteral("fold"), c->fold},
                           {QStringLiteral("gap"), c->gap}};
    }
    if (op == QLatin1String("compare")) {
        const auto a = r.take(DateTime::fromIsoFormat(r.string("a")));
        const auto b = r.take(DateTime::fromIsoFormat(r.string("b")));
        const auto c = (a && b) ? r.take(a->compare(*b)) : std::nullopt;
        return c ? QJsonValue(*c) : QJsonValue();
    }
    r.fail(QStringLiteral("unknown op '%1' (parts, add, diff, strftime, strptime, convert, "
                          "compare)")
               .arg(op));
    return {};
}

} // namespace

QJsonObject handleBatchRequest(const QJsonObject &request)
{
    Request r(request);
    const QString op = r.string("op");
    const QJsonValue result = r.failed() ? QJsonValue() : dispatch(r, op);
    if (r.failed()) {
        return QJsonObject{{QStringLiteral("error"), r.error()}};
    }
    return QJsonObject{{QStringLiteral("result"), result}};
}

} // namespace stdlab::date

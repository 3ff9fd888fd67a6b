#include "date/pystrftime.h"

#include "common/pyrepr.h"

#include <QCoreApplication>
#include <QHash>
#include <QMutex>
#include <QRegularExpression>

#include <clocale>
#include <ctime>
#include <locale.h>

namespace stdlab::date {

namespace {

QString pad(qint64 v, int width)
{
    return QStringLiteral("%1").arg(v, width, 10, QLatin1Char('0'));
}

locale_t cLocale()
{
    static const locale_t loc = newlocale(LC_ALL_MASK, "C", locale_t(nullptr));
    return loc;
}

} // namespace

QString strftime(const DateTime &dt, const QString &format)
{
    // CPython's wrap_strftime: %z, %Z and %f are expanded here, the rest goes to strftime(3).
    QString fmt;
    fmt.reserve(format.size() + 8);
    const qsizetype n = format.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar ch = format.at(i);
        if (ch != QLatin1Char('%')) {
            fmt += ch;
            continue;
        }
        if (i + 1 >= n) {
            fmt += ch;
            continue;
        }
        const QChar next = format.at(++i);
        if (next == QLatin1Char('z')) {
            if (const auto off = dt.utcOffsetUs()) {
                fmt += formatUtcOffset(*off, QString());
            }
        } else if (next == QLatin1Char('Z')) {
            if (const auto name = dt.tzName()) {
                QString escaped = *name;
                escaped.replace(QLatin1Char('%'), QLatin1String("%%"));
                fmt += escaped;
            }
        } else if (next == QLatin1Char('f')) {
            fmt += pad(dt.microsecond, 6);
        } else {
            fmt += ch;
            fmt += next;
        }
    }
    if (fmt.isEmpty()) {
        return {};
    }
    struct tm tm = {};
    tm.tm_year = dt.year - 1900;
    tm.tm_mon = dt.month - 1;
    tm.tm_mday = dt.day;
    tm.tm_hour = dt.hour;
    tm.tm_min = dt.minute;
    tm.tm_sec = dt.second;
    tm.tm_wday = (dt.date().weekday() + 1) % 7;
    tm.tm_yday = dt.date().yearDay() - 1;
    tm.tm_isdst = -1;
    if (const auto dst = dt.dstUs()) {
        tm.tm_isdst = *dst != 0 ? 1 : 0;
    }
    const QByteArray f = fmt.toUtf8();
    for (size_t size = 1024;; size *= 2) {
        QByteArray buffer(qsizetype(size), Qt::Uninitialized);
        const size_t len = strftime_l(buffer.data(), size, f.constData(), &tm, cLocale());
        if (len > 0 || size >= 256 * size_t(f.size())) {
            return QString::fromUtf8(buffer.constData(), qsizetype(len));
        }
    }
}

// --- strptime -------------------------------------------------------------------------------

namespace {

const char *const kWeekdays[] = {"monday", "tuesday", "wednesday", "thursday",
                                 "friday", "saturday", "sunday"};
const char *const kMonths[] = {"january", "february", "march",     "april",   "may",
                               "june",    "july",     "august",    "september", "october",
                               "november", "december"};

// _strptime.TimeRE.__seqToRE: longest first (stable), escaped, joined.
QString seqToRe(QStringList values, const QString &directive)
{
    std::stable_sort(values.begin(), values.end(),
                     [](const QString &a, const QString &b) { return a.size() > b.size(); });
    QStringList escaped;
    for (const QString &v : values) {
        escaped << QRegularExpression::escape(v);
    }
    return QStringLiteral("(?P<%1>%2)").arg(directive, escaped.join(QLatin1Char('|')));
}

const QHash<QChar, QString> &timeRe()
{
    static const QHash<QChar, QString> table = [] {
        QHash<QChar, QString> t;
        auto set = [&](char c, const char *re) { t.insert(QLatin1Char(c), QString::fromLatin1(re)); };
        set('d', "(?P<d>3[0-1]|[1-2]\\d|0[1-9]|[1-9]| [1-9])");
        set('f', "(?P<f>[0-9]{1,6})");
        set('H', "(?P<H>2[0-3]|[0-1]\\d|\\d)");
        set('I', "(?P<I>1[0-2]|0[1-9]|[1-9])");
        set('G', "(?P<G>\\d\\d\\d\\d)");
        set('j', "(?P<j>36[0-6]|3[0-5]\\d|[1-2]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9])");
        set('m', "(?P<m>1[0-2]|0[1-9]|[1-9])");
        set('M', "(?P<M>[0-5]\\d|\\d)");
        set('S', "(?P<S>6[0-1]|[0-5]\\d|\\d)");
        set('U', "(?P<U>5[0-3]|[0-4]\\d|\\d)");
        set('w', "(?P<w>[0-6])");
        set('u', "(?P<u>[1-7])");
        set('V', "(?P<V>5[0-3]|0[1-9]|[1-4]\\d|\\d)");
        set('y', "(?P<y>\\d\\d)");
        set('Y', "(?P<Y>\\d\\d\\d\\d)");
        set('z', "(?P<z>[+-]\\d\\d:?[0-5]\\d(:?[0-5]\\d(\\.\\d{1,6})?)?|(?-i:Z))");
        QStringList full, abbr, fullMonths, abbrMonths;
        for (const char *w : kWeekdays) {
            full << QLatin1String(w);
            abbr << QLatin1String(w).left(3);
        }
        for (const char *m : kMonths) {
            fullMonths << QLatin1String(m);
            abbrMonths << QLatin1String(m).left(3);
        }
        t.insert(QLatin1Char('A'), seqToRe(full, QStringLiteral("A")));
        t.insert(QLatin1Char('a'), seqToRe(abbr, QStringLiteral("a")));
        t.insert(QLatin1Char('B'), seqToRe(fullMonths, QStringLiteral("B")));
        t.insert(QLatin1Char('b'), seqToRe(abbrMonths, QStringLiteral("b")));
        t.insert(QLatin1Char('p'), seqToRe({QStringLiteral("am"), QStringLiteral("pm")},
                                           QStringLiteral("p")));
        t.insert(QLatin1Char('Z'), seqToRe({QStringLiteral("utc"), QStringLiteral("gmt")},
                                           QStringLiteral("Z")));
        t.insert(QLatin1Char('%'), QStringLiteral("%"));
        t.insert(QLatin1Char('W'), t.value(QLatin1Char('U')).replace(QLatin1Char('U'),
                                                                      QLatin1Char('W')));
        return t;
    }();
    return table;
}

struct Compiled
{
    QRegularExpression re;
    QStringList groups; // directive group names in order of definition
    QString error;
};

// TimeRE.pattern(): escape regex characters, whitespace runs -> \s+, directives -> regexes.
bool buildPattern(const QString &format, QString *pattern, QString *error)
{
    static const QRegularExpression regexChars(QStringLiteral("([\\\\.^$*+?\\(\\){}\\[\\]|])"));
    static const QRegularExpression whitespace(QStringLiteral("\\s+"),
                                               QRegularExpression::UseUnicodePropertiesOption);
    QString f = format;
    f.replace(regexChars, QStringLiteral("\\\\1"));
    f.replace(whitespace, QStringLiteral("\\s+"));
    QString processed;
    for (;;) {
        const qsizetype idx = f.indexOf(QLatin1Char('%'));
        if (idx < 0) {
            break;
        }
        if (idx + 1 >= f.size()) {
            *error = QStringLiteral("stray % in format '%1'").arg(format);
            return false;
        }
        const QChar directive = f.at(idx + 1);
        QString sub;
        if (directive == QLatin1Char('c') || directive == QLatin1Char('x')
            || directive == QLatin1Char('X')) {
            const QString inner = directive == QLatin1Char('c')
                ? QStringLiteral("%a %b %d %H:%M:%S %Y")
                : directive == QLatin1Char('x') ? QStringLiteral("%m/%d/%y")
                                                : QStringLiteral("%H:%M:%S");
            QString innerError;
            buildPattern(inner, &sub, &innerError);
        } else {
            const auto it = timeRe().constFind(directive);
            if (it == timeRe().constEnd()) {
                const QString bad = directive == QLatin1Char('\\') ? QStringLiteral("%")
                                                                   : QString(directive);
                *error = QStringLiteral("'%1' is a bad directive in format '%2'").arg(bad, format);
                return false;
            }
            sub = *it;
        }
        processed += f.left(idx) + sub;
        f = f.mid(idx + 2);
    }
    *pattern = processed + f;
    return true;
}

// sre_parse's message for a group name defined twice, with the same numbers and position.
QString duplicateGroupError(const QString &pattern)
{
    QHash<QString, int> seen;
    int group = 0;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == QLatin1Char('\\')) {
            ++i;
            continue;
        }
        if (c != QLatin1Char('(')) {
            continue;
        }
        if (pattern.mid(i + 1, 3) == QLatin1String("?P<")) {
            const qsizetype end = pattern.indexOf(QLatin1Char('>'), i + 4);
            const QString name = pattern.mid(i + 4, end - i - 4);
            ++group;
            if (seen.contains(name)) {
                return QStringLiteral("redefinition of group name %1 as group %2; was group %3 at "
                                      "position %4")
                    .arg(py::repr(name))
                    .arg(group)
                    .arg(seen.value(name))
                    .arg(i + 4);
            }
            seen.insert(name, group);
        } else if (pattern.mid(i + 1, 1) != QLatin1String("?")) {
            ++group;
        }
    }
    return QStringLiteral("invalid strptime format");
}

std::shared_ptr<const Compiled> compile(const QString &format)
{
    static QMutex mutex;
    static QHash<QString, std::shared_ptr<const Compiled>> cache;
    {
        QMutexLocker lock(&mutex);
        const auto it = cache.constFind(format);
        if (it != cache.constEnd()) {
            return *it;
        }
    }
    auto c = std::make_shared<Compiled>();
    QString pattern;
    if (buildPattern(format, &pattern, &c->error)) {
        c->re = QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption
                                                | QRegularExpression::UseUnicodePropertiesOption);
        if (!c->re.isValid()) {
            c->error = duplicateGroupError(pattern);
        } else {
            for (const QString &name : c->re.namedCaptureGroups()) {
                if (!name.isEmpty()) {
                    c->groups << name;
                }
            }
            c->re.optimize();
        }
    }
    QMutexLocker lock(&mutex);
    if (cache.size() > 200) {
        cache.clear();
    }
    cache.insert(format, c);
    return c;
}

// int() of what a directive matched (int() strips surrounding whitespace: "%d" matches " 5").
int toInt(const QString &digits)
{
    int v = 0;
    for (const QChar c : digits.trimmed()) {
        v = v * 10 + c.digitValue();
    }
    return v;
}

Expected<qint64> dateOrdinal(int year, int month, int day)
{
    const auto d = Date::make(year, month, day);
    if (!d) {
        return Fail{d.error()};
    }
    return d->toOrdinal();
}

qint64 julianFromUOrW(int year, int weekOfYear, int dayOfWeek, bool weekStartsMon)
{
    int firstWeekday = Date{year, 1, 1}.weekday();
    if (!weekStartsMon) {
        firstWeekday = (firstWeekday + 1) % 7;
        dayOfWeek = (dayOfWeek + 1) % 7;
    }
    const int week0Length = (7 - firstWeekday) % 7;
    if (weekOfYear == 0) {
        return 1 + dayOfWeek - firstWeekday;
    }
    return 1 + week0Length + 7 * (weekOfYear - 1) + dayOfWeek;
}

} // namespace

Expected<DateTime> strptime(const QString &text, const QString &format)
{
    const auto compiled = compile(format);
    if (!compiled->error.isEmpty()) {
        return Fail{compiled->error};
    }
    const auto found = compiled->re.match(text, 0, QRegularExpression::NormalMatch,
                                          QRegularExpression::AnchorAtOffsetMatchOption);
    if (!found.hasMatch()) {
        return Fail{QStringLiteral("time data %1 does not match format %2")
                        .arg(py::repr(text), py::repr(format))};
    }
    if (found.capturedEnd(0) != text.size()) {
        return Fail{QStringLiteral("unconverted data remains: %1").arg(text.mid(found.capturedEnd(0)))};
    }

    std::optional<int> isoYear, year, isoWeek, weekOfYear, weekday, julian;
    int month = 1, day = 1, hour = 0, minute = 0, second = 0, fraction = 0;
    int weekOfYearStart = -1;
    std::optional<qint64> gmtoff;
    qint64 gmtoffFraction = 0;
    for (const QString &key : compiled->groups) {
        const QString value = found.captured(key);
        const QChar k = key.at(0);
        switch (k.unicode()) {
        case 'y': {
            const int y = toInt(value);
            year = y <= 68 ? y + 2000 : y + 1900;
            break;
        }
        case 'Y':
            year = toInt(value);
            break;
        case 'G':
            isoYear = toInt(value);
            break;
        case 'm':
            month = toInt(value);
            break;
        case 'B':
        case 'b': {
            const QString lower = value.toLower();
            for (int i = 0; i < 12; ++i) {
                const QString name = QLatin1String(kMonths[i]);
                if ((k == QLatin1Char('B') ? name : name.left(3)) == lower) {
                    month = i + 1;
                }
            }
            break;
        }
        case 'd':
            day = toInt(value);
            break;
        case 'H':
            hour = toInt(value);
            break;
        case 'I': {
            hour = toInt(value);
            const QString ampm = found.captured(QStringLiteral("p")).toLower();
            if (ampm.isEmpty() || ampm == QLatin1String("am")) {
                if (hour == 12) {
                    hour = 0;
                }
            } else if (ampm == QLatin1String("pm")) {
                if (hour != 12) {
                    hour += 12;
                }
            }
            break;
        }
        case 'M':
            minute = toInt(value);
            break;
        case 'S':
            second = toInt(value);
            break;
        case 'f':
            fraction = toInt(value + QString(6 - value.size(), QLatin1Char('0')));
            break;
        case 'A':
        case 'a': {
            const QString lower = value.toLower();
            for (int i = 0; i < 7; ++i) {
                const QString name = QLatin1String(kWeekdays[i]);
                if ((k == QLatin1Char('A') ? name : name.left(3)) == lower) {
                    weekday = i;
                }
            }
            break;
        }
        case 'w': {
            const int w = toInt(value);
            weekday = w == 0 ? 6 : w - 1;
            break;
        }
        case 'u':
            weekday = toInt(value) - 1;
            break;
        case 'j':
            julian = toInt(value);
            break;
        case 'U':
        case 'W':
            weekOfYear = toInt(value);
            weekOfYearStart = k == QLatin1Char('U') ? 6 : 0;
            break;
        case 'V':
            isoWeek = toInt(value);
            break;
        case 'z': {
            QString z = value;
            if (z == QLatin1String("Z")) {
                gmtoff = 0;
                break;
            }
            if (z.at(3) == QLatin1Char(':')) {
                z = z.left(3) + z.mid(4);
                if (z.size() > 5) {
                    if (z.at(5) != QLatin1Char(':')) {
                        return Fail{QStringLiteral("Inconsistent use of : in %1").arg(value)};
                    }
                    z = z.left(5) + z.mid(6);
                }
            }
            const qint64 hours = toInt(z.mid(1, 2));
            const qint64 minutes = toInt(z.mid(3, 2));
            const QString secondsText = z.mid(5, 2);
            for (const QChar c : secondsText) {
                if (!c.isDigit()) {
                    return Fail{QStringLiteral("invalid literal for int() with base 10: %1")
                                    .arg(py::repr(secondsText))};
                }
            }
            const qint64 seconds = secondsText.isEmpty() ? 0 : toInt(secondsText);
            qint64 off = hours * 3600 + minutes * 60 + seconds;
            const QString rest = z.mid(8);
            qint64 frac = rest.isEmpty() ? 0 : toInt(rest + QString(6 - rest.size(), QLatin1Char('0')));
            if (z.startsWith(QLatin1Char('-'))) {
                off = -off;
                frac = -frac;
            }
            gmtoff = off;
            gmtoffFraction = frac;
            break;
        }
        default:
            break;
        }
    }

    if (!year && isoYear) {
        if (!isoWeek || !weekday) {
            return Fail{QStringLiteral(
                "ISO year directive '%G' must be used with the ISO week directive '%V' and a "
                "weekday directive ('%A', '%a', '%w', or '%u').")};
        }
        if (julian) {
            return Fail{QStringLiteral("Day of the year directive '%j' is not compatible with "
                                       "ISO year directive '%G'. Use '%Y' instead.")};
        }
    } else if (!weekOfYear && isoWeek) {
        if (!weekday) {
            return Fail{QStringLiteral(
                "ISO week directive '%V' must be used with the ISO year directive '%G' and a "
                "weekday directive ('%A', '%a', '%w', or '%u').")};
        }
        return Fail{QStringLiteral("ISO week directive '%V' is incompatible with the year "
                                   "directive '%Y'. Use the ISO year '%G' instead.")};
    }

    bool leapYearFix = false;
    int y = 0;
    if (!year && month == 2 && day == 29) {
        y = 1904;
        leapYearFix = true;
    } else {
        y = year.value_or(1900);
    }

    if (!julian && weekday) {
        if (weekOfYear) {
            julian = int(julianFromUOrW(y, *weekOfYear, *weekday, weekOfYearStart == 0));
        } else if (isoYear && isoWeek) {
            // _calc_julian_from_V
            const auto jan4 = Date::make(*isoYear, 1, 4);
            if (!jan4) {
                return Fail{jan4.error()};
            }
            const int correction = jan4->isoWeekday() + 3;
            qint64 ordinal = qint64(*isoWeek) * 7 + (*weekday + 1) - correction;
            int iy = *isoYear;
            if (ordinal < 1) {
                ordinal += ymdToOrdinal(iy, 1, 1);
                --iy;
                const auto jan1 = dateOrdinal(iy, 1, 1);
                if (!jan1) {
                    return Fail{jan1.error()};
                }
                ordinal -= *jan1;
            }
            y = iy;
            julian = int(ordinal);
        }
        if (julian && *julian <= 0) {
            --y;
            *julian += isLeap(y) ? 366 : 365;
        }
    }

    if (!julian) {
        const auto a = dateOrdinal(y, month, day);
        if (!a) {
            return Fail{a.error()};
        }
    } else {
        const auto jan1 = dateOrdinal(y, 1, 1);
        if (!jan1) {
            return Fail{jan1.error()};
        }
        const auto result = Date::fromOrdinal(*julian - 1 + *jan1);
        if (!result) {
            return Fail{result.error()};
        }
        y = result->year;
        month = result->month;
        day = result->day;
    }
    if (leapYearFix) {
        y = 1900;
    }

    TzInfo tz;
    if (gmtoff) {
        const QString tzname = found.captured(QStringLiteral("Z"));
        const qint64 us = *gmtoff * kUsPerSecond + gmtoffFraction;
        const auto fixed = TzInfo::makeFixed(us, tzname);
        if (!fixed) {
            return Fail{fixed.error()};
        }
        tz = *fixed;
    }
    return DateTime::make(y, month, day, hour, minute, second, fraction, tz);
}

const QList<Directive> &directives()
{
    static const QList<Directive> list = {
        {QStringLiteral("%a"), QT_TRANSLATE_NOOP("Directive", "Weekday, abbreviated (Mon)"), true},
        {QStringLiteral("%A"), QT_TRANSLATE_NOOP("Directive", "Weekday, full (Monday)"), true},
        {QStringLiteral("%w"), QT_TRANSLATE_NOOP("Directive", "Weekday as a number, Sunday = 0"), true},
        {QStringLiteral("%u"), QT_TRANSLATE_NOOP("Directive", "ISO weekday, Monday = 1"), true},
        {QStringLiteral("%d"), QT_TRANSLATE_NOOP("Directive", "Day of the month, 01-31"), true},
        {QStringLiteral("%b"), QT_TRANSLATE_NOOP("Directive", "Month, abbreviated (Jan)"), true},
        {QStringLiteral("%B"), QT_TRANSLATE_NOOP("Directive", "Month, full (January)"), true},
        {QStringLiteral("%m"), QT_TRANSLATE_NOOP("Directive", "Month as a number, 01-12"), true},
        {QStringLiteral("%y"), QT_TRANSLATE_NOOP("Directive", "Year without century, 00-99 (69-99 = 19xx)"), true},
        {QStringLiteral("%Y"), QT_TRANSLATE_NOOP("Directive", "Year with century"), true},
        {QStringLiteral("%H"), QT_TRANSLATE_NOOP("Directive", "Hour, 00-23"), true},
        {QStringLiteral("%I"), QT_TRANSLATE_NOOP("Directive", "Hour, 01-12"), true},
        {QStringLiteral("%p"), QT_TRANSLATE_NOOP("Directive", "AM or PM"), true},
        {QStringLiteral("%M"), QT_TRANSLATE_NOOP("Directive", "Minute, 00-59"), true},
        {QStringLiteral("%S"), QT_TRANSLATE_NOOP("Directive", "Second, 00-59"), true},
        {QStringLiteral("%f"), QT_TRANSLATE_NOOP("Directive", "Microsecond, 000000-999999"), true},
        {QStringLiteral("%z"), QT_TRANSLATE_NOOP("Directive", "UTC offset, +HHMM (empty if naive)"), true},
        {QStringLiteral("%Z"), QT_TRANSLATE_NOOP("Directive", "Time zone name (empty if naive)"), true},
        {QStringLiteral("%j"), QT_TRANSLATE_NOOP("Directive", "Day of the year, 001-366"), true},
        {QStringLiteral("%U"), QT_TRANSLATE_NOOP("Directive", "Week of the year, Sunday first, 00-53"), true},
        {QStringLiteral("%W"), QT_TRANSLATE_NOOP("Directive", "Week of the year, Monday first, 00-53"), true},
        {QStringLiteral("%G"), QT_TRANSLATE_NOOP("Directive", "ISO 8601 year"), true},
        {QStringLiteral("%V"), QT_TRANSLATE_NOOP("Directive", "ISO 8601 week, 01-53"), true},
        {QStringLiteral("%c"), QT_TRANSLATE_NOOP("Directive", "Date and time (Wed Jun 14 14:06:23 2023)"), true},
        {QStringLiteral("%x"), QT_TRANSLATE_NOOP("Directive", "Date (06/14/23)"), true},
        {QStringLiteral("%X"), QT_TRANSLATE_NOOP("Directive", "Time (14:06:23)"), true},
        {QStringLiteral("%%"), QT_TRANSLATE_NOOP("Directive", "A literal % character"), true},
    };
    return list;
}

} // namespace stdlab::date

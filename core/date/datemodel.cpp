#include "date/datemodel.h"

#include <QLocale>

#include "common/pyrepr.h"
#include "date/dateops.h"
#include "date/pystrftime.h"
#include "date/zoneinfo.h"

#include <QTimer>

namespace stdlab::date {

namespace {

const char *const kAmountNames[] = {"years", "months", "weeks", "days",
                                    "hours", "minutes", "seconds", "microseconds"};

QString zoneImport(bool needed)
{
    return needed ? QStringLiteral("from zoneinfo import ZoneInfo\n") : QString();
}

} // namespace

DateModel::DateModel(QObject *parent)
    : QObject(parent)
    , m_clock(new QTimer(this))
{
    m_inputs = {{QStringLiteral("nowZone"), QStringLiteral("America/New_York")},
                {QStringLiteral("diffA"), QStringLiteral("2023-06-14T14:06:23")},
                {QStringLiteral("diffB"), QStringLiteral("2024-03-01")},
                {QStringLiteral("addStart"), QStringLiteral("2023-06-14T14:06:23")},
                {QStringLiteral("addZone"), QString()},
                {QStringLiteral("convertDt"), QStringLiteral("2023-10-29T02:30")},
                {QStringLiteral("convertFrom"), QStringLiteral("Europe/Madrid")},
                {QStringLiteral("convertTo"), QStringLiteral("America/New_York")},
                {QStringLiteral("formatDt"), QStringLiteral("2023-06-14T14:06:23")},
                {QStringLiteral("formatString"), QStringLiteral("%A %d %B %Y, %H:%M")},
                {QStringLiteral("parseText"), QStringLiteral("14/06/23 14:06")},
                {QStringLiteral("parseFormat"), QStringLiteral("%d/%m/%y %H:%M")}};
    m_amounts[Days] = 30;
    m_clock->setInterval(1000);
    connect(m_clock, &QTimer::timeout, this, &DateModel::refreshNow);
    m_clock->start();
    recompute();
    refreshNow();
}

QStringList DateModel::inputKeys()
{
    return {QStringLiteral("nowZone"),    QStringLiteral("diffA"),        QStringLiteral("diffB"),
            QStringLiteral("addStart"),   QStringLiteral("addZone"),      QStringLiteral("convertDt"),
            QStringLiteral("convertFrom"), QStringLiteral("convertTo"),   QStringLiteral("formatDt"),
            QStringLiteral("formatString"), QStringLiteral("parseText"),  QStringLiteral("parseFormat")};
}

void DateModel::setInput(const QString &key, const QString &value)
{
    if (m_inputs.value(key) == value && m_inputs.contains(key)) {
        return;
    }
    m_inputs.insert(key, value);
    if (key == QLatin1String("nowZone")) {
        refreshNow();
        Q_EMIT pythonCodeChanged();
        return;
    }
    recompute();
}

void DateModel::setAmount(Amount a, qint64 value)
{
    if (m_amounts[a] != value) {
        m_amounts[a] = value;
        recompute();
    }
}

void DateModel::setSubtract(bool subtract)
{
    if (m_subtract != subtract) {
        m_subtract = subtract;
        recompute();
    }
}

void DateModel::setConvertFold(int fold)
{
    if (m_fold != fold) {
        m_fold = fold;
        recompute();
    }
}

void DateModel::setSection(Section section)
{
    if (m_section != section) {
        m_section = section;
        Q_EMIT pythonCodeChanged();
    }
}

void DateModel::recompute()
{
    m_results.clear();
    m_errors.clear();
    computeDifference();
    computeAdd();
    computeConvert();
    computeFormat();
    Q_EMIT resultsChanged();
    Q_EMIT pythonCodeChanged();
}

QString DateModel::zoneInput(const QString &key) const
{
    return ZoneInfo::resolveKey(input(key).trimmed());
}

QString DateModel::zoneError(const QString &key, const QString &error) const
{
    // Python's own message, and the zones the user may have meant.
    const QStringList near = ZoneInfo::suggestKeys(input(key).trimmed());
    if (near.isEmpty()) {
        return error;
    }
    return error + QStringLiteral(" ")
        + tr("(did you mean %1?)").arg(near.join(QStringLiteral(", ")));
}

void DateModel::refreshNow()
{
    const DateTime utc = nowUtc();
    const auto local = zoneTz(ZoneInfo::localKey());
    const DateTime localNow = local ? *utc.astimezone(*local) : utc;
    m_results.insert(QStringLiteral("nowLocal"), localNow.isoFormat());
    m_results.insert(QStringLiteral("nowLocalZone"),
                     localNow.tz.kind == TzInfo::Zone
                         ? localNow.tz.zone->key() + QLatin1Char(' ')
                             + localNow.tzName().value_or(QString())
                         : QStringLiteral("UTC"));
    const auto zone = zoneTz(zoneInput(QStringLiteral("nowZone")));
    m_errors.remove(QStringLiteral("nowZone"));
    DateTime shown = localNow;
    if (zone) {
        shown = *utc.astimezone(*zone);
        m_results.insert(QStringLiteral("nowZone"),
                         shown.isoFormat() + QLatin1Char(' ') + shown.tzName().value_or(QString()));
    } else {
        m_errors.insert(QStringLiteral("nowZone"), zoneError(QStringLiteral("nowZone"), zone.error()));
        m_results.remove(QStringLiteral("nowZone"));
    }
    const Parts p = parts(shown);
    m_results.insert(QStringLiteral("nowDate"), QStringLiteral("%1-%2-%3")
                                                     .arg(p.year, 4, 10, QLatin1Char('0'))
                                                     .arg(p.month, 2, 10, QLatin1Char('0'))
                                                     .arg(p.day, 2, 10, QLatin1Char('0')));
    m_results.insert(QStringLiteral("nowTime"), QStringLiteral("%1:%2:%3.%4")
                                                     .arg(p.hour, 2, 10, QLatin1Char('0'))
                                                     .arg(p.minute, 2, 10, QLatin1Char('0'))
                                                     .arg(p.second, 2, 10, QLatin1Char('0'))
                                                     .arg(p.microsecond, 6, 10, QLatin1Char('0')));
    m_results.insert(QStringLiteral("nowWeekday"),
                     QStringLiteral("%1 (%2), isoweekday %3")
                         .arg(p.weekday)
                         .arg(QLocale().dayName(p.isoWeekday))
                         .arg(p.isoWeekday));
    m_results.insert(QStringLiteral("nowIsoCalendar"), p.isoCalendar.repr());
    m_results.insert(QStringLiteral("nowYday"), QString::number(p.yearDay));
    m_results.insert(QStringLiteral("nowTimestamp"),
                     p.timestamp ? py::reprFloat(*p.timestamp) : QString());
    Q_EMIT nowChanged();
}

void DateModel::computeDifference()
{
    const auto a = DateTime::fromIsoFormat(input(QStringLiteral("diffA")));
    const auto b = DateTime::fromIsoFormat(input(QStringLiteral("diffB")));
    if (!a) {
        m_errors.insert(QStringLiteral("diffA"), a.error());
    }
    if (!b) {
        m_errors.insert(QStringLiteral("diffB"), b.error());
    }
    if (!a || !b) {
        return;
    }
    const auto d = difference(*a, *b);
    if (!d) {
        m_errors.insert(QStringLiteral("diffResult"), d.error());
        return;
    }
    m_results.insert(QStringLiteral("diffDelta"), d->delta.str());
    m_results.insert(QStringLiteral("diffRepr"), d->delta.repr());
    m_results.insert(QStringLiteral("diffTotalSeconds"),
                     stdlab::py::reprFloat(d->delta.totalSeconds()));
    const RelativeDelta &r = d->calendar;
    // English and Spanish both use the singular for exactly one (no "(s)" left over).
    auto count = [](qint64 n, const QString &one, const QString &many) {
        return (n == 1 || n == -1) ? one.arg(n) : many.arg(n);
    };
    // The time part as one signed H:MM:SS[.ffffff]: dateutil keeps microseconds >= 0 even when
    // the other fields are negative (relativedelta(seconds=-1, microseconds=+999999)).
    const qint64 timeUs =
        ((r.hours * 60 + r.minutes) * 60 + r.seconds) * kUsPerSecond + r.microseconds;
    const auto time = TimeDelta::fromMicroseconds(qAbs(timeUs));
    m_results.insert(QStringLiteral("diffCalendar"),
                     count(r.years, tr("%1 year"), tr("%1 years")) + QStringLiteral(", ")
                         + count(r.months, tr("%1 month"), tr("%1 months")) + QStringLiteral(", ")
                         + count(r.days, tr("%1 day"), tr("%1 days")) + QStringLiteral(", ")
                         + (timeUs < 0 ? QStringLiteral("-") : QString())
                         + (time ? time->str() : QString()));
    m_results.insert(QStringLiteral("diffWeeks"),
                     count(d->weeks, tr("%1 week"), tr("%1 weeks")) + QStringLiteral(", ")
                         + count(d->weekDays, tr("%1 day"), tr("%1 days")));
    m_results.insert(QStringLiteral("diffBusiness"), QString::number(d->businessDays));
    const auto c = a->compare(*b);
    if (c) {
        m_results.insert(QStringLiteral("diffCompare"),
                         *c < 0 ? QStringLiteral("a < b")
                                : (*c > 0 ? QStringLiteral("a > b") : QStringLiteral("a == b")));
    }
}

void DateModel::computeAdd()
{
    const QString zoneKey = zoneInput(QStringLiteral("addZone"));
    if (!zoneKey.isEmpty()) {
        const auto z = zoneTz(zoneKey);
        if (!z) {
            m_errors.insert(QStringLiteral("addZone"), zoneError(QStringLiteral("addZone"), z.error()));
            return;
        }
    }
    const auto start = readDateTime(input(QStringLiteral("addStart")), zoneKey);
    if (!start) {
        m_errors.insert(QStringLiteral("addStart"), start.error());
        return;
    }
    AddAmounts a;
    qint64 *fields[] = {&a.years, &a.months,  &a.weeks,   &a.days,
                        &a.hours, &a.minutes, &a.seconds, &a.microseconds};
    const int sign = m_subtract ? -1 : 1;
    for (int i = 0; i < AmountCount; ++i) {
        *fields[i] = sign * m_amounts[i];
    }
    const auto r = addAmounts(*start, a);
    if (!r) {
        m_errors.insert(QStringLiteral("addResult"), r.error());
        return;
    }
    m_results.insert(QStringLiteral("addResult"), r->isoFormat());
    // Our words, not a Python output (the program prints isoformat()): in the UI's language.
    m_results.insert(QStringLiteral("addWeekday"),
                     QLocale().dayName(int(r->date().isoWeekday())));
    if (start->isAware() && r->utcOffsetUs() != start->utcOffsetUs()) {
        const auto elapsed = r->astimezone(TzInfo::fixed(0))->subtract(*start->astimezone(TzInfo::fixed(0)));
        if (elapsed) {
            m_results.insert(QStringLiteral("addElapsed"),
                             tr("%1 of real time: the UTC offset changes from %2 to %3")
                                 .arg(elapsed->str(),
                                      formatUtcOffset(*start->utcOffsetUs(), QStringLiteral(":")),
                                      formatUtcOffset(*r->utcOffsetUs(), QStringLiteral(":"))));
        }
    }
}

void DateModel::computeConvert()
{
    const QString from = zoneInput(QStringLiteral("convertFrom"));
    const QString to = zoneInput(QStringLiteral("convertTo"));
    const auto fz = zoneTz(from);
    if (!fz) {
        m_errors.insert(QStringLiteral("convertFrom"), zoneError(QStringLiteral("convertFrom"), fz.error()));
    }
    const auto tz = zoneTz(to);
    if (!tz) {
        m_errors.insert(QStringLiteral("convertTo"), zoneError(QStringLiteral("convertTo"), tz.error()));
    }
    const auto dt = DateTime::fromIsoFormat(input(QStringLiteral("convertDt")));
    if (!dt) {
        m_errors.insert(QStringLiteral("convertDt"), dt.error());
    }
    if (!fz || !tz || !dt) {
        return;
    }
    const auto c = convert(input(QStringLiteral("convertDt")), from, to, m_fold);
    if (!c) {
        m_errors.insert(QStringLiteral("convertResult"), c.error());
        return;
    }
    m_results.insert(QStringLiteral("convertResult"), c->result.isoFormat());
    // dst() as Python prints it ("1:00:00"): the Convert program prints it beside tzname().
    if (const auto dst = TimeDelta::fromMicroseconds(c->result.dstUs().value_or(0))) {
        m_results.insert(QStringLiteral("convertDst"), dst->str());
    }
    QStringList flags;
    flags << c->tzName;
    flags << (c->dst ? tr("daylight saving time") : tr("standard time"));
    if (c->fold) {
        flags << QStringLiteral("fold=1");
    }
    m_results.insert(QStringLiteral("convertInfo"), flags.join(QStringLiteral(", ")));
    if (c->gap) {
        m_results.insert(QStringLiteral("convertNote"),
                         tr("This wall time does not exist in %1 (skipped by a DST change); "
                            "Python reads it with fold=%2.")
                             .arg(from)
                             .arg(m_fold));
    } else if (c->ambiguous) {
        m_results.insert(QStringLiteral("convertNote"),
                         tr("This wall time happens twice in %1; fold=%2 picks the %3 one.")
                             .arg(from)
                             .arg(m_fold)
                             .arg(m_fold == 0 ? tr("first") : tr("second")));
    }
}

void DateModel::computeFormat()
{
    const auto dt = DateTime::fromIsoFormat(input(QStringLiteral("formatDt")));
    if (!dt) {
        m_errors.insert(QStringLiteral("formatDt"), dt.error());
    } else {
        m_results.insert(QStringLiteral("formatResult"),
                         strftime(*dt, input(QStringLiteral("formatString"))));
    }
    const auto parsed = strptime(input(QStringLiteral("parseText")),
                                 input(QStringLiteral("parseFormat")));
    if (!parsed) {
        m_errors.insert(QStringLiteral("parseResult"), parsed.error());
    } else {
        m_results.insert(QStringLiteral("parseResult"), parsed->isoFormat());
        m_results.insert(QStringLiteral("parseRepr"), parsed->repr());
    }
}

QString DateModel::pythonCode() const
{
    auto dtExpr = [](const QString &iso, const QString &zone = {}) {
        const auto dt = readDateTime(iso, zone);
        return dt ? dt->pythonExpr()
                  : QStringLiteral("datetime.datetime.fromisoformat(%1)").arg(py::repr(iso));
    };
    QString code = QStringLiteral("import datetime\n");
    switch (m_section) {
    case NowSection: {
        const QString zone = zoneInput(QStringLiteral("nowZone"));
        code += zoneImport(true) + QStringLiteral("\nahora = datetime.datetime.now().astimezone()\n"
                                                  "print(ahora.isoformat())\n"
                                                  "otra = datetime.datetime.now(ZoneInfo(%1))\n"
                                                  "print(otra.isoformat(), otra.tzname())\n"
                                                  "print(otra.weekday(), otra.isoweekday(), "
                                                  "otra.isocalendar())\n"
                                                  "print(otra.timetuple().tm_yday, "
                                                  "otra.timestamp())\n")
                                       .arg(py::repr(zone));
        break;
    }
    case DifferenceSection: {
        // Every row of the section, printed as the panel shows it, with the standard library
        // only: the course's learners do not have dateutil (relativedelta(b, a) gives the same
        // years, months and days).
        auto py = [](const QString &template1) {
            return py::repr(QString(template1).replace(QLatin1String("%1"), QLatin1String("{}")));
        };
        code += QStringLiteral("import calendar\n\na = %1\nb = %2\ndelta = b - a\n"
                               "print(delta)\nprint(repr(delta))\nprint(delta.total_seconds())\n")
                    .arg(dtExpr(input(QStringLiteral("diffA"))),
                         dtExpr(input(QStringLiteral("diffB"))));
        code += QStringLiteral("\n# ") + tr("Counts in words, as the panel writes them")
            + QStringLiteral("\ndef contar(n, uno, varios):\n"
                             "    return (uno if n in (1, -1) else varios).format(n)\n\n"
                             "def signo(n):\n    return -1 if n < 0 else 1\n\n");
        code += QStringLiteral("# ")
            + tr("Years, months and days, as dateutil's relativedelta(b, a) counts them")
            + QStringLiteral("\ndef sumar_meses(d, meses):\n"
                             "    anio, mes = divmod(d.month - 1 + meses, 12)\n"
                             "    anio += d.year\n"
                             "    dia = min(d.day, calendar.monthrange(anio, mes + 1)[1])\n"
                             "    return d.replace(year=anio, month=mes + 1, day=dia)\n\n"
                             "meses = (b.year - a.year) * 12 + (b.month - a.month)\n"
                             "if b < a:\n"
                             "    while b > sumar_meses(a, meses):\n"
                             "        meses += 1\n"
                             "else:\n"
                             "    while b < sumar_meses(a, meses):\n"
                             "        meses -= 1\n"
                             "resto = b - sumar_meses(a, meses)\n"
                             "anios = signo(meses) * (abs(meses) // 12)\n"
                             "meses = signo(meses) * (abs(meses) % 12)\n"
                             "segundos = resto.days * 86400 + resto.seconds\n"
                             "dias = signo(segundos) * (abs(segundos) // 86400)\n"
                             "hora_us = signo(segundos) * (abs(segundos) % 86400) * 1_000_000"
                             " + resto.microseconds\n"
                             "print(contar(anios, %1, %2), contar(meses, %3, %4), contar(dias, %5, %6),\n"
                             "      (\"-\" if hora_us < 0 else \"\")"
                             " + str(datetime.timedelta(microseconds=abs(hora_us))), sep=\", \")\n\n")
                  .arg(py(tr("%1 year")), py(tr("%1 years")), py(tr("%1 month")),
                       py(tr("%1 months")), py(tr("%1 day")), py(tr("%1 days")));
        code += QStringLiteral("# ") + tr("Whole weeks and days (toward zero)")
            + QStringLiteral("\ntotal_dias = (abs(delta) // datetime.timedelta(days=1))"
                             " * (-1 if delta < datetime.timedelta(0) else 1)\n"
                             "print(contar(signo(total_dias) * (abs(total_dias) // 7), %1, %2),\n"
                             "      contar(signo(total_dias) * (abs(total_dias) % 7), %3, %4), sep=\", \")\n\n")
                  .arg(py(tr("%1 week")), py(tr("%1 weeks")), py(tr("%1 day")), py(tr("%1 days")));
        code += QStringLiteral("# ") + tr("Business days (Mon-Fri) from a's date, included, to b's, excluded")
            + QStringLiteral("\ndef dias_laborables(inicio, fin):\n"
                             "    if fin < inicio:\n"
                             "        return -dias_laborables(fin, inicio)\n"
                             "    dias = (fin - inicio).days\n"
                             "    cuenta = dias // 7 * 5\n"
                             "    for i in range(dias % 7):\n"
                             "        if (inicio.weekday() + i) % 7 < 5:\n"
                             "            cuenta += 1\n"
                             "    return cuenta\n\n"
                             "print(dias_laborables(a.date(), b.date()))\n"
                             "print(\"a < b\" if a < b else \"a > b\" if a > b else \"a == b\")\n");
        break;
    }
    case AddSection: {
        const QString zone = zoneInput(QStringLiteral("addZone"));
        QStringList td;
        QStringList rd;
        for (int i = 0; i < AmountCount; ++i) {
            if (m_amounts[i] == 0) {
                continue;
            }
            const QString arg = QStringLiteral("%1=%2").arg(QLatin1String(kAmountNames[i])).arg(m_amounts[i]);
            (i < Weeks ? rd : td) << arg;
        }
        const QString op = m_subtract ? QStringLiteral(" - ") : QStringLiteral(" + ");
        QString expr = dtExpr(input(QStringLiteral("addStart")), zone);
        QString imports = zoneImport(!zone.isEmpty());
        if (!rd.isEmpty()) {
            imports += QStringLiteral("from dateutil.relativedelta import relativedelta  # pip install python-dateutil\n");
            expr += op + QStringLiteral("relativedelta(%1)").arg(rd.join(QStringLiteral(", ")));
        }
        if (!td.isEmpty() || rd.isEmpty()) {
            expr += op + QStringLiteral("datetime.timedelta(%1)").arg(td.join(QStringLiteral(", ")));
        }
        code += imports + QStringLiteral("\nresultado = %1\nprint(resultado.isoformat())\n").arg(expr);
        break;
    }
    case ConvertSection: {
        const QString iso = input(QStringLiteral("convertDt"));
        const auto dt = DateTime::fromIsoFormat(iso);
        QString expr = dt ? dt->pythonExpr()
                          : QStringLiteral("datetime.datetime.fromisoformat(%1)").arg(py::repr(iso));
        if (dt && !dt->isAware()) {
            expr = QStringLiteral("%1.replace(tzinfo=ZoneInfo(%2)%3)")
                       .arg(expr, py::repr(zoneInput(QStringLiteral("convertFrom"))),
                            m_fold ? QStringLiteral(", fold=1") : QString());
        }
        code += zoneImport(true)
            + QStringLiteral("\norigen = %1\ndestino = origen.astimezone(ZoneInfo(%2))\n"
                             "print(destino.isoformat(), destino.tzname(), destino.dst())\n")
                  .arg(expr, py::repr(zoneInput(QStringLiteral("convertTo"))));
        break;
    }
    case FormatSection:
        code += QStringLiteral("\nfecha = %1\nprint(fecha.strftime(%2))\n\n"
                               "leida = datetime.datetime.strptime(%3, %4)\n"
                               "print(leida.isoformat())\nprint(repr(leida))\n")
                    .arg(dtExpr(input(QStringLiteral("formatDt"))),
                         py::repr(input(QStringLiteral("formatString"))),
                         py::repr(input(QStringLiteral("parseText"))),
                         py::repr(input(QStringLiteral("parseFormat"))));
        break;
    }
    return code;
}

} // namespace stdlab::date

#include "date/datecli.h"

#include "common/pyrepr.h"

#include "common/cli.h"
#include "common/jsonlines.h"
#include "date/dateops.h"
#include "date/pystrftime.h"
#include "date/zoneinfo.h"


namespace stdlab {

namespace {

using namespace stdlab::date;

const char *const kSynopsis =
    "now [--tz ZONE]\n"
    "       stdlab date diff A B\n"
    "       stdlab date add DT [--years N --months N --weeks N --days N --hours N --minutes N\n"
    "                          --seconds N --microseconds N] [--tz ZONE]\n"
    "       stdlab date format DT FORMAT [--tz ZONE]\n"
    "       stdlab date parse TEXT FORMAT\n"
    "       stdlab date convert DT --from ZONE --to ZONE [--fold 0|1]\n"
    "       stdlab date compare A B\n"
    "       stdlab date --batch   (JSON Lines on stdin: parts, add, diff, strftime, strptime,\n"
    "                              convert, compare)";

int failure(const QString &message)
{
    cli::out().flush();
    cli::err() << "stdlab date: " << message << "\n";
    cli::err().flush();
    return cli::Failure;
}

void printParts(const QString &label, const DateTime &dt)
{
    const Parts p = parts(dt);
    QTextStream &o = cli::out();
    o << label << ": " << dt.isoFormat();
    if (dt.tz.kind == TzInfo::Zone) {
        o << " " << dt.tzName().value_or(QString()) << " (" << dt.tz.zone->key() << ")";
    }
    o << "\n";
    o << "  weekday " << p.weekday << " (isoweekday " << p.isoWeekday << ", "
      << strftime(dt, QStringLiteral("%A")) << "), isocalendar (" << p.isoCalendar.year << ", "
      << p.isoCalendar.week << ", " << p.isoCalendar.weekday << "), day of year " << p.yearDay;
    if (p.timestamp) {
        o << ", timestamp " << QString::number(*p.timestamp, 'f', 6);
    }
    o << "\n";
}

} // namespace

int runDateCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("stdlab date: datetime calculator with Python's semantics (datetime, "
                       "zoneinfo, relativedelta, strftime/strptime). DT is an ISO string as "
                       "datetime.fromisoformat() reads it; ZONE an IANA key like Europe/Madrid."));
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("now, diff, add, format, parse, convert or "
                                                "compare, followed by its arguments."));
    const QCommandLineOption batch(QStringLiteral("batch"),
                                   QStringLiteral("Read JSON Lines requests on stdin, write one "
                                                  "JSON response per line."));
    const QCommandLineOption tz(QStringLiteral("tz"),
                                QStringLiteral("Zone: a naive DT is wall time there, an aware DT "
                                               "is converted to it."),
                                QStringLiteral("zone"));
    const QCommandLineOption from(QStringLiteral("from"), QStringLiteral("convert: source zone."),
                                  QStringLiteral("zone"));
    const QCommandLineOption to(QStringLiteral("to"), QStringLiteral("convert: target zone."),
                                QStringLiteral("zone"));
    const QCommandLineOption fold(QStringLiteral("fold"),
                                  QStringLiteral("convert: which of two ambiguous wall times (0 "
                                                 "first, 1 second), like PEP 495."),
                                  QStringLiteral("n"));
    parser.addOptions({batch, tz, from, to, fold});
    const char *const amountNames[] = {"years",   "months",  "weeks",   "days",
                                       "hours",   "minutes", "seconds", "microseconds"};
    for (const char *name : amountNames) {
        parser.addOption(QCommandLineOption(QLatin1String(name),
                                            QStringLiteral("add: %1 to add (negative to "
                                                           "subtract).")
                                                .arg(QLatin1String(name)),
                                            QStringLiteral("n")));
    }
    if (const auto code = cli::parse(parser, arguments, QLatin1String(kSynopsis))) {
        return *code;
    }
    const QString command = arguments.value(0);
    const QStringList args = parser.positionalArguments();

    if (parser.isSet(batch)) {
        if (!args.isEmpty()) {
            return cli::usageError(command, QStringLiteral("--batch takes no arguments"));
        }
        return jsonlines::run(handleBatchRequest, [](const QString &message) {
            return QJsonObject{{QStringLiteral("error"), message}};
        });
    }
    if (args.isEmpty()) {
        return cli::usageError(command, QStringLiteral("missing command (now, diff, add, format, "
                                                       "parse, convert, compare or --batch)"));
    }
    const QString sub = args.first();
    auto expectArgs = [&](int n, const char *names) -> bool {
        if (args.size() - 1 != n) {
            cli::usageError(command, QStringLiteral("'%1' expects %2").arg(sub, QLatin1String(names)));
            return false;
        }
        return true;
    };
    QTextStream &o = cli::out();

    if (sub == QLatin1String("now")) {
        if (!expectArgs(0, "no arguments")) {
            return cli::Usage;
        }
        const DateTime utc = nowUtc();
        const auto localZone = zoneTz(ZoneInfo::localKey());
        if (localZone) {
            printParts(QStringLiteral("local"), *utc.astimezone(*localZone));
        }
        if (parser.isSet(tz)) {
            const auto zone = zoneTz(parser.value(tz));
            if (!zone) {
                return failure(zone.error());
            }
            printParts(parser.value(tz), *utc.astimezone(*zone));
        }
        printParts(QStringLiteral("utc"), utc);
        return cli::Ok;
    }
    if (sub == QLatin1String("diff") || sub == QLatin1String("compare")) {
        if (!expectArgs(2, "two datetimes, A and B")) {
            return cli::Usage;
        }
        const auto a = DateTime::fromIsoFormat(args.at(1));
        if (!a) {
            return failure(a.error());
        }
        const auto b = DateTime::fromIsoFormat(args.at(2));
        if (!b) {
            return failure(b.error());
        }
        if (sub == QLatin1String("compare")) {
            const auto c = a->compare(*b);
            if (!c) {
                return failure(c.error());
            }
            o << (*c < 0 ? "<" : (*c > 0 ? ">" : "==")) << "\n";
            return cli::Ok;
        }
        const auto d = difference(*a, *b);
        if (!d) {
            return failure(d.error());
        }
        const RelativeDelta &rd = d->calendar;
        o << "b - a:          " << d->delta.str() << "\n"
          << "timedelta:      " << d->delta.repr() << "\n"
          << "total_seconds:  " << stdlab::py::reprFloat(d->delta.totalSeconds()) << "\n"
          << "relativedelta:  years=" << rd.years << ", months=" << rd.months
          << ", days=" << rd.days << ", hours=" << rd.hours << ", minutes=" << rd.minutes
          << ", seconds=" << rd.seconds << ", microseconds=" << rd.microseconds << "\n"
          << "weeks + days:   " << cli::counted(d->weeks, "week", "weeks") << ", "
          << cli::counted(d->weekDays, "day", "days") << "\n"
          << "business days:  " << d->businessDays << " (Mon-Fri, a inclusive, b exclusive)\n";
        return cli::Ok;
    }
    if (sub == QLatin1String("add")) {
        if (!expectArgs(1, "one datetime")) {
            return cli::Usage;
        }
        AddAmounts a;
        qint64 *fields[] = {&a.years, &a.months,  &a.weeks,   &a.days,
                            &a.hours, &a.minutes, &a.seconds, &a.microseconds};
        for (int i = 0; i < 8; ++i) {
            const auto v = cli::intOption(parser, QLatin1String(amountNames[i]), command);
            if (!v) {
                return cli::Usage;
            }
            *fields[i] = *v;
        }
        const auto dt = readDateTime(args.at(1), parser.value(tz));
        if (!dt) {
            return failure(dt.error());
        }
        const auto r = addAmounts(*dt, a);
        if (!r) {
            return failure(r.error());
        }
        o << r->isoFormat() << "\n";
        return cli::Ok;
    }
    if (sub == QLatin1String("format")) {
        if (!expectArgs(2, "a datetime and a format")) {
            return cli::Usage;
        }
        const auto dt = readDateTime(args.at(1), parser.value(tz));
        if (!dt) {
            return failure(dt.error());
        }
        o << strftime(*dt, args.at(2)) << "\n";
        return cli::Ok;
    }
    if (sub == QLatin1String("parse")) {
        if (!expectArgs(2, "a text and a format")) {
            return cli::Usage;
        }
        const auto dt = strptime(args.at(1), args.at(2));
        if (!dt) {
            return failure(dt.error());
        }
        o << dt->isoFormat() << "\n";
        return cli::Ok;
    }
    if (sub == QLatin1String("convert")) {
        if (!expectArgs(1, "one datetime")) {
            return cli::Usage;
        }
        if (!parser.isSet(from) || !parser.isSet(to)) {
            return cli::usageError(command, QStringLiteral("'convert' needs --from ZONE and --to ZONE"));
        }
        const auto f = cli::intOption(parser, QStringLiteral("fold"), command);
        if (!f) {
            return cli::Usage;
        }
        const auto c = convert(args.at(1), parser.value(from), parser.value(to), int(*f));
        if (!c) {
            return failure(c.error());
        }
        o << c->result.isoFormat() << " " << c->tzName << (c->dst ? " dst" : "")
          << (c->fold ? " fold=1" : "") << "\n";
        if (c->gap) {
            o << "note: " << args.at(1) << " does not exist in " << parser.value(from)
              << " (skipped by a DST change); read with fold=" << *f << "\n";
        } else if (c->ambiguous) {
            o << "note: " << args.at(1) << " happens twice in " << parser.value(from)
              << "; read with fold=" << *f << " (use --fold to pick the other)\n";
        }
        return cli::Ok;
    }
    return cli::usageError(command, QStringLiteral("unknown command '%1'").arg(sub));
}

} // namespace stdlab

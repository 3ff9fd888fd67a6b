#include "regex/regexcli.h"

#include "common/cli.h"
#include "common/jsonlines.h"
#include "common/pyrepr.h"
#include "regex/pyregex.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>

#include <cstdio>
#include <new>
#include <optional>

namespace stdlab {

namespace {

const QStringList kFunctions = {
    QStringLiteral("search"), QStringLiteral("match"),   QStringLiteral("fullmatch"),
    QStringLiteral("findall"), QStringLiteral("finditer"), QStringLiteral("sub"),
    QStringLiteral("subn"),   QStringLiteral("split"),
};

struct Request
{
    QString op;
    QString pattern;
    QString text;
    int flags = 0;
    QString repl;
    qint64 count = 0;
    qint64 maxsplit = 0;
    qint64 pos = 0;
    qint64 endpos = -1; // -1: len(text)
};

struct Outcome
{
    bool ok = false;
    re::Error error;
    bool errorInRepl = false;
    QString repr;
    QJsonValue json;
};

Outcome execute(const Request &rq)
{
    Outcome o;
    const auto regex = re::Regex::compile(rq.pattern, rq.flags, &o.error);
    if (!regex) {
        return o;
    }
    const re::Subject subject(rq.text);
    if (rq.op == QLatin1String("search") || rq.op == QLatin1String("match")
        || rq.op == QLatin1String("fullmatch")) {
        std::optional<re::Match> m;
        if (rq.op == QLatin1String("search")) {
            m = regex->search(subject, rq.pos, rq.endpos, &o.error);
        } else if (rq.op == QLatin1String("match")) {
            m = regex->match(subject, rq.pos, rq.endpos, &o.error);
        } else {
            m = regex->fullmatch(subject, rq.pos, rq.endpos, &o.error);
        }
        if (o.error.limit || !o.error.message.isEmpty()) {
            return o;
        }
        o.ok = true;
        o.repr = m ? m->repr(subject) : py::reprNone();
        o.json = m ? QJsonValue(m->toJson(subject, *regex)) : QJsonValue(QJsonValue::Null);
    } else if (rq.op == QLatin1String("finditer")) {
        QStringList reprs;
        QJsonArray json;
        const bool ok = regex->forEach(
            subject, rq.pos, rq.endpos,
            [&](const re::Match &m) {
                reprs.append(m.repr(subject));
                json.append(m.toJson(subject, *regex));
                return true;
            },
            &o.error);
        if (!ok) {
            return o;
        }
        o.ok = true;
        o.repr = py::list(reprs);
        o.json = json;
    } else if (rq.op == QLatin1String("findall")) {
        const auto r = regex->findall(subject, rq.pos, rq.endpos, &o.error);
        if (!r) {
            return o;
        }
        o.ok = true;
        o.repr = r->repr();
        o.json = r->toJson();
    } else if (rq.op == QLatin1String("sub") || rq.op == QLatin1String("subn")) {
        const auto t = re::Template::compile(rq.repl, *regex, &o.error);
        if (!t) {
            o.errorInRepl = true;
            return o;
        }
        const auto r = regex->sub(*t, subject, rq.count, &o.error);
        if (!r) {
            return o;
        }
        const bool subn = rq.op == QLatin1String("subn");
        o.ok = true;
        o.repr = r->repr(subn);
        o.json = r->toJson(subn);
    } else if (rq.op == QLatin1String("split")) {
        const auto r = regex->split(subject, rq.maxsplit, &o.error);
        if (!r) {
            return o;
        }
        o.ok = true;
        o.repr = r->repr();
        o.json = r->toJson();
    }
    return o;
}

QJsonObject errorObject(const QString &message)
{
    QJsonObject e;
    e.insert(QStringLiteral("message"), message);
    e.insert(QStringLiteral("pos"), QJsonValue::Null);
    return QJsonObject{{QStringLiteral("error"), e}};
}

// Python's int() of a JSON number, or nullopt.
std::optional<qint64> intField(const QJsonObject &o, const QString &key, QString *problem)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) {
        return std::nullopt;
    }
    if (!v.isDouble() || v.toDouble() != double(qint64(v.toDouble()))) {
        *problem = QStringLiteral("\"%1\" must be an integer").arg(key);
        return std::nullopt;
    }
    return qint64(v.toDouble());
}

QJsonObject handleRequest(const QJsonObject &request)
{
    Request rq;
    rq.op = request.value(QStringLiteral("op")).toString();
    if (!kFunctions.contains(rq.op)) {
        return errorObject(QStringLiteral("unknown op '%1' (expected one of %2)")
                               .arg(rq.op, kFunctions.join(QLatin1Char('|'))));
    }
    const QJsonValue pattern = request.value(QStringLiteral("pattern"));
    if (!pattern.isString()) {
        return errorObject(QStringLiteral("\"pattern\" must be a string"));
    }
    rq.pattern = pattern.toString();
    const QJsonValue text = request.value(QStringLiteral("text"));
    if (!text.isString() && !text.isUndefined()) {
        return errorObject(QStringLiteral("\"text\" must be a string"));
    }
    rq.text = text.toString();
    const QJsonValue flags = request.value(QStringLiteral("flags"));
    if (flags.isString()) {
        QString problem;
        rq.flags = re::flagsFromLetters(flags.toString(), &problem);
        if (rq.flags < 0) {
            return errorObject(problem);
        }
    } else if (flags.isDouble()) {
        rq.flags = flags.toInt();
    } else if (!flags.isUndefined() && !flags.isNull()) {
        return errorObject(QStringLiteral("\"flags\" must be a string of imsxa"));
    }
    const QJsonValue repl = request.value(QStringLiteral("repl"));
    if (rq.op.startsWith(QLatin1String("sub"))) {
        if (!repl.isString()) {
            return errorObject(QStringLiteral("\"repl\" must be a string"));
        }
        rq.repl = repl.toString();
    }
    QString problem;
    const auto count = intField(request, QStringLiteral("count"), &problem);
    const auto maxsplit = intField(request, QStringLiteral("maxsplit"), &problem);
    const auto pos = intField(request, QStringLiteral("pos"), &problem);
    const auto endpos = intField(request, QStringLiteral("endpos"), &problem);
    if (!problem.isEmpty()) {
        return errorObject(problem);
    }
    rq.count = count.value_or(0);
    rq.maxsplit = maxsplit.value_or(0);
    rq.pos = std::max<qint64>(0, pos.value_or(0));
    // Python clamps a negative endpos to 0; -1 means "the end" in the engine's API.
    rq.endpos = endpos ? std::max<qint64>(0, *endpos) : -1;

    const Outcome o = execute(rq);
    QJsonObject response;
    if (!o.ok) {
        QJsonObject e;
        e.insert(QStringLiteral("message"), o.error.message);
        if (o.error.limit) {
            e.insert(QStringLiteral("limit"), true);
        } else {
            e.insert(QStringLiteral("pos"), o.error.pos < 0 ? QJsonValue(QJsonValue::Null)
                                                            : QJsonValue(qint64(o.error.pos)));
        }
        response.insert(QStringLiteral("error"), e);
    } else {
        response.insert(QStringLiteral("result"), o.json);
    }
    return response;
}

// The largest text read from a file or standard input: beyond it (a 2.5 GB file, /dev/zero)
// the text, its UTF-16 copy and the results would not fit a few GB of memory.
constexpr qint64 kMaxTextBytes = qint64(256) << 20;

// Reads @p device to its end, in blocks, giving up past @p max bytes (a device like /dev/zero
// has no size to check first).
std::optional<QByteArray> readLimited(QIODevice &device, qint64 max, QString *problem)
{
    QByteArray data;
    while (true) {
        const qint64 size = device.size();
        if (size > max) {
            break;
        }
        char block[1 << 16];
        const qint64 n = device.read(block, sizeof block);
        if (n < 0) {
            *problem = device.errorString();
            return std::nullopt;
        }
        if (n == 0) {
            return data;
        }
        if (data.size() + n > max) {
            break;
        }
        data.append(block, n);
    }
    *problem = QStringLiteral("the text is larger than %1 MiB, the most stdlab regex reads")
                   .arg(max >> 20);
    return std::nullopt;
}

int outOfMemory(const QString &command)
{
    cli::out().flush();
    cli::err() << "stdlab " << command << ": out of memory\n";
    cli::err().flush();
    return cli::Failure;
}

} // namespace

int runRegexCommand(const QStringList &arguments)
{
    const QString command = arguments.value(0);
    const QString synopsis = QStringLiteral(
        "FUNCTION PATTERN [TEXT | --file F | -] [--flags imsxa] [--repl R] [--count N] "
        "[--maxsplit N] [--pos N] [--endpos N] | --batch");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "stdlab regex: Python re functions (search, match, fullmatch, findall, finditer, sub, "
        "subn, split) with Python 3.11's semantics; prints the repr() of the result.\n"
        "--batch reads JSON Lines requests on stdin and answers one JSON object per line."));
    parser.addPositionalArgument(QStringLiteral("FUNCTION"),
                                 QStringLiteral("search|match|fullmatch|findall|finditer|sub|"
                                                "subn|split"));
    parser.addPositionalArgument(QStringLiteral("PATTERN"), QStringLiteral("Python pattern"));
    parser.addPositionalArgument(QStringLiteral("TEXT"),
                                 QStringLiteral("the text, or - for standard input"));
    const QCommandLineOption batch(QStringLiteral("batch"),
                                   QStringLiteral("JSON Lines requests on stdin."));
    const QCommandLineOption file(QStringLiteral("file"), QStringLiteral("Read the text from F."),
                                  QStringLiteral("F"));
    const QCommandLineOption flags(QStringLiteral("flags"),
                                   QStringLiteral("Flags: any of i m s x a."),
                                   QStringLiteral("imsxa"));
    const QCommandLineOption repl(QStringLiteral("repl"),
                                  QStringLiteral("Replacement template for sub/subn."),
                                  QStringLiteral("R"));
    const QCommandLineOption count(QStringLiteral("count"),
                                   QStringLiteral("sub/subn: at most N replacements."),
                                   QStringLiteral("N"));
    const QCommandLineOption maxsplit(QStringLiteral("maxsplit"),
                                      QStringLiteral("split: at most N splits."),
                                      QStringLiteral("N"));
    const QCommandLineOption pos(QStringLiteral("pos"), QStringLiteral("Start position."),
                                 QStringLiteral("N"));
    const QCommandLineOption endpos(QStringLiteral("endpos"), QStringLiteral("End position."),
                                    QStringLiteral("N"));
    parser.addOptions({batch, file, flags, repl, count, maxsplit, pos, endpos});
    if (const auto code = cli::parse(parser, arguments, synopsis)) {
        return *code;
    }
    if (parser.isSet(batch)) {
        if (!parser.positionalArguments().isEmpty()) {
            return cli::usageError(command, QStringLiteral("--batch takes no arguments"));
        }
        return jsonlines::run(handleRequest, [](const QString &message) {
            return errorObject(message);
        });
    }

    const QStringList args = parser.positionalArguments();
    if (args.size() < 2) {
        return cli::usageError(command, QStringLiteral("expected FUNCTION PATTERN [TEXT]"));
    }
    Request rq;
    rq.op = args[0];
    if (!kFunctions.contains(rq.op)) {
        return cli::usageError(command, QStringLiteral("unknown function '%1' (expected %2)")
                                            .arg(rq.op, kFunctions.join(QLatin1Char('|'))));
    }
    rq.pattern = args[1];
    const bool fromFile = parser.isSet(file);
    if (args.size() > 3 || (fromFile && args.size() > 2)) {
        return cli::usageError(command, QStringLiteral("unexpected argument '%1'").arg(args.last()));
    }
    if (fromFile || (args.size() == 3 && args[2] == QLatin1String("-"))) {
        QFile f(fromFile ? parser.value(file) : QString());
        const bool opened = fromFile ? f.open(QIODevice::ReadOnly)
                                     : f.open(stdin, QIODevice::ReadOnly);
        const QString name = fromFile ? parser.value(file) : QStringLiteral("standard input");
        if (!opened) {
            cli::err() << "stdlab " << command << ": cannot read " << name << ": "
                       << f.errorString() << "\n";
            cli::err().flush();
            return cli::Failure;
        }
        QString problem;
        const auto bytes = readLimited(f, kMaxTextBytes, &problem);
        if (!bytes) {
            cli::err() << "stdlab " << command << ": cannot read " << name << ": " << problem
                       << "\n";
            cli::err().flush();
            return cli::Failure;
        }
        try {
            rq.text = py::universalNewlines(QString::fromUtf8(*bytes));
        } catch (const std::bad_alloc &) {
            return outOfMemory(command);
        }
    } else if (args.size() == 3) {
        rq.text = args[2];
    } else {
        return cli::usageError(command, QStringLiteral("expected TEXT, - or --file F"));
    }
    QString problem;
    rq.flags = re::flagsFromLetters(parser.value(flags), &problem);
    if (rq.flags < 0) {
        return cli::usageError(command, problem);
    }
    if (rq.op.startsWith(QLatin1String("sub"))) {
        if (!parser.isSet(repl)) {
            return cli::usageError(command, QStringLiteral("%1 needs --repl R").arg(rq.op));
        }
        rq.repl = parser.value(repl);
    }
    const auto c = cli::intOption(parser, QStringLiteral("count"), command, 0);
    const auto m = cli::intOption(parser, QStringLiteral("maxsplit"), command, 0);
    const auto p = cli::intOption(parser, QStringLiteral("pos"), command, 0);
    const auto e = cli::intOption(parser, QStringLiteral("endpos"), command, -1);
    if (!c || !m || !p || !e) {
        return cli::Usage;
    }
    rq.count = *c;
    rq.maxsplit = *m;
    rq.pos = std::max<qint64>(0, *p);
    rq.endpos = parser.isSet(endpos) ? std::max<qint64>(0, *e) : -1;

    Outcome o;
    try {
        o = execute(rq);
    } catch (const std::bad_alloc &) {
        return outOfMemory(command);
    }
    if (!o.ok) {
        cli::out().flush();
        if (o.error.limit) {
            cli::err() << "stdlab " << command << ": " << o.error.message << "\n";
        } else {
            const QString &source = o.errorInRepl ? rq.repl : rq.pattern;
            cli::err() << "stdlab " << command << ": "
                       << (o.errorInRepl ? QStringLiteral("bad replacement: ")
                                         : QStringLiteral("bad pattern: "))
                       << re::errorString(o.error, source) << "\n";
            if (o.error.pos >= 0) {
                cli::err() << re::caretLines(source, o.error.pos, QStringLiteral("  ")) << "\n";
            }
        }
        cli::err().flush();
        return cli::Failure;
    }
    cli::out() << o.repr << "\n";
    cli::out().flush();
    return cli::Ok;
}

} // namespace stdlab

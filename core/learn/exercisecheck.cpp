#include "learn/exercisecheck.h"

#include "date/datemodel.h"
#include "date/zoneinfo.h"
#include "regex/pyregex.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace stdlab::learn {

namespace {

using Problem = CheckResult::Problem;

CheckResult failure(Problem problem, const QString &subject = {}, const QString &expected = {},
                    const QString &actual = {})
{
    CheckResult r;
    r.problem = problem;
    r.subject = subject;
    r.expected = expected;
    r.actual = actual;
    return r;
}

QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &v : value.toArray()) {
        list << v.toString();
    }
    return list;
}

} // namespace

QString regexSampleValue(const QString &function, const RegexAnswer &answer, const QString &text,
                         CheckResult *error)
{
    re::Error e;
    const auto regex = re::Regex::compile(answer.pattern, answer.flags, &e);
    if (!regex) {
        if (error) {
            *error = failure(Problem::PatternError, {}, {}, re::errorString(e, answer.pattern));
        }
        return {};
    }
    const re::Subject subject(text);
    auto failed = [&](Problem problem) {
        if (error) {
            *error = failure(problem, {}, {},
                             e.limit ? re::limitMessage() : re::errorString(e, answer.pattern));
        }
        return QString();
    };
    if (function == QLatin1String("sub")) {
        const auto r = regex->sub(answer.replacement, subject, 0, &e);
        return r ? r->repr(false) : failed(Problem::ReplacementError);
    }
    if (function == QLatin1String("split")) {
        const auto r = regex->split(subject, 0, &e);
        return r ? r->repr() : failed(Problem::PatternError);
    }
    if (function == QLatin1String("search") || function == QLatin1String("fullmatch")) {
        const auto m = function == QLatin1String("search") ? regex->search(subject, 0, -1, &e)
                                                           : regex->fullmatch(subject, 0, -1, &e);
        if (!m && e.limit) {
            return failed(Problem::PatternError);
        }
        return m ? QStringLiteral("True") : QStringLiteral("False");
    }
    if (function == QLatin1String("finditer")) {
        const auto r = regex->finditer(subject, 0, -1, &e);
        if (!r) {
            return failed(Problem::PatternError);
        }
        QStringList spans;
        for (const re::Match &m : *r) {
            spans << QStringLiteral("(%1, %2)").arg(m.start()).arg(m.end());
        }
        return QLatin1Char('[') + spans.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    const auto r = regex->findall(subject, 0, -1, &e);
    return r ? r->repr() : failed(Problem::PatternError);
}

CheckResult checkRegex(const Exercise &exercise, const RegexAnswer &answer)
{
    if (answer.pattern.isEmpty()) {
        return failure(Problem::EmptyAnswer);
    }
    const QString function = exercise.spec.value(QStringLiteral("function")).toString();
    const QJsonArray samples = exercise.spec.value(QStringLiteral("samples")).toArray();
    CheckResult first;
    int failed = 0;
    for (const QJsonValue &value : samples) {
        const QJsonObject sample = value.toObject();
        const QString text = sample.value(QStringLiteral("text")).toString();
        const QString expected = sample.value(QStringLiteral("expect")).toString();
        CheckResult error;
        const QString actual = regexSampleValue(function, answer, text, &error);
        if (!error.passed()) {
            return error; // the same on every sample
        }
        if (actual != expected) {
            if (failed == 0) {
                first = failure(Problem::SampleMismatch, text, expected, actual);
                first.why = LocalizedText::fromJson(sample.value(QStringLiteral("why")));
            }
            ++failed;
        }
    }
    first.failed = failed;
    first.total = int(samples.size());
    return first;
}

CheckResult checkDate(const Exercise &exercise, const date::DateModel &model)
{
    static const QStringList sections
        = { QStringLiteral("now"), QStringLiteral("difference"), QStringLiteral("add"),
            QStringLiteral("convert"), QStringLiteral("format") };
    const QString section = exercise.spec.value(QStringLiteral("section")).toString();
    if (!section.isEmpty() && sections.indexOf(section) != int(model.section())) {
        return failure(Problem::WrongSection, {}, section, sections.value(int(model.section())));
    }
    const QJsonObject zones = exercise.spec.value(QStringLiteral("zones")).toObject();
    for (auto it = zones.begin(); it != zones.end(); ++it) {
        const QString actual = date::ZoneInfo::resolveKey(model.input(it.key()).trimmed());
        if (actual != it.value().toString()) {
            return failure(Problem::ValueMismatch, it.key(), it.value().toString(),
                           model.input(it.key()));
        }
    }
    const QJsonObject results = exercise.spec.value(QStringLiteral("results")).toObject();
    for (auto it = results.begin(); it != results.end(); ++it) {
        const QString actual = model.result(it.key());
        if (actual != it.value().toString()) {
            const QString error = model.error(it.key());
            return failure(Problem::ValueMismatch, it.key(), it.value().toString(),
                           actual.isEmpty() ? error : actual);
        }
    }
    return {};
}

CheckResult checkFiles(const Exercise &exercise, const QDir &root)
{
    for (const QString &dir : stringList(exercise.spec.value(QStringLiteral("dirs")))) {
        const QFileInfo info(root.filePath(dir));
        if (!info.exists()) {
            return failure(Problem::MissingFolder, dir);
        }
        if (!info.isDir()) {
            return failure(Problem::NotAFolder, dir);
        }
    }
    const QJsonObject files = exercise.spec.value(QStringLiteral("files")).toObject();
    for (auto it = files.begin(); it != files.end(); ++it) {
        const QFileInfo info(root.filePath(it.key()));
        if (!info.exists()) {
            return failure(Problem::MissingFile, it.key());
        }
        if (!info.isFile()) {
            return failure(Problem::NotAFile, it.key());
        }
        if (it.value().isString()) {
            QFile file(info.filePath());
            const QString content
                = file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
            if (content != it.value().toString()) {
                return failure(Problem::ContentMismatch, it.key(), it.value().toString(), content);
            }
        }
    }
    for (const QString &path : stringList(exercise.spec.value(QStringLiteral("absent")))) {
        // A dangling symlink is still there for os.path.lexists().
        const QFileInfo info(root.filePath(path));
        if (info.exists() || info.isSymLink()) {
            return failure(Problem::StillThere, path);
        }
    }
    return {};
}

CheckResult checkChat(const Exercise &exercise, const ChatTrace &trace)
{
    const QJsonObject &spec = exercise.spec;
    const bool server = spec.value(QStringLiteral("server")).toBool(true);
    const QString protocol = spec.value(QStringLiteral("protocol")).toString();
    const QString mode = spec.value(QStringLiteral("mode")).toString();
    auto relevant = [&](const ChatRecord &r) {
        return r.server == server && (protocol.isEmpty() || r.protocol == protocol)
            && (mode.isEmpty() || !server || r.mode == mode);
    };
    auto any = [&](ChatRecord::Kind kind, const QString &text = QString()) {
        for (const ChatRecord &r : trace) {
            if (r.kind == kind && relevant(r) && (text.isNull() || r.text == text)) {
                return true;
            }
        }
        return false;
    };
    const QString what = QStringList { protocol, mode }.join(QLatin1Char(' ')).trimmed();
    if (server && !any(ChatRecord::Kind::Listening)) {
        return failure(Problem::NoServer, {}, what);
    }
    if (!server && !any(ChatRecord::Kind::Connected) && !any(ChatRecord::Kind::Sent)) {
        return failure(Problem::NoClient, {}, what);
    }
    if (spec.value(QStringLiteral("connected")).toBool() && !any(ChatRecord::Kind::Connected)) {
        return failure(Problem::NoClient, {}, what);
    }
    const QString sent = spec.value(QStringLiteral("sent")).toString();
    if (!sent.isEmpty() && !any(ChatRecord::Kind::Sent, sent)) {
        return failure(Problem::NotSent, {}, sent);
    }
    const QString received = spec.value(QStringLiteral("received")).toString();
    if (!received.isEmpty() && !any(ChatRecord::Kind::Received, received)) {
        return failure(Problem::NotReceived, {}, received);
    }
    return {};
}

ChatTrace chatTraceFromJson(const QJsonArray &records)
{
    static const QStringList kinds
        = { QStringLiteral("listening"), QStringLiteral("connected"), QStringLiteral("received"),
            QStringLiteral("sent"), QStringLiteral("disconnected") };
    ChatTrace trace;
    for (const QJsonValue &value : records) {
        const QJsonObject o = value.toObject();
        ChatRecord r;
        r.kind = ChatRecord::Kind(
            qMax(0, int(kinds.indexOf(o.value(QStringLiteral("kind")).toString()))));
        r.server = o.value(QStringLiteral("server")).toBool(true);
        r.protocol = o.value(QStringLiteral("protocol")).toString();
        r.mode = o.value(QStringLiteral("mode")).toString();
        r.text = o.value(QStringLiteral("text")).toString();
        trace << r;
    }
    return trace;
}

} // namespace stdlab::learn

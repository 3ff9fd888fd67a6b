#include "learn/lesson.h"

#include <QJsonArray>

namespace stdlab::learn {

QStringList lessonLanguages() { return { QStringLiteral("en"), QStringLiteral("es") }; }

QString LocalizedText::text(const QString &language) const
{
    const QString own = texts.value(language);
    return own.isEmpty() ? texts.value(QStringLiteral("en")) : own;
}

LocalizedText LocalizedText::fromJson(const QJsonValue &value)
{
    LocalizedText t;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        // A long text may be written as a list of paragraphs.
        if (it.value().isArray()) {
            QStringList paragraphs;
            for (const QJsonValue &p : it.value().toArray()) {
                paragraphs << p.toString();
            }
            t.texts.insert(it.key(), paragraphs.join(QStringLiteral("\n\n")));
        } else {
            t.texts.insert(it.key(), it.value().toString());
        }
    }
    return t;
}

QString checkKindName(CheckKind kind)
{
    switch (kind) {
    case CheckKind::Regex:
        return QStringLiteral("regex");
    case CheckKind::Date:
        return QStringLiteral("date");
    case CheckKind::Files:
        return QStringLiteral("files");
    case CheckKind::Chat:
        return QStringLiteral("chat");
    }
    return {};
}

std::optional<CheckKind> checkKindFromName(const QString &name)
{
    for (CheckKind k : { CheckKind::Regex, CheckKind::Date, CheckKind::Files, CheckKind::Chat }) {
        if (checkKindName(k) == name) {
            return k;
        }
    }
    return std::nullopt;
}

const Exercise *Lesson::exercise(const QString &exerciseId) const
{
    for (const Exercise &e : exercises) {
        if (e.id == exerciseId) {
            return &e;
        }
    }
    return nullptr;
}

std::optional<Lesson> Lesson::fromJson(const QJsonObject &object, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<Lesson> {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    Lesson lesson;
    lesson.id = object.value(QStringLiteral("id")).toString();
    if (lesson.id.isEmpty()) {
        return fail(QStringLiteral("no \"id\""));
    }
    lesson.section = object.value(QStringLiteral("section")).toString();
    if (!sectionIds().contains(lesson.section)) {
        return fail(QStringLiteral("unknown section \"%1\"").arg(lesson.section));
    }
    lesson.tab = tabOfSection(lesson.section);
    lesson.title = LocalizedText::fromJson(object.value(QStringLiteral("title")));
    lesson.text = LocalizedText::fromJson(object.value(QStringLiteral("text")));
    lesson.tryIt = object.value(QStringLiteral("tryIt")).toObject();
    const QJsonValue code = object.value(QStringLiteral("code"));
    if (code.isArray()) {
        QStringList lines;
        for (const QJsonValue &line : code.toArray()) {
            lines << line.toString();
        }
        lesson.code = lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
    }
    for (const QJsonValue &value : object.value(QStringLiteral("exercises")).toArray()) {
        const QJsonObject e = value.toObject();
        Exercise exercise;
        exercise.id = e.value(QStringLiteral("id")).toString();
        if (exercise.id.isEmpty()) {
            return fail(QStringLiteral("an exercise has no \"id\""));
        }
        const auto kind = checkKindFromName(e.value(QStringLiteral("check")).toString());
        if (!kind) {
            return fail(QStringLiteral("exercise %1: unknown check \"%2\"")
                            .arg(exercise.id, e.value(QStringLiteral("check")).toString()));
        }
        exercise.kind = *kind;
        exercise.goal = LocalizedText::fromJson(e.value(QStringLiteral("goal")));
        for (const QJsonValue &hint : e.value(QStringLiteral("hints")).toArray()) {
            exercise.hints << LocalizedText::fromJson(hint);
        }
        exercise.solution = LocalizedText::fromJson(e.value(QStringLiteral("solution")));
        exercise.spec = e;
        lesson.exercises << exercise;
    }
    return lesson;
}

QStringList sectionIds()
{
    return { QStringLiteral("dates"), QStringLiteral("regex"), QStringLiteral("files"),
             QStringLiteral("network") };
}

QString tabOfSection(const QString &section)
{
    if (section == QLatin1String("dates")) {
        return QStringLiteral("date");
    }
    if (section == QLatin1String("network")) {
        return QStringLiteral("chat");
    }
    return section;
}

} // namespace stdlab::learn

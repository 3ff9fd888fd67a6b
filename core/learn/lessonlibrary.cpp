#include "learn/lessonlibrary.h"

#include "date/datemodel.h"
#include "learn/lessonstate.h"
#include "regex/pyregex.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

namespace stdlab::learn {

LessonLibrary::LessonLibrary(const QString &folder)
{
    const QDir dir(folder);
    const QStringList names = dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name);
    QSet<QString> ids;
    for (const QString &name : names) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            m_errors << name + QStringLiteral(": ") + file.errorString();
            continue;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
        if (!doc.isObject()) {
            m_errors << QStringLiteral("%1: %2 at offset %3")
                            .arg(name, parseError.errorString())
                            .arg(parseError.offset);
            continue;
        }
        QString error;
        auto lesson = Lesson::fromJson(doc.object(), &error);
        if (!lesson) {
            m_errors << name + QStringLiteral(": ") + error;
            continue;
        }
        if (ids.contains(lesson->id)) {
            m_errors << name + QStringLiteral(": duplicate id ") + lesson->id;
            continue;
        }
        ids.insert(lesson->id);
        m_lessons << *lesson;
    }
}

const LessonLibrary &LessonLibrary::course()
{
    static const LessonLibrary library;
    return library;
}

const Lesson *LessonLibrary::find(const QString &id) const
{
    const int i = indexOf(id);
    return i < 0 ? nullptr : &m_lessons[i];
}

int LessonLibrary::indexOf(const QString &id) const
{
    for (int i = 0; i < m_lessons.size(); ++i) {
        if (m_lessons[i].id == id) {
            return i;
        }
    }
    return -1;
}

QStringList LessonLibrary::validate(const Lesson &lesson)
{
    QStringList problems;
    auto needAll = [&problems](const LocalizedText &text, const QString &what) {
        for (const QString &language : lessonLanguages()) {
            if (!text.has(language)) {
                problems << QStringLiteral("%1: no %2 text").arg(what, language);
            }
        }
    };
    needAll(lesson.title, QStringLiteral("title"));
    needAll(lesson.text, QStringLiteral("text"));
    if (lesson.exercises.isEmpty() || lesson.exercises.size() > 3) {
        problems << QStringLiteral("%1 exercises (1 to 3 wanted)").arg(lesson.exercises.size());
    }
    QSet<QString> exerciseIds;
    for (const Exercise &e : lesson.exercises) {
        const QString where = QStringLiteral("exercise ") + e.id;
        if (exerciseIds.contains(e.id)) {
            problems << where + QStringLiteral(": duplicate id");
        }
        exerciseIds.insert(e.id);
        needAll(e.goal, where + QStringLiteral(" goal"));
        needAll(e.solution, where + QStringLiteral(" solution"));
        if (e.hints.isEmpty()) {
            problems << where + QStringLiteral(": no hints");
        }
        for (int i = 0; i < e.hints.size(); ++i) {
            needAll(e.hints[i], where + QStringLiteral(" hint %1").arg(i + 1));
        }
        if (!e.spec.contains(QStringLiteral("answer"))) {
            problems << where + QStringLiteral(": no answer");
        }
        if (e.kind == CheckKind::Regex) {
            if (e.spec.value(QStringLiteral("samples")).toArray().isEmpty()) {
                problems << where + QStringLiteral(": no samples");
            }
            for (const QJsonValue &sample : e.spec.value(QStringLiteral("samples")).toArray()) {
                const QJsonObject s = sample.toObject();
                if (s.contains(QStringLiteral("why"))) {
                    needAll(LocalizedText::fromJson(s.value(QStringLiteral("why"))),
                            where + QStringLiteral(" sample why"));
                }
            }
        }
        if (checkKindName(e.kind) != lesson.tab
            && !(e.kind == CheckKind::Date && lesson.tab == QLatin1String("date"))) {
            problems << where + QStringLiteral(": checks another tab than the lesson's");
        }
    }

    // The Try-it state must be one its tab takes.
    QString error;
    if (lesson.tab == QLatin1String("date")) {
        date::DateModel model;
        if (!applyDateState(lesson.tryIt, model, &error)) {
            problems << QStringLiteral("tryIt: ") + error;
        }
        const QJsonObject inputs = lesson.tryIt.value(QStringLiteral("inputs")).toObject();
        for (auto it = inputs.begin(); it != inputs.end(); ++it) {
            if (!model.error(it.key()).isEmpty()) {
                problems << QStringLiteral("tryIt: %1: %2").arg(it.key(), model.error(it.key()));
            }
        }
    } else if (lesson.tab == QLatin1String("regex")) {
        const auto state = regexState(lesson.tryIt, &error);
        re::Error reError;
        if (!state) {
            problems << QStringLiteral("tryIt: ") + error;
        } else if (state->pattern.isEmpty() || state->text.isEmpty()) {
            problems << QStringLiteral("tryIt: no pattern or no text");
        } else if (!re::Regex::compile(state->pattern, state->flags, &reError)) {
            problems << QStringLiteral("tryIt: pattern: ") + reError.message;
        }
    } else if (lesson.tab == QLatin1String("files")) {
        for (const QString &key : { QStringLiteral("dirs"), QStringLiteral("files") }) {
            const QJsonValue v = lesson.tryIt.value(key);
            const QStringList paths
                = v.isArray() ? v.toVariant().toStringList() : v.toObject().keys();
            for (const QString &p : paths) {
                if (!isSafeRelativePath(p)) {
                    problems << QStringLiteral("tryIt: unsafe path ") + p;
                }
            }
        }
    } else if (lesson.tab == QLatin1String("chat")) {
        if (!isValidServeSpec(lesson.tryIt.value(QStringLiteral("serve")).toString(), &error)) {
            problems << QStringLiteral("tryIt: ") + error;
        }
    }
    return problems;
}

} // namespace stdlab::learn

#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

/** A lesson of the course as its data file describes it (resources/lessons/NN-id.json). */
namespace stdlab::learn {

/// The languages every lesson must be written in.
QStringList lessonLanguages();

/** A text in several languages ({"en": ..., "es": ...}). */
struct LocalizedText
{
    QHash<QString, QString> texts;

    /// The text in @p language, or the English one when that language has none.
    QString text(const QString &language) const;
    bool has(const QString &language) const { return !texts.value(language).trimmed().isEmpty(); }
    static LocalizedText fromJson(const QJsonValue &value);
};

/** How an exercise is checked: each kind reads a different part of the panels. */
enum class CheckKind {
    Regex, ///< the Regex tab's pattern (and replacement) on hidden samples
    Date, ///< the Dates tab's model: its section, inputs and results
    Files, ///< what is on disk in the sandbox folder
    Chat, ///< what the Chat tab's session did (its events)
};

/// "regex", "date", "files", "chat" and back (std::nullopt for an unknown name).
QString checkKindName(CheckKind kind);
std::optional<CheckKind> checkKindFromName(const QString &name);

struct Exercise
{
    QString id;
    CheckKind kind = CheckKind::Regex;
    LocalizedText goal;
    QList<LocalizedText> hints; ///< shown one at a time, easiest last
    LocalizedText solution; ///< in words, shown on request
    /// What the checker needs ("samples", "function", "results", "dirs", ...) and "answer",
    /// a right answer in machine form (tests apply it and expect the check to pass).
    QJsonObject spec;
};

struct Lesson
{
    QString id;
    QString section; ///< "dates", "regex", "files", "network"
    QString tab; ///< the tab it works in: "date", "regex", "files", "chat"
    LocalizedText title;
    LocalizedText text; ///< the explanation; paragraphs separated by blank lines, `code` marks
    QJsonObject tryIt; ///< the state "Try it" puts the tab in (its keys depend on the tab)
    QString code; ///< the course's program for this lesson (Python), may be empty
    QList<Exercise> exercises;

    const Exercise *exercise(const QString &exerciseId) const;
    /// Reads a lesson; on a malformed file returns std::nullopt with *error set.
    static std::optional<Lesson> fromJson(const QJsonObject &object, QString *error);
};

/// The course's sections in order ("dates", "regex", "files", "network").
QStringList sectionIds();
/// The tab a section's lessons work in ("dates" -> "date", "network" -> "chat").
QString tabOfSection(const QString &section);

} // namespace stdlab::learn

#pragma once

#include "learn/lesson.h"

#include <QList>
#include <QStringList>

namespace stdlab::learn {

/**
 * The course: every lesson file of a folder (by default the ones built into the program,
 * ":/lessons"), in the order of their file names (01-…, 02-…), which is the course's order.
 */
class LessonLibrary
{
public:
    /// Reads every *.json of @p folder; a file that cannot be read is listed in errors().
    explicit LessonLibrary(const QString &folder = QStringLiteral(":/lessons"));

    /// The built-in course, read once.
    static const LessonLibrary &course();

    const QList<Lesson> &lessons() const { return m_lessons; }
    const Lesson *find(const QString &id) const;
    int indexOf(const QString &id) const;
    /// "file: what is wrong" for each file that could not be read.
    QStringList errors() const { return m_errors; }

    /// What is incomplete or invalid in @p lesson: a language missing in a title, text, goal,
    /// hint or solution; a Try-it state the tab cannot take; an exercise without hints.
    static QStringList validate(const Lesson &lesson);

private:
    QList<Lesson> m_lessons;
    QStringList m_errors;
};

} // namespace stdlab::learn

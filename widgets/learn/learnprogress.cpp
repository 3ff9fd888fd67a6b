#include "learn/learnprogress.h"

#include "settingvalue.h"

#include <QSettings>

namespace {

// Group "Learn": "lesson/exercise" of each exercise solved.
const SettingValue<QStringList> s_done("done", {});

QString key(const QString &lesson, const QString &exercise)
{
    return lesson + QLatin1Char('/') + exercise;
}

} // namespace

LearnProgress::LearnProgress(QObject *parent)
    : QObject(parent)
{
}

QStringList LearnProgress::load() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("Learn"));
    return s_done.get(settings);
}

void LearnProgress::store(const QStringList &done)
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("Learn"));
    s_done.set(settings, done);
    Q_EMIT changed();
}

bool LearnProgress::isDone(const QString &lesson, const QString &exercise) const
{
    return load().contains(key(lesson, exercise));
}

void LearnProgress::setDone(const QString &lesson, const QString &exercise)
{
    QStringList done = load();
    if (!done.contains(key(lesson, exercise))) {
        done << key(lesson, exercise);
        store(done);
    }
}

int LearnProgress::doneCount(const QString &lesson, const QStringList &exercises) const
{
    const QStringList done = load();
    int n = 0;
    for (const QString &e : exercises) {
        n += done.contains(key(lesson, e)) ? 1 : 0;
    }
    return n;
}

void LearnProgress::reset() { store({}); }

#pragma once

#include <QObject>
#include <QStringList>

/**
 * Which exercises the learner has solved (a check mark each), kept in the settings (group
 * "Learn") so that it survives restarts and is shared by every window.
 */
class LearnProgress : public QObject
{
    Q_OBJECT

public:
    explicit LearnProgress(QObject *parent = nullptr);

    bool isDone(const QString &lesson, const QString &exercise) const;
    void setDone(const QString &lesson, const QString &exercise);
    /// How many of @p exercises of @p lesson are done.
    int doneCount(const QString &lesson, const QStringList &exercises) const;
    /// Forgets every check mark.
    void reset();

Q_SIGNALS:
    void changed();

private:
    QStringList load() const;
    void store(const QStringList &done);
};

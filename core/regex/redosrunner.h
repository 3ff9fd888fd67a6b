#pragma once

#include "regex/redos.h"

#include <QObject>

#include <atomic>
#include <memory>
#include <vector>

template <typename T>
class QFutureWatcher;

namespace stdlab::re {

/**
 * Runs redos() in a worker thread for a GUI: one analysis at a time, each start() cancelling the
 * one running (it stops within a few thousand steps); only the last pattern's outcome is
 * reported, in the runner's thread. An analysis takes up to a few seconds of CPU (redos.h).
 * The destructor cancels and waits.
 */
class RedosRunner : public QObject
{
    Q_OBJECT

public:
    explicit RedosRunner(QObject *parent = nullptr);
    ~RedosRunner() override;

    void start(const QString &pattern, int flags);
    void cancel();
    bool isRunning() const;

    struct Outcome
    {
        std::optional<RedosVerdict> verdict;
        Error error;
    };

signals:
    void finished(const QString &pattern, int flags, const stdlab::re::RedosVerdict &verdict);
    /// The pattern does not compile (the error re.compile gives).
    void failed(const QString &pattern, int flags, const stdlab::re::Error &error);

private:
    struct Run
    {
        QString pattern;
        int flags = 0;
        std::shared_ptr<std::atomic<bool>> cancel;
        QFutureWatcher<Outcome> *watcher = nullptr;
    };
    void done(QFutureWatcher<Outcome> *watcher);

    std::vector<Run> m_runs; ///< the current one last; cancelled ones until their thread ends
};

} // namespace stdlab::re

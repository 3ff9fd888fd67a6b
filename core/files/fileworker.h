#pragma once

#include "filejob.h"

#include <QMutex>
#include <QObject>
#include <QWaitCondition>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace stdlab::files {

/// What the GUI thread shares with a running job: the cancel flag, the conflict answer, pause.
struct JobControl
{
    std::atomic_bool cancelled{false};
    std::atomic_bool paused{false};
    QMutex mutex;
    QWaitCondition answered;
    QWaitCondition resumed;
    bool waiting = false;
    std::optional<ConflictResolution> answer;

    void cancel();
    /// The job stops between two chunks (at most 16 MiB, or one file or folder entry) until
    /// resume() or cancel(): nothing is written meanwhile.
    void pause();
    void resume();
    /// The job's side: blocks while paused; true if it waited.
    bool waitWhilePaused();
    /// Stores @p resolution if the job is waiting on a conflict; false otherwise.
    bool offerAnswer(const ConflictResolution &resolution);
};

/** Runs one JobRequest in the thread it was moved to (FileOperations makes one per job). */
class FileWorker : public QObject
{
    Q_OBJECT

public:
    FileWorker(const JobRequest &request, std::shared_ptr<JobControl> control);
    ~FileWorker() override;

public Q_SLOTS:
    /// Runs the whole job (blocking this thread), then emits finished().
    void run();

Q_SIGNALS:
    void progressChanged(const stdlab::files::JobProgress &progress);
    void conflictDetected(const stdlab::files::ConflictInfo &conflict);
    void errorOccurred(const stdlab::files::JobError &error);
    void finished(const stdlab::files::JobSummary &summary);

private:
    JobRequest m_request;
    std::shared_ptr<JobControl> m_control;
};

/// Runs @p request synchronously in the calling thread (benchmarks, tests); conflicts follow
/// the request's policy (Ask behaves as Skip).
JobSummary runJob(const JobRequest &request);
/// The same, obeying @p control (cancel, pause; conflicts as Skip, never asked) and reporting
/// to @p progress (at most ten times a second, and at the end), in the calling thread.
JobSummary runJob(const JobRequest &request, JobControl *control,
                  const std::function<void(const JobProgress &)> &progress);

namespace testing {
/// Fault injection: called by the copying thread after each chunk of a regular file is written
/// (@p offset: how far the source has been read), so a test can truncate, extend or rewrite the
/// source between two chunks. Set it only while no job runs; nullptr removes it.
using ChunkHook = std::function<void(const QByteArray &source, qint64 offset)>;
void setChunkHook(ChunkHook hook);
} // namespace testing

} // namespace stdlab::files

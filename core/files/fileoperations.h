#pragma once

#include "filejob.h"

#include <QHash>
#include <QObject>

#include <memory>

class QThread;

namespace stdlab::files {

class FileWorker;
struct JobControl;

/**
 * The long file operations the panel starts: each job runs in a FileWorker of its own thread,
 * reports batched progress, asks about conflicts and waits for answerConflict(), collects
 * per-file errors and ends with finished(). Destroying this object cancels and waits for all.
 */
class FileOperations : public QObject
{
    Q_OBJECT

public:
    explicit FileOperations(QObject *parent = nullptr);
    ~FileOperations() override;

    /// Starts @p request; returns its job id (> 0). started() is emitted before this returns,
    /// or, with queueing on and another long job running, queued() (started() follows when its
    /// turn comes).
    int start(const JobRequest &request);
    /// Long jobs (copy, move, delete, archive, unpack; not dry runs) one at a time: a second
    /// one waits until the first ends (off by default; the Files tab turns it on).
    void setQueueing(bool on) { m_queueing = on; }
    /// Holds a running job between two chunks (nothing is written) until resume().
    void pause(int jobId);
    void resume(int jobId);
    bool isPaused(int jobId) const;
    /// Waiting for its turn (cancel() ends it without it ever starting).
    bool isQueued(int jobId) const;
    /// Stops the job as soon as possible; finished() follows with cancelled = true.
    void cancel(int jobId);
    void cancelAll();
    /// Answers the conflict the job is waiting on (ignored when it waits on none).
    void answerConflict(int jobId, const ConflictResolution &resolution);

    /// Running, paused or queued (not finished yet).
    bool isRunning(int jobId) const;
    QList<int> runningJobs() const;
    JobRequest request(int jobId) const;

Q_SIGNALS:
    void started(int jobId, const stdlab::files::JobRequest &request);
    /// The job waits for another long job to end (setQueueing).
    void queued(int jobId, const stdlab::files::JobRequest &request);
    void pausedChanged(int jobId, bool paused);
    /// At most ~10 per second per job, and once more at the end.
    void progressChanged(int jobId, const stdlab::files::JobProgress &progress);
    /// The job waits until answerConflict(jobId, ...) or cancel(jobId).
    void conflictDetected(int jobId, const stdlab::files::ConflictInfo &conflict);
    /// One per-file error (the job goes on); all of them are also in the summary.
    void errorOccurred(int jobId, const stdlab::files::JobError &error);
    void finished(int jobId, const stdlab::files::JobSummary &summary);

private:
    struct Job
    {
        JobRequest request;
        std::shared_ptr<JobControl> control;
        QThread *thread = nullptr;
        FileWorker *worker = nullptr; ///< owned by the thread once it runs
        bool queued = false;
    };
    void onWorkerFinished(int jobId, const JobSummary &summary);
    static bool isLong(const JobRequest &request);
    void startQueued();

    QHash<int, Job> m_jobs;
    int m_nextId = 1;
    bool m_queueing = false;
};

} // namespace stdlab::files

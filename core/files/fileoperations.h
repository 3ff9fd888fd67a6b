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

    /// Starts @p request; returns its job id (> 0). started() is emitted before this returns.
    int start(const JobRequest &request);
    /// Stops the job as soon as possible; finished() follows with cancelled = true.
    void cancel(int jobId);
    void cancelAll();
    /// Answers the conflict the job is waiting on (ignored when it waits on none).
    void answerConflict(int jobId, const ConflictResolution &resolution);

    bool isRunning(int jobId) const;
    QList<int> runningJobs() const;
    JobRequest request(int jobId) const;

Q_SIGNALS:
    void started(int jobId, const stdlab::files::JobRequest &request);
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
    };
    void onWorkerFinished(int jobId, const JobSummary &summary);

    QHash<int, Job> m_jobs;
    int m_nextId = 1;
};

} // namespace stdlab::files

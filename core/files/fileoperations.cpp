#include "fileoperations.h"

#include "fileworker.h"

#include <QThread>

#include <algorithm>

namespace stdlab::files {

FileOperations::FileOperations(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<JobRequest>();
    qRegisterMetaType<JobProgress>();
    qRegisterMetaType<ConflictInfo>();
    qRegisterMetaType<ConflictResolution>();
    qRegisterMetaType<JobError>();
    qRegisterMetaType<JobSummary>();
}

FileOperations::~FileOperations()
{
    for (Job &job : m_jobs) {
        job.control->cancel();
    }
    for (Job &job : m_jobs) {
        if (job.queued) {
            delete job.worker; // never started: its thread's finished() never comes
        }
        job.thread->quit();
        job.thread->wait();
        delete job.thread;
    }
}

int FileOperations::start(const JobRequest &request)
{
    const int id = m_nextId++;
    Job job;
    job.request = request;
    job.control = std::make_shared<JobControl>();
    job.thread = new QThread(this);
    job.thread->setObjectName(QStringLiteral("FileJob%1").arg(id));
    auto *worker = new FileWorker(request, job.control);
    worker->moveToThread(job.thread);
    connect(job.thread, &QThread::started, worker, &FileWorker::run);
    connect(job.thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &FileWorker::progressChanged, this,
            [this, id](const JobProgress &p) { Q_EMIT progressChanged(id, p); });
    connect(worker, &FileWorker::conflictDetected, this,
            [this, id](const ConflictInfo &c) { Q_EMIT conflictDetected(id, c); });
    connect(worker, &FileWorker::errorOccurred, this,
            [this, id](const JobError &e) { Q_EMIT errorOccurred(id, e); });
    connect(worker, &FileWorker::finished, this,
            [this, id](const JobSummary &s) { onWorkerFinished(id, s); });
    job.worker = worker;
    const bool wait = m_queueing && isLong(request)
        && std::any_of(m_jobs.cbegin(), m_jobs.cend(),
                       [](const Job &j) { return isLong(j.request); });
    job.queued = wait;
    m_jobs.insert(id, job);
    if (wait) {
        Q_EMIT queued(id, request);
        return id;
    }
    Q_EMIT started(id, request);
    job.thread->start();
    return id;
}

bool FileOperations::isLong(const JobRequest &request)
{
    return !request.dryRun && request.kind != JobKind::DiskUsage
        && request.kind != JobKind::Trash;
}

void FileOperations::startQueued()
{
    const bool busy = std::any_of(m_jobs.cbegin(), m_jobs.cend(), [](const Job &j) {
        return !j.queued && isLong(j.request);
    });
    if (busy) {
        return;
    }
    int next = 0;
    for (auto it = m_jobs.cbegin(); it != m_jobs.cend(); ++it) {
        if (it->queued && (next == 0 || it.key() < next)) {
            next = it.key();
        }
    }
    if (next == 0) {
        return;
    }
    Job &job = m_jobs[next];
    job.queued = false;
    Q_EMIT started(next, job.request);
    job.thread->start();
}

void FileOperations::pause(int jobId)
{
    const auto it = m_jobs.constFind(jobId);
    if (it != m_jobs.constEnd() && !it->control->paused) {
        it->control->pause();
        Q_EMIT pausedChanged(jobId, true);
    }
}

void FileOperations::resume(int jobId)
{
    const auto it = m_jobs.constFind(jobId);
    if (it != m_jobs.constEnd() && it->control->paused) {
        it->control->resume();
        Q_EMIT pausedChanged(jobId, false);
    }
}

bool FileOperations::isPaused(int jobId) const
{
    const auto it = m_jobs.constFind(jobId);
    return it != m_jobs.constEnd() && it->control->paused;
}

bool FileOperations::isQueued(int jobId) const
{
    return m_jobs.value(jobId).queued;
}

void FileOperations::onWorkerFinished(int jobId, const JobSummary &summary)
{
    const auto it = m_jobs.find(jobId);
    if (it == m_jobs.end()) {
        return;
    }
    QThread *thread = it->thread;
    m_jobs.erase(it);
    thread->quit();
    thread->wait();
    delete thread;
    Q_EMIT finished(jobId, summary);
    startQueued();
}

void FileOperations::cancel(int jobId)
{
    const auto it = m_jobs.find(jobId);
    if (it == m_jobs.end()) {
        return;
    }
    if (!it->queued) {
        it->control->cancel();
        return;
    }
    // Never started: it ends here, having touched nothing (finished() comes from the event
    // loop, as a running job's does).
    JobSummary summary;
    summary.kind = it->request.kind;
    summary.cancelled = true;
    FileWorker *worker = it->worker;
    QThread *thread = it->thread;
    m_jobs.erase(it);
    delete worker; // its thread never ran: no deleteLater would come
    delete thread;
    QMetaObject::invokeMethod(
        this, [this, jobId, summary] { Q_EMIT finished(jobId, summary); }, Qt::QueuedConnection);
}

void FileOperations::cancelAll()
{
    for (const int id : runningJobs()) {
        cancel(id);
    }
}

void FileOperations::answerConflict(int jobId, const ConflictResolution &resolution)
{
    const auto it = m_jobs.constFind(jobId);
    if (it != m_jobs.constEnd()) {
        it->control->offerAnswer(resolution);
    }
}

bool FileOperations::isRunning(int jobId) const
{
    return m_jobs.contains(jobId);
}

QList<int> FileOperations::runningJobs() const
{
    QList<int> ids = m_jobs.keys();
    std::sort(ids.begin(), ids.end());
    return ids;
}

JobRequest FileOperations::request(int jobId) const
{
    return m_jobs.value(jobId).request;
}

} // namespace stdlab::files

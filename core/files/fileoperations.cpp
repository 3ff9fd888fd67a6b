#include "fileoperations.h"

#include "fileworker.h"

#include <QThread>

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
    m_jobs.insert(id, job);
    Q_EMIT started(id, request);
    job.thread->start();
    return id;
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
}

void FileOperations::cancel(int jobId)
{
    const auto it = m_jobs.constFind(jobId);
    if (it != m_jobs.constEnd()) {
        it->control->cancel();
    }
}

void FileOperations::cancelAll()
{
    for (const Job &job : std::as_const(m_jobs)) {
        job.control->cancel();
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

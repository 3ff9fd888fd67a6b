#include "fileworker.h"

#include "jobrunner.h"

namespace stdlab::files {

void JobControl::cancel()
{
    cancelled = true;
    QMutexLocker locker(&mutex);
    answered.wakeAll();
    resumed.wakeAll();
}

void JobControl::pause()
{
    paused = true;
}

void JobControl::resume()
{
    QMutexLocker locker(&mutex);
    paused = false;
    resumed.wakeAll();
}

bool JobControl::waitWhilePaused()
{
    if (!paused.load()) {
        return false;
    }
    QMutexLocker locker(&mutex);
    bool waited = false;
    while (paused.load() && !cancelled.load()) {
        resumed.wait(&mutex);
        waited = true;
    }
    return waited;
}

bool JobControl::offerAnswer(const ConflictResolution &resolution)
{
    QMutexLocker locker(&mutex);
    if (!waiting) {
        return false;
    }
    answer = resolution;
    answered.wakeAll();
    return true;
}

FileWorker::FileWorker(const JobRequest &request, std::shared_ptr<JobControl> control)
    : m_request(request), m_control(std::move(control))
{
}

FileWorker::~FileWorker() = default;

void FileWorker::run()
{
    jobs::JobRunner runner(m_request, m_control.get(), this);
    const JobSummary summary = runner.run();
    Q_EMIT finished(summary);
}

JobSummary runJob(const JobRequest &request)
{
    jobs::JobRunner runner(request, nullptr, nullptr);
    return runner.run();
}

JobSummary runJob(const JobRequest &request, JobControl *control,
                  const std::function<void(const JobProgress &)> &progress)
{
    jobs::JobRunner runner(request, control, nullptr, progress);
    return runner.run();
}

void testing::setChunkHook(ChunkHook hook)
{
    jobs::s_chunkHook = std::move(hook);
}

} // namespace stdlab::files

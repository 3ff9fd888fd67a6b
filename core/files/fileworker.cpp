#include "fileworker.h"

#include "jobrunner.h"

namespace stdlab::files {

void JobControl::cancel()
{
    cancelled = true;
    QMutexLocker locker(&mutex);
    answered.wakeAll();
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

void testing::setChunkHook(ChunkHook hook)
{
    jobs::s_chunkHook = std::move(hook);
}

} // namespace stdlab::files

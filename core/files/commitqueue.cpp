#include "commitqueue.h"

#include "os.h"

#include <QThread>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>

namespace stdlab::files {

namespace {
// Files waiting for their fsync + rename: one journal commit covers many small files.
constexpr int batchFiles = 64;
constexpr qint64 batchBytes = 64 * 1024 * 1024;
} // namespace

int renameIntoPlace(const QByteArray &temp, const QByteArray &target, bool replace)
{
    if (replace) {
        return ::rename(temp.constData(), target.constData()) == 0 ? 0 : errno;
    }
    return renameNoReplace(temp, target);
}

CommitQueue::CommitQueue(bool durable, Committed committed)
    : m_durable(durable)
    , m_committed(std::move(committed))
{
}

CommitQueue::~CommitQueue() { stop(); }

void CommitQueue::commitBatch(std::vector<PendingFile> &batch)
{
    // Durability before any name appears: one fsync for a lone file, else one syncfs per
    // filesystem for the whole batch. Measured on ext4: an fsync per small file costs a
    // journal commit each (several ms), syncfs of a batch costs about one.
    std::vector<int> failed(batch.size(), 0);
    if (m_durable && batch.size() == 1) {
        if (::fsync(batch.front().fd) != 0) {
            failed[0] = errno;
        }
    } else if (m_durable) {
        std::vector<std::pair<dev_t, int>> synced; // device -> syncfs result
        for (size_t i = 0; i < batch.size(); ++i) {
            struct stat st;
            const int fd = batch[i].fd;
            if (::fstat(fd, &st) != 0) {
                failed[i] = errno;
                continue;
            }
            auto it = std::find_if(synced.begin(), synced.end(),
                                   [&](const auto &d) { return d.first == st.st_dev; });
            if (it == synced.end()) {
                synced.emplace_back(st.st_dev, ::syncfs(fd) == 0 ? 0 : errno);
                it = synced.end() - 1;
            }
            failed[i] = it->second;
        }
    }
    for (size_t i = 0; i < batch.size(); ++i) {
        PendingFile &p = batch[i];
        if (p.fd >= 0 && ::close(p.fd) != 0 && !failed[i] && errno != EINTR) {
            failed[i] = errno;
        }
        p.fd = -1;
    }
    for (size_t i = 0; i < batch.size(); ++i) {
        const PendingFile &p = batch[i];
        int e = failed[i];
        if (!e) {
            e = renameIntoPlace(p.temp, p.target, p.replace);
        }
        if (e) {
            ::unlink(p.temp.constData());
        }
        m_committed(p, e);
    }
}

void CommitQueue::commitLoop()
{
    for (;;) {
        std::vector<PendingFile> batch;
        {
            QMutexLocker locker(&m_mutex);
            while (m_queue.empty() && !m_stop) {
                m_wake.wait(&m_mutex);
            }
            if (m_queue.empty()) {
                return;
            }
            batch = std::move(m_queue.front());
            m_queue.pop_front();
            m_committing = true;
            m_done.wakeAll();
        }
        commitBatch(batch);
        QMutexLocker locker(&m_mutex);
        m_committing = false;
        m_done.wakeAll();
    }
}

void CommitQueue::submit()
{
    if (m_pending.empty()) {
        return;
    }
    if (!m_thread) {
        m_thread.reset(QThread::create([this] { commitLoop(); }));
        m_thread->setObjectName(QStringLiteral("FileJobCommitter"));
        m_thread->start();
    }
    QMutexLocker locker(&m_mutex);
    while (m_queue.size() >= 2) {
        m_done.wait(&m_mutex);
    }
    m_queue.push_back(std::move(m_pending));
    m_pending.clear();
    m_pendingBytes = 0;
    m_wake.wakeAll();
}

void CommitQueue::flush()
{
    submit();
    QMutexLocker locker(&m_mutex);
    while (!m_queue.empty() || m_committing) {
        m_done.wait(&m_mutex);
    }
}

void CommitQueue::stop()
{
    if (!m_thread) {
        return;
    }
    flush();
    {
        QMutexLocker locker(&m_mutex);
        m_stop = true;
        m_wake.wakeAll();
    }
    m_thread->wait();
    m_thread.reset();
}

void CommitQueue::queue(PendingFile &&file, qint64 size)
{
    m_pending.push_back(std::move(file));
    m_pendingBytes += size;
    if (int(m_pending.size()) >= batchFiles || m_pendingBytes >= batchBytes) {
        submit();
    }
}

} // namespace stdlab::files

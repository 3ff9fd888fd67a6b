#pragma once

#include "filejob.h"

#include <QByteArray>
#include <QMutex>
#include <QWaitCondition>

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QThread;

namespace stdlab::files {

/// A complete copy under its temporary name, waiting to be made durable and renamed into place.
struct PendingFile
{
    int fd = -1; ///< open on temp; the queue closes it
    QByteArray temp;
    QByteArray target;
    QByteArray source;
    /// Rename over an existing target (else RENAME_NOREPLACE).
    bool replace = false;
    /// verify: what the file holds, for JobSummary::copied once it is in place.
    std::optional<std::pair<QPair<quint64, quint64>, CopiedFile>> copied;
};

/// Renames @p temp to @p target; never replaces an existing target unless @p replace. 0 or an
/// errno.
int renameIntoPlace(const QByteArray &temp, const QByteArray &target, bool replace);

/**
 * The copy job's commit queue: complete files are made durable in batches (one fsync for a lone
 * file, one syncfs per filesystem for a batch) and renamed into place by a committer thread of
 * its own, while the copying thread goes on with the next files. At most two batches wait,
 * which bounds open descriptors and memory.
 */
class CommitQueue
{
public:
    /// Called from the committer thread for each file: @p errnum 0 once it is in place; else
    /// its temporary file is gone and nothing was renamed.
    using Committed = std::function<void(const PendingFile &file, int errnum)>;

    /// @p durable: fsync/syncfs before renaming (only tests and benchmarks turn it off).
    CommitQueue(bool durable, Committed committed);
    ~CommitQueue();
    CommitQueue(const CommitQueue &) = delete;
    CommitQueue &operator=(const CommitQueue &) = delete;

    /// Adds a file of @p size bytes; a batch of 64 files or 64 MiB goes to the committer.
    void queue(PendingFile &&file, qint64 size);
    /// Everything queued so far is durable and in place (or reported) when this returns.
    void flush();
    /// flush(), then ends the committer thread.
    void stop();

private:
    void submit();
    void commitLoop();
    void commitBatch(std::vector<PendingFile> &batch);

    const bool m_durable;
    Committed m_committed;
    std::vector<PendingFile> m_pending;
    qint64 m_pendingBytes = 0;
    QMutex m_mutex;
    QWaitCondition m_wake;
    QWaitCondition m_done;
    std::deque<std::vector<PendingFile>> m_queue;
    bool m_committing = false;
    bool m_stop = false;
    std::unique_ptr<QThread> m_thread;
};

} // namespace stdlab::files

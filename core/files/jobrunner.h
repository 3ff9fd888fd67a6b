#pragma once

// The job runner's parts, shared by the files of core/files/*job.cpp (not a public header):
// jobrunner.cpp (conflicts, errors, scanning, part files), copyjob.cpp, movejob.cpp,
// removejob.cpp (delete, trash, size) and archivejob.cpp; CommitQueue and ProgressMeter
// are classes of their own.

#include "archive.h"
#include "commitqueue.h"
#include "common/pyrepr.h"
#include "fileworker.h"
#include "fspath.h"
#include "progressmeter.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QMutex>
#include <QSet>

#include <atomic>
#include <map>
#include <optional>
#include <sys/stat.h>
#include <utility>
#include <vector>

namespace stdlab::files::jobs {

using Bytes = QByteArray;

/// testing::setChunkHook()'s hook (copyjob.cpp).
extern testing::ChunkHook s_chunkHook;

// Large enough for the kernel to stream at full speed, small enough to notice a cancel quickly.
constexpr qint64 copyChunk = 16 * 1024 * 1024;
constexpr qint64 bufferSize = 1024 * 1024;
constexpr int maxErrorSignals = 200;

inline QString decode(const Bytes &b) { return fsDecode(b); }

inline Bytes joinPath(const Bytes &dir, const char *name)
{
    Bytes r = dir;
    if (!r.endsWith('/')) {
        r += '/';
    }
    r += name;
    return r;
}

inline Bytes stripSlashes(Bytes p)
{
    while (p.size() > 1 && p.endsWith('/')) {
        p.chop(1);
    }
    return p;
}

inline Bytes dirOf(const Bytes &path)
{
    const Bytes p = stripSlashes(path);
    const qsizetype i = p.lastIndexOf('/');
    if (i < 0) {
        return Bytes(".");
    }
    return i == 0 ? Bytes("/") : p.left(i);
}

inline Bytes baseOf(const Bytes &path)
{
    const Bytes p = stripSlashes(path);
    return p.mid(p.lastIndexOf('/') + 1);
}

inline bool isDotOrDotDot(const char *n)
{
    return n[0] == '.' && (n[1] == 0 || (n[1] == '.' && n[2] == 0));
}

/// os.makedirs(path, exist_ok=True) on bytes; 0 or the errno of the first mkdir that failed.
inline int makeDirs(const Bytes &path)
{
    if (::mkdir(path.constData(), 0777) == 0 || errno == EEXIST) {
        return 0;
    }
    if (errno != ENOENT) {
        return errno;
    }
    const Bytes parent = dirOf(path);
    if (parent == path) {
        return ENOENT;
    }
    const int e = makeDirs(parent);
    if (e) {
        return e;
    }
    return ::mkdir(path.constData(), 0777) == 0 || errno == EEXIST ? 0 : errno;
}

inline QDateTime mtimeOf(const struct stat &st)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(st.st_mtim.tv_sec) * 1000
                                          + st.st_mtim.tv_nsec / 1000000);
}

/// "stem (2).ext" style names for Rename; directories keep dots in their names.
inline QString numberedName(const QString &name, int n, bool isDir)
{
    qsizetype dot = isDir ? -1 : name.lastIndexOf(QLatin1Char('.'));
    if (dot <= 0) {
        dot = name.size();
    }
    return name.left(dot) + QLatin1String(" (") + QString::number(n) + QLatin1Char(')')
        + name.mid(dot);
}

enum class Decision { Proceed, Skip, Cancel, Failed };

struct Target
{
    Decision decision = Decision::Proceed;
    Bytes path;
    /// Files: rename over the existing target. Directories: merge into it.
    bool replace = false;
};

struct DirMeta
{
    Bytes path;
    struct stat st;
};

using Inode = std::pair<dev_t, ino_t>;
/** Runs one JobRequest in the calling thread: what FileWorker::run() and runJob() call. */
class JobRunner
{
public:
    /// @p control and @p worker may be null (runJob(): no cancel, no signals).
    /// @p report: where progress goes when there is no worker to signal it.
    JobRunner(const JobRequest &request, JobControl *control, FileWorker *worker,
              ProgressMeter::Report report = {});
    ~JobRunner();
    JobRunner(const JobRunner &) = delete;
    JobRunner &operator=(const JobRunner &) = delete;

    JobSummary run();

private:
    /// The work of the job's kind; run() does the bookkeeping around it.
    void runKind();

    // --- archives ------------------------------------------------------------------------------
    ArchiveProgress archiveProgress();

    const std::atomic<bool> *cancelFlag() const;

    void runArchive();

    void runUnpack();

    // --- progress, errors, conflicts --------------------------------------------------------
    /// Whether the job was cancelled; while it is paused, waits here first (every loop that
    /// looks for a cancel between chunks is where a pause holds the job).
    bool cancelled()
    {
        if (!m_control) {
            return false;
        }
        if (m_control->paused.load(std::memory_order_relaxed) && m_control->waitWhilePaused()) {
            m_meter.restartSpeed(); // the pause is not a slow disk
        }
        return m_control->cancelled.load(std::memory_order_relaxed);
    }

    void addError(const Bytes &source, const Bytes &target, int errnum, const QString &message,
                  std::optional<JobErrorKind> kind = std::nullopt);

    qsizetype errorCount();

    void addTarget(const Bytes &target,
                   const std::pair<QPair<quint64, quint64>, CopiedFile> *copied = nullptr);

    void addOsError(const Bytes &source, const Bytes &target, int errnum, const Bytes &path,
                    const Bytes &path2 = Bytes());

    std::optional<ConflictResolution> askUser(const ConflictInfo &info);

    /// Decides what to do with @p target for @p source (already lstat'ed as @p st).
    Target resolveTarget(const Bytes &source, const struct stat &st, const Bytes &target);

    static QString reprOf(const Bytes &path) { return py::repr(decode(path)); }

    /// Whether renaming the item @p st to @p target fails with EXDEV: the folder that would
    /// hold it is on another device.
    static bool renameCrossesDevices(const struct stat &st, const Bytes &target);

    enum class Through { NotFollowed, Existing, NewFile, Failed };

    /// Where writing to the symlink @p link leads, as open(link, 'wb') goes: a file that exists
    /// (Existing: @p t's path and @p existing become it), a name to create (NewFile: a
    /// dangling link), or an error reported on @p link as Python words it (SameFileError when
    /// it leads to @p source, ELOOP, a missing folder). A folder source follows the link only
    /// to a folder (NotFollowed otherwise: the link is the conflict).
    Through throughLink(const Bytes &source, const struct stat &st, const Bytes &link, Target *t,
                        struct stat *existing);

    /// False (with an error) when @p item is pinned to a file and another one is there now.
    bool isChosenItem(const JobItem &item);

    Bytes uniqueName(const Bytes &target, bool isDir);

    // --- scanning -----------------------------------------------------------------------------
    struct Counts
    {
        qint64 files = 0;
        qint64 dirs = 0;
        qint64 bytes = 0;
    };

    /// Counts what is under @p path (not following links unless @p follow); totals go to
    /// @p counts and, when @p live, into the progress as they grow.
    void scan(const Bytes &path, const struct stat &st, bool follow, Counts &counts, bool live,
              std::vector<Inode> &ancestors, QSet<Inode> *seenHardLinks = nullptr);

    bool statItem(const Bytes &source, struct stat &st, bool follow, const Bytes &target = Bytes());

    void scanAll(bool follow);

    void markDone(const Bytes &path, const struct stat &st, bool follow);

    // --- part files ---------------------------------------------------------------------
    Bytes tempNameIn(const Bytes &dir);

    /// Removes the part files (.stdlab-PID-TOKEN-N.part) that a process no longer running left
    /// in @p dir (killed with SIGKILL, a crash, a power cut): the first time a job writes there.
    /// Only our own regular files, and only when kill(PID, 0) says there is no such process.
    static void sweepStaleParts(const Bytes &dir);

    // --- copying ------------------------------------------------------------------------------
    /// Copies [from, to) of @p in to the same offsets of @p out, stopping early at end of file.
    /// @p pos: where copying stopped. Returns 0 or an errno (ECANCELED on cancel).
    int copyRange(int in, int out, qint64 from, qint64 to, qint64 *pos, bool *atEof,
                  const Bytes &source);

    /// The data segments of @p fd from @p from on, as SEEK_DATA/SEEK_HOLE see them: [data, hole).
    /// False when the filesystem cannot tell (then everything is data).
    static bool nextSegment(int fd, qint64 from, qint64 *data, qint64 *hole, bool *none);

    /// Reserves space for the data of @p in (not its holes) in @p out without changing its size:
    /// a full disk fails here, before a long copy, and a copy that ends short is never padded.
    static int reserveData(int in, int out);

    /// Copies the data of @p in to @p out up to its end of file - never past it, never to a
    /// size decided before - leaving holes as holes (the caller sets the size). 0 or an errno.
    int copyData(int in, int out, const Bytes &source);

    /// verify: feeds the hash the zeros of a hole skipped, up to offset @p end. False on cancel.
    bool hashZerosUpTo(qint64 end);

    qint64 chunk() const;

    void copyXattrs(int in, int out);

    enum class FileCopy { Done, Failed, Changed, Cancelled };

    /// shutil.copy2 of one regular file through a temporary name. Returns false on cancel.
    /// A source that changes while it is read (size or mtime) is copied again once; if it
    /// changes again no copy is kept and the file is reported. Before, a source truncated
    /// during the copy gave a target padded with zeros to the size it had at open.
    bool copyFile(const Bytes &source, const Target &target, bool follow);

    FileCopy copyFileOnce(const Bytes &source, const Target &target, bool follow);

    /// JobRequest::verify: the copy (@p out, written as @p temp) is made durable, dropped from
    /// the page cache and read back from the disk; its BLAKE2b must equal @p sourceDigest, the
    /// source's bytes hashed as they were copied (reading the source again cost a third pass
    /// over the data: a 512 MiB copy read 2 GiB with the journal's fingerprint). 0 or an errno;
    /// @p changed when the source changed meanwhile, @p mismatch (reported here) when the
    /// digests differ.
    int verifyData(int in, int out, const Bytes &temp, const Bytes &source, const Bytes &target,
                   const struct stat &st, const QByteArray &sourceDigest, bool *changed,
                   bool *mismatch);

    void copySymlink(const Bytes &source, const struct stat &st, const Target &target);

    /// keepHardLinks: makes @p target another name of @p first, the copy of a file already met
    /// under another name. False when the link cannot be made (then the file is copied).
    bool linkToCopy(const Bytes &source, const struct stat &st, const Bytes &first,
                    const Target &target);

    /// Copies @p source (already stat'ed) to @p target (already resolved). False on cancel.
    bool copyEntry(const Bytes &source, const struct stat &st, const Target &target,
                   std::vector<Inode> &ancestors, bool top);

    bool copyDirectory(const Bytes &source, const struct stat &st, const Target &target,
                       std::vector<Inode> &ancestors, bool top);

    void applyDirectoryMetadata();

    /// A top-level item resolveTarget() did not let through: false (the job stops) when the
    /// user cancelled; else a skip is counted, @p countProgress accounts for the item, and the
    /// job goes on.
    template<typename CountProgress>
    bool settleTopItem(const Target &t, CountProgress countProgress)
    {
        if (t.decision == Decision::Cancel) {
            return false;
        }
        m_summary.skipped += t.decision == Decision::Skip ? 1 : 0;
        countProgress();
        return true;
    }

    /// Copies one top-level item; returns false when the job must stop (cancel).
    bool copyTopItem(const Bytes &source, const Bytes &target);

    void runCopy();

    // --- moving -------------------------------------------------------------------------------
    /// Compares the copy with its source: same entries, types, sizes and link targets.
    bool verifyCopy(const Bytes &source, const Bytes &target, QString *why);

    /// Moves one item; returns false when the job must stop.
    bool moveItem(const Bytes &source, const Bytes &target);

    bool mergeDirectory(const Bytes &source, const Bytes &target);

    bool moveAcrossDevices(const Bytes &source, const struct stat &st, const Target &target);

    void runMove();

    // --- deleting -----------------------------------------------------------------------------
    /// shutil.rmtree's fd-based walk: never follows links, reports each failure, goes on.
    void removeAt(int parentFd, const Bytes &name, const Bytes &path, bool count);

    void removeTree(const Bytes &path, bool count);

    void runDelete();

    void runTrash();

    void runDiskUsage();

    /// JobKind::Undo / Redo: the journal's, with this job's cancel, pause and progress.
    void runJournal();

    // --- dry runs (planjob.cpp) ---------------------------------------------------------------
    /// JobRequest::dryRun of a Copy or Move: fills m_summary.plan, changes nothing.
    void runPlan();
    /// resolveTarget() (which never asks in a dry run), noting a name already taken.
    Target planTarget(const Bytes &source, const struct stat &st, const Bytes &target);
    void planCopyTopItem(const Bytes &source, const Bytes &target);
    /// False on cancel.
    bool planCopyEntry(const Bytes &source, const struct stat &st, const Target &target,
                       std::vector<Inode> &ancestors, bool top);
    void planMoveItem(const Bytes &source, const Bytes &target);
    /// Notes whether @p target (or the nearest folder on its way) is on another filesystem.
    void noteFilesystems(const struct stat &st, const Bytes &target);

    JobRequest m_request;
    JobControl *m_control = nullptr;
    FileWorker *m_worker = nullptr;
    JobSummary m_summary;
    ProgressMeter m_meter;
    JobProgress &m_progress; // m_meter's, advanced by the operations
    std::optional<ConflictResolution> m_rememberedAnswer;
    QMutex m_summaryMutex;
    std::atomic<qint64> m_commitFailures { 0 };
    CommitQueue m_commits;
    /// Dry run: resolveTarget() met a conflict it would have asked about.
    bool m_askedInDryRun = false;
    std::vector<DirMeta> m_dirMeta;
    QByteArray m_token;
    QSet<Bytes> m_swept; // folders already cleared of stale part files
    std::map<Inode, Bytes> m_linkTargets; // keepHardLinks: source file -> its first copy
    quint64 m_tempCounter = 0;
    QByteArray m_buffer;
    bool m_useCopyFileRange = true;
    /// verify: the hash of the file being copied, fed by copyRange(), and how far it got.
    QCryptographicHash *m_sourceHash = nullptr;
    qint64 m_hashedBytes = 0;
    /// Tests only: every verified copy gets one byte flipped before it is read back.
    const bool m_corruptForTest = qEnvironmentVariableIsSet("STDLAB_TEST_CORRUPT_VERIFIED_COPY");
};

} // namespace stdlab::files::jobs

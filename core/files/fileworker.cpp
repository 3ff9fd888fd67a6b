#include "fileworker.h"

#include "archive.h"
#include "checksum.h"
#include "posixpath.h"
#include "common/pyrepr.h"
#include "fspath.h"
#include "fsresult.h"
#include "os.h"
#include "trash.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSet>
#include <QThread>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <deque>
#include <limits>
#include <map>
#include <dirent.h>
#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <vector>

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

namespace {

using Bytes = QByteArray;

testing::ChunkHook s_chunkHook;

// Large enough for the kernel to stream at full speed, small enough to notice a cancel quickly.
constexpr qint64 copyChunk = 16 * 1024 * 1024;
constexpr qint64 bufferSize = 1024 * 1024;
// Files waiting for their fsync + rename: one journal commit covers many small files.
constexpr int batchFiles = 64;
constexpr qint64 batchBytes = 64 * 1024 * 1024;
constexpr int progressIntervalMs = 100;
constexpr int maxErrorSignals = 200;

QString decode(const Bytes &b)
{
    return fsDecode(b);
}

Bytes joinPath(const Bytes &dir, const char *name)
{
    Bytes r = dir;
    if (!r.endsWith('/')) {
        r += '/';
    }
    r += name;
    return r;
}

Bytes stripSlashes(Bytes p)
{
    while (p.size() > 1 && p.endsWith('/')) {
        p.chop(1);
    }
    return p;
}

Bytes dirOf(const Bytes &path)
{
    const Bytes p = stripSlashes(path);
    const qsizetype i = p.lastIndexOf('/');
    if (i < 0) {
        return Bytes(".");
    }
    return i == 0 ? Bytes("/") : p.left(i);
}

Bytes baseOf(const Bytes &path)
{
    const Bytes p = stripSlashes(path);
    return p.mid(p.lastIndexOf('/') + 1);
}

bool isDotOrDotDot(const char *n)
{
    return n[0] == '.' && (n[1] == 0 || (n[1] == '.' && n[2] == 0));
}

/// os.makedirs(path, exist_ok=True) on bytes; 0 or the errno of the first mkdir that failed.
int makeDirs(const Bytes &path)
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

QDateTime mtimeOf(const struct stat &st)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(st.st_mtim.tv_sec) * 1000
                                          + st.st_mtim.tv_nsec / 1000000);
}

/// "stem (2).ext" style names for Rename; directories keep dots in their names.
QString numberedName(const QString &name, int n, bool isDir)
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

struct Pending
{
    int fd = -1;
    Bytes temp;
    Bytes target;
    Bytes source;
    bool replace = false;
    /// verify: what the file holds, for JobSummary::copied once it is in place.
    std::optional<std::pair<QPair<quint64, quint64>, CopiedFile>> copied;
};

struct DirMeta
{
    Bytes path;
    struct stat st;
};

using Inode = std::pair<dev_t, ino_t>;

class JobRunner
{
public:
    JobRunner(const JobRequest &request, JobControl *control, FileWorker *worker)
        : m_request(request), m_control(control), m_worker(worker)
    {
        m_summary.kind = request.kind;
        // The pid comes first, in decimal: a part file whose process is gone is stale.
        m_token = QByteArray::number(::getpid()) + '-'
            + QByteArray::number(QRandomGenerator::global()->generate(), 16);
    }

    ~JobRunner() { stopCommitter(); }

    JobSummary run()
    {
        m_clock.start();
        runKind();
        commitPending();
        stopCommitter();
        applyDirectoryMetadata();
        m_summary.files -= m_commitFailures;
        m_summary.cancelled = cancelled();
        m_summary.elapsedMs = m_clock.elapsed();
        m_progress.scanning = false;
        m_progress.currentPath.clear();
        emitProgress();
        return m_summary;
    }

private:
    /// The work of the job's kind; run() does the bookkeeping around it.
    void runKind()
    {
        switch (m_request.kind) {
        case JobKind::Copy:
            return runCopy();
        case JobKind::Move:
            return runMove();
        case JobKind::Delete:
            return runDelete();
        case JobKind::Trash:
            return runTrash();
        case JobKind::DiskUsage:
            return runDiskUsage();
        case JobKind::Archive:
            return runArchive();
        case JobKind::Unpack:
            return runUnpack();
        }
    }

    // --- archives ------------------------------------------------------------------------------
    ArchiveProgress archiveProgress()
    {
        return [this](qint64 bytes, qint64 files, const QString &current) {
            m_progress.bytesDone = bytes;
            m_progress.filesDone = files;
            m_progress.currentPath = current;
            tick();
        };
    }

    const std::atomic<bool> *cancelFlag() const
    {
        return m_control ? &m_control->cancelled : nullptr;
    }

    void runArchive()
    {
        const JobItem item = m_request.items.value(0);
        QString root = posixpath::dirname(item.source);
        root = root.isEmpty() ? QStringLiteral(".") : root;
        const QString base = posixpath::basename(item.source);
        m_progress.scanning = true;
        emitProgress();
        const ArchivePlan plan = planArchive(root, base);
        m_progress.scanning = false;
        m_progress.filesTotal = plan.files + plan.directories;
        m_progress.bytesTotal = plan.bytes;
        emitProgress();
        const ArchiveResult r = makeArchive(m_request.archiveFormat, item.target, root,
                                            m_request.conflictPolicy == ConflictPolicy::Overwrite,
                                            cancelFlag(), base, archiveProgress());
        m_summary.files = r.files;
        m_summary.directories = r.directories;
        m_summary.bytes = r.bytes;
        if (r.ok()) {
            m_summary.targets << r.path;
        } else if (!r.cancelled) {
            addError(fsEncode(item.source), fsEncode(r.path), 0,
                     r.exception + QLatin1String(": ") + r.message, JobErrorKind::Refused);
        }
    }

    void runUnpack()
    {
        const JobItem item = m_request.items.value(0);
        m_progress.scanning = true;
        emitProgress();
        const UnpackPlan plan = planUnpack(item.source, item.target);
        m_progress.scanning = false;
        m_progress.filesTotal = plan.files;
        m_progress.bytesTotal = plan.bytes;
        emitProgress();
        const UnpackResult r = unpackArchive(item.source, item.target,
                                             m_request.conflictPolicy == ConflictPolicy::Overwrite,
                                             cancelFlag(), archiveProgress());
        m_summary.files = r.files;
        m_summary.directories = r.directories;
        m_summary.bytes = r.bytes;
        m_summary.targets = r.created;
        for (const Refusal &why : r.refused) {
            addError(fsEncode(why.member), Bytes(), 0,
                     why.exception + QLatin1String(": ") + why.message, JobErrorKind::Refused);
        }
        if (!r.exception.isEmpty()) {
            addError(fsEncode(item.source), fsEncode(item.target), 0,
                     r.exception + QLatin1String(": ") + r.message, JobErrorKind::Refused);
        }
    }

    // --- progress, errors, conflicts --------------------------------------------------------
    bool cancelled() const { return m_control && m_control->cancelled.load(std::memory_order_relaxed); }

    void tick(const Bytes &current = Bytes())
    {
        const qint64 now = m_clock.elapsed();
        if (now - m_lastEmit < progressIntervalMs) {
            return;
        }
        if (!current.isEmpty()) {
            m_progress.currentPath = decode(current);
        }
        emitProgress();
    }

    void emitProgress()
    {
        const qint64 now = m_clock.elapsed();
        m_lastEmit = now;
        m_progress.elapsedMs = now;
        m_samples.push_back({now, m_progress.bytesDone});
        while (m_samples.size() > 2 && now - m_samples.front().first > 3000) {
            m_samples.pop_front();
        }
        const auto &first = m_samples.front();
        const qint64 span = now - first.first;
        m_progress.bytesPerSecond = span > 0
            ? double(m_progress.bytesDone - first.second) * 1000.0 / double(span)
            : 0.0;
        m_progress.etaMs = -1;
        if (!m_progress.scanning && now > 0) {
            if (m_progress.bytesTotal > 0 && m_progress.bytesPerSecond > 0) {
                m_progress.etaMs = qint64(double(m_progress.bytesTotal - m_progress.bytesDone)
                                          * 1000.0 / m_progress.bytesPerSecond);
            } else if (m_progress.filesTotal > 0 && m_progress.filesDone > 0) {
                m_progress.etaMs = (m_progress.filesTotal - m_progress.filesDone) * now
                    / m_progress.filesDone;
            }
            m_progress.etaMs = std::max<qint64>(m_progress.etaMs, -1);
        }
        if (m_worker) {
            Q_EMIT m_worker->progressChanged(m_progress);
        }
    }

    void addError(const Bytes &source, const Bytes &target, int errnum, const QString &message,
                  std::optional<JobErrorKind> kind = std::nullopt)
    {
        JobError e;
        e.kind = kind ? *kind : errnum ? JobErrorKind::OsError : JobErrorKind::Refused;
        e.source = decode(source);
        e.target = decode(target);
        e.errnum = errnum;
        e.message = message;
        // Called from the copying thread and from the committer thread.
        QMutexLocker locker(&m_summaryMutex);
        m_summary.errors.append(e);
        if (m_worker && m_summary.errors.size() <= maxErrorSignals) {
            Q_EMIT m_worker->errorOccurred(e);
        }
    }

    qsizetype errorCount()
    {
        QMutexLocker locker(&m_summaryMutex);
        return m_summary.errors.size();
    }

    void addTarget(const Bytes &target,
                   const std::pair<QPair<quint64, quint64>, CopiedFile> *copied = nullptr)
    {
        QMutexLocker locker(&m_summaryMutex);
        m_summary.targets.append(decode(target));
        if (copied && m_summary.copied.size() < JobSummary::maxCopiedFiles) {
            m_summary.copied.insert(copied->first, copied->second);
        }
    }

    void addOsError(const Bytes &source, const Bytes &target, int errnum, const Bytes &path,
                    const Bytes &path2 = Bytes())
    {
        addError(source, target, errnum,
                 osErrorMessage(errnum, decode(path), path2.isNull() ? QString() : decode(path2)));
    }

    std::optional<ConflictResolution> askUser(const ConflictInfo &info)
    {
        if (!m_worker || !m_control) {
            return ConflictResolution{ConflictAction::Skip, false, QString()};
        }
        {
            QMutexLocker locker(&m_control->mutex);
            m_control->answer.reset();
            m_control->waiting = true;
        }
        emitProgress();
        Q_EMIT m_worker->conflictDetected(info);
        QMutexLocker locker(&m_control->mutex);
        while (!m_control->answer && !m_control->cancelled) {
            m_control->answered.wait(&m_control->mutex);
        }
        m_control->waiting = false;
        std::optional<ConflictResolution> answer = m_control->answer;
        m_control->answer.reset();
        m_samples.clear();
        return answer;
    }

    /// Decides what to do with @p target for @p source (already lstat'ed as @p st).
    Target resolveTarget(const Bytes &source, const struct stat &st, const Bytes &target)
    {
        Target t;
        t.path = target;
        struct stat existing;
        if (::lstat(target.constData(), &existing) != 0) {
            if (errno != ENOENT) {
                addOsError(source, target, errno, target);
                t.decision = Decision::Failed;
            }
            return t;
        }
        if (S_ISLNK(existing.st_mode) && !S_ISLNK(st.st_mode)
            && (m_request.kind == JobKind::Copy
                || (m_request.kind == JobKind::Move && !S_ISDIR(st.st_mode)
                    && renameCrossesDevices(st, target)))) {
            // shutil.copy opens the destination for writing: through a symlink, which stays
            // (its target gets the data); copytree(dirs_exist_ok=True) merges into a folder
            // a link names (os.makedirs(exist_ok=True) accepts it). shutil.move of a file to
            // another filesystem copies it (copy2) the same way; on the same one, os.rename
            // replaces the link.
            switch (throughLink(source, st, target, &t, &existing)) {
            case Through::Failed:
                t.decision = Decision::Failed;
                return t;
            case Through::NewFile:
                return t;
            case Through::Existing:
            case Through::NotFollowed:
                break;
            }
        }
        if (S_ISFIFO(existing.st_mode) && S_ISREG(st.st_mode)
            && (m_request.kind == JobKind::Copy
                || (m_request.kind == JobKind::Move && renameCrossesDevices(st, t.path)))) {
            // shutil.copyfile refuses a named pipe as its destination (writing would block
            // until a reader comes), even through a link; the pipe was replaced by the copy.
            addError(source, target, 0, QStringLiteral("`%1` is a named pipe").arg(decode(target)),
                     JobErrorKind::SpecialFile);
            t.decision = Decision::Failed;
            return t;
        }
        const bool sourceIsDir = S_ISDIR(st.st_mode);
        const bool targetIsDir = S_ISDIR(existing.st_mode);
        if (sourceIsDir && targetIsDir && m_request.dirsExistOk) {
            t.replace = true;
            return t;
        }
        ConflictResolution r;
        if (m_rememberedAnswer) {
            r = *m_rememberedAnswer;
        } else {
            switch (m_request.conflictPolicy) {
            case ConflictPolicy::Overwrite:
                r.action = ConflictAction::Overwrite;
                break;
            case ConflictPolicy::Skip:
                r.action = ConflictAction::Skip;
                break;
            case ConflictPolicy::Rename:
                r.action = ConflictAction::Rename;
                break;
            case ConflictPolicy::Fail:
                addOsError(source, target, EEXIST, target);
                t.decision = Decision::Failed;
                return t;
            case ConflictPolicy::Ask: {
                ConflictInfo info;
                info.source = decode(source);
                info.target = decode(target);
                info.sourceIsDir = sourceIsDir;
                info.targetIsDir = targetIsDir;
                info.sourceSize = st.st_size;
                info.targetSize = existing.st_size;
                info.sourceModified = mtimeOf(st);
                info.targetModified = mtimeOf(existing);
                info.suggestedName = decode(baseOf(uniqueName(target, sourceIsDir)));
                const auto answer = askUser(info);
                if (!answer) {
                    t.decision = Decision::Cancel;
                    return t;
                }
                r = *answer;
                if (r.applyToAll) {
                    m_rememberedAnswer = r;
                    m_rememberedAnswer->newName.clear();
                }
                break;
            }
            }
        }
        switch (r.action) {
        case ConflictAction::Cancel:
            if (m_control) {
                m_control->cancel();
            }
            t.decision = Decision::Cancel;
            return t;
        case ConflictAction::Skip:
            t.decision = Decision::Skip;
            return t;
        case ConflictAction::Rename: {
            const QString name = r.newName.trimmed();
            if (!name.isEmpty() && !name.contains(QLatin1Char('/')) && name != QLatin1String(".")
                && name != QLatin1String("..")) {
                t.path = joinPath(dirOf(target), fsEncode(name).constData());
                // The chosen name may exist too: resolve again (asks again when needed).
                return resolveTarget(source, st, t.path);
            }
            t.path = uniqueName(target, sourceIsDir);
            return t;
        }
        case ConflictAction::Overwrite:
            break;
        }
        if (existing.st_dev == st.st_dev && existing.st_ino == st.st_ino) {
            // shutil.SameFileError
            addError(source, target, 0,
                     QStringLiteral("%1 and %2 are the same file")
                         .arg(reprOf(source), reprOf(target)),
                     JobErrorKind::SameFile);
            t.decision = Decision::Failed;
            return t;
        }
        if (sourceIsDir != targetIsDir) {
            // Never replace a directory by a file or a file by a directory.
            const int e = targetIsDir ? EISDIR : EEXIST;
            addOsError(source, target, e, target);
            t.decision = Decision::Failed;
            return t;
        }
        t.replace = true;
        return t;
    }

    static QString reprOf(const Bytes &path) { return py::repr(decode(path)); }

    /// Whether renaming the item @p st to @p target fails with EXDEV: the folder that would
    /// hold it is on another device.
    static bool renameCrossesDevices(const struct stat &st, const Bytes &target)
    {
        struct stat folder;
        return ::stat(dirOf(target).constData(), &folder) == 0 && folder.st_dev != st.st_dev;
    }

    enum class Through { NotFollowed, Existing, NewFile, Failed };

    /// Where writing to the symlink @p link leads, as open(link, 'wb') goes: a file that exists
    /// (Existing: @p t's path and @p existing become it), a name to create (NewFile: a
    /// dangling link), or an error reported on @p link as Python words it (SameFileError when
    /// it leads to @p source, ELOOP, a missing folder). A folder source follows the link only
    /// to a folder (NotFollowed otherwise: the link is the conflict).
    Through throughLink(const Bytes &source, const struct stat &st, const Bytes &link, Target *t,
                        struct stat *existing)
    {
        Bytes path = link;
        for (int hops = 0;; ++hops) {
            if (hops > 40) {
                addOsError(source, link, ELOOP, link);
                return Through::Failed;
            }
            struct stat ls;
            if (::lstat(path.constData(), &ls) != 0) {
                if (errno != ENOENT) {
                    addOsError(source, link, errno, link);
                    return Through::Failed;
                }
                if (S_ISDIR(st.st_mode)) {
                    return Through::NotFollowed;
                }
                struct stat parent;
                const int e = ::stat(dirOf(path).constData(), &parent) != 0 ? errno
                    : S_ISDIR(parent.st_mode)                              ? 0
                                                                           : ENOTDIR;
                if (e) {
                    addOsError(source, link, e, link);
                    return Through::Failed;
                }
                t->path = path;
                return Through::NewFile;
            }
            if (!S_ISLNK(ls.st_mode)) {
                if (S_ISDIR(st.st_mode) && !S_ISDIR(ls.st_mode)) {
                    return Through::NotFollowed;
                }
                if (ls.st_dev == st.st_dev && ls.st_ino == st.st_ino) {
                    addError(source, link, 0,
                             QStringLiteral("%1 and %2 are the same file")
                                 .arg(reprOf(source), reprOf(link)),
                             JobErrorKind::SameFile);
                    return Through::Failed;
                }
                t->path = path;
                *existing = ls;
                return Through::Existing;
            }
            Bytes next(int(ls.st_size > 0 ? ls.st_size : PATH_MAX) + 1, Qt::Uninitialized);
            const ssize_t n = ::readlink(path.constData(), next.data(), size_t(next.size()));
            if (n < 0) {
                addOsError(source, link, errno, link);
                return Through::Failed;
            }
            next.truncate(n);
            const qsizetype slash = stripSlashes(path).lastIndexOf('/');
            path = next.startsWith('/') || slash < 0 ? next : joinPath(dirOf(path), next.constData());
        }
    }

    /// False (with an error) when @p item is pinned to a file and another one is there now.
    bool isChosenItem(const JobItem &item)
    {
        if (!item.isPinned()) {
            return true;
        }
        const Bytes path = fsEncode(item.source);
        struct stat st;
        if (::lstat(path.constData(), &st) != 0) {
            return true; // the operation itself reports the missing file as Python would
        }
        if (quint64(st.st_dev) == item.device && quint64(st.st_ino) == item.inode) {
            return true;
        }
        addError(path, fsEncode(item.target), 0,
                 QCoreApplication::translate("FileWorker",
                                             "%1 is not the item that was selected (it was "
                                             "replaced or renamed since it was listed): it was "
                                             "left alone.")
                     .arg(reprOf(path)));
        return false;
    }

    Bytes uniqueName(const Bytes &target, bool isDir)
    {
        const Bytes dir = dirOf(target);
        const QString name = decode(baseOf(target));
        struct stat st;
        for (int n = 2;; ++n) {
            const Bytes candidate = joinPath(dir, fsEncode(numberedName(name, n, isDir)).constData());
            if (::lstat(candidate.constData(), &st) != 0 && errno == ENOENT) {
                return candidate;
            }
        }
    }

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
              std::vector<Inode> &ancestors, QSet<Inode> *seenHardLinks = nullptr)
    {
        if (!S_ISDIR(st.st_mode)) {
            if (seenHardLinks && st.st_nlink > 1) {
                const Inode id{st.st_dev, st.st_ino};
                if (seenHardLinks->contains(id)) {
                    return;
                }
                seenHardLinks->insert(id);
            }
            ++counts.files;
            counts.bytes += S_ISREG(st.st_mode) ? st.st_size : 0;
            if (live) {
                ++m_progress.filesTotal;
                m_progress.bytesTotal += S_ISREG(st.st_mode) ? st.st_size : 0;
            }
            return;
        }
        const Inode self{st.st_dev, st.st_ino};
        if (std::find(ancestors.begin(), ancestors.end(), self) != ancestors.end()) {
            return;
        }
        ++counts.dirs;
        DIR *dir = ::opendir(path.constData());
        if (!dir) {
            return;
        }
        ancestors.push_back(self);
        const int dfd = ::dirfd(dir);
        while (const dirent *entry = ::readdir(dir)) {
            if (isDotOrDotDot(entry->d_name) || cancelled()) {
                continue;
            }
            struct stat child;
            if (::fstatat(dfd, entry->d_name, &child, AT_SYMLINK_NOFOLLOW) != 0) {
                continue;
            }
            if (follow && S_ISLNK(child.st_mode)) {
                struct stat target;
                if (::fstatat(dfd, entry->d_name, &target, 0) == 0) {
                    child = target;
                }
            }
            scan(joinPath(path, entry->d_name), child, follow, counts, live, ancestors,
                 seenHardLinks);
            if (live) {
                tick(path);
            }
        }
        ancestors.pop_back();
        ::closedir(dir);
    }

    bool statItem(const Bytes &source, struct stat &st, bool follow, const Bytes &target = Bytes())
    {
        if ((follow ? ::stat(source.constData(), &st) : ::lstat(source.constData(), &st)) != 0) {
            addOsError(source, target, errno, source);
            return false;
        }
        return true;
    }

    void scanAll(bool follow)
    {
        m_progress.scanning = true;
        for (const JobItem &item : m_request.items) {
            const Bytes source = fsEncode(item.source);
            struct stat st;
            if ((follow ? ::stat(source.constData(), &st) : ::lstat(source.constData(), &st))
                == 0) {
                Counts c;
                std::vector<Inode> ancestors;
                scan(source, st, follow, c, true, ancestors);
            }
            if (cancelled()) {
                break;
            }
        }
        m_progress.scanning = false;
        emitProgress();
    }

    void markDone(const Bytes &path, const struct stat &st, bool follow)
    {
        Counts c;
        std::vector<Inode> ancestors;
        scan(path, st, follow, c, false, ancestors);
        m_progress.filesDone += c.files;
        m_progress.bytesDone += c.bytes;
    }

    // --- committing files ---------------------------------------------------------------------
    Bytes tempNameIn(const Bytes &dir)
    {
        if (!m_swept.contains(dir)) {
            m_swept.insert(dir);
            sweepStaleParts(dir);
        }
        const QByteArray name = ".stdlab-" + m_token + '-'
            + QByteArray::number(++m_tempCounter) + ".part";
        return joinPath(dir, name.constData());
    }

    /// Removes the part files (.stdlab-PID-TOKEN-N.part) that a process no longer running left
    /// in @p dir (killed with SIGKILL, a crash, a power cut): the first time a job writes there.
    /// Only our own regular files, and only when kill(PID, 0) says there is no such process.
    static void sweepStaleParts(const Bytes &dir)
    {
        DIR *d = ::opendir(dir.constData());
        if (!d) {
            return;
        }
        const int dfd = ::dirfd(d);
        const pid_t self = ::getpid();
        while (const dirent *entry = ::readdir(d)) {
            const QByteArray name(entry->d_name);
            if (!name.startsWith(".stdlab-") || !name.endsWith(".part")) {
                continue;
            }
            const qsizetype dash = name.indexOf('-', 8);
            bool ok = false;
            const qlonglong pid = dash > 8 ? name.mid(8, dash - 8).toLongLong(&ok) : 0;
            if (!ok || pid <= 0 || pid > std::numeric_limits<pid_t>::max() || pid == self) {
                continue;
            }
            if (::kill(pid_t(pid), 0) == 0 || errno != ESRCH) {
                continue; // alive, or another user's process (EPERM)
            }
            struct stat st;
            if (::fstatat(dfd, entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0
                || !(S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) || st.st_uid != ::geteuid()) {
                continue;
            }
            ::unlinkat(dfd, entry->d_name, 0);
        }
        ::closedir(d);
    }

    /// Renames @p temp to @p target; never replaces an existing target unless @p replace.
    int renameIntoPlace(const Bytes &temp, const Bytes &target, bool replace)
    {
        if (replace) {
            return ::rename(temp.constData(), target.constData()) == 0 ? 0 : errno;
        }
        return renameNoReplace(temp, target);
    }

    /// Makes a batch of complete temporary files durable, then renames each into place.
    void commitBatch(std::vector<Pending> &batch)
    {
        // Durability before any name appears: one fsync for a lone file, else one syncfs per
        // filesystem for the whole batch. Measured on ext4: an fsync per small file costs a
        // journal commit each (several ms), syncfs of a batch costs about one.
        std::vector<int> failed(batch.size(), 0);
        if (m_request.durable && batch.size() == 1) {
            if (::fsync(batch.front().fd) != 0) {
                failed[0] = errno;
            }
        } else if (m_request.durable) {
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
            Pending &p = batch[i];
            if (p.fd >= 0 && ::close(p.fd) != 0 && !failed[i] && errno != EINTR) {
                failed[i] = errno;
            }
            p.fd = -1;
        }
        for (size_t i = 0; i < batch.size(); ++i) {
            const Pending &p = batch[i];
            int e = failed[i];
            if (!e) {
                e = renameIntoPlace(p.temp, p.target, p.replace);
            }
            if (e) {
                ::unlink(p.temp.constData());
                addOsError(p.source, p.target, e, e == EEXIST ? p.target : p.source);
                ++m_commitFailures;
            } else {
                addTarget(p.target, p.copied ? &*p.copied : nullptr);
            }
        }
    }

    // The committer thread: while it waits for the disk, the copying thread goes on with the
    // next files. At most two batches wait, which bounds open descriptors and memory.
    void commitLoop()
    {
        for (;;) {
            std::vector<Pending> batch;
            {
                QMutexLocker locker(&m_commitMutex);
                while (m_commitQueue.empty() && !m_commitStop) {
                    m_commitWake.wait(&m_commitMutex);
                }
                if (m_commitQueue.empty()) {
                    return;
                }
                batch = std::move(m_commitQueue.front());
                m_commitQueue.pop_front();
                m_committing = true;
                m_commitDone.wakeAll();
            }
            commitBatch(batch);
            QMutexLocker locker(&m_commitMutex);
            m_committing = false;
            m_commitDone.wakeAll();
        }
    }

    void submitPending()
    {
        if (m_pending.empty()) {
            return;
        }
        if (!m_committer) {
            m_committer.reset(QThread::create([this] { commitLoop(); }));
            m_committer->setObjectName(QStringLiteral("FileJobCommitter"));
            m_committer->start();
        }
        QMutexLocker locker(&m_commitMutex);
        while (m_commitQueue.size() >= 2) {
            m_commitDone.wait(&m_commitMutex);
        }
        m_commitQueue.push_back(std::move(m_pending));
        m_pending.clear();
        m_pendingBytes = 0;
        m_commitWake.wakeAll();
    }

    /// Everything written so far is durable and in place when this returns.
    void commitPending()
    {
        submitPending();
        QMutexLocker locker(&m_commitMutex);
        while (!m_commitQueue.empty() || m_committing) {
            m_commitDone.wait(&m_commitMutex);
        }
    }

    void stopCommitter()
    {
        if (!m_committer) {
            return;
        }
        {
            QMutexLocker locker(&m_commitMutex);
            m_commitStop = true;
            m_commitWake.wakeAll();
        }
        m_committer->wait();
        m_committer.reset();
    }

    void queueCommit(Pending &&p, qint64 size)
    {
        m_pending.push_back(std::move(p));
        m_pendingBytes += size;
        if (int(m_pending.size()) >= batchFiles || m_pendingBytes >= batchBytes) {
            submitPending();
        }
    }

    // --- copying ------------------------------------------------------------------------------
    /// Copies [from, to) of @p in to the same offsets of @p out, stopping early at end of file.
    /// @p pos: where copying stopped. Returns 0 or an errno (ECANCELED on cancel).
    int copyRange(int in, int out, qint64 from, qint64 to, qint64 *pos, bool *atEof,
                  const Bytes &source)
    {
        loff_t offIn = from;
        loff_t offOut = from;
        *atEof = false;
        const auto done = [&](qint64 n) {
            m_progress.bytesDone += n;
            throttle();
            if (s_chunkHook) {
                s_chunkHook(source, offIn);
            }
        };
        // A verified copy hashes the source's bytes as they pass: they must pass through here.
        while (m_useCopyFileRange && !m_sourceHash && offIn < to) {
            if (cancelled()) {
                return ECANCELED;
            }
            const size_t want = size_t(std::min<qint64>(chunk(), to - offIn));
            const ssize_t n = ::copy_file_range(in, &offIn, out, &offOut, want, 0);
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                if (errno == EXDEV || errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP
                    || errno == EPERM || errno == EBADF) {
                    // Not supported between these two files: pread/pwrite below.
                    m_useCopyFileRange = errno != ENOSYS;
                    break;
                }
                return errno;
            }
            if (n == 0) {
                // End of file, or a file that reports a size but streams no data (procfs):
                // pread() below tells which.
                break;
            }
            done(n);
            if (n >= copyChunk / 4 || m_request.bytesPerSecondLimit > 0) {
                tick();
            }
        }
        if (m_buffer.isEmpty()) {
            m_buffer.resize(bufferSize);
        }
        while (offIn < to) {
            if (cancelled()) {
                return ECANCELED;
            }
            const size_t want
                = size_t(std::min<qint64>({qint64(m_buffer.size()), chunk(), to - offIn}));
            const ssize_t n = ::pread(in, m_buffer.data(), want, offIn);
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                return errno;
            }
            if (n == 0) {
                *atEof = true;
                break;
            }
            if (m_sourceHash) {
                m_sourceHash->addData(QByteArrayView(m_buffer.constData(), n));
                m_hashedBytes += n;
            }
            for (ssize_t written = 0; written < n;) {
                const ssize_t w = ::pwrite(out, m_buffer.constData() + written,
                                           size_t(n - written), offOut + written);
                if (w < 0) {
                    if (errno == EINTR) {
                        continue;
                    }
                    return errno;
                }
                written += w;
            }
            offIn += n;
            offOut += n;
            done(n);
            tick();
        }
        *pos = offIn;
        return 0;
    }

    /// The data segments of @p fd from @p from on, as SEEK_DATA/SEEK_HOLE see them: [data, hole).
    /// False when the filesystem cannot tell (then everything is data).
    static bool nextSegment(int fd, qint64 from, qint64 *data, qint64 *hole, bool *none)
    {
        *none = false;
        const off_t d = ::lseek(fd, from, SEEK_DATA);
        if (d < 0) {
            if (errno == ENXIO) {
                *none = true; // only a hole (or nothing) up to the end of the file
                return true;
            }
            return false;
        }
        const off_t h = ::lseek(fd, d, SEEK_HOLE);
        if (h < 0) {
            return false;
        }
        *data = d;
        *hole = h;
        return true;
    }

    /// Reserves space for the data of @p in (not its holes) in @p out without changing its size:
    /// a full disk fails here, before a long copy, and a copy that ends short is never padded.
    static int reserveData(int in, int out)
    {
        qint64 from = 0;
        for (;;) {
            qint64 data = 0;
            qint64 hole = 0;
            bool none = false;
            if (!nextSegment(in, from, &data, &hole, &none) || none || hole <= data) {
                return 0;
            }
            if (::fallocate(out, FALLOC_FL_KEEP_SIZE, data, hole - data) != 0) {
                return errno == EOPNOTSUPP || errno == ENOSYS || errno == EINVAL ? 0 : errno;
            }
            from = hole;
        }
    }

    /// Copies the data of @p in to @p out up to its end of file - never past it, never to a
    /// size decided before - leaving holes as holes (the caller sets the size). 0 or an errno.
    int copyData(int in, int out, const Bytes &source)
    {
        qint64 pos = 0;
        bool segments = true;
        for (;;) {
            if (cancelled()) {
                return ECANCELED;
            }
            qint64 data = pos;
            qint64 hole = std::numeric_limits<qint64>::max();
            bool none = false;
            if (segments && !nextSegment(in, pos, &data, &hole, &none)) {
                segments = false; // a filesystem without SEEK_DATA: all of it is data
                data = pos;
                hole = std::numeric_limits<qint64>::max();
            }
            if (none) {
                break;
            }
            // A hole is skipped, but it counts as done (and its zeros are data to a hash).
            m_progress.bytesDone += data - pos;
            if (!hashZerosUpTo(data)) {
                return ECANCELED;
            }
            bool atEof = false;
            const int e = copyRange(in, out, data, hole, &pos, &atEof, source);
            if (e) {
                return e;
            }
            if (atEof || !segments) {
                break;
            }
        }
        return 0;
    }

    /// verify: feeds the hash the zeros of a hole skipped, up to offset @p end. False on cancel.
    bool hashZerosUpTo(qint64 end)
    {
        if (!m_sourceHash || m_hashedBytes >= end) {
            return true;
        }
        static const QByteArray zeros(int(bufferSize), '\0');
        while (m_hashedBytes < end) {
            if (cancelled()) {
                return false;
            }
            const qint64 n = std::min<qint64>(end - m_hashedBytes, bufferSize);
            m_sourceHash->addData(QByteArrayView(zeros.constData(), n));
            m_hashedBytes += n;
        }
        return true;
    }

    qint64 chunk() const
    {
        const qint64 limit = m_request.bytesPerSecondLimit;
        return limit > 0 ? std::clamp<qint64>(limit / 20, 4096, copyChunk) : copyChunk;
    }

    /// Sleeps while the bytes copied so far run ahead of the bandwidth limit.
    void throttle()
    {
        const qint64 limit = m_request.bytesPerSecondLimit;
        if (limit <= 0) {
            return;
        }
        for (;;) {
            const qint64 dueMs = m_progress.bytesDone * 1000 / limit;
            const qint64 wait = dueMs - m_clock.elapsed();
            if (wait <= 0 || cancelled()) {
                return;
            }
            QThread::msleep(quint64(std::min<qint64>(wait, 20)));
        }
    }

    void copyXattrs(int in, int out)
    {
        char names[4096];
        const ssize_t len = ::flistxattr(in, names, sizeof names);
        if (len <= 0) {
            return;
        }
        QByteArray value;
        for (ssize_t i = 0; i < len; i += ssize_t(std::strlen(names + i)) + 1) {
            const char *name = names + i;
            const ssize_t size = ::fgetxattr(in, name, nullptr, 0);
            if (size < 0) {
                continue;
            }
            value.resize(size);
            if (::fgetxattr(in, name, value.data(), size_t(size)) == size) {
                // Like shutil._copyxattr, what the target filesystem refuses is left out.
                ::fsetxattr(out, name, value.constData(), size_t(size), 0);
            }
        }
    }

    enum class FileCopy { Done, Failed, Changed, Cancelled };

    /// shutil.copy2 of one regular file through a temporary name. Returns false on cancel.
    /// A source that changes while it is read (size or mtime) is copied again once; if it
    /// changes again no copy is kept and the file is reported. Before, a source truncated
    /// during the copy gave a target padded with zeros to the size it had at open.
    bool copyFile(const Bytes &source, const Target &target, bool follow)
    {
        m_progress.currentPath = decode(source);
        for (int attempt = 1;; ++attempt) {
            switch (copyFileOnce(source, target, follow)) {
            case FileCopy::Done:
            case FileCopy::Failed:
                return true;
            case FileCopy::Cancelled:
                return false;
            case FileCopy::Changed:
                if (attempt < 2) {
                    // A change is not always seen at once: ext4 shows a truncated size before
                    // the new mtime (measured: 9 ms apart for a 100 MiB file cut to 10 MiB), so
                    // a retry started at once met the rest of the same change.
                    for (int i = 0; i < 10 && !cancelled(); ++i) {
                        QThread::msleep(10);
                    }
                    continue;
                }
                ++m_progress.filesDone;
                addError(source, target.path, 0,
                         QCoreApplication::translate("FileWorker",
                                                     "%1 changed while being copied (its size "
                                                     "or modification time): no copy was kept.")
                             .arg(reprOf(source)));
                return true;
            }
        }
    }

    FileCopy copyFileOnce(const Bytes &source, const Target &target, bool follow)
    {
        const int in = ::open(source.constData(), O_RDONLY | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW));
        if (in < 0) {
            addOsError(source, target.path, errno, source);
            ++m_progress.filesDone;
            return FileCopy::Failed;
        }
        struct stat st;
        if (::fstat(in, &st) != 0) {
            addOsError(source, target.path, errno, source);
            ::close(in);
            ++m_progress.filesDone;
            return FileCopy::Failed;
        }
        const Bytes temp = tempNameIn(dirOf(target.path));
        const int out = ::open(temp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (out < 0) {
            addOsError(source, target.path, errno, target.path);
            ::close(in);
            ++m_progress.filesDone;
            return FileCopy::Failed;
        }
        const qint64 before = m_progress.bytesDone;
        std::optional<QCryptographicHash> sourceHash;
        if (m_request.verify) {
            sourceHash.emplace(QCryptographicHash::Blake2b_512);
        }
        m_sourceHash = sourceHash ? &*sourceHash : nullptr;
        m_hashedBytes = 0;
        int e = st.st_size >= bufferSize ? reserveData(in, out) : 0;
        if (!e) {
            e = copyData(in, out, source);
        }
        if (!e && !hashZerosUpTo(st.st_size)) { // a hole at the end
            e = ECANCELED;
        }
        m_sourceHash = nullptr;
        bool changed = false;
        if (!e) {
            struct stat now;
            if (::fstat(in, &now) != 0) {
                e = errno;
            } else {
                changed = now.st_size != st.st_size || now.st_mtim.tv_sec != st.st_mtim.tv_sec
                    || now.st_mtim.tv_nsec != st.st_mtim.tv_nsec;
            }
        }
        if (!e && !changed && ::ftruncate(out, st.st_size) != 0) {
            e = errno; // the size of a trailing hole
        }
        bool mismatch = false;
        QByteArray digest;
        if (!e && !changed && m_request.verify) {
            // The bytes hashed are the ones read: more than the size means it grew meanwhile.
            digest = sourceHash->result();
            changed = m_hashedBytes != st.st_size;
            if (!changed) {
                e = verifyData(in, out, temp, source, target.path, st, digest, &changed,
                               &mismatch);
            }
        }
        if (!e && !changed && !mismatch) {
            if (m_request.copyMetadata) {
                copyXattrs(in, out);
            }
            const struct timespec times[2] = {st.st_atim, st.st_mtim};
            if (::fchmod(out, st.st_mode & 07777) != 0
                || (m_request.copyMetadata && ::futimens(out, times) != 0)) {
                e = errno;
            }
        }
        ::close(in);
        if (e || changed || mismatch) {
            ::close(out);
            ::unlink(temp.constData());
            if (changed) {
                m_progress.bytesDone = before;
                return FileCopy::Changed;
            }
            if (mismatch) {
                ++m_progress.filesDone;
                return FileCopy::Failed;
            }
            m_progress.bytesDone = before + st.st_size;
            ++m_progress.filesDone;
            if (e == ECANCELED) {
                return FileCopy::Cancelled;
            }
            addOsError(source, target.path, e,
                       e == ENOSPC || e == EDQUOT || e == EFBIG ? target.path : source);
            return FileCopy::Failed;
        }
        if (m_request.durable && st.st_size >= bufferSize) {
            // Start the writeback now so the fsync at commit time finds little left to do.
            ::sync_file_range(out, 0, 0, SYNC_FILE_RANGE_WRITE);
        }
        ++m_progress.filesDone;
        ++m_summary.files;
        m_summary.bytes += st.st_size;
        Pending pending{out, temp, target.path, source, target.replace, std::nullopt};
        struct stat written;
        if (!digest.isEmpty() && ::fstat(out, &written) == 0) {
            pending.copied.emplace(
                QPair<quint64, quint64>(written.st_dev, written.st_ino),
                CopiedFile{written.st_size,
                           qint64(written.st_mtim.tv_sec) * 1000000000 + written.st_mtim.tv_nsec,
                           digest});
        }
        queueCommit(std::move(pending), st.st_size);
        tick();
        return FileCopy::Done;
    }

    /// JobRequest::verify: the copy (@p out, written as @p temp) is made durable, dropped from
    /// the page cache and read back from the disk; its BLAKE2b must equal @p sourceDigest, the
    /// source's bytes hashed as they were copied (reading the source again cost a third pass
    /// over the data: a 512 MiB copy read 2 GiB with the journal's fingerprint). 0 or an errno;
    /// @p changed when the source changed meanwhile, @p mismatch (reported here) when the
    /// digests differ.
    int verifyData(int in, int out, const Bytes &temp, const Bytes &source, const Bytes &target,
                   const struct stat &st, const QByteArray &sourceDigest, bool *changed,
                   bool *mismatch)
    {
        if (m_corruptForTest && st.st_size > 0) {
            // Fault injection (STDLAB_TEST_CORRUPT_VERIFIED_COPY, tests only): one byte of the
            // copy flipped, as a bad cable or a failing disk might.
            const off_t at = st.st_size / 2;
            char c = 0;
            if (::pread(in, &c, 1, at) != 1) {
                return EIO;
            }
            c = char(c ^ 0x20);
            if (::pwrite(out, &c, 1, at) != 1) {
                return errno;
            }
        }
        if (::fdatasync(out) != 0) {
            return errno;
        }
        const int back = ::open(temp.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (back < 0) {
            return errno;
        }
        ::posix_fadvise(back, 0, 0, POSIX_FADV_DONTNEED); // read the disk, not the cache
        m_progress.currentPath = decode(target);
        tick();
        QByteArray copyDigest;
        const auto *cancel = m_control ? &m_control->cancelled : nullptr;
        const int e = digestOf(back, QCryptographicHash::Blake2b_512, &copyDigest, cancel);
        ::close(back);
        if (e) {
            return e;
        }
        struct stat now;
        if (::fstat(in, &now) != 0) {
            return errno;
        }
        *changed = now.st_size != st.st_size || now.st_mtim.tv_sec != st.st_mtim.tv_sec
            || now.st_mtim.tv_nsec != st.st_mtim.tv_nsec;
        if (*changed || sourceDigest == copyDigest) {
            m_summary.verified += *changed ? 0 : 1;
            return 0;
        }
        *mismatch = true;
        addError(source, target, 0,
                 QCoreApplication::translate("FileWorker",
                                             "The copy of %1 read back differs from the source "
                                             "(BLAKE2b %2... instead of %3...): no copy was kept.")
                     .arg(reprOf(source), QString::fromLatin1(copyDigest.toHex().left(16)),
                          QString::fromLatin1(sourceDigest.toHex().left(16))),
                 JobErrorKind::Refused);
        return 0;
    }

    void copySymlink(const Bytes &source, const struct stat &st, const Target &target)
    {
        Bytes link(int(st.st_size > 0 ? st.st_size : PATH_MAX) + 1, Qt::Uninitialized);
        const ssize_t n = ::readlink(source.constData(), link.data(), size_t(link.size()));
        ++m_progress.filesDone;
        if (n < 0) {
            addOsError(source, target.path, errno, source);
            return;
        }
        link.truncate(n);
        const Bytes temp = tempNameIn(dirOf(target.path));
        if (::symlink(link.constData(), temp.constData()) != 0) {
            addOsError(source, target.path, errno, link, target.path);
            return;
        }
        const struct timespec times[2] = {st.st_atim, st.st_mtim};
        ::utimensat(AT_FDCWD, temp.constData(), times, AT_SYMLINK_NOFOLLOW);
        const int e = renameIntoPlace(temp, target.path, target.replace);
        if (e) {
            ::unlink(temp.constData());
            addOsError(source, target.path, e, target.path);
            return;
        }
        ++m_summary.files;
        addTarget(target.path);
    }

    /// keepHardLinks: makes @p target another name of @p first, the copy of a file already met
    /// under another name. False when the link cannot be made (then the file is copied).
    bool linkToCopy(const Bytes &source, const struct stat &st, const Bytes &first,
                    const Target &target)
    {
        commitPending(); // the first copy must be in place under its name
        int e = 0;
        if (target.replace) {
            const Bytes temp = tempNameIn(dirOf(target.path));
            e = ::link(first.constData(), temp.constData()) == 0 ? 0 : errno;
            if (!e) {
                e = renameIntoPlace(temp, target.path, true);
                if (e) {
                    ::unlink(temp.constData());
                }
            }
        } else {
            e = ::link(first.constData(), target.path.constData()) == 0 ? 0 : errno;
        }
        if (e == EXDEV || e == ENOENT || e == EPERM || e == EMLINK || e == ENOTSUP) {
            return false;
        }
        ++m_progress.filesDone;
        m_progress.bytesDone += st.st_size;
        if (e) {
            addOsError(source, target.path, e, first, target.path);
            return true;
        }
        ++m_summary.files;
        addTarget(target.path);
        tick();
        return true;
    }

    /// Copies @p source (already stat'ed) to @p target (already resolved). False on cancel.
    bool copyEntry(const Bytes &source, const struct stat &st, const Target &target,
                   std::vector<Inode> &ancestors, bool top)
    {
        const bool follow = m_request.followSymlinks;
        if (S_ISDIR(st.st_mode)) {
            return copyDirectory(source, st, target, ancestors, top);
        }
        if (S_ISREG(st.st_mode)) {
            if (!m_request.keepHardLinks || st.st_nlink < 2) {
                return copyFile(source, target, follow || top);
            }
            const Inode id{st.st_dev, st.st_ino};
            const auto linked = m_linkTargets.find(id);
            if (linked != m_linkTargets.end() && linkToCopy(source, st, linked->second, target)) {
                return true;
            }
            const qsizetype errorsBefore = errorCount();
            const bool goOn = copyFile(source, target, follow || top);
            if (errorCount() == errorsBefore && linked == m_linkTargets.end()) {
                m_linkTargets.emplace(id, target.path);
            }
            return goOn;
        }
        if (S_ISLNK(st.st_mode)) {
            copySymlink(source, st, target);
            return true;
        }
        ++m_progress.filesDone;
        // shutil.copyfile refuses named pipes (SpecialFileError); sockets and devices too.
        const QString what = S_ISFIFO(st.st_mode) ? QStringLiteral("is a named pipe")
            : S_ISSOCK(st.st_mode)                  ? QStringLiteral("is a socket")
                                                    : QStringLiteral("is a device");
        addError(source, target.path, 0,
                 QLatin1Char('`') + decode(source) + QLatin1String("` ") + what,
                 JobErrorKind::SpecialFile);
        return true;
    }

    bool copyDirectory(const Bytes &source, const struct stat &st, const Target &target,
                       std::vector<Inode> &ancestors, bool top)
    {
        const Inode self{st.st_dev, st.st_ino};
        if (std::find(ancestors.begin(), ancestors.end(), self) != ancestors.end()) {
            addOsError(source, target.path, ELOOP, source);
            return true;
        }
        if (top) {
            // Where the target leads once its existing part is resolved (symlinks, "..", "./",
            // a missing parent): a lexical check let "a -> a/new/sub" write 1,023 nested
            // folders into the source before ENAMETOOLONG stopped it.
            if (isInsideResolved(resolvedPath(target.path), resolvedPath(source))) {
                addError(source, target.path, EINVAL,
                         QStringLiteral("Cannot copy a directory %1 into itself %2.")
                             .arg(reprOf(source), reprOf(target.path)));
                return true;
            }
        }
        const bool merge = target.replace;
        if (!merge) {
            // Owner-writable while filling it; the source's mode and times come at the end.
            int made = ::mkdir(target.path.constData(), 0700);
            if (made != 0 && errno == ENOENT && top) {
                // copytree makes the missing parents of its destination (os.makedirs).
                makeDirs(dirOf(target.path));
                made = ::mkdir(target.path.constData(), 0700);
            }
            if (made != 0) {
                addOsError(source, target.path, errno, target.path);
                markDone(source, st, m_request.followSymlinks);
                return true;
            }
            m_swept.insert(target.path); // new: no stale part files to look for
        } else {
            struct stat existing;
            if (::stat(target.path.constData(), &existing) == 0
                && (existing.st_mode & S_IRWXU) != S_IRWXU) {
                ::chmod(target.path.constData(), existing.st_mode | S_IRWXU);
            }
        }
        ++m_summary.directories;
        m_dirMeta.push_back({target.path, st});
        DIR *dir = ::opendir(source.constData());
        if (!dir) {
            addOsError(source, target.path, errno, source);
            return true;
        }
        ancestors.push_back(self);
        const int dfd = ::dirfd(dir);
        bool goOn = true;
        for (;;) {
            errno = 0;
            const dirent *entry = ::readdir(dir);
            if (!entry) {
                if (errno) {
                    addOsError(source, target.path, errno, source);
                }
                break;
            }
            if (isDotOrDotDot(entry->d_name)) {
                continue;
            }
            if (cancelled()) {
                goOn = false;
                break;
            }
            const Bytes childSource = joinPath(source, entry->d_name);
            const Bytes childTarget = joinPath(target.path, entry->d_name);
            struct stat child;
            if (::fstatat(dfd, entry->d_name, &child, AT_SYMLINK_NOFOLLOW) != 0) {
                addOsError(childSource, childTarget, errno, childSource);
                continue;
            }
            if (m_request.followSymlinks && S_ISLNK(child.st_mode)) {
                struct stat pointed;
                if (::fstatat(dfd, entry->d_name, &pointed, 0) != 0) {
                    // A dangling link: copytree(symlinks=False) raises for it; we report it.
                    addOsError(childSource, childTarget, errno, childSource);
                    ++m_progress.filesDone;
                    continue;
                }
                child = pointed;
            }
            Target childTargetResolved;
            childTargetResolved.path = childTarget;
            if (merge) {
                // Only a merged directory can hold existing names.
                childTargetResolved = resolveTarget(childSource, child, childTarget);
                if (childTargetResolved.decision == Decision::Cancel) {
                    goOn = false;
                    break;
                }
                if (childTargetResolved.decision == Decision::Skip) {
                    ++m_summary.skipped;
                    markDone(childSource, child, m_request.followSymlinks);
                    continue;
                }
                if (childTargetResolved.decision == Decision::Failed) {
                    markDone(childSource, child, m_request.followSymlinks);
                    continue;
                }
            }
            if (!copyEntry(childSource, child, childTargetResolved, ancestors, false)) {
                goOn = false;
                break;
            }
        }
        ancestors.pop_back();
        ::closedir(dir);
        return goOn;
    }

    void applyDirectoryMetadata()
    {
        // Deepest first: setting a parent's times before its children are done would be undone.
        for (auto it = m_dirMeta.rbegin(); it != m_dirMeta.rend(); ++it) {
            const struct timespec times[2] = {it->st.st_atim, it->st.st_mtim};
            ::chmod(it->path.constData(), it->st.st_mode & 07777);
            ::utimensat(AT_FDCWD, it->path.constData(), times, 0);
        }
        m_dirMeta.clear();
    }

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
    bool copyTopItem(const Bytes &source, const Bytes &target)
    {
        struct stat st;
        const bool follow = m_request.followSymlinks;
        if (!statItem(source, st, follow, target)) {
            return true;
        }
        const Target t = resolveTarget(source, st, target);
        if (t.decision != Decision::Proceed) {
            return settleTopItem(t, [&] { markDone(source, st, follow); });
        }
        std::vector<Inode> ancestors;
        return copyEntry(source, st, t, ancestors, true);
    }

    void runCopy()
    {
        scanAll(m_request.followSymlinks);
        for (const JobItem &item : m_request.items) {
            if (cancelled()) {
                break;
            }
            if (!isChosenItem(item)) {
                continue;
            }
            if (!copyTopItem(fsEncode(item.source), fsEncode(item.target))) {
                break;
            }
        }
    }

    // --- moving -------------------------------------------------------------------------------
    /// Compares the copy with its source: same entries, types, sizes and link targets.
    bool verifyCopy(const Bytes &source, const Bytes &target, QString *why)
    {
        struct stat a, b;
        if (::lstat(source.constData(), &a) != 0 || ::lstat(target.constData(), &b) != 0) {
            *why = decode(target);
            return false;
        }
        if ((a.st_mode & S_IFMT) != (b.st_mode & S_IFMT)
            || (S_ISREG(a.st_mode) && a.st_size != b.st_size)) {
            *why = decode(target);
            return false;
        }
        if (S_ISLNK(a.st_mode)) {
            char la[PATH_MAX], lb[PATH_MAX];
            const ssize_t na = ::readlink(source.constData(), la, sizeof la);
            const ssize_t nb = ::readlink(target.constData(), lb, sizeof lb);
            if (na != nb || na < 0 || std::memcmp(la, lb, size_t(na)) != 0) {
                *why = decode(target);
                return false;
            }
        }
        if (!S_ISDIR(a.st_mode)) {
            return true;
        }
        DIR *dir = ::opendir(source.constData());
        if (!dir) {
            *why = decode(source);
            return false;
        }
        bool ok = true;
        while (const dirent *entry = ::readdir(dir)) {
            if (isDotOrDotDot(entry->d_name)) {
                continue;
            }
            if (!verifyCopy(joinPath(source, entry->d_name), joinPath(target, entry->d_name), why)) {
                ok = false;
                break;
            }
        }
        ::closedir(dir);
        return ok;
    }

    /// Moves one item; returns false when the job must stop.
    bool moveItem(const Bytes &source, const Bytes &target)
    {
        struct stat st;
        if (!statItem(source, st, false, target)) {
            return true;
        }
        if (S_ISDIR(st.st_mode) && isInsideResolved(resolvedPath(target), resolvedPath(source))) {
            addError(source, target, EINVAL,
                     QStringLiteral("Cannot move a directory %1 into itself %2.")
                         .arg(reprOf(source), reprOf(target)));
            return true;
        }
        const Target t = resolveTarget(source, st, target);
        if (t.decision != Decision::Proceed) {
            return settleTopItem(t, [this] { ++m_progress.filesDone; });
        }
        m_progress.currentPath = decode(source);
        if (S_ISDIR(st.st_mode) && t.replace) {
            return mergeDirectory(source, t.path);
        }
        const int e = renameIntoPlace(source, t.path, t.replace);
        if (e == 0) {
            ++m_progress.filesDone;
            if (S_ISDIR(st.st_mode)) {
                ++m_summary.directories;
            } else {
                ++m_summary.files;
                m_summary.bytes += st.st_size;
            }
            addTarget(t.path);
            tick();
            return true;
        }
        if (e != EXDEV) {
            addOsError(source, t.path, e, source, t.path);
            ++m_progress.filesDone;
            return true;
        }
        return moveAcrossDevices(source, st, t);
    }

    bool mergeDirectory(const Bytes &source, const Bytes &target)
    {
        DIR *dir = ::opendir(source.constData());
        if (!dir) {
            addOsError(source, target, errno, source);
            return true;
        }
        std::vector<Bytes> names;
        while (const dirent *entry = ::readdir(dir)) {
            if (!isDotOrDotDot(entry->d_name)) {
                names.emplace_back(entry->d_name);
            }
        }
        ::closedir(dir);
        for (const Bytes &name : names) {
            if (cancelled()) {
                return false;
            }
            if (!moveItem(joinPath(source, name.constData()), joinPath(target, name.constData()))) {
                return false;
            }
        }
        // What was skipped or failed stays; the directory goes only when empty.
        ::rmdir(source.constData());
        return true;
    }

    bool moveAcrossDevices(const Bytes &source, const struct stat &st, const Target &target)
    {
        Counts c;
        std::vector<Inode> ancestors;
        scan(source, st, false, c, true, ancestors);
        --m_progress.filesTotal; // the item was counted once already
        const qsizetype errorsBefore = errorCount();
        std::vector<Inode> copyAncestors;
        const bool goOn = copyEntry(source, st, target, copyAncestors, true);
        // The copy must be on disk (fsync'd and renamed) before the source may go.
        commitPending();
        applyDirectoryMetadata();
        if (!goOn || cancelled()) {
            return false;
        }
        if (errorCount() != errorsBefore) {
            addError(source, target.path, 0,
                     QCoreApplication::translate("FileWorker",
                                                 "The copy of %1 is incomplete: the source was "
                                                 "kept.")
                         .arg(decode(source)));
            return true;
        }
        QString why;
        if (!verifyCopy(source, target.path, &why)) {
            addError(source, target.path, 0,
                     QCoreApplication::translate("FileWorker",
                                                 "The copy differs from the source at %1: the "
                                                 "source was kept.")
                         .arg(why));
            return true;
        }
        if (S_ISDIR(st.st_mode)) {
            removeTree(source, false);
        } else if (::unlink(source.constData()) != 0) {
            addOsError(source, target.path, errno, source);
        }
        return true;
    }

    void runMove()
    {
        m_progress.filesTotal = m_request.items.size();
        for (const JobItem &item : m_request.items) {
            if (cancelled()) {
                break;
            }
            if (!isChosenItem(item)) {
                ++m_progress.filesDone;
                continue;
            }
            if (!moveItem(fsEncode(item.source), fsEncode(item.target))) {
                break;
            }
        }
    }

    // --- deleting -----------------------------------------------------------------------------
    /// shutil.rmtree's fd-based walk: never follows links, reports each failure, goes on.
    void removeAt(int parentFd, const Bytes &name, const Bytes &path, bool count)
    {
        const int fd = ::openat(parentFd, name.constData(),
                                O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) {
            addOsError(path, Bytes(), errno, path);
            return;
        }
        DIR *dir = ::fdopendir(fd);
        if (!dir) {
            addOsError(path, Bytes(), errno, path);
            ::close(fd);
            return;
        }
        std::vector<std::pair<Bytes, bool>> entries;
        while (const dirent *entry = ::readdir(dir)) {
            if (isDotOrDotDot(entry->d_name)) {
                continue;
            }
            bool isDir = entry->d_type == DT_DIR;
            if (entry->d_type == DT_UNKNOWN) {
                struct stat st;
                isDir = ::fstatat(fd, entry->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0
                    && S_ISDIR(st.st_mode);
            }
            entries.emplace_back(Bytes(entry->d_name), isDir);
        }
        for (const auto &[child, isDir] : entries) {
            if (cancelled()) {
                break;
            }
            const Bytes childPath = joinPath(path, child.constData());
            if (isDir) {
                removeAt(fd, child, childPath, count);
                continue;
            }
            struct stat st;
            const qint64 size = ::fstatat(fd, child.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0
                ? st.st_size
                : 0;
            if (::unlinkat(fd, child.constData(), 0) != 0) {
                addOsError(childPath, Bytes(), errno, childPath);
            } else {
                ++m_summary.files;
                m_summary.bytes += size;
            }
            if (count) {
                ++m_progress.filesDone;
                m_progress.bytesDone += size;
            }
            tick(childPath);
        }
        ::closedir(dir);
        if (cancelled()) {
            return;
        }
        if (::unlinkat(parentFd, name.constData(), AT_REMOVEDIR) != 0) {
            addOsError(path, Bytes(), errno, path);
        } else {
            ++m_summary.directories;
        }
    }

    void removeTree(const Bytes &path, bool count)
    {
        const Bytes parent = dirOf(path);
        const int parentFd = ::open(parent.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (parentFd < 0) {
            addOsError(path, Bytes(), errno, parent);
            return;
        }
        removeAt(parentFd, baseOf(path), path, count);
        ::close(parentFd);
    }

    void runDelete()
    {
        scanAll(false);
        for (const JobItem &item : m_request.items) {
            if (cancelled()) {
                break;
            }
            const Bytes path = fsEncode(item.source);
            struct stat st;
            if (!isChosenItem(item) || !statItem(path, st, false)) {
                continue;
            }
            m_progress.currentPath = item.source;
            if (S_ISDIR(st.st_mode)) {
                removeTree(path, true);
                continue;
            }
            if (::unlink(path.constData()) != 0) {
                addOsError(path, Bytes(), errno, path);
            } else {
                ++m_summary.files;
                m_summary.bytes += st.st_size;
            }
            ++m_progress.filesDone;
            m_progress.bytesDone += S_ISREG(st.st_mode) ? st.st_size : 0;
            tick();
        }
    }

    void runTrash()
    {
        m_progress.filesTotal = m_request.items.size();
        for (const JobItem &item : m_request.items) {
            if (cancelled()) {
                break;
            }
            m_progress.currentPath = item.source;
            if (!isChosenItem(item)) {
                ++m_progress.filesDone;
                continue;
            }
            const trash::TrashResult r = trash::moveToTrash(item.source);
            ++m_progress.filesDone;
            if (r.ok) {
                ++m_summary.files;
                addTarget(fsEncode(r.trashedPath));
            } else if (r.unavailable) {
                m_summary.trashUnavailable.append(item.source);
            } else {
                addError(fsEncode(item.source), Bytes(), r.errnum, r.message);
            }
            tick();
        }
    }

    void runDiskUsage()
    {
        m_progress.scanning = true;
        QSet<Inode> seen;
        for (const JobItem &item : m_request.items) {
            const Bytes path = fsEncode(item.source);
            struct stat st;
            if (!isChosenItem(item) || !statItem(path, st, false)) {
                continue;
            }
            Counts c;
            std::vector<Inode> ancestors;
            scan(path, st, false, c, true, ancestors, &seen);
            m_summary.files += c.files;
            m_summary.directories += c.dirs;
            m_summary.bytes += c.bytes;
            if (cancelled()) {
                break;
            }
        }
        m_progress.scanning = false;
        m_progress.filesDone = m_progress.filesTotal;
        m_progress.bytesDone = m_progress.bytesTotal;
    }

    JobRequest m_request;
    JobControl *m_control = nullptr;
    FileWorker *m_worker = nullptr;
    JobSummary m_summary;
    JobProgress m_progress;
    QElapsedTimer m_clock;
    qint64 m_lastEmit = -progressIntervalMs;
    std::deque<std::pair<qint64, qint64>> m_samples;
    std::optional<ConflictResolution> m_rememberedAnswer;
    std::vector<Pending> m_pending;
    qint64 m_pendingBytes = 0;
    QMutex m_summaryMutex;
    QMutex m_commitMutex;
    QWaitCondition m_commitWake;
    QWaitCondition m_commitDone;
    std::deque<std::vector<Pending>> m_commitQueue;
    bool m_committing = false;
    bool m_commitStop = false;
    std::atomic<qint64> m_commitFailures{0};
    std::unique_ptr<QThread> m_committer;
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

} // namespace
} // namespace stdlab::files

namespace stdlab::files {

FileWorker::FileWorker(const JobRequest &request, std::shared_ptr<JobControl> control)
    : m_request(request), m_control(std::move(control))
{
}

FileWorker::~FileWorker() = default;

void FileWorker::run()
{
    JobRunner runner(m_request, m_control.get(), this);
    const JobSummary summary = runner.run();
    Q_EMIT finished(summary);
}

JobSummary runJob(const JobRequest &request)
{
    JobRunner runner(request, nullptr, nullptr);
    return runner.run();
}

void testing::setChunkHook(ChunkHook hook)
{
    s_chunkHook = std::move(hook);
}

} // namespace stdlab::files

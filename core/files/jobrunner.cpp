// JobRunner's common parts: the run, errors, conflicts and what a target resolves to,
// scanning, part files.

#include "jobrunner.h"

#include "undojournal.h"

#include "checksum.h"
#include "fsresult.h"
#include "os.h"
#include "posixpath.h"
#include "trash.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QThread>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <limits>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace stdlab::files::jobs {

JobRunner::JobRunner(const JobRequest &request, JobControl *control, FileWorker *worker,
                     ProgressMeter::Report report)
    : m_request(request)
    , m_control(control)
    , m_worker(worker)
    , m_meter(worker ? ProgressMeter::Report(
                  [worker](const JobProgress &p) { Q_EMIT worker->progressChanged(p); })
                     : std::move(report))
    , m_progress(m_meter.progress())
    , m_commits(request.durable, [this](const PendingFile &p, int errnum) {
        if (errnum) {
            addOsError(p.source, p.target, errnum, errnum == EEXIST ? p.target : p.source);
            ++m_commitFailures;
        } else {
            addTarget(p.target, p.copied ? &*p.copied : nullptr);
        }
    })
{
    m_summary.kind = request.kind;
    // The pid comes first, in decimal: a part file whose process is gone is stale.
    m_token = QByteArray::number(::getpid()) + '-'
        + QByteArray::number(QRandomGenerator::global()->generate(), 16);
}

JobRunner::~JobRunner() { m_commits.stop(); }

JobSummary JobRunner::run()
{
    m_meter.start();
    runKind();
    m_commits.flush();
    m_commits.stop();
    applyDirectoryMetadata();
    m_summary.files -= m_commitFailures;
    m_summary.cancelled = cancelled();
    m_summary.elapsedMs = m_meter.elapsedMs();
    m_progress.scanning = false;
    m_progress.currentPath.clear();
    m_meter.report();
    return m_summary;
}

void JobRunner::runKind()
{
    if (m_request.dryRun) {
        // Never a change: Copy and Move are planned; anything else is only counted.
        if (m_request.kind == JobKind::Copy || m_request.kind == JobKind::Move) {
            return runPlan();
        }
        return runDiskUsage();
    }
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
    case JobKind::Undo:
    case JobKind::Redo:
        return runJournal();
    }
}

void JobRunner::runJournal()
{
    UndoControl control;
    control.job = m_control;
    control.progress = [this](const JobProgress &p) {
        // One copy back at a time: its counts are the job's.
        m_progress.scanning = p.scanning;
        m_progress.filesDone = p.filesDone;
        m_progress.filesTotal = p.filesTotal;
        m_progress.bytesDone = p.bytesDone;
        m_progress.bytesTotal = p.bytesTotal;
        m_progress.currentPath = p.currentPath;
        m_meter.tick();
    };
    UndoJournal journal(m_request.journalFile);
    const UndoResult r = m_request.kind == JobKind::Redo
        ? journal.redo(m_request.journalId, control)
        : journal.undo(m_request.journalId, control);
    m_summary.journalId = r.entry.id;
    m_summary.journalTitle = r.entry.title;
    if (!r.ok) {
        addError(Bytes(), Bytes(), 0, r.message, JobErrorKind::Refused);
    } else if (!r.message.isEmpty()) {
        addError(Bytes(), Bytes(), 0, r.message, JobErrorKind::Refused); // done, journal not saved
    }
}

void JobRunner::addError(const Bytes &source, const Bytes &target, int errnum,
                         const QString &message, std::optional<JobErrorKind> kind)
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

qsizetype JobRunner::errorCount()
{
    QMutexLocker locker(&m_summaryMutex);
    return m_summary.errors.size();
}

void JobRunner::addTarget(const Bytes &target,
                          const std::pair<QPair<quint64, quint64>, CopiedFile> *copied)
{
    QMutexLocker locker(&m_summaryMutex);
    m_summary.targets.append(decode(target));
    if (copied && m_summary.copied.size() < JobSummary::maxCopiedFiles) {
        m_summary.copied.insert(copied->first, copied->second);
    }
}

void JobRunner::addOsError(const Bytes &source, const Bytes &target, int errnum, const Bytes &path,
                           const Bytes &path2)
{
    addError(source, target, errnum,
             osErrorMessage(errnum, decode(path), path2.isNull() ? QString() : decode(path2)));
}

std::optional<ConflictResolution> JobRunner::askUser(const ConflictInfo &info)
{
    if (!m_worker || !m_control) {
        return ConflictResolution{ConflictAction::Skip, false, QString()};
    }
    {
        QMutexLocker locker(&m_control->mutex);
        m_control->answer.reset();
        m_control->waiting = true;
    }
    m_meter.report();
    Q_EMIT m_worker->conflictDetected(info);
    QMutexLocker locker(&m_control->mutex);
    while (!m_control->answer && !m_control->cancelled) {
        m_control->answered.wait(&m_control->mutex);
    }
    m_control->waiting = false;
    m_meter.restartSpeed();
    if (!m_control->answer) {
        return std::nullopt; // cancelled
    }
    // Copied out field by field: GCC 12 at -O2 took the optional's copy for uninitialized.
    ConflictResolution answer;
    answer.action = m_control->answer->action;
    answer.applyToAll = m_control->answer->applyToAll;
    answer.newName = m_control->answer->newName;
    m_control->answer.reset();
    return answer;
}

Target JobRunner::resolveTarget(const Bytes &source, const struct stat &st, const Bytes &target)
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
            if (m_request.dryRun) {
                m_askedInDryRun = true;
                r.action = ConflictAction::Skip;
                break;
            }
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
                 QStringLiteral("%1 and %2 are the same file").arg(reprOf(source), reprOf(target)),
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

bool JobRunner::renameCrossesDevices(const struct stat &st, const Bytes &target)
{
    struct stat folder;
    return ::stat(dirOf(target).constData(), &folder) == 0 && folder.st_dev != st.st_dev;
}

JobRunner::Through JobRunner::throughLink(const Bytes &source, const struct stat &st,
                                          const Bytes &link, Target *t, struct stat *existing)
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
                : S_ISDIR(parent.st_mode)                               ? 0
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
                addError(
                    source, link, 0,
                    QStringLiteral("%1 and %2 are the same file").arg(reprOf(source), reprOf(link)),
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

bool JobRunner::isChosenItem(const JobItem &item)
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

Bytes JobRunner::uniqueName(const Bytes &target, bool isDir)
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

void JobRunner::scan(const Bytes &path, const struct stat &st, bool follow, Counts &counts,
                     bool live, std::vector<Inode> &ancestors, QSet<Inode> *seenHardLinks)
{
    if (!S_ISDIR(st.st_mode)) {
        if (seenHardLinks && st.st_nlink > 1) {
            const Inode id { st.st_dev, st.st_ino };
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
    const Inode self { st.st_dev, st.st_ino };
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
        scan(joinPath(path, entry->d_name), child, follow, counts, live, ancestors, seenHardLinks);
        if (live) {
            m_meter.tick(path);
        }
    }
    ancestors.pop_back();
    ::closedir(dir);
}

bool JobRunner::statItem(const Bytes &source, struct stat &st, bool follow, const Bytes &target)
{
    if ((follow ? ::stat(source.constData(), &st) : ::lstat(source.constData(), &st)) != 0) {
        addOsError(source, target, errno, source);
        return false;
    }
    return true;
}

void JobRunner::scanAll(bool follow)
{
    m_progress.scanning = true;
    for (const JobItem &item : m_request.items) {
        const Bytes source = fsEncode(item.source);
        struct stat st;
        if ((follow ? ::stat(source.constData(), &st) : ::lstat(source.constData(), &st)) == 0) {
            Counts c;
            std::vector<Inode> ancestors;
            scan(source, st, follow, c, true, ancestors);
        }
        if (cancelled()) {
            break;
        }
    }
    m_progress.scanning = false;
    m_meter.report();
}

void JobRunner::markDone(const Bytes &path, const struct stat &st, bool follow)
{
    Counts c;
    std::vector<Inode> ancestors;
    scan(path, st, follow, c, false, ancestors);
    m_progress.filesDone += c.files;
    m_progress.bytesDone += c.bytes;
}

Bytes JobRunner::tempNameIn(const Bytes &dir)
{
    if (!m_swept.contains(dir)) {
        m_swept.insert(dir);
        sweepStaleParts(dir);
    }
    const QByteArray name
        = ".stdlab-" + m_token + '-' + QByteArray::number(++m_tempCounter) + ".part";
    return joinPath(dir, name.constData());
}

void JobRunner::sweepStaleParts(const Bytes &dir)
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

} // namespace stdlab::files::jobs

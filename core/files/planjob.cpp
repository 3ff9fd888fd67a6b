// Dry runs (JobRequest::dryRun): what a copy, copytree or move would do, found by walking the
// sources and the targets with the job's own decisions (resolveTarget), changing nothing.

#include "jobrunner.h"

#include "fsresult.h"

#include <QCoreApplication>

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace stdlab::files::jobs {

void JobRunner::runPlan()
{
    JobPlan &plan = m_summary.plan;
    m_progress.scanning = true;
    m_meter.report();
    for (const JobItem &item : m_request.items) {
        if (cancelled()) {
            break;
        }
        if (plan.freeBytes < 0 && !item.target.isEmpty()) {
            struct statvfs vfs;
            if (::statvfs(dirOf(fsEncode(item.target)).constData(), &vfs) == 0) {
                plan.freeBytes = qint64(vfs.f_bavail) * qint64(vfs.f_frsize);
            }
        }
        if (!isChosenItem(item)) {
            continue;
        }
        const Bytes source = fsEncode(item.source);
        const Bytes target = fsEncode(item.target);
        if (m_request.kind == JobKind::Move) {
            planMoveItem(source, target);
        } else if (m_request.kind == JobKind::Copy) {
            planCopyTopItem(source, target);
        }
    }
    m_progress.scanning = false;
    m_progress.filesTotal = m_progress.filesDone;
    m_progress.bytesTotal = m_progress.bytesDone;
}

Target JobRunner::planTarget(const Bytes &source, const struct stat &st, const Bytes &target)
{
    struct stat existing;
    const bool existed = ::lstat(target.constData(), &existing) == 0;
    const qsizetype errorsBefore = errorCount();
    m_askedInDryRun = false;
    const Target t = resolveTarget(source, st, target);
    if (!existed) {
        return t;
    }
    PlannedConflict c;
    c.source = decode(source);
    c.target = decode(target);
    c.sourceIsDir = S_ISDIR(st.st_mode);
    c.targetIsDir = S_ISDIR(existing.st_mode);
    c.targetSize = S_ISREG(existing.st_mode) ? existing.st_size : 0;
    switch (t.decision) {
    case Decision::Failed:
    case Decision::Cancel:
        c.outcome = PlannedConflict::Outcome::Refuse;
        if (errorCount() > errorsBefore) {
            QMutexLocker locker(&m_summaryMutex);
            c.why = m_summary.errors.last().message;
        }
        break;
    case Decision::Skip:
        c.outcome = m_askedInDryRun ? PlannedConflict::Outcome::Ask
                                    : PlannedConflict::Outcome::Skip;
        break;
    case Decision::Proceed:
        if (t.path != target && !S_ISLNK(existing.st_mode)) {
            c.outcome = PlannedConflict::Outcome::Rename;
            c.writtenTo = decode(t.path);
        } else if (t.path != target) {
            // A symlink written through (copy2 opens it): what it names gets the data.
            c.outcome = PlannedConflict::Outcome::ThroughLink;
            c.writtenTo = decode(t.path);
            m_summary.plan.replacedFiles += t.replace ? 1 : 0;
        } else if (t.replace && c.sourceIsDir) {
            c.outcome = PlannedConflict::Outcome::Merge;
            ++m_summary.plan.mergedFolders;
        } else {
            c.outcome = PlannedConflict::Outcome::Replace;
            ++m_summary.plan.replacedFiles;
        }
        break;
    }
    JobPlan &plan = m_summary.plan;
    ++plan.conflictCount;
    if (plan.conflicts.size() < JobPlan::maxListed) {
        plan.conflicts.append(c);
    }
    return t;
}

void JobRunner::planCopyTopItem(const Bytes &source, const Bytes &target)
{
    struct stat st;
    const bool follow = m_request.followSymlinks;
    if (!statItem(source, st, follow, target)) {
        return;
    }
    if (m_request.kind == JobKind::Copy && !S_ISDIR(st.st_mode)) {
        // A file is written beside its target: the folder must be there (copytree makes a
        // folder's missing parents, copy does not).
        struct stat folder;
        const Bytes dir = dirOf(target);
        if (::stat(dir.constData(), &folder) != 0) {
            addOsError(source, target, errno, target);
            return;
        }
        if (!S_ISDIR(folder.st_mode)) {
            addOsError(source, target, ENOTDIR, target);
            return;
        }
    }
    noteFilesystems(st, target);
    const Target t = planTarget(source, st, target);
    if (t.decision != Decision::Proceed) {
        return;
    }
    std::vector<Inode> ancestors;
    planCopyEntry(source, st, t, ancestors, true);
}

void JobRunner::noteFilesystems(const struct stat &st, const Bytes &target)
{
    // The nearest folder that exists on the target's way (copytree may make the rest).
    Bytes dir = dirOf(target);
    struct stat folder;
    while (::stat(dir.constData(), &folder) != 0 && dir != dirOf(dir)) {
        dir = dirOf(dir);
    }
    if (::stat(dir.constData(), &folder) == 0 && folder.st_dev != st.st_dev) {
        m_summary.plan.acrossFilesystems = true;
    }
}

bool JobRunner::planCopyEntry(const Bytes &source, const struct stat &st, const Target &target,
                              std::vector<Inode> &ancestors, bool top)
{
    if (cancelled()) {
        return false;
    }
    JobPlan &plan = m_summary.plan;
    if (S_ISDIR(st.st_mode)) {
        const Inode self{st.st_dev, st.st_ino};
        if (std::find(ancestors.begin(), ancestors.end(), self) != ancestors.end()) {
            addOsError(source, target.path, ELOOP, source);
            return true;
        }
        if (top && isInsideResolved(resolvedPath(target.path), resolvedPath(source))) {
            addError(source, target.path, EINVAL,
                     QStringLiteral("Cannot copy a directory %1 into itself %2.")
                         .arg(reprOf(source), reprOf(target.path)));
            return true;
        }
        ++plan.directories;
        DIR *dir = ::opendir(source.constData());
        if (!dir) {
            addOsError(source, target.path, errno, source);
            return true;
        }
        ancestors.push_back(self);
        const int dfd = ::dirfd(dir);
        bool goOn = true;
        while (const dirent *entry = ::readdir(dir)) {
            if (isDotOrDotDot(entry->d_name)) {
                continue;
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
                    addOsError(childSource, childTarget, errno, childSource);
                    continue;
                }
                child = pointed;
            }
            Target childResolved;
            childResolved.path = childTarget;
            if (target.replace) {
                // Only a folder merged into can hold names already.
                childResolved = planTarget(childSource, child, childTarget);
                if (childResolved.decision != Decision::Proceed) {
                    continue;
                }
            }
            if (!planCopyEntry(childSource, child, childResolved, ancestors, false)) {
                goOn = false;
                break;
            }
        }
        ancestors.pop_back();
        ::closedir(dir);
        return goOn;
    }
    ++m_progress.filesDone;
    if (S_ISREG(st.st_mode)) {
        // Opened as the copy opens it (never blocking): unreadable files fail here as there.
        const int fd = ::open(source.constData(), O_RDONLY | O_CLOEXEC | O_NONBLOCK
                                                      | (m_request.followSymlinks || top
                                                             ? 0
                                                             : O_NOFOLLOW));
        if (fd < 0) {
            addOsError(source, target.path, errno, source);
            return true;
        }
        ::close(fd);
        ++plan.files;
        plan.bytes += st.st_size;
        m_progress.bytesDone += st.st_size;
    } else if (S_ISLNK(st.st_mode)) {
        ++plan.files;
        ++plan.links;
    } else {
        const QString what = S_ISFIFO(st.st_mode) ? QStringLiteral("is a named pipe")
            : S_ISSOCK(st.st_mode)                  ? QStringLiteral("is a socket")
                                                    : QStringLiteral("is a device");
        addError(source, target.path, 0,
                 QLatin1Char('`') + decode(source) + QLatin1String("` ") + what,
                 JobErrorKind::SpecialFile);
    }
    m_meter.tick(source);
    return true;
}

void JobRunner::planMoveItem(const Bytes &source, const Bytes &target)
{
    if (cancelled()) {
        return;
    }
    struct stat st;
    if (!statItem(source, st, false, target)) {
        return;
    }
    if (S_ISDIR(st.st_mode) && isInsideResolved(resolvedPath(target), resolvedPath(source))) {
        addError(source, target, EINVAL,
                 QStringLiteral("Cannot move a directory %1 into itself %2.")
                     .arg(reprOf(source), reprOf(target)));
        return;
    }
    noteFilesystems(st, target);
    const Target t = planTarget(source, st, target);
    if (t.decision != Decision::Proceed) {
        return;
    }
    if (S_ISDIR(st.st_mode) && t.replace) {
        DIR *dir = ::opendir(source.constData());
        if (!dir) {
            addOsError(source, target, errno, source);
            return;
        }
        std::vector<Bytes> names;
        while (const dirent *entry = ::readdir(dir)) {
            if (!isDotOrDotDot(entry->d_name)) {
                names.emplace_back(entry->d_name);
            }
        }
        ::closedir(dir);
        for (const Bytes &name : names) {
            planMoveItem(joinPath(source, name.constData()), joinPath(t.path, name.constData()));
        }
        return;
    }
    JobPlan &plan = m_summary.plan;
    if (!renameCrossesDevices(st, t.path)) {
        // os.rename: at once, whatever the size; nothing is read.
        Counts c;
        std::vector<Inode> ancestors;
        scan(source, st, false, c, false, ancestors);
        ++plan.renames;
        plan.files += c.files;
        plan.directories += c.dirs;
        plan.bytes += c.bytes;
        m_progress.filesDone += c.files;
        m_meter.tick(source);
        return;
    }
    // Another filesystem: copied (every file read), then the source deleted.
    std::vector<Inode> ancestors;
    planCopyEntry(source, st, t, ancestors, true);
}

} // namespace stdlab::files::jobs

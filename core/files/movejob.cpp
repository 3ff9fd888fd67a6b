// Move: shutil.move, a rename on one filesystem, a verified copy then a delete across them.

#include "jobrunner.h"

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

bool JobRunner::verifyCopy(const Bytes &source, const Bytes &target, QString *why)
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

bool JobRunner::moveItem(const Bytes &source, const Bytes &target)
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
        m_meter.tick();
        return true;
    }
    if (e != EXDEV) {
        addOsError(source, t.path, e, source, t.path);
        ++m_progress.filesDone;
        return true;
    }
    return moveAcrossDevices(source, st, t);
}

bool JobRunner::mergeDirectory(const Bytes &source, const Bytes &target)
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

bool JobRunner::moveAcrossDevices(const Bytes &source, const struct stat &st, const Target &target)
{
    Counts c;
    std::vector<Inode> ancestors;
    scan(source, st, false, c, true, ancestors);
    --m_progress.filesTotal; // the item was counted once already
    const qsizetype errorsBefore = errorCount();
    std::vector<Inode> copyAncestors;
    const bool goOn = copyEntry(source, st, target, copyAncestors, true);
    // The copy must be on disk (fsync'd and renamed) before the source may go.
    m_commits.flush();
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

void JobRunner::runMove()
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

} // namespace stdlab::files::jobs

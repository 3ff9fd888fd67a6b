// Delete (shutil.rmtree, os.remove), the trash, and the size of a selection (du).

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

void JobRunner::removeAt(int parentFd, const Bytes &name, const Bytes &path, bool count)
{
    const int fd
        = ::openat(parentFd, name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
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
        const qint64 size
            = ::fstatat(fd, child.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0 ? st.st_size : 0;
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
        m_meter.tick(childPath);
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

void JobRunner::removeTree(const Bytes &path, bool count)
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

void JobRunner::runDelete()
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
        m_meter.tick();
    }
}

void JobRunner::runTrash()
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
        m_meter.tick();
    }
}

void JobRunner::runDiskUsage()
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

} // namespace stdlab::files::jobs

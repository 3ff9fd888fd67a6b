// Copy: shutil.copy2 / copytree through part files (sparse, verified, hard links kept).

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

testing::ChunkHook s_chunkHook;

int JobRunner::copyRange(int in, int out, qint64 from, qint64 to, qint64 *pos, bool *atEof,
                         const Bytes &source)
{
    loff_t offIn = from;
    loff_t offOut = from;
    *atEof = false;
    const auto done = [&](qint64 n) {
        m_progress.bytesDone += n;
        m_meter.throttle(m_request.bytesPerSecondLimit, [this] { return cancelled(); });
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
            m_meter.tick();
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
            = size_t(std::min<qint64>({ qint64(m_buffer.size()), chunk(), to - offIn }));
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
            const ssize_t w = ::pwrite(out, m_buffer.constData() + written, size_t(n - written),
                                       offOut + written);
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
        m_meter.tick();
    }
    *pos = offIn;
    return 0;
}

bool JobRunner::nextSegment(int fd, qint64 from, qint64 *data, qint64 *hole, bool *none)
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

int JobRunner::reserveData(int in, int out)
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

int JobRunner::copyData(int in, int out, const Bytes &source)
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

bool JobRunner::hashZerosUpTo(qint64 end)
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

qint64 JobRunner::chunk() const
{
    const qint64 limit = m_request.bytesPerSecondLimit;
    return limit > 0 ? std::clamp<qint64>(limit / 20, 4096, copyChunk) : copyChunk;
}

void JobRunner::copyXattrs(int in, int out)
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

bool JobRunner::copyFile(const Bytes &source, const Target &target, bool follow)
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

JobRunner::FileCopy JobRunner::copyFileOnce(const Bytes &source, const Target &target, bool follow)
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
            e = verifyData(in, out, temp, source, target.path, st, digest, &changed, &mismatch);
        }
    }
    if (!e && !changed && !mismatch) {
        if (m_request.copyMetadata) {
            copyXattrs(in, out);
        }
        const struct timespec times[2] = { st.st_atim, st.st_mtim };
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
    PendingFile pending { out, temp, target.path, source, target.replace, std::nullopt };
    struct stat written;
    if (!digest.isEmpty() && ::fstat(out, &written) == 0) {
        pending.copied.emplace(
            QPair<quint64, quint64>(written.st_dev, written.st_ino),
            CopiedFile { written.st_size,
                         qint64(written.st_mtim.tv_sec) * 1000000000 + written.st_mtim.tv_nsec,
                         digest });
    }
    m_commits.queue(std::move(pending), st.st_size);
    m_meter.tick();
    return FileCopy::Done;
}

int JobRunner::verifyData(int in, int out, const Bytes &temp, const Bytes &source,
                          const Bytes &target, const struct stat &st,
                          const QByteArray &sourceDigest, bool *changed, bool *mismatch)
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
    m_meter.tick();
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

void JobRunner::copySymlink(const Bytes &source, const struct stat &st, const Target &target)
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
    const struct timespec times[2] = { st.st_atim, st.st_mtim };
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

bool JobRunner::linkToCopy(const Bytes &source, const struct stat &st, const Bytes &first,
                           const Target &target)
{
    m_commits.flush(); // the first copy must be in place under its name
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
    m_meter.tick();
    return true;
}

bool JobRunner::copyEntry(const Bytes &source, const struct stat &st, const Target &target,
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
        const Inode id { st.st_dev, st.st_ino };
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
        : S_ISSOCK(st.st_mode)                ? QStringLiteral("is a socket")
                                              : QStringLiteral("is a device");
    addError(source, target.path, 0, QLatin1Char('`') + decode(source) + QLatin1String("` ") + what,
             JobErrorKind::SpecialFile);
    return true;
}

bool JobRunner::copyDirectory(const Bytes &source, const struct stat &st, const Target &target,
                              std::vector<Inode> &ancestors, bool top)
{
    const Inode self { st.st_dev, st.st_ino };
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
    m_dirMeta.push_back({ target.path, st });
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

void JobRunner::applyDirectoryMetadata()
{
    // Deepest first: setting a parent's times before its children are done would be undone.
    for (auto it = m_dirMeta.rbegin(); it != m_dirMeta.rend(); ++it) {
        const struct timespec times[2] = { it->st.st_atim, it->st.st_mtim };
        ::chmod(it->path.constData(), it->st.st_mode & 07777);
        ::utimensat(AT_FDCWD, it->path.constData(), times, 0);
    }
    m_dirMeta.clear();
}

bool JobRunner::copyTopItem(const Bytes &source, const Bytes &target)
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

void JobRunner::runCopy()
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

} // namespace stdlab::files::jobs

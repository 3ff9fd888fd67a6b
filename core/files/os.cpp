#include "os.h"

#include "fspath.h"
#include "posixpath.h"

#include <QFile>

#include <cerrno>
#include <cstdio>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace stdlab::files {

namespace {

const QString embeddedNull = QStringLiteral("embedded null byte");

bool hasNull(const QString &path)
{
    return path.contains(QChar(0));
}


} // namespace

Os::Os(const QString &workingDirectory) : m_workingDirectory(workingDirectory) { }

QString Os::resolve(const QString &path) const
{
    // An empty path must stay empty so the kernel answers ENOENT as it does for Python.
    if (path.isEmpty() || path.startsWith(QLatin1Char('/')) || m_workingDirectory.isEmpty()) {
        return path;
    }
    if (m_workingDirectory.endsWith(QLatin1Char('/'))) {
        return m_workingDirectory + path;
    }
    return m_workingDirectory + QLatin1Char('/') + path;
}

QByteArray Os::nativePath(const QString &path) const
{
    return fsEncode(resolve(path));
}

bool Os::exists(const QString &path) const
{
    struct stat st;
    return !hasNull(path) && ::stat(nativePath(path).constData(), &st) == 0;
}

bool Os::isfile(const QString &path) const
{
    struct stat st;
    return !hasNull(path) && ::stat(nativePath(path).constData(), &st) == 0
        && S_ISREG(st.st_mode);
}

bool Os::isdir(const QString &path) const
{
    struct stat st;
    return !hasNull(path) && ::stat(nativePath(path).constData(), &st) == 0
        && S_ISDIR(st.st_mode);
}

bool Os::islink(const QString &path) const
{
    struct stat st;
    return !hasNull(path) && ::lstat(nativePath(path).constData(), &st) == 0
        && S_ISLNK(st.st_mode);
}

FsResult Os::mkdir(const QString &path, int mode) const
{
    if (hasNull(path)) {
        return FsResult::failure(QStringLiteral("ValueError"), embeddedNull);
    }
    if (::mkdir(nativePath(path).constData(), mode_t(mode)) != 0) {
        return FsResult::fromErrno(errno, path);
    }
    return FsResult::success();
}

FsResult Os::makedirs(const QString &path, bool existOk, int mode) const
{
    // Lib/os.py makedirs(), step by step.
    auto [head, tail] = posixpath::split(path);
    if (tail.isEmpty()) {
        std::tie(head, tail) = posixpath::split(head);
    }
    if (!head.isEmpty() && !tail.isEmpty() && !exists(head)) {
        const FsResult parent = makedirs(head, existOk, 0777);
        // "except FileExistsError: pass" - e.g. another process made it meanwhile.
        if (!parent.ok && parent.errnum != EEXIST) {
            return parent;
        }
        if (tail == QLatin1String(".")) {
            return FsResult::success();
        }
    }
    const FsResult r = mkdir(path, mode);
    if (!r.ok && (!existOk || !isdir(path))) {
        return r;
    }
    return FsResult::success();
}

FsResult Os::createFile(const QString &path) const
{
    if (hasNull(path)) {
        return FsResult::failure(QStringLiteral("ValueError"), embeddedNull);
    }
    const int fd = ::open(nativePath(path).constData(),
                          O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) {
        return FsResult::fromErrno(errno, path);
    }
    ::close(fd);
    return FsResult::success();
}

ListResult Os::listdir(const QString &path) const
{
    ListResult r;
    if (hasNull(path)) {
        static_cast<FsResult &>(r) = FsResult::failure(QStringLiteral("ValueError"), embeddedNull);
        return r;
    }
    DIR *dir = ::opendir(nativePath(path).constData());
    if (!dir) {
        static_cast<FsResult &>(r) = FsResult::fromErrno(errno, path);
        return r;
    }
    for (;;) {
        errno = 0;
        const dirent *entry = ::readdir(dir);
        if (!entry) {
            if (errno != 0) {
                const int e = errno;
                ::closedir(dir);
                r.names.clear();
                static_cast<FsResult &>(r) = FsResult::fromErrno(e, path);
                return r;
            }
            break;
        }
        const char *name = entry->d_name;
        if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0))) {
            continue;
        }
        r.names.append(fsDecode(name));
    }
    ::closedir(dir);
    return r;
}

FsResult Os::remove(const QString &path) const
{
    if (hasNull(path)) {
        return FsResult::failure(QStringLiteral("ValueError"), embeddedNull);
    }
    if (::unlink(nativePath(path).constData()) != 0) {
        return FsResult::fromErrno(errno, path);
    }
    return FsResult::success();
}

FsResult Os::rmdir(const QString &path) const
{
    if (hasNull(path)) {
        return FsResult::failure(QStringLiteral("ValueError"), embeddedNull);
    }
    if (::rmdir(nativePath(path).constData()) != 0) {
        return FsResult::fromErrno(errno, path);
    }
    return FsResult::success();
}

FsResult Os::removedirs(const QString &path) const
{
    // Lib/os.py removedirs(): only the first rmdir can fail the call.
    const FsResult first = rmdir(path);
    if (!first.ok) {
        return first;
    }
    auto [head, tail] = posixpath::split(path);
    if (tail.isEmpty()) {
        std::tie(head, tail) = posixpath::split(head);
    }
    while (!head.isEmpty() && !tail.isEmpty()) {
        if (!rmdir(head).ok) {
            break;
        }
        std::tie(head, tail) = posixpath::split(head);
    }
    return FsResult::success();
}

FsResult Os::rename(const QString &src, const QString &dst) const
{
    if (hasNull(src) || hasNull(dst)) {
        return FsResult::failure(QStringLiteral("ValueError"), embeddedNull);
    }
    if (::rename(nativePath(src).constData(), nativePath(dst).constData()) != 0) {
        return FsResult::fromErrno(errno, src, dst);
    }
    return FsResult::success();
}

SizeResult Os::getsize(const QString &path) const
{
    SizeResult r;
    if (hasNull(path)) {
        static_cast<FsResult &>(r) = FsResult::failure(QStringLiteral("ValueError"), embeddedNull);
        return r;
    }
    struct stat st;
    if (::stat(nativePath(path).constData(), &st) != 0) {
        static_cast<FsResult &>(r) = FsResult::fromErrno(errno, path);
        return r;
    }
    r.size = st.st_size;
    return r;
}

int renameNoReplace(const QByteArray &from, const QByteArray &to)
{
    if (::renameat2(AT_FDCWD, from.constData(), AT_FDCWD, to.constData(), RENAME_NOREPLACE) == 0) {
        return 0;
    }
    if (errno != EINVAL && errno != ENOSYS) {
        return errno;
    }
    // Filesystems without RENAME_NOREPLACE: link() fails atomically on an existing name.
    if (::link(from.constData(), to.constData()) == 0) {
        ::unlink(from.constData());
        return 0;
    }
    if (errno == EEXIST) {
        return EEXIST;
    }
    struct stat st;
    if (::lstat(to.constData(), &st) == 0) {
        return EEXIST;
    }
    return ::rename(from.constData(), to.constData()) == 0 ? 0 : errno;
}

} // namespace stdlab::files

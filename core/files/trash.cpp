#include "trash.h"

#include "posixpath.h"

#include "fspath.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace stdlab::files::trash {

namespace {

QByteArray encode(const QString &s)
{
    return fsEncode(s);
}

QString decode(const QByteArray &b)
{
    return fsDecode(b);
}

/// The canonical absolute form of @p path's parent directory + its last component.
QByteArray absoluteItemPath(const QByteArray &path)
{
    QByteArray p = path;
    while (p.size() > 1 && p.endsWith('/')) {
        p.chop(1);
    }
    const qsizetype slash = p.lastIndexOf('/');
    const QByteArray parent = slash < 0 ? QByteArray(".") : (slash == 0 ? QByteArray("/") : p.left(slash));
    const QByteArray name = p.mid(slash + 1);
    char resolved[PATH_MAX];
    if (!::realpath(parent.constData(), resolved)) {
        return QByteArray();
    }
    QByteArray abs(resolved);
    if (!abs.endsWith('/')) {
        abs += '/';
    }
    return abs + name;
}

/// The device of the deepest existing directory on the way to @p path.
bool deviceOfNearest(QByteArray path, dev_t *dev)
{
    struct stat st;
    for (;;) {
        if (::stat(path.constData(), &st) == 0) {
            *dev = st.st_dev;
            return true;
        }
        const qsizetype slash = path.lastIndexOf('/');
        if (slash <= 0) {
            if (::stat("/", &st) != 0) {
                return false;
            }
            *dev = st.st_dev;
            return true;
        }
        path.truncate(slash);
    }
}

/// The mount point holding @p absolutePath (a directory on device @p dev).
QByteArray mountPoint(QByteArray dir, dev_t dev)
{
    struct stat st;
    while (dir != "/") {
        const qsizetype slash = dir.lastIndexOf('/');
        const QByteArray parent = slash <= 0 ? QByteArray("/") : dir.left(slash);
        if (::stat(parent.constData(), &st) != 0 || st.st_dev != dev) {
            break;
        }
        dir = parent;
    }
    return dir;
}

bool isReadOnly(const QByteArray &dir)
{
    struct statvfs vfs;
    return ::statvfs(dir.constData(), &vfs) == 0 && (vfs.f_flag & ST_RDONLY);
}

/// A usable per-user trash directory (or creatable, when @p create); spec "Trash directories".
bool checkOwnDirectory(const QByteArray &dir, dev_t dev, bool create)
{
    struct stat st;
    if (::lstat(dir.constData(), &st) != 0) {
        if (errno != ENOENT) {
            return false;
        }
        if (!create) {
            const qsizetype slash = dir.lastIndexOf('/');
            const QByteArray parent = dir.left(slash > 0 ? slash : 1);
            return ::access(parent.constData(), W_OK) == 0 && !isReadOnly(parent);
        }
        if (::mkdir(dir.constData(), 0700) != 0 || ::lstat(dir.constData(), &st) != 0) {
            return false;
        }
    }
    return S_ISDIR(st.st_mode) && st.st_uid == ::getuid() && st.st_dev == dev
        && (create || !isReadOnly(dir));
}

Location locateImpl(const QString &path, bool create, int *errorNumber)
{
    Location loc;
    *errorNumber = 0;
    const QByteArray native = encode(path);
    struct stat item;
    if (native.isEmpty() || ::lstat(native.constData(), &item) != 0) {
        *errorNumber = native.isEmpty() ? ENOENT : errno;
        loc.reason = QCoreApplication::translate("Trash", "The item does not exist.");
        return loc;
    }
    const QByteArray absolute = absoluteItemPath(native);
    if (absolute.isEmpty()) {
        *errorNumber = errno;
        loc.reason = QCoreApplication::translate("Trash", "The item's folder cannot be resolved.");
        return loc;
    }
    const QByteArray home = encode(homeTrashDirectory());
    dev_t homeDev = 0;
    if (deviceOfNearest(home, &homeDev) && homeDev == item.st_dev) {
        loc.available = true;
        loc.isHomeTrash = true;
        loc.trashDirectory = decode(home);
        loc.topDirectory = decode(mountPoint(absolute.left(qMax<qsizetype>(1, absolute.lastIndexOf('/'))), item.st_dev));
        if (absolute.startsWith(QByteArray(home + '/')) || absolute == home) {
            loc.available = false;
            loc.reason = QCoreApplication::translate("Trash", "The item is inside the trash.");
        }
        return loc;
    }
    const qsizetype slash = absolute.lastIndexOf('/');
    const QByteArray parent = slash <= 0 ? QByteArray("/") : absolute.left(slash);
    const QByteArray top = mountPoint(parent, item.st_dev);
    loc.topDirectory = decode(top);
    const QByteArray base = top == "/" ? QByteArray() : top;
    const QByteArray uid = QByteArray::number(uint(::getuid()));
    if (absolute.startsWith(QByteArray(base + "/.Trash/"))
        || absolute.startsWith(QByteArray(base + "/.Trash-" + uid))) {
        loc.reason = QCoreApplication::translate("Trash", "The item is inside the trash.");
        return loc;
    }
    // Method 1: an administrator-made $topdir/.Trash with the sticky bit, not a symlink.
    struct stat shared;
    const QByteArray sharedDir = base + "/.Trash";
    if (::lstat(sharedDir.constData(), &shared) == 0 && S_ISDIR(shared.st_mode)
        && (shared.st_mode & S_ISVTX) && shared.st_dev == item.st_dev) {
        const QByteArray own = sharedDir + '/' + uid;
        if (checkOwnDirectory(own, item.st_dev, create)) {
            loc.available = true;
            loc.trashDirectory = decode(own);
            return loc;
        }
    }
    // Method 2: $topdir/.Trash-$uid.
    const QByteArray own = base + "/.Trash-" + uid;
    if (checkOwnDirectory(own, item.st_dev, create)) {
        loc.available = true;
        loc.trashDirectory = decode(own);
        return loc;
    }
    loc.reason = QCoreApplication::translate("Trash", "There is no trash on the filesystem of this item (%1), and it cannot be "
                    "created.").arg(decode(top));
    return loc;
}

QByteArray dirOfTrash(const QByteArray &trashDir)
{
    const qsizetype slash = trashDir.lastIndexOf('/');
    return slash <= 0 ? QByteArray("/") : trashDir.left(slash);
}

bool makeSubdirectory(const QByteArray &dir)
{
    struct stat st;
    if (::mkdir(dir.constData(), 0700) == 0) {
        return true;
    }
    return errno == EEXIST && ::stat(dir.constData(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool writeAll(int fd, const QByteArray &data)
{
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + done, size_t(data.size() - done));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        done += n;
    }
    return true;
}

} // namespace

QString homeTrashDirectory()
{
    QString data = qEnvironmentVariable("XDG_DATA_HOME");
    if (data.isEmpty() || !data.startsWith(QLatin1Char('/'))) {
        data = QDir::homePath() + QLatin1String("/.local/share");
    }
    while (data.size() > 1 && data.endsWith(QLatin1Char('/'))) {
        data.chop(1);
    }
    return data + QLatin1String("/Trash");
}

Location locate(const QString &path)
{
    int ignored = 0;
    return locateImpl(path, false, &ignored);
}

QByteArray trashInfo(const QByteArray &originalPath, const QString &deletionDate)
{
    // The spec: "Path" escaped as in URLs (RFC 2396), keeping the slashes.
    return QByteArray("[Trash Info]\nPath=") + originalPath.toPercentEncoding("/") + "\nDeletionDate=" + deletionDate.toLatin1()
        + "\n";
}

TrashResult moveToTrash(const QString &path)
{
    TrashResult r;
    int errorNumber = 0;
    const Location loc = locateImpl(path, true, &errorNumber);
    if (!loc.available) {
        r.ok = false;
        if (errorNumber != 0) {
            r.errnum = errorNumber;
            r.message = osErrorMessage(errorNumber, path);
        } else {
            r.unavailable = true;
            r.errnum = EXDEV;
            r.message = loc.reason;
        }
        return r;
    }
    const QByteArray trashDir = encode(loc.trashDirectory);
    const QByteArray filesDir = trashDir + "/files";
    const QByteArray infoDir = trashDir + "/info";
    // The home trash's parent ($XDG_DATA_HOME) may not exist yet; the trash itself is 0700.
    if ((loc.isHomeTrash && !QDir().mkpath(decode(dirOfTrash(trashDir))))
        || !makeSubdirectory(trashDir)
        || !makeSubdirectory(filesDir) || !makeSubdirectory(infoDir)) {
        const int e = errno ? errno : EACCES;
        static_cast<FsResult &>(r) = FsResult::fromErrno(e, decode(trashDir));
        return r;
    }

    const QByteArray absolute = absoluteItemPath(encode(path));
    QByteArray original = absolute;
    if (!loc.isHomeTrash) {
        // Volume trashes store the path relative to $topdir, so the volume can move.
        const QByteArray top = encode(loc.topDirectory);
        original = absolute.mid(top == "/" ? 1 : top.size() + 1);
    }
    QByteArray name = absolute.mid(absolute.lastIndexOf('/') + 1);
    // Leave room for ".trashinfo" and a ".NN" counter inside NAME_MAX.
    if (name.size() > NAME_MAX - 20) {
        name.truncate(NAME_MAX - 20);
    }
    const QString date = QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    const QByteArray info = trashInfo(original, date);

    for (int attempt = 1; attempt < 10000; ++attempt) {
        const QByteArray candidate = attempt == 1 ? name : name + '.' + QByteArray::number(attempt);
        const QByteArray infoPath = infoDir + '/' + candidate + ".trashinfo";
        const QByteArray target = filesDir + '/' + candidate;
        // The spec: the .trashinfo is created first with O_EXCL, which reserves the name.
        const int fd = ::open(infoPath.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0) {
            if (errno == EEXIST) {
                continue;
            }
            static_cast<FsResult &>(r) = FsResult::fromErrno(errno, decode(infoPath));
            return r;
        }
        struct stat st;
        if (::lstat(target.constData(), &st) == 0) {
            // A files/ entry without its info (another tool's leftover): keep both, pick next.
            ::close(fd);
            ::unlink(infoPath.constData());
            continue;
        }
        const bool written = writeAll(fd, info) && ::fsync(fd) == 0;
        const int writeErrno = errno;
        ::close(fd);
        if (!written) {
            ::unlink(infoPath.constData());
            static_cast<FsResult &>(r) = FsResult::fromErrno(writeErrno, decode(infoPath));
            return r;
        }
        if (::rename(absolute.constData(), target.constData()) != 0) {
            const int e = errno;
            ::unlink(infoPath.constData());
            static_cast<FsResult &>(r) = FsResult::fromErrno(e, path);
            r.unavailable = e == EXDEV;
            return r;
        }
        r.trashedPath = decode(target);
        r.infoPath = decode(infoPath);
        return r;
    }
    static_cast<FsResult &>(r) = FsResult::fromErrno(EEXIST, path);
    return r;
}

QString infoPathOf(const QString &trashedPath)
{
    const QString files = posixpath::dirname(trashedPath);
    return posixpath::dirname(files) + QStringLiteral("/info/") + posixpath::basename(trashedPath)
        + QStringLiteral(".trashinfo");
}

} // namespace stdlab::files::trash

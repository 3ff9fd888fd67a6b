#include "files/archive.h"

#include "common/pyrepr.h"
#include "files/fspath.h"
#include "files/fsresult.h"
#include "files/os.h"

#include <QRandomGenerator>
#include <QSet>

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace stdlab::files {

namespace {

using Bytes = QByteArray;

struct Format
{
    const char *name;
    const char *extension;
    int filter; // ARCHIVE_FILTER_*
};
const Format kFormats[] = {
    {"zip", ".zip", ARCHIVE_FILTER_NONE},      {"tar", ".tar", ARCHIVE_FILTER_NONE},
    {"gztar", ".tar.gz", ARCHIVE_FILTER_GZIP}, {"bztar", ".tar.bz2", ARCHIVE_FILTER_BZIP2},
    {"xztar", ".tar.xz", ARCHIVE_FILTER_XZ},
};

constexpr size_t kChunk = 1 << 20;

bool stopped(const std::atomic<bool> *cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

Bytes join(const Bytes &dir, const Bytes &name)
{
    if (name.isEmpty() || name == ".") {
        return dir;
    }
    return dir.endsWith('/') ? Bytes(dir + name) : Bytes(dir + '/' + name);
}

Bytes dirName(const Bytes &path)
{
    const qsizetype i = path.lastIndexOf('/');
    return i < 0 ? Bytes(".") : i == 0 ? Bytes("/") : path.left(i);
}

Bytes tempBeside(const Bytes &path)
{
    return join(dirName(path), ".stdlab-" + Bytes::number(::getpid()) + '-'
                                   + Bytes::number(QRandomGenerator::global()->generate(), 16)
                                   + ".part");
}

void osFailure(ArchiveResult &r, int errnum, const QString &path)
{
    r.exception = osErrorType(errnum);
    r.message = osErrorMessage(errnum, path);
}

QString libarchiveError(struct archive *a)
{
    const char *s = archive_error_string(a);
    return s ? QString::fromLocal8Bit(s) : QStringLiteral("archive error");
}

/// os.walk-like listing of @p dir, names sorted by bytes: (relative path, lstat).
void walk(const Bytes &root, const Bytes &relative, std::vector<std::pair<Bytes, struct stat>> &out,
          const struct stat &skip)
{
    DIR *d = ::opendir(join(root, relative).constData());
    if (!d) {
        return;
    }
    std::vector<Bytes> names;
    while (const dirent *e = ::readdir(d)) {
        const Bytes n(e->d_name);
        if (n != "." && n != "..") {
            names.push_back(n);
        }
    }
    ::closedir(d);
    std::sort(names.begin(), names.end());
    for (const Bytes &n : names) {
        const Bytes rel = relative.isEmpty() ? n : Bytes(relative + '/' + n);
        struct stat st;
        if (::lstat(join(root, rel).constData(), &st) != 0
            || (st.st_dev == skip.st_dev && st.st_ino == skip.st_ino)) {
            continue;
        }
        out.emplace_back(rel, st);
        if (S_ISDIR(st.st_mode)) {
            walk(root, rel, out, skip);
        }
    }
}

/// Writes @p path's data into the entry being written; 0 or an errno.
int writeData(struct archive *a, const Bytes &path, qint64 *bytes, const std::atomic<bool> *cancel,
              const std::function<void()> &tick)
{
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return errno;
    }
    Bytes buffer(kChunk, Qt::Uninitialized);
    for (;;) {
        if (stopped(cancel)) {
            ::close(fd);
            return ECANCELED;
        }
        const ssize_t n = ::read(fd, buffer.data(), kChunk);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            const int e = n < 0 ? errno : 0;
            ::close(fd);
            return e;
        }
        if (archive_write_data(a, buffer.constData(), size_t(n)) != n) {
            ::close(fd);
            return EIO;
        }
        *bytes += n;
        tick();
    }
}

void setOwnerNames(struct archive_entry *entry, const struct stat &st)
{
    if (const passwd *pw = ::getpwuid(st.st_uid)) {
        archive_entry_copy_uname(entry, pw->pw_name);
    }
    if (const group *gr = ::getgrgid(st.st_gid)) {
        archive_entry_copy_gname(entry, gr->gr_name);
    }
}

} // namespace

QString archiveExtension(const QString &format)
{
    for (const Format &f : kFormats) {
        if (format == QLatin1String(f.name)) {
            return QLatin1String(f.extension);
        }
    }
    return QString();
}

QStringList archiveFormats()
{
    QStringList names;
    for (const Format &f : kFormats) {
        names << QLatin1String(f.name);
    }
    return names;
}

namespace {

/// The members make_archive takes, in order: (name under ROOT, lstat); "" is ROOT itself (tar's
/// "."). An errno when ROOT or base_dir cannot be read.
int archiveEntries(const Bytes &rootPath, const Bytes &baseDir, bool zip, const struct stat &skip,
                   std::vector<std::pair<Bytes, struct stat>> &entries)
{
    struct stat rootStat;
    if (::stat(rootPath.constData(), &rootStat) != 0) {
        return errno;
    }
    if (!S_ISDIR(rootStat.st_mode)) {
        return ENOTDIR;
    }
    if (baseDir.isEmpty()) {
        if (!zip) {
            entries.emplace_back(Bytes(), rootStat); // tarfile.add(".") adds "." itself first
        }
        walk(rootPath, Bytes(), entries, skip);
        return 0;
    }
    struct stat st;
    if (::lstat(join(rootPath, baseDir).constData(), &st) != 0) {
        return errno;
    }
    entries.emplace_back(baseDir, st);
    if (S_ISDIR(st.st_mode)) {
        walk(rootPath, baseDir, entries, skip);
    }
    return 0;
}

Bytes normalBaseDir(const QString &baseDir)
{
    Bytes b = fsEncode(baseDir);
    while (b.size() > 1 && b.endsWith('/')) {
        b.chop(1);
    }
    return b == "." ? Bytes() : b;
}

} // namespace

ArchivePlan planArchive(const QString &root, const QString &baseDir)
{
    ArchivePlan plan;
    std::vector<std::pair<Bytes, struct stat>> entries;
    struct stat none{};
    const Bytes bd = normalBaseDir(baseDir);
    if (const int e = archiveEntries(fsEncode(root), bd, false, none, entries)) {
        plan.exception = osErrorType(e);
        plan.message = osErrorMessage(e, bd.isEmpty() ? root : baseDir);
        return plan;
    }
    for (const auto &[rel, st] : entries) {
        if (S_ISDIR(st.st_mode)) {
            ++plan.directories;
        } else if (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) {
            ++plan.files;
            plan.bytes += S_ISREG(st.st_mode) ? st.st_size : 0;
        }
    }
    if (bd.isEmpty() && plan.directories > 0) {
        --plan.directories; // ROOT itself ("." in a tar)
    }
    return plan;
}

ArchiveResult makeArchive(const QString &format, const QString &base, const QString &root,
                          bool replace, const std::atomic<bool> *cancel, const QString &baseDir,
                          const ArchiveProgress &progress)
{
    ArchiveResult r;
    const auto fmt = std::find_if(std::begin(kFormats), std::end(kFormats), [&](const Format &f) {
        return format == QLatin1String(f.name);
    });
    if (fmt == std::end(kFormats)) {
        r.exception = QStringLiteral("ValueError");
        r.message = QStringLiteral("unknown archive format '%1'").arg(format);
        return r;
    }
    const bool zip = fmt == std::begin(kFormats);
    r.path = base + QLatin1String(fmt->extension);
    const Bytes rootPath = fsEncode(root);
    const Bytes target = fsEncode(r.path);
    struct stat rootStat;
    if (::stat(rootPath.constData(), &rootStat) != 0) {
        osFailure(r, errno, root);
        return r;
    }
    if (!S_ISDIR(rootStat.st_mode)) {
        osFailure(r, ENOTDIR, root);
        return r;
    }
    struct stat existing;
    if (!replace && ::lstat(target.constData(), &existing) == 0) {
        osFailure(r, EEXIST, r.path);
        return r;
    }
    const Bytes temp = tempBeside(target);
    const int fd = ::open(temp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        osFailure(r, errno, r.path);
        return r;
    }
    struct stat tempStat;
    ::fstat(fd, &tempStat);
    std::vector<std::pair<Bytes, struct stat>> entries;
    const Bytes bd = normalBaseDir(baseDir);
    if (const int failed = archiveEntries(rootPath, bd, zip, tempStat, entries)) {
        ::close(fd);
        ::unlink(temp.constData());
        osFailure(r, failed, baseDir);
        return r;
    }
    QString current;
    const std::function<void()> tick = [&] {
        if (progress) {
            progress(r.bytes, r.files, current);
        }
    };

    struct archive *a = archive_write_new();
    if (zip) {
        archive_write_set_format_zip(a);
    } else {
        archive_write_set_format_pax_restricted(a);
        archive_write_add_filter(a, fmt->filter);
    }
    int e = archive_write_open_fd(a, fd) == ARCHIVE_OK ? 0 : EIO;
    QString failure;
    for (const auto &[rel, lst] : entries) {
        if (e) {
            break;
        }
        if (stopped(cancel)) {
            e = ECANCELED;
            break;
        }
        const Bytes path = join(rootPath, rel);
        struct stat st = lst;
        if (zip && S_ISLNK(st.st_mode) && ::stat(path.constData(), &st) != 0) {
            continue; // zipfile follows links; a dangling one has nothing to write
        }
        if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode) && !S_ISLNK(st.st_mode)) {
            continue; // tarfile.add would store a device; shutil's archives are data
        }
        struct archive_entry *entry = archive_entry_new();
        archive_entry_copy_stat(entry, &st);
        setOwnerNames(entry, st);
        // tarfile.add(base_dir, arcname=base_dir): names from base_dir as given ("." and
        // "./x" by default); zipfile: "x" and "dir/".
        const Bytes name = zip ? (S_ISDIR(st.st_mode) ? Bytes(rel + '/') : rel)
            : !bd.isEmpty()   ? rel
            : rel.isEmpty()   ? Bytes(".")
                              : Bytes("./" + rel);
        current = fsDecode(name);
        archive_entry_copy_pathname(entry, name.constData());
        if (S_ISLNK(st.st_mode)) {
            Bytes link(PATH_MAX, Qt::Uninitialized);
            const ssize_t n = ::readlink(path.constData(), link.data(), size_t(link.size()));
            link.truncate(n < 0 ? 0 : n);
            archive_entry_copy_symlink(entry, link.constData());
            archive_entry_set_size(entry, 0);
        }
        if (S_ISDIR(st.st_mode)) {
            archive_entry_set_size(entry, 0);
        }
        if (archive_write_header(a, entry) < ARCHIVE_WARN) {
            failure = libarchiveError(a);
            e = EIO;
        } else if (S_ISREG(st.st_mode)) {
            e = writeData(a, path, &r.bytes, cancel, tick);
            if (e && e != ECANCELED) {
                failure = osErrorMessage(e, fsDecode(path));
            }
        }
        archive_entry_free(entry);
        if (!e) {
            S_ISDIR(st.st_mode) ? ++r.directories : ++r.files;
            tick();
        }
    }
    if (archive_write_close(a) != ARCHIVE_OK && !e) {
        failure = libarchiveError(a);
        e = EIO;
    }
    archive_write_free(a);
    if (!e && ::fsync(fd) != 0) {
        e = errno;
    }
    ::close(fd);
    if (!e) {
        e = replace ? (::rename(temp.constData(), target.constData()) == 0 ? 0 : errno)
                    : renameNoReplace(temp, target);
        if (e) {
            failure = osErrorMessage(e, r.path);
        }
    }
    if (e) {
        ::unlink(temp.constData());
        if (e == ECANCELED) {
            r.cancelled = true;
        } else {
            r.exception = e == EIO ? QStringLiteral("OSError") : osErrorType(e);
            r.message = failure.isEmpty() ? osErrorMessage(e, r.path) : failure;
        }
    }
    return r;
}

namespace {

/// tarfile's data_filter on one member: a refusal, or the name and mode to extract with.
struct Filtered
{
    bool refused = false;
    Refusal why;
    Bytes name; // leading '/' stripped
    Bytes target; // where it lands, resolved: for the check and the messages
    /// Where it is written: the destination joined with the name. The kernel resolves the
    /// folders on the way as realpath() did for the check; a link at the end is replaced, not
    /// followed.
    Bytes path;
    int mode = -1; // -1: leave the mode alone (folders, links)
};

Refusal refusal(const char *exception, const QString &message, const Bytes &name)
{
    return Refusal{fsDecode(name), QLatin1String("tarfile.") + QLatin1String(exception), message};
}

Filtered dataFilter(struct archive_entry *entry, const Bytes &dest)
{
    Filtered f;
    const Bytes member(archive_entry_pathname(entry) ? archive_entry_pathname(entry) : "");
    const QString shown = py::repr(fsDecode(member));
    f.name = member;
    while (f.name.startsWith('/')) {
        f.name.remove(0, 1);
    }
    Bytes written = f.name; // "./a.txt" is written as dest/a.txt
    while (written.startsWith("./")) {
        written.remove(0, 2);
    }
    while (written.contains("/./")) {
        written.replace("/./", "/");
    }
    f.path = join(dest, written == "." ? Bytes() : written);
    f.target = resolvedPath(f.path);
    if (!isInsideResolved(f.target, dest)) {
        f.refused = true;
        f.why = refusal("OutsideDestinationError",
                        QStringLiteral("%1 would be extracted to %2, which is outside the "
                                       "destination")
                            .arg(shown, py::repr(fsDecode(f.target))),
                        member);
        return f;
    }
    const mode_t type = archive_entry_filetype(entry);
    const char *hardlink = archive_entry_hardlink(entry);
    int mode = int(archive_entry_perm(entry)) & 0755;
    if (type == AE_IFREG || hardlink) {
        if (!(mode & 0100)) {
            mode &= ~0111;
        }
        f.mode = mode | 0600;
    } else if (type != AE_IFDIR && type != AE_IFLNK) {
        f.refused = true;
        f.why = refusal("SpecialFileError", QStringLiteral("%1 is a special file").arg(shown),
                        member);
        return f;
    }
    const char *link = hardlink ? hardlink : type == AE_IFLNK ? archive_entry_symlink(entry)
                                                              : nullptr;
    if (link) {
        const Bytes linkName(link);
        if (linkName.startsWith('/')) {
            f.refused = true;
            f.why = refusal("AbsoluteLinkError",
                            QStringLiteral("%1 is a link to an absolute path").arg(shown), member);
            return f;
        }
        const Bytes pointed = resolvedPath(hardlink ? join(dest, linkName)
                                                    : join(join(dest, dirName(f.name) == "."
                                                                          ? Bytes()
                                                                          : dirName(f.name)),
                                                           linkName));
        if (!isInsideResolved(pointed, dest)) {
            f.refused = true;
            f.why = refusal("LinkOutsideDestinationError",
                            QStringLiteral("%1 would link to %2, which is outside the destination")
                                .arg(shown, py::repr(fsDecode(pointed))),
                            member);
        }
    }
    return f;
}

/// Where open(@p path, 'wb') writes: through the symlinks at the end of @p path (at most 40,
/// as the kernel), to a name that may not exist yet.
Bytes writtenThrough(Bytes path)
{
    for (int hops = 0; hops < 40; ++hops) {
        struct stat st;
        if (::lstat(path.constData(), &st) != 0 || !S_ISLNK(st.st_mode)) {
            break;
        }
        Bytes text(PATH_MAX, Qt::Uninitialized);
        const ssize_t n = ::readlink(path.constData(), text.data(), size_t(text.size()));
        if (n <= 0) {
            break;
        }
        text.truncate(int(n));
        path = text.startsWith('/') ? text : join(dirName(path), text);
    }
    return path;
}

/// os.makedirs(path, exist_ok=True); the folders it made are appended to @p made. When
/// @p path is to hold something (@p asParent), a file there is ENOTDIR, as opening or making
/// a name inside it says; a name there that stat() cannot follow (a dangling link) is EEXIST,
/// as os.mkdir says.
int makeDirs(const Bytes &path, mode_t mode, std::vector<Bytes> *made = nullptr,
             bool asParent = false)
{
    if (path.size() > 1 && path.endsWith('/')) { // a folder member's name: "q/"
        return makeDirs(path.chopped(1), mode, made, asParent);
    }
    struct stat st;
    if (::stat(path.constData(), &st) == 0) {
        return S_ISDIR(st.st_mode) ? 0 : asParent ? ENOTDIR : EEXIST;
    }
    const Bytes parent = dirName(path);
    if (parent != path) {
        if (const int e = makeDirs(parent, 0777, made, true)) {
            return e;
        }
    }
    if (::mkdir(path.constData(), mode) == 0) {
        if (made) {
            made->push_back(path);
        }
        return 0;
    }
    return errno;
}

/// A zip member that is a symlink (Info-ZIP's `zip -y`): zipfile knows no links and shutil
/// writes a regular file holding the link's text. So do we, whatever the text: @p entry becomes
/// that file and @p text its data.
bool zipLinkAsFile(struct archive *a, struct archive_entry *entry, Bytes *text)
{
    if ((archive_format(a) & ARCHIVE_FORMAT_BASE_MASK) != ARCHIVE_FORMAT_ZIP
        || archive_entry_filetype(entry) != AE_IFLNK || archive_entry_hardlink(entry)) {
        return false;
    }
    *text = Bytes(archive_entry_symlink(entry) ? archive_entry_symlink(entry) : "");
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644); // open(path, 'wb') under the usual umask
    archive_entry_set_size(entry, text->size());
    return true;
}

/// Opens @p file for reading as tar (any compression) or zip; nullptr with Python's exception.
struct archive *openArchive(const QString &archivePath, QString *exception, QString *message)
{
    const Bytes file = fsEncode(archivePath);
    struct stat st;
    const int e = ::stat(file.constData(), &st) != 0 ? errno : S_ISDIR(st.st_mode) ? EISDIR : 0;
    if (e) {
        *exception = osErrorType(e);
        *message = osErrorMessage(e, archivePath);
        return nullptr;
    }
    struct archive *a = archive_read_new();
    archive_read_support_filter_all(a);
    archive_read_support_format_tar(a);
    archive_read_support_format_gnutar(a);
    archive_read_support_format_zip(a);
    if (archive_read_open_filename(a, file.constData(), 64 * 1024) != ARCHIVE_OK) {
        *exception = QStringLiteral("shutil.ReadError");
        *message = QStringLiteral("%1 is not a zip or tar archive (%2)")
                       .arg(archivePath, libarchiveError(a));
        archive_read_free(a);
        return nullptr;
    }
    return a;
}

/// Copies the complete file open as @p from (data, mode, times) into the file @p target names,
/// in place: the same file under every name it has.
int writeInto(int from, const Bytes &target)
{
    struct stat st;
    if (::fstat(from, &st) != 0) {
        return errno;
    }
    const int to = ::open(target.constData(), O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC);
    if (to < 0) {
        return errno;
    }
    int e = 0;
    char buffer[64 * 1024];
    for (off_t at = 0; !e && at < st.st_size;) {
        const ssize_t n = ::pread(from, buffer, sizeof buffer, at);
        if (n <= 0) {
            e = n < 0 ? errno : EIO;
            break;
        }
        for (ssize_t done = 0; done < n;) {
            const ssize_t w = ::write(to, buffer + done, size_t(n - done));
            if (w < 0) {
                e = errno;
                break;
            }
            done += w;
        }
        at += n;
    }
    const struct timespec times[2] = {{0, UTIME_OMIT}, st.st_mtim};
    if (!e && (::fchmod(to, st.st_mode & 07777) != 0 || ::futimens(to, times) != 0
               || ::fsync(to) != 0)) {
        e = errno;
    }
    ::close(to);
    return e;
}

/// Puts @p temp (not a folder) at @p target: never over an existing name unless @p replace.
/// A folder there is EISDIR whatever @p replace says, as tarfile's open(target, 'wb') and
/// os.unlink(target) find it.
int place(const Bytes &temp, const Bytes &target, bool replace)
{
    int e = replace ? (::rename(temp.constData(), target.constData()) == 0 ? 0 : errno)
                    : renameNoReplace(temp, target);
    struct stat st;
    if (e && ::lstat(target.constData(), &st) == 0 && S_ISDIR(st.st_mode)) {
        e = EISDIR;
    }
    // rename() of a name onto another link of the same file succeeds and does nothing: the
    // temporary name would stay behind.
    if (e || ::lstat(temp.constData(), &st) == 0) {
        ::unlink(temp.constData());
    }
    return e;
}

} // namespace

UnpackPlan planUnpack(const QString &archivePath, const QString &destination)
{
    UnpackPlan p;
    struct archive *a = openArchive(archivePath, &p.exception, &p.message);
    if (!a) {
        return p;
    }
    const Bytes dest = resolvedPath(fsEncode(destination));
    QSet<Bytes> seen;
    for (;;) {
        struct archive_entry *entry = nullptr;
        const int h = archive_read_next_header(a, &entry);
        if (h == ARCHIVE_EOF) {
            break;
        }
        if (h < ARCHIVE_WARN) {
            p.exception = QStringLiteral("shutil.ReadError");
            p.message = libarchiveError(a);
            break;
        }
        Bytes text;
        zipLinkAsFile(a, entry, &text);
        const Filtered f = dataFilter(entry, dest);
        if (f.refused) {
            p.refused.append(f.why);
        } else if (archive_entry_filetype(entry) == AE_IFDIR && !archive_entry_hardlink(entry)) {
            ++p.directories;
        } else {
            ++p.files;
            p.bytes += archive_entry_size(entry);
            struct stat st;
            if (!seen.contains(f.path) && ::lstat(f.path.constData(), &st) == 0
                && !S_ISDIR(st.st_mode)) {
                p.existing << fsDecode(f.path);
            }
            seen.insert(f.path);
        }
        archive_read_data_skip(a);
    }
    archive_read_free(a);
    return p;
}

UnpackResult unpackArchive(const QString &archivePath, const QString &destination, bool replace,
                           const std::atomic<bool> *cancel, const ArchiveProgress &progress)
{
    UnpackResult r;
    r.path = archivePath;
    struct archive *a = openArchive(archivePath, &r.exception, &r.message);
    if (!a) {
        return r;
    }
    // What this unpack makes that was not there, in order: removed again on a cancel, and the
    // outermost of it is what undo removes.
    std::vector<Bytes> madeDirs;
    std::vector<Bytes> madeFiles;
    QString current;
    const auto tick = [&] {
        if (progress) {
            progress(r.bytes, r.files, current);
        }
    };
    const Bytes destBytes = fsEncode(destination);
    if (const int e = makeDirs(destBytes, 0777, &madeDirs)) {
        osFailure(r, e, destination);
        archive_read_free(a);
        return r;
    }
    const Bytes dest = resolvedPath(destBytes);
    for (Bytes &made : madeDirs) {
        made = resolvedPath(made); // as the members' paths are written: from the resolved DEST
    }
    struct DirTime
    {
        Bytes path;
        struct timespec times[2];
    };
    std::vector<DirTime> dirTimes;
    // Complete files wait here, still under their temporary names, to be made durable by one
    // syncfs() for many (an fsync each took 10 s for 2,000 small files where python3 takes
    // 1-3.5 s without any), then renamed into place.
    struct Written
    {
        int fd;
        Bytes temp;
        Bytes path;
        Bytes name;
        bool replace; // an earlier member of this archive is there: tarfile overwrites it
    };
    std::vector<Written> pending;
    QSet<Bytes> pendingPaths;
    QSet<Bytes> made; // what this unpack put in place (not folders): a later member replaces it
    qint64 pendingBytes = 0;
    const auto flush = [&](bool keep) {
        int synced = 0;
        if (keep && !pending.empty()) {
            synced = (pending.size() == 1 ? ::fsync(pending.front().fd)
                                          : ::syncfs(pending.front().fd)) == 0 ? 0 : errno;
        }
        for (const Written &w : pending) {
            struct stat there;
            const bool isNew = ::lstat(w.path.constData(), &there) != 0;
            int e = !keep ? ECANCELED : synced;
            if (!e && w.replace && !isNew && S_ISREG(there.st_mode) && there.st_nlink > 1) {
                // tarfile opens the name for writing: a file that is also another name (a
                // hard link an earlier member made) gets the new data under both names.
                e = writeInto(w.fd, w.path);
                ::unlink(w.temp.constData());
            } else if (!e) {
                e = place(w.temp, w.path, w.replace);
            }
            ::close(w.fd);
            if (e) {
                ::unlink(w.temp.constData());
            }
            if (e && e != ECANCELED) {
                r.refused.append(Refusal{fsDecode(w.name), osErrorType(e),
                                         osErrorMessage(e, fsDecode(w.path))});
            } else if (!e) {
                ++r.files;
                made.insert(w.path);
                if (isNew) {
                    madeFiles.push_back(w.path);
                }
            }
        }
        pending.clear();
        pendingPaths.clear();
        pendingBytes = 0;
    };
    for (;;) {
        if (stopped(cancel)) {
            r.cancelled = true;
            break;
        }
        struct archive_entry *entry = nullptr;
        const int h = archive_read_next_header(a, &entry);
        if (h == ARCHIVE_EOF) {
            break;
        }
        if (h < ARCHIVE_WARN) {
            r.exception = QStringLiteral("shutil.ReadError");
            r.message = libarchiveError(a);
            break;
        }
        Bytes zipLinkText;
        const bool zipLink = zipLinkAsFile(a, entry, &zipLinkText);
        const Filtered f = dataFilter(entry, dest);
        current = fsDecode(f.name);
        if (f.refused) {
            r.refused.append(f.why);
            continue;
        }
        const int perm = int(archive_entry_perm(entry));
        if (f.mode >= 0 && f.mode != perm) {
            r.neutralised << QStringLiteral("%1 0o%2 -> 0o%3")
                                 .arg(py::repr(fsDecode(f.name)))
                                 .arg(perm, 0, 8)
                                 .arg(f.mode, 0, 8);
        }
        const struct timespec mtime = {archive_entry_mtime(entry),
                                       archive_entry_mtime_nsec(entry)};
        const struct timespec times[2] = {{0, UTIME_OMIT}, mtime};
        const mode_t type = archive_entry_filetype(entry);
        const char *hardlink = archive_entry_hardlink(entry);
        // A file still under its temporary name at this member's name or a folder above it
        // takes its name first: tarfile wrote it when its member came, so a later folder of
        // its name, or a member inside it, meets the file.
        if (!pendingPaths.isEmpty()) {
            for (Bytes on = f.path; on.size() > dest.size(); on = dirName(on)) {
                if (pendingPaths.contains(on)) {
                    flush(true);
                    break;
                }
            }
        }
        int e = 0;
        if (!hardlink && type == AE_IFDIR) {
            // "data" ignores a folder's mode: the umask decides
            e = makeDirs(f.path, 0777, &madeDirs);
            if (!e) {
                ++r.directories;
                dirTimes.push_back({f.path, {times[0], times[1]}});
            }
        } else {
            // A name an earlier member had (`tar -r` appends newer versions): tarfile extracts
            // each in turn and the last one stays; a file opens the name for writing, so through
            // a link the archive made there (the filter checked where it leads). A name that
            // was there before the unpack is still kept unless replace.
            Bytes where = f.path;
            if (made.contains(f.path) && !hardlink && type == AE_IFREG) {
                where = writtenThrough(f.path);
                if (where != f.path) {
                    flush(true); // what the link names may be waiting for its name
                }
            }
            if (!isInsideResolved(resolvedPath(where), dest)) {
                r.refused.append(refusal("OutsideDestinationError",
                                         QStringLiteral("%1 would be extracted to %2, which is "
                                                        "outside the destination")
                                             .arg(py::repr(fsDecode(f.name)),
                                                  py::repr(fsDecode(resolvedPath(where)))),
                                         f.name));
                continue;
            }
            const bool replaceHere = replace || made.contains(where);
            struct stat there;
            const bool isNew = ::lstat(where.constData(), &there) != 0;
            e = makeDirs(dirName(where), 0777, &madeDirs, true);
            const Bytes temp = tempBeside(where);
            bool linkedFolder = false; // a hard link to a folder: made as a folder
            if (!e && hardlink) {
                flush(true); // the file linked to must be in place
                // os.link(), as tarfile calls it, is link(2): a link at the end of the name
                // linked to is not followed (the folders on the way are).
                const Bytes to = join(dest, Bytes(hardlink));
                const Bytes source = join(resolvedPath(dirName(to)),
                                          to.mid(to.lastIndexOf('/') + 1));
                struct stat linked;
                if (::lstat(source.constData(), &linked) == 0 && S_ISDIR(linked.st_mode)) {
                    // tarfile cannot link a folder and extracts the folder member again under
                    // this name instead: an empty folder.
                    e = makeDirs(where, 0777, &madeDirs);
                    if (!e) {
                        ++r.directories;
                    }
                    linkedFolder = true;
                } else {
                    e = ::link(source.constData(), temp.constData()) == 0 ? 0 : errno;
                    e = e ? e : place(temp, where, replaceHere);
                    // tarfile then gives the file the link member's mode and time, through a
                    // symbolic link if the name linked to is one (we only inside DEST).
                    if (!e && f.mode >= 0 && isInsideResolved(resolvedPath(where), dest)) {
                        ::chmod(where.constData(), mode_t(f.mode));
                        ::utimensat(AT_FDCWD, where.constData(), times, 0);
                    }
                    if (!e) {
                        made.insert(where);
                        if (isNew) {
                            madeFiles.push_back(where);
                        }
                    }
                }
            } else if (!e && type == AE_IFLNK) {
                e = ::symlink(archive_entry_symlink(entry), temp.constData()) == 0 ? 0 : errno;
                if (!e) {
                    ::utimensat(AT_FDCWD, temp.constData(), times, AT_SYMLINK_NOFOLLOW);
                    e = place(temp, where, replaceHere);
                }
                if (!e) {
                    made.insert(where);
                    if (isNew) {
                        madeFiles.push_back(where);
                    }
                }
            } else if (!e) {
                const int out = ::open(temp.constData(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC,
                                       0600);
                e = out < 0 ? errno : 0;
                if (!e && zipLink) {
                    e = ::write(out, zipLinkText.constData(), size_t(zipLinkText.size()))
                            == zipLinkText.size()
                        ? 0
                        : errno ? errno : EIO;
                    r.bytes += zipLinkText.size();
                }
                while (!e && !zipLink) {
                    if (stopped(cancel)) {
                        e = ECANCELED;
                        break;
                    }
                    const void *block = nullptr;
                    size_t size = 0;
                    la_int64_t offset = 0;
                    const int d = archive_read_data_block(a, &block, &size, &offset);
                    if (d == ARCHIVE_EOF) {
                        break;
                    }
                    if (d < ARCHIVE_WARN) {
                        e = EIO;
                        r.exception = QStringLiteral("shutil.ReadError");
                        r.message = libarchiveError(a);
                        break;
                    }
                    for (size_t done = 0; done < size && !e;) {
                        const ssize_t w = ::pwrite(out, static_cast<const char *>(block) + done,
                                                   size - done, off_t(offset) + off_t(done));
                        if (w < 0 && errno != EINTR) {
                            e = errno;
                        } else if (w > 0) {
                            done += size_t(w);
                        }
                    }
                    r.bytes += qint64(size);
                    tick();
                }
                if (!e && (::ftruncate(out, archive_entry_size(entry)) != 0
                           || ::fchmod(out, mode_t(f.mode)) != 0 || ::futimens(out, times) != 0)) {
                    e = errno;
                }
                if (e) {
                    if (out >= 0) {
                        ::close(out);
                    }
                    ::unlink(temp.constData());
                } else {
                    pending.push_back({out, temp, where, f.name, replaceHere});
                    pendingPaths.insert(where);
                    pendingBytes += archive_entry_size(entry);
                    if (pending.size() >= 64 || pendingBytes >= (qint64(64) << 20)) {
                        flush(true);
                    }
                }
            }
            if (!e && !linkedFolder && (hardlink || type == AE_IFLNK)) {
                ++r.files;
            }
        }
        tick();
        if (e == ECANCELED) {
            r.cancelled = true;
            break;
        }
        if (e && r.exception.isEmpty()) {
            // One member that cannot be written is listed; the others go on.
            r.refused.append(Refusal{fsDecode(f.name), osErrorType(e),
                                     osErrorMessage(e, fsDecode(f.path))});
        } else if (e) {
            break; // the archive itself is unreadable from here
        }
    }
    // Complete files are kept after an error (one cut short never is); a cancel keeps nothing.
    flush(!r.cancelled && !stopped(cancel));
    archive_read_free(a);
    if (r.cancelled || stopped(cancel)) {
        r.cancelled = true;
        for (auto it = madeFiles.rbegin(); it != madeFiles.rend(); ++it) {
            ::unlink(it->constData());
        }
        for (auto it = madeDirs.rbegin(); it != madeDirs.rend(); ++it) {
            ::rmdir(it->constData()); // made by this unpack: empty again (else it stays)
        }
        r.files = 0;
        r.directories = 0;
        return r;
    }
    QSet<Bytes> dirsMade(madeDirs.cbegin(), madeDirs.cend());
    for (const std::vector<Bytes> *list : {&madeDirs, &madeFiles}) {
        for (const Bytes &path : *list) {
            if (!dirsMade.contains(dirName(path))) {
                r.created << fsDecode(path);
            }
        }
    }
    // Folders' times last, deepest first (writing into a folder changes its mtime).
    for (auto it = dirTimes.rbegin(); it != dirTimes.rend(); ++it) {
        ::utimensat(AT_FDCWD, it->path.constData(), it->times, 0);
    }
    return r;
}

} // namespace stdlab::files

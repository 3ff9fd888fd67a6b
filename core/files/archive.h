#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>

/**
 * shutil.make_archive and shutil.unpack_archive on libarchive (issue 18), with the extraction
 * made safe as tarfile's "data" filter makes it (PEP 706), for every format, zip included.
 */
namespace stdlab::files {

/// shutil.get_archive_formats()' names: zip, tar, gztar, bztar, xztar.
QStringList archiveFormats();

struct ArchiveResult
{
    /// make_archive: the archive's path (BASE + ".zip", ".tar.gz"...).
    QString path;
    /// Python's exception and str() of it on failure; empty when done.
    QString exception;
    QString message;
    bool cancelled = false;
    qint64 files = 0; ///< regular files and links written / extracted
    qint64 directories = 0;
    qint64 bytes = 0;
    bool ok() const { return exception.isEmpty() && !cancelled; }
};

/// shutil.make_archive(base, format, root): ROOT's contents as tarfile.add / zipfile write them
/// (tar: "." and "./name" members, PAX, links kept; zip: "name" and "dir/", links followed),
/// written under a temporary name beside BASE and renamed into place when complete. An existing
/// archive is replaced only when @p replace (shutil replaces it silently).
ArchiveResult makeArchive(const QString &format, const QString &base, const QString &root,
                          bool replace = false, const std::atomic<bool> *cancel = nullptr);

/// A member the data filter refused, with tarfile's exception and message.
struct Refusal
{
    QString member;
    QString exception; ///< "tarfile.OutsideDestinationError"...
    QString message;
};

struct UnpackResult : ArchiveResult
{
    /// Members the filter refused: nothing of them was written; the others were extracted.
    QList<Refusal> refused;
    /// Modes the filter changed (setuid/setgid/sticky, group/other write): "name 0o4755 -> 0o755".
    QStringList neutralised;
};

/// shutil.unpack_archive(archive, dest, filter="data"): every member checked as tarfile's
/// data_filter checks it (a leading "/" stripped; refused when it would land outside @p dest
/// once symlinks already on disk are resolved, a link to an absolute path or outside, a device
/// or pipe; modes limited to 0o755, owner rw kept, ownership ignored), zip members too. Unlike
/// tarfile, which raises at the first bad member, every member is checked and the refused ones
/// are listed. Files are written under a temporary name and renamed into place; an existing
/// file is replaced only when @p replace.
UnpackResult unpackArchive(const QString &archive, const QString &dest, bool replace = false,
                           const std::atomic<bool> *cancel = nullptr);

} // namespace stdlab::files

#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

/**
 * shutil.make_archive and shutil.unpack_archive on libarchive (issue 18), with the extraction
 * made safe as tarfile's "data" filter makes it (PEP 706), for every format, zip included.
 */
namespace stdlab::files {

/// shutil.get_archive_formats()' names: zip, tar, gztar, bztar, xztar.
QStringList archiveFormats();
/// What make_archive appends to the base name for @p format (".tar.gz"); empty if unknown.
QString archiveExtension(const QString &format);

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

/// Progress of makeArchive / unpackArchive: bytes and files done so far, and the member or file
/// being worked on. Called from the working thread, often: the caller throttles.
using ArchiveProgress = std::function<void(qint64 bytes, qint64 files, const QString &current)>;

/// shutil.make_archive(base, format, root): ROOT's contents as tarfile.add / zipfile write them
/// (tar: "." and "./name" members, PAX, links kept; zip: "name" and "dir/", links followed),
/// written under a temporary name beside BASE and renamed into place when complete. An existing
/// archive is replaced only when @p replace (shutil replaces it silently).
/// With @p baseDir (shutil's base_dir, relative to ROOT: a folder or a file), only that item,
/// its members named from it ("fotos", "fotos/a.jpg") as make_archive names them.
ArchiveResult makeArchive(const QString &format, const QString &base, const QString &root,
                          bool replace = false, const std::atomic<bool> *cancel = nullptr,
                          const QString &baseDir = QString(),
                          const ArchiveProgress &progress = ArchiveProgress());

/// What make_archive would take: the files (and links) and folders under ROOT/@p baseDir and
/// their bytes; exception/message when ROOT or the item cannot be read.
struct ArchivePlan
{
    qint64 files = 0;
    qint64 directories = 0;
    qint64 bytes = 0;
    QString exception;
    QString message;
};
ArchivePlan planArchive(const QString &root, const QString &baseDir = QString());

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
    /// What the unpack made that was not there before, outermost only (a folder it made stands
    /// for all under it), in the order made: what undo removes. Empty after a cancel.
    QStringList created;
};

/// What unpackArchive(archive, dest) would do, reading the headers only: the members it would
/// extract (files, folders, bytes), the ones the data filter refuses by their names and links
/// (a link the archive itself makes is checked again while extracting), and the files already
/// in DEST that would be kept (or replaced with replace).
struct UnpackPlan
{
    qint64 files = 0;
    qint64 directories = 0;
    qint64 bytes = 0;
    QList<Refusal> refused;
    QStringList existing; ///< the paths in DEST
    QString exception;
    QString message;
    bool ok() const { return exception.isEmpty(); }
};
UnpackPlan planUnpack(const QString &archive, const QString &dest);

/// shutil.unpack_archive(archive, dest, filter="data"): every member checked as tarfile's
/// data_filter checks it (a leading "/" stripped; refused when it would land outside @p dest
/// once symlinks already on disk are resolved, a link to an absolute path or outside, a device
/// or pipe; modes limited to 0o755, owner rw kept, ownership ignored), zip members too. Unlike
/// tarfile, which raises at the first bad member, every member is checked and the refused ones
/// are listed. Files are written under a temporary name and renamed into place; an existing
/// file is replaced only when @p replace. A cancelled unpack removes what it made (files,
/// links and folders that were not there), so it leaves nothing.
UnpackResult unpackArchive(const QString &archive, const QString &dest, bool replace = false,
                           const std::atomic<bool> *cancel = nullptr,
                           const ArchiveProgress &progress = ArchiveProgress());

} // namespace stdlab::files

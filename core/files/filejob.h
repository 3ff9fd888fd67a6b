#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

/** The value types of long file operations: what to do, progress, conflicts, errors, summary. */
namespace stdlab::files {

enum class JobKind {
    /// Files as shutil.copy2 (data, mode bits, times, xattrs), directories as shutil.copytree.
    Copy,
    /// shutil.move: rename on one filesystem; across filesystems copy, verify, then delete.
    Move,
    /// Permanent delete: os.remove for files and links, shutil.rmtree for directories.
    Delete,
    /// Move to the freedesktop.org trash.
    Trash,
    /// Recursive size (du): files, directories and bytes; also the rmtree confirmation.
    DiskUsage,
    /// shutil.make_archive(target, archiveFormat, root_dir=dirname(source),
    /// base_dir=basename(source)): one file or folder into a new archive (never over one).
    Archive,
    /// shutil.unpack_archive(source, target, filter="data"): into the folder target; a file
    /// there is kept; a cancel leaves nothing.
    Unpack,
    /// The undo journal's undo / redo of entry journalId (0: the next one) of journalFile, as a
    /// job: a move across filesystems is copied back with progress, Pause and Cancel (a
    /// cancelled one leaves both sides as they were).
    Undo,
    Redo,
};

/// What to do when a target already exists, decided up front (Ask: emit a conflict and wait).
enum class ConflictPolicy { Ask, Overwrite, Skip, Rename, Fail };

/// The answer to one conflict.
enum class ConflictAction {
    /// Files: replace the target atomically (rename over it). Directories: merge into it.
    Overwrite,
    Skip,
    /// Write to another name in the target directory (newName, or "name (2).ext").
    Rename,
    /// Stop the whole job.
    Cancel,
};

struct ConflictResolution
{
    ConflictAction action = ConflictAction::Skip;
    /// Use the same action for every later conflict of this job.
    bool applyToAll = false;
    /// For Rename: the new file name (no slash); empty = automatic "name (2).ext".
    QString newName;
};

/// One source and its exact target path (Copy/Move); target is empty for Delete/Trash/DiskUsage.
struct JobItem
{
    /// Paths as os.fsdecode() gives them (see fspath.h): names that are not UTF-8 stay exact.
    QString source;
    QString target;
    /// (st_dev, st_ino) of the item the user chose, as the listing saw it. When set, the job
    /// lstat()s the source first and leaves it alone if another file is there now (replaced,
    /// renamed, or a look-alike name): a destructive action must reach the file that was chosen.
    quint64 device = 0;
    quint64 inode = 0;
    bool isPinned() const { return device != 0 || inode != 0; }
};

struct JobRequest
{
    JobKind kind = JobKind::Copy;
    QList<JobItem> items;
    /// copytree(symlinks=False): copy what links point to. Default: keep links as links.
    bool followSymlinks = false;
    /// copytree(dirs_exist_ok=True): merge into existing directories without asking.
    bool dirsExistOk = false;
    ConflictPolicy conflictPolicy = ConflictPolicy::Ask;
    /// fsync every file before renaming it into place (only tests and benchmarks turn it off).
    bool durable = true;
    /// Bandwidth limit in bytes per second (like rsync --bwlimit); 0 = unlimited.
    qint64 bytesPerSecondLimit = 0;
    /// Copy: shutil.copy2 (times and extended attributes too); false: shutil.copy (data and
    /// mode bits only).
    bool copyMetadata = true;
    /// Copy: files hard-linked together are linked together in the copy too (cp -a). Off, as
    /// shutil.copytree does it, each link becomes a separate file.
    bool keepHardLinks = false;
    /// Copy/Move: each copied file is read back from the disk and its BLAKE2b compared with
    /// the source's before it is renamed into place; a mismatch keeps no copy and is reported.
    bool verify = false;
    /// Archive: shutil's format name (zip, tar, gztar, bztar, xztar).
    QString archiveFormat;
    /// Undo/Redo: the journal and the entry (0: the next one to undo or redo).
    QString journalFile;
    qint64 journalId = 0;
    /// Copy/Move: only find out what the job would do (JobSummary::plan, and in errors what it
    /// would report), changing nothing; a conflict is never asked (Ask plans "ask"). Other
    /// kinds only count what they would act on.
    bool dryRun = false;

    /// Copy/Move each source to @p directory / basename(source), as a paste does.
    static JobRequest into(JobKind kind, const QStringList &sources, const QString &directory);
    /// One operation: copy/move @p source to exactly @p target; Delete/Trash/DiskUsage of @p source.
    static JobRequest single(JobKind kind, const QString &source, const QString &target = QString());
    /// Delete / Trash / DiskUsage of several paths.
    static JobRequest of(JobKind kind, const QStringList &sources);
    /// Undo (or Redo) entry @p id (0: the next one) of the journal in @p file.
    static JobRequest journal(JobKind kind, const QString &file, qint64 id = 0);
};

struct JobProgress
{
    /// True while the job is still counting what it will do (totals still growing).
    bool scanning = false;
    qint64 filesDone = 0;
    qint64 filesTotal = 0;
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0;
    /// Bytes per second over the last seconds; 0 when unknown.
    double bytesPerSecond = 0;
    /// Estimated milliseconds left; -1 when unknown.
    qint64 etaMs = -1;
    qint64 elapsedMs = 0;
    /// The file being worked on.
    QString currentPath;
};

/// A target that already exists: what is there and what would replace it.
struct ConflictInfo
{
    QString source;
    QString target;
    bool sourceIsDir = false;
    bool targetIsDir = false;
    qint64 sourceSize = 0;
    qint64 targetSize = 0;
    QDateTime sourceModified;
    QDateTime targetModified;
    /// The name Rename would use without a newName.
    QString suggestedName;
};

/// The Python exception a JobError stands for (a CLI prints its name, the panel its text).
enum class JobErrorKind {
    /// OSError or one of its subclasses (errnum tells which).
    OsError,
    /// shutil.SameFileError
    SameFile,
    /// shutil.SpecialFileError: a named pipe, socket or device where a file was expected.
    SpecialFile,
    /// StdLab's own refusals: into itself, changed while copied, not the item chosen...
    Refused,
    /// ValueError: a path with a NUL byte, refused by os before any system call.
    ValueError,
};

/// One failed file, as shutil.Error lists them: (src, dst, str(why)).
struct JobError
{
    QString source;
    QString target;
    int errnum = 0;
    QString message;
    JobErrorKind kind = JobErrorKind::OsError;
};

/// A name a dry run found taken at a target, and what the job would do with it.
struct PlannedConflict
{
    enum class Outcome {
        Replace, ///< a file replaced (its old content is gone for good)
        Merge, ///< a folder copied or moved into (dirs_exist_ok)
        ThroughLink, ///< a symlink written through: what it names gets the data (copy2)
        Rename, ///< written beside, under writtenTo ("name (2).txt")
        Skip, ///< left alone
        Ask, ///< the Files tab would ask
        Refuse, ///< an error (why), as the job would report it
    };
    QString source;
    QString target;
    bool sourceIsDir = false;
    bool targetIsDir = false;
    qint64 targetSize = 0;
    Outcome outcome = Outcome::Replace;
    QString writtenTo;
    QString why;
};

/// What a Copy or Move would do (JobRequest::dryRun). What it would refuse is in the summary's
/// errors, with the job's own messages.
struct JobPlan
{
    /// Files and symlinks that would be written (or renamed), folders, bytes of data.
    qint64 files = 0;
    qint64 links = 0;
    qint64 directories = 0;
    qint64 bytes = 0;
    /// Move: top-level items a rename moves at once (same filesystem: nothing is read).
    qint64 renames = 0;
    /// Some target is on another filesystem than its source (a move copies, then deletes).
    bool acrossFilesystems = false;
    /// Free space where the first target goes (statvfs f_bavail), -1 when unknown.
    qint64 freeBytes = -1;
    /// Names already taken, with what would happen (at most maxListed; conflictCount: all).
    QList<PlannedConflict> conflicts;
    qint64 conflictCount = 0;
    /// What undo could not bring back: files replaced, folders merged into (a merge is not
    /// undone as one step: what was there before stays mixed with what came).
    qint64 replacedFiles = 0;
    qint64 mergedFolders = 0;
    static constexpr qsizetype maxListed = 1000;
};

/// A file a verified copy wrote, as it was when its read-back matched: the undo journal's
/// fingerprint takes this digest instead of reading the file once more, while the file is still
/// that inode with that size and time.
struct CopiedFile
{
    qint64 size = 0;
    qint64 mtimeNs = 0;
    /// BLAKE2b-512 of the data (64 bytes, not hex): the source's bytes, hashed as they were
    /// copied, equal to the copy's read back from the disk.
    QByteArray blake2b;
};
/// (st_dev, st_ino) of a file written -> what it held.
using CopiedFiles = QHash<QPair<quint64, quint64>, CopiedFile>;

struct JobSummary
{
    JobKind kind = JobKind::Copy;
    bool cancelled = false;
    /// Files (non-directories) copied / moved / deleted / trashed / counted.
    qint64 files = 0;
    qint64 directories = 0;
    qint64 bytes = 0;
    /// Items left alone by a Skip answer (counted once per skipped file or directory).
    qint64 skipped = 0;
    /// Files whose copy was read back and found equal to the source (JobRequest::verify).
    qint64 verified = 0;
    qint64 elapsedMs = 0;
    QList<JobError> errors;
    /// Trash: the sources that have no trash on their filesystem (ask, then Delete them).
    QStringList trashUnavailable;
    /// The targets actually written (after Rename answers), in order; Copy/Move only.
    QStringList targets;
    /// Copy/Move with verify: each file written and verified (at most maxCopiedFiles; a larger
    /// job's journal reads the rest again).
    CopiedFiles copied;
    static constexpr qsizetype maxCopiedFiles = 200000;
    /// JobRequest::dryRun: what would happen (nothing was done).
    JobPlan plan;
    /// Undo/Redo: the entry's id (0: there was none to undo or redo) and title (its Python);
    /// why it was not done is the error.
    qint64 journalId = 0;
    QString journalTitle;

    bool ok() const { return !cancelled && errors.isEmpty(); }
    /// str(shutil.Error(errors)): "[('src', 'dst', "[Errno 13] Permission denied: 'src'")]".
    QString errorString() const;
};

/// A user-readable name of the job ("Copy", "Move"... translated).
QString jobKindName(JobKind kind);

} // namespace stdlab::files

Q_DECLARE_METATYPE(stdlab::files::JobRequest)
Q_DECLARE_METATYPE(stdlab::files::JobProgress)
Q_DECLARE_METATYPE(stdlab::files::ConflictInfo)
Q_DECLARE_METATYPE(stdlab::files::ConflictResolution)
Q_DECLARE_METATYPE(stdlab::files::JobError)
Q_DECLARE_METATYPE(stdlab::files::JobSummary)

#pragma once

#include "filejob.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

/**
 * The Files tab's undo journal (issue 18): every operation it performs, kept in a JSON file
 * of the app's data folder so that undo and redo work after a restart too. Undo never
 * replaces anything that appeared since (RENAME_NOREPLACE), acts only on the files the
 * operation left (device and inode; for copies also size, modification time and BLAKE2b
 * hash) and otherwise says why not, changing nothing.
 */
namespace stdlab::files {

/// One path an operation made or moved, with what it was when it was done.
struct JournalStep
{
    QString from; ///< Rename/Move: the old path; Trash: the original path; else empty
    QString to; ///< the path made or reached (Trash: the item's path in the trash)
    QString info; ///< Trash: the .trashinfo file
    bool isDir = false;
    quint64 device = 0;
    quint64 inode = 0;
    qint64 size = -1; ///< Copy: files only
    qint64 mtimeNs = 0; ///< Copy: files only
    QByteArray hash; ///< Copy: BLAKE2b of a file's data (hex); folders: of their listing
};

struct JournalEntry
{
    enum class Kind {
        /// A new file or folder (os.mkdir, os.makedirs, open(x, "x")): undo removes it if it
        /// is still as made (the file empty, the folder empty); redo makes it again.
        Create,
        /// os.rename / shutil.move / batch rename: undo renames each back, all or nothing.
        Rename,
        /// shutil.copy2 / copytree: undo removes the copy only if unchanged; redo is not
        /// offered (copy again).
        Copy,
        /// The trash: undo puts each item back where it was; redo trashes it again.
        Trash,
    };
    qint64 id = 0;
    Kind kind = Kind::Create;
    QDateTime time;
    /// What the operation was, as its Python reads ("os.rename('a', 'b')").
    QString title;
    QList<JournalStep> steps;
    bool undone = false;
    /// Among undone entries, the order they were undone in (redo takes the highest first).
    qint64 undoneSeq = 0;
};

struct JobControl;

/// What a long undo or redo obeys and tells (a move across filesystems is copied back).
struct UndoControl
{
    /// cancel() stops the copy: every copy made is removed, nothing was done; pause() holds it.
    JobControl *job = nullptr;
    /// The copy's progress, from the calling thread.
    std::function<void(const JobProgress &)> progress;
};

struct UndoResult
{
    bool ok = false;
    /// Why nothing was done (English here; the panel shows it as it is), or empty.
    QString message;
    JournalEntry entry;
};

class UndoJournal
{
public:
    /// The journal kept in @p file (created on first record()).
    explicit UndoJournal(const QString &file);
    /// <app data folder>/files-journal.json (QStandardPaths::AppDataLocation).
    static QString defaultFile();
    QString file() const { return m_file; }

    /// Reads the file again (another process may have recorded since).
    void reload();
    QList<JournalEntry> entries() const { return m_entries; }
    /// The entry undo() would undo / redo() would redo.
    std::optional<JournalEntry> nextUndo() const;
    std::optional<JournalEntry> nextRedo() const;

    /// Appends @p entry (its id and time are set here); entries undone are dropped, as in
    /// every editor: a new operation ends what could be redone. Keeps the last 200.
    void record(JournalEntry entry);
    /// Undoes the entry @p id (0: the last one done), or says why not, changing nothing. Any
    /// entry may be undone, not only the last: the same checks keep it safe (each item must
    /// be the one the operation left, nothing that appeared since is replaced).
    UndoResult undo(qint64 id = 0, const UndoControl &control = {});
    /// Redoes the entry @p id (0: the last one undone).
    UndoResult redo(qint64 id = 0, const UndoControl &control = {});
    std::optional<JournalEntry> entry(qint64 id) const;
    /// Why @p entry cannot be undone (@p redo: redone) now, or empty: the checks undo() and
    /// redo() make first, without acting. A copy is compared by what lstat() tells (there,
    /// the same inode, a file's size and time); its data is read only when undone.
    static QString whyNot(const JournalEntry &entry, bool redo);

    /// Fingerprints of what a copy made, for Copy steps: size, time and hash of a file; the
    /// names, sizes, times and hashes of everything under a folder. A file found in @p copied
    /// (same device, inode, size and time) takes its digest from there: a verified copy's
    /// data was hashed once while copying and read back once, not a third time here.
    static JournalStep copyStep(const QString &target, const CopiedFiles &copied = {});
    /// The (device, inode) of @p path as lstat() sees it, for Create and Rename steps.
    static JournalStep pathStep(const QString &from, const QString &to);

private:
    bool save(QString *error);

    QString m_file;
    QList<JournalEntry> m_entries;
};

} // namespace stdlab::files

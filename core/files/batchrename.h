#pragma once

#include "fsresult.h"

#include <QList>
#include <QString>
#include <QStringList>


/**
 * Batch rename with Python's re: each name becomes re.sub(pattern, repl, name, count, flags)
 * (StdLab's own re, templates \1, \g<name>, \g<0>). plan() is the preview - every name, old ->
 * new, with what would go wrong - and touches nothing; apply() renames all or nothing: every
 * file first to a temporary name in its folder, then to its new name, never replacing anything
 * (renameat2 RENAME_NOREPLACE); on the first error every step done is undone in reverse.
 */
namespace stdlab::files {

struct RenameItem
{
    /// Why an item cannot be renamed (None: it can, or it stays as it is).
    enum class Problem {
        None,
        /// The file is not there (or cannot be stat'ed).
        Missing,
        /// The new name is empty, ".", "..", holds "/" or a NUL, or is over 255 bytes.
        InvalidName,
        /// Another item of the batch gets (or keeps) the same name in the same folder.
        SameNewName,
        /// A file that the batch does not rename away already has the new name.
        TargetExists,
        /// Another item names the same file.
        Duplicate,
    };

    QString path; ///< as given
    QString directory; ///< os.path.dirname(path) ("" for the current folder)
    QString oldName;
    QString newName; ///< re.sub's result (== oldName when unchanged)
    Problem problem = Problem::None;
    /// The new name differs from the old one only in case (Windows and macOS filesystems,
    /// FAT and exFAT sticks take it as the same name).
    bool caseOnly = false;
    /// The item, as lstat() saw it at plan time (apply() refuses a file that was replaced).
    quint64 device = 0;
    quint64 inode = 0;

    bool changes() const { return newName != oldName; }
    QString newPath() const;
};

struct RenamePlan
{
    QList<RenameItem> items;
    /// str(re.error) of the pattern or the template; empty when they compiled.
    QString error;

    /// No error and no item with a problem.
    bool canApply() const;
    /// Items whose name changes (those with a problem included).
    qsizetype renameCount() const;
    qsizetype problemCount() const;
};

/// The preview of renaming @p paths by re.sub(pattern, repl, name, count, flags) on each name.
RenamePlan planRenames(const QStringList &paths, const QString &pattern, const QString &repl,
                       int flags, qsizetype count = 0);

struct RenameOutcome
{
    bool ok = true;
    qsizetype renamed = 0;
    /// The first error, as os.rename's OSError ("[Errno 13] Permission denied: 'a' -> 'b'",
    /// with the item's old and new paths).
    FsResult error;
    /// Every step done before the error was undone.
    bool rolledBack = false;
    /// Steps that could not be undone (from -> to, as os.rename's message says why).
    QStringList rollbackFailures;
};

/// Renames every item of @p plan that changes, all or nothing (see the namespace comment).
/// Refuses to start (nothing renamed) when !plan.canApply() or a file is not the one planned.
RenameOutcome applyRenames(const RenamePlan &plan);

/// Renames each (from, to) of @p steps all or nothing, as applyRenames() does (temporary
/// names, RENAME_NOREPLACE, every step undone in reverse on the first error, reported as
/// os.rename's OSError for that step's from -> to). Undo and redo of renames use it too.
RenameOutcome renameAllOrNothing(const QList<QPair<QString, QString>> &steps);

} // namespace stdlab::files

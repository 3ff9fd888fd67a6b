#pragma once

#include "fsresult.h"

#include <QByteArray>
#include <QString>

/**
 * The course's os / os.path calls, run as CPython runs them (same syscalls, same errors).
 * Relative paths are resolved against workingDirectory() - the folder the panel shows - while
 * messages keep the path as it was typed, as Python's would after os.chdir(workingDirectory()).
 */
namespace stdlab::files {

class Os
{
public:
    /// An empty @p workingDirectory means the process's current directory.
    explicit Os(const QString &workingDirectory = QString());

    QString workingDirectory() const { return m_workingDirectory; }
    void setWorkingDirectory(const QString &directory) { m_workingDirectory = directory; }
    /// The path the kernel is given: relative paths under workingDirectory(), others unchanged.
    QString resolve(const QString &path) const;
    QByteArray nativePath(const QString &path) const;

    /// os.path.exists / isfile / isdir (follow symlinks) and os.path.islink; never fail.
    bool exists(const QString &path) const;
    bool isfile(const QString &path) const;
    bool isdir(const QString &path) const;
    bool islink(const QString &path) const;

    /// os.mkdir(path, mode)
    FsResult mkdir(const QString &path, int mode = 0777) const;
    /// os.makedirs(path, mode, exist_ok) with CPython's algorithm and errors.
    FsResult makedirs(const QString &path, bool existOk = false, int mode = 0777) const;
    /// open(path, "x").close(): a new empty file; FileExistsError if anything is there.
    FsResult createFile(const QString &path) const;
    /// os.listdir(path)
    ListResult listdir(const QString &path = QStringLiteral(".")) const;
    /// os.remove(path): files and symlinks; a directory gives [Errno 21] Is a directory.
    FsResult remove(const QString &path) const;
    /// os.rmdir(path): empty directories only.
    FsResult rmdir(const QString &path) const;
    /// os.removedirs(path): rmdir, then each empty parent while it works.
    FsResult removedirs(const QString &path) const;
    /// os.rename(src, dst); errors use the two-path form "'a' -> 'b'".
    FsResult rename(const QString &src, const QString &dst) const;
    /// os.path.getsize(path)
    SizeResult getsize(const QString &path) const;

private:
    QString m_workingDirectory;
};

/// rename(from, to) that never replaces an existing @p to (renameat2 RENAME_NOREPLACE; where a
/// filesystem lacks it, link() then unlink(), which fail atomically on an existing name, and
/// for what link() cannot take a check right before a plain rename). Returns 0 or the errno.
int renameNoReplace(const QByteArray &from, const QByteArray &to);

} // namespace stdlab::files

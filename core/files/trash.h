#pragma once

#include "fsresult.h"

#include <QString>

/**
 * The freedesktop.org Trash specification 1.0: the home trash ($XDG_DATA_HOME/Trash) for
 * files on the home filesystem, $topdir/.Trash/$uid or $topdir/.Trash-$uid on other volumes.
 * QFile::moveToTrash (Qt 6.4) answers only with a bool and a generic error string and cannot
 * tell beforehand whether a path has a trash at all; this reports CPython-style errno errors,
 * locate() answers "where would it go / why not" without touching the disk, and an item with no
 * trash on its filesystem is reported as unavailable (never copied across devices).
 */
namespace stdlab::files::trash {

/// Which trash directory a path would go to, or why none can take it.
struct Location
{
    bool available = false;
    /// The trash directory (holding files/ and info/); empty when unavailable.
    QString trashDirectory;
    /// The mount point of the path's filesystem (the spec's $topdir).
    QString topDirectory;
    /// true for the home trash (Path= absolute), false for a $topdir trash (Path= relative).
    bool isHomeTrash = false;
    /// Why the path cannot be trashed (translated), when !available.
    QString reason;
};

/// $XDG_DATA_HOME/Trash, or ~/.local/share/Trash when XDG_DATA_HOME is unset or relative.
QString homeTrashDirectory();
/// Where @p path would be trashed; does not create anything.
Location locate(const QString &path);

struct TrashResult : FsResult
{
    /// true when no trash exists for this path's filesystem: ask before deleting permanently.
    bool unavailable = false;
    /// The item's new path under files/, and its .trashinfo file.
    QString trashedPath;
    QString infoPath;
};

/// Moves @p path (file, directory or symlink; not followed) to its trash, writing the .trashinfo.
TrashResult moveToTrash(const QString &path);

/// The .trashinfo file of an item the trash holds at @p trashedPath ($trash/files/NAME ->
/// $trash/info/NAME.trashinfo).
QString infoPathOf(const QString &trashedPath);

/// The .trashinfo text for @p originalPath deleted at @p deletionDate ("yyyy-MM-ddThh:mm:ss").
QByteArray trashInfo(const QByteArray &originalPath, const QString &deletionDate);

} // namespace stdlab::files::trash

#pragma once

#include <QString>

/**
 * Python's names for failures: the OSError subclass CPython raises for an errno (PEP 3151), the
 * text str(OSError) prints ("[Errno 39] Directory not empty: 'x'"), and the traceback's last
 * line ("OSError: [Errno 39] ..."). The Files tab, `stdlab files` and the file worker all name
 * errors through these, so that each says what python3 would.
 */
namespace stdlab::files {

/// The class CPython raises for an OSError with this errno: "FileNotFoundError"...; "OSError"
/// for errnos without a subclass (ENOTEMPTY, EXDEV, ELOOP, ENOSPC, EROFS...).
QString osErrorType(int errnum);
/// os.strerror(errnum): the C library's text.
QString errorText(int errnum);
/// str(OSError(errnum, strerror, path[, path2])): "[Errno 2] No such file or directory: 'x'".
QString osErrorMessage(int errnum, const QString &path, const QString &path2 = QString());
/// The last line of Python's traceback: "@p exception: @p message", or @p message alone when
/// there is no exception name.
QString pythonErrorLine(const QString &exception, const QString &message);
/// The same for a failed call: "FileExistsError: [Errno 17] File exists: 'x'" for an errno,
/// @p message as it is when @p errnum is 0 (it names its own exception, such as ValueError).
QString pythonErrorLine(int errnum, const QString &message);

} // namespace stdlab::files

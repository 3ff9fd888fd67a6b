#pragma once

#include <QString>

/**
 * Python's names for failures: the OSError subclass CPython raises for an errno (PEP 3151), the
 * text str(OSError) prints ("[Errno 39] Directory not empty: 'x'"), and the traceback's last
 * line ("OSError: [Errno 39] ..."). The Files tab, `stdlab files` and the file worker all name
 * errors through these, so that each says what python3 would.
 */
namespace stdlab::files {

struct FsResult;
struct JobError;

/// The class CPython raises for an OSError with this errno: "FileNotFoundError"...; "OSError"
/// for errnos without a subclass (ENOTEMPTY, EXDEV, ELOOP, ENOSPC, EROFS...).
QString osErrorType(int errnum);
/// os.strerror(errnum): the C library's English text, whatever the locale (python3 sets
/// LC_CTYPE only, so its texts are never translated; QApplication sets LC_ALL, and in a Spanish
/// session strerror() said "No existe el fichero o el directorio").
QString errorText(int errnum);
/// str(OSError(errnum, strerror, path[, path2])): "[Errno 2] No such file or directory: 'x'".
QString osErrorMessage(int errnum, const QString &path, const QString &path2 = QString());
/// The last line of Python's traceback: "@p exception: @p message", or @p message alone when
/// there is no exception name.
QString pythonErrorLine(const QString &exception, const QString &message);
/// The same for a failed call: "FileExistsError: [Errno 17] File exists: 'x'" for an errno,
/// @p message alone when @p errnum is 0.
QString pythonErrorLine(int errnum, const QString &message);
/// The exception a failed call raises: osErrorType(errnum) for an errno, else its own
/// (ValueError for a NUL in a path), empty for StdLab's refusals.
QString exceptionName(const FsResult &result);
/// "ValueError: embedded null byte", "OSError: [Errno 39] Directory not empty: 'x'", or a
/// refusal's sentence alone.
QString pythonErrorLine(const FsResult &result);
/// The exception shutil raises for one failed file of a job: shutil.SameFileError,
/// shutil.SpecialFileError, the OSError subclass of its errno, or shutil.Error for a refusal.
QString exceptionName(const JobError &error);

} // namespace stdlab::files

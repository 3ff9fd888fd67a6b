#include "pyerror.h"

#include "common/pyrepr.h"
#include "filejob.h"
#include "fsresult.h"

#include <cerrno>
#include <cstring>
#include <locale.h>

namespace stdlab::files {

QString osErrorType(int errnum)
{
    // Objects/exceptions.c, _PyExc_InitState's errno map.
    switch (errnum) {
    case EEXIST: return QStringLiteral("FileExistsError");
    case ENOENT: return QStringLiteral("FileNotFoundError");
    case EACCES:
    case EPERM: return QStringLiteral("PermissionError");
    case ENOTDIR: return QStringLiteral("NotADirectoryError");
    case EISDIR: return QStringLiteral("IsADirectoryError");
    case EINTR: return QStringLiteral("InterruptedError");
    case EAGAIN:
    case EALREADY:
    case EINPROGRESS: return QStringLiteral("BlockingIOError");
    case ECHILD: return QStringLiteral("ChildProcessError");
    case EPIPE:
    case ESHUTDOWN: return QStringLiteral("BrokenPipeError");
    case ECONNABORTED: return QStringLiteral("ConnectionAbortedError");
    case ECONNREFUSED: return QStringLiteral("ConnectionRefusedError");
    case ECONNRESET: return QStringLiteral("ConnectionResetError");
    case ESRCH: return QStringLiteral("ProcessLookupError");
    case ETIMEDOUT: return QStringLiteral("TimeoutError");
    default: return QStringLiteral("OSError");
    }
}

QString errorText(int errnum)
{
    // strerrordesc_np (glibc 2.32): the untranslated text strerror() gives in the C locale.
    const char *text = strerrordesc_np(errnum);
    return text ? QString::fromLatin1(text)
                : QStringLiteral("Unknown error %1").arg(errnum); // as glibc's strerror
}

QString osErrorMessage(int errnum, const QString &path, const QString &path2)
{
    // Objects/exceptions.c OSError_str: "[Errno %S] %S: %R" or "... %R -> %R".
    QString s = QLatin1String("[Errno ") + QString::number(errnum) + QLatin1String("] ")
        + errorText(errnum) + QLatin1String(": ") + py::repr(path);
    if (!path2.isNull()) {
        s += QLatin1String(" -> ") + py::repr(path2);
    }
    return s;
}

QString pythonErrorLine(const QString &exception, const QString &message)
{
    return exception.isEmpty() ? message : exception + QLatin1String(": ") + message;
}

QString pythonErrorLine(int errnum, const QString &message)
{
    return pythonErrorLine(errnum == 0 ? QString() : osErrorType(errnum), message);
}

QString exceptionName(const FsResult &result)
{
    return result.errnum != 0 ? osErrorType(result.errnum) : result.exception;
}

QString pythonErrorLine(const FsResult &result)
{
    return pythonErrorLine(exceptionName(result), result.message);
}

QString exceptionName(const JobError &error)
{
    switch (error.kind) {
    case JobErrorKind::SameFile:
        return QStringLiteral("shutil.SameFileError");
    case JobErrorKind::SpecialFile:
        return QStringLiteral("shutil.SpecialFileError");
    case JobErrorKind::OsError:
        return error.errnum ? osErrorType(error.errnum) : QStringLiteral("OSError");
    case JobErrorKind::ValueError:
        return QStringLiteral("ValueError");
    case JobErrorKind::Refused:
        break;
    }
    return QStringLiteral("shutil.Error");
}

} // namespace stdlab::files

#include "pyerror.h"

#include "common/pyrepr.h"

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
    char buffer[256];
    // GNU strerror_r returns a pointer that may or may not be the buffer.
    const char *text = strerror_r(errnum, buffer, sizeof buffer);
    return QString::fromLocal8Bit(text);
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

} // namespace stdlab::files

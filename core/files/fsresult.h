#pragma once

#include "pyerror.h"

#include <QList>
#include <QString>
#include <QStringList>

/** Outcome of one filesystem call, with the text CPython's OSError would print. */
namespace stdlab::files {

struct FsResult
{
    bool ok = true;
    /// errno of the failed call, 0 on success (or for a non-OSError failure such as ValueError).
    int errnum = 0;
    /// str() of the Python exception: "[Errno 39] Directory not empty: 'x'"; empty on success.
    QString message;
    /// The exception of a failure without an errno ("ValueError"); empty for StdLab's own
    /// refusals, which are no Python exception. pythonErrorLine() names a failure.
    QString exception;

    explicit operator bool() const { return ok; }
    static FsResult success() { return {}; }
    /// An OSError as CPython formats it: one path, or the two-path form of os.rename().
    static FsResult fromErrno(int errnum, const QString &path, const QString &path2 = QString());
    /// A failure that is not an OSError: ValueError("embedded null byte"), or a refusal of
    /// StdLab's own (@p exception empty).
    static FsResult failure(const QString &exception, const QString &message);
};

/// os.listdir(): the names in directory order (as Python returns them, not sorted).
struct ListResult : FsResult
{
    QStringList names;
};

/// os.path.getsize() / os.stat().st_size.
struct SizeResult : FsResult
{
    qint64 size = 0;
};

} // namespace stdlab::files

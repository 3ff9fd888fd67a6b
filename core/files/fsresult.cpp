#include "fsresult.h"

namespace stdlab::files {

FsResult FsResult::fromErrno(int errnum, const QString &path, const QString &path2)
{
    FsResult r;
    r.ok = false;
    r.errnum = errnum;
    r.message = osErrorMessage(errnum, path, path2);
    return r;
}

FsResult FsResult::failure(const QString &exception, const QString &message)
{
    FsResult r;
    r.ok = false;
    r.exception = exception;
    r.message = message;
    return r;
}

} // namespace stdlab::files

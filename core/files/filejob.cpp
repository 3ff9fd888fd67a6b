#include "filejob.h"

#include "common/pyrepr.h"
#include "posixpath.h"

#include <QCoreApplication>

namespace stdlab::files {

JobRequest JobRequest::into(JobKind kind, const QStringList &sources, const QString &directory)
{
    JobRequest r;
    r.kind = kind;
    for (const QString &source : sources) {
        QString name = source;
        while (name.size() > 1 && name.endsWith(QLatin1Char('/'))) {
            name.chop(1);
        }
        r.items.append({source, posixpath::join(directory, posixpath::basename(name))});
    }
    return r;
}

JobRequest JobRequest::single(JobKind kind, const QString &source, const QString &target)
{
    JobRequest r;
    r.kind = kind;
    r.items.append({source, target});
    return r;
}

JobRequest JobRequest::of(JobKind kind, const QStringList &sources)
{
    JobRequest r;
    r.kind = kind;
    for (const QString &source : sources) {
        r.items.append({source, QString()});
    }
    return r;
}

JobRequest JobRequest::journal(JobKind kind, const QString &file, qint64 id)
{
    JobRequest r;
    r.kind = kind;
    r.journalFile = file;
    r.journalId = id;
    return r;
}

QString JobSummary::errorString() const
{
    QStringList tuples;
    for (const JobError &e : errors) {
        tuples.append(py::tuple({py::repr(e.source), py::repr(e.target), py::repr(e.message)}));
    }
    return py::list(tuples);
}

QString jobKindName(JobKind kind)
{
    switch (kind) {
    case JobKind::Copy:
        return QCoreApplication::translate("FileOperations", "Copy");
    case JobKind::Move:
        return QCoreApplication::translate("FileOperations", "Move");
    case JobKind::Delete:
        return QCoreApplication::translate("FileOperations", "Delete");
    case JobKind::Trash:
        return QCoreApplication::translate("FileOperations", "Move to trash");
    case JobKind::DiskUsage:
        return QCoreApplication::translate("FileOperations", "Size");
    case JobKind::Archive:
        return QCoreApplication::translate("FileOperations", "Make archive");
    case JobKind::Unpack:
        return QCoreApplication::translate("FileOperations", "Unpack");
    case JobKind::Undo:
        return QCoreApplication::translate("FileOperations", "Undo");
    case JobKind::Redo:
        return QCoreApplication::translate("FileOperations", "Redo");
    }
    return QString();
}

} // namespace stdlab::files

// shutil.make_archive and shutil.unpack_archive jobs (the engine is archive.cpp).

#include "jobrunner.h"

#include "checksum.h"
#include "fsresult.h"
#include "os.h"
#include "posixpath.h"
#include "trash.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QThread>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <limits>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace stdlab::files::jobs {

ArchiveProgress JobRunner::archiveProgress()
{
    return [this](qint64 bytes, qint64 files, const QString &current) {
        m_progress.bytesDone = bytes;
        m_progress.filesDone = files;
        m_progress.currentPath = current;
        m_meter.tick();
        cancelled(); // a pause holds the archive here, between two chunks
    };
}

const std::atomic<bool> *JobRunner::cancelFlag() const
{
    return m_control ? &m_control->cancelled : nullptr;
}

void JobRunner::runArchive()
{
    const JobItem item = m_request.items.value(0);
    QString root = posixpath::dirname(item.source);
    root = root.isEmpty() ? QStringLiteral(".") : root;
    const QString base = posixpath::basename(item.source);
    m_progress.scanning = true;
    m_meter.report();
    const ArchivePlan plan = planArchive(root, base);
    m_progress.scanning = false;
    m_progress.filesTotal = plan.files + plan.directories;
    m_progress.bytesTotal = plan.bytes;
    m_meter.report();
    const ArchiveResult r = makeArchive(m_request.archiveFormat, item.target, root,
                                        m_request.conflictPolicy == ConflictPolicy::Overwrite,
                                        cancelFlag(), base, archiveProgress());
    m_summary.files = r.files;
    m_summary.directories = r.directories;
    m_summary.bytes = r.bytes;
    if (r.ok()) {
        m_summary.targets << r.path;
    } else if (!r.cancelled) {
        addError(fsEncode(item.source), fsEncode(r.path), 0,
                 r.exception + QLatin1String(": ") + r.message, JobErrorKind::Refused);
    }
}

void JobRunner::runUnpack()
{
    const JobItem item = m_request.items.value(0);
    m_progress.scanning = true;
    m_meter.report();
    const UnpackPlan plan = planUnpack(item.source, item.target);
    m_progress.scanning = false;
    m_progress.filesTotal = plan.files;
    m_progress.bytesTotal = plan.bytes;
    m_meter.report();
    const UnpackResult r = unpackArchive(item.source, item.target,
                                         m_request.conflictPolicy == ConflictPolicy::Overwrite,
                                         cancelFlag(), archiveProgress());
    m_summary.files = r.files;
    m_summary.directories = r.directories;
    m_summary.bytes = r.bytes;
    m_summary.targets = r.created;
    for (const Refusal &why : r.refused) {
        addError(fsEncode(why.member), Bytes(), 0,
                 why.exception + QLatin1String(": ") + why.message, JobErrorKind::Refused);
    }
    if (!r.exception.isEmpty()) {
        addError(fsEncode(item.source), fsEncode(item.target), 0,
                 r.exception + QLatin1String(": ") + r.message, JobErrorKind::Refused);
    }
}

} // namespace stdlab::files::jobs

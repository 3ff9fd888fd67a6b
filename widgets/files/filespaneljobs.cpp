#include "files/plandialog.h"
#include "files/filespanel.h"

#include "common/pyrepr.h"
#include "files/archive.h"
#include "files/filelistmodel.h"
#include "files/fileoperations.h"
#include "files/filesprompter.h"
#include "files/fspath.h"
#include "files/posixpath.h"
#include "files/pythoncode.h"
#include "files/trash.h"
#include "files/undojournal.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <QApplication>
#include <QClipboard>
#include <QDropEvent>
#include <QFileInfo>
#include <QFileSystemModel>
#include <QLocale>
#include <QMimeData>
#include <QTreeView>

#include <cstring>
#include <algorithm>
#include <cerrno>
#include <sys/stat.h>

using namespace stdlab;
using namespace stdlab::files;

// --- archives ---------------------------------------------------------------------------------

void FilesPanel::makeArchiveSelected()
{
    const QStringList paths = selectedPaths();
    if (paths.size() != 1 || !selectionIsAsListed(paths)) {
        return;
    }
    const QString item = paths.first();
    const auto target = m_prompter->askArchive(this, tr("shutil.make_archive"),
                                               posixpath::basename(item));
    if (!target) {
        return;
    }
    const QString base = absolute(target->base);
    const QString format = target->format;
    const QString archive = base + archiveExtension(format);
    if (m_os.exists(archive) || m_os.islink(archive)) {
        // make_archive would replace it; the Files tab never replaces without asking.
        report(python::makeArchive(relative(base), format, relative(item)),
               FsResult::fromErrno(EEXIST, relative(archive)), QString());
        return;
    }
    QString root = posixpath::dirname(item);
    const QString name = posixpath::basename(item);
    auto *watcher = new QFutureWatcher<ArchivePlan>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [=, this] {
        const ArchivePlan plan = watcher->result();
        watcher->deleteLater();
        if (!plan.exception.isEmpty()) {
            showMessage(pythonErrorLine(plan.exception, plan.message), true);
            return;
        }
        const QString text = tr("Make %1 from %2?").arg(py::repr(relative(archive)),
                                                        py::repr(relative(item)))
            + QStringLiteral("\n\n") + tr("%n file(s)", nullptr, int(plan.files))
            + tr(", %n folder(s)", nullptr, int(plan.directories)) + QStringLiteral(", ")
            + sizeText(plan.bytes) + QStringLiteral(".\n\n")
            + tr("Undo removes the archive if it is unchanged.");
        if (!m_prompter->confirm(this, tr("shutil.make_archive"), text, tr("Make Archive"))) {
            return;
        }
        JobRequest request = JobRequest::single(JobKind::Archive, item, base);
        request.archiveFormat = format;
        request.conflictPolicy = ConflictPolicy::Fail;
        startJob(request);
    });
    // Counting a big folder takes a while: off the GUI thread.
    watcher->setFuture(QtConcurrent::run([root, name] { return planArchive(root, name); }));
}

void FilesPanel::unpackSelected()
{
    const QStringList paths = selectedPaths();
    if (paths.size() != 1 || isDirectory(paths.first()) || !selectionIsAsListed(paths)) {
        return;
    }
    const QString archive = paths.first();
    QString folder = posixpath::basename(archive);
    for (const char *ext : {".tar.gz", ".tar.bz2", ".tar.xz", ".tgz", ".tbz2", ".txz", ".tar",
                            ".zip"}) {
        if (folder.endsWith(QLatin1String(ext), Qt::CaseInsensitive) && folder.size() > int(strlen(ext))) {
            folder.chop(int(strlen(ext)));
            break;
        }
    }
    const auto answer = m_prompter->askText(this, tr("shutil.unpack_archive"),
                                            tr("Unpack into the folder:"), folder);
    if (!answer || answer->trimmed().isEmpty()) {
        return;
    }
    const QString dest = absolute(answer->trimmed());
    auto *watcher = new QFutureWatcher<UnpackPlan>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [=, this] {
        const UnpackPlan plan = watcher->result();
        watcher->deleteLater();
        if (!plan.ok()) {
            report(python::unpackArchive(relative(archive), relative(dest)),
                   FsResult::failure(plan.exception, plan.message), QString());
            return;
        }
        constexpr int kListed = 10;
        QString text = tr("Unpack %1 into %2?").arg(py::repr(relative(archive)),
                                                    py::repr(relative(dest)))
            + QStringLiteral("\n\n") + tr("%n file(s)", nullptr, int(plan.files))
            + tr(", %n folder(s)", nullptr, int(plan.directories)) + QStringLiteral(", ")
            + sizeText(plan.bytes) + QLatin1Char('.');
        if (!plan.refused.isEmpty()) {
            text += QStringLiteral("\n\n")
                + tr("%n member(s) refused by the \"data\" filter (not extracted):", nullptr,
                     int(plan.refused.size()));
            for (const Refusal &why : plan.refused.mid(0, kListed)) {
                text += QStringLiteral("\n  ") + pythonErrorLine(why.exception, why.message);
            }
        }
        if (!plan.existing.isEmpty()) {
            text += QStringLiteral("\n\n")
                + tr("%n file(s) already there, kept (not replaced):", nullptr,
                     int(plan.existing.size()));
            for (const QString &path : plan.existing.mid(0, kListed)) {
                text += QStringLiteral("\n  ") + py::repr(relative(path));
            }
        }
        text += QStringLiteral("\n\n") + tr("Undo removes what the unpack made, if unchanged.");
        if (!m_prompter->confirm(this, tr("shutil.unpack_archive"), text, tr("Unpack"))) {
            return;
        }
        JobRequest request = JobRequest::single(JobKind::Unpack, archive, dest);
        request.conflictPolicy = ConflictPolicy::Fail;
        startJob(request);
    });
    watcher->setFuture(QtConcurrent::run([archive, dest] { return planUnpack(archive, dest); }));
}

// --- long operations (worker thread) --------------------------------------------------------

void FilesPanel::planThenStart(const JobRequest &request, bool alwaysShow)
{
    showJobCode(request);
    JobRequest plan = pinned(request);
    plan.dryRun = true;
    plan.conflictPolicy = ConflictPolicy::Ask; // planned as "ask", never asked
    m_planJobs.insert(m_operations->start(plan), {request, alwaysShow});
}

void FilesPanel::showJobCode(const JobRequest &request)
{
    QList<bool> dirs;
    JobRequest shown = request;
    for (JobItem &item : shown.items) {
        dirs << isDirectory(item.source);
        item.source = relative(item.source);
        if (!item.target.isEmpty()) {
            item.target = relative(item.target);
        }
    }
    setCode(python::job(shown, dirs));
    hideMessage(); // a new action: the last one's message (an error, say) no longer applies
}

void FilesPanel::startJob(const JobRequest &request)
{
    showJobCode(request);
    const int id = m_operations->start(pinned(request));
    if (request.kind == JobKind::Copy || request.kind == JobKind::Move
        || request.kind == JobKind::Trash || request.kind == JobKind::Archive
        || request.kind == JobKind::Unpack) {
        JournalJob job;
        job.request = request;
        for (const JobItem &item : request.items) {
            job.before << UndoJournal::pathStep(absolute(item.source), absolute(item.source));
            if (!item.target.isEmpty() && (m_os.exists(item.target) || m_os.islink(item.target))) {
                job.existed.insert(item.target);
            }
        }
        m_journalJobs.insert(id, job);
    }
}

JobRequest FilesPanel::pinned(JobRequest request) const
{
    for (JobItem &item : request.items) {
        const QModelIndex index = QFileInfo(item.source).absolutePath() == directory()
            ? m_model->indexOf(QFileInfo(item.source).fileName())
            : QModelIndex();
        const FileEntry *e = m_model->entry(index);
        if (!item.isPinned() && e) {
            item.device = e->device;
            item.inode = e->inode;
        }
    }
    return request;
}

bool FilesPanel::selectionIsAsListed(const QStringList &paths)
{
    for (const JobItem &item : pinned(JobRequest::of(JobKind::Delete, paths)).items) {
        struct stat st;
        if (!item.isPinned() || ::lstat(fsEncode(item.source).constData(), &st) != 0
            || (quint64(st.st_dev) == item.device && quint64(st.st_ino) == item.inode)) {
            continue; // a missing file is reported by the operation, as Python would
        }
        showMessage(tr("%1 is not the item that was selected (it was replaced or renamed since "
                       "it was listed): nothing was done.")
                        .arg(py::repr(relative(item.source))),
                    true);
        m_model->reload();
        return false;
    }
    return true;
}

void FilesPanel::onConflict(int jobId, const ConflictInfo &conflict)
{
    m_operations->answerConflict(jobId, m_prompter->askConflict(this, conflict));
}

QString FilesPanel::sizeText(qint64 bytes)
{
    // "1.00 KiB (1,024 bytes)"; below a KiB the count alone, once ("0 bytes (0 bytes)" before).
    const QLocale locale;
    if (bytes < 1024) {
        return tr("%n byte(s)", nullptr, int(bytes));
    }
    return tr("%1 (%2 bytes)").arg(locale.formattedDataSize(bytes), locale.toString(bytes));
}

void FilesPanel::onJobFinished(int jobId, const JobSummary &summary)
{
    updateActions();
    if (m_planJobs.contains(jobId)) {
        const auto [request, alwaysShow] = m_planJobs.take(jobId);
        if (summary.cancelled) {
            showMessage(tr("%1 not started: its plan was cancelled.").arg(jobKindName(request.kind)),
                        false);
            return;
        }
        if ((alwaysShow || PlanDialog::needsAttention(request, summary))
            && !m_prompter->confirmPlan(this, request, summary, jobKindName(request.kind))) {
            showMessage(tr("%1 not started: nothing was done.").arg(jobKindName(request.kind)),
                        false);
            return;
        }
        startJob(request);
        return;
    }
    if (m_journalRuns.contains(jobId)) {
        journalRunFinished(m_journalRuns.take(jobId), summary);
        return;
    }
    journalJob(jobId, summary);
    if (m_deleteCounts.contains(jobId)) {
        const auto [paths, title] = m_deleteCounts.take(jobId);
        const QList<JobItem> counted = m_deletePins.take(jobId);
        if (summary.cancelled) {
            return;
        }
        const QString what = paths.size() == 1 ? py::repr(relative(paths.first()))
                                               : tr("%n item(s)", nullptr, int(paths.size()));
        const QString text
            = tr("Permanently delete %1?\n\nThis removes %n file(s)", nullptr, int(summary.files))
                  .arg(what)
            + tr(" and %n folder(s)", nullptr, int(summary.directories))
            + QStringLiteral(", ") + sizeText(summary.bytes) + tr(". It cannot be undone.");
        if (m_prompter->confirm(this, title, text, tr("Delete Permanently"))) {
            // The items pinned when the user chose them, not what a reload shows now.
            JobRequest request = JobRequest::of(JobKind::Delete, paths);
            request.items = counted;
            startJob(request);
        }
        return;
    }
    if (m_sizeJobs.contains(jobId)) {
        const QStringList paths = m_sizeJobs.take(jobId);
        if (!summary.cancelled) {
            showMessage(tr("%1: %n file(s)", nullptr, int(summary.files))
                                .arg(paths.size() == 1 ? py::repr(relative(paths.first()))
                                                       : tr("Selection"))
                            + tr(", %n folder(s)", nullptr, int(summary.directories))
                            + QStringLiteral(", ") + sizeText(summary.bytes),
                        false);
        }
        return;
    }
    if (!summary.trashUnavailable.isEmpty()) {
        const QStringList paths = summary.trashUnavailable;
        const trash::Location where = trash::locate(paths.first());
        if (m_prompter->confirm(
                this, tr("No Trash Here"),
                tr("%1 cannot be moved to the trash: %2\n\nDelete it permanently instead?")
                    .arg(py::repr(relative(paths.first())), where.reason),
                tr("Delete Permanently"))) {
            confirmAndDelete(paths, tr("Delete Permanently"));
        }
    }
    if (summary.kind == JobKind::Unpack && !summary.errors.isEmpty()) {
        QStringList why;
        for (const JobError &e : summary.errors) {
            why << e.message;
        }
        showMessage(tr("Unpacked %n file(s); ", nullptr, int(summary.files))
                        + tr("%n member(s) not extracted: ", nullptr, int(why.size()))
                        + why.join(QStringLiteral("; ")),
                    true);
    } else if (!summary.errors.isEmpty()) {
        showMessage(tr("%1 failed for %n item(s): ", nullptr, int(summary.errors.size()))
                            .arg(jobKindName(summary.kind))
                        + QStringLiteral("shutil.Error: ") + summary.errorString(),
                    true);
    } else if (summary.cancelled && summary.kind == JobKind::Unpack) {
        showMessage(tr("Unpack cancelled: what it had written was removed."), false);
    } else if (summary.cancelled) {
        showMessage(tr("%1 cancelled.").arg(jobKindName(summary.kind)), false);
    } else if (summary.kind == JobKind::Archive && !summary.targets.isEmpty()) {
        showMessage(tr("Made %1: %n file(s)", nullptr, int(summary.files))
                            .arg(py::repr(relative(summary.targets.first())))
                        + QStringLiteral(", ") + sizeText(summary.bytes),
                    false);
    } else if (summary.kind == JobKind::Unpack) {
        showMessage(tr("Unpacked %n file(s)", nullptr, int(summary.files)) + QStringLiteral(", ")
                        + sizeText(summary.bytes),
                    false);
    } else if (summary.verified > 0) {
        showMessage(tr("%1: %n file(s) read back and equal to the source (BLAKE2b).", nullptr,
                       int(summary.verified))
                        .arg(jobKindName(summary.kind)),
                    false);
    }
    if (!summary.targets.isEmpty()) {
        QStringList names;
        for (const QString &target : summary.targets) {
            if (QFileInfo(target).absolutePath() == directory()) {
                names << QFileInfo(target).fileName();
            }
        }
        if (!names.isEmpty()) {
            m_selectAfterLoad = names;
            m_currentAfterLoad = names.first();
        }
    }
    m_model->reload();
}

void FilesPanel::confirmAndDelete(const QStringList &paths, const QString &title)
{
    if (paths.isEmpty()) {
        return;
    }
    // Count first (in the background), then ask with the numbers: see onJobFinished().
    const JobRequest count = pinned(JobRequest::of(JobKind::DiskUsage, paths));
    const int id = m_operations->start(count);
    m_deleteCounts.insert(id, {paths, title});
    m_deletePins.insert(id, count.items);
}

void FilesPanel::trashSelected()
{
    const QStringList paths = selectedPaths();
    if (paths.isEmpty()) {
        return;
    }
    QStringList trashable;
    QStringList noTrash;
    QString reason;
    for (const QString &path : paths) {
        const trash::Location where = trash::locate(path);
        if (where.available) {
            trashable << path;
        } else {
            noTrash << path;
            reason = where.reason;
        }
    }
    if (!noTrash.isEmpty()) {
        const QString what = noTrash.size() == 1 ? py::repr(relative(noTrash.first()))
                                                 : tr("%n item(s)", nullptr, int(noTrash.size()));
        if (m_prompter->confirm(this, tr("No Trash Here"),
                                tr("%1 cannot be moved to the trash: %2\n\nDelete permanently "
                                   "instead?")
                                    .arg(what, reason),
                                tr("Delete Permanently"))) {
            confirmAndDelete(noTrash, tr("Delete Permanently"));
        }
    }
    if (!trashable.isEmpty()) {
        startJob(JobRequest::of(JobKind::Trash, trashable));
    }
}

void FilesPanel::deleteSelected()
{
    confirmAndDelete(selectedPaths(), tr("Delete Permanently"));
}

void FilesPanel::rmtreeSelected()
{
    const QStringList paths = selectedPaths();
    if (paths.size() == 1) {
        confirmAndDelete(paths, tr("shutil.rmtree"));
    }
}

void FilesPanel::diskUsageSelected()
{
    const QStringList paths = selectedPaths();
    if (paths.isEmpty()) {
        return;
    }
    JobRequest request = JobRequest::of(JobKind::DiskUsage, paths);
    QList<bool> dirs;
    for (const QString &path : paths) {
        dirs << isDirectory(path);
    }
    JobRequest shown = request;
    for (JobItem &item : shown.items) {
        item.source = relative(item.source);
    }
    setCode(python::job(shown, dirs));
    m_sizeJobs.insert(m_operations->start(request), paths);
}

void FilesPanel::copySelected()
{
    const QStringList paths = selectedPaths();
    if (!paths.isEmpty()) {
        QApplication::clipboard()->setMimeData(FileListModel::mimeDataForPaths(paths, false));
        showMessage(tr("%n item(s) copied to the clipboard.", nullptr, int(paths.size())), false);
    }
}

void FilesPanel::cutSelected()
{
    const QStringList paths = selectedPaths();
    if (!paths.isEmpty()) {
        QApplication::clipboard()->setMimeData(FileListModel::mimeDataForPaths(paths, true));
        showMessage(tr("%n item(s) cut: paste to move them.", nullptr, int(paths.size())), false);
    }
}

void FilesPanel::paste()
{
    const QMimeData *data = QApplication::clipboard()->mimeData();
    const QStringList paths = FileListModel::pathsFromMimeData(data);
    if (paths.isEmpty()) {
        return;
    }
    const bool move = FileListModel::isCutMimeData(data);
    pastePaths(paths, directory(), move);
    if (move) {
        QApplication::clipboard()->clear(); // a cut is pasted once
    }
}

void FilesPanel::pastePaths(const QStringList &paths, const QString &target, bool move)
{
    QStringList sources;
    for (const QString &path : paths) {
        // Moving a file onto the folder it is in does nothing; copying it there makes a copy
        // (the conflict question offers Rename).
        if (move && QFileInfo(path).absolutePath() == target) {
            continue;
        }
        if (target == path || target.startsWith(path + QLatin1Char('/'))) {
            showMessage(tr("Cannot copy or move %1 into itself.").arg(py::repr(path)), true);
            return;
        }
        sources << path;
    }
    if (!sources.isEmpty()) {
        planThenStart(JobRequest::into(move ? JobKind::Move : JobKind::Copy, sources, target),
                      false);
    }
}

Qt::DropAction FilesPanel::dropAction(const QStringList &paths, const QString &directory,
                                      Qt::KeyboardModifiers modifiers)
{
    if (modifiers & Qt::ControlModifier) {
        return Qt::CopyAction;
    }
    if (modifiers & Qt::ShiftModifier) {
        return Qt::MoveAction;
    }
    struct stat target;
    if (::stat(fsEncode(directory).constData(), &target) != 0) {
        return Qt::CopyAction;
    }
    for (const QString &path : paths) {
        struct stat source;
        // The item itself (a symbolic link is moved as a link, as shutil.move renames it).
        if (::lstat(fsEncode(path).constData(), &source) != 0
            || source.st_dev != target.st_dev) {
            return Qt::CopyAction;
        }
    }
    return Qt::MoveAction;
}

QString FilesPanel::dropTarget(const QObject *viewport, const QPoint &pos) const
{
    if (viewport == m_tree->viewport()) {
        const QModelIndex index = m_tree->indexAt(pos);
        return index.isValid() ? m_treeModel->filePath(index) : QString();
    }
    const QModelIndex index = m_view->indexAt(pos);
    if (index.isValid()) {
        const QString path = m_model->filePath(index.sibling(index.row(), 0));
        if (isDirectory(path)) {
            return path;
        }
    }
    return directory();
}

bool FilesPanel::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type type = event->type();
    if (type == QEvent::Resize && watched == m_view->viewport()) {
        fitNameColumn();
    }
    if ((watched != m_view->viewport() && watched != m_tree->viewport())
        || (type != QEvent::DragEnter && type != QEvent::DragMove && type != QEvent::Drop)) {
        return Panel::eventFilter(watched, event);
    }
    auto *drop = static_cast<QDropEvent *>(event);
    const QStringList paths = FileListModel::pathsFromMimeData(drop->mimeData());
    const QString target = paths.isEmpty()
        ? QString()
        : dropTarget(watched, drop->position().toPoint());
    if (target.isEmpty() || paths.contains(target)) {
        drop->ignore();
        return true;
    }
    Qt::DropAction action = dropAction(paths, target, drop->modifiers());
    if (!(drop->possibleActions() & action)) {
        action = action == Qt::MoveAction ? Qt::CopyAction : Qt::MoveAction;
        if (!(drop->possibleActions() & action)) {
            drop->ignore();
            return true;
        }
    }
    drop->setDropAction(action);
    drop->accept();
    if (type == QEvent::Drop) {
        pastePaths(paths, target, action == Qt::MoveAction);
    }
    return true;
}

void FilesPanel::copyTo()
{
    const QStringList paths = selectedPaths();
    if (paths.isEmpty()) {
        return;
    }
    const bool tree = std::any_of(paths.begin(), paths.end(), isDirectory);
    const auto target = m_prompter->askCopyTarget(
        this, tree ? tr("shutil.copytree") : tr("shutil.copy2"),
        paths.size() == 1 ? relative(paths.first()) + tr("_copy") : QStringLiteral("."), tree);
    if (!target) {
        return;
    }
    const QString dst = absolute(target->path);
    // shutil.copy2 copies into an existing folder; copytree's target is the new folder itself.
    const bool into = paths.size() > 1 || (!isDirectory(paths.first()) && isDirectory(dst));
    JobRequest request = into ? JobRequest::into(JobKind::Copy, paths, dst)
        : JobRequest::single(JobKind::Copy, paths.first(), dst);
    request.followSymlinks = target->followSymlinks;
    request.dirsExistOk = target->dirsExistOk;
    request.keepHardLinks = target->keepHardLinks;
    request.verify = target->verify;
    planThenStart(request, true);
}

void FilesPanel::moveTo()
{
    const QStringList paths = selectedPaths();
    if (paths.isEmpty()) {
        return;
    }
    const auto target = m_prompter->askCopyTarget(this, tr("shutil.move"), QStringLiteral("."),
                                                  false);
    if (!target) {
        return;
    }
    const QString dst = absolute(target->path);
    // shutil.move(src, dst): into dst when it is an existing folder, else renamed to dst.
    JobRequest request = paths.size() > 1 || isDirectory(dst)
        ? JobRequest::into(JobKind::Move, paths, dst)
        : JobRequest::single(JobKind::Move, paths.first(), dst);
    request.verify = target->verify; // a move across filesystems copies
    planThenStart(request, true);
}

#include "files/filespanel.h"

#include "common/pyrepr.h"
#include "files/directoryhistory.h"
#include "files/fileoperations.h"
#include "files/filelistmodel.h"
#include "files/historydialog.h"
#include "files/posixpath.h"
#include "files/pythoncode.h"
#include "files/trash.h"
#include "files/undojournal.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

using namespace stdlab;
using namespace stdlab::files;

// --- the undo journal -------------------------------------------------------------------------

QStringList FilesPanel::missingFolders(const QString &path) const
{
    QStringList missing;
    for (QString p = posixpath::normpath(absolute(path)); p.size() > 1
         && !m_os.exists(p) && !m_os.islink(p);
         p = posixpath::dirname(p)) {
        missing.prepend(p);
    }
    return missing;
}

void FilesPanel::record(JournalEntry::Kind kind, const QString &title,
                        const QList<JournalStep> &steps)
{
    if (steps.isEmpty()) {
        return;
    }
    JournalEntry e;
    e.kind = kind;
    e.title = title;
    e.steps = steps;
    UndoJournal(m_journalFile).record(e);
    Q_EMIT journalChanged();
}

void FilesPanel::journalJob(int jobId, const JobSummary &summary)
{
    const auto it = m_journalJobs.find(jobId);
    if (it == m_journalJobs.end()) {
        return;
    }
    const JournalJob job = it.value();
    m_journalJobs.erase(it);
    const auto failed = [&summary](const QString &source) {
        return summary.trashUnavailable.contains(source)
            || std::any_of(summary.errors.cbegin(), summary.errors.cend(),
                           [&source](const JobError &e) { return e.source == source; });
    };
    QList<JournalStep> steps;
    QStringList calls;
    if (job.request.kind == JobKind::Trash) {
        // summary.targets: where each item that went is in the trash, in the items' order.
        qsizetype next = 0;
        for (qsizetype i = 0; i < job.request.items.size(); ++i) {
            const QString source = job.request.items.at(i).source;
            if (failed(source) || next >= summary.targets.size()) {
                continue;
            }
            JournalStep step = job.before.at(i);
            step.to = summary.targets.at(next++);
            step.info = trash::infoPathOf(step.to);
            steps << step;
            calls << QStringLiteral("send2trash(%1)").arg(py::literal(relative(source)));
        }
        record(JournalEntry::Kind::Trash, calls.join(QStringLiteral("; ")), steps);
        return;
    }
    QStringList made;
    if (job.request.kind == JobKind::Archive || job.request.kind == JobKind::Unpack) {
        // What the job made (the archive; what the unpack made that was not there), never
        // what it found: undo removes it if unchanged, as a copy's.
        made = summary.targets;
        const JobItem &item = job.request.items.value(0);
        calls << (job.request.kind == JobKind::Archive
                      ? QStringLiteral("shutil.make_archive(%1, %2)")
                            .arg(py::literal(relative(item.target)), py::literal(job.request.archiveFormat))
                      : QStringLiteral("shutil.unpack_archive(%1, %2)")
                            .arg(py::literal(relative(item.source)), py::literal(relative(item.target))));
    }
    for (const JobItem &item : job.request.items) {
        if (job.request.kind == JobKind::Archive || job.request.kind == JobKind::Unpack) {
            break;
        }
        const QString source = absolute(item.source);
        const QString target = absolute(item.target);
        if (job.existed.contains(item.target) || failed(item.source)
            || !(m_os.exists(target) || m_os.islink(target))) {
            continue; // merged into, replaced, skipped or failed: not all of it is the job's
        }
        if (job.request.kind == JobKind::Move) {
            if (!m_os.exists(source) && !m_os.islink(source)) {
                steps << UndoJournal::pathStep(source, target);
                calls << python::move(relative(source), relative(target)).trimmed();
            }
        } else {
            made << target;
            calls << QStringLiteral("shutil.copy2/copytree(%1, %2)")
                         .arg(py::literal(relative(source)), py::literal(relative(target)));
        }
    }
    if (job.request.kind == JobKind::Move) {
        record(JournalEntry::Kind::Rename, calls.join(QStringLiteral("; ")), steps);
        return;
    }
    if (made.isEmpty()) {
        return;
    }
    // A copy's fingerprint reads all of it (BLAKE2b): in a worker, recorded when done.
    auto *watcher = new QFutureWatcher<QList<JournalStep>>(this);
    const QString title = calls.join(QStringLiteral("; "));
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, title] {
        record(JournalEntry::Kind::Copy, title, watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([made] {
        QList<JournalStep> fingerprints;
        for (const QString &target : made) {
            fingerprints << UndoJournal::copyStep(target);
        }
        return fingerprints;
    }));
}

void FilesPanel::undoLast()
{
    runJournal(false);
}

void FilesPanel::redoLast()
{
    runJournal(true);
}

HistoryDialog *FilesPanel::historyDialog() const
{
    return m_historyDialog.data();
}

void FilesPanel::showHistory()
{
    if (!m_historyDialog) {
        m_historyDialog = new HistoryDialog(m_journalFile, this);
        m_historyDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_historyDialog, &HistoryDialog::undoRequested, this,
                [this](qint64 id) { runJournal(false, id); });
        connect(m_historyDialog, &HistoryDialog::redoRequested, this,
                [this](qint64 id) { runJournal(true, id); });
        connect(this, &FilesPanel::journalFinished, m_historyDialog, &HistoryDialog::showResult);
        connect(this, &FilesPanel::journalChanged, m_historyDialog, &HistoryDialog::refresh);
    }
    m_historyDialog->show();
    m_historyDialog->raise();
    m_historyDialog->activateWindow();
}

void FilesPanel::runJournal(bool redo, qint64 id)
{
    if (!m_journalRuns.isEmpty()) {
        if (id) {
            Q_EMIT journalFinished(tr("An undo or redo is running: wait for it to finish."),
                                   true);
        }
        return;
    }
    // A job of the operations area: a move across filesystems is copied back with progress,
    // Pause and Cancel (a cancelled undo leaves both sides as they were).
    const int job = m_operations->start(
        JobRequest::journal(redo ? JobKind::Redo : JobKind::Undo, m_journalFile, id));
    m_journalRuns.insert(job, redo);
}

void FilesPanel::journalRunFinished(bool redo, const JobSummary &s)
{
    QString text;
    bool error = false;
    if (s.journalId == 0 && !s.cancelled) {
        text = redo ? tr("Nothing to redo.") : tr("Nothing to undo.");
    } else if (s.ok()) {
        text = (redo ? tr("Redone: %1") : tr("Undone: %1")).arg(s.journalTitle);
    } else {
        text = (redo ? tr("Cannot redo %1: %2") : tr("Cannot undo %1: %2"))
                   .arg(s.journalTitle,
                        s.errors.isEmpty() ? tr("cancelled; nothing was done.")
                                           : s.errors.first().message);
        error = true;
    }
    showMessage(text, error);
    m_model->reload();
    Q_EMIT journalFinished(text, error);
    Q_EMIT journalChanged();
}

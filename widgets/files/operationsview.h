#pragma once

#include "files/filejob.h"

#include <QHash>

#include <optional>
#include <QWidget>

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QToolButton;
class QVBoxLayout;

namespace stdlab::files {
class FileOperations;
}

/**
 * The operations area: one row per long job (copy, move, delete, trash, size) with its progress
 * bar, files, bytes, speed, time left, Pause/Resume (copy, move, delete, archive, unpack) and
 * Cancel; a job waiting for another to end shows as queued (Cancel ends it before it starts);
 * at the end, its outcome and the per-file errors, as shutil.Error would list them.
 */
class OperationsView : public QWidget
{
    Q_OBJECT

public:
    explicit OperationsView(stdlab::files::FileOperations *operations, QWidget *parent = nullptr);

    /// Rows shown (running and finished).
    int jobCount() const { return int(m_rows.size()); }
    /// The status line of job @p jobId ("3 of 10 files · …" or its outcome).
    QString statusText(int jobId) const;
    /// The per-file error lines of job @p jobId.
    QStringList errorLines(int jobId) const;

    static QString formatDuration(qint64 ms);

public Q_SLOTS:
    /// Removes the rows of finished jobs.
    void clearFinished();

Q_SIGNALS:
    /// History… was clicked: the journal of every operation, to undo or redo one.
    void historyRequested();

private:
    struct Row
    {
        QWidget *widget = nullptr;
        QLabel *title = nullptr;
        QProgressBar *bar = nullptr;
        QLabel *status = nullptr;
        QPushButton *pause = nullptr;
        QPushButton *cancel = nullptr;
        QToolButton *close = nullptr;
        QListWidget *errors = nullptr;
        bool finished = false;
        bool queued = false;
        /// The last progress shown (a pause shows it without speed and time left).
        std::optional<stdlab::files::JobProgress> last;
        bool dryRun = false;
        stdlab::files::JobKind kind = stdlab::files::JobKind::Copy;
    };
    void addRow(int jobId, const stdlab::files::JobRequest &request);
    void addQueuedRow(int jobId, const stdlab::files::JobRequest &request);
    void showPaused(int jobId, bool paused);
    void updateProgress(int jobId, const stdlab::files::JobProgress &progress);
    /// "3 of 10 files · 1 MB of 4 MB · 2 MB/s · 2 s left"; paused: no speed, no time left.
    QString progressText(const stdlab::files::JobProgress &progress, bool paused) const;
    void addError(int jobId, const stdlab::files::JobError &error);
    void finishRow(int jobId, const stdlab::files::JobSummary &summary);
    void removeRow(int jobId);
    void updatePlaceholder();

    stdlab::files::FileOperations *m_operations;
    QVBoxLayout *m_rowsLayout;
    QLabel *m_placeholder;
    QPushButton *m_clearButton;
    QHash<int, Row> m_rows;
};

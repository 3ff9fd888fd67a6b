#pragma once

#include "files/filejob.h"
#include "files/os.h"
#include "files/undojournal.h"
#include "panel.h"

#include <QHash>
#include <QPointer>
#include <QSet>

#include <memory>

class QAction;
class QFileSystemModel;
class QFrame;
class QLabel;
class MessageLabel;
class QLineEdit;
class QMenu;
class QSplitter;
class QToolBar;
class QTreeView;
class FilesActions;
class FilesPrompter;
class HistoryDialog;
class OperationsView;
class PathBar;
class PathTools;

namespace stdlab::files {
class DirectoryHistory;
class SelectionTotals;
class FileListModel;
class FileOperations;
class TemporaryItems;
} // namespace stdlab::files

/**
 * The Files tab: a small file manager (folder tree, file list, breadcrumbs, history) whose
 * toolbar, context menu and shortcuts run every os / shutil operation of the course, long
 * ones in the background, with the equivalent Python program in the code pane.
 */
class FilesPanel : public Panel
{
    Q_OBJECT

public:
    explicit FilesPanel(QWidget *parent = nullptr);
    ~FilesPanel() override;

    QString pythonCode() const override;
    void saveSettings(QSettings &settings) const override;
    void restoreSettings(QSettings &settings) override;

    QString directory() const;
    /// Shows @p path (absolute, ~, or relative to the current folder); false if it is not a
    /// folder (the error is shown in the message bar).
    bool setDirectory(const QString &path);

    stdlab::files::FileListModel *model() const { return m_model; }
    stdlab::files::FileOperations *operations() const { return m_operations; }
    stdlab::files::DirectoryHistory *history() const { return m_history; }
    QTreeView *view() const { return m_view; }
    PathBar *pathBar() const { return m_pathBar; }
    PathTools *pathTools() const { return m_pathTools; }
    FilesActions *actions() const { return m_actions; }
    OperationsView *operationsView() const { return m_operationsView; }
    /// The Operations History window, once opened (Ctrl+Shift+H).
    HistoryDialog *historyDialog() const;

    /// Replaces the dialogs (tests install scripted answers); the panel owns @p prompter.
    void setPrompter(std::unique_ptr<FilesPrompter> prompter);
    /// The undo journal's file (default: UndoJournal::defaultFile(); tests use their own).
    void setJournalFile(const QString &file) { m_journalFile = file; }
    QString journalFile() const { return m_journalFile; }
    FilesPrompter *prompter() const { return m_prompter.get(); }

    /// Absolute paths of the selected rows, in view order.
    QStringList selectedPaths() const;
    /// Selects the rows named @p names (in the current folder) and makes the first current.
    void selectNames(const QStringList &names);
    /// The text of the message bar (last result or error, in Python's words); empty if hidden.
    QString message() const;
    bool messageIsError() const;
    /// "1.50 KiB (1,536 bytes)", or "%n byte(s)" below a KiB.
    static QString sizeText(qint64 bytes);
    /// The course's files lessons work in @p root: while the folder shown is inside it, a
    /// banner says so ("" turns that off).
    void setSandboxRoot(const QString &root);
    /// True when the folder shown is in the sandbox set by setSandboxRoot().
    bool isInSandbox() const;
    /// What dropping @p paths on the folder @p directory does, as file managers decide it:
    /// Ctrl copies, Shift moves; otherwise a move within one filesystem (every source on the
    /// target's st_dev) and a copy across filesystems.
    static Qt::DropAction dropAction(const QStringList &paths, const QString &directory,
                                     Qt::KeyboardModifiers modifiers);

protected:
    /// Drags and drops on the file list and the folder tree (their viewports).
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    /// The shown folder changed (after history/tree/path-bar navigation).
    void directoryChanged(const QString &path);
    /// A synchronous operation finished (ok or not); its Python is pythonCode().
    void operationFinished(bool ok);
    /// The undo journal was written (an operation recorded, undone or redone).
    void journalChanged();
    /// An undo or redo finished: what the message bar says, and whether it is a refusal.
    void journalFinished(const QString &text, bool error);

private:
    void createActions();
    void createLayout();
    /// Sizes the detail columns to their headers and widest values (@p widenOnly: only those
    /// narrower than that, keeping the user's wider choice).
    void fitColumns(bool widenOnly);
    void fitNameColumn();
    void showDirectory(const QString &path, bool addToHistory);
    void onLoaded(const QString &path);
    void updateActions();
    void updateStatus();
    void syncTree();
    void showMessage(const QString &text, bool error);
    void updateSandboxBanner();
    void hideMessage();
    /// The Python of the last operation; @p inDirectory prefixes os.chdir(directory()).
    void setCode(const QString &statements, bool inDirectory = true);
    /// Shows a failed call as Python would print it ("FileExistsError: [Errno 17] ...").
    bool report(const QString &code, const stdlab::files::FsResult &result,
                const QString &successText, const QString &select = QString());
    QString relative(const QString &absolute) const;
    QString absolute(const QString &path) const;
    QString selectedName() const;
    /// lstat() says @p path is a folder (a symbolic link to one is not: os.rmdir refuses it).
    static bool isDirectory(const QString &path);
    void startJob(const stdlab::files::JobRequest &request);
    /// Plans @p request first (its dry run, in the operations area with progress and Cancel),
    /// then shows the plan and starts it if the user agrees; @p alwaysShow: even when the plan
    /// has nothing to warn about (Copy To / Move To), else only then (paste, drop).
    void planThenStart(const stdlab::files::JobRequest &request, bool alwaysShow);
    /// The Python of @p request in the code pane.
    void showJobCode(const stdlab::files::JobRequest &request);
    /// @p request with each listed source pinned to the file its row shows (device, inode).
    stdlab::files::JobRequest pinned(stdlab::files::JobRequest request) const;
    /// True when each of @p paths is still the file its row showed; else says so and reloads.
    bool selectionIsAsListed(const QStringList &paths);
    void onJobFinished(int jobId, const stdlab::files::JobSummary &summary);
    void onConflict(int jobId, const stdlab::files::ConflictInfo &conflict);
    void pastePaths(const QStringList &paths, const QString &directory, bool move);
    /// The folder under @p pos in the list's or the tree's viewport (the list's own folder
    /// between rows); empty where nothing can be dropped.
    QString dropTarget(const QObject *viewport, const QPoint &pos) const;
    void confirmAndDelete(const QStringList &paths, const QString &title);
    void openIndex(const QModelIndex &index);
    void showContextMenu(const QPoint &pos);

    // Actions.
    void goBack();
    void goForward();
    void goUp();
    void goHome();
    void refresh();
    void newFolder();
    void makeDirs();
    void makeDirsExistOk();
    void newFile();
    void renameSelected();
    /// re.sub on the selected names, previewed in a dialog, applied all or nothing.
    void batchRenameSelected();
    void checksumsOfSelected();
    /// shutil.make_archive of the one selected item (format and name asked, the plan shown and
    /// confirmed), in the worker; undo removes the archive if unchanged.
    void makeArchiveSelected();
    /// shutil.unpack_archive(filter="data") of the selected archive into a folder asked for:
    /// the plan (files, bytes, refusals, files kept) first, in the worker; undo removes what it
    /// made if unchanged.
    void unpackSelected();
    /// Ctrl+Z / Ctrl+Shift+Z: the journal's last operation, in a worker (a copy's undo hashes
    /// it first); the result is shown as a message.
    void undoLast();
    void redoLast();
    /// Undoes (@p redo: redoes) the entry @p id, 0 for the last one, in a worker.
    void runJournal(bool redo, qint64 id = 0);
    /// An undo or redo job ended: its message, the list read again.
    void journalRunFinished(bool redo, const stdlab::files::JobSummary &summary);
    /// The Operations History window (not modal), with Undo/Redo of the selected entry.
    void showHistory();
    void record(stdlab::files::JournalEntry::Kind kind, const QString &title,
                const QList<stdlab::files::JournalStep> &steps);
    /// Journals what a copy, move or trash job did (copies fingerprinted in a worker).
    void journalJob(int jobId, const stdlab::files::JobSummary &summary);
    /// The folders @p path names that do not exist yet, outermost first (what makedirs makes).
    QStringList missingFolders(const QString &path) const;
    void trashSelected();
    void deleteSelected();
    void removeSelected();
    void rmdirSelected();
    void removedirsSelected();
    void rmtreeSelected();
    void listSelected();
    void sizeSelected();
    void diskUsageSelected();
    void copySelected();
    void cutSelected();
    void paste();
    void copyTo();
    void moveTo();
    void newTemporaryFile();
    void newTemporaryDirectory();
    void removeTemporaryItems();
    void openSelected();

    stdlab::files::FileListModel *m_model;
    stdlab::files::DirectoryHistory *m_history;
    stdlab::files::FileOperations *m_operations;
    stdlab::files::TemporaryItems *m_temporary;
    stdlab::files::Os m_os;
    std::unique_ptr<FilesPrompter> m_prompter;
    struct JournalJob
    {
        stdlab::files::JobRequest request;
        QSet<QString> existed; // targets there before the job: not the job's to undo
        QList<stdlab::files::JournalStep> before; // each source's (device, inode)
    };
    QHash<int, JournalJob> m_journalJobs;
    /// Dry runs whose plan is shown when they end: job -> (the request, always show).
    QHash<int, QPair<stdlab::files::JobRequest, bool>> m_planJobs;
    /// Undo and redo run as jobs: job -> redo.
    QHash<int, bool> m_journalRuns;
    QString m_journalFile = stdlab::files::UndoJournal::defaultFile();
    QPointer<HistoryDialog> m_historyDialog;
    QFileSystemModel *m_treeModel;
    QTreeView *m_tree;
    QTreeView *m_view;
    PathBar *m_pathBar;
    PathTools *m_pathTools;
    OperationsView *m_operationsView;
    QLineEdit *m_filterEdit;
    MessageLabel *m_message;
    QLabel *m_statusLabel;
    QSplitter *m_hsplitter;
    QSplitter *m_vsplitter;
    QToolBar *m_navBar;
    MessageLabel *m_sandboxBanner = nullptr;
    QString m_sandboxRoot;
    QToolBar *m_opsBar;
    FilesActions *m_actions;
    stdlab::files::SelectionTotals *m_selectionTotals = nullptr;
    bool m_clipboardHasPaths = false;
    QString m_code;
    bool m_pathToolsActive = false;
    QStringList m_selectAfterLoad;
    QString m_currentAfterLoad;
    /// Jobs whose outcome the panel must act on: DiskUsage before a permanent delete, and the
    /// size of the selection.
    QHash<int, QPair<QStringList, QString>> m_deleteCounts; // job -> (paths, title)
    QHash<int, QList<stdlab::files::JobItem>> m_deletePins; // job -> the items counted
    QHash<int, QStringList> m_sizeJobs;
};

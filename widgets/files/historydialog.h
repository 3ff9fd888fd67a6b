#pragma once

#include "files/undojournal.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QList>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

/**
 * The Files tab's Operations history: every entry of the undo journal (what, when, done or
 * undone, and whether it can be undone or redone now, or why not), with Undo and Redo of the
 * selected entry. The checks run in a worker and act on nothing; the undo or redo itself is
 * asked of the panel (undoRequested / redoRequested), which runs it as Ctrl+Z runs, with the
 * journal's own checks: a conflict is reported and nothing is replaced.
 */
class HistoryDialog : public QDialog
{
    Q_OBJECT

public:
    explicit HistoryDialog(const QString &journalFile, QWidget *parent = nullptr);
    ~HistoryDialog() override;

    /// Rows shown, newest first.
    int rowCount() const;
    qint64 idAt(int row) const;
    /// The columns' texts of @p row: when, what (the Python), state, and what can be done.
    QString whenAt(int row) const;
    QString whatAt(int row) const;
    QString stateAt(int row) const;
    QString verdictAt(int row) const;
    /// The steps of the selected entry (from -> to), one a line.
    QString details() const;
    QString status() const;
    /// The checks of the last refresh are done (the rows hold their verdicts).
    bool isReady() const;
    void selectRow(int row);
    /// Whether Undo / Redo is offered for the selected entry.
    bool canUndoSelected() const;
    bool canRedoSelected() const;

public Q_SLOTS:
    /// Reads the journal again and checks every entry (in a worker).
    void refresh();
    void undoSelected();
    void redoSelected();
    /// What the panel did with a request: shown in the status line, then the list is read again.
    void showResult(const QString &text, bool error);

Q_SIGNALS:
    void undoRequested(qint64 id);
    void redoRequested(qint64 id);
    /// Checks done, rows filled.
    void refreshed();

private:
    struct Row
    {
        stdlab::files::JournalEntry entry;
        QString whyNot; // empty: can be undone (or redone, when undone)
    };
    void fill(const QList<Row> &rows);
    void updateButtons();
    void showDetails();
    const Row *selected() const;

    QString m_file;
    QList<Row> m_rows;
    QFutureWatcher<QList<Row>> *m_watcher = nullptr;
    bool m_refreshAgain = false;
    bool m_ready = false;
    bool m_waiting = false; // a request is with the panel
    QTreeWidget *m_list = nullptr;
    QPlainTextEdit *m_details = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_undo = nullptr;
    QPushButton *m_redo = nullptr;
};

#pragma once

#include "files/filejob.h"

#include <QDialog>

class QTreeWidget;

/**
 * The plan of a copy or move, shown before the Files tab acts (issue 18, "Plan before acting"):
 * what a dry run of the job found (files, folders, bytes, the names already taken and what
 * would happen to each, what undo could not bring back, what would be refused, another
 * filesystem or not, the space it needs), with the button that does it and Cancel.
 */
class PlanDialog : public QDialog
{
    Q_OBJECT

public:
    /// @p plan: the summary of @p request run with dryRun; @p acceptText labels the button.
    PlanDialog(const stdlab::files::JobRequest &request, const stdlab::files::JobSummary &plan,
               const QString &acceptText, QWidget *parent = nullptr);

    /// The text above the list (also what a prompter without this dialog shows).
    static QString summaryText(const stdlab::files::JobRequest &request,
                               const stdlab::files::JobSummary &plan);
    /// Whether the plan has anything to warn about: a name taken, a refusal, something undo
    /// cannot bring back, too little space, a move that copies across filesystems.
    static bool needsAttention(const stdlab::files::JobRequest &request,
                               const stdlab::files::JobSummary &plan);
    /// What the list says of @p outcome ("Replace", "Merge into"...).
    static QString outcomeText(const stdlab::files::PlannedConflict &conflict);

    /// The list's rows, "outcome | name | now there | note" (tests).
    QStringList rows() const;

private:
    QTreeWidget *m_list;
};

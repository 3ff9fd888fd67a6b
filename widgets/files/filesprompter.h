#pragma once

#include "files/filejob.h"
#include "files/batchrenamedialog.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

class QWidget;

/// Where a copy or move goes, and copytree's options.
struct CopyTarget
{
    QString path;
    bool followSymlinks = false; // copytree(symlinks=False)
    bool dirsExistOk = false;
    /// Files hard-linked together stay linked in the copy (cp -a); shutil makes separate files.
    bool keepHardLinks = false;
    /// Read each copy back and compare its BLAKE2b with the source's (JobRequest::verify).
    bool verify = false;
};

/// shutil.make_archive's format and base name (the archive is base + the format's extension).
struct ArchiveTarget
{
    QString format;
    QString base;
};

/**
 * Every question the Files panel asks the user. The panel never opens a dialog itself: GUI
 * tests install their own FilesPrompter with scripted answers instead of modal dialogs.
 */
class FilesPrompter
{
public:
    virtual ~FilesPrompter() = default;

    /// A yes/no question; @p acceptText labels the button that answers yes.
    virtual bool confirm(QWidget *parent, const QString &title, const QString &text,
                         const QString &acceptText) = 0;
    /// A line of text (a new name, a path); nullopt when cancelled.
    virtual std::optional<QString> askText(QWidget *parent, const QString &title,
                                           const QString &label, const QString &initial) = 0;
    /// The destination of a copy/move; @p tree offers copytree's options.
    virtual std::optional<CopyTarget> askCopyTarget(QWidget *parent, const QString &title,
                                                    const QString &initial, bool tree) = 0;
    /// What to do with a target that already exists (Overwrite / Skip / Rename / Cancel).
    virtual stdlab::files::ConflictResolution askConflict(
        QWidget *parent, const stdlab::files::ConflictInfo &conflict) = 0;
    /// re.sub's pattern, replacement and flags for renaming @p names of @p folder, with a live
    /// preview; nullopt when cancelled (or when the prompter cannot show one).
    virtual std::optional<BatchRenameRequest> askBatchRename(QWidget *parent,
                                                             const QString &folder,
                                                             const QStringList &names)
    {
        Q_UNUSED(parent);
        Q_UNUSED(folder);
        Q_UNUSED(names);
        return std::nullopt;
    }
    /// The plan of @p request (@p plan: its dry run) before the panel acts: true to go on
    /// (@p acceptText labels that button). A prompter that shows no plan lets it go.
    virtual bool confirmPlan(QWidget *parent, const stdlab::files::JobRequest &request,
                             const stdlab::files::JobSummary &plan, const QString &acceptText)
    {
        Q_UNUSED(parent);
        Q_UNUSED(request);
        Q_UNUSED(plan);
        Q_UNUSED(acceptText);
        return true;
    }
    /// The format and base name of a new archive (@p initialBase: the item's name); nullopt
    /// when cancelled.
    virtual std::optional<ArchiveTarget> askArchive(QWidget *parent, const QString &title,
                                                    const QString &initialBase)
    {
        Q_UNUSED(parent);
        Q_UNUSED(title);
        Q_UNUSED(initialBase);
        return std::nullopt;
    }
};

/** The real dialogs: message boxes, an input dialog and the conflict dialog. */
class DialogPrompter : public FilesPrompter
{
    Q_DECLARE_TR_FUNCTIONS(DialogPrompter)

public:
    bool confirm(QWidget *parent, const QString &title, const QString &text,
                 const QString &acceptText) override;
    std::optional<QString> askText(QWidget *parent, const QString &title, const QString &label,
                                   const QString &initial) override;
    std::optional<CopyTarget> askCopyTarget(QWidget *parent, const QString &title,
                                            const QString &initial, bool tree) override;
    stdlab::files::ConflictResolution askConflict(
        QWidget *parent, const stdlab::files::ConflictInfo &conflict) override;
    std::optional<BatchRenameRequest> askBatchRename(QWidget *parent, const QString &folder,
                                                     const QStringList &names) override;
    std::optional<ArchiveTarget> askArchive(QWidget *parent, const QString &title,
                                            const QString &initialBase) override;
    bool confirmPlan(QWidget *parent, const stdlab::files::JobRequest &request,
                     const stdlab::files::JobSummary &plan, const QString &acceptText) override;
};

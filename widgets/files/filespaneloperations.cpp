#include "files/filespanel.h"

#include "common/pyrepr.h"
#include "files/batchrename.h"
#include "files/checksumdialog.h"
#include "files/filelistmodel.h"
#include "files/filesprompter.h"
#include "files/pathtools.h"
#include "files/pythoncode.h"
#include "files/temporaryitems.h"
#include "files/undojournal.h"

#include <QFileInfo>


using namespace stdlab;
using namespace stdlab::files;

// --- synchronous os operations --------------------------------------------------------------

void FilesPanel::newFolder()
{
    const auto name = m_prompter->askText(this, tr("New Folder"), tr("Name of the new folder:"),
                                          tr("New Folder"));
    if (!name || name->isEmpty()) {
        return;
    }
    const FsResult r = m_os.mkdir(*name);
    if (r.ok) {
        record(JournalEntry::Kind::Create, python::mkdir(*name).trimmed(),
               {UndoJournal::pathStep(QString(), absolute(*name))});
    }
    report(python::mkdir(*name), r, QString(), *name);
}

void FilesPanel::makeDirs()
{
    const auto path = m_prompter->askText(this, tr("os.makedirs"),
                                          tr("Folders to create, e.g. a/b/c:"),
                                          QStringLiteral("mi_directorio/mi_subdirectorio"));
    if (!path || path->isEmpty()) {
        return;
    }
    const QStringList missing = missingFolders(*path);
    const FsResult r = m_os.makedirs(*path, false);
    if (r.ok) {
        QList<JournalStep> steps;
        for (const QString &m : missing) {
            steps << UndoJournal::pathStep(QString(), m);
        }
        record(JournalEntry::Kind::Create, python::makedirs(*path, false).trimmed(), steps);
    }
    report(python::makedirs(*path, false), r,
           tr("Created %1").arg(py::repr(*path)), path->section(QLatin1Char('/'), 0, 0));
}

void FilesPanel::makeDirsExistOk()
{
    const auto path = m_prompter->askText(this, tr("os.makedirs(exist_ok=True)"),
                                          tr("Folders to create, e.g. a/b/c:"),
                                          QStringLiteral("mi_directorio/mi_subdirectorio"));
    if (!path || path->isEmpty()) {
        return;
    }
    const QStringList missing = missingFolders(*path);
    const FsResult r = m_os.makedirs(*path, true);
    if (r.ok) {
        QList<JournalStep> steps;
        for (const QString &m : missing) {
            steps << UndoJournal::pathStep(QString(), m);
        }
        record(JournalEntry::Kind::Create, python::makedirs(*path, true).trimmed(), steps);
    }
    report(python::makedirs(*path, true), r,
           tr("%1 exists now").arg(py::repr(*path)), path->section(QLatin1Char('/'), 0, 0));
}

void FilesPanel::newFile()
{
    const auto name = m_prompter->askText(this, tr("New File"), tr("Name of the new empty file:"),
                                          tr("new_file.txt"));
    if (!name || name->isEmpty()) {
        return;
    }
    const FsResult r = m_os.createFile(*name);
    if (r.ok) {
        record(JournalEntry::Kind::Create, python::createFile(*name).trimmed(),
               {UndoJournal::pathStep(QString(), absolute(*name))});
    }
    report(python::createFile(*name), r, QString(), *name);
}

void FilesPanel::renameSelected()
{
    const QString name = selectedName();
    if (name.isEmpty()) {
        return;
    }
    const auto newName = m_prompter->askText(this, tr("Rename"), tr("New name:"), name);
    if (!newName || newName->isEmpty() || *newName == name) {
        return;
    }
    // os.rename replaces an existing file without a word: never let that happen silently.
    if (m_os.exists(*newName) || m_os.islink(*newName)) {
        if (!m_prompter->confirm(this, tr("Replace?"),
                                 tr("%1 already exists. os.rename would replace it. Replace it?")
                                     .arg(py::repr(*newName)),
                                 tr("Replace"))) {
            return;
        }
    }
    if (!selectionIsAsListed(selectedPaths())) {
        return;
    }
    const FsResult r = m_os.rename(name, *newName);
    if (r.ok) {
        record(JournalEntry::Kind::Rename, python::rename(name, *newName).trimmed(),
               {UndoJournal::pathStep(absolute(name), absolute(*newName))});
    }
    report(python::rename(name, *newName), r, QString(), *newName);
}

void FilesPanel::checksumsOfSelected()
{
    QStringList files;
    for (const QString &path : selectedPaths()) {
        if (!isDirectory(path)) {
            files << path;
        }
    }
    if (files.isEmpty()) {
        showMessage(tr("Checksums are of files: select one or more files."), true);
        return;
    }
    // Not modal: hashing big files takes a while and the tab stays usable meanwhile.
    auto *dialog = new ChecksumDialog(directory(), files, this);
    dialog->setObjectName(QStringLiteral("checksumDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_code = dialog->pythonCode();
    m_pathToolsActive = false;
    Q_EMIT pythonCodeChanged();
    dialog->show();
}

void FilesPanel::batchRenameSelected()
{
    QStringList names;
    for (const QString &path : selectedPaths()) {
        names << relative(path);
    }
    if (names.isEmpty()) {
        return;
    }
    const auto answer = m_prompter->askBatchRename(this, directory(), names);
    if (!answer || !selectionIsAsListed(selectedPaths())) {
        return;
    }
    QStringList paths;
    for (const QString &name : std::as_const(names)) {
        paths << absolute(name);
    }
    // Planned again: the folder may have changed while the dialog was open.
    const RenamePlan plan = planRenames(paths, answer->pattern, answer->replacement,
                                        answer->flags);
    const QString code = python::batchRename(QStringLiteral("."), names, answer->pattern,
                                             answer->replacement, answer->flags);
    if (!plan.error.isEmpty()) {
        report(code, FsResult::failure(QStringLiteral("re.error"), plan.error), QString());
        return;
    }
    if (!plan.canApply()) {
        QStringList why;
        for (const RenameItem &item : plan.items) {
            if (item.problem != RenameItem::Problem::None) {
                why << py::repr(item.oldName) + QStringLiteral(" → ") + py::repr(item.newName)
                        + QStringLiteral(": ") + BatchRenameDialog::noteFor(item);
            }
        }
        setCode(code);
        showMessage(tr("Nothing was renamed: %n name(s) cannot be used.", nullptr,
                       int(why.size()))
                        + QLatin1Char('\n') + why.join(QLatin1Char('\n')),
                    true);
        return;
    }
    const RenameOutcome outcome = applyRenames(plan);
    if (!outcome.ok) {
        FsResult failure = outcome.error;
        if (outcome.rolledBack) {
            failure.message += QLatin1Char('\n') + tr("Every rename done was undone: nothing was renamed.");
        } else {
            failure.message += QLatin1Char('\n') + tr("These renames could not be undone:")
                + QLatin1Char('\n') + outcome.rollbackFailures.join(QLatin1Char('\n'));
        }
        report(code, failure, QString());
        m_model->reload();
        return;
    }
    QString last;
    QList<JournalStep> steps;
    for (const RenameItem &item : plan.items) {
        if (item.changes()) {
            last = item.newName;
            steps << UndoJournal::pathStep(item.path, item.newPath());
        }
    }
    record(JournalEntry::Kind::Rename,
           QStringLiteral("re.sub(%1, %2, name) × %3")
               .arg(py::literal(answer->pattern), py::literal(answer->replacement))
               .arg(steps.size()),
           steps);
    report(code, FsResult::success(), tr("%n file(s) renamed.", nullptr, int(outcome.renamed)),
           last);
}

void FilesPanel::removeSelected()
{
    const QStringList paths = selectedPaths();
    if (paths.isEmpty()) {
        return;
    }
    if (!selectionIsAsListed(paths)) {
        return;
    }
    // os.remove bypasses the trash, as Shift+Delete does: it asks the same way.
    const QString what = paths.size() == 1 ? py::repr(relative(paths.first()))
                                           : tr("%n item(s)", nullptr, int(paths.size()));
    if (!m_prompter->confirm(this, tr("os.remove"),
                             tr("Permanently delete %1?\n\nos.remove does not use the trash: "
                                "it cannot be undone.")
                                 .arg(what),
                             tr("Delete Permanently"))) {
        return;
    }
    QString code;
    for (const QString &path : paths) {
        const QString name = relative(path);
        code += python::remove(name);
        const FsResult r = m_os.remove(name);
        if (!r.ok) {
            report(code, r, QString());
            return;
        }
    }
    report(code, FsResult::success(), QString());
}

void FilesPanel::rmdirSelected()
{
    const QString name = selectedName();
    if (!selectionIsAsListed(selectedPaths())) {
        return;
    }
    const FsResult r = m_os.rmdir(name);
    report(python::rmdir(name), r, QString());
}

void FilesPanel::removedirsSelected()
{
    const QString name = selectedName();
    if (!selectionIsAsListed(selectedPaths())) {
        return;
    }
    const FsResult r = m_os.removedirs(name);
    report(python::removedirs(name), r, QString());
}

void FilesPanel::listSelected()
{
    const QString name = selectedPaths().size() == 1 && isDirectory(selectedPaths().first())
        ? selectedName()
        : QStringLiteral(".");
    const ListResult r = m_os.listdir(name);
    QStringList items;
    for (const QString &n : r.names) {
        items << py::repr(n);
    }
    constexpr int kShown = 200;
    QString shown = py::list(items.mid(0, kShown));
    if (items.size() > kShown) {
        shown.chop(1);
        shown += tr(", … %n more]", nullptr, int(items.size() - kShown));
    }
    setCode(python::listdir(name));
    report(python::listdir(name), r,
           QStringLiteral("os.listdir(%1) → %2").arg(py::repr(name), shown));
}

void FilesPanel::sizeSelected()
{
    const QString name = selectedName();
    const SizeResult r = m_os.getsize(name);
    report(python::getsize(name), r,
           QStringLiteral("os.path.getsize(%1) → %2").arg(py::repr(name)).arg(r.size));
}

// --- temporary items ------------------------------------------------------------------------

namespace {
const QString kTemporaryPrefix = QStringLiteral("stdlab-");
} // namespace

void FilesPanel::newTemporaryFile()
{
    // Named as Python's tempfile names them: prefix and random letters, no dot, so that the
    // random part never reads as an extension ("stdlab.OZANHL" was listed as an "OZANHL file").
    const QString path = m_temporary->createFile(kTemporaryPrefix + QStringLiteral("XXXXXXXX"));
    if (path.isEmpty()) {
        showMessage(m_temporary->errorString(), true);
        return;
    }
    showDirectory(QFileInfo(path).absolutePath(), true);
    m_selectAfterLoad = {QFileInfo(path).fileName()};
    m_currentAfterLoad = m_selectAfterLoad.first();
    m_code = python::program(python::temporaryFile(kTemporaryPrefix));
    Q_EMIT pythonCodeChanged();
    showMessage(tr("Temporary file %1 created; it is removed when StdLab closes, or with "
                   "shutil > tempfile > Remove Temporary Items.")
                    .arg(path),
                false);
    updateActions();
}

void FilesPanel::newTemporaryDirectory()
{
    const QString path = m_temporary->createDirectory(kTemporaryPrefix + QStringLiteral("XXXXXXXX"));
    if (path.isEmpty()) {
        showMessage(m_temporary->errorString(), true);
        return;
    }
    showDirectory(path, true);
    m_code = python::program(python::temporaryDirectory(kTemporaryPrefix));
    Q_EMIT pythonCodeChanged();
    showMessage(tr("Temporary folder %1 created; it is removed when StdLab closes, or with "
                   "shutil > tempfile > Remove Temporary Items.")
                    .arg(path),
                false);
    updateActions();
}

void FilesPanel::removeTemporaryItems()
{
    const QStringList paths = m_temporary->paths();
    for (const QString &path : paths) {
        if (directory() == path || directory().startsWith(path + QLatin1Char('/'))) {
            showDirectory(QFileInfo(path).absolutePath(), true);
        }
    }
    m_temporary->removeAll();
    showMessage(tr("%n temporary item(s) removed.", nullptr, int(paths.size())), false);
    m_model->reload();
    updateActions();
}

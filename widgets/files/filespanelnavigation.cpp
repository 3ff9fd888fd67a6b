#include "files/filespanel.h"

#include "files/directoryhistory.h"
#include "files/filelistmodel.h"
#include "files/fspath.h"
#include "files/pathbar.h"
#include "files/pathtools.h"
#include "files/pythoncode.h"
#include "learn/lessonstate.h"
#include "messagelabel.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QFileSystemModel>
#include <QLineEdit>
#include <QTreeView>

#include <cerrno>
#include <sys/stat.h>

using namespace stdlab;
using namespace stdlab::files;

// --- navigation -----------------------------------------------------------------------------

QString FilesPanel::directory() const
{
    return m_model->directory();
}

QString FilesPanel::absolute(const QString &path) const
{
    QString p = path;
    if (p == QLatin1String("~") || p.startsWith(QLatin1String("~/"))) {
        p = QDir::homePath() + p.mid(1);
    }
    if (!p.startsWith(QLatin1Char('/'))) {
        p = directory().isEmpty() ? QDir::current().absoluteFilePath(p)
                                  : directory() + QLatin1Char('/') + p;
    }
    return QDir::cleanPath(p);
}

QString FilesPanel::relative(const QString &path) const
{
    const QString dir = directory();
    if (path == dir) {
        return QStringLiteral(".");
    }
    const QString prefix = dir == QLatin1String("/") ? dir : dir + QLatin1Char('/');
    return path.startsWith(prefix) ? path.mid(prefix.size()) : path;
}

bool FilesPanel::setDirectory(const QString &path)
{
    const QString target = absolute(path);
    struct stat st{};
    if (::stat(fsEncode(target).constData(), &st) != 0) {
        const int e = errno;
        showMessage(pythonErrorLine(e, osErrorMessage(e, path)), true);
        return false;
    }
    if (!S_ISDIR(st.st_mode)) {
        showMessage(pythonErrorLine(ENOTDIR, osErrorMessage(ENOTDIR, path)), true);
        return false;
    }
    showDirectory(target, true);
    return true;
}

void FilesPanel::showDirectory(const QString &path, bool addToHistory)
{
    if (addToHistory) {
        m_history->visit(path);
    }
    if (path == directory()) {
        return;
    }
    m_selectAfterLoad.clear();
    m_currentAfterLoad.clear();
    // What was said about the last folder, and the filter typed for it, stay with it: in the
    // next folder a getsize result is stale and a filter makes it look empty.
    hideMessage();
    m_filterEdit->clear();
    m_model->setDirectory(path);
    m_os.setWorkingDirectory(path);
    m_pathBar->setPath(path);
    m_pathTools->setWorkingDirectory(path);
    syncTree();
    m_pathToolsActive = false;
    setCode(python::listdir(path), false);
    updateActions();
    updateStatus();
    updateSandboxBanner();
    Q_EMIT directoryChanged(path);
}

void FilesPanel::setSandboxRoot(const QString &root)
{
    m_sandboxRoot = root;
    updateSandboxBanner();
}

bool FilesPanel::isInSandbox() const
{
    return !m_sandboxRoot.isEmpty() && stdlab::learn::Sandbox(m_sandboxRoot).contains(directory());
}

void FilesPanel::updateSandboxBanner()
{
    if (!m_sandboxBanner) {
        return;
    }
    if (isInSandbox()) {
        m_sandboxBanner->showMessage(
            tr("Sandbox: StdLab's practice folder for the course (%1). Anything done here stays "
               "here; Reset Sandbox in the Course empties it.")
                .arg(QDir::toNativeSeparators(m_sandboxRoot)));
        m_sandboxBanner->show();
    } else {
        m_sandboxBanner->clear();
        m_sandboxBanner->hide();
    }
}

void FilesPanel::onLoaded(const QString &path)
{
    Q_UNUSED(path)
    // Another listing is on its way (the folder changed meanwhile): select from that one.
    if (!m_selectAfterLoad.isEmpty() && !m_model->isLoading()) {
        const QStringList names = m_selectAfterLoad;
        const QString current = m_currentAfterLoad;
        m_selectAfterLoad.clear();
        m_currentAfterLoad.clear();
        selectNames(names);
        const QModelIndex index = m_model->indexOf(current);
        if (index.isValid()) {
            m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
        }
    }
    updateActions();
    updateStatus();
}

void FilesPanel::syncTree()
{
    const QModelIndex index = m_treeModel->index(directory());
    if (index.isValid()) {
        m_tree->setCurrentIndex(index);
        m_tree->scrollTo(index);
    }
}

void FilesPanel::goBack()
{
    const QString path = m_history->back();
    if (!path.isEmpty()) {
        showDirectory(path, false);
    }
}

void FilesPanel::goForward()
{
    const QString path = m_history->forward();
    if (!path.isEmpty()) {
        showDirectory(path, false);
    }
}

void FilesPanel::goUp()
{
    const QString child = QFileInfo(directory()).fileName();
    const QString parent = DirectoryHistory::parentOf(directory());
    if (!parent.isEmpty()) {
        showDirectory(parent, true);
        m_selectAfterLoad = {child}; // the folder we came from stays selected, as in Dolphin
        m_currentAfterLoad = child;
    }
}

void FilesPanel::goHome()
{
    showDirectory(QDir::homePath(), true);
}

void FilesPanel::refresh()
{
    m_model->reload();
}

void FilesPanel::openIndex(const QModelIndex &index)
{
    const QString path = m_model->filePath(index);
    if (path.isEmpty()) {
        return;
    }
    if (m_model->isDir(index)) {
        showDirectory(path, true);
    } else {
        QDesktopServices::openUrl(FileListModel::urlForPath(path));
    }
}

void FilesPanel::openSelected()
{
    openIndex(m_view->currentIndex().sibling(m_view->currentIndex().row(), 0));
}

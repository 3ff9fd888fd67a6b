#include "files/filespanel.h"

#include "files/archive.h"
#include "files/batchrename.h"
#include "files/undojournal.h"

#include "common/pyrepr.h"
#include "files/checksumdialog.h"
#include "files/directoryhistory.h"
#include "files/fileitemdelegate.h"
#include "files/filelistmodel.h"
#include "files/fileoperations.h"
#include "files/fspath.h"
#include "files/filesprompter.h"
#include "files/historydialog.h"
#include "files/operationsview.h"
#include "files/pathbar.h"
#include "files/pathtools.h"
#include "files/posixpath.h"
#include "files/pythoncode.h"
#include "files/temporaryitems.h"
#include "files/trash.h"
#include "learn/lessonstate.h"
#include "messagelabel.h"

#include <QAction>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QDropEvent>
#include <QFileInfo>
#include <QFileSystemModel>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMimeData>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

#include <cstring>

#include <algorithm>
#include <cerrno>
#include <sys/stat.h>

using namespace stdlab;
using namespace stdlab::files;

namespace {

/// The class CPython raises for an OSError with this errno (PEP 3151).
QString exceptionName(int errnum)
{
    return osErrorType(errnum);
}

QString pythonError(const FsResult &result)
{
    if (result.errnum == 0) {
        return result.message; // not an OSError (ValueError...): the text says it all
    }
    return exceptionName(result.errnum) + QStringLiteral(": ") + result.message;
}

bool isDirectory(const QString &path)
{
    struct stat st{};
    return ::lstat(fsEncode(path).constData(), &st) == 0 && S_ISDIR(st.st_mode);
}

} // namespace

FilesPanel::FilesPanel(QWidget *parent)
    : Panel(parent)
    , m_model(new FileListModel(this))
    , m_history(new DirectoryHistory(this))
    , m_operations(new FileOperations(this))
    , m_temporary(new TemporaryItems(this))
    , m_prompter(std::make_unique<DialogPrompter>())
    , m_treeModel(new QFileSystemModel(this))
    , m_tree(new QTreeView(this))
    , m_view(new QTreeView(this))
    , m_pathBar(new PathBar(this))
    , m_pathTools(new PathTools(this))
    , m_operationsView(new OperationsView(m_operations, this))
    , m_filterEdit(new QLineEdit(this))
    , m_message(new MessageLabel(this))
    , m_statusLabel(new QLabel(this))
    , m_hsplitter(new QSplitter(Qt::Horizontal, this))
    , m_vsplitter(new QSplitter(Qt::Vertical, this))
    , m_navBar(new QToolBar(this))
    , m_opsBar(new QToolBar(this))
    , m_osMenu(new QMenu(QStringLiteral("os"), this))
    , m_shutilMenu(new QMenu(QStringLiteral("shutil"), this))
{
    setObjectName(QStringLiteral("filesPanel"));
    createActions();
    createLayout();

    connect(m_model, &FileListModel::loaded, this, &FilesPanel::onLoaded);
    connect(m_model, &FileListModel::loadFailed, this,
            [this](const QString &, int errnum, const QString &message) {
                showMessage(exceptionName(errnum) + QStringLiteral(": ") + message, true);
                updateStatus();
            });
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        // A reload of the same folder keeps the selection (restored in onLoaded).
        if (m_selectAfterLoad.isEmpty() && m_model->rowCount() > 0) {
            for (const QString &path : selectedPaths()) {
                m_selectAfterLoad << QFileInfo(path).fileName();
            }
            m_currentAfterLoad = m_model->fileName(m_view->currentIndex());
        }
    });
    connect(m_model, &FileListModel::dropRequested, this,
            [this](const QStringList &paths, const QString &directory, Qt::DropAction action) {
                pastePaths(paths, directory, action == Qt::MoveAction);
            });
    connect(m_history, &DirectoryHistory::changed, this, &FilesPanel::updateActions);
    connect(m_model, &FileListModel::loadingChanged, this, &FilesPanel::updateStatus);
    connect(m_pathBar, &PathBar::pathRequested, this,
            [this](const QString &path) { setDirectory(path); });
    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_model->setNameFilter(text);
        updateStatus();
    });
    connect(m_view, &QTreeView::activated, this, &FilesPanel::openIndex);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        updateStatus();
    });
    // The tree reads folders asynchronously: scroll to the shown folder once its parents are in.
    connect(m_treeModel, &QFileSystemModel::directoryLoaded, this, [this](const QString &loaded) {
        if (loaded == QLatin1String("/") || directory() == loaded
            || directory().startsWith(loaded + QLatin1Char('/'))) {
            syncTree();
        }
    });
    connect(m_tree, &QTreeView::clicked, this, [this](const QModelIndex &index) {
        setDirectory(m_treeModel->filePath(index));
    });
    connect(m_pathTools, &PathTools::changed, this, [this] {
        m_pathToolsActive = true;
        Q_EMIT pythonCodeChanged();
    });
    connect(m_operations, &FileOperations::started, this,
            [this](int, const JobRequest &) { updateActions(); });
    connect(m_operations, &FileOperations::finished, this, &FilesPanel::onJobFinished);
    connect(m_operations, &FileOperations::conflictDetected, this, &FilesPanel::onConflict);
    connect(QApplication::clipboard(), &QClipboard::dataChanged, this, &FilesPanel::updateActions);

    setCode(QString());
    m_pathToolsActive = false;
    updateActions();
    // The first folder is shown once settings had their say (restoreSettings follows the
    // constructor); a test's setDirectory() before that wins too.
    QTimer::singleShot(0, this, [this] {
        if (directory().isEmpty()) {
            showDirectory(QDir::homePath(), true);
        }
    });
}

FilesPanel::~FilesPanel()
{
    m_operations->cancelAll();
}

QAction *FilesPanel::addAction(const QString &name, const QString &text, const QString &icon,
                               void (FilesPanel::*slot)(), const QKeySequence &shortcut)
{
    auto *action = new QAction(QIcon::fromTheme(icon), text, this);
    action->setObjectName(name);
    if (!shortcut.isEmpty()) {
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setToolTip(QStringLiteral("%1 (%2)").arg(
            QString(text).remove(QLatin1Char('&')), shortcut.toString(QKeySequence::NativeText)));
    }
    if (slot) {
        connect(action, &QAction::triggered, this, slot);
    }
    QWidget::addAction(action);
    m_actions.insert(name, action);
    return action;
}

void FilesPanel::createActions()
{
    QStyle *s = style();
    addAction(QStringLiteral("actionBack"), tr("Back"), QStringLiteral("go-previous"),
              &FilesPanel::goBack, QKeySequence(Qt::ALT | Qt::Key_Left))
        ->setIcon(QIcon::fromTheme(QStringLiteral("go-previous"), s->standardIcon(QStyle::SP_ArrowBack)));
    addAction(QStringLiteral("actionForward"), tr("Forward"), QStringLiteral("go-next"),
              &FilesPanel::goForward, QKeySequence(Qt::ALT | Qt::Key_Right))
        ->setIcon(QIcon::fromTheme(QStringLiteral("go-next"), s->standardIcon(QStyle::SP_ArrowForward)));
    addAction(QStringLiteral("actionUp"), tr("Up"), QStringLiteral("go-up"), &FilesPanel::goUp,
              QKeySequence(Qt::ALT | Qt::Key_Up))
        ->setIcon(QIcon::fromTheme(QStringLiteral("go-up"), s->standardIcon(QStyle::SP_ArrowUp)));
    addAction(QStringLiteral("actionHome"), tr("Home"), QStringLiteral("go-home"),
              &FilesPanel::goHome, QKeySequence(Qt::ALT | Qt::Key_Home))
        ->setIcon(QIcon::fromTheme(QStringLiteral("go-home"), s->standardIcon(QStyle::SP_DirHomeIcon)));
    addAction(QStringLiteral("actionRefresh"), tr("Refresh"), QStringLiteral("view-refresh"),
              &FilesPanel::refresh, QKeySequence(Qt::Key_F5))
        ->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh"), s->standardIcon(QStyle::SP_BrowserReload)));
    QAction *hidden = addAction(QStringLiteral("actionShowHidden"), tr("Show Hidden Files"),
                                QStringLiteral("view-hidden"), nullptr,
                                QKeySequence(Qt::CTRL | Qt::Key_H));
    hidden->setCheckable(true);
    connect(hidden, &QAction::toggled, this, [this](bool show) {
        m_model->setShowHidden(show);
        QDir::Filters filters = QDir::AllDirs | QDir::NoDotAndDotDot;
        if (show) {
            filters |= QDir::Hidden;
        }
        m_treeModel->setFilter(filters);
        updateStatus();
    });
    QAction *location = addAction(QStringLiteral("actionEditLocation"), tr("Edit Location"),
                                  QStringLiteral("document-edit"), nullptr,
                                  QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(location, &QAction::triggered, m_pathBar, &PathBar::startEditing);
    QAction *filter = addAction(QStringLiteral("actionFilter"), tr("Filter"),
                                QStringLiteral("view-filter"), nullptr,
                                QKeySequence(Qt::CTRL | Qt::Key_F));
    connect(filter, &QAction::triggered, this, [this] {
        m_filterEdit->setFocus(Qt::ShortcutFocusReason);
        m_filterEdit->selectAll();
    });

    addAction(QStringLiteral("actionOpen"), tr("Open"), QStringLiteral("document-open"),
              &FilesPanel::openSelected);
    addAction(QStringLiteral("actionNewFolder"), tr("New Folder…"), QStringLiteral("folder-new"),
              &FilesPanel::newFolder, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N))
        ->setIcon(QIcon::fromTheme(QStringLiteral("folder-new"), s->standardIcon(QStyle::SP_FileDialogNewFolder)));
    addAction(QStringLiteral("actionNewFile"), tr("New File…"), QStringLiteral("document-new"),
              &FilesPanel::newFile, QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_N))
        ->setIcon(QIcon::fromTheme(QStringLiteral("document-new"), s->standardIcon(QStyle::SP_FileIcon)));
    addAction(QStringLiteral("actionMakeDirs"), tr("os.makedirs(…)"), QString(),
              &FilesPanel::makeDirs);
    addAction(QStringLiteral("actionMakeDirsExistOk"), tr("os.makedirs(…, exist_ok=True)"),
              QString(), &FilesPanel::makeDirsExistOk);
    addAction(QStringLiteral("actionRename"), tr("Rename…"), QStringLiteral("edit-rename"),
              &FilesPanel::renameSelected, QKeySequence(Qt::Key_F2));
    addAction(QStringLiteral("actionBatchRename"), tr("Rename with re.sub…"), QString(),
              &FilesPanel::batchRenameSelected, QKeySequence(Qt::CTRL | Qt::Key_F2));
    addAction(QStringLiteral("actionChecksums"), tr("Checksums…"), QString(),
              &FilesPanel::checksumsOfSelected, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    addAction(QStringLiteral("actionMakeArchive"), tr("Make Archive… (shutil.make_archive)"),
              QStringLiteral("package-x-generic"), &FilesPanel::makeArchiveSelected);
    addAction(QStringLiteral("actionUnpack"), tr("Unpack… (shutil.unpack_archive)"),
              QStringLiteral("archive-extract"), &FilesPanel::unpackSelected);
    addAction(QStringLiteral("actionUndo"), tr("Undo"), QStringLiteral("edit-undo"),
              &FilesPanel::undoLast, QKeySequence(Qt::CTRL | Qt::Key_Z));
    addAction(QStringLiteral("actionRedo"), tr("Redo"), QStringLiteral("edit-redo"),
              &FilesPanel::redoLast, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    addAction(QStringLiteral("actionHistory"), tr("Operations History…"),
              QStringLiteral("document-open-recent"), &FilesPanel::showHistory,
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    addAction(QStringLiteral("actionTrash"), tr("Move to Trash"), QStringLiteral("user-trash"),
              &FilesPanel::trashSelected, QKeySequence(Qt::Key_Delete))
        ->setIcon(QIcon::fromTheme(QStringLiteral("user-trash"), s->standardIcon(QStyle::SP_TrashIcon)));
    addAction(QStringLiteral("actionDelete"), tr("Delete Permanently…"),
              QStringLiteral("edit-delete"), &FilesPanel::deleteSelected,
              QKeySequence(Qt::SHIFT | Qt::Key_Delete))
        ->setIcon(QIcon::fromTheme(QStringLiteral("edit-delete"), s->standardIcon(QStyle::SP_DialogDiscardButton)));
    addAction(QStringLiteral("actionRemove"), tr("os.remove (file)"), QString(),
              &FilesPanel::removeSelected);
    addAction(QStringLiteral("actionRmdir"), tr("os.rmdir (empty folder)"), QString(),
              &FilesPanel::rmdirSelected);
    addAction(QStringLiteral("actionRemovedirs"), tr("os.removedirs (empty folders upwards)"),
              QString(), &FilesPanel::removedirsSelected);
    addAction(QStringLiteral("actionRmtree"), tr("shutil.rmtree (folder and contents)…"),
              QString(), &FilesPanel::rmtreeSelected);
    addAction(QStringLiteral("actionListdir"), tr("os.listdir"), QString(),
              &FilesPanel::listSelected);
    addAction(QStringLiteral("actionGetsize"), tr("os.path.getsize"), QString(),
              &FilesPanel::sizeSelected);
    addAction(QStringLiteral("actionDiskUsage"), tr("Size (recursive)"),
              QStringLiteral("view-statistics"), &FilesPanel::diskUsageSelected,
              QKeySequence(Qt::ALT | Qt::Key_Return));
    addAction(QStringLiteral("actionCopy"), tr("Copy"), QStringLiteral("edit-copy"),
              &FilesPanel::copySelected, QKeySequence::Copy);
    addAction(QStringLiteral("actionCut"), tr("Cut"), QStringLiteral("edit-cut"),
              &FilesPanel::cutSelected, QKeySequence::Cut);
    addAction(QStringLiteral("actionPaste"), tr("Paste"), QStringLiteral("edit-paste"),
              &FilesPanel::paste, QKeySequence::Paste);
    addAction(QStringLiteral("actionCopyTo"), tr("Copy To… (shutil.copy2 / copytree)"),
              QStringLiteral("edit-copy"), &FilesPanel::copyTo);
    addAction(QStringLiteral("actionMoveTo"), tr("Move To… (shutil.move)"),
              QStringLiteral("go-jump"), &FilesPanel::moveTo);
    addAction(QStringLiteral("actionTempFile"), tr("New Temporary File"), QString(),
              &FilesPanel::newTemporaryFile);
    addAction(QStringLiteral("actionTempDir"), tr("New Temporary Folder"), QString(),
              &FilesPanel::newTemporaryDirectory);
    addAction(QStringLiteral("actionRemoveTemp"), tr("Remove Temporary Items"), QString(),
              &FilesPanel::removeTemporaryItems);

    // Alternative keys file-manager users expect.
    auto *backspace = new QAction(this);
    backspace->setShortcut(QKeySequence(Qt::Key_Backspace));
    backspace->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(backspace, &QAction::triggered, this, &FilesPanel::goBack);
    QWidget::addAction(backspace);

    m_osMenu->setObjectName(QStringLiteral("osMenu"));
    for (const char *name : {"actionNewFolder", "actionMakeDirs", "actionMakeDirsExistOk",
                             "actionNewFile", "actionListdir", "actionGetsize", "actionRename",
                             "actionBatchRename", "actionRemove", "actionRmdir", "actionRemovedirs"}) {
        m_osMenu->addAction(m_actions.value(QLatin1String(name)));
    }
    m_shutilMenu->setObjectName(QStringLiteral("shutilMenu"));
    for (const char *name : {"actionCopyTo", "actionMoveTo", "actionRmtree", "actionDiskUsage",
                             "actionMakeArchive", "actionUnpack"}) {
        m_shutilMenu->addAction(m_actions.value(QLatin1String(name)));
    }
    m_shutilMenu->addSeparator();
    QMenu *temp = m_shutilMenu->addMenu(tr("tempfile"));
    temp->addAction(m_actions.value(QStringLiteral("actionTempFile")));
    temp->addAction(m_actions.value(QStringLiteral("actionTempDir")));
    temp->addAction(m_actions.value(QStringLiteral("actionRemoveTemp")));
}

void FilesPanel::createLayout()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);

    // Navigation row: history buttons, breadcrumbs, refresh.
    m_navBar->setObjectName(QStringLiteral("filesNavBar"));
    m_navBar->setIconSize(QSize(18, 18));
    for (const char *name : {"actionBack", "actionForward", "actionUp", "actionHome"}) {
        m_navBar->addAction(m_actions.value(QLatin1String(name)));
    }
    m_navBar->addWidget(m_pathBar);
    m_navBar->addAction(m_actions.value(QStringLiteral("actionRefresh")));
    layout->addWidget(m_navBar);
    m_sandboxBanner = new MessageLabel(this);
    m_sandboxBanner->setObjectName(QStringLiteral("sandboxBanner"));
    m_sandboxBanner->hide();
    layout->addWidget(m_sandboxBanner);

    // Operations row.
    m_opsBar->setObjectName(QStringLiteral("filesOpsBar"));
    m_opsBar->setIconSize(QSize(18, 18));
    m_opsBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    for (const char *name : {"actionNewFolder", "actionNewFile"}) {
        m_opsBar->addAction(m_actions.value(QLatin1String(name)));
    }
    m_opsBar->addSeparator();
    for (const char *name : {"actionCopy", "actionCut", "actionPaste"}) {
        QAction *a = m_actions.value(QLatin1String(name));
        m_opsBar->addAction(a);
        if (auto *button = qobject_cast<QToolButton *>(m_opsBar->widgetForAction(a))) {
            button->setToolButtonStyle(Qt::ToolButtonIconOnly);
        }
    }
    m_opsBar->addSeparator();
    m_opsBar->addAction(m_actions.value(QStringLiteral("actionTrash")));
    QAction *del = m_actions.value(QStringLiteral("actionDelete"));
    m_opsBar->addAction(del);
    if (auto *button = qobject_cast<QToolButton *>(m_opsBar->widgetForAction(del))) {
        button->setToolButtonStyle(Qt::ToolButtonIconOnly);
    }
    m_opsBar->addSeparator();
    for (QMenu *menu : {m_osMenu, m_shutilMenu}) {
        auto *button = new QToolButton(m_opsBar);
        button->setObjectName(menu->objectName() + QStringLiteral("Button"));
        button->setText(menu->title());
        button->setMenu(menu);
        button->setPopupMode(QToolButton::InstantPopup);
        button->setToolTip(tr("Every %1 operation of the course").arg(menu->title()));
        QFont mono = button->font();
        mono.setFamily(QStringLiteral("monospace"));
        mono.setStyleHint(QFont::Monospace);
        button->setFont(mono);
        m_opsBar->addWidget(button);
    }
    auto *spacer = new QWidget(m_opsBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_opsBar->addWidget(spacer);
    m_filterEdit->setObjectName(QStringLiteral("filterEdit"));
    m_filterEdit->setAccessibleName(tr("Filter by name"));
    m_filterEdit->setPlaceholderText(tr("Filter (*.txt or text)"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setMinimumWidth(150);
    m_filterEdit->setMaximumWidth(260);
    m_opsBar->addWidget(m_filterEdit);
    m_opsBar->addAction(m_actions.value(QStringLiteral("actionShowHidden")));
    layout->addWidget(m_opsBar);


    // Folder tree.
    m_treeModel->setObjectName(QStringLiteral("treeModel"));
    m_treeModel->setFilter(QDir::AllDirs | QDir::NoDotAndDotDot);
    m_treeModel->setReadOnly(true);
    m_treeModel->setRootPath(QStringLiteral("/"));
    m_tree->setObjectName(QStringLiteral("folderTree"));
    m_tree->setAccessibleName(tr("Folders"));
    m_tree->setModel(m_treeModel);
    m_tree->setHeaderHidden(true);
    for (int c = 1; c < m_treeModel->columnCount(); ++c) {
        m_tree->hideColumn(c);
    }
    m_tree->setUniformRowHeights(true);
    m_tree->setAnimated(false);
    // Drops on a folder of the tree, handled by eventFilter() like those on the list: the
    // tree's model is read-only, the files go through the file worker.
    m_tree->setAcceptDrops(true);
    m_tree->setDropIndicatorShown(true);
    m_tree->viewport()->installEventFilter(this);

    // File list.
    m_view->setObjectName(QStringLiteral("fileList"));
    m_view->setAccessibleName(tr("Files in the folder"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new FileItemDelegate(m_view));
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true); // essential with 100,000 rows
    m_view->setAllColumnsShowFocus(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(FileListModel::NameColumn, Qt::AscendingOrder);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setDragEnabled(true);
    m_view->setAcceptDrops(true);
    m_view->setDropIndicatorShown(true);
    m_view->setDragDropMode(QAbstractItemView::DragDrop);
    m_view->setDefaultDropAction(Qt::CopyAction);
    m_view->viewport()->installEventFilter(this);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &FilesPanel::showContextMenu);
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(false);
    fitColumns(/*widen only*/ false);
    connect(header, &QHeaderView::sectionResized, this, [this](int column) {
        if (column != FileListModel::NameColumn) {
            fitNameColumn();
        }
    });

    auto *listArea = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listArea);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->setSpacing(2);
    listLayout->addWidget(m_view, 1);
    // The result or error of the last operation, in Python's words, under the list: it shrinks
    // the list from below and moves no control.
    m_message->setObjectName(QStringLiteral("messageBar"));
    m_message->setClosable(true);
    listLayout->addWidget(m_message);
    m_statusLabel->setObjectName(QStringLiteral("filesStatus"));
    listLayout->addWidget(m_statusLabel);

    m_vsplitter->setObjectName(QStringLiteral("filesVSplitter"));
    m_vsplitter->addWidget(listArea);
    m_vsplitter->addWidget(m_operationsView);
    connect(m_operationsView, &OperationsView::historyRequested, this, &FilesPanel::showHistory);
    m_vsplitter->setStretchFactor(0, 4);
    m_vsplitter->setStretchFactor(1, 1);
    m_vsplitter->setChildrenCollapsible(false);

    auto *toolsScroll = new QScrollArea(this);
    toolsScroll->setWidget(m_pathTools);
    toolsScroll->setObjectName(QStringLiteral("pathToolsScroll"));
    toolsScroll->setWidgetResizable(true);
    toolsScroll->setFrameShape(QFrame::NoFrame);
    toolsScroll->setMinimumWidth(200);
    // Never sideways: the section wraps its title and puts results under their calls instead.
    toolsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    toolsScroll->setFocusPolicy(Qt::NoFocus); // Tab goes to the fields, not their container

    m_hsplitter->setObjectName(QStringLiteral("filesHSplitter"));
    m_hsplitter->addWidget(m_tree);
    m_hsplitter->addWidget(m_vsplitter);
    m_hsplitter->addWidget(toolsScroll);
    m_hsplitter->setStretchFactor(0, 1);
    m_hsplitter->setStretchFactor(1, 4);
    m_hsplitter->setStretchFactor(2, 1);
    m_hsplitter->setSizes({190, 640, 270});
    layout->addWidget(m_hsplitter, 1);
}

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
        showMessage(pythonError(FsResult::fromErrno(errno, path)), true);
        return false;
    }
    if (!S_ISDIR(st.st_mode)) {
        showMessage(pythonError(FsResult::fromErrno(ENOTDIR, path)), true);
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

// --- selection, messages, code --------------------------------------------------------------

QStringList FilesPanel::selectedPaths() const
{
    QStringList paths;
    QModelIndexList rows = m_view->selectionModel()->selectedRows(FileListModel::NameColumn);
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    for (const QModelIndex &index : rows) {
        paths << m_model->filePath(index);
    }
    return paths;
}

QString FilesPanel::selectedName() const
{
    const QStringList paths = selectedPaths();
    return paths.size() == 1 ? QFileInfo(paths.first()).fileName() : QString();
}

void FilesPanel::selectNames(const QStringList &names)
{
    QItemSelection selection;
    QModelIndex first;
    for (const QString &name : names) {
        const QModelIndex index = m_model->indexOf(name);
        if (index.isValid()) {
            selection.select(index, index.sibling(index.row(), FileListModel::ColumnCount - 1));
            if (!first.isValid()) {
                first = index;
            }
        }
    }
    m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    if (first.isValid()) {
        m_view->selectionModel()->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
        m_view->scrollTo(first);
    }
}

QString FilesPanel::message() const
{
    return m_message->text();
}

bool FilesPanel::messageIsError() const
{
    return !m_message->isEmpty() && m_message->kind() == MessageLabel::Error;
}

void FilesPanel::showMessage(const QString &text, bool error)
{
    m_message->showMessage(text, error ? MessageLabel::Error : MessageLabel::Information);
}

void FilesPanel::hideMessage()
{
    m_message->clear();
}

void FilesPanel::setCode(const QString &statements, bool inDirectory)
{
    QString body = statements;
    const QString dir = directory();
    if (inDirectory && !dir.isEmpty() && !statements.isEmpty()) {
        body = QStringLiteral("os.chdir(%1)\n").arg(py::literal(dir)) + statements;
    }
    m_code = python::program(body.isEmpty() ? QStringLiteral("print(os.listdir())\n") : body);
    m_pathToolsActive = false;
    Q_EMIT pythonCodeChanged();
}

QString FilesPanel::pythonCode() const
{
    return m_pathToolsActive ? m_pathTools->pythonCode() : m_code;
}

bool FilesPanel::report(const QString &code, int errnum, const QString &message,
                        const QString &successText, const QString &select)
{
    setCode(code);
    const bool ok = message.isEmpty();
    if (!ok) {
        FsResult failure;
        failure.ok = false;
        failure.errnum = errnum;
        failure.message = message;
        showMessage(pythonError(failure), true);
    } else {
        if (!successText.isEmpty()) {
            showMessage(successText, false);
        } else {
            hideMessage();
        }
        if (!select.isEmpty()) {
            m_selectAfterLoad = {select};
            m_currentAfterLoad = select;
        }
        m_model->reload();
    }
    Q_EMIT operationFinished(ok);
    return ok;
}

void FilesPanel::updateActions()
{
    const QStringList selected = selectedPaths();
    const bool any = !selected.isEmpty();
    const bool one = selected.size() == 1;
    const bool oneDir = one && isDirectory(selected.first());
    auto enable = [this](const char *name, bool on) {
        m_actions.value(QLatin1String(name))->setEnabled(on);
    };
    enable("actionBack", m_history->canGoBack());
    enable("actionForward", m_history->canGoForward());
    enable("actionUp", !DirectoryHistory::parentOf(directory()).isEmpty());
    for (const char *name : {"actionRename", "actionGetsize"}) {
        enable(name, one);
    }
    enable("actionOpen", one);
    enable("actionMakeArchive", one);
    enable("actionUnpack", one && !oneDir);
    for (const char *name : {"actionTrash", "actionDelete", "actionRemove", "actionCopy",
                             "actionCut", "actionCopyTo", "actionMoveTo", "actionDiskUsage",
                             "actionBatchRename", "actionChecksums"}) {
        enable(name, any);
    }
    for (const char *name : {"actionRmdir", "actionRemovedirs", "actionRmtree"}) {
        enable(name, oneDir);
    }
    const QMimeData *clip = QApplication::clipboard()->mimeData();
    enable("actionPaste", !FileListModel::pathsFromMimeData(clip).isEmpty());
    enable("actionRemoveTemp", !m_temporary->paths().isEmpty());
}

void FilesPanel::updateStatus()
{
    int dirs = 0;
    int files = 0;
    qint64 bytes = 0;
    const int rows = m_model->rowCount();
    for (int row = 0; row < rows; ++row) {
        const FileEntry *e = m_model->entry(m_model->index(row, 0));
        if (e->isDir) {
            ++dirs;
        } else {
            ++files;
            bytes += e->size;
        }
    }
    const QLocale locale;
    QString text = m_model->isLoading()
        ? tr("Loading…")
        : tr("%n folder(s)", nullptr, dirs) + QStringLiteral(", ")
            + tr("%n file(s)", nullptr, files)
            + QStringLiteral(" (%1)").arg(locale.formattedDataSize(bytes));
    const int hidden = m_model->totalCount() - rows;
    if (hidden > 0) {
        text += QStringLiteral(" · ") + tr("%n hidden or filtered out", nullptr, hidden);
    }
    const int selected = int(m_view->selectionModel()->selectedRows().size());
    if (selected > 0) {
        text += QStringLiteral(" · ") + tr("%n selected", nullptr, selected);
    }
    m_statusLabel->setText(text);
}

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
    report(python::mkdir(*name), r.errnum, r.message, QString(), *name);
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
    report(python::makedirs(*path, false), r.errnum, r.message,
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
    report(python::makedirs(*path, true), r.errnum, r.message,
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
    report(python::createFile(*name), r.errnum, r.message, QString(), *name);
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
    report(python::rename(name, *newName), r.errnum, r.message, QString(), *newName);
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
        report(code, 0, QStringLiteral("re.error: ") + plan.error, QString());
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
        QString message = outcome.error.message;
        if (outcome.rolledBack) {
            message += QLatin1Char('\n') + tr("Every rename done was undone: nothing was renamed.");
        } else {
            message += QLatin1Char('\n') + tr("These renames could not be undone:") + QLatin1Char('\n')
                + outcome.rollbackFailures.join(QLatin1Char('\n'));
        }
        report(code, outcome.error.errnum, message, QString());
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
    report(code, 0, QString(), tr("%n file(s) renamed.", nullptr, int(outcome.renamed)), last);
}

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
        report(python::makeArchive(relative(base), format, relative(item)), EEXIST,
               osErrorMessage(EEXIST, relative(archive)), QString());
        return;
    }
    QString root = posixpath::dirname(item);
    const QString name = posixpath::basename(item);
    auto *watcher = new QFutureWatcher<ArchivePlan>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [=, this] {
        const ArchivePlan plan = watcher->result();
        watcher->deleteLater();
        if (!plan.exception.isEmpty()) {
            showMessage(plan.exception + QStringLiteral(": ") + plan.message, true);
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
            report(python::unpackArchive(relative(archive), relative(dest)), 0,
                   plan.exception + QStringLiteral(": ") + plan.message, QString());
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
                text += QStringLiteral("\n  ") + why.exception + QStringLiteral(": ") + why.message;
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
    if (m_journalBusy) {
        if (id) {
            Q_EMIT journalFinished(tr("An undo or redo is running: wait for it to finish."),
                                   true);
        }
        return;
    }
    m_journalBusy = true;
    auto *watcher = new QFutureWatcher<UndoResult>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, redo] {
        const UndoResult r = watcher->result();
        watcher->deleteLater();
        m_journalBusy = false;
        QString text;
        bool error = false;
        if (r.ok) {
            text = (redo ? tr("Redone: %1") : tr("Undone: %1")).arg(r.entry.title);
        } else if (r.entry.id == 0) {
            text = redo ? tr("Nothing to redo.") : tr("Nothing to undo.");
        } else {
            text = (redo ? tr("Cannot redo %1: %2") : tr("Cannot undo %1: %2"))
                       .arg(r.entry.title, r.message);
            error = true;
        }
        showMessage(text, error);
        m_model->reload();
        Q_EMIT journalFinished(text, error);
        Q_EMIT journalChanged();
    });
    const QString file = m_journalFile;
    watcher->setFuture(QtConcurrent::run([file, redo, id] {
        UndoJournal journal(file);
        return redo ? journal.redo(id) : journal.undo(id);
    }));
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
            report(code, r.errnum, r.message, QString());
            return;
        }
    }
    report(code, 0, QString(), QString());
}

void FilesPanel::rmdirSelected()
{
    const QString name = selectedName();
    if (!selectionIsAsListed(selectedPaths())) {
        return;
    }
    const FsResult r = m_os.rmdir(name);
    report(python::rmdir(name), r.errnum, r.message, QString());
}

void FilesPanel::removedirsSelected()
{
    const QString name = selectedName();
    if (!selectionIsAsListed(selectedPaths())) {
        return;
    }
    const FsResult r = m_os.removedirs(name);
    report(python::removedirs(name), r.errnum, r.message, QString());
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
    report(python::listdir(name), r.errnum, r.message,
           QStringLiteral("os.listdir(%1) → %2").arg(py::repr(name), shown));
}

void FilesPanel::sizeSelected()
{
    const QString name = selectedName();
    const SizeResult r = m_os.getsize(name);
    report(python::getsize(name), r.errnum, r.message,
           QStringLiteral("os.path.getsize(%1) → %2").arg(py::repr(name)).arg(r.size));
}

// --- long operations (worker thread) --------------------------------------------------------

void FilesPanel::startJob(const JobRequest &request)
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
        startJob(JobRequest::into(move ? JobKind::Move : JobKind::Copy, sources, target));
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
    startJob(request);
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
    startJob(request);
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

// --- context menu ---------------------------------------------------------------------------

void FilesPanel::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid()) {
        m_view->clearSelection();
    }
    QMenu menu(this);
    auto add = [&](const char *name) { menu.addAction(m_actions.value(QLatin1String(name))); };
    if (index.isValid()) {
        add("actionOpen");
        menu.addSeparator();
    }
    add("actionNewFolder");
    add("actionNewFile");
    menu.addSeparator();
    add("actionUndo");
    add("actionRedo");
    add("actionHistory");
    menu.addSeparator();
    if (index.isValid()) {
        add("actionCut");
        add("actionCopy");
    }
    add("actionPaste");
    menu.addSeparator();
    if (index.isValid()) {
        add("actionRename");
        add("actionBatchRename");
        add("actionCopyTo");
        add("actionMoveTo");
        menu.addSeparator();
        add("actionTrash");
        add("actionDelete");
        menu.addSeparator();
        add("actionDiskUsage");
        add("actionChecksums");
        add("actionMakeArchive");
        add("actionUnpack");
    }
    menu.addMenu(m_osMenu);
    menu.addMenu(m_shutilMenu);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

// --- settings -------------------------------------------------------------------------------

void FilesPanel::saveSettings(QSettings &settings) const
{
    settings.setValue(QStringLiteral("directory"), directory());
    settings.setValue(QStringLiteral("showHidden"),
                      m_actions.value(QStringLiteral("actionShowHidden"))->isChecked());
    settings.setValue(QStringLiteral("sortColumn"), m_model->sortColumn());
    settings.setValue(QStringLiteral("sortOrder"), int(m_model->sortOrder()));
    settings.setValue(QStringLiteral("header"), m_view->header()->saveState());
    settings.setValue(QStringLiteral("hsplitter"), m_hsplitter->saveState());
    settings.setValue(QStringLiteral("vsplitter"), m_vsplitter->saveState());
    settings.setValue(QStringLiteral("pathToolsPath"), m_pathTools->path());
    settings.setValue(QStringLiteral("pathToolsJoin"), m_pathTools->joinPart());
}

void FilesPanel::fitColumns(bool widenOnly)
{
    // From each header and the widest value the column shows, not fixed pixels: 100 px clipped
    // "Permissions" (and "Permisos" went past the edge at 800x600). Never by measuring rows.
    QHeaderView *header = m_view->header();
    const QFontMetrics fm = m_view->fontMetrics();
    const int margins = 2
        * (m_view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_view) + 1);
    const struct {
        int column;
        QString widest;
    } columns[] = {
        {FileListModel::SizeColumn, QLocale().formattedDataSize(1024LL * 1024 * 1024 - 1)},
        // Room for "Python script", "secuencia de órdenes…" is cut: a tooltip-length type.
        {FileListModel::TypeColumn, QString(18, QLatin1Char('n'))},
        {FileListModel::ModifiedColumn, QStringLiteral("2000-00-00 00:00")},
        {FileListModel::PermissionsColumn, QStringLiteral("drwxrwxrwx")},
    };
    for (const auto &c : columns) {
        const int width =
            std::max(header->sectionSizeHint(c.column), fm.horizontalAdvance(c.widest) + margins);
        if (!widenOnly || header->sectionSize(c.column) < width) {
            header->resizeSection(c.column, width);
        }
    }
}

void FilesPanel::fitNameColumn()
{
    // The name takes what the other columns leave, as a stretched column would, but never less
    // than a readable name: stretched, it was squeezed to 26 px at 800x600 and the list scrolled
    // sideways to show the permissions instead. Now the details scroll, not the names.
    QHeaderView *header = m_view->header();
    header->setSectionResizeMode(FileListModel::NameColumn, QHeaderView::Interactive);
    int others = 0;
    for (int c = 0; c < header->count(); ++c) {
        if (c != FileListModel::NameColumn && !header->isSectionHidden(c)) {
            others += header->sectionSize(c);
        }
    }
    const int readable = std::max(header->sectionSizeHint(FileListModel::NameColumn),
                                  m_view->fontMetrics().averageCharWidth() * 24);
    header->resizeSection(FileListModel::NameColumn,
                          std::max(readable, m_view->viewport()->width() - others));
}

void FilesPanel::restoreSettings(QSettings &settings)
{
    m_view->header()->restoreState(settings.value(QStringLiteral("header")).toByteArray());
    fitColumns(/*widen only*/ true); // widths saved before a longer translation, or a bug
    fitNameColumn();
    m_hsplitter->restoreState(settings.value(QStringLiteral("hsplitter")).toByteArray());
    m_vsplitter->restoreState(settings.value(QStringLiteral("vsplitter")).toByteArray());
    m_actions.value(QStringLiteral("actionShowHidden"))
        ->setChecked(settings.value(QStringLiteral("showHidden"), false).toBool());
    const int column = settings.value(QStringLiteral("sortColumn"), 0).toInt();
    const auto order = Qt::SortOrder(settings.value(QStringLiteral("sortOrder"), 0).toInt());
    m_view->sortByColumn(column, order);
    if (settings.contains(QStringLiteral("pathToolsPath"))) {
        m_pathTools->setPath(settings.value(QStringLiteral("pathToolsPath")).toString());
        m_pathTools->setJoinPart(settings.value(QStringLiteral("pathToolsJoin")).toString());
    }
    const QString dir = settings.value(QStringLiteral("directory")).toString();
    if (!dir.isEmpty() && QFileInfo(dir).isDir()) {
        showDirectory(dir, true);
    }
    m_pathToolsActive = false;
    Q_EMIT pythonCodeChanged();
}

void FilesPanel::setPrompter(std::unique_ptr<FilesPrompter> prompter)
{
    m_prompter = std::move(prompter);
}

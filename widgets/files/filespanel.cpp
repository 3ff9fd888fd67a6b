#include "files/filespanel.h"

#include "common/pyrepr.h"
#include "files/directoryhistory.h"
#include "files/fileitemdelegate.h"
#include "files/filelistmodel.h"
#include "files/fileoperations.h"
#include "files/filesactions.h"
#include "files/selectiontotals.h"
#include "files/filesprompter.h"
#include "files/fspath.h"
#include "files/operationsview.h"
#include "files/pathbar.h"
#include "files/pathtools.h"
#include "files/pythoncode.h"
#include "files/temporaryitems.h"
#include "messagelabel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileInfo>
#include <QFileSystemModel>
#include <QFrame>
#include <QHeaderView>
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
#include <QVBoxLayout>

#include <algorithm>
#include <sys/stat.h>

using namespace stdlab;
using namespace stdlab::files;

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
    , m_actions(new FilesActions(this))
{
    setObjectName(QStringLiteral("filesPanel"));
    createActions();
    createLayout();

    connect(m_model, &FileListModel::loaded, this, &FilesPanel::onLoaded);
    connect(m_model, &FileListModel::loadFailed, this,
            [this](const QString &, int errnum, const QString &message) {
                showMessage(pythonErrorLine(errnum, message), true);
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
    // What the selection holds is kept from each change's delta (SelectionTotals): a change of
    // one row in a folder of 100,000 no longer counts them all.
    m_selectionTotals = new SelectionTotals(m_model, m_view->selectionModel(), this);
    connect(m_selectionTotals, &SelectionTotals::changed, this, [this] {
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
    m_operations->setQueueing(true); // long operations one after another, Pause/Resume
    connect(m_operations, &FileOperations::conflictDetected, this, &FilesPanel::onConflict);
    // Read once per clipboard change, not per selection change (on X11 it asks the owner).
    const auto readClipboard = [this] {
        m_clipboardHasPaths
            = !FileListModel::pathsFromMimeData(QApplication::clipboard()->mimeData()).isEmpty();
        updateActions();
    };
    connect(QApplication::clipboard(), &QClipboard::dataChanged, this, readClipboard);
    readClipboard();

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

void FilesPanel::createActions()
{
    using Id = FilesActions::Id;
    const std::pair<Id, void (FilesPanel::*)()> handlers[] = {
        {Id::Back, &FilesPanel::goBack},
        {Id::Forward, &FilesPanel::goForward},
        {Id::Up, &FilesPanel::goUp},
        {Id::Home, &FilesPanel::goHome},
        {Id::Refresh, &FilesPanel::refresh},
        {Id::Open, &FilesPanel::openSelected},
        {Id::NewFolder, &FilesPanel::newFolder},
        {Id::NewFile, &FilesPanel::newFile},
        {Id::MakeDirs, &FilesPanel::makeDirs},
        {Id::MakeDirsExistOk, &FilesPanel::makeDirsExistOk},
        {Id::Rename, &FilesPanel::renameSelected},
        {Id::BatchRename, &FilesPanel::batchRenameSelected},
        {Id::Checksums, &FilesPanel::checksumsOfSelected},
        {Id::MakeArchive, &FilesPanel::makeArchiveSelected},
        {Id::Unpack, &FilesPanel::unpackSelected},
        {Id::Undo, &FilesPanel::undoLast},
        {Id::Redo, &FilesPanel::redoLast},
        {Id::History, &FilesPanel::showHistory},
        {Id::Trash, &FilesPanel::trashSelected},
        {Id::Delete, &FilesPanel::deleteSelected},
        {Id::Remove, &FilesPanel::removeSelected},
        {Id::Rmdir, &FilesPanel::rmdirSelected},
        {Id::Removedirs, &FilesPanel::removedirsSelected},
        {Id::Rmtree, &FilesPanel::rmtreeSelected},
        {Id::Listdir, &FilesPanel::listSelected},
        {Id::Getsize, &FilesPanel::sizeSelected},
        {Id::DiskUsage, &FilesPanel::diskUsageSelected},
        {Id::Copy, &FilesPanel::copySelected},
        {Id::Cut, &FilesPanel::cutSelected},
        {Id::Paste, &FilesPanel::paste},
        {Id::CopyTo, &FilesPanel::copyTo},
        {Id::MoveTo, &FilesPanel::moveTo},
        {Id::TempFile, &FilesPanel::newTemporaryFile},
        {Id::TempDir, &FilesPanel::newTemporaryDirectory},
        {Id::RemoveTemp, &FilesPanel::removeTemporaryItems},
    };
    for (const auto &[id, handler] : handlers) {
        connect(m_actions->action(id), &QAction::triggered, this, handler);
    }
    connect(m_actions, &FilesActions::backRequested, this, &FilesPanel::goBack);
    connect(m_actions->action(Id::ShowHidden), &QAction::toggled, this, [this](bool show) {
        m_model->setShowHidden(show);
        QDir::Filters filters = QDir::AllDirs | QDir::NoDotAndDotDot;
        if (show) {
            filters |= QDir::Hidden;
        }
        m_treeModel->setFilter(filters);
        updateStatus();
    });
    connect(m_actions->action(Id::EditLocation), &QAction::triggered, m_pathBar,
            &PathBar::startEditing);
    connect(m_actions->action(Id::Filter), &QAction::triggered, this, [this] {
        m_filterEdit->setFocus(Qt::ShortcutFocusReason);
        m_filterEdit->selectAll();
    });
}

void FilesPanel::createLayout()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);

    // Navigation row: history buttons, breadcrumbs, refresh.
    m_navBar->setObjectName(QStringLiteral("filesNavBar"));
    m_navBar->setIconSize(QSize(18, 18));
    using Id = FilesActions::Id;
    for (Id id : {Id::Back, Id::Forward, Id::Up, Id::Home}) {
        m_navBar->addAction(m_actions->action(id));
    }
    m_navBar->addWidget(m_pathBar);
    m_navBar->addAction(m_actions->action(Id::Refresh));
    layout->addWidget(m_navBar);
    m_sandboxBanner = new MessageLabel(this);
    m_sandboxBanner->setObjectName(QStringLiteral("sandboxBanner"));
    m_sandboxBanner->hide();
    layout->addWidget(m_sandboxBanner);

    // Operations row.
    m_opsBar->setObjectName(QStringLiteral("filesOpsBar"));
    m_opsBar->setIconSize(QSize(18, 18));
    m_opsBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    for (Id id : {Id::NewFolder, Id::NewFile}) {
        m_opsBar->addAction(m_actions->action(id));
    }
    m_opsBar->addSeparator();
    for (Id id : {Id::Copy, Id::Cut, Id::Paste}) {
        QAction *a = m_actions->action(id);
        m_opsBar->addAction(a);
        if (auto *button = qobject_cast<QToolButton *>(m_opsBar->widgetForAction(a))) {
            button->setToolButtonStyle(Qt::ToolButtonIconOnly);
        }
    }
    m_opsBar->addSeparator();
    m_opsBar->addAction(m_actions->action(Id::Trash));
    QAction *del = m_actions->action(Id::Delete);
    m_opsBar->addAction(del);
    if (auto *button = qobject_cast<QToolButton *>(m_opsBar->widgetForAction(del))) {
        button->setToolButtonStyle(Qt::ToolButtonIconOnly);
    }
    m_opsBar->addSeparator();
    for (QMenu *menu : {m_actions->osMenu(), m_actions->shutilMenu()}) {
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
    m_opsBar->addAction(m_actions->action(Id::ShowHidden));
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

bool FilesPanel::report(const QString &code, const FsResult &result, const QString &successText,
                        const QString &select)
{
    setCode(code);
    const bool ok = result.ok;
    if (!ok) {
        showMessage(pythonErrorLine(result), true);
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
    FilesActions::State state;
    if (m_selectionTotals) {
        state.selected = m_selectionTotals->rows();
        state.selectedFolders = m_selectionTotals->realFolders();
    }
    state.canGoBack = m_history->canGoBack();
    state.canGoForward = m_history->canGoForward();
    state.canGoUp = !DirectoryHistory::parentOf(directory()).isEmpty();
    state.clipboardHasPaths = m_clipboardHasPaths;
    state.hasTemporaryItems = !m_temporary->paths().isEmpty();
    m_actions->update(state);
}

void FilesPanel::updateStatus()
{
    const FileTotals shown = m_model->shownTotals();
    const QLocale locale;
    QString text = m_model->isLoading()
        ? tr("Loading…")
        : tr("%n folder(s)", nullptr, shown.folders) + QStringLiteral(", ")
            + tr("%n file(s)", nullptr, shown.files)
            + QStringLiteral(" (%1)").arg(locale.formattedDataSize(shown.bytes));
    const int hidden = m_model->totalCount() - m_model->rowCount();
    if (hidden > 0) {
        text += QStringLiteral(" · ") + tr("%n hidden or filtered out", nullptr, hidden);
    }
    const int selected = m_selectionTotals ? m_selectionTotals->rows() : 0;
    if (selected > 0) {
        text += QStringLiteral(" · ") + tr("%n selected", nullptr, selected);
        const FileTotals chosen = m_selectionTotals->totals();
        if (chosen.files > 0) {
            // The selected files' bytes (a folder's are Size (recursive)'s to count).
            text += QStringLiteral(" (%1)").arg(locale.formattedDataSize(chosen.bytes));
        }
    }
    m_statusLabel->setText(text);
}

// --- context menu ---------------------------------------------------------------------------

void FilesPanel::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid()) {
        m_view->clearSelection();
    }
    QMenu menu(this);
    m_actions->fillContextMenu(&menu, index.isValid());
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

// --- settings -------------------------------------------------------------------------------

void FilesPanel::saveSettings(QSettings &settings) const
{
    settings.setValue(QStringLiteral("directory"), directory());
    settings.setValue(QStringLiteral("showHidden"),
                      m_actions->action(FilesActions::Id::ShowHidden)->isChecked());
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
    m_actions->action(FilesActions::Id::ShowHidden)
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

bool FilesPanel::isDirectory(const QString &path)
{
    struct stat st{};
    return ::lstat(fsEncode(path).constData(), &st) == 0 && S_ISDIR(st.st_mode);
}

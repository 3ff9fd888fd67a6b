#include "files/filesactions.h"

#include <QAction>
#include <QCoreApplication>
#include <QIcon>
#include <QKeySequence>
#include <QMenu>
#include <QStyle>
#include <QWidget>

namespace {

using Id = FilesActions::Id;
constexpr QStyle::StandardPixmap kNoFallback = QStyle::SP_CustomBase;

struct Spec
{
    Id id;
    const char *name;
    const char *text; // QT_TRANSLATE_NOOP("FilesActions", ...)
    const char *icon; // freedesktop icon name, "" for none
    QKeySequence shortcut;
    QStyle::StandardPixmap fallback = kNoFallback; // the style's icon when the theme has none
};

QList<Spec> specs()
{
    const auto keys = [](QKeyCombination k) { return QKeySequence(k); };
    return {
        {Id::Back, "actionBack", QT_TRANSLATE_NOOP("FilesActions", "Back"), "go-previous",
         keys(Qt::ALT | Qt::Key_Left), QStyle::SP_ArrowBack},
        {Id::Forward, "actionForward", QT_TRANSLATE_NOOP("FilesActions", "Forward"), "go-next",
         keys(Qt::ALT | Qt::Key_Right), QStyle::SP_ArrowForward},
        {Id::Up, "actionUp", QT_TRANSLATE_NOOP("FilesActions", "Up"), "go-up",
         keys(Qt::ALT | Qt::Key_Up), QStyle::SP_ArrowUp},
        {Id::Home, "actionHome", QT_TRANSLATE_NOOP("FilesActions", "Home"), "go-home",
         keys(Qt::ALT | Qt::Key_Home), QStyle::SP_DirHomeIcon},
        {Id::Refresh, "actionRefresh", QT_TRANSLATE_NOOP("FilesActions", "Refresh"),
         "view-refresh", QKeySequence(Qt::Key_F5), QStyle::SP_BrowserReload},
        {Id::ShowHidden, "actionShowHidden",
         QT_TRANSLATE_NOOP("FilesActions", "Show Hidden Files"), "view-hidden",
         keys(Qt::CTRL | Qt::Key_H)},
        {Id::EditLocation, "actionEditLocation",
         QT_TRANSLATE_NOOP("FilesActions", "Edit Location"), "document-edit",
         keys(Qt::CTRL | Qt::Key_L)},
        {Id::Filter, "actionFilter", QT_TRANSLATE_NOOP("FilesActions", "Filter"), "view-filter",
         keys(Qt::CTRL | Qt::Key_F)},
        {Id::Open, "actionOpen", QT_TRANSLATE_NOOP("FilesActions", "Open"), "document-open", {}},
        {Id::NewFolder, "actionNewFolder", QT_TRANSLATE_NOOP("FilesActions", "New Folder…"),
         "folder-new", keys(Qt::CTRL | Qt::SHIFT | Qt::Key_N), QStyle::SP_FileDialogNewFolder},
        {Id::NewFile, "actionNewFile", QT_TRANSLATE_NOOP("FilesActions", "New File…"),
         "document-new", keys(Qt::CTRL | Qt::ALT | Qt::Key_N), QStyle::SP_FileIcon},
        {Id::MakeDirs, "actionMakeDirs", QT_TRANSLATE_NOOP("FilesActions", "os.makedirs(…)"),
         "", {}},
        {Id::MakeDirsExistOk, "actionMakeDirsExistOk",
         QT_TRANSLATE_NOOP("FilesActions", "os.makedirs(…, exist_ok=True)"), "", {}},
        {Id::Rename, "actionRename", QT_TRANSLATE_NOOP("FilesActions", "Rename…"), "edit-rename",
         QKeySequence(Qt::Key_F2)},
        {Id::BatchRename, "actionBatchRename",
         QT_TRANSLATE_NOOP("FilesActions", "Rename with re.sub…"), "",
         keys(Qt::CTRL | Qt::Key_F2)},
        {Id::Checksums, "actionChecksums", QT_TRANSLATE_NOOP("FilesActions", "Checksums…"), "",
         keys(Qt::CTRL | Qt::SHIFT | Qt::Key_K)},
        {Id::MakeArchive, "actionMakeArchive",
         QT_TRANSLATE_NOOP("FilesActions", "Make Archive… (shutil.make_archive)"),
         "package-x-generic", {}},
        {Id::Unpack, "actionUnpack",
         QT_TRANSLATE_NOOP("FilesActions", "Unpack… (shutil.unpack_archive)"), "archive-extract",
         {}},
        {Id::Undo, "actionUndo", QT_TRANSLATE_NOOP("FilesActions", "Undo"), "edit-undo",
         keys(Qt::CTRL | Qt::Key_Z)},
        {Id::Redo, "actionRedo", QT_TRANSLATE_NOOP("FilesActions", "Redo"), "edit-redo",
         keys(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)},
        {Id::History, "actionHistory", QT_TRANSLATE_NOOP("FilesActions", "Operations History…"),
         "document-open-recent", keys(Qt::CTRL | Qt::SHIFT | Qt::Key_H)},
        {Id::Trash, "actionTrash", QT_TRANSLATE_NOOP("FilesActions", "Move to Trash"),
         "user-trash", QKeySequence(Qt::Key_Delete), QStyle::SP_TrashIcon},
        {Id::Delete, "actionDelete", QT_TRANSLATE_NOOP("FilesActions", "Delete Permanently…"),
         "edit-delete", keys(Qt::SHIFT | Qt::Key_Delete), QStyle::SP_DialogDiscardButton},
        {Id::Remove, "actionRemove", QT_TRANSLATE_NOOP("FilesActions", "os.remove (file)"), "",
         {}},
        {Id::Rmdir, "actionRmdir", QT_TRANSLATE_NOOP("FilesActions", "os.rmdir (empty folder)"),
         "", {}},
        {Id::Removedirs, "actionRemovedirs",
         QT_TRANSLATE_NOOP("FilesActions", "os.removedirs (empty folders upwards)"), "", {}},
        {Id::Rmtree, "actionRmtree",
         QT_TRANSLATE_NOOP("FilesActions", "shutil.rmtree (folder and contents)…"), "", {}},
        {Id::Listdir, "actionListdir", QT_TRANSLATE_NOOP("FilesActions", "os.listdir"), "", {}},
        {Id::Getsize, "actionGetsize", QT_TRANSLATE_NOOP("FilesActions", "os.path.getsize"), "",
         {}},
        {Id::DiskUsage, "actionDiskUsage", QT_TRANSLATE_NOOP("FilesActions", "Size (recursive)"),
         "view-statistics", keys(Qt::ALT | Qt::Key_Return)},
        {Id::Copy, "actionCopy", QT_TRANSLATE_NOOP("FilesActions", "Copy"), "edit-copy",
         QKeySequence(QKeySequence::Copy)},
        {Id::Cut, "actionCut", QT_TRANSLATE_NOOP("FilesActions", "Cut"), "edit-cut",
         QKeySequence(QKeySequence::Cut)},
        {Id::Paste, "actionPaste", QT_TRANSLATE_NOOP("FilesActions", "Paste"), "edit-paste",
         QKeySequence(QKeySequence::Paste)},
        {Id::CopyTo, "actionCopyTo",
         QT_TRANSLATE_NOOP("FilesActions", "Copy To… (shutil.copy2 / copytree)"), "edit-copy",
         {}},
        {Id::MoveTo, "actionMoveTo", QT_TRANSLATE_NOOP("FilesActions", "Move To… (shutil.move)"),
         "go-jump", {}},
        {Id::TempFile, "actionTempFile", QT_TRANSLATE_NOOP("FilesActions", "New Temporary File"),
         "", {}},
        {Id::TempDir, "actionTempDir", QT_TRANSLATE_NOOP("FilesActions", "New Temporary Folder"),
         "", {}},
        {Id::RemoveTemp, "actionRemoveTemp",
         QT_TRANSLATE_NOOP("FilesActions", "Remove Temporary Items"), "", {}},
    };
}

} // namespace

FilesActions::FilesActions(QWidget *owner)
    : QObject(owner)
    , m_osMenu(new QMenu(QStringLiteral("os"), owner))
    , m_shutilMenu(new QMenu(QStringLiteral("shutil"), owner))
{
    setObjectName(QStringLiteral("filesActions"));
    QStyle *style = owner->style();
    for (const Spec &spec : specs()) {
        const QString text = QCoreApplication::translate("FilesActions", spec.text);
        const QString iconName = QLatin1String(spec.icon);
        QIcon icon = iconName.isEmpty() ? QIcon() : QIcon::fromTheme(iconName);
        if (spec.fallback != kNoFallback) {
            icon = QIcon::fromTheme(iconName, style->standardIcon(spec.fallback));
        }
        auto *action = new QAction(icon, text, this);
        action->setObjectName(QLatin1String(spec.name));
        if (!spec.shortcut.isEmpty()) {
            action->setShortcut(spec.shortcut);
            action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
            action->setToolTip(QStringLiteral("%1 (%2)").arg(
                QString(text).remove(QLatin1Char('&')),
                spec.shortcut.toString(QKeySequence::NativeText)));
        }
        owner->addAction(action);
        m_actions.at(std::size_t(spec.id)) = action;
    }
    action(Id::ShowHidden)->setCheckable(true);

    auto *backspace = new QAction(this);
    backspace->setObjectName(QStringLiteral("actionBackspace"));
    backspace->setShortcut(QKeySequence(Qt::Key_Backspace));
    backspace->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(backspace, &QAction::triggered, this, &FilesActions::backRequested);
    owner->addAction(backspace);

    m_osMenu->setObjectName(QStringLiteral("osMenu"));
    for (Id id : {Id::NewFolder, Id::MakeDirs, Id::MakeDirsExistOk, Id::NewFile, Id::Listdir,
                  Id::Getsize, Id::Rename, Id::BatchRename, Id::Remove, Id::Rmdir,
                  Id::Removedirs}) {
        m_osMenu->addAction(action(id));
    }
    m_shutilMenu->setObjectName(QStringLiteral("shutilMenu"));
    for (Id id : {Id::CopyTo, Id::MoveTo, Id::Rmtree, Id::DiskUsage, Id::MakeArchive,
                  Id::Unpack}) {
        m_shutilMenu->addAction(action(id));
    }
    m_shutilMenu->addSeparator();
    QMenu *temp = m_shutilMenu->addMenu(tr("tempfile"));
    for (Id id : {Id::TempFile, Id::TempDir, Id::RemoveTemp}) {
        temp->addAction(action(id));
    }
}

QString FilesActions::objectName(Id id)
{
    for (const Spec &spec : specs()) {
        if (spec.id == id) {
            return QLatin1String(spec.name);
        }
    }
    return QString();
}

FilesActions::Enabled FilesActions::rulesFor(const State &state)
{
    Enabled on;
    on.fill(true); // navigation, creation, undo, history, the temporary items: always
    const auto set = [&on](std::initializer_list<Id> ids, bool value) {
        for (Id id : ids) {
            on.at(std::size_t(id)) = value;
        }
    };
    const bool any = state.selected > 0;
    const bool one = state.selected == 1;
    const bool oneFolder = one && state.selectedFolders == 1;
    const bool anyFile = state.selected > state.selectedFolders;
    set({Id::Back}, state.canGoBack);
    set({Id::Forward}, state.canGoForward);
    set({Id::Up}, state.canGoUp);
    set({Id::Open, Id::Rename, Id::Getsize, Id::MakeArchive}, one);
    // A folder is never an archive; a file of another kind is shutil.ReadError's to name.
    set({Id::Unpack}, one && !oneFolder);
    set({Id::Trash, Id::Delete, Id::Remove, Id::Copy, Id::Cut, Id::CopyTo, Id::MoveTo,
         Id::DiskUsage, Id::BatchRename},
        any);
    // Checksums are of files: with only folders selected it could only refuse.
    set({Id::Checksums}, anyFile);
    set({Id::Rmdir, Id::Removedirs, Id::Rmtree}, oneFolder);
    set({Id::Paste}, state.clipboardHasPaths);
    set({Id::RemoveTemp}, state.hasTemporaryItems);
    return on;
}

void FilesActions::update(const State &state)
{
    const Enabled on = rulesFor(state);
    for (int i = 0; i < kCount; ++i) {
        m_actions.at(std::size_t(i))->setEnabled(on.at(std::size_t(i)));
    }
}

void FilesActions::fillContextMenu(QMenu *menu, bool onItem) const
{
    const auto add = [&](std::initializer_list<Id> ids) {
        for (Id id : ids) {
            menu->addAction(action(id));
        }
        menu->addSeparator();
    };
    if (onItem) {
        add({Id::Open});
    }
    add({Id::NewFolder, Id::NewFile});
    add({Id::Undo, Id::Redo, Id::History});
    if (onItem) {
        add({Id::Cut, Id::Copy, Id::Paste});
        add({Id::Rename, Id::BatchRename, Id::CopyTo, Id::MoveTo});
        add({Id::Trash, Id::Delete});
        add({Id::DiskUsage, Id::Checksums, Id::MakeArchive, Id::Unpack});
    } else {
        add({Id::Paste});
    }
    menu->addMenu(m_osMenu);
    menu->addMenu(m_shutilMenu);
}

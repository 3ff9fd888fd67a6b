#pragma once

#include <QObject>

#include <array>

class QAction;
class QMenu;
class QWidget;

/**
 * The Files tab's actions, as Dolphin's DolphinViewActionHandler: the one place that creates
 * them (text, icon, shortcut, object name), the os and shutil menus and the context menu, and
 * decides which are enabled from the selection and the tab's state (rulesFor(), a pure function).
 * What an action does is the panel's business: it connects their triggered() signals.
 */
class FilesActions : public QObject
{
    Q_OBJECT

public:
    enum class Id {
        Back, Forward, Up, Home, Refresh, ShowHidden, EditLocation, Filter, Open,
        NewFolder, NewFile, MakeDirs, MakeDirsExistOk, Rename, BatchRename, Checksums,
        MakeArchive, Unpack, Undo, Redo, History, Trash, Delete, Remove, Rmdir, Removedirs,
        Rmtree, Listdir, Getsize, DiskUsage, Copy, Cut, Paste, CopyTo, MoveTo, TempFile,
        TempDir, RemoveTemp,
        Count
    };
    static constexpr int kCount = int(Id::Count);

    /// What the enable rules look at: the selection (counted by the model's selection totals,
    /// no disk access) and the tab's state.
    struct State
    {
        int selected = 0;
        /// Selected folders, a symbolic link to one not included: os.rmdir(link) and
        /// shutil.rmtree(link) refuse it (NotADirectoryError, OSError).
        int selectedFolders = 0;
        bool canGoBack = false;
        bool canGoForward = false;
        bool canGoUp = false;
        bool clipboardHasPaths = false;
        bool hasTemporaryItems = false;
    };
    using Enabled = std::array<bool, kCount>;

    /// Creates every action as a child of this object (so findChild() on @p owner finds them)
    /// and adds it to @p owner, whose children its shortcuts serve.
    explicit FilesActions(QWidget *owner);

    QAction *action(Id id) const { return m_actions.at(std::size_t(id)); }
    /// "actionBack"...: the object name tests and settings use.
    static QString objectName(Id id);
    QMenu *osMenu() const { return m_osMenu; }
    QMenu *shutilMenu() const { return m_shutilMenu; }

    /// The enable rules: which actions @p state enables.
    static Enabled rulesFor(const State &state);
    /// Enables and disables the actions by rulesFor(@p state).
    void update(const State &state);
    /// The context menu's entries: those for an item when @p onItem, else for the empty area.
    void fillContextMenu(QMenu *menu, bool onItem) const;

Q_SIGNALS:
    /// Backspace, the other key file-manager users press for Back (even when Back's own
    /// shortcut is not theirs).
    void backRequested();

private:
    std::array<QAction *, kCount> m_actions{};
    QMenu *m_osMenu;
    QMenu *m_shutilMenu;
};

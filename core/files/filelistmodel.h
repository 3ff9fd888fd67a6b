#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QRegularExpression>
#include <QTimer>
#include <QUrl>

#include <memory>
#include <vector>

class QFileSystemWatcher;

namespace stdlab::files {

/// One directory entry as lstat() (and stat() for symlinks) sees it.
struct FileEntry
{
    QString name;
    qint64 size = 0;
    qint64 modifiedMs = 0;
    quint32 mode = 0; // st_mode of the entry itself (a link's own mode for symlinks)
    bool isDir = false; // a directory, or a symlink to one
    bool isSymlink = false;
    bool isBrokenLink = false;
    /// lstat()'s st_dev and st_ino: which file this row is (0 until the details are read).
    quint64 device = 0;
    quint64 inode = 0;
};

/// What a set of rows holds: the status line's counts.
struct FileTotals
{
    int folders = 0; // directories and links to them (the list shows both as folders)
    int files = 0;
    qint64 bytes = 0; // the files' sizes (a link's own size)

    /// Adds (@p sign 1) or takes away (-1) one row.
    void count(const FileEntry &e, int sign = 1)
    {
        if (e.isDir) {
            folders += sign;
        } else {
            files += sign;
            bytes += sign * e.size;
        }
    }
    friend bool operator==(const FileTotals &, const FileTotals &) = default;
};

/// A listed and sorted directory, built off the GUI thread.
struct DirectoryListing
{
    QString path;
    quint64 generation = 0;
    bool complete = false; // false: names and folder flags only, no stat() details yet
    int errnum = 0;
    std::vector<FileEntry> entries;
};

/**
 * The file list of one directory (name, size, type, modified, permissions) for the Files tab.
 * Reads the directory in a worker thread and swaps the result in at once, so a directory of
 * 100,000 entries never blocks the GUI (QFileSystemModel inserts and sorts them in the GUI
 * thread); filters (hidden files, name wildcard) and sorts over an index, never moving entries;
 * reloads by itself when the directory changes on disk.
 */
class FileListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, SizeColumn, TypeColumn, ModifiedColumn, PermissionsColumn,
                  ColumnCount };
    enum Role {
        FilePathRole = Qt::UserRole + 1,
        FileNameRole,
        IsDirRole,
        IsSymlinkRole,
        SizeRole,
        ModifiedRole,
        ModeRole,
    };

    explicit FileListModel(QObject *parent = nullptr);
    ~FileListModel() override;

    /// Lists @p path (absolute, cleaned) in the background; loaded() or loadFailed() follows.
    void setDirectory(const QString &path);
    QString directory() const { return m_directory; }
    /// Lists the current directory again (selection is the view's business: see loaded()).
    void reload();
    bool isLoading() const { return m_loading; }

    bool showHidden() const { return m_showHidden; }
    void setShowHidden(bool show);
    QString nameFilter() const { return m_nameFilter; }
    /// Shell wildcard ("*.txt"), or a plain substring when it holds no * ? [; case-insensitive.
    void setNameFilter(const QString &filter);
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    /// Entries in the directory (before filtering).
    int totalCount() const { return int(m_entries.size()); }
    /// The folders, files and bytes of the rows shown (after filtering), counted once per
    /// listing or filter change, never per selection change.
    FileTotals shownTotals() const { return m_shownTotals; }
    QString filePath(const QModelIndex &index) const;
    QString fileName(const QModelIndex &index) const;
    bool isDir(const QModelIndex &index) const;
    const FileEntry *entry(const QModelIndex &index) const;
    /// The row of @p name in column 0, or an invalid index when filtered out or absent.
    QModelIndex indexOf(const QString &name) const;

    /// "drwxr-xr-x" as Python's stat.filemode() writes it.
    static QString fileMode(quint32 mode);
    /// Lists @p path synchronously (names, then details); sorted by name keys.
    static DirectoryListing list(const QString &path);
    /// The first phase: readdir() only (names, folder flags from d_type), sorted.
    static DirectoryListing listNames(const QString &path);
    /// The second phase: lstat() details of every entry of @p listing.
    static void statEntries(DirectoryListing &listing);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

    /// text/uri-list of local files (what other file managers read), plus the KDE/GNOME cut
    /// markers when @p cut; the inverse is pathsFromMimeData().
    static QMimeData *mimeDataForPaths(const QStringList &paths, bool cut = false);
    /// file:// URL of @p path's bytes, percent-encoded: QUrl::fromLocalFile() turns a name that
    /// is not UTF-8 into U+FFFD, so a paste or an Open would reach another file, or none.
    static QUrl urlForPath(const QString &path);
    static QStringList pathsFromMimeData(const QMimeData *data);
    static bool isCutMimeData(const QMimeData *data);

Q_SIGNALS:
    /// The listing of @p path is in the model (also after each reload).
    void loaded(const QString &path);
    /// os.listdir(path) failed; the model is empty. @p message is Python's text.
    void loadFailed(const QString &path, int errnum, const QString &message);
    void loadingChanged(bool loading);
    /// Files were dropped on @p directory (a folder row, or the listed directory).
    void dropRequested(const QStringList &paths, const QString &directory, Qt::DropAction action);

private:
    void startListing();
    void applyListing(int resultIndex);
    void rebuildVisible();
    void sortVisible();
    bool lessThan(int a, int b) const;
    QString typeName(const FileEntry &e) const;
    QString targetDirectory(const QModelIndex &parent) const;

    QString m_directory;
    std::vector<FileEntry> m_entries;
    std::vector<int> m_visible; // indexes into m_entries, filtered and sorted
    bool m_showHidden = false;
    QString m_nameFilter;
    QRegularExpression m_filterRegex;
    int m_sortColumn = NameColumn;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    bool m_loading = false;
    bool m_pendingReload = false;
    bool m_hasDetails = true;
    FileTotals m_shownTotals;
    quint64 m_generation = 0;
    QFutureWatcher<DirectoryListing> *m_watcher;
    QFileSystemWatcher *m_fsWatcher;
    QTimer m_reloadTimer;
    mutable QHash<QString, QString> m_typeCache; // suffix -> MIME comment
};

} // namespace stdlab::files

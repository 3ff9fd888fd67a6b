#include "files/filelistmodel.h"

#include "files/fspath.h"
#include "files/fsresult.h"

#include <QDir>
#include <QFileSystemWatcher>
#include <QLocale>
#include <QMimeData>
#include <QMimeDatabase>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <numeric>
#include <sys/stat.h>
#include <unistd.h>

namespace stdlab::files {

namespace {

const QString kUriList = QStringLiteral("text/uri-list");
const QString kKdeCut = QStringLiteral("application/x-kde-cutselection");
const QString kGnomeCopied = QStringLiteral("x-special/gnome-copied-files");


/// Case-folded @p name with every run of digits left-padded to 20 digits ("file2" < "file10").
QString naturalKey(const QString &name)
{
    QString key;
    key.reserve(name.size() + 8);
    const QString folded = name.toCaseFolded();
    for (qsizetype i = 0; i < folded.size();) {
        if (!folded.at(i).isDigit() || folded.at(i).unicode() > 0x7f) {
            key += folded.at(i++);
            continue;
        }
        qsizetype j = i;
        while (j < folded.size() && folded.at(j).isDigit() && folded.at(j).unicode() <= 0x7f) {
            ++j;
        }
        qsizetype start = i;
        while (start + 1 < j && folded.at(start) == QLatin1Char('0')) {
            ++start;
        }
        const qsizetype digits = j - start;
        if (digits < 20) {
            key += QString(20 - digits, QLatin1Char('0'));
        }
        key += QStringView(folded).mid(start, digits);
        i = j;
    }
    return key;
}

} // namespace

FileListModel::FileListModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_watcher(new QFutureWatcher<DirectoryListing>(this))
    , m_fsWatcher(new QFileSystemWatcher(this))
{
    connect(m_watcher, &QFutureWatcherBase::resultReadyAt, this, &FileListModel::applyListing);
    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(250); // a burst of changes (an extraction, a copy) reloads once
    connect(&m_reloadTimer, &QTimer::timeout, this, &FileListModel::reload);
    connect(m_fsWatcher, &QFileSystemWatcher::directoryChanged, this,
            [this] { m_reloadTimer.start(); });
}

FileListModel::~FileListModel()
{
    m_watcher->waitForFinished();
}

namespace {

// Folders first, then natural, case-insensitive order as Dolphin shows it ("file2" before
// "file10"). Plain UTF-16 comparisons of precomputed keys: QCollator's numeric mode needs ICU,
// which Qt may be built without, and its sort keys made this sort the bulk of listing 100,000
// entries.
void sortListing(DirectoryListing &listing)
{
    struct Item
    {
        bool isDir;
        QString key;
        int index;
    };
    std::vector<Item> items;
    items.reserve(listing.entries.size());
    for (size_t i = 0; i < listing.entries.size(); ++i) {
        items.push_back({listing.entries[i].isDir, naturalKey(listing.entries[i].name), int(i)});
    }
    std::sort(items.begin(), items.end(), [&](const Item &a, const Item &b) {
        if (a.isDir != b.isDir) {
            return a.isDir;
        }
        const int c = a.key.compare(b.key);
        return c != 0 ? c < 0
                      : listing.entries[size_t(a.index)].name < listing.entries[size_t(b.index)].name;
    });
    std::vector<FileEntry> entries;
    entries.reserve(items.size());
    for (const Item &item : items) {
        entries.push_back(std::move(listing.entries[size_t(item.index)]));
    }
    listing.entries = std::move(entries);
}

} // namespace

DirectoryListing FileListModel::listNames(const QString &path)
{
    DirectoryListing listing;
    listing.path = path;
    const QByteArray native = fsEncode(path);
    DIR *dir = opendir(native.constData());
    if (!dir) {
        listing.errnum = errno;
        return listing;
    }
    const int fd = dirfd(dir);
    while (dirent *d = readdir(dir)) {
        const char *n = d->d_name;
        if (n[0] == '.' && (n[1] == '\0' || (n[1] == '.' && n[2] == '\0'))) {
            continue;
        }
        FileEntry e;
        e.name = fsDecode(n);
        if (d->d_type == DT_UNKNOWN) {
            struct stat st{};
            e.isDir = fstatat(fd, n, &st, 0) == 0 && S_ISDIR(st.st_mode);
        } else {
            e.isDir = d->d_type == DT_DIR;
            e.isSymlink = d->d_type == DT_LNK;
        }
        listing.entries.push_back(std::move(e));
    }
    closedir(dir);

    sortListing(listing);
    return listing;
}

void FileListModel::statEntries(DirectoryListing &listing)
{
    const QByteArray native = fsEncode(listing.path);
    const int fd = ::open(native.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        listing.errnum = errno;
        return;
    }
    bool reclassified = false;
    for (FileEntry &e : listing.entries) {
        const QByteArray name = fsEncode(e.name);
        struct stat st{};
        if (fstatat(fd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
            continue; // gone since readdir: shown without details until the next reload
        }
        e.mode = st.st_mode;
        e.size = st.st_size;
        e.device = st.st_dev;
        e.inode = st.st_ino;
        e.modifiedMs = qint64(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
        const bool wasDir = e.isDir;
        e.isDir = S_ISDIR(st.st_mode);
        e.isSymlink = S_ISLNK(st.st_mode);
        if (e.isSymlink) {
            struct stat target{};
            if (fstatat(fd, name.constData(), &target, 0) == 0) {
                e.isDir = S_ISDIR(target.st_mode);
            } else {
                e.isBrokenLink = true;
            }
        }
        reclassified = reclassified || wasDir != e.isDir;
    }
    ::close(fd);
    listing.complete = true;
    if (reclassified) {
        sortListing(listing); // links to folders join the folders
    }
}

DirectoryListing FileListModel::list(const QString &path)
{
    DirectoryListing listing = listNames(path);
    if (listing.errnum == 0) {
        statEntries(listing);
    }
    listing.complete = true;
    return listing;
}

void FileListModel::setDirectory(const QString &path)
{
    const QString clean = QDir::cleanPath(path);
    if (!m_fsWatcher->directories().isEmpty()) {
        m_fsWatcher->removePaths(m_fsWatcher->directories());
    }
    m_directory = clean;
    beginResetModel();
    m_entries.clear();
    m_visible.clear();
    m_shownTotals = FileTotals();
    endResetModel();
    startListing();
}

void FileListModel::reload()
{
    if (m_directory.isEmpty()) {
        return;
    }
    if (m_loading) {
        m_pendingReload = true;
        return;
    }
    startListing();
}

void FileListModel::startListing()
{
    m_pendingReload = false;
    const quint64 generation = ++m_generation;
    const QString path = m_directory;
    // A folder shown for the first time gets its names first (readdir only: a 100,000-entry
    // folder paints in a fraction of the time stat() takes), then the details.
    const bool namesFirst = m_entries.empty();
    m_watcher->setFuture(QtConcurrent::run(
        [path, generation, namesFirst](QPromise<DirectoryListing> &promise) {
            DirectoryListing listing = listNames(path);
            listing.generation = generation;
            if (listing.errnum == 0) {
                if (namesFirst) {
                    promise.addResult(listing);
                }
                statEntries(listing);
            }
            listing.complete = true;
            promise.addResult(std::move(listing));
        }));
    if (!m_loading) {
        m_loading = true;
        Q_EMIT loadingChanged(true);
    }
}

void FileListModel::applyListing(int resultIndex)
{
    const QFuture<DirectoryListing> future = m_watcher->future();
    if (resultIndex >= future.resultCount()) {
        return;
    }
    DirectoryListing listing = future.resultAt(resultIndex);
    if (listing.generation != m_generation) {
        return; // a newer listing is on its way
    }
    if (!listing.complete) {
        beginResetModel();
        m_entries = std::move(listing.entries);
        m_hasDetails = false;
        rebuildVisible();
        endResetModel();
        return;
    }
    if (!m_hasDetails && listing.errnum == 0 && !m_entries.empty()
        && listing.entries.size() == m_entries.size()) {
        // The details of the names already shown: same rows, so a layout change keeps the
        // view's selection and scroll position.
        Q_EMIT layoutAboutToBeChanged();
        const QModelIndexList persistent = persistentIndexList();
        QStringList names;
        names.reserve(persistent.size());
        for (const QModelIndex &index : persistent) {
            names << m_entries[size_t(m_visible[size_t(index.row())])].name;
        }
        m_entries = std::move(listing.entries);
        m_hasDetails = true;
        rebuildVisible();
        if (!persistent.isEmpty()) {
            QHash<QString, int> rowOf;
            rowOf.reserve(qsizetype(m_visible.size()));
            for (size_t row = 0; row < m_visible.size(); ++row) {
                rowOf.insert(m_entries[size_t(m_visible[row])].name, int(row));
            }
            QModelIndexList to;
            for (qsizetype i = 0; i < persistent.size(); ++i) {
                const int row = rowOf.value(names.at(i), -1);
                to << (row < 0 ? QModelIndex() : index(row, persistent.at(i).column()));
            }
            changePersistentIndexList(persistent, to);
        }
        Q_EMIT layoutChanged();
        if (!m_visible.empty()) {
            Q_EMIT dataChanged(index(0, 0), index(int(m_visible.size()) - 1, ColumnCount - 1));
        }
    } else {
        beginResetModel();
        m_entries = std::move(listing.entries);
        m_hasDetails = true;
        rebuildVisible();
        endResetModel();
    }
    if (m_fsWatcher->directories().isEmpty() && listing.errnum == 0) {
        m_fsWatcher->addPath(m_directory);
    }
    if (m_pendingReload) {
        startListing();
    } else {
        m_loading = false;
        Q_EMIT loadingChanged(false);
    }
    if (listing.errnum != 0) {
        Q_EMIT loadFailed(listing.path, listing.errnum,
                          osErrorMessage(listing.errnum, listing.path));
    } else {
        Q_EMIT loaded(listing.path);
    }
}

void FileListModel::setShowHidden(bool show)
{
    if (show == m_showHidden) {
        return;
    }
    m_showHidden = show;
    beginResetModel();
    rebuildVisible();
    endResetModel();
}

void FileListModel::setNameFilter(const QString &filter)
{
    if (filter == m_nameFilter) {
        return;
    }
    m_nameFilter = filter;
    if (filter.contains(QLatin1Char('*')) || filter.contains(QLatin1Char('?'))
        || filter.contains(QLatin1Char('['))) {
        m_filterRegex = QRegularExpression::fromWildcard(filter, Qt::CaseInsensitive);
    } else {
        m_filterRegex = QRegularExpression();
    }
    beginResetModel();
    rebuildVisible();
    endResetModel();
}

void FileListModel::rebuildVisible()
{
    m_visible.clear();
    m_shownTotals = FileTotals();
    m_visible.reserve(m_entries.size());
    const bool useRegex = m_filterRegex.isValid() && !m_filterRegex.pattern().isEmpty();
    for (size_t i = 0; i < m_entries.size(); ++i) {
        const QString &name = m_entries[i].name;
        if (!m_showHidden && name.startsWith(QLatin1Char('.'))) {
            continue;
        }
        if (!m_nameFilter.isEmpty()) {
            const bool match = useRegex ? m_filterRegex.match(name).hasMatch()
                                        : name.contains(m_nameFilter, Qt::CaseInsensitive);
            if (!match) {
                continue;
            }
        }
        m_visible.push_back(int(i));
        m_shownTotals.count(m_entries[i]);
    }
    sortVisible();
}

bool FileListModel::lessThan(int a, int b) const
{
    const FileEntry &ea = m_entries[size_t(a)];
    const FileEntry &eb = m_entries[size_t(b)];
    if (ea.isDir != eb.isDir) {
        return ea.isDir; // folders first in both orders, as file managers do
    }
    int c = 0;
    switch (m_sortColumn) {
    case SizeColumn:
        if (!ea.isDir) {
            c = ea.size < eb.size ? -1 : ea.size > eb.size ? 1 : 0;
        }
        break;
    case TypeColumn:
        c = QString::compare(typeName(ea), typeName(eb), Qt::CaseInsensitive);
        break;
    case ModifiedColumn:
        c = ea.modifiedMs < eb.modifiedMs ? -1 : ea.modifiedMs > eb.modifiedMs ? 1 : 0;
        break;
    case PermissionsColumn:
        c = ea.mode < eb.mode ? -1 : ea.mode > eb.mode ? 1 : 0;
        break;
    default:
        break;
    }
    if (c == 0) {
        c = a < b ? -1 : a > b ? 1 : 0; // entries are kept in name order
        if (m_sortColumn != NameColumn) {
            return c < 0; // ties by name ascending
        }
    }
    return m_sortOrder == Qt::AscendingOrder ? c < 0 : c > 0;
}

void FileListModel::sortVisible()
{
    if (m_sortColumn == NameColumn && m_sortOrder == Qt::AscendingOrder) {
        std::sort(m_visible.begin(), m_visible.end()); // the listing order already
        return;
    }
    std::sort(m_visible.begin(), m_visible.end(),
              [this](int a, int b) { return lessThan(a, b); });
}

void FileListModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount) {
        return;
    }
    if (column == m_sortColumn && order == m_sortOrder) {
        return;
    }
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList persistent = persistentIndexList();
    std::vector<int> entryOf;
    entryOf.reserve(size_t(persistent.size()));
    for (const QModelIndex &index : persistent) {
        entryOf.push_back(m_visible[size_t(index.row())]);
    }
    m_sortColumn = column;
    m_sortOrder = order;
    sortVisible();
    std::vector<int> rowOf(m_entries.size(), -1);
    for (size_t row = 0; row < m_visible.size(); ++row) {
        rowOf[size_t(m_visible[row])] = int(row);
    }
    QModelIndexList to;
    to.reserve(persistent.size());
    for (qsizetype i = 0; i < persistent.size(); ++i) {
        to << index(rowOf[size_t(entryOf[size_t(i)])], persistent[i].column());
    }
    changePersistentIndexList(persistent, to);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

const FileEntry *FileListModel::entry(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= int(m_visible.size())) {
        return nullptr;
    }
    return &m_entries[size_t(m_visible[size_t(index.row())])];
}

QString FileListModel::filePath(const QModelIndex &index) const
{
    const FileEntry *e = entry(index);
    if (!e) {
        return {};
    }
    if (m_directory == QLatin1String("/")) {
        return QLatin1Char('/') + e->name;
    }
    return m_directory + QLatin1Char('/') + e->name;
}

QString FileListModel::fileName(const QModelIndex &index) const
{
    const FileEntry *e = entry(index);
    return e ? e->name : QString();
}

bool FileListModel::isDir(const QModelIndex &index) const
{
    const FileEntry *e = entry(index);
    return e && e->isDir;
}

QModelIndex FileListModel::indexOf(const QString &name) const
{
    for (size_t row = 0; row < m_visible.size(); ++row) {
        if (m_entries[size_t(m_visible[row])].name == name) {
            return index(int(row), 0);
        }
    }
    return {};
}

QString FileListModel::fileMode(quint32 mode)
{
    // Lib/stat.py filemode(): the type character, then rwx triplets with s/S, t/T.
    QString s;
    s.reserve(10);
    switch (mode & S_IFMT) {
    case S_IFLNK: s += QLatin1Char('l'); break;
    case S_IFSOCK: s += QLatin1Char('s'); break;
    case S_IFREG: s += QLatin1Char('-'); break;
    case S_IFBLK: s += QLatin1Char('b'); break;
    case S_IFDIR: s += QLatin1Char('d'); break;
    case S_IFCHR: s += QLatin1Char('c'); break;
    case S_IFIFO: s += QLatin1Char('p'); break;
    default: s += QLatin1Char('-'); break;
    }
    auto bit = [&](quint32 flag, char c) { s += QLatin1Char((mode & flag) ? c : '-'); };
    auto special = [&](quint32 exec, quint32 spec, char both, char onlySpec) {
        if ((mode & exec) && (mode & spec)) {
            s += QLatin1Char(both);
        } else if (mode & spec) {
            s += QLatin1Char(onlySpec);
        } else {
            s += QLatin1Char((mode & exec) ? 'x' : '-');
        }
    };
    bit(S_IRUSR, 'r');
    bit(S_IWUSR, 'w');
    special(S_IXUSR, S_ISUID, 's', 'S');
    bit(S_IRGRP, 'r');
    bit(S_IWGRP, 'w');
    special(S_IXGRP, S_ISGID, 's', 'S');
    bit(S_IROTH, 'r');
    bit(S_IWOTH, 'w');
    special(S_IXOTH, S_ISVTX, 't', 'T');
    return s;
}

QString FileListModel::typeName(const FileEntry &e) const
{
    if (e.isSymlink) {
        if (e.isBrokenLink) {
            return tr("Broken link");
        }
        return e.isDir ? tr("Link to folder") : tr("Link to file");
    }
    if (e.isDir) {
        return tr("Folder");
    }
    const qsizetype dot = e.name.lastIndexOf(QLatin1Char('.'));
    const QString suffix = dot > 0 ? e.name.mid(dot + 1).toLower() : QString();
    auto it = m_typeCache.constFind(suffix);
    if (it != m_typeCache.constEnd()) {
        return *it;
    }
    QString comment;
    if (suffix.isEmpty()) {
        comment = tr("File");
    } else {
        const QMimeType type = QMimeDatabase().mimeTypeForFile(e.name, QMimeDatabase::MatchExtension);
        comment = type.isDefault() ? tr("%1 file").arg(suffix.toUpper()) : type.comment();
    }
    m_typeCache.insert(suffix, comment);
    return comment;
}

int FileListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

int FileListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FileListModel::data(const QModelIndex &index, int role) const
{
    const FileEntry *e = entry(index);
    if (!e) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return displayName(e->name);
        case SizeColumn:
            return e->isDir || !m_hasDetails ? QString() : QLocale().formattedDataSize(e->size);
        case TypeColumn:
            return typeName(*e);
        case ModifiedColumn:
            if (!m_hasDetails) {
                return QString();
            }
            return QDateTime::fromMSecsSinceEpoch(e->modifiedMs)
                .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        case PermissionsColumn:
            return m_hasDetails ? fileMode(e->mode) : QString();
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == SizeColumn && !e->isDir) {
            return tr("%1 bytes").arg(QLocale().toString(e->size));
        }
        return displayName(filePath(index));
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        break;
    case Qt::EditRole:
    case FileNameRole:
        return e->name;
    case FilePathRole:
        return filePath(index);
    case IsDirRole:
        return e->isDir;
    case IsSymlinkRole:
        return e->isSymlink;
    case SizeRole:
        return e->size;
    case ModifiedRole:
        return QDateTime::fromMSecsSinceEpoch(e->modifiedMs);
    case ModeRole:
        return e->mode;
    }
    return {};
}

QVariant FileListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case NameColumn: return tr("Name");
    case SizeColumn: return tr("Size");
    case TypeColumn: return tr("Type");
    case ModifiedColumn: return tr("Modified");
    case PermissionsColumn: return tr("Permissions");
    }
    return {};
}

Qt::ItemFlags FileListModel::flags(const QModelIndex &index) const
{
    const FileEntry *e = entry(index);
    if (!e) {
        return Qt::ItemIsDropEnabled; // dropping on empty space: into the listed directory
    }
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled
        | Qt::ItemNeverHasChildren;
    if (e->isDir) {
        f |= Qt::ItemIsDropEnabled;
    }
    return f;
}

QStringList FileListModel::mimeTypes() const
{
    return {kUriList};
}

QMimeData *FileListModel::mimeData(const QModelIndexList &indexes) const
{
    QStringList paths;
    for (const QModelIndex &index : indexes) {
        if (index.column() == NameColumn) {
            paths << filePath(index);
        }
    }
    return mimeDataForPaths(paths);
}

QUrl FileListModel::urlForPath(const QString &path)
{
    return QUrl::fromEncoded(QByteArray("file://" + fsEncode(path).toPercentEncoding("/")));
}

QMimeData *FileListModel::mimeDataForPaths(const QStringList &paths, bool cut)
{
    auto *data = new QMimeData;
    QList<QUrl> urls;
    QByteArray gnome = cut ? QByteArray("cut") : QByteArray("copy");
    for (const QString &path : paths) {
        const QUrl url = urlForPath(path);
        urls << url;
        gnome += '\n' + url.toEncoded();
    }
    data->setUrls(urls);
    data->setText(paths.join(QLatin1Char('\n')));
    data->setData(kGnomeCopied, gnome);
    if (cut) {
        data->setData(kKdeCut, QByteArray("1"));
    }
    return data;
}

QStringList FileListModel::pathsFromMimeData(const QMimeData *data)
{
    QStringList paths;
    if (!data) {
        return paths;
    }
    for (const QUrl &url : data->urls()) {
        if (url.isLocalFile()) {
            const QByteArray bytes = QByteArray::fromPercentEncoding(
                url.path(QUrl::FullyEncoded).toLatin1());
            paths << QDir::cleanPath(fsDecode(bytes));
        }
    }
    return paths;
}

bool FileListModel::isCutMimeData(const QMimeData *data)
{
    if (!data) {
        return false;
    }
    if (data->data(kKdeCut) == "1") {
        return true;
    }
    return data->data(kGnomeCopied).startsWith("cut\n");
}

Qt::DropActions FileListModel::supportedDropActions() const
{
    return Qt::CopyAction | Qt::MoveAction;
}

Qt::DropActions FileListModel::supportedDragActions() const
{
    return Qt::CopyAction | Qt::MoveAction;
}

QString FileListModel::targetDirectory(const QModelIndex &parent) const
{
    if (parent.isValid()) {
        const FileEntry *e = entry(parent.sibling(parent.row(), 0));
        if (e && e->isDir) {
            return filePath(parent.sibling(parent.row(), 0));
        }
    }
    return m_directory;
}

bool FileListModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int row,
                                    int column, const QModelIndex &parent) const
{
    Q_UNUSED(row)
    Q_UNUSED(column)
    if (m_directory.isEmpty() || (action != Qt::CopyAction && action != Qt::MoveAction)) {
        return false;
    }
    const QStringList paths = pathsFromMimeData(data);
    if (paths.isEmpty()) {
        return false;
    }
    const QString target = targetDirectory(parent);
    // A folder cannot be dropped into itself.
    return !paths.contains(target);
}

bool FileListModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row,
                                 int column, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent)) {
        return false;
    }
    Q_EMIT dropRequested(pathsFromMimeData(data), targetDirectory(parent), action);
    // The files are moved by a job, not by the view: returning false keeps a move-drag from
    // removing rows of the source model.
    return false;
}

} // namespace stdlab::files

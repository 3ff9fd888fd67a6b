#include "files/fileitemdelegate.h"

#include "files/filelistmodel.h"

#include <QFileIconProvider>
#include <QMimeDatabase>

using stdlab::files::FileListModel;

FileItemDelegate::FileItemDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
    QFileIconProvider provider;
    m_folder = provider.icon(QAbstractFileIconProvider::Folder);
    m_file = provider.icon(QAbstractFileIconProvider::File);
    m_link = QIcon::fromTheme(QStringLiteral("emblem-symbolic-link"), m_file);
}

QIcon FileItemDelegate::iconFor(const QString &name, bool isDir, bool isSymlink) const
{
    if (isDir) {
        return m_folder;
    }
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    const QString suffix = dot > 0 ? name.mid(dot + 1).toLower() : QString();
    if (isSymlink && suffix.isEmpty()) {
        return m_link;
    }
    auto it = m_bySuffix.constFind(suffix);
    if (it != m_bySuffix.constEnd()) {
        return *it;
    }
    QIcon icon = m_file;
    if (!suffix.isEmpty()) {
        const QMimeType type = QMimeDatabase().mimeTypeForFile(name, QMimeDatabase::MatchExtension);
        if (!type.isDefault()) {
            icon = QIcon::fromTheme(type.iconName(),
                                    QIcon::fromTheme(type.genericIconName(), m_file));
        }
    }
    m_bySuffix.insert(suffix, icon);
    return icon;
}

void FileItemDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.column() == FileListModel::NameColumn) {
        option->icon = iconFor(index.data(FileListModel::FileNameRole).toString(),
                               index.data(FileListModel::IsDirRole).toBool(),
                               index.data(FileListModel::IsSymlinkRole).toBool());
        option->features |= QStyleOptionViewItem::HasDecoration;
        if (index.data(FileListModel::IsSymlinkRole).toBool()) {
            option->font.setItalic(true);
        }
    } else if (index.column() == FileListModel::PermissionsColumn) {
        option->font.setFamily(QStringLiteral("monospace"));
        option->font.setStyleHint(QFont::Monospace);
    }
}

#pragma once

#include <QHash>
#include <QIcon>
#include <QStyledItemDelegate>

/** Paints the file list's name column with a folder, link or per-type icon (the model is
 *  Qt Core only and has no icons). Icons are looked up once per file suffix. */
class FileItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit FileItemDelegate(QObject *parent = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    QIcon iconFor(const QString &name, bool isDir, bool isSymlink) const;

    QIcon m_folder;
    QIcon m_file;
    QIcon m_link;
    mutable QHash<QString, QIcon> m_bySuffix;
};

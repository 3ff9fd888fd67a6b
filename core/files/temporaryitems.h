#pragma once

#include <QObject>
#include <QStringList>

#include <memory>
#include <vector>

class QTemporaryDir;
class QTemporaryFile;

namespace stdlab::files {

/** Temporary files and directories made on request (QTemporaryFile / QTemporaryDir), kept
 *  until removed on request or until this object goes away. */
class TemporaryItems : public QObject
{
    Q_OBJECT

public:
    explicit TemporaryItems(QObject *parent = nullptr);
    ~TemporaryItems() override;

    /// Creates an empty temporary file (in QDir::tempPath()); returns its path, empty on error.
    QString createFile(const QString &templateName = QString());
    /// Creates a temporary directory; returns its path, empty on error.
    QString createDirectory(const QString &templateName = QString());
    /// Removes one item made here (a directory with its contents). false if unknown/failed.
    bool remove(const QString &path);
    void removeAll();
    QStringList paths() const;
    QString errorString() const { return m_errorString; }

Q_SIGNALS:
    void itemsChanged();

private:
    std::vector<std::unique_ptr<QTemporaryFile>> m_files;
    std::vector<std::unique_ptr<QTemporaryDir>> m_dirs;
    QString m_errorString;
};

} // namespace stdlab::files

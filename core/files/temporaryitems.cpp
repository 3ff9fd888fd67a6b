#include "temporaryitems.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTemporaryFile>

namespace stdlab::files {

TemporaryItems::TemporaryItems(QObject *parent) : QObject(parent) { }

TemporaryItems::~TemporaryItems() = default;

QString TemporaryItems::createFile(const QString &templateName)
{
    auto file = templateName.isEmpty()
        ? std::make_unique<QTemporaryFile>()
        : std::make_unique<QTemporaryFile>(QDir::tempPath() + QLatin1Char('/') + templateName);
    if (!file->open()) {
        m_errorString = file->errorString();
        return QString();
    }
    file->close();
    const QString path = file->fileName();
    m_files.push_back(std::move(file));
    Q_EMIT itemsChanged();
    return path;
}

QString TemporaryItems::createDirectory(const QString &templateName)
{
    auto dir = templateName.isEmpty()
        ? std::make_unique<QTemporaryDir>()
        : std::make_unique<QTemporaryDir>(QDir::tempPath() + QLatin1Char('/') + templateName);
    if (!dir->isValid()) {
        m_errorString = dir->errorString();
        return QString();
    }
    const QString path = dir->path();
    m_dirs.push_back(std::move(dir));
    Q_EMIT itemsChanged();
    return path;
}

bool TemporaryItems::remove(const QString &path)
{
    for (auto it = m_files.begin(); it != m_files.end(); ++it) {
        if ((*it)->fileName() == path) {
            const bool ok = (*it)->remove() || !QFile::exists(path);
            if (!ok) {
                m_errorString = (*it)->errorString();
                return false;
            }
            m_files.erase(it);
            Q_EMIT itemsChanged();
            return true;
        }
    }
    for (auto it = m_dirs.begin(); it != m_dirs.end(); ++it) {
        if ((*it)->path() == path) {
            if (!(*it)->remove() && QFileInfo::exists(path)) {
                m_errorString = tr("Could not remove %1").arg(path);
                return false;
            }
            m_dirs.erase(it);
            Q_EMIT itemsChanged();
            return true;
        }
    }
    m_errorString = tr("%1 is not a temporary item made here").arg(path);
    return false;
}

void TemporaryItems::removeAll()
{
    if (m_files.empty() && m_dirs.empty()) {
        return;
    }
    m_files.clear();
    m_dirs.clear();
    Q_EMIT itemsChanged();
}

QStringList TemporaryItems::paths() const
{
    QStringList r;
    for (const auto &f : m_files) {
        r.append(f->fileName());
    }
    for (const auto &d : m_dirs) {
        r.append(d->path());
    }
    return r;
}

} // namespace stdlab::files

#include "learn/sandboxhistory.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

using namespace stdlab::learn;

SandboxHistory::SandboxHistory(const Sandbox &sandbox, QObject *parent)
    : QObject(parent)
    , m_sandbox(sandbox)
{
    // A job writes in bursts: look once it has settled.
    m_settle.setSingleShot(true);
    m_settle.setInterval(150);
    connect(&m_settle, &QTimer::timeout, this, &SandboxHistory::update);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, &m_settle,
            qOverload<>(&QTimer::start));
}

void SandboxHistory::watch()
{
    if (!m_watcher.directories().isEmpty()) {
        m_watcher.removePaths(m_watcher.directories());
    }
    QStringList dirs{ m_sandbox.path() };
    QDirIterator it(m_sandbox.path(), QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext() && dirs.size() < kMaxEntries) {
        dirs << it.next();
    }
    m_watcher.addPaths(dirs);
}

void SandboxHistory::update()
{
    if (!QFileInfo(m_sandbox.path()).isDir() || !m_dir.isValid()) {
        return;
    }
    const QStringList tree = treeLines(m_sandbox.path());
    if (m_last >= 0 && tree == m_tree) {
        return;
    }
    qint64 bytes = 0;
    QDirIterator sizes(m_sandbox.path(), QDir::Files | QDir::Hidden | QDir::System,
                       QDirIterator::Subdirectories);
    while (sizes.hasNext()) {
        sizes.next();
        bytes += sizes.fileInfo().size();
    }
    m_available = bytes <= kMaxBytes && tree.size() <= kMaxEntries;
    if (!m_available) {
        return;
    }
    // The copy that was "now" becomes "before"; the other one is made again.
    const int next = m_last < 0 ? 0 : 1 - m_last;
    const QString path = m_dir.filePath(QString::number(next));
    QDir(path).removeRecursively();
    if (!copyTree(m_sandbox.path(), path)) {
        m_available = false;
        return;
    }
    m_hasBefore = m_last >= 0;
    m_last = next;
    m_tree = tree;
    watch();
}

QString SandboxHistory::now() const
{
    return m_last < 0 ? QString() : m_dir.filePath(QString::number(m_last));
}

QString SandboxHistory::before() const
{
    return m_hasBefore ? m_dir.filePath(QString::number(1 - m_last)) : now();
}

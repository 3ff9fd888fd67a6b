#pragma once

#include "learn/lessonstate.h"

#include <QFileSystemWatcher>
#include <QObject>
#include <QStringList>
#include <QTemporaryDir>
#include <QTimer>

/**
 * Copies of the sandbox as it is and as it was before its last change, so that "Run in
 * Python" can run a Files program on a copy of the folder as it was before StdLab did what the
 * program says (the Files tab shows the code of what it just did), then compare the two
 * folders. The copies follow the disk: a change seen by the file system watcher (a job that
 * ended), by update() (called when the Files code changes and before a run) moves the last copy
 * to "before" and copies the sandbox again. Sandboxes over kMaxBytes or kMaxEntries are not
 * copied (available() is false).
 */
class SandboxHistory : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 kMaxBytes = 32 << 20;
    static constexpr int kMaxEntries = 5000;

    explicit SandboxHistory(const stdlab::learn::Sandbox &sandbox, QObject *parent = nullptr);

    /// Looks at the sandbox now: if it differs from the last copy, that copy becomes "before".
    void update();
    bool available() const { return m_available; }
    /// A copy of the sandbox as it was before its last change (as it is when none was seen).
    QString before() const;
    /// A copy of the sandbox as it is (as of the last update()).
    QString now() const;

private:
    void watch();

    stdlab::learn::Sandbox m_sandbox;
    QTemporaryDir m_dir;
    QFileSystemWatcher m_watcher;
    QTimer m_settle;
    QStringList m_tree; ///< treeLines() of the last copy
    int m_last = -1; ///< the copy that is "now" (0 or 1); -1 before the first
    bool m_hasBefore = false;
    bool m_available = true;
};

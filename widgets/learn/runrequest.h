#pragma once

#include "learn/pythonrunner.h"

#include <QString>

#include <functional>
#include <optional>

class MainWindow;

/** What "Run in Python" runs for the tab shown, where, and how its result is compared. */
struct RunRequest
{
    QString code;
    QString workingDirectory;
    /// What the panel shows the program prints (compared after the run); none when the panel
    /// shows no printed output.
    std::optional<QString> expected;
    /// What may differ and still be the same (the Now section's clock, os.listdir()'s order).
    stdlab::learn::CompareOptions options;
    /// What StdLab and Python did, in the same terms, once the run has ended (the Files tab's
    /// folders, the Chat tab's exchanged lines): (StdLab's, Python's), one item a line. Called
    /// with what Python printed; replaces `expected` when set.
    std::function<std::pair<QString, QString>(const QString &printed)> effect;
    /// The verdict when both are the same ("" = "✓ Python printed the same as StdLab").
    QString sameText;
    /// The verdict's first words when they differ, with %1 for the first row that differs
    /// ("" = "Python printed something else than StdLab shows, from line %1 on:").
    QString differentText;
    /// Said instead of a verdict when nothing can be compared, and why.
    QString notCompared;
    /// A program that runs until it is stopped (a server): compared after Stop or the time
    /// limit too.
    bool comparedWhenStopped = false;
    /// Compared this long after the run ends (the Chat session's events reach the window in
    /// batches).
    int settleMs = 0;
    /// Asked before running ("" = run at once): a program that would touch real files.
    QString question;
    /// Said above the output ("a Python client for this window's server").
    QString note;
    /// Said when the time limit stops the program ("" = the server's: a server waits for
    /// clients until it is stopped).
    QString timedOutText;
    int timeoutMs = 10000;
};

namespace RunRequests {

/// The folder programs run in when they touch no files: <data dir>/scratch.
QString scratchFolder();
/// The request for the tab @p window shows now.
RunRequest forWindow(MainWindow *window);

} // namespace RunRequests

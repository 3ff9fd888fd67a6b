#pragma once

#include <QString>

#include <optional>

class MainWindow;

/** What "Run in Python" runs for the tab shown, where, and what it should print. */
struct RunRequest
{
    QString code;
    QString workingDirectory;
    /// What the panel shows the program prints (compared after the run); none when the panel
    /// shows no printed output (a file operation, a server, the ticking Now section).
    std::optional<QString> expected;
    /// Asked before running ("" = run at once): a program that would touch real files.
    QString question;
    /// Said above the output ("a Python client for this window's server").
    QString note;
    int timeoutMs = 10000;
};

namespace RunRequests {

/// The folder programs run in when they touch no files: <data dir>/scratch.
QString scratchFolder();
/// The request for the tab @p window shows now.
RunRequest forWindow(MainWindow *window);

} // namespace RunRequests

#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>

class QTemporaryDir;

namespace stdlab::learn {

/**
 * Runs a Python program with the system's python3 (found on PATH when it starts), in a given
 * working folder, with a time limit. Asynchronous (QProcess): output arrives in batches (at most
 * every kBatchMs, never a signal per byte), the caller's thread never waits. The program runs in
 * a process group of its own, so Stop, the time limit and the runner's destruction end it and
 * anything it started: no process is left behind.
 */
class PythonRunner : public QObject
{
    Q_OBJECT

public:
    enum class Status {
        Idle, ///< never started
        Running,
        Finished, ///< exited on its own (exitCode() tells how)
        Crashed, ///< killed by a signal it did not ask for
        TimedOut, ///< stopped by the time limit
        Stopped, ///< stopped by stop()
        NotFound, ///< no python3 on PATH
        FailedToStart, ///< python3 found but could not be started (errorString())
    };
    Q_ENUM(Status)

    static constexpr int kBatchMs = 50;
    /// Output kept per run; more is counted, not kept (a runaway print loop).
    static constexpr qsizetype kMaxOutput = 1 << 20;

    explicit PythonRunner(QObject *parent = nullptr);
    ~PythonRunner() override;

    /// python3's path on the current PATH, or "" when there is none.
    static QString findPython();

    /// Starts @p code in @p workingDirectory with a time limit of @p timeoutMs; false (and
    /// status() NotFound or FailedToStart, with finished() emitted) if it cannot start.
    bool start(const QString &code, const QString &workingDirectory, int timeoutMs = 10000);
    /// Ends the program (SIGTERM to its group, SIGKILL half a second later if needed).
    void stop();

    bool isRunning() const { return m_status == Status::Running; }
    Status status() const { return m_status; }
    int exitCode() const { return m_exitCode; }
    QString errorString() const { return m_error; }
    QString standardOutput() const { return m_stdout; }
    QString standardError() const { return m_stderr; }
    /// True when output beyond kMaxOutput was dropped.
    bool outputTruncated() const { return m_truncated; }
    qint64 elapsedMs() const { return m_elapsed.isValid() ? m_elapsed.elapsed() : 0; }

Q_SIGNALS:
    void started();
    /// New output since the last batch (@p isError: it came on stderr).
    void outputAdded(const QString &text, bool isError);
    void finished(stdlab::learn::PythonRunner::Status status);

private:
    void flush();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void finish(Status status);
    void killGroup(int signal);

    QProcess *m_process = nullptr;
    std::unique_ptr<QTemporaryDir> m_scriptDir;
    QTimer m_batch;
    QTimer m_limit;
    QTimer m_kill;
    QElapsedTimer m_elapsed;
    Status m_status = Status::Idle;
    Status m_ending = Status::Finished; ///< what a process exit means (stop, time limit)
    qint64 m_pid = 0;
    int m_exitCode = -1;
    QString m_error;
    QString m_stdout;
    QString m_stderr;
    QByteArray m_pendingOut;
    QByteArray m_pendingErr;
    qsizetype m_total = 0;
    bool m_truncated = false;
};

/** The exception a Python traceback ends with: "FileExistsError: [Errno 17] File exists: 'x'". */
struct PythonException
{
    QString type; ///< "FileExistsError", "re.error", "ValueError", ...
    QString message; ///< what follows "Type: "
    int line = 0; ///< the program's line it was raised from (0 when unknown)
};
/// The last exception of @p stderrText (a traceback), if there is one.
std::optional<PythonException> lastException(const QString &stderrText);

/** The course's common errors, which the Course explains in the learner's language. */
enum class CommonError {
    None,
    FileExists, ///< FileExistsError: mkdir of a folder that exists
    FileNotFound, ///< FileNotFoundError
    DirectoryNotEmpty, ///< OSError Errno 39 (rmdir / removedirs)
    IsADirectory, ///< IsADirectoryError (os.remove on a folder)
    NotADirectory, ///< NotADirectoryError
    Permission, ///< PermissionError
    ConnectionRefused, ///< ConnectionRefusedError: nothing listens on that port
    AddressInUse, ///< OSError Errno 98: the port is taken (SO_REUSEADDR, another server)
    ConnectionReset, ///< ConnectionResetError / BrokenPipeError
    Timeout, ///< TimeoutError / socket.timeout
    RegexError, ///< re.error: the pattern is not valid
    DateFormatMismatch, ///< ValueError from strptime: text and format differ
    DateOutOfRange, ///< ValueError: day is out of range for month, month must be in 1..12
    UnknownZone, ///< zoneinfo.ZoneInfoNotFoundError
    NaiveAware, ///< TypeError: comparing naive and aware datetimes
    Unicode, ///< UnicodeDecodeError / UnicodeEncodeError
    EndOfInput, ///< EOFError: input() with nothing to read
    Syntax, ///< SyntaxError / IndentationError
    Name, ///< NameError: a name not defined (a typo, a missing import)
    MissingModule, ///< ModuleNotFoundError: dateutil (Add with months or years) not installed
};
CommonError classify(const PythonException &exception);

/** Python's output beside the panel's, line by line. */
struct OutputComparison
{
    bool same = false;
    QStringList expected;
    QStringList actual;
    int firstDifference = -1; ///< the first line that differs (-1 when same)
    QList<bool> differs; ///< per row of the longer side: that row differs
};

/** What may differ between two outputs that say the same. */
struct CompareOptions
{
    /// Date-times with a time (ISO 8601, same UTC offset) and fractional numbers (timestamps)
    /// may differ by this many seconds, token by token: the Now section's clock moves between
    /// StdLab's look and Python's. Whole numbers and other words stay exact.
    double clockTolerance = 0;
    /// A line that is a Python list of strings is compared with its items sorted
    /// (os.listdir() lists in the file system's order).
    bool unorderedLists = false;
};
OutputComparison compareOutput(const QString &expected, const QString &actual,
                               const CompareOptions &options = {});

} // namespace stdlab::learn

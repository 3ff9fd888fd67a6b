#include "learn/pythonrunner.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QStringDecoder>
#include <QTemporaryDir>

#include <cmath>
#include <csignal>
#include <unistd.h>

namespace stdlab::learn {

PythonRunner::PythonRunner(QObject *parent)
    : QObject(parent)
{
    m_batch.setInterval(kBatchMs);
    connect(&m_batch, &QTimer::timeout, this, &PythonRunner::flush);
    m_limit.setSingleShot(true);
    m_limit.setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5 % early
    connect(&m_limit, &QTimer::timeout, this, [this] {
        m_ending = Status::TimedOut;
        killGroup(SIGTERM);
        m_kill.start();
    });
    m_kill.setSingleShot(true);
    m_kill.setInterval(500);
    connect(&m_kill, &QTimer::timeout, this, [this] { killGroup(SIGKILL); });
}

PythonRunner::~PythonRunner()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        killGroup(SIGKILL);
        m_process->waitForFinished(2000);
    }
}

QString PythonRunner::findPython()
{
    return QStandardPaths::findExecutable(QStringLiteral("python3"));
}

bool PythonRunner::start(const QString &code, const QString &workingDirectory, int timeoutMs)
{
    if (isRunning()) {
        return false;
    }
    m_stdout.clear();
    m_stderr.clear();
    m_pendingOut.clear();
    m_pendingErr.clear();
    m_error.clear();
    m_total = 0;
    m_truncated = false;
    m_exitCode = -1;
    m_pid = 0;
    m_ending = Status::Finished;
    const QString python = findPython();
    if (python.isEmpty()) {
        finish(Status::NotFound);
        return false;
    }
    // The program is a file (tracebacks name it and its lines), outside the working folder so
    // that it does not show up in a listing of it.
    m_scriptDir = std::make_unique<QTemporaryDir>();
    const QString script = m_scriptDir->filePath(QStringLiteral("programa.py"));
    QFile file(script);
    if (!m_scriptDir->isValid() || !file.open(QIODevice::WriteOnly)
        || file.write(code.toUtf8()) < 0) {
        m_error = file.errorString();
        finish(Status::FailedToStart);
        return false;
    }
    file.close();

    delete m_process;
    m_process = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PYTHONIOENCODING"), QStringLiteral("utf-8"));
    env.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    m_process->setProcessEnvironment(env);
    m_process->setWorkingDirectory(workingDirectory);
    // Nothing to read: input() gets EOFError at once instead of waiting for the time limit.
    m_process->setStandardInputFile(QProcess::nullDevice());
    // A process group of its own: stopping it stops what it started too.
    m_process->setChildProcessModifier([] { ::setsid(); });
    connect(m_process, &QProcess::readyReadStandardOutput, this,
            [this] { m_pendingOut += m_process->readAllStandardOutput(); });
    connect(m_process, &QProcess::readyReadStandardError, this,
            [this] { m_pendingErr += m_process->readAllStandardError(); });
    connect(m_process, &QProcess::finished, this, &PythonRunner::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            m_error = m_process->errorString();
            finish(Status::FailedToStart);
        }
    });
    m_status = Status::Running;
    m_elapsed.start();
    m_process->start(python, { QStringLiteral("-u"), script }, QIODevice::ReadOnly);
    if (m_status != Status::Running) {
        return false; // errorOccurred(FailedToStart) came synchronously
    }
    m_pid = m_process->processId();
    m_batch.start();
    if (timeoutMs > 0) {
        m_limit.start(timeoutMs);
    }
    Q_EMIT started();
    return true;
}

void PythonRunner::stop()
{
    if (!isRunning()) {
        return;
    }
    m_ending = Status::Stopped;
    killGroup(SIGTERM);
    m_kill.start();
}

void PythonRunner::killGroup(int signal)
{
    if (m_pid > 0) {
        ::kill(-pid_t(m_pid), signal);
    }
}

void PythonRunner::flush()
{
    auto take = [this](QByteArray &pending, QString &all, bool isError) {
        if (pending.isEmpty()) {
            return;
        }
        // Only whole UTF-8 characters: a character cut between two reads waits for its end.
        qsizetype cut = pending.size();
        for (qsizetype i = pending.size() - 1; i >= 0 && i >= pending.size() - 4; --i) {
            const uchar c = uchar(pending[i]);
            if ((c & 0xC0) == 0x80) {
                continue;
            }
            const int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            if (pending.size() - i < need) {
                cut = i;
            }
            break;
        }
        if (m_process && m_process->state() == QProcess::NotRunning) {
            cut = pending.size();
        }
        const QString text = QString::fromUtf8(pending.left(cut));
        pending.remove(0, cut);
        if (text.isEmpty()) {
            return;
        }
        m_total += text.size();
        if (all.size() + text.size() > kMaxOutput) {
            m_truncated = true;
            const QString kept = text.left(qMax<qsizetype>(0, kMaxOutput - all.size()));
            all += kept;
            if (!kept.isEmpty()) {
                Q_EMIT outputAdded(kept, isError);
            }
            return;
        }
        all += text;
        Q_EMIT outputAdded(text, isError);
    };
    take(m_pendingOut, m_stdout, false);
    take(m_pendingErr, m_stderr, true);
}

void PythonRunner::onFinished(int exitCode, QProcess::ExitStatus status)
{
    m_pendingOut += m_process->readAllStandardOutput();
    m_pendingErr += m_process->readAllStandardError();
    m_exitCode = exitCode;
    killGroup(SIGKILL); // anything the program started and left running
    Status result = m_ending;
    if (result == Status::Finished && status == QProcess::CrashExit) {
        result = Status::Crashed;
    }
    finish(result);
}

void PythonRunner::finish(Status status)
{
    m_batch.stop();
    m_limit.stop();
    m_kill.stop();
    flush();
    m_status = status;
    m_pid = 0;
    Q_EMIT finished(status);
}

std::optional<PythonException> lastException(const QString &stderrText)
{
    const QStringList lines = stderrText.split(QLatin1Char('\n'));
    static const QRegularExpression exceptionLine(QStringLiteral(
        R"(^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|error|timeout|Warning))(?::\s?(.*))?$)"));
    static const QRegularExpression fileLine(
        QStringLiteral(R"(^\s*File "[^"]*programa\.py", line (\d+))"));
    for (qsizetype i = lines.size() - 1; i >= 0; --i) {
        const QString line = lines[i].trimmed().isEmpty() ? QString() : lines[i];
        if (line.isEmpty() || line.startsWith(QLatin1Char(' '))) {
            continue;
        }
        const auto m = exceptionLine.match(line);
        if (!m.hasMatch()) {
            return std::nullopt;
        }
        PythonException e;
        e.type = m.captured(1);
        e.message = m.captured(2);
        for (qsizetype j = i - 1; j >= 0; --j) {
            const auto f = fileLine.match(lines[j]);
            if (f.hasMatch()) {
                e.line = f.captured(1).toInt();
                break;
            }
        }
        return e;
    }
    return std::nullopt;
}

CommonError classify(const PythonException &e)
{
    const QString &t = e.type;
    const QString &m = e.message;
    auto is = [&t](const char *name) { return t == QLatin1String(name); };
    if (is("FileExistsError")) {
        return CommonError::FileExists;
    }
    if (is("FileNotFoundError")) {
        return CommonError::FileNotFound;
    }
    if (is("IsADirectoryError")) {
        return CommonError::IsADirectory;
    }
    if (is("NotADirectoryError")) {
        return CommonError::NotADirectory;
    }
    if (is("PermissionError")) {
        return CommonError::Permission;
    }
    if (is("ConnectionRefusedError")) {
        return CommonError::ConnectionRefused;
    }
    if (is("ConnectionResetError") || is("BrokenPipeError") || is("ConnectionAbortedError")) {
        return CommonError::ConnectionReset;
    }
    if (is("TimeoutError") || is("socket.timeout")) {
        return CommonError::Timeout;
    }
    if (is("OSError")) {
        if (m.contains(QLatin1String("[Errno 39]"))) {
            return CommonError::DirectoryNotEmpty;
        }
        if (m.contains(QLatin1String("[Errno 98]"))) {
            return CommonError::AddressInUse;
        }
        return CommonError::None;
    }
    if (is("re.error") || is("error") || t.endsWith(QLatin1String("re.error"))) {
        return CommonError::RegexError;
    }
    if (is("ValueError")) {
        if (m.contains(QLatin1String("does not match format"))
            || m.contains(QLatin1String("unconverted data remains"))
            || m.contains(QLatin1String("is a bad directive"))) {
            return CommonError::DateFormatMismatch;
        }
        if (m.contains(QLatin1String("out of range")) || m.contains(QLatin1String("must be in"))) {
            return CommonError::DateOutOfRange;
        }
        return CommonError::None;
    }
    if (t.endsWith(QLatin1String("ZoneInfoNotFoundError"))) {
        return CommonError::UnknownZone;
    }
    if (is("TypeError") && m.contains(QLatin1String("offset-naive and offset-aware"))) {
        return CommonError::NaiveAware;
    }
    if (is("UnicodeDecodeError") || is("UnicodeEncodeError")) {
        return CommonError::Unicode;
    }
    if (is("EOFError")) {
        return CommonError::EndOfInput;
    }
    if (is("ModuleNotFoundError")) {
        return CommonError::MissingModule;
    }
    if (is("SyntaxError") || is("IndentationError")) {
        return CommonError::Syntax;
    }
    if (is("NameError")) {
        return CommonError::Name;
    }
    return CommonError::None;
}

namespace {

QStringList outputLines(const QString &text)
{
    QStringList list = text.split(QLatin1Char('\n'));
    if (!list.isEmpty() && list.last().isEmpty()) {
        list.removeLast();
    }
    return list;
}

/// An ISO 8601 date-time with a time (2026-12-07T05:42:33.123456+01:00), as Qt reads it.
QDateTime isoDateTime(const QString &token)
{
    if (token.size() < 16 || token[10] != QLatin1Char('T')) {
        return {};
    }
    return QDateTime::fromString(token, Qt::ISODateWithMs);
}

bool sameToken(const QString &a, const QString &b, double tolerance)
{
    if (a == b) {
        return true;
    }
    if (tolerance <= 0) {
        return false;
    }
    const QDateTime x = isoDateTime(a);
    const QDateTime y = isoDateTime(b);
    if (x.isValid() && y.isValid()) {
        return x.offsetFromUtc() == y.offsetFromUtc()
            && std::abs(x.msecsTo(y)) <= qint64(tolerance * 1000);
    }
    // A fractional number (a timestamp); whole numbers (a day of the year) stay exact.
    bool okA = false;
    bool okB = false;
    const double u = a.toDouble(&okA);
    const double v = b.toDouble(&okB);
    return okA && okB && a.contains(QLatin1Char('.')) && b.contains(QLatin1Char('.'))
        && std::abs(u - v) <= tolerance;
}

/// A Python list of strings (['b', 'a']) with its items sorted; other lines as they are.
QString sortedList(const QString &line)
{
    static const QRegularExpression item(QStringLiteral(R"('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"));
    if (!line.startsWith(QLatin1Char('[')) || !line.endsWith(QLatin1Char(']'))) {
        return line;
    }
    QStringList items;
    qsizetype end = 1;
    for (auto it = item.globalMatch(line); it.hasNext();) {
        const auto m = it.next();
        const QStringView between = QStringView(line).mid(end, m.capturedStart() - end).trimmed();
        if (between != (items.isEmpty() ? QStringView() : QStringView(u","))) {
            return line; // not only strings
        }
        items << m.captured();
        end = m.capturedEnd();
    }
    if (QStringView(line).mid(end, line.size() - 1 - end).trimmed().size() > 0) {
        return line;
    }
    items.sort();
    return QLatin1Char('[') + items.join(QStringLiteral(", ")) + QLatin1Char(']');
}

bool sameLine(const QString &expected, const QString &actual, const CompareOptions &options)
{
    if (expected == actual) {
        return true;
    }
    if (options.unorderedLists && sortedList(expected) == sortedList(actual)) {
        return true;
    }
    const QStringList e = expected.split(QLatin1Char(' '));
    const QStringList a = actual.split(QLatin1Char(' '));
    if (options.clockTolerance <= 0 || e.size() != a.size()) {
        return false;
    }
    for (qsizetype i = 0; i < e.size(); ++i) {
        if (!sameToken(e[i], a[i], options.clockTolerance)) {
            return false;
        }
    }
    return true;
}

} // namespace

OutputComparison compareOutput(const QString &expected, const QString &actual,
                               const CompareOptions &options)
{
    OutputComparison c;
    c.expected = outputLines(expected);
    c.actual = outputLines(actual);
    const qsizetype n = qMin(c.expected.size(), c.actual.size());
    c.firstDifference = -1;
    for (qsizetype i = 0; i < n && c.firstDifference < 0; ++i) {
        if (!sameLine(c.expected[i], c.actual[i], options)) {
            c.firstDifference = int(i);
        }
    }
    if (c.firstDifference < 0 && c.expected.size() != c.actual.size()) {
        c.firstDifference = int(n);
    }
    c.same = c.firstDifference < 0;
    for (qsizetype i = 0; i < qMax(c.expected.size(), c.actual.size()); ++i) {
        c.differs << (i >= n || !sameLine(c.expected[i], c.actual[i], options));
    }
    return c;
}

} // namespace stdlab::learn

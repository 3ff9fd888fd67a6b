#include "files/filescli.h"

#include "common/cli.h"
#include "common/pyrepr.h"
#include "files/archive.h"
#include "files/batchrename.h"
#include "files/checksum.h"
#include "files/filelistmodel.h"
#include "files/fileoperations.h"
#include "files/fspath.h"
#include "files/fsresult.h"
#include "files/os.h"
#include "files/posixpath.h"
#include "files/trash.h"
#include "files/undojournal.h"
#include "regex/pyregex.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <dirent.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace stdlab {

namespace {

using namespace stdlab::files;

const QString kCommand = QStringLiteral("files");

/// What every operation shares: the options that shape its output.
struct Output
{
    QString operation;
    bool json = false;
    /// Replace existing files (shutil does it silently; the command line asks for --force).
    bool force = false;
    /// A progress line on stderr, only when stderr is a terminal.
    bool progress = false;
    qint64 bytesPerSecond = 0; // --bwlimit
    /// Read every copied file back and compare its BLAKE2b with the source's (--verify).
    bool verify = false;
    /// copy/copytree/move: print what would happen, change nothing (--dry-run).
    bool dryRun = false;
};
Output s_out;

// --- SIGINT/SIGTERM → Cancel (a handler may only write to a descriptor) ----------------------

int s_signalFds[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const ssize_t n = ::write(s_signalFds[0], &c, 1);
}

/// SIGINT and SIGTERM cancel the running job as the Cancel button does: the file being
/// written is removed, the folders get their modes back, the exit code says it (1).
void cancelOnStopSignals(FileOperations *operations)
{
    if (s_signalFds[0] < 0
        && ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, s_signalFds) != 0) {
        return;
    }
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    auto *notifier = new QSocketNotifier(s_signalFds[1], QSocketNotifier::Read, operations);
    QObject::connect(notifier, &QSocketNotifier::activated, operations, [operations] {
        char buf[16];
        [[maybe_unused]] const ssize_t r = ::read(s_signalFds[1], buf, sizeof buf);
        operations->cancelAll();
    });
}

// --- the progress line -------------------------------------------------------------------------

/// "512 B", "1.5 KiB", "20.0 MiB": short enough for one terminal line.
QString shortBytes(qint64 n)
{
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
    if (n < 1024) {
        return QString::number(n) + QLatin1String(" B");
    }
    double v = double(n) / 1024.0;
    int u = 0;
    while (v >= 1024.0 && u < 3) {
        v /= 1024.0;
        ++u;
    }
    return QString::number(v, 'f', 1) + QLatin1Char(' ') + QLatin1String(units[u]);
}

int terminalColumns()
{
    struct winsize ws = {};
    return ::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 10 ? ws.ws_col : 80;
}

/// One line, rewritten in place ("\r", then erase to the end of the line).
QString progressLine(const JobProgress &p)
{
    QString line = s_out.operation + QLatin1String(": ");
    if (p.scanning) {
        line += QStringLiteral("counting... %1, %2")
                    .arg(cli::counted(p.filesTotal, "file", "files"), shortBytes(p.bytesTotal));
    } else {
        line += QStringLiteral("%1 of %2 files, %3 of %4")
                    .arg(p.filesDone)
                    .arg(p.filesTotal)
                    .arg(shortBytes(p.bytesDone), shortBytes(p.bytesTotal));
        if (p.bytesTotal > 0) {
            line += QStringLiteral(" (%1%)").arg(p.bytesDone * 100 / p.bytesTotal);
        }
        if (p.bytesPerSecond > 0) {
            line += QLatin1String(", ") + shortBytes(qint64(p.bytesPerSecond))
                + QLatin1String("/s");
        }
        if (p.etaMs >= 0) {
            line += QStringLiteral(", %1 s left").arg((p.etaMs + 999) / 1000);
        }
    }
    return line.left(terminalColumns() - 1);
}

void writeProgress(const QString &line)
{
    const QByteArray bytes = "\r" + line.toUtf8() + "\x1b[K";
    cli::err().flush();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

// --- errors and results -------------------------------------------------------------------------

/// Prints "<Exception>: <message>" as the last line of Python's traceback would; returns 1.
int pythonFailure(const QString &exception, const QString &message)
{
    cli::out().flush();
    cli::err() << pythonErrorLine(exception, message) << "\n";
    cli::err().flush();
    return cli::Failure;
}

JobError errorOf(const FsResult &r, const QString &path)
{
    JobError e;
    e.source = path;
    e.errnum = r.errnum;
    e.message = r.message;
    e.kind = r.errnum                                     ? JobErrorKind::OsError
        : r.exception == QLatin1String("ValueError") ? JobErrorKind::ValueError
                                                      : JobErrorKind::Refused;
    return e;
}

/// How the errors of a job are printed.
enum class ErrorStyle {
    /// The first error, as the one exception a single call raises (shutil.copy, os.mkdir).
    First,
    /// One shutil.Error listing all of them (copytree).
    Collected,
    /// One line per error (one call per path: rm, mkdir of several paths).
    EachLine,
};

QJsonObject toJson(const JobSummary &s)
{
    QJsonArray errors;
    for (const JobError &e : s.errors) {
        QJsonObject o{{QStringLiteral("source"), e.source},
                      {QStringLiteral("exception"), exceptionName(e)},
                      {QStringLiteral("message"), e.message}};
        if (!e.target.isEmpty()) {
            o.insert(QStringLiteral("target"), e.target);
        }
        if (e.errnum) {
            o.insert(QStringLiteral("errno"), e.errnum);
        }
        errors.append(o);
    }
    return QJsonObject{
        {QStringLiteral("operation"), s_out.operation},
        {QStringLiteral("ok"), s.ok()},
        {QStringLiteral("cancelled"), s.cancelled},
        {QStringLiteral("files"), s.files},
        {QStringLiteral("directories"), s.directories},
        {QStringLiteral("bytes"), s.bytes},
        {QStringLiteral("verified"), s.verified},
        {QStringLiteral("targets"), QJsonArray::fromStringList(s.targets)},
        {QStringLiteral("errors"), errors},
    };
}

void printJson(const QJsonValue &value)
{
    const QJsonDocument doc = value.isArray() ? QJsonDocument(value.toArray())
                                              : QJsonDocument(value.toObject());
    cli::out() << doc.toJson(QJsonDocument::Compact) << "\n";
    cli::out().flush();
}

/// Prints @p s's errors in @p style (and its JSON with --json); returns the exit code.
int finish(const JobSummary &s, ErrorStyle style, const QString &hint = QString())
{
    if (s_out.json) {
        printJson(toJson(s));
    }
    if (s.cancelled) {
        cli::err() << "stdlab files: cancelled; nothing half-written was left behind\n";
        cli::err().flush();
        return cli::Failure;
    }
    if (s.errors.isEmpty()) {
        return cli::Ok;
    }
    switch (style) {
    case ErrorStyle::First:
        pythonFailure(exceptionName(s.errors.first()), s.errors.first().message);
        break;
    case ErrorStyle::Collected:
        pythonFailure(QStringLiteral("shutil.Error"), s.errorString());
        break;
    case ErrorStyle::EachLine:
        for (const JobError &e : s.errors) {
            pythonFailure(exceptionName(e), e.message);
        }
        break;
    }
    if (!hint.isEmpty()) {
        cli::err() << "stdlab files: " << hint << "\n";
        cli::err().flush();
    }
    return cli::Failure;
}

QString outcomeKey(PlannedConflict::Outcome o)
{
    switch (o) {
    case PlannedConflict::Outcome::Replace: return QStringLiteral("replace");
    case PlannedConflict::Outcome::Merge: return QStringLiteral("merge");
    case PlannedConflict::Outcome::ThroughLink: return QStringLiteral("through-link");
    case PlannedConflict::Outcome::Rename: return QStringLiteral("rename");
    case PlannedConflict::Outcome::Skip: return QStringLiteral("skip");
    case PlannedConflict::Outcome::Ask: return QStringLiteral("ask");
    case PlannedConflict::Outcome::Refuse: return QStringLiteral("refuse");
    }
    return QString();
}

/// --dry-run of copy/copytree/move: what @p call would do (the engine's plan), nothing done.
/// Exit 0 when it would succeed; 1 when it would fail, its errors printed as the run would
/// print them (@p style).
int printPlan(const JobSummary &s, const QString &call, ErrorStyle style)
{
    const JobPlan &p = s.plan;
    if (s_out.json) {
        QJsonObject o = toJson(s);
        QJsonArray conflicts;
        for (const PlannedConflict &c : p.conflicts) {
            QJsonObject j{{QStringLiteral("source"), c.source},
                          {QStringLiteral("target"), c.target},
                          {QStringLiteral("outcome"), outcomeKey(c.outcome)},
                          {QStringLiteral("target_is_dir"), c.targetIsDir},
                          {QStringLiteral("target_size"), c.targetSize}};
            if (!c.writtenTo.isEmpty()) {
                j.insert(QStringLiteral("written_to"), c.writtenTo);
            }
            if (!c.why.isEmpty()) {
                j.insert(QStringLiteral("why"), c.why);
            }
            conflicts.append(j);
        }
        o.insert(QStringLiteral("dry_run"), true);
        o.insert(QStringLiteral("call"), call);
        o.insert(QStringLiteral("files"), p.files);
        o.insert(QStringLiteral("links"), p.links);
        o.insert(QStringLiteral("directories"), p.directories);
        o.insert(QStringLiteral("bytes"), p.bytes);
        o.insert(QStringLiteral("renames"), p.renames);
        o.insert(QStringLiteral("across_filesystems"), p.acrossFilesystems);
        o.insert(QStringLiteral("free_bytes"), p.freeBytes);
        o.insert(QStringLiteral("conflict_count"), p.conflictCount);
        o.insert(QStringLiteral("conflicts"), conflicts);
        o.insert(QStringLiteral("replaced_files"), p.replacedFiles);
        o.insert(QStringLiteral("merged_folders"), p.mergedFolders);
        printJson(o);
    } else {
        auto &out = cli::out();
        out << call << " would ";
        if (s_out.operation == QLatin1String("move")) {
            out << "move ";
        } else {
            out << "copy ";
        }
        out << cli::counted(p.files, "file", "files");
        if (p.links > 0) {
            out << " (" << cli::counted(p.links, "symlink", "symlinks") << ")";
        }
        out << ", " << cli::counted(p.directories, "folder", "folders") << ", "
            << cli::counted(p.bytes, "byte", "bytes") << "\n";
        if (s_out.operation == QLatin1String("move")) {
            if (p.renames > 0) {
                out << "  " << cli::counted(p.renames, "item is", "items are")
                    << " renamed at once (same filesystem: no data is copied)\n";
            }
            if (p.acrossFilesystems) {
                out << "  to another filesystem: copied (every byte read and written), then "
                       "the source deleted\n";
            }
        } else {
            out << (p.acrossFilesystems ? "  to another filesystem\n"
                                        : "  on the same filesystem\n");
        }
        for (const PlannedConflict &c : p.conflicts) {
            out << "  " << outcomeKey(c.outcome).leftJustified(12) << " " << py::repr(c.target);
            if (!c.writtenTo.isEmpty()) {
                out << " -> " << py::repr(c.writtenTo);
            }
            if (c.outcome == PlannedConflict::Outcome::Replace && !c.targetIsDir) {
                out << " (" << cli::counted(c.targetSize, "byte", "bytes") << " there now)";
            }
            if (!c.why.isEmpty()) {
                out << ": " << c.why;
            }
            out << "\n";
        }
        if (p.conflictCount > p.conflicts.size()) {
            out << "  ... and " << (p.conflictCount - p.conflicts.size())
                << " more names already taken\n";
        }
        if (p.replacedFiles > 0 || p.mergedFolders > 0) {
            out << "  cannot be undone:";
            if (p.replacedFiles > 0) {
                out << " " << cli::counted(p.replacedFiles, "file", "files")
                    << " replaced (the old contents are lost)";
            }
            if (p.mergedFolders > 0) {
                out << (p.replacedFiles > 0 ? ";" : "") << " "
                    << cli::counted(p.mergedFolders, "folder", "folders")
                    << " merged into (not undone as one step)";
            }
            out << "\n";
        }
        if (p.freeBytes >= 0 && p.bytes > p.freeBytes
            && !(s_out.operation == QLatin1String("move") && !p.acrossFilesystems)) {
            out << "  not enough space: " << cli::counted(p.bytes, "byte", "bytes")
                << " to write, " << p.freeBytes << " free\n";
        }
        out << "nothing was changed (--dry-run)\n";
        out.flush();
    }
    if (s.cancelled) {
        cli::err() << "stdlab files: cancelled\n";
        cli::err().flush();
        return cli::Failure;
    }
    if (s.errors.isEmpty()) {
        return cli::Ok;
    }
    cli::err() << "stdlab files: it would fail with:\n";
    const bool savedJson = s_out.json;
    s_out.json = false; // the JSON above holds the errors already
    finish(s, style);
    s_out.json = savedJson;
    return cli::Failure;
}

/// A refusal before anything was done: Python's exception, the JSON summary, exit 1.
int refuse(const QString &exception, const QString &message, const QString &source = QString())
{
    JobSummary s;
    JobError e;
    e.source = source;
    e.message = message;
    e.kind = JobErrorKind::Refused;
    s.errors.append(e);
    if (s_out.json) {
        QJsonObject o = toJson(s);
        QJsonObject first = o.value(QStringLiteral("errors")).toArray().first().toObject();
        first.insert(QStringLiteral("exception"), exception);
        o.insert(QStringLiteral("errors"), QJsonArray{first});
        printJson(o);
    }
    return pythonFailure(exception, message);
}

int osFailure(int errnum, const QString &path)
{
    return refuse(osErrorType(errnum), osErrorMessage(errnum, path), path);
}

/// Runs @p request on the engine in its worker thread; SIGINT/SIGTERM cancel it; the progress
/// line follows it on a terminal.
JobSummary runCancellable(JobRequest request)
{
    request.bytesPerSecondLimit = s_out.bytesPerSecond;
    request.verify = s_out.verify;
    FileOperations operations;
    cancelOnStopSignals(&operations);
    JobSummary summary;
    bool shown = false;
    if (s_out.progress) {
        QObject::connect(&operations, &FileOperations::progressChanged, &operations,
                         [&shown](int, const JobProgress &p) {
                             // The first tenth of a second is not worth a line.
                             if (p.elapsedMs >= 100 || shown) {
                                 writeProgress(progressLine(p));
                                 shown = true;
                             }
                         });
    }
    QObject::connect(&operations, &FileOperations::finished, &operations,
                     [&summary](int, const JobSummary &s) {
                         summary = s;
                         QCoreApplication::exit(0);
                     });
    operations.start(request);
    QCoreApplication::exec();
    if (shown) {
        writeProgress(QString());
    }
    return summary;
}

bool isDir(const QByteArray &path)
{
    struct stat st;
    return ::stat(path.constData(), &st) == 0 && S_ISDIR(st.st_mode);
}

/// Records what a command did in the Files tab's undo journal (`stdlab files undo`).
void journal(JournalEntry::Kind kind, const QString &title, const QList<JournalStep> &steps)
{
    if (steps.isEmpty()) {
        return;
    }
    JournalEntry e;
    e.kind = kind;
    e.title = title;
    e.steps = steps;
    UndoJournal(UndoJournal::defaultFile()).record(e);
}

QString absolutePath(const QString &path)
{
    return posixpath::abspath(path);
}

QString basenameOf(const QString &path)
{
    QString p = path;
    while (p.size() > 1 && p.endsWith(QLatin1Char('/'))) {
        p.chop(1);
    }
    return p.mid(p.lastIndexOf(QLatin1Char('/')) + 1);
}

QString joined(const QString &dir, const QString &name)
{
    return dir + (dir.endsWith(QLatin1Char('/')) ? QString() : QStringLiteral("/")) + name;
}

QString forceHint(const QString &call)
{
    return QStringLiteral("nothing was replaced: %1 would replace it; give --force to do so")
        .arg(call);
}

bool refusedExisting(const JobSummary &s)
{
    return std::any_of(s.errors.cbegin(), s.errors.cend(),
                       [](const JobError &e) { return e.errnum == EEXIST; });
}

// --- the operations ----------------------------------------------------------------------------

/// shutil.copy(src, dst): the data and the mode bits; into dst/basename(src) when dst is a
/// folder. An existing target is replaced only with --force (shutil would replace it).
int copy(const QString &src, const QString &dst)
{
    const QByteArray source = fsEncode(src);
    if (isDir(source)) {
        return osFailure(EISDIR, src);
    }
    const QString target = isDir(fsEncode(dst)) ? joined(dst, basenameOf(src)) : dst;
    JobRequest request = JobRequest::single(JobKind::Copy, src, target);
    request.followSymlinks = true;
    request.copyMetadata = false;
    request.conflictPolicy = s_out.force ? ConflictPolicy::Overwrite : ConflictPolicy::Fail;
    if (s_out.dryRun) {
        request.dryRun = true;
        return printPlan(runCancellable(request),
                         QStringLiteral("shutil.copy(%1, %2)").arg(py::repr(src), py::repr(dst)),
                         ErrorStyle::First);
    }
    const bool existed = ::access(fsEncode(target).constData(), F_OK) == 0;
    const JobSummary s = runCancellable(request);
    if (s.ok() && !existed) {
        // Undo removes the copy only while unchanged: its fingerprint reads it once more
        // (a verified copy's digest is known already). The file made is the one a dangling
        // link named (the summary's target), not the link.
        journal(JournalEntry::Kind::Copy,
                QStringLiteral("shutil.copy(%1, %2)").arg(py::repr(src), py::repr(dst)),
                {UndoJournal::copyStep(absolutePath(s.targets.value(0, target)), s.copied)});
    }
    return finish(s, ErrorStyle::First,
                  !s_out.force && refusedExisting(s) ? forceHint(QStringLiteral("shutil.copy"))
                                                      : QString());
}

/// shutil.copytree(src, dst, symlinks=not follow, dirs_exist_ok=...): the checks it makes
/// before copying raise at once; errors while copying are collected into one shutil.Error.
int copytree(const QString &src, const QString &dst, bool dirsExistOk, bool follow,
             bool keepHardLinks)
{
    DIR *dir = ::opendir(fsEncode(src).constData()); // os.scandir(src)
    if (!dir) {
        return osFailure(errno, src);
    }
    ::closedir(dir);
    struct stat st;
    if (::stat(fsEncode(dst).constData(), &st) == 0 && (!dirsExistOk || !S_ISDIR(st.st_mode))) {
        return osFailure(EEXIST, dst); // os.makedirs(dst, exist_ok=dirs_exist_ok)
    }
    JobRequest request = JobRequest::single(JobKind::Copy, src, dst);
    request.followSymlinks = follow;
    request.dirsExistOk = dirsExistOk;
    request.keepHardLinks = keepHardLinks;
    // dirs_exist_ok=True replaces the files it meets: only with --force here.
    request.conflictPolicy = s_out.force ? ConflictPolicy::Overwrite : ConflictPolicy::Fail;
    if (s_out.dryRun) {
        request.dryRun = true;
        return printPlan(runCancellable(request),
                         QStringLiteral("shutil.copytree(%1, %2)").arg(py::repr(src), py::repr(dst)),
                         ErrorStyle::Collected);
    }
    const bool existed = ::access(fsEncode(dst).constData(), F_OK) == 0;
    const JobSummary s = runCancellable(request);
    if (s.ok() && !existed) { // a merge into a folder that was there is not undone
        journal(JournalEntry::Kind::Copy,
                QStringLiteral("shutil.copytree(%1, %2)").arg(py::repr(src), py::repr(dst)),
                {UndoJournal::copyStep(absolutePath(dst), s.copied)});
    }
    return finish(s, ErrorStyle::Collected,
                  !s_out.force && refusedExisting(s)
                      ? forceHint(QStringLiteral("shutil.copytree(dirs_exist_ok=True)"))
                      : QString());
}

bool sameFile(const QByteArray &a, const QByteArray &b)
{
    struct stat sa, sb;
    return ::stat(a.constData(), &sa) == 0 && ::stat(b.constData(), &sb) == 0
        && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/// Whether @p a and @p b are one directory entry's inode, links not followed (os.rename(a, b)
/// then does nothing).
bool sameEntry(const QByteArray &a, const QByteArray &b)
{
    struct stat sa, sb;
    return ::lstat(a.constData(), &sa) == 0 && ::lstat(b.constData(), &sb) == 0
        && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

bool lexists(const QByteArray &path)
{
    struct stat st;
    return ::lstat(path.constData(), &st) == 0;
}

/// Whether the folder @p dir is on the device of @p st (a rename between them can work).
bool sameDevice(const struct stat &st, const QString &dir)
{
    struct stat d;
    return ::stat(fsEncode(dir.isEmpty() ? QStringLiteral(".") : dir).constData(), &d) != 0
        || d.st_dev == st.st_dev;
}

QByteArray readLink(const QByteArray &path)
{
    QByteArray text(PATH_MAX, Qt::Uninitialized);
    const ssize_t n = ::readlink(path.constData(), text.data(), size_t(text.size()));
    text.truncate(n < 0 ? 0 : int(n));
    return text;
}

QString moveCall(const QString &src, const QString &dst)
{
    return QStringLiteral("shutil.move(%1, %2)").arg(py::repr(src), py::repr(dst));
}

/// shutil.move(src, dst), step by step (Lib/shutil.py): into dst when it is a folder, where
/// nothing of that name may exist; rename, else copy and delete. A file it would replace is
/// replaced only with --force.
int move(const QString &src, const QString &dst)
{
    const QByteArray source = fsEncode(src);
    const QByteArray destination = fsEncode(dst);
    QString realDst = dst;
    if (isDir(destination)) {
        if (sameFile(source, destination)) {
            if (s_out.dryRun) {
                return printPlan(JobSummary(), moveCall(src, dst), ErrorStyle::First);
            }
            // shutil renames a folder onto itself (a no-op on a case-sensitive filesystem).
            if (::rename(source.constData(), destination.constData()) != 0) {
                return refuse(osErrorType(errno), osErrorMessage(errno, src, dst), src);
            }
            return finish(JobSummary(), ErrorStyle::First);
        }
        realDst = joined(dst, basenameOf(src));
        struct stat st;
        if (::stat(fsEncode(realDst).constData(), &st) == 0) {
            // Error("Destination path '%s' already exists" % real_dst): %s, not %r.
            return refuse(QStringLiteral("shutil.Error"),
                          QStringLiteral("Destination path '%1' already exists").arg(realDst),
                          src);
        }
    }
    struct stat st{}; // zeroed: a missing source reads as "not a folder" below
    if (::lstat(source.constData(), &st) == 0 && S_ISDIR(st.st_mode)) {
        // _destinsrc(src, dst): lexical, on abspath()s, with dst as given.
        QString a = posixpath::abspath(src);
        QString b = posixpath::abspath(dst);
        if (!a.endsWith(QLatin1Char('/'))) {
            a += QLatin1Char('/');
        }
        if (!b.endsWith(QLatin1Char('/'))) {
            b += QLatin1Char('/');
        }
        if (b.startsWith(a)) {
            return refuse(QStringLiteral("shutil.Error"),
                          QStringLiteral("Cannot move a directory '%1' into itself '%2'.")
                              .arg(src, dst),
                          src);
        }
    } else if (sameEntry(source, fsEncode(realDst))) {
        if (s_out.dryRun) {
            return printPlan(JobSummary(), moveCall(src, dst), ErrorStyle::First);
        }
        return finish(JobSummary(), ErrorStyle::First); // os.rename(a, a) does nothing
    } else if (S_ISLNK(st.st_mode) && lexists(fsEncode(realDst))
               && !sameDevice(st, posixpath::dirname(realDst))) {
        // os.rename fails with EXDEV; shutil.move then calls os.symlink(os.readlink(src),
        // real_dst), which never replaces a name (even when forced here).
        return refuse(osErrorType(EEXIST),
                      osErrorMessage(EEXIST, fsDecode(readLink(source)), realDst), src);
    }
    JobRequest request = JobRequest::single(JobKind::Move, src, realDst);
    request.conflictPolicy = s_out.force ? ConflictPolicy::Overwrite : ConflictPolicy::Fail;
    if (s_out.dryRun) {
        request.dryRun = true;
        const JobSummary plan = runCancellable(request);
        return printPlan(plan, moveCall(src, dst),
                         S_ISDIR(st.st_mode) && plan.errors.size() > 1 ? ErrorStyle::Collected
                                                                       : ErrorStyle::First);
    }
    const JobSummary s = runCancellable(request);
    if (s.ok()) {
        journal(JournalEntry::Kind::Rename,
                QStringLiteral("shutil.move(%1, %2)").arg(py::repr(src), py::repr(dst)),
                // A file moved through a link to another filesystem is where the link leads
                // (the summary's one target; a folder's targets are the files in it).
                {UndoJournal::pathStep(
                    absolutePath(src),
                    absolutePath(S_ISDIR(st.st_mode) ? realDst : s.targets.value(0, realDst)))});
    }
    const bool tree = S_ISDIR(st.st_mode) && s.errors.size() > 1;
    return finish(s, tree ? ErrorStyle::Collected : ErrorStyle::First,
                  !s_out.force && refusedExisting(s) && !S_ISDIR(st.st_mode)
                      ? forceHint(QStringLiteral("shutil.move"))
                      : QString());
}

/// os.remove for files and links, os.rmdir for folders (empty ones: "[Errno 39] Directory not
/// empty"), shutil.rmtree with -r, the freedesktop.org trash with --trash. Every path is tried.
int remove(const QStringList &paths, bool recursive, bool toTrash)
{
    if (recursive || toTrash) {
        QList<QPair<QString, JournalStep>> before; // the items as they were, to journal
        for (const QString &p : paths) {
            before.append({p, UndoJournal::pathStep(absolutePath(p), absolutePath(p))});
        }
        const JobSummary s = runCancellable(JobRequest::of(toTrash ? JobKind::Trash
                                                                   : JobKind::Delete,
                                                           paths));
        if (toTrash) {
            // summary.targets holds the trashed paths of the items that went, in order.
            QList<JournalStep> steps;
            qsizetype next = 0;
            for (const auto &[p, step] : std::as_const(before)) {
                const bool failed = s.trashUnavailable.contains(p)
                    || std::any_of(s.errors.cbegin(), s.errors.cend(),
                                   [&p](const JobError &e) { return e.source == p; });
                if (failed || next >= s.targets.size()) {
                    continue;
                }
                JournalStep t = step;
                t.to = s.targets.at(next++);
                t.info = trash::infoPathOf(t.to);
                steps.append(t);
            }
            QStringList calls;
            for (const QString &p : paths) {
                calls << QStringLiteral("send2trash(%1)").arg(py::repr(p));
            }
            journal(JournalEntry::Kind::Trash, calls.join(QStringLiteral("; ")), steps);
        }
        if (!s.trashUnavailable.isEmpty()) {
            JobSummary withReasons = s;
            for (const QString &p : s.trashUnavailable) {
                JobError e;
                e.source = p;
                e.errnum = EXDEV;
                e.message = trash::locate(p).reason;
                e.kind = JobErrorKind::Refused;
                withReasons.errors.append(e);
            }
            return finish(withReasons, ErrorStyle::EachLine,
                          QStringLiteral("nothing was deleted permanently: rm without --trash "
                                         "does that"));
        }
        return finish(s, ErrorStyle::EachLine);
    }
    const Os os;
    JobSummary s;
    s.kind = JobKind::Delete;
    for (const QString &path : paths) {
        struct stat st;
        const bool dir = ::lstat(fsEncode(path).constData(), &st) == 0 && S_ISDIR(st.st_mode);
        const FsResult r = dir ? os.rmdir(path) : os.remove(path);
        if (!r) {
            s.errors.append(errorOf(r, path));
        } else if (dir) {
            ++s.directories;
        } else {
            ++s.files;
            s.bytes += S_ISREG(st.st_mode) ? st.st_size : 0;
        }
    }
    return finish(s, paths.size() == 1 ? ErrorStyle::First : ErrorStyle::EachLine);
}

/// os.mkdir(path), or os.makedirs(path, exist_ok=True) with -p, for each path.
int mkdir(const QStringList &paths, bool parents)
{
    const Os os;
    JobSummary s;
    QList<JournalStep> made;
    for (const QString &path : paths) {
        // The folders that are not there yet, parents first: what undo may remove.
        QStringList missing;
        for (QString p = absolutePath(path); !p.isEmpty() && p != QLatin1String("/")
             && !os.exists(p) && !os.islink(p);
             p = posixpath::dirname(p)) {
            missing.prepend(p);
        }
        const FsResult r = parents ? os.makedirs(path, true) : os.mkdir(path);
        if (!r) {
            s.errors.append(errorOf(r, path));
        } else if (!missing.isEmpty()) {
            ++s.directories;
            s.targets.append(path);
            for (const QString &m : std::as_const(missing)) {
                made.append(UndoJournal::pathStep(QString(), m));
            }
        }
    }
    QStringList calls;
    for (const QString &path : paths) {
        calls << (parents ? QStringLiteral("os.makedirs(%1, exist_ok=True)")
                          : QStringLiteral("os.mkdir(%1)"))
                     .arg(py::repr(path));
    }
    journal(JournalEntry::Kind::Create, calls.join(QStringLiteral("; ")), made);
    return finish(s, paths.size() == 1 ? ErrorStyle::First : ErrorStyle::EachLine);
}

/// The code point of @p s that holds UTF-16 unit @p i (a pair's either half gives the pair's),
/// lone surrogates as themselves (the escaped bytes of undecodable names are lone surrogates;
/// toUcs4() would make them U+FFFD).
char32_t codePointAt(const QString &s, qsizetype i)
{
    const QChar c = s.at(i);
    if (c.isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate()) {
        return QChar::surrogateToUcs4(c, s.at(i + 1));
    }
    if (c.isLowSurrogate() && i > 0 && s.at(i - 1).isHighSurrogate()) {
        return QChar::surrogateToUcs4(s.at(i - 1), c);
    }
    return c.unicode();
}

/// Python's order of str: by code point. QString compares UTF-16 units, which puts U+10000
/// and above before U+E000. Everything before the first differing unit is equal, so the code
/// points holding that unit decide (no copy: the code points of whole names, built for each
/// comparison, were 43 % of `ls` on 100,000 names).
bool codePointLess(const QString &a, const QString &b)
{
    const qsizetype n = std::min(a.size(), b.size());
    qsizetype i = 0;
    while (i < n && a.at(i) == b.at(i)) {
        ++i;
    }
    if (i == n) {
        return a.size() < b.size();
    }
    return codePointAt(a, i) < codePointAt(b, i);
}

QString typeName(mode_t mode)
{
    switch (mode & S_IFMT) {
    case S_IFDIR: return QStringLiteral("directory");
    case S_IFREG: return QStringLiteral("file");
    case S_IFLNK: return QStringLiteral("symlink");
    case S_IFIFO: return QStringLiteral("fifo");
    case S_IFSOCK: return QStringLiteral("socket");
    case S_IFCHR: return QStringLiteral("char device");
    case S_IFBLK: return QStringLiteral("block device");
    default: return QStringLiteral("other");
    }
}

/// sorted(os.listdir(path)), one name a line as the kernel holds it (bytes that are not
/// UTF-8 included); --json: each entry's os.lstat() too.
int ls(const QString &path)
{
    const Os os;
    ListResult r = os.listdir(path);
    if (!r) {
        return refuse(exceptionName(r), r.message,
                      path);
    }
    std::sort(r.names.begin(), r.names.end(), codePointLess);
    if (s_out.json) {
        QJsonArray entries;
        for (const QString &name : std::as_const(r.names)) {
            struct stat st;
            QJsonObject o{{QStringLiteral("name"), name}};
            if (::lstat(fsEncode(joined(path, name)).constData(), &st) == 0) {
                o.insert(QStringLiteral("type"), typeName(st.st_mode));
                o.insert(QStringLiteral("size"), qint64(st.st_size));
                o.insert(QStringLiteral("mode"), FileListModel::fileMode(st.st_mode));
                o.insert(QStringLiteral("mtime"), double(st.st_mtim.tv_sec)
                                                      + double(st.st_mtim.tv_nsec) / 1e9);
                if (S_ISLNK(st.st_mode)) {
                    char buf[4096];
                    const ssize_t n = ::readlink(fsEncode(joined(path, name)).constData(), buf,
                                                 sizeof buf);
                    o.insert(QStringLiteral("target"),
                             n >= 0 ? fsDecode(QByteArray(buf, n)) : QString());
                }
            }
            entries.append(o);
        }
        printJson(QJsonObject{{QStringLiteral("path"), path},
                              {QStringLiteral("entries"), entries}});
        return cli::Ok;
    }
    cli::out().flush();
    QByteArray text;
    for (const QString &name : std::as_const(r.names)) {
        text += fsEncode(name) + '\n';
    }
    std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
    std::fflush(stdout);
    return cli::Ok;
}

/// The Size job of the Files tab for each path (os.walk and os.lstat, links not followed,
/// hard links once): "BYTES  PATH", or files/folders/bytes in JSON.
int size(const QStringList &paths)
{
    int status = cli::Ok;
    QJsonArray results;
    for (const QString &path : paths) {
        struct stat st;
        if (::lstat(fsEncode(path).constData(), &st) != 0) {
            const int e = errno;
            pythonFailure(osErrorType(e), osErrorMessage(e, path));
            results.append(QJsonObject{{QStringLiteral("path"), path},
                                       {QStringLiteral("exception"), osErrorType(e)},
                                       {QStringLiteral("message"), osErrorMessage(e, path)}});
            status = cli::Failure;
            continue;
        }
        const JobSummary s = runCancellable(JobRequest::of(JobKind::DiskUsage, {path}));
        if (s.cancelled) {
            return finish(s, ErrorStyle::First);
        }
        if (s_out.json) {
            results.append(QJsonObject{{QStringLiteral("path"), path},
                                       {QStringLiteral("files"), s.files},
                                       {QStringLiteral("folders"), s.directories},
                                       {QStringLiteral("bytes"), s.bytes}});
        } else {
            cli::out() << s.bytes << "  " << path << "\n";
            cli::out().flush();
        }
    }
    if (s_out.json) {
        printJson(results);
    }
    return status;
}

QString problemText(const RenameItem &item)
{
    using Problem = RenameItem::Problem;
    switch (item.problem) {
    case Problem::None:
        break;
    case Problem::Missing:
        return QStringLiteral("no such file");
    case Problem::InvalidName:
        return QStringLiteral("not a valid name");
    case Problem::SameNewName:
        return QStringLiteral("another file of the batch gets or keeps this name");
    case Problem::TargetExists:
        return QStringLiteral("a file that stays has this name");
    case Problem::Duplicate:
        return QStringLiteral("named twice");
    }
    return QString();
}

QString problemKey(RenameItem::Problem problem)
{
    using Problem = RenameItem::Problem;
    switch (problem) {
    case Problem::None: return QStringLiteral("ok");
    case Problem::Missing: return QStringLiteral("missing");
    case Problem::InvalidName: return QStringLiteral("invalid-name");
    case Problem::SameNewName: return QStringLiteral("same-new-name");
    case Problem::TargetExists: return QStringLiteral("target-exists");
    case Problem::Duplicate: return QStringLiteral("duplicate");
    }
    return QString();
}

/// `rename-batch PATTERN REPL PATH...`: re.sub(PATTERN, REPL, name, count, flags) on each
/// name; --dry-run prints the plan; otherwise all or nothing (batchrename.h). Prints
/// "'old' -> 'new'" per rename, as the Python code shown for it does.
int renameBatch(const QString &pattern, const QString &repl, const QStringList &paths, int flags,
                qsizetype count, bool dryRun)
{
    const RenamePlan plan = planRenames(paths, pattern, repl, flags, count);
    if (!plan.error.isEmpty()) {
        return refuse(QStringLiteral("re.error"), plan.error);
    }
    RenameOutcome outcome;
    if (!dryRun && plan.canApply()) {
        outcome = applyRenames(plan);
        QList<JournalStep> steps;
        for (const RenameItem &item : plan.items) {
            if (outcome.ok && item.changes()) {
                steps.append(UndoJournal::pathStep(absolutePath(item.path),
                                                   absolutePath(item.newPath())));
            }
        }
        journal(JournalEntry::Kind::Rename,
                QStringLiteral("re.sub(%1, %2, name) on %3")
                    .arg(py::repr(pattern), py::repr(repl),
                         cli::counted(steps.size(), "name", "names")),
                steps);
    }
    const bool applicable = plan.canApply(); // counts the problems: once, not per line
    const bool ok = applicable && outcome.ok;
    if (s_out.json) {
        QJsonArray items;
        for (const RenameItem &item : plan.items) {
            items.append(QJsonObject{{QStringLiteral("path"), item.path},
                                     {QStringLiteral("old"), item.oldName},
                                     {QStringLiteral("new"), item.newName},
                                     {QStringLiteral("changes"), item.changes()},
                                     {QStringLiteral("case_only"), item.caseOnly},
                                     {QStringLiteral("status"), problemKey(item.problem)}});
        }
        QJsonArray errors;
        if (!outcome.ok) {
            errors.append(QJsonObject{
                {QStringLiteral("exception"), exceptionName(outcome.error)},
                {QStringLiteral("errno"), outcome.error.errnum},
                {QStringLiteral("message"), outcome.error.message}});
        }
        printJson(QJsonObject{{QStringLiteral("operation"), s_out.operation},
                              {QStringLiteral("dry_run"), dryRun},
                              {QStringLiteral("ok"), ok},
                              {QStringLiteral("renamed"), outcome.renamed},
                              {QStringLiteral("rolled_back"), outcome.rolledBack},
                              {QStringLiteral("items"), items},
                              {QStringLiteral("errors"), errors}});
    } else {
        for (const RenameItem &item : plan.items) {
            if (item.problem != RenameItem::Problem::None) {
                cli::out() << py::repr(item.path) << " -> " << py::repr(item.newPath())
                           << "  ! " << problemText(item) << "\n";
            } else if (!item.changes()) {
                if (dryRun) {
                    cli::out() << py::repr(item.path) << " unchanged\n";
                }
            } else if (dryRun || !applicable || outcome.renamed > 0) {
                cli::out() << py::repr(item.path) << " -> " << py::repr(item.newPath())
                           << (dryRun && item.caseOnly ? "  (case only)" : "") << "\n";
            }
        }
        cli::out().flush();
    }
    if (!applicable) {
        cli::err() << "stdlab files: nothing was renamed: "
                   << cli::counted(plan.problemCount(), "name cannot", "names cannot")
                   << " be used\n";
        cli::err().flush();
        return cli::Failure;
    }
    if (!outcome.ok) {
        pythonFailure(exceptionName(outcome.error), outcome.error.message);
        if (outcome.rolledBack) {
            cli::err() << "stdlab files: every rename done was undone: nothing was renamed\n";
        } else {
            for (const QString &failure : std::as_const(outcome.rollbackFailures)) {
                cli::err() << "stdlab files: could not undo: " << failure << "\n";
            }
        }
        cli::err().flush();
        return cli::Failure;
    }
    return cli::Ok;
}

const char *journalKindName(JournalEntry::Kind kind)
{
    switch (kind) {
    case JournalEntry::Kind::Create: return "create";
    case JournalEntry::Kind::Rename: return "rename";
    case JournalEntry::Kind::Copy: return "copy";
    case JournalEntry::Kind::Trash: return "trash";
    }
    return "";
}

/// `undo [--list] [--redo]`: the Files tab's undo journal (UndoJournal::defaultFile()).
int undo(bool list, bool redo)
{
    UndoJournal journal(UndoJournal::defaultFile());
    if (list) {
        const QList<JournalEntry> entries = journal.entries();
        const auto next = journal.nextUndo();
        if (s_out.json) {
            QJsonArray items;
            for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
                QJsonArray paths;
                for (const JournalStep &step : it->steps) {
                    paths.append(step.from.isEmpty()
                                     ? QJsonValue(step.to)
                                     : QJsonValue(QJsonArray{step.from, step.to}));
                }
                items.append(QJsonObject{{QStringLiteral("id"), it->id},
                                         {QStringLiteral("kind"),
                                          QLatin1String(journalKindName(it->kind))},
                                         {QStringLiteral("time"),
                                          it->time.toString(Qt::ISODateWithMs)},
                                         {QStringLiteral("title"), it->title},
                                         {QStringLiteral("undone"), it->undone},
                                         {QStringLiteral("paths"), paths}});
            }
            printJson(QJsonObject{{QStringLiteral("journal"), journal.file()},
                                  {QStringLiteral("entries"), items}});
            return cli::Ok;
        }
        // Newest first; ">" marks what undo would undo next.
        for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
            cli::out() << (next && next->id == it->id ? "> " : "  ") << it->id << "  "
                       << it->time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                       << "  " << journalKindName(it->kind) << "  "
                       << QString(it->title).replace(QLatin1Char('\n'), QStringLiteral("; "))
                       << (it->undone ? "  (undone)" : "") << "\n";
        }
        cli::out().flush();
        return cli::Ok;
    }
    const UndoResult r = redo ? journal.redo() : journal.undo();
    if (s_out.json) {
        printJson(QJsonObject{{QStringLiteral("operation"), redo ? QStringLiteral("redo")
                                                                 : QStringLiteral("undo")},
                              {QStringLiteral("ok"), r.ok},
                              {QStringLiteral("id"), r.entry.id},
                              {QStringLiteral("title"), r.entry.title},
                              {QStringLiteral("message"), r.message}});
    }
    if (!r.ok) {
        cli::err() << "stdlab files: " << (redo ? "cannot redo" : "cannot undo");
        if (r.entry.id) {
            cli::err() << " " << r.entry.title;
        }
        cli::err() << ": " << r.message << "\n";
        cli::err().flush();
        return cli::Failure;
    }
    if (!s_out.json) {
        cli::out() << (redo ? "redone: " : "undone: ") << r.entry.title << "\n";
        cli::out().flush();
    }
    return cli::Ok;
}

/// `hash`: hashlib.file_digest(f, ALGO).hexdigest() of each PATH, printed as sha256sum prints
/// it ("HEX  PATH"); a path that cannot be read gets Python's error and the others go on.
QJsonObject archiveJson(const ArchiveResult &r)
{
    return QJsonObject{{QStringLiteral("operation"), s_out.operation},
                       {QStringLiteral("ok"), r.ok()},
                       {QStringLiteral("path"), r.path},
                       {QStringLiteral("files"), r.files},
                       {QStringLiteral("directories"), r.directories},
                       {QStringLiteral("bytes"), r.bytes}};
}

/// SIGINT/SIGTERM set this: archive and unpack look at it between blocks.
std::atomic<bool> s_stop{false};

void stopOnSignals()
{
    struct sigaction sa = {};
    sa.sa_handler = [](int) { s_stop = true; };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

/// print(shutil.make_archive(BASE, FORMAT, ROOT)): the archive's absolute path.
int archive(const QString &format, const QString &base, const QString &root)
{
    if (!archiveFormats().contains(format)) {
        return cli::usageError(kCommand, QStringLiteral("unknown archive format '%1' (use %2)")
                                             .arg(format, archiveFormats().join(u'|')));
    }
    stopOnSignals();
    const bool existed = lexists(fsEncode(absolutePath(base) + archiveExtension(format)));
    const ArchiveResult r = makeArchive(format, absolutePath(base), root, s_out.force, &s_stop);
    if (s_out.json) {
        printJson(archiveJson(r));
    } else if (r.ok()) {
        cli::out() << r.path << "\n";
        cli::out().flush();
    }
    if (r.cancelled) {
        cli::err() << "stdlab files: cancelled; nothing half-written was left behind\n";
        cli::err().flush();
        return cli::Failure;
    }
    if (r.ok() && !existed) { // one that replaced an archive is not undone (as copy --force)
        journal(JournalEntry::Kind::Copy,
                QStringLiteral("shutil.make_archive(%1, %2, %3)")
                    .arg(py::repr(base), py::repr(format), py::repr(root)),
                {UndoJournal::copyStep(r.path)});
    }
    if (!r.ok()) {
        pythonFailure(r.exception, r.message);
        if (r.exception == QLatin1String("FileExistsError") && !s_out.force) {
            cli::err() << "stdlab files: "
                       << forceHint(QStringLiteral("shutil.make_archive")) << "\n";
            cli::err().flush();
        }
        return cli::Failure;
    }
    return cli::Ok;
}

/// shutil.unpack_archive(ARCHIVE, DEST, filter="data"): each refused member on a line of its
/// own, as tarfile's exception; the modes the filter limited on stdout.
int unpack(const QString &archivePath, const QString &dest)
{
    stopOnSignals();
    const UnpackResult r = unpackArchive(archivePath, dest, s_out.force, &s_stop);
    if (s_out.json) {
        QJsonObject o = archiveJson(r);
        QJsonArray refused;
        for (const Refusal &why : r.refused) {
            refused.append(QJsonObject{{QStringLiteral("member"), why.member},
                                       {QStringLiteral("exception"), why.exception},
                                       {QStringLiteral("message"), why.message}});
        }
        o.insert(QStringLiteral("ok"), r.ok() && r.refused.isEmpty());
        o.insert(QStringLiteral("refused"), refused);
        o.insert(QStringLiteral("neutralised"), QJsonArray::fromStringList(r.neutralised));
        printJson(o);
    } else {
        for (const QString &line : r.neutralised) {
            cli::out() << "mode limited: " << line << "\n";
        }
        cli::out().flush();
    }
    for (const Refusal &why : r.refused) {
        pythonFailure(why.exception, why.message);
    }
    if (r.cancelled) {
        cli::err() << "stdlab files: cancelled; what it had written was removed\n";
        cli::err().flush();
        return cli::Failure;
    }
    // What it made that was not there: undo removes it if unchanged (fingerprints read it).
    QList<JournalStep> made;
    for (const QString &path : r.created) {
        made << UndoJournal::copyStep(path);
    }
    journal(JournalEntry::Kind::Copy,
            QStringLiteral("shutil.unpack_archive(%1, %2)").arg(py::repr(archivePath), py::repr(dest)),
            made);
    if (!r.ok()) {
        return pythonFailure(r.exception, r.message);
    }
    if (!r.refused.isEmpty()) {
        cli::err() << "stdlab files: "
                   << cli::counted(r.refused.size(), "member was", "members were")
                   << " not extracted; the others were\n";
        cli::err().flush();
        return cli::Failure;
    }
    return cli::Ok;
}

int hash(const QStringList &paths, QCryptographicHash::Algorithm algorithm)
{
    int status = cli::Ok;
    for (const QString &path : paths) {
        const DigestResult r = fileDigest(path, algorithm);
        if (!r.ok()) {
            pythonFailure(r.exception, r.message);
            status = cli::Failure;
            continue;
        }
        cli::out() << r.hex << "  " << path << "\n";
    }
    cli::out().flush();
    return status;
}

/// `check SUMSFILE`: as `sha256sum -c` does, "PATH: OK", "PATH: FAILED" or "PATH: FAILED open or
/// read" per line, the counts of what failed on stderr; the algorithm from --algo, else from the
/// length of the digests (md5, sha1, sha224, sha256, sha384, sha512).
int check(const QString &sumsPath, std::optional<QCryptographicHash::Algorithm> algorithm)
{
    const int fd = ::open(fsEncode(sumsPath).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int e = errno;
        return pythonFailure(osErrorType(e), osErrorMessage(e, sumsPath));
    }
    QFile file;
    if (isDir(fsEncode(sumsPath)) || !file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return pythonFailure(osErrorType(EISDIR), osErrorMessage(EISDIR, sumsPath));
    }
    const SumsFile sums = parseSums(file.readAll());
    int failed = 0;
    int unreadable = 0;
    for (const SumsEntry &e : sums.entries) {
        auto algo = algorithm;
        if (!algo) {
            static const QHash<qsizetype, QCryptographicHash::Algorithm> byLength = {
                {32, QCryptographicHash::Md5},     {40, QCryptographicHash::Sha1},
                {56, QCryptographicHash::Sha224},  {64, QCryptographicHash::Sha256},
                {96, QCryptographicHash::Sha384},  {128, QCryptographicHash::Sha512}};
            const auto it = byLength.find(e.hex.size());
            if (it == byLength.end()) {
                cli::out() << e.path << ": FAILED (unknown digest length " << e.hex.size()
                           << "; give --algo)\n";
                ++failed;
                continue;
            }
            algo = *it;
        }
        const DigestResult r = fileDigest(e.path, *algo);
        if (!r.ok()) {
            cli::out().flush();
            cli::err() << r.exception << ": " << r.message << "\n";
            cli::err().flush();
            cli::out() << e.path << ": FAILED open or read\n";
            ++unreadable;
        } else if (r.hex != e.hex) {
            cli::out() << e.path << ": FAILED\n";
            ++failed;
        } else {
            cli::out() << e.path << ": OK\n";
        }
    }
    cli::out().flush();
    if (sums.improper) {
        cli::err() << "stdlab files: WARNING: "
                   << cli::counted(sums.improper, "line is", "lines are")
                   << " improperly formatted\n";
    }
    if (unreadable) {
        cli::err() << "stdlab files: WARNING: "
                   << cli::counted(unreadable, "listed file", "listed files")
                   << " could not be read\n";
    }
    if (failed) {
        cli::err() << "stdlab files: WARNING: "
                   << cli::counted(failed, "computed checksum", "computed checksums")
                   << " did NOT match\n";
    }
    if (sums.entries.isEmpty()) {
        cli::err() << "stdlab files: " << sumsPath << ": no properly formatted checksum lines "
                   << "found\n";
    }
    cli::err().flush();
    return failed || unreadable || sums.entries.isEmpty() ? cli::Failure : cli::Ok;
}

/// Which operations take which options, and how many paths.
struct Operation
{
    const char *name;
    int minPaths;
    int maxPaths; // -1: any number
    const char *paths; // for the usage message
    QStringList options;
};

const QList<Operation> &operations()
{
    static const QList<Operation> ops = {
        {"ls", 0, 1, "[PATH]", {"json"}},
        {"size", 1, -1, "PATH...", {"json"}},
        {"copy", 2, 2, "SRC and DST", {"json", "force", "bwlimit", "verify", "dry-run"}},
        {"copytree", 2, 2, "SRC and DST",
         {"json", "force", "bwlimit", "verify", "dirs-exist-ok", "follow-symlinks",
          "keep-hard-links", "dry-run"}},
        {"move", 2, 2, "SRC and DST", {"json", "force", "bwlimit", "verify", "dry-run"}},
        {"rm", 1, -1, "PATH...", {"json", "r", "trash"}},
        {"mkdir", 1, -1, "PATH...", {"json", "p"}},
        {"rename-batch", 3, -1, "PATTERN, REPL and PATH...",
         {"json", "flags", "count", "dry-run"}},
        {"undo", 0, 0, "no paths", {"json", "list", "redo"}},
        {"hash", 1, -1, "PATH...", {"algo"}},
        {"check", 1, 1, "SUMSFILE", {"algo"}},
        {"archive", 3, 3, "FORMAT, BASE and ROOT", {"json", "force"}},
        {"unpack", 2, 2, "ARCHIVE and DEST", {"json", "force"}},
    };
    return ops;
}

QString operationNames()
{
    QStringList names;
    for (const Operation &op : operations()) {
        names << QLatin1String(op.name);
    }
    return names.join(QStringLiteral(", "));
}

} // namespace

int runFilesCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "os and shutil on the Files tab's engine, without a display.\n"
        "  ls [PATH]           sorted(os.listdir(PATH)), one name a line.\n"
        "  size PATH...        the Files tab's Size: bytes of the files under PATH (os.walk,\n"
        "                      os.lstat: links not followed, hard links counted once).\n"
        "  copy SRC DST        shutil.copy(SRC, DST): data and mode bits; into DST/name when\n"
        "                      DST is a folder.\n"
        "  copytree SRC DST    shutil.copytree(SRC, DST, symlinks=True): links stay links\n"
        "                      (as cp -a); modes, times and xattrs kept.\n"
        "  move SRC DST        shutil.move(SRC, DST): into DST when it is a folder.\n"
        "  rm PATH...          os.remove (files, links), os.rmdir (empty folders);\n"
        "                      -r: shutil.rmtree; --trash: to the freedesktop.org trash.\n"
        "  mkdir PATH...       os.mkdir; -p: os.makedirs(PATH, exist_ok=True).\n"
        "  rename-batch PATTERN REPL PATH...\n"
        "                      each name becomes re.sub(PATTERN, REPL, name); all or nothing:\n"
        "                      a name used twice, taken or not valid stops it; an error\n"
        "                      midway undoes what was done. --dry-run shows the plan.\n"
        "  undo [--list|--redo] the Files tab's last operation (its undo journal): a new\n"
        "                      file or folder, a rename, a batch rename, a move, a copy\n"
        "                      (only if unchanged) or a trash; never replacing anything.\n"
        "  hash PATH...        hashlib.file_digest(open(PATH, 'rb'), ALGO).hexdigest(),\n"
        "                      printed as sha256sum does (--algo, default sha256).\n"
        "  check SUMSFILE      as sha256sum -c: PATH: OK / FAILED / FAILED open or read.\n"
        "  archive FORMAT BASE ROOT\n"
        "                      print(shutil.make_archive(BASE, FORMAT, ROOT)): zip, tar,\n"
        "                      gztar, bztar or xztar of what ROOT holds.\n"
        "  unpack ARCHIVE DEST shutil.unpack_archive(ARCHIVE, DEST, filter='data'): members\n"
        "                      that would land outside DEST, links out of it, devices are\n"
        "                      refused and listed (the others extracted); setuid bits and\n"
        "                      group/other write are dropped.\n"
        "A file that exists is never replaced without --force (shutil.copy and shutil.move\n"
        "would replace it). Files are written under a temporary name and renamed into place\n"
        "when complete and on disk: an error, Ctrl+C or SIGTERM leaves no partial file.\n"
        "--verify reads each copy back from the disk before that rename and compares its\n"
        "BLAKE2b with the source's: a copy that differs is not kept and is reported.\n"
        "copy, copytree and move --dry-run print the plan and change nothing: files,\n"
        "folders, bytes, the names already taken and what would happen to each, what\n"
        "undo could not bring back, another filesystem or not; exit 1 if it would fail.\n"
        "Errors are Python's (the last line of its traceback) on stderr; --json prints what\n"
        "was done on stdout. On a terminal, long operations show a progress line.\n"
        "Exit status: 0 done, 1 an operation failed (or was cancelled), 2 usage error."));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print the result as JSON on stdout."));
    const QCommandLineOption force(
        QStringLiteral("force"),
        QStringLiteral("copy/copytree/move/archive/unpack: replace existing files (as shutil "
                       "does)."));
    const QCommandLineOption dirsExistOk(
        QStringLiteral("dirs-exist-ok"),
        QStringLiteral("copytree: merge into an existing DST (dirs_exist_ok=True); files that "
                       "exist are replaced only with --force."));
    const QCommandLineOption follow(
        QStringLiteral("follow-symlinks"),
        QStringLiteral("copytree: copy what links point to (symlinks=False, Python's default)."));
    const QCommandLineOption hardLinks(
        QStringLiteral("keep-hard-links"),
        QStringLiteral("copytree: files hard-linked together stay linked in the copy (as cp "
                       "-a; shutil makes separate files)."));
    const QCommandLineOption verify(
        QStringLiteral("verify"),
        QStringLiteral("copy/copytree/move: read each copy back and compare its BLAKE2b with "
                       "the source's (hashlib.file_digest); a copy that differs is not kept."));
    const QCommandLineOption bwlimit(
        QStringLiteral("bwlimit"),
        QStringLiteral("At most BYTES bytes per second (like rsync --bwlimit)."),
        QStringLiteral("BYTES"));
    const QCommandLineOption recursive(
        QStringList{QStringLiteral("r"), QStringLiteral("recursive")},
        QStringLiteral("rm: folders and all they hold (shutil.rmtree)."));
    const QCommandLineOption toTrash(QStringLiteral("trash"),
                                     QStringLiteral("rm: move to the trash instead."));
    const QCommandLineOption parents(
        QStringList{QStringLiteral("p"), QStringLiteral("parents")},
        QStringLiteral("mkdir: make missing parents; an existing folder is fine."));
    const QCommandLineOption algo(
        QStringLiteral("algo"),
        QStringLiteral("hash/check: %1 (hashlib's names).")
            .arg(hashAlgorithmNames().join(QStringLiteral(", "))),
        QStringLiteral("ALGO"));
    const QCommandLineOption flags(
        QStringLiteral("flags"),
        QStringLiteral("rename-batch: re flags as letters (imsxa: IGNORECASE, MULTILINE, "
                       "DOTALL, VERBOSE, ASCII)."),
        QStringLiteral("F"));
    const QCommandLineOption count(QStringLiteral("count"),
                                   QStringLiteral("rename-batch: at most N replacements a name."),
                                   QStringLiteral("N"));
    const QCommandLineOption dryRun(
        QStringLiteral("dry-run"),
        QStringLiteral("rename-batch: print old -> new and what is wrong; rename nothing. "
                       "copy/copytree/move: print what would happen; change nothing."));
    const QCommandLineOption listJournal(
        QStringLiteral("list"), QStringLiteral("undo: list the journal, newest first."));
    const QCommandLineOption redoLast(QStringLiteral("redo"),
                                      QStringLiteral("undo: redo what was undone last."));
    const QList<QCommandLineOption> all = {json,    force,     dirsExistOk, follow,
                                           hardLinks, bwlimit, recursive,   toTrash,
                                           parents, algo,      flags,       count,
                                           dryRun,  listJournal, redoLast, verify};
    parser.addOptions(all);
    parser.addPositionalArgument(QStringLiteral("operation"), operationNames());
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("paths"));
    if (const auto code = cli::parse(
            parser, arguments,
            QStringLiteral("ls|size|copy|copytree|move|rm|mkdir|rename-batch|undo|hash|check|"
                           "archive|unpack "
                           "[options] PATH..."))) {
        return *code;
    }
    const QStringList args = parser.positionalArguments();
    if (args.isEmpty()) {
        return cli::usageError(kCommand,
                               QStringLiteral("missing operation (%1)").arg(operationNames()));
    }
    const QString operation = args.first();
    const auto op = std::find_if(operations().cbegin(), operations().cend(),
                                 [&](const Operation &o) { return operation == QLatin1String(o.name); });
    if (op == operations().cend()) {
        return cli::usageError(kCommand, QStringLiteral("unknown operation '%1' (use %2)")
                                             .arg(operation, operationNames()));
    }
    for (const QCommandLineOption &o : all) {
        if (parser.isSet(o) && !op->options.contains(o.names().first())) {
            const QString name = o.names().last();
            return cli::usageError(kCommand, QStringLiteral("%1 takes no --%2")
                                                 .arg(operation, name));
        }
    }
    const QStringList paths = args.mid(1);
    if (paths.size() < op->minPaths || (op->maxPaths >= 0 && paths.size() > op->maxPaths)) {
        return cli::usageError(kCommand, QStringLiteral("%1 takes %2 (got %3)")
                                             .arg(operation, QLatin1String(op->paths),
                                                  cli::counted(paths.size(), "argument", "arguments")));
    }
    const auto limit = cli::intOption(parser, QStringLiteral("bwlimit"), kCommand, 0);
    if (!limit) {
        return cli::Usage;
    }
    if (*limit < 0) {
        return cli::usageError(kCommand, QStringLiteral("--bwlimit must be 0 or more"));
    }
    s_out.operation = operation;
    s_out.json = parser.isSet(json);
    s_out.force = parser.isSet(force);
    s_out.verify = parser.isSet(verify);
    s_out.dryRun = parser.isSet(dryRun);
    s_out.bytesPerSecond = *limit;
    s_out.progress = ::isatty(STDERR_FILENO) == 1;

    if (operation == QLatin1String("hash") || operation == QLatin1String("check")) {
        std::optional<QCryptographicHash::Algorithm> algorithm;
        if (parser.isSet(algo)) {
            algorithm = hashAlgorithm(parser.value(algo));
            if (!algorithm) {
                return cli::usageError(kCommand, QStringLiteral("unknown --algo '%1' (use %2)")
                                                     .arg(parser.value(algo),
                                                          hashAlgorithmNames().join(u'|')));
            }
        }
        if (operation == QLatin1String("hash")) {
            return hash(paths, algorithm.value_or(QCryptographicHash::Sha256));
        }
        return check(paths.first(), algorithm);
    }
    if (operation == QLatin1String("archive")) {
        return archive(paths.at(0), paths.at(1), paths.at(2));
    }
    if (operation == QLatin1String("unpack")) {
        return unpack(paths.at(0), paths.at(1));
    }
    if (operation == QLatin1String("ls")) {
        return ls(paths.value(0, QStringLiteral(".")));
    }
    if (operation == QLatin1String("size")) {
        return size(paths);
    }
    if (operation == QLatin1String("copy")) {
        return copy(paths.at(0), paths.at(1));
    }
    if (operation == QLatin1String("copytree")) {
        return copytree(paths.at(0), paths.at(1), parser.isSet(dirsExistOk), parser.isSet(follow),
                        parser.isSet(hardLinks));
    }
    if (operation == QLatin1String("move")) {
        return move(paths.at(0), paths.at(1));
    }
    if (operation == QLatin1String("rm")) {
        return remove(paths, parser.isSet(recursive), parser.isSet(toTrash));
    }
    if (operation == QLatin1String("undo")) {
        if (parser.isSet(listJournal) && parser.isSet(redoLast)) {
            return cli::usageError(kCommand, QStringLiteral("undo takes --list or --redo"));
        }
        return undo(parser.isSet(listJournal), parser.isSet(redoLast));
    }
    if (operation == QLatin1String("mkdir")) {
        return mkdir(paths, parser.isSet(parents));
    }
    QString flagError;
    const int reFlags = re::flagsFromLetters(parser.value(flags), &flagError);
    if (reFlags < 0) {
        return cli::usageError(kCommand, QStringLiteral("--flags: %1").arg(flagError));
    }
    const auto maxCount = cli::intOption(parser, QStringLiteral("count"), kCommand, 0);
    if (!maxCount) {
        return cli::Usage;
    }
    if (*maxCount < 0) {
        return cli::usageError(kCommand, QStringLiteral("--count must be 0 or more"));
    }
    return renameBatch(paths.at(0), paths.at(1), paths.mid(2), reFlags, *maxCount,
                       parser.isSet(dryRun));
}

} // namespace stdlab

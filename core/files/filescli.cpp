#include "files/filescli.h"

#include "common/cli.h"
#include "files/checksum.h"
#include "common/pyrepr.h"
#include "files/fileoperations.h"
#include "files/fspath.h"
#include "files/fsresult.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <dirent.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace stdlab {

namespace {

using namespace stdlab::files;

const QString kCommand = QStringLiteral("files");
qint64 s_bytesPerSecond = 0; // --bwlimit

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

/// Prints "<Exception>: <message>" as the last line of Python's traceback would; returns 1.
int pythonFailure(const QString &exception, const QString &message)
{
    cli::out().flush();
    cli::err() << exception << ": " << message << "\n";
    cli::err().flush();
    return cli::Failure;
}

int osFailure(int errnum, const QString &path)
{
    return pythonFailure(osErrorType(errnum), osErrorMessage(errnum, path));
}

/// Runs @p request on the engine in its worker thread; SIGINT/SIGTERM cancel it.
JobSummary runCancellable(JobRequest request)
{
    request.bytesPerSecondLimit = s_bytesPerSecond;
    FileOperations operations;
    cancelOnStopSignals(&operations);
    JobSummary summary;
    QObject::connect(&operations, &FileOperations::finished, &operations,
                     [&summary](int, const JobSummary &s) {
                         summary = s;
                         QCoreApplication::exit(0);
                     });
    operations.start(request);
    QCoreApplication::exec();
    return summary;
}

int cancelled()
{
    cli::err() << "stdlab files: cancelled; nothing half-written was left behind\n";
    cli::err().flush();
    return cli::Failure;
}

QString exceptionOf(const JobError &e)
{
    switch (e.kind) {
    case JobErrorKind::SameFile:
        return QStringLiteral("shutil.SameFileError");
    case JobErrorKind::SpecialFile:
        return QStringLiteral("shutil.SpecialFileError");
    case JobErrorKind::OsError:
        return e.errnum ? osErrorType(e.errnum) : QStringLiteral("OSError");
    default:
        return QStringLiteral("shutil.Error");
    }
}

bool isDir(const QByteArray &path)
{
    struct stat st;
    return ::stat(path.constData(), &st) == 0 && S_ISDIR(st.st_mode);
}

/// shutil.copy(src, dst): the data and the mode bits; into dst/basename(src) when dst is a
/// folder; the target is replaced when it exists.
int copy(const QString &src, const QString &dst)
{
    const QByteArray source = fsEncode(src);
    if (isDir(source)) {
        return osFailure(EISDIR, src);
    }
    QString target = dst;
    if (isDir(fsEncode(dst))) {
        QByteArray base = source;
        while (base.size() > 1 && base.endsWith('/')) {
            base.chop(1);
        }
        base = base.mid(base.lastIndexOf('/') + 1);
        target = dst + (dst.endsWith(QLatin1Char('/')) ? QString() : QStringLiteral("/"))
            + fsDecode(base);
    }
    JobRequest request = JobRequest::single(JobKind::Copy, src, target);
    request.followSymlinks = true;
    request.copyMetadata = false;
    request.conflictPolicy = ConflictPolicy::Overwrite;
    const JobSummary s = runCancellable(request);
    if (s.cancelled) {
        return cancelled();
    }
    if (!s.errors.isEmpty()) {
        const JobError &e = s.errors.first();
        return pythonFailure(exceptionOf(e), e.message);
    }
    return cli::Ok;
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
    request.conflictPolicy = dirsExistOk ? ConflictPolicy::Overwrite : ConflictPolicy::Fail;
    const JobSummary s = runCancellable(request);
    if (s.cancelled) {
        return cancelled();
    }
    if (!s.errors.isEmpty()) {
        return pythonFailure(QStringLiteral("shutil.Error"), s.errorString());
    }
    return cli::Ok;
}

/// `hash`: hashlib.file_digest(f, ALGO).hexdigest() of each PATH, printed as sha256sum prints
/// it ("HEX  PATH"); a path that cannot be read gets Python's error and the others go on.
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
        return osFailure(errno, sumsPath);
    }
    QFile file;
    if (isDir(fsEncode(sumsPath)) || !file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return osFailure(EISDIR, sumsPath);
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

} // namespace

int runFilesCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "shutil's copies on the Files tab's engine, without a display.\n"
        "  copy SRC DST        shutil.copy(SRC, DST): data and mode bits; into DST/name when\n"
        "                      DST is a folder; an existing file is replaced.\n"
        "  copytree SRC DST    shutil.copytree(SRC, DST, symlinks=True): links stay links\n"
        "                      (as cp -a); modes, times and xattrs kept.\n"
        "Files are written under a temporary name and renamed into place when complete and\n"
        "on disk: an error, Ctrl+C or SIGTERM leaves no partial file. A source that changes\n"
        "while copied is copied again once, then reported. Holes of sparse files are kept.\n"
        "  hash PATH...        hashlib.file_digest(open(PATH, 'rb'), ALGO).hexdigest(),\n"
        "                      printed as sha256sum does (--algo, default sha256).\n"
        "  check SUMSFILE      as sha256sum -c: PATH: OK / FAILED / FAILED open or read.\n"
        "Errors are Python's (the last line of its traceback) on stderr.\n"
        "Exit status: 0 done, 1 an operation failed (or was cancelled), 2 usage error."));
    const QCommandLineOption dirsExistOk(
        QStringLiteral("dirs-exist-ok"),
        QStringLiteral("copytree: merge into an existing DST (dirs_exist_ok=True)."));
    const QCommandLineOption follow(
        QStringLiteral("follow-symlinks"),
        QStringLiteral("copytree: copy what links point to (symlinks=False, Python's default)."));
    const QCommandLineOption hardLinks(
        QStringLiteral("keep-hard-links"),
        QStringLiteral("copytree: files hard-linked together stay linked in the copy (as cp "
                       "-a; shutil makes separate files)."));
    const QCommandLineOption bwlimit(
        QStringLiteral("bwlimit"),
        QStringLiteral("At most BYTES bytes per second (like rsync --bwlimit)."),
        QStringLiteral("BYTES"));
    const QCommandLineOption algo(
        QStringLiteral("algo"),
        QStringLiteral("hash/check: %1 (hashlib's names).")
            .arg(hashAlgorithmNames().join(QStringLiteral(", "))),
        QStringLiteral("ALGO"));
    parser.addOptions({dirsExistOk, follow, hardLinks, bwlimit, algo});
    parser.addPositionalArgument(QStringLiteral("operation"), QStringLiteral("copy or copytree"));
    parser.addPositionalArgument(QStringLiteral("SRC"), QStringLiteral("source path"));
    parser.addPositionalArgument(QStringLiteral("DST"), QStringLiteral("destination path"));
    if (const auto code = cli::parse(parser, arguments,
                                     QStringLiteral("copy|copytree [options] SRC DST | hash [--algo A] PATH... | "
                                                    "check [--algo A] SUMSFILE"))) {
        return *code;
    }
    const QStringList args = parser.positionalArguments();
    if (args.isEmpty()) {
        return cli::usageError(kCommand,
                               QStringLiteral("missing operation (copy, copytree, hash or check)"));
    }
    const QString operation = args.first();
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
            if (args.size() < 2) {
                return cli::usageError(kCommand, QStringLiteral("hash takes one PATH or more"));
            }
            return hash(args.mid(1), algorithm.value_or(QCryptographicHash::Sha256));
        }
        if (args.size() != 2) {
            return cli::usageError(kCommand, QStringLiteral("check takes one SUMSFILE"));
        }
        return check(args.at(1), algorithm);
    }
    if (parser.isSet(algo)) {
        return cli::usageError(kCommand, QStringLiteral("--algo is an option of hash and check"));
    }
    if (operation != QLatin1String("copy") && operation != QLatin1String("copytree")) {
        return cli::usageError(kCommand, QStringLiteral("unknown operation '%1' (use copy, "
                                                        "copytree, hash or check)")
                                             .arg(operation));
    }
    if (args.size() != 3) {
        return cli::usageError(kCommand, QStringLiteral("%1 takes SRC and DST (got %2 paths)")
                                             .arg(operation)
                                             .arg(args.size() - 1));
    }
    const auto limit = cli::intOption(parser, QStringLiteral("bwlimit"), kCommand, 0);
    if (!limit) {
        return cli::Usage;
    }
    if (*limit < 0) {
        return cli::usageError(kCommand, QStringLiteral("--bwlimit must be 0 or more"));
    }
    s_bytesPerSecond = *limit;
    if (operation == QLatin1String("copy")) {
        if (parser.isSet(dirsExistOk) || parser.isSet(follow) || parser.isSet(hardLinks)) {
            return cli::usageError(kCommand, QStringLiteral("copy takes no copytree options "
                                                            "(--dirs-exist-ok, --follow-symlinks, "
                                                            "--keep-hard-links)"));
        }
        return copy(args.at(1), args.at(2));
    }
    return copytree(args.at(1), args.at(2), parser.isSet(dirsExistOk), parser.isSet(follow),
                    parser.isSet(hardLinks));
}

} // namespace stdlab

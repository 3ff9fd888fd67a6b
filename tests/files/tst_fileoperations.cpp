// Long operations through the FileOperations facade: copy/copytree/move/delete/size/trash jobs,
// conflicts, cancel, per-file errors, progress batching; what lands on disk is checked byte by
// byte, mode by mode, nanosecond by nanosecond.
#include "files/fileoperations.h"
#include "files/fileworker.h"

#include "common/pyrepr.h"
#include "files/fspath.h"
#include "files/undojournal.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QProcess>
#include <QSignalSpy>
#include "scratchdir.h"
#include <QtTest>

#include <csignal>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace stdlab::files;

namespace {

QByteArray native(const QString &p)
{
    return QFile::encodeName(p);
}

void writeFile(const QString &path, const QByteArray &data, mode_t mode = 0644)
{
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    QCOMPARE(f.write(data), data.size());
    f.close();
    QCOMPARE(::chmod(native(path).constData(), mode), 0);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

void setTimes(const QString &path, qint64 sec, long nsec, bool link = false)
{
    const struct timespec times[2] = {{sec - 1000, nsec}, {sec, nsec}};
    QCOMPARE(::utimensat(AT_FDCWD, native(path).constData(), times,
                         link ? AT_SYMLINK_NOFOLLOW : 0),
             0);
}

/// /proc/self/io's rchar: the bytes every thread of this process has read so far (read, pread,
/// copy_file_range and sendfile all count).
qint64 bytesReadByThisProcess()
{
    QFile io(QStringLiteral("/proc/self/io"));
    if (!io.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : io.readAll().split('\n')) {
        if (line.startsWith("rchar: ")) {
            return line.mid(7).toLongLong();
        }
    }
    return -1;
}

QByteArray randomBytes(qsizetype n, quint32 seed)
{
    QByteArray b(n, Qt::Uninitialized);
    QRandomGenerator rng(seed);
    rng.fillRange(reinterpret_cast<quint32 *>(b.data()), n / 4);
    return b;
}

/// One line per entry: path, type, mode, size, mtime (ns), link target, content hash.
QStringList snapshot(const QString &root)
{
    QStringList lines;
    QDirIterator it(root, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        struct stat st;
        if (::lstat(native(path).constData(), &st) != 0) {
            continue;
        }
        QString line = path.mid(root.size()) + QLatin1Char(' ')
            + QString::number(st.st_mode, 8) + QLatin1Char(' ');
        if (S_ISLNK(st.st_mode)) {
            char buf[4096];
            const ssize_t n = ::readlink(native(path).constData(), buf, sizeof buf);
            line += QLatin1String("-> ") + QString::fromLocal8Bit(buf, int(n)) + QLatin1Char(' ')
                + QString::number(qint64(st.st_mtim.tv_sec));
        } else {
            line += QString::number(qint64(st.st_mtim.tv_sec)) + QLatin1Char('.')
                + QString::number(st.st_mtim.tv_nsec);
            if (S_ISREG(st.st_mode)) {
                line += QLatin1Char(' ') + QString::number(st.st_size) + QLatin1Char(' ')
                    + QString::fromLatin1(QCryptographicHash::hash(readFile(path),
                                                                   QCryptographicHash::Md5)
                                              .toHex());
            }
        }
        lines.append(line);
    }
    lines.sort();
    return lines;
}

QStringList partFiles(const QString &root)
{
    QStringList found;
    QDirIterator it(root, {".stdlab-*"}, QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        found.append(it.next());
    }
    return found;
}

} // namespace

class tst_FileOperations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void copyFileKeepsDataModeAndTimes();
    void copyTreePreservesModesTimesAndSymlinks();
    void copyTreeCanFollowSymlinks();
    void copyTreeSurvivesSymlinkLoop();
    void intoItselfIsRefused_data();
    void intoItselfIsRefused();
    void intoItselfThroughAnyPathIsRefused_data();
    void intoItselfThroughAnyPathIsRefused();
    void missingSourceIsReported();
    void sourceChangingDuringCopyIsNeverPadded_data();
    void sourceChangingDuringCopyIsNeverPadded();
    void changeSeenInTwoStepsIsCopiedAgainAfterAPause();
    void sparseFileKeepsItsHoles();
    void hardLinksAreSeparateFilesUnlessKept();
    void stalePartFilesOfDeadProcessesAreSwept();
    void namesThatAreNotUtf8ReachTheirOwnFile_data();
    void namesThatAreNotUtf8ReachTheirOwnFile();
    void pinnedItemReplacedSinceListingIsLeftAlone_data();
    void pinnedItemReplacedSinceListingIsLeftAlone();
    void conflictAnswers_data();
    void conflictAnswers();
    void applyToAllAnswersOnce();
    void conflictPolicyUpFront_data();
    void conflictPolicyUpFront();
    void dirsExistOkMerges();
    void overwritingASymlinkWritesThroughIt_data();
    void overwritingASymlinkWritesThroughIt();
    void verifiedCopyCatchesACorruptedTarget();
    void verifiedCopyReadsTheSourceOnceAndTheCopyOnce();
    void dryRunPlansACopyAndChangesNothing();
    void dryRunPlansAMove();
    void cancelMidCopyLeavesNoPartialFile();
    void pauseHoldsTheCopyStillAndResumeCompletesIt();
    void pauseHoldsAnUnpack();
    void secondLongJobWaitsItsTurn();
    void cancelledOverwriteKeepsOriginal();
    void cancelWhileAskingStops();
    void failedWriteLeavesNoPartialFileAndKeepsTarget();
    void progressReportsSpeedAndTimeLeft();
    void moveOnSameFilesystemRenames();
    void moveAcrossFilesystemsKeepsSourceUntilVerified();
    void moveAcrossFilesystemsKeepsSourceOnIncompleteCopy();
    void moveConflictsAreAsked_data();
    void moveConflictsAreAsked();
    void deleteRemovesTreesAndFiles();
    void diskUsageCountsFilesAndBytes();
    void progressIsBatched();
    void errorsAreCollectedAndJobGoesOn();
    void shutilErrorString();
    void destroyingWhileWaitingDoesNotHang();

private:
    JobSummary runToEnd(const JobRequest &request, int timeoutMs = 60000);
    int startIntoConflict(JobKind kind, const QString &name, ConflictInfo *info = nullptr);
    int startUntilBytesAreDone(const JobRequest &request, JobProgress *progress = nullptr);
    QString otherFilesystemPath();
    QString path(const QString &relative) const { return m_dir->path() + '/' + relative; }

    std::unique_ptr<ScratchDir> m_dir;
    std::unique_ptr<FileOperations> m_ops;
    std::unique_ptr<ScratchDir> m_otherFilesystem;
};

void tst_FileOperations::init()
{
    m_dir = std::make_unique<ScratchDir>();
    QVERIFY(m_dir->isValid());
    m_ops = std::make_unique<FileOperations>();
}

void tst_FileOperations::cleanup()
{
    m_ops.reset();
    if (m_dir) {
        // Read-only directories made by the tests must become writable to be removed.
        QDirIterator it(m_dir->path(), QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            ::chmod(native(it.next()).constData(), 0755);
        }
    }
    m_dir.reset();
    m_otherFilesystem.reset();
}

/// Starts a @p kind job taking @p name (holding "new") into out/, where out/@p name holds "old",
/// and waits until the job asks about that conflict (@p info: what it reports). Returns the
/// job's id; -1 if it did not ask.
int tst_FileOperations::startIntoConflict(JobKind kind, const QString &name, ConflictInfo *info)
{
    if (!QDir().mkpath(path("out"))) {
        return -1;
    }
    writeFile(path(name), "new");
    writeFile(path("out/" + name), "old");
    QSignalSpy conflicts(m_ops.get(), &FileOperations::conflictDetected);
    const int id = m_ops->start(JobRequest::into(kind, {path(name)}, path("out")));
    if (!conflicts.wait(20000) || conflicts.first().at(0).toInt() != id) {
        return -1;
    }
    if (info) {
        *info = conflicts.first().at(1).value<ConflictInfo>();
    }
    return id;
}

/// Starts @p request (a slowed-down one) and waits until it reports bytes done (@p progress:
/// that report). Returns the job's id; -1 if it reported none in time.
int tst_FileOperations::startUntilBytesAreDone(const JobRequest &request, JobProgress *progress)
{
    QSignalSpy reports(m_ops.get(), &FileOperations::progressChanged);
    const int id = m_ops->start(request);
    const auto bytesDone = [&] {
        return !reports.isEmpty() && reports.last().at(1).value<JobProgress>().bytesDone > 0;
    };
    if (!QTest::qWaitFor(bytesDone, 20000)) {
        return -1;
    }
    if (progress) {
        *progress = reports.last().at(1).value<JobProgress>();
    }
    return id;
}

JobSummary tst_FileOperations::runToEnd(const JobRequest &request, int timeoutMs)
{
    QSignalSpy finished(m_ops.get(), &FileOperations::finished);
    const int id = m_ops->start(request);
    if (finished.isEmpty()) {
        finished.wait(timeoutMs);
    }
    if (finished.size() != 1 || finished.first().at(0).toInt() != id) {
        qWarning("job %d did not finish", id);
        return JobSummary{};
    }
    return finished.first().at(1).value<JobSummary>();
}

void tst_FileOperations::copyFileKeepsDataModeAndTimes()
{
    const QByteArray data = randomBytes(3 * 1024 * 1024 + 17, 1);
    writeFile(path("a.bin"), data, 0640);
    setTimes(path("a.bin"), 1000000000, 123456789);
    QSignalSpy started(m_ops.get(), &FileOperations::started);
    const JobSummary s = runToEnd(JobRequest::single(JobKind::Copy, path("a.bin"), path("b.bin")));
    QCOMPARE(started.size(), 1);
    QVERIFY2(s.ok(), qPrintable(s.errorString()));
    QCOMPARE(s.files, 1);
    QCOMPARE(s.bytes, data.size());
    QCOMPARE(s.targets, QStringList{path("b.bin")});
    struct stat st;
    QCOMPARE(::stat(native(path("b.bin")).constData(), &st), 0);
    QCOMPARE(readFile(path("b.bin")), data);
    QCOMPARE(st.st_mode & 07777, mode_t(0640));
    QCOMPARE(qint64(st.st_mtim.tv_sec), qint64(1000000000));
    QCOMPARE(st.st_mtim.tv_nsec, 123456789L);
    QCOMPARE(qint64(st.st_atim.tv_sec), qint64(1000000000 - 1000));
    QVERIFY(partFiles(m_dir->path()).isEmpty());
}

static void makeTree(const QString &root)
{
    QVERIFY(QDir().mkpath(root + "/sub/deeper"));
    QVERIFY(QDir().mkpath(root + "/empty"));
    QVERIFY(QDir().mkpath(root + "/locked"));
    writeFile(root + "/top.txt", "top", 0644);
    writeFile(root + "/run.sh", "#!/bin/sh\n", 0755);
    writeFile(root + "/sub/secret", randomBytes(70000, 2), 0600);
    writeFile(root + "/sub/deeper/z.dat", randomBytes(2 * 1024 * 1024, 3), 0444);
    writeFile(root + "/locked/inside", "x", 0640);
    QVERIFY(QFile::link("../top.txt", root + "/sub/link-to-top"));
    QVERIFY(QFile::link("nowhere", root + "/dangling"));
    QVERIFY(QFile::link("sub", root + "/dirlink"));
    setTimes(root + "/top.txt", 1100000000, 1);
    setTimes(root + "/run.sh", 1200000000, 999999999);
    setTimes(root + "/sub/secret", 1300000000, 5);
    setTimes(root + "/sub/deeper/z.dat", 1400000000, 0);
    setTimes(root + "/sub/link-to-top", 1500000000, 0, true);
    setTimes(root + "/sub/deeper", 1600000000, 42);
    setTimes(root + "/sub", 1610000000, 43);
    setTimes(root + "/empty", 1620000000, 44);
    QCOMPARE(::chmod(native(root + "/locked").constData(), 0555), 0);
    setTimes(root + "/locked", 1630000000, 45);
    QCOMPARE(::chmod(native(root + "/sub/deeper").constData(), 0750), 0);
}

void tst_FileOperations::copyTreePreservesModesTimesAndSymlinks()
{
    makeTree(path("src"));
    const JobSummary s = runToEnd(JobRequest::single(JobKind::Copy, path("src"), path("copy")));
    QVERIFY2(s.ok(), qPrintable(s.errorString()));
    QCOMPARE(s.files, 8); // 5 files + 3 links
    QCOMPARE(s.directories, 5);
    QCOMPARE(snapshot(path("copy")), snapshot(path("src")));
    // Like copytree, the destination's missing parents are made.
    const JobSummary nested
        = runToEnd(JobRequest::single(JobKind::Copy, path("src/sub"), path("new/parents/sub")));
    QVERIFY2(nested.ok(), qPrintable(nested.errorString()));
    QCOMPARE(snapshot(path("new/parents/sub")), snapshot(path("src/sub")));
    QVERIFY(QFileInfo(path("copy/dirlink")).isSymLink());
    QVERIFY(QFileInfo(path("copy/dangling")).isSymLink());
    QVERIFY(partFiles(m_dir->path()).isEmpty());
}

void tst_FileOperations::copyTreeCanFollowSymlinks()
{
    makeTree(path("src"));
    QVERIFY(QFile::remove(path("src/dangling")));
    JobRequest r = JobRequest::single(JobKind::Copy, path("src"), path("copy"));
    r.followSymlinks = true;
    const JobSummary s = runToEnd(r);
    QVERIFY2(s.ok(), qPrintable(s.errorString()));
    QVERIFY(!QFileInfo(path("copy/sub/link-to-top")).isSymLink());
    QCOMPARE(readFile(path("copy/sub/link-to-top")), QByteArray("top"));
    QVERIFY(QFileInfo(path("copy/dirlink")).isDir());
    QVERIFY(!QFileInfo(path("copy/dirlink")).isSymLink());
    QCOMPARE(readFile(path("copy/dirlink/secret")), readFile(path("src/sub/secret")));
}

void tst_FileOperations::copyTreeSurvivesSymlinkLoop()
{
    QVERIFY(QDir().mkpath(path("src/a")));
    writeFile(path("src/a/file"), "data");
    QVERIFY(QFile::link("..", path("src/a/up")));
    QVERIFY(QFile::link(".", path("src/self")));
    // Kept as links: nothing to follow, nothing loops.
    JobSummary s = runToEnd(JobRequest::single(JobKind::Copy, path("src"), path("kept")));
    QVERIFY2(s.ok(), qPrintable(s.errorString()));
    QCOMPARE(QFile::symLinkTarget(path("kept/a/up")), path("kept"));
    // Followed: each loop is reported once as ELOOP and the rest is copied.
    JobRequest r = JobRequest::single(JobKind::Copy, path("src"), path("followed"));
    r.followSymlinks = true;
    s = runToEnd(r, 60000);
    QCOMPARE(s.cancelled, false);
    QCOMPARE(s.errors.size(), 2);
    for (const JobError &e : s.errors) {
        QVERIFY2(e.message.startsWith("[Errno 40] Too many levels of symbolic links: "),
                 qPrintable(e.message));
        QCOMPARE(e.errnum, ELOOP);
    }
    QCOMPARE(readFile(path("followed/a/file")), QByteArray("data"));
}

void tst_FileOperations::intoItselfIsRefused_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("verb");
    QTest::addColumn<QString>("target");
    QTest::newRow("copy a folder into its subfolder")
        << int(JobKind::Copy) << QStringLiteral("copy") << QStringLiteral("src/inner/copy");
    QTest::newRow("move a folder into its subfolder")
        << int(JobKind::Move) << QStringLiteral("move") << QStringLiteral("src/inner/src");
}

void tst_FileOperations::intoItselfIsRefused()
{
    QFETCH(int, kind);
    QFETCH(QString, verb);
    QFETCH(QString, target);
    QVERIFY(QDir().mkpath(path("src/inner")));
    const JobSummary s = runToEnd(JobRequest::single(JobKind(kind), path("src"), path(target)));
    QCOMPARE(s.errors.size(), 1);
    QCOMPARE(s.errors.first().message,
             QStringLiteral("Cannot %1 a directory %2 into itself %3.")
                 .arg(verb, stdlab::py::repr(path("src")), stdlab::py::repr(path(target))));
    QVERIFY(!QFileInfo::exists(path(target)));
    QVERIFY(QFileInfo(path("src/inner")).isDir());
}

void tst_FileOperations::intoItselfThroughAnyPathIsRefused_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("target");
    const int copy = int(JobKind::Copy);
    const int move = int(JobKind::Move);
    QTest::newRow("relative, missing parent") << copy << "a" << "a/new/sub";
    QTest::newRow("dot slash, missing parent") << copy << "a" << "./a/new/sub";
    QTest::newRow("source with dot slash") << copy << "./a" << "a/new/sub";
    QTest::newRow("through .. of a sibling") << copy << "a" << "b/../a/new/sub";
    QTest::newRow(".. after a missing folder") << copy << "a" << "a/new/../sub";
    QTest::newRow("through a symlink to the source") << copy << "a" << "link/new/sub";
    QTest::newRow("source through the symlink") << copy << "link/" << "a/new/sub";
    QTest::newRow("trailing slash") << copy << "a" << "a/new/sub/";
    QTest::newRow("absolute through ..") << copy << "ABS/b/../a" << "ABS/a/x/../new";
    QTest::newRow("move, missing parent") << move << "a" << "./a/new/sub";
    QTest::newRow("move through a symlink") << move << "a" << "link/sub";
}

void tst_FileOperations::intoItselfThroughAnyPathIsRefused()
{
    QFETCH(int, kind);
    QFETCH(QString, source);
    QFETCH(QString, target);
    source.replace("ABS", m_dir->path());
    target.replace("ABS", m_dir->path());
    QVERIFY(QDir().mkpath(path("a/x")));
    QVERIFY(QDir().mkpath(path("b")));
    writeFile(path("a/x/f"), "data");
    QVERIFY(QFile::link("a", path("link")));
    const QStringList before = snapshot(m_dir->path());
    const QString cwd = QDir::currentPath();
    QVERIFY(QDir::setCurrent(m_dir->path()));
    const JobSummary s = runToEnd(JobRequest::single(JobKind(kind), source, target));
    QVERIFY(QDir::setCurrent(cwd));
    QCOMPARE(s.errors.size(), 1);
    QCOMPARE(s.errors.first().message,
             QStringLiteral("Cannot %1 a directory %2 into itself %3.")
                 .arg(kind == int(JobKind::Copy) ? "copy" : "move", stdlab::py::repr(source),
                      stdlab::py::repr(target)));
    QCOMPARE(s.files + s.directories, 0);
    // Nothing was created, in the source or anywhere else.
    QCOMPARE(snapshot(m_dir->path()), before);
}

void tst_FileOperations::namesThatAreNotUtf8ReachTheirOwnFile_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("name");
    for (const auto &[kind, label] : {std::pair{JobKind::Copy, "copy"}, {JobKind::Move, "move"},
                                      {JobKind::Delete, "delete"}, {JobKind::Trash, "trash"}}) {
        QTest::addRow("%s latin-1 byte beside a real U+FFFD", label)
            << int(kind) << QByteArray("caf\xe9.txt");
        QTest::addRow("%s two bad bytes", label) << int(kind) << QByteArray("\xff\xfe");
        QTest::addRow("%s newline and bad byte", label) << int(kind) << QByteArray("a\nb\xe9");
    }
}

void tst_FileOperations::namesThatAreNotUtf8ReachTheirOwnFile()
{
    QFETCH(int, kind);
    QFETCH(QByteArray, name);
    const QByteArray root = QFile::encodeName(m_dir->path());
    const QByteArray xdg = qgetenv("XDG_DATA_HOME");
    qputenv("XDG_DATA_HOME", root + "/xdg");
    // The name QFile::decodeName() gives the chosen file is another real file's name.
    const QByteArray lookAlike = QFile::encodeName(QFile::decodeName(name));
    QVERIFY(lookAlike != name);
    QVERIFY(QDir().mkpath(path("out")));
    const auto put = [](const QByteArray &p, const QByteArray &data) {
        const int fd = ::open(p.constData(), O_WRONLY | O_CREAT | O_EXCL, 0644);
        QVERIFY(fd >= 0);
        QCOMPARE(::write(fd, data.constData(), size_t(data.size())), ssize_t(data.size()));
        ::close(fd);
    };
    put(root + '/' + name, "chosen");
    put(root + '/' + lookAlike, "look-alike");
    const QString source = fsDecode(root + '/' + name);
    const QString target = fsDecode(root + "/out/" + name);
    const JobRequest request = JobKind(kind) == JobKind::Copy || JobKind(kind) == JobKind::Move
        ? JobRequest::single(JobKind(kind), source, target)
        : JobRequest::of(JobKind(kind), {source});
    const JobSummary s = runToEnd(request);
    if (xdg.isNull()) {
        qunsetenv("XDG_DATA_HOME");
    } else {
        qputenv("XDG_DATA_HOME", xdg);
    }
    QVERIFY2(s.errors.isEmpty(), qPrintable(s.errorString()));
    QCOMPARE(s.files, 1);
    const auto exists = [](const QByteArray &p) {
        struct stat st;
        return ::lstat(p.constData(), &st) == 0;
    };
    QCOMPARE(exists(root + '/' + name), JobKind(kind) == JobKind::Copy);
    QCOMPARE(readFile(QFile::decodeName(root + '/' + lookAlike)), QByteArray("look-alike"));
    if (JobKind(kind) == JobKind::Copy || JobKind(kind) == JobKind::Move) {
        QCOMPARE(s.targets, QStringList{target});
        const int fd = ::open(QByteArray(root + "/out/" + name).constData(), O_RDONLY);
        QVERIFY(fd >= 0);
        char buf[16] = {};
        QCOMPARE(::read(fd, buf, sizeof buf), ssize_t(6));
        ::close(fd);
        QCOMPARE(QByteArray(buf), QByteArray("chosen"));
    }
    if (JobKind(kind) == JobKind::Trash) {
        QVERIFY(exists(root + "/xdg/Trash/files/" + name));
    }
}

void tst_FileOperations::pinnedItemReplacedSinceListingIsLeftAlone_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("delete") << int(JobKind::Delete);
    QTest::newRow("trash") << int(JobKind::Trash);
    QTest::newRow("move") << int(JobKind::Move);
    QTest::newRow("copy") << int(JobKind::Copy);
}

void tst_FileOperations::pinnedItemReplacedSinceListingIsLeftAlone()
{
    QFETCH(int, kind);
    qputenv("XDG_DATA_HOME", QFile::encodeName(path("xdg")));
    writeFile(path("chosen.txt"), "chosen");
    struct stat listed;
    QCOMPARE(::lstat(native(path("chosen.txt")).constData(), &listed), 0);
    // Replaced after it was listed: same name, another file.
    writeFile(path("other"), "another file");
    QCOMPARE(::rename(native(path("other")).constData(), native(path("chosen.txt")).constData()),
             0);
    JobRequest request = JobKind(kind) == JobKind::Copy || JobKind(kind) == JobKind::Move
        ? JobRequest::single(JobKind(kind), path("chosen.txt"), path("copy.txt"))
        : JobRequest::of(JobKind(kind), {path("chosen.txt")});
    request.items[0].device = listed.st_dev;
    request.items[0].inode = listed.st_ino;
    const JobSummary s = runToEnd(request);
    qunsetenv("XDG_DATA_HOME");
    QCOMPARE(s.errors.size(), 1);
    QCOMPARE(s.errors.first().message,
             stdlab::py::repr(path("chosen.txt"))
                 + " is not the item that was selected (it was replaced or renamed since it "
                   "was listed): it was left alone.");
    QCOMPARE(s.files, 0);
    QCOMPARE(readFile(path("chosen.txt")), QByteArray("another file"));
    QVERIFY(!QFileInfo::exists(path("copy.txt")));
    // The same request pinned to the file that is there now goes ahead.
    struct stat now;
    QCOMPARE(::lstat(native(path("chosen.txt")).constData(), &now), 0);
    request.items[0].inode = now.st_ino;
    qputenv("XDG_DATA_HOME", QFile::encodeName(path("xdg")));
    const JobSummary again = runToEnd(request);
    qunsetenv("XDG_DATA_HOME");
    QVERIFY2(again.errors.isEmpty(), qPrintable(again.errorString()));
    QCOMPARE(again.files, 1);
}

void tst_FileOperations::sourceChangingDuringCopyIsNeverPadded_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<int>("times"); // how many attempts the writer disturbs
    QTest::addColumn<bool>("kept");
    QTest::newRow("truncated once: copied again, clean") << "truncate" << 1 << true;
    QTest::newRow("truncated every time: reported, nothing kept") << "truncate" << 99 << false;
    QTest::newRow("extended once: copied again, whole") << "extend" << 1 << true;
    QTest::newRow("extended every time: reported, nothing kept") << "extend" << 99 << false;
    QTest::newRow("rewritten in place every time: reported") << "rewrite" << 99 << false;
}

void tst_FileOperations::sourceChangingDuringCopyIsNeverPadded()
{
    QFETCH(QString, change);
    QFETCH(int, times);
    QFETCH(bool, kept);
    // Two 16 MiB chunks and a tail: the writer acts between the first and the second.
    const qint64 size = 40 * 1024 * 1024;
    writeFile(path("src.bin"), randomBytes(size, 7));
    const QByteArray src = native(path("src.bin"));
    int disturbed = 0;
    testing::setChunkHook([&](const QByteArray &source, qint64 offset) {
        // The end of the first chunk of each attempt (16 MiB, or all of a shorter file).
        if (source != src || offset > 16 * 1024 * 1024 || disturbed >= times) {
            return;
        }
        ++disturbed;
        const int fd = ::open(src.constData(), O_WRONLY);
        if (change == "truncate") {
            QCOMPARE(::ftruncate(fd, (10 * 1024 * 1024) >> (disturbed - 1)), 0);
        } else if (change == "extend") {
            const QByteArray more(1024 * 1024 + disturbed, 'm');
            QCOMPARE(::pwrite(fd, more.constData(), size_t(more.size()), ::lseek(fd, 0, SEEK_END)),
                     ssize_t(more.size()));
        } else {
            // Same size, new contents and a new mtime (set: the kernel's clock is coarse).
            QCOMPARE(::pwrite(fd, "X", 1, 5), ssize_t(1));
            const struct timespec stamps[2] = {{1000000000, 0}, {1000000000 + disturbed, 0}};
            QCOMPARE(::futimens(fd, stamps), 0);
        }
        ::close(fd);
    });
    JobRequest request = JobRequest::single(JobKind::Copy, path("src.bin"), path("dst.bin"));
    request.durable = false;
    const JobSummary s = runJob(request);
    testing::setChunkHook(nullptr);
    QVERIFY(disturbed >= 1);
    QVERIFY(partFiles(m_dir->path()).isEmpty());
    if (kept) {
        QVERIFY2(s.errors.isEmpty(), qPrintable(s.errorString()));
        const QByteArray now = readFile(path("src.bin"));
        QCOMPARE(readFile(path("dst.bin")).size(), now.size());
        QVERIFY(readFile(path("dst.bin")) == now);
        QCOMPARE(s.bytes, now.size());
        QCOMPARE(s.files, 1);
    } else {
        QCOMPARE(disturbed, 2); // copied again once
        QCOMPARE(s.errors.size(), 1);
        QCOMPARE(s.errors.first().message,
                 stdlab::py::repr(path("src.bin"))
                     + " changed while being copied (its size or modification time): no copy "
                       "was kept.");
        QVERIFY(!QFileInfo::exists(path("dst.bin")));
        QCOMPARE(s.files, 0);
        QCOMPARE(s.bytes, 0);
    }
}

void tst_FileOperations::changeSeenInTwoStepsIsCopiedAgainAfterAPause()
{
    // ext4 shows a truncated size some milliseconds before the new mtime. Modelled here: the
    // truncation lands during the first attempt, its mtime 50 ms later (if a copy is reading
    // then). A retry started at once met it and gave up; a paused one copies the final file.
    const qint64 size = 40 * 1024 * 1024;
    writeFile(path("src.bin"), randomBytes(size, 9));
    const QByteArray src = native(path("src.bin"));
    QElapsedTimer sinceTruncation;
    int calls = 0;
    testing::setChunkHook([&](const QByteArray &source, qint64) {
        if (source != src) {
            return;
        }
        const int fd = ::open(src.constData(), O_WRONLY);
        if (++calls == 1) {
            QCOMPARE(::ftruncate(fd, 10 * 1024 * 1024), 0);
            sinceTruncation.start();
        } else if (sinceTruncation.isValid() && sinceTruncation.elapsed() < 50) {
            const struct timespec stamps[2] = {{1000000000, 0}, {1000000001, 0}};
            QCOMPARE(::futimens(fd, stamps), 0);
            sinceTruncation.invalidate();
        }
        ::close(fd);
    });
    JobRequest request = JobRequest::single(JobKind::Copy, path("src.bin"), path("dst.bin"));
    request.durable = false;
    const JobSummary s = runJob(request);
    testing::setChunkHook(nullptr);
    QVERIFY2(s.errors.isEmpty(), qPrintable(s.errorString()));
    QCOMPARE(readFile(path("dst.bin")), readFile(path("src.bin")));
    QCOMPARE(s.bytes, 10 * 1024 * 1024);
}

void tst_FileOperations::sparseFileKeepsItsHoles()
{
    // 1 GiB with 8 KiB of data: 4 KiB at the start, 4 KiB in the middle, a hole at the end.
    const qint64 size = qint64(1) << 30;
    const QByteArray src = native(path("sparse.img"));
    const int fd = ::open(src.constData(), O_WRONLY | O_CREAT | O_EXCL, 0644);
    QVERIFY(fd >= 0);
    const QByteArray a = randomBytes(4096, 1);
    const QByteArray b = randomBytes(4096, 2);
    QCOMPARE(::pwrite(fd, a.constData(), 4096, 0), ssize_t(4096));
    QCOMPARE(::pwrite(fd, b.constData(), 4096, size / 2), ssize_t(4096));
    QCOMPARE(::ftruncate(fd, size), 0);
    ::close(fd);
    struct stat st;
    QCOMPARE(::stat(src.constData(), &st), 0);
    if (qint64(st.st_blocks) * 512 > 1024 * 1024) {
        QSKIP("this filesystem does not keep holes");
    }
    JobRequest request = JobRequest::single(JobKind::Copy, path("sparse.img"), path("copy.img"));
    request.durable = false;
    QElapsedTimer timer;
    timer.start();
    const JobSummary s = runJob(request);
    QVERIFY2(s.errors.isEmpty(), qPrintable(s.errorString()));
    QVERIFY2(timer.elapsed() < 10000, "a 1 GiB hole must not be read byte by byte");
    QCOMPARE(s.bytes, size);
    struct stat copy;
    QCOMPARE(::stat(native(path("copy.img")).constData(), &copy), 0);
    QCOMPARE(qint64(copy.st_size), size);
    // Before: 1,048,584 KiB (posix_fallocate of the whole size); cp -a: 8 KiB.
    QVERIFY2(qint64(copy.st_blocks) * 512 <= 64 * 1024,
             qPrintable(QString::number(qint64(copy.st_blocks) * 512)));
    QFile f(path("copy.img"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.read(4096), a);
    QVERIFY(f.seek(size / 2 - 4096));
    QCOMPARE(f.read(8192), QByteArray(4096, '\0') + b);
    QVERIFY(f.seek(size - 4096));
    QCOMPARE(f.read(4096), QByteArray(4096, '\0'));
}

void tst_FileOperations::hardLinksAreSeparateFilesUnlessKept()
{
    QVERIFY(QDir().mkpath(path("src/sub")));
    writeFile(path("src/a"), "linked");
    QCOMPARE(::link(native(path("src/a")).constData(), native(path("src/sub/b")).constData()), 0);
    writeFile(path("src/c"), "alone");
    // The peers: shutil.copytree makes separate files, cp -a keeps the links.
    QProcess py;
    py.start("python3", {"-c", "import shutil, sys; shutil.copytree(sys.argv[1], sys.argv[2])",
                         path("src"), path("py")});
    QVERIFY(py.waitForFinished(30000) && py.exitCode() == 0);
    QCOMPARE(QProcess::execute("cp", {"-a", path("src"), path("cp")}), 0);
    const auto nlink = [&](const QString &p) {
        struct stat st;
        return ::lstat(native(p).constData(), &st) == 0 ? int(st.st_nlink) : -1;
    };
    const auto inode = [&](const QString &p) {
        struct stat st;
        return ::lstat(native(p).constData(), &st) == 0 ? st.st_ino : 0;
    };
    JobRequest separate = JobRequest::single(JobKind::Copy, path("src"), path("separate"));
    separate.durable = false;
    QVERIFY(runJob(separate).errors.isEmpty());
    JobRequest kept = JobRequest::single(JobKind::Copy, path("src"), path("kept"));
    kept.durable = false;
    kept.keepHardLinks = true;
    const JobSummary s = runJob(kept);
    QVERIFY2(s.errors.isEmpty(), qPrintable(s.errorString()));
    QCOMPARE(s.files, 3);
    for (const QString &copy : {QStringLiteral("py"), QStringLiteral("separate")}) {
        QCOMPARE(nlink(path(copy + "/a")), 1);
        QCOMPARE(nlink(path(copy + "/sub/b")), 1);
    }
    for (const QString &copy : {QStringLiteral("cp"), QStringLiteral("kept")}) {
        QCOMPARE(nlink(path(copy + "/a")), 2);
        QCOMPARE(inode(path(copy + "/a")), inode(path(copy + "/sub/b")));
        QCOMPARE(nlink(path(copy + "/c")), 1);
    }
    QCOMPARE(readFile(path("kept/sub/b")), QByteArray("linked"));
    QCOMPARE(snapshot(path("kept")), snapshot(path("separate")));
}

void tst_FileOperations::stalePartFilesOfDeadProcessesAreSwept()
{
    QVERIFY(QDir().mkpath(path("out")));
    // A pid that is gone: a process that ran and was reaped.
    QProcess probe;
    probe.start("true");
    QVERIFY(probe.waitForStarted());
    const QString dead = QString::number(probe.processId());
    QVERIFY(probe.waitForFinished(10000));
    QVERIFY(::kill(pid_t(dead.toInt()), 0) != 0 && errno == ESRCH);
    const QStringList stale = {".stdlab-" + dead + "-1a2b-1.part",
                               ".stdlab-" + dead + "-1a2b-2.part"};
    const QStringList alive = {".stdlab-1-1a2b-1.part",        // init is alive
                               ".stdlab-" + QString::number(::getpid()) + "-ff-3.part",
                               ".stdlab-notapid.part", "keep.part"};
    for (const QString &name : stale + alive) {
        writeFile(path("out/" + name), "partial");
    }
    writeFile(path("in.txt"), "new");
    JobRequest request = JobRequest::into(JobKind::Copy, {path("in.txt")}, path("out"));
    request.durable = false;
    QVERIFY(runJob(request).errors.isEmpty());
    QStringList left = QDir(path("out")).entryList(QDir::Files | QDir::Hidden);
    left.sort();
    QStringList expected = alive + QStringList{"in.txt"};
    expected.sort();
    QCOMPARE(left, expected);
}

void tst_FileOperations::missingSourceIsReported()
{
    const JobSummary s = runToEnd(JobRequest::single(JobKind::Copy, path("nada"), path("b")));
    QCOMPARE(s.errors.size(), 1);
    QCOMPARE(s.errors.first().message,
             "[Errno 2] No such file or directory: " + stdlab::py::repr(path("nada")));
    QCOMPARE(s.errors.first().source, path("nada"));
    QCOMPARE(s.files, 0);
    QVERIFY(!s.ok());
}

void tst_FileOperations::conflictAnswers_data()
{
    QTest::addColumn<int>("action");
    QTest::addColumn<QString>("newName");
    QTest::addColumn<QByteArray>("expectedTarget");
    QTest::addColumn<QString>("extraFile");
    QTest::addColumn<QByteArray>("extraContent");
    QTest::newRow("overwrite replaces") << int(ConflictAction::Overwrite) << QString()
                                        << QByteArray("new") << QString() << QByteArray();
    QTest::newRow("skip keeps the target") << int(ConflictAction::Skip) << QString()
                                           << QByteArray("old") << QString() << QByteArray();
    QTest::newRow("rename picks a free name") << int(ConflictAction::Rename) << QString()
                                              << QByteArray("old") << QString("nota (2).txt")
                                              << QByteArray("new");
    QTest::newRow("rename to a chosen name") << int(ConflictAction::Rename) << QString("otra.txt")
                                             << QByteArray("old") << QString("otra.txt")
                                             << QByteArray("new");
    QTest::newRow("cancel stops") << int(ConflictAction::Cancel) << QString() << QByteArray("old")
                                  << QString() << QByteArray();
}

void tst_FileOperations::conflictAnswers()
{
    QFETCH(int, action);
    QFETCH(QString, newName);
    QFETCH(QByteArray, expectedTarget);
    QFETCH(QString, extraFile);
    QFETCH(QByteArray, extraContent);
    ConflictInfo info;
    const int id = startIntoConflict(JobKind::Copy, QStringLiteral("nota.txt"), &info);
    QVERIFY(id >= 0);
    QCOMPARE(info.source, path("nota.txt"));
    QCOMPARE(info.target, path("out/nota.txt"));
    QCOMPARE(info.sourceSize, 3);
    QCOMPARE(info.suggestedName, QStringLiteral("nota (2).txt"));
    QVERIFY(!info.targetIsDir);
    // The job waits: nothing finishes and the target is untouched until the answer.
    QSignalSpy finished(m_ops.get(), &FileOperations::finished);
    QTest::qWait(200);
    QVERIFY(finished.isEmpty());
    QCOMPARE(readFile(path("out/nota.txt")), QByteArray("old"));
    m_ops->answerConflict(id, {ConflictAction(action), false, newName});
    QVERIFY(finished.wait(20000));
    const JobSummary s = finished.first().at(1).value<JobSummary>();
    QCOMPARE(readFile(path("out/nota.txt")), expectedTarget);
    if (!extraFile.isEmpty()) {
        QCOMPARE(readFile(path("out/" + extraFile)), extraContent);
        QCOMPARE(s.targets, QStringList{path("out/" + extraFile)});
    }
    QCOMPARE(s.cancelled, ConflictAction(action) == ConflictAction::Cancel);
    QCOMPARE(s.skipped, ConflictAction(action) == ConflictAction::Skip ? 1 : 0);
    QCOMPARE(QDir(path("out")).entryList(QDir::Files | QDir::Hidden).size(),
             extraFile.isEmpty() ? 1 : 2);
    QCOMPARE(readFile(path("nota.txt")), QByteArray("new"));
}

void tst_FileOperations::applyToAllAnswersOnce()
{
    QVERIFY(QDir().mkpath(path("src")));
    QVERIFY(QDir().mkpath(path("dst")));
    for (int i = 0; i < 5; ++i) {
        writeFile(path("src/f%1").arg(i), "new");
        writeFile(path("dst/f%1").arg(i), "old");
    }
    writeFile(path("src/fresh"), "fresh");
    QSignalSpy conflicts(m_ops.get(), &FileOperations::conflictDetected);
    QSignalSpy finished(m_ops.get(), &FileOperations::finished);
    JobRequest r = JobRequest::single(JobKind::Copy, path("src"), path("dst"));
    const int id = m_ops->start(r);
    // First the directory itself: merge into it.
    QVERIFY(conflicts.wait(20000));
    QVERIFY(conflicts.last().at(1).value<ConflictInfo>().targetIsDir);
    m_ops->answerConflict(id, {ConflictAction::Overwrite, false, {}});
    QTRY_COMPARE_WITH_TIMEOUT(conflicts.size(), 2, 20000);
    m_ops->answerConflict(id, {ConflictAction::Overwrite, true, {}});
    QVERIFY(finished.wait(20000));
    QCOMPARE(conflicts.size(), 2);
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(readFile(path("dst/f%1").arg(i)), QByteArray("new"));
    }
    QCOMPARE(readFile(path("dst/fresh")), QByteArray("fresh"));
    QVERIFY(finished.first().at(1).value<JobSummary>().ok());
}

void tst_FileOperations::conflictPolicyUpFront_data()
{
    QTest::addColumn<int>("policy");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<int>("errors");
    QTest::addColumn<int>("skipped");
    QTest::newRow("overwrite") << int(ConflictPolicy::Overwrite) << QByteArray("new") << 0 << 0;
    QTest::newRow("skip") << int(ConflictPolicy::Skip) << QByteArray("old") << 0 << 1;
    QTest::newRow("rename") << int(ConflictPolicy::Rename) << QByteArray("old") << 0 << 0;
    QTest::newRow("fail like Python") << int(ConflictPolicy::Fail) << QByteArray("old") << 1 << 0;
}

void tst_FileOperations::conflictPolicyUpFront()
{
    QFETCH(int, policy);
    QFETCH(QByteArray, expected);
    QFETCH(int, errors);
    QFETCH(int, skipped);
    writeFile(path("a"), "new");
    writeFile(path("b"), "old");
    JobRequest r = JobRequest::single(JobKind::Copy, path("a"), path("b"));
    r.conflictPolicy = ConflictPolicy(policy);
    QSignalSpy conflicts(m_ops.get(), &FileOperations::conflictDetected);
    const JobSummary s = runToEnd(r);
    QCOMPARE(conflicts.size(), 0);
    QCOMPARE(readFile(path("b")), expected);
    QCOMPARE(s.errors.size(), errors);
    QCOMPARE(s.skipped, skipped);
    if (errors) {
        QCOMPARE(s.errors.first().message, "[Errno 17] File exists: " + stdlab::py::repr(path("b")));
    }
    if (ConflictPolicy(policy) == ConflictPolicy::Rename) {
        QCOMPARE(readFile(path("b (2)")), QByteArray("new"));
    }
}

void tst_FileOperations::dirsExistOkMerges()
{
    QVERIFY(QDir().mkpath(path("src/sub")));
    QVERIFY(QDir().mkpath(path("dst/sub")));
    writeFile(path("src/sub/a"), "a");
    writeFile(path("dst/sub/b"), "b");
    JobRequest r = JobRequest::single(JobKind::Copy, path("src"), path("dst"));
    r.dirsExistOk = true;
    QSignalSpy conflicts(m_ops.get(), &FileOperations::conflictDetected);
    const JobSummary s = runToEnd(r);
    QVERIFY2(s.ok(), qPrintable(s.errorString()));
    QCOMPARE(conflicts.size(), 0);
    QCOMPARE(readFile(path("dst/sub/a")), QByteArray("a"));
    QCOMPARE(readFile(path("dst/sub/b")), QByteArray("b"));
}

void tst_FileOperations::overwritingASymlinkWritesThroughIt_data()
{
    QTest::addColumn<QString>("link"); // what out/a points to
    QTest::addColumn<QString>("error"); // empty: no error
    QTest::addColumn<QString>("written"); // the file that holds "new" afterwards
    QTest::newRow("a link to another file") << "../other" << QString() << "other";
    QTest::newRow("a link to a link") << "b" << QString() << "other";
    QTest::newRow("a dangling link") << "made" << QString() << "out/made";
    QTest::newRow("a link to the source") << "../a" << "'%1' and '%2' are the same file"
                                          << "a";
    QTest::newRow("a link to itself")
        << "a" << "[Errno 40] Too many levels of symbolic links: '%2'" << QString();
    QTest::newRow("a link into a missing folder")
        << "nodir/x" << "[Errno 2] No such file or directory: '%2'" << QString();
    QTest::newRow("a link to a folder") << "../sub" << "[Errno 21] Is a directory: '%2'"
                                        << QString();
}

void tst_FileOperations::overwritingASymlinkWritesThroughIt()
{
    // The Files tab's Paste with Overwrite, as shutil.copy: the link stays, its file gets the
    // data (before, the link was replaced by a copy).
    QFETCH(QString, link);
    QFETCH(QString, error);
    QFETCH(QString, written);
    QVERIFY(QDir().mkpath(path("out")));
    QVERIFY(QDir().mkpath(path("sub")));
    writeFile(path("a"), "new");
    writeFile(path("other"), "old");
    QCOMPARE(::symlink("../other", native(path("out/b")).constData()), 0);
    QCOMPARE(::symlink(native(link).constData(), native(path("out/a")).constData()), 0);
    JobRequest r = JobRequest::into(JobKind::Copy, {path("a")}, path("out"));
    r.conflictPolicy = ConflictPolicy::Overwrite;
    const JobSummary s = runToEnd(r);
    QCOMPARE(s.errorString().isEmpty() ? QString() : s.errors.value(0).message,
             error.isEmpty() ? QString()
                             : QString(error).replace("%1", path("a")).replace("%2", path("out/a")));
    QCOMPARE(QFileInfo(path("out/a")).isSymLink(), true);
    char target[256] = {};
    QCOMPARE(::readlink(native(path("out/a")).constData(), target, sizeof target - 1),
             ssize_t(native(link).size()));
    QCOMPARE(QString::fromUtf8(target), link); // the link is as it was
    QCOMPARE(readFile(path("a")), QByteArray("new"));
    QCOMPARE(readFile(path("other")), written == "other" ? QByteArray("new") : QByteArray("old"));
    if (written == "out/made") {
        QCOMPARE(readFile(path("out/made")), QByteArray("new"));
        QCOMPARE(s.targets, QStringList{path("out/made")});
    }
    QCOMPARE(QDir(path("sub")).isEmpty(), true);
    QCOMPARE(QDir(path("out")).entryList(QDir::Hidden | QDir::Files | QDir::System)
                 .filter(".stdlab-"),
             QStringList());
}

void tst_FileOperations::verifiedCopyReadsTheSourceOnceAndTheCopyOnce()
{
    const qint64 n = 8 * 1024 * 1024;
    const QByteArray data = randomBytes(n, 7);
    writeFile(path("a.bin"), data);
    const QByteArray blake = QCryptographicHash::hash(data, QCryptographicHash::Blake2b_512);
    // A copy and its journal fingerprint, as `stdlab files copy --verify` makes them: the source
    // is hashed while its bytes are copied, the copy is read back once, and the fingerprint
    // takes that digest. Before, the source was copied, read again to hash it, the copy read
    // back, then read a third time for the journal: 4n.
    const qint64 before = bytesReadByThisProcess();
    JobRequest r = JobRequest::single(JobKind::Copy, path("a.bin"), path("b.bin"));
    r.verify = true;
    r.durable = false;
    const JobSummary s = runJob(r);
    const JournalStep step = UndoJournal::copyStep(path("b.bin"), s.copied);
    const qint64 read = bytesReadByThisProcess() - before;
    QVERIFY2(s.ok(), qPrintable(s.errorString()));
    QCOMPARE(s.verified, 1);
    QVERIFY2(read >= 2 * n && read < 2 * n + 256 * 1024,
             qPrintable(QStringLiteral("read %1 bytes for a copy of %2").arg(read).arg(n)));
    QCOMPARE(step.hash, blake.toHex());
    QCOMPARE(readFile(path("b.bin")), data);

    // The journal entry made from that digest still undoes the copy (it is unchanged).
    UndoJournal journal(path("journal.json"));
    JournalEntry e;
    e.kind = JournalEntry::Kind::Copy;
    e.title = QStringLiteral("shutil.copy2('a.bin', 'b.bin')");
    e.steps = {step};
    journal.record(e);
    const UndoResult undone = journal.undo();
    QVERIFY2(undone.ok, qPrintable(undone.message));
    QVERIFY(!QFileInfo::exists(path("b.bin")));

    // Holes are data (zeros) to the hash: a sparse file with a hole inside and one at its end.
    const QByteArray head = randomBytes(1024 * 1024, 8);
    {
        QFile f(path("sparse.bin"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(head);
        QVERIFY(f.seek(5 * 1024 * 1024));
        f.write(head);
        QVERIFY(f.resize(9 * 1024 * 1024));
    }
    const QByteArray sparse = readFile(path("sparse.bin"));
    QCOMPARE(sparse.size(), 9 * 1024 * 1024);
    r = JobRequest::single(JobKind::Copy, path("sparse.bin"), path("sparse2.bin"));
    r.verify = true;
    const JobSummary s2 = runJob(r);
    QVERIFY2(s2.ok(), qPrintable(s2.errorString()));
    QCOMPARE(s2.verified, 1);
    QCOMPARE(readFile(path("sparse2.bin")), sparse);
    QCOMPARE(UndoJournal::copyStep(path("sparse2.bin"), s2.copied).hash,
             QCryptographicHash::hash(sparse, QCryptographicHash::Blake2b_512).toHex());

    // A tree: every file's digest is known; one changed after the copy is read again.
    QVERIFY(QDir().mkpath(path("tree/sub")));
    writeFile(path("tree/x"), "x data");
    writeFile(path("tree/sub/y"), data.left(100000));
    writeFile(path("tree/empty"), "");
    r = JobRequest::single(JobKind::Copy, path("tree"), path("tree2"));
    r.verify = true;
    const JobSummary s3 = runJob(r);
    QVERIFY2(s3.ok(), qPrintable(s3.errorString()));
    QCOMPARE(s3.verified, 3);
    QCOMPARE(s3.copied.size(), 3);
    const JournalStep tree = UndoJournal::copyStep(path("tree2"), s3.copied);
    QCOMPARE(tree.hash, UndoJournal::copyStep(path("tree2")).hash); // as if read again
    writeFile(path("tree2/x"), "X data"); // same size, another time
    setTimes(path("tree2/x"), 1700000000, 5);
    QVERIFY(UndoJournal::copyStep(path("tree2"), s3.copied).hash != tree.hash);
    QCOMPARE(UndoJournal::copyStep(path("tree2"), s3.copied).hash,
             UndoJournal::copyStep(path("tree2")).hash);
    // Without verify nothing is hashed while copying.
    r = JobRequest::single(JobKind::Copy, path("a.bin"), path("c.bin"));
    QVERIFY(runJob(r).copied.isEmpty());
}

void tst_FileOperations::dryRunPlansACopyAndChangesNothing()
{
    QVERIFY(QDir().mkpath(path("src/sub")));
    writeFile(path("src/a.txt"), "alpha");
    writeFile(path("src/sub/b.bin"), QByteArray(1000, 'b'));
    writeFile(path("src/new.txt"), "new!");
    QVERIFY(QFile::link("a.txt", path("src/link")));
    QCOMPARE(::mkfifo(native(path("src/fifo")).constData(), 0644), 0);
    QVERIFY(QDir().mkpath(path("dst/sub")));
    writeFile(path("dst/a.txt"), "old");
    writeFile(path("dst/sub/b.bin"), "old b");
    const QStringList before = snapshot(m_dir->path());

    // copytree(dirs_exist_ok=True) replacing files: every name taken, and what would happen.
    JobRequest r = JobRequest::single(JobKind::Copy, path("src"), path("dst"));
    r.dirsExistOk = true;
    r.conflictPolicy = ConflictPolicy::Overwrite;
    r.dryRun = true;
    QSignalSpy asked(m_ops.get(), &FileOperations::conflictDetected);
    JobSummary s = runToEnd(r);
    QCOMPARE(snapshot(m_dir->path()), before);
    QCOMPARE(s.plan.files, 4); // a.txt, new.txt, link, sub/b.bin
    QCOMPARE(s.plan.links, 1);
    QCOMPARE(s.plan.directories, 2);
    QCOMPARE(s.plan.bytes, 5 + 4 + 1000);
    QCOMPARE(s.plan.conflictCount, 4);
    QMap<QString, PlannedConflict::Outcome> outcomes;
    for (const PlannedConflict &c : s.plan.conflicts) {
        outcomes.insert(c.target.mid(m_dir->path().size() + 1), c.outcome);
    }
    QCOMPARE(outcomes.value("dst"), PlannedConflict::Outcome::Merge);
    QCOMPARE(outcomes.value("dst/sub"), PlannedConflict::Outcome::Merge);
    QCOMPARE(outcomes.value("dst/a.txt"), PlannedConflict::Outcome::Replace);
    QCOMPARE(outcomes.value("dst/sub/b.bin"), PlannedConflict::Outcome::Replace);
    QCOMPARE(s.plan.replacedFiles, 2);
    QCOMPARE(s.plan.mergedFolders, 2);
    QVERIFY(!s.plan.acrossFilesystems);
    QVERIFY(s.plan.freeBytes > 0);
    // The named pipe: refused as the copy would refuse it, with its words.
    QCOMPARE(s.errors.size(), 1);
    QCOMPARE(s.errors.first().kind, JobErrorKind::SpecialFile);
    QCOMPARE(s.errors.first().message, "`" + path("src/fifo") + "` is a named pipe");
    QCOMPARE(s.files, 0); // nothing done
    QVERIFY(s.targets.isEmpty());
    QCOMPARE(asked.size(), 0);

    // The real copy does what the plan said.
    r.dryRun = false;
    const JobSummary done = runToEnd(r);
    QCOMPARE(done.files, s.plan.files);
    QCOMPARE(done.errors.size(), 1);
    QCOMPARE(readFile(path("dst/a.txt")), QByteArray("alpha"));

    // Fail: the folder there is refused, as the job refuses it; Ask: planned "ask", never asked.
    r = JobRequest::single(JobKind::Copy, path("src"), path("dst"));
    r.dryRun = true;
    r.conflictPolicy = ConflictPolicy::Fail;
    s = runToEnd(r);
    QCOMPARE(s.plan.conflictCount, 1);
    QCOMPARE(s.plan.conflicts.first().outcome, PlannedConflict::Outcome::Refuse);
    QCOMPARE(s.plan.conflicts.first().why,
             "[Errno 17] File exists: " + stdlab::py::repr(path("dst")));
    QCOMPARE(s.errors.size(), 1);
    QCOMPARE(s.plan.files, 0);
    r.conflictPolicy = ConflictPolicy::Ask;
    s = runToEnd(r);
    QCOMPARE(s.plan.conflicts.first().outcome, PlannedConflict::Outcome::Ask);
    QVERIFY(s.errors.isEmpty());
    QCOMPARE(asked.size(), 0);
    r.conflictPolicy = ConflictPolicy::Rename;
    s = runToEnd(r);
    QCOMPARE(s.plan.conflicts.first().outcome, PlannedConflict::Outcome::Rename);
    QCOMPARE(s.plan.conflicts.first().writtenTo, path("dst (2)"));
    QCOMPARE(s.plan.files, 4); // the pipe is refused, not counted
    QVERIFY(!QFileInfo::exists(path("dst (2)")));

    // Into itself: refused before anything, as the job refuses it.
    r = JobRequest::single(JobKind::Copy, path("src"), path("src/sub/inner"));
    r.dryRun = true;
    s = runToEnd(r);
    QCOMPARE(s.errors.size(), 1);
    QVERIFY2(s.errors.first().message.startsWith("Cannot copy a directory "),
             qPrintable(s.errors.first().message));
    QVERIFY(!QFileInfo::exists(path("src/sub/inner")));
    // A dry run of another kind only counts: Delete deletes nothing.
    r = JobRequest::of(JobKind::Delete, {path("src")});
    r.dryRun = true;
    s = runToEnd(r);
    QVERIFY(QFileInfo::exists(path("src/a.txt")));
}

void tst_FileOperations::dryRunPlansAMove()
{
    QVERIFY(QDir().mkpath(path("src/sub")));
    writeFile(path("src/a.txt"), "alpha");
    writeFile(path("src/sub/b.bin"), QByteArray(1000, 'b'));
    const QStringList before = snapshot(m_dir->path());
    // One filesystem: a rename, whatever the size.
    JobRequest r = JobRequest::single(JobKind::Move, path("src"), path("moved"));
    r.dryRun = true;
    JobSummary s = runToEnd(r);
    QCOMPARE(snapshot(m_dir->path()), before);
    QVERIFY2(s.errors.isEmpty(), qPrintable(s.errorString()));
    QCOMPARE(s.plan.renames, 1);
    QCOMPARE(s.plan.files, 2);
    QCOMPARE(s.plan.directories, 2);
    QCOMPARE(s.plan.bytes, 1005);
    QVERIFY(!s.plan.acrossFilesystems);
    QCOMPARE(s.plan.conflictCount, 0);
    // Another filesystem: copied then deleted.
    const QString other = otherFilesystemPath();
    if (other.isEmpty()) {
        QSKIP("no writable /dev/shm on another filesystem than the temporary directory");
    }
    r = JobRequest::single(JobKind::Move, path("src"), other);
    r.dryRun = true;
    s = runToEnd(r);
    QCOMPARE(snapshot(m_dir->path()), before);
    QVERIFY(!QFileInfo::exists(other));
    QCOMPARE(s.plan.renames, 0);
    QVERIFY(s.plan.acrossFilesystems);
    QCOMPARE(s.plan.files, 2);
    QCOMPARE(s.plan.bytes, 1005);
}

void tst_FileOperations::verifiedCopyCatchesACorruptedTarget()
{
    const QByteArray data = randomBytes(3 * 1024 * 1024 + 5, 11);
    writeFile(path("a.bin"), data);
    QVERIFY(QDir().mkpath(path("tree/sub")));
    writeFile(path("tree/x"), "x data");
    writeFile(path("tree/sub/y"), data);
    writeFile(path("tree/empty"), "");
    writeFile(path("old.bin"), "old");
    const auto parts = [this] {
        QStringList found;
        QDirIterator it(m_dir->path(), {".stdlab-*"}, QDir::Files | QDir::Hidden,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            found << it.next();
        }
        return found;
    };
    JobRequest r = JobRequest::single(JobKind::Copy, path("a.bin"), path("b.bin"));
    r.verify = true;
    JobSummary s = runToEnd(r);
    QVERIFY2(s.ok(), qPrintable(s.errorString()));
    QCOMPARE(s.verified, 1);
    QCOMPARE(readFile(path("b.bin")), data);
    r = JobRequest::single(JobKind::Copy, path("tree"), path("tree2"));
    r.verify = true;
    s = runToEnd(r);
    QVERIFY2(s.ok(), qPrintable(s.errorString()));
    QCOMPARE(s.verified, 3);

    // A byte of every copy flipped between writing and reading back (the fault injection):
    // each file is reported, and nothing of it is left, not even a part file.
    qputenv("STDLAB_TEST_CORRUPT_VERIFIED_COPY", "1");
    r = JobRequest::single(JobKind::Copy, path("a.bin"), path("c.bin"));
    r.verify = true;
    s = runToEnd(r);
    QCOMPARE(s.errors.size(), 1);
    QVERIFY2(s.errors.first().message.startsWith("The copy of " + stdlab::py::repr(path("a.bin"))
                                                 + " read back differs from the source (BLAKE2b "),
             qPrintable(s.errors.first().message));
    QVERIFY(s.errors.first().message.endsWith("...): no copy was kept."));
    QCOMPARE(s.errors.first().target, path("c.bin"));
    QCOMPARE(s.verified, 0);
    QVERIFY(!QFileInfo::exists(path("c.bin")));
    // Overwrite: the file that was there stays as it was.
    r = JobRequest::single(JobKind::Copy, path("a.bin"), path("old.bin"));
    r.verify = true;
    r.conflictPolicy = ConflictPolicy::Overwrite;
    s = runToEnd(r);
    QCOMPARE(s.errors.size(), 1);
    QCOMPARE(readFile(path("old.bin")), QByteArray("old"));
    // A tree: every file but the empty one (no byte to flip) is refused.
    r = JobRequest::single(JobKind::Copy, path("tree"), path("tree3"));
    r.verify = true;
    s = runToEnd(r);
    QCOMPARE(s.errors.size(), 2);
    QCOMPARE(s.verified, 1);
    QVERIFY(!QFileInfo::exists(path("tree3/x")));
    QVERIFY(!QFileInfo::exists(path("tree3/sub/y")));
    // Without verify the fault is not injected (it exists only to be caught).
    r = JobRequest::single(JobKind::Copy, path("a.bin"), path("d.bin"));
    s = runToEnd(r);
    qunsetenv("STDLAB_TEST_CORRUPT_VERIFIED_COPY");
    QVERIFY(s.ok());
    QCOMPARE(readFile(path("d.bin")), data);
    QCOMPARE(parts(), QStringList());
}

/// The size of the part file a copy is writing into @p dir (-1: none).
static qint64 partFileSize(const QString &dir)
{
    QDirIterator it(dir, {".stdlab-*"}, QDir::Files | QDir::Hidden);
    return it.hasNext() ? QFileInfo(it.next()).size() : -1;
}

void tst_FileOperations::pauseHoldsTheCopyStillAndResumeCompletesIt()
{
    const qsizetype size = 8 << 20;
    const QByteArray data = randomBytes(size, 9);
    writeFile(path("big.bin"), data);
    JobRequest r = JobRequest::single(JobKind::Copy, path("big.bin"), path("copy.bin"));
    r.bytesPerSecondLimit = size / 2; // about 2 s
    QSignalSpy finished(m_ops.get(), &FileOperations::finished);
    QSignalSpy pausedChanged(m_ops.get(), &FileOperations::pausedChanged);
    QSignalSpy reports(m_ops.get(), &FileOperations::progressChanged);
    const int id = startUntilBytesAreDone(r);
    QVERIFY(id >= 0);
    m_ops->pause(id);
    QVERIFY(m_ops->isPaused(id));
    QCOMPARE(pausedChanged.size(), 1);
    QCOMPARE(pausedChanged.first().at(1).toBool(), true);
    QTest::qWait(150); // the chunk under way ends
    const qint64 held = partFileSize(m_dir->path());
    QVERIFY(held > 0 && held < size);
    reports.clear();
    QElapsedTimer still;
    still.start();
    QTest::qWait(600);
    // Still: not one byte written, no progress, the job not finished.
    QCOMPARE(partFileSize(m_dir->path()), held);
    QVERIFY(still.elapsed() >= 600);
    QCOMPARE(finished.size(), 0);
    QCOMPARE(reports.size(), 0);
    m_ops->resume(id);
    QVERIFY(!m_ops->isPaused(id));
    QVERIFY(finished.wait(20000));
    const JobSummary s = finished.first().at(1).value<JobSummary>();
    QVERIFY2(s.ok(), qPrintable(s.errorString()));
    QCOMPARE(readFile(path("copy.bin")), data);

    // Paused, then cancelled: it ends at once, leaving nothing.
    finished.clear();
    r = JobRequest::single(JobKind::Copy, path("big.bin"), path("copy2.bin"));
    r.bytesPerSecondLimit = size / 2;
    const int id2 = startUntilBytesAreDone(r);
    QVERIFY(id2 >= 0);
    m_ops->pause(id2);
    QTest::qWait(100);
    QElapsedTimer clock;
    clock.start();
    m_ops->cancel(id2);
    QVERIFY(finished.wait(5000));
    QVERIFY(clock.elapsed() < 2000);
    QVERIFY(finished.first().at(1).value<JobSummary>().cancelled);
    QVERIFY(!QFileInfo::exists(path("copy2.bin")));
    QCOMPARE(partFileSize(m_dir->path()), -1);
}

void tst_FileOperations::pauseHoldsAnUnpack()
{
    // A tar of one 6 MiB file, made by python3's tarfile.
    const QByteArray data = randomBytes(6 << 20, 3);
    writeFile(path("member.bin"), data);
    QProcess py;
    py.setWorkingDirectory(m_dir->path());
    py.start("python3", {"-c", "import tarfile\nwith tarfile.open('a.tar', 'w') as t: "
                               "t.add('member.bin')"});
    QVERIFY(py.waitForFinished(30000));
    QCOMPARE(py.exitCode(), 0);
    QVERIFY(QDir().mkpath(path("out")));
    JobRequest r = JobRequest::single(JobKind::Unpack, path("a.tar"), path("out"));
    QSignalSpy finished(m_ops.get(), &FileOperations::finished);
    QSignalSpy reports(m_ops.get(), &FileOperations::progressChanged);
    const int id = m_ops->start(r);
    m_ops->pause(id);
    QTest::qWait(500);
    QCOMPARE(finished.size(), 0); // held (6 MiB unpack alone takes far less)
    m_ops->resume(id);
    QVERIFY(finished.wait(20000));
    QVERIFY(finished.first().at(1).value<JobSummary>().ok());
    QCOMPARE(readFile(path("out/member.bin")), data);
}

void tst_FileOperations::secondLongJobWaitsItsTurn()
{
    const qsizetype size = 4 << 20;
    const QByteArray data = randomBytes(size, 5);
    writeFile(path("big.bin"), data);
    m_ops->setQueueing(true);
    QSignalSpy started(m_ops.get(), &FileOperations::started);
    QSignalSpy queued(m_ops.get(), &FileOperations::queued);
    QSignalSpy finished(m_ops.get(), &FileOperations::finished);
    JobRequest slow = JobRequest::single(JobKind::Copy, path("big.bin"), path("a.bin"));
    slow.bytesPerSecondLimit = size; // about 1 s
    const int a = m_ops->start(slow);
    const int b = m_ops->start(JobRequest::single(JobKind::Copy, path("big.bin"), path("b.bin")));
    const int c = m_ops->start(JobRequest::single(JobKind::Copy, path("big.bin"), path("c.bin")));
    // A size (or a dry run) is not queued: it reads only.
    const int du = m_ops->start(JobRequest::of(JobKind::DiskUsage, {path("big.bin")}));
    QCOMPARE(started.size(), 2);
    QCOMPARE(started.at(0).at(0).toInt(), a);
    QCOMPARE(started.at(1).at(0).toInt(), du);
    QCOMPARE(queued.size(), 2);
    QVERIFY(m_ops->isQueued(b) && m_ops->isQueued(c) && !m_ops->isQueued(a));
    QVERIFY(m_ops->isRunning(b));
    // b is cancelled before its turn: it ends having touched nothing.
    m_ops->cancel(b);
    QVERIFY(!m_ops->isRunning(b));
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() >= 2, 10000); // du and b
    QVERIFY(!QFileInfo::exists(path("b.bin")));
    // a ends, then c starts and ends.
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 4, 30000);
    QList<int> order;
    for (const QList<QVariant> &f : finished) {
        order << f.at(0).toInt();
    }
    QCOMPARE(order.indexOf(c), 3);
    QVERIFY(order.indexOf(a) < order.indexOf(c));
    QCOMPARE(started.size(), 3);
    QCOMPARE(started.at(2).at(0).toInt(), c);
    QVERIFY(finished.at(order.indexOf(b)).at(1).value<JobSummary>().cancelled);
    QCOMPARE(readFile(path("a.bin")), data);
    QCOMPARE(readFile(path("c.bin")), data);
    QVERIFY(!QFileInfo::exists(path("b.bin")));
}

void tst_FileOperations::cancelMidCopyLeavesNoPartialFile()
{
    const qsizetype size = qEnvironmentVariableIsSet("STDLAB_SANITIZED") ? 8 << 20 : 24 << 20;
    const QByteArray data = randomBytes(size, 7);
    QVERIFY(QDir().mkpath(path("src")));
    writeFile(path("src/big.bin"), data);
    writeFile(path("src/small"), "small");
    const QStringList before = snapshot(path("src"));
    JobRequest r = JobRequest::single(JobKind::Copy, path("src/big.bin"), path("big-copy.bin"));
    r.bytesPerSecondLimit = size / 4; // about 4 s: the cancel lands in the middle
    QSignalSpy finished(m_ops.get(), &FileOperations::finished);
    JobProgress mid;
    const int id = startUntilBytesAreDone(r, &mid);
    QVERIFY(id >= 0);
    QVERIFY(mid.bytesDone < mid.bytesTotal);
    QCOMPARE(mid.bytesTotal, size);
    QCOMPARE(mid.filesTotal, 1);
    // Mid-copy the data lives under a temporary name only.
    QVERIFY(!QFileInfo::exists(path("big-copy.bin")));
    QCOMPARE(partFiles(m_dir->path()).size(), 1);
    m_ops->cancel(id);
    QVERIFY(finished.wait(20000));
    const JobSummary s = finished.first().at(1).value<JobSummary>();
    QVERIFY(s.cancelled);
    QCOMPARE(s.files, 0);
    QVERIFY(!QFileInfo::exists(path("big-copy.bin")));
    QVERIFY(partFiles(m_dir->path()).isEmpty());
    QCOMPARE(snapshot(path("src")), before);
    QVERIFY(!m_ops->isRunning(id));
}

void tst_FileOperations::cancelledOverwriteKeepsOriginal()
{
    const qsizetype size = 8 << 20;
    writeFile(path("new.bin"), randomBytes(size, 9));
    writeFile(path("target.bin"), "the original target");
    JobRequest r = JobRequest::single(JobKind::Copy, path("new.bin"), path("target.bin"));
    r.conflictPolicy = ConflictPolicy::Overwrite;
    r.bytesPerSecondLimit = size / 4;
    QSignalSpy finished(m_ops.get(), &FileOperations::finished);
    const int id = startUntilBytesAreDone(r);
    QVERIFY(id >= 0);
    QCOMPARE(readFile(path("target.bin")), QByteArray("the original target"));
    m_ops->cancel(id);
    QVERIFY(finished.wait(20000));
    QVERIFY(finished.first().at(1).value<JobSummary>().cancelled);
    QCOMPARE(readFile(path("target.bin")), QByteArray("the original target"));
    QVERIFY(partFiles(m_dir->path()).isEmpty());
}

void tst_FileOperations::cancelWhileAskingStops()
{
    writeFile(path("a"), "new");
    writeFile(path("b"), "old");
    QSignalSpy conflicts(m_ops.get(), &FileOperations::conflictDetected);
    QSignalSpy finished(m_ops.get(), &FileOperations::finished);
    const int id = m_ops->start(JobRequest::single(JobKind::Copy, path("a"), path("b")));
    QVERIFY(conflicts.wait(20000));
    m_ops->cancel(id);
    QVERIFY(finished.wait(20000));
    QVERIFY(finished.first().at(1).value<JobSummary>().cancelled);
    QCOMPARE(readFile(path("b")), QByteArray("old"));
}

void tst_FileOperations::failedWriteLeavesNoPartialFileAndKeepsTarget()
{
    // RLIMIT_FSIZE stands in for a full disk: the kernel refuses to grow a file past it (EFBIG)
    // in the middle of the copy, as it would with ENOSPC.
    QVERIFY(QDir().mkpath(path("src")));
    writeFile(path("src/a-big.bin"), randomBytes(900 * 1024, 5));
    writeFile(path("src/b-small"), "small");
    QVERIFY(QDir().mkpath(path("dst")));
    writeFile(path("dst/a-big.bin"), "the original target");
    JobRequest r = JobRequest::single(JobKind::Copy, path("src"), path("dst"));
    r.dirsExistOk = true;
    r.conflictPolicy = ConflictPolicy::Overwrite;
    struct sigaction ignore = {}, old = {};
    ignore.sa_handler = SIG_IGN;
    QCOMPARE(::sigaction(SIGXFSZ, &ignore, &old), 0);
    struct rlimit saved = {};
    QCOMPARE(::getrlimit(RLIMIT_FSIZE, &saved), 0);
    struct rlimit small = saved;
    small.rlim_cur = 256 * 1024;
    QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
    const JobSummary s = runToEnd(r);
    ::setrlimit(RLIMIT_FSIZE, &saved);
    ::sigaction(SIGXFSZ, &old, nullptr);
    QCOMPARE(s.errors.size(), 1);
    QCOMPARE(s.errors.first().errnum, EFBIG);
    QCOMPARE(s.errors.first().message,
             "[Errno 27] File too large: " + stdlab::py::repr(path("dst/a-big.bin")));
    QCOMPARE(readFile(path("dst/a-big.bin")), QByteArray("the original target"));
    QCOMPARE(readFile(path("dst/b-small")), QByteArray("small"));
    QCOMPARE(s.files, 1);
    QVERIFY(partFiles(m_dir->path()).isEmpty());
}

void tst_FileOperations::progressReportsSpeedAndTimeLeft()
{
    const qsizetype size = 6 << 20;
    writeFile(path("a.bin"), randomBytes(size, 13));
    JobRequest r = JobRequest::single(JobKind::Copy, path("a.bin"), path("b.bin"));
    r.bytesPerSecondLimit = 2 << 20; // about 3 s
    QSignalSpy progress(m_ops.get(), &FileOperations::progressChanged);
    QSignalSpy finished(m_ops.get(), &FileOperations::finished);
    const int id = m_ops->start(r);
    QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty()
                                 && progress.last().at(1).value<JobProgress>().bytesDone
                                     >= (1 << 20),
                             20000);
    const JobProgress p = progress.last().at(1).value<JobProgress>();
    QCOMPARE(progress.last().at(0).toInt(), id);
    QVERIFY2(p.bytesPerSecond > 0.5 * (2 << 20) && p.bytesPerSecond < 4.0 * (2 << 20),
             qPrintable(QString::number(p.bytesPerSecond)));
    QVERIFY2(p.etaMs > 0 && p.etaMs < 10000, qPrintable(QString::number(p.etaMs)));
    QCOMPARE(p.currentPath, path("a.bin"));
    QVERIFY(!p.scanning);
    QVERIFY(finished.wait(30000));
    QVERIFY(finished.first().at(1).value<JobSummary>().ok());
    QCOMPARE(readFile(path("b.bin")).size(), size);
}

void tst_FileOperations::moveOnSameFilesystemRenames()
{
    makeTree(path("src"));
    const QStringList before = snapshot(path("src"));
    struct stat st;
    QCOMPARE(::stat(native(path("src/sub/secret")).constData(), &st), 0);
    const ino_t inode = st.st_ino;
    QVERIFY(QDir().mkpath(path("dest")));
    const JobSummary s = runToEnd(JobRequest::into(JobKind::Move, {path("src")}, path("dest")));
    QVERIFY2(s.ok(), qPrintable(s.errorString()));
    QVERIFY(!QFileInfo::exists(path("src")));
    QCOMPARE(snapshot(path("dest/src")), before);
    QCOMPARE(::stat(native(path("dest/src/sub/secret")).constData(), &st), 0);
    QCOMPARE(st.st_ino, inode);
    QCOMPARE(s.targets, QStringList{path("dest/src")});
}

/// A path ("…/tree", not made yet) in a temporary directory on another filesystem than the
/// test's, /dev/shm; empty when there is no such place to write.
QString tst_FileOperations::otherFilesystemPath()
{
    struct stat a, b;
    if (::stat("/dev/shm", &a) != 0 || ::stat(native(m_dir->path()).constData(), &b) != 0
        || a.st_dev == b.st_dev || ::access("/dev/shm", W_OK) != 0) {
        return QString();
    }
    m_otherFilesystem =
        std::make_unique<ScratchDir>(QStringLiteral("/dev/shm/stdlab-test-XXXXXX"));
    return m_otherFilesystem->isValid() ? m_otherFilesystem->path() + "/tree" : QString();
}

void tst_FileOperations::moveAcrossFilesystemsKeepsSourceUntilVerified()
{
    const QString src = otherFilesystemPath();
    if (src.isEmpty()) {
        QSKIP("no writable /dev/shm on another filesystem than the temporary directory");
    }
    makeTree(src);
    writeFile(src + "/big", randomBytes(4 << 20, 11));
    const QStringList before = snapshot(src);
    JobRequest r = JobRequest::single(JobKind::Move, src, path("moved"));
    r.bytesPerSecondLimit = 3 << 20;
    QSignalSpy finished(m_ops.get(), &FileOperations::finished);
    QVERIFY(startUntilBytesAreDone(r) >= 0);
    // While copying, the source is whole.
    QCOMPARE(snapshot(src), before);
    QVERIFY(finished.wait(30000));
    const JobSummary s = finished.first().at(1).value<JobSummary>();
    QVERIFY2(s.ok(), qPrintable(s.errorString()));
    QVERIFY(!QFileInfo::exists(src));
    QCOMPARE(snapshot(path("moved")), before);
    QVERIFY(partFiles(path("moved")).isEmpty());
    ::chmod(native(path("moved/locked")).constData(), 0755);
}

void tst_FileOperations::moveAcrossFilesystemsKeepsSourceOnIncompleteCopy()
{
    const QString src = otherFilesystemPath();
    if (src.isEmpty()) {
        QSKIP("no writable /dev/shm on another filesystem than the temporary directory");
    }
    QVERIFY(QDir().mkpath(src));
    writeFile(src + "/a", "a");
    // A named pipe cannot be copied (shutil: "`x` is a named pipe"): the copy is incomplete.
    QCOMPARE(::mkfifo(native(src + "/pipe").constData(), 0644), 0);
    const QStringList before = snapshot(src);
    const JobSummary s = runToEnd(JobRequest::single(JobKind::Move, src, path("moved")));
    QCOMPARE(s.errors.size(), 2);
    QCOMPARE(s.errors.at(0).message, QStringLiteral("`%1` is a named pipe").arg(src + "/pipe"));
    QCOMPARE(s.errors.at(1).source, src);
    QCOMPARE(snapshot(src), before);
    QCOMPARE(readFile(path("moved/a")), QByteArray("a"));
}

void tst_FileOperations::moveConflictsAreAsked_data()
{
    QTest::addColumn<int>("action");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<bool>("sourceStays");
    QTest::newRow("skip keeps both") << int(ConflictAction::Skip) << QByteArray("old") << true;
    QTest::newRow("overwrite replaces") << int(ConflictAction::Overwrite) << QByteArray("new")
                                        << false;
    QTest::newRow("rename keeps the old target") << int(ConflictAction::Rename)
                                                 << QByteArray("old") << false;
}

void tst_FileOperations::moveConflictsAreAsked()
{
    QFETCH(int, action);
    QFETCH(QByteArray, target);
    QFETCH(bool, sourceStays);
    const int id = startIntoConflict(JobKind::Move, QStringLiteral("a.txt"));
    QVERIFY(id >= 0);
    QCOMPARE(readFile(path("out/a.txt")), QByteArray("old"));
    QVERIFY(QFileInfo::exists(path("a.txt")));
    QSignalSpy finished(m_ops.get(), &FileOperations::finished);
    m_ops->answerConflict(id, {ConflictAction(action), false, {}});
    QVERIFY(finished.wait(20000));
    QVERIFY(finished.first().at(1).value<JobSummary>().errors.isEmpty());
    QCOMPARE(readFile(path("out/a.txt")), target);
    QCOMPARE(QFileInfo::exists(path("a.txt")), sourceStays);
    if (ConflictAction(action) == ConflictAction::Rename) {
        QCOMPARE(readFile(path("out/a (2).txt")), QByteArray("new"));
    }
}

void tst_FileOperations::deleteRemovesTreesAndFiles()
{
    makeTree(path("tree"));
    QCOMPARE(::chmod(native(path("tree/locked")).constData(), 0755), 0);
    writeFile(path("file"), "12345");
    QVERIFY(QFile::link("tree", path("link-to-tree")));
    const JobSummary s = runToEnd(JobRequest::of(
        JobKind::Delete, {path("tree"), path("file"), path("link-to-tree"), path("missing")}));
    QCOMPARE(s.errors.size(), 1);
    QCOMPARE(s.errors.first().message,
             "[Errno 2] No such file or directory: " + stdlab::py::repr(path("missing")));
    QCOMPARE(s.files, 10); // 5 files + 3 links in the tree, the file, the link
    QCOMPARE(s.directories, 5);
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System),
             QStringList());
}

void tst_FileOperations::diskUsageCountsFilesAndBytes()
{
    QVERIFY(QDir().mkpath(path("d/e")));
    writeFile(path("d/a"), QByteArray(1000, 'a'));
    writeFile(path("d/e/b"), QByteArray(234, 'b'));
    QCOMPARE(::link(native(path("d/a")).constData(), native(path("d/e/hard")).constData()), 0);
    QVERIFY(QFile::link("a", path("d/link")));
    QSignalSpy progress(m_ops.get(), &FileOperations::progressChanged);
    const JobSummary s = runToEnd(JobRequest::of(JobKind::DiskUsage, {path("d")}));
    QVERIFY(s.ok());
    QCOMPARE(s.files, 3); // a, b (hard link counted once), link
    QCOMPARE(s.directories, 2);
    QCOMPARE(s.bytes, 1234);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(1).value<JobProgress>().scanning, false);
    QVERIFY(QFileInfo::exists(path("d/a")));
}

void tst_FileOperations::progressIsBatched()
{
    const int n = qEnvironmentVariableIsSet("STDLAB_SANITIZED") ? 300 : 1500;
    for (int i = 0; i < n; ++i) {
        if (i % 100 == 0) {
            QVERIFY(QDir().mkpath(path("src/d%1").arg(i / 100)));
        }
        writeFile(path("src/d%1/f%2").arg(i / 100).arg(i), QByteArray::number(i));
    }
    QSignalSpy progress(m_ops.get(), &FileOperations::progressChanged);
    const JobSummary s = runToEnd(JobRequest::single(JobKind::Copy, path("src"), path("dst")));
    QVERIFY2(s.ok(), qPrintable(s.errorString()));
    QCOMPARE(s.files, n);
    // At most one signal per 100 ms, plus the first, the end of the scan and the last.
    QVERIFY2(progress.size() <= s.elapsedMs / 100 + 4,
             qPrintable(QStringLiteral("%1 signals in %2 ms").arg(progress.size()).arg(s.elapsedMs)));
    const JobProgress last = progress.last().at(1).value<JobProgress>();
    QCOMPARE(last.filesDone, n);
    QCOMPARE(last.filesTotal, n);
    QCOMPARE(last.bytesDone, last.bytesTotal);
}

void tst_FileOperations::errorsAreCollectedAndJobGoesOn()
{
    QVERIFY(QDir().mkpath(path("src")));
    writeFile(path("src/1"), "1");
    QCOMPARE(::mkfifo(native(path("src/2-pipe")).constData(), 0644), 0);
    writeFile(path("src/3"), "3");
    QSignalSpy errors(m_ops.get(), &FileOperations::errorOccurred);
    const JobSummary s = runToEnd(JobRequest::single(JobKind::Copy, path("src"), path("dst")));
    QCOMPARE(s.errors.size(), 1);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().at(1).value<JobError>().message,
             QStringLiteral("`%1` is a named pipe").arg(path("src/2-pipe")));
    QCOMPARE(readFile(path("dst/1")), QByteArray("1"));
    QCOMPARE(readFile(path("dst/3")), QByteArray("3"));
    QCOMPARE(s.files, 2);
}

void tst_FileOperations::shutilErrorString()
{
    JobSummary s;
    s.errors.append({"a", "b", 13, "[Errno 13] Permission denied: 'a'"});
    s.errors.append({"it's", "c", 0, "x"});
    QCOMPARE(s.errorString(), QStringLiteral("[('a', 'b', \"[Errno 13] Permission denied: 'a'\"), "
                                             "(\"it's\", 'c', 'x')]"));
}

void tst_FileOperations::destroyingWhileWaitingDoesNotHang()
{
    writeFile(path("a"), "new");
    writeFile(path("b"), "old");
    QSignalSpy conflicts(m_ops.get(), &FileOperations::conflictDetected);
    m_ops->start(JobRequest::single(JobKind::Copy, path("a"), path("b")));
    QVERIFY(conflicts.wait(20000));
    QElapsedTimer t;
    t.start();
    m_ops.reset();
    QVERIFY(t.elapsed() < 10000);
    QCOMPARE(readFile(path("b")), QByteArray("old"));
    m_ops = std::make_unique<FileOperations>();
}

QTEST_GUILESS_MAIN(tst_FileOperations)
#include "tst_fileoperations.moc"

// `stdlab files copy|copytree` run as a process, side by side with python3's shutil doing the
// same: same files, same error line, same exit status; SIGTERM mid-copy behaves like Cancel,
// and part files left by a killed process are swept by the next copy into that folder.
#include "stdlabprocess.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include "scratchdir.h"
#include <QtTest>

#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

class tst_FilesCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void copyAndCopytreeMatchShutil_data();
    void copyAndCopytreeMatchShutil();
    void copyKeepsModeNotTimesLikeShutilCopy();
    void copytreeOptions();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
    void sigtermMidCopyLeavesNothingHalfWritten();
    void sigkillLeavesAPartFileTheNextCopySweeps();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    void write(const QString &name, const QByteArray &data, mode_t mode = 0644);
    void makeFixture();
    ProcessResult runIn(const QStringList &args, const QString &program = stdlabBinary(),
                        int timeoutMs = 60000);
    QStringList partFiles() const;

    std::unique_ptr<ScratchDir> m_dir;
};

void tst_FilesCli::init()
{
    QVERIFY(!stdlabBinary().isEmpty());
    m_dir = std::make_unique<ScratchDir>();
    QVERIFY(m_dir->isValid());
}

void tst_FilesCli::write(const QString &name, const QByteArray &data, mode_t mode)
{
    QFile f(path(name));
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(data), data.size());
    f.close();
    QCOMPARE(::chmod(QFile::encodeName(path(name)).constData(), mode), 0);
}

void tst_FilesCli::makeFixture()
{
    QVERIFY(QDir().mkpath(path("tree/sub")));
    write("tree/a.txt", "alpha", 0640);
    write("tree/sub/b.bin", QByteArray(100000, 'b'), 0600);
    QVERIFY(QFile::link("a.txt", path("tree/link")));
    write("file.txt", "contents", 0751);
    QVERIFY(QDir().mkpath(path("existing")));
    QVERIFY(QDir().mkpath(path("pipes")));
    QCOMPARE(::mkfifo(QFile::encodeName(path("pipes/fifo")).constData(), 0644), 0);
    QCOMPARE(::mkfifo(QFile::encodeName(path("fifo")).constData(), 0644), 0);
}

ProcessResult tst_FilesCli::runIn(const QStringList &args, const QString &program, int timeoutMs)
{
    // Relative paths, as typed in a shell: the messages show them as given.
    const QString cwd = QDir::currentPath();
    QDir::setCurrent(m_dir->path());
    const ProcessResult r = runProcess(args, {}, timeoutMs, program);
    QDir::setCurrent(cwd);
    return r;
}

QStringList tst_FilesCli::partFiles() const
{
    QStringList found;
    QDirIterator it(m_dir->path(), {".stdlab-*"}, QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        found << it.next();
    }
    return found;
}

static ino_t inodeOf(const QString &path)
{
    struct stat st;
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_ino : 0;
}

/// One line per entry under @p root: relative path, type and mode, size, content, link.
static QStringList listing(const QString &root)
{
    QStringList lines;
    QDirIterator it(root, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString p = it.next();
        struct stat st;
        ::lstat(QFile::encodeName(p).constData(), &st);
        QString line = p.mid(root.size()) + ' ' + QString::number(st.st_mode, 8);
        if (S_ISREG(st.st_mode)) {
            QFile f(p);
            f.open(QIODevice::ReadOnly);
            line += ' ' + QString::number(st.st_size) + ' ' + f.readAll().left(16);
        } else if (S_ISLNK(st.st_mode)) {
            line += " -> " + QFile::symLinkTarget(p).section('/', -1);
        }
        lines << line;
    }
    lines.sort();
    return lines;
}

void tst_FilesCli::copyAndCopytreeMatchShutil_data()
{
    QTest::addColumn<QStringList>("args"); // operation SRC DST; python gets the same
    QTest::addColumn<QString>("python");    // the call, with a and b for SRC and DST
    QTest::addColumn<int>("exitCode");
    const QString copy = "shutil.copy(a, b)";
    const QString tree = "shutil.copytree(a, b, symlinks=True)";
    QTest::newRow("copy a file") << QStringList{"copy", "file.txt", "NEW.txt"} << copy << 0;
    QTest::newRow("copy into a folder") << QStringList{"copy", "file.txt", "existing"} << copy << 0;
    QTest::newRow("copy over a file") << QStringList{"copy", "tree/a.txt", "file.txt"} << copy << 0;
    QTest::newRow("copy a missing file") << QStringList{"copy", "missing", "NEW"} << copy << 1;
    QTest::newRow("copy a folder") << QStringList{"copy", "tree", "NEW"} << copy << 1;
    QTest::newRow("copy into a missing folder")
        << QStringList{"copy", "file.txt", "nodir/x"} << copy << 1;
    QTest::newRow("copy onto itself") << QStringList{"copy", "file.txt", "file.txt"} << copy << 1;
    QTest::newRow("copy a named pipe") << QStringList{"copy", "fifo", "NEW"} << copy << 1;
    QTest::newRow("copytree") << QStringList{"copytree", "tree", "NEW"} << tree << 0;
    QTest::newRow("copytree, missing parents")
        << QStringList{"copytree", "tree", "NEW/x/y"} << tree << 0;
    QTest::newRow("copytree of a missing folder")
        << QStringList{"copytree", "missing", "NEW"} << tree << 1;
    QTest::newRow("copytree onto an existing folder")
        << QStringList{"copytree", "tree", "existing"} << tree << 1;
    QTest::newRow("copytree of a file") << QStringList{"copytree", "file.txt", "NEW"} << tree << 1;
    QTest::newRow("copytree with a named pipe inside")
        << QStringList{"copytree", "pipes", "NEW"} << tree << 1;
}

void tst_FilesCli::copyAndCopytreeMatchShutil()
{
    QFETCH(QStringList, args);
    QFETCH(QString, python);
    QFETCH(int, exitCode);
    // Python first, in a twin fixture; then stdlab; same files, same last line, same status.
    makeFixture();
    const QString script = "import shutil, sys\na, b = sys.argv[1:]\n" + python + "\n";
    const QString pyTarget = QString(args.at(2)).replace("NEW", "PY");
    const ProcessResult py = runIn({"-c", script, args.at(1), pyTarget},
                                   "python3");
    const QStringList pyLines = QString::fromUtf8(py.err).split('\n', Qt::SkipEmptyParts);
    const ProcessResult r = runIn(QStringList{"files"} + args);
    QCOMPARE(r.exitCode, exitCode);
    QCOMPARE(py.exitCode, exitCode);
    QCOMPARE(QString::fromUtf8(r.out), QString());
    if (exitCode == 0) {
        QCOMPARE(QString::fromUtf8(r.err), QString());
        if (args.at(2).startsWith("NEW")) {
            QCOMPARE(listing(path(args.at(2))),
                     listing(path(QString(args.at(2)).replace("NEW", "PY"))));
        }
    } else {
        QString expected = pyLines.value(pyLines.size() - 1);
        expected.replace("'PY'", "'NEW'").replace("PY/", "NEW/");
        QCOMPARE(QString::fromUtf8(r.err), expected + '\n');
        QVERIFY(!QFileInfo::exists(path("NEW")) || args.at(0) == "copytree");
    }
    QVERIFY(partFiles().isEmpty());
}

void tst_FilesCli::copyKeepsModeNotTimesLikeShutilCopy()
{
    write("old.txt", "old", 0604);
    const struct timespec times[2] = {{1000000000, 0}, {1000000000, 0}};
    QCOMPARE(::utimensat(AT_FDCWD, QFile::encodeName(path("old.txt")).constData(), times, 0), 0);
    QCOMPARE(runIn({"files", "copy", "old.txt", "new.txt"}).exitCode, 0);
    struct stat st;
    QCOMPARE(::stat(QFile::encodeName(path("new.txt")).constData(), &st), 0);
    QCOMPARE(st.st_mode & 07777, 0604u);
    QVERIFY(st.st_mtim.tv_sec > 1000000000); // shutil.copy: a new mtime (copy2 keeps it)
}

void tst_FilesCli::copytreeOptions()
{
    makeFixture();
    QCOMPARE(runIn({"files", "copytree", "tree", "existing", "--dirs-exist-ok"}).exitCode, 0);
    QCOMPARE(listing(path("existing")), listing(path("tree")));
    QCOMPARE(runIn({"files", "copytree", "--follow-symlinks", "tree", "followed"}).exitCode, 0);
    QVERIFY(!QFileInfo(path("followed/link")).isSymLink());
    QCOMPARE(QFileInfo(path("followed/link")).size(), 5);
    QVERIFY(QFileInfo(path("existing/link")).isSymLink());
    QCOMPARE(::link(QFile::encodeName(path("tree/a.txt")).constData(),
                    QFile::encodeName(path("tree/sub/hard")).constData()),
             0);
    QCOMPARE(runIn({"files", "copytree", "--keep-hard-links", "tree", "hard"}).exitCode, 0);
    QCOMPARE(inodeOf(path("hard/sub/hard")), inodeOf(path("hard/a.txt")));
    QCOMPARE(runIn({"files", "copytree", "tree", "separate"}).exitCode, 0);
    QVERIFY(inodeOf(path("separate/sub/hard")) != inodeOf(path("separate/a.txt")));
}

void tst_FilesCli::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no operation") << QStringList{"files"} << "missing operation";
    QTest::newRow("unknown operation")
        << QStringList{"files", "mv", "a", "b"} << "unknown operation 'mv'";
    QTest::newRow("one path") << QStringList{"files", "copy", "a"} << "copy takes SRC and DST";
    QTest::newRow("three paths")
        << QStringList{"files", "copytree", "a", "b", "c"} << "copytree takes SRC and DST";
    QTest::newRow("copytree option on copy")
        << QStringList{"files", "copy", "--dirs-exist-ok", "a", "b"}
        << "copy takes no copytree options";
    QTest::newRow("unknown option")
        << QStringList{"files", "copy", "--fast", "a", "b"} << "Unknown option";
}

void tst_FilesCli::usageErrorsExitTwo()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const ProcessResult r = runIn(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
}

void tst_FilesCli::sigtermMidCopyLeavesNothingHalfWritten()
{
    // A folder whose mode keeps its owner out of writing (restored at the end of a copy), with
    // a file big enough to be caught in the middle at 20 MB/s.
    QVERIFY(QDir().mkpath(path("src")));
    write("src/big.bin", QByteArray(64 * 1024 * 1024, 'x'));
    QCOMPARE(::chmod(QFile::encodeName(path("src")).constData(), 0555), 0);
    QProcess p;
    p.setWorkingDirectory(m_dir->path());
    p.start(stdlabBinary(), {"files", "copytree", "--bwlimit", "20000000", "src", "dst"});
    QVERIFY(p.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(!partFiles().isEmpty(), 10000);
    QTest::qWait(200);
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(::kill(pid_t(p.processId()), SIGTERM), 0);
    QVERIFY(p.waitForFinished(10000));
    QVERIFY2(timer.elapsed() < 3000, "SIGTERM must stop the copy at once");
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 1);
    QVERIFY(p.readAllStandardError().contains("cancelled"));
    QCOMPARE(partFiles(), QStringList());
    QVERIFY(!QFileInfo::exists(path("dst/big.bin")));
    struct stat st;
    QCOMPARE(::stat(QFile::encodeName(path("dst")).constData(), &st), 0);
    QCOMPARE(st.st_mode & 07777, 0555u); // the source's mode, not the 0700 used while filling
    ::chmod(QFile::encodeName(path("src")).constData(), 0755);
    ::chmod(QFile::encodeName(path("dst")).constData(), 0755);
}

void tst_FilesCli::sigkillLeavesAPartFileTheNextCopySweeps()
{
    write("big.bin", QByteArray(64 * 1024 * 1024, 'y'));
    QVERIFY(QDir().mkpath(path("out")));
    QProcess p;
    p.setWorkingDirectory(m_dir->path());
    p.start(stdlabBinary(), {"files", "copy", "--bwlimit", "20000000", "big.bin", "out"});
    QVERIFY(p.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(!partFiles().isEmpty(), 10000);
    const qint64 pid = p.processId();
    p.kill(); // SIGKILL: nothing can clean up
    QVERIFY(p.waitForFinished(10000));
    const QStringList stale = partFiles();
    QCOMPARE(stale.size(), 1);
    QVERIFY(stale.first().contains(".stdlab-" + QString::number(pid) + '-'));
    write("small.txt", "s");
    const ProcessResult r = runIn({"files", "copy", "small.txt", "out"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(partFiles(), QStringList());
    QCOMPARE(QDir(path("out")).entryList(QDir::Files | QDir::Hidden), QStringList{"small.txt"});
}

QTEST_GUILESS_MAIN(tst_FilesCli)
#include "tst_filescli.moc"

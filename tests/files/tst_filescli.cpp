// `stdlab files ls|size|copy|copytree|move|rm|mkdir` run as a process, side by side with
// python3's os and shutil doing the same in a twin folder: same files, same output, same error
// line, same exit status; nothing replaced without --force; --json; a progress line only on a
// terminal; SIGTERM mid-copy behaves like Cancel, and part files left by a killed process are
// swept by the next copy into that folder.
#include "files/pythoncode.h"
#include "stdlabprocess.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>
#include "scratchdir.h"
#include "treelisting.h"
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
    void operationsMatchPython_data();
    void operationsMatchPython();
    void moveAcrossFilesystemsMatchesPython_data();
    void moveAcrossFilesystemsMatchesPython();
    void nothingIsReplacedWithoutForce();
    void jsonSaysWhatWasDone();
    void dryRunPlansInJson();
    void dryRunOfAnUnreadableFileSaysWhatPythonWouldRaise();
    void sizeIsWhatTheShownPythonCounts();
    void progressLineOnlyOnATerminal();
    void renameBatchPreviewsThenRenamesAllOrNothing();
    void undoTakesBackWhatTheCommandsDid();
    void copyKeepsModeNotTimesLikeShutilCopy();
    void copytreeOptions();
    void verifyReadsEachCopyBack();
    void archiveAndUnpackSafely();
    void undoRemovesWhatArchiveAndUnpackMade();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
    void sigtermMidCopyLeavesNothingHalfWritten();
    void sigkillLeavesAPartFileTheNextCopySweeps();
    void sigtermMidMoveAcrossFilesystemsKeepsTheSource();

private:
    QString path(const QString &name) const { return m_base + '/' + name; }
    void write(const QString &name, const QByteArray &data, mode_t mode = 0644);
    void makeFixture();
    ProcessResult runIn(const QStringList &args, const QString &program = stdlabBinary(),
                        int timeoutMs = 60000);
    QStringList partFiles() const;

    std::unique_ptr<ScratchDir> m_dir;
    std::unique_ptr<ScratchDir> m_data; // XDG_DATA_HOME of the commands run
    QString m_base; // where path() and runIn() are: the scratch folder, or one of its twins
};

void tst_FilesCli::init()
{
    QVERIFY(!stdlabBinary().isEmpty());
    m_dir = std::make_unique<ScratchDir>();
    QVERIFY(m_dir->isValid());
    m_base = m_dir->path();
    // mkdir, move, copy... write the undo journal ($XDG_DATA_HOME/StdLab/stdlab): the tests'
    // operations go to a journal of their own, not to the user's.
    m_data = std::make_unique<ScratchDir>();
    QVERIFY(m_data->isValid());
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_data->path()));
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
    QVERIFY(QFile::link("fifo", path("to-fifo")));
    QVERIFY(QDir().mkpath(path("taken")));
    write("taken/file.txt", "taken");
    // Names that are symlinks, as destinations: shutil.copy opens them for writing, through.
    QVERIFY(QFile::link("file.txt", path("to-file")));
    QCOMPARE(::symlink("nowhere", QFile::encodeName(path("dangling")).constData()), 0);
    QCOMPARE(::symlink("nodir/x", QFile::encodeName(path("dangling-deep")).constData()), 0);
    QCOMPARE(::symlink("loop", QFile::encodeName(path("loop")).constData()), 0);
    QVERIFY(QDir().mkpath(path("over")));
    QCOMPARE(::symlink("../file.txt", QFile::encodeName(path("over/a.txt")).constData()), 0);
    QCOMPARE(::symlink("../existing", QFile::encodeName(path("over/sub")).constData()), 0);
    // Python sorts str by code point: U+E000 after the escaped byte U+DCE9 and before U+1F600
    // (UTF-16 puts U+1F600's surrogates before U+E000).
    QVERIFY(QDir().mkpath(path("names")));
    for (const QByteArray &name : {QByteArray("caf\xe9.txt"), QByteArray("caf\xc3\xa9.txt"),
                                  QByteArray("\xee\x80\x80"), QByteArray("\xf0\x9f\x98\x80"),
                                  QByteArray("B"), QByteArray("a"), QByteArray("a b"),
                                  QByteArray("x\xe9"), QByteArray("x\xee\x80\x80"),
                                  QByteArray("y\xf0\x9f\x98\x80"), QByteArray("y\xff")}) {
        const int fd = ::open(QByteArray(QFile::encodeName(path("names")) + '/' + name).constData(),
                              O_WRONLY | O_CREAT | O_EXCL, 0644);
        QVERIFY(fd >= 0);
        ::close(fd);
    }
}

ProcessResult tst_FilesCli::runIn(const QStringList &args, const QString &program, int timeoutMs)
{
    // Relative paths, as typed in a shell: the messages show them as given.
    const QString cwd = QDir::currentPath();
    QDir::setCurrent(m_base);
    const ProcessResult r = runProcess(args, {}, timeoutMs, program);
    QDir::setCurrent(cwd);
    return r;
}

QStringList tst_FilesCli::partFiles() const
{
    QStringList found;
    QDirIterator it(m_base, {".stdlab-*"}, QDir::Files | QDir::Hidden | QDir::System,
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

void tst_FilesCli::operationsMatchPython_data()
{
    QTest::addColumn<QStringList>("args"); // operation [options] paths; python gets the paths
    QTest::addColumn<QString>("python");    // the call, with p the paths and a, b the first two
    QTest::addColumn<int>("exitCode");
    const QString copy = "shutil.copy(a, b)";
    const QString tree = "shutil.copytree(a, b, symlinks=True)";
    const QString move = "shutil.move(a, b)";
    // rm: os.rmdir for a folder, os.remove for the rest; one call per path.
    const QString rm = "for x in p:\n    (os.rmdir if os.path.isdir(x) and not os.path.islink(x)"
                       " else os.remove)(x)";
    const QString rmtree = "for x in p:\n    (shutil.rmtree if os.path.isdir(x) and not "
                           "os.path.islink(x) else os.remove)(x)";
    const QString mkdir = "for x in p:\n    os.mkdir(x)";
    const QString makedirs = "for x in p:\n    os.makedirs(x, exist_ok=True)";
    const QString ls = "names = sorted(os.listdir(p[0] if p else '.'))\n"
                       "sys.stdout.buffer.write(b''.join(os.fsencode(n) + b'\\n' for n in names))";
    QTest::newRow("copy a file") << QStringList{"copy", "file.txt", "NEW.txt"} << copy << 0;
    QTest::newRow("copy into a folder") << QStringList{"copy", "file.txt", "existing"} << copy << 0;
    QTest::newRow("copy over a file, --force")
        << QStringList{"copy", "--force", "tree/a.txt", "file.txt"} << copy << 0;
    QTest::newRow("copy a missing file") << QStringList{"copy", "missing", "NEW"} << copy << 1;
    QTest::newRow("copy a folder") << QStringList{"copy", "tree", "NEW"} << copy << 1;
    QTest::newRow("copy into a missing folder")
        << QStringList{"copy", "file.txt", "nodir/x"} << copy << 1;
    QTest::newRow("copy onto itself, --force")
        << QStringList{"copy", "--force", "file.txt", "file.txt"} << copy << 1;
    QTest::newRow("copy a named pipe") << QStringList{"copy", "fifo", "NEW"} << copy << 1;
    // A named pipe as the destination: copyfile refuses it (it replaced the pipe before).
    QTest::newRow("copy over a named pipe, --force")
        << QStringList{"copy", "--force", "file.txt", "fifo"} << copy << 1;
    QTest::newRow("copy over a named pipe")
        << QStringList{"copy", "file.txt", "fifo"} << copy << 1;
    QTest::newRow("copy over a link to a named pipe, --force")
        << QStringList{"copy", "--force", "file.txt", "to-fifo"} << copy << 1;
    QTest::newRow("move over a named pipe, --force: os.rename replaces it")
        << QStringList{"move", "--force", "file.txt", "fifo"} << move << 0;
    // A destination that is a symlink: written through (the link stays), as open(dst, 'wb').
    QTest::newRow("copy over a link, --force: through it")
        << QStringList{"copy", "--force", "tree/a.txt", "to-file"} << copy << 0;
    QTest::newRow("copy over a link to the source, --force")
        << QStringList{"copy", "--force", "file.txt", "to-file"} << copy << 1;
    QTest::newRow("copy over a link to the source")
        << QStringList{"copy", "file.txt", "to-file"} << copy << 1;
    QTest::newRow("copy onto a dangling link") << QStringList{"copy", "file.txt", "dangling"}
                                               << copy << 0;
    QTest::newRow("copy onto a dangling link, --force")
        << QStringList{"copy", "--force", "file.txt", "dangling"} << copy << 0;
    QTest::newRow("copy onto a dangling link into a missing folder")
        << QStringList{"copy", "file.txt", "dangling-deep"} << copy << 1;
    QTest::newRow("copy onto a link to itself") << QStringList{"copy", "file.txt", "loop"}
                                                << copy << 1;
    QTest::newRow("copytree merging through links, --force")
        << QStringList{"copytree", "--dirs-exist-ok", "--force", "tree", "over"}
        << "shutil.copytree(a, b, symlinks=True, dirs_exist_ok=True)" << 0;
    QTest::newRow("move over a link, --force: the link is replaced (os.rename)")
        << QStringList{"move", "--force", "tree/a.txt", "to-file"} << move << 0;
    QTest::newRow("move onto a link to itself, --force: the link is replaced (os.rename)")
        << QStringList{"move", "--force", "file.txt", "to-file"} << move << 0;
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
    QTest::newRow("move a file") << QStringList{"move", "file.txt", "NEW.txt"} << move << 0;
    QTest::newRow("move a file into a folder")
        << QStringList{"move", "file.txt", "existing"} << move << 0;
    QTest::newRow("move a folder") << QStringList{"move", "tree", "NEW"} << move << 0;
    QTest::newRow("move a folder into a folder")
        << QStringList{"move", "tree", "existing/"} << move << 0;
    QTest::newRow("move a link") << QStringList{"move", "tree/link", "NEW"} << move << 0;
    QTest::newRow("move over a file, --force")
        << QStringList{"move", "--force", "tree/a.txt", "file.txt"} << move << 0;
    QTest::newRow("move onto a name the folder has")
        << QStringList{"move", "file.txt", "taken"} << move << 1;
    QTest::newRow("move a missing file") << QStringList{"move", "missing", "NEW"} << move << 1;
    QTest::newRow("move a folder into itself")
        << QStringList{"move", "tree", "tree/sub"} << move << 1;
    QTest::newRow("move a folder onto a file")
        << QStringList{"move", "tree", "file.txt"} << move << 1;
    QTest::newRow("move a folder onto itself") << QStringList{"move", "tree", "tree"} << move << 0;
    QTest::newRow("rm a file") << QStringList{"rm", "file.txt"} << rm << 0;
    QTest::newRow("rm a link, not what it points to")
        << QStringList{"rm", "tree/link"} << rm << 0;
    QTest::newRow("rm an empty folder") << QStringList{"rm", "existing"} << rm << 0;
    QTest::newRow("rm a folder that is not empty") << QStringList{"rm", "tree"} << rm << 1;
    QTest::newRow("rm a missing file") << QStringList{"rm", "missing"} << rm << 1;
    QTest::newRow("rm -r") << QStringList{"rm", "-r", "tree", "file.txt"} << rmtree << 0;
    QTest::newRow("rm -r of a missing folder") << QStringList{"rm", "-r", "missing"} << rmtree
                                               << 1;
    QTest::newRow("mkdir") << QStringList{"mkdir", "NEW"} << mkdir << 0;
    QTest::newRow("mkdir of two") << QStringList{"mkdir", "NEW", "NEW2"} << mkdir << 0;
    QTest::newRow("mkdir of an existing folder") << QStringList{"mkdir", "existing"} << mkdir << 1;
    QTest::newRow("mkdir without its parent") << QStringList{"mkdir", "NEW/x"} << mkdir << 1;
    QTest::newRow("mkdir -p") << QStringList{"mkdir", "-p", "NEW/x/y"} << makedirs << 0;
    QTest::newRow("mkdir -p of an existing folder")
        << QStringList{"mkdir", "-p", "existing"} << makedirs << 0;
    QTest::newRow("mkdir -p over a file") << QStringList{"mkdir", "-p", "file.txt"} << makedirs
                                          << 1;
    QTest::newRow("mkdir -p under a file")
        << QStringList{"mkdir", "-p", "file.txt/x"} << makedirs << 1;
    QTest::newRow("ls") << QStringList{"ls"} << ls << 0;
    QTest::newRow("ls of names in code point order") << QStringList{"ls", "names"} << ls << 0;
    QTest::newRow("ls of a missing folder") << QStringList{"ls", "missing"} << ls << 1;
    QTest::newRow("ls of a file") << QStringList{"ls", "file.txt"} << ls << 1;
}

void tst_FilesCli::operationsMatchPython()
{
    QFETCH(QStringList, args);
    QFETCH(QString, python);
    QFETCH(int, exitCode);
    // Twin fixtures: python3 acts in one, stdlab in the other, with the same relative paths;
    // then the same trees, the same stdout, the same last line on stderr, the same status.
    const QString root = m_dir->path();
    QStringList paths = args.mid(1);
    paths.erase(std::remove_if(paths.begin(), paths.end(),
                               [](const QString &a) { return a.startsWith('-'); }),
                paths.end());
    const QString script = "import os, shutil, sys\np = sys.argv[1:]\na, b = (p + [None, None])[:2]\n"
        + python + "\n";
    m_base = root + "/py";
    QVERIFY(QDir().mkpath(m_base));
    makeFixture();
    const ProcessResult py = runIn(QStringList{"-c", script} + paths, "python3");
    m_base = root + "/sl";
    QVERIFY(QDir().mkpath(m_base));
    makeFixture();
    const ProcessResult r = runIn(QStringList{"files"} + args);
    const QStringList pyLines = QString::fromUtf8(py.err).split('\n', Qt::SkipEmptyParts);
    if (args.first() == "copy" || args.first() == "copytree" || args.first() == "move") {
        // The plan (--dry-run) in a third twin foresees it: the same exit status, the same
        // error, and nothing changed.
        m_base = root + "/dry";
        QVERIFY(QDir().mkpath(m_base));
        makeFixture();
        const QStringList before = treeListing(m_base);
        const ProcessResult dry = runIn(QStringList{"files", args.first(), "--dry-run"}
                                        + args.mid(1));
        QCOMPARE(treeListing(m_base), before);
        QCOMPARE(dry.exitCode, exitCode);
        const QStringList lines = QString::fromUtf8(dry.err).split('\n', Qt::SkipEmptyParts);
        const bool planned = exitCode == 0 || lines.value(0) == "stdlab files: it would fail with:";
        // A refusal before the job (shutil's own checks) is printed as the run prints it, with
        // no plan; else the plan, and what it would fail with.
        QCOMPARE(dry.out.endsWith("nothing was changed (--dry-run)\n"), planned);
        if (exitCode != 0) {
            QCOMPARE(lines.value(planned ? 1 : 0), pyLines.value(pyLines.size() - 1));
        }
        QDir(m_base).removeRecursively();
        m_base = root + "/sl";
    }
    QCOMPARE(py.exitCode, exitCode);
    QCOMPARE(r.exitCode, exitCode);
    QCOMPARE(r.out, py.out);
    if (exitCode == 0) {
        QCOMPARE(QString::fromUtf8(r.err), QString());
    } else {
        QCOMPARE(QString::fromUtf8(r.err).split('\n', Qt::SkipEmptyParts).value(0),
                 pyLines.value(pyLines.size() - 1));
    }
    QCOMPARE(treeListing(root + "/sl"), treeListing(root + "/py"));
    QVERIFY(partFiles().isEmpty());
}

void tst_FilesCli::moveAcrossFilesystemsMatchesPython_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    // shm/ is on another filesystem: os.rename fails with EXDEV and shutil.move copies
    // (copy2 opens the destination for writing: through a symlink) or, for a link, calls
    // os.symlink (which never replaces).
    QTest::newRow("file over a link, --force: through it")
        << QStringList{"move", "--force", "shm/a.txt", "to-file"} << 0;
    QTest::newRow("file onto a dangling link: makes what it names")
        << QStringList{"move", "shm/a.txt", "dangling"} << 0;
    QTest::newRow("file onto a dangling link, --force")
        << QStringList{"move", "--force", "shm/a.txt", "dangling"} << 0;
    QTest::newRow("file onto a dangling link into a missing folder")
        << QStringList{"move", "shm/a.txt", "dangling-deep"} << 1;
    QTest::newRow("file onto a link to itself") << QStringList{"move", "shm/a.txt", "to-source"}
                                                << 1;
    QTest::newRow("file onto a link to itself, --force")
        << QStringList{"move", "--force", "shm/a.txt", "to-source"} << 1;
    QTest::newRow("file onto a link to a folder: into it")
        << QStringList{"move", "shm/a.txt", "to-dir"} << 0;
    QTest::newRow("file to a new name") << QStringList{"move", "shm/a.txt", "NEW"} << 0;
    QTest::newRow("file over a link to a named pipe, --force: copyfile refuses it")
        << QStringList{"move", "--force", "shm/a.txt", "to-fifo"} << 1;
    QTest::newRow("link to a new name") << QStringList{"move", "shm/link", "NEW"} << 0;
    QTest::newRow("link over a file, --force: os.symlink refuses")
        << QStringList{"move", "--force", "shm/link", "to-file"} << 1;
    QTest::newRow("link over a file") << QStringList{"move", "shm/link", "file.txt"} << 1;
    QTest::newRow("folder onto a link to a file, --force")
        << QStringList{"move", "--force", "shm/dir", "to-file"} << 1;
    QTest::newRow("folder onto a link to itself")
        << QStringList{"move", "shm/dir", "to-srcdir"} << 1;
    QTest::newRow("folder to a new name") << QStringList{"move", "shm/dir", "NEW"} << 0;
}

void tst_FilesCli::moveAcrossFilesystemsMatchesPython()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    // Twin fixtures as in operationsMatchPython, each with a folder shm/ that is a link to a
    // twin on /dev/shm (a tmpfs): the same relative paths, the same messages.
    ScratchDir other(QDir::cleanPath("/dev/shm/tst_filescli-XXXXXX"));
    struct stat here, there;
    if (!other.isValid() || ::stat(QFile::encodeName(m_dir->path()).constData(), &here) != 0
        || ::stat(QFile::encodeName(other.path()).constData(), &there) != 0
        || here.st_dev == there.st_dev) {
        QSKIP("needs a writable /dev/shm on another filesystem than the scratch folder");
    }
    const QString root = m_dir->path();
    QStringList paths = args.mid(1);
    paths.erase(std::remove_if(paths.begin(), paths.end(),
                               [](const QString &a) { return a.startsWith('-'); }),
                paths.end());
    const auto fixture = [&](const QString &twin) {
        m_base = root + '/' + twin;
        QVERIFY(QDir().mkpath(m_base));
        makeFixture();
        const QString far = other.path() + '/' + twin + "/shm";
        QVERIFY(QDir().mkpath(far + "/dir"));
        QVERIFY(QFile::link(far, path("shm")));
        write("shm/a.txt", "moved");
        write("shm/dir/x", "inner");
        QVERIFY(QFile::link("a.txt", path("shm/link")));
        QVERIFY(QFile::link("shm/a.txt", path("to-source")));
        QVERIFY(QFile::link("shm/dir", path("to-srcdir")));
        QVERIFY(QFile::link("existing", path("to-dir")));
    };
    fixture("py");
    const ProcessResult py = runIn(
        QStringList{"-c", "import shutil, sys\nshutil.move(sys.argv[1], sys.argv[2])\n"} + paths,
        "python3");
    fixture("sl");
    const QStringList before = treeListing(root + "/sl");
    const QStringList farBefore = treeListing(other.path() + "/sl");
    const ProcessResult r = runIn(QStringList{"files"} + args);
    const QStringList pyLines = QString::fromUtf8(py.err).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(py.exitCode, exitCode);
    QCOMPARE(r.exitCode, exitCode);
    if (exitCode == 0) {
        QCOMPARE(QString::fromUtf8(r.err), QString());
    } else {
        QCOMPARE(QString::fromUtf8(r.err).split('\n', Qt::SkipEmptyParts).value(0),
                 pyLines.value(pyLines.size() - 1));
    }
    QCOMPARE(treeListing(root + "/sl"), treeListing(root + "/py"));
    QCOMPARE(treeListing(other.path() + "/sl"), treeListing(other.path() + "/py"));
    QVERIFY(partFiles().isEmpty());
    QCOMPARE(QDir(other.path() + "/sl/shm").entryList({".stdlab-*"}, QDir::Files | QDir::Hidden),
             QStringList());
    if (exitCode == 0 && !args.contains("--force")) {
        // Undo brings it back across, from where it went (through a link: what it names).
        const ProcessResult u = runIn({"files", "undo"});
        QVERIFY2(u.exitCode == 0, u.err.constData());
        QCOMPARE(treeListing(root + "/sl"), before);
        QCOMPARE(treeListing(other.path() + "/sl"), farBefore);
    }
}

void tst_FilesCli::nothingIsReplacedWithoutForce()
{
    makeFixture();
    const QStringList before = treeListing(m_base);
    // shutil.copy and shutil.move would replace file.txt; here they say so and leave it.
    for (const QStringList &args : {QStringList{"copy", "tree/a.txt", "file.txt"},
                                    QStringList{"move", "tree/a.txt", "file.txt"},
                                    QStringList{"copy", "file.txt", "taken"},
                                    QStringList{"copy", "tree/a.txt", "to-file"}}) {
        const ProcessResult r = runIn(QStringList{"files"} + args);
        QCOMPARE(r.exitCode, 1);
        const QString target = args.at(2) == "taken" ? "taken/file.txt" : args.at(2);
        QCOMPARE(QString::fromUtf8(r.err),
                 "FileExistsError: [Errno 17] File exists: '" + target + "'\n"
                 "stdlab files: nothing was replaced: shutil." + args.at(0)
                     + " would replace it; give --force to do so\n");
        QCOMPARE(treeListing(m_base), before);
    }
    // copytree(dirs_exist_ok=True) replaces files too: every one it would is listed.
    QVERIFY(QDir().mkpath(path("tree2/sub")));
    write("tree2/a.txt", "other");
    write("tree2/sub/b.bin", "other b");
    write("tree2/new.txt", "new");
    const ProcessResult r = runIn({"files", "copytree", "--dirs-exist-ok", "tree2", "tree"});
    QCOMPARE(r.exitCode, 1);
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.startsWith("shutil.Error: ["), qPrintable(err)); // in the order of readdir()
    QVERIFY(err.contains("('tree2/a.txt', 'tree/a.txt', \"[Errno 17] File exists: "
                         "'tree/a.txt'\")"));
    QVERIFY(err.contains("('tree2/sub/b.bin', 'tree/sub/b.bin', \"[Errno 17] File exists: "
                         "'tree/sub/b.bin'\")"));
    QVERIFY(err.endsWith("\nstdlab files: nothing was replaced: shutil.copytree(dirs_exist_ok=True) "
                         "would replace it; give --force to do so\n"));
    QCOMPARE(QFile(path("tree/a.txt")).size(), 5);
    QVERIFY(QFileInfo::exists(path("tree/new.txt"))); // what replaces nothing was copied
    QCOMPARE(runIn({"files", "copytree", "--dirs-exist-ok", "--force", "tree2", "tree"}).exitCode,
             0);
    QFile a(path("tree/a.txt"));
    QVERIFY(a.open(QIODevice::ReadOnly));
    QCOMPARE(a.readAll(), QByteArray("other"));
}

void tst_FilesCli::dryRunPlansInJson()
{
    makeFixture();
    // copytree into a folder that has some of the names: merged, one file replaced (--force),
    // a link written through, nothing changed.
    QVERIFY(QDir().mkpath(path("dst/sub")));
    write("dst/a.txt", "old");
    const QStringList before = treeListing(m_base);
    ProcessResult r = runIn({"files", "copytree", "--dry-run", "--json", "--dirs-exist-ok",
                             "--force", "tree", "dst"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(treeListing(m_base), before);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value("dry_run").toBool(), true);
    QCOMPARE(o.value("call").toString(), QStringLiteral("shutil.copytree('tree', 'dst')"));
    QCOMPARE(o.value("files").toInt(), 3); // a.txt, link, sub/b.bin
    QCOMPARE(o.value("links").toInt(), 1);
    QCOMPARE(o.value("directories").toInt(), 2);
    QCOMPARE(o.value("bytes").toInt(), 5 + 100000);
    QCOMPARE(o.value("across_filesystems").toBool(), false);
    QCOMPARE(o.value("conflict_count").toInt(), 3);
    QCOMPARE(o.value("replaced_files").toInt(), 1);
    QCOMPARE(o.value("merged_folders").toInt(), 2);
    QStringList outcomes;
    for (const QJsonValue &c : o.value("conflicts").toArray()) {
        outcomes << c.toObject().value("target").toString() + ' '
                + c.toObject().value("outcome").toString();
    }
    outcomes.sort();
    QCOMPARE(outcomes, (QStringList{"dst merge", "dst/a.txt replace", "dst/sub merge"}));
    QVERIFY(o.value("errors").toArray().isEmpty());
    // The same in words.
    r = runIn({"files", "copytree", "--dry-run", "--dirs-exist-ok", "--force", "tree", "dst"});
    QCOMPARE(r.exitCode, 0);
    const QString text = QString::fromUtf8(r.out);
    QVERIFY2(text.startsWith("shutil.copytree('tree', 'dst') would copy 3 files (1 symlink), "
                             "2 folders, 100005 bytes\n  on the same filesystem\n"),
             qPrintable(text));
    QVERIFY2(text.contains("  replace      'dst/a.txt' (3 bytes there now)\n"), qPrintable(text));
    QVERIFY2(text.contains("  cannot be undone: 1 file replaced (the old contents are lost); "
                           "2 folders merged into (not undone as one step)\n"),
             qPrintable(text));
    QVERIFY(text.endsWith("nothing was changed (--dry-run)\n"));
    // A move on one filesystem is a rename; nothing is read.
    r = runIn({"files", "move", "--dry-run", "--json", "tree", "moved"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(r.out).object().value("renames").toInt(), 1);
    QVERIFY(QFileInfo::exists(path("tree/a.txt")) && !QFileInfo::exists(path("moved")));
}

void tst_FilesCli::dryRunOfAnUnreadableFileSaysWhatPythonWouldRaise()
{
    // Root reads a mode-000 file: run the dry run and python3 as "nobody" (setpriv).
    if (QStandardPaths::findExecutable("setpriv").isEmpty() && ::geteuid() == 0) {
        QSKIP("running as root, where chmod 000 denies nothing, and setpriv is missing");
    }
    QVERIFY(QDir().mkpath(path("src")));
    write("src/ok.txt", "fine", 0644);
    write("src/secret", "hidden", 0000);
    QVERIFY(QFile::link("ok.txt", path("src/link")));
    ::chmod(QFile::encodeName(m_base).constData(), 0777);
    ::chmod(QFile::encodeName(path("src")).constData(), 0755);
    QStringList prefix;
    QString program = stdlabBinary();
    if (::geteuid() == 0) {
        prefix = {"--reuid=65534", "--regid=65534", "--clear-groups", "--"};
    }
    const auto run = [&](const QString &exe, const QStringList &args) {
        if (prefix.isEmpty()) {
            return runIn(args, exe);
        }
        return runIn(prefix + QStringList{exe} + args, QStringLiteral("setpriv"));
    };
    const QStringList before = treeListing(m_base);
    const ProcessResult dry = run(program, {"files", "copytree", "--dry-run", "src", "dst"});
    QCOMPARE(treeListing(m_base), before);
    QCOMPARE(dry.exitCode, 1);
    QVERIFY2(dry.out.startsWith("shutil.copytree('src', 'dst') would copy 2 files (1 symlink), "
                                "1 folder, 4 bytes\n"),
             dry.out.constData());
    // root's python3 may live under /root (pyenv), which "nobody" cannot reach.
    const QString python = ::geteuid() == 0 && QFile::exists("/usr/bin/python3")
        ? QStringLiteral("/usr/bin/python3")
        : QStringLiteral("python3");
    const ProcessResult py = run(python, {"-c", "import shutil\nshutil.copytree('src', 'dst', "
                                                   "symlinks=True)"});
    QCOMPARE(py.exitCode, 1);
    const QStringList pyLines = QString::fromUtf8(py.err).split('\n', Qt::SkipEmptyParts);
    const QStringList lines = QString::fromUtf8(dry.err).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.value(0), QStringLiteral("stdlab files: it would fail with:"));
    QCOMPARE(lines.value(1), pyLines.last());
    QVERIFY2(lines.value(1).contains("[Errno 13] Permission denied: 'src/secret'"),
             qPrintable(lines.value(1)));
}

void tst_FilesCli::jsonSaysWhatWasDone()
{
    makeFixture();
    ProcessResult r = runIn({"files", "copy", "--json", "file.txt", "existing"});
    QCOMPARE(r.exitCode, 0);
    QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value("operation").toString(), "copy");
    QCOMPARE(o.value("ok").toBool(), true);
    QCOMPARE(o.value("files").toInt(), 1);
    QCOMPARE(o.value("bytes").toInt(), 8);
    QCOMPARE(o.value("targets").toArray(), QJsonArray{"existing/file.txt"});
    QCOMPARE(o.value("errors").toArray(), QJsonArray());

    r = runIn({"files", "rm", "--json", "tree", "missing", "file.txt"});
    QCOMPARE(r.exitCode, 1);
    o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value("ok").toBool(), false);
    QCOMPARE(o.value("files").toInt(), 1);
    const QJsonArray errors = o.value("errors").toArray();
    QCOMPARE(errors.size(), 2);
    QCOMPARE(errors.at(0).toObject().value("exception").toString(), "OSError");
    QCOMPARE(errors.at(0).toObject().value("errno").toInt(), 39);
    QCOMPARE(errors.at(0).toObject().value("message").toString(),
             "[Errno 39] Directory not empty: 'tree'");
    QCOMPARE(errors.at(1).toObject().value("exception").toString(), "FileNotFoundError");
    QCOMPARE(QString::fromUtf8(r.err),
             "OSError: [Errno 39] Directory not empty: 'tree'\n"
             "FileNotFoundError: [Errno 2] No such file or directory: 'missing'\n");

    r = runIn({"files", "mkdir", "--json", "-p", "x/y"});
    QCOMPARE(QJsonDocument::fromJson(r.out).object().value("targets").toArray(), QJsonArray{"x/y"});
    // Journaled where init() pointed XDG_DATA_HOME, not in the user's data folder.
    QVERIFY(QFileInfo::exists(m_data->filePath("StdLab/stdlab/files-journal.json")));

    // ls --json: what os.lstat() and stat.filemode() say of each entry.
    r = runIn({"files", "ls", "--json", "tree"});
    QCOMPARE(r.exitCode, 0);
    const QString script =
        "import json, os, stat, sys\nd = sys.argv[1]\nout = []\n"
        "for n in sorted(os.listdir(d)):\n"
        "    st = os.lstat(os.path.join(d, n))\n"
        "    e = {'name': n, 'size': st.st_size, 'mode': stat.filemode(st.st_mode),\n"
        "         'mtime': st.st_mtime_ns}\n"
        "    if stat.S_ISLNK(st.st_mode): e['target'] = os.readlink(os.path.join(d, n))\n"
        "    out.append(e)\n"
        "print(json.dumps(out))\n";
    const ProcessResult py = runIn({"-c", script, "tree"}, "python3");
    const QJsonArray expected = QJsonDocument::fromJson(py.out).array();
    const QJsonArray entries = QJsonDocument::fromJson(r.out).object().value("entries").toArray();
    QCOMPARE(entries.size(), expected.size());
    QCOMPARE(entries.size(), 3);
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonObject e = entries.at(i).toObject();
        const QJsonObject x = expected.at(i).toObject();
        QCOMPARE(e.value("name"), x.value("name"));
        QCOMPARE(e.value("size"), x.value("size"));
        QCOMPARE(e.value("mode"), x.value("mode"));
        QCOMPARE(e.value("target"), x.value("target"));
        QVERIFY(qAbs(e.value("mtime").toDouble() * 1e9 - x.value("mtime").toDouble()) < 1e3);
    }
    QCOMPARE(entries.at(1).toObject().value("type").toString(), "symlink");
    QCOMPARE(entries.at(2).toObject().value("type").toString(), "directory");
}

void tst_FilesCli::sizeIsWhatTheShownPythonCounts()
{
    makeFixture();
    QCOMPARE(::link(QFile::encodeName(path("tree/a.txt")).constData(),
                    QFile::encodeName(path("tree/sub/hard")).constData()),
             0);
    for (const QString p : {"tree", "file.txt", "tree/link", "names"}) {
        const ProcessResult r = runIn({"files", "size", "--json", p});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).array().first().toObject();
        const ProcessResult py = runIn(
            {"-c", stdlab::files::python::program(stdlab::files::python::diskUsage({p}))},
            "python3");
        QCOMPARE(py.exitCode, 0);
        QCOMPARE(QString::fromUtf8(py.out).trimmed(),
                 QString("%1 %2 %3").arg(o.value("files").toInt()).arg(o.value("folders").toInt())
                     .arg(o.value("bytes").toInteger()));
        const ProcessResult plain = runIn({"files", "size", p});
        QCOMPARE(QString::fromUtf8(plain.out),
                 QString("%1  %2\n").arg(o.value("bytes").toInteger()).arg(p));
    }
    const ProcessResult r = runIn({"files", "size", "missing", "file.txt"});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(QString::fromUtf8(r.out), "8  file.txt\n");
    QCOMPARE(QString::fromUtf8(r.err),
             "FileNotFoundError: [Errno 2] No such file or directory: 'missing'\n");
}

void tst_FilesCli::progressLineOnlyOnATerminal()
{
    write("big.bin", QByteArray(6 * 1024 * 1024, 'p'));
    QVERIFY(QDir().mkpath(path("out")));
    QVERIFY(QDir().mkpath(path("out2")));
    // On a pipe (every other test), nothing but errors on stderr.
    const QStringList copy = {"files", "copy", "--bwlimit", "8000000", "big.bin"};
    ProcessResult r = runIn(copy + QStringList{"out"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.err, QByteArray());
    // On a terminal (a pty from python3's pty module), a line rewritten in place.
    const QString script =
        "import os, pty, sys\npid, fd = pty.fork()\nif pid == 0:\n"
        "    os.execv(sys.argv[1], sys.argv[1:])\nout = b''\nwhile True:\n"
        "    try:\n        data = os.read(fd, 65536)\n    except OSError:\n        break\n"
        "    if not data:\n        break\n    out += data\n"
        "_, status = os.waitpid(pid, 0)\nsys.stdout.buffer.write(out)\n"
        "sys.exit(os.waitstatus_to_exitcode(status))\n";
    r = runIn(QStringList{"-c", script, stdlabBinary()} + copy + QStringList{"out2"}, "python3");
    QCOMPARE(r.exitCode, 0);
    const QString tty = QString::fromUtf8(r.out);
    QVERIFY2(tty.contains(QRegularExpression("\\rcopy: 0 of 1 files, [0-9.]+ MiB of 6.0 MiB "
                                             "\\([0-9]+%\\)")),
             qPrintable(tty));
    QVERIFY2(tty.endsWith("\r\x1b[K"), qPrintable(tty)); // the line is wiped at the end
    QCOMPARE(QFile(path("out2/big.bin")).size(), 6 * 1024 * 1024);
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
    QCOMPARE(treeListing(path("existing")), treeListing(path("tree")));
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

void tst_FilesCli::renameBatchPreviewsThenRenamesAllOrNothing()
{
    write("IMG_1.jpg", "1");
    write("IMG_22.JPG", "22");
    write("notes.txt", "n");
    write("x1", "x1");
    write("x", "x");
    const QStringList photos = {"IMG_1.jpg", "IMG_22.JPG", "notes.txt"};
    // --dry-run: every name, old -> new, and nothing renamed.
    ProcessResult r = runIn(QStringList{"files", "rename-batch", "--dry-run", "--flags", "i",
                                        R"(^img_(\d+)\.jpe?g$)", R"(photo-\1.jpg)"}
                            + photos);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QString::fromUtf8(r.out), "'IMG_1.jpg' -> 'photo-1.jpg'\n"
                                       "'IMG_22.JPG' -> 'photo-22.jpg'\n"
                                       "'notes.txt' unchanged\n");
    QCOMPARE(r.err, QByteArray());
    QVERIFY(QFileInfo::exists(path("IMG_1.jpg")));
    // --json of the same preview.
    r = runIn(QStringList{"files", "rename-batch", "--dry-run", "--json", "--flags", "i",
                          R"(^img_(\d+)\.jpe?g$)", R"(photo-\1.jpg)"}
              + photos);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value("dry_run").toBool(), true);
    QCOMPARE(o.value("renamed").toInt(), 0);
    const QJsonArray items = o.value("items").toArray();
    QCOMPARE(items.size(), 3);
    QCOMPARE(items.at(1).toObject().value("new").toString(), "photo-22.jpg");
    QCOMPARE(items.at(2).toObject().value("changes").toBool(), false);
    QCOMPARE(items.at(2).toObject().value("status").toString(), "ok");
    // Applied: the renames only, as the Python code shown prints them.
    r = runIn(QStringList{"files", "rename-batch", "--flags", "i", R"(^img_(\d+)\.jpe?g$)",
                          R"(photo-\1.jpg)"}
              + photos);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QString::fromUtf8(r.out), "'IMG_1.jpg' -> 'photo-1.jpg'\n"
                                       "'IMG_22.JPG' -> 'photo-22.jpg'\n");
    QFile renamed(path("photo-22.jpg"));
    QVERIFY(renamed.open(QIODevice::ReadOnly));
    QCOMPARE(renamed.readAll(), QByteArray("22"));
    // A collision stops everything: x1 -> x while x stays.
    r = runIn({"files", "rename-batch", R"(\d)", "", "x1", "photo-1.jpg"});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(QString::fromUtf8(r.out), "'x1' -> 'x'  ! a file that stays has this name\n"
                                       "'photo-1.jpg' -> 'photo-.jpg'\n");
    QCOMPARE(QString::fromUtf8(r.err), "stdlab files: nothing was renamed: 1 name cannot be "
                                       "used\n");
    QVERIFY(QFileInfo::exists(path("x1")));
    QVERIFY(QFileInfo::exists(path("photo-1.jpg")));
    // The pattern's error is re's; bad flags are a usage error.
    r = runIn({"files", "rename-batch", "(", "", "x1"});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(QString::fromUtf8(r.err),
             "re.error: missing ), unterminated subpattern at position 0\n");
    r = runIn({"files", "rename-batch", "--flags", "q", "a", "b", "x1"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.startsWith("stdlab files: --flags: "));
}

void tst_FilesCli::undoTakesBackWhatTheCommandsDid()
{
    // The journal lives in $XDG_DATA_HOME/StdLab/stdlab (and the trash in $XDG_DATA_HOME).
    ScratchDir data;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("XDG_DATA_HOME", data.path());
    const auto run = [&](const QStringList &args) {
        const QString cwd = QDir::currentPath();
        QDir::setCurrent(m_base);
        const ProcessResult r = runProcess(QStringList{"files"} + args, {}, 60000,
                                           stdlabBinary(), env);
        QDir::setCurrent(cwd);
        return r;
    };
    write("a1.txt", "a1");
    write("doc.txt", "doc");
    QCOMPARE(run({"mkdir", "-p", "x/y"}).exitCode, 0);
    QCOMPARE(run({"rename-batch", "a(\\d)", "b\\1", "a1.txt"}).exitCode, 0);
    QCOMPARE(run({"rm", "--trash", "doc.txt"}).exitCode, 0);
    QCOMPARE(run({"move", "b1.txt", "x"}).exitCode, 0);
    ProcessResult r = run({"undo", "--list"});
    QCOMPARE(r.exitCode, 0);
    QStringList lines = QString::fromUtf8(r.out).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QVERIFY2(lines.at(0).startsWith("> 4  ")
                 && lines.at(0).endsWith("  rename  shutil.move('b1.txt', 'x')"),
             qPrintable(lines.at(0)));
    QVERIFY(lines.at(1).endsWith("  trash  send2trash('doc.txt')"));
    QVERIFY(lines.at(3).endsWith("  create  os.makedirs('x/y', exist_ok=True)"));
    r = run({"undo"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QString::fromUtf8(r.out), "undone: shutil.move('b1.txt', 'x')\n");
    QVERIFY(QFileInfo::exists(path("b1.txt")));
    QCOMPARE(run({"undo"}).exitCode, 0); // the trash: doc.txt comes back
    QFile doc(path("doc.txt"));
    QVERIFY(doc.open(QIODevice::ReadOnly));
    QCOMPARE(doc.readAll(), QByteArray("doc"));
    QCOMPARE(run({"undo"}).exitCode, 0);
    QVERIFY(QFileInfo::exists(path("a1.txt")));
    // x/y holds nothing: it goes; with something inside it would stay.
    write("x/y/keep", "k");
    r = run({"undo"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("it holds what was added since"), r.err.constData());
    QVERIFY(QFile::remove(path("x/y/keep")));
    QCOMPARE(run({"undo"}).exitCode, 0);
    QVERIFY(!QFileInfo::exists(path("x")));
    r = run({"undo"});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(QString::fromUtf8(r.err), "stdlab files: cannot undo: Nothing to undo.\n");
    r = run({"undo", "--redo", "--json"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(r.out).object().value("title").toString(),
             "os.makedirs('x/y', exist_ok=True)");
    QVERIFY(QFileInfo(path("x/y")).isDir());
    // A copy is undone only while unchanged.
    QCOMPARE(run({"copy", "doc.txt", "c.txt"}).exitCode, 0);
    write("c.txt", "changed");
    r = run({"undo"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.startsWith("stdlab files: cannot undo shutil.copy('doc.txt', 'c.txt'): '"),
             r.err.constData());
    QVERIFY(r.err.endsWith("c.txt' changed since it was copied: its size changed (3 -> 7 "
                           "bytes). It was kept; nothing was undone.\n"));
    QVERIFY(QFileInfo::exists(path("c.txt")));
    QCOMPARE(run({"copy", "doc.txt", "d.txt"}).exitCode, 0);
    QCOMPARE(run({"undo"}).exitCode, 0);
    QVERIFY(!QFileInfo::exists(path("d.txt")));
    // A copy through a dangling link made the file it names: undo removes that file and leaves
    // the link as it was.
    QCOMPARE(::symlink("made.txt", QFile::encodeName(path("via")).constData()), 0);
    r = run({"copy", "doc.txt", "via"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(QFileInfo(path("made.txt")).isFile());
    QCOMPARE(run({"undo"}).exitCode, 0);
    QVERIFY(!QFileInfo::exists(path("made.txt")));
    QCOMPARE(QFileInfo(path("via")).symLinkTarget(), path("made.txt"));
}

void tst_FilesCli::verifyReadsEachCopyBack()
{
    makeFixture();
    ProcessResult r = runIn({"files", "copy", "--verify", "--json", "tree/sub/b.bin", "b.bin"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(r.out).object().value("verified").toInt(), 1);
    r = runIn({"files", "copytree", "--verify", "--json", "tree", "tree2"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(r.out).object().value("verified").toInt(), 2);
    QCOMPARE(treeListing(path("tree2")), treeListing(path("tree")));
    // Without --verify nothing is read back.
    r = runIn({"files", "copy", "--json", "tree/sub/b.bin", "b2.bin"});
    QCOMPARE(QJsonDocument::fromJson(r.out).object().value("verified").toInt(), 0);

    // The fault injection flips one byte of each copy before it is read back.
    qputenv("STDLAB_TEST_CORRUPT_VERIFIED_COPY", "1");
    r = runIn({"files", "copy", "--verify", "tree/sub/b.bin", "c.bin"});
    QCOMPARE(r.exitCode, 1);
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.startsWith("shutil.Error: The copy of 'tree/sub/b.bin' read back differs from "
                            "the source (BLAKE2b "),
             qPrintable(err));
    QVERIFY(!QFileInfo::exists(path("c.bin")));
    r = runIn({"files", "copytree", "--verify", "tree", "tree3"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.startsWith("shutil.Error: [('tree/"), r.err.constData());
    QCOMPARE(r.err.count("read back differs"), 2);
    QVERIFY(!QFileInfo::exists(path("tree3/a.txt")));
    QVERIFY(!QFileInfo::exists(path("tree3/sub/b.bin")));
    QVERIFY(QFileInfo(path("tree3/link")).isSymLink()); // links are not data
    // A move across filesystems keeps its source when the copy does not read back the same.
    ScratchDir other(QDir::cleanPath("/dev/shm/tst_filescli-XXXXXX"));
    struct stat here, there;
    if (other.isValid() && ::stat(QFile::encodeName(m_base).constData(), &here) == 0
        && ::stat(QFile::encodeName(other.path()).constData(), &there) == 0
        && here.st_dev != there.st_dev) {
        r = runIn({"files", "move", "--verify", "file.txt", other.path()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("read back differs"), r.err.constData());
        QVERIFY(QFileInfo::exists(path("file.txt")));
        QCOMPARE(QDir(other.path()).entryList(QDir::AllEntries | QDir::Hidden
                                              | QDir::NoDotAndDotDot),
                 QStringList());
    }
    qunsetenv("STDLAB_TEST_CORRUPT_VERIFIED_COPY");
    QVERIFY(partFiles().isEmpty());
}

void tst_FilesCli::archiveAndUnpackSafely()
{
    makeFixture();
    // print(shutil.make_archive(...)): the absolute path; python3's tarfile reads it.
    ProcessResult r = runIn({"files", "archive", "gztar", "out", "tree"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QString::fromUtf8(r.out), path("out.tar.gz") + "\n");
    const ProcessResult names = runIn(
        {"-c", "import tarfile\nprint(sorted(tarfile.open('out.tar.gz').getnames()))"},
        "python3");
    QCOMPARE(QString::fromUtf8(names.out),
             "['.', './a.txt', './link', './sub', './sub/b.bin']\n");
    r = runIn({"files", "archive", "gztar", "out", "tree"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.endsWith("shutil.make_archive would replace it; give --force to do so\n"));
    QCOMPARE(runIn({"files", "archive", "--force", "gztar", "out", "tree"}).exitCode, 0);
    r = runIn({"files", "unpack", "out.tar.gz", "back"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(treeListing(path("back")), treeListing(path("tree")));
    // A tar made by python3 with a member that climbs out and a setuid file.
    QCOMPARE(runIn({"-c", "import io, tarfile\n"
                          "with tarfile.open('evil.tar', 'w') as t:\n"
                          "    i = tarfile.TarInfo('../escaped'); t.addfile(i, io.BytesIO())\n"
                          "    i = tarfile.TarInfo('s'); i.mode = 0o4755; i.size = 1\n"
                          "    t.addfile(i, io.BytesIO(b'x'))\n"},
                   "python3")
                 .exitCode,
             0);
    r = runIn({"files", "unpack", "evil.tar", "d"});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(QString::fromUtf8(r.out), "mode limited: 's' 0o4755 -> 0o755\n");
    QCOMPARE(QString::fromUtf8(r.err),
             "tarfile.OutsideDestinationError: '../escaped' would be extracted to '"
                 + path("escaped") + "', which is outside the destination\n"
                 "stdlab files: 1 member was not extracted; the others were\n");
    QVERIFY(!QFileInfo::exists(path("escaped")));
    QVERIFY(QFileInfo(path("d/s")).isFile());
    r = runIn({"files", "archive", "rar", "x", "tree"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.startsWith("stdlab files: unknown archive format 'rar' (use zip|tar|gztar|"));
    QVERIFY(partFiles().isEmpty());
}

void tst_FilesCli::undoRemovesWhatArchiveAndUnpackMade()
{
    makeFixture();
    QCOMPARE(runIn({"files", "archive", "zip", "out", "tree"}).exitCode, 0);
    QVERIFY(QDir().mkpath(path("back")));
    write("back/mine.txt", "mine");
    QCOMPARE(runIn({"files", "unpack", "out.zip", "back"}).exitCode, 0);
    QVERIFY(QFileInfo(path("back/a.txt")).isFile());
    ProcessResult r = runIn({"files", "undo"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // What the unpack made goes; what was in the folder stays.
    QCOMPARE(QDir(path("back")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System),
             QStringList{"mine.txt"});
    r = runIn({"files", "undo"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(!QFileInfo::exists(path("out.zip")));
    QVERIFY(QFileInfo(path("tree/a.txt")).isFile());
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
        << "copy takes no --dirs-exist-ok";
    QTest::newRow("--force on rm") << QStringList{"files", "rm", "--force", "a"}
                                   << "rm takes no --force";
    QTest::newRow("-p on rm") << QStringList{"files", "rm", "-p", "a"} << "rm takes no --parents";
    QTest::newRow("ls of two paths")
        << QStringList{"files", "ls", "a", "b"} << "ls takes [PATH] (got 2 arguments)";
    QTest::newRow("rename-batch without a path")
        << QStringList{"files", "rename-batch", "a", "b"}
        << "rename-batch takes PATTERN, REPL and PATH... (got 2 arguments)";
    QTest::newRow("--flags on copy")
        << QStringList{"files", "copy", "--flags", "i", "a", "b"} << "copy takes no --flags";
    QTest::newRow("rm of nothing") << QStringList{"files", "rm"} << "rm takes PATH... (got 0 arguments)";
    QTest::newRow("mkdir of nothing")
        << QStringList{"files", "mkdir", "-p"} << "mkdir takes PATH... (got 0 arguments)";
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

void tst_FilesCli::sigtermMidMoveAcrossFilesystemsKeepsTheSource()
{
    // /dev/shm is a tmpfs: a move there copies, then deletes the source only once the copy is
    // complete and on disk. Stopped in the middle, the source stays whole and no part is left.
    ScratchDir other(QDir::cleanPath("/dev/shm/tst_filescli-XXXXXX"));
    struct stat here, there;
    if (!other.isValid() || ::stat(QFile::encodeName(m_base).constData(), &here) != 0
        || ::stat(QFile::encodeName(other.path()).constData(), &there) != 0
        || here.st_dev == there.st_dev) {
        QSKIP("needs a writable /dev/shm on another filesystem than the scratch folder");
    }
    const QByteArray data(32 * 1024 * 1024, 'm');
    write("big.bin", data);
    QProcess p;
    p.setWorkingDirectory(m_base);
    p.start(stdlabBinary(), {"files", "move", "--bwlimit", "20000000", "big.bin", other.path()});
    QVERIFY(p.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(!QDir(other.path()).entryList({".stdlab-*"}, QDir::Files |
                                                               QDir::Hidden).isEmpty(),
                             10000);
    QCOMPARE(::kill(pid_t(p.processId()), SIGTERM), 0);
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 1);
    QVERIFY(p.readAllStandardError().contains("cancelled"));
    QCOMPARE(QDir(other.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList());
    QFile source(path("big.bin"));
    QVERIFY(source.open(QIODevice::ReadOnly));
    QVERIFY(source.readAll() == data);
}

QTEST_GUILESS_MAIN(tst_FilesCli)
#include "tst_filescli.moc"

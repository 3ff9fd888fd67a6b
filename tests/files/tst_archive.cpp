// shutil.make_archive / shutil.unpack_archive(filter="data") on libarchive, against python3:
// our archives read by zipfile/tarfile hold what Python's own hold; Python's archives unpacked
// by us give Python's tree; malicious tar and zip fixtures made by python3 in the test (../,
// absolute paths, symlink and hard-link escapes, devices, setuid bits) write nothing outside the
// destination and are refused with tarfile's exceptions and messages.
#include "files/archive.h"

#include "scratchdir.h"
#include "treelisting.h"

#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace stdlab::files;

class tst_Archive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void archivesReadByPythonHoldWhatPythonsHold_data();
    void archivesReadByPythonHoldWhatPythonsHold();
    void pythonArchivesUnpackAsPythonUnpacksThem_data();
    void pythonArchivesUnpackAsPythonUnpacksThem();
    void maliciousTarWritesNothingOutside();
    void zipSlipWritesNothingOutside();
    void existingFilesAreNotReplaced();
    void zipLinkEntriesAreFilesHoldingTheLinkText();
    void oneItemIsArchivedAsMakeArchiveWithBaseDir_data();
    void oneItemIsArchivedAsMakeArchiveWithBaseDir();
    void thePlanSaysWhatUnpackWillDo();
    void aCancelledUnpackLeavesNothing();
    void createdListsWhatTheUnpackMade();
    void aNameTwiceIsTheLastMember_data();
    void aNameTwiceIsTheLastMember();
    void membersOfOneNameLandAsTarfileLandsThem();
    void hardLinksAmongMembersOfOneName_data();
    void hardLinksAmongMembersOfOneName();
    void badInputSaysWhy();

private:
    QString path(const QString &name) const { return m_dir->path() + '/' + name; }
    void write(const QString &name, const QByteArray &data, mode_t mode = 0644);
    void makeRoot(const QString &root);
    QString python(const QString &script, const QStringList &args = {});

    std::unique_ptr<ScratchDir> m_dir;
};

void tst_Archive::init()
{
    m_dir = std::make_unique<ScratchDir>();
    QVERIFY(m_dir->isValid());
}

void tst_Archive::write(const QString &name, const QByteArray &data, mode_t mode)
{
    QFile f(path(name));
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(data), data.size());
    f.close();
    QCOMPARE(::chmod(QFile::encodeName(path(name)).constData(), mode), 0);
}

void tst_Archive::makeRoot(const QString &root)
{
    QVERIFY(QDir().mkpath(path(root + "/sub/deeper")));
    QVERIFY(QDir().mkpath(path(root + "/empty")));
    write(root + "/a.txt", "alpha\n", 0640);
    write(root + "/run.sh", "#!/bin/sh\necho hi\n", 0755);
    write(root + "/sub/b.bin", QByteArray(300000, 'b'), 0600);
    write(root + "/sub/deeper/ñandú.txt", "ñ", 0644);
    write(root + "/zero", "", 0644);
    QVERIFY(QFile::link("a.txt", path(root + "/link")));
}

/// Runs @p script in python3 (cwd: the scratch folder); returns stdout, fails on stderr.
QString tst_Archive::python(const QString &script, const QStringList &args)
{
    QProcess py;
    py.setWorkingDirectory(m_dir->path());
    py.start("python3", QStringList{"-c", script} + args);
    if (!py.waitForFinished(60000)) {
        return "python3 did not finish";
    }
    const QByteArray err = py.readAllStandardError();
    if (!err.isEmpty()) {
        return "stderr: " + QString::fromUtf8(err);
    }
    return QString::fromUtf8(py.readAllStandardOutput());
}

// What zipfile / tarfile read: one line per member, sorted (order differs: tarfile.add sorts,
// zipfile follows os.walk).
static const char *const kListMembers = R"(
import sys, tarfile, zipfile, hashlib
name = sys.argv[1]
lines = []
if name.endswith('.zip'):
    with zipfile.ZipFile(name) as z:
        for i in z.infolist():
            data = z.read(i)
            lines.append('%s %o %d %s' % (i.filename, i.external_attr >> 16, len(data),
                                          hashlib.sha256(data).hexdigest()[:12]))
else:
    with tarfile.open(name) as t:
        for m in t:
            data = t.extractfile(m).read() if m.isreg() else b''
            lines.append('%s %s %o %d %s %s' % (m.name, m.type.decode(), m.mode, m.size,
                                                m.linkname, hashlib.sha256(data).hexdigest()[:12]))
print('\n'.join(sorted(lines)))
)";

void tst_Archive::archivesReadByPythonHoldWhatPythonsHold_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("extension");
    QTest::newRow("zip") << "zip" << ".zip";
    QTest::newRow("tar") << "tar" << ".tar";
    QTest::newRow("gztar") << "gztar" << ".tar.gz";
    QTest::newRow("bztar") << "bztar" << ".tar.bz2";
    QTest::newRow("xztar") << "xztar" << ".tar.xz";
}

void tst_Archive::archivesReadByPythonHoldWhatPythonsHold()
{
    QFETCH(QString, format);
    QFETCH(QString, extension);
    makeRoot("root");
    const ArchiveResult r = makeArchive(format, path("ours"), path("root"));
    QVERIFY2(r.ok(), qPrintable(r.message));
    QCOMPARE(r.path, path("ours") + extension);
    QCOMPARE(r.files, 6); // zip follows the link: a file; tar keeps it
    QCOMPARE(python("import shutil, sys\nprint(shutil.make_archive('theirs', sys.argv[1], 'root'))",
                    {format}),
             path("theirs") + extension + "\n");
    const QString ours = python(kListMembers, {"ours" + extension});
    const QString theirs = python(kListMembers, {"theirs" + extension});
    QVERIFY2(ours.count('\n') >= 8, qPrintable(ours));
    QCOMPARE(ours, theirs);
    QCOMPARE(QDir(m_dir->path()).entryList({".stdlab-*"}, QDir::Files | QDir::Hidden), {});
}

void tst_Archive::pythonArchivesUnpackAsPythonUnpacksThem_data()
{
    archivesReadByPythonHoldWhatPythonsHold_data();
}

void tst_Archive::pythonArchivesUnpackAsPythonUnpacksThem()
{
    QFETCH(QString, format);
    QFETCH(QString, extension);
    makeRoot("root");
    QCOMPARE(python("import shutil, sys\n"
                    "a = shutil.make_archive('theirs', sys.argv[1], 'root')\n"
                    "shutil.unpack_archive(a, 'py', **({} if a.endswith('.zip') else "
                    "{'filter': 'data'}))",
                    {format}),
             QString());
    const UnpackResult r = unpackArchive(path("theirs") + extension, path("sl"));
    QVERIFY2(r.ok(), qPrintable(r.message));
    QCOMPARE(r.refused.size(), 0);
    QStringList ours = treeListing(path("sl"));
    QStringList theirs = treeListing(path("py"));
    if (format == "zip") {
        // shutil's own zip unpacking writes every file 0o644 (zipfile keeps no mode); ours
        // keeps the archive's modes as the data filter limits them: compare without modes.
        static const QRegularExpression mode(" [0-7]+");
        for (QStringList *l : {&ours, &theirs}) {
            for (QString &line : *l) {
                line.replace(mode, QString());
            }
        }
    }
    QVERIFY(ours.size() >= 8);
    QCOMPARE(ours, theirs);
}

// Every member extracted on its own with filter='data': tarfile raises at the first bad member
// of extractall(); the engine refuses each bad member and goes on, as this loop does.
static const char *const kExtractEach = R"(
import sys, tarfile
with tarfile.open(sys.argv[1]) as t:
    for m in t.getmembers():
        try:
            t.extract(m, sys.argv[2], filter='data')
        except tarfile.FilterError as e:
            print('tarfile.%s: %s' % (type(e).__name__, e))
)";

void tst_Archive::maliciousTarWritesNothingOutside()
{
    // In twin folders (py/ and sl/) so the resolved paths in the messages line up.
    for (const QString &twin : {QStringLiteral("py"), QStringLiteral("sl")}) {
        QVERIFY(QDir().mkpath(path(twin)));
        QCOMPARE(python(R"(
import io, sys, tarfile
def add(t, name, type=tarfile.REGTYPE, data=b'x', mode=0o644, link=''):
    i = tarfile.TarInfo(name)
    i.type, i.mode, i.linkname, i.uname = type, mode, link, 'someone'
    i.size = len(data) if type == tarfile.REGTYPE else 0
    t.addfile(i, io.BytesIO(data) if type == tarfile.REGTYPE else None)
with tarfile.open(sys.argv[1], 'w:gz') as t:
    add(t, 'good.txt', data=b'good')
    add(t, '../evil.txt')
    add(t, 'sub/../../evil2.txt')
    add(t, '/abs.txt', data=b'absolute, stripped')
    add(t, 'abs-link', tarfile.SYMTYPE, link='/etc/passwd')
    add(t, 'up', tarfile.SYMTYPE, link='../..')
    add(t, 'inside', tarfile.SYMTYPE, link='good.txt')
    add(t, 'dirlink', tarfile.SYMTYPE, link='.')
    add(t, 'dirlink/via-link.txt', data=b'inside, through a link')
    add(t, 'esc', tarfile.SYMTYPE, link='..')
    add(t, 'hard', tarfile.LNKTYPE, link='../outside.txt')
    add(t, 'hard-ok', tarfile.LNKTYPE, link='good.txt')
    add(t, 'pipe', tarfile.FIFOTYPE)
    add(t, 'dev', tarfile.CHRTYPE)
    add(t, 'suid', data=b'#!/bin/sh', mode=0o4755)
    add(t, 'world-writable', mode=0o666)
    add(t, 'no-exec-for-owner', mode=0o617)
)",
                        {twin + "/evil.tar.gz"}),
                 QString());
    }
    write("py/outside.txt", "outside");
    write("sl/outside.txt", "outside");
    const QString py = python(kExtractEach, {"py/evil.tar.gz", "py/d"});
    const UnpackResult r = unpackArchive(path("sl/evil.tar.gz"), path("sl/d"));
    QVERIFY2(r.exception.isEmpty(), qPrintable(r.message));
    QStringList ours;
    for (const Refusal &why : r.refused) {
        ours << why.exception + ": " + why.message;
    }
    QCOMPARE(ours.join('\n') + '\n', QString(py).replace(path("py"), path("sl")));
    QCOMPARE(r.refused.size(), 8);
    QCOMPARE(treeListing(path("sl/d")), treeListing(path("py/d")));
    // Nothing next to d/ but what the test put there.
    QCOMPARE(QDir(path("sl")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList({"d", "evil.tar.gz", "outside.txt"}));
    QFile outside(path("sl/outside.txt"));
    QVERIFY(outside.open(QIODevice::ReadOnly));
    QCOMPARE(outside.readAll(), QByteArray("outside"));
    QVERIFY(QFileInfo(path("sl/d/abs.txt")).isFile());
    QCOMPARE(QFileInfo(path("sl/d/suid")).permissions() & QFile::ExeOwner, QFile::ExeOwner);
    struct stat st;
    QCOMPARE(::stat(QFile::encodeName(path("sl/d/suid")).constData(), &st), 0);
    QCOMPARE(st.st_mode & 07777, mode_t(0755)); // setuid stripped
    QVERIFY(r.neutralised.contains("'suid' 0o4755 -> 0o755"));
    QVERIFY(r.neutralised.contains("'world-writable' 0o666 -> 0o644"));
}

void tst_Archive::zipSlipWritesNothingOutside()
{
    QVERIFY(QDir().mkpath(path("sl")));
    QCOMPARE(python(R"(
import zipfile
with zipfile.ZipFile('sl/slip.zip', 'w') as z:
    z.writestr('ok.txt', 'ok')
    z.writestr('../slipped.txt', 'slipped')
    z.writestr('a/../../slipped2.txt', 'slipped')
    z.writestr('/abs.txt', 'abs')
)"),
             QString());
    const UnpackResult r = unpackArchive(path("sl/slip.zip"), path("sl/d"));
    QCOMPARE(r.refused.size(), 2);
    QCOMPARE(r.refused.at(0).exception, "tarfile.OutsideDestinationError");
    QCOMPARE(r.refused.at(0).message, "'../slipped.txt' would be extracted to '" + path("sl/slipped.txt")
                                         + "', which is outside the destination");
    QCOMPARE(QDir(path("sl")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
             QStringList({"d", "slip.zip"}));
    QCOMPARE(QDir(path("sl/d")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
             QStringList({"abs.txt", "ok.txt"}));
}

void tst_Archive::existingFilesAreNotReplaced()
{
    makeRoot("root");
    QVERIFY(makeArchive("tar", path("t"), path("root")).ok());
    // The archive itself: not replaced either.
    ArchiveResult again = makeArchive("tar", path("t"), path("root"));
    QCOMPARE(again.exception, "FileExistsError");
    QCOMPARE(again.message, "[Errno 17] File exists: '" + path("t.tar") + "'");
    QVERIFY(makeArchive("tar", path("t"), path("root"), true).ok());
    QVERIFY(QDir().mkpath(path("d")));
    write("d/a.txt", "mine");
    UnpackResult r = unpackArchive(path("t.tar"), path("d"));
    QCOMPARE(r.refused.size(), 1);
    QCOMPARE(r.refused.first().message, "[Errno 17] File exists: '" + path("d/a.txt") + "'");
    QFile mine(path("d/a.txt"));
    QVERIFY(mine.open(QIODevice::ReadOnly));
    QCOMPARE(mine.readAll(), QByteArray("mine"));
    mine.close();
    r = unpackArchive(path("t.tar"), path("d"), true);
    QVERIFY(r.refused.isEmpty());
    QVERIFY2(mine.open(QIODevice::ReadOnly), qPrintable(treeListing(path("d")).join('\n')));
    QCOMPARE(mine.readAll(), QByteArray("alpha\n"));
    QCOMPARE(QDir(path("d")).entryList({".stdlab-*"}, QDir::Files | QDir::Hidden), {});
}

/// @p listing's lines without the mode of regular files (zip members).
static QStringList withoutModes(QStringList listing)
{
    static const QRegularExpression mode(" 100[0-7]+ ");
    for (QString &line : listing) {
        line.replace(mode, " ");
    }
    return listing;
}

void tst_Archive::zipLinkEntriesAreFilesHoldingTheLinkText()
{
    // Info-ZIP's `zip -y` stores a symlink as a member whose mode says S_IFLNK and whose data is
    // the link's text. shutil's zip unpacking (zipfile) knows no links: it writes a regular
    // file holding that text. So does the engine (it made a symlink before), whatever the text.
    for (const QString &twin : {QStringLiteral("py"), QStringLiteral("sl")}) {
        QVERIFY(QDir().mkpath(path(twin)));
        QCOMPARE(python(R"(
import sys, zipfile
def link(z, name, text):
    i = zipfile.ZipInfo(name)
    i.create_system = 3
    i.external_attr = 0o120777 << 16
    z.writestr(i, text)
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.writestr('a.txt', 'alpha')
    link(z, 'inside', 'a.txt')
    link(z, 'absolute', '/etc/passwd')
    link(z, 'up', '../../outside')
    link(z, 'sub/dir-link', '..')
)",
                        {twin + "/links.zip"}),
                 QString());
    }
    QCOMPARE(python("import shutil\nshutil.unpack_archive('py/links.zip', 'py/d')"), QString());
    const UnpackResult r = unpackArchive(path("sl/links.zip"), path("sl/d"));
    QVERIFY2(r.ok(), qPrintable(r.message));
    QCOMPARE(r.refused.size(), 0);
    QCOMPARE(r.files, 5);
    // Modes aside (zipfile.writestr stores 0o600, which shutil does not restore; the links'
    // files are 0o644 in both).
    QCOMPARE(withoutModes(treeListing(path("sl/d"))), withoutModes(treeListing(path("py/d"))));
    QCOMPARE(QFileInfo(path("sl/d/up")).permissions() & 0x7777, QFileInfo(path("py/d/up")).permissions() & 0x7777);
    for (const char *name : {"inside", "absolute", "up", "sub/dir-link"}) {
        QVERIFY2(QFileInfo(path(QStringLiteral("sl/d/") + name)).isFile()
                     && !QFileInfo(path(QStringLiteral("sl/d/") + name)).isSymLink(),
                 name);
    }
    QFile text(path("sl/d/absolute"));
    QVERIFY(text.open(QIODevice::ReadOnly));
    QCOMPARE(text.readAll(), QByteArray("/etc/passwd"));
    QCOMPARE(QDir(path("sl")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
             QStringList({"d", "links.zip"}));
}

void tst_Archive::aNameTwiceIsTheLastMember_data()
{
    QTest::addColumn<QString>("make"); // python3 writing sys.argv[1]
    QTest::addColumn<QString>("unpack"); // the unpack_archive call python3 makes
    // `tar -r` appends a newer version of a file: tarfile (and tar) extract both in turn, the
    // last one stays. The engine refused the second ("File exists") before.
    QTest::newRow("tar, file twice") << R"(
import io, sys, tarfile
def add(t, name, data):
    i = tarfile.TarInfo(name); i.size = len(data); t.addfile(i, io.BytesIO(data))
with tarfile.open(sys.argv[1], 'w') as t:
    add(t, 'a.txt', b'first version')
    add(t, 'b.txt', b'b')
with tarfile.open(sys.argv[1], 'a') as t:
    add(t, 'a.txt', b'second')
)" << "shutil.unpack_archive(sys.argv[1], sys.argv[2], filter='data')";
    QTest::newRow("tar, file twice in one batch, then a folder twice") << R"(
import io, sys, tarfile
def add(t, name, data=None):
    i = tarfile.TarInfo(name)
    if data is None:
        i.type = tarfile.DIRTYPE; t.addfile(i)
    else:
        i.size = len(data); t.addfile(i, io.BytesIO(data))
with tarfile.open(sys.argv[1], 'w:gz') as t:
    add(t, 'd')
    add(t, 'd/x', b'1')
    add(t, 'd/x', b'22')
    add(t, 'd')
    add(t, 'd/x', b'333')
)" << "shutil.unpack_archive(sys.argv[1], sys.argv[2], filter='data')";
    // A link, then a file of the same name: tarfile opens the name for writing, through the
    // link it made (the filter checked where it leads: inside).
    QTest::newRow("tar, a link then a file of its name") << R"(
import io, sys, tarfile
with tarfile.open(sys.argv[1], 'w') as t:
    i = tarfile.TarInfo('target.txt'); i.size = 3; t.addfile(i, io.BytesIO(b'old'))
    i = tarfile.TarInfo('l'); i.type = tarfile.SYMTYPE; i.linkname = 'target.txt'; t.addfile(i)
    i = tarfile.TarInfo('l'); i.size = 3; t.addfile(i, io.BytesIO(b'new'))
)" << "shutil.unpack_archive(sys.argv[1], sys.argv[2], filter='data')";
    QTest::newRow("zip, file twice") << R"(
import sys, warnings, zipfile
warnings.simplefilter('ignore')
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.writestr('a.txt', 'first version')
    z.writestr('a.txt', 'second')
)" << "shutil.unpack_archive(sys.argv[1], sys.argv[2])";
}

void tst_Archive::aNameTwiceIsTheLastMember()
{
    QFETCH(QString, make);
    QFETCH(QString, unpack);
    const QString archive = make.contains("zipfile") ? "dup.zip"
        : make.contains("w:gz")                       ? "dup.tar.gz"
                                                      : "dup.tar";
    QCOMPARE(python(make, {archive}), QString());
    QCOMPARE(python("import shutil, sys\n" + unpack, {archive, "py"}), QString());
    const UnpackResult r = unpackArchive(path(archive), path("sl"));
    QVERIFY2(r.ok(), qPrintable(r.message));
    QStringList refused;
    for (const Refusal &why : r.refused) {
        refused << why.message;
    }
    QCOMPARE(refused, QStringList());
    if (archive.endsWith(".zip")) {
        QCOMPARE(withoutModes(treeListing(path("sl"))), withoutModes(treeListing(path("py"))));
    } else {
        QCOMPARE(treeListing(path("sl")), treeListing(path("py")));
    }
    QCOMPARE(QDir(path("sl")).entryList({".stdlab-*"}, QDir::Files | QDir::Hidden), {});
    // A file that was there before the unpack is still kept without replace.
    QVERIFY(QDir().mkpath(path("keep")));
    write("keep/a.txt", "mine");
    const UnpackResult again = unpackArchive(path(archive), path("keep"));
    if (QFileInfo::exists(path("sl/a.txt"))) {
        QCOMPARE(again.refused.size(), make.contains("'a.txt'") ? 2 : 1);
        QFile mine(path("keep/a.txt"));
        QVERIFY(mine.open(QIODevice::ReadOnly));
        QCOMPARE(mine.readAll(), QByteArray("mine"));
    }
}

void tst_Archive::oneItemIsArchivedAsMakeArchiveWithBaseDir_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("baseDir");
    for (const char *format : {"tar", "gztar", "zip"}) {
        QTest::addRow("%s of a folder", format) << format << "root";
        QTest::addRow("%s of a file", format) << format << "root/a.txt";
    }
}

void tst_Archive::oneItemIsArchivedAsMakeArchiveWithBaseDir()
{
    QFETCH(QString, format);
    QFETCH(QString, baseDir);
    makeRoot("root");
    const QString py = python("import shutil, sys\n"
                              "print(shutil.make_archive('theirs', sys.argv[1], root_dir='.', "
                              "base_dir=sys.argv[2]))",
                              {format, baseDir});
    QVERIFY2(!py.startsWith("stderr"), qPrintable(py));
    qint64 lastBytes = -1;
    qint64 calls = 0;
    const ArchiveResult r = makeArchive(
        format, path("ours"), m_dir->path(), false, nullptr, baseDir,
        [&](qint64 bytes, qint64, const QString &) {
            QVERIFY(bytes >= lastBytes);
            lastBytes = bytes;
            ++calls;
        });
    QVERIFY2(r.ok(), qPrintable(r.message));
    QVERIFY(calls > 0);
    QCOMPARE(lastBytes, r.bytes);
    const QString extension = archiveExtension(format);
    QCOMPARE(r.path, path("ours") + extension);
    QCOMPARE(python(kListMembers, {"ours" + extension}), python(kListMembers, {"theirs" + extension}));
    const ArchivePlan plan = planArchive(m_dir->path(), baseDir);
    QCOMPARE(plan.exception, QString());
    // zipfile follows the link (a.txt's 6 bytes once more); tarfile keeps it.
    QCOMPARE(plan.bytes + (format == "zip" && !baseDir.endsWith(".txt") ? 6 : 0), r.bytes);
    QCOMPARE(plan.files, baseDir.endsWith(".txt") ? 1 : 6);
    QCOMPARE(plan.directories, baseDir.endsWith(".txt") ? 0 : 4);
    QCOMPARE(planArchive(m_dir->path(), "missing").exception, "FileNotFoundError");
}

void tst_Archive::thePlanSaysWhatUnpackWillDo()
{
    makeRoot("root");
    QVERIFY(makeArchive("gztar", path("t"), path("root")).ok());
    QVERIFY(QDir().mkpath(path("d")));
    write("d/a.txt", "mine");
    UnpackPlan plan = planUnpack(path("t.tar.gz"), path("d"));
    QVERIFY(plan.ok());
    const UnpackResult r = unpackArchive(path("t.tar.gz"), path("d"));
    QCOMPARE(plan.files, 6); // a.txt, run.sh, b.bin, ñandú.txt, zero, link
    QCOMPARE(plan.directories, 4); // ., sub, sub/deeper, empty
    QCOMPARE(plan.bytes, qint64(6 + 18 + 300000 + 2));
    QCOMPARE(plan.existing, QStringList{path("d/a.txt")});
    QCOMPARE(plan.refused.size(), 0);
    QCOMPARE(r.refused.size(), 1); // d/a.txt was kept, as the plan said
    QCOMPARE(r.files, plan.files - 1);
    // The malicious tar of maliciousTarWritesNothingOutside: the plan refuses the same members
    // with the same messages, reading headers only (nothing written).
    QCOMPARE(python(R"(
import io, tarfile
def add(t, name, type=tarfile.REGTYPE, data=b'x', link=''):
    i = tarfile.TarInfo(name)
    i.type, i.linkname = type, link
    i.size = len(data) if type == tarfile.REGTYPE else 0
    t.addfile(i, io.BytesIO(data) if type == tarfile.REGTYPE else None)
with tarfile.open('evil.tar', 'w') as t:
    add(t, 'good.txt', data=b'good')
    add(t, '../evil.txt')
    add(t, 'abs-link', tarfile.SYMTYPE, link='/etc/passwd')
    add(t, 'up', tarfile.SYMTYPE, link='../..')
    add(t, 'pipe', tarfile.FIFOTYPE)
)"),
             QString());
    plan = planUnpack(path("evil.tar"), path("e"));
    QVERIFY(!QFileInfo::exists(path("e")));
    QCOMPARE(plan.files, 1);
    QCOMPARE(plan.bytes, 4);
    const UnpackResult evil = unpackArchive(path("evil.tar"), path("e"));
    QCOMPARE(plan.refused.size(), 4);
    QCOMPARE(evil.refused.size(), 4);
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(plan.refused.at(i).message, evil.refused.at(i).message);
    }
    QCOMPARE(planUnpack(path("missing.tar"), path("e")).exception, "FileNotFoundError");
}

void tst_Archive::aCancelledUnpackLeavesNothing()
{
    makeRoot("root");
    QVERIFY(QDir().mkpath(path("root/many")));
    for (int i = 0; i < 80; ++i) { // more than one batch of 64 pending files
        write(QStringLiteral("root/many/f%1").arg(i), QByteArray(1000, 'x'));
    }
    QVERIFY(makeArchive("tar", path("t"), path("root")).ok());
    QVERIFY(QDir().mkpath(path("keep/sub")));
    write("keep/mine.txt", "mine");
    for (const QString &dest : {QStringLiteral("new/deeper"), QStringLiteral("keep")}) {
        std::atomic<bool> cancel{false};
        qint64 seen = 0;
        const UnpackResult r = unpackArchive(path("t.tar"), path(dest), false, &cancel,
                                             [&](qint64, qint64 files, const QString &) {
                                                 seen = std::max(seen, files);
                                                 if (files >= 64) {
                                                     cancel = true;
                                                 }
                                             });
        QVERIFY(r.cancelled);
        QVERIFY(seen >= 64); // files were in place before the cancel
        QCOMPARE(r.created, QStringList());
    }
    QVERIFY(!QFileInfo::exists(path("new")));
    QCOMPARE(treeListing(path("keep")).size(), 2);
    QVERIFY(QFileInfo(path("keep/mine.txt")).isFile());
    QVERIFY(QFileInfo(path("keep/sub")).isDir());
}

void tst_Archive::createdListsWhatTheUnpackMade()
{
    makeRoot("root");
    QVERIFY(makeArchive("tar", path("t"), path("root")).ok());
    QVERIFY(QDir().mkpath(path("into/sub")));
    write("into/a.txt", "mine");
    UnpackResult r = unpackArchive(path("t.tar"), path("into"));
    QCOMPARE(r.refused.size(), 1);
    // Outermost only, in the order made; what was there (into/, into/sub/, a.txt) is not listed.
    QStringList created = r.created;
    created.sort();
    QCOMPARE(created, QStringList({path("into/empty"), path("into/link"), path("into/run.sh"),
                                   path("into/sub/b.bin"), path("into/sub/deeper"),
                                   path("into/zero")}));
    r = unpackArchive(path("t.tar"), path("fresh/x"));
    QCOMPARE(r.created, QStringList{path("fresh")});
}

// Every sequence of up to three members from a pool where names clash (a file, a folder and a
// link named q, a file inside q, a second version of q, another file) unpacked by tarfile
// (filter='data', errorlevel=0: it goes on past a member it cannot write, as the engine does)
// and by the engine: the same tree each time. A file the engine still held under its
// temporary name was not seen by a later folder of its name, which was made, and the file was
// then refused (36 of 258 sequences differed); a file inside a file said FileExistsError where
// tarfile says NotADirectoryError.
static const char *const kClashingSequences = R"(
import io, itertools, os, sys, tarfile
pool = [('q', 'f', b'AAA'), ('q', 'd', None), ('q', 'l', 't'), ('q/r', 'f', b'RR'),
        ('q', 'f', b'BBBB'), ('t', 'f', b'TT')]
os.makedirs('cases'); os.makedirs('py')
n = 0
for k in (1, 2, 3):
    for seq in itertools.product(pool, repeat=k):
        name = 'cases/%03d.tar' % n
        with tarfile.open(name, 'w') as t:
            for member, kind, data in seq:
                i = tarfile.TarInfo(member)
                if kind == 'f':
                    i.size = len(data); t.addfile(i, io.BytesIO(data))
                elif kind == 'd':
                    i.type = tarfile.DIRTYPE; i.mode = 0o755; t.addfile(i)
                else:
                    i.type = tarfile.SYMTYPE; i.linkname = data; t.addfile(i)
        with tarfile.open(name, errorlevel=0) as t:
            t.extractall('py/%03d' % n, filter='data')
        n += 1
print(n)
)";

void tst_Archive::membersOfOneNameLandAsTarfileLandsThem()
{
    const QString made = python(kClashingSequences);
    const int cases = made.trimmed().toInt();
    QCOMPARE(cases, 6 + 36 + 216);
    QStringList differ;
    for (int n = 0; n < cases; ++n) {
        const QString id = QStringLiteral("%1").arg(n, 3, 10, QLatin1Char('0'));
        unpackArchive(path("cases/" + id + ".tar"), path("sl/" + id));
        const QStringList ours = treeListing(path("sl/" + id));
        const QStringList theirs = treeListing(path("py/" + id));
        if (ours != theirs) {
            differ << id + ": " + ours.join(", ") + " | python: " + theirs.join(", ");
        }
    }
    QCOMPARE(differ.size(), 0);
    QDirIterator it(path("sl"), {".stdlab-*"}, QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    QVERIFY(!it.hasNext());
}

void tst_Archive::hardLinksAmongMembersOfOneName_data()
{
    QTest::addColumn<QString>("members"); // Python: the adds, with t and add(name, kind, data)
    // A new version of q after a hard link h to it: tarfile opens q for writing, so h shows
    // the new data too (the engine put a new file at q: h kept the old data).
    QTest::newRow("file, link to it, file again")
        << "add('q', 'f', b'AAA'); add('h', 'h', 'q'); add('q', 'f', b'BBBB')";
    // The second link was placed by rename() onto a name of the same file, which does nothing:
    // its temporary name stayed in the destination.
    QTest::newRow("file, the same link twice")
        << "add('q', 'f', b'AAA'); add('h', 'h', 'q'); add('h', 'h', 'q')";
    // os.link() does not follow a link at the end of the name it links to: h is a second name
    // of the link q, not of the file q points to.
    QTest::newRow("link to a file, hard link to the link")
        << "add('q', 'l', 't'); add('t', 'f', b'AAA'); add('h', 'h', 'q')";
    // tarfile cannot link a folder and extracts the folder member again as h.
    QTest::newRow("folder, hard link to it") << "add('q', 'd', None); add('h', 'h', 'q')";
}

void tst_Archive::hardLinksAmongMembersOfOneName()
{
    QFETCH(QString, members);
    QCOMPARE(python(QStringLiteral(R"(
import io, tarfile
with tarfile.open('h.tar', 'w') as t:
    def add(member, kind, data):
        i = tarfile.TarInfo(member)
        if kind == 'f':
            i.size = len(data); t.addfile(i, io.BytesIO(data)); return
        i.type = {'d': tarfile.DIRTYPE, 'l': tarfile.SYMTYPE, 'h': tarfile.LNKTYPE}[kind]
        i.mode = 0o755
        if kind != 'd':
            i.linkname = data
        t.addfile(i)
    %1
with tarfile.open('h.tar') as t:
    t.extractall('py', filter='data')
)")
                        .arg(members)),
             QString());
    const UnpackResult r = unpackArchive(path("h.tar"), path("sl"));
    QVERIFY2(r.ok(), qPrintable(r.message));
    QCOMPARE(r.refused.size(), 0);
    QCOMPARE(treeListing(path("sl")), treeListing(path("py")));
    struct stat q, h;
    if (::lstat(QFile::encodeName(path("py/h")).constData(), &h) == 0 && S_ISREG(h.st_mode)) {
        QCOMPARE(::lstat(QFile::encodeName(path("sl/h")).constData(), &h), 0);
        QCOMPARE(::lstat(QFile::encodeName(path("sl/q")).constData(), &q), 0);
        QCOMPARE(h.st_ino, q.st_ino); // still one file under two names
    }
}

void tst_Archive::badInputSaysWhy()
{
    write("not-an-archive.zip", "hello");
    UnpackResult r = unpackArchive(path("not-an-archive.zip"), path("d"));
    QCOMPARE(r.exception, "shutil.ReadError");
    r = unpackArchive(path("missing.tar"), path("d"));
    QCOMPARE(r.exception, "FileNotFoundError");
    ArchiveResult a = makeArchive("rar", path("x"), m_dir->path());
    QCOMPARE(a.exception, "ValueError");
    QCOMPARE(a.message, "unknown archive format 'rar'");
    a = makeArchive("zip", path("x"), path("missing"));
    QCOMPARE(a.exception, "FileNotFoundError");
    QVERIFY(!QFileInfo::exists(path("x.zip")));
}

QTEST_GUILESS_MAIN(tst_Archive)
#include "tst_archive.moc"

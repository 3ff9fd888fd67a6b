// Batch rename with Python's re: the preview's new names against python3's re.sub, every kind
// of problem it flags, swaps and chains, all-or-nothing apply (an error in the middle undoes
// what was done), a file replaced or appearing since the preview, and the Python code shown
// doing the same as the engine in a twin folder.
#include "files/batchrename.h"
#include "files/fspath.h"
#include "common/pyrepr.h"
#include "files/pythoncode.h"
#include "regex/pyregex.h"
#include "scratchdir.h"
#include "stdlabprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace stdlab::files;
using Problem = RenameItem::Problem;

class tst_BatchRename : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void newNamesAreWhatPythonsReSubGives();
    void previewFlagsWhatCannotBeDone_data();
    void previewFlagsWhatCannotBeDone();
    void patternAndTemplateErrorsAreRes();
    void swapsAndChainsNeedNoOrder();
    void anErrorInTheMiddleUndoesEverything();
    void aFileReplacedSinceThePreviewIsNotTouched();
    void aFileThatAppearedSinceIsNeverReplaced();
    void shownPythonRenamesTheSame_data();
    void shownPythonRenamesTheSame();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    void touch(const QString &name);
    QStringList names(const QString &folder = QString()) const;

    std::unique_ptr<ScratchDir> m_dir;
};

void tst_BatchRename::init()
{
    m_dir = std::make_unique<ScratchDir>();
    QVERIFY(m_dir->isValid());
}

void tst_BatchRename::touch(const QString &name)
{
    // By bytes (os.fsencode): a name that is not UTF-8 ('caf\udce9') is made as it is.
    QFile f;
    const int fd = ::open(fsEncode(path(name)).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    QVERIFY(fd >= 0);
    QVERIFY(f.open(fd, QIODevice::WriteOnly, QFileDevice::AutoCloseHandle));
    f.write(name.toUtf8()); // each file holds its first name: a rename keeps its data
}

QStringList tst_BatchRename::names(const QString &folder) const
{
    // os.listdir's names (os.fsdecode of the bytes): QDir would show every byte that is not
    // UTF-8 as the same U+FFFD and hide a wrong byte.
    QStringList list;
    const QByteArray dir = fsEncode(folder.isEmpty() ? m_dir->path() : path(folder));
    for (const auto &entry : std::filesystem::directory_iterator(dir.toStdString())) {
        const std::string name = entry.path().filename().string();
        list << fsDecode(QByteArray(name.data(), qsizetype(name.size())));
    }
    list.sort();
    return list;
}

void tst_BatchRename::newNamesAreWhatPythonsReSubGives()
{
    const QStringList files = {"IMG_0001.JPG", "img_0002.jpeg", "Report (final).docx",
                               "notes.txt",    "ünïcödé.md",   "a.b.c.tar.gz",
                               "2024-01-31 scan.pdf"};
    for (const QString &f : files) {
        touch(f);
    }
    struct Case
    {
        QString pattern;
        QString repl;
        QString flags;
        int count;
    };
    const QList<Case> cases = {
        {R"(^IMG_(\d+))", R"(photo-\1)", "i", 0},
        {R"(\.(jpe?g)$)", R"(.\g<1>x)", "i", 0},
        {R"((?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d))", R"(\g<d>.\g<m>.\g<y>)", "", 0},
        {R"(\s+)", "_", "", 0},
        {R"(\.)", "-", "", 1},
        {R"([^\w.])", "", "a", 0},
        {R"(^)", "old_", "", 0},
        {R"(\w)", R"(\g<0>\g<0>)", "", 2},
        {R"((.)(.))", R"(\2\1)", "", 0},
        {R"(x*)", "-", "", 0}, // empty matches, Python 3.7+'s rules
    };
    QStringList paths;
    for (const QString &f : files) {
        paths << path(f);
    }
    for (const Case &c : cases) {
        const int flags = stdlab::re::flagsFromLetters(c.flags);
        const RenamePlan plan = planRenames(paths, c.pattern, c.repl, flags, c.count);
        QVERIFY2(plan.error.isEmpty(), qPrintable(plan.error));
        const QString script = "import json, re, sys\n"
                               "p, r, f, n = sys.argv[1:5]\n"
                               "flags = sum(getattr(re, c.upper()) for c in f)\n"
                               "print(json.dumps([re.sub(p, r, x, count=int(n), flags=flags)"
                               " for x in sys.argv[5:]]))\n";
        const ProcessResult py =
            runProcess(QStringList{"-c", script, c.pattern, c.repl, c.flags,
                                   QString::number(c.count)}
                           + files,
                       {}, 30000, "python3");
        QCOMPARE(py.exitCode, 0);
        const QJsonArray expected = QJsonDocument::fromJson(py.out).array();
        QCOMPARE(plan.items.size(), expected.size());
        for (qsizetype i = 0; i < plan.items.size(); ++i) {
            QCOMPARE(plan.items.at(i).oldName, files.at(i));
            QCOMPARE(plan.items.at(i).newName, expected.at(i).toString());
        }
    }
}

void tst_BatchRename::previewFlagsWhatCannotBeDone_data()
{
    QTest::addColumn<QStringList>("files");    // in the folder
    QTest::addColumn<QStringList>("selected"); // renamed ("missing" is not there)
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("repl");
    QTest::addColumn<QStringList>("newNames");
    QTest::addColumn<QList<int>>("problems"); // RenameItem::Problem per selected item
    QTest::addColumn<QList<bool>>("caseOnly");
    const int ok = int(Problem::None);
    const int same = int(Problem::SameNewName);
    const int exists = int(Problem::TargetExists);
    const int invalid = int(Problem::InvalidName);
    QTest::newRow("renamed and unchanged")
        << QStringList{"a1.txt", "b.txt"} << QStringList{"a1.txt", "b.txt"} << R"((\d))"
        << R"(_\1)" << QStringList{"a_1.txt", "b.txt"} << QList<int>{ok, ok}
        << QList<bool>{false, false};
    QTest::newRow("two names become one")
        << QStringList{"a1.txt", "a2.txt"} << QStringList{"a1.txt", "a2.txt"} << R"(\d)" << ""
        << QStringList{"a.txt", "a.txt"} << QList<int>{same, same} << QList<bool>{false, false};
    QTest::newRow("a new name an unchanged item keeps")
        << QStringList{"b1.txt", "b.txt"} << QStringList{"b1.txt", "b.txt"} << R"(\d)" << ""
        << QStringList{"b.txt", "b.txt"} << QList<int>{same, same} << QList<bool>{false, false};
    QTest::newRow("a name a file that stays has")
        << QStringList{"x1.txt", "x.txt"} << QStringList{"x1.txt"} << R"(\d)" << ""
        << QStringList{"x.txt"} << QList<int>{exists} << QList<bool>{false};
    QTest::newRow("chain: a to aa while aa goes on to aaa")
        << QStringList{"a", "aa"} << QStringList{"a", "aa"} << "^(a+)$" << "\\1a"
        << QStringList{"aa", "aaa"} << QList<int>{ok, ok} << QList<bool>{false, false};
    QTest::newRow("an empty name") << QStringList{"abc"} << QStringList{"abc"} << ".*" << ""
                                   << QStringList{""} << QList<int>{invalid} << QList<bool>{false};
    QTest::newRow("a slash") << QStringList{"a-b"} << QStringList{"a-b"} << "-" << "/"
                             << QStringList{"a/b"} << QList<int>{invalid} << QList<bool>{false};
    QTest::newRow("dot dot") << QStringList{"ab"} << QStringList{"ab"} << "ab" << ".."
                             << QStringList{".."} << QList<int>{invalid} << QList<bool>{false};
    QTest::newRow("over 255 bytes")
        << QStringList{"a"} << QStringList{"a"} << "a" << QString(128, QChar(0xe9))
        << QStringList{QString(128, QChar(0xe9))} << QList<int>{invalid} << QList<bool>{false};
    QTest::newRow("not case only")
        << QStringList{"readme.md", "Notes.md"} << QStringList{"readme.md", "Notes.md"}
        << "^(\\w)" << "X" << QStringList{"Xeadme.md", "Xotes.md"} << QList<int>{ok, ok}
        << QList<bool>{false, false};
    QTest::newRow("case only, flagged")
        << QStringList{"readme.md"} << QStringList{"readme.md"} << "readme" << "README"
        << QStringList{"README.md"} << QList<int>{ok} << QList<bool>{true};
    QTest::newRow("a missing file")
        << QStringList{"a"} << QStringList{"a", "missing"} << "^" << "x"
        << QStringList{"xa", "missing"} << QList<int>{ok, int(Problem::Missing)}
        << QList<bool>{false, false};
    QTest::newRow("the same file twice")
        << QStringList{"a"} << QStringList{"a", "./a"} << "^" << "x"
        << QStringList{"xa", "xa"} << QList<int>{ok, int(Problem::Duplicate)}
        << QList<bool>{false, false};
}

void tst_BatchRename::previewFlagsWhatCannotBeDone()
{
    QFETCH(QStringList, files);
    QFETCH(QStringList, selected);
    QFETCH(QString, pattern);
    QFETCH(QString, repl);
    QFETCH(QStringList, newNames);
    QFETCH(QList<int>, problems);
    QFETCH(QList<bool>, caseOnly);
    for (const QString &f : files) {
        touch(f);
    }
    QStringList paths;
    for (const QString &s : selected) {
        paths << path(s);
    }
    const QStringList before = names();
    const RenamePlan plan = planRenames(paths, pattern, repl, 0);
    QVERIFY(plan.error.isEmpty());
    QCOMPARE(plan.items.size(), selected.size());
    for (qsizetype i = 0; i < plan.items.size(); ++i) {
        QCOMPARE(plan.items.at(i).newName, newNames.at(i));
        QCOMPARE(int(plan.items.at(i).problem), problems.at(i));
        QCOMPARE(plan.items.at(i).caseOnly, caseOnly.at(i));
    }
    const bool applicable = std::all_of(problems.cbegin(), problems.cend(),
                                        [](int p) { return p == int(Problem::None); });
    QCOMPARE(plan.canApply(), applicable);
    QCOMPARE(names(), before); // a preview touches nothing
    const RenameOutcome outcome = applyRenames(plan);
    QCOMPARE(outcome.ok, applicable);
    if (!applicable) {
        QCOMPARE(names(), before);
        return;
    }
    QStringList after = files;
    for (qsizetype i = 0; i < selected.size(); ++i) {
        after.replace(after.indexOf(selected.at(i)), newNames.at(i));
    }
    after.sort();
    QCOMPARE(names(), after);
    for (qsizetype i = 0; i < selected.size(); ++i) {
        QFile f(path(newNames.at(i)));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), selected.at(i).toUtf8());
    }
}

void tst_BatchRename::patternAndTemplateErrorsAreRes()
{
    touch("a");
    RenamePlan plan = planRenames({path("a")}, "(", "x", 0);
    QCOMPARE(plan.error, "missing ), unterminated subpattern at position 0");
    QVERIFY(!plan.canApply());
    plan = planRenames({path("a")}, "(a)", R"(\2)", 0);
    QCOMPARE(plan.error, "invalid group reference 2 at position 1");
    QVERIFY(!applyRenames(plan).ok);
    QCOMPARE(names(), QStringList{"a"});
}

void tst_BatchRename::swapsAndChainsNeedNoOrder()
{
    touch("1-x");
    touch("x-1");
    // A swap: each takes the other's name.
    RenamePlan plan = planRenames({path("1-x"), path("x-1")}, R"(^(\w)-(\w)$)", R"(\2-\1)", 0);
    QVERIFY2(plan.canApply(), qPrintable(plan.error));
    QCOMPARE(plan.items.at(0).newName, "x-1");
    QCOMPARE(plan.items.at(1).newName, "1-x");
    RenameOutcome outcome = applyRenames(plan);
    QVERIFY(outcome.ok);
    QCOMPARE(outcome.renamed, 2);
    QCOMPARE(names(), (QStringList{"1-x", "x-1"}));
    QFile f(path("x-1"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("1-x"));
    // A chain, listed in the order that a plain loop would get wrong (b -> bb before bb -> bbb
    // would replace bb).
    touch("b");
    touch("bb");
    plan = planRenames({path("b"), path("bb")}, "^(b+)$", R"(\1b)", 0);
    QVERIFY(plan.canApply());
    outcome = applyRenames(plan);
    QVERIFY(outcome.ok);
    QCOMPARE(names(), (QStringList{"1-x", "bb", "bbb", "x-1"}));
    QFile g(path("bbb"));
    QVERIFY(g.open(QIODevice::ReadOnly));
    QCOMPARE(g.readAll(), QByteArray("bb"));
}

/// Makes a folder refuse renames: its write bit off (not enough for root), or the immutable
/// attribute (root, with CAP_LINUX_IMMUTABLE); undone on destruction so it can be removed.
class LockedFolder
{
public:
    explicit LockedFolder(const QString &folder) : m_path(QFile::encodeName(folder))
    {
        if (::geteuid() != 0) {
            m_locked = ::chmod(m_path.constData(), 0555) == 0;
            m_chmod = true;
            return;
        }
        const int fd = ::open(m_path.constData(), O_RDONLY | O_DIRECTORY);
        int attributes = 0;
        if (fd >= 0 && ::ioctl(fd, FS_IOC_GETFLAGS, &attributes) == 0) {
            attributes |= FS_IMMUTABLE_FL;
            m_locked = ::ioctl(fd, FS_IOC_SETFLAGS, &attributes) == 0;
        }
        if (fd >= 0) {
            ::close(fd);
        }
    }
    ~LockedFolder()
    {
        if (!m_locked) {
            return;
        }
        if (m_chmod) {
            ::chmod(m_path.constData(), 0755);
            return;
        }
        const int fd = ::open(m_path.constData(), O_RDONLY | O_DIRECTORY);
        int attributes = 0;
        if (fd >= 0 && ::ioctl(fd, FS_IOC_GETFLAGS, &attributes) == 0) {
            attributes &= ~FS_IMMUTABLE_FL;
            ::ioctl(fd, FS_IOC_SETFLAGS, &attributes);
        }
        if (fd >= 0) {
            ::close(fd);
        }
    }
    bool isLocked() const { return m_locked; }
    /// The errno a rename in the folder meets.
    int expectedErrno() const { return m_chmod ? EACCES : EPERM; }

private:
    QByteArray m_path;
    bool m_locked = false;
    bool m_chmod = false;
};

void tst_BatchRename::anErrorInTheMiddleUndoesEverything()
{
    // Three files of d1 are renamed, then d2's refuses: the three are renamed back.
    QVERIFY(QDir().mkpath(path("d1")));
    QVERIFY(QDir().mkpath(path("d2")));
    for (const QString f : {"d1/a1", "d1/a2", "d1/a3", "d2/a4"}) {
        touch(f);
    }
    const RenamePlan plan = planRenames(
        {path("d1/a1"), path("d1/a2"), path("d1/a3"), path("d2/a4")}, "a", "b", 0);
    QVERIFY(plan.canApply());
    RenameOutcome outcome;
    {
        LockedFolder lock(path("d2"));
        if (!lock.isLocked()) {
            QSKIP("cannot make a folder refuse renames here (chmod as root, no immutable "
                  "attribute)");
        }
        outcome = applyRenames(plan);
        QCOMPARE(outcome.error.errnum, lock.expectedErrno());
    }
    QVERIFY(!outcome.ok);
    QVERIFY(outcome.rolledBack);
    QCOMPARE(outcome.rollbackFailures, QStringList());
    QCOMPARE(outcome.renamed, 0);
    QCOMPARE(outcome.error.message,
             QStringLiteral("[Errno %1] %2: '%3' -> '%4'")
                 .arg(outcome.error.errnum)
                 .arg(errorText(outcome.error.errnum), path("d2/a4"), path("d2/b4")));
    QCOMPARE(names("d1"), (QStringList{"a1", "a2", "a3"}));
    QCOMPARE(names("d2"), QStringList{"a4"});
}

void tst_BatchRename::aFileReplacedSinceThePreviewIsNotTouched()
{
    touch("a1");
    touch("a2");
    const RenamePlan plan = planRenames({path("a1"), path("a2")}, "a", "b", 0);
    QVERIFY(plan.canApply());
    // Another file under the same name (made first: a freed inode number could come back).
    touch("a2.new");
    QVERIFY(::rename(QFile::encodeName(path("a2.new")).constData(),
                     QFile::encodeName(path("a2")).constData())
            == 0);
    const RenameOutcome outcome = applyRenames(plan);
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.renamed, 0);
    QVERIFY(outcome.error.message.contains("is not the file that was previewed"));
    QCOMPARE(names(), (QStringList{"a1", "a2"}));
}

void tst_BatchRename::aFileThatAppearedSinceIsNeverReplaced()
{
    touch("a1");
    touch("a2");
    const RenamePlan plan = planRenames({path("a1"), path("a2")}, "a", "b", 0);
    QVERIFY(plan.canApply());
    {
        QFile f(path("b2"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("precious");
    }
    const RenameOutcome outcome = applyRenames(plan);
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.error.errnum, EEXIST);
    QVERIFY(outcome.rolledBack);
    QCOMPARE(names(), (QStringList{"a1", "a2", "b2"}));
    QFile f(path("b2"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("precious"));
}

void tst_BatchRename::shownPythonRenamesTheSame_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QStringList>("selected");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("repl");
    QTest::addColumn<QString>("flags");
    QTest::newRow("numbers") << QStringList{"IMG_1.jpg", "IMG_22.jpg", "other.txt"}
                             << QStringList{"IMG_1.jpg", "IMG_22.jpg", "other.txt"}
                             << R"(^img_(\d+))" << R"(photo-\1)" << "i";
    QTest::newRow("a swap") << QStringList{"1-x", "x-1"} << QStringList{"1-x", "x-1"}
                            << R"(^(\w)-(\w)$)" << R"(\2-\1)" << "";
    QTest::newRow("a collision") << QStringList{"a1", "a2"} << QStringList{"a1", "a2"}
                                 << R"(\d)" << "" << "";
    QTest::newRow("a name that stays") << QStringList{"a1", "a"} << QStringList{"a1"}
                                       << R"(\d)" << "" << "";
    QTest::newRow("an invalid name") << QStringList{"a-b"} << QStringList{"a-b"} << "-" << "/"
                                     << "";
    // Names that are not UTF-8, as os.listdir gives them (surrogateescape): re.sub sees the
    // lone surrogate, os.rename writes the byte back.
    const QString cafe = QStringLiteral("caf") + QChar(0xDCE9) + QStringLiteral(" 01.txt");
    const QString nino = QStringLiteral("ni") + QChar(0xDCF1) + QStringLiteral("o_02.txt");
    QTest::newRow("names not UTF-8") << QStringList{cafe, nino, "ok_03.txt"}
                                     << QStringList{cafe, nino, "ok_03.txt"} << R"(\d+)"
                                     << "N" << "";
    QTest::newRow("a byte matched by .") << QStringList{cafe, nino} << QStringList{cafe, nino}
                                         << "^(caf|ni).(o?)" << R"(\1_\2)" << "";
    QTest::newRow("quotes and backslashes")
        << QStringList{"it's \"x\".txt"} << QStringList{"it's \"x\".txt"} << R"(["'])"
        << R"(\\)" << "";
}

void tst_BatchRename::shownPythonRenamesTheSame()
{
    QFETCH(QStringList, files);
    QFETCH(QStringList, selected);
    QFETCH(QString, pattern);
    QFETCH(QString, repl);
    QFETCH(QString, flags);
    QVERIFY(QDir().mkpath(path("py")));
    QVERIFY(QDir().mkpath(path("engine")));
    QStringList paths;
    for (const QString &f : files) {
        touch("py/" + f);
        touch("engine/" + f);
    }
    for (const QString &s : selected) {
        paths << path("engine/" + s);
    }
    const int reFlags = stdlab::re::flagsFromLetters(flags);
    const RenamePlan plan = planRenames(paths, pattern, repl, reFlags);
    const RenameOutcome outcome = applyRenames(plan);
    const QString code =
        python::program(python::batchRename(path("py"), selected, pattern, repl, reFlags));
    QVERIFY(code.startsWith("import os\nimport re\n\nfolder = "));
    const ProcessResult py = runProcess({"-c", code}, {}, 30000, "python3");
    QCOMPARE(py.exitCode == 0, outcome.ok);
    QCOMPARE(names("engine"), names("py"));
    if (outcome.ok) {
        QStringList printed;
        for (const RenameItem &item : plan.items) {
            if (item.changes()) {
                printed << stdlab::py::repr(item.oldName) + " -> "
                        + stdlab::py::repr(item.newName);
            }
        }
        QCOMPARE(QString::fromUtf8(py.out), printed.join('\n') + '\n');
    } else {
        QVERIFY2(py.err.contains("nothing was renamed"), py.err.constData());
    }
}

QTEST_GUILESS_MAIN(tst_BatchRename)
#include "tst_batchrename.moc"

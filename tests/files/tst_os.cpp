// os / os.path calls: results and error messages compared with CPython running the same call
// on an identical fixture; permission errors; the cross-device rename message.
#include "files/os.h"

#include "common/pyrepr.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include "scratchdir.h"
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

using stdlab::files::FsResult;
using stdlab::files::Os;

class tst_Os : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void matchesCPython_data();
    void matchesCPython();
    void messagesReadLikePython();
    void relativePathsFollowWorkingDirectory();
    void permissionDenied();
    void crossDeviceRenameUsesTwoPaths();
    void embeddedNullIsValueError();

private:
    struct Row
    {
        QString name;
        QString op;
        QStringList args;
    };
    static QList<Row> rows();
    static void makeFixture(const QString &dir);
    static QString tree(const QString &dir);
    static QJsonObject runOurs(const Os &os, const Row &row);

    ScratchDir m_root;
    QHash<QString, QJsonObject> m_python;
};

QList<tst_Os::Row> tst_Os::rows()
{
    return {
        {"mkdir new", "mkdir", {"new"}},
        {"mkdir existing dir", "mkdir", {"d"}},
        {"mkdir over a file", "mkdir", {"f"}},
        {"mkdir missing parent", "mkdir", {"missing/x"}},
        {"mkdir under a file", "mkdir", {"f/x"}},
        {"mkdir empty path", "mkdir", {""}},
        {"makedirs nested", "makedirs", {"a/b/c"}},
        {"makedirs trailing slash", "makedirs", {"p/q/r/s/"}},
        {"makedirs existing", "makedirs", {"d"}},
        {"makedirs existing exist_ok", "makedirs_ok", {"d"}},
        {"makedirs file exist_ok", "makedirs_ok", {"f"}},
        {"makedirs through a file", "makedirs", {"f/x/y"}},
        {"makedirs with dotdot", "makedirs", {"a/b/../c"}},
        {"makedirs dot tail", "makedirs", {"t/u/."}},
        {"makedirs spaces and accents", "makedirs_ok", {"mi directorio/año"}},
        {"new file", "createFile", {"new.txt"}},
        {"new file exists", "createFile", {"f"}},
        {"new file over dir", "createFile", {"d"}},
        {"new file missing parent", "createFile", {"missing/x"}},
        {"listdir dir", "listdir", {"d"}},
        {"listdir missing", "listdir", {"missing"}},
        {"listdir file", "listdir", {"f"}},
        {"listdir empty path", "listdir", {""}},
        {"listdir dot", "listdir", {"."}},
        {"remove file", "remove", {"f"}},
        {"remove dir", "remove", {"d"}},
        {"remove missing", "remove", {"missing"}},
        {"remove symlink keeps target", "remove", {"l"}},
        {"remove dangling symlink", "remove", {"dl"}},
        {"rmdir empty", "rmdir", {"e"}},
        {"rmdir not empty", "rmdir", {"d"}},
        {"rmdir file", "rmdir", {"f"}},
        {"rmdir missing", "rmdir", {"missing"}},
        {"rmdir symlink", "rmdir", {"l"}},
        {"removedirs chain", "removedirs", {"p/q/r"}},
        {"removedirs stops at non-empty", "removedirs", {"s/t"}},
        {"removedirs not empty", "removedirs", {"d"}},
        {"removedirs missing", "removedirs", {"missing/x"}},
        {"rename file", "rename", {"f", "g"}},
        {"rename missing", "rename", {"missing", "g"}},
        {"rename file over dir", "rename", {"f", "d"}},
        {"rename dir over file", "rename", {"d", "f"}},
        {"rename dir over empty dir", "rename", {"d", "e"}},
        {"rename dir over non-empty dir", "rename", {"e", "d"}},
        {"rename dir into itself", "rename", {"d", "d/sub"}},
        {"rename into missing dir", "rename", {"f", "missing/g"}},
        {"getsize file", "getsize", {"f"}},
        {"getsize symlink follows", "getsize", {"l"}},
        {"getsize dangling", "getsize", {"dl"}},
        {"getsize missing", "getsize", {"missing"}},
        {"exists file", "exists", {"f"}},
        {"exists dangling", "exists", {"dl"}},
        {"exists missing", "exists", {"missing"}},
        {"exists empty", "exists", {""}},
        {"isfile symlink", "isfile", {"l"}},
        {"isfile dir", "isfile", {"d"}},
        {"isdir dir", "isdir", {"d"}},
        {"isdir dir slash", "isdir", {"d/"}},
        {"isdir file slash", "isdir", {"f/"}},
        {"islink link", "islink", {"l"}},
        {"islink dangling", "islink", {"dl"}},
        {"islink file", "islink", {"f"}},
    };
}

void tst_Os::makeFixture(const QString &dir)
{
    QVERIFY(QDir().mkpath(dir + "/d"));
    QVERIFY(QDir().mkpath(dir + "/e"));
    QVERIFY(QDir().mkpath(dir + "/p/q/r"));
    QVERIFY(QDir().mkpath(dir + "/s/t"));
    QFile f(dir + "/f");
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("hello");
    f.close();
    QFile x(dir + "/d/x");
    QVERIFY(x.open(QIODevice::WriteOnly));
    x.close();
    QFile keep(dir + "/s/keep");
    QVERIFY(keep.open(QIODevice::WriteOnly));
    keep.close();
    QVERIFY(QFile::link("f", dir + "/l"));
    QVERIFY(QFile::link("nope", dir + "/dl"));
}

QString tst_Os::tree(const QString &dir)
{
    QStringList entries;
    QDirIterator it(dir, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        entries.append(info.filePath().mid(dir.size() + 1)
                       + (info.isSymLink() ? QStringLiteral("@") : info.isDir() ? QStringLiteral("/") : QString()));
    }
    entries.sort();
    return entries.join(QLatin1Char(' '));
}

QJsonObject tst_Os::runOurs(const Os &os, const Row &row)
{
    QJsonObject r;
    FsResult result;
    QString value;
    const QString a = row.args.value(0);
    auto boolean = [](bool b) { return stdlab::py::reprBool(b); };
    if (row.op == "mkdir") {
        result = os.mkdir(a);
    } else if (row.op == "makedirs") {
        result = os.makedirs(a);
    } else if (row.op == "makedirs_ok") {
        result = os.makedirs(a, true);
    } else if (row.op == "createFile") {
        result = os.createFile(a);
    } else if (row.op == "listdir") {
        const auto l = os.listdir(a);
        result = l;
        QStringList names = l.names;
        names.sort();
        QStringList reprs;
        for (const QString &n : names) {
            reprs.append(stdlab::py::repr(n));
        }
        value = l.ok ? stdlab::py::list(reprs) : QString();
    } else if (row.op == "remove") {
        result = os.remove(a);
    } else if (row.op == "rmdir") {
        result = os.rmdir(a);
    } else if (row.op == "removedirs") {
        result = os.removedirs(a);
    } else if (row.op == "rename") {
        result = os.rename(a, row.args.value(1));
    } else if (row.op == "getsize") {
        const auto s = os.getsize(a);
        result = s;
        value = s.ok ? QString::number(s.size) : QString();
    } else if (row.op == "exists") {
        value = boolean(os.exists(a));
    } else if (row.op == "isfile") {
        value = boolean(os.isfile(a));
    } else if (row.op == "isdir") {
        value = boolean(os.isdir(a));
    } else if (row.op == "islink") {
        value = boolean(os.islink(a));
    }
    r["ok"] = result.ok;
    r["msg"] = result.message;
    r["value"] = value;
    return r;
}

static const char pythonScript[] = R"PY(
import json, os, sys
rows = json.load(sys.stdin)
out = {}
for row in rows:
    os.chdir(row["dir"])
    op, args = row["op"], row["args"]
    res = {"ok": True, "msg": "", "value": ""}
    try:
        if op == "mkdir": os.mkdir(*args)
        elif op == "makedirs": os.makedirs(*args)
        elif op == "makedirs_ok": os.makedirs(*args, exist_ok=True)
        elif op == "createFile": open(args[0], "x").close()
        elif op == "listdir": res["value"] = repr(sorted(os.listdir(*args)))
        elif op == "remove": os.remove(*args)
        elif op == "rmdir": os.rmdir(*args)
        elif op == "removedirs": os.removedirs(*args)
        elif op == "rename": os.rename(*args)
        elif op == "getsize": res["value"] = str(os.path.getsize(*args))
        else: res["value"] = repr(getattr(os.path, op)(*args))
    except OSError as e:
        res["ok"] = False
        res["msg"] = str(e)
    out[row["name"]] = res
json.dump(out, sys.stdout)
)PY";

void tst_Os::initTestCase()
{
    QVERIFY(m_root.isValid());
    QJsonArray input;
    for (const Row &row : rows()) {
        const QString dir = m_root.path() + "/py/" + row.name;
        makeFixture(dir);
        makeFixture(m_root.path() + "/ours/" + row.name);
        input.append(QJsonObject{{"name", row.name},
                                 {"dir", dir},
                                 {"op", row.op},
                                 {"args", QJsonArray::fromStringList(row.args)}});
    }
    QProcess python;
    python.start("python3", {"-c", QString::fromLatin1(pythonScript)});
    QVERIFY2(python.waitForStarted(10000), "python3 is needed for the differential test");
    python.write(QJsonDocument(input).toJson());
    python.closeWriteChannel();
    QVERIFY(python.waitForFinished(60000));
    QCOMPARE(python.exitCode(), 0);
    const QJsonObject results = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    for (auto it = results.begin(); it != results.end(); ++it) {
        m_python.insert(it.key(), it.value().toObject());
    }
    QCOMPARE(m_python.size(), rows().size());
}

void tst_Os::matchesCPython_data()
{
    QTest::addColumn<int>("index");
    const auto all = rows();
    for (int i = 0; i < all.size(); ++i) {
        QTest::newRow(qPrintable(all.at(i).name)) << i;
    }
}

void tst_Os::matchesCPython()
{
    QFETCH(int, index);
    const Row row = rows().at(index);
    const QString ours = m_root.path() + "/ours/" + row.name;
    const QString py = m_root.path() + "/py/" + row.name;
    const QJsonObject expected = m_python.value(row.name);
    const QJsonObject actual = runOurs(Os(ours), row);
    QCOMPARE(actual["msg"].toString(), expected["msg"].toString());
    QCOMPARE(actual["ok"].toBool(), expected["ok"].toBool());
    QCOMPARE(actual["value"].toString(), expected["value"].toString());
    QCOMPARE(tree(ours), tree(py));
}

void tst_Os::messagesReadLikePython()
{
    ScratchDir dir;
    const Os os(dir.path());
    QVERIFY(os.mkdir("x").ok);
    QVERIFY(os.createFile("x/y").ok);
    const FsResult notEmpty = os.rmdir("x");
    QVERIFY(!notEmpty);
    QCOMPARE(notEmpty.errnum, ENOTEMPTY);
    QCOMPARE(notEmpty.message, QStringLiteral("[Errno 39] Directory not empty: 'x'"));
    QCOMPARE(os.remove("nada").message,
             QStringLiteral("[Errno 2] No such file or directory: 'nada'"));
    QCOMPARE(os.mkdir("x").message, QStringLiteral("[Errno 17] File exists: 'x'"));
    QCOMPARE(os.rename("nada", "otro").message,
             QStringLiteral("[Errno 2] No such file or directory: 'nada' -> 'otro'"));
    QCOMPARE(os.mkdir("it's").ok, true);
    QCOMPARE(os.mkdir("it's").message, QStringLiteral("[Errno 17] File exists: \"it's\""));
    QVERIFY(os.mkdir("x").message.startsWith("[Errno 17]"));
    QVERIFY(os.getsize("x/y").ok);
    QCOMPARE(os.getsize("x/y").size, 0);
}

void tst_Os::relativePathsFollowWorkingDirectory()
{
    ScratchDir dir;
    Os os(dir.path());
    QVERIFY(os.makedirs("a/b/c").ok);
    QVERIFY(QFileInfo(dir.path() + "/a/b/c").isDir());
    QVERIFY(os.isdir("a/b"));
    QVERIFY(os.isdir(dir.path() + "/a"));
    QCOMPARE(os.resolve("a"), dir.path() + "/a");
    QCOMPARE(os.resolve("/etc"), QStringLiteral("/etc"));
    QCOMPARE(os.resolve(""), QString());
    QVERIFY(os.removedirs("a/b/c").ok);
    QVERIFY(!os.exists("a"));
    QVERIFY(QFileInfo(dir.path()).isDir());
}

void tst_Os::permissionDenied()
{
    ScratchDir dir;
    QVERIFY(dir.isValid());
    const QString asUser = qEnvironmentVariable("STDLAB_TEST_AS_USER");
    if (::geteuid() == 0 && asUser.isEmpty()) {
        // Root ignores mode bits, so chmod 000 denies nothing: run this same test function
        // again as the unprivileged "nobody" user (setpriv, util-linux).
        if (QStandardPaths::findExecutable("setpriv").isEmpty()) {
            QSKIP("running as root, where chmod 000 denies nothing, and setpriv is missing");
        }
        QFile::setPermissions(dir.path(), QFileDevice::Permissions(0x7777));
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("STDLAB_TEST_AS_USER", dir.path());
        child.setProcessEnvironment(env);
        child.start("setpriv", {"--reuid=65534", "--regid=65534", "--clear-groups", "--",
                                QCoreApplication::applicationFilePath(), "permissionDenied"});
        QVERIFY(child.waitForFinished(60000));
        const QByteArray output = child.readAllStandardOutput() + child.readAllStandardError();
        QVERIFY2(child.exitCode() == 0 && output.contains("PASS   : tst_Os::permissionDenied"),
                 output.constData());
        return;
    }
    const QString base = asUser.isEmpty() ? dir.path() : asUser + "/user";
    QVERIFY(QDir().mkpath(base));
    const Os os(base);
    QVERIFY(os.mkdir("locked").ok);
    QVERIFY(os.createFile("locked/x").ok);
    QVERIFY(::chmod(QFile::encodeName(base + "/locked").constData(), 0) == 0);
    const QString denied = QStringLiteral("[Errno 13] Permission denied: ");
    QCOMPARE(os.mkdir("locked/y").message, denied + "'locked/y'");
    QCOMPARE(os.listdir("locked").message, denied + "'locked'");
    QCOMPARE(os.remove("locked/x").message, denied + "'locked/x'");
    QCOMPARE(os.getsize("locked/x").message, denied + "'locked/x'");
    QCOMPARE(os.createFile("locked/z").message, denied + "'locked/z'");
    QCOMPARE(os.rename("locked/x", "x").message, denied + "'locked/x' -> 'x'");
    QCOMPARE(os.makedirs("locked/a/b").message, denied + "'locked/a'");
    QVERIFY(!os.exists("locked/x"));
    QVERIFY(::chmod(QFile::encodeName(base + "/locked").constData(), 0700) == 0);
    QVERIFY(os.exists("locked/x"));
}

void tst_Os::crossDeviceRenameUsesTwoPaths()
{
    struct stat a, b;
    ScratchDir dir;
    if (::stat("/dev/shm", &a) != 0 || ::stat(QFile::encodeName(dir.path()).constData(), &b) != 0
        || a.st_dev == b.st_dev) {
        QSKIP("/dev/shm is missing or on the same filesystem as the temporary directory");
    }
    ScratchDir shm("/dev/shm/stdlab-test-XXXXXX");
    QVERIFY(shm.isValid());
    const Os os;
    const QString src = dir.path() + "/a";
    QVERIFY(os.createFile(src).ok);
    const QString dst = shm.path() + "/b";
    const FsResult r = os.rename(src, dst);
    QCOMPARE(r.errnum, EXDEV);
    QCOMPARE(r.message, QStringLiteral("[Errno 18] Invalid cross-device link: ")
                            + stdlab::py::repr(src) + " -> " + stdlab::py::repr(dst));
}

void tst_Os::embeddedNullIsValueError()
{
    const Os os;
    const QString bad = QStringLiteral("a") + QChar(0) + QStringLiteral("b");
    QCOMPARE(os.mkdir(bad).message, QStringLiteral("embedded null byte"));
    QCOMPARE(os.mkdir(bad).errnum, 0);
    QVERIFY(!os.exists(bad));
}

QTEST_GUILESS_MAIN(tst_Os)
#include "tst_os.moc"

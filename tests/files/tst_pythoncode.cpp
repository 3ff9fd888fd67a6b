// The Python shown for each file operation, as the course writes it.
#include "files/fileworker.h"
#include "files/pythoncode.h"

#include <QProcess>

#include "scratchdir.h"
#include <QtTest>

#include <unistd.h>

using namespace stdlab::files;
namespace python = stdlab::files::python;

class tst_PythonCode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statements_data();
    void statements();
    void programAddsOnlyNeededImports();
    void jobsChooseCopy2OrCopytree();
    void trashHasNoStandardCall();
    void diskUsagePrintsWhatThePanelCounts();
    void verifiedCopiesFindWhatTheEngineFinds();
};

void tst_PythonCode::statements_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("expected");
    QTest::newRow("makedirs exist_ok") << python::makedirs("mi_directorio/mi_subdirectorio", true)
                                       << "os.makedirs(\"mi_directorio/mi_subdirectorio\", exist_ok=True)\n";
    QTest::newRow("makedirs") << python::makedirs("a/b") << "os.makedirs(\"a/b\")\n";
    QTest::newRow("mkdir") << python::mkdir("fotos") << "os.mkdir(\"fotos\")\n";
    QTest::newRow("copytree keeps links") << python::copytree("fotos", "copia/fotos")
                                          << "shutil.copytree(\"fotos\", \"copia/fotos\", symlinks=True)\n";
    QTest::newRow("copytree follow merge") << python::copytree("a", "b", true, true)
                                           << "shutil.copytree(\"a\", \"b\", dirs_exist_ok=True)\n";
    QTest::newRow("copy2") << python::copy2("a.txt", "b.txt") << "shutil.copy2(\"a.txt\", \"b.txt\")\n";
    QTest::newRow("move") << python::move("a", "b") << "shutil.move(\"a\", \"b\")\n";
    QTest::newRow("rmtree") << python::rmtree("x") << "shutil.rmtree(\"x\")\n";
    QTest::newRow("rename") << python::rename("a", "b") << "os.rename(\"a\", \"b\")\n";
    QTest::newRow("new file") << python::createFile("n.txt") << "open(\"n.txt\", \"x\").close()\n";
    QTest::newRow("listdir") << python::listdir(".") << "print(os.listdir(\".\"))\n";
    QTest::newRow("exists") << python::exists("x") << "print(os.path.exists(\"x\"))\n";
    QTest::newRow("getsize") << python::getsize("x") << "print(os.path.getsize(\"x\"))\n";
    QTest::newRow("join") << python::pathCall("join", {"a", "b"}) << "print(os.path.join(\"a\", \"b\"))\n";
    QTest::newRow("quote in name") << python::remove("say \"hi\"") << "os.remove('say \"hi\"')\n";
}

void tst_PythonCode::statements()
{
    QFETCH(QString, code);
    QFETCH(QString, expected);
    QCOMPARE(code, expected);
}

void tst_PythonCode::programAddsOnlyNeededImports()
{
    QCOMPARE(python::program(python::mkdir("a")), QStringLiteral("import os\n\nos.mkdir(\"a\")\n"));
    QCOMPARE(python::program(python::copy2("a", "b") + python::rmdir("c")),
             QStringLiteral("import os\nimport shutil\n\nshutil.copy2(\"a\", \"b\")\nos.rmdir(\"c\")\n"));
    QCOMPARE(python::program(python::temporaryDirectory()),
             QStringLiteral("import tempfile\n\npath = tempfile.mkdtemp()\nprint(path)\n"));
    QCOMPARE(python::program(python::createFile("x")), QStringLiteral("open(\"x\", \"x\").close()\n"));
}

void tst_PythonCode::jobsChooseCopy2OrCopytree()
{
    ScratchDir dir;
    QVERIFY(QDir().mkpath(dir.path() + "/fotos"));
    QFile f(dir.path() + "/a.txt");
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    JobRequest r;
    r.kind = JobKind::Copy;
    r.items = {{dir.path() + "/fotos", dir.path() + "/copia/fotos"},
               {dir.path() + "/a.txt", dir.path() + "/copia/a.txt"}};
    QCOMPARE(python::job(r), QStringLiteral("shutil.copytree(\"%1/fotos\", \"%1/copia/fotos\", symlinks=True)\n"
                                            "shutil.copy2(\"%1/a.txt\", \"%1/copia/a.txt\")\n")
                                 .arg(dir.path()));
    r.kind = JobKind::Delete;
    QCOMPARE(python::job(r, {true, false}),
             QStringLiteral("shutil.rmtree(\"%1/fotos\")\nos.remove(\"%1/a.txt\")\n").arg(dir.path()));
    r.kind = JobKind::Move;
    QCOMPARE(python::job(r, {true, false}),
             QStringLiteral("shutil.move(\"%1/fotos\", \"%1/copia/fotos\")\nshutil.move(\"%1/a.txt\", \"%1/copia/a.txt\")\n")
                 .arg(dir.path()));
}

void tst_PythonCode::trashHasNoStandardCall()
{
    const QString code = python::job(JobRequest::of(JobKind::Trash, {"a", "b"}), {false, false});
    const QStringList lines = code.split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    for (const QString &l : lines) {
        QVERIFY2(l.startsWith("# "), qPrintable(l));
    }
    QCOMPARE(lines.at(2), QStringLiteral("# send2trash(\"a\")"));
}

// The Size action shows the engine's counts; the program it shows must print the same numbers
// (files, folders, bytes) when run: a lone file counts, a link to a folder is one file (not
// walked), a file with two hard links counts once, several items give one total.
void tst_PythonCode::diskUsagePrintsWhatThePanelCounts()
{
    ScratchDir dir;
    QVERIFY(dir.isValid());
    auto write = [&](const QString &name, qsizetype size) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(QByteArray(size, 'x')), size);
    };
    QVERIFY(QDir().mkpath(dir.filePath("d/e")));
    write("d/a", 1000);
    write("d/e/b", 234);
    write("f.txt", 7);
    QCOMPARE(::link(QFile::encodeName(dir.filePath("d/a")).constData(),
                    QFile::encodeName(dir.filePath("d/e/hard")).constData()),
             0);
    QVERIFY(QFile::link("a", dir.filePath("d/link")));
    QVERIFY(QFile::link("e", dir.filePath("d/dirlink")));

    const JobSummary s =
        runJob(JobRequest::of(JobKind::DiskUsage, {dir.filePath("d"), dir.filePath("f.txt")}));
    QVERIFY(s.ok());
    QCOMPARE(s.files, 5); // a, e/b (e/hard is a), link, dirlink, f.txt
    QCOMPARE(s.directories, 2);
    QCOMPARE(s.bytes, 1241);

    const QString code = python::program(
        python::job(JobRequest::of(JobKind::DiskUsage, {"d", "f.txt"}), {true, false}));
    QProcess py;
    py.setWorkingDirectory(dir.path());
    py.start(QStringLiteral("python3"), {QStringLiteral("-c"), code});
    QVERIFY2(py.waitForFinished(30000), qPrintable(py.errorString()));
    QCOMPARE(QString::fromUtf8(py.readAllStandardError()), QString());
    QCOMPARE(QString::fromUtf8(py.readAllStandardOutput()), QStringLiteral("5 2 1241\n"));
}

// The Python shown for a verified copy finds the same bad copy the engine refuses: run on a
// tree copied by the engine, then on one with a byte flipped, it removes that file alone.
void tst_PythonCode::verifiedCopiesFindWhatTheEngineFinds()
{
    ScratchDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir().mkpath(dir.filePath("fotos/sub")));
    for (const QString &name : {QStringLiteral("fotos/a.jpg"), QStringLiteral("fotos/sub/b.jpg"),
                                QStringLiteral("c.txt")}) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(name.toUtf8().repeated(1000));
    }
    QVERIFY(QFile::link("a.jpg", dir.filePath("fotos/link")));
    JobRequest r;
    r.kind = JobKind::Copy;
    r.verify = true;
    r.items = {{dir.filePath("fotos"), dir.filePath("copia")},
               {dir.filePath("c.txt"), dir.filePath("c2.txt")}};
    const JobSummary s = runJob(r);
    QVERIFY2(s.ok(), qPrintable(s.errorString()));
    QCOMPARE(s.verified, 3);
    r.items = {{"fotos", "copia"}, {"c.txt", "c2.txt"}};
    const QString code = python::program(python::verifiedCopies(r.items, {true, false}));
    const auto run = [&] {
        QProcess py;
        py.setWorkingDirectory(dir.path());
        py.start(QStringLiteral("python3"), {QStringLiteral("-c"), code});
        py.waitForFinished(30000);
        return QString::fromUtf8(py.readAllStandardError() + py.readAllStandardOutput());
    };
    QCOMPARE(run(), QString());
    QFile bad(dir.filePath("copia/sub/b.jpg"));
    QVERIFY(bad.open(QIODevice::ReadWrite));
    QVERIFY(bad.seek(500));
    QVERIFY(bad.write("#") == 1);
    bad.close();
    QCOMPARE(run(), QStringLiteral("differs, removed: 'copia/sub/b.jpg'\n"));
    QVERIFY(!QFileInfo::exists(dir.filePath("copia/sub/b.jpg")));
    QVERIFY(QFileInfo::exists(dir.filePath("copia/a.jpg")));
    QVERIFY(QFileInfo::exists(dir.filePath("c2.txt")));
}

QTEST_GUILESS_MAIN(tst_PythonCode)
#include "tst_pythoncode.moc"

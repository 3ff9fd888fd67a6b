// os.path (posixpath) string functions, differential against CPython on generated paths.
#include "files/posixpath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include "scratchdir.h"
#include <QtTest>

namespace posixpath = stdlab::files::posixpath;

class tst_PosixPath : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void examples_data();
    void examples();
    void matchesCPython();
    void existsFollowsLinks();
};

void tst_PosixPath::examples_data()
{
    QTest::addColumn<QString>("function");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    QTest::newRow("join two") << "join" << QStringList{"fotos", "gato.jpg"} << "fotos/gato.jpg";
    QTest::newRow("join absolute resets") << "join" << QStringList{"a", "/b", "c"} << "/b/c";
    QTest::newRow("join keeps trailing slash") << "join" << QStringList{"a/", "b"} << "a/b";
    QTest::newRow("join empty last") << "join" << QStringList{"a", ""} << "a/";
    QTest::newRow("basename trailing slash") << "basename" << QStringList{"a/b/"} << "";
    QTest::newRow("dirname root") << "dirname" << QStringList{"/a"} << "/";
    QTest::newRow("dirname double slash root") << "dirname" << QStringList{"//a"} << "//";
    QTest::newRow("dirname strips slashes") << "dirname" << QStringList{"a//b"} << "a";
    QTest::newRow("splitext simple") << "splitext" << QStringList{"foto.tar.gz"} << "foto.tar|.gz";
    QTest::newRow("splitext dotfile") << "splitext" << QStringList{".bashrc"} << ".bashrc|";
    QTest::newRow("splitext dots only") << "splitext" << QStringList{"a/..."} << "a/...|";
    QTest::newRow("splitext dot in dir") << "splitext" << QStringList{"a.b/c"} << "a.b/c|";
    QTest::newRow("split") << "split" << QStringList{"/usr/lib/"} << "/usr/lib|";
    QTest::newRow("normpath dotdot") << "normpath" << QStringList{"a/b/../../.."} << "..";
    QTest::newRow("normpath root dotdot") << "normpath" << QStringList{"/../a"} << "/a";
    QTest::newRow("normpath two slashes kept") << "normpath" << QStringList{"//a//b"} << "//a/b";
    QTest::newRow("normpath three slashes") << "normpath" << QStringList{"///a"} << "/a";
    QTest::newRow("normpath empty") << "normpath" << QStringList{""} << ".";
    QTest::newRow("abspath") << "abspath" << QStringList{"x/../y", "/home/ana"} << "/home/ana/y";
}

static QString call(const QString &function, const QStringList &args)
{
    const QString a = args.value(0);
    if (function == "join") {
        return posixpath::join(args);
    }
    if (function == "basename") {
        return posixpath::basename(a);
    }
    if (function == "dirname") {
        return posixpath::dirname(a);
    }
    if (function == "split") {
        const auto [h, t] = posixpath::split(a);
        return h + "|" + t;
    }
    if (function == "splitext") {
        const auto [r, e] = posixpath::splitext(a);
        return r + "|" + e;
    }
    if (function == "normpath") {
        return posixpath::normpath(a);
    }
    if (function == "abspath") {
        return posixpath::abspath(a, args.value(1));
    }
    if (function == "isabs") {
        return posixpath::isabs(a) ? "True" : "False";
    }
    return "?";
}

void tst_PosixPath::examples()
{
    QFETCH(QString, function);
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    QCOMPARE(call(function, args), expected);
}

void tst_PosixPath::matchesCPython()
{
    // Paths built from the pieces where os.path has its corner cases.
    const QStringList pieces{"",   "a",     "b.c", ".",     "..",   "...", ".d",  "e.",
                             "/",  "//",    "///", "x.tar.gz", "año", "sp ace", "..f", "g..h"};
    QRandomGenerator rng(20261123);
    QStringList paths{"", "/", "//", "///", ".", "..", "a", "/a/", "//a", "a//"};
    while (paths.size() < 3000) {
        QString p;
        const int n = 1 + rng.bounded(6);
        for (int i = 0; i < n; ++i) {
            p += pieces.at(rng.bounded(pieces.size()));
            if (rng.bounded(3) != 0) {
                p += QLatin1Char('/');
            }
        }
        if (rng.bounded(4) == 0) {
            p.chop(1);
        }
        paths.append(p);
    }
    ScratchDir cwd;
    QVERIFY(cwd.isValid());
    QJsonArray joins;
    for (int i = 0; i < 1000; ++i) {
        QJsonArray parts;
        const int n = 1 + rng.bounded(4);
        for (int k = 0; k < n; ++k) {
            parts.append(paths.at(rng.bounded(paths.size())));
        }
        joins.append(parts);
    }
    const QJsonObject input{{"paths", QJsonArray::fromStringList(paths)}, {"joins", joins}};
    const char *script = R"PY(
import json, os, os.path as p, sys
data = json.load(sys.stdin)
out = []
for s in data["paths"]:
    out.append([p.basename(s), p.dirname(s), "|".join(p.split(s)), "|".join(p.splitext(s)),
                p.normpath(s), p.abspath(s), str(p.isabs(s))])
joins = [p.join(*parts) for parts in data["joins"]]
json.dump({"paths": out, "joins": joins}, sys.stdout)
)PY";
    QProcess python;
    python.setWorkingDirectory(cwd.path());
    python.start("python3", {"-c", QString::fromLatin1(script)});
    QVERIFY2(python.waitForStarted(10000), "python3 is needed");
    python.write(QJsonDocument(input).toJson(QJsonDocument::Compact));
    python.closeWriteChannel();
    QVERIFY(python.waitForFinished(60000));
    QCOMPARE(python.exitCode(), 0);
    const QJsonObject output = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    const QJsonArray results = output["paths"].toArray();
    QCOMPARE(results.size(), paths.size());
    const QStringList functions{"basename", "dirname", "split", "splitext", "normpath",
                                "abspath", "isabs"};
    int compared = 0;
    for (int i = 0; i < paths.size(); ++i) {
        const QJsonArray expected = results.at(i).toArray();
        for (int f = 0; f < functions.size(); ++f) {
            QStringList args{paths.at(i)};
            if (functions.at(f) == "abspath") {
                args.append(cwd.path());
            }
            const QString ours = call(functions.at(f), args);
            const QString theirs = expected.at(f).toString();
            if (ours != theirs) {
                QFAIL(qPrintable(QStringLiteral("os.path.%1(%2): ours %3, CPython %4")
                                     .arg(functions.at(f), paths.at(i), ours, theirs)));
            }
            ++compared;
        }
    }
    const QJsonArray joined = output["joins"].toArray();
    for (int i = 0; i < joins.size(); ++i) {
        QStringList parts;
        for (const auto &v : joins.at(i).toArray()) {
            parts.append(v.toString());
        }
        QCOMPARE(posixpath::join(parts), joined.at(i).toString());
        ++compared;
    }
    QCOMPARE(compared, paths.size() * functions.size() + joins.size());
}

void tst_PosixPath::existsFollowsLinks()
{
    ScratchDir dir;
    QVERIFY(QFile::link("nowhere", dir.path() + "/dangling"));
    QVERIFY(QFile::link(dir.path(), dir.path() + "/self"));
    QVERIFY(!posixpath::exists("dangling", dir.path()));
    QVERIFY(posixpath::exists("self", dir.path()));
    QVERIFY(posixpath::exists(dir.path() + "/self/self/self"));
    QVERIFY(!posixpath::exists("missing", dir.path()));
}

QTEST_GUILESS_MAIN(tst_PosixPath)
#include "tst_posixpath.moc"

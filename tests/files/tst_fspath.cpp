// File names as bytes and as Python's str (os.fsdecode / os.fsencode with surrogateescape),
// checked against python3 itself; where a path leads before anything exists there.
#include "files/fspath.h"

#include "common/pyrepr.h"

#include <QDir>
#include <QProcess>
#include <QRandomGenerator>
#include "scratchdir.h"
#include <QtTest>

using namespace stdlab::files;

class tst_FsPath : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodeIsPythonsFsdecode();
    void encodeUndoesDecodeForAnyBytes();
    void displayNameIsReprOnlyWhenNeeded_data();
    void displayNameIsReprOnlyWhenNeeded();
    void literalOfAnEscapedNameIsNotRaw();
    void resolvedPathFollowsLinksAndDotDotThroughMissingParts_data();
    void resolvedPathFollowsLinksAndDotDotThroughMissingParts();
};

namespace {

QList<QByteArray> samples()
{
    QList<QByteArray> list = {
        "plain.txt",
        "caf\xc3\xa9.txt",
        "caf\xe9.txt",
        "caf\xef\xbf\xbd.txt", // a real U+FFFD, the look-alike of the line above
        "\xff\xfe",
        "\xe2\x82",             // a truncated sequence
        "\xe2\x82\xe2\x82\xac", // truncated, then a whole euro sign
        "\xc0\xaf",             // overlong '/'
        "\xed\xa0\x80",         // an encoded surrogate (CESU)
        "\xf4\x90\x80\x80",     // above U+10FFFF
        "\xf0\x9f\x98\x80",     // an emoji (a surrogate pair in UTF-16)
        "a\nb",
        "\x80",
    };
    QRandomGenerator rng(20);
    for (int i = 0; i < 300; ++i) {
        QByteArray b;
        const int n = int(rng.bounded(1, 12));
        for (int k = 0; k < n; ++k) {
            // Bias towards the bytes that make UTF-8 interesting.
            const quint32 r = rng.bounded(4);
            b += char(r == 0 ? rng.bounded(0x20, 0x80) : rng.bounded(0x80, 0x100));
        }
        list << b;
    }
    return list;
}

} // namespace

void tst_FsPath::decodeIsPythonsFsdecode()
{
    const QList<QByteArray> inputs = samples();
    QByteArray script = "import os, sys\nfor h in sys.stdin.read().split():\n"
                        "    print(repr(os.fsdecode(bytes.fromhex(h))))\n";
    QByteArray input;
    for (const QByteArray &b : inputs) {
        input += b.toHex() + '\n';
    }
    QProcess py;
    py.start(QStringLiteral("python3"), {QStringLiteral("-c"), QString::fromLatin1(script)});
    QVERIFY(py.waitForStarted(10000));
    py.write(input);
    py.closeWriteChannel();
    QVERIFY(py.waitForFinished(30000));
    QCOMPARE(py.exitCode(), 0);
    const QStringList expected
        = QString::fromUtf8(py.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(expected.size(), inputs.size());
    for (int i = 0; i < inputs.size(); ++i) {
        QCOMPARE(stdlab::py::repr(fsDecode(inputs[i])), expected[i]);
    }
}

void tst_FsPath::encodeUndoesDecodeForAnyBytes()
{
    for (const QByteArray &b : samples()) {
        QCOMPARE(fsEncode(fsDecode(b)), b);
    }
    // The look-alikes stay two names: QFile::decodeName() made them one.
    QVERIFY(fsDecode("caf\xe9.txt") != fsDecode("caf\xef\xbf\xbd.txt"));
    QCOMPARE(fsDecode("caf\xe9.txt"), QStringLiteral("caf") + QChar(0xdce9) + ".txt");
    QCOMPARE(fsEncode(QStringLiteral("caf\u00e9")), QByteArray("caf\xc3\xa9"));
}

void tst_FsPath::displayNameIsReprOnlyWhenNeeded_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("shown");
    QTest::newRow("plain") << QByteArray("notas.txt") << "notas.txt";
    QTest::newRow("accents and spaces") << QByteArray("caf\xc3\xa9 con leche") << "café con leche";
    QTest::newRow("quote") << QByteArray("it's") << "it's";
    QTest::newRow("latin-1 byte") << QByteArray("caf\xe9.txt") << "'caf\\udce9.txt'";
    QTest::newRow("real U+FFFD") << QByteArray("caf\xef\xbf\xbd.txt") << "caf\uFFFD.txt";
    QTest::newRow("two bad bytes") << QByteArray("\xff\xfe") << "'\\udcff\\udcfe'";
    QTest::newRow("newline") << QByteArray("a\nb") << "'a\\nb'";
    QTest::newRow("tab") << QByteArray("a\tb") << "'a\\tb'";
}

void tst_FsPath::displayNameIsReprOnlyWhenNeeded()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, shown);
    QCOMPARE(displayName(fsDecode(bytes)), shown);
}

void tst_FsPath::literalOfAnEscapedNameIsNotRaw()
{
    // A backslash would make it r"..."; a raw literal cannot hold the escaped byte.
    const QString name = fsDecode("a\\caf\xe9");
    QCOMPARE(stdlab::py::literal(name), QStringLiteral("\"a\\\\caf\\udce9\""));
    QCOMPARE(stdlab::py::literal(QStringLiteral("a\\b")), QStringLiteral("r\"a\\b\""));
}

void tst_FsPath::resolvedPathFollowsLinksAndDotDotThroughMissingParts_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("resolved"); // relative to the fixture's real root
    QTest::newRow("existing") << "a" << "a";
    QTest::newRow("missing parent") << "a/new/sub" << "a/new/sub";
    QTest::newRow("dot slash") << "./a/./new" << "a/new";
    QTest::newRow("dot dot through a sibling") << "b/../a/new" << "a/new";
    QTest::newRow("dot dot after a missing folder") << "a/new/../sub" << "a/sub";
    QTest::newRow("dot dot out of a missing tail") << "a/x/y/../../../b" << "b";
    QTest::newRow("symlink") << "link/new" << "a/new";
    QTest::newRow("symlink after dot dot of a missing one") << "b/m/../../link/n" << "a/n";
    QTest::newRow("trailing slash") << "a/new/" << "a/new";
}

void tst_FsPath::resolvedPathFollowsLinksAndDotDotThroughMissingParts()
{
    QFETCH(QString, path);
    QFETCH(QString, resolved);
    ScratchDir dir;
    QVERIFY(QDir(dir.path()).mkpath("a") && QDir(dir.path()).mkpath("b"));
    QVERIFY(QFile::link("a", dir.filePath("link")));
    const QByteArray root = resolvedPath(QFile::encodeName(dir.path()));
    const QString cwd = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir.path()));
    const QByteArray relative = resolvedPath(fsEncode(path));
    QVERIFY(QDir::setCurrent(cwd));
    QCOMPARE(relative, root + '/' + fsEncode(resolved));
    QCOMPARE(resolvedPath(root + '/' + fsEncode(path)), root + '/' + fsEncode(resolved));
    QVERIFY(isInsideResolved(relative, root));
    QVERIFY(!isInsideResolved(root + "x", root));
}

QTEST_GUILESS_MAIN(tst_FsPath)
#include "tst_fspath.moc"

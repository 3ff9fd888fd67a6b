// Back / Forward / Up over visited folders.
#include "files/directoryhistory.h"

#include <QSignalSpy>
#include <QtTest>

using stdlab::files::DirectoryHistory;

class tst_DirectoryHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsEmpty();
    void backAndForward();
    void visitingDropsTheForwardEntries();
    void visitingTheCurrentFolderAddsNothing();
    void upVisitsTheParent();
    void parentOf_data();
    void parentOf();
    void keepsAtMostOneHundredEntries();
};

void tst_DirectoryHistory::startsEmpty()
{
    DirectoryHistory h;
    QCOMPARE(h.current(), QString());
    QVERIFY(!h.canGoBack());
    QVERIFY(!h.canGoForward());
    QVERIFY(!h.canGoUp());
    QCOMPARE(h.back(), QString());
}

void tst_DirectoryHistory::backAndForward()
{
    DirectoryHistory h;
    QSignalSpy changed(&h, &DirectoryHistory::changed);
    h.visit(QStringLiteral("/a"));
    h.visit(QStringLiteral("/a/b/"));
    h.visit(QStringLiteral("/c"));
    QCOMPARE(changed.count(), 3);
    QCOMPARE(h.entries(), QStringList({"/a", "/a/b", "/c"}));
    QCOMPARE(h.back(), QStringLiteral("/a/b"));
    QCOMPARE(h.back(), QStringLiteral("/a"));
    QVERIFY(!h.canGoBack());
    QCOMPARE(h.back(), QString());
    QCOMPARE(h.current(), QStringLiteral("/a"));
    QCOMPARE(h.forward(), QStringLiteral("/a/b"));
    QCOMPARE(h.forward(), QStringLiteral("/c"));
    QVERIFY(!h.canGoForward());
    QCOMPARE(h.currentIndex(), 2);
}

void tst_DirectoryHistory::visitingDropsTheForwardEntries()
{
    DirectoryHistory h;
    h.visit(QStringLiteral("/a"));
    h.visit(QStringLiteral("/b"));
    h.visit(QStringLiteral("/c"));
    h.back();
    h.back();
    h.visit(QStringLiteral("/d"));
    QCOMPARE(h.entries(), QStringList({"/a", "/d"}));
    QVERIFY(!h.canGoForward());
}

void tst_DirectoryHistory::visitingTheCurrentFolderAddsNothing()
{
    DirectoryHistory h;
    h.visit(QStringLiteral("/a"));
    QSignalSpy changed(&h, &DirectoryHistory::changed);
    h.visit(QStringLiteral("/a/"));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(h.entries().size(), 1);
}

void tst_DirectoryHistory::upVisitsTheParent()
{
    DirectoryHistory h;
    h.visit(QStringLiteral("/home/user/docs"));
    QVERIFY(h.canGoUp());
    QCOMPARE(h.up(), QStringLiteral("/home/user"));
    QCOMPARE(h.up(), QStringLiteral("/home"));
    QCOMPARE(h.up(), QStringLiteral("/"));
    QVERIFY(!h.canGoUp());
    QCOMPARE(h.up(), QString());
    QCOMPARE(h.back(), QStringLiteral("/home"));
}

void tst_DirectoryHistory::parentOf_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("parent");
    QTest::newRow("root has none") << "/" << "";
    QTest::newRow("top level") << "/tmp" << "/";
    QTest::newRow("nested") << "/a/b/c" << "/a/b";
    QTest::newRow("empty") << "" << "";
}

void tst_DirectoryHistory::parentOf()
{
    QFETCH(QString, path);
    QFETCH(QString, parent);
    QCOMPARE(DirectoryHistory::parentOf(path), parent);
}

void tst_DirectoryHistory::keepsAtMostOneHundredEntries()
{
    DirectoryHistory h;
    for (int i = 0; i < 150; ++i) {
        h.visit(QStringLiteral("/d%1").arg(i));
    }
    QCOMPARE(h.entries().size(), 100);
    QCOMPARE(h.entries().first(), QStringLiteral("/d50"));
    QCOMPARE(h.current(), QStringLiteral("/d149"));
}

QTEST_GUILESS_MAIN(tst_DirectoryHistory)
#include "tst_directoryhistory.moc"

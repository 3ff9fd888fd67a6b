// Temporary files and directories made on request, listed, removed on request or at the end.
#include "files/temporaryitems.h"

#include <QSignalSpy>
#include <QtTest>

using stdlab::files::TemporaryItems;

class tst_TemporaryItems : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createAndRemove();
    void removedWithTheObject();
    void unknownPathIsRefused();
};

void tst_TemporaryItems::createAndRemove()
{
    TemporaryItems items;
    QSignalSpy changed(&items, &TemporaryItems::itemsChanged);
    const QString file = items.createFile();
    const QString dir = items.createDirectory();
    QVERIFY(QFileInfo(file).isFile());
    QVERIFY(QFileInfo(dir).isDir());
    QVERIFY(file.startsWith(QDir::tempPath()));
    QCOMPARE(items.paths(), (QStringList{file, dir}));
    QCOMPARE(changed.size(), 2);
    QFile inside(dir + "/x");
    QVERIFY(inside.open(QIODevice::WriteOnly));
    inside.close();
    QVERIFY(items.remove(dir));
    QVERIFY(!QFileInfo::exists(dir));
    QVERIFY(items.remove(file));
    QVERIFY(!QFileInfo::exists(file));
    QVERIFY(items.paths().isEmpty());
    QCOMPARE(changed.size(), 4);
}

void tst_TemporaryItems::removedWithTheObject()
{
    QString file, dir;
    {
        TemporaryItems items;
        file = items.createFile("nota-XXXXXX.txt");
        dir = items.createDirectory("carpeta-XXXXXX");
        QVERIFY(QFileInfo(file).fileName().startsWith("nota-"));
        QVERIFY(file.endsWith(".txt"));
        QVERIFY(QFileInfo(dir).fileName().startsWith("carpeta-"));
    }
    QVERIFY(!QFileInfo::exists(file));
    QVERIFY(!QFileInfo::exists(dir));
}

void tst_TemporaryItems::unknownPathIsRefused()
{
    TemporaryItems items;
    QVERIFY(!items.remove(QDir::tempPath()));
    QVERIFY(!items.errorString().isEmpty());
    QVERIFY(QFileInfo(QDir::tempPath()).isDir());
}

QTEST_GUILESS_MAIN(tst_TemporaryItems)
#include "tst_temporaryitems.moc"

// The Files tab's list model: background listing, columns, hidden/filter, sort, reload, drops.
#include "files/filelistmodel.h"
#include "files/fspath.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QMimeData>
#include <QSignalSpy>
#include "scratchdir.h"
#include <QtTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using stdlab::files::FileListModel;

class tst_FileListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void listsFoldersFirstInNaturalOrder();
    void columnsShowSizeTypeModeAndDate();
    void hiddenFilesAreShownOnRequest();
    void nameFilter_data();
    void nameFilter();
    void sortBySizeKeepsPersistentIndexes();
    void reloadsWhenTheFolderChanges();
    void missingFolderFailsLikeListdir();
    void fileMode_data();
    void fileMode();
    void clipboardMimeDataRoundTrip();
    void dropOnFolderRowTargetsThatFolder();
    void largeFolderLoadsSorted();
    void namesThatAreNotUtf8ListWithTheirOwnDetails();

private:
    void write(const QString &name, const QByteArray &data = QByteArray());
    bool load(const QString &path);
    QStringList names() const;

    std::unique_ptr<ScratchDir> m_dir;
    std::unique_ptr<FileListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void tst_FileListModel::init()
{
    m_dir = std::make_unique<ScratchDir>();
    QVERIFY(m_dir->isValid());
    m_model = std::make_unique<FileListModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void tst_FileListModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_dir.reset();
}

void tst_FileListModel::write(const QString &name, const QByteArray &data)
{
    QFile f(m_dir->filePath(name));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

bool tst_FileListModel::load(const QString &path)
{
    QSignalSpy loaded(m_model.get(), &FileListModel::loaded);
    m_model->setDirectory(path);
    return loaded.wait(10000);
}

QStringList tst_FileListModel::names() const
{
    QStringList list;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        list << m_model->index(row, 0).data().toString();
    }
    return list;
}

void tst_FileListModel::listsFoldersFirstInNaturalOrder()
{
    write(QStringLiteral("file10.txt"));
    write(QStringLiteral("file2.txt"));
    write(QStringLiteral("B.txt"));
    write(QStringLiteral("a.txt"));
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("zeta")));
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("Alpha")));
    QVERIFY(load(m_dir->path()));
    QCOMPARE(m_model->directory(), m_dir->path());
    QCOMPARE(names(), QStringList({"Alpha", "zeta", "a.txt", "B.txt", "file2.txt", "file10.txt"}));
    QCOMPARE(m_model->totalCount(), 6);
    QCOMPARE(m_model->filePath(m_model->index(1, 0)), m_dir->filePath(QStringLiteral("zeta")));
    QVERIFY(m_model->isDir(m_model->index(0, 0)));
    QVERIFY(!m_model->isDir(m_model->index(2, 0)));
    QCOMPARE(m_model->indexOf(QStringLiteral("B.txt")).row(), 3);
    QVERIFY(!m_model->indexOf(QStringLiteral("nope")).isValid());
}

void tst_FileListModel::columnsShowSizeTypeModeAndDate()
{
    write(QStringLiteral("data.bin"), QByteArray(2048, 'x'));
    QVERIFY(QFile::setPermissions(m_dir->filePath(QStringLiteral("data.bin")),
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup));
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("sub")));
    QVERIFY(QFile::link(QStringLiteral("sub"), m_dir->filePath(QStringLiteral("link"))));
    QVERIFY(load(m_dir->path()));
    QCOMPARE(names(), QStringList({"link", "sub", "data.bin"}));
    const QModelIndex file = m_model->index(2, 0);
    QCOMPARE(file.siblingAtColumn(FileListModel::SizeColumn).data(FileListModel::SizeRole).toLongLong(),
             2048);
    QCOMPARE(file.siblingAtColumn(FileListModel::SizeColumn).data().toString(),
             QLocale().formattedDataSize(2048));
    QCOMPARE(file.siblingAtColumn(FileListModel::PermissionsColumn).data().toString(),
             QStringLiteral("-rw-r-----"));
    QCOMPARE(m_model->index(1, FileListModel::TypeColumn).data().toString(), QStringLiteral("Folder"));
    QCOMPARE(m_model->index(1, FileListModel::SizeColumn).data().toString(), QString());
    QCOMPARE(m_model->index(0, FileListModel::TypeColumn).data().toString(),
             QStringLiteral("Link to folder"));
    QCOMPARE(m_model->index(0, FileListModel::PermissionsColumn).data().toString().at(0),
             QLatin1Char('l'));
    QVERIFY(m_model->index(0, 0).data(FileListModel::IsSymlinkRole).toBool());
    const QDateTime modified = file.siblingAtColumn(FileListModel::ModifiedColumn)
                                   .data(FileListModel::ModifiedRole).toDateTime();
    QVERIFY(qAbs(modified.secsTo(QDateTime::currentDateTime())) < 600);
    QCOMPARE(file.siblingAtColumn(FileListModel::ModifiedColumn).data().toString(),
             modified.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    QCOMPARE(m_model->headerData(FileListModel::PermissionsColumn, Qt::Horizontal).toString(),
             QStringLiteral("Permissions"));
}

void tst_FileListModel::hiddenFilesAreShownOnRequest()
{
    write(QStringLiteral(".secret"));
    write(QStringLiteral("visible"));
    QVERIFY(load(m_dir->path()));
    QCOMPARE(names(), QStringList({"visible"}));
    QCOMPARE(m_model->totalCount(), 2);
    m_model->setShowHidden(true);
    QCOMPARE(names(), QStringList({".secret", "visible"}));
    m_model->setShowHidden(false);
    QCOMPARE(names(), QStringList({"visible"}));
}

void tst_FileListModel::nameFilter_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("wildcard matches whole names") << "*.txt" << QStringList({"notes.txt", "TODO.TXT"});
    QTest::newRow("plain text is a substring, any case") << "do" << QStringList({"TODO.TXT"});
    QTest::newRow("question mark is one character") << "?.py" << QStringList({"a.py"});
    QTest::newRow("empty filter shows everything")
        << "" << QStringList({"a.py", "notes.txt", "TODO.TXT"});
    QTest::newRow("no match leaves the list empty") << "*.zip" << QStringList();
}

void tst_FileListModel::nameFilter()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, expected);
    write(QStringLiteral("notes.txt"));
    write(QStringLiteral("TODO.TXT"));
    write(QStringLiteral("a.py"));
    QVERIFY(load(m_dir->path()));
    m_model->setNameFilter(filter);
    QCOMPARE(names(), expected);
}

void tst_FileListModel::sortBySizeKeepsPersistentIndexes()
{
    write(QStringLiteral("small"), QByteArray(10, 'x'));
    write(QStringLiteral("big"), QByteArray(1000, 'x'));
    write(QStringLiteral("medium"), QByteArray(100, 'x'));
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("dir")));
    QVERIFY(load(m_dir->path()));
    QCOMPARE(names(), QStringList({"dir", "big", "medium", "small"}));
    const QPersistentModelIndex small = m_model->indexOf(QStringLiteral("small"));
    QSignalSpy layout(m_model.get(), &QAbstractItemModel::layoutChanged);
    m_model->sort(FileListModel::SizeColumn, Qt::DescendingOrder);
    QCOMPARE(layout.count(), 1);
    QCOMPARE(names(), QStringList({"dir", "big", "medium", "small"}));
    m_model->sort(FileListModel::SizeColumn, Qt::AscendingOrder);
    QCOMPARE(names(), QStringList({"dir", "small", "medium", "big"}));
    QCOMPARE(small.row(), 1);
    QCOMPARE(small.data().toString(), QStringLiteral("small"));
    m_model->sort(FileListModel::NameColumn, Qt::DescendingOrder);
    QCOMPARE(names(), QStringList({"dir", "small", "medium", "big"})); // folders stay first
    QCOMPARE(small.row(), 1);
    m_model->sort(FileListModel::NameColumn, Qt::AscendingOrder);
    QCOMPARE(small.row(), 3);
}

void tst_FileListModel::reloadsWhenTheFolderChanges()
{
    write(QStringLiteral("one"));
    QVERIFY(load(m_dir->path()));
    QCOMPARE(names(), QStringList({"one"}));
    write(QStringLiteral("two"));
    QTRY_COMPARE_WITH_TIMEOUT(names(), QStringList({"one", "two"}), 10000);
    QVERIFY(QFile::remove(m_dir->filePath(QStringLiteral("one"))));
    QTRY_COMPARE_WITH_TIMEOUT(names(), QStringList({"two"}), 10000);
}

void tst_FileListModel::missingFolderFailsLikeListdir()
{
    const QString missing = m_dir->filePath(QStringLiteral("missing"));
    QSignalSpy failed(m_model.get(), &FileListModel::loadFailed);
    m_model->setDirectory(missing);
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.first().at(1).toInt(), ENOENT);
    QCOMPARE(failed.first().at(2).toString(),
             QStringLiteral("[Errno 2] No such file or directory: '%1'").arg(missing));
    QCOMPARE(m_model->rowCount(), 0);
}

void tst_FileListModel::fileMode_data()
{
    // Expected values are Python's stat.filemode() of the same numbers.
    QTest::addColumn<uint>("mode");
    QTest::addColumn<QString>("expected");
    QTest::newRow("regular 644") << uint(0100644) << "-rw-r--r--";
    QTest::newRow("directory 755") << uint(040755) << "drwxr-xr-x";
    QTest::newRow("sticky /tmp") << uint(041777) << "drwxrwxrwt";
    QTest::newRow("sticky without x") << uint(041776) << "drwxrwxrwT";
    QTest::newRow("setuid") << uint(0104755) << "-rwsr-xr-x";
    QTest::newRow("setgid without x") << uint(0102644) << "-rw-r-Sr--";
    QTest::newRow("symlink") << uint(0120777) << "lrwxrwxrwx";
    QTest::newRow("fifo") << uint(010600) << "prw-------";
    QTest::newRow("no permissions") << uint(0100000) << "----------";
}

void tst_FileListModel::fileMode()
{
    QFETCH(uint, mode);
    QFETCH(QString, expected);
    QCOMPARE(FileListModel::fileMode(mode), expected);
}

void tst_FileListModel::clipboardMimeDataRoundTrip()
{
    const QStringList paths = {QStringLiteral("/tmp/a b.txt"), QStringLiteral("/tmp/ñ")};
    std::unique_ptr<QMimeData> copy(FileListModel::mimeDataForPaths(paths, false));
    QVERIFY(copy->hasFormat(QStringLiteral("text/uri-list")));
    QCOMPARE(QString::fromUtf8(copy->data(QStringLiteral("text/uri-list"))).trimmed(),
             QStringLiteral("file:///tmp/a%20b.txt\r\nfile:///tmp/%C3%B1"));
    QCOMPARE(FileListModel::pathsFromMimeData(copy.get()), paths);
    QVERIFY(!FileListModel::isCutMimeData(copy.get()));
    std::unique_ptr<QMimeData> cut(FileListModel::mimeDataForPaths(paths, true));
    QVERIFY(FileListModel::isCutMimeData(cut.get()));
    QCOMPARE(cut->data(QStringLiteral("x-special/gnome-copied-files")),
             QByteArray("cut\nfile:///tmp/a%20b.txt\nfile:///tmp/%C3%B1"));
    // What another file manager puts on the clipboard: only a uri-list.
    QMimeData foreign;
    foreign.setData(QStringLiteral("text/uri-list"), "file:///home/u/x.png\r\nhttp://e.org/y\r\n");
    QCOMPARE(FileListModel::pathsFromMimeData(&foreign), QStringList({"/home/u/x.png"}));
}

void tst_FileListModel::dropOnFolderRowTargetsThatFolder()
{
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("dest")));
    write(QStringLiteral("file"));
    QVERIFY(load(m_dir->path()));
    QSignalSpy dropped(m_model.get(), &FileListModel::dropRequested);
    std::unique_ptr<QMimeData> data(FileListModel::mimeDataForPaths({QStringLiteral("/x/y")}));
    const QModelIndex dest = m_model->indexOf(QStringLiteral("dest"));
    QVERIFY(m_model->flags(dest) & Qt::ItemIsDropEnabled);
    QVERIFY(!(m_model->flags(m_model->indexOf(QStringLiteral("file"))) & Qt::ItemIsDropEnabled));
    QVERIFY(!m_model->dropMimeData(data.get(), Qt::MoveAction, -1, -1, dest));
    QCOMPARE(dropped.count(), 1);
    QCOMPARE(dropped.at(0).at(0).toStringList(), QStringList({"/x/y"}));
    QCOMPARE(dropped.at(0).at(1).toString(), m_dir->filePath(QStringLiteral("dest")));
    QCOMPARE(dropped.at(0).at(2).value<Qt::DropAction>(), Qt::MoveAction);
    m_model->dropMimeData(data.get(), Qt::CopyAction, 0, 0, QModelIndex());
    QCOMPARE(dropped.count(), 2);
    QCOMPARE(dropped.at(1).at(1).toString(), m_dir->path());
    // A folder cannot be dropped into itself.
    std::unique_ptr<QMimeData> self(FileListModel::mimeDataForPaths({m_dir->filePath("dest")}));
    QVERIFY(!m_model->canDropMimeData(self.get(), Qt::MoveAction, -1, -1, dest));
    std::unique_ptr<QMimeData> drag(m_model->mimeData({m_model->indexOf(QStringLiteral("file"))}));
    QCOMPARE(FileListModel::pathsFromMimeData(drag.get()), QStringList({m_dir->filePath("file")}));
}

void tst_FileListModel::largeFolderLoadsSorted()
{
    const int count = qEnvironmentVariableIsSet("STDLAB_SANITIZED") ? 2000 : 20000;
    for (int i = count; i >= 1; --i) {
        QFile f(m_dir->filePath(QStringLiteral("f%1").arg(i)));
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    m_tester.reset(); // the tester's full checks are quadratic on 20,000 rows
    QVERIFY(load(m_dir->path()));
    QCOMPARE(m_model->rowCount(), count);
    QCOMPARE(m_model->index(0, 0).data().toString(), QStringLiteral("f1"));
    QCOMPARE(m_model->index(9, 0).data().toString(), QStringLiteral("f10"));
    QCOMPARE(m_model->index(count - 1, 0).data().toString(), QStringLiteral("f%1").arg(count));
    m_model->setNameFilter(QStringLiteral("f1?"));
    QCOMPARE(m_model->rowCount(), 10);
}

void tst_FileListModel::namesThatAreNotUtf8ListWithTheirOwnDetails()
{
    using stdlab::files::fsDecode;
    const QByteArray root = QFile::encodeName(m_dir->path());
    struct Made
    {
        QByteArray name;
        QByteArray data;
        mode_t mode;
    };
    // Before: listed as 'caf\uFFFD.txt' and '\uFFFD\uFFFD' with 0 bytes and '----------'
    // (lstat of the re-encoded name found nothing), or with the look-alike's details.
    const QList<Made> made = {{"caf\xe9.txt", "latin-1", 0600},
                              {"caf\xef\xbf\xbd.txt", "the look-alike, longer", 0644},
                              {"\xff\xfe", "x", 0640},
                              {"line\nbreak", "", 0604}};
    for (const Made &m : made) {
        const int fd = ::open(QByteArray(root + '/' + m.name).constData(), O_WRONLY | O_CREAT | O_EXCL,
                              m.mode);
        QVERIFY(fd >= 0);
        QCOMPARE(::write(fd, m.data.constData(), size_t(m.data.size())), ssize_t(m.data.size()));
        QCOMPARE(::fchmod(fd, m.mode), 0);
        ::close(fd);
    }
    QVERIFY(load(m_dir->path()));
    QCOMPARE(m_model->rowCount(), made.size());
    for (const Made &m : made) {
        const QString name = fsDecode(m.name);
        const QModelIndex index = m_model->indexOf(name);
        QVERIFY2(index.isValid(), m.name.constData());
        QCOMPARE(m_model->fileName(index), name);
        QCOMPARE(stdlab::files::fsEncode(m_model->filePath(index)), QByteArray(root + '/' + m.name));
        const stdlab::files::FileEntry *e = m_model->entry(index);
        QCOMPARE(e->size, m.data.size());
        QCOMPARE(e->mode & 0777, quint32(m.mode));
        struct stat st;
        QCOMPARE(::lstat(QByteArray(root + '/' + m.name).constData(), &st), 0);
        QCOMPARE(e->inode, quint64(st.st_ino));
        QCOMPARE(e->device, quint64(st.st_dev));
    }
    // Shown as Python shows them; a valid name as it is.
    const auto shown = [&](const QByteArray &name) {
        return m_model->indexOf(fsDecode(name)).data().toString();
    };
    QCOMPARE(shown("caf\xe9.txt"), QStringLiteral("'caf\\udce9.txt'"));
    QCOMPARE(shown("caf\xef\xbf\xbd.txt"), QStringLiteral("caf\uFFFD.txt"));
    QCOMPARE(shown("\xff\xfe"), QStringLiteral("'\\udcff\\udcfe'"));
    QCOMPARE(shown("line\nbreak"), QStringLiteral("'line\\nbreak'"));
    // The clipboard carries the bytes, percent-encoded.
    const QStringList paths = {fsDecode(root + "/caf\xe9.txt"), fsDecode(root + "/\xff\xfe")};
    std::unique_ptr<QMimeData> data(FileListModel::mimeDataForPaths(paths));
    QVERIFY(data->data("text/uri-list").contains("caf%E9.txt"));
    // What Open hands to the desktop: the same bytes (fromLocalFile would say caf%EF%BF%BD).
    QCOMPARE(FileListModel::urlForPath(paths.first()).toEncoded(),
             "file://" + root.toPercentEncoding("/") + "/caf%E9.txt");
    QCOMPARE(FileListModel::urlForPath(QStringLiteral("/tmp/a b#c.txt")),
             QUrl::fromLocalFile(QStringLiteral("/tmp/a b#c.txt")));
    QCOMPARE(FileListModel::pathsFromMimeData(data.get()), paths);
}

QTEST_GUILESS_MAIN(tst_FileListModel)
#include "tst_filelistmodel.moc"

// The freedesktop.org trash: with XDG_DATA_HOME in a temporary directory, trashing writes
// files/NAME and info/NAME.trashinfo with the spec's contents; name collisions; other volumes.
#include "files/trash.h"

#include "files/fileoperations.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include "scratchdir.h"
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace stdlab::files;

class tst_Trash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void homeTrashFollowsXdgDataHome();
    void trashWritesFilesAndInfo();
    void pathIsPercentEncoded();
    void collisionsGetNewNames();
    void directoriesAndLinksAreTrashedWhole();
    void missingItemIsAnError();
    void insideTheTrashIsUnavailable();
    void otherVolumeUsesTopDirectoryTrash();
    void fileWithoutTrashIsUnavailable();
    void trashJobReportsEachItem();

private:
    QString path(const QString &relative) const { return m_dir->path() + '/' + relative; }
    static QMap<QString, QString> readInfo(const QString &file);

    std::unique_ptr<ScratchDir> m_dir;
    QByteArray m_savedXdg;
};

void tst_Trash::init()
{
    m_dir = std::make_unique<ScratchDir>();
    QVERIFY(m_dir->isValid());
    m_savedXdg = qgetenv("XDG_DATA_HOME");
    qputenv("XDG_DATA_HOME", QFile::encodeName(path("xdg")));
}

void tst_Trash::cleanup()
{
    if (m_savedXdg.isNull()) {
        qunsetenv("XDG_DATA_HOME");
    } else {
        qputenv("XDG_DATA_HOME", m_savedXdg);
    }
    m_dir.reset();
}

QMap<QString, QString> tst_Trash::readInfo(const QString &file)
{
    QMap<QString, QString> values;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        return values;
    }
    const QList<QByteArray> lines = f.readAll().split('\n');
    values.insert("#header", QString::fromUtf8(lines.value(0)));
    for (const QByteArray &line : lines.mid(1)) {
        const qsizetype eq = line.indexOf('=');
        if (eq > 0) {
            values.insert(QString::fromUtf8(line.left(eq)), QString::fromUtf8(line.mid(eq + 1)));
        }
    }
    return values;
}

static void touch(const QString &p, const QByteArray &data = "x")
{
    QFile f(p);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

void tst_Trash::homeTrashFollowsXdgDataHome()
{
    QCOMPARE(trash::homeTrashDirectory(), path("xdg/Trash"));
    qputenv("XDG_DATA_HOME", "relative/is/ignored");
    QCOMPARE(trash::homeTrashDirectory(), QDir::homePath() + "/.local/share/Trash");
}

void tst_Trash::trashWritesFilesAndInfo()
{
    touch(path("nota.txt"), "contenido");
    const trash::Location loc = trash::locate(path("nota.txt"));
    QVERIFY2(loc.available, qPrintable(loc.reason));
    QVERIFY(loc.isHomeTrash);
    QCOMPARE(loc.trashDirectory, path("xdg/Trash"));
    QVERIFY(!QFileInfo::exists(path("xdg"))); // locate() creates nothing
    const QDateTime before = QDateTime::currentDateTime().addSecs(-2);
    const trash::TrashResult r = trash::moveToTrash(path("nota.txt"));
    QVERIFY2(r.ok, qPrintable(r.message));
    QVERIFY(!QFileInfo::exists(path("nota.txt")));
    QCOMPARE(r.trashedPath, path("xdg/Trash/files/nota.txt"));
    QCOMPARE(r.infoPath, path("xdg/Trash/info/nota.txt.trashinfo"));
    QFile trashed(r.trashedPath);
    QVERIFY(trashed.open(QIODevice::ReadOnly));
    QCOMPARE(trashed.readAll(), QByteArray("contenido"));
    const auto info = readInfo(r.infoPath);
    QCOMPARE(info.value("#header"), QStringLiteral("[Trash Info]"));
    QCOMPARE(info.value("Path"), QString::fromLatin1(QFile::encodeName(path("nota.txt")).toPercentEncoding("/")));
    const QString date = info.value("DeletionDate");
    QVERIFY2(QRegularExpression("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d$").match(date).hasMatch(),
             qPrintable(date));
    const QDateTime when = QDateTime::fromString(date, Qt::ISODate);
    QVERIFY(when >= before && when <= QDateTime::currentDateTime().addSecs(2));
    struct stat st;
    QCOMPARE(::stat(QFile::encodeName(path("xdg/Trash")).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, mode_t(0700));
}

void tst_Trash::pathIsPercentEncoded()
{
    QVERIFY(QDir().mkpath(path("mi carpeta")));
    touch(path("mi carpeta/año 100%.txt"));
    const trash::TrashResult r = trash::moveToTrash(path("mi carpeta/año 100%.txt"));
    QVERIFY2(r.ok, qPrintable(r.message));
    const QString expected = QString::fromLatin1(QFile::encodeName(m_dir->path()).toPercentEncoding("/"))
        + "/mi%20carpeta/a%C3%B1o%20100%25.txt";
    QCOMPARE(readInfo(r.infoPath).value("Path"), expected);
    QCOMPARE(QFileInfo(r.trashedPath).fileName(), QStringLiteral("año 100%.txt"));
    QCOMPARE(trash::trashInfo("/a b/ñ", "2026-01-02T03:04:05"),
             QByteArray("[Trash Info]\nPath=/a%20b/%C3%B1\nDeletionDate=2026-01-02T03:04:05\n"));
}

void tst_Trash::collisionsGetNewNames()
{
    QStringList trashed;
    for (int i = 0; i < 3; ++i) {
        touch(path("same"), QByteArray::number(i));
        const trash::TrashResult r = trash::moveToTrash(path("same"));
        QVERIFY2(r.ok, qPrintable(r.message));
        trashed.append(QFileInfo(r.trashedPath).fileName());
        QCOMPARE(QFileInfo(r.infoPath).fileName(), trashed.last() + ".trashinfo");
    }
    QCOMPARE(trashed, (QStringList{"same", "same.2", "same.3"}));
    QFile f(path("xdg/Trash/files/same.3"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("2"));
    QCOMPARE(QDir(path("xdg/Trash/info")).entryList(QDir::Files).size(), 3);
}

void tst_Trash::directoriesAndLinksAreTrashedWhole()
{
    QVERIFY(QDir().mkpath(path("dir/sub")));
    touch(path("dir/sub/f"));
    QVERIFY(QFile::link("dir", path("link")));
    trash::TrashResult r = trash::moveToTrash(path("link"));
    QVERIFY2(r.ok, qPrintable(r.message));
    QVERIFY(QFileInfo(r.trashedPath).isSymLink());
    QVERIFY(QFileInfo::exists(path("dir/sub/f")));
    r = trash::moveToTrash(path("dir/"));
    QVERIFY2(r.ok, qPrintable(r.message));
    QVERIFY(QFileInfo::exists(path("xdg/Trash/files/dir/sub/f")));
    QCOMPARE(readInfo(r.infoPath).value("Path"),
             QString::fromLatin1(QFile::encodeName(path("dir")).toPercentEncoding("/")));
}

void tst_Trash::missingItemIsAnError()
{
    const trash::TrashResult r = trash::moveToTrash(path("nada"));
    QVERIFY(!r.ok);
    QVERIFY(!r.unavailable);
    QCOMPARE(r.errnum, ENOENT);
    QCOMPARE(r.message, "[Errno 2] No such file or directory: '" + path("nada") + "'");
    QVERIFY(!trash::locate(path("nada")).available);
}

void tst_Trash::insideTheTrashIsUnavailable()
{
    touch(path("a"));
    const trash::TrashResult r = trash::moveToTrash(path("a"));
    QVERIFY(r.ok);
    const trash::Location loc = trash::locate(r.trashedPath);
    QVERIFY(!loc.available);
    QVERIFY(!loc.reason.isEmpty());
}

void tst_Trash::otherVolumeUsesTopDirectoryTrash()
{
    struct stat shm, tmp;
    if (::stat("/dev/shm", &shm) != 0 || ::stat(QFile::encodeName(m_dir->path()).constData(), &tmp) != 0
        || shm.st_dev == tmp.st_dev || ::access("/dev/shm", W_OK) != 0) {
        QSKIP("no writable /dev/shm on another filesystem than the temporary directory");
    }
    ScratchDir other("/dev/shm/stdlab-test-XXXXXX");
    touch(other.path() + "/f");
    const trash::Location loc = trash::locate(other.path() + "/f");
    QVERIFY2(loc.available, qPrintable(loc.reason));
    QVERIFY(!loc.isHomeTrash);
    QCOMPARE(loc.topDirectory, QStringLiteral("/dev/shm"));
    const QString own = QStringLiteral("/dev/shm/.Trash-%1").arg(::getuid());
    const QString shared = QStringLiteral("/dev/shm/.Trash/%1").arg(::getuid());
    QVERIFY2(loc.trashDirectory == own || loc.trashDirectory == shared, qPrintable(loc.trashDirectory));
}

void tst_Trash::fileWithoutTrashIsUnavailable()
{
    // procfs: another filesystem than the home trash's, where no .Trash-$uid can be made.
    if (!QFileInfo::exists("/proc/self/status")) {
        QSKIP("no /proc");
    }
    const trash::TrashResult r = trash::moveToTrash("/proc/self/status");
    QVERIFY(!r.ok);
    QVERIFY(r.unavailable);
    QVERIFY(!r.message.isEmpty());
    QVERIFY(QFileInfo::exists("/proc/self/status"));
    FileOperations ops;
    QSignalSpy finished(&ops, &FileOperations::finished);
    ops.start(JobRequest::of(JobKind::Trash, {"/proc/self/status"}));
    QVERIFY(finished.wait(20000));
    const JobSummary s = finished.first().at(1).value<JobSummary>();
    QCOMPARE(s.trashUnavailable, QStringList{"/proc/self/status"});
    QCOMPARE(s.files, 0);
}

void tst_Trash::trashJobReportsEachItem()
{
    touch(path("one"));
    touch(path("two"));
    FileOperations ops;
    QSignalSpy finished(&ops, &FileOperations::finished);
    ops.start(JobRequest::of(JobKind::Trash, {path("one"), path("two"), path("three")}));
    QVERIFY(finished.wait(20000));
    const JobSummary s = finished.first().at(1).value<JobSummary>();
    QCOMPARE(s.files, 2);
    QCOMPARE(s.errors.size(), 1);
    QCOMPARE(s.errors.first().errnum, ENOENT);
    QCOMPARE(s.targets, (QStringList{path("xdg/Trash/files/one"), path("xdg/Trash/files/two")}));
    QVERIFY(s.trashUnavailable.isEmpty());
}

QTEST_GUILESS_MAIN(tst_Trash)
#include "tst_trash.moc"

// The send logs that carry a StdLab sender's send() boundaries to a StdLab receiver: records
// round-trip, bounded in records and files, and only in a directory that is the user's own.
#include "chat/sendlog.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <utime.h>

using stdlab::net::SendLog;
using stdlab::net::SendLogReader;
using stdlab::net::SendRecord;

class tst_SendLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void recordsReachTheOtherEnd();
    void recordsAreBoundedPerConnection();
    void oldAndExcessFilesArePruned();
    void aDirectoryOpenToOthersIsRefused();
    void aReplacedLogIsReadFromItsStart();
    void aMissingLogHasNoRecords();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_logs;
};

void tst_SendLog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_logs = m_dir->filePath(QStringLiteral("sends"));
    qputenv("STDLAB_SEND_LOG_DIR", m_logs.toUtf8());
}

void tst_SendLog::cleanup()
{
    qunsetenv("STDLAB_SEND_LOG_DIR");
    m_dir.reset();
}

void tst_SendLog::recordsReachTheOtherEnd()
{
    const QString a = QStringLiteral("127.0.0.1:40000");
    const QString b = QStringLiteral("127.0.0.1:1234");
    SendLog log;
    QVERIFY(log.open(a, b));
    QCOMPARE(QFileInfo(m_logs).permissions() & (QFile::ReadOther | QFile::ReadGroup),
             QFile::Permissions());
    log.record(10, 1000);
    log.record(5, 2000);
    SendLogReader reader; // the other end: local b, peer a
    reader.setConnection(b, a);
    QVERIFY(reader.readNew().isEmpty()); // not flushed yet
    QVERIFY(reader.found());
    log.flush();
    QCOMPARE(reader.readNew(), (QList<SendRecord>{{0, 10, 1000}, {10, 5, 2000}}));
    log.record(1, 3000);
    log.flush();
    QCOMPARE(reader.readNew(), (QList<SendRecord>{{15, 1, 3000}}));
    QVERIFY(reader.readNew().isEmpty());
    // The file is the user's own.
    struct stat st {};
    QCOMPARE(::stat(QFile::encodeName(SendLog::path(a, b)).constData(), &st), 0);
    QCOMPARE(int(st.st_mode & 0777), 0600);
    QCOMPARE(QFileInfo(SendLog::path(a, b)).size(), 3 * SendLog::kRecordBytes);
}

void tst_SendLog::recordsAreBoundedPerConnection()
{
    SendLog log;
    QVERIFY(log.open(QStringLiteral("[::1]:5"), QStringLiteral("[::1]:6")));
    for (qint64 i = 0; i < SendLog::kMaxRecords + 1000; ++i) {
        log.record(1, i);
    }
    log.flush();
    QCOMPARE(log.recorded(), SendLog::kMaxRecords);
    QCOMPARE(QFileInfo(SendLog::path(QStringLiteral("[::1]:5"), QStringLiteral("[::1]:6"))).size(),
             SendLog::kMaxRecords * SendLog::kRecordBytes);
}

void tst_SendLog::oldAndExcessFilesArePruned()
{
    QVERIFY(QDir().mkpath(m_logs));
    QFile::setPermissions(m_logs, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (int i = 0; i < SendLog::kMaxFiles + 30; ++i) {
        const QString name = m_logs + QStringLiteral("/old%1").arg(i);
        QFile f(name);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        // The first 20 are over an hour old; the rest are recent, the lower the older.
        const utimbuf t{time_t(now - (i < 20 ? 2 * SendLog::kKeepSeconds : 1000 - i)),
                        time_t(now - (i < 20 ? 2 * SendLog::kKeepSeconds : 1000 - i))};
        QCOMPARE(::utime(QFile::encodeName(name).constData(), &t), 0);
    }
    SendLog log;
    QVERIFY(log.open(QStringLiteral("127.0.0.1:1"), QStringLiteral("127.0.0.1:2")));
    const QStringList left = QDir(m_logs).entryList(QDir::Files);
    QCOMPARE(left.size(), SendLog::kMaxFiles);
    // 20 over an hour old go, then the 11 oldest of the 266 recent ones: 255 and the new one.
    QVERIFY(!left.contains(QStringLiteral("old0")));
    QVERIFY(!left.contains(QStringLiteral("old19")));
    QVERIFY(!left.contains(QStringLiteral("old20")));
    QVERIFY(!left.contains(QStringLiteral("old30")));
    QVERIFY(left.contains(QStringLiteral("old31")));
    QVERIFY(left.contains(QStringLiteral("old285")));
}

void tst_SendLog::aDirectoryOpenToOthersIsRefused()
{
    QVERIFY(QDir().mkpath(m_logs));
    QVERIFY(QFile::setPermissions(m_logs, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
                                              | QFile::ReadOther | QFile::WriteOther
                                              | QFile::ExeOther));
    SendLog log;
    QVERIFY(!log.open(QStringLiteral("127.0.0.1:1"), QStringLiteral("127.0.0.1:2")));
    log.record(5, 1); // dropped, nothing written
    log.flush();
    QVERIFY(QDir(m_logs).entryList(QDir::Files).isEmpty());
    // A symbolic link in its place is refused too.
    QVERIFY(QDir(m_logs).removeRecursively());
    QVERIFY(QFile::link(m_dir->path(), m_logs));
    QVERIFY(!log.open(QStringLiteral("127.0.0.1:1"), QStringLiteral("127.0.0.1:2")));
}

void tst_SendLog::aReplacedLogIsReadFromItsStart()
{
    const QString a = QStringLiteral("127.0.0.1:1");
    const QString b = QStringLiteral("127.0.0.1:2");
    SendLog log;
    QVERIFY(log.open(a, b));
    log.record(100, 1);
    log.record(100, 2);
    log.flush();
    SendLogReader reader;
    reader.setConnection(b, a);
    QCOMPARE(reader.readNew().size(), 2);
    QVERIFY(log.open(a, b)); // a new connection with the same addresses
    log.record(7, 3);
    log.record(8, 4);
    log.record(9, 5);
    log.flush();
    QCOMPARE(reader.readNew(), (QList<SendRecord>{{0, 7, 3}, {7, 8, 4}, {15, 9, 5}}));
}

void tst_SendLog::aMissingLogHasNoRecords()
{
    SendLogReader reader;
    reader.setConnection(QStringLiteral("127.0.0.1:2"), QStringLiteral("127.0.0.1:1"));
    QVERIFY(reader.readNew().isEmpty());
    QVERIFY(!reader.found());
    SendLogReader unset;
    QVERIFY(unset.readNew().isEmpty());
}

QTEST_GUILESS_MAIN(tst_SendLog)
#include "tst_sendlog.moc"

// The Files tab's Checksums: digests in a worker equal python3's hashlib.file_digest, a pasted
// hash or a SHA256SUMS text marks which files pass and fail and what is missing, Cancel stops a
// long file at once, the Python code shown prints the same lines as "Copy as sha256sum".
#include "files/checksumdialog.h"

#include "localization.h"
#include "scratchdir.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QPushButton>
#include <QtTest>

#include <fcntl.h>
#include <unistd.h>

class tst_ChecksumDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void digestsAreHashlibs_data();
    void digestsAreHashlibs();
    void pastedHashMarksTheFileThatHasIt();
    void sumsTextPassesFailsAndMissing();
    void unreadableFileSaysWhy();
    void cancelStopsALongFile();

private:
    QString path(const QString &name) const { return m_dir->path() + '/' + name; }
    void write(const QString &name, const QByteArray &data);
    bool waitDone(ChecksumDialog &d);
    std::unique_ptr<ScratchDir> m_dir;
};

void tst_ChecksumDialog::initTestCase()
{
    // English plurals ("1 line is not", "3 files") come from the English translation.
    QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("en")));
}

void tst_ChecksumDialog::init()
{
    m_dir = std::make_unique<ScratchDir>();
    QVERIFY(m_dir->isValid());
    write("a.txt", "alpha\n");
    write("b.bin", QByteArray(2 * 1024 * 1024 + 3, 'b'));
    write("empty", "");
}

void tst_ChecksumDialog::write(const QString &name, const QByteArray &data)
{
    QFile f(path(name));
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(data), data.size());
}

bool tst_ChecksumDialog::waitDone(ChecksumDialog &d)
{
    return QTest::qWaitFor([&] { return d.isDone(); }, 30000);
}

void tst_ChecksumDialog::digestsAreHashlibs_data()
{
    QTest::addColumn<QString>("algorithm");
    QTest::newRow("sha256") << "sha256";
    QTest::newRow("md5") << "md5";
    QTest::newRow("blake2b") << "blake2b";
    QTest::newRow("sha3_512") << "sha3_512";
}

void tst_ChecksumDialog::digestsAreHashlibs()
{
    QFETCH(QString, algorithm);
    ChecksumDialog d(m_dir->path(), {path("a.txt"), path("b.bin"), path("empty")});
    d.setAlgorithm(algorithm);
    QVERIFY(waitDone(d));
    QCOMPARE(d.nameAt(1), "b.bin");
    // The code shown, run by python3, prints what Copy as sha256sum copies.
    QVERIFY(d.pythonCode().contains("hashlib.file_digest(f, \"" + algorithm + "\")"));
    QProcess py;
    py.start("python3", {"-c", d.pythonCode()});
    QVERIFY(py.waitForFinished(30000));
    QCOMPARE(QString::fromUtf8(py.readAllStandardError()), QString());
    const QString expected = QString::fromUtf8(py.readAllStandardOutput());
    QCOMPARE(d.sumsText(), expected);
    QCOMPARE(d.sumsText().count('\n'), 3);
    d.findChild<QPushButton *>("copySums")->click();
    QCOMPARE(QApplication::clipboard()->text(), expected);
    QCOMPARE(d.status(), "3 files hashed.");
}

void tst_ChecksumDialog::pastedHashMarksTheFileThatHasIt()
{
    ChecksumDialog d(m_dir->path(), {path("a.txt"), path("b.bin")});
    QVERIFY(waitDone(d));
    d.setExpected("  " + d.digestAt(1).toUpper() + "\n"); // as pasted: spaces, upper case
    QCOMPARE(d.resultAt(0), "FAILED");
    QCOMPARE(d.resultAt(1), "OK");
    d.setExpected(QString());
    QCOMPARE(d.resultAt(1), QString());
}

void tst_ChecksumDialog::sumsTextPassesFailsAndMissing()
{
    ChecksumDialog d(m_dir->path(), {path("a.txt"), path("b.bin"), path("empty")});
    QVERIFY(waitDone(d));
    const QString sums = d.digestAt(0) + "  a.txt\n"
        + QString(64, '0') + "  b.bin\n"
        + d.digestAt(2) + " *empty\n"
        + d.digestAt(2) + "  gone.txt\n"
        + "not a line\n";
    d.setExpected(sums);
    QCOMPARE(d.resultAt(0), "OK");
    QCOMPARE(d.resultAt(1), "FAILED");
    QCOMPARE(d.resultAt(2), "OK");
    QCOMPARE(d.missing(), QStringList({"gone.txt: not among the files",
                                       "1 line is not \"HEX  NAME\""}));
    // Another algorithm: hashed again, and compared again when done.
    d.setAlgorithm("md5");
    QVERIFY(waitDone(d));
    QCOMPARE(d.resultAt(0), "FAILED"); // a sha256 digest is not the md5 one
}

void tst_ChecksumDialog::unreadableFileSaysWhy()
{
    QVERIFY(QDir().mkpath(path("folder")));
    ChecksumDialog d(m_dir->path(), {path("folder"), path("missing"), path("a.txt")});
    QVERIFY(waitDone(d));
    QCOMPARE(d.digestAt(0), "IsADirectoryError: [Errno 21] Is a directory: '" + path("folder") + "'");
    QCOMPARE(d.digestAt(1),
             "FileNotFoundError: [Errno 2] No such file or directory: '" + path("missing") + "'");
    QCOMPARE(d.digestAt(2).size(), 64);
    QCOMPARE(d.status(), "2 files could not be read.");
    QCOMPARE(d.sumsText().count('\n'), 1);
}

void tst_ChecksumDialog::cancelStopsALongFile()
{
    // 4 GiB with no data blocks: reading it is all the work, several seconds of it.
    const int fd = ::open(QFile::encodeName(path("big")).constData(), O_WRONLY | O_CREAT, 0644);
    QVERIFY(fd >= 0);
    QCOMPARE(::ftruncate(fd, qint64(4) << 30), 0);
    ::close(fd);
    ChecksumDialog d(m_dir->path(), {path("big"), path("a.txt")});
    QVERIFY(!d.isDone());
    QTest::qWait(50);
    QElapsedTimer t;
    t.start();
    d.findChild<QPushButton *>("cancel")->click();
    QVERIFY(waitDone(d));
    QVERIFY2(t.elapsed() < 2000, qPrintable(QString::number(t.elapsed())));
    QCOMPARE(d.digestAt(0), "cancelled");
    QCOMPARE(d.digestAt(1), "cancelled");
    QCOMPARE(d.status(), "Cancelled: the files not hashed are marked.");
}

QTEST_MAIN(tst_ChecksumDialog)
#include "tst_checksumdialog.moc"

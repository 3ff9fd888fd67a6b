// files::fileDigest() against python3's hashlib.file_digest for every algorithm, and
// `stdlab files hash|check` against sha256sum and python3 (issue 18, checksums).
#include "files/checksum.h"
#include "files/fspath.h"

#include <QProcess>
#include "scratchdir.h"
#include <QtTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace stdlab::files;

class tst_Checksum : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyAlgorithmAsHashlib();
    void errorsAsPython();
    void cancelStopsBetweenReads();
    void parseSumsLines();
    void hashCommand();
    void checkCommandAsSha256sum();
    void bigFileInBoundedMemory();

private:
    QString path(const char *name) const { return m_dir.filePath(QString::fromUtf8(name)); }
    static QByteArray run(const QStringList &args, int *exitCode, QByteArray *err = nullptr,
                          const QString &cwd = QString())
    {
        QProcess p;
        if (!cwd.isEmpty()) {
            p.setWorkingDirectory(cwd);
        }
        p.start(QString::fromLocal8Bit(qgetenv("STDLAB_BINARY")), args);
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
        }
        *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        if (err) {
            *err = p.readAllStandardError();
        }
        return p.readAllStandardOutput();
    }
    ScratchDir m_dir;
    QStringList m_files;
};

void tst_Checksum::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(!qgetenv("STDLAB_BINARY").isEmpty());
    // POSIX calls on fsEncode()d names: QFile would encode a name that is not UTF-8 otherwise
    auto write = [this](const QString &file, const QByteArray &data) {
        const int fd = ::open(fsEncode(file).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        QVERIFY(fd >= 0);
        QCOMPARE(::write(fd, data.constData(), size_t(data.size())), ssize_t(data.size()));
        ::close(fd);
        m_files << file;
    };
    write(path("empty"), QByteArray());
    write(path("hola.txt"), QByteArray("hola\n"));
    // more than one 1 MiB read, not a multiple of it
    QByteArray big(3 * 1024 * 1024 + 17, Qt::Uninitialized);
    for (qsizetype i = 0; i < big.size(); ++i) {
        big[i] = char((i * 2654435761u) >> 13);
    }
    write(path("big.bin"), big);
    // a name that is not UTF-8 (os.fsdecode)
    write(fsDecode(fsEncode(m_dir.path()) + "/caf\xe9.txt"), QByteArray("caf\xe9"));
    QVERIFY(QDir(m_dir.path()).mkdir(QStringLiteral("folder")));
}

void tst_Checksum::everyAlgorithmAsHashlib()
{
    // python3 prints one line per (algorithm, file): hashlib.file_digest(...).hexdigest()
    // paths as hex of their bytes: a name that is not UTF-8 cannot go through argv as text
    QStringList args{QStringLiteral("-c"),
                     QStringLiteral("import hashlib, sys\n"
                                    "for name in sys.argv[1].split(','):\n"
                                    "    for path in sys.argv[2:]:\n"
                                    "        with open(bytes.fromhex(path), 'rb') as f:\n"
                                    "            print(hashlib.file_digest(f, name).hexdigest())\n"),
                     hashAlgorithmNames().join(QLatin1Char(','))};
    for (const QString &f : m_files) {
        args << QString::fromLatin1(fsEncode(f).toHex());
    }
    QProcess python;
    python.start(QStringLiteral("python3"), args);
    QVERIFY(python.waitForFinished(60000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    const QList<QByteArray> expected = python.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(expected.size(), hashAlgorithmNames().size() * m_files.size());
    int k = 0;
    for (const QString &name : hashAlgorithmNames()) {
        const auto algorithm = hashAlgorithm(name);
        QVERIFY(algorithm);
        for (const QString &file : m_files) {
            const DigestResult r = fileDigest(file, *algorithm);
            QVERIFY2(r.ok(), qPrintable(r.message));
            QCOMPARE(r.hex, expected.at(k++));
        }
    }
    QVERIFY(!hashAlgorithm(QStringLiteral("sha257")));
    QVERIFY(!hashAlgorithm(QStringLiteral("SHA256")));
}

void tst_Checksum::errorsAsPython()
{
    DigestResult r = fileDigest(path("missing"), QCryptographicHash::Sha256);
    QVERIFY(!r.ok());
    QCOMPARE(r.exception, QStringLiteral("FileNotFoundError"));
    QCOMPARE(r.message,
             QStringLiteral("[Errno 2] No such file or directory: '%1'").arg(path("missing")));
    r = fileDigest(path("folder"), QCryptographicHash::Sha256);
    QCOMPARE(r.exception, QStringLiteral("IsADirectoryError"));
    QCOMPARE(r.message, QStringLiteral("[Errno 21] Is a directory: '%1'").arg(path("folder")));
    r = fileDigest(QString::fromUtf8("a\0b", 3), QCryptographicHash::Sha256);
    QCOMPARE(r.exception, QStringLiteral("ValueError"));
    QCOMPARE(r.message, QStringLiteral("embedded null byte"));
    // A named pipe with no writer: refused at once (open() waited forever before), as
    // shutil refuses to copy one; a device never ends.
    QVERIFY(::mkfifo(QFile::encodeName(path("pipe")).constData(), 0600) == 0);
    QElapsedTimer clock;
    clock.start();
    r = fileDigest(path("pipe"), QCryptographicHash::Sha256);
    QVERIFY(clock.elapsed() < 2000);
    QCOMPARE(r.exception, QStringLiteral("SpecialFileError"));
    QCOMPARE(r.message, QStringLiteral("`%1` is a named pipe").arg(path("pipe")));
    r = fileDigest(QStringLiteral("/dev/zero"), QCryptographicHash::Sha256);
    QCOMPARE(r.message, QStringLiteral("`/dev/zero` is a device"));
    if (::geteuid() != 0) {
        QFile f(path("hola.txt"));
        QVERIFY(f.setPermissions(QFileDevice::WriteOwner));
        r = fileDigest(path("hola.txt"), QCryptographicHash::Sha256);
        QCOMPARE(r.exception, QStringLiteral("PermissionError"));
        QVERIFY(f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    }
}

void tst_Checksum::cancelStopsBetweenReads()
{
    const std::atomic<bool> cancel{true};
    const DigestResult r = fileDigest(path("big.bin"), QCryptographicHash::Sha256, &cancel);
    QVERIFY(r.cancelled);
    QVERIFY(!r.ok());
}

void tst_Checksum::parseSumsLines()
{
    const SumsFile s = parseSums("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855  a b\r\n"
                                 "\n"
                                 "00ff *bin\n"
                                 "nothex  x\n"
                                 "abcd\n"
                                 "abcd x\n");
    QCOMPARE(s.entries.size(), 2);
    QCOMPARE(s.entries.at(0).hex,
             QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    QCOMPARE(s.entries.at(0).path, QStringLiteral("a b"));
    QCOMPARE(s.entries.at(1).path, QStringLiteral("bin"));
    QCOMPARE(s.improper, 3);
}

void tst_Checksum::hashCommand()
{
    int code = 0;
    QByteArray err;
    const QByteArray out = run({QStringLiteral("files"), QStringLiteral("hash"),
                                QStringLiteral("hola.txt"), QStringLiteral("folder"),
                                QStringLiteral("empty")},
                               &code, &err, m_dir.path());
    QCOMPARE(code, 1); // one path failed, the others were printed
    QCOMPARE(out, QByteArray("133ee989293f92736301280c6f14c89d521200c17dcdcecca30cd20705332d44  "
                             "hola.txt\n"
                             "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  "
                             "empty\n"));
    QCOMPARE(err, QByteArray("IsADirectoryError: [Errno 21] Is a directory: 'folder'\n"));
    // the same bytes as sha256sum/md5sum print
    for (const auto &[algo, tool] : {std::pair{"sha256", "sha256sum"}, std::pair{"md5", "md5sum"},
                                     std::pair{"sha512", "sha512sum"}}) {
        const QByteArray ours = run({QStringLiteral("files"), QStringLiteral("hash"),
                                     QStringLiteral("--algo"), QLatin1String(algo),
                                     QStringLiteral("big.bin"), QStringLiteral("empty")},
                                    &code, nullptr, m_dir.path());
        QCOMPARE(code, 0);
        QProcess coreutils;
        coreutils.setWorkingDirectory(m_dir.path());
        coreutils.start(QLatin1String(tool), {QStringLiteral("big.bin"), QStringLiteral("empty")});
        QVERIFY(coreutils.waitForFinished(30000));
        QCOMPARE(ours, coreutils.readAllStandardOutput());
    }
    run({QStringLiteral("files"), QStringLiteral("hash"), QStringLiteral("--algo"),
         QStringLiteral("crc32"), QStringLiteral("empty")},
        &code, &err, m_dir.path());
    QCOMPARE(code, 2);
    QVERIFY(err.contains("unknown --algo 'crc32'"));
    run({QStringLiteral("files"), QStringLiteral("copy"), QStringLiteral("--algo"),
         QStringLiteral("md5"), QStringLiteral("a"), QStringLiteral("b")},
        &code, &err, m_dir.path());
    QCOMPARE(code, 2);
}

void tst_Checksum::checkCommandAsSha256sum()
{
    QFile sums(path("SUMS"));
    QVERIFY(sums.open(QIODevice::WriteOnly));
    sums.write("133ee989293f92736301280c6f14c89d521200c17dcdcecca30cd20705332d44  hola.txt\n"
               "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 *empty\n"
               "0000000000000000000000000000000000000000000000000000000000000000  big.bin\n"
               "improper line\n"
               "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  gone\n");
    sums.close();
    int code = 0;
    QByteArray err;
    const QByteArray ours = run({QStringLiteral("files"), QStringLiteral("check"),
                                 QStringLiteral("SUMS")},
                                &code, &err, m_dir.path());
    QCOMPARE(code, 1);
    QProcess coreutils;
    coreutils.setWorkingDirectory(m_dir.path());
    coreutils.start(QStringLiteral("sha256sum"), {QStringLiteral("-c"), QStringLiteral("SUMS")});
    QVERIFY(coreutils.waitForFinished(30000));
    QCOMPARE(coreutils.exitCode(), 1);
    QCOMPARE(ours, coreutils.readAllStandardOutput());
    QCOMPARE(ours, QByteArray("hola.txt: OK\nempty: OK\nbig.bin: FAILED\n"
                              "gone: FAILED open or read\n"));
    QCOMPARE(err, QByteArray("FileNotFoundError: [Errno 2] No such file or directory: 'gone'\n"
                             "stdlab files: WARNING: 1 line is improperly formatted\n"
                             "stdlab files: WARNING: 1 listed file could not be read\n"
                             "stdlab files: WARNING: 1 computed checksum did NOT match\n"));
    // a digest of no known length: that line fails and says how to choose
    QVERIFY(sums.open(QIODevice::WriteOnly | QIODevice::Truncate));
    sums.write("0123456789  empty\n");
    sums.close();
    QCOMPARE(run({QStringLiteral("files"), QStringLiteral("check"), QStringLiteral("SUMS")}, &code,
                 &err, m_dir.path()),
             QByteArray("empty: FAILED (unknown digest length 10; give --algo)\n"));
    QCOMPARE(code, 1);
    // --algo decides where the length could not (blake2b and sha512 are both 128 digits)
    QVERIFY(sums.open(QIODevice::WriteOnly | QIODevice::Truncate));
    sums.write("786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419d25e1031afee5853"
               "13896444934eb04b903a685b1448b755d56f701afe9be2ce  empty\n");
    sums.close();
    QCOMPARE(run({QStringLiteral("files"), QStringLiteral("check"), QStringLiteral("--algo"),
                  QStringLiteral("blake2b"), QStringLiteral("SUMS")},
                 &code, &err, m_dir.path()),
             QByteArray("empty: OK\n"));
    QCOMPARE(code, 0);
    QCOMPARE(run({QStringLiteral("files"), QStringLiteral("check"), QStringLiteral("SUMS")}, &code,
                 &err, m_dir.path()),
             QByteArray("empty: FAILED\n"));
    QCOMPARE(code, 1);
    // all good: exit 0; md5 found by the digest's length
    QVERIFY(sums.open(QIODevice::WriteOnly | QIODevice::Truncate));
    sums.write("2f7da3c7b3a4e6a2f2c46b1f8c0d1f5b  nothing\n");
    sums.close();
    run({QStringLiteral("files"), QStringLiteral("check"), QStringLiteral("SUMS")}, &code, &err,
        m_dir.path());
    QCOMPARE(code, 1);
    QVERIFY(sums.open(QIODevice::WriteOnly | QIODevice::Truncate));
    sums.write("d41d8cd98f00b204e9800998ecf8427e  empty\n");
    sums.close();
    QCOMPARE(run({QStringLiteral("files"), QStringLiteral("check"), QStringLiteral("SUMS")}, &code,
                 &err, m_dir.path()),
             QByteArray("empty: OK\n"));
    QCOMPARE(code, 0);
    run({QStringLiteral("files"), QStringLiteral("check"), QStringLiteral("no-such-SUMS")}, &code,
        &err, m_dir.path());
    QCOMPARE(code, 1);
    QCOMPARE(err, QByteArray("FileNotFoundError: [Errno 2] No such file or directory: "
                             "'no-such-SUMS'\n"));
}

void tst_Checksum::bigFileInBoundedMemory()
{
    if (qEnvironmentVariableIsSet("STDLAB_SANITIZED")) {
        QSKIP("ASan reserves terabytes of address space: ulimit -v cannot apply");
    }
    // A 1 GiB sparse file hashed under a 512 MiB address-space limit: only chunks are held.
    const QString sparse = path("sparse");
    const int fd = ::open(fsEncode(sparse).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    QVERIFY(fd >= 0);
    QCOMPARE(::ftruncate(fd, qint64(1) << 30), 0);
    ::close(fd);
    QProcess p;
    p.start(QStringLiteral("sh"),
            {QStringLiteral("-c"),
             QStringLiteral("ulimit -v 524288 && exec \"$STDLAB_BINARY\" files hash --algo md5 \"$1\""),
             QStringLiteral("sh"), sparse});
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitCode(), 0);
    // md5 of 1 GiB of zeros (head -c 1G /dev/zero | md5sum)
    QCOMPARE(p.readAllStandardOutput().left(32), QByteArray("cd573cfaace07e7949bc0c46028904ff"));
    QFile::remove(sparse);
}

QTEST_GUILESS_MAIN(tst_Checksum)
#include "tst_checksum.moc"

// Python's names for failures (core/files/pyerror.h) against python3's own texts.
#include "files/filejob.h"
#include "files/fsresult.h"
#include "files/pyerror.h"

#include "scratchdir.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include <cerrno>
#include <clocale>
#include <cstring>

using namespace stdlab::files;

namespace {

/// The errnos the Files tab can meet.
const QList<QPair<const char *, int>> kErrnos = {
    {"ENOENT", ENOENT},   {"EEXIST", EEXIST},   {"ENOTEMPTY", ENOTEMPTY},
    {"EACCES", EACCES},   {"EPERM", EPERM},     {"EXDEV", EXDEV},
    {"ENOTDIR", ENOTDIR}, {"EISDIR", EISDIR},   {"ELOOP", ELOOP},
    {"ENAMETOOLONG", ENAMETOOLONG}, {"ENOSPC", ENOSPC}, {"EROFS", EROFS},
};

/// Paths whose repr() differs: quotes of either kind, a byte that is not UTF-8
/// (os.fsdecode's surrogate), a newline, a non-ASCII letter.
const QStringList kPaths = {
    QStringLiteral("x"), QStringLiteral("it's"), QStringLiteral("say \"hi\""),
    QStringLiteral("both ' and \""), QString::fromUtf16(u"caf\xdce9.txt"),
    QStringLiteral("a\nb"), QStringLiteral("año/ñ"),
};

const char *const kPython = R"PY(
import json, os, sys
req = json.load(sys.stdin)
out = []
for n in req["errnos"]:
    for p in req["paths"]:
        p = p.encode("utf-8", "surrogatepass").decode("utf-8", "surrogatepass")
        e = OSError(n, os.strerror(n), p)
        e2 = OSError(n, os.strerror(n), p, None, "otro")
        out.append([type(e).__name__, str(e), str(e2)])
json.dump(out, sys.stdout)
)PY";

} // namespace

class tst_PyError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void textsAndNamesArePythons_data();
    void textsAndNamesArePythons();
    void errorTextIsEnglishWhateverTheLocale();
    void failuresWithoutAnErrnoNameTheirOwnException();
    void jobErrorsAreNamedAsShutilRaisesThem();

private:
    QJsonArray m_python;
};

void tst_PyError::initTestCase()
{
    QJsonArray errnos;
    for (const auto &e : kErrnos) {
        errnos.append(e.second);
    }
    QProcess python;
    python.start(QStringLiteral("python3"), {QStringLiteral("-c"), QString::fromLatin1(kPython)});
    QVERIFY2(python.waitForStarted(10000), "python3 is needed for the differential test");
    python.write(QJsonDocument(QJsonObject{{"errnos", errnos},
                                           {"paths", QJsonArray::fromStringList(kPaths)}})
                     .toJson());
    python.closeWriteChannel();
    QVERIFY(python.waitForFinished(30000));
    QCOMPARE(python.exitCode(), 0);
    m_python = QJsonDocument::fromJson(python.readAllStandardOutput()).array();
    QCOMPARE(m_python.size(), kErrnos.size() * kPaths.size());
}

void tst_PyError::textsAndNamesArePythons_data()
{
    QTest::addColumn<int>("errnum");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonArray>("python");
    int i = 0;
    for (const auto &e : kErrnos) {
        for (const QString &p : kPaths) {
            QTest::addRow("%s %d", e.first, int(i % kPaths.size()))
                << e.second << p << m_python.at(i).toArray();
            ++i;
        }
    }
}

void tst_PyError::textsAndNamesArePythons()
{
    QFETCH(int, errnum);
    QFETCH(QString, path);
    QFETCH(QJsonArray, python);
    QCOMPARE(osErrorType(errnum), python.at(0).toString());
    QCOMPARE(osErrorMessage(errnum, path), python.at(1).toString());
    QCOMPARE(osErrorMessage(errnum, path, QStringLiteral("otro")), python.at(2).toString());
    const FsResult r = FsResult::fromErrno(errnum, path);
    QCOMPARE(pythonErrorLine(r), python.at(0).toString() + QStringLiteral(": ")
                                     + python.at(1).toString());
    QCOMPARE(exceptionName(r), python.at(0).toString());
}

void tst_PyError::errorTextIsEnglishWhateverTheLocale()
{
    // QApplication calls setlocale(LC_ALL, ""): in a Spanish session glibc's strerror() said
    // "No existe el fichero o el directorio", where python3 (which sets LC_CTYPE only) says
    // "No such file or directory" in any session.
    ScratchDir locales;
    QProcess localedef;
    localedef.start(QStringLiteral("localedef"),
                    {QStringLiteral("-i"), QStringLiteral("es_ES"), QStringLiteral("-f"),
                     QStringLiteral("UTF-8"), locales.filePath(QStringLiteral("es_ES.UTF-8"))});
    if (!localedef.waitForFinished(30000) || localedef.exitCode() != 0) {
        QSKIP("localedef cannot make es_ES.UTF-8 here");
    }
    qputenv("LOCPATH", QFile::encodeName(locales.path()));
    const char *set = std::setlocale(LC_ALL, "es_ES.UTF-8");
    if (!set || ::strerror(ENOENT) == QByteArray("No such file or directory")) {
        std::setlocale(LC_ALL, "C");
        qunsetenv("LOCPATH");
        QSKIP("glibc has no Spanish messages here");
    }
    const QString enoent = errorText(ENOENT);
    const QString notEmpty = osErrorMessage(ENOTEMPTY, QStringLiteral("x"));
    std::setlocale(LC_ALL, "C");
    qunsetenv("LOCPATH");
    QCOMPARE(enoent, QStringLiteral("No such file or directory"));
    QCOMPARE(notEmpty, QStringLiteral("[Errno 39] Directory not empty: 'x'"));
}

void tst_PyError::failuresWithoutAnErrnoNameTheirOwnException()
{
    // os.mkdir("a\0b"): ValueError: embedded null byte (the panel said only the message).
    const FsResult null = FsResult::failure(QStringLiteral("ValueError"),
                                            QStringLiteral("embedded null byte"));
    QCOMPARE(exceptionName(null), QStringLiteral("ValueError"));
    QCOMPARE(pythonErrorLine(null), QStringLiteral("ValueError: embedded null byte"));
    // StdLab's own refusals name no Python exception: the sentence alone.
    const FsResult refusal = FsResult::failure(QString(), QStringLiteral("'a' is not the file"));
    QCOMPARE(exceptionName(refusal), QString());
    QCOMPARE(pythonErrorLine(refusal), QStringLiteral("'a' is not the file"));
    QCOMPARE(pythonErrorLine(QStringLiteral("re.error"), QStringLiteral("missing )")),
             QStringLiteral("re.error: missing )"));
    // An errno wins over a name given with it.
    FsResult both = FsResult::fromErrno(EEXIST, QStringLiteral("x"));
    QCOMPARE(pythonErrorLine(both), QStringLiteral("FileExistsError: [Errno 17] File exists: 'x'"));
    QCOMPARE(pythonErrorLine(EXDEV, osErrorMessage(EXDEV, QStringLiteral("a"), QStringLiteral("b"))),
             QStringLiteral("OSError: [Errno 18] Invalid cross-device link: 'a' -> 'b'"));
    QCOMPARE(pythonErrorLine(0, QStringLiteral("text")), QStringLiteral("text"));
}

void tst_PyError::jobErrorsAreNamedAsShutilRaisesThem()
{
    JobError e;
    e.kind = JobErrorKind::OsError;
    e.errnum = ENOTEMPTY;
    QCOMPARE(exceptionName(e), QStringLiteral("OSError"));
    e.errnum = EACCES;
    QCOMPARE(exceptionName(e), QStringLiteral("PermissionError"));
    e.errnum = 0;
    QCOMPARE(exceptionName(e), QStringLiteral("OSError"));
    e.kind = JobErrorKind::SameFile;
    QCOMPARE(exceptionName(e), QStringLiteral("shutil.SameFileError"));
    e.kind = JobErrorKind::SpecialFile;
    QCOMPARE(exceptionName(e), QStringLiteral("shutil.SpecialFileError"));
    e.kind = JobErrorKind::Refused;
    QCOMPARE(exceptionName(e), QStringLiteral("shutil.Error"));
    e.kind = JobErrorKind::ValueError;
    QCOMPARE(exceptionName(e), QStringLiteral("ValueError"));
}

QTEST_GUILESS_MAIN(tst_PyError)
#include "tst_pyerror.moc"

// The TLS identity for localhost: made with OpenSSL's API, kept in the data folder, read by
// Qt, Python's ssl and openssl alike; a user's certificate and key checked with clear errors.
#include "tlsidentity.h"
#include "scratchdir.h"
#include "stdlabprocess.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QtTest>

#include <sys/stat.h>

using namespace stdlab::net;

class tst_TlsIdentity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void selfSignedForLocalhost();
    void keptAndReusedInTheDataFolder();
    void fingerprintAsOpensslPrintsIt();
    void pythonTrustsItForLocalhost();
    void qtClientTrustsItAndPythonServesIt();
    void badUserFilesSayWhy();

private:
    ScratchDir m_dir;
};

void tst_TlsIdentity::initTestCase()
{
    if (!QSslSocket::supportsSsl()) {
        QSKIP("Qt has no TLS backend here");
    }
    QVERIFY(m_dir.isValid());
}

void tst_TlsIdentity::selfSignedForLocalhost()
{
    const TlsIdentity id = generateSelfSigned();
    QVERIFY2(id.ok(), qPrintable(id.error));
    QVERIFY(id.generated);
    // Its own issuer (Qt's isSelfSigned() also wants keyCertSign, which a CA:FALSE certificate
    // must not have: RFC 5280 4.2.1.3).
    QCOMPARE(id.certificate.issuerDisplayName(), id.certificate.subjectDisplayName());
    QCOMPARE(id.certificate.issuerInfo(QSslCertificate::CommonName), QStringList{"localhost"});
    QCOMPARE(id.certificate.subjectInfo(QSslCertificate::CommonName), QStringList{"localhost"});
    const auto alt = id.certificate.subjectAlternativeNames();
    QCOMPARE(alt.values(QSsl::DnsEntry), QStringList{"localhost"});
    QStringList ips = alt.values(QSsl::IpAddressEntry);
    ips.sort();
    QCOMPARE(ips, (QStringList{"127.0.0.1", "::1"}));
    QCOMPARE(id.key.algorithm(), QSsl::Ec);
    QCOMPARE(id.key.type(), QSsl::PrivateKey);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(id.certificate.effectiveDate() <= now);
    const qint64 days = now.daysTo(id.certificate.expiryDate());
    QVERIFY2(days >= 824 && days <= 825, qPrintable(QString::number(days)));
    // Two are never the same: new key, new serial.
    const TlsIdentity other = generateSelfSigned();
    QVERIFY(other.certificate.serialNumber() != id.certificate.serialNumber());
    QVERIFY(other.key.toPem() != id.key.toPem());
}

void tst_TlsIdentity::keptAndReusedInTheDataFolder()
{
    const QString dir = m_dir.filePath("data");
    const TlsIdentity first = localIdentity(dir);
    QVERIFY2(first.ok(), qPrintable(first.error));
    QVERIFY(first.generated);
    QCOMPARE(first.keyFile, dir + "/localhost-key.pem");
    struct stat st;
    QVERIFY(::stat(QFile::encodeName(first.keyFile).constData(), &st) == 0);
    QCOMPARE(st.st_mode & 0777, mode_t(0600)); // the key: its owner only
    const TlsIdentity again = localIdentity(dir);
    QVERIFY(again.ok());
    QVERIFY(!again.generated);
    QCOMPARE(again.fingerprint(), first.fingerprint());
    // A damaged key is ours to replace: a new identity, not an error.
    QFile key(first.keyFile);
    QVERIFY(key.open(QIODevice::WriteOnly | QIODevice::Truncate));
    key.write("not a key");
    key.close();
    const TlsIdentity renewed = localIdentity(dir);
    QVERIFY2(renewed.ok(), qPrintable(renewed.error));
    QVERIFY(renewed.generated);
    QVERIFY(renewed.fingerprint() != first.fingerprint());
}

void tst_TlsIdentity::fingerprintAsOpensslPrintsIt()
{
    const TlsIdentity id = localIdentity(m_dir.filePath("fp"));
    const ProcessResult r = runProcess(
        {"x509", "-noout", "-fingerprint", "-sha256", "-in", id.certificateFile}, {}, 30000,
        "openssl");
    if (r.exitCode < 0) {
        QSKIP("openssl is not installed");
    }
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QString::fromLatin1(r.out.trimmed()),
             QStringLiteral("sha256 Fingerprint=") + id.fingerprint());
    // And a strict verifier accepts it as its own trust anchor for "localhost".
    const ProcessResult v = runProcess({"verify", "-x509_strict", "-purpose", "sslserver",
                                        "-verify_hostname", "localhost", "-CAfile",
                                        id.certificateFile, id.certificateFile},
                                       {}, 30000, "openssl");
    QVERIFY2(v.exitCode == 0, v.out.constData());
}

void tst_TlsIdentity::pythonTrustsItForLocalhost()
{
    // A QSslServer with the identity; a python3 ssl client trusting only that certificate
    // (ssl.create_default_context(cafile=...)) checks "localhost" and gets its echo.
    const TlsIdentity id = localIdentity(m_dir.filePath("py"));
    QSslServer server;
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(id.certificate);
    config.setPrivateKey(id.key);
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    server.setSslConfiguration(config);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    connect(&server, &QTcpServer::pendingConnectionAvailable, &server, [&server] {
        auto *socket = server.nextPendingConnection();
        connect(socket, &QIODevice::readyRead, socket, [socket] { socket->write(socket->readAll()); });
    });
    const QString script = QStringLiteral(
        "import socket, ssl, sys\n"
        "ctx = ssl.create_default_context(cafile=sys.argv[1])\n"
        "with socket.create_connection(('127.0.0.1', int(sys.argv[2])), timeout=10) as raw:\n"
        "    with ctx.wrap_socket(raw, server_hostname='localhost') as s:\n"
        "        s.sendall(b'hola tls')\n"
        "        print(s.recv(100).decode(), s.version())\n");
    QProcess py;
    py.start("python3", {"-c", script, id.certificateFile, QString::number(server.serverPort())});
    QTRY_VERIFY_WITH_TIMEOUT(py.state() == QProcess::NotRunning, 20000);
    QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
    QVERIFY(py.readAllStandardOutput().startsWith("hola tls TLSv1."));

    // A name the certificate does not carry is refused by Python, as it should be.
    QProcess wrong;
    wrong.start("python3", {"-c", QString(script).replace("'localhost'", "'example.org'"),
                            id.certificateFile, QString::number(server.serverPort())});
    QTRY_VERIFY_WITH_TIMEOUT(wrong.state() == QProcess::NotRunning, 20000);
    QVERIFY(wrong.exitCode() != 0);
    QVERIFY(wrong.readAllStandardError().contains("CERTIFICATE_VERIFY_FAILED"));
}

void tst_TlsIdentity::qtClientTrustsItAndPythonServesIt()
{
    // python3 serves with load_cert_chain(cert, key); a QSslSocket trusting the certificate
    // verifies "localhost" (no errors ignored).
    const TlsIdentity id = localIdentity(m_dir.filePath("qt"));
    const QString script = QStringLiteral(
        "import socket, ssl, sys\n"
        "ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)\n"
        "ctx.load_cert_chain(sys.argv[1], sys.argv[2])\n"
        "srv = socket.create_server(('127.0.0.1', 0))\n"
        "print(srv.getsockname()[1], flush=True)\n"
        "srv.settimeout(15)\n"
        "conn, _ = srv.accept()\n"
        "with ctx.wrap_socket(conn, server_side=True) as s:\n"
        "    s.sendall(s.recv(100).upper())\n"
        "    s.recv(100)\n"); // until the client closes: its read comes first
    QProcess py;
    py.start("python3", {"-c", script, id.certificateFile, id.keyFile});
    QVERIFY(py.waitForReadyRead(15000));
    const quint16 port = quint16(py.readLine().trimmed().toUInt());
    QVERIFY(port > 0);
    QSslSocket client;
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates({id.certificate});
    client.setSslConfiguration(config);
    QList<QSslError> errors;
    connect(&client, &QSslSocket::sslErrors, &client,
            [&errors](const QList<QSslError> &e) { errors = e; });
    client.connectToHostEncrypted("localhost", port);
    // "localhost" may resolve to ::1 first where Python listens on 127.0.0.1 only: connect to
    // the address, verify the name.
    if (!client.waitForEncrypted(10000)) {
        client.abort();
        client.connectToHostEncrypted("127.0.0.1", port, "localhost");
        QVERIFY2(client.waitForEncrypted(10000), qPrintable(client.errorString()));
    }
    QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).errorString()));
    client.write("hola");
    QByteArray reply;
    QElapsedTimer clock;
    clock.start();
    while (reply.size() < 4 && clock.elapsed() < 10000) {
        client.waitForReadyRead(1000);
        reply += client.readAll();
    }
    QCOMPARE(reply, QByteArray("HOLA"));
    client.disconnectFromHost();
    QTRY_VERIFY_WITH_TIMEOUT(py.state() == QProcess::NotRunning, 15000);
    QCOMPARE(py.exitCode(), 0);
}

void tst_TlsIdentity::badUserFilesSayWhy()
{
    const TlsIdentity a = localIdentity(m_dir.filePath("a"));
    const TlsIdentity b = localIdentity(m_dir.filePath("b"));
    QVERIFY(a.ok() && b.ok());
    TlsIdentity r = loadIdentity(a.certificateFile, a.keyFile);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.fingerprint(), a.fingerprint());

    r = loadIdentity(m_dir.filePath("missing.pem"), a.keyFile);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.startsWith("cannot read " + m_dir.filePath("missing.pem")), qPrintable(r.error));

    r = loadIdentity(a.certificateFile, b.keyFile);
    QCOMPARE(r.error, QStringLiteral("%1 is not the key of the certificate in %2 (key values "
                                     "mismatch)")
                          .arg(b.keyFile, a.certificateFile));

    r = loadIdentity(a.keyFile, a.keyFile);
    QCOMPARE(r.error, QStringLiteral("%1 holds no PEM certificate").arg(a.keyFile));

    r = loadIdentity(a.certificateFile, a.certificateFile);
    QCOMPARE(r.error, QStringLiteral("%1 holds no PEM private key").arg(a.certificateFile));

    // An encrypted key (openssl pkcs8 -topk8 -v2 aes256): asked for without a passphrase.
    const QString encrypted = m_dir.filePath("encrypted.pem");
    const ProcessResult p = runProcess({"pkcs8", "-topk8", "-v2", "aes256", "-in", a.keyFile,
                                        "-out", encrypted, "-passout", "pass:secreto"},
                                       {}, 30000, "openssl");
    if (p.exitCode == 0) {
        r = loadIdentity(a.certificateFile, encrypted);
        QCOMPARE(r.error, QStringLiteral("%1 is an encrypted key: give one without a passphrase")
                              .arg(encrypted));
    }

    // An expired certificate: valid for one day, ten days ago.
    const TlsIdentity old = generateSelfSigned({"localhost"}, 1, 10);
    QVERIFY(old.ok());
    QString error;
    QVERIFY(writeCertificate(old, m_dir.filePath("old-cert.pem"), &error));
    QFile oldKey(m_dir.filePath("old-key.pem"));
    QVERIFY(oldKey.open(QIODevice::WriteOnly));
    oldKey.write(old.key.toPem());
    oldKey.close();
    r = loadIdentity(m_dir.filePath("old-cert.pem"), oldKey.fileName());
    QCOMPARE(r.error, QStringLiteral("the certificate in %1 expired on %2")
                          .arg(m_dir.filePath("old-cert.pem"),
                               old.certificate.expiryDate().toString(Qt::ISODate)));
    // And the app's own one, expired, is made anew rather than used.
    QVERIFY(QDir().mkpath(m_dir.filePath("expired")));
    QVERIFY(QFile::copy(m_dir.filePath("old-cert.pem"), m_dir.filePath("expired/localhost-cert.pem")));
    QVERIFY(QFile::copy(oldKey.fileName(), m_dir.filePath("expired/localhost-key.pem")));
    const TlsIdentity renewed = localIdentity(m_dir.filePath("expired"));
    QVERIFY(renewed.ok() && renewed.generated);
    QVERIFY(renewed.certificate.expiryDate() > QDateTime::currentDateTimeUtc().addDays(800));
}

QTEST_GUILESS_MAIN(tst_TlsIdentity)
#include "tst_tlsidentity.moc"

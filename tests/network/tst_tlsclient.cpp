// The TLS client: what a user may paste as a fingerprint, and TcpClient (QSslSocket) against our
// own TLS server trusting it by a CA file, a pin, or refusing it with the reason.
#include "netlog.h"
#include "scratchdir.h"
#include "tcpclient.h"
#include "tcpserver.h"
#include "tlsclient.h"
#include "tlsidentity.h"

#include <QSslSocket>
#include <QtTest>

using namespace stdlab::net;

class tst_TlsClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fingerprintsAsUsersPasteThem_data();
    void fingerprintsAsUsersPasteThem();
    void trustedByCaFileOrPin_data();
    void trustedByCaFileOrPin();
    void refusedWithTheReason_data();
    void refusedWithTheReason();
    void reasonsNameTheCertificate();

private:
    std::shared_ptr<const TlsIdentity> m_identity;
    std::unique_ptr<TcpServer> m_server;
    ScratchDir m_dir;
    QString m_caFile;
};

void tst_TlsClient::initTestCase()
{
    if (!QSslSocket::supportsSsl()) {
        QSKIP("Qt has no TLS backend here");
    }
    m_identity = std::make_shared<const TlsIdentity>(generateSelfSigned());
    QVERIFY(m_identity->ok());
    m_caFile = m_dir.filePath("ca.pem");
    QString why;
    QVERIFY2(writeCertificate(*m_identity, m_caFile, &why), qPrintable(why));
    m_server = std::make_unique<TcpServer>();
    ServerOptions o;
    o.mode = ServerMode::Echo;
    o.threads = 1;
    o.batchIntervalMs = 10;
    o.tls = m_identity;
    QVERIFY(m_server->listen(o));
}

void tst_TlsClient::fingerprintsAsUsersPasteThem_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // empty: refused
    const QString canonical = QStringList(32, QStringLiteral("A1")).join(QLatin1Char(':'));
    QTest::newRow("openssl's form") << canonical << canonical;
    QTest::newRow("openssl's whole line") << "sha256 Fingerprint=" + canonical << canonical;
    QTest::newRow("hex, lower case") << QStringLiteral("a1").repeated(32) << canonical;
    QTest::newRow("SHA256: prefix, spaces") << "  SHA256:" + canonical + "  " << canonical;
    QTest::newRow("too short") << QStringLiteral("A1:B2") << QString();
    QTest::newRow("not hex") << QStringLiteral("zz").repeated(32) << QString();
    QTest::newRow("sha1 length") << QStringLiteral("a1").repeated(20) << QString();
    QTest::newRow("empty") << QString() << QString();
}

void tst_TlsClient::fingerprintsAsUsersPasteThem()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto fp = normalizedFingerprint(text);
    QCOMPARE(fp.value_or(QString()), expected);
}

void tst_TlsClient::trustedByCaFileOrPin_data()
{
    QTest::addColumn<int>("verify");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("how");
    QTest::newRow("CA file, localhost") << int(TlsClientOptions::Verify::CaFile) << "localhost"
                                        << "verified with the CA file";
    QTest::newRow("CA file, 127.0.0.1 (IP SAN)")
        << int(TlsClientOptions::Verify::CaFile) << "127.0.0.1" << "verified with the CA file";
    QTest::newRow("pinned") << int(TlsClientOptions::Verify::Fingerprint) << "127.0.0.1"
                            << "matches the pinned fingerprint";
    QTest::newRow("insecure") << int(TlsClientOptions::Verify::Insecure) << "127.0.0.1"
                              << "NOT verified (insecure)";
}

void tst_TlsClient::trustedByCaFileOrPin()
{
    QFETCH(int, verify);
    QFETCH(QString, host);
    QFETCH(QString, how);
    TcpClient client;
    client.setBatchInterval(0);
    NetLog log(&client);
    TlsClientOptions tls;
    tls.enabled = true;
    tls.verify = TlsClientOptions::Verify(verify);
    tls.caFile = m_caFile;
    tls.fingerprint = m_identity->fingerprint();
    client.setTls(tls);
    client.connectToHost(host, m_server->port());
    const auto c = log.waitFor(NetEvent::Connected, {}, 10000);
    QVERIFY2(c, qPrintable(log.events.isEmpty() ? QString() : QString::fromUtf8(log.events.last().data)));
    const QString data = QString::fromUtf8(c->data);
    QVERIFY2(data.contains(u"certificate sha256 " + m_identity->fingerprint()), qPrintable(data));
    QVERIFY2(data.contains(how), qPrintable(data));
    QVERIFY(client.send("hola\n"));
    const auto m = log.waitFor(NetEvent::Message, {}, 5000);
    QVERIFY(m);
    QCOMPARE(m->data, QByteArray("hola"));
}

void tst_TlsClient::refusedWithTheReason_data()
{
    QTest::addColumn<int>("verify");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("pin");
    QTest::addColumn<QString>("reason");
    const QString other = QStringList(32, QStringLiteral("0F")).join(QLatin1Char(':'));
    QTest::newRow("system CAs: self-signed")
        << int(TlsClientOptions::Verify::SystemCAs) << "localhost" << QString()
        << "the server's certificate is self-signed and not trusted by the system's CAs (sha256 %1)"
           ": to trust it, give its certificate as the CA file";
    QTest::newRow("wrong pin") << int(TlsClientOptions::Verify::Fingerprint) << "localhost"
                               << other
                               << "refused: the server's certificate has the fingerprint %1, not "
                                  "the pinned " + other;
}

void tst_TlsClient::refusedWithTheReason()
{
    QFETCH(int, verify);
    QFETCH(QString, host);
    QFETCH(QString, pin);
    QFETCH(QString, reason);
    TcpClient client;
    client.setBatchInterval(0);
    NetLog log(&client);
    TlsClientOptions tls;
    tls.enabled = true;
    tls.verify = TlsClientOptions::Verify(verify);
    tls.caFile = m_caFile;
    tls.fingerprint = pin;
    client.setTls(tls);
    client.connectToHost(host, m_server->port());
    const auto e = log.waitFor(NetEvent::Error, {}, 10000);
    QVERIFY(e);
    QCOMPARE(e->error, NetError::TlsRefused);
    const QString text = QString::fromUtf8(e->data);
    QVERIFY2(text.startsWith(reason.arg(m_identity->fingerprint())), qPrintable(text));
    QVERIFY(!client.isConnected());
    QCOMPARE(log.count(NetEvent::Connected), 0);
}

void tst_TlsClient::reasonsNameTheCertificate()
{
    // (A live name mismatch and an expired certificate are in interop_tls.py, against Python.)
    const QSslCertificate &cert = m_identity->certificate;
    const QString fp = m_identity->fingerprint();
    QCOMPARE(handshakeRefusal({QSslError(QSslError::HostNameMismatch, cert)}, cert,
                              QStringLiteral("example.org"), {}),
             QStringLiteral("the server's certificate is for localhost, ::1, 127.0.0.1, not for "
                            "example.org (sha256 %1)")
                 .arg(fp));
    // Expired wins over the rest (Qt reports it beside the untrusted issuer).
    QCOMPARE(handshakeRefusal({QSslError(QSslError::SelfSignedCertificate, cert),
                               QSslError(QSslError::CertificateExpired, cert)},
                              cert, QStringLiteral("localhost"), {}),
             QStringLiteral("the server's certificate expired on %1 (sha256 %2)")
                 .arg(cert.expiryDate().toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"), fp));
    TlsClientOptions caFile;
    caFile.verify = TlsClientOptions::Verify::CaFile;
    caFile.caFile = QStringLiteral("/tmp/other.pem");
    QVERIFY(handshakeRefusal({QSslError(QSslError::SelfSignedCertificate, cert)}, cert,
                             QStringLiteral("localhost"), caFile)
                .startsWith(u"the server's certificate is self-signed and not trusted by the CA "
                            u"file /tmp/other.pem"));
}

QTEST_MAIN(tst_TlsClient)
#include "tst_tlsclient.moc"

// The clients table: batched joins, stats updates and leaves, lookups by id.
#include "chat/clientsmodel.h"
#include "localization.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include <limits>

using namespace stdlab::chat;

class tst_ClientsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void joinsAreOneInsertion();
    void knownIdsAreUpdatedInPlace();
    void removesScatteredRows();
    void showsColumns();
    void byteTooltipsReadSingularAndPluralInEnglish();
    void bytesAreCompact_data();
    void bytesAreCompact();

private:
    ClientsModel *m_model = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

static ClientsModel::Client client(quint64 id, qint64 bytesIn = 0)
{
    ClientsModel::Client c;
    c.id = id;
    c.address = QStringLiteral("127.0.0.1:%1").arg(40000 + id);
    c.since = QDateTime(QDate(2026, 11, 23), QTime(9, 8, 7));
    c.bytesIn = bytesIn;
    c.worker = 1;
    c.workers = 2;
    return c;
}

void tst_ClientsModel::init()
{
    m_model = new ClientsModel;
    m_tester = new QAbstractItemModelTester(m_model,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void tst_ClientsModel::cleanup()
{
    delete m_tester;
    delete m_model;
}

void tst_ClientsModel::joinsAreOneInsertion()
{
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    m_model->upsert({client(1), client(2), client(3)});
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->idAt(2), quint64(3));
    QCOMPARE(m_model->rowOfAddress(QStringLiteral("127.0.0.1:40002")), 1);
}

void tst_ClientsModel::knownIdsAreUpdatedInPlace()
{
    m_model->upsert({client(1), client(2)});
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    m_model->upsert({client(2, 2048), client(4)});
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->client(2)->bytesIn, 2048);
    QCOMPARE(m_model->index(1, ClientsModel::BytesInColumn).data(ClientsModel::SortRole).toLongLong(),
             2048);
}

void tst_ClientsModel::removesScatteredRows()
{
    QList<ClientsModel::Client> all;
    for (quint64 id = 1; id <= 10; ++id) {
        all << client(id);
    }
    m_model->upsert(all);
    m_model->remove({2, 3, 7, 10, 99});
    QCOMPARE(m_model->rowCount(), 6);
    QList<quint64> ids;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        ids << m_model->idAt(r);
    }
    QCOMPARE(ids, (QList<quint64>{1, 4, 5, 6, 8, 9}));
    QVERIFY(!m_model->contains(7));
    QCOMPARE(m_model->client(8)->address, QStringLiteral("127.0.0.1:40008"));
    m_model->clear();
    QCOMPARE(m_model->rowCount(), 0);
}

void tst_ClientsModel::showsColumns()
{
    ClientsModel::Client c = client(5, 1536);
    c.nickname = QStringLiteral("ana");
    c.messages = 12;
    m_model->upsert({c});
    QCOMPARE(m_model->columnCount(), int(ClientsModel::ColumnCount));
    QCOMPARE(m_model->index(0, ClientsModel::AddressColumn).data().toString(),
             QStringLiteral("127.0.0.1:40005"));
    QCOMPARE(m_model->index(0, ClientsModel::NicknameColumn).data().toString(), QStringLiteral("ana"));
    QCOMPARE(m_model->index(0, ClientsModel::SinceColumn).data().toString(), QStringLiteral("09:08:07"));
    QCOMPARE(m_model->index(0, ClientsModel::BytesInColumn).data().toString(),
             QStringLiteral("1.5 KB"));
    QCOMPARE(m_model->index(0, ClientsModel::MessagesColumn).data().toString(), QStringLiteral("12"));
    QCOMPARE(m_model->index(0, ClientsModel::ThreadColumn).data().toString(),
             QStringLiteral("worker 1 of 2"));
    c.worker = c.workers = 0; // --thread-per-client
    m_model->upsert({c});
    QCOMPARE(m_model->index(0, ClientsModel::ThreadColumn).data().toString(),
             QStringLiteral("own thread"));
    QCOMPARE(m_model->headerData(ClientsModel::AddressColumn, Qt::Horizontal).toString(),
             QStringLiteral("Address"));
}

void tst_ClientsModel::byteTooltipsReadSingularAndPluralInEnglish()
{
    QVERIFY(stdlab::installTranslations(QCoreApplication::instance(), QStringLiteral("en")));
    ClientsModel::Client c = client(7, 1);
    c.bytesOut = 1536;
    m_model->upsert({c});
    QCOMPARE(m_model->index(0, ClientsModel::BytesInColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("1 byte"));
    QCOMPARE(m_model->index(0, ClientsModel::BytesOutColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("1536 bytes"));
}

void tst_ClientsModel::bytesAreCompact_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("text");
    QTest::newRow("0") << qint64(0) << QStringLiteral("0 B");
    QTest::newRow("19") << qint64(19) << QStringLiteral("19 B");
    QTest::newRow("999") << qint64(999) << QStringLiteral("999 B");
    QTest::newRow("1000") << qint64(1000) << QStringLiteral("1.0 KB");
    QTest::newRow("1536") << qint64(1536) << QStringLiteral("1.5 KB");
    QTest::newRow("10188") << qint64(10188) << QStringLiteral("9.9 KB");
    QTest::newRow("10240") << qint64(10240) << QStringLiteral("10 KB");
    QTest::newRow("1023487") << qint64(1023487) << QStringLiteral("999 KB");
    QTest::newRow("1023488") << qint64(1023488) << QStringLiteral("1.0 MB");
    QTest::newRow("5 GiB") << qint64(5) * 1024 * 1024 * 1024 << QStringLiteral("5.0 GB");
    QTest::newRow("max") << std::numeric_limits<qint64>::max() << QStringLiteral("8.0 EB");
}

void tst_ClientsModel::bytesAreCompact()
{
    QFETCH(qint64, bytes);
    QFETCH(QString, text);
    QVERIFY(stdlab::installTranslations(QCoreApplication::instance(), QStringLiteral("en")));
    QCOMPARE(ClientsModel::formatBytes(bytes), text);
    // No text wider than the ones the column is sized for (three digits, or one and a decimal).
    QVERIFY(text.size() <= 6);
}

QTEST_GUILESS_MAIN(tst_ClientsModel)
#include "tst_clientsmodel.moc"

// The conversation log: batches, trimming with a note, hex toggle, UTF-8, saving.
#include "chat/conversationmodel.h"
#include "localization.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QSignalSpy>
#include <QtTest>

using namespace stdlab::chat;

using Direction = ConversationModel::Direction;

class tst_ConversationModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void appendsABatchWithOneInsertion();
    void showsUtf8AccentsAndEmoji();
    void invalidUtf8ShowsReplacementCharacter();
    void controlCharactersAndNewlinesStayOnOneLine();
    void hexToggleIsPerMessage();
    void systemEntriesAreDistinct();
    void trimsAtTheLimitWithANote();
    void trimNoteReadsSingularAndPluralInEnglish();
    void trimsAtTheDefaultLimitOfTenThousand();
    void batchLargerThanTheLimitKeepsItsTail();
    void clearForgetsEverything();
    void saveWritesOneLinePerEntry();

private:
    ConversationModel *m_model = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void tst_ConversationModel::init()
{
    m_model = new ConversationModel;
    m_tester = new QAbstractItemModelTester(m_model,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void tst_ConversationModel::cleanup()
{
    stdlab::installTranslations(QCoreApplication::instance(), QStringLiteral("en"));
    delete m_tester;
    delete m_model;
}

static ConversationModel::Entry message(Direction d, const QByteArray &data,
                                        const QString &peer = QStringLiteral("127.0.0.1:5000"))
{
    ConversationModel::Entry e;
    e.time = QDateTime(QDate(2026, 11, 23), QTime(10, 20, 30, 456));
    e.direction = d;
    e.peer = peer;
    e.data = data;
    return e;
}

void tst_ConversationModel::appendsABatchWithOneInsertion()
{
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QList<ConversationModel::Entry> batch;
    for (int i = 0; i < 50; ++i) {
        batch << message(Direction::In, QByteArray::number(i));
    }
    m_model->append(batch);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 49);
    QCOMPARE(m_model->rowCount(), 50);
    QCOMPARE(m_model->index(49).data(ConversationModel::TextRole).toString(), QStringLiteral("49"));
    QCOMPARE(m_model->index(0).data(ConversationModel::PeerRole).toString(),
             QStringLiteral("127.0.0.1:5000"));
    QCOMPARE(m_model->index(0).data(ConversationModel::DirectionRole).toInt(), int(Direction::In));
}

void tst_ConversationModel::showsUtf8AccentsAndEmoji()
{
    const QString text = QStringLiteral("Hola, se está tensando muchísimo 😀 ñ");
    m_model->append(message(Direction::In, text.toUtf8()));
    QCOMPARE(m_model->index(0).data(ConversationModel::TextRole).toString(), text);
    QCOMPARE(m_model->index(0).data(ConversationModel::BytesRole).toByteArray(), text.toUtf8());
}

void tst_ConversationModel::invalidUtf8ShowsReplacementCharacter()
{
    // As Python's data.decode(errors="backslashreplace") (and `stdlab serve`) show it: the byte,
    // not U+FFFD. Truncated and overlong sequences, lone continuations, surrogates encoded.
    m_model->append(message(Direction::In, QByteArray("ab\xff" "c", 4)));
    QCOMPARE(m_model->index(0).data(ConversationModel::TextRole).toString(),
             QStringLiteral("ab\\xffc"));
    const QByteArray mixed("\xc3\xb1 \xe2\x82 \xc0\xaf \x80 \xed\xa0\x80 \xf0\x9f\x98\x80", 19);
    // b'\xc3\xb1 \xe2\x82 \xc0\xaf \x80 \xed\xa0\x80 \xf0\x9f\x98\x80'.decode(errors='backslashreplace')
    QCOMPARE(ConversationModel::decodedText(mixed),
             QStringLiteral("ñ \\xe2\\x82 \\xc0\\xaf \\x80 \\xed\\xa0\\x80 😀"));
    QCOMPARE(ConversationModel::decodedText("a\\xff\xff", true), QStringLiteral("a\\\\xff\\xff"));
    // The bytes are kept as received.
    QCOMPARE(m_model->index(0).data(ConversationModel::BytesRole).toByteArray(),
             QByteArray("ab\xff" "c", 4));
}

void tst_ConversationModel::controlCharactersAndNewlinesStayOnOneLine()
{
    m_model->append(message(Direction::In, QByteArray("uno\ndos\r\n", 9)));
    m_model->append(message(Direction::In, QByteArray("a\0b", 3)));
    QCOMPARE(m_model->index(0).data(ConversationModel::TextRole).toString(),
             QStringLiteral("uno↵dos"));
    QCOMPARE(m_model->index(1).data(ConversationModel::TextRole).toString(),
             QStringLiteral("a␀b"));
}

void tst_ConversationModel::hexToggleIsPerMessage()
{
    m_model->append({message(Direction::In, "Hola"), message(Direction::Out, "Hola")});
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    m_model->toggleHex(1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_model->index(1).data(ConversationModel::TextRole).toString(),
             QStringLiteral("48 6f 6c 61"));
    QCOMPARE(m_model->index(0).data(ConversationModel::TextRole).toString(), QStringLiteral("Hola"));
    QVERIFY(m_model->index(1).data(ConversationModel::HexRole).toBool());
    QVERIFY(m_model->setData(m_model->index(1), false, ConversationModel::HexRole));
    QCOMPARE(m_model->index(1).data(ConversationModel::TextRole).toString(), QStringLiteral("Hola"));
}

void tst_ConversationModel::systemEntriesAreDistinct()
{
    m_model->appendSystem(QStringLiteral("Listening on 127.0.0.1:5555"));
    m_model->appendSystem(QStringLiteral("Port 5555 is in use"), {}, true);
    QCOMPARE(m_model->index(0).data(ConversationModel::DirectionRole).toInt(),
             int(Direction::System));
    QVERIFY(!m_model->index(0).data(ConversationModel::ErrorRole).toBool());
    QVERIFY(m_model->index(1).data(ConversationModel::ErrorRole).toBool());
    QCOMPARE(m_model->index(1).data(ConversationModel::TextRole).toString(),
             QStringLiteral("Port 5555 is in use"));
}

void tst_ConversationModel::trimsAtTheLimitWithANote()
{
    m_model->setLimit(10);
    QSignalSpy trimmed(m_model, &ConversationModel::trimmedCountChanged);
    for (int i = 0; i < 25; ++i) {
        m_model->append(message(Direction::In, QByteArray::number(i)));
    }
    QCOMPARE(m_model->entryCount(), 10);
    QCOMPARE(m_model->trimmedCount(), 15);
    QCOMPARE(m_model->rowCount(), 11); // the note on top
    QVERIFY(m_model->index(0).data(ConversationModel::TrimNoteRole).toBool());
    QVERIFY(m_model->index(0).data().toString().contains(QLatin1String("15 older entries")));
    QCOMPARE(m_model->index(1).data(ConversationModel::TextRole).toString(), QStringLiteral("15"));
    QCOMPARE(m_model->index(10).data(ConversationModel::TextRole).toString(), QStringLiteral("24"));
    QCOMPARE(trimmed.count(), 15);
    QCOMPARE(trimmed.last().at(0).toLongLong(), 15);
}

void tst_ConversationModel::trimNoteReadsSingularAndPluralInEnglish()
{
    QVERIFY(stdlab::installTranslations(QCoreApplication::instance(), QStringLiteral("en")));
    m_model->setLimit(10);
    for (int i = 0; i < 11; ++i) {
        m_model->append(message(Direction::In, QByteArray::number(i)));
    }
    QCOMPARE(m_model->index(0).data().toString(),
             QStringLiteral("1 older entry was trimmed (the log keeps the last 10)."));
    m_model->append(message(Direction::In, "11"));
    QCOMPARE(m_model->index(0).data().toString(),
             QStringLiteral("2 older entries were trimmed (the log keeps the last 10)."));
    // Back in Spanish (cleanup() returns to English).
    QVERIFY(stdlab::installTranslations(QCoreApplication::instance(), QStringLiteral("es")));
    QCOMPARE(m_model->index(0).data().toString(),
             QStringLiteral("Se recortaron 2 entradas antiguas (el registro conserva las últimas "
                            "10)."));
}

void tst_ConversationModel::trimsAtTheDefaultLimitOfTenThousand()
{
    QCOMPARE(m_model->limit(), 10000);
    delete m_tester; // the tester re-checks every row on each change: too slow for 10,000 rows
    m_tester = nullptr;
    for (int batch = 0; batch < 11; ++batch) {
        QList<ConversationModel::Entry> entries;
        for (int i = 0; i < 1000; ++i) {
            entries << message(Direction::In, QByteArray::number(batch * 1000 + i));
        }
        m_model->append(entries);
    }
    QCOMPARE(m_model->entryCount(), 10000);
    QCOMPARE(m_model->trimmedCount(), 1000);
    QCOMPARE(m_model->index(1).data(ConversationModel::TextRole).toString(),
             QStringLiteral("1000"));
    QCOMPARE(m_model->index(10000).data(ConversationModel::TextRole).toString(),
             QStringLiteral("10999"));
}

void tst_ConversationModel::batchLargerThanTheLimitKeepsItsTail()
{
    m_model->setLimit(5);
    m_model->append(message(Direction::In, "old"));
    QList<ConversationModel::Entry> entries;
    for (int i = 0; i < 8; ++i) {
        entries << message(Direction::In, QByteArray::number(i));
    }
    m_model->append(entries);
    QCOMPARE(m_model->entryCount(), 5);
    QCOMPARE(m_model->trimmedCount(), 4);
    QCOMPARE(m_model->index(1).data(ConversationModel::TextRole).toString(), QStringLiteral("3"));
    QCOMPARE(m_model->index(5).data(ConversationModel::TextRole).toString(), QStringLiteral("7"));
}

void tst_ConversationModel::clearForgetsEverything()
{
    m_model->setLimit(2);
    for (int i = 0; i < 5; ++i) {
        m_model->append(message(Direction::Out, "x"));
    }
    m_model->clear();
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->trimmedCount(), 0);
    m_model->append(message(Direction::Out, "y"));
    QCOMPARE(m_model->rowCount(), 1);
}

void tst_ConversationModel::saveWritesOneLinePerEntry()
{
    m_model->append(message(Direction::In, "Hola, servidor!"));
    m_model->append(message(Direction::Out, "línea 1\nlínea 2", QStringLiteral("127.0.0.1:6000")));
    ConversationModel::Entry e = message(Direction::System, "Listening", QString());
    m_model->append(e);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(m_model->save(&buffer));
    const QStringList lines = QString::fromUtf8(buffer.data()).split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines.at(0),
             QStringLiteral("2026-11-23T10:20:30.456\tin\t127.0.0.1:5000\tHola, servidor!"));
    QCOMPARE(lines.at(1),
             QStringLiteral("2026-11-23T10:20:30.456\tout\t127.0.0.1:6000\tlínea 1\\nlínea 2"));
    QCOMPARE(lines.at(2), QStringLiteral("2026-11-23T10:20:30.456\tsystem\t-\tListening"));
    QCOMPARE(lines.at(3), QString());
}

QTEST_GUILESS_MAIN(tst_ConversationModel)
#include "tst_conversationmodel.moc"

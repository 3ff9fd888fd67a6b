// The chat input: Enter sends, Shift+Enter adds a line, Up/Down recall the history.
#include "chat/messageinput.h"

#include <QSignalSpy>
#include <QtTest>

class tst_MessageInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void enterSubmitsAndClears();
    void shiftEnterAddsANewLine();
    void emptyEnterSendsNothing();
    void upAndDownWalkTheHistory();
    void historyIsBounded();
    void escapesAndHexBecomeBytes_data();
    void escapesAndHexBecomeBytes();
    void invalidBytesAreRefusedAndKept();
};

void tst_MessageInput::enterSubmitsAndClears()
{
    MessageInput input;
    QSignalSpy submitted(&input, &MessageInput::submitted);
    QTest::keyClicks(&input, QStringLiteral("Hola, servidor!"));
    QTest::keyClick(&input, Qt::Key_Return);
    QCOMPARE(submitted.count(), 1);
    QCOMPARE(submitted.at(0).at(0).toString(), QStringLiteral("Hola, servidor!"));
    QCOMPARE(input.toPlainText(), QString());
    input.insertPlainText(QStringLiteral("ñ😀")); // keyClicks takes Latin-1 only
    QTest::keyClick(&input, Qt::Key_Enter, Qt::KeypadModifier);
    QCOMPARE(submitted.count(), 2);
    QCOMPARE(submitted.at(1).at(0).toString(), QStringLiteral("ñ😀"));
}

void tst_MessageInput::shiftEnterAddsANewLine()
{
    MessageInput input;
    QSignalSpy submitted(&input, &MessageInput::submitted);
    QTest::keyClicks(&input, QStringLiteral("uno"));
    QTest::keyClick(&input, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(&input, QStringLiteral("dos"));
    QCOMPARE(submitted.count(), 0);
    QTest::keyClick(&input, Qt::Key_Return);
    QCOMPARE(submitted.count(), 1);
    QCOMPARE(submitted.at(0).at(0).toString(), QStringLiteral("uno\ndos"));
}

void tst_MessageInput::emptyEnterSendsNothing()
{
    MessageInput input;
    QSignalSpy submitted(&input, &MessageInput::submitted);
    QTest::keyClick(&input, Qt::Key_Return);
    QCOMPARE(submitted.count(), 0);
}

void tst_MessageInput::upAndDownWalkTheHistory()
{
    MessageInput input;
    for (const char *m : {"primero", "segundo", "tercero"}) {
        QTest::keyClicks(&input, QString::fromLatin1(m));
        QTest::keyClick(&input, Qt::Key_Return);
    }
    QTest::keyClicks(&input, QStringLiteral("borrador"));
    QTest::keyClick(&input, Qt::Key_Up);
    QCOMPARE(input.toPlainText(), QStringLiteral("tercero"));
    QTest::keyClick(&input, Qt::Key_Up);
    QTest::keyClick(&input, Qt::Key_Up);
    QCOMPARE(input.toPlainText(), QStringLiteral("primero"));
    QTest::keyClick(&input, Qt::Key_Up); // stays at the oldest
    QCOMPARE(input.toPlainText(), QStringLiteral("primero"));
    QTest::keyClick(&input, Qt::Key_Down);
    QCOMPARE(input.toPlainText(), QStringLiteral("segundo"));
    QTest::keyClick(&input, Qt::Key_Down);
    QTest::keyClick(&input, Qt::Key_Down);
    QCOMPARE(input.toPlainText(), QStringLiteral("borrador")); // back to the draft
    QCOMPARE(input.history(),
             (QStringList{QStringLiteral("primero"), QStringLiteral("segundo"),
                          QStringLiteral("tercero")}));
}

void tst_MessageInput::historyIsBounded()
{
    MessageInput input;
    QStringList many;
    for (int i = 0; i < 150; ++i) {
        many << QString::number(i);
    }
    input.setHistory(many);
    QCOMPARE(input.history().size(), MessageInput::MaxHistory);
    QCOMPARE(input.history().first(), QStringLiteral("50"));
}

void tst_MessageInput::escapesAndHexBecomeBytes_data()
{
    using stdlab::chat::InputEncoding;
    QTest::addColumn<int>("encoding");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("text: a backslash is a backslash")
        << int(InputEncoding::Text) << QStringLiteral("C:\\x00 ñ") << QByteArray("C:\\x00 \xc3\xb1");
    QTest::newRow("escapes") << int(InputEncoding::Escapes) << QStringLiteral("\\x00\\r\\n\\t\\\\\\xff")
                             << QByteArray("\0\r\n\t\\\xff", 6);
    QTest::newRow("hex") << int(InputEncoding::Hex) << QStringLiteral("48 65 6c 00")
                         << QByteArray("Hel\0", 4);
}

void tst_MessageInput::escapesAndHexBecomeBytes()
{
    QFETCH(int, encoding);
    QFETCH(QString, typed);
    QFETCH(QByteArray, bytes);
    MessageInput input;
    input.setEncoding(stdlab::chat::InputEncoding(encoding));
    QSignalSpy submitted(&input, &MessageInput::submitted);
    input.insertPlainText(typed);
    QTest::keyClick(&input, Qt::Key_Return);
    QCOMPARE(submitted.count(), 1);
    QCOMPARE(submitted.at(0).at(0).toString(), typed);
    QCOMPARE(submitted.at(0).at(1).toByteArray(), bytes);
    QCOMPARE(input.history(), QStringList{typed});
}

void tst_MessageInput::invalidBytesAreRefusedAndKept()
{
    MessageInput input;
    input.setEncoding(stdlab::chat::InputEncoding::Hex);
    QSignalSpy submitted(&input, &MessageInput::submitted);
    QSignalSpy rejected(&input, &MessageInput::rejected);
    QTest::keyClicks(&input, QStringLiteral("48 6"));
    QTest::keyClick(&input, Qt::Key_Return);
    QCOMPARE(submitted.count(), 0);
    QCOMPARE(rejected.count(), 1);
    QCOMPARE(rejected.at(0).at(0).toString(),
             QStringLiteral("non-hexadecimal number found in fromhex() arg at position 4"));
    QCOMPARE(input.toPlainText(), QStringLiteral("48 6")); // kept, to be mended
    QVERIFY(input.history().isEmpty());
    input.setEncoding(stdlab::chat::InputEncoding::Escapes);
    input.setPlainText(QStringLiteral("\\x4"));
    QTest::keyClick(&input, Qt::Key_Return);
    QCOMPARE(rejected.count(), 2);
    QCOMPARE(rejected.at(1).at(0).toString(), QStringLiteral("invalid \\x escape at position 0"));
    QCOMPARE(submitted.count(), 0);
}

QTEST_MAIN(tst_MessageInput)
#include "tst_messageinput.moc"

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

QTEST_MAIN(tst_MessageInput)
#include "tst_messageinput.moc"

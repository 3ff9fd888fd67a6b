// RegexTextEdit: the text it gives the engine follows every edit of the document (differential
// test against the document itself), universal newlines, and documents prepared in a worker
// thread and adopted by the view.
#include "regex/regextextedit.h"

#include "common/pyrepr.h"

#include <QApplication>
#include <QPointer>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QtConcurrent>
#include <QtTest>

#include <random>

class tst_RegexTextEdit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void universalNewlines_data();
    void universalNewlines();
    void textFollowsRandomEdits();
    void textKeepsWhatToPlainTextChanges();
    void preparedDocumentIsAdoptedInTheGuiThread();
};

namespace {

// What the engine must see: the document's characters, each block break as "\n".
QString documentText(const QTextDocument *document)
{
    QString text = document->toRawText();
    text.replace(QChar::ParagraphSeparator, QLatin1Char('\n'));
    return text;
}

} // namespace

void tst_RegexTextEdit::universalNewlines_data()
{
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    QTest::newRow("none") << QStringLiteral("a\nb") << QStringLiteral("a\nb");
    QTest::newRow("crlf") << QStringLiteral("a\r\nb\r\n") << QStringLiteral("a\nb\n");
    QTest::newRow("lone cr") << QStringLiteral("a\rb\r") << QStringLiteral("a\nb\n");
    QTest::newRow("cr cr lf") << QStringLiteral("a\r\r\nb") << QStringLiteral("a\n\nb");
    QTest::newRow("others kept") << QStringLiteral("a\u00a0b\u2028c\u2029d")
                                 << QStringLiteral("a\u00a0b\u2028c\u2029d");
}

void tst_RegexTextEdit::universalNewlines()
{
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(stdlab::py::universalNewlines(in), out);
}

void tst_RegexTextEdit::textFollowsRandomEdits()
{
    RegexTextEdit edit;
    edit.resize(400, 300);
    edit.show();
    edit.setPlainText(QStringLiteral("hola mundo\nsegunda línea 😀\n"));
    QCOMPARE(edit.text(), documentText(edit.document()));
    std::mt19937 rng(4242);
    const QString pieces[] = {QStringLiteral("a"),    QStringLiteral("\n"),
                              QStringLiteral("ñandú"), QStringLiteral("😀"),
                              QStringLiteral("x\ny\nz"), QStringLiteral("\u00a0"),
                              QStringLiteral("\u2028"), QStringLiteral("fin\n")};
    for (int step = 0; step < 600; ++step) {
        QTextCursor cursor(edit.document());
        const int length = edit.document()->characterCount() - 1;
        const int a = int(rng() % uint(length + 1));
        const int b = int(rng() % uint(length + 1));
        cursor.setPosition(std::min(a, b));
        const int kind = int(rng() % 10);
        if (kind < 4) {
            cursor.insertText(pieces[rng() % std::size(pieces)]);
        } else if (kind < 7) {
            cursor.setPosition(std::max(a, b), QTextCursor::KeepAnchor);
            cursor.removeSelectedText();
        } else if (kind == 7) {
            cursor.setPosition(std::max(a, b), QTextCursor::KeepAnchor);
            cursor.insertText(pieces[rng() % std::size(pieces)]);
        } else if (kind == 8) {
            edit.document()->undo();
        } else {
            // Typing at the end, as a user does.
            edit.moveCursor(QTextCursor::End);
            QTest::keyClicks(&edit, QStringLiteral("ab"));
            QTest::keyClick(&edit, Qt::Key_Return);
            QTest::keyClick(&edit, Qt::Key_Backspace);
        }
        QVERIFY2(edit.text() == documentText(edit.document()),
                 qPrintable(QStringLiteral("step %1").arg(step)));
    }
    edit.selectAll();
    QTest::keyClick(&edit, Qt::Key_Delete);
    QCOMPARE(edit.text(), QString());
    edit.setPlainText(QStringLiteral("otra vez"));
    QCOMPARE(edit.text(), QStringLiteral("otra vez"));
}

void tst_RegexTextEdit::textKeepsWhatToPlainTextChanges()
{
    // toPlainText() turns U+00A0 into a space and U+2028 into "\n": a regex must see them.
    RegexTextEdit edit;
    edit.setPlainText(QStringLiteral("precio:\u00a05\u2028€"));
    QCOMPARE(edit.text(), QStringLiteral("precio:\u00a05\u2028€"));
    QCOMPARE(edit.toPlainText(), QStringLiteral("precio: 5\n€"));
}

void tst_RegexTextEdit::preparedDocumentIsAdoptedInTheGuiThread()
{
    RegexTextEdit edit;
    edit.resize(400, 300);
    edit.show();
    QString big;
    for (int i = 0; i < 20000; ++i) {
        big += QStringLiteral("línea %1 con 😀 y\u00a0más\n").arg(i);
    }
    const RegexTextEdit::Look look = edit.look();
    QThread *gui = QThread::currentThread();
    QThread *worker = nullptr;
    auto prepared = QtConcurrent::run([&] {
                        worker = QThread::currentThread();
                        return RegexTextEdit::prepare(big, look, gui);
                    }).result();
    QVERIFY(worker && worker != gui);
    QVERIFY(prepared && prepared->document);
    QCOMPARE(prepared->document->thread(), gui);
    QCOMPARE(prepared->document->blockCount(), 20001);
    QCOMPARE(prepared->document->defaultFont(), look.font);
    QPointer<QTextDocument> first = prepared->document.get();
    edit.adopt(*prepared);
    QCOMPARE(edit.document(), first.data());
    QCOMPARE(edit.text(), big);
    QCOMPARE(documentText(edit.document()), big);
    // Edits after the swap are followed.
    QTextCursor cursor(edit.document());
    cursor.setPosition(5);
    cursor.insertText(QStringLiteral("X\n"));
    big.insert(5, QStringLiteral("X\n"));
    QCOMPARE(edit.text(), big);
    // A second document replaces (and deletes) the first.
    auto second = RegexTextEdit::prepare(QStringLiteral("corto"), look, gui);
    edit.adopt(*second);
    QVERIFY(first.isNull());
    QCOMPARE(edit.text(), QStringLiteral("corto"));
    QCOMPARE(edit.toPlainText(), QStringLiteral("corto"));
}

QTEST_MAIN(tst_RegexTextEdit)
#include "tst_regextextedit.moc"

// RegexTextEdit: the text it gives the engine follows every edit of the document (differential
// test against the document itself), universal newlines, and big texts loaded in slices.
#include "regex/regextextedit.h"

#include "common/pyrepr.h"

#include <QApplication>
#include <QPointer>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>
#include <QSignalSpy>
#include <QTextDocument>
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
    void loadFillsTheDocumentInSlices();
    void onlyBlocksOnScreenKeepTheirShapes();
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

void tst_RegexTextEdit::loadFillsTheDocumentInSlices()
{
    RegexTextEdit edit;
    edit.resize(400, 300);
    edit.show();
    edit.setPlainText(QStringLiteral("antes"));
    QPointer<QTextDocument> first = edit.document();
    QString big;
    for (int i = 0; i < 40000; ++i) {
        big += QStringLiteral("línea %1 con 😀 y\u00a0más\u2028\n").arg(i);
    }
    QSignalSpy loaded(&edit, &RegexTextEdit::loaded);
    edit.load(big);
    // The whole text at once for the engine; the document fills in later slices, read-only.
    QCOMPARE(edit.text(), big);
    QVERIFY(edit.isLoading());
    QVERIFY(edit.isReadOnly());
    QVERIFY(edit.document()->blockCount() > 1);
    QVERIFY(edit.document()->blockCount() < 40001);
    QVERIFY(first.isNull()); // the editor's first document is gone
    QVERIFY(loaded.wait(20000));
    QVERIFY(!edit.isLoading());
    QVERIFY(!edit.isReadOnly());
    QCOMPARE(edit.document()->blockCount(), 40001);
    QCOMPARE(documentText(edit.document()), big);
    QCOMPARE(edit.text(), big);
    // Loading is not an edit to undo; edits after it are followed and undone.
    QVERIFY(!edit.document()->isUndoAvailable());
    QTextCursor cursor(edit.document());
    cursor.setPosition(5);
    cursor.insertText(QStringLiteral("X\n"));
    big.insert(5, QStringLiteral("X\n"));
    QCOMPARE(edit.text(), big);
    edit.document()->undo();
    big.remove(5, 2);
    QCOMPARE(edit.text(), big);

    // A load stopped by setPlainText() (an example chosen meanwhile) leaves that text only.
    edit.load(big);
    QVERIFY(edit.isLoading());
    edit.setPlainText(QStringLiteral("corto"));
    QVERIFY(!edit.isLoading());
    QVERIFY(!edit.isReadOnly());
    QCOMPARE(edit.text(), QStringLiteral("corto"));
    QTest::qWait(50);
    QCOMPARE(edit.toPlainText(), QStringLiteral("corto"));
    QCOMPARE(loaded.size(), 1);
    // A small text goes in at once.
    edit.load(QStringLiteral("uno\ndos"));
    QVERIFY(!edit.isLoading());
    QCOMPARE(loaded.size(), 2);
    QCOMPARE(documentText(edit.document()), QStringLiteral("uno\ndos"));
}

void tst_RegexTextEdit::onlyBlocksOnScreenKeepTheirShapes()
{
    // Shaping a line again at every paint cost 20-50 ms a paint on bench/regex's text (emoji);
    // the blocks on screen keep their shapes, and only those (the cache is one screenful).
    RegexTextEdit edit;
    edit.resize(400, 300);
    edit.show();
    QVERIFY(QTest::qWaitForWindowExposed(&edit));
    QString text;
    for (int i = 0; i < 5000; ++i) {
        text += QStringLiteral("línea %1 con 😀 y más\n").arg(i);
    }
    edit.setPlainText(text);
    edit.viewport()->repaint();
    auto cachedBlocks = [&] {
        QList<int> numbers;
        for (QTextBlock b = edit.document()->begin(); b.isValid(); b = b.next()) {
            if (b.layout()->cacheEnabled()) {
                numbers.append(b.blockNumber());
            }
        }
        return numbers;
    };
    QList<int> cached = cachedBlocks();
    QVERIFY(!cached.isEmpty());
    QCOMPARE(cached.first(), 0);
    QVERIFY(cached.size() < 40);
    const int firstScreen = int(cached.size());
    // Far down: those blocks are shaped now, the first screen's are dropped (no lines left:
    // laid out again if shown, as after a width change).
    edit.verticalScrollBar()->setValue(edit.verticalScrollBar()->maximum() / 2);
    edit.viewport()->repaint();
    cached = cachedBlocks();
    QVERIFY(!cached.isEmpty());
    QCOMPARE(cached.first(), edit.cursorForPosition(QPoint(0, 0)).blockNumber());
    QVERIFY(cached.size() <= firstScreen + 1);
    QCOMPARE(edit.document()->firstBlock().layout()->lineCount(), 0);
    // Back at the top, it is laid out and painted again as before.
    edit.verticalScrollBar()->setValue(0);
    edit.viewport()->repaint();
    QCOMPARE(cachedBlocks().first(), 0);
    QCOMPARE(edit.document()->firstBlock().layout()->lineCount(), 1);
}

QTEST_MAIN(tst_RegexTextEdit)
#include "tst_regextextedit.moc"

#include "pythoncodepane.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSyntaxHighlighter>
#include <QTextBlock>
#include <QtTest>

class tst_PythonCodePane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsCode();
    void copyPutsCodeOnClipboard();
    void coloursKeywordsAndStrings();
};

void tst_PythonCodePane::showsCode()
{
    PythonCodePane pane;
    pane.setCode(QStringLiteral("import re\nre.findall(r\"\\d+\", texto)\n"));
    QCOMPARE(pane.code(), QStringLiteral("import re\nre.findall(r\"\\d+\", texto)\n"));
    auto *editor = pane.findChild<QPlainTextEdit *>(QStringLiteral("pythonCode"));
    QVERIFY(editor->isReadOnly());
    QCOMPARE(editor->font().family(), QFontDatabase::systemFont(QFontDatabase::FixedFont).family());
}

void tst_PythonCodePane::copyPutsCodeOnClipboard()
{
    PythonCodePane pane;
    pane.setCode(QStringLiteral("print('hola')\n"));
    QSignalSpy copied(&pane, &PythonCodePane::copied);
    QTest::mouseClick(pane.findChild<QPushButton *>(QStringLiteral("copyButton")),
                      Qt::LeftButton);
    QCOMPARE(copied.count(), 1);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("print('hola')\n"));
}

void tst_PythonCodePane::coloursKeywordsAndStrings()
{
    PythonCodePane pane;
    pane.setCode(QStringLiteral("import socket  # comentario\nx = \"hola\"\n"));
    auto *editor = pane.findChild<QPlainTextEdit *>(QStringLiteral("pythonCode"));
    const QTextBlock first = editor->document()->firstBlock();
    const auto formats = first.layout()->formats();
    auto colourAt = [&](const QTextBlock &block, int pos) {
        for (const QTextLayout::FormatRange &r : block.layout()->formats()) {
            if (pos >= r.start && pos < r.start + r.length) {
                return r.format.foreground().color();
            }
        }
        return QColor();
    };
    const QColor keyword = colourAt(first, 0);
    const QColor comment = colourAt(first, 16);
    QVERIFY(keyword.isValid());
    QVERIFY(comment.isValid());
    QVERIFY(keyword != comment);
    QVERIFY(!colourAt(first, 7).isValid()); // "socket" is plain text
    const QColor string = colourAt(first.next(), 5);
    QVERIFY(string.isValid());
    QVERIFY(string != keyword);
    QVERIFY(!formats.isEmpty());
}

QTEST_MAIN(tst_PythonCodePane)
#include "tst_pythoncodepane.moc"

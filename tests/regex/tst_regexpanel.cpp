// The Regex panel: typing highlights and fills the table, errors with a caret, the limit while
// the window answers, examples, navigation, files, settings and the Spanish UI.
#include "common/pyrepr.h"
#include "localization.h"
#include "regex/regexmodel.h"
#include "regex/regexpanel.h"
#include "messagelabel.h"
#include "regex/regexexplainview.h"
#include "regex/regextextedit.h"
#include "regex/redosplot.h"
#include "regex/railroadpane.h"
#include "regex/railroadview.h"
#include "regex/redosview.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QScrollArea>
#include <QElapsedTimer>
#include <QToolButton>
#include <QComboBox>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidgetItemIterator>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QVBoxLayout>
#include <QtTest>

#include <ctime>

using namespace stdlab::re;

class tst_RegexPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void typingAPatternHighlightsAndFillsTheTable();
    void invalidPatternShowsMessageAndCaret();
    void runawayPatternShowsTheLimitWhileTheWindowAnswers();
    void exampleClickLoadsPatternTextAndFunction();
    void editingLeavesTheExample();
    void limitMessageWrapsWithoutWideningTheWindow();
    void noMessageMovesTheRowsBelow_data();
    void noMessageMovesTheRowsBelow();
    void everyExampleRunsWithoutError();
    void resultPaneShowsWhatTheProgramPrints();
    void navigationWithF3AndTheTable();
    void replacementAndCountFollowTheFunction();
    void posAndEndposLimitTheSearch();
    void onlyVisibleMatchesArePainted();
    void openFileReadsItInTheBackground();
    void openFileReadsLikePythonAndTheLastFileWins();
    void openFileKeepsALeadingByteOrderMark();
    void openingABigFileNeverStallsTheWindow();
    void settingsRoundTrip();
    void spanishLabels();
    void explanationFollowsThePatternAndMarksIt();
    void redosBadgeShowsTheVerdictAndTheAttack();
    void redosShowsUnknownAndSearchOnlyVerdicts();
    void redosNeverRunsOnTheKeystroke();
    void railroadFollowsThePatternBothWays();
    void railroadHoverOfAGroupOutlinesItsMatches();
    void railroadExportsTheDiagramShown();

private:
    static void waitFinished(RegexPanel &panel);
    static void typePattern(RegexPanel &panel, const QString &pattern);
    static void setTestText(RegexPanel &panel, const QString &text);
};

void tst_RegexPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    stdlab::installTranslations(qApp, QStringLiteral("en"));
}

void tst_RegexPanel::waitFinished(RegexPanel &panel)
{
    if (panel.model()->isRunning()) {
        QSignalSpy finished(panel.model(), &RegexModel::finished);
        QVERIFY(finished.wait(20000));
    }
}

void tst_RegexPanel::typePattern(RegexPanel &panel, const QString &pattern)
{
    auto *edit = panel.findChild<QPlainTextEdit *>(QStringLiteral("pattern"));
    QVERIFY(edit);
    edit->clear();
    // QTest types ASCII only; the rest is inserted as an input method would.
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        if (pattern[i].unicode() < 128) {
            QTest::keyClick(edit, pattern[i].toLatin1());
        } else {
            const qsizetype n = pattern[i].isHighSurrogate() ? 2 : 1;
            edit->insertPlainText(pattern.mid(i, n));
            i += n - 1;
        }
    }
}

void tst_RegexPanel::setTestText(RegexPanel &panel, const QString &text)
{
    auto *edit = panel.findChild<QPlainTextEdit *>(QStringLiteral("testText"));
    QVERIFY(edit);
    edit->setPlainText(text);
}

void tst_RegexPanel::typingAPatternHighlightsAndFillsTheTable()
{
    RegexPanel panel;
    panel.resize(1000, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QSignalSpy code(&panel, &Panel::pythonCodeChanged);
    setTestText(panel, QStringLiteral("Hoy 10/10/2023, mañana 11/10/2023 y 😀 el 12/10/2023"));
    typePattern(panel, QStringLiteral("\\d{2}/(\\d{2})/\\d{4}"));
    waitFinished(panel);
    QVERIFY(code.count() > 0);
    auto *status = panel.findChild<QLabel *>(QStringLiteral("matchCount"));
    QCOMPARE(status->text(), QStringLiteral("3 matches"));
    auto *table = panel.findChild<QTableView *>(QStringLiteral("matchTable"));
    QCOMPARE(table->model()->rowCount(), 3);
    QCOMPARE(table->model()->columnCount(), 5);
    QCOMPARE(table->model()->index(2, 1).data().toString(), QStringLiteral("(41, 51)"));
    QCOMPARE(table->model()->index(2, 3).data().toString(), QStringLiteral("'10'"));
    QCOMPARE(panel.findChild<QPlainTextEdit *>(QStringLiteral("value"))->toPlainText(),
             QStringLiteral("['10', '10', '10']"));
    auto *text = panel.findChild<RegexTextEdit *>(QStringLiteral("testText"));
    text->viewport()->repaint();
    QCOMPARE(text->paintedMatches(), 3);
    QCOMPARE(panel.pythonCode(),
             QStringLiteral("import re\n\ntexto = \"Hoy 10/10/2023, mañana 11/10/2023 y 😀 el "
                            "12/10/2023\"\nprint(re.findall(r\"\\d{2}/(\\d{2})/\\d{4}\", texto))\n"));
    // A flag changes the code and keeps the results.
    panel.findChild<QCheckBox *>(QStringLiteral("flagI"))->setChecked(true);
    waitFinished(panel);
    QVERIFY(panel.pythonCode().contains(QStringLiteral("texto, re.IGNORECASE))")));
    QCOMPARE(status->text(), QStringLiteral("3 matches"));
}

void tst_RegexPanel::invalidPatternShowsMessageAndCaret()
{
    RegexPanel panel;
    panel.show();
    typePattern(panel, QStringLiteral("ab(c"));
    waitFinished(panel);
    auto *error = panel.findChild<MessageLabel *>(QStringLiteral("patternError"));
    auto *flags = panel.findChild<QCheckBox *>(QStringLiteral("flagI"));
    const int flagsY = flags->mapTo(&panel, QPoint()).y();
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), QStringLiteral("missing ), unterminated subpattern at position 2"));
    QCOMPARE(error->kind(), MessageLabel::Error);
    // The position is underlined in the pattern: the '('.
    QCOMPARE(panel.errorMark().cursor.selectedText(), QStringLiteral("("));
    QCOMPARE(panel.errorMark().cursor.selectionStart(), 2);
    QCOMPARE(panel.findChild<QLabel *>(QStringLiteral("matchCount"))->text(),
             QStringLiteral("error"));
    QCOMPARE(panel.findChild<QTableView *>(QStringLiteral("matchTable"))->model()->rowCount(), 0);
    // Positions count code points: the emoji is one, and two UTF-16 units in the editor.
    typePattern(panel, QStringLiteral("😀a{2,1}"));
    waitFinished(panel);
    QCOMPARE(error->text(), QStringLiteral("min repeat greater than max repeat at position 3"));
    QCOMPARE(panel.errorMark().cursor.selectedText(), QStringLiteral("2"));
    typePattern(panel, QStringLiteral("abc"));
    waitFinished(panel);
    QVERIFY(error->isEmpty());
    QVERIFY(panel.errorMark().cursor.isNull());
    // The error came and went without moving the rows below the pattern.
    QCoreApplication::processEvents();
    QCOMPARE(flags->mapTo(&panel, QPoint()).y(), flagsY);
}

void tst_RegexPanel::runawayPatternShowsTheLimitWhileTheWindowAnswers()
{
    RegexPanel panel;
    panel.show();
    panel.findChild<QComboBox *>(QStringLiteral("function"))->setCurrentIndex(int(Function::Search));
    setTestText(panel, QString(30, QLatin1Char('a')) + QLatin1Char('b'));
    waitFinished(panel);
    int ticks = 0;
    QTimer timer;
    timer.setInterval(5);
    connect(&timer, &QTimer::timeout, &timer, [&ticks] { ++ticks; });
    QSignalSpy finished(panel.model(), &RegexModel::finished);
    typePattern(panel, QStringLiteral("^(a+)+$"));
    timer.start();
    QVERIFY(finished.wait(10000));
    timer.stop();
    QVERIFY2(ticks >= 1, "the event loop did not run while the pattern was matched");
    auto *status = panel.findChild<QLabel *>(QStringLiteral("matchCount"));
    QCOMPARE(status->text(), QStringLiteral("stopped: backtracking limit"));
    auto *error = panel.findChild<MessageLabel *>(QStringLiteral("patternError"));
    QVERIFY(error->isVisible());
    QVERIFY(error->text().startsWith(limitMessage()));
    QCOMPARE(error->kind(), MessageLabel::Warning);
    QCOMPARE(panel.findChild<QPlainTextEdit *>(QStringLiteral("value"))->toPlainText(), QString());
}

void tst_RegexPanel::editingLeavesTheExample()
{
    RegexPanel panel;
    panel.show();
    auto *list = panel.findChild<QListWidget *>(QStringLiteral("examples"));
    const QRect rect = list->visualItemRect(list->item(4));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
    waitFinished(panel);
    QCOMPARE(list->currentRow(), 4);
    QCOMPARE(list->selectedItems().size(), 1);
    // Once the pattern is edited, no example is named as the one shown.
    auto *pattern = panel.findChild<QPlainTextEdit *>(QStringLiteral("pattern"));
    pattern->moveCursor(QTextCursor::End);
    QTest::keyClicks(pattern, QStringLiteral("x"));
    QCOMPARE(list->currentRow(), -1);
    QVERIFY(list->selectedItems().isEmpty());
    // Choosing it again selects it again.
    panel.loadExample(2);
    QCOMPARE(list->currentRow(), 2);
    panel.findChild<QCheckBox *>(QStringLiteral("flagI"))->setChecked(true);
    QCOMPARE(list->currentRow(), -1);
}

void tst_RegexPanel::limitMessageWrapsWithoutWideningTheWindow()
{
    // ^(a+)+$ on 30 a's and a b: the long "stopped: backtracking limit" text made a 1100 px
    // window 1244 px wide, for good.
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    auto *panel = new RegexPanel(&window);
    layout->addWidget(panel);
    window.resize(900, 560);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    panel->findChild<QComboBox *>(QStringLiteral("function"))
        ->setCurrentIndex(int(Function::Search));
    setTestText(*panel, QString(30, QLatin1Char('a')) + QLatin1Char('b'));
    typePattern(*panel, QStringLiteral("^(a+)+$"));
    waitFinished(*panel);
    QCOMPARE(panel->model()->error().limit, true);
    QCoreApplication::processEvents();
    auto *error = panel->findChild<MessageLabel *>(QStringLiteral("patternError"));
    QVERIFY(error->text().startsWith(limitMessage()));
    QCOMPARE(window.width(), 900);
    QVERIFY2(window.minimumSizeHint().width() <= 900,
             qPrintable(QString::number(window.minimumSizeHint().width())));
    // It wraps: taller than one line, no wider than the panel.
    QVERIFY(error->height() > error->fontMetrics().lineSpacing() + 8);
    QVERIFY(error->width() <= panel->width());
}

void tst_RegexPanel::noMessageMovesTheRowsBelow_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<int>("width");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("function");
    QTest::addColumn<QString>("replacement");
    const QString aaa = QStringLiteral("^(a+)+$");
    for (const char *language : {"en", "es"}) {
        for (int width : {800, 1400}) {
            const QString l = QString::fromLatin1(language);
            QTest::addRow("%s %d: backtracking limit", language, width)
                << l << width << aaa << QStringLiteral("search") << QString();
            QTest::addRow("%s %d: bad pattern", language, width)
                << l << width << QStringLiteral("(?P<año>a)(?P=ano)") << QStringLiteral("findall")
                << QString();
            QTest::addRow("%s %d: bad replacement", language, width)
                << l << width << QStringLiteral("(a)") << QStringLiteral("sub")
                << QStringLiteral("\\g<nombre_que_no_existe_en_el_patron>");
        }
    }
}

void tst_RegexPanel::noMessageMovesTheRowsBelow()
{
    // Issue 14: errors appear without moving the fields below. At 800x600 the limit's three
    // lines pushed the flags, the call and the text down by two lines.
    QFETCH(QString, language);
    QFETCH(int, width);
    QFETCH(QString, pattern);
    QFETCH(QString, function);
    QFETCH(QString, replacement);
    QVERIFY(stdlab::installTranslations(qApp, language));
    RegexPanel panel;
    panel.resize(width, 560);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.findChild<QComboBox *>(QStringLiteral("function"))
        ->setCurrentIndex(functionFromName(function));
    panel.findChild<QLineEdit *>(QStringLiteral("replacement"))->setText(replacement);
    setTestText(panel, QString(30, QLatin1Char('a')) + QLatin1Char('b'));
    typePattern(panel, QStringLiteral("a"));
    waitFinished(panel);
    QCoreApplication::processEvents();
    QStringList names = {QStringLiteral("flagI"), QStringLiteral("function"),
                         QStringLiteral("count"), QStringLiteral("testText")};
    auto where = [&] {
        QList<int> ys;
        for (const QString &name : names) {
            ys << panel.findChild<QWidget *>(name)->mapTo(&panel, QPoint()).y();
        }
        ys << panel.findChild<QWidget *>(QStringLiteral("testText"))->height();
        return ys;
    };
    const QList<int> before = where();
    typePattern(panel, pattern);
    waitFinished(panel);
    QCoreApplication::processEvents();
    QVERIFY(panel.model()->hasError());
    auto *error = panel.findChild<MessageLabel *>(replacement.isEmpty()
                                                      ? QStringLiteral("patternError")
                                                      : QStringLiteral("replacementError"));
    QVERIFY(!error->isEmpty());
    QVERIFY(error->isVisible());
    QCOMPARE(where(), before);
    // The whole message can be read: in the label (scrolling within its lines) and its tooltip.
    QVERIFY(error->toolTip().contains(error->text()) || error->text().size() < 80);
    stdlab::installTranslations(qApp, QStringLiteral("en"));
}

void tst_RegexPanel::exampleClickLoadsPatternTextAndFunction()
{
    RegexPanel panel;
    panel.show();
    auto *list = panel.findChild<QListWidget *>(QStringLiteral("examples"));
    QCOMPARE(list->count(), RegexPanel::examples().size());
    QCOMPARE(list->count(), 9);
    const QRect rect = list->visualItemRect(list->item(4));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
    waitFinished(panel);
    QCOMPARE(panel.findChild<QPlainTextEdit *>(QStringLiteral("pattern"))->toPlainText(),
             QStringLiteral(","));
    QCOMPARE(panel.findChild<QComboBox *>(QStringLiteral("function"))->currentText(),
             QStringLiteral("split"));
    QCOMPARE(panel.findChild<QPlainTextEdit *>(QStringLiteral("value"))->toPlainText(),
             QStringLiteral("['Campo1', 'Campo2', 'Campo3', 'Campo4', 'Campo5']"));
    QCOMPARE(panel.pythonCode(),
             QStringLiteral("import re\n\ntexto = \"Campo1,Campo2,Campo3,Campo4,Campo5\"\n"
                            "print(re.split(\",\", texto))\n"));
}

void tst_RegexPanel::everyExampleRunsWithoutError()
{
    RegexPanel panel;
    const QStringList values = {
        "['gato', 'gato']",
        "['10/10/2023', '11/10/2023']",
        "[('soporte', 'hack4u.io'), ('info', 'hack4u.io')]",
        "'mi perro está en el tejado y mi otro perro está en el jardín'",
        "['Campo1', 'Campo2', 'Campo3', 'Campo4', 'Campo5']",
        "<re.Match object; span=(0, 17), match='soporte@hack4u.io'>",
        "['car', 'car']",
        "['car', 'car']",
        "[<re.Match object; span=(18, 28), match='10/10/2023'>, "
        "<re.Match object; span=(50, 60), match='11/10/2023'>]",
    };
    const int counts[] = {2, 2, 2, 2, 4, 1, 2, 2, 2};
    for (int i = 0; i < values.size(); ++i) {
        panel.loadExample(i);
        waitFinished(panel);
        QVERIFY2(!panel.model()->hasError(), qPrintable(panel.model()->error().message));
        QCOMPARE(panel.model()->valueRepr(), values[i]);
        QCOMPARE(panel.model()->matchCount(), counts[i]);
    }
    // \bcar finds car and cart; car\b finds car and masticar.
    panel.loadExample(6);
    waitFinished(panel);
    QCOMPARE(panel.model()->matches().cpStart(1), 5);
    panel.loadExample(7);
    waitFinished(panel);
    QCOMPARE(panel.model()->matches().cpStart(1), 16);
    // The finditer example prints the list of Match objects, as the Result pane shows it
    // (their start and end are in the table).
    panel.loadExample(8);
    QVERIFY(panel.pythonCode().contains(QStringLiteral("print(list(re.finditer(")));
}

void tst_RegexPanel::resultPaneShowsWhatTheProgramPrints()
{
    // Every example's program, run by python3, prints exactly the Result pane: sub's string as
    // print() shows it and then its repr (the pane showed only the repr while the program
    // printed the string), finditer's list of Match objects (the pane was empty).
    if (QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty()) {
        QSKIP("python3 is not installed");
    }
    RegexPanel panel;
    auto *value = panel.findChild<QPlainTextEdit *>(QStringLiteral("value"));
    for (int i = 0; i < RegexPanel::examples().size(); ++i) {
        panel.loadExample(i);
        waitFinished(panel);
        QProcess python;
        python.start(QStringLiteral("python3"), {QStringLiteral("-c"), panel.pythonCode()});
        QVERIFY(python.waitForFinished(20000));
        QString out = QString::fromUtf8(python.readAllStandardOutput());
        out.chop(1); // print's newline
        QVERIFY2(out == value->toPlainText(),
                 qPrintable(RegexPanel::examples()[i].title + QStringLiteral("\npython3: ") + out
                            + QStringLiteral("\npane:    ") + value->toPlainText()));
    }
    panel.loadExample(3); // sub
    waitFinished(panel);
    QVERIFY(value->toPlainText().contains(QLatin1Char('\n')));
}

void tst_RegexPanel::navigationWithF3AndTheTable()
{
    RegexPanel panel;
    panel.resize(1000, 700);
    panel.show();
    panel.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    panel.loadExample(0); // gato x2
    waitFinished(panel);
    auto *text = panel.findChild<RegexTextEdit *>(QStringLiteral("testText"));
    auto *table = panel.findChild<QTableView *>(QStringLiteral("matchTable"));
    text->setFocus();
    QTextCursor c = text->textCursor();
    c.setPosition(0);
    text->setTextCursor(c);
    QTest::keyClick(text, Qt::Key_F3);
    QCOMPARE(text->textCursor().selectedText(), QStringLiteral("gato"));
    QCOMPARE(text->textCursor().selectionStart(), 3);
    QCOMPARE(table->currentIndex().row(), 0);
    QTest::keyClick(text, Qt::Key_F3);
    QCOMPARE(text->textCursor().selectionStart(), 36);
    QCOMPARE(table->currentIndex().row(), 1);
    QTest::keyClick(text, Qt::Key_F3); // wraps around
    QCOMPARE(text->textCursor().selectionStart(), 3);
    QTest::keyClick(text, Qt::Key_F3, Qt::ShiftModifier);
    QCOMPARE(text->textCursor().selectionStart(), 36);
    QCOMPARE(text->currentMatch(), 1);
    panel.findChild<QPushButton *>(QStringLiteral("previousMatch"))->click();
    QCOMPARE(text->currentMatch(), 0);
    // Clicking a row selects its match in the text.
    const QRect row = table->visualRect(table->model()->index(1, 2));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, row.center());
    QCOMPARE(text->textCursor().selectionStart(), 36);
    QCOMPARE(text->textCursor().selectionEnd(), 40);
}

void tst_RegexPanel::replacementAndCountFollowTheFunction()
{
    RegexPanel panel;
    panel.loadExample(0);
    auto *function = panel.findChild<QComboBox *>(QStringLiteral("function"));
    auto *replacement = panel.findChild<QLineEdit *>(QStringLiteral("replacement"));
    auto *count = panel.findChild<QSpinBox *>(QStringLiteral("count"));
    QVERIFY(!replacement->isEnabled());
    QVERIFY(!count->isEnabled());
    function->setCurrentIndex(int(Function::Subn));
    QVERIFY(replacement->isEnabled());
    QVERIFY(count->isEnabled());
    replacement->setText(QStringLiteral("[\\g<0>]"));
    count->setValue(1);
    waitFinished(panel);
    QCOMPARE(panel.findChild<QPlainTextEdit *>(QStringLiteral("value"))->toPlainText(),
             QStringLiteral("('mi [gato] está en el tejado y mi otro gato está en el jardín', 1)"));
    QCOMPARE(panel.model()->matchCount(), 1);
    function->setCurrentIndex(int(Function::Split));
    QVERIFY(!replacement->isEnabled());
    QVERIFY(count->isEnabled());
    // A bad template: the message goes under the replacement, not under the pattern.
    function->setCurrentIndex(int(Function::Sub));
    replacement->setText(QStringLiteral("\\g<x"));
    waitFinished(panel);
    auto *replacementError = panel.findChild<MessageLabel *>(QStringLiteral("replacementError"));
    QVERIFY(replacementError);
    QCOMPARE(replacementError->text(),
             QStringLiteral("bad replacement: missing >, unterminated name at position 3"));
    QVERIFY(panel.findChild<MessageLabel *>(QStringLiteral("patternError"))->isEmpty());
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(replacementError->isVisible());
    QVERIFY(replacementError->mapTo(&panel, QPoint()).y()
            > replacement->mapTo(&panel, QPoint()).y());
}

void tst_RegexPanel::posAndEndposLimitTheSearch()
{
    // re.compile(r"\w+").findall("uno dos tres cuatro", 4, 10) == ['dos', 'tr']
    RegexPanel panel;
    panel.loadExample(0);
    auto *function = panel.findChild<QComboBox *>(QStringLiteral("function"));
    auto *pos = panel.findChild<QSpinBox *>(QStringLiteral("pos"));
    auto *endpos = panel.findChild<QSpinBox *>(QStringLiteral("endpos"));
    QVERIFY(pos && endpos);
    QCOMPARE(pos->value(), -1);
    QCOMPARE(pos->text(), QStringLiteral("start"));
    QCOMPARE(endpos->text(), QStringLiteral("end"));
    function->setCurrentIndex(int(Function::Findall));
    panel.findChild<QPlainTextEdit *>(QStringLiteral("testText"))
        ->setPlainText(QStringLiteral("uno dos tres cuatro"));
    typePattern(panel, QStringLiteral("\\w+"));
    pos->setValue(4);
    endpos->setValue(10);
    waitFinished(panel);
    QCOMPARE(panel.model()->pos(), 4);
    QCOMPARE(panel.model()->endpos(), 10);
    QCOMPARE(panel.model()->valueRepr(), QStringLiteral("['dos', 'tr']"));
    QCOMPARE(panel.model()->matchCount(), 2);
    QCOMPARE(panel.model()->matches().cpStart(0), 4);
    QVERIFY(panel.pythonCode().contains(QStringLiteral("patron.findall(texto, 4, 10)")));
    function->setCurrentIndex(int(Function::Match));
    waitFinished(panel);
    QCOMPARE(panel.model()->valueRepr(),
             QStringLiteral("<re.Match object; span=(4, 7), match='dos'>"));
    // sub and split take no pos/endpos.
    function->setCurrentIndex(int(Function::Split));
    QVERIFY(!pos->isEnabled());
    QVERIFY(!endpos->isEnabled());
    function->setCurrentIndex(int(Function::Search));
    QVERIFY(pos->isEnabled());
    // An example starts again from the whole text.
    panel.loadExample(1);
    QCOMPARE(pos->value(), -1);
    QCOMPARE(panel.model()->pos(), -1);
}

void tst_RegexPanel::onlyVisibleMatchesArePainted()
{
    RegexPanel panel;
    panel.resize(900, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QString big;
    for (int i = 0; i < 30000; ++i) {
        big += QStringLiteral("línea %1 con fecha 01/02/2024\n").arg(i);
    }
    setTestText(panel, big);
    typePattern(panel, QStringLiteral("\\d{2}/\\d{2}/\\d{4}"));
    // Big texts reach the model after a pause in typing.
    QTRY_COMPARE_WITH_TIMEOUT(panel.model()->matchCount(), 30000, 20000);
    waitFinished(panel);
    auto *text = panel.findChild<RegexTextEdit *>(QStringLiteral("testText"));
    text->viewport()->repaint();
    QVERIFY(text->paintedMatches() > 0);
    QVERIFY2(text->paintedMatches() < 200, qPrintable(QString::number(text->paintedMatches())));
    QCOMPARE(text->paintedRange().first, 0);
    // Scrolled to the end: the last matches are the ones painted.
    text->moveCursor(QTextCursor::End);
    text->ensureCursorVisible();
    text->viewport()->repaint();
    QCOMPARE(text->paintedRange().second, 30000);
    QVERIFY(text->paintedMatches() < 200);
    QCOMPARE(panel.findChild<QLabel *>(QStringLiteral("matchCount"))->text(),
             QStringLiteral("30000 matches"));
}

void tst_RegexPanel::openFileReadsItInTheBackground()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("correos.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("ana@correo.es\nluis@uni.edu\n");
    file.close();
    RegexPanel panel;
    QSignalSpy loaded(&panel, &RegexPanel::fileLoaded);
    panel.openFile(path);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(loaded.at(0).at(0).toBool(), true);
    waitFinished(panel);
    QCOMPARE(panel.model()->text(), QStringLiteral("ana@correo.es\nluis@uni.edu\n"));
    QCOMPARE(panel.model()->valueRepr(),
             QStringLiteral("[('ana', 'correo.es'), ('luis', 'uni.edu')]"));
    QVERIFY(panel.pythonCode().contains(QStringLiteral("with open(\"%1\", encoding=\"utf-8\")").arg(path)));
    // Editing the text forgets the file.
    auto *text = panel.findChild<QPlainTextEdit *>(QStringLiteral("testText"));
    text->moveCursor(QTextCursor::End);
    QTest::keyClicks(text, QStringLiteral("eva@casa.org"));
    waitFinished(panel);
    QVERIFY(panel.pythonCode().contains(QStringLiteral("texto = \"ana@correo.es\\nluis@uni.edu\\neva@casa.org\"")));
    QCOMPARE(panel.model()->matchCount(), 3);
    panel.openFile(dir.filePath(QStringLiteral("missing.txt")));
    QVERIFY(loaded.wait(10000));
    QCOMPARE(loaded.at(1).at(0).toBool(), false);
}

void tst_RegexPanel::openFileReadsLikePythonAndTheLastFileWins()
{
    // open(f, encoding="utf-8").read(): universal newlines, every other character as it is.
    QTemporaryDir dir;
    auto write = [&](const QString &name, const QByteArray &bytes) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    };
    write(QStringLiteral("dos.txt"), "uno\r\ndos\rtres\xc2\xa0" "cuatro\xe2\x80\xa8" "cinco\n");
    QByteArray big;
    for (int i = 0; i < 50000; ++i) {
        big += "fila " + QByteArray::number(i) + " 12/05/2024\r\n";
    }
    write(QStringLiteral("big.txt"), big);
    RegexPanel panel;
    panel.model()->setFunction(Function::Findall);
    auto *pattern = panel.findChild<QPlainTextEdit *>(QStringLiteral("pattern"));
    pattern->setPlainText(QStringLiteral("\\s"));
    QSignalSpy loaded(&panel, &RegexPanel::fileLoaded);
    panel.openFile(dir.filePath(QStringLiteral("big.txt")));
    panel.openFile(dir.filePath(QStringLiteral("dos.txt"))); // asked while big.txt is read
    QVERIFY(loaded.wait(20000));
    QCOMPARE(loaded.size(), 1); // big.txt is never shown
    QCOMPARE(panel.model()->textFileName(), dir.filePath(QStringLiteral("dos.txt")));
    waitFinished(panel);
    QCOMPARE(panel.model()->text(), QStringLiteral("uno\ndos\ntres\u00a0cuatro\u2028cinco\n"));
    QCOMPARE(panel.model()->valueRepr(),
             QStringLiteral("['\\n', '\\n', '\\xa0', '\\u2028', '\\n']"));
    // The highlights are where the document has those characters.
    auto *text = panel.findChild<RegexTextEdit *>(QStringLiteral("testText"));
    QCOMPARE(text->document()->characterCount() - 1, panel.model()->text().size());
    QCOMPARE(text->document()->characterAt(int(panel.model()->matches().unitStart(2))),
             QChar(0xa0));
}

void tst_RegexPanel::openFileKeepsALeadingByteOrderMark()
{
    // open(f, encoding="utf-8").read() keeps U+FEFF (only "utf-8-sig" strips it).
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bom.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("\xEF\xBB\xBF" "a\r\nb");
    file.close();
    RegexPanel panel;
    panel.model()->setFunction(Function::Findall);
    panel.findChild<QPlainTextEdit *>(QStringLiteral("pattern"))->setPlainText(QStringLiteral("."));
    QSignalSpy loaded(&panel, &RegexPanel::fileLoaded);
    panel.openFile(path);
    QVERIFY(loaded.wait(10000));
    waitFinished(panel);
    QCOMPARE(panel.model()->text(), QStringLiteral("\ufeffa\nb"));
    QCOMPARE(panel.model()->valueRepr(), QStringLiteral("['\\ufeff', 'a', 'b']"));
    auto *text = panel.findChild<RegexTextEdit *>(QStringLiteral("testText"));
    QCOMPARE(text->document()->characterCount() - 1, panel.model()->text().size());
}

namespace {

// CPU time of the calling thread (ns): a thread the machine deschedules does not run up CPU
// time, so gaps measured with it are the GUI thread's own work, not a loaded CI's waits.
qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

} // namespace

void tst_RegexPanel::openingABigFileNeverStallsTheWindow()
{
    // 600,000 short lines: swapping in a document prepared off the GUI thread made the view
    // lay out every block again in one event (70 ms of GUI CPU here; the 20 MiB text of
    // bench/regex, 185,000 lines: 42 ms). The editor now fills its document in slices, and
    // the longest run of GUI-thread work between two ticks of a 1 ms timer stays short
    // (10 ms here).
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lines.txt"));
    QByteArray bytes;
    const int lines = 600000;
    for (int i = 0; i < lines; ++i) {
        bytes += 'w' + QByteArray::number(i % 1000) + '\n';
    }
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    RegexPanel panel;
    panel.resize(1000, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.model()->setFunction(Function::Findall);
    auto *pattern = panel.findChild<QPlainTextEdit *>(QStringLiteral("pattern"));
    pattern->setPlainText(QStringLiteral("\\w+"));
    waitFinished(panel);
    auto *text = panel.findChild<RegexTextEdit *>(QStringLiteral("testText"));

    qint64 lastTick = -1;
    qint64 longestNs = 0;
    int partialSeen = 0; // ticks that saw the document part-filled
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(1);
    connect(&ticker, &QTimer::timeout, this, [&] {
        const qint64 now = threadCpuNs();
        if (lastTick >= 0) {
            longestNs = std::max(longestNs, now - lastTick);
        }
        lastTick = now;
        const int blocks = text->document()->blockCount();
        if (blocks > 1 && blocks < lines + 1) {
            ++partialSeen;
        }
    });
    QSignalSpy loaded(&panel, &RegexPanel::fileLoaded);
    ticker.start();
    panel.openFile(path);
    QVERIFY(loaded.wait(60000));
    QCOMPARE(loaded.at(0).at(0).toBool(), true);
    waitFinished(panel);
    QTRY_COMPARE(text->document()->blockCount(), lines + 1);
    ticker.stop();

    // Every line is there, where the matches say.
    QCOMPARE(text->document()->characterCount() - 1, panel.model()->text().size());
    QCOMPARE(text->text(), QString::fromLatin1(bytes));
    QVERIFY(!text->isReadOnly());
    QCOMPARE(panel.model()->matchCount(), lines);
    const auto &matches = panel.model()->matches();
    QCOMPARE(text->document()->findBlockByNumber(lines - 1).position(),
             int(matches.unitStart(lines - 1)));
    qInfo("longest GUI work between ticks: %.1f ms CPU; ticks seeing the document part-filled: %d",
          double(longestNs) / 1e6, partialSeen);
    // The document filled while the event loop kept turning (a whole-document swap is one
    // event: no tick ever sees it part-filled).
    QVERIFY2(partialSeen >= 3, qPrintable(QString::number(partialSeen)));
    // CPU time, so a loaded CI's descheduling does not count; the swap took 70 ms. Under the
    // sanitizers (Debug, instrumented) our own code runs several times slower (41 ms there):
    // the bound is checked by the release pass, the part-filled document by both.
    if (!qEnvironmentVariableIsSet("STDLAB_SANITIZED")) {
        QVERIFY2(longestNs < 40'000'000,
                 qPrintable(QStringLiteral("longest GUI work between ticks: %1 ms")
                                .arg(double(longestNs) / 1e6)));
    }
    // The matches cost less than the text itself (UTF-16).
    QVERIFY2(matches.bytes() <= panel.model()->text().size() * qsizetype(sizeof(QChar)),
             qPrintable(QStringLiteral("%1 bytes of matches for %2 of text")
                            .arg(matches.bytes())
                            .arg(panel.model()->text().size() * 2)));
}

void tst_RegexPanel::settingsRoundTrip()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    {
        RegexPanel panel;
        panel.loadExample(3); // sub gato -> perro
        panel.findChild<QCheckBox *>(QStringLiteral("flagI"))->setChecked(true);
        panel.findChild<QCheckBox *>(QStringLiteral("flagM"))->setChecked(true);
        panel.findChild<QSpinBox *>(QStringLiteral("count"))->setValue(1);
        panel.findChild<QSpinBox *>(QStringLiteral("endpos"))->setValue(40);
        auto *tabs = panel.findChild<QTabWidget *>(QStringLiteral("resultTabs"));
        tabs->setCurrentWidget(panel.railroadPane());
        typePattern(panel, QStringLiteral("GATO"));
        waitFinished(panel);
        panel.saveSettings(settings);
    }
    RegexPanel restored;
    restored.restoreSettings(settings);
    waitFinished(restored);
    QCOMPARE(restored.model()->pattern(), QStringLiteral("GATO"));
    QCOMPARE(restored.model()->flags(), IGNORECASE | MULTILINE);
    QCOMPARE(restored.model()->function(), Function::Sub);
    QCOMPARE(restored.model()->replacement(), QStringLiteral("perro"));
    QCOMPARE(restored.model()->count(), 1);
    QCOMPARE(restored.model()->endpos(), 40);
    QCOMPARE(restored.model()->pos(), -1);
    QVERIFY(restored.findChild<QCheckBox *>(QStringLiteral("flagM"))->isChecked());
    // The results' tab the user had open.
    QCOMPARE(restored.findChild<QTabWidget *>(QStringLiteral("resultTabs"))->currentWidget(),
             restored.railroadPane());
    QCOMPARE(restored.model()->valueRepr(),
             QStringLiteral("'mi perro está en el tejado y mi otro gato está en el jardín'"));
}

void tst_RegexPanel::spanishLabels()
{
    QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("es")));
    {
        RegexPanel panel;
        panel.loadExample(0);
        waitFinished(panel);
        QCOMPARE(panel.findChild<QLabel *>(QStringLiteral("matchCount"))->text(),
                 QStringLiteral("2 coincidencias"));
        QCOMPARE(panel.findChild<QPushButton *>(QStringLiteral("openFile"))->text(),
                 QStringLiteral("&Abrir archivo..."));
        QCOMPARE(panel.findChild<QListWidget *>(QStringLiteral("examples"))->item(0)->text(),
                 QStringLiteral("findall: cada \"gato\""));
        auto *table = panel.findChild<QTableView *>(QStringLiteral("matchTable"));
        QCOMPARE(table->model()->headerData(2, Qt::Horizontal).toString(),
                 QStringLiteral("Coincidencia"));
        typePattern(panel, QStringLiteral("^(a+)+$"));
        panel.findChild<QPlainTextEdit *>(QStringLiteral("testText"))
            ->setPlainText(QString(30, QLatin1Char('a')) + QLatin1Char('b'));
        waitFinished(panel);
        QCOMPARE(panel.findChild<QLabel *>(QStringLiteral("matchCount"))->text(),
                 QStringLiteral("detenido: límite de retroceso"));
    }
    stdlab::installTranslations(qApp, QStringLiteral("en"));
}

void tst_RegexPanel::explanationFollowsThePatternAndMarksIt()
{
    // Issue 16: a click in the pattern selects its element in the Explanation; the element
    // pointed at there is marked in the pattern and, for a group, its matches in the text.
    RegexPanel panel;
    panel.resize(1200, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto *tabs = panel.findChild<QTabWidget *>(QStringLiteral("resultTabs"));
    auto *view = panel.findChild<RegexExplainView *>(QStringLiteral("explanation"));
    auto *pattern = panel.findChild<QPlainTextEdit *>(QStringLiteral("pattern"));
    auto *text = panel.findChild<RegexTextEdit *>(QStringLiteral("testText"));
    QVERIFY(tabs && view && pattern && text);
    tabs->setCurrentWidget(view);
    setTestText(panel, QStringLiteral("😀12-ab 345-cd"));
    QSignalSpy explained(view, &RegexExplainView::explained);
    typePattern(panel, QStringLiteral("(\\d+)-(\\w+)"));
    waitFinished(panel);
    QTRY_VERIFY(!view->isExplaining() && explained.count() > 0);
    QCOMPARE(view->nodeTexts().first(),
             QStringLiteral("`(\\d+)`  group 1, capturing what this part matches:"));
    // A click on the 'w' of \w.
    QTextCursor at(pattern->document());
    at.setPosition(8);
    QTest::mouseClick(pattern->viewport(), Qt::LeftButton, {},
                      pattern->cursorRect(at).center() + QPoint(1, 0));
    QCOMPARE(pattern->textCursor().position(), 8);
    QVERIFY(view->currentItem());
    QCOMPARE(view->currentItem()->text(0), QStringLiteral("\\w"));
    QCOMPARE(panel.explanationMark().cursor.selectedText(), QStringLiteral("\\w"));
    QCOMPARE(text->highlightedGroup(), -1); // \w is no group
    // The mouse over group 2's node: "(\w+)" marked, its matches outlined in the text.
    QTreeWidgetItemIterator it(view);
    QTreeWidgetItem *group2 = nullptr;
    for (; *it; ++it) {
        if ((*it)->text(0) == QStringLiteral("(\\w+)")) {
            group2 = *it;
        }
    }
    QVERIFY(group2);
    QTest::mouseMove(view->viewport(), view->visualItemRect(group2).center());
    QTRY_COMPARE(panel.explanationMark().cursor.selectedText(), QStringLiteral("(\\w+)"));
    QCOMPARE(text->highlightedGroup(), 2);
    text->viewport()->repaint();
    // UTF-16 offsets: the emoji takes two units.
    const QList<QPair<qsizetype, qsizetype>> expected = {{5, 7}, {12, 14}};
    QCOMPARE(text->paintedHighlights(), expected);
    // The Result tab shown: no marks of a hidden explanation.
    tabs->setCurrentIndex(0);
    QVERIFY(panel.explanationMark().cursor.isNull());
    QCOMPARE(text->highlightedGroup(), -1);
    text->viewport()->repaint();
    QVERIFY(text->paintedHighlights().isEmpty());
    // An error in the pattern keeps its own mark beside the explanation's.
    tabs->setCurrentWidget(view);
    typePattern(panel, QStringLiteral("(a)(b"));
    waitFinished(panel);
    QTRY_VERIFY(!view->isExplaining());
    QCOMPARE(view->nodeTexts(),
             QStringList{QStringLiteral("missing ), unterminated subpattern at position 3")});
    QCOMPARE(panel.errorMark().cursor.selectedText(), QStringLiteral("("));
}

void tst_RegexPanel::redosBadgeShowsTheVerdictAndTheAttack()
{
    // Issue 16: beside the pattern, whether it can hang Python's re; the part responsible
    // underlined; the attack with Copy and Try it; the steps plotted against n.
    RegexPanel panel;
    panel.resize(1200, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto *badge = panel.findChild<QToolButton *>(QStringLiteral("redosBadge"));
    auto *tabs = panel.findChild<QTabWidget *>(QStringLiteral("resultTabs"));
    auto *view = panel.findChild<RedosView *>(QStringLiteral("redos"));
    QVERIFY(badge && tabs && view);
    auto *pattern = panel.findChild<QPlainTextEdit *>(QStringLiteral("pattern"));
    QVERIFY(pattern);
    typePattern(panel, QStringLiteral("x(a+)+$"));
    QCOMPARE(badge->text(), QStringLiteral("ReDoS: checking..."));
    QTRY_VERIFY_WITH_TIMEOUT(!view->isChecking(), 30000);
    QCOMPARE(badge->text(), QStringLiteral("ReDoS: exponential"));
    QVERIFY(view->warns());
    // (a+)+ is code points 1 to 6 of the pattern, underlined there.
    QCOMPARE(view->verdict()->spanStart, 1);
    QCOMPARE(view->verdict()->spanEnd, 6);
    const QTextEdit::ExtraSelection mark = panel.redosMark();
    QCOMPARE(mark.cursor.selectionStart(), 1);
    QCOMPARE(mark.cursor.selectionEnd(), 6);
    QCOMPARE(mark.format.underlineStyle(), QTextCharFormat::WaveUnderline);
    QVERIFY(pattern->extraSelections().size() >= 1);
    // The badge opens the details.
    QTest::mouseClick(badge, Qt::LeftButton);
    QCOMPARE(tabs->currentWidget(), view);
    QVERIFY(view->summaryText().startsWith(QLatin1String("Exponential backtracking")));
    QVERIFY(view->summaryText().endsWith(QLatin1String(": (a+)+")));
    // The attack: prefix + pump * n + suffix, n the confirmation run's largest.
    const RedosVerdict v = *view->verdict();
    QCOMPARE(v.prefix, QStringLiteral("x"));
    QVERIFY(!v.pump.isEmpty());
    QVERIFY(!v.steps.isEmpty());
    view->setPumpCount(12);
    const QString expected = QStringLiteral("'x' + %1 * 12%2")
                                 .arg(stdlab::py::repr(v.pump),
                                      v.suffix.isEmpty()
                                          ? QString()
                                          : QStringLiteral(" + ") + stdlab::py::repr(v.suffix));
    QCOMPARE(view->attackExpression(), expected);
    QCOMPARE(panel.findChild<QLineEdit *>(QStringLiteral("redosAttack"))->text(), expected);
    QGuiApplication::clipboard()->clear();
    QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("redosCopy")),
                      Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), expected);
    // Try it: the attack in the test text, and the search stopped by the limit or failing.
    QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("redosTry")),
                      Qt::LeftButton);
    const QString attack = v.prefix + v.pump.repeated(12) + v.suffix;
    QCOMPARE(panel.findChild<RegexTextEdit *>(QStringLiteral("testText"))->text(), attack);
    QCOMPARE(panel.model()->text(), attack);
    // The plot: one point per measurement, n to the right, more steps higher.
    RedosPlot *plot = view->plot();
    QVERIFY(plot->isVisible());
    QList<QPointF> measured;
    for (const RedosVerdict::Point &p : v.steps) {
        if (p.steps >= 0) {
            measured << QPointF(p.n, double(p.steps));
        }
    }
    QCOMPARE(plot->points(), measured);
    QVERIFY(measured.size() >= 3);
    for (qsizetype i = 1; i < measured.size(); ++i) {
        QVERIFY(plot->pixelOf(measured[i]).x() > plot->pixelOf(measured[i - 1]).x());
        QVERIFY(plot->pixelOf(measured[i]).y() < plot->pixelOf(measured[i - 1]).y());
    }
    // Each point is painted: its centre has the line's colour.
    const QImage image = plot->grab().toImage();
    const QColor line = image.pixelColor(plot->pixelOf(measured.last()).toPoint());
    const QColor background = image.pixelColor(2, 2);
    QVERIFY2(line != background, qPrintable(line.name()));
    for (const QPointF &p : measured) {
        QCOMPARE(image.pixelColor(plot->pixelOf(p).toPoint()), line);
    }
    // A safe pattern: no mark, no attack.
    typePattern(panel, QStringLiteral("\\d{2}/\\d{2}/\\d{4}"));
    QTRY_VERIFY_WITH_TIMEOUT(!view->isChecking(), 30000);
    QCOMPARE(badge->text(), QStringLiteral("ReDoS: safe"));
    QVERIFY(panel.redosMark().cursor.isNull());
    QVERIFY(view->attackExpression().isEmpty());
    QVERIFY(!plot->isVisible());
    // A polynomial one names its degree, and re.search's where it is higher (it tries every
    // start: n^3 on \d+\d+$'s attack).
    typePattern(panel, QStringLiteral("\\d+\\d+$"));
    QTRY_VERIFY_WITH_TIMEOUT(!view->isChecking(), 30000);
    QCOMPARE(badge->text(), QStringLiteral("ReDoS: polynomial (n^2, re.search n^3)"));
    QVERIFY2(view->summaryText().contains(QStringLiteral(
                 "re.search, which tries every start of the text, grows as n^3 on it.")),
             qPrintable(view->summaryText()));
    QCOMPARE(panel.redosMark().cursor.selectionStart(), 0);
    // Spanish.
    QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("es")));
    QTRY_COMPARE(badge->text(), QStringLiteral("ReDoS: polinómico (n^2, re.search n^3)"));
    QCOMPARE(tabs->tabText(tabs->indexOf(view)), QStringLiteral("ReDoS"));
    QVERIFY(view->summaryText().startsWith(QStringLiteral("Retroceso polinómico")));
    QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("en")));
}

void tst_RegexPanel::redosShowsUnknownAndSearchOnlyVerdicts()
{
    // An unknown verdict read "ReDoS: none found" with "not a proof", without the reason or the
    // text that went over the budget; a pattern only re.search blows up on was "safe".
    RegexPanel panel;
    panel.resize(1200, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto *badge = panel.findChild<QToolButton *>(QStringLiteral("redosBadge"));
    auto *view = panel.findChild<RedosView *>(QStringLiteral("redos"));
    auto *attack = panel.findChild<QLineEdit *>(QStringLiteral("redosAttack"));
    auto *function = panel.findChild<QComboBox *>(QStringLiteral("function"));
    auto *tabs = panel.findChild<QTabWidget *>(QStringLiteral("resultTabs"));
    QVERIFY(badge && view && attack && function && tabs);
    tabs->setCurrentWidget(view);

    // (a|aa){30}$: a large constant (python3: 4.7 s on 'a' * 40 + '!'), not a growth.
    typePattern(panel, QStringLiteral("(a|aa){30}$"));
    QTRY_VERIFY_WITH_TIMEOUT(!view->isChecking(), 30000);
    const RedosVerdict unknown = *view->verdict();
    QVERIFY(!unknown.complete);
    QCOMPARE(unknown.gap, RedosVerdict::Gap::StepBudget);
    QCOMPARE(badge->text(), QStringLiteral("ReDoS: unknown"));
    QVERIFY(view->warns());
    QVERIFY2(view->summaryText().startsWith(QStringLiteral(
                 "Unknown: the repeat (a|aa){30} (underlined in the pattern) takes more than "
                 "1000000 steps already on the text below with n = %1")
                                                .arg(unknown.heavy.n)),
             qPrintable(view->summaryText()));
    QVERIFY(view->summaryText().endsWith(
        QStringLiteral("the pattern was not shown to be safe.")));
    // The text over the budget, as Python writes it, to copy or try; no plot (no growth).
    const QString heavy = QStringLiteral("'a' * %1 + %2")
                              .arg(unknown.heavy.n)
                              .arg(stdlab::py::repr(unknown.heavy.suffix));
    QCOMPARE(attack->text(), heavy);
    QVERIFY(attack->isVisible());
    QVERIFY(!view->plot()->isVisible());
    // Without the plot the rows stay under the sentence (they were spread over the page).
    auto *summary = view->findChild<QLabel *>(QStringLiteral("redosSummary"));
    QVERIFY(summary);
    const int spare = summary->height() - summary->heightForWidth(summary->width());
    const int gap = attack->mapTo(view, QPoint(0, 0)).y()
        - summary->mapTo(view, QPoint(0, summary->height())).y();
    QVERIFY2(spare + gap < 2 * summary->fontMetrics().lineSpacing(),
             qPrintable(QStringLiteral("%1 + %2").arg(spare).arg(gap)));
    QCOMPARE(panel.redosMark().cursor.selectionStart(), 0);
    QCOMPARE(panel.redosMark().cursor.selectionEnd(), 10);
    QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("redosTry")),
                      Qt::LeftButton);
    QCOMPARE(panel.model()->text(),
             QStringLiteral("a").repeated(unknown.heavy.n) + unknown.heavy.suffix);

    // \w+@: re.match is linear, re.search n^2 (python3: 2.5 s at n = 20,000).
    function->setCurrentIndex(int(Function::Match));
    typePattern(panel, QStringLiteral("\\w+@"));
    QTRY_VERIFY_WITH_TIMEOUT(!view->isChecking(), 30000);
    QCOMPARE(badge->text(), QStringLiteral("ReDoS: re.search n^2"));
    QVERIFY(view->summaryText().startsWith(QStringLiteral(
        "Polynomial backtracking: the time re.search takes to fail grows as n^2 for n "
        "repetitions of the pump. re.search, findall, finditer, sub and split try every start "
        "of the text; re.match showed no growth.")));
    QVERIFY(view->plot()->isVisible());
    // Try It: re.match would not show it; the function becomes re.search.
    view->setPumpCount(3000);
    QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("redosTry")),
                      Qt::LeftButton);
    QCOMPARE(function->currentIndex(), int(Function::Search));
    QCOMPARE(panel.model()->text(), view->attackText());
    QCOMPARE(view->attackText().size(), 3000 + view->verdict()->suffix.size());
    // findall already tries every start: kept.
    function->setCurrentIndex(int(Function::Findall));
    QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("redosTry")),
                      Qt::LeftButton);
    QCOMPARE(function->currentIndex(), int(Function::Findall));

    QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("es")));
    QTRY_COMPARE(badge->text(), QStringLiteral("ReDoS: re.search n^2"));
    QVERIFY2(view->summaryText().contains(QStringLiteral("re.match no mostró crecimiento")),
             qPrintable(view->summaryText()));
    typePattern(panel, QStringLiteral("(a|aa){30}$"));
    QTRY_VERIFY_WITH_TIMEOUT(!view->isChecking(), 30000);
    QCOMPARE(badge->text(), QStringLiteral("ReDoS: desconocido"));
    QVERIFY(view->summaryText().startsWith(QStringLiteral("Desconocido: la repetición")));
    QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("en")));
}

void tst_RegexPanel::redosNeverRunsOnTheKeystroke()
{
    // The analysis takes up to seconds of CPU: typing never waits for it, and only the pattern
    // typed last is analysed to the end.
    RegexPanel panel;
    panel.resize(1200, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto *view = panel.findChild<RedosView *>(QStringLiteral("redos"));
    auto *edit = panel.findChild<QPlainTextEdit *>(QStringLiteral("pattern"));
    QVERIFY(view && edit);
    edit->clear();
    // 150 nested groups: seconds of analysis each.
    const QString deep = QStringLiteral("(").repeated(150) + QStringLiteral("a*")
        + QStringLiteral(")*").repeated(150);
    QElapsedTimer timer;
    qint64 slowest = 0;
    for (int i = 0; i < 5; ++i) {
        timer.start();
        edit->setPlainText(deep + QString(i, QLatin1Char('b')));
        QCoreApplication::processEvents();
        slowest = std::max(slowest, timer.elapsed());
        QTest::qWait(RedosView::kDebounceMs + 50); // each one starts, then is cancelled
    }
    typePattern(panel, QStringLiteral("(a|aa)+$"));
    QTRY_VERIFY_WITH_TIMEOUT(!view->isChecking(), 30000);
    QCOMPARE(view->pattern(), QStringLiteral("(a|aa)+$"));
    QCOMPARE(view->verdict()->kind, RedosVerdict::Kind::Exponential);
    QVERIFY2(slowest < 500, qPrintable(QString::number(slowest)));
}

void tst_RegexPanel::railroadFollowsThePatternBothWays()
{
    // Issue 16: a Railroad tab beside Explanation. The box under the mouse is marked in the
    // pattern; the part of the pattern under the mouse, else the explanation's element, has
    // its boxes marked; zoom; a long pattern wraps into rows as wide as the pane.
    RegexPanel panel;
    panel.resize(1200, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto *tabs = panel.findChild<QTabWidget *>(QStringLiteral("resultTabs"));
    RailroadPane *pane = panel.railroadPane();
    QVERIFY(tabs && pane);
    QCOMPARE(tabs->indexOf(pane), tabs->indexOf(panel.findChild<RegexExplainView *>()) + 1);
    QCOMPARE(tabs->tabText(tabs->indexOf(pane)), QStringLiteral("Railroad"));
    tabs->setCurrentWidget(pane);
    auto *pattern = panel.findChild<QPlainTextEdit *>(QStringLiteral("pattern"));
    typePattern(panel, QStringLiteral("(\\d+)-(\\w+)"));
    QTRY_VERIFY(!pane->isDrawing() && pane->pattern() == QStringLiteral("(\\d+)-(\\w+)"));
    stdlab::RailroadView *view = pane->view();
    const stdlab::re::RailroadDiagram &d = view->diagram();
    qsizetype dash = -1;
    for (qsizetype i = 0; i < d.items.size(); ++i) {
        if (d.items[i].text == QStringLiteral("'-'")) {
            dash = i;
        }
    }
    QVERIFY(dash >= 0);
    QCOMPARE(d.items[dash].start, 5);
    QCOMPARE(d.items[dash].end, 6);
    // The diagram's '-' under the mouse: marked in the pattern.
    QTest::mouseMove(view, (d.items[dash].rect.center() * view->zoom()).toPoint());
    QTRY_COMPARE(panel.explanationMark().cursor.selectionStart(), 5);
    QCOMPARE(panel.explanationMark().cursor.selectionEnd(), 6);
    QTest::mouseMove(view, QPoint(1, 1));
    QTRY_VERIFY(panel.explanationMark().cursor.isNull());
    // The pattern's '\w' under the mouse (code point 8): the diagram's box of \w marked.
    QTextCursor at(pattern->document());
    at.setPosition(8);
    const QPoint over = pattern->cursorRect(at).center() + QPoint(3, 0);
    QMouseEvent move(QEvent::MouseMove, over, pattern->viewport()->mapToGlobal(over),
                     Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(pattern->viewport(), &move);
    QCOMPARE(view->highlight(), (QPair<qsizetype, qsizetype>(7, 9)));
    // The mouse leaves the pattern: the explanation's element (the caret's) is marked instead.
    QEvent leave(QEvent::Leave);
    QCoreApplication::sendEvent(pattern->viewport(), &leave);
    QTextCursor caret = pattern->textCursor();
    caret.setPosition(1);
    pattern->setTextCursor(caret);
    auto *explanation = panel.findChild<RegexExplainView *>();
    QTRY_VERIFY(!explanation->isExplaining());
    QTRY_COMPARE(view->highlight(),
                 (QPair<qsizetype, qsizetype>(explanation->highlight().start,
                                              explanation->highlight().end)));
    QVERIFY(view->highlight().first >= 0);
    // Zoom.
    const int width = view->width();
    QTest::mouseClick(pane->findChild<QToolButton *>(QStringLiteral("railroadZoomIn")),
                      Qt::LeftButton);
    QCOMPARE(view->zoom(), 1.25);
    QTRY_VERIFY(!pane->isDrawing());
    QVERIFY(view->width() > width);
    QTest::mouseClick(pane->findChild<QToolButton *>(QStringLiteral("railroadZoomReset")),
                      Qt::LeftButton);
    QCOMPARE(view->zoom(), 1.0);
    // A long pattern: rows no wider than the pane.
    pattern->setPlainText(QStringLiteral("(a)[bc]+\\s?x{2}").repeated(40));
    QTRY_VERIFY(!pane->isDrawing() && pane->pattern() == pattern->toPlainText());
    auto *scroll = pane->findChild<QScrollArea *>(QStringLiteral("railroadScroll"));
    QVERIFY(view->diagram().rows > 1);
    QVERIFY2(view->width() <= scroll->viewport()->width(),
             qPrintable(QStringLiteral("%1 > %2").arg(view->width()).arg(
                 scroll->viewport()->width())));
    // A bad pattern says so.
    pattern->setPlainText(QStringLiteral("(a"));
    QTRY_VERIFY(!pane->isDrawing() && pane->pattern() == QStringLiteral("(a"));
    QVERIFY(view->diagram().items.isEmpty());
    QVERIFY(pane->findChild<QLabel *>(QStringLiteral("railroadMessage"))
                ->text()
                .contains(QLatin1String("missing ), unterminated subpattern")));
}

void tst_RegexPanel::railroadHoverOfAGroupOutlinesItsMatches()
{
    // Issue 16: hovering a node for a group marks that group's matches in the text. From the
    // explanation it did; from the railroad only the pattern was marked.
    RegexPanel panel;
    panel.resize(1200, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto *tabs = panel.findChild<QTabWidget *>(QStringLiteral("resultTabs"));
    auto *text = panel.findChild<RegexTextEdit *>(QStringLiteral("testText"));
    RailroadPane *pane = panel.railroadPane();
    QVERIFY(tabs && text && pane);
    tabs->setCurrentWidget(pane);
    setTestText(panel, QStringLiteral("😀12-ab 345-cd"));
    const QString pattern = QStringLiteral("(\\d+)-(?P<w>\\w+)");
    typePattern(panel, pattern);
    waitFinished(panel);
    QTRY_VERIFY(!pane->isDrawing() && pane->pattern() == pattern);
    stdlab::RailroadView *view = pane->view();
    const stdlab::re::RailroadDiagram &d = view->diagram();
    auto itemCalled = [&](const QString &label) {
        for (const stdlab::re::RailroadItem &item : d.items) {
            if (item.text == label) {
                return item;
            }
        }
        return stdlab::re::RailroadItem{};
    };
    auto pointAt = [&](const QRectF &rect) { return (rect.center() * view->zoom()).toPoint(); };
    using Ranges = QList<QPair<qsizetype, qsizetype>>;
    // UTF-16 offsets: the emoji takes two units.
    const struct
    {
        QString label;
        int group;
        Ranges spans;
    } groups[] = {
        {QStringLiteral("group 1"), 1, {{2, 4}, {8, 11}}},
        {QStringLiteral("group 2 'w'"), 2, {{5, 7}, {12, 14}}},
    };
    for (const auto &g : groups) {
        const stdlab::re::RailroadItem title = itemCalled(g.label);
        QVERIFY2(title.start >= 0, qPrintable(g.label));
        QTest::mouseMove(view, pointAt(title.rect));
        QTRY_COMPARE(text->highlightedGroup(), g.group);
        text->viewport()->repaint();
        QCOMPARE(text->paintedHighlights(), g.spans);
        // The frame's empty corner (not the title) is the group too.
        const QRectF frame = [&] {
            for (const stdlab::re::RailroadItem &item : d.items) {
                if (item.kind == stdlab::re::RailroadItem::Kind::Frame && item.group == g.group) {
                    return item.rect;
                }
            }
            return QRectF();
        }();
        QVERIFY(!frame.isEmpty());
        QTest::mouseMove(view, ((frame.bottomRight() - QPointF(3, 3)) * view->zoom()).toPoint());
        QTRY_COMPARE(text->highlightedGroup(), g.group);
    }
    // A box inside group 2 is not the group: nothing outlined.
    QTest::mouseMove(view, pointAt(itemCalled(QStringLiteral("word character")).rect));
    QTRY_COMPARE(text->highlightedGroup(), -1);
    text->viewport()->repaint();
    QVERIFY(text->paintedHighlights().isEmpty());
    QTest::mouseMove(view, pointAt(itemCalled(QStringLiteral("group 1")).rect));
    QTRY_COMPARE(text->highlightedGroup(), 1);
    // Off every box: nothing.
    QTest::mouseMove(view, QPoint(1, 1));
    QTRY_COMPARE(text->highlightedGroup(), -1);
}

void tst_RegexPanel::railroadExportsTheDiagramShown()
{
    // Issue 16: "Export to SVG and PNG": only the command line could (stdlab regex railroad -o).
    RegexPanel panel;
    panel.resize(1200, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto *tabs = panel.findChild<QTabWidget *>(QStringLiteral("resultTabs"));
    RailroadPane *pane = panel.railroadPane();
    auto *button = pane->findChild<QToolButton *>(QStringLiteral("railroadExport"));
    auto *message = pane->findChild<QLabel *>(QStringLiteral("railroadMessage"));
    QVERIFY(tabs && button && message);
    tabs->setCurrentWidget(pane);
    const QString pattern = QStringLiteral("(?P<y>\\d{4})-\\d+");
    typePattern(panel, pattern);
    QTRY_VERIFY(!pane->isDrawing() && pane->pattern() == pattern);
    QVERIFY(button->isEnabled());
    QCOMPARE(button->text(), QStringLiteral("Export..."));
    QTemporaryDir dir;
    QVERIFY(pane->exportTo(dir.filePath(QStringLiteral("d.svg"))).isEmpty());
    QVERIFY(message->text().startsWith(QStringLiteral("Exported to ")));
    QFile svg(dir.filePath(QStringLiteral("d.svg")));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QString written = QString::fromUtf8(svg.readAll());
    QCOMPARE(written, stdlab::re::railroadSvg(pane->view()->diagram()));
    QVERIFY(written.contains(QStringLiteral(">group 1 'y'</text>")));
    QVERIFY(pane->exportTo(dir.filePath(QStringLiteral("d.PNG"))).isEmpty());
    QImageReader png(dir.filePath(QStringLiteral("d.PNG")));
    QCOMPARE(png.format(), QByteArray("png"));
    QCOMPARE(png.size(), stdlab::RailroadView::image(pane->view()->diagram()).size());
    // A folder that does not exist: the reason, nothing written.
    const QString missing = dir.filePath(QStringLiteral("missing/d.svg"));
    QVERIFY(!pane->exportTo(missing).isEmpty());
    QVERIFY2(message->text().startsWith(QStringLiteral("Cannot write ")), qPrintable(message->text()));
    QVERIFY(!QFile::exists(missing));
    // A pattern that does not compile: nothing to export.
    typePattern(panel, QStringLiteral("(a"));
    QTRY_VERIFY(!pane->isDrawing() && pane->pattern() == QStringLiteral("(a"));
    QVERIFY(!button->isEnabled());
}

QTEST_MAIN(tst_RegexPanel)
#include "tst_regexpanel.moc"

// RegexExplainView: the sentences of `stdlab regex explain` as a tree, in the UI language,
// explained off the keystroke; the node at a place of the pattern; what the pointed node covers.
#include "localization.h"
#include "regex/regexexplain.h"
#include "regex/regexexplainview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

using namespace stdlab::re;

class tst_RegexExplainView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void nodesAreTheSentencesOfExplain_data();
    void nodesAreTheSentencesOfExplain();
    void aNewLanguageExplainsAgain();
    void selectAtPicksTheDeepestNode_data();
    void selectAtPicksTheDeepestNode();
    void theNodeUnderTheMouseIsHighlighted();
    void anErrorIsPythonsMessage();
    void typingNeverWaitsForTheExplanation();

private:
    static void explainIn(RegexExplainView &view, const QString &pattern, int flags = 0)
    {
        QSignalSpy explained(&view, &RegexExplainView::explained);
        view.setPattern(pattern, flags);
        QVERIFY(explained.wait(10000));
        QTRY_VERIFY(!view.isExplaining());
    }
    static QTreeWidgetItem *itemWithPart(RegexExplainView &view, const QString &part)
    {
        QTreeWidgetItemIterator it(&view);
        for (; *it; ++it) {
            if ((*it)->text(0) == part) {
                return *it;
            }
        }
        return nullptr;
    }
};

void tst_RegexExplainView::cleanup()
{
    stdlab::installTranslations(qApp, QStringLiteral("en"));
}

void tst_RegexExplainView::nodesAreTheSentencesOfExplain_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<int>("flags");
    QTest::addColumn<QString>("firstNode");
    QTest::newRow("en groups") << "en" << QStringLiteral("(?P<user>\\w+)@(\\w+)") << 0
                               << QStringLiteral("`(?P<user>\\w+)`  group 1 ('user'), capturing "
                                                 "what this part matches:");
    QTest::newRow("es groups") << "es" << QStringLiteral("(?P<user>\\w+)@(\\w+)") << 0
                               << QStringLiteral("`(?P<user>\\w+)`  grupo 1 ('user'), que captura "
                                                 "lo que coincide con esta parte:");
    QTest::newRow("en flags, lazy, lookbehind, condition")
        << "en" << QStringLiteral("(?<=a)(b)?c*?(?(1)d|e)") << int(IGNORECASE)
        << QStringLiteral("flags in force: IGNORECASE");
}

void tst_RegexExplainView::nodesAreTheSentencesOfExplain()
{
    QFETCH(QString, language);
    QFETCH(QString, pattern);
    QFETCH(int, flags);
    QFETCH(QString, firstNode);
    QVERIFY(stdlab::installTranslations(qApp, language));
    RegexExplainView view;
    explainIn(view, pattern, flags);
    Error error;
    const auto lines = explain(pattern, flags, &error);
    QVERIFY(lines);
    // Node for line, as the command line prints them (depth as indentation).
    QCOMPARE(view.nodeTexts().join(QLatin1Char('\n')) + QLatin1Char('\n'),
             explainText(pattern, *lines));
    QCOMPARE(view.nodeTexts().first(), firstNode);
    QCOMPARE(view.topLevelItemCount(),
             int(std::count_if(lines->begin(), lines->end(),
                               [](const ExplainLine &l) { return l.depth == 0; })));
}

void tst_RegexExplainView::aNewLanguageExplainsAgain()
{
    RegexExplainView view;
    explainIn(view, QStringLiteral("a+"));
    QCOMPARE(view.nodeTexts().first(),
             QStringLiteral("`a+`  1 or more times, as many as possible (greedy):"));
    QSignalSpy explained(&view, &RegexExplainView::explained);
    QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("es")));
    QVERIFY(explained.wait(10000));
    QCOMPARE(view.nodeTexts().first(),
             QStringLiteral("`a+`  1 o más veces, las más posibles (codicioso):"));
    QCOMPARE(view.headerItem()->text(1), QStringLiteral("Significado"));
}

void tst_RegexExplainView::selectAtPicksTheDeepestNode_data()
{
    // (\d+)-(?P<w>\w+): ( 0, \d 1-2, + 3, ) 4, - 5, (?P<w> 6-11, \w 12-13, + 14, ) 15.
    QTest::addColumn<int>("position");
    QTest::addColumn<QString>("part");
    QTest::newRow("the opening parenthesis: the group") << 0 << QStringLiteral("(\\d+)");
    QTest::newRow("inside \\d: the class") << 2 << QStringLiteral("\\d");
    QTest::newRow("the +: the repeat") << 3 << QStringLiteral("\\d+");
    QTest::newRow("the closing parenthesis") << 4 << QStringLiteral("(\\d+)");
    QTest::newRow("the dash") << 5 << QStringLiteral("-");
    QTest::newRow("the group's name") << 8 << QStringLiteral("(?P<w>\\w+)");
    QTest::newRow("\\w") << 13 << QStringLiteral("\\w");
    QTest::newRow("after the end: the last element") << 16 << QStringLiteral("(?P<w>\\w+)");
}

void tst_RegexExplainView::selectAtPicksTheDeepestNode()
{
    QFETCH(int, position);
    QFETCH(QString, part);
    RegexExplainView view;
    explainIn(view, QStringLiteral("(\\d+)-(?P<w>\\w+)"));
    view.selectAt(position);
    QVERIFY(view.currentItem());
    QCOMPARE(view.currentItem()->text(0), part);
}

void tst_RegexExplainView::theNodeUnderTheMouseIsHighlighted()
{
    RegexExplainView view;
    view.resize(600, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    // Code points: the emoji is one (two UTF-16 units).
    explainIn(view, QStringLiteral("😀(\\d+)-(?P<w>\\w+)"));
    QSignalSpy changed(&view, &RegexExplainView::highlightChanged);
    view.selectAt(2);
    QCOMPARE(view.highlight(), (RegexExplainView::Highlight{2, 4, 0}));
    QTreeWidgetItem *group = itemWithPart(view, QStringLiteral("(?P<w>\\w+)"));
    QVERIFY(group);
    QTest::mouseMove(view.viewport(), view.visualItemRect(group).center());
    QTRY_COMPARE(view.highlight(), (RegexExplainView::Highlight{7, 17, 2}));
    QTreeWidgetItem *dash = itemWithPart(view, QStringLiteral("-"));
    QTest::mouseMove(view.viewport(), view.visualItemRect(dash).center());
    QTRY_COMPARE(view.highlight(), (RegexExplainView::Highlight{6, 7, 0}));
    // The mouse leaves: the current node again.
    QEvent leave(QEvent::Leave);
    QApplication::sendEvent(&view, &leave);
    QCOMPARE(view.highlight(), (RegexExplainView::Highlight{2, 4, 0}));
    QVERIFY(changed.count() >= 3);
}

void tst_RegexExplainView::anErrorIsPythonsMessage()
{
    RegexExplainView view;
    explainIn(view, QStringLiteral("ab(c"));
    QCOMPARE(view.nodeTexts(),
             QStringList{QStringLiteral("missing ), unterminated subpattern at position 2")});
    view.selectAt(2);
    QCOMPARE(view.highlight().start, -1);
}

void tst_RegexExplainView::typingNeverWaitsForTheExplanation()
{
    // 20,000 alternatives: setPattern() returns at once, the last pattern given is the one
    // explained, and the tree is capped (the rest counted).
    QStringList words;
    for (int i = 0; i < 20000; ++i) {
        words << QStringLiteral("w%1x").arg(i);
    }
    const QString big = words.join(QLatin1Char('|'));
    RegexExplainView view;
    QSignalSpy explained(&view, &RegexExplainView::explained);
    QElapsedTimer clock;
    clock.start();
    for (int n = 1; n <= 30; ++n) {
        view.setPattern(big.left(big.size() - 30 + n), 0);
        QCoreApplication::processEvents();
    }
    QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
    QTRY_VERIFY_WITH_TIMEOUT(!view.isExplaining() && explained.count() > 0, 20000);
    const QStringList nodes = view.nodeTexts();
    QCOMPARE(nodes.size(), RegexExplainView::kMaxNodes + 1);
    QVERIFY2(nodes.last().startsWith(QLatin1String("... and ")), qPrintable(nodes.last()));
    // The last pattern's: its final alternative is whole ("w19999x").
    Error error;
    const auto lines = explain(big, 0, &error);
    QVERIFY(lines);
    QCOMPARE(nodes.last(), QStringLiteral("... and %1 more elements")
                               .arg(lines->size() - RegexExplainView::kMaxNodes));
}

QTEST_MAIN(tst_RegexExplainView)
#include "tst_regexexplainview.moc"

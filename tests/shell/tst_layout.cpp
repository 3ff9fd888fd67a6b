// Every tab laid out at 800x600 and 1920x1080, in English and Spanish: no label, combo box or
// button narrower than its size hint, no elided tab, nothing that widens the window.
#include "chat/chatpanel.h"
#include "appearance.h"
#include "localization.h"
#include "mainwindow.h"
#include "messagelabel.h"
#include "pythoncodepane.h"
#include "regex/regexmodel.h"
#include "regex/regexpanel.h"
#include "regex/redosview.h"
#include "regex/railroadpane.h"
#include "regex/railroadview.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QScrollBar>
#include <QButtonGroup>
#include <QApplication>
#include <QComboBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QStandardPaths>
#include <QTabBar>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTextBlock>
#include <QTextLayout>
#include <QTableWidget>
#include <QTableView>
#include <QToolBar>
#include <QtTest>

namespace {

QString describe(const QWidget *w)
{
    QString name = w->objectName();
    if (name.isEmpty()) {
        if (auto *label = qobject_cast<const QLabel *>(w)) {
            name = label->text();
        } else if (auto *button = qobject_cast<const QAbstractButton *>(w)) {
            name = button->text();
        }
    }
    return QStringLiteral("%1 '%2'").arg(QString::fromLatin1(w->metaObject()->className()), name);
}

// QTabBar::tabSizeHint() is protected; what it wants is what the test compares with.
struct TabBarHint : QTabBar
{
    static int wanted(const QTabBar *bar, int index)
    {
        return (bar->*(&TabBarHint::tabSizeHint))(index).width();
    }
};

// QHeaderView::sectionSizeFromContents() is protected: the width a header's text needs.
struct HeaderHint : QHeaderView
{
    static int wanted(const QHeaderView *header, int logical)
    {
        return (header->*(&HeaderHint::sectionSizeFromContents))(logical).width();
    }
};

void settle()
{
    for (int i = 0; i < 3; ++i) {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QCoreApplication::processEvents();
    }
}

// Widgets of the current page only: what the user sees now.
/// Shows each page a user can reach in turn (every tab, each Dates section, Chat's two roles)
/// and calls @p visit with its name ("Dates/Now", "Chat/server").
template <typename Visit>
void forEachPage(MainWindow &w, Visit &&visit)
{
    for (int tab = 0; tab < w.tabs()->count(); ++tab) {
        w.tabs()->setCurrentIndex(tab);
        const QString title = w.tabs()->tabText(tab);
        QWidget *panel = w.tabs()->widget(tab);
        if (auto *sections = panel->findChild<QTabWidget *>(QStringLiteral("dateSections"))) {
            for (int s = 0; s < sections->count(); ++s) {
                sections->setCurrentIndex(s);
                visit(title + QLatin1Char('/') + sections->tabText(s));
            }
        } else if (auto *chat = qobject_cast<ChatPanel *>(panel)) {
            chat->setRole(ChatPanel::ServerRole);
            visit(title + QStringLiteral("/server"));
            chat->setRole(ChatPanel::ClientRole);
            visit(title + QStringLiteral("/client"));
        } else {
            visit(title);
        }
    }
}

QStringList problemsIn(QWidget *root)
{
    QStringList problems;
    const auto widgets = root->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        // A header is all viewport: its own visible region is empty.
        auto *header = qobject_cast<QHeaderView *>(w);
        if (!w->isVisible()
            || (header ? header->viewport() : w)->visibleRegion().isEmpty()) {
            continue;
        }
        // Inside a scroll area a widget may be off the viewport; its own size still counts.
        int needed = 0;
        if (auto *label = qobject_cast<QLabel *>(w)) {
            if (label->wordWrap() || label->text().isEmpty()
                || label->sizePolicy().horizontalPolicy() == QSizePolicy::Ignored) {
                continue;
            }
            needed = label->sizeHint().width();
        } else if (auto *button = qobject_cast<QAbstractButton *>(w)) {
            if (button->text().isEmpty() || qobject_cast<QToolBar *>(button->parentWidget())) {
                continue; // icon buttons; a tool bar moves what does not fit into its menu
            }
            needed = button->sizeHint().width();
        } else if (auto *combo = qobject_cast<QComboBox *>(w)) {
            needed = combo->isEditable() ? combo->minimumSizeHint().width()
                                         : combo->sizeHint().width();
        } else if (auto *bar = qobject_cast<QTabBar *>(w)) {
            for (int i = 0; i < bar->count(); ++i) {
                if (bar->tabRect(i).width() < TabBarHint::wanted(bar, i)) {
                    problems << QStringLiteral("tab '%1' elided (%2 < %3 px)")
                                    .arg(bar->tabText(i))
                                    .arg(bar->tabRect(i).width())
                                    .arg(TabBarHint::wanted(bar, i));
                }
            }
            continue;
        } else if (header) {
            // A column header clipped ("Direcci…" in the Chat clients table at 800x600).
            if (header->orientation() != Qt::Horizontal) {
                continue;
            }
            for (int i = 0; i < header->count(); ++i) {
                if (header->isSectionHidden(i)) {
                    continue;
                }
                const QString title =
                    header->model()->headerData(i, Qt::Horizontal).toString();
                const int wanted = HeaderHint::wanted(header, i);
                if (header->sectionSize(i) < wanted) {
                    problems << QStringLiteral("%1 column '%2' is %3 px wide, needs %4")
                                    .arg(describe(header->parentWidget()), title)
                                    .arg(header->sectionSize(i))
                                    .arg(wanted);
                }
            }
            continue;
        } else if (auto *scroll = qobject_cast<QScrollArea *>(w)) {
            // A form in a scroll area is cut at its right edge (or scrolls sideways) when it is
            // wider than the viewport: the Files path tools at 800x600.
            if (scroll->widget() && scroll->widget()->isVisible()
                && scroll->widget()->width() > scroll->viewport()->width()) {
                problems << QStringLiteral("%1 holds %2 px in %3 px")
                                .arg(describe(w))
                                .arg(scroll->widget()->width())
                                .arg(scroll->viewport()->width());
            }
            continue;
        } else if (auto *box = qobject_cast<QGroupBox *>(w)) {
            needed = box->fontMetrics().horizontalAdvance(box->title()) + 20;
        } else {
            continue;
        }
        if (w->width() < needed) {
            problems << QStringLiteral("%1 is %2 px wide, needs %3")
                            .arg(describe(w))
                            .arg(w->width())
                            .arg(needed);
        }
    }
    return problems;
}

} // namespace

class tst_Layout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void everyPageFits_data();
    void everyPageFits();
    void regexStoppedAtTheLimitFits_data();
    void regexStoppedAtTheLimitFits();
    void regexExamplesReadWhole_data();
    void regexExamplesReadWhole();
    void regexTextAndMatchesShowThreeLines_data();
    void regexTextAndMatchesShowThreeLines();
    void regexResultTabsFit_data();
    void regexResultTabsFit();
    void firstWindowFitsItsScreen();
    void noLabelIsGreyedOutForLooks();
    void everyControlHasAName();
    void keyboardReachesEveryControlInOrder_data();
    void keyboardReachesEveryControlInOrder();
    void ownColoursAreReadableOnADarkPalette();
};

void tst_Layout::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StdLabTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_layout"));
}

void tst_Layout::init()
{
    QSettings().clear();
}

void tst_Layout::cleanup()
{
    stdlab::installTranslations(qApp, QStringLiteral("en"));
    QSettings().clear();
}

void tst_Layout::everyPageFits_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QSize>("size");
    for (const char *language : {"en", "es"}) {
        for (QSize size : {QSize(800, 600), QSize(1920, 1080)}) {
            QTest::addRow("%s %dx%d", language, size.width(), size.height())
                << QString::fromLatin1(language) << size;
        }
    }
}

void tst_Layout::everyPageFits()
{
    QFETCH(QString, language);
    QFETCH(QSize, size);
    QVERIFY(stdlab::installTranslations(qApp, language));
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.resize(size);
    settle();
    QStringList problems;
    // The window takes the size asked: nothing inside demands more.
    if (w.size() != size) {
        problems << QStringLiteral("window is %1x%2").arg(w.width()).arg(w.height());
    }
    const QSize minimum = w.minimumSizeHint();
    if (qEnvironmentVariableIsSet("STDLAB_LAYOUT_DEBUG")) {
        for (int tab = 0; tab < w.tabs()->count(); ++tab) {
            qInfo() << w.tabs()->tabText(tab) << w.tabs()->widget(tab)->minimumSizeHint();
        }
        qInfo() << "code pane" << w.codePane()->minimumSizeHint() << "menu"
                << w.menuBar()->sizeHint();
    }
    if (minimum.width() > 800 || minimum.height() > 600) {
        problems << QStringLiteral("window needs at least %1x%2")
                        .arg(minimum.width())
                        .arg(minimum.height());
    }
    QStringList chatProblems;
    auto visit = [&](const QString &page) {
        settle();
        for (const QString &p : problemsIn(&w)) {
            (page.startsWith(w.tabs()->tabText(3)) ? chatProblems : problems)
                << page + QStringLiteral(": ") + p;
        }
        // The clients table fits its columns without sideways scrolling.
        auto *clients = w.findChild<QAbstractScrollArea *>(QStringLiteral("clientsView"));
        if (clients->isVisible() && clients->horizontalScrollBar()->maximum() > 0) {
            chatProblems << page + QStringLiteral(": the clients table scrolls sideways");
        }
    };
    forEachPage(w, visit);
    // The strftime table's Meaning column is read, not guessed at.
    w.tabs()->setCurrentIndex(0);
    auto *sections = w.findChild<QTabWidget *>(QStringLiteral("dateSections"));
    sections->setCurrentIndex(sections->count() - 1);
    settle();
    auto *table = w.findChild<QTableWidget *>(QStringLiteral("directiveTable"));
    const int meaning = table->horizontalHeader()->sectionSize(1);
    const int readable = table->fontMetrics().averageCharWidth() * 24;
    if (meaning < readable) {
        problems << QStringLiteral("Meaning column is %1 px, needs %2").arg(meaning).arg(readable);
    }
    // The regex examples stay readable (Spanish squeezed the list to ~55 px).
    w.tabs()->setCurrentIndex(1);
    settle();
    auto *examples = w.findChild<QWidget *>(QStringLiteral("examples"));
    if (examples->width() < examples->fontMetrics().averageCharWidth() * 20) {
        problems << QStringLiteral("Examples list is %1 px").arg(examples->width());
    }
    // The path tools' results are read whole: at 800x600 they were ~10 characters wide beside
    // their calls and broke 'mi_directorio/mi_archivo.txt' over three lines.
    w.tabs()->setCurrentIndex(2);
    settle();
    for (const char *name : {"pathTools_join", "pathTools_abspath", "pathTools_split"}) {
        auto *value = w.findChild<QLabel *>(QString::fromLatin1(name));
        const int wanted = value->fontMetrics().averageCharWidth() * 20;
        if (value->width() < wanted) {
            problems << QStringLiteral("%1 is %2 px wide, needs %3")
                            .arg(QLatin1String(name))
                            .arg(value->width())
                            .arg(wanted);
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    QVERIFY2(chatProblems.isEmpty(), qPrintable(chatProblems.join(QLatin1Char('\n'))));
}

void tst_Layout::regexStoppedAtTheLimitFits_data()
{
    everyPageFits_data();
}

void tst_Layout::regexStoppedAtTheLimitFits()
{
    // A search stopped by the backtracking limit after a few matches: the status beside the
    // text's buttons ("detenido: límite de retroceso (backtracking) - 2 coincidencias antes")
    // widened an 800 px window to 804 and squeezed the Examples list to its minimum.
    QFETCH(QString, language);
    QFETCH(QSize, size);
    QVERIFY(stdlab::installTranslations(qApp, language));
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.resize(size);
    w.tabs()->setCurrentIndex(1);
    settle();
    auto *panel = w.findChild<RegexPanel *>();
    QVERIFY(panel);
    panel->showExample({QString(), QStringLiteral("x|(a+)+$"), QStringLiteral("findall"), {},
                        QStringLiteral("x x ") + QString(30, QLatin1Char('a'))
                            + QLatin1Char('b')});
    QTRY_VERIFY_WITH_TIMEOUT(!panel->model()->isRunning() && panel->model()->error().limit,
                             10000);
    QCOMPARE(panel->model()->matchCount(), 2);
    // The two matches found before the limit are told in its message, not in the status.
    QVERIFY(w.findChild<MessageLabel *>(QStringLiteral("patternError"))
                ->text()
                .endsWith(QLatin1String(": 2.")));
    settle();
    QStringList problems = problemsIn(&w);
    if (w.size() != size) {
        problems << QStringLiteral("window is %1x%2").arg(w.width()).arg(w.height());
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void tst_Layout::regexExamplesReadWhole_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QSize>("size");
    for (const char *language : {"en", "es"}) {
        for (QSize size : {QSize(800, 600), QSize(1100, 760), QSize(1920, 1080)}) {
            QTest::addRow("%s %dx%d", language, size.width(), size.height())
                << QString::fromLatin1(language) << size;
        }
    }
}

void tst_Layout::regexExamplesReadWhole()
{
    // The Examples list wrapped its titles over two or three lines even at 1400 px (22
    // characters wide, a fifth of what the splitter shared out). From 1100x760 up every title
    // is on one line, whole; at 800x600 a title may wrap between words, on at most two lines,
    // and no word is cut.
    QFETCH(QString, language);
    QFETCH(QSize, size);
    QVERIFY(stdlab::installTranslations(qApp, language));
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.resize(size);
    w.tabs()->setCurrentIndex(1);
    settle();
    auto *list = w.findChild<QListWidget *>(QStringLiteral("examples"));
    QVERIFY(list);
    const QFontMetrics metrics = list->fontMetrics();
    const int maxLines = size.width() >= 1100 ? 1 : 2;
    QStringList problems;
    for (int row = 0; row < list->count(); ++row) {
        QListWidgetItem *item = list->item(row);
        const QRect rect = list->visualItemRect(item);
        const int lines = qRound(double(rect.height()) / metrics.lineSpacing() - 0.3);
        if (lines > maxLines) {
            problems << QStringLiteral("'%1' takes %2 lines in %3 px")
                            .arg(item->text())
                            .arg(lines)
                            .arg(rect.width());
        }
        if (maxLines == 1 && rect.width() < metrics.horizontalAdvance(item->text())) {
            problems << QStringLiteral("'%1' is cut at %2 px, needs %3")
                            .arg(item->text())
                            .arg(rect.width())
                            .arg(metrics.horizontalAdvance(item->text()));
        }
        for (const QString &word : item->text().split(QLatin1Char(' '))) {
            if (rect.width() < metrics.horizontalAdvance(word)) {
                problems << QStringLiteral("'%1' of '%2' is cut").arg(word, item->text());
            }
        }
    }
    if (list->horizontalScrollBar()->isVisible()) {
        problems << QStringLiteral("the list scrolls sideways");
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void tst_Layout::regexTextAndMatchesShowThreeLines_data()
{
    regexExamplesReadWhole_data();
}

void tst_Layout::regexTextAndMatchesShowThreeLines()
{
    // At 800x600 the match table showed one row: the text and the results shared 3:2 of the
    // ~200 px left under the pattern, its two message lines, the flags and the call. At any
    // size from 800x600 up, with a few matches, the table shows at least three whole rows and
    // the test text at least three lines, without scrolling.
    QFETCH(QString, language);
    QFETCH(QSize, size);
    QVERIFY(stdlab::installTranslations(qApp, language));
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.resize(size);
    w.tabs()->setCurrentIndex(1);
    auto *panel = w.findChild<RegexPanel *>();
    QVERIFY(panel);
    panel->showExample({QString(), QStringLiteral("(\\w+) (\\d+)"), QStringLiteral("finditer"),
                        {},
                        QStringLiteral("uno 1, dos 2\ntres 3\ncuatro 4\ncinco 5\nseis 6")});
    QTRY_VERIFY(!panel->model()->isRunning());
    QCOMPARE(panel->model()->matchCount(), 6);
    settle();
    QCOMPARE(w.size(), size);
    QStringList problems;
    auto *table = w.findChild<QTableView *>(QStringLiteral("matchTable"));
    QVERIFY(table);
    if (table->rowViewportPosition(2) != 2 * table->rowHeight(0)
        || table->rowViewportPosition(2) + table->rowHeight(2) > table->viewport()->height()) {
        problems << QStringLiteral("the match table shows %1 rows of %2 px in %3 px")
                        .arg(double(table->viewport()->height()) / table->rowHeight(0), 0, 'f', 1)
                        .arg(table->rowHeight(0))
                        .arg(table->viewport()->height());
    }
    auto *text = w.findChild<QPlainTextEdit *>(QStringLiteral("testText"));
    QVERIFY(text);
    const int lineSpacing = text->fontMetrics().lineSpacing();
    const int textHeight =
        text->viewport()->height() - 2 * int(text->document()->documentMargin());
    if (textHeight < 3 * lineSpacing) {
        problems << QStringLiteral("the test text shows %1 lines of %2 px in %3 px")
                        .arg(double(textHeight) / lineSpacing, 0, 'f', 1)
                        .arg(lineSpacing)
                        .arg(textHeight);
    }
    if (qEnvironmentVariableIsSet("STDLAB_LAYOUT_DEBUG")) {
        for (QWidget *x : panel->findChildren<QWidget *>()) {
            if (x->isVisible() && !x->objectName().isEmpty()) {
                qInfo() << x->objectName() << QRect(x->mapTo(panel, QPoint()), x->size());
            }
        }
        qInfo() << "panel" << panel->size() << "code pane" << w.codePane()->size();
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void tst_Layout::regexResultTabsFit_data()
{
    everyPageFits_data();
}

void tst_Layout::regexResultTabsFit()
{
    // Issue 16's views beside the match table: each of the results' tabs (Result,
    // Explanation, ReDoS...) shown in turn for an exponential pattern, nothing clipped, no
    // tab title elided, the window's size kept.
    QFETCH(QString, language);
    QFETCH(QSize, size);
    QVERIFY(stdlab::installTranslations(qApp, language));
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.resize(size);
    w.tabs()->setCurrentIndex(1);
    auto *panel = w.findChild<RegexPanel *>();
    QVERIFY(panel);
    panel->showExample({QString(), QStringLiteral("x(a+)+$"), QStringLiteral("search"), {},
                        QStringLiteral("xaaaa")});
    QTRY_VERIFY_WITH_TIMEOUT(!panel->redosView()->isChecking(), 30000);
    QVERIFY(panel->redosView()->warns());
    auto *tabs = w.findChild<QTabWidget *>(QStringLiteral("resultTabs"));
    QVERIFY(tabs);
    QStringList problems;
    for (int i = 0; i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        settle();
        if (tabs->widget(i) == panel->railroadPane()) {
            // Drawn again to the width of the pane once shown: one row when it fits.
            RailroadPane *pane = panel->railroadPane();
            QTRY_VERIFY(!pane->isDrawing());
            settle();
            const auto *view = pane->view();
            const int room = pane->findChild<QScrollArea *>()->viewport()->width();
            if (view->width() > room) {
                problems << QStringLiteral("railroad %1 px wide in %2").arg(view->width()).arg(room);
            }
            if (size.width() >= 1920 && view->diagram().rows != 1) {
                problems << QStringLiteral("railroad in %1 rows").arg(view->diagram().rows);
            }
        }
        for (const QString &p : problemsIn(&w)) {
            problems << tabs->tabText(i) + QStringLiteral(": ") + p;
        }
        if (w.size() != size) {
            problems << QStringLiteral("%1: window is %2x%3")
                            .arg(tabs->tabText(i))
                            .arg(w.width())
                            .arg(w.height());
        }
        const QString shots = qEnvironmentVariable("STDLAB_LAYOUT_SHOTS");
        if (!shots.isEmpty()) {
            w.grab().save(QStringLiteral("%1/%2-%3x%4-%5.png")
                              .arg(shots, language)
                              .arg(size.width())
                              .arg(size.height())
                              .arg(i));
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void tst_Layout::firstWindowFitsItsScreen()
{
    // No saved geometry: the first window fits the screen it opens on, whatever its size.
    MainWindow w;
    const QRect available = w.screen()->availableGeometry();
    // The offscreen platform's screen is 800x600: smaller than the 1100x760 wanted.
    QVERIFY(available.width() < 1100 || available.height() < 760);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY2(available.contains(w.frameGeometry()),
             qPrintable(QStringLiteral("window %1x%2 at %3,%4 on a %5x%6 screen")
                            .arg(w.frameGeometry().width())
                            .arg(w.frameGeometry().height())
                            .arg(w.frameGeometry().x())
                            .arg(w.frameGeometry().y())
                            .arg(available.width())
                            .arg(available.height())));
}

void tst_Layout::noLabelIsGreyedOutForLooks()
{
    // A disabled label is drawn in the palette's disabled grey: very light on a light theme and
    // faint in dark and high-contrast ones (the path tools' function names). A label may be
    // disabled only with the control it names.
    MainWindow w;
    QStringList greyed;
    for (QLabel *label : w.findChildren<QLabel *>()) {
        if (label->text().isEmpty() || label->isEnabled()) {
            continue;
        }
        if (!label->buddy() || label->buddy()->isEnabled()) {
            greyed << label->text();
        }
    }
    QVERIFY2(greyed.isEmpty(), qPrintable(greyed.join(QStringLiteral(" | "))));
}

void tst_Layout::everyControlHasAName()
{
    // Keyboard and screen-reader users: every control that takes the focus is named, by an
    // accessible name, a label whose buddy it is, or its own text (buttons, check boxes).
    MainWindow w;
    QSet<const QWidget *> buddies;
    for (QLabel *label : w.findChildren<QLabel *>()) {
        if (label->buddy()) {
            buddies.insert(label->buddy());
        }
    }
    QStringList unnamed;
    QStringList chatUnnamed;
    for (QWidget *widget : w.findChildren<QWidget *>()) {
        if (widget->window() != &w // popups: a calendar's own parts
            // A disabled control is still read out: it is named too (the chat input is
            // disabled until there is someone to talk to).
            || widget->focusPolicy() == Qt::NoFocus
            || qobject_cast<QTabBar *>(widget) || widget->inherits("QScrollBar")
            // Containers and text: what they hold is named; a QTabWidget is its tab bar.
            || qobject_cast<QLabel *>(widget) || widget->inherits("QScrollArea")
            || qobject_cast<QTabWidget *>(widget)
            || (widget->inherits("QAbstractSpinBox") && buddies.contains(widget))) {
            continue;
        }
        // Parts of a compound control (a combo box's line edit, a scroll area's viewport).
        if (widget->parentWidget() && (qobject_cast<QComboBox *>(widget->parentWidget())
                                       || widget->parentWidget()->inherits("QAbstractSpinBox"))) {
            continue;
        }
        if (!widget->accessibleName().isEmpty() || buddies.contains(widget)) {
            continue;
        }
        if (auto *button = qobject_cast<QAbstractButton *>(widget);
            button && !button->text().isEmpty()) {
            continue;
        }
        const QString name = QStringLiteral("%1 '%2'").arg(
            QString::fromLatin1(widget->metaObject()->className()), widget->objectName());
        (w.chatPanel()->isAncestorOf(widget) ? chatUnnamed : unnamed) << name;
    }
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QLatin1Char('\n'))));
    QVERIFY2(chatUnnamed.isEmpty(), qPrintable(chatUnnamed.join(QLatin1Char('\n'))));
}

void tst_Layout::keyboardReachesEveryControlInOrder_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("es") << QStringLiteral("es");
}

namespace {

/// The control the focus stands for (a spin box for its line edit).
QWidget *control(QWidget *w)
{
    while (w && w->parentWidget()
           && (qobject_cast<QComboBox *>(w->parentWidget())
               || w->parentWidget()->inherits("QAbstractSpinBox"))) {
        w = w->parentWidget();
    }
    return w;
}

/// Where @p w is, in @p root's coordinates.
QRect placeIn(const QWidget *w, const QWidget *root)
{
    return QRect(w->mapTo(root, QPoint(0, 0)), w->size());
}

} // namespace

void tst_Layout::keyboardReachesEveryControlInOrder()
{
    // Keyboard-only use: from the tab bar, Tab visits every enabled, visible control of the
    // tab, top to bottom and left to right (column by column), then the code pane, and comes
    // back to the tab bar; no control keeps Tab for itself.
    QFETCH(QString, language);
    QVERIFY(stdlab::installTranslations(qApp, language));
    MainWindow w;
    w.resize(1100, 760);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QApplication::setActiveWindow(&w);
    QStringList problems;
    auto walk = [&](const QString &page) {
        settle();
        QWidget *panel = w.tabs()->currentWidget();
        QTabBar *bar = w.tabs()->tabBar();
        QSet<QWidget *> expected;
        for (QWidget *x : w.findChildren<QWidget *>()) {
            if ((panel->isAncestorOf(x) || w.codePane()->isAncestorOf(x)) && x->isVisible()
                && x->isEnabled() && (x->focusPolicy() & Qt::TabFocus) && control(x) == x
                && !x->focusProxy() && x->window() == &w && !x->inherits("QScrollBar")
                && !qobject_cast<QScrollArea *>(x) // a container: what it holds is reached
                // Of an exclusive group (Chat's Server/Client), Tab reaches the checked button and
                // the arrow keys the others, as with radio buttons.
                && !(qobject_cast<QAbstractButton *>(x)
                     && qobject_cast<QAbstractButton *>(x)->group()
                     && qobject_cast<QAbstractButton *>(x)->group()->exclusive()
                     && !qobject_cast<QAbstractButton *>(x)->isChecked())) {
                expected.insert(x);
            }
        }
        bar->setFocus(Qt::TabFocusReason);
        QList<QWidget *> reached;
        bool inCodePane = false;
        for (int i = 0; i < 300; ++i) {
            QWidget *from = QApplication::focusWidget();
            QTest::keyClick(from, Qt::Key_Tab);
            QWidget *to = control(QApplication::focusWidget());
            if (!to || to == control(from)) {
                problems << QStringLiteral("%1: Tab stays in %2").arg(page, describe(from));
                break;
            }
            if (to == bar) {
                break;
            }
            if (reached.contains(to)) {
                problems << QStringLiteral("%1: %2 reached twice").arg(page, describe(to));
                break;
            }
            reached << to;
            if (!panel->isAncestorOf(to) && !w.codePane()->isAncestorOf(to)) {
                problems << QStringLiteral("%1: %2 is not on this tab").arg(page, describe(to));
                break;
            }
            if (w.codePane()->isAncestorOf(to)) {
                inCodePane = true;
            } else if (inCodePane) {
                problems << QStringLiteral("%1: %2 after the code pane").arg(page, describe(to));
            }
            // Back up or back left within one column or row: out of reading order.
            if (reached.size() >= 2 && panel->isAncestorOf(to)
                && panel->isAncestorOf(reached.at(reached.size() - 2))) {
                const QRect a = placeIn(reached.at(reached.size() - 2), panel);
                const QRect b = placeIn(to, panel);
                const bool sameColumn = b.left() < a.right() && a.left() < b.right();
                const bool sameRow = b.top() < a.bottom() && a.top() < b.bottom();
                if ((sameColumn && b.bottom() < a.top()) || (sameRow && b.right() < a.left())) {
                    problems << QStringLiteral("%1: %2 after %3")
                                    .arg(page, describe(to),
                                         describe(reached.at(reached.size() - 2)));
                }
            }
        }
        for (QWidget *x : std::as_const(expected)) {
            if (!reached.contains(x)) {
                problems << QStringLiteral("%1: %2 never reached").arg(page, describe(x));
            }
        }
    };
    forEachPage(w, walk);
    for (const QString &problem : std::as_const(problems)) {
        qWarning("%s", qPrintable(problem));
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void tst_Layout::ownColoursAreReadableOnADarkPalette()
{
    // StdLab's own colours (syntax, chat directions, errors) were chosen on a light background:
    // on a dark palette the regex syntax colours had 2.6:1 against the base. Every colour the
    // app sets itself, and every label's text, has at least WCAG's 4.5:1 against what it is
    // drawn on, in the dark palette (`stdlab --palette dark`) and in the light one.
    using namespace stdlab::appearance;
    const QPalette saved = QApplication::palette();
    QStringList faint;
    for (const QPalette &palette : {darkPalette(), saved}) {
        QApplication::setPalette(palette);
        const QString name = palette.color(QPalette::Window).lightness() < 128
            ? QStringLiteral("dark")
            : QStringLiteral("light");
        for (Tint t : {Tint::Error, Tint::Warning, Tint::Information, Tint::Incoming,
                       Tint::Outgoing}) {
            for (auto role : {QPalette::Base, QPalette::Window}) {
                const qreal ratio = contrast(tint(t, palette), palette.color(role));
                if (ratio < 4.5) {
                    faint << QStringLiteral("%1: tint %2 on role %3: %4:1")
                                 .arg(name)
                                 .arg(int(t))
                                 .arg(int(role))
                                 .arg(ratio, 0, 'f', 1);
                }
            }
        }
        MainWindow w;
        w.resize(1100, 760);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // The syntax colours of the regex pattern and of the code pane, as highlighted.
        w.tabs()->setCurrentIndex(1);
        auto *pattern = w.findChild<QPlainTextEdit *>(QStringLiteral("pattern"));
        QVERIFY(pattern);
        pattern->setPlainText(QStringLiteral("(\\d+)\\s*[a-z]+?(?:x|y){2,3}\\1"));
        settle();
        auto formatsOf = [&](QPlainTextEdit *edit, const QString &what) {
            const QColor base = edit->palette().color(QPalette::Base);
            for (QTextBlock b = edit->document()->begin(); b.isValid(); b = b.next()) {
                for (const QTextLayout::FormatRange &range : b.layout()->formats()) {
                    if (!range.format.hasProperty(QTextFormat::ForegroundBrush)) {
                        continue;
                    }
                    const QColor fg = range.format.foreground().color();
                    const qreal ratio = contrast(fg, base);
                    if (ratio < 4.5) {
                        faint << QStringLiteral("%1: %2 '%3' in %4 on %5: %6:1")
                                     .arg(name, what,
                                          b.text().mid(range.start, range.length), fg.name(),
                                          base.name())
                                     .arg(ratio, 0, 'f', 1);
                    }
                }
            }
        };
        formatsOf(pattern, QStringLiteral("regex pattern"));
        formatsOf(w.findChild<QPlainTextEdit *>(QStringLiteral("pythonCode")),
                  QStringLiteral("code pane"));
        // Every label's text against its window, on every tab.
        for (int tab = 0; tab < w.tabs()->count(); ++tab) {
            w.tabs()->setCurrentIndex(tab);
            settle();
            for (QLabel *label : w.findChildren<QLabel *>()) {
                // A disabled label naming its disabled control is drawn disabled, as Qt does
                // (WCAG leaves inactive controls out); noLabelIsGreyedOutForLooks sees to the rest.
                if (!label->isVisible() || label->text().isEmpty()
                    || (!label->isEnabled() && label->buddy() && !label->buddy()->isEnabled())) {
                    continue;
                }
                const QPalette &p = label->palette();
                const QColor fg = p.color(label->isEnabled() ? QPalette::Active : QPalette::Disabled,
                                          label->foregroundRole());
                const QColor bg = p.color(label->backgroundRole());
                const qreal ratio = contrast(fg, bg);
                if (ratio < 4.5) {
                    faint << QStringLiteral("%1: label '%2' %3 on %4: %5:1")
                                 .arg(name, label->text().left(40), fg.name(), bg.name())
                                 .arg(ratio, 0, 'f', 1);
                }
            }
        }
    }
    QApplication::setPalette(saved);
    faint.removeDuplicates();
    QVERIFY2(faint.isEmpty(), qPrintable(faint.join(QLatin1Char('\n'))));
}

QTEST_MAIN(tst_Layout)
#include "tst_layout.moc"

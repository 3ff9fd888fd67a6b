// The window shell: tabs, shortcuts, new window, settings round-trip, Spanish UI.
#include "chat/chatpanel.h"
#include "localization.h"
#include "mainwindow.h"
#include "pythoncodepane.h"

#include <QAction>
#include <QMenuBar>
#include <QMimeDatabase>
#include <QApplication>
#include <QLocale>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QtTest>

class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void fourTabsInOrder();
    void ctrlNumberSelectsTab_data();
    void ctrlNumberSelectsTab();
    void selectTabByName();
    void codePaneFollowsTab();
    void togglePythonPane();
    void newWindowIsIndependent();
    void settingsRoundTrip();
    void spanishTabTitles();
    void localeFollowsTheLanguage();
    void englishHasPluralForms();
    void codePaneFollowsTheProgramUntilTheUserSizesIt();
};

void tst_MainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StdLabTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
}

void tst_MainWindow::init()
{
    QSettings().clear();
}

void tst_MainWindow::cleanup()
{
    stdlab::installTranslations(qApp, QStringLiteral("en"));
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (qobject_cast<MainWindow *>(w)) {
            delete w;
        }
    }
    QSettings().clear();
}

void tst_MainWindow::fourTabsInOrder()
{
    MainWindow w;
    QCOMPARE(w.tabs()->count(), 4);
    QCOMPARE(w.tabs()->tabText(0), QStringLiteral("Dates"));
    QCOMPARE(w.tabs()->tabText(1), QStringLiteral("Regex"));
    QCOMPARE(w.tabs()->tabText(2), QStringLiteral("Files"));
    QCOMPARE(w.tabs()->tabText(3), QStringLiteral("Chat"));
    QCOMPARE(w.tabs()->currentIndex(), 0);
}

void tst_MainWindow::ctrlNumberSelectsTab_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("index");
    QTest::newRow("Ctrl+2 selects Regex") << int(Qt::Key_2) << 1;
    QTest::newRow("Ctrl+3 selects Files") << int(Qt::Key_3) << 2;
    QTest::newRow("Ctrl+4 selects Chat") << int(Qt::Key_4) << 3;
    QTest::newRow("Ctrl+1 selects Dates") << int(Qt::Key_1) << 0;
}

void tst_MainWindow::ctrlNumberSelectsTab()
{
    QFETCH(int, key);
    QFETCH(int, index);
    MainWindow w;
    w.tabs()->setCurrentIndex(index == 0 ? 3 : 0);
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QTest::keyClick(&w, Qt::Key(key), Qt::ControlModifier);
    QCOMPARE(w.tabs()->currentIndex(), index);
}

void tst_MainWindow::selectTabByName()
{
    MainWindow w;
    QVERIFY(w.selectTab(QStringLiteral("files")));
    QCOMPARE(w.tabs()->currentIndex(), 2);
    QVERIFY(!w.selectTab(QStringLiteral("nope")));
    QCOMPARE(w.tabs()->currentIndex(), 2);
    // --tab takes the tab's name in any case, or its English title ("Dates" for date).
    QVERIFY(w.selectTab(QStringLiteral("dates")));
    QCOMPARE(w.tabs()->currentIndex(), 0);
    QCOMPARE(MainWindow::tabIndex(QStringLiteral("Regex")), 1);
    QCOMPARE(MainWindow::tabIndex(QStringLiteral("DATE")), 0);
    QCOMPARE(MainWindow::tabIndex(QStringLiteral("chat")), 3);
    QCOMPARE(MainWindow::tabIndex(QStringLiteral("fechas")), -1);
    QCOMPARE(MainWindow::tabIndex(QString()), -1);
}

void tst_MainWindow::codePaneFollowsTab()
{
    MainWindow w;
    w.selectTab(QStringLiteral("regex"));
    QVERIFY2(w.codePane()->code().contains(QLatin1String("import re")),
             qPrintable(w.codePane()->code()));
    w.selectTab(QStringLiteral("chat"));
    QVERIFY(w.codePane()->code().contains(QLatin1String("import socket")));
    w.selectTab(QStringLiteral("files"));
    QVERIFY(w.codePane()->code().contains(QLatin1String("import os")));
}

void tst_MainWindow::togglePythonPane()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto *action = w.findChild<QAction *>(QStringLiteral("actionTogglePython"));
    QVERIFY(action);
    QVERIFY(w.codePane()->isVisible());
    action->trigger();
    QVERIFY(!w.codePane()->isVisible());
    action->trigger();
    QVERIFY(w.codePane()->isVisible());
}

void tst_MainWindow::newWindowIsIndependent()
{
    auto *first = new MainWindow;
    first->show();
    QVERIFY(QTest::qWaitForWindowExposed(first));
    first->selectTab(QStringLiteral("chat"));
    QSignalSpy opened(first, &MainWindow::windowOpened);
    auto *action = first->findChild<QAction *>(QStringLiteral("actionNewWindow"));
    QCOMPARE(action->shortcut(), QKeySequence(QKeySequence::New));
    action->trigger();
    QCOMPARE(opened.count(), 1);
    QPointer<MainWindow> second = opened.first().first().value<MainWindow *>();
    QVERIFY(second);
    QVERIFY(second != first);
    QVERIFY(second->isVisible());
    QCOMPARE(second->tabs()->currentIndex(), 3); // starts from the first window's state

    second->selectTab(QStringLiteral("regex"));
    QCOMPARE(first->tabs()->currentIndex(), 3);
    second->close(); // WA_DeleteOnClose
    QTRY_VERIFY(second.isNull());
    QVERIFY(first->isVisible());
    QCOMPARE(first->tabs()->currentIndex(), 3);
    delete first;
}

void tst_MainWindow::settingsRoundTrip()
{
    QRect geometry;
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.resize(913, 641);
        w.selectTab(QStringLiteral("files"));
        w.findChild<QAction *>(QStringLiteral("actionTogglePython"))->setChecked(false);
        QTRY_COMPARE(w.size(), QSize(913, 641));
        geometry = w.geometry();
        w.close();
    }
    QSettings settings;
    QCOMPARE(settings.value(QStringLiteral("MainWindow/tab")).toString(), QStringLiteral("files"));

    MainWindow restored;
    QCOMPARE(restored.tabs()->currentIndex(), 2);
    QCOMPARE(restored.size(), geometry.size());
    QVERIFY(!restored.findChild<QAction *>(QStringLiteral("actionTogglePython"))->isChecked());
}

void tst_MainWindow::spanishTabTitles()
{
    QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("es")));
    MainWindow w;
    QCOMPARE(w.tabs()->tabText(0), QStringLiteral("Fechas"));
    QCOMPARE(w.tabs()->tabText(1), QStringLiteral("Regex"));
    QCOMPARE(w.tabs()->tabText(2), QStringLiteral("Archivos"));
    QCOMPARE(w.tabs()->tabText(3), QStringLiteral("Chat"));
    QCOMPARE(w.menuBar()->actions().first()->text(), QStringLiteral("&Archivo"));
}

void tst_MainWindow::localeFollowsTheLanguage()
{
    // What Qt formats through QLocale() follows --lang too: the Files tab's Type column is
    // the MIME comment (QMimeType::comment() reads QLocale()) and sizes use the locale.
    const QString textComment = QStringLiteral("text/plain");
    QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("es")));
    QCOMPARE(QLocale().language(), QLocale::Spanish);
    QCOMPARE(QMimeDatabase().mimeTypeForName(textComment).comment(),
             QStringLiteral("documento de texto sencillo"));
    QCOMPARE(QLocale().formattedDataSize(1536), QStringLiteral("1,50 KiB"));
    QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("en")));
    QVERIFY(QLocale().language() != QLocale::Spanish);
    QCOMPARE(QMimeDatabase().mimeTypeForName(textComment).comment(),
             QStringLiteral("plain text document"));
    QCOMPARE(QLocale().formattedDataSize(1536), QStringLiteral("1.50 KiB"));
}

void tst_MainWindow::englishHasPluralForms()
{
    // The source text says "%n file(s)"; an English UI (asked for, or the system's language
    // when it is not Spanish) loads stdlab_en with the singular and plural forms.
    if (QLocale::system().language() != QLocale::Spanish) {
        QCOMPARE(stdlab::chooseLanguage(QString()), QStringLiteral("en"));
    }
    QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("en")));
    const auto files = [](int n) {
        return QCoreApplication::translate("FilesPanel", "%n file(s)", nullptr, n);
    };
    QCOMPARE(files(0), QStringLiteral("0 files"));
    QCOMPARE(files(1), QStringLiteral("1 file"));
    QCOMPARE(files(2), QStringLiteral("2 files"));
    QCOMPARE(QCoreApplication::translate("stdlab::chat::ClientsModel", "%n byte(s)", nullptr, 1),
             QStringLiteral("1 byte"));
    // Non-plural strings are untouched.
    MainWindow w;
    QCOMPARE(w.tabs()->tabText(0), QStringLiteral("Dates"));
}

void tst_MainWindow::codePaneFollowsTheProgramUntilTheUserSizesIt()
{
    int userHeight = 0;
    {
        MainWindow w;
        w.resize(1000, 700);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *splitter = w.findChild<QSplitter *>(QStringLiteral("mainSplitter"));
        auto *pane = w.codePane();
        // The pane shows the whole program, up to half of the splitter (and what the tabs'
        // minimum leaves).
        const auto expected = [&] {
            const int total = splitter->sizes().value(0) + splitter->sizes().value(1);
            return qMax(pane->minimumSizeHint().height(),
                        qMin(pane->heightForCode(),
                             qMin(total / 2, total - w.tabs()->minimumSizeHint().height())));
        };
        w.selectTab(QStringLiteral("date")); // Now: a short program
        QTRY_COMPARE(pane->height(), expected());
        const int shortHeight = pane->height();
        const int shortProgram = pane->heightForCode();
        w.selectTab(QStringLiteral("chat")); // a server of some 40 lines
        QVERIFY(pane->heightForCode() > shortProgram);
        QTRY_COMPARE(pane->height(), expected());
        QVERIFY(pane->height() >= shortHeight);
        w.selectTab(QStringLiteral("regex"));
        QTRY_COMPARE(pane->height(), expected());
        w.selectTab(QStringLiteral("date"));
        QTRY_COMPARE(pane->height(), shortHeight);
        // Once the user drags the splitter, their size stays, on every tab and the next run.
        splitter->setSizes({splitter->height() - 260, 260});
        Q_EMIT splitter->splitterMoved(splitter->height() - 260, 1);
        userHeight = pane->height();
        w.selectTab(QStringLiteral("chat"));
        QCoreApplication::processEvents();
        QCOMPARE(pane->height(), userHeight);
        w.close();
    }
    MainWindow restored;
    restored.show();
    QVERIFY(QTest::qWaitForWindowExposed(&restored));
    QCOMPARE(restored.codePane()->height(), userHeight);
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"

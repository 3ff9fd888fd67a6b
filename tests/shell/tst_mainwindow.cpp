// The window shell: tabs, shortcuts, new window, settings round-trip, Spanish UI.
#include "chat/chatpanel.h"
#include "localization.h"
#include "mainwindow.h"
#include "pythoncodepane.h"

#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QRegularExpression>
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
    void codeCommentsAreSpanishInTheSpanishUi();
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

namespace {

/// The comments of a Python program (the text after a # outside string literals), with the
/// string literals inside them cut out: what is ours to translate, not Python's values.
QStringList pythonComments(const QString &code)
{
    QStringList comments;
    QChar quote;
    bool triple = false;
    for (int i = 0; i < code.size(); ++i) {
        const QChar c = code.at(i);
        if (!quote.isNull()) {
            if (c == QLatin1Char('\\')) {
                ++i;
            } else if (c == quote && (!triple || code.mid(i, 3) == QString(3, quote))) {
                i += triple ? 2 : 0;
                quote = QChar();
            } else if (c == QLatin1Char('\n') && !triple) {
                quote = QChar(); // an unterminated one-line string: stop at the line's end
            }
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
            triple = code.mid(i, 3) == QString(3, c);
            i += triple ? 2 : 0;
        } else if (c == QLatin1Char('#')) {
            const int end = code.indexOf(QLatin1Char('\n'), i);
            QString comment = code.mid(i + 1, end < 0 ? -1 : end - i - 1);
            static const QRegularExpression literal(QStringLiteral(R"('[^']*'|"[^"]*")"));
            comments << comment.remove(literal);
            i = end < 0 ? code.size() : end;
        }
    }
    return comments;
}

/// English words that no Spanish sentence uses: a comment holding one is English.
bool looksEnglish(const QString &comment)
{
    static const QRegularExpression words(QStringLiteral(
        R"(\b(the|is|are|of|to|and|with|from|for|it|its|this|that|what|which|when|not|be|by|)"
        R"(as|at|if|then|each|every|until|while|without|into|after|before|can|does|has|have|)"
        R"(was|were|will|an|or|on|in|only|they|them|their|you|your|here|there|so|same)\b)"),
        QRegularExpression::UseUnicodePropertiesOption); // "días" holds no word "as"
    return words.match(comment).hasMatch();
}

} // namespace

void tst_MainWindow::codeCommentsAreSpanishInTheSpanishUi()
{
    // Every program the code pane shows, in every panel and state visited here, under the
    // Spanish UI: no comment in English (Python's own output, in string literals and in the
    // values a comment shows, stays as Python prints it).
    QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("es")));
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QStringList english;
    auto collect = [&](const QString &where) {
        QCoreApplication::processEvents();
        const QString code = w.codePane()->code();
        for (const QString &comment : pythonComments(code)) {
            if (looksEnglish(comment)) {
                english << QStringLiteral("%1: #%2").arg(where, comment);
            }
        }
    };
    for (int tab = 0; tab < w.tabs()->count(); ++tab) {
        w.tabs()->setCurrentIndex(tab);
        QWidget *panel = w.tabs()->widget(tab);
        const QString title = w.tabs()->tabText(tab);
        if (auto *sections = panel->findChild<QTabWidget *>(QStringLiteral("dateSections"))) {
            for (int s = 0; s < sections->count(); ++s) {
                sections->setCurrentIndex(s);
                collect(title + QLatin1Char('/') + sections->tabText(s));
            }
        } else if (auto *chat = qobject_cast<ChatPanel *>(panel)) {
            chat->setRole(ChatPanel::ServerRole);
            auto *protocol = chat->findChild<QComboBox *>(QStringLiteral("serverProtocol"));
            auto *modes = chat->findChild<QComboBox *>(QStringLiteral("serverMode"));
            for (int p = 0; p < protocol->count(); ++p) {
                protocol->setCurrentIndex(p);
                for (int m = 0; m < (p == 0 ? modes->count() : 1); ++m) {
                    modes->setCurrentIndex(m);
                    collect(QStringLiteral("%1/server %2 %3")
                                .arg(title, protocol->currentText(), modes->currentText()));
                }
            }
            chat->setRole(ChatPanel::ClientRole);
            protocol = chat->findChild<QComboBox *>(QStringLiteral("clientProtocol"));
            for (int p = 0; p < protocol->count(); ++p) {
                protocol->setCurrentIndex(p);
                collect(QStringLiteral("%1/client %2").arg(title, protocol->currentText()));
            }
        } else if (auto *function = panel->findChild<QComboBox *>(QStringLiteral("function"))) {
            for (int f = 0; f < function->count(); ++f) {
                function->setCurrentIndex(f);
                collect(title + QLatin1Char('/') + function->currentText());
            }
        } else {
            collect(title);
            // The path tools' program.
            if (auto *p = panel->findChild<QLineEdit *>(QStringLiteral("pathToolsPath"))) {
                p->setText(QStringLiteral("fotos/playa.jpg"));
                collect(title + QStringLiteral("/os.path"));
            }
        }
    }
    for (const QString &line : std::as_const(english)) {
        qWarning("%s", qPrintable(line));
    }
    QVERIFY2(english.isEmpty(), qPrintable(english.join(QLatin1Char('\n'))));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"

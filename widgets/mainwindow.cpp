#include "mainwindow.h"

#include "chat/chatpanel.h"
#include "date/datepanel.h"
#include "files/filespanel.h"
#include "learn/coursedock.h"
#include "learn/pythonrunpane.h"
#include "learn/runrequest.h"
#include "pythoncodepane.h"
#include "regex/regexpanel.h"
#include "settingvalue.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QIcon>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>

namespace {

// Group "MainWindow".
const SettingValue<QByteArray> s_geometry("geometry", {});
const SettingValue<QByteArray> s_state("state", {});
const SettingValue<QByteArray> s_splitter("splitter", {});
const SettingValue<QString> s_tab("tab", QStringLiteral("date"));
const SettingValue<bool> s_pythonPane("pythonPane", true);
const SettingValue<bool> s_codePaneSizedByUser("codePaneSizedByUser", false);

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_tabs(new QTabWidget(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_codePane(new PythonCodePane(this))
    , m_runPane(new PythonRunPane(m_codePane))
    , m_datePanel(new DatePanel(this))
    , m_regexPanel(new RegexPanel(this))
    , m_filesPanel(new FilesPanel(this))
    , m_chatPanel(new ChatPanel(this))
    , m_courseDock(new CourseDock(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("StdLab"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/stdlab.svg")));
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_datePanel, QIcon(QStringLiteral(":/icons/dates.svg")), tr("Dates"));
    m_tabs->addTab(m_regexPanel, QIcon(QStringLiteral(":/icons/regex.svg")), tr("Regex"));
    m_tabs->addTab(m_filesPanel, QIcon(QStringLiteral(":/icons/files.svg")), tr("Files"));
    m_tabs->addTab(m_chatPanel, QIcon(QStringLiteral(":/icons/chat.svg")), tr("Chat"));

    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_tabs);
    m_splitter->addWidget(m_codePane);
    m_splitter->setStretchFactor(0, 4);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({560, 170}); // until restoreSettings() brings the user's own
    setCentralWidget(m_splitter);
    m_codePane->addHeaderWidget(m_runPane->controls());
    m_codePane->addFooterWidget(m_runPane);
    m_runPane->setRequestProvider([this] { return RunRequests::forWindow(this); });
    connect(m_runPane, &PythonRunPane::runStateChanged, this, [this] { fitCodePane(); });
    addDockWidget(Qt::RightDockWidgetArea, m_courseDock);
    m_courseDock->hide(); // until View > Course (F1), --lesson or the saved state shows it

    for (Panel *panel : {static_cast<Panel *>(m_datePanel), static_cast<Panel *>(m_regexPanel),
                         static_cast<Panel *>(m_filesPanel), static_cast<Panel *>(m_chatPanel)}) {
        connect(panel, &Panel::pythonCodeChanged, this, [this, panel] {
            if (panel == currentPanel()) {
                updateCodePane();
            }
        });
    }
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateCodePane);
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] { m_codePaneSizedByUser = true; });

    // Keyboard order: the tab bar, the shown panel top to bottom, then the code pane. The code
    // pane goes first in the window's circular focus chain, so Tab reaches it after the last
    // control of the panel, controls a panel creates later (which Qt appends at the chain's
    // end) included, and comes round to the tab bar.
    // (setTabOrder() ignores widgets without a focus policy: the pane's last control.)
    QWidget *codePaneEnd = m_codePane;
    for (QWidget *w = m_codePane->nextInFocusChain(); m_codePane->isAncestorOf(w);
         w = w->nextInFocusChain()) {
        if (w->focusPolicy() != Qt::NoFocus) {
            codePaneEnd = w;
        }
    }
    QWidget::setTabOrder(codePaneEnd, m_tabs);

    createMenus();
    statusBar()->showMessage(tr("Ready"), 3000);
    fitToScreen(QSize(1100, 760));
    restoreSettings();
    updateCodePane();
}

MainWindow::~MainWindow() = default;

void MainWindow::fitToScreen(QSize preferred)
{
    // The first window (no saved geometry) fits the screen it opens on, decorations included:
    // 1100x760 on an 800x600 screen cut off the right edge and the code pane.
    const QScreen *screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    if (!screen) {
        resize(preferred);
        return;
    }
    const QRect available = screen->availableGeometry();
    const QSize decorations(16, 48); // a typical frame: borders and the title bar
    const QSize size = preferred.boundedTo(available.size() - decorations);
    resize(size);
    move(available.topLeft()
         + QPoint((available.width() - size.width() - decorations.width()) / 2,
                  (available.height() - size.height() - decorations.height()) / 2));
}

QStringList MainWindow::tabNames()
{
    return {QStringLiteral("date"), QStringLiteral("regex"), QStringLiteral("files"),
            QStringLiteral("chat")};
}

int MainWindow::tabIndex(const QString &name)
{
    const QString key = name.toLower();
    qsizetype index = tabNames().indexOf(key);
    if (index < 0) {
        // The titles the tab bar and the View menu show, in English: "Dates" is "date".
        index = QStringList{QStringLiteral("dates"), QStringLiteral("regex"),
                            QStringLiteral("files"), QStringLiteral("chat")}
                    .indexOf(key);
    }
    return int(index);
}

bool MainWindow::selectTab(const QString &name)
{
    const int index = tabIndex(name);
    if (index < 0) {
        return false;
    }
    m_tabs->setCurrentIndex(index);
    return true;
}

Panel *MainWindow::currentPanel() const
{
    return qobject_cast<Panel *>(m_tabs->currentWidget());
}

void MainWindow::updateCodePane()
{
    if (Panel *panel = currentPanel()) {
        m_codePane->setCode(panel->pythonCode());
    }
    fitCodePane();
}

void MainWindow::fitCodePane()
{
    // The pane is as tall as the program (a 45-line server needed scrolling while Dates left
    // empty space), up to half the window, until the user sizes it with the splitter.
    if (m_codePaneSizedByUser || !m_codePane->isVisible()) {
        return;
    }
    const QList<int> sizes = m_splitter->sizes();
    const int total = sizes.value(0) + sizes.value(1);
    if (total <= 0) {
        return;
    }
    // Up to half the splitter, and never squeezing the tabs below their minimum.
    // (A window too small for both minimums gives the tabs theirs: qBound needs least <= most.)
    const int most = qMin(total / 2, total - m_tabs->minimumSizeHint().height());
    const int least = qMin(m_codePane->minimumSizeHint().height(), most);
    const int wanted = qBound(least, m_codePane->heightForCode(), most);
    if (sizes.value(1) != wanted) {
        m_splitter->setSizes({total - wanted, wanted});
    }
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    fitCodePane();
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    fitCodePane();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newWindowAction = file->addAction(QIcon::fromTheme(QStringLiteral("window-new")),
                                               tr("&New Window"), this, &MainWindow::newWindow);
    newWindowAction->setObjectName(QStringLiteral("actionNewWindow"));
    newWindowAction->setShortcut(QKeySequence::New);
    QAction *closeAction = file->addAction(QIcon::fromTheme(QStringLiteral("window-close")),
                                           tr("&Close Window"), this, &QWidget::close);
    closeAction->setObjectName(QStringLiteral("actionCloseWindow"));
    closeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    file->addSeparator();
    QAction *quitAction = file->addAction(QIcon::fromTheme(QStringLiteral("application-exit")),
                                          tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quitAction->setObjectName(QStringLiteral("actionQuit"));
    quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quitAction->setMenuRole(QAction::QuitRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    const Qt::Key keys[] = {Qt::Key_1, Qt::Key_2, Qt::Key_3, Qt::Key_4};
    for (int i = 0; i < m_tabs->count(); ++i) {
        QAction *tabAction = view->addAction(m_tabs->tabIcon(i), m_tabs->tabText(i));
        tabAction->setObjectName(QStringLiteral("actionTab%1").arg(i + 1));
        tabAction->setShortcut(QKeySequence(Qt::CTRL | keys[i]));
        connect(tabAction, &QAction::triggered, this, [this, i] { m_tabs->setCurrentIndex(i); });
    }
    view->addSeparator();
    QAction *courseAction = m_courseDock->toggleViewAction();
    courseAction->setText(tr("&Course"));
    courseAction->setObjectName(QStringLiteral("actionCourse"));
    courseAction->setShortcut(QKeySequence(Qt::Key_F1));
    view->addAction(courseAction);
    m_toggleCodeAction = view->addAction(tr("Show &Python Code"));
    m_toggleCodeAction->setObjectName(QStringLiteral("actionTogglePython"));
    m_toggleCodeAction->setCheckable(true);
    m_toggleCodeAction->setChecked(true);
    m_toggleCodeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    connect(m_toggleCodeAction, &QAction::toggled, this, [this](bool visible) {
        m_codePane->setVisible(visible);
        fitCodePane();
    });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(QIcon::fromTheme(QStringLiteral("help-about")),
                                     tr("&About StdLab"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
    QAction *aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

bool MainWindow::showLesson(const QString &id)
{
    if (!m_courseDock->showLesson(id)) {
        return false;
    }
    m_courseDock->show();
    m_courseDock->raise();
    return true;
}

MainWindow *MainWindow::newWindow()
{
    saveSettings(); // the new window starts from this one's state
    auto *window = new MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->move(pos() + QPoint(40, 40));
    window->show();
    Q_EMIT windowOpened(window);
    return window;
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About StdLab"),
        tr("<h3>StdLab %1</h3>"
           "<p>A point-and-click lab for Python's standard library: dates (datetime), "
           "regular expressions (re), files (os, shutil) and sockets (socket, threading).</p>"
           "<p>Every panel shows the equivalent Python code and agrees with CPython.</p>"
           "<p>Built with Qt %2 (running on Qt %3).</p>"
           "<p>Licensed under the MIT License.</p>")
            .arg(QStringLiteral(STDLAB_VERSION), QStringLiteral(QT_VERSION_STR),
                 QString::fromLatin1(qVersion())));
}

QList<QPair<QString, Panel *>> MainWindow::settingsGroups() const
{
    return {{QStringLiteral("Dates"), m_datePanel},
            {QStringLiteral("Regex"), m_regexPanel},
            {QStringLiteral("Files"), m_filesPanel},
            {QStringLiteral("Chat"), m_chatPanel}};
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("MainWindow"));
    s_geometry.set(settings, saveGeometry());
    s_state.set(settings, saveState());
    s_splitter.set(settings, m_splitter->saveState());
    s_tab.set(settings, tabNames().value(m_tabs->currentIndex()));
    s_pythonPane.set(settings, m_toggleCodeAction->isChecked());
    s_codePaneSizedByUser.set(settings, m_codePaneSizedByUser);
    settings.endGroup();
    for (const auto &[group, panel] : settingsGroups()) {
        settings.beginGroup(group);
        panel->saveSettings(settings);
        settings.endGroup();
    }
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("MainWindow"));
    if (s_geometry.isStored(settings)) {
        restoreGeometry(s_geometry.get(settings));
    }
    restoreState(s_state.get(settings));
    m_codePaneSizedByUser = s_codePaneSizedByUser.get(settings);
    if (m_codePaneSizedByUser) {
        m_splitter->restoreState(s_splitter.get(settings));
    }
    selectTab(s_tab.get(settings));
    m_toggleCodeAction->setChecked(s_pythonPane.get(settings));
    settings.endGroup();
    for (const auto &[group, panel] : settingsGroups()) {
        settings.beginGroup(group);
        panel->restoreSettings(settings);
        settings.endGroup();
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    event->accept();
}

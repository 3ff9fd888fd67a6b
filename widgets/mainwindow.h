#pragma once

#include <QMainWindow>

class QTabWidget;
class QSplitter;
class QAction;
class Panel;
class PythonCodePane;
class DatePanel;
class RegexPanel;
class FilesPanel;
class ChatPanel;
class CourseDock;
class PythonRunPane;

/** One StdLab window: the four panels in tabs and the Python-code pane below them. */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum Tab { DatesTab, RegexTab, FilesTab, ChatTab };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Selects a tab by its command-line name (date, regex, files, chat); false if unknown.
    bool selectTab(const QString &name);
    static QStringList tabNames();
    /// The index of a tab by name ("date"), in any case, or by its English title ("Dates");
    /// -1 if there is none.
    static int tabIndex(const QString &name);

    QTabWidget *tabs() const { return m_tabs; }
    PythonCodePane *codePane() const { return m_codePane; }
    DatePanel *datePanel() const { return m_datePanel; }
    RegexPanel *regexPanel() const { return m_regexPanel; }
    FilesPanel *filesPanel() const { return m_filesPanel; }
    ChatPanel *chatPanel() const { return m_chatPanel; }
    CourseDock *courseDock() const { return m_courseDock; }
    PythonRunPane *runPane() const { return m_runPane; }
    /// Shows the Course dock at lesson @p id (`stdlab --lesson ID`); false if there is none.
    bool showLesson(const QString &id);

    void saveSettings() const;
    void restoreSettings();

Q_SIGNALS:
    /// A new window was opened from this one (File > New Window).
    void windowOpened(MainWindow *window);

public Q_SLOTS:
    MainWindow *newWindow();
    void showAbout();

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitToScreen(QSize preferred);
    void fitCodePane();
    void createMenus();
    void updateCodePane();
    Panel *currentPanel() const;
    QList<QPair<QString, Panel *>> settingsGroups() const;

    QTabWidget *m_tabs;
    QSplitter *m_splitter;
    PythonCodePane *m_codePane;
    // Right after the code pane: its controls follow the pane's in the focus chain.
    PythonRunPane *m_runPane;
    DatePanel *m_datePanel;
    RegexPanel *m_regexPanel;
    FilesPanel *m_filesPanel;
    ChatPanel *m_chatPanel;
    CourseDock *m_courseDock;
    QAction *m_toggleCodeAction = nullptr;
    bool m_codePaneSizedByUser = false; // the user dragged the splitter: keep their size
};

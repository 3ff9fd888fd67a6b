#pragma once

#include "learn/exercisecheck.h"
#include "learn/lessonstate.h"

#include <QDockWidget>

#include <functional>

class ChatTracer;
class SandboxHistory;
class LearnProgress;
class MainWindow;
class MessageLabel;
class QLabel;
class QPushButton;
class QScrollArea;
class QTreeWidget;
class QTreeWidgetItem;
class QVBoxLayout;

namespace stdlab::learn {
struct Lesson;
class LessonLibrary;
} // namespace stdlab::learn

/**
 * The Course dock (View > Course, F1) beside the tabs: the course's lessons in order with a
 * check mark per solved exercise, and the lesson shown: its explanation, "Try it" (the tab in
 * the lesson's state) and its exercises, each with Check, progressive hints and the solution.
 */
class CourseDock : public QDockWidget
{
    Q_OBJECT

public:
    explicit CourseDock(MainWindow *window);
    ~CourseDock() override;

    /// Shows lesson @p id (false if there is none).
    bool showLesson(const QString &id);
    QString currentLessonId() const { return m_lessonId; }
    /// "es" or "en": the language lessons are shown in (the UI's).
    static QString language();

    /// The lesson's "Try it".
    bool tryIt();
    /// Checks exercise @p index of the lesson shown, shows the result and returns it.
    stdlab::learn::CheckResult check(int index);
    /// Reveals the next hint of exercise @p index; false when all are shown.
    bool showHint(int index);
    void showSolution(int index);
    /// The text under exercise @p index: the last check's result.
    QString resultText(int index) const;
    /// The hints shown so far and the solution if asked, as displayed.
    QString hintsText(int index) const;

    /// The result of a check in words, in the UI language.
    static QString describe(const stdlab::learn::CheckResult &result, const QString &language);

    LearnProgress *progress() const { return m_progress; }
    const stdlab::learn::Sandbox &sandbox() const { return m_sandbox; }
    /// Asks before forgetting the check marks (tests script the answer).
    void setConfirm(std::function<bool(const QString &question)> confirm);
    ChatTracer *chatTracer() const { return m_tracer; }
    /// Copies of the sandbox before and after its last change (Run in Python's Files compare).
    SandboxHistory *sandboxHistory() const { return m_history; }

public Q_SLOTS:
    void nextLesson();
    void previousLesson();
    void resetProgress();
    void resetSandbox();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    struct ExerciseView
    {
        QWidget *box = nullptr;
        QLabel *title = nullptr;
        MessageLabel *result = nullptr;
        QLabel *hints = nullptr;
        QPushButton *hintButton = nullptr;
        int hintsShown = 0;
        bool solutionShown = false;
    };

    void ensureBuilt();
    void retranslate();
    void fillTree();
    void updateMarks();
    void buildLesson();
    void updateHints(int index);
    const stdlab::learn::Lesson *lesson() const;
    static QString richText(const QString &text);

    MainWindow *m_window;
    const stdlab::learn::LessonLibrary &m_library;
    stdlab::learn::Sandbox m_sandbox;
    LearnProgress *m_progress;
    ChatTracer *m_tracer;
    SandboxHistory *m_history;
    std::function<bool(const QString &)> m_confirm;
    QString m_lessonId;
    bool m_built = false;

    QWidget *m_content = nullptr;
    QTreeWidget *m_tree = nullptr;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_lessonWidget = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_text = nullptr;
    QPushButton *m_tryButton = nullptr;
    MessageLabel *m_tryMessage = nullptr;
    QVBoxLayout *m_exercisesLayout = nullptr;
    QPushButton *m_previousButton = nullptr;
    QPushButton *m_nextButton = nullptr;
    QPushButton *m_resetButton = nullptr;
    QPushButton *m_sandboxButton = nullptr;
    QList<ExerciseView> m_exercises;
};

#pragma once

#include "panel.h"
#include "regex/regextextedit.h"

#include <QFutureWatcher>
#include <QTextEdit>
#include <QTimer>

#include <optional>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class MessageLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QSplitter;
class QTabWidget;
class RegexExampleList;
class RegexExplainView;
class RedosView;
class RailroadPane;
class QToolButton;
class RegexHighlighter;
class RegexMatchTable;
class RegexMatchTableModel;

namespace stdlab::re {
class RegexModel;
}

/**
 * The Regular expressions tab: a pattern (syntax-coloured), flags, the `re` function, a test text
 * with every match and group highlighted live, the match table, the Python value of the call and
 * the course's examples. Matching runs in RegexModel's worker thread.
 */
class RegexPanel : public Panel
{
    Q_OBJECT

public:
    /** One of the course's examples. */
    struct Example
    {
        QString title;
        QString pattern;
        QString function;
        QString replacement;
        QString text;
    };

    explicit RegexPanel(QWidget *parent = nullptr);
    ~RegexPanel() override;

    QString pythonCode() const override;
    void saveSettings(QSettings &settings) const override;
    void restoreSettings(QSettings &settings) override;

    stdlab::re::RegexModel *model() const { return m_model; }
    static QList<Example> examples();
    /// Where the pattern's error is underlined in the pattern (a null cursor when it is fine).
    QTextEdit::ExtraSelection errorMark() const;
    /// The part of the pattern the explanation's highlighted node covers (null cursor: none).
    QTextEdit::ExtraSelection explanationMark() const;
    /// The part of the pattern the ReDoS verdict holds responsible (null cursor: none).
    QTextEdit::ExtraSelection redosMark() const;
    RedosView *redosView() const { return m_redos; }
    RailroadPane *railroadPane() const { return m_railroad; }

public Q_SLOTS:
    /// Reads @p path (UTF-8) in a worker thread, then shows it as the test text.
    void openFile(const QString &path);
    void loadExample(int index);
    /// Puts @p example's pattern, function, replacement and text in the form (flags, count,
    /// pos and endpos back to their defaults), as a lesson's "Try it" does.
    void showExample(const Example &example);
    void nextMatch();
    void previousMatch();
    /// Selects match @p index in the text and in the table.
    void selectMatch(qsizetype index);

Q_SIGNALS:
    /// A file opened with openFile() is shown in full (or failed: @p ok false).
    void fileLoaded(bool ok);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslate();
    void chooseFile();
    void updateFlags();
    void leaveExample();
    void updateFunction();
    void updateStatus();
    void updateError();
    void showExplanationMark();
    void showRedos();
    void updateRailroadHighlight();
    void fitResultTabs();
    void applyPatternMarks();
    void updateValue();
    void textEdited();
    void setText(const QString &text, const QString &fileName);
    void startReading(const QString &path);

    stdlab::re::RegexModel *m_model;
    QSplitter *m_sidebarSplitter;
    RegexExampleList *m_examples;
    QLabel *m_examplesTitle;
    QLabel *m_patternLabel;
    QPlainTextEdit *m_pattern;
    RegexHighlighter *m_highlighter;
    MessageLabel *m_error;
    MessageLabel *m_replacementError;
    QCheckBox *m_flagBoxes[5];
    QLabel *m_functionLabel;
    QComboBox *m_function;
    QLabel *m_replacementLabel;
    QLineEdit *m_replacement;
    QLabel *m_countLabel;
    QSpinBox *m_count;
    QLabel *m_posLabel;
    QSpinBox *m_pos;
    QLabel *m_endposLabel;
    QSpinBox *m_endpos;
    QLabel *m_textLabel;
    QPushButton *m_openButton;
    QPushButton *m_previousButton;
    QPushButton *m_nextButton;
    QLabel *m_status;
    RegexTextEdit *m_text;
    QLabel *m_tableLabel;
    RegexMatchTableModel *m_tableModel;
    RegexMatchTable *m_table;
    QTabWidget *m_resultTabs;
    QPlainTextEdit *m_value;
    RegexExplainView *m_explanation;
    RedosView *m_redos;
    RailroadPane *m_railroad;
    QPair<qsizetype, qsizetype> m_railroadHover{-1, -1}; // the box under the mouse's span
    qsizetype m_patternHover = -1; // the code point of the pattern under the mouse
    QToolButton *m_redosBadge;
    QTextEdit::ExtraSelection m_errorMark;
    QTextEdit::ExtraSelection m_explanationMark;
    QTextEdit::ExtraSelection m_redosMark;
    QAction *m_nextAction;
    QAction *m_previousAction;
    QTimer m_textTimer;
    QFutureWatcher<std::optional<QString>> m_fileWatcher;
    QString m_loadingFile;
    QString m_loadedFile; // shown by the editor's load in progress
    QString m_pendingFile;
    bool m_settingText = false;
    bool m_selecting = false;
    bool m_loadingExample = false;
};

#pragma once

#include "learn/pythonrunner.h"
#include "learn/runrequest.h"

#include <QWidget>

#include <functional>

class MessageLabel;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

/**
 * "Run in Python" for the code pane: Run / Stop (controls(), for the pane's header) and, under
 * the code, python3's output as it streams, then the comparison with what the panel shows
 * ("✓ Python printed the same as StdLab" or both side by side) and a friendly explanation of
 * the error the program raised, in the UI language.
 */
class PythonRunPane : public QWidget
{
    Q_OBJECT

public:
    explicit PythonRunPane(QWidget *parent = nullptr);
    ~PythonRunPane() override;

    /// Run and Stop, for the code pane's header.
    QWidget *controls() const { return m_controls; }
    /// Where the next Run takes its program from (the window's current tab).
    void setRequestProvider(std::function<RunRequest()> provider);
    /// Asks before running a program that touches real files (tests script the answer).
    void setConfirm(std::function<bool(const QString &question)> confirm);

    stdlab::learn::PythonRunner *runner() const { return m_runner; }
    QString output() const;
    /// The comparison's verdict ("" before a run ends or when there is nothing to compare).
    QString verdict() const;
    /// The friendly explanation of the error ("" when none).
    QString explanation() const;
    QString status() const;
    /// Rows of the side-by-side difference (expected, actual), empty when the same.
    QList<QPair<QString, QString>> differenceRows() const;

    /// The explanation of a common error, in the UI language.
    static QString explain(stdlab::learn::CommonError error);

public Q_SLOTS:
    /// Runs the program the provider gives; false if it did not start (asked and refused,
    /// no python3...).
    bool run();
    void stop();

Q_SIGNALS:
    /// A run started or ended (the output area appeared or changed size).
    void runStateChanged(bool running);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void onFinished(stdlab::learn::PythonRunner::Status status);
    /// Compares what Python did with what StdLab shows (m_request's expected or effect).
    void showVerdict();
    void append(const QString &text, bool isError);

    stdlab::learn::PythonRunner *m_runner;
    std::function<RunRequest()> m_provider;
    std::function<bool(const QString &)> m_confirm;
    RunRequest m_request;
    QWidget *m_controls;
    QPushButton *m_runButton;
    QPushButton *m_stopButton;
    QLabel *m_note;
    QPlainTextEdit *m_output;
    MessageLabel *m_status;
    MessageLabel *m_verdict;
    MessageLabel *m_explanation;
    QTableWidget *m_difference;
    int m_runs = 0; ///< counts runs: a verdict due later belongs to the run it was made for
};

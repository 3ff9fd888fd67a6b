#include "learn/pythonrunpane.h"

#include "messagelabel.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTableWidget>
#include <QTextCharFormat>
#include <QTimer>
#include <QVBoxLayout>

using namespace stdlab::learn;
using Status = PythonRunner::Status;

PythonRunPane::PythonRunPane(QWidget *parent)
    : QWidget(parent)
    , m_runner(new PythonRunner(this))
    , m_controls(new QWidget(parent))
    , m_runButton(new QPushButton(m_controls))
    , m_stopButton(new QPushButton(m_controls))
    , m_note(new QLabel(this))
    , m_output(new QPlainTextEdit(this))
    , m_status(new MessageLabel(this))
    , m_verdict(new MessageLabel(this))
    , m_explanation(new MessageLabel(this))
    , m_difference(new QTableWidget(this))
{
    setObjectName(QStringLiteral("pythonRunPane"));
    m_runButton->setObjectName(QStringLiteral("runPythonButton"));
    m_stopButton->setObjectName(QStringLiteral("stopPythonButton"));
    m_stopButton->setEnabled(false);
    auto *controlsLayout = new QHBoxLayout(m_controls);
    controlsLayout->setContentsMargins(0, 0, 0, 0);
    controlsLayout->addWidget(m_runButton);
    controlsLayout->addWidget(m_stopButton);

    m_note->setObjectName(QStringLiteral("runNote"));
    m_note->setWordWrap(true);
    m_note->hide();
    m_output->setObjectName(QStringLiteral("pythonOutput"));
    m_output->setReadOnly(true);
    m_output->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_output->setMaximumBlockCount(20000);
    m_output->setFixedHeight(QFontMetrics(m_output->font()).lineSpacing() * 6 + 10);
    m_status->setObjectName(QStringLiteral("runStatus"));
    m_verdict->setObjectName(QStringLiteral("runVerdict"));
    m_explanation->setObjectName(QStringLiteral("runExplanation"));
    m_difference->setObjectName(QStringLiteral("runDifference"));
    m_difference->setColumnCount(2);
    m_difference->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_difference->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_difference->setFont(m_output->font());
    m_difference->setFixedHeight(m_output->height());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 0);
    layout->addWidget(m_note);
    layout->addWidget(m_output);
    layout->addWidget(m_status);
    layout->addWidget(m_verdict);
    layout->addWidget(m_difference);
    layout->addWidget(m_explanation);
    for (QWidget *w :
         { static_cast<QWidget *>(m_status), static_cast<QWidget *>(m_verdict),
           static_cast<QWidget *>(m_explanation), static_cast<QWidget *>(m_difference) }) {
        w->hide();
    }
    hide(); // until the first Run

    m_confirm = [this](const QString &question) {
        return QMessageBox::question(window(), tr("Run in Python"), question) == QMessageBox::Yes;
    };
    connect(m_runButton, &QPushButton::clicked, this, &PythonRunPane::run);
    connect(m_stopButton, &QPushButton::clicked, this, &PythonRunPane::stop);
    connect(m_runner, &PythonRunner::outputAdded, this, &PythonRunPane::append);
    connect(m_runner, &PythonRunner::finished, this, &PythonRunPane::onFinished);
    retranslate();
}

PythonRunPane::~PythonRunPane() = default;

void PythonRunPane::setRequestProvider(std::function<RunRequest()> provider)
{
    m_provider = std::move(provider);
}

void PythonRunPane::setConfirm(std::function<bool(const QString &)> confirm)
{
    m_confirm = std::move(confirm);
}

void PythonRunPane::retranslate()
{
    m_runButton->setText(tr("▶ Run"));
    m_runButton->setToolTip(tr("Run this program with python3 and compare what it prints with "
                               "what StdLab shows"));
    m_stopButton->setText(tr("■ Stop"));
    m_stopButton->setToolTip(tr("Stop the running program"));
    m_difference->setHorizontalHeaderLabels({ tr("StdLab shows"), tr("Python printed") });
    m_output->setAccessibleName(tr("Python output"));
    m_difference->setAccessibleName(tr("What StdLab shows beside what Python printed"));
}

void PythonRunPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QWidget::changeEvent(event);
}

bool PythonRunPane::run()
{
    if (m_runner->isRunning() || !m_provider) {
        return false;
    }
    m_request = m_provider();
    ++m_runs;
    if (!m_request.question.isEmpty() && !m_confirm(m_request.question)) {
        return false;
    }
    m_output->clear();
    m_verdict->clear();
    m_verdict->hide();
    m_explanation->clear();
    m_explanation->hide();
    m_difference->hide();
    m_difference->setRowCount(0);
    m_note->setText(m_request.note);
    m_note->setVisible(!m_request.note.isEmpty());
    m_status->showMessage(
        tr("Running python3 (stops after %1 s)...").arg(m_request.timeoutMs / 1000));
    m_status->show();
    show();
    m_runButton->setEnabled(false);
    m_stopButton->setEnabled(true);
    Q_EMIT runStateChanged(true);
    return m_runner->start(m_request.code, m_request.workingDirectory, m_request.timeoutMs);
}

void PythonRunPane::stop() { m_runner->stop(); }

void PythonRunPane::append(const QString &text, bool isError)
{
    QTextCursor cursor(m_output->document());
    cursor.movePosition(QTextCursor::End);
    QTextCharFormat format;
    if (isError) {
        format.setForeground(QColor(0xc0, 0x1c, 0x28));
    }
    cursor.insertText(text, format);
    m_output->verticalScrollBar()->setValue(m_output->verticalScrollBar()->maximum());
}

void PythonRunPane::onFinished(Status status)
{
    m_runButton->setEnabled(true);
    m_stopButton->setEnabled(false);
    const double seconds = m_runner->elapsedMs() / 1000.0;
    switch (status) {
    case Status::NotFound:
        m_status->showError(
            tr("python3 was not found on PATH, so the program cannot run. Install Python 3: on "
               "Debian or Ubuntu `sudo apt install python3`, on Fedora `sudo dnf install "
               "python3`, on macOS `brew install python3`, on Windows from python.org; then "
               "start StdLab again."));
        break;
    case Status::FailedToStart:
        m_status->showError(tr("python3 could not be started: %1").arg(m_runner->errorString()));
        break;
    case Status::TimedOut:
        m_status->showMessage(
            (m_request.timedOutText.isEmpty()
                 ? tr("Stopped after %1 s, the time limit. A server waits for clients until it "
                      "is stopped: that is expected for one.")
                 : m_request.timedOutText)
                .arg(m_request.timeoutMs / 1000),
            MessageLabel::Warning);
        break;
    case Status::Stopped:
        m_status->showMessage(tr("Stopped."), MessageLabel::Warning);
        break;
    case Status::Crashed:
        m_status->showError(tr("python3 crashed."));
        break;
    case Status::Finished:
        if (m_runner->exitCode() == 0) {
            m_status->showMessage(tr("Python finished in %1 s.").arg(seconds, 0, 'f', 1));
        } else {
            m_status->showMessage(
                tr("Python ended with an error (exit status %1).").arg(m_runner->exitCode()),
                MessageLabel::Warning);
        }
        break;
    default:
        break;
    }
    if (m_runner->outputTruncated()) {
        append(QLatin1Char('\n') + tr("(output shortened: only the first MiB is shown)"), true);
    }
    show();
    m_status->show();

    if (const auto exception = lastException(m_runner->standardError())) {
        const CommonError error = classify(*exception);
        QString text = exception->line > 0
            ? tr("%1 on line %2.").arg(exception->type).arg(exception->line)
            : tr("%1.").arg(exception->type);
        const QString advice = explain(error);
        if (!advice.isEmpty()) {
            text += QLatin1Char(' ') + advice;
        }
        m_explanation->showMessage(text, MessageLabel::Warning);
        m_explanation->show();
    }
    const bool ended = status == Status::Finished && m_runner->exitCode() == 0;
    const bool stopped = status == Status::Stopped || status == Status::TimedOut;
    if (ended || (stopped && m_request.comparedWhenStopped)) {
        if (m_request.settleMs > 0) {
            QTimer::singleShot(m_request.settleMs, this, [this, run = m_runs] {
                if (run == m_runs && !m_runner->isRunning()) {
                    showVerdict();
                }
            });
        } else {
            showVerdict();
        }
    }
    Q_EMIT runStateChanged(false);
}

void PythonRunPane::showVerdict()
{
    if (!m_request.notCompared.isEmpty()) {
        m_verdict->showMessage(m_request.notCompared, MessageLabel::Information);
        m_verdict->show();
        return;
    }
    QString expected;
    QString actual = m_runner->standardOutput();
    if (m_request.effect) {
        std::tie(expected, actual) = m_request.effect(actual);
    } else if (m_request.expected) {
        expected = *m_request.expected;
    } else {
        return; // nothing to compare (an error the panel shows, the run's shows too)
    }
    // The clock moved on while python3 started: as much more room as the run took.
    CompareOptions options = m_request.options;
    if (options.clockTolerance > 0) {
        options.clockTolerance += m_runner->elapsedMs() / 1000.0;
    }
    const OutputComparison c = compareOutput(expected, actual, options);
    if (c.same) {
        QString text = m_request.sameText.isEmpty() ? tr("✓ Python printed the same as StdLab")
                                                    : m_request.sameText;
        if (options.clockTolerance > 0) {
            text = text.arg(options.clockTolerance, 0, 'f', 1);
        }
        m_verdict->showMessage(text);
    } else {
        const QString text = m_request.differentText.isEmpty()
            ? tr("Python printed something else than StdLab shows, from line %1 on:")
            : m_request.differentText;
        m_verdict->showMessage(text.arg(c.firstDifference + 1), MessageLabel::Error);
        m_difference->setRowCount(int(c.differs.size()));
        for (int i = 0; i < c.differs.size(); ++i) {
            auto *left = new QTableWidgetItem(c.expected.value(i));
            auto *right = new QTableWidgetItem(c.actual.value(i));
            if (c.differs[i]) {
                const QColor tint(0xc0, 0x1c, 0x28, 40);
                left->setBackground(tint);
                right->setBackground(tint);
            }
            m_difference->setItem(i, 0, left);
            m_difference->setItem(i, 1, right);
        }
        m_difference->show();
    }
    m_verdict->show();
}

QString PythonRunPane::output() const { return m_output->toPlainText(); }

QString PythonRunPane::verdict() const
{
    return m_verdict->isEmpty() ? QString() : m_verdict->text();
}

QString PythonRunPane::explanation() const
{
    return m_explanation->isEmpty() ? QString() : m_explanation->text();
}

QString PythonRunPane::status() const { return m_status->text(); }

QList<QPair<QString, QString>> PythonRunPane::differenceRows() const
{
    QList<QPair<QString, QString>> rows;
    for (int i = 0; i < m_difference->rowCount(); ++i) {
        rows.append({ m_difference->item(i, 0)->text(), m_difference->item(i, 1)->text() });
    }
    return rows;
}

QString PythonRunPane::explain(CommonError error)
{
    switch (error) {
    case CommonError::None:
        return {};
    case CommonError::FileExists:
        return tr("The folder or file is already there: os.mkdir() will not create it twice. "
                  "Check first with os.path.exists(), or use os.makedirs(path, exist_ok=True).");
    case CommonError::FileNotFound:
        return tr("That path does not exist, seen from the folder the program runs in. Check "
                  "the name (and the current folder), or create it first.");
    case CommonError::DirectoryNotEmpty:
        return tr("os.rmdir() only removes empty folders. Remove what is inside first, or use "
                  "shutil.rmtree() to remove the folder with everything in it.");
    case CommonError::IsADirectory:
        return tr("That is a folder, not a file: os.remove() only removes files. Use "
                  "os.rmdir() for an empty folder or shutil.rmtree() for a full one.");
    case CommonError::NotADirectory:
        return tr("A part of that path is a file, not a folder.");
    case CommonError::Permission:
        return tr("The system does not allow that here (permissions). Practise inside the "
                  "course's sandbox folder.");
    case CommonError::ConnectionRefused:
        return tr("No server is listening on that address and port. Start the server first "
                  "(Chat tab, Start) and check that the port is the same.");
    case CommonError::AddressInUse:
        return tr("That port is taken: another server uses it, or one that just stopped still "
                  "holds it. Set SO_REUSEADDR before bind(), stop the other server, or choose "
                  "another port.");
    case CommonError::ConnectionReset:
        return tr("The other side closed the connection while this program was still using it.");
    case CommonError::Timeout:
        return tr("Nobody answered in time: is the server running, and on that port?");
    case CommonError::RegexError:
        return tr("The pattern is not a valid regular expression; the message says what and "
                  "where. Check brackets and backslashes, and write patterns as raw strings "
                  "(r\"...\").");
    case CommonError::DateFormatMismatch:
        return tr("strptime(): the text does not follow the format exactly. Each directive must "
                  "match its part of the text (%d two digits, %Y four, %y two) and every other "
                  "character must be the same, separators included.");
    case CommonError::DateOutOfRange:
        return tr("That date does not exist (a 31 June, a month 13...). The numbers go year, "
                  "month, day.");
    case CommonError::UnknownZone:
        return tr("There is no time zone with that name. Zone names look like Europe/Madrid or "
                  "America/New_York.");
    case CommonError::NaiveAware:
        return tr("One datetime has a time zone and the other has none, so Python will not "
                  "compare or subtract them. Give both a zone, or neither.");
    case CommonError::Unicode:
        return tr("Those bytes are not text in that encoding. Use encoding=\"utf-8\", and "
                  ".encode() / .decode() on both ends of a socket.");
    case CommonError::EndOfInput:
        return tr("The program waits for input() and Run gives it none. Run it in a terminal to "
                  "type its input.");
    case CommonError::Syntax:
        return tr("Python could not read the program: look for a typo, a missing colon or "
                  "parenthesis, or wrong indentation on that line.");
    case CommonError::Name:
        return tr("A name is used that was never defined: a typo, or a missing import.");
    case CommonError::MissingModule:
        return tr("That module is not installed for this python3. dateutil (relativedelta, "
                  "which the Dates tab uses to add months or years) is not in the standard "
                  "library: install it with `pip install python-dateutil` (on Debian or Ubuntu "
                  "`sudo apt install python3-dateutil`), or add only days, weeks and hours, "
                  "which datetime.timedelta does.");
    }
    return {};
}

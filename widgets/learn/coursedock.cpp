#include "learn/coursedock.h"

#include "chat/chatpanel.h"
#include "common/pyrepr.h"
#include "files/filespanel.h"
#include "learn/chattracer.h"
#include "learn/learnprogress.h"
#include "learn/lessonactions.h"
#include "learn/lessonlibrary.h"
#include "learn/sandboxhistory.h"
#include "mainwindow.h"
#include "messagelabel.h"

#include <QCoreApplication>
#include <QDir>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTextDocument>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace stdlab::learn;
using Problem = CheckResult::Problem;

namespace {

constexpr int kLessonIdRole = Qt::UserRole + 1;

QString sectionTitle(const QString &section)
{
    if (section == QLatin1String("dates")) {
        return CourseDock::tr("Dates and times");
    }
    if (section == QLatin1String("regex")) {
        return CourseDock::tr("Regular expressions");
    }
    if (section == QLatin1String("files")) {
        return CourseDock::tr("Files and folders");
    }
    return CourseDock::tr("Networking");
}

QString dateSectionTitle(const QString &section)
{
    static const QHash<QString, const char *> titles
        = { { QStringLiteral("now"), QT_TRANSLATE_NOOP("DatePanel", "Now") },
            { QStringLiteral("difference"), QT_TRANSLATE_NOOP("DatePanel", "Difference") },
            { QStringLiteral("add"), QT_TRANSLATE_NOOP("DatePanel", "Add/Subtract") },
            { QStringLiteral("convert"), QT_TRANSLATE_NOOP("DatePanel", "Convert") },
            { QStringLiteral("format"), QT_TRANSLATE_NOOP("DatePanel", "Format/Parse") } };
    const char *title = titles.value(section);
    return title ? QCoreApplication::translate("DatePanel", title) : section;
}

QString dateValueName(const QString &key)
{
    if (key == QLatin1String("addResult")) {
        return CourseDock::tr("The result of Add/Subtract");
    }
    if (key == QLatin1String("diffDelta")) {
        return CourseDock::tr("b - a");
    }
    if (key == QLatin1String("formatResult")) {
        return CourseDock::tr("What strftime prints");
    }
    if (key == QLatin1String("parseResult")) {
        return CourseDock::tr("What strptime reads");
    }
    if (key == QLatin1String("convertResult")) {
        return CourseDock::tr("The converted date-time");
    }
    if (key.endsWith(QLatin1String("Zone")) || key.startsWith(QLatin1String("convert"))) {
        return CourseDock::tr("The zone");
    }
    return key;
}

} // namespace

CourseDock::CourseDock(MainWindow *window)
    : QDockWidget(window)
    , m_window(window)
    , m_library(LessonLibrary::course())
    , m_progress(new LearnProgress(this))
    , m_tracer(new ChatTracer(window->chatPanel()->session(), this))
    , m_history(new SandboxHistory(m_sandbox, this))
{
    setObjectName(QStringLiteral("courseDock"));
    setWindowTitle(tr("Course"));
    setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    m_confirm = [this](const QString &question) {
        return QMessageBox::question(this, tr("Course"), question) == QMessageBox::Yes;
    };
    connect(m_progress, &LearnProgress::changed, this, &CourseDock::updateMarks);
    // The Files tab's code changes after what it did (or before a job starts): the sandbox as
    // it was before is kept for Run in Python. Nothing is copied until the sandbox is shown.
    FilesPanel *files = window->filesPanel();
    connect(files, &FilesPanel::pythonCodeChanged, m_history, [this, files] {
        if (files->isInSandbox()) {
            m_history->update();
        }
    });
}

CourseDock::~CourseDock() = default;

QString CourseDock::language()
{
    return QLocale().language() == QLocale::Spanish ? QStringLiteral("es") : QStringLiteral("en");
}

void CourseDock::setConfirm(std::function<bool(const QString &)> confirm)
{
    m_confirm = std::move(confirm);
}

void CourseDock::showEvent(QShowEvent *event)
{
    ensureBuilt();
    QDockWidget::showEvent(event);
}

void CourseDock::ensureBuilt()
{
    // Built on first show: a window that never opens the course pays nothing at startup.
    if (m_built) {
        return;
    }
    m_built = true;
    m_content = new QWidget(this);
    auto *splitter = new QSplitter(Qt::Vertical, m_content);
    splitter->setObjectName(QStringLiteral("courseSplitter"));
    splitter->setChildrenCollapsible(false);

    m_tree = new QTreeWidget(splitter);
    m_tree->setObjectName(QStringLiteral("lessonTree"));
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setMinimumHeight(80);

    m_scroll = new QScrollArea(splitter);
    m_scroll->setObjectName(QStringLiteral("lessonScroll"));
    m_scroll->setWidgetResizable(true);
    // The lesson wraps to the dock's width: never a sideways scroll bar over the text.
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_lessonWidget = new QWidget;
    auto *lessonLayout = new QVBoxLayout(m_lessonWidget);
    m_title = new QLabel(m_lessonWidget);
    m_title->setObjectName(QStringLiteral("lessonTitle"));
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    m_title->setFont(titleFont);
    m_text = new QLabel(m_lessonWidget);
    m_text->setObjectName(QStringLiteral("lessonText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_tryButton = new QPushButton(m_lessonWidget);
    m_tryButton->setObjectName(QStringLiteral("tryItButton"));
    m_tryMessage = new MessageLabel(m_lessonWidget);
    m_tryMessage->setObjectName(QStringLiteral("tryItMessage"));
    m_tryMessage->hide();
    auto *tryRow = new QHBoxLayout;
    tryRow->addWidget(m_tryButton);
    tryRow->addStretch();
    lessonLayout->addWidget(m_title);
    lessonLayout->addWidget(m_text);
    lessonLayout->addLayout(tryRow);
    lessonLayout->addWidget(m_tryMessage);
    m_exercisesLayout = new QVBoxLayout;
    lessonLayout->addLayout(m_exercisesLayout);
    lessonLayout->addStretch();
    m_scroll->setWidget(m_lessonWidget);
    splitter->addWidget(m_tree);
    splitter->addWidget(m_scroll);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({ 160, 640 });

    m_previousButton = new QPushButton(m_content);
    m_previousButton->setObjectName(QStringLiteral("previousLessonButton"));
    m_nextButton = new QPushButton(m_content);
    m_nextButton->setObjectName(QStringLiteral("nextLessonButton"));
    m_resetButton = new QPushButton(m_content);
    m_resetButton->setObjectName(QStringLiteral("resetProgressButton"));
    m_sandboxButton = new QPushButton(m_content);
    m_sandboxButton->setObjectName(QStringLiteral("resetSandboxButton"));
    auto *navRow = new QHBoxLayout;
    navRow->addWidget(m_previousButton);
    navRow->addWidget(m_nextButton);
    auto *resetRow = new QHBoxLayout;
    resetRow->addWidget(m_resetButton);
    resetRow->addWidget(m_sandboxButton);

    auto *layout = new QVBoxLayout(m_content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter, 1);
    layout->addLayout(navRow);
    layout->addLayout(resetRow);
    setWidget(m_content);
    // Wide enough for a lesson's text and an exercise's buttons on one line.
    m_window->resizeDocks({ this }, { qMax(width(), 400) }, Qt::Horizontal);

    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item && !item->data(0, kLessonIdRole).toString().isEmpty()
            && item->data(0, kLessonIdRole).toString() != m_lessonId) {
            showLesson(item->data(0, kLessonIdRole).toString());
        }
    });
    connect(m_tryButton, &QPushButton::clicked, this, &CourseDock::tryIt);
    connect(m_previousButton, &QPushButton::clicked, this, &CourseDock::previousLesson);
    connect(m_nextButton, &QPushButton::clicked, this, &CourseDock::nextLesson);
    connect(m_resetButton, &QPushButton::clicked, this, &CourseDock::resetProgress);
    connect(m_sandboxButton, &QPushButton::clicked, this, &CourseDock::resetSandbox);

    if (m_lessonId.isEmpty() && !m_library.lessons().isEmpty()) {
        m_lessonId = m_library.lessons().first().id;
    }
    retranslate();
}

void CourseDock::retranslate()
{
    setWindowTitle(tr("Course"));
    if (!m_built) {
        return;
    }
    m_tryButton->setText(tr("▶ Try it"));
    m_tryButton->setToolTip(tr("Put the lesson's tab in the state the lesson talks about"));
    m_previousButton->setText(tr("◀ Previous"));
    m_nextButton->setText(tr("Next ▶"));
    m_resetButton->setText(tr("Reset Progress"));
    m_resetButton->setToolTip(tr("Forget which exercises are solved"));
    m_sandboxButton->setText(tr("Reset Sandbox"));
    m_sandboxButton->setToolTip(tr("Empty the practice folder of the files lessons"));
    fillTree();
    buildLesson();
}

void CourseDock::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QDockWidget::changeEvent(event);
}

const Lesson *CourseDock::lesson() const { return m_library.find(m_lessonId); }

bool CourseDock::showLesson(const QString &id)
{
    if (!m_library.find(id)) {
        return false;
    }
    m_lessonId = id;
    if (m_built) {
        buildLesson();
    }
    return true;
}

void CourseDock::fillTree()
{
    m_tree->clear();
    QTreeWidgetItem *sectionItem = nullptr;
    QString section;
    int number = 0;
    for (const Lesson &l : m_library.lessons()) {
        if (l.section != section) {
            section = l.section;
            sectionItem = new QTreeWidgetItem(m_tree, { sectionTitle(section) });
            sectionItem->setFlags(Qt::ItemIsEnabled);
            QFont font = sectionItem->font(0);
            font.setBold(true);
            sectionItem->setFont(0, font);
            sectionItem->setExpanded(true);
        }
        auto *item = new QTreeWidgetItem(sectionItem);
        item->setData(0, kLessonIdRole, l.id);
        item->setData(0, Qt::UserRole, ++number);
    }
    updateMarks();
}

void CourseDock::updateMarks()
{
    if (!m_built) {
        return;
    }
    const QString lang = language();
    for (int s = 0; s < m_tree->topLevelItemCount(); ++s) {
        QTreeWidgetItem *sectionItem = m_tree->topLevelItem(s);
        for (int i = 0; i < sectionItem->childCount(); ++i) {
            QTreeWidgetItem *item = sectionItem->child(i);
            const Lesson *l = m_library.find(item->data(0, kLessonIdRole).toString());
            QStringList ids;
            for (const Exercise &e : l->exercises) {
                ids << e.id;
            }
            const int done = m_progress->doneCount(l->id, ids);
            const QString mark = done == ids.size() ? QStringLiteral(" ✓")
                : done > 0 ? QStringLiteral(" (%1/%2)").arg(done).arg(ids.size())
                           : QString();
            item->setText(0,
                          QStringLiteral("%1. ").arg(item->data(0, Qt::UserRole).toInt())
                              + l->title.text(lang) + mark);
            item->setToolTip(0, tr("%1 of %2 exercises solved").arg(done).arg(ids.size()));
            if (l->id == m_lessonId && m_tree->currentItem() != item) {
                const QSignalBlocker blocker(m_tree);
                m_tree->setCurrentItem(item);
            }
        }
    }
    for (int i = 0; i < m_exercises.size(); ++i) {
        const Lesson *l = lesson();
        const bool done = l && m_progress->isDone(l->id, l->exercises[i].id);
        m_exercises[i].title->setText((done ? QStringLiteral("✓ ") : QString())
                                      + tr("Exercise %1").arg(i + 1));
    }
}

QString CourseDock::richText(const QString &text)
{
    // Paragraphs separated by blank lines; `code` in a monospace font.
    QStringList paragraphs;
    for (const QString &paragraph : text.split(QStringLiteral("\n\n"))) {
        QString html;
        const QStringList pieces = paragraph.split(QLatin1Char('`'));
        for (int i = 0; i < pieces.size(); ++i) {
            const QString escaped = pieces[i].toHtmlEscaped();
            html += (i % 2) ? QStringLiteral("<code>") + escaped + QStringLiteral("</code>")
                            : escaped;
        }
        paragraphs << QStringLiteral("<p>") + html + QStringLiteral("</p>");
    }
    return paragraphs.join(QString());
}

void CourseDock::buildLesson()
{
    for (const ExerciseView &view : std::as_const(m_exercises)) {
        delete view.box;
    }
    m_exercises.clear();
    m_tryMessage->clear();
    m_tryMessage->hide();
    const Lesson *l = lesson();
    if (!l) {
        m_title->setText(tr("No lessons were found."));
        m_text->clear();
        m_tryButton->setEnabled(false);
        return;
    }
    const QString lang = language();
    const int index = m_library.indexOf(l->id);
    m_title->setText(QStringLiteral("%1. ").arg(index + 1) + l->title.text(lang));
    m_text->setText(richText(l->text.text(lang)));
    m_tryButton->setEnabled(true);
    m_previousButton->setEnabled(index > 0);
    m_nextButton->setEnabled(index + 1 < m_library.lessons().size());

    for (int i = 0; i < l->exercises.size(); ++i) {
        const Exercise &e = l->exercises[i];
        ExerciseView view;
        view.box = new QFrame(m_lessonWidget);
        view.box->setObjectName(QStringLiteral("exercise%1").arg(i + 1));
        static_cast<QFrame *>(view.box)->setFrameShape(QFrame::StyledPanel);
        auto *layout = new QVBoxLayout(view.box);
        view.title = new QLabel(view.box);
        QFont bold = view.title->font();
        bold.setBold(true);
        view.title->setFont(bold);
        auto *goal = new QLabel(richText(e.goal.text(lang)), view.box);
        goal->setObjectName(QStringLiteral("goal"));
        goal->setWordWrap(true);
        goal->setTextFormat(Qt::RichText);
        goal->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto *checkButton = new QPushButton(tr("Check"), view.box);
        checkButton->setObjectName(QStringLiteral("checkButton"));
        checkButton->setToolTip(tr("Check what you did in the tab against the goal"));
        view.hintButton = new QPushButton(tr("Hint"), view.box);
        view.hintButton->setObjectName(QStringLiteral("hintButton"));
        auto *solutionButton = new QPushButton(tr("Solution"), view.box);
        solutionButton->setObjectName(QStringLiteral("solutionButton"));
        auto *buttons = new QHBoxLayout;
        buttons->addWidget(checkButton);
        buttons->addWidget(view.hintButton);
        buttons->addWidget(solutionButton);
        buttons->addStretch();
        view.result = new MessageLabel(view.box);
        view.result->setObjectName(QStringLiteral("result"));
        view.result->hide();
        view.hints = new QLabel(view.box);
        view.hints->setObjectName(QStringLiteral("hints"));
        view.hints->setWordWrap(true);
        view.hints->setTextFormat(Qt::RichText);
        view.hints->setTextInteractionFlags(Qt::TextSelectableByMouse);
        view.hints->hide();
        layout->addWidget(view.title);
        layout->addWidget(goal);
        layout->addLayout(buttons);
        layout->addWidget(view.result);
        layout->addWidget(view.hints);
        m_exercisesLayout->addWidget(view.box);
        m_exercises << view;
        connect(checkButton, &QPushButton::clicked, this, [this, i] { check(i); });
        connect(view.hintButton, &QPushButton::clicked, this, [this, i] { showHint(i); });
        connect(solutionButton, &QPushButton::clicked, this, [this, i] { showSolution(i); });
    }
    updateMarks();
    m_scroll->ensureVisible(0, 0);
}

bool CourseDock::tryIt()
{
    const Lesson *l = lesson();
    if (!l) {
        return false;
    }
    if (l->tab == QLatin1String("chat")) {
        m_tracer->clear(); // an attempt is checked on what happens from now on
    }
    QString error;
    const bool applied = LessonActions::applyTryIt(m_window, *l, m_sandbox, &error);
    if (applied && l->tab == QLatin1String("files")) {
        m_history->update(); // the lesson's files are the state its first operation starts from
    }
    if (!applied) {
        if (m_built) {
            m_tryMessage->showError(tr("Could not set up the lesson: %1").arg(error));
            m_tryMessage->show();
        }
        return false;
    }
    return true;
}

CheckResult CourseDock::check(int index)
{
    const Lesson *l = lesson();
    if (!l || index < 0 || index >= l->exercises.size()) {
        return {};
    }
    const Exercise &e = l->exercises[index];
    const CheckResult result = LessonActions::check(m_window, e, m_sandbox, m_tracer->trace());
    if (result.passed()) {
        m_progress->setDone(l->id, e.id);
    }
    if (index < m_exercises.size()) {
        MessageLabel *label = m_exercises[index].result;
        label->showMessage(describe(result, language()),
                           result.passed() ? MessageLabel::Information : MessageLabel::Warning);
        label->show();
        m_scroll->ensureWidgetVisible(label);
    }
    return result;
}

bool CourseDock::showHint(int index)
{
    const Lesson *l = lesson();
    if (!l || index < 0 || index >= m_exercises.size()) {
        return false;
    }
    ExerciseView &view = m_exercises[index];
    if (view.hintsShown >= l->exercises[index].hints.size()) {
        return false;
    }
    ++view.hintsShown;
    updateHints(index);
    return true;
}

void CourseDock::showSolution(int index)
{
    if (index < 0 || index >= m_exercises.size()) {
        return;
    }
    m_exercises[index].solutionShown = true;
    updateHints(index);
}

void CourseDock::updateHints(int index)
{
    const Exercise &e = lesson()->exercises[index];
    ExerciseView &view = m_exercises[index];
    const QString lang = language();
    QString html;
    for (int i = 0; i < view.hintsShown; ++i) {
        html += QStringLiteral("<p><b>") + tr("Hint %1:").arg(i + 1).toHtmlEscaped()
            + QStringLiteral("</b> ") + richText(e.hints[i].text(lang)).mid(3);
    }
    if (view.solutionShown) {
        html += QStringLiteral("<p><b>") + tr("Solution:").toHtmlEscaped() + QStringLiteral("</b> ")
            + richText(e.solution.text(lang)).mid(3);
    }
    view.hints->setText(html);
    view.hints->setVisible(!html.isEmpty());
    const bool more = view.hintsShown < e.hints.size();
    view.hintButton->setEnabled(more);
    view.hintButton->setText(more ? tr("Hint") : tr("No more hints"));
}

QString CourseDock::resultText(int index) const
{
    return index >= 0 && index < m_exercises.size() ? m_exercises[index].result->text() : QString();
}

QString CourseDock::hintsText(int index) const
{
    if (index < 0 || index >= m_exercises.size()) {
        return {};
    }
    QTextDocument doc;
    doc.setHtml(m_exercises[index].hints->text());
    return doc.toPlainText();
}

void CourseDock::nextLesson()
{
    const int index = m_library.indexOf(m_lessonId);
    if (index + 1 < m_library.lessons().size()) {
        showLesson(m_library.lessons()[index + 1].id);
    }
}

void CourseDock::previousLesson()
{
    const int index = m_library.indexOf(m_lessonId);
    if (index > 0) {
        showLesson(m_library.lessons()[index - 1].id);
    }
}

void CourseDock::resetProgress()
{
    if (m_confirm(tr("Forget which exercises you have solved?"))) {
        m_progress->reset();
    }
}

void CourseDock::resetSandbox()
{
    if (!m_confirm(tr("Delete everything in the practice folder %1?")
                       .arg(QDir::toNativeSeparators(m_sandbox.path())))) {
        return;
    }
    QString error;
    if (!m_sandbox.reset(&error) && m_built) {
        m_tryMessage->showError(error);
        m_tryMessage->show();
    }
}

QString CourseDock::describe(const CheckResult &r, const QString &language)
{
    switch (r.problem) {
    case Problem::None:
        return tr("✓ Well done: that is right.");
    case Problem::EmptyAnswer:
        return tr("Type a pattern in the Regex tab first, then check.");
    case Problem::PatternError:
        return tr("The pattern does not compile: %1").arg(r.actual);
    case Problem::ReplacementError:
        return tr("The replacement is not valid: %1").arg(r.actual);
    case Problem::SampleMismatch: {
        QString text
            = tr("%n of %1 hidden sample(s) gave another result. The first one:", nullptr, r.failed)
                  .arg(r.total)
            + QLatin1Char('\n') + tr("Text: %1").arg(stdlab::py::repr(r.subject))
            + QLatin1Char('\n') + tr("Expected: %1").arg(r.expected) + QLatin1Char('\n')
            + tr("Your pattern gives: %1").arg(r.actual);
        if (r.why.has(language) || r.why.has(QStringLiteral("en"))) {
            text += QLatin1Char('\n')
                + tr("Why: %1").arg(r.why.text(language).remove(QLatin1Char('`')));
        }
        return text;
    }
    case Problem::WrongSection:
        return tr("Open the %1 section of the Dates tab.").arg(dateSectionTitle(r.expected));
    case Problem::ValueMismatch:
        return tr("%1 is %2, not what the exercise asks for yet.")
            .arg(dateValueName(r.subject),
                 r.actual.isEmpty() ? tr("empty") : QStringLiteral("“%1”").arg(r.actual));
    case Problem::MissingFolder:
        return tr("There is no folder %1 in the sandbox yet.").arg(r.subject);
    case Problem::NotAFolder:
        return tr("%1 is there, but it is a file, not a folder.").arg(r.subject);
    case Problem::MissingFile:
        return tr("There is no file %1 in the sandbox yet.").arg(r.subject);
    case Problem::NotAFile:
        return tr("%1 is there, but it is a folder, not a file.").arg(r.subject);
    case Problem::ContentMismatch:
        return tr("%1 holds %2; it should hold %3.")
            .arg(r.subject, stdlab::py::repr(r.actual), stdlab::py::repr(r.expected));
    case Problem::StillThere:
        return tr("%1 is still there.").arg(r.subject);
    case Problem::NoServer:
        return tr("No %1 server has been started in the Chat tab yet.").arg(r.expected.toUpper());
    case Problem::NoClient:
        return tr("No client has connected to the server yet.");
    case Problem::NotSent:
        return tr("The server has not sent “%1” yet.").arg(r.expected);
    case Problem::NotReceived:
        return tr("“%1” has not reached the server yet.").arg(r.expected);
    }
    return {};
}

#include "regex/regexpanel.h"

#include "common/pyrepr.h"
#include "regex/pyregex.h"
#include "regex/regexexamplelist.h"
#include "regex/regexexplainview.h"
#include "regex/regexhighlighter.h"
#include "regex/regexmatchtable.h"
#include "regex/regexmatchtablemodel.h"
#include "regex/regexmodel.h"
#include "regex/redosview.h"
#include "regex/railroadpane.h"
#include "regex/railroadview.h"
#include "regex/regextextedit.h"
#include "messagelabel.h"
#include "appearance.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QMouseEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <functional>
#include <tuple>

using namespace stdlab::re;

namespace {

// Texts up to this size go to the model on every keystroke; bigger ones after a pause.
constexpr qsizetype kSmallText = 64 * 1024;
// Texts up to this size are saved with the settings.
constexpr qsizetype kSavedText = 64 * 1024;

const int kFlagValues[5] = {IGNORECASE, MULTILINE, DOTALL, VERBOSE, ASCII};

/**
 * The examples beside the form: the list gets the width of its longest title (its sizeHint) as
 * long as the form keeps 70% of the width, at any window size and whatever size the window
 * had first (a QSplitter keeps a child's first width; at 800x600 that was the list's minimum,
 * kept at 1920 px). Once the user drags the handle, the list keeps the width chosen.
 */
class SidebarSplitter : public QSplitter
{
public:
    SidebarSplitter(QWidget *sidebar, QWidget *main, QWidget *parent)
        : QSplitter(Qt::Horizontal, parent)
    {
        addWidget(sidebar);
        addWidget(main);
        setStretchFactor(0, 0);
        setStretchFactor(1, 1);
        setChildrenCollapsible(false);
        connect(this, &QSplitter::splitterMoved, this, [this] { m_movedByUser = true; });
    }

    void fitSidebar()
    {
        const QList<int> now = sizes();
        if (m_movedByUser || now.size() != 2) {
            return;
        }
        // In a small window (800x600) the form needs more than its minimum to be used (the
        // match table showed two columns): the list takes at most 30% and wraps its titles.
        const int total = now[0] + now[1];
        const int form = std::max(widget(1)->minimumSizeHint().width(), total * 7 / 10);
        const int wanted = std::max(widget(0)->minimumSizeHint().width(),
                                    std::min(widget(0)->sizeHint().width(), total - form));
        if (wanted != now[0] && total > wanted) {
            setSizes({wanted, total - wanted});
        }
    }

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QSplitter::resizeEvent(event);
        fitSidebar();
    }

private:
    bool m_movedByUser = false;
};

/**
 * The test text above the results: each gets what it needs to show three lines of text and
 * three rows of matches, and what is left is shared equally (the results hold four views: the
 * ReDoS plot and the diagram were cut at 1400x900 with 3:2 for the text), at any window size,
 * until the user drags the handle. (Shared 3:2 from the start, at 800x600 the match table
 * showed one row.)
 */
class TextResultsSplitter : public QSplitter
{
public:
    TextResultsSplitter(QWidget *text, QWidget *results, std::function<int()> textWanted,
                        std::function<int()> resultsWanted, QWidget *parent)
        : QSplitter(Qt::Vertical, parent)
        , m_textWanted(std::move(textWanted))
        , m_resultsWanted(std::move(resultsWanted))
    {
        addWidget(text);
        addWidget(results);
        setStretchFactor(0, 3);
        setStretchFactor(1, 2);
        setChildrenCollapsible(false);
        connect(this, &QSplitter::splitterMoved, this, [this] { m_movedByUser = true; });
    }

    void fit()
    {
        const QList<int> now = sizes();
        if (m_movedByUser || now.size() != 2) {
            return;
        }
        const int total = now[0] + now[1];
        const int text = m_textWanted();
        const int results = m_resultsWanted();
        if (total <= 0 || text + results <= 0) {
            return;
        }
        const int first = text + results > total ? total * text / (text + results)
                                                 : text + (total - text - results) / 2;
        if (first != now[0]) {
            setSizes({first, total - first});
        }
    }

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QSplitter::resizeEvent(event);
        fit();
    }

private:
    std::function<int()> m_textWanted;
    std::function<int()> m_resultsWanted;
    bool m_movedByUser = false;
};

} // namespace

QList<RegexPanel::Example> RegexPanel::examples()
{
    const QString gato = QStringLiteral("mi gato está en el tejado y mi otro gato está en el jardín");
    const QString fechas =
        QStringLiteral("Hoy estamos a 10/10/2023, mañana estaremos a 11/10/2023");
    return {
        {tr("findall: every \"gato\""), QStringLiteral("gato"), QStringLiteral("findall"), {},
         gato},
        {tr("findall: dates dd/mm/yyyy"), QStringLiteral("\\d{2}/\\d{2}/\\d{4}"),
         QStringLiteral("findall"), {}, fechas},
        {tr("findall: e-mails with groups"), QStringLiteral("(\\w+)@(\\w+\\.\\w{2,})"),
         QStringLiteral("findall"), {},
         QStringLiteral("Los usuarios pueden contactarnos a soporte@hack4u.io o a info@hack4u.io")},
        {tr("sub: \"gato\" becomes \"perro\""), QStringLiteral("gato"), QStringLiteral("sub"),
         QStringLiteral("perro"), gato},
        {tr("split: at each comma"), QStringLiteral(","), QStringLiteral("split"), {},
         QStringLiteral("Campo1,Campo2,Campo3,Campo4,Campo5")},
        {tr("fullmatch: e-mail validator"),
         QStringLiteral("[A-Za-z0-9._+-]+@[A-Za-z0-9]+\\.[A-Za-z]{2,}"),
         QStringLiteral("fullmatch"), {}, QStringLiteral("soporte@hack4u.io")},
        {tr("findall: \\bcar (words starting with car)"), QStringLiteral("\\bcar"),
         QStringLiteral("findall"), {}, QStringLiteral("car, cart, masticar y magicarp")},
        {tr("findall: car\\b (words ending in car)"), QStringLiteral("car\\b"),
         QStringLiteral("findall"), {}, QStringLiteral("car, cart, masticar y magicarp")},
        {tr("finditer: dates with start and end"),
         QStringLiteral("\\b(\\d{2}/\\d{2}/\\d{4})\\b"), QStringLiteral("finditer"), {},
         QStringLiteral("Hoy estamos a día 10/10/2023 y mañana estaremos a 11/10/2023")},
    };
}

RegexPanel::RegexPanel(QWidget *parent)
    : Panel(parent)
    , m_model(new RegexModel(this))
{
    m_model->setDebounce(0, 150);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    // Examples sidebar.
    auto *sidebar = new QWidget(this);
    auto *sideLayout = new QVBoxLayout(sidebar);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    m_examplesTitle = new QLabel(sidebar);
    m_examples = new RegexExampleList(sidebar);
    m_examples->setObjectName(QStringLiteral("examples"));
    m_examplesTitle->setBuddy(m_examples);
    sideLayout->addWidget(m_examplesTitle);
    sideLayout->addWidget(m_examples);

    // Pattern, error, options.
    auto *main = new QWidget(this);
    auto *mainLayout = new QVBoxLayout(main);
    mainLayout->setContentsMargins(0, 0, 0, 0);
    m_patternLabel = new QLabel(main);
    // The ReDoS verdict beside the pattern's title (its details are a tab of the results).
    m_redosBadge = new QToolButton(main);
    m_redosBadge->setObjectName(QStringLiteral("redosBadge"));
    m_redosBadge->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_redosBadge->setAutoRaise(true);
    m_pattern = new QPlainTextEdit(main);
    m_pattern->setObjectName(QStringLiteral("pattern"));
    m_pattern->setFont(mono);
    m_pattern->setTabChangesFocus(true);
    m_pattern->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_pattern->setFixedHeight(QFontMetrics(mono).lineSpacing() * 2 + 14);
    m_patternLabel->setBuddy(m_pattern);
    m_highlighter = new RegexHighlighter(m_pattern->document());
    // Room is kept for the pattern's error so that the rows below never move; the caret is
    // drawn in the pattern itself (a wavy underline) instead of as extra lines.
    m_error = new MessageLabel(main);
    m_error->setObjectName(QStringLiteral("patternError"));
    // Two lines, fixed: the limit's explanation takes two at 1400 px and three at 800, and
    // pushed the flags, the call and the text down; a longer message scrolls within them.
    m_error->setFixedLines(2);

    auto *options = new QHBoxLayout;
    const char *flagNames[5] = {"flagI", "flagM", "flagS", "flagX", "flagA"};
    for (int i = 0; i < 5; ++i) {
        m_flagBoxes[i] = new QCheckBox(main);
        m_flagBoxes[i]->setObjectName(QLatin1String(flagNames[i]));
        options->addWidget(m_flagBoxes[i]);
        connect(m_flagBoxes[i], &QCheckBox::toggled, this, &RegexPanel::updateFlags);
        connect(m_flagBoxes[i], &QCheckBox::toggled, this, &RegexPanel::leaveExample);
    }
    options->addStretch();
    // The call: function, replacement, count/maxsplit, pos/endpos.
    auto *call = new QHBoxLayout;
    m_functionLabel = new QLabel(main);
    m_function = new QComboBox(main);
    m_function->setObjectName(QStringLiteral("function"));
    for (int f = 0; f <= int(Function::Split); ++f) {
        m_function->addItem(functionName(Function(f)), f);
    }
    m_function->setCurrentIndex(int(Function::Findall));
    m_functionLabel->setBuddy(m_function);
    call->addWidget(m_functionLabel);
    call->addWidget(m_function);
    m_replacementLabel = new QLabel(main);
    m_replacement = new QLineEdit(main);
    m_replacement->setObjectName(QStringLiteral("replacement"));
    m_replacement->setFont(mono);
    m_replacementLabel->setBuddy(m_replacement);
    call->addWidget(m_replacementLabel);
    call->addWidget(m_replacement, 1);
    // count and pos/endpos on a row of their own: on one row with the replacement, the row
    // needed 715 px and the replacement field collapsed at 800x600.
    auto *numbers = new QHBoxLayout;
    m_countLabel = new QLabel(main);
    m_count = new QSpinBox(main);
    m_count->setObjectName(QStringLiteral("count"));
    m_count->setRange(0, 1'000'000'000);
    m_countLabel->setBuddy(m_count);
    numbers->addWidget(m_countLabel);
    numbers->addWidget(m_count);
    // pos/endpos of the compiled pattern's methods; -1 (shown as a word) = not given.
    for (auto [label, box, name] : {std::tuple{&m_posLabel, &m_pos, "pos"},
                                    std::tuple{&m_endposLabel, &m_endpos, "endpos"}}) {
        *label = new QLabel(main);
        *box = new QSpinBox(main);
        (*box)->setObjectName(QLatin1String(name));
        (*box)->setRange(-1, 1'000'000'000);
        (*box)->setValue(-1);
        (*label)->setBuddy(*box);
        numbers->addWidget(*label);
        numbers->addWidget(*box);
    }
    numbers->addStretch();

    // Test text with its toolbar.
    auto *textBox = new QWidget(main);
    auto *textLayout = new QVBoxLayout(textBox);
    textLayout->setContentsMargins(0, 0, 0, 0);
    auto *textBar = new QHBoxLayout;
    m_textLabel = new QLabel(textBox);
    m_openButton = new QPushButton(textBox);
    m_openButton->setObjectName(QStringLiteral("openFile"));
    m_previousButton = new QPushButton(textBox);
    m_previousButton->setObjectName(QStringLiteral("previousMatch"));
    m_nextButton = new QPushButton(textBox);
    m_nextButton->setObjectName(QStringLiteral("nextMatch"));
    m_status = new QLabel(textBox);
    m_status->setObjectName(QStringLiteral("matchCount"));
    textBar->addWidget(m_textLabel);
    textBar->addStretch();
    textBar->addWidget(m_status);
    textBar->addWidget(m_previousButton);
    textBar->addWidget(m_nextButton);
    textBar->addWidget(m_openButton);
    m_text = new RegexTextEdit(textBox);
    m_text->setObjectName(QStringLiteral("testText"));
    m_text->setModel(m_model);
    // Tab moves on, as in the pattern: keyboard users must be able to leave the text (Ctrl+Tab
    // switches the window's tabs); a tab character can still be pasted.
    m_text->setTabChangesFocus(true);
    m_textLabel->setBuddy(m_text);
    textLayout->addLayout(textBar);
    textLayout->addWidget(m_text);
    // Tab in the bar's reading order (the buttons were made Open first).
    QWidget::setTabOrder(m_previousButton, m_nextButton);
    QWidget::setTabOrder(m_nextButton, m_openButton);

    // Results: the match table and the value of the call.
    auto *tableBox = new QWidget(main);
    auto *tableLayout = new QVBoxLayout(tableBox);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    m_tableLabel = new QLabel(tableBox);
    m_tableModel = new RegexMatchTableModel(m_model, this);
    m_table = new RegexMatchTable(tableBox);
    m_table->setObjectName(QStringLiteral("matchTable"));
    m_table->setMatchModel(m_tableModel);
    m_tableLabel->setBuddy(m_table);
    tableLayout->addWidget(m_tableLabel);
    tableLayout->addWidget(m_table);
    // Beside the table: the value of the call and the pattern's explanation, as tabs.
    m_resultTabs = new QTabWidget(main);
    m_resultTabs->setObjectName(QStringLiteral("resultTabs"));
    m_resultTabs->setDocumentMode(true);
    m_value = new QPlainTextEdit(m_resultTabs);
    m_value->setObjectName(QStringLiteral("value"));
    m_value->setReadOnly(true);
    m_value->setFont(mono);
    m_explanation = new RegexExplainView(m_resultTabs);
    m_explanation->setObjectName(QStringLiteral("explanation"));
    m_redos = new RedosView(m_resultTabs);
    m_redos->setObjectName(QStringLiteral("redos"));
    m_resultTabs->addTab(m_value, QString());
    m_resultTabs->addTab(m_explanation, QString());
    m_railroad = new RailroadPane(m_resultTabs);
    m_railroad->setObjectName(QStringLiteral("railroad"));
    m_resultTabs->addTab(m_railroad, QString());
    m_resultTabs->addTab(m_redos, QString());
    auto *results = new QSplitter(Qt::Horizontal, main);
    results->addWidget(tableBox);
    results->addWidget(m_resultTabs);
    results->setStretchFactor(0, 3);
    results->setStretchFactor(1, 2);

    // Three lines of text under its bar; the table's title, header, three rows and scroll bar.
    auto textWanted = [this, textLayout] {
        const int lines = 3 * m_text->fontMetrics().lineSpacing()
            + 2 * int(m_text->document()->documentMargin()) + 2 * m_text->frameWidth();
        return textLayout->itemAt(0)->sizeHint().height() + textLayout->spacing() + lines;
    };
    auto resultsWanted = [this, tableLayout] {
        const int rows = 3 * m_table->rowHeightWanted()
            + m_table->horizontalHeader()->sizeHint().height()
            + m_table->horizontalScrollBar()->sizeHint().height() + 2 * m_table->frameWidth();
        return m_tableLabel->sizeHint().height() + tableLayout->spacing() + rows;
    };
    auto *vertical = new TextResultsSplitter(textBox, results, textWanted, resultsWanted, main);
    vertical->setObjectName(QStringLiteral("regexSplitter"));

    auto *patternTitle = new QHBoxLayout;
    patternTitle->addWidget(m_patternLabel);
    patternTitle->addStretch();
    patternTitle->addWidget(m_redosBadge);
    mainLayout->addLayout(patternTitle);
    mainLayout->addWidget(m_pattern);
    mainLayout->addWidget(m_error);
    mainLayout->addLayout(options);
    mainLayout->addLayout(call);
    mainLayout->addLayout(numbers);
    // A bad replacement template is reported under the replacement (its field), with room kept
    // while sub/subn (the functions that take one) is chosen.
    m_replacementError = new MessageLabel(main);
    m_replacementError->setObjectName(QStringLiteral("replacementError"));
    m_replacementError->setFixedLines(1); // shown (kept) while sub/subn is chosen
    mainLayout->addWidget(m_replacementError);
    mainLayout->addWidget(vertical, 1);

    m_sidebarSplitter = new SidebarSplitter(sidebar, main, this);
    m_sidebarSplitter->setObjectName(QStringLiteral("examplesSplitter"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_sidebarSplitter);

    // Navigation: F3 / Shift+F3 anywhere in the tab.
    m_nextAction = new QAction(this);
    m_nextAction->setShortcut(QKeySequence(Qt::Key_F3));
    m_nextAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_previousAction = new QAction(this);
    m_previousAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F3));
    m_previousAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_nextAction);
    addAction(m_previousAction);
    connect(m_nextAction, &QAction::triggered, this, &RegexPanel::nextMatch);
    connect(m_previousAction, &QAction::triggered, this, &RegexPanel::previousMatch);
    connect(m_nextButton, &QPushButton::clicked, this, &RegexPanel::nextMatch);
    connect(m_previousButton, &QPushButton::clicked, this, &RegexPanel::previousMatch);
    connect(m_openButton, &QPushButton::clicked, this, &RegexPanel::chooseFile);

    // Inputs -> model.
    connect(m_pattern, &QPlainTextEdit::textChanged, this, [this] {
        leaveExample();
        m_model->setPattern(m_pattern->toPlainText());
        m_explanation->setPattern(m_pattern->toPlainText(), m_model->flags());
        m_redos->setPattern(m_pattern->toPlainText(), m_model->flags());
        m_railroad->setPattern(m_pattern->toPlainText(), m_model->flags());
    });
    // The railroad and the pattern point at each other: the box under the mouse is marked in
    // the pattern; the part of the pattern under the mouse (else the explanation's element)
    // has its boxes marked.
    connect(m_railroad, &RailroadPane::hovered, this, [this](qsizetype start, qsizetype end) {
        m_railroadHover = {start, end};
        showExplanationMark();
    });
    connect(m_explanation, &RegexExplainView::highlightChanged, this,
            &RegexPanel::updateRailroadHighlight);
    connect(m_railroad, &RailroadPane::drawn, this, &RegexPanel::updateRailroadHighlight);
    m_pattern->viewport()->setMouseTracking(true);
    m_pattern->viewport()->installEventFilter(this);
    connect(m_redos, &RedosView::verdictChanged, this, &RegexPanel::showRedos);
    connect(m_redosBadge, &QToolButton::clicked, this,
            [this] { m_resultTabs->setCurrentWidget(m_redos); });
    connect(m_redos, &RedosView::tryItRequested, this,
            [this](const QString &text, const QString &function) {
                const auto current = Function(m_function->currentIndex());
                if (function == QLatin1String("fullmatch")) {
                    m_function->setCurrentIndex(int(Function::Fullmatch));
                } else if (function == QLatin1String("search")
                           && (current == Function::Match || current == Function::Fullmatch)) {
                    // re.match does not blow up on it: a function that tries every start.
                    m_function->setCurrentIndex(int(Function::Search));
                }
                setText(text, QString());
            });
    // A click (or the caret) in the pattern selects its element in the explanation; the element
    // pointed at there is marked in the pattern and, for a group, in the text's matches.
    connect(m_pattern, &QPlainTextEdit::cursorPositionChanged, this, [this] {
        const QString pattern = m_pattern->toPlainText();
        const int at = m_pattern->textCursor().position();
        m_explanation->selectAt(Subject(pattern).toCodePoint(at));
    });
    connect(m_explanation, &RegexExplainView::highlightChanged, this,
            &RegexPanel::showExplanationMark);
    connect(m_resultTabs, &QTabWidget::currentChanged, this, &RegexPanel::showExplanationMark);
    connect(m_explanation, &RegexExplainView::explained, this, [this] {
        const int at = m_pattern->textCursor().position();
        m_explanation->selectAt(Subject(m_pattern->toPlainText()).toCodePoint(at));
    });
    connect(m_replacement, &QLineEdit::textChanged, this, &RegexPanel::leaveExample);
    connect(m_function, &QComboBox::currentIndexChanged, this, &RegexPanel::leaveExample);
    connect(m_text, &QPlainTextEdit::textChanged, this, &RegexPanel::leaveExample);
    connect(m_function, &QComboBox::currentIndexChanged, this, &RegexPanel::updateFunction);
    connect(m_replacement, &QLineEdit::textChanged, m_model, &RegexModel::setReplacement);
    connect(m_count, &QSpinBox::valueChanged, m_model, &RegexModel::setCount);
    connect(m_pos, &QSpinBox::valueChanged, m_model, &RegexModel::setPos);
    connect(m_endpos, &QSpinBox::valueChanged, m_model, &RegexModel::setEndpos);
    m_textTimer.setSingleShot(true);
    m_textTimer.setInterval(150);
    connect(&m_textTimer, &QTimer::timeout, this,
            [this] { m_model->setText(m_text->text()); });
    connect(m_text, &QPlainTextEdit::textChanged, this, &RegexPanel::textEdited);
    connect(m_examples, &QListWidget::itemClicked, this,
            [this](QListWidgetItem *item) { loadExample(m_examples->row(item)); });
    connect(m_examples, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { loadExample(m_examples->row(item)); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid() && !m_selecting) {
                    selectMatch(current.row());
                }
            });
    connect(&m_fileWatcher, &QFutureWatcher<std::optional<QString>>::finished, this, [this] {
        std::optional<QString> text = m_fileWatcher.result();
        if (!m_pendingFile.isEmpty()) {
            // Another file was asked for meanwhile: this one is not shown.
            startReading(std::exchange(m_pendingFile, QString()));
            return;
        }
        if (!text) {
            m_status->setText(tr("Cannot read %1").arg(QFileInfo(m_loadingFile).fileName()));
            Q_EMIT fileLoaded(false);
            return;
        }
        // The model matches the whole text while the editor fills its document in slices
        // (its text() is this text from the start, and then the document's).
        m_textTimer.stop();
        m_model->setText(*text);
        m_model->setTextFileName(m_loadingFile);
        m_loadedFile = m_loadingFile;
        m_settingText = true;
        m_text->load(*text); // loaded() now for a small text, else after its last slice
        m_settingText = false;
    });
    connect(m_text, &RegexTextEdit::loaded, this, [this] {
        if (!m_loadedFile.isEmpty()) {
            m_loadedFile.clear();
            Q_EMIT fileLoaded(true);
        }
    });

    // Model -> view.
    connect(m_model, &RegexModel::runningChanged, this, &RegexPanel::updateStatus);
    connect(m_model, &RegexModel::matchesAdded, this, &RegexPanel::updateStatus);
    connect(m_model, &RegexModel::resultsReset, this, &RegexPanel::updateStatus);
    connect(m_model, &RegexModel::finished, this, [this] {
        updateStatus();
        updateError();
        updateValue();
    });
    connect(m_model, &RegexModel::pythonCodeChanged, this, &Panel::pythonCodeChanged);

    retranslate();
    updateFunction();
    loadExample(2);
}

RegexPanel::~RegexPanel()
{
    m_pendingFile.clear();
    m_fileWatcher.waitForFinished();
}

void RegexPanel::retranslate()
{
    m_examplesTitle->setText(tr("Examples"));
    const QList<Example> list = examples();
    if (m_examples->count() != list.size()) {
        m_examples->clear();
        for (int i = 0; i < list.size(); ++i) {
            m_examples->addItem(QString());
        }
    }
    for (int i = 0; i < list.size(); ++i) {
        m_examples->item(i)->setText(list[i].title);
        m_examples->item(i)->setToolTip(list[i].pattern);
    }
    // Titles of another language: the list asks for another width.
    m_examples->updateGeometry();
    static_cast<SidebarSplitter *>(m_sidebarSplitter)->fitSidebar();
    m_patternLabel->setText(tr("&Pattern:"));
    const QString flagTexts[5] = {tr("&i IGNORECASE"), tr("&m MULTILINE"), tr("&s DOTALL"),
                                  tr("&x VERBOSE"), tr("&a ASCII")};
    const QString flagTips[5] = {tr("Letters match in any case"),
                                 tr("^ and $ match at every line"),
                                 tr("The dot matches newlines too"),
                                 tr("Whitespace and # comments in the pattern are ignored"),
                                 tr("\\w \\d \\s \\b match ASCII only")};
    for (int i = 0; i < 5; ++i) {
        m_flagBoxes[i]->setText(flagTexts[i]);
        m_flagBoxes[i]->setToolTip(flagTips[i]);
    }
    m_functionLabel->setText(tr("&Function:"));
    m_posLabel->setText(tr("p&os:"));
    m_pos->setSpecialValueText(tr("start"));
    m_pos->setToolTip(tr("Where the search starts: a character index, as Python counts them "
                         "(the compiled pattern's method is called: patron.findall(texto, pos))"));
    m_endposLabel->setText(tr("&endpos:"));
    m_endpos->setSpecialValueText(tr("end"));
    m_endpos->setToolTip(tr("Where the text ends for the search (a character index): as if "
                            "the text were only texto[:endpos]"));
    m_replacementLabel->setText(tr("&Replacement:"));
    m_replacement->setPlaceholderText(tr("\\1, \\g<name>"));
    m_textLabel->setText(tr("&Test text:"));
    m_openButton->setText(tr("&Open File..."));
    m_previousButton->setText(tr("Previous"));
    m_previousButton->setToolTip(tr("Previous match (Shift+F3)"));
    m_nextButton->setText(tr("Next"));
    m_nextButton->setToolTip(tr("Next match (F3)"));
    m_nextAction->setText(tr("Next Match"));
    m_previousAction->setText(tr("Previous Match"));
    m_resultTabs->setTabText(0, tr("Result"));
    m_resultTabs->setTabToolTip(0, tr("Result (as the program prints it)"));
    m_value->setAccessibleName(tr("Result (as the program prints it)"));
    m_resultTabs->setTabText(1, tr("Explanation"));
    m_resultTabs->setTabToolTip(1, tr("What each part of the pattern means, as Python parses it"));
    m_explanation->setAccessibleName(tr("Explanation"));
    m_resultTabs->setTabText(m_resultTabs->indexOf(m_railroad), tr("Railroad"));
    m_resultTabs->setTabToolTip(m_resultTabs->indexOf(m_railroad),
                                tr("The pattern as a railroad diagram: every path a match can "
                                   "take, left to right"));
    m_resultTabs->setTabText(m_resultTabs->indexOf(m_redos), tr("ReDoS"));
    m_resultTabs->setTabToolTip(m_resultTabs->indexOf(m_redos),
                                tr("Whether the pattern can hang Python's re by catastrophic "
                                   "backtracking, and the text that does it"));
    m_redosBadge->setToolTip(tr("Catastrophic backtracking (ReDoS): show the details"));
    showRedos();
    updateFunction();
    updateStatus();
    updateError();
}

void RegexPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    Panel::changeEvent(event);
}

void RegexPanel::updateFlags()
{
    int flags = 0;
    for (int i = 0; i < 5; ++i) {
        if (m_flagBoxes[i]->isChecked()) {
            flags |= kFlagValues[i];
        }
    }
    m_highlighter->setVerbose(flags & VERBOSE);
    m_model->setFlags(flags);
    m_explanation->setPattern(m_pattern->toPlainText(), flags);
    m_redos->setPattern(m_pattern->toPlainText(), flags);
    m_railroad->setPattern(m_pattern->toPlainText(), flags);
}

void RegexPanel::updateFunction()
{
    const auto f = Function(m_function->currentData().toInt());
    const bool sub = f == Function::Sub || f == Function::Subn;
    m_replacement->setEnabled(sub);
    m_replacementLabel->setEnabled(sub);
    m_replacementError->setReserveSpace(sub);
    const bool counted = sub || f == Function::Split;
    m_count->setEnabled(counted);
    m_countLabel->setEnabled(counted);
    m_countLabel->setText(f == Function::Split ? tr("max&split:") : tr("&count:"));
    m_count->setSpecialValueText(tr("all"));
    const bool positions = f != Function::Sub && f != Function::Subn && f != Function::Split;
    for (QWidget *w : {static_cast<QWidget *>(m_pos), static_cast<QWidget *>(m_endpos),
                       static_cast<QWidget *>(m_posLabel),
                       static_cast<QWidget *>(m_endposLabel)}) {
        w->setEnabled(positions);
    }
    m_model->setFunction(f);
}

void RegexPanel::updateStatus()
{
    // The status shares a row with the text's three buttons: it stays short (at 800x600 in
    // Spanish "... (backtracking) - 2 coincidencias antes" widened the window to 945 px). The
    // matches found before the limit are told in the limit's message, how many are listed
    // beside the table's title.
    const qsizetype n = m_model->matchCount();
    QString text;
    if (m_model->hasError() && !m_model->isRunning()) {
        text = m_model->error().limit ? tr("stopped: backtracking limit") : tr("error");
    } else if (n == 0) {
        text = m_model->isRunning() ? tr("running...") : tr("no match");
    } else {
        text = n == 1 ? tr("1 match") : tr("%1 matches").arg(n);
        if (m_model->isRunning()) {
            text += QLatin1String(", ") + tr("running...");
        }
    }
    QString table = tr("Matches");
    if (m_model->matches().size() < n) {
        table += QLatin1Char(' ')
            + tr("(the first %1)").arg(QLocale().toString(m_model->matches().size()));
    }
    m_tableLabel->setText(table);
    m_status->setText(text);
    const bool any = m_model->matches().size() > 0;
    m_nextButton->setEnabled(any);
    m_previousButton->setEnabled(any);
}

void RegexPanel::showExplanationMark()
{
    // Only while the explanation is shown: a mark of a hidden node would puzzle.
    RegexExplainView::Highlight h;
    if (m_resultTabs->currentWidget() == m_explanation) {
        h = m_explanation->highlight();
    } else if (m_resultTabs->currentWidget() == m_railroad && m_railroadHover.first >= 0) {
        // A group's frame or title: its matches outlined in the text, as from the explanation.
        h = {m_railroadHover.first, m_railroadHover.second,
             m_railroad->view()->diagram().groupOf(m_railroadHover.first,
                                                   m_railroadHover.second)};
    }
    m_explanationMark = QTextEdit::ExtraSelection{};
    if (h.start >= 0) {
        const Subject pattern(m_pattern->toPlainText());
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(m_pattern->document());
        mark.cursor.setPosition(int(pattern.toUtf16(h.start)));
        mark.cursor.setPosition(int(pattern.toUtf16(h.end)), QTextCursor::KeepAnchor);
        mark.format.setFontUnderline(true);
        mark.format.setUnderlineStyle(QTextCharFormat::SingleUnderline);
        mark.format.setUnderlineColor(palette().color(QPalette::Highlight));
        mark.format.setFontWeight(QFont::Bold);
        m_explanationMark = mark;
    }
    applyPatternMarks();
    // A capturing group's matches are outlined in the text.
    m_text->setHighlightedGroup(h.start >= 0 && h.group > 0 ? h.group : -1);
}

void RegexPanel::updateRailroadHighlight()
{
    if (m_patternHover >= 0) {
        const auto span = m_railroad->spanAt(m_patternHover);
        m_railroad->setHighlight(span.first, span.second);
        return;
    }
    const RegexExplainView::Highlight h = m_explanation->highlight();
    m_railroad->setHighlight(h.start, h.end);
}

bool RegexPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_pattern->viewport()) {
        if (event->type() == QEvent::MouseMove) {
            const QPoint at = static_cast<QMouseEvent *>(event)->position().toPoint();
            const QTextCursor cursor = m_pattern->cursorForPosition(at);
            // Over a character: the one whose cell holds the point (not the nearest gap).
            const QRect caret = m_pattern->cursorRect(cursor);
            int position = cursor.position();
            if (at.x() < caret.left() && position > 0) {
                --position;
            }
            const bool inText = at.y() <= m_pattern->cursorRect(
                                               QTextCursor(m_pattern->document()->lastBlock()))
                                              .bottom()
                && position < m_pattern->document()->characterCount() - 1;
            m_patternHover = inText
                ? Subject(m_pattern->toPlainText()).toCodePoint(position)
                : -1;
            updateRailroadHighlight();
        } else if (event->type() == QEvent::Leave) {
            m_patternHover = -1;
            updateRailroadHighlight();
        }
    }
    return Panel::eventFilter(watched, event);
}

void RegexPanel::applyPatternMarks()
{
    QList<QTextEdit::ExtraSelection> marks;
    if (!m_explanationMark.cursor.isNull()) {
        marks << m_explanationMark;
    }
    if (!m_redosMark.cursor.isNull()) {
        marks << m_redosMark;
    }
    if (!m_errorMark.cursor.isNull()) {
        marks << m_errorMark;
    }
    m_pattern->setExtraSelections(marks);
}

QTextEdit::ExtraSelection RegexPanel::explanationMark() const
{
    return m_explanationMark;
}

void RegexPanel::fitResultTabs()
{
    // Every tab's title whole (at 800x600 the results' tabs had less than their bar's width),
    // and the widest page's rows (the ReDoS attack's buttons) without scrolling sideways.
    m_resultTabs->setMinimumWidth(std::max(m_resultTabs->tabBar()->sizeHint().width(),
                                           m_resultTabs->minimumSizeHint().width()));
}

void RegexPanel::showRedos()
{
    fitResultTabs();
    m_redosBadge->setText(m_redos->badgeText());
    m_redosBadge->setAccessibleName(m_redos->badgeText());
    QPalette palette = m_redosBadge->parentWidget()->palette();
    if (m_redos->warns()) {
        const QColor warning =
            stdlab::appearance::tint(stdlab::appearance::Tint::Warning, palette);
        palette.setColor(QPalette::ButtonText, warning);
        palette.setColor(QPalette::WindowText, warning);
    }
    m_redosBadge->setPalette(palette);
    // The part responsible, underlined in the pattern while the verdict is about it.
    m_redosMark = QTextEdit::ExtraSelection{};
    const auto [spanStart, spanEnd] = m_redos->responsibleSpan();
    if (m_redos->warns() && m_redos->pattern() == m_pattern->toPlainText() && spanStart >= 0) {
        const Subject pattern(m_pattern->toPlainText());
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(m_pattern->document());
        mark.cursor.setPosition(int(pattern.toUtf16(spanStart)));
        mark.cursor.setPosition(int(pattern.toUtf16(spanEnd)), QTextCursor::KeepAnchor);
        mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        mark.format.setUnderlineColor(
            stdlab::appearance::tint(stdlab::appearance::Tint::Warning, palette));
        m_redosMark = mark;
    }
    applyPatternMarks();
}

QTextEdit::ExtraSelection RegexPanel::redosMark() const
{
    return m_redosMark;
}

void RegexPanel::updateError()
{
    m_errorMark = QTextEdit::ExtraSelection{};
    applyPatternMarks();
    if (!m_model->hasError()) {
        m_error->clear();
        m_replacementError->clear();
        return;
    }
    const Error error = m_model->error();
    if (error.limit) {
        m_replacementError->clear();
        QString message = tr("stopped: backtracking limit") + QStringLiteral(". ")
            + tr("The pattern backtracks too much on this text (for example a nested repetition "
                 "such as (a+)+): the search was stopped, which does not mean that nothing "
                 "matches.");
        if (const qsizetype n = m_model->matchCount(); n > 0) {
            message += QLatin1Char(' ') + tr("Matches found before it: %1.").arg(n);
        }
        m_error->showMessage(message, MessageLabel::Warning);
        return;
    }
    // Python's str(re.error), under the field at fault; its position is underlined there.
    const bool inReplacement = m_model->errorSource() == RegexModel::ErrorSource::Replacement;
    const QString source = inReplacement ? m_replacement->text() : m_pattern->toPlainText();
    const QString message = errorString(error, source);
    if (inReplacement) {
        m_error->clear();
        m_replacementError->showError(tr("bad replacement: %1").arg(message));
        return;
    }
    m_replacementError->clear();
    m_error->showError(message);
    if (error.pos >= 0 && !source.isEmpty()) {
        qsizetype at = Subject(source).toUtf16(error.pos);
        if (at >= source.size()) { // "at position N" past the end: the last character
            at = source.size() - 1;
            if (at > 0 && source.at(at).isLowSurrogate()) {
                --at;
            }
        }
        const qsizetype end = at + (source.at(at).isHighSurrogate() ? 2 : 1);
        QTextEdit::ExtraSelection caret;
        caret.cursor = QTextCursor(m_pattern->document());
        caret.cursor.setPosition(int(at));
        caret.cursor.setPosition(int(end), QTextCursor::KeepAnchor);
        caret.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        caret.format.setUnderlineColor(QColor(0xd0, 0x30, 0x30));
        caret.format.setBackground(QColor(0xd0, 0x30, 0x30, 60));
        m_errorMark = caret;
        applyPatternMarks();
    }
}

QTextEdit::ExtraSelection RegexPanel::errorMark() const
{
    return m_errorMark;
}

void RegexPanel::updateValue()
{
    // What the program prints: sub's string as print() shows it, then its repr.
    QString value = m_model->valueRepr();
    if (m_model->valuePrinted() != value) {
        value = m_model->valuePrinted() + QLatin1Char('\n') + value;
    }
    if (m_model->valueTruncated()) {
        value += QLatin1Char('\n') + tr("(shortened: the result is too long to show in full)");
    }
    m_value->setPlainText(value);
}

void RegexPanel::textEdited()
{
    if (m_settingText || m_text->isLoading()) {
        return;
    }
    m_model->setTextFileName(QString());
    if (m_text->document()->characterCount() <= kSmallText) {
        m_textTimer.stop();
        m_model->setText(m_text->text());
    } else {
        m_textTimer.start();
    }
}

void RegexPanel::setText(const QString &text, const QString &fileName)
{
    m_loadedFile.clear(); // a file still being shown is not announced as loaded
    m_text->stopLoading();
    m_settingText = true;
    m_text->setPlainText(stdlab::py::universalNewlines(text));
    m_settingText = false;
    m_textTimer.stop();
    // The editor's text, not @p text: offsets must be the document's.
    m_model->setText(m_text->text());
    m_model->setTextFileName(fileName);
}

void RegexPanel::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Test Text"));
    if (!path.isEmpty()) {
        openFile(path);
    }
}

void RegexPanel::openFile(const QString &path)
{
    if (m_fileWatcher.isRunning()) {
        m_pendingFile = path; // read when the file being read now is done
        m_status->setText(tr("Reading %1...").arg(QFileInfo(path).fileName()));
        return;
    }
    startReading(path);
}

void RegexPanel::startReading(const QString &path)
{
    m_loadingFile = path;
    m_status->setText(tr("Reading %1...").arg(QFileInfo(path).fileName()));
    // Reading and decoding a big file takes a second: in a worker; the editor then fills its
    // document in slices (RegexTextEdit::load()).
    m_fileWatcher.setFuture(QtConcurrent::run([path]() -> std::optional<QString> {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return std::nullopt;
        }
        return stdlab::py::readText(file.readAll());
    }));
}

void RegexPanel::loadExample(int index)
{
    const QList<Example> list = examples();
    if (index < 0 || index >= list.size()) {
        return;
    }
    showExample(list[index]);
    m_examples->setCurrentRow(int(index));
}

void RegexPanel::showExample(const Example &e)
{
    m_loadingExample = true;
    for (QCheckBox *box : m_flagBoxes) {
        box->setChecked(false);
    }
    m_count->setValue(0);
    m_pos->setValue(-1);
    m_endpos->setValue(-1);
    m_replacement->setText(e.replacement);
    m_function->setCurrentIndex(functionFromName(e.function));
    setText(e.text, QString());
    m_pattern->setPlainText(e.pattern);
    m_loadingExample = false;
    leaveExample(); // the list names what it loaded, not an example from elsewhere
}

void RegexPanel::leaveExample()
{
    // Once the user edits what an example loaded, the list no longer names what is shown.
    if (!m_loadingExample && m_examples->currentRow() >= 0) {
        m_examples->setCurrentRow(-1);
        m_examples->clearSelection();
    }
}

void RegexPanel::selectMatch(qsizetype index)
{
    const auto &matches = m_model->matches();
    if (index < 0 || index >= matches.size()) {
        return;
    }
    const qsizetype start = matches.unitStart(index);
    const qsizetype end = matches.unitEnd(index);
    const int length = m_text->document()->characterCount() - 1;
    if (end > length) {
        return; // the text changed since these matches were found
    }
    QTextCursor cursor = m_text->textCursor();
    cursor.setPosition(int(start));
    cursor.setPosition(int(end), QTextCursor::KeepAnchor);
    m_text->setTextCursor(cursor);
    m_text->ensureCursorVisible();
    m_text->setCurrentMatch(index);
    m_selecting = true;
    m_tableModel->ensureRow(int(index));
    m_table->selectRow(int(index));
    m_table->scrollTo(m_tableModel->index(int(index), 0));
    m_selecting = false;
}

void RegexPanel::nextMatch()
{
    const auto &matches = m_model->matches();
    if (matches.isEmpty()) {
        return;
    }
    qsizetype i = m_text->currentMatch();
    if (i < 0 || i >= matches.size()) {
        i = matches.firstStartingAtOrAfter(m_text->textCursor().selectionStart());
    } else {
        ++i;
    }
    selectMatch(i >= matches.size() ? 0 : i);
}

void RegexPanel::previousMatch()
{
    const auto &matches = m_model->matches();
    if (matches.isEmpty()) {
        return;
    }
    qsizetype i = m_text->currentMatch();
    if (i < 0 || i >= matches.size()) {
        i = matches.firstStartingAtOrAfter(m_text->textCursor().selectionStart()) - 1;
    } else {
        --i;
    }
    selectMatch(i < 0 ? matches.size() - 1 : i);
}

QString RegexPanel::pythonCode() const
{
    return m_model->pythonCode();
}

void RegexPanel::saveSettings(QSettings &settings) const
{
    settings.setValue(QStringLiteral("pattern"), m_pattern->toPlainText());
    settings.setValue(QStringLiteral("flags"), m_model->flags());
    settings.setValue(QStringLiteral("function"), functionName(m_model->function()));
    settings.setValue(QStringLiteral("replacement"), m_replacement->text());
    settings.setValue(QStringLiteral("count"), m_count->value());
    settings.setValue(QStringLiteral("pos"), m_pos->value());
    settings.setValue(QStringLiteral("endpos"), m_endpos->value());
    // The results' tab by name (value, explanation, railroad, redos): stable if tabs are added.
    settings.setValue(QStringLiteral("resultTab"), m_resultTabs->currentWidget()->objectName());
    const QString file = m_model->textFileName();
    if (!file.isEmpty()) {
        settings.setValue(QStringLiteral("file"), file);
        settings.remove(QStringLiteral("text"));
    } else if (m_model->text().size() <= kSavedText) {
        settings.setValue(QStringLiteral("text"), m_model->text());
        settings.remove(QStringLiteral("file"));
    } else {
        settings.remove(QStringLiteral("text"));
        settings.remove(QStringLiteral("file"));
    }
}

void RegexPanel::restoreSettings(QSettings &settings)
{
    if (!settings.contains(QStringLiteral("pattern"))) {
        return;
    }
    const int flags = settings.value(QStringLiteral("flags"), 0).toInt();
    for (int i = 0; i < 5; ++i) {
        m_flagBoxes[i]->setChecked(flags & kFlagValues[i]);
    }
    const int f = functionFromName(settings.value(QStringLiteral("function")).toString());
    if (f >= 0) {
        m_function->setCurrentIndex(f);
    }
    m_replacement->setText(settings.value(QStringLiteral("replacement")).toString());
    m_count->setValue(settings.value(QStringLiteral("count"), 0).toInt());
    m_pos->setValue(settings.value(QStringLiteral("pos"), -1).toInt());
    m_endpos->setValue(settings.value(QStringLiteral("endpos"), -1).toInt());
    const QString resultTab = settings.value(QStringLiteral("resultTab")).toString();
    for (int i = 0; i < m_resultTabs->count(); ++i) {
        if (m_resultTabs->widget(i)->objectName() == resultTab) {
            m_resultTabs->setCurrentIndex(i);
        }
    }
    if (settings.contains(QStringLiteral("file"))) {
        openFile(settings.value(QStringLiteral("file")).toString());
    } else if (settings.contains(QStringLiteral("text"))) {
        setText(settings.value(QStringLiteral("text")).toString(), QString());
    }
    m_pattern->setPlainText(settings.value(QStringLiteral("pattern")).toString());
}

#include "regex/redosview.h"

#include "common/pyrepr.h"
#include "regex/redosplot.h"
#include "regex/redosrunner.h"

#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace stdlab;

RedosView::RedosView(QWidget *parent)
    : QWidget(parent)
    , m_runner(new re::RedosRunner(this))
{
    // The page scrolls (vertically) within the results' height: 110 px at 800x600.
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("redosScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *page = new QWidget(scroll);
    m_scroll = scroll;
    m_summary = new QLabel(page);
    m_summary->setObjectName(QStringLiteral("redosSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_attackLabel = new QLabel(page);
    m_attack = new QLineEdit(page);
    m_attack->setObjectName(QStringLiteral("redosAttack"));
    m_attack->setReadOnly(true);
    m_attack->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_attackLabel->setBuddy(m_attack);
    m_countLabel = new QLabel(page);
    m_count = new QSpinBox(page);
    m_count->setObjectName(QStringLiteral("redosN"));
    m_count->setRange(1, kMaxTryLength);
    m_countLabel->setBuddy(m_count);
    m_copy = new QPushButton(page);
    m_copy->setObjectName(QStringLiteral("redosCopy"));
    m_try = new QPushButton(page);
    m_try->setObjectName(QStringLiteral("redosTry"));
    m_plot = new RedosPlot(page);
    m_plot->setObjectName(QStringLiteral("redosPlot"));

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_summary);
    auto *attack = new QHBoxLayout;
    attack->addWidget(m_attackLabel);
    attack->addWidget(m_attack, 1);
    layout->addLayout(attack);
    // n, Copy and Try it on a row of their own under the attack: beside it they did not fit
    // the results' width at 800x600.
    auto *actions = new QHBoxLayout;
    m_actions = actions;
    actions->addWidget(m_countLabel);
    actions->addWidget(m_count);
    actions->addWidget(m_copy);
    actions->addWidget(m_try);
    actions->addStretch();
    layout->addLayout(actions);
    layout->addWidget(m_plot, 1);
    // Without the plot (an unknown verdict), the rows stay at the top.
    layout->addStretch(0);
    scroll->setWidget(page);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &RedosView::start);
    connect(m_runner, &re::RedosRunner::finished, this,
            [this](const QString &pattern, int flags, const re::RedosVerdict &verdict) {
                if (pattern == m_pattern && flags == m_flags && !m_debounce.isActive()) {
                    showVerdict(verdict, QString());
                }
            });
    connect(m_runner, &re::RedosRunner::failed, this,
            [this](const QString &pattern, int flags, const re::Error &error) {
                if (pattern == m_pattern && flags == m_flags && !m_debounce.isActive()) {
                    showVerdict(std::nullopt, error.message);
                }
            });
    connect(m_count, &QSpinBox::valueChanged, this, &RedosView::updateAttack);
    connect(m_copy, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(attackExpression()); });
    connect(m_try, &QPushButton::clicked, this, [this] {
        if (hasAttack()) {
            Q_EMIT tryItRequested(attackText(), m_verdict->kind == re::RedosVerdict::Kind::Safe
                                                    ? QStringLiteral("match")
                                                    : m_verdict->function);
        }
    });
    retranslate();
    showVerdict(std::nullopt, QString());
}

RedosView::~RedosView() = default;

QSize RedosView::minimumSizeHint() const
{
    // As wide as the row of n, Copy and Try it (the page scrolls only vertically), a few lines
    // high. Summed from the widgets: the layouts of a hidden tab keep the sizes they had when
    // the row was hidden (no layout request is handled for an invisible widget).
    int row = 0;
    for (int i = 0; i < m_actions->count(); ++i) {
        if (QWidget *w = m_actions->itemAt(i)->widget()) {
            row += w->sizeHint().width() + m_actions->spacing();
        }
    }
    const QMargins margins = m_scroll->widget()->layout()->contentsMargins();
    const int width = row + margins.left() + margins.right()
        + m_scroll->verticalScrollBar()->sizeHint().width();
    return QSize(width, 3 * fontMetrics().lineSpacing());
}

void RedosView::setPattern(const QString &pattern, int flags)
{
    if (pattern == m_pattern && flags == m_flags && (m_checking || m_verdict)) {
        return;
    }
    m_pattern = pattern;
    m_flags = flags;
    m_verdict.reset();
    m_error.clear();
    m_checking = true;
    m_runner->cancel();
    m_debounce.start();
    showVerdict(std::nullopt, QString());
}

void RedosView::start()
{
    m_runner->start(m_pattern, m_flags);
}

void RedosView::showVerdict(const std::optional<re::RedosVerdict> &verdict, const QString &error)
{
    if (verdict || !error.isEmpty()) {
        m_checking = false;
    }
    m_verdict = verdict;
    m_error = error;
    QList<QPointF> points;
    if (m_verdict) {
        for (const re::RedosVerdict::Point &p : m_verdict->steps) {
            if (p.steps >= 0) {
                points << QPointF(p.n, double(p.steps));
            }
        }
    }
    const bool plotted = m_verdict && m_verdict->kind != re::RedosVerdict::Kind::Safe;
    m_plot->setPoints(plotted ? points : QList<QPointF>{});
    const bool attack = hasAttack();
    if (attack) {
        // The confirmation run's largest n: long enough to be felt in Python, bounded; for an
        // unknown verdict, the n that went over the budget.
        const re::RedosVerdict &v = *m_verdict;
        const bool heavy = v.kind == re::RedosVerdict::Kind::Safe;
        int n = heavy ? v.heavy.n : points.isEmpty() ? 20 : int(points.last().x());
        const qsizetype fixed = heavy ? v.heavy.prefix.size() + v.heavy.suffix.size()
                                      : v.prefix.size() + v.suffix.size();
        const qsizetype pump = std::max<qsizetype>(1, heavy ? v.heavy.pump.size() : v.pump.size());
        const int most = int(std::max<qsizetype>(1, (kMaxTryLength - fixed) / pump));
        m_count->setMaximum(most);
        m_count->setValue(std::clamp(n, 1, most));
    }
    for (QWidget *w : {static_cast<QWidget *>(m_attackLabel), static_cast<QWidget *>(m_attack),
                       static_cast<QWidget *>(m_countLabel), static_cast<QWidget *>(m_count),
                       static_cast<QWidget *>(m_copy), static_cast<QWidget *>(m_try)}) {
        w->setVisible(attack);
    }
    m_plot->setVisible(plotted);
    retranslate();
    updateAttack();
    Q_EMIT verdictChanged();
}

bool RedosView::warns() const
{
    return m_verdict && (m_verdict->kind != re::RedosVerdict::Kind::Safe || !m_verdict->complete);
}

bool RedosView::hasAttack() const
{
    return m_verdict
        && (m_verdict->kind != re::RedosVerdict::Kind::Safe
            || (!m_verdict->complete && m_verdict->gap == re::RedosVerdict::Gap::StepBudget
                && m_verdict->heavy.n > 0));
}

std::pair<qsizetype, qsizetype> RedosView::responsibleSpan() const
{
    if (!m_verdict) {
        return {-1, -1};
    }
    if (m_verdict->kind != re::RedosVerdict::Kind::Safe) {
        return {m_verdict->spanStart, m_verdict->spanEnd};
    }
    if (hasAttack()) {
        return {m_verdict->heavy.spanStart, m_verdict->heavy.spanEnd};
    }
    return {-1, -1};
}

QString RedosView::badgeText() const
{
    if (m_checking) {
        return tr("ReDoS: checking...");
    }
    if (!m_error.isEmpty()) {
        return tr("ReDoS: -");
    }
    if (!m_verdict) {
        return tr("ReDoS: -");
    }
    switch (m_verdict->kind) {
    case re::RedosVerdict::Kind::Exponential:
        return tr("ReDoS: exponential");
    case re::RedosVerdict::Kind::Polynomial:
        if (m_verdict->function == QLatin1String("search")) {
            return tr("ReDoS: re.search n^%1").arg(m_verdict->degree);
        }
        if (m_verdict->searchDegree > m_verdict->degree) {
            return tr("ReDoS: polynomial (n^%1, re.search n^%2)")
                .arg(m_verdict->degree)
                .arg(m_verdict->searchDegree);
        }
        return tr("ReDoS: polynomial (n^%1)").arg(m_verdict->degree);
    case re::RedosVerdict::Kind::Safe:
        break;
    }
    return m_verdict->complete ? tr("ReDoS: safe") : tr("ReDoS: unknown");
}

QString RedosView::summaryText() const
{
    if (m_checking) {
        return tr("Checking whether the pattern can backtrack catastrophically...");
    }
    if (!m_error.isEmpty()) {
        return tr("The pattern does not compile: %1").arg(m_error);
    }
    if (!m_verdict) {
        return {};
    }
    const re::RedosVerdict &v = *m_verdict;
    const std::u32string cps = py::codePoints(m_pattern);
    const auto [spanStart, spanEnd] = responsibleSpan();
    const qsizetype s = std::clamp<qsizetype>(spanStart, 0, qsizetype(cps.size()));
    const qsizetype e = std::clamp<qsizetype>(spanEnd, s, qsizetype(cps.size()));
    const QString part = py::fromCodePoints(cps.data() + s, e - s);
    if (v.kind == re::RedosVerdict::Kind::Safe) {
        if (v.complete) {
            return tr("Safe: no repetition in this pattern makes backtracking blow up.");
        }
        if (hasAttack()) {
            return tr("Unknown: the repeat %1 (underlined in the pattern) takes more than %2 "
                      "steps already on the text below with n = %3, too many to tell a large "
                      "constant from a growth. No blow-up was confirmed, but the pattern was not "
                      "shown to be safe.")
                .arg(part)
                .arg(re::kRedosMaxSteps)
                .arg(v.heavy.n);
        }
        return tr("Unknown: the analysis ran out of time before it measured every repetition. "
                  "No blow-up was confirmed, but the pattern was not shown to be safe.");
    }
    QString function = QStringLiteral("re.match");
    if (v.function == QLatin1String("fullmatch")) {
        function = QStringLiteral("re.fullmatch");
    } else if (v.function == QLatin1String("search")) {
        function = QStringLiteral("re.search");
    }
    QString kind = v.kind == re::RedosVerdict::Kind::Exponential
        ? tr("Exponential backtracking: each repetition of the pump multiplies the time %1 "
             "takes to fail.")
              .arg(function)
        : tr("Polynomial backtracking: the time %1 takes to fail grows as n^%2 for n "
             "repetitions of the pump.")
              .arg(function)
              .arg(v.degree);
    if (v.function == QLatin1String("search")) {
        kind += QLatin1Char(' ')
            + tr("re.search, findall, finditer, sub and split try every start of the text; "
                 "re.match showed no growth.");
    } else if (v.kind == re::RedosVerdict::Kind::Polynomial && v.searchDegree > v.degree) {
        kind += QLatin1Char(' ')
            + tr("re.search, which tries every start of the text, grows as n^%1 on it.")
                  .arg(v.searchDegree);
    }
    return kind + QLatin1Char(' ') + tr("Responsible part (underlined in the pattern): %1").arg(part);
}

int RedosView::pumpCount() const
{
    return m_count->value();
}

void RedosView::setPumpCount(int n)
{
    m_count->setValue(n);
}

QString RedosView::attackExpression() const
{
    if (!hasAttack()) {
        return {};
    }
    const re::RedosVerdict &v = *m_verdict;
    const bool heavy = v.kind == re::RedosVerdict::Kind::Safe;
    const QString &prefix = heavy ? v.heavy.prefix : v.prefix;
    const QString &suffix = heavy ? v.heavy.suffix : v.suffix;
    QStringList terms;
    if (!prefix.isEmpty()) {
        terms << py::repr(prefix);
    }
    terms << py::repr(heavy ? v.heavy.pump : v.pump) + QStringLiteral(" * ")
            + QString::number(m_count->value());
    if (!suffix.isEmpty()) {
        terms << py::repr(suffix);
    }
    return terms.join(QStringLiteral(" + "));
}

QString RedosView::attackText() const
{
    if (!hasAttack()) {
        return {};
    }
    const re::RedosVerdict &v = *m_verdict;
    if (v.kind == re::RedosVerdict::Kind::Safe) {
        return v.heavy.prefix + v.heavy.pump.repeated(m_count->value()) + v.heavy.suffix;
    }
    return v.prefix + v.pump.repeated(m_count->value()) + v.suffix;
}

void RedosView::updateAttack()
{
    m_attack->setText(attackExpression());
    m_attack->setCursorPosition(0);
}

void RedosView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QWidget::changeEvent(event);
}

void RedosView::retranslate()
{
    const bool heavy = m_verdict && m_verdict->kind == re::RedosVerdict::Kind::Safe;
    m_attackLabel->setText(heavy ? tr("&Text:") : tr("&Attack:"));
    const QString function = m_verdict ? m_verdict->function : QString();
    if (heavy) {
        m_attack->setToolTip(tr("The text that went over the step budget: n repetitions of the "
                                "pump between a prefix and a suffix"));
    } else if (function == QLatin1String("fullmatch")) {
        m_attack->setToolTip(tr("The text for re.fullmatch: n repetitions of the pump between "
                                "a prefix and a suffix"));
    } else if (function == QLatin1String("search")) {
        m_attack->setToolTip(tr("The text for re.search (findall, finditer, sub, split): n "
                                "repetitions of the pump between a prefix and a suffix"));
    } else {
        m_attack->setToolTip(tr("The text for re.match and re.search: n repetitions of the "
                                "pump between a prefix and a suffix"));
    }
    m_countLabel->setText(tr("&n:"));
    m_count->setToolTip(tr("How many times the pump is repeated"));
    m_copy->setText(tr("&Copy"));
    m_copy->setToolTip(tr("Copy the attack as a Python expression"));
    m_try->setText(tr("&Try It"));
    m_try->setToolTip(tr("Put the attack in the test text"));
    m_plot->setAccessibleName(tr("Steps of the backtracking run against n"));
    m_summary->setText(summaryText());
}

#pragma once

#include "regex/redos.h"

#include <QTimer>
#include <QWidget>

#include <optional>

class QBoxLayout;
class QLabel;
class QScrollArea;
class QLineEdit;
class QPushButton;
class QSpinBox;
class RedosPlot;

namespace stdlab::re {
class RedosRunner;
}

/**
 * The Regex tab's ReDoS view: whether the pattern can hang Python's re by catastrophic
 * backtracking (re::redos(), run by RedosRunner in a worker: the last pattern given wins, a
 * keystroke only restarts a timer), the part of the pattern responsible, the attack string as
 * Python writes it with Copy and "Try it", and the steps the confirmation run measured against
 * the pump count, plotted. The panel shows badgeText() beside the pattern and underlines the
 * responsible part.
 */
class RedosView : public QWidget
{
    Q_OBJECT

public:
    /// "Try it" puts at most this many characters in the test text.
    static constexpr int kMaxTryLength = 100'000;
    /// Typing pauses this long before an analysis starts.
    static constexpr int kDebounceMs = 250;

    explicit RedosView(QWidget *parent = nullptr);
    ~RedosView() override;

    /// Analyses @p pattern under @p flags (Python's values) once typing pauses.
    void setPattern(const QString &pattern, int flags);
    bool isChecking() const { return m_checking; }
    /// The verdict on the pattern last given (nullopt while checking or when it is invalid).
    const std::optional<stdlab::re::RedosVerdict> &verdict() const { return m_verdict; }
    /// The pattern the verdict is about.
    QString pattern() const { return m_pattern; }
    /// A few words for the badge beside the pattern ("ReDoS: exponential").
    QString badgeText() const;
    /// Whether the badge warns: a polynomial or exponential verdict, or an unknown one (the
    /// analysis could not show that the pattern is safe).
    bool warns() const;
    /// Whether there is a text to show, copy and try: the attack, or the text over the step
    /// budget of an unknown verdict.
    bool hasAttack() const;
    /// The part of the pattern responsible (code points), or (-1, -1).
    std::pair<qsizetype, qsizetype> responsibleSpan() const;
    /// The sentence shown above the attack.
    QString summaryText() const;
    /// The attack for the n chosen, as Python writes it: 'a' * 25 + '!'.
    QString attackExpression() const;
    /// The attack's characters for the n chosen (what "Try it" puts in the text).
    QString attackText() const;
    int pumpCount() const;
    void setPumpCount(int n);
    RedosPlot *plot() const { return m_plot; }

    QSize minimumSizeHint() const override;

Q_SIGNALS:
    /// An analysis started, or its verdict (or the pattern's error) arrived.
    void verdictChanged();
    /// "Try it": @p text is the attack; @p function the function it is for: "fullmatch" (the
    /// pattern has no $ of its own at the end), "search" (re.match does not blow up) or "match"
    /// (every function does).
    void tryItRequested(const QString &text, const QString &function);

protected:
    void changeEvent(QEvent *event) override;

private:
    void start();
    void showVerdict(const std::optional<stdlab::re::RedosVerdict> &verdict, const QString &error);
    void updateAttack();
    void retranslate();

    stdlab::re::RedosRunner *m_runner;
    QTimer m_debounce;
    QString m_pattern;
    int m_flags = 0;
    bool m_checking = false;
    std::optional<stdlab::re::RedosVerdict> m_verdict;
    QString m_error;
    QScrollArea *m_scroll;
    QBoxLayout *m_actions;
    QLabel *m_summary;
    QLabel *m_attackLabel;
    QLineEdit *m_attack;
    QLabel *m_countLabel;
    QSpinBox *m_count;
    QPushButton *m_copy;
    QPushButton *m_try;
    RedosPlot *m_plot;
};

#pragma once

#include "regex/regexexplain.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QTreeWidget>

#include <string>

/**
 * The Regex tab's Explanation: one node per element of the pattern as CPython parses it, with
 * the sentence `stdlab regex explain` prints, in the UI language (core/regex/regexexplain).
 * The pattern is explained in a worker, never on the keystroke (a pattern of thousands of
 * alternatives takes tens of milliseconds), the last one typed wins. The node under the mouse,
 * else the current one, is announced with highlightChanged() so that the panel marks its part
 * of the pattern and, for a capturing group, that group's matches in the text; selectAt()
 * makes the node at a place of the pattern current (a click in the pattern).
 */
class RegexExplainView : public QTreeWidget
{
    Q_OBJECT

public:
    /// Nodes shown at most; more are counted in a last node.
    static constexpr int kMaxNodes = 2000;
    /// Item data: the element's span in code points and its capturing group (0: none).
    enum Role { StartRole = Qt::UserRole, EndRole, GroupRole };

    explicit RegexExplainView(QWidget *parent = nullptr);
    ~RegexExplainView() override;

    /// Explains @p pattern under @p flags (Python's values) in the worker.
    void setPattern(const QString &pattern, int flags);
    /// True while an explanation is on its way (explained() follows).
    bool isExplaining() const { return m_running || m_pending; }

    /// Makes current the deepest node whose part of the pattern holds code point @p pos.
    void selectAt(qsizetype pos);

    /// The node texts depth first, each "  " per level, then "`part`  sentence".
    QStringList nodeTexts() const;

    /** What the highlighted node covers: its span (code points) and group; start -1: none. */
    struct Highlight
    {
        qsizetype start = -1;
        qsizetype end = -1;
        int group = 0;
        bool operator==(const Highlight &) const = default;
    };
    Highlight highlight() const { return m_highlight; }

Q_SIGNALS:
    /// The tree shows the explanation (or the error) of the last pattern given.
    void explained();
    /// The node under the mouse, else the current node, changed (start -1: none).
    void highlightChanged();

protected:
    void changeEvent(QEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Result
    {
        std::optional<QList<stdlab::re::ExplainLine>> lines;
        stdlab::re::Error error;
    };
    void start();
    void showResult(const Result &result);
    void updateHighlight();
    void fitPatternColumn();
    void retranslate();

    QString m_pattern;
    int m_flags = 0;
    bool m_pending = false; // a pattern waits to be explained
    bool m_running = false; // the worker's explanation is not shown yet
    bool m_hasPattern = false;
    std::u32string m_codePoints; // of the pattern shown
    QFutureWatcher<Result> m_watcher;
    QTimer m_debounce;
    QTreeWidgetItem *m_hovered = nullptr;
    int m_patternWidth = 0; // what the pattern column would take whole
    Highlight m_highlight;
};

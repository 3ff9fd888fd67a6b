#pragma once

#include "regex/railroad.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

#include <optional>

class QLabel;
class QScrollArea;
class QToolButton;

namespace stdlab {
class RailroadView;
}

/**
 * The Regex tab's Railroad: the pattern as a railroad diagram (re::railroad, painted by
 * RailroadView) in a scroll area, with zoom buttons. The diagram is laid out in a worker a
 * moment after typing stops (a pattern of thousands of alternatives takes tens of
 * milliseconds), the last pattern given wins, and it wraps into rows as wide as the pane.
 * The part of the pattern under the mouse is announced with hovered(); setHighlight() marks
 * the boxes of a part (the pattern or the explanation under the mouse).
 */
class RailroadPane : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kDebounceMs = 120;

    explicit RailroadPane(QWidget *parent = nullptr);
    ~RailroadPane() override;

    /// Draws @p pattern under @p flags (Python's values) once typing pauses.
    void setPattern(const QString &pattern, int flags);
    /// True while a diagram is on its way (drawn() follows).
    bool isDrawing() const { return m_debounce.isActive() || m_watcher.isRunning(); }
    /// The pattern the diagram shown is of.
    QString pattern() const { return m_shownPattern; }
    /// Marks the boxes within [start, end) (code points; start < 0: none).
    void setHighlight(qsizetype start, qsizetype end);
    /// The innermost box whose part of the pattern holds code point @p pos: its span, or
    /// (-1, -1).
    QPair<qsizetype, qsizetype> spanAt(qsizetype pos) const;
    stdlab::RailroadView *view() const { return m_view; }
    /// The width the diagram is wrapped to (the viewport's, at zoom 1).
    double wrapWidth() const;
    /// Writes the diagram shown to @p file (SVG, or PNG for a .png name; "Export..." asks for
    /// the name). Returns the error, empty on success; the message line shows the outcome.
    QString exportTo(const QString &file);

Q_SIGNALS:
    /// The diagram (or the pattern's error) of the last pattern given is shown.
    void drawn();
    /// The part of the pattern under the mouse; (-1, -1) when the mouse leaves every box.
    void hovered(qsizetype start, qsizetype end);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Result
    {
        QString pattern;
        std::optional<stdlab::re::RailroadDiagram> diagram;
        stdlab::re::Error error;
    };
    void start();
    void showResult(const Result &result);
    void retranslate();

    QString m_pattern;
    int m_flags = 0;
    bool m_hasPattern = false;
    QString m_shownPattern;
    double m_shownWidth = 0;
    QTimer m_debounce;
    QFutureWatcher<Result> m_watcher;
    QLabel *m_message;
    QScrollArea *m_scroll;
    stdlab::RailroadView *m_view;
    QToolButton *m_zoomOut;
    QToolButton *m_zoomIn;
    QToolButton *m_zoomReset;
    QToolButton *m_export;
};

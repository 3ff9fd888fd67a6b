#pragma once

#include "regex/pyregex.h"

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include <optional>

namespace stdlab::re {

/** One drawn element of a railroad diagram: a box, a frame around a part, or a label. */
struct RailroadItem
{
    enum class Kind {
        Terminal, ///< characters: a literal run, a set, a category, any character
        Anchor, ///< a zero-width position (^, $, \b ...)
        Reference, ///< a back-reference (?P=name), \1
        Frame, ///< a dashed frame: a group, atomic group, lookaround, conditional, scoped flags
        Label, ///< text on its own: a repeat's count, a frame's title
    };
    Kind kind = Kind::Terminal;
    QRectF rect;
    QString text;
    qsizetype start = -1; ///< the element's part of the pattern, in code points
    qsizetype end = -1;
    int group = 0; ///< a capturing group's frame and title: its number
};

/**
 * A railroad diagram of a pattern laid out from the tree CPython's parser builds (the "parse"
 * op): sequences left to right, alternatives stacked, repeats with a loop back under their body
 * (and a path over it when they may be skipped) and their count, groups framed with number and
 * name. Pure geometry in pixels at zoom 1 (monospace text of kCharWidth per character), no
 * widgets: RailroadView paints it, railroadSvg() writes it. The labels are in the UI language
 * (context "RegexRailroad").
 */
struct RailroadDiagram
{
    static constexpr double kCharWidth = 7.2; ///< 12 px monospace
    static constexpr double kFontSize = 12;
    /// At most this many items: a larger pattern is cut and ends in a "…" box (truncated).
    static constexpr int kMaxItems = 2000;

    QSizeF size;
    QList<RailroadItem> items;
    QList<QList<QPointF>> rails; ///< polylines
    QPointF entry; ///< where the main rail starts and ends
    QPointF exit;
    bool truncated = false;
    int rows = 1; ///< rows the pattern's top-level sequence was wrapped into

    /// The innermost item with a span at @p point (boxes before the frames around them), or -1.
    qsizetype itemAt(const QPointF &point) const;
    /// The capturing group whose frame has the span [start, end), or 0.
    int groupOf(qsizetype start, qsizetype end) const;
};

/// The diagram, or nullopt with *error set as re.compile would say it. With @p maxWidth > 0
/// the pattern's top-level sequence wraps into rows so that the diagram is at most that wide
/// (an element wider than the rest of the room by itself keeps a row of its own, whole).
std::optional<RailroadDiagram> railroad(const QString &pattern, int flags, Error *error = nullptr,
                                        double maxWidth = 0);

/// The diagram as a standalone SVG document.
QString railroadSvg(const RailroadDiagram &diagram);

} // namespace stdlab::re

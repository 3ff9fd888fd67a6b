#include "regex/railroad.h"

#include "common/pyrepr.h"
#include "regex/pytranslate.h"
#include "regex/regexexplain.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <limits>

namespace stdlab::re {

namespace {

constexpr double kBoxHeight = 24;
constexpr double kPad = 8; ///< text to box edge, frame to content
constexpr double kGap = 12; ///< between items of a sequence
constexpr double kRail = 16; ///< room for the rails that split and join
constexpr double kVGap = 8; ///< between alternatives
constexpr double kLabelHeight = 16;
constexpr double kMargin = 10;
constexpr qsizetype kMaxText = 40; ///< characters of a box before "…"

/** A laid-out part: its rail enters at (0, y) and leaves at (w, y). */
struct Block
{
    double w = 0;
    double h = 0;
    double y = 0;
    QList<RailroadItem> items;
    QList<QList<QPointF>> rails;

    void add(Block &&b, double dx, double dy)
    {
        for (RailroadItem &item : b.items) {
            item.rect.translate(dx, dy);
            items.append(std::move(item));
        }
        for (QList<QPointF> &rail : b.rails) {
            for (QPointF &p : rail) {
                p += QPointF(dx, dy);
            }
            rails.append(std::move(rail));
        }
    }
};

class Builder
{
    Q_DECLARE_TR_FUNCTIONS(RegexRailroad)

public:
    /// @p maxWidth > 0: every sequence wraps into rows so that the diagram is at most that
    /// wide (the room left inside its frames, loops and alternatives).
    Builder(const QJsonObject &parsed, double maxWidth) : m_wrap(maxWidth > 0)
    {
        const QJsonObject index = parsed.value(QStringLiteral("groupindex")).toObject();
        for (auto it = index.begin(); it != index.end(); ++it) {
            m_names.insert(it.value().toInt(), it.key());
        }
    }

    bool truncated() const { return m_truncated; }

    /// A sequence in @p room pixels: one row when it fits, else rows (wrapped()).
    Block seq(const QJsonArray &items, const QJsonArray &spans, int flags, double room)
    {
        // Each element keeps room for the rails of the rows it may be wrapped into.
        QList<Block> parts =
            blocks(items, spans, flags, items.size() > 1 ? room - 2 * kRail : room);
        double w = 0;
        for (const Block &b : parts) {
            w += b.w + (w > 0 ? kGap : 0);
        }
        if (!m_wrap || parts.size() < 2 || w <= room) {
            return sequence(std::move(parts));
        }
        double exitY = 0;
        return wrapped(std::move(parts), room - 2 * kRail, true, &exitY);
    }

    /// The blocks of a sequence, each laid out on its own in @p room pixels (a run of
    /// literals is one).
    QList<Block> blocks(const QJsonArray &items, const QJsonArray &spans, int flags, double room)
    {
        QList<Block> blocks;
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (m_count >= RailroadDiagram::kMaxItems) {
                m_truncated = true;
                blocks.append(box(RailroadItem::Kind::Terminal, QStringLiteral("…"), -1, -1));
                break;
            }
            const QJsonArray item = items.at(i).toArray();
            const QJsonArray span = spans.at(i).toArray();
            if (item.at(0).toString() == QLatin1String("LITERAL")) {
                // A run of literals is one box.
                std::u32string run;
                qsizetype j = i;
                while (j < items.size()
                       && items.at(j).toArray().at(0).toString() == QLatin1String("LITERAL")
                       && run.size() < size_t(kMaxText)) {
                    run.push_back(char32_t(items.at(j).toArray().at(1).toInteger()));
                    ++j;
                }
                const qsizetype end = spans.at(j - 1).toArray().at(1).toInteger();
                blocks.append(box(RailroadItem::Kind::Terminal,
                                  py::repr(py::fromCodePoints(run.data(), qsizetype(run.size()))),
                                  span.at(0).toInteger(), end));
                i = j - 1;
                continue;
            }
            blocks.append(node(item, span, flags, room));
        }
        return blocks;
    }

    /**
     * @p blocks in rows of at most @p inner pixels (a block wider than that has a row of its
     * own), the way printed railroad diagrams continue a long line: a row's rail runs on past
     * its end, down between the rows, back left and into the next row. The rail enters at the
     * first row's height; it leaves at the last row's (*exitY), or, with @p backToTop, climbs
     * at the right edge to leave at the first row's height as every block does.
     */
    static Block wrapped(QList<Block> blocks, double inner, bool backToTop, double *exitY,
                         int *rowCount = nullptr)
    {
        QList<QList<Block>> rowBlocks(1);
        double used = 0;
        for (Block &b : blocks) {
            const double w = b.w;
            if (!rowBlocks.last().isEmpty() && used + kGap + w > inner) {
                rowBlocks.append(QList<Block>());
                used = 0;
            }
            used += (rowBlocks.last().isEmpty() ? 0 : kGap) + w;
            rowBlocks.last().append(std::move(b));
        }
        QList<Block> rows;
        double widest = 0;
        for (QList<Block> &r : rowBlocks) {
            rows.append(sequence(std::move(r)));
            widest = std::max(widest, rows.last().w);
        }
        if (rowCount) {
            *rowCount = int(rows.size());
        }
        Block out;
        const double x0 = kRail;
        const double turnRight = x0 + widest + kRail / 2;
        const double turnLeft = kRail / 2;
        out.w = widest + 2 * kRail;
        out.y = rows.first().y;
        out.rails.append({QPointF(0, out.y), QPointF(x0, out.y)});
        double top = 0;
        double bottom = 0;
        for (qsizetype i = 0; i < rows.size(); ++i) {
            Block &row = rows[i];
            const double y = top + row.y;
            const double end = x0 + row.w;
            bottom = std::max(top + row.h, y + 6);
            out.add(std::move(row), x0, top);
            if (i + 1 < rows.size()) {
                const double back = bottom + kVGap;
                const double nextTop = back + kVGap;
                const double nextY = nextTop + rows[i + 1].y;
                out.rails.append({QPointF(end, y), QPointF(turnRight, y),
                                  QPointF(turnRight, back), QPointF(turnLeft, back),
                                  QPointF(turnLeft, nextY), QPointF(x0, nextY)});
                top = nextTop;
            } else if (backToTop) {
                out.rails.append({QPointF(end, y), QPointF(out.w, y), QPointF(out.w, out.y)});
                *exitY = out.y;
            } else {
                out.rails.append({QPointF(end, y), QPointF(out.w, y)});
                *exitY = y;
            }
        }
        out.h = bottom;
        return out;
    }

private:
    // A set as the class syntax writes it ([a-z_], [^\d]), from the parser's members: the
    // parser also makes sets of alternatives (a|b -> [ab]).
    static QString setText(const QJsonArray &members)
    {
        auto character = [](qint64 v) {
            const char32_t c = char32_t(v);
            if (c == '\n') {
                return QStringLiteral("\\n");
            }
            if (c == '\t') {
                return QStringLiteral("\\t");
            }
            if (c < 0x20 || c == 0x7F) {
                return QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
            }
            const QString s = py::fromCodePoints(&c, 1);
            return QStringLiteral("]\\^-").contains(s) ? QLatin1Char('\\') + s : s;
        };
        static const QHash<QString, QString> kCategories = {
            {QStringLiteral("CATEGORY_DIGIT"), QStringLiteral("\\d")},
            {QStringLiteral("CATEGORY_NOT_DIGIT"), QStringLiteral("\\D")},
            {QStringLiteral("CATEGORY_SPACE"), QStringLiteral("\\s")},
            {QStringLiteral("CATEGORY_NOT_SPACE"), QStringLiteral("\\S")},
            {QStringLiteral("CATEGORY_WORD"), QStringLiteral("\\w")},
            {QStringLiteral("CATEGORY_NOT_WORD"), QStringLiteral("\\W")},
        };
        QString out = QStringLiteral("[");
        for (const QJsonValue &v : members) {
            const QJsonArray m = v.toArray();
            const QString kind = m.at(0).toString();
            if (kind == QLatin1String("NEGATE")) {
                out += QLatin1Char('^');
            } else if (kind == QLatin1String("LITERAL")) {
                out += character(m.at(1).toInteger());
            } else if (kind == QLatin1String("RANGE")) {
                const QJsonArray r = m.at(1).toArray();
                out += character(r.at(0).toInteger()) + QLatin1Char('-')
                    + character(r.at(1).toInteger());
            } else if (kind == QLatin1String("CATEGORY")) {
                out += kCategories.value(m.at(1).toString());
            }
        }
        return out + QLatin1Char(']');
    }

    QString groupTitle(int g) const
    {
        const QString name = m_names.value(g);
        return name.isEmpty() ? tr("group %1").arg(g) : tr("group %1 '%2'").arg(g).arg(name);
    }

    static QString category(const QString &name)
    {
        if (name == QLatin1String("CATEGORY_DIGIT")) {
            return tr("digit");
        }
        if (name == QLatin1String("CATEGORY_NOT_DIGIT")) {
            return tr("not a digit");
        }
        if (name == QLatin1String("CATEGORY_SPACE")) {
            return tr("whitespace");
        }
        if (name == QLatin1String("CATEGORY_NOT_SPACE")) {
            return tr("not whitespace");
        }
        if (name == QLatin1String("CATEGORY_WORD")) {
            return tr("word character");
        }
        if (name == QLatin1String("CATEGORY_NOT_WORD")) {
            return tr("not a word character");
        }
        return name;
    }

    static QString anchor(const QString &name, int flags)
    {
        const bool multiline = flags & MULTILINE;
        if (name == QLatin1String("AT_BEGINNING")) {
            return multiline ? tr("start of line") : tr("start of text");
        }
        if (name == QLatin1String("AT_END")) {
            return multiline ? tr("end of line") : tr("end of text");
        }
        if (name == QLatin1String("AT_BEGINNING_STRING")) {
            return tr("start of text (\\A)");
        }
        if (name == QLatin1String("AT_END_STRING")) {
            return tr("end of text (\\Z)");
        }
        if (name == QLatin1String("AT_BOUNDARY")) {
            return tr("word boundary");
        }
        if (name == QLatin1String("AT_NON_BOUNDARY")) {
            return tr("not a word boundary");
        }
        return name;
    }

    static QString count(const QString &op, qint64 min, qint64 max)
    {
        QString times;
        if (max < 0 && min == 0) {
            times = tr("zero or more");
        } else if (max < 0 && min == 1) {
            times = tr("one or more");
        } else if (max < 0) {
            times = tr("%n or more", nullptr, int(min));
        } else if (min == 0 && max == 1) {
            times = tr("optional");
        } else if (min == max) {
            times = tr("exactly %n time(s)", nullptr, int(min));
        } else {
            times = tr("%1 to %2 times").arg(min).arg(max);
        }
        if (op == QLatin1String("MIN_REPEAT")) {
            return tr("%1, lazy").arg(times);
        }
        if (op == QLatin1String("POSSESSIVE_REPEAT")) {
            return tr("%1, possessive").arg(times);
        }
        return times;
    }

    Block box(RailroadItem::Kind kind, QString label, qsizetype start, qsizetype end)
    {
        if (label.size() > kMaxText) {
            label = label.left(kMaxText - 1) + QStringLiteral("…");
        }
        ++m_count;
        Block b;
        b.w = std::max(kBoxHeight, double(label.size()) * RailroadDiagram::kCharWidth + 2 * kPad);
        b.h = kBoxHeight;
        b.y = kBoxHeight / 2;
        b.items.append(RailroadItem{kind, QRectF(0, 0, b.w, b.h), label, start, end, 0});
        return b;
    }

public:
    static Block sequence(QList<Block> blocks)
    {
        Block out;
        if (blocks.isEmpty()) {
            out.w = 2 * kGap;
            out.rails.append({QPointF(0, 0), QPointF(out.w, 0)});
            return out;
        }
        double below = 0;
        for (const Block &b : blocks) {
            out.y = std::max(out.y, b.y);
            below = std::max(below, b.h - b.y);
        }
        double x = 0;
        for (qsizetype i = 0; i < blocks.size(); ++i) {
            if (i > 0) {
                out.rails.append({QPointF(x, out.y), QPointF(x + kGap, out.y)});
                x += kGap;
            }
            const double w = blocks[i].w;
            const double dy = out.y - blocks[i].y;
            out.add(std::move(blocks[i]), x, dy);
            x += w;
        }
        out.w = x;
        out.h = out.y + below;
        return out;
    }

private:
    // Alternatives stacked, the first on the rail.
    static Block choice(QList<Block> alternatives)
    {
        Block out;
        double inner = 0;
        for (const Block &b : alternatives) {
            inner = std::max(inner, b.w);
        }
        out.w = inner + 2 * kRail;
        out.y = alternatives.isEmpty() ? 0 : alternatives.first().y;
        const double y = out.y;
        const double left = kRail / 2;
        const double right = kRail + inner + kRail / 2;
        double top = 0;
        double above = y; // where the previous alternative left the split and join rails
        for (qsizetype k = 0; k < alternatives.size(); ++k) {
            Block &b = alternatives[k];
            const double rail = top + b.y;
            if (k == 0) {
                out.rails.append({QPointF(0, y), QPointF(kRail, y)});
                out.rails.append({QPointF(kRail + b.w, y), QPointF(out.w, y)});
            } else {
                // Each alternative draws only the stretch of the split and join rails below the
                // one before it: the same picture as a rail from the top to every row, but its
                // length grows with the number of alternatives, not with its square (10,000
                // alternatives took minutes to paint).
                out.rails.append({QPointF(left, above), QPointF(left, rail), QPointF(kRail, rail)});
                out.rails.append(
                    {QPointF(kRail + b.w, rail), QPointF(right, rail), QPointF(right, above)});
            }
            above = rail;
            const double h = b.h;
            out.add(std::move(b), kRail, top);
            top += h + kVGap;
        }
        out.h = std::max(0.0, top - kVGap);
        return out;
    }

    Block loop(Block body, const QString &label, qint64 min, qint64 max, qsizetype start,
               qsizetype end)
    {
        Block out;
        const bool skip = min == 0;
        const bool back = max < 0 || max > 1;
        const double top = skip ? 12 : 0;
        out.y = top + body.y;
        const double y = out.y;
        const double bw = body.w;
        const double bh = body.h;
        const double right = kRail + bw + kRail / 2;
        out.rails.append({QPointF(0, y), QPointF(kRail, y)});
        out.rails.append({QPointF(kRail + bw, y), QPointF(2 * kRail + bw, y)});
        double bottom = top + bh;
        if (back) {
            bottom += 8;
            out.rails.append({QPointF(kRail + bw, y), QPointF(right, y), QPointF(right, bottom),
                              QPointF(kRail / 2, bottom), QPointF(kRail / 2, y),
                              QPointF(kRail, y)});
        }
        if (skip) {
            out.rails.append({QPointF(kRail / 2, y), QPointF(kRail / 2, 2), QPointF(right, 2),
                              QPointF(right, y)});
        }
        out.add(std::move(body), kRail, top);
        const double labelWidth = double(label.size()) * RailroadDiagram::kCharWidth;
        ++m_count;
        out.items.append(RailroadItem{RailroadItem::Kind::Label,
                                      QRectF(kRail, bottom + 2, labelWidth, kLabelHeight), label,
                                      start, end, 0});
        out.w = std::max(2 * kRail + bw, kRail + labelWidth + kPad);
        if (out.w > 2 * kRail + bw) {
            out.rails.append({QPointF(2 * kRail + bw, y), QPointF(out.w, y)});
        }
        out.h = bottom + 2 + kLabelHeight;
        return out;
    }

    Block frame(Block body, const QString &title, qsizetype start, qsizetype end, int group = 0)
    {
        Block out;
        const double titleWidth = double(title.size()) * RailroadDiagram::kCharWidth;
        const double inset = kLabelHeight + 4;
        out.w = std::max(body.w + 2 * kPad, titleWidth + 2 * kPad);
        out.h = inset + body.h + kPad;
        out.y = inset + body.y;
        const double x = (out.w - body.w) / 2;
        m_count += 2;
        out.items.append(RailroadItem{RailroadItem::Kind::Frame, QRectF(0, 0, out.w, out.h),
                                      QString(), start, end, group});
        out.items.append(RailroadItem{RailroadItem::Kind::Label,
                                      QRectF(kPad, 2, titleWidth, kLabelHeight), title, start,
                                      end, group});
        out.rails.append({QPointF(0, out.y), QPointF(x, out.y)});
        out.rails.append({QPointF(x + body.w, out.y), QPointF(out.w, out.y)});
        out.add(std::move(body), x, inset);
        return out;
    }

    Block node(const QJsonArray &item, const QJsonArray &span, int flags, double room)
    {
        const QString op = item.at(0).toString();
        const QJsonValue av = item.at(1);
        const QJsonArray a = av.toArray();
        const qsizetype s = span.at(0).toInteger();
        const qsizetype e = span.at(1).toInteger();
        auto body = [&](int k) { return span.at(2 + k).toArray(); };
        using Kind = RailroadItem::Kind;
        if (op == QLatin1String("NOT_LITERAL")) {
            const char32_t c = char32_t(av.toInteger());
            return box(Kind::Terminal, tr("not %1").arg(py::repr(py::fromCodePoints(&c, 1))), s, e);
        }
        if (op == QLatin1String("ANY")) {
            return box(Kind::Terminal,
                       (flags & DOTALL) ? tr("any character") : tr("any character but newline"), s,
                       e);
        }
        if (op == QLatin1String("IN")) {
            if (a.size() == 1
                && a.first().toArray().at(0).toString() == QLatin1String("CATEGORY")) {
                return box(Kind::Terminal, category(a.first().toArray().at(1).toString()), s, e);
            }
            return box(Kind::Terminal, setText(a), s, e);
        }
        if (op == QLatin1String("AT")) {
            return box(Kind::Anchor, anchor(av.toString(), flags), s, e);
        }
        if (op == QLatin1String("BRANCH")) {
            const QJsonArray alternatives = a.at(1).toArray();
            QList<Block> blocks;
            for (qsizetype k = 0; k < alternatives.size(); ++k) {
                blocks.append(
                    seq(alternatives.at(k).toArray(), body(int(k)), flags, room - 2 * kRail));
            }
            return choice(std::move(blocks));
        }
        if (op == QLatin1String("SUBPATTERN")) {
            const int add = a.at(1).toInt();
            const int del = a.at(2).toInt();
            const int inner = flagsInGroup(flags, add, del);
            QString title;
            if (a.at(0).isNull()) {
                title = tr("flags %1").arg(scopedFlagWords(add, del));
            } else {
                title = groupTitle(a.at(0).toInt());
                if (add || del) {
                    title += QLatin1Char(' ') + scopedFlagWords(add, del);
                }
            }
            return frame(seq(a.at(3).toArray(), body(0), inner, room - 2 * kPad), title, s, e,
                         a.at(0).isNull() ? 0 : a.at(0).toInt());
        }
        if (op == QLatin1String("ATOMIC_GROUP")) {
            return frame(seq(a, body(0), flags, room - 2 * kPad), tr("atomic group"), s, e);
        }
        if (op.endsWith(QLatin1String("_REPEAT"))) {
            const qint64 min = a.at(0).toInteger();
            const qint64 max = a.at(1).isString() ? -1 : a.at(1).toInteger();
            return loop(seq(a.at(2).toArray(), body(0), flags, room - 2 * kRail),
                        count(op, min, max), min, max, s, e);
        }
        if (op == QLatin1String("GROUPREF")) {
            const int g = av.toInt();
            const QString name = m_names.value(g);
            return box(Kind::Reference,
                       name.isEmpty() ? tr("same text as group %1").arg(g)
                                      : tr("same text as group %1 '%2'").arg(g).arg(name),
                       s, e);
        }
        if (op == QLatin1String("GROUPREF_EXISTS")) {
            QList<Block> branches;
            const double inside = room - 2 * kPad - 2 * kRail;
            branches.append(seq(a.at(1).toArray(), body(0), flags, inside));
            branches.append(a.at(2).isNull() ? sequence({})
                                             : seq(a.at(2).toArray(), body(1), flags, inside));
            const int g = a.at(0).toInt();
            return frame(choice(std::move(branches)),
                         tr("if %1 matched (else the lower path)").arg(groupTitle(g)), s, e);
        }
        if (op == QLatin1String("ASSERT") || op == QLatin1String("ASSERT_NOT")) {
            const bool behind = a.at(0).toInt() < 0;
            const bool negative = op == QLatin1String("ASSERT_NOT");
            const QString title = behind ? (negative ? tr("not preceded by") : tr("preceded by"))
                                         : (negative ? tr("not followed by") : tr("followed by"));
            return frame(seq(a.at(1).toArray(), body(0), flags, room - 2 * kPad), title, s, e);
        }
        return box(Kind::Terminal, op, s, e);
    }

    QHash<int, QString> m_names;
    bool m_wrap = false;
    int m_count = 0;
    bool m_truncated = false;
};

QString escaped(const QString &s)
{
    return s.toHtmlEscaped();
}

QString number(double v)
{
    return QString::number(v, 'f', 1);
}

} // namespace

qsizetype RailroadDiagram::itemAt(const QPointF &point) const
{
    qsizetype best = -1;
    double bestArea = 0;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const RailroadItem &item = items[i];
        if (item.start < 0 || !item.rect.contains(point)) {
            continue;
        }
        const double area = item.rect.width() * item.rect.height();
        if (best < 0 || area < bestArea) {
            best = i;
            bestArea = area;
        }
    }
    return best;
}

int RailroadDiagram::groupOf(qsizetype start, qsizetype end) const
{
    for (const RailroadItem &item : items) {
        if (item.group > 0 && item.start == start && item.end == end) {
            return item.group;
        }
    }
    return 0;
}

std::optional<RailroadDiagram> railroad(const QString &pattern, int flags, Error *error,
                                        double maxWidth)
{
    const detail::ParseTree t = detail::parseTree(pattern, flags);
    if (!t.ok) {
        if (error) {
            *error = Error{t.errorMessage, t.errorPos, false, t.errorKind};
        }
        return std::nullopt;
    }
    Builder builder(t.result, maxWidth);
    const double room = maxWidth - 2 * kMargin;
    QList<Block> blocks = builder.blocks(t.result.value(QStringLiteral("tree")).toArray(),
                                         t.result.value(QStringLiteral("spans")).toArray(),
                                         t.result.value(QStringLiteral("flags")).toInt(),
                                         room - 2 * kRail);
    // Rows as wide as the room left by the margins and the rails that enter, leave and turn.
    RailroadDiagram d;
    double exitY = 0;
    Block body = Builder::wrapped(std::move(blocks),
                                  maxWidth > 0 ? room - 2 * kRail
                                               : std::numeric_limits<double>::infinity(),
                                  false, &exitY, &d.rows);
    Block root;
    const double top = kMargin + std::max(0.0, 6 - body.y);
    d.entry = QPointF(kMargin, top + body.y);
    d.exit = QPointF(kMargin + body.w, top + exitY);
    const double bottom = top + body.h;
    root.add(std::move(body), kMargin, top);
    d.items = std::move(root.items);
    d.rails.append(std::move(root.rails));
    d.size = QSizeF(d.exit.x() + kMargin, bottom + kMargin);
    d.truncated = builder.truncated();
    return d;
}

QString railroadSvg(const RailroadDiagram &d)
{
    QString out;
    out += QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%1\" height=\"%2\" "
                          "viewBox=\"0 0 %1 %2\" font-family=\"monospace\" font-size=\"%3\">\n")
               .arg(number(d.size.width()), number(d.size.height()),
                    number(RailroadDiagram::kFontSize));
    out += QStringLiteral("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    for (const QList<QPointF> &rail : d.rails) {
        QString path;
        for (qsizetype i = 0; i < rail.size(); ++i) {
            path += QStringLiteral("%1%2 %3 ")
                        .arg(i == 0 ? QLatin1Char('M') : QLatin1Char('L'))
                        .arg(number(rail[i].x()), number(rail[i].y()));
        }
        out += QStringLiteral("<path d=\"%1\" fill=\"none\" stroke=\"#333333\" "
                              "stroke-width=\"1.5\"/>\n")
                   .arg(path.trimmed());
    }
    for (const QPointF &p : {d.entry, d.exit}) {
        out += QStringLiteral("<circle cx=\"%1\" cy=\"%2\" r=\"4\" fill=\"#333333\"/>\n")
                   .arg(number(p.x()), number(p.y()));
    }
    for (const RailroadItem &item : d.items) {
        const QRectF &r = item.rect;
        const QString geometry = QStringLiteral("x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\"")
                                     .arg(number(r.x()), number(r.y()), number(r.width()),
                                          number(r.height()));
        const QString span = QStringLiteral(" data-start=\"%1\" data-end=\"%2\"")
                                 .arg(item.start)
                                 .arg(item.end);
        switch (item.kind) {
        case RailroadItem::Kind::Frame:
            out += QStringLiteral("<rect class=\"frame\" %1 rx=\"6\" fill=\"none\" "
                                  "stroke=\"#888888\" stroke-dasharray=\"4 3\"%2/>\n")
                       .arg(geometry, span);
            continue;
        case RailroadItem::Kind::Label:
            out += QStringLiteral("<text class=\"label\" x=\"%1\" y=\"%2\" fill=\"#555555\" "
                                  "xml:space=\"preserve\"%3>%4</text>\n")
                       .arg(number(r.x()), number(r.bottom() - 4), span, escaped(item.text));
            continue;
        case RailroadItem::Kind::Terminal:
            out += QStringLiteral("<rect class=\"terminal\" %1 rx=\"4\" fill=\"#e8f1fb\" "
                                  "stroke=\"#2b5d8c\"%2/>\n")
                       .arg(geometry, span);
            break;
        case RailroadItem::Kind::Anchor:
            out += QStringLiteral("<rect class=\"anchor\" %1 rx=\"12\" fill=\"#fdf1d8\" "
                                  "stroke=\"#a06a00\"%2/>\n")
                       .arg(geometry, span);
            break;
        case RailroadItem::Kind::Reference:
            out += QStringLiteral("<rect class=\"reference\" %1 rx=\"4\" fill=\"#f3e6fa\" "
                                  "stroke=\"#7a3f99\"%2/>\n")
                       .arg(geometry, span);
            break;
        }
        out += QStringLiteral("<text x=\"%1\" y=\"%2\" text-anchor=\"middle\" fill=\"#111111\" "
                              "xml:space=\"preserve\">%3</text>\n")
                   .arg(number(r.center().x()), number(r.center().y() + 4), escaped(item.text));
    }
    out += QStringLiteral("</svg>\n");
    return out;
}

} // namespace stdlab::re

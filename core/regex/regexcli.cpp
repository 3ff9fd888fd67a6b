#include "regex/regexcli.h"

#include "common/bytesink.h"
#include "common/cli.h"
#include "common/jsonlines.h"
#include "common/pyrepr.h"
#include "regex/pyregex.h"
#include "regex/pytranslate.h"
#include "regex/regexexplain.h"
#include "regex/redos.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>
#include <map>
#include <limits>
#include <memory>
#include <new>
#include <optional>
#include <vector>

namespace stdlab {

namespace {

const QStringList kFunctions = {
    QStringLiteral("search"), QStringLiteral("match"),   QStringLiteral("fullmatch"),
    QStringLiteral("findall"), QStringLiteral("finditer"), QStringLiteral("sub"),
    QStringLiteral("subn"),   QStringLiteral("split"),
};

// Ops of --batch beyond the functions: compile a pattern or a template, store a text once
// (issue 19: the clients that make many calls, tests/regex/stdlab_re.py).
const QStringList kBatchOps = {
    QStringLiteral("compile"),
    QStringLiteral("template"),
    QStringLiteral("store"),
    QStringLiteral("drop"),
    QStringLiteral("parse"),
    QStringLiteral("redos"),
};

// Texts kept by "store" for the requests that name them by "text_id" (one --batch stream).
// Each costs its Subject: 2 bytes per UTF-16 unit, 8 bytes per 256 code points of index, and a
// second copy when it holds a lone surrogate.
struct TextStore
{
    std::map<qint64, std::shared_ptr<const re::Subject>> texts;
    qint64 next = 1;
    qint64 units = 0;
};
// At most this many UTF-16 units stored at once (2 GiB of text).
constexpr qint64 kMaxStoredUnits = qint64(1) << 30;

/** One call: from the command line, or a --batch line (both paths of --batch parse it alike). */
struct Request
{
    QString op;
    QString pattern;
    QString text;
    std::shared_ptr<const re::Subject> stored; // --batch: the text of "text_id", if any
    bool slices = false;                       // --batch: results as spans of the text
    int flags = 0;
    QString repl;
    qint64 count = 0;
    qint64 maxsplit = 0;
    qint64 pos = 0;
    qint64 endpos = -1; // -1: len(text)
};

/**
 * Values in blocks of 64 Ki: growing never copies what is stored nor holds it twice (a vector
 * of 3 million matches' spans touched twice its size in pages while it doubled).
 */
template <typename T>
class BlockVector
{
public:
    void push(T v)
    {
        if (size_t(m_size >> kShift) == m_blocks.size()) {
            m_blocks.emplace_back(new T[kBlock]);
        }
        m_blocks.back()[m_size & (kBlock - 1)] = v;
        ++m_size;
    }
    T operator[](qsizetype k) const { return m_blocks[size_t(k >> kShift)][k & (kBlock - 1)]; }

private:
    static constexpr int kShift = 16;
    static constexpr qsizetype kBlock = qsizetype(1) << kShift;
    std::vector<std::unique_ptr<T[]>> m_blocks;
    qsizetype m_size = 0;
};

/**
 * The spans of every match of a run, kept compact (32-bit offsets unless the text is longer)
 * between matching and writing: a result is written only once the run succeeded, so that a
 * limit error never leaves half a list behind, and without one string or JSON value per item.
 * Per match: UTF-16 start/end of groups 0..n (-1 when a group did not take part), then, when
 * asked for, the same in code points.
 */
class SpanStore
{
public:
    /// @p lastIndex: keep each match's lastindex too (read from @p regex).
    SpanStore(qsizetype textUnits, int groups, bool codePoints,
              const re::Regex *lastIndex = nullptr)
        : m_wide(textUnits >= std::numeric_limits<qint32>::max()),
          m_pairs(groups + 1),
          m_stride(qsizetype(2 * (groups + 1) * (codePoints ? 2 : 1))),
          m_codePoints(codePoints),
          m_regex(lastIndex)
    {
    }
    void append(const re::Match &m)
    {
        for (size_t k = 0; k < size_t(2 * m_pairs); ++k) {
            push(m.units[k]);
        }
        if (m_codePoints) {
            for (size_t k = 0; k < size_t(2 * m_pairs); ++k) {
                push(m.spans[k]);
            }
        }
        if (m_regex) {
            m_lastIndex.push(m.lastIndex(*m_regex));
        }
        ++m_count;
    }
    qsizetype count() const { return m_count; }
    /// Match i's lastindex (0: None), when kept.
    int lastIndex(qsizetype i) const { return m_lastIndex[i]; }
    qsizetype unitStart(qsizetype i, int g) const { return at(i * m_stride + 2 * g); }
    qsizetype unitEnd(qsizetype i, int g) const { return at(i * m_stride + 2 * g + 1); }
    qsizetype cpStart(qsizetype i, int g) const { return at(i * m_stride + 2 * (m_pairs + g)); }
    qsizetype cpEnd(qsizetype i, int g) const { return at(i * m_stride + 2 * (m_pairs + g) + 1); }
    bool matched(qsizetype i, int g) const { return unitStart(i, g) >= 0; }
    /// group(g) of match i as a view of @p text ("" when it did not take part).
    QStringView view(const QString &text, qsizetype i, int g) const
    {
        const qsizetype a = unitStart(i, g);
        const qsizetype b = unitEnd(i, g);
        return a >= 0 && b > a ? QStringView(text).mid(a, b - a) : QStringView();
    }

private:
    void push(qsizetype v)
    {
        if (m_wide) {
            m_long.push(v);
        } else {
            m_short.push(qint32(v));
        }
    }
    qsizetype at(qsizetype k) const { return m_wide ? m_long[k] : m_short[k]; }

    bool m_wide;
    int m_pairs;
    qsizetype m_stride;
    bool m_codePoints;
    const re::Regex *m_regex;
    qsizetype m_count = 0;
    BlockVector<qint32> m_lastIndex;
    BlockVector<qint32> m_short;
    BlockVector<qint64> m_long;
};

/// How a result is written: Python's repr() (the command line) or JSON (--batch).
enum class Form { Repr, Json };

/** What a request needs to write its result once the matching is done. */
struct Run
{
    Form form = Form::Repr;
    bool lastIndex = false; // JSON matches have "lastindex" (the clients of many calls)
    std::shared_ptr<const re::Regex> regex;
    std::shared_ptr<const re::Subject> subject;
    // Named groups in the order QJsonObject keeps its keys (the order "groupdict" is written in).
    std::vector<std::pair<QString, int>> groupdict;

    const QString &text() const { return subject->text(); }

    void writeString(ByteSink &out, QStringView s) const
    {
        if (form == Form::Repr) {
            py::writeRepr(out, s);
        } else {
            jsonlines::writeString(out, s);
        }
    }
    void writeNone(ByteSink &out) const { out.put(form == Form::Repr ? "None" : "null"); }
    /// An item of a list of strings: the separator unless @p first, then the string. The
    /// short repr()s of printable Latin-1 without ' or \ (most words of a findall or split)
    /// are written here in one pass: through writeString() and writeRepr(), a findall of 3.9
    /// million words spent a fifth of its time in calls per word.
    void writeListString(ByteSink &out, QStringView s, bool first) const
    {
        constexpr qsizetype kShort = 32;
        const qsizetype n = s.size();
        if (form == Form::Repr && n <= kShort) {
            char *const start = out.reserve(2 * kShort + 4);
            char *p = start;
            if (!first) {
                *p++ = ',';
                *p++ = ' ';
            }
            *p++ = '\'';
            const char16_t *u = s.utf16();
            qsizetype i = 0;
            for (; i < n; ++i) {
                const char16_t c = u[i];
                if (c >= 0x20 && c < 0x7f && c != u'\'' && c != u'\\') {
                    *p++ = char(c);
                } else if (c > 0xa0 && c <= 0xff && c != 0xad) { // printable, 2 bytes in UTF-8
                    *p++ = char(0xc0 | (c >> 6));
                    *p++ = char(0x80 | (c & 0x3f));
                } else {
                    break;
                }
            }
            if (i == n) {
                *p++ = '\'';
                out.commit(p);
                return;
            }
        }
        if (!first) {
            out.put(form == Form::Repr ? ", " : ",");
        }
        writeString(out, s);
    }

    // repr(match) or the match as JSON: {"groupdict":..,"groups":..,"span":..,"spans":..}.
    void writeMatch(ByteSink &out, const SpanStore &m, qsizetype i) const
    {
        if (form == Form::Repr) {
            re::Match::writeRepr(out, m.view(text(), i, 0), m.cpStart(i, 0), m.cpEnd(i, 0));
            return;
        }
        const int groups = regex->groupCount();
        out.put(R"({"groupdict":{)");
        for (size_t k = 0; k < groupdict.size(); ++k) {
            if (k > 0) {
                out.put(',');
            }
            jsonlines::writeString(out, groupdict[k].first);
            out.put(':');
            writeGroup(out, m, i, groupdict[k].second);
        }
        out.put(R"(},"groups":[)");
        for (int g = 1; g <= groups; ++g) {
            if (g > 1) {
                out.put(',');
            }
            writeGroup(out, m, i, g);
        }
        if (lastIndex) {
            out.put(R"(],"lastindex":)");
            if (const int last = m.lastIndex(i)) {
                out.putInt(last);
            } else {
                out.put("null");
            }
            out.put(R"(,"span":[)");
        } else {
            out.put(R"(],"span":[)");
        }
        out.putInt(m.cpStart(i, 0));
        out.put(',');
        out.putInt(m.cpEnd(i, 0));
        out.put(R"(],"spans":[)");
        for (int g = 1; g <= groups; ++g) {
            out.put(g > 1 ? ",[" : "[");
            out.putInt(m.cpStart(i, g));
            out.put(',');
            out.putInt(m.cpEnd(i, g));
            out.put(']');
        }
        out.put("]}");
    }
    void writeGroup(ByteSink &out, const SpanStore &m, qsizetype i, int g) const
    {
        if (m.matched(i, g)) {
            writeString(out, m.view(text(), i, g));
        } else {
            writeNone(out);
        }
    }
    // A list of @p n items: [a, b] or [a,b].
    template <typename Item>
    void writeList(ByteSink &out, qsizetype n, const Item &item) const
    {
        const std::string_view separator = form == Form::Repr ? ", " : ",";
        out.put('[');
        for (qsizetype i = 0; i < n; ++i) {
            if (i > 0) {
                out.put(separator);
            }
            item(i);
        }
        out.put(']');
    }
};

struct Outcome
{
    bool ok = false;
    re::Error error;
    bool errorInRepl = false;
    /// Writes the result (repr or JSON) once ok.
    std::function<void(ByteSink &)> write;
    QList<re::Warning> warnings; ///< of the pattern (compile) or the template
};

QJsonArray spanJson(qsizetype start, qsizetype end)
{
    return QJsonArray{qint64(start), qint64(end)};
}

// A match without its strings (slices mode): the client cuts them from the text it holds.
QJsonObject matchSpans(const re::Match &m, const re::Regex &regex)
{
    QJsonArray spans;
    for (int g = 1; g <= m.groupCount(); ++g) {
        spans.append(spanJson(m.start(g), m.end(g)));
    }
    const int last = m.lastIndex(regex);
    return QJsonObject{{QStringLiteral("span"), spanJson(m.start(), m.end())},
                       {QStringLiteral("spans"), spans},
                       {QStringLiteral("lastindex"),
                        last ? QJsonValue(last) : QJsonValue(QJsonValue::Null)}};
}

// Results as spans of the text (slices mode), as QJson values: matches without their strings,
// findall/split/sub as spans (sub's replacements stay strings). Same loops as
// Regex::findall/split/sub.
bool executeSlices(const Request &rq, const re::Regex &regex, const re::Subject &subject,
                   const re::Template *t, Outcome &o)
{
    QJsonArray out;
    const auto done = [&o](QJsonValue json) {
        o.ok = true;
        o.write = [json = std::move(json)](ByteSink &sink) { jsonlines::writeValue(sink, json); };
        return true;
    };
    if (rq.op == QLatin1String("search") || rq.op == QLatin1String("match")
        || rq.op == QLatin1String("fullmatch")) {
        const auto m = rq.op == QLatin1String("search")
            ? regex.search(subject, rq.pos, rq.endpos, &o.error)
            : rq.op == QLatin1String("match") ? regex.match(subject, rq.pos, rq.endpos, &o.error)
                                              : regex.fullmatch(subject, rq.pos, rq.endpos, &o.error);
        if (o.error.limit || !o.error.message.isEmpty()) {
            return false;
        }
        return done(m ? QJsonValue(matchSpans(*m, regex)) : QJsonValue(QJsonValue::Null));
    }
    if (rq.op == QLatin1String("finditer")) {
        const bool ok = regex.forEach(
            subject, rq.pos, rq.endpos,
            [&](const re::Match &m) {
                out.append(matchSpans(m, regex));
                return true;
            },
            &o.error);
        return ok && done(out);
    }
    if (rq.op == QLatin1String("findall")) {
        const bool ok = regex.forEach(
            subject, rq.pos, rq.endpos,
            [&](const re::Match &m) {
                if (regex.groupCount() <= 1) {
                    const int g = regex.groupCount();
                    out.append(m.matched(g) ? spanJson(m.start(g), m.end(g)) : spanJson(0, 0));
                } else {
                    QJsonArray item;
                    for (int g = 1; g <= regex.groupCount(); ++g) {
                        item.append(m.matched(g) ? spanJson(m.start(g), m.end(g))
                                                 : spanJson(0, 0));
                    }
                    out.append(item);
                }
                return true;
            },
            &o.error);
        if (!ok) {
            return false;
        }
    } else if (rq.op == QLatin1String("split")) {
        qsizetype last = 0;
        qsizetype n = 0;
        if (rq.maxsplit >= 0) {
            const bool ok = regex.forEach(
                subject, 0, -1,
                [&](const re::Match &m) {
                    out.append(spanJson(last, m.start()));
                    for (int g = 1; g <= regex.groupCount(); ++g) {
                        out.append(m.matched(g) ? QJsonValue(spanJson(m.start(g), m.end(g)))
                                                : QJsonValue(QJsonValue::Null));
                    }
                    last = m.end();
                    ++n;
                    return rq.maxsplit == 0 || n < rq.maxsplit;
                },
                &o.error);
            if (!ok) {
                return false;
            }
        }
        out.append(spanJson(last, subject.length()));
    } else {
        qsizetype last = 0;
        qsizetype n = 0;
        if (rq.count >= 0) {
            const bool ok = regex.forEach(
                subject, 0, -1,
                [&](const re::Match &m) {
                    if (m.start() > last) {
                        out.append(spanJson(last, m.start()));
                    }
                    const QString r = t->expand(subject, m);
                    if (!r.isEmpty()) {
                        out.append(r);
                    }
                    last = m.end();
                    ++n;
                    return rq.count <= 0 || n < rq.count;
                },
                &o.error);
            if (!ok) {
                return false;
            }
        }
        out.append(spanJson(last, subject.length()));
        if (rq.op == QLatin1String("subn")) {
            return done(QJsonArray{out, qint64(n)});
        }
    }
    return done(out);
}

// sub/subn's result, written piece by piece into @p body (py::ReprBuilder or
// jsonlines::StringBuilder): the result itself is never built (20 MiB text, subn \w+: a 15 MB
// QString grown by doubling, then read again). Returns the number of substitutions, or -1.
template <typename Builder>
qsizetype substitute(const re::Regex &regex, const re::Subject &subject, const re::Template &t,
                     qint64 count, Builder &body, re::Error *error)
{
    const QStringView text(subject.text());
    // The template's pieces, as parse_template leaves them: literals and group numbers.
    std::vector<std::pair<QString, int>> pieces;
    for (const QJsonValue &piece : t.toJson()) {
        pieces.emplace_back(piece.toString(), piece.isString() ? -1 : piece.toInt());
    }
    qsizetype last = 0;
    qsizetype n = 0;
    // Python: a negative count substitutes nothing.
    if (count >= 0
        && !regex.forEach(
            subject, 0, -1,
            [&](const re::Match &m) {
                body.append(text.mid(last, m.units[0] - last));
                for (const auto &[literal, g] : pieces) {
                    if (g < 0) {
                        body.append(literal);
                    } else if (m.units[size_t(2 * g)] >= 0) {
                        const qsizetype a = m.units[size_t(2 * g)];
                        body.append(text.mid(a, m.units[size_t(2 * g + 1)] - a));
                    }
                }
                last = m.units[1];
                ++n;
                return count == 0 || n < count;
            },
            error, nullptr, re::Regex::Offsets::UnitsOnly)) {
        return -1;
    }
    body.append(text.mid(last));
    return n;
}

// sub's result, or subn's pair: ('...', n) or ["...",n].
template <typename Builder>
void streamSub(Outcome &o, const re::Regex &regex, const re::Subject &subject,
               const re::Template &t, const Request &rq, Form form)
{
    auto body = std::make_shared<Builder>();
    const qsizetype n = substitute(regex, subject, t, rq.count, *body, &o.error);
    if (n < 0) {
        return;
    }
    const bool subn = rq.op == QLatin1String("subn");
    const bool repr = form == Form::Repr;
    o.ok = true;
    o.write = [body, subn, n, repr](ByteSink &out) {
        if (subn) {
            out.put(repr ? '(' : '[');
        }
        body->writeTo(out);
        if (subn) {
            out.put(repr ? ", " : ",");
            out.putInt(n);
            out.put(repr ? ')' : ']');
        }
    };
}

/**
 * One call, from the command line (Form::Repr) or --batch (Form::Json). @p detailed: the
 * answer of the clients of many calls (issue 19, tests/regex/stdlab_re.py): matches with
 * "lastindex", the ops compile and template, results as spans (Request::slices), warnings.
 */
Outcome execute(const Request &rq, Form form, bool detailed = false)
{
    Outcome o;
    auto run = std::make_shared<Run>();
    run->form = form;
    run->lastIndex = detailed;
    run->regex = re::Regex::compile(rq.pattern, rq.flags, &o.error);
    if (!run->regex) {
        return o;
    }
    const re::Regex &regex = *run->regex;
    const int groups = regex.groupCount();
    if (rq.op == QLatin1String("compile")) {
        QJsonObject groupindex;
        for (int g = 1; g <= groups; ++g) {
            if (!regex.groupName(g).isEmpty()) {
                groupindex.insert(regex.groupName(g), g);
            }
        }
        const QJsonObject json{{QStringLiteral("flags"), regex.flags()},
                               {QStringLiteral("groups"), groups},
                               {QStringLiteral("groupindex"), groupindex}};
        o.ok = true;
        o.write = [json](ByteSink &out) { jsonlines::writeValue(out, json); };
        o.warnings = regex.warnings();
        return o;
    }
    const bool sub = rq.op == QLatin1String("sub") || rq.op == QLatin1String("subn");
    std::optional<re::Template> t;
    if (sub || rq.op == QLatin1String("template")) {
        t = re::Template::compile(rq.repl, regex, &o.error);
        if (!t) {
            o.errorInRepl = true;
            return o;
        }
        o.warnings = t->warnings();
    }
    if (rq.op == QLatin1String("template")) {
        o.ok = true;
        o.write = [json = t->toJson()](ByteSink &out) { jsonlines::writeValue(out, json); };
        return o;
    }
    run->subject = rq.stored ? rq.stored : std::make_shared<const re::Subject>(rq.text);
    const re::Subject &subject = *run->subject;
    if (rq.slices) {
        executeSlices(rq, regex, subject, t ? &*t : nullptr, o);
        return o;
    }
    if (form == Form::Json) {
        QJsonObject order;
        for (int g = 1; g <= groups; ++g) {
            if (!regex.groupName(g).isEmpty()) {
                order.insert(regex.groupName(g), g);
            }
        }
        for (auto it = order.begin(); it != order.end(); ++it) {
            run->groupdict.emplace_back(it.key(), it.value().toInt());
        }
    }
    const bool single = rq.op == QLatin1String("search") || rq.op == QLatin1String("match")
        || rq.op == QLatin1String("fullmatch");
    const bool finditer = rq.op == QLatin1String("finditer");
    auto spans = std::make_shared<SpanStore>(subject.text().size(), groups, single || finditer,
                                             detailed ? &regex : nullptr);
    if (single) {
        std::optional<re::Match> m;
        if (rq.op == QLatin1String("search")) {
            m = regex.search(subject, rq.pos, rq.endpos, &o.error);
        } else if (rq.op == QLatin1String("match")) {
            m = regex.match(subject, rq.pos, rq.endpos, &o.error);
        } else {
            m = regex.fullmatch(subject, rq.pos, rq.endpos, &o.error);
        }
        if (o.error.limit || !o.error.message.isEmpty()) {
            return o;
        }
        if (m) {
            spans->append(*m);
        }
        o.ok = true;
        o.write = [run, spans](ByteSink &out) {
            if (spans->count() == 0) {
                run->writeNone(out);
            } else {
                run->writeMatch(out, *spans, 0);
            }
        };
    } else if (sub) {
        if (form == Form::Repr) {
            streamSub<py::ReprBuilder>(o, regex, subject, *t, rq, form);
        } else {
            streamSub<jsonlines::StringBuilder>(o, regex, subject, *t, rq, form);
        }
    } else {
        // findall, finditer, split: the spans first, the result once the run succeeded.
        const bool split = rq.op == QLatin1String("split");
        if (split && rq.maxsplit < 0) {
            // Python: a negative maxsplit splits nothing.
            o.ok = true;
            o.write = [run](ByteSink &out) {
                out.put('[');
                run->writeString(out, run->text());
                out.put(']');
            };
            return o;
        }
        qsizetype n = 0;
        const bool ok = regex.forEach(
            subject, split ? 0 : rq.pos, split ? -1 : rq.endpos,
            [&](const re::Match &m) {
                spans->append(m);
                return !split || rq.maxsplit == 0 || ++n < rq.maxsplit;
            },
            &o.error, nullptr,
            finditer ? re::Regex::Offsets::CodePoints : re::Regex::Offsets::UnitsOnly);
        if (!ok) {
            return o;
        }
        o.ok = true;
        if (finditer) {
            o.write = [run, spans](ByteSink &out) {
                run->writeList(out, spans->count(),
                               [&](qsizetype i) { run->writeMatch(out, *spans, i); });
            };
        } else if (!split) {
            o.write = [run, spans, groups](ByteSink &out) {
                const bool repr = run->form == Form::Repr;
                if (groups <= 1) {
                    out.put('[');
                    for (qsizetype i = 0, n = spans->count(); i < n; ++i) {
                        run->writeListString(out, spans->view(run->text(), i, groups), i == 0);
                    }
                    out.put(']');
                    return;
                }
                run->writeList(out, spans->count(), [&](qsizetype i) {
                    out.put(repr ? '(' : '[');
                    for (int g = 1; g <= groups; ++g) {
                        if (g > 1) {
                            out.put(repr ? ", " : ",");
                        }
                        run->writeString(out, spans->view(run->text(), i, g));
                    }
                    out.put(repr ? ')' : ']');
                });
            };
        } else {
            o.write = [run, spans, groups](ByteSink &out) {
                const QStringView text(run->text());
                const qsizetype matches = spans->count();
                // Each match gives the text before it and its groups; then the rest of the text.
                const qsizetype items = matches * (groups + 1) + 1;
                out.put('[');
                for (qsizetype item = 0; item < items; ++item) {
                    const qsizetype i = item / (groups + 1);
                    const int g = int(item % (groups + 1));
                    if (i == matches) {
                        run->writeListString(
                            out, text.mid(matches ? spans->unitEnd(i - 1, 0) : 0), item == 0);
                    } else if (g == 0) {
                        const qsizetype from = i > 0 ? spans->unitEnd(i - 1, 0) : 0;
                        run->writeListString(out, text.mid(from, spans->unitStart(i, 0) - from),
                                             item == 0);
                    } else {
                        out.put(run->form == Form::Repr ? ", " : ",");
                        run->writeGroup(out, *spans, i, g);
                    }
                }
                out.put(']');
            };
        }
    }
    return o;
}

QJsonObject errorObject(const QString &message)
{
    QJsonObject e;
    e.insert(QStringLiteral("message"), message);
    e.insert(QStringLiteral("pos"), QJsonValue::Null);
    return QJsonObject{{QStringLiteral("error"), e}};
}

// Python's int() of a JSON number, or nullopt.
std::optional<qint64> intField(const jsonlines::Request &o, const QString &key, QString *problem)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) {
        return std::nullopt;
    }
    if (!v.isDouble() || v.toDouble() != double(qint64(v.toDouble()))) {
        *problem = QStringLiteral("\"%1\" must be an integer").arg(key);
        return std::nullopt;
    }
    return qint64(v.toDouble());
}

QString errorKindName(re::ErrorKind kind)
{
    switch (kind) {
    case re::ErrorKind::ValueError:
        return QStringLiteral("ValueError");
    case re::ErrorKind::OverflowError:
        return QStringLiteral("OverflowError");
    case re::ErrorKind::IndexError:
        return QStringLiteral("IndexError");
    case re::ErrorKind::ReError:
        break;
    }
    return QStringLiteral("error");
}

// The "error" answer of a call that failed. The streamed path leaves out the Python type and
// "in" (the ops for clients of many calls added them; tests/regex/differential.py compares the
// streamed answers with Python's without them).
QJsonObject errorAnswer(const re::Error &error, bool inRepl, bool detailed)
{
    QJsonObject e;
    e.insert(QStringLiteral("message"), error.message);
    if (error.limit) {
        e.insert(QStringLiteral("limit"), true);
    } else {
        e.insert(QStringLiteral("pos"), error.pos < 0 ? QJsonValue(QJsonValue::Null)
                                                      : QJsonValue(qint64(error.pos)));
        if (detailed && error.kind != re::ErrorKind::ReError) {
            e.insert(QStringLiteral("type"), errorKindName(error.kind));
        }
        if (detailed && inRepl) {
            e.insert(QStringLiteral("in"), QStringLiteral("repl"));
        }
    }
    return QJsonObject{{QStringLiteral("error"), e}};
}

// The fields of a --batch request, each checked once, for both paths (streamed results and the
// stored-text/compile/template one): the same request gets the same error from either.
std::optional<Request> parseRequest(const jsonlines::Request &request, const TextStore &store,
                                    QString *problem)
{
    Request rq;
    rq.op = request.value(QStringLiteral("op")).toString();
    if (!kFunctions.contains(rq.op) && !kBatchOps.contains(rq.op)) {
        *problem = QStringLiteral("unknown op '%1' (expected one of %2)")
                       .arg(rq.op, (kFunctions + kBatchOps).join(QLatin1Char('|')));
        return std::nullopt;
    }
    const std::optional<QString> pattern = request.string(QStringLiteral("pattern"));
    if (!pattern) {
        *problem = QStringLiteral("\"pattern\" must be a string");
        return std::nullopt;
    }
    rq.pattern = *pattern;
    const std::optional<QString> text = request.string(QStringLiteral("text"));
    if (!text && request.contains(QStringLiteral("text"))) {
        *problem = QStringLiteral("\"text\" must be a string");
        return std::nullopt;
    }
    rq.text = text.value_or(QString());
    const QJsonValue textId = request.value(QStringLiteral("text_id"));
    if (!textId.isUndefined() && !textId.isNull()) {
        const auto it = store.texts.find(qint64(textId.toDouble()));
        if (!textId.isDouble() || it == store.texts.end()) {
            *problem = QStringLiteral("unknown text_id %1").arg(textId.toDouble());
            return std::nullopt;
        }
        rq.stored = it->second;
    }
    rq.slices = request.value(QStringLiteral("slices")).toBool();
    const QJsonValue flags = request.value(QStringLiteral("flags"));
    if (flags.isString()) {
        rq.flags = re::flagsFromLetters(flags.toString(), problem);
        if (rq.flags < 0) {
            return std::nullopt;
        }
    } else if (flags.isDouble()) {
        rq.flags = flags.toInt();
    } else if (!flags.isUndefined() && !flags.isNull()) {
        *problem = QStringLiteral("\"flags\" must be a string of imsxa");
        return std::nullopt;
    }
    if (rq.op.startsWith(QLatin1String("sub")) || rq.op == QLatin1String("template")) {
        const std::optional<QString> repl = request.string(QStringLiteral("repl"));
        if (!repl) {
            *problem = QStringLiteral("\"repl\" must be a string");
            return std::nullopt;
        }
        rq.repl = *repl;
    }
    const auto count = intField(request, QStringLiteral("count"), problem);
    const auto maxsplit = intField(request, QStringLiteral("maxsplit"), problem);
    const auto pos = intField(request, QStringLiteral("pos"), problem);
    const auto endpos = intField(request, QStringLiteral("endpos"), problem);
    if (!problem->isEmpty()) {
        return std::nullopt;
    }
    rq.count = count.value_or(0);
    rq.maxsplit = maxsplit.value_or(0);
    rq.pos = std::max<qint64>(0, pos.value_or(0));
    // Python clamps a negative endpos to 0; -1 means "the end" in the engine's API.
    rq.endpos = endpos ? std::max<qint64>(0, *endpos) : -1;
    return rq;
}

QJsonObject handleStore(const jsonlines::Request &request, TextStore &store, const QString &op)
{
    if (op == QLatin1String("drop")) {
        const qint64 id = qint64(request.value(QStringLiteral("text_id")).toDouble());
        const auto it = store.texts.find(id);
        if (it == store.texts.end()) {
            return errorObject(QStringLiteral("unknown text_id %1").arg(id));
        }
        store.units -= it->second->text().size();
        store.texts.erase(it);
        return QJsonObject{{QStringLiteral("result"), QJsonValue::Null}};
    }
    const std::optional<QString> text = request.string(QStringLiteral("text"));
    const QJsonValue file = request.value(QStringLiteral("file"));
    QString s;
    if (file.isString()) {
        // A big text is faster through a file than as a JSON string (10 MB: ~25 ms instead
        // of ~160 ms end to end). Read as is: UTF-8, no newline translation.
        QFile f(file.toString());
        if (!f.open(QIODevice::ReadOnly)) {
            return errorObject(
                QStringLiteral("cannot read %1: %2").arg(file.toString(), f.errorString()));
        }
        s = py::decodeUtf8(f.readAll());
    } else if (text) {
        s = *text;
    } else {
        return errorObject(QStringLiteral("store needs \"text\" or \"file\" (a string)"));
    }
    if (store.units + s.size() > kMaxStoredUnits) {
        return errorObject(QStringLiteral("too much text stored (at most %1 UTF-16 units); "
                                          "drop some first")
                               .arg(kMaxStoredUnits));
    }
    const qint64 id = store.next++;
    store.texts.emplace(id, std::make_shared<const re::Subject>(s));
    store.units += s.size();
    return QJsonObject{{QStringLiteral("result"), id}};
}

// The answer of a --batch request.
jsonlines::Response answer(const Request &rq)
{
    // Requests of the clients of many calls get the detailed answer.
    const bool detailed = kBatchOps.contains(rq.op) || rq.stored || rq.slices;
    Outcome o = execute(rq, Form::Json, detailed);
    QJsonArray warnings;
    for (const re::Warning &w : o.warnings) {
        warnings.append(QJsonObject{{QStringLiteral("category"), re::warningCategoryName(w.category)},
                                    {QStringLiteral("message"), w.message}});
    }
    if (!o.ok) {
        QJsonObject error = errorAnswer(o.error, o.errorInRepl, detailed);
        if (detailed && !warnings.isEmpty()) {
            error.insert(QStringLiteral("warnings"), warnings);
        }
        return jsonlines::Response{error, {}};
    }
    if (!detailed || warnings.isEmpty()) {
        return jsonlines::Response{{}, std::move(o.write)};
    }
    // "warnings" comes after "result", in the order QJsonObject keeps keys.
    return jsonlines::Response{{}, [write = std::move(o.write), warnings](ByteSink &out) {
                                   write(out);
                                   out.put(R"(,"warnings":)");
                                   jsonlines::writeValue(out, warnings);
                               }};
}

// Op "parse" (issue 16): re._parser.parse()'s tree, with the spans of its items.
QJsonObject parseAnswer(const Request &rq)
{
    const re::detail::ParseTree t = re::detail::parseTree(rq.pattern, rq.flags);
    if (!t.ok) {
        return errorAnswer(re::Error{t.errorMessage, t.errorPos, false, t.errorKind}, false, false);
    }
    return QJsonObject{{QStringLiteral("result"), t.result}};
}

jsonlines::Response fail(const QString &message)
{
    return jsonlines::Response{errorObject(message), {}};
}

jsonlines::Response handleBatch(const jsonlines::Request &request, TextStore &store)
{
    const QString op = request.value(QStringLiteral("op")).toString();
    if (op == QLatin1String("store") || op == QLatin1String("drop")) {
        return jsonlines::Response{handleStore(request, store, op), {}};
    }
    QString problem;
    const std::optional<Request> rq = parseRequest(request, store, &problem);
    if (!rq) {
        return fail(problem);
    }
    if (rq->op == QLatin1String("parse")) {
        return jsonlines::Response{parseAnswer(*rq), {}};
    }
    if (rq->op == QLatin1String("redos")) {
        re::Error error;
        const auto verdict = re::redos(rq->pattern, rq->flags, &error);
        return jsonlines::Response{
            verdict ? QJsonObject{{QStringLiteral("result"), re::redosJson(*verdict)}}
                    : errorAnswer(error, false, false),
            {}};
    }
    return answer(*rq);
}

// The largest text read from a file or standard input: beyond it (a 2.5 GB file, /dev/zero)
// the text, its UTF-16 copy and the results would not fit a few GB of memory.
constexpr qint64 kMaxTextBytes = qint64(256) << 20;

// Reads @p device to its end, in blocks, giving up past @p max bytes (a device like /dev/zero
// has no size to check first).
std::optional<QByteArray> readLimited(QIODevice &device, qint64 max, QString *problem)
{
    QByteArray data;
    // A file's size is known: its bytes are read into a buffer that large, at once (growing it
    // block by block copied the text again and again: 8,000 more page faults for 20 MiB).
    data.reserve(qsizetype(std::clamp<qint64>(device.size(), 0, max) + 1));
    while (true) {
        const qint64 size = device.size();
        if (size > max) {
            break;
        }
        const qsizetype used = data.size();
        // Never more than one byte past the limit (/dev/zero has no size and no end).
        const qsizetype room = std::min<qsizetype>(data.capacity() - used, max + 1 - used);
        qint64 n = 0;
        if (room > 0) {
            data.resize(used + room); // within the capacity: no reallocation
            n = device.read(data.data() + used, room);
            data.resize(used + qsizetype(std::max<qint64>(n, 0)));
        } else {
            char block[1 << 16];
            n = device.read(block, sizeof block);
            if (n > 0) {
                data.append(block, qsizetype(n));
            }
        }
        if (n < 0) {
            *problem = device.errorString();
            return std::nullopt;
        }
        if (n == 0) {
            return data;
        }
        if (data.size() > max) {
            break;
        }
    }
    *problem = QStringLiteral("the text is larger than %1 MiB, the most stdlab regex reads")
                   .arg(max >> 20);
    return std::nullopt;
}

int outOfMemory(const QString &command)
{
    cli::out().flush();
    cli::err() << "stdlab " << command << ": out of memory\n";
    cli::err().flush();
    return cli::Failure;
}

} // namespace

std::optional<int> readPatternArguments(const QString &command, const QStringList &args,
                                        const QString &expected, const QString &language,
                                        const QString &letters, int *flags)
{
    if (args.size() != 2) {
        return cli::usageError(command, expected);
    }
    if (!language.isEmpty() && language != QLatin1String("es") && language != QLatin1String("en")) {
        return cli::usageError(command,
                               QStringLiteral("unsupported language '%1' (use es or en)").arg(language));
    }
    QString problem;
    *flags = re::flagsFromLetters(letters, &problem);
    if (*flags < 0) {
        return cli::usageError(command, problem);
    }
    cli::installLanguage(language);
    return std::nullopt;
}

int reportBadPattern(const QString &command, const re::Error &error, const QString &pattern)
{
    cli::err() << "stdlab " << command << ": bad pattern: " << re::errorString(error, pattern)
               << "\n";
    cli::err().flush();
    return cli::Failure;
}

// `stdlab regex explain PATTERN [--flags F] [--json] [--lang es|en]` (issue 16).
static int runExplain(const QString &command, const QCommandLineParser &parser,
               const QCommandLineOption &flags, const QCommandLineOption &json,
               const QCommandLineOption &lang)
{
    const QStringList args = parser.positionalArguments();
    int f = 0;
    if (const auto code = readPatternArguments(command, args,
                                               QStringLiteral("expected: explain PATTERN [--flags F]"),
                                               parser.value(lang), parser.value(flags), &f)) {
        return *code;
    }
    re::Error error;
    const auto lines = re::explain(args[1], f, &error);
    if (!lines) {
        return reportBadPattern(command, error, args[1]);
    }
    if (parser.isSet(json)) {
        cli::out() << QJsonDocument(re::explainJson(*lines)).toJson(QJsonDocument::Compact)
                   << "\n";
    } else {
        cli::out() << re::explainText(args[1], *lines);
    }
    cli::out().flush();
    return cli::Ok;
}

// `stdlab regex redos PATTERN [--flags F] [--json]` (issue 16).
static int runRedos(const QString &command, const QCommandLineParser &parser,
                    const QCommandLineOption &flags, const QCommandLineOption &json,
                    const QCommandLineOption &lang)
{
    const QStringList args = parser.positionalArguments();
    int f = 0;
    if (const auto code = readPatternArguments(command, args,
                                               QStringLiteral("expected: redos PATTERN [--flags F]"),
                                               parser.value(lang), parser.value(flags), &f)) {
        return *code;
    }
    re::Error error;
    const auto verdict = re::redos(args[1], f, &error);
    if (!verdict) {
        return reportBadPattern(command, error, args[1]);
    }
    if (parser.isSet(json)) {
        cli::out() << QJsonDocument(re::redosJson(*verdict)).toJson(QJsonDocument::Compact) << "\n";
    } else {
        cli::out() << re::redosText(args[1], *verdict);
    }
    cli::out().flush();
    return cli::Ok;
}

int runRegexCommand(const QStringList &arguments)
{
    const QString command = arguments.value(0);
    const QString synopsis = QStringLiteral(
        "FUNCTION PATTERN [REPL] [TEXT | --file F | -] [--flags imsxa] [--repl R] [--count N] "
        "[--maxsplit N] [--pos N] [--endpos N] | --batch");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "stdlab regex: Python re functions (search, match, fullmatch, findall, finditer, sub, "
        "subn, split) with Python 3.11's semantics; prints the repr() of the result.\n"
        "sub and subn take REPL after PATTERN, as re.sub(pattern, repl, string) does, or as "
        "--repl R.\n"
        "--batch reads JSON Lines requests on stdin and answers one JSON object per line."));
    parser.addPositionalArgument(QStringLiteral("FUNCTION"),
                                 QStringLiteral("search|match|fullmatch|findall|finditer|sub|"
                                                "subn|split"));
    parser.addPositionalArgument(QStringLiteral("PATTERN"), QStringLiteral("Python pattern"));
    parser.addPositionalArgument(QStringLiteral("REPL"),
                                 QStringLiteral("sub, subn: the replacement (or --repl R)"),
                                 QStringLiteral("[REPL]"));
    parser.addPositionalArgument(QStringLiteral("TEXT"),
                                 QStringLiteral("the text, or - for standard input"));
    const QCommandLineOption batch(QStringLiteral("batch"),
                                   QStringLiteral("JSON Lines requests on stdin."));
    const QCommandLineOption file(QStringLiteral("file"), QStringLiteral("Read the text from F."),
                                  QStringLiteral("F"));
    const QCommandLineOption flags(QStringLiteral("flags"),
                                   QStringLiteral("Flags: any of i m s x a."),
                                   QStringLiteral("imsxa"));
    const QCommandLineOption repl(QStringLiteral("repl"),
                                  QStringLiteral("Replacement template for sub/subn."),
                                  QStringLiteral("R"));
    const QCommandLineOption count(QStringLiteral("count"),
                                   QStringLiteral("sub/subn: at most N replacements."),
                                   QStringLiteral("N"));
    const QCommandLineOption maxsplit(QStringLiteral("maxsplit"),
                                      QStringLiteral("split: at most N splits."),
                                      QStringLiteral("N"));
    const QCommandLineOption pos(QStringLiteral("pos"), QStringLiteral("Start position."),
                                 QStringLiteral("N"));
    const QCommandLineOption endpos(QStringLiteral("endpos"), QStringLiteral("End position."),
                                    QStringLiteral("N"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("explain, redos: JSON instead of text."));
    const QCommandLineOption lang(QStringLiteral("lang"),
                                  QStringLiteral("explain, redos: language, es or en (default: system)."),
                                  QStringLiteral("lang"));
    parser.addOptions({batch, file, flags, repl, count, maxsplit, pos, endpos, json, lang});
    if (const auto code = cli::parse(parser, arguments, synopsis)) {
        return *code;
    }
    if (parser.positionalArguments().value(0) == QLatin1String("explain")) {
        return runExplain(command, parser, flags, json, lang);
    }
    if (parser.positionalArguments().value(0) == QLatin1String("redos")) {
        return runRedos(command, parser, flags, json, lang);
    }
    if (parser.isSet(json) || parser.isSet(lang)) {
        return cli::usageError(command, QStringLiteral("--json and --lang are options of explain and redos"));
    }
    if (parser.isSet(batch)) {
        if (!parser.positionalArguments().isEmpty()) {
            return cli::usageError(command, QStringLiteral("--batch takes no arguments"));
        }
        TextStore store;
        return jsonlines::run(
            jsonlines::StreamHandler(
                [&store](const jsonlines::Request &request) {
                    return handleBatch(request, store);
                }),
            [](const QString &message) { return errorObject(message); });
    }

    QStringList args = parser.positionalArguments();
    if (args.size() < 2) {
        return cli::usageError(command, QStringLiteral("expected FUNCTION PATTERN [TEXT]"));
    }
    Request rq;
    rq.op = args[0];
    if (!kFunctions.contains(rq.op)) {
        return cli::usageError(command, QStringLiteral("unknown function '%1' (expected %2)")
                                            .arg(rq.op, kFunctions.join(QLatin1Char('|'))));
    }
    rq.pattern = args[1];
    const bool sub = rq.op.startsWith(QLatin1String("sub"));
    if (sub) {
        // re.sub(pattern, repl, string): REPL is the argument after PATTERN, unless --repl.
        if (parser.isSet(repl)) {
            rq.repl = parser.value(repl);
        } else if (args.size() >= 3) {
            rq.repl = args.takeAt(2);
        } else {
            return cli::usageError(command,
                                   QStringLiteral("%1 needs REPL after PATTERN (or --repl R)")
                                       .arg(rq.op));
        }
    }
    const bool fromFile = parser.isSet(file);
    if (args.size() > 3 || (fromFile && args.size() > 2)) {
        return cli::usageError(command, QStringLiteral("unexpected argument '%1'").arg(args.last()));
    }
    if (fromFile || (args.size() == 3 && args[2] == QLatin1String("-"))) {
        QFile f(fromFile ? parser.value(file) : QString());
        const bool opened = fromFile ? f.open(QIODevice::ReadOnly)
                                     : f.open(stdin, QIODevice::ReadOnly);
        const QString name = fromFile ? parser.value(file) : QStringLiteral("standard input");
        if (!opened) {
            cli::err() << "stdlab " << command << ": cannot read " << name << ": "
                       << f.errorString() << "\n";
            cli::err().flush();
            return cli::Failure;
        }
        QString problem;
        try {
            // A file is decoded straight from its pages (reading it into a buffer first cost
            // 5,000 page faults and a copy for 20 MiB); a pipe or device is read.
            const qint64 size = f.size();
            uchar *mapped = fromFile && size > 0 && size <= kMaxTextBytes
                ? f.map(0, size)
                : nullptr;
            if (mapped) {
                rq.text = py::readText(QByteArrayView(mapped, size));
                f.unmap(mapped);
            } else {
                const auto bytes = readLimited(f, kMaxTextBytes, &problem);
                if (!bytes) {
                    cli::err() << "stdlab " << command << ": cannot read " << name << ": "
                               << problem << "\n";
                    cli::err().flush();
                    return cli::Failure;
                }
                rq.text = py::readText(*bytes);
            }
        } catch (const std::bad_alloc &) {
            return outOfMemory(command);
        }
    } else if (args.size() == 3) {
        rq.text = args[2];
    } else {
        return cli::usageError(command, QStringLiteral("expected TEXT, - or --file F"));
    }
    QString problem;
    rq.flags = re::flagsFromLetters(parser.value(flags), &problem);
    if (rq.flags < 0) {
        return cli::usageError(command, problem);
    }
    const auto c = cli::intOption(parser, QStringLiteral("count"), command, 0);
    const auto m = cli::intOption(parser, QStringLiteral("maxsplit"), command, 0);
    const auto p = cli::intOption(parser, QStringLiteral("pos"), command, 0);
    const auto e = cli::intOption(parser, QStringLiteral("endpos"), command, -1);
    if (!c || !m || !p || !e) {
        return cli::Usage;
    }
    rq.count = *c;
    rq.maxsplit = *m;
    rq.pos = std::max<qint64>(0, *p);
    rq.endpos = parser.isSet(endpos) ? std::max<qint64>(0, *e) : -1;

    Outcome o;
    try {
        o = execute(rq, Form::Repr);
    } catch (const std::bad_alloc &) {
        return outOfMemory(command);
    }
    if (!o.ok) {
        cli::out().flush();
        if (o.error.limit) {
            cli::err() << "stdlab " << command << ": " << o.error.message << "\n";
        } else {
            const QString &source = o.errorInRepl ? rq.repl : rq.pattern;
            cli::err() << "stdlab " << command << ": "
                       << (o.errorInRepl ? QStringLiteral("bad replacement: ")
                                         : QStringLiteral("bad pattern: "))
                       << re::errorString(o.error, source) << "\n";
            if (o.error.pos >= 0) {
                cli::err() << re::caretLines(source, o.error.pos, QStringLiteral("  ")) << "\n";
            }
        }
        cli::err().flush();
        return cli::Failure;
    }
    cli::out().flush();
    ByteSink out(stdout);
    o.write(out);
    out.put('\n');
    return out.flush() ? cli::Ok : cli::Failure;
}

} // namespace stdlab

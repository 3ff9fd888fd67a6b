#pragma once

#include "regex/pyregex.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

class QThreadPool;

namespace stdlab::re {

/** The function of `re` the Regex panel applies. */
enum class Function { Search, Match, Fullmatch, Findall, Finditer, Sub, Subn, Split };

/// "search", "findall", ... (the Python name) and back; -1 for an unknown name.
QString functionName(Function f);
int functionFromName(const QString &name);

/**
 * The matches of one run, in blocks of up to kBlock matches that arrive from the worker without
 * being copied again. Spans are UTF-16 units of the text (for painting); the code points Python
 * reports are worked out from the text when asked (the table's visible rows). Unmatched groups
 * are (-1, -1).
 *
 * A block stores each match's start in 1, 2 or 4 bytes from the start of its run of 16
 * matches (whose own offset in the block takes 4 bytes per 16), and the rest of the match (its
 * end and its groups' spans, each relative to the start) as a "shape" kept once per block and
 * named by an index of 0, 1, 2, 4, 8 or 16 bits: many matches share a shape (every match of
 * `(\w)` is (s, s+1, s, s+1)). So one-character matches with groups cost about 1.3 bytes each
 * (4 million of `(\w)`: 5 MB, where they took 64 MB beside the 20 MiB text's 38 MB) and
 * `\w+`'s words about 2. Matches that share nothing cost at most 4 bytes a value and 2.25
 * bytes a match more.
 */
class MatchList
{
public:
    static constexpr qsizetype kBlock = 8192;

    /** Up to kBlock matches, encoded as above; built by a Builder, then read-only. */
    class Block
    {
    public:
        qsizetype count() const { return m_count; }
        /// The UTF-16 start (@p side 0) or end (1) of group @p g of match @p k; -1: unmatched.
        qsizetype unit(qsizetype k, int g, int side) const
        {
            const qint64 start = m_base + qint64(m_runs[size_t(k >> kRunShift)])
                + qint64(readBytes(k));
            const int v = 2 * g + side;
            if (v == 0) {
                return qsizetype(start);
            }
            const qint32 rel = m_shapes[size_t(shapeOf(k)) * size_t(m_values) + size_t(v - 1)];
            return rel == kUnset ? -1 : qsizetype(start + rel);
        }
        /// Heap and object bytes of this block.
        qsizetype bytes() const;

        /** Collects the spans of up to kBlock matches, then encodes them into a Block. */
        class Builder
        {
        public:
            /// @p groups: of the pattern (spans per match: groups + 1).
            explicit Builder(int groups);
            qsizetype count() const { return qsizetype(m_starts.size()); }
            /// Adds a match: 2 * (groups + 1) UTF-16 offsets (start, end of group 0, 1, ...).
            void add(const qsizetype *units);
            /// The block of the matches added (none: null); the builder is then empty again.
            std::shared_ptr<const Block> take();

        private:
            int m_values;
            std::vector<qint64> m_starts;
            std::vector<quint16> m_shapeOf;
            std::vector<qint32> m_shapes;
            std::vector<qint32> m_shape; // the match being added
            qint32 m_lastIndex = -1;
            qsizetype m_shapeCount = 0;
            // Open addressing over the shapes: shape index + 1, 0 empty; twice kBlock slots.
            std::vector<quint16> m_slots;
        };

    private:
        static constexpr qint32 kUnset = std::numeric_limits<qint32>::min();
        static constexpr int kRunShift = 4; // runs of 16 matches
        quint32 readBytes(qsizetype k) const
        {
            const quint8 *p = m_starts.data() + size_t(k) * size_t(m_startWidth);
            switch (m_startWidth) {
            case 1:
                return p[0];
            case 2:
                return quint32(p[0]) | quint32(p[1]) << 8;
            default:
                return quint32(p[0]) | quint32(p[1]) << 8 | quint32(p[2]) << 16
                    | quint32(p[3]) << 24;
            }
        }
        quint32 shapeOf(qsizetype k) const
        {
            if (m_shapeBits == 0) {
                return 0;
            }
            if (m_shapeBits == 16) {
                const quint8 *p = m_shapeIndex.data() + 2 * size_t(k);
                return quint32(p[0]) | quint32(p[1]) << 8;
            }
            const size_t bit = size_t(k) * size_t(m_shapeBits);
            return (m_shapeIndex[bit >> 3] >> (bit & 7)) & ((1u << m_shapeBits) - 1);
        }

        qsizetype m_count = 0;
        int m_values = 0; // per shape: 2 * (groups + 1) - 1
        qint64 m_base = 0;
        int m_startWidth = 1;
        int m_shapeBits = 0;
        std::vector<quint32> m_runs;     // each run's first start, from m_base
        std::vector<quint8> m_starts;    // each start, from its run's first
        std::vector<quint8> m_shapeIndex; // each match's shape, m_shapeBits bits
        std::vector<qint32> m_shapes;    // m_values values a shape
    };

    /// @p subject: the text matched (code points are counted in it; none: offsets are equal).
    explicit MatchList(int groups = 0, std::shared_ptr<const Subject> subject = {})
        : m_groups(groups), m_subject(std::move(subject))
    {
    }
    int groupCount() const { return m_groups; }
    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }

    qsizetype unitStart(qsizetype i, int g = 0) const { return at(i, g, 0); }
    qsizetype unitEnd(qsizetype i, int g = 0) const { return at(i, g, 1); }
    qsizetype cpStart(qsizetype i, int g = 0) const { return codePoint(unitStart(i, g)); }
    qsizetype cpEnd(qsizetype i, int g = 0) const { return codePoint(unitEnd(i, g)); }
    bool matched(qsizetype i, int g) const { return unitStart(i, g) >= 0; }

    /// The first match whose end (UTF-16) is after @p unit, or whose empty span sits at it.
    qsizetype firstEndingAfter(qsizetype unit) const;
    /// The first match starting at or after @p unit (size() when none).
    qsizetype firstStartingAtOrAfter(qsizetype unit) const;

    void append(const std::shared_ptr<const Block> &block);
    /// Memory the stored matches take (their blocks and the index of blocks), in bytes.
    qsizetype bytes() const;

private:
    qsizetype blockOf(qsizetype i) const;
    qsizetype at(qsizetype i, int g, int side) const
    {
        const qsizetype b = blockOf(i);
        return m_blocks[size_t(b)]->unit(i - m_starts[size_t(b)], g, side);
    }
    qsizetype codePoint(qsizetype unit) const
    {
        return unit < 0 || !m_subject ? unit : m_subject->toCodePoint(unit);
    }

    int m_groups = 0;
    std::shared_ptr<const Subject> m_subject;
    qsizetype m_size = 0;
    std::vector<std::shared_ptr<const Block>> m_blocks;
    std::vector<qsizetype> m_starts; // index of each block's first match
};

/**
 * The Regex panel's state: pattern, flags, function and text in; matches, the Python value of
 * the call, the error and the Python program out. Matching runs in a worker thread, one run at
 * a time, debounced; an input change cancels the run in progress (the engine's cancel flag)
 * and matches arrive in batches (a few per second), never one signal per match.
 */
class RegexModel : public QObject
{
    Q_OBJECT

public:
    /// Where an error comes from: the pattern, or the replacement template of sub/subn.
    enum class ErrorSource { None, Pattern, Replacement };

    explicit RegexModel(QObject *parent = nullptr);
    ~RegexModel() override;

    // Inputs. Every setter schedules a new run when the value changes.
    QString pattern() const { return m_in.pattern; }
    void setPattern(const QString &pattern);
    /// Python flag values (IGNORECASE | MULTILINE ...).
    int flags() const { return m_in.flags; }
    void setFlags(int flags);
    Function function() const { return m_in.function; }
    void setFunction(Function function);
    QString replacement() const { return m_in.replacement; }
    void setReplacement(const QString &replacement);
    /// count of sub/subn, maxsplit of split (0 = all).
    int count() const { return m_in.count; }
    void setCount(int count);
    /// pos/endpos of search/match/fullmatch/findall/finditer; -1 = not given.
    qsizetype pos() const { return m_in.pos; }
    void setPos(qsizetype pos);
    qsizetype endpos() const { return m_in.endpos; }
    void setEndpos(qsizetype endpos);
    QString text() const { return m_in.text; }
    void setText(const QString &text);
    /// The file the text was read from ("" when typed); the Python code then reads that file.
    QString textFileName() const { return m_textFile; }
    void setTextFileName(const QString &fileName);

    /// Debounce before a run: @p smallMs for texts under 64 Ki characters, @p bigMs above.
    void setDebounce(int smallMs, int bigMs);

    // Results of the last run delivered (they stay until the next run delivers its first batch).
    bool isRunning() const { return m_running; }
    /// The matches kept for the table and the highlights (the first kMaxStored).
    const MatchList &matches() const { return m_matches; }
    /// Every match found so far (also those beyond kMaxStored).
    qsizetype matchCount() const { return std::max(m_totalCount, m_matches.size()); }
    /// Groups of the last compiled pattern and their names ("" for unnamed), 1-based in names[g-1].
    int groupCount() const { return m_groupCount; }
    QStringList groupNames() const { return m_groupNames; }
    /// The error of the last run: Python's message and position (-1 = None), or the limit.
    bool hasError() const { return m_errorSource != ErrorSource::None; }
    Error error() const { return m_error; }
    ErrorSource errorSource() const { return m_errorSource; }
    /// repr() of what the function returns (findall/sub/subn/split list or string, the match or
    /// None for search/match/fullmatch; the list of Match objects for finditer, as
    /// print(list(...)) shows it), possibly shortened for huge results.
    QString valueRepr() const { return m_value; }
    /// What print() shows of it: the string itself for sub, else valueRepr().
    QString valuePrinted() const { return m_valuePrinted.value_or(m_value); }
    bool valueTruncated() const { return m_valueTruncated; }
    /// The text as the engine saw it (UTF-16 <-> code points), shared with the worker.
    std::shared_ptr<const Subject> subject() const { return m_resultSubject; }

    /// The Python program that prints the same result.
    QString pythonCode() const;

    /// Results/value caps (items of findall/split, characters of sub) before shortening.
    static constexpr int kValueItems = 1000;
    static constexpr int kValueChars = 20000;
    static constexpr qsizetype kMaxStored = 4'000'000;

    /** What a run is made of: the inputs above, copied into each job as one value. */
    struct Inputs
    {
        QString pattern;
        int flags = 0;
        Function function = Function::Findall;
        QString replacement;
        int count = 0;
        qsizetype pos = -1;
        qsizetype endpos = -1;
        QString text;
    };
    struct Job;
    struct Batch;

Q_SIGNALS:
    /// A new run's results replace the old ones (matches cleared, groups may have changed).
    void resultsReset();
    /// Matches [first, first + count) arrived.
    void matchesAdded(qsizetype first, qsizetype count);
    /// The run ended: error, value and the final count are known.
    void finished();
    void runningChanged(bool running);
    void pythonCodeChanged();

private:
    static void runJob(Job &job, const std::function<void(std::shared_ptr<Batch>)> &post);
    void schedule(bool codeChanged = true);
    /// Sets one input and schedules a run when it changes; false when it was already so.
    template <typename T>
    bool setInput(T &field, const T &value);
    void startJob();
    void deliver(const std::shared_ptr<Batch> &batch);

    Inputs m_in;
    QString m_textFile;
    int m_smallDelay = 0;
    int m_bigDelay = 150;

    bool m_running = false;
    MatchList m_matches;
    qsizetype m_totalCount = 0;
    int m_groupCount = 0;
    QStringList m_groupNames;
    Error m_error;
    ErrorSource m_errorSource = ErrorSource::None;
    QString m_value;
    std::optional<QString> m_valuePrinted;
    bool m_valueTruncated = false;
    std::shared_ptr<const Subject> m_resultSubject;

    // Run control: one job at a time; m_generation identifies the current inputs.
    quint64 m_generation = 0;
    quint64 m_textGeneration = 0;
    std::shared_ptr<Job> m_job;
    bool m_restartPending = false;
    QTimer m_debounce;
    QThreadPool *m_pool;
    // Caches the worker fills: the prepared text and the compiled pattern.
    std::shared_ptr<const Subject> m_subject;
    quint64 m_subjectGeneration = 0;
    std::shared_ptr<const Regex> m_regex;
    QString m_regexPattern;
    int m_regexFlags = -1;
};

} // namespace stdlab::re

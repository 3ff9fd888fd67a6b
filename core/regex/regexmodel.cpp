#include "regex/regexmodel.h"

#include "common/pyrepr.h"
#include "regex/regexexplain.h"

#include <QElapsedTimer>
#include <QThreadPool>

#include <algorithm>

namespace stdlab::re {

namespace {

// Texts up to this size are re-matched almost at once; bigger ones wait for a typing pause.
constexpr qsizetype kSmallText = 64 * 1024;
// Batches reach the GUI at most this often (ms): a few dozen updates per second at most.
constexpr qint64 kBatchInterval = 60;
// Texts longer than this are read from a file in the Python code instead of written inline.
constexpr qsizetype kInlineText = 2000;

const char *const kFunctionNames[] = {"search",   "match", "fullmatch", "findall",
                                      "finditer", "sub",   "subn",      "split"};

} // namespace

QString functionName(Function f)
{
    return QLatin1String(kFunctionNames[int(f)]);
}

int functionFromName(const QString &name)
{
    for (int i = 0; i < int(std::size(kFunctionNames)); ++i) {
        if (name == QLatin1String(kFunctionNames[i])) {
            return i;
        }
    }
    return -1;
}

// ---- MatchList -------------------------------------------------------------------------------

namespace {

/// Bytes needed for values 0..max: 1, 2 or 4.
int widthFor(quint64 max)
{
    return max <= 0xff ? 1 : max <= 0xffff ? 2 : 4;
}

void write(std::vector<quint8> &bytes, int width, quint32 value)
{
    for (int i = 0; i < width; ++i) {
        bytes.push_back(quint8(value >> (8 * i)));
    }
}

} // namespace

MatchList::Block::Builder::Builder(int groups)
    : m_values(2 * (groups + 1) - 1)
    , m_shape(size_t(m_values))
    , m_slots(size_t(2 * kBlock), 0)
{
    m_starts.reserve(size_t(kBlock));
    m_shapeOf.reserve(size_t(kBlock));
}

void MatchList::Block::Builder::add(const qsizetype *units)
{
    const qsizetype start = units[0];
    m_starts.push_back(start);
    // Runs of equal shapes are the common case (one-character matches, fixed-width dates).
    bool same = m_lastIndex >= 0;
    const qint32 *last = m_shapes.data() + qsizetype(std::max(m_lastIndex, 0)) * m_values;
    quint32 hash = 2166136261u;
    for (int v = 0; v < m_values; ++v) {
        const qsizetype u = units[v + 1];
        // Offsets fit in 32 bits (QString sizes); a group may lie before the start (lookbehind).
        const qint32 rel = u < 0 ? kUnset : qint32(u - start);
        m_shape[size_t(v)] = rel;
        same = same && last[v] == rel;
        hash = (hash ^ quint32(rel)) * 16777619u;
    }
    if (same) {
        m_shapeOf.push_back(quint16(m_lastIndex));
        return;
    }
    const auto sameAs = [&](qint32 index) {
        return std::equal(m_shape.begin(), m_shape.end(),
                          m_shapes.begin() + qsizetype(index) * m_values);
    };
    const size_t mask = m_slots.size() - 1;
    size_t slot = (hash ^ (hash >> 15)) & mask;
    while (m_slots[slot] != 0 && !sameAs(qint32(m_slots[slot]) - 1)) {
        slot = (slot + 1) & mask;
    }
    if (m_slots[slot] == 0) {
        m_slots[slot] = quint16(m_shapeCount + 1);
        m_shapes.insert(m_shapes.end(), m_shape.begin(), m_shape.end());
        ++m_shapeCount;
    }
    m_lastIndex = qint32(m_slots[slot]) - 1;
    m_shapeOf.push_back(quint16(m_lastIndex));
}

std::shared_ptr<const MatchList::Block> MatchList::Block::Builder::take()
{
    if (m_starts.empty()) {
        return {};
    }
    auto block = std::make_shared<Block>();
    const size_t n = m_starts.size();
    block->m_count = qsizetype(n);
    block->m_values = m_values;
    block->m_base = m_starts.front();
    // Starts only grow: a run's last start is the furthest from its first.
    qint64 widest = 0;
    for (size_t run = 0; run < n; run += size_t(1) << kRunShift) {
        const size_t last = std::min(n, run + (size_t(1) << kRunShift)) - 1;
        block->m_runs.push_back(quint32(m_starts[run] - block->m_base));
        widest = std::max(widest, m_starts[last] - m_starts[run]);
    }
    block->m_startWidth = widthFor(quint64(widest));
    block->m_starts.reserve(n * size_t(block->m_startWidth));
    for (size_t k = 0; k < n; ++k) {
        write(block->m_starts, block->m_startWidth,
              quint32(m_starts[k] - m_starts[k >> kRunShift << kRunShift]));
    }
    int bits = 0;
    while ((qsizetype(1) << bits) < m_shapeCount) {
        ++bits;
    }
    // Whole bytes hold whole indexes: 1, 2, 4, 8 or 16 bits.
    block->m_shapeBits = bits == 0 ? 0 : bits <= 1 ? 1 : bits <= 2 ? 2 : bits <= 4 ? 4
                                                  : bits <= 8 ? 8 : 16;
    if (block->m_shapeBits == 16) {
        block->m_shapeIndex.reserve(2 * n);
        for (const quint16 shape : m_shapeOf) {
            write(block->m_shapeIndex, 2, shape);
        }
    } else if (block->m_shapeBits > 0) {
        const int b = block->m_shapeBits;
        block->m_shapeIndex.assign((n * size_t(b) + 7) / 8, 0);
        for (size_t k = 0; k < n; ++k) {
            const size_t bit = k * size_t(b);
            block->m_shapeIndex[bit >> 3] |= quint8(m_shapeOf[k] << (bit & 7));
        }
    }
    block->m_runs.shrink_to_fit();
    block->m_shapes = std::move(m_shapes);
    block->m_shapes.shrink_to_fit();
    m_starts.clear();
    m_shapeOf.clear();
    m_shapes = {};
    std::fill(m_slots.begin(), m_slots.end(), quint16(0));
    m_shapeCount = 0;
    m_lastIndex = -1;
    return block;
}

qsizetype MatchList::Block::bytes() const
{
    return qsizetype(sizeof(Block) + m_runs.capacity() * sizeof(quint32) + m_starts.capacity()
                     + m_shapeIndex.capacity() + m_shapes.capacity() * sizeof(qint32));
}

void MatchList::append(const std::shared_ptr<const Block> &block)
{
    if (!block || block->count() == 0) {
        return;
    }
    m_blocks.push_back(block);
    m_starts.push_back(m_size);
    m_size += block->count();
}

qsizetype MatchList::bytes() const
{
    qsizetype n = qsizetype(m_blocks.capacity() * sizeof(m_blocks[0])
                            + m_starts.capacity() * sizeof(m_starts[0]));
    for (const auto &block : m_blocks) {
        n += block->bytes();
    }
    return n;
}

qsizetype MatchList::blockOf(qsizetype i) const
{
    // Blocks are full (kBlock) except at batch ends, so the guess is nearly always right.
    size_t b = std::min(size_t(i / kBlock), m_starts.size() - 1);
    while (m_starts[b] > i) {
        --b;
    }
    while (b + 1 < m_starts.size() && m_starts[b + 1] <= i) {
        ++b;
    }
    return qsizetype(b);
}

qsizetype MatchList::firstEndingAfter(qsizetype unit) const
{
    // Match ends are non-decreasing (matches do not overlap and come in order).
    qsizetype lo = 0;
    qsizetype hi = m_size;
    while (lo < hi) {
        const qsizetype mid = lo + (hi - lo) / 2;
        const qsizetype end = unitEnd(mid);
        if (end > unit || (end == unit && unitStart(mid) == unit)) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return lo;
}

qsizetype MatchList::firstStartingAtOrAfter(qsizetype unit) const
{
    qsizetype lo = 0;
    qsizetype hi = m_size;
    while (lo < hi) {
        const qsizetype mid = lo + (hi - lo) / 2;
        if (unitStart(mid) >= unit) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return lo;
}

// ---- the worker ------------------------------------------------------------------------------

struct RegexModel::Job
{
    quint64 generation = 0;
    Inputs in;
    quint64 textGeneration = 0;
    std::shared_ptr<const Subject> subject;
    std::shared_ptr<const Regex> regex;
    std::atomic<bool> cancel{false};
};

struct RegexModel::Batch
{
    quint64 generation = 0;
    bool first = false;
    bool last = false;
    std::vector<std::shared_ptr<const MatchList::Block>> blocks;
    qsizetype total = 0; // matches found so far (stored or not)
    // With the first batch:
    std::shared_ptr<const Subject> subject;
    quint64 textGeneration = 0;
    std::shared_ptr<const Regex> regex;
    int regexFlags = 0;
    // With the last batch:
    Error error;
    ErrorSource errorSource = ErrorSource::None;
    QString value;
    std::optional<QString> printed; // print(value) when it is not repr(value): sub's string
    bool truncated = false;
};

void RegexModel::startJob()
{
    auto job = std::make_shared<Job>();
    job->generation = m_generation;
    job->in = m_in;
    job->textGeneration = m_textGeneration;
    if (m_subject && m_subjectGeneration == m_textGeneration) {
        job->subject = m_subject;
    }
    if (m_regex && m_regexPattern == m_in.pattern && m_regexFlags == m_in.flags) {
        job->regex = m_regex;
    }
    m_job = job;
    auto post = [this](std::shared_ptr<Batch> batch) {
        // The model waits for the pool in its destructor, so it outlives every post.
        QMetaObject::invokeMethod(
            this, [this, batch] { deliver(batch); }, Qt::QueuedConnection);
    };
    m_pool->start([job, post] { runJob(*job, post); });
}

void RegexModel::runJob(Job &job, const std::function<void(std::shared_ptr<Batch>)> &post)
{
    auto batch = std::make_shared<Batch>();
    batch->generation = job.generation;
    batch->first = true;
    batch->textGeneration = job.textGeneration;
    auto finish = [&](std::shared_ptr<Batch> b) {
        b->last = true;
        post(std::move(b));
    };

    std::shared_ptr<const Subject> subject = job.subject;
    if (!subject) {
        subject = std::make_shared<const Subject>(job.in.text);
    }
    batch->subject = subject;
    if (job.cancel.load()) {
        finish(batch);
        return;
    }
    std::shared_ptr<const Regex> regex = job.regex;
    if (!regex) {
        Error error;
        regex = Regex::compile(job.in.pattern, job.in.flags, &error);
        if (!regex) {
            batch->error = error;
            batch->errorSource = ErrorSource::Pattern;
            finish(batch);
            return;
        }
    }
    batch->regex = regex;
    batch->regexFlags = job.in.flags;
    const Subject &s = *subject;
    const int groups = regex->groupCount();

    std::optional<Template> repl;
    const bool isSub = job.in.function == Function::Sub || job.in.function == Function::Subn;
    if (isSub) {
        Error error;
        repl = Template::compile(job.in.replacement, *regex, &error);
        if (!repl) {
            batch->error = error;
            batch->errorSource = ErrorSource::Replacement;
            finish(batch);
            return;
        }
    }

    MatchList::Block::Builder block(groups);
    qsizetype total = 0;
    auto store = [&](const Match &m) {
        ++total;
        if (total > kMaxStored) {
            return;
        }
        block.add(m.units.data());
        if (block.count() == MatchList::kBlock) {
            batch->blocks.push_back(block.take());
        }
    };
    QElapsedTimer sinceBatch;
    sinceBatch.start();
    auto flush = [&](bool force) {
        if (!force && sinceBatch.elapsed() < kBatchInterval) {
            return;
        }
        if (block.count() > 0) {
            batch->blocks.push_back(block.take());
        }
        batch->total = total;
        if (!force) {
            post(std::move(batch));
            batch = std::make_shared<Batch>();
            batch->generation = job.generation;
            sinceBatch.restart();
        }
    };

    const qsizetype pos = job.in.pos < 0 ? 0 : job.in.pos;
    const qsizetype endpos = job.in.endpos;
    Error error;
    bool ok = true;
    switch (job.in.function) {
    case Function::Search:
    case Function::Match:
    case Function::Fullmatch: {
        std::optional<Match> m;
        if (job.in.function == Function::Search) {
            m = regex->search(s, pos, endpos, &error, &job.cancel);
        } else if (job.in.function == Function::Match) {
            m = regex->match(s, pos, endpos, &error, &job.cancel);
        } else {
            m = regex->fullmatch(s, pos, endpos, &error, &job.cancel);
        }
        ok = !error.limit && error.message.isEmpty();
        if (m) {
            store(*m);
            batch->value = m->repr(s);
        } else {
            batch->value = py::reprNone();
        }
        break;
    }
    case Function::Findall:
    case Function::Finditer: {
        FindallResult found;
        found.groups = groups;
        const bool findall = job.in.function == Function::Findall;
        QStringList matchReprs; // finditer: print(list(...)) shows each Match's repr
        ok = regex->forEach(
            s, pos, endpos,
            [&](const Match &m) {
                store(m);
                if (findall) {
                    if (found.items.size() < kValueItems) {
                        QStringList item;
                        if (groups == 0) {
                            item.append(m.text(s, 0));
                        } else {
                            for (int g = 1; g <= groups; ++g) {
                                item.append(m.text(s, g));
                            }
                        }
                        found.items.append(item);
                    } else {
                        batch->truncated = true;
                    }
                } else if (matchReprs.size() < kValueItems) {
                    matchReprs.append(m.repr(s));
                } else {
                    batch->truncated = true;
                }
                if ((total & 255) == 0) {
                    flush(false);
                }
                return true;
            },
            &error, &job.cancel);
        batch->value = findall ? found.repr() : py::list(matchReprs);
        break;
    }
    case Function::Sub:
    case Function::Subn: {
        SubResult result;
        qsizetype last = 0;
        bool full = false;
        ok = regex->forEach(
            s, 0, -1,
            [&](const Match &m) {
                store(m);
                ++result.count;
                if (!full) {
                    result.text.append(QStringView(s.text()).mid(last, m.units[0] - last));
                    repl->expandInto(result.text, s, m);
                    last = m.units[1];
                    full = result.text.size() > kValueChars;
                }
                if ((total & 255) == 0) {
                    flush(false);
                }
                return job.in.count <= 0 || result.count < job.in.count;
            },
            &error, &job.cancel);
        if (full) {
            result.text.truncate(kValueChars);
            batch->truncated = true;
        } else {
            result.text.append(QStringView(s.text()).mid(last));
            if (result.text.size() > kValueChars) {
                result.text.truncate(kValueChars);
                batch->truncated = true;
            }
        }
        batch->value = result.repr(job.in.function == Function::Subn);
        if (job.in.function == Function::Sub) {
            batch->printed = result.text;
        }
        break;
    }
    case Function::Split: {
        SplitResult result;
        qsizetype last = 0;
        qsizetype n = 0;
        ok = regex->forEach(
            s, 0, -1,
            [&](const Match &m) {
                store(m);
                ++n;
                if (result.items.size() < kValueItems) {
                    result.items.append(s.text().mid(last, m.units[0] - last));
                    for (int g = 1; g <= groups; ++g) {
                        if (m.matched(g)) {
                            result.items.append(m.text(s, g));
                        } else {
                            result.items.append(std::nullopt);
                        }
                    }
                } else {
                    batch->truncated = true;
                }
                last = m.units[1];
                if ((total & 255) == 0) {
                    flush(false);
                }
                return job.in.count <= 0 || n < job.in.count;
            },
            &error, &job.cancel);
        if (!batch->truncated) {
            result.items.append(s.text().mid(last));
        }
        batch->value = result.repr();
        break;
    }
    }
    flush(true);
    if (!ok || !error.message.isEmpty()) {
        batch->error = error;
        batch->errorSource = ErrorSource::Pattern;
        batch->value.clear();
    }
    finish(std::move(batch));
}

// ---- the model -------------------------------------------------------------------------------

RegexModel::RegexModel(QObject *parent)
    : QObject(parent)
    , m_pool(new QThreadPool(this))
{
    m_pool->setMaxThreadCount(1);
    m_debounce.setSingleShot(true);
    connect(&m_debounce, &QTimer::timeout, this, [this] {
        if (m_job) {
            m_restartPending = true; // the cancelled job ends soon; the next one starts then
        } else {
            startJob();
        }
    });
    schedule();
}

RegexModel::~RegexModel()
{
    if (m_job) {
        m_job->cancel = true;
    }
    m_pool->waitForDone();
}

void RegexModel::setDebounce(int smallMs, int bigMs)
{
    m_smallDelay = smallMs;
    m_bigDelay = bigMs;
}

void RegexModel::schedule(bool codeChanged)
{
    ++m_generation;
    if (m_job) {
        m_job->cancel = true;
    }
    m_debounce.start(m_in.text.size() < kSmallText ? m_smallDelay : m_bigDelay);
    if (!m_running) {
        m_running = true;
        Q_EMIT runningChanged(true);
    }
    if (codeChanged) {
        Q_EMIT pythonCodeChanged();
    }
}

template <typename T>
bool RegexModel::setInput(T &field, const T &value)
{
    if (value == field) {
        return false;
    }
    field = value;
    schedule();
    return true;
}

void RegexModel::setPattern(const QString &pattern)
{
    setInput(m_in.pattern, pattern);
}

void RegexModel::setFlags(int flags)
{
    setInput(m_in.flags, flags);
}

void RegexModel::setFunction(Function function)
{
    setInput(m_in.function, function);
}

void RegexModel::setReplacement(const QString &replacement)
{
    setInput(m_in.replacement, replacement);
}

void RegexModel::setCount(int count)
{
    setInput(m_in.count, std::max(count, 0));
}

void RegexModel::setPos(qsizetype pos)
{
    setInput(m_in.pos, std::max<qsizetype>(pos, -1));
}

void RegexModel::setEndpos(qsizetype endpos)
{
    setInput(m_in.endpos, std::max<qsizetype>(endpos, -1));
}

void RegexModel::setText(const QString &text)
{
    if (text == m_in.text) {
        return;
    }
    // The prepared Subject belongs to the old text; the run scheduled makes a new one.
    ++m_textGeneration;
    m_subject.reset();
    setInput(m_in.text, text);
}

void RegexModel::setTextFileName(const QString &fileName)
{
    if (fileName != m_textFile) {
        m_textFile = fileName;
        Q_EMIT pythonCodeChanged();
    }
}

void RegexModel::deliver(const std::shared_ptr<Batch> &batch)
{
    // Keep what the worker prepared, whichever run it was for.
    if (batch->subject && batch->textGeneration == m_textGeneration) {
        m_subject = batch->subject;
        m_subjectGeneration = batch->textGeneration;
    }
    if (batch->regex) {
        m_regex = batch->regex;
        m_regexPattern = batch->regex->pattern();
        m_regexFlags = batch->regexFlags;
    }
    const bool current = batch->generation == m_generation;
    if (current) {
        if (batch->first) {
            m_matches = MatchList(batch->regex ? batch->regex->groupCount() : 0, batch->subject);
            m_totalCount = 0;
            m_groupCount = batch->regex ? batch->regex->groupCount() : 0;
            m_groupNames.clear();
            for (int g = 1; g <= m_groupCount; ++g) {
                m_groupNames.append(batch->regex->groupName(g));
            }
            m_resultSubject = batch->subject;
            m_error = Error();
            m_errorSource = ErrorSource::None;
            m_value.clear();
            m_valuePrinted.reset();
            m_valueTruncated = false;
            Q_EMIT resultsReset();
        }
        const qsizetype first = m_matches.size();
        for (const auto &block : batch->blocks) {
            m_matches.append(block);
        }
        m_totalCount = std::max(m_totalCount, batch->total);
        if (m_matches.size() > first) {
            Q_EMIT matchesAdded(first, m_matches.size() - first);
        }
        if (batch->last) {
            m_error = batch->error;
            m_errorSource = batch->errorSource;
            m_value = batch->value;
            m_valuePrinted = batch->printed;
            m_valueTruncated = batch->truncated;
            m_running = false;
            Q_EMIT runningChanged(false);
            Q_EMIT finished();
        }
    }
    if (batch->last && m_job && m_job->generation == batch->generation) {
        m_job.reset();
        if (m_restartPending) {
            m_restartPending = false;
            startJob();
        }
    }
}

// ---- Python code -----------------------------------------------------------------------------

QString RegexModel::pythonCode() const
{
    QString code = QStringLiteral("import re\n\n");
    if (!m_textFile.isEmpty()) {
        code += QStringLiteral("with open(%1, encoding=\"utf-8\") as f:\n    texto = f.read()\n")
                    .arg(py::literal(m_textFile));
    } else if (m_in.text.size() > kInlineText) {
        code += QStringLiteral("# ")
            + tr("The text (%1 characters) is too long to write here: save it as texto.txt.")
                  .arg(m_in.text.size())
            + QStringLiteral("\nwith open(\"texto.txt\", encoding=\"utf-8\") as f:\n"
                             "    texto = f.read()\n");
    } else {
        code += QStringLiteral("texto = %1\n").arg(py::literal(m_in.text));
    }

    const QString pattern = py::literal(m_in.pattern);
    const QString flags = flagsExpression(m_in.flags);
    const QString name = functionName(m_in.function);
    const bool positions = m_in.pos >= 0 || m_in.endpos >= 0;
    QString call;
    switch (m_in.function) {
    case Function::Search:
    case Function::Match:
    case Function::Fullmatch:
    case Function::Findall:
    case Function::Finditer:
        if (positions) {
            // pos/endpos exist only on compiled patterns.
            code += QStringLiteral("patron = re.compile(%1%2)\n")
                        .arg(pattern, flags.isEmpty() ? QString() : QStringLiteral(", ") + flags);
            call = QStringLiteral("patron.%1(texto, %2").arg(name).arg(std::max<qsizetype>(m_in.pos, 0));
            if (m_in.endpos >= 0) {
                call += QStringLiteral(", %1").arg(m_in.endpos);
            }
            call += QLatin1Char(')');
        } else {
            call = QStringLiteral("re.%1(%2, texto%3)")
                       .arg(name, pattern,
                            flags.isEmpty() ? QString() : QStringLiteral(", ") + flags);
        }
        break;
    case Function::Sub:
    case Function::Subn:
        call = QStringLiteral("re.%1(%2, %3, texto").arg(name, pattern, py::literal(m_in.replacement));
        if (m_in.count > 0) {
            call += QStringLiteral(", count=%1").arg(m_in.count);
        }
        if (!flags.isEmpty()) {
            call += QStringLiteral(", flags=") + flags;
        }
        call += QLatin1Char(')');
        break;
    case Function::Split:
        call = QStringLiteral("re.split(%1, texto").arg(pattern);
        if (m_in.count > 0) {
            call += QStringLiteral(", maxsplit=%1").arg(m_in.count);
        }
        if (!flags.isEmpty()) {
            call += QStringLiteral(", flags=") + flags;
        }
        call += QLatin1Char(')');
        break;
    }
    // The program prints what the Result pane shows.
    if (m_in.function == Function::Finditer) {
        code += QStringLiteral("print(list(%1))\n").arg(call);
    } else if (m_in.function == Function::Sub) {
        code += QStringLiteral("resultado = %1\nprint(resultado)\nprint(repr(resultado))\n")
                    .arg(call);
    } else {
        code += QStringLiteral("print(%1)\n").arg(call);
    }
    return code;
}

} // namespace stdlab::re

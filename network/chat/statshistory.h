#pragma once

#include <QtGlobal>

#include <array>
#include <vector>

namespace stdlab::chat {

/** A fixed-size ring buffer of traffic samples (rates per second), oldest first. */
class StatsHistory
{
public:
    enum Series { MessagesIn, MessagesOut, BytesIn, BytesOut, SeriesCount };

    struct Sample
    {
        int clients = 0;
        std::array<double, SeriesCount> rate{}; ///< per second
    };

    /// Cumulative counters, as an engine reports them.
    struct Totals
    {
        qint64 messagesIn = 0;
        qint64 messagesOut = 0;
        qint64 bytesIn = 0;
        qint64 bytesOut = 0;
    };

    explicit StatsHistory(int capacity = 120);

    int capacity() const { return int(m_samples.size()); }
    int size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    /// @p i from 0 (oldest) to size() - 1 (newest).
    const Sample &at(int i) const;
    const Sample &last() const { return at(m_size - 1); }

    void push(const Sample &sample);
    /// Turns cumulative @p totals at @p msecs (monotonic) into rates since the previous call and
    /// pushes them; the first call only records the baseline. Counters that go back (an engine
    /// restarted) start a new baseline.
    void addTotals(qint64 msecs, const Totals &totals, int clients);
    void clear();

    /// The largest value of @p series in the buffer (0 if empty).
    double maximum(Series series) const;

private:
    std::vector<Sample> m_samples;
    int m_head = 0; ///< index of the oldest sample
    int m_size = 0;
    bool m_haveBaseline = false;
    qint64 m_lastMsecs = 0;
    Totals m_last;
};

} // namespace stdlab::chat

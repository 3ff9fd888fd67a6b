#include "chat/statshistory.h"

#include <algorithm>

namespace stdlab::chat {

StatsHistory::StatsHistory(int capacity)
    : m_samples(size_t(std::max(2, capacity)))
{
}

const StatsHistory::Sample &StatsHistory::at(int i) const
{
    Q_ASSERT(i >= 0 && i < m_size);
    return m_samples[size_t((m_head + i) % capacity())];
}

void StatsHistory::push(const Sample &sample)
{
    if (m_size < capacity()) {
        m_samples[size_t((m_head + m_size) % capacity())] = sample;
        ++m_size;
    } else {
        m_samples[size_t(m_head)] = sample;
        m_head = (m_head + 1) % capacity();
    }
}

void StatsHistory::addTotals(qint64 msecs, const Totals &totals, int clients)
{
    const bool wentBack = totals.messagesIn < m_last.messagesIn
        || totals.messagesOut < m_last.messagesOut || totals.bytesIn < m_last.bytesIn
        || totals.bytesOut < m_last.bytesOut;
    if (!m_haveBaseline || wentBack || msecs <= m_lastMsecs) {
        if (!m_haveBaseline || wentBack) {
            m_haveBaseline = true;
            m_lastMsecs = msecs;
            m_last = totals;
        }
        return;
    }
    const double seconds = double(msecs - m_lastMsecs) / 1000.0;
    Sample s;
    s.clients = clients;
    s.rate[MessagesIn] = double(totals.messagesIn - m_last.messagesIn) / seconds;
    s.rate[MessagesOut] = double(totals.messagesOut - m_last.messagesOut) / seconds;
    s.rate[BytesIn] = double(totals.bytesIn - m_last.bytesIn) / seconds;
    s.rate[BytesOut] = double(totals.bytesOut - m_last.bytesOut) / seconds;
    push(s);
    m_lastMsecs = msecs;
    m_last = totals;
}

void StatsHistory::clear()
{
    m_head = 0;
    m_size = 0;
    m_haveBaseline = false;
    m_lastMsecs = 0;
    m_last = {};
}

double StatsHistory::maximum(Series series) const
{
    double best = 0;
    for (int i = 0; i < m_size; ++i) {
        best = std::max(best, at(i).rate[size_t(series)]);
    }
    return best;
}

} // namespace stdlab::chat

#include "progressmeter.h"

#include "fspath.h"

#include <QThread>

#include <algorithm>

namespace stdlab::files {

namespace {
constexpr int progressIntervalMs = 100;
} // namespace

ProgressMeter::ProgressMeter(Report report)
    : m_report(std::move(report))
    , m_lastReport(-progressIntervalMs)
{
}

void ProgressMeter::tick(const QByteArray &current)
{
    const qint64 now = m_clock.elapsed();
    if (now - m_lastReport < progressIntervalMs) {
        return;
    }
    if (!current.isEmpty()) {
        m_progress.currentPath = fsDecode(current);
    }
    report();
}

void ProgressMeter::report()
{
    const qint64 now = m_clock.elapsed();
    m_lastReport = now;
    m_progress.elapsedMs = now;
    m_samples.push_back({ now, m_progress.bytesDone });
    while (m_samples.size() > 2 && now - m_samples.front().first > 3000) {
        m_samples.pop_front();
    }
    const auto &first = m_samples.front();
    const qint64 span = now - first.first;
    m_progress.bytesPerSecond
        = span > 0 ? double(m_progress.bytesDone - first.second) * 1000.0 / double(span) : 0.0;
    m_progress.etaMs = -1;
    if (!m_progress.scanning && now > 0) {
        if (m_progress.bytesTotal > 0 && m_progress.bytesPerSecond > 0) {
            m_progress.etaMs = qint64(double(m_progress.bytesTotal - m_progress.bytesDone) * 1000.0
                                      / m_progress.bytesPerSecond);
        } else if (m_progress.filesTotal > 0 && m_progress.filesDone > 0) {
            m_progress.etaMs
                = (m_progress.filesTotal - m_progress.filesDone) * now / m_progress.filesDone;
        }
        m_progress.etaMs = std::max<qint64>(m_progress.etaMs, -1);
    }
    if (m_report) {
        m_report(m_progress);
    }
}

void ProgressMeter::throttle(qint64 bytesPerSecond, const std::function<bool()> &cancelled)
{
    if (bytesPerSecond <= 0) {
        return;
    }
    for (;;) {
        const qint64 dueMs = m_progress.bytesDone * 1000 / bytesPerSecond;
        const qint64 wait = dueMs - m_clock.elapsed();
        if (wait <= 0 || cancelled()) {
            return;
        }
        QThread::msleep(quint64(std::min<qint64>(wait, 20)));
    }
}

} // namespace stdlab::files

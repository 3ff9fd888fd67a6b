#pragma once

#include "filejob.h"

#include <QByteArray>
#include <QElapsedTimer>

#include <deque>
#include <functional>
#include <utility>

namespace stdlab::files {

/**
 * A job's progress: the counts the operations advance, the speed over the last seconds, the
 * time left, and reports batched to one per 100 ms (the GUI is never flooded), plus the
 * bandwidth limit (rsync --bwlimit) that paces the bytes.
 */
class ProgressMeter
{
public:
    using Report = std::function<void(const JobProgress &progress)>;
    /// @p report gets every report (nullptr: none, as runJob() runs).
    explicit ProgressMeter(Report report);

    /// The counts, advanced by the job directly.
    JobProgress &progress() { return m_progress; }
    /// Starts the clock (the job starts).
    void start() { m_clock.start(); }
    qint64 elapsedMs() const { return m_clock.elapsed(); }

    /// Reports if the last report is 100 ms old; @p current (a native path) becomes
    /// currentPath then.
    void tick(const QByteArray &current = QByteArray());
    /// Reports now.
    void report();
    /// Forgets the speed measured so far (after the job waited on the user).
    void restartSpeed() { m_samples.clear(); }
    /// Sleeps while the bytes done run ahead of @p bytesPerSecond (0: no limit) or until
    /// @p cancelled says so.
    void throttle(qint64 bytesPerSecond, const std::function<bool()> &cancelled);

private:
    Report m_report;
    JobProgress m_progress;
    QElapsedTimer m_clock;
    qint64 m_lastReport;
    std::deque<std::pair<qint64, qint64>> m_samples; // (ms, bytesDone)
};

} // namespace stdlab::files

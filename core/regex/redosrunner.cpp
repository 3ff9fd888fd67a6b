#include "regex/redosrunner.h"

#include <QFutureWatcher>
#include <QtConcurrent>

namespace stdlab::re {

RedosRunner::RedosRunner(QObject *parent) : QObject(parent) {}

RedosRunner::~RedosRunner()
{
    for (Run &run : m_runs) {
        run.cancel->store(true);
    }
    for (Run &run : m_runs) {
        run.watcher->disconnect(this);
        run.watcher->waitForFinished();
    }
}

void RedosRunner::start(const QString &pattern, int flags)
{
    cancel();
    auto flag = std::make_shared<std::atomic<bool>>(false);
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] { done(watcher); });
    m_runs.push_back(Run{pattern, flags, flag, watcher});
    watcher->setFuture(QtConcurrent::run([pattern, flags, flag] {
        Outcome o;
        o.verdict = redos(pattern, flags, &o.error, flag.get());
        return o;
    }));
}

void RedosRunner::cancel()
{
    for (Run &run : m_runs) {
        run.cancel->store(true);
    }
}

bool RedosRunner::isRunning() const
{
    return !m_runs.empty() && !m_runs.back().cancel->load();
}

void RedosRunner::done(QFutureWatcher<Outcome> *watcher)
{
    const auto it = std::find_if(m_runs.begin(), m_runs.end(),
                                 [watcher](const Run &r) { return r.watcher == watcher; });
    if (it == m_runs.end()) {
        return;
    }
    const Run run = *it;
    m_runs.erase(it);
    watcher->deleteLater();
    if (run.cancel->load()) {
        return;
    }
    const Outcome o = watcher->result();
    if (o.verdict) {
        emit finished(run.pattern, run.flags, *o.verdict);
    } else {
        emit failed(run.pattern, run.flags, o.error);
    }
}

} // namespace stdlab::re

#pragma once

#include <QAbstractEventDispatcher>
#include <QHash>

#include <atomic>
#include <vector>

namespace stdlab::net {

/**
 * An event dispatcher for the server's worker threads on Linux epoll. Qt's own dispatchers
 * (glib, or poll() in QEventDispatcherUNIX) rebuild and scan the list of every socket at each
 * wake-up: with thousands of clients per thread that cost, not the traffic, bounds the server.
 * epoll returns only the sockets that are ready. Timers are kept in a small list (a worker
 * has a handful).
 */
class EpollDispatcher : public QAbstractEventDispatcher
{
public:
    explicit EpollDispatcher(QObject *parent = nullptr);
    ~EpollDispatcher() override;

    /// False when epoll or eventfd could not be created (use Qt's dispatcher then).
    bool isValid() const { return m_epoll >= 0 && m_wake >= 0; }

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;
    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;
    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                       QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;
    void wakeUp() override;
    void interrupt() override;

private:
    struct Notifiers
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
        QSocketNotifier *exception = nullptr;
        quint32 events = 0; ///< what epoll watches for this descriptor now
    };
    struct Timer
    {
        int id = 0;
        qint64 interval = 0;
        Qt::TimerType type = Qt::CoarseTimer;
        QObject *object = nullptr;
        qint64 deadline = 0; ///< steady clock, ms
    };

    void updateEpoll(int fd, Notifiers &n);
    void applyPending();
    int activateTimers();
    int waitTimeout() const;

    int m_epoll = -1;
    int m_wake = -1;
    std::atomic<bool> m_interrupted{false};
    QHash<int, Notifiers> m_notifiers;
    /// Descriptors whose watched events changed between two waits, applied before the next one
    /// (a socket's write notifier goes on at write() and off at flush(): 2 epoll_ctl per echoed
    /// message that cancel out).
    std::vector<int> m_pending;
    std::vector<Timer> m_timers;
};

} // namespace stdlab::net

#pragma once

#include <QAbstractEventDispatcher>
#include <QHash>

#include <atomic>
#include <vector>

namespace stdlab::net {

/// What a descriptor watched with EpollDispatcher::watch() calls when it is ready.
class EpollWatcher
{
public:
    /// @p events: EPOLLIN, EPOLLOUT, EPOLLHUP, EPOLLERR as epoll reported them.
    virtual void epollReady(quint32 events) = 0;

protected:
    ~EpollWatcher() = default;
};

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

    /// Watches @p fd for input (@p read) and room to write (@p write): @p watcher is called
    /// from the wait itself, without a QSocketNotifier (an event object, a signal and a slot
    /// per ready socket: 5-7 % of an echo server's CPU). Both false forgets @p fd (do it before
    /// closing it). In this dispatcher's thread only; a descriptor has a watcher or notifiers.
    /// Edge-triggered: @p watcher is called when input comes or room to write appears, not again
    /// for what it left; it reads until the kernel has no more (or keeps track of what it left
    /// and comes back to it itself) and writes until the kernel is full. Turning an event on
    /// again reports it at the next wait if it is ready.
    void watch(int fd, EpollWatcher *watcher, bool read, bool write);

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
        EpollWatcher *watcher = nullptr;
        bool watchRead = false;
        bool watchWrite = false;
        quint32 events = 0; ///< what epoll watches for this descriptor now
        quint32 requested = 0; ///< what was last asked for (maybe not applied yet)
        bool rearm = false; ///< a watcher's event turned on again: poll it at the next wait
    };
    struct Timer
    {
        int id = 0;
        qint64 interval = 0;
        Qt::TimerType type = Qt::CoarseTimer;
        QObject *object = nullptr;
        qint64 deadline = 0; ///< steady clock, ms
    };

    static quint32 wanted(const Notifiers &n);
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

// EpollDispatcher::watch(): descriptors whose owner is called straight from the wait (the server
// workers' clients), beside QSocketNotifiers. Driven here by calling processEvents() directly.
#include "epolldispatcher.h"

#include <QSocketNotifier>
#include <QtTest>

#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>

using namespace stdlab::net;

namespace {

struct Recorder final : EpollWatcher
{
    QList<quint32> calls;
    std::function<void()> onReady;
    void epollReady(quint32 events) override
    {
        calls.append(events);
        if (onReady) {
            onReady();
        }
    }
};

struct SocketPair
{
    int fd[2] = {-1, -1};
    SocketPair() { ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fd); }
    ~SocketPair()
    {
        for (int f : fd) {
            if (f >= 0) {
                ::close(f);
            }
        }
    }
};

void pass(EpollDispatcher &d)
{
    d.processEvents(QEventLoop::AllEvents); // no wait: what is ready now
}

} // namespace

class tst_EpollDispatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void watcherIsCalledForInputAndRoomToWrite();
    void forgottenDescriptorIsNotReported();
    void descriptorForgottenInThePassIsNotReported();
    void notifiersStillWork();
    void watchersAreServedInTheOrderTheirInputCame();
    void writeTurnedOffAndOnBetweenTwoWaitsIsReported();
};

void tst_EpollDispatcher::watcherIsCalledForInputAndRoomToWrite()
{
    EpollDispatcher d;
    QVERIFY(d.isValid());
    SocketPair p;
    Recorder r;
    d.watch(p.fd[0], &r, true, false);
    pass(d);
    QVERIFY(r.calls.isEmpty()); // nothing to read yet
    QCOMPARE(::write(p.fd[1], "x", 1), ssize_t(1));
    pass(d);
    QCOMPARE(r.calls.size(), 1);
    QVERIFY(r.calls[0] & EPOLLIN);
    QVERIFY(!(r.calls[0] & EPOLLOUT));
    // Edge-triggered: the byte not read is not reported again until more comes.
    pass(d);
    QCOMPARE(r.calls.size(), 1);
    // Input off, output on.
    d.watch(p.fd[0], &r, false, true);
    pass(d);
    QCOMPARE(r.calls.size(), 2);
    QCOMPARE(r.calls[1] & (EPOLLIN | EPOLLOUT), quint32(EPOLLOUT));
    d.watch(p.fd[0], &r, true, true);
    pass(d);
    QCOMPARE(r.calls.size(), 3);
    QCOMPARE(r.calls[2] & (EPOLLIN | EPOLLOUT), quint32(EPOLLIN | EPOLLOUT));
}

void tst_EpollDispatcher::forgottenDescriptorIsNotReported()
{
    EpollDispatcher d;
    SocketPair p;
    Recorder r;
    d.watch(p.fd[0], &r, true, true);
    QCOMPARE(::write(p.fd[1], "x", 1), ssize_t(1));
    d.watch(p.fd[0], &r, false, false);
    pass(d);
    QVERIFY(r.calls.isEmpty());
    // Watched again (a new client with the same number): reported again.
    d.watch(p.fd[0], &r, true, false);
    pass(d);
    QCOMPARE(r.calls.size(), 1);
}

void tst_EpollDispatcher::descriptorForgottenInThePassIsNotReported()
{
    // Two ready descriptors; whichever is reported first forgets the other (a client closed
    // while handling another): the other must not be called with what epoll returned before.
    EpollDispatcher d;
    SocketPair a;
    SocketPair b;
    Recorder ra;
    Recorder rb;
    ra.onReady = [&] { d.watch(b.fd[0], &rb, false, false); };
    rb.onReady = [&] { d.watch(a.fd[0], &ra, false, false); };
    d.watch(a.fd[0], &ra, true, false);
    d.watch(b.fd[0], &rb, true, false);
    QCOMPARE(::write(a.fd[1], "x", 1), ssize_t(1));
    QCOMPARE(::write(b.fd[1], "x", 1), ssize_t(1));
    pass(d);
    QCOMPARE(ra.calls.size() + rb.calls.size(), 1);
}

void tst_EpollDispatcher::notifiersStillWork()
{
    // QSocketNotifiers (the accepting side, QTcpSocket clients) and a watcher in one dispatcher.
    EpollDispatcher d;
    SocketPair a;
    SocketPair b;
    Recorder r;
    d.watch(a.fd[0], &r, true, false);
    QSocketNotifier n(b.fd[0], QSocketNotifier::Read);
    n.setEnabled(false); // registered with the thread's dispatcher: moved to ours by hand
    int activated = 0;
    connect(&n, &QSocketNotifier::activated, this, [&] { ++activated; });
    d.registerSocketNotifier(&n);
    QCOMPARE(::write(a.fd[1], "x", 1), ssize_t(1));
    QCOMPARE(::write(b.fd[1], "y", 1), ssize_t(1));
    pass(d);
    QCOMPARE(r.calls.size(), 1);
    QCOMPARE(activated, 1);
    d.unregisterSocketNotifier(&n);
    d.watch(a.fd[0], &r, false, false);
    pass(d);
    QCOMPARE(r.calls.size(), 1);
    QCOMPARE(activated, 1);
}

void tst_EpollDispatcher::watchersAreServedInTheOrderTheirInputCame()
{
    // Fair service (issue 13's p99): a client served in one pass whose next message comes back
    // while others wait must not keep its place ahead of them. Level-triggered epoll re-queued
    // every reported descriptor at the head of its ready list, so A (served, and quick to send
    // again) went before C, whose input came first: on the 1,000-client echo load 14 % of the
    // round trips took 2-4 ms and 8 % took 8-16 ms, where the C epoll server (edge-triggered)
    // answers 98.6 % in 4-8 ms.
    EpollDispatcher d;
    SocketPair a;
    SocketPair b;
    SocketPair c;
    QList<char> order;
    auto drain = [](int fd) {
        char buf[16];
        while (::read(fd, buf, sizeof buf) > 0) {
        }
    };
    Recorder ra;
    Recorder rb;
    Recorder rc;
    ra.onReady = [&] { order.append('a'); drain(a.fd[0]); };
    rb.onReady = [&] { order.append('b'); drain(b.fd[0]); };
    rc.onReady = [&] { order.append('c'); drain(c.fd[0]); };
    d.watch(a.fd[0], &ra, true, false);
    d.watch(b.fd[0], &rb, true, false);
    d.watch(c.fd[0], &rc, true, false);
    QCOMPARE(::write(a.fd[1], "x", 1), ssize_t(1));
    QCOMPARE(::write(b.fd[1], "x", 1), ssize_t(1));
    pass(d);
    QCOMPARE(order, QList<char>({'a', 'b'}));
    order.clear();
    QCOMPARE(::write(c.fd[1], "x", 1), ssize_t(1)); // C waits first
    QCOMPARE(::write(a.fd[1], "x", 1), ssize_t(1)); // then A sends its next message
    pass(d);
    QCOMPARE(order, QList<char>({'c', 'a'}));
}

void tst_EpollDispatcher::writeTurnedOffAndOnBetweenTwoWaitsIsReported()
{
    // A room member's output is sent (write off), then a line is queued for it before the next
    // wait (write on again): the socket had room all along, so no new edge comes; the
    // dispatcher must poll it again, or the line waits forever.
    EpollDispatcher d;
    SocketPair p;
    Recorder r;
    d.watch(p.fd[0], &r, true, true);
    pass(d);
    QCOMPARE(r.calls.size(), 1);
    QVERIFY(r.calls[0] & EPOLLOUT);
    d.watch(p.fd[0], &r, true, false);
    d.watch(p.fd[0], &r, true, true);
    pass(d);
    QCOMPARE(r.calls.size(), 2);
    QVERIFY(r.calls[1] & EPOLLOUT);
    // Turned off and left off: not reported.
    d.watch(p.fd[0], &r, true, false);
    pass(d);
    QCOMPARE(r.calls.size(), 2);
}

QTEST_GUILESS_MAIN(tst_EpollDispatcher)
#include "tst_epolldispatcher.moc"

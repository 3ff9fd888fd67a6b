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
    // Level-triggered: still readable, reported again; then input off, output on.
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

QTEST_GUILESS_MAIN(tst_EpollDispatcher)
#include "tst_epolldispatcher.moc"

#pragma once

// Collects the batched events of a server or client for the network tests.
#include "netevent.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTcpSocket>
#include <QtTest>

#include <functional>

class NetLog : public QObject
{
public:
    template <typename Emitter>
    explicit NetLog(Emitter *source)
    {
        connect(source, &Emitter::eventsReady, this, [this](const stdlab::net::NetEvents &events) {
            ++batches;
            this->events.append(events);
        });
    }

    QList<stdlab::net::NetEvent> events;
    int batches = 0; ///< eventsReady emissions

    QList<stdlab::net::NetEvent> of(stdlab::net::NetEvent::Kind kind) const
    {
        QList<stdlab::net::NetEvent> r;
        for (const auto &e : events) {
            if (e.kind == kind) {
                r.append(e);
            }
        }
        return r;
    }

    int count(stdlab::net::NetEvent::Kind kind) const { return int(of(kind).size()); }

    /// The data of every Message event from @p peer (all peers when empty).
    QList<QByteArray> messages(const QString &peer = {}) const
    {
        QList<QByteArray> r;
        for (const auto &e : events) {
            if (e.kind == stdlab::net::NetEvent::Message && (peer.isEmpty() || e.peer == peer)) {
                r.append(e.data);
            }
        }
        return r;
    }

    /// The first event of @p kind for @p peer (any peer when empty), waiting up to @p ms.
    std::optional<stdlab::net::NetEvent> waitFor(stdlab::net::NetEvent::Kind kind,
                                                 const QString &peer = {}, int ms = 5000)
    {
        QElapsedTimer t;
        t.start();
        for (;;) {
            for (const auto &e : events) {
                if (e.kind == kind && (peer.isEmpty() || e.peer == peer)) {
                    return e;
                }
            }
            if (t.elapsed() > ms) {
                return std::nullopt;
            }
            QTest::qWait(5);
        }
    }
};

/// "127.0.0.1:PORT" of a test-side socket: the peer string the server reports for it.
inline QString localPeer(const QAbstractSocket &s)
{
    return stdlab::net::formatPeer(s.localAddress(), s.localPort());
}

/// Connects a test-side client to 127.0.0.1:@p port (the event loop keeps running).
inline bool connectClient(QTcpSocket &s, quint16 port, int ms = 5000)
{
    s.connectToHost(QHostAddress::LocalHost, port);
    QElapsedTimer t;
    t.start();
    while (s.state() != QAbstractSocket::ConnectedState && t.elapsed() < ms) {
        if (s.state() == QAbstractSocket::UnconnectedState) {
            return false;
        }
        QTest::qWait(2);
    }
    return s.state() == QAbstractSocket::ConnectedState;
}

/// Waits until @p s is closed by the other end.
inline bool waitClosed(QAbstractSocket &s, int ms = 5000)
{
    QElapsedTimer t;
    t.start();
    while (s.state() != QAbstractSocket::UnconnectedState && t.elapsed() < ms) {
        QTest::qWait(2);
    }
    return s.state() == QAbstractSocket::UnconnectedState;
}

/// Reads from @p s until @p n bytes arrived (or @p ms passed).
inline QByteArray readExactly(QAbstractSocket &s, qsizetype n, int ms = 5000)
{
    QByteArray got;
    QElapsedTimer t;
    t.start();
    while (got.size() < n && t.elapsed() < ms) {
        // Never waitForReadyRead(): the server's listener runs in this thread's event loop.
        if (s.bytesAvailable() == 0) {
            QTest::qWait(2);
        }
        got += s.read(n - got.size());
    }
    return got;
}

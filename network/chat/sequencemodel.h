#pragma once

#include "chat/sendlog.h"
#include "netevent.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <deque>
#include <map>

namespace stdlab::chat {

/**
 * The sequence diagram's model: for each connection, the course's socket calls in order on two
 * lanes (client, server) and the arrows between them, built live from the engines' events as
 * this end saw them: `socket`, `bind`, `listen`, `accept` / `connect` with the handshake as one
 * arrow, `sendall` / `recv` with byte counts, `close`, FIN (`recv` returned `b''`), RST
 * (`ConnectionResetError`); `sendto` / `recvfrom` for UDP. The other end's calls that this end
 * cannot see are inferred from what arrived (a FIN means the other end called close() or
 * shutdown(SHUT_WR)) and marked so. When the other end is StdLab, its send() calls are read from
 * its send log (chat/sendlog.h) and drawn as its own, one arrow per send, against this end's
 * recv() calls: a send read in pieces, sends read glued together.
 *
 * Bounded: kMaxSteps steps per connection (the oldest go, counted), kMaxConnections
 * connections (the oldest go). Without widgets; SequenceDiagram draws it.
 */
class SequenceModel : public QObject
{
    Q_OBJECT

public:
    enum class Lane { Client, Server };

    struct Step
    {
        enum Kind {
            Call,  ///< a socket call on @p lane
            Arrow, ///< bytes or a segment from @p lane to the other lane
        };
        Kind kind = Call;
        Lane lane = Lane::Server;
        /// Call: "socket()", "bind(('127.0.0.1', 1234))", "recv() → 5 B", ...
        /// Arrow: "SYN · SYN-ACK · ACK", "5 B", "FIN", "RST".
        QString text;
        qint64 bytes = -1;   ///< the bytes it carries or returned; -1 when none
        QByteArray data;     ///< the first of those bytes (hover), at most 4 KiB
        QDateTime time;
        bool inferred = false; ///< the other end's call, deduced from what arrived
        /// Arrow of bytes this end received: where they start in the stream (-1: none). Drawn
        /// as the sender's sends instead once its send log covers them.
        qint64 offset = -1;
        /// Call of the other end read from its send log: which send (1, 2, ...); 0: none.
        int send = 0;
        friend bool operator==(const Step &, const Step &) = default;
    };

    struct Connection
    {
        int serial = 0;
        QString peer;   ///< the other end, "address:port"
        bool udp = false;
        bool ended = false;
        qint64 trimmed = 0; ///< steps dropped (kMaxSteps)
        std::deque<Step> steps;
        Lane me = Lane::Server; ///< this end's lane
        QString local;          ///< this end's "address:port" (names the peer's send log)
        /// The other end's sends from its send log; the first sends trimmed away are counted.
        net::SendLogReader reader;
        std::deque<net::SendRecord> sends;
        qint64 sendsTrimmed = 0;
        qint64 received = 0;   ///< the end of the last read
        qint64 lastReadUs = 0; ///< when (the log is looked for up to 3 s after)
    };

    static constexpr int kMaxSteps = 2000;
    static constexpr size_t kMaxConnections = 64;

    explicit SequenceModel(QObject *parent = nullptr);

    /// A batch of events of this end's engine: a server's (@p server) or a client's.
    void addEvents(const net::NetEvents &events, bool server, bool udp);
    void clear();

    /// Connections, oldest first.
    QList<int> connections() const;
    const Connection *connection(int serial) const;
    /// The steps of @p serial: a server's socket/bind/listen first, then the connection's.
    QList<Step> steps(int serial) const;
    /// Just the calls' and arrows' texts, "S: listen()", "C→S: 5 B" (tests, logs).
    QStringList outline(int serial) const;
    /// Reads the other ends' send logs now (a timer does it while reads wait for them).
    void refreshSends();

Q_SIGNALS:
    /// New steps for @p serial (batched: once per addEvents per connection).
    void stepsAdded(int serial);
    /// A connection appeared or went.
    void connectionsChanged();

private:
    Connection &open(const QString &key, const QString &peer, bool udp, bool *created);
    Connection *find(const QString &key);
    void append(Connection &c, Step step);
    bool waitingForSends() const;

    std::map<int, Connection> m_connections;
    std::map<QString, int> m_current; ///< a live connection's key → serial
    QList<Step> m_listen;             ///< the server's socket(), bind(), listen()
    int m_nextSerial = 1;
    QTimer m_refresh;
};

} // namespace stdlab::chat

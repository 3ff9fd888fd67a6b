#pragma once

#include "chat/sendlog.h"
#include "netevent.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QTimer>

#include <deque>

namespace stdlab::chat {

/**
 * The Chunks view's model: the data as received, one row per read (recv) with its size, the
 * time since the previous read of that connection, and, when the sender is StdLab, the sender's
 * send() calls each read holds (net::SendLog): a 10 KB send read in pieces, two small sends
 * read glued together.
 *
 * Fed with the engines' events (Connected, Read, Datagram, Disconnected) in batches; the
 * sender's records are read from its send log after each batch and, while some read is not yet
 * covered by them, every 200 ms for up to 3 s (the sender appends them every few dozen ms).
 * Bounded: the newest limit() rows are kept; each connection keeps at most SendLog::kMaxRecords
 * records.
 */
class ChunkModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    /// What a small window must show first comes first: the size, the gap, the sends.
    enum Column { NumberColumn, SizeColumn, GapColumn, SendsColumn, DataColumn, PeerColumn,
                  TimeColumn, ColumnCount };

    /// What a read holds of the sender's sends.
    enum class Shape {
        Unknown,  ///< the sender's sends are not known (not StdLab, or not yet recorded)
        Whole,    ///< exactly one send, whole
        Part,     ///< a piece of one send (the rest came or comes in other reads)
        Glued,    ///< more than one send (whole or in part)
        End,      ///< recv() returned b'': the peer closed its side (FIN)
        Reset,    ///< ConnectionResetError: the peer reset the connection (RST)
        Datagram, ///< UDP: one recvfrom(), one sendto()
        /// Not a read: the server's output for this client not yet written to its socket
        /// (ClientStats::pendingOut), a row each time it changes while there is some.
        Backlog,
    };
    Q_ENUM(Shape)

    enum Role {
        SizeRole = Qt::UserRole + 1, ///< qint64: bytes read (0 FIN, -1 RST)
        OffsetRole,                  ///< qint64: bytes of the connection before this read
        GapRole,                     ///< qint64: µs since the previous read (or the connect)
        ShapeRole,                   ///< int(Shape)
        BytesRole,                   ///< QByteArray: the read's first bytes (at most 4 KiB)
        ConnectionRole,              ///< int: the connection's serial (1, 2, ...)
    };

    /// One send()'s bytes in a read: send #number's bytes [from, to) of its size.
    struct Piece
    {
        int number = 0;
        qint64 from = 0;
        qint64 to = 0;
        qint64 sendSize = 0;
        bool whole() const { return from == 0 && to == sendSize; }
        friend bool operator==(const Piece &, const Piece &) = default;
    };

    static constexpr int DefaultLimit = 10000;

    explicit ChunkModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// The engines' events of one batch; Read, Datagram and the connections' start and end.
    void addEvents(const net::NetEvents &events);
    /// A server's clients whose statistics changed: a Backlog row for each one whose output
    /// waiting to be written grew or shrank (while there is some, and once when it is drained).
    /// The workers send them at most every 200 ms.
    void addClientStats(const QList<net::ClientStats> &changed);
    void clear();
    int limit() const { return m_limit; }
    void setLimit(int limit);
    qint64 trimmedCount() const { return m_trimmed; }

    /// The sender's sends that @p row's bytes belong to (empty when unknown).
    QList<Piece> pieces(int row) const;
    Shape shape(int row) const;
    /// "send #3, whole", "part of send #1: [1448:2896] of 10,240 B", "2 sends glued: #2 + #3".
    QString sendsText(int row) const;
    /// Reads the senders' logs now (the timer does it while reads wait for their records).
    void refreshSends();
    /// The connections whose sender's log was found.
    int connectionsWithSends() const;
    int connectionCount() const { return int(m_connections.size()); }

private:
    struct Connection
    {
        int serial = 0;
        QString peer;
        QString local;
        qint64 connectedUs = 0;
        qint64 lastReadUs = 0;
        qint64 firstReadUs = 0; ///< the sender's log is looked for until 3 s after it
        qint64 received = 0; ///< the end of the last read
        bool udp = false;
        net::SendLogReader reader;
        QList<net::SendRecord> records;
        qint64 recordsEnd = 0; ///< where the last record ends
        qint64 backlog = 0; ///< server: the last pendingOut shown
    };
    struct Row
    {
        int connection = 0; ///< serial
        QString peer;
        QDateTime time;
        qint64 offset = 0;
        qint64 size = 0;
        qint64 gapUs = 0;
        QByteArray preview;
        bool datagram = false;
        bool backlog = false; ///< a Backlog row: size is the output waiting, change its change
        qint64 change = 0;
    };

    Connection *connectionFor(const net::NetEvent &e);
    const Connection *connection(int serial) const;
    QString gapText(qint64 us) const;
    bool waitingForSends() const;
    void trim();
    void appendRows(std::vector<Row> &&added);

    std::deque<Row> m_rows;
    QHash<quint64, int> m_current;          ///< event.client (0 for a client) → its serial
    std::map<int, Connection> m_connections; ///< by serial
    int m_nextSerial = 1;
    int m_limit = DefaultLimit;
    qint64 m_trimmed = 0;
    qint64 m_firstWaitUs = 0;
    QTimer m_refresh;
};

} // namespace stdlab::chat

#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace stdlab::net {

/// One send() an application made on a connection: where its bytes sit in the stream, and when.
struct SendRecord
{
    qint64 offset = 0; ///< bytes sent on the connection before this send
    qint64 size = 0;
    qint64 timeUs = 0; ///< microseconds since the epoch
    friend bool operator==(const SendRecord &, const SendRecord &) = default;
};

/**
 * The boundaries of one connection's send() calls, shared with the process at the other end.
 * TCP does not carry them (that is the point the Chunks view makes), so each StdLab process that
 * records its sends appends them, per connection, to a small file of the runtime directory
 * named after the connection as the sender sees it ("127.0.0.1:40000>127.0.0.1:1234"); the
 * receiver reads the file named the other way round. It works for two windows, a window and
 * `stdlab send`, and one window talking to itself, and needs no change to the bytes sent.
 *
 * Bounded: a file holds at most kMaxRecords records of 24 bytes (1.5 MiB); the directory keeps
 * files touched in the last kKeepSeconds, at most kMaxFiles (the oldest go first). The directory
 * is the user's own (0700, files 0600); a record holds sizes and times, never the bytes.
 *
 * A writer buffers records and appends them on flush() (open, write, close: it holds no
 * descriptor between flushes); it is used by one thread at a time.
 */
class SendLog
{
public:
    static constexpr qint64 kMaxRecords = 65536;
    static constexpr int kMaxFiles = 256;
    static constexpr qint64 kKeepSeconds = 3600;
    static constexpr int kRecordBytes = 24;

    /// $XDG_RUNTIME_DIR/stdlab-sends (or the temporary directory's stdlab-sends-UID).
    /// STDLAB_SEND_LOG_DIR overrides it (tests).
    static QString directory();
    /// The file for a connection from @p from to @p to ("address:port" each).
    static QString path(const QString &from, const QString &to);

    SendLog() = default;
    SendLog(const SendLog &) = delete;
    SendLog &operator=(const SendLog &) = delete;
    ~SendLog() { flush(); }

    /// Starts a connection's log (an older file of the same name is replaced). False when the
    /// directory cannot be made; records are then dropped.
    bool open(const QString &from, const QString &to);
    bool isOpen() const { return !m_path.isEmpty(); }
    /// A send of @p size bytes at @p timeUs; the offset is the sum of the sizes before.
    void record(qint64 size, qint64 timeUs);
    /// Appends the buffered records to the file.
    void flush();
    bool hasPending() const { return !m_pending.isEmpty(); }
    qint64 recorded() const { return m_count; }
    void close();

private:
    QString m_path;
    QByteArray m_pending;
    qint64 m_offset = 0;
    qint64 m_count = 0;
};

/** Reads the send log of the other end of a connection as it grows. */
class SendLogReader
{
public:
    /// The log the peer @p peer writes for its connection to @p local.
    void setConnection(const QString &local, const QString &peer);
    /// Records appended since the last call (none when the file does not exist: the peer is not
    /// StdLab, or has not sent yet). A file replaced (a new connection of the same addresses)
    /// is read from its start.
    QList<SendRecord> readNew();
    bool found() const { return m_found; }

private:
    QString m_path;
    qint64 m_position = 0;
    QByteArray m_first; ///< the log's first record, to tell a replaced log
    bool m_found = false;
};

/// Microseconds since the epoch, for SendRecord and NetEvent::timeUs.
qint64 epochMicros();

} // namespace stdlab::net

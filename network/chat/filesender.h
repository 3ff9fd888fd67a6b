#pragma once

#include "chat/framingspec.h"

#include <QFile>
#include <QObject>

#include <functional>

class QTimer;

namespace stdlab::chat {

/**
 * Streams a file into a connection without loading it: a chunk (64 KiB) at a time, read only
 * while the connection's queue holds less than kWindowBytes, so memory stays bounded whatever
 * the file's size; framed as the framing says (raw and newline: the bytes as they are, as
 * `nc < FILE` or socket.sendfile() send them; length: one frame, refused over kMaxFrameBytes;
 * fixed: NUL padding to a whole number of frames). Runs in the owner's thread: a timer tick
 * reads and queues a few chunks, never blocking (a FIFO or a device is refused before it is
 * opened, a regular file is read in 64 KiB steps).
 *
 * A file that cannot be read, or that shrinks or vanishes while it is sent, stops the transfer
 * and says how many bytes went; so does Cancel and a connection that ends.
 */
class FileSender : public QObject
{
    Q_OBJECT

public:
    enum class Outcome {
        Done,
        Cancelled,
        ReadFailed,     ///< a read failed (text: the system's words)
        Shrank,         ///< the file ended before its size at the start
        ConnectionLost, ///< the connection refused a chunk (closed meanwhile)
    };
    Q_ENUM(Outcome)

    static constexpr qint64 kChunkBytes = 64 * 1024;
    static constexpr qint64 kWindowBytes = 1024 * 1024;

    /// Queues bytes on the connection; false when it cannot take them (gone).
    using Write = std::function<bool(const QByteArray &)>;
    /// Bytes queued on the connection that the kernel has not taken yet.
    using Pending = std::function<qint64()>;

    explicit FileSender(QObject *parent = nullptr);
    ~FileSender() override;

    /// Opens @p path and starts; false and @p why (translated) when it cannot: not a regular
    /// file, unreadable, or over a length frame's limit.
    bool start(const QString &path, const Framing &framing, Write write, Pending pending,
               QString *why);
    void cancel();
    bool isActive() const { return m_file.isOpen(); }
    QString path() const { return m_path; }
    /// Bytes queued so far, framing included, and what the whole transfer puts on the wire.
    qint64 sent() const { return m_sent; }
    qint64 total() const { return m_total; }
    /// The file's size when it was opened.
    qint64 fileSize() const { return m_fileSize; }

Q_SIGNALS:
    void progress(qint64 sent, qint64 total);
    /// The transfer ended; @p text says how (for the conversation), naming the bytes sent.
    void finished(stdlab::chat::FileSender::Outcome outcome, const QString &text);

private:
    void pump();
    void finish(Outcome outcome, const QString &text);

    QFile m_file;
    QString m_path;
    Framing m_framing;
    Write m_write;
    Pending m_pending;
    QTimer *m_timer;
    qint64 m_fileSize = 0;
    qint64 m_read = 0;  ///< bytes of the file read
    qint64 m_sent = 0;  ///< bytes queued, framing included
    qint64 m_total = 0;
};

} // namespace stdlab::chat

#include "chat/filesender.h"

#include "framing.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTimer>
#include <QtEndian>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace stdlab::chat {

namespace {

QString bytes(qint64 n)
{
    return QLocale().toString(n);
}

} // namespace

FileSender::FileSender(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(5);
    connect(m_timer, &QTimer::timeout, this, &FileSender::pump);
}

FileSender::~FileSender() = default;

bool FileSender::start(const QString &path, const Framing &framing, Write write,
                       Pending pending, QString *why)
{
    if (isActive()) {
        *why = tr("a file is being sent already");
        return false;
    }
    // Opened without blocking and checked before anything is read: open() of a FIFO waits for a
    // writer, a device never ends.
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        *why = tr("cannot open %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    struct stat st = {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        *why = tr("%1 is not a regular file (a folder, a pipe or a device cannot be sent)")
                   .arg(path);
        return false;
    }
    const qint64 size = st.st_size;
    if (framing.kind == FramingKind::Length && size > kMaxFrameBytes) {
        ::close(fd);
        *why = tr("%1 has %2 bytes: a length-prefixed frame holds at most %3 (the receiver's "
                  "limit). Choose raw or newline framing to stream it.")
                   .arg(path, bytes(size), bytes(kMaxFrameBytes));
        return false;
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    m_file.setFileName(path);
    if (!m_file.open(fd, QIODevice::ReadOnly | QIODevice::Unbuffered,
                     QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        *why = tr("cannot open %1: %2").arg(path, m_file.errorString());
        return false;
    }
    m_path = path;
    m_framing = framing;
    m_write = std::move(write);
    m_pending = std::move(pending);
    m_fileSize = size;
    m_read = 0;
    m_sent = 0;
    m_total = net::Framer::encodedSize(framing, size);
    if (framing.kind == FramingKind::Newline) {
        m_total = size; // the file's own lines: nothing added
    }
    if (framing.kind == FramingKind::Length) {
        QByteArray head(4, '\0');
        qToBigEndian<quint32>(quint32(size), head.data());
        if (!m_write(head)) {
            finish(Outcome::ConnectionLost, tr("%1 was not sent: the connection is closed")
                                                .arg(path));
            return true;
        }
        m_sent = 4;
    }
    m_timer->start();
    QTimer::singleShot(0, this, &FileSender::pump);
    return true;
}

void FileSender::cancel()
{
    if (isActive()) {
        finish(Outcome::Cancelled, tr("Sending %1 cancelled: %2 of %3 bytes went")
                                       .arg(m_path, bytes(m_sent), bytes(m_total)));
    }
}

void FileSender::pump()
{
    // A few chunks per tick at most: the event loop (and the GUI) runs between them.
    for (int i = 0; i < 8 && isActive(); ++i) {
        if (m_pending() >= kWindowBytes) {
            return;
        }
        if (m_read == m_fileSize) {
            // Fixed frames: the last one padded with NUL bytes (an empty file: one frame).
            const qint64 padding = m_total - m_sent;
            if (padding > 0 && !m_write(QByteArray(padding, '\0'))) {
                finish(Outcome::ConnectionLost,
                       tr("Sending %1 stopped: the connection closed after %2 of %3 bytes")
                           .arg(m_path, bytes(m_sent), bytes(m_total)));
                return;
            }
            m_sent += std::max<qint64>(0, padding);
            Q_EMIT progress(m_sent, m_total);
            finish(Outcome::Done, tr("Sent %1: %2 bytes").arg(m_path, bytes(m_sent)));
            return;
        }
        const QByteArray chunk = m_file.read(std::min(kChunkBytes, m_fileSize - m_read));
        if (chunk.isEmpty()) {
            const bool failed = m_file.error() != QFileDevice::NoError;
            finish(failed ? Outcome::ReadFailed : Outcome::Shrank,
                   failed ? tr("Reading %1 failed (%2): %3 of %4 bytes went")
                                .arg(m_path, m_file.errorString(), bytes(m_sent), bytes(m_total))
                          : tr("%1 shrank while it was sent (it had %2 bytes): %3 of %4 bytes "
                               "went, the last message is incomplete")
                                .arg(m_path, bytes(m_fileSize), bytes(m_sent), bytes(m_total)));
            return;
        }
        if (!m_write(chunk)) {
            finish(Outcome::ConnectionLost,
                   tr("Sending %1 stopped: the connection closed after %2 of %3 bytes")
                       .arg(m_path, bytes(m_sent), bytes(m_total)));
            return;
        }
        m_read += chunk.size();
        m_sent += chunk.size();
        Q_EMIT progress(m_sent, m_total);
    }
}

void FileSender::finish(Outcome outcome, const QString &text)
{
    m_timer->stop();
    m_file.close();
    m_write = {};
    m_pending = {};
    Q_EMIT finished(outcome, text);
}

} // namespace stdlab::chat

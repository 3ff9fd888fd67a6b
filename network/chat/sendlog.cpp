#include "chat/sendlog.h"

#include <QDir>
#include <QtEndian>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <ctime>
#include <vector>

namespace stdlab::net {

namespace {

/// The directory, made if missing; empty when it is not safely ours (a symlink, another user's,
/// open to others): a shared /tmp must not let someone else plant or read the logs.
QString ensureDirectory()
{
    const QString dir = SendLog::directory();
    const QByteArray native = QFile::encodeName(dir);
    if (::mkdir(native.constData(), 0700) != 0 && errno != EEXIST) {
        return {};
    }
    struct stat st {};
    if (::lstat(native.constData(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::getuid()
        || (st.st_mode & 077) != 0) {
        return {};
    }
    return dir;
}

/// Removes logs untouched for kKeepSeconds, then the oldest beyond kMaxFiles - 1.
void prune(const QString &dir)
{
    const QByteArray native = QFile::encodeName(dir);
    DIR *d = ::opendir(native.constData());
    if (!d) {
        return;
    }
    std::vector<std::pair<qint64, QByteArray>> files;
    const qint64 nowS = qint64(std::time(nullptr));
    while (const dirent *e = ::readdir(d)) {
        if (e->d_name[0] == '.') {
            continue;
        }
        struct stat st {};
        if (::fstatat(::dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0
            || !S_ISREG(st.st_mode)) {
            continue;
        }
        if (nowS - qint64(st.st_mtime) > SendLog::kKeepSeconds) {
            ::unlinkat(::dirfd(d), e->d_name, 0);
            continue;
        }
        files.emplace_back(qint64(st.st_mtime), QByteArray(e->d_name));
    }
    if (qsizetype(files.size()) >= SendLog::kMaxFiles) {
        std::sort(files.begin(), files.end());
        const size_t excess = files.size() - size_t(SendLog::kMaxFiles) + 1;
        for (size_t i = 0; i < excess; ++i) {
            ::unlinkat(::dirfd(d), files[i].second.constData(), 0);
        }
    }
    ::closedir(d);
}

QString fileNameOf(const QString &from, const QString &to)
{
    QString name = from + QLatin1Char('-') + to;
    name.replace(QLatin1Char('/'), QLatin1Char('_')); // addresses never hold one; never a path
    return name;
}

} // namespace

qint64 epochMicros()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

QString SendLog::directory()
{
    const QString forced = qEnvironmentVariable("STDLAB_SEND_LOG_DIR");
    if (!forced.isEmpty()) {
        return forced;
    }
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty() && QDir(runtime).exists()) {
        return runtime + QStringLiteral("/stdlab-sends");
    }
    return QDir::tempPath() + QStringLiteral("/stdlab-sends-") + QString::number(::getuid());
}

QString SendLog::path(const QString &from, const QString &to)
{
    return directory() + QLatin1Char('/') + fileNameOf(from, to);
}

bool SendLog::open(const QString &from, const QString &to)
{
    close();
    const QString dir = ensureDirectory();
    if (dir.isEmpty()) {
        return false;
    }
    prune(dir);
    const QString p = dir + QLatin1Char('/') + fileNameOf(from, to);
    // A new file (a new inode): a reader of the old connection's log sees it was replaced.
    ::unlink(QFile::encodeName(p).constData());
    const int fd = ::open(QFile::encodeName(p).constData(),
                          O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        return false;
    }
    ::close(fd);
    m_path = p;
    return true;
}

void SendLog::record(qint64 size, qint64 timeUs)
{
    if (m_path.isEmpty() || m_count >= kMaxRecords) {
        m_offset += size;
        return;
    }
    char r[kRecordBytes];
    qToLittleEndian<qint64>(m_offset, r);
    qToLittleEndian<qint64>(size, r + 8);
    qToLittleEndian<qint64>(timeUs, r + 16);
    m_pending.append(r, kRecordBytes);
    m_offset += size;
    ++m_count;
}

void SendLog::flush()
{
    if (m_pending.isEmpty() || m_path.isEmpty()) {
        m_pending.clear();
        return;
    }
    const int fd = ::open(QFile::encodeName(m_path).constData(),
                          O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) {
        const char *p = m_pending.constData();
        qsizetype left = m_pending.size();
        while (left > 0) {
            const ssize_t n = ::write(fd, p, size_t(left));
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n <= 0) {
                break; // a full disk: the view shows fewer boundaries, nothing else fails
            }
            p += n;
            left -= n;
        }
        ::close(fd);
    }
    m_pending.clear();
}

void SendLog::close()
{
    flush();
    m_path.clear();
    m_offset = 0;
    m_count = 0;
}

void SendLogReader::setConnection(const QString &local, const QString &peer)
{
    m_path = SendLog::path(peer, local);
    m_position = 0;
    m_found = false;
}

QList<SendRecord> SendLogReader::readNew()
{
    QList<SendRecord> out;
    if (m_path.isEmpty()) {
        return out;
    }
    const int fd = ::open(QFile::encodeName(m_path).constData(),
                          O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        return out;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return out;
    }
    m_found = true;
    const qint64 size = qint64(st.st_size);
    // Replaced by a newer connection of the same addresses: shorter, or another first record
    // (the inode number of a replaced file is often reused at once).
    if (m_position > 0) {
        QByteArray first(SendLog::kRecordBytes, Qt::Uninitialized);
        if (size < m_position
            || ::pread(fd, first.data(), size_t(first.size()), 0) != first.size()
            || first != m_first) {
            m_position = 0;
        }
    }
    // Whole records only, and never more than a full log.
    qint64 want = (size - m_position) / SendLog::kRecordBytes * SendLog::kRecordBytes;
    want = std::min<qint64>(want, SendLog::kMaxRecords * SendLog::kRecordBytes);
    if (want > 0) {
        QByteArray buf(want, Qt::Uninitialized);
        const ssize_t n = ::pread(fd, buf.data(), size_t(want), m_position);
        const qint64 whole = n > 0 ? qint64(n) / SendLog::kRecordBytes : 0;
        out.reserve(whole);
        for (qint64 i = 0; i < whole; ++i) {
            const char *r = buf.constData() + i * SendLog::kRecordBytes;
            out.append({qFromLittleEndian<qint64>(r), qFromLittleEndian<qint64>(r + 8),
                        qFromLittleEndian<qint64>(r + 16)});
        }
        if (m_position == 0 && whole > 0) {
            m_first = buf.left(SendLog::kRecordBytes);
        }
        m_position += whole * SendLog::kRecordBytes;
    }
    ::close(fd);
    return out;
}

} // namespace stdlab::net

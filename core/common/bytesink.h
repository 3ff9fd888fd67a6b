#pragma once

#include <QByteArray>
#include <QStringView>

#include <cstdio>
#include <memory>
#include <string_view>

namespace stdlab {

/**
 * An output buffer for results of any size: bytes are written straight into it and handed to
 * the file a chunk at a time (or kept, when there is no file), so that printing a result of
 * millions of items never builds it as one string first.
 */
class ByteSink
{
public:
    /// Writes to @p file in chunks of about @p chunk bytes; with no file, keeps every byte.
    explicit ByteSink(FILE *file = nullptr, qsizetype chunk = 1 << 20);
    ~ByteSink();
    ByteSink(const ByteSink &) = delete;
    ByteSink &operator=(const ByteSink &) = delete;

    /// Room for @p n more bytes at the returned pointer; give back the end with commit().
    char *reserve(qsizetype n)
    {
        if (m_size + n > m_capacity) {
            makeRoom(n);
        }
        return m_data.get() + m_size;
    }
    void commit(char *end) { m_size = end - m_data.get(); }

    void put(char c) { *reserve(1) = c, ++m_size; }
    void put(std::string_view s);
    /// A decimal integer.
    void putInt(qint64 v);
    /// UTF-16 as UTF-8, as QString::toUtf8() does (an unpaired surrogate becomes '?').
    void putUtf8(QStringView s);

    /// Hands what is buffered to the file (and fflush()es it); false when writing failed.
    bool flush();
    /// False once a write to the file failed (e.g. a closed pipe): callers may stop early.
    bool ok() const { return m_ok; }
    /// Without a file: everything written so far (and the sink is emptied).
    QByteArray take();
    /// Bytes written so far, buffered or not.
    qint64 written() const { return m_flushed + m_size; }
    /// Forgets what was written after written() was @p mark, when it is still buffered.
    bool discardSince(qint64 mark)
    {
        if (mark < m_flushed || mark > written()) {
            return false;
        }
        m_size = qsizetype(mark - m_flushed);
        return true;
    }

private:
    void makeRoom(qsizetype n);
    void drain();

    FILE *m_file = nullptr;
    qsizetype m_chunk = 0;
    std::unique_ptr<char[]> m_data;
    qsizetype m_size = 0;
    qsizetype m_capacity = 0;
    qint64 m_flushed = 0;
    bool m_ok = true;
};

/// Grows a malloc'd @p buffer of @p capacity bytes (doubling, from 4 KiB) to hold @p needed
/// bytes, keeping its content (realloc, often in place); throws std::bad_alloc.
void growMalloced(std::unique_ptr<char, void (*)(void *)> &buffer, qsizetype &capacity,
                  qsizetype needed);

} // namespace stdlab

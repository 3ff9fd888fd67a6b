#include "common/bytesink.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <new>

namespace stdlab {

ByteSink::ByteSink(FILE *file, qsizetype chunk)
    : m_file(file), m_chunk(std::max<qsizetype>(chunk, 64))
{
}

ByteSink::~ByteSink()
{
    if (m_file) {
        flush();
    }
}

void ByteSink::makeRoom(qsizetype n)
{
    if (m_file && m_size > 0) {
        drain();
        if (n <= m_capacity) {
            return;
        }
    }
    // With a file the buffer stays about one chunk (unless one piece is bigger); without one,
    // it grows geometrically.
    qsizetype capacity = m_file ? std::max(m_chunk, n) : std::max<qsizetype>(256, 2 * m_capacity);
    while (capacity < m_size + n) {
        capacity *= 2;
    }
    std::unique_ptr<char[]> data(new char[size_t(capacity)]);
    if (m_size > 0) {
        std::memcpy(data.get(), m_data.get(), size_t(m_size));
    }
    m_data = std::move(data);
    m_capacity = capacity;
}

void ByteSink::drain()
{
    if (m_size > 0 && m_ok
        && std::fwrite(m_data.get(), 1, size_t(m_size), m_file) != size_t(m_size)) {
        m_ok = false;
    }
    m_flushed += m_size;
    m_size = 0;
}

void ByteSink::put(std::string_view s)
{
    if (s.empty()) {
        return; // an empty view may hold no pointer, which memcpy may not be given (UBSan)
    }
    if (m_file && qsizetype(s.size()) >= m_chunk) {
        // A piece as big as a chunk goes to the file as it is: copied into the buffer, a
        // --batch sub's 9 MB result took 9 MB more at the peak.
        drain();
        if (m_ok && std::fwrite(s.data(), 1, s.size(), m_file) != s.size()) {
            m_ok = false;
        }
        m_flushed += qint64(s.size());
        return;
    }
    char *p = reserve(qsizetype(s.size()));
    std::memcpy(p, s.data(), s.size());
    m_size += qsizetype(s.size());
}

void ByteSink::putInt(qint64 v)
{
    char *p = reserve(24);
    commit(std::to_chars(p, p + 24, v).ptr);
}

void ByteSink::putUtf8(QStringView s)
{
    const char16_t *src = s.utf16();
    const char16_t *const end = src + s.size();
    while (src < end) {
        // Pieces of at most 64 Ki units keep the buffer near its chunk size.
        const qsizetype n = std::min<qsizetype>(end - src, 64 * 1024);
        const char16_t *const stop = src + n;
        auto *out = reinterpret_cast<unsigned char *>(reserve(3 * n + 1));
        while (src < stop) {
            const char16_t u = *src++;
            if (u < 0x80) {
                *out++ = uchar(u);
            } else if (u < 0x800) {
                *out++ = uchar(0xC0 | (u >> 6));
                *out++ = uchar(0x80 | (u & 0x3F));
            } else if ((u & 0xF800) != 0xD800) {
                *out++ = uchar(0xE0 | (u >> 12));
                *out++ = uchar(0x80 | ((u >> 6) & 0x3F));
                *out++ = uchar(0x80 | (u & 0x3F));
            } else if (u < 0xDC00 && src < end && (*src & 0xFC00) == 0xDC00) {
                // A pair may straddle the piece's end: its low half is read past `stop`.
                const char32_t cp = 0x10000 + ((char32_t(u) - 0xD800) << 10) + (*src++ - 0xDC00);
                *out++ = uchar(0xF0 | (cp >> 18));
                *out++ = uchar(0x80 | ((cp >> 12) & 0x3F));
                *out++ = uchar(0x80 | ((cp >> 6) & 0x3F));
                *out++ = uchar(0x80 | (cp & 0x3F));
            } else {
                *out++ = '?';
            }
        }
        commit(reinterpret_cast<char *>(out));
    }
}

bool ByteSink::flush()
{
    if (m_file) {
        drain();
        if (std::fflush(m_file) != 0) {
            m_ok = false;
        }
    }
    return m_ok;
}

void growMalloced(std::unique_ptr<char, void (*)(void *)> &buffer, qsizetype &capacity,
                  qsizetype needed)
{
    qsizetype grown = std::max<qsizetype>(capacity, 4096);
    while (grown < needed) {
        grown *= 2;
    }
    char *data = static_cast<char *>(std::realloc(buffer.get(), size_t(grown)));
    if (!data) {
        throw std::bad_alloc();
    }
    buffer.release();
    buffer.reset(data);
    capacity = grown;
}

QByteArray ByteSink::take()
{
    QByteArray bytes(m_data.get(), m_size);
    m_flushed += m_size;
    m_size = 0;
    return bytes;
}

} // namespace stdlab

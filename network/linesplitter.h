#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace stdlab::net {

/**
 * Line framing of a TCP byte stream: "\n" and "\r\n" end a line (terminator removed); the bytes
 * after the last newline wait for the next read. Bytes are kept as they are (NUL, invalid UTF-8).
 */
class LineSplitter
{
public:
    /// @p maxLine: longest line (and pending tail) accepted, 0 = unlimited.
    explicit LineSplitter(qsizetype maxLine = 0) : m_max(maxLine) { }

    /// Calls @p onLine(QByteArrayView) for every line completed by @p data. False when a line or
    /// the pending tail is longer than the maximum (the caller drops the client).
    template <typename F>
    bool feed(QByteArrayView data, F &&onLine)
    {
        if (!m_tail.isEmpty()) {
            const qsizetype nl = data.indexOf('\n');
            if (nl < 0) {
                m_tail.append(data);
                return m_max == 0 || m_tail.size() <= m_max;
            }
            m_tail.append(data.first(nl));
            data = data.sliced(nl + 1);
            if (!deliver(QByteArrayView(m_tail), onLine)) {
                return false;
            }
            m_tail.clear();
        }
        for (;;) {
            const qsizetype nl = data.indexOf('\n');
            if (nl < 0) {
                break;
            }
            if (!deliver(data.first(nl), onLine)) {
                return false;
            }
            data = data.sliced(nl + 1);
        }
        if (!data.isEmpty()) {
            m_tail.append(data);
        }
        return m_max == 0 || m_tail.size() <= m_max;
    }

    bool hasPartial() const { return !m_tail.isEmpty(); }
    qsizetype partialSize() const { return m_tail.size(); }
    /// The pending bytes of an unfinished line (a trailing "\r" dropped); the splitter empties.
    QByteArray takePartial()
    {
        QByteArray t = std::move(m_tail);
        m_tail = QByteArray();
        if (t.endsWith('\r')) {
            t.chop(1);
        }
        return t;
    }

    /// Stateless framing of one read (echo/greet reporting): every piece ended by a newline, and
    /// the last piece when it is not empty.
    template <typename F>
    static void splitChunk(QByteArrayView data, F &&onPiece)
    {
        for (;;) {
            const qsizetype nl = data.indexOf('\n');
            if (nl < 0) {
                break;
            }
            QByteArrayView line = data.first(nl);
            if (line.endsWith('\r')) {
                line.chop(1);
            }
            onPiece(line);
            data = data.sliced(nl + 1);
        }
        if (!data.isEmpty()) {
            onPiece(data);
        }
    }

private:
    template <typename F>
    bool deliver(QByteArrayView line, F &onLine)
    {
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        if (m_max > 0 && line.size() > m_max) {
            return false;
        }
        onLine(line);
        return true;
    }

    QByteArray m_tail;
    qsizetype m_max = 0;
};

} // namespace stdlab::net

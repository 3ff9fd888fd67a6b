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
    /// @p maxLine: longest line (and pending tail) accepted, 0 = unlimited. With @p splitLong a
    /// longer line is not a failure: it is delivered in pieces of at most about maxLine bytes
    /// (the echo server's log: it echoes lines of any length, but keeps at most this much).
    explicit LineSplitter(qsizetype maxLine = 0, bool splitLong = false)
        : m_max(maxLine), m_splitLong(splitLong && maxLine > 0)
    {
    }

    /// Calls @p onLine(QByteArrayView) for every line completed by @p data. False when a line or
    /// the pending tail is longer than the maximum (the caller drops the client).
    template <typename F>
    bool feed(QByteArrayView data, F &&onLine)
    {
        if (m_pieceEnded && !data.isEmpty()) {
            // The newline that ends a piece already taken as a message is no empty line.
            m_pieceEnded = false;
            if (data.startsWith("\r\n")) {
                data = data.sliced(2);
            } else if (data.startsWith('\n')) {
                data = data.sliced(1);
            }
        }
        if (!m_tail.isEmpty()) {
            const qsizetype nl = data.indexOf('\n');
            if (nl < 0) {
                m_tail.append(data);
                return tailFits(onLine);
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
        return tailFits(onLine);
    }

    bool hasPartial() const { return !m_tail.isEmpty(); }
    qsizetype partialSize() const { return m_tail.size(); }
    /// The pending bytes of an unfinished line (a trailing "\r" dropped); the splitter empties.
    /// With @p piece, the line's newline, if it comes first in the next data, is skipped (the
    /// piece was a message of its own).
    QByteArray takePartial(bool piece = false)
    {
        m_pieceEnded = piece;
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
    bool tailFits(F &onLine)
    {
        if (m_max == 0 || m_tail.size() <= m_max) {
            return true;
        }
        if (!m_splitLong) {
            return false;
        }
        qsizetype at = 0;
        while (m_tail.size() - at > m_max) {
            onLine(QByteArrayView(m_tail).sliced(at, m_max));
            at += m_max;
        }
        m_tail.remove(0, at);
        return true;
    }

    template <typename F>
    bool deliver(QByteArrayView line, F &onLine)
    {
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        if (m_max > 0 && line.size() > m_max && !m_splitLong) {
            return false;
        }
        onLine(line);
        return true;
    }

    QByteArray m_tail;
    qsizetype m_max = 0;
    bool m_splitLong = false;
    bool m_pieceEnded = false;
};

} // namespace stdlab::net

#pragma once

#include "chat/framingspec.h"
#include "linesplitter.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QtEndian>

namespace stdlab::net {

using stdlab::Framing;
using stdlab::FramingKind;

/**
 * Cuts a TCP byte stream into messages by a Framing, whatever the reads' boundaries: raw (every
 * read is a message), newline (LineSplitter: "\n" or "\r\n" removed), length (a 4-byte
 * big-endian length, then that many bytes) or fixed (N bytes each). A frame waits until it is
 * whole; nothing longer than the limit is kept (a length prefix over it fails at once, before
 * any of its bytes is stored). Pure bytes, no sockets: tst_framing.
 */
class Framer
{
public:
    enum class Status {
        Ok,
        TooLong, ///< a line, or the length a prefix announced, is over the limit (tooLongSize())
    };

    Framer() = default;
    /// @p maxMessage: the longest message kept (newline: line and pending tail; length: the
    /// prefix's value); 0 = unlimited.
    /// @p splitLongLines: newline only, a longer line is delivered in pieces (LineSplitter).
    Framer(Framing framing, qsizetype maxMessage, bool splitLongLines = false)
        : m_framing(framing),
          m_lines(framing.kind == FramingKind::Newline ? maxMessage : 0, splitLongLines),
          m_max(maxMessage)
    {
    }

    const Framing &framing() const { return m_framing; }

    /// Calls @p onMessage(QByteArrayView payload) for every message @p data completes. After
    /// TooLong the stream is beyond repair (the caller drops it).
    template <typename F>
    Status feed(QByteArrayView data, F &&onMessage)
    {
        switch (m_framing.kind) {
        case FramingKind::Raw:
            if (!data.isEmpty()) {
                onMessage(data);
            }
            return Status::Ok;
        case FramingKind::Newline:
            if (m_lines.feed(data, onMessage)) {
                return Status::Ok;
            }
            m_tooLong = m_lines.partialSize();
            return Status::TooLong;
        case FramingKind::Length:
        case FramingKind::Fixed:
            return feedFrames(data, onMessage);
        }
        return Status::Ok;
    }

    /// The size that was over the limit (a line's bytes so far, or a prefix's value).
    qint64 tooLongSize() const { return m_tooLong; }

    bool hasPartial() const
    {
        return m_framing.kind == FramingKind::Newline ? m_lines.hasPartial() : !m_buf.isEmpty();
    }
    qsizetype partialSize() const
    {
        return m_framing.kind == FramingKind::Newline ? m_lines.partialSize() : m_buf.size();
    }
    /// Newline: the unterminated line (a trailing "\r" dropped); with @p piece its newline,
    /// if it comes next, is skipped (LineSplitter). Length/fixed: the bytes of the unfinished
    /// frame, prefix included. The framer empties.
    QByteArray takePartial(bool piece = false)
    {
        if (m_framing.kind == FramingKind::Newline) {
            return m_lines.takePartial(piece);
        }
        return std::exchange(m_buf, QByteArray());
    }
    /// Length/fixed: an unfinished frame in words ("2 of the 4 bytes of a length prefix", "10
    /// of a 1,000-byte frame"), for the report of a stream that ended inside one.
    QByteArray partialDescription() const;

    /// @p payload as it goes on the wire: newline adds "\n", length puts the 4-byte big-endian
    /// length first, fixed pads with NUL bytes to a multiple of the size (an empty payload is
    /// one frame of NULs), raw sends it as it is.
    static void appendEncoded(QByteArray &out, const Framing &framing, QByteArrayView payload);
    static QByteArray encode(const Framing &framing, QByteArrayView payload)
    {
        QByteArray out;
        appendEncoded(out, framing, payload);
        return out;
    }
    /// @p message without the NUL bytes that pad a fixed frame (for the "bye" test only: the
    /// message itself keeps them).
    static QByteArrayView unpadded(const Framing &framing, QByteArrayView message)
    {
        if (framing.kind == FramingKind::Fixed) {
            while (message.endsWith('\0')) {
                message.chop(1);
            }
        }
        return message;
    }
    /// The bytes @p payload takes on the wire (what appendEncoded() appends).
    static qint64 encodedSize(const Framing &framing, qint64 payload);

private:
    /// Bytes of the frame that starts with @p head (at least the prefix when length-framed),
    /// or -1 when its length is over the limit (m_tooLong set).
    qint64 frameSize(const char *head)
    {
        if (m_framing.kind == FramingKind::Fixed) {
            return m_framing.size;
        }
        const quint32 n = qFromBigEndian<quint32>(head);
        if (m_max > 0 && qint64(n) > m_max) {
            m_tooLong = n;
            return -1;
        }
        return 4 + qint64(n);
    }
    qsizetype headerSize() const { return m_framing.kind == FramingKind::Length ? 4 : 0; }

    template <typename F>
    Status feedFrames(QByteArrayView data, F &onMessage)
    {
        const qsizetype head = headerSize();
        if (!m_buf.isEmpty()) {
            // Finish the frame already begun: its prefix first, then its payload.
            if (m_buf.size() < head) {
                const qsizetype take = std::min(head - m_buf.size(), data.size());
                m_buf.append(data.first(take));
                data = data.sliced(take);
                if (m_buf.size() < head) {
                    return Status::Ok;
                }
            }
            const qint64 size = frameSize(m_buf.constData());
            if (size < 0) {
                return Status::TooLong;
            }
            const qsizetype take = qsizetype(std::min<qint64>(size - m_buf.size(), data.size()));
            m_buf.append(data.first(take));
            data = data.sliced(take);
            if (m_buf.size() < size) {
                return Status::Ok;
            }
            onMessage(QByteArrayView(m_buf).sliced(head));
            m_buf.clear();
        }
        // Whole frames straight from the read, without a copy.
        while (data.size() >= std::max<qsizetype>(head, 1)) {
            const qint64 size = frameSize(data.data());
            if (size < 0) {
                return Status::TooLong;
            }
            if (data.size() < size) {
                break;
            }
            onMessage(data.sliced(head, qsizetype(size) - head));
            data = data.sliced(qsizetype(size));
        }
        if (!data.isEmpty()) {
            m_buf.append(data);
        }
        return Status::Ok;
    }

    Framing m_framing;
    LineSplitter m_lines;
    QByteArray m_buf; ///< length/fixed: the frame begun, prefix included
    qsizetype m_max = 0;
    qint64 m_tooLong = 0;
};

} // namespace stdlab::net

#pragma once

#include "chat/framingspec.h"
#include "linesplitter.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QtEndian>

#include <vector>

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
        return m_framing.kind == FramingKind::Newline ? m_lines.hasPartial() : begun();
    }
    qsizetype partialSize() const
    {
        return m_framing.kind == FramingKind::Newline ? m_lines.partialSize()
                                                      : m_head.size() + qsizetype(m_have);
    }
    /// Newline: the unterminated line (a trailing "\r" dropped); with @p piece its newline,
    /// if it comes next, is skipped (LineSplitter). Length/fixed: the bytes of the unfinished
    /// frame, prefix included. The framer empties.
    QByteArray takePartial(bool piece = false)
    {
        if (m_framing.kind == FramingKind::Newline) {
            return m_lines.takePartial(piece);
        }
        QByteArray out = std::exchange(m_head, QByteArray());
        out.append(joined());
        clearFrame();
        return out;
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
    bool begun() const { return !m_head.isEmpty() || m_have > 0; }

    /// Appends @p data to the frame begun (@p size bytes of payload in all), in pieces of at
    /// most kPieceBytes: a 16 MiB frame grown by appending was reallocated each time it doubled,
    /// and the blocks it left made a server's peak RSS 1.6 times what its clients held.
    void appendPayload(QByteArrayView data, qint64 size)
    {
        while (!data.isEmpty()) {
            if (m_pieces.empty() || m_pieces.back().size() >= kPieceBytes) {
                QByteArray piece;
                piece.reserve(qsizetype(std::min<qint64>(kPieceBytes, size - m_have)));
                m_pieces.push_back(std::move(piece));
            }
            QByteArray &last = m_pieces.back();
            const qsizetype take = std::min(kPieceBytes - last.size(), data.size());
            last.append(data.first(take));
            data = data.sliced(take);
            m_have += take;
        }
    }
    /// The payload begun, in one buffer (a single piece is not copied).
    QByteArray joined() const
    {
        if (m_pieces.size() == 1) {
            return m_pieces.front();
        }
        QByteArray out;
        out.reserve(qsizetype(m_have));
        for (const QByteArray &piece : m_pieces) {
            out.append(piece);
        }
        return out;
    }
    void clearFrame()
    {
        m_head.clear();
        m_pieces.clear();
        m_have = 0;
    }

    template <typename F>
    Status feedFrames(QByteArrayView data, F &onMessage)
    {
        const qsizetype head = headerSize();
        if (begun()) {
            // Finish the frame already begun: its prefix first, then its payload.
            if (m_head.size() < head) {
                const qsizetype take = std::min(head - m_head.size(), data.size());
                m_head.append(data.first(take));
                data = data.sliced(take);
                if (m_head.size() < head) {
                    return Status::Ok;
                }
            }
            const qint64 size = frameSize(m_head.constData());
            if (size < 0) {
                return Status::TooLong;
            }
            const qint64 payload = size - head;
            const qsizetype take = qsizetype(std::min<qint64>(payload - m_have, data.size()));
            appendPayload(data.first(take), payload);
            data = data.sliced(take);
            if (m_have < payload) {
                return Status::Ok;
            }
            const QByteArray message = joined();
            clearFrame();
            onMessage(QByteArrayView(message));
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
        if (data.size() > 0 && data.size() < head) {
            m_head = data.toByteArray();
        } else if (!data.isEmpty()) {
            // (its size was checked by the loop)
            m_head = data.first(head).toByteArray();
            appendPayload(data.sliced(head), frameSize(data.data()) - head);
        }
        return Status::Ok;
    }

    Framing m_framing;
    LineSplitter m_lines;
    static constexpr qsizetype kPieceBytes = 64 * 1024;
    /// Length/fixed: the frame begun: its prefix so far (length) and its payload so far.
    QByteArray m_head;
    std::vector<QByteArray> m_pieces;
    qint64 m_have = 0;
    qsizetype m_max = 0;
    qint64 m_tooLong = 0;
};

} // namespace stdlab::net

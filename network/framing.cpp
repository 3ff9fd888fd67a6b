#include "framing.h"


namespace stdlab::net {

namespace {

QByteArray grouped(qint64 n)
{
    QByteArray digits = QByteArray::number(n);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3) {
        digits.insert(i, ',');
    }
    return digits;
}

} // namespace

QByteArray Framer::partialDescription() const
{
    if (m_framing.kind == FramingKind::Length && m_head.size() < 4) {
        return QByteArray::number(m_head.size()) + " of the 4 bytes of a length prefix";
    }
    if (m_framing.kind == FramingKind::Length) {
        const quint32 n = qFromBigEndian<quint32>(m_head.constData());
        return grouped(m_have) + " of a " + grouped(n) + "-byte message";
    }
    return grouped(m_have) + " of a " + grouped(m_framing.size) + "-byte frame";
}

void Framer::appendEncoded(QByteArray &out, const Framing &framing, QByteArrayView payload)
{
    switch (framing.kind) {
    case FramingKind::Raw:
        out.append(payload);
        return;
    case FramingKind::Newline:
        out.append(payload);
        out.append('\n');
        return;
    case FramingKind::Length: {
        char head[4];
        qToBigEndian<quint32>(quint32(payload.size()), head);
        out.append(head, 4);
        out.append(payload);
        return;
    }
    case FramingKind::Fixed:
        out.append(payload);
        out.append(QByteArray(encodedSize(framing, payload.size()) - payload.size(), '\0'));
        return;
    }
}

qint64 Framer::encodedSize(const Framing &framing, qint64 payload)
{
    switch (framing.kind) {
    case FramingKind::Raw:
        return payload;
    case FramingKind::Newline:
        return payload + 1;
    case FramingKind::Length:
        return payload + 4;
    case FramingKind::Fixed: {
        const qint64 n = std::max(1, framing.size);
        return payload == 0 ? n : (payload + n - 1) / n * n;
    }
    }
    return payload;
}

} // namespace stdlab::net

#include "chat/framingspec.h"

namespace stdlab {

std::optional<Framing> parseFraming(const QString &text, QString *why)
{
    const QString t = text.trimmed().toLower();
    for (FramingKind k : {FramingKind::Raw, FramingKind::Newline, FramingKind::Length}) {
        if (t == framingName({k, 0})) {
            return Framing{k, 0};
        }
    }
    if (t.startsWith(QLatin1String("fixed:"))) {
        bool ok = false;
        const qlonglong n = t.mid(6).toLongLong(&ok);
        if (ok && n >= 1 && n <= kMaxFrameBytes) {
            return Framing{FramingKind::Fixed, int(n)};
        }
        if (why) {
            *why = QStringLiteral("fixed:N needs a size of 1-%1 bytes, got '%2'")
                       .arg(kMaxFrameBytes)
                       .arg(t.mid(6));
        }
        return std::nullopt;
    }
    if (why) {
        *why = QStringLiteral("expected raw, newline, length or fixed:N, got '%1'").arg(text);
    }
    return std::nullopt;
}

QString framingName(const Framing &framing)
{
    switch (framing.kind) {
    case FramingKind::Raw:
        return QStringLiteral("raw");
    case FramingKind::Newline:
        return QStringLiteral("newline");
    case FramingKind::Length:
        return QStringLiteral("length");
    case FramingKind::Fixed:
        return QStringLiteral("fixed:%1").arg(framing.size);
    }
    return {};
}

} // namespace stdlab

#pragma once

#include <QString>

#include <optional>

namespace stdlab {

/// How a TCP byte stream is cut into messages, at both ends of a connection: every read as it
/// comes (raw), lines ended by "\n" (the course's chat, nc), a 4-byte big-endian length before
/// each message (Python's struct.pack("!I", n)), or messages of a fixed size. One definition for
/// the engine (network/framing.h), the Python code shown beside it and the panel.
enum class FramingKind { Raw, Newline, Length, Fixed };

/** A framing choice: the kind, and the size of a Fixed frame. */
struct Framing
{
    FramingKind kind = FramingKind::Newline;
    int size = 0; ///< Fixed only: bytes per message, 1..kMaxFixedFrame

    bool operator==(const Framing &) const = default;
};

/// The largest fixed frame (and the default limit of a length-prefixed message): 16 MiB.
inline constexpr int kMaxFrameBytes = 16 * 1024 * 1024;

/// "raw", "newline", "length", "fixed:N" (case-insensitive, surrounding spaces ignored);
/// nullopt with @p why (English, for a usage error) otherwise.
std::optional<Framing> parseFraming(const QString &text, QString *why = nullptr);
/// The name parseFraming() reads back ("fixed:16").
QString framingName(const Framing &framing);

} // namespace stdlab

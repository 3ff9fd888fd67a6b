#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

/// Bytes typed as text, and bytes written as Python writes them: what the Chat input reads in
/// its escapes and hex modes, and the literal the Python pane shows for what was sent.
namespace stdlab::chat {

/// How the Chat input turns what is typed into the bytes sent.
enum class InputEncoding {
    Text,    ///< as typed, UTF-8 (the course's str.encode())
    Escapes, ///< the body of a Python bytes literal: \x00 \r \n \t \\ \' \" \0 octal...
    Hex,     ///< bytes.fromhex(): "48 65 6c"
};

/// @p text read as the body of a Python bytes literal b'''…''' (codecs.escape_decode()): \\,
/// \', \", \a \b \f \n \r \t \v, \ooo octal, \xhh, backslash-newline (nothing). A character
/// beyond ASCII (which a bytes literal refuses) is sent as its UTF-8 bytes. What Python only
/// warns about is refused here, with Python's words: an unknown escape ("invalid escape
/// sequence '\q'"; Python would keep the backslash) and an octal escape over \377; and what
/// it raises: "invalid \x escape at position N", "Trailing \ in string". nullopt and @p error
/// (Python's message for the first problem) when refused.
std::optional<QByteArray> parseEscapes(const QString &text, QString *error);

/// bytes.fromhex(@p text): two hex digits per byte, ASCII whitespace between bytes; otherwise
/// nullopt and Python's ValueError message ("non-hexadecimal number found in fromhex() arg at
/// position 1").
std::optional<QByteArray> parseHex(const QString &text, QString *error);

/// What the input sends for @p text in @p encoding (Text: UTF-8, never refused).
std::optional<QByteArray> encodeInput(const QString &text, InputEncoding encoding,
                                      QString *error);

/// repr(bytes) exactly as CPython writes it: b'\x00\r\n', b"it's", b'\\'.
QString bytesRepr(QByteArrayView bytes);

} // namespace stdlab::chat

#pragma once

#include <QJsonObject>
#include <QStringView>

#include <functional>
#include <optional>
#include <utility>
#include <vector>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace stdlab {
class ByteSink;
}

/** JSON Lines request/response loop shared by `stdlab date --batch` and `stdlab regex --batch`. */
namespace stdlab::jsonlines {

/// Handles one well-formed request object; returns the response without "id" (added here).
using Handler = std::function<QJsonObject(const QJsonObject &request)>;
/// Builds the response body for a line that is not a JSON object (e.g. {"error": "..."}).
using MalformedHandler = std::function<QJsonObject(const QString &message)>;

/// The longest request line read by default (bytes, newline excluded).
constexpr qsizetype kMaxLineBytes = qsizetype(256) << 20;
/// A string member of a request this long in JSON (bytes, quotes excluded) or longer is read
/// by jsonlines' own reader (Request).
constexpr qsizetype kLongStringBytes = 4096;

/**
 * A request object. Its long string members (kLongStringBytes or more) are decoded by
 * jsonlines straight from the line into QStrings of their own, never copied into a QJsonObject
 * and out again: a --batch line with a 28 MB "text" spent most of its time in QJsonDocument's
 * string parsing, one character appended at a time. The values are those QJsonDocument gives.
 */
class Request
{
public:
    Request() = default;
    explicit Request(QJsonObject object) : m_object(std::move(object)) { }

    bool contains(const QString &key) const;
    /// The member @p key (a long string is copied into the value: read those with string()).
    QJsonValue value(const QString &key) const;
    /// The member @p key when it is a string (a long one without a copy), or nullopt.
    std::optional<QString> string(const QString &key) const;
    /// The whole object (long strings copied in).
    QJsonObject toObject() const;

    /// Reads a request line (exposed for tests). Returns nullopt when the line is not one
    /// object with a long string member that jsonlines' reader takes as valid: the caller then
    /// parses it with QJsonDocument, whose answer, or error, it gives.
    static std::optional<Request> fromLongLine(QByteArrayView line);

private:
    QJsonObject m_object;                                // every other member
    std::vector<std::pair<QString, QString>> m_long; // key, value
};

/**
 * A response to one request: the object (without "id"), or - for results of any size - a
 * writer of the "result" value straight into the output: {"id":..,"result":<written>}, the
 * bytes QJsonDocument would write for the same object, without building it.
 */
struct Response
{
    QJsonObject object;
    std::function<void(ByteSink &out)> writeResult;
};
using StreamHandler = std::function<Response(const Request &request)>;

/**
 * Reads requests from @p in line by line until EOF, writes one compact JSON object per request
 * to @p out in the same order and flushes after each. "id" is echoed back when present. Blank
 * lines are skipped; every other line gets exactly one answer: a line longer than
 * @p maxLineBytes (read past, never held) or one that runs out of memory gets an error made by
 * @p malformed. Lines end at '\n' only (a NUL byte is part of its line). Returns 0.
 */
int run(const Handler &handler, const MalformedHandler &malformed, FILE *in = stdin,
        FILE *out = stdout, qsizetype maxLineBytes = kMaxLineBytes);
int run(const StreamHandler &handler, const MalformedHandler &malformed, FILE *in = stdin,
        FILE *out = stdout, qsizetype maxLineBytes = kMaxLineBytes);

/// Processes a single line (exposed for tests); returns the serialized response, no newline.
QByteArray processLine(const QByteArray &line, const Handler &handler,
                       const MalformedHandler &malformed);
/// Processes a single line, writing the response (no newline) into @p out.
void processLine(const QByteArray &line, const StreamHandler &handler,
                 const MalformedHandler &malformed, ByteSink &out);

/// A JSON string as QJsonDocument writes it (UTF-8; ", \ and controls escaped; an unpaired
/// surrogate as \udXXX).
void writeString(ByteSink &out, QStringView s);
/// Any JSON value as QJsonDocument writes it, compact.
void writeValue(ByteSink &out, const QJsonValue &value);

/**
 * A JSON string appended piece by piece without building it: each piece is escaped as it comes
 * (UTF-8, about the size of the result), and writeTo() writes what writeString() writes for
 * the pieces joined (a surrogate pair split between two pieces is one character).
 */
class StringBuilder
{
public:
    void append(QStringView piece)
    {
        // Inline for the short pieces a sub gives millions of (" ", "x", a word): ASCII that
        // needs no escape and characters below U+0800 (two bytes of UTF-8) are written here.
        constexpr qsizetype kShort = 32;
        const qsizetype n = piece.size();
        if (n > kShort || m_high || m_capacity - m_block.size < 2 * kShort) {
            appendAny(piece);
            return;
        }
        char *p = m_block.data.get() + m_block.size;
        const char16_t *s = piece.utf16();
        for (qsizetype i = 0; i < n; ++i) {
            const char16_t c = s[i];
            if (c >= 0x20 && c < 0x80 && c != u'"' && c != u'\\') {
                *p++ = char(c);
            } else if (c >= 0x80 && c < 0x800) {
                *p++ = char(0xC0 | (c >> 6));
                *p++ = char(0x80 | (c & 0x3F));
            } else {
                appendAny(piece); // nothing was committed
                return;
            }
        }
        m_block.size = p - m_block.data.get();
    }
    /// Writes the string, quotes included, into @p out and empties the builder.
    void writeTo(ByteSink &out);

private:
    void appendAny(QStringView piece);
    void put(const char16_t *src, const char16_t *end);
    void newBlock(qsizetype room);

    // The body in blocks that are never copied (a doubling buffer moved from the heap to its
    // own mapping with a copy: 9 MB more at the peak of a --batch sub). Full ones, and the one
    // being written.
    struct Block
    {
        std::unique_ptr<char, void (*)(void *)> data{nullptr, &std::free};
        qsizetype size = 0;
    };
    std::vector<Block> m_full;
    Block m_block;
    qsizetype m_capacity = 0;
    char16_t m_high = 0; // a high surrogate that ended the last piece, not written yet
};

} // namespace stdlab::jsonlines

#include "common/jsonlines.h"

#include "common/bytesink.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cerrno>
#include <cstdlib>

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <array>
#include <new>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace stdlab::jsonlines {

namespace {

const char kHex[] = "0123456789abcdef";

// QJsonPrivate::Writer's escapedString(), byte for byte: the units from @p src up to @p stop
// (a pair may end at @p end) into @p p, at most 6 bytes per unit; returns the end.
unsigned char *escapeUnits(const char16_t *&from, const char16_t *stop, const char16_t *end,
                           unsigned char *p)
{
    const char16_t *src = from; // a local: a store through p may change the caller's
    while (src < stop) {
        const char16_t u = *src++;
        if (u >= 0x20 && u < 0x80 && u != '"' && u != '\\') {
            *p++ = uchar(u);
        } else if (u < 0x80) {
            *p++ = '\\';
            switch (u) {
            case '"':
                *p++ = '"';
                break;
            case '\\':
                *p++ = '\\';
                break;
            case '\b':
                *p++ = 'b';
                break;
            case '\f':
                *p++ = 'f';
                break;
            case '\n':
                *p++ = 'n';
                break;
            case '\r':
                *p++ = 'r';
                break;
            case '\t':
                *p++ = 't';
                break;
            default:
                *p++ = 'u';
                *p++ = '0';
                *p++ = '0';
                *p++ = uchar(kHex[u >> 4]);
                *p++ = uchar(kHex[u & 0xF]);
            }
        } else if (u < 0x800) {
            *p++ = uchar(0xC0 | (u >> 6));
            *p++ = uchar(0x80 | (u & 0x3F));
        } else if ((u & 0xF800) != 0xD800) {
            *p++ = uchar(0xE0 | (u >> 12));
            *p++ = uchar(0x80 | ((u >> 6) & 0x3F));
            *p++ = uchar(0x80 | (u & 0x3F));
        } else if (u < 0xDC00 && src < end && (*src & 0xFC00) == 0xDC00) {
            const char32_t cp = 0x10000 + ((char32_t(u) - 0xD800) << 10) + (*src++ - 0xDC00);
            *p++ = uchar(0xF0 | (cp >> 18));
            *p++ = uchar(0x80 | ((cp >> 12) & 0x3F));
            *p++ = uchar(0x80 | ((cp >> 6) & 0x3F));
            *p++ = uchar(0x80 | (cp & 0x3F));
        } else {
            *p++ = '\\';
            *p++ = 'u';
            for (int shift = 12; shift >= 0; shift -= 4) {
                *p++ = uchar(kHex[(u >> shift) & 0xF]);
            }
        }
    }
    from = src;
    return p;
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r'; // QJsonPrivate::Parser's
}

const char *skipSpace(const char *p, const char *end)
{
    while (p < end && isSpace(*p)) {
        ++p;
    }
    return p;
}

// The quote that closes a string whose body starts at @p p, or null.
const char *closingQuote(const char *p, const char *end)
{
    while (p < end) {
        const char *q = static_cast<const char *>(std::memchr(p, '"', size_t(end - p)));
        if (!q) {
            return nullptr;
        }
        const char *b = q;
        while (b > p && b[-1] == '\\') {
            --b;
        }
        if ((q - b) % 2 == 0) {
            return q;
        }
        p = q + 1; // escaped: p[-1] is that quote, so a later run of backslashes stops at p
    }
    return nullptr;
}

// The end of the array or object at @p p (strings skipped whole), or null.
const char *skipNested(const char *p, const char *end)
{
    int depth = 0;
    while (p < end) {
        const char c = *p;
        if (c == '"') {
            p = closingQuote(p + 1, end);
            if (!p) {
                return nullptr;
            }
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
            return p + 1;
        }
        ++p;
    }
    return nullptr;
}

// The value of a hex digit, or 0x10000 (any digit of \\uXXXX that is not one puts its value
// past 0xFFFF).
constexpr auto kHexValue = [] {
    std::array<quint32, 256> t{};
    for (int c = 0; c < 256; ++c) {
        t[size_t(c)] = c >= '0' && c <= '9' ? quint32(c - '0')
            : c >= 'a' && c <= 'f'          ? quint32(c - 'a' + 10)
            : c >= 'A' && c <= 'F'          ? quint32(c - 'A' + 10)
                                            : 0x10000u;
    }
    return t;
}();

int hexDigit(uchar c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

// The body [@p p, @p stop) of a JSON string decoded as QJsonPrivate::Parser decodes it: escapes
// (\uXXXX one UTF-16 unit each, so pairs and lone surrogates come out as written) and UTF-8.
// False where Qt might read it otherwise or reject it (an escape it takes leniently, invalid
// UTF-8): the line is then left to Qt.
bool decodeString(const char *p, const char *stop, QString &out)
{
    out.resize(stop - p); // at most one UTF-16 unit per byte; the pages past the end stay unused
    char16_t *d = reinterpret_cast<char16_t *>(out.data());
    const auto *s = reinterpret_cast<const uchar *>(p);
    const auto *const e = reinterpret_cast<const uchar *>(stop);
    constexpr quint64 kOnes = 0x0101010101010101ULL;
    constexpr quint64 kHigh = 0x8080808080808080ULL;
    while (s < e) {
#if defined(__SSE2__)
        // ASCII without backslashes, 16 bytes at a time: all 16 are widened and stored, and
        // the output moves past those before the first byte that is not (a request written
        // with Python's default ensure_ascii has an escape every ten bytes or so). The stores
        // stay inside @p out: a unit is never more than the bytes it came from.
        if (e - s >= 16) {
            const __m128i backslash = _mm_set1_epi8('\\');
            const __m128i zero = _mm_setzero_si128();
            unsigned special = 0;
            do {
                const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s));
                _mm_storeu_si128(reinterpret_cast<__m128i *>(d), _mm_unpacklo_epi8(v, zero));
                _mm_storeu_si128(reinterpret_cast<__m128i *>(d + 8), _mm_unpackhi_epi8(v, zero));
                special =
                    unsigned(_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, backslash))));
                const int n = special ? __builtin_ctz(special) : 16;
                s += n;
                d += n;
            } while (special == 0 && e - s >= 16);
            if (special == 0) {
                continue; // under 16 bytes left
            }
        } else
#endif
        {
            // ASCII without backslashes, 8 bytes at a time.
            while (e - s >= 8) {
                quint64 v;
                std::memcpy(&v, s, 8);
                const quint64 slash = v ^ (kOnes * '\\');
                if ((v & kHigh) != 0 || ((slash - kOnes) & ~slash & kHigh) != 0) {
                    break;
                }
                for (int i = 0; i < 8; ++i) {
                    d[i] = s[i];
                }
                s += 8;
                d += 8;
            }
            if (s == e) {
                break;
            }
        }
        if (s[0] == '\\' && e - s >= 6 && s[1] == 'u') {
            // \uXXXX, the escape Python's json.dumps writes for every non-ASCII character.
            const quint32 v = kHexValue[s[2]] << 12 | kHexValue[s[3]] << 8
                | kHexValue[s[4]] << 4 | kHexValue[s[5]];
            if (v > 0xFFFF) {
                return false;
            }
            *d++ = char16_t(v);
            s += 6;
            continue;
        }
        const uchar c = *s;
        if (c < 0x80 && c != '\\') {
            *d++ = c; // controls too: Qt's parser takes them
            ++s;
        } else if (c == '\\') {
            if (e - s < 2) {
                return false;
            }
            switch (s[1]) {
            case '"':
            case '\\':
            case '/':
                *d++ = s[1];
                break;
            case 'b':
                *d++ = 0x8;
                break;
            case 'f':
                *d++ = 0xc;
                break;
            case 'n':
                *d++ = 0xa;
                break;
            case 'r':
                *d++ = 0xd;
                break;
            case 't':
                *d++ = 0x9;
                break;
            case 'u': {
                if (e - s < 6) {
                    return false;
                }
                int v = 0;
                for (int i = 2; i < 6; ++i) {
                    const int h = hexDigit(s[i]);
                    if (h < 0) {
                        return false;
                    }
                    v = v << 4 | h;
                }
                *d++ = char16_t(v);
                s += 6;
                continue;
            }
            default:
                return false;
            }
            s += 2;
        } else {
            // UTF-8 as QUtf8Functions reads it: no overlong forms, no surrogates, <= U+10FFFF.
            int n = 0;
            uchar lo = 0x80;
            uchar hi = 0xBF;
            char32_t cp = 0;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
                cp = c & 0x1F;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                cp = c & 0x0F;
                lo = c == 0xE0 ? 0xA0 : 0x80;
                hi = c == 0xED ? 0x9F : 0xBF;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                cp = c & 0x07;
                lo = c == 0xF0 ? 0x90 : 0x80;
                hi = c == 0xF4 ? 0x8F : 0xBF;
            } else {
                return false;
            }
            if (e - s <= n || s[1] < lo || s[1] > hi) {
                return false;
            }
            for (int i = 1; i <= n; ++i) {
                if ((s[i] & 0xC0) != 0x80) {
                    return false;
                }
                cp = cp << 6 | (s[i] & 0x3F);
            }
            s += n + 1;
            if (cp >= 0x10000) {
                *d++ = char16_t(0xD800 + ((cp - 0x10000) >> 10));
                *d++ = char16_t(0xDC00 + (cp & 0x3FF));
            } else {
                *d++ = char16_t(cp);
            }
        }
    }
    out.resize(d - reinterpret_cast<char16_t *>(out.data()));
    return true;
}

// Qt's parser drops a U+FEFF that starts a string (taken for a byte order mark): the same
// character written as an escape is kept. Outside strings both forms are invalid JSON.
QJsonDocument parseKeepingByteOrderMarks(const QByteArray &json, QJsonParseError *error)
{
    static const QByteArray bom("\xEF\xBB\xBF");
    return QJsonDocument::fromJson(
        json.contains(bom) ? QByteArray(json).replace(bom, QByteArrayLiteral("\\ufeff")) : json,
        error);
}

// The body of a response to @p line, and the request's "id" (null when absent or malformed).
// A line read by Request::fromLongLine() is released (@p line emptied) before the handler runs.
Response respond(QByteArray &line, const StreamHandler &handler,
                 const MalformedHandler &malformed, QJsonValue *id,
                 const std::function<void()> &released)
{
    *id = QJsonValue::Null;
    std::optional<Request> request;
    if (line.size() >= kLongStringBytes) {
        request = Request::fromLongLine(line);
        if (request) {
            line = QByteArray();
            if (released) {
                released();
            }
        }
    }
    if (!request) {
        QJsonParseError parseError;
        const QJsonDocument doc = parseKeepingByteOrderMarks(line, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            return Response{malformed(QStringLiteral("invalid JSON at offset %1: %2")
                                          .arg(parseError.offset)
                                          .arg(parseError.errorString())),
                            {}};
        }
        if (!doc.isObject()) {
            return Response{malformed(QStringLiteral("request must be a JSON object")), {}};
        }
        request.emplace(doc.object());
    }
    if (request->contains(QStringLiteral("id"))) {
        *id = request->value(QStringLiteral("id"));
    }
    return handler(*request);
}

} // namespace

bool Request::contains(const QString &key) const
{
    for (const auto &[name, value] : m_long) {
        if (name == key) {
            return true;
        }
    }
    return m_object.contains(key);
}

QJsonValue Request::value(const QString &key) const
{
    for (const auto &[name, value] : m_long) {
        if (name == key) {
            return value;
        }
    }
    return m_object.value(key);
}

std::optional<QString> Request::string(const QString &key) const
{
    for (const auto &[name, value] : m_long) {
        if (name == key) {
            return value;
        }
    }
    const QJsonValue v = m_object.value(key);
    return v.isString() ? std::optional<QString>(v.toString()) : std::nullopt;
}

QJsonObject Request::toObject() const
{
    QJsonObject object = m_object;
    for (const auto &[name, value] : m_long) {
        object.insert(name, value);
    }
    return object;
}

std::optional<Request> Request::fromLongLine(QByteArrayView line)
{
    // The object's members are read here; long string values are decoded, and every other
    // member is copied as it is into a small object that QJsonDocument parses, with null in
    // place of each long string. Anything unusual gives nullopt, so that the line gets exactly
    // QJsonDocument's answer: the same values, and the same error at the same offset.
    const char *p = line.data();
    const char *const end = p + line.size();
    p = skipSpace(p, end);
    if (p == end || *p != '{') {
        return std::nullopt;
    }
    QByteArray rest("{");
    std::vector<std::pair<QByteArrayView, QString>> longStrings; // the key as written
    qsizetype members = 0;
    ++p;
    while (true) {
        p = skipSpace(p, end);
        if (p == end || *p != '"') {
            return std::nullopt;
        }
        const char *keyEnd = closingQuote(p + 1, end);
        if (!keyEnd) {
            return std::nullopt;
        }
        const QByteArrayView key(p, keyEnd + 1 - p);
        p = skipSpace(keyEnd + 1, end);
        if (p == end || *p != ':') {
            return std::nullopt;
        }
        p = skipSpace(p + 1, end);
        if (p == end) {
            return std::nullopt;
        }
        const char *value = p;
        bool isLong = false;
        if (*p == '"') {
            const char *close = closingQuote(p + 1, end);
            if (!close) {
                return std::nullopt;
            }
            p = close + 1;
            if (close - (value + 1) >= kLongStringBytes) {
                QString decoded;
                if (!decodeString(value + 1, close, decoded)) {
                    return std::nullopt;
                }
                longStrings.emplace_back(key, std::move(decoded));
                isLong = true;
            }
        } else if (*p == '{' || *p == '[') {
            p = skipNested(p, end);
            if (!p) {
                return std::nullopt;
            }
        } else {
            while (p < end && !isSpace(*p) && *p != ',' && *p != '}') {
                ++p;
            }
        }
        if (members++ > 0) {
            rest.append(',');
        }
        rest.append(key.data(), key.size());
        rest.append(':');
        if (isLong) {
            rest.append("null");
        } else {
            rest.append(value, p - value);
        }
        p = skipSpace(p, end);
        if (p == end) {
            return std::nullopt;
        }
        if (*p == '}') {
            ++p;
            break;
        }
        if (*p != ',') {
            return std::nullopt;
        }
        ++p;
    }
    if (skipSpace(p, end) != end || longStrings.empty()) {
        return std::nullopt;
    }
    rest.append('}');
    QJsonParseError error;
    const QJsonDocument doc = parseKeepingByteOrderMarks(rest, &error);
    if (error.error != QJsonParseError::NoError || doc.object().size() != members) {
        return std::nullopt; // the last of a key given twice is the one kept: left to Qt
    }
    Request request(doc.object());
    for (auto &[key, value] : longStrings) {
        const QByteArray array = '[' + key.toByteArray() + ']';
        const QString name = parseKeepingByteOrderMarks(array, &error).array().at(0).toString();
        request.m_object.remove(name);
        request.m_long.emplace_back(name, std::move(value));
    }
    return request;
}

void writeString(ByteSink &out, QStringView s)
{
    const char16_t *src = s.utf16();
    const char16_t *const end = src + s.size();
    out.put('"');
    while (src < end) {
        const char16_t *const stop = src + std::min<qsizetype>(end - src, 16 * 1024);
        auto *p = reinterpret_cast<unsigned char *>(out.reserve(6 * (stop - src) + 8));
        out.commit(reinterpret_cast<char *>(escapeUnits(src, stop, end, p)));
    }
    out.put('"');
}

void StringBuilder::appendAny(QStringView piece)
{
    const char16_t *src = piece.utf16();
    const char16_t *end = src + piece.size();
    if (m_high) {
        // The pieces joined: a high surrogate that ended the last piece pairs with a low one.
        const char16_t pair[2] = {m_high, src < end ? *src : char16_t(0)};
        const bool paired = src < end && (*src & 0xFC00) == 0xDC00;
        put(pair, pair + (paired ? 2 : 1));
        src += paired ? 1 : 0;
        m_high = 0;
    }
    if (src < end && (end[-1] & 0xFC00) == 0xD800) {
        m_high = *--end; // its partner may start the next piece
    }
    put(src, end);
}

void StringBuilder::writeTo(ByteSink &out)
{
    if (m_high) {
        const char16_t high = m_high;
        m_high = 0;
        put(&high, &high + 1);
    }
    out.put('"');
    for (const Block &b : m_full) {
        out.put(std::string_view(b.data.get(), size_t(b.size)));
    }
    out.put(std::string_view(m_block.data.get(), size_t(m_block.size)));
    out.put('"');
    m_full.clear();
    m_block = Block();
    m_capacity = 0;
}

void StringBuilder::newBlock(qsizetype room)
{
    // 64 KiB, then twice the last block's size up to 8 MiB (at most 1/8 of the body unused).
    const qsizetype capacity =
        std::max(room, std::clamp<qsizetype>(2 * m_capacity, 64 << 10, 8 << 20));
    Block block;
    block.data.reset(static_cast<char *>(std::malloc(size_t(capacity))));
    if (!block.data) {
        throw std::bad_alloc();
    }
    if (m_block.data) {
        m_full.push_back(std::move(m_block));
    }
    m_block = std::move(block);
    m_capacity = capacity;
}

void StringBuilder::put(const char16_t *src, const char16_t *end)
{
    while (src < end) {
        const char16_t *const stop = src + std::min<qsizetype>(end - src, 16 * 1024);
        const qsizetype room = 6 * (stop - src) + 8;
        if (m_block.size + room > m_capacity) {
            newBlock(room);
        }
        auto *p = reinterpret_cast<unsigned char *>(m_block.data.get() + m_block.size);
        char *const written = reinterpret_cast<char *>(escapeUnits(src, stop, end, p));
        m_block.size = written - m_block.data.get();
    }
}

void writeValue(ByteSink &out, const QJsonValue &value)
{
    // A value alone is written as inside an array: "[value]" without its brackets.
    const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    out.put(std::string_view(json.constData() + 1, size_t(json.size() - 2)));
}

namespace {

// processLine(), releasing @p line as soon as it is read.
void answerLine(QByteArray &line, const StreamHandler &handler, const MalformedHandler &malformed,
                ByteSink &out, const std::function<void()> &released = {})
{
    QJsonValue id;
    Response r = respond(line, handler, malformed, &id, released);
    if (r.writeResult) {
        // QJsonObject orders keys: "id" < "result".
        out.put(R"({"id":)");
        writeValue(out, id);
        out.put(R"(,"result":)");
        r.writeResult(out);
        out.put('}');
        return;
    }
    r.object.insert(QStringLiteral("id"), id);
    const QByteArray json = QJsonDocument(r.object).toJson(QJsonDocument::Compact);
    out.put(std::string_view(json.constData(), size_t(json.size())));
}

// QByteArray::trimmed().isEmpty() without a copy of a long line.
bool isBlank(const QByteArray &line)
{
    for (const char c : line) {
        if (c != ' ' && (c < '\t' || c > '\r')) {
            return false;
        }
    }
    return true;
}

// run()'s loop over a regular file mapped into memory instead of read(2) into a line buffer
// (a 28 MB request line: its pages zeroed and filled by a copy, 10 % of a --batch subn). Each
// line is answered from the mapping; its pages are let go once it is read, or, for a line over
// the limit, as it is scanned. False (nothing read) when the file cannot be mapped.
template <typename Answer>
bool runMapped(int fd, qint64 length, qsizetype maxLineBytes, const Answer &answer)
{
    const off_t at = lseek(fd, 0, SEEK_CUR);
    const long pageSize = sysconf(_SC_PAGESIZE);
    if (at < 0 || pageSize <= 0 || length <= 0 || quint64(length) > quint64(SIZE_MAX / 2)) {
        return false;
    }
    const off_t mapAt = at - at % pageSize;
    const size_t mapLength = size_t(length + (at - mapAt));
    void *mapped = mmap(nullptr, mapLength, PROT_READ, MAP_PRIVATE, fd, mapAt);
    if (mapped == MAP_FAILED) {
        return false;
    }
    const char *const base = static_cast<const char *>(mapped);
    const char *const end = base + mapLength;
    const char *dropped = base; // pages before this are let go
    const auto dropUpTo = [&](const char *p) {
        const char *to = base + ((p - base) / pageSize) * pageSize;
        if (to > dropped) {
            madvise(const_cast<char *>(dropped), size_t(to - dropped), MADV_DONTNEED);
            dropped = to;
        }
    };
    constexpr qsizetype kWindow = qsizetype(64) << 20;
    const char *p = base + (at - mapAt);
    while (p < end) {
        // The line's end, looked for 64 MiB at a time: the pages of a line over the limit go
        // as they are scanned.
        const char *nl = nullptr;
        for (const char *scan = p; scan < end;) {
            const qsizetype window = std::min<qsizetype>(end - scan, kWindow);
            nl = static_cast<const char *>(std::memchr(scan, '\n', size_t(window)));
            if (nl) {
                break;
            }
            scan += window;
            if (scan - p > maxLineBytes) {
                dropUpTo(scan);
            }
        }
        const char *const stop = nl ? nl : end;
        const bool overLimit = stop - p > maxLineBytes;
        qsizetype n = overLimit ? 0 : stop - p;
        if (n > 0 && p[n - 1] == '\r') {
            --n; // here, not by chop(): that would copy the bytes out of the mapping
        }
        QByteArray line = QByteArray::fromRawData(p, n);
        const char *const next = nl ? nl + 1 : end;
        answer(line, overLimit, [&] { dropUpTo(next); });
        dropUpTo(next);
        p = next;
    }
    munmap(mapped, mapLength);
    lseek(fd, at + off_t(length), SEEK_SET);
    return true;
}

StreamHandler streamed(const Handler &handler)
{
    return [&handler](const Request &request) {
        return Response{handler(request.toObject()), {}};
    };
}

} // namespace

void processLine(const QByteArray &line, const StreamHandler &handler,
                 const MalformedHandler &malformed, ByteSink &out)
{
    QByteArray copy = line;
    answerLine(copy, handler, malformed, out);
}

QByteArray processLine(const QByteArray &line, const Handler &handler,
                       const MalformedHandler &malformed)
{
    ByteSink out;
    processLine(line, streamed(handler), malformed, out);
    return out.take();
}

int run(const Handler &handler, const MalformedHandler &malformed, FILE *in, FILE *out,
        qsizetype maxLineBytes)
{
    return run(streamed(handler), malformed, in, out, maxLineBytes);
}

int run(const StreamHandler &handler, const MalformedHandler &malformed, FILE *in, FILE *out,
        qsizetype maxLineBytes)
{
    ByteSink sink(out);
    QByteArray line;
    bool tooLong = false;
    auto respondWith = [&](QJsonObject error) {
        error.insert(QStringLiteral("id"), QJsonValue::Null);
        const QByteArray json = QJsonDocument(error).toJson(QJsonDocument::Compact);
        sink.put(std::string_view(json.constData(), size_t(json.size())));
    };
    // One line's answer (@p released: called once a long line's bytes are no longer needed).
    auto answer = [&](QByteArray &text, bool overLimit, const std::function<void()> &released) {
        if (overLimit) {
            respondWith(malformed(
                QStringLiteral("request line longer than %1 bytes").arg(maxLineBytes)));
            sink.put('\n');
            sink.flush();
            return;
        }
        if (!isBlank(text)) {
            const qint64 mark = sink.written();
            try {
                answerLine(text, handler, malformed, sink, released);
            } catch (const std::bad_alloc &) {
                text = QByteArray();
                // Results are written once matching succeeded, from memory already held:
                // what ran out is the parsing or the matching, before any byte went out.
                sink.discardSince(mark);
                respondWith(malformed(QStringLiteral("out of memory")));
            }
            sink.put('\n');
            sink.flush();
        }
    };
    auto flushLine = [&] {
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        answer(line, tooLong, {});
        line.clear();
        tooLong = false;
    };
    // Lines are split on '\n' bytes only: a NUL inside a line is the line's (fgets + strlen
    // took it for the end and merged the line with the next one, which went unanswered).
    std::vector<char> buffer(1 << 16);
    // read(2) returns what has arrived: fread() waited for 64 KiB or EOF, so a client that
    // sends one line and waits for its answer (stdlab_re.py, any interactive client) hung.
    const int fd = fileno(in);
    // What is left of a regular file bounds the line being read: a long line gets its room at
    // once instead of being copied at each doubling (a 28 MB line: five copies).
    qint64 fileLeft = -1;
    struct stat st{};
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        const off_t at = lseek(fd, 0, SEEK_CUR);
        fileLeft = at >= 0 ? std::max<qint64>(0, qint64(st.st_size) - at) : -1;
    }
    constexpr qsizetype kLongLine = qsizetype(1) << 20;
    if (fileLeft > 0 && runMapped(fd, fileLeft, maxLineBytes, answer)) {
        return 0;
    }
    while (true) {
        size_t n = 0;
        if (fd >= 0) {
            ssize_t r = 0;
            do {
                r = ::read(fd, buffer.data(), buffer.size());
            } while (r < 0 && errno == EINTR);
            n = r > 0 ? size_t(r) : 0;
        } else {
            n = std::fread(buffer.data(), 1, buffer.size(), in); // in-memory streams (tests)
        }
        if (n == 0) {
            break;
        }
        if (fileLeft >= 0) {
            fileLeft = std::max<qint64>(0, fileLeft - qint64(n));
        }
        const char *p = buffer.data();
        const char *end = p + n;
        while (p < end) {
            const char *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
            const char *stop = nl ? nl : end;
            if (!tooLong) {
                if (line.size() + (stop - p) > maxLineBytes) {
                    tooLong = true;
                    line = QByteArray(); // its memory back at once
                } else {
                    const qsizetype needed = line.size() + (stop - p);
                    if (needed > line.capacity() && needed >= kLongLine) {
                        const qsizetype room = !nl && fileLeft >= 0
                            ? needed + qsizetype(std::min<qint64>(fileLeft, maxLineBytes))
                            : nl ? needed : 2 * needed;
                        line.reserve(std::min(room, maxLineBytes + 1));
                    }
                    line.append(p, qsizetype(stop - p));
                }
            }
            if (!nl) {
                break;
            }
            flushLine();
            p = nl + 1;
        }
    }
    flushLine();
    return 0;
}

} // namespace stdlab::jsonlines

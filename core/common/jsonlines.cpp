#include "common/jsonlines.h"

#include "common/bytesink.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cerrno>
#include <cstdlib>

#include <unistd.h>

#include <new>
#include <vector>

namespace stdlab::jsonlines {

namespace {

const char kHex[] = "0123456789abcdef";

// QJsonPrivate::Writer's escapedString(), byte for byte: the units from @p src up to @p stop
// (a pair may end at @p end) into @p p, at most 6 bytes per unit; returns the end.
unsigned char *escapeUnits(const char16_t *&src, const char16_t *stop, const char16_t *end,
                           unsigned char *p)
{
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
    return p;
}

// The body of a response to @p line, and the request's "id" (null when absent or malformed).
Response respond(const QByteArray &line, const StreamHandler &handler,
                 const MalformedHandler &malformed, QJsonValue *id)
{
    QJsonParseError parseError;
    // Qt's parser drops a U+FEFF that starts a string (taken for a byte order mark): the same
    // character written as an escape is kept. Outside strings both forms are invalid JSON.
    static const QByteArray bom("\xEF\xBB\xBF");
    const QJsonDocument doc = QJsonDocument::fromJson(
        line.contains(bom) ? QByteArray(line).replace(bom, QByteArrayLiteral("\\ufeff")) : line,
        &parseError);
    *id = QJsonValue::Null;
    if (parseError.error != QJsonParseError::NoError) {
        return Response{malformed(QStringLiteral("invalid JSON at offset %1: %2")
                                      .arg(parseError.offset)
                                      .arg(parseError.errorString())),
                        {}};
    }
    if (!doc.isObject()) {
        return Response{malformed(QStringLiteral("request must be a JSON object")), {}};
    }
    const QJsonObject request = doc.object();
    if (request.contains(QStringLiteral("id"))) {
        *id = request.value(QStringLiteral("id"));
    }
    return handler(request);
}

} // namespace

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

void StringBuilder::append(QStringView piece)
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
    out.put(std::string_view(m_body.get(), size_t(m_size)));
    out.put('"');
    m_size = 0;
}

void StringBuilder::put(const char16_t *src, const char16_t *end)
{
    while (src < end) {
        const char16_t *const stop = src + std::min<qsizetype>(end - src, 16 * 1024);
        const qsizetype room = 6 * (stop - src) + 8;
        if (m_size + room > m_capacity) {
            growMalloced(m_body, m_capacity, m_size + room);
        }
        auto *p = reinterpret_cast<unsigned char *>(m_body.get() + m_size);
        m_size = reinterpret_cast<char *>(escapeUnits(src, stop, end, p)) - m_body.get();
    }
}

void writeValue(ByteSink &out, const QJsonValue &value)
{
    // A value alone is written as inside an array: "[value]" without its brackets.
    const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    out.put(std::string_view(json.constData() + 1, size_t(json.size() - 2)));
}

void processLine(const QByteArray &line, const StreamHandler &handler,
                 const MalformedHandler &malformed, ByteSink &out)
{
    QJsonValue id;
    Response r = respond(line, handler, malformed, &id);
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

QByteArray processLine(const QByteArray &line, const Handler &handler,
                       const MalformedHandler &malformed)
{
    ByteSink out;
    processLine(
        line, [&](const QJsonObject &request) { return Response{handler(request), {}}; },
        malformed, out);
    return out.take();
}

int run(const Handler &handler, const MalformedHandler &malformed, FILE *in, FILE *out,
        qsizetype maxLineBytes)
{
    return run(
        StreamHandler([&](const QJsonObject &request) { return Response{handler(request), {}}; }),
        malformed, in, out, maxLineBytes);
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
    auto flushLine = [&] {
        if (tooLong) {
            respondWith(malformed(
                QStringLiteral("request line longer than %1 bytes").arg(maxLineBytes)));
            sink.put('\n');
            sink.flush();
        } else {
            if (line.endsWith('\r')) {
                line.chop(1);
            }
            if (!line.trimmed().isEmpty()) {
                const qint64 mark = sink.written();
                try {
                    processLine(line, handler, malformed, sink);
                } catch (const std::bad_alloc &) {
                    line = QByteArray();
                    // Results are written once matching succeeded, from memory already held:
                    // what ran out is the parsing or the matching, before any byte went out.
                    sink.discardSince(mark);
                    respondWith(malformed(QStringLiteral("out of memory")));
                }
                sink.put('\n');
                sink.flush();
            }
        }
        line.clear();
        tooLong = false;
    };
    // Lines are split on '\n' bytes only: a NUL inside a line is the line's (fgets + strlen
    // took it for the end and merged the line with the next one, which went unanswered).
    std::vector<char> buffer(1 << 16);
    // read(2) returns what has arrived: fread() waited for 64 KiB or EOF, so a client that
    // sends one line and waits for its answer (stdlab_re.py, any interactive client) hung.
    const int fd = fileno(in);
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

#include "common/pyrepr.h"

#include "common/bytesink.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <string_view>

#include <QChar>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace stdlab::py {

bool isPrintable(char32_t cp)
{
    if (cp == U' ') {
        return true;
    }
    switch (QChar::category(cp)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
    case QChar::Separator_Space:
        return false;
    default:
        return true;
    }
}

namespace {

// str.isprintable() of every BMP code point, one bit each (8 KiB), made once: repr() asks for
// every non-ASCII character of a result of millions of items.
class BmpPrintable
{
public:
    BmpPrintable()
    {
        for (char32_t cp = 0; cp < 0x10000; ++cp) {
            if (isPrintable(cp)) {
                m_bits[cp >> 6] |= quint64(1) << (cp & 63);
            }
        }
    }
    bool operator()(char32_t cp) const { return (m_bits[cp >> 6] >> (cp & 63)) & 1; }

private:
    quint64 m_bits[0x10000 / 64] = {};
};

bool printable(char32_t cp)
{
    static const BmpPrintable bmp;
    return cp < 0x10000 ? bmp(cp) : isPrintable(cp);
}

const char kHex[] = "0123456789abcdef";

char *putHex(char *p, char32_t v, int digits)
{
    for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
        *p++ = kHex[(v >> shift) & 0xF];
    }
    return p;
}

} // namespace

namespace {

constexpr qsizetype kPiece = 16 * 1024;

// Writes repr()'s body of src[..stop) (a pair may end past stop, before end) quoted with
// @p quote at p, which has room for 6 bytes a unit (\ud800) plus 4; notes quotes seen.
char *writeBody(char *p, const char16_t *&from, const char16_t *stop, const char16_t *end,
                char quote, bool *sawSingleOut, bool *sawDoubleOut)
{
    // Locals, not the callers' variables: a store through p (a char *) may change any of
    // those, so they were stored and loaded again at every character (15 % of a findall).
    const char16_t *src = from;
    bool singleSeen = *sawSingleOut;
    bool doubleSeen = *sawDoubleOut;
    while (src < stop) {
        char32_t cp = *src++;
        if (cp < 0x7f && cp >= 0x20) {
            if (cp == U'\'' || cp == U'"') {
                (cp == U'\'' ? singleSeen : doubleSeen) = true;
                if (cp == char32_t(quote)) {
                    *p++ = '\\';
                }
            } else if (cp == U'\\') {
                *p++ = '\\';
            }
            *p++ = char(cp);
            continue;
        }
        if (cp < 0x80) {
            *p++ = '\\';
            if (cp == U'\t') {
                *p++ = 't';
            } else if (cp == U'\n') {
                *p++ = 'n';
            } else if (cp == U'\r') {
                *p++ = 'r';
            } else {
                *p++ = 'x';
                p = putHex(p, cp, 2);
            }
            continue;
        }
        if ((cp & 0xFC00) == 0xD800 && src < end && (*src & 0xFC00) == 0xDC00) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (*src++ - 0xDC00);
        }
        if (!printable(cp)) {
            // Unpaired surrogates land here too (category Cs), as in CPython.
            *p++ = '\\';
            if (cp <= 0xff) {
                *p++ = 'x';
                p = putHex(p, cp, 2);
            } else if (cp <= 0xffff) {
                *p++ = 'u';
                p = putHex(p, cp, 4);
            } else {
                *p++ = 'U';
                p = putHex(p, cp, 8);
            }
        } else if (cp < 0x800) {
            *p++ = char(0xC0 | (cp >> 6));
            *p++ = char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            *p++ = char(0xE0 | (cp >> 12));
            *p++ = char(0x80 | ((cp >> 6) & 0x3F));
            *p++ = char(0x80 | (cp & 0x3F));
        } else {
            *p++ = char(0xF0 | (cp >> 18));
            *p++ = char(0x80 | ((cp >> 12) & 0x3F));
            *p++ = char(0x80 | ((cp >> 6) & 0x3F));
            *p++ = char(0x80 | (cp & 0x3F));
        }
    }
    from = src;
    *sawSingleOut = singleSeen;
    *sawDoubleOut = doubleSeen;
    return p;
}

void writeQuoted(ByteSink &out, QStringView s, char quote)
{
    const char16_t *src = s.utf16();
    const char16_t *const end = src + s.size();
    bool sawSingle = false;
    bool sawDouble = false;
    out.put(quote);
    while (src < end) {
        const char16_t *const stop = src + std::min<qsizetype>(end - src, kPiece);
        char *p = out.reserve(6 * (stop - src) + 4);
        out.commit(writeBody(p, src, stop, end, quote, &sawSingle, &sawDouble));
    }
    out.put(quote);
}

// unicode_repr(): single quotes unless the text holds ' and no ".
char quoteOf(QStringView s)
{
    bool single = false;
    bool dbl = false;
    if (s.size() > 64) {
        single = s.contains(u'\'');
        dbl = single && s.contains(u'"');
    } else {
        // A plain loop: QStringView::contains() costs more than the scan on the short items
        // of a findall (millions of them).
        for (const QChar c : s) {
            single = single || c == u'\'';
            dbl = dbl || c == u'"';
        }
    }
    return single && !dbl ? '"' : '\'';
}

} // namespace

void writeRepr(ByteSink &out, QStringView s)
{
    if (s.size() > kPiece) {
        writeQuoted(out, s, quoteOf(s));
        return;
    }
    // One pass for the short items of a findall (millions of them): written with single
    // quotes, and again with double quotes in the rare case that unicode_repr() uses them.
    const qsizetype room = 6 * s.size() + 6;
    char *const start = out.reserve(room);
    bool sawSingle = false;
    bool sawDouble = false;
    const char16_t *src = s.utf16();
    const char16_t *const end = src + s.size();
    char *p = start;
    *p++ = '\'';
    p = writeBody(p, src, end, end, '\'', &sawSingle, &sawDouble);
    if (sawSingle && !sawDouble) {
        src = s.utf16();
        p = start;
        *p++ = '"';
        p = writeBody(p, src, end, end, '"', &sawSingle, &sawDouble);
        *p++ = '"';
    } else {
        *p++ = '\'';
    }
    out.commit(p);
}

void writeRepr(ByteSink &out, QStringView s, qsizetype maxChars)
{
    // Every character of s gives at least one of its repr: the first maxChars are enough.
    qsizetype units = 0;
    for (qsizetype chars = 0; units < s.size() && chars < maxChars; ++chars) {
        units += s[units].isHighSurrogate() && units + 1 < s.size()
                && s[units + 1].isLowSurrogate() ? 2 : 1;
    }
    ByteSink whole;
    writeQuoted(whole, s.first(units), quoteOf(s));
    QByteArray bytes = whole.take();
    if (units == s.size()) {
        bytes.chop(1); // the closing quote, put back below when it fits
    }
    // Cut after maxChars characters (a UTF-8 character: one byte that is not a continuation).
    qsizetype chars = 0;
    qsizetype i = 0;
    for (; i < bytes.size(); ++i) {
        if ((uchar(bytes[i]) & 0xC0) != 0x80 && chars++ == maxChars) {
            break;
        }
    }
    out.put(std::string_view(bytes.constData(), size_t(i)));
    if (units == s.size() && chars < maxChars) {
        out.put(quoteOf(s));
    }
}

void ReprBuilder::grow(qsizetype room)
{
    growMalloced(m_body, m_capacity, m_size + room);
}

void ReprBuilder::appendAny(QStringView piece)
{
    const char16_t *src = piece.utf16();
    const char16_t *const end = src + piece.size();
    while (src < end) {
        const char16_t *const stop = src + std::min<qsizetype>(end - src, kPiece);
        const qsizetype room = 6 * (stop - src) + 4;
        if (m_size + room > m_capacity) {
            grow(room);
        }
        char *const start = m_body.get() + m_size;
        m_size += writeBody(start, src, stop, end, '\'', &m_single, &m_double) - start;
    }
}

void ReprBuilder::writeTo(ByteSink &out)
{
    char *const data = m_body.get();
    qsizetype size = m_size;
    const char quote = m_single && !m_double ? '"' : '\'';
    if (quote == '"') {
        // The body was escaped for single quotes: \' becomes ' (every escape is a backslash
        // and one character, so a backslash always starts one).
        char *w = data;
        for (const char *r = data, *end = data + size; r < end;) {
            if (*r == '\\') {
                if (r[1] == '\'') {
                    *w++ = '\'';
                    r += 2;
                } else {
                    *w++ = *r++;
                    *w++ = *r++;
                }
            } else {
                *w++ = *r++;
            }
        }
        size = w - data;
    }
    out.put(quote);
    // In pieces of at most 1 MiB: the sink's buffer stays its chunk size.
    for (qsizetype i = 0; i < size; i += 1 << 20) {
        out.put(std::string_view(data + i, size_t(std::min<qsizetype>(size - i, 1 << 20))));
    }
    out.put(quote);
    m_body.reset();
    m_size = m_capacity = 0;
    m_single = m_double = false;
}

QString repr(const QString &s)
{
    ByteSink out;
    writeRepr(out, s);
    return QString::fromUtf8(out.take());
}

void appendCodePoint(QString &s, char32_t cp)
{
    if (cp > 0xFFFF) {
        s += QChar(QChar::highSurrogate(cp));
        s += QChar(QChar::lowSurrogate(cp));
    } else {
        s += QChar(char16_t(cp));
    }
}

QString fromCodePoints(const char32_t *s, qsizetype n)
{
    QString r;
    r.reserve(n);
    for (qsizetype i = 0; i < n; ++i) {
        appendCodePoint(r, s[i]);
    }
    return r;
}

std::u32string codePoints(QStringView s)
{
    std::u32string r;
    r.reserve(size_t(s.size()));
    const qsizetype n = s.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = s[i].unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < n && QChar::isLowSurrogate(s[i + 1].unicode())) {
            r += char32_t(QChar::surrogateToUcs4(c, s[i + 1].unicode()));
            ++i;
        } else {
            r += char32_t(c);
        }
    }
    return r;
}

QString reprNone()
{
    return QStringLiteral("None");
}

QString reprBool(bool b)
{
    return b ? QStringLiteral("True") : QStringLiteral("False");
}

QString reprFloat(double value)
{
    if (std::isnan(value)) {
        return QStringLiteral("nan");
    }
    if (std::isinf(value)) {
        return value < 0 ? QStringLiteral("-inf") : QStringLiteral("inf");
    }
    // The shortest round-trip digits (as CPython's dtoa mode 0), laid out by float_repr's rule:
    // an exponent when the decimal point falls before the 4th place after it or past 16 digits.
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
    const std::string_view sci(buf, size_t(res.ptr - buf));
    const size_t e = sci.find('e');
    const bool negative = sci.front() == '-';
    std::string digits;
    for (char c : sci.substr(negative ? 1 : 0, e - (negative ? 1 : 0))) {
        if (c != '.') {
            digits += c;
        }
    }
    int exponent = 0; // the buffer is not NUL-terminated: parse only the exponent's characters
    const char *expBegin = sci.data() + e + 1;
    std::from_chars(expBegin + (*expBegin == '+' ? 1 : 0), sci.data() + sci.size(), exponent);
    const int decpt = exponent + 1;
    std::string out = negative ? "-" : "";
    if (decpt <= -4 || decpt > 16) {
        out += digits.substr(0, 1);
        if (digits.size() > 1) {
            out += '.';
            out += digits.substr(1);
        }
        char exp[16];
        std::snprintf(exp, sizeof exp, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
        out += exp;
    } else if (decpt <= 0) {
        out += "0." + std::string(size_t(-decpt), '0') + digits;
    } else if (size_t(decpt) >= digits.size()) {
        out += digits + std::string(size_t(decpt) - digits.size(), '0') + ".0";
    } else {
        out += digits.substr(0, size_t(decpt)) + '.' + digits.substr(size_t(decpt));
    }
    return QString::fromLatin1(out.data(), qsizetype(out.size()));
}

QString list(const QStringList &reprItems)
{
    return QLatin1Char('[') + reprItems.join(QLatin1String(", ")) + QLatin1Char(']');
}

QString tuple(const QStringList &reprItems)
{
    if (reprItems.size() == 1) {
        return QLatin1Char('(') + reprItems.first() + QLatin1String(",)");
    }
    return QLatin1Char('(') + reprItems.join(QLatin1String(", ")) + QLatin1Char(')');
}

QString universalNewlines(QString text)
{
    if (!text.contains(QLatin1Char('\r'))) {
        return text;
    }
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    return text;
}

namespace {

// Well-formed UTF-8 to UTF-16 at @p out (room for bytes.size() + 16 units), every character
// kept (a leading U+FEFF too); nullptr at the first ill-formed sequence. Runs of ASCII go 16
// bytes at a time; QString::fromUtf8() leaves its fast path at every accented letter (25 ms
// instead of ~8 ms for 20 MiB of Spanish text).
char16_t *decodeWellFormed(QByteArrayView bytes, char16_t *out)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.data());
    const uchar *const end = p + bytes.size();
    while (p < end) {
#ifdef __SSE2__
        if (end - p >= 16) {
            const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
            const unsigned mask = unsigned(_mm_movemask_epi8(chunk));
            // All 16 widened (out has the room); only the ASCII ones before the first other
            // byte count.
            const __m128i zero = _mm_setzero_si128();
            _mm_storeu_si128(reinterpret_cast<__m128i *>(out), _mm_unpacklo_epi8(chunk, zero));
            _mm_storeu_si128(reinterpret_cast<__m128i *>(out + 8), _mm_unpackhi_epi8(chunk, zero));
            const int ascii = mask ? __builtin_ctz(mask) : 16;
            p += ascii;
            out += ascii;
            if (ascii == 16) {
                continue;
            }
        }
#endif
        const uchar b = *p;
        if (b < 0x80) {
            *out++ = b;
            ++p;
            continue;
        }
        auto cont = [&](qsizetype k) { return p + k < end && (p[k] & 0xC0) == 0x80; };
        if (b >= 0xC2 && b <= 0xDF && cont(1)) {
            *out++ = char16_t(((b & 0x1F) << 6) | (p[1] & 0x3F));
            p += 2;
        } else if (b >= 0xE0 && b <= 0xEF && cont(1) && cont(2)
                   && (b != 0xE0 || p[1] >= 0xA0) && (b != 0xED || p[1] < 0xA0)) {
            *out++ = char16_t(((b & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F));
            p += 3;
        } else if (b >= 0xF0 && b <= 0xF4 && cont(1) && cont(2) && cont(3)
                   && (b != 0xF0 || p[1] >= 0x90) && (b != 0xF4 || p[1] < 0x90)) {
            const char32_t cp = (char32_t(b & 0x07) << 18) | (char32_t(p[1] & 0x3F) << 12)
                | (char32_t(p[2] & 0x3F) << 6) | char32_t(p[3] & 0x3F);
            *out++ = QChar::highSurrogate(cp);
            *out++ = QChar::lowSurrogate(cp);
            p += 4;
        } else {
            return nullptr;
        }
    }
    return out;
}

} // namespace

QString decodeUtf8(QByteArrayView bytes)
{
    // At most one UTF-16 unit a byte (16 more for the last block); pages past the text's end
    // are never touched.
    QString text(bytes.size() + 16, Qt::Uninitialized);
    auto *data = reinterpret_cast<char16_t *>(text.data());
    if (const char16_t *end = decodeWellFormed(bytes, data)) {
        text.truncate(end - data);
    } else {
        // Ill-formed: each bad sequence becomes U+FFFD as fromUtf8() makes it (Python would
        // raise UnicodeDecodeError); fromUtf8() drops a leading BOM, put back.
        static constexpr char kBom[] = "\xEF\xBB\xBF";
        text = QString::fromUtf8(bytes);
        if (bytes.startsWith(QByteArrayView(kBom, 3))) {
            text.prepend(QChar(0xFEFF));
        }
    }
    return text;
}

QString readText(QByteArrayView bytes)
{
    return universalNewlines(decodeUtf8(bytes));
}

QString literal(const QString &s)
{
    const bool rawPossible = s.contains(QLatin1Char('\\')) && !s.endsWith(QLatin1Char('\\'))
        && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n'))
        && !s.contains(QLatin1Char('\r'))
        // A raw literal cannot escape: lone surrogates (names that are not UTF-8) and other
        // characters repr() writes as \x.. \u.. need the plain literal.
        && repr(s).size() == s.size() + 2 + s.count(QLatin1Char('\\'));
    if (rawPossible) {
        // An odd run of backslashes before the end cannot occur (checked above); inside a raw
        // literal \" would still be an escape, which the '"' test excludes.
        return QLatin1String("r\"") + s + QLatin1Char('"');
    }
    QString r = repr(s);
    if (r.startsWith(QLatin1Char('\'')) && !s.contains(QLatin1Char('"'))) {
        // The course writes string literals with double quotes.
        r = QLatin1Char('"') + r.mid(1, r.size() - 2).replace(QLatin1String("\\'"), QLatin1String("'"))
            + QLatin1Char('"');
    }
    return r;
}

} // namespace stdlab::py

#include "chat/byteliteral.h"

namespace stdlab::chat {

namespace {

int hexValue(char32_t c)
{
    if (c >= '0' && c <= '9') {
        return int(c - '0');
    }
    if (c >= 'a' && c <= 'f') {
        return int(c - 'a' + 10);
    }
    if (c >= 'A' && c <= 'F') {
        return int(c - 'A' + 10);
    }
    return -1;
}

} // namespace

std::optional<QByteArray> parseEscapes(const QString &text, QString *error)
{
    // Python reads the literal as bytes (positions in its messages count bytes): the same
    // walk over the UTF-8 of the text, where every escape is ASCII.
    const QByteArray in = text.toUtf8();
    QByteArray out;
    out.reserve(in.size());
    auto fail = [&](const QString &why) {
        if (error) {
            *error = why;
        }
        return std::nullopt;
    };
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in.at(i);
        if (c != '\\') {
            out.append(c);
            continue;
        }
        const qsizetype at = i;
        if (++i >= in.size()) {
            return fail(QStringLiteral("Trailing \\ in string"));
        }
        const char e = in.at(i);
        switch (e) {
        case '\n':
            break;
        case '\\':
        case '\'':
        case '"':
            out.append(e);
            break;
        case 'a':
            out.append('\a');
            break;
        case 'b':
            out.append('\b');
            break;
        case 'f':
            out.append('\f');
            break;
        case 'n':
            out.append('\n');
            break;
        case 'r':
            out.append('\r');
            break;
        case 't':
            out.append('\t');
            break;
        case 'v':
            out.append('\v');
            break;
        case 'x': {
            const int hi = i + 1 < in.size() ? hexValue(uchar(in.at(i + 1))) : -1;
            const int lo = i + 2 < in.size() ? hexValue(uchar(in.at(i + 2))) : -1;
            if (hi < 0 || lo < 0) {
                return fail(QStringLiteral("invalid \\x escape at position %1").arg(at));
            }
            out.append(char(hi * 16 + lo));
            i += 2;
            break;
        }
        default:
            if (e >= '0' && e <= '7') {
                int value = e - '0';
                qsizetype j = i + 1;
                for (; j < in.size() && j < i + 3 && in.at(j) >= '0' && in.at(j) <= '7'; ++j) {
                    value = value * 8 + (in.at(j) - '0');
                }
                if (value > 0377) {
                    return fail(QStringLiteral("invalid octal escape sequence '\\%1'")
                                    .arg(QString::fromLatin1(in.mid(i, j - i))));
                }
                out.append(char(value));
                i = j - 1;
                break;
            }
            // Python keeps the backslash and warns (an error from 3.12's point of view: a
            // SyntaxWarning); a chat message is refused instead of sent with a stray "\".
            // Python names the escape's first byte ('\Ã' for "\ñ"): the character reads better.
            QString shown = QString::fromUtf8(in.mid(i, 4)).left(1);
            return fail(QStringLiteral("invalid escape sequence '\\%1'").arg(shown));
        }
    }
    return out;
}

std::optional<QByteArray> parseHex(const QString &text, QString *error)
{
    // CPython's _PyBytes_FromHex: whitespace only between bytes; the position is the index of
    // the first character that is not a hex digit where one is needed (the end included).
    auto isSpace = [](QChar c) {
        return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\v' || c == u'\f';
    };
    // A text with anything beyond ASCII is refused at its first such character, whatever
    // comes before it (CPython checks that first).
    for (qsizetype k = 0; k < text.size(); ++k) {
        if (text.at(k).unicode() >= 128) {
            if (error) {
                *error = QStringLiteral("non-hexadecimal number found in fromhex() arg at "
                                        "position %1")
                             .arg(k);
            }
            return std::nullopt;
        }
    }
    QByteArray out;
    out.reserve(text.size() / 2);
    qsizetype i = 0;
    auto digit = [&](qsizetype at) { return at < text.size() ? hexValue(text.at(at).unicode()) : -1; };
    while (i < text.size()) {
        if (isSpace(text.at(i))) {
            ++i;
            continue;
        }
        const int hi = digit(i);
        const int lo = hi < 0 ? -1 : digit(i + 1);
        if (hi < 0 || lo < 0) {
            if (error) {
                *error = QStringLiteral("non-hexadecimal number found in fromhex() arg at "
                                        "position %1")
                             .arg(hi < 0 ? i : i + 1);
            }
            return std::nullopt;
        }
        out.append(char(hi * 16 + lo));
        i += 2;
    }
    return out;
}

std::optional<QByteArray> encodeInput(const QString &text, InputEncoding encoding,
                                      QString *error)
{
    switch (encoding) {
    case InputEncoding::Text:
        return text.toUtf8();
    case InputEncoding::Escapes:
        return parseEscapes(text, error);
    case InputEncoding::Hex:
        return parseHex(text, error);
    }
    return text.toUtf8();
}

QString bytesRepr(QByteArrayView bytes)
{
    // bytes_repr() in Objects/bytesobject.c.
    const char quote = bytes.contains('\'') && !bytes.contains('"') ? '"' : '\'';
    QString out;
    out.reserve(bytes.size() + 3);
    out += u'b';
    out += QLatin1Char(quote);
    static const char digits[] = "0123456789abcdef";
    for (const char ch : bytes) {
        const uchar c = uchar(ch);
        if (c == uchar(quote) || c == '\\') {
            out += u'\\';
            out += QLatin1Char(ch);
        } else if (c == '\t') {
            out += QLatin1String("\\t");
        } else if (c == '\n') {
            out += QLatin1String("\\n");
        } else if (c == '\r') {
            out += QLatin1String("\\r");
        } else if (c < ' ' || c >= 0x7f) {
            out += QLatin1String("\\x");
            out += QLatin1Char(digits[c >> 4]);
            out += QLatin1Char(digits[c & 15]);
        } else {
            out += QLatin1Char(ch);
        }
    }
    out += QLatin1Char(quote);
    return out;
}

} // namespace stdlab::chat

#include "common/pyrepr.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <QChar>

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

QString repr(const QString &s)
{
    const bool hasSingle = s.contains(QLatin1Char('\''));
    const bool hasDouble = s.contains(QLatin1Char('"'));
    const QChar quote = (hasSingle && !hasDouble) ? QLatin1Char('"') : QLatin1Char('\'');
    QString r;
    r.reserve(s.size() + 2);
    r += quote;
    // Not toUcs4(): it turns lone surrogates (file names decoded with surrogateescape, e.g.
    // 'caf\udce9.txt') into U+FFFD, and Python prints them as \udce9.
    const qsizetype n = s.size();
    for (qsizetype i = 0; i < n; ++i) {
        char32_t cp = s.at(i).unicode();
        if (QChar::isHighSurrogate(cp) && i + 1 < n && s.at(i + 1).isLowSurrogate()) {
            cp = QChar::surrogateToUcs4(char16_t(cp), s.at(i + 1).unicode());
            ++i;
        }
        if (cp == quote.unicode() || cp == U'\\') {
            r += QLatin1Char('\\');
            r += QChar(cp);
        } else if (cp == U'\t') {
            r += QLatin1String("\\t");
        } else if (cp == U'\n') {
            r += QLatin1String("\\n");
        } else if (cp == U'\r') {
            r += QLatin1String("\\r");
        } else if (cp < 0x20 || cp == 0x7f) {
            r += QStringLiteral("\\x%1").arg(uint(cp), 2, 16, QLatin1Char('0'));
        } else if (cp < 0x7f) {
            r += QChar(cp);
        } else if (!isPrintable(cp)) {
            if (cp <= 0xff) {
                r += QStringLiteral("\\x%1").arg(uint(cp), 2, 16, QLatin1Char('0'));
            } else if (cp <= 0xffff) {
                r += QStringLiteral("\\u%1").arg(uint(cp), 4, 16, QLatin1Char('0'));
            } else {
                r += QStringLiteral("\\U%1").arg(uint(cp), 8, 16, QLatin1Char('0'));
            }
        } else {
            appendCodePoint(r, cp);
        }
    }
    r += quote;
    return r;
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

#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <cstdlib>
#include <memory>
#include <string>

namespace stdlab {
class ByteSink;
}

/** Python literals as CPython's repr() writes them, and string literals for code snippets. */
namespace stdlab::py {

/// repr(str) exactly as CPython 3 prints it: quote choice, escapes, non-printables as \x \u \U
/// (an unpaired surrogate too: '\ud800').
QString repr(const QString &s);
/// repr(str) written as UTF-8 into @p out (what repr() returns, without building it).
void writeRepr(ByteSink &out, QStringView s);
/// CPython's "%.50R" (Match's repr): repr(s) cut to its first @p maxChars characters (the
/// closing quote too, when it falls beyond them).
void writeRepr(ByteSink &out, QStringView s, qsizetype maxChars);
/**
 * repr(str) of a string that arrives in pieces (sub's result, match after match), without
 * building the string: each piece is escaped as it comes (UTF-8, about the size of the result)
 * and the quotes are chosen at the end, as unicode_repr() chooses them for the whole string.
 * Each piece is its own sequence of code points: a high surrogate ending one piece and a low
 * one starting the next stay two characters (two code points in Python).
 */
class ReprBuilder
{
public:
    void append(QStringView piece)
    {
        // Inline for the short printable ASCII pieces a sub gives millions of (" ", "x").
        constexpr qsizetype kShort = 32;
        const qsizetype n = piece.size();
        if (n > kShort || m_capacity - m_size < n) {
            appendAny(piece);
            return;
        }
        char *const p = m_body.get() + m_size;
        const char16_t *const s = piece.utf16();
        for (qsizetype i = 0; i < n; ++i) {
            const char16_t c = s[i];
            if (c < 0x20 || c >= 0x7f || c == u'\'' || c == u'"' || c == u'\\') {
                appendAny(piece); // nothing was committed
                return;
            }
            p[i] = char(c);
        }
        m_size += n;
    }
    /// Writes repr() of everything appended so far into @p out and empties the builder.
    void writeTo(ByteSink &out);

private:
    void appendAny(QStringView piece);
    void grow(qsizetype room);

    // The body escaped for single quotes (malloc'd: grown by realloc, often in place).
    std::unique_ptr<char, void (*)(void *)> m_body{nullptr, &std::free};
    qsizetype m_size = 0;
    qsizetype m_capacity = 0;
    bool m_single = false;
    bool m_double = false;
};

/// repr(None) / repr(True) / repr(int).
QString reprNone();
QString reprBool(bool b);
/// repr(float): the shortest text that reads back exactly, as CPython writes it
/// ('22499617.0', '0.0001', '1e-05', '1.5e+16', 'inf', 'nan', '-0.0').
QString reprFloat(double value);
/// A Python list literal of already-repr'd items: "['a', 'b']".
QString list(const QStringList &reprItems);
/// A Python tuple literal of already-repr'd items; one item gets its trailing comma.
QString tuple(const QStringList &reprItems);

/**
 * A string literal for generated source code: a raw literal r"..." when the text holds
 * backslashes and can be written raw (the course writes patterns this way), else repr().
 */
QString literal(const QString &s);

/// Python's universal newlines, as open(f, encoding="utf-8").read() and sys.stdin.read() give
/// text: "\r\n" and "\r" become "\n"; every other character is kept.
QString universalNewlines(QString text);
/// UTF-8 @p bytes as Python's bytes.decode("utf-8"): a leading U+FEFF kept (only "utf-8-sig"
/// strips it; QString::fromUtf8() drops it as a byte order mark). An ill-formed sequence
/// becomes U+FFFD as fromUtf8() makes it (Python would raise UnicodeDecodeError).
QString decodeUtf8(QByteArrayView bytes);
/// A text file's @p bytes as open(f, encoding="utf-8").read() gives them: decodeUtf8() and
/// universal newlines.
QString readText(QByteArrayView bytes);

/// Appends one code point (a surrogate pair above U+FFFF). QString::fromUcs4() is not used for
/// this: it drops a leading U+FEFF, taking it for a byte order mark.
void appendCodePoint(QString &s, char32_t cp);
/// The code points of @p s as a QString, every U+FEFF kept (see appendCodePoint()).
QString fromCodePoints(const char32_t *s, qsizetype n);
/// The code points of @p s as a Python str holds them: a surrogate pair is one code point and a
/// lone surrogate stays itself (QString::toUcs4() would turn it into U+FFFD).
std::u32string codePoints(QStringView s);

/// str.isprintable() for one code point (Unicode categories as CPython uses them).
bool isPrintable(char32_t cp);

} // namespace stdlab::py

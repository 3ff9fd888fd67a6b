#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

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

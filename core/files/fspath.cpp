#include "fspath.h"

#include "common/pyrepr.h"

#include <QList>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <unistd.h>

namespace stdlab::files {

namespace {

/// Length of the valid UTF-8 sequence at @p i (strict: no overlong forms, no surrogates,
/// nothing above U+10FFFF), or 0 when the byte there starts none.
int validSequence(QByteArrayView b, qsizetype i, char32_t *cp)
{
    const auto at = [&](qsizetype k) { return uchar(b[k]); };
    const uchar c = at(i);
    int len = 0;
    char32_t v = 0;
    char32_t min = 0;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > b.size()) {
        return 0;
    }
    for (int k = 1; k < len; ++k) {
        const uchar d = at(i + k);
        if ((d & 0xC0) != 0x80) {
            return 0;
        }
        v = (v << 6) | (d & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        return 0;
    }
    *cp = v;
    return len;
}

QByteArray parentOf(const QByteArray &path)
{
    const qsizetype i = path.lastIndexOf('/');
    return i <= 0 ? QByteArray("/") : path.left(i);
}

} // namespace

QString fsDecode(const QByteArray &bytes)
{
    QString out;
    out.reserve(bytes.size());
    for (qsizetype i = 0; i < bytes.size();) {
        char32_t cp = 0;
        const int len = validSequence(bytes, i, &cp);
        if (len == 0) {
            out += QChar(char16_t(0xDC00 + uchar(bytes[i])));
            ++i;
            continue;
        }
        if (cp >= 0x10000) {
            out += QChar(QChar::highSurrogate(cp));
            out += QChar(QChar::lowSurrogate(cp));
        } else {
            out += QChar(char16_t(cp));
        }
        i += len;
    }
    return out;
}

QByteArray fsEncode(const QString &path)
{
    QByteArray out;
    out.reserve(path.size());
    const qsizetype n = path.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t u = path.at(i).unicode();
        char32_t cp = u;
        if (QChar::isHighSurrogate(u) && i + 1 < n
            && QChar::isLowSurrogate(path.at(i + 1).unicode())) {
            cp = QChar::surrogateToUcs4(u, path.at(i + 1).unicode());
            ++i;
        } else if (u >= 0xDC80 && u <= 0xDCFF) {
            out += char(u - 0xDC00);
            continue;
        }
        // Other lone surrogates (fsDecode never makes them) are written as surrogatepass does.
        if (cp < 0x80) {
            out += char(cp);
        } else if (cp < 0x800) {
            out += char(0xC0 | (cp >> 6));
            out += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += char(0xE0 | (cp >> 12));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        } else {
            out += char(0xF0 | (cp >> 18));
            out += char(0x80 | ((cp >> 12) & 0x3F));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        }
    }
    return out;
}

bool hasEscapedBytes(const QString &name)
{
    for (const QChar c : name) {
        if (c.unicode() >= 0xDC80 && c.unicode() <= 0xDCFF) {
            return true;
        }
    }
    return false;
}

QString displayName(const QString &name)
{
    const qsizetype n = name.size();
    for (qsizetype i = 0; i < n; ++i) {
        char32_t cp = name.at(i).unicode();
        if (QChar::isHighSurrogate(cp) && i + 1 < n && name.at(i + 1).isLowSurrogate()) {
            cp = QChar::surrogateToUcs4(char16_t(cp), name.at(i + 1).unicode());
            ++i;
        }
        if (!py::isPrintable(cp)) {
            return py::repr(name);
        }
    }
    return name;
}

QByteArray resolvedPath(const QByteArray &path)
{
    QByteArray absolute = path;
    if (!absolute.startsWith('/')) {
        char cwd[PATH_MAX];
        absolute = QByteArray(QByteArray(::getcwd(cwd, sizeof cwd) ? cwd : "/") + '/' + path);
    }
    QByteArray current("/");
    int missing = 0; // trailing components of current that do not exist
    for (const QByteArray &name : absolute.split('/')) {
        if (name.isEmpty() || name == ".") {
            continue;
        }
        if (name == "..") {
            // The existing prefix is already real, so its lexical parent is its real parent.
            current = parentOf(current);
            missing = std::max(0, missing - 1);
            continue;
        }
        const QByteArray candidate
            = current == "/" ? QByteArray("/" + name) : QByteArray(current + '/' + name);
        char resolved[PATH_MAX];
        if (missing == 0 && ::realpath(candidate.constData(), resolved)) {
            current = QByteArray(resolved);
            continue;
        }
        current = candidate;
        ++missing;
    }
    return current;
}

bool isInsideResolved(const QByteArray &inner, const QByteArray &outer)
{
    if (outer == "/") {
        return true;
    }
    return inner == outer || inner.startsWith(QByteArray(outer + '/'));
}

} // namespace stdlab::files

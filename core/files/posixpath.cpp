#include "posixpath.h"

#include "os.h"

#include <QDir>

namespace stdlab::files::posixpath {

namespace {
const QChar sep = QLatin1Char('/');

QString rstripSep(QString s)
{
    while (s.endsWith(sep)) {
        s.chop(1);
    }
    return s;
}

bool allSeps(const QString &s)
{
    for (const QChar c : s) {
        if (c != sep) {
            return false;
        }
    }
    return true;
}
} // namespace

QString join(const QStringList &parts)
{
    if (parts.isEmpty()) {
        return QString();
    }
    QString path = parts.first();
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QString &b = parts.at(i);
        if (b.startsWith(sep)) {
            path = b;
        } else if (path.isEmpty() || path.endsWith(sep)) {
            path += b;
        } else {
            path += sep + b;
        }
    }
    return path;
}

QString join(const QString &a, const QString &b)
{
    return join(QStringList{a, b});
}

QString basename(const QString &p)
{
    return p.mid(p.lastIndexOf(sep) + 1);
}

QString dirname(const QString &p)
{
    return split(p).first;
}

std::pair<QString, QString> split(const QString &p)
{
    const qsizetype i = p.lastIndexOf(sep) + 1;
    QString head = p.left(i);
    const QString tail = p.mid(i);
    if (!head.isEmpty() && !allSeps(head)) {
        head = rstripSep(head);
    }
    return {head, tail};
}

std::pair<QString, QString> splitext(const QString &p)
{
    // Lib/genericpath.py _splitext(): leading dots of the name are not an extension.
    const qsizetype sepIndex = p.lastIndexOf(sep);
    const qsizetype dotIndex = p.lastIndexOf(QLatin1Char('.'));
    if (dotIndex > sepIndex) {
        for (qsizetype i = sepIndex + 1; i < dotIndex; ++i) {
            if (p.at(i) != QLatin1Char('.')) {
                return {p.left(dotIndex), p.mid(dotIndex)};
            }
        }
    }
    return {p, QString(QLatin1String(""))};
}

bool isabs(const QString &p)
{
    return p.startsWith(sep);
}

QString normpath(const QString &p)
{
    if (p.isEmpty()) {
        return QStringLiteral(".");
    }
    // POSIX gives two leading slashes a meaning of their own; three or more are one.
    int initialSlashes = p.startsWith(sep) ? 1 : 0;
    if (initialSlashes && p.startsWith(QLatin1String("//")) && !p.startsWith(QLatin1String("///"))) {
        initialSlashes = 2;
    }
    QStringList comps;
    for (const QString &comp : p.split(sep)) {
        if (comp.isEmpty() || comp == QLatin1String(".")) {
            continue;
        }
        if (comp != QLatin1String("..") || (!initialSlashes && comps.isEmpty())
            || (!comps.isEmpty() && comps.last() == QLatin1String(".."))) {
            comps.append(comp);
        } else if (!comps.isEmpty()) {
            comps.removeLast();
        }
    }
    QString path = QString(initialSlashes, sep) + comps.join(sep);
    return path.isEmpty() ? QStringLiteral(".") : path;
}

QString abspath(const QString &p, const QString &cwd)
{
    if (isabs(p)) {
        return normpath(p);
    }
    const QString base = cwd.isEmpty() ? QDir::currentPath() : cwd;
    return normpath(join(base, p));
}

bool exists(const QString &p, const QString &cwd)
{
    return Os(cwd).exists(p);
}

} // namespace stdlab::files::posixpath

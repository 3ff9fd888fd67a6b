#pragma once

#include <QString>
#include <QStringList>

#include <utility>

/** os.path on POSIX (Lib/posixpath.py), character for character; pure string functions. */
namespace stdlab::files::posixpath {

/// os.path.join(a, *p)
QString join(const QStringList &parts);
QString join(const QString &a, const QString &b);
/// os.path.basename / dirname / split / splitext
QString basename(const QString &p);
QString dirname(const QString &p);
std::pair<QString, QString> split(const QString &p);
std::pair<QString, QString> splitext(const QString &p);
/// os.path.isabs / normpath / abspath (against @p cwd, or the process's when empty)
bool isabs(const QString &p);
QString normpath(const QString &p);
QString abspath(const QString &p, const QString &cwd = QString());
/// os.path.exists (follows symlinks; relative paths against @p cwd when given)
bool exists(const QString &p, const QString &cwd = QString());

} // namespace stdlab::files::posixpath

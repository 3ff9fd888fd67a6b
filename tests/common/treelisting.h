#pragma once

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QStringList>

#include <sys/stat.h>

/// One line per entry under @p root, sorted: relative path, type and mode (octal), then a
/// file's size and first 16 bytes, or a link's target's last component. Two trees made by two
/// tools (StdLab and python3 in twin folders) compare equal when their listings do.
inline QStringList treeListing(const QString &root)
{
    QStringList lines;
    QDirIterator it(root, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString p = it.next();
        struct stat st;
        ::lstat(QFile::encodeName(p).constData(), &st);
        QString line = p.mid(root.size()) + QLatin1Char(' ') + QString::number(st.st_mode, 8);
        if (S_ISREG(st.st_mode)) {
            QFile f(p);
            f.open(QIODevice::ReadOnly);
            line += QLatin1Char(' ') + QString::number(st.st_size) + QLatin1Char(' ')
                + QString::fromUtf8(f.readAll().left(16));
        } else if (S_ISLNK(st.st_mode)) {
            line += QStringLiteral(" -> ") + QFile::symLinkTarget(p).section(QLatin1Char('/'), -1);
        }
        lines << line;
    }
    lines.sort();
    return lines;
}

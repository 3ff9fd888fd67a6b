#include "files/directoryhistory.h"

#include <QDir>

namespace stdlab::files {

namespace {
// Long sessions should not grow without bound; browsers keep about this many.
constexpr qsizetype kMaxEntries = 100;
} // namespace

DirectoryHistory::DirectoryHistory(QObject *parent)
    : QObject(parent)
{
}

QString DirectoryHistory::current() const
{
    return m_index >= 0 ? m_entries.at(m_index) : QString();
}

void DirectoryHistory::visit(const QString &path)
{
    const QString clean = QDir::cleanPath(path);
    if (m_index >= 0 && m_entries.at(m_index) == clean) {
        return;
    }
    m_entries.resize(m_index + 1);
    m_entries << clean;
    if (m_entries.size() > kMaxEntries) {
        m_entries.removeFirst();
    }
    m_index = m_entries.size() - 1;
    Q_EMIT changed();
}

QString DirectoryHistory::back()
{
    if (!canGoBack()) {
        return {};
    }
    --m_index;
    Q_EMIT changed();
    return current();
}

QString DirectoryHistory::forward()
{
    if (!canGoForward()) {
        return {};
    }
    ++m_index;
    Q_EMIT changed();
    return current();
}

bool DirectoryHistory::canGoUp() const
{
    return !parentOf(current()).isEmpty();
}

QString DirectoryHistory::up()
{
    const QString parent = parentOf(current());
    if (!parent.isEmpty()) {
        visit(parent);
    }
    return parent;
}

void DirectoryHistory::clear()
{
    m_entries.clear();
    m_index = -1;
    Q_EMIT changed();
}

QString DirectoryHistory::parentOf(const QString &path)
{
    if (path.isEmpty() || path == QLatin1String("/")) {
        return {};
    }
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    if (slash < 0) {
        return {};
    }
    return slash == 0 ? QStringLiteral("/") : path.left(slash);
}

} // namespace stdlab::files

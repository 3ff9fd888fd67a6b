#pragma once

#include <QObject>
#include <QStringList>

namespace stdlab::files {

/** Back / Forward / Up navigation over visited directories, as a browser keeps it. */
class DirectoryHistory : public QObject
{
    Q_OBJECT

public:
    explicit DirectoryHistory(QObject *parent = nullptr);

    QString current() const;
    /// Visits @p path: drops the forward entries; visiting the current directory does nothing.
    void visit(const QString &path);
    bool canGoBack() const { return m_index > 0; }
    bool canGoForward() const { return m_index + 1 < m_entries.size(); }
    bool canGoUp() const;
    /// Moves in the history and returns the directory to show (empty when impossible).
    QString back();
    QString forward();
    /// The parent of current(), visited as a new entry (empty at "/").
    QString up();
    QStringList entries() const { return m_entries; }
    int currentIndex() const { return int(m_index); }
    void clear();

    /// The parent directory of an absolute clean path; empty for "/".
    static QString parentOf(const QString &path);

Q_SIGNALS:
    void changed();

private:
    QStringList m_entries;
    qsizetype m_index = -1;
};

} // namespace stdlab::files

#pragma once

#include <QAbstractListModel>
#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <deque>

class QIODevice;

namespace stdlab::chat {

/** The Chat tab's conversation: sent, received and system entries, bounded, appended in batches. */
class ConversationModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum class Direction { In, Out, System };

    struct Entry
    {
        QDateTime time;
        Direction direction = Direction::System;
        QString peer;    ///< "address:port"; empty for events that concern no peer
        QByteArray data; ///< the bytes as sent or received (UTF-8 for system text)
        bool error = false;
        bool hex = false;
    };

    enum Role {
        TimeRole = Qt::UserRole + 1, ///< QDateTime
        DirectionRole,               ///< int(Direction)
        PeerRole,                    ///< QString
        TextRole,                    ///< QString: the message as shown (text, or hex when toggled)
        BytesRole,                   ///< QByteArray: the raw message
        HexRole,                     ///< bool, settable: show this message as hex
        ErrorRole,                   ///< bool: a system entry that reports an error
        TrimNoteRole,                ///< bool: the row that says how many entries were trimmed
    };

    static constexpr int DefaultLimit = 10000;

    explicit ConversationModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Appends a batch with one row insertion, then trims to limit(). The cheap path for traffic.
    void append(const QList<Entry> &entries);
    void append(const Entry &entry);
    void appendMessage(Direction direction, const QString &peer, const QByteArray &data,
                       const QDateTime &time = QDateTime::currentDateTime());
    void appendSystem(const QString &text, const QString &peer = {}, bool error = false,
                      const QDateTime &time = QDateTime::currentDateTime());
    void clear();

    /// Entries kept at most; older ones are dropped and counted in a note at the top.
    int limit() const { return m_limit; }
    void setLimit(int limit);
    /// Entries dropped so far (since the last clear()).
    qint64 trimmedCount() const { return m_trimmed; }
    /// Entries kept (excludes the trim note).
    int entryCount() const { return int(m_entries.size()); }
    const Entry &entry(int i) const { return m_entries[size_t(i)]; }
    /// The entry shown at @p row, or nullptr for the trim note.
    const Entry *entryAt(int row) const;

    /// Toggles text/hex for one row.
    void toggleHex(int row);

    /// One line per entry: ISO time, direction, peer, text (newlines escaped), UTF-8.
    bool save(QIODevice *device) const;
    static QString formatLine(const Entry &entry);

    static QString directionName(Direction direction);
    /// The message as text on one line: newlines as ↵, other control characters as pictures.
    static QString displayText(const QByteArray &data);
    /// @p data as Python's data.decode(errors="backslashreplace"): a byte that is not UTF-8 reads
    /// \xff; with @p escapeBackslashes a backslash reads \\ (lossless, for saved logs).
    static QString decodedText(const QByteArray &data, bool escapeBackslashes = false);
    static QString hexText(const QByteArray &data);

Q_SIGNALS:
    void trimmedCountChanged(qint64 count);

private:
    int offset() const { return m_noteShown ? 1 : 0; }
    void trim(qint64 alreadyDropped = 0);
    QString trimNote() const;

    std::deque<Entry> m_entries;
    qint64 m_trimmed = 0;
    bool m_noteShown = false;
    int m_limit = DefaultLimit;
};

} // namespace stdlab::chat

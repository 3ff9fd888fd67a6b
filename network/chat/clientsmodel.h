#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>

namespace stdlab::chat {

/** The server's connected clients as a table, updated in batches (joins, leaves, stats). */
class ClientsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        AddressColumn,
        NicknameColumn,
        SinceColumn,
        BytesInColumn,
        BytesOutColumn,
        MessagesColumn,
        ThreadColumn,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1, ///< quint64, the engine's client id
        SortRole,                  ///< a value that sorts numerically
    };

    struct Client
    {
        quint64 id = 0;
        QString address; ///< "address:port"
        QString nickname;
        QDateTime since;
        qint64 bytesIn = 0;
        qint64 bytesOut = 0;
        qint64 messages = 0;
        int worker = 0;  ///< its pool worker 1..workers; 0: a thread of its own
        int workers = 0; ///< the pool's size
    };

    explicit ClientsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Adds clients, or updates the ones already known (by id); one insertion per batch.
    void upsert(const QList<Client> &clients);
    /// Removes clients by id; unknown ids are ignored.
    void remove(const QList<quint64> &ids);
    void clear();

    bool contains(quint64 id) const { return m_rowOf.contains(id); }
    const Client *client(quint64 id) const;
    const Client &clientAt(int row) const { return m_clients.at(row); }
    quint64 idAt(int row) const { return m_clients.at(row).id; }
    /// The row of @p address ("address:port"), or -1.
    int rowOfAddress(const QString &address) const;

    /// Compact, for a narrow column: "19 B", "1.2 KB" (the tooltip has the full count).
    static QString formatBytes(qint64 bytes);
    /// The widest texts @p column can show (bytes up to PB, @p messages as a count, times,
    /// threads up to 99), for sizing it without measuring every row; empty for free text.
    static QStringList widestTexts(int column, qint64 messages);
    /// After a language change: headers and cells are retranslated in the views.
    void retranslate();

private:
    void reindex(int from);

    QList<Client> m_clients;
    QHash<quint64, int> m_rowOf;
};

} // namespace stdlab::chat

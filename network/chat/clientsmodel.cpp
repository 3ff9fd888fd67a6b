#include "chat/clientsmodel.h"

#include <QLocale>

#include <algorithm>
#include <iterator>

namespace stdlab::chat {

ClientsModel::ClientsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int ClientsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_clients.size());
}

int ClientsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

// Symbols, as `ls -h` and file managers show them: three digits at most ("999 KB", "1.0 MB").
const char *const s_byteFormats[] = {QT_TRANSLATE_NOOP("stdlab::chat::ClientsModel", "%1 B"),
                                     QT_TRANSLATE_NOOP("stdlab::chat::ClientsModel", "%1 KB"),
                                     QT_TRANSLATE_NOOP("stdlab::chat::ClientsModel", "%1 MB"),
                                     QT_TRANSLATE_NOOP("stdlab::chat::ClientsModel", "%1 GB"),
                                     QT_TRANSLATE_NOOP("stdlab::chat::ClientsModel", "%1 TB"),
                                     QT_TRANSLATE_NOOP("stdlab::chat::ClientsModel", "%1 PB"),
                                     QT_TRANSLATE_NOOP("stdlab::chat::ClientsModel", "%1 EB")};
constexpr int s_units = int(std::size(s_byteFormats));

} // namespace

QString ClientsModel::formatBytes(qint64 bytes)
{
    // QLocale::formattedDataSize says "19 bytes" and "1,023.9 KB": too wide for the column.
    const QLocale locale;
    if (bytes < 1000) {
        return tr(s_byteFormats[0]).arg(locale.toString(bytes));
    }
    double value = double(bytes) / 1024;
    int unit = 1;
    while (value >= 999.5 && unit + 1 < s_units) {
        value /= 1024;
        ++unit;
    }
    const QString number = value < 9.95 ? locale.toString(value, 'f', 1)
                                        : locale.toString(qRound64(value));
    return tr(s_byteFormats[unit]).arg(number);
}

QStringList ClientsModel::widestTexts(int column, qint64 messages)
{
    switch (column) {
    case BytesInColumn:
    case BytesOutColumn: {
        // Each unit's widest: three digits, or one and a decimal.
        const QLocale locale;
        QStringList texts;
        for (const char *format : s_byteFormats) {
            texts << tr(format).arg(locale.toString(999))
                  << tr(format).arg(locale.toString(9.9, 'f', 1));
        }
        return texts;
    }
    case MessagesColumn:
        return {QLocale().toString(messages)};
    case SinceColumn:
        return {QStringLiteral("00:00:00")};
    case ThreadColumn:
        return {tr("worker %1 of %2").arg(99).arg(99), tr("own thread")};
    default:
        return {};
    }
}

void ClientsModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_clients.isEmpty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

QVariant ClientsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Client &c = m_clients.at(index.row());
    if (role == IdRole) {
        return c.id;
    }
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case BytesInColumn:
        case BytesOutColumn:
        case MessagesColumn:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == SinceColumn) {
        return QLocale().toString(c.since, QLocale::LongFormat);
    }
    if (role == Qt::ToolTipRole && (index.column() == BytesInColumn
                                    || index.column() == BytesOutColumn)) {
        return tr("%n byte(s)", nullptr,
                  int(qMin<qint64>(index.column() == BytesInColumn ? c.bytesIn : c.bytesOut,
                                   INT_MAX)));
    }
    if (role != Qt::DisplayRole && role != SortRole) {
        return {};
    }
    const bool sort = role == SortRole;
    switch (index.column()) {
    case AddressColumn:
        return c.address;
    case NicknameColumn:
        return c.nickname;
    case SinceColumn:
        return sort ? QVariant(c.since) : QVariant(c.since.toString(QStringLiteral("HH:mm:ss")));
    case BytesInColumn:
        return sort ? QVariant(c.bytesIn) : QVariant(formatBytes(c.bytesIn));
    case BytesOutColumn:
        return sort ? QVariant(c.bytesOut) : QVariant(formatBytes(c.bytesOut));
    case MessagesColumn:
        return sort ? QVariant(c.messages) : QVariant(QLocale().toString(c.messages));
    case ThreadColumn:
        if (sort) {
            return c.worker;
        }
        return c.workers > 0 ? tr("worker %1 of %2").arg(c.worker).arg(c.workers)
                             : tr("own thread");
    default:
        return {};
    }
}

QVariant ClientsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case AddressColumn:
        return tr("Address");
    case NicknameColumn:
        return tr("Nickname");
    case SinceColumn:
        return tr("Since");
    case BytesInColumn:
        return tr("In");
    case BytesOutColumn:
        return tr("Out");
    case MessagesColumn:
        return tr("Messages");
    case ThreadColumn:
        return tr("Thread");
    default:
        return {};
    }
}

void ClientsModel::upsert(const QList<Client> &clients)
{
    QList<Client> added;
    int firstChanged = INT_MAX;
    int lastChanged = -1;
    for (const Client &c : clients) {
        const auto it = m_rowOf.constFind(c.id);
        if (it == m_rowOf.constEnd()) {
            added.append(c);
            continue;
        }
        m_clients[*it] = c;
        firstChanged = std::min(firstChanged, *it);
        lastChanged = std::max(lastChanged, *it);
    }
    if (lastChanged >= 0) {
        Q_EMIT dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));
    }
    if (!added.isEmpty()) {
        // Duplicates inside one batch: keep the last.
        QHash<quint64, int> seen;
        QList<Client> unique;
        for (const Client &c : added) {
            const auto it = seen.constFind(c.id);
            if (it != seen.constEnd()) {
                unique[*it] = c;
            } else {
                seen.insert(c.id, int(unique.size()));
                unique.append(c);
            }
        }
        const int first = int(m_clients.size());
        beginInsertRows({}, first, first + int(unique.size()) - 1);
        m_clients.append(unique);
        reindex(first);
        endInsertRows();
    }
}

void ClientsModel::remove(const QList<quint64> &ids)
{
    QList<int> rows;
    rows.reserve(ids.size());
    for (quint64 id : ids) {
        const auto it = m_rowOf.constFind(id);
        if (it != m_rowOf.constEnd()) {
            rows.append(*it);
        }
    }
    if (rows.isEmpty()) {
        return;
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    // Remove contiguous runs from the bottom up so earlier rows keep their numbers.
    for (qsizetype i = rows.size() - 1; i >= 0;) {
        qsizetype j = i;
        while (j > 0 && rows.at(j - 1) == rows.at(j) - 1) {
            --j;
        }
        const int first = rows.at(j);
        const int last = rows.at(i);
        beginRemoveRows({}, first, last);
        for (int r = first; r <= last; ++r) {
            m_rowOf.remove(m_clients.at(r).id);
        }
        m_clients.remove(first, last - first + 1);
        endRemoveRows();
        i = j - 1;
    }
    reindex(rows.first());
}

void ClientsModel::clear()
{
    if (m_clients.isEmpty()) {
        return;
    }
    beginResetModel();
    m_clients.clear();
    m_rowOf.clear();
    endResetModel();
}

void ClientsModel::reindex(int from)
{
    for (int r = from; r < m_clients.size(); ++r) {
        m_rowOf.insert(m_clients.at(r).id, r);
    }
}

const ClientsModel::Client *ClientsModel::client(quint64 id) const
{
    const auto it = m_rowOf.constFind(id);
    return it == m_rowOf.constEnd() ? nullptr : &m_clients.at(*it);
}

int ClientsModel::rowOfAddress(const QString &address) const
{
    for (int r = 0; r < m_clients.size(); ++r) {
        if (m_clients.at(r).address == address) {
            return r;
        }
    }
    return -1;
}

} // namespace stdlab::chat

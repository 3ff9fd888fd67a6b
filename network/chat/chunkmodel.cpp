#include "chat/chunkmodel.h"

#include "chat/conversationmodel.h"

#include <QLocale>

#include <algorithm>

namespace stdlab::chat {

namespace {
constexpr int kRefreshMs = 200;
constexpr qint64 kWaitForSendsUs = 3'000'000;
/// Connections remembered at most (a busy server's thousands of clients); the oldest go.
constexpr size_t kMaxConnections = 1024;
constexpr qsizetype kDataColumnBytes = 64;
} // namespace

ChunkModel::ChunkModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(kRefreshMs);
    connect(&m_refresh, &QTimer::timeout, this, [this] {
        refreshSends();
        if (waitingForSends()) {
            m_refresh.start();
        }
    });
}

int ChunkModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ChunkModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChunkModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal) {
        return {};
    }
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NumberColumn:
            return tr("#");
        case TimeColumn:
            return tr("Time");
        case GapColumn:
            return tr("After");
        case PeerColumn:
            return tr("From");
        case SizeColumn:
            return tr("Bytes");
        case SendsColumn:
            return tr("Sender's send() calls");
        case DataColumn:
            return tr("Data");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case GapColumn:
            return tr("Time since the previous read of this connection (or since it connected)");
        case SizeColumn:
            return tr("What this recv() returned");
        case SendsColumn:
            return tr("Which send() calls of the sender these bytes came from: known when the "
                      "sender is StdLab (a window or stdlab send on this machine)");
        default:
            return {};
        }
    }
    return {};
}

const ChunkModel::Connection *ChunkModel::connection(int serial) const
{
    const auto it = m_connections.find(serial);
    return it == m_connections.end() ? nullptr : &it->second;
}

QList<ChunkModel::Piece> ChunkModel::pieces(int row) const
{
    QList<Piece> out;
    if (row < 0 || row >= int(m_rows.size())) {
        return out;
    }
    const Row &r = m_rows[size_t(row)];
    const Connection *c = connection(r.connection);
    if (!c || r.size <= 0 || r.datagram || r.backlog) {
        return out;
    }
    const qint64 begin = r.offset;
    const qint64 end = r.offset + r.size;
    // The first record that ends after begin.
    auto it = std::upper_bound(c->records.cbegin(), c->records.cend(), begin,
                               [](qint64 v, const net::SendRecord &rec) {
                                   return v < rec.offset + rec.size;
                               });
    for (; it != c->records.cend() && it->offset < end; ++it) {
        Piece p;
        p.number = int(it - c->records.cbegin()) + 1;
        p.from = std::max(begin, it->offset) - it->offset;
        p.to = std::min(end, it->offset + it->size) - it->offset;
        p.sendSize = it->size;
        out.append(p);
    }
    return out;
}

ChunkModel::Shape ChunkModel::shape(int row) const
{
    if (row < 0 || row >= int(m_rows.size())) {
        return Shape::Unknown;
    }
    const Row &r = m_rows[size_t(row)];
    if (r.datagram) {
        return Shape::Datagram;
    }
    if (r.backlog) {
        return Shape::Backlog;
    }
    if (r.size == 0) {
        return Shape::End;
    }
    if (r.size < 0) {
        return Shape::Reset;
    }
    const QList<Piece> p = pieces(row);
    const Connection *c = connection(r.connection);
    // Known only once the records reach the read's end.
    if (p.isEmpty() || !c || c->recordsEnd < r.offset + r.size) {
        return Shape::Unknown;
    }
    if (p.size() > 1) {
        return Shape::Glued;
    }
    return p.constFirst().whole() ? Shape::Whole : Shape::Part;
}

QString ChunkModel::sendsText(int row) const
{
    const QLocale locale;
    switch (shape(row)) {
    case Shape::Unknown:
        return {};
    case Shape::End:
        return tr("FIN: recv() returned b''");
    case Shape::Reset:
        return tr("RST: ConnectionResetError");
    case Shape::Datagram:
        return tr("one sendto(), one datagram");
    case Shape::Backlog: {
        const Row &r = m_rows[size_t(row)];
        if (r.size == 0) {
            return tr("backlog drained: all the server queued for this client is in its socket");
        }
        return tr("backlog: %1 B queued for this client, not yet written to its socket (%2)")
            .arg(locale.toString(r.size),
                 (r.change > 0 ? QStringLiteral("+") : QString()) + locale.toString(r.change));
    }
    case Shape::Whole:
        return tr("send #%1, whole").arg(pieces(row).constFirst().number);
    case Shape::Part: {
        const Piece p = pieces(row).constFirst();
        return tr("part of send #%1: [%2:%3] of %4 B")
            .arg(p.number)
            .arg(p.from)
            .arg(p.to)
            .arg(locale.toString(p.sendSize));
    }
    case Shape::Glued: {
        const QList<Piece> ps = pieces(row);
        QStringList parts;
        for (const Piece &p : ps) {
            parts << (p.whole() ? QStringLiteral("#%1").arg(p.number)
                                : QStringLiteral("#%1[%2:%3]").arg(p.number).arg(p.from).arg(p.to));
        }
        return tr("%n sends glued: %1", nullptr, int(ps.size()))
            .arg(parts.join(QStringLiteral(" + ")));
    }
    }
    return {};
}

QString ChunkModel::gapText(qint64 us) const
{
    if (us < 1000) {
        return tr("+%1 µs").arg(us);
    }
    return tr("+%1 ms").arg(QLocale().toString(us / 1000.0, 'f', 1));
}

QVariant ChunkModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &r = m_rows[size_t(index.row())];
    switch (role) {
    case SizeRole:
        return r.size;
    case OffsetRole:
        return r.offset;
    case GapRole:
        return r.gapUs;
    case ShapeRole:
        return int(shape(index.row()));
    case BytesRole:
        return r.preview;
    case ConnectionRole:
        return r.connection;
    case Qt::TextAlignmentRole:
        if (index.column() == NumberColumn || index.column() == SizeColumn
            || index.column() == GapColumn) {
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == SendsColumn && shape(index.row()) == Shape::Unknown) {
            return tr("The sender's send() calls are not known: TCP does not carry them. "
                      "StdLab shows them when the sender is StdLab too (another window, or "
                      "stdlab send) on this machine.");
        }
        if (index.column() == DataColumn && !r.backlog) {
            return ConversationModel::hexText(r.preview.left(512));
        }
        if (r.backlog) {
            return QString(sendsText(index.row()) + QStringLiteral("\n\n")
                + tr("The server's output for this client that its socket has not taken yet: "
                      "the client reads slower than the server writes, the kernel's buffers are "
                      "full, and the rest waits in the server (at most 4 MiB per client before "
                      "it stops reading from it)."));
        }
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    const QLocale locale;
    switch (index.column()) {
    case NumberColumn:
        return m_trimmed + index.row() + 1;
    case TimeColumn:
        return r.time.toString(QStringLiteral("HH:mm:ss.zzz"));
    case GapColumn:
        return r.backlog ? QString() : gapText(r.gapUs);
    case PeerColumn:
        return r.peer;
    case SizeColumn: // (a backlog's size is in its text: it was not read)
        return r.size < 0 ? QStringLiteral("-") : r.backlog ? QString() : locale.toString(r.size);
    case SendsColumn: {
        const QString text = sendsText(index.row());
        return text.isEmpty() ? QStringLiteral("—") : text;
    }
    case DataColumn:
        if (r.backlog) {
            return QString();
        }
        return QString(ConversationModel::displayText(r.preview.left(kDataColumnBytes))
                       + (r.size > kDataColumnBytes ? QStringLiteral("…") : QString()));
    default:
        return {};
    }
}

ChunkModel::Connection *ChunkModel::connectionFor(const net::NetEvent &e)
{
    const auto it = m_current.constFind(e.client);
    if (it != m_current.cend()) {
        const auto c = m_connections.find(*it);
        if (c != m_connections.end()) {
            return &c->second;
        }
    }
    // Reads of a connection whose start this model did not see (cleared meanwhile).
    Connection c;
    c.serial = m_nextSerial++;
    c.peer = e.peer;
    m_current.insert(e.client, c.serial);
    return &m_connections.emplace(c.serial, std::move(c)).first->second;
}

void ChunkModel::addEvents(const net::NetEvents &events)
{
    std::vector<Row> added;
    for (const net::NetEvent &e : events) {
        switch (e.kind) {
        case net::NetEvent::Connected: {
            Connection c;
            c.serial = m_nextSerial++;
            c.peer = e.peer;
            c.local = e.local;
            c.connectedUs = e.timeUs;
            if (!e.local.isEmpty()) {
                c.reader.setConnection(e.local, e.peer);
            }
            m_current.insert(e.client, c.serial);
            m_connections.emplace(c.serial, std::move(c));
            break;
        }
        case net::NetEvent::Read: {
            Connection *c = connectionFor(e);
            Row r;
            r.connection = c->serial;
            r.peer = e.peer;
            r.time = e.time;
            r.offset = e.offset;
            r.size = e.size;
            r.preview = e.data;
            const qint64 since = c->lastReadUs ? c->lastReadUs : c->connectedUs;
            r.gapUs = since > 0 && e.timeUs >= since ? e.timeUs - since : 0;
            c->lastReadUs = e.timeUs;
            if (c->firstReadUs == 0) {
                c->firstReadUs = e.timeUs;
            }
            c->received = e.offset + std::max<qint64>(e.size, 0);
            added.push_back(std::move(r));
            break;
        }
        case net::NetEvent::Datagram: {
            Row r;
            r.peer = e.peer;
            r.time = e.time;
            r.size = e.data.size();
            r.preview = e.data.left(net::NetEvent::kReadPreviewBytes);
            r.datagram = true;
            added.push_back(std::move(r));
            break;
        }
        case net::NetEvent::Disconnected:
            m_current.remove(e.client);
            break;
        default:
            break;
        }
    }
    while (m_connections.size() > kMaxConnections) {
        const int oldest = m_connections.begin()->first;
        m_connections.erase(m_connections.begin());
        for (auto it = m_current.begin(); it != m_current.end();) {
            it = *it == oldest ? m_current.erase(it) : std::next(it);
        }
    }
    appendRows(std::move(added));
    refreshSends();
    if (waitingForSends()) {
        if (m_firstWaitUs == 0) {
            m_firstWaitUs = net::epochMicros();
        }
        if (!m_refresh.isActive()) {
            m_refresh.start();
        }
    }
}

void ChunkModel::appendRows(std::vector<Row> &&added)
{
    if (added.empty()) {
        return;
    }
    // A batch larger than the limit: only its tail would survive.
    const size_t skip = added.size() > size_t(m_limit) ? added.size() - size_t(m_limit) : 0;
    m_trimmed += qint64(skip);
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(added.size() - skip) - 1);
    for (size_t i = skip; i < added.size(); ++i) {
        m_rows.push_back(std::move(added[i]));
    }
    endInsertRows();
    trim();
}

void ChunkModel::addClientStats(const QList<net::ClientStats> &changed)
{
    std::vector<Row> added;
    for (const net::ClientStats &s : changed) {
        const auto it = m_current.constFind(s.id);
        if (it == m_current.cend()) {
            continue; // a client this model did not see connect (reads were off)
        }
        const auto c = m_connections.find(*it);
        if (c == m_connections.end() || c->second.backlog == s.pendingOut) {
            continue;
        }
        Row r;
        r.connection = c->second.serial;
        r.peer = s.peer;
        r.time = QDateTime::currentDateTime();
        r.size = s.pendingOut;
        r.change = s.pendingOut - c->second.backlog;
        r.backlog = true;
        c->second.backlog = s.pendingOut;
        added.push_back(std::move(r));
    }
    appendRows(std::move(added));
}

void ChunkModel::trim()
{
    const qint64 excess = qint64(m_rows.size()) - m_limit;
    if (excess <= 0) {
        return;
    }
    beginRemoveRows({}, 0, int(excess) - 1);
    m_rows.erase(m_rows.begin(), m_rows.begin() + excess);
    m_trimmed += excess;
    endRemoveRows();
}

void ChunkModel::setLimit(int limit)
{
    m_limit = std::max(1, limit);
    trim();
}

void ChunkModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_trimmed = 0;
    // Live connections stay known (their next reads continue their numbering and sends).
    for (auto it = m_connections.begin(); it != m_connections.end();) {
        const bool live = std::find(m_current.cbegin(), m_current.cend(), it->first)
            != m_current.cend();
        it = live ? std::next(it) : m_connections.erase(it);
    }
    endResetModel();
}

bool ChunkModel::waitingForSends() const
{
    if (m_firstWaitUs != 0 && net::epochMicros() - m_firstWaitUs > kWaitForSendsUs) {
        return false;
    }
    for (const auto &[serial, c] : m_connections) {
        if (!c.local.isEmpty() && c.recordsEnd < c.received) {
            return true;
        }
    }
    return false;
}

void ChunkModel::refreshSends()
{
    bool changed = false;
    for (auto &[serial, c] : m_connections) {
        if (c.local.isEmpty() || c.records.size() >= net::SendLog::kMaxRecords) {
            continue;
        }
        if (c.recordsEnd >= c.received && c.records.size() > 0) {
            continue; // every read is covered: nothing to wait for
        }
        if (c.received == 0) {
            continue; // nothing read yet: no send to find
        }
        // Counted from the first read, not the connect: a person types the first line after
        // more than 3 s, and the sender's log was then never looked for.
        if (!c.reader.found() && c.firstReadUs > 0
            && net::epochMicros() - c.firstReadUs > kWaitForSendsUs) {
            continue; // not StdLab: a busy server's clients are not looked for at every batch
        }
        const QList<net::SendRecord> more = c.reader.readNew();
        if (more.isEmpty()) {
            continue;
        }
        c.records.append(more);
        c.recordsEnd = c.records.constLast().offset + c.records.constLast().size;
        changed = true;
    }
    if (!waitingForSends()) {
        m_firstWaitUs = 0;
    }
    if (changed && !m_rows.empty()) {
        Q_EMIT dataChanged(index(0, SendsColumn), index(int(m_rows.size()) - 1, SendsColumn),
                           {Qt::DisplayRole, Qt::ToolTipRole, ShapeRole});
    }
}

int ChunkModel::connectionsWithSends() const
{
    return int(std::count_if(m_connections.cbegin(), m_connections.cend(),
                             [](const auto &kv) { return kv.second.reader.found(); }));
}

} // namespace stdlab::chat

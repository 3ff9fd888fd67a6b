#include "chat/conversationmodel.h"

#include "files/fspath.h"

#include <QIODevice>
#include <QLocale>

namespace stdlab::chat {

ConversationModel::ConversationModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int ConversationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size()) + offset();
}

const ConversationModel::Entry *ConversationModel::entryAt(int row) const
{
    const int i = row - offset();
    if (i < 0 || i >= int(m_entries.size())) {
        return nullptr;
    }
    return &m_entries[size_t(i)];
}

QString ConversationModel::trimNote() const
{
    return tr("%n older entries were trimmed (the log keeps the last %1).", nullptr,
              int(qMin<qint64>(m_trimmed, INT_MAX)))
        .arg(QLocale().toString(m_limit));
}

QVariant ConversationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Entry *e = entryAt(index.row());
    if (!e) { // the trim note
        switch (role) {
        case Qt::DisplayRole:
        case Qt::ToolTipRole:
        case TextRole:
            return trimNote();
        case DirectionRole:
            return int(Direction::System);
        case TrimNoteRole:
            return true;
        case HexRole:
        case ErrorRole:
            return false;
        default:
            return {};
        }
    }
    switch (role) {
    case Qt::DisplayRole:
        return formatLine(*e);
    case TextRole:
        return e->hex ? hexText(e->data) : displayText(e->data);
    case Qt::ToolTipRole: {
        // Full text with its line breaks; long messages cut so a tooltip stays a tooltip.
        QString text = e->hex ? hexText(e->data.left(4096)) : decodedText(e->data.left(4096));
        if (e->data.size() > 4096) {
            text += QStringLiteral("…");
        }
        if (e->direction == Direction::System) {
            return text;
        }
        return QString(tr("%1 %2, %n byte(s)", nullptr, int(e->data.size()))
                           .arg(e->direction == Direction::In ? tr("Received from")
                                                              : tr("Sent to"),
                                e->peer)
                       + QLatin1Char('\n') + text);
    }
    case TimeRole:
        return e->time;
    case DirectionRole:
        return int(e->direction);
    case PeerRole:
        return e->peer;
    case BytesRole:
        return e->data;
    case HexRole:
        return e->hex;
    case ErrorRole:
        return e->error;
    case TrimNoteRole:
        return false;
    default:
        return {};
    }
}

bool ConversationModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != HexRole
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return false;
    }
    const int i = index.row() - offset();
    if (i < 0) {
        return false;
    }
    Entry &e = m_entries[size_t(i)];
    if (e.hex == value.toBool()) {
        return true;
    }
    e.hex = value.toBool();
    Q_EMIT dataChanged(index, index, {HexRole, TextRole, Qt::DisplayRole, Qt::ToolTipRole});
    return true;
}

void ConversationModel::toggleHex(int row)
{
    const QModelIndex idx = index(row);
    setData(idx, !idx.data(HexRole).toBool(), HexRole);
}

Qt::ItemFlags ConversationModel::flags(const QModelIndex &index) const
{
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> ConversationModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(TimeRole, "time");
    names.insert(DirectionRole, "direction");
    names.insert(PeerRole, "peer");
    names.insert(TextRole, "text");
    names.insert(BytesRole, "bytes");
    names.insert(HexRole, "hex");
    names.insert(ErrorRole, "error");
    names.insert(TrimNoteRole, "trimNote");
    return names;
}

void ConversationModel::append(const QList<Entry> &entries)
{
    if (entries.isEmpty()) {
        return;
    }
    // A batch larger than the limit: only its tail would survive, so don't insert the rest.
    const qsizetype skip = qMax<qsizetype>(0, entries.size() - m_limit);
    const int first = rowCount();
    beginInsertRows({}, first, first + int(entries.size() - skip) - 1);
    for (qsizetype i = skip; i < entries.size(); ++i) {
        m_entries.push_back(entries.at(i));
    }
    endInsertRows();
    trim(skip);
}

void ConversationModel::append(const Entry &entry)
{
    append(QList<Entry>{entry});
}

void ConversationModel::appendMessage(Direction direction, const QString &peer,
                                      const QByteArray &data, const QDateTime &time)
{
    Entry e;
    e.time = time;
    e.direction = direction;
    e.peer = peer;
    e.data = data;
    append(e);
}

void ConversationModel::appendSystem(const QString &text, const QString &peer, bool error,
                                     const QDateTime &time)
{
    Entry e;
    e.time = time;
    e.direction = Direction::System;
    e.peer = peer;
    e.data = text.toUtf8();
    e.error = error;
    append(e);
}

void ConversationModel::trim(qint64 alreadyDropped)
{
    const qint64 excess = qMax<qint64>(0, qint64(m_entries.size()) - m_limit);
    if (excess > 0) {
        beginRemoveRows({}, offset(), offset() + int(excess) - 1);
        m_entries.erase(m_entries.begin(), m_entries.begin() + excess);
        endRemoveRows();
    }
    const qint64 dropped = excess + alreadyDropped;
    if (dropped == 0) {
        return;
    }
    m_trimmed += dropped;
    if (!m_noteShown) {
        beginInsertRows({}, 0, 0);
        m_noteShown = true;
        endInsertRows();
    } else {
        const QModelIndex note = index(0);
        Q_EMIT dataChanged(note, note, {Qt::DisplayRole, Qt::ToolTipRole, TextRole});
    }
    Q_EMIT trimmedCountChanged(m_trimmed);
}

void ConversationModel::setLimit(int limit)
{
    m_limit = qMax(1, limit);
    trim();
}

void ConversationModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_trimmed = 0;
    m_noteShown = false;
    endResetModel();
    Q_EMIT trimmedCountChanged(0);
}

QString ConversationModel::directionName(Direction direction)
{
    switch (direction) {
    case Direction::In:
        return QStringLiteral("in");
    case Direction::Out:
        return QStringLiteral("out");
    case Direction::System:
        break;
    }
    return QStringLiteral("system");
}

QString ConversationModel::decodedText(const QByteArray &data, bool escapeBackslashes)
{
    // os.fsdecode's surrogateescape marks exactly the bytes Python's decoder finds invalid
    // (U+DC80..U+DCFF); backslashreplace writes each as \xNN. QString::fromUtf8 showed U+FFFD,
    // which lost which byte came.
    const QString decoded = files::fsDecode(data);
    QString text;
    text.reserve(decoded.size());
    for (const QChar c : decoded) {
        const char16_t u = c.unicode();
        if (u >= 0xDC80 && u <= 0xDCFF) {
            text += QStringLiteral("\\x")
                + QString::number(u - 0xDC00, 16).rightJustified(2, QLatin1Char('0'));
        } else if (escapeBackslashes && u == u'\\') {
            text += QStringLiteral("\\\\");
        } else {
            text += c;
        }
    }
    return text;
}

QString ConversationModel::displayText(const QByteArray &data)
{
    QString text = decodedText(data);
    // Trailing line ends are framing, not content.
    while (text.endsWith(QLatin1Char('\n')) || text.endsWith(QLatin1Char('\r'))) {
        text.chop(1);
    }
    for (QChar &c : text) {
        const char16_t u = c.unicode();
        if (u == u'\n') {
            c = QChar(0x21B5); // ↵
        } else if (u == u'\t') {
            c = QLatin1Char(' ');
        } else if (u < 0x20) {
            c = QChar(0x2400 + u); // control pictures: ␀ ␍ …
        } else if (u == 0x7f) {
            c = QChar(0x2421);
        }
    }
    return text;
}

QString ConversationModel::hexText(const QByteArray &data)
{
    return QString::fromLatin1(data.toHex(' '));
}

QString ConversationModel::formatLine(const Entry &entry)
{
    // Backslashes doubled, so that \xff (a byte that is not UTF-8) reads back unambiguously.
    QString text = decodedText(entry.data, true);
    text.replace(QLatin1Char('\r'), QLatin1String("\\r"));
    text.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    text.replace(QLatin1Char('\t'), QLatin1String("\\t"));
    return entry.time.toString(Qt::ISODateWithMs) + QLatin1Char('\t')
        + directionName(entry.direction) + QLatin1Char('\t')
        + (entry.peer.isEmpty() ? QStringLiteral("-") : entry.peer) + QLatin1Char('\t') + text;
}

bool ConversationModel::save(QIODevice *device) const
{
    if (m_trimmed > 0) {
        const QByteArray note = "# " + trimNote().toUtf8() + '\n';
        if (device->write(note) != note.size()) {
            return false;
        }
    }
    QByteArray chunk;
    for (const Entry &e : m_entries) {
        chunk += formatLine(e).toUtf8();
        chunk += '\n';
        if (chunk.size() > 64 * 1024) {
            if (device->write(chunk) != chunk.size()) {
                return false;
            }
            chunk.clear();
        }
    }
    return device->write(chunk) == chunk.size();
}

} // namespace stdlab::chat

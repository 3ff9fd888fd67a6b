#include "chat/sequencemodel.h"

#include <QLocale>

namespace stdlab::chat {

namespace {

using Step = SequenceModel::Step;
using Lane = SequenceModel::Lane;

/// "127.0.0.1:1234" → "('127.0.0.1', 1234)", "[::1]:80" → "('::1', 80)", as Python prints it.
QString pythonAddress(const QString &peer)
{
    const qsizetype colon = peer.lastIndexOf(QLatin1Char(':'));
    if (colon < 0) {
        return QStringLiteral("('%1')").arg(peer);
    }
    QString host = peer.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']'))) {
        host = host.mid(1, host.size() - 2);
    }
    return QStringLiteral("('%1', %2)").arg(host, peer.mid(colon + 1));
}

QString bytesText(qint64 n)
{
    return QLocale().toString(n) + QStringLiteral(" B");
}

Step call(Lane lane, const QString &text, const QDateTime &time, bool inferred = false)
{
    Step s;
    s.kind = Step::Call;
    s.lane = lane;
    s.text = text;
    s.time = time;
    s.inferred = inferred;
    return s;
}

Step arrow(Lane from, const QString &text, const QDateTime &time, qint64 bytes = -1,
           const QByteArray &data = {})
{
    Step s;
    s.kind = Step::Arrow;
    s.lane = from;
    s.text = text;
    s.time = time;
    s.bytes = bytes;
    s.data = data.left(net::NetEvent::kReadPreviewBytes);
    return s;
}

Lane other(Lane lane)
{
    return lane == Lane::Client ? Lane::Server : Lane::Client;
}

constexpr int kRefreshMs = 200;
/// How long after a read the other end's send log is looked for (it appends every ~50 ms).
constexpr qint64 kWaitForSendsUs = 3'000'000;

} // namespace

SequenceModel::SequenceModel(QObject *parent) : QObject(parent)
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

SequenceModel::Connection *SequenceModel::find(const QString &key)
{
    const auto it = m_current.find(key);
    if (it == m_current.end()) {
        return nullptr;
    }
    const auto c = m_connections.find(it->second);
    return c == m_connections.end() ? nullptr : &c->second;
}

SequenceModel::Connection &SequenceModel::open(const QString &key, const QString &peer, bool udp,
                                               bool *created)
{
    if (Connection *c = find(key)) {
        *created = false;
        return *c;
    }
    *created = true;
    Connection c;
    c.serial = m_nextSerial++;
    c.peer = peer;
    c.udp = udp;
    m_current[key] = c.serial;
    Connection &stored = m_connections.emplace(c.serial, std::move(c)).first->second;
    while (m_connections.size() > kMaxConnections) {
        const int oldest = m_connections.begin()->first;
        m_connections.erase(m_connections.begin());
        std::erase_if(m_current, [oldest](const auto &kv) { return kv.second == oldest; });
    }
    return stored;
}

void SequenceModel::append(Connection &c, Step step)
{
    c.steps.push_back(std::move(step));
    if (c.steps.size() > size_t(kMaxSteps)) {
        c.steps.pop_front();
        ++c.trimmed;
    }
}

void SequenceModel::addEvents(const net::NetEvents &events, bool server, bool udp)
{
    using net::NetEvent;
    const Lane me = server ? Lane::Server : Lane::Client;
    const Lane them = other(me);
    std::vector<int> touched;
    bool connectionsChangedNow = false;
    auto touch = [&](const Connection &c) {
        if (std::find(touched.begin(), touched.end(), c.serial) == touched.end()) {
            touched.push_back(c.serial);
        }
    };
    auto keyOf = [&](const NetEvent &e) -> QString {
        QString key = udp ? QStringLiteral("udp:") : QStringLiteral("tcp:");
        key.append(udp ? e.peer : QString::number(e.client));
        return key;
    };
    for (const NetEvent &e : events) {
        switch (e.kind) {
        case NetEvent::Listening:
            m_listen = {call(Lane::Server,
                             udp ? QStringLiteral("socket(AF_INET, SOCK_DGRAM)")
                                 : QStringLiteral("socket(AF_INET, SOCK_STREAM)"),
                             e.time),
                        call(Lane::Server, QStringLiteral("bind(%1)").arg(pythonAddress(e.peer)),
                             e.time)};
            if (!udp) {
                m_listen << call(Lane::Server, QStringLiteral("listen()"), e.time);
            }
            break;
        case NetEvent::Connected: {
            if (udp) {
                break;
            }
            bool created = false;
            Connection &c = open(keyOf(e), e.peer, false, &created);
            connectionsChangedNow = connectionsChangedNow || created;
            c.me = me;
            c.local = e.local;
            if (!e.local.isEmpty()) {
                c.reader.setConnection(e.local, e.peer);
            }
            if (server) {
                append(c, call(Lane::Client,
                               QStringLiteral("connect(%1)").arg(pythonAddress(e.local)), e.time,
                               true));
            } else {
                append(c, call(Lane::Client, QStringLiteral("socket(AF_INET, SOCK_STREAM)"),
                               e.time));
                append(c, call(Lane::Client,
                               QStringLiteral("connect(%1)").arg(pythonAddress(e.peer)), e.time));
            }
            append(c, arrow(Lane::Client, QStringLiteral("SYN · SYN-ACK · ACK"), e.time));
            if (server) {
                append(c, call(Lane::Server,
                               QStringLiteral("accept() → %1").arg(pythonAddress(e.peer)),
                               e.time));
            } else {
                append(c, call(Lane::Server, QStringLiteral("accept()"), e.time, true));
            }
            touch(c);
            break;
        }
        case NetEvent::Sent: {
            bool created = false;
            Connection &c = open(keyOf(e), e.peer, udp, &created);
            connectionsChangedNow = connectionsChangedNow || created;
            const qint64 n = e.data.size();
            Step s = call(me,
                          udp ? QStringLiteral("sendto(%1, %2)").arg(bytesText(n),
                                                                     pythonAddress(e.peer))
                              : QStringLiteral("sendall(%1)").arg(bytesText(n)),
                          e.time);
            s.bytes = n;
            s.data = e.data.left(NetEvent::kReadPreviewBytes);
            append(c, s);
            append(c, arrow(me, bytesText(n), e.time, n, e.data));
            touch(c);
            break;
        }
        case NetEvent::Datagram: {
            bool created = false;
            Connection &c = open(keyOf(e), e.peer, true, &created);
            connectionsChangedNow = connectionsChangedNow || created;
            const qint64 n = e.data.size();
            append(c, arrow(them, bytesText(n), e.time, n, e.data));
            Step s = call(me, QStringLiteral("recvfrom() → %1, %2").arg(bytesText(n),
                                                                         pythonAddress(e.peer)),
                          e.time);
            s.bytes = n;
            s.data = e.data.left(NetEvent::kReadPreviewBytes);
            append(c, s);
            touch(c);
            break;
        }
        case NetEvent::Read: {
            Connection *c = find(keyOf(e));
            if (!c) {
                break;
            }
            c->received = e.offset + std::max<qint64>(e.size, 0);
            c->lastReadUs = e.timeUs;
            if (e.size > 0) {
                Step bytes = arrow(them, bytesText(e.size), e.time, e.size, e.data);
                bytes.offset = e.offset;
                append(*c, bytes);
                Step s = call(me, QStringLiteral("recv() → %1").arg(bytesText(e.size)), e.time);
                s.bytes = e.size;
                s.data = e.data;
                append(*c, s);
            } else if (e.size == 0) {
                append(*c, call(them, QStringLiteral("close() or shutdown(SHUT_WR)"), e.time,
                                true));
                append(*c, arrow(them, QStringLiteral("FIN"), e.time));
                append(*c, call(me, QStringLiteral("recv() → b''"), e.time));
            } else {
                append(*c, arrow(them, QStringLiteral("RST"), e.time));
                append(*c, call(me, QStringLiteral("ConnectionResetError"), e.time));
                c->ended = true; // nothing goes back on a reset connection
            }
            touch(*c);
            break;
        }
        case NetEvent::Disconnected: {
            const QString key = keyOf(e);
            Connection *c = find(key);
            if (!c) {
                break;
            }
            if (!c->ended) {
                using R = net::DisconnectReason;
                // Closed with unread input or on purpose at once: the kernel sends a RST.
                const bool abort = e.disconnectReason == R::LineTooLong
                    || e.disconnectReason == R::NotReading
                    || e.disconnectReason == R::MemoryBudget;
                const bool failed = e.disconnectReason == R::SocketError;
                append(*c, call(me, QStringLiteral("close()"), e.time));
                if (!failed) {
                    append(*c, arrow(me, abort ? QStringLiteral("RST") : QStringLiteral("FIN"),
                                     e.time));
                }
            }
            c->ended = true;
            touch(*c);
            m_current.erase(key);
            break;
        }
        default:
            break;
        }
    }
    if (connectionsChangedNow) {
        Q_EMIT connectionsChanged();
    }
    for (int serial : touched) {
        Q_EMIT stepsAdded(serial);
    }
    refreshSends();
    if (waitingForSends() && !m_refresh.isActive()) {
        m_refresh.start();
    }
}

bool SequenceModel::waitingForSends() const
{
    const qint64 now = net::epochMicros();
    for (const auto &[serial, c] : m_connections) {
        const qint64 end = c.sends.empty() ? 0 : c.sends.back().offset + c.sends.back().size;
        if (!c.local.isEmpty() && end < c.received && now - c.lastReadUs < kWaitForSendsUs) {
            return true;
        }
    }
    return false;
}

void SequenceModel::refreshSends()
{
    for (auto &[serial, c] : m_connections) {
        if (c.local.isEmpty() || c.udp) {
            continue;
        }
        const qint64 end = c.sends.empty() ? 0 : c.sends.back().offset + c.sends.back().size;
        if (end >= c.received) {
            continue; // every read is covered (or none yet): nothing to read for now
        }
        const QList<net::SendRecord> more = c.reader.readNew();
        if (more.isEmpty()) {
            continue;
        }
        for (const net::SendRecord &r : more) {
            c.sends.push_back(r);
        }
        while (c.sends.size() > size_t(kMaxSteps)) {
            c.sends.pop_front();
            ++c.sendsTrimmed;
        }
        Q_EMIT stepsAdded(serial);
    }
}

void SequenceModel::clear()
{
    m_connections.clear();
    m_current.clear();
    Q_EMIT connectionsChanged();
}

QList<int> SequenceModel::connections() const
{
    QList<int> out;
    for (const auto &[serial, c] : m_connections) {
        out << serial;
    }
    return out;
}

const SequenceModel::Connection *SequenceModel::connection(int serial) const
{
    const auto it = m_connections.find(serial);
    return it == m_connections.end() ? nullptr : &it->second;
}

QList<SequenceModel::Step> SequenceModel::steps(int serial) const
{
    const Connection *c = connection(serial);
    if (!c) {
        return {};
    }
    QList<Step> out = m_listen;
    if (c->udp && m_listen.isEmpty()) {
        // A UDP client: its socket is made for the first datagram.
        out << call(Lane::Client, QStringLiteral("socket(AF_INET, SOCK_DGRAM)"),
                    c->steps.empty() ? QDateTime() : c->steps.front().time);
    }
    out.reserve(out.size() + qsizetype(c->steps.size()));
    // The other end's sends (its send log) go before the first read that holds their bytes,
    // each with its arrow, in place of the reads' arrows: the boundaries TCP does not carry.
    const Lane them = other(c->me);
    const qint64 sendsEnd = c->sends.empty() ? 0 : c->sends.back().offset + c->sends.back().size;
    auto next = c->sends.cbegin();
    for (const Step &s : c->steps) {
        const bool received = s.kind == Step::Arrow && s.lane == them && s.offset >= 0;
        if (!received || c->sends.empty() || s.offset < c->sends.front().offset
            || s.offset + s.bytes > sendsEnd) {
            out << s;
            continue;
        }
        for (; next != c->sends.cend() && next->offset < s.offset + s.bytes; ++next) {
            if (next->offset + next->size <= s.offset) {
                continue; // read before the steps kept
            }
            const int number = int(c->sendsTrimmed + (next - c->sends.cbegin()) + 1);
            Step send = call(them, QStringLiteral("sendall(%1)").arg(bytesText(next->size)),
                             s.time);
            send.bytes = next->size;
            send.send = number;
            out << send;
            Step bytes = arrow(them, bytesText(next->size), s.time, next->size);
            bytes.send = number;
            out << bytes;
        }
    }
    return out;
}

QStringList SequenceModel::outline(int serial) const
{
    QStringList out;
    for (const Step &s : steps(serial)) {
        const QString lane = s.lane == Lane::Client ? QStringLiteral("C") : QStringLiteral("S");
        if (s.kind == Step::Call) {
            out << lane + (s.inferred ? QStringLiteral("?: ") : QStringLiteral(": ")) + s.text;
        } else {
            out << (s.lane == Lane::Client ? QStringLiteral("C→S: ") : QStringLiteral("S→C: "))
                    + s.text;
        }
    }
    return out;
}

} // namespace stdlab::chat

#include "learn/chattracer.h"

#include "chat/chatsession.h"

using stdlab::learn::ChatRecord;

ChatTracer::ChatTracer(stdlab::chat::ChatSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    connect(session, &stdlab::chat::ChatSession::eventsReady, this,
            [this](const stdlab::net::NetEvents &events) {
                using stdlab::net::NetEvent;
                const bool server = m_session->role() == stdlab::chat::Role::Server;
                const auto protocol = server ? m_session->serverConfig().protocol
                                             : m_session->clientConfig().protocol;
                ChatRecord base;
                base.server = server;
                base.protocol = protocol == stdlab::chat::Protocol::Tcp ? QStringLiteral("tcp")
                                                                        : QStringLiteral("udp");
                if (server && protocol == stdlab::chat::Protocol::Tcp) {
                    base.mode = stdlab::serverModeName(m_session->serverConfig().mode);
                }
                for (const NetEvent &e : events) {
                    ChatRecord r = base;
                    switch (e.kind) {
                    case NetEvent::Listening:
                        r.kind = ChatRecord::Kind::Listening;
                        break;
                    case NetEvent::Connected:
                        r.kind = ChatRecord::Kind::Connected;
                        break;
                    case NetEvent::Message:
                    case NetEvent::Datagram:
                        r.kind = ChatRecord::Kind::Received;
                        break;
                    case NetEvent::Sent:
                        r.kind = ChatRecord::Kind::Sent;
                        break;
                    case NetEvent::Disconnected:
                        r.kind = ChatRecord::Kind::Disconnected;
                        break;
                    default:
                        continue;
                    }
                    // A TCP line ends with its newline (nc sends "\r\n" on some systems).
                    QByteArray data = e.data;
                    while (data.endsWith('\n') || data.endsWith('\r')) {
                        data.chop(1);
                    }
                    r.text = QString::fromUtf8(data);
                    m_trace << r;
                }
                Q_EMIT recorded();
            });
}

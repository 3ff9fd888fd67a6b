#pragma once

#include "learn/exercisecheck.h"

#include <QObject>

namespace stdlab::chat {
class ChatSession;
}

/** Records what a Chat session does (listening, clients, messages) for the chat exercises. */
class ChatTracer : public QObject
{
    Q_OBJECT

public:
    explicit ChatTracer(stdlab::chat::ChatSession *session, QObject *parent = nullptr);

    const stdlab::learn::ChatTrace &trace() const { return m_trace; }
    void clear() { m_trace.clear(); }

Q_SIGNALS:
    void recorded();

private:
    stdlab::chat::ChatSession *m_session;
    stdlab::learn::ChatTrace m_trace;
};

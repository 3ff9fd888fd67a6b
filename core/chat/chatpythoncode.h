#pragma once

#include "chat/framingspec.h"
#include "chat/replyrules.h"
#include "chat/servermode.h"

#include <QString>

/**
 * The course's socket programs, filled in with the Chat tab's configuration (host, port,
 * greeting as Python literals): what the panel shows in its Python pane, ready to run against
 * the window (the first TCP server, the threaded ClientThread echo server, the 1:1 chat, a
 * broadcast room, the UDP recvfrom loop, and their clients).
 */
namespace stdlab::chat::python {

/// The engine's own ServerMode: the code shown is always for the server the panel runs.
using Mode = stdlab::ServerMode;

struct ServerConfig
{
    bool udp = false;
    Mode mode = Mode::Echo;                       ///< TCP only
    QString host = QStringLiteral("127.0.0.1");   ///< the bind address ("::" → IPv6 dual-stack)
    quint16 port = 1234;                          ///< 0: the system picks one, the code prints it
    QString greeting = QStringLiteral("Un saludo crack!\n"); ///< greet mode, sent as UTF-8
    bool udpEcho = false;                         ///< UDP: send each datagram back
    QList<ReplyRule> rules;                       ///< rules mode, in order
    std::optional<QString> defaultReply;          ///< rules mode: when no rule matches
    QString rulesError; ///< rules mode: why the rules do not compile (shown as a comment)
    /// TCP over TLS: SSLContext(PROTOCOL_TLS_SERVER).load_cert_chain(certFile, keyFile) wraps
    /// the listening socket.
    bool tls = false;
    QString tlsCertFile;
    QString tlsKeyFile;
    /// TCP: how messages are cut from the stream and framed (newline: the course's programs;
    /// raw, length, fixed: recv_message()/send_message() for that framing).
    Framing framing;
};

/// How a TLS client trusts the server (as net::TlsClientOptions::Verify).
enum class TlsVerify { SystemCAs, CaFile, Fingerprint, Insecure };

struct ClientConfig
{
    bool udp = false;
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 1234;
    /// True: reads lines with input() until `bye` (replies printed as they come); false: sends
    /// @ref message once and prints the reply (the course's first client).
    bool interactive = true;
    QString message = QStringLiteral("Hola, servidor!");
    /// TCP over TLS: ssl.create_default_context(cafile=...) and wrap_socket(...,
    /// server_hostname=HOST); a pinned fingerprint compares sha256(getpeercert(True)).
    bool tls = false;
    TlsVerify tlsVerify = TlsVerify::SystemCAs;
    QString tlsCaFile;
    QString tlsFingerprint; ///< "AB:CD:..."
    Framing framing; ///< TCP: as ServerConfig::framing
};

/** What the window sent last: the bytes given to send(), before the framing. */
struct LastSent
{
    QByteArray payload; ///< at most kShownBytes of them (size says how many there were)
    qint64 size = 0;
    bool server = false; ///< the server's operator (to a client), else the client
    bool udp = false;
    Framing framing;     ///< TCP: how the bytes went on the wire
    QString file = {};   ///< a file sent (Send File…): its path; payload unused
};
/// The bytes a LastSent note shows at most.
inline constexpr int kShownBytes = 256;
/// A comment under the program: the call that put @p sent on the wire, its bytes as Python's
/// repr() writes them (b'\x00\r\n'), so that the pane shows exactly what went.
QString lastSentNote(const LastSent &sent);

/// "greet", "echo", "chat", "room", "rules" (case-insensitive) → Mode; Echo for anything else.
Mode modeFromName(const QString &name);

/// A whole runnable server program (imports, constants, loop).
QString serverProgram(const ServerConfig &config);
/// A whole runnable client program.
QString clientProgram(const ClientConfig &config);

} // namespace stdlab::chat::python

#include "chat/chatpythoncode.h"

#include "chat/byteliteral.h"
#include "common/pyrepr.h"

#include <QCoreApplication>
#include <QStringList>

#include <climits>

/// The programs' comments are ours: in the UI language.
class ChatPythonCode
{
    Q_DECLARE_TR_FUNCTIONS(ChatPythonCode)
};

namespace stdlab::chat::python {

namespace {

// The programs are written as the course writes them (socket.socket, setsockopt, bind,
// listen, accept, recv, sendall, the ClientThread class) with the messages it prints; only the
// constants at the top change with the panel's configuration.

bool isIpv6(const QString &host)
{
    return host.contains(QLatin1Char(':'));
}

QString family(const QString &host)
{
    return isIpv6(host) ? QStringLiteral("socket.AF_INET6") : QStringLiteral("socket.AF_INET");
}

/// Where a client on this computer reaches a server bound to @p bind.
QString reachableHost(const QString &bind)
{
    if (bind == QLatin1String("0.0.0.0") || bind.isEmpty()) {
        return QStringLiteral("127.0.0.1");
    }
    if (bind == QLatin1String("::")) {
        return QStringLiteral("::1");
    }
    return bind;
}

QString ncCommand(const QString &host, quint16 port, bool udp)
{
    return QStringLiteral("nc %1%2 %3")
        .arg(udp ? QStringLiteral("-u ") : QString(), host,
             port ? QString::number(port) : QStringLiteral("PORT"));
}

/// @p text as Python comment lines, indented by @p indent spaces.
QString comment(const QString &text, int indent = 0)
{
    QString code;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        code += QString(indent, QLatin1Char(' ')) + QStringLiteral("# ") + line + QLatin1Char('\n');
    }
    return code;
}

/// Newline is the course's own framing: its programs recv() and split lines themselves. The
/// others read and write through recv_message() / send_message() (framingCode()).
bool isFramed(const Framing &f)
{
    return f.kind != FramingKind::Newline;
}

/// recv_message(sock) (a whole message, None once the other end closed) and send_message(sock,
/// data) for raw, length-prefixed and fixed-size framing, with recv_exactly() where a message
/// has a known size, and is_bye(message). Each does what network/framing.h's Framer does.
QString framingCode(const Framing &f)
{
    const QString recvExactly = QStringLiteral("def recv_exactly(sock, n):\n")
        + comment(ChatPythonCode::tr("One recv() may return fewer bytes than asked for: loop "
                                     "until there are n (fewer\nonly when the other end closed)."),
                  4)
        + QStringLiteral("    data = bytearray()\n"
                         "    while len(data) < n:\n"
                         "        chunk = sock.recv(n - len(data))\n"
                         "        if not chunk:\n"
                         "            break\n"
                         "        data += chunk\n"
                         "    return bytes(data)\n"
                         "\n\n");
    QString code;
    QString bye = QStringLiteral("message.strip() == b\"bye\"");
    switch (f.kind) {
    case FramingKind::Newline:
        return {};
    case FramingKind::Raw:
        code = comment(ChatPythonCode::tr("Raw: no framing. Each recv() is a message, whatever it "
                                          "holds: two sends may arrive\nglued together, one send "
                                          "in pieces."))
            + QStringLiteral("\n\n"
                             "def recv_message(sock):\n"
                             "    return sock.recv(65536) or None  # b\"\": the other end closed\n"
                             "\n\n"
                             "def send_message(sock, data):\n"
                             "    sock.sendall(data)\n"
                             "\n\n");
        break;
    case FramingKind::Length:
        code = QStringLiteral("MAX_MESSAGE = 16 * 1024 * 1024  # %1\n")
                   .arg(ChatPythonCode::tr("StdLab closes a connection that announces more"))
            + comment(ChatPythonCode::tr("Length-prefixed: each message is a 4-byte big-endian "
                                         "length (struct \"!I\"), then that\nmany bytes."))
            + QStringLiteral("\n\n") + recvExactly
            + QStringLiteral("def recv_message(sock):\n"
                             "    header = recv_exactly(sock, 4)\n"
                             "    if len(header) < 4:\n"
                             "        return None  # %1\n"
                             "    (size,) = struct.unpack(\"!I\", header)\n"
                             "    if size > MAX_MESSAGE:\n"
                             "        return None  # %2\n"
                             "    data = recv_exactly(sock, size)\n"
                             "    return data if len(data) == size else None\n"
                             "\n\n"
                             "def send_message(sock, data):\n"
                             "    sock.sendall(struct.pack(\"!I\", len(data)) + data)\n"
                             "\n\n")
                   .arg(ChatPythonCode::tr("closed"),
                        ChatPythonCode::tr("too long: hang up, as StdLab does"));
        break;
    case FramingKind::Fixed:
        code = QStringLiteral("SIZE = %1  # %2\n")
                   .arg(f.size)
                   .arg(ChatPythonCode::tr("bytes per message"))
            + comment(ChatPythonCode::tr("Fixed size: every message is SIZE bytes; a shorter one "
                                         "is padded with NUL bytes, a longer\none goes as several."))
            + QStringLiteral("\n\n") + recvExactly
            + QStringLiteral("def recv_message(sock):\n"
                             "    data = recv_exactly(sock, SIZE)\n"
                             "    return data if len(data) == SIZE else None\n"
                             "\n\n"
                             "def send_message(sock, data):\n"
                             "    sock.sendall(data + b\"\\0\" * (-len(data) % SIZE if data else "
                             "SIZE))\n"
                             "\n\n");
        bye = QStringLiteral("message.rstrip(b\"\\0\").strip() == b\"bye\"");
        break;
    }
    return code
        + QStringLiteral("def is_bye(message):\n"
                         "    return %1\n"
                         "\n\n")
              .arg(bye);
}

/// @p framing's functions, then a program's own @p definitions, two blank lines between them
/// (each ends or begins with its own).
QString withFraming(const QString &framing, const QString &definitions)
{
    QString code = framing + definitions;
    while (code.contains(QLatin1String("\n\n\n\n"))) {
        code.replace(QLatin1String("\n\n\n\n"), QLatin1String("\n\n\n"));
    }
    return code;
}

/// What sets one program apart; program() lays it out on the skeleton they all share.
struct Program
{
    QString what;  ///< the header comment: what the program does
    QString tryIt; ///< ... and what to try it against
    bool threading = false;
    QString definitions; ///< after HOST and PORT: the program's constants, functions, classes
    bool udp = false;
    QString socketName; ///< the name `with socket.socket(...) as` gives the socket
    QString body;       ///< the `with` block and what follows it
    bool regex = false; ///< imports re
    /// TLS: the constants and `context` (after HOST and PORT), and how the socket is wrapped
    /// (", server_side=True" or ", server_hostname=HOST"); empty: plain TCP.
    QString tlsContext = {};
    QString tlsWrap = {};
    bool hashlib = false; ///< imports hashlib (a pinned fingerprint)
    bool packs = false;   ///< imports struct (a length prefix)
};

/// The skeleton: header comment, imports, HOST and PORT, the definitions, then the one
/// `with socket.socket(...)` block that does the work.
QString program(const QString &host, quint16 port, const Program &p)
{
    const QString newSocket = QStringLiteral("socket.socket(%1, socket.%2)")
                                  .arg(family(host), p.udp ? QStringLiteral("SOCK_DGRAM")
                                                           : QStringLiteral("SOCK_STREAM"));
    const bool tls = !p.tlsWrap.isEmpty();
    return comment(p.what)
        + comment(ChatPythonCode::tr("Try it from another terminal: %1").arg(p.tryIt))
        + (p.hashlib ? QStringLiteral("import hashlib\n") : QString())
        + (p.regex ? QStringLiteral("import re\n") : QString()) + QStringLiteral("import socket\n")
        + (tls ? QStringLiteral("import ssl\n") : QString())
        + (p.packs ? QStringLiteral("import struct\n") : QString())
        + (p.threading ? QStringLiteral("import threading\n") : QString()) + QLatin1Char('\n')
        + QStringLiteral("HOST = %1\nPORT = %2\n").arg(py::repr(host)).arg(port) + p.tlsContext
        + p.definitions
        + QStringLiteral("with %1 as %2:\n")
              .arg(tls ? QStringLiteral("context.wrap_socket(%1%2)").arg(newSocket, p.tlsWrap)
                       : newSocket,
                   p.socketName)
        + p.body;
}

/// The server's TLS context: its certificate and key.
QString serverTlsContext(const ServerConfig &c)
{
    return QStringLiteral("CERT_FILE = %1\nKEY_FILE = %2\n")
               .arg(py::repr(c.tlsCertFile), py::repr(c.tlsKeyFile))
        + comment(ChatPythonCode::tr("TLS: the server proves who it is with its certificate and "
                                     "key; a client trusts CERT_FILE\n(cafile=CERT_FILE). The "
                                     "handshake runs at each client's first recv()/send(): one\n"
                                     "that fails raises ssl.SSLError, an OSError."))
        + QStringLiteral("context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)\n"
                         "context.load_cert_chain(CERT_FILE, KEY_FILE)\n");
}

/// The client's TLS context: how it trusts the server.
QString clientTlsContext(const ClientConfig &c)
{
    switch (c.tlsVerify) {
    case TlsVerify::SystemCAs:
        return comment(ChatPythonCode::tr("TLS: the server's certificate must be signed by a CA "
                                          "this system trusts and name HOST."))
            + QStringLiteral("context = ssl.create_default_context()\n");
    case TlsVerify::CaFile:
        return QStringLiteral("CA_FILE = %1\n").arg(py::repr(c.tlsCaFile))
            + comment(ChatPythonCode::tr("TLS: only the certificates in CA_FILE are trusted (a "
                                         "self-signed server's own certificate),\nand the "
                                         "certificate must name HOST."))
            + QStringLiteral("context = ssl.create_default_context(cafile=CA_FILE)\n");
    case TlsVerify::Fingerprint:
        return QStringLiteral("FINGERPRINT = %1\n").arg(py::repr(c.tlsFingerprint))
            + comment(ChatPythonCode::tr("TLS: exactly the certificate with this SHA-256 "
                                         "fingerprint is trusted (checked after\nconnect(); the "
                                         "CAs and the name are not)."))
            + QStringLiteral("context = ssl.create_default_context()\n"
                             "context.check_hostname = False\n"
                             "context.verify_mode = ssl.CERT_NONE\n");
    case TlsVerify::Insecure:
        return comment(ChatPythonCode::tr("TLS without checking the certificate: encrypted, but "
                                          "anyone may be at the other end."))
            + QStringLiteral("context = ssl.create_default_context()\n"
                             "context.check_hostname = False\n"
                             "context.verify_mode = ssl.CERT_NONE\n");
    }
    return {};
}

/// The connect line of a TLS client, with the pin checked after it.
QString clientConnect(const ClientConfig &c)
{
    QString code = QStringLiteral("    s.connect((HOST, PORT))\n");
    if (c.tls && c.tlsVerify == TlsVerify::Fingerprint) {
        code += QStringLiteral(
                    "    der = s.getpeercert(binary_form=True)\n"
                    "    if hashlib.sha256(der).hexdigest() != FINGERPRINT.replace(\":\", "
                    "\"\").lower():\n"
                    "        raise SystemExit(%1)\n")
                    .arg(py::repr(QStringLiteral("[!] ")
                                  + ChatPythonCode::tr("The server's certificate is not the "
                                                       "pinned one: connection refused")));
    }
    return code;
}

/// @p p with the client's TLS, when it has one.
Program withClientTls(const ClientConfig &c, Program p)
{
    if (c.tls && !c.udp) {
        p.tryIt = ChatPythonCode::tr("a TLS server in another StdLab window, or stdlab serve tcp "
                                     "--tls --port %1")
                      .arg(c.port)
            + (isFramed(c.framing)
                   ? QStringLiteral(" --framing %1").arg(framingName(c.framing))
                   : QString());
        p.tlsContext = clientTlsContext(c);
        p.tlsWrap = QStringLiteral(", server_hostname=HOST");
        p.hashlib = c.tlsVerify == TlsVerify::Fingerprint;
        p.body.replace(QStringLiteral("    s.connect((HOST, PORT))\n"), clientConnect(c));
    }
    return p;
}

/// SO_REUSEADDR, bind and listen, indented inside the `with` block.
QString bindAndListen(const ServerConfig &config)
{
    QString code = comment(ChatPythonCode::tr("SO_REUSEADDR: a restarted server binds at once, "
                                              "even while old connections wait in\nTIME_WAIT "
                                              "(without it: \"Address already in use\")."),
                           4)
        + QStringLiteral(
            "    server_socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n");
    if (config.host == QLatin1String("::")) {
        code += QStringLiteral(
                    "    # %1\n"
                    "    server_socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)\n")
                    .arg(ChatPythonCode::tr("\"::\" with IPV6_V6ONLY off: IPv6 and IPv4 clients "
                                            "alike (dual stack)."));
    }
    code += QStringLiteral("    server_socket.bind((HOST, PORT))\n");
    if (config.port == 0) {
        code += QStringLiteral("    PORT = server_socket.getsockname()[1]  # %1\n")
                    .arg(ChatPythonCode::tr("0: the system chose a free port"));
    }
    code += QStringLiteral("    server_socket.listen()\n");
    return code;
}

/// A TCP server: the skeleton around a listening `server_socket`, then @p loop; a framing other
/// than newline puts its recv_message()/send_message() first in @p definitions.
QString tcpServer(const ServerConfig &c, const QString &what, bool threading,
                  const QString &definitions, const QString &loop, bool regex = false)
{
    Program p{what,  ncCommand(reachableHost(c.host), c.port, false),
              threading, withFraming(framingCode(c.framing), definitions), false, QStringLiteral("server_socket"),
              bindAndListen(c) + loop, regex};
    p.packs = c.framing.kind == FramingKind::Length;
    if (c.framing.kind == FramingKind::Length || c.framing.kind == FramingKind::Fixed) {
        // nc cannot write a length prefix or pad a frame.
        p.tryIt = QStringLiteral("stdlab send tcp %1:%2 --framing %3%4")
                      .arg(reachableHost(c.host).contains(QLatin1Char(':'))
                               ? QStringLiteral("[%1]").arg(reachableHost(c.host))
                               : reachableHost(c.host),
                           c.port ? QString::number(c.port) : QStringLiteral("PORT"),
                           framingName(c.framing), c.tls ? QStringLiteral(" --tls") : QString());
    } else if (c.tls) {
        p.tryIt = QStringLiteral("ncat --ssl %1 %2")
                      .arg(reachableHost(c.host) == QLatin1String("127.0.0.1")
                               ? QStringLiteral("localhost")
                               : reachableHost(c.host),
                           c.port ? QString::number(c.port) : QStringLiteral("PORT"));
        p.tlsContext = serverTlsContext(c);
        // Accepted sockets inherit it: each handshake runs in its client's thread, not in
        // accept() (where one silent client would hold every other).
        p.tlsWrap = QStringLiteral(", server_side=True, do_handshake_on_connect=False");
    }
    return program(c.host, c.port, p);
}

/// How a program reads one message from @p sock into `data`: the course's recv(1024), or
/// recv_message() (None once the other end closed).
QString recvInto(const Framing &f, const QString &sock)
{
    return isFramed(f) ? QStringLiteral("data = recv_message(%1)").arg(sock)
                       : QStringLiteral("data = %1.recv(1024)").arg(sock);
}

/// How a program sends the str @p text to @p sock: the course's newline, or send_message().
QString sendText(const Framing &f, const QString &sock, const QString &text)
{
    return isFramed(f) ? QStringLiteral("send_message(%1, %2.encode())").arg(sock, text)
                       : QStringLiteral("%1.sendall((%2 + \"\\n\").encode())").arg(sock, text);
}

QString greetServer(const ServerConfig &c)
{
    // Length and fixed frames carry the greeting without its newline, as the engine sends it
    // (serverprotocol.h's framedGreeting()).
    QString greeting = c.greeting;
    if (c.framing.kind == FramingKind::Length || c.framing.kind == FramingKind::Fixed) {
        greeting.chop(greeting.endsWith(QLatin1Char('\n')) ? 1 : 0);
    }
    const bool framed = isFramed(c.framing);
    QString read = QStringLiteral("            %1\n").arg(recvInto(c.framing, QStringLiteral("client_socket")));
    if (c.tls) {
        // The handshake runs in that first recv(): a client that fails it must not end the
        // server.
        read = QStringLiteral("            try:\n"
                              "    %1"
                              "            except OSError as e:  # %2\n"
                              "                print(f\"[!] {client_address}: {e}\")\n"
                              "                continue\n")
                   .arg(read, ChatPythonCode::tr("ssl.SSLError: this client's handshake failed"));
    }
    if (framed) {
        read += QStringLiteral("            if data is None:\n"
                               "                continue  # %1\n")
                    .arg(ChatPythonCode::tr("closed before a whole message: no greeting"));
    }
    return tcpServer(
        c,
        ChatPythonCode::tr("The course's first TCP server (greet): reads one message, prints who "
                           "sent it,\nreplies with the greeting and closes the connection."),
        false, QStringLiteral("GREETING = %1\n\n").arg(py::repr(greeting)),
        QStringLiteral("    print(f\"[+] Servidor en escucha en {HOST}:{PORT}\")\n"
                       "    while True:\n"
                       "        client_socket, client_address = server_socket.accept()\n"
                       "        with client_socket:\n")
            + read
            + QStringLiteral("            print(f\"[+] Mensaje recibido del cliente: "
                             "{data.decode(errors='backslashreplace')}\")\n"
                             "            print(f\"[+] Información del cliente que se ha "
                             "comunicado con nosotros: {client_address}\")\n"
                             "            %1\n")
                  .arg(framed ? QStringLiteral("send_message(client_socket, GREETING.encode())")
                              : QStringLiteral("client_socket.sendall(GREETING.encode())")));
}

/// The ClientThread class of the course's echo server down to its run(), and the accept loop
/// that starts one per client.
const char kClientThreadHead[] = "class ClientThread(threading.Thread):\n"
                                 "    def __init__(self, client_sock, client_addr):\n"
                                 "        super().__init__(daemon=True)\n"
                                 "        self.client_sock = client_sock\n"
                                 "        self.client_addr = client_addr\n"
                                 "        print(f\"[+] Nuevo cliente conectado: {client_addr}\")\n"
                                 "\n";
const char kClientThreadLoop[] =
    "    print(f\"[+] En espera de conexiones entrantes en {HOST}:{PORT}...\")\n"
    "    while True:\n"
    "        client_sock, client_addr = server_socket.accept()\n"
    "        ClientThread(client_sock, client_addr).start()\n";

QString echoServer(const ServerConfig &c)
{
    const bool framed = isFramed(c.framing);
    // Newline: the bytes go back as they came (one sendall per recv, as the engine writes
    // them); framed: each whole message goes back framed again.
    const QString handle = framed
        ? QStringLiteral("                if data is None or is_bye(data):\n"
                         "                    break\n"
                         "                message = data.decode(errors=\"backslashreplace\")\n"
                         "                print(f\"[+] Mensaje enviado por el cliente "
                         "{self.client_addr}: {message}\")\n"
                         "                send_message(self.client_sock, data)\n")
        : QStringLiteral("                message = data.decode(errors=\"backslashreplace\")\n"
                         "                if not data or message.strip() == \"bye\":\n"
                         "                    break\n"
                         "                print(f\"[+] Mensaje enviado por el cliente "
                         "{self.client_addr}: {message}\")\n"
                         "                self.client_sock.sendall(data)\n");
    return tcpServer(
        c,
        ChatPythonCode::tr("The course's threaded echo server: one ClientThread per client sends "
                           "back\neverything it receives until the client says bye or closes."),
        true,
        QStringLiteral("\n\n") + QLatin1String(kClientThreadHead)
            + QStringLiteral("    def run(self):\n"
                             "        with self.client_sock:\n"
                             "            while True:\n"
                             "                try:\n"
                             "                    %1\n"
                             "                except OSError:\n"
                             "                    break\n")
                  .arg(recvInto(c.framing, QStringLiteral("self.client_sock")))
            + handle
            + QStringLiteral("        print(f\"[!] Cliente {self.client_addr} desconectado\")\n"
                             "\n\n"),
        QLatin1String(kClientThreadLoop));
}

QString chatServer(const ServerConfig &c)
{
    const QString handle = isFramed(c.framing)
        ? QStringLiteral("        if data is None:\n"
                         "            break\n"
                         "        client_message = data.decode(errors=\"backslashreplace\")\n"
                         "        print(f\"\\n[+] Mensaje del cliente: {client_message}\")\n"
                         "        if is_bye(data):\n"
                         "            break\n")
        : QStringLiteral("        if not data:\n"
                         "            break\n"
                         "        client_message = data.decode(errors=\"backslashreplace\").strip()\n"
                         "        print(f\"\\n[+] Mensaje del cliente: {client_message}\")\n"
                         "        if client_message == \"bye\":\n"
                         "            break\n");
    return tcpServer(
        c,
        ChatPythonCode::tr("The course's 1:1 chat server: what the client sends is printed, what "
                           "you type is\nsent to it; bye from either side ends the chat."),
        true,
        QStringLiteral("\n\n"
                       "def receive(connection, client_addr):\n"
                       "    # %1\n"
                       "    while True:\n"
                       "        try:\n"
                       "            %2\n"
                       "        except OSError:\n"
                       "            break\n")
                .arg(ChatPythonCode::tr("A thread of its own, so that messages show up while "
                                        "input() waits."),
                     recvInto(c.framing, QStringLiteral("connection")))
            + handle
            + QStringLiteral("    print(f\"[!] Cliente {client_addr} desconectado (pulsa Enter "
                             "para salir)\")\n"
                             "\n\n"),
        QStringLiteral("    print(f\"[+] Servidor listo para aceptar una conexión en "
                       "{HOST}:{PORT}\")\n"
                       "    connection, client_addr = server_socket.accept()\n"
                       "    print(f\"[+] Se ha conectado el cliente: {client_addr}\")\n"
                       "    receiver = threading.Thread(target=receive, args=(connection, "
                       "client_addr), daemon=True)\n"
                       "    receiver.start()\n"
                       "    with connection:\n"
                       "        while receiver.is_alive():\n"
                       "            try:\n"
                       "                server_message = input(\"[+] Mensaje para enviar al "
                       "cliente: \")\n"
                       "            except EOFError:\n"
                       "                break\n"
                       "            if not receiver.is_alive():\n"
                       "                break\n"
                       "            %1\n"
                       "            if server_message.strip() == \"bye\":\n"
                       "                break\n")
            .arg(sendText(c.framing, QStringLiteral("connection"),
                          QStringLiteral("server_message"))));
}

QString roomServer(const ServerConfig &c)
{
    const bool framed = isFramed(c.framing);
    // Newline: the course's makefile() lines; framed: recv_message(), and every notice and
    // relayed line a message of its own (the engine frames each one).
    const QString send = framed ? QStringLiteral("send_message(sock, data)")
                                : QStringLiteral("sock.sendall(data)");
    const QString notice = framed ? QStringLiteral("\".encode()") : QStringLiteral("\\n\".encode()");
    const QString lines = framed
        ? QStringLiteral("        while (data := recv_message(client_sock)) is not None:\n"
                         "            if is_bye(data):\n"
                         "                break\n"
                         "            text = data.decode(errors=\"replace\")\n")
        : QStringLiteral("        with client_sock.makefile(\"rb\") as lines:\n"
                         "            for line in lines:\n"
                         "                data = line.rstrip(b\"\\r\\n\")\n"
                         "                text = data.decode(errors=\"replace\")\n"
                         "                if text.strip() == \"bye\":\n"
                         "                    break\n");
    QString handle = QStringLiteral(
        "            if text.startswith(\"/nick \") and text[6:].strip():\n"
        "                new_name = text[6:].strip()\n"
        "                broadcast(f\"* {name} is now {new_name}%1)\n"
        "                name = new_name\n"
        "                with lock:\n"
        "                    clients[client_sock] = name\n"
        "                continue\n"
        "            print(f\"<{name}> {text}\")\n"
        "            broadcast(b\"<\" + name.encode() + b\"> \" + data%2, client_sock)\n")
                         .arg(notice, framed ? QString() : QStringLiteral(" + b\"\\n\""));
    if (!framed) {
        handle.replace(QStringLiteral("\n            "), QStringLiteral("\n                "));
        handle.prepend(QStringLiteral("    "));
    }
    return tcpServer(
        c,
        ChatPythonCode::tr("A broadcast room (like ncat --chat): each line a client sends goes to "
                           "all the\nothers, prefixed with its name; /nick NAME sets a nickname; "
                           "bye leaves."),
        true,
        QStringLiteral("clients = {}  # socket -> name\n"
                       "lock = threading.Lock()\n"
                       "\n\n"
                       "def broadcast(data, sender=None):\n"
                       "    with lock:\n"
                       "        targets = [sock for sock in clients if sock is not sender]\n"
                       "    for sock in targets:\n"
                       "        try:\n"
                       "            %1\n"
                       "        except OSError:\n"
                       "            pass  # %2\n"
                       "\n\n"
                       "def serve(client_sock, client_addr):\n"
                       "    name = f\"{client_addr[0]}:{client_addr[1]}\"\n"
                       "    with lock:\n"
                       "        clients[client_sock] = name\n"
                       "    print(f\"[+] {name} se ha unido\")\n"
                       "    broadcast(f\"* {name} joined%3, client_sock)\n"
                       "    try:\n")
                .arg(send, ChatPythonCode::tr("that client is leaving; its own thread cleans up"),
                     notice)
            + lines + handle
            + QStringLiteral("    except OSError:\n"
                             "        pass\n"
                             "    with lock:\n"
                             "        del clients[client_sock]\n"
                             "    client_sock.close()\n"
                             "    print(f\"[!] {name} se ha ido\")\n"
                             "    broadcast(f\"* {name} left%1)\n"
                             "\n\n")
                  .arg(notice),
        QStringLiteral("    print(f\"[+] Sala abierta en {HOST}:{PORT}\")\n"
                       "    while True:\n"
                       "        client_sock, client_addr = server_socket.accept()\n"
                       "        threading.Thread(target=serve, args=(client_sock, client_addr), "
                       "daemon=True).start()\n"));
}

QString rulesServer(const ServerConfig &c)
{
    QString rules;
    if (!c.rulesError.isEmpty()) {
        // The rules as typed, with what python3 would raise on them (re.compile() runs first).
        rules = QStringLiteral("# re.error: %1\n").arg(c.rulesError);
    }
    if (c.rules.isEmpty()) {
        rules += QStringLiteral("RULES = []\n");
    } else {
        rules += QStringLiteral("RULES = [\n");
        for (const ReplyRule &r : c.rules) {
            rules += QStringLiteral("    (re.compile(%1), %2),\n")
                         .arg(py::repr(r.pattern), py::repr(r.reply));
        }
        rules += QStringLiteral("]\n");
    }
    const bool framed = isFramed(c.framing);
    const QString answer = QStringLiteral(
        "    def answer(self, raw):\n"
        "        line = %1.decode(errors=\"replace\")\n"
        "        print(f\"[+] Mensaje enviado por el cliente {self.client_addr}: {line}\")\n"
        "        text = reply(line)\n"
        "        if text is not None:\n"
        "            %2\n"
        "\n")
        .arg(framed ? QStringLiteral("raw") : QStringLiteral("raw.removesuffix(b\"\\r\")"),
             sendText(c.framing, QStringLiteral("self.client_sock"), QStringLiteral("text")));
    const QString read = framed
        ? QStringLiteral("                while (raw := recv_message(self.client_sock)) is not "
                         "None:\n"
                         "                    self.answer(raw)\n")
        : QStringLiteral("                while data := self.client_sock.recv(1024):\n"
                         "                    # %1\n"
                         "                    *lines, pending = (pending + data).split(b\"\\n\")\n"
                         "                    for raw in lines:\n"
                         "                        self.answer(raw)\n"
                         "                if pending:\n"
                         "                    self.answer(pending)  # %2\n")
              .arg(ChatPythonCode::tr("TCP is a byte stream: one recv() may hold half a line, or "
                                      "several."),
                   ChatPythonCode::tr("the last line, unterminated, when the client closes"));
    return tcpServer(
        c,
        ChatPythonCode::tr("A server with reply rules: each line a client sends is answered by "
                           "the first rule\nwhose pattern matches the whole line (re.fullmatch), "
                           "its reply expanded like\nMatch.expand (\\1, \\g<name>, \\g<0>); "
                           "no rule matching: the default reply, if any."),
        true,
        rules
            + QStringLiteral("DEFAULT = %1\n"
                             "\n\n"
                             "def reply(line):\n"
                             "    for pattern, template in RULES:\n"
                             "        match = pattern.fullmatch(line)\n"
                             "        if match:\n"
                             "            return match.expand(template)\n"
                             "    return DEFAULT\n"
                             "\n\n")
                  .arg(c.defaultReply ? py::repr(*c.defaultReply) : QStringLiteral("None"))
            + QLatin1String(kClientThreadHead) + answer
            + QStringLiteral("    def run(self):\n"
                             "        with self.client_sock:\n")
            + (framed ? QString() : QStringLiteral("            pending = b\"\"\n"))
            + QStringLiteral("            try:\n") + read
            + QStringLiteral("            except OSError:\n"
                             "                pass\n"
                             "        print(f\"[!] Cliente {self.client_addr} desconectado\")\n"
                             "\n\n"),
        QLatin1String(kClientThreadLoop), true);
}

QString udpServer(const ServerConfig &c)
{
    QString body = QStringLiteral("    s.bind((HOST, PORT))\n");
    if (c.port == 0) {
        body += QStringLiteral("    PORT = s.getsockname()[1]  # %1\n")
                    .arg(ChatPythonCode::tr("0: the system chose a free port"));
    }
    body += QStringLiteral(
        "    print(f\"[+] Servidor UDP en escucha en {HOST}:{PORT}\")\n"
        "    while True:\n"
        "        # %1\n"
        "        data, addr = s.recvfrom(65535)\n"
        "        print(f\"[+] Mensaje enviado por el cliente: "
        "{data.decode(errors='backslashreplace')}\")\n"
        "        print(f\"[+] Información del cliente: {addr}\")\n")
                .arg(ChatPythonCode::tr("65535: the largest datagram; a smaller buffer would cut "
                                        "longer ones."));
    if (c.udpEcho) {
        body += QStringLiteral("        s.sendto(data, addr)\n");
    }
    return program(c.host, c.port,
                   {c.udpEcho ? ChatPythonCode::tr("The course's UDP server: prints each datagram "
                                                   "and its sender, and sends it back.")
                              : ChatPythonCode::tr("The course's UDP server: prints each datagram "
                                                   "and its sender (no connection, no reply)."),
                    ncCommand(reachableHost(c.host), c.port, true), false, QStringLiteral("\n"),
                    true, QStringLiteral("s"), body});
}

/// The texts of one protocol's two clients, the course's one-shot one and the interactive one.
struct ClientTexts
{
    QString oneShotWhat;
    QString oneShotBody; ///< the `with` block, MESSAGE defined
    QString interactiveWhat;
    QString receive;  ///< the receive(s) function the interactive client runs in a thread
    QString sendLine; ///< what the interactive client does with each line read
    QString beforeConnect = {};
};

/// A client whose socket is `s`: the one-shot one defines MESSAGE; the interactive one runs
/// receive() in a thread and reads lines with input() until EOF.
QString client(const ClientConfig &c, const ClientTexts &t)
{
    QString tryIt = c.udp ? ChatPythonCode::tr("a UDP server in another StdLab window, or "
                                                     "nc -u -l %1")
                                      .arg(c.port)
                                : ChatPythonCode::tr("a server in another StdLab window, or "
                                                     "nc -l %1")
                                      .arg(c.port);
    const QString framing = c.udp ? QString() : framingCode(c.framing);
    if (!c.udp && isFramed(c.framing)) {
        tryIt = ChatPythonCode::tr("a server in another StdLab window, or stdlab serve tcp --port "
                                   "%1 --mode echo --framing %2")
                    .arg(QString::number(c.port), framingName(c.framing));
    }
    if (!c.interactive) {
        Program p{t.oneShotWhat, tryIt, false,
                  withFraming(framing, QStringLiteral("MESSAGE = %1\n\n").arg(py::repr(c.message))),
                  c.udp,
                  QStringLiteral("s"), t.oneShotBody};
        p.packs = !c.udp && c.framing.kind == FramingKind::Length;
        return program(c.host, c.port, withClientTls(c, p));
    }
    const QString readLines = QStringLiteral(
        "    s.connect((HOST, PORT))\n"
        "    threading.Thread(target=receive, args=(s,), daemon=True).start()\n"
        "    while True:\n"
        "        try:\n"
        "            message = input(\"[+] Introduce tu mensaje: \")\n"
        "        except EOFError:\n"
        "            break\n");
    Program p{t.interactiveWhat, tryIt, true, withFraming(framing, t.receive), c.udp, QStringLiteral("s"),
              t.beforeConnect + readLines + t.sendLine};
    p.packs = !c.udp && c.framing.kind == FramingKind::Length;
    return program(c.host, c.port, withClientTls(c, p));
}

QString tcpClient(const ClientConfig &c)
{
    const bool framed = isFramed(c.framing);
    return client(
        c,
        {ChatPythonCode::tr("The course's first TCP client: sends one message and prints the "
                            "server's reply."),
         QStringLiteral("    s.connect((HOST, PORT))\n"
                        "    %1\n"
                        "    %2\n"
                        "print(f\"[+] El servidor nos ha respondido con este mensaje: "
                        "{data.decode(errors='backslashreplace')}\")\n")
             .arg(framed ? QStringLiteral("send_message(s, MESSAGE.encode())")
                         : QStringLiteral("s.sendall(MESSAGE.encode())"),
                  framed ? QStringLiteral("data = recv_message(s) or b\"\"")
                         : QStringLiteral("data = s.recv(1024)")),
         ChatPythonCode::tr("The course's interactive TCP client: sends each line you type, "
                            "prints what the\nserver sends; bye ends the session."),
         QStringLiteral("\n\n"
                        "def receive(s):\n"
                        "    # %1\n"
                        "    while True:\n"
                        "        try:\n"
                        "            %2\n"
                        "        except OSError:\n"
                        "            break\n"
                        "        if %3:\n"
                        "            print(\"\\n[!] El servidor ha cerrado la conexión\")\n"
                        "            break\n"
                        "        print(f\"\\n[+] Mensaje de respuesta del servidor: "
                        "{data.decode(errors='backslashreplace')}\", flush=True)\n"
                        "\n\n")
             .arg(ChatPythonCode::tr("A thread of its own, so that replies show up while input() "
                                     "waits."),
                  recvInto(c.framing, QStringLiteral("s")),
                  framed ? QStringLiteral("data is None") : QStringLiteral("not data")),
         QStringLiteral("        %1\n"
                        "        if message.strip() == \"bye\":\n"
                        "            break\n")
             .arg(sendText(c.framing, QStringLiteral("s"), QStringLiteral("message")))});
}

QString udpClient(const ClientConfig &c)
{
    return client(
        c,
        {ChatPythonCode::tr("The course's UDP client: one UTF-8 datagram (accents included); no "
                            "connection, no reply expected."),
         QStringLiteral("    s.sendto(MESSAGE.encode(\"utf-8\"), (HOST, PORT))\n"),
         ChatPythonCode::tr("The course's UDP client: each line you type is one datagram; "
                            "replies (an echo\nserver) are printed as they come; bye ends."),
         QStringLiteral("\n\n"
                        "def receive(s):\n"
                        "    while True:\n"
                        "        try:\n"
                        "            data, addr = s.recvfrom(65535)\n"
                        "        except ConnectionRefusedError:\n"
                        "            # %1\n"
                        "            print(f\"\\n[!] Nadie escucha en {HOST}:{PORT} (UDP)\")\n"
                        "            continue\n"
                        "        except OSError:\n"
                        "            break\n"
                        "        print(f\"\\n[+] Respuesta de {addr}: "
                        "{data.decode(errors='backslashreplace')}\", flush=True)\n"
                        "\n\n")
             .arg(ChatPythonCode::tr("The ICMP \"port unreachable\" of an earlier datagram.")),
         QStringLiteral("        if message.strip() == \"bye\":\n"
                        "            break\n"
                        "        s.send(message.encode(\"utf-8\"))\n"),
         comment(ChatPythonCode::tr("Connecting a UDP socket only fixes the destination: no "
                                    "packet is sent."),
                 4)});
}

} // namespace

QString lastSentNote(const LastSent &sent)
{
    const QString sock = sent.server ? QStringLiteral("connection") : QStringLiteral("s");
    if (!sent.file.isEmpty()) {
        // socket.sendfile(): the kernel copies the file (os.sendfile), a chunk at a time.
        QString code;
        switch (sent.framing.kind) {
        case FramingKind::Length:
            code += QStringLiteral("    size = f.seek(0, 2)\n"
                                   "    f.seek(0)\n"
                                   "    %1.sendall(struct.pack(\"!I\", size))\n"
                                   "    %1.sendfile(f)\n");
            break;
        case FramingKind::Fixed:
            code += QStringLiteral("    sent = %1.sendfile(f)\n"
                                   "    %1.sendall(b\"\\0\" * (-sent % SIZE if sent else SIZE))\n");
            break;
        case FramingKind::Raw:
        case FramingKind::Newline:
            code += QStringLiteral("    %1.sendfile(f)\n");
            break;
        }
        code.replace(QLatin1String("%1."), sock + QLatin1Char('.'));
        code.prepend(QStringLiteral("with open(%1, \"rb\") as f:\n").arg(py::repr(sent.file)));
        QString out = QStringLiteral("\n")
            + comment(ChatPythonCode::tr("The last file this window sent (%Ln byte(s)), framed as "
                                         "above:",
                                         nullptr, int(std::min<qint64>(sent.size, INT_MAX))));
        for (const QString &line : code.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            out += QStringLiteral("#     ") + line + QLatin1Char('\n');
        }
        return out;
    }
    QString call;
    if (sent.udp) {
        call = QStringLiteral("%1.send(%2)");
    } else if (isFramed(sent.framing)) {
        call = QStringLiteral("send_message(%1, %2)");
    } else {
        call = QStringLiteral("%1.sendall(%2)");
    }
    // Newline framing: the message and its "\n", as they went.
    QByteArray shown = sent.payload.left(kShownBytes);
    const bool whole = sent.size <= kShownBytes;
    if (!sent.udp && !isFramed(sent.framing) && whole) {
        shown += '\n';
    }
    QString line = call.arg(sock, chat::bytesRepr(shown));
    if (!whole) {
        line += QStringLiteral("  # ")
            + ChatPythonCode::tr("the first %1 of %2 bytes").arg(kShownBytes).arg(sent.size);
    }
    return QStringLiteral("\n")
        + comment(ChatPythonCode::tr("The last message this window sent, byte for byte:"))
        + QStringLiteral("#     ") + line + QLatin1Char('\n');
}

Mode modeFromName(const QString &name)
{
    return parseServerMode(name).value_or(Mode::Echo);
}

QString serverProgram(const ServerConfig &config)
{
    if (config.udp) {
        return udpServer(config);
    }
    switch (config.mode) {
    case Mode::Greet:
        return greetServer(config);
    case Mode::Echo:
        return echoServer(config);
    case Mode::Chat:
        return chatServer(config);
    case Mode::Room:
        return roomServer(config);
    case Mode::Rules:
        return rulesServer(config);
    }
    return echoServer(config);
}

QString clientProgram(const ClientConfig &config)
{
    return config.udp ? udpClient(config) : tcpClient(config);
}

} // namespace stdlab::chat::python

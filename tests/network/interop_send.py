#!/usr/bin/env python3
"""Interop, the other way round: `stdlab send tcp|udp` against Python servers written after the
course's (the greeting server, the context-manager echo server, the threaded 'bye' server, the
UDP server), and the operator's side of `stdlab serve tcp --mode chat` (stdin lines go to the
client).

Usage: STDLAB_BINARY=build/bin/stdlab python3 interop_send.py
"""
import os
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netharness import (BINARY, SANITIZED, Server, check, finish, free_port, q,  # noqa: E402
                        recv_until, require_binary, run_case, wait_eof, TIMEOUT)


class PyServer:
    """A course server in a thread on 127.0.0.1 and an ephemeral port; `received` collects
    (address, bytes) of what its clients sent."""

    def __init__(self, kind):
        self.kind = kind
        self.received = []
        self.done = threading.Event()
        sock_type = socket.SOCK_DGRAM if kind == "udp" else socket.SOCK_STREAM
        self.sock = socket.socket(socket.AF_INET, sock_type)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        if kind != "udp":
            self.sock.listen(5)
        self.sock.settimeout(TIMEOUT)
        threading.Thread(target=getattr(self, "_" + kind), daemon=True).start()

    def _greet(self):
        # server.py of the lesson: one message, "Un saludo crack!\n", close.
        client_socket, client_address = self.sock.accept()
        data = client_socket.recv(1024)
        self.received.append((client_address, data))
        client_socket.sendall("Un saludo crack!\n".encode())
        client_socket.close()
        self.done.set()

    def _echo(self):
        # The context-manager server: echoes until the client closes.
        conn, addr = self.sock.accept()
        with conn:
            while True:
                data = conn.recv(1024)
                if not data:
                    break
                self.received.append((addr, data))
                conn.sendall(data)
        self.done.set()

    def _threaded(self):
        # The ClientThread server: echoes; a message that is 'bye' once stripped ends it.
        client_sock, client_addr = self.sock.accept()
        while True:
            data = client_sock.recv(1024)
            if not data:
                break
            self.received.append((client_addr, data))
            if data.decode(errors="replace").strip() == "bye":
                break
            client_sock.send(data)
        client_sock.close()
        self.done.set()

    def _udp(self):
        while True:
            try:
                data, addr = self.sock.recvfrom(65535)
            except (socket.timeout, OSError):
                return
            self.received.append((addr, data))
            self.done.set()

    def close(self):
        self.sock.close()


def send(*args, stdin_data=None, timeout=TIMEOUT):
    require_binary()
    return subprocess.run([BINARY, "send", *args], input=stdin_data, capture_output=True,
                          timeout=timeout)


def text(b):
    return b.decode("utf-8", errors="replace")


def test_send_tcp_to_greeting_server():
    srv = PyServer("greet")
    r = send("tcp", f"127.0.0.1:{srv.port}", "Este es un mensaje de prueba")
    check(r.returncode == 0, f"send tcp (greet): exit {r.returncode}, stderr={r.stderr!r}")
    check("Un saludo crack!" in text(r.stdout), f"send tcp prints the reply: {r.stdout!r}")
    check(srv.done.wait(TIMEOUT), "greeting server served the client")
    got = b"".join(d for _, d in srv.received)
    check(text(got).strip() == "Este es un mensaje de prueba",
          f"greeting server received {got!r}")
    srv.close()


def test_send_tcp_to_echo_server():
    srv = PyServer("echo")
    r = send("tcp", f"127.0.0.1:{srv.port}", "Hola, servidor!")
    check(r.returncode == 0, f"send tcp (echo): exit {r.returncode}, stderr={r.stderr!r}")
    check("Hola, servidor!" in text(r.stdout), f"send tcp prints the echo: {r.stdout!r}")
    check(srv.done.wait(TIMEOUT), "send tcp closes the connection when done")
    got = b"".join(d for _, d in srv.received)
    check(text(got).strip() == "Hola, servidor!", f"echo server received {got!r}")
    srv.close()


def test_send_tcp_stdin_lines_to_threaded_server():
    """No MESSAGE: lines from stdin, replies on stdout (like nc); 'bye' ends the session."""
    srv = PyServer("threaded")
    require_binary()
    p = subprocess.Popen([BINARY, "send", "tcp", f"127.0.0.1:{srv.port}"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = b""
    lock = threading.Condition()

    def reader():
        nonlocal out
        while True:
            chunk = p.stdout.read1(65536)
            with lock:
                if not chunk:
                    lock.notify_all()
                    return
                out += chunk
                lock.notify_all()

    threading.Thread(target=reader, daemon=True).start()

    def wait_out(s):
        deadline = time.monotonic() + TIMEOUT
        with lock:
            while s.encode() not in out and time.monotonic() < deadline:
                lock.wait(0.2)
            return s.encode() in out

    try:
        for line in ("uno", "dos, con acentos: ñandú"):
            p.stdin.write((line + "\n").encode())
            p.stdin.flush()
            check(wait_out(line), f"send tcp (stdin): reply to {line!r} on stdout, got {out!r}")
        p.stdin.write(b"bye\n")
        p.stdin.flush()
        check(srv.done.wait(TIMEOUT), "send tcp (stdin): 'bye' reached the threaded server")
        try:
            rc = p.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            rc = None
        check(rc == 0, f"send tcp (stdin) exits 0 once the server closes after 'bye', got {rc}")
        lines = [text(d).strip() for _, d in srv.received]
        check(lines == ["uno", "dos, con acentos: ñandú", "bye"],
              f"threaded server received {lines!r}")
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    srv.close()


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def test_send_tcp_to_server_that_never_reads():
    # `send tcp < /dev/zero` to a server that accepts and never reads held all of stdin
    # (3.6 GB in 6 s, then std::bad_alloc); 50 MB hung for ever.
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    port = srv.getsockname()[1]
    require_binary()
    with open("/dev/zero", "rb") as zero:
        p = subprocess.Popen([BINARY, "send", "tcp", f"127.0.0.1:{port}", "--stall-timeout",
                              "1500"], stdin=zero, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    srv.settimeout(TIMEOUT)
    try:
        conn, _ = srv.accept()  # accepted, never read
    except OSError:
        conn = None
    peak = 0
    start = time.monotonic()
    while p.poll() is None and time.monotonic() - start < 20:
        peak = max(peak, rss_kib(p.pid))
        if peak > 600 * 1024:
            break
        time.sleep(0.05)
    if p.poll() is None:
        p.kill()
    out, err = p.communicate()
    elapsed = time.monotonic() - start
    budget = (300 if SANITIZED else 100) * 1024  # ASan: shadow memory and quarantine
    check(peak < budget, f"send tcp < /dev/zero to a server that never reads: peak RSS "
                         f"{peak} KiB (bounded: under {budget // 1024} MiB)")
    check(p.returncode not in (0, None) and p.returncode > 0,
          f"it gives up with an error exit, got {p.returncode}")
    msg = text(err)
    check("does not read" in msg and "--stall-timeout" in msg,
          f"and says why, naming the option: {msg!r}")
    check(elapsed < 10, f"after the stall timeout (1.5 s), not {elapsed:.1f} s")
    if conn:
        conn.close()
    srv.close()


def test_send_tcp_bytes_as_given():
    # A 0xFF byte of MESSAGE went out as EF BF BD; --escape writes any byte.
    for args, want in (([b"\xff\xfe caf\xc3\xa9"], b"\xff\xfe caf\xc3\xa9\n"),
                       ([b"--escape", b"a\\x00b\\xffc\\\\n\\tz"], b"a\x00b\xffc\\n\tz\n")):
        srv = PyServer("echo")
        require_binary()
        r = subprocess.run([BINARY.encode(), b"send", b"tcp", f"127.0.0.1:{srv.port}".encode(),
                            *args], capture_output=True, timeout=TIMEOUT)
        check(r.returncode == 0, f"send {args!r}: exit {r.returncode}, stderr={r.stderr!r}")
        srv.done.wait(TIMEOUT)
        got = b"".join(d for _, d in srv.received)
        check(got == want, f"send {args!r}: the server received {got!r}, expected {want!r}")
        srv.close()
    r = send("tcp", "127.0.0.1:9", "--escape", "a\\q")
    check(r.returncode == 2 and "\\q" in text(r.stderr),
          f"--escape names a bad escape: {r.returncode} {r.stderr!r}")


def test_send_tcp_refused():
    port = free_port()  # nothing listens there any more
    r = send("tcp", f"127.0.0.1:{port}", "hola")
    check(r.returncode != 0, f"send tcp to a closed port exits non-zero, got {r.returncode}")
    msg = text(r.stderr + r.stdout).lower()
    check("refused" in msg and str(port) in msg,
          f"send tcp to a closed port says 'refused' and names the port: {msg!r}")


def test_send_udp_accents():
    srv = PyServer("udp")
    message = "Hola, se está tensando muchísimo"
    r = send("udp", f"127.0.0.1:{srv.port}", message)
    check(r.returncode == 0, f"send udp: exit {r.returncode}, stderr={r.stderr!r}")
    check(srv.done.wait(TIMEOUT), "send udp: the course's UDP server got a datagram")
    if srv.received:
        addr, data = srv.received[0]
        check(data == message.encode("utf-8"), f"send udp: datagram {data!r}")
        check(addr[0] == "127.0.0.1", f"send udp: sender {addr!r}")
    srv.close()


def test_send_udp_too_large():
    srv = PyServer("udp")
    r = send("udp", f"127.0.0.1:{srv.port}", "x" * 65508)
    check(r.returncode != 0, f"send udp of 65,508 bytes exits non-zero, got {r.returncode}")
    msg = text(r.stderr + r.stdout)
    check("65507" in msg.replace(",", "").replace(".", ""),
          f"send udp of 65,508 bytes names the 65,507-byte limit: {msg!r}")
    time.sleep(0.2)
    check(not srv.received, "nothing was sent")
    srv.close()


def test_chat_operator_unknown_client():
    # '@999 text' was dropped silently and '@127.0.0.1:1 text' broadcast verbatim.
    with Server("tcp", "--mode", "chat", "--port", "0") as srv:
        with socket.create_connection(("127.0.0.1", srv.port), timeout=TIMEOUT) as c:
            me = c.getsockname()[1]
            srv.expect(rf"connected 127\.0\.0\.1:{me}$", "chat: connected")
            srv.send_stdin("@999 hola\n")
            srv.expect(r"error no such client: @999 \(nothing was sent\)$",
                       "chat: @999 says no such client")
            srv.send_stdin("@127.0.0.1:1 hola\n")
            srv.expect(r"error no such client: @127\.0\.0\.1:1 \(nothing was sent\)$",
                       "chat: @127.0.0.1:1 says no such client")
            srv.send_stdin(f"@127.0.0.1:{me} solo para ti\n")
            got = recv_until(c, lambda d: b"solo para ti" in d)
            check(got == b"solo para ti\n", f"chat: only the addressed line arrives, got {got!r}")
        srv.stop()


def test_chat_operator():
    with Server("tcp", "--mode", "chat", "--port", "0") as srv:
        check("mode=chat" in srv.listening_line, f"mode in {srv.listening_line!r}")
        # The course's chat client: sends, then reads the operator's answer.
        with socket.create_connection(("localhost", srv.port), timeout=TIMEOUT) as c:
            me = c.getsockname()[1]
            srv.expect(rf"connected 127\.0\.0\.1:{me}$", "chat: connected")
            c.send("Hola, ¿hay alguien?".encode())
            srv.expect(rf"message 127\.0\.0\.1:{me} " + q("Hola, ¿hay alguien?") + "$",
                       "chat: the client's message is reported")
            srv.send_stdin("Sí, aquí el servidor\n")
            got = recv_until(c, lambda d: "Sí, aquí el servidor".encode() in d)
            check("Sí, aquí el servidor".encode() in got,
                  f"chat: the operator's stdin line reaches the client, got {got!r}")
            c.send(b"bye")
            check(wait_eof(c), "chat: 'bye' from the client ends its session")
            srv.expect(rf"disconnected 127\.0\.0\.1:{me} reason=bye$", "chat: reason=bye")
        # 'bye' typed by the operator ends the session too.
        with socket.create_connection(("localhost", srv.port), timeout=TIMEOUT) as c:
            me = c.getsockname()[1]
            srv.expect(rf"connected 127\.0\.0\.1:{me}$", "chat: second client connected")
            srv.send_stdin("bye\n")
            check(wait_eof(c), "chat: the operator's 'bye' ends the client's session")
            srv.expect(rf"disconnected 127\.0\.0\.1:{me} reason=bye$",
                       "chat: operator's bye, reason=bye")
        srv.stop()


if __name__ == "__main__":
    for case in (test_send_tcp_to_greeting_server, test_send_tcp_to_echo_server,
                 test_send_tcp_stdin_lines_to_threaded_server, test_send_tcp_refused,
                 test_send_tcp_to_server_that_never_reads, test_send_tcp_bytes_as_given,
                 test_chat_operator_unknown_client,
                 test_send_udp_accents, test_send_udp_too_large, test_chat_operator):
        run_case(case)
    finish()

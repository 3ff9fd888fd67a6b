#!/usr/bin/env python3
"""Interop: the course's Python socket clients (rewritten here, same calls and messages) against
`stdlab serve`; checks what each client gets and the server's event lines for it.

Usage: STDLAB_BINARY=build/bin/stdlab python3 interop_python.py
"""
import os
import signal
import socket
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netharness import (Server, check, finish, q, recv_exactly, recv_until, run_case,  # noqa: E402
                        wait_eof, TIMEOUT)


# --- the course's clients (notes: client.py, the context-manager client, the interactive
# client, udp_client.py), as functions that return what the client saw -----------------------

def greeting_client(port):
    """The first TCP client: one message, prints the reply (and the server then closes)."""
    client_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    client_socket.settimeout(TIMEOUT)
    client_socket.connect(("localhost", port))
    try:
        client_socket.sendall(b"Este es un mensaje de prueba que estoy enviando al servidor")
        data = recv_until(client_socket, lambda d: d.endswith(b"\n"))
        closed = wait_eof(client_socket)
        return client_socket.getsockname()[1], data, closed
    finally:
        client_socket.close()


def echo_client(port):
    """The context-manager client: `with socket.socket(...) as s`, sends "Hola, servidor!"."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(TIMEOUT)
        s.connect(("localhost", port))
        s.sendall(b"Hola, servidor!")
        data = recv_exactly(s, len(b"Hola, servidor!"))
        return s.getsockname()[1], data


def interactive_client(port, messages):
    """The interactive client with input() replaced by @p messages; 'bye' ends it."""
    replies = []
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(TIMEOUT)
        s.connect(("localhost", port))
        me = s.getsockname()[1]
        closed = False
        for message in messages:
            s.sendall(message.encode())
            if message == "bye":
                # The server ends the session: the connection is closed from its side.
                closed = wait_eof(s)
                break
            replies.append(recv_exactly(s, len(message.encode())).decode())
        return me, replies, closed


def udp_client(port, message="Hola, se está tensando muchísimo"):
    """udp_client.py: one UTF-8 datagram with accents. Returns the sender's port."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.sendto(message.encode("utf-8"), ("localhost", port))
        return s.getsockname()[1]


# --- cases -------------------------------------------------------------------------------

def test_greet():
    with Server("tcp", "--mode", "greet", "--port", "0") as srv:
        check(srv.address == "127.0.0.1", f"default bind address: {srv.listening_line!r}")
        check("mode=greet" in srv.listening_line, f"mode in {srv.listening_line!r}")
        me, data, closed = greeting_client(srv.port)
        check(data == b"Un saludo crack!\n", f"greeting client got {data!r}")
        check(closed, "greet: the server closes after replying")
        peer = rf"127\.0\.0\.1:{me}"
        srv.expect(rf"connected {peer}$", "greet: connected event with the client's port")
        srv.expect(rf"message {peer} " + q("Este es un mensaje de prueba que estoy enviando al "
                                          "servidor") + "$", "greet: the message is reported")
        srv.expect(rf"disconnected {peer}\b", "greet: disconnected event")
        # A second client is served too (the course's server loops on accept()).
        _, data2, _ = greeting_client(srv.port)
        check(data2 == b"Un saludo crack!\n", f"second greeting client got {data2!r}")
        srv.stop()


def test_greet_custom_text():
    with Server("tcp", "--mode", "greet", "--port", "0", "--greeting", "¡Bienvenido, ñandú!") as srv:
        _, data, _ = greeting_client(srv.port)
        check(data.decode("utf-8", "replace").strip() == "¡Bienvenido, ñandú!",
              f"--greeting: client got {data!r}")
        srv.stop(signal.SIGINT)


def test_echo_context_manager_client():
    with Server("tcp", "--mode", "echo", "--port", "0") as srv:
        check("mode=echo" in srv.listening_line, f"mode in {srv.listening_line!r}")
        me, data = echo_client(srv.port)
        check(data == b"Hola, servidor!", f"echo client got {data!r}")
        peer = rf"127\.0\.0\.1:{me}"
        srv.expect(rf"connected {peer}$", "echo: connected")
        srv.expect(rf"message {peer} " + q("Hola, servidor!") + "$", "echo: message reported")
        # The `with` block closed the socket: the server reports the client gone.
        m = srv.expect(rf"disconnected {peer} reason=(.+)$", "echo: disconnected on close")
        if m:
            check(m.group(1) != "bye", f"a plain close is not reported as bye: {m.group(0)!r}")
        srv.stop()


def test_interactive_client_bye():
    with Server("tcp", "--mode", "echo", "--port", "0") as srv:
        messages = ["Hola", "¿Qué tal, servidor?", "ñandú 🐍", "bye"]
        me, replies, closed = interactive_client(srv.port, messages)
        check(replies == messages[:-1], f"interactive client replies {replies!r}")
        check(closed, "interactive: the server closes the session after 'bye'")
        peer = rf"127\.0\.0\.1:{me}"
        for text in messages[:-1]:
            srv.expect(rf"message {peer} " + q(text) + "$", f"interactive: message {text!r}")
        srv.expect(rf"disconnected {peer} reason=bye$", "interactive: disconnected reason=bye")
        # 'bye' with the newline a terminal adds, as in the course's threaded server.
        with socket.socket() as s:
            s.settimeout(TIMEOUT)
            s.connect(("127.0.0.1", srv.port))
            s.sendall(b"bye\n")
            check(wait_eof(s), "'bye\\n' also ends the session")
            srv.expect(rf"disconnected 127\.0\.0\.1:{s.getsockname()[1]} reason=bye$",
                       "'bye\\n': disconnected reason=bye")
        srv.stop()


def test_echo_many_clients_and_stop_with_clients_connected():
    with Server("tcp", "--mode", "echo", "--port", "0", "--threads", "2") as srv:
        check("threads=2" in srv.listening_line, f"--threads in {srv.listening_line!r}")
        socks = [socket.create_connection(("127.0.0.1", srv.port), timeout=TIMEOUT)
                 for _ in range(20)]
        for i, s in enumerate(socks):
            s.sendall(f"cliente {i}\n".encode())
        for i, s in enumerate(socks):
            got = recv_exactly(s, len(f"cliente {i}\n"))
            check(got == f"cliente {i}\n".encode(), f"client {i} got {got!r}")
        srv.expect(r"connected 127\.0\.0\.1:\d+$", "20 connected events", count=20)
        srv.stop()
        for i, s in enumerate(socks):
            check(wait_eof(s), f"client {i} is disconnected when the server stops")
            s.close()


def test_udp_accents():
    with Server("udp", "--port", "0") as srv:
        check(srv.address == "127.0.0.1", f"udp default bind: {srv.listening_line!r}")
        me = udp_client(srv.port)
        srv.expect(rf"datagram 127\.0\.0\.1:{me} " + q("Hola, se está tensando muchísimo") + "$",
                   "udp: the datagram with accents and its sender")
        me2 = udp_client(srv.port, "¿Y ahora? ñ €")
        srv.expect(rf"datagram 127\.0\.0\.1:{me2} " + q("¿Y ahora? ñ €") + "$",
                   "udp: a second datagram from another port")
        srv.stop()


def test_udp_echo():
    with Server("udp", "--port", "0", "--echo") as srv:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.settimeout(TIMEOUT)
            payload = "Hola, se está tensando muchísimo".encode("utf-8")
            s.sendto(payload, ("127.0.0.1", srv.port))
            data, addr = s.recvfrom(65535)
            check(data == payload, f"udp --echo sent back {data!r}")
            check(addr == ("127.0.0.1", srv.port), f"udp --echo reply from {addr!r}")
        srv.stop()


if __name__ == "__main__":
    for case in (test_greet, test_greet_custom_text, test_echo_context_manager_client,
                 test_interactive_client_bye, test_echo_many_clients_and_stop_with_clients_connected,
                 test_udp_accents, test_udp_echo):
        run_case(case)
    finish()

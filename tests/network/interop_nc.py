#!/usr/bin/env python3
"""Interop: netcat-openbsd (`nc`, as in the course's lesson) against `stdlab serve` — echo,
greet, a room of two nc clients, UDP with `nc -u`.

Usage: STDLAB_BINARY=build/bin/stdlab python3 interop_nc.py
"""
import os
import shutil
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netharness import Server, check, finish, free_port, q, run_case, TIMEOUT  # noqa: E402
import socket  # noqa: E402


class Nc:
    """An `nc` process talking to the server, its output collected by a thread."""

    def __init__(self, *args, source_port=None):
        cmd = ["nc"]
        if source_port:
            cmd += ["-p", str(source_port)]
        self.proc = subprocess.Popen(cmd + list(args), stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     start_new_session=True)
        self.out = b""
        self._cv = threading.Condition()
        self._eof = False
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        while True:
            chunk = self.proc.stdout.read1(65536)
            with self._cv:
                if not chunk:
                    self._eof = True
                    self._cv.notify_all()
                    return
                self.out += chunk
                self._cv.notify_all()

    def write(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def close_stdin(self):
        self.proc.stdin.close()

    def wait_output(self, predicate, timeout=TIMEOUT):
        """Waits until predicate(output so far) holds; returns the output."""
        deadline = time.monotonic() + timeout
        with self._cv:
            while not predicate(self.out) and not self._eof:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cv.wait(min(left, 0.2))
            return self.out

    def wait_exit(self, timeout=TIMEOUT):
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()



def test_nc_echo():
    with Server("tcp", "--mode", "echo", "--port", "0") as srv:
        me = free_port()
        nc = Nc("127.0.0.1", str(srv.port), source_port=me)
        try:
            nc.write("hola, servidor\n".encode())
            out = nc.wait_output(lambda o: o.endswith(b"servidor\n"))
            check(out == b"hola, servidor\n", f"nc echo: got {out!r}")
            nc.write("¿eco con acentos? ñ\r\n".encode())
            want = "hola, servidor\n¿eco con acentos? ñ\r\n".encode()
            out = nc.wait_output(lambda o: o == want)
            check(out == want, f"nc echo: CRLF line echoed as sent, got {out!r}")
            srv.expect(rf"connected 127\.0\.0\.1:{me}$", "nc echo: connected with nc's port")
            srv.expect(rf"message 127\.0\.0\.1:{me} " + q("hola, servidor") + "$",
                       "nc echo: message without its newline")
            srv.expect(rf"message 127\.0\.0\.1:{me} " + q("¿eco con acentos? ñ") + "$",
                       "nc echo: \\r\\n ends a line too")
            # With its stdin closed, nc exits only once the server closes the connection.
            nc.write(b"bye\n")
            nc.close_stdin()
            check(nc.wait_exit() is not None, "nc echo: 'bye' ends the session (nc exits)")
            srv.expect(rf"disconnected 127\.0\.0\.1:{me} reason=bye$", "nc echo: reason=bye")
        finally:
            nc.kill()
        srv.stop()


def test_nc_greet():
    with Server("tcp", "--mode", "greet", "--port", "0") as srv:
        me = free_port()
        nc = Nc("127.0.0.1", str(srv.port), source_port=me)
        try:
            nc.write("Hola desde nc\n".encode())
            nc.close_stdin()
            rc = nc.wait_exit()
            check(rc == 0, f"nc greet: nc exits 0 once the server closes, got {rc}")
            out = nc.wait_output(lambda o: False)  # until nc's stdout ends
            check(out == b"Un saludo crack!\n", f"nc greet: got {out!r}")
            srv.expect(rf"message 127\.0\.0\.1:{me} " + q("Hola desde nc") + "$",
                       "nc greet: message reported with nc's address and port")
            srv.expect(rf"disconnected 127\.0\.0\.1:{me}\b", "nc greet: disconnected")
        finally:
            nc.kill()
        srv.stop()


def test_nc_room():
    with Server("tcp", "--mode", "room", "--port", "0") as srv:
        pa, pb = free_port(), free_port()
        while pb == pa:
            pb = free_port()
        a = Nc("127.0.0.1", str(srv.port), source_port=pa)
        srv.expect(rf"connected 127\.0\.0\.1:{pa}$", "room: ana connected")
        b = Nc("127.0.0.1", str(srv.port), source_port=pb)
        try:
            srv.expect(rf"connected 127\.0\.0\.1:{pb}$", "room: the second client connected")
            # ana is told that the other client joined (a notice naming it).
            out = a.wait_output(lambda o: f"127.0.0.1:{pb}".encode() in o)
            check(f"127.0.0.1:{pb}".encode() in out, f"room: join notice to ana, got {out!r}")
            a.write(b"/nick ana\n")
            srv.expect(rf"message 127\.0\.0\.1:{pa} " + q("/nick ana") + "$",
                       "room: /nick reported")
            a.write("hola, ¿qué tal?\n".encode())
            want = "<ana> hola, ¿qué tal?\n".encode()
            out = b.wait_output(lambda o: want in o)
            check(want in out, f"room: the other client sees {want!r}, got {out!r}")
            # The sender does not get its own line back.
            b.write(b"muy bien\n")
            want_b = f"<127.0.0.1:{pb}> muy bien\n".encode()
            out = a.wait_output(lambda o: want_b in o)
            check(want_b in out, f"room: ana sees {want_b!r}, got {out!r}")
            check(b"<ana> hola" not in out, f"room: ana does not get her own line: {out!r}")
            # A partial line is relayed after 200 ms idle.
            a.write("sin salto de línea".encode())
            want = "<ana> sin salto de línea".encode()
            out = b.wait_output(lambda o: want in o)
            check(want in out, f"room: partial line relayed after idle, got {out!r}")
            # b leaves: ana gets a leave notice naming it.
            before = len(a.wait_output(lambda o: False, timeout=0))
            b.close_stdin()
            b.kill()
            srv.expect(rf"disconnected 127\.0\.0\.1:{pb}\b", "room: b disconnected")
            out = a.wait_output(lambda o: f"127.0.0.1:{pb}".encode() in o[before:])
            check(f"127.0.0.1:{pb}".encode() in out[before:],
                  f"room: leave notice to ana, got {out[before:]!r}")
        finally:
            a.kill()
            b.kill()
        srv.stop()


def test_nc_udp():
    with Server("udp", "--port", "0") as srv:
        me = free_port(socket.SOCK_DGRAM)
        nc = Nc("-u", "-w", "1", "127.0.0.1", str(srv.port), source_port=me)
        try:
            nc.write("Hola, se está tensando muchísimo".encode())
            nc.close_stdin()
            srv.expect(rf"datagram 127\.0\.0\.1:{me} " + q("Hola, se está tensando muchísimo")
                       + "$", "nc -u: datagram with accents and nc's port")
            nc.wait_exit()
        finally:
            nc.kill()
        srv.stop(signal.SIGINT)


def test_nc_udp_echo():
    with Server("udp", "--port", "0", "--echo") as srv:
        nc = Nc("-u", "127.0.0.1", str(srv.port))
        try:
            nc.write("¿me oyes?\n".encode())
            out = nc.wait_output(lambda o: o.endswith(b"\n"))
            check(out == "¿me oyes?\n".encode(), f"nc -u with --echo: got {out!r}")
        finally:
            nc.kill()
        srv.stop()


if __name__ == "__main__":
    if not shutil.which("nc"):
        print("nc (netcat-openbsd) is not installed: tools/setup.sh installs it")
        sys.exit(1)
    for case in (test_nc_echo, test_nc_greet, test_nc_room, test_nc_udp, test_nc_udp_echo):
        run_case(case)
    finish()

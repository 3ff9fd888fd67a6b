#!/usr/bin/env python3
"""TLS interop of `stdlab serve tcp --tls`: Python's ssl client (create_default_context(cafile=...)
and server_hostname='localhost', as the course would write it), `openssl s_client` and
`ncat --ssl` against every mode; clients that speak no TLS, that never handshake or that send
random bytes do not disturb the others. And `stdlab send tcp --tls` against Python's ssl server
(load_cert_chain) and `openssl s_server`: trusted by a CA file or a pinned fingerprint, and
refused with the reason (self-signed, wrong pin, host name, expired, no TLS there).

Usage: STDLAB_BINARY=build/bin/stdlab python3 interop_tls.py
"""
import os
import random
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netharness import (SANITIZED, Server, TIMEOUT, check, finish, q, recv_until,  # noqa: E402
                        require_binary, run_case, wait_eof)

WORK = tempfile.mkdtemp(prefix="stdlab-tls-", dir=os.environ.get("STDLAB_TEST_TMP"))
# The app's own certificate is kept in the data folder: a private one for this test.
ENV = dict(os.environ, XDG_DATA_HOME=os.path.join(WORK, "data"))
# A named pipe given as a certificate: it must be refused at once, not block the open().
FIFO = os.path.join(WORK, "pipe.pem")
os.mkfifo(FIFO)
FINGERPRINT = re.compile(r"tls sha256=((?:[0-9A-F]{2}:){31}[0-9A-F]{2})$")


def tls_server(*args, cert_out=None):
    cert_out = cert_out or os.path.join(WORK, f"cert-{random.getrandbits(32)}.pem")
    return Server("tcp", "--port", "0", "--tls", "--tls-cert-out", cert_out, *args,
                  env=ENV), cert_out


def connect(port, cafile):
    """The course's client, over TLS."""
    ctx = ssl.create_default_context(cafile=cafile)
    raw = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
    return ctx.wrap_socket(raw, server_hostname="localhost")


def echo_interleaved(s, payload, piece=16384):
    """Sends @payload in pieces from this thread, reading what came back between them, then the
    rest. An SSLSocket must not be used by two threads at once: a sendall() thread beside
    recv() shares one OpenSSL object and one timeout (recv_until's 0.2 s applies to sendall
    too), and 2 of 60 such runs got nothing back -- against ncat --ssl as well."""
    got = b""
    for start in range(0, len(payload), piece):
        s.settimeout(TIMEOUT)
        s.sendall(payload[start:start + piece])
        s.settimeout(0.001)
        while True:
            try:
                chunk = s.recv(65536)
            except (socket.timeout, ssl.SSLWantReadError):
                break
            if not chunk:
                return got
            got += chunk
    return got + recv_until(s, lambda d: len(got) + len(d) >= len(payload))


def openssl_fingerprint(pem):
    out = subprocess.run(["openssl", "x509", "-in", pem, "-noout", "-fingerprint", "-sha256"],
                         capture_output=True, text=True, check=True).stdout
    return out.strip().split("=", 1)[1]


def test_listening_line_carries_the_fingerprint():
    srv, cert = tls_server()
    with srv:
        m = FINGERPRINT.search(srv.listening_line)
        check(m is not None, f"no 'tls sha256=' on the listening line: {srv.listening_line!r}")
        if m:
            check(m.group(1) == openssl_fingerprint(cert),
                  f"fingerprint {m.group(1)} != openssl's {openssl_fingerprint(cert)}")
        # The same certificate the next time (kept in the data folder), and its key 0600.
        again, cert2 = tls_server()
        with again:
            check(FINGERPRINT.search(again.listening_line).group(1) == m.group(1),
                  "a second server made a new certificate instead of reusing the kept one")
            again.stop()
        key = os.path.join(WORK, "data", "StdLab", "stdlab", "tls", "localhost-key.pem")
        check(os.path.exists(key) and (os.stat(key).st_mode & 0o777) == 0o600,
              f"the key is not kept with mode 0600 at {key}")
        srv.stop()


def test_every_mode_with_pythons_ssl_client():
    # echo: 1 MB and back, byte for byte.
    srv, cert = tls_server("--mode", "echo")
    with srv:
        payload = bytes(random.Random(17).getrandbits(8) for _ in range(1 << 20))
        with connect(srv.port, cert) as s:
            check(s.version() in ("TLSv1.3", "TLSv1.2"), f"version {s.version()}")
            got = echo_interleaved(s, payload)
            check(got == payload, f"echo: {len(got)} bytes back of {len(payload)}, "
                                  f"equal={got == payload}")
        srv.stop()
    # greet: the greeting, then the server closes (close_notify: recv gives b'').
    srv, cert = tls_server("--mode", "greet", "--greeting", "Hola TLS")
    with srv:
        with connect(srv.port, cert) as s:
            s.sendall(b"Hola servidor\n")
            got = recv_until(s, lambda d: False, timeout=5)
            check(got == b"Hola TLS\n", f"greet: {got!r}")
        srv.expect(r"message \S+ " + q("Hola servidor"), "greet: the message")
        srv.stop()
    # chat: the client's line is printed; the operator's line reaches the client.
    srv, cert = tls_server("--mode", "chat")
    with srv:
        with connect(srv.port, cert) as s:
            s.sendall("¿Qué tal? 😀\n".encode())
            srv.expect(r"message \S+ " + q("¿Qué tal? 😀"), "chat: the client's line")
            srv.send_stdin("bien\n")
            got = recv_until(s, lambda d: d.endswith(b"\n"))
            check(got == b"bien\n", f"chat: operator line {got!r}")
            s.sendall(b"bye\n")
            check(wait_eof(s), "chat: bye did not end the session")
        srv.expect(r"disconnected \S+ reason=bye", "chat: bye")
        srv.stop()
    # room: a line goes to the other member, not back.
    srv, cert = tls_server("--mode", "room")
    with srv:
        with connect(srv.port, cert) as a, connect(srv.port, cert) as b:
            srv.expect(r"connected", "room: two members", count=2)
            a.sendall(b"hola sala\n")
            got = recv_until(b, lambda d: b"hola sala\n" in d)
            check(b"hola sala\n" in got, f"room: b got {got!r}")
        srv.stop()
    # rules: the reply expanded from the groups.
    srv, cert = tls_server("--mode", "rules", "--rule", r"hola (?P<n>\w+)=>adios \g<n>",
                           "--default", "?")
    with srv:
        with connect(srv.port, cert) as s:
            s.sendall(b"hola mundo\nxyz\n")
            got = recv_until(s, lambda d: d.count(b"\n") >= 2)
            check(got == b"adios mundo\n?\n", f"rules: {got!r}")
        srv.stop()


def test_openssl_s_client_and_ncat():
    srv, cert = tls_server("--mode", "echo")
    with srv:
        p = subprocess.Popen(["openssl", "s_client", "-connect", f"127.0.0.1:{srv.port}",
                              "-CAfile", cert, "-verify_return_error", "-verify_hostname",
                              "localhost", "-quiet"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
        p.stdin.write(b"por s_client\n")
        p.stdin.flush()
        threading.Timer(TIMEOUT, p.kill).start()  # no echo: the read ends, the check fails
        line = p.stdout.readline()  # s_client -quiet keeps the line until the echo comes
        p.kill()
        p.wait()
        check(line == b"por s_client\n", f"s_client: out={line!r} err={p.stderr.read()[-300:]!r}")
        # ncat checks the host name against DNS names only: it connects to localhost.
        p = subprocess.run(["ncat", "--ssl", "--ssl-verify", "--ssl-trustfile", cert,
                            "localhost", str(srv.port)],
                           input=b"por ncat\n", capture_output=True, timeout=TIMEOUT)
        check(p.stdout == b"por ncat\n", f"ncat: rc={p.returncode} out={p.stdout!r} "
                                         f"err={p.stderr[-300:]!r}")
        # s_client without the CA: it refuses, and the server says why.
        p = subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{srv.port}",
                            "-verify_return_error", "-quiet", "-no_ign_eof"],
                           input=b"x\n", capture_output=True, timeout=TIMEOUT)
        check(p.returncode != 0, "s_client trusted a self-signed certificate without -CAfile")
        srv.expect(r"disconnected \S+ reason=tls: handshake failed: .*does not trust",
                   "an untrusting client's handshake failure is named")
        srv.stop()


def test_user_certificate_and_key():
    cert = os.path.join(WORK, "user-cert.pem")
    key = os.path.join(WORK, "user-key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                    "-out", cert, "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost"],
                   check=True, capture_output=True)
    srv = Server("tcp", "--port", "0", "--tls", "--tls-cert", cert, "--tls-key", key, env=ENV)
    with srv:
        check(FINGERPRINT.search(srv.listening_line).group(1) == openssl_fingerprint(cert),
              "the listening line names another certificate than the user's")
        with connect(srv.port, cert) as s:
            s.sendall(b"mio\n")
            check(recv_until(s, lambda d: d.endswith(b"\n")) == b"mio\n", "user cert: echo")
        srv.stop()
    # Another certificate's key, a missing file, a lone --tls-cert: refused with the reason.
    other_key = os.path.join(WORK, "other-key.pem")
    subprocess.run(["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-out", other_key], check=True, capture_output=True)
    for args, words in ((["--tls-cert", FIFO, "--tls-key", key], "not a regular file"),
                        (["--tls-cert", cert, "--tls-key", other_key], "key"),
                        (["--tls-cert", cert + ".missing", "--tls-key", key], "missing"),
                        (["--tls-cert", cert], "--tls-key"),
                        (["--tls-cert-out", "x.pem"], "need --tls")):
        extra = ["--tls"] if "need --tls" not in words else []
        p = subprocess.run([os.environ.get("STDLAB_BINARY") or sys.argv[1], "serve", "tcp",
                            "--port", "0", *extra, *args],
                           capture_output=True, text=True, timeout=TIMEOUT, env=ENV)
        check(p.returncode != 0 and words in p.stderr and "listening" not in p.stdout,
              f"{args}: rc={p.returncode} stderr={p.stderr!r}")


def test_bad_clients_do_not_disturb_the_others():
    srv, cert = tls_server("--mode", "echo")
    with srv:
        # A client that never speaks, one that speaks plain text, then a good one: served at once.
        silent = socket.create_connection(("127.0.0.1", srv.port))
        plain = socket.create_connection(("127.0.0.1", srv.port))
        plain.sendall(b"GET / HTTP/1.1\r\n\r\n")
        told = recv_until(plain, lambda d: d.endswith(b"\n"))
        check(told.startswith(b"sorry, this server speaks TLS"), f"plain client told {told!r}")
        check(wait_eof(plain), "the plain-text client was not closed")
        srv.expect(r"disconnected \S+ reason=tls: not a TLS client: it sent plain text "
                   + re.escape(r"b'GET / HTTP/1.1\r\n'"), "the plain-text client is named "
                   "by its first 16 bytes")
        t0 = time.monotonic()
        with connect(srv.port, cert) as s:
            s.sendall(b"sigo\n")
            check(recv_until(s, lambda d: d.endswith(b"\n")) == b"sigo\n", "good client echo")
        check(time.monotonic() - t0 < 2, f"the good client waited {time.monotonic() - t0:.2f} s")
        # 200 clients sending random bytes (half of them looking like a TLS record), then a
        # good one: the server lives, each is closed with a TLS reason, memory stays bounded.
        rss0 = srv.rss_kb()
        rng = random.Random(2026)
        for i in range(200):
            junk = bytes(rng.getrandbits(8) for _ in range(rng.randrange(1, 3000)))
            if i % 2 == 0:
                junk = b"\x16\x03\x01" + junk
            with socket.create_connection(("127.0.0.1", srv.port)) as g:
                try:
                    g.sendall(junk)
                    g.shutdown(socket.SHUT_WR)
                    wait_eof(g, timeout=5)
                except OSError:
                    pass  # reset by the server's close: fine
        srv.expect(r"disconnected \S+ reason=", "every garbage client closed", count=202)
        with connect(srv.port, cert) as s:
            s.sendall(b"vivo\n")
            check(recv_until(s, lambda d: d.endswith(b"\n")) == b"vivo\n", "alive after garbage")
        # ASan's quarantine keeps what the 200 handshakes freed (20,084 KiB once): a wider bound.
        bound = 60000 if SANITIZED else 20000
        check(srv.rss_kb() - rss0 < bound, f"RSS grew {srv.rss_kb() - rss0} KiB on garbage")
        silent.close()
        srv.stop()


def make_cert(name, san="DNS:localhost", expired=False):
    """A certificate and key for localhost (openssl); expired: valid in January 2020 only."""
    cert = os.path.join(WORK, name + "-cert.pem")
    key = os.path.join(WORK, name + "-key.pem")
    if not expired:
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", cert,
                        "-days", "2", "-subj", "/CN=localhost", "-addext",
                        f"subjectAltName={san}"], check=True, capture_output=True)
        return cert, key
    ca = os.path.join(WORK, "ca-" + name)
    os.makedirs(ca)
    with open(os.path.join(ca, "ca.cnf"), "w") as f:
        f.write("[ca]\ndefault_ca = d\n[d]\ndatabase = index.txt\nnew_certs_dir = .\n"
                "serial = serial\ndefault_md = sha256\npolicy = p\ncopy_extensions = copy\n"
                "[p]\ncommonName = supplied\n")
    open(os.path.join(ca, "index.txt"), "w").close()
    with open(os.path.join(ca, "serial"), "w") as f:
        f.write("01\n")
    subprocess.run(["openssl", "req", "-new", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", "r.csr",
                    "-subj", "/CN=localhost", "-addext", f"subjectAltName={san}"],
                   check=True, capture_output=True, cwd=ca)
    subprocess.run(["openssl", "ca", "-batch", "-config", "ca.cnf", "-selfsign", "-keyfile", key,
                    "-in", "r.csr", "-out", cert, "-startdate", "20200101000000Z",
                    "-enddate", "20200201000000Z", "-notext"],
                   check=True, capture_output=True, cwd=ca)
    return cert, key


class PySslServer:
    """The course's echo server wrapped in ssl: SSLContext(PROTOCOL_TLS_SERVER) and
    load_cert_chain(cert, key); serves connections one after another until closed."""

    def __init__(self, cert, key):
        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.ctx.load_cert_chain(cert, key)
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.received = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            try:
                with self.ctx.wrap_socket(conn, server_side=True) as tls:
                    tls.settimeout(TIMEOUT)
                    while data := tls.recv(1024):
                        self.received.append(data)
                        tls.sendall(data)
            except (ssl.SSLError, OSError):
                pass  # a client that refused our certificate

    def close(self):
        self.sock.close()


def send(*args, stdin=None):
    return subprocess.run([os.environ.get("STDLAB_BINARY") or sys.argv[1], "send", "tcp", *args],
                          capture_output=True, text=True, timeout=TIMEOUT, env=ENV, input=stdin)


def test_send_against_pythons_ssl_server():
    cert, key = make_cert("py")
    srv = PySslServer(cert, key)
    try:
        p = send("--tls", "--tls-ca", cert, f"localhost:{srv.port}", "Hola", "TLS")
        check(p.returncode == 0 and p.stdout == "Hola TLS\n",
              f"--tls-ca: rc={p.returncode} out={p.stdout!r} err={p.stderr!r}")
        check(b"Hola TLS\n" in b"".join(srv.received), f"python got {srv.received!r}")
        fp = openssl_fingerprint(cert)
        p = send("--tls", "--tls-fingerprint", fp.replace(":", "").lower(),
                 f"127.0.0.1:{srv.port}", "pin")
        check(p.returncode == 0 and p.stdout == "pin\n",
              f"--tls-fingerprint: rc={p.returncode} out={p.stdout!r} err={p.stderr!r}")
        # Self-signed and not trusted by the system: why, and how to trust it.
        p = send("--tls", f"localhost:{srv.port}", "x")
        check(p.returncode == 1 and "self-signed and not trusted by the system's CAs" in p.stderr
              and "--tls-ca FILE" in p.stderr and f"--tls-fingerprint {fp}" in p.stderr
              and p.stdout == "", f"system CAs: rc={p.returncode} err={p.stderr!r}")
        # A wrong pin: both fingerprints, nothing sent.
        before = len(srv.received)
        wrong = "AB" * 32
        p = send("--tls", "--tls-fingerprint", wrong, f"localhost:{srv.port}", "secreto")
        check(p.returncode == 1 and fp in p.stderr
              and ":".join(["AB"] * 32) in p.stderr and "not the pinned" in p.stderr,
              f"wrong pin: rc={p.returncode} err={p.stderr!r}")
        time.sleep(0.2)
        check(len(srv.received) == before, "a refused pin still sent the message")
        # The name in the certificate: localhost, not 127.0.0.1.
        p = send("--tls", "--tls-ca", cert, f"127.0.0.1:{srv.port}", "x")
        check(p.returncode == 1 and "is for localhost, not for 127.0.0.1" in p.stderr,
              f"host name: rc={p.returncode} err={p.stderr!r}")
        p = send("--tls", "--insecure", f"127.0.0.1:{srv.port}", "inseguro")
        check(p.returncode == 0 and p.stdout == "inseguro\n" and "NOT verified" in p.stderr,
              f"--insecure: rc={p.returncode} out={p.stdout!r} err={p.stderr!r}")
    finally:
        srv.close()
    # Expired.
    cert, key = make_cert("old", expired=True)
    srv = PySslServer(cert, key)
    try:
        p = send("--tls", "--tls-ca", cert, f"localhost:{srv.port}", "x")
        check(p.returncode == 1
              and "the server's certificate expired on 2020-02-01 00:00 UTC" in p.stderr,
              f"expired: rc={p.returncode} err={p.stderr!r}")
    finally:
        srv.close()


def test_send_against_openssl_s_server_and_a_plain_server():
    cert, key = make_cert("s_server")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # -rev: s_server answers each line reversed.
    server = subprocess.Popen(["openssl", "s_server", "-accept", f"127.0.0.1:{port}", "-cert",
                               cert, "-key", key, "-rev"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        p = send("--tls", "--tls-ca", cert, f"localhost:{port}", "hola")
        check(p.returncode == 0 and p.stdout == "aloh\n",
              f"s_server -rev: rc={p.returncode} out={p.stdout!r} err={p.stderr!r}")
    finally:
        server.kill()
        server.wait()
    # A server that speaks no TLS and says nothing: the handshake times out, and says so.
    with socket.socket() as plain:
        plain.bind(("127.0.0.1", 0))
        plain.listen(1)
        p = send("--tls", "--timeout", "800", f"127.0.0.1:{plain.getsockname()[1]}", "x")
        check(p.returncode == 1 and "finished no TLS handshake (it may not speak TLS)"
              in p.stderr, f"silent plain server: rc={p.returncode} err={p.stderr!r}")
    # One that answers in plain text (our own server without --tls, greet mode).
    srv = Server("tcp", "--port", "0", "--mode", "greet", env=ENV)
    with srv:
        p = send("--tls", "--insecure", f"127.0.0.1:{srv.port}", "x")
        check(p.returncode == 1 and "TLS" in p.stderr and p.stdout == "",
              f"plain greet server: rc={p.returncode} err={p.stderr!r}")
        srv.stop()
    # Usage errors: exit 2 with the reason.
    for args, words in ((["--tls-ca", cert, "localhost:1"], "need --tls"),
                        (["--tls", "--tls-fingerprint", "12:34", "localhost:1"], "64 hex"),
                        (["--tls", "--tls-ca", cert, "--insecure", "localhost:1"], "one of"),
                        (["--tls", "--tls-ca", cert + ".missing", "localhost:1"], "cannot read"),
                        (["--tls", "--tls-ca", FIFO, "localhost:1"], "not a regular file")):
        p = send(*args, "x")
        check(p.returncode == 2 and words in p.stderr, f"{args}: rc={p.returncode} "
                                                       f"err={p.stderr!r}")


def test_stdlab_send_to_stdlab_serve():
    srv, cert = tls_server("--mode", "echo")
    with srv:
        data = "".join(f"línea {i}\n" for i in range(2000))
        p = send("--tls", "--tls-ca", cert, f"localhost:{srv.port}", stdin=data)
        check(p.returncode == 0 and p.stdout == data,
              f"stdin over TLS: rc={p.returncode} {len(p.stdout)} of {len(data)} chars back "
              f"err={p.stderr[-300:]!r}")
        srv.stop()


if __name__ == "__main__":
    require_binary()
    for tool in ("openssl", "ncat"):
        if not shutil.which(tool):
            print(f"{tool} not installed (tools/setup.sh installs it)", flush=True)
            sys.exit(1)
    try:
        for case in (test_listening_line_carries_the_fingerprint,
                     test_every_mode_with_pythons_ssl_client,
                     test_openssl_s_client_and_ncat,
                     test_user_certificate_and_key,
                     test_bad_clients_do_not_disturb_the_others,
                     test_send_against_pythons_ssl_server,
                     test_send_against_openssl_s_server_and_a_plain_server,
                     test_stdlab_send_to_stdlab_serve):
            run_case(case)
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
    finish()

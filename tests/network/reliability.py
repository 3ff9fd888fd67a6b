#!/usr/bin/env python3
"""Reliability of `stdlab serve tcp --mode echo` under abuse:
- 500 clients that reset (SO_LINGER 0) in the middle of a stream: the server survives, reports
  every one gone and goes on serving;
- a client that sends 10 MB and never reads while another client is served normally: the
  server's memory (VmRSS) stays bounded and the other client's round trips stay fast;
- random bytes including NUL, CR and invalid UTF-8 are echoed exactly, and the event line shows
  invalid bytes as errors="backslashreplace" writes them (\xff).

Usage: STDLAB_BINARY=build/bin/stdlab python3 reliability.py
"""
import os
import random
import re
import socket
import struct
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netharness import (SANITIZED, Server, check, finish, recv_exactly, run_case,  # noqa: E402
                        TIMEOUT)

MB = 1 << 20
# VmRSS growth allowed while 10 MB are pushed at a client that never reads. Under ASan freed
# memory sits in a quarantine (capped below for the server) and allocations carry redzones.
RSS_BUDGET_KB = (160 if SANITIZED else 64) * 1024


def server_env():
    env = dict(os.environ)
    if SANITIZED:
        env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":quarantine_size_mb=16"
    return env


def round_trip(sock, payload):
    t0 = time.monotonic()
    sock.sendall(payload)
    got = recv_exactly(sock, len(payload))
    return got, time.monotonic() - t0


def test_500_resets_mid_stream():
    with Server("tcp", "--mode", "echo", "--port", "0", env=server_env()) as srv:
        chunk = b"x" * 4096 + b"\n"
        socks = []
        for i in range(500):
            s = socket.create_connection(("127.0.0.1", srv.port), timeout=TIMEOUT)
            # Mid-stream: some bytes echoed and unread, some still on their way.
            s.sendall(chunk * (1 + i % 4))
            socks.append(s)
        # Every client has been accepted before the resets (the server saw their bytes).
        srv.expect(r"connected 127\.0\.0\.1:\d+$", "500 clients connected", count=500,
                   timeout=TIMEOUT * 2)
        for s in socks:
            s.sendall(b"more bytes in flight, no newline yet")
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            s.close()  # RST
        m = srv.expect(r"disconnected 127\.0\.0\.1:\d+", "500 disconnected events", count=500,
                       timeout=TIMEOUT * 2)
        if m is None:
            print(f"disconnected so far: {len(srv.events('disconnected'))}", flush=True)
        check(srv.proc.poll() is None, "the server is still running after 500 resets")
        with socket.create_connection(("127.0.0.1", srv.port), timeout=TIMEOUT) as s:
            got, _ = round_trip(s, "después de 500 resets\n".encode())
            check(got == "después de 500 resets\n".encode(),
                  f"a new client is served after the resets, got {got!r}")
        srv.stop()


def test_client_that_never_reads():
    with Server("tcp", "--mode", "echo", "--port", "0", env=server_env()) as srv:
        # Warm the server up (threads, buffers) before the baseline.
        with socket.create_connection(("127.0.0.1", srv.port), timeout=TIMEOUT) as w:
            round_trip(w, b"warm-up\n")
        time.sleep(0.2)
        base = srv.rss_kb()
        hog = socket.create_connection(("127.0.0.1", srv.port), timeout=TIMEOUT)
        hog.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
        total = 10 * MB
        sent = 0
        stop = threading.Event()
        hog_error = []

        def push():
            # Sends 10 MB of lines without ever reading; the server may stop reading (the send
            # then blocks) or drop the client (the send then fails): both are fine.
            nonlocal sent
            line = (b"0123456789abcdef" * 63) + b"\n"  # 1 KiB lines
            hog.settimeout(0.5)
            while sent < total and not stop.is_set():
                try:
                    sent += hog.send(line[: min(len(line), total - sent)])
                except socket.timeout:
                    continue
                except OSError as e:
                    hog_error.append(e)
                    return

        pusher = threading.Thread(target=push, daemon=True)
        pusher.start()
        peak = base
        slowest = 0.0
        failures = 0
        with socket.create_connection(("127.0.0.1", srv.port), timeout=TIMEOUT) as other:
            deadline = time.monotonic() + 12
            i = 0
            while time.monotonic() < deadline and (pusher.is_alive() or i < 50):
                payload = f"mensaje {i} del cliente normal\n".encode()
                got, dt = round_trip(other, payload)
                if got != payload:
                    failures += 1
                slowest = max(slowest, dt)
                peak = max(peak, srv.rss_kb())
                i += 1
                time.sleep(0.02)
            # Let the pusher go on a little longer while the RSS is sampled.
            for _ in range(10):
                peak = max(peak, srv.rss_kb())
                time.sleep(0.1)
        stop.set()
        pusher.join(timeout=5)
        print(f"hog sent {sent / MB:.1f} MB (error: {hog_error[:1]}), normal client: {i} round "
              f"trips, slowest {slowest * 1000:.0f} ms; VmRSS {base} kB -> peak {peak} kB",
              flush=True)
        check(failures == 0, f"the normal client got {failures} wrong echoes")
        check(i >= 50, f"the normal client made only {i} round trips")
        check(slowest < (5 if SANITIZED else 2), f"slowest round trip {slowest:.2f} s")
        check(peak - base < RSS_BUDGET_KB,
              f"server VmRSS grew by {(peak - base) // 1024} MB (budget "
              f"{RSS_BUDGET_KB // 1024} MB) while a client did not read")
        check(srv.proc.poll() is None, "the server is still running")
        hog.close()
        srv.stop()


def random_payload(rng, size):
    data = bytearray(rng.randbytes(size))
    # Make sure the hard cases are there, whatever the seed gives.
    specials = [b"\x00", b"\x00\x00\n", b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
                b"\xe2\x82", b"\r\n", b"\r", b"\n\n", "ñandú 🐍".encode()]
    for k, s in enumerate(specials):
        pos = (k * 7919) % (size - 8)
        data[pos:pos + len(s)] = s
    # A line that is 'bye' once stripped would end the session; random data has none, but
    # make it certain.
    lines = bytes(data).split(b"\n")
    return b"\n".join(b"by3" if l.strip() == b"bye" else l for l in lines)


def test_random_bytes_echoed_exactly():
    rng = random.Random(20261202)
    with Server("tcp", "--mode", "echo", "--port", "0", env=server_env()) as srv:
        for size in (1, 17, 4096, 65536 + 3, 1 * MB):
            payload = random_payload(rng, max(size, 16))[:size] if size >= 16 else b"\x00" * size
            with socket.create_connection(("127.0.0.1", srv.port), timeout=TIMEOUT) as s:
                got = []

                def reader():
                    got.append(recv_exactly(s, len(payload), timeout=TIMEOUT * 2))

                t = threading.Thread(target=reader)
                t.start()
                # Uneven chunks, so lines and UTF-8 sequences are split across reads.
                pos = 0
                while pos < len(payload):
                    n = rng.choice((1, 2, 3, 5, 64, 1000, 4093, 65536))
                    s.sendall(payload[pos:pos + n])
                    pos += n
                t.join()
                echoed = got[0] if got else b""
                check(echoed == payload, f"{size} random bytes echoed exactly "
                                         f"(got {len(echoed)} bytes, "
                                         f"first difference at {first_diff(echoed, payload)})")
        # The event line shows each byte that is not UTF-8 as \xNN (backslashreplace), the rest
        # intact.
        with socket.create_connection(("127.0.0.1", srv.port), timeout=TIMEOUT) as s:
            s.sendall(b"ab\xffcd\xc3\x28ef\n")
            me = s.getsockname()[1]
            got = recv_exactly(s, 10)
            check(got == b"ab\xffcd\xc3\x28ef\n", f"invalid UTF-8 echoed as is, got {got!r}")
            srv.expect(rf"message 127\.0\.0\.1:{me} \"ab\\xffcd\\xc3\(ef\"$",
                       "invalid UTF-8 shown as \\xff in the event line")
        check(srv.proc.poll() is None, "the server is still running")
        srv.stop()


def first_diff(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b)) if len(a) != len(b) else None


if __name__ == "__main__":
    t0 = time.monotonic()
    for case in (test_random_bytes_echoed_exactly, test_500_resets_mid_stream,
                 test_client_that_never_reads):
        run_case(case)
    print(f"{time.monotonic() - t0:.1f} s", flush=True)
    finish()

#!/usr/bin/env python3
"""The whole server's memory budget (`stdlab serve tcp --max-buffer SIZE`), attacked:
- 200 clients each announce a 16 MiB length-prefixed frame, send part of it and trickle the
  rest: each may hold its unfinished frame, but not all of them together past the budget;
- 200 echo clients that send lines and never read the echo;
- 200 room members that never read while another floods the room.
Each time the peak RSS of `stdlab serve` (VmHWM from /proc/PID/status) stays within its RSS
before the attack + the budget + a margin, the clients that would pass the budget are closed
with `reason=server memory budget`, and a normal client is served meanwhile.

--long: the full size against the default budget (256 MiB): 200 clients x 16 MiB frames, 3.2 GB
that used to be held (labelled long: it pushes ~1 GB through the loopback).

Usage: STDLAB_BINARY=build/bin/stdlab python3 memory_budget.py [--long]
"""
import os
import select
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netharness import (SANITIZED, TIMEOUT, Server, check, finish, recv_exactly,  # noqa: E402
                        run_case)

KiB = 1 << 10
MiB = 1 << 20
LONG = "--long" in sys.argv
# What the process may grow beyond the budget: its event queue toward the printing thread, the
# allocator's slack (measured: 2-6 MiB over 32 MiB; 31 MiB over 256 MiB, steady to the end).
MARGIN_KB = 16 * 1024


def margin_kb(budget_mb):
    return MARGIN_KB + budget_mb * KiB // 8


def status_kb(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def connect_all(port, n, rcvbuf=0):
    socks = []
    for _ in range(n):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if rcvbuf:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        s.connect(("127.0.0.1", port))
        s.setblocking(False)
        socks.append(s)
    return socks


def send_some(sock, data):
    """Sends what the kernel takes now; False once the server closed the connection."""
    try:
        sock.send(data)
        return True
    except BlockingIOError:
        return True
    except OSError:
        return False


def closed_by_server(sock):
    """Drains what arrived; True when the server closed (b'' or a reset)."""
    try:
        while True:
            r, _, _ = select.select([sock], [], [], 0)
            if not r:
                return False
            if sock.recv(65536) == b"":
                return True
    except (BlockingIOError, InterruptedError):
        return False
    except OSError:
        return True


def served(port, payload, expect):
    """A new client's round trip: what comes back, and how long it took."""
    t0 = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as s:
        s.sendall(payload)
        got = recv_exactly(s, len(expect))
    return got == expect, time.monotonic() - t0


def budget_lines(srv):
    return [r for k, r in srv.events("disconnected") if r.endswith("reason=server memory budget")]


def check_peak(srv, base_kb, budget_mb, what):
    peak = status_kb(srv.proc.pid, "VmHWM") - base_kb
    print(f"{what}: peak RSS +{peak} KiB over {base_kb} KiB (budget {budget_mb} MiB)", flush=True)
    if not SANITIZED:  # ASan's quarantine and redzones: RSS says nothing there
        check(peak < budget_mb * KiB + margin_kb(budget_mb),
              f"{what}: peak RSS grew {peak} KiB, over the budget {budget_mb} MiB + "
              f"{margin_kb(budget_mb)} KiB")
    return peak


def test_unfinished_frames():
    clients = 200
    frame = 16 * MiB
    sent_each = frame - 64 * KiB if LONG else 512 * KiB  # 3.2 GB, or 100 MiB in all
    budget_mb = 256 if LONG else 32
    args = ["tcp", "--mode", "echo", "--framing", "length", "--port", "0", "--quiet"]
    if not LONG:
        args += ["--max-buffer", f"{budget_mb}M"]
    with Server(*args) as srv:
        socks = connect_all(srv.port, clients)
        srv.expect(r"connected 127\.0\.0\.1:\d+$", "attackers connected", count=clients)
        base = status_kb(srv.proc.pid, "VmRSS")
        for s in socks:
            s.setblocking(True)
            s.sendall(struct.pack("!I", frame - 1))  # never finished
            s.setblocking(False)
        piece = b"a" * (64 * KiB)
        alive = set(range(clients))
        sent = [0] * clients
        slowest = 0.0
        t0 = time.monotonic()
        rounds = 0
        while alive and time.monotonic() - t0 < TIMEOUT * 8:
            for i in list(alive):
                if sent[i] >= sent_each - 1:
                    continue
                try:
                    sent[i] += socks[i].send(piece[:sent_each - 1 - sent[i]])
                except BlockingIOError:
                    pass
                except OSError:
                    alive.discard(i)
            rounds += 1
            if rounds % 2 == 0:
                ok, took = served(srv.port, struct.pack("!I", 4) + b"ping",
                                  struct.pack("!I", 4) + b"ping")
                check(ok, "a normal client's frame comes back during the attack")
                slowest = max(slowest, took)
            for i in list(alive):
                if closed_by_server(socks[i]):
                    alive.discard(i)
            if all(sent[i] >= sent_each - 1 for i in alive):
                break
        # The survivors trickle a byte each for a second: still within the budget.
        for _ in range(10):
            for i in list(alive):
                if not send_some(socks[i], b"t") or closed_by_server(socks[i]):
                    alive.discard(i)
            time.sleep(0.1)
        held_mb = sum(sent[i] for i in alive) / MiB
        print(f"{clients - len(alive)} of {clients} closed, {len(alive)} hold {held_mb:.0f} MiB; "
              f"slowest normal round trip {slowest * 1000:.0f} ms", flush=True)
        ok, took = served(srv.port, struct.pack("!I", 4) + b"pong", struct.pack("!I", 4) + b"pong")
        check(ok, "a normal client is served after the attack")
        check_peak(srv, base, budget_mb, "unfinished 16 MiB frames")
        expected = clients - (budget_mb * MiB) // sent_each
        srv.expect(r"reason=server memory budget$", "closes by the budget", count=expected)
        check(len(budget_lines(srv)) >= expected,
              f"at least {expected} closed by the budget, got {len(budget_lines(srv))}")
        check(held_mb <= budget_mb, f"the survivors hold {held_mb:.0f} MiB, over {budget_mb}")
        errors = [r for k, r in srv.events("error") if "server memory budget:" in r]
        check(errors and "over the budget of %d (--max-buffer)" % (budget_mb * MiB) in errors[0],
              f"the error line says the budget: {errors[:1]!r}")
        for s in socks:
            s.close()
        srv.stop()


def test_echo_clients_that_never_read():
    clients = 200
    budget_mb = 32
    with Server("tcp", "--mode", "echo", "--port", "0", "--quiet",
                "--max-buffer", f"{budget_mb}M") as srv:
        socks = connect_all(srv.port, clients, rcvbuf=4096)
        srv.expect(r"connected 127\.0\.0\.1:\d+$", "clients connected", count=clients)
        base = status_kb(srv.proc.pid, "VmRSS")
        block = (b"e" * 1023 + b"\n") * 64
        alive = set(range(clients))
        stuck = {}
        t0 = time.monotonic()
        # Each writes until the server stops taking its lines (paused: its echo waits) or closes
        # it; pushing 4 MiB of echo into each would be 800 MiB without the budget.
        while alive and time.monotonic() - t0 < TIMEOUT * 4:
            for i in list(alive):
                try:
                    socks[i].send(block)
                    stuck.pop(i, None)
                except BlockingIOError:
                    stuck.setdefault(i, time.monotonic())
                except OSError:
                    alive.discard(i)
            if len(stuck) == len(alive) and all(time.monotonic() - t > 1.0
                                                for t in stuck.values()):
                break
        ok, took = served(srv.port, b"ping\n", b"ping\n")
        check(ok, "a normal client is echoed while 200 others never read")
        print(f"echo round trip meanwhile {took * 1000:.0f} ms", flush=True)
        check_peak(srv, base, budget_mb, "echo clients that never read")
        check(len(budget_lines(srv)) > 0, "some never-reading clients closed by the budget")
        for s in socks:
            s.close()
        srv.stop()


def test_room_members_that_never_read():
    members = 200
    budget_mb = 32
    with Server("tcp", "--mode", "room", "--port", "0", "--quiet",
                "--max-buffer", f"{budget_mb}M") as srv:
        socks = connect_all(srv.port, members, rcvbuf=4096)
        reader = socket.create_connection(("127.0.0.1", srv.port), timeout=TIMEOUT)
        srv.expect(r"connected 127\.0\.0\.1:\d+$", "members connected", count=members + 1)
        time.sleep(0.3)  # the join notices are out
        base = status_kb(srv.proc.pid, "VmRSS")
        flooder = socket.create_connection(("127.0.0.1", srv.port), timeout=TIMEOUT)
        flooder.setblocking(False)
        reader.setblocking(False)
        line = b"f" * 999 + b"\n"
        block = line * 64
        total, got = 40 * MiB, 0
        sent = 0
        t0 = time.monotonic()
        while (sent < total or got < total * 0.9) and time.monotonic() - t0 < TIMEOUT * 4:
            if sent < total and sent - got < 2 * MiB:  # as fast as the member that reads
                try:
                    sent += flooder.send(block)
                except BlockingIOError:
                    pass
            try:
                while True:
                    chunk = reader.recv(1 << 20)
                    if not chunk:
                        break
                    got += chunk.count(b"f" * 999 + b"\n") * len(line)
            except BlockingIOError:
                time.sleep(0.001)
        print(f"room: {sent / MiB:.0f} MiB flooded, the reading member got {got / MiB:.0f} MiB",
              flush=True)
        check(got >= total * 0.9, f"the member that reads gets the room's lines: {got} of {total}")
        check_peak(srv, base, budget_mb, "room members that never read")
        for s in socks + [flooder, reader]:
            s.close()
        srv.stop()


if __name__ == "__main__":
    if LONG:
        run_case(test_unfinished_frames)
    else:
        for case in (test_unfinished_frames, test_echo_clients_that_never_read,
                     test_room_members_that_never_read):
            run_case(case)
    finish()

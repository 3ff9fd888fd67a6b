"""`stdlab serve --bind any|any4|any6` says what it really listens on, and does it.

`--bind any` must not be tested on the machine's own interfaces (it would expose a port to the
LAN), so the script re-runs itself in a fresh, unprivileged user + network namespace
(`unshare -rn`), which has only a loopback interface: whatever it binds is reachable from
nowhere else. Where unshare is not permitted (containers without user namespaces) the test is
skipped with the reason (exit 77, ctest's SKIP_RETURN_CODE).

Checks, TCP and UDP: `any` announces `[::]:PORT ... bind=any (every IPv4 and IPv6 address,
dual-stack)` and takes clients over both 127.0.0.1 and ::1; `any4` announces `0.0.0.0:PORT`
and takes IPv4 only; `any6` announces `[::]:PORT` and takes IPv6 only.
"""
import fcntl
import os
import socket
import struct
import subprocess
import sys

from netharness import (BINARY, Server, check, finish, recv_exactly, require_binary, run_case,
                        TIMEOUT)

SKIP = 77
MARKER = "STDLAB_IN_NETNS"
DUAL = "bind=any (every IPv4 and IPv6 address, dual-stack)"


def enter_namespace(argv=None):
    """Re-runs this script (or the script and arguments @p argv) under `unshare -rn` (only
    once); returns only inside it."""
    if os.environ.get(MARKER):
        return
    try:
        probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True, text=True)
        why = probe.stderr.strip() or f"exit status {probe.returncode}"
    except OSError as e:
        probe, why = None, str(e)
    if probe is None or probe.returncode != 0:
        print(f"SKIP: cannot make a private network namespace (unshare -rn: {why}); "
              f"--bind any is never tested on the machine's real interfaces", flush=True)
        sys.exit(SKIP)
    env = dict(os.environ, **{MARKER: "1"})
    argv = argv or [os.path.abspath(__file__), BINARY]
    rc = subprocess.run(["unshare", "-rn", sys.executable] + argv, env=env).returncode
    sys.exit(rc)


def loopback_up():
    """Brings `lo` up (a new namespace starts with it down), without needing `ip`."""
    SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        request = struct.pack("16sH", b"lo", 0)
        flags = struct.unpack("16sH", fcntl.ioctl(s, SIOCGIFFLAGS, request))[1]
        fcntl.ioctl(s, SIOCSIFFLAGS, struct.pack("16sH", b"lo", flags | IFF_UP))


def tcp_echo(family, host, port):
    """True when a TCP client over @p host gets its line echoed."""
    try:
        with socket.socket(family, socket.SOCK_STREAM) as s:
            s.settimeout(TIMEOUT)
            s.connect((host, port))
            s.sendall(b"hola\n")
            return recv_exactly(s, 5) == b"hola\n"
    except OSError:
        return False


def udp_echo(family, host, port):
    """True when a datagram to @p host comes back (the server runs with --echo)."""
    with socket.socket(family, socket.SOCK_DGRAM) as s:
        s.settimeout(2)
        try:
            s.sendto(b"hola", (host, port))
            return s.recvfrom(100)[0] == b"hola"
        except OSError:
            return False


def case(protocol, bind, announced, v4, v6):
    extra = ["--mode", "echo", "--threads", "2"] if protocol == "tcp" else ["--echo"]
    with Server(protocol, "--port", "0", "--bind", bind, *extra) as srv:
        check(srv.address == announced,
              f"{protocol} --bind {bind}: listening on {srv.address!r}, expected {announced!r}: "
              f"{srv.listening_line!r}")
        check((DUAL in srv.listening_line) == (bind == "any"),
              f"{protocol} --bind {bind}: says dual-stack iff it is: {srv.listening_line!r}")
        echo = tcp_echo if protocol == "tcp" else udp_echo
        got4 = echo(socket.AF_INET, "127.0.0.1", srv.port)
        got6 = echo(socket.AF_INET6, "::1", srv.port)
        check(got4 == v4, f"{protocol} --bind {bind}: IPv4 client served={got4}, expected {v4}")
        check(got6 == v6, f"{protocol} --bind {bind}: IPv6 client served={got6}, expected {v6}")
        if protocol == "tcp" and v4:
            # An IPv4 client of a dual-stack socket is shown as IPv4, not ::ffff:127.0.0.1.
            srv.expect(r"connected 127\.0\.0\.1:\d+$", f"tcp --bind {bind}: IPv4 peer shown")
        srv.stop()


def test_tcp_any():
    case("tcp", "any", "[::]", True, True)


def test_tcp_any4():
    case("tcp", "any4", "0.0.0.0", True, False)


def test_tcp_any6():
    case("tcp", "any6", "[::]", False, True)


def test_udp_any():
    case("udp", "any", "[::]", True, True)


def test_udp_any4():
    case("udp", "any4", "0.0.0.0", True, False)


def test_udp_any6():
    case("udp", "any6", "[::]", False, True)


def main():
    require_binary()
    enter_namespace()
    loopback_up()
    interfaces = sorted(name for _, name in socket.if_nameindex())
    if interfaces != ["lo"]:
        # Never bind every address where a real interface could be reached.
        print(f"FAIL: the namespace has interfaces {interfaces}, expected only lo", flush=True)
        sys.exit(1)
    for fn in (test_tcp_any, test_tcp_any4, test_tcp_any6, test_udp_any, test_udp_any4,
               test_udp_any6):
        run_case(fn)
    finish()


if __name__ == "__main__":
    main()

"""Shared helpers of the network interop tests: run `stdlab serve`, follow its event lines.

`stdlab serve` prints one line per event on stdout, each starting with an ISO time:
    2026-12-02T00:40:01.123 listening 127.0.0.1:41234 mode=echo threads=2
    2026-12-02T00:40:01.200 connected 127.0.0.1:53210
    2026-12-02T00:40:01.201 message 127.0.0.1:53210 "Hola, servidor!"
The first line appears only once the server listens; SIGTERM/SIGINT stop it with a summary.
"""
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time

BINARY = os.environ.get("STDLAB_BINARY") or (sys.argv[1] if len(sys.argv) > 1 else "")
SANITIZED = bool(os.environ.get("STDLAB_SANITIZED"))
# Everything waits for something to happen; these are only upper bounds (slow CI, ASan).
TIMEOUT = 30 if SANITIZED else 15

ISO_TIME = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?"
EVENT = re.compile(r"^(" + ISO_TIME + r") (\w+)(?: (.*))?$")

_failures = []


def check(condition, what):
    """Records a failed expectation (the test goes on, so one run shows every failure)."""
    if not condition:
        _failures.append(what)
        print(f"FAIL: {what}", flush=True)
    return condition


def finish():
    """Exit code of the test: 1 if any check failed."""
    if _failures:
        print(f"{len(_failures)} check(s) failed", flush=True)
        sys.exit(1)
    print("all checks passed", flush=True)
    sys.exit(0)


def run_case(fn):
    """Runs one test function; an exception fails it (with the traceback) and the rest go on."""
    print(f"--- {fn.__name__}", flush=True)
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - any exception is a failure of this case
        import traceback
        traceback.print_exc()
        check(False, f"{fn.__name__}: {type(e).__name__}: {e}")


def require_binary():
    if not BINARY or not os.access(BINARY, os.X_OK):
        print(f"STDLAB_BINARY not set or not executable: {BINARY!r}", flush=True)
        sys.exit(1)


def q(text):
    """A regex for how an event line shows a message: the text in double quotes."""
    return re.escape('"' + text + '"')


class Server:
    """`stdlab serve ARGS...` with its event lines collected by a reader thread."""

    def __init__(self, *args, env=None, stdin=True):
        require_binary()
        self.args = list(args)
        self.lines = []          # every stdout line so far (decoded, no newline)
        self._new = threading.Condition()
        self.proc = subprocess.Popen(
            [BINARY, "serve", *self.args],
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=env, start_new_session=True)
        self.stderr = b""
        self._eof = False
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        threading.Thread(target=self._read_err, daemon=True).start()
        self.port = None
        self.address = None
        m = self.wait_for(r"listening (\S+):(\d+)\b")
        if m is None:
            self.kill()
            raise AssertionError(f"`stdlab serve {' '.join(self.args)}` printed no listening "
                                 f"line; stdout={self.lines!r} stderr={self.stderr[-500:]!r}")
        self.address, self.port = m.group(1), int(m.group(2))
        self.listening_line = m.string

    def _read(self):
        for raw in self.proc.stdout:
            with self._new:
                self.lines.append(raw.decode("utf-8", errors="replace").rstrip("\r\n"))
                self._new.notify_all()
        with self._new:
            self._eof = True
            self._new.notify_all()

    def _read_err(self):
        for raw in self.proc.stderr:
            self.stderr += raw

    def events(self, kind=None):
        """(kind, rest) of every event line so far (of one kind if given)."""
        out = []
        for line in list(self.lines):
            m = EVENT.match(line)
            if m and (kind is None or m.group(2) == kind):
                out.append((m.group(2), m.group(3) or ""))
        return out

    def wait_for(self, pattern, timeout=TIMEOUT, start=0, count=1):
        """Waits until @p count lines from index @p start match @p pattern (re.search); returns
        the last match, or None on timeout or when the server's stdout ended."""
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._new:
            while True:
                found = [m for m in (rx.search(l) for l in self.lines[start:]) if m]
                if len(found) >= count:
                    return found[count - 1]
                left = deadline - time.monotonic()
                if left <= 0 or self._eof:
                    return None
                self._new.wait(min(left, 0.2))

    def expect(self, pattern, what, **kw):
        m = self.wait_for(pattern, **kw)
        check(m is not None, f"{what}: no line matching {pattern!r} in {self.lines[-12:]!r}")
        return m

    def send_stdin(self, text):
        self.proc.stdin.write(text.encode("utf-8"))
        self.proc.stdin.flush()

    def rss_kb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def stop(self, sig=signal.SIGTERM, timeout=TIMEOUT):
        """Stops the server with @p sig; checks a clean exit (status 0) and a summary line."""
        n = len(self.lines)
        self.proc.send_signal(sig)
        try:
            rc = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            check(False, f"serve {self.args}: did not exit within {timeout} s of {sig.name}")
            return None
        self._reader.join(timeout=5)  # every line the server wrote before exiting
        check(rc == 0, f"serve {self.args}: exit status {rc} after {sig.name}, "
                       f"stderr={self.stderr[-500:]!r}")
        tail = self.lines[n:]
        check(any(EVENT.match(l) and EVENT.match(l).group(2) == "stopped" for l in tail),
              f"serve {self.args}: no `stopped` summary line after {sig.name}: {tail!r}")
        return rc

    def kill(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.kill()
        return False


def recv_exactly(sock, n, timeout=TIMEOUT):
    """Reads until @p n bytes arrived (or EOF / timeout); returns what arrived."""
    sock.settimeout(timeout)
    data = b""
    deadline = time.monotonic() + timeout
    while len(data) < n and time.monotonic() < deadline:
        try:
            chunk = sock.recv(n - len(data))
        except socket.timeout:
            break
        if not chunk:
            break
        data += chunk
    return data


def recv_until(sock, predicate, timeout=TIMEOUT):
    """Reads until predicate(data) holds (or EOF / timeout); returns what arrived."""
    sock.settimeout(0.2)
    data = b""
    deadline = time.monotonic() + timeout
    while not predicate(data) and time.monotonic() < deadline:
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            continue
        if not chunk:
            break
        data += chunk
    return data


def wait_eof(sock, timeout=TIMEOUT):
    """True when the peer closed the connection (recv returns b"" or a reset) in time; bytes
    arriving meanwhile are discarded."""
    sock.settimeout(0.2)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if sock.recv(65536) == b"":
                return True
        except socket.timeout:
            continue
        except ConnectionResetError:
            return True
    return False


def free_port(kind=socket.SOCK_STREAM):
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

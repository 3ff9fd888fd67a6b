#!/usr/bin/env python3
"""bench/run chat: the same TCP echo loads, in one run, against every peer.

Peers: `stdlab serve tcp --mode echo` (worker pool, default threads: a worker per core but
one), the same with `--threads 1` (pool1: one worker, the default on 2 cores), the same
with `--thread-per-client`, a single-threaded edge-triggered epoll echo server in C (epoll_echo.c,
the reference: what a server that does nothing else reaches here), the course's
thread-per-client Python server (threaded_echo_server.py, copied here from the course) and
`ncat -l -k --exec /bin/cat`. Loads (bench_chat_loadgen):
  1k:  1,000 clients x 200 messages of 64 B (each client sends, waits for the echo, sends on)
  10k: 10,000 clients connected at once, each sending 10 messages of 64 B at 1 message/s
       (10,000 msgs/s offered, spread evenly), each round trip timed from its scheduled time
  10kflood (not run by default): the same 10,000 clients all in flight at once, each sending
       the next message as soon as its echo is back. Its latencies are ~10,000 / throughput
       (Little's law: 300-900 ms here for the C epoll server too), so it measures throughput.
TLS (tls1k): the 1k load with every client over TLS (bench_chat_loadgen --tls 1, the handshake
inside connect_s) against `stdlab serve tcp --tls --mode echo`, `ncat -l -k --ssl --exec
/bin/cat` and the Python server wrapped in ssl, all with one certificate made here.
Room (bench_chat_roomload): 200 members each send 10 lines/s for 10 s to `stdlab serve tcp
--mode room` and to `ncat --broker`; every line must reach the 199 others (lost = missing).
Every server is started fresh for each load, on 127.0.0.1 and a port of its own; stdlab's
event lines go to a file (they are part of its work, as they would be in a terminal).
Under each 1k row: its p90/p99.9 and latency histogram (round trips under 1, 2, 4 ... 512 ms
and over), to compare the shapes of the tails.

Usage: chat.py STDLAB BENCHDIR   (env PEERS=stdlab,epoll,pool1,tpc,python,ncat,
LOADS=1k,10k,room,tls1k; TLS_PEERS=stdlab_tls,ncat_tls,python_tls)
"""
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
STDLAB, BENCHDIR = sys.argv[1], sys.argv[2]
LOADGEN = os.path.join(BENCHDIR, "bench_chat_loadgen")
EPOLL = os.path.join(BENCHDIR, "bench_chat_epoll_echo")
ROOMLOAD = os.path.join(BENCHDIR, "bench_chat_roomload")
ROOM = dict(members=200, rate=10, seconds=10, drain=5)

LOADS = {
    "1k": dict(clients=1000, messages=200),
    "10k": dict(clients=10000, messages=10, rate=1),
    "10kflood": dict(clients=10000, messages=10),
    "tls1k": dict(clients=1000, messages=200, tls=True),
}
# The certificate and key every TLS peer serves (made by main() in the work directory).
TLS_FILES = {}
# Seconds a peer gets for a whole load (connect + exchange); what is not done by then counts as
# errors (err_timeout). They keep the whole run under 4 minutes even when a peer cannot cope.
# The thread-per-client servers (stdlab's and Python's) start a thread per client, a few hundred
# a second here: at 10,000 clients they get 40 s, and what they have not served is reported.
TIMEOUTS = {"1k": 60, "10k": 60, "10kflood": 60, "tls1k": 60, ("ncat", "1k"): 45,
            ("ncat_tls", "tls1k"): 45, ("tpc", "10k"): 40,
            ("python", "10k"): 40, ("tpc", "10kflood"): 40, ("python", "10kflood"): 40}
# ncat listens with a backlog of 10 and forks a relay process plus a cat per client: clients
# are let in 8 at a time (more only get their SYNs dropped and retried seconds later), and the
# 10,000-client load would need 20,000 processes, so it is skipped for ncat.
NCAT_INFLIGHT = 8
NCAT_SKIP_10K = ("skipped: ncat forks a relay process and a cat per client (20,000 processes "
                 "for 10,000 clients) and accepts ~30-100 clients/s here; 1,000 already take "
                 "tens of seconds to connect")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def raise_nofile():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def wait_connectable(port, proc, deadline):
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            time.sleep(0.05)
    return False


class Server:
    """One peer process, started in its own session so that it and its children can be killed."""

    def __init__(self, peer, workdir):
        self.peer = peer
        self.log = open(os.path.join(workdir, f"{peer}.log"), "w+b")
        self.err = open(os.path.join(workdir, f"{peer}.err"), "w+b")
        self.port = None
        self.proc = None
        self.summary = ""

    def start(self):
        deadline = time.monotonic() + 20
        if self.peer in ("stdlab", "tpc", "pool1", "stdlab_tls"):
            cmd = [STDLAB, "serve", "tcp", "--mode", "echo", "--port", "0"]
            if self.peer == "stdlab_tls":
                cmd += ["--tls", "--tls-cert", TLS_FILES["cert"], "--tls-key", TLS_FILES["key"]]
            if self.peer == "tpc":
                cmd.append("--thread-per-client")
            if self.peer == "pool1":
                cmd += ["--threads", "1"]
        elif self.peer == "room":
            cmd = [STDLAB, "serve", "tcp", "--mode", "room", "--port", "0", "--quiet"]
        elif self.peer == "epoll":
            cmd = [EPOLL, "0"]
        elif self.peer == "broker":
            self.port = free_port()
            cmd = ["ncat", "-l", "--broker", "--max-conns", "20000", "127.0.0.1", str(self.port)]
        elif self.peer in ("python", "python_tls"):
            self.port = free_port()
            cmd = [sys.executable, os.path.join(HERE, "threaded_echo_server.py"), str(self.port)]
            if self.peer == "python_tls":
                cmd += [TLS_FILES["cert"], TLS_FILES["key"]]
        elif self.peer == "ncat_tls":
            self.port = free_port()
            cmd = ["ncat", "-l", "-k", "--max-conns", "20000", "--ssl", "--ssl-cert",
                   TLS_FILES["cert"], "--ssl-key", TLS_FILES["key"], "--exec", "/bin/cat",
                   "127.0.0.1", str(self.port)]
        else:
            self.port = free_port()
            cmd = ["ncat", "-l", "-k", "--max-conns", "20000", "--exec", "/bin/cat",
                   "127.0.0.1", str(self.port)]
        # The peers get the hard limit of open files; stdlab raises its own (10,000 clients
        # must work from a shell whose soft limit is 1,024).
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=self.log,
                                     stderr=self.err, start_new_session=True,
                                     preexec_fn=None if self.peer in ("stdlab", "tpc", "pool1",
                                                                      "room", "stdlab_tls")
                                     else raise_nofile)
        if self.port is None:
            # `listening 127.0.0.1:PORT ...` is printed once the server is bound.
            while time.monotonic() < deadline and self.proc.poll() is None:
                self.log.seek(0)
                m = re.search(rb"(?:^| )listening 127\.0\.0\.1:(\d+)", self.log.read(4096),
                              re.M)
                if m:
                    self.port = int(m.group(1))
                    break
                time.sleep(0.02)
            if self.port is None:
                return self.fail("no `listening` line")
        elif not wait_connectable(self.port, self.proc, deadline):
            return self.fail("not accepting connections")
        return None

    def fail(self, why):
        self.stop()
        self.err.seek(0)
        err = self.err.read()[-300:].decode(errors="replace")
        return f"{why}: {' '.join(err.split())}"

    def stop(self):
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.summary = "did not stop within 10 s of SIGTERM"
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)  # ncat's and Python's leftovers
        except ProcessLookupError:
            pass
        self.proc.wait()
        if self.peer in ("stdlab", "tpc", "pool1", "room", "stdlab_tls") and not self.summary:
            self.log.seek(0, os.SEEK_END)
            size = self.log.tell()
            self.log.seek(max(0, size - 2000))
            tail = self.log.read().decode(errors="replace").strip().splitlines()
            self.summary = tail[-1] if tail else ""


def run_peer(peer, workdir, command, key, timeout):
    """Starts @p peer, runs the load @p command(port) against it, stops it; the load's last
    line as a dict of figures (or a note saying why there are none)."""
    server = Server(peer, workdir)
    why = server.start()
    if why:
        return dict(note=f"not run: {why}")
    try:
        out = subprocess.run(command(server.port), capture_output=True, text=True,
                             timeout=timeout)
    finally:
        server.stop()
    line = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else ""
    figures = dict(kv.split("=", 1) for kv in line.split() if "=" in kv)
    if out.returncode != 0 or key not in figures:
        return dict(note=f"load failed: {out.stderr.strip()[-300:]}")
    if server.summary.startswith("did not stop"):
        figures["note"] = server.summary
    return figures


def run_load(peer, load, workdir):
    spec = LOADS[load]
    timeout = TIMEOUTS.get((peer, load), TIMEOUTS[load])
    if peer == "ncat" and load.startswith("10k"):
        return dict(note=NCAT_SKIP_10K)

    def command(port):
        cmd = [LOADGEN, "--port", str(port), "--clients", str(spec["clients"]),
               "--messages", str(spec["messages"]), "--size", "64", "--timeout", str(timeout)]
        if "rate" in spec:
            cmd += ["--rate", str(spec["rate"])]
        if spec.get("tls"):
            cmd += ["--tls", "1"]
        if peer in ("ncat", "ncat_tls"):
            cmd += ["--inflight", str(NCAT_INFLIGHT)]
        return cmd

    return run_peer(peer, workdir, command, "msgs_per_s", timeout + 30)


def run_room(peer, workdir):
    def command(port):
        return [ROOMLOAD, "--port", str(port)] + [
            a for k, v in ROOM.items() for a in (f"--{k}", str(v))]

    return run_peer(peer, workdir, command, "deliveries_per_s",
                    ROOM["seconds"] + ROOM["drain"] + 60)


def main():
    peers = os.environ.get("PEERS", "stdlab,epoll,pool1,tpc,python,ncat").split(",")
    loads = os.environ.get("LOADS", "1k,10k,room,tls1k").split(",")
    tls_peers = os.environ.get("TLS_PEERS", "stdlab_tls,ncat_tls,python_tls").split(",")
    names = {"stdlab": "stdlab serve (pool)", "pool1": "stdlab serve --threads 1",
             "tpc": "stdlab --thread-per-client",
             "epoll": "C epoll echo (reference)",
             "python": "python threaded_echo_server", "ncat": "ncat --exec /bin/cat",
             "room": "stdlab serve --mode room", "broker": "ncat --broker",
             "stdlab_tls": "stdlab serve --tls", "ncat_tls": "ncat --ssl --exec /bin/cat",
             "python_tls": "python threaded + ssl"}
    with open("/proc/loadavg") as f:
        load_before = f.read().split()[0]
    print(f"load average before: {load_before} on {os.cpu_count()} cores", flush=True)
    results = {}
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="stdlab-bench-chat.") as workdir:
        TLS_FILES["cert"] = os.path.join(workdir, "cert.pem")
        TLS_FILES["key"] = os.path.join(workdir, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:P-256", "-nodes", "-keyout", TLS_FILES["key"],
                        "-out", TLS_FILES["cert"], "-days", "2", "-subj", "/CN=localhost",
                        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                       check=True, capture_output=True)
        print(f"{'peer':30} {'load':>9} {'msgs_per_s':>10} {'p50_ms':>8} {'p99_ms':>8} "
              f"{'errors':>6} {'connect_s':>9} {'elapsed_s':>9}", flush=True)
        for load in [x for x in loads if x != "room"]:
            for peer in (tls_peers if LOADS[load].get("tls") else peers):
                r = run_load(peer, load, workdir)
                results[(peer, load)] = r
                label = f"{LOADS[load]['clients']}x{LOADS[load]['messages']}"
                if "rate" in LOADS[load]:
                    label += f"@{LOADS[load]['rate']}/s"
                if "msgs_per_s" in r:
                    kinds = " ".join(f"{k[4:]}={v}" for k, v in r.items()
                                     if k.startswith("err_") and v != "0")
                    print(f"{names[peer]:30} {label:>9} {r['msgs_per_s']:>10} {r['p50_ms']:>8} "
                          f"{r['p99_ms']:>8} {r['errors']:>6} {r['connect_s']:>9} "
                          f"{r['elapsed_s']:>9} {kinds} {r.get('note', '')}".rstrip(),
                          flush=True)
                    if load == "1k" and "hist_ms" in r:
                        print(f"{'':30} {'':>9} p90_ms={r['p90_ms']} p999_ms={r['p999_ms']} "
                              f"max_ms={r['max_ms']} hist_ms={r['hist_ms']}", flush=True)
                else:
                    print(f"{names[peer]:30} {label:>9} {r['note']}", flush=True)
        if "room" in loads:
            print(f"{'room peer':30} {'members':>9} {'deliv_per_s':>11} {'lost':>8} "
                  f"{'p50_ms':>8} {'p99_ms':>8}", flush=True)
            for peer in ("room", "broker"):
                r = run_room(peer, workdir)
                results[(peer, "room")] = r
                if "deliveries_per_s" in r:
                    print(f"{names[peer]:30} {r['members']:>9} {r['deliveries_per_s']:>11} "
                          f"{r['lost']:>8} {r['p50_ms']:>8} {r['p99_ms']:>8} "
                          f"{r.get('note', '')}".rstrip(), flush=True)
                else:
                    print(f"{names[peer]:30} {r['note']}", flush=True)
    print(f"total {time.monotonic() - t0:.0f} s", file=sys.stderr)
    with open("/proc/loadavg") as f:
        load_after = f.read().split()[0]
    print(f"load average after: {load_after}", flush=True)

    def fig(peer, load, key, default="nan"):
        return results.get((peer, load), {}).get(key, default)

    def ratio(peer):
        a, b = float(fig("stdlab", "1k", "msgs_per_s")), float(fig(peer, "1k", "msgs_per_s"))
        return f"{a / b:.2f}" if b > 0 else "nan"

    def quotient(a, b):
        try:
            a, b = float(a), float(b)
        except ValueError:
            return "nan"
        return f"{a / b:.2f}" if b > 0 else "nan"

    summary = {
        "msgs_per_s": fig("stdlab", "1k", "msgs_per_s"),
        "ratio_epoll": ratio("epoll"),
        "p99_ratio_epoll": quotient(fig("stdlab", "1k", "p99_ms"), fig("epoll", "1k", "p99_ms")),
        "epoll_msgs_per_s": fig("epoll", "1k", "msgs_per_s"),
        "epoll_p99_ms": fig("epoll", "1k", "p99_ms"),
        "p999_ratio_epoll": quotient(fig("stdlab", "1k", "p999_ms"),
                                     fig("epoll", "1k", "p999_ms")),
        "pool1_ratio_epoll": quotient(fig("pool1", "1k", "msgs_per_s"),
                                      fig("epoll", "1k", "msgs_per_s")),
        "pool1_p99_ratio_epoll": quotient(fig("pool1", "1k", "p99_ms"),
                                          fig("epoll", "1k", "p99_ms")),
        "ratio_python": ratio("python"),
        "ratio_tpc": ratio("tpc"),
        "ratio_ncat": ratio("ncat"),
        "p99_ms": fig("stdlab", "1k", "p99_ms"),
        "errors": fig("stdlab", "1k", "errors"),
        "clients10k_errors": fig("stdlab", "10k", "errors"),
        "msgs_per_s_10k": fig("stdlab", "10k", "msgs_per_s"),
        "p99_10k_ms": fig("stdlab", "10k", "p99_ms"),
        "epoll_p99_10k_ms": fig("epoll", "10k", "p99_ms"),
        "p99_10kflood_ms": fig("stdlab", "10kflood", "p99_ms"),
        "epoll_p99_10kflood_ms": fig("epoll", "10kflood", "p99_ms"),
        "connect_10k_s": fig("stdlab", "10k", "connect_s"),
        "python_msgs_per_s": fig("python", "1k", "msgs_per_s"),
        "tpc_msgs_per_s": fig("tpc", "1k", "msgs_per_s"),
        "ncat_msgs_per_s": fig("ncat", "1k", "msgs_per_s"),
        "tpc10k_errors": fig("tpc", "10k", "errors"),
        "python10k_errors": fig("python", "10k", "errors"),
        "room_deliveries_per_s": fig("room", "room", "deliveries_per_s"),
        "room_lost": fig("room", "room", "lost"),
        "room_p99_ms": fig("room", "room", "p99_ms"),
        "ncat_broker_deliveries_per_s": fig("broker", "room", "deliveries_per_s"),
        "ncat_broker_lost": fig("broker", "room", "lost"),
        "ratio_ncat_broker": quotient(fig("room", "room", "deliveries_per_s"),
                                      fig("broker", "room", "deliveries_per_s")),
        "tls_msgs_per_s": fig("stdlab_tls", "tls1k", "msgs_per_s"),
        "tls_p99_ms": fig("stdlab_tls", "tls1k", "p99_ms"),
        "tls_connect_s": fig("stdlab_tls", "tls1k", "connect_s"),
        "tls_errors": fig("stdlab_tls", "tls1k", "errors"),
        "ncat_tls_msgs_per_s": fig("ncat_tls", "tls1k", "msgs_per_s"),
        "python_tls_msgs_per_s": fig("python_tls", "tls1k", "msgs_per_s"),
        "ratio_tls_ncat": quotient(fig("stdlab_tls", "tls1k", "msgs_per_s"),
                                   fig("ncat_tls", "tls1k", "msgs_per_s")),
        "ratio_tls_python": quotient(fig("stdlab_tls", "tls1k", "msgs_per_s"),
                                     fig("python_tls", "tls1k", "msgs_per_s")),
        "tls_vs_plain": quotient(fig("stdlab_tls", "tls1k", "msgs_per_s"),
                                 fig("stdlab", "1k", "msgs_per_s")),
        "goal_ratio_python": "3",
        "goal_ratio_epoll": "0.9",
        "goal_p99_ratio_epoll": "1.5",
        "load_before": load_before,
        "load_after": load_after,
    }
    print(" ".join(f"{k}={v}" for k, v in summary.items()))


if __name__ == "__main__":
    main()

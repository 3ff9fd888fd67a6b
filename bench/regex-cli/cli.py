#!/usr/bin/env python3
"""cli.py STDLAB TEXT_FILE ROUNDS: the rows of bench/run regex-cli (see run)."""
import hashlib
import os
import subprocess
import sys
import time

stdlab, text_file, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
tmp = os.path.dirname(text_file)

READ = "import re, sys\nt = open(sys.argv[1], encoding='utf-8').read()\n"
BATCH_PY = r"""import json, re, sys
def match(m):
    n = len(m.groups())
    return {"span": list(m.span()), "groups": list(m.groups()),
            "spans": [list(m.span(g)) for g in range(1, n + 1)], "groupdict": m.groupdict()}
for line in sys.stdin:
    rq = json.loads(line)
    if rq["op"] == "subn":
        r = list(re.subn(rq["pattern"], rq["repl"], rq["text"]))
    else:
        r = [match(m) for m in re.finditer(rq["pattern"], rq["text"])]
    print(json.dumps({"id": rq.get("id"), "result": r}, ensure_ascii=False, sort_keys=True,
                     separators=(",", ":")))
"""

# (name, stdlab arguments, python program, stdin file)
ROWS = [
    ("findall_email", ["findall", r"(\w+)@(\w+\.\w{2,})"],
     READ + r"print(re.findall(r'(\w+)@(\w+\.\w{2,})', t))", None),
    ("findall_word", ["findall", r"\w+"], READ + r"print(re.findall(r'\w+', t))", None),
    ("finditer_word", ["finditer", r"\w+"], READ + r"print(list(re.finditer(r'\w+', t)))", None),
    ("split_space", ["split", r"\s+"], READ + r"print(re.split(r'\s+', t))", None),
    ("subn_word", ["subn", r"\w+", "--repl", "x"], READ + r"print(re.subn(r'\w+', 'x', t))", None),
    ("finditer_batch", None, BATCH_PY, "request"),
    ("subn_batch", None, BATCH_PY, "request_subn"),
]


def commands(row):
    name, args, program, stdin = row
    if stdin:
        return [stdlab, "regex", "--batch"], ["python3", "-c", program]
    return ([stdlab, "regex", *args, "--file", text_file],
            ["python3", "-c", program, text_file])


def measure(cmd, stdin_path):
    """Wall seconds, CPU seconds and peak RSS (MB) of one run, output to /dev/null."""
    with open(stdin_path or os.devnull, "rb") as inp, open(os.devnull, "wb") as out:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdin=inp, stdout=out)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit(f"{cmd[:3]} exited with {p.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def digest(cmd, stdin_path):
    h = hashlib.sha256()
    n = 0
    with open(stdin_path or os.devnull, "rb") as inp:
        p = subprocess.Popen(cmd, stdin=inp, stdout=subprocess.PIPE)
        while chunk := p.stdout.read(1 << 20):
            h.update(chunk)
            n += len(chunk)
        p.wait()
    return h.hexdigest(), n


# Made by a child: the children's peak RSS counts the pages of this process they start from.
requests = {}
for name, extra in (("request", ""), ("request_subn", ", 'repl': 'x'")):
    requests[name] = os.path.join(tmp, name + ".jsonl")
    op = "subn" if extra else "finditer"
    subprocess.run(["python3", "-c", "import json, sys\n"
                    "t = open(sys.argv[1], encoding='utf-8').read()\n"
                    "open(sys.argv[2], 'w').write(json.dumps("
                    f"{{'id': 1, 'op': '{op}', 'pattern': r'\\w+', 'text': t{extra}}}) + '\\n')",
                    text_file, requests[name]], check=True)

figures = {}
bad = 0
for row in ROWS:
    name = row[0]
    ours, theirs = commands(row)
    stdin_path = requests[row[3]] if row[3] else None
    best = {"stdlab": (1e9, 1e9, 0), "python": (1e9, 1e9, 0)}
    for _ in range(rounds):
        for who, cmd in (("stdlab", ours), ("python", theirs)):
            wall, cpu, rss = measure(cmd, stdin_path)
            b = best[who]
            best[who] = (min(b[0], wall), min(b[1], cpu), max(b[2], rss))
    a, b = digest(ours, stdin_path), digest(theirs, stdin_path)
    same = a == b
    bad += not same
    (st, sc, sr), (pt, pc, pr) = best["stdlab"], best["python"]
    print(f"{name:<15} stdlab {st:6.2f} s ({sc:5.2f} CPU) {sr:5.0f} MB   "
          f"python {pt:6.2f} s ({pc:5.2f} CPU) {pr:5.0f} MB   x{pt / st:5.2f} faster "
          f"(CPU x{pc / sc:5.2f}), RSS {sr / pr:4.2f} of python's   output {a[1]:,} bytes"
          + ("" if same else f"  OUTPUT DIFFERS (python: {b[1]:,} bytes)"), flush=True)
    figures[f"ratio_python_{name}"] = pt / st
    figures[f"rss_ratio_{name}"] = sr / pr
    figures[f"cpu_ratio_python_{name}"] = pc / sc
print(" ".join(f"{k}={v:.2f}" for k, v in figures.items()) + f" output_mismatches={bad}")
sys.exit(1 if bad else 0)

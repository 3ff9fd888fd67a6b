#!/usr/bin/env python3
"""Writes N mixed `stdlab date --batch` requests (fixed seed) to stdout, one JSON per line."""
import json
import random
import sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
rng = random.Random(1234)
ZONES = ["Europe/Madrid", "America/New_York", "Asia/Tokyo", "UTC", "Australia/Sydney"]
FORMATS = ["%Y-%m-%d %H:%M:%S", "%A %d %B %Y", "%c", "%d/%m/%y %I:%M %p", "%G-W%V-%u %j"]


def dt():
    y = rng.choice([rng.randint(1900, 2100), rng.randint(1, 9999)])
    s = "%04d-%02d-%02dT%02d:%02d:%02d" % (y, rng.randint(1, 12), rng.randint(1, 28),
                                           rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59))
    if rng.random() < 0.3:
        s += ".%06d" % rng.randint(0, 999999)
    if rng.random() < 0.2:
        s += rng.choice(["+02:00", "-05:00", "Z", "+05:30"])
    return s


def request(i):
    op = rng.choice(["parts", "add", "add", "diff", "strftime", "strptime", "convert", "compare"])
    r = {"op": op, "id": i}
    if op == "parts":
        r["dt"] = dt()
        if rng.random() < 0.5:
            r["tz"] = rng.choice(ZONES)
    elif op == "add":
        r["dt"] = dt()
        for k in rng.sample(["years", "months", "weeks", "days", "hours", "minutes", "seconds"], 3):
            r[k] = rng.randint(-100, 100)
        if rng.random() < 0.3:
            r["tz"] = rng.choice(ZONES)
    elif op in ("diff", "compare"):
        a, b = dt(), dt()
        if ("+" in a or "Z" in a or a.count("-") > 2) != ("+" in b or "Z" in b or b.count("-") > 2):
            b = a
        r["a"], r["b"] = a, b
    elif op == "strftime":
        r["dt"] = dt()
        r["format"] = rng.choice(FORMATS)
    elif op == "strptime":
        fmt = rng.choice(["%Y-%m-%d %H:%M:%S", "%d/%m/%y", "%A %d %B %Y"])
        y, m, d = rng.randint(1970, 2030), rng.randint(1, 12), rng.randint(1, 28)
        import datetime
        r["text"] = datetime.datetime(y, m, d, rng.randint(0, 23), rng.randint(0, 59)).strftime(fmt)
        r["format"] = fmt
    else:
        r["dt"] = dt()[:19]
        r["from"], r["to"] = rng.choice(ZONES), rng.choice(ZONES)
        r["fold"] = rng.choice([0, 1])
    return r


out = sys.stdout
for i in range(N):
    out.write(json.dumps(request(i)) + "\n")

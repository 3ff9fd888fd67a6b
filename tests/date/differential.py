#!/usr/bin/env python3
"""Differential test: `stdlab date --batch` against CPython's datetime + zoneinfo.

Generates a few thousand requests with a fixed seed (leap years, month ends, years 1 and 9999,
DST gaps and folds in Europe/Madrid and America/New_York, negative timedeltas, every strftime
and strptime directive, error cases), runs them through the binary in one batch and through
tests/date/pyreference.py, and fails on any difference.
    STDLAB_BINARY=build/bin/stdlab tests/date/differential.py [--count N] [--seed S] [--show]
"""
import argparse
import datetime as D
import json
import os
import random
import subprocess
import sys
import time

os.environ["TZ"] = "UTC"  # strptime's %Z accepts the local zone's names: make them fixed
time.tzset()
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyreference  # noqa: E402

ZONES = ["Europe/Madrid", "America/New_York", "UTC", "Asia/Kolkata", "Australia/Lord_Howe",
         "Europe/London", "Europe/Dublin", "America/Sao_Paulo", "Asia/Kathmandu",
         "America/St_Johns", "Pacific/Apia", "Antarctica/Troll", "Africa/Casablanca",
         "Pacific/Chatham", "Asia/Tokyo", "America/Los_Angeles", "Etc/GMT+5"]
DST_ZONES = ["Europe/Madrid", "America/New_York"]
BAD_ZONES = ["Invalid/Zone", "europe/madrid", "Europe", "", "/etc/passwd", "../zoneinfo",
             "Europe/Madrid/", "zone.tab"]
STRFTIME_DIRECTIVES = list("aAwdbBmyYHIpMSfzZjUWcxX%GuV") + list("eCDFTRrghnktlPs")
STRPTIME_DIRECTIVES = list("aAwdbBmyYHIpMSfzZjUWcxX%GuV")
EXTRA_FORMATS = ["%-d/%-m/%Y", "%_H|%_M", "%^a %^B", "%#b", "%10Y", "%Ey %OH", "%Q", "100%",
                 "%", "%%z %%f", "", "plain text", "%5d", "%-j", "%c%%%Z", "%Y-%m-%dT%H:%M:%S%z",
                 "año %Y ñ", "%+4Y", "%Ec %Ex %EX"]


def rand_dt(rng, aware=False):
    kind = rng.random()
    if kind < 0.08:
        year = rng.choice([1, 2, 9998, 9999])
    elif kind < 0.25:
        year = rng.choice([1900, 2000, 2004, 2023, 2024, 2100, 2400, 1600, 1582, 1970, 2038])
    elif kind < 0.7:
        year = rng.randint(1900, 2100)
    else:
        year = rng.randint(1, 9999)
    month = rng.randint(1, 12)
    last = [31, 29 if (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)) else 28,
            31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    day = rng.choice([1, last, last - 1, rng.randint(1, last), 28])
    if rng.random() < 0.3:
        h = m = s = us = 0
    else:
        h, m, s = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
        us = 0 if rng.random() < 0.6 else rng.choice([1, 999999, 500000, rng.randint(0, 999999)])
    tz = None
    if aware:
        mins = rng.choice([0, 60, 120, -300, -240, 330, 345, -150, 840, -720, 1439, -1439])
        extra = D.timedelta(seconds=rng.choice([0, 0, 0, 15]))
        tz = D.timezone(D.timedelta(minutes=mins) + (extra if mins >= 0 else -extra))
    return D.datetime(year, month, day, h, m, s, us, tzinfo=tz)


def iso_of(rng, dt):
    text = dt.isoformat()
    r = rng.random()
    if r < 0.05:
        return dt.isoformat(sep=" ")
    if r < 0.08 and dt.tzinfo is None:
        return dt.strftime("%Y%m%dT%H%M%S")
    if r < 0.10 and dt.tzinfo is not None and dt.utcoffset() == D.timedelta(0):
        return dt.replace(tzinfo=None).isoformat() + "Z"
    if r < 0.13 and dt.hour == dt.minute == dt.second == dt.microsecond == 0 and dt.tzinfo is None:
        return dt.date().isoformat()
    return text


BAD_ISO = ["2023-02-29", "2023-02-30T10:00", "2023-13-01", "0000-01-01", "10000-01-01",
           "2023-06-14T24:00:00", "2023-06-14T23:60", "2023-06-14T23:59:60", "hello", "",
           "2023-06", "2023-06-14T", "2023-06-14T1", "2023-06-14T14:06:23+24:00",
           "2023-06-14T14:06:23.", "2023-06-14T14:06:23+0", "2023-0614", "2023-W53-1",
           "2023-W24-3", "2023W243", "2023-06-14T14:06:23,5", "2023-06-14T14:06:23.1234567",
           "2023-06-14 14:06:23 ", "2024-02-29T12:00:00-23:59", "2023-06-14T14:06:23Zx",
           "2023-06-14T14+01", "2023-06-14T140623.5"]


def dst_instants(rng, zone_key):
    """Wall times near the zone's DST changes (gaps and folds), in past, present, far future."""
    zone = pyreference.ZoneInfo(zone_key)
    year = rng.choice([1918, 1945, 1970, 1985, 2000, 2007, 2023, 2024, 2037, 2038, 2100, 2500,
                       9999, rng.randint(1900, 2200)])
    # Find the transitions of that year by scanning UTC hours (cheap enough for a few cases).
    start = D.datetime(year, 1, 1, tzinfo=pyreference.UTC)
    changes = []
    prev = start.astimezone(zone).utcoffset()
    t = start
    while t.year == year:
        t2 = t + D.timedelta(hours=6)
        off = t2.astimezone(zone).utcoffset() if t2.year <= 9999 else prev
        if off != prev:
            lo, hi = t, t2
            while hi - lo > D.timedelta(minutes=1):
                mid = lo + (hi - lo) / 2
                if mid.astimezone(zone).utcoffset() == prev:
                    lo = mid
                else:
                    hi = mid
            changes.append(hi.replace(second=0, microsecond=0))
            prev = off
        t = t2
        if t.year > 9999 or t + D.timedelta(hours=6) > D.datetime(9999, 12, 31, 12, tzinfo=pyreference.UTC):
            break
    if not changes:
        return D.datetime(year, rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
                          rng.choice([0, 30, 59]))
    change = rng.choice(changes).astimezone(zone).replace(tzinfo=None)
    delta = D.timedelta(minutes=rng.choice([-90, -61, -60, -59, -30, -1, 0, 1, 29, 30, 59, 60, 61, 90]))
    return change + delta


def gen_parts(rng):
    if rng.random() < 0.4:
        zone = rng.choice(DST_ZONES + ZONES)
        dt = dst_instants(rng, zone) if zone in DST_ZONES else rand_dt(rng)
        return {"op": "parts", "dt": dt.isoformat(), "tz": zone}
    return {"op": "parts", "dt": iso_of(rng, rand_dt(rng, aware=rng.random() < 0.4))}


def rand_amount(rng, scale):
    r = rng.random()
    if r < 0.4:
        return 0
    if r < 0.5:
        return rng.choice([1, -1])
    return rng.randint(-scale, scale)


def gen_add(rng):
    req = {"op": "add"}
    if rng.random() < 0.3:
        zone = rng.choice(DST_ZONES + ZONES[:6])
        dt = dst_instants(rng, zone) if zone in DST_ZONES else rand_dt(rng)
        req["dt"] = dt.isoformat()
        req["tz"] = zone
    else:
        req["dt"] = iso_of(rng, rand_dt(rng, aware=rng.random() < 0.3))
    scales = {"years": 30, "months": 40, "weeks": 60, "days": 800, "hours": 100,
              "minutes": 5000, "seconds": 200000, "microseconds": 5000000}
    for key in rng.sample(list(scales), rng.randint(1, 4)):
        req[key] = rand_amount(rng, scales[key])
    if rng.random() < 0.05:
        req["days"] = rng.choice([3652059, -3652059, 999999999, 1000000000, -1000000000])
    if rng.random() < 0.05:
        req["years"] = rng.choice([9998, -9998, 10000])
    return req


def gen_diff(rng):
    aware = rng.random() < 0.25
    a = rand_dt(rng, aware=aware)
    if rng.random() < 0.5:
        b = a + D.timedelta(days=rng.randint(-800, 800), seconds=rng.randint(-90000, 90000),
                            microseconds=rng.randint(-10 ** 6, 10 ** 6)) \
            if 5 < a.year < 9995 else rand_dt(rng, aware)
        if aware and rng.random() < 0.5:
            b = b.astimezone(rand_dt(rng, aware=True).tzinfo) if 5 < b.year < 9995 else b
    else:
        b = rand_dt(rng, aware=aware if rng.random() < 0.95 else not aware)
    return {"op": "diff", "a": iso_of(rng, a), "b": iso_of(rng, b)}


def rand_format(rng, directives, n):
    seps = ["", " ", "-", "/", ":", ", ", "T", "  ", ".", "|", "de"]
    parts = []
    for _ in range(n):
        parts.append("%" + rng.choice(directives))
        parts.append(rng.choice(seps))
    return "".join(parts)


def gen_strftime(rng):
    r = rng.random()
    if r < 0.35:
        fmt = "%" + rng.choice(STRFTIME_DIRECTIVES)
    elif r < 0.45:
        fmt = rng.choice(EXTRA_FORMATS)
    else:
        fmt = rand_format(rng, STRFTIME_DIRECTIVES, rng.randint(1, 6))
    req = {"op": "strftime", "format": fmt}
    if rng.random() < 0.25:
        zone = rng.choice(DST_ZONES + ZONES)
        dt = dst_instants(rng, zone) if zone in DST_ZONES else rand_dt(rng)
        req["dt"] = dt.isoformat()
        req["tz"] = zone
    else:
        req["dt"] = iso_of(rng, rand_dt(rng, aware=rng.random() < 0.3))
    return req


STRPTIME_FORMATS = ["%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S.%f%z", "%d/%m/%y",
                    "%d/%m/%Y %I:%M %p", "%A %d %B %Y", "%a %b %d %H:%M:%S %Y", "%c", "%x", "%X",
                    "%x %X", "%j %Y", "%Y %j", "%G-W%V-%u", "%G %V %a", "%Y %U %w", "%Y %W %a",
                    "%Y %U %A", "%y%m%d%H%M%S", "%H:%M:%S.%f", "%I%p", "%b %d", "%m-%d", "%B",
                    "%Y-%m-%d %H:%M %Z", "%Y-%m-%d %H:%M:%S %z %Z", "%%%Y%%", "%Y%m%d",
                    "%d.%m.%Y", "%Y-%m-%dT%H:%M:%S%z", "%U %Y %w", "%W %Y %u"]


def mutate(rng, text):
    r = rng.random()
    if r < 0.2:
        return text + rng.choice(["x", " ", "0", "Z", " extra", "\u00e9"])
    if r < 0.35 and text:
        i = rng.randrange(len(text))
        return text[:i] + text[i + 1:]
    if r < 0.5 and text:
        i = rng.randrange(len(text))
        return text[:i] + rng.choice("0123456789 aZ:-") + text[i + 1:]
    if r < 0.6:
        return text.upper()
    if r < 0.7:
        return text.replace(" ", "   ")
    return text


def gen_strptime(rng):
    r = rng.random()
    if r < 0.55:
        fmt = rng.choice(STRPTIME_FORMATS)
    else:
        fmt = rand_format(rng, STRPTIME_DIRECTIVES, rng.randint(1, 5))
    dt = rand_dt(rng, aware="%z" in fmt and rng.random() < 0.8)
    if dt.year < 1000:
        dt = dt.replace(year=rng.randint(1000, 9999), day=min(dt.day, 28))
    try:
        text = dt.strftime(fmt)
    except ValueError:
        text = "2023-06-14"
    if rng.random() < 0.4:
        text = mutate(rng, text)
    return {"op": "strptime", "text": text, "format": fmt}


SPECIAL_STRPTIME = [
    ("2023", "%Q"), ("2023", "%Y%"), ("2023 ", "%Y% "), ("2023.", "%Y%."), ("12 12", "%d %d"),
    ("2023-06-14", "%Y-%m-%d %H"), ("2023-06-14 junk", "%Y-%m-%d"), ("02-29", "%m-%d"),
    ("2024-02-29", "%Y-%m-%d"), ("2023-02-29", "%Y-%m-%d"), ("68", "%y"), ("69", "%y"),
    ("00", "%y"), ("99", "%y"), ("12AM", "%I%p"), ("12PM", "%I%p"), ("12", "%I"), ("1pm", "%I%p"),
    ("+01:00", "%z"), ("+0100", "%z"), ("Z", "%z"), ("z", "%z"), ("-05:30:15.123", "%z"),
    ("+01:0030", "%z"), ("+0100:30", "%z"), ("+99:59", "%z"), ("UTC", "%Z"), ("gmt", "%Z"),
    ("CEST", "%Z"), ("JUNE 2023", "%B %Y"), ("jun 2023", "%b %Y"), ("2023   06", "%Y %m"),
    ("2023\t06", "%Y %m"), ("2023 06", "%Y%m"), ("2023-W01-1", "%G-W%V-%u"),
    ("2020-W53-7", "%G-W%V-%u"), ("2023 52", "%G %V"), ("2023 52 1", "%Y %V %u"),
    ("2023 001", "%G %j"), ("2023 366", "%Y %j"), ("2024 366", "%Y %j"), ("9999 366", "%Y %j"),
    ("0000", "%Y"), ("2023 00 0", "%Y %U %w"), ("2023 00 1", "%Y %W %w"), ("2023 53 6", "%Y %U %w"),
    ("14:06:60", "%H:%M:%S"), ("14:06:61", "%H:%M:%S"), ("1234567", "%f"), ("5", "%f"),
    ("Wed Jun 14 14:06:23 2023", "%c"), ("Wed Jun  4 14:06:23 2023", "%c"),
    ("06/14/23", "%x"), ("14:06:23", "%X"), ("", ""), ("abc", "abc"), ("ABC", "abc"),
    ("a.c", "a.c"), ("abc", "a.c"), ("(x)", "(x)"), ("[1]", "[%d]"), ("1+2", "%d+%m"),
    ("\\d", "\\d"), ("1111", "%d%m"), ("3112", "%d%m"), ("311", "%d%m"), (" 5", "%d"),
    ("٣", "%d"), ("2023-06-14", "%Y-%m-%d%z"), ("  2023", "%Y"), ("2023", " %Y"),
]


def gen_convert(rng):
    src = rng.choice(DST_ZONES + ZONES)
    dst = rng.choice(DST_ZONES + ZONES)
    if rng.random() < 0.03:
        src = rng.choice(BAD_ZONES)
    if rng.random() < 0.03:
        dst = rng.choice(BAD_ZONES)
    if rng.random() < 0.6:
        zone = src if src in DST_ZONES else rng.choice(DST_ZONES)
        src = zone
        dt = dst_instants(rng, zone)
        text = dt.isoformat()
    else:
        text = iso_of(rng, rand_dt(rng, aware=rng.random() < 0.15))
    req = {"op": "convert", "dt": text, "from": src, "to": dst}
    if rng.random() < 0.5:
        req["fold"] = rng.choice([0, 1])
    return req


def gen_compare(rng):
    a = rand_dt(rng, aware=rng.random() < 0.4)
    r = rng.random()
    if r < 0.3:
        b = a
    elif r < 0.5 and a.tzinfo is not None and 5 < a.year < 9995:
        b = a.astimezone(rand_dt(rng, aware=True).tzinfo)
    else:
        b = rand_dt(rng, aware=rng.random() < 0.4)
    return {"op": "compare", "a": iso_of(rng, a), "b": iso_of(rng, b)}


def fixed_cases():
    cases = []
    for text in BAD_ISO:
        cases.append({"op": "parts", "dt": text})
        cases.append({"op": "diff", "a": "2023-01-01", "b": text})
    for zone in BAD_ZONES + ZONES:
        cases.append({"op": "parts", "dt": "2023-06-14T14:06:23", "tz": zone})
        cases.append({"op": "convert", "dt": "2023-06-14T14:06:23", "from": zone, "to": "UTC"})
    for text, fmt in SPECIAL_STRPTIME:
        cases.append({"op": "strptime", "text": text, "format": fmt})
    for d in STRFTIME_DIRECTIVES + ["%" + c for c in "EOQ"]:
        for dt in ["0001-01-01T00:00:00", "9999-12-31T23:59:59.999999", "2023-06-14T14:06:23.5+02:00",
                   "0999-06-14T01:02:03", "2000-02-29T12:00:00-05:30"]:
            cases.append({"op": "strftime", "dt": dt, "format": "%" + d.lstrip("%")})
    # Month ends, leap years, one clamp for years + months together.
    for dt, amounts in [("2023-01-31", {"months": 1}), ("2024-01-31", {"months": 1}),
                        ("2024-02-29", {"years": 1}), ("2024-02-29", {"years": 4}),
                        ("2023-01-31", {"years": 1, "months": 1}), ("2023-03-31", {"months": -1}),
                        ("2023-03-31", {"years": 1, "months": -1}), ("0001-01-01", {"days": -1}),
                        ("9999-12-31T23:59:59.999999", {"microseconds": 1}),
                        ("9999-12-31", {"months": 1}), ("0001-01-31", {"months": -1}),
                        ("2023-06-14", {"weeks": -1, "days": -1, "hours": -1}),
                        ("2023-06-14T00:00:00+02:00", {"days": 1}),
                        ("2023-01-31", {"years": 2147481000}), ("2023-01-31", {"years": 3000000000}),
                        ("2023-01-31", {"years": -3000000000}), ("2023-01-31", {"months": -24277})]:
        cases.append(dict({"op": "add", "dt": dt}, **amounts))
    # DST arithmetic: wall clock in the zone, offset recomputed.
    for zone, dt in [("Europe/Madrid", "2023-03-25T02:30:00"), ("Europe/Madrid", "2023-10-28T02:30:00"),
                     ("America/New_York", "2023-03-11T02:30:00"), ("America/New_York", "2023-11-04T01:30:00")]:
        cases.append({"op": "add", "dt": dt, "tz": zone, "days": 1})
        cases.append({"op": "add", "dt": dt, "tz": zone, "hours": 24})
    for zone, dt in [("Europe/Madrid", "2023-03-26T02:30:00"), ("Europe/Madrid", "2023-10-29T02:30:00"),
                     ("America/New_York", "2023-03-12T02:30:00"), ("America/New_York", "2023-11-05T01:30:00"),
                     ("Europe/Madrid", "9999-10-31T02:30:00"), ("America/New_York", "0001-01-01T00:00:00"),
                     ("Europe/Madrid", "1900-01-01T00:00:00")]:
        for fold in (0, 1):
            for to in ("UTC", zone, "Asia/Tokyo"):
                cases.append({"op": "convert", "dt": dt, "from": zone, "to": to, "fold": fold})
    cases += [{"op": "diff", "a": "2023-06-14T00:00:00", "b": "2023-06-13T23:59:59"},
              {"op": "diff", "a": "2023-06-14T00:00:00", "b": "2023-06-14T00:00:00+00:00"},
              {"op": "compare", "a": "2023-06-14T00:00:00", "b": "2023-06-14T00:00:00+00:00"},
              {"op": "compare", "a": "2023-06-14T02:00:00+02:00", "b": "2023-06-14T00:00:00Z"},
              {"op": "diff", "a": "0001-01-01T00:00:00", "b": "9999-12-31T23:59:59.999999"},
              {"op": "diff", "a": "9999-12-31T23:59:59.999999", "b": "0001-01-01T00:00:00"},
              {"op": "diff", "a": "2024-02-29", "b": "2025-02-28"},
              {"op": "diff", "a": "2023-01-31", "b": "2023-03-01"},
              {"op": "diff", "a": "2023-03-31T12:00", "b": "2023-02-28T11:00"}]
    return cases


def generate(count, seed):
    rng = random.Random(seed)
    gens = [(gen_parts, 3), (gen_add, 6), (gen_diff, 4), (gen_strftime, 5), (gen_strptime, 6),
            (gen_convert, 4), (gen_compare, 2)]
    weights = [w for _, w in gens]
    requests = fixed_cases()
    while len(requests) < count:
        gen = rng.choices([g for g, _ in gens], weights)[0]
        requests.append(gen(rng))
    for i, r in enumerate(requests):
        r["id"] = i
    return requests


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=20230614)
    parser.add_argument("--show", action="store_true", help="print every request and answer")
    args = parser.parse_args()
    binary = os.environ.get("STDLAB_BINARY") or os.path.join(
        os.path.dirname(__file__), "..", "..", "build", "bin", "stdlab")
    requests = generate(args.count, args.seed)
    payload = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in requests)
    env = dict(os.environ, TZ="UTC")
    proc = subprocess.run([binary, "date", "--batch"], input=payload.encode(), env=env,
                          capture_output=True, timeout=240)
    if proc.returncode != 0:
        print(f"stdlab exited {proc.returncode}: {proc.stderr.decode(errors='replace')}")
        return 1
    lines = proc.stdout.decode().splitlines()
    if len(lines) != len(requests):
        print(f"expected {len(requests)} responses, got {len(lines)}")
        return 1
    failures = 0
    counts = {}
    for request, line in zip(requests, lines):
        got = json.loads(line)
        want = pyreference.handle({k: v for k, v in request.items() if k != "id"})
        counts[request["op"]] = counts.get(request["op"], 0) + 1
        ok = got.get("id") == request["id"] and {k: v for k, v in got.items() if k != "id"} == want
        if args.show:
            print(json.dumps(request, ensure_ascii=False), "->", line)
        if not ok:
            failures += 1
            if failures <= 25:
                print("MISMATCH", json.dumps(request, ensure_ascii=False))
                print("   stdlab:", line)
                print("   python:", json.dumps(want, ensure_ascii=False))
    summary = ", ".join(f"{op} {n}" for op, n in sorted(counts.items()))
    print(f"{len(requests)} requests ({summary}): {failures} mismatches")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

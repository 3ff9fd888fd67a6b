#!/usr/bin/env python3
"""Differential test of lone surrogates: `stdlab regex --batch` against CPython's re.

A Python str may hold a lone surrogate (from "\\ud800" in JSON, os.fsdecode's surrogateescape,
or the pattern escape \\ud800). UTF-16 PCRE2 cannot carry one, so StdLab matches such subjects
with its own code (see pyregex.cpp, Impl::wideFor). This generates patterns from a grammar of
every construct that can meet a surrogate (literals raw and escaped, ranges across and inside
the surrogate block, negated classes, categories, the dot, IGNORECASE, back-references,
look-behinds, word boundaries, templates, repeats of groups that can match empty) over texts of lone highs, lone lows, pairs, U+FFFD
and ordinary characters, with every op and flag, and requires StdLab's answer to equal
Python's.

    surrogates.py STDLAB_BINARY      (STDLAB_DIFF_SEED, STDLAB_SURROGATE_CASES=3000)
"""
import json
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from differential import BatchError, report, run_batch  # noqa: E402

HIGHS = ["\ud800", "\udbff", "\ud83d"]
LOWS = ["\udc00", "\ude00", "\udfff"]
# s/ſ/S, σ/ς/Σ and K/k/U+212A: IGNORECASE back-references compare sre's lower() per character.
TEXT_UNITS = HIGHS + LOWS + ["a", "A", "é", "😀", "\ufffd", " ", "\n", "_", "1", "\U0010ffff",
                             "s", "ſ", "S", "σ", "ς", "Σ", "k", "\u212a"]

ATOMS = [
    "\ud800", "\udc00", "\ud83d", r"\ud800", r"\udc00", r"\udfff", r"\ud83d\ude00",
    r"\U0000d800", r"\x41", "\ufffd", r"\ufffd", "a", "é", "😀", r"\U0001f600",
    ".", r"\W", r"\w", r"\S", r"\s", r"\D", r"\d", r"\b", r"\B",
    r"[\ud800-\udbff]", r"[\udc00-\udfff]", r"[\ud800-\udfff]", r"[^\ud800]", r"[^\udc00-\udfff]",
    r"[\ud000-\ue000]", r"[\ud7ff-\ud801]", r"[\udfff-\ue001]", r"[^a]", r"[^\w]", r"[\W\d]",
    r"[\ufffd]", r"[^\ufffd]", r"[\U00010000-\U0010ffff]", r"[\ud800\udc00]", "[\ud800a]",
    r"[a-z\udc00-\udc10]", "s", "σ", "(?i:k)", r"[sσ]", r"(\w)\1", r"(?<=\ud800)", r"(?<!\udc00)", r"(?=\udfff)", r"(?<=[\ud800-\udfff])",
]


# Repeats of groups that can match empty run on StdLab's port of sre's repeat loop
# (core/regex/sreengine), not on PCRE2: every repeat form over such bodies.
NULLABLE_REPEATS = ["*", "+", "?", "{,3}", "{,2}", "{1,3}", "{2}", "*?", "+?", "??", "{,3}?",
                    "*+", "++", "?+", "{,3}+", "{1,2}+"]


def nullable_group(rng, depth, groups):
    body = regex(rng, depth + 1, groups)
    body = rng.choice([body + "|", "|" + body, "(?:" + body + ")?", body + "*" if
                       not body.endswith(tuple("*+?}")) else body + "|"])
    opener = rng.choice(["(", "(", "(?:", "(?>"])
    groups[0] += opener == "("
    return opener + body + ")" + rng.choice(NULLABLE_REPEATS)


def atom(rng, depth, groups):
    r = rng.random()
    if depth < 2 and r < 0.12:
        return nullable_group(rng, depth, groups)
    r = rng.random()
    if depth < 3 and r < 0.15:
        groups[0] += 1
        return "(" + regex(rng, depth + 1, groups) + ")"
    if depth < 3 and r < 0.22:
        return "(?:" + regex(rng, depth + 1, groups) + "|" + regex(rng, depth + 1, groups) + ")"
    if groups[0] and r < 0.28:
        return "\\%d" % rng.randint(1, groups[0])
    a = rng.choice(ATOMS)
    if rng.random() < 0.25 and not a.startswith("(?") and a not in (r"\b", r"\B"):
        a += rng.choice(["*", "+", "?", "{1,2}", "*?", "+?", "{2}"])
    return a


def regex(rng, depth=0, groups=None):
    groups = groups if groups is not None else [0]
    return "".join(atom(rng, depth, groups) for _ in range(rng.randint(1, 3)))


def case(rng):
    text = "".join(rng.choice(TEXT_UNITS) for _ in range(rng.randint(0, 8)))
    c = {"op": rng.choice(["search", "match", "fullmatch", "findall", "finditer", "sub",
                           "split", "subn"]),
         "pattern": regex(rng), "text": text,
         "flags": "".join(f for f in "imsa" if rng.random() < 0.25)}
    if c["op"] in ("sub", "subn"):
        c["repl"] = rng.choice(["-", "\ud800", "\udc00\\g<0>\ud800", "[\\g<0>]", "\ufffd", ""])
    if c["op"] in ("search", "match", "fullmatch", "findall", "finditer") and rng.random() < 0.2:
        c["pos"] = rng.randint(0, len(text) + 1)
        c["endpos"] = rng.randint(0, len(text) + 1)
    return c


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("STDLAB_BINARY")
    if not binary:
        print("usage: surrogates.py STDLAB_BINARY", file=sys.stderr)
        return 2
    seed = int(os.environ.get("STDLAB_DIFF_SEED", time.strftime("%Y%m%d", time.gmtime())))
    n = int(os.environ.get("STDLAB_SURROGATE_CASES", "3000"))
    print(f"seed {seed} (STDLAB_DIFF_SEED={seed} repeats this run)", flush=True)
    rng = random.Random(seed)
    cases = []
    for i in range(n):
        c = case(rng)
        c["id"] = i
        # What both sides see: JSON (ASCII: lone surrogates travel as \\udXXX escapes) joins an
        # escaped high+low into one code point.
        cases.append(json.loads(json.dumps(c)))
    try:
        result = run_batch(binary, cases, ascii=True)
    except BatchError as e:
        print(e)
        return 1
    report(result)
    surrogate_texts = sum(any(0xD800 <= ord(ch) <= 0xDFFF for ch in c["text"]) for c in cases)
    print(f"{len(cases)} cases ({surrogate_texts} texts with a lone surrogate), "
          f"{len(result.failures)} mismatches, {len(result.python_bugs)} skipped, "
          f"{len(result.over_budget)} over the CPU budget in python3 too, "
          f"{len(result.unverified)} unverified")
    # The grammar must keep reaching lone-surrogate subjects, or this test proves nothing.
    if surrogate_texts < len(cases) // 3:
        print("too few texts with a lone surrogate")
        return 1
    return 1 if result.failures else 0


if __name__ == "__main__":
    sys.exit(main())

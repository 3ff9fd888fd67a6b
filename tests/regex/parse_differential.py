#!/usr/bin/env python3
"""Differential test of `stdlab regex --batch` op "parse" against CPython's own parser.

For each pattern and flags, python3 computes (issue 16)

    sp = re._parser.parse(pattern, flags)
    {"groups": sp.state.groups - 1, "groupindex": dict(sp.state.groupdict),
     "flags": sp.state.flags, "tree": conv(sp)}

and StdLab's answer must be equal (its extra "spans" field is checked for shape and bounds: one
[start, end, ...] per item, inside the pattern, nested like the tree). Errors are compared as
for the other ops ({"error": {"message", "pos"}}).

Patterns: every example of differential.py (PATTERNS, BAD_PATTERNS) with every flag set, and
its grammar fuzzer's patterns (every construct crossed with every flag), plus alternations
built to exercise _parse_sub's two optimisations (common prefixes, branches of single
characters and sets).

    parse_differential.py STDLAB_BINARY

Environment: STDLAB_DIFF_SEED (default: the UTC date), STDLAB_PARSE_FUZZ (fuzzed patterns,
20000).
"""
import json
import os
import random
import subprocess
import sys
import time
import warnings
from re import _constants as C
from re import _parser as P

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import differential  # noqa: E402  (the grammar and the examples)

warnings.simplefilter("ignore")

def conv(x):
    if isinstance(x, P.SubPattern):
        return [conv(i) for i in x.data]
    if isinstance(x, C._NamedIntConstant):
        return "MAXREPEAT" if x is C.MAXREPEAT else str(x)
    if isinstance(x, (list, tuple)):
        return [conv(i) for i in x]
    return x


def python_parse(pattern, flags):
    sp, error = differential.python_compile(P.parse, pattern, flags)
    if error:
        return error
    return {"result": {"groups": sp.state.groups - 1, "groupindex": dict(sp.state.groupdict),
                       "flags": sp.state.flags, "tree": conv(sp)}}


def check_spans(tree, spans, length, where="tree"):
    """The spans field has one entry per item, each [start, end, *bodies] inside the pattern."""
    if not isinstance(spans, list) or len(spans) != len(tree):
        return f"{where}: {len(tree)} items but spans {json.dumps(spans)[:100]}"
    for n, (item, span) in enumerate(zip(tree, spans)):
        if len(span) < 2 or not 0 <= span[0] <= span[1] <= length:
            return f"{where}[{n}]: bad span {span[:2]} for a pattern of {length}"
        op, av = item
        if op == "BRANCH":
            bodies = av[1]
        elif op == "SUBPATTERN":
            bodies = [av[3]]
        elif op in ("ATOMIC_GROUP",):
            bodies = [av]
        elif op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            bodies = [av[2]]
        elif op == "GROUPREF_EXISTS":
            bodies = [av[1], av[2]]
        elif op in ("ASSERT", "ASSERT_NOT"):
            bodies = [av[1]]
        else:
            bodies = []
        if len(span) != 2 + len(bodies):
            return f"{where}[{n}] {op}: {len(bodies)} bodies but span {span}"
        for k, body in enumerate(bodies):
            if body is None:
                if span[2 + k] is not None:
                    return f"{where}[{n}] {op}: span for a missing body"
                continue
            problem = check_spans(body, span[2 + k], length, f"{where}[{n}].{k}")
            if problem:
                return problem
    return None


# Exact spans of a few patterns (the fuzzer checks shape and bounds only).
SPAN_EXPECTATIONS = [
    (r"(\w+)@", [[0, 5, [[1, 4, [[1, 3]]]]], [5, 6]]),
    # a prefix moved out of the branch keeps the first alternative's span; the set made of the
    # rest spans the whole alternation
    ("ab|ac|a[de]", [[0, 1], [0, 11]]),
    ("(?P<x>a)(?(x)b|c)", [[0, 8, [[6, 7]]], [8, 17, [[13, 14]], [[15, 16]]]]),
    ("(?<=a+)b", [[0, 7, [[4, 6, [[4, 5]]]]], [7, 8]]),
    ("a{3", [[0, 1], [1, 2], [2, 3]]),
    ("(?:ab)*?c", [[0, 8, [[3, 4], [4, 5]]], [8, 9]]),
    ("(?x) a  # comment\n b{2}+", [[5, 6], [19, 24, [[19, 20]]]]),
    ("(a)(?(1)b)", [[0, 3, [[1, 2]]], [3, 10, [[8, 9]], None]]),
]


def optimisation_patterns(rng, n):
    """Alternations whose items share prefixes or are single characters and sets."""
    atoms = ["a", "b", "\\d", "[xy]", "[^z]", "\\w", "ab", "(a)", "(?:a)", "^", "\\b", ".",
             "\\1", "a*", "[a]", "(?i:a)", "", "é", "[\\s]", "\\x61"]
    out = []
    for _ in range(n):
        prefix = "".join(rng.choice(atoms[:8]) for _ in range(rng.randint(0, 2)))
        alts = [prefix + "".join(rng.choice(atoms) for _ in range(rng.randint(0, 2)))
                for _ in range(rng.randint(2, 4))]
        pattern = "|".join(alts)
        if rng.random() < 0.5:
            pattern = "(" + pattern + ")" + rng.choice(["", "*", "+?", "{2}"])
        out.append(pattern)
    return out


def main():
    if len(sys.argv) < 2:
        print("usage: parse_differential.py STDLAB_BINARY", file=sys.stderr)
        return 2
    binary = sys.argv[1]
    seed = int(os.environ.get("STDLAB_DIFF_SEED", time.strftime("%Y%m%d", time.gmtime())))
    print(f"seed {seed} (STDLAB_DIFF_SEED={seed} repeats this run)", flush=True)
    rng = random.Random(seed)
    flag_sets = ["", "i", "m", "s", "x", "a", "ia", "imsx", "imsxa", "ax", "ms"]
    cases = []
    for pattern in differential.PATTERNS + differential.BAD_PATTERNS:
        for flags in flag_sets:
            cases.append((pattern, flags))
    for pattern in optimisation_patterns(rng, 2000):
        cases.append((pattern, rng.choice(flag_sets)))
    for _ in range(int(os.environ.get("STDLAB_PARSE_FUZZ", "20000"))):
        flags = "".join(f for f in "imsxa" if rng.random() < 0.5)
        cases.append((differential.random_regex(rng), flags))
    # nesting beyond CPython's recursion limit: an error, never a crash
    cases.append(("(" * 3000 + "a" + ")" * 3000, ""))
    payload = "".join(json.dumps({"op": "parse", "pattern": p, "flags": f, "id": n},
                                 ensure_ascii=False) + "\n"
                      for n, (p, f) in enumerate(cases))
    proc = subprocess.run([binary, "regex", "--batch"], input=payload.encode("utf-8"),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
    if proc.returncode != 0:
        print("stdlab regex --batch exited with", proc.returncode, proc.stderr.decode()[:2000])
        return 1
    lines = proc.stdout.decode("utf-8").split("\n")[:-1]
    if len(lines) != len(cases):
        print(f"expected {len(cases)} responses, got {len(lines)}")
        return 1
    failures = []
    spans_request = "".join(json.dumps({"op": "parse", "pattern": p}) + "\n"
                            for p, _ in SPAN_EXPECTATIONS)
    answers = subprocess.run([binary, "regex", "--batch"], input=spans_request.encode(),
                             stdout=subprocess.PIPE, timeout=60).stdout.decode().splitlines()
    for (pattern, spans), line in zip(SPAN_EXPECTATIONS, answers):
        got = json.loads(line).get("result", {}).get("spans")
        if got != spans:
            failures.append((pattern, "", spans, got, "exact spans"))
    if len(answers) != len(SPAN_EXPECTATIONS):
        failures.append(("(span expectations)", "", len(SPAN_EXPECTATIONS), len(answers), None))
    errors = 0
    for n, ((pattern, flags), line) in enumerate(zip(cases, lines)):
        got = json.loads(line)
        got.pop("id", None)
        want = python_parse(pattern, flags)
        problem = None
        if "result" in got and "result" in want:
            spans = got["result"].pop("spans", None)
            problem = check_spans(got["result"]["tree"], spans, len(pattern))
        if "error" in want:
            errors += 1
        if got != want or problem:
            failures.append((pattern, flags, want, got, problem))
    for pattern, flags, want, got, problem in failures[:25]:
        print("MISMATCH", json.dumps({"pattern": pattern, "flags": flags}, ensure_ascii=False))
        if problem:
            print("  spans:", problem)
        print("  python:", json.dumps(want, ensure_ascii=False)[:400])
        print("  stdlab:", json.dumps(got, ensure_ascii=False)[:400])
    print(f"{len(cases)} patterns ({errors} errors in python3), {len(failures)} mismatches")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Differential test of where search() may start a match, against python3's re.

sre's search() tests each start position against the set in the pattern's INFO block: the
pattern's first set, reached through leading groups. CPython 3.11 compiles that set with the
pattern's *global* flags (_compile_info passes them to _compile_charset), so under a scoped
(?a:...) or (?u:...) its \\w, \\d, \\s keep their global meaning there:
re.search(r'(?a:\\W)', 'σ') is None while re.match(r'(?a:\\W)', 'σ') matches (the grammar
fuzzer of tests/regex/differential.py found `(?a:\\WΣ{,3}?[-]*?[^_])\\B` with seed 1207).

Every leading shape (scoped ASCII or Unicode, nested, inside a capture, in a branch merged
into one set, a negated set, with a cased member under IGNORECASE, a pattern sre's own
program runs) crossed with every category and global flag set, run by every operation on
texts of ASCII and non-ASCII letters, digits and spaces (and on a lone surrogate, the 32-bit
path): each answer must equal python3's.
    search_start.py STDLAB_BINARY
"""
import itertools
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from differential import BatchError, report, run_batch  # noqa: E402

CATEGORIES = [r"\w", r"\W", r"\d", r"\D", r"\s", r"\S"]
# {c}: a category; {t}: the scoped type flag (a, or u under a global a).
SHAPES = [
    "(?{t}:{c})",
    "(?{t}:{c})x?",
    "(?{t}:{c}+)",
    "(?{t}:({c}))",
    "((?{t}:{c}))",
    "(?{t}:(?i:{c}))",
    "(?{t}:[{c}-])",
    "(?{t}:[^{c}])",
    "(?{t}:{c}|_)",
    "(?{t}:{c}|k)",      # 'k' is cased: under IGNORECASE no start set at all
    "(?{t}:[{c}é])",
    "(?{t}:{c}){c}",
    "(?{t}:{c})(|a)*",   # a group that can match empty, repeated: sre's own program runs it
    "x(?{t}:{c})",       # a literal prefix: the set is not the start test
    "(?{t}:{c})?y",      # may start with y: no set
]
GLOBAL_FLAGS = ["", "i", "a", "ai", "m", "x"]
TEXTS = ["aσKa ßkſú😀Kß", "é1٣ \u00a0_\u2028x-k", "ΣςσK\u212a9", "y_a", "\udcff a\udcff"]
OPS = ["search", "match", "fullmatch", "findall", "finditer", "split", "sub"]


def cases():
    n = 0
    for shape, cat, flags, text, op in itertools.product(SHAPES, CATEGORIES, GLOBAL_FLAGS,
                                                       TEXTS, OPS):
        scoped = "u" if "a" in flags else "a"
        pattern = shape.replace("{t}", scoped).replace("{c}", cat)
        case = {"op": op, "pattern": pattern, "text": text, "flags": flags, "id": n}
        if op == "sub":
            case["repl"] = "<\\g<0>>"
        n += 1
        yield case


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("STDLAB_BINARY")
    all_cases = list(cases())
    try:
        # \u escapes only: the only way JSON carries a lone surrogate.
        result = run_batch(binary, all_cases, ascii=True)
    except BatchError as e:
        print(e)
        return 1
    report(result)
    print(f"{len(all_cases)} cases, {len(result.failures)} mismatches, "
          f"{len(result.python_bugs)} skipped")
    return 1 if result.failures or result.unverified or result.over_budget else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Differential test: `stdlab regex --batch` against CPython's own `re`.

Generates (pattern, text, op) cases - every feature of the syntax, Unicode, emoji, empty
matches, every flag, pos/endpos, templates, errors - plus exhaustive checks of \\w \\d \\s over
all code points and of IGNORECASE over every cased character; sends them all to one
`stdlab regex --batch` process and requires every response to equal what Python computes.

    differential.py [STDLAB_BINARY] [--show N] [--dump FILE]

Environment: STDLAB_DIFF_SEED (fuzz seed; by default the UTC date, YYYYMMDD, so that CI tries a new
seed every day - the seed is printed), STDLAB_DIFF_FUZZ (number of fuzzed cases, 20000),
STDLAB_DIFF_FULLCASE=1 (IGNORECASE of every cased character instead of a sample).
"""
import collections
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
import warnings

warnings.simplefilter("ignore")

PATTERNS = [
    # literals, repeats, alternation
    r"a", r"abc", r"a|b", r"ab|cd|", r"a*", r"a+", r"a?", r"a{2}", r"a{1,3}", r"a{,2}",
    r"a{2,}", r"a{}", r"a{x}", r"a{1,", r"a*?", r"a+?", r"a??", r"a{1,3}?", r"a{,2}?",
    r"a*+", r"a++", r"a?+", r"a{1,2}+", r"(?>a+)b", r"(?>a|ab)c", r"x*", r"", r"|",
    r"(?:)", r"()", r"(|a)+", r"(a|)*", r"(a*)*", r"(a*)+", r"(a?)+?", r"(?:a|b)*?c",
    # dot and anchors
    r".", r".*", r".+?", r"a.c", r"^", r"$", r"^a", r"a$", r"^$", r"\A", r"\Z", r"\Aa",
    r"a\Z", r"$\n?", r"^.*$", r"\b", r"\B", r"\bx", r"x\b", r"\b\w+\b", r"\B\w\B",
    # classes and categories
    r"\w", r"\w+", r"\W+", r"\d+", r"\D+", r"\s+", r"\S+", r"[a-z]+", r"[^a-z]+",
    r"[\w.]+", r"[^\W\d_]+", r"[\s\S]", r"[\d\s]+", r"[^\S\n]+", r"[\W\d]+", r"[^\w\s]+",
    r"[-a]", r"[a-]", r"[]a]", r"[^]a]", r"[\]]", r"[\\]", r"[.]", r"[*+?]", r"[\b]",
    r"[\x41-\x5a]+", r"[\u00e0-\u00ff]+", r"[\U0001F600-\U0001F64F]", r"[😀-🙏]+",
    r"[^😀]", r"[ñÑ]", r"[A-Za-zÀ-ÿ]+", r"[\N{LATIN SMALL LETTER N WITH TILDE}]",
    r"[^\d\s]", r"[0-9]{2}", r"[ß]", r"[ſk]", r"[K-Z]+", r"[a-k]+", r"[^a-k]",
    # escapes
    r"\.", r"\*", r"\\", r"\t", r"\n", r"\v", r"\f", r"\r", r"\a", r"\x41", r"\x7f",
    r"\u00f1", r"\U0001F600", r"\N{EM DASH}", r"\N{GRINNING FACE}", r"\101", r"\0",
    r"\07", r"\1010", r"\-", r"\#", r"\ ", r"\é",
    # groups
    r"(a)", r"(a)(b)?", r"(a)|(b)", r"(a|b)*", r"(?:ab)+", r"(a)(b)(c)?", r"((a)b)+",
    r"(?P<x>\w)(?P=x)", r"(\w)\1", r"(?P<first>\w+) (?P<last>\w+)", r"(a)?(?(1)b|c)",
    r"(?P<q>['\"]).*?(?P=q)", r"(<)?\w+(?(1)>)", r"(a)(?(1)b)", r"(\d+)-(\d+)?",
    r"(?P<año>\d{4})", r"(?P<ñ>ñ+)", r"(\w+)@(\w+\.\w{2,})", r"\b(\d{2}/\d{2}/\d{4})\b",
    # lookaround
    r"(?=a)", r"(?=a)\w", r"(?!a)\w", r"(?<=a)b", r"(?<!a)b", r"(?<=ab|cd)e",
    r"(?<=\d{2})/", r"(?<=😀)\w", r"\w+(?=@)", r"(?<=(a))b", r"(?<=\b)\w",
    # inline flags
    r"(?i)a", r"(?i:a)b", r"a(?i:b)c", r"(?-i:a)b", r"(?s).", r"(?s:.)\n?", r"(?m)^\w",
    r"(?m:$)", r"(?x) a b # comment", r"(?x: a b )c", r"(?a)\w+", r"(?a:\w)\w",
    r"(?u)\w+", r"(?ims)^a.b$", r"(?i)[a-z]+", r"(?i)[^a-z]+", r"(?i)straße",
    r"(?i)ǅ", r"(?i)σ", r"(?i)Σ+", r"(?i)[σ]", r"(?i)µ", r"(?i)[k]", r"(?i)k",
    r"(?i)[ǆ]", r"(?i)ι", r"(?i)[ß-ſ]", r"(?i)(a)\1", r"(?ia)k", r"(?ai)[k-s]",
    r"(?i)İ", r"(?i)i", r"(?i)ı", r"(?i)[i]", r"(?i)[ı]", r"(?i)\u212a",
    # mixed and course examples
    r"gato", r"\d{2}/\d{2}/\d{4}", r"[\w.]+@[\w]+\.[a-z]{2,}", r"\bcar", r"car\b",
    r",", r"\s*,\s*", r"[,;]", r"(,)", r"(,)|(;)", r"\W+", r"(\W+)", r"\b", r"x*|b",
    r"a|a*", r"(a)|b", r"\d+|[a-z]+", r"[aeiouáéíóú]", r"[^aeiou\s]+", r"é", r"e\u0301",
    # issue 12's classes
    r"\N{NBSP}", r"\N{BYTE ORDER MARK}", r"\N{SP}", r"\N{nbsp}\N{lf}", r"(?<=(X+){0})a",
    r"(?<!(a|bc){0}b)\w", "\ufeff", r"[\ufeff-\uffff]", r"(?:a+){2}+", r"(a|ab){2}+c",
    r"(a+){1,2}+b", r"(s)\1", r"(σ)\1", r"(Ú)\1", r"(?P<x>k)(?P=x)", r"(?>a+?)-", r"(?>a*?)b",
    r"b+(x)?+b", r"b*(x)?+b", r"a+(?>b|)a",
]

BAD_PATTERNS = [
    r"(", r"(abc", r")", r"a)", r"*", r"*a", r"a**", r"a*+*", r"+", r"?", r"{1}",
    r"a{3,1}", r"[", r"[a", r"[z-a]", r"[\w-z]", r"[a-\d]", r"\h", r"\e", r"\K", r"\G",
    r"\p{L}", r"\X", r"\R", r"\Q.\E", r"\z", r"\c", r"\i", r"\8", r"\1", r"(a)\2",
    r"(?<x>a)", r"(?<x", r"(?|a|b)", r"(?1)", r"(a)(?1)", r"(?R)", r"(?P<1>a)",
    r"(?P<a>x)(?P<a>y)", r"(?P=x)", r"(?P<a>a)(?P=b)", r"(?P", r"(?Px)", r"(?P<>a)",
    r"(?P<a", r"a(?i)b", r"(?i)a(?m)b", r"(?z)", r"(?i", r"(?-)", r"(?-i)", r"(?i-i:a)",
    r"(?a-u:x)", r"(?au)x", r"(?L)a", r"(?-a:x)", r"(?<=a+)b", r"(?<=a|bc)d",
    r"(?<!\w*)x", r"(?<=(a)\1)b", r"(a)(?<=\1)", r"\400", r"\x4", r"\u12", r"\U0011ffff",
    r"\N", r"\N{", r"\N{}", r"\N{NOT A NAME}", r"(?(2)a)", r"(?(0)a)", r"(?(x)a)",
    r"(?(1)a|b|c)", r"(?#comment", r"(?", r"(?<", r"a\\\\\\", "a\\", r"[\A]",
    r"[\Z]", r"[\B]", r"(a)(?(1", r"\g<1>", r"(?x)[a", r"(?P<a b>x)", r"x{4294967295}",
    r"(?(-1)a)", r"(?(a-b)x)", r"(?i:", r"(?:", r"(?=a", r"(?<=a",
    r"(?(2)a)(?(1)b)", r"(?(3)a)(?(2)b)(?(3)c)", r"\N{NBSP}(", r"\N{nope}(", "[\ufeff-a]",
    r"\N{KAWI LETTER A}", r"\N{hangul syllable ga}", r"\N{CJK UNIFIED IDEOGRAPH-4e00}",
    "(" * 600 + ")" * 600, "(" * 12000 + "a" + ")" * 12000,
]

TEXTS = [
    "", "a", "aaa", "ab", "abc", "aXbXc", "abab", "ab\nab\n", "ab\ncd\n\nef", "a\n",
    "\n", "b", "aaab", "caat", "x", "xxbxx", "abcabc",
    "Hola, señor Müller! ¿Qué tal? 😀👍🏽 Ñandú", "el gato y el GATO: gatos, Gato.",
    "Hoy 23/11/2026, mañana 24/11/2026 y 1/1/20; 31/12/1999.",
    "ana@correo.es, luis.perez@uni.edu; mal@dominio, x@y.z",
    "x\ty\u00a0z\u2003w\u3000v\x1cu\x85t\u180es\u200bq",
    "Straße STRASSE ſ K k \u212a İ ı i I ǅ ǆ Ǆ Ω ω Ω µ Μ μ σ ς Σ ΐ ẞ ß ﬀ",
    "١٢٣ ๔๕ ½ Ⅻ ² ³ ٣ 𝟘𝟙 ①", "abc\r\n def\r\n", "😀😀😀", "😀a😀b😀", "a😀",
    "foo.bar(baz) [x] {y} *z* +w+ ?", "<a> b <c>", "'uno' \"dos\" 'tres\"",
    "car carro escarabajo car.", "manzana, pera ,uva;;kiwi", "e\u0301 é", "aaaaaaaaaa",
    "_ab_ __ a_b", "año 2024 ñññ", "12-34 56- -78", "the cat sat", "  leading trailing  ",
]

REPLS = [
    "-", "", r"\g<0>", r"<\g<0>>", r"\1", r"[\g<1>]", r"\2\1", r"\n", r"$1", r"\\",
    r"\g<x>", r"\g<first>", r"x\ty", r"\0", r"\07", r"\101", r"\g<01>", r"\g<99>",
    r"\9", r"\q", r"\g", r"\g<", r"\g<1", r"\g<>", r"\g<-1>", r"\g< 1>", "😀", r"\&",
    "\\", r"\400", r"\10", "x\ufeffy", "\ufeff\\g<0>",
]


# StdLab's CPU-time budget of a request on a short text (pyregex.cpp, kCpuBaseNs).
BUDGET_SECONDS = 0.5
# python3's own CPU time per case. A generated pattern can backtrack for hours in sre (which
# checks signals while it matches): past this, python3 gives no reference answer and the case is
# counted apart ("unverified" when StdLab answered, "over budget" when StdLab stopped too).
PYTHON_LIMIT_SECONDS = float(os.environ.get("STDLAB_DIFF_PYTHON_LIMIT", "20"))


class PythonTooSlow(BaseException):
    """Raised by the SIGPROF handler inside re's matching loop."""


def python_result_limited(req):
    def stop(signum, frame):
        raise PythonTooSlow()
    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, PYTHON_LIMIT_SECONDS)
    try:
        return python_result(req)
    except PythonTooSlow:
        return None
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def match_json(m):
    n = m.re.groups
    return {
        "span": list(m.span()),
        "groups": list(m.groups()),
        "spans": [list(m.span(g)) for g in range(1, n + 1)],
        "groupdict": m.groupdict(),
    }


def python_compile(compile_function, pattern, letters):
    """compile_function(pattern, flags) (re.compile, re._parser.parse) -> (value, None), or
    (None, the error answer stdlab gives for what it raised)."""
    flags = 0
    for ch in letters:
        flags |= {"i": re.I, "m": re.M, "s": re.S, "x": re.X, "a": re.A}[ch]
    try:
        return compile_function(pattern, flags), None
    except re.error as e:
        return None, {"error": {"message": e.msg, "pos": e.pos}}
    except (ValueError, OverflowError) as e:
        return None, {"error": {"message": str(e), "pos": None}}
    except RecursionError:
        return None, {"error": {"message": "pattern nested too deeply", "pos": None}}


def python_result(req):
    p, error = python_compile(re.compile, req["pattern"], req.get("flags", ""))
    if error:
        return error
    text = req.get("text", "")
    op = req["op"]
    args = []
    if "pos" in req or "endpos" in req:
        args = [req.get("pos", 0), req.get("endpos", len(text))]
    try:
        if op in ("search", "match", "fullmatch"):
            m = getattr(p, op)(text, *args)
            return {"result": match_json(m) if m else None}
        if op == "finditer":
            return {"result": [match_json(m) for m in p.finditer(text, *args)]}
        if op == "findall":
            return {"result": [list(x) if isinstance(x, tuple) else x
                               for x in p.findall(text, *args)]}
        if op == "sub":
            return {"result": p.sub(req["repl"], text, count=req.get("count", 0))}
        if op == "subn":
            return {"result": list(p.subn(req["repl"], text, count=req.get("count", 0)))}
        if op == "split":
            return {"result": p.split(text, maxsplit=req.get("maxsplit", 0))}
    except re.error as e:
        return {"error": {"message": e.msg, "pos": e.pos}}
    except IndexError as e:
        return {"error": {"message": str(e), "pos": None}}
    except SystemError as e:
        # CPython's own internal error ("The span of capturing group is wrong, please report
        # a bug"): nothing to compare with.
        return {"python_bug": str(e)}
    raise AssertionError(op)


def generate(rng):
    cases = []
    ops = ["search", "match", "fullmatch", "findall", "finditer", "sub", "subn", "split"]
    flag_sets = ["", "", "", "i", "m", "s", "x", "a", "ia", "ms", "imsx", "is", "ma", "imsxa"]
    # every pattern with several texts and ops
    for pattern in PATTERNS:
        for _ in range(4):
            req = {"op": rng.choice(ops), "pattern": pattern, "text": rng.choice(TEXTS),
                   "flags": rng.choice(flag_sets)}
            if req["op"] in ("sub", "subn"):
                req["repl"] = rng.choice(REPLS[:12]) if rng.random() < 0.7 else rng.choice(REPLS)
                if rng.random() < 0.3:
                    req["count"] = rng.choice([1, 2, 0])
            if req["op"] == "split" and rng.random() < 0.3:
                req["maxsplit"] = rng.choice([1, 2, 0])
            if req["op"] in ("search", "match", "fullmatch", "findall", "finditer") \
                    and rng.random() < 0.25:
                n = len(req["text"])
                req["pos"] = rng.randint(0, n + 1)
                req["endpos"] = rng.randint(0, n + 1)
            cases.append(req)
    # every op on a fixed pair so each op is exercised with groups and emoji
    for op in ops:
        for pattern in [r"(\w)(\d)?", r"😀|(b)", r"x*", r"(?P<n>[aeiou])"]:
            req = {"op": op, "pattern": pattern, "text": "😀a1b😀xx c2", "flags": ""}
            if op in ("sub", "subn"):
                req["repl"] = r"[\g<0>|\1]" if "(" in pattern and "?P" not in pattern else "<\\g<0>>"
            cases.append(req)
    for pattern in BAD_PATTERNS:
        cases.append({"op": "search", "pattern": pattern, "text": "abc", "flags": ""})
    for repl in REPLS:
        cases.append({"op": "sub", "pattern": r"(?P<first>\w)(\w)?", "text": "ab c", "repl": repl,
                      "flags": ""})
    return cases


ALPHABET = ["a", "b", "A", "é", "É", "😀", " ", "\n", "1", "_", "ß", "ſ", "K", "k", "-", "s", "S",
            "σ", "ς", "Σ", "\u212a", "Ú", "ú", "\ufeff", "\u00a0"]
# \N{...}: names in any case, aliases of every kind (NameAliases.txt), bad and newer names.
NAMES = ["LATIN SMALL LETTER A", "latin small letter b", "NBSP", "nbsp", "SP", "BYTE ORDER MARK",
         "ZWNBSP", "LF", "LINE FEED", "NEL", "LATIN CAPITAL LETTER GHA", "KELVIN SIGN",
         "GREEK SMALL LETTER FINAL SIGMA", "CJK UNIFIED IDEOGRAPH-4E00", "cjk unified ideograph-4e00",
         "HANGUL SYLLABLE GA", "hangul syllable ga", "KAWI LETTER A", "TANGUT IDEOGRAPH-17000",
         "NOPE", "LATIN SMALL LETTER A ", "GRINNING FACE"]


def random_atom(rng, depth, groups):
    r = rng.random()
    if r < 0.27:
        return re.escape(rng.choice(ALPHABET))
    if r < 0.30:
        if rng.random() < 0.5:
            return "\\N{%s}" % rng.choice(NAMES)
        # a conditional on some group, maybe not defined (yet): errors in pattern order
        return "(?(%d)%s%s)" % (rng.randint(1, groups[0] + 2), re.escape(rng.choice(ALPHABET)),
                                "|" + re.escape(rng.choice(ALPHABET)) if rng.random() < 0.5 else "")
    if r < 0.40:
        return rng.choice([r"\w", r"\W", r"\d", r"\s", r"\S", ".", r"\b", r"\B", "^", "$",
                           r"\A", r"\Z"])
    if r < 0.55:
        body = "".join(rng.choice(["a", "b", "é", "😀", r"\w", r"\d", r"\s", "A-Z", "a-c",
                                   "_", "ß", "-"]) for _ in range(rng.randint(1, 3)))
        return "[" + ("^" if rng.random() < 0.3 else "") + body + "]"
    if depth > 2:
        return re.escape(rng.choice(ALPHABET))
    inner = random_regex(rng, depth + 1, groups)
    if r < 0.75:
        groups[0] += 1
        if rng.random() < 0.2:
            return "(?P<g%d>%s)" % (groups[0], inner)
        return "(" + inner + ")"
    if r < 0.82:
        return "(?:" + inner + ")"
    if r < 0.86:
        return rng.choice(["(?=", "(?!"]) + inner + ")"
    if r < 0.89:
        inner = re.escape(rng.choice(ALPHABET))
        if rng.random() < 0.4:
            # a variable-width part repeated {0} keeps the lookbehind fixed-width
            groups[0] += 1
            inner += "(" + random_regex(rng, depth + 1, groups) + "){0}"
        return rng.choice(["(?<=", "(?<!"]) + inner + ")"
    if r < 0.92:
        return "(?>" + inner + ")"
    if r < 0.935:
        return nullable_repeat(rng, depth, groups)
    if r < 0.95 and groups[0]:
        return "\\%d" % rng.randint(1, groups[0])
    return "(?" + rng.choice(["i", "s", "m", "a", "x", "-i"]) + ":" + inner + ")"


# Bodies that can match the empty string, and every kind of repeat of them: sre tries the
# mandatory iterations, then another one only while the last optional one was not empty
# (MAX_UNTIL/MIN_UNTIL's last_ptr, POSSESSIVE_REPEAT), which PCRE2 does not (StdLab runs such
# patterns on its own sre engine).
NULLABLE_BODIES = ["", "|a", "a|", "a*?", "a?", "b??", "(?=a)", "(?!b)", "()", "(?:)", "\\b",
                   "|(a)", "(a|)", "(?:a|b|)", "a*", "(a*?)", "(?<=a)", "(?<!b)|b", "(|a)(|b)"]
NULLABLE_REPEATS = ["?", "*", "+", "{2}", "{,4}", "{1,4}", "{2,}", "{1,}", "{0,2}", "{2,5}",
                    "??", "*?", "+?", "{,4}?", "{1,3}?", "{2,}?", "?+", "*+", "++", "{,4}+",
                    "{1,3}+", "{2,}+"]


def nullable_repeat(rng, depth, groups):
    body = rng.choice(NULLABLE_BODIES)
    if rng.random() < 0.3 and groups[0]:
        # a conditional on a group set in an earlier iteration (or not at all)
        g = rng.randint(1, groups[0] + 1)
        body = rng.choice(["(?(%d)a|)" % g, "(?(%d)|b)" % g, "(?(%d)a)" % g, "\\%d|" % g
                           if g <= groups[0] else "(?(%d)b)" % g])
    else:
        groups[0] += len(re.findall(r"\((?!\?)", body))
        if rng.random() < 0.3 and depth < 2:
            body += random_regex(rng, depth + 2, groups)
    opener = "(" if rng.random() < 0.6 else rng.choice(["(?:", "(?>"])
    groups[0] += opener == "("
    return opener + body + ")" + rng.choice(NULLABLE_REPEATS)


def random_regex(rng, depth=0, groups=None):
    groups = groups if groups is not None else [0]
    branches = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        items = []
        for _ in range(rng.randint(0 if depth else 1, 4)):
            atom = random_atom(rng, depth, groups)
            if rng.random() < 0.35 and atom not in ("^", "$", r"\b", r"\B", r"\A", r"\Z") \
                    and not atom.endswith(tuple("*+?}")):
                atom += rng.choice(["*", "+", "?", "{2}", "{1,2}", "{,2}", "*?", "+?", "??",
                                    "*+", "++", "{0,1}?", "?+", "{2}+", "{1,2}+", "{,2}+",
                                    "{0}", "{1,}", "{2,4}", "{,3}?", "{2,}+"])
            items.append(atom)
        branches.append("".join(items))
    return "|".join(branches)


def fuzz(rng, n):
    cases = []
    ops = ["search", "match", "fullmatch", "findall", "finditer", "sub", "subn", "split"]
    for _ in range(n):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 14)))
        # every combination of the flags, none more often
        flags = "".join(f for f in "imsxa" if rng.random() < 0.5)
        req = {"op": rng.choice(ops), "pattern": random_regex(rng), "text": text, "flags": flags}
        if req["op"] in ("sub", "subn"):
            req["repl"] = rng.choice(["<\\g<0>>", "-", "", "\ufeff", "x\ufeff\\g<0>"])
        elif req["op"] not in ("split",) and rng.random() < 0.2:
            # pos/endpos, also pos past endpos (sre's match() still runs there)
            req["pos"] = rng.randint(0, len(text) + 1)
            req["endpos"] = rng.randint(0, len(text) + 1)
        cases.append(req)
    return cases


def exhaustive(rng):
    cases = []
    # \w \d \s and their ASCII forms over every code point (surrogates excluded), in chunks
    step = 0x8000
    for start in range(0, 0x110000, step):
        chars = "".join(chr(c) for c in range(start, min(start + step, 0x110000))
                        if not 0xD800 <= c <= 0xDFFF)
        for pattern, flags in [(r"\w+", ""), (r"\d+", ""), (r"\s+", ""), (r"[\w\s]+", "a")]:
            if flags == "a" and start > 0:
                continue
            cases.append({"op": "findall", "pattern": pattern, "text": chars, "flags": flags})
    # IGNORECASE: a sample of cased characters, each against every cased character
    cased = [chr(c) for c in range(0x110000)
             if not 0xD800 <= c <= 0xDFFF and (chr(c).lower() != chr(c) or chr(c).upper() != chr(c))]
    everything = "".join(cased)
    special = "sSſkK\u212aiIİıσςΣµΜμßẞǅǆǄθϑΘωΩΩ\u1e9eﬀ" + "\U00010400\U00010428"
    sample = list(special) + rng.sample(cased, 120)
    if os.environ.get("STDLAB_DIFF_FULLCASE"):  # every cased character (slow: ~12k cases)
        sample = cased
    for ch in sample:
        cases.append({"op": "findall", "pattern": re.escape(ch), "text": everything, "flags": "i"})
        cases.append({"op": "findall", "pattern": "[" + re.escape(ch) + "0]", "text": everything,
                      "flags": "i"})
    for rng_pattern in [r"[a-z]", r"[A-Z]", r"[à-ÿ]", r"[α-ω]", r"[Ѐ-ӿ]", r"[\U00010400-\U0001044f]",
                        r"[^a-z]", r"[ǅ-ǌ]", r"[ſ]", r"[ß-ſ]"]:
        for flags in ["i", "ia"]:
            cases.append({"op": "findall", "pattern": rng_pattern + "+", "text": everything,
                          "flags": flags})
    # IGNORECASE back-references of one character: sre compares lower() of each character
    # (GROUPREF_UNI_IGNORE), so '\u0130' pairs with 'i' and 'I'. Every code point against every
    # character that shares its lower(), casefold(), upper() or (full) lower with it.
    import _sre
    related = {}
    for ch in cased + [chr(c) for c in range(0x110000) if _sre.unicode_tolower(c) != c]:
        for key in (("l", _sre.unicode_tolower(ord(ch))), ("f", ch.casefold()), ("u", ch.upper()),
                    ("L", ch.lower())):
            related.setdefault(key, []).append(ch)
    partners = {}
    for members in related.values():
        if len(members) > 1:
            for ch in members:
                partners.setdefault(ch, set()).update(members)
    for ch in sorted(partners):
        cases.append({"op": "findall", "pattern": "(" + re.escape(ch) + r")\1", "flags": "i",
                      "text": "".join(ch + other + "\n" for other in sorted(partners[ch]))})
    # a long Spanish text with emoji, dates and e-mails: offsets far from the start
    words = ("el la de que y en canción corazón niño año mañana señor pingüino acción José "
             "María ñandú 😀 👍🏽 🎉 🇪🇸 23/11/2026 01/02/1999 ana@correo.es luis.p@uni.edu "
             "x@y.z 1/2/3").split()
    long_text = "".join(rng.choice(words) + rng.choice([" ", " ", ", ", "\n"])
                        for _ in range(20000))
    for pattern in [r"(\w+)@(\w+\.\w{2,})", r"\b(\d{2}/\d{2}/\d{4})\b", r"\w+", r"[^\W\d]+ñ",
                    r"(?i)SEÑOR|😀", r"\s*,\s*|(\n)"]:
        for op in ("finditer", "findall", "split", "subn"):
            req = {"op": op, "pattern": pattern, "text": long_text, "flags": ""}
            if op == "subn":
                req["repl"] = r"<\g<0>>"
            cases.append(req)
    return cases


class BatchError(Exception):
    """`stdlab regex --batch` failed as a whole: it exited badly or lost answers."""


BatchResult = collections.namedtuple("BatchResult",
                                     "failures python_bugs over_budget unverified ascii")


def run_batch(binary, cases, ascii=False):
    """Sends @cases (each with its "id") to one `stdlab regex --batch` and compares each answer
    with python3's. @ascii: send JSON with \\u escapes only (the only way to carry a lone
    surrogate). Returns a BatchResult of lists: failures (case, python's, StdLab's), python_bugs
    (cases where CPython raised SystemError), over_budget (case, python3's CPU seconds) and
    unverified (case, StdLab's answer); raises BatchError."""
    payload = "".join(json.dumps(c, ensure_ascii=ascii) + "\n" for c in cases)
    proc = subprocess.run([binary, "regex", "--batch"], input=payload.encode("utf-8"),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=240 + len(cases) // 200)
    if proc.returncode != 0:
        raise BatchError(f"stdlab regex --batch exited with {proc.returncode} "
                         + proc.stderr.decode()[:2000])
    lines = proc.stdout.decode("utf-8").split("\n")[:-1]
    if len(lines) != len(cases):
        raise BatchError(f"expected {len(cases)} responses, got {len(lines)}")
    result = BatchResult([], [], [], [], ascii)
    for case, line in zip(cases, lines):
        got = json.loads(line)
        started = time.process_time()
        want = python_result_limited(case)
        python_seconds = time.process_time() - started
        if want is None:
            if got.get("error", {}).get("limit"):
                result.over_budget.append((case, python_seconds))
            else:
                result.unverified.append((case, got))
            continue
        if "python_bug" in want:
            result.python_bugs.append(case)
            continue
        want["id"] = case["id"]
        # A result holding a lone high then a lone low (a template's \ud800 before a text's
        # \udc00) reads back from JSON as one code point, on either side.
        want = json.loads(json.dumps(want))
        if got != want:
            # StdLab stops a request after 0.5 s of CPU (README): a generated pattern that
            # backtracks exponentially may take python3 that long too. Only then is the limit
            # an answer; the case is printed and counted apart.
            if got.get("error", {}).get("limit") and python_seconds > BUDGET_SECONDS / 2:
                result.over_budget.append((case, python_seconds))
            else:
                result.failures.append((case, want, got))
    return result


def report(result, show=25):
    """Prints run_batch()'s first @show mismatches and every case counted apart."""
    def text(value):
        return json.dumps(value, ensure_ascii=result.ascii)
    for case, want, got in result.failures[:show]:
        brief = {k: (v if not isinstance(v, str) or len(v) < 80 else v[:60] + "...")
                 for k, v in case.items()}
        print("MISMATCH", text(brief))
        print("  python:", text(want)[:300])
        print("  stdlab:", text(got)[:300])
    for case in result.python_bugs:
        print("SKIPPED (CPython raised SystemError):", text(case))
    for case, seconds in result.over_budget:
        print(f"OVER BUDGET (python3 took {seconds:.2f} s CPU; StdLab stopped at its limit):",
              text(case))
    for case, got in result.unverified:
        print(f"UNVERIFIED (python3 gave no answer in {PYTHON_LIMIT_SECONDS:g} s CPU; StdLab "
              f"answered {text(got)[:200]}):", text(case))


def main():
    args = sys.argv[1:]
    show = 25
    dump = None
    binary = os.environ.get("STDLAB_BINARY")
    i = 0
    while i < len(args):
        if args[i] == "--show":
            show = int(args[i + 1])
            i += 2
        elif args[i] == "--dump":
            dump = args[i + 1]
            i += 2
        else:
            binary = args[i]
            i += 1
    if not binary:
        print("usage: differential.py STDLAB_BINARY", file=sys.stderr)
        return 2
    seed = int(os.environ.get("STDLAB_DIFF_SEED", time.strftime("%Y%m%d", time.gmtime())))
    print(f"seed {seed} (STDLAB_DIFF_SEED={seed} repeats this run)", flush=True)
    rng = random.Random(seed)
    generated = generate(rng) + fuzz(rng, int(os.environ.get("STDLAB_DIFF_FUZZ", "20000")))
    cases = generated + exhaustive(rng)
    for n, case in enumerate(cases):
        case["id"] = n
    try:
        result = run_batch(binary, cases)
    except BatchError as e:
        print(e)
        return 1
    if dump:
        with open(dump, "w", encoding="utf-8") as f:
            for case, want, got in result.failures:
                f.write(json.dumps({"case": case, "python": want, "stdlab": got},
                                   ensure_ascii=False) + "\n")
    report(result, show)
    failures, python_bugs = result.failures, result.python_bugs
    over_budget, unverified = result.over_budget, result.unverified
    print(f"{len(cases)} cases ({len(generated)} generated, {len(cases) - len(generated)} "
          f"exhaustive), {len(failures)} mismatches, {len(python_bugs)} skipped, "
          f"{len(over_budget)} over the CPU budget in python3 too, {len(unverified)} unverified "
          f"(python3 over {PYTHON_LIMIT_SECONDS:g} s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

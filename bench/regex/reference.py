#!/usr/bin/env python3
"""reference.py TEXT_FILE PATTERN...: python3's re doing the panel's work: finditer, keeping the
span of the match and of every group (Match.regs). One JSON line per pattern (best of 3)."""
import json
import re
import sys
import time

with open(sys.argv[1], encoding="utf-8") as f:
    text = f.read()
for pattern in sys.argv[2:]:
    best = None
    count = 0
    for _ in range(3):
        t0 = time.perf_counter()
        spans = [m.regs for m in re.compile(pattern).finditer(text)]
        t = (time.perf_counter() - t0) * 1000
        count = len(spans)
        del spans
        best = t if best is None else min(best, t)
    print(json.dumps({"pattern": pattern, "python_ms": best, "python_count": count}), flush=True)

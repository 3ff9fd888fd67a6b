#!/usr/bin/env python3
"""The Python peer of `stdlab date --batch`: same requests, same answers, flushed per line."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "date"))
import pyreference  # noqa: E402

out = sys.stdout
for line in sys.stdin:
    if not line.strip():
        continue
    try:
        request = json.loads(line)
    except ValueError as e:
        response = {"error": str(e), "id": None}
    else:
        response = pyreference.handle(request)
        response["id"] = request.get("id")
    out.write(json.dumps(response, separators=(",", ":")) + "\n")
    out.flush()

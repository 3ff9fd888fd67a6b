#!/usr/bin/env bash
# Fails when a tr() string of the sources has no Spanish translation: runs lupdate over every
# source into a copy of stdlab_es.ts and counts what is unfinished there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
lupdate=${LUPDATE:-/usr/lib/qt6/bin/lupdate}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$root/resources/translations/stdlab_es.ts" "$tmp/stdlab_es.ts"
"$lupdate" -silent -no-obsolete -locations none -extensions cpp,h \
    "$root/app" "$root/core" "$root/network" "$root/widgets" -ts "$tmp/stdlab_es.ts" >/dev/null
python3 - "$tmp/stdlab_es.ts" <<'PY'
import sys, xml.etree.ElementTree as ET
bad = []
for ctx in ET.parse(sys.argv[1]).getroot().iter("context"):
    for m in ctx.iter("message"):
        t = m.find("translation")
        if t.get("type") in ("unfinished",) or not ((t.text or "").strip() or len(t)):
            bad.append(f'{ctx.findtext("name")}: {m.findtext("source")}')
for b in bad:
    print("untranslated:", b)
print(f"{len(bad)} untranslated strings")
sys.exit(1 if bad else 0)
PY

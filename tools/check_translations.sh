#!/usr/bin/env bash
# Fails when a tr() string of the sources has no Spanish translation, or a %n string has no
# English singular/plural forms: runs lupdate over every source into copies of stdlab_es.ts and
# stdlab_en.ts (-pluralonly, as tools/translate.py does) and counts what is unfinished there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
lupdate=${LUPDATE:-/usr/lib/qt6/bin/lupdate}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for lang in es en; do
    options=()
    [ "$lang" = en ] && options=(-pluralonly)
    cp "$root/resources/translations/stdlab_$lang.ts" "$tmp/stdlab_$lang.ts"
    "$lupdate" -silent -no-obsolete -locations none "${options[@]}" -extensions cpp,h \
        "$root/app" "$root/core" "$root/network" "$root/widgets" -ts "$tmp/stdlab_$lang.ts" \
        >/dev/null
    python3 - "$tmp/stdlab_$lang.ts" "$lang" <<'PY' || status=1
import sys, xml.etree.ElementTree as ET
path, lang = sys.argv[1], sys.argv[2]
bad = []
count = 0
for ctx in ET.parse(path).getroot().iter("context"):
    for m in ctx.iter("message"):
        count += 1
        t = m.find("translation")
        if m.get("numerus") == "yes":
            forms = [(f.text or "").strip() for f in t.iter("numerusform")]
            done = len(forms) >= 2 and all(forms)
        else:
            done = bool((t.text or "").strip())
        if t.get("type") == "unfinished" or not done:
            bad.append(f'{ctx.findtext("name")}: {m.findtext("source")}')
for b in bad:
    print(f"untranslated ({lang}):", b)
print(f"{lang}: {len(bad)} of {count} strings untranslated")
# stdlab_en.ts holds the %n strings only: none there means -pluralonly or the .ts went wrong.
sys.exit(1 if bad or count == 0 else 0)
PY
done
exit $status

#!/usr/bin/env python3
"""Fill resources/translations/stdlab_<lang>.ts from the per-area dictionaries.

Runs lupdate over every source, then fills the .ts files; translations live in
resources/translations/<lang>/*.json, one file per area, so that work on different areas never
conflicts. Keys are the English source text, or "Context|source" where the same text needs
different translations. A numerus (%n) entry takes a list of forms.

stdlab_es.ts holds every tr() string. stdlab_en.ts holds only the %n strings (lupdate
-pluralonly): the sources are English, but "%n file(s)" needs "1 file" / "2 files". Its forms
come from resources/translations/en/*.json, or, for a source with "(s)" and no entry there,
from the rule "(s)" -> "" (singular) / "s" (plural).

    tools/translate.py            # lupdate, fill, report what is still untranslated
    tools/translate.py --check    # exit 1 if anything is untranslated
"""
import glob
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)


def load_dictionary(lang):
    mapping = {}
    for path in sorted(glob.glob(os.path.join(root, "resources", "translations", lang, "*.json"))):
        with open(path, encoding="utf-8") as f:
            mapping.update(json.load(f))
    return mapping


# Extra lupdate options per language (tools/check_translations.sh uses the same).
LANGUAGES = {"es": [], "en": ["-pluralonly"]}


def run_lupdate(ts_path, options):
    """Brings the .ts up to date with every tr() of the sources (new strings, none obsolete)."""
    lupdate = os.environ.get("LUPDATE", "/usr/lib/qt6/bin/lupdate")
    dirs = [os.path.join(root, d) for d in ("app", "core", "network", "widgets")]
    subprocess.run([lupdate, "-silent", "-no-obsolete", "-locations", "none", *options,
                    "-extensions", "cpp,h", *dirs, "-ts", ts_path],
                   check=True, stdout=subprocess.DEVNULL)


def english_plural_rule(source):
    """'%n file(s)' -> ['%n file', '%n files']; None when the source has no '(s)'."""
    if "(s)" not in source:
        return None
    return [source.replace("(s)", ""), source.replace("(s)", "s")]


def fill(lang):
    """Runs lupdate (unless --no-lupdate) and fills stdlab_<lang>.ts; returns what is missing."""
    ts_path = os.path.join(root, "resources", "translations", f"stdlab_{lang}.ts")
    if "--no-lupdate" not in sys.argv:
        run_lupdate(ts_path, LANGUAGES[lang])
    mapping = load_dictionary(lang)
    tree = ET.parse(ts_path)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            value = mapping.get(f"{name}|{source}", mapping.get(source))
            if value is None and lang == "en" and message.get("numerus") == "yes":
                value = english_plural_rule(source)
            if value is None:
                if translation.get("type") == "unfinished" or not (translation.text or len(translation)):
                    missing.append(f"{name}|{source}")
                continue
            for child in list(translation):
                translation.remove(child)
            if message.get("numerus") == "yes":
                forms = value if isinstance(value, list) else [value, value]
                translation.text = None
                for form in forms:
                    ET.SubElement(translation, "numerusform").text = form
            else:
                translation.text = value
            translation.attrib.pop("type", None)
    ET.indent(tree, space="    ")
    with open(ts_path, "wb") as f:
        f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(f, encoding="utf-8", xml_declaration=False)
        f.write(b"\n")
    return missing


def main():
    check = "--check" in sys.argv
    failed = False
    for lang in LANGUAGES:
        missing = fill(lang)
        for m in missing:
            print(f"untranslated ({lang}): {m}")
        print(f"{lang}: {len(missing)} untranslated")
        failed = failed or bool(missing)
    return 1 if (check and failed) else 0


if __name__ == "__main__":
    sys.exit(main())

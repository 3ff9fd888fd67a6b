#!/usr/bin/env bash
# tools/lesson_screenshots.sh [BUILD_DIR]: the README's Course screenshots, in English and
# Spanish (docs/screenshots/lesson.png, lesson-es.png): a window at the dd/mm/yyyy lesson, its
# exercise checked (a tricky hidden sample fails, with why) and its program run by python3;
# lesson-chat.png, lesson-chat-es.png: a Python client talking to the Chat tab's server, the
# exchanged lines compared and the lesson's exercise checked.
# Drawn by the real X11 platform under Xvfb (fonts as a desktop shows them).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
shot=$build/tools/lessonshot/lessonshot
out=$root/docs/screenshots
[ -x "$shot" ] || { echo "lesson_screenshots: build first ($shot missing): ./test" >&2; exit 1; }
command -v Xvfb >/dev/null || { echo "lesson_screenshots: needs xvfb" >&2; exit 1; }

work=$(mktemp -d)
pid=""
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
# A fresh home: no settings or progress of the user's, a sandbox of its own.
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share
mkdir -p "$HOME"
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
pid=$!
export DISPLAY=$display QT_QPA_PLATFORM=xcb
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
mkdir -p "$out"
"$shot" en "$out/lesson.png"
"$shot" es "$out/lesson-es.png"
"$shot" en "$out/lesson-chat.png" chat
"$shot" es "$out/lesson-chat-es.png" chat
echo "lesson_screenshots: $out/lesson.png $out/lesson-es.png $out/lesson-chat.png $out/lesson-chat-es.png"

#!/usr/bin/env bash
# tools/check-package.sh [BUILD_DIR]: the .deb end to end, as a user gets it. Builds it with
# cpack from BUILD_DIR (default ./build, built first), unpacks it with `dpkg -x` into a scratch
# folder and checks: the binary is stripped and runs (--help, a regex search as python3 prints
# it, a date difference with its English plural), the .desktop file validates and names an
# installed binary and icon, the GUI finds its translations (the Spanish tab titles, offscreen),
# and the debug symbols are apart in the -dbgsym package. ctest runs it as package_check (label
# long: CI leaves it out). Needs dpkg-deb, desktop-file-validate (desktop-file-utils, installed
# when missing) and python3.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
[ -x "$build/bin/stdlab" ] || { echo "check-package: build first ($build/bin/stdlab missing)" >&2; exit 1; }
if ! command -v desktop-file-validate >/dev/null; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo=sudo
    echo "check-package: installing desktop-file-utils" >&2
    $sudo apt-get install -y -q desktop-file-utils >&2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
check() { # check DESCRIPTION COMMAND...: runs the command, reports, counts a failure
    local what=$1
    shift
    if "$@" >"$work/out" 2>&1; then
        echo "ok    $what"
    else
        echo "FAIL  $what"
        sed 's/^/      /' "$work/out" | head -20
        failures=$((failures + 1))
    fi
}

(cd "$build" && cpack -G DEB -B "$work/cpack" >"$work/cpack.log" 2>&1) || {
    cat "$work/cpack.log" >&2
    echo "check-package: cpack failed" >&2
    exit 1
}
deb=$(find "$work/cpack" -maxdepth 1 -name 'stdlab_*.deb' ! -name '*dbgsym*' | head -1)
dbg=$(find "$work/cpack" -maxdepth 1 -name '*dbgsym*.d*deb' | head -1)
[ -n "$deb" ] || { echo "check-package: no .deb in $work/cpack" >&2; exit 1; }
echo "package: $(basename "$deb"), $(du -k "$deb" | cut -f1) KiB"
dpkg-deb -f "$deb" Package Version Architecture Depends | sed 's/^/  /'
dpkg -x "$deb" "$work/root"
bin=$work/root/usr/bin/stdlab
desktop=$work/root/usr/share/applications/io.stdlab.StdLab.desktop

check "usr/bin/stdlab is installed and executable" test -x "$bin"
check "the binary is stripped (no .debug_info)" bash -c "! readelf -S '$bin' | grep -q '\.debug_info'"
check "debug symbols are apart (-dbgsym package)" test -n "$dbg"
if [ -n "$dbg" ]; then
    echo "debug package: $(basename "$dbg"), $(du -k "$dbg" | cut -f1) KiB"
    dpkg -x "$dbg" "$work/dbg"
    build_id=$(readelf -n "$bin" | sed -n 's/.*Build ID: *//p')
    check "it holds the binary's debug information (build id $build_id)" \
        bash -c "readelf -S '$work/dbg/usr/lib/debug/.build-id/${build_id:0:2}/${build_id:2}.debug' | grep -q '\.debug_info'"
fi
check "stdlab --help names the command" bash -c "'$bin' --help | head -1 | grep -q '^Usage: stdlab '"
expected=$(python3 -c "import re; print(re.search('a', 'a'))")
check "stdlab regex search a a prints what python3 prints" \
    bash -c "[ \"\$('$bin' regex search a a)\" = \"$expected\" ]"
check "stdlab date diff counts in English plural forms" \
    bash -c "'$bin' date diff 2023-01-01 2023-09-18 | grep -q '37 weeks, 1 day\$'"
check "the .desktop file validates" desktop-file-validate "$desktop"
exec_name=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
check "its Exec ($exec_name) is the installed binary" test -x "$work/root/usr/bin/$exec_name"
icon=$(sed -n 's/^Icon=//p' "$desktop")
check "its Icon ($icon) is installed in hicolor" \
    bash -c "ls '$work/root/usr/share/icons/hicolor/'*/apps/'$icon'.{svg,png} 2>/dev/null | grep -q ."
# The GUI, offscreen: the startup probe prints the tab titles once the window is shown.
tabs_es=$(QT_QPA_PLATFORM=offscreen STDLAB_STARTUP_PROBE=1 HOME="$work/home" \
    XDG_CONFIG_HOME="$work/home/.config" timeout 60 "$bin" --lang es 2>/dev/null | sed -n 's/^tabs=//p')
check "the GUI finds its Spanish translations (tabs: $tabs_es)" \
    bash -c "[ '$tabs_es' = 'Fechas|Regex|Archivos|Chat' ]"
tabs_en=$(QT_QPA_PLATFORM=offscreen STDLAB_STARTUP_PROBE=1 HOME="$work/home" \
    XDG_CONFIG_HOME="$work/home/.config" timeout 60 "$bin" --lang en 2>/dev/null | sed -n 's/^tabs=//p')
check "and runs in English (tabs: $tabs_en)" bash -c "[ '$tabs_en' = 'Dates|Regex|Files|Chat' ]"

if [ "$failures" -gt 0 ]; then
    echo "check-package: $failures check(s) failed" >&2
    exit 1
fi
echo "check-package: all checks passed"

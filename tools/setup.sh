#!/usr/bin/env bash
# Shared set-up of ./run and ./test: install what is missing, configure, build (incrementally).
# Usage: tools/setup.sh [BUILD_DIR] [extra cmake args...]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$here/build}
shift || true

# Debian 12 / Ubuntu 24.04 packages: build tools, Qt 6, PCRE2, and the peers tests talk to.
packages=(
    build-essential cmake ninja-build ccache pkg-config git python3
    qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev
    qt6-translations-l10n qt6-qpa-plugins libqt6svg6 libgl-dev libpcre2-dev libicu-dev
    tzdata netcat-openbsd ncat xvfb xauth dpkg-dev file libssl-dev openssl libarchive-dev
    libarchive13
)
# CPython's Lib/test/test_re.py for ctest regex_cpython_test_re (Debian 12's python3.11; a
# python3 that ships test.test_re itself does without it).
if apt-cache show libpython3.11-testsuite >/dev/null 2>&1; then
    packages+=(libpython3.11-testsuite)
fi
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing missing packages: ${missing[*]}"
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "setup: need root or sudo to install packages" >&2; exit 1; }
        sudo=sudo
    fi
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

jobs=$(nproc 2>/dev/null || echo 2)
if [ ! -f "$build/build.ninja" ]; then
    echo "setup: configuring $build"
    cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
fi
echo "setup: building in $build"
cmake --build "$build" --parallel "$jobs"

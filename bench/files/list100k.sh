#!/usr/bin/env bash
# bench/files/list100k.sh WORKDIR: (called by bench/files/run) makes a folder of 100,000 empty
# files, times `ls -f` on it, then the Files tab opening it to its first painted rows (median of
# RUNS_LIST, 3), with the longest GUI stall; QFileSystemModel + QTreeView for reference.
# Prints one line of key=value figures.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${STDLAB_BENCH_BUILD:?run through bench/run files}"
work=$1
runs=${RUNS_LIST:-3}
count=${LIST_FILES:-100000}
cmake --build "$STDLAB_BENCH_BUILD" --target bench_files_list100k >&2
program="$STDLAB_BENCH_BUILD/bench/files/bench_files_list100k"
dir="$work/list100k"
mkdir -p "$dir"
python3 - "$dir" "$count" <<'PY'
import os, sys
d, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    open(os.path.join(d, f"file{i}.txt"), "wb").close()
PY
ls -f "$dir" >/dev/null # warm the dentry cache for every reader alike
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ls_times=()
for i in $(seq "$runs"); do
    t0=$(date +%s%N)
    ls -f "$dir" >/dev/null
    t1=$(date +%s%N)
    ls_times+=($(( (t1 - t0) / 1000 )))
done
display=()
if [ -z "${DISPLAY:-}" ]; then
    display=(xvfb-run -a -s "-screen 0 1280x900x24")
fi
list=() stall=() qfsm=() qstall=()
for i in $(seq "$runs"); do
    line=$(XDG_CONFIG_HOME="$work/config" QT_QPA_PLATFORM=xcb "${display[@]}" "$program" "$dir" \
        2>/dev/null | grep list_100k_ms)
    echo "list run $i: $line" >&2
    get() { sed -E "s/.*(^| )$1=([0-9.-]+).*/\2/" <<<"$line"; }
    list+=("$(get list_100k_ms)") stall+=("$(get list_100k_stall_ms)")
    qfsm+=("$(get qfsm_100k_ms)") qstall+=("$(get qfsm_100k_stall_ms)")
done
rm -rf "$dir"
awk -v l="$(median "${list[@]}")" -v s="$(median "${stall[@]}")" -v q="$(median "${qfsm[@]}")" \
    -v qs="$(median "${qstall[@]}")" -v ls="$(median "${ls_times[@]}")" 'BEGIN {
    lsms = ls / 1000
    printf "list_100k_ms=%.1f list_100k_stall_ms=%d ls_100k_ms=%.1f ratio_ls=%.1f qfsm_100k_ms=%.1f qfsm_100k_stall_ms=%d goal_list_ms=1000\n",
        l, s, lsms, l / (lsms > 0 ? lsms : 1), q, qs }'

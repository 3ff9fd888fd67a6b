#!/usr/bin/env bash
# bench/run files verify: verified copies end to end, `stdlab files copy --verify` (and
# copytree --verify) against python3 doing the same check: shutil.copy2, then hashlib's
# BLAKE2b of the source and of the copy read back (python_sync also fsyncs the copy and drops it
# from the page cache before reading it back, as StdLab does, so that the read-back reads the
# disk). Two workloads: one 512 MiB file, a tree of 2,000 small files (0-8 KiB). Each figure is
# the median of ROUNDS (3) wall times, tools alternating order; peak RSS from /usr/bin/time.
# StdLab also records the copy in its undo journal (a journal of its own under the work folder).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${STDLAB_BENCH_BUILD:?run through bench/run files verify}"
rounds=${ROUNDS:-3}
big_mib=${BIG_MIB:-512}
small=${SMALL_FILES:-2000}
cmake --build "$STDLAB_BENCH_BUILD" --target stdlab >&2
stdlab="$STDLAB_BENCH_BUILD/bin/stdlab"

work=$(mktemp -d "${TMPDIR:-/tmp}/stdlab-bench-verify.XXXXXX")
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME="$work/data" # StdLab's undo journal, not the user's
python3 - "$work/src" "$big_mib" "$small" <<'PY'
import os, random, sys
root, big, small = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(18)
os.makedirs(os.path.join(root, "tree"))
chunk = rng.randbytes(1 << 20)
with open(os.path.join(root, "big.bin"), "wb") as f:
    for j in range(big):
        f.write(chunk[j:] + chunk[:j])
for n in range(small):
    d = os.path.join(root, "tree", f"d{n // 100}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"f{n}.txt"), "wb") as f:
        f.write(rng.randbytes(rng.randint(0, 8192)))
PY
cat > "$work/peer.py" <<'PY'
import hashlib, os, shutil, sys
mode, sync, src, dst = sys.argv[1], sys.argv[2] == "1", sys.argv[3], sys.argv[4]

def digest(path):
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "blake2b").digest()

def verified(s, d):
    shutil.copy2(s, d)
    if sync:
        fd = os.open(d, os.O_RDONLY)
        os.fsync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        os.close(fd)
    if digest(s) != digest(d):
        os.remove(d)
        raise SystemExit(f"{s}: the copy differs")
    return d

if mode == "file":
    verified(src, dst)
else:
    shutil.copytree(src, dst, copy_function=verified)
PY
sync
tar -cf - -C "$work" src | cat >/dev/null # warm the page cache for every tool alike

run_tool() { # tool workload -> "ms rss_kb"
    local tool=$1 what=$2 src dst t0 t1
    if [ "$what" = file ]; then src="$work/src/big.bin"; else src="$work/src/tree"; fi
    dst="$work/dst"
    rm -rf "$dst" "$work/data"
    sync
    t0=$(date +%s%N)
    case $tool in
    stdlab)
        if [ "$what" = file ]; then
            /usr/bin/time -f %M -o "$work/rss" "$stdlab" files copy --verify "$src" "$dst" >/dev/null
        else
            /usr/bin/time -f %M -o "$work/rss" "$stdlab" files copytree --verify "$src" "$dst" >/dev/null
        fi ;;
    python) /usr/bin/time -f %M -o "$work/rss" python3 "$work/peer.py" "$what" 0 "$src" "$dst" ;;
    python_sync) /usr/bin/time -f %M -o "$work/rss" python3 "$work/peer.py" "$what" 1 "$src" "$dst" ;;
    esac
    t1=$(date +%s%N)
    if [ "$what" = file ]; then
        cmp -s "$src" "$dst" || { echo "bench verify: $tool's copy differs" >&2; exit 1; }
    else
        diff -r -q "$src" "$dst" >/dev/null || { echo "bench verify: $tool's copy differs" >&2; exit 1; }
    fi
    echo "$(( (t1 - t0) / 1000000 )) $(tail -1 "$work/rss")"
}

median() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
tools=(stdlab python python_sync)
figures=""
for what in file tree; do
    declare -A ms=() rss=()
    for round in $(seq "$rounds"); do
        order=("${tools[@]:$(( (round - 1) % 3 ))}" "${tools[@]:0:$(( (round - 1) % 3 ))}")
        for tool in "${order[@]}"; do
            read -r t m < <(run_tool "$tool" "$what")
            ms[$tool]="${ms[$tool]:-} $t"
            rss[$tool]="${rss[$tool]:-} $m"
            echo "verify $what round $round: $tool ${t} ms, peak RSS ${m} KiB" >&2
        done
    done
    s=$(median "${ms[stdlab]}"); p=$(median "${ms[python]}"); ps=$(median "${ms[python_sync]}")
    figures+=$(awk -v w="$what" -v s="$s" -v p="$p" -v ps="$ps" \
        -v rs="$(median "${rss[stdlab]}")" -v rp="$(median "${rss[python]}")" \
        -v rps="$(median "${rss[python_sync]}")" 'BEGIN {
        printf "verify_%s_stdlab_ms=%d verify_%s_python_ms=%d verify_%s_python_sync_ms=%d ", w, s, w, p, w, ps
        printf "verify_%s_ratio_python=%.2f verify_%s_ratio_python_sync=%.2f ", w, s / (p > 0 ? p : 1), w, s / (ps > 0 ? ps : 1)
        printf "verify_%s_rss_kb_stdlab=%d verify_%s_rss_kb_python=%d verify_%s_rss_kb_python_sync=%d ", w, rs, w, rp, w, rps }')
    unset ms rss
done
echo "load=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' ,) ${figures% }"

#!/usr/bin/env bash
# `renja watch` on a copy of the flagship: one kegiatan pagu changed and saved, SAVES times in a
# row, each time waiting for the rebuild; prints each rebuild's time as renja reports it (from
# the file event to the PDF renamed into place) and their median.
#
#   bash bench/watch.sh            # SAVES=9 by default
set -euo pipefail
cd "$(dirname "$0")/.."

SAVES=${SAVES:-9}
WORK=${WORK:-target/bench-watch}
rm -rf "$WORK"
mkdir -p "$WORK"
cargo build --release --locked --bin renja >&2
cp plan.json "$WORK/plan.json"

"${CARGO_TARGET_DIR:-target}"/release/renja watch "$WORK/plan.json" -o "$WORK/plan.pdf" 2>"$WORK/watch.log" &
WATCH=$!
trap 'kill $WATCH 2>/dev/null || true' EXIT

# wait_for N: until the log holds N rebuild lines (the first build counts).
wait_for() {
    for _ in $(seq 300); do
        [ "$(grep -c 'disusun ulang' "$WORK/watch.log" || true)" -ge "$1" ] && return 0
        sleep 0.05
    done
    echo "galat: tidak ada penyusunan ulang ke-$1" >&2
    cat "$WORK/watch.log" >&2
    exit 1
}

wait_for 1
for i in $(seq "$SAVES"); do
    sleep 0.5
    # The first kegiatan's pagu, a different amount each save (an editor's save: write a new
    # file beside the plan, rename it over the plan).
    python3 - "$WORK/plan.json" "$i" <<'PY'
import json, os, sys
path, i = sys.argv[1], int(sys.argv[2])
plan = json.load(open(path))
k = plan["rencana"]["program"][0]["kegiatan"][0]
k["pagu"] = int(k["pagu"]) + 1000000 * i
tmp = path + ".simpan"
json.dump(plan, open(tmp, "w"), ensure_ascii=False, indent=2)
os.replace(tmp, path)
PY
    wait_for $((i + 1))
done
grep 'disusun ulang' "$WORK/watch.log" | sed -n 's/.* dalam \([0-9]*\) ms/\1/p' >"$WORK/ms"
echo "penyusunan pertama: $(head -1 "$WORK/ms") ms"
echo "penyusunan ulang:   $(tail -n +2 "$WORK/ms" | tr '\n' ' ')ms"
tail -n +2 "$WORK/ms" | sort -n | awk '{ v[NR] = $1 } END { printf "median %s ms\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'

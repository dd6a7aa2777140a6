#!/usr/bin/env bash
# How a build grows with table rows: whole-process `renja build` of synthetic plans of about
# 300, 2,400 and 3,000 table rows (Tabel 2.1, 2.2, 2.3, 3.1, 4.1), median wall time, peak RSS,
# the cost per table row (whole build / rows) and the marginal cost per row (the rows added
# since the previous size), and last the per-row cost at the largest size over the smallest.
#
#   bash bench/scale.sh            # RUNS=5 by default; ROWS="300 1200 2400 3000" to choose
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
ROWS=${ROWS:-300 2400 3000}
WORK=${WORK:-target/bench-scale}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1514764800}
mkdir -p "$WORK"

if ! [ -x /usr/bin/time ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get install -y -qq time >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
    else
        echo "galat: /usr/bin/time (GNU time) diperlukan; apt-get install time" >&2
        exit 1
    fi
fi

cargo build --release --locked --bin renja --example synth >&2
RENJA=${CARGO_TARGET_DIR:-target}/release/renja
SYNTH=${CARGO_TARGET_DIR:-target}/release/examples/synth

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '%8s %8s %10s %10s %12s %14s\n' baris halaman "median s" "RSS MB" "ms per baris" "ms per baris+"
first_per_row=""
prev_rows=""
prev_ms=""
for rows in $ROWS; do
    plan="$WORK/synth-$rows.json"
    "$SYNTH" --baris "$rows" --seed 1 -o "$plan" 2>"$WORK/synth.err"
    counted=$(sed -n 's/.*: \([0-9]*\) baris tabel.*/\1/p' "$WORK/synth.err")
    "$RENJA" build "$plan" -o "$WORK/synth-$rows.pdf" 2>"$WORK/build.err" # warm-up
    pages=$(sed -n 's/.*: \([0-9]*\) halaman.*/\1/p' "$WORK/build.err")
    : >"$WORK/$rows.times"
    : >"$WORK/$rows.rss"
    for _ in $(seq "$RUNS"); do
        a=$(date +%s%N)
        /usr/bin/time -v -o "$WORK/$rows.time" "$RENJA" build "$plan" -o "$WORK/synth-$rows.pdf" 2>/dev/null
        b=$(date +%s%N)
        echo $(( (b - a) / 1000000 )) >>"$WORK/$rows.times"
        awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/$rows.time" >>"$WORK/$rows.rss"
    done
    ms=$(median <"$WORK/$rows.times")
    rss=$(median <"$WORK/$rows.rss")
    per_row=$(awk -v t="$ms" -v r="$counted" 'BEGIN { printf "%.3f", t / r }')
    # The marginal cost: what the rows added since the previous size cost, each.
    marginal=$([ -n "$prev_rows" ] && awk -v t="$ms" -v pt="$prev_ms" -v r="$counted" -v pr="$prev_rows" \
        'BEGIN { printf "%.3f", (t - pt) / (r - pr) }' || echo "-")
    printf '%8s %8s %10.2f %10d %12s %14s\n' "$counted" "$pages" "$(awk -v t="$ms" 'BEGIN { print t / 1000 }')" \
        $((rss / 1024)) "$per_row" "$marginal"
    prev_rows=$counted
    prev_ms=$ms
    [ -n "$first_per_row" ] || first_per_row=$per_row
    last_per_row=$per_row
done
awk -v a="$first_per_row" -v b="$last_per_row" 'BEGIN { printf "biaya per baris, terbesar / terkecil: %.2f\n", b / a }'

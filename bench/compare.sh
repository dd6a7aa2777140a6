#!/usr/bin/env bash
# renja against the bare engine: whole-process `renja build PLAN` versus the Python `typst`
# package (0.15.0) compiling the very Typst sources renja generated for PLAN, with the same
# fonts (ours only: no system or embedded fonts) and the same PDF/A-2b standard.
#
#   bash bench/compare.sh            # RUNS=7 by default; RUNS=11 bash bench/compare.sh
#   bash bench/compare.sh PLAN.json…  # those plans instead
#
# Prints, for the flagship plan.json and a synthetic plan of about 300 pages (or for each PLAN
# given), the median wall time and the peak RSS of each side, and as its last line
# `ratio <renja / typst-py>` for the flagship (or the first PLAN). Runs alternate (renja, python, renja, …) after one untimed warm-up of each, so a
# busy machine slows both alike.
#
# One difference remains that the Python API cannot switch off: typst-py writes a tagged PDF
# (the default; ~3× larger), renja an untagged one. That is extra export work for typst-py.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-7}
WORK=${WORK:-target/bench-compare}
# Rows of the synthetic plan: about 3,700 table rows make about 290 pages.
BESAR_BARIS=${BESAR_BARIS:-3700}
# A fixed document date, so both sides write the same metadata (the flagship has no date).
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

echo "== cargo build --release" >&2
cargo build --release --locked --bin renja --example synth >&2
RENJA=target/release/renja
SYNTH=target/release/examples/synth

VENV="$WORK/venv"
if ! "$VENV/bin/python" -c 'import sys, typst; sys.exit(typst.__version__ != "0.15.0")' 2>/dev/null; then
    echo "== venv + typst==0.15.0" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check typst==0.15.0 >&2
fi
PY="$VENV/bin/python"
read -r -d '' PY_COMPILE <<'EOF' || true
import sys, typst
main, out, root, fonts, epoch = sys.argv[1:6]
typst.compile(
    main,
    output=out,
    root=root,
    font_paths=typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[fonts]),
    ignore_system_fonts=True,
    pdf_standards="a-2b",
    timestamp=int(epoch),
)
EOF

if [ $# -eq 0 ]; then
    "$SYNTH" --baris "$BESAR_BARIS" --seed 1 -o "$WORK/besar.json" 2>/dev/null
fi

# run LABEL CMD…: one timed run; appends "seconds kbytes" to $WORK/LABEL.times.
run() {
    local label=$1
    shift
    local start end
    start=$(date +%s%N)
    /usr/bin/time -v -o "$WORK/$label.time" "$@" >/dev/null 2>"$WORK/$label.err" || {
        echo "galat: $label gagal:" >&2
        cat "$WORK/$label.err" >&2
        exit 1
    }
    end=$(date +%s%N)
    local rss
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/$label.time")
    echo "$(( (end - start) / 1000000 )) $rss" >>"$WORK/$label.times"
}

# median FILE COLUMN
median() {
    sort -n -k"$2","$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m }'
}

compare() {
    local name=$1 plan=$2
    local src="$WORK/$name-typ"
    rm -rf "$src" "$WORK/$name-renja.times" "$WORK/$name-py.times"
    "$RENJA" build "$plan" -o "$WORK/$name-renja.pdf" --emit-typst "$src" 2>/dev/null
    local pages
    pages=$(python3 - "$WORK/$name-renja.pdf" <<'EOF'
import re, sys
data = open(sys.argv[1], "rb").read()
print(len(re.findall(rb"/Type\s*/Page(?![s\w])", data)))
EOF
)
    local renja_cmd=("$RENJA" build "$plan" -o "$WORK/$name-renja.pdf")
    local py_cmd=("$PY" -c "$PY_COMPILE" "$src/main.typ" "$WORK/$name-py.pdf" "$src" fonts "$SOURCE_DATE_EPOCH")
    "${renja_cmd[@]}" 2>/dev/null
    "${py_cmd[@]}"
    for _ in $(seq "$RUNS"); do
        run "$name-renja" "${renja_cmd[@]}"
        run "$name-py" "${py_cmd[@]}"
    done
    local r p rr pr
    r=$(median "$WORK/$name-renja.times" 1)
    p=$(median "$WORK/$name-py.times" 1)
    rr=$(median "$WORK/$name-renja.times" 2)
    pr=$(median "$WORK/$name-py.times" 2)
    printf '%-9s %4s halaman  renja build   median %6.3f s  peak RSS %4d MB  (%s runs)\n' \
        "$name" "$pages" "$(awk -v v="$r" 'BEGIN { print v / 1000 }')" $((rr / 1024)) "$RUNS"
    printf '%-9s %4s halaman  typst-py      median %6.3f s  peak RSS %4d MB  (%s runs)\n' \
        "$name" "$pages" "$(awk -v v="$p" 'BEGIN { print v / 1000 }')" $((pr / 1024)) "$RUNS"
    echo "$r $p" >"$WORK/$name.medians"
}

echo "== $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" >&2
if [ $# -eq 0 ]; then
    compare besar "$WORK/besar.json"
    compare flagship plan.json
    first=flagship
else
    first=
    for plan in "$@"; do
        name=$(basename "$plan" .json)
        compare "$name" "$plan"
        first=${first:-$name}
    done
fi
read -r r p <"$WORK/$first.medians"
awk -v r="$r" -v p="$p" 'BEGIN { printf "ratio %.2f\n", r / p }'

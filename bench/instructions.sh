#!/usr/bin/env bash
# Instructions, not seconds: `renja build` of the flagship against typst-py (0.15.0) compiling
# the fixed flagship source of commit 7388033 (bench/baseline-7388033/), and against typst-py
# compiling the source renja generates today, each counted by valgrind's callgrind (all
# threads). Unlike wall time, the counts hardly move with the machine's load, so a change can
# be judged on a busy machine; wall time is still what `compare.sh` reports.
#
#   bash bench/instructions.sh        # prints three counts and two ratios
set -euo pipefail
cd "$(dirname "$0")/.."

WORK=${WORK:-target/bench-compare}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1514764800}
mkdir -p "$WORK"
command -v valgrind >/dev/null || {
    echo "galat: valgrind diperlukan (apt-get install valgrind)" >&2
    exit 1
}
echo "== cargo build --release" >&2
cargo build --release --locked --bin renja >&2
RENJA=${CARGO_TARGET_DIR:-target}/release/renja
VENV="$WORK/venv"
if ! "$VENV/bin/python" -c 'import sys, typst; sys.exit(typst.__version__ != "0.15.0")' 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check typst==0.15.0 >&2
fi
read -r -d '' PY_COMPILE <<'PYEOF' || true
import sys, typst
main, out, root, fonts, epoch = sys.argv[1:6]
typst.compile(main, output=out, root=root,
    font_paths=typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[fonts]),
    ignore_system_fonts=True, pdf_standards="a-2b", timestamp=int(epoch))
PYEOF

# count CMD…: the instructions callgrind counted.
count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
        awk '/Collected :/ { print $NF }'
}

src="$WORK/instructions-typ"
rm -rf "$src"
"$RENJA" build plan.json -o "$WORK/instructions.pdf" --emit-typst "$src" 2>/dev/null
r=$(count "$RENJA" build plan.json -o "$WORK/instructions.pdf")
p=$(count "$VENV/bin/python" -c "$PY_COMPILE" "$src/main.typ" "$WORK/instructions-py.pdf" "$src" fonts "$SOURCE_DATE_EPOCH")
b=$(count "$VENV/bin/python" -c "$PY_COMPILE" bench/baseline-7388033/main.typ "$WORK/instructions-base.pdf" \
    bench/baseline-7388033 fonts "$SOURCE_DATE_EPOCH")
printf 'renja build plan.json                    %14d instructions\n' "$r"
printf 'typst-py, the source renja generates     %14d instructions\n' "$p"
printf 'typst-py, bench/baseline-7388033         %14d instructions\n' "$b"
awk -v r="$r" -v p="$p" 'BEGIN { printf "renja / typst-py (the same source)       %.3f\n", r / p }'
awk -v r="$r" -v b="$b" 'BEGIN { printf "ratio %.3f\n", r / b }'

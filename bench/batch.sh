#!/usr/bin/env bash
# 40 flagship-size plans: one `renja build DIR/` call (every core, one font set, shared Typst
# caches) against 40 separate `renja build PLAN` processes, one after another, and — for
# reference — 40 processes run $(nproc) at a time.
#
#   bash bench/batch.sh            # RUNS=3 by default
#
# The 40 plans are the flagship with a different Perangkat Daerah name, pemda and year, and
# every kegiatan pagu changed, so that no two plans share a page of text or a table figure.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
N=${N:-40}
WORK=${WORK:-target/bench-batch}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1514764800}
rm -rf "$WORK/plans"
mkdir -p "$WORK/plans"

cargo build --release --locked --bin renja --example synth >&2
RENJA=$(realpath "${CARGO_TARGET_DIR:-target}")/release/renja

python3 - "$WORK/plans" "$N" <<'EOF'
import json, sys
out, n = sys.argv[1], int(sys.argv[2])
pemda = ["Kabupaten Malang", "Kabupaten Sleman", "Kota Batu", "Kabupaten Gowa", "Kota Padang"]
bagian = ["Administrasi Kerja Sama", "Tata Pemerintahan", "Hukum", "Perekonomian", "Organisasi",
          "Pengadaan Barang dan Jasa", "Protokol dan Komunikasi Pimpinan", "Kesejahteraan Rakyat"]
base = json.load(open("plan.json"))
for i in range(n):
    plan = json.loads(json.dumps(base))
    kota = pemda[i % len(pemda)]
    plan["identitas"]["pemda"] = kota
    plan["identitas"]["perangkat_daerah"] = f"Bagian {bagian[i % len(bagian)]} Sekretariat Daerah {i + 1}"
    # 2019 and 2020 only: from 2021 on, a plan takes the 90/2019 codes (`kode.bentuk`).
    plan["identitas"]["tahun"] = 2019 + i % 2
    plan["identitas"]["periode_renstra"] = {"awal": 2016 + i % 3, "akhir": 2021 + i % 3}
    for p in plan["rencana"]["program"]:
        for k in p["kegiatan"]:
            k["pagu"] = int(k["pagu"]) * (97 + (i * 7 + len(k["kode"])) % 9) // 100 // 1000 * 1000
    json.dump(plan, open(f"{out}/renja-{i + 1:02}.json", "w"), ensure_ascii=False, indent=1)
EOF

seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

: >"$WORK/batch.times"
: >"$WORK/separate.times"
: >"$WORK/parallel.times"
"$RENJA" build "$WORK/plans" >"$WORK/batch.err" 2>&1 || { tail -3 "$WORK/batch.err" >&2; exit 1; } # warm-up
for _ in $(seq "$RUNS"); do
    a=$(date +%s%N)
    "$RENJA" build "$WORK/plans" 2>"$WORK/batch.err" || { cat "$WORK/batch.err" >&2; exit 1; }
    b=$(date +%s%N)
    seconds "$a" "$b" >>"$WORK/batch.times"
    echo >>"$WORK/batch.times"
    a=$(date +%s%N)
    for plan in "$WORK"/plans/renja-??.json; do "$RENJA" build "$plan" 2>/dev/null; done
    b=$(date +%s%N)
    seconds "$a" "$b" >>"$WORK/separate.times"
    echo >>"$WORK/separate.times"
    a=$(date +%s%N)
    printf '%s\0' "$WORK"/plans/renja-??.json | xargs -0 -n1 -P "$(nproc)" "$RENJA" build 2>/dev/null
    b=$(date +%s%N)
    seconds "$a" "$b" >>"$WORK/parallel.times"
    echo >>"$WORK/parallel.times"
done
batch=$(median <"$WORK/batch.times")
separate=$(median <"$WORK/separate.times")
parallel=$(median <"$WORK/parallel.times")
tail -1 "$WORK/batch.err"
echo "$N rencana, $(nproc) inti, median dari $RUNS:"
echo "  satu panggilan renja build DIR/     $batch s"
echo "  $N proses berurutan                 $separate s"
echo "  $N proses, $(nproc) sekaligus (xargs -P)   $parallel s"
awk -v s="$separate" -v b="$batch" -v p="$parallel" \
    'BEGIN { printf "percepatan %.2f× terhadap proses berurutan, %.2f× terhadap xargs -P\n", s / b, p / b }'

#!/usr/bin/env bash
# `renja serve` preview timing: a copy of the flagship, one pagu changed N times through the
# editor's HTTP API; prints, for each change, the save answer's time and the preview's layout time
# as the server reports it (check and template, Typst layout, SVG) and as the client waits for it.
# Usage: bash bench/serve.sh [RENJA_BINARY] [N]
set -euo pipefail
renja=${1:-${CARGO_TARGET_DIR:-target}/release/renja}
n=${2:-9}
dir=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
cp plan.json "$dir/plan.json"
"$renja" serve "$dir/plan.json" --port 0 >"$dir/out" 2>/dev/null &
pid=$!
while [ ! -s "$dir/out" ]; do sleep 0.1; done
url=$(head -1 "$dir/out")
port=$(echo "$url" | sed 's/.*:\([0-9]*\)\/.*/\1/')
token=${url##*token=}
base=http://127.0.0.1:$port
cookie="renja_token_$port=$token"
curl -s -b "$cookie" "$base/pratinjau?bagian=tabel-4.1" | grep -o 'disusun dalam [^<]*' | sed 's/^/pertama: /'
for i in $(seq 1 "$n"); do
  versi=$(sha256sum "$dir/plan.json" | cut -d' ' -f1)
  save=$(curl -s -o /dev/null -w '%{time_total}' -b "$cookie" -H "Origin: $base" \
    --data-urlencode 'jalur=$.rencana.program[0].kegiatan[0].pagu' --data-urlencode "nilai=$((5067000 + i * 1000))" \
    -d jenis=angka -d "versi=$versi" "$base/ubah")
  preview=$(curl -s -w ' klien %{time_total} s' -b "$cookie" "$base/pratinjau?bagian=tabel-4.1" | grep -o 'disusun dalam .*')
  echo "perubahan $i: simpan ${save} s; pratinjau $preview"
done

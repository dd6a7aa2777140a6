#!/usr/bin/env bash
# Cross-builds renja.exe for 64-bit Windows (x86_64-pc-windows-gnu) on Linux with MinGW-w64.
#
#   dist/windows.sh          build target/dist/renja-windows-x86_64.exe and its .sha256
#   dist/windows.sh --wine   the same, then run --version, check and build of plan.json under wine
#
# Needs rustup's x86_64-pc-windows-gnu standard library (added here when rustup is present) and
# the MinGW-w64 linker and C compiler (Debian's gcc-mingw-w64-x86-64, installed here when run as
# root where apt-get exists). The linker is set through the environment only, so ordinary Linux
# builds of the same tree are unaffected. The MinGW runtime (libgcc, winpthread) is linked
# statically, so the .exe needs no DLL beside it. CARGO_TARGET_DIR is honoured.
set -euo pipefail
cd "$(dirname "$0")/.."

wine_test=false
for arg in "$@"; do
  case "$arg" in
    --wine) wine_test=true ;;
    -h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "windows.sh: unknown argument '$arg' (only --wine)" >&2; exit 2 ;;
  esac
done

target=x86_64-pc-windows-gnu
mingw=x86_64-w64-mingw32

apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "windows.sh: please install $* (Debian/Ubuntu package names)" >&2
    exit 1
  fi
}

command -v "$mingw-gcc" >/dev/null 2>&1 || apt_install gcc-mingw-w64-x86-64
if command -v rustup >/dev/null 2>&1 && ! rustup target list --installed | grep -qx "$target"; then
  rustup target add "$target"
fi

export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER="$mingw-gcc"
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS="-C target-feature=+crt-static"
# C code in dependencies (mimalloc) compiled by cc-rs for the target
export CC_x86_64_pc_windows_gnu="$mingw-gcc" AR_x86_64_pc_windows_gnu="$mingw-ar"

start=$(date +%s)
cargo build --release --locked --target "$target" --bin renja
echo "windows.sh: built in $(($(date +%s) - start)) s"

target_dir="${CARGO_TARGET_DIR:-target}"
mkdir -p "$target_dir"
target_dir="$(cd "$target_dir" && pwd)"
dist="$target_dir/dist"
exe="$dist/renja-windows-x86_64.exe"
mkdir -p "$dist"
# The symbol table is of no use to a planner (105 MB -> 79 MB); the build itself is unchanged.
if command -v "$mingw-strip" >/dev/null 2>&1; then
  "$mingw-strip" -o "$exe" "$target_dir/$target/release/renja.exe"
else
  cp "$target_dir/$target/release/renja.exe" "$exe"
fi
(cd "$dist" && sha256sum renja-windows-x86_64.exe >renja-windows-x86_64.exe.sha256)
# Any DLL the .exe imports must be one Windows itself ships (no libgcc_s, libwinpthread, ...).
if command -v "$mingw-objdump" >/dev/null 2>&1; then
  echo "windows.sh: DLLs imported:" $("$mingw-objdump" -p "$exe" | sed -n 's/^\tDLL Name: //p' | sort -u)
  if "$mingw-objdump" -p "$exe" | grep -qiE 'DLL Name: (libgcc|libwinpthread|libstdc)'; then
    echo "windows.sh: $exe still needs a MinGW runtime DLL" >&2
    exit 1
  fi
fi
ls -l "$exe"
cat "$dist/renja-windows-x86_64.exe.sha256"

if $wine_test; then
  command -v wine >/dev/null 2>&1 || apt_install wine
  # Headless: no display is needed for a console program; WINEDEBUG=-all keeps wine's own notes
  # out of the output. The .exe runs in a directory holding only itself and a copy of plan.json,
  # so nothing of this tree is reachable by a relative path.
  export WINEDEBUG=-all WINEPREFIX="${WINEPREFIX:-$target_dir/wine}"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  cp "$exe" "$work/renja.exe"
  cp plan.json "$work/plan.json"
  # Rust's standard library takes its random bytes from ProcessPrng in bcryptprimitives.dll,
  # which Windows 10 and 11 have and wine before 9.0 (Debian 12 ships 8.0) lacks: there the test
  # puts a stand-in DLL (dist/wine/bcryptprimitives.c) beside the .exe. It is never shipped.
  wine_major="$(wine --version 2>/dev/null | sed -n 's/^wine-\([0-9]*\).*/\1/p')"
  if [ "${wine_major:-0}" -lt 9 ]; then
    "$mingw-gcc" -shared -O2 -s -Wl,--kill-at -o "$work/bcryptprimitives.dll" dist/wine/bcryptprimitives.c -ladvapi32
    echo "windows.sh: wine $wine_major lacks bcryptprimitives.dll; the stand-in from dist/wine/ is beside the .exe"
  fi
  out="$dist/wine-plan.pdf"
  (
    cd "$work"
    set -x
    wine renja.exe --version
    wine renja.exe check plan.json
    wine renja.exe build plan.json -o plan.pdf
    wine renja.exe verify plan.pdf --plan plan.json
  )
  cp "$work/plan.pdf" "$out"
  test -s "$out"
  echo "windows.sh: $(sed 's/plan\.pdf$/wine-plan.pdf/' "$work/plan.pdf.sha256")"
  if command -v pdftotext >/dev/null 2>&1; then
    pdftotext -layout "$out" "$dist/wine-plan.txt"
    grep -q '1\.073\.384\.000' "$dist/wine-plan.txt" || { echo "windows.sh: the total 1.073.384.000 is not in $out" >&2; exit 1; }
    echo "windows.sh: $out has the total 1.073.384.000"
  fi
fi

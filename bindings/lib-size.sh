#!/usr/bin/env bash
# Prints the size of the release library as it ships (stripped copy; the unstripped one stays
# in target/ for uniffi-bindgen). Fails above the 6 MB budget for 1–2 GB phones.
# Usage: bindings/lib-size.sh [cargo target triple, default: host]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
triple="${1:-}"
if [ -n "$triple" ]; then
  (cd "$root" && cargo build -p puskesos-ffi --release --lib --target "$triple")
  lib="$target_dir/$triple/release/libpuskesos_ffi.so"
else
  (cd "$root" && cargo build -p puskesos-ffi --release --lib)
  lib="$target_dir/release/libpuskesos_ffi.so"
fi
copy="$(mktemp)"
trap 'rm -f "$copy"' EXIT
cp "$lib" "$copy"
strip "$copy"
bytes=$(stat -c %s "$copy")
printf 'libpuskesos_ffi.so %s: %d bytes stripped (%.2f MB), %d unstripped; budget 6 MB\n' \
  "${triple:-$(rustc -vV | sed -n 's/^host: //p')}" "$bytes" "$(echo "$bytes / 1048576" | bc -l)" "$(stat -c %s "$lib")"
[ "$bytes" -le $((6 * 1024 * 1024)) ]

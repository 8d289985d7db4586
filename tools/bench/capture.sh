#!/usr/bin/env bash
# Capture benchmark: ours (puskesos-core) vs zxing-cpp and Pillow, same files, one run.
# Usage: tools/bench/capture.sh [OUT_DIR]   (default: bench-out/capture, git-ignored)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/bench-out/capture}"
mkdir -p "$out"
python3 -m pip install --quiet --disable-pip-version-check zxing-cpp pillow
cd "$root"
cargo build --release -p puskesos-core --example capture_bench
bin="$root/target/release/examples/capture_bench"
if [ ! -f "$out/.prepared" ]; then
  "$bin" prepare "$out"
  touch "$out/.prepared"
fi
echo "running the reference readers (zxing-cpp, Pillow)…" >&2
python3 "$root/tools/bench/reference.py" "$out" > "$out/reference.json"
"$bin" run "$out" "$out/reference.json"
echo
echo "== Peak memory of the whole process for one 12 MP photo (/usr/bin/time -v) =="
if [ -x /usr/bin/time ]; then
  /usr/bin/time -v "$bin" photo-once "$out/photos/00.jpg" 2> "$out/time.txt"
  grep "Maximum resident set size" "$out/time.txt" | awk '{printf "max RSS: %.1f MB (goal <= 150 MB)\n", $6/1024}'
else
  echo "/usr/bin/time not installed; see the counting-allocator figure above"
fi

#!/usr/bin/env bash
# Builds the fuzz targets (cargo fuzz: libFuzzer with AddressSanitizer, nightly Rust) and runs
# each for SECONDS (default 20) from its seed corpus; a crash fails the run and leaves its input
# in fuzz/artifacts/<target>/. CI runs it briefly; run it longer (e.g. 600) to reach a plateau.
# Installs nightly (minimal profile) and cargo-fuzz when they are missing. FUZZ_SANITIZER
# (default address) picks cargo fuzz's sanitizer; CI uses none, which builds in half the time.
# Usage: fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
seconds="${1:-20}"
shift || true

rustc +nightly --version >/dev/null 2>&1 || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
sanitizer="${FUZZ_SANITIZER:-address}"
cargo +nightly fuzz build -O -s "$sanitizer"

for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  # Seeds: the project's own valid inputs, so the fuzzer starts from the interesting shapes.
  if [ -d "seeds/$t" ]; then cp -n seeds/"$t"/* "corpus/$t/" 2>/dev/null || true; fi
  case "$t" in
    rule_pack) cp -n ../core/rules/example-pack.json "corpus/$t/example-pack.json" ;;
  esac
  echo "== $t (${seconds}s)"
  # -max_len keeps a photo target's inputs to what it can turn over fast; -rss_limit_mb is the
  # phone's budget for one photo with room to spare.
  cargo +nightly fuzz run -O -s "$sanitizer" "$t" "corpus/$t" -- -max_total_time="$seconds" -max_len=65536 \
    -rss_limit_mb=1024 -print_final_stats=1 2>&1 | grep -E "^(stat::number_of_executed_units|stat::new_units_added|#[0-9]+ +DONE|==[0-9]+==ERROR|SUMMARY)" || true
  if ls "artifacts/$t"/crash-* "artifacts/$t"/oom-* "artifacts/$t"/timeout-* >/dev/null 2>&1; then
    echo "fuzz: $t found a failing input in fuzz/artifacts/$t/" >&2
    exit 1
  fi
done

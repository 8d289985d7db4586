#!/usr/bin/env bash
# Every fuzz target for a short run from its seeds (fuzz/run.sh): the parsers of NIK/KK
# numbers and region lists, barcode payloads, rule packs, registry extracts, photos and sync
# bodies. CI builds without a sanitizer to keep within its time; a crash fails the suite.
set -euo pipefail
cd "$(dirname "$0")/../.."
FUZZ_SANITIZER="${FUZZ_SANITIZER:-none}" fuzz/run.sh "${FUZZ_SECONDS:-15}"

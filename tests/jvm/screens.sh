#!/usr/bin/env bash
# Draws every screen of android/app in its main states to PNG and checks each drawing, on a
# small phone (360×640 dp, 1.5×) and a 5.5" phone (411×731 dp, 3×), in Bahasa Indonesia and
# English: the screen classes in tests/jvm/android-app/src/screens under Robolectric's native
# graphics, against the real core (host-built libpuskesos_ffi) on a temporary store.
#
# Checks: every check of Google's Accessibility Test Framework (touch targets, contrast,
# labels, duplicate clickable bounds, ...), text cut short or wider/taller than its box, views
# with no room or sticking out of or overlapping their siblings, and each text's contrast with
# the pixels drawn behind it. Any ERROR fails the script; warnings are listed in the report.
#
# Output (git-ignored): tests/jvm/target/screens/<device>/<language>/<screen>-<state>[-pN].png,
# a .txt of findings beside each shot, and tests/jvm/target/screens/report.txt.
#
# Builds the host library and bindings like run.sh; PUSKESOS_REUSE_BUILD=1 reuses what a
# run.sh before it built. Usage: tests/jvm/screens.sh [extra mvn args, e.g. -Dtest=HomeScreens]
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/target/screens"
rm -rf "$out"
mkdir -p "$out"
started=$(date +%s)

"$here/run.sh" --screens -q "$@"
status=$?

report="$out/report.txt"
{
  echo "Screens drawn by tests/jvm/screens.sh on $(date -u +%Y-%m-%dT%H:%MZ)"
  for dir in "$out"/*/*/; do
    [ -d "$dir" ] || continue
    rel="${dir#"$out"/}"
    echo
    echo "== ${rel%/}: $(find "$dir" -name '*.png' | wc -l) images"
    cat "$dir"/*.txt 2>/dev/null
  done
} >"$report"
images=$(find "$out" -name '*.png' | wc -l)
shots=$(find "$out" -name '*.txt' ! -name report.txt | wc -l)
errors=$(grep -c '^ERROR' "$report")
warnings=$(grep -c '^WARNING' "$report")
summary="screens: $shots shots, $images images, $errors errors, $warnings warnings in $(( $(date +%s) - started )) s"
echo "$summary" >>"$report"
grep '^ERROR' "$report" || true
echo "$summary"
echo "report: $report"

if [ "$status" -ne 0 ]; then
  echo "screens: FAILED (mvn exit $status)" >&2
  exit "$status"
fi
# Without a test selection, no shot at all means the screens did not run.
if [ "$errors" -ne 0 ] || { [ "$shots" -eq 0 ] && [ $# -eq 0 ]; }; then
  echo "screens: FAILED" >&2
  exit 1
fi

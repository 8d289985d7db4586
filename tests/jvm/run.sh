#!/usr/bin/env bash
# The Kotlin side, end to end from a clean checkout (Maven downloads from Central):
#   1. build the host library (with the test-hooks feature: one extra export that panics on
#      purpose) and the crate's own uniffi-bindgen (debug: unstripped, with the
#      UniFFI metadata that library mode reads from the symbol table), and the district
#      service, which the sync tests start on 127.0.0.1;
#   2. generate the Kotlin twice into tests/jvm/target/generated (never committed):
#      jvm/ for the JUnit tests (plain-JVM cleaner), android/ exactly as the app gets it;
#   3. generate the app's R class from android/app/src/main/res, and the same resources compiled
#      into a resource table for Robolectric (gen_arsc.py: aapt2 is not available here);
#   4. mvn verify: bindings tests on the JVM, then every app source compiled against the
#      Android 15 framework jar with the app's unit tests and its activities under Robolectric.
#   --screens instead of 4: only the screen drawings and checks (tests/jvm/screens.sh);
#   with PUSKESOS_REUSE_BUILD=1 steps 1-3 are skipped when their outputs are there (CI's
#   screens step after 20-jvm.sh: no second Rust build).
# Usage: tests/jvm/run.sh [--screens] [extra mvn args]
set -euo pipefail

screens=""
if [ "${1:-}" = "--screens" ]; then
  screens=1
  shift
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
generated="$here/target/generated"

case "$(uname -s)" in
  Darwin) lib="libpuskesos_ffi.dylib" ;;
  *) lib="libpuskesos_ffi.so" ;;
esac

build() {
  echo "== cargo build -p puskesos-ffi --features cli,test-hooks (library + uniffi-bindgen), puskesos-district"
  (cd "$root" && cargo build -p puskesos-ffi --features cli,test-hooks --lib --bin uniffi-bindgen)
  (cd "$root" && cargo build -p puskesos-district --bin puskesos-district)

  echo "== uniffi-bindgen generate --library $lib"
  rm -rf "$generated"
  bindgen="$target_dir/debug/uniffi-bindgen"
  "$bindgen" generate --library "$target_dir/debug/$lib" --language kotlin --no-format \
    --out-dir "$generated/android"
  "$bindgen" generate --library "$target_dir/debug/$lib" --language kotlin --no-format \
    --config "$here/uniffi-jvm.toml" --out-dir "$generated/jvm"
  test -s "$generated/jvm/id/puskesos/core/puskesos_ffi.kt"
  test -s "$generated/android/id/puskesos/core/puskesos_ffi.kt"

  echo "== R class from android/app/src/main/res"
  python3 "$here/gen_r.py" "$root/android/app/src/main/res" id.puskesos.field "$generated/r"
  echo "== resource table and manifest for Robolectric"
  python3 "$here/gen_arsc.py" "$root/android/app/src/main/res" id.puskesos.field "$generated/robolectric"
}

built() {
  [ -s "$target_dir/debug/$lib" ] && [ -s "$generated/android/id/puskesos/core/puskesos_ffi.kt" ] \
    && [ -d "$generated/r" ] && [ -s "$generated/robolectric/resources.ap_" ]
}

if [ -n "$screens" ] && [ "${PUSKESOS_REUSE_BUILD:-}" = 1 ] && built; then
  echo "== reusing the host library, bindings and resources already built"
else
  build
fi

shared=""
if [ -n "${PUSKESOS_SHARED_DATA:-}" ]; then shared="$PUSKESOS_SHARED_DATA"; fi

if [ -n "$screens" ]; then
  echo "== mvn test -Pscreens (android-app)"
  rm -rf "$here"/target/*/test-classes
  exec mvn -B -f "$here/pom.xml" -pl android-app -am -Pscreens \
    -Dgenerated.dir="$generated" \
    -Dffi.lib.dir="$target_dir/debug" \
    -Ddistrict.bin="$target_dir/debug/puskesos-district" \
    -Drepo.root="$root" \
    -Dstyle.color=never \
    test "$@"
fi

echo "== mvn verify"
# Maven recompiles tests only when test sources change: after a change to the app or the
# bindings, stale test classes would fail with NoSuchMethodError. Test compilation is cheap.
rm -rf "$here"/target/*/test-classes
mvn -B -f "$here/pom.xml" \
  -Dgenerated.dir="$generated" \
  -Dffi.lib.dir="$target_dir/debug" \
  -Dshared.data.dir="$shared" \
  -Ddistrict.bin="$target_dir/debug/puskesos-district" \
  -Drepo.root="$root" \
  -Dstyle.color=never \
  verify "$@"

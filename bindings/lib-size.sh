#!/usr/bin/env bash
# Prints the size of the phone library as it ships (`--profile mobile`, see Cargo.toml; a
# stripped copy: the unstripped one stays in target/ for uniffi-bindgen), and how many of
# its exported functions the Kotlin tests in tests/jvm/bindings call. Fails above the 6 MB
# budget for 1–2 GB phones.
# Usage: bindings/lib-size.sh [cargo target triple, default: host]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
triple="${1:-}"
if [ -n "$triple" ]; then
  (cd "$root" && cargo build -p puskesos-ffi --profile mobile --lib --target "$triple")
  lib="$target_dir/$triple/mobile/libpuskesos_ffi.so"
else
  (cd "$root" && cargo build -p puskesos-ffi --profile mobile --lib)
  lib="$target_dir/mobile/libpuskesos_ffi.so"
fi
copy="$(mktemp)"
trap 'rm -f "$copy"' EXIT
cp "$lib" "$copy"
strip "$copy"
bytes=$(stat -c %s "$copy")
printf 'libpuskesos_ffi.so %s: %d bytes stripped (%.2f MB), %d unstripped; budget 6 MB\n' \
  "${triple:-$(rustc -vV | sed -n 's/^host: //p')}" "$bytes" "$(echo "$bytes / 1048576" | bc -l)" "$(stat -c %s "$lib")"

# Exported functions, methods and constructors, from UniFFI's scaffolding symbols
# (uniffi_puskesos_ffi_fn_{func,method,constructor}_…), as Kotlin names them (camelCase; a
# constructor named `new` is the class's own constructor). A name counts as tested when a
# Kotlin test calls it.
tests="$root/tests/jvm/bindings/src/test/kotlin"
camel() { sed -E 's/_([a-z0-9])/\U\1/g'; }
total=0
tested=0
untested=()
while read -r sym; do
  rest="${sym#uniffi_puskesos_ffi_fn_}"
  case "$rest" in
    func_*) name="$(echo "${rest#func_}" | camel)"; pattern="\\b$name\\(" ;;
    method_*) obj="${rest#method_}"; obj="${obj%%_*}"
              name="$(echo "${rest#method_"$obj"_}" | camel)"; pattern="\\.$name\\(" ;;
    constructor_*) obj="${rest#constructor_}"; ctor="${obj#*_}"; obj="${obj%%_*}"
              if [ "$ctor" = new ]; then name="$obj()"; pattern="\\b(SyncCancel|RegionList|FieldStore)\\(\\)"
              else name="$(echo "$ctor" | camel)"; pattern="\\.$name\\("; fi ;;
    *) continue ;;
  esac
  # test-hooks exports exist only in the JVM test build.
  [ "$name" = panicForTest ] && continue
  total=$((total + 1))
  if grep -rqE "$pattern" "$tests"; then tested=$((tested + 1)); else untested+=("$rest"); fi
done < <(nm -D --defined-only "$lib" | awk '{print $3}' | grep '^uniffi_puskesos_ffi_fn_' | sort)
echo "exported functions called from Kotlin tests: $tested of $total"
if [ ${#untested[@]} -gt 0 ]; then printf '  not called: %s\n' "${untested[@]}"; fi
[ "$bytes" -le $((6 * 1024 * 1024)) ]

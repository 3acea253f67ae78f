#!/usr/bin/env bash
# The C library's suite (issue 6): the ABI's Rust unit tests, the header
# drift and version checks, every shared vector through libidpool.a and
# libidpool.so compared byte for byte with the Rust reports, the API and
# misuse tests, a C++ translation unit, valgrind and ASan/UBSan over all of
# them, the pkg-config file (and the README's CMake snippet when cmake is
# installed), and static libraries for iOS and Android.
#
#   scripts/test-c.sh                 everything
#   IDPOOL_C_SKIP=mobile,valgrind ... skip steps by name (miri, valgrind,
#                                     asan, cmake, mobile), comma-separated
#
# In CI (CI=true) nothing may be skipped: a step that would be skipped, by
# IDPOOL_C_SKIP or because its tool (nightly Miri, cmake) is missing, fails
# the run instead (scripts/setup.sh installs every tool).
#
# Needs gcc, g++, valgrind, pkg-config and the rustup targets
# aarch64-apple-ios, aarch64-linux-android and x86_64-linux-android
# (scripts/setup.sh installs them). Idempotent: build products go to
# target/c-tests, which is recreated on every run.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> c: %s\n' "$*"; }
skip() { [[ ",${IDPOOL_C_SKIP:-}," == *",$1,"* ]]; }
fail() { printf 'test-c: %s\n' "$*" >&2; exit 1; }
# A step not run: a note locally, a failure in CI.
skipped() {
  step "$1: skipped ($2)"
  if [ "${CI:-}" = true ]; then
    fail "$1 was skipped ($2); in CI every check must run (scripts/setup.sh installs the tools)"
  fi
}

target_dir=$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
version=$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "idpool-c"))')
out="$target_dir/c-tests"
rm -rf "$out"
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

CC=${CC:-gcc}
CXX=${CXX:-g++}
C_FLAGS=(-std=c99 -Wall -Wextra -Werror -pedantic -pthread -g -I bindings-c/include -I bindings-c/tests)
CXX_FLAGS=(-std=c++11 -Wall -Wextra -Werror -pedantic -I bindings-c/include)
SYSTEM_LIBS=(-lpthread -ldl -lm)
VALGRIND=(valgrind -q --leak-check=full --error-exitcode=1
  --errors-for-leak-kinds=definite,indirect,possible)

step "Rust unit tests of the ABI (cargo test -p idpool-c)"
cargo test -p idpool-c --quiet

if skip miri; then
  skipped "Miri over the ABI's unit tests" "IDPOOL_C_SKIP"
elif ! cargo +nightly miri --version >/dev/null 2>&1; then
  skipped "Miri over the ABI's unit tests" "no nightly Miri"
else
  step "Miri over the ABI's unit tests (cargo +nightly miri test -p idpool-c)"
  cargo +nightly miri test -p idpool-c --quiet
fi

step "include/idpool.h is what cbindgen generates (cargo run -p xtask -- header --check)"
cargo run -p xtask --quiet -- header --check ||
  fail "bindings-c/include/idpool.h is stale; regenerate it with: cargo run -p xtask -- header"

step "idpool.h conventions: ownership sentences, prefixes, result codes"
python3 bindings-c/tests/check-header.py bindings-c/include/idpool.h

step "version macros match Cargo.toml ($version)"
IFS=. read -r major minor patch <<<"${version%%[-+]*}"
for pair in "MAJOR $major" "MINOR $minor" "PATCH $patch" "STRING \"$version\""; do
  name=${pair%% *}
  want=${pair#* }
  grep -qx "#define IDPOOL_VERSION_$name $want" bindings-c/include/idpool.h ||
    fail "idpool.h: IDPOOL_VERSION_$name is not $want"
done
echo "IDPOOL_VERSION_* = $version"

step "build libidpool (cargo build -p idpool-c --release)"
cargo build -p idpool-c --release --quiet
lib="$target_dir/release"
[ -f "$lib/libidpool.a" ] && [ -f "$lib/libidpool.so" ] || fail "no libidpool.a / libidpool.so in $lib"
ls -l "$lib/libidpool.a" "$lib/libidpool.so" | awk '{ print $5, $NF }'

step "exported symbols are exactly the header's functions"
grep -o 'idpool_[a-z0-9_]*(' bindings-c/include/idpool.h | tr -d '(' | sort -u >"$out/header.symbols"
nm -D --defined-only "$lib/libidpool.so" | awk '$3 ~ /^idpool_/ { print $3 }' | sort -u >"$out/so.symbols"
diff -u "$out/header.symbols" "$out/so.symbols" || fail "libidpool.so exports differ from idpool.h"
echo "$(wc -l <"$out/header.symbols") functions declared and exported"

step "Rust reports of the shared vectors (the random corpus is committed: tests/corpus)"
cargo test -p idpool --test vectors --quiet
python3 bindings-c/tests/flatten-vectors.py tests/vectors "$target_dir/tmp/vector-reports.jsonl" \
  "$out/vectors.rec" tests/corpus/random-reports.jsonl

step "compile the C tests (C99, -Wall -Wextra -Werror -pedantic), static and shared"
for test in vectors api; do
  "$CC" "${C_FLAGS[@]}" -o "$out/$test-static" "bindings-c/tests/$test.c" \
    "$lib/libidpool.a" "${SYSTEM_LIBS[@]}"
  "$CC" "${C_FLAGS[@]}" -o "$out/$test-shared" "bindings-c/tests/$test.c" \
    -L "$lib" -lidpool -Wl,-rpath,"$lib" "${SYSTEM_LIBS[@]}"
done
echo "built vectors-static vectors-shared api-static api-shared"

step "every shared vector and random input through the static and the shared library"
"$out/vectors-static" "$out/vectors.rec" static
"$out/vectors-shared" "$out/vectors.rec" shared
# The shared runner really uses libidpool.so.
[[ $(ldd "$out/vectors-shared") == *"$lib/libidpool.so"* ]] || fail "vectors-shared does not load libidpool.so"

step "the API: misuse, hostile input, limits, ids, SAML, plans, threads"
"$out/api-static"
"$out/api-shared"

step "C++ (-std=c++11 -Wall -Wextra -Werror -pedantic): the header twice in one unit"
"$CXX" "${CXX_FLAGS[@]}" -o "$out/header-twice" bindings-c/tests/header_twice.cpp \
  "$lib/libidpool.a" "${SYSTEM_LIBS[@]}"
"$out/header-twice"

if skip valgrind; then
  skipped "valgrind" "IDPOOL_C_SKIP"
else
  step "valgrind --leak-check=full --error-exitcode=1 (vectors and API, static and shared)"
  "${VALGRIND[@]}" "$out/vectors-static" "$out/vectors.rec" "static, valgrind"
  "${VALGRIND[@]}" "$out/vectors-shared" "$out/vectors.rec" "shared, valgrind"
  "${VALGRIND[@]}" "$out/api-static"
  "${VALGRIND[@]}" "$out/api-shared"
  echo "valgrind: no leaks, no errors"
fi

if skip asan; then
  skipped "ASan/UBSan" "IDPOOL_C_SKIP"
else
  step "ASan/UBSan (-fsanitize=address,undefined)"
  for test in vectors api; do
    "$CC" "${C_FLAGS[@]}" -fsanitize=address,undefined -fno-sanitize-recover=all \
      -fno-omit-frame-pointer -o "$out/$test-asan" "bindings-c/tests/$test.c" \
      "$lib/libidpool.a" "${SYSTEM_LIBS[@]}"
  done
  "$CXX" "${CXX_FLAGS[@]}" -fsanitize=address,undefined -fno-sanitize-recover=all \
    -o "$out/header-twice-asan" bindings-c/tests/header_twice.cpp \
    "$lib/libidpool.a" "${SYSTEM_LIBS[@]}"
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  "$out/vectors-asan" "$out/vectors.rec" "ASan/UBSan"
  "$out/api-asan"
  "$out/header-twice-asan"
  unset ASAN_OPTIONS UBSAN_OPTIONS
  echo "ASan/UBSan: clean"
fi

step "the quick start of bindings-c/README.md"
# The first ```c block of the README is a whole program.
awk '/^```c$/ { inside = 1; next } /^```$/ && inside { exit } inside' \
  bindings-c/README.md >"$out/quickstart.c"
"$CC" "${C_FLAGS[@]}" -o "$out/quickstart" "$out/quickstart.c" "$lib/libidpool.a" "${SYSTEM_LIBS[@]}"
quickstart=$("$out/quickstart" || true)
echo "$quickstart"
[ "$quickstart" = 'pattern at /IdentityPoolId: IdentityPoolId must match the pattern [\w-]+:[0-9a-f-]+.' ] ||
  fail "the README's quick start does not print what the README says"

step "pkg-config: a staged install, and the example linked through idpool.pc"
for kind in shared static; do
  stage="$out/stage-$kind"
  mkdir -p "$stage/lib/pkgconfig" "$stage/include"
  cp bindings-c/include/idpool.h "$stage/include/"
  cp "$lib/libidpool.a" "$stage/lib/"
  [ "$kind" = shared ] && cp "$lib/libidpool.so" "$stage/lib/"
  sed -e "s|@PREFIX@|$stage|" -e "s|@VERSION@|$version|" bindings-c/idpool.pc.in \
    >"$stage/lib/pkgconfig/idpool.pc"
done
export PKG_CONFIG_PATH="$out/stage-shared/lib/pkgconfig"
[ "$(pkg-config --modversion idpool)" = "$version" ] || fail "pkg-config --modversion idpool is not $version"
# shellcheck disable=SC2046 # word splitting of pkg-config output is intended
"$CC" -std=c99 -Wall -Wextra -Werror -pedantic -o "$out/check-shared" bindings-c/examples/check.c \
  $(pkg-config --cflags --libs idpool)
LD_LIBRARY_PATH="$out/stage-shared/lib" "$out/check-shared" CreateIdentityPool examples/create-identity-pool.json
export PKG_CONFIG_PATH="$out/stage-static/lib/pkgconfig"
# shellcheck disable=SC2046
"$CC" -std=c99 -Wall -Wextra -Werror -pedantic -o "$out/check-static" bindings-c/examples/check.c \
  $(pkg-config --cflags --libs --static idpool)
"$out/check-static" CreateIdentityPool examples/create-identity-pool.json
unset PKG_CONFIG_PATH

if skip cmake; then
  skipped "CMake snippet of bindings-c/README.md" "IDPOOL_C_SKIP"
elif ! command -v cmake >/dev/null; then
  skipped "CMake snippet of bindings-c/README.md" "cmake not installed"
else
  step "CMake snippet of bindings-c/README.md, against the staged install"
  app="$out/cmake-app"
  mkdir -p "$app"
  # The first ```cmake block of the README is a whole CMakeLists.txt.
  awk '/^```cmake$/ { inside = 1; next } /^```$/ && inside { exit } inside' \
    bindings-c/README.md >"$app/CMakeLists.txt"
  [ -s "$app/CMakeLists.txt" ] || fail "no cmake block in bindings-c/README.md"
  cp bindings-c/examples/check.c "$app/main.c"
  PKG_CONFIG_PATH="$out/stage-shared/lib/pkgconfig" cmake -S "$app" -B "$app/build" >/dev/null
  cmake --build "$app/build" >/dev/null
  "$app/build/app" CreateIdentityPool examples/create-identity-pool.json
fi

if skip mobile; then
  skipped "mobile static libraries" "IDPOOL_C_SKIP"
else
  for target in aarch64-apple-ios aarch64-linux-android x86_64-linux-android; do
    step "static library for $target (cargo rustc --crate-type staticlib)"
    cargo rustc -p idpool-c --release --target "$target" --crate-type staticlib --quiet
    archive="$target_dir/$target/release/libidpool.a"
    [ -s "$archive" ] || fail "no $archive"
    # The host's nm cannot read Mach-O or the LTO objects, so look for the
    # symbol names themselves (with Mach-O's leading underscore or not).
    LC_ALL=C grep -a -o '_\?idpool_[a-z0-9_]*' "$archive" | sed 's/^_//' | sort -u |
      comm -12 - "$out/header.symbols" >"$out/$target.symbols"
    diff -u "$out/header.symbols" "$out/$target.symbols" || fail "$archive lacks functions of idpool.h"
    echo "$(wc -c <"$archive") bytes, all $(wc -l <"$out/$target.symbols") functions: $archive"
  done
fi

printf '\nC library: all checks passed\n'

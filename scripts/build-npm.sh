#!/usr/bin/env bash
# Build the npm package `idpool` (WebAssembly) into target/npm/idpool/, check
# the size budgets, and pack it into target/npm/idpool-<version>.tgz (target/
# is $CARGO_TARGET_DIR when set).
#
# The package holds two builds of the same code: the web and bundler entries
# load dist/idpool_wasm_bg.wasm, built for size (what a browser downloads);
# the node entries load dist/idpool_node_bg.wasm, built for speed (read from
# disk, never downloaded). Their reports are the same bytes; the tests run
# both. The measurements behind the two profiles are in docs/PERFORMANCE.md
# ("npm package").
#
# Needs what scripts/setup.sh installs: the wasm32-unknown-unknown target,
# the wasm-bindgen CLI of the version in Cargo.lock, and bindings-wasm's npm
# packages (wasm-opt from npm `binaryen`; never Debian's, which corrupts
# wasm-bindgen output). Idempotent: the package folder is rebuilt from
# scratch each run.
#
#   scripts/build-npm.sh
#   IDPOOL_WASM_BUDGET=100000 scripts/build-npm.sh   # another budget (bytes, gzipped)
#   IDPOOL_WASM_OPT_LEVEL=s IDPOOL_WASM_OPT=-O3 scripts/build-npm.sh
#                       # another rustc opt-level and wasm-opt level for the
#                       # web build; IDPOOL_WASM_NODE_OPT_LEVEL and
#                       # IDPOOL_WASM_NODE_OPT for the node build, and
#                       # IDPOOL_WASM_NODE_BUDGET its budget (scripts/
#                       # wasm-profiles.sh sets both builds alike to measure)
set -euo pipefail
cd "$(dirname "$0")/.."

# The size budgets: gzip -9 of each optimized .wasm, in bytes. The web
# build is what a browser downloads: at most 100 000 bytes, the goal it was
# built to (docs/PERFORMANCE.md, "npm package"). The node build's budget,
# a little above what this commit measures, only catches growth.
BUDGET_GZIP=${IDPOOL_WASM_BUDGET:-100000}
BUDGET_NODE_GZIP=${IDPOOL_WASM_NODE_BUDGET:-150000}

TARGET=${CARGO_TARGET_DIR:-target}
OUT=$TARGET/npm
PKG=$OUT/idpool
BINDGEN=$OUT/bindgen
SRC=bindings-wasm/js
WASM_OPT=bindings-wasm/node_modules/.bin/wasm-opt

say() { printf 'build-npm: %s\n' "$*"; }
die() {
  printf 'build-npm: error: %s\n' "$*" >&2
  exit 1
}

# --- tools --------------------------------------------------------------------
[ -x "$WASM_OPT" ] || die "$WASM_OPT is missing; run scripts/setup.sh (npm ci in bindings-wasm)"
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
[ "$have" = "$want" ] || die "wasm-bindgen CLI is '${have:-missing}', Cargo.lock wants $want; run scripts/setup.sh"
version=$(cargo pkgid -p idpool-wasm | sed 's/.*[#@]//')

# The optimization levels, chosen by measuring size and speed together
# (scripts/wasm-profiles.sh; the table is in docs/PERFORMANCE.md).
OPT_LEVEL=${IDPOOL_WASM_OPT_LEVEL:-z}
WASM_OPT_LEVEL=${IDPOOL_WASM_OPT:--Oz}
NODE_OPT_LEVEL=${IDPOOL_WASM_NODE_OPT_LEVEL:-2}
NODE_WASM_OPT_LEVEL=${IDPOOL_WASM_NODE_OPT:--O3}
opt_value() {
  case $1 in 0 | 1 | 2 | 3) echo "$1" ;; s | z) echo "\"$1\"" ;; *) die "$2 must be 0-3, s or z" ;; esac
}
check_wasm_opt() {
  case $1 in -O | -O[0-4] | -Os | -Oz) ;; *) die "$2 must be -O, -O0..-O4, -Os or -Oz" ;; esac
}
web_opt_value=$(opt_value "$OPT_LEVEL" IDPOOL_WASM_OPT_LEVEL)
node_opt_value=$(opt_value "$NODE_OPT_LEVEL" IDPOOL_WASM_NODE_OPT_LEVEL)
check_wasm_opt "$WASM_OPT_LEVEL" IDPOOL_WASM_OPT
check_wasm_opt "$NODE_WASM_OPT_LEVEL" IDPOOL_WASM_NODE_OPT

# --- 1. the two .wasm builds -----------------------------------------------------
# A profile of its own per build (so the shared target/release is untouched):
# the chosen opt-level, whole-program LTO, and no unwinding (the core does not
# panic, and the C crate keeps unwinding).
#
# Both builds also rebuild the standard library with the nightly toolchain
# (`-Zbuild-std`) and the `immediate-abort` panic strategy: a panic (which the
# fuzzed core never reaches) traps at once instead of formatting a message
# first, so no panic message, location or formatting path is linked in: 25 KB
# gzipped less for the web build, 17 KB for the node build
# (docs/DECISIONS.md, "The .wasm toolchain"). Either way a panic surfaces in
# JavaScript as the same `RuntimeError: unreachable`.
# IDPOOL_WASM_STABLE=1 builds both on stable (bigger: the web build is then
# over its budget).
#
# The web build also asks the standard library for its smaller code paths
# (`-Zbuild-std-features=optimize_for_size`: shorter integer formatting,
# string search and sorting; 0.7 KB gzipped less). The node build keeps the
# faster ones.
cargo_wasm() { # <profile name> <opt-level value> [nightly [std features]]
  local toolchain=() std=() panic=(--config "profile.$1.panic=\"abort\"")
  if [ "${3:-}" = nightly ]; then
    toolchain=(+nightly)
    std=(-Zbuild-std=std,panic_abort ${4:+"-Zbuild-std-features=$4"})
    panic=(--config 'build.rustflags=["-Zunstable-options", "-Cpanic=immediate-abort"]')
  fi
  say "cargo ${toolchain[*]} build -p idpool-wasm --target wasm32-unknown-unknown --profile $1 (opt-level $2${3:+, $3 std with immediate-abort})"
  cargo "${toolchain[@]}" build --quiet -p idpool-wasm --target wasm32-unknown-unknown --profile "$1" \
    "${std[@]}" \
    --config "profile.$1.inherits=\"release\"" \
    --config "profile.$1.opt-level=$2" \
    --config "profile.$1.lto=true" \
    --config "profile.$1.codegen-units=1" \
    "${panic[@]}" \
    --config "profile.$1.debug=false"
}
toolchain=nightly
if [ "${IDPOOL_WASM_STABLE:-}" = 1 ]; then
  toolchain=
else
  rustc +nightly --version >/dev/null 2>&1 || die "the .wasm builds need the nightly toolchain with rust-src; run scripts/setup.sh"
fi
cargo_wasm release-wasm-web "$web_opt_value" $toolchain ${toolchain:+optimize_for_size}
built=$TARGET/wasm32-unknown-unknown/release-wasm-web/idpool_wasm.wasm
cargo_wasm release-wasm-node "$node_opt_value" $toolchain
built_node=$TARGET/wasm32-unknown-unknown/release-wasm-node/idpool_wasm.wasm

# --- 2. wasm-bindgen: one glue per target ---------------------------------------
# web and bundler share the size build's .wasm; node has its own, named
# idpool_node_bg.wasm (the name its glue loads).
rm -rf "$BINDGEN" "$PKG"
mkdir -p "$BINDGEN" "$PKG/dist"
for target in web bundler; do
  wasm-bindgen --target "$target" --no-typescript --out-name idpool_wasm --out-dir "$BINDGEN/$target" "$built"
done
wasm-bindgen --target nodejs --no-typescript --out-name idpool_node --out-dir "$BINDGEN/nodejs" "$built_node"
# web and bundler differ only in their JavaScript; they ship one .wasm.
cmp -s "$BINDGEN/web/idpool_wasm_bg.wasm" "$BINDGEN/bundler/idpool_wasm_bg.wasm" ||
  die "wasm-bindgen wrote different .wasm files for web and bundler; the package layout assumes one"

# --- 3. wasm-opt (binaryen from npm) --------------------------------------------
# The features rustc enables by default for wasm32-unknown-unknown.
features=(--enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int
  --enable-sign-ext --enable-reference-types --enable-multivalue)
say "wasm-opt $WASM_OPT_LEVEL (web), $NODE_WASM_OPT_LEVEL (node) ($("$WASM_OPT" --version))"
"$WASM_OPT" "$WASM_OPT_LEVEL" --converge "${features[@]}" --strip-debug --strip-producers \
  "$BINDGEN/web/idpool_wasm_bg.wasm" -o "$PKG/dist/idpool_wasm_bg.wasm"
"$WASM_OPT" "$NODE_WASM_OPT_LEVEL" --converge "${features[@]}" --strip-debug --strip-producers \
  "$BINDGEN/nodejs/idpool_node_bg.wasm" -o "$PKG/dist/idpool_node_bg.wasm"

# --- 4. JavaScript: the glue, and the entry points around js/api.js ------------
strip_types_comment() { grep -v '^/\* @ts-self-types=' "$1"; }
strip_types_comment "$BINDGEN/web/idpool_wasm.js" >"$PKG/dist/bindgen-web.js"
strip_types_comment "$BINDGEN/nodejs/idpool_node.js" >"$PKG/dist/bindgen-node.cjs"
grep -q 'idpool_node_bg\.wasm' "$PKG/dist/bindgen-node.cjs" ||
  die "the node glue does not load idpool_node_bg.wasm; wasm-bindgen changed its layout"
strip_types_comment "$BINDGEN/bundler/idpool_wasm.js" >"$PKG/dist/bindgen-bundler.js"
cp "$BINDGEN/bundler/idpool_wasm_bg.js" "$PKG/dist/idpool_wasm_bg.js"
for entry in node.cjs node.mjs web.js bundler.js; do
  awk -v api="$SRC/api.js" -v version="$version" '
    /^\/\/@API@$/ { while ((getline line < api) > 0) print line; next }
    { gsub(/@VERSION@/, version); print }
  ' "$SRC/$entry" >"$PKG/dist/$entry"
done

# --- 5. types, README, package.json ----------------------------------------------
cp "$SRC/index.d.ts" "$PKG/index.d.ts"
cp "$SRC/index.d.ts" "$PKG/index.d.cts"
cp bindings-wasm/README.md "$PKG/README.md"
sed "s/@VERSION@/$version/" "$SRC/package.json.in" >"$PKG/package.json"

# --- 6. size budgets ------------------------------------------------------------
wasm="$PKG/dist/idpool_wasm_bg.wasm"
raw_bytes=$(wc -c <"$wasm")
gzip_bytes=$(gzip -9 -n -c "$wasm" | wc -c)
built_bytes=$(wc -c <"$built")
node_wasm="$PKG/dist/idpool_node_bg.wasm"
node_raw_bytes=$(wc -c <"$node_wasm")
node_gzip_bytes=$(gzip -9 -n -c "$node_wasm" | wc -c)

# --- 7. npm pack ------------------------------------------------------------------
rm -f "$OUT"/idpool-*.tgz
tarball=$(cd "$PKG" && npm pack --silent --pack-destination ..)
tarball_bytes=$(wc -c <"$OUT/$tarball")

{
  printf 'version %s\n' "$version"
  printf 'cargo_wasm_bytes %s\n' "$built_bytes"
  printf 'wasm_bytes %s\n' "$raw_bytes"
  printf 'wasm_gzip_bytes %s\n' "$gzip_bytes"
  printf 'budget_gzip_bytes %s\n' "$BUDGET_GZIP"
  printf 'opt_level %s\n' "$OPT_LEVEL"
  printf 'wasm_opt %s\n' "$WASM_OPT_LEVEL"
  printf 'node_wasm_bytes %s\n' "$node_raw_bytes"
  printf 'node_wasm_gzip_bytes %s\n' "$node_gzip_bytes"
  printf 'node_budget_gzip_bytes %s\n' "$BUDGET_NODE_GZIP"
  printf 'node_opt_level %s\n' "$NODE_OPT_LEVEL"
  printf 'node_wasm_opt %s\n' "$NODE_WASM_OPT_LEVEL"
  printf 'tarball %s\n' "$tarball"
  printf 'tarball_bytes %s\n' "$tarball_bytes"
} >"$OUT/size.txt"
say "web wasm: $built_bytes bytes from cargo, $raw_bytes after wasm-opt, $gzip_bytes gzipped (budget $BUDGET_GZIP)"
say "node wasm: $node_raw_bytes bytes after wasm-opt, $node_gzip_bytes gzipped (budget $BUDGET_NODE_GZIP)"
say "package: $PKG; tarball: $OUT/$tarball ($tarball_bytes bytes)"
if [ "$gzip_bytes" -gt "$BUDGET_GZIP" ]; then
  die "the gzipped web .wasm is $gzip_bytes bytes, over the budget of $BUDGET_GZIP (docs/PERFORMANCE.md)"
fi
if [ "$node_gzip_bytes" -gt "$BUDGET_NODE_GZIP" ]; then
  die "the gzipped node .wasm is $node_gzip_bytes bytes, over the budget of $BUDGET_NODE_GZIP (docs/PERFORMANCE.md)"
fi

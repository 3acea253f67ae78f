#!/usr/bin/env bash
# Build the npm package `idpool` (WebAssembly) into target/npm/idpool/, check
# the size budget, and pack it into target/npm/idpool-<version>.tgz (target/
# is $CARGO_TARGET_DIR when set).
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
#                       # another rustc opt-level and wasm-opt level (for
#                       # scripts/wasm-profiles.sh, which measures them)
set -euo pipefail
cd "$(dirname "$0")/.."

# The size budget: gzip -9 of the optimized .wasm, in bytes. The numbers
# behind it are in docs/PERFORMANCE.md ("Size").
BUDGET_GZIP=${IDPOOL_WASM_BUDGET:-196608}

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
# (scripts/wasm-profiles.sh; the table is in docs/PERFORMANCE.md, "Size").
OPT_LEVEL=${IDPOOL_WASM_OPT_LEVEL:-z}
WASM_OPT_LEVEL=${IDPOOL_WASM_OPT:--Oz}
case $OPT_LEVEL in 0 | 1 | 2 | 3) opt_value=$OPT_LEVEL ;; s | z) opt_value="\"$OPT_LEVEL\"" ;; *) die "IDPOOL_WASM_OPT_LEVEL must be 0-3, s or z" ;; esac
case $WASM_OPT_LEVEL in -O | -O[0-4] | -Os | -Oz) ;; *) die "IDPOOL_WASM_OPT must be -O, -O0..-O4, -Os or -Oz" ;; esac

# --- 1. the .wasm -------------------------------------------------------------
# A profile of its own (so the shared target/release is untouched): the
# chosen opt-level, whole-program LTO, and abort on panic (no unwinding
# tables; the core does not panic, and the C crate keeps unwinding).
profile=(
  --config 'profile.release-wasm.inherits="release"'
  --config "profile.release-wasm.opt-level=$opt_value"
  --config 'profile.release-wasm.lto=true'
  --config 'profile.release-wasm.codegen-units=1'
  --config 'profile.release-wasm.panic="abort"'
  --config 'profile.release-wasm.debug=false'
)
say "cargo build -p idpool-wasm --target wasm32-unknown-unknown --profile release-wasm"
cargo build --quiet -p idpool-wasm --target wasm32-unknown-unknown --profile release-wasm "${profile[@]}"
built=$TARGET/wasm32-unknown-unknown/release-wasm/idpool_wasm.wasm

# --- 2. wasm-bindgen: one glue per target, one .wasm for all -------------------
rm -rf "$BINDGEN" "$PKG"
mkdir -p "$BINDGEN" "$PKG/dist"
for target in web bundler nodejs; do
  wasm-bindgen --target "$target" --no-typescript --out-name idpool_wasm --out-dir "$BINDGEN/$target" "$built"
done
# The three targets differ only in their JavaScript; the package ships one .wasm.
cmp -s "$BINDGEN/web/idpool_wasm_bg.wasm" "$BINDGEN/nodejs/idpool_wasm_bg.wasm" &&
  cmp -s "$BINDGEN/web/idpool_wasm_bg.wasm" "$BINDGEN/bundler/idpool_wasm_bg.wasm" ||
  die "wasm-bindgen wrote different .wasm files per target; the package layout assumes one"

# --- 3. wasm-opt (binaryen from npm) --------------------------------------------
# The features rustc enables by default for wasm32-unknown-unknown.
features=(--enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int
  --enable-sign-ext --enable-reference-types --enable-multivalue)
say "wasm-opt $WASM_OPT_LEVEL ($("$WASM_OPT" --version))"
"$WASM_OPT" "$WASM_OPT_LEVEL" --converge "${features[@]}" --strip-debug --strip-producers \
  "$BINDGEN/web/idpool_wasm_bg.wasm" -o "$PKG/dist/idpool_wasm_bg.wasm"

# --- 4. JavaScript: the glue, and the entry points around js/api.js ------------
strip_types_comment() { grep -v '^/\* @ts-self-types=' "$1"; }
strip_types_comment "$BINDGEN/web/idpool_wasm.js" >"$PKG/dist/bindgen-web.js"
strip_types_comment "$BINDGEN/nodejs/idpool_wasm.js" >"$PKG/dist/bindgen-node.cjs"
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

# --- 6. size budget -------------------------------------------------------------
wasm="$PKG/dist/idpool_wasm_bg.wasm"
raw_bytes=$(wc -c <"$wasm")
gzip_bytes=$(gzip -9 -n -c "$wasm" | wc -c)
built_bytes=$(wc -c <"$built")

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
  printf 'tarball %s\n' "$tarball"
  printf 'tarball_bytes %s\n' "$tarball_bytes"
} >"$OUT/size.txt"
say "wasm: $built_bytes bytes from cargo, $raw_bytes after wasm-opt, $gzip_bytes gzipped (budget $BUDGET_GZIP)"
say "package: $PKG; tarball: $OUT/$tarball ($tarball_bytes bytes)"
if [ "$gzip_bytes" -gt "$BUDGET_GZIP" ]; then
  die "the gzipped .wasm is $gzip_bytes bytes, over the budget of $BUDGET_GZIP (docs/PERFORMANCE.md)"
fi

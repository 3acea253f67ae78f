#!/usr/bin/env bash
# Measure the npm package's .wasm under several optimization settings, size
# and speed together, to choose the one scripts/build-npm.sh uses.
#
# For each rustc opt-level (z, s, 2, 3) and wasm-opt level (-Oz, -O3) the
# package is built by scripts/build-npm.sh (budgets lifted; the web and the
# node build alike, so the node benchmark measures the sizes listed) and copied to
# target/wasm-profiles/<level><wasm-opt>/; then the node benchmark measures
# idpool's `check` of text on every package in turn, with ajv in the same
# process as the yardstick (ratios stay meaningful on a busy machine), and
# the raw wasm-bindgen export `check` alone (µs per call).
# Prints a Markdown table (docs/PERFORMANCE.md, "npm package").
#
#   scripts/wasm-profiles.sh                    # ~10 minutes on 2 cores
#   IDPOOL_PROFILES="z:-Oz 3:-O3" scripts/wasm-profiles.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PROFILES=${IDPOOL_PROFILES:-"z:-Oz z:-O3 s:-Oz s:-O3 2:-Oz 2:-O3 3:-Oz 3:-O3"}
INPUTS=${IDPOOL_PROFILE_INPUTS:-pool_typical,credentials_request}
TARGET=${CARGO_TARGET_DIR:-target}
OUT=$TARGET/wasm-profiles
mkdir -p "$OUT"

say() { printf 'wasm-profiles: %s\n' "$*" >&2; }

for profile in $PROFILES; do
  level=${profile%%:*}
  pass=${profile#*:}
  dir="$OUT/$level$pass"
  say "build opt-level=$level, wasm-opt $pass"
  IDPOOL_WASM_OPT_LEVEL=$level IDPOOL_WASM_OPT=$pass IDPOOL_WASM_BUDGET=100000000 \
    IDPOOL_WASM_NODE_OPT_LEVEL=$level IDPOOL_WASM_NODE_OPT=$pass IDPOOL_WASM_NODE_BUDGET=100000000 \
    scripts/build-npm.sh >/dev/null
  rm -rf "$dir"
  cp -r "$TARGET/npm/idpool" "$dir"
  cp "$TARGET/npm/size.txt" "$dir/size.txt"
done

printf '| rustc opt-level | wasm-opt | `.wasm` bytes | gzipped | gzipped vs z/-Oz |'
IFS=, read -r -a names <<<"$INPUTS"
for name in "${names[@]}"; do printf ' `%s` checks/s | idpool/ajv | raw wasm µs |' "$name"; done
printf '\n|---|---|---:|---:|---:|'
for _ in "${names[@]}"; do printf -- '---:|---:|---:|'; done
printf '\n'
base=$(awk '/^wasm_gzip_bytes/ { print $2 }' "$OUT/z-Oz/size.txt" 2>/dev/null || echo "")
for profile in $PROFILES; do
  level=${profile%%:*}
  pass=${profile#*:}
  dir="$OUT/$level$pass"
  raw=$(awk '/^wasm_bytes/ { print $2 }' "$dir/size.txt")
  gz=$(awk '/^wasm_gzip_bytes/ { print $2 }' "$dir/size.txt")
  say "bench opt-level=$level, wasm-opt $pass"
  abs=$(cd "$dir" && pwd)
  json=$(cd bindings-wasm && node bench/bench.mjs --json --only "$INPUTS" --package "$abs")
  ratio=$(if [ -n "$base" ]; then awk -v a="$gz" -v b="$base" 'BEGIN { printf "%.2f", a / b }'; else echo "-"; fi)
  printf '| %s | %s | %s | %s | %s |' "$level" "$pass" "$raw" "$gz" "$ratio"
  JSON="$json" INPUTS="$INPUTS" node -e '
    const r = JSON.parse(process.env.JSON);
    const cells = process.env.INPUTS.split(",").map((name) => {
      const c = r.results.find((x) => x.name === name).cells;
      const raw = (1e6 / c.wasmCheck.callsPerSec).toFixed(1);
      return ` ${Math.round(c.idpoolText.callsPerSec)} | ${(c.idpoolText.callsPerSec / c.ajv.callsPerSec).toFixed(3)} | ${raw} |`;
    });
    process.stdout.write(cells.join("") + "\n");
  '
done

#!/usr/bin/env bash
# Run every fuzz target for SECONDS seconds each (default 30), seeded from
# the shared vectors. Fails when any target finds a crash; the input is
# left in fuzz/artifacts/<target>/ to become a regression test.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cd fuzz && cargo +nightly fuzz list)
fi
python3 scripts/fuzz-seeds.py >/dev/null
for target in "${targets[@]}"; do
  printf 'fuzz: %s for %ss\n' "$target" "$seconds"
  mkdir -p "fuzz/corpus/$target"
  (cd fuzz && cargo +nightly fuzz run "$target" "corpus/$target" -- \
      -max_total_time="$seconds" -max_len=16384 -rss_limit_mb=2048 -timeout=10 \
      -print_final_stats=1 2>"../target/fuzz-$target.log") || {
    tail -40 "target/fuzz-$target.log"
    echo "fuzz: $target FAILED; the input is in fuzz/artifacts/$target/" >&2
    exit 1
  }
  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "target/fuzz-$target.log" | sed "s/^/fuzz: $target /"
done
echo "fuzz: all ${#targets[@]} targets clean"

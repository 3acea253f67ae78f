#!/usr/bin/env bash
# Run every benchmark and print the tables of docs/PERFORMANCE.md:
#   1. criterion (core/benches): time per call of each entry point and its
#      ratio to bare serde_json parsing of the same input;
#   2. batch mode: `idpool check --jsonl` throughput and peak memory over
#      10 000 and 1 000 000 generated pools, on 1 and 2 threads;
#   3. size of the npm package's .wasm (scripts/build-npm.sh);
#   4. the node benchmark against JSON.parse and ajv (bindings-wasm/bench).
#
#   scripts/bench.sh [--quick]     --quick: shorter criterion runs, 100 000 pools
#   IDPOOL_BENCH=batch,size ...     run only these sections (criterion,
#                                   batch, size, node; default all)
set -euo pipefail
cd "$(dirname "$0")/.."
quick=${1:-}
lines_big=1000000
criterion_args=()
if [ "$quick" = "--quick" ]; then
  lines_big=100000
  criterion_args=(--warm-up-time 1 --measurement-time 2)
fi

echo "machine: $(nproc) cores, $(uname -m), $(rustc --version), load $(cut -d' ' -f1-3 /proc/loadavg)"
want() { [[ ",${IDPOOL_BENCH:-criterion,batch,size,node}," == *",$1,"* ]]; }

if want criterion; then
echo
echo "== criterion (cargo bench -p idpool --bench check) =="
cargo bench -q -p idpool --bench check -- "${criterion_args[@]}" >/dev/null 2>&1 ||
  cargo bench -p idpool --bench check -- "${criterion_args[@]}"
python3 - <<'PY'
import json, pathlib
root = pathlib.Path("target/criterion")
def median(group, name):
    path = root / f"{group}_{name}" / "new" / "estimates.json"
    return json.loads(path.read_text())["median"]["point_estimate"] / 1000.0
rows = [("pool_small", "check"), ("pool_typical", "check"), ("pool_maximal", "check"),
        ("credentials_request", "check"), ("resolve_saml", "resolve"), ("resolve_rules25", "resolve"),
        ("plan_update", "plan_update")]
print(f"| input | idpool (µs) | with report JSON (µs) | serde_json parse (µs) | ratio to parse |")
print(f"|---|---:|---:|---:|---:|")
for group, call in rows:
    floor = median(group, "serde_json_parse")
    t = median(group, call)
    tj = median(group, "check_to_json") if call == "check" else None
    tj_text = f"{tj:.2f}" if tj is not None else "—"
    print(f"| {group} ({call}) | {t:.2f} | {tj_text} | {floor:.2f} | {t / floor:.1f}× |")
PY
fi

if want batch; then
echo
echo "== batch mode (idpool check --jsonl) =="
cargo build -q --release -p idpool-cli
python3 - "$lines_big" <<'PY'
import json, os, subprocess, sys, time
big = int(sys.argv[1])
pool = json.load(open("examples/create-identity-pool.json"))
def line(i):
    p = dict(pool)
    p["IdentityPoolName"] = f"pool {i}"
    return json.dumps(p, separators=(",", ":"))
sample = line(0).encode() + b"\n"
print(f"each line: a typical pool of {len(sample)} bytes")
print("| lines | jobs | seconds | pools/s | peak RSS (MiB) |")
print("|---:|---:|---:|---:|---:|")
path = "target/bench-pools.jsonl"
for n in (10_000, big):
    with open(path, "wb") as f:
        chunk = b"".join(line(i).encode() + b"\n" for i in range(min(n, 10_000)))
        for _ in range(n // 10_000):
            f.write(chunk)
    # The floor of the same run: python's json.loads of each line, parse
    # only, no validation.
    start = time.perf_counter()
    with open(path, "rb") as f:
        for text in f:
            json.loads(text)
    floor = n / (time.perf_counter() - start)
    print(f"| {n} | json.loads (python, parse only) | — | {floor:,.0f} | — |")
    for jobs in (1, 2):
        cmd = ["/usr/bin/time", "-f", "%M", "target/release/idpool", "check", "CreateIdentityPool", path,
               "--jsonl", "--json", "--jobs", str(jobs)]
        start = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        seconds = time.perf_counter() - start
        rss_kib = int(done.stderr.strip().splitlines()[-1])
        rate = n / seconds
        print(f"| {n} | {jobs} | {seconds:.2f} | {rate:,.0f} ({rate / floor:.2f}× json.loads) | {rss_kib / 1024:.1f} |")
os.remove(path)
PY
fi

if want size; then
  echo
  echo "== size (scripts/build-npm.sh) =="
  scripts/build-npm.sh >/dev/null 2>&1 && cat target/npm/size.txt
fi

if want node && [ -f bindings-wasm/bench/bench.mjs ]; then
  echo
  echo "== node (bindings-wasm/bench) =="
  (cd bindings-wasm && node bench/bench.mjs)
fi

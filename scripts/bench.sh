#!/usr/bin/env bash
# Run every benchmark and print the tables of docs/PERFORMANCE.md:
#   1. criterion (core/benches): time per call of each entry point and its
#      ratio to bare serde_json parsing of the same input;
#   2. batch mode: `idpool check --jsonl --json` throughput and peak memory
#      over 10 000 and 1 000 000 generated pools, on 1 and 2 threads, with
#      python's json.loads of the same lines in the same rounds (set
#      IDPOOL_BATCH_BASELINE=path/to/idpool to add an older binary's rows);
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
echo "== batch mode (idpool check --jsonl --json) =="
cargo build -q --release -p idpool-cli
# IDPOOL_BATCH_BASELINE=path/to/an/older/idpool adds its rows, measured in
# the same rounds, for a before/after comparison.
python3 - "$lines_big" "${IDPOOL_BATCH_BASELINE:-}" <<'PY'
import json, os, subprocess, sys, time
big, baseline = int(sys.argv[1]), sys.argv[2]
ROUNDS = 3
pool = json.load(open("examples/create-identity-pool.json"))
def line(i):
    p = dict(pool)
    p["IdentityPoolName"] = f"pool {i}"
    return json.dumps(p, separators=(",", ":"))
sample = line(0).encode() + b"\n"
binaries = [("idpool", "target/release/idpool")]
if baseline:
    binaries.append(("baseline", baseline))
print(f"each line: a typical pool of {len(sample)} bytes; --json output to /dev/null;")
print(f"best of {ROUNDS} rounds, each running python's json.loads (parse only, no")
print("validation: the floor) and every idpool row in turn, so load from other")
print("processes hits all alike. pools/s: lines / wall seconds; per CPU-second:")
print("lines / (user + system seconds), on one thread the one-core rate however")
print("busy the machine is; peak RSS: the highest of the rounds.")
print("| lines | what | jobs | seconds | pools/s | pools per CPU-second | to json.loads | peak RSS (MiB) |")
print("|---:|---|---:|---:|---:|---:|---:|---:|")
path = "target/bench-pools.jsonl"

def loads():
    """Wall and CPU seconds of json.loads over each line of the file."""
    wall, cpu = time.perf_counter(), time.process_time()
    with open(path, "rb") as f:
        for text in f:
            json.loads(text)
    return time.perf_counter() - wall, time.process_time() - cpu, None

def idpool(binary, jobs):
    """Wall and CPU seconds and peak RSS (KiB) of one idpool run."""
    cmd = ["/usr/bin/time", "-f", "%M", binary, "check", "CreateIdentityPool", path,
           "--jsonl", "--json", "--jobs", str(jobs)]
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = child.stderr.read()
    # wait4: CPU times to the microsecond, idpool's included (time's own
    # are negligible). Peak RSS from time: a child of this python process
    # would inherit python's peak from before its exec.
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    child.returncode = code
    if code != 0:
        sys.exit(f"{' '.join(cmd)}: exit {code}: {stderr.strip()}")
    return wall, usage.ru_utime + usage.ru_stime, int(stderr.strip().splitlines()[-1])

for n in (10_000, big):
    with open(path, "wb") as f:
        chunk = b"".join(line(i).encode() + b"\n" for i in range(min(n, 10_000)))
        for _ in range(n // 10_000):
            f.write(chunk)
    rows = [("json.loads (python)", "—", loads)]
    for name, binary in binaries:
        for jobs in (1, 2):
            rows.append((name, jobs, lambda b=binary, j=jobs: idpool(b, j)))
    best = [None] * len(rows)
    for _ in range(ROUNDS):
        for i, (_, _, run) in enumerate(rows):
            wall, cpu, rss = run()
            if best[i] is None:
                best[i] = [wall, cpu, rss]
            else:
                best[i][0] = min(best[i][0], wall)
                best[i][1] = min(best[i][1], cpu)
                if rss is not None:
                    best[i][2] = max(best[i][2], rss)
    floor = n / best[0][0]
    for (what, jobs, _), (wall, cpu, rss) in zip(rows, best):
        rate = n / wall
        rss_text = "—" if rss is None else f"{rss / 1024:.1f}"
        print(f"| {n} | {what} | {jobs} | {wall:.2f} | {rate:,.0f} | {n / cpu:,.0f} | "
              f"{rate / floor:.2f}× | {rss_text} |")
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

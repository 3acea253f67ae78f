#!/usr/bin/env python3
"""Write (or check) tests/corpus/random-reports.jsonl: the deterministic
random corpus of generated inputs and the core's report for each.

    python3 scripts/gen-random-corpus.py           write the file
    python3 scripts/gen-random-corpus.py --check   exit 1 when the committed
                                                   file differs

The corpus comes from `cargo run -p idpool --example random_corpus` (a fixed
seed over the property tests' input generator, core/tests/support). The Rust
test core/tests/random_corpus.rs asserts that the core still gives every
committed report; the node and C suites assert that the npm package and the
C library give the same bytes. After an intended change of the core's
reports or of the generator, run this script and commit the file.
"""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "corpus" / "random-reports.jsonl"
GENERATED_BY = "scripts/gen-random-corpus.py"


def generate() -> str:
    result = subprocess.run(
        ["cargo", "run", "--quiet", "-p", "idpool", "--example", "random_corpus"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
    )
    return result.stdout.decode("utf-8")


def first_difference(old: str, new: str) -> str:
    old_lines, new_lines = old.splitlines(), new.splitlines()
    for number, (a, b) in enumerate(zip(old_lines, new_lines), start=1):
        if a != b:
            return f"line {number} differs"
    return f"{len(old_lines)} lines committed, {len(new_lines)} generated"


def main(argv: list) -> int:
    text = generate()
    if not text.endswith("\n") or text.count("\n") < 1000:
        print(f"{GENERATED_BY}: the generator printed {text.count(chr(10))} lines", file=sys.stderr)
        return 1
    if "--check" in argv:
        committed = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if committed != text:
            print(
                f"{OUT.relative_to(ROOT)} is stale ({first_difference(committed, text)}): "
                f"run python3 {GENERATED_BY}",
                file=sys.stderr,
            )
            return 1
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT.name}: {text.count(chr(10))} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

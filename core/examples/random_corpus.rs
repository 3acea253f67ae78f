//! Prints the deterministic random corpus: generated inputs and the core's
//! report for each, one JSON line per input, on standard output.
//!
//! Not run directly: `python3 scripts/gen-random-corpus.py` runs it and
//! writes (or with `--check`, compares) `tests/corpus/random-reports.jsonl`,
//! the committed fixture that the Rust, node (wasm) and C suites read.
//!
//! Each line: `{"operation": "check"|"resolve", "target", "input", "report"}`
//! where `input` is the exact text given to the library and `report` the
//! core's JSON, byte for byte.

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::io::Write;

#[allow(dead_code)]
#[path = "../tests/support/mod.rs"]
mod support;

/// How many generated inputs the corpus holds.
const CASES: usize = 2000;

fn main() {
    let targets: Vec<&'static str> = idpool::targets().collect();
    // A fixed seed: the same corpus on every machine and every run.
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    );
    let strategy = (0..targets.len(), support::portable_json_text(), 0u8..10);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for _ in 0..CASES {
        let (index, input, kind) = strategy
            .new_tree(&mut runner)
            .expect("the strategy always generates")
            .current();
        // One input in ten is a credentials context, the rest a check of a
        // random target.
        let (operation, target, report) = if kind == 0 {
            ("resolve", "", idpool::resolve_credentials(&input))
        } else {
            let target = targets[index];
            let report = idpool::check(target, &input).expect("every listed target is known");
            ("check", target, report)
        };
        let line = format!(
            "{{\"operation\":\"{operation}\",\"target\":\"{target}\",\"input\":{},\"report\":{}}}",
            serde_json::to_string(&input).expect("a string serializes"),
            report.to_json()
        );
        writeln!(out, "{line}").expect("standard output is writable");
    }
    out.flush().expect("standard output is writable");
}

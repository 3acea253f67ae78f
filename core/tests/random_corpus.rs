//! A deterministic corpus of generated inputs and their Rust reports,
//! written to `target/tmp/random-reports.jsonl` for the node (wasm) and C
//! runners, which must produce the same report bytes for each input.
//!
//! Each line: `{"operation": "check"|"resolve", "target", "input", "report"}`
//! where `input` is the exact text given to the library.

use proptest::prelude::*;

#[allow(dead_code)]
mod support;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::path::Path;
use support::portable_json_text;

/// How many generated inputs the corpus holds.
const CASES: usize = 2000;

#[test]
fn write_the_random_corpus() {
    let targets: Vec<&'static str> = idpool::targets().collect();
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    );
    let strategy = (0..targets.len(), portable_json_text(), 0u8..10);
    let mut lines = Vec::with_capacity(CASES);
    for _ in 0..CASES {
        let (index, input, kind) = strategy.new_tree(&mut runner).unwrap().current();
        let (operation, target, report) = if kind == 0 {
            ("resolve", "", idpool::resolve_credentials(&input))
        } else {
            let target = targets[index];
            ("check", target, idpool::check(target, &input).unwrap())
        };
        assert_eq!(report.ok, report.errors.is_empty());
        lines.push(format!(
            "{{\"operation\":\"{operation}\",\"target\":\"{target}\",\"input\":{},\"report\":{}}}",
            serde_json::to_string(&input).unwrap(),
            report.to_json()
        ));
    }
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("random-reports.jsonl");
    std::fs::write(&out, lines.join("\n") + "\n").unwrap();
    // The same seed gives the same corpus: the bindings compare against it.
    assert_eq!(lines.len(), CASES);
}

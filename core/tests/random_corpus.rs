//! The committed random corpus, `tests/corpus/random-reports.jsonl`
//! (written by `python3 scripts/gen-random-corpus.py` from the example
//! `random_corpus`): the core must still give every committed report, byte
//! for byte. The node (wasm) and C suites hold their libraries to the same
//! file, so all three agree on 2000 generated inputs.
//!
//! Each line: `{"operation": "check"|"resolve", "target", "input", "report"}`.

use std::path::PathBuf;

fn corpus_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/random-reports.jsonl")
}

/// One line of the corpus: what to run, and the report text expected.
struct Line {
    operation: String,
    target: String,
    input: String,
    report: String,
}

fn parse_line(line: &str) -> Result<Line, String> {
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let field = |name: &str| {
        value[name]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| format!("no string {name}"))
    };
    // The report's exact text: the member after `,"report":`, up to the
    // line's closing brace (a string member never contains that sequence
    // unescaped, and `report` is the last member).
    let marker = ",\"report\":";
    let start = line.find(marker).ok_or("no report member")? + marker.len();
    let report = line
        .get(start..line.len() - 1)
        .ok_or("line too short")?
        .to_string();
    Ok(Line {
        operation: field("operation")?,
        target: field("target")?,
        input: field("input")?,
        report,
    })
}

fn report_for(line: &Line) -> Result<idpool::Report, String> {
    match line.operation.as_str() {
        "resolve" => Ok(idpool::resolve_credentials(&line.input)),
        "check" => idpool::check(&line.target, &line.input).map_err(|e| e.to_string()),
        other => Err(format!("unknown operation {other:?}")),
    }
}

#[test]
fn the_core_gives_every_committed_report() {
    let path = corpus_path();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run python3 scripts/gen-random-corpus.py",
            path.display()
        )
    });
    let mut lines = 0;
    let mut resolves = 0;
    let mut failures = Vec::new();
    for (number, raw) in text.lines().enumerate().map(|(i, l)| (i + 1, l)) {
        lines += 1;
        let line = match parse_line(raw) {
            Ok(line) => line,
            Err(why) => {
                failures.push(format!("line {number}: {why}"));
                continue;
            }
        };
        resolves += usize::from(line.operation == "resolve");
        match report_for(&line) {
            Ok(report) => {
                if report.ok != report.errors.is_empty() {
                    failures.push(format!("line {number}: ok disagrees with errors"));
                }
                if report.to_json() != line.report {
                    failures.push(format!(
                        "line {number} ({} {}): the core's report differs",
                        line.operation, line.target
                    ));
                }
            }
            Err(why) => failures.push(format!("line {number}: {why}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {lines} corpus lines fail (first: {}); if the core's reports changed on purpose, \
         run python3 scripts/gen-random-corpus.py and commit tests/corpus/random-reports.jsonl",
        failures.len(),
        failures[..failures.len().min(5)].join("; ")
    );
    assert_eq!(lines, 2000, "the corpus holds 2000 inputs");
    // Both operations are represented (one input in ten is a credentials
    // context).
    assert!(resolves > 100 && resolves < 400, "{resolves} resolve lines");
}

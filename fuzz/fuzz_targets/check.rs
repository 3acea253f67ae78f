//! `check` on arbitrary bytes for an arbitrary target, under the default or
//! the largest accepted limits: never panics, the report is consistent and
//! survives a JSON round trip, and secrets planted at every sensitive
//! position never come back.
#![no_main]

#[path = "secrets.rs"]
mod secrets;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, input)) = data.split_first() else { return };
    let targets: Vec<&str> = idpool::targets().collect();
    let target = targets[usize::from(selector & 0x7f) % targets.len()];
    let checker = secrets::checker(selector);
    let report = checker.check_bytes(target, input).expect("every listed target is known");
    assert_eq!(report.ok, report.errors.is_empty());
    assert_eq!(report.ok, report.service_error.is_none());
    let back: idpool::Report = serde_json::from_str(&report.to_json()).expect("a report parses back");
    assert_eq!(back, report);

    // The same input with secrets planted at every sensitive position.
    let Ok(text) = std::str::from_utf8(input) else { return };
    if let Some(planted) = secrets::planted_input(&checker, target, text) {
        let report = checker.check(target, &planted).expect("a known target");
        secrets::assert_concealed(&report);
    }
});

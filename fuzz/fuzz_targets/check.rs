//! `check` on arbitrary bytes for an arbitrary target: never panics, and
//! the report is consistent and survives a JSON round trip.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, input)) = data.split_first() else { return };
    let targets: Vec<&str> = idpool::targets().collect();
    let target = targets[usize::from(selector) % targets.len()];
    let report = idpool::check_bytes(target, input).expect("every listed target is known");
    assert_eq!(report.ok, report.errors.is_empty());
    assert_eq!(report.ok, report.service_error.is_none());
    let back: idpool::Report = serde_json::from_str(&report.to_json()).expect("a report parses back");
    assert_eq!(back, report);
});

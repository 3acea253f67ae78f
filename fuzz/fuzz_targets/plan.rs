//! Update planning on two arbitrary inputs: never panics; consistent.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let (current, desired) = data.split_at(split);
    let desired = desired.get(1..).unwrap_or_default();
    let report = idpool::Checker::new().plan_update_bytes(current, desired);
    assert_eq!(report.ok, report.errors.is_empty());
});

//! The C entry points on arbitrary bytes: the library's own source,
//! compiled into this target (the C crate builds no Rust library), called
//! exactly as a C host calls it. Never panics across the boundary; every
//! handle is freed; a written report matches the Rust report.
#![no_main]

#[path = "secrets.rs"]
mod secrets;

// The C crate's modules, at this crate's root as in the library (they
// refer to each other through `crate::`).
#[path = "../../bindings-c/src/boundary.rs"]
mod boundary;
#[path = "../../bindings-c/src/checker.rs"]
mod checker;
#[allow(dead_code)]
#[path = "../../bindings-c/src/id.rs"]
mod id;
#[path = "../../bindings-c/src/report.rs"]
mod report;
#[path = "../../bindings-c/src/result.rs"]
mod result;
#[path = "../../bindings-c/src/saml.rs"]
mod saml;

use checker::{
    idpool_check, idpool_checker_check, idpool_checker_free, idpool_checker_new,
    idpool_checker_set_max_depth, idpool_checker_set_max_input_bytes,
    idpool_checker_set_max_issues, idpool_resolve_credentials,
};
use report::{idpool_report_error_code, idpool_report_free, idpool_report_json};
use result::idpool_result;
use saml::{idpool_saml_role_list_free, idpool_saml_roles};
use libfuzzer_sys::fuzz_target;
use std::ptr;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, input)) = data.split_first() else { return };
    let targets: Vec<&str> = idpool::targets().collect();
    let target = targets[usize::from(selector) % targets.len()];
    if selector & 0x80 != 0 {
        check_under_the_largest_limits(target, input);
    }
    let mut report = ptr::null_mut();
    // SAFETY: valid pointers and lengths; the report is freed below.
    let result = unsafe { idpool_check(target.as_ptr(), target.len(), input.as_ptr(), input.len(), &mut report) };
    if matches!(result, idpool_result::Ok | idpool_result::Invalid) {
        assert!(!report.is_null());
        let (mut json, mut len) = (ptr::null(), 0usize);
        // SAFETY: a live report and valid out-pointers.
        let read = unsafe { idpool_report_json(report, &mut json, &mut len) };
        assert_eq!(read, idpool_result::Ok);
        // SAFETY: the library returned `len` readable bytes at `json`.
        let bytes = unsafe { std::slice::from_raw_parts(json.cast::<u8>(), len) };
        let rust = idpool::check_bytes(target, input).unwrap().to_json();
        assert_eq!(bytes, rust.as_bytes(), "the C report differs from the Rust report");
        // Accessors past the end answer with a result code, not a crash.
        let (mut text, mut text_len) = (ptr::null(), 0usize);
        // SAFETY: a live report and valid out-pointers.
        let beyond = unsafe { idpool_report_error_code(report, usize::MAX, &mut text, &mut text_len) };
        assert_ne!(beyond, idpool_result::Ok);
    } else {
        assert!(report.is_null(), "no report is written on failure");
    }
    // SAFETY: NULL or the report from idpool_check, freed once.
    unsafe { idpool_report_free(report) };

    // Secrets planted at every sensitive position never come back through
    // the C boundary either.
    let checker = idpool::Checker::new();
    if let Some(planted) = std::str::from_utf8(input)
        .ok()
        .and_then(|text| secrets::planted_input(&checker, target, text))
    {
        let mut report = ptr::null_mut();
        // SAFETY: valid pointers and lengths; the report is freed below.
        let result = unsafe {
            idpool_check(target.as_ptr(), target.len(), planted.as_ptr(), planted.len(), &mut report)
        };
        if matches!(result, idpool_result::Ok | idpool_result::Invalid) {
            let (mut json, mut len) = (ptr::null(), 0usize);
            // SAFETY: a live report and valid out-pointers; the library
            // returned `len` readable bytes at `json`.
            let bytes = unsafe {
                assert_eq!(idpool_report_json(report, &mut json, &mut len), idpool_result::Ok);
                std::slice::from_raw_parts(json.cast::<u8>(), len)
            };
            secrets::assert_text_concealed(&String::from_utf8_lossy(bytes));
        }
        // SAFETY: NULL or the report from idpool_check, freed once.
        unsafe { idpool_report_free(report) };
    }

    for (call, name) in [(0u8, "resolve"), (1, "saml")] {
        match call {
            0 => {
                let mut report = ptr::null_mut();
                // SAFETY: valid pointers; freed below.
                unsafe { idpool_resolve_credentials(input.as_ptr(), input.len(), &mut report) };
                // SAFETY: NULL or a live report, freed once.
                unsafe { idpool_report_free(report) };
            }
            _ => {
                let mut roles = ptr::null_mut();
                // SAFETY: valid pointers; freed below.
                unsafe { idpool_saml_roles(input.as_ptr(), input.len(), &mut roles) };
                // SAFETY: NULL or a live list, freed once.
                unsafe { idpool_saml_role_list_free(roles) };
            }
        }
        let _ = name;
    }
});

/// The same check through an `idpool_checker` raised to the largest limits
/// the setters accept (and refused one step beyond them): the C report is
/// the Rust report under the same limits.
fn check_under_the_largest_limits(target: &str, input: &[u8]) {
    let largest = idpool::Limits {
        max_depth: idpool::Limits::MAX_DEPTH_CEILING,
        max_input_bytes: idpool::Limits::MAX_INPUT_BYTES_CEILING,
        max_issues: idpool::Limits::MAX_ISSUES_CEILING,
    };
    let mut checker = ptr::null_mut();
    let mut report = ptr::null_mut();
    // SAFETY: valid pointers; the checker and report are freed below.
    unsafe {
        assert_eq!(idpool_checker_new(&mut checker), idpool_result::Ok);
        assert_eq!(
            idpool_checker_set_max_depth(checker, largest.max_depth + 1),
            idpool_result::LimitOutOfRange
        );
        assert_eq!(idpool_checker_set_max_depth(checker, largest.max_depth), idpool_result::Ok);
        assert_eq!(
            idpool_checker_set_max_input_bytes(checker, largest.max_input_bytes),
            idpool_result::Ok
        );
        assert_eq!(idpool_checker_set_max_issues(checker, largest.max_issues), idpool_result::Ok);
        let result = idpool_checker_check(
            checker,
            target.as_ptr(),
            target.len(),
            input.as_ptr(),
            input.len(),
            &mut report,
        );
        if matches!(result, idpool_result::Ok | idpool_result::Invalid) {
            let (mut json, mut len) = (ptr::null(), 0usize);
            assert_eq!(idpool_report_json(report, &mut json, &mut len), idpool_result::Ok);
            let bytes = std::slice::from_raw_parts(json.cast::<u8>(), len);
            let rust = idpool::Checker::with_limits(largest)
                .expect("the ceilings are accepted")
                .check_bytes(target, input)
                .expect("a known target")
                .to_json();
            assert_eq!(bytes, rust.as_bytes(), "the C report differs under raised limits");
        }
        idpool_report_free(report);
        idpool_checker_free(checker);
    }
}

//! The C entry points on arbitrary bytes: the library's own source,
//! compiled into this target (the C crate builds no Rust library), called
//! exactly as a C host calls it. Never panics across the boundary; every
//! handle is freed; a written report matches the Rust report.
#![no_main]

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

use checker::{idpool_check, idpool_resolve_credentials};
use report::{idpool_report_error_code, idpool_report_free, idpool_report_json};
use result::idpool_result;
use saml::{idpool_saml_role_list_free, idpool_saml_roles};
use libfuzzer_sys::fuzz_target;
use std::ptr;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, input)) = data.split_first() else { return };
    let targets: Vec<&str> = idpool::targets().collect();
    let target = targets[usize::from(selector) % targets.len()];
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

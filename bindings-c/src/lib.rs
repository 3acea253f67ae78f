//! The C ABI of idpool: `libidpool.a` / `libidpool.so` with
//! `include/idpool.h` (generated from this crate by cbindgen with
//! `cargo run -p xtask -- header`; see `README.md` for the API, ownership
//! rules and thread safety).
//!
//! Every symbol starts with `idpool_` / `IDPOOL_`. The wrapper only
//! converts between C and the core and maps errors to result codes; every
//! rule lives in the `idpool` crate.
//!
//! Conventions (rustls-ffi style), kept by every export:
//!
//! - fallible functions return an [`idpool_result`] (`IDPOOL_RESULT_OK` is
//!   0); codes are numbered explicitly and never reused;
//! - every body runs inside the panic boundary (`ffi_result!` /
//!   `ffi_value!`): a panic becomes `IDPOOL_RESULT_PANIC` (or false, 0,
//!   NULL), never an unwind into C; the crate is built with
//!   `panic = "unwind"` so that panics can be caught;
//! - NULL pointers give `IDPOOL_RESULT_NULL_PARAMETER`, checked before
//!   anything else; text that is not UTF-8 gives
//!   `IDPOOL_RESULT_INVALID_UTF8`;
//! - out-parameters are written only on success (for the checks, both
//!   `OK` and `INVALID` are success: the caller needs the report);
//! - handles are immutable once made (the checker's setters excepted), and
//!   there is no global mutable state, so the library is thread-safe;
//! - `_free(NULL)` is a no-op; library memory is released only by the
//!   library's `_free` functions, never by `free()`.

#![deny(missing_docs)]
#![deny(unsafe_op_in_unsafe_fn)]
#![deny(clippy::undocumented_unsafe_blocks)]

mod boundary;
mod checker;
mod id;
mod report;
mod result;
mod saml;

pub use checker::{
    idpool_audit_trust, idpool_check, idpool_check_with_pool, idpool_checker,
    idpool_checker_audit_trust, idpool_checker_check, idpool_checker_check_with_pool,
    idpool_checker_free, idpool_checker_new, idpool_checker_plan_update,
    idpool_checker_resolve_credentials, idpool_checker_set_max_depth,
    idpool_checker_set_max_input_bytes, idpool_checker_set_max_issues, idpool_plan_update,
    idpool_resolve_credentials,
};
pub use id::{idpool_identity_id_parse, idpool_identity_pool_id_parse};
pub use report::{
    idpool_report, idpool_report_audit_json, idpool_report_decision_json,
    idpool_report_decision_role_arn, idpool_report_error_code, idpool_report_error_count,
    idpool_report_error_message, idpool_report_error_path, idpool_report_free, idpool_report_json,
    idpool_report_normalized_json, idpool_report_ok, idpool_report_plan_json,
    idpool_report_warning_code, idpool_report_warning_count, idpool_report_warning_message,
    idpool_report_warning_path,
};
pub use result::{idpool_result, idpool_result_str};
pub use saml::{
    idpool_saml_role_list, idpool_saml_role_list_count, idpool_saml_role_list_free,
    idpool_saml_role_list_json, idpool_saml_role_list_provider_arn, idpool_saml_role_list_role_arn,
    idpool_saml_roles,
};

use std::ffi::c_char;

/// NUL-terminated version string, with the lifetime of the program.
static VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");

/// The library version as a NUL-terminated UTF-8 string, e.g. `"0.1.0"`;
/// equal to `IDPOOL_VERSION_STRING` when the header matches the library.
///
/// Ownership: the string is static; the caller must not free or modify it.
#[unsafe(no_mangle)]
pub extern "C" fn idpool_version() -> *const c_char {
    boundary::ffi_value!({ VERSION.as_ptr().cast() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn version_is_nul_terminated_and_matches_the_core() {
        // SAFETY: idpool_version returns a pointer to a static NUL-terminated string.
        let text = unsafe { CStr::from_ptr(idpool_version()) };
        assert_eq!(text.to_str().unwrap(), idpool::VERSION);
    }

    #[test]
    fn handles_can_be_shared_between_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<idpool_report>();
        shareable::<idpool_checker>();
        shareable::<idpool_saml_role_list>();
    }
}

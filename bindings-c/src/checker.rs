//! The checks: `idpool_check`, `idpool_check_with_pool`,
//! `idpool_resolve_credentials`, `idpool_audit_trust`,
//! `idpool_plan_update`, and the same under
//! configurable limits through an `idpool_checker`.

use crate::boundary::{self, ffi_result, non_null};
use crate::report::idpool_report;
use crate::result::idpool_result;
use idpool::{Checker, Limits, Report, UnknownTarget};

/// Input limits for the checks (docs/REFERENCE.md section 10). Opaque; make one with
/// `idpool_checker_new`, adjust it with the `idpool_checker_set_*`
/// functions, and release it with `idpool_checker_free`.
///
/// A new checker has the core's defaults: 1 MiB of input, nesting depth 64,
/// 100 errors per report. The setters change a checker; the checks only
/// read it, so once configured one checker may be used from several threads
/// at once (do not call a setter while another thread checks with it).
///
/// Ownership: made by `idpool_checker_new` and owned by the caller, who
/// releases it with `idpool_checker_free` (never `free()`).
#[allow(non_camel_case_types)]
#[derive(Debug)]
pub struct idpool_checker {
    limits: Limits,
}

impl idpool_checker {
    fn checker(&self) -> Checker {
        // The setters only store limits that `Limits::validate` accepts.
        Checker::with_limits(self.limits).unwrap_or_default()
    }
}

/// Hand `report` to C and return `OK` or `INVALID`.
///
/// # Safety
///
/// `out` must be non-NULL, aligned and writable.
unsafe fn deliver(report: &Report, out: *mut *mut idpool_report) -> idpool_result {
    let handle = idpool_report::new(report);
    let status = handle.status();
    // SAFETY: the caller guarantees `out` is writable.
    unsafe { boundary::give(out, handle) };
    status
}

/// `UnknownTarget` is misuse, reported as a result code.
fn unknown(_: UnknownTarget) -> idpool_result {
    idpool_result::UnknownTarget
}

/// The body of `idpool_check` and `idpool_checker_check`.
///
/// # Safety
///
/// As documented on `idpool_check`.
unsafe fn check(
    checker: Checker,
    target: *const u8,
    target_len: usize,
    json: *const u8,
    json_len: usize,
    report_out: *mut *mut idpool_report,
) -> Result<idpool_result, idpool_result> {
    non_null!(target, json, report_out);
    // SAFETY: the caller guarantees each buffer holds its length in bytes.
    let (target, json) = unsafe {
        (
            boundary::text(target, target_len)?,
            boundary::text(json, json_len)?,
        )
    };
    let report = checker.check(target, json).map_err(unknown)?;
    // SAFETY: `report_out` was checked non-NULL; the caller guarantees it
    // is writable.
    Ok(unsafe { deliver(&report, report_out) })
}

/// The body of `idpool_check_with_pool` and `idpool_checker_check_with_pool`.
///
/// # Safety
///
/// As documented on `idpool_check_with_pool`.
#[allow(clippy::too_many_arguments)]
unsafe fn check_with_pool(
    checker: Checker,
    target: *const u8,
    target_len: usize,
    json: *const u8,
    json_len: usize,
    pool: *const u8,
    pool_len: usize,
    report_out: *mut *mut idpool_report,
) -> Result<idpool_result, idpool_result> {
    non_null!(target, json, pool, report_out);
    // SAFETY: the caller guarantees each buffer holds its length in bytes.
    let (target, json, pool) = unsafe {
        (
            boundary::text(target, target_len)?,
            boundary::text(json, json_len)?,
            boundary::text(pool, pool_len)?,
        )
    };
    let report = checker
        .check_with_pool(target, json, pool)
        .map_err(unknown)?;
    // SAFETY: `report_out` was checked non-NULL; the caller guarantees it
    // is writable.
    Ok(unsafe { deliver(&report, report_out) })
}

/// The body of `idpool_resolve_credentials` and
/// `idpool_checker_resolve_credentials`.
///
/// # Safety
///
/// As documented on `idpool_resolve_credentials`.
unsafe fn resolve_credentials(
    checker: Checker,
    json: *const u8,
    json_len: usize,
    report_out: *mut *mut idpool_report,
) -> Result<idpool_result, idpool_result> {
    // SAFETY: the caller's guarantees, passed on.
    unsafe {
        context(
            checker,
            json,
            json_len,
            report_out,
            Checker::resolve_credentials,
        )
    }
}

/// The body of the calls that take one context document (credentials
/// resolution, trust audit): `run` on its text.
///
/// # Safety
///
/// As documented on `idpool_resolve_credentials`.
unsafe fn context(
    checker: Checker,
    json: *const u8,
    json_len: usize,
    report_out: *mut *mut idpool_report,
    run: fn(&Checker, &str) -> Report,
) -> Result<idpool_result, idpool_result> {
    non_null!(json, report_out);
    // SAFETY: the caller guarantees the buffer holds `json_len` bytes.
    let json = unsafe { boundary::text(json, json_len) }?;
    let report = run(&checker, json);
    // SAFETY: `report_out` was checked non-NULL; the caller guarantees it
    // is writable.
    Ok(unsafe { deliver(&report, report_out) })
}

/// The body of `idpool_audit_trust` and `idpool_checker_audit_trust`.
///
/// # Safety
///
/// As documented on `idpool_audit_trust`.
unsafe fn audit_trust(
    checker: Checker,
    json: *const u8,
    json_len: usize,
    report_out: *mut *mut idpool_report,
) -> Result<idpool_result, idpool_result> {
    // SAFETY: the caller's guarantees, passed on.
    unsafe { context(checker, json, json_len, report_out, Checker::audit_trust) }
}

/// The body of `idpool_plan_update` and `idpool_checker_plan_update`.
///
/// # Safety
///
/// As documented on `idpool_plan_update`.
unsafe fn plan_update(
    checker: Checker,
    current: *const u8,
    current_len: usize,
    desired: *const u8,
    desired_len: usize,
    report_out: *mut *mut idpool_report,
) -> Result<idpool_result, idpool_result> {
    non_null!(current, desired, report_out);
    // SAFETY: the caller guarantees each buffer holds its length in bytes.
    let (current, desired) = unsafe {
        (
            boundary::text(current, current_len)?,
            boundary::text(desired, desired_len)?,
        )
    };
    let report = checker.plan_update(current, desired);
    // SAFETY: `report_out` was checked non-NULL; the caller guarantees it
    // is writable.
    Ok(unsafe { deliver(&report, report_out) })
}

/// Check a JSON document against a target, with the default limits.
///
/// `target` is an operation name (`"CreateIdentityPool"`: its input shape
/// is checked) or a shape name (`"IdentityPool"`, `"Credentials"`, ...),
/// `target_len` bytes of UTF-8 without a terminator. `json` is the
/// document, `json_len` bytes of UTF-8.
///
/// Returns `IDPOOL_RESULT_OK` (no errors) or `IDPOOL_RESULT_INVALID` (the
/// report lists the errors), and in both cases writes a new report to
/// `*report_out`. A document that is not JSON, nests deeper than 64 levels
/// or exceeds 1 MiB is `IDPOOL_RESULT_INVALID` with a `syntax` issue, as
/// in every binding. Otherwise nothing is written and the result says why:
/// `IDPOOL_RESULT_NULL_PARAMETER`, `IDPOOL_RESULT_INVALID_UTF8` (either
/// buffer), `IDPOOL_RESULT_UNKNOWN_TARGET`, `IDPOOL_RESULT_PANIC`.
///
/// # Safety
///
/// `target` and `json` must point to `target_len` and `json_len` readable
/// bytes; `report_out` must be writable.
///
/// Ownership: the inputs are only borrowed during the call; the caller
/// owns the new `*report_out` and must release it with `idpool_report_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_check(
    target: *const u8,
    target_len: usize,
    json: *const u8,
    json_len: usize,
    report_out: *mut *mut idpool_report,
) -> idpool_result {
    ffi_result!({
        // SAFETY: the caller's guarantees, passed on.
        unsafe {
            check(
                Checker::new(),
                target,
                target_len,
                json,
                json_len,
                report_out,
            )
        }
    })
}

/// Check a JSON document against a target and a pool, with the default
/// limits: the role-mapping keys of `SetIdentityPoolRoles` (or
/// `GetIdentityPoolRolesResponse`) must be providers configured on the pool
/// (`role_mapping_provider`). The pool (`pool_len` bytes of UTF-8 JSON, an
/// `IdentityPool`) is checked too; its issues are listed under `/pool`.
///
/// Results and the report as for `idpool_check`; all three buffers must be
/// UTF-8.
///
/// # Safety
///
/// `target`, `json` and `pool` must point to `target_len`, `json_len` and
/// `pool_len` readable bytes; `report_out` must be writable.
///
/// Ownership: the inputs are only borrowed during the call; the caller
/// owns the new `*report_out` and must release it with `idpool_report_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_check_with_pool(
    target: *const u8,
    target_len: usize,
    json: *const u8,
    json_len: usize,
    pool: *const u8,
    pool_len: usize,
    report_out: *mut *mut idpool_report,
) -> idpool_result {
    ffi_result!({
        // SAFETY: the caller's guarantees, passed on.
        unsafe {
            check_with_pool(
                Checker::new(),
                target,
                target_len,
                json,
                json_len,
                pool,
                pool_len,
                report_out,
            )
        }
    })
}

/// Simulate `GetCredentialsForIdentity` (docs/REFERENCE.md section 8), with the default
/// limits. `json` is the context, `json_len` bytes of UTF-8:
/// `{"Pool": IdentityPool, "Roles"?: …, "RoleMappings"?: …,
/// "Request": GetCredentialsForIdentityInput, "Now"?: unix-seconds}`.
///
/// Returns `IDPOOL_RESULT_OK` when a role is decided (read it with
/// `idpool_report_decision_role_arn` or `idpool_report_decision_json`) and
/// `IDPOOL_RESULT_INVALID` when the request would be refused (the errors
/// say why); both write a new report to `*report_out`. Tokens are decoded,
/// never verified. Otherwise nothing is written:
/// `IDPOOL_RESULT_NULL_PARAMETER`, `IDPOOL_RESULT_INVALID_UTF8`,
/// `IDPOOL_RESULT_PANIC`.
///
/// # Safety
///
/// `json` must point to `json_len` readable bytes; `report_out` must be
/// writable.
///
/// Ownership: the input is only borrowed during the call; the caller owns
/// the new `*report_out` and must release it with `idpool_report_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_resolve_credentials(
    json: *const u8,
    json_len: usize,
    report_out: *mut *mut idpool_report,
) -> idpool_result {
    ffi_result!({
        // SAFETY: the caller's guarantees, passed on.
        unsafe { resolve_credentials(Checker::new(), json, json_len, report_out) }
    })
}

/// Audit the trust policies of a pool's roles (docs/REFERENCE.md section
/// 11), with the default limits. `json` is the context, `json_len` bytes
/// of UTF-8: `{"Pool": IdentityPool, "Roles"?: …, "RoleMappings"?: …,
/// "TrustPolicies": {"<role ARN>": policy}, "AccountId"?: "…",
/// "PrincipalTags"?: bool}`, each policy an object, its JSON text, or
/// that text URL-encoded.
///
/// Returns `IDPOOL_RESULT_OK` (no errors; warnings may remain) or
/// `IDPOOL_RESULT_INVALID` and writes a new report (target `AuditTrust`)
/// to `*report_out`: the findings (`trust_*` codes) at the pointer of what
/// is at fault; read every role the pool hands out, who reaches it and
/// whether its policy admits each with `idpool_report_audit_json`.
/// Otherwise nothing is written: `IDPOOL_RESULT_NULL_PARAMETER`,
/// `IDPOOL_RESULT_INVALID_UTF8`, `IDPOOL_RESULT_PANIC`.
///
/// # Safety
///
/// `json` must point to `json_len` readable bytes; `report_out` must be
/// writable.
///
/// Ownership: the input is only borrowed during the call; the caller owns
/// the new `*report_out` and must release it with `idpool_report_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_audit_trust(
    json: *const u8,
    json_len: usize,
    report_out: *mut *mut idpool_report,
) -> idpool_result {
    ffi_result!({
        // SAFETY: the caller's guarantees, passed on.
        unsafe { audit_trust(Checker::new(), json, json_len, report_out) }
    })
}

/// Plan an `UpdateIdentityPool` call (docs/REFERENCE.md section 7), with the default
/// limits: `current` is the stored pool (for instance
/// `describe-identity-pool` output) and `desired` the pool the update
/// sends, `current_len` and `desired_len` bytes of UTF-8 JSON.
///
/// Returns `IDPOOL_RESULT_OK` or `IDPOOL_RESULT_INVALID` and writes a new
/// report (target `UpdateIdentityPool`) to `*report_out`: the desired
/// pool's issues as they are, the update's own (`immutable`,
/// `reset_to_default`), then the current pool's under `/current`. Read the
/// plan (`{"changes":[…],"effective":{…}}`, present when both inputs are
/// JSON objects) with `idpool_report_plan_json`. Otherwise nothing is
/// written: `IDPOOL_RESULT_NULL_PARAMETER`, `IDPOOL_RESULT_INVALID_UTF8`,
/// `IDPOOL_RESULT_PANIC`.
///
/// # Safety
///
/// `current` and `desired` must point to `current_len` and `desired_len`
/// readable bytes; `report_out` must be writable.
///
/// Ownership: the inputs are only borrowed during the call; the caller
/// owns the new `*report_out` and must release it with `idpool_report_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_plan_update(
    current: *const u8,
    current_len: usize,
    desired: *const u8,
    desired_len: usize,
    report_out: *mut *mut idpool_report,
) -> idpool_result {
    ffi_result!({
        // SAFETY: the caller's guarantees, passed on.
        unsafe {
            plan_update(
                Checker::new(),
                current,
                current_len,
                desired,
                desired_len,
                report_out,
            )
        }
    })
}

/// Make a checker with the default limits (1 MiB, depth 64, 100 errors).
///
/// Returns `IDPOOL_RESULT_OK` and writes the new checker to
/// `*checker_out`; `IDPOOL_RESULT_NULL_PARAMETER` when `checker_out` is
/// NULL.
///
/// # Safety
///
/// `checker_out` must be writable.
///
/// Ownership: the caller owns the new `*checker_out` and must release it
/// with `idpool_checker_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_checker_new(
    checker_out: *mut *mut idpool_checker,
) -> idpool_result {
    ffi_result!({
        non_null!(checker_out);
        let checker = idpool_checker {
            limits: Limits::default(),
        };
        // SAFETY: `checker_out` was checked non-NULL; the caller guarantees
        // it is writable.
        unsafe { boundary::give(checker_out, checker) };
        Ok(idpool_result::Ok)
    })
}

/// The body of the setters.
///
/// # Safety
///
/// `checker` must be NULL or a live checker that no other thread uses
/// during the call.
unsafe fn set(checker: *mut idpool_checker, change: impl FnOnce(&mut Limits)) -> idpool_result {
    ffi_result!({
        // SAFETY: the caller passes NULL or a live checker it has exclusive
        // use of during the call.
        let checker = unsafe { checker.as_mut() }.ok_or(idpool_result::NullParameter)?;
        let mut limits = checker.limits;
        change(&mut limits);
        limits
            .validate()
            .map_err(|_| idpool_result::LimitOutOfRange)?;
        checker.limits = limits;
        Ok(idpool_result::Ok)
    })
}

/// Set the largest accepted JSON document, in bytes (default 1 MiB). A
/// larger document is reported as a `syntax` issue without being parsed.
/// Accepted: 1 to 268435456 (256 MiB); any other value gives
/// `IDPOOL_RESULT_LIMIT_OUT_OF_RANGE` and leaves the checker as it was.
///
/// # Safety
///
/// `checker` must be a live checker, not in use by another thread.
///
/// Ownership: `checker` is only borrowed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_checker_set_max_input_bytes(
    checker: *mut idpool_checker,
    max_input_bytes: usize,
) -> idpool_result {
    // SAFETY: the caller's guarantees, passed on.
    unsafe { set(checker, |limits| limits.max_input_bytes = max_input_bytes) }
}

/// Set the deepest accepted nesting of JSON arrays and objects (default
/// 64). A deeper document is reported as a `syntax` issue. Accepted: 0 to
/// 100, a ceiling that keeps every pass far from the end of a small thread
/// stack; a larger value gives `IDPOOL_RESULT_LIMIT_OUT_OF_RANGE` and leaves
/// the checker as it was.
///
/// # Safety
///
/// `checker` must be a live checker, not in use by another thread.
///
/// Ownership: `checker` is only borrowed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_checker_set_max_depth(
    checker: *mut idpool_checker,
    max_depth: usize,
) -> idpool_result {
    // SAFETY: the caller's guarantees, passed on.
    unsafe { set(checker, |limits| limits.max_depth = max_depth) }
}

/// Set the most errors (and normalization changes) one report lists
/// (default 100); beyond it the check stops and the report's JSON says
/// `"truncated":true`. Accepted: 1 to 100000; any other value gives
/// `IDPOOL_RESULT_LIMIT_OUT_OF_RANGE` and leaves the checker as it was.
///
/// # Safety
///
/// `checker` must be a live checker, not in use by another thread.
///
/// Ownership: `checker` is only borrowed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_checker_set_max_issues(
    checker: *mut idpool_checker,
    max_issues: usize,
) -> idpool_result {
    // SAFETY: the caller's guarantees, passed on.
    unsafe { set(checker, |limits| limits.max_issues = max_issues) }
}

/// As `idpool_check`, under the checker's limits.
///
/// # Safety
///
/// `checker` must be a live checker; the other arguments as for
/// `idpool_check`.
///
/// Ownership: the checker and the inputs are only borrowed during the call;
/// the caller owns the new `*report_out` and must release it with
/// `idpool_report_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_checker_check(
    checker: *const idpool_checker,
    target: *const u8,
    target_len: usize,
    json: *const u8,
    json_len: usize,
    report_out: *mut *mut idpool_report,
) -> idpool_result {
    ffi_result!({
        non_null!(checker);
        // SAFETY: the caller passes a live checker (non-NULL, checked above).
        let checker = unsafe { boundary::handle(checker) }?.checker();
        // SAFETY: the caller's guarantees, passed on.
        unsafe { check(checker, target, target_len, json, json_len, report_out) }
    })
}

/// As `idpool_check_with_pool`, under the checker's limits.
///
/// # Safety
///
/// `checker` must be a live checker; the other arguments as for
/// `idpool_check_with_pool`.
///
/// Ownership: the checker and the inputs are only borrowed during the call;
/// the caller owns the new `*report_out` and must release it with
/// `idpool_report_free`.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn idpool_checker_check_with_pool(
    checker: *const idpool_checker,
    target: *const u8,
    target_len: usize,
    json: *const u8,
    json_len: usize,
    pool: *const u8,
    pool_len: usize,
    report_out: *mut *mut idpool_report,
) -> idpool_result {
    ffi_result!({
        non_null!(checker);
        // SAFETY: the caller passes a live checker (non-NULL, checked above).
        let checker = unsafe { boundary::handle(checker) }?.checker();
        // SAFETY: the caller's guarantees, passed on.
        unsafe {
            check_with_pool(
                checker, target, target_len, json, json_len, pool, pool_len, report_out,
            )
        }
    })
}

/// As `idpool_resolve_credentials`, under the checker's limits.
///
/// # Safety
///
/// `checker` must be a live checker; the other arguments as for
/// `idpool_resolve_credentials`.
///
/// Ownership: the checker and the input are only borrowed during the call;
/// the caller owns the new `*report_out` and must release it with
/// `idpool_report_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_checker_resolve_credentials(
    checker: *const idpool_checker,
    json: *const u8,
    json_len: usize,
    report_out: *mut *mut idpool_report,
) -> idpool_result {
    ffi_result!({
        non_null!(checker);
        // SAFETY: the caller passes a live checker (non-NULL, checked above).
        let checker = unsafe { boundary::handle(checker) }?.checker();
        // SAFETY: the caller's guarantees, passed on.
        unsafe { resolve_credentials(checker, json, json_len, report_out) }
    })
}

/// As `idpool_audit_trust`, under the checker's limits.
///
/// # Safety
///
/// `checker` must be a live checker; the other arguments as for
/// `idpool_audit_trust`.
///
/// Ownership: the checker and the input are only borrowed during the call;
/// the caller owns the new `*report_out` and must release it with
/// `idpool_report_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_checker_audit_trust(
    checker: *const idpool_checker,
    json: *const u8,
    json_len: usize,
    report_out: *mut *mut idpool_report,
) -> idpool_result {
    ffi_result!({
        non_null!(checker);
        // SAFETY: the caller passes a live checker (non-NULL, checked above).
        let checker = unsafe { boundary::handle(checker) }?.checker();
        // SAFETY: the caller's guarantees, passed on.
        unsafe { audit_trust(checker, json, json_len, report_out) }
    })
}

/// As `idpool_plan_update`, under the checker's limits.
///
/// # Safety
///
/// `checker` must be a live checker; the other arguments as for
/// `idpool_plan_update`.
///
/// Ownership: the checker and the inputs are only borrowed during the call;
/// the caller owns the new `*report_out` and must release it with
/// `idpool_report_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_checker_plan_update(
    checker: *const idpool_checker,
    current: *const u8,
    current_len: usize,
    desired: *const u8,
    desired_len: usize,
    report_out: *mut *mut idpool_report,
) -> idpool_result {
    ffi_result!({
        non_null!(checker);
        // SAFETY: the caller passes a live checker (non-NULL, checked above).
        let checker = unsafe { boundary::handle(checker) }?.checker();
        // SAFETY: the caller's guarantees, passed on.
        unsafe {
            plan_update(
                checker,
                current,
                current_len,
                desired,
                desired_len,
                report_out,
            )
        }
    })
}

/// Release a checker. NULL is a no-op.
///
/// # Safety
///
/// `checker` must be NULL or a checker made by `idpool_checker_new` and not
/// freed yet, and no other thread may be using it. It must not be used
/// afterwards.
///
/// Ownership: takes back ownership of `checker`; never pass a checker to
/// `free()`. Reports made with it stay valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_checker_free(checker: *mut idpool_checker) {
    crate::boundary::ffi_value!({
        // SAFETY: the caller passes NULL or a checker from `boundary::give`,
        // freed only here and only once.
        unsafe { boundary::take(checker) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tests::{read, read_issue};
    use crate::report::{
        idpool_report_error_code, idpool_report_free, idpool_report_json, idpool_report_ok,
    };
    use std::ptr;

    const POOL_ID: &str = "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

    /// Run `idpool_check`; the report's JSON or the failure code.
    fn check_c(target: &[u8], json: &[u8]) -> Result<(idpool_result, String), idpool_result> {
        let mut report: *mut idpool_report = ptr::null_mut();
        // SAFETY: the buffers are live slices and `report` a local.
        let code = unsafe {
            idpool_check(
                target.as_ptr(),
                target.len(),
                json.as_ptr(),
                json.len(),
                &mut report,
            )
        };
        finish(code, report)
    }

    /// The report's JSON (then freed), or the code when nothing was written.
    fn finish(
        code: idpool_result,
        report: *mut idpool_report,
    ) -> Result<(idpool_result, String), idpool_result> {
        if !matches!(code, idpool_result::Ok | idpool_result::Invalid) {
            assert!(report.is_null(), "report written on {code:?}");
            return Err(code);
        }
        let json = read(idpool_report_json, report).unwrap();
        // SAFETY: `report` is live; it is freed once.
        unsafe {
            assert_eq!(idpool_report_ok(report), code == idpool_result::Ok);
            idpool_report_free(report);
        }
        Ok((code, json))
    }

    #[test]
    fn check_writes_the_cores_report_and_maps_ok_to_the_code() {
        let valid = format!(r#"{{"IdentityPoolId":"{POOL_ID}"}}"#);
        let (code, json) = check_c(b"DescribeIdentityPool", valid.as_bytes()).unwrap();
        assert_eq!(code, idpool_result::Ok);
        assert_eq!(
            json,
            idpool::check("DescribeIdentityPool", &valid)
                .unwrap()
                .to_json()
        );
        let (code, json) = check_c(b"DescribeIdentityPool", b"{}").unwrap();
        assert_eq!(code, idpool_result::Invalid);
        assert!(json.contains("\"code\":\"required\""), "{json}");
    }

    #[test]
    fn misuse_gives_codes_and_writes_nothing() {
        assert_eq!(
            check_c(b"NoSuchTarget", b"{}"),
            Err(idpool_result::UnknownTarget)
        );
        assert_eq!(
            check_c(b"Describe\0IdentityPool", b"{}"),
            Err(idpool_result::UnknownTarget)
        );
        assert_eq!(
            check_c(b"Describe\xffIdentityPool", b"{}"),
            Err(idpool_result::InvalidUtf8)
        );
        assert_eq!(
            check_c(b"DescribeIdentityPool", b"{\"a\":\"\xc3\"}"),
            Err(idpool_result::InvalidUtf8)
        );
        let mut report: *mut idpool_report = ptr::null_mut();
        // SAFETY: NULL pointers are refused before anything is read or
        // written; the other pointers are live.
        unsafe {
            assert_eq!(
                idpool_check(ptr::null(), 0, b"{}".as_ptr(), 2, &mut report),
                idpool_result::NullParameter
            );
            assert_eq!(
                idpool_check(b"T".as_ptr(), 1, ptr::null(), 0, &mut report),
                idpool_result::NullParameter
            );
            assert_eq!(
                idpool_check(b"T".as_ptr(), 1, b"{}".as_ptr(), 2, ptr::null_mut()),
                idpool_result::NullParameter
            );
            // NULL wins over invalid UTF-8.
            assert_eq!(
                idpool_check(b"\xff".as_ptr(), 1, ptr::null(), 0, &mut report),
                idpool_result::NullParameter
            );
            assert_eq!(
                idpool_resolve_credentials(ptr::null(), 0, &mut report),
                idpool_result::NullParameter
            );
            assert_eq!(
                idpool_check_with_pool(
                    b"T".as_ptr(),
                    1,
                    b"{}".as_ptr(),
                    2,
                    ptr::null(),
                    0,
                    &mut report
                ),
                idpool_result::NullParameter
            );
        }
        assert!(report.is_null());
    }

    #[test]
    fn syntax_problems_and_embedded_nuls_are_reports() {
        let (code, json) =
            check_c(b"DescribeIdentityPool", b"{\"IdentityPoolId\":\"a\0b\"}").unwrap();
        assert_eq!(code, idpool_result::Invalid);
        assert!(json.contains("\"code\":\"syntax\""), "{json}");
        let deep = format!("{}{}", "[".repeat(65), "]".repeat(65));
        let (code, json) = check_c(b"DescribeIdentityPool", deep.as_bytes()).unwrap();
        assert_eq!(code, idpool_result::Invalid);
        assert!(json.contains("\"limit\":64"), "{json}");
    }

    #[test]
    fn a_checker_applies_its_limits() {
        let mut checker: *mut idpool_checker = ptr::null_mut();
        let mut report: *mut idpool_report = ptr::null_mut();
        let json = format!(r#"{{"IdentityPoolId":"{POOL_ID}"}}"#);
        // SAFETY: `checker` and `report` are locals; the checker is live
        // until freed at the end and used by this thread only.
        unsafe {
            assert_eq!(idpool_checker_new(&mut checker), idpool_result::Ok);
            assert_eq!(
                idpool_checker_set_max_input_bytes(checker, 10),
                idpool_result::Ok
            );
            assert_eq!(idpool_checker_set_max_depth(checker, 1), idpool_result::Ok);
            assert_eq!(idpool_checker_set_max_issues(checker, 1), idpool_result::Ok);
            let code = idpool_checker_check(
                checker,
                b"DescribeIdentityPool".as_ptr(),
                20,
                json.as_ptr(),
                json.len(),
                &mut report,
            );
            assert_eq!(code, idpool_result::Invalid);
            assert_eq!(
                read_issue(idpool_report_error_code, report, 0).unwrap(),
                "syntax"
            );
            assert!(
                read(idpool_report_json, report)
                    .unwrap()
                    .contains("\"limit\":10")
            );
            idpool_report_free(report);
            idpool_checker_free(checker);
            idpool_checker_free(ptr::null_mut());
            assert_eq!(
                idpool_checker_set_max_depth(ptr::null_mut(), 1),
                idpool_result::NullParameter
            );
            assert_eq!(
                idpool_checker_new(ptr::null_mut()),
                idpool_result::NullParameter
            );
        }
    }

    #[test]
    fn a_checker_gives_the_same_report_as_the_core_with_its_limits() {
        let limits = Limits {
            max_issues: 1,
            ..Limits::default()
        };
        let json = r#"{"IdentityPoolName":"a#b","AllowUnauthenticatedIdentities":"x","Foo":1}"#;
        let expected = Checker::with_limits(limits)
            .unwrap()
            .check("CreateIdentityPool", json)
            .unwrap()
            .to_json();
        let mut checker: *mut idpool_checker = ptr::null_mut();
        let mut report: *mut idpool_report = ptr::null_mut();
        // SAFETY: locals and live slices; the checker and report are freed once.
        unsafe {
            idpool_checker_new(&mut checker);
            idpool_checker_set_max_issues(checker, 1);
            let code = idpool_checker_check(
                checker,
                b"CreateIdentityPool".as_ptr(),
                18,
                json.as_ptr(),
                json.len(),
                &mut report,
            );
            idpool_checker_free(checker);
            assert_eq!(finish(code, report), Ok((idpool_result::Invalid, expected)));
        }
    }

    #[test]
    fn pool_checks_and_resolution_go_through() {
        let pool = format!(
            r#"{{"IdentityPoolId":"{POOL_ID}","IdentityPoolName":"p","AllowUnauthenticatedIdentities":true,"SupportedLoginProviders":{{"graph.facebook.com":"123"}}}}"#
        );
        let roles = format!(
            r#"{{"IdentityPoolId":"{POOL_ID}","Roles":{{"authenticated":"arn:aws:iam::123456789012:role/Auth"}},"RoleMappings":{{"accounts.google.com":{{"Type":"Token","AmbiguousRoleResolution":"Deny"}}}}}}"#
        );
        let mut report: *mut idpool_report = ptr::null_mut();
        // SAFETY: live slices and a local out-parameter.
        let code = unsafe {
            idpool_check_with_pool(
                b"SetIdentityPoolRoles".as_ptr(),
                20,
                roles.as_ptr(),
                roles.len(),
                pool.as_ptr(),
                pool.len(),
                &mut report,
            )
        };
        let expected = Checker::new()
            .check_with_pool("SetIdentityPoolRoles", &roles, &pool)
            .unwrap()
            .to_json();
        assert_eq!(finish(code, report), Ok((idpool_result::Invalid, expected)));

        let context = format!(
            r#"{{"Pool":{pool},"Roles":{{"unauthenticated":"arn:aws:iam::123456789012:role/Guest"}},"Request":{{"IdentityId":"us-east-1:5a7d74f5-93d8-4586-b59c-8f2a25d9f696"}}}}"#
        );
        let mut report: *mut idpool_report = ptr::null_mut();
        // SAFETY: a live slice and a local out-parameter.
        let code =
            unsafe { idpool_resolve_credentials(context.as_ptr(), context.len(), &mut report) };
        let expected = idpool::resolve_credentials(&context).to_json();
        assert_eq!(finish(code, report), Ok((idpool_result::Ok, expected)));
    }

    #[test]
    fn plans_go_through_with_their_plan() {
        let current = format!(
            r#"{{"IdentityPoolId":"{POOL_ID}","IdentityPoolName":"p","AllowUnauthenticatedIdentities":false,"DeveloperProviderName":"login.example.com"}}"#
        );
        let desired = format!(
            r#"{{"IdentityPoolId":"{POOL_ID}","IdentityPoolName":"q","AllowUnauthenticatedIdentities":false}}"#
        );
        let mut report: *mut idpool_report = ptr::null_mut();
        // SAFETY: live slices and a local out-parameter.
        let code = unsafe {
            idpool_plan_update(
                current.as_ptr(),
                current.len(),
                desired.as_ptr(),
                desired.len(),
                &mut report,
            )
        };
        let expected = idpool::plan_update(&current, &desired);
        assert!(expected.plan.is_some());
        let plan = read(crate::report::idpool_report_plan_json, report).unwrap();
        assert!(expected.to_json().contains(&format!("\"plan\":{plan}")));
        assert_eq!(
            finish(code, report),
            Ok((idpool_result::Ok, expected.to_json()))
        );
        let mut checker: *mut idpool_checker = ptr::null_mut();
        // SAFETY: locals and live slices; NULLs are refused before any
        // access; the checker is freed once.
        unsafe {
            assert_eq!(
                idpool_plan_update(ptr::null(), 0, desired.as_ptr(), 0, &mut report),
                idpool_result::NullParameter
            );
            assert_eq!(
                idpool_plan_update(b"\xff".as_ptr(), 1, desired.as_ptr(), 0, &mut report),
                idpool_result::InvalidUtf8
            );
            idpool_checker_new(&mut checker);
            idpool_checker_set_max_input_bytes(checker, 4);
            let code = idpool_checker_plan_update(
                checker,
                current.as_ptr(),
                current.len(),
                desired.as_ptr(),
                desired.len(),
                &mut report,
            );
            idpool_checker_free(checker);
            let expected = Checker::with_limits(Limits {
                max_input_bytes: 4,
                ..Limits::default()
            })
            .unwrap()
            .plan_update(&current, &desired)
            .to_json();
            assert_eq!(finish(code, report), Ok((idpool_result::Invalid, expected)));
        }
    }

    #[test]
    fn trust_audits_go_through_with_their_audit() {
        let context = format!(
            r#"{{"Pool":{{"IdentityPoolId":"{POOL_ID}","IdentityPoolName":"p","AllowUnauthenticatedIdentities":true}},"Roles":{{"unauthenticated":"arn:aws:iam::123456789012:role/Guest"}},"TrustPolicies":{{"arn:aws:iam::123456789012:role/Guest":{{"Statement":{{"Effect":"Allow","Principal":{{"Federated":"cognito-identity.amazonaws.com"}},"Action":"sts:AssumeRole","Condition":{{"StringEquals":{{"cognito-identity.amazonaws.com:aud":"{POOL_ID}"}}}}}}}}}}}}"#
        );
        let expected = idpool::audit_trust(&context);
        let mut report: *mut idpool_report = ptr::null_mut();
        // SAFETY: the buffer is a live slice and `report` a local.
        let code = unsafe { idpool_audit_trust(context.as_ptr(), context.len(), &mut report) };
        assert_eq!(code, idpool_result::Invalid);
        let audit = read(crate::report::idpool_report_audit_json, report).unwrap();
        assert_eq!(
            audit,
            serde_json::to_string(expected.audit.as_ref().unwrap()).unwrap()
        );
        assert!(audit.contains(r#""allowed":[false]"#), "{audit}");
        assert_eq!(
            finish(code, report),
            Ok((idpool_result::Invalid, expected.to_json()))
        );
        // Through a checker whose limits refuse it: a syntax report, no audit.
        let mut checker: *mut idpool_checker = ptr::null_mut();
        let mut report: *mut idpool_report = ptr::null_mut();
        // SAFETY: locals as out-parameters; the checker is freed once.
        unsafe {
            assert_eq!(idpool_checker_new(&mut checker), idpool_result::Ok);
            idpool_checker_set_max_input_bytes(checker, 10);
            let code =
                idpool_checker_audit_trust(checker, context.as_ptr(), context.len(), &mut report);
            assert_eq!(code, idpool_result::Invalid);
            assert_eq!(
                read(crate::report::idpool_report_audit_json, report),
                Err(idpool_result::Absent)
            );
            assert_eq!(
                read_issue(idpool_report_error_code, report, 0).unwrap(),
                "syntax"
            );
            idpool_report_free(report);
            idpool_checker_free(checker);
        }
    }
}

//! `idpool_report`: an opaque, immutable Report and its accessors.

use crate::boundary::{self, CText, ffi_result, ffi_value, non_null};
use crate::result::idpool_result;
use idpool::{AuditEntry, Issue, Report};
use std::ffi::c_char;

/// The code, path and message of one issue, NUL-terminated.
#[derive(Debug)]
struct IssueText {
    code: CText,
    path: CText,
    message: CText,
}

impl IssueText {
    fn new(issue: &Issue) -> IssueText {
        IssueText {
            code: CText::new(issue.code.as_str()),
            path: CText::new(&issue.path),
            message: CText::new(&issue.message),
        }
    }
}

/// A Report (docs/REFERENCE.md section 3): the result of a check, a plan or a
/// credentials resolution. Opaque; read it with the `idpool_report_*`
/// accessors and release it with `idpool_report_free`.
///
/// A report never changes after it is made, so one report may be read from
/// several threads at once. Every text it hands out is NUL-terminated and
/// stays valid, at the same address, until `idpool_report_free`.
///
/// Ownership: made by the library and owned by the caller, who releases it
/// with `idpool_report_free` (never `free()`).
#[allow(non_camel_case_types)]
#[derive(Debug)]
pub struct idpool_report {
    ok: bool,
    json: CText,
    normalized: Option<CText>,
    decision: Option<CText>,
    decision_role_arn: Option<CText>,
    plan: Option<CText>,
    audit: Option<CText>,
    errors: Vec<IssueText>,
    warnings: Vec<IssueText>,
}

impl idpool_report {
    /// Every text C may ask for, rendered once.
    pub(crate) fn new(report: &Report) -> idpool_report {
        idpool_report {
            ok: report.ok,
            json: CText::from(report.to_json()),
            normalized: report.normalized.as_ref().map(|n| CText::new(n.as_str())),
            decision: report.decision.as_ref().map(|d| CText::from(d.to_json())),
            decision_role_arn: report.decision.as_ref().map(|d| CText::new(&d.role_arn)),
            plan: report.plan.as_ref().map(|p| CText::from(p.to_json())),
            audit: report
                .audit
                .as_ref()
                .map(|a| CText::from(AuditEntry::list_to_json(a))),
            errors: report.errors.iter().map(IssueText::new).collect(),
            warnings: report.warnings.iter().map(IssueText::new).collect(),
        }
    }

    /// `IDPOOL_RESULT_OK` or `IDPOOL_RESULT_INVALID`, as a call that made
    /// this report returns.
    pub(crate) fn status(&self) -> idpool_result {
        if self.ok {
            idpool_result::Ok
        } else {
            idpool_result::Invalid
        }
    }
}

/// Which issue list an accessor reads.
#[derive(Clone, Copy)]
enum List {
    Errors,
    Warnings,
}

/// Which text of an issue an accessor reads.
#[derive(Clone, Copy)]
enum Field {
    Code,
    Path,
    Message,
}

/// The body shared by the six issue accessors.
///
/// # Safety
///
/// As documented on the accessors.
unsafe fn issue_text(
    report: *const idpool_report,
    list: List,
    field: Field,
    index: usize,
    text_out: *mut *const c_char,
    len_out: *mut usize,
) -> idpool_result {
    ffi_result!({
        non_null!(report, text_out, len_out);
        // SAFETY: the caller passes a live report (non-NULL, checked above).
        let report = unsafe { boundary::handle(report) }?;
        let issues = match list {
            List::Errors => &report.errors,
            List::Warnings => &report.warnings,
        };
        let issue = issues.get(index).ok_or(idpool_result::IndexOutOfRange)?;
        let text = match field {
            Field::Code => &issue.code,
            Field::Path => &issue.path,
            Field::Message => &issue.message,
        };
        // SAFETY: both out-parameters were checked non-NULL; the caller
        // guarantees they are writable.
        unsafe { text.give(text_out, len_out) };
        Ok(idpool_result::Ok)
    })
}

/// The body shared by the accessors of optional members.
///
/// # Safety
///
/// As documented on the accessors.
unsafe fn member_text(
    report: *const idpool_report,
    member: fn(&idpool_report) -> Option<&CText>,
    text_out: *mut *const c_char,
    len_out: *mut usize,
) -> idpool_result {
    ffi_result!({
        non_null!(report, text_out, len_out);
        // SAFETY: the caller passes a live report (non-NULL, checked above).
        let report = unsafe { boundary::handle(report) }?;
        let text = member(report).ok_or(idpool_result::Absent)?;
        // SAFETY: both out-parameters were checked non-NULL; the caller
        // guarantees they are writable.
        unsafe { text.give(text_out, len_out) };
        Ok(idpool_result::Ok)
    })
}

/// True iff the report has no errors (warnings never make it false).
/// NULL gives false.
///
/// # Safety
///
/// `report` must be NULL or a live report.
///
/// Ownership: `report` is only borrowed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_report_ok(report: *const idpool_report) -> bool {
    ffi_value!({
        // SAFETY: the caller passes NULL or a live report.
        unsafe { boundary::handle(report) }.is_ok_and(|r| r.ok)
    })
}

/// The number of errors in the report (at most the checker's `max_issues`,
/// 100 by default). NULL gives 0.
///
/// # Safety
///
/// `report` must be NULL or a live report.
///
/// Ownership: `report` is only borrowed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_report_error_count(report: *const idpool_report) -> usize {
    ffi_value!({
        // SAFETY: the caller passes NULL or a live report.
        unsafe { boundary::handle(report) }.map_or(0, |r| r.errors.len())
    })
}

/// The number of warnings in the report. NULL gives 0.
///
/// # Safety
///
/// `report` must be NULL or a live report.
///
/// Ownership: `report` is only borrowed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_report_warning_count(report: *const idpool_report) -> usize {
    ffi_value!({
        // SAFETY: the caller passes NULL or a live report.
        unsafe { boundary::handle(report) }.map_or(0, |r| r.warnings.len())
    })
}

/// The stable code of error `index` (`"pattern"`, `"not_configured"`, ...).
///
/// Writes the NUL-terminated text to `*code_out` and its length in bytes
/// (without the NUL) to `*len_out`. `IDPOOL_RESULT_INDEX_OUT_OF_RANGE` when
/// `index` is not below `idpool_report_error_count`.
///
/// # Safety
///
/// `report` must be a live report; `code_out` and `len_out` must be
/// writable.
///
/// Ownership: the text belongs to the report and is valid until
/// `idpool_report_free(report)`; the caller must not free or modify it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_report_error_code(
    report: *const idpool_report,
    index: usize,
    code_out: *mut *const c_char,
    len_out: *mut usize,
) -> idpool_result {
    // SAFETY: the caller's guarantees, passed on.
    unsafe { issue_text(report, List::Errors, Field::Code, index, code_out, len_out) }
}

/// The RFC 6901 JSON Pointer of error `index` (`""` is the whole input).
///
/// Writes the NUL-terminated text to `*path_out` and its length in bytes
/// (without the NUL; a path may itself contain NUL characters) to
/// `*len_out`. `IDPOOL_RESULT_INDEX_OUT_OF_RANGE` when `index` is not below
/// `idpool_report_error_count`.
///
/// # Safety
///
/// `report` must be a live report; `path_out` and `len_out` must be
/// writable.
///
/// Ownership: the text belongs to the report and is valid until
/// `idpool_report_free(report)`; the caller must not free or modify it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_report_error_path(
    report: *const idpool_report,
    index: usize,
    path_out: *mut *const c_char,
    len_out: *mut usize,
) -> idpool_result {
    // SAFETY: the caller's guarantees, passed on.
    unsafe { issue_text(report, List::Errors, Field::Path, index, path_out, len_out) }
}

/// The English message of error `index` (one sentence for a person; never
/// contains a sensitive value).
///
/// Writes the NUL-terminated text to `*message_out` and its length in bytes
/// (without the NUL; a message may echo NUL characters of the input) to
/// `*len_out`. `IDPOOL_RESULT_INDEX_OUT_OF_RANGE` when `index` is not below
/// `idpool_report_error_count`.
///
/// # Safety
///
/// `report` must be a live report; `message_out` and `len_out` must be
/// writable.
///
/// Ownership: the text belongs to the report and is valid until
/// `idpool_report_free(report)`; the caller must not free or modify it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_report_error_message(
    report: *const idpool_report,
    index: usize,
    message_out: *mut *const c_char,
    len_out: *mut usize,
) -> idpool_result {
    // SAFETY: the caller's guarantees, passed on.
    unsafe {
        issue_text(
            report,
            List::Errors,
            Field::Message,
            index,
            message_out,
            len_out,
        )
    }
}

/// The stable code of warning `index` (`"unknown_region"`, ...).
///
/// As `idpool_report_error_code`, for warnings:
/// `IDPOOL_RESULT_INDEX_OUT_OF_RANGE` when `index` is not below
/// `idpool_report_warning_count`.
///
/// # Safety
///
/// `report` must be a live report; `code_out` and `len_out` must be
/// writable.
///
/// Ownership: the text belongs to the report and is valid until
/// `idpool_report_free(report)`; the caller must not free or modify it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_report_warning_code(
    report: *const idpool_report,
    index: usize,
    code_out: *mut *const c_char,
    len_out: *mut usize,
) -> idpool_result {
    // SAFETY: the caller's guarantees, passed on.
    unsafe {
        issue_text(
            report,
            List::Warnings,
            Field::Code,
            index,
            code_out,
            len_out,
        )
    }
}

/// The JSON Pointer of warning `index`.
///
/// As `idpool_report_error_path`, for warnings.
///
/// # Safety
///
/// `report` must be a live report; `path_out` and `len_out` must be
/// writable.
///
/// Ownership: the text belongs to the report and is valid until
/// `idpool_report_free(report)`; the caller must not free or modify it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_report_warning_path(
    report: *const idpool_report,
    index: usize,
    path_out: *mut *const c_char,
    len_out: *mut usize,
) -> idpool_result {
    // SAFETY: the caller's guarantees, passed on.
    unsafe {
        issue_text(
            report,
            List::Warnings,
            Field::Path,
            index,
            path_out,
            len_out,
        )
    }
}

/// The English message of warning `index`.
///
/// As `idpool_report_error_message`, for warnings.
///
/// # Safety
///
/// `report` must be a live report; `message_out` and `len_out` must be
/// writable.
///
/// Ownership: the text belongs to the report and is valid until
/// `idpool_report_free(report)`; the caller must not free or modify it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_report_warning_message(
    report: *const idpool_report,
    index: usize,
    message_out: *mut *const c_char,
    len_out: *mut usize,
) -> idpool_result {
    // SAFETY: the caller's guarantees, passed on.
    unsafe {
        issue_text(
            report,
            List::Warnings,
            Field::Message,
            index,
            message_out,
            len_out,
        )
    }
}

/// The whole Report as compact JSON (docs/REFERENCE.md section 3): the same bytes the
/// Rust crate's `Report::to_json` and the other bindings give.
///
/// Writes the NUL-terminated text to `*json_out` and its length in bytes
/// (without the NUL) to `*len_out`.
///
/// # Safety
///
/// `report` must be a live report; `json_out` and `len_out` must be
/// writable.
///
/// Ownership: the text belongs to the report and is valid until
/// `idpool_report_free(report)`; the caller must not free or modify it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_report_json(
    report: *const idpool_report,
    json_out: *mut *const c_char,
    len_out: *mut usize,
) -> idpool_result {
    // SAFETY: the caller's guarantees, passed on.
    unsafe { member_text(report, |r| Some(&r.json), json_out, len_out) }
}

/// The canonical form of the input (the report's `normalized` member) as
/// compact JSON, byte for byte as it appears in `idpool_report_json`.
///
/// `IDPOOL_RESULT_ABSENT` when the report has none (the input was not
/// well-formed JSON of the right top-level type).
///
/// # Safety
///
/// `report` must be a live report; `json_out` and `len_out` must be
/// writable.
///
/// Ownership: the text belongs to the report and is valid until
/// `idpool_report_free(report)`; the caller must not free or modify it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_report_normalized_json(
    report: *const idpool_report,
    json_out: *mut *const c_char,
    len_out: *mut usize,
) -> idpool_result {
    // SAFETY: the caller's guarantees, passed on.
    unsafe { member_text(report, |r| r.normalized.as_ref(), json_out, len_out) }
}

/// The credentials decision (the report's `decision` member) as compact
/// JSON: `{"identityType":…,"provider":…,"roleArn":…,"source":…}`, byte
/// for byte as it appears in `idpool_report_json`.
///
/// `IDPOOL_RESULT_ABSENT` unless the report comes from a credentials
/// resolution that succeeded.
///
/// # Safety
///
/// `report` must be a live report; `json_out` and `len_out` must be
/// writable.
///
/// Ownership: the text belongs to the report and is valid until
/// `idpool_report_free(report)`; the caller must not free or modify it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_report_decision_json(
    report: *const idpool_report,
    json_out: *mut *const c_char,
    len_out: *mut usize,
) -> idpool_result {
    // SAFETY: the caller's guarantees, passed on.
    unsafe { member_text(report, |r| r.decision.as_ref(), json_out, len_out) }
}

/// The IAM role ARN the credentials decision chose (`decision.roleArn`),
/// e.g. the `CustomRoleArn` to send.
///
/// `IDPOOL_RESULT_ABSENT` unless the report comes from a credentials
/// resolution that succeeded.
///
/// # Safety
///
/// `report` must be a live report; `arn_out` and `len_out` must be
/// writable.
///
/// Ownership: the text belongs to the report and is valid until
/// `idpool_report_free(report)`; the caller must not free or modify it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_report_decision_role_arn(
    report: *const idpool_report,
    arn_out: *mut *const c_char,
    len_out: *mut usize,
) -> idpool_result {
    // SAFETY: the caller's guarantees, passed on.
    unsafe { member_text(report, |r| r.decision_role_arn.as_ref(), arn_out, len_out) }
}

/// The update plan (the report's `plan` member) as compact JSON:
/// `{"changes":[…],"effective":{…}}`, byte for byte as it appears in
/// `idpool_report_json`.
///
/// `IDPOOL_RESULT_ABSENT` unless the report comes from update planning.
///
/// # Safety
///
/// `report` must be a live report; `json_out` and `len_out` must be
/// writable.
///
/// Ownership: the text belongs to the report and is valid until
/// `idpool_report_free(report)`; the caller must not free or modify it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_report_plan_json(
    report: *const idpool_report,
    json_out: *mut *const c_char,
    len_out: *mut usize,
) -> idpool_result {
    // SAFETY: the caller's guarantees, passed on.
    unsafe { member_text(report, |r| r.plan.as_ref(), json_out, len_out) }
}

/// The trust audit (the report's `audit` member) as compact JSON: an
/// array of `{"roleArn", "reachedBy": [{"identityType", "provider"?}],
/// "allowed"?: [bool, …]}`, byte for byte as it appears in
/// `idpool_report_json`.
///
/// `IDPOOL_RESULT_ABSENT` unless the report comes from a trust audit whose
/// context could be read.
///
/// # Safety
///
/// `report` must be a live report; `json_out` and `len_out` must be
/// writable.
///
/// Ownership: the text belongs to the report and is valid until
/// `idpool_report_free(report)`; the caller must not free or modify it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_report_audit_json(
    report: *const idpool_report,
    json_out: *mut *const c_char,
    len_out: *mut usize,
) -> idpool_result {
    // SAFETY: the caller's guarantees, passed on.
    unsafe { member_text(report, |r| r.audit.as_ref(), json_out, len_out) }
}

/// Release a report and every text it handed out. NULL is a no-op.
///
/// # Safety
///
/// `report` must be NULL or a report made by this library and not freed
/// yet. It must not be used afterwards.
///
/// Ownership: takes back ownership of `report`; never pass a report to
/// `free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_report_free(report: *mut idpool_report) {
    ffi_value!({
        // SAFETY: the caller passes NULL or a report from `boundary::give`,
        // freed only here and only once.
        unsafe { boundary::take(report) }
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::ptr;

    /// A report's text accessor as a Rust string.
    pub(crate) fn read(
        accessor: unsafe extern "C" fn(
            *const idpool_report,
            *mut *const c_char,
            *mut usize,
        ) -> idpool_result,
        report: *const idpool_report,
    ) -> Result<String, idpool_result> {
        let mut text: *const c_char = ptr::null();
        let mut len = 0usize;
        // SAFETY: the out-parameters are locals; `report` is live or NULL.
        let code = unsafe { accessor(report, &mut text, &mut len) };
        if code != idpool_result::Ok {
            assert!(text.is_null(), "an out-parameter was written on failure");
            return Err(code);
        }
        // SAFETY: on success `text` points to `len` bytes and a NUL, owned
        // by the report.
        let bytes = unsafe { std::slice::from_raw_parts(text.cast::<u8>(), len + 1) };
        assert_eq!(bytes[len], 0, "text is NUL-terminated");
        Ok(String::from_utf8(bytes[..len].to_vec()).unwrap())
    }

    /// An issue accessor as a Rust string.
    pub(crate) fn read_issue(
        accessor: unsafe extern "C" fn(
            *const idpool_report,
            usize,
            *mut *const c_char,
            *mut usize,
        ) -> idpool_result,
        report: *const idpool_report,
        index: usize,
    ) -> Result<String, idpool_result> {
        let mut text: *const c_char = ptr::null();
        let mut len = usize::MAX;
        // SAFETY: the out-parameters are locals; `report` is live or NULL.
        let code = unsafe { accessor(report, index, &mut text, &mut len) };
        if code != idpool_result::Ok {
            assert!(text.is_null(), "an out-parameter was written on failure");
            assert_eq!(len, usize::MAX, "an out-parameter was written on failure");
            return Err(code);
        }
        // SAFETY: on success `text` points to `len` bytes and a NUL.
        let bytes = unsafe { std::slice::from_raw_parts(text.cast::<u8>(), len + 1) };
        assert_eq!(bytes[len], 0, "text is NUL-terminated");
        Ok(String::from_utf8(bytes[..len].to_vec()).unwrap())
    }

    fn made(report: Report) -> *mut idpool_report {
        let mut handle: *mut idpool_report = ptr::null_mut();
        // SAFETY: `handle` is a local.
        unsafe { boundary::give(&mut handle, idpool_report::new(&report)) };
        handle
    }

    #[test]
    fn accessors_read_every_part_of_a_report() {
        let report = idpool::check(
            "DescribeIdentityPool",
            r#"{"IdentityPoolId":"us-east-1_AbCdEfGhI"}"#,
        )
        .unwrap();
        let expected_json = report.to_json();
        let handle = made(report);
        // SAFETY: `handle` is live until freed at the end.
        unsafe {
            assert!(!idpool_report_ok(handle));
            assert_eq!(idpool_report_error_count(handle), 1);
            assert_eq!(idpool_report_warning_count(handle), 0);
        }
        assert_eq!(read(idpool_report_json, handle).unwrap(), expected_json);
        assert_eq!(
            read_issue(idpool_report_error_code, handle, 0).unwrap(),
            "pattern"
        );
        assert_eq!(
            read_issue(idpool_report_error_path, handle, 0).unwrap(),
            "/IdentityPoolId"
        );
        assert!(
            read_issue(idpool_report_error_message, handle, 0)
                .unwrap()
                .starts_with("IdentityPoolId must match")
        );
        for accessor in [
            idpool_report_error_code,
            idpool_report_error_path,
            idpool_report_error_message,
        ] {
            assert_eq!(
                read_issue(accessor, handle, 1),
                Err(idpool_result::IndexOutOfRange)
            );
        }
        for accessor in [
            idpool_report_warning_code,
            idpool_report_warning_path,
            idpool_report_warning_message,
        ] {
            assert_eq!(
                read_issue(accessor, handle, 0),
                Err(idpool_result::IndexOutOfRange)
            );
        }
        for accessor in [
            idpool_report_decision_json,
            idpool_report_decision_role_arn,
            idpool_report_plan_json,
        ] {
            assert_eq!(read(accessor, handle), Err(idpool_result::Absent));
        }
        // SAFETY: `handle` came from `give` and is freed once.
        unsafe { idpool_report_free(handle) };
    }

    #[test]
    fn null_reports_give_defaults_and_codes() {
        let null: *const idpool_report = ptr::null();
        // SAFETY: NULL is accepted by every accessor.
        unsafe {
            assert!(!idpool_report_ok(null));
            assert_eq!(idpool_report_error_count(null), 0);
            assert_eq!(idpool_report_warning_count(null), 0);
            idpool_report_free(ptr::null_mut());
        }
        assert_eq!(
            read(idpool_report_json, null),
            Err(idpool_result::NullParameter)
        );
        assert_eq!(
            read_issue(idpool_report_error_code, null, 0),
            Err(idpool_result::NullParameter)
        );
        let handle = made(Report::new("T", Vec::new(), Vec::new()));
        let mut len = 0usize;
        // SAFETY: `handle` is live; NULL out-parameters are refused before
        // any write.
        unsafe {
            assert_eq!(
                idpool_report_json(handle, ptr::null_mut(), &mut len),
                idpool_result::NullParameter
            );
            assert_eq!(
                idpool_report_error_path(handle, 0, ptr::null_mut(), ptr::null_mut()),
                idpool_result::NullParameter
            );
            assert!(idpool_report_ok(handle));
            idpool_report_free(handle);
        }
    }

    #[test]
    fn part_texts_equal_the_members_of_the_whole_json() {
        let context = r#"{
          "Pool": {"IdentityPoolId": "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
                   "IdentityPoolName": "Photos", "AllowUnauthenticatedIdentities": true},
          "Roles": {"unauthenticated": "arn:aws:iam::123456789012:role/Guest"},
          "Request": {"IdentityId": "us-east-1:5a7d74f5-93d8-4586-b59c-8f2a25d9f696"}
        }"#;
        let handle = made(idpool::resolve_credentials(context));
        let whole = read(idpool_report_json, handle).unwrap();
        let decision = read(idpool_report_decision_json, handle).unwrap();
        assert!(
            whole.contains(&format!("\"decision\":{decision}")),
            "{whole}"
        );
        assert_eq!(
            read(idpool_report_decision_role_arn, handle).unwrap(),
            "arn:aws:iam::123456789012:role/Guest"
        );
        // SAFETY: `handle` came from `give` and is freed once.
        unsafe { idpool_report_free(handle) };
    }
}

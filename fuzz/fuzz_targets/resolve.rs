//! `resolve_credentials` on arbitrary contexts, under the default or the
//! largest accepted limits: never panics; a decision exactly when ok, a
//! decided role is one the context mentions, and login tokens planted in
//! the request never come back.
#![no_main]

#[path = "secrets.rs"]
mod secrets;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, data)) = data.split_first() else { return };
    let checker = secrets::checker(selector);
    let report = checker.resolve_credentials_bytes(data);
    assert_eq!(report.ok, report.decision.is_some());
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Some(decision) = &report.decision {
        // A decided role is in the configuration (plain text in the input,
        // when it has no JSON escapes) or in a login's token.
        if !text.contains('\\') && !text.contains(&decision.role_arn) {
            assert!(text.contains("Logins"), "a role from nowhere: {}", decision.role_arn);
        }
    }

    // The same context with secrets planted in the request.
    if let Some(planted) = secrets::planted_context(&checker, text) {
        secrets::assert_concealed(&checker.resolve_credentials(&planted));
    }
});

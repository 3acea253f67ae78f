//! `resolve_credentials` on arbitrary contexts: never panics; a decision
//! exactly when ok, and a decided role is one the context mentions.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let report = idpool::Checker::new().resolve_credentials_bytes(data);
    assert_eq!(report.ok, report.decision.is_some());
    if let (Some(decision), Ok(text)) = (&report.decision, std::str::from_utf8(data)) {
        // A decided role is in the configuration (plain text in the input,
        // when it has no JSON escapes) or in a login's token.
        if !text.contains('\\') && !text.contains(&decision.role_arn) {
            assert!(text.contains("Logins"), "a role from nowhere: {}", decision.role_arn);
        }
    }
});

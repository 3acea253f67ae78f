//! Role trust on arbitrary input. The first byte selects the entry point:
//! 0 `audit_trust`, 1 `resolve_credentials` (a context that may carry
//! TrustPolicies), anything else a trust policy alone (JSON, its text, or
//! URL-encoded text) evaluated against a fixed token. Never panics; `ok`
//! iff no errors; an audit of a readable context always has its `audit`;
//! a policy's verdict does not depend on the order of its statements.
#![no_main]

#[path = "secrets.rs"]
mod secrets;

use idpool::Checker;
use idpool::trust::{Audience, Request, Token, Verdict, evaluate, read_policy};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let checker = Checker::new();
    match selector {
        0 => {
            let report = checker.audit_trust_bytes(rest);
            assert_eq!(report.ok, report.errors.is_empty());
            if let Some(audit) = &report.audit {
                for entry in audit {
                    if let Some(allowed) = &entry.allowed {
                        assert_eq!(allowed.len(), entry.reached_by.len());
                    }
                }
            }
        }
        1 => {
            let report = checker.resolve_credentials_bytes(rest);
            assert_eq!(report.ok, report.decision.is_some());
            if let Some(trust) = report.decision.as_ref().and_then(|d| d.trust.as_ref()) {
                assert!(trust.allowed);
            }
            // Login tokens planted in the request never come back, trust
            // findings included.
            if let Some(planted) = std::str::from_utf8(rest)
                .ok()
                .and_then(|text| secrets::planted_context(&checker, text))
            {
                secrets::assert_concealed(&checker.resolve_credentials(&planted));
            }
        }
        _ => {
            let Ok(text) = std::str::from_utf8(rest) else {
                return;
            };
            let Ok(value) = checker.parse(text) else {
                return;
            };
            let (Some(mut policy), _) = read_policy(&checker, &value) else {
                return;
            };
            let token = Token {
                aud: "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0".into(),
                sub: Some("us-east-1:5a7d74f5-93d8-4586-b59c-8f2a25d9f696".into()),
                amr: vec!["authenticated".into(), "graph.facebook.com".into()],
            };
            let audience = Audience::for_region(if selector % 2 == 0 { "us-east-1" } else { "us-gov-west-1" });
            let request = Request {
                token: &token,
                audience: &audience,
                principal_tags: selector % 3 == 0,
                cross_account_basic: selector % 5 == 0,
            };
            let reason = |v: &Verdict| match v {
                Verdict::Allowed { .. } => None,
                Verdict::Denied(d) => Some(d.reason),
            };
            let before = evaluate(&policy, &request);
            policy.statements.reverse();
            let after = evaluate(&policy, &request);
            assert_eq!(reason(&before), reason(&after));
        }
    }
});

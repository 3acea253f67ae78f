//! Properties over generated inputs: validation never panics, reports are
//! consistent and round-trip through JSON, and sensitive values never leak.

use idpool::{Report, check, check_bytes, targets};
use proptest::prelude::*;

#[allow(dead_code)]
mod support;
use support::json_text;

fn target() -> impl Strategy<Value = &'static str> {
    let all: Vec<&'static str> = targets().collect();
    prop::sample::select(all)
}

fn assert_consistent(report: &Report) {
    assert_eq!(report.ok, report.errors.is_empty());
    assert_eq!(report.ok, report.service_error.is_none());
    let back: Report = serde_json::from_str(&report.to_json()).expect("report JSON parses back");
    assert_eq!(&back, report);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(if cfg!(miri) { 4 } else { 512 }))]

    #[test]
    fn check_never_panics_and_reports_are_consistent(target in target(), input in json_text()) {
        let report = check(target, &input).unwrap();
        assert_consistent(&report);
        prop_assert_eq!(report.target.as_str(), target);
        // The same input gives the same report.
        prop_assert_eq!(check(target, &input).unwrap(), report);
    }

    #[test]
    fn arbitrary_bytes_never_panic(target in target(), bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let report = check_bytes(target, &bytes).unwrap();
        assert_consistent(&report);
    }

    #[test]
    fn login_tokens_never_appear_in_reports(
        token in "[A-Za-z0-9_.-]{12,60}",
        key in prop_oneof![Just("graph.facebook.com".to_string()), "[a-z#]{0,140}"],
        extra in json_text(),
    ) {
        let input = format!(
            r#"{{"IdentityId":{extra},"Logins":{{{}:{}}},"CustomRoleArn":{extra}}}"#,
            serde_json::to_string(&key).unwrap(),
            serde_json::to_string(&token).unwrap(),
        );
        let report = check("GetCredentialsForIdentity", &input).unwrap();
        let json = report.to_json();
        let debug = format!("{report:?}");
        prop_assert!(!json.contains(&token), "token leaked: {}", json);
        prop_assert!(!debug.contains(&token));
    }

    #[test]
    fn secret_keys_and_session_tokens_never_appear_in_reports(
        secret in "[A-Za-z0-9/+]{16,60}",
        wrap in 0usize..4,
    ) {
        let quoted = serde_json::to_string(&secret).unwrap();
        let value = match wrap {
            0 => quoted.clone(),
            1 => format!("[{quoted}]"),
            2 => format!("{{\"x\":{quoted}}}"),
            _ => format!("{quoted}1"),
        };
        for member in ["SecretKey", "SessionToken"] {
            let input = format!(r#"{{"Credentials":{{"{member}":{value},"Expiration":"soon"}}}}"#);
            let report = check("GetCredentialsForIdentityResponse", &input).unwrap();
            let debug = format!("{report:?}");
            prop_assert!(!report.to_json().contains(&secret));
            prop_assert!(!debug.contains(&secret));
        }
    }
}

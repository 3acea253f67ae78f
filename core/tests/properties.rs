//! Properties over generated inputs: validation never panics, reports are
//! consistent and round-trip through JSON, and sensitive values never leak.

use idpool::schema::{self, ShapeId, ShapeKind};
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
    let json = report.to_json();
    // The Report's own writer gives the bytes serde_json gives.
    assert_eq!(json, serde_json::to_string(report).unwrap());
    let back: Report = serde_json::from_str(&json).expect("report JSON parses back");
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

/// One step from a shape to a position inside it.
#[derive(Clone, Debug)]
enum Step {
    Member(&'static str),
    ListEntry,
    MapValue,
}

/// Every path from `shape` to a position that may hold a secret (the
/// sensitive strings and every container on the way to one).
fn secret_positions(shape: ShapeId, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    if !schema::holds_secret(shape) || path.len() > 8 {
        return;
    }
    if !path.is_empty() {
        out.push(path.clone());
    }
    match &shape.shape().kind {
        ShapeKind::Structure(members) => {
            for member in members.iter() {
                path.push(Step::Member(member.name));
                secret_positions(member.shape, path, out);
                path.pop();
            }
        }
        ShapeKind::List { member, .. } => {
            path.push(Step::ListEntry);
            secret_positions(*member, path, out);
            path.pop();
        }
        ShapeKind::Map { value, .. } => {
            path.push(Step::MapValue);
            secret_positions(*value, path, out);
            path.pop();
        }
        _ => {}
    }
}

/// A document with `leaf` at `path`; member steps also appear with the
/// member repeated (`repeat`: 1 → a harmless value first, 2 → after).
fn place(path: &[Step], leaf: &str, repeat: u8) -> String {
    let mut text = leaf.to_string();
    for (depth, step) in path.iter().enumerate().rev() {
        text = match step {
            Step::Member(name) if depth == path.len() - 1 && repeat == 1 => {
                format!(r#"{{"{name}":{{"k":"v"}},"{name}":{text}}}"#)
            }
            Step::Member(name) if depth == path.len() - 1 && repeat == 2 => {
                format!(r#"{{"{name}":{text},"{name}":"v"}}"#)
            }
            Step::Member(name) => format!(r#"{{"{name}":{text}}}"#),
            Step::ListEntry => format!("[{text}]"),
            Step::MapValue => format!(r#"{{"graph.facebook.com":{text}}}"#),
        };
    }
    text
}

/// Issue: tokens and secret keys came back in `normalized` and
/// `changes[].from` when their container had the wrong JSON type. Every
/// target, every position that may hold a secret, every JSON type (and
/// the member repeated): the secret appears in no field of the report and
/// not in its Debug output.
#[test]
fn secrets_never_appear_whatever_the_json_type_of_their_container() {
    let secret = "SeCrEtToKeN4711";
    let digits = "918273645546372819";
    let leaves = [
        format!("\"{secret}\""),
        format!("\"  {secret}  \""),
        digits.to_string(),
        format!("[\"{secret}\"]"),
        format!("[[\"{secret}\",1]]"),
        format!("{{\"k\":\"{secret}\"}}"),
        format!("{{\"SecretKey\":\"{secret}\",\"Logins\":{{\"a\":\"{secret}\"}}}}"),
        format!("[{{\"graph.facebook.com\":\"{secret}\"}}]"),
        format!("[{digits}]"),
    ];
    let mut exercised = std::collections::BTreeSet::new();
    for target in targets() {
        let Some(shape) = idpool::Target::from_name(target).unwrap().input_shape() else {
            continue;
        };
        let mut positions = Vec::new();
        secret_positions(shape, &mut Vec::new(), &mut positions);
        for path in &positions {
            for leaf in &leaves {
                for repeat in 0..3 {
                    let input = place(path, leaf, repeat);
                    let report = check(target, &input).unwrap();
                    let json = report.to_json();
                    let debug = format!("{report:?}");
                    for needle in [secret, digits] {
                        assert!(
                            !json.contains(needle) && !debug.contains(needle),
                            "{target} {input}: secret in the report {json}"
                        );
                    }
                    exercised.insert(target);
                }
            }
        }
    }
    // Every target that takes credentials or logins was exercised.
    for target in [
        "GetCredentialsForIdentity",
        "GetCredentialsForIdentityResponse",
        "GetId",
        "GetOpenIdToken",
        "GetOpenIdTokenForDeveloperIdentity",
        "Credentials",
        "LoginsMap",
    ] {
        assert!(exercised.contains(target), "{target} not exercised");
    }
}

/// Found by fuzzing: a repeated unknown member of a structure that holds
/// secrets (a misspelt `SecretKey`, twice) came back in `changes[].from`.
#[test]
fn a_repeated_misspelt_secret_member_is_concealed() {
    for input in [
        r#"{"AccessKeyId":"A","Secret?Key":"x","Secret?Key":"SeCrEtToKeN4711"}"#,
        r#"{"Secretkey":"SeCrEtToKeN4711","Secretkey":"SeCrEtToKeN4711"}"#,
        r#"{"Secretkey":["SeCrEtToKeN4711"],"Secretkey":{"a":"SeCrEtToKeN4711"}}"#,
    ] {
        let report = check("Credentials", input).unwrap();
        assert!(!report.to_json().contains("SeCrEtToKeN4711"), "{input}");
        assert!(!format!("{report:?}").contains("SeCrEtToKeN4711"));
    }
}

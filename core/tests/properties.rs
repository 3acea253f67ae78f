//! Properties over generated inputs: validation never panics, reports are
//! consistent and round-trip through JSON, and sensitive values never leak.

use idpool::json::{self, ParseOptions, Value};
use idpool::normalize::Canonical;
use idpool::report::{Change, ChangeCode, Plan, PlanChange, PlanOp};
use idpool::schema::{self, ShapeId, ShapeKind};
use idpool::{
    AuditEntry, Code, Decision, IdentityType, Issue, Params, Reacher, Report, RoleSource,
    ServiceError, TrustDecision, check, check_bytes, targets,
};
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

#[test]
fn the_example_reports_are_consistent() {
    let pool = include_str!("../../examples/describe-identity-pool-output.json");
    let plan = idpool::plan_update(
        pool,
        include_str!("../../examples/update-identity-pool.json"),
    );
    assert!(plan.plan.as_ref().is_some_and(|p| !p.changes.is_empty()));
    let decision = idpool::resolve_credentials(include_str!("../../examples/resolve-trust.json"));
    assert!(
        decision
            .decision
            .as_ref()
            .is_some_and(|d| d.trust.is_some())
    );
    let audit = idpool::audit_trust(include_str!("../../examples/audit-trust.json"));
    assert!(audit.audit.as_ref().is_some_and(|a| !a.is_empty()));
    for report in [plan, decision, audit] {
        assert_consistent(&report);
    }
}

// --- generated Reports: every member, every kind of params -----------------

/// Text that needs every kind of JSON escape, and any text at all.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9:/._ -]{0,12}",
        "[\\x00-\\x1f\\x7f\"\\\\aé€\u{2028}\u{feff}\u{1f600}]{0,8}",
        any::<String>(),
    ]
}

fn optional_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

fn texts() -> impl Strategy<Value = Option<Vec<String>>> {
    prop::option::of(prop::collection::vec(text(), 0..4))
}

/// Any JSON value, numbers in every spelling included (exponents, `-0`,
/// beyond 64 bits). A text the reader refuses (a number beyond the `f64`
/// range) becomes a string holding it.
fn value() -> impl Strategy<Value = Value<'static>> {
    json_text().prop_map(|text| match json::parse(&text, &ParseOptions::default()) {
        Ok(value) => value.into_owned(),
        Err(_) => Value::String(text.into()),
    })
}

fn identity_type() -> impl Strategy<Value = IdentityType> {
    prop_oneof![
        Just(IdentityType::Authenticated),
        Just(IdentityType::Unauthenticated)
    ]
}

fn params() -> impl Strategy<Value = Params> {
    let numbers = (
        prop::option::of(any::<i64>()),
        prop::option::of(any::<i64>()),
        prop::option::of(any::<i64>()),
        prop::option::of(any::<u64>()),
        prop::option::of(any::<u64>()),
        prop::option::of(any::<u64>()),
        prop::option::of(any::<u64>()),
    );
    let words = (
        optional_text(),
        texts(),
        optional_text(),
        optional_text(),
        texts(),
        optional_text(),
        optional_text(),
        prop::option::of(identity_type()),
        optional_text(),
    );
    (numbers, words).prop_map(
        |(
            (min, max, actual, line, column, limit, statement),
            (pattern, allowed, expected, found, roles, reason, key, identity_type, provider),
        )| Params {
            min,
            max,
            actual,
            pattern,
            allowed,
            expected,
            found,
            line,
            column,
            limit,
            roles,
            reason,
            statement,
            key,
            identity_type,
            provider,
        },
    )
}

fn issue() -> impl Strategy<Value = Issue> {
    (
        text(),
        prop::sample::select(Code::ALL),
        text(),
        text(),
        optional_text(),
        any::<bool>(),
        // Half of the issues without params, which the JSON then omits.
        prop_oneof![Just(Params::default()), params()],
    )
        .prop_map(
            |(path, code, message, exception, aws_message, key, params)| Issue {
                path,
                code,
                message,
                exception,
                aws_message,
                key,
                params,
            },
        )
}

fn change() -> impl Strategy<Value = Change> {
    let code = prop::sample::select(vec![
        ChangeCode::Trimmed,
        ChangeCode::Lowercased,
        ChangeCode::Alias,
        ChangeCode::SchemeRemoved,
        ChangeCode::Deduplicated,
        ChangeCode::RemovedEmpty,
    ]);
    (
        text(),
        code,
        prop::option::of(value()),
        prop::option::of(value()),
    )
        .prop_map(|(path, code, from, to)| Change {
            path,
            code,
            from,
            to,
        })
}

fn plan() -> impl Strategy<Value = Plan> {
    let op = prop::sample::select(vec![PlanOp::Add, PlanOp::Remove, PlanOp::Replace]);
    let change = (
        text(),
        op,
        prop::option::of(value()),
        prop::option::of(value()),
    )
        .prop_map(|(path, op, from, to)| PlanChange { path, op, from, to });
    (prop::collection::vec(change, 0..4), value())
        .prop_map(|(changes, effective)| Plan { changes, effective })
}

fn decision() -> impl Strategy<Value = Decision> {
    let source = prop::sample::select(vec![
        RoleSource::Default,
        RoleSource::CustomRoleArn,
        RoleSource::PreferredRole,
        RoleSource::SingleRole,
        RoleSource::Rule,
    ]);
    let trust = (
        any::<bool>(),
        any::<usize>(),
        optional_text(),
        any::<bool>(),
    )
        .prop_map(
            |(allowed, statement, sid, unverified_principal)| TrustDecision {
                allowed,
                statement,
                sid,
                unverified_principal,
            },
        );
    (
        identity_type(),
        optional_text(),
        text(),
        source,
        prop::option::of(any::<usize>()),
        prop::option::of(trust),
    )
        .prop_map(
            |(identity_type, provider, role_arn, source, rule_index, trust)| Decision {
                identity_type,
                provider,
                role_arn,
                source,
                rule_index,
                trust,
            },
        )
}

fn audit_entry() -> impl Strategy<Value = AuditEntry> {
    let reacher =
        (identity_type(), optional_text()).prop_map(|(identity_type, provider)| Reacher {
            identity_type,
            provider,
        });
    (
        text(),
        prop::collection::vec(reacher, 0..4),
        prop::option::of(prop::collection::vec(any::<bool>(), 0..4)),
        any::<bool>(),
    )
        .prop_map(
            |(role_arn, reached_by, allowed, unverified_principal)| AuditEntry {
                role_arn,
                reached_by,
                allowed,
                unverified_principal,
            },
        )
}

/// A Report with any members at all (not necessarily one the library
/// would make: `ok` and `serviceError` are independent here).
fn any_report() -> impl Strategy<Value = Report> {
    let head = (
        text(),
        any::<bool>(),
        prop::collection::vec(issue(), 0..4),
        prop::collection::vec(issue(), 0..3),
        prop::option::of(
            (text(), text()).prop_map(|(kind, message)| ServiceError { kind, message }),
        ),
        any::<bool>(),
    );
    let tail = (
        prop::option::of(value().prop_map(|v| Canonical::from_value(&v))),
        prop::collection::vec(change(), 0..4),
        prop::option::of(plan()),
        prop::option::of(decision()),
        prop::option::of(prop::collection::vec(audit_entry(), 0..3)),
    );
    (head, tail).prop_map(
        |(
            (target, ok, errors, warnings, service_error, truncated),
            (normalized, changes, plan, decision, audit),
        )| Report {
            target,
            ok,
            errors,
            warnings,
            service_error,
            truncated,
            normalized,
            changes,
            plan,
            decision,
            audit,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(if cfg!(miri) { 4 } else { 256 }))]

    /// The reports of the other entry points (plans, decisions, audits)
    /// are also the bytes `serde_json` gives. (Not a round trip: a plan's
    /// values keep their numbers' source text, which the Report's JSON
    /// respells.)
    #[test]
    fn plan_decision_and_audit_reports_are_serde_json(a in json_text(), b in json_text()) {
        let pool = include_str!("../../examples/describe-identity-pool-output.json");
        for report in [
            idpool::plan_update(&a, &b),
            idpool::plan_update(pool, &a),
            idpool::resolve_credentials(&a),
            idpool::audit_trust(&a),
        ] {
            prop_assert_eq!(report.to_json(), serde_json::to_string(&report).unwrap());
        }
    }

    /// The hand-written writer and the derived `Serialize` agree on every
    /// member, and so do the writers of the parts the bindings hand out.
    #[test]
    fn report_json_is_serde_json_for_any_report(report in any_report()) {
        let json = report.to_json();
        prop_assert_eq!(&json, &serde_json::to_string(&report).unwrap());
        prop_assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
        for issue in report.errors.iter().chain(&report.warnings) {
            prop_assert_eq!(issue.to_json(), serde_json::to_string(issue).unwrap());
        }
        if let Some(plan) = &report.plan {
            prop_assert_eq!(plan.to_json(), serde_json::to_string(plan).unwrap());
        }
        if let Some(decision) = &report.decision {
            prop_assert_eq!(decision.to_json(), serde_json::to_string(decision).unwrap());
        }
        if let Some(audit) = &report.audit {
            prop_assert_eq!(AuditEntry::list_to_json(audit), serde_json::to_string(audit).unwrap());
        }
    }
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

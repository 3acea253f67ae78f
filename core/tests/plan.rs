//! Update planning end to end: the reference example (docs/REFERENCE.md) on the bundled files,
//! the report's shape, typed pools, and properties over generated pairs
//! of pools.

use idpool::json::{self, Value};
use idpool::model::IdentityPool;
use idpool::report::PlanOp;
use idpool::{Checker, Code, Limits, Report, plan_update};
use proptest::prelude::*;
use std::path::Path;

fn example(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples")
        .join(name);
    std::fs::read_to_string(path).expect("the example exists")
}

fn ops(report: &Report) -> Vec<(String, PlanOp)> {
    report
        .plan
        .as_ref()
        .expect("a plan")
        .changes
        .iter()
        .map(|c| (c.path.clone(), c.op))
        .collect()
}

fn issues(issues: &[idpool::Issue]) -> Vec<(&str, Code)> {
    issues.iter().map(|i| (i.path.as_str(), i.code)).collect()
}

/// docs/REFERENCE.md section 7, the worked example: a pool and a desired update that drops
/// Google (the update omits the login providers) and renames the developer
/// provider.
#[test]
fn the_bundled_update_drops_the_login_providers_and_cannot_rename_the_developer() {
    let report = plan_update(
        &example("describe-identity-pool-output.json"),
        &example("update-identity-pool.json"),
    );
    assert_eq!(report.target, "UpdateIdentityPool");
    assert!(!report.ok);
    assert_eq!(
        issues(&report.errors),
        [("/DeveloperProviderName", Code::Immutable)]
    );
    assert_eq!(report.errors[0].exception, "InvalidParameterException");
    assert!(
        report.errors[0]
            .message
            .contains("login.photos.example.com")
    );
    assert!(
        report.errors[0]
            .message
            .contains("login.photos-v2.example.com")
    );
    assert_eq!(
        issues(&report.warnings),
        [("/SupportedLoginProviders", Code::ResetToDefault)]
    );
    assert!(report.warnings[0].message.contains("accounts.google.com"));
    assert_eq!(
        ops(&report),
        [
            ("/SupportedLoginProviders".to_string(), PlanOp::Remove),
            (
                "/CognitoIdentityProviders/0/ServerSideTokenCheck".to_string(),
                PlanOp::Replace
            ),
        ]
    );
    let plan = report.plan.as_ref().unwrap();
    let removed = plan.changes[0].from.as_ref().unwrap();
    assert!(removed.get("accounts.google.com").is_some());
    let effective = &plan.effective;
    assert_eq!(effective.get("SupportedLoginProviders"), None);
    assert_eq!(
        effective
            .get("DeveloperProviderName")
            .and_then(Value::as_str),
        Some("login.photos.example.com")
    );
    // The desired pool is already in canonical form.
    assert!(report.changes.is_empty(), "{:?}", report.changes);
    let service = report.service_error.as_ref().unwrap();
    assert_eq!(service.kind, "InvalidParameterException");
}

#[test]
fn the_update_report_round_trips_through_json() {
    let report = plan_update(
        &example("describe-identity-pool-output.json"),
        &example("update-identity-pool.json"),
    );
    let back: Report = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(back, report);
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(
        json["plan"]["changes"][1],
        serde_json::json!({
            "path": "/CognitoIdentityProviders/0/ServerSideTokenCheck",
            "op": "replace", "from": false, "to": true
        })
    );
    assert_eq!(json["plan"]["changes"][0]["op"], "remove");
    assert!(json["plan"]["changes"][0].get("to").is_none());
}

#[test]
fn checker_limits_apply_to_both_pools() {
    let checker = Checker::with_limits(Limits {
        max_input_bytes: 64,
        ..Limits::default()
    })
    .unwrap();
    let report = checker.plan_update(
        &example("describe-identity-pool-output.json"),
        &example("update-identity-pool.json"),
    );
    assert_eq!(
        issues(&report.errors),
        [("", Code::Syntax), ("/current", Code::Syntax)]
    );
    assert!(report.plan.is_none());
    assert!(report.normalized.is_none());
}

#[test]
fn typed_pools_plan_like_their_json() {
    let current: IdentityPool =
        serde_json::from_str(&example("describe-identity-pool-output.json")).unwrap();
    let desired: IdentityPool =
        serde_json::from_str(&example("update-identity-pool.json")).unwrap();
    let typed = idpool::plan::plan_pools(&current, &desired);
    let text = plan_update(
        &example("describe-identity-pool-output.json"),
        &example("update-identity-pool.json"),
    );
    assert_eq!(typed.plan, text.plan);
    assert_eq!(issues(&typed.errors), issues(&text.errors));
}

// ---------------------------------------------------------------------
// Properties over generated pairs of pools.

const ID: &str = "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
const OTHER_ID: &str = "us-east-1:11111111-2222-4333-8444-555555555555";
const USER_POOL: &str = "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI";

fn subset(options: &'static [&'static str]) -> impl Strategy<Value = Vec<&'static str>> {
    prop::sample::subsequence(options, 0..=options.len()).prop_shuffle()
}

/// An optional member: absent, `null`, or a value.
fn member(value: impl Strategy<Value = String>) -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        1 => Just(None),
        1 => Just(Some("null".to_string())),
        4 => value.prop_map(Some),
    ]
}

fn pool() -> impl Strategy<Value = String> {
    let id = prop::sample::select(vec![ID, ID, OTHER_ID]);
    let name = prop::option::weighted(0.9, prop::sample::select(vec!["Photos", "Photos v2"]));
    let logins = member(
        subset(&[
            r#""graph.facebook.com":"7346241598935552""#,
            r#""graph.facebook.com":"1111111111111111""#,
            r#""Google":"123.apps.googleusercontent.com""#,
            r#""www.amazon.com":"amzn1.application.0123""#,
        ])
        .prop_map(|entries| {
            // One Facebook entry at most: two would be a duplicate provider.
            let mut seen_facebook = false;
            let kept: Vec<&str> = entries
                .into_iter()
                .filter(|e| !e.contains("facebook") || !std::mem::replace(&mut seen_facebook, true))
                .collect();
            format!("{{{}}}", kept.join(","))
        }),
    );
    let developer = member(
        prop::sample::select(vec!["login.photos.example.com", "login.other.example.com"])
            .prop_map(|d| format!("\"{d}\"")),
    );
    let classic = member(any::<bool>().prop_map(|b| b.to_string()));
    let oidc = member(
        subset(&[
            "arn:aws:iam::123456789012:oidc-provider/auth.example.com",
            "arn:aws:iam::123456789012:oidc-provider/login.example.org",
            "arn:aws:iam::123456789012:oidc-provider/id.example.net",
        ])
        .prop_map(|arns| format!("[{}]", quoted(&arns))),
    );
    let user_pools = member(
        prop::collection::vec(
            (
                prop::sample::select(vec!["aaaaaaaaaa", "bbbbbbbbbb", "cccccccccc"]),
                prop::option::of(any::<bool>()),
            ),
            0..3,
        )
        .prop_map(|entries| {
            let mut seen = Vec::new();
            let items: Vec<String> = entries
                .into_iter()
                .filter(|(client, _)| {
                    let fresh = !seen.contains(client);
                    seen.push(*client);
                    fresh
                })
                .map(|(client, check)| {
                    let check = check
                        .map(|c| format!(r#","ServerSideTokenCheck":{c}"#))
                        .unwrap_or_default();
                    format!(r#"{{"ProviderName":"{USER_POOL}","ClientId":"{client}"{check}}}"#)
                })
                .collect();
            format!("[{}]", items.join(","))
        }),
    );
    let saml = member(
        subset(&[
            "arn:aws:iam::123456789012:saml-provider/CorpIdP",
            "arn:aws:iam::123456789012:saml-provider/Partner",
        ])
        .prop_map(|arns| format!("[{}]", quoted(&arns))),
    );
    let tags = member(
        subset(&[r#""team":"photos""#, r#""env":"prod""#, r#""env":"dev""#]).prop_map(|e| {
            let mut env = false;
            let kept: Vec<&str> = e
                .into_iter()
                .filter(|t| !t.contains("env") || !std::mem::replace(&mut env, true))
                .collect();
            format!("{{{}}}", kept.join(","))
        }),
    );
    (
        id,
        name,
        any::<bool>(),
        (classic, logins, developer),
        (oidc, user_pools, saml, tags),
    )
        .prop_map(
            |(id, name, unauth, (classic, logins, developer), (oidc, user_pools, saml, tags))| {
                let mut members = vec![format!(r#""IdentityPoolId":"{id}""#)];
                if let Some(name) = name {
                    members.push(format!(r#""IdentityPoolName":"{name}""#));
                }
                members.push(format!(r#""AllowUnauthenticatedIdentities":{unauth}"#));
                for (key, value) in [
                    ("AllowClassicFlow", classic),
                    ("SupportedLoginProviders", logins),
                    ("DeveloperProviderName", developer),
                    ("OpenIdConnectProviderARNs", oidc),
                    ("CognitoIdentityProviders", user_pools),
                    ("SamlProviderARNs", saml),
                    ("IdentityPoolTags", tags),
                ] {
                    if let Some(value) = value {
                        members.push(format!(r#""{key}":{value}"#));
                    }
                }
                format!("{{{}}}", members.join(","))
            },
        )
}

fn quoted(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(",")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(if cfg!(miri) { 4 } else { 256 }))]

    #[test]
    fn a_pool_updated_to_itself_changes_nothing(pool in pool()) {
        let report = plan_update(&pool, &pool);
        prop_assert!(ops(&report).is_empty(), "{:?}", ops(&report));
        prop_assert!(!report.errors.iter().any(|e| e.code == Code::Immutable));
    }

    #[test]
    fn the_effective_pool_is_a_fixed_point_of_the_update(current in pool(), desired in pool()) {
        let report = plan_update(&current, &desired);
        let effective = json::to_string(&report.plan.as_ref().unwrap().effective);
        let again = plan_update(&effective, &desired);
        prop_assert!(ops(&again).is_empty(), "{:?}", ops(&again));
        prop_assert_eq!(&again.plan.as_ref().unwrap().effective, &report.plan.as_ref().unwrap().effective);
    }

    #[test]
    fn plans_are_deterministic_and_consistent(current in pool(), desired in pool()) {
        let report = plan_update(&current, &desired);
        prop_assert_eq!(&plan_update(&current, &desired), &report);
        prop_assert_eq!(report.ok, report.errors.is_empty());
        prop_assert_eq!(report.ok, report.service_error.is_none());
        let back: Report = serde_json::from_str(&report.to_json()).unwrap();
        prop_assert_eq!(&back, &report);
        let plan = report.plan.as_ref().unwrap();
        for change in &plan.changes {
            match change.op {
                PlanOp::Add => prop_assert!(change.from.is_none() && change.to.is_some()),
                PlanOp::Remove => prop_assert!(change.from.is_some() && change.to.is_none()),
                PlanOp::Replace => prop_assert!(change.from.is_some() && change.to.is_some()),
            }
        }
        // Every omitted member that loses a value is warned about once.
        let removed_members = plan
            .changes
            .iter()
            .filter(|c| c.op == PlanOp::Remove && c.path.matches('/').count() == 1)
            .count();
        let resets = report.warnings.iter().filter(|w| w.code == Code::ResetToDefault).count();
        prop_assert!(resets <= removed_members);
        // The id and a set developer provider never change.
        prop_assert!(!plan.changes.iter().any(|c| c.path == "/IdentityPoolId"));
        let had_developer = report_has(&current, "DeveloperProviderName");
        prop_assert!(!had_developer || !plan.changes.iter().any(|c| c.path == "/DeveloperProviderName"));
    }
}

fn report_has(pool: &str, member: &str) -> bool {
    let value = json::parse(pool, &Default::default()).unwrap();
    value.get(member).is_some_and(|v| !matches!(v, Value::Null))
}

//! Inputs of 50 000 entries through every structure that finds repeats or
//! puts entries in order (normalization, the semantic rules, update plans,
//! the trust audit, SAML): each finishes (none is quadratic) and gives the
//! result a short input gives, in the same order.

use idpool::json::{self, ParseOptions, Value};
use idpool::report::{ChangeCode, PlanOp};
use idpool::saml::{self, ROLE_ATTRIBUTE, SamlError, XmlProblem};
use idpool::schema::ShapeId;
use idpool::{Checker, Code, Limits, Report, normalize};

const N: usize = 50_000;
const POOL_ID: &str = "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
const ROLE: &str = "arn:aws:iam::123456789012:role/Auth";

/// The largest limits any setting accepts: every entry is read and every
/// issue kept.
fn largest() -> Checker {
    Checker::with_limits(Limits {
        max_depth: Limits::MAX_DEPTH_CEILING,
        max_input_bytes: Limits::MAX_INPUT_BYTES_CEILING,
        max_issues: Limits::MAX_ISSUES_CEILING,
    })
    .unwrap()
}

fn parse(text: &str) -> Value<'_> {
    json::parse(text, &ParseOptions::default()).expect("test input is JSON")
}

fn json_list(items: impl Iterator<Item = String>) -> String {
    format!("[{}]", items.collect::<Vec<_>>().join(","))
}

fn oidc(i: usize) -> String {
    format!("\"arn:aws:iam::123456789012:oidc-provider/p{i}.example.com\"")
}

fn user_pool(i: usize) -> String {
    format!("cognito-idp.us-east-1.amazonaws.com/us-east-1_P{i}")
}

fn paths_of(changes: &[idpool::report::Change], code: ChangeCode) -> Vec<&str> {
    changes
        .iter()
        .filter(|c| c.code == code)
        .map(|c| c.path.as_str())
        .collect()
}

#[test]
fn a_list_of_50_000_entries_keeps_the_first_of_each() {
    // Each ARN twice: the second half repeats the first.
    let input = json_list((0..N).map(|i| oidc(i % (N / 2))));
    let normalized = normalize::normalize(ShapeId::OIDC_PROVIDER_LIST, &parse(&input));
    assert_eq!(
        json::to_string(&normalized.value),
        json_list((0..N / 2).map(oidc))
    );
    let dropped = paths_of(&normalized.changes, ChangeCode::Deduplicated);
    let expected: Vec<String> = (N / 2..N).map(|i| format!("/{i}")).collect();
    assert_eq!(dropped, expected);
}

#[test]
fn a_map_of_50_000_keys_is_written_in_key_order_without_its_repeats() {
    // Keys in descending order, then the first thousand again.
    let key = |i: usize| format!("k{i:05}");
    let entries: Vec<String> = (0..N)
        .rev()
        .chain((N - 1000..N).rev())
        .map(|i| format!("\"{}\":\"v{i}\"", key(i)))
        .collect();
    let input = format!("{{{}}}", entries.join(","));
    let normalized = normalize::normalize(ShapeId::IDENTITY_POOL_TAGS_TYPE, &parse(&input));
    let expected: Vec<String> = (0..N).map(|i| format!("\"{}\":\"v{i}\"", key(i))).collect();
    assert_eq!(
        json::to_string(&normalized.value),
        format!("{{{}}}", expected.join(","))
    );
    let dropped = paths_of(&normalized.changes, ChangeCode::Deduplicated);
    let expected: Vec<String> = (N - 1000..N)
        .rev()
        .map(|i| format!("/{}", key(i)))
        .collect();
    assert_eq!(dropped, expected);
}

#[test]
fn a_structure_with_50_000_unknown_members_keeps_them_in_input_order() {
    // Unknown members first, then a known one: the known member goes
    // first, the unknown ones follow in input order, and a repeated
    // unknown member is dropped.
    let mut members: Vec<String> = (0..N).rev().map(|i| format!("\"u{i}\":{i}")).collect();
    members.push("\"u7\":0".to_string());
    members.push("\"IdentityPoolName\":\"Photos\"".to_string());
    let input = format!("{{{}}}", members.join(","));
    let normalized = normalize::normalize(ShapeId::IDENTITY_POOL, &parse(&input));
    let expected: Vec<String> = std::iter::once("\"IdentityPoolName\":\"Photos\"".to_string())
        .chain((0..N).rev().map(|i| format!("\"u{i}\":{i}")))
        .collect();
    assert_eq!(
        json::to_string(&normalized.value),
        format!("{{{}}}", expected.join(","))
    );
    assert_eq!(
        paths_of(&normalized.changes, ChangeCode::Deduplicated),
        ["/u7"]
    );
}

/// A pool with `extra` members after the required ones.
fn pool(extra: &str) -> String {
    format!(
        r#"{{"IdentityPoolId":"{POOL_ID}","IdentityPoolName":"Photos","AllowUnauthenticatedIdentities":false,{extra}}}"#
    )
}

/// 50 000 user-pool entries: 25 000 providers, each with the app client
/// `c` twice, ServerSideTokenCheck true in the first half and false in
/// the second.
fn user_pools() -> String {
    json_list((0..N).map(|i| {
        format!(
            r#"{{"ProviderName":"{}","ClientId":"c","ServerSideTokenCheck":{}}}"#,
            user_pool(i % (N / 2)),
            i < N / 2
        )
    }))
}

fn codes_at(report: &Report, code: Code) -> Vec<&str> {
    report
        .errors
        .iter()
        .filter(|i| i.code == code)
        .map(|i| i.path.as_str())
        .collect()
}

#[test]
fn a_pool_with_50_000_providers_is_checked_entry_by_entry() {
    let pool = pool(&format!(
        r#""CognitoIdentityProviders":{},"SupportedLoginProviders":{{"accounts.google.com":"1.apps.googleusercontent.com"}},"OpenIdConnectProviderARNs":["arn:aws:iam::123456789012:oidc-provider/accounts.google.com"]"#,
        user_pools()
    ));
    let report = largest().check("IdentityPool", &pool).unwrap();
    // The second entry of each provider and client changes
    // ServerSideTokenCheck: a duplicate each.
    let duplicates = codes_at(&report, Code::Duplicate);
    let mut expected: Vec<String> = (N / 2..N)
        .map(|i| format!("/CognitoIdentityProviders/{i}"))
        .collect();
    // Google is offered both as a social provider and an OIDC provider.
    expected.push("/OpenIdConnectProviderARNs".to_string());
    assert_eq!(duplicates, expected);
    // RoleMappings keys checked against the pool's 25 000 login keys:
    // only the key that names no provider is refused.
    let roles = format!(
        r#"{{"IdentityPoolId":"{POOL_ID}","Roles":{{"authenticated":"{ROLE}"}},"RoleMappings":{{"{}:c":{{"Type":"Token","AmbiguousRoleResolution":"Deny"}},"{}":{{"Type":"Token","AmbiguousRoleResolution":"Deny"}},"nope.example.com":{{"Type":"Token","AmbiguousRoleResolution":"Deny"}}}}}}"#,
        user_pool(N / 2 - 1),
        user_pool(7)
    );
    let report = largest()
        .check_with_pool("SetIdentityPoolRoles", &roles, &pool)
        .unwrap();
    assert_eq!(
        codes_at(&report, Code::RoleMappingProvider),
        ["/RoleMappings/nope.example.com"]
    );
}

#[test]
fn an_audit_of_50_000_providers_lists_each_reacher_once() {
    let pools = json_list((0..N).map(|i| {
        format!(
            r#"{{"ProviderName":"{}","ClientId":"c{}"}}"#,
            user_pool(i % (N / 2)),
            i / (N / 2)
        )
    }));
    // The role's policy admits every authenticated identity of the pool:
    // each reacher's token is made once, its login key found among 25 000.
    let policy = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"Federated":"cognito-identity.amazonaws.com"}},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{{"StringEquals":{{"cognito-identity.amazonaws.com:aud":"{POOL_ID}"}},"ForAnyValue:StringLike":{{"cognito-identity.amazonaws.com:amr":"authenticated"}}}}}}]}}"#
    );
    let context = format!(
        r#"{{"Pool":{},"Roles":{{"authenticated":"{ROLE}"}},"TrustPolicies":{{"{ROLE}":{policy}}}}}"#,
        pool(&format!(r#""CognitoIdentityProviders":{pools}"#))
    );
    let report = largest().audit_trust(&context);
    let audit = report.audit.expect("an audit");
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].role_arn, ROLE);
    let reachers: Vec<&str> = audit[0]
        .reached_by
        .iter()
        .filter_map(|r| r.provider.as_deref())
        .collect();
    let expected: Vec<String> = (0..N / 2).map(user_pool).collect();
    assert_eq!(reachers, expected);
    assert_eq!(audit[0].allowed, Some(vec![true; N / 2]));
}

fn plan_changes(report: &Report) -> Vec<(&str, PlanOp)> {
    report
        .plan
        .as_ref()
        .expect("a plan")
        .changes
        .iter()
        .map(|c| (c.path.as_str(), c.op))
        .collect()
}

#[test]
fn an_update_of_50_000_entries_is_planned_entry_by_entry() {
    // Tags k00000..k49999 become k25000..k74999 (those in both change
    // value); OIDC providers 0..50 000 become 25 000..75 000; user pools
    // keep their order and the even ones turn ServerSideTokenCheck on.
    let tags = |from: usize, value: &str| {
        let entries: Vec<String> = (from..from + N)
            .map(|i| format!("\"k{i:05}\":\"{value}\""))
            .collect();
        format!("{{{}}}", entries.join(","))
    };
    let pools = |on: fn(usize) -> bool| {
        json_list((0..N).map(|i| {
            format!(
                r#"{{"ProviderName":"{}","ClientId":"c","ServerSideTokenCheck":{}}}"#,
                user_pool(i),
                on(i)
            )
        }))
    };
    let current = pool(&format!(
        r#""IdentityPoolTags":{},"OpenIdConnectProviderARNs":{},"CognitoIdentityProviders":{}"#,
        tags(0, "a"),
        json_list((0..N).map(oidc)),
        pools(|_| false)
    ));
    let desired = pool(&format!(
        r#""IdentityPoolTags":{},"OpenIdConnectProviderARNs":{},"CognitoIdentityProviders":{}"#,
        tags(N / 2, "b"),
        json_list((N / 2..N + N / 2).map(oidc)),
        pools(|i| i % 2 == 0)
    ));
    let report = largest().plan_update(&current, &desired);
    let changes = plan_changes(&report);
    let under = |prefix: &str| -> Vec<(&str, PlanOp)> {
        changes
            .iter()
            .filter(|(path, _)| path.starts_with(prefix))
            .copied()
            .collect()
    };
    let tag_changes: Vec<(String, PlanOp)> = (0..N + N / 2)
        .map(|i| {
            let op = match i {
                i if i < N / 2 => PlanOp::Remove,
                i if i < N => PlanOp::Replace,
                _ => PlanOp::Add,
            };
            (format!("/IdentityPoolTags/k{i:05}"), op)
        })
        .collect();
    let oidc_changes: Vec<(String, PlanOp)> = (0..N / 2)
        .map(|i| (format!("/OpenIdConnectProviderARNs/{i}"), PlanOp::Remove))
        .chain((N / 2..N).map(|i| (format!("/OpenIdConnectProviderARNs/{i}"), PlanOp::Add)))
        .collect();
    let pool_changes: Vec<(String, PlanOp)> = (0..N)
        .step_by(2)
        .map(|i| {
            (
                format!("/CognitoIdentityProviders/{i}/ServerSideTokenCheck"),
                PlanOp::Replace,
            )
        })
        .collect();
    for (prefix, expected) in [
        ("/IdentityPoolTags/", tag_changes),
        ("/OpenIdConnectProviderARNs/", oidc_changes),
        ("/CognitoIdentityProviders/", pool_changes),
    ] {
        let expected: Vec<(&str, PlanOp)> =
            expected.iter().map(|(p, o)| (p.as_str(), *o)).collect();
        assert!(under(prefix) == expected, "{prefix}");
    }
    assert_eq!(changes.len(), N + N / 2 + N + N / 2);
}

#[test]
fn an_update_that_omits_50_000_user_pool_entries_names_each_provider_once() {
    let current = pool(&format!(r#""CognitoIdentityProviders":{}"#, user_pools()));
    let report = largest().plan_update(&current, &pool(r#""AllowClassicFlow":false"#));
    let warning = report
        .warnings
        .iter()
        .find(|w| w.code == Code::ResetToDefault)
        .expect("a reset_to_default warning");
    assert_eq!(warning.path, "/CognitoIdentityProviders");
    let names: Vec<String> = (0..5).map(user_pool).collect();
    assert!(
        warning.message.contains(&format!(
            "the pool's {N} user pool app clients ({} and {} more) are removed",
            names.join(", "),
            N / 2 - 5
        )),
        "{}",
        warning.message
    );
}

fn b64(xml: &str) -> String {
    idpool::base64::encode(xml.as_bytes(), idpool::base64::Alphabet::Standard, true)
}

#[test]
fn saml_attributes_and_roles_repeated_thousands_of_times_merge_in_document_order() {
    // As many Attribute elements as fit in the size limit, each name
    // twice; then the Role attribute with each role twice.
    let names = 4_000;
    let mut xml = String::from("<Response><Assertion><AttributeStatement>");
    for i in 0..2 * names {
        xml.push_str(&format!(
            "<Attribute Name=\"a{}\"><AttributeValue>{i}</AttributeValue></Attribute>",
            i % names
        ));
    }
    let roles = 1_500;
    let provider = "arn:aws:iam::123456789012:saml-provider/Corp";
    xml.push_str(&format!("<Attribute Name=\"{ROLE_ATTRIBUTE}\">"));
    for i in 0..2 * roles {
        xml.push_str(&format!(
            "<AttributeValue>arn:aws:iam::123456789012:role/R{},{provider}</AttributeValue>",
            i % roles
        ));
    }
    xml.push_str("</Attribute></AttributeStatement></Assertion></Response>");
    assert!(xml.len() <= saml::MAX_XML_BYTES, "{} bytes", xml.len());
    let assertion = saml::decode_response(&b64(&xml)).unwrap();
    assert_eq!(assertion.attributes().len(), names + 1);
    for (i, (name, values)) in assertion.attributes()[..names].iter().enumerate() {
        assert_eq!(name, &format!("a{i}"));
        assert_eq!(values, &[i.to_string(), (i + names).to_string()]);
    }
    let found: Vec<String> = assertion.roles().into_iter().map(|r| r.role_arn).collect();
    let expected: Vec<String> = (0..roles)
        .map(|i| format!("arn:aws:iam::123456789012:role/R{i}"))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn a_repeated_attribute_name_is_invalid_markup_in_a_tag_of_any_size() {
    for count in [2, 60_000] {
        // Distinct names, then the first again.
        let attributes: Vec<String> = (0..count)
            .map(|i| format!("a{i}=\"\""))
            .chain(["a0=\"x\"".to_string()])
            .collect();
        let xml = format!("<Response {}/>", attributes.join(" "));
        let error = saml::decode_response(&b64(&xml)).unwrap_err();
        assert!(
            matches!(
                error,
                SamlError::Xml {
                    problem: XmlProblem::Syntax,
                    ..
                }
            ),
            "{count}: {error:?}"
        );
        // Without the repeat the tag is read.
        let xml = format!("<Response {}/>", attributes[..count].join(" "));
        assert!(saml::decode_response(&b64(&xml)).is_ok(), "{count}");
    }
}

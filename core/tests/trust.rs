//! Role trust (docs/REFERENCE.md section 11): properties of the evaluator
//! over generated policies and tokens, robustness of the entry points on
//! any input, and the input limits for trust documents.

#[allow(dead_code)]
mod support;

use idpool::json::{self, ParseOptions};
use idpool::trust::{
    Audience, Reason, Request, Token, TrustPolicy, Verdict, evaluate, read_policy,
};
use idpool::{Checker, Code, Limits};
use proptest::prelude::*;
use serde_json::{Value, json};

const POOL_ID: &str = "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
const OTHER_POOL: &str = "us-east-1:9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const IDENTITY_ID: &str = "us-east-1:5a7d74f5-93d8-4586-b59c-8f2a25d9f696";
const AUD: &str = "cognito-identity.amazonaws.com:aud";
const AMR: &str = "cognito-identity.amazonaws.com:amr";
const SUB: &str = "cognito-identity.amazonaws.com:sub";
const ROLE: &str = "arn:aws:iam::123456789012:role/Auth";

fn policy_of(value: &Value) -> TrustPolicy {
    let text = value.to_string();
    let parsed = json::parse(&text, &ParseOptions::default()).unwrap();
    let (policy, issues) = read_policy(&Checker::new(), &parsed);
    assert!(issues.is_empty(), "{issues:?} for {text}");
    policy.unwrap()
}

fn principal() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => Just(json!({"Federated": "cognito-identity.amazonaws.com"})),
        1 => Just(json!({"Federated": ["accounts.google.com", "cognito-identity.amazonaws.com"]})),
        1 => Just(json!({"Service": "cognito-idp.amazonaws.com"})),
        1 => Just(json!({"Federated": "cognito-identity-us-gov.amazonaws.com"})),
    ]
}

fn action() -> impl Strategy<Value = (&'static str, Value)> {
    prop_oneof![
        4 => Just(("Action", json!("sts:AssumeRoleWithWebIdentity"))),
        1 => Just(("Action", json!("sts:AssumeRole"))),
        1 => Just(("Action", json!(["sts:AssumeRole*", "sts:TagSession"]))),
        1 => Just(("Action", json!("sts:*"))),
        1 => Just(("NotAction", json!("sts:AssumeRole"))),
        1 => Just(("NotAction", json!("sts:AssumeRoleWith*"))),
    ]
}

fn operator() -> impl Strategy<Value = String> {
    let base = prop::sample::select(vec![
        "StringEquals",
        "StringNotEquals",
        "StringEqualsIgnoreCase",
        "StringNotEqualsIgnoreCase",
        "StringLike",
        "StringNotLike",
    ]);
    let prefix = prop::sample::select(vec!["", "", "ForAnyValue:", "ForAllValues:"]);
    let suffix = prop::sample::select(vec!["", "", "", "IfExists"]);
    prop_oneof![
        8 => (prefix, base, suffix).prop_map(|(p, b, s)| format!("{p}{b}{s}")),
        1 => Just("Null".to_string()),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        AUD,
        AMR,
        SUB,
        "COGNITO-IDENTITY.AMAZONAWS.COM:AMR",
        "cognito-identity.amazon.com:amr",
        "aws:SourceIp",
    ])
    .prop_map(str::to_string)
}

fn values() -> impl Strategy<Value = Value> {
    let one = prop::sample::select(vec![
        POOL_ID,
        OTHER_POOL,
        "us-east-1:*",
        "*",
        "authenticated",
        "unauthenticated",
        "auth*",
        "graph.facebook.com",
        "accounts.google.com",
        IDENTITY_ID,
        "true",
        "false",
        "?",
    ]);
    prop_oneof![
        one.clone().prop_map(|v| json!(v)),
        prop::collection::vec(one, 0..3).prop_map(|v| json!(v)),
    ]
}

fn condition() -> impl Strategy<Value = Option<Value>> {
    prop::option::weighted(
        0.85,
        prop::collection::vec((operator(), key(), values()), 1..4).prop_map(|tests| {
            let mut out = serde_json::Map::new();
            for (op, key, values) in tests {
                let entry = out.entry(op).or_insert_with(|| json!({}));
                entry.as_object_mut().unwrap().insert(key, values);
            }
            Value::Object(out)
        }),
    )
}

fn statement() -> impl Strategy<Value = Value> {
    (
        prop::bool::weighted(0.7),
        principal(),
        action(),
        condition(),
    )
        .prop_map(|(allow, principal, (member, action), condition)| {
            let mut s =
                json!({"Effect": if allow { "Allow" } else { "Deny" }, "Principal": principal});
            s[member] = action;
            if let Some(condition) = condition {
                s["Condition"] = condition;
            }
            s
        })
}

fn statements() -> impl Strategy<Value = Vec<Value>> {
    prop::collection::vec(statement(), 0..6)
}

fn token() -> impl Strategy<Value = Token> {
    (
        prop::sample::select(vec![POOL_ID, OTHER_POOL]),
        prop::option::of(Just(IDENTITY_ID)),
        prop_oneof![
            Just(vec!["unauthenticated".to_string()]),
            Just(vec![
                "authenticated".to_string(),
                "graph.facebook.com".to_string()
            ]),
            Just(vec![
                "authenticated".to_string(),
                "accounts.google.com".to_string()
            ]),
        ],
    )
        .prop_map(|(aud, sub, amr)| Token {
            aud: aud.to_string(),
            sub: sub.map(str::to_string),
            amr,
        })
}

fn verdict(statements: &[Value], token: &Token, tags: bool) -> Verdict {
    let policy = policy_of(&json!({"Version": "2012-10-17", "Statement": statements}));
    let audience = Audience::for_region("us-east-1");
    evaluate(
        &policy,
        &Request {
            token,
            audience: &audience,
            principal_tags: tags,
            cross_account_basic: false,
        },
    )
}

fn reason(v: &Verdict) -> Option<Reason> {
    match v {
        Verdict::Allowed { .. } => None,
        Verdict::Denied(d) => Some(d.reason),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// A decision never allows what an applying explicit Deny refuses: when
    /// the policy allows, no Deny statement of it would, on its own as an
    /// Allow, admit the token.
    #[test]
    fn an_applying_deny_always_wins(statements in statements(), token in token(), tags in any::<bool>()) {
        let whole = verdict(&statements, &token, tags);
        if let Verdict::Allowed { statement } = whole {
            prop_assert_eq!(statements[statement]["Effect"].as_str(), Some("Allow"));
            for s in statements.iter().filter(|s| s["Effect"] == "Deny") {
                let mut as_allow = s.clone();
                as_allow["Effect"] = json!("Allow");
                let alone = verdict(&[as_allow], &token, false);
                prop_assert!(
                    matches!(alone, Verdict::Denied(_)),
                    "allowed although this Deny applies: {}", s
                );
            }
        }
        // And a Deny made from the allowing statement always refuses.
        if let Verdict::Allowed { statement } = whole {
            let mut deny = statements[statement].clone();
            deny["Effect"] = json!("Deny");
            let mut with_deny = statements.clone();
            with_deny.push(deny);
            let after = verdict(&with_deny, &token, false);
            prop_assert_eq!(reason(&after), Some(Reason::ExplicitDeny));
        }
    }

    /// The verdict does not depend on the order of the statements; only
    /// which statement is named may change.
    #[test]
    fn statement_order_does_not_change_the_verdict(
        statements in statements(),
        token in token(),
        tags in any::<bool>(),
        seed in any::<u64>(),
    ) {
        let mut shuffled = statements.clone();
        // A deterministic shuffle from the seed.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let a = verdict(&statements, &token, tags);
        let b = verdict(&shuffled, &token, tags);
        prop_assert_eq!(reason(&a), reason(&b));
        if let (Verdict::Allowed { statement: i }, Verdict::Allowed { statement: j }) = (&a, &b) {
            prop_assert_eq!(&statements[*i]["Effect"], &shuffled[*j]["Effect"]);
        }
    }

    /// The entry points never panic, whatever the trust documents are.
    #[test]
    fn any_trust_document_is_an_answer_not_a_panic(
        document in prop_oneof![
            support::json_text(),
            statements().prop_map(|s| json!({"Statement": s}).to_string()),
            statements().prop_map(|s| serde_json::to_string(&json!({"Statement": s}).to_string()).unwrap()),
            ".{0,40}".prop_map(|s| serde_json::to_string(&format!("%7B{s}")).unwrap()),
        ],
        flow in prop::sample::select(vec!["\"enhanced\"", "\"basic\"", "1", "null"]),
        tags in prop::sample::select(vec!["true", "false", "\"x\""]),
    ) {
        let pool = format!(
            r#"{{"IdentityPoolId":"{POOL_ID}","IdentityPoolName":"p","AllowUnauthenticatedIdentities":true,"SupportedLoginProviders":{{"graph.facebook.com":"1"}}}}"#
        );
        let resolve = format!(
            r#"{{"Pool":{pool},"Roles":{{"unauthenticated":"{ROLE}","authenticated":"{ROLE}"}},"Request":{{"IdentityId":"{IDENTITY_ID}","CustomRoleArn":"{ROLE}"}},"TrustPolicies":{{"{ROLE}":{document}}},"Flow":{flow},"PrincipalTags":{tags}}}"#
        );
        let report = idpool::resolve_credentials(&resolve);
        prop_assert_eq!(report.ok, report.errors.is_empty());
        let audit = format!(
            r#"{{"Pool":{pool},"Roles":{{"unauthenticated":"{ROLE}","authenticated":"{ROLE}"}},"TrustPolicies":{{"{ROLE}":{document}}},"PrincipalTags":{tags}}}"#
        );
        let report = idpool::audit_trust(&audit);
        prop_assert_eq!(report.ok, report.errors.is_empty());
        // Any report survives a JSON round trip.
        let back: idpool::Report = serde_json::from_str(&report.to_json()).unwrap();
        prop_assert_eq!(back, report);
    }

    /// Any context at all (not even an object) is a report.
    #[test]
    fn any_audit_context_is_a_report(text in support::json_text()) {
        let report = idpool::audit_trust(&text);
        prop_assert_eq!(report.ok, report.errors.is_empty());
    }
}

fn audit_context(document: &str) -> String {
    format!(
        r#"{{"Pool":{{"IdentityPoolId":"{POOL_ID}","IdentityPoolName":"p","AllowUnauthenticatedIdentities":false}},"TrustPolicies":{{"{ROLE}":{document}}}}}"#
    )
}

#[test]
fn a_trust_document_text_obeys_the_depth_limit() {
    let deep = format!("{}{}", "[".repeat(70), "]".repeat(70));
    let text = serde_json::to_string(&format!(r#"{{"Statement":{deep}}}"#)).unwrap();
    let report = idpool::audit_trust(&audit_context(&text));
    assert_eq!(report.errors.len(), 1, "{}", report.to_json());
    assert_eq!(report.errors[0].code, Code::Syntax);
    assert_eq!(
        report.errors[0].path,
        "/TrustPolicies/arn:aws:iam::123456789012:role~1Auth"
    );
    assert_eq!(report.errors[0].params.limit, Some(64));
}

#[test]
fn a_trust_document_obeys_the_size_limit() {
    let checker = Checker::with_limits(Limits {
        max_input_bytes: 4096,
        ..Limits::default()
    })
    .unwrap();
    // A policy inside the context (as an object, or as text, which only
    // shrinks when decoded) is bounded by the context: a context over the
    // limit is refused before any policy is read.
    let big =
        serde_json::to_string(&format!("{{\"Statement\":[{}{{}}]}}", "{},".repeat(2000))).unwrap();
    let report = checker.audit_trust(&audit_context(&big));
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].code, Code::Syntax);
    assert_eq!(report.errors[0].path, "");
    assert_eq!(report.errors[0].params.limit, Some(4096));
    assert_eq!(report.audit, None);
    // Within the limit, the same policy is read, and each of its empty
    // statements is reported.
    let report = Checker::new().audit_trust(&audit_context(&big));
    assert!(
        report
            .errors
            .iter()
            .all(|e| e.path.starts_with("/TrustPolicies/"))
    );
    assert!(report.errors.len() > 1);
}

#[test]
fn url_encoded_and_text_policies_read_like_objects() {
    let object = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"Federated": "cognito-identity.amazonaws.com"},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {"StringEquals": {AUD: POOL_ID}, "ForAnyValue:StringLike": {AMR: "authenticated"}}}]});
    let text = object.to_string();
    let encoded: String = text
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let expected = idpool::audit_trust(&audit_context(&object.to_string()));
    for form in [
        serde_json::to_string(&text).unwrap(),
        serde_json::to_string(&encoded).unwrap(),
    ] {
        let report = idpool::audit_trust(&audit_context(&form));
        assert_eq!(report.errors, expected.errors);
        assert_eq!(report.warnings, expected.warnings);
    }
}

#[test]
fn a_hostile_wildcard_finishes_in_linear_time() {
    // StringLike values of many stars against a long identity id would
    // take exponential time with a backtracking matcher.
    let patterns = [
        format!("{}*x*", "*a".repeat(2000)),
        format!("*{}b*", "a?".repeat(100)),
        format!("{}*", "*aaaaaaaaaaaaaaaaaaab".repeat(50)),
    ];
    let policy = json!({"Statement": [{"Effect": "Allow",
        "Principal": {"Federated": "cognito-identity.amazonaws.com"},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {"ForAnyValue:StringLike": {AMR: patterns}}}]});
    let amr = vec!["authenticated".to_string(), "a".repeat(50_000)];
    let token = Token {
        aud: POOL_ID.into(),
        sub: None,
        amr,
    };
    let start = std::time::Instant::now();
    let v = evaluate(
        &policy_of(&policy),
        &Request {
            token: &token,
            audience: &Audience::for_region("us-east-1"),
            principal_tags: false,
            cross_account_basic: false,
        },
    );
    assert_eq!(reason(&v), Some(Reason::Condition));
    assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
}

#[test]
fn tokens_never_appear_in_trust_reports() {
    let secret = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2VjcmV0LXNpZ25hdHVyZQ";
    let context = format!(
        r#"{{"Pool":{{"IdentityPoolId":"{POOL_ID}","IdentityPoolName":"p","AllowUnauthenticatedIdentities":false,"SupportedLoginProviders":{{"graph.facebook.com":"1"}}}},"Roles":{{"authenticated":"{ROLE}"}},"Request":{{"IdentityId":"{IDENTITY_ID}","Logins":{{"graph.facebook.com":"{secret}"}}}},"TrustPolicies":{{"{ROLE}":{{"Statement":[{{"Effect":"Allow","Principal":{{"Federated":"cognito-identity.amazonaws.com"}},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{{"StringEquals":{{"{AUD}":"{OTHER_POOL}"}}}}}}]}}}}}}"#
    );
    let report = idpool::resolve_credentials(&context);
    assert_eq!(
        report.errors[0].code,
        Code::TrustDenied,
        "{}",
        report.to_json()
    );
    assert!(!report.to_json().contains(secret));
    assert!(!format!("{report:?}").contains(secret));
}

fn example(name: &str) -> String {
    std::fs::read_to_string(format!("{}/../examples/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn the_audit_example_finds_its_mistakes() {
    let report = idpool::audit_trust(&example("audit-trust.json"));
    let errors: Vec<(&str, Code)> = report
        .errors
        .iter()
        .map(|e| (e.path.as_str(), e.code))
        .collect();
    assert_eq!(
        errors,
        [
            (
                "/TrustPolicies/arn:aws:iam::123456789012:role~1Cognito_PhotosAuth_Role/Statement/0/Condition",
                Code::TrustAudMissing
            ),
            (
                "/TrustPolicies/arn:aws:iam::123456789012:role~1PhotoEditors/Statement/0/Action",
                Code::TrustWrongAction
            ),
            (
                "/TrustPolicies/arn:aws:iam::123456789012:role~1PhotoEditors/Statement/0/Action",
                Code::TrustDenied
            ),
        ],
        "{}",
        report.to_json_pretty()
    );
    let audit = report.audit.unwrap();
    let summary: Vec<(&str, usize, Option<Vec<bool>>)> = audit
        .iter()
        .map(|e| (e.role_arn.as_str(), e.reached_by.len(), e.allowed.clone()))
        .collect();
    assert_eq!(
        summary,
        [
            (
                "arn:aws:iam::123456789012:role/Cognito_PhotosUnauth_Role",
                1,
                Some(vec![true])
            ),
            (
                "arn:aws:iam::123456789012:role/Cognito_PhotosAuth_Role",
                2,
                Some(vec![true, true])
            ),
            (
                "arn:aws:iam::123456789012:role/PhotoEditors",
                1,
                Some(vec![false])
            ),
        ]
    );
}

#[test]
fn the_resolve_example_names_the_admitting_statement() {
    let report = idpool::resolve_credentials(&example("resolve-trust.json"));
    assert!(report.ok, "{}", report.to_json_pretty());
    let decision = report.decision.unwrap();
    assert_eq!(
        decision.role_arn,
        "arn:aws:iam::123456789012:role/PhotoEditors"
    );
    let trust = decision.trust.unwrap();
    assert_eq!(
        (trust.statement, trust.sid.as_deref()),
        (0, Some("Editors"))
    );
}

#[test]
fn a_large_pool_and_policy_are_audited_in_bounded_time() {
    // Thousands of user-pool providers (the model sets no maximum), each
    // reaching the authenticated role, against a policy of 500
    // statements: every (reacher, statement) pair is evaluated once.
    let providers: Vec<Value> = (0..2000)
        .map(|i| {
            json!({"ProviderName": format!("cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool{i}"),
                   "ClientId": "client1"})
        })
        .collect();
    let statements: Vec<Value> = (0..500)
        .map(|i| {
            json!({"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                   "Action": "sts:AssumeRoleWithWebIdentity",
                   "Condition": {"StringEquals": {AUD: POOL_ID},
                                 "ForAnyValue:StringLike": {AMR: format!("nobody-{i}")}}})
        })
        .collect();
    let context = json!({
        "Pool": {"IdentityPoolId": POOL_ID, "IdentityPoolName": "p",
                 "AllowUnauthenticatedIdentities": false, "CognitoIdentityProviders": providers},
        "Roles": {"authenticated": ROLE},
        "TrustPolicies": {ROLE: {"Statement": statements}},
    })
    .to_string();
    let start = std::time::Instant::now();
    let report = idpool::audit_trust(&context);
    let elapsed = start.elapsed();
    let audit = report.audit.expect("an audit");
    assert_eq!(audit[0].reached_by.len(), 2000);
    assert!(audit[0].allowed.as_ref().unwrap().iter().all(|a| !a));
    assert!(
        report.truncated,
        "2000 refusals are more than the 100 errors listed"
    );
    assert!(elapsed.as_secs() < 30, "{elapsed:?}");
}

//! A deterministic corpus of generated inputs and their Rust reports,
//! written to `target/tmp/random-reports.jsonl` for the node (wasm) and C
//! runners, which must produce the same report bytes for each input.
//!
//! Each line: `{"operation": "check"|"resolve", "target", "input", "report"}`
//! where `input` is the exact text given to the library.

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::path::Path;

/// Member names and values of the model, so inputs reach deep shapes.
const KEYS: &[&str] = &[
    "IdentityPoolId",
    "IdentityPoolName",
    "AllowUnauthenticatedIdentities",
    "SupportedLoginProviders",
    "CognitoIdentityProviders",
    "ProviderName",
    "ClientId",
    "OpenIdConnectProviderARNs",
    "SamlProviderARNs",
    "IdentityPoolTags",
    "Logins",
    "IdentityId",
    "CustomRoleArn",
    "Roles",
    "RoleMappings",
    "Type",
    "AmbiguousRoleResolution",
    "RulesConfiguration",
    "Rules",
    "Pool",
    "Request",
    "Facebook",
    "https://accounts.google.com/",
    "cognito-idp.us-east-1.amazonaws.com/us-east-1_A",
    "authenticated",
];

const STRINGS: &[&str] = &[
    "",
    "  Photos  ",
    "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
    "US-EAST-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
    "arn:aws:iam::123456789012:role/A",
    "arn:aws:iam::123456789012:saml-provider/Corp",
    "arn:aws:iam::123456789012:oidc-provider/auth.example.com",
    "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_A/",
    "Token",
    "Rules",
    "AuthenticatedRole",
    "aws:reserved",
    "é€٣\u{200b}",
    "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20ifQ.c2ln",
];

fn json_text() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        (-100i64..100).prop_map(|n| n.to_string()),
        prop::sample::select(STRINGS).prop_map(|s| serde_json::to_string(s).unwrap()),
        "[a-zA-Z0-9 :/._#-]{0,20}".prop_map(|s| serde_json::to_string(&s).unwrap()),
    ];
    leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5)
                .prop_map(|items| format!("[{}]", items.join(","))),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..7).prop_map(|members| {
                let body: Vec<String> = members
                    .into_iter()
                    .map(|(k, v)| format!("{}:{v}", serde_json::to_string(k).unwrap()))
                    .collect();
                format!("{{{}}}", body.join(","))
            }),
        ]
    })
}

/// How many generated inputs the corpus holds.
const CASES: usize = 2000;

#[test]
fn write_the_random_corpus() {
    let targets: Vec<&'static str> = idpool::targets().collect();
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    );
    let strategy = (0..targets.len(), json_text(), 0u8..10);
    let mut lines = Vec::with_capacity(CASES);
    for _ in 0..CASES {
        let (index, input, kind) = strategy.new_tree(&mut runner).unwrap().current();
        let (operation, target, report) = if kind == 0 {
            ("resolve", "", idpool::resolve_credentials(&input))
        } else {
            let target = targets[index];
            ("check", target, idpool::check(target, &input).unwrap())
        };
        assert_eq!(report.ok, report.errors.is_empty());
        lines.push(format!(
            "{{\"operation\":\"{operation}\",\"target\":\"{target}\",\"input\":{},\"report\":{}}}",
            serde_json::to_string(&input).unwrap(),
            report.to_json()
        ));
    }
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("random-reports.jsonl");
    std::fs::write(&out, lines.join("\n") + "\n").unwrap();
    // The same seed gives the same corpus: the bindings compare against it.
    assert_eq!(lines.len(), CASES);
}

//! Properties of credentials resolution over generated configurations,
//! claims and requests (docs/REFERENCE.md section 8.6), and redaction of tokens.

use idpool::base64::{Alphabet, encode};
use idpool::{IdentityType, RoleSource, resolve_credentials};
use proptest::prelude::*;
use serde_json::{Value, json};

const POOL_ID: &str = "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
const IDENTITY_ID: &str = "us-east-1:5a7d74f5-93d8-4586-b59c-8f2a25d9f696";
const USER_POOL: &str = "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI";
const CLIENT: &str = "client1";
const SAML: &str = "arn:aws:iam::123456789012:saml-provider/CorpIdP";
const OTHER_SAML: &str = "arn:aws:iam::123456789012:saml-provider/PartnerIdP";
/// Offered by nothing, ever: only a request's CustomRoleArn names it.
const ATTACKER: &str = "arn:aws:iam::123456789012:role/Attacker";

fn role(i: usize) -> String {
    format!("arn:aws:iam::123456789012:role/R{i}")
}

fn jwt(claims: &Value) -> String {
    let header = encode(br#"{"alg":"RS256","kid":"k"}"#, Alphabet::UrlSafe, false);
    let payload = encode(claims.to_string().as_bytes(), Alphabet::UrlSafe, false);
    format!("{header}.{payload}.c2ln")
}

fn saml(pairs: &[(String, &str, bool)], attributes: &[(&str, Vec<String>)]) -> String {
    let value = |v: &str| format!("<saml:AttributeValue>{v}</saml:AttributeValue>");
    let roles: String = pairs
        .iter()
        .map(|(role, provider, provider_first)| {
            value(&if *provider_first {
                format!("{provider},{role}")
            } else {
                format!("{role},{provider}")
            })
        })
        .collect();
    let mut attrs = format!(
        r#"<saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role">{roles}</saml:Attribute>"#
    );
    for (name, values) in attributes {
        let values: String = values.iter().map(|v| value(v)).collect();
        attrs.push_str(&format!(
            r#"<saml:Attribute Name="{name}">{values}</saml:Attribute>"#
        ));
    }
    let xml = format!(
        r#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"><saml:Assertion><saml:AttributeStatement>{attrs}</saml:AttributeStatement></saml:Assertion></samlp:Response>"#
    );
    encode(xml.as_bytes(), Alphabet::Standard, true)
}

fn pool(allow_unauthenticated: bool) -> Value {
    json!({
        "IdentityPoolId": POOL_ID,
        "IdentityPoolName": "Photos",
        "AllowUnauthenticatedIdentities": allow_unauthenticated,
        "SupportedLoginProviders": {"graph.facebook.com": "7346241598935552"},
        "CognitoIdentityProviders": [{"ProviderName": USER_POOL, "ClientId": CLIENT}],
        "SamlProviderARNs": [SAML, OTHER_SAML]
    })
}

/// A generated rule: indexes into CLAIMS, MATCH_TYPES, VALUES and roles.
type Rule = (usize, usize, usize, usize);

/// A generated role mapping: Rules (else Token), Deny (else
/// AuthenticatedRole), and the rules.
type Mapping = (bool, bool, Vec<Rule>);

/// One generated scenario.
#[derive(Debug, Clone)]
struct Scenario {
    allow_unauthenticated: bool,
    roles: Vec<(&'static str, usize)>,
    mapping: Option<Mapping>,
    login: Login,
    custom: Option<Custom>,
}

#[derive(Debug, Clone)]
enum Login {
    None,
    Facebook,
    UserPool {
        roles: Vec<usize>,
        as_string: bool,
        preferred: Option<usize>,
        groups: Vec<usize>,
    },
    Saml {
        pairs: Vec<(usize, bool, bool)>,
        groups: Vec<usize>,
    },
}

#[derive(Debug, Clone)]
enum Custom {
    Attacker,
    Role(usize),
}

const CLAIMS: [&str; 2] = [
    "cognito:groups",
    "https://aws.amazon.com/SAML/Attributes/groups",
];
const MATCH_TYPES: [&str; 4] = ["Equals", "Contains", "StartsWith", "NotEqual"];
const VALUES: [&str; 3] = ["admins", "adm", "staff"];

fn scenario() -> impl Strategy<Value = Scenario> {
    let roles = prop::collection::vec(
        (
            prop::sample::select(vec!["authenticated", "unauthenticated"]),
            0usize..6,
        ),
        0..3,
    );
    let rules = prop::collection::vec((0usize..2, 0usize..4, 0usize..3, 0usize..6), 1..5);
    let mapping = prop::option::of((any::<bool>(), any::<bool>(), rules));
    let groups = prop::collection::vec(0usize..3, 0..3);
    let login = prop_oneof![
        Just(Login::None),
        Just(Login::Facebook),
        (
            prop::collection::vec(0usize..6, 0..4),
            any::<bool>(),
            prop::option::of(0usize..6),
            groups.clone()
        )
            .prop_map(|(roles, as_string, preferred, groups)| Login::UserPool {
                roles,
                as_string,
                preferred,
                groups
            }),
        (
            prop::collection::vec((0usize..6, any::<bool>(), any::<bool>()), 0..4),
            groups
        )
            .prop_map(|(pairs, groups)| Login::Saml { pairs, groups }),
    ];
    let custom = prop::option::of(prop_oneof![
        Just(Custom::Attacker),
        (0usize..6).prop_map(Custom::Role)
    ]);
    (any::<bool>(), roles, mapping, login, custom).prop_map(
        |(allow_unauthenticated, roles, mapping, login, custom)| Scenario {
            allow_unauthenticated,
            roles,
            mapping,
            login,
            custom,
        },
    )
}

impl Scenario {
    /// The context, and every role the configuration or the login offers.
    fn build(&self) -> (Value, Vec<String>) {
        let mut offered: Vec<String> = Vec::new();
        let mut roles = serde_json::Map::new();
        for (kind, i) in &self.roles {
            roles.insert(kind.to_string(), json!(role(*i)));
            offered.push(role(*i));
        }
        let group_names = |groups: &[usize]| {
            groups
                .iter()
                .map(|g| VALUES[*g].to_string())
                .collect::<Vec<_>>()
        };
        let (key, token) = match &self.login {
            Login::None => (None, None),
            Login::Facebook => (
                Some("graph.facebook.com".to_string()),
                Some("EAAGm0PX4ZCpsBAKZC".to_string()),
            ),
            Login::UserPool {
                roles: token_roles,
                as_string,
                preferred,
                groups,
            } => {
                let names: Vec<String> = token_roles.iter().map(|r| role(*r)).collect();
                offered.extend(names.iter().cloned());
                let mut claims = json!({
                    "iss": format!("https://{USER_POOL}"), "aud": CLIENT, "token_use": "id", "sub": "u",
                    "cognito:groups": group_names(groups),
                });
                if !names.is_empty() {
                    claims["cognito:roles"] = if *as_string {
                        json!(names.join(","))
                    } else {
                        json!(names)
                    };
                }
                if let Some(p) = preferred {
                    claims["cognito:preferred_role"] = json!(role(*p));
                    offered.push(role(*p));
                }
                (Some(USER_POOL.to_string()), Some(jwt(&claims)))
            }
            Login::Saml { pairs, groups } => {
                let pairs: Vec<(String, &str, bool)> = pairs
                    .iter()
                    .map(|(r, ours, first)| {
                        (role(*r), if *ours { SAML } else { OTHER_SAML }, *first)
                    })
                    .collect();
                offered.extend(
                    pairs
                        .iter()
                        .filter(|(_, p, _)| *p == SAML)
                        .map(|(r, _, _)| r.clone()),
                );
                let token = saml(&pairs, &[(CLAIMS[1], group_names(groups))]);
                (Some(SAML.to_string()), Some(token))
            }
        };
        let mut context = json!({"Pool": pool(self.allow_unauthenticated), "Roles": roles});
        if let (Some((rules_type, deny, rules)), Some(key)) = (&self.mapping, &key) {
            let rule_list: Vec<Value> = rules
                .iter()
                .map(|(claim, match_type, value, r)| {
                    offered.push(role(*r));
                    json!({"Claim": CLAIMS[*claim], "MatchType": MATCH_TYPES[*match_type], "Value": VALUES[*value], "RoleARN": role(*r)})
                })
                .collect();
            let mut mapping = json!({
                "Type": if *rules_type { "Rules" } else { "Token" },
                "AmbiguousRoleResolution": if *deny { "Deny" } else { "AuthenticatedRole" },
            });
            if *rules_type {
                mapping["RulesConfiguration"] = json!({"Rules": rule_list});
            }
            context["RoleMappings"] = json!({ key.clone(): mapping });
        }
        let mut request = json!({"IdentityId": IDENTITY_ID});
        if let (Some(key), Some(token)) = (key, token) {
            request["Logins"] = json!({ key: token });
        }
        match &self.custom {
            Some(Custom::Attacker) => request["CustomRoleArn"] = json!(ATTACKER),
            Some(Custom::Role(i)) => request["CustomRoleArn"] = json!(role(*i)),
            None => {}
        }
        context["Request"] = request;
        (context, offered)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(if cfg!(miri) { 4 } else { 2000 }))]

    /// docs/REFERENCE.md section 8.6: a decided role is always one the configuration or the
    /// login offered; never CustomRoleArn on its own say.
    #[test]
    fn a_decided_role_is_always_offered(scenario in scenario()) {
        let (context, offered) = scenario.build();
        let report = resolve_credentials(&context.to_string());
        prop_assert_eq!(report.ok, report.decision.is_some());
        prop_assert_eq!(report.ok, report.errors.is_empty());
        if let Some(decision) = &report.decision {
            prop_assert_ne!(decision.role_arn.as_str(), ATTACKER);
            prop_assert!(offered.contains(&decision.role_arn), "{} was not offered: {:?}", decision.role_arn, offered);
            if decision.source == RoleSource::CustomRoleArn {
                let custom = context["Request"]["CustomRoleArn"].as_str();
                prop_assert_eq!(custom, Some(decision.role_arn.as_str()));
            }
            let unauthenticated = matches!(scenario.login, Login::None);
            prop_assert_eq!(decision.identity_type == IdentityType::Unauthenticated, unauthenticated);
        }
    }

    /// Tokens never appear in the report, its JSON or its Debug output.
    #[test]
    fn tokens_never_appear_in_reports(
        secret in "[A-Za-z0-9]{24,40}",
        kind in 0usize..5,
    ) {
        let key_and_token = match kind {
            0 => ("graph.facebook.com", secret.clone()),
            1 => (USER_POOL, secret.clone()),
            2 => (USER_POOL, jwt(&json!({"iss": "https://elsewhere.example.com", "sub": secret, "aud": CLIENT}))),
            3 => (USER_POOL, jwt(&json!({"iss": format!("https://{USER_POOL}"), "aud": CLIENT, "token_use": "id", "email": secret}))),
            _ => (SAML, saml(&[], &[("email", vec![secret.clone()])])),
        };
        let (key, token) = key_and_token;
        let context = json!({
            "Pool": pool(false),
            "Request": {"IdentityId": IDENTITY_ID, "Logins": {key: token}},
        });
        let report = resolve_credentials(&context.to_string());
        let text = report.to_json();
        let debug = format!("{report:?}");
        prop_assert!(!text.contains(&secret), "leaked in {}", text);
        prop_assert!(!text.contains(&token));
        prop_assert!(!debug.contains(&secret));
        // An over-long token (a constraint error) is not echoed either.
        let long = format!("{secret}{}", "x".repeat(50_000));
        let context = json!({"Pool": pool(false), "Request": {"IdentityId": IDENTITY_ID, "Logins": {"graph.facebook.com": long}}});
        let report = resolve_credentials(&context.to_string());
        prop_assert!(!report.to_json().contains(&secret));
    }

    /// Arbitrary text as a context never panics and gives a consistent report.
    #[test]
    fn arbitrary_contexts_never_panic(text in "\\PC{0,200}") {
        let report = resolve_credentials(&text);
        prop_assert_eq!(report.ok, report.decision.is_some());
    }
}

/// Issue: with a Rules mapping that no rule of matched, the message read
/// "is not offered by no matching rule".
#[test]
fn role_not_offered_by_rules_reads_as_a_sentence() {
    let context = json!({
        "Pool": {
            "IdentityPoolId": POOL_ID,
            "IdentityPoolName": "Photos",
            "AllowUnauthenticatedIdentities": false,
            "CognitoIdentityProviders": [{"ProviderName": USER_POOL, "ClientId": CLIENT}],
        },
        "Roles": {"authenticated": role(0)},
        "RoleMappings": {USER_POOL: {
            "Type": "Rules",
            "AmbiguousRoleResolution": "AuthenticatedRole",
            "RulesConfiguration": {"Rules": [
                {"Claim": "custom:team", "MatchType": "Equals", "Value": "red", "RoleARN": role(1)}
            ]},
        }},
        "Request": {
            "IdentityId": IDENTITY_ID,
            "Logins": {USER_POOL: jwt(&json!({
                "iss": format!("https://{USER_POOL}"), "aud": CLIENT, "token_use": "id",
                "sub": "u", "custom:team": "blue",
            }))},
            "CustomRoleArn": role(1),
        },
    });
    let report = resolve_credentials(&context.to_string());
    let error = &report.errors[0];
    assert_eq!(error.code, idpool::Code::RoleNotOffered);
    assert!(!error.message.contains("by no "), "{}", error.message);
    assert!(error.message.contains("offered: none"), "{}", error.message);
}

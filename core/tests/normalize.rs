//! Normalization end to end: the reference example (docs/REFERENCE.md), the Report's
//! `normalized` and `changes`, and properties over generated pools
//! (idempotent, never makes a valid pool invalid, canonical bytes).

use idpool::json::{self, ParseOptions, Value};
use idpool::model::IdentityPool;
use idpool::normalize;
use idpool::provider::canonical_login_key;
use idpool::report::ChangeCode;
use idpool::schema::ShapeId;
use idpool::{REDACTED, check};
use proptest::prelude::*;

fn parse(text: &str) -> Value<'_> {
    json::parse(text, &ParseOptions::default()).expect("test input is JSON")
}

fn normalized_text(shape: ShapeId, text: &str) -> String {
    json::to_string(&normalize::normalize(shape, &parse(text)).value)
}

const SAML: &str = "arn:aws:iam::123456789012:saml-provider/CorpIdP";

/// docs/REFERENCE.md section 6, the worked example.
#[test]
fn the_spec_example_normalizes_with_exactly_four_changes_and_then_checks_clean() {
    let input = format!(
        r#"{{
          "IdentityPoolId": "US-EAST-1:0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0",
          "IdentityPoolName": "Photos",
          "AllowUnauthenticatedIdentities": false,
          "SupportedLoginProviders": {{"Facebook": "123"}},
          "CognitoIdentityProviders": [{{
            "ProviderName": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI/",
            "ClientId": "6g3jb2hyqsnkp1z7gcm5rqkj8e"
          }}],
          "SamlProviderARNs": ["{SAML}", "{SAML}"]
        }}"#
    );
    let report = check("IdentityPool", &input).unwrap();
    let changes: Vec<(&str, ChangeCode)> = report
        .changes
        .iter()
        .map(|c| (c.path.as_str(), c.code))
        .collect();
    assert_eq!(
        changes,
        [
            ("/IdentityPoolId", ChangeCode::Lowercased),
            ("/SupportedLoginProviders/Facebook", ChangeCode::Alias),
            (
                "/CognitoIdentityProviders/0/ProviderName",
                ChangeCode::SchemeRemoved
            ),
            ("/SamlProviderARNs/1", ChangeCode::Deduplicated),
        ]
    );
    let normalized = report.normalized.expect("an object input is normalized");
    let canonical = normalized.as_str().to_string();
    assert_eq!(
        canonical,
        format!(
            concat!(
                r#"{{"IdentityPoolId":"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0","#,
                r#""IdentityPoolName":"Photos","AllowUnauthenticatedIdentities":false,"#,
                r#""SupportedLoginProviders":{{"graph.facebook.com":"123"}},"#,
                r#""CognitoIdentityProviders":[{{"ProviderName":"cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI","#,
                r#""ClientId":"6g3jb2hyqsnkp1z7gcm5rqkj8e"}}],"#,
                r#""SamlProviderARNs":["{}"]}}"#
            ),
            SAML
        )
    );
    let again = check("IdentityPool", &canonical).unwrap();
    assert!(again.ok, "{:?}", again.errors);
    assert!(again.changes.is_empty(), "{:?}", again.changes);
    assert_eq!(again.normalized, Some(normalized));
}

#[test]
fn changes_say_what_was_there_and_what_is_now() {
    let report = check(
        "CreateIdentityPool",
        r#"{"IdentityPoolName":" Photos ","AllowUnauthenticatedIdentities":false,"SamlProviderARNs":[]}"#,
    )
    .unwrap();
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(
        json["changes"],
        serde_json::json!([
            {"path": "/IdentityPoolName", "code": "trimmed", "from": " Photos ", "to": "Photos"},
            {"path": "/SamlProviderARNs", "code": "removed_empty", "from": []},
        ])
    );
    assert_eq!(
        json["normalized"],
        serde_json::json!({"IdentityPoolName": "Photos", "AllowUnauthenticatedIdentities": false})
    );
}

#[test]
fn the_report_redacts_tokens_in_the_normalized_form() {
    let report = check(
        "GetCredentialsForIdentity",
        r#"{"IdentityId":"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
            "Logins":{"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC/":"eyJraWQiOiJzZWNyZXQ",
                      "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC":"eyJraWQiOiJzZWNyZXQ"}}"#,
    )
    .unwrap();
    let json = report.to_json();
    assert!(!json.contains("eyJraWQiOiJzZWNyZXQ"), "{json}");
    let normalized = report.normalized.as_ref().unwrap().value();
    let logins = normalized.get("Logins").unwrap();
    assert_eq!(
        json::to_string(logins),
        format!(r#"{{"cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC":"{REDACTED}"}}"#)
    );
    let codes: Vec<ChangeCode> = report.changes.iter().map(|c| c.code).collect();
    assert_eq!(
        codes,
        [ChangeCode::SchemeRemoved, ChangeCode::Deduplicated],
        "{:?}",
        report.changes
    );
}

#[test]
fn normalized_is_present_iff_the_top_level_type_fits() {
    assert!(check("IdentityPool", "{").unwrap().normalized.is_none());
    assert!(check("IdentityPool", "[]").unwrap().normalized.is_none());
    assert!(check("IdentityPool", "null").unwrap().normalized.is_none());
    // Type errors further down do not stop it.
    let report = check(
        "IdentityPool",
        r#"{"IdentityPoolName":7,"SupportedLoginProviders":{"Google":"1"}}"#,
    )
    .unwrap();
    assert!(!report.ok);
    assert_eq!(
        report.normalized.as_ref().unwrap().as_str().to_string(),
        r#"{"IdentityPoolName":7,"SupportedLoginProviders":{"accounts.google.com":"1"}}"#
    );
    let report = check("IdentityPoolId", r#"" us-east-1:abc ""#).unwrap();
    assert_eq!(
        report.normalized.map(|n| n.value().into_owned()),
        Some(Value::String("us-east-1:abc".into()))
    );
}

#[test]
fn typed_pools_normalize_too() {
    let pool: IdentityPool = serde_json::from_str(&format!(
        r#"{{"IdentityPoolId":"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0","IdentityPoolName":"P",
            "AllowUnauthenticatedIdentities":true,"SamlProviderARNs":["{SAML}","{SAML}"],
            "SupportedLoginProviders":{{"login with amazon":"amzn1.application.0123"}}}}"#
    ))
    .unwrap();
    let (canonical, changes) = normalize::normalize_pool(&pool);
    assert_eq!(canonical.saml_provider_arns, Some(vec![SAML.to_string()]));
    assert_eq!(
        canonical
            .supported_login_providers
            .as_ref()
            .unwrap()
            .get("www.amazon.com")
            .map(String::as_str),
        Some("amzn1.application.0123")
    );
    assert_eq!(changes.len(), 2);
    let (twice, none) = normalize::normalize_pool(&canonical);
    assert_eq!(twice, canonical);
    assert!(none.is_empty());
}

// ---------------------------------------------------------------------
// Properties over generated pools.

const WHITESPACE: &[&str] = &[" ", "  ", "\t", "\n", "\u{3000}", "\u{a0}", " \r\n"];

/// Whitespace now and then (mostly none, so that many pools are valid).
fn pad() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => Just(String::new()),
        1 => prop::sample::select(WHITESPACE).prop_map(str::to_string),
    ]
}

fn padded(core: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    (pad(), core, pad()).prop_map(|(a, s, b)| format!("{a}{s}{b}"))
}

fn random_case(s: &str, upper: u32) -> String {
    s.chars()
        .enumerate()
        .map(|(i, c)| {
            if upper >> (i % 32) & 1 == 1 {
                c.to_ascii_uppercase()
            } else {
                c
            }
        })
        .collect()
}

/// A social provider key in one of the forms people write.
fn social_key() -> impl Strategy<Value = (usize, String)> {
    (0..6usize, 0..6u8, any::<u32>()).prop_map(|(i, form, upper)| {
        let key = [
            "graph.facebook.com",
            "accounts.google.com",
            "www.amazon.com",
            "appleid.apple.com",
            "api.twitter.com",
            "www.digits.com",
        ][i];
        let word = [
            "Facebook",
            "google",
            "Login with Amazon",
            "Sign in with Apple",
            "TWITTER",
            "digits",
        ][i];
        let text = match form {
            0 | 1 => key.to_string(),
            2 => word.to_string(),
            3 => format!("https://{key}/"),
            4 => format!("http://{key}"),
            _ => random_case(key, upper),
        };
        (i, text)
    })
}

const APP_IDS: &[&str] = &[
    "7346241598935552",
    "123456789012-abcdefghijklmnop.apps.googleusercontent.com",
    "amzn1.application.0123456789abcdef0123456789abcdef",
    "com.example.photos",
    "xvz1evFS4wEEPTGEFPHBog;kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
    "digits-app-1",
];

const REGIONS: &[&str] = &["us-east-1", "eu-west-1", "ap-southeast-2"];

/// A member of a pool as JSON text, possibly `null` or empty.
type Member = (&'static str, String);

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// The members of a mostly valid pool, in model order; the caller shuffles.
fn pool_members() -> impl Strategy<Value = Vec<Member>> {
    let region = prop::sample::select(REGIONS);
    region.prop_flat_map(|region| {
        let id = (
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
            any::<u32>(),
            prop::bool::weighted(0.15),
        )
            .prop_map(move |(guid, upper, shout)| {
                let id = format!("{region}:{guid}");
                if shout { random_case(&id, upper) } else { id }
            });
        let name = padded(
            prop::sample::select(&["Photos", "My App pool", "a.b@c-d"][..])
                .prop_map(str::to_string),
        );
        let logins = prop::collection::vec((social_key(), pad(), prop::bool::weighted(0.9)), 0..4);
        let developer = prop::option::of(padded(Just("login.photos.example.com".to_string())));
        let oidc = prop::collection::vec(
            padded(
                prop::sample::select(&["auth.example.com", "login.example.org/path"][..])
                    .prop_map(|h| format!("arn:aws:iam::123456789012:oidc-provider/{h}")),
            ),
            0..4,
        );
        let user_pools = prop::collection::vec(
            (
                0..4u8,
                any::<u32>(),
                prop::sample::select(&["6g3jb2hyqsnkp1z7gcm5rqkj8e", "1example23456789"][..]),
                prop::option::of(any::<bool>()),
            ),
            0..4,
        );
        let saml = prop::collection::vec(
            padded(
                prop::sample::select(&["CorpIdP", "Other"][..])
                    .prop_map(|n| format!("arn:aws:iam::123456789012:saml-provider/{n}")),
            ),
            0..4,
        );
        let tags = prop::collection::vec((padded("[a-z]{1,6}"), padded("[a-z]{0,6}")), 0..4);
        let extras = (any::<bool>(), prop::option::of(any::<bool>()), 0..3u8);
        (
            id, name, logins, developer, oidc, user_pools, saml, tags, extras,
        )
            .prop_map(
                move |(
                    id,
                    name,
                    logins,
                    developer,
                    oidc,
                    user_pools,
                    saml,
                    tags,
                    (unauth, classic, empty),
                )| {
                    let mut members: Vec<Member> = vec![
                        ("IdentityPoolId", json_str(&id)),
                        ("IdentityPoolName", json_str(&name)),
                        ("AllowUnauthenticatedIdentities", unauth.to_string()),
                    ];
                    if let Some(classic) = classic {
                        members.push(("AllowClassicFlow", classic.to_string()));
                    }
                    let entries: Vec<String> = logins
                        .iter()
                        .map(|((i, key), pad, same)| {
                            let id = if *same {
                                APP_IDS[*i].to_string()
                            } else {
                                format!("{}x", APP_IDS[*i])
                            };
                            format!("{}:{}", json_str(key), json_str(&format!("{pad}{id}")))
                        })
                        .collect();
                    members.push((
                        "SupportedLoginProviders",
                        format!("{{{}}}", entries.join(",")),
                    ));
                    if let Some(developer) = developer {
                        members.push(("DeveloperProviderName", json_str(&developer)));
                    }
                    members.push(("OpenIdConnectProviderARNs", list(&oidc)));
                    let user_pools: Vec<String> = user_pools
                        .iter()
                        .map(|(form, upper, client, check)| {
                            let host = format!("cognito-idp.{region}.amazonaws.com");
                            let name = format!("{region}_AbCdEfGhI");
                            let provider = match form {
                                0 => format!("{host}/{name}"),
                                1 => format!("https://{host}/{name}/"),
                                2 => format!("{}/{name}", random_case(&host, *upper)),
                                _ => format!(" {host}/{name}"),
                            };
                            let check = check
                                .map(|c| format!(r#","ServerSideTokenCheck":{c}"#))
                                .unwrap_or_default();
                            format!(
                                r#"{{"ProviderName":{},"ClientId":{}{check}}}"#,
                                json_str(&provider),
                                json_str(client)
                            )
                        })
                        .collect();
                    members.push((
                        "CognitoIdentityProviders",
                        format!("[{}]", user_pools.join(",")),
                    ));
                    members.push(("SamlProviderARNs", list(&saml)));
                    let tags: Vec<String> = tags
                        .iter()
                        .map(|(k, v)| format!("{}:{}", json_str(k), json_str(v)))
                        .collect();
                    members.push(("IdentityPoolTags", format!("{{{}}}", tags.join(","))));
                    // Null members, which normalization removes.
                    match empty {
                        1 if classic.is_none() => {
                            members.push(("AllowClassicFlow", "null".to_string()))
                        }
                        2 if !members.iter().any(|(n, _)| *n == "DeveloperProviderName") => {
                            members.push(("DeveloperProviderName", "null".to_string()))
                        }
                        _ => {}
                    }
                    members
                },
            )
    })
}

fn list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| json_str(s)).collect();
    format!("[{}]", items.join(","))
}

/// The pool as JSON text, with its members in the given order.
fn render(members: &[Member]) -> String {
    let body: Vec<String> = members
        .iter()
        .map(|(name, value)| format!("{}:{value}", json_str(name)))
        .collect();
    format!("{{{}}}", body.join(","))
}

/// A generated pool, its members shuffled, and a second shuffle of the
/// same members with map entries reordered.
fn pool_texts() -> impl Strategy<Value = (String, String)> {
    pool_members().prop_flat_map(|members| {
        let n = members.len();
        (
            Just(members.clone()).prop_shuffle(),
            Just(members).prop_shuffle(),
            any::<bool>(),
            Just(n),
        )
            .prop_map(|(a, b, reverse_maps, _)| {
                let b: Vec<Member> = if reverse_maps {
                    b.into_iter()
                        .map(|(name, value)| (name, reverse_object_entries(&value)))
                        .collect()
                } else {
                    b
                };
                (render(&a), render(&b))
            })
    })
}

/// A JSON object text with its entries in reverse order (other values as
/// they are). An object that repeats a key is left alone: its first
/// occurrence is the one that counts, so reordering would change it.
fn reverse_object_entries(text: &str) -> String {
    let Ok(Value::Object(entries)) = json::parse(text, &ParseOptions::default()) else {
        return text.to_string();
    };
    let mut keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_ref()).collect();
    keys.sort_unstable();
    if entries.is_empty() || keys.windows(2).any(|w| w[0] == w[1]) {
        return text.to_string();
    }
    let reversed: Vec<String> = entries
        .iter()
        .rev()
        .map(|(k, v)| format!("{}:{}", json_str(k), json::to_string(v)))
        .collect();
    format!("{{{}}}", reversed.join(","))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(if cfg!(miri) { 4 } else { 384 }))]

    #[test]
    fn normalization_is_idempotent((text, _) in pool_texts()) {
        let value = parse(&text);
        let once = normalize::normalize(ShapeId::IDENTITY_POOL, &value);
        let twice = normalize::normalize(ShapeId::IDENTITY_POOL, &once.value);
        prop_assert_eq!(&twice.value, &once.value);
        prop_assert!(twice.changes.is_empty(), "{:?}", twice.changes);
    }

    #[test]
    fn normalization_never_makes_a_valid_pool_invalid((text, _) in pool_texts()) {
        let report = check("IdentityPool", &text).unwrap();
        let canonical = report.normalized.as_ref().unwrap().as_str().to_string();
        let again = check("IdentityPool", &canonical).unwrap();
        if report.ok {
            prop_assert!(again.ok, "{} became invalid as {}: {:?}", text, canonical, again.errors);
        }
        // Whatever the input, the canonical form is a fixed point.
        prop_assert!(again.changes.is_empty(), "{:?}", again.changes);
        prop_assert_eq!(again.normalized, report.normalized);
    }

    #[test]
    fn equal_pools_give_equal_canonical_bytes((a, b) in pool_texts()) {
        let a = normalized_text(ShapeId::IDENTITY_POOL, &a);
        let b = normalized_text(ShapeId::IDENTITY_POOL, &b);
        // Map entries whose keys collide keep their input order, so only
        // pools without such collisions must match byte for byte.
        let reparsed = normalized_text(ShapeId::IDENTITY_POOL, &a);
        prop_assert_eq!(&reparsed, &a, "canonical JSON re-normalizes to itself");
        if !has_colliding_keys(&a) {
            prop_assert_eq!(a, b);
        }
    }

    #[test]
    fn any_json_as_any_shape_normalizes_idempotently(shape in any_shape(), text in any_json()) {
        let value = parse(&text);
        let once = normalize::normalize(shape, &value);
        let twice = normalize::normalize(shape, &once.value);
        prop_assert_eq!(&twice.value, &once.value);
        prop_assert!(twice.changes.is_empty(), "{:?}", twice.changes);
    }

    #[test]
    fn social_keys_always_normalize_to_a_canonical_key((i, key) in social_key()) {
        let expected = ["graph.facebook.com", "accounts.google.com", "www.amazon.com", "appleid.apple.com", "api.twitter.com", "www.digits.com"][i];
        prop_assert_eq!(canonical_login_key(&key), Some(expected));
    }
}

/// True when a map of a canonical pool has one key twice: entries whose
/// keys collide with different values keep their input keys and order, so
/// two shuffles of one pool may list them differently.
fn has_colliding_keys(canonical: &str) -> bool {
    let value = parse(canonical);
    ["SupportedLoginProviders", "IdentityPoolTags"]
        .iter()
        .any(|member| {
            let Some(Value::Object(entries)) = value.get(member) else {
                return false;
            };
            entries.windows(2).any(|pair| pair[0].0 == pair[1].0)
        })
}

/// Any shape of the model.
fn any_shape() -> impl Strategy<Value = ShapeId> {
    let names: Vec<&'static str> = idpool::schema::shapes().iter().map(|s| s.name).collect();
    prop::sample::select(names).prop_map(|name| idpool::schema::shape_by_name(name).unwrap())
}

/// JSON texts that reach into the model's shapes: member names, login
/// keys and values with whitespace, case and schemes.
fn any_json() -> impl Strategy<Value = String> {
    const KEYS: &[&str] = &[
        "IdentityPoolId",
        "IdentityId",
        "Logins",
        "SupportedLoginProviders",
        "ProviderName",
        "ClientId",
        "CognitoIdentityProviders",
        "SamlProviderARNs",
        "OpenIdConnectProviderARNs",
        "IdentityPoolTags",
        "RoleMappings",
        "Roles",
        "Type",
        "Rules",
        "Value",
        "LoginsToRemove",
        "Credentials",
        "SecretKey",
        "MaxResults",
        "Facebook",
        " google ",
        "https://",
        "a/b~c",
        "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_A/",
        "COGNITO-IDP.x/y",
    ];
    const STRINGS: &[&str] = &[
        "",
        " ",
        "https://",
        "http:// x /",
        " US-EAST-1:ABC ",
        "Facebook",
        "Login With Amazon",
        "arn:aws:iam::123456789012:saml-provider/A",
        " arn:aws:iam::123456789012:saml-provider/A",
        "https://Cognito-Idp.us-east-1.amazonaws.com/us-east-1_A/",
        " Token ",
        "\u{3000}x\u{a0}",
        "\tx\n",
    ];
    let leaf = prop_oneof![
        Just("null".to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        (-1e9f64..1e9).prop_map(|f| format!("{f:e}")),
        prop::sample::select(STRINGS).prop_map(json_str),
    ];
    leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6)
                .prop_map(|items| format!("[{}]", items.join(","))),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..6).prop_map(|members| {
                let body: Vec<String> = members
                    .iter()
                    .map(|(k, v)| format!("{}:{v}", json_str(k)))
                    .collect();
                format!("{{{}}}", body.join(","))
            }),
        ]
    })
}

#[test]
fn a_repeated_key_keeps_its_first_occurrence_once() {
    let input = r#"{"IdentityPoolName":"first","AllowUnauthenticatedIdentities":false,"IdentityPoolName":"second",
        "SupportedLoginProviders":{"graph.facebook.com":"1","graph.facebook.com":"2"}}"#;
    let report = check("CreateIdentityPool", input).unwrap();
    let normalized = report.normalized.as_ref().unwrap().as_str().to_string();
    assert_eq!(
        normalized,
        r#"{"IdentityPoolName":"first","AllowUnauthenticatedIdentities":false,"SupportedLoginProviders":{"graph.facebook.com":"1"}}"#
    );
    let dropped: Vec<(&str, ChangeCode)> = report
        .changes
        .iter()
        .map(|c| (c.path.as_str(), c.code))
        .collect();
    assert_eq!(
        dropped,
        [
            ("/IdentityPoolName", ChangeCode::Deduplicated),
            (
                "/SupportedLoginProviders/graph.facebook.com",
                ChangeCode::Deduplicated
            ),
        ]
    );
    // A repeated Logins token is redacted in the change.
    let request = r#"{"IdentityId":"us-east-1:5a7d74f5-93d8-4586-b59c-8f2a25d9f696","Logins":{"k":"secret-one","k":"secret-two"}}"#;
    let json = check("GetCredentialsForIdentity", request)
        .unwrap()
        .to_json();
    assert!(
        !json.contains("secret-two") && !json.contains("secret-one"),
        "{json}"
    );
}

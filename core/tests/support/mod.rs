//! Generated JSON inputs shared by the property tests and the random
//! corpus: documents whose members and values are the model's, so they
//! reach deep shapes, mixed with arbitrary text.

use proptest::prelude::*;

/// Member names and keys of the model (and a few awkward ones).
pub const KEYS: &[&str] = &[
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
    "Claim",
    "MatchType",
    "Value",
    "RoleARN",
    "MaxResults",
    "Expiration",
    "authenticated",
    "graph.facebook.com",
    "",
    "a/b~c",
    "Pool",
    "Request",
    "Facebook",
    "https://accounts.google.com/",
    "cognito-idp.us-east-1.amazonaws.com/us-east-1_A",
];

/// Values that mean something to the model (and a few awkward ones).
pub const STRINGS: &[&str] = &[
    "",
    " ",
    "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
    "us-east-1_AbCdEfGhI",
    "arn:aws:iam::123456789012:role/A",
    "cognito-idp.us-east-1.amazonaws.com/us-east-1_A",
    "Token",
    "Rules",
    "Deny",
    "Equals",
    "authenticated",
    "é€٣\u{200b}\u{feff}",
    "2025-11-26T06:15:24Z",
    "  Photos  ",
    "US-EAST-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
    "arn:aws:iam::123456789012:saml-provider/Corp",
    "arn:aws:iam::123456789012:oidc-provider/auth.example.com",
    "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_A/",
    "AuthenticatedRole",
    "aws:reserved",
    "é€٣\u{200b}",
    "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20ifQ.c2ln",
];

/// Number spellings whose Report form differs from their text: exponents,
/// `-0`, integers beyond 64 bits, magnitudes beyond the `f64` range.
pub const NUMBERS: &[&str] = &[
    "1e2",
    "1E+2",
    "-0",
    "-0.0",
    "2.50",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775809",
    "1e400",
    "-1E400",
    "1e-400",
    "123456789012345678901234567890",
];

/// JSON text: scalars, model strings and arbitrary text, nested in arrays
/// and objects whose keys are mostly model member names.
pub fn json_text() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        (-1e6f64..1e6).prop_map(|f| format!("{f:?}")),
        prop::sample::select(NUMBERS).prop_map(str::to_string),
        prop::sample::select(STRINGS).prop_map(|s| serde_json::to_string(s).unwrap()),
        "\\PC{0,40}".prop_map(|s| serde_json::to_string(&s).unwrap()),
        "[\\x00-\\x1f\\x7f\"\\\\a ]{0,8}".prop_map(|s| serde_json::to_string(&s).unwrap()),
    ];
    nested(leaf.boxed())
}

/// [`json_text`] whose numbers are small integers, so that JavaScript's
/// `JSON.parse` and `JSON.stringify` give the same text back (the random
/// corpus is replayed as objects by the npm package's tests).
pub fn portable_json_text() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        (-100i64..100).prop_map(|n| n.to_string()),
        prop::sample::select(STRINGS).prop_map(|s| serde_json::to_string(s).unwrap()),
        "[a-zA-Z0-9 :/._#-]{0,20}".prop_map(|s| serde_json::to_string(&s).unwrap()),
    ];
    nested(leaf.boxed())
}

fn nested(leaf: BoxedStrategy<String>) -> impl Strategy<Value = String> {
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8)
                .prop_map(|items| format!("[{}]", items.join(","))),
            prop::collection::vec(
                (
                    prop_oneof![
                        prop::sample::select(KEYS).prop_map(str::to_string),
                        "[a-zA-Z:./_-]{0,12}"
                    ],
                    inner
                ),
                0..8
            )
            .prop_map(|members| {
                let body: Vec<String> = members
                    .into_iter()
                    .map(|(k, v)| format!("{}:{v}", serde_json::to_string(&k).unwrap()))
                    .collect();
                format!("{{{}}}", body.join(","))
            }),
        ]
    })
}

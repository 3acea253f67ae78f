//! The semantic layer through `check`: every rule of docs/REFERENCE.md section 5.

use idpool::{Checker, Code, Report, check, login_keys, model::IdentityPool};

const POOL_ID: &str = "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

fn pool_with(extra: &str) -> String {
    format!(
        r#"{{"IdentityPoolId":"{POOL_ID}","IdentityPoolName":"Photos","AllowUnauthenticatedIdentities":false{extra}}}"#
    )
}

fn report(target: &str, input: &str) -> Report {
    check(target, input).unwrap()
}

fn errors(report: &Report) -> Vec<(&str, Code)> {
    report
        .errors
        .iter()
        .map(|i| (i.path.as_str(), i.code))
        .collect()
}

fn warnings(report: &Report) -> Vec<(&str, Code)> {
    report
        .warnings
        .iter()
        .map(|i| (i.path.as_str(), i.code))
        .collect()
}

#[test]
fn a_user_pool_host_in_another_region_than_its_pool_id_is_a_region_mismatch() {
    let r = report(
        "IdentityPool",
        &pool_with(
            r#","CognitoIdentityProviders":[{"ProviderName":"cognito-idp.eu-west-1.amazonaws.com/us-east-1_AbCdEfGhI","ClientId":"abc"}]"#,
        ),
    );
    assert_eq!(
        errors(&r),
        [(
            "/CognitoIdentityProviders/0/ProviderName",
            Code::RegionMismatch
        )]
    );
    assert_eq!(r.errors[0].exception, "InvalidParameterException");
    assert_eq!(
        r.service_error.as_ref().unwrap().kind,
        "InvalidParameterException"
    );
}

#[test]
fn a_role_arn_in_the_oidc_list_is_an_invalid_arn() {
    let r = report(
        "IdentityPool",
        &pool_with(r#","OpenIdConnectProviderARNs":["arn:aws:iam::123456789012:role/x"]"#),
    );
    assert_eq!(
        errors(&r),
        [("/OpenIdConnectProviderARNs/0", Code::InvalidArn)]
    );
    assert!(
        r.errors[0].message.contains("oidc-provider"),
        "{}",
        r.errors[0].message
    );
}

#[test]
fn arns_are_checked_for_their_slot() {
    let r = report(
        "IdentityPool",
        &pool_with(
            r#","SamlProviderARNs":["arn:aws:iam::123456789012:oidc-provider/x.example.com"]"#,
        ),
    );
    assert_eq!(errors(&r), [("/SamlProviderARNs/0", Code::InvalidArn)]);
    let r = report(
        "GetCredentialsForIdentity",
        r#"{"IdentityId":"us-east-1:5a7d74f5-93d8-4586-b59c-8f2a25d9f696","CustomRoleArn":"arn:aws:s3:::my-bucket-name"}"#,
    );
    assert_eq!(errors(&r), [("/CustomRoleArn", Code::InvalidArn)]);
    let r = report(
        "TagResource",
        r#"{"ResourceArn":"arn:aws:iam::123456789012:role/NotAPool","Tags":{"team":"photos"}}"#,
    );
    assert_eq!(errors(&r), [("/ResourceArn", Code::InvalidArn)]);
}

#[test]
fn ids_that_pass_the_pattern_but_cannot_exist_are_malformed() {
    for id in [
        "us-east-1:abc",
        "useast1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
        "US-EAST-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
    ] {
        let r = report(
            "DescribeIdentityPool",
            &format!(r#"{{"IdentityPoolId":"{id}"}}"#),
        );
        assert_eq!(errors(&r), [("/IdentityPoolId", Code::MalformedId)], "{id}");
        let service = r.service_error.unwrap();
        assert_eq!(service.kind, "ResourceNotFoundException");
        assert_eq!(service.message, format!("IdentityPool '{id}' not found."));
    }
}

#[test]
fn an_id_failing_the_pattern_gets_only_the_pattern_error() {
    let r = report(
        "DescribeIdentityPool",
        r#"{"IdentityPoolId":"us-east-1_AbCdEfGhI"}"#,
    );
    assert_eq!(errors(&r), [("/IdentityPoolId", Code::Pattern)]);
}

#[test]
fn identity_and_pool_in_different_regions_mismatch() {
    let r = report(
        "GetOpenIdTokenForDeveloperIdentity",
        &format!(
            r#"{{"IdentityPoolId":"{POOL_ID}","IdentityId":"eu-west-1:5a7d74f5-93d8-4586-b59c-8f2a25d9f696","Logins":{{"login.example.com":"alice"}}}}"#
        ),
    );
    assert_eq!(errors(&r), [("/IdentityId", Code::RegionMismatch)]);
}

#[test]
fn iam_arns_must_be_in_the_pools_partition() {
    let r = report(
        "SetIdentityPoolRoles",
        r#"{"IdentityPoolId":"cn-north-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
            "Roles":{"authenticated":"arn:aws:iam::123456789012:role/Auth","unauthenticated":"arn:aws-cn:iam::123456789012:role/Unauth"}}"#,
    );
    assert_eq!(errors(&r), [("/Roles/authenticated", Code::RegionMismatch)]);
}

#[test]
fn user_pool_entries_need_a_provider_name_and_client_id() {
    let r = report(
        "IdentityPool",
        &pool_with(
            r#","CognitoIdentityProviders":[{"ClientId":"abc"},{"ProviderName":"cognito-idp.us-east-1.amazonaws.com/us-east-1_A"},{"ProviderName":"login.example.com/pool","ClientId":"abc"}]"#,
        ),
    );
    assert_eq!(
        errors(&r),
        [
            ("/CognitoIdentityProviders/0", Code::InvalidUserPoolProvider),
            ("/CognitoIdentityProviders/1", Code::InvalidUserPoolProvider),
            (
                "/CognitoIdentityProviders/2/ProviderName",
                Code::InvalidUserPoolProvider
            ),
        ]
    );
    assert_eq!(
        r.service_error.unwrap().message,
        "Invalid Cognito Identity Provider"
    );
}

#[test]
fn providers_configured_twice_in_conflicting_ways_are_duplicates() {
    let r = report(
        "IdentityPool",
        &pool_with(
            r#","SupportedLoginProviders":{"Facebook":"111","graph.facebook.com":"222","google":"1-a.apps.googleusercontent.com","accounts.google.com":"1-a.apps.googleusercontent.com"},
               "CognitoIdentityProviders":[
                 {"ProviderName":"cognito-idp.us-east-1.amazonaws.com/us-east-1_A","ClientId":"c","ServerSideTokenCheck":true},
                 {"ProviderName":"Cognito-IDP.us-east-1.amazonaws.com/us-east-1_A","ClientId":"c","ServerSideTokenCheck":false}]"#,
        ),
    );
    assert_eq!(
        errors(&r),
        [
            (
                "/SupportedLoginProviders/graph.facebook.com",
                Code::Duplicate
            ),
            ("/CognitoIdentityProviders/1", Code::Duplicate),
        ]
    );
    assert!(r.errors[0].key);
}

#[test]
fn one_login_key_from_two_kinds_of_provider_is_a_duplicate() {
    let r = report(
        "IdentityPool",
        &pool_with(
            r#","SupportedLoginProviders":{"accounts.google.com":"1-a.apps.googleusercontent.com"},
               "OpenIdConnectProviderARNs":["arn:aws:iam::123456789012:oidc-provider/accounts.google.com"]"#,
        ),
    );
    assert_eq!(
        errors(&r),
        [("/OpenIdConnectProviderARNs", Code::Duplicate)]
    );
}

#[test]
fn tags_are_limited_to_fifty_and_aws_keys_are_reserved() {
    let tags: Vec<String> = (0..51).map(|i| format!("\"k{i}\":\"v\"")).collect();
    let r = report(
        "IdentityPool",
        &pool_with(&format!(r#","IdentityPoolTags":{{{}}}"#, tags.join(","))),
    );
    assert_eq!(errors(&r), [("/IdentityPoolTags", Code::TagLimit)]);
    assert_eq!(r.errors[0].params.actual, Some(51));
    let r = report(
        "IdentityPool",
        &pool_with(r#","IdentityPoolTags":{"AWS:owner":"x","ok":"y","é🂭":"z"}"#),
    );
    assert_eq!(
        errors(&r),
        [("/IdentityPoolTags/AWS:owner", Code::TagLimit)]
    );
    assert!(r.errors[0].key);
    let r = report(
        "UntagResource",
        &format!(
            r#"{{"ResourceArn":"arn:aws:cognito-identity:us-east-1:123456789012:identitypool/{POOL_ID}","TagKeys":["team","aws:createdBy"]}}"#
        ),
    );
    assert_eq!(errors(&r), [("/TagKeys/1", Code::TagLimit)]);
}

#[test]
fn rules_mappings_need_their_configuration_and_a_resolution() {
    let r = report(
        "SetIdentityPoolRoles",
        &format!(
            r#"{{"IdentityPoolId":"{POOL_ID}","Roles":{{}},"RoleMappings":{{"graph.facebook.com":{{"Type":"Rules"}}}}}}"#
        ),
    );
    assert_eq!(
        errors(&r),
        [
            (
                "/RoleMappings/graph.facebook.com/RulesConfiguration",
                Code::Required
            ),
            (
                "/RoleMappings/graph.facebook.com/AmbiguousRoleResolution",
                Code::Required
            ),
        ]
    );
    assert_eq!(r.errors[0].exception, "InvalidParameterException");
    assert_eq!(r.service_error.unwrap().kind, "InvalidParameterException");
}

#[test]
fn role_mapping_keys_must_be_configured_providers_of_the_pool() {
    let pool = pool_with(
        r#","SupportedLoginProviders":{"graph.facebook.com":"123"},
           "OpenIdConnectProviderARNs":["arn:aws:iam::123456789012:oidc-provider/auth.example.com"],
           "CognitoIdentityProviders":[{"ProviderName":"cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC","ClientId":"client1"}]"#,
    );
    let mapping = r#"{"Type":"Token","AmbiguousRoleResolution":"Deny"}"#;
    let roles = format!(
        r#"{{"IdentityPoolId":"{POOL_ID}","Roles":{{}},"RoleMappings":{{
            "Facebook":{mapping},
            "arn:aws:iam::123456789012:oidc-provider/auth.example.com":{mapping},
            "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC:client1":{mapping},
            "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC:client2":{mapping},
            "accounts.google.com":{mapping}}}}}"#
    );
    let r = Checker::new()
        .check_with_pool("SetIdentityPoolRoles", &roles, &pool)
        .unwrap();
    assert_eq!(
        errors(&r),
        [
            (
                "/RoleMappings/cognito-idp.us-east-1.amazonaws.com~1us-east-1_AbC:client2",
                Code::RoleMappingProvider
            ),
            (
                "/RoleMappings/accounts.google.com",
                Code::RoleMappingProvider
            ),
        ]
    );
    assert_eq!(
        r.service_error.unwrap().message,
        "(cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC:client2) is not a valid RoleMapping ProviderName or is not a configured provider."
    );
    // Without a pool there is nothing to check the keys against.
    assert!(report("SetIdentityPoolRoles", &roles).ok);
}

/// The key from the public reports (aws-cdk issues 19222 and 22951): a
/// user pool's ProviderURL used as a RoleMappings key. The service answers
/// `(https://…) is not a valid RoleMapping ProviderName or is not a
/// configured provider.`; normalization still offers the bare name.
#[test]
fn a_role_mapping_key_written_as_a_url_is_refused_with_or_without_a_pool() {
    const URL_KEY: &str = "https://cognito-idp.us-west-2.amazonaws.com/us-west-2_ABCDEFGHI";
    const BARE: &str = "cognito-idp.us-west-2.amazonaws.com/us-west-2_ABCDEFGHI";
    let roles = format!(
        r#"{{"IdentityPoolId":"us-west-2:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0","Roles":{{}},
            "RoleMappings":{{"{URL_KEY}":{{"Type":"Token","AmbiguousRoleResolution":"Deny"}}}}}}"#
    );
    let pool = format!(
        r#"{{"IdentityPoolId":"us-west-2:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0","IdentityPoolName":"Photos",
            "AllowUnauthenticatedIdentities":false,
            "CognitoIdentityProviders":[{{"ProviderName":"{BARE}","ClientId":"client1"}}]}}"#
    );
    let without_pool = report("SetIdentityPoolRoles", &roles);
    let with_pool = Checker::new()
        .check_with_pool("SetIdentityPoolRoles", &roles, &pool)
        .unwrap();
    let pointer =
        "/RoleMappings/https:~1~1cognito-idp.us-west-2.amazonaws.com~1us-west-2_ABCDEFGHI";
    for r in [&without_pool, &with_pool] {
        assert!(!r.ok);
        assert_eq!(errors(r), [(pointer, Code::RoleMappingProvider)]);
        assert!(r.errors[0].key);
        assert_eq!(r.errors[0].exception, "InvalidParameterException");
        assert!(
            r.errors[0].message.contains(BARE),
            "{}",
            r.errors[0].message
        );
        let service = r.service_error.as_ref().unwrap();
        assert_eq!(service.kind, "InvalidParameterException");
        assert_eq!(
            service.message,
            format!(
                "({URL_KEY}) is not a valid RoleMapping ProviderName or is not a configured provider."
            )
        );
        // The fix stays on offer.
        assert_eq!(r.changes.len(), 1);
        assert_eq!(r.changes[0].path, pointer);
        let normalized = r.normalized.as_ref().unwrap().value();
        assert!(
            normalized
                .get("RoleMappings")
                .and_then(|m| m.get(BARE))
                .is_some()
        );
    }
    // With the pool, params list what it accepts; without, there is no list.
    assert!(with_pool.errors[0].params.allowed.is_some());
    assert!(without_pool.errors[0].params.allowed.is_none());
    // The bare key passes, with the pool and without.
    let fixed = roles.replace(URL_KEY, BARE);
    assert!(report("SetIdentityPoolRoles", &fixed).ok);
    assert!(
        Checker::new()
            .check_with_pool("SetIdentityPoolRoles", &fixed, &pool)
            .unwrap()
            .ok
    );
    // A trailing slash is a URL form too.
    let slash = roles.replace(URL_KEY, &format!("{BARE}/"));
    assert_eq!(
        errors(&report("SetIdentityPoolRoles", &slash)),
        [(
            "/RoleMappings/cognito-idp.us-west-2.amazonaws.com~1us-west-2_ABCDEFGHI~1",
            Code::RoleMappingProvider
        )]
    );
}

#[test]
fn a_user_pool_provider_name_written_as_a_url_is_invalid() {
    for name in [
        "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI",
        "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI/",
        "HTTP://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI",
    ] {
        let r = report(
            "CreateIdentityPool",
            &format!(
                r#"{{"IdentityPoolName":"Photos","AllowUnauthenticatedIdentities":false,
                    "CognitoIdentityProviders":[{{"ProviderName":"{name}","ClientId":"abc"}}]}}"#
            ),
        );
        assert_eq!(
            errors(&r),
            [(
                "/CognitoIdentityProviders/0/ProviderName",
                Code::InvalidUserPoolProvider
            )],
            "{name}"
        );
        assert!(
            r.errors[0]
                .message
                .contains("\"cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI\""),
            "{}",
            r.errors[0].message
        );
        let service = r.service_error.as_ref().unwrap();
        assert_eq!(service.kind, "InvalidParameterException");
        assert_eq!(service.message, "Invalid Cognito Identity Provider");
        assert_eq!(r.changes.len(), 1, "{name}");
        assert_eq!(
            r.changes[0].path,
            "/CognitoIdentityProviders/0/ProviderName"
        );
    }
}

#[test]
fn a_logins_key_written_as_a_url_is_not_configured() {
    let url_key = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI";
    for target in ["GetCredentialsForIdentity", "GetId"] {
        let input = format!(
            r#"{{"IdentityPoolId":"{POOL_ID}","IdentityId":"us-east-1:5a7d74f5-93d8-4586-b59c-8f2a25d9f696",
                "Logins":{{"accounts.google.com":"t1","{url_key}":"eyJhbGciOiJSUzI1NiJ9.e30.c2ln"}}}}"#
        )
        .replace(
            if target == "GetId" {
                r#""IdentityId":"us-east-1:5a7d74f5-93d8-4586-b59c-8f2a25d9f696","#
            } else {
                r#""IdentityPoolId":"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0","#
            },
            "",
        );
        let r = report(target, &input);
        assert_eq!(
            errors(&r),
            [(
                "/Logins/https:~1~1cognito-idp.us-east-1.amazonaws.com~1us-east-1_AbCdEfGhI",
                Code::NotConfigured
            )],
            "{target}"
        );
        assert!(r.errors[0].key);
        let service = r.service_error.as_ref().unwrap();
        assert_eq!(service.kind, "NotAuthorizedException");
        assert_eq!(
            service.message,
            "Token is not from a supported provider of this identity pool."
        );
        assert!(
            r.errors[0]
                .message
                .contains("\"cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI\"")
        );
        // The token is never echoed, and the fix stays in `changes`.
        assert!(!r.to_json().contains("c2ln"));
        assert_eq!(r.changes.len(), 1);
    }
    // Where the service's text is not known, only its exception is given.
    let r = report(
        "GetOpenIdToken",
        r#"{"IdentityId":"us-east-1:5a7d74f5-93d8-4586-b59c-8f2a25d9f696","Logins":{"https://auth.example.com/":"t"}}"#,
    );
    assert_eq!(
        errors(&r),
        [("/Logins/https:~1~1auth.example.com~1", Code::NotConfigured)]
    );
    assert_eq!(r.errors[0].aws_message, None);
    let service = r.service_error.as_ref().unwrap();
    assert_eq!(service.kind, "NotAuthorizedException");
    assert_eq!(service.message, r.errors[0].message);
    assert!(service.message.contains("\"auth.example.com\""));
}

#[test]
fn the_pool_given_as_context_is_checked_too() {
    let roles = format!(r#"{{"IdentityPoolId":"{POOL_ID}","Roles":{{}}}}"#);
    let r = Checker::new()
        .check_with_pool(
            "SetIdentityPoolRoles",
            &roles,
            r#"{"IdentityPoolName":"x#"}"#,
        )
        .unwrap();
    assert_eq!(
        errors(&r),
        [
            ("/pool/IdentityPoolName", Code::Pattern),
            ("/pool/IdentityPoolId", Code::Required),
            ("/pool/AllowUnauthenticatedIdentities", Code::Required),
        ]
    );
    assert!(!r.ok);
}

#[test]
fn social_provider_warnings() {
    let r = report(
        "IdentityPool",
        &pool_with(
            r#","SupportedLoginProviders":{
                 "graph.facebook.com":"my-app",
                 "accounts.google.com":"12345",
                 "www.amazon.com":"amzn1.application-oa2-client.abc",
                 "api.twitter.com":"onlykey",
                 "appleid.apple.com":"photos",
                 "login.example.com":"x"}"#,
        ),
    );
    assert!(r.ok, "{:?}", r.errors);
    assert_eq!(
        warnings(&r),
        [
            (
                "/SupportedLoginProviders/graph.facebook.com",
                Code::SuspiciousProviderId
            ),
            (
                "/SupportedLoginProviders/accounts.google.com",
                Code::SuspiciousProviderId
            ),
            (
                "/SupportedLoginProviders/www.amazon.com",
                Code::SuspiciousProviderId
            ),
            (
                "/SupportedLoginProviders/api.twitter.com",
                Code::SuspiciousProviderId
            ),
            (
                "/SupportedLoginProviders/appleid.apple.com",
                Code::SuspiciousProviderId
            ),
            (
                "/SupportedLoginProviders/login.example.com",
                Code::UnknownLoginProvider
            ),
        ]
    );
}

#[test]
fn unknown_regions_are_warnings() {
    let r = report(
        "DescribeIdentityPool",
        r#"{"IdentityPoolId":"xx-future-9:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"}"#,
    );
    assert!(r.ok);
    assert_eq!(warnings(&r), [("/IdentityPoolId", Code::UnknownRegion)]);
}

#[test]
fn the_examples_have_no_semantic_issues() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    for (target, file) in [
        ("CreateIdentityPool", "create-identity-pool.json"),
        ("IdentityPool", "describe-identity-pool-output.json"),
        (
            "GetCredentialsForIdentity",
            "get-credentials-for-identity.json",
        ),
        ("SetIdentityPoolRoles", "set-identity-pool-roles.json"),
    ] {
        let r = report(target, &std::fs::read_to_string(root.join(file)).unwrap());
        assert!(
            r.ok && r.warnings.is_empty(),
            "{file}: {:?} {:?}",
            r.errors,
            r.warnings
        );
    }
}

#[test]
fn login_keys_lists_every_kind_of_provider() {
    let pool: IdentityPool = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../examples/describe-identity-pool-output.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let keys: Vec<(String, idpool::ProviderKind)> = login_keys(&pool)
        .into_iter()
        .map(|k| (k.key, k.kind))
        .collect();
    use idpool::ProviderKind::*;
    assert_eq!(
        keys,
        [
            ("graph.facebook.com".to_string(), Social),
            ("accounts.google.com".to_string(), Social),
            ("auth.example.com".to_string(), Oidc),
            (
                "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI".to_string(),
                UserPool
            ),
            (
                "arn:aws:iam::123456789012:saml-provider/CorpIdP".to_string(),
                Saml
            ),
            ("cognito-identity.amazonaws.com".to_string(), Developer),
        ]
    );
}

//! `idpool::check` end to end: service messages, map grammar, limits,
//! redaction, and every issue code of the constraint layer.

use idpool::{Checker, Code, Limits, Report, check, check_bytes};

const POOL_ID: &str = "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
const IDENTITY_ID: &str = "us-east-1:5a7d74f5-93d8-4586-b59c-8f2a25d9f696";

fn report(target: &str, input: &str) -> Report {
    check(target, input).expect("known target")
}

fn codes(report: &Report) -> Vec<(&str, Code)> {
    report
        .errors
        .iter()
        .map(|i| (i.path.as_str(), i.code))
        .collect()
}

fn service_message(report: &Report) -> &str {
    &report
        .service_error
        .as_ref()
        .expect("a service error")
        .message
}

#[test]
fn reproduces_the_service_message_for_a_bad_pool_name() {
    let r = report(
        "CreateIdentityPool",
        r#"{"IdentityPoolName":"pool#name","AllowUnauthenticatedIdentities":true}"#,
    );
    assert_eq!(codes(&r), [("/IdentityPoolName", Code::Pattern)]);
    assert_eq!(
        service_message(&r),
        r"1 validation error detected: Value 'pool#name' at 'identityPoolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w\s+=,.@-]+"
    );
    assert_eq!(r.errors[0].exception, "ValidationException");
    assert!(
        r.errors[0]
            .message
            .contains("'#', character 5, is not allowed"),
        "{}",
        r.errors[0].message
    );
}

#[test]
fn reproduces_the_service_message_for_an_empty_pool_id() {
    let r = report("DescribeIdentityPool", r#"{"IdentityPoolId":""}"#);
    assert_eq!(
        codes(&r),
        [
            ("/IdentityPoolId", Code::Length),
            ("/IdentityPoolId", Code::Pattern)
        ]
    );
    assert_eq!(
        service_message(&r),
        r"2 validation errors detected: Value '' at 'identityPoolId' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w-]+:[0-9a-f-]+"
    );
    let length = &r.errors[0].params;
    assert_eq!(
        (length.min, length.max, length.actual),
        (Some(1), Some(55), Some(0))
    );
}

#[test]
fn nested_list_members_use_the_service_list_path() {
    let input = format!(
        r#"{{"IdentityPoolId":"{POOL_ID}","IdentityPoolName":"p","AllowUnauthenticatedIdentities":false,
           "CognitoIdentityProviders":[{{"ProviderName":"cognito-idp.us-east-1.amazonaws.com/us-east-1_A","ClientId":"bad client"}}]}}"#
    );
    let r = report("IdentityPool", &input);
    assert_eq!(
        codes(&r),
        [("/CognitoIdentityProviders/0/ClientId", Code::Pattern)]
    );
    assert_eq!(
        r.errors[0].aws_message.as_deref(),
        Some(
            r"Value 'bad client' at 'cognitoIdentityProviders.1.member.clientId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w_]+"
        )
    );
}

#[test]
fn map_values_name_the_map_and_redact_tokens() {
    let long = "x".repeat(50_001);
    let input =
        format!(r#"{{"IdentityId":"{IDENTITY_ID}","Logins":{{"graph.facebook.com":"{long}"}}}}"#);
    let r = report("GetCredentialsForIdentity", &input);
    assert_eq!(codes(&r), [("/Logins/graph.facebook.com", Code::Length)]);
    assert!(!r.errors[0].key);
    assert_eq!(
        r.errors[0].aws_message.as_deref(),
        Some(
            "Value '{graph.facebook.com=*** Sensitive Data Redacted ***}' at 'logins' failed to satisfy constraint: \
             Map value must satisfy constraint: [Member must have length less than or equal to 50000, \
             Member must have length greater than or equal to 1]"
        )
    );
    assert!(!r.to_json().contains(&long[..100]));
}

#[test]
fn an_empty_token_renders_empty_as_the_service_does() {
    let input = format!(r#"{{"IdentityId":"{IDENTITY_ID}","Logins":{{"graph.facebook.com":""}}}}"#);
    let r = report("GetCredentialsForIdentity", &input);
    assert_eq!(codes(&r), [("/Logins/graph.facebook.com", Code::Length)]);
    assert!(
        service_message(&r)
            .starts_with("1 validation error detected: Value '{graph.facebook.com=}' at 'logins'"),
        "{}",
        service_message(&r)
    );
}

#[test]
fn map_keys_are_flagged_as_keys() {
    let key = "k".repeat(129);
    let input = format!(
        r#"{{"IdentityPoolName":"p","AllowUnauthenticatedIdentities":false,"SupportedLoginProviders":{{"{key}":"1"}}}}"#
    );
    let r = report("CreateIdentityPool", &input);
    assert_eq!(
        codes(&r),
        [(
            format!("/SupportedLoginProviders/{key}").as_str(),
            Code::Length
        )]
    );
    assert!(r.errors[0].key);
    assert!(
        r.errors[0]
            .aws_message
            .as_deref()
            .unwrap()
            .ends_with("Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]")
    );
}

#[test]
fn several_broken_constraints_of_one_map_entry_are_one_service_error() {
    // A Roles key that is too long and breaks the pattern.
    let key = "a".repeat(129);
    let input = format!(
        r#"{{"IdentityPoolId":"{POOL_ID}","Roles":{{"{key}":"arn:aws:iam::123456789012:role/A"}}}}"#
    );
    let r = report("SetIdentityPoolRoles", &input);
    assert_eq!(r.errors.len(), 2);
    assert!(
        service_message(&r).starts_with("1 validation error detected: "),
        "{}",
        service_message(&r)
    );
}

#[test]
fn pointer_tokens_are_escaped() {
    let input = format!(
        r#"{{"IdentityId":"{IDENTITY_ID}","Logins":{{"cognito-idp.us-east-1.amazonaws.com/us-east-1_A~b":""}}}}"#
    );
    let r = report("GetCredentialsForIdentity", &input);
    assert_eq!(
        r.errors[0].path,
        "/Logins/cognito-idp.us-east-1.amazonaws.com~1us-east-1_A~0b"
    );
}

#[test]
fn missing_required_members_come_after_present_ones_in_model_order() {
    let r = report(
        "CreateIdentityPool",
        r#"{"DeveloperProviderName":"bad name"}"#,
    );
    assert_eq!(
        codes(&r),
        [
            ("/DeveloperProviderName", Code::Pattern),
            ("/IdentityPoolName", Code::Required),
            ("/AllowUnauthenticatedIdentities", Code::Required),
        ]
    );
    assert!(service_message(&r).starts_with("3 validation errors detected: "));
    assert!(service_message(&r).contains(
        "Value null at 'identityPoolName' failed to satisfy constraint: Member must not be null"
    ));
}

#[test]
fn null_members_count_as_absent() {
    let r = report(
        "CreateIdentityPool",
        r#"{"IdentityPoolName":null,"AllowUnauthenticatedIdentities":true,"DeveloperProviderName":null}"#,
    );
    assert_eq!(codes(&r), [("/IdentityPoolName", Code::Required)]);
    assert_eq!(r.errors[0].message, "IdentityPoolName must not be null.");
}

#[test]
fn wrong_types_are_serialization_errors() {
    let r = report(
        "CreateIdentityPool",
        r#"{"IdentityPoolName":5,"AllowUnauthenticatedIdentities":"true","OpenIdConnectProviderARNs":{},"IdentityPoolTags":[]}"#,
    );
    assert_eq!(
        codes(&r),
        [
            ("/IdentityPoolName", Code::Type),
            ("/AllowUnauthenticatedIdentities", Code::Type),
            ("/OpenIdConnectProviderARNs", Code::Type),
            ("/IdentityPoolTags", Code::Type),
        ]
    );
    assert_eq!(
        r.errors[0].message,
        "IdentityPoolName must be a string, not an integer."
    );
    assert_eq!(r.errors[1].params.expected.as_deref(), Some("boolean"));
    assert_eq!(r.errors[1].params.found.as_deref(), Some("string"));
    let service = r.service_error.as_ref().unwrap();
    assert_eq!(service.kind, "SerializationException");
    assert_eq!(service.message, r.errors[0].message);
}

#[test]
fn top_level_null_and_arrays_are_type_errors() {
    for input in ["null", "[]", "\"x\"", "1"] {
        let r = report("DescribeIdentityPool", input);
        assert_eq!(codes(&r), [("", Code::Type)], "{input}");
    }
}

#[test]
fn unknown_members_are_reported_in_sdk_style() {
    let input = format!(
        r#"{{"IdentityPoolId":"{POOL_ID}","Extra":1,"Roles":{{}},"RoleMappings":{{"graph.facebook.com":{{"Type":"Token","AmbiguousRoleResolution":"Deny","Bogus":true}}}}}}"#
    );
    let r = report("SetIdentityPoolRoles", &input);
    assert_eq!(
        codes(&r),
        [
            ("/Extra", Code::UnknownMember),
            (
                "/RoleMappings/graph.facebook.com/Bogus",
                Code::UnknownMember
            )
        ]
    );
    assert_eq!(
        r.errors[0].message,
        "Unknown parameter in input: \"Extra\", must be one of: IdentityPoolId, Roles, RoleMappings"
    );
    assert_eq!(r.errors[0].exception, "ParamValidation");
    assert!(
        r.errors[1]
            .message
            .starts_with("Unknown parameter in RoleMappings[\"graph.facebook.com\"]: \"Bogus\"")
    );
}

#[test]
fn map_of_structures_uses_the_member_path() {
    let input = format!(
        r#"{{"IdentityPoolId":"{POOL_ID}","Roles":{{}},"RoleMappings":{{"graph.facebook.com":{{"Type":"Tokens"}}}}}}"#
    );
    let r = report("SetIdentityPoolRoles", &input);
    assert_eq!(
        codes(&r),
        [("/RoleMappings/graph.facebook.com/Type", Code::Enum)]
    );
    assert_eq!(
        r.errors[0].aws_message.as_deref(),
        Some(
            "Value 'Tokens' at 'roleMappings.graph.facebook.com.member.type' failed to satisfy constraint: Member must satisfy enum value set: [Token, Rules]"
        )
    );
    assert_eq!(
        r.errors[0].params.allowed.as_deref(),
        Some(&["Token".to_string(), "Rules".to_string()][..])
    );
}

#[test]
fn integer_ranges_and_literals() {
    let cases = [
        ("0", Some(Code::Range)),
        ("1", None),
        ("60", None),
        ("61", Some(Code::Range)),
        ("-5", Some(Code::Range)),
        ("100000000000000000000000", Some(Code::Range)),
        ("5.5", Some(Code::Type)),
        ("1e1", Some(Code::Type)),
    ];
    for (value, expected) in cases {
        let r = report("ListIdentityPools", &format!(r#"{{"MaxResults":{value}}}"#));
        assert_eq!(
            r.errors.first().map(|i| i.code),
            expected,
            "MaxResults {value}"
        );
    }
    let r = report("ListIdentityPools", r#"{"MaxResults":61}"#);
    assert_eq!(
        service_message(&r),
        "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60"
    );
}

#[test]
fn timestamps_accept_epoch_seconds_and_rfc3339() {
    for ok in [
        "1764103600",
        "1764103600.5",
        "\"2025-11-26T06:15:24Z\"",
        "\"2025-11-26T06:15:24.123+01:00\"",
    ] {
        let r = report("Credentials", &format!(r#"{{"Expiration":{ok}}}"#));
        assert!(r.ok, "{ok}: {:?}", r.errors);
    }
    for bad in [
        "\"tomorrow\"",
        "\"2025-13-01T00:00:00Z\"",
        "\"2025-11-26\"",
        "true",
    ] {
        let r = report("Credentials", &format!(r#"{{"Expiration":{bad}}}"#));
        assert_eq!(codes(&r), [("/Expiration", Code::Type)], "{bad}");
    }
}

#[test]
fn list_bounds_and_null_entries() {
    let r = report("DeleteIdentities", r#"{"IdentityIdsToDelete":[]}"#);
    assert_eq!(codes(&r), [("/IdentityIdsToDelete", Code::Length)]);
    assert_eq!(
        service_message(&r),
        "1 validation error detected: Value '[]' at 'identityIdsToDelete' failed to satisfy constraint: Member must have length greater than or equal to 1"
    );
    let r = report(
        "DeleteIdentities",
        &format!(r#"{{"IdentityIdsToDelete":["{IDENTITY_ID}",null]}}"#),
    );
    assert_eq!(codes(&r), [("/IdentityIdsToDelete/1", Code::Required)]);
    assert_eq!(
        service_message(&r),
        "1 validation error detected: Value null at 'identityIdsToDelete.2.member' failed to satisfy constraint: Member must not be null"
    );
}

#[test]
fn duplicate_keys_are_refused() {
    let r = report(
        "DescribeIdentityPool",
        &format!(r#"{{"IdentityPoolId":"{POOL_ID}","IdentityPoolId":"x"}}"#),
    );
    assert_eq!(codes(&r), [("/IdentityPoolId", Code::Syntax)]);
    assert!(r.errors[0].key);
}

#[test]
fn shape_targets_validate_bare_values() {
    let r = report("IdentityPoolId", "\"us-east-1_AbCdEfGhI\"");
    assert_eq!(codes(&r), [("", Code::Pattern)]);
    assert!(service_message(&r).contains("at 'identityPoolId'"));
    assert!(report("IdentityPoolId", &format!("\"{POOL_ID}\"")).ok);
    assert!(report("TagResourceResponse", "{}").ok);
    assert_eq!(
        codes(&report("TagResourceResponse", r#"{"a":1}"#)),
        [("/a", Code::UnknownMember)]
    );
}

#[test]
fn sensitive_values_never_appear_in_reports() {
    let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY";
    let r = report(
        "Credentials",
        &format!(r#"{{"SecretKey":{{"nested":"{secret}"}},"SessionToken":5}}"#),
    );
    assert!(!r.ok);
    assert!(!r.to_json().contains(secret));
    assert!(!format!("{r:?}").contains(secret));
}

#[test]
fn syntax_errors_carry_line_and_column() {
    let r = report("DescribeIdentityPool", "{\n  \"IdentityPoolId\": \"x\",\n}");
    assert_eq!(codes(&r), [("", Code::Syntax)]);
    assert_eq!(r.errors[0].params.line, Some(3));
    assert_eq!(r.errors[0].exception, "SerializationException");
    assert_eq!(
        r.service_error.as_ref().unwrap().kind,
        "SerializationException"
    );
    assert!(
        r.errors[0]
            .message
            .starts_with("The input is not valid JSON: ")
    );
}

#[test]
fn input_limits_are_enforced() {
    let too_big = format!("\"{}\"", "a".repeat(1 << 20));
    let r = report("IdentityPoolName", &too_big);
    assert_eq!(codes(&r), [("", Code::Syntax)]);
    assert_eq!(r.errors[0].params.limit, Some(1 << 20));

    let deep_ok = format!("{}{}", "[".repeat(64), "]".repeat(64));
    assert_eq!(
        report("IdentityPoolId", &deep_ok).errors[0].code,
        Code::Type
    );
    let too_deep = format!("{}{}", "[".repeat(65), "]".repeat(65));
    let r = report("IdentityPoolId", &too_deep);
    assert_eq!(codes(&r), [("", Code::Syntax)]);
    assert_eq!(r.errors[0].params.limit, Some(64));

    let r = check_bytes("DescribeIdentityPool", b"{\"IdentityPoolId\":\"\xc3\x28\"}").unwrap();
    assert_eq!(codes(&r), [("", Code::Syntax)]);
    assert_eq!(r.errors[0].params.column, Some(20));

    let strict = Checker::with_limits(Limits {
        max_input_bytes: 10,
        max_depth: 2,
        ..Limits::default()
    })
    .unwrap();
    assert_eq!(
        strict
            .check("IdentityPoolId", "\"0123456789\"")
            .unwrap()
            .errors[0]
            .code,
        Code::Syntax
    );
    assert_eq!(
        strict
            .check("RoleMappingMap", r#"{"a":{"b":{}}}"#)
            .unwrap()
            .errors[0]
            .code,
        Code::Syntax
    );
}

#[test]
fn a_byte_order_mark_is_skipped() {
    assert!(
        report(
            "DescribeIdentityPool",
            &format!("\u{feff}{{\"IdentityPoolId\":\"{POOL_ID}\"}}")
        )
        .ok
    );
}

#[test]
fn unknown_targets_are_errors_with_a_suggestion() {
    let err = check("describeIdentityPool", "{}").unwrap_err();
    assert_eq!(err.suggestion, Some("DescribeIdentityPool"));
    assert_eq!(
        err.to_string(),
        "unknown target \"describeIdentityPool\": not an operation or shape of the model (did you mean \"DescribeIdentityPool\"?)"
    );
    assert_eq!(check("Nope", "{}").unwrap_err().suggestion, None);
}

#[test]
fn every_target_checks_an_empty_object_without_panicking() {
    let mut count = 0;
    for target in idpool::targets() {
        let r = report(target, "{}");
        assert_eq!(r.ok, r.errors.is_empty());
        assert_eq!(r.ok, r.service_error.is_none());
        count += 1;
    }
    assert_eq!(count, 23 + 111);
}

#[test]
fn the_examples_are_clean() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    for (target, file) in [
        ("CreateIdentityPool", "create-identity-pool.json"),
        (
            "DescribeIdentityPool",
            "../examples/describe-identity-pool-output.json",
        ),
        (
            "GetCredentialsForIdentity",
            "get-credentials-for-identity.json",
        ),
        ("SetIdentityPoolRoles", "set-identity-pool-roles.json"),
    ] {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        let target = if target == "DescribeIdentityPool" {
            "IdentityPool"
        } else {
            target
        };
        let r = report(target, &text);
        assert!(r.ok, "{file}: {:?}", r.errors);
    }
}

/// A `Logins` object with `n` distinct short keys and the given token.
fn huge_logins(n: usize, token: &str) -> String {
    let mut input = format!(r#"{{"IdentityId":"{IDENTITY_ID}","Logins":{{"#);
    for i in 0..n {
        if i > 0 {
            input.push(',');
        }
        // Keys of at most three characters from a 62-letter alphabet.
        const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        let mut key = Vec::new();
        let mut rest = i;
        loop {
            key.push(ALPHABET[rest % 62]);
            rest /= 62;
            if rest == 0 {
                break;
            }
        }
        let key = String::from_utf8(key).unwrap();
        input.push_str(&format!("\"{key}\":\"{token}\""));
    }
    input.push_str("}}");
    input
}

#[test]
fn a_huge_map_is_walked_in_linear_time() {
    // 100 000 distinct keys in under 1 MiB: one length issue for the map,
    // and no quadratic scan for repeated keys.
    let input = huge_logins(100_000, "t");
    assert!(input.len() < 1 << 20);
    let r = report("GetCredentialsForIdentity", &input);
    assert_eq!(codes(&r), [("/Logins", Code::Length)]);
    assert_eq!(r.errors[0].params.actual, Some(100_000));
    assert!(!r.truncated);
}

#[test]
fn errors_stop_at_the_limit_and_echoed_values_are_bounded() {
    // Every entry breaks the token's minimum length: the report keeps the
    // first 100 errors, says it was truncated, and each echo of the map is
    // cut at 4096 characters.
    let r = report("GetCredentialsForIdentity", &huge_logins(80_000, ""));
    assert!(r.truncated);
    assert_eq!(r.errors.len(), 100);
    assert_eq!(r.errors[0].path, "/Logins");
    assert_eq!(r.errors[1].path, "/Logins/0");
    let aws = r.errors[1].aws_message.as_deref().unwrap();
    assert!(aws.len() < 4096 + 300, "{} bytes", aws.len());
    assert!(aws.contains("...' at 'logins'"), "{aws}");
    assert!(r.to_json().len() < 2 << 20);

    let few = Checker::with_limits(Limits {
        max_issues: 3,
        ..Limits::default()
    })
    .unwrap();
    let r = few.check("CreateIdentityPool", "{}").unwrap();
    assert!(!r.truncated);
    let r = few
        .check("CreateIdentityPool", r#"{"A":1,"B":2,"C":3,"D":4}"#)
        .unwrap();
    assert!(r.truncated);
    assert_eq!(r.errors.len(), 3);
    assert!(r.to_json().contains("\"truncated\":true"));
}

/// Found by `scripts/fuzz.sh` (target `check`): a number beyond the range
/// of a double was accepted, then written as `null` in the report, which
/// then did not read back the same. Such numbers are now refused.
#[test]
fn regression_numbers_beyond_a_double_are_syntax_errors() {
    let input = "{\"IdentitynDuration\":8640999900000000000000000000000000000000000000000000000000000000001844674407E3709551607}";
    for target in [
        "GetCredentialsForIdentity",
        "GetOpenIdTokenForDeveloperIdentityInput",
    ] {
        let r = report(target, input);
        assert_eq!(codes(&r), [("", Code::Syntax)]);
        assert!(
            r.errors[0].message.contains("number out of range"),
            "{}",
            r.errors[0].message
        );
        let back: Report = serde_json::from_str(&r.to_json()).unwrap();
        assert_eq!(back, r);
    }
}

/// Found by `scripts/fuzz.sh` (target `check`): a float in the canonical
/// form (`6.0799999999999995e84`) read back as its neighbour, because the
/// default float parser of serde_json is not correctly rounded; reports
/// now parse floats exactly (serde_json's `float_roundtrip`).
#[test]
fn regression_floats_in_reports_read_back_exactly() {
    let input = r#"{"MaxResults":6080000000000000000000000000000000000000000204963823000000000000000000000000412172400,"N*xtToken":"abcğdef"}"#;
    let r = report("ListIdentityPools", input);
    assert_eq!(r.errors[0].code, Code::Range);
    let back: Report = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(back, r);
}

#[test]
fn a_credentials_context_with_many_keys_is_read_in_linear_time_and_bounded() {
    // 90 000 distinct unknown top-level keys (under 1 MiB), then a repeat.
    let mut input = String::from("{");
    for i in 0..90_000 {
        input.push_str(&format!("\"k{i:x}\":0,"));
    }
    input.push_str("\"k0\":1}");
    assert!(input.len() < 1 << 20);
    let r = idpool::resolve_credentials(&input);
    assert!(!r.ok);
    assert!(r.errors.len() <= 100, "{} errors", r.errors.len());
    assert_eq!(r.errors[0].code, Code::UnknownMember);
}

/// The position of invalid UTF-8 counts lines by `\n` and columns in
/// characters, not bytes, on a later line with multi-byte characters.
#[test]
fn invalid_utf8_position_counts_characters_on_its_line() {
    let r = check_bytes("DescribeIdentityPool", b"{\n \"a\xc3\xa9\": \"\xff\"}").unwrap();
    assert_eq!(r.errors[0].code, Code::Syntax);
    assert_eq!(r.errors[0].params.line, Some(2));
    assert_eq!(r.errors[0].params.column, Some(9));
}

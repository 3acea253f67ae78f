//! The token decoders: base64, JWT and SAML responses. Every token is built
//! here by a helper, never pasted; none is verified, only decoded.

use idpool::base64::{self, Alphabet, Base64Error};
use idpool::json::Value;
use idpool::jwt::{self, JwtError};
use idpool::saml::{self, ROLE_ATTRIBUTE, SamlError, XmlProblem};
use idpool::{SamlRole, saml_roles};
use proptest::prelude::*;
use serde_json::json;

// ---------------------------------------------------------------- builders

/// base64url without padding, as JWTs use it.
fn b64url(bytes: &[u8]) -> String {
    base64::encode(bytes, Alphabet::UrlSafe, false)
}

/// A compact JWS with a fake signature: `header.claims.signature`.
fn jwt_token(header: &serde_json::Value, claims: &serde_json::Value) -> String {
    format!(
        "{}.{}.{}",
        b64url(header.to_string().as_bytes()),
        b64url(claims.to_string().as_bytes()),
        b64url(b"not a real signature, never checked")
    )
}

fn rs256(kid: &str) -> serde_json::Value {
    json!({"kid": kid, "alg": "RS256"})
}

const USER_POOL_ISS: &str = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI";
const CLIENT_ID: &str = "7lhlkkfbfb4q5kpp90urffao";

/// A Cognito user-pool ID token as the service issues it.
fn cognito_id_token(roles: serde_json::Value) -> String {
    jwt_token(
        &rs256("abcdefghijklmnopqrsexample="),
        &json!({
            "sub": "aaaaaaaa-bbbb-cccc-dddd-example",
            "cognito:groups": ["admins", "developers"],
            "cognito:preferred_role": "arn:aws:iam::123456789012:role/Admins",
            "cognito:roles": roles,
            "email_verified": true,
            "iss": USER_POOL_ISS,
            "cognito:username": "janedoe",
            "origin_jti": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
            "aud": CLIENT_ID,
            "event_id": "cccccccc-dddd-eeee-ffff-aaaaaaaaaaaa",
            "token_use": "id",
            "auth_time": 1_700_000_000,
            "exp": 1_700_003_600,
            "iat": 1_700_000_000,
            "jti": "dddddddd-eeee-ffff-aaaa-bbbbbbbbbbbb",
            "email": "janedoe@example.com"
        }),
    )
}

/// A Cognito user-pool access token: `client_id` instead of `aud`.
fn cognito_access_token() -> String {
    jwt_token(
        &rs256("access-key-id"),
        &json!({
            "sub": "aaaaaaaa-bbbb-cccc-dddd-example",
            "cognito:groups": ["admins"],
            "iss": USER_POOL_ISS,
            "version": 2,
            "client_id": CLIENT_ID,
            "origin_jti": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
            "token_use": "access",
            "scope": "openid profile email",
            "auth_time": 1_700_000_000,
            "exp": 1_700_003_600,
            "iat": 1_700_000_000,
            "jti": "dddddddd-eeee-ffff-aaaa-bbbbbbbbbbbb",
            "username": "janedoe"
        }),
    )
}

fn google_id_token() -> String {
    jwt_token(
        &json!({"alg": "RS256", "kid": "0123456789abcdef", "typ": "JWT"}),
        &json!({
            "iss": "https://accounts.google.com",
            "azp": "1234987819200.apps.googleusercontent.com",
            "aud": "1234987819200.apps.googleusercontent.com",
            "sub": "10769150350006150715113082367",
            "hd": "example.com",
            "email": "jsmith@example.com",
            "email_verified": true,
            "at_hash": "HK6E_P6Dh8Y93mRNtsDB1Q",
            "nonce": "0394852-3190485-2490358",
            "iat": 1_700_000_000,
            "exp": 1_700_003_600
        }),
    )
}

fn apple_id_token() -> String {
    jwt_token(
        &json!({"kid": "W6WcOKB", "alg": "RS256"}),
        &json!({
            "iss": "https://appleid.apple.com",
            "aud": "com.example.photos",
            "exp": 1_700_086_400,
            "iat": 1_700_000_000,
            "sub": "001234.0123456789abcdef0123456789abcdef.0123",
            "c_hash": "Y8dKXnFyxhLQ",
            "email": "abc123@privaterelay.appleid.com",
            "email_verified": "true",
            "is_private_email": "true",
            "auth_time": 1_700_000_000,
            "nonce_supported": true,
            "real_user_status": 2
        }),
    )
}

/// XML namespace prefixes of the protocol and assertion elements ("" for
/// none, with default namespaces instead).
#[derive(Clone, Copy)]
struct Prefixes {
    protocol: &'static str,
    assertion: &'static str,
}

const SAMLP: Prefixes = Prefixes {
    protocol: "samlp",
    assertion: "saml",
};
const SAML2P: Prefixes = Prefixes {
    protocol: "saml2p",
    assertion: "saml2",
};
const UNPREFIXED: Prefixes = Prefixes {
    protocol: "",
    assertion: "",
};

fn tag(prefix: &str, local: &str) -> String {
    if prefix.is_empty() {
        local.to_string()
    } else {
        format!("{prefix}:{local}")
    }
}

/// One `Attribute` element; each value is an XML fragment placed inside an
/// `AttributeValue` (`None` writes a self-closing `AttributeValue`).
fn attribute(p: Prefixes, name: &str, values: &[Option<&str>]) -> String {
    let a = |local| tag(p.assertion, local);
    let mut xml = format!(
        "<{} Name=\"{name}\" NameFormat=\"urn:oasis:names:tc:SAML:2.0:attrname-format:uri\">",
        a("Attribute")
    );
    for value in values {
        match value {
            Some(fragment) => xml.push_str(&format!(
                "\n        <{0} xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" \
                 xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
                 xsi:type=\"xs:string\">{fragment}</{0}>",
                a("AttributeValue")
            )),
            None => xml.push_str(&format!("\n        <{}/>", a("AttributeValue"))),
        }
    }
    xml.push_str(&format!("\n      </{}>", a("Attribute")));
    xml
}

/// The parts of an `Assertion` before its `AttributeStatement`: issuer,
/// signature, subject, conditions and authentication statement.
fn assertion_preamble(p: Prefixes) -> String {
    let a = |local| tag(p.assertion, local);
    format!(
        r##"<{issuer}>https://idp.example.com/metadata</{issuer}>
    <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
      <ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
        <ds:Reference URI="#_a1"><ds:DigestValue>bm90IGEgZGlnZXN0</ds:DigestValue></ds:Reference>
      </ds:SignedInfo>
      <ds:SignatureValue>
bm90IGEgc2lnbmF0dXJl
      </ds:SignatureValue>
    </ds:Signature>
    <{subject}><{name_id} Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">jdoe</{name_id}>
      <{confirmation} Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
        <{data} NotOnOrAfter="2030-01-01T00:05:00Z" Recipient="https://signin.aws.amazon.com/saml"/>
      </{confirmation}>
    </{subject}>
    <{conditions} NotBefore="2030-01-01T00:00:00Z" NotOnOrAfter="2030-01-01T01:00:00Z">
      <{restriction}><{audience}>urn:amazon:webservices</{audience}></{restriction}>
    </{conditions}>
    <{authn} AuthnInstant="2030-01-01T00:00:00Z" SessionIndex="_s1">
      <{context}><{class_ref}>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</{class_ref}></{context}>
    </{authn}>"##,
        issuer = a("Issuer"),
        subject = a("Subject"),
        name_id = a("NameID"),
        confirmation = a("SubjectConfirmation"),
        data = a("SubjectConfirmationData"),
        conditions = a("Conditions"),
        restriction = a("AudienceRestriction"),
        audience = a("Audience"),
        authn = a("AuthnStatement"),
        context = a("AuthnContext"),
        class_ref = a("AuthnContextClassRef"),
    )
}

/// A whole SAML Response whose one assertion holds `attributes`.
fn saml_response(p: Prefixes, attributes: &[String]) -> String {
    let (pt, at) = (|l| tag(p.protocol, l), |l| tag(p.assertion, l));
    let protocol_ns = if p.protocol.is_empty() {
        "xmlns=\"urn:oasis:names:tc:SAML:2.0:protocol\"".to_string()
    } else {
        format!(
            "xmlns:{}=\"urn:oasis:names:tc:SAML:2.0:protocol\"",
            p.protocol
        )
    };
    let assertion_ns = if p.assertion.is_empty() {
        "xmlns=\"urn:oasis:names:tc:SAML:2.0:assertion\"".to_string()
    } else {
        format!(
            "xmlns:{}=\"urn:oasis:names:tc:SAML:2.0:assertion\"",
            p.assertion
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<{response} {protocol_ns} ID="_r1" Version="2.0" IssueInstant="2030-01-01T00:00:00Z" Destination="https://signin.aws.amazon.com/saml">
  <!-- a comment the reader skips -->
  <{status}><{status_code} Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></{status}>
  <{assertion} {assertion_ns} ID="_a1" Version="2.0" IssueInstant="2030-01-01T00:00:00Z">
    {preamble}
    <{statement}>
      {attributes}
    </{statement}>
  </{assertion}>
</{response}>
"#,
        response = pt("Response"),
        status = pt("Status"),
        status_code = pt("StatusCode"),
        assertion = at("Assertion"),
        preamble = assertion_preamble(p),
        statement = at("AttributeStatement"),
        attributes = attributes.join("\n      "),
    )
}

/// Standard base64 on one line.
fn b64(xml: &str) -> String {
    base64::encode(xml.as_bytes(), Alphabet::Standard, true)
}

/// Standard base64 wrapped at 76 columns with CR LF, as many IdPs post it.
fn b64_wrapped(xml: &str) -> String {
    let flat = b64(xml);
    let lines: Vec<&str> = flat
        .as_bytes()
        .chunks(76)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    lines.join("\r\n") + "\r\n"
}

fn role(account: &str, name: &str) -> String {
    format!("arn:aws:iam::{account}:role/{name}")
}

fn provider(account: &str, name: &str) -> String {
    format!("arn:aws:iam::{account}:saml-provider/{name}")
}

fn pair(role_arn: &str, provider_arn: &str) -> SamlRole {
    SamlRole {
        role_arn: role_arn.to_string(),
        provider_arn: provider_arn.to_string(),
    }
}

fn values(list: &[String]) -> Vec<Option<&str>> {
    list.iter().map(|s| Some(s.as_str())).collect()
}

fn xml_problem(err: SamlError) -> XmlProblem {
    match err {
        SamlError::Xml { problem, .. } => problem,
        other => panic!("expected an XML error, got {other:?}"),
    }
}

// ---------------------------------------------------------------- base64

#[test]
fn base64_rfc4648_vectors() {
    for (plain, encoded) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(
            base64::encode(plain.as_bytes(), Alphabet::Standard, true),
            encoded
        );
        assert_eq!(
            base64::decode(encoded, Alphabet::Standard).unwrap(),
            plain.as_bytes()
        );
        assert_eq!(
            base64::decode(encoded.trim_end_matches('='), Alphabet::UrlSafe).unwrap(),
            plain.as_bytes()
        );
    }
}

#[test]
fn base64_errors() {
    assert_eq!(
        base64::decode("Zm9v\nYmFy", Alphabet::UrlSafe),
        Err(Base64Error::InvalidCharacter { offset: 4 })
    );
    assert_eq!(
        base64::decode("Zm9v!", Alphabet::Standard),
        Err(Base64Error::InvalidCharacter { offset: 4 })
    );
    assert_eq!(
        base64::decode("Zm9vY", Alphabet::Standard),
        Err(Base64Error::InvalidLength)
    );
    assert_eq!(
        base64::decode("Zm9v=", Alphabet::Standard),
        Err(Base64Error::InvalidPadding)
    );
    assert_eq!(base64::decode("Zm9=", Alphabet::Standard).unwrap(), b"fo");
    assert_eq!(
        base64::decode("Zm9v\r\n YmFy\t", Alphabet::Standard).unwrap(),
        b"foobar"
    );
}

// ---------------------------------------------------------------- JWT

#[test]
fn cognito_id_token_with_roles_array() {
    let roles = json!([
        "arn:aws:iam::123456789012:role/Admins",
        " arn:aws:iam::123456789012:role/Developers ",
        ""
    ]);
    let jwt = jwt::decode(&cognito_id_token(roles)).unwrap();
    assert_eq!(jwt.issuer(), Some(USER_POOL_ISS));
    assert_eq!(jwt.audiences(), [CLIENT_ID]);
    assert_eq!(jwt.token_use(), Some("id"));
    assert_eq!(jwt.expires_at(), Some(1_700_003_600.0));
    assert_eq!(jwt.not_before(), None);
    assert_eq!(
        jwt.string_list("cognito:roles").unwrap(),
        [
            "arn:aws:iam::123456789012:role/Admins",
            "arn:aws:iam::123456789012:role/Developers"
        ]
    );
    assert_eq!(
        jwt.claim("cognito:preferred_role").and_then(Value::as_str),
        Some("arn:aws:iam::123456789012:role/Admins")
    );
    assert_eq!(
        jwt.claim_strings("cognito:groups"),
        ["admins", "developers"]
    );
    assert_eq!(jwt.claim_strings("email_verified"), ["true"]);
    assert_eq!(jwt.claim_strings("auth_time"), ["1700000000"]);
    assert_eq!(
        jwt.header().get("alg").and_then(Value::as_str),
        Some("RS256")
    );
    // Claims keep token order.
    let token =
        jwt_token(&rs256("k"), &json!({})).replacen("e30", &b64url(br#"{"z":1,"a":2,"m":3}"#), 1);
    let jwt = jwt::decode(&token).unwrap();
    let names: Vec<&str> = jwt
        .claims()
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, _)| k.as_ref())
        .collect();
    assert_eq!(names, ["z", "a", "m"]);
}

#[test]
fn cognito_roles_as_comma_separated_string() {
    let roles = json!("arn:aws:iam::123456789012:role/A, arn:aws:iam::123456789012:role/B,,");
    let jwt = jwt::decode(&cognito_id_token(roles)).unwrap();
    assert_eq!(
        jwt.string_list("cognito:roles").unwrap(),
        [
            "arn:aws:iam::123456789012:role/A",
            "arn:aws:iam::123456789012:role/B"
        ]
    );
    let jwt = jwt::decode(&cognito_id_token(json!(42))).unwrap();
    assert_eq!(jwt.string_list("cognito:roles"), None);
    assert_eq!(jwt.string_list("absent"), None);
}

#[test]
fn cognito_access_token_has_no_audience() {
    let jwt = jwt::decode(&cognito_access_token()).unwrap();
    assert_eq!(jwt.token_use(), Some("access"));
    assert!(jwt.audiences().is_empty());
    assert_eq!(
        jwt.claim("client_id").and_then(Value::as_str),
        Some(CLIENT_ID)
    );
    assert_eq!(jwt.claim_strings("scope"), ["openid profile email"]);
    assert_eq!(jwt.claim_strings("version"), ["2"]);
}

#[test]
fn google_and_apple_tokens() {
    let google = jwt::decode(&google_id_token()).unwrap();
    assert_eq!(google.issuer(), Some("https://accounts.google.com"));
    assert_eq!(
        google.audiences(),
        ["1234987819200.apps.googleusercontent.com"]
    );
    assert_eq!(google.token_use(), None);
    assert_eq!(google.claim_strings("hd"), ["example.com"]);
    assert_eq!(google.expires_at(), Some(1_700_003_600.0));

    let apple = jwt::decode(&apple_id_token()).unwrap();
    assert_eq!(apple.issuer(), Some("https://appleid.apple.com"));
    assert_eq!(apple.audiences(), ["com.example.photos"]);
    assert_eq!(apple.claim_strings("is_private_email"), ["true"]);
    assert_eq!(apple.claim_strings("real_user_status"), ["2"]);
    assert_eq!(apple.claim_strings("nonce_supported"), ["true"]);
}

#[test]
fn audience_array_and_dates() {
    let token = jwt_token(
        &json!({"alg": "ES256"}),
        &json!({
            "iss": "https://login.example.com",
            "aud": ["api://one", "api://two", 3, null],
            "nbf": 1_700_000_000.5,
            "exp": 1.7000036e9
        }),
    );
    let jwt = jwt::decode(&token).unwrap();
    assert_eq!(jwt.audiences(), ["api://one", "api://two"]);
    assert_eq!(jwt.not_before(), Some(1_700_000_000.5));
    assert_eq!(jwt.expires_at(), Some(1_700_003_600.0));
    assert_eq!(jwt.claim_strings("aud"), ["api://one", "api://two", "3"]);

    let strings = jwt_token(&json!({}), &json!({"exp": "1700000000", "nbf": null}));
    let jwt = jwt::decode(&strings).unwrap();
    assert_eq!(jwt.expires_at(), None);
    assert_eq!(jwt.not_before(), None);
}

#[test]
fn unsigned_and_padded_tokens_decode() {
    let header = base64::encode(br#"{"alg":"none"}"#, Alphabet::UrlSafe, true);
    let claims = base64::encode(br#"{"sub":"x"}"#, Alphabet::UrlSafe, true);
    assert!(jwt::decode(&format!("{header}.{claims}.")).is_ok());
}

#[test]
fn malformed_tokens() {
    let header = b64url(br#"{"alg":"RS256"}"#);
    let claims = b64url(br#"{"sub":"x"}"#);
    let cases = [
        (format!("{header}.{claims}"), JwtError::NotThreeParts),
        (
            format!("{header}.{claims}.sig.iv.tag"),
            JwtError::NotThreeParts,
        ),
        ("not a token".to_string(), JwtError::NotThreeParts),
        (
            format!("{header}!.{claims}.sig"),
            JwtError::Base64 { part: 1 },
        ),
        (
            format!(
                "{header}.{}.sig",
                base64::encode(b"{\"a\":\"\xfb\xff\"}", Alphabet::Standard, false)
            ),
            JwtError::Base64 { part: 2 },
        ),
        (
            format!("{header}.{claims}x.sig"),
            JwtError::NotJson { part: 2 },
        ),
        (
            format!("{header}.{claims}xy.sig"),
            JwtError::Base64 { part: 2 },
        ),
        (
            format!("{header}.{}.sig", b64url(b"sub=x")),
            JwtError::NotJson { part: 2 },
        ),
        (
            format!("{header}.{}.sig", b64url(b"{\"sub\":\"x\"")),
            JwtError::NotJson { part: 2 },
        ),
        (
            format!("{header}.{}.sig", b64url(b"\xc3\x28")),
            JwtError::NotJson { part: 2 },
        ),
        (
            format!("{header}.{}.sig", b64url(b"[\"sub\"]")),
            JwtError::NotAnObject { part: 2 },
        ),
        (
            format!("{}.{claims}.sig", b64url(b"null")),
            JwtError::NotAnObject { part: 1 },
        ),
    ];
    for (token, expected) in cases {
        let err = jwt::decode(&token).unwrap_err();
        assert_eq!(err, expected, "{token}");
        assert!(!err.to_string().contains(&token));
    }
    assert_eq!(
        JwtError::NotJson { part: 2 }.to_string(),
        "part 2 of the token (the claims) is not JSON"
    );
}

#[test]
fn jwt_debug_names_claims_but_shows_no_value() {
    let jwt = jwt::decode(&cognito_id_token(json!([
        "arn:aws:iam::123456789012:role/A"
    ])))
    .unwrap();
    let debug = format!("{jwt:?}");
    for name in [
        "\"iss\"",
        "\"cognito:roles\"",
        "\"email\"",
        "\"alg\"",
        "\"kid\"",
    ] {
        assert!(debug.contains(name), "{debug}");
    }
    for value in ["janedoe", "example.com", "123456789012", "RS256", CLIENT_ID] {
        assert!(!debug.contains(value), "{debug}");
    }
}

// ---------------------------------------------------------------- SAML

#[test]
fn okta_style_saml2p_response() {
    let (r, p) = (
        role("123456789012", "OktaDev"),
        provider("123456789012", "Okta"),
    );
    let xml = saml_response(
        SAML2P,
        &[
            attribute(SAML2P, ROLE_ATTRIBUTE, &values(&[format!("{r},{p}")])),
            attribute(
                SAML2P,
                "https://aws.amazon.com/SAML/Attributes/RoleSessionName",
                &[Some("jane@example.com")],
            ),
        ],
    );
    let encoded = b64(&xml);
    assert_eq!(saml_roles(&encoded).unwrap(), [pair(&r, &p)]);
    let assertion = saml::decode_response(&encoded).unwrap();
    assert_eq!(
        assertion.attribute("https://aws.amazon.com/SAML/Attributes/RoleSessionName"),
        Some(&["jane@example.com".to_string()][..])
    );
    assert_eq!(assertion.attributes().len(), 2);
    assert_eq!(assertion.attributes()[0].0, ROLE_ATTRIBUTE);
}

#[test]
fn adfs_style_samlp_response_several_roles_and_providers() {
    let (dev, admin, other) = (
        role("123456789012", "ADFS-Dev"),
        role("123456789012", "ADFS-Admin"),
        role("210987654321", "Partner"),
    );
    let (adfs, partner) = (
        provider("123456789012", "ADFS"),
        provider("210987654321", "PartnerIdP"),
    );
    let xml = saml_response(
        SAMLP,
        &[attribute(
            SAMLP,
            ROLE_ATTRIBUTE,
            &values(&[
                // Provider first, with spaces.
                format!("{adfs}, {dev}"),
                format!("  {admin} ,{adfs}  "),
                format!("{other},{partner}"),
                // A duplicate, and pairs that are skipped.
                format!("{adfs},{dev}"),
                format!("{dev},{admin}"),
                format!("{adfs},{partner}"),
                dev.clone(),
                format!("{dev},{adfs},{admin}"),
                "not an arn,at all".to_string(),
            ]),
        )],
    );
    let encoded = b64(&xml);
    let assertion = saml::decode_response(&encoded).unwrap();
    assert_eq!(
        assertion.roles(),
        [
            pair(&dev, &adfs),
            pair(&admin, &adfs),
            pair(&other, &partner)
        ]
    );
    assert_eq!(
        assertion.roles_for(&adfs),
        [pair(&dev, &adfs), pair(&admin, &adfs)]
    );
    assert_eq!(assertion.roles_for(&partner), [pair(&other, &partner)]);
    assert!(
        assertion
            .roles_for(&provider("123456789012", "Nope"))
            .is_empty()
    );
    assert_eq!(saml_roles(&encoded).unwrap(), assertion.roles());
}

#[test]
fn unprefixed_response_with_default_namespaces() {
    let (r, p) = (
        role("123456789012", "Azure"),
        provider("123456789012", "AzureAD"),
    );
    let xml = saml_response(
        UNPREFIXED,
        &[attribute(
            UNPREFIXED,
            ROLE_ATTRIBUTE,
            &values(&[format!("{r},{p}")]),
        )],
    );
    assert_eq!(saml_roles(&b64(&xml)).unwrap(), [pair(&r, &p)]);
}

#[test]
fn other_partitions_and_role_paths() {
    let r = "arn:aws-cn:iam::123456789012:role/path/to/Role_1";
    let p = "arn:aws-cn:iam::123456789012:saml-provider/Corp";
    let gov = "arn:aws-us-gov:iam::123456789012:role/Gov";
    let gov_p = "arn:aws-us-gov:iam::123456789012:saml-provider/Gov";
    let xml = saml_response(
        SAMLP,
        &[attribute(
            SAMLP,
            ROLE_ATTRIBUTE,
            &values(&[format!("{r},{p}"), format!("{gov_p},{gov}")]),
        )],
    );
    assert_eq!(
        saml_roles(&b64(&xml)).unwrap(),
        [pair(r, p), pair(gov, gov_p)]
    );
}

#[test]
fn multi_valued_attributes_cdata_entities_and_empty_values() {
    let xml = saml_response(
        SAML2P,
        &[
            attribute(
                SAML2P,
                "https://aws.amazon.com/SAML/Attributes/PrincipalTag:Groups",
                &[Some("  engineering\n  "), Some("R&amp;D"), Some("sales")],
            ),
            attribute(
                SAML2P,
                "urn:oid:1.3.6.1.4.1.5923.1.1.1.6",
                &[Some("<![CDATA[ <jane> & co ]]>")],
            ),
            attribute(
                SAML2P,
                "displayName",
                &[Some("Ren&#233;e &lt;&#x41;&gt; &quot;O&apos;Neil&quot;")],
            ),
            attribute(SAML2P, "empty", &[Some(""), None, Some("   ")]),
            attribute(SAML2P, "mixed", &[Some("a<![CDATA[b]]>c<!-- note -->d")]),
            attribute(
                SAML2P,
                "nested",
                &[Some(
                    "<saml2:NameID Format=\"persistent\">id-1</saml2:NameID>",
                )],
            ),
            attribute(SAML2P, "lines", &[Some("one\r\ntwo")]),
        ],
    );
    let assertion = saml::decode_response(&b64(&xml)).unwrap();
    let get = |name: &str| assertion.attribute(name).unwrap().to_vec();
    assert_eq!(
        get("https://aws.amazon.com/SAML/Attributes/PrincipalTag:Groups"),
        ["engineering", "R&D", "sales"]
    );
    assert_eq!(get("urn:oid:1.3.6.1.4.1.5923.1.1.1.6"), ["<jane> & co"]);
    assert_eq!(get("displayName"), ["Renée <A> \"O'Neil\""]);
    assert_eq!(get("empty"), ["", "", ""]);
    assert_eq!(get("mixed"), ["abcd"]);
    assert_eq!(get("nested"), ["id-1"]);
    assert_eq!(get("lines"), ["one\ntwo"]);
    assert!(assertion.attribute("absent").is_none());
    assert!(assertion.roles().is_empty());
}

#[test]
fn repeated_attribute_elements_are_merged_and_nameless_ones_skipped() {
    let (a, b) = (role("123456789012", "A"), role("123456789012", "B"));
    let p = provider("123456789012", "Corp");
    let xml = saml_response(
        SAMLP,
        &[
            attribute(SAMLP, ROLE_ATTRIBUTE, &values(&[format!("{a},{p}")])),
            attribute(SAMLP, "email", &[Some("x@example.com")]),
            "<saml:Attribute><saml:AttributeValue>no name</saml:AttributeValue></saml:Attribute>"
                .to_string(),
            attribute(SAMLP, ROLE_ATTRIBUTE, &values(&[format!("{p},{b}")])),
        ],
    );
    let assertion = saml::decode_response(&b64(&xml)).unwrap();
    let names: Vec<&str> = assertion
        .attributes()
        .iter()
        .map(|(n, _)| n.as_str())
        .collect();
    assert_eq!(names, [ROLE_ATTRIBUTE, "email"]);
    assert_eq!(assertion.roles(), [pair(&a, &p), pair(&b, &p)]);
}

#[test]
fn attributes_outside_the_assertion_path_are_ignored() {
    let p = provider("123456789012", "Corp");
    let inside = role("123456789012", "Inside");
    let advice = role("123456789012", "FromAdvice");
    let xml = format!(
        r#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">
  <saml:AttributeStatement>{stray}</saml:AttributeStatement>
  <saml:Assertion>
    <saml:Advice><saml:Assertion><saml:AttributeStatement>{advice}</saml:AttributeStatement></saml:Assertion></saml:Advice>
    <saml:AttributeStatement>{inside}</saml:AttributeStatement>
  </saml:Assertion>
</samlp:Response>"#,
        stray = attribute(SAMLP, ROLE_ATTRIBUTE, &values(&[format!("{advice},{p}")])),
        advice = attribute(SAMLP, ROLE_ATTRIBUTE, &values(&[format!("{advice},{p}")])),
        inside = attribute(SAMLP, ROLE_ATTRIBUTE, &values(&[format!("{inside},{p}")])),
    );
    assert_eq!(saml_roles(&b64(&xml)).unwrap(), [pair(&inside, &p)]);
}

#[test]
fn wrapped_base64_and_byte_order_mark() {
    let (r, p) = (
        role("123456789012", "Dev"),
        provider("123456789012", "Corp"),
    );
    let xml = saml_response(
        SAMLP,
        &[attribute(
            SAMLP,
            ROLE_ATTRIBUTE,
            &values(&[format!("{r},{p}")]),
        )],
    );
    let wrapped = b64_wrapped(&xml);
    assert!(wrapped.contains("\r\n"));
    assert_eq!(saml_roles(&wrapped).unwrap(), [pair(&r, &p)]);
    let unpadded = b64(&format!("\u{feff}{xml}"));
    assert_eq!(
        saml_roles(unpadded.trim_end_matches('=')).unwrap(),
        [pair(&r, &p)]
    );
}

#[test]
fn empty_responses() {
    assert!(
        saml::decode_response(&b64("<Response/>"))
            .unwrap()
            .attributes()
            .is_empty()
    );
    let failed = r#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Requester"/></samlp:Status></samlp:Response>"#;
    assert!(saml_roles(&b64(failed)).unwrap().is_empty());
}

#[test]
fn doctype_is_refused() {
    let xxe = r#"<?xml version="1.0"?>
<!DOCTYPE Response [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<Response><Assertion><AttributeStatement><Attribute Name="a"><AttributeValue>&xxe;</AttributeValue></Attribute></AttributeStatement></Assertion></Response>"#;
    assert_eq!(
        saml::decode_response(&b64(xxe)).unwrap_err(),
        SamlError::Doctype
    );
    let billion = format!(
        "<!DOCTYPE r [<!ENTITY a \"aaaaaaaa\">{}]><Response>&a9;</Response>",
        (1..10)
            .map(|i| format!("<!ENTITY a{i} \"{}\">", format!("&a{};", i - 1).repeat(10)))
            .collect::<String>()
    );
    assert_eq!(
        saml::decode_response(&b64(&billion)).unwrap_err(),
        SamlError::Doctype
    );
    assert_eq!(
        saml::decode_response(&b64("<!DOCTYPE Response")).unwrap_err(),
        SamlError::Doctype
    );
    // Even after the root element.
    assert_eq!(
        saml::decode_response(&b64("<Response/><!DOCTYPE Response>")).unwrap_err(),
        SamlError::Doctype
    );
}

#[test]
fn undefined_entities_are_errors() {
    let xml = saml_response(SAMLP, &[attribute(SAMLP, "a", &[Some("&nbsp;")])]);
    assert_eq!(
        xml_problem(saml::decode_response(&b64(&xml)).unwrap_err()),
        XmlProblem::UnknownEntity
    );
    let xml = saml_response(SAMLP, &[attribute(SAMLP, "a&xxe;", &[Some("x")])]);
    assert_eq!(
        xml_problem(saml::decode_response(&b64(&xml)).unwrap_err()),
        XmlProblem::UnknownEntity
    );
    let xml = saml_response(SAMLP, &[attribute(SAMLP, "a", &[Some("&#0;")])]);
    assert_eq!(
        xml_problem(saml::decode_response(&b64(&xml)).unwrap_err()),
        XmlProblem::InvalidCharacterReference
    );
}

#[test]
fn encrypted_assertions() {
    let encrypted = r#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">
  <saml:Issuer>https://idp.example.com</saml:Issuer>
  <saml:EncryptedAssertion>
    <xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" Type="http://www.w3.org/2001/04/xmlenc#Element">
      <xenc:CipherData><xenc:CipherValue>bm90IHJlYWxseSBlbmNyeXB0ZWQ=</xenc:CipherValue></xenc:CipherData>
    </xenc:EncryptedData>
  </saml:EncryptedAssertion>
</samlp:Response>"#;
    assert_eq!(
        saml::decode_response(&b64(encrypted)).unwrap_err(),
        SamlError::Encrypted
    );
    assert_eq!(
        saml_roles(&b64(encrypted)).unwrap_err(),
        SamlError::Encrypted
    );

    // With a plain assertion beside it, the plain one is read.
    let (r, p) = (
        role("123456789012", "Dev"),
        provider("123456789012", "Corp"),
    );
    let both = saml_response(SAMLP, &[attribute(SAMLP, ROLE_ATTRIBUTE, &values(&[format!("{r},{p}")]))])
        .replace(
            "<samlp:Status>",
            "<saml:EncryptedAssertion><x:EncryptedData xmlns:x=\"urn:x\"/></saml:EncryptedAssertion><samlp:Status>",
        );
    assert_eq!(saml_roles(&b64(&both)).unwrap(), [pair(&r, &p)]);
}

#[test]
fn root_must_be_response() {
    for xml in [
        r#"<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"/>"#,
        r#"<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_1"/>"#,
        "<?xml version=\"1.0\"?>\n<!-- c --><html><body>Response</body></html>",
        "<response/>",
        "<ResponseX/>",
    ] {
        assert_eq!(
            saml::decode_response(&b64(xml)).unwrap_err(),
            SamlError::NotAResponse,
            "{xml}"
        );
    }
}

#[test]
fn truncated_xml_is_an_error_at_every_cut() {
    let xml = saml_response(
        SAMLP,
        &[attribute(
            SAMLP,
            ROLE_ATTRIBUTE,
            &[Some("a&amp;b"), Some("<![CDATA[c]]>")],
        )],
    );
    let root_end = xml.rfind("</samlp:Response>").unwrap() + "</samlp:Response>".len();
    for cut in 0..root_end {
        if !xml.is_char_boundary(cut) {
            continue;
        }
        let err = saml::decode_response(&b64(&xml[..cut])).unwrap_err();
        assert!(
            matches!(err, SamlError::Xml { .. }),
            "cut at {cut}: {err:?}"
        );
    }
    let err = saml::decode_response(&b64(&xml[..xml.len() / 2])).unwrap_err();
    assert_eq!(xml_problem(err), XmlProblem::UnexpectedEnd);
    assert!(saml::decode_response(&b64(&xml[..root_end])).is_ok());
}

#[test]
fn malformed_xml() {
    let cases: &[(&str, XmlProblem)] = &[
        ("", XmlProblem::NoRootElement),
        ("  \n", XmlProblem::NoRootElement),
        (
            "<?xml version=\"1.0\"?><!-- only a comment -->",
            XmlProblem::NoRootElement,
        ),
        ("<Response></Other>", XmlProblem::MismatchedEndTag),
        ("<Response><a></b></Response>", XmlProblem::MismatchedEndTag),
        ("<Response/></Response>", XmlProblem::MismatchedEndTag),
        ("<Response/><Response/>", XmlProblem::ContentOutsideRoot),
        ("<Response/>trailing", XmlProblem::ContentOutsideRoot),
        ("text<Response/>", XmlProblem::ContentOutsideRoot),
        ("<Response/>&amp;", XmlProblem::ContentOutsideRoot),
        ("<Response a=b/>", XmlProblem::Syntax),
        ("<Response a=\"1\" a/>", XmlProblem::Syntax),
        ("<Response>a & b</Response>", XmlProblem::Syntax),
        ("<Response><a", XmlProblem::UnexpectedEnd),
        ("<Response><a b=\"", XmlProblem::UnexpectedEnd),
        ("<Response><!-- x", XmlProblem::UnexpectedEnd),
        ("<Response><![CDATA[x", XmlProblem::UnexpectedEnd),
    ];
    for &(xml, expected) in cases {
        let err = saml::decode_response(&b64(xml)).unwrap_err();
        assert_eq!(xml_problem(err), expected, "{xml:?}");
    }
    // Positions are lines and columns of the decoded XML.
    let err = saml::decode_response(&b64("<Response>\n  <a>\n  </b>\n</Response>")).unwrap_err();
    assert!(matches!(err, SamlError::Xml { line: 3, .. }), "{err:?}");
}

#[test]
fn not_base64_and_not_utf8() {
    assert_eq!(
        saml::decode_response("PFJlc3Bvbn*=").unwrap_err(),
        SamlError::Base64
    );
    assert_eq!(
        saml::decode_response("PFJlc3Bvbn-_").unwrap_err(),
        SamlError::Base64
    );
    let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Response><Assertion><AttributeStatement><Attribute Name=\"n\"><AttributeValue>Ren\xe9e</AttributeValue></Attribute></AttributeStatement></Assertion></Response>";
    let encoded = base64::encode(latin1, Alphabet::Standard, true);
    assert_eq!(
        saml::decode_response(&encoded).unwrap_err(),
        SamlError::NotUtf8
    );
    let utf16: Vec<u8> = "<Response/>"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let encoded = base64::encode(
        &[&[0xff, 0xfe][..], &utf16].concat(),
        Alphabet::Standard,
        true,
    );
    assert_eq!(
        saml::decode_response(&encoded).unwrap_err(),
        SamlError::NotUtf8
    );
}

#[test]
fn nesting_is_limited_to_64() {
    let nested = |depth: usize| {
        format!(
            "<Response>{}{}</Response>",
            "<a>".repeat(depth - 1),
            "</a>".repeat(depth - 1)
        )
    };
    assert!(saml::decode_response(&b64(&nested(64))).is_ok());
    let err = saml::decode_response(&b64(&nested(65))).unwrap_err();
    assert_eq!(xml_problem(err), XmlProblem::TooDeep);
    let self_closing = format!(
        "<Response>{}<a/>{}</Response>",
        "<a>".repeat(63),
        "</a>".repeat(63)
    );
    let err = saml::decode_response(&b64(&self_closing)).unwrap_err();
    assert_eq!(xml_problem(err), XmlProblem::TooDeep);
    let err = saml::decode_response(&b64(&"<Response>".repeat(100_000))).unwrap_err();
    assert_eq!(xml_problem(err), XmlProblem::TooDeep);
}

#[test]
fn huge_inputs_are_refused_quickly() {
    let started = std::time::Instant::now();
    let padding = "<!-- padding -->".repeat(70_000);
    let xml = format!("<Response>{padding}</Response>");
    assert!(xml.len() > saml::MAX_XML_BYTES);
    assert_eq!(
        saml::decode_response(&b64(&xml)).unwrap_err(),
        SamlError::TooLarge
    );
    // Just under the limit is read.
    let under = format!(
        "<Response>{}</Response>",
        &padding[..saml::MAX_XML_BYTES - 64 - 64 * 16]
    );
    assert!(saml::decode_response(&b64(&under)).is_ok());
    // Huge text that is not even base64 is refused before it is decoded.
    let junk = "!".repeat(8 << 20);
    assert_eq!(
        saml::decode_response(&junk).unwrap_err(),
        SamlError::TooLarge
    );
    // Whitespace does not count.
    assert_eq!(
        saml::decode_response(&" ".repeat(8 << 20)).unwrap_err(),
        xml_error_no_root()
    );
    assert!(started.elapsed().as_secs() < 30);
}

fn xml_error_no_root() -> SamlError {
    SamlError::Xml {
        problem: XmlProblem::NoRootElement,
        line: 1,
        column: 1,
    }
}

#[test]
fn many_roles_and_many_attributes_stay_linear() {
    let p = provider("123456789012", "Corp");
    let mut xml = String::from("<Response><Assertion><AttributeStatement>");
    for i in 0..5_000 {
        xml.push_str(&format!(
            "<Attribute Name=\"attr-{i}\"><AttributeValue>v</AttributeValue></Attribute>"
        ));
    }
    xml.push_str(&format!("<Attribute Name=\"{ROLE_ATTRIBUTE}\">"));
    for i in 0..5_000 {
        let r = role("123456789012", &format!("R{i}"));
        xml.push_str(&format!("<AttributeValue>{r},{p}</AttributeValue>"));
    }
    xml.push_str("</Attribute></AttributeStatement></Assertion></Response>");
    assert!(xml.len() < saml::MAX_XML_BYTES);
    let started = std::time::Instant::now();
    let assertion = saml::decode_response(&b64(&xml)).unwrap();
    assert_eq!(assertion.attributes().len(), 5_001);
    assert_eq!(assertion.roles().len(), 5_000);
    // A tag with very many attributes.
    let many = format!(
        "<Response {}/>",
        (0..60_000)
            .map(|i| format!("a{i}=\"\""))
            .collect::<Vec<_>>()
            .join(" ")
    );
    assert!(saml::decode_response(&b64(&many)).is_ok());
    assert!(started.elapsed().as_secs() < 30);
}

#[test]
fn saml_role_serde_is_camel_case() {
    let role = pair(
        "arn:aws:iam::123456789012:role/A",
        "arn:aws:iam::123456789012:saml-provider/P",
    );
    let json = serde_json::to_string(&role).unwrap();
    assert_eq!(
        json,
        r#"{"roleArn":"arn:aws:iam::123456789012:role/A","providerArn":"arn:aws:iam::123456789012:saml-provider/P"}"#
    );
    assert_eq!(serde_json::from_str::<SamlRole>(&json).unwrap(), role);
}

#[test]
fn saml_errors_and_debug_show_no_content() {
    let secret = "zzSecretMarker42";
    let xml = format!(
        "<Response><Assertion><AttributeStatement><Attribute Name=\"{secret}\"><AttributeValue>{secret}</AttributeValue></Attribute></AttributeStatement></Assertion></Response>"
    );
    let assertion = saml::decode_response(&b64(&xml)).unwrap();
    assert!(!format!("{assertion:?}").contains(secret));
    for bad in [
        format!("<Response><{secret}></Response>"),
        format!("<Response></{secret}>"),
        format!("<{secret}/>"),
        format!("<Response>&{secret};</Response>"),
        format!("<Response {secret}/>"),
        format!("<Response><{secret} a=\"1\" a=\"2\"/></Response>"),
        format!("<!DOCTYPE {secret}><Response/>"),
        format!("<Response/>{secret}"),
    ] {
        let err = saml::decode_response(&b64(&bad)).unwrap_err();
        assert!(!format!("{err}").contains(secret), "{err}");
        assert!(!format!("{err:?}").contains(secret), "{err:?}");
    }
}

// ---------------------------------------------------------------- properties

/// A marker unlikely to occur by chance in any message.
fn marker() -> impl Strategy<Value = String> {
    "[a-z]{6}[0-9]{6}".prop_map(|s| format!("Mk{s}"))
}

/// Damages a text: cuts it, or replaces a byte range with junk.
fn damage(text: &str, kind: u8, at: usize, junk: &str) -> String {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    match kind % 3 {
        0 => text[..at].to_string(),
        1 => format!("{}{junk}{}", &text[..at], &text[at..]),
        _ => text.to_string(),
    }
}

fn assert_quiet<E: std::fmt::Display + std::fmt::Debug>(err: &E, marker: &str) {
    assert!(!format!("{err}").contains(marker), "{err}");
    assert!(!format!("{err:?}").contains(marker), "{err:?}");
}

fn damaged_jwt(token: &str, marker: &str, kind: u8, at: usize, junk: &str) {
    let token = damage(token, kind, at, junk);
    match jwt::decode(&token) {
        Ok(jwt) => {
            let debug = format!("{jwt:?}");
            assert!(!debug.contains(marker), "{debug}");
            // The accessors never panic.
            let _ = (jwt.issuer(), jwt.audiences(), jwt.token_use());
            let _ = (jwt.expires_at(), jwt.not_before());
            let _ = (jwt.string_list(marker), jwt.claim_strings(marker));
            let _ = (jwt.string_list("aud"), jwt.claim_strings("aud"));
        }
        Err(err) => assert_quiet(&err, marker),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn base64_round_trips(
        bytes in prop::collection::vec(any::<u8>(), 0..200),
        url_safe in any::<bool>(),
        pad in any::<bool>(),
    ) {
        let alphabet = if url_safe { Alphabet::UrlSafe } else { Alphabet::Standard };
        let text = base64::encode(&bytes, alphabet, pad);
        prop_assert_eq!(text.len(), if pad { bytes.len().div_ceil(3) * 4 } else { (bytes.len() * 4).div_ceil(3) });
        prop_assert_eq!(base64::decode(&text, alphabet).unwrap(), bytes);
    }

    #[test]
    fn base64_standard_ignores_whitespace_anywhere(
        bytes in prop::collection::vec(any::<u8>(), 0..120),
        spaces in prop::collection::vec((any::<usize>(), prop::sample::select(vec![" ", "\t", "\r\n", "\n"])), 0..10),
    ) {
        let mut text = base64::encode(&bytes, Alphabet::Standard, true);
        for (at, space) in spaces {
            let at = at % (text.len() + 1);
            text.insert_str(at, space);
        }
        prop_assert_eq!(base64::decode(&text, Alphabet::Standard).unwrap(), bytes);
    }

    #[test]
    fn decoders_never_panic_on_arbitrary_strings(input in "\\PC{0,300}", b64ish in "[A-Za-z0-9+/=_. \\-\r\n]{0,300}") {
        for text in [&input, &b64ish] {
            let _ = base64::decode(text, Alphabet::Standard);
            let _ = base64::decode(text, Alphabet::UrlSafe);
            let _ = jwt::decode(text);
            let _ = saml::decode_response(text);
            let _ = saml_roles(text);
        }
    }

    #[test]
    fn decoders_never_panic_on_encoded_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300), xmlish in "[<>/=\"'&;#!?a-zA-Z:\\[\\] -]{0,300}") {
        let _ = saml::decode_response(&base64::encode(&bytes, Alphabet::Standard, true));
        let _ = saml::decode_response(&b64(&xmlish));
        let _ = saml::decode_response(&b64(&format!("<Response>{xmlish}</Response>")));
        let part = b64url(&bytes);
        let _ = jwt::decode(&format!("{part}.{part}."));
        let _ = jwt::decode(&format!("{}.{}.", b64url(b"{}"), b64url(xmlish.as_bytes())));
    }

    #[test]
    fn errors_never_echo_raw_input(marker in marker(), before in "\\PC{0,40}", after in "\\PC{0,40}") {
        let input = format!("{before}{marker}{after}");
        for alphabet in [Alphabet::Standard, Alphabet::UrlSafe] {
            if let Err(err) = base64::decode(&input, alphabet) {
                assert_quiet(&err, &marker);
            }
        }
        damaged_jwt(&input, &marker, 2, 0, "");
        if let Err(err) = saml::decode_response(&input) {
            assert_quiet(&err, &marker);
        }
    }

    #[test]
    fn jwt_errors_and_debug_never_show_the_token(
        marker in marker(),
        kind in any::<u8>(),
        at in any::<usize>(),
        junk in prop::sample::select(vec!["", ".", "..", "!", "=", "\"", "{", "AAAA", "\u{e9}"]),
        in_header in any::<bool>(),
    ) {
        let claims = json!({
            "iss": format!("https://{marker}.example.com"),
            "aud": [marker.clone(), format!("{marker}-2")],
            marker.clone(): marker.clone(),
            "cognito:roles": format!("arn:aws:iam::123456789012:role/{marker}"),
            "exp": 1_700_000_000,
        });
        let header = if in_header { json!({"alg": marker.clone(), marker.clone(): 1}) } else { json!({"alg": "RS256"}) };
        let token = jwt_token(&header, &claims);
        damaged_jwt(&token, &marker, kind, at, junk);
        // Damage inside the decoded JSON too.
        let json_text = damage(&claims.to_string(), kind, at, junk);
        let token = format!("{}.{}.", b64url(header.to_string().as_bytes()), b64url(json_text.as_bytes()));
        damaged_jwt(&token, &marker, 2, 0, "");
    }

    #[test]
    fn saml_errors_and_debug_never_show_the_response(
        marker in marker(),
        kind in any::<u8>(),
        at in any::<usize>(),
        junk in prop::sample::select(vec!["", "<", "</x>", "&", "&ent;", "]]>", "<!DOCTYPE x>", "\"", "<a b='1' b='2'>", "\u{e9}"]),
        prefixes in prop::sample::select(vec![(SAMLP.protocol, SAMLP.assertion), (SAML2P.protocol, SAML2P.assertion), ("", "")]),
    ) {
        let p = Prefixes { protocol: prefixes.0, assertion: prefixes.1 };
        let xml = saml_response(p, &[
            attribute(p, &marker, &[Some(&marker), Some(&format!("<![CDATA[{marker}]]>"))]),
            attribute(p, ROLE_ATTRIBUTE, &[Some(&format!("arn:aws:iam::123456789012:role/{marker},arn:aws:iam::123456789012:saml-provider/{marker}"))]),
            format!("<{marker}:x xmlns:{marker}=\"urn:{marker}\">{marker}</{marker}:x>"),
        ]);
        let damaged = damage(&xml, kind, at, junk);
        for encoded in [b64(&damaged), b64_wrapped(&damaged)] {
            match saml::decode_response(&encoded) {
                Ok(assertion) => {
                    let debug = format!("{assertion:?}");
                    prop_assert!(!debug.contains(&marker), "{}", debug);
                    let _ = assertion.roles();
                }
                Err(err) => assert_quiet(&err, &marker),
            }
        }
    }

    #[test]
    fn saml_roles_are_the_valid_pairs_in_order(
        entries in prop::collection::vec((0..4usize, 0..3usize, any::<bool>(), 0..3usize, any::<bool>()), 0..12),
    ) {
        let roles = ["Dev", "Admin", "ReadOnly", "Ops"].map(|n| role("123456789012", n));
        let providers = ["Okta", "ADFS", "Shib"].map(|n| provider("123456789012", n));
        let mut expected: Vec<SamlRole> = Vec::new();
        let mut values = Vec::new();
        for (r, p, provider_first, spaces, valid) in entries {
            let (r, p) = (&roles[r], &providers[p]);
            let pad = " ".repeat(spaces);
            let value = match (valid, provider_first) {
                (true, true) => format!("{pad}{p}{pad},{pad}{r}{pad}"),
                (true, false) => format!("{pad}{r}{pad},{pad}{p}{pad}"),
                (false, true) => format!("{p},{p}"),
                (false, false) => format!("{r};{p}"),
            };
            if valid && !expected.contains(&pair(r, p)) {
                expected.push(pair(r, p));
            }
            values.push(value);
        }
        let xml = saml_response(SAML2P, &[attribute(SAML2P, ROLE_ATTRIBUTE, &values.iter().map(|v| Some(v.as_str())).collect::<Vec<_>>())]);
        let assertion = saml::decode_response(&b64_wrapped(&xml)).unwrap();
        prop_assert_eq!(assertion.roles(), expected.clone());
        for p in &providers {
            let only: Vec<SamlRole> = expected.iter().filter(|r| &r.provider_arn == p).cloned().collect();
            prop_assert_eq!(assertion.roles_for(p), only);
        }
    }
}

//! Inputs shared by the benchmarks: small, typical and maximal pools, a
//! credentials request, and resolution contexts. Built here, not read from
//! files, so every run measures the same bytes.

use idpool::base64::{Alphabet, encode};

pub const POOL_ID: &str = "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
pub const IDENTITY_ID: &str = "us-east-1:5a7d74f5-93d8-4586-b59c-8f2a25d9f696";
pub const USER_POOL: &str = "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI";
pub const SAML: &str = "arn:aws:iam::123456789012:saml-provider/CorpIdP";

/// The smallest CreateIdentityPool input.
pub fn small_pool() -> String {
    r#"{"IdentityPoolName":"Photos","AllowUnauthenticatedIdentities":false}"#.to_string()
}

/// A typical pool: the bundled example (every provider kind, two tags).
pub fn typical_pool() -> String {
    include_str!("../../../examples/create-identity-pool.json").to_string()
}

/// Every bounded collection at its bound and long names: 10 social
/// providers, 10 OIDC and SAML providers, 10 user pools, 50 tags.
pub fn maximal_pool() -> String {
    let social: Vec<String> = [
        ("graph.facebook.com", "7346241598935552"),
        (
            "accounts.google.com",
            "123456789012-abcdefghijklmnop.apps.googleusercontent.com",
        ),
        (
            "www.amazon.com",
            "amzn1.application.0123456789abcdef0123456789abcdef",
        ),
        ("appleid.apple.com", "com.example.photos"),
        (
            "api.twitter.com",
            "xvz1evFS4wEEPTGEFPHBog;kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
        ),
        ("www.digits.com", "digitskey;digitssecret"),
        ("login.example.com", "a1"),
        ("login2.example.com", "a2"),
        ("login3.example.com", "a3"),
        ("login4.example.com", "a4"),
    ]
    .iter()
    .map(|(k, v)| format!("\"{k}\":\"{v}\""))
    .collect();
    let oidc: Vec<String> = (0..10)
        .map(|i| {
            format!("\"arn:aws:iam::123456789012:oidc-provider/auth{i}.example.com/tenant/{i}\"")
        })
        .collect();
    let saml: Vec<String> = (0..10)
        .map(|i| format!("\"arn:aws:iam::123456789012:saml-provider/Corp{i}\""))
        .collect();
    let user_pools: Vec<String> = (0..10)
        .map(|i| {
            format!(
                r#"{{"ProviderName":"cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool{i:04}","ClientId":"client{i:020}","ServerSideTokenCheck":true}}"#
            )
        })
        .collect();
    let tags: Vec<String> = (0..50)
        .map(|i| format!("\"tag-key-{i:02}\":\"tag value number {i}\""))
        .collect();
    format!(
        r#"{{"IdentityPoolName":"{name}","AllowUnauthenticatedIdentities":true,"AllowClassicFlow":false,
"SupportedLoginProviders":{{{social}}},"DeveloperProviderName":"login.photos.example.com",
"OpenIdConnectProviderARNs":[{oidc}],"CognitoIdentityProviders":[{user_pools}],
"SamlProviderARNs":[{saml}],"IdentityPoolTags":{{{tags}}}}}"#,
        name = "Photo Sharing production pool ".repeat(4).trim_end(),
        social = social.join(","),
        oidc = oidc.join(","),
        user_pools = user_pools.join(","),
        saml = saml.join(","),
        tags = tags.join(","),
    )
}

fn jwt(claims: &str) -> String {
    format!(
        "{}.{}.{}",
        encode(br#"{"kid":"k1","alg":"RS256"}"#, Alphabet::UrlSafe, false),
        encode(claims.as_bytes(), Alphabet::UrlSafe, false),
        encode(&[7u8; 256], Alphabet::UrlSafe, false)
    )
}

/// A user-pool ID token with groups and roles.
pub fn id_token() -> String {
    jwt(&format!(
        r#"{{"sub":"5f0e3b1c-8a2d-4c6e-9b7f-1a2b3c4d5e6f","aud":"6g3jb2hyqsnkp1z7gcm5rqkj8e","token_use":"id","iss":"https://{USER_POOL}","cognito:username":"alice","email":"alice@example.com","cognito:groups":["staff","photo-editors"],"cognito:roles":["arn:aws:iam::123456789012:role/PhotoEditors","arn:aws:iam::123456789012:role/PhotoViewers"],"exp":1764103600,"iat":1764100000}}"#
    ))
}

/// A GetCredentialsForIdentity request with a user-pool login.
pub fn credentials_request() -> String {
    format!(
        r#"{{"IdentityId":"{IDENTITY_ID}","Logins":{{"{USER_POOL}":"{}"}},"CustomRoleArn":"arn:aws:iam::123456789012:role/PhotoEditors"}}"#,
        id_token()
    )
}

fn context_pool() -> String {
    format!(
        r#"{{"IdentityPoolId":"{POOL_ID}","IdentityPoolName":"Photos","AllowUnauthenticatedIdentities":false,
"CognitoIdentityProviders":[{{"ProviderName":"{USER_POOL}","ClientId":"6g3jb2hyqsnkp1z7gcm5rqkj8e"}}],
"SamlProviderARNs":["{SAML}"]}}"#
    )
}

/// A resolution with a SAML login offering two roles, one chosen.
pub fn saml_context() -> String {
    let values: String = ["PhotoEditors", "PhotoViewers"]
        .iter()
        .map(|r| format!("<saml:AttributeValue>arn:aws:iam::123456789012:role/{r},{SAML}</saml:AttributeValue>"))
        .collect();
    let xml = format!(
        r#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"><saml:Issuer>https://idp.example.com</saml:Issuer><saml:Assertion><saml:AttributeStatement><saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role">{values}</saml:Attribute><saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName"><saml:AttributeValue>alice@example.com</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>"#
    );
    format!(
        r#"{{"Pool":{},"Roles":{{"authenticated":"arn:aws:iam::123456789012:role/Auth"}},
"Request":{{"IdentityId":"{IDENTITY_ID}","Logins":{{"{SAML}":"{}"}},"CustomRoleArn":"arn:aws:iam::123456789012:role/PhotoViewers"}}}}"#,
        context_pool(),
        encode(xml.as_bytes(), Alphabet::Standard, true)
    )
}

/// A resolution through a 25-rule Rules mapping whose last rule matches.
pub fn rules_context() -> String {
    let rules: Vec<String> = (0..25)
        .map(|i| {
            let (claim, value) = if i == 24 { ("cognito:groups", "editors") } else { ("email", "nobody") };
            format!(
                r#"{{"Claim":"{claim}","MatchType":"Contains","Value":"{value}{}","RoleARN":"arn:aws:iam::123456789012:role/R{i}"}}"#,
                if i == 24 { "" } else { "-x" }
            )
        })
        .collect();
    format!(
        r#"{{"Pool":{},"Roles":{{"authenticated":"arn:aws:iam::123456789012:role/Auth"}},
"RoleMappings":{{"{USER_POOL}":{{"Type":"Rules","AmbiguousRoleResolution":"Deny","RulesConfiguration":{{"Rules":[{}]}}}}}},
"Request":{{"IdentityId":"{IDENTITY_ID}","Logins":{{"{USER_POOL}":"{}"}}}}}}"#,
        context_pool(),
        rules.join(","),
        id_token()
    )
}

//! Login providers: which `Logins` keys a pool accepts, and what a
//! user-pool provider name must look like.
//!
//! A pool accepts (docs/REFERENCE.md section 5): each `SupportedLoginProviders` key; the
//! issuer (`host[/path]`) of each OIDC provider ARN; each user-pool
//! `ProviderName`; each SAML provider ARN; and
//! `cognito-identity.amazonaws.com` when `DeveloperProviderName` is set.

use crate::arn::{ArnKind, ArnParts};
use crate::id::is_region_shape;
use crate::model::IdentityPool;
use crate::seen::FirstSeen;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The Logins key of developer-authenticated identities.
pub const DEVELOPER_LOGIN_KEY: &str = "cognito-identity.amazonaws.com";

/// The social identity providers: their canonical login key (the
/// `SupportedLoginProviders` and `Logins` key) and their name.
pub const SOCIAL_PROVIDERS: &[(&str, &str)] = &[
    ("graph.facebook.com", "Facebook"),
    ("accounts.google.com", "Google"),
    ("www.amazon.com", "Login with Amazon"),
    ("appleid.apple.com", "Sign in with Apple"),
    ("api.twitter.com", "Twitter"),
    ("www.digits.com", "Digits"),
];

/// Words people write for a social provider, in lower case without
/// whitespace, and the canonical login key each stands for.
pub const LOGIN_KEY_ALIASES: &[(&str, &str)] = &[
    ("facebook", "graph.facebook.com"),
    ("google", "accounts.google.com"),
    ("amazon", "www.amazon.com"),
    ("loginwithamazon", "www.amazon.com"),
    ("apple", "appleid.apple.com"),
    ("signinwithapple", "appleid.apple.com"),
    ("twitter", "api.twitter.com"),
    ("digits", "www.digits.com"),
];

/// The canonical login key of a social provider given as its key in any
/// letter case, as a URL (`https://accounts.google.com/`), or as a word
/// ([`LOGIN_KEY_ALIASES`]: `Facebook`, `Login with Amazon`, …, in any case
/// and spacing); `None` for anything else. A canonical key gives itself.
///
/// ```
/// use idpool::provider::canonical_login_key;
/// assert_eq!(canonical_login_key("Facebook"), Some("graph.facebook.com"));
/// assert_eq!(canonical_login_key("https://accounts.google.com/"), Some("accounts.google.com"));
/// assert_eq!(canonical_login_key("Sign in with Apple"), Some("appleid.apple.com"));
/// assert_eq!(canonical_login_key("www.amazon.com"), Some("www.amazon.com"));
/// assert_eq!(canonical_login_key("login.example.com"), None);
/// ```
pub fn canonical_login_key(key: &str) -> Option<&'static str> {
    // Most keys are written canonically: one comparison each.
    if let Some((canonical, _)) = SOCIAL_PROVIDERS.iter().find(|(k, _)| *k == key) {
        return Some(canonical);
    }
    let bare = strip_scheme_and_slashes(key.trim());
    if let Some((canonical, _)) = SOCIAL_PROVIDERS
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(bare))
    {
        return Some(canonical);
    }
    LOGIN_KEY_ALIASES
        .iter()
        .find(|(alias, _)| is_word(bare, alias))
        .map(|(_, canonical)| *canonical)
}

/// Whether `text`, without whitespace and in lower case, is `word`;
/// compared as it goes, without building the lowered text.
fn is_word(text: &str, word: &str) -> bool {
    let mut expected = word.chars();
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        for lower in c.to_lowercase() {
            if expected.next() != Some(lower) {
                return false;
            }
        }
    }
    expected.next().is_none()
}

/// `text` without any leading `https://` / `http://` (any letter case,
/// repeated, with whitespace around), and without trailing `/` (and
/// whitespace among them).
pub(crate) fn strip_scheme_and_slashes(text: &str) -> &str {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        let starts = |scheme: &str| {
            rest.get(..scheme.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(scheme))
        };
        if starts("https://") {
            rest = &rest[8..];
        } else if starts("http://") {
            rest = &rest[7..];
        } else {
            break;
        }
    }
    rest.trim_end_matches(|c: char| c == '/' || c.is_whitespace())
}

/// The provider name a login key, RoleMappings key or user-pool provider
/// name written as a URL stands for: `Some` with the text (trimmed)
/// without its `https://` / `http://` prefix and trailing `/`, and with a
/// `cognito-idp.` host in lower case, when the text had a scheme or a
/// trailing `/` and something is left without them; `None` otherwise.
///
/// The service compares these names exactly, so a URL form is refused
/// even where its bare form is configured (docs/DECISIONS.md, "Names
/// written as URLs"); the bare form is the fix normalization offers.
///
/// ```
/// use idpool::provider::url_written_name;
/// assert_eq!(
///     url_written_name("https://Cognito-IDP.us-west-2.amazonaws.com/us-west-2_ABCDEFGHI").as_deref(),
///     Some("cognito-idp.us-west-2.amazonaws.com/us-west-2_ABCDEFGHI")
/// );
/// assert_eq!(url_written_name("auth.example.com/").as_deref(), Some("auth.example.com"));
/// assert_eq!(url_written_name("cognito-idp.us-west-2.amazonaws.com/us-west-2_ABCDEFGHI"), None);
/// assert_eq!(url_written_name("https://"), None);
/// ```
pub fn url_written_name(text: &str) -> Option<String> {
    let trimmed = text.trim();
    let bare = strip_scheme_and_slashes(trimmed);
    if bare.len() == trimmed.len() || bare.is_empty() {
        return None;
    }
    let is_user_pool_host = bare
        .get(..12)
        .is_some_and(|p| p.eq_ignore_ascii_case("cognito-idp."));
    Some(if is_user_pool_host {
        lowercase_host(bare).into_owned()
    } else {
        bare.to_string()
    })
}

/// `text` with the part before the first `/` in ASCII lower case.
pub(crate) fn lowercase_host(text: &str) -> Cow<'_, str> {
    // Most hosts are already lower case: the `/` found by a byte search,
    // then the host tested without a branch per byte.
    let end = text.find('/').unwrap_or(text.len());
    let (host, rest) = text.split_at(end);
    if !host
        .bytes()
        .fold(false, |upper, b| upper | b.is_ascii_uppercase())
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(format!("{}{rest}", host.to_ascii_lowercase()))
}

/// The kind of provider behind a Logins key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProviderKind {
    /// A social provider from `SupportedLoginProviders`.
    Social,
    /// An IAM OIDC provider from `OpenIdConnectProviderARNs`.
    Oidc,
    /// An Amazon Cognito user pool from `CognitoIdentityProviders`.
    UserPool,
    /// An IAM SAML provider from `SamlProviderARNs`.
    Saml,
    /// Developer-authenticated identities (`DeveloperProviderName`).
    Developer,
}

/// One key a pool accepts in `Logins`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginKey {
    /// The key, exactly as `Logins` must carry it.
    pub key: String,
    /// What kind of provider it is.
    pub kind: ProviderKind,
    /// What configures it: the social app id's key, the OIDC or SAML
    /// provider ARN, the user-pool provider name, or the developer
    /// provider name.
    pub provider: String,
    /// For a user pool, its app client ids in the pool (in order).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub client_ids: Vec<String>,
}

/// The parts of a pool that decide its login keys, borrowed from either a
/// typed pool or a JSON tree.
#[derive(Debug, Default, Clone)]
pub(crate) struct PoolProviders<'a> {
    pub social: Vec<&'a str>,
    pub oidc: Vec<&'a str>,
    pub user_pools: Vec<(&'a str, Option<&'a str>)>,
    pub saml: Vec<&'a str>,
    pub developer: Option<&'a str>,
}

impl<'a> PoolProviders<'a> {
    pub(crate) fn from_pool(pool: &'a IdentityPool) -> PoolProviders<'a> {
        // Plain loops rather than iterator chains: smaller code in the web
        // build, where this runs once per resolution.
        let mut providers = PoolProviders {
            developer: pool.developer_provider_name.as_deref(),
            ..PoolProviders::default()
        };
        if let Some(social) = &pool.supported_login_providers {
            for (key, _) in &social.0 {
                providers.social.push(key);
            }
        }
        for arn in pool.open_id_connect_provider_arns.iter().flatten() {
            providers.oidc.push(arn);
        }
        for user_pool in pool.cognito_identity_providers.iter().flatten() {
            if let Some(name) = &user_pool.provider_name {
                providers
                    .user_pools
                    .push((name, user_pool.client_id.as_deref()));
            }
        }
        for arn in pool.saml_provider_arns.iter().flatten() {
            providers.saml.push(arn);
        }
        providers
    }

    /// The login keys, in the order: social, OIDC, user pools, SAML,
    /// developer. Keys are canonical (aliases resolved, user-pool names
    /// without scheme); a provider that cannot name a key (an OIDC entry
    /// that is not an OIDC provider ARN) is left out.
    pub(crate) fn login_keys(&self) -> Vec<LoginKey> {
        self.key_refs()
            .into_iter()
            .map(|k| LoginKey {
                key: k.key.into_owned(),
                kind: k.kind,
                provider: k.provider.to_string(),
                client_ids: k.client_ids.into_iter().map(str::to_string).collect(),
            })
            .collect()
    }

    /// [`login_keys`](Self::login_keys), borrowing from the pool wherever
    /// the text is already canonical (the usual case): no allocation per
    /// provider for the checks that run on every pool.
    pub(crate) fn key_refs(&self) -> Vec<KeyRef<'a>> {
        let mut keys: Vec<KeyRef<'a>> = Vec::new();
        // (key, kind) → index in `keys`: pools can list tens of thousands of
        // providers, so merging must not scan.
        let mut index: FirstSeen<(Cow<'a, str>, ProviderKind), usize> = FirstSeen::default();
        let mut add =
            |key: Cow<'a, str>, kind: ProviderKind, provider: &'a str, client: Option<&'a str>| {
                let at = *index.first((key.clone(), kind), keys.len());
                if at < keys.len() {
                    keys[at].client_ids.extend(client);
                } else {
                    keys.push(KeyRef {
                        key,
                        kind,
                        provider,
                        client_ids: client.into_iter().collect(),
                    });
                }
            };
        self.each_offer(&mut add);
        keys
    }

    /// Hands `each` the login key every provider offers (see
    /// [`offered_key`]), in the order of [`login_keys`](Self::login_keys),
    /// repeats included, with the kind of provider, its configured text and
    /// (for a user pool) its app client: the one walk over the providers,
    /// for merging keys here and for the semantic layer's checks.
    pub(crate) fn each_offer(
        &self,
        each: &mut dyn FnMut(Cow<'a, str>, ProviderKind, &'a str, Option<&'a str>),
    ) {
        let mut offer = |kind: ProviderKind, text: &'a str, client: Option<&'a str>| {
            if let Some(key) = offered_key(kind, text) {
                each(key, kind, text, client);
            }
        };
        for social in &self.social {
            offer(ProviderKind::Social, social, None);
        }
        for oidc in &self.oidc {
            offer(ProviderKind::Oidc, oidc, None);
        }
        for &(name, client) in &self.user_pools {
            offer(ProviderKind::UserPool, name, client);
        }
        for saml in &self.saml {
            offer(ProviderKind::Saml, saml, None);
        }
        if let Some(developer) = self.developer {
            offer(ProviderKind::Developer, developer, None);
        }
    }
}

/// The Logins key a provider of `kind` configured as `text` offers: a
/// social provider's canonical key (or its key trimmed), the issuer of an
/// OIDC provider ARN, a user-pool provider name without scheme and with its
/// host in lower case, a SAML provider ARN trimmed, or
/// [`DEVELOPER_LOGIN_KEY`]; `None` for an OIDC entry that is not an OIDC
/// provider ARN. The one decision, for pools given as typed values and as
/// JSON (the semantic layer), borrowed wherever the text is canonical.
pub(crate) fn offered_key(kind: ProviderKind, text: &str) -> Option<Cow<'_, str>> {
    Some(match kind {
        ProviderKind::Social => {
            Cow::Borrowed(canonical_login_key(text).unwrap_or_else(|| text.trim()))
        }
        ProviderKind::Oidc => Cow::Borrowed(
            ArnParts::parse_kind(text.trim(), ArnKind::OidcProvider)
                .ok()?
                .oidc_issuer()?,
        ),
        ProviderKind::UserPool => canonical_user_pool_key(text),
        ProviderKind::Saml => Cow::Borrowed(text.trim()),
        ProviderKind::Developer => Cow::Borrowed(DEVELOPER_LOGIN_KEY),
    })
}

/// A login key borrowed from the pool it was computed from.
#[derive(Debug, Clone)]
pub(crate) struct KeyRef<'a> {
    pub key: Cow<'a, str>,
    pub kind: ProviderKind,
    pub provider: &'a str,
    pub client_ids: Vec<&'a str>,
}

/// Every key a pool accepts in `Logins`, with the kind of provider behind
/// it.
///
/// ```
/// use idpool::provider::{login_keys, ProviderKind};
/// let pool: idpool::model::IdentityPool = serde_json::from_str(r#"{
///     "IdentityPoolId": "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
///     "IdentityPoolName": "Photos",
///     "AllowUnauthenticatedIdentities": false,
///     "SupportedLoginProviders": {"Facebook": "7346241598935552"},
///     "OpenIdConnectProviderARNs": ["arn:aws:iam::123456789012:oidc-provider/auth.example.com"],
///     "DeveloperProviderName": "login.example.com"
/// }"#)?;
/// let keys = login_keys(&pool);
/// assert_eq!(keys[0].key, "graph.facebook.com");
/// assert_eq!(keys[1].key, "auth.example.com");
/// assert_eq!(keys[1].kind, ProviderKind::Oidc);
/// assert_eq!(keys[2].key, "cognito-identity.amazonaws.com");
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn login_keys(pool: &IdentityPool) -> Vec<LoginKey> {
    PoolProviders::from_pool(pool).login_keys()
}

/// The login keys of a pool given as JSON text, read leniently so that a
/// form being typed (with errors elsewhere) still shows its keys: members
/// of the wrong type are skipped. `Err` only when the text is not a JSON
/// object (a `syntax` or `type` issue).
///
/// ```
/// let keys = idpool::provider::login_keys_of(r#"{"SupportedLoginProviders":{"Google":"x"},"IdentityPoolName":5}"#)?;
/// assert_eq!(keys[0].key, "accounts.google.com");
/// # Ok::<(), Box<idpool::Issue>>(())
/// ```
pub fn login_keys_of(pool_json: &str) -> Result<Vec<LoginKey>, Box<crate::Issue>> {
    let value = crate::Checker::new().parse(pool_json)?;
    match &value {
        crate::json::Value::Object(_) => Ok(crate::semantic::pool_providers(&value).login_keys()),
        other => Err(Box::new(crate::Issue::new(
            "",
            crate::Code::Type,
            format!("A pool must be a JSON object, not {}.", other.type_name()),
        ))),
    }
}

/// A user-pool provider name without `https://`, without a trailing `/`,
/// and with its host in lower case: the form `Logins` keys use.
pub fn canonical_user_pool_name(name: &str) -> String {
    canonical_user_pool_key(name).into_owned()
}

/// [`canonical_user_pool_name`], borrowed when the name is canonical.
pub(crate) fn canonical_user_pool_key(name: &str) -> Cow<'_, str> {
    lowercase_host(strip_scheme_and_slashes(name.trim()))
}

/// A Logins or RoleMappings key in canonical form: no scheme, no trailing
/// `/`, user-pool hosts in lower case, social aliases resolved; ARNs as
/// they are.
pub fn canonical_key(key: &str) -> String {
    let trimmed = key.trim();
    if trimmed.starts_with("arn:") {
        return trimmed.to_string();
    }
    let bare = strip_scheme_and_slashes(trimmed);
    if bare
        .get(..12)
        .is_some_and(|p| p.eq_ignore_ascii_case("cognito-idp."))
    {
        return lowercase_host(bare).into_owned();
    }
    canonical_login_key(bare).map_or_else(|| bare.to_string(), str::to_string)
}

/// A parsed user-pool provider name:
/// `cognito-idp.<region>.<dns suffix>/<region>_<id>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserPoolProvider<'a> {
    /// The region in the host name.
    pub host_region: &'a str,
    /// The user pool id, `<region>_<id>`.
    pub user_pool_id: &'a str,
    /// The region prefix of the user pool id.
    pub pool_region: &'a str,
}

/// Why a user-pool provider name is not one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UserPoolProviderError {
    /// Not `<host>/<user pool id>`.
    #[error("expected cognito-idp.<region>.amazonaws.com/<user pool id>")]
    Shape,
    /// The host is not `cognito-idp.<region>.<partition DNS suffix>`.
    #[error("the host must be cognito-idp.<region>.amazonaws.com (amazonaws.com.cn in China)")]
    Host,
    /// The user pool id is not `<region>_<letters and digits>`.
    #[error("the user pool id must be <region>_<letters and digits>, such as us-east-1_AbCdEfGhI")]
    UserPoolId,
}

/// Parse a (canonical) user-pool provider name.
///
/// ```
/// let p = idpool::provider::parse_user_pool_provider("cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123")?;
/// assert_eq!(p.host_region, "eu-west-1");
/// assert_eq!(p.user_pool_id, "eu-west-1_AbC123");
/// # Ok::<(), idpool::provider::UserPoolProviderError>(())
/// ```
pub fn parse_user_pool_provider(name: &str) -> Result<UserPoolProvider<'_>, UserPoolProviderError> {
    let (host, user_pool_id) = name.split_once('/').ok_or(UserPoolProviderError::Shape)?;
    let rest = host
        .strip_prefix("cognito-idp.")
        .ok_or(UserPoolProviderError::Host)?;
    let (host_region, suffix) = rest.split_once('.').ok_or(UserPoolProviderError::Host)?;
    if !is_region_shape(host_region)
        || suffix != crate::region::dns_suffix(crate::region::partition_of(host_region))
    {
        return Err(UserPoolProviderError::Host);
    }
    let (pool_region, id) = user_pool_id
        .split_once('_')
        .ok_or(UserPoolProviderError::UserPoolId)?;
    if !is_region_shape(pool_region)
        || id.is_empty()
        || !id.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        return Err(UserPoolProviderError::UserPoolId);
    }
    Ok(UserPoolProvider {
        host_region,
        user_pool_id,
        pool_region,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn social_keys_words_and_urls_are_canonical() {
        assert_eq!(
            canonical_login_key("LoginWithAmazon"),
            Some("www.amazon.com")
        );
        assert_eq!(
            canonical_login_key("http://graph.facebook.com"),
            Some("graph.facebook.com")
        );
        assert_eq!(canonical_login_key("apple id"), None);
        for (key, _) in SOCIAL_PROVIDERS {
            assert_eq!(canonical_login_key(key), Some(*key));
        }
        for (_, key) in LOGIN_KEY_ALIASES {
            assert!(SOCIAL_PROVIDERS.iter().any(|(k, _)| k == key));
        }
    }

    #[test]
    fn canonical_keys_of_every_kind() {
        assert_eq!(
            canonical_key(" HTTPS://Cognito-IDP.us-east-1.amazonaws.com/us-east-1_AbC/ "),
            "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC"
        );
        assert_eq!(canonical_key("https://Facebook"), "graph.facebook.com");
        assert_eq!(canonical_key("auth.example.com/"), "auth.example.com");
        assert_eq!(
            canonical_key(" arn:aws:iam::123456789012:saml-provider/A "),
            "arn:aws:iam::123456789012:saml-provider/A"
        );
    }

    #[test]
    fn user_pool_names_are_canonicalized_like_logins_keys() {
        assert_eq!(
            canonical_user_pool_name(
                " https://Cognito-IDP.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI/ "
            ),
            "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI"
        );
    }

    #[test]
    fn user_pool_provider_names_parse() {
        let p = parse_user_pool_provider("cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_Ab1")
            .unwrap();
        assert_eq!(p.host_region, "cn-north-1");
        assert_eq!(p.pool_region, "cn-north-1");
        for (bad, error) in [
            (
                "cognito-idp.us-east-1.amazonaws.com",
                UserPoolProviderError::Shape,
            ),
            (
                "idp.us-east-1.amazonaws.com/us-east-1_A",
                UserPoolProviderError::Host,
            ),
            (
                "cognito-idp.us-east-1.amazonaws.com.cn/us-east-1_A",
                UserPoolProviderError::Host,
            ),
            (
                "cognito-idp.useast1.amazonaws.com/us-east-1_A",
                UserPoolProviderError::Host,
            ),
            (
                "cognito-idp.us-east-1.amazonaws.com/us-east-1",
                UserPoolProviderError::UserPoolId,
            ),
            (
                "cognito-idp.us-east-1.amazonaws.com/us-east-1_",
                UserPoolProviderError::UserPoolId,
            ),
            (
                "cognito-idp.us-east-1.amazonaws.com/us-east-1_A/b",
                UserPoolProviderError::UserPoolId,
            ),
        ] {
            assert_eq!(parse_user_pool_provider(bad), Err(error), "{bad}");
        }
    }

    #[test]
    fn login_keys_merge_app_clients_of_one_user_pool() {
        let providers = PoolProviders {
            user_pools: vec![
                (
                    "cognito-idp.us-east-1.amazonaws.com/us-east-1_A",
                    Some("one"),
                ),
                (
                    "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_A/",
                    Some("two"),
                ),
            ],
            saml: vec!["arn:aws:iam::123456789012:saml-provider/Corp"],
            oidc: vec!["arn:aws:iam::123456789012:role/not-oidc"],
            ..PoolProviders::default()
        };
        let keys = providers.login_keys();
        assert_eq!(keys.len(), 2, "{keys:?}");
        assert_eq!(keys[0].client_ids, ["one", "two"]);
        assert_eq!(keys[1].key, "arn:aws:iam::123456789012:saml-provider/Corp");
        assert_eq!(keys[1].kind, ProviderKind::Saml);
    }
}

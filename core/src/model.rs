//! The typed model: serde structs for the identity-pool shapes, with the
//! service's PascalCase wire names.
//!
//! Fields hold the wire values as they are (strings stay strings), so any
//! value the service can receive round-trips; use [`IdentityPoolId`],
//! [`IdentityId`] and [`Arn`](crate::Arn) (`FromStr`) for the checked
//! views. Maps keep their input order ([`OrderedMap`]), because the order of
//! `Logins` entries matters. Sensitive values are [`Secret`]s, redacted in
//! `Debug`.
//!
//! ```
//! let pool: idpool::model::IdentityPool = serde_json::from_str(r#"{
//!     "IdentityPoolId": "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
//!     "IdentityPoolName": "Photos",
//!     "AllowUnauthenticatedIdentities": false,
//!     "SupportedLoginProviders": {"graph.facebook.com": "7346241598935552"}
//! }"#)?;
//! assert_eq!(pool.identity_pool_id()?.region_str(), "us-east-1");
//! assert_eq!(pool.supported_login_providers.unwrap().get("graph.facebook.com").map(String::as_str), Some("7346241598935552"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::id::{IdError, IdentityId, IdentityPoolId};
use crate::secret::Secret;
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// A JSON object as an ordered list of entries: input order is kept, and
/// serialization writes entries in that order.
#[derive(Clone, PartialEq, Eq)]
pub struct OrderedMap<V>(pub Vec<(String, V)>);

impl<V> Default for OrderedMap<V> {
    fn default() -> Self {
        OrderedMap(Vec::new())
    }
}

impl<V> OrderedMap<V> {
    /// An empty map.
    pub fn new() -> Self {
        OrderedMap(Vec::new())
    }
    /// The value of the first entry with this key.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    /// Append an entry (keys are not deduplicated).
    pub fn push(&mut self, key: impl Into<String>, value: V) {
        self.0.push((key.into(), value));
    }
    /// The entries in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
    /// The keys in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<V: fmt::Debug> fmt::Debug for OrderedMap<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.0.iter().map(|(k, v)| (k, v)))
            .finish()
    }
}

impl<K: Into<String>, V> FromIterator<(K, V)> for OrderedMap<V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        OrderedMap(iter.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }
}

impl<V: Serialize> Serialize for OrderedMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedVisitor<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for OrderedVisitor<V> {
            type Value = OrderedMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::with_capacity(access.size_hint().unwrap_or(0).min(64));
                while let Some((k, v)) = access.next_entry::<String, V>()? {
                    entries.push((k, v));
                }
                Ok(OrderedMap(entries))
            }
        }
        deserializer.deserialize_map(OrderedVisitor(PhantomData))
    }
}

/// A point in time as the wire carries it: epoch seconds (the JSON
/// protocol) or an RFC 3339 string (as the AWS CLI prints it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Timestamp {
    /// Seconds since the Unix epoch.
    EpochSeconds(f64),
    /// An RFC 3339 date-time.
    Text(String),
}

/// An Amazon Cognito user pool and app client configured on an identity pool.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct CognitoIdentityProvider {
    /// `cognito-idp.<region>.amazonaws.com/<user pool id>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_name: Option<String>,
    /// The app client id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// Whether the identity pool checks with the user pool that the user is
    /// still signed in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_side_token_check: Option<bool>,
}

macro_rules! pool_members {
    ($(#[$doc:meta])* $name:ident { $($(#[$fdoc:meta])* $field:ident: $ty:ty,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(rename_all = "PascalCase", deny_unknown_fields)]
        pub struct $name {
            $($(#[$fdoc])* pub $field: $ty,)*
            /// The pool's name: letters, digits, whitespace and `+=,.@-_`.
            pub identity_pool_name: String,
            /// Whether identities without logins get credentials.
            pub allow_unauthenticated_identities: bool,
            /// Whether the basic (classic) authentication flow is enabled.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub allow_classic_flow: Option<bool>,
            /// Social providers: login key → app id.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub supported_login_providers: Option<OrderedMap<String>>,
            /// The developer provider's domain name.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub developer_provider_name: Option<String>,
            /// IAM OIDC provider ARNs.
            #[serde(default, rename = "OpenIdConnectProviderARNs", skip_serializing_if = "Option::is_none")]
            pub open_id_connect_provider_arns: Option<Vec<String>>,
            /// User pools and app clients.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub cognito_identity_providers: Option<Vec<CognitoIdentityProvider>>,
            /// IAM SAML provider ARNs.
            #[serde(default, rename = "SamlProviderARNs", skip_serializing_if = "Option::is_none")]
            pub saml_provider_arns: Option<Vec<String>>,
            /// Tags on the pool.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub identity_pool_tags: Option<OrderedMap<String>>,
        }
    };
}

pool_members!(
    /// A stored identity pool (`DescribeIdentityPool` output,
    /// `UpdateIdentityPool` input and output).
    IdentityPool {
        /// `<region>:<guid>`.
        identity_pool_id: String,
    }
);

pool_members!(
    /// The input of `CreateIdentityPool`.
    CreateIdentityPoolInput {}
);

impl IdentityPool {
    /// The checked identity pool id.
    pub fn identity_pool_id(&self) -> Result<IdentityPoolId, IdError> {
        self.identity_pool_id.parse()
    }
}

/// The input of `DescribeIdentityPool`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct DescribeIdentityPoolInput {
    /// `<region>:<guid>`.
    pub identity_pool_id: String,
}

/// The input of `GetCredentialsForIdentity`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct GetCredentialsForIdentityInput {
    /// `<region>:<guid>`.
    pub identity_id: String,
    /// Login key → token (sensitive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logins: Option<OrderedMap<Secret>>,
    /// The role to assume when the login offers several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_role_arn: Option<String>,
}

impl GetCredentialsForIdentityInput {
    /// The checked identity id.
    pub fn identity_id(&self) -> Result<IdentityId, IdError> {
        self.identity_id.parse()
    }
}

/// Temporary AWS credentials.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Credentials {
    /// The access key id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_key_id: Option<String>,
    /// The secret access key (sensitive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_key: Option<Secret>,
    /// The session token (sensitive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_token: Option<Secret>,
    /// When the credentials expire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration: Option<Timestamp>,
}

/// The output of `GetCredentialsForIdentity`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct GetCredentialsForIdentityResponse {
    /// `<region>:<guid>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_id: Option<String>,
    /// The credentials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<Credentials>,
}

/// How a role mapping picks a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RoleMappingType {
    /// From the token's `cognito:roles` and `cognito:preferred_role` claims.
    Token,
    /// From the first matching rule.
    Rules,
}

/// What happens when a role mapping does not decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AmbiguousRoleResolutionType {
    /// Use the pool's authenticated role.
    AuthenticatedRole,
    /// Refuse credentials.
    Deny,
}

/// How a rule compares a claim with its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MappingRuleMatchType {
    /// The claim equals the value.
    Equals,
    /// The claim contains the value.
    Contains,
    /// The claim starts with the value.
    StartsWith,
    /// The claim is present and differs from the value.
    NotEqual,
}

/// One rule of a Rules role mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct MappingRule {
    /// The claim name.
    pub claim: String,
    /// How to compare.
    pub match_type: MappingRuleMatchType,
    /// The value to compare with.
    pub value: String,
    /// The role to assume when the rule matches.
    #[serde(rename = "RoleARN")]
    pub role_arn: String,
}

/// The rules of a Rules role mapping.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct RulesConfigurationType {
    /// The rules, evaluated in order.
    pub rules: Vec<MappingRule>,
}

/// A role mapping for one login provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct RoleMapping {
    /// `Token` or `Rules`.
    #[serde(rename = "Type")]
    pub mapping_type: RoleMappingType,
    /// What happens when the mapping does not decide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ambiguous_role_resolution: Option<AmbiguousRoleResolutionType>,
    /// The rules, for `Rules`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules_configuration: Option<RulesConfigurationType>,
}

/// The input of `SetIdentityPoolRoles`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct SetIdentityPoolRolesInput {
    /// `<region>:<guid>`.
    pub identity_pool_id: String,
    /// `authenticated` / `unauthenticated` → role ARN.
    pub roles: OrderedMap<String>,
    /// Login key → role mapping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_mappings: Option<OrderedMap<RoleMapping>>,
}

/// The output of `GetIdentityPoolRoles`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct GetIdentityPoolRolesResponse {
    /// `<region>:<guid>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_pool_id: Option<String>,
    /// `authenticated` / `unauthenticated` → role ARN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<OrderedMap<String>>,
    /// Login key → role mapping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_mappings: Option<OrderedMap<RoleMapping>>,
}

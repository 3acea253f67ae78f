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

/// The model types read from JSON values the constraint layer accepted,
/// without serde: credentials resolution and the trust audit read their
/// context's `Pool`, `Request`, `Roles` and `RoleMappings` this way, so
/// the `.wasm` links no deserializer (docs/DECISIONS.md, "Reading checked
/// values"). Each reader refuses what the derived `Deserialize` refuses
/// (a member of the wrong type, an unknown or missing member), naming the
/// JSON Pointer of the value below the one read.
// Some results are taken with `match` where `?` would do: measured, `?`
// made the web `.wasm` larger here (docs/DECISIONS.md, "Code size of the
// credentials and trust code").
#[allow(clippy::question_mark)]
pub(crate) mod read {
    use super::{
        AmbiguousRoleResolutionType, CognitoIdentityProvider, GetCredentialsForIdentityInput,
        IdentityPool, MappingRule, MappingRuleMatchType, OrderedMap, RoleMapping, RoleMappingType,
        RulesConfigurationType,
    };
    use crate::json::Value;
    use crate::path::push_pointer_token;
    use crate::secret::Secret;
    use std::borrow::Cow;

    /// Why a value could not be read: where (a JSON Pointer below the value
    /// read) and what was expected there.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub(crate) struct Unreadable {
        /// The pointer, built from the innermost value outwards.
        pub(crate) path: String,
        /// What the value there should have been.
        pub(crate) expected: &'static str,
    }

    impl Unreadable {
        fn new(expected: &'static str) -> Unreadable {
            Unreadable {
                path: String::new(),
                expected,
            }
        }

        /// The same problem, one level further out (under array index
        /// `index`).
        fn at_index(self, index: usize) -> Unreadable {
            self.under(&index.to_string())
        }

        /// The same problem, one level further out (under `token`).
        fn under(mut self, token: &str) -> Unreadable {
            let mut path = String::with_capacity(token.len() + 1 + self.path.len());
            path.push('/');
            push_pointer_token(&mut path, token);
            path.push_str(&self.path);
            self.path = path;
            self
        }
    }

    type Read<T> = Result<T, Unreadable>;
    type Entries<'v> = [(Cow<'v, str>, Value<'v>)];

    fn string(value: &Value<'_>) -> Read<String> {
        match value {
            Value::String(text) => Ok(text.to_string()),
            _ => Err(Unreadable::new("a string")),
        }
    }

    fn boolean(value: &Value<'_>) -> Read<bool> {
        match value {
            Value::Bool(b) => Ok(*b),
            _ => Err(Unreadable::new("a boolean")),
        }
    }

    fn entries<'a, 'v>(value: &'a Value<'v>) -> Read<&'a Entries<'v>> {
        match value {
            Value::Object(entries) => Ok(entries),
            _ => Err(Unreadable::new("an object")),
        }
    }

    fn list<T>(value: &Value<'_>, item: fn(&Value<'_>) -> Read<T>) -> Read<Vec<T>> {
        let Value::Array(items) = value else {
            return Err(Unreadable::new("an array"));
        };
        let mut out = Vec::with_capacity(items.len());
        for (index, v) in items.iter().enumerate() {
            match item(v) {
                Ok(item) => out.push(item),
                Err(e) => return Err(e.at_index(index)),
            }
        }
        Ok(out)
    }

    fn map<T>(value: &Value<'_>, item: fn(&Value<'_>) -> Read<T>) -> Read<OrderedMap<T>> {
        let entries = match entries(value) {
            Ok(entries) => entries,
            Err(e) => return Err(e),
        };
        let mut out = Vec::with_capacity(entries.len());
        for (key, v) in entries {
            match item(v) {
                Ok(item) => out.push((key.to_string(), item)),
                Err(e) => return Err(e.under(key)),
            }
        }
        Ok(OrderedMap(out))
    }

    fn secret(value: &Value<'_>) -> Read<Secret> {
        string(value).map(Secret::new)
    }

    /// The members of a structure, each taken once: `take` returns the value
    /// of a member (`None` when absent or `null`, as serde's `default`
    /// reads it), and [`Members::finish`] refuses any member not taken.
    ///
    /// A member that cannot be read is remembered (the first one) rather
    /// than returned at once, so that a reader builds its structure without
    /// an early return per member (smaller code: no drop of the members
    /// read so far at each exit); [`Members::finish`] reports it.
    struct Members<'a, 'v> {
        entries: &'a Entries<'v>,
        taken: u32,
        error: Option<Unreadable>,
    }

    /// A required member that is absent (apart from the generic
    /// [`Members::required`]).
    fn absent(name: &str) -> Unreadable {
        Unreadable::new("present").under(name)
    }

    impl<'a, 'v> Members<'a, 'v> {
        fn of(value: &'a Value<'v>) -> Read<Members<'a, 'v>> {
            let entries = match entries(value) {
                Ok(entries) => entries,
                Err(e) => return Err(e),
            };
            // A checked structure has each member once and only known ones,
            // so at most as many entries as the widest shape read here.
            if entries.len() > 32 {
                return Err(Unreadable::new("a structure of the model"));
            }
            Ok(Members {
                entries,
                taken: 0,
                error: None,
            })
        }

        fn take<T>(&mut self, name: &str, read: impl Fn(&Value<'v>) -> Read<T>) -> Option<T> {
            let value = self.find(name)?;
            match read(value) {
                Ok(v) => Some(v),
                Err(e) => {
                    self.fail(name, e);
                    None
                }
            }
        }

        /// Remember the first problem (under `name`).
        fn fail(&mut self, name: &str, e: Unreadable) {
            if self.error.is_none() {
                self.error = Some(e.under(name));
            }
        }

        /// The value of a member, marked as taken (`None` when absent or
        /// `null`); apart from [`Members::take`] so that it is not generic.
        fn find(&mut self, name: &str) -> Option<&'a Value<'v>> {
            let index = self.entries.iter().position(|(k, _)| k == name)?;
            self.taken |= 1 << index;
            match &self.entries[index].1 {
                Value::Null => None,
                value => Some(value),
            }
        }

        /// A member that must be present; `fallback` (never returned by the
        /// reader: [`Members::finish`] fails) when it is absent or unreadable.
        fn required<T>(
            &mut self,
            name: &str,
            read: impl Fn(&Value<'v>) -> Read<T>,
            fallback: T,
        ) -> T {
            match self.take(name, read) {
                Some(v) => v,
                None => {
                    if self.error.is_none() {
                        self.error = Some(absent(name));
                    }
                    fallback
                }
            }
        }

        fn finish(self) -> Read<()> {
            if let Some(e) = self.error {
                return Err(e);
            }
            match (0..self.entries.len()).find(|i| self.taken & (1 << i) == 0) {
                Some(i) => Err(Unreadable::new("absent (not a member)").under(&self.entries[i].0)),
                None => Ok(()),
            }
        }
    }

    /// An `IdentityPool` structure.
    pub(crate) fn identity_pool(value: &Value<'_>) -> Read<IdentityPool> {
        let mut m = match Members::of(value) {
            Ok(m) => m,
            Err(e) => return Err(e),
        };
        let pool = IdentityPool {
            identity_pool_id: m.required("IdentityPoolId", string, String::new()),
            identity_pool_name: m.required("IdentityPoolName", string, String::new()),
            allow_unauthenticated_identities: m.required(
                "AllowUnauthenticatedIdentities",
                boolean,
                false,
            ),
            allow_classic_flow: m.take("AllowClassicFlow", boolean),
            supported_login_providers: m.take("SupportedLoginProviders", string_map),
            developer_provider_name: m.take("DeveloperProviderName", string),
            open_id_connect_provider_arns: m.take("OpenIdConnectProviderARNs", strings),
            cognito_identity_providers: m.take("CognitoIdentityProviders", |v| list(v, user_pool)),
            saml_provider_arns: m.take("SamlProviderARNs", strings),
            identity_pool_tags: m.take("IdentityPoolTags", string_map),
        };
        m.finish()?;
        Ok(pool)
    }

    fn user_pool(value: &Value<'_>) -> Read<CognitoIdentityProvider> {
        let mut m = match Members::of(value) {
            Ok(m) => m,
            Err(e) => return Err(e),
        };
        let provider = CognitoIdentityProvider {
            provider_name: m.take("ProviderName", string),
            client_id: m.take("ClientId", string),
            server_side_token_check: m.take("ServerSideTokenCheck", boolean),
        };
        m.finish()?;
        Ok(provider)
    }

    /// A `GetCredentialsForIdentity` input.
    pub(crate) fn credentials_request(value: &Value<'_>) -> Read<GetCredentialsForIdentityInput> {
        let mut m = match Members::of(value) {
            Ok(m) => m,
            Err(e) => return Err(e),
        };
        let request = GetCredentialsForIdentityInput {
            identity_id: m.required("IdentityId", string, String::new()),
            logins: m.take("Logins", |v| map(v, secret)),
            custom_role_arn: m.take("CustomRoleArn", string),
        };
        m.finish()?;
        Ok(request)
    }

    /// A list of strings (one function for every such member, so that the
    /// readers share its code).
    fn strings(value: &Value<'_>) -> Read<Vec<String>> {
        list(value, string)
    }

    /// A map of strings (one function for every such member, so that the
    /// readers share its code).
    fn string_map(value: &Value<'_>) -> Read<OrderedMap<String>> {
        map(value, string)
    }

    /// A `Roles` map (`authenticated` / `unauthenticated` to a role ARN).
    pub(crate) fn roles(value: &Value<'_>) -> Read<OrderedMap<String>> {
        string_map(value)
    }

    /// A `RoleMappings` map.
    pub(crate) fn role_mappings(value: &Value<'_>) -> Read<OrderedMap<RoleMapping>> {
        map(value, role_mapping)
    }

    /// One of an enumeration's wire names.
    /// `values[i]` for the wire name `names[i]` (two lists of one length).
    fn one_of<T: Copy, const N: usize>(
        value: &Value<'_>,
        names: &[&str; N],
        values: [T; N],
    ) -> Read<T> {
        Ok(values[name_index(value, names)?])
    }

    /// The position of a string among an enumeration's wire names (apart
    /// from the generic [`one_of`]).
    fn name_index(value: &Value<'_>, names: &[&str]) -> Read<usize> {
        let text = match value {
            Value::String(text) => text.as_ref(),
            _ => return Err(Unreadable::new("a string")),
        };
        names
            .iter()
            .position(|name| *name == text)
            .ok_or_else(|| Unreadable::new("one of the enumeration's values"))
    }

    fn role_mapping(value: &Value<'_>) -> Read<RoleMapping> {
        let mut m = match Members::of(value) {
            Ok(m) => m,
            Err(e) => return Err(e),
        };
        let mapping = RoleMapping {
            mapping_type: m.required(
                "Type",
                |v| {
                    one_of(
                        v,
                        &["Token", "Rules"],
                        [RoleMappingType::Token, RoleMappingType::Rules],
                    )
                },
                RoleMappingType::Token,
            ),
            ambiguous_role_resolution: m.take("AmbiguousRoleResolution", |v| {
                one_of(
                    v,
                    &["AuthenticatedRole", "Deny"],
                    [
                        AmbiguousRoleResolutionType::AuthenticatedRole,
                        AmbiguousRoleResolutionType::Deny,
                    ],
                )
            }),
            rules_configuration: m.take("RulesConfiguration", rules_configuration),
        };
        m.finish()?;
        Ok(mapping)
    }

    fn rules_configuration(value: &Value<'_>) -> Read<RulesConfigurationType> {
        let mut m = match Members::of(value) {
            Ok(m) => m,
            Err(e) => return Err(e),
        };
        let rules = m.required("Rules", |v| list(v, mapping_rule), Vec::new());
        m.finish()?;
        Ok(RulesConfigurationType { rules })
    }

    fn mapping_rule(value: &Value<'_>) -> Read<MappingRule> {
        use MappingRuleMatchType::{Contains, Equals, NotEqual, StartsWith};
        let mut m = match Members::of(value) {
            Ok(m) => m,
            Err(e) => return Err(e),
        };
        let rule = MappingRule {
            claim: m.required("Claim", string, String::new()),
            match_type: m.required(
                "MatchType",
                |v| {
                    one_of(
                        v,
                        &["Equals", "Contains", "StartsWith", "NotEqual"],
                        [Equals, Contains, StartsWith, NotEqual],
                    )
                },
                MappingRuleMatchType::Equals,
            ),
            value: m.required("Value", string, String::new()),
            role_arn: m.required("RoleARN", string, String::new()),
        };
        m.finish()?;
        Ok(rule)
    }
}

#[cfg(test)]
mod tests {
    use super::read;
    use super::*;
    use crate::json::{self, Value};

    fn value(text: &str) -> Value<'static> {
        json::parse(text, &json::ParseOptions::default())
            .unwrap()
            .into_owned()
    }

    /// The hand readers give what the derived `Deserialize` gives.
    #[test]
    fn readers_agree_with_serde() {
        let pool = value(
            r#"{"IdentityPoolId":"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0","IdentityPoolName":"Photos",
            "AllowUnauthenticatedIdentities":true,"AllowClassicFlow":null,
            "SupportedLoginProviders":{"graph.facebook.com":"734","accounts.google.com":"x.apps.googleusercontent.com"},
            "DeveloperProviderName":"login.example","OpenIdConnectProviderARNs":["arn:aws:iam::123456789012:oidc-provider/a.example"],
            "CognitoIdentityProviders":[{"ProviderName":"cognito-idp.us-east-1.amazonaws.com/us-east-1_ABC","ClientId":"c1","ServerSideTokenCheck":false},{}],
            "SamlProviderARNs":[],"IdentityPoolTags":{"team":"photos"}}"#,
        );
        let ours = read::identity_pool(&pool).unwrap();
        assert_eq!(ours, json::from_value::<IdentityPool>(&pool).unwrap());
        assert_eq!(ours.allow_classic_flow, None);
        assert_eq!(
            ours.cognito_identity_providers.as_ref().map(Vec::len),
            Some(2)
        );

        let request = value(
            r#"{"IdentityId":"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0","Logins":{"graph.facebook.com":"tok"},"CustomRoleArn":"arn:aws:iam::123456789012:role/r"}"#,
        );
        let ours = read::credentials_request(&request).unwrap();
        assert_eq!(
            ours,
            json::from_value::<GetCredentialsForIdentityInput>(&request).unwrap()
        );
        assert_eq!(
            ours.logins
                .unwrap()
                .get("graph.facebook.com")
                .unwrap()
                .expose(),
            "tok"
        );

        let mappings = value(
            r#"{"graph.facebook.com":{"Type":"Token","AmbiguousRoleResolution":"Deny"},
            "accounts.google.com":{"Type":"Rules","AmbiguousRoleResolution":"AuthenticatedRole",
              "RulesConfiguration":{"Rules":[
                {"Claim":"a","MatchType":"Equals","Value":"1","RoleARN":"arn:aws:iam::1:role/a"},
                {"Claim":"b","MatchType":"Contains","Value":"2","RoleARN":"arn:aws:iam::1:role/b"},
                {"Claim":"c","MatchType":"StartsWith","Value":"3","RoleARN":"arn:aws:iam::1:role/c"},
                {"Claim":"d","MatchType":"NotEqual","Value":"4","RoleARN":"arn:aws:iam::1:role/d"}]}}}"#,
        );
        assert_eq!(
            read::role_mappings(&mappings).unwrap(),
            json::from_value::<OrderedMap<RoleMapping>>(&mappings).unwrap()
        );
        let roles = value(
            r#"{"authenticated":"arn:aws:iam::1:role/a","unauthenticated":"arn:aws:iam::1:role/u"}"#,
        );
        assert_eq!(
            read::roles(&roles).unwrap(),
            json::from_value::<OrderedMap<String>>(&roles).unwrap()
        );
    }

    /// What serde refuses, the readers refuse, naming where.
    #[test]
    fn readers_refuse_what_serde_refuses() {
        let cases = [
            (
                r#"{"IdentityPoolName":"p","AllowUnauthenticatedIdentities":true}"#,
                "/IdentityPoolId",
                "present",
            ),
            (
                r#"{"IdentityPoolId":"x","IdentityPoolName":"p","AllowUnauthenticatedIdentities":"yes"}"#,
                "/AllowUnauthenticatedIdentities",
                "a boolean",
            ),
            (
                r#"{"IdentityPoolId":"x","IdentityPoolName":"p","AllowUnauthenticatedIdentities":true,"Extra":1}"#,
                "/Extra",
                "absent (not a member)",
            ),
            (
                r#"{"IdentityPoolId":"x","IdentityPoolName":"p","AllowUnauthenticatedIdentities":true,"CognitoIdentityProviders":[{},{"ClientId":5}]}"#,
                "/CognitoIdentityProviders/1/ClientId",
                "a string",
            ),
            (
                r#"{"IdentityPoolId":"x","IdentityPoolName":"p","AllowUnauthenticatedIdentities":true,"IdentityPoolTags":{"a/b":[]}}"#,
                "/IdentityPoolTags/a~1b",
                "a string",
            ),
            ("[]", "", "an object"),
        ];
        for (text, path, expected) in cases {
            let v = value(text);
            assert!(json::from_value::<IdentityPool>(&v).is_err(), "{text}");
            let e = read::identity_pool(&v).unwrap_err();
            assert_eq!((e.path.as_str(), e.expected), (path, expected), "{text}");
        }
        let v = value(r#"{"p":{"Type":"Tokens"}}"#);
        assert!(json::from_value::<OrderedMap<RoleMapping>>(&v).is_err());
        let e = read::role_mappings(&v).unwrap_err();
        assert_eq!(
            (e.path.as_str(), e.expected),
            ("/p/Type", "one of the enumeration's values")
        );
    }
}

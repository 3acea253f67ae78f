//! The constraint table of the service model.
//!
//! Every shape and operation of the Amazon Cognito Identity model (API
//! 2014-06-30) as static data: types, members, required members, length and
//! value bounds, patterns, enum values and the sensitive trait. The table in
//! [`generated`](self) is written by `cargo run -p xtask -- codegen` from the
//! stripped model committed at `core/model/cognito-identity.json`; a test
//! regenerates it and fails on any drift. Do not edit it by hand.
//!
//! Beside it, the roles table ([`Roles`], [`Slot`]): what each shape or
//! position is for (a secret, an identity pool id, a map of login keys, a
//! role ARN slot, ...), generated the same way from our annotations in
//! `model/roles.json`, so the semantic and normalization rules read one
//! table instead of keeping lists of shape names.

#[rustfmt::skip]
mod generated;
#[rustfmt::skip]
mod roles;

pub use generated::MODEL_API_VERSION;
pub use roles::Slot;

/// The roles a shape plays for the semantic and normalization rules: our
/// annotations of the model (`model/roles.json`), generated into
/// `schema/roles.rs` by `cargo run -p xtask -- codegen`, which checks each
/// name against the model. Read with [`roles`]; the constants name each
/// role.
///
/// ```
/// use idpool::schema::{roles, Roles, ShapeId};
/// assert!(roles(ShapeId::IDENTITY_POOL_ID).contains(Roles::IDENTITY_POOL_ID));
/// assert!(roles(ShapeId::LOGINS_MAP).contains(Roles::HOLDS_SECRET));
/// assert!(!roles(ShapeId::IDENTITY_POOL_NAME).contains(Roles::SENSITIVE));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Roles(u32);

impl Roles {
    /// No role.
    pub const NONE: Roles = Roles(0);

    /// These roles and `other`.
    pub const fn with(self, other: Roles) -> Roles {
        Roles(self.0 | other.0)
    }

    /// True when every role of `other` is among these.
    pub const fn contains(self, other: Roles) -> bool {
        self.0 & other.0 == other.0
    }

    /// True when any role of `other` is among these.
    pub const fn intersects(self, other: Roles) -> bool {
        self.0 & other.0 != 0
    }
}

/// The roles of a shape (see [`Roles`]).
pub fn roles(id: ShapeId) -> Roles {
    roles::SHAPE_ROLES
        .get(usize::from(id.0))
        .copied()
        .unwrap_or_default()
}

/// What the entries of the list shape `collection`, or the values of the
/// map shape `collection`, must name (`model/roles.json`, "slots").
///
/// ```
/// use idpool::schema::{entry_slot, ShapeId, Slot};
/// assert_eq!(entry_slot(ShapeId::ROLES_MAP), Some(Slot::RoleArn));
/// assert_eq!(entry_slot(ShapeId::LOGINS_MAP), None);
/// ```
pub fn entry_slot(collection: ShapeId) -> Option<Slot> {
    roles::ENTRY_SLOTS
        .get(usize::from(collection.0))
        .copied()
        .flatten()
}

/// What member number `index` (in the model's member order) of the
/// structure shape `structure` must name (`model/roles.json`, "slots").
///
/// ```
/// use idpool::schema::{member_slot, ShapeId, Slot};
/// let members = match &ShapeId::MAPPING_RULE.shape().kind {
///     idpool::schema::ShapeKind::Structure(members) => *members,
///     _ => unreachable!(),
/// };
/// let role_arn = members.iter().position(|m| m.name == "RoleARN").unwrap();
/// assert_eq!(member_slot(ShapeId::MAPPING_RULE, role_arn), Some(Slot::RoleArn));
/// assert_eq!(member_slot(ShapeId::MAPPING_RULE, 0), None);
/// ```
pub fn member_slot(structure: ShapeId, index: usize) -> Option<Slot> {
    roles::MEMBER_SLOTS
        .get(usize::from(structure.0))
        .and_then(|slots| slots.get(index))
        .copied()
        .flatten()
}

/// Index of a shape in the table. Constants name every shape of the model,
/// for instance [`ShapeId::IDENTITY_POOL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ShapeId(pub(crate) u16);

/// One shape of the model.
#[derive(Debug)]
pub struct Shape {
    /// The shape's name in the model, e.g. `IdentityPoolName`.
    pub name: &'static str,
    /// What kind of value the shape describes, with its constraints.
    pub kind: ShapeKind,
    /// True for exception (error) structures.
    pub exception: bool,
}

/// The kind of a shape and the constraints the model puts on it.
#[derive(Debug)]
pub enum ShapeKind {
    /// A string, with optional length bounds (in Unicode scalar values),
    /// pattern and enum values.
    String(StringRules),
    /// `true` or `false`.
    Boolean,
    /// A 32-bit integer with optional bounds.
    Integer(Bounds),
    /// A 64-bit integer with optional bounds.
    Long(Bounds),
    /// A point in time: epoch seconds, or an RFC 3339 string.
    Timestamp,
    /// An object with named members.
    Structure(&'static [Member]),
    /// An array of one member shape; bounds count entries.
    List {
        /// Shape of each entry.
        member: ShapeId,
        /// Bounds on the number of entries.
        bounds: Bounds,
    },
    /// An object used as a map; bounds count entries.
    Map {
        /// Shape of each key.
        key: ShapeId,
        /// Shape of each value.
        value: ShapeId,
        /// Bounds on the number of entries.
        bounds: Bounds,
    },
}

/// Constraints on a string shape.
#[derive(Debug)]
pub struct StringRules {
    /// Length bounds, counted in Unicode scalar values.
    pub bounds: Bounds,
    /// The model's pattern (a Java regular expression matched against the
    /// whole value), if any.
    pub pattern: Option<&'static str>,
    /// Index of the pattern's generated matcher.
    pub(crate) pattern_index: Option<u8>,
    /// The allowed values, when the shape is an enum (empty otherwise).
    pub enum_values: &'static [&'static str],
    /// True when the service treats the value as sensitive.
    pub sensitive: bool,
}

impl StringRules {
    /// For a pattern that is one bracketed character class under `+` (such
    /// as `[\w._-]+`), whether the class admits `c`; `None` for a shape
    /// without such a pattern. A string in which each character is admitted
    /// matches, so a literal character the class refuses condemns any
    /// string that contains it, whatever its other parts.
    ///
    /// ```
    /// use idpool::schema::{ShapeId, ShapeKind};
    /// let ShapeKind::String(rules) = &ShapeId::IDENTITY_POOL_NAME.shape().kind else { panic!() };
    /// assert_eq!(rules.class_admits('a'), Some(true));
    /// assert_eq!(rules.class_admits('#'), Some(false));
    /// ```
    pub fn class_admits(&self, c: char) -> Option<bool> {
        let index = self.pattern_index?;
        if !crate::pattern::is_single_class(index) {
            return None;
        }
        let mut buffer = [0u8; 4];
        Some(crate::pattern::is_full_match(
            index,
            c.encode_utf8(&mut buffer),
        ))
    }
}

/// Inclusive lower and upper bounds (length, entry count or value).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// The smallest allowed value, if bounded below.
    pub min: Option<i64>,
    /// The largest allowed value, if bounded above.
    pub max: Option<i64>,
}

/// A member of a structure.
#[derive(Debug)]
pub struct Member {
    /// The wire name, e.g. `IdentityPoolName`.
    pub name: &'static str,
    /// The name as the service writes it in validation messages, e.g.
    /// `identityPoolName`.
    pub service_name: &'static str,
    /// The member's shape.
    pub shape: ShapeId,
    /// True when the member must be present and not null.
    pub required: bool,
}

/// An operation of the model.
#[derive(Debug)]
pub struct Operation {
    /// The operation name, e.g. `CreateIdentityPool`.
    pub name: &'static str,
    /// The input shape, if the operation takes one.
    pub input: Option<ShapeId>,
    /// The output shape, if the operation returns one.
    pub output: Option<ShapeId>,
    /// The exception shapes the operation may return.
    pub errors: &'static [ShapeId],
}

impl ShapeId {
    /// The shape this id refers to.
    pub fn shape(self) -> &'static Shape {
        &generated::SHAPES[usize::from(self.0)]
    }

    /// The shape's name.
    pub fn name(self) -> &'static str {
        self.shape().name
    }
}

/// Every shape of the model, sorted by name.
pub fn shapes() -> &'static [Shape] {
    &generated::SHAPES
}

/// Every operation of the model, sorted by name.
pub fn operations() -> &'static [Operation] {
    &generated::OPERATIONS
}

/// Look a shape up by its exact name.
pub fn shape_by_name(name: &str) -> Option<ShapeId> {
    generated::SHAPES
        .binary_search_by(|shape| shape.name.cmp(name))
        .ok()
        .map(|index| ShapeId(index as u16))
}

/// Look an operation up by its exact name.
pub fn operation_by_name(name: &str) -> Option<&'static Operation> {
    generated::OPERATIONS
        .binary_search_by(|operation| operation.name.cmp(name))
        .ok()
        .map(|index| &generated::OPERATIONS[index])
}

/// The index in `members` of the member named `name`, trying `hint` first:
/// walks pass the index after the previous member found, so input written
/// in model order is matched with one comparison per member.
pub(crate) fn member_index(members: &[Member], name: &str, hint: usize) -> Option<usize> {
    match members.get(hint) {
        Some(member) if member.name == name => Some(hint),
        _ => members.iter().position(|member| member.name == name),
    }
}

impl Shape {
    /// The member of a structure shape with this wire name.
    pub fn member(&self, name: &str) -> Option<&'static Member> {
        match self.kind {
            ShapeKind::Structure(members) => members.iter().find(|member| member.name == name),
            _ => None,
        }
    }
}

/// True when values of this shape are never echoed: the model's sensitive
/// trait (`IdentityProviderToken`, `SecretKeyString`, `OIDCToken`), and
/// also `SessionTokenString`, which the model leaves unmarked but which is a
/// credential all the same (our choice, docs/REFERENCE.md section 3). Read
/// from the roles table ([`Roles::SENSITIVE`]); codegen refuses annotations
/// that drop a shape the model marks sensitive.
pub fn is_sensitive(id: ShapeId) -> bool {
    roles(id).contains(Roles::SENSITIVE)
}

/// True when a value of this shape is, or may contain, a sensitive value:
/// the shape is [sensitive](is_sensitive), or one of its members, list
/// entries or map values holds one (`Logins`, `Credentials`,
/// `GetCredentialsForIdentityInput`, ...). A value of the wrong JSON type in
/// such a position is concealed whole, since nothing says which part of it
/// is the secret (docs/SECURITY.md). Decided by the generator for every
/// shape ([`Roles::HOLDS_SECRET`]).
pub fn holds_secret(id: ShapeId) -> bool {
    roles(id).contains(Roles::HOLDS_SECRET)
}

/// True when `value` at a position of shape `id` must not be shown at all:
/// a non-empty sensitive value of any JSON type, or a value of the wrong
/// JSON type where a secret may be held ([`holds_secret`]). `null` and the
/// empty string are shown as they are, as the service shows them.
pub(crate) fn conceals(id: ShapeId, value: &crate::json::Value<'_>) -> bool {
    use crate::json::Value;
    if matches!(value, Value::Null) {
        return false;
    }
    if matches!(value, Value::String(s) if s.is_empty()) {
        return false;
    }
    if is_sensitive(id) {
        return true;
    }
    if !holds_secret(id) {
        return false;
    }
    let fits = matches!(
        (&id.shape().kind, value),
        (
            ShapeKind::Structure(_) | ShapeKind::Map { .. },
            Value::Object(_)
        ) | (ShapeKind::List { .. }, Value::Array(_))
    );
    !fits
}

/// True when the value of an unknown member of a structure of shape
/// `parent` must not be shown: in a structure that holds secrets, a
/// misspelt member (`Secretkey`, `logins`) is as secret as the member meant.
pub(crate) fn conceals_unknown_member(parent: ShapeId, value: &crate::json::Value<'_>) -> bool {
    use crate::json::Value;
    holds_secret(parent)
        && !matches!(value, Value::Null)
        && !matches!(value, Value::String(s) if s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The canonical form writes member names between quotes as they are
    /// (`normalize`): every name of the model must need no JSON escape.
    #[test]
    fn member_names_need_no_json_escape() {
        for shape in shapes() {
            if let ShapeKind::Structure(members) = &shape.kind {
                for member in *members {
                    assert!(
                        !member.name.is_empty()
                            && member
                                .name
                                .bytes()
                                .all(|b| b.is_ascii_alphanumeric() || b == b'_'),
                        "{}.{}",
                        shape.name,
                        member.name
                    );
                }
            }
        }
    }

    /// The roles table keeps every shape the model marks sensitive, adds
    /// `SessionTokenString`, and nothing else.
    #[test]
    fn sensitive_shapes_are_the_models_and_the_session_token() {
        let sensitive: Vec<&str> = (0..shapes().len())
            .map(|i| ShapeId(i as u16))
            .filter(|id| is_sensitive(*id))
            .map(ShapeId::name)
            .collect();
        assert_eq!(
            sensitive,
            [
                "IdentityProviderToken",
                "OIDCToken",
                "SecretKeyString",
                "SessionTokenString"
            ]
        );
        for shape in shapes() {
            if let ShapeKind::String(rules) = &shape.kind
                && rules.sensitive
            {
                assert!(sensitive.contains(&shape.name), "{}", shape.name);
            }
        }
    }

    /// The shapes carrying `role`, by name.
    fn with_role(role: Roles) -> Vec<&'static str> {
        (0..shapes().len())
            .map(|i| ShapeId(i as u16))
            .filter(|id| roles(*id).contains(role))
            .map(ShapeId::name)
            .collect()
    }

    /// The table carries what normalization decides per shape: which
    /// strings are kept verbatim, lowercased as ids, read as user-pool
    /// provider names or login keys, which map keys are login or social
    /// keys, and which lists are deduplicated.
    #[test]
    fn roles_carry_the_normalization_rules() {
        assert_eq!(with_role(Roles::VERBATIM), ["TagValueType"]);
        assert_eq!(with_role(Roles::IDENTITY_POOL_ID), ["IdentityPoolId"]);
        assert_eq!(with_role(Roles::IDENTITY_ID), ["IdentityId"]);
        assert_eq!(
            with_role(Roles::USER_POOL_PROVIDER_NAME),
            ["CognitoIdentityProviderName"]
        );
        assert_eq!(with_role(Roles::LOGIN_KEY), ["IdentityProviderName"]);
        assert_eq!(
            with_role(Roles::LOGIN_KEY_MAP),
            ["LoginsMap", "RoleMappingMap"]
        );
        assert_eq!(with_role(Roles::SOCIAL_KEY_MAP), ["IdentityProviders"]);
        assert_eq!(
            with_role(Roles::DEDUPLICATED),
            [
                "CognitoIdentityProviderList",
                "OIDCProviderList",
                "SAMLProviderList"
            ]
        );
        assert_eq!(
            with_role(Roles::POOL),
            ["CreateIdentityPoolInput", "IdentityPool"]
        );
        assert_eq!(
            entry_slot(ShapeId::OIDC_PROVIDER_LIST),
            Some(Slot::OidcProviderArn)
        );
        assert_eq!(
            entry_slot(ShapeId::SAML_PROVIDER_LIST),
            Some(Slot::SamlProviderArn)
        );
        // Values no semantic rule reads are not walked.
        assert!(!roles(ShapeId::IDENTITY_POOL_NAME).contains(Roles::WALKED));
        assert!(!roles(ShapeId::COGNITO_IDENTITY_PROVIDER).contains(Roles::WALKED));
        assert!(roles(ShapeId::MAPPING_RULE).contains(Roles::WALKED));
    }

    /// `holds_secret` from the table agrees with a walk of the shapes.
    #[test]
    fn holds_secret_agrees_with_a_walk_of_the_shapes() {
        fn walk(id: ShapeId) -> bool {
            match &id.shape().kind {
                ShapeKind::String(_) => is_sensitive(id),
                ShapeKind::Structure(members) => members.iter().any(|m| walk(m.shape)),
                ShapeKind::List { member, .. } => walk(*member),
                ShapeKind::Map { value, .. } => walk(*value),
                _ => false,
            }
        }
        let mut holding = 0;
        for i in 0..shapes().len() {
            let id = ShapeId(i as u16);
            assert_eq!(holds_secret(id), walk(id), "{}", id.name());
            holding += usize::from(walk(id));
        }
        assert!(holding > 4, "structures and maps hold secrets too");
    }
}

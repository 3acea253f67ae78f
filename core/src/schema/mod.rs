//! The constraint table of the service model.
//!
//! Every shape and operation of the Amazon Cognito Identity model (API
//! 2014-06-30) as static data: types, members, required members, length and
//! value bounds, patterns, enum values and the sensitive trait. The table in
//! [`generated`](self) is written by `cargo run -p xtask -- codegen` from the
//! stripped model committed at `core/model/cognito-identity.json`; a test
//! regenerates it and fails on any drift. Do not edit it by hand.

#[rustfmt::skip]
mod generated;

pub use generated::MODEL_API_VERSION;

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
/// credential all the same (our choice, docs/REFERENCE.md section 3).
pub fn is_sensitive(id: ShapeId) -> bool {
    match &id.shape().kind {
        ShapeKind::String(rules) => rules.sensitive || id == ShapeId::SESSION_TOKEN_STRING,
        _ => false,
    }
}

/// True when a value of this shape is, or may contain, a sensitive value:
/// the shape is [sensitive](is_sensitive), or one of its members, list
/// entries or map values holds one (`Logins`, `Credentials`,
/// `GetCredentialsForIdentityInput`, ...). A value of the wrong JSON type in
/// such a position is concealed whole, since nothing says which part of it
/// is the secret (docs/SECURITY.md).
pub fn holds_secret(id: ShapeId) -> bool {
    // Decided once per shape, on first use: redaction asks for every value.
    static HOLDS: std::sync::OnceLock<Vec<bool>> = std::sync::OnceLock::new();
    HOLDS
        .get_or_init(|| {
            (0..shapes().len())
                .map(|index| walks_to_secret(ShapeId(index as u16), 0))
                .collect()
        })
        .get(usize::from(id.0))
        .copied()
        .unwrap_or(false)
}

/// [`holds_secret`], by walking the shape.
fn walks_to_secret(id: ShapeId, depth: usize) -> bool {
    // The model's shapes nest a few levels deep; the bound only keeps this
    // total should a future model be cyclic.
    if depth > 32 {
        return false;
    }
    match &id.shape().kind {
        ShapeKind::String(_) => is_sensitive(id),
        ShapeKind::Structure(members) => {
            members.iter().any(|m| walks_to_secret(m.shape, depth + 1))
        }
        ShapeKind::List { member, .. } => walks_to_secret(*member, depth + 1),
        ShapeKind::Map { value, .. } => walks_to_secret(*value, depth + 1),
        _ => false,
    }
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

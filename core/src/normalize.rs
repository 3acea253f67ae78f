//! Normalization (docs/REFERENCE.md section 6): the canonical form of an input, and
//! every [`Change`] made to reach it.
//!
//! The walk is directed by the model's shapes over our JSON tree, so it
//! works on any input whose top-level JSON type fits the shape, whatever
//! type errors it has further down: a value of the wrong JSON type, an
//! unknown member and everything under them are kept as they are.
//!
//! It is the one walk of a check: at each value it calls the constraint
//! checks ([`crate::constraint`]) and appends the value's canonical text,
//! redacted, in the Report's spelling ([`Canonical`]). A rewrite is safe
//! when the checks accepted the input value (or it was invalid already);
//! only the rewritten text is checked again.
//!
//! | code | rule |
//! |---|---|
//! | `trimmed` | leading and trailing whitespace ([`char::is_whitespace`]) removed from every string and map key, except sensitive values (login tokens, keys) and tag values; never down to an empty string |
//! | `lowercased` | identity pool ids and identity ids; the host (before the first `/`) of user-pool provider names and of `cognito-idp.` login keys |
//! | `alias` | a `SupportedLoginProviders` key given as a word or URL (`Facebook`, `https://accounts.google.com/`) replaced by the canonical key ([`canonical_login_key`]) |
//! | `scheme_removed` | `https://` / `http://` and trailing `/` removed from user-pool provider names and login keys (`Logins` and `RoleMappings` keys, `LoginsToRemove` entries, `IdentityProviderName`) |
//! | `deduplicated` | repeated identical ARNs (`OpenIdConnectProviderARNs`, `SamlProviderARNs`), repeated identical `CognitoIdentityProviders` entries, and map entries whose normalized key repeats an earlier one with the identical value; the first is kept |
//! | `removed_empty` | optional members that are `null`, `[]` or `{}` |
//!
//! The canonical form lists structure members in model order (unknown
//! members after them, in input order), map entries sorted by key (byte
//! order), list entries in their order, and numbers in the one spelling
//! that survives the Report's JSON round trip (`1e2` is written `100.0`).
//!
//! Two guarantees hold for every input: normalization is idempotent (the
//! canonical form normalizes to itself, with no change), and it never makes
//! a value break a constraint of the model that it satisfied (a rewrite
//! that would is not made).

use crate::constraint::{self, Checks, Validation, satisfies};
use crate::json::{self, Number, ParseOptions, Value};
use crate::model::IdentityPool;
use crate::path::Segment;
use crate::provider::{canonical_login_key, lowercase_host, strip_scheme_and_slashes};
use crate::report::{Change, ChangeCode};
use crate::schema::{self, Member, Roles, ShapeId, ShapeKind};
use crate::secret::REDACTED;
use crate::seen::{self, Repeats, Seen};
use std::borrow::Cow;

/// The canonical form of an input as it appears in the Report
/// ([`Report::normalized`](crate::Report::normalized)): compact JSON text,
/// sensitive values redacted, spelt exactly as in the Report's JSON (numbers
/// as the Report reads them, see [`Report::to_json`](crate::Report::to_json)).
///
/// The text is written once, while the report is built, and the Report's
/// JSON embeds it as it is. [`Canonical::value`] reads it back when a tree
/// is wanted.
///
/// ```
/// let report = idpool::check("IdentityPool", r#"{"IdentityPoolName":" Photos ","AllowUnauthenticatedIdentities":false}"#)?;
/// let normalized = report.normalized.unwrap();
/// assert_eq!(normalized.as_str(), r#"{"IdentityPoolName":"Photos","AllowUnauthenticatedIdentities":false}"#);
/// assert_eq!(normalized.value().get("IdentityPoolName").and_then(|v| v.as_str()), Some("Photos"));
/// # Ok::<(), idpool::UnknownTarget>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Canonical {
    text: String,
}

impl Canonical {
    /// The Report's spelling of `value`, as [`Report::to_json`](crate::Report::to_json)
    /// writes it (nothing is normalized or redacted here).
    pub fn from_value(value: &Value<'_>) -> Canonical {
        let mut text = String::with_capacity(128);
        json::write_report_value(value, &mut text);
        Canonical { text }
    }

    /// Canonical text written by the normalizing walk.
    pub(crate) fn from_text(text: String) -> Canonical {
        Canonical { text }
    }

    /// The compact JSON text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The JSON text, owned.
    pub fn into_string(self) -> String {
        self.text
    }

    /// The canonical form as a tree, borrowing from the text.
    pub fn value(&self) -> Value<'_> {
        // The text was written by the Report's writer from a value no
        // deeper than the parser's ceiling, so it always reads back; the
        // fallback only keeps this total.
        let options = ParseOptions {
            max_depth: ParseOptions::MAX_DEPTH_CEILING,
        };
        json::parse(&self.text, &options).unwrap_or(Value::Null)
    }
}

impl std::fmt::Debug for Canonical {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Redacted when it was made: the text is safe to show.
        f.debug_tuple("Canonical").field(&self.text).finish()
    }
}

impl std::fmt::Display for Canonical {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl serde::Serialize for Canonical {
    /// As the JSON value the text holds (with `serde_json`, the same bytes).
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value().serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Canonical {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = <Value<'static> as serde::Deserialize>::deserialize(deserializer)?;
        Ok(Canonical::from_value(&value))
    }
}

/// The outcome of [`normalize`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized<'a> {
    /// The canonical form. Sensitive values are kept (see [`redact`]).
    pub value: Value<'a>,
    /// Every change made, in input order. Never holds a sensitive value.
    pub changes: Vec<Change>,
}

/// The canonical form of `value` as the shape `shape`, and every change
/// made to reach it (docs/REFERENCE.md section 6).
///
/// Values of the wrong JSON type are kept as they are; so is the whole
/// input when its top-level type does not fit the shape. The result still
/// holds sensitive values (login tokens): [`redact`] it before showing it.
///
/// ```
/// use idpool::json::{self, Value};
/// use idpool::normalize::normalize;
/// use idpool::report::ChangeCode;
/// use idpool::schema::ShapeId;
///
/// let input = json::parse(
///     r#"{"AllowUnauthenticatedIdentities": false, "IdentityPoolName": " Photos ",
///         "IdentityPoolId": "US-EAST-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
///         "SupportedLoginProviders": {"Facebook": "7346241598935552"}, "SamlProviderARNs": []}"#,
///     &Default::default(),
/// )?;
/// let normalized = normalize(ShapeId::IDENTITY_POOL, &input);
/// assert_eq!(
///     json::to_string(&normalized.value),
///     r#"{"IdentityPoolId":"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0","IdentityPoolName":"Photos","#.to_owned()
///         + r#""AllowUnauthenticatedIdentities":false,"SupportedLoginProviders":{"graph.facebook.com":"7346241598935552"}}"#
/// );
/// let codes: Vec<ChangeCode> = normalized.changes.iter().map(|c| c.code).collect();
/// assert_eq!(
///     codes,
///     [ChangeCode::Trimmed, ChangeCode::Lowercased, ChangeCode::Alias, ChangeCode::RemovedEmpty]
/// );
/// assert_eq!(normalized.changes[2].path, "/SupportedLoginProviders/Facebook");
/// # Ok::<(), idpool::json::ParseError>(())
/// ```
pub fn normalize<'a>(shape: ShapeId, value: &Value<'a>) -> Normalized<'a> {
    let (text, changes, _) = write_canonical(shape, value, usize::MAX, false);
    // The text was written from a parsed value, whose depth the parser
    // bounds, so it reads back; a value built by hand deeper than the
    // parser's ceiling is returned as it is.
    let options = ParseOptions {
        max_depth: ParseOptions::MAX_DEPTH_CEILING,
    };
    match json::parse(&text, &options) {
        Ok(canonical) => Normalized {
            value: canonical.into_owned(),
            changes,
        },
        Err(_) => Normalized {
            value: value.clone(),
            changes: Vec::new(),
        },
    }
}

/// What the one walk over an input yields.
pub(crate) struct Walked {
    /// The constraint issues.
    pub(crate) validation: Validation,
    /// The canonical form, as JSON text in the Report's spelling.
    pub(crate) text: String,
    /// Every change made to reach it, in input order (up to the limit).
    pub(crate) changes: Vec<Change>,
    /// True when changes were left out.
    pub(crate) changes_truncated: bool,
}

/// Where the value a walk reads comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// The crate's JSON reader, which borrows a string (`Cow::Borrowed`)
    /// only when its text has no escape: such a string holds no `"`, `\`
    /// or control character, so its JSON text is itself between quotes.
    Parsed,
    /// A caller, whose borrowed strings may hold anything.
    Given,
}

/// The one walk over an input (docs/REFERENCE.md sections 4 and 6): it checks
/// every value against its shape's constraints (at most `max_issues` issues
/// listed) and writes the canonical form as JSON text at the same time,
/// recording every change (at most `max_changes` listed); sensitive values
/// are written redacted when `redacting`. Nothing is built but the text.
pub(crate) fn walk(
    shape: ShapeId,
    value: &Value<'_>,
    max_issues: usize,
    max_changes: usize,
    redacting: bool,
    origin: Origin,
) -> Walked {
    let mut normalizer = Normalizer {
        checks: Checks::new(shape, max_issues),
        changes: Vec::new(),
        held: 0,
        max_changes,
        truncated: false,
        redacting,
        parsed: origin == Origin::Parsed,
    };
    let mut text = String::with_capacity(256);
    if matches!(value, Value::Null) {
        // A null input is of the wrong type for every shape.
        normalizer.checks.wrong_type(shape, value);
        text.push_str("null");
    } else {
        normalizer.value(shape, value, &mut text);
    }
    let mut changes = normalizer.changes;
    let changes_truncated = normalizer.truncated || changes.len() > max_changes;
    changes.truncate(max_changes);
    Walked {
        validation: normalizer.checks.into_validation(),
        text,
        changes,
        changes_truncated,
    }
}

/// The canonical text of `value`, its changes (at most `max_changes`) and
/// whether any was left out; no issue is listed.
fn write_canonical(
    shape: ShapeId,
    value: &Value<'_>,
    max_changes: usize,
    redacting: bool,
) -> (String, Vec<Change>, bool) {
    let walked = walk(shape, value, 0, max_changes, redacting, Origin::Given);
    (walked.text, walked.changes, walked.changes_truncated)
}

/// Replace every sensitive value in `value` (as the shape `shape`) with
/// [`REDACTED`]: a non-empty login token, secret key, session token or
/// OpenID token, and also any value of the wrong JSON type in such a
/// position (an array holding a token is no less secret), or where a
/// container of secrets belongs (`"Logins": ["token"]`, `"Credentials":
/// "key"`). Empty strings and `null` stay as they are, as the service shows
/// them.
///
/// ```
/// use idpool::json::{self, Value};
/// use idpool::normalize::redact;
/// use idpool::schema::ShapeId;
///
/// let mut input = json::parse(
///     r#"{"IdentityId": "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
///         "Logins": {"graph.facebook.com": "EAAG-secret", "accounts.google.com": ""}}"#,
///     &Default::default(),
/// )?;
/// redact(ShapeId::GET_CREDENTIALS_FOR_IDENTITY_INPUT, &mut input);
/// let logins = input.get("Logins").unwrap();
/// assert_eq!(logins.get("graph.facebook.com").unwrap().as_str(), Some(idpool::REDACTED));
/// assert_eq!(logins.get("accounts.google.com").unwrap().as_str(), Some(""));
/// # Ok::<(), idpool::json::ParseError>(())
/// ```
pub fn redact(shape: ShapeId, value: &mut Value<'_>) {
    if schema::conceals(shape, value) {
        *value = Value::String(Cow::Borrowed(REDACTED));
        return;
    }
    match (&shape.shape().kind, value) {
        (ShapeKind::Structure(members), Value::Object(entries)) => {
            for (name, member_value) in entries {
                match members.iter().find(|m| m.name == name.as_ref()) {
                    Some(member) => redact(member.shape, member_value),
                    None if schema::conceals_unknown_member(shape, member_value) => {
                        *member_value = Value::String(Cow::Borrowed(REDACTED));
                    }
                    None => {}
                }
            }
        }
        (ShapeKind::List { member, .. }, Value::Array(items)) => {
            for item in items {
                redact(*member, item);
            }
        }
        (ShapeKind::Map { value: values, .. }, Value::Object(entries)) => {
            for (_, entry) in entries {
                redact(*values, entry);
            }
        }
        _ => {}
    }
}

/// Normalize a typed pool: the canonical pool and every change made.
///
/// Unlike the Report's `normalized`, nothing is redacted (a pool holds no
/// sensitive value anyway).
///
/// ```
/// use idpool::model::IdentityPool;
/// use idpool::normalize::normalize_pool;
///
/// let pool: IdentityPool = serde_json::from_str(r#"{
///     "IdentityPoolId": "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
///     "IdentityPoolName": "Photos",
///     "AllowUnauthenticatedIdentities": false,
///     "SupportedLoginProviders": {"Google": "123.apps.googleusercontent.com"},
///     "SamlProviderARNs": []
/// }"#)?;
/// let (canonical, changes) = normalize_pool(&pool);
/// assert_eq!(canonical.supported_login_providers.unwrap().keys().collect::<Vec<_>>(), ["accounts.google.com"]);
/// assert_eq!(canonical.saml_provider_arns, None);
/// assert_eq!(changes.len(), 2);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn normalize_pool(pool: &IdentityPool) -> (IdentityPool, Vec<Change>) {
    // A typed pool always serializes, parses and deserializes back; the
    // fallbacks only keep this function total.
    let Ok(text) = serde_json::to_string(pool) else {
        return (pool.clone(), Vec::new());
    };
    let options = ParseOptions {
        max_depth: usize::MAX,
    };
    let Ok(value) = json::parse(&text, &options) else {
        return (pool.clone(), Vec::new());
    };
    let normalized = normalize(ShapeId::IDENTITY_POOL, &value);
    match json::from_value::<IdentityPool>(&normalized.value) {
        Ok(canonical) => (canonical, normalized.changes),
        Err(_) => (pool.clone(), Vec::new()),
    }
}

/// True when the top-level JSON type of `value` is the one `shape` takes:
/// an object for structures and maps, an array for lists, and so on.
/// Normalization is reported only for inputs that fit.
pub fn fits(shape: ShapeId, value: &Value<'_>) -> bool {
    match (&shape.shape().kind, value) {
        (ShapeKind::String(_), Value::String(_)) => true,
        (ShapeKind::Boolean, Value::Bool(_)) => true,
        (ShapeKind::Integer(_) | ShapeKind::Long(_), Value::Number(n)) => n.is_integer(),
        (ShapeKind::Timestamp, Value::Number(_) | Value::String(_)) => true,
        (ShapeKind::Structure(_) | ShapeKind::Map { .. }, Value::Object(_)) => true,
        (ShapeKind::List { .. }, Value::Array(_)) => true,
        _ => false,
    }
}

/// How the strings in one position are normalized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Kept exactly: sensitive values and tag values.
    Keep,
    /// Trimmed.
    Trim,
    /// Trimmed, then lowercased (identity pool ids, identity ids).
    Id,
    /// Trimmed, scheme and trailing `/` removed, host lowercased
    /// (`CognitoIdentityProvider.ProviderName`).
    UserPoolName,
    /// Trimmed, scheme and trailing `/` removed, host lowercased when it is
    /// a `cognito-idp.` host (`Logins` / `RoleMappings` keys).
    LoginKey,
    /// Trimmed, then a social provider word or URL replaced by its
    /// canonical key (`SupportedLoginProviders` keys).
    SocialKey,
}

/// The rule for string values of `shape`, from its roles
/// (`model/roles.json`, generated into [`schema::roles`]).
fn value_rule(shape: ShapeId) -> Rule {
    let roles = schema::roles(shape);
    if roles.intersects(Roles::SENSITIVE.with(Roles::VERBATIM)) {
        Rule::Keep
    } else if roles.intersects(Roles::IDENTITY_POOL_ID.with(Roles::IDENTITY_ID)) {
        Rule::Id
    } else if roles.contains(Roles::USER_POOL_PROVIDER_NAME) {
        Rule::UserPoolName
    } else if roles.contains(Roles::LOGIN_KEY) {
        // LoginsToRemove / IdentityDescription.Logins entries and the
        // IdentityProviderName of the principal-tag operations are login
        // keys as much as the keys of a Logins map are.
        Rule::LoginKey
    } else {
        Rule::Trim
    }
}

/// The rule for the keys of the map shape `map`, from its roles.
fn key_rule(map: ShapeId) -> Rule {
    let roles = schema::roles(map);
    if roles.contains(Roles::SOCIAL_KEY_MAP) {
        Rule::SocialKey
    } else if roles.contains(Roles::LOGIN_KEY_MAP) {
        Rule::LoginKey
    } else {
        Rule::Trim
    }
}

/// The value with every number in canonical spelling, and nothing else
/// changed.
fn canonical<'a>(value: &Value<'a>) -> Value<'a> {
    // Plain loops rather than iterator adapters: one small frame per
    // nesting level, even in unoptimized builds (`core/tests/limits.rs`).
    match value {
        Value::Number(n) => Value::Number(canonical_number(n)),
        Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                out.push(canonical(item));
            }
            Value::Array(out)
        }
        Value::Object(entries) => {
            let mut out = Vec::with_capacity(entries.len());
            for (key, item) in entries {
                out.push((key.clone(), canonical(item)));
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

/// The spelling of `n` that survives the Report's JSON round trip
/// (serde, then a JSON reader): integer literals that fit 64 bits in plain
/// decimal (`-0` is `0`), other numbers as the shortest text of their
/// nearest `f64` (`1e2` is `100.0`, `1E400` stays as it is: JSON output
/// cannot carry it). Computed directly with the core's own number text
/// ([`json::f64_text`], what the reader makes of any float), no JSON
/// round trip.
fn canonical_number<'a>(n: &Number<'a>) -> Number<'a> {
    let text = if let Some(i) = n.as_i64() {
        i.to_string()
    } else if let Some(u) = n.as_u64() {
        u.to_string()
    } else {
        let v = n.as_f64();
        if !v.is_finite() {
            return n.clone();
        }
        json::f64_text(v)
    };
    if text == n.as_str() {
        n.clone()
    } else {
        Number::from_validated(Cow::Owned(text))
    }
}

/// A map entry on its way to the canonical form.
struct Entry<'v, 'a> {
    original: &'v Cow<'a, str>,
    key: Cow<'a, str>,
    key_changes: Vec<Change>,
    /// Where the entry's value text lies in the text being written.
    span: (usize, usize),
    value_changes: Vec<Change>,
    /// Index of the entry in the input, for a `deduplicated` change.
    index: usize,
    fate: Fate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// Kept under its normalized key.
    Normalized,
    /// Kept under its input key: its normalized key collides with another
    /// entry's and the values differ, so neither can win.
    Original,
    /// Dropped: an earlier entry has the same normalized key and value.
    Dropped,
}

struct Normalizer<'v> {
    /// The constraint checks, and where the walk is (the path of changes
    /// too, rendered only when one is recorded).
    checks: Checks<'v>,
    changes: Vec<Change>,
    /// Changes held in the lists that [`Normalizer::collect`] set aside.
    held: usize,
    /// The most changes to record; later ones are counted as left out.
    max_changes: usize,
    /// True once a change was left out.
    truncated: bool,
    /// Sensitive values are written as [`REDACTED`].
    redacting: bool,
    /// The value comes from the crate's JSON reader ([`Origin::Parsed`]):
    /// a borrowed string written unchanged needs no escaping.
    parsed: bool,
}

impl<'v> Normalizer<'v> {
    /// Run `f` with a fresh change list, and return what it recorded.
    fn collect<T>(&mut self, f: impl FnOnce(&mut Normalizer<'v>) -> T) -> (T, Vec<Change>) {
        let saved = std::mem::take(&mut self.changes);
        self.held += saved.len();
        let result = f(self);
        self.held -= saved.len();
        let recorded = std::mem::replace(&mut self.changes, saved);
        (result, recorded)
    }

    /// Run `f` one step further down the path.
    fn at<T>(&mut self, segment: Segment<'v>, f: impl FnOnce(&mut Normalizer<'v>) -> T) -> T {
        self.checks.path.push(segment);
        let result = f(self);
        self.checks.path.pop();
        result
    }

    /// Record a change at the current path. A `null` `from` or `to` is
    /// recorded as none: in JSON `"from": null` cannot be told from an
    /// absent `from`, and a Report must read back as itself.
    fn change(&mut self, code: ChangeCode, from: Option<Value<'_>>, to: Option<Value<'_>>) {
        if self.held + self.changes.len() >= self.max_changes {
            self.truncated = true;
            return;
        }
        let some = |v: Option<Value<'_>>| {
            v.filter(|v| !matches!(v, Value::Null))
                .map(Value::into_owned)
        };
        self.changes.push(Change {
            path: self.checks.path.pointer(),
            code,
            from: some(from),
            to: some(to),
        });
    }

    /// Check `value` (not `null`) against the shape `shape` and append its
    /// canonical text.
    fn value(&mut self, shape: ShapeId, value: &'v Value<'_>, out: &mut String) {
        let start = out.len();
        match (&shape.shape().kind, value) {
            (ShapeKind::String(rules), Value::String(text)) => {
                let valid = self.checks.string(shape, rules, value, text);
                self.string_value(shape, text, valid, out);
            }
            (ShapeKind::Boolean, Value::Bool(_)) => json::write_report_value(value, out),
            (ShapeKind::Integer(bounds) | ShapeKind::Long(bounds), Value::Number(n))
                if n.is_integer() =>
            {
                self.checks.integer(*bounds, n);
                json::write_report_value(value, out);
            }
            (ShapeKind::Timestamp, Value::Number(_)) => json::write_report_value(value, out),
            (ShapeKind::Timestamp, Value::String(text)) if constraint::is_rfc3339(text) => {
                json::write_report_value(value, out)
            }
            (ShapeKind::Structure(members), Value::Object(entries)) => {
                self.structure(shape, members, entries, out)
            }
            (ShapeKind::List { member, bounds }, Value::Array(items)) => {
                self.checks.check_size(shape, value, *bounds, items.len());
                self.list(shape, *member, items, out)
            }
            (
                ShapeKind::Map {
                    key,
                    value: values,
                    bounds,
                },
                Value::Object(entries),
            ) => {
                self.checks.check_size(shape, value, *bounds, entries.len());
                self.map(shape, value, *key, *values, entries, out)
            }
            // A value of the wrong type is kept; the Report's spelling
            // makes its numbers canonical.
            _ => {
                self.checks.wrong_type(shape, value);
                json::write_report_value(value, out);
            }
        }
        // Concealed values make no change: sensitive strings are kept as
        // they are, and values of the wrong type are never rewritten.
        if self.redacting && schema::conceals(shape, value) {
            out.truncate(start);
            json::write_report_string(REDACTED, out);
        }
    }

    /// Append the canonical text of a string value of the shape `shape`;
    /// `valid` says whether it satisfies the shape.
    #[expect(
        clippy::ptr_arg,
        reason = "whether the reader borrowed the text is read"
    )]
    fn string_value(&mut self, shape: ShapeId, text: &Cow<'_, str>, valid: bool, out: &mut String) {
        let canonical = self.string(shape, value_rule(shape), text, Some(valid));
        self.write_string(&canonical, out);
    }

    /// Append `text` as a JSON string: a string the reader borrowed and no
    /// rule changed (still `Cow::Borrowed`) is copied between quotes, any
    /// other is escaped.
    #[expect(clippy::ptr_arg, reason = "whether the text is still borrowed is read")]
    fn write_string(&self, text: &Cow<'_, str>, out: &mut String) {
        match text {
            Cow::Borrowed(clean) if self.parsed => {
                out.reserve(clean.len() + 2);
                out.push('"');
                out.push_str(clean);
                out.push('"');
            }
            _ => json::write_report_string(text, out),
        }
    }

    /// A list entry or map value: `null` there is a missing value, kept.
    fn entry(&mut self, shape: ShapeId, value: &'v Value<'_>, out: &mut String) {
        if matches!(value, Value::Null) {
            self.checks.null_entry();
            out.push_str("null");
        } else {
            self.value(shape, value, out);
        }
    }

    /// Apply `rule` to a string of the shape `shape` (a value, or a map
    /// key of that shape), recording each step at the current path.
    ///
    /// `valid` says whether the text satisfies the shape, when the walk's
    /// checks already know.
    fn string<'a>(
        &mut self,
        shape: ShapeId,
        rule: Rule,
        text: &Cow<'a, str>,
        valid: Option<bool>,
    ) -> Cow<'a, str> {
        let mut current = text.clone();
        if rule == Rule::Keep {
            return current;
        }
        // Whether the input satisfies the shape, computed once if needed.
        let mut valid_input: Option<bool> = valid;
        // Most strings start and end with a visible ASCII character: nothing
        // to trim, and no need to decode their ends.
        let visible = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic());
        let bytes = current.as_bytes();
        let trimmed = if visible(bytes.first()) && visible(bytes.last()) {
            current.as_ref()
        } else {
            current.trim()
        };
        if !trimmed.is_empty() && trimmed.len() != current.len() {
            let next = trimmed.to_string();
            self.step(
                shape,
                &mut valid_input,
                ChangeCode::Trimmed,
                &mut current,
                next,
            );
        }
        if matches!(rule, Rule::UserPoolName | Rule::LoginKey) {
            let bare = strip_scheme_and_slashes(&current);
            if bare.len() != current.len() {
                let next = bare.to_string();
                self.step(
                    shape,
                    &mut valid_input,
                    ChangeCode::SchemeRemoved,
                    &mut current,
                    next,
                );
            }
        }
        let lowered = match rule {
            // An id that is wrong for another reason (a user pool id pasted
            // as a pool id) is not fixed by lowercasing: no change offered.
            Rule::Id if current.bytes().any(|b| b.is_ascii_uppercase()) => {
                Some(current.to_ascii_lowercase()).filter(|next| satisfies(shape, next))
            }
            Rule::UserPoolName => match lowercase_host(&current) {
                Cow::Owned(lowered) => Some(lowered),
                Cow::Borrowed(_) => None,
            },
            Rule::LoginKey
                if current
                    .get(..12)
                    .is_some_and(|p| p.eq_ignore_ascii_case("cognito-idp.")) =>
            {
                Some(lowercase_host(&current).into_owned())
            }
            _ => None,
        };
        if let Some(next) = lowered.filter(|next| *next != *current) {
            self.step(
                shape,
                &mut valid_input,
                ChangeCode::Lowercased,
                &mut current,
                next,
            );
        }
        if rule == Rule::SocialKey
            && let Some(key) = canonical_login_key(&current).filter(|key| *key != current)
        {
            let next = key.to_string();
            self.step(
                shape,
                &mut valid_input,
                ChangeCode::Alias,
                &mut current,
                next,
            );
        }
        current
    }

    /// Replace `current` with `next` and record the change, unless that
    /// would make a value that satisfies the shape's constraints break one.
    fn step(
        &mut self,
        shape: ShapeId,
        valid_input: &mut Option<bool>,
        code: ChangeCode,
        current: &mut Cow<'_, str>,
        next: String,
    ) {
        let was_valid = *valid_input.get_or_insert_with(|| satisfies(shape, current));
        if was_valid && !satisfies(shape, &next) {
            return;
        }
        self.change(
            code,
            Some(Value::String(Cow::Borrowed(current.as_ref()))),
            Some(Value::String(Cow::Borrowed(&next))),
        );
        *current = Cow::Owned(next);
    }

    /// Members go to their model position (unknown members after them, in
    /// input order); issues and changes are recorded in input order, then
    /// missing required members. Each member is written where the walk
    /// meets it, as `,"name":value`, then the members are put in order.
    fn structure(
        &mut self,
        shape: ShapeId,
        members: &'static [Member],
        entries: &'v [(Cow<'_, str>, Value<'_>)],
        out: &mut String,
    ) {
        out.push('{');
        let base = out.len();
        // (model position, start, end) of each member written.
        let mut spans: Vec<(usize, usize, usize)> = Vec::with_capacity(entries.len());
        let repeats = Repeats::new(entries);
        let mut hint = 0;
        for (index, (name, value)) in entries.iter().enumerate() {
            let position = schema::member_index(members, name, hint);
            hint = position.map_or(hint, |p| p + 1);
            if repeats.at(index) {
                self.checks.duplicate_key(name);
                // A repeated unknown member of a structure that holds
                // secrets may be a misspelt secret: concealed whole.
                let conceal = position.is_none() && schema::holds_secret(shape);
                let repeat_shape = position.map(|p| members[p].shape);
                self.repeated_key(name, value, repeat_shape, conceal);
                continue;
            }
            let start = out.len();
            match position {
                Some(position) => {
                    let member = &members[position];
                    let segment = Segment::Member {
                        wire: member.name,
                        service: member.service_name,
                    };
                    let kept = self.at(segment, |n| n.member(member, value, out));
                    if kept {
                        spans.push((position, start, out.len()));
                    }
                }
                None => {
                    self.checks.unknown_member(shape.shape(), members, name);
                    out.push(',');
                    json::write_report_string(name, out);
                    out.push(':');
                    if self.redacting && schema::conceals_unknown_member(shape, value) {
                        json::write_report_string(REDACTED, out);
                    } else {
                        json::write_report_value(value, out);
                    }
                    spans.push((members.len(), start, out.len()));
                }
            }
        }
        self.checks.missing_members(members, entries);
        if spans.windows(2).all(|w| w[0].0 <= w[1].0) {
            // Already in model order: only the first comma goes.
            if !spans.is_empty() {
                out.remove(base);
            }
        } else {
            // Unknown members share a position; they keep input order.
            let order = seen::sorted(spans.len(), &|a, b| spans[a].0.cmp(&spans[b].0));
            let written = out.split_off(base);
            for (i, &(_, start, end)) in order.iter().map(|&k| &spans[k]).enumerate() {
                let text = written.get(start - base..end - base).unwrap_or("");
                out.push_str(if i == 0 { &text[1..] } else { text });
            }
        }
        out.push('}');
    }

    /// Check a structure member and write it as `,"name":value`, or record
    /// it removed (`removed_empty`) and write nothing; true when written.
    fn member(&mut self, member: &Member, value: &'v Value<'_>, out: &mut String) -> bool {
        let empty = match (&member.shape.shape().kind, value) {
            (_, Value::Null) => true,
            (ShapeKind::List { .. }, Value::Array(items)) => items.is_empty(),
            (ShapeKind::Map { .. }, Value::Object(entries)) => entries.is_empty(),
            _ => false,
        };
        if matches!(value, Value::Null) {
            self.checks.null_member(member);
        }
        if empty && !member.required {
            // An empty list or map still has its size checked.
            if !matches!(value, Value::Null) {
                let mut scratch = String::new();
                let ((), _) = self.collect(|n| n.value(member.shape, value, &mut scratch));
            }
            // `from` is the removed value; a removed `null` has none (JSON
            // cannot tell `"from": null` from an absent `from`).
            let from = (!matches!(value, Value::Null)).then(|| canonical(value));
            self.change(ChangeCode::RemovedEmpty, from, None);
            return false;
        }
        // Model names need no escape (a schema test holds every one to it).
        out.push_str(",\"");
        out.push_str(member.name);
        out.push_str("\":");
        if matches!(value, Value::Null) {
            out.push_str("null");
        } else {
            self.value(member.shape, value, out);
        }
        true
    }

    /// A key the input repeats within one object (a `syntax` error): the
    /// first occurrence is kept, as validation reads it, and the repeat is
    /// dropped so the canonical form never repeats a key. `shape` is the
    /// repeat's shape, for redaction (none for an unknown member);
    /// `conceal` hides the whole value (an unknown member where secrets
    /// may be).
    fn repeated_key(
        &mut self,
        key: &'v str,
        value: &Value<'_>,
        shape: Option<ShapeId>,
        conceal: bool,
    ) {
        // As for removed nulls: a `null` has no `from` (JSON cannot tell
        // `"from": null` from an absent `from`).
        let removed = (!matches!(value, Value::Null)).then(|| {
            let mut removed = canonical(value);
            if let Some(shape) = shape {
                redact(shape, &mut removed);
            } else if conceal && !matches!(&removed, Value::String(s) if s.is_empty()) {
                removed = Value::String(Cow::Borrowed(REDACTED));
            }
            removed
        });
        self.at(Segment::Key(key), |n| {
            n.change(ChangeCode::Deduplicated, removed, None)
        });
    }

    fn list(&mut self, list: ShapeId, member: ShapeId, items: &'v [Value<'_>], out: &mut String) {
        let dedupe = schema::roles(list).contains(Roles::DEDUPLICATED);
        // Where the canonical text of each kept entry lies (equal texts,
        // equal values), and those spans in the order of their texts.
        let mut kept: Vec<(usize, usize)> = Vec::new();
        let mut texts = Seen::default();
        out.push('[');
        let mut first = true;
        for (index, item) in items.iter().enumerate() {
            self.at(Segment::Index(index), |n| {
                let start = out.len();
                if !first {
                    out.push(',');
                }
                let value_start = out.len();
                let ((), changes) = n.collect(|n| n.entry(member, item, out));
                let text = out.get(value_start..).unwrap_or("");
                let comparable = text.starts_with('"') || text.starts_with('{');
                let repeat = dedupe && comparable && {
                    let id = kept.len();
                    kept.push((value_start, out.len()));
                    let text = |i: usize| out.get(kept[i].0..kept[i].1).unwrap_or("");
                    let repeat = texts.first(id, &|a, b| text(a).cmp(text(b))) != id;
                    if repeat {
                        kept.pop();
                    }
                    repeat
                };
                if repeat {
                    out.truncate(start);
                    let mut removed = canonical(item);
                    redact(member, &mut removed);
                    n.change(ChangeCode::Deduplicated, Some(removed), None);
                } else {
                    n.changes.extend(changes);
                    first = false;
                }
            });
        }
        out.push(']');
    }

    fn map(
        &mut self,
        map: ShapeId,
        map_value: &'v Value<'_>,
        key_shape: ShapeId,
        value_shape: ShapeId,
        entries: &'v [(Cow<'_, str>, Value<'_>)],
        out: &mut String,
    ) {
        let rule = key_rule(map);
        let string_values = match &value_shape.shape().kind {
            ShapeKind::String(rules) => Some(rules),
            _ => None,
        };
        let base = out.len();
        let mut list: Vec<Entry<'v, '_>> = Vec::with_capacity(entries.len());
        let repeats = Repeats::new(entries);
        for (index, (key, value)) in entries.iter().enumerate() {
            if repeats.at(index) {
                self.checks.duplicate_key(key);
                self.repeated_key(key, value, Some(value_shape), false);
                continue;
            }
            // The service names the map, not the entry, for a key or a
            // string value that breaks a constraint.
            let key_valid = self.checks.map_key(map, map_value, key_shape, key);
            let value_valid = match (string_values, value) {
                (Some(rules), Value::String(text)) => {
                    Some(self.checks.map_value(map, map_value, rules, key, text))
                }
                _ => None,
            };
            let ((new_key, (span, value_changes)), key_changes) = self.at(Segment::Key(key), |n| {
                n.collect(|n| {
                    let new_key = n.string(key_shape, rule, key, Some(key_valid));
                    let start = out.len();
                    let ((), changes) = n.collect(|n| match (value_valid, value) {
                        (Some(valid), Value::String(text)) => {
                            let concealed = n.redacting && schema::conceals(value_shape, value);
                            if concealed {
                                json::write_report_string(REDACTED, out);
                            } else {
                                n.string_value(value_shape, text, valid, out);
                            }
                        }
                        _ => n.entry(value_shape, value, out),
                    });
                    (new_key, ((start, out.len()), changes))
                })
            });
            list.push(Entry {
                original: key,
                key: new_key,
                key_changes,
                span,
                value_changes,
                index,
                fate: Fate::Normalized,
            });
        }
        let sorted = decide_fates(&mut list, |index| {
            unredacted_text(value_shape, &entries[index].1)
        });
        let mut kept: Vec<(Cow<'_, str>, (usize, usize))> = Vec::with_capacity(list.len());
        for entry in list {
            match entry.fate {
                Fate::Normalized => {
                    self.changes.extend(entry.key_changes);
                    self.changes.extend(entry.value_changes);
                    kept.push((entry.key, entry.span));
                }
                Fate::Original => {
                    self.changes.extend(entry.value_changes);
                    kept.push((entry.original.clone(), entry.span));
                }
                Fate::Dropped => {
                    let mut removed = canonical(&entries[entry.index].1);
                    redact(value_shape, &mut removed);
                    self.at(Segment::Key(entry.original), |n| {
                        n.change(ChangeCode::Deduplicated, Some(removed), None)
                    });
                }
            }
        }
        // Byte order of the keys; entries under one key (an input key kept
        // that another entry's normalized key equals) keep input order.
        // Without collisions every entry is kept under its normalized key,
        // in the order the fates were decided in.
        let order = sorted.unwrap_or_else(|| {
            seen::sorted(kept.len(), &|a, b| {
                kept[a].0.as_bytes().cmp(kept[b].0.as_bytes())
            })
        });
        let written = out.split_off(base);
        out.push('{');
        for (i, (key, (start, end))) in order.iter().filter_map(|&k| kept.get(k)).enumerate() {
            if i > 0 {
                out.push(',');
            }
            self.write_string(key, out);
            out.push(':');
            out.push_str(written.get(start - base..end - base).unwrap_or(""));
        }
        out.push('}');
    }
}

/// The canonical text of a value of the shape `shape` with its sensitive
/// values as they are: what tells two map values apart.
fn unredacted_text(shape: ShapeId, value: &Value<'_>) -> String {
    write_canonical(shape, value, 0, false).0
}

/// Decide which map entries keep their normalized key, which keep their
/// input key, and which are dropped as duplicates; `text(i)` is the
/// canonical text of the value of the entry at input index `i`, made once
/// per entry of a group of colliding keys (so a group costs its size, not
/// its size squared). When no two normalized keys collide, the entries'
/// order by key.
fn decide_fates(list: &mut [Entry<'_, '_>], text: impl Fn(usize) -> String) -> Option<Vec<usize>> {
    let mut collided = false;
    let order = seen::sorted(list.len(), &|a, b| list[a].key.cmp(&list[b].key));
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && list[order[end]].key == list[order[start]].key {
            end += 1;
        }
        let group = &order[start..end];
        if group.len() > 1 {
            collided = true;
            let first = group[0];
            let first_text = text(list[first].index);
            let all_same = group[1..]
                .iter()
                .all(|&i| text(list[i].index) == first_text);
            for &i in &group[1..] {
                list[i].fate = if all_same {
                    Fate::Dropped
                } else {
                    Fate::Original
                };
            }
            if !all_same {
                list[first].fate = Fate::Original;
            }
        }
        start = end;
    }
    (!collided).then_some(order)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{parse, to_string};

    /// What the Report's round trip makes of `n`: serialize with serde,
    /// read back with `serde_json`, until nothing changes (the former
    /// implementation of `canonical_number`, kept as its oracle).
    fn round_trip(n: &Number<'_>) -> String {
        let mut current = n.clone().into_owned();
        for _ in 0..8 {
            let text = serde_json::to_string(&Value::Number(current.clone())).unwrap();
            match serde_json::from_str::<Value<'static>>(&text) {
                Ok(Value::Number(next)) if next == current => break,
                Ok(Value::Number(next)) => current = next,
                _ => return n.as_str().to_string(),
            }
        }
        current.as_str().to_string()
    }

    fn number(text: &str) -> Number<'static> {
        match parse(text, &ParseOptions::default()).unwrap() {
            Value::Number(n) => n.into_owned(),
            other => panic!("{text} parsed as {other:?}"),
        }
    }

    #[test]
    fn canonical_numbers_are_what_the_round_trip_makes() {
        for (text, expected) in [
            ("0", "0"),
            ("-0", "0"),
            ("17", "17"),
            ("-9223372036854775808", "-9223372036854775808"),
            ("18446744073709551615", "18446744073709551615"),
            ("18446744073709551616", "1.8446744073709552e19"),
            ("1e2", "100.0"),
            ("1E2", "100.0"),
            ("-0.0", "-0.0"),
            ("0.1", "0.1"),
            ("2.50", "2.5"),
            ("1e300", "1e300"),
            ("1e-7", "1e-7"),
            ("1e-400", "0.0"),
            ("-1e-400", "-0.0"),
            ("123456789012345678901234567890", "1.2345678901234568e29"),
            ("0.30000000000000004", "0.30000000000000004"),
        ] {
            let n = number(text);
            assert_eq!(canonical_number(&n).as_str(), expected, "{text}");
            assert_eq!(round_trip(&n), expected, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn canonical_numbers_agree_with_the_round_trip(
            negative in proptest::bool::ANY,
            int in "(0|[1-9][0-9]{0,24})",
            frac in proptest::option::of("[0-9]{1,20}"),
            exp in proptest::option::of("[eE][+-]?[0-9]{1,3}"),
        ) {
            let text = format!(
                "{}{int}{}{}",
                if negative { "-" } else { "" },
                frac.map(|f| format!(".{f}")).unwrap_or_default(),
                exp.unwrap_or_default()
            );
            if let Ok(Value::Number(n)) = parse(&text, &ParseOptions::default()) {
                let canonical = canonical_number(&n);
                proptest::prop_assert_eq!(canonical.as_str(), round_trip(&n), "{}", text);
            }
        }
    }

    fn value(text: &str) -> Value<'_> {
        parse(text, &ParseOptions::default()).unwrap()
    }

    /// Map entries whose keys become equal and whose values are both `null`
    /// are one entry; the dropped one's change has no `from`, so the Report
    /// reads back as itself.
    #[test]
    fn a_deduplicated_null_has_no_from() {
        let text = r#"{"IdentityPoolName":"p","AllowUnauthenticatedIdentities":true,
            "SupportedLoginProviders":{"graph.facebook.com":null,"Graph.Facebook.com ":null}}"#;
        let report = crate::check("CreateIdentityPool", text).unwrap();
        let dropped: Vec<&Change> = report
            .changes
            .iter()
            .filter(|c| c.code == ChangeCode::Deduplicated)
            .collect();
        assert_eq!(dropped.len(), 1, "{:?}", report.changes);
        assert_eq!(dropped[0].from, None);
        let back: crate::Report = serde_json::from_str(&report.to_json()).unwrap();
        assert_eq!(back, report);
    }

    /// A string the reader borrowed is copied between quotes; escaped
    /// strings, and every string a caller gives, go through the writer.
    #[test]
    fn parsed_strings_are_copied_and_given_ones_escaped() {
        use crate::check::{Checker, Target};
        let text = r#"{"IdentityPoolName":"a\"b\\c\u0001 ","AllowUnauthenticatedIdentities":false,
            "IdentityPoolTags":{"k\"ey":"v\\al","plain":"x"}}"#;
        let target = Target::from_name("CreateIdentityPool").unwrap();
        let checker = Checker::new();
        let parsed = checker.check_target(target, text);
        let given = checker.check_value(target, &value(text));
        assert_eq!(parsed.to_json(), given.to_json());
        let normalized = parsed.normalized.unwrap();
        assert!(
            normalized.as_str().contains(r#""k\"ey":"v\\al""#),
            "{}",
            normalized.as_str()
        );
        assert!(normalized.value().get("IdentityPoolName").is_some());
        // A caller's borrowed string may hold anything.
        let caller = Value::Object(vec![
            (
                Cow::Borrowed("IdentityPoolName"),
                Value::String(Cow::Borrowed("q\"uote")),
            ),
            (
                Cow::Borrowed("AllowUnauthenticatedIdentities"),
                Value::Bool(true),
            ),
            (
                Cow::Borrowed("IdentityPoolTags"),
                Value::Object(vec![(
                    Cow::Borrowed("a\"b"),
                    Value::String(Cow::Borrowed("c")),
                )]),
            ),
        ]);
        let report = checker.check_value(target, &caller);
        let normalized = report.normalized.unwrap();
        assert!(
            normalized.as_str().contains(r#""q\"uote""#),
            "{}",
            normalized.as_str()
        );
        assert!(
            normalized.as_str().contains(r#""a\"b":"c""#),
            "{}",
            normalized.as_str()
        );
    }

    fn run(shape: ShapeId, input: &str) -> (String, Vec<(String, ChangeCode)>) {
        let parsed = value(input);
        let normalized = normalize(shape, &parsed);
        let again = normalize(shape, &normalized.value);
        assert_eq!(again.value, normalized.value, "idempotent for {input}");
        assert!(again.changes.is_empty(), "{:?}", again.changes);
        (
            to_string(&normalized.value),
            normalized
                .changes
                .iter()
                .map(|c| (c.path.clone(), c.code))
                .collect(),
        )
    }

    const ID: &str = "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

    #[test]
    fn trims_strings_and_keys_but_not_tokens_or_tag_values() {
        let (out, changes) = run(
            ShapeId::CREATE_IDENTITY_POOL_INPUT,
            r#"{"IdentityPoolName":" Photos\t","AllowUnauthenticatedIdentities":false,
                "IdentityPoolTags":{" team ":" photos "}}"#,
        );
        assert_eq!(
            out,
            r#"{"IdentityPoolName":"Photos","AllowUnauthenticatedIdentities":false,"IdentityPoolTags":{"team":" photos "}}"#
        );
        assert_eq!(
            changes,
            [
                ("/IdentityPoolName".to_string(), ChangeCode::Trimmed),
                ("/IdentityPoolTags/ team ".to_string(), ChangeCode::Trimmed),
            ]
        );
        let input = format!(r#"{{"IdentityId":"{ID}","Logins":{{"graph.facebook.com":" tok "}}}}"#);
        let (out, changes) = run(ShapeId::GET_CREDENTIALS_FOR_IDENTITY_INPUT, &input);
        assert!(out.contains(r#"" tok ""#), "{out}");
        assert!(changes.is_empty());
    }

    #[test]
    fn change_values_are_the_string_before_and_after() {
        let parsed = value(r#"{"IdentityPoolName":" P "}"#);
        let normalized = normalize(ShapeId::IDENTITY_POOL, &parsed);
        let change = &normalized.changes[0];
        assert_eq!(change.from, Some(Value::String(" P ".into())));
        assert_eq!(change.to, Some(Value::String("P".into())));
    }

    #[test]
    fn never_trims_to_empty_or_into_a_constraint_violation() {
        // A whitespace-only name matches [\w\s+=,.@-]+; "" would not.
        let (out, changes) = run(ShapeId::IDENTITY_POOL, r#"{"IdentityPoolName":"  "}"#);
        assert_eq!(out, r#"{"IdentityPoolName":"  "}"#);
        assert!(changes.is_empty());
        // A 20-character ARN (the minimum) with a leading space stays.
        let arn = " arn:aws:iam::1:r/x0";
        assert_eq!(arn.chars().count(), 20);
        let input = format!(r#"{{"CustomRoleArn":"{arn}"}}"#);
        let (out, changes) = run(ShapeId::GET_CREDENTIALS_FOR_IDENTITY_INPUT, &input);
        assert!(out.contains(arn));
        assert!(changes.is_empty());
        // An invalid value may be trimmed: it cannot get worse.
        let (out, _) = run(ShapeId::ROLE_MAPPING, r#"{"Type":" Token "}"#);
        assert_eq!(out, r#"{"Type":"Token"}"#);
    }

    #[test]
    fn lowercases_ids_and_user_pool_hosts() {
        let (out, changes) = run(
            ShapeId::GET_ID_INPUT,
            r#"{"IdentityPoolId":"US-EAST-1:0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0",
                "Logins":{"Cognito-IDP.US-East-1.amazonaws.com/us-east-1_AbC":"t"}}"#,
        );
        assert_eq!(
            out,
            format!(
                r#"{{"IdentityPoolId":"{ID}","Logins":{{"cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC":"t"}}}}"#
            )
        );
        assert_eq!(
            changes,
            [
                ("/IdentityPoolId".to_string(), ChangeCode::Lowercased),
                (
                    "/Logins/Cognito-IDP.US-East-1.amazonaws.com~1us-east-1_AbC".to_string(),
                    ChangeCode::Lowercased
                ),
            ]
        );
        // The user pool id after the host keeps its case.
        let (out, changes) = run(
            ShapeId::COGNITO_IDENTITY_PROVIDER,
            r#"{"ProviderName":"COGNITO-IDP.us-east-1.amazonaws.com/us-east-1_AbC"}"#,
        );
        assert_eq!(
            out,
            r#"{"ProviderName":"cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC"}"#
        );
        assert_eq!(changes.len(), 1);
        // Other login keys keep their case.
        let (out, changes) = run(ShapeId::LOGINS_MAP, r#"{"Login.Example.com":"t"}"#);
        assert_eq!(out, r#"{"Login.Example.com":"t"}"#);
        assert!(changes.is_empty());
    }

    #[test]
    fn removes_schemes_and_trailing_slashes() {
        let (out, changes) = run(
            ShapeId::COGNITO_IDENTITY_PROVIDER,
            r#"{"ProviderName":"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC/"}"#,
        );
        assert_eq!(
            out,
            r#"{"ProviderName":"cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC"}"#
        );
        assert_eq!(
            changes,
            [("/ProviderName".to_string(), ChangeCode::SchemeRemoved)]
        );
        let (out, changes) = run(
            ShapeId::ROLE_MAPPING_MAP,
            r#"{"HTTP://login.example.com//":{"Type":"Token"}}"#,
        );
        assert_eq!(out, r#"{"login.example.com":{"Type":"Token"}}"#);
        assert_eq!(
            changes,
            [(
                "/HTTP:~1~1login.example.com~1~1".to_string(),
                ChangeCode::SchemeRemoved
            )]
        );
        // Nothing but a scheme would become empty: kept.
        let (out, changes) = run(ShapeId::LOGINS_MAP, r#"{"https://":"t"}"#);
        assert_eq!(out, r#"{"https://":"t"}"#);
        assert!(changes.is_empty());
        // Whitespace between a scheme and the host goes with the scheme.
        let (out, _) = run(
            ShapeId::LOGINS_MAP,
            r#"{" https:// login.example.com / ":"t"}"#,
        );
        assert_eq!(out, r#"{"login.example.com":"t"}"#);
    }

    #[test]
    fn replaces_social_provider_aliases() {
        let (out, changes) = run(
            ShapeId::IDENTITY_PROVIDERS,
            r#"{"Facebook":"1","https://accounts.google.com/":"2","Login with Amazon":"3",
                "Graph.Facebook.com ":"1","signinwithapple":"4","TWITTER":"5","digits":"6",
                "login.example.com":"7"}"#,
        );
        assert_eq!(
            out,
            r#"{"accounts.google.com":"2","api.twitter.com":"5","appleid.apple.com":"4","graph.facebook.com":"1","login.example.com":"7","www.amazon.com":"3","www.digits.com":"6"}"#
        );
        let codes: Vec<ChangeCode> = changes.iter().map(|(_, c)| *c).collect();
        assert_eq!(
            codes,
            [
                ChangeCode::Alias,
                ChangeCode::Alias,
                ChangeCode::Alias,
                ChangeCode::Deduplicated,
                ChangeCode::Alias,
                ChangeCode::Alias,
                ChangeCode::Alias,
            ]
        );
    }

    #[test]
    fn map_entries_that_collide_with_different_values_keep_their_keys() {
        let (out, changes) = run(
            ShapeId::IDENTITY_PROVIDERS,
            r#"{"Facebook":"1","graph.facebook.com":"2"," google":"3"}"#,
        );
        assert_eq!(
            out,
            r#"{"Facebook":"1","accounts.google.com":"3","graph.facebook.com":"2"}"#
        );
        assert_eq!(
            changes,
            [
                ("/ google".to_string(), ChangeCode::Trimmed),
                ("/ google".to_string(), ChangeCode::Alias),
            ]
        );
    }

    #[test]
    fn deduplicates_arns_and_user_pool_providers() {
        let saml = "arn:aws:iam::123456789012:saml-provider/Corp";
        let input = format!(
            r#"{{"SamlProviderARNs":["{saml}"," {saml}","{saml}"],
                "CognitoIdentityProviders":[
                  {{"ProviderName":"cognito-idp.us-east-1.amazonaws.com/us-east-1_A","ClientId":"c"}},
                  {{"ClientId":"c","ProviderName":"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_A"}},
                  {{"ProviderName":"cognito-idp.us-east-1.amazonaws.com/us-east-1_A","ClientId":"c","ServerSideTokenCheck":true}}]}}"#
        );
        let (out, changes) = run(ShapeId::IDENTITY_POOL, &input);
        assert_eq!(
            out,
            format!(
                r#"{{"CognitoIdentityProviders":[{{"ProviderName":"cognito-idp.us-east-1.amazonaws.com/us-east-1_A","ClientId":"c"}},{{"ProviderName":"cognito-idp.us-east-1.amazonaws.com/us-east-1_A","ClientId":"c","ServerSideTokenCheck":true}}],"SamlProviderARNs":["{saml}"]}}"#
            )
        );
        assert_eq!(
            changes,
            [
                ("/SamlProviderARNs/1".to_string(), ChangeCode::Deduplicated),
                ("/SamlProviderARNs/2".to_string(), ChangeCode::Deduplicated),
                (
                    "/CognitoIdentityProviders/1".to_string(),
                    ChangeCode::Deduplicated
                ),
            ]
        );
        let parsed = value(&input);
        let normalized = normalize(ShapeId::IDENTITY_POOL, &parsed);
        assert_eq!(
            normalized.changes[0].from,
            Some(Value::String(format!(" {saml}").into()))
        );
        assert_eq!(normalized.changes[0].to, None);
    }

    #[test]
    fn deduplicated_login_tokens_are_redacted_in_changes() {
        let (_, changes) = run(
            ShapeId::LOGINS_MAP,
            r#"{"https://login.example.com":"secret-token","login.example.com":"secret-token"}"#,
        );
        assert_eq!(changes.len(), 2);
        let parsed = value(
            r#"{"https://login.example.com":"secret-token","login.example.com":"secret-token"}"#,
        );
        let normalized = normalize(ShapeId::LOGINS_MAP, &parsed);
        let json = serde_json::to_string(&normalized.changes).unwrap();
        assert!(!json.contains("secret-token"), "{json}");
        assert!(json.contains(REDACTED), "{json}");
    }

    #[test]
    fn removes_null_members_and_empty_optional_collections_only() {
        let (out, changes) = run(
            ShapeId::SET_IDENTITY_POOL_ROLES_INPUT,
            &format!(r#"{{"IdentityPoolId":"{ID}","Roles":{{}},"RoleMappings":{{}}}}"#),
        );
        assert_eq!(out, format!(r#"{{"IdentityPoolId":"{ID}","Roles":{{}}}}"#));
        assert_eq!(
            changes,
            [("/RoleMappings".to_string(), ChangeCode::RemovedEmpty)]
        );
        let (out, changes) = run(
            ShapeId::IDENTITY_POOL,
            r#"{"IdentityPoolName":null,"DeveloperProviderName":null,"SamlProviderARNs":[],"AllowClassicFlow":false}"#,
        );
        assert_eq!(out, r#"{"IdentityPoolName":null,"AllowClassicFlow":false}"#);
        assert_eq!(changes.len(), 2);
    }

    #[test]
    fn orders_members_by_model_and_keys_by_bytes_and_keeps_unknown_members() {
        let (out, _) = run(
            ShapeId::IDENTITY_POOL,
            r#"{"Zeta":1,"IdentityPoolTags":{"b":"1","B":"2","a":"3"},"IdentityPoolName":"p","Alpha":[1.50]}"#,
        );
        assert_eq!(
            out,
            r#"{"IdentityPoolName":"p","IdentityPoolTags":{"B":"2","a":"3","b":"1"},"Zeta":1,"Alpha":[1.5]}"#
        );
    }

    #[test]
    fn wrongly_typed_values_are_kept() {
        let (out, changes) = run(
            ShapeId::IDENTITY_POOL,
            r#"{"IdentityPoolName":[" x "],"SupportedLoginProviders":"Facebook","AllowClassicFlow":"no"}"#,
        );
        assert_eq!(
            out,
            r#"{"IdentityPoolName":[" x "],"AllowClassicFlow":"no","SupportedLoginProviders":"Facebook"}"#
        );
        assert!(changes.is_empty());
        let (out, changes) = run(ShapeId::IDENTITY_POOL, r#"[" x "]"#);
        assert_eq!(out, r#"[" x "]"#);
        assert!(changes.is_empty());
    }

    #[test]
    fn numbers_take_the_spelling_that_round_trips() {
        let (out, changes) = run(
            ShapeId::LIST_IDENTITY_POOLS_INPUT,
            r#"{"MaxResults":1e2,"NextToken":"x"}"#,
        );
        assert_eq!(out, r#"{"MaxResults":100.0,"NextToken":"x"}"#);
        assert!(changes.is_empty());
        let (out, _) = run(ShapeId::LIST_IDENTITY_POOLS_INPUT, r#"{"MaxResults":-0}"#);
        assert_eq!(out, r#"{"MaxResults":0}"#);
    }

    #[test]
    fn redacts_sensitive_values_of_any_type() {
        let mut input = value(
            r#"{"Credentials":{"AccessKeyId":"AKIA","SecretKey":["s3cr3t"],"SessionToken":"tok","Expiration":1}}"#,
        );
        redact(ShapeId::GET_CREDENTIALS_FOR_IDENTITY_RESPONSE, &mut input);
        let json = to_string(&input);
        assert!(!json.contains("s3cr3t") && !json.contains("tok"), "{json}");
        assert!(json.contains("AKIA"));
    }

    #[test]
    fn long_lists_are_deduplicated_as_short_ones() {
        // 20 distinct ARNs, then the same 20 again, then the first once
        // more: past the sixteenth, the texts seen so far are a tree.
        let arn = |k: usize| format!("arn:aws:iam::123456789012:saml-provider/P{k}");
        let mut items: Vec<String> = (0..20).chain(0..20).chain([0]).map(arn).collect();
        // A trimmed entry equals its neighbour once normalized.
        items.insert(3, format!(" {} ", arn(2)));
        let input = format!(
            "[{}]",
            items
                .iter()
                .map(|a| format!("{a:?}"))
                .collect::<Vec<_>>()
                .join(",")
        );
        let (out, changes) = run(ShapeId::SAML_PROVIDER_LIST, &input);
        let expected: Vec<String> = (0..20).map(|k| format!("{:?}", arn(k))).collect();
        assert_eq!(out, format!("[{}]", expected.join(",")));
        let dropped: Vec<String> = changes
            .iter()
            .filter(|(_, code)| *code == ChangeCode::Deduplicated)
            .map(|(path, _)| path.clone())
            .collect();
        let expected_paths: Vec<String> = std::iter::once(3)
            .chain(21..42)
            .map(|i| format!("/{i}"))
            .collect();
        assert_eq!(dropped, expected_paths);
    }

    #[test]
    fn report_form_needs_the_right_top_level_type() {
        let normalized = |target: &str, input: &str| {
            crate::check(target, input)
                .unwrap()
                .normalized
                .map(Canonical::into_string)
        };
        let report = crate::check("DescribeIdentityPool", r#"{"IdentityPoolId":" x "}"#).unwrap();
        assert_eq!(
            report.normalized.as_ref().map(Canonical::as_str),
            Some(r#"{"IdentityPoolId":"x"}"#)
        );
        assert_eq!(report.changes.len(), 1);
        assert_eq!(normalized("DescribeIdentityPool", "[]"), None);
        assert_eq!(normalized("DescribeIdentityPool", "null"), None);
        assert_eq!(
            normalized("IdentityPoolId", r#"" a ""#).as_deref(),
            Some(r#""a""#)
        );
        assert_eq!(normalized("QueryLimit", "1.5"), None);
    }
}

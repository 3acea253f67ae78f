//! The constraint layer: every violation of the model's traits (`type`,
//! `unknown_member`, `required`, `length`, `pattern`, `enum`, `range`), with
//! the service's own message for each.
//!
//! The checks are called value by value from the one walk over
//! an input, which writes the canonical form at the same time
//! (`normalize::walk`); [`validate`] runs that walk for the issues alone.
//!
//! Order is deterministic: members in input order (missing required members
//! after the present ones, in model order), and within a value length before
//! pattern before enum. Map key and value violations name the map in the
//! service grammar, as the service does.

use crate::json::Value;
use crate::path::{Path, Segment};
use crate::pattern;
use crate::quote::{Quoted, QuotedChar};
use crate::report::{Code, Issue, Params};
use crate::schema::{self, Bounds, Shape, ShapeId, ShapeKind, StringRules};
use crate::secret::REDACTED;
use std::borrow::Cow;

/// The outcome of [`validate`].
#[derive(Debug, Default)]
pub struct Validation {
    /// Every issue found, in order, up to the limit.
    pub issues: Vec<Issue>,
    /// True when the limit on issues was reached and later issues were
    /// left out.
    pub truncated: bool,
}

/// Validate `value` against `shape` and return every constraint issue, up
/// to `max_issues` (later ones are counted as left out, so a hostile input
/// cannot make the report grow without bound).
///
/// The checks run inside the one walk that also writes the canonical form
/// (see [the `normalize` module](mod@crate::normalize)); this function runs that walk for its issues
/// alone.
pub fn validate(shape: ShapeId, value: &Value<'_>, max_issues: usize) -> Validation {
    crate::normalize::walk(
        shape,
        value,
        max_issues,
        0,
        false,
        crate::normalize::Origin::Given,
    )
    .validation
}

/// True when `text` satisfies every constraint of the string shape `shape`
/// (false for a shape that is not a string).
pub(crate) fn satisfies(shape: ShapeId, text: &str) -> bool {
    match &shape.shape().kind {
        ShapeKind::String(rules) => string_ok(rules, text),
        _ => false,
    }
}

/// A violated constraint of a string shape, before it is placed in context.
struct Violation {
    code: Code,
    constraint: String,
    message: String,
    params: Params,
}

/// The constraint checks of one walk: where the walk is, and the issues
/// found so far. The walk (in [`crate::normalize`]) calls one method per
/// value it meets; each method checks that value against its shape.
pub(crate) struct Checks<'a> {
    root: ShapeId,
    /// Where the walk is; also the path of the walk's changes.
    pub(crate) path: Path<'a>,
    issues: Vec<Issue>,
    max_issues: usize,
    truncated: bool,
    /// The rendering of the map whose entries are being reported, made
    /// once per map however many of its entries fail (keyed by the map's
    /// address, compared only for identity).
    map_rendering: Option<(*const (), String)>,
}

impl<'a> Checks<'a> {
    pub(crate) fn new(root: ShapeId, max_issues: usize) -> Checks<'a> {
        Checks {
            root,
            path: Path::default(),
            issues: Vec::new(),
            max_issues,
            truncated: false,
            map_rendering: None,
        }
    }

    pub(crate) fn into_validation(self) -> Validation {
        Validation {
            issues: self.issues,
            truncated: self.truncated,
        }
    }

    /// Record an issue, or count it as left out once the limit is reached.
    fn push(&mut self, issue: Issue) {
        if self.issues.len() < self.max_issues {
            self.issues.push(issue);
        } else {
            self.truncated = true;
        }
    }

    /// The rendering of `map_value`, cached for the map being walked.
    fn render_map(&mut self, map: ShapeId, map_value: &Value<'_>) -> String {
        let key = (map_value as *const Value<'_>).cast::<()>();
        match &self.map_rendering {
            Some((cached, text)) if std::ptr::eq(*cached, key) => text.clone(),
            _ => {
                let text = render(map, map_value);
                self.map_rendering = Some((key, text.clone()));
                text
            }
        }
    }

    /// A string value of the shape `id`; true when it breaks no constraint.
    pub(crate) fn string(
        &mut self,
        id: ShapeId,
        rules: &StringRules,
        value: &Value<'_>,
        text: &str,
    ) -> bool {
        let violations = string_violations(rules, text, &mut || self.path.display());
        if violations.is_empty() {
            return true;
        }
        let rendered = render(id, value);
        for v in violations {
            self.push_constraint(v, &rendered, false, None);
        }
        false
    }

    /// An integer literal of a shape with `bounds`.
    pub(crate) fn integer(&mut self, bounds: Bounds, n: &crate::json::Number<'_>) {
        self.check_range(bounds, n.as_str(), n.as_i64());
    }

    /// A value whose JSON type the shape `id` does not take (a timestamp
    /// string that is not RFC 3339 included).
    pub(crate) fn wrong_type(&mut self, id: ShapeId, value: &Value<'_>) {
        let expected = expected_type(id.shape());
        let found = found_type(value);
        let display = self.path.display();
        let message = match (&id.shape().kind, value) {
            (ShapeKind::Integer(_) | ShapeKind::Long(_), Value::Number(_)) => {
                format!("{display} must be a whole number, not a fraction or exponent.")
            }
            (ShapeKind::Timestamp, Value::String(_)) => format!(
                "{display} must be a timestamp: epoch seconds, or an RFC 3339 date-time such as 2024-05-01T12:00:00Z."
            ),
            _ => format!(
                "{display} must be {}, not {}.",
                article(expected),
                article(found)
            ),
        };
        self.push({
            let mut issue = Issue::new(self.path.pointer(), Code::Type, message);
            issue.params.expected = Some(expected.to_string());
            issue.params.found = Some(found.to_string());
            issue
        });
    }

    /// `null` where a list entry or map value must be.
    pub(crate) fn null_entry(&mut self) {
        self.push_null("must not be null");
    }

    /// `null` as the value of a structure member.
    pub(crate) fn null_member(&mut self, member: &schema::Member) {
        if member.required {
            self.push_null("must not be null");
        }
    }

    /// The required members of a structure that `entries` lacks, after its
    /// present members (the current path is the structure's).
    pub(crate) fn missing_members(
        &mut self,
        members: &'static [schema::Member],
        entries: &[(Cow<'_, str>, Value<'_>)],
    ) {
        for member in members.iter().filter(|m| m.required) {
            if !entries.iter().any(|(name, _)| name == member.name) {
                self.path.push(Segment::Member {
                    wire: member.name,
                    service: member.service_name,
                });
                self.push_null("is required");
                self.path.pop();
            }
        }
    }

    /// The key of a map entry; true when it breaks no constraint of the
    /// key shape (the current path is the map's).
    pub(crate) fn map_key(
        &mut self,
        map: ShapeId,
        map_value: &Value<'_>,
        key_shape: ShapeId,
        key: &str,
    ) -> bool {
        let ShapeKind::String(rules) = &key_shape.shape().kind else {
            return true;
        };
        let violations = string_violations(rules, key, &mut || {
            format!("{} key {key}", self.path.display(), key = Quoted(key))
        });
        self.map_entry_violations(map, map_value, rules, key, violations, true)
    }

    /// The string value of a map entry whose value shape is a string;
    /// true when it breaks no constraint (the current path is the map's:
    /// the service names the map, not the entry).
    pub(crate) fn map_value(
        &mut self,
        map: ShapeId,
        map_value: &Value<'_>,
        rules: &StringRules,
        key: &'a str,
        text: &str,
    ) -> bool {
        let violations = string_violations(rules, text, &mut || {
            self.path.push(Segment::Key(key));
            let display = self.path.display();
            self.path.pop();
            display
        });
        self.map_entry_violations(map, map_value, rules, key, violations, false)
    }

    /// Record the violations of a map entry's key (`is_key`) or string
    /// value, each naming the map and listing the shape's constraints as
    /// the service does; true when there are none.
    fn map_entry_violations(
        &mut self,
        map: ShapeId,
        map_value: &Value<'_>,
        rules: &StringRules,
        key: &str,
        violations: Vec<Violation>,
        is_key: bool,
    ) -> bool {
        if violations.is_empty() {
            return true;
        }
        let rendered = self.render_map(map, map_value);
        let all = all_constraints(rules);
        let part = if is_key { "keys" } else { "value" };
        for v in violations {
            let wrapped = format!("Map {part} must satisfy constraint: [{all}]");
            self.push_constraint(v, &rendered, is_key, Some((key, wrapped)));
        }
        false
    }

    /// Record a constraint violation. `map_entry` is the key of the entry
    /// and the map-level constraint text, for violations inside a map.
    fn push_constraint(
        &mut self,
        violation: Violation,
        rendered: &str,
        key: bool,
        map_entry: Option<(&str, String)>,
    ) {
        let (pointer, constraint) = match map_entry {
            Some((entry, wrapped)) => (self.path.pointer_with(entry), wrapped),
            None => (self.path.pointer(), violation.constraint),
        };
        let aws = format!(
            "Value '{rendered}' at '{}' failed to satisfy constraint: {constraint}",
            self.service_path()
        );
        self.push({
            let mut issue = Issue::new(pointer, violation.code, violation.message);
            issue.aws_message = Some(aws);
            issue.key = key;
            issue.params = violation.params;
            issue
        });
    }

    fn service_path(&self) -> String {
        self.path.service(self.root.name())
    }

    /// A `required` issue at the current path: `null` where a value must
    /// be, or a required member that is missing; `what` ends the sentence.
    fn push_null(&mut self, what: &str) {
        let aws = format!(
            "Value null at '{}' failed to satisfy constraint: Member must not be null",
            self.service_path()
        );
        let message = format!("{} {what}.", self.path.display());
        self.push({
            let mut issue = Issue::new(self.path.pointer(), Code::Required, message);
            issue.aws_message = Some(aws);
            issue
        });
    }

    /// The number of entries of a list or map of the shape `id`.
    pub(crate) fn check_size(
        &mut self,
        id: ShapeId,
        value: &Value<'_>,
        bounds: Bounds,
        count: usize,
    ) {
        let count = i64::try_from(count).unwrap_or(i64::MAX);
        let noun = |n: i64| if n == 1 { "entry" } else { "entries" };
        let in_bounds =
            bounds.max.is_none_or(|max| count <= max) && bounds.min.is_none_or(|min| count >= min);
        if in_bounds {
            return;
        }
        let display = self.path.display();
        let violation = if let Some(max) = bounds.max.filter(|&max| count > max) {
            Some((
                max_length_constraint(max),
                format!(
                    "{display} must have at most {max} {} (found {count}).",
                    noun(max)
                ),
            ))
        } else {
            bounds.min.filter(|&min| count < min).map(|min| {
                (
                    min_length_constraint(min),
                    format!(
                        "{display} must have at least {min} {} (found {count}).",
                        noun(min)
                    ),
                )
            })
        };
        if let Some((constraint, message)) = violation {
            let params = Params {
                min: bounds.min,
                max: bounds.max,
                actual: Some(count),
                ..Params::default()
            };
            let rendered = render(id, value);
            self.push_constraint(
                Violation {
                    code: Code::Length,
                    constraint,
                    message,
                    params,
                },
                &rendered,
                false,
                None,
            );
        }
    }

    fn check_range(&mut self, bounds: Bounds, raw: &str, value: Option<i64>) {
        // An integer literal that does not fit i64 is beyond any bound.
        let negative = raw.starts_with('-');
        let above = |max: i64| value.map_or(!negative, |v| v > max);
        let below = |min: i64| value.map_or(negative, |v| v < min);
        if !bounds.max.is_some_and(above) && !bounds.min.is_some_and(below) {
            return;
        }
        let display = self.path.display();
        let violation = if let Some(max) = bounds.max.filter(|&max| above(max)) {
            Some((
                format!("Member must have value less than or equal to {max}"),
                format!("{display} must be at most {max} (found {raw})."),
            ))
        } else {
            bounds.min.filter(|&min| below(min)).map(|min| {
                (
                    format!("Member must have value greater than or equal to {min}"),
                    format!("{display} must be at least {min} (found {raw})."),
                )
            })
        };
        if let Some((constraint, message)) = violation {
            let params = Params {
                min: bounds.min,
                max: bounds.max,
                actual: value,
                ..Params::default()
            };
            self.push_constraint(
                Violation {
                    code: Code::Range,
                    constraint,
                    message,
                    params,
                },
                raw,
                false,
                None,
            );
        }
    }

    pub(crate) fn unknown_member(&mut self, shape: &Shape, members: &[schema::Member], name: &str) {
        let allowed: Vec<String> = members.iter().map(|m| m.name.to_string()).collect();
        let location = match self.path.display().as_str() {
            "input" => "input".to_string(),
            other => other.to_string(),
        };
        let message = if allowed.is_empty() {
            format!(
                "Unknown parameter in {location}: {name}; {} has no members.",
                shape.name,
                name = Quoted(name)
            )
        } else {
            format!(
                "Unknown parameter in {location}: {name}, must be one of: {}",
                allowed.join(", "),
                name = Quoted(name)
            )
        };
        self.push({
            let mut issue = Issue::new(self.path.pointer_with(name), Code::UnknownMember, message);
            issue.params.allowed = Some(allowed);
            issue
        });
    }

    pub(crate) fn duplicate_key(&mut self, name: &str) {
        let message = format!(
            "{} has the key {name} more than once; JSON objects here must have unique keys.",
            self.path.display(),
            name = Quoted(name)
        );
        self.push({
            let mut issue = Issue::new(self.path.pointer_with(name), Code::Syntax, message);
            issue.key = true;
            issue
        });
    }
}

/// The constraints of a string shape that `text` violates, in order:
/// length, pattern, enum. `display` names the value for people; it is
/// called only when there is a violation.
fn string_violations(
    rules: &StringRules,
    text: &str,
    display: &mut dyn FnMut() -> String,
) -> Vec<Violation> {
    let mut out = Vec::new();
    if string_ok(rules, text) {
        return out;
    }
    let bounds = rules.bounds;
    let length = char_length(bounds, text);
    let unit = |n: i64| if n == 1 { "character" } else { "characters" };
    let length_params = Params {
        min: bounds.min,
        max: bounds.max,
        actual: Some(length),
        ..Params::default()
    };
    // Messages are written without their subject, which is prefixed below.
    if let Some(max) = bounds.max.filter(|&max| length > max) {
        out.push(Violation {
            code: Code::Length,
            constraint: max_length_constraint(max),
            message: format!(
                " must be at most {max} {} long (found {length}).",
                unit(max)
            ),
            params: length_params.clone(),
        });
    }
    if let Some(min) = bounds.min.filter(|&min| length < min) {
        out.push(Violation {
            code: Code::Length,
            constraint: min_length_constraint(min),
            message: if length == 0 {
                " must not be empty.".to_string()
            } else {
                format!(
                    " must be at least {min} {} long (found {length}).",
                    unit(min)
                )
            },
            params: length_params,
        });
    }
    if let (Some(source), Some(index)) = (rules.pattern, rules.pattern_index) {
        let matched = pattern::is_full_match(index, text);
        if !matched {
            let hint = if rules.sensitive {
                String::new()
            } else {
                pattern::first_rejected_char(index, text)
                    .map(|(index, c)| {
                        format!(
                            " ({c}, character {}, is not allowed)",
                            index + 1,
                            c = QuotedChar(c)
                        )
                    })
                    .unwrap_or_default()
            };
            out.push(Violation {
                code: Code::Pattern,
                constraint: pattern_constraint(source),
                message: format!(" must match the pattern {source}{hint}."),
                params: Params {
                    pattern: Some(source.to_string()),
                    ..Params::default()
                },
            });
        }
    }
    if !rules.enum_values.is_empty() && !rules.enum_values.contains(&text) {
        let list = rules.enum_values.join(", ");
        out.push(Violation {
            code: Code::Enum,
            constraint: enum_constraint(&list),
            message: format!(" must be one of {list}."),
            params: Params {
                allowed: Some(rules.enum_values.iter().map(|v| v.to_string()).collect()),
                ..Params::default()
            },
        });
    }
    if !out.is_empty() {
        let subject = display();
        for violation in &mut out {
            violation.message.insert_str(0, &subject);
        }
    }
    out
}

/// The length of `text` in Unicode scalar values, or its length in bytes
/// when that alone proves it within `bounds`: the byte length bounds the
/// count between a quarter of it (rounded up) and all of it.
fn char_length(bounds: Bounds, text: &str) -> i64 {
    let bytes = text.len() as i64;
    let needs_count = bounds.max.is_some_and(|max| bytes > max)
        || bounds.min.is_some_and(|min| (bytes + 3) / 4 < min);
    if needs_count {
        text.chars().count() as i64
    } else {
        bytes
    }
}

/// True when `text` breaks no constraint of a string shape with `rules`;
/// decided without building any message.
fn string_ok(rules: &StringRules, text: &str) -> bool {
    let length = char_length(rules.bounds, text);
    rules.bounds.max.is_none_or(|max| length <= max)
        && rules.bounds.min.is_none_or(|min| length >= min)
        && match (rules.pattern, rules.pattern_index) {
            (Some(_), Some(index)) => pattern::is_full_match(index, text),
            _ => true,
        }
        && (rules.enum_values.is_empty() || rules.enum_values.contains(&text))
}

// The service's wording of each string constraint, one copy each for
// the violation found and for the list of all of a shape's constraints.

fn max_length_constraint(max: i64) -> String {
    format!("Member must have length less than or equal to {max}")
}

fn min_length_constraint(min: i64) -> String {
    format!("Member must have length greater than or equal to {min}")
}

fn pattern_constraint(pattern: &str) -> String {
    format!("Member must satisfy regular expression pattern: {pattern}")
}

/// `list`: the values joined by `, `.
fn enum_constraint(list: &str) -> String {
    format!("Member must satisfy enum value set: [{list}]")
}

/// Every constraint of a string shape, as the service lists them inside
/// `Map keys/value must satisfy constraint: [...]`.
fn all_constraints(rules: &StringRules) -> String {
    let mut parts = Vec::new();
    if let Some(max) = rules.bounds.max {
        parts.push(max_length_constraint(max));
    }
    if let Some(min) = rules.bounds.min {
        parts.push(min_length_constraint(min));
    }
    if let Some(pattern) = rules.pattern {
        parts.push(pattern_constraint(pattern));
    }
    if !rules.enum_values.is_empty() {
        parts.push(enum_constraint(&rules.enum_values.join(", ")));
    }
    parts.join(", ")
}

/// The most characters of a value echoed in a service message; longer
/// renderings end with `...` (our choice: bounds the report's size).
pub const MAX_RENDERED_CHARS: usize = 4096;

/// Render a value as the service echoes it in `Value '...' at ...`:
/// strings as they are, lists as `[a, b]`, maps and structures as
/// `{k=v, k2=v2}`; sensitive non-empty strings as [`REDACTED`]. At most
/// [`MAX_RENDERED_CHARS`] characters are kept.
pub(crate) fn render(id: ShapeId, value: &Value<'_>) -> String {
    let mut out = Rendering {
        text: String::new(),
        chars: 0,
        full: false,
    };
    render_into(Some(id), value, &mut out);
    if out.full {
        out.text.push_str("...");
    }
    out.text
}

/// A rendering that stops growing at [`MAX_RENDERED_CHARS`].
struct Rendering {
    text: String,
    chars: usize,
    full: bool,
}

impl Rendering {
    fn push_str(&mut self, s: &str) {
        if self.full {
            return;
        }
        for c in s.chars() {
            if self.chars == MAX_RENDERED_CHARS {
                self.full = true;
                return;
            }
            self.text.push(c);
            self.chars += 1;
        }
    }
}

fn render_into(id: Option<ShapeId>, value: &Value<'_>, out: &mut Rendering) {
    if out.full {
        return;
    }
    if id.is_some_and(|id| schema::conceals(id, value)) {
        out.push_str(REDACTED);
        return;
    }
    let kind = id.map(|id| &id.shape().kind);
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(n.as_str()),
        Value::String(s) => out.push_str(s),
        Value::Array(items) => {
            let member = match kind {
                Some(ShapeKind::List { member, .. }) => Some(*member),
                _ => None,
            };
            out.push_str("[");
            for (i, item) in items.iter().enumerate() {
                if out.full {
                    return;
                }
                if i > 0 {
                    out.push_str(", ");
                }
                render_into(member, item, out);
            }
            out.push_str("]");
        }
        Value::Object(entries) => {
            out.push_str("{");
            for (i, (key, item)) in entries.iter().enumerate() {
                if out.full {
                    return;
                }
                if i > 0 {
                    out.push_str(", ");
                }
                let child = match kind {
                    Some(ShapeKind::Map { value, .. }) => Some(*value),
                    Some(ShapeKind::Structure(members)) => members
                        .iter()
                        .find(|m| m.name == key.as_ref())
                        .map(|m| m.shape),
                    _ => None,
                };
                out.push_str(key);
                out.push_str("=");
                let unknown_secret = child.is_none()
                    && id.is_some_and(|id| schema::conceals_unknown_member(id, item));
                if unknown_secret {
                    out.push_str(REDACTED);
                } else {
                    render_into(child, item, out);
                }
            }
            out.push_str("}");
        }
    }
}

fn expected_type(shape: &Shape) -> &'static str {
    match shape.kind {
        ShapeKind::String(_) => "string",
        ShapeKind::Boolean => "boolean",
        ShapeKind::Integer(_) | ShapeKind::Long(_) => "integer",
        ShapeKind::Timestamp => "timestamp",
        ShapeKind::Structure(_) | ShapeKind::Map { .. } => "object",
        ShapeKind::List { .. } => "array",
    }
}

fn found_type(value: &Value<'_>) -> &'static str {
    match value {
        Value::Number(n) if !n.is_integer() => "number",
        Value::Number(_) => "integer",
        other => other.type_name(),
    }
}

fn article(type_name: &str) -> String {
    match type_name {
        "integer" | "object" | "array" => format!("an {type_name}"),
        "null" => "null".to_string(),
        _ => format!("a {type_name}"),
    }
}

/// An RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, with
/// `t`/`z` and a space separator accepted as RFC 3339 allows.
pub(crate) fn is_rfc3339(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    let number = |range: std::ops::Range<usize>| -> u32 {
        b[range].iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'))
    };
    if b.len() < 20
        || !digits(0..4)
        || b[4] != b'-'
        || !digits(5..7)
        || b[7] != b'-'
        || !digits(8..10)
        || !matches!(b[10], b'T' | b't' | b' ')
        || !digits(11..13)
        || b[13] != b':'
        || !digits(14..16)
        || b[16] != b':'
        || !digits(17..19)
    {
        return false;
    }
    let (month, day) = (number(5..7), number(8..10));
    let (hour, minute, second) = (number(11..13), number(14..16), number(17..19));
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return false;
    }
    let mut rest = &b[19..];
    if let Some(fraction) = rest.strip_prefix(b".") {
        let n = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &fraction[n..];
    }
    match rest {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit())
                && (h1 - b'0') * 10 + (h2 - b'0') <= 23
                && (m1 - b'0') * 10 + (m2 - b'0') <= 59
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{ParseOptions, parse};

    #[test]
    fn lengths_count_characters_whatever_the_byte_length() {
        // 10 bytes, 4 characters, under the ARN minimum of 20: the
        // issue gives the count of characters, not of bytes.
        let text = "é€٣\u{200b}";
        let value = Value::String(text.into());
        let issues = validate(ShapeId::ARN_STRING, &value, 10).issues;
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].params.actual, Some(4));
        assert!(
            issues[0].message.contains("(found 4)"),
            "{}",
            issues[0].message
        );
        // Four-byte, two-byte and no characters: the count is exact.
        for (text, chars) in [("𝄞𝄞𝄞𝄞", 4), ("aé", 2), ("", 0)] {
            let value = Value::String(text.into());
            let found = validate(ShapeId::ARN_STRING, &value, 10).issues;
            assert_eq!(found[0].params.actual, Some(chars), "{text:?}");
        }
    }

    #[test]
    fn renders_values_as_the_service_echoes_them() {
        let value = parse(
            r#"{"graph.facebook.com":"tok","accounts.google.com":"","x":["a",1,true,null]}"#,
            &ParseOptions::default(),
        )
        .unwrap();
        assert_eq!(
            render(ShapeId::LOGINS_MAP, &value),
            "{graph.facebook.com=*** Sensitive Data Redacted ***, accounts.google.com=, x=*** Sensitive Data Redacted ***}"
        );
        let rule = parse(
            r#"{"Claim":"c","MatchType":"Equals"}"#,
            &ParseOptions::default(),
        )
        .unwrap();
        assert_eq!(
            render(ShapeId::MAPPING_RULE, &rule),
            "{Claim=c, MatchType=Equals}"
        );
    }

    #[test]
    fn map_constraint_lists_put_max_before_min_before_pattern() {
        let ShapeKind::String(rules) = &ShapeId::IDENTITY_PROVIDER_ID.shape().kind else {
            unreachable!("IdentityProviderId is a string shape")
        };
        assert_eq!(
            all_constraints(rules),
            r"Member must have length less than or equal to 128, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [\w.;_/-]+"
        );
    }

    #[test]
    fn lengths_count_unicode_scalar_values() {
        let ShapeKind::String(rules) = &ShapeId::TAG_KEYS_TYPE.shape().kind else {
            unreachable!("TagKeysType is a string shape")
        };
        assert!(string_violations(rules, &"é".repeat(128), &mut || "k".into()).is_empty());
        let over = string_violations(rules, &"é".repeat(129), &mut || "k".into());
        assert_eq!(over.len(), 1);
        assert_eq!(over[0].params.actual, Some(129));
        assert_eq!(
            string_violations(rules, "", &mut || "k".into())[0].message,
            "k must not be empty."
        );
    }

    #[test]
    fn rfc3339_date_times() {
        for ok in [
            "2024-02-29T23:59:60Z",
            "2024-05-01t12:00:00z",
            "2024-05-01 12:00:00.5-07:30",
        ] {
            assert!(is_rfc3339(ok), "{ok}");
        }
        for bad in [
            "2024-05-01",
            "2024-05-01T12:00:00",
            "2024-00-01T12:00:00Z",
            "2024-05-01T24:00:00Z",
            "2024-05-01T12:00:00.Z",
            "2024-05-01T12:00:00+2:00",
            "２０２４-05-01T12:00:00Z",
        ] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
    }
}

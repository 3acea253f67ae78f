//! The redaction property, for every fuzz target that makes reports:
//! marker secrets are planted at every position of the input that holds a
//! secret (whatever the JSON type there), and no marker may come back in
//! the report's JSON or Debug output.
//!
//! The planting rules are written here from the contract, independently of
//! the core's own redaction: a sensitive member (login token, secret key,
//! session token, OpenID token) of any JSON type; anything where a
//! container of secrets belongs but the JSON type is wrong; and the value
//! of an unknown member of a structure that holds secrets (a misspelt
//! `SecretKey` is still a secret key).

// Each target uses the part it needs.
#![allow(dead_code)]

use idpool::json::{self, Value};
use idpool::schema::{ShapeId, ShapeKind};
use std::borrow::Cow;

/// The planted string secret.
pub const MARK: &str = "ZqPlantedSecretMark";
/// The planted numeric secret.
pub const MARK_NUMBER: &str = "918273645546372819";

/// A sensitive string shape: the model's sensitive trait, plus the session
/// token.
fn sensitive(shape: ShapeId) -> bool {
    matches!(&shape.shape().kind, ShapeKind::String(rules) if rules.sensitive)
        || shape == ShapeId::SESSION_TOKEN_STRING
}

/// The shape is sensitive or contains a sensitive shape.
fn holds(shape: ShapeId, depth: usize) -> bool {
    if depth > 16 {
        return false;
    }
    match &shape.shape().kind {
        ShapeKind::String(_) => sensitive(shape),
        ShapeKind::Structure(members) => members.iter().any(|m| holds(m.shape, depth + 1)),
        ShapeKind::List { member, .. } => holds(*member, depth + 1),
        ShapeKind::Map { value, .. } => holds(*value, depth + 1),
        _ => false,
    }
}

/// Replace every non-empty string and every number beneath `value` with a
/// marker; returns how many were planted.
fn plant_everywhere(value: &mut Value<'_>) -> usize {
    match value {
        Value::String(s) if !s.is_empty() => {
            *value = Value::String(Cow::Borrowed(MARK));
            1
        }
        Value::Number(_) => {
            *value = json::parse(MARK_NUMBER, &Default::default()).expect("a number");
            1
        }
        Value::Array(items) => items.iter_mut().map(plant_everywhere).sum(),
        Value::Object(members) => members.iter_mut().map(|(_, v)| plant_everywhere(v)).sum(),
        _ => 0,
    }
}

/// Plant markers at every secret position of `value`, read as `shape`.
pub fn plant(shape: ShapeId, value: &mut Value<'_>) -> usize {
    if sensitive(shape) {
        return plant_everywhere(value);
    }
    if !holds(shape, 0) {
        return 0;
    }
    match (&shape.shape().kind, value) {
        (ShapeKind::Structure(members), Value::Object(entries)) => {
            let mut planted = 0;
            for (name, entry) in entries.iter_mut() {
                planted += match members.iter().find(|m| m.name == name.as_ref()) {
                    Some(member) => plant(member.shape, entry),
                    None => plant_everywhere(entry),
                };
            }
            planted
        }
        (ShapeKind::List { member, .. }, Value::Array(items)) => {
            items.iter_mut().map(|item| plant(*member, item)).sum()
        }
        (ShapeKind::Map { value: values, .. }, Value::Object(entries)) => {
            entries.iter_mut().map(|(_, entry)| plant(*values, entry)).sum()
        }
        (_, other) => plant_everywhere(other),
    }
}

/// True when the text already holds a marker (the fuzzer can learn them),
/// so a marker in the report would prove nothing.
pub fn holds_marker(text: &str) -> bool {
    text.contains(MARK) || text.contains(MARK_NUMBER)
}

/// Panics when a planted marker comes back in the report.
pub fn assert_concealed(report: &idpool::Report) {
    assert_text_concealed(&report.to_json());
    assert_text_concealed(&format!("{report:?}"));
}

/// Panics when a planted marker is in `text` (a report's JSON from a
/// binding, a rendering).
pub fn assert_text_concealed(text: &str) {
    for mark in [MARK, MARK_NUMBER] {
        assert!(!text.contains(mark), "a planted secret in the output: {text}");
    }
}

/// A credentials context with markers planted in its `Request` (the part
/// that carries logins), as text; `None` when nothing could be planted or
/// the text already holds a marker.
pub fn planted_context(checker: &idpool::Checker, text: &str) -> Option<String> {
    if holds_marker(text) {
        return None;
    }
    let mut value = checker.parse(text).ok()?;
    let Value::Object(members) = &mut value else { return None };
    let mut planted = 0;
    for (name, member) in members.iter_mut() {
        if name == "Request" {
            planted += plant(ShapeId::GET_CREDENTIALS_FOR_IDENTITY_INPUT, member);
        }
    }
    (planted > 0).then(|| json::to_string(&value))
}

/// The input of `target` with markers planted at its secret positions, as
/// text; `None` when nothing could be planted or the text already holds a
/// marker.
pub fn planted_input(checker: &idpool::Checker, target: &str, text: &str) -> Option<String> {
    if holds_marker(text) {
        return None;
    }
    let shape = idpool::Target::from_name(target).ok()?.input_shape()?;
    let mut value = checker.parse(text).ok()?;
    (plant(shape, &mut value) > 0).then(|| json::to_string(&value))
}

/// The largest limits any setting accepts, or the defaults, as a fuzz
/// byte chooses: the targets also run with raised limits.
pub fn checker(selector: u8) -> idpool::Checker {
    if selector & 0x80 == 0 {
        return idpool::Checker::new();
    }
    idpool::Checker::with_limits(idpool::Limits {
        max_depth: idpool::Limits::MAX_DEPTH_CEILING,
        max_input_bytes: idpool::Limits::MAX_INPUT_BYTES_CEILING,
        max_issues: idpool::Limits::MAX_ISSUES_CEILING,
    })
    .expect("the ceilings are accepted")
}

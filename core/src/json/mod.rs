//! A small, strict, order-preserving JSON reader and writer.
//!
//! This module exists because validating Cognito identity-pool documents needs
//! things general-purpose JSON crates do not give together:
//!
//! * object members are kept **in input order** and **duplicate keys are kept**
//!   ([`Value::Object`] is a `Vec` of pairs), so the validator sees exactly what
//!   the caller sent and can report issues in input order;
//! * the nesting depth is limited **while parsing** ([`ParseOptions::max_depth`]),
//!   and the parser is iterative, so hostile input can neither overflow the stack
//!   nor make the parser do more than linear work;
//! * strings without escapes borrow from the input (`Cow::Borrowed`) and numbers
//!   are kept as their exact, validated source text ([`Number`]);
//! * errors carry a precise 1-based line and column ([`ParseError`]);
//! * a canonical compact writer ([`to_string`]) and a pretty one
//!   ([`to_string_pretty`]);
//! * its own exact conversions between decimal text and `f64` (nearest
//!   double, shortest round-tripping spellings), small big-integer code
//!   without the tables of the standard library's and `serde_json`'s.
//!
//! The grammar is RFC 8259, strictly: no comments, no trailing commas, no
//! `NaN`/`Infinity`, no leading zeros, no single quotes, whitespace is only
//! space, tab, line feed and carriage return, and any value may be the top-level
//! value. The one leniency is that a single leading UTF-8 byte order mark
//! (U+FEFF) is skipped, as RFC 8259 section 8.1 allows parsers to do.
//!
//! Serde integration: [`Value`] implements `Serialize` (member order kept),
//! `Value<'static>` implements `Deserialize`, and [`from_value`] builds any
//! `Deserialize` type from an already parsed [`Value`] without re-parsing,
//! borrowing strings from it.
//!
//! Recursion note: the parser and the writers never recurse, whatever the
//! depth. Derived operations on a [`Value`] (`Drop`, `Clone`, `PartialEq`,
//! `Debug`), [`Value::into_owned`] and the serde impls do recurse once per
//! nesting level; for parsed values that depth is bounded by
//! [`ParseOptions::max_depth`] (64 by default), which no setting can raise
//! above [`ParseOptions::MAX_DEPTH_CEILING`].

use crate::quote::QuotedChar;
use std::borrow::Cow;
use std::fmt;

mod de;
mod float;
mod parse;
mod serde_impl;
mod write;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

pub use de::{DeError, from_value};
pub(crate) use float::debug_text as f64_text;
pub(crate) use float::display_text as f64_display;
pub use parse::parse;
pub use write::{to_string, to_string_pretty, write_string, write_value};
pub(crate) use write::{write_report_string, write_report_value};

/// Eight bytes of a string at a time (SWAR): the high bit of each byte of
/// `chunk` (its first eight bytes, little-endian) is set in the result when
/// the byte is `"`, `\\`, below 0x20, or (when `delete`) U+007F; the
/// reader stops at such bytes and the writers escape them. Borrows can only
/// flag bytes after a real match, so the lowest flagged byte is exact.
fn special_bytes(chunk: &[u8], delete: bool) -> u64 {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    let mut word = [0u8; 8];
    if let Some(head) = chunk.get(..8) {
        word.copy_from_slice(head);
    }
    let w = u64::from_le_bytes(word);
    let zero_in = |x: u64| x.wrapping_sub(ONES) & !x;
    let quote = zero_in(w ^ (ONES * u64::from(b'"')));
    let backslash = zero_in(w ^ (ONES * u64::from(b'\\')));
    let control = w.wrapping_sub(ONES * 0x20) & !w;
    let del = if delete {
        zero_in(w ^ (ONES * 0x7F))
    } else {
        0
    };
    (quote | backslash | control | del) & HIGHS
}

/// A parsed JSON value borrowing from the input where it can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, kept as its source text.
    Number(Number<'a>),
    /// A string: borrowed from the input when it contained no escape sequence.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Value<'a>>),
    /// Members in input order; duplicate keys are kept as they appear.
    Object(Vec<(Cow<'a, str>, Value<'a>)>),
}

/// A JSON number, kept as its exact source text (already validated against the RFC 8259 grammar).
///
/// Equality is textual: `1`, `1.0` and `1e0` are different numbers here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number<'a> {
    /// Invariant: matches the RFC 8259 `number` production.
    raw: Cow<'a, str>,
}

impl<'a> Number<'a> {
    /// Wraps text that the caller has checked against the number grammar.
    pub(crate) fn from_validated(raw: Cow<'a, str>) -> Self {
        Number { raw }
    }

    /// The exact source text of the number, e.g. `-12.5e3`.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// True when the number has neither a fraction nor an exponent part.
    pub fn is_integer(&self) -> bool {
        !self.raw.bytes().any(|b| matches!(b, b'.' | b'e' | b'E'))
    }

    /// The value as an `i64`, if the number is an integer literal that fits.
    ///
    /// `-0` gives `Some(0)`; `1.0` and `1e2` give `None` (they are not integer literals).
    pub fn as_i64(&self) -> Option<i64> {
        if self.is_integer() {
            self.raw.parse().ok()
        } else {
            None
        }
    }

    /// The value as a `u64`, if the number is an integer literal that fits.
    pub(crate) fn as_u64(&self) -> Option<u64> {
        if self.is_integer() {
            self.raw.parse().ok()
        } else {
            None
        }
    }

    /// The value as the nearest `f64` (correctly rounded). Magnitudes beyond
    /// the `f64` range give an infinity, tiny ones zero.
    pub fn as_f64(&self) -> f64 {
        float::parse(&self.raw)
    }

    /// The number with the text of `v` in decimal.
    pub fn from_i64(v: i64) -> Number<'static> {
        Number {
            raw: Cow::Owned(v.to_string()),
        }
    }

    /// A copy that owns its text.
    pub fn into_owned(self) -> Number<'static> {
        Number {
            raw: Cow::Owned(self.raw.into_owned()),
        }
    }
}

impl fmt::Display for Number<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

impl<'a> Value<'a> {
    /// The JSON type of the value: `"null"`, `"boolean"`, `"number"`,
    /// `"string"`, `"array"` or `"object"`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    /// A copy that owns all its strings and numbers.
    pub fn into_owned(self) -> Value<'static> {
        // Plain loops rather than iterator adapters: one small frame per
        // nesting level, even in unoptimized builds.
        match self {
            Value::Null => Value::Null,
            Value::Bool(b) => Value::Bool(b),
            Value::Number(n) => Value::Number(n.into_owned()),
            Value::String(s) => Value::String(Cow::Owned(s.into_owned())),
            Value::Array(items) => {
                let mut owned = Vec::with_capacity(items.len());
                for item in items {
                    owned.push(item.into_owned());
                }
                Value::Array(owned)
            }
            Value::Object(members) => {
                let mut owned = Vec::with_capacity(members.len());
                for (key, value) in members {
                    owned.push((Cow::Owned(key.into_owned()), value.into_owned()));
                }
                Value::Object(owned)
            }
        }
    }

    /// The string, if the value is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The members in input order, if the value is an object.
    pub fn as_object(&self) -> Option<&[(Cow<'a, str>, Value<'a>)]> {
        match self {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The elements, if the value is an array.
    pub fn as_array(&self) -> Option<&[Value<'a>]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The value of the first member named `key`, if the value is an object that has one.
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.as_object()?
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }
}

/// Options of the parser.
#[derive(Debug, Clone, Copy)]
pub struct ParseOptions {
    /// The greatest number of arrays and objects that may be nested inside
    /// each other. Each `[` or `{` opens one level: with `max_depth` 64, 64
    /// nested containers parse and a 65th fails with
    /// [`ParseErrorKind::TooDeep`]. 0 allows scalars only. Settings above
    /// [`ParseOptions::MAX_DEPTH_CEILING`] act as the ceiling.
    pub max_depth: usize,
}

impl ParseOptions {
    /// The default nesting limit.
    pub const DEFAULT_MAX_DEPTH: usize = 64;
    /// The deepest nesting the parser ever accepts, whatever
    /// [`ParseOptions::max_depth`] says: a larger setting acts as this one.
    ///
    /// Values are dropped, cloned, compared, rendered and serialized
    /// recursively; this ceiling keeps every such pass far from the end of a
    /// small thread stack (`core/tests/limits.rs` runs every entry point at
    /// this depth on a 256 KiB stack, unoptimized). It is also below
    /// `serde_json`'s own recursion limit (128), so every report reads back
    /// with `serde_json`, and about fifteen times the deepest nesting the
    /// model itself has (a role-mapping rule's claim: six levels).
    pub const MAX_DEPTH_CEILING: usize = 100;
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            max_depth: Self::DEFAULT_MAX_DEPTH,
        }
    }
}

/// Why and where parsing failed.
///
/// `line` and `column` are 1-based; lines are separated by line feeds (so a
/// CR LF pair counts once), and `column` counts Unicode scalar values (chars),
/// not bytes, from the start of the line (a skipped leading byte order mark
/// is not counted). `offset` is the byte offset in the text given to
/// [`parse`](fn@parse), byte order mark included. The position is that of the offending
/// character, or the end of the input for [`ParseErrorKind::UnexpectedEnd`]
/// and [`ParseErrorKind::Empty`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// What went wrong.
    pub kind: ParseErrorKind,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in chars.
    pub column: usize,
    /// Byte offset from the start of the input.
    pub offset: usize,
}

/// The kind of a [`ParseError`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The input is empty or whitespace only.
    Empty,
    /// The input ended inside a value (an unclosed string, array or object, a
    /// partial literal, or nothing after `[`, `,` or `:`).
    UnexpectedEnd,
    /// A character that cannot start a value (e.g. `'`, `N`, `+`), or a wrong
    /// character inside `true`, `false` or `null`.
    UnexpectedCharacter(char),
    /// A value was expected but a structural character (`,` `:` `]` `}`) was found,
    /// as in `[1,]` or `{"a":}`.
    ExpectedValue,
    /// No `:` after an object key.
    ExpectedColon,
    /// After an array element or object member, neither `,` nor the closing
    /// bracket followed.
    ExpectedCommaOrEnd,
    /// Something other than a string where an object key must be, as in `{1:2}` or `{"a":1,}`.
    ExpectedKey,
    /// A backslash in a string followed by a character that does not form an escape.
    InvalidEscape,
    /// `\u` not followed by four hexadecimal digits.
    InvalidUnicodeEscape,
    /// A `\u` escape of a UTF-16 surrogate that is not part of a valid pair.
    LoneSurrogate,
    /// A character below U+0020 inside a string (it must be escaped).
    ControlCharacterInString,
    /// A number that does not follow the grammar (e.g. `01`, `1.`, `-`, `1e+`).
    InvalidNumber,
    /// A number too large in magnitude for a double (such as `1e400`).
    NumberOutOfRange,
    /// Non-whitespace after the top-level value.
    TrailingCharacters,
    /// More arrays and objects nested than [`ParseOptions::max_depth`] allows;
    /// reported at the bracket that opened one level too many.
    TooDeep {
        /// The limit that was exceeded.
        max_depth: usize,
    },
}

impl fmt::Display for ParseErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseErrorKind::Empty => f.write_str("empty input, expected a JSON value"),
            ParseErrorKind::UnexpectedEnd => f.write_str("unexpected end of input"),
            // Quoted as `Debug` quotes it: control and invisible characters escaped.
            ParseErrorKind::UnexpectedCharacter(c) => {
                write!(f, "unexpected character {}", QuotedChar(*c))
            }
            ParseErrorKind::ExpectedValue => f.write_str("expected a value"),
            ParseErrorKind::ExpectedColon => f.write_str("expected ':' after an object key"),
            ParseErrorKind::ExpectedCommaOrEnd => f.write_str(
                "expected ',' or the closing bracket after an array element or object member",
            ),
            ParseErrorKind::ExpectedKey => f.write_str("expected a string as object key"),
            ParseErrorKind::InvalidEscape => f.write_str("invalid escape sequence in a string"),
            ParseErrorKind::InvalidUnicodeEscape => {
                f.write_str("invalid \\u escape in a string (expected four hexadecimal digits)")
            }
            ParseErrorKind::LoneSurrogate => {
                f.write_str("unpaired UTF-16 surrogate in a \\u escape")
            }
            ParseErrorKind::ControlCharacterInString => {
                f.write_str("unescaped control character in a string")
            }
            ParseErrorKind::InvalidNumber => f.write_str("invalid number"),
            ParseErrorKind::NumberOutOfRange => f.write_str("number out of range"),
            ParseErrorKind::TrailingCharacters => {
                f.write_str("trailing characters after the JSON value")
            }
            ParseErrorKind::TooDeep { max_depth } => {
                write!(f, "nesting deeper than {max_depth} levels")
            }
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {}, column {}",
            self.kind, self.line, self.column
        )
    }
}

impl std::error::Error for ParseError {}

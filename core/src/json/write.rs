//! The writers: canonical compact output and an indented form for people.

use std::borrow::Cow;
use std::slice;

use super::Value;

/// Writes `value` as compact JSON: no whitespace at all, members in their
/// order, numbers as their text, strings escaped as by [`write_string`].
///
/// For a value produced by [`parse`](fn@super::parse), `to_string` of the
/// re-parsed output gives the same text again (the output is canonical).
pub fn to_string(value: &Value<'_>) -> String {
    let mut out = String::with_capacity(128);
    write_value(value, &mut out);
    out
}

/// Appends `value` as compact JSON (as [`to_string`] does) to `out`.
pub fn write_value(value: &Value<'_>, out: &mut String) {
    write(value, out, Style::Compact);
}

/// Appends `value` as compact JSON in the spelling of the Report's JSON
/// (the one every binding gives, byte for byte): strings escape only `"`,
/// `\` and control characters below U+0020 (U+007F is written as it is),
/// and numbers are written as the Report reads them: an integer literal
/// that fits 64 bits in plain decimal, another finite number as the
/// shortest text of its nearest `f64` (as `serde_json` spells it), and a
/// number beyond the `f64` range as `null` (JSON output cannot carry it).
pub(crate) fn write_report_value(value: &Value<'_>, out: &mut String) {
    write(value, out, Style::Report);
}

/// The spelling of a number in the Report's JSON (see
/// [`write_report_value`]); `None` for a number beyond the `f64` range.
/// serde_json writes some floats with an explicit `+` in the exponent
/// (`1.8446744073709552e+19`); a Report read back holds the reader's
/// spelling of the same `f64` (`normalize`'s canonical numbers).
fn report_number(n: &super::Number<'_>) -> Option<String> {
    if let Some(i) = n.as_i64() {
        Some(i.to_string())
    } else if let Some(u) = n.as_u64() {
        Some(u.to_string())
    } else {
        // The float's text as serde_json writes it (its shortest
        // round-tripping form), so the Report's bytes are the same whichever
        // writer made them. Non-integers are rare in pools.
        let v = n.as_f64();
        v.is_finite().then(|| super::float::report_text(v))
    }
}

/// How [`write`] spells its output.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    /// [`to_string`].
    Compact,
    /// [`to_string_pretty`].
    Pretty,
    /// [`write_report_value`].
    Report,
}

/// Writes `value` as JSON indented by two spaces per level, with `": "`
/// between keys and values, empty arrays and objects as `[]` and `{}`, and no
/// trailing newline. Meant for people (the CLI), not for hashing.
pub fn to_string_pretty(value: &Value<'_>) -> String {
    let mut out = String::with_capacity(256);
    write(value, &mut out, Style::Pretty);
    out
}

/// `0` for bytes written as they are; otherwise the character after the
/// backslash (`u` meaning a `\u00XX` escape).
static ESCAPE: [u8; 256] = escapes(true);

/// [`ESCAPE`] for the Report's spelling, which writes U+007F as it is.
static REPORT_ESCAPE: [u8; 256] = escapes(false);

const fn escapes(delete: bool) -> [u8; 256] {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        table[i] = b'u';
        i += 1;
    }
    if delete {
        table[0x7F] = b'u';
    }
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table[0x08] = b'b';
    table[0x0C] = b'f';
    table[b'\n' as usize] = b'n';
    table[b'\r' as usize] = b'r';
    table[b'\t' as usize] = b't';
    table
}

/// Appends `s` as a JSON string literal, quotes included.
///
/// `"` and `\` are escaped with a backslash; U+0008, U+000C, LF, CR and TAB as
/// `\b`, `\f`, `\n`, `\r`, `\t`; other control characters below U+0020 and
/// U+007F as `\u00XX` with lowercase hex digits. Everything else, including
/// `/` and all non-ASCII characters, is written as literal UTF-8.
pub fn write_string(s: &str, out: &mut String) {
    write_string_with(s, out, &ESCAPE);
}

/// Appends `s` as a JSON string literal in the Report's spelling (see
/// [`write_report_value`]).
pub(crate) fn write_report_string(s: &str, out: &mut String) {
    write_string_with(s, out, &REPORT_ESCAPE);
}

fn write_string_with(s: &str, out: &mut String, table: &[u8; 256]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push('"');
    let escape_delete = table[0x7F] != 0;
    // Most strings need no escape: one pass over their words, without an
    // early exit, decides it.
    let mut words = bytes.chunks_exact(8);
    let mut special = 0;
    for word in words.by_ref() {
        special |= super::special_bytes(word, escape_delete);
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        let mut padded = [b'a'; 8];
        padded[..rest.len()].copy_from_slice(rest);
        special |= super::special_bytes(&padded, escape_delete);
    }
    if special == 0 {
        out.push_str(s);
        out.push('"');
        return;
    }
    let mut run_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time to the next byte that needs an escape; the
        // last few bytes padded with a letter to a word of their own.
        let special = match bytes.get(i..i + 8) {
            Some(chunk) => super::special_bytes(chunk, escape_delete),
            None => {
                let mut padded = [b'a'; 8];
                let rest = bytes.get(i..).unwrap_or(&[]);
                padded[..rest.len()].copy_from_slice(rest);
                super::special_bytes(&padded, escape_delete)
            }
        };
        if special == 0 {
            i += 8;
            continue;
        }
        // The lowest flagged byte is exact, and padding is never flagged.
        i += (special.trailing_zeros() / 8) as usize;
        let Some(&b) = bytes.get(i) else {
            break;
        };
        let escape = table[usize::from(b)];
        if escape != 0 {
            // `i` is an ASCII byte, so both ends of the run are char boundaries.
            out.push_str(s.get(run_start..i).unwrap_or(""));
            out.push('\\');
            if escape == b'u' {
                out.push_str("u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xF)]));
            } else {
                out.push(char::from(escape));
            }
            run_start = i + 1;
        }
        i += 1;
    }
    out.push_str(s.get(run_start..).unwrap_or(""));
    out.push('"');
}

/// The rest of an open container during writing.
enum Rest<'v, 'a> {
    Array(slice::Iter<'v, Value<'a>>),
    Object(slice::Iter<'v, (Cow<'a, str>, Value<'a>)>),
}

/// An open container during writing.
struct Open<'v, 'a> {
    rest: Rest<'v, 'a>,
    /// No element written yet (so no comma before the next one).
    first: bool,
}

fn newline_indent(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// Writes iteratively (an explicit stack), so any depth is fine.
fn write(value: &Value<'_>, out: &mut String, style: Style) {
    let pretty = style == Style::Pretty;
    let string = if style == Style::Report {
        write_report_string
    } else {
        write_string
    };
    let mut stack: Vec<Open<'_, '_>> = Vec::new();
    let mut current = value;
    loop {
        match current {
            Value::Null => out.push_str("null"),
            Value::Bool(true) => out.push_str("true"),
            Value::Bool(false) => out.push_str("false"),
            Value::Number(n) if style == Style::Report => match report_number(n) {
                Some(text) => out.push_str(&text),
                None => out.push_str("null"),
            },
            Value::Number(n) => out.push_str(n.as_str()),
            Value::String(s) => string(s, out),
            Value::Array(items) if items.is_empty() => out.push_str("[]"),
            Value::Object(members) if members.is_empty() => out.push_str("{}"),
            Value::Array(items) => {
                out.push('[');
                stack.push(Open {
                    rest: Rest::Array(items.iter()),
                    first: true,
                });
            }
            Value::Object(members) => {
                out.push('{');
                stack.push(Open {
                    rest: Rest::Object(members.iter()),
                    first: true,
                });
            }
        }
        // Find the next value to write, closing finished containers.
        loop {
            let depth = stack.len();
            let Some(top) = stack.last_mut() else {
                return;
            };
            let next = match &mut top.rest {
                Rest::Array(iter) => iter.next().map(|v| (None, v)),
                Rest::Object(iter) => iter.next().map(|(k, v)| (Some(k), v)),
            };
            match next {
                Some((key, v)) => {
                    if !std::mem::replace(&mut top.first, false) {
                        out.push(',');
                    }
                    if pretty {
                        newline_indent(out, depth);
                    }
                    if let Some(key) = key {
                        string(key, out);
                        out.push(':');
                        if pretty {
                            out.push(' ');
                        }
                    }
                    current = v;
                    break;
                }
                None => {
                    let close = match top.rest {
                        Rest::Array(_) => ']',
                        Rest::Object(_) => '}',
                    };
                    stack.pop();
                    if pretty {
                        newline_indent(out, depth - 1);
                    }
                    out.push(close);
                }
            }
        }
    }
}

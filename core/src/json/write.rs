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
    write(value, out, false);
}

/// Writes `value` as JSON indented by two spaces per level, with `": "`
/// between keys and values, empty arrays and objects as `[]` and `{}`, and no
/// trailing newline. Meant for people (the CLI), not for hashing.
pub fn to_string_pretty(value: &Value<'_>) -> String {
    let mut out = String::with_capacity(256);
    write(value, &mut out, true);
    out
}

/// `0` for bytes written as they are; otherwise the character after the
/// backslash (`u` meaning a `\u00XX` escape).
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        table[i] = b'u';
        i += 1;
    }
    table[0x7F] = b'u';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table[0x08] = b'b';
    table[0x0C] = b'f';
    table[b'\n' as usize] = b'n';
    table[b'\r' as usize] = b'r';
    table[b'\t' as usize] = b't';
    table
};

/// Appends `s` as a JSON string literal, quotes included.
///
/// `"` and `\` are escaped with a backslash; U+0008, U+000C, LF, CR and TAB as
/// `\b`, `\f`, `\n`, `\r`, `\t`; other control characters below U+0020 and
/// U+007F as `\u00XX` with lowercase hex digits. Everything else, including
/// `/` and all non-ASCII characters, is written as literal UTF-8.
pub fn write_string(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.reserve(s.len() + 2);
    out.push('"');
    let mut run_start = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let escape = ESCAPE[usize::from(b)];
        if escape == 0 {
            continue;
        }
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
fn write(value: &Value<'_>, out: &mut String, pretty: bool) {
    let mut stack: Vec<Open<'_, '_>> = Vec::new();
    let mut current = value;
    loop {
        match current {
            Value::Null => out.push_str("null"),
            Value::Bool(true) => out.push_str("true"),
            Value::Bool(false) => out.push_str("false"),
            Value::Number(n) => out.push_str(n.as_str()),
            Value::String(s) => write_string(s, out),
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
                        write_string(key, out);
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

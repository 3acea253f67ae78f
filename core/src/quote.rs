//! Quoting user text in messages.
//!
//! Messages name what the caller wrote (a member name, a map key, an app
//! id, a region) in quotation marks, escaped so that a reader sees exactly
//! which characters it holds: [`Quoted`] for text, [`QuotedChar`] for one
//! character.
//!
//! The spelling is Rust's `Debug` of a `str` (and of a `char`) for all
//! printable text and the usual escapes, so messages read as they always
//! have: `\"` (`\'` for a character), `\\`, `\n`, `\r`, `\t`, `\0`, and
//! `\u{..}` (lower-case hex, no leading zeros) for every other ASCII control
//! character and DEL. Beyond ASCII, `Debug` consults the Unicode tables of
//! the standard library (what is printable, what extends a grapheme); those
//! tables cost about 15 KB in the WebAssembly build, so a fixed list stands
//! in for them here. [`is_hidden`] writes as `\u{..}` the characters a reader
//! cannot see or tell apart from others, all of which `Debug` also escapes:
//!
//! * the C1 control characters, U+0080 to U+009F;
//! * the space separators other than the space (U+00A0, U+1680, U+2000 to
//!   U+200A, U+202F, U+205F, U+3000) and the line and paragraph separators
//!   (U+2028, U+2029);
//! * the format characters: U+00AD, U+0600 to U+0605, U+061C, U+06DD,
//!   U+070F, U+0890, U+0891, U+08E2, U+180E, U+200B to U+200F (zero-width
//!   space, joiners, direction marks), U+202A to U+202E and U+2066 to U+2069
//!   (bidirectional embeddings, overrides and isolates), U+2060 to U+206F
//!   (word joiner, invisible operators and the deprecated format
//!   characters), U+FEFF (byte order mark), U+FFF9 to U+FFFB, U+110BD,
//!   U+110CD, U+13430 to U+1343F, U+1BCA0 to U+1BCA3, U+1D173 to U+1D17A;
//! * the invisible variation selectors and joiners: U+034F, U+180B to
//!   U+180F, U+FE00 to U+FE0F;
//! * the private-use characters (U+E000 to U+F8FF) and the noncharacters
//!   (U+FDD0 to U+FDEF, and the last two code points of every plane);
//! * everything from U+40000 on: planes 4 to 13 are unassigned, plane 14
//!   holds only tags, variation selectors and format characters, planes
//!   15 and 16 are private use.
//!
//! Every other character is written as it is. Where `Debug` differs, it
//! escapes and this module does not: the visible combining marks (such as
//! U+0301 in a decomposed `é`) and code points below U+40000 that the
//! standard library's Unicode version leaves unassigned
//! (docs/DECISIONS.md, "Quoting user text in messages").

use std::fmt::{self, Write};

/// `text` in double quotation marks, escaped as described in the
/// [module documentation](self): `Quoted("a\"b")` displays as `"a\"b"`.
#[derive(Clone, Copy)]
pub(crate) struct Quoted<'a>(pub(crate) &'a str);

/// One character in single quotation marks, escaped as [`Quoted`] escapes
/// it except that `'` is escaped and `"` is not (as `Debug` of a `char`).
#[derive(Clone, Copy)]
pub(crate) struct QuotedChar(pub(crate) char);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        let text = self.0;
        let bytes = text.as_bytes();
        // Runs of characters written as they are go out in one piece;
        // ASCII is decided byte by byte, other characters once decoded.
        let mut run_start = 0;
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            let (c, len) = if byte.is_ascii() {
                if (0x20..0x7F).contains(&byte) && byte != b'"' && byte != b'\\' {
                    at += 1;
                    continue;
                }
                (char::from(byte), 1)
            } else {
                // `at` is a char boundary: runs only stop at whole chars.
                let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                if !is_hidden(c) {
                    at += c.len_utf8();
                    continue;
                }
                (c, c.len_utf8())
            };
            f.write_str(text.get(run_start..at).unwrap_or(""))?;
            write_escape(f, c)?;
            at += len;
            run_start = at;
        }
        f.write_str(text.get(run_start..).unwrap_or(""))?;
        f.write_char('"')
    }
}

impl fmt::Display for QuotedChar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.0;
        let escaped = if c.is_ascii() {
            c == '\'' || c == '\\' || c.is_ascii_control()
        } else {
            is_hidden(c)
        };
        f.write_char('\'')?;
        if escaped {
            write_escape(f, c)?;
        } else {
            f.write_char(c)?;
        }
        f.write_char('\'')
    }
}

/// Writes the escape of `c`: a backslash and a letter for the usual ones,
/// `\u{..}` for the rest.
fn write_escape(f: &mut fmt::Formatter<'_>, c: char) -> fmt::Result {
    let short = match c {
        '\0' => "\\0",
        '\t' => "\\t",
        '\r' => "\\r",
        '\n' => "\\n",
        '\\' => "\\\\",
        '"' => "\\\"",
        '\'' => "\\'",
        _ => "",
    };
    if !short.is_empty() {
        return f.write_str(short);
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let code = u32::from(c);
    f.write_str("\\u{")?;
    // A char has at most six hex digits; leading zeros are left out.
    let mut started = false;
    for shift in (0..6).rev().map(|digit| digit * 4) {
        let digit = (code >> shift) & 0xF;
        if digit != 0 || started || shift == 0 {
            started = true;
            f.write_char(char::from(HEX[digit as usize]))?;
        }
    }
    f.write_char('}')
}

/// Whether the non-ASCII character `c` is one a reader cannot see or tell
/// apart from another (the list in the [module documentation](self)).
pub(crate) fn is_hidden(c: char) -> bool {
    let code = u32::from(c);
    // The noncharacters at the end of every plane.
    if code & 0xFFFE == 0xFFFE {
        return true;
    }
    matches!(code,
        0x80..=0xA0
        | 0xAD
        | 0x34F
        | 0x600..=0x605
        | 0x61C
        | 0x6DD
        | 0x70F
        | 0x890..=0x891
        | 0x8E2
        | 0x1680
        | 0x180B..=0x180F
        | 0x2000..=0x200F
        | 0x2028..=0x202F
        | 0x205F..=0x206F
        | 0x3000
        | 0xE000..=0xF8FF
        | 0xFDD0..=0xFDEF
        | 0xFE00..=0xFE0F
        | 0xFEFF
        | 0xFFF9..=0xFFFB
        | 0x110BD
        | 0x110CD
        | 0x13430..=0x1343F
        | 0x1BCA0..=0x1BCA3
        | 0x1D173..=0x1D17A
        | 0x40000..)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn quoted(text: &str) -> String {
        Quoted(text).to_string()
    }

    #[test]
    fn ascii_is_quoted_as_debug_quotes_it() {
        for byte in 0u8..=0x7F {
            let c = char::from(byte);
            let text = format!("a{c}b");
            assert_eq!(quoted(&text), format!("{text:?}"), "U+{byte:04X}");
            assert_eq!(QuotedChar(c).to_string(), format!("{c:?}"), "U+{byte:04X}");
        }
        assert_eq!(quoted(""), "\"\"");
        assert_eq!(quoted("say \"hi\"\\n'"), r#""say \"hi\"\\n'""#);
        assert_eq!(
            quoted("\0\u{1}\u{1b}[2J\u{7f}"),
            r#""\0\u{1}\u{1b}[2J\u{7f}""#
        );
        assert_eq!(QuotedChar('\'').to_string(), r"'\''");
        assert_eq!(QuotedChar('"').to_string(), "'\"'");
    }

    /// Every character: where the two spellings differ, `Debug` escapes a
    /// character this module writes as it is, never the other way round, and
    /// only outside ASCII and the hidden list.
    #[test]
    #[cfg_attr(miri, ignore)]
    fn hidden_characters_are_a_subset_of_what_debug_escapes() {
        let mut differences = 0u32;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let text = c.to_string();
            let ours = quoted(&text);
            let debug = format!("{text:?}");
            if ours != debug {
                assert!(!c.is_ascii() && !is_hidden(c), "U+{:04X}", u32::from(c));
                assert_eq!(ours, format!("\"{c}\""), "U+{:04X}", u32::from(c));
                assert_eq!(debug, format!("\"\\u{{{:x}}}\"", u32::from(c)));
                differences += 1;
            }
            assert_eq!(QuotedChar(c).to_string() == format!("{c:?}"), ours == debug);
        }
        // Combining marks (about 1 800) and code points unassigned below
        // U+40000 (about 94 000 with Unicode 17, fewer with each version).
        assert!(differences < 100_000, "{differences} differences");
    }

    #[test]
    fn the_documented_differences_from_debug() {
        // A visible combining mark (a decomposed "é") is written as it is.
        assert_eq!(quoted("e\u{301}"), "\"e\u{301}\"");
        assert_eq!(format!("{:?}", "e\u{301}"), "\"e\\u{301}\"");
        // So is a code point this Unicode version leaves unassigned.
        assert_eq!(quoted("\u{378}"), "\"\u{378}\"");
        assert_eq!(format!("{:?}", "\u{378}"), "\"\\u{378}\"");
        // The hidden characters are escaped as Debug escapes them.
        for c in [
            '\u{80}',
            '\u{9f}',
            '\u{a0}',
            '\u{ad}',
            '\u{34f}',
            '\u{61c}',
            '\u{200b}',
            '\u{200d}',
            '\u{200f}',
            '\u{2028}',
            '\u{2029}',
            '\u{202e}',
            '\u{2060}',
            '\u{2066}',
            '\u{2069}',
            '\u{3000}',
            '\u{e000}',
            '\u{fdd0}',
            '\u{fe0f}',
            '\u{feff}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{1fffe}',
            '\u{e0001}',
            '\u{e0041}',
            '\u{e0100}',
            '\u{f0000}',
            '\u{10ffff}',
        ] {
            let text = format!("x{c}y");
            assert_eq!(quoted(&text), format!("{text:?}"), "U+{:04X}", u32::from(c));
            assert_eq!(
                quoted(&text),
                format!("\"x\\u{{{:x}}}y\"", u32::from(c)),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(if cfg!(miri) { 4 } else { 1024 }))]

        #[test]
        fn ascii_text_is_quoted_as_debug_quotes_it(text in "[\\x00-\\x7f]{0,40}") {
            prop_assert_eq!(quoted(&text), format!("{text:?}"));
        }

        /// Common text: ASCII, Latin-1, Greek, Cyrillic, Arabic, CJK,
        /// emoji, and the hidden characters people paste by accident.
        #[test]
        fn common_text_is_quoted_as_debug_quotes_it(
            text in "[\\x00-\\x7f\u{a0}-\u{ff}α-ωА-яء-ي一-鿋😀-🙏\u{200b}\u{200e}\u{2028}\u{feff}\u{fe0f}]{0,40}"
        ) {
            prop_assert_eq!(quoted(&text), format!("{text:?}"));
        }
    }
}

//! The parser: iterative, byte-oriented, zero-copy where possible.

use std::borrow::Cow;

use super::{Number, ParseError, ParseErrorKind, ParseOptions, Value};

/// Parses `text` as one JSON value (RFC 8259).
///
/// One leading byte order mark (U+FEFF) is skipped; any other deviation from
/// the grammar is an error, as is nesting arrays and objects deeper than
/// `options.max_depth`. Strings without escape sequences are borrowed from
/// `text`. Runs in time linear in `text.len()`, with memory proportional to
/// it, and never recurses.
pub fn parse<'a>(text: &'a str, options: &ParseOptions) -> Result<Value<'a>, ParseError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    parser.parse_document(options.max_depth.min(ParseOptions::MAX_DEPTH_CEILING))
}

/// `true` for bytes that may appear in a string without ending it or needing
/// attention: everything but `"`, `\` and control characters below 0x20.
/// Bytes of multi-byte UTF-8 sequences are all >= 0x80, so they are plain.
static PLAIN: [bool; 256] = {
    let mut table = [true; 256];
    let mut i = 0;
    while i < 0x20 {
        table[i] = false;
        i += 1;
    }
    table[b'"' as usize] = false;
    table[b'\\' as usize] = false;
    table
};

/// One open container on the explicit stack.
enum Frame<'a> {
    /// An array whose elements so far are `values[start..]`.
    Array { start: usize },
    /// An object whose members so far are `members[start..]`; `key` is the key
    /// of the member whose value is being parsed.
    Object { start: usize, key: Cow<'a, str> },
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// Byte offset of the next unread byte; always `<= bytes.len()` and on a
    /// char boundary whenever it is used to report an error or slice `text`.
    pos: usize,
}

/// How reading four hexadecimal digits failed.
enum HexError {
    End,
    Invalid,
}

impl<'a> Parser<'a> {
    fn parse_document(&mut self, max_depth: usize) -> Result<Value<'a>, ParseError> {
        if self.bytes.starts_with("\u{feff}".as_bytes()) {
            self.pos = 3;
        }
        self.skip_ws();
        if self.pos >= self.bytes.len() {
            return Err(self.error_at(ParseErrorKind::Empty, self.bytes.len()));
        }

        // Scratch stacks shared by all open containers: a closing bracket
        // moves its container's tail into an exactly sized Vec, so each
        // container costs one allocation. The initial capacities fit typical
        // small documents; they grow (amortised) for larger ones.
        let (mut frames, mut values, mut members) = match self.peek() {
            Some(b'[' | b'{') => (
                Vec::<Frame<'a>>::with_capacity(8),
                Vec::<Value<'a>>::with_capacity(16),
                Vec::<(Cow<'a, str>, Value<'a>)>::with_capacity(16),
            ),
            _ => (Vec::new(), Vec::new(), Vec::new()),
        };

        'value: loop {
            // Here `pos` is at the first byte of a value (whitespace skipped).
            let mut value = match self.peek() {
                None => return Err(self.error_at(ParseErrorKind::UnexpectedEnd, self.pos)),
                Some(b'"') => Value::String(self.parse_string()?),
                Some(b'-' | b'0'..=b'9') => Value::Number(self.parse_number()?),
                Some(b'[') => {
                    if frames.len() >= max_depth {
                        return Err(self.error_at(ParseErrorKind::TooDeep { max_depth }, self.pos));
                    }
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                        Value::Array(Vec::new())
                    } else {
                        frames.push(Frame::Array {
                            start: values.len(),
                        });
                        continue 'value;
                    }
                }
                Some(b'{') => {
                    if frames.len() >= max_depth {
                        return Err(self.error_at(ParseErrorKind::TooDeep { max_depth }, self.pos));
                    }
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek() == Some(b'}') {
                        self.pos += 1;
                        Value::Object(Vec::new())
                    } else {
                        let key = self.parse_key()?;
                        frames.push(Frame::Object {
                            start: members.len(),
                            key,
                        });
                        continue 'value;
                    }
                }
                Some(b't') => {
                    self.parse_literal(b"true")?;
                    Value::Bool(true)
                }
                Some(b'f') => {
                    self.parse_literal(b"false")?;
                    Value::Bool(false)
                }
                Some(b'n') => {
                    self.parse_literal(b"null")?;
                    Value::Null
                }
                Some(b',' | b':' | b']' | b'}') => {
                    return Err(self.error_at(ParseErrorKind::ExpectedValue, self.pos));
                }
                Some(_) => {
                    let c = self.char_at(self.pos);
                    return Err(self.error_at(ParseErrorKind::UnexpectedCharacter(c), self.pos));
                }
            };

            // Attach the finished value to its container; closing brackets
            // finish containers, so this may cascade up several levels.
            loop {
                match frames.last_mut() {
                    None => {
                        self.skip_ws();
                        if self.pos < self.bytes.len() {
                            return Err(self.error_at(ParseErrorKind::TrailingCharacters, self.pos));
                        }
                        return Ok(value);
                    }
                    Some(Frame::Array { start }) => {
                        values.push(value);
                        self.skip_ws();
                        match self.peek() {
                            Some(b',') => {
                                self.pos += 1;
                                self.skip_ws();
                                continue 'value;
                            }
                            Some(b']') => {
                                self.pos += 1;
                                let start = *start;
                                frames.pop();
                                value = Value::Array(take_tail(&mut values, start));
                            }
                            None => {
                                return Err(self.error_at(ParseErrorKind::UnexpectedEnd, self.pos));
                            }
                            Some(_) => {
                                return Err(
                                    self.error_at(ParseErrorKind::ExpectedCommaOrEnd, self.pos)
                                );
                            }
                        }
                    }
                    Some(Frame::Object { start, key }) => {
                        members.push((std::mem::take(key), value));
                        self.skip_ws();
                        match self.peek() {
                            Some(b',') => {
                                self.pos += 1;
                                *key = self.parse_key()?;
                                continue 'value;
                            }
                            Some(b'}') => {
                                self.pos += 1;
                                let start = *start;
                                frames.pop();
                                value = Value::Object(take_tail(&mut members, start));
                            }
                            None => {
                                return Err(self.error_at(ParseErrorKind::UnexpectedEnd, self.pos));
                            }
                            Some(_) => {
                                return Err(
                                    self.error_at(ParseErrorKind::ExpectedCommaOrEnd, self.pos)
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline]
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    /// The char starting at byte `offset` (which must be a char boundary), or
    /// U+FFFD if there is none.
    fn char_at(&self, offset: usize) -> char {
        self.text
            .get(offset..)
            .and_then(|rest| rest.chars().next())
            .unwrap_or(char::REPLACEMENT_CHARACTER)
    }

    /// Builds an error at byte `offset`, computing line and column (only on
    /// the error path, so the cost does not matter for valid input).
    #[cold]
    fn error_at(&self, kind: ParseErrorKind, offset: usize) -> ParseError {
        let offset = offset.min(self.bytes.len());
        let before = self.bytes.get(..offset).unwrap_or(self.bytes);
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let line_bytes = before.get(line_start..).unwrap_or(&[]);
        // Count chars by counting bytes that are not UTF-8 continuation bytes.
        let mut column = 1 + line_bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count();
        if line_start == 0 && offset >= 3 && self.bytes.starts_with("\u{feff}".as_bytes()) {
            column -= 1;
        }
        ParseError {
            kind,
            line,
            column,
            offset,
        }
    }

    /// Skips whitespace, parses an object key and the `:` after it, and
    /// skips whitespace again, leaving `pos` at the start of the member value.
    fn parse_key(&mut self) -> Result<Cow<'a, str>, ParseError> {
        self.skip_ws();
        let key = match self.peek() {
            Some(b'"') => self.parse_string()?,
            None => return Err(self.error_at(ParseErrorKind::UnexpectedEnd, self.pos)),
            Some(_) => return Err(self.error_at(ParseErrorKind::ExpectedKey, self.pos)),
        };
        self.skip_ws();
        match self.peek() {
            Some(b':') => self.pos += 1,
            None => return Err(self.error_at(ParseErrorKind::UnexpectedEnd, self.pos)),
            Some(_) => return Err(self.error_at(ParseErrorKind::ExpectedColon, self.pos)),
        }
        self.skip_ws();
        Ok(key)
    }

    /// Checks that `literal` follows at `pos` and skips it.
    fn parse_literal(&mut self, literal: &[u8]) -> Result<(), ParseError> {
        let rest = self.bytes.get(self.pos..).unwrap_or(&[]);
        if rest.starts_with(literal) {
            self.pos += literal.len();
            return Ok(());
        }
        for (i, &expected) in literal.iter().enumerate() {
            match rest.get(i) {
                None => return Err(self.error_at(ParseErrorKind::UnexpectedEnd, self.bytes.len())),
                Some(&b) if b == expected => {}
                Some(_) => {
                    // Everything before `i` matched ASCII, so `pos + i` is a char boundary.
                    let at = self.pos + i;
                    let c = self.char_at(at);
                    return Err(self.error_at(ParseErrorKind::UnexpectedCharacter(c), at));
                }
            }
        }
        // Unreachable: `starts_with` failed, so some byte differed or was missing.
        Err(self.error_at(ParseErrorKind::UnexpectedEnd, self.bytes.len()))
    }

    /// Parses a number at `pos`, keeping its text.
    fn parse_number(&mut self) -> Result<Number<'a>, ParseError> {
        let start = self.pos;
        match scan_number(self.bytes, start) {
            Ok(end) => {
                let raw = self.text.get(start..end).unwrap_or("0");
                // A number beyond the range of a double (`1e400`) has no
                // value any JSON reader can hold (serde_json refuses it,
                // JavaScript makes it Infinity): refused here too. Only
                // long or exponent numbers can overflow, so only those are
                // looked at, and only those from 1e308 on converted.
                if (raw.len() > 300 || raw.contains(['e', 'E']))
                    && !super::float::is_finite_number(raw)
                {
                    return Err(self.error_at(ParseErrorKind::NumberOutOfRange, start));
                }
                self.pos = end;
                Ok(Number::from_validated(Cow::Borrowed(raw)))
            }
            Err(at) => Err(self.error_at(ParseErrorKind::InvalidNumber, at)),
        }
    }

    /// Offset of the first byte at or after `from` that is not plain string
    /// content (or the end of the input).
    #[inline]
    fn plain_run_end(&self, from: usize) -> usize {
        let rest = self.bytes.get(from..).unwrap_or(&[]);
        let mut chunks = rest.chunks_exact(8);
        let mut offset = from;
        for chunk in chunks.by_ref() {
            let special = super::special_bytes(chunk, false);
            if special != 0 {
                return offset + (special.trailing_zeros() / 8) as usize;
            }
            offset += 8;
        }
        let tail = chunks.remainder();
        offset
            + tail
                .iter()
                .position(|&b| !PLAIN[usize::from(b)])
                .unwrap_or(tail.len())
    }

    /// Parses a string whose opening quote is at `pos`.
    fn parse_string(&mut self) -> Result<Cow<'a, str>, ParseError> {
        let start = self.pos + 1;
        let mut i = self.plain_run_end(start);
        match self.bytes.get(i) {
            Some(b'"') => {
                self.pos = i + 1;
                // `start` and `i` are next to ASCII bytes, hence char boundaries.
                let s = self.text.get(start..i).unwrap_or("");
                return Ok(Cow::Borrowed(s));
            }
            Some(b'\\') => {}
            Some(_) => return Err(self.error_at(ParseErrorKind::ControlCharacterInString, i)),
            None => return Err(self.error_at(ParseErrorKind::UnexpectedEnd, i)),
        }

        // Slow path: there is at least one escape sequence.
        let mut out = String::with_capacity(i - start + 16);
        out.push_str(self.text.get(start..i).unwrap_or(""));
        loop {
            // Here `bytes[i]` is not plain: a quote, a backslash or a control char.
            match self.bytes.get(i) {
                Some(b'"') => {
                    self.pos = i + 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    i = self.parse_escape(i, &mut out)?;
                }
                Some(_) => return Err(self.error_at(ParseErrorKind::ControlCharacterInString, i)),
                None => return Err(self.error_at(ParseErrorKind::UnexpectedEnd, i)),
            }
            let run_start = i;
            i = self.plain_run_end(i);
            out.push_str(self.text.get(run_start..i).unwrap_or(""));
        }
    }

    /// Decodes the escape sequence whose backslash is at `at`, appends it to
    /// `out` and returns the offset just after it.
    fn parse_escape(&self, at: usize, out: &mut String) -> Result<usize, ParseError> {
        let c = match self.bytes.get(at + 1) {
            None => return Err(self.error_at(ParseErrorKind::UnexpectedEnd, self.bytes.len())),
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => return self.parse_unicode_escape(at, out),
            Some(_) => return Err(self.error_at(ParseErrorKind::InvalidEscape, at)),
        };
        out.push(c);
        Ok(at + 2)
    }

    /// Decodes `\uXXXX` (and a following low surrogate escape if the first
    /// is a high surrogate) whose backslash is at `at`.
    fn parse_unicode_escape(&self, at: usize, out: &mut String) -> Result<usize, ParseError> {
        let first = self.hex4(at + 2).map_err(|e| self.hex_error(e, at))?;
        let code = match first {
            0xD800..=0xDBFF => {
                // A high surrogate must be followed by `\u` and a low surrogate.
                let next = at + 6;
                match (self.bytes.get(next), self.bytes.get(next + 1)) {
                    (Some(b'\\'), Some(b'u')) => {}
                    (None, _) | (Some(b'\\'), None) => {
                        return Err(self.error_at(ParseErrorKind::UnexpectedEnd, self.bytes.len()));
                    }
                    _ => return Err(self.error_at(ParseErrorKind::LoneSurrogate, at)),
                }
                let second = self.hex4(next + 2).map_err(|e| self.hex_error(e, next))?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error_at(ParseErrorKind::LoneSurrogate, at));
                }
                let c =
                    0x10000 + ((u32::from(first) - 0xD800) << 10) + (u32::from(second) - 0xDC00);
                out.push(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
                return Ok(at + 12);
            }
            0xDC00..=0xDFFF => return Err(self.error_at(ParseErrorKind::LoneSurrogate, at)),
            code => code,
        };
        out.push(char::from_u32(u32::from(code)).unwrap_or(char::REPLACEMENT_CHARACTER));
        Ok(at + 6)
    }

    fn hex_error(&self, e: HexError, backslash: usize) -> ParseError {
        match e {
            HexError::End => self.error_at(ParseErrorKind::UnexpectedEnd, self.bytes.len()),
            HexError::Invalid => self.error_at(ParseErrorKind::InvalidUnicodeEscape, backslash),
        }
    }

    /// Reads four hexadecimal digits at `from`.
    fn hex4(&self, from: usize) -> Result<u16, HexError> {
        let mut v: u16 = 0;
        for k in 0..4 {
            let digit = match self.bytes.get(from + k) {
                None => return Err(HexError::End),
                Some(&b @ b'0'..=b'9') => b - b'0',
                Some(&b @ b'a'..=b'f') => b - b'a' + 10,
                Some(&b @ b'A'..=b'F') => b - b'A' + 10,
                Some(_) => return Err(HexError::Invalid),
            };
            v = (v << 4) | u16::from(digit);
        }
        Ok(v)
    }
}

/// Moves `scratch[start..]` into a new, exactly sized `Vec`, keeping the
/// scratch buffer. (`Vec::split_off(0)` would hand out the whole scratch
/// buffer, excess capacity included, and allocate a new one as large: with
/// nesting, that multiplies memory use.)
#[inline]
fn take_tail<T>(scratch: &mut Vec<T>, start: usize) -> Vec<T> {
    if start == 0 {
        let mut tail = Vec::with_capacity(scratch.len());
        tail.append(scratch);
        tail
    } else {
        scratch.split_off(start)
    }
}

/// Scans the RFC 8259 `number` production starting at `start`.
///
/// Returns the offset just past the number, or the offset of the first byte
/// (or the end of input) where the grammar is violated. A digit right after a
/// leading `0` is reported as a violation (leading zeros are not allowed),
/// rather than ending the number there.
pub(crate) fn scan_number(bytes: &[u8], start: usize) -> Result<usize, usize> {
    let is_digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let skip_digits = |mut i: usize| {
        while is_digit(i) {
            i += 1;
        }
        i
    };
    let mut i = start;
    if bytes.get(i) == Some(&b'-') {
        i += 1;
    }
    match bytes.get(i) {
        Some(b'0') => {
            i += 1;
            if is_digit(i) {
                return Err(i);
            }
        }
        Some(b'1'..=b'9') => i = skip_digits(i + 1),
        _ => return Err(i),
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        if !is_digit(i) {
            return Err(i);
        }
        i = skip_digits(i);
    }
    if let Some(b'e' | b'E') = bytes.get(i) {
        i += 1;
        if let Some(b'+' | b'-') = bytes.get(i) {
            i += 1;
        }
        if !is_digit(i) {
            return Err(i);
        }
        i = skip_digits(i);
    }
    Ok(i)
}

/// True when the whole of `text` is one JSON number.
#[cfg(test)]
pub(crate) fn is_valid_number(text: &str) -> bool {
    scan_number(text.as_bytes(), 0) == Ok(text.len())
}

//! A small positioned JSON reader (RFC 8259, strict).
//!
//! The core's JSON reader gives errors a line and column but its values
//! carry no positions; templates need both, so this reader builds a
//! [`Node`] tree where every value and every key keeps its span. Columns
//! count characters. Nesting is limited to [`MAX_DEPTH`]; a repeated key is
//! reported (`template_syntax`) and its later value dropped.

use crate::tree::{Document, MAX_DEPTH, Member, Node, Pos, ReadError, ReadIssue, Span, Value};

/// Read a JSON text into a positioned tree.
pub fn read(text: &str) -> Result<Document, ReadError> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        text,
        at: 0,
        line: 1,
        column: 1,
        path: Vec::new(),
        issues: Vec::new(),
    };
    if text.starts_with('\u{feff}') {
        reader.at = 3;
    }
    reader.skip_ws();
    let root = reader.value(0)?;
    reader.skip_ws();
    if reader.at < reader.bytes.len() {
        return Err(reader.error("unexpected text after the JSON value"));
    }
    Ok(Document {
        root,
        issues: reader.issues,
    })
}

struct Reader<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
    line: u32,
    column: u32,
    path: Vec<String>,
    issues: Vec<ReadIssue>,
}

impl Reader<'_> {
    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            column: self.column,
        }
    }

    fn error(&self, message: &str) -> ReadError {
        ReadError {
            message: format!("invalid JSON: {message}"),
            pos: self.pos(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Advance over one byte, keeping line and character column.
    fn bump(&mut self) {
        let Some(&b) = self.bytes.get(self.at) else {
            return;
        };
        self.at += 1;
        if b == b'\n' {
            self.line = self.line.saturating_add(1);
            self.column = 1;
        } else if b & 0xC0 != 0x80 {
            self.column = self.column.saturating_add(1);
        }
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.bump();
        }
    }

    fn expect(&mut self, byte: u8, what: &str) -> Result<(), ReadError> {
        if self.peek() == Some(byte) {
            self.bump();
            Ok(())
        } else {
            Err(self.error(&format!("expected {what}")))
        }
    }

    fn pointer(&self) -> String {
        self.path
            .iter()
            .map(|t| crate::tree::child_pointer("", t))
            .collect()
    }

    fn value(&mut self, depth: usize) -> Result<Node, ReadError> {
        let start = self.pos();
        let value = match self.peek() {
            Some(b'{') => {
                if depth >= MAX_DEPTH {
                    return Err(self.error(&format!("nested deeper than {MAX_DEPTH} levels")));
                }
                self.object(depth)?
            }
            Some(b'[') => {
                if depth >= MAX_DEPTH {
                    return Err(self.error(&format!("nested deeper than {MAX_DEPTH} levels")));
                }
                self.array(depth)?
            }
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.word("true", Value::Bool(true))?,
            Some(b'f') => self.word("false", Value::Bool(false))?,
            Some(b'n') => self.word("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            Some(_) => return Err(self.error("expected a value")),
            None => return Err(self.error("unexpected end of input")),
        };
        Ok(Node::new(
            value,
            Span {
                start,
                end: self.pos(),
            },
        ))
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, ReadError> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            for _ in 0..word.len() {
                self.bump();
            }
            Ok(value)
        } else {
            Err(self.error("expected a value"))
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, ReadError> {
        self.bump();
        let mut members: Vec<Member> = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.bump();
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a string key"));
            }
            let key_start = self.pos();
            let key = self.string()?;
            let key_span = Span {
                start: key_start,
                end: self.pos(),
            };
            self.skip_ws();
            self.expect(b':', "':' after a key")?;
            self.skip_ws();
            self.path.push(key.clone());
            let value = self.value(depth + 1)?;
            let pointer = self.pointer();
            self.path.pop();
            if members.iter().any(|m| m.key == key) {
                self.issues.push(ReadIssue {
                    code: "template_syntax",
                    message: format!(
                        "The key {key:?} is repeated in this object; the first one is used."
                    ),
                    pointer,
                    span: key_span,
                });
            } else {
                members.push(Member {
                    key,
                    key_span,
                    value,
                });
            }
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.bump(),
                Some(b'}') => {
                    self.bump();
                    return Ok(Value::Object(members));
                }
                _ => return Err(self.error("expected ',' or '}'")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, ReadError> {
        self.bump();
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.bump();
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            self.path.push(items.len().to_string());
            let item = self.value(depth + 1)?;
            self.path.pop();
            items.push(item);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.bump(),
                Some(b']') => {
                    self.bump();
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.error("expected ',' or ']'")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, ReadError> {
        let mut code = 0u32;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(b @ b'0'..=b'9') => u32::from(b - b'0'),
                Some(b @ b'a'..=b'f') => u32::from(b - b'a' + 10),
                Some(b @ b'A'..=b'F') => u32::from(b - b'A' + 10),
                _ => return Err(self.error("expected four hexadecimal digits after \\u")),
            };
            code = code * 16 + digit;
            self.bump();
        }
        Ok(code)
    }

    fn string(&mut self) -> Result<String, ReadError> {
        self.bump();
        let mut out = String::new();
        loop {
            let run_start = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.bump();
            }
            out.push_str(&self.text[run_start..self.at]);
            match self.peek() {
                Some(b'"') => {
                    self.bump();
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.bump();
                    let escaped = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.bump();
                            let high = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&high) {
                                if !self.bytes[self.at..].starts_with(b"\\u") {
                                    return Err(self.error("unpaired surrogate escape"));
                                }
                                self.bump();
                                self.bump();
                                let low = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return Err(self.error("unpaired surrogate escape"));
                                }
                                0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                high
                            };
                            match char::from_u32(code) {
                                Some(c) => {
                                    out.push(c);
                                    continue;
                                }
                                None => return Err(self.error("unpaired surrogate escape")),
                            }
                        }
                        _ => return Err(self.error("invalid escape sequence")),
                    };
                    self.bump();
                    out.push(escaped);
                }
                Some(_) => return Err(self.error("control character in a string")),
                None => return Err(self.error("unterminated string")),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let mut n = 0;
        while let Some(b'0'..=b'9') = self.peek() {
            self.bump();
            n += 1;
        }
        n
    }

    fn number(&mut self) -> Result<String, ReadError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.bump();
        }
        match self.peek() {
            Some(b'0') => {
                self.bump();
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.error("leading zero in a number"));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.error("expected a digit")),
        }
        if self.peek() == Some(b'.') {
            self.bump();
            if self.digits() == 0 {
                return Err(self.error("expected a digit after '.'"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.bump();
            if let Some(b'+' | b'-') = self.peek() {
                self.bump();
            }
            if self.digits() == 0 {
                return Err(self.error("expected a digit in the exponent"));
            }
        }
        Ok(self.text[start..self.at].to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_count_characters_and_lines() {
        let doc = read("{\n  \"é\": \"ü\",\n  \"b\": [1, true]\n}").unwrap();
        let (node, key) = doc.root.at_pointer("/é").unwrap();
        assert_eq!(node.span.start, Pos { line: 2, column: 8 });
        assert_eq!(
            node.span.end,
            Pos {
                line: 2,
                column: 11
            }
        );
        assert_eq!(key.unwrap().start, Pos { line: 2, column: 3 });
        let (node, _) = doc.root.at_pointer("/b/1").unwrap();
        assert_eq!(node.value, Value::Bool(true));
        assert_eq!(
            node.span.start,
            Pos {
                line: 3,
                column: 12
            }
        );
    }

    #[test]
    fn repeated_keys_are_reported_and_the_first_kept() {
        let doc = read(r#"{"a": 1, "a": 2}"#).unwrap();
        assert_eq!(doc.issues.len(), 1);
        assert_eq!(doc.issues[0].pointer, "/a");
        assert_eq!(doc.root.get("a").unwrap().value, Value::Number("1".into()));
    }

    #[test]
    fn errors_carry_positions() {
        let err = read("{\n  \"a\": tru }").unwrap_err();
        assert_eq!(err.pos.line, 2);
        assert_eq!(read("[1,]").unwrap_err().pos.column, 4);
        assert!(read("01").is_err());
        assert!(read("\"\\ud800\"").is_err());
        assert_eq!(
            read("\"\\ud83d\\ude00\"").unwrap().root.as_str(),
            Some("\u{1f600}")
        );
    }

    #[test]
    fn depth_is_limited() {
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(read(&deep).unwrap_err().message.contains("deeper"));
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(read(&ok).is_ok());
    }
}

//! The positioned document tree both readers (JSON and YAML) produce.
//!
//! Every value keeps the span of its text, so an issue found anywhere in a
//! translated resource can point back at the template.

use serde::Serialize;

/// A position in a text: 1-based line, 1-based column counted in
/// characters (Unicode scalar values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

impl Pos {
    /// Line 1, column 1.
    pub const START: Pos = Pos { line: 1, column: 1 };
}

/// The text a value occupies: `start` is its first character, `end` the
/// position just after its last character (exclusive, as SARIF regions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// First character.
    pub start: Pos,
    /// Just after the last character.
    pub end: Pos,
}

impl Span {
    /// An empty span at one position.
    pub fn at(pos: Pos) -> Span {
        Span {
            start: pos,
            end: pos,
        }
    }
}

/// A value of a template with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where it is written.
    pub span: Span,
    /// For a YAML plain scalar that YAML 1.1 (CloudFormation's dialect)
    /// reads as a boolean but YAML 1.2 as text (`yes`, `no`, `on`, `off`):
    /// the word as written. The value is already the boolean.
    pub yaml11_word: Option<String>,
}

/// One member of an object, with the span of its key.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The key.
    pub key: String,
    /// Where the key is written.
    pub key_span: Span,
    /// The value.
    pub value: Node,
}

/// A template value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null` (or an empty YAML scalar).
    Null,
    /// A boolean.
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string.
    String(String),
    /// A sequence.
    Array(Vec<Node>),
    /// A mapping; keys are unique (readers report repeats and keep the first).
    Object(Vec<Member>),
}

impl Node {
    /// A node without the YAML 1.1 mark.
    pub fn new(value: Value, span: Span) -> Node {
        Node {
            value,
            span,
            yaml11_word: None,
        }
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.member(key).map(|m| &m.value)
    }

    /// The member `key` of an object, with its key span.
    pub fn member(&self, key: &str) -> Option<&Member> {
        match &self.value {
            Value::Object(members) => members.iter().find(|m| m.key == key),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.value {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The node at an RFC 6901 JSON Pointer, and the span of the key that
    /// leads to it (none for the root or an array element).
    pub fn at_pointer(&self, pointer: &str) -> Option<(&Node, Option<Span>)> {
        if pointer.is_empty() {
            return Some((self, None));
        }
        let rest = pointer.strip_prefix('/')?;
        let mut node = self;
        let mut key_span = None;
        for token in rest.split('/') {
            let token = unescape_token(token);
            match &node.value {
                Value::Object(members) => {
                    let member = members.iter().find(|m| m.key == token)?;
                    key_span = Some(member.key_span);
                    node = &member.value;
                }
                Value::Array(items) => {
                    if token.len() > 1 && token.starts_with('0') {
                        return None;
                    }
                    let index: usize = token.parse().ok()?;
                    node = items.get(index)?;
                    key_span = None;
                }
                _ => return None,
            }
        }
        Some((node, key_span))
    }
}

/// Escape one reference token of a JSON Pointer (`~` → `~0`, `/` → `~1`).
pub fn escape_token(token: &str) -> String {
    if token.contains(['~', '/']) {
        token.replace('~', "~0").replace('/', "~1")
    } else {
        token.to_string()
    }
}

/// Undo [`escape_token`].
pub fn unescape_token(token: &str) -> String {
    if token.contains('~') {
        token.replace("~1", "/").replace("~0", "~")
    } else {
        token.to_string()
    }
}

/// `base` followed by one more reference token.
pub fn child_pointer(base: &str, token: &str) -> String {
    let mut pointer = String::with_capacity(base.len() + token.len() + 1);
    pointer.push_str(base);
    pointer.push('/');
    pointer.push_str(&escape_token(token));
    pointer
}

/// A problem a reader found that does not stop reading (a repeated key, a
/// YAML alias): the code, a sentence, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadIssue {
    /// `template_syntax` or `unsupported_yaml`.
    pub code: &'static str,
    /// One sentence.
    pub message: String,
    /// JSON Pointer to the value (or key) in the template.
    pub pointer: String,
    /// Where it is written.
    pub span: Span,
}

/// Reading failed: nothing was read.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadError {
    /// One sentence.
    pub message: String,
    /// Where reading stopped.
    pub pos: Pos,
}

/// A successfully read document and the problems met on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The root value.
    pub root: Node,
    /// Problems that did not stop reading.
    pub issues: Vec<ReadIssue>,
}

/// Deepest nesting either reader accepts.
pub const MAX_DEPTH: usize = 128;

//! The YAML reader: CloudFormation's dialect over `saphyr-parser` events.
//!
//! CloudFormation reads YAML 1.1 without aliases, merge keys or the
//! `binary`/`omap`/`pairs`/`set`/`timestamp` tags (AWS CloudFormation User
//! Guide, "Template formats"). `saphyr-parser` is a YAML 1.2 parser that
//! keeps tags, scalar styles and spans, so this module resolves plain
//! scalars the YAML 1.1 way itself, turns the short-form tags (`!Ref`,
//! `!GetAtt`, ...) into their long forms, and refuses aliases and merge keys
//! with `unsupported_yaml`. Building the tree is iterative; nesting is
//! limited to [`MAX_DEPTH`].

use crate::tree::{
    Document, MAX_DEPTH, Member, Node, Pos, ReadError, ReadIssue, Span, Value, child_pointer,
};
use saphyr_parser::{Event, Marker, Parser, ScalarStyle, Tag};

/// Short-form tags and the long form each stands for.
const SHORT_FORMS: &[(&str, &str)] = &[
    ("Ref", "Ref"),
    ("Condition", "Condition"),
    ("GetAtt", "Fn::GetAtt"),
    ("Sub", "Fn::Sub"),
    ("Join", "Fn::Join"),
    ("If", "Fn::If"),
    ("Select", "Fn::Select"),
    ("Split", "Fn::Split"),
    ("FindInMap", "Fn::FindInMap"),
    ("ImportValue", "Fn::ImportValue"),
    ("Base64", "Fn::Base64"),
    ("GetAZs", "Fn::GetAZs"),
    ("Equals", "Fn::Equals"),
    ("And", "Fn::And"),
    ("Or", "Fn::Or"),
    ("Not", "Fn::Not"),
    ("Cidr", "Fn::Cidr"),
    ("Transform", "Fn::Transform"),
    ("Length", "Fn::Length"),
    ("ToJsonString", "Fn::ToJsonString"),
    ("GetStackOutput", "Fn::GetStackOutput"),
];

fn pos(marker: &Marker) -> Pos {
    Pos {
        line: u32::try_from(marker.line()).unwrap_or(u32::MAX),
        column: u32::try_from(marker.col()).unwrap_or(u32::MAX - 1) + 1,
    }
}

fn span(s: &saphyr_parser::Span) -> Span {
    Span {
        start: pos(&s.start),
        end: pos(&s.end),
    }
}

enum Frame {
    Seq {
        start: Span,
        tag: Option<Tag>,
        items: Vec<Node>,
    },
    Map {
        start: Span,
        tag: Option<Tag>,
        members: Vec<Member>,
        /// The key read, waiting for its value; `None` for a key that is
        /// dropped (a merge key, a repeated key, a collection key).
        key: Option<Option<(String, Span)>>,
    },
}

struct Builder {
    stack: Vec<Frame>,
    issues: Vec<ReadIssue>,
    root: Option<Node>,
    documents: usize,
}

/// Read a YAML text into a positioned tree.
pub fn read(text: &str) -> Result<Document, ReadError> {
    let mut builder = Builder {
        stack: Vec::new(),
        issues: Vec::new(),
        root: None,
        documents: 0,
    };
    for event in Parser::new_from_str(text) {
        let (event, event_span) = event.map_err(|e| ReadError {
            message: format!("invalid YAML: {}", e.info()),
            pos: pos(e.marker()),
        })?;
        let at = span(&event_span);
        match event {
            Event::DocumentStart(_) => {
                builder.documents += 1;
                if builder.documents > 1 {
                    return Err(ReadError {
                        message: "a template is one YAML document; this text holds several"
                            .to_string(),
                        pos: at.start,
                    });
                }
            }
            Event::Scalar(text, style, _anchor, tag) => {
                let node = builder.scalar(&text, style, tag.map(|t| t.into_owned()), at);
                builder.push(node, true)?;
            }
            Event::Alias(_) => {
                let pointer = builder.pointer();
                builder.issues.push(ReadIssue {
                    code: "unsupported_yaml",
                    message:
                        "CloudFormation does not accept YAML aliases (*name); write the value out."
                            .to_string(),
                    pointer,
                    span: at,
                });
                builder.push(Node::new(Value::Null, at), true)?;
            }
            Event::SequenceStart(_, tag) => {
                if builder.stack.len() >= MAX_DEPTH {
                    return Err(too_deep(at.start));
                }
                builder.check_key_is_scalar(at);
                builder.stack.push(Frame::Seq {
                    start: at,
                    tag: tag.map(|t| t.into_owned()),
                    items: Vec::new(),
                });
            }
            Event::MappingStart(_, tag) => {
                if builder.stack.len() >= MAX_DEPTH {
                    return Err(too_deep(at.start));
                }
                builder.check_key_is_scalar(at);
                builder.stack.push(Frame::Map {
                    start: at,
                    tag: tag.map(|t| t.into_owned()),
                    members: Vec::new(),
                    key: None,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match builder.stack.pop() {
                    Some(Frame::Seq { start, tag, items }) => {
                        let end = end_of(start, at, items.last().map(|n| n.span));
                        let node = Node::new(
                            Value::Array(items),
                            Span {
                                start: start.start,
                                end,
                            },
                        );
                        builder.tagged(node, tag)
                    }
                    Some(Frame::Map {
                        start,
                        tag,
                        members,
                        ..
                    }) => {
                        let end = end_of(start, at, members.last().map(|m| m.value.span));
                        let node = Node::new(
                            Value::Object(members),
                            Span {
                                start: start.start,
                                end,
                            },
                        );
                        builder.tagged(node, tag)
                    }
                    None => continue,
                };
                builder.push(node, false)?;
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
    }
    let root = builder.root.ok_or(ReadError {
        message: "the YAML text is empty".to_string(),
        pos: Pos::START,
    })?;
    Ok(Document {
        root,
        issues: builder.issues,
    })
}

fn too_deep(at: Pos) -> ReadError {
    ReadError {
        message: format!("invalid YAML: nested deeper than {MAX_DEPTH} levels"),
        pos: at,
    }
}

/// A collection ends after its closing bracket in flow style; in block
/// style the end event sits at the next line, so the last child's end is
/// used instead.
fn end_of(start: Span, end_event: Span, last_child: Option<Span>) -> Pos {
    if end_event.start != end_event.end {
        end_event.end
    } else if let Some(child) = last_child {
        child.end
    } else {
        start.end
    }
}

/// YAML 1.1 resolution of a plain scalar, as PyYAML's resolver (which
/// CloudFormation's own tools use) reads it.
fn resolve_plain(text: &str) -> (Value, Option<String>) {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => (Value::Null, None),
        "true" | "True" | "TRUE" => (Value::Bool(true), None),
        "false" | "False" | "FALSE" => (Value::Bool(false), None),
        "yes" | "Yes" | "YES" | "on" | "On" | "ON" => (Value::Bool(true), Some(text.to_string())),
        "no" | "No" | "NO" | "off" | "Off" | "OFF" => (Value::Bool(false), Some(text.to_string())),
        _ if is_json_number(text) => (Value::Number(text.to_string()), None),
        _ => (Value::String(text.to_string()), None),
    }
}

/// True for text in the JSON number grammar (RFC 8259), which YAML 1.1
/// also reads as a number.
pub(crate) fn is_json_number(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    if b.first() == Some(&b'-') {
        i += 1;
    }
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            while let Some(b'0'..=b'9') = b.get(i) {
                i += 1;
            }
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        let s = i;
        while let Some(b'0'..=b'9') = b.get(i) {
            i += 1;
        }
        if i == s {
            return false;
        }
    }
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        if let Some(b'+' | b'-') = b.get(i) {
            i += 1;
        }
        let s = i;
        while let Some(b'0'..=b'9') = b.get(i) {
            i += 1;
        }
        if i == s {
            return false;
        }
    }
    i == b.len()
}

impl Builder {
    /// JSON Pointer of the value being read now.
    fn pointer(&self) -> String {
        let mut pointer = String::new();
        for frame in &self.stack {
            match frame {
                Frame::Seq { items, .. } => {
                    pointer = child_pointer(&pointer, &items.len().to_string())
                }
                Frame::Map { key, .. } => {
                    if let Some(Some((k, _))) = key {
                        pointer = child_pointer(&pointer, k);
                    }
                }
            }
        }
        pointer
    }

    /// A collection used as a mapping key: CloudFormation keys are strings.
    fn check_key_is_scalar(&mut self, at: Span) {
        if let Some(Frame::Map { key: None, .. }) = self.stack.last() {
            let pointer = self.pointer();
            self.issues.push(ReadIssue {
                code: "template_syntax",
                message: "A mapping key must be a string, not a collection.".to_string(),
                pointer,
                span: at,
            });
        }
    }

    fn scalar(&mut self, text: &str, style: ScalarStyle, tag: Option<Tag>, at: Span) -> Node {
        let core = tag
            .as_ref()
            .filter(|t| t.is_yaml_core_schema() || t.handle == "!!");
        let (value, word) = match (style, core.map(|t| t.suffix.as_str())) {
            (_, Some("str")) => (Value::String(text.to_string()), None),
            (ScalarStyle::Plain, _) => resolve_plain(text),
            _ => (Value::String(text.to_string()), None),
        };
        let node = Node {
            value,
            span: at,
            yaml11_word: word,
        };
        self.tagged(node, tag)
    }

    /// Apply a tag: short forms become their long form; core-schema tags
    /// CloudFormation accepts are kept; anything else is refused.
    fn tagged(&mut self, node: Node, tag: Option<Tag>) -> Node {
        let Some(tag) = tag else {
            return node;
        };
        if tag.is_yaml_core_schema() || tag.handle == "!!" {
            if matches!(
                tag.suffix.as_str(),
                "str" | "int" | "float" | "bool" | "null" | "map" | "seq"
            ) {
                return node;
            }
        } else if tag.handle == "!"
            && let Some((_, long)) = SHORT_FORMS.iter().find(|(s, _)| *s == tag.suffix)
        {
            let span = node.span;
            let argument = match (&node.value, *long) {
                (Value::String(s), "Fn::GetAtt") => match s.split_once('.') {
                    Some((resource, attribute)) => Node::new(
                        Value::Array(vec![
                            Node::new(Value::String(resource.to_string()), span),
                            Node::new(Value::String(attribute.to_string()), span),
                        ]),
                        span,
                    ),
                    None => node,
                },
                _ => node,
            };
            return Node::new(
                Value::Object(vec![Member {
                    key: long.to_string(),
                    key_span: span,
                    value: argument,
                }]),
                span,
            );
        }
        let pointer = self.pointer();
        self.issues.push(ReadIssue {
            code: "unsupported_yaml",
            message: format!("CloudFormation does not accept the YAML tag {tag}."),
            pointer,
            span: node.span,
        });
        node
    }

    /// Attach a finished node to its parent (or make it the root).
    fn push(&mut self, node: Node, scalar: bool) -> Result<(), ReadError> {
        let base = self.pointer();
        let issues = &mut self.issues;
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { members, key, .. }) => match key.take() {
                None => {
                    // This node is a key.
                    let name = match (&node.value, scalar) {
                        (Value::String(s) | Value::Number(s), true) => Some(s.clone()),
                        (Value::Bool(b), true) => {
                            Some(node.yaml11_word.clone().unwrap_or_else(|| b.to_string()))
                        }
                        (Value::Null, true) => Some(String::new()),
                        _ => None,
                    };
                    *key = Some(match name {
                        Some(name) if name == "<<" && node.yaml11_word.is_none() => {
                            issues.push(ReadIssue {
                                code: "unsupported_yaml",
                                message: "CloudFormation does not accept YAML merge keys (<<); write the members out.".to_string(),
                                pointer: child_pointer(&base, &name),
                                span: node.span,
                            });
                            None
                        }
                        Some(name) if members.iter().any(|m| m.key == name) => {
                            issues.push(ReadIssue {
                                code: "template_syntax",
                                message: format!(
                                    "The key {name:?} is repeated in this mapping; the first one is used."
                                ),
                                pointer: child_pointer(&base, &name),
                                span: node.span,
                            });
                            None
                        }
                        Some(name) => Some((name, node.span)),
                        None => None,
                    });
                }
                Some(Some((name, key_span))) => members.push(Member {
                    key: name,
                    key_span,
                    value: node,
                }),
                Some(None) => {}
            },
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_forms_become_long_forms() {
        let doc = read(
            "A: !Ref X\nB: !GetAtt Pool.Provider.Name\nC: !GetAtt [P, Arn]\nD: !Sub 'x-${A}'\n",
        )
        .unwrap();
        assert!(doc.issues.is_empty());
        assert_eq!(
            doc.root.get("A").unwrap().get("Ref").unwrap().as_str(),
            Some("X")
        );
        let getatt = doc.root.get("B").unwrap().get("Fn::GetAtt").unwrap();
        let parts: Vec<_> = getatt
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap())
            .collect();
        assert_eq!(parts, ["Pool", "Provider.Name"]);
        assert_eq!(
            doc.root
                .get("C")
                .unwrap()
                .get("Fn::GetAtt")
                .unwrap()
                .as_array()
                .unwrap()
                .len(),
            2
        );
        assert_eq!(
            doc.root.get("D").unwrap().get("Fn::Sub").unwrap().as_str(),
            Some("x-${A}")
        );
    }

    #[test]
    fn yaml11_booleans_are_marked() {
        let doc = read("a: yes\nb: 'yes'\nc: true\nd: Off\ne: 12\nf: 1.\ng: ~\n").unwrap();
        let a = doc.root.get("a").unwrap();
        assert_eq!(a.value, Value::Bool(true));
        assert_eq!(a.yaml11_word.as_deref(), Some("yes"));
        assert_eq!(
            doc.root.get("b").unwrap().value,
            Value::String("yes".into())
        );
        assert_eq!(doc.root.get("c").unwrap().yaml11_word, None);
        assert_eq!(doc.root.get("d").unwrap().value, Value::Bool(false));
        assert_eq!(doc.root.get("e").unwrap().value, Value::Number("12".into()));
        assert_eq!(doc.root.get("f").unwrap().value, Value::String("1.".into()));
        assert_eq!(doc.root.get("g").unwrap().value, Value::Null);
    }

    #[test]
    fn aliases_merge_keys_and_repeats_are_reported() {
        let doc = read("a: &x 1\nb: *x\nc:\n  <<: {z: 1}\n  k: 2\n  k: 3\n").unwrap();
        let codes: Vec<_> = doc
            .issues
            .iter()
            .map(|i| (i.code, i.pointer.as_str()))
            .collect();
        assert_eq!(
            codes,
            [
                ("unsupported_yaml", "/b"),
                ("unsupported_yaml", "/c/<<"),
                ("template_syntax", "/c/k")
            ]
        );
        assert_eq!(
            doc.root.get("c").unwrap().get("k").unwrap().value,
            Value::Number("2".into())
        );
    }

    #[test]
    fn spans_are_one_based_characters() {
        let doc = read("Name: \"é\"\nList:\n  - x\n").unwrap();
        let name = doc.root.get("Name").unwrap();
        assert_eq!(name.span.start, Pos { line: 1, column: 7 });
        assert_eq!(
            name.span.end,
            Pos {
                line: 1,
                column: 10
            }
        );
        let x = doc.root.at_pointer("/List/0").unwrap().0;
        assert_eq!(x.span.start, Pos { line: 3, column: 5 });
    }

    #[test]
    fn errors_and_limits() {
        assert!(read("a: [1, 2").is_err());
        assert!(read("a: 1\n---\nb: 2\n").is_err());
        let deep = "[".repeat(MAX_DEPTH + 2) + &"]".repeat(MAX_DEPTH + 2);
        assert!(read(&deep).is_err());
        let doc = read("a: !Bogus 1").unwrap();
        assert_eq!(doc.issues[0].code, "unsupported_yaml");
    }
}

//! A small streaming XML 1.0 reader, written for what [`crate::saml`] needs.
//!
//! It reads a whole document held in memory (`&str`) and hands out events:
//! an element opens ([`Event::Start`], its name, namespace and attributes
//! then readable from the [`Reader`]), an element closes ([`Event::End`],
//! also after a self-closing tag), character data ([`Event::Text`], CDATA
//! sections included, line ends not yet normalized: see [`push_text`]) and
//! the character of a reference ([`Event::Char`]). Comments, processing
//! instructions and the XML declaration are checked and skipped.
//!
//! What it checks, with the [`XmlProblem`] it answers:
//!
//! * characters XML does not allow (C0 controls other than tab, line feed
//!   and carriage return; U+FFFE and U+FFFF): [`XmlProblem::InvalidCharacter`];
//! * tags: names (ASCII letters, digits, `-`, `.`, `_`, and any non-ASCII
//!   character; not starting with a digit, `-` or `.`; at most one `:`, with
//!   a name on each side), whitespace between attributes, `=` and a quoted
//!   value for each, no `<` in a value, no attribute named twice on one
//!   element, comments without `--`, CDATA only as `<![CDATA[`, processing
//!   instructions with a target, the XML declaration only at the very start:
//!   [`XmlProblem::Syntax`];
//! * a document that ends inside markup (a tag, comment, CDATA section or
//!   processing instruction) or with elements still open:
//!   [`XmlProblem::UnexpectedEnd`];
//! * end tags that do not name the open element, or close none:
//!   [`XmlProblem::MismatchedEndTag`];
//! * references: only `&lt;` `&gt;` `&amp;` `&apos;` `&quot;` and numeric
//!   character references to characters XML allows
//!   ([`XmlProblem::UnknownEntity`], [`XmlProblem::InvalidCharacterReference`];
//!   a `&` not closed by `;` before the next `&` or `<` is
//!   [`XmlProblem::Syntax`]);
//! * `]]>` in text: [`XmlProblem::Syntax`];
//! * more than [`MAX_DEPTH`] open elements: [`XmlProblem::TooDeep`]; more
//!   than [`MAX_BINDINGS`] namespace declarations in scope:
//!   [`XmlProblem::TooManyNamespaces`];
//! * no root element ([`XmlProblem::NoRootElement`]); text, a reference,
//!   CDATA or an element outside the root ([`XmlProblem::ContentOutsideRoot`]);
//! * any `<!DOCTYPE` (any `<!D` or `<!d`): [`SamlError::Doctype`]. No DTD is
//!   ever read, so no entity other than the five predefined ones exists.
//!
//! Namespaces (Namespaces in XML 1.0): `xmlns="…"` and `xmlns:p="…"` bind
//! for the element that declares them and its descendants; an element's
//! namespace is that of its prefix, or of the default declaration in scope
//! when it has none ([`Namespace`]). `xmlns:p=""` (and `xmlns=""`) end a
//! binding. The `xml` prefix is bound to its fixed namespace; binding `xml`
//! to another, `xmlns` at all, or another prefix to either reserved
//! namespace is [`XmlProblem::Syntax`], as is an element named with the
//! `xmlns` prefix. A prefix that is not declared is not an error: the
//! element's namespace is [`Namespace::Undeclared`] (SAML reads such an
//! element as belonging to no vocabulary it knows).
//!
//! Attribute values are normalized as XML 1.0 section 3.3.3 says for
//! attributes of no declared type (there is no DTD): each tab, line feed
//! and carriage return becomes a space (a CR LF pair one space, as line
//! ends are normalized first) and references are replaced by their
//! character.
//!
//! Errors carry the byte offset where the problem starts (the `<` of the
//! tag, the `&` of a reference, the start of the text), turned into a line
//! and column of the document. Every step moves forward through the input:
//! time is linear in its length (duplicate attributes are found with
//! [`Seen`], O(log n) per attribute; an element's namespace is found among
//! at most [`MAX_BINDINGS`] declarations), and memory is the input plus the
//! open elements (at most [`MAX_DEPTH`]), their namespace declarations (at
//! most [`MAX_BINDINGS`]) and the current element's attributes.

use crate::saml::{MAX_DEPTH, SamlError, XmlProblem};
use crate::seen::Seen;

/// The namespace bound to the `xml` prefix.
const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";

/// The namespace of `xmlns` declarations, which no prefix may be bound to.
const XMLNS_NAMESPACE: &str = "http://www.w3.org/2000/xmlns/";

/// The most namespace declarations in scope at once (as quick-xml, which
/// read SAML responses before this reader, allowed): finding an element's
/// namespace searches them, so this bounds the work per element. Real
/// documents declare a handful.
pub(crate) const MAX_BINDINGS: usize = 128;

/// What the reader found next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Event<'x> {
    /// An element opens at this byte offset (its `<`); [`Reader::local_name`],
    /// [`Reader::namespace`] and [`Reader::attribute`] describe it until
    /// the next event.
    Start(usize),
    /// The innermost open element closes.
    End,
    /// Character data inside the root element, or the content of a CDATA
    /// section, as written (line ends not normalized; see [`push_text`]).
    Text(&'x str),
    /// The character a reference inside the root element stands for.
    Char(char),
    /// The end of a well-formed document.
    Eof,
}

/// The namespace of an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Namespace<'a> {
    /// No namespace: no prefix and no default namespace in scope.
    None,
    /// The namespace with this name.
    Name(&'a str),
    /// A prefix with no declaration in scope.
    Undeclared,
}

/// One element that is open.
#[derive(Debug)]
struct Open<'x> {
    /// Its name as written (prefix included), which its end tag repeats.
    name: &'x str,
    /// How many namespace bindings were in scope before it opened.
    bindings: usize,
}

/// Why a step of reading stops: a problem at the step's start, or a DOCTYPE.
#[derive(Debug)]
enum Fault {
    Problem(XmlProblem),
    Doctype,
}

impl From<XmlProblem> for Fault {
    fn from(problem: XmlProblem) -> Fault {
        Fault::Problem(problem)
    }
}

/// A namespace declaration in scope: the prefix (`""` for the default
/// namespace) and where its namespace name (`""` to end a binding) is in
/// [`Reader::names`].
#[derive(Debug, Clone, Copy)]
struct Binding<'x> {
    prefix: &'x str,
    start: usize,
    end: usize,
}

/// A streaming reader over a document held in memory.
#[derive(Debug)]
pub(crate) struct Reader<'x> {
    xml: &'x str,
    /// Where reading goes on.
    pos: usize,
    open: Vec<Open<'x>>,
    bindings: Vec<Binding<'x>>,
    /// The namespace names of `bindings`, one after the other.
    names: String,
    /// The attributes of the element of the last [`Event::Start`]: each
    /// name and where its normalized value is in `values`.
    attributes: Vec<(&'x str, usize, usize)>,
    /// The normalized values of `attributes`, one after the other.
    values: String,
    /// The name of the element of the last [`Event::Start`].
    name: &'x str,
    /// The last start tag was self-closing: the next event is its [`Event::End`].
    close_empty: bool,
    root_seen: bool,
    /// The whole document's characters have been checked.
    checked: bool,
}

impl<'x> Reader<'x> {
    /// A reader at the start of `xml` (a byte order mark, if any, already removed).
    pub(crate) fn new(xml: &'x str) -> Reader<'x> {
        Reader {
            xml,
            pos: 0,
            open: Vec::with_capacity(16),
            bindings: Vec::new(),
            names: String::new(),
            attributes: Vec::new(),
            values: String::new(),
            name: "",
            close_empty: false,
            root_seen: false,
            checked: false,
        }
    }

    /// The local name (without prefix) of the element of the last [`Event::Start`].
    pub(crate) fn local_name(&self) -> &'x str {
        split_prefix(self.name).1
    }

    /// The namespace of the element of the last [`Event::Start`].
    pub(crate) fn namespace(&self) -> Namespace<'_> {
        let prefix = split_prefix(self.name).0;
        if prefix == "xml" {
            return Namespace::Name(XML_NAMESPACE);
        }
        match self.bindings.iter().rev().find(|b| b.prefix == prefix) {
            Some(binding) if binding.start < binding.end => {
                Namespace::Name(&self.names[binding.start..binding.end])
            }
            _ if prefix.is_empty() => Namespace::None,
            _ => Namespace::Undeclared,
        }
    }

    /// The normalized value of the attribute named `name` (exactly, prefix
    /// included) of the element of the last [`Event::Start`].
    pub(crate) fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, ..)| *key == name)
            .map(|&(_, start, end)| &self.values[start..end])
    }

    /// The next event, or why the document is not well-formed.
    pub(crate) fn next(&mut self) -> Result<Event<'x>, SamlError> {
        if !self.checked {
            self.checked = true;
            if let Some(at) = invalid_character(self.xml) {
                return Err(error_at(self.xml, XmlProblem::InvalidCharacter, at));
            }
        }
        if self.close_empty {
            self.close_empty = false;
            self.close();
            return Ok(Event::End);
        }
        loop {
            // Every step's problem is where the step starts.
            let at = self.pos;
            match self.step(at) {
                Ok(Some(event)) => return Ok(event),
                Ok(None) => {}
                Err(Fault::Doctype) => return Err(SamlError::Doctype),
                Err(Fault::Problem(problem)) => return Err(error_at(self.xml, problem, at)),
            }
        }
    }

    /// Reads what starts at `at`: an event, or none for what is skipped
    /// (a comment, a processing instruction, whitespace outside the root).
    fn step(&mut self, at: usize) -> Result<Option<Event<'x>>, Fault> {
        let xml = self.xml;
        let bytes = xml.as_bytes();
        let Some(&first) = bytes.get(at) else {
            return if !self.open.is_empty() {
                Err(XmlProblem::UnexpectedEnd.into())
            } else if !self.root_seen {
                Err(XmlProblem::NoRootElement.into())
            } else {
                Ok(Some(Event::Eof))
            };
        };
        match first {
            b'<' => self.markup(at),
            b'&' => {
                let c = self.reference(at)?;
                if self.open.is_empty() {
                    return Err(XmlProblem::ContentOutsideRoot.into());
                }
                Ok(Some(Event::Char(c)))
            }
            _ => {
                let end = text_end(bytes, at)?;
                self.pos = end;
                let text = &xml[at..end];
                if !self.open.is_empty() {
                    return Ok(Some(Event::Text(text)));
                }
                if !text.bytes().all(is_space) {
                    return Err(XmlProblem::ContentOutsideRoot.into());
                }
                Ok(None)
            }
        }
    }

    /// Reads the reference at `at` (its `&`).
    fn reference(&mut self, at: usize) -> Result<char, XmlProblem> {
        let rest = &self.xml.as_bytes()[at + 1..];
        let Some(len) = rest.iter().position(|&b| matches!(b, b';' | b'&' | b'<')) else {
            return Err(XmlProblem::Syntax);
        };
        if rest[len] != b';' {
            return Err(XmlProblem::Syntax);
        }
        self.pos = at + len + 2;
        resolve_reference(&self.xml[at + 1..at + 1 + len])
    }

    /// Reads the markup at `at` (its `<`): an event for a tag or CDATA
    /// section, none for a comment or processing instruction.
    fn markup(&mut self, at: usize) -> Result<Option<Event<'x>>, Fault> {
        let xml = self.xml;
        let rest = &xml[at..];
        let fail = |problem: XmlProblem| Err(problem.into());
        match rest.as_bytes().get(1) {
            None => fail(XmlProblem::UnexpectedEnd),
            Some(b'!') => {
                if let Some(comment) = rest.strip_prefix("<!--") {
                    // The first `--` must end the comment.
                    let Some(dashes) = find(comment, b"--") else {
                        return fail(XmlProblem::UnexpectedEnd);
                    };
                    match rest.as_bytes().get(4 + dashes + 2) {
                        Some(b'>') => self.pos = at + 4 + dashes + 3,
                        Some(_) => return fail(XmlProblem::Syntax),
                        None => return fail(XmlProblem::UnexpectedEnd),
                    }
                    Ok(None)
                } else if let Some(cdata) = rest.strip_prefix("<![CDATA[") {
                    let Some(len) = find(cdata, b"]]>") else {
                        return fail(XmlProblem::UnexpectedEnd);
                    };
                    if self.open.is_empty() {
                        return fail(XmlProblem::ContentOutsideRoot);
                    }
                    self.pos = at + 9 + len + 3;
                    Ok(Some(Event::Text(&cdata[..len])))
                } else if matches!(rest.as_bytes().get(2), Some(b'D' | b'd')) {
                    Err(Fault::Doctype)
                } else if (3..9).contains(&rest.len())
                    && ("<!--".starts_with(rest) || "<![CDATA[".starts_with(rest))
                {
                    fail(XmlProblem::UnexpectedEnd)
                } else {
                    fail(XmlProblem::Syntax)
                }
            }
            Some(b'?') => {
                let Some(len) = find(&rest[2..], b"?>") else {
                    return fail(XmlProblem::UnexpectedEnd);
                };
                let body = &rest[2..2 + len];
                let target_len = name_len(body.as_bytes());
                let target = &body[..target_len];
                let declaration = target == "xml" && at == 0;
                if target_len == 0
                    || (target.eq_ignore_ascii_case("xml") && !declaration)
                    || target.contains(':')
                    || body
                        .as_bytes()
                        .get(target_len)
                        .is_some_and(|&b| !is_space(b))
                {
                    return fail(XmlProblem::Syntax);
                }
                self.pos = at + 2 + len + 2;
                Ok(None)
            }
            Some(b'/') => {
                // As for start tags, a `>` inside quotes does not end the tag.
                let Some(len) = tag_len(rest.as_bytes()) else {
                    return fail(XmlProblem::UnexpectedEnd);
                };
                let name = trim_end_spaces(&rest[2..len - 1]);
                match self.open.last() {
                    Some(open) if open.name == name => {}
                    _ => return fail(XmlProblem::MismatchedEndTag),
                }
                self.pos = at + len;
                self.close();
                Ok(Some(Event::End))
            }
            Some(_) => Ok(Some(self.start_tag(at)?)),
        }
    }

    /// Reads the start tag (or self-closing tag) at `at`.
    fn start_tag(&mut self, at: usize) -> Result<Event<'x>, XmlProblem> {
        let xml = self.xml;
        let len = tag_len(&xml.as_bytes()[at..]).ok_or(XmlProblem::UnexpectedEnd)?;
        if self.open.len() >= MAX_DEPTH {
            return Err(XmlProblem::TooDeep);
        }
        if self.open.is_empty() && self.root_seen {
            return Err(XmlProblem::ContentOutsideRoot);
        }
        let inner = &xml[at + 1..at + len - 1];
        let (inner, empty) = match inner.strip_suffix('/') {
            Some(inner) => (inner, true),
            None => (inner, false),
        };
        let name = qualified_name(inner).ok_or(XmlProblem::Syntax)?;
        if name.starts_with("xmlns:") {
            return Err(XmlProblem::Syntax);
        }
        self.attributes.clear();
        self.values.clear();
        let mut seen = Seen::default();
        let mut rest = &inner[name.len()..];
        loop {
            let trimmed = skip_spaces(rest);
            if trimmed.is_empty() {
                break;
            }
            if trimmed.len() == rest.len() {
                // No whitespace before the attribute.
                return Err(XmlProblem::Syntax);
            }
            let key = qualified_name(trimmed).ok_or(XmlProblem::Syntax)?;
            let after = skip_spaces(&trimmed[key.len()..]);
            let after = after.strip_prefix('=').ok_or(XmlProblem::Syntax)?;
            let after = skip_spaces(after);
            let quote = match after.as_bytes().first() {
                Some(&q @ (b'"' | b'\'')) => q,
                _ => return Err(XmlProblem::Syntax),
            };
            // The tag's end was found outside quotes, so the value closes.
            let close = after.as_bytes()[1..]
                .iter()
                .position(|&b| b == quote)
                .ok_or(XmlProblem::Syntax)?;
            let start = self.values.len();
            push_attribute_value(&mut self.values, &after[1..1 + close])?;
            let id = self.attributes.len();
            self.attributes.push((key, start, self.values.len()));
            let attributes = &self.attributes;
            if seen.first(id, &|a, b| attributes[a].0.cmp(attributes[b].0)) != id {
                return Err(XmlProblem::Syntax);
            }
            rest = &after[1 + close + 1..];
        }
        // Namespace declarations, in scope from this element on.
        let bindings = self.bindings.len();
        for &(key, start, end) in &self.attributes {
            let value = &self.values[start..end];
            let prefix = match key.strip_prefix("xmlns") {
                Some("") => "",
                Some(prefix) => match prefix.strip_prefix(':') {
                    Some(prefix) => prefix,
                    None => continue,
                },
                None => continue,
            };
            let reserved = value == XML_NAMESPACE || value == XMLNS_NAMESPACE;
            let allowed = match prefix {
                "xml" => value == XML_NAMESPACE,
                "xmlns" => false,
                _ => !reserved,
            };
            if !allowed {
                return Err(XmlProblem::Syntax);
            }
            if self.bindings.len() >= MAX_BINDINGS {
                return Err(XmlProblem::TooManyNamespaces);
            }
            let start = self.names.len();
            self.names.push_str(value);
            self.bindings.push(Binding {
                prefix,
                start,
                end: self.names.len(),
            });
        }
        self.open.push(Open { name, bindings });
        self.root_seen = true;
        self.name = name;
        self.close_empty = empty;
        self.pos = at + len;
        Ok(Event::Start(at))
    }

    /// Closes the innermost open element: its namespace declarations go out of scope.
    fn close(&mut self) {
        if let Some(open) = self.open.pop() {
            if let Some(first) = self.bindings.get(open.bindings) {
                self.names.truncate(first.start);
            }
            self.bindings.truncate(open.bindings);
        }
    }
}

/// Appends character data to `out` with its line ends normalized to `\n`
/// (XML 1.0 section 2.11: CR LF and a lone CR become LF).
pub(crate) fn push_text(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(cr) = rest.bytes().position(|b| b == b'\r') {
        out.push_str(&rest[..cr]);
        out.push('\n');
        rest = &rest[cr + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    out.push_str(rest);
}

/// The offset of the first character XML does not allow, if any: C0
/// controls other than tab, LF and CR, and U+FFFE and U+FFFF (UTF-8
/// `EF BF BE`, `EF BF BF`). A `&str` holds no surrogates.
fn invalid_character(xml: &str) -> Option<usize> {
    let bytes = xml.as_bytes();
    bytes.iter().enumerate().position(|(i, &b)| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            || (b == 0xEF
                && bytes.get(i + 1) == Some(&0xBF)
                && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)))
    })
}

/// Where the character data starting at `at` ends (the next `<`, `&` or
/// the end), or [`XmlProblem::Syntax`] when it holds `]]>`.
fn text_end(bytes: &[u8], at: usize) -> Result<usize, XmlProblem> {
    let mut i = at;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'<' | b'&' => break,
            b'>' if i >= at + 2 && bytes[i - 2] == b']' && bytes[i - 1] == b']' => {
                return Err(XmlProblem::Syntax);
            }
            _ => {}
        }
        i += 1;
    }
    Ok(i)
}

/// The length of the tag that starts `bytes` (with its `<` and `>`): up to
/// the first `>` outside a quoted value; none when the input ends first.
fn tag_len(bytes: &[u8]) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (None, b'>') => return Some(i + 1),
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            _ => {}
        }
    }
    None
}

/// The bytes of the name that starts `bytes` (0 when none): ASCII letters,
/// digits, `-`, `.`, `_`, `:` and any non-ASCII byte, the first not a
/// digit, `-` or `.`. Non-ASCII characters are not checked against the
/// ranges of XML's `Name` production.
fn name_len(bytes: &[u8]) -> usize {
    let is_name =
        |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b':') || b >= 0x80;
    match bytes.first() {
        Some(b) if b.is_ascii_digit() || matches!(b, b'-' | b'.') => 0,
        _ => bytes
            .iter()
            .position(|&b| !is_name(b))
            .unwrap_or(bytes.len()),
    }
}

/// The qualified name (`local` or `prefix:local`) that starts `text`, if
/// one does.
fn qualified_name(text: &str) -> Option<&str> {
    let name = &text[..name_len(text.as_bytes())];
    let ok = match name.bytes().position(|b| b == b':') {
        None => !name.is_empty(),
        Some(colon) => {
            let local = &name.as_bytes()[colon + 1..];
            colon > 0
                && !local.is_empty()
                && name_len(local) == local.len()
                && !local.contains(&b':')
        }
    };
    ok.then_some(name)
}

/// A qualified name's prefix (`""` when none) and local part, split at its first `:`.
fn split_prefix(name: &str) -> (&str, &str) {
    match name.bytes().position(|b| b == b':') {
        Some(colon) => (&name[..colon], &name[colon + 1..]),
        None => ("", name),
    }
}

/// Appends to `out` the value of an attribute written as `raw` (between
/// its quotes): references replaced, tabs and line ends turned into spaces
/// (XML 1.0 section 3.3.3).
fn push_attribute_value(out: &mut String, raw: &str) -> Result<(), XmlProblem> {
    if raw.contains('<') {
        return Err(XmlProblem::Syntax);
    }
    let mut rest = raw;
    while let Some(i) = rest
        .bytes()
        .position(|b| matches!(b, b'&' | b'\t' | b'\n' | b'\r'))
    {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        rest = match rest.as_bytes()[i] {
            b'&' => {
                let semicolon = after
                    .bytes()
                    .position(|b| b == b';')
                    .ok_or(XmlProblem::Syntax)?;
                out.push(resolve_reference(&after[..semicolon])?);
                &after[semicolon + 1..]
            }
            b'\r' => {
                out.push(' ');
                after.strip_prefix('\n').unwrap_or(after)
            }
            _ => {
                out.push(' ');
                after
            }
        };
    }
    out.push_str(rest);
    Ok(())
}

/// The five predefined entities and their characters.
const ENTITIES: [(&str, char); 5] = [
    ("lt", '<'),
    ("gt", '>'),
    ("amp", '&'),
    ("apos", '\''),
    ("quot", '"'),
];

/// The character a reference (the text between `&` and `;`) stands for.
fn resolve_reference(name: &str) -> Result<char, XmlProblem> {
    for (entity, c) in ENTITIES {
        if name == entity {
            return Ok(c);
        }
    }
    let (digits, radix) = if let Some(hex) = name.strip_prefix("#x") {
        (hex, 16)
    } else if let Some(decimal) = name.strip_prefix('#') {
        (decimal, 10)
    } else {
        return Err(XmlProblem::UnknownEntity);
    };
    parse_digits(digits, radix)
        .and_then(char::from_u32)
        .filter(|&c| is_xml_char(c))
        .ok_or(XmlProblem::InvalidCharacterReference)
}

/// The number written with `digits` (ASCII digits of `radix`, at least
/// one); a number above the last code point is read as `0x110000`, which
/// is no character either.
fn parse_digits(digits: &str, radix: u32) -> Option<u32> {
    let mut code = None;
    for b in digits.bytes() {
        let digit = char::from(b).to_digit(radix)?;
        code = Some((code.unwrap_or(0) * radix + digit).min(0x11_0000));
    }
    code
}

/// The `Char` production of XML 1.0.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// XML's whitespace (the `S` production).
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// `text` without the whitespace it starts with. Whitespace is ASCII, so
/// this is a byte loop rather than a search by character.
pub(crate) fn skip_spaces(text: &str) -> &str {
    let mut start = 0;
    while text.as_bytes().get(start).is_some_and(|&b| is_space(b)) {
        start += 1;
    }
    &text[start..]
}

/// `text` without the whitespace it ends with.
pub(crate) fn trim_end_spaces(text: &str) -> &str {
    let mut end = text.len();
    while end > 0 && is_space(text.as_bytes()[end - 1]) {
        end -= 1;
    }
    &text[..end]
}

/// Where `needle` (a few ASCII bytes) first occurs in `hay`: a plain byte
/// comparison at each position, linear for needles this short, so the
/// standard library's substring searcher stays out of the web build.
fn find(hay: &str, needle: &[u8]) -> Option<usize> {
    hay.as_bytes()
        .windows(needle.len())
        .position(|w| w == needle)
}

/// An [`SamlError::Xml`] for `problem` at byte `at` of `xml`.
fn error_at(xml: &str, problem: XmlProblem, at: usize) -> SamlError {
    let (line, column) = line_and_column(xml, at);
    SamlError::Xml {
        problem,
        line,
        column,
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    // Count characters by their first byte (not a UTF-8 continuation byte).
    let column = 1 + before[line_start..]
        .iter()
        .filter(|&&b| (b & 0xC0) != 0x80)
        .count();
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every event of `xml`, or the first error.
    fn events(xml: &str) -> Result<Vec<Event<'_>>, SamlError> {
        let mut reader = Reader::new(xml);
        let mut all = Vec::new();
        loop {
            let event = reader.next()?;
            all.push(event);
            if event == Event::Eof {
                return Ok(all);
            }
        }
    }

    /// The problem (and its line and column) of a document that is not well-formed.
    fn problem(xml: &str) -> (XmlProblem, usize, usize) {
        match events(xml) {
            Err(SamlError::Xml {
                problem,
                line,
                column,
            }) => (problem, line, column),
            other => panic!("{xml:?}: expected an XML error, got {other:?}"),
        }
    }

    /// The text of `xml`'s root, as SAML reads an `AttributeValue`.
    fn text(xml: &str) -> Result<String, SamlError> {
        let mut out = String::new();
        for event in events(xml)? {
            match event {
                Event::Text(text) => push_text(&mut out, text),
                Event::Char(c) => out.push(c),
                _ => {}
            }
        }
        Ok(out)
    }

    /// Names, namespaces and `Name` attributes of the elements of `xml`, in document order.
    fn elements(xml: &str) -> Vec<(String, String, Option<String>)> {
        let mut reader = Reader::new(xml);
        let mut all = Vec::new();
        loop {
            match reader.next().unwrap() {
                Event::Start(_) => all.push((
                    reader.local_name().to_string(),
                    match reader.namespace() {
                        Namespace::None => "-".to_string(),
                        Namespace::Name(name) => name.to_string(),
                        Namespace::Undeclared => "?".to_string(),
                    },
                    reader.attribute("Name").map(str::to_string),
                )),
                Event::Eof => return all,
                _ => {}
            }
        }
    }

    #[test]
    fn events_of_a_small_document() {
        assert_eq!(
            events("<?xml version=\"1.0\"?>\n<r a='1'>x&amp;<e/><![CDATA[<y>]]></r>\n").unwrap(),
            [
                Event::Start(22),
                Event::Text("x"),
                Event::Char('&'),
                Event::Start(37),
                Event::End,
                Event::Text("<y>"),
                Event::End,
                Event::Eof
            ]
        );
    }

    #[test]
    fn well_formedness_errors() {
        use XmlProblem::*;
        let cases: &[(&str, XmlProblem)] = &[
            ("", NoRootElement),
            ("<!-- c --> <?pi x?>", NoRootElement),
            // Tags.
            ("<r></s>", MismatchedEndTag),
            ("<r><a></r>", MismatchedEndTag),
            ("<r/></r>", MismatchedEndTag),
            ("<p:r xmlns:p='u'></r>", MismatchedEndTag),
            ("<r", UnexpectedEnd),
            ("<r><a", UnexpectedEnd),
            ("<r a='1", UnexpectedEnd),
            ("<r>", UnexpectedEnd),
            ("<r><a></a>", UnexpectedEnd),
            ("<r></r", UnexpectedEnd),
            ("<", UnexpectedEnd),
            ("<>", Syntax),
            ("< r/>", Syntax),
            ("<1r/>", Syntax),
            ("<-r/>", Syntax),
            ("<r!/>", Syntax),
            ("<:r/>", Syntax),
            ("<p:/>", Syntax),
            ("<a:b:c xmlns:a='u'/>", Syntax),
            ("<r/ >", Syntax),
            // Attributes.
            ("<r a=b/>", Syntax),
            ("<r a/>", Syntax),
            ("<r a='1' a/>", Syntax),
            ("<r a='1' a='2'/>", Syntax),
            ("<r a='1'b='2'/>", Syntax),
            ("<r a='<'/>", Syntax),
            ("<r a='&amp'/>", Syntax),
            ("<r a='&nbsp;'/>", UnknownEntity),
            ("<r a='&#1;'/>", InvalidCharacterReference),
            ("<r ='1'/>", Syntax),
            ("<r a=='1'/>", Syntax),
            // Namespaces.
            ("<xmlns:r/>", Syntax),
            ("<r xmlns:xmlns='u'/>", Syntax),
            ("<r xmlns:xml='u'/>", Syntax),
            (
                "<r xmlns:p='http://www.w3.org/XML/1998/namespace'/>",
                Syntax,
            ),
            ("<r xmlns='http://www.w3.org/2000/xmlns/'/>", Syntax),
            // References in text.
            ("<r>a & b</r>", Syntax),
            ("<r>a &amp b</r>", Syntax),
            ("<r>&amp</r>", Syntax),
            ("<r>&", Syntax),
            ("<r>&nbsp;</r>", UnknownEntity),
            ("<r>&#0;</r>", InvalidCharacterReference),
            ("<r>&#xD800;</r>", InvalidCharacterReference),
            // Text.
            ("<r>a]]>b</r>", Syntax),
            ("<r>\u{1}</r>", InvalidCharacter),
            ("<r a='\u{1f}'/>", InvalidCharacter),
            ("<r>\u{FFFE}</r>", InvalidCharacter),
            ("<r><!-- \u{FFFF} --></r>", InvalidCharacter),
            // Comments, CDATA, processing instructions.
            ("<r><!-- a -- b --></r>", Syntax),
            ("<r><!-- a ---></r>", Syntax),
            ("<r><!-x--></r>", Syntax),
            ("<r><!-- a", UnexpectedEnd),
            ("<r><!--->", UnexpectedEnd),
            ("<r><!-", UnexpectedEnd),
            ("<r><!", Syntax),
            ("<r></a \">", UnexpectedEnd),
            ("<r></r \">\">", MismatchedEndTag),
            ("<r><![CDATA[a", UnexpectedEnd),
            ("<r><![CDAT", UnexpectedEnd),
            ("<r><![cdata[a]]></r>", Syntax),
            ("<r><!ELEMENT r ANY></r>", Syntax),
            ("<r><? x?></r>", Syntax),
            ("<r><??></r>", Syntax),
            ("<r><?p:i x?></r>", Syntax),
            ("<r><?pi", UnexpectedEnd),
            ("<r><?pi?", UnexpectedEnd),
            ("<r><?xml version='1.0'?></r>", Syntax),
            (" <?xml version='1.0'?><r/>", Syntax),
            ("<?XML version='1.0'?><r/>", Syntax),
            ("<?xmlversion='1.0'?><r/>", Syntax),
            // Outside the root.
            ("<r/><r/>", ContentOutsideRoot),
            ("<r/>x", ContentOutsideRoot),
            ("x<r/>", ContentOutsideRoot),
            ("<r/>&amp;", ContentOutsideRoot),
            ("<r/><![CDATA[]]>", ContentOutsideRoot),
        ];
        for &(xml, expected) in cases {
            assert_eq!(problem(xml).0, expected, "{xml:?}");
        }
        assert_eq!(events("<r/><!DOCTYPE r>"), Err(SamlError::Doctype));
        assert_eq!(events("<!doctype r"), Err(SamlError::Doctype));
        assert_eq!(
            events("<!DOCTYPE r [<!ENTITY e 'x'>]><r>&e;</r>"),
            Err(SamlError::Doctype)
        );
    }

    #[test]
    fn error_positions() {
        // At the `<` of the tag, the `&` of the reference, the start of
        // the text; the end of the document for what it lacks.
        assert_eq!(
            problem("<r>\n  <a>\n  </b>\n</r>"),
            (XmlProblem::MismatchedEndTag, 3, 3)
        );
        assert_eq!(
            problem("<r>\né &nbsp;</r>"),
            (XmlProblem::UnknownEntity, 2, 3)
        );
        assert_eq!(problem("<r/>\n  x"), (XmlProblem::ContentOutsideRoot, 1, 5));
        assert_eq!(problem("<r>\n<a b=c/></r>"), (XmlProblem::Syntax, 2, 1));
        assert_eq!(problem("<r>\n<a>"), (XmlProblem::UnexpectedEnd, 2, 4));
        assert_eq!(problem("\n\n"), (XmlProblem::NoRootElement, 3, 1));
        assert_eq!(
            problem("<r>ab\u{2}</r>"),
            (XmlProblem::InvalidCharacter, 1, 6)
        );
    }

    #[test]
    fn positions() {
        let text = "ab\ncé\nxyz";
        assert_eq!(line_and_column(text, 0), (1, 1));
        assert_eq!(line_and_column(text, 2), (1, 3));
        assert_eq!(line_and_column(text, 3), (2, 1));
        assert_eq!(line_and_column(text, 6), (2, 3));
        assert_eq!(line_and_column(text, 7), (3, 1));
        assert_eq!(line_and_column(text, 1000), (3, 4));
    }

    #[test]
    fn namespaces() {
        let xml = r#"<r xmlns="urn:default" xmlns:p="urn:one">
            <p:a Name="1"><b xmlns="" Name="2"><p:c xmlns:p="urn:two"/><p:d/></b></p:a>
            <p:e/><q:f/><xml:g/><h/>
            <p:i xmlns:p=""><p:j/></p:i><p:k/>
        </r>"#;
        let names = |list: &[(String, String, Option<String>)]| {
            list.iter()
                .map(|(local, namespace, _)| format!("{local} {namespace}"))
                .collect::<Vec<_>>()
        };
        let all = elements(xml);
        assert_eq!(
            names(&all),
            [
                "r urn:default",
                "a urn:one",
                // The default namespace undeclared in a child.
                "b -",
                // A prefix redeclared in a child, for it alone.
                "c urn:two",
                "d urn:one",
                // Scope ends with the element.
                "e urn:one",
                "f ?",
                "g http://www.w3.org/XML/1998/namespace",
                "h urn:default",
                // `xmlns:p=""` ends the binding.
                "i ?",
                "j ?",
                "k urn:one",
            ]
        );
        assert_eq!(all[1].2.as_deref(), Some("1"));
        assert_eq!(all[2].2.as_deref(), Some("2"));
        assert_eq!(all[3].2, None);
        // Declarations are read after references are replaced.
        assert_eq!(
            names(&elements("<p:r xmlns:p='urn:a&amp;b'/>")),
            ["r urn:a&b"]
        );
    }

    #[test]
    fn cdata_comments_and_processing_instructions() {
        assert_eq!(
            text("<r>a<![CDATA[ <b> & ]]]><!-- > - -><-->c<?pi ?>?> d<?p2?>e</r>").unwrap(),
            "a <b> & ]c?> de"
        );
        assert_eq!(text("<r><![CDATA[]]><!----></r>").unwrap(), "");
        // Before and after the root.
        assert!(
            events(
                "<?xml version='1.0' encoding='UTF-8'?><!-- a --><?pi?>\n<r/>\n<!-- b --><?pi x?>\n"
            )
            .is_ok()
        );
    }

    #[test]
    fn line_ends_and_references_in_text() {
        assert_eq!(text("<r>a\r\nb\rc\n\rd</r>").unwrap(), "a\nb\nc\n\nd");
        assert_eq!(text("<r><![CDATA[a\r\nb]]></r>").unwrap(), "a\nb");
        // A reference to a carriage return is kept.
        assert_eq!(text("<r>a&#13;&#xA;b</r>").unwrap(), "a\r\nb");
        assert_eq!(
            text("<r>&lt;&gt;&amp;&apos;&quot;&#65;&#x1F600;&#xe9;</r>").unwrap(),
            "<>&'\"A\u{1F600}é"
        );
    }

    #[test]
    fn references() {
        assert_eq!(resolve_reference("lt"), Ok('<'));
        assert_eq!(resolve_reference("gt"), Ok('>'));
        assert_eq!(resolve_reference("amp"), Ok('&'));
        assert_eq!(resolve_reference("apos"), Ok('\''));
        assert_eq!(resolve_reference("quot"), Ok('"'));
        assert_eq!(resolve_reference("#65"), Ok('A'));
        assert_eq!(resolve_reference("#x1F600"), Ok('\u{1F600}'));
        assert_eq!(resolve_reference("#xe9"), Ok('é'));
        assert_eq!(resolve_reference("nbsp"), Err(XmlProblem::UnknownEntity));
        assert_eq!(resolve_reference("xxe"), Err(XmlProblem::UnknownEntity));
        for bad in [
            "#",
            "#x",
            "#0",
            "#x0",
            "#1",
            "#xD800",
            "#x110000",
            "#+65",
            "#X41",
            "#99999999999",
            "#xFFFE",
        ] {
            assert_eq!(
                resolve_reference(bad),
                Err(XmlProblem::InvalidCharacterReference),
                "{bad}"
            );
        }
    }

    /// The value of an attribute written as `raw`.
    fn attribute_value(raw: &str) -> Result<String, XmlProblem> {
        let mut out = String::from("before");
        push_attribute_value(&mut out, raw)?;
        Ok(out.split_off("before".len()))
    }

    #[test]
    fn attribute_values_are_normalized() {
        // Each whitespace character becomes a space, a CR LF pair one
        // (line ends are normalized first); references are replaced, and
        // a referenced whitespace character is kept as itself.
        assert_eq!(
            attribute_value("a&amp;b&#x20;c\td\r\ne\rf\ng&#9;h&#xA;i&#13;").unwrap(),
            "a&b c d e f g\th\ni\r"
        );
        assert_eq!(attribute_value("plain").unwrap(), "plain");
        assert_eq!(attribute_value("a&b"), Err(XmlProblem::Syntax));
        assert_eq!(attribute_value("a<b"), Err(XmlProblem::Syntax));
        assert_eq!(attribute_value("<&amp;"), Err(XmlProblem::Syntax));
        assert_eq!(attribute_value("&ent;"), Err(XmlProblem::UnknownEntity));
        let mut reader = Reader::new("<r Name=\"x\n\ty&quot;\" Other='\"'/>");
        assert_eq!(reader.next(), Ok(Event::Start(0)));
        assert_eq!(reader.attribute("Name"), Some("x  y\""));
        assert_eq!(reader.attribute("Other"), Some("\""));
        assert_eq!(reader.attribute("Absent"), None);
    }

    #[test]
    fn duplicate_attributes_among_many() {
        let many: String = (0..200).map(|i| format!(" a{i}='{i}'")).collect();
        assert!(events(&format!("<r{many}/>")).is_ok());
        // The same name first and last, with 200 between.
        assert_eq!(
            problem(&format!("<r dup='1'{many} dup='2'/>")).0,
            XmlProblem::Syntax
        );
        // Prefixed names are compared as written.
        assert!(events("<r xmlns:p='u' xmlns:q='u' p:a='1' q:a='2' a='3'/>").is_ok());
    }

    #[test]
    fn namespace_declarations_in_scope_are_limited() {
        let declare = |n: usize| {
            (0..n)
                .map(|i| format!(" xmlns:p{i}='u'"))
                .collect::<String>()
        };
        let at_limit = format!(
            "<r{}><a{}/><b xmlns='v'/></r>",
            declare(MAX_BINDINGS - 1),
            declare(0)
        );
        assert!(events(&at_limit).is_ok());
        // One more in scope, on the root or on a child.
        assert_eq!(
            problem(&format!("<r{}/>", declare(MAX_BINDINGS + 1))),
            (XmlProblem::TooManyNamespaces, 1, 1)
        );
        assert_eq!(
            problem(&format!(
                "<r{}><a xmlns='v' xmlns:q='w'/></r>",
                declare(MAX_BINDINGS - 1)
            ))
            .0,
            XmlProblem::TooManyNamespaces
        );
        assert!(
            XmlProblem::TooManyNamespaces
                .to_string()
                .contains(&MAX_BINDINGS.to_string())
        );
        // Declarations go out of scope with their element: siblings may each declare many.
        let siblings = format!(
            "<r>{}</r>",
            format!("<a{}/>", declare(MAX_BINDINGS)).repeat(3)
        );
        assert!(events(&siblings).is_ok());
    }

    #[test]
    fn nesting_is_limited() {
        let nested = |depth: usize| format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
        assert!(events(&nested(MAX_DEPTH)).is_ok());
        assert_eq!(
            problem(&nested(MAX_DEPTH + 1)),
            (XmlProblem::TooDeep, 1, 3 * MAX_DEPTH + 1)
        );
        let empty = format!(
            "{}<a/>{}",
            "<a>".repeat(MAX_DEPTH),
            "</a>".repeat(MAX_DEPTH)
        );
        assert_eq!(problem(&empty).0, XmlProblem::TooDeep);
        assert_eq!(problem(&"<a>".repeat(100_000)).0, XmlProblem::TooDeep);
    }

    #[test]
    fn long_inputs_read_in_linear_time() {
        // Each shape would be quadratic if a step rescanned what came
        // before: a long run of text, many references, many comments,
        // many attributes, many siblings.
        let started = std::time::Instant::now();
        let n = 200_000;
        for xml in [
            format!("<r>{}</r>", "a]".repeat(n)),
            format!("<r>{}</r>", "&amp;".repeat(n)),
            format!("<r>{}</r>", "<!-- - -->".repeat(n / 4)),
            format!(
                "<r{}/>",
                (0..n / 8)
                    .map(|i| format!(" a{i}='&#10;'"))
                    .collect::<String>()
            ),
            format!("<r>{}</r>", "<a xmlns:p='u'/>".repeat(n / 4)),
            // The most declarations in scope, the first one used by many elements.
            format!(
                "<r{}>{}</r>",
                (0..MAX_BINDINGS)
                    .map(|i| format!(" xmlns:p{i}='u{i}'"))
                    .collect::<String>(),
                "<p0:a/>".repeat(n / 4)
            ),
        ] {
            assert!(events(&xml).is_ok());
        }
        assert!(started.elapsed().as_secs() < 20);
    }

    /// A well-formed element holding `texts`, with markup between them.
    fn document(texts: &[String], prefix: bool) -> String {
        let mut xml = String::from(if prefix {
            "<p:r xmlns:p='urn:x' a='1'>"
        } else {
            "<r>"
        });
        for (i, text) in texts.iter().enumerate() {
            let escaped = text
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            match i % 4 {
                0 => xml.push_str(&escaped),
                1 => xml.push_str(&format!(
                    "<e b=\"{}\">{escaped}</e>",
                    escaped.replace('"', "&quot;")
                )),
                2 if !text.contains("]]>") => xml.push_str(&format!("<![CDATA[{text}]]>")),
                _ => xml.push_str(&format!("<!-- c --><e/>{escaped}<?pi?>")),
            }
        }
        xml.push_str(if prefix { "</p:r>" } else { "</r>" });
        xml
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(if cfg!(miri) { 8 } else { 512 }))]

        /// Any bytes: an answer, never a panic.
        #[test]
        fn arbitrary_input_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let xml = String::from_utf8_lossy(&bytes);
            let _ = events(&xml);
        }

        /// Markup-heavy input: an answer, never a panic.
        #[test]
        fn markup_soup_never_panics(xml in "[<>/!?\\[\\]&;#x0-9a-z:='\" \r\n-]{0,120}") {
            let _ = events(&xml);
            let _ = events(&format!("<r>{xml}</r>"));
        }

        /// Well-formed documents read back their text, line ends normalized.
        #[test]
        fn well_formed_documents_read_back(
            texts in proptest::collection::vec("[^\u{0}-\u{8}\u{b}\u{c}\u{e}-\u{1f}\u{fffe}\u{ffff}]{0,12}", 0..8),
            prefix in any::<bool>(),
        ) {
            let expected: String = texts.iter().map(|t| t.replace("\r\n", "\n").replace('\r', "\n")).collect();
            prop_assert_eq!(text(&document(&texts, prefix)), Ok(expected));
        }
    }
}

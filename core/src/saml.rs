//! SAML 2.0 responses, **decoded but never verified**: the attributes of the
//! assertion, and the IAM roles it offers.
//!
//! A SAML login value (the `Logins` value of a SAML provider) is a base64
//! `samlp:Response`. [`decode_response`] reads the attributes of its
//! assertion; [`saml_roles`] and [`Assertion::roles`] read the
//! `https://aws.amazon.com/SAML/Attributes/Role` attribute, whose values pair
//! an IAM role with the IAM SAML provider allowed to assume it.
//!
//! **No signature is checked** (neither the response's nor the assertion's),
//! nor are conditions, audiences or validity times: this module only reads
//! what an assertion *claims*, to simulate what the Cognito service would
//! decide (docs/REFERENCE.md section 8). Never use it to make an access decision about a
//! real request.
//!
//! # How the XML is read
//!
//! Standard base64 (whitespace allowed, as identity providers wrap it) → at
//! most 1 MiB of UTF-8 (a leading byte order mark is skipped) → the crate's
//! own streaming XML reader (`xml.rs`, written for exactly this), which
//! checks that the document is well-formed XML 1.0 with namespaces, neither
//! reads DTDs, expands entities nor fetches anything, and resolves each
//! element's prefix (or default namespace) to its namespace name. On top of
//! it:
//!
//! * elements are matched by **local name** and **namespace**, whatever
//!   their prefix (`samlp:Response`, `saml2p:Response`): `Response` in the
//!   SAML 2.0 protocol namespace, `Assertion` and the elements below it in
//!   the SAML 2.0 assertion namespace; an element in another namespace (an
//!   `Assertion` of another vocabulary) is not read as SAML's. Unqualified
//!   names (no namespace declared) are accepted as SAML's;
//! * the root element must be `Response`, else [`SamlError::NotAResponse`];
//! * any `DOCTYPE` is refused ([`SamlError::Doctype`]): SAML never needs one,
//!   and refusing it rules out entity tricks;
//! * only the five predefined entities (`&lt;` `&gt;` `&amp;` `&apos;`
//!   `&quot;`) and numeric character references are understood; any other
//!   reference is an error;
//! * attributes are read from the path `Response/Assertion/
//!   AttributeStatement/Attribute/AttributeValue` (each element a child of
//!   the previous one); an `Assertion` anywhere else (for example inside
//!   `Advice`) is ignored. A response whose only assertions are
//!   `EncryptedAssertion`s gives [`SamlError::Encrypted`]; one with no
//!   assertion at all decodes to no attributes;
//! * an attribute's `Name` is its key (`Attribute` elements without one are
//!   skipped); several `Attribute` elements with the same `Name` are merged,
//!   values in document order;
//! * a value is all the text inside its `AttributeValue` (CDATA included,
//!   line ends normalized to `\n`), trimmed of XML whitespace; an empty or
//!   self-closing `AttributeValue` gives `""`;
//! * nesting deeper than 64 elements is an error;
//! * characters XML does not allow (control characters other than tab, line
//!   feed and carriage return; U+FFFE, U+FFFF) are an error
//!   ([`XmlProblem::InvalidCharacter`]), as is any other markup that is not
//!   well-formed: unclosed or mismatched tags, unquoted or repeated
//!   attributes, `<` in an attribute value, `--` in a comment, text or a
//!   second element outside the root.
//!
//! Work and memory are linear in the input; nothing here panics. Errors say
//! what is wrong and where (line and column of the decoded XML), never what
//! the response contained, and [`Assertion`]'s `Debug` output shows only
//! attribute names from a fixed list of well-known ones, never a value.

use crate::seen::Seen;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::arn::{Arn, ArnKind};
use crate::base64::{self, Alphabet};
use crate::xml::{self, Event, Namespace, Reader};

/// The attribute whose values are the roles a SAML assertion offers.
pub const ROLE_ATTRIBUTE: &str = "https://aws.amazon.com/SAML/Attributes/Role";

/// The largest decoded SAML response accepted, in bytes (1 MiB).
pub const MAX_XML_BYTES: usize = 1 << 20;

/// The deepest element nesting accepted.
pub const MAX_DEPTH: usize = 64;

/// One role a SAML assertion offers: the role and the SAML provider that may assume it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SamlRole {
    /// The IAM role ARN, `arn:<partition>:iam::<account>:role/<path/>name`.
    pub role_arn: String,
    /// The IAM SAML provider ARN, `arn:<partition>:iam::<account>:saml-provider/<name>`.
    pub provider_arn: String,
}

/// The attributes of a SAML Response's assertion (decoded, NOT verified).
///
/// `Debug` prints only the names of well-known attributes (the AWS ones and
/// common identity-provider claims) and a count of the others; never a value.
#[derive(Clone)]
pub struct Assertion {
    attributes: Vec<(String, Vec<String>)>,
}

/// Why a SAML response cannot be read. Never contains any part of the response.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SamlError {
    /// The response is not standard base64.
    #[error("the SAML response is not base64")]
    Base64,
    /// The decoded response is not UTF-8.
    #[error("the decoded SAML response is not UTF-8")]
    NotUtf8,
    /// The decoded response is not well-formed XML (or nests too deep).
    #[error("the SAML response is not well-formed XML: {problem} (line {line}, column {column})")]
    Xml {
        /// What is wrong.
        problem: XmlProblem,
        /// 1-based line in the decoded XML.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
    },
    /// The response has a `DOCTYPE` declaration; none is accepted.
    #[error("the SAML response has a DOCTYPE declaration, which is not accepted")]
    Doctype,
    /// The root element is not a (SAML protocol) `Response`.
    #[error("the root element of the SAML response is not Response")]
    NotAResponse,
    /// The response's assertions are all encrypted: their attributes cannot be read.
    #[error("the SAML assertion is encrypted, so its attributes cannot be read")]
    Encrypted,
    /// The decoded response is larger than [`MAX_XML_BYTES`].
    #[error("the decoded SAML response is larger than 1 MiB")]
    TooLarge,
}

impl SamlError {
    /// A stable name for the failure, the same in every binding:
    /// `base64`, `not_utf8`, `xml`, `doctype`, `not_a_response`,
    /// `encrypted` or `too_large`.
    pub fn code(&self) -> &'static str {
        match self {
            SamlError::Base64 => "base64",
            SamlError::NotUtf8 => "not_utf8",
            SamlError::Xml { .. } => "xml",
            SamlError::Doctype => "doctype",
            SamlError::NotAResponse => "not_a_response",
            SamlError::Encrypted => "encrypted",
            SamlError::TooLarge => "too_large",
        }
    }
}

/// What makes a decoded response not well-formed XML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum XmlProblem {
    /// Markup that does not follow the XML grammar.
    Syntax,
    /// The document ends inside markup or before every element is closed (truncated).
    UnexpectedEnd,
    /// An end tag that does not close the element open at that point.
    MismatchedEndTag,
    /// An entity reference other than the five predefined ones.
    UnknownEntity,
    /// A numeric character reference to a character XML does not allow.
    InvalidCharacterReference,
    /// Elements nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// No root element at all.
    NoRootElement,
    /// Text or a second element outside the root element.
    ContentOutsideRoot,
    /// A character XML does not allow (a control character other than tab,
    /// line feed and carriage return, or U+FFFE, U+FFFF), written as itself.
    InvalidCharacter,
    /// More than 128 namespace declarations in scope at once.
    TooManyNamespaces,
}

impl fmt::Display for XmlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            XmlProblem::Syntax => "invalid markup",
            XmlProblem::UnexpectedEnd => "unexpected end of the document",
            XmlProblem::MismatchedEndTag => "an end tag does not match the open element",
            XmlProblem::UnknownEntity => "an entity reference other than lt, gt, amp, apos, quot",
            XmlProblem::InvalidCharacterReference => "an invalid character reference",
            XmlProblem::TooDeep => "elements nested deeper than 64 levels",
            XmlProblem::NoRootElement => "no root element",
            XmlProblem::ContentOutsideRoot => "content outside the root element",
            XmlProblem::InvalidCharacter => "a character XML does not allow",
            XmlProblem::TooManyNamespaces => "more than 128 namespace declarations in scope",
        })
    }
}

/// Decode a base64 SAML Response and read its assertion's attributes,
/// without verifying anything.
///
/// ```
/// use idpool::base64::{Alphabet, encode};
/// let xml = r#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"
///     xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"><saml:Assertion>
///   <saml:AttributeStatement><saml:Attribute Name="email">
///     <saml:AttributeValue>jane@example.com</saml:AttributeValue>
///   </saml:Attribute></saml:AttributeStatement>
/// </saml:Assertion></samlp:Response>"#;
/// let assertion = idpool::saml::decode_response(&encode(xml.as_bytes(), Alphabet::Standard, true))?;
/// assert_eq!(assertion.attribute("email"), Some(&["jane@example.com".to_string()][..]));
/// # Ok::<(), idpool::saml::SamlError>(())
/// ```
pub fn decode_response(response_base64: &str) -> Result<Assertion, SamlError> {
    // Refuse oversized input before allocating for it: `n` base64 symbols
    // decode to `n * 3 / 4` bytes.
    let symbols = response_base64
        .bytes()
        .filter(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'='))
        .count();
    if symbols / 4 * 3 > MAX_XML_BYTES {
        return Err(SamlError::TooLarge);
    }
    let bytes =
        base64::decode(response_base64, Alphabet::Standard).map_err(|_| SamlError::Base64)?;
    if bytes.len() > MAX_XML_BYTES {
        return Err(SamlError::TooLarge);
    }
    let text = std::str::from_utf8(&bytes).map_err(|_| SamlError::NotUtf8)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    read_assertion(text)
}

/// The roles offered by a base64 SAML Response (see [`Assertion::roles`]).
///
/// ```
/// use idpool::base64::{Alphabet, encode};
/// let xml = r#"<Response><Assertion><AttributeStatement>
///   <Attribute Name="https://aws.amazon.com/SAML/Attributes/Role">
///     <AttributeValue>arn:aws:iam::123456789012:saml-provider/Corp, arn:aws:iam::123456789012:role/Dev</AttributeValue>
///   </Attribute></AttributeStatement></Assertion></Response>"#;
/// let roles = idpool::saml_roles(&encode(xml.as_bytes(), Alphabet::Standard, true))?;
/// assert_eq!(roles[0].role_arn, "arn:aws:iam::123456789012:role/Dev");
/// assert_eq!(roles[0].provider_arn, "arn:aws:iam::123456789012:saml-provider/Corp");
/// # Ok::<(), idpool::saml::SamlError>(())
/// ```
pub fn saml_roles(response_base64: &str) -> Result<Vec<SamlRole>, SamlError> {
    Ok(decode_response(response_base64)?.roles())
}

impl Assertion {
    /// The attributes in document order: `Name` → values.
    pub fn attributes(&self) -> &[(String, Vec<String>)] {
        &self.attributes
    }

    /// The values of the attribute named `name`.
    pub fn attribute(&self, name: &str) -> Option<&[String]> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, values)| values.as_slice())
    }

    /// The roles offered, from the [`ROLE_ATTRIBUTE`] values: each value is
    /// "role ARN,provider ARN" in either order (spaces around each ARN are
    /// trimmed). Values that are not exactly one IAM role ARN and one IAM
    /// SAML provider ARN are skipped; duplicates are removed, order kept.
    pub fn roles(&self) -> Vec<SamlRole> {
        let mut roles: Vec<SamlRole> = Vec::new();
        let mut seen = Seen::default();
        for role in self
            .attribute(ROLE_ATTRIBUTE)
            .unwrap_or_default()
            .iter()
            .filter_map(|value| role_pair(value))
        {
            let id = roles.len();
            roles.push(role);
            let pair = |i: usize| (&roles[i].role_arn, &roles[i].provider_arn);
            if seen.first(id, &|a, b| pair(a).cmp(&pair(b))) != id {
                roles.pop();
            }
        }
        roles
    }

    /// The roles offered to the SAML provider `provider_arn` (compared exactly).
    pub fn roles_for(&self, provider_arn: &str) -> Vec<SamlRole> {
        let mut roles = self.roles();
        roles.retain(|role| role.provider_arn == provider_arn);
        roles
    }
}

/// One Role attribute value as a role and provider pair, in either order.
fn role_pair(value: &str) -> Option<SamlRole> {
    let mut parts = value.split(',');
    let (Some(first), Some(second), None) = (parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    let (first, second) = (first.trim(), second.trim());
    let is = |text: &str, kind| Arn::parse_kind(text, kind).is_ok();
    let (role, provider) = if is(first, ArnKind::Role) && is(second, ArnKind::SamlProvider) {
        (first, second)
    } else if is(first, ArnKind::SamlProvider) && is(second, ArnKind::Role) {
        (second, first)
    } else {
        return None;
    };
    Some(SamlRole {
        role_arn: role.to_string(),
        provider_arn: provider.to_string(),
    })
}

/// What an open element is, for the path the attributes are read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Response,
    Assertion,
    EncryptedAssertion,
    AttributeStatement,
    /// An `Attribute`, with the index of its entry (none when it has no `Name`).
    Attribute(Option<usize>),
    /// An `AttributeValue`, with the index of its attribute's entry.
    AttributeValue(Option<usize>),
    Other,
}

/// The namespace an element is in, as far as SAML cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Space {
    /// `urn:oasis:names:tc:SAML:2.0:protocol` (`Response`).
    Protocol,
    /// `urn:oasis:names:tc:SAML:2.0:assertion` (`Assertion` and below).
    Assertion,
    /// No namespace: unqualified names are read as SAML's (lenient, as
    /// hand-written and test responses often omit the declarations).
    Unqualified,
    /// Any other namespace, or an undeclared prefix: not SAML's.
    Foreign,
}

impl Space {
    fn of(namespace: Namespace<'_>) -> Space {
        match namespace {
            Namespace::Name("urn:oasis:names:tc:SAML:2.0:protocol") => Space::Protocol,
            Namespace::Name("urn:oasis:names:tc:SAML:2.0:assertion") => Space::Assertion,
            Namespace::None => Space::Unqualified,
            _ => Space::Foreign,
        }
    }

    /// True when an element in this namespace may be the SAML element that
    /// belongs to `wanted`.
    fn allows(self, wanted: Space) -> bool {
        self == wanted || self == Space::Unqualified
    }
}

/// The state of one read.
struct Collector {
    /// The open elements, at most [`MAX_DEPTH`].
    stack: Vec<Kind>,
    attributes: Vec<(String, Vec<String>)>,
    /// The attribute entries, by name.
    index: Seen,
    /// The text of the open `AttributeValue` that has an attribute entry.
    value: Option<String>,
    plain_assertions: usize,
    encrypted_assertions: usize,
}

fn read_assertion(xml: &str) -> Result<Assertion, SamlError> {
    let mut reader = Reader::new(xml);
    let mut collector = Collector {
        stack: Vec::with_capacity(16),
        attributes: Vec::new(),
        index: Seen::default(),
        value: None,
        plain_assertions: 0,
        encrypted_assertions: 0,
    };
    loop {
        match reader.next()? {
            Event::Eof => break,
            Event::Start(_) => {
                let kind = collector.open(&reader)?;
                collector.stack.push(kind);
            }
            Event::End => collector.close(),
            Event::Text(text) => {
                if let Some(value) = collector.value.as_mut() {
                    xml::push_text(value, text);
                }
            }
            Event::Char(c) => {
                if let Some(value) = collector.value.as_mut() {
                    value.push(c);
                }
            }
        }
    }
    if collector.plain_assertions == 0 && collector.encrypted_assertions > 0 {
        return Err(SamlError::Encrypted);
    }
    Ok(Assertion {
        attributes: collector.attributes,
    })
}

impl Collector {
    /// Classifies the element the reader just opened (its parent is the
    /// top of the stack).
    fn open(&mut self, reader: &Reader<'_>) -> Result<Kind, SamlError> {
        let name = reader.local_name();
        let namespace = Space::of(reader.namespace());
        let parent = self.stack.last().copied();
        if parent.is_none() && (name != "Response" || !namespace.allows(Space::Protocol)) {
            return Err(SamlError::NotAResponse);
        }
        // Only Attribute's `Name` is kept.
        let attribute_name = reader.attribute("Name");
        // Below the root, only elements of the assertion namespace (or of
        // none) are SAML's; an `Assertion` of another vocabulary is not.
        let parent = parent.filter(|_| namespace.allows(Space::Assertion));
        let kind = match parent {
            None if self.stack.is_empty() => Kind::Response,
            None => Kind::Other,
            Some(Kind::Response) if name == "Assertion" => {
                self.plain_assertions += 1;
                Kind::Assertion
            }
            Some(Kind::Response) if name == "EncryptedAssertion" => {
                self.encrypted_assertions += 1;
                Kind::EncryptedAssertion
            }
            Some(Kind::Assertion) if name == "AttributeStatement" => Kind::AttributeStatement,
            Some(Kind::AttributeStatement) if name == "Attribute" => {
                Kind::Attribute(attribute_name.map(|n| self.entry(n)))
            }
            Some(Kind::Attribute(entry)) if name == "AttributeValue" => {
                if entry.is_some() {
                    self.value = Some(String::new());
                }
                Kind::AttributeValue(entry)
            }
            Some(_) => Kind::Other,
        };
        Ok(kind)
    }

    /// The index of the attribute entry named `name`, added if new.
    fn entry(&mut self, name: &str) -> usize {
        let id = self.attributes.len();
        self.attributes.push((name.to_string(), Vec::new()));
        let attributes = &self.attributes;
        let first = self
            .index
            .first(id, &|a, b| attributes[a].0.cmp(&attributes[b].0));
        if first != id {
            self.attributes.pop();
        }
        first
    }

    /// Closes the innermost open element.
    fn close(&mut self) {
        if let Some(Kind::AttributeValue(Some(entry))) = self.stack.pop() {
            let text = self.value.take().unwrap_or_default();
            let trimmed = xml::trim_end_spaces(xml::skip_spaces(&text));
            let value = if trimmed.len() == text.len() {
                text
            } else {
                trimmed.to_string()
            };
            if let Some((_, values)) = self.attributes.get_mut(entry) {
                values.push(value);
            }
        }
    }
}

/// Attribute names that `Debug` may show: the AWS ones and common claims of
/// identity providers. Names only, never values.
const KNOWN_ATTRIBUTES: &[&str] = &[
    ROLE_ATTRIBUTE,
    "https://aws.amazon.com/SAML/Attributes/RoleSessionName",
    "https://aws.amazon.com/SAML/Attributes/SessionDuration",
    "https://aws.amazon.com/SAML/Attributes/SourceIdentity",
    "https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn",
    "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups",
    "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
    "http://schemas.microsoft.com/identity/claims/objectidentifier",
    "http://schemas.microsoft.com/identity/claims/tenantid",
    "urn:oid:0.9.2342.19200300.100.1.1",
    "urn:oid:0.9.2342.19200300.100.1.3",
    "urn:oid:1.3.6.1.4.1.5923.1.1.1.6",
    "urn:oid:1.3.6.1.4.1.5923.1.1.1.7",
    "email",
    "mail",
    "groups",
    "memberOf",
    "firstName",
    "lastName",
    "uid",
];

impl fmt::Debug for Assertion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<&'static str> = Vec::new();
        let mut others = 0usize;
        for (name, _) in &self.attributes {
            match KNOWN_ATTRIBUTES.iter().find(|k| **k == name) {
                Some(known) => names.push(known),
                None => others += 1,
            }
        }
        f.debug_struct("Assertion")
            .field("attributes", &names)
            .field("other_attributes", &others)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROLE: &str = "arn:aws:iam::123456789012:role/Dev";
    const PROVIDER: &str = "arn:aws:iam::123456789012:saml-provider/Corp";

    /// A response whose root is `root` (with its namespace declarations)
    /// and whose assertion is `<{a}Assertion {decl}>`.
    fn response_with(root: &str, root_decl: &str, a: &str, decl: &str) -> String {
        format!(
            r#"<{root} {root_decl}><{a}Assertion {decl}><{a}AttributeStatement><{a}Attribute Name="https://aws.amazon.com/SAML/Attributes/Role"><{a}AttributeValue>{ROLE},{PROVIDER}</{a}AttributeValue></{a}Attribute></{a}AttributeStatement></{a}Assertion></{root}>"#
        )
    }

    /// Issue: an `Assertion` in a foreign namespace still yielded roles.
    #[test]
    fn only_saml_namespaces_are_read_as_saml() {
        let protocol = r#"xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol""#;
        let assertion = r#"xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion""#;
        let roles = |xml: &str| read_assertion(xml).map(|a| a.roles().len());
        // The SAML namespaces, and unqualified names, are read.
        assert_eq!(
            roles(&response_with(
                "samlp:Response",
                protocol,
                "saml:",
                assertion
            )),
            Ok(1)
        );
        assert_eq!(roles(&response_with("Response", "", "", "")), Ok(1));
        // An assertion of another vocabulary is not SAML's.
        let foreign = r#"xmlns:x="urn:example:not-saml""#;
        assert_eq!(
            roles(&response_with("samlp:Response", protocol, "x:", foreign)),
            Ok(0)
        );
        // Nor one whose default namespace is another one.
        let default_foreign = r#"xmlns="urn:example:not-saml""#;
        assert_eq!(
            roles(&response_with(
                "samlp:Response",
                protocol,
                "",
                default_foreign
            )),
            Ok(0)
        );
        // Nor one whose prefix is undeclared.
        assert_eq!(
            roles(&response_with("samlp:Response", protocol, "y:", "")),
            Ok(0)
        );
        // A Response of another vocabulary is not a SAML response.
        assert_eq!(
            roles(&response_with("x:Response", foreign, "saml:", assertion)),
            Err(SamlError::NotAResponse)
        );
    }

    #[test]
    fn role_pairs_in_either_order() {
        let expected = SamlRole {
            role_arn: ROLE.into(),
            provider_arn: PROVIDER.into(),
        };
        assert_eq!(
            role_pair(&format!("{ROLE},{PROVIDER}")),
            Some(expected.clone())
        );
        assert_eq!(
            role_pair(&format!(" {PROVIDER} ,\t{ROLE} ")),
            Some(expected)
        );
        for bad in [
            format!("{ROLE},{ROLE}"),
            format!("{PROVIDER},{PROVIDER}"),
            format!("{ROLE},{PROVIDER},{ROLE}"),
            ROLE.to_string(),
            format!("{ROLE};{PROVIDER}"),
            format!("arn:aws:iam::12345:role/Dev,{PROVIDER}"),
            format!("arn:aws:sts::123456789012:role/Dev,{PROVIDER}"),
            format!("arn:aws:iam::123456789012:user/Dev,{PROVIDER}"),
            format!("{ROLE},arn:aws:iam::123456789012:oidc-provider/example.com"),
            String::new(),
        ] {
            assert_eq!(role_pair(&bad), None, "{bad}");
        }
    }

    #[test]
    fn debug_shows_known_names_only() {
        let assertion = Assertion {
            attributes: vec![
                (ROLE_ATTRIBUTE.into(), vec![format!("{ROLE},{PROVIDER}")]),
                ("custom-private-name".into(), vec!["value".into()]),
            ],
        };
        let debug = format!("{assertion:?}");
        assert!(debug.contains(ROLE_ATTRIBUTE));
        assert!(debug.contains("other_attributes: 1"));
        assert!(!debug.contains("custom-private-name"));
        assert!(!debug.contains("Dev"));
    }

    #[test]
    fn error_messages() {
        let err = SamlError::Xml {
            problem: XmlProblem::UnexpectedEnd,
            line: 3,
            column: 7,
        };
        assert_eq!(
            err.to_string(),
            "the SAML response is not well-formed XML: unexpected end of the document (line 3, column 7)"
        );
    }
}

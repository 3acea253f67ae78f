//! From an evaluated resource to the API input the core checks.
//!
//! The conversion follows the model's shapes: CloudFormation writes
//! numbers and booleans where the API takes strings (and `"true"` where it
//! takes booleans), so scalars are coerced as CloudFormation coerces them.
//! Each emitted value records where it came from (API pointer → template
//! pointer and span); each value left out because it is unknown records its
//! API pointer, so issues depending on it can be dropped. What is certain
//! about an unknown value (its shape, the literal pieces of a partly known
//! string) is checked here, slot by slot.

use crate::eval::{Ev, EvV, Piece, Shape, Via};
use crate::report::TemplateIssue;
use crate::tree::{Span, child_pointer};
use idpool::schema::{ShapeId, ShapeKind};

/// An API value, written out as JSON for the core.
#[derive(Debug, Clone)]
pub(crate) enum Api {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<Api>),
    Obj(Vec<(String, Api)>),
}

impl Api {
    pub(crate) fn write(&self, out: &mut String) {
        match self {
            Api::Null => out.push_str("null"),
            Api::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Api::Num(n) => out.push_str(n),
            Api::Str(s) => idpool::json::write_string(s, out),
            Api::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Api::Obj(members) => {
                out.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    idpool::json::write_string(k, out);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }

    pub(crate) fn to_json(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    pub(crate) fn get(&self, key: &str) -> Option<&Api> {
        match self {
            Api::Obj(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub(crate) fn set(&mut self, key: &str, value: Api) {
        if let Api::Obj(members) = self {
            match members.iter_mut().find(|(k, _)| k == key) {
                Some(slot) => slot.1 = value,
                None => members.push((key.to_string(), value)),
            }
        }
    }
}

/// Where an API value came from.
#[derive(Debug, Clone)]
pub(crate) struct Loc {
    pub api: String,
    pub ptr: String,
    pub span: Span,
    pub key_span: Option<Span>,
    pub key_ptr: Option<String>,
    pub via: Option<Via>,
}

/// The converted input and what is known about it.
#[derive(Debug, Default)]
pub(crate) struct Converted {
    pub value: Option<Api>,
    pub locs: Vec<Loc>,
    /// API pointers of values left out because they are unknown. A pointer
    /// ending in `/*` stands for an unknown entry of a list.
    pub unknown: Vec<String>,
    pub errors: Vec<TemplateIssue>,
    pub warnings: Vec<TemplateIssue>,
}

/// The slot a value fills, for what certain shapes may fill it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    RoleArn,
    OidcArn,
    SamlArn,
    UserPoolProvider,
    ProviderName,
    PoolId,
    Other,
}

fn slot(container: Option<ShapeId>, member: Option<&str>, leaf: Option<ShapeId>) -> Slot {
    if leaf == Some(ShapeId::IDENTITY_POOL_ID) {
        return Slot::PoolId;
    }
    match (container, member) {
        (Some(ShapeId::ROLES_MAP), _) => Slot::RoleArn,
        (Some(ShapeId::MAPPING_RULE), Some("RoleARN")) => Slot::RoleArn,
        (Some(ShapeId::OIDC_PROVIDER_LIST), _) => Slot::OidcArn,
        (Some(ShapeId::SAML_PROVIDER_LIST), _) => Slot::SamlArn,
        (Some(ShapeId::COGNITO_IDENTITY_PROVIDER), Some("ProviderName")) => Slot::UserPoolProvider,
        (Some(ShapeId::SET_PRINCIPAL_TAG_ATTRIBUTE_MAP_INPUT), Some("IdentityProviderName")) => {
            Slot::ProviderName
        }
        _ => Slot::Other,
    }
}

/// The pattern of a string shape when it is one character class repeated
/// (`[\w._-]+`): then any literal character outside the class fails it,
/// whatever the unknown parts of the string are.
fn class_pattern(shape: ShapeId) -> Option<&'static str> {
    let ShapeKind::String(rules) = &shape.shape().kind else {
        return None;
    };
    let pattern = rules.pattern?;
    let inner = pattern.strip_prefix('[')?.strip_suffix("]+")?;
    let mut escaped = false;
    for c in inner.chars() {
        match (escaped, c) {
            (false, '\\') => escaped = true,
            (false, '[' | ']') => return None,
            _ => escaped = false,
        }
    }
    Some(pattern)
}

fn max_length(shape: ShapeId) -> Option<i64> {
    match &shape.shape().kind {
        ShapeKind::String(rules) => rules.bounds.max,
        _ => None,
    }
}

/// Where a value goes: the shape holding it, its member name, its API
/// pointer, and the key that leads to it.
pub(crate) struct Place<'a> {
    pub container: Option<ShapeId>,
    pub member: Option<&'a str>,
    pub api: &'a str,
    pub key_span: Option<Span>,
    pub key_ptr: Option<String>,
}

impl Place<'static> {
    /// The whole input.
    pub(crate) fn root() -> Place<'static> {
        Place {
            container: None,
            member: None,
            api: "",
            key_span: None,
            key_ptr: None,
        }
    }
}

pub(crate) struct Converter {
    pub out: Converted,
}

impl Converter {
    pub(crate) fn new() -> Converter {
        Converter {
            out: Converted::default(),
        }
    }

    fn loc(&mut self, api: &str, ev: &Ev, key_span: Option<Span>, key_ptr: Option<String>) {
        self.out.locs.push(Loc {
            api: api.to_string(),
            ptr: ev.ptr.clone(),
            span: ev.span,
            key_span,
            key_ptr,
            via: ev.via.clone(),
        });
    }

    fn error(&mut self, issue: TemplateIssue, api: &str, ev: &Ev) {
        self.out.errors.push(issue.path(api).at(&ev.ptr, ev.span));
    }

    /// Convert a value for a member of `container` (or an entry of it).
    pub(crate) fn value(
        &mut self,
        ev: &Ev,
        shape: Option<ShapeId>,
        place: Place<'_>,
    ) -> Option<Api> {
        let Place {
            container,
            member,
            api,
            key_span,
            key_ptr,
        } = place;
        match &ev.v {
            EvV::NoValue => return None,
            EvV::Unknown => {
                self.out.unknown.push(api.to_string());
                return None;
            }
            EvV::Shaped(found, source) => {
                self.out.unknown.push(api.to_string());
                self.shaped(
                    *found,
                    source,
                    slot(container, member, shape),
                    shape,
                    api,
                    ev,
                );
                return None;
            }
            EvV::Partial(pieces) => {
                self.out.unknown.push(api.to_string());
                if let Some(shape) = shape {
                    self.partial(pieces, shape, api, ev);
                }
                return None;
            }
            _ => {}
        }
        self.loc(api, ev, key_span, key_ptr);
        let kind = shape.map(|s| &s.shape().kind);
        Some(match (kind, &ev.v) {
            (Some(ShapeKind::String(_)), EvV::Num(n)) => Api::Str(n.clone()),
            (Some(ShapeKind::String(_)), EvV::Bool(b)) => {
                if let Some(word) = &ev.yaml11 {
                    self.out.warnings.push(
                        TemplateIssue::new(
                            "yaml11_value",
                            format!(
                                "CloudFormation reads YAML 1.1, where the unquoted word `{word}` is the boolean {b}; this property receives the text \"{b}\". Quote it to send the word."
                            ),
                        )
                        .path(api)
                        .at(&ev.ptr, ev.span),
                    );
                }
                Api::Str(b.to_string())
            }
            (Some(ShapeKind::Boolean), EvV::Bool(b)) => {
                if let Some(word) = &ev.yaml11 {
                    self.out.warnings.push(
                        TemplateIssue::new(
                            "yaml11_value",
                            format!(
                                "CloudFormation reads YAML 1.1, where the unquoted word `{word}` is the boolean {b}; YAML 1.2 tools read it as text. Write {b}."
                            ),
                        )
                        .path(api)
                        .at(&ev.ptr, ev.span),
                    );
                }
                Api::Bool(*b)
            }
            (Some(ShapeKind::Boolean), EvV::Str(s)) if s.eq_ignore_ascii_case("true") => {
                Api::Bool(true)
            }
            (Some(ShapeKind::Boolean), EvV::Str(s)) if s.eq_ignore_ascii_case("false") => {
                Api::Bool(false)
            }
            (Some(ShapeKind::Integer(_) | ShapeKind::Long(_)), EvV::Str(s))
                if crate::yaml::is_json_number(s) =>
            {
                Api::Num(s.clone())
            }
            (Some(ShapeKind::Structure(_)), EvV::Obj(members)) => {
                let parent = shape.expect("a structure kind comes from a shape");
                let mut out = Vec::new();
                for m in members {
                    let member_shape = parent.shape().member(&m.key).map(|x| x.shape);
                    let at = child_pointer(api, &m.key);
                    if let Some(v) = self.value(
                        &m.value,
                        member_shape,
                        Place {
                            container: Some(parent),
                            member: Some(&m.key),
                            api: &at,
                            key_span: Some(m.key_span),
                            key_ptr: m.key_ptr.clone(),
                        },
                    ) {
                        out.push((m.key.clone(), v));
                    }
                }
                Api::Obj(out)
            }
            (Some(ShapeKind::List { member, .. }), EvV::Arr(items)) => {
                let list = shape.expect("a list kind comes from a shape");
                let mut out = Vec::new();
                for item in items {
                    let at = child_pointer(api, &out.len().to_string());
                    match self.value(
                        item,
                        Some(*member),
                        Place {
                            container: Some(list),
                            member: None,
                            api: &at,
                            key_span: None,
                            key_ptr: None,
                        },
                    ) {
                        Some(v) => out.push(v),
                        None => {
                            // `at` was recorded as unknown; an unknown entry of
                            // a list is "some entry", not this index.
                            if self.out.unknown.last() == Some(&at) {
                                self.out.unknown.pop();
                                self.out.unknown.push(child_pointer(api, "*"));
                            }
                        }
                    }
                }
                Api::Arr(out)
            }
            (Some(ShapeKind::Map { value, .. }), EvV::Obj(members)) => {
                let map = shape.expect("a map kind comes from a shape");
                let mut out = Vec::new();
                for m in members {
                    let at = child_pointer(api, &m.key);
                    if let Some(v) = self.value(
                        &m.value,
                        Some(*value),
                        Place {
                            container: Some(map),
                            member: None,
                            api: &at,
                            key_span: Some(m.key_span),
                            key_ptr: m.key_ptr.clone(),
                        },
                    ) {
                        out.push((m.key.clone(), v));
                    }
                }
                Api::Obj(out)
            }
            (_, EvV::Null) => Api::Null,
            (_, EvV::Bool(b)) => Api::Bool(*b),
            // A number no double can hold goes as its text (a `type` issue
            // where a number belongs) rather than breaking the whole input.
            (_, EvV::Num(n)) if !n.parse::<f64>().is_ok_and(f64::is_finite) => Api::Str(n.clone()),
            (_, EvV::Num(n)) => Api::Num(n.clone()),
            (_, EvV::Str(s)) => Api::Str(s.clone()),
            (_, EvV::Arr(items)) => {
                let mut out = Vec::new();
                for item in items {
                    let at = child_pointer(api, &out.len().to_string());
                    if let Some(v) = self.value(
                        item,
                        None,
                        Place {
                            container: None,
                            member: None,
                            api: &at,
                            key_span: None,
                            key_ptr: None,
                        },
                    ) {
                        out.push(v);
                    }
                }
                Api::Arr(out)
            }
            (_, EvV::Obj(members)) => {
                let mut out = Vec::new();
                for m in members {
                    let at = child_pointer(api, &m.key);
                    if let Some(v) = self.value(
                        &m.value,
                        None,
                        Place {
                            container: None,
                            member: None,
                            api: &at,
                            key_span: Some(m.key_span),
                            key_ptr: m.key_ptr.clone(),
                        },
                    ) {
                        out.push((m.key.clone(), v));
                    }
                }
                Api::Obj(out)
            }
            (_, EvV::Unknown | EvV::Shaped(..) | EvV::Partial(_) | EvV::NoValue) => {
                unreachable!("handled above")
            }
        })
    }

    /// What is certain about a value of a known shape in this slot.
    fn shaped(
        &mut self,
        found: Shape,
        source: &str,
        slot: Slot,
        leaf: Option<ShapeId>,
        api: &str,
        ev: &Ev,
    ) {
        let what = found.describe();
        let fine = matches!(
            (slot, found),
            (Slot::RoleArn, Shape::RoleArn)
                | (Slot::OidcArn, Shape::OidcArn)
                | (Slot::SamlArn, Shape::SamlArn)
                | (Slot::UserPoolProvider, Shape::UserPoolProviderName)
                | (Slot::PoolId, Shape::IdentityPoolId)
        ) || slot == Slot::Other
            || (slot == Slot::ProviderName && found != Shape::UserPoolProviderUrl);
        if fine {
            return;
        }
        let issue = match (slot, found) {
            (Slot::RoleArn, Shape::RoleName) => TemplateIssue::new(
                "ref_returns_name",
                format!(
                    "{source} returns the role's name, not its ARN; use Fn::GetAtt with the role's Arn attribute."
                ),
            ),
            (Slot::RoleArn | Slot::OidcArn | Slot::SamlArn, _) => {
                let want = match slot {
                    Slot::RoleArn => "an IAM role ARN",
                    Slot::OidcArn => "an IAM OIDC provider ARN",
                    _ => "an IAM SAML provider ARN",
                };
                let mut issue = TemplateIssue::new(
                    "invalid_arn",
                    format!("{source} is {what}, but this slot takes {want}."),
                );
                issue.params.core.expected = Some(want.to_string());
                issue
            }
            (Slot::UserPoolProvider | Slot::ProviderName, Shape::UserPoolProviderUrl) => {
                TemplateIssue::new(
                    "provider_url_not_name",
                    format!(
                        "{source} is an https:// URL, not a provider name; use the user pool's ProviderName attribute."
                    ),
                )
            }
            (Slot::UserPoolProvider, _) => TemplateIssue::new(
                "invalid_user_pool_provider",
                format!(
                    "{source} is {what}, but a user-pool ProviderName is cognito-idp.<region>.amazonaws.com/<user pool id> (Fn::GetAtt of the pool's ProviderName)."
                ),
            ),
            (Slot::PoolId, _) => {
                let mut issue = TemplateIssue::new(
                    "pattern",
                    format!(
                        "{source} is {what}, which never has the form <region>:<guid> of an identity pool id."
                    ),
                );
                if let Some(ShapeKind::String(rules)) = leaf.map(|l| &l.shape().kind) {
                    issue.params.core.pattern = rules.pattern.map(str::to_string);
                }
                issue
            }
            _ => return,
        };
        let mut issue = issue;
        issue.params.shape = Some(what.to_string());
        issue.params.source = Some(source.to_string());
        self.error(issue, api, ev);
    }

    /// What is certain about a partly known string.
    fn partial(&mut self, pieces: &[Piece], shape: ShapeId, api: &str, ev: &Ev) {
        let literal: String = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Lit(s) => Some(s.as_str()),
                Piece::Hole => None,
            })
            .collect();
        if let Some(max) = max_length(shape) {
            let count = literal.chars().count() as i64;
            if count > max {
                let mut issue = TemplateIssue::new(
                    "length",
                    format!(
                        "The known parts alone are {count} characters long, more than the maximum of {max}."
                    ),
                );
                issue.params.core.max = Some(max);
                issue.params.core.actual = Some(count);
                self.error(issue, api, ev);
                return;
            }
        }
        let Some(pattern) = class_pattern(shape) else {
            return;
        };
        let ShapeKind::String(rules) = &shape.shape().kind else {
            return;
        };
        if let Some(bad) = literal
            .chars()
            .find(|&c| rules.class_admits(c) == Some(false))
        {
            let mut issue = TemplateIssue::new(
                "pattern",
                format!(
                    "The literal character {bad:?} is not allowed by the pattern {pattern}, whatever the unknown parts of the string are."
                ),
            );
            issue.params.core.pattern = Some(pattern.to_string());
            issue.params.core.found = Some(bad.to_string());
            self.error(issue, api, ev);
        }
    }
}

//! Partial evaluation of CloudFormation intrinsic functions.
//!
//! A value is known (a literal, or functions over known inputs), unknown
//! (a parameter without a default, `Fn::ImportValue`, a resource outside
//! the template), of a known shape (what `Ref`/`Fn::GetAtt` of a resource
//! type returns, e.g. an IAM role's `Ref` is its name), or a partly known
//! string (`Fn::Sub`/`Fn::Join` with unknown parts keep their literal
//! pieces). Unknown values never produce findings; the checker drops every
//! issue that depends on one.
//!
//! Parameter defaults and the branches of an `Fn::If` whose condition is
//! unknown are not certain: the base evaluation treats them as unknown, and
//! [`Mode`] asks for a second look with defaults substituted or one `Fn::If`
//! taken one way, whose extra findings become warnings naming the
//! parameter or condition.

use crate::tree::{Member, Node, Span, Value, child_pointer};
use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;

/// What a `Ref` or `Fn::GetAtt` of a resource returns, when its value is
/// unknown but its form is certain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `Ref` of `AWS::IAM::Role`: the role name.
    RoleName,
    /// `Fn::GetAtt Role.Arn`.
    RoleArn,
    /// An IAM OIDC provider ARN.
    OidcArn,
    /// An IAM SAML provider ARN.
    SamlArn,
    /// `Ref` of `AWS::Cognito::UserPool`: `<region>_<id>`.
    UserPoolId,
    /// `Fn::GetAtt UserPool.ProviderName`: `cognito-idp.<region>.amazonaws.com/<id>`.
    UserPoolProviderName,
    /// `Fn::GetAtt UserPool.ProviderURL`: `https://cognito-idp...`.
    UserPoolProviderUrl,
    /// `Fn::GetAtt UserPool.Arn`.
    UserPoolArn,
    /// `Ref` of `AWS::Cognito::UserPoolClient`: the client id.
    ClientId,
    /// `Ref` of `AWS::Cognito::IdentityPool`: `<region>:<guid>`.
    IdentityPoolId,
    /// `Fn::GetAtt IdentityPool.Name`.
    IdentityPoolName,
}

impl Shape {
    /// What the value is, for messages.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Shape::RoleName => "an IAM role name",
            Shape::RoleArn => "an IAM role ARN",
            Shape::OidcArn => "an IAM OIDC provider ARN",
            Shape::SamlArn => "an IAM SAML provider ARN",
            Shape::UserPoolId => "a user pool id (<region>_<id>)",
            Shape::UserPoolProviderName => "a user pool provider name",
            Shape::UserPoolProviderUrl => "a user pool provider URL (https://...)",
            Shape::UserPoolArn => "a user pool ARN",
            Shape::ClientId => "a user pool client id",
            Shape::IdentityPoolId => "an identity pool id",
            Shape::IdentityPoolName => "an identity pool name",
        }
    }

    /// The shape of `Ref` (attribute `None`) or `Fn::GetAtt` of a resource
    /// type. Sources: the return-value sections of the AWS CloudFormation
    /// resource reference pages of each type.
    pub(crate) fn of(resource_type: &str, attribute: Option<&str>) -> Option<Shape> {
        Some(match (resource_type, attribute) {
            ("AWS::IAM::Role", None) => Shape::RoleName,
            ("AWS::IAM::Role", Some("Arn")) => Shape::RoleArn,
            ("AWS::IAM::OIDCProvider", None | Some("Arn")) => Shape::OidcArn,
            ("AWS::IAM::SAMLProvider", None | Some("Arn")) => Shape::SamlArn,
            ("AWS::Cognito::UserPool", None | Some("UserPoolId")) => Shape::UserPoolId,
            ("AWS::Cognito::UserPool", Some("ProviderName")) => Shape::UserPoolProviderName,
            ("AWS::Cognito::UserPool", Some("ProviderURL")) => Shape::UserPoolProviderUrl,
            ("AWS::Cognito::UserPool", Some("Arn")) => Shape::UserPoolArn,
            ("AWS::Cognito::UserPoolClient", None | Some("ClientId")) => Shape::ClientId,
            ("AWS::Cognito::IdentityPool", None | Some("Id")) => Shape::IdentityPoolId,
            ("AWS::Cognito::IdentityPool", Some("Name")) => Shape::IdentityPoolName,
            _ => return None,
        })
    }
}

/// Why an uncertain value is what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Via {
    /// Through this parameter's `Default`.
    Parameter(String),
    /// Through one branch of an `Fn::If` on this condition.
    Condition(String),
}

/// An evaluated value, located at its use site.
#[derive(Debug, Clone)]
pub(crate) struct Ev {
    pub v: EvV,
    /// Where the value is used (for a `Ref`, the `Ref`, not the default).
    pub span: Span,
    /// JSON Pointer of the use site in the template.
    pub ptr: String,
    /// Set when the value holds only through a default or a branch.
    pub via: Option<Via>,
    /// The YAML 1.1 word read as this boolean, if any.
    pub yaml11: Option<String>,
}

/// A member of an evaluated object.
#[derive(Debug, Clone)]
pub(crate) struct EvMember {
    pub key: String,
    pub key_span: Span,
    /// Where the key came from, when not from the member itself (a role
    /// mapping keyed by its `IdentityProvider`).
    pub key_ptr: Option<String>,
    pub value: Ev,
}

/// A piece of a partly known string.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Piece {
    /// Known text.
    Lit(String),
    /// Unknown text.
    Hole,
}

/// The evaluated value itself.
#[derive(Debug, Clone)]
pub(crate) enum EvV {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<Ev>),
    Obj(Vec<EvMember>),
    /// Nothing is known.
    Unknown,
    /// The value is unknown but its form is certain; the text says where it
    /// comes from (`!Ref AuthRole`).
    Shaped(Shape, String),
    /// A string with known and unknown pieces.
    Partial(Vec<Piece>),
    /// `AWS::NoValue`: the property is absent.
    NoValue,
}

impl Ev {
    pub(crate) fn new(v: EvV, span: Span, ptr: String) -> Ev {
        Ev {
            v,
            span,
            ptr,
            via: None,
            yaml11: None,
        }
    }

    pub(crate) fn get(&self, key: &str) -> Option<&Ev> {
        match &self.v {
            EvV::Obj(members) => members.iter().find(|m| m.key == key).map(|m| &m.value),
            _ => None,
        }
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match &self.v {
            EvV::Str(s) => Some(s),
            _ => None,
        }
    }

    /// True when nothing at all is known about the value.
    pub(crate) fn is_unknown(&self) -> bool {
        matches!(self.v, EvV::Unknown | EvV::Shaped(..) | EvV::Partial(_))
    }
}

/// Which uncertain values to look through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Mode {
    /// Substitute parameter defaults.
    pub defaults: bool,
    /// Take the `Fn::If` at this template pointer down this branch.
    pub branch: Option<(String, bool)>,
}

/// The pseudo parameters the caller fixed.
#[derive(Debug, Clone, Default)]
pub(crate) struct Pseudo {
    pub region: Option<String>,
    pub account: Option<String>,
}

/// Evaluation context over one template.
pub(crate) struct Ctx<'t> {
    pub root: &'t Node,
    pub pseudo: Pseudo,
    pub mode: Mode,
    /// `Fn::If`s met whose condition is unknown (template pointers).
    pub open_ifs: RefCell<BTreeSet<String>>,
    /// Parameters with a default that were referenced.
    pub defaulted: RefCell<BTreeSet<String>>,
    /// The same, in order of use since the caller last cleared it.
    pub defaulted_order: RefCell<Vec<String>>,
    /// `Ref`s to names the template does not define: (pointer, span, name).
    pub dangling: RefCell<Vec<(String, Span, String)>>,
    /// Evaluation steps taken; past [`MAX_STEPS`] everything is unknown.
    steps: Cell<usize>,
    /// Set while evaluating a condition: parameter defaults are not certain.
    certain_only: Cell<bool>,
}

/// Most evaluation steps per template evaluation. Parameter defaults,
/// mappings and named conditions can refer to each other many times over;
/// the budget keeps hostile templates linear.
const MAX_STEPS: usize = 1_000_000;

/// Deepest chain of named conditions and mapping look-ups followed.
const MAX_HOPS: usize = 32;

impl<'t> Ctx<'t> {
    pub(crate) fn new(root: &'t Node, pseudo: Pseudo, mode: Mode) -> Ctx<'t> {
        Ctx {
            root,
            pseudo,
            mode,
            open_ifs: RefCell::default(),
            defaulted: RefCell::default(),
            defaulted_order: RefCell::default(),
            dangling: RefCell::default(),
            steps: Cell::new(0),
            certain_only: Cell::new(false),
        }
    }

    /// Count one step; false once the budget is spent.
    fn step(&self) -> bool {
        let steps = self.steps.get() + 1;
        self.steps.set(steps);
        steps <= MAX_STEPS
    }

    fn section(&self, name: &str) -> Option<&'t [Member]> {
        self.root.get(name).and_then(Node::as_object)
    }

    /// The type of the resource with this logical id.
    pub(crate) fn resource_type(&self, logical: &str) -> Option<&'t str> {
        self.section("Resources")?
            .iter()
            .find(|m| m.key == logical)?
            .value
            .get("Type")?
            .as_str()
    }

    fn parameter(&self, name: &str) -> Option<&'t Node> {
        self.section("Parameters")?
            .iter()
            .find(|m| m.key == name)
            .map(|m| &m.value)
    }

    /// Evaluate a template value at `ptr`.
    pub(crate) fn eval(&self, node: &'t Node, ptr: &str) -> Ev {
        self.eval_in(node, ptr, 0)
    }

    fn eval_in(&self, node: &'t Node, ptr: &str, hops: usize) -> Ev {
        let mut ev = Ev::new(EvV::Unknown, node.span, ptr.to_string());
        if !self.step() {
            return ev;
        }
        ev.yaml11 = node.yaml11_word.clone();
        ev.v = match &node.value {
            Value::Null => EvV::Null,
            Value::Bool(b) => EvV::Bool(*b),
            Value::Number(n) => EvV::Num(n.clone()),
            // A dynamic reference (`{{resolve:ssm:...}}`) is resolved at deploy time.
            Value::String(s) if s.contains("{{resolve:") => EvV::Unknown,
            Value::String(s) => EvV::Str(s.clone()),
            Value::Array(items) => EvV::Arr(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| self.eval_in(item, &child_pointer(ptr, &i.to_string()), hops))
                    .filter(|e| !matches!(e.v, EvV::NoValue))
                    .collect(),
            ),
            Value::Object(members) => {
                if let [member] = members.as_slice()
                    && (member.key == "Ref" || member.key.starts_with("Fn::"))
                {
                    let inner = child_pointer(ptr, &member.key);
                    let mut out = self.intrinsic(&member.key, &member.value, &inner, hops);
                    out.span = node.span;
                    out.ptr = ptr.to_string();
                    return out;
                }
                EvV::Obj(
                    members
                        .iter()
                        .map(|m| EvMember {
                            key: m.key.clone(),
                            key_span: m.key_span,
                            key_ptr: None,
                            value: self.eval_in(&m.value, &child_pointer(ptr, &m.key), hops),
                        })
                        .filter(|m| !matches!(m.value.v, EvV::NoValue))
                        .collect(),
                )
            }
        };
        ev
    }

    fn unknown(&self, node: &Node, ptr: &str) -> Ev {
        Ev::new(EvV::Unknown, node.span, ptr.to_string())
    }

    fn intrinsic(&self, name: &str, arg: &'t Node, ptr: &str, hops: usize) -> Ev {
        match name {
            "Ref" => match arg.as_str() {
                Some(target) => self.reference(target, arg, ptr, hops),
                None => self.unknown(arg, ptr),
            },
            "Fn::GetAtt" => {
                let (resource, attribute) = match &arg.value {
                    Value::String(s) => match s.split_once('.') {
                        Some((r, a)) => (r.to_string(), a.to_string()),
                        None => return self.unknown(arg, ptr),
                    },
                    Value::Array(items) => match items.as_slice() {
                        [r, a] => match (r.as_str(), a.as_str()) {
                            (Some(r), Some(a)) => (r.to_string(), a.to_string()),
                            _ => return self.unknown(arg, ptr),
                        },
                        _ => return self.unknown(arg, ptr),
                    },
                    _ => return self.unknown(arg, ptr),
                };
                self.get_att(&resource, &attribute, arg, ptr)
            }
            "Fn::Join" => self.join(arg, ptr, hops),
            "Fn::Sub" => self.sub(arg, ptr, hops),
            "Fn::Select" => {
                let Some([index, list]) = arg
                    .as_array()
                    .map(|a| a.get(..2).unwrap_or(a))
                    .and_then(|a| <&[Node; 2]>::try_from(a).ok())
                else {
                    return self.unknown(arg, ptr);
                };
                let index = self.eval_in(index, &child_pointer(ptr, "0"), hops);
                let list = self.eval_in(list, &child_pointer(ptr, "1"), hops);
                let i = match &index.v {
                    EvV::Num(n) => n.parse::<usize>().ok(),
                    EvV::Str(s) => s.parse::<usize>().ok(),
                    _ => None,
                };
                match (i, list.v) {
                    (Some(i), EvV::Arr(mut items)) if i < items.len() => {
                        let mut out = items.swap_remove(i);
                        out.via = out.via.or(index.via).or(list.via);
                        out
                    }
                    _ => self.unknown(arg, ptr),
                }
            }
            "Fn::Split" => {
                let Some([delimiter, source]) =
                    arg.as_array().and_then(|a| <&[Node; 2]>::try_from(a).ok())
                else {
                    return self.unknown(arg, ptr);
                };
                let source = self.eval_in(source, &child_pointer(ptr, "1"), hops);
                match (delimiter.as_str(), &source.v) {
                    (Some(d), EvV::Str(s)) if !d.is_empty() => {
                        let mut out = Ev::new(
                            EvV::Arr(
                                s.split(d)
                                    .map(|p| {
                                        let mut e = Ev::new(
                                            EvV::Str(p.to_string()),
                                            arg.span,
                                            ptr.to_string(),
                                        );
                                        e.via = source.via.clone();
                                        e
                                    })
                                    .collect(),
                            ),
                            arg.span,
                            ptr.to_string(),
                        );
                        out.via = source.via.clone();
                        out
                    }
                    _ => self.unknown(arg, ptr),
                }
            }
            "Fn::FindInMap" => self.find_in_map(arg, ptr, hops),
            "Fn::If" => self.fn_if(arg, ptr, hops),
            _ => self.unknown(arg, ptr),
        }
    }

    fn reference(&self, target: &str, arg: &Node, ptr: &str, hops: usize) -> Ev {
        let known = |s: String| Ev::new(EvV::Str(s), arg.span, ptr.to_string());
        match target {
            "AWS::NoValue" => return Ev::new(EvV::NoValue, arg.span, ptr.to_string()),
            "AWS::Region" => {
                return match &self.pseudo.region {
                    Some(r) => known(r.clone()),
                    None => self.unknown(arg, ptr),
                };
            }
            "AWS::AccountId" => {
                return match &self.pseudo.account {
                    Some(a) => known(a.clone()),
                    None => self.unknown(arg, ptr),
                };
            }
            "AWS::Partition" | "AWS::URLSuffix" => {
                let Some(region) = &self.pseudo.region else {
                    return self.unknown(arg, ptr);
                };
                let (partition, suffix) = partition_of(region);
                return known(
                    if target == "AWS::Partition" {
                        partition
                    } else {
                        suffix
                    }
                    .to_string(),
                );
            }
            _ if target.starts_with("AWS::") => return self.unknown(arg, ptr),
            _ => {}
        }
        if let Some(parameter) = self.parameter(target) {
            let Some(default) = parameter.get("Default") else {
                return self.unknown(arg, ptr);
            };
            let kind = parameter
                .get("Type")
                .and_then(Node::as_str)
                .unwrap_or("String");
            // SSM parameter types default to a parameter name, not a value;
            // NoEcho parameters are secrets, never echoed in a finding.
            let no_echo = parameter.get("NoEcho").is_some_and(|n| {
                matches!(&n.value, Value::Bool(true))
                    || n.as_str().is_some_and(|s| s.eq_ignore_ascii_case("true"))
            });
            if kind.starts_with("AWS::SSM::") || no_echo {
                return self.unknown(arg, ptr);
            }
            if self.certain_only.get() {
                return self.unknown(arg, ptr);
            }
            self.defaulted.borrow_mut().insert(target.to_string());
            self.defaulted_order.borrow_mut().push(target.to_string());
            if !self.mode.defaults || hops > MAX_HOPS {
                return self.unknown(arg, ptr);
            }
            let mut value = self.eval_in(default, ptr, hops + 1);
            if (kind == "CommaDelimitedList" || kind.starts_with("List<"))
                && let EvV::Str(s) = &value.v
            {
                value.v = EvV::Arr(
                    s.split(',')
                        .map(|p| Ev::new(EvV::Str(p.trim().to_string()), arg.span, ptr.to_string()))
                        .collect(),
                );
            }
            let via = Via::Parameter(target.to_string());
            set_via(&mut value, &via);
            value.span = arg.span;
            value.ptr = ptr.to_string();
            return value;
        }
        match self.resource_type(target) {
            Some(kind) => match Shape::of(kind, None) {
                Some(shape) => Ev::new(
                    EvV::Shaped(shape, format!("Ref {target}")),
                    arg.span,
                    ptr.to_string(),
                ),
                None => self.unknown(arg, ptr),
            },
            None => {
                if self
                    .section("Resources")
                    .and_then(|r| r.iter().find(|m| m.key == target))
                    .is_none()
                {
                    self.dangling.borrow_mut().push((
                        ptr.to_string(),
                        arg.span,
                        target.to_string(),
                    ));
                }
                self.unknown(arg, ptr)
            }
        }
    }

    fn get_att(&self, resource: &str, attribute: &str, arg: &Node, ptr: &str) -> Ev {
        match self
            .resource_type(resource)
            .and_then(|t| Shape::of(t, Some(attribute)))
        {
            Some(shape) => Ev::new(
                EvV::Shaped(shape, format!("Fn::GetAtt {resource}.{attribute}")),
                arg.span,
                ptr.to_string(),
            ),
            None => self.unknown(arg, ptr),
        }
    }

    fn join(&self, arg: &'t Node, ptr: &str, hops: usize) -> Ev {
        let Some([delimiter, list]) = arg.as_array().and_then(|a| <&[Node; 2]>::try_from(a).ok())
        else {
            return self.unknown(arg, ptr);
        };
        let Some(delimiter) = delimiter.as_str() else {
            return self.unknown(arg, ptr);
        };
        let list = self.eval_in(list, &child_pointer(ptr, "1"), hops);
        let EvV::Arr(items) = &list.v else {
            return self.unknown(arg, ptr);
        };
        let mut pieces = Vec::new();
        let mut via = list.via.clone();
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                pieces.push(Piece::Lit(delimiter.to_string()));
            }
            via = via.or_else(|| item.via.clone());
            push_pieces(&mut pieces, item);
        }
        let mut out = Ev::new(from_pieces(pieces), arg.span, ptr.to_string());
        out.via = via;
        out
    }

    fn sub(&self, arg: &'t Node, ptr: &str, hops: usize) -> Ev {
        let (template, vars): (&str, &[Member]) = match &arg.value {
            Value::String(s) => (s, &[]),
            Value::Array(items) => match items.as_slice() {
                [t, v] => match (t.as_str(), v.as_object()) {
                    // A variable map that is itself a function is unknown.
                    (Some(_), Some([m])) if m.key == "Ref" || m.key.starts_with("Fn::") => {
                        return self.unknown(arg, ptr);
                    }
                    (Some(t), Some(v)) => (t, v),
                    _ => return self.unknown(arg, ptr),
                },
                [t] => match t.as_str() {
                    Some(t) => (t, &[]),
                    None => return self.unknown(arg, ptr),
                },
                _ => return self.unknown(arg, ptr),
            },
            _ => return self.unknown(arg, ptr),
        };
        if template.contains("{{resolve:") {
            return self.unknown(arg, ptr);
        }
        let mut pieces = Vec::new();
        let mut via = None;
        let mut rest = template;
        while let Some(open) = rest.find("${") {
            pieces.push(Piece::Lit(rest[..open].to_string()));
            let after = &rest[open + 2..];
            if let Some(literal) = after.strip_prefix('!') {
                pieces.push(Piece::Lit("${".to_string()));
                rest = literal;
                continue;
            }
            let Some(close) = after.find('}') else {
                pieces.push(Piece::Lit(rest[open..].to_string()));
                rest = "";
                break;
            };
            let name = after[..close].trim();
            rest = &after[close + 1..];
            let value = if let Some(var) = vars.iter().find(|m| m.key == name) {
                self.eval_in(
                    &var.value,
                    &child_pointer(&child_pointer(ptr, "1"), name),
                    hops,
                )
            } else if let Some((resource, attribute)) = name.split_once('.') {
                self.get_att(resource, attribute, arg, ptr)
            } else {
                self.reference(name, arg, ptr, hops)
            };
            via = via.or_else(|| value.via.clone());
            push_pieces(&mut pieces, &value);
        }
        pieces.push(Piece::Lit(rest.to_string()));
        let mut out = Ev::new(from_pieces(pieces), arg.span, ptr.to_string());
        out.via = via;
        out
    }

    fn find_in_map(&self, arg: &'t Node, ptr: &str, hops: usize) -> Ev {
        let Some(items) = arg.as_array().filter(|a| a.len() >= 3) else {
            return self.unknown(arg, ptr);
        };
        if hops > MAX_HOPS {
            return self.unknown(arg, ptr);
        }
        let mut keys = Vec::new();
        let mut via = None;
        for (i, item) in items[..3].iter().enumerate() {
            let key = self.eval_in(item, &child_pointer(ptr, &i.to_string()), hops + 1);
            via = via.or(key.via.clone());
            match key.v {
                EvV::Str(s) | EvV::Num(s) => keys.push(s),
                _ => return self.unknown(arg, ptr),
            }
        }
        let found = self
            .section("Mappings")
            .and_then(|m| m.iter().find(|m| m.key == keys[0]))
            .and_then(|m| m.value.get(&keys[1]))
            .and_then(|m| m.get(&keys[2]));
        match found {
            Some(node) => {
                let mut value = self.eval_in(node, ptr, hops + 1);
                if let Some(via) = &via {
                    set_via(&mut value, via);
                }
                value.span = arg.span;
                value.ptr = ptr.to_string();
                value
            }
            None => self.unknown(arg, ptr),
        }
    }

    fn fn_if(&self, arg: &'t Node, ptr: &str, hops: usize) -> Ev {
        let Some([condition, yes, no]) =
            arg.as_array().and_then(|a| <&[Node; 3]>::try_from(a).ok())
        else {
            return self.unknown(arg, ptr);
        };
        let Some(name) = condition.as_str() else {
            return self.unknown(arg, ptr);
        };
        let choose = |branch: bool| {
            let (node, i) = if branch { (yes, "1") } else { (no, "2") };
            self.eval_in(node, &child_pointer(ptr, i), hops + 1)
        };
        match self.condition(name, hops + 1) {
            Some(value) => choose(value),
            None if self.certain_only.get() => self.unknown(arg, ptr),
            None => {
                // The Fn::If object is the use site: its pointer is one level up.
                let site = ptr
                    .rsplit_once('/')
                    .map_or("", |(base, _)| base)
                    .to_string();
                self.open_ifs.borrow_mut().insert(site.clone());
                match &self.mode.branch {
                    Some((at, branch)) if *at == site => {
                        let mut value = choose(*branch);
                        set_via(&mut value, &Via::Condition(name.to_string()));
                        value.span = arg.span;
                        value
                    }
                    _ => self.unknown(arg, ptr),
                }
            }
        }
    }

    /// The value of a named condition, when it is certain (parameter
    /// defaults are not).
    pub(crate) fn condition(&self, name: &str, hops: usize) -> Option<bool> {
        if hops > MAX_HOPS {
            return None;
        }
        let node = self.section("Conditions")?.iter().find(|m| m.key == name)?;
        self.condition_expr(&node.value, hops + 1)
    }

    fn condition_expr(&self, node: &'t Node, hops: usize) -> Option<bool> {
        if hops > MAX_HOPS || !self.step() {
            return None;
        }
        let [member] = node.as_object()? else {
            return None;
        };
        let args = member.value.as_array();
        match member.key.as_str() {
            "Condition" => self.condition(member.value.as_str()?, hops + 1),
            "Fn::Not" => Some(!self.condition_expr(args?.first()?, hops + 1)?),
            "Fn::And" => {
                let mut all = true;
                for a in args? {
                    match self.condition_expr(a, hops + 1) {
                        Some(false) => return Some(false),
                        Some(true) => {}
                        None => all = false,
                    }
                }
                all.then_some(true)
            }
            "Fn::Or" => {
                let mut none = true;
                for a in args? {
                    match self.condition_expr(a, hops + 1) {
                        Some(true) => return Some(true),
                        Some(false) => {}
                        None => none = false,
                    }
                }
                none.then_some(false)
            }
            "Fn::Equals" => {
                let [a, b] = args? else { return None };
                // Conditions are evaluated without parameter defaults.
                let outer = self.certain_only.replace(true);
                let a = self.eval_in(a, "", hops + 1);
                let b = self.eval_in(b, "", hops + 1);
                self.certain_only.set(outer);
                Some(scalar_text(&a)? == scalar_text(&b)?)
            }
            _ => None,
        }
    }
}

/// Partition and URL suffix of a region.
pub(crate) fn partition_of(region: &str) -> (&'static str, &'static str) {
    if region.starts_with("cn-") {
        ("aws-cn", "amazonaws.com.cn")
    } else if region.starts_with("us-gov-") {
        ("aws-us-gov", "amazonaws.com")
    } else {
        ("aws", "amazonaws.com")
    }
}

/// A known scalar as the text CloudFormation would put into a string.
pub(crate) fn scalar_text(ev: &Ev) -> Option<String> {
    match &ev.v {
        EvV::Str(s) | EvV::Num(s) => Some(s.clone()),
        EvV::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn push_pieces(pieces: &mut Vec<Piece>, value: &Ev) {
    match &value.v {
        EvV::Partial(inner) => pieces.extend(inner.iter().cloned()),
        _ => match scalar_text(value) {
            Some(text) => pieces.push(Piece::Lit(text)),
            None => pieces.push(Piece::Hole),
        },
    }
}

/// A string if every piece is known, else a partial string with adjacent
/// literals merged.
fn from_pieces(pieces: Vec<Piece>) -> EvV {
    let mut merged: Vec<Piece> = Vec::new();
    for piece in pieces {
        match (merged.last_mut(), piece) {
            (_, Piece::Lit(s)) if s.is_empty() => {}
            (Some(Piece::Lit(last)), Piece::Lit(s)) => last.push_str(&s),
            (Some(Piece::Hole), Piece::Hole) => {}
            (_, piece) => merged.push(piece),
        }
    }
    if merged.iter().all(|p| matches!(p, Piece::Lit(_))) {
        EvV::Str(
            merged
                .into_iter()
                .map(|p| match p {
                    Piece::Lit(s) => s,
                    Piece::Hole => String::new(),
                })
                .collect(),
        )
    } else {
        EvV::Partial(merged)
    }
}

/// Mark a value (and everything in it) as holding only through `via`.
fn set_via(ev: &mut Ev, via: &Via) {
    if ev.via.is_none() {
        ev.via = Some(via.clone());
    }
    match &mut ev.v {
        EvV::Arr(items) => items.iter_mut().for_each(|i| set_via(i, via)),
        EvV::Obj(members) => members.iter_mut().for_each(|m| set_via(&mut m.value, via)),
        _ => {}
    }
}

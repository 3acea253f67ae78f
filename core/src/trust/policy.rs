//! The trust-policy document: reading a JSON value (or its JSON text, or
//! that text URL-encoded as IAM's raw API returns it) into a typed
//! [`TrustPolicy`], with every problem as an [`Issue`] at its JSON Pointer
//! inside the document.

use crate::check::Checker;
use crate::json::Value;
use crate::path::push_pointer_token;
use crate::quote::Quoted;
use crate::report::{Code, Issue};
use crate::seen::Repeats;
use std::borrow::Cow;

/// A role trust policy (the role's `AssumeRolePolicyDocument`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustPolicy {
    /// The `Version` element, when given.
    pub version: Option<String>,
    /// The statements, in document order.
    pub statements: Vec<Statement>,
}

/// Allow or Deny.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effect {
    /// `"Allow"`.
    Allow,
    /// `"Deny"`.
    Deny,
}

/// One statement of a trust policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The statement's JSON Pointer inside the document: `/Statement/<i>`,
    /// or `/Statement` when `Statement` is a single object.
    pub at: String,
    /// `Sid`, when given.
    pub sid: Option<String>,
    /// `Effect`.
    pub effect: Effect,
    /// `Principal`, when given.
    pub principal: Option<Principal>,
    /// `NotPrincipal`, when given (IAM refuses it in trust policies).
    pub not_principal: Option<Principal>,
    /// `Action` or `NotAction` (`NotAction` when both are given).
    pub action: Actions,
    /// True when the statement has both `Action` and `NotAction`, which
    /// IAM refuses.
    pub both_actions: bool,
    /// `Resource` or `NotResource`, when given (IAM refuses both in trust
    /// policies): the member's name.
    pub resource: Option<&'static str>,
    /// `Condition`, when given (possibly empty).
    pub condition: Option<Vec<Condition>>,
}

/// A `Principal` or `NotPrincipal` element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// `"*"`: everyone.
    Any,
    /// `{"Federated": [...], "Service": ..., "AWS": ...}`: each type with
    /// its values, in document order.
    Map(Vec<(String, Vec<String>)>),
}

impl Principal {
    /// The values given for a principal type (`Federated`, `Service`, ...).
    pub fn values(&self, kind: &str) -> impl Iterator<Item = &str> {
        let entries: &[(String, Vec<String>)] = match self {
            Principal::Any => &[],
            Principal::Map(entries) => entries,
        };
        entries
            .iter()
            .filter(move |(k, _)| k == kind)
            .flat_map(|(_, values)| values.iter().map(String::as_str))
    }

    /// Every value of every type, with its type.
    pub fn all(&self) -> impl Iterator<Item = (&str, &str)> {
        let entries: &[(String, Vec<String>)] = match self {
            Principal::Any => &[],
            Principal::Map(entries) => entries,
        };
        entries
            .iter()
            .flat_map(|(k, values)| values.iter().map(move |v| (k.as_str(), v.as_str())))
    }
}

/// `Action` or `NotAction`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actions {
    /// True for `NotAction`.
    pub not: bool,
    /// The action patterns (`sts:AssumeRoleWithWebIdentity`, `sts:*`).
    pub values: Vec<String>,
}

/// Which set qualifier a condition operator carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SetQualifier {
    /// `ForAnyValue:`.
    ForAnyValue,
    /// `ForAllValues:`.
    ForAllValues,
}

/// What a condition operator tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Test {
    /// `StringEquals` (and `ArnEquals`, which compares the same way for
    /// the keys a Cognito token carries).
    Equals,
    /// `StringNotEquals` (and `ArnNotEquals`).
    NotEquals,
    /// `StringEqualsIgnoreCase`.
    EqualsIgnoreCase,
    /// `StringNotEqualsIgnoreCase`.
    NotEqualsIgnoreCase,
    /// `StringLike` (and `ArnLike`): `*` and `?` wildcards.
    Like,
    /// `StringNotLike` (and `ArnNotLike`).
    NotLike,
    /// `Null`: `"true"` holds when the key is absent, `"false"` when present.
    Null,
    /// A numeric, date, boolean, binary or IP operator: never true for the
    /// string claims of a Cognito token; `negated` for its `Not` forms.
    Other {
        /// True for `NumericNotEquals`, `DateNotEquals`, `NotIpAddress`.
        negated: bool,
    },
}

impl Test {
    /// True for the negated operators (`StringNotEquals`, ...).
    pub fn is_negated(self) -> bool {
        matches!(
            self,
            Test::NotEquals
                | Test::NotEqualsIgnoreCase
                | Test::NotLike
                | Test::Other { negated: true }
        )
    }
}

/// A condition operator: `[ForAnyValue:|ForAllValues:]<test>[IfExists]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Operator {
    /// The set qualifier, if any.
    pub set: Option<SetQualifier>,
    /// What is tested.
    pub test: Test,
    /// True with the `IfExists` suffix.
    pub if_exists: bool,
}

/// The operators IAM knows besides the string ones, and whether each is a
/// negated form.
const OTHER_OPERATORS: &[(&str, bool)] = &[
    ("NumericEquals", false),
    ("NumericNotEquals", true),
    ("NumericLessThan", false),
    ("NumericLessThanEquals", false),
    ("NumericGreaterThan", false),
    ("NumericGreaterThanEquals", false),
    ("DateEquals", false),
    ("DateNotEquals", true),
    ("DateLessThan", false),
    ("DateLessThanEquals", false),
    ("DateGreaterThan", false),
    ("DateGreaterThanEquals", false),
    ("Bool", false),
    ("BinaryEquals", false),
    ("IpAddress", false),
    ("NotIpAddress", true),
];

impl Operator {
    /// Read an operator name (letter case ignored, our choice); `None` for
    /// a name IAM does not know.
    pub fn parse(name: &str) -> Option<Operator> {
        let strip = |text: &'_ str, prefix: &str| -> Option<usize> {
            text.get(..prefix.len())
                .filter(|head| head.eq_ignore_ascii_case(prefix))
                .map(|_| prefix.len())
        };
        let (set, rest) = if let Some(n) = strip(name, "ForAnyValue:") {
            (Some(SetQualifier::ForAnyValue), &name[n..])
        } else if let Some(n) = strip(name, "ForAllValues:") {
            (Some(SetQualifier::ForAllValues), &name[n..])
        } else {
            (None, name)
        };
        let suffix = "IfExists";
        let (base, if_exists) = match rest.len().checked_sub(suffix.len()) {
            Some(cut) if rest.is_char_boundary(cut) && rest[cut..].eq_ignore_ascii_case(suffix) => {
                (&rest[..cut], true)
            }
            _ => (rest, false),
        };
        let is = |word: &str| base.eq_ignore_ascii_case(word);
        let test = if is("StringEquals") || is("ArnEquals") {
            Test::Equals
        } else if is("StringNotEquals") || is("ArnNotEquals") {
            Test::NotEquals
        } else if is("StringEqualsIgnoreCase") {
            Test::EqualsIgnoreCase
        } else if is("StringNotEqualsIgnoreCase") {
            Test::NotEqualsIgnoreCase
        } else if is("StringLike") || is("ArnLike") {
            Test::Like
        } else if is("StringNotLike") || is("ArnNotLike") {
            Test::NotLike
        } else if is("Null") && !if_exists {
            Test::Null
        } else if let Some((_, negated)) = OTHER_OPERATORS.iter().find(|(w, _)| is(w)) {
            Test::Other { negated: *negated }
        } else {
            return None;
        };
        Some(Operator {
            set,
            test,
            if_exists,
        })
    }
}

/// One key tested by one operator: `"Condition": {"<operator>": {"<key>": values}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    /// The operator as written.
    pub operator_name: String,
    /// The operator.
    pub operator: Operator,
    /// The condition key as written (matched ignoring case).
    pub key: String,
    /// The values, as text (booleans and numbers as their JSON text).
    pub values: Vec<String>,
    /// True when the values were written as an array (so each value has
    /// its own pointer `.../<key>/<j>`).
    pub values_array: bool,
    /// The JSON Pointer of the key inside the document.
    pub at: String,
}

impl Condition {
    /// The pointer of the `j`-th value.
    pub fn value_at(&self, j: usize) -> String {
        if self.values_array {
            format!("{}/{j}", self.at)
        } else {
            self.at.clone()
        }
    }
}

/// The statement elements, in the order IAM documents them.
const STATEMENT_MEMBERS: [&str; 10] = [
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
    "Id",
];

/// The policy elements.
const POLICY_MEMBERS: [&str; 3] = ["Version", "Id", "Statement"];

/// The policy versions IAM accepts.
const VERSIONS: [&str; 2] = ["2012-10-17", "2008-10-17"];

/// `at` with one more pointer token.
pub(super) fn pointer_child(at: &str, token: &str) -> String {
    let mut out = String::with_capacity(at.len() + token.len() + 1);
    out.push_str(at);
    out.push('/');
    push_pointer_token(&mut out, token);
    out
}

fn type_issue(issues: &mut Vec<Issue>, at: &str, what: &str, expected: &str, found: &Value<'_>) {
    let mut issue = Issue::new(
        at,
        Code::Type,
        format!("{what} must be {expected}, not {}.", found.type_name()),
    );
    issue.params.expected = Some(expected.into());
    issue.params.found = Some(found.type_name().into());
    issues.push(issue);
}

fn unknown_member(issues: &mut Vec<Issue>, at: &str, name: &str, allowed: &[&str], within: &str) {
    let mut issue = Issue::new(
        at,
        Code::UnknownMember,
        format!(
            "{within} has no element {name}; it may have: {}.",
            allowed.join(", "),
            name = Quoted(name)
        ),
    );
    issue.params.allowed = Some(super::owned(allowed));
    issues.push(issue);
}

fn repeated(issues: &mut Vec<Issue>, at: &str, name: &str) {
    let mut issue = Issue::new(
        at,
        Code::Syntax,
        format!(
            "The key {name} appears more than once; IAM keeps only one of them.",
            name = Quoted(name)
        ),
    );
    issue.key = true;
    issues.push(issue);
}

/// `%XX` sequences decoded (RFC 3986; `+` is kept as it is). `None` when a
/// `%` is not followed by two hex digits, or the bytes are not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |b: u8| (b as char).to_digit(16);
            let high = bytes.get(i + 1).copied().and_then(hex)?;
            let low = bytes.get(i + 2).copied().and_then(hex)?;
            out.push((high * 16 + low) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Read a trust policy given as a JSON value: an object, its JSON text, or
/// that text URL-encoded. Issues are at pointers inside the document (a
/// text's syntax error at `""`, with line and column in the decoded text).
pub fn read_policy(checker: &Checker, value: &Value<'_>) -> (Option<TrustPolicy>, Vec<Issue>) {
    match value {
        Value::String(text) => {
            let trimmed = text.trim();
            let decoded: Cow<'_, str> = if trimmed.starts_with('{') {
                Cow::Borrowed(trimmed)
            } else if trimmed.starts_with('%') {
                match percent_decode(trimmed) {
                    Some(decoded) => Cow::Owned(decoded),
                    None => {
                        return (
                            None,
                            vec![Issue::new(
                                "",
                                Code::Syntax,
                                "The URL-encoded trust policy has a '%' that is not followed by two hex digits, or does not decode to UTF-8.",
                            )],
                        );
                    }
                }
            } else {
                return (
                    None,
                    vec![{
                        let mut issue = Issue::new(
                            "",
                            Code::Type,
                            "A trust policy must be a JSON object, its JSON text, or that text URL-encoded (starting with %7B).",
                        );
                        issue.params.expected = Some("object".into());
                        issue.params.found = Some("string".into());
                        issue
                    }],
                );
            };
            match checker.parse(&decoded) {
                Ok(parsed) => read_document(&parsed),
                Err(issue) => (None, vec![*issue]),
            }
        }
        other => read_document(other),
    }
}

/// Read a parsed policy document.
fn read_document(value: &Value<'_>) -> (Option<TrustPolicy>, Vec<Issue>) {
    let mut issues = Vec::new();
    let Value::Object(entries) = value else {
        type_issue(&mut issues, "", "A trust policy", "object", value);
        return (None, issues);
    };
    let mut version = None;
    let mut statements = None;
    let repeats = Repeats::new(entries);
    for (position, (name, member)) in entries.iter().enumerate() {
        let at = pointer_child("", name);
        if repeats.at(position) {
            repeated(&mut issues, &at, name);
            continue;
        }
        match name.as_ref() {
            "Version" => match member {
                Value::String(v) if VERSIONS.contains(&v.as_ref()) => {
                    version = Some(v.to_string());
                }
                Value::String(_) => issues.push({
                    let mut issue = Issue::new(
                        at,
                        Code::Enum,
                        "Version must be \"2012-10-17\" (or the older \"2008-10-17\").",
                    );
                    issue.params.allowed = Some(super::owned(&VERSIONS));
                    issue
                }),
                other => type_issue(&mut issues, &at, "Version", "string", other),
            },
            "Id" => {
                if !matches!(member, Value::String(_)) {
                    type_issue(&mut issues, &at, "Id", "string", member);
                }
            }
            "Statement" => match member {
                Value::Object(_) => {
                    statements = Some(
                        read_statement(member, at, &mut issues)
                            .into_iter()
                            .collect::<Vec<_>>(),
                    );
                }
                Value::Array(list) => {
                    let mut read = Vec::with_capacity(list.len());
                    for (i, entry) in list.iter().enumerate() {
                        read.extend(read_statement(entry, format!("{at}/{i}"), &mut issues));
                    }
                    statements = Some(read);
                }
                other => type_issue(
                    &mut issues,
                    &at,
                    "Statement",
                    "an object or an array of objects",
                    other,
                ),
            },
            other => unknown_member(&mut issues, &at, other, &POLICY_MEMBERS, "A policy"),
        }
    }
    if statements.is_none() && !entries.iter().any(|(k, _)| k == "Statement") {
        issues.push(Issue::new(
            "/Statement",
            Code::Required,
            "A trust policy needs a Statement.",
        ));
    }
    if !issues.is_empty() {
        return (None, issues);
    }
    (
        Some(TrustPolicy {
            version,
            statements: statements.unwrap_or_default(),
        }),
        issues,
    )
}

/// Strings from a string or an array of strings.
fn strings(value: &Value<'_>, at: &str, what: &str, issues: &mut Vec<Issue>) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.to_string()],
        Value::Array(list) => {
            let mut out = Vec::with_capacity(list.len());
            for (j, entry) in list.iter().enumerate() {
                match entry {
                    Value::String(s) => out.push(s.to_string()),
                    other => type_issue(issues, &format!("{at}/{j}"), what, "string", other),
                }
            }
            out
        }
        other => {
            type_issue(issues, at, what, "a string or an array of strings", other);
            Vec::new()
        }
    }
}

fn read_principal(value: &Value<'_>, at: &str, issues: &mut Vec<Issue>) -> Option<Principal> {
    match value {
        Value::String(s) if s == "*" => Some(Principal::Any),
        Value::Object(entries) => {
            let mut out = Vec::with_capacity(entries.len());
            let repeats = Repeats::new(entries);
            for (position, (kind, values)) in entries.iter().enumerate() {
                let here = pointer_child(at, kind);
                if repeats.at(position) {
                    repeated(issues, &here, kind);
                    continue;
                }
                out.push((
                    kind.to_string(),
                    strings(values, &here, "A principal", issues),
                ));
            }
            Some(Principal::Map(out))
        }
        other => {
            type_issue(
                issues,
                at,
                "A principal",
                "\"*\" or an object such as {\"Federated\": \"cognito-identity.amazonaws.com\"}",
                other,
            );
            None
        }
    }
}

fn read_condition(value: &Value<'_>, at: &str, issues: &mut Vec<Issue>) -> Vec<Condition> {
    let Value::Object(operators) = value else {
        type_issue(issues, at, "Condition", "object", value);
        return Vec::new();
    };
    let mut out = Vec::new();
    let repeats = Repeats::new(operators);
    for (position, (name, tests)) in operators.iter().enumerate() {
        let op_at = pointer_child(at, name);
        if repeats.at(position) {
            repeated(issues, &op_at, name);
            continue;
        }
        let Some(operator) = Operator::parse(name) else {
            issues.push({
                let mut issue = Issue::new(
                    op_at,
                    Code::UnknownMember,
                    format!(
                        "{name} is not an IAM condition operator; use StringEquals, StringLike, ForAnyValue:StringLike, Null, ...",
                        name = Quoted(name),
                    ),
                );
                issue.key = true;
                issue
            });
            continue;
        };
        let Value::Object(keys) = tests else {
            type_issue(
                issues,
                &op_at,
                "A condition operator",
                "an object of condition keys",
                tests,
            );
            continue;
        };
        let key_repeats = Repeats::new(keys);
        for (position, (key, values)) in keys.iter().enumerate() {
            let key_at = pointer_child(&op_at, key);
            if key_repeats.at(position) {
                repeated(issues, &key_at, key);
                continue;
            }
            let scalar = |v: &Value<'_>| -> Option<String> {
                match v {
                    Value::String(s) => Some(s.to_string()),
                    Value::Bool(b) => Some(if *b { "true" } else { "false" }.to_string()),
                    Value::Number(n) => Some(n.as_str().to_string()),
                    _ => None,
                }
            };
            let (list, values_array) = match values {
                Value::Array(list) => {
                    let mut read = Vec::with_capacity(list.len());
                    for (j, entry) in list.iter().enumerate() {
                        match scalar(entry) {
                            Some(text) => read.push(text),
                            None => type_issue(
                                issues,
                                &format!("{key_at}/{j}"),
                                "A condition value",
                                "a string, number or boolean",
                                entry,
                            ),
                        }
                    }
                    (read, true)
                }
                other => match scalar(other) {
                    Some(text) => (vec![text], false),
                    None => {
                        type_issue(
                            issues,
                            &key_at,
                            "A condition value",
                            "a string, number, boolean or an array of them",
                            other,
                        );
                        continue;
                    }
                },
            };
            out.push(Condition {
                operator_name: name.to_string(),
                operator,
                key: key.to_string(),
                values: list,
                values_array,
                at: key_at,
            });
        }
    }
    out
}

fn read_statement(value: &Value<'_>, at: String, issues: &mut Vec<Issue>) -> Option<Statement> {
    let Value::Object(entries) = value else {
        type_issue(issues, &at, "A statement", "object", value);
        return None;
    };
    let before = issues.len();
    let mut statement = Statement {
        at: at.clone(),
        sid: None,
        effect: Effect::Allow,
        principal: None,
        not_principal: None,
        action: Actions {
            not: false,
            values: Vec::new(),
        },
        both_actions: false,
        resource: None,
        condition: None,
    };
    let mut effect = false;
    let mut action = false;
    let repeats = Repeats::new(entries);
    for (position, (name, member)) in entries.iter().enumerate() {
        let here = pointer_child(&at, name);
        if repeats.at(position) {
            repeated(issues, &here, name);
            continue;
        }
        // The member by its index in STATEMENT_MEMBERS (one search rather
        // than a comparison per name).
        let known = STATEMENT_MEMBERS.iter().position(|m| *m == name.as_ref());
        match known.unwrap_or(STATEMENT_MEMBERS.len()) {
            0 | 9 => match member {
                Value::String(s) if known == Some(0) => statement.sid = Some(s.to_string()),
                Value::String(_) => {}
                other => type_issue(issues, &here, name, "string", other),
            },
            1 => match member {
                Value::String(s) if s == "Allow" || s == "Deny" => {
                    effect = true;
                    statement.effect = if s == "Allow" {
                        Effect::Allow
                    } else {
                        Effect::Deny
                    };
                }
                Value::String(_) => {
                    effect = true;
                    issues.push({
                        let mut issue =
                            Issue::new(here, Code::Enum, "Effect must be \"Allow\" or \"Deny\".");
                        issue.params.allowed = Some(super::owned(&["Allow", "Deny"]));
                        issue
                    });
                }
                other => {
                    effect = true;
                    type_issue(issues, &here, "Effect", "string", other);
                }
            },
            2 => statement.principal = read_principal(member, &here, issues),
            3 => statement.not_principal = read_principal(member, &here, issues),
            4 | 5 => {
                let read = Actions {
                    not: known == Some(5),
                    values: strings(member, &here, name, issues),
                };
                // With both, NotAction is kept: the lint reports the pair.
                if !action || read.not {
                    statement.action = read;
                }
                statement.both_actions = action;
                action = true;
            }
            6 | 7 => {
                strings(member, &here, name, issues);
                statement.resource = known.map(|i| STATEMENT_MEMBERS[i]);
            }
            8 => statement.condition = Some(read_condition(member, &here, issues)),
            _ => unknown_member(issues, &here, name, &STATEMENT_MEMBERS[..9], "A statement"),
        }
    }
    if !effect {
        issues.push(Issue::new(
            pointer_child(&at, "Effect"),
            Code::Required,
            "A statement needs Effect (\"Allow\" or \"Deny\").",
        ));
    }
    if statement.principal.is_none()
        && statement.not_principal.is_none()
        && !entries
            .iter()
            .any(|(k, _)| k == "Principal" || k == "NotPrincipal")
    {
        issues.push(Issue::new(
            pointer_child(&at, "Principal"),
            Code::Required,
            "A trust policy statement needs Principal, such as {\"Federated\": \"cognito-identity.amazonaws.com\"}.",
        ));
    }
    if !action {
        issues.push(Issue::new(
            pointer_child(&at, "Action"),
            Code::Required,
            "A statement needs Action, such as \"sts:AssumeRoleWithWebIdentity\".",
        ));
    }
    (issues.len() == before).then_some(statement)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_parse_with_prefixes_and_suffixes() {
        let op = Operator::parse("ForAnyValue:StringLikeIfExists").unwrap();
        assert_eq!(op.set, Some(SetQualifier::ForAnyValue));
        assert_eq!(op.test, Test::Like);
        assert!(op.if_exists);
        assert_eq!(Operator::parse("Null").unwrap().test, Test::Null);
        assert_eq!(
            Operator::parse("NotIpAddress").unwrap().test,
            Test::Other { negated: true }
        );
        assert!(Operator::parse("StringEqualz").is_none());
        assert!(Operator::parse("NullIfExists").is_none());
        assert!(Operator::parse("IfExists").is_none());
        assert!(Operator::parse("ForAnyValue:").is_none());
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("%7B%22a%22%3A1%7D").unwrap(), "{\"a\":1}");
        assert_eq!(percent_decode("a+b").unwrap(), "a+b");
        assert_eq!(percent_decode("%E2%9C%93").unwrap(), "\u{2713}");
        assert!(percent_decode("%7").is_none());
        assert!(percent_decode("%zz").is_none());
        assert!(percent_decode("%FF").is_none());
    }
}

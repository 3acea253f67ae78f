//! Role trust: would STS let the identity assume the role the pool
//! decides, and are the trust policies of the pool's roles safe
//! (docs/REFERENCE.md section 11).
//!
//! An identity pool does not hand out credentials itself: it gives STS a
//! token of its own (`aud` = the pool id, `sub` = the identity id, `amr` =
//! how the identity signed in) and calls `AssumeRoleWithWebIdentity`. STS
//! then applies the role's trust policy to that token. A role whose policy
//! does not accept the token fails with
//! `InvalidIdentityPoolConfigurationException` (enhanced flow) or
//! `AccessDenied` (basic flow), the most common identity-pool failure in
//! practice.
//!
//! This module has three parts:
//!
//! - [`TrustPolicy`]: the typed policy document, read from a JSON object,
//!   its JSON text, or that text URL-encoded as IAM's raw API returns it;
//! - [`evaluate`]: IAM's evaluation of a policy against a [`Token`]
//!   (operators, set qualifiers, `IfExists`, `Null`, explicit Deny,
//!   partition principals);
//! - [`audit_trust`]: every role the pool can hand
//!   out, every kind of identity that reaches it, and the lint table.
//!
//! Credentials resolution ([`resolve_credentials`](crate::resolve_credentials))
//! evaluates the decided role's policy when the context has one.

// The fixed names as literals, so that messages built from them are
// `concat!`ed at compile time rather than formatted at run time.
/// `sts:AssumeRoleWithWebIdentity` ([`ASSUME_ACTION`]).
macro_rules! assume_action {
    () => {
        "sts:AssumeRoleWithWebIdentity"
    };
}
/// `sts:TagSession` ([`TAG_ACTION`]).
macro_rules! tag_action {
    () => {
        "sts:TagSession"
    };
}
/// `cognito-identity.amazonaws.com` ([`COGNITO_PRINCIPAL`]).
macro_rules! cognito_principal {
    () => {
        "cognito-identity.amazonaws.com"
    };
}

mod audit;
mod eval;
mod lint;
mod policy;

pub use audit::{AUDIT_TARGET, audit_trust};
pub(crate) use eval::contains_text;
pub use eval::{
    ASSUME_ACTION, Audience, COGNITO_PRINCIPAL, Denial, Reason, Request, TAG_ACTION, Token,
    Verdict, condition_holds, evaluate, like,
};
pub use lint::lint;
pub use policy::{
    Actions, Condition, Effect, Operator, Principal, SetQualifier, Statement, Test, TrustPolicy,
    percent_decode, read_policy,
};

use crate::arn::{ArnKind, ArnParts};
use crate::check::Checker;
use crate::json::Value;
use crate::path::push_pointer_token;
use crate::quote::Quoted;
use crate::report::{Code, IdentityType, Issue};
use crate::seen::Repeats;
use std::borrow::Cow;

/// The message of `InvalidIdentityPoolConfigurationException`.
pub const ENHANCED_MESSAGE: &str =
    "Invalid identity pool configuration. Check assigned IAM roles for this pool.";
/// The message STS answers in the basic flow.
pub const BASIC_MESSAGE: &str = "Not authorized to perform sts:AssumeRoleWithWebIdentity";

/// The trust members of a context (credentials resolution or audit).
#[derive(Debug, Clone, Default)]
pub(crate) struct TrustInputs {
    /// Role ARN (as the key is written) → its policy, in input order.
    pub policies: Vec<(String, TrustPolicy)>,
    /// `Flow` is `basic`.
    pub basic: bool,
    /// `AccountId`.
    pub account: Option<String>,
    /// `PrincipalTags`.
    pub principal_tags: bool,
}

impl TrustInputs {
    /// The policy of a role, if the context gives one, with its key as
    /// written (for pointers).
    pub fn policy(&self, role_arn: &str) -> Option<(&str, &TrustPolicy)> {
        self.policies
            .iter()
            .find(|(arn, _)| arn.trim() == role_arn.trim())
            .map(|(key, p)| (key.as_str(), p))
    }
}

/// Owned copies of names (an issue's `allowed`), in one loop shared by
/// every caller.
pub(crate) fn owned(names: &[&str]) -> Vec<String> {
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        out.push(name.to_string());
    }
    out
}

/// The JSON Pointer `/TrustPolicies/<role ARN>`.
pub(crate) fn policy_pointer(role_arn: &str) -> String {
    let mut out = String::from("/TrustPolicies/");
    push_pointer_token(&mut out, role_arn);
    out
}

fn member<'v, 'a>(entries: &'v [(Cow<'a, str>, Value<'a>)], name: &str) -> Option<&'v Value<'a>> {
    entries.iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

fn wrong_type(at: &str, message: &str, expected: &str, found: &Value<'_>) -> Issue {
    let mut issue = Issue::new(at, Code::Type, message);
    issue.params.expected = Some(expected.into());
    issue.params.found = Some(found.type_name().into());
    issue
}

/// Validate and read `TrustPolicies`, `Flow`, `AccountId` and
/// `PrincipalTags` of a context: every issue goes to `errors`.
pub(crate) fn read_inputs(
    checker: &Checker,
    entries: &[(Cow<'_, str>, Value<'_>)],
    errors: &mut Vec<Issue>,
) -> TrustInputs {
    let mut inputs = TrustInputs::default();
    match member(entries, "TrustPolicies") {
        None => {}
        Some(Value::Object(policies)) => {
            let repeats = Repeats::new(policies);
            for (position, (arn, document)) in policies.iter().enumerate() {
                let at = policy_pointer(arn);
                if repeats.at(position) {
                    errors.push({
                        let mut issue = Issue::new(
                            at,
                            Code::Syntax,
                            format!(
                                "TrustPolicies has the role {arn} more than once.",
                                arn = Quoted(arn)
                            ),
                        );
                        issue.key = true;
                        issue
                    });
                    continue;
                }
                if let Err(e) = ArnParts::parse_kind(arn.trim(), ArnKind::Role) {
                    errors.push({
                        let mut issue = Issue::new(
                            at,
                            Code::InvalidArn,
                            format!(
                                "TrustPolicies is keyed by role ARN, and {arn} is not one: {e}.",
                                arn = Quoted(arn)
                            ),
                        );
                        issue.key = true;
                        issue
                    });
                    continue;
                }
                let (policy, issues) = read_policy(checker, document);
                for issue in issues {
                    errors.push(issue.nested(&at));
                }
                if let Some(policy) = policy {
                    inputs.policies.push((arn.to_string(), policy));
                }
            }
        }
        Some(other) => errors.push(wrong_type(
            "/TrustPolicies",
            "TrustPolicies must be an object from role ARN to trust policy.",
            "object",
            other,
        )),
    }
    match member(entries, "Flow") {
        None => {}
        Some(Value::String(flow)) if flow == "enhanced" || flow == "basic" => {
            inputs.basic = flow == "basic";
        }
        Some(Value::String(_)) => errors.push({
            let mut issue = Issue::new(
                "/Flow",
                Code::Enum,
                "Flow must be \"enhanced\" (the default) or \"basic\".",
            );
            issue.params.allowed = Some(owned(&["enhanced", "basic"]));
            issue
        }),
        Some(other) => errors.push(wrong_type(
            "/Flow",
            "Flow must be the string \"enhanced\" or \"basic\".",
            "string",
            other,
        )),
    }
    match member(entries, "AccountId") {
        None => {}
        Some(Value::String(account))
            if account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()) =>
        {
            inputs.account = Some(account.to_string());
        }
        Some(Value::String(_)) => errors.push({
            let mut issue = Issue::new(
                "/AccountId",
                Code::Pattern,
                "AccountId must be the pool's 12-digit AWS account id.",
            );
            issue.params.pattern = Some("\\d{12}".into());
            issue
        }),
        Some(other) => errors.push(wrong_type(
            "/AccountId",
            "AccountId must be a string of 12 digits.",
            "string",
            other,
        )),
    }
    match member(entries, "PrincipalTags") {
        None => {}
        Some(Value::Bool(tags)) => inputs.principal_tags = *tags,
        Some(other) => errors.push(wrong_type(
            "/PrincipalTags",
            "PrincipalTags must be true or false.",
            "boolean",
            other,
        )),
    }
    inputs
}

/// Who is evaluated, for messages.
pub(crate) fn describe_identity(identity: IdentityType, provider: Option<&str>) -> String {
    match (identity, provider) {
        (IdentityType::Unauthenticated, _) => "an unauthenticated (guest) identity".to_string(),
        (IdentityType::Authenticated, Some(p)) => format!("an identity signed in with {p}"),
        (IdentityType::Authenticated, None) => "an authenticated identity".to_string(),
    }
}

/// The `trust_denied` issue for a refusal: at the pointer of what is at
/// fault inside the role's policy, with `reason`, `statement` and `key`,
/// and a message that says how to fix it.
pub(crate) fn denied_issue(
    role_arn: &str,
    denial: &Denial,
    audience: &Audience,
    token: &Token,
    who: &str,
) -> Issue {
    let principal = audience.principals[0];
    let what = match denial.reason {
        Reason::NoStatement => format!(
            concat!(
                "its trust policy has no Allow statement; add one with \"Principal\": {{\"Federated\": \"{}\"}}, \"Action\": \"",
                assume_action!(),
                "\" and conditions on ",
                cognito_principal!(),
                ":aud and :amr"
            ),
            principal
        ),
        Reason::Principal => format!(
            "no Allow statement names the principal {{\"Federated\": \"{principal}\"}} (the identity pool, not the login provider); use that principal"
        ),
        Reason::Action => format!(
            "no Allow statement for {principal} allows {}; add \"{}\" to its Action",
            denial.action, denial.action
        ),
        Reason::Condition => format!(
            "the condition on {} in statement {} does not hold for the pool's token (aud {}, amr [{}]); make it accept this pool and identity type",
            denial.key.as_deref().unwrap_or_default(),
            denial.statement.unwrap_or_default(),
            token.aud,
            token.amr.join(", ")
        ),
        Reason::ExplicitDeny => format!(
            "statement {} denies it explicitly; narrow or remove that Deny",
            denial.statement.unwrap_or_default()
        ),
    };
    let mut issue = Issue::new(
        format!("{}{}", policy_pointer(role_arn), denial.at),
        Code::TrustDenied,
        format!("STS would refuse {who} the role {role_arn}: {what}."),
    );
    issue.params.reason = Some(denial.reason.as_str().into());
    issue.params.statement = denial.statement.map(|s| s as u64);
    issue.params.key = denial.key.clone();
    issue
}

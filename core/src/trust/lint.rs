//! The lint table of trust policies (docs/REFERENCE.md section 11): each
//! finding at the pointer of the statement, operator, key or value at
//! fault, with a message that says how to fix it.

use super::eval::{
    ASSUME_ACTION, Audience, TAG_ACTION, action_matches, condition_at, contains_text,
    like_ignore_ascii_case, principal_matches,
};
use super::policy::{
    Condition, Effect, Principal, SetQualifier, Statement, Test, TrustPolicy, pointer_child,
};
use crate::quote::Quoted;
use crate::report::{Code, Issue};

/// True for a principal name of the identity pool service in any
/// partition (`cognito-identity.amazonaws.com`,
/// `cognito-identity-us-gov.amazonaws.com`, regional forms).
fn is_cognito_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.starts_with("cognito-identity") && contains_text(&lower, ".amazonaws.com")
}

/// True when the statement's principal (or NotPrincipal) is an object
/// naming the identity pool service of this partition.
fn is_cognito_statement(statement: &Statement, audience: &Audience) -> bool {
    matches!(statement.principal, Some(Principal::Map(_))) && principal_matches(statement, audience)
}

/// True for a condition key meant for the identity pool's token.
fn looks_cognito(key: &str) -> bool {
    key.split_once(':')
        .is_some_and(|(prefix, _)| contains_text(&prefix.to_ascii_lowercase(), "cognito"))
}

/// Lint one trust policy. `principal_tags`: principal tags are mapped for
/// the pool's providers. Issues (errors and warnings together, warnings
/// have warning codes) are at pointers inside the document.
pub fn lint(policy: &TrustPolicy, audience: &Audience, principal_tags: bool) -> Vec<Issue> {
    let mut out = Vec::new();
    let mut any_cognito_allow = false;
    let mut tag_session_allowed = false;
    for (index, statement) in policy.statements.iter().enumerate() {
        let mut found = Vec::new();
        lint_statement(statement, audience, &mut found);
        for mut issue in found {
            issue.params.statement = Some(index as u64);
            out.push(issue);
        }
        if statement.effect == Effect::Allow && is_cognito_statement(statement, audience) {
            any_cognito_allow = true;
            tag_session_allowed |= action_matches(statement, TAG_ACTION);
        }
    }
    if principal_tags && any_cognito_allow && !tag_session_allowed {
        out.push(Issue::new(
            "",
            Code::TrustTagSessionMissing,
            format!(
                concat!(
                    "Principal tags are mapped, so STS also checks ",
                    tag_action!(),
                    ", which no Allow statement for {} grants; add \"",
                    tag_action!(),
                    "\" to the Action of the identity pool statement."
                ),
                audience.principals[0]
            ),
        ));
    }
    for issue in &mut out {
        issue.aws_message = match issue.code {
            Code::TrustConditionRequired => {
                Some("A condition block must be present for the Cognito provider".into())
            }
            _ if issue.exception == "InvalidIdentityPoolConfigurationException" => {
                Some(super::ENHANCED_MESSAGE.into())
            }
            _ => None,
        };
    }
    out
}

fn lint_statement(statement: &Statement, audience: &Audience, out: &mut Vec<Issue>) {
    let at = &statement.at;
    if statement.not_principal.is_some() {
        out.push(Issue::new(
            pointer_child(at, "NotPrincipal"),
            Code::TrustForbiddenElement,
            "IAM refuses NotPrincipal in a role trust policy; name the principal with Principal instead.",
        ));
    }
    if let Some(member) = statement.resource {
        out.push(Issue::new(
            pointer_child(at, member),
            Code::TrustForbiddenElement,
            format!(
                "IAM refuses {member} in a role trust policy (\"Has prohibited field {member}\"); remove it: the role itself is the resource."
            ),
        ));
    }
    if statement.principal == Some(Principal::Any) {
        out.push(Issue::new(
            pointer_child(at, "Principal"),
            Code::TrustForbiddenElement,
            format!(
                "IAM refuses \"Principal\": \"*\" in a role trust policy; use {{\"Federated\": \"{}\"}}.",
                audience.principals[0]
            ),
        ));
    }
    if statement.both_actions {
        out.push(Issue::new(
            pointer_child(at, "NotAction"),
            Code::TrustForbiddenElement,
            concat!(
                "A statement has Action or NotAction, not both; keep \"Action\": \"",
                assume_action!(),
                "\"."
            ),
        ));
    }
    let conditions: &[Condition] = statement.condition.as_deref().unwrap_or(&[]);
    let cognito_keys = conditions
        .iter()
        .any(|c| audience.claim(&c.key).is_some() || looks_cognito(&c.key));
    if let Some(Principal::Map(entries)) = &statement.principal {
        let mut names_cognito = false;
        let mut found = String::new();
        for (k, values) in entries {
            for v in values {
                names_cognito |= is_cognito_name(v);
                if !found.is_empty() {
                    found.push_str(", ");
                }
                found.push_str(k);
                found.push(' ');
                found.push_str(v);
            }
        }
        if (cognito_keys || names_cognito) && !principal_matches(statement, audience) {
            out.push(Issue::new(
                pointer_child(at, "Principal"),
                Code::TrustWrongPrincipal,
                format!(
                    "The identity pool, not the login provider, asks STS for the role, so the principal must be {{\"Federated\": \"{}\"}} in this partition, not {found}.",
                    audience.principals[0],
                ),
            ));
        }
    }
    let cognito = is_cognito_statement(statement, audience);
    let allow = statement.effect == Effect::Allow;
    let action_at = pointer_child(
        at,
        if statement.action.not {
            "NotAction"
        } else {
            "Action"
        },
    );
    if cognito && allow && !action_matches(statement, ASSUME_ACTION) {
        out.push(Issue::new(
            action_at.clone(),
            Code::TrustWrongAction,
            concat!("The identity pool calls ", assume_action!(), ", which this statement does not allow (sts:AssumeRole is for IAM principals); use \"Action\": \"", assume_action!(), "\"."),
        ));
    }
    if cognito && allow && conditions.is_empty() {
        out.push(Issue::new(
            at.clone(),
            Code::TrustConditionRequired,
            concat!("IAM refuses an Allow for the identity pool principal without a Condition (\"A condition block must be present for the Cognito provider\"); add StringEquals ", cognito_principal!(), ":aud = the pool id and ForAnyValue:StringLike ", cognito_principal!(), ":amr."),
        ));
    }
    for condition in conditions {
        lint_condition(condition, audience, out);
    }
    if !(cognito && allow) {
        return;
    }
    let mut positive_aud = false;
    let mut negated_aud = None;
    for c in conditions {
        if audience.claim(&c.key) == Some("aud") {
            if c.operator.test.is_negated() {
                negated_aud = negated_aud.or(Some(c));
            } else if c.operator.test != Test::Null {
                positive_aud = true;
            }
        }
    }
    if !positive_aud {
        if let Some(negated) = negated_aud {
            out.push(Issue::new(
                negated.at.clone(),
                Code::TrustAudWildcard,
                format!(concat!("aud is only tested by {}, which admits every other pool, in any account; use StringEquals ", cognito_principal!(), ":aud = this pool's id."),
                    negated.operator_name
                ),
            ));
        } else if !conditions.is_empty() {
            out.push(Issue::new(
                condition_at(statement),
                Code::TrustAudMissing,
                concat!("Without an aud condition any identity pool, in any account, can assume this role through the basic flow (the CVE-2024-28056 pattern); add \"StringEquals\": {\"", cognito_principal!(), ":aud\": \"<pool id>\"}."),
            ));
        }
    }
    if !conditions.is_empty()
        && !conditions
            .iter()
            .any(|c| audience.claim(&c.key) == Some("amr"))
    {
        out.push(Issue::new(
            condition_at(statement),
            Code::TrustAmrMissing,
            concat!("Without an amr condition guests and signed-in identities alike can assume this role; add \"ForAnyValue:StringLike\": {\"", cognito_principal!(), ":amr\": \"authenticated\"} (or \"unauthenticated\" for the guest role)."),
        ));
    }
    let broad = statement.action.not
        || statement.action.values.iter().any(|v| {
            (v.contains('*') || v.contains('?')) && like_ignore_ascii_case(v, ASSUME_ACTION)
        });
    if broad {
        out.push(Issue::new(
            action_at,
            Code::TrustBroadAction,
            concat!(
                "The identity pool statement allows more actions than it needs; list \"",
                assume_action!(),
                "\" (and \"",
                tag_action!(),
                "\" with principal tags) instead."
            ),
        ));
    }
}

fn lint_condition(condition: &Condition, audience: &Audience, out: &mut Vec<Issue>) {
    let op = condition.operator;
    let claim = audience.claim(&condition.key);
    if claim.is_none()
        && looks_cognito(&condition.key)
        && !op.test.is_negated()
        && op.test != Test::Null
        && !op.if_exists
    {
        out.push(Issue::new(
            condition.at.clone(),
            Code::TrustUnknownConditionKey,
            format!(concat!("The identity pool's token never carries {}, so this condition is always false; the keys are ", cognito_principal!(), ":aud, :amr and :sub."),
                Quoted(&condition.key)
            ),
        ));
    }
    match (claim, op.set) {
        (Some("amr"), None) if op.test != Test::Null => out.push(Issue::new(
            condition.at.clone(),
            Code::TrustSetOperator,
            format!(
                "amr has several values (\"authenticated\" and the login provider), so a bare {} is indeterminate; use ForAnyValue:{}.",
                condition.operator_name, condition.operator_name
            ),
        )),
        (Some("amr"), Some(SetQualifier::ForAllValues)) => out.push(Issue::new(
            condition.at.clone(),
            Code::TrustSetOperator,
            "ForAllValues: on amr fails for signed-in identities unless every provider entry is listed, and holds when amr is absent; use ForAnyValue:.",
        )),
        (Some(single @ ("aud" | "sub")), Some(_)) => out.push(Issue::new(
            condition.at.clone(),
            Code::TrustSetOperator,
            format!(
                "{single} has a single value, and a set operator on it can be more permissive than meant; use {} without the prefix.",
                condition
                    .operator_name
                    .split_once(':')
                    .map_or(condition.operator_name.as_str(), |(_, rest)| rest)
            ),
        )),
        _ => {}
    }
    if matches!(claim, Some("aud" | "amr")) && (op.if_exists || op.test == Test::Null) {
        out.push(Issue::new(
            condition.at.clone(),
            Code::TrustIfExists,
            format!(
                "{} weakens the test of {}; the pool's token always carries it, so test it with a plain operator.",
                condition.operator_name, condition.key
            ),
        ));
    }
    if claim == Some("aud")
        && op.test == Test::Like
        && let Some(j) = condition
            .values
            .iter()
            .position(|v| v.contains('*') || v.contains('?'))
    {
        out.push(Issue::new(
            condition.value_at(j),
            Code::TrustAudWildcard,
            "A wildcard in aud admits other identity pools (in any account); list the pool ids exactly with StringEquals.",
        ));
    }
}

//! `audit_trust`: every role a pool can hand out, every kind of identity
//! that reaches it, whether its trust policy admits each, and the lint
//! table for every policy given.

// Reading a context fails once per audit, on the cold path (as in
// credentials resolution).
#![allow(clippy::result_large_err)]

use super::eval::{Audience, Request, Token, Verdict, evaluate};
use super::{TrustInputs, denied_issue, describe_identity, lint, policy_pointer};
use crate::check::Checker;
use crate::credentials::{find_mapping, provider_mapping, typed};
use crate::json::Value;
use crate::model::read;
use crate::model::{
    AmbiguousRoleResolutionType, IdentityPool, OrderedMap, RoleMapping, RoleMappingType,
};
use crate::provider::{LoginKey, ProviderKind, login_keys};
use crate::report::{AuditEntry, Code, IdentityType, Issue, Reacher, Report};
use crate::seen::Seen;
use std::borrow::Cow;

/// The target name reports of [`audit_trust`] carry.
pub const AUDIT_TARGET: &str = "AuditTrust";

/// The members of an audit context, in order.
const AUDIT_MEMBERS: [&str; 6] = [
    "Pool",
    "Roles",
    "RoleMappings",
    "TrustPolicies",
    "AccountId",
    "PrincipalTags",
];

/// Audit the trust policies of a pool's roles (a JSON text) with the
/// default limits.
///
/// The context is `{ "Pool", "Roles"?, "RoleMappings"?, "TrustPolicies",
/// "AccountId"?, "PrincipalTags"? }`; the report lists every finding and
/// gains `audit`: each role the pool can hand out, who reaches it, and
/// whether its policy admits each of them.
///
/// ```
/// let context = r#"{
///   "Pool": {"IdentityPoolId": "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
///            "IdentityPoolName": "Photos", "AllowUnauthenticatedIdentities": false,
///            "SupportedLoginProviders": {"graph.facebook.com": "7346241598935552"}},
///   "Roles": {"authenticated": "arn:aws:iam::123456789012:role/Auth"},
///   "TrustPolicies": {"arn:aws:iam::123456789012:role/Auth": {
///     "Version": "2012-10-17",
///     "Statement": [{"Effect": "Allow",
///       "Principal": {"Federated": "cognito-identity.amazonaws.com"},
///       "Action": "sts:AssumeRole",
///       "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"},
///                     "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}}]}}
/// }"#;
/// let report = idpool::audit_trust(context);
/// assert!(!report.ok);
/// assert_eq!(report.errors[0].code, idpool::Code::TrustWrongAction);
/// let audit = report.audit.unwrap();
/// assert_eq!(audit[0].allowed, Some(vec![false]));
/// ```
pub fn audit_trust(context: &str) -> Report {
    Checker::new().audit_trust(context)
}

impl Checker {
    /// [`audit_trust`](crate::audit_trust) from raw bytes (UTF-8 JSON
    /// within the size limit).
    pub fn audit_trust_bytes(&self, context: &[u8]) -> Report {
        match self.text(context) {
            Ok(text) => self.audit_trust(text),
            Err(issue) => Report::new(AUDIT_TARGET, vec![*issue], Vec::new()),
        }
    }

    /// [`audit_trust`](crate::audit_trust) under this checker's limits.
    pub fn audit_trust(&self, context: &str) -> Report {
        let entries = match self.read_context(
            context,
            AUDIT_TARGET,
            "audit context",
            "Pool and TrustPolicies",
        ) {
            Ok(entries) => entries,
            Err(report) => return report,
        };
        let entries = &entries;
        let (mut errors, mut warnings, inputs) =
            self.validate_context(entries, &AUDIT_MEMBERS, &["Pool", "TrustPolicies"]);
        // One report built at the end, whichever step refuses.
        let max = self.limits().max_issues.max(1);
        let mut truncated = false;
        let mut audit = None;
        if errors.is_empty() {
            match read_parts(entries) {
                Ok(parts) => {
                    let (findings, entries) = run(&parts, &inputs);
                    for issue in findings {
                        if issue.code.is_warning() {
                            warnings.push(issue);
                        } else {
                            errors.push(issue);
                        }
                    }
                    truncated = errors.len() > max;
                    audit = Some(entries);
                }
                Err(issue) => errors.push(issue),
            }
        }
        errors.truncate(max);
        let mut report = Report::new(AUDIT_TARGET, errors, warnings);
        report.truncated = truncated;
        report.audit = audit;
        report
    }
}

struct Parts {
    pool: IdentityPool,
    roles: OrderedMap<String>,
    mappings: OrderedMap<RoleMapping>,
}

fn read_parts(entries: &[(Cow<'_, str>, Value<'_>)]) -> Result<Parts, Issue> {
    let member = |name: &str| entries.iter().find(|(k, _)| k == name).map(|(_, v)| v);
    let pool = typed(member("Pool"), "Pool", read::identity_pool)?
        .ok_or_else(|| Issue::new("/Pool", Code::Required, "The audit context needs Pool."))?;
    Ok(Parts {
        pool,
        roles: typed(member("Roles"), "Roles", read::roles)?.unwrap_or_default(),
        mappings: typed(member("RoleMappings"), "RoleMappings", read::role_mappings)?
            .unwrap_or_default(),
    })
}

/// The roles a mapping can decide, and whether it falls back to the
/// pool's authenticated role.
fn mapping_roles(mapping: &RoleMapping) -> (Vec<&str>, bool) {
    let fallback =
        mapping.ambiguous_role_resolution == Some(AmbiguousRoleResolutionType::AuthenticatedRole);
    let mut rules = Vec::new();
    // A Token mapping's roles come from the token, not the pool.
    if mapping.mapping_type == RoleMappingType::Rules
        && let Some(configuration) = &mapping.rules_configuration
    {
        for rule in &configuration.rules {
            rules.push(rule.role_arn.as_str());
        }
    }
    (rules, fallback)
}

/// The mappings that apply to a login key: for a user pool, the one keyed
/// `<provider>:<client>` for each of its app clients, else the provider's
/// own; otherwise the one keyed by the login key (or, for OIDC, by the
/// provider ARN). `None` stands for "no mapping" (the default role).
fn mappings_for<'m>(
    login: &LoginKey,
    mappings: &'m OrderedMap<RoleMapping>,
) -> Vec<Option<&'m RoleMapping>> {
    let find = |wanted: &str| find_mapping(mappings, wanted).map(|(_, m)| m);
    let own = find(&login.key).or_else(|| match login.kind {
        ProviderKind::Oidc => provider_mapping(mappings, &login.provider).map(|(_, m)| m),
        _ => None,
    });
    if login.kind == ProviderKind::UserPool && !login.client_ids.is_empty() {
        let mut each = Vec::with_capacity(login.client_ids.len());
        for client in &login.client_ids {
            each.push(find(&format!("{}:{client}", login.key)).or(own));
        }
        return each;
    }
    vec![own]
}

/// The pool's login keys, and the first of them with each key: a pool may
/// list thousands of providers, so a reacher's key is found in a tree.
struct Logins<'l> {
    keys: &'l [LoginKey],
    by_key: Seen,
}

impl<'l> Logins<'l> {
    fn new(keys: &'l [LoginKey]) -> Logins<'l> {
        let mut by_key = Seen::default();
        for id in 0..keys.len() {
            by_key.first(id, &|a, b| keys[a].key.cmp(&keys[b].key));
        }
        Logins { keys, by_key }
    }

    /// The first login key that is `key`.
    fn first_with(&self, key: &str) -> Option<&'l LoginKey> {
        let keys = self.keys;
        self.by_key
            .find(&|member| key.cmp(&keys[member].key))
            .map(|member| &keys[member])
    }
}

/// The amr of the token for one reacher (the per-user entry is unknown in
/// an audit and left out).
fn amr_for(pool: &IdentityPool, reacher: &Reacher, logins: &Logins<'_>) -> Vec<String> {
    let Some(provider) = &reacher.provider else {
        return vec!["unauthenticated".into()];
    };
    let entry = match logins.first_with(provider) {
        Some(k) if k.kind == ProviderKind::Developer => pool
            .developer_provider_name
            .clone()
            .unwrap_or_else(|| provider.clone()),
        _ => provider.clone(),
    };
    vec!["authenticated".into(), entry]
}

/// Every role the pool hands out, in order (unauthenticated, authenticated,
/// then the rules' roles), with who reaches it.
fn reach(parts: &Parts, logins: &[LoginKey]) -> Vec<(String, Vec<Reacher>)> {
    let mut roles: Vec<(String, Vec<Reacher>)> = Vec::new();
    // The roles by name, and the (role index, reacher) pairs already
    // listed: pools may list thousands of providers, so both are found in
    // sorted sets, not by scanning.
    let mut named = Seen::default();
    let mut listed: Vec<(usize, Reacher)> = Vec::new();
    let mut pairs = Seen::default();
    let mut add = |role: &str, reacher: Reacher| {
        let role = role.trim();
        let index = match named.find(&|member| role.cmp(&roles[member].0)) {
            Some(index) => index,
            None => {
                roles.push((role.to_string(), Vec::new()));
                named.first(roles.len() - 1, &|a, b| roles[a].0.cmp(&roles[b].0))
            }
        };
        let id = listed.len();
        listed.push((index, reacher));
        let pair = |i: usize| {
            let (role, reacher) = &listed[i];
            (*role, reacher.identity_type as u8, &reacher.provider)
        };
        if pairs.first(id, &|a, b| pair(a).cmp(&pair(b))) == id {
            roles[index].1.push(listed[id].1.clone());
        } else {
            listed.pop();
        }
    };
    if parts.pool.allow_unauthenticated_identities
        && let Some(guest) = parts.roles.get("unauthenticated")
    {
        add(
            guest,
            Reacher {
                identity_type: IdentityType::Unauthenticated,
                provider: None,
            },
        );
    }
    let authenticated = parts.roles.get("authenticated");
    // The authenticated role first, then the rules' roles, each in login
    // order: collect per login, then add in two passes.
    let mut rule_roles: Vec<(&str, Reacher)> = Vec::new();
    for login in logins {
        let reacher = Reacher {
            identity_type: IdentityType::Authenticated,
            provider: Some(login.key.clone()),
        };
        for mapping in mappings_for(login, &parts.mappings) {
            let rules_mapping = mapping.filter(|m| m.mapping_type == RoleMappingType::Rules);
            let default_reached = match (mapping, rules_mapping) {
                (_, Some(m)) => {
                    let (rules, fallback) = mapping_roles(m);
                    for role in rules {
                        rule_roles.push((role, reacher.clone()));
                    }
                    fallback
                }
                // SAML without a Rules mapping: the assertion's roles.
                _ if login.kind == ProviderKind::Saml => false,
                (Some(m), None) => mapping_roles(m).1,
                (None, None) => true,
            };
            if default_reached && let Some(role) = authenticated {
                add(role, reacher.clone());
            }
        }
    }
    for (role, reacher) in rule_roles {
        add(role, reacher);
    }
    roles
}

/// The findings (errors and warnings together) and the audit entries.
fn run(parts: &Parts, inputs: &TrustInputs) -> (Vec<Issue>, Vec<AuditEntry>) {
    let pool_id = parts.pool.identity_pool_id.trim().to_string();
    let region = pool_id.split_once(':').map_or("", |(r, _)| r).to_string();
    let audience = Audience::for_region(&region);
    let logins = login_keys(&parts.pool);
    let logins_by_key = Logins::new(&logins);
    let reached = reach(parts, &logins);
    let mut findings = Vec::new();
    let mut audit = Vec::new();
    let evaluate_for = |policy, reacher: &Reacher| {
        let token = Token {
            aud: pool_id.clone(),
            sub: None,
            amr: amr_for(&parts.pool, reacher, &logins_by_key),
        };
        let request = Request {
            token: &token,
            audience: &audience,
            principal_tags: inputs.principal_tags,
            cross_account_basic: false,
        };
        (evaluate(policy, &request), token)
    };
    // Each role's verdict for each of its reachers, computed once: a pool
    // may list many providers.
    let mut verdicts: Vec<Option<Vec<(Verdict, Token)>>> = Vec::with_capacity(reached.len());
    for (role, reachers) in &reached {
        verdicts.push(inputs.policy(role).map(|(_, policy)| {
            let mut each = Vec::with_capacity(reachers.len());
            for reacher in reachers {
                each.push(evaluate_for(policy, reacher));
            }
            each
        }));
    }
    for (key, policy) in &inputs.policies {
        let role = key.trim();
        let at = policy_pointer(key);
        for issue in lint(policy, &audience, inputs.principal_tags) {
            findings.push(issue.nested(&at));
        }
        let Some(index) = reached.iter().position(|(r, _)| r == role) else {
            continue;
        };
        let reachers = &reached[index].1;
        let evaluated = verdicts[index].as_deref().unwrap_or_default();
        for (reacher, (verdict, token)) in reachers.iter().zip(evaluated) {
            if let Verdict::Denied(denial) = verdict {
                let who = describe_identity(reacher.identity_type, reacher.provider.as_deref());
                let mut issue = denied_issue(role, denial, &audience, token, &who);
                issue.path = format!("{at}{}", denial.at);
                issue.params.identity_type = Some(reacher.identity_type);
                issue.params.provider = reacher.provider.clone();
                issue.exception = "InvalidIdentityPoolConfigurationException".into();
                issue.aws_message = Some(super::ENHANCED_MESSAGE.into());
                findings.push(issue);
            }
        }
        if reachers
            .iter()
            .any(|r| r.identity_type == IdentityType::Authenticated)
        {
            let guest = Reacher {
                identity_type: IdentityType::Unauthenticated,
                provider: None,
            };
            if let (Verdict::Allowed { statement }, _) = evaluate_for(policy, &guest) {
                findings.push({
                    let mut issue = Issue::new(
                        format!("{at}{}", policy.statements[statement].at),
                        Code::TrustGuestAllowed,
                        format!(
                            "The pool gives {role} to signed-in identities, and this statement also admits unauthenticated (guest) ones; require amr \"authenticated\" with ForAnyValue:StringLike."
                        ),
                    );
                    issue.params.statement = Some(statement as u64);
                    issue
                });
            }
        }
    }
    for ((role, reachers), evaluated) in reached.into_iter().zip(verdicts) {
        if evaluated.is_none() {
            findings.push(Issue::new(
                policy_pointer(&role),
                Code::TrustPolicyMissing,
                format!(
                    "The pool hands out {role}, but TrustPolicies has no policy for it, so it was not checked; add the role's AssumeRolePolicyDocument."
                ),
            ));
        }
        let allowed = evaluated.map(|verdicts| {
            let mut each = Vec::with_capacity(verdicts.len());
            for (verdict, _) in &verdicts {
                each.push(matches!(verdict, Verdict::Allowed { .. }));
            }
            each
        });
        audit.push(AuditEntry {
            role_arn: role,
            reached_by: reachers,
            allowed,
            unverified_principal: audience.unverified,
        });
    }
    (findings, audit)
}

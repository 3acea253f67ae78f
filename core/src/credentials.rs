//! Credentials resolution: a pure simulation of `GetCredentialsForIdentity`
//! that tells which IAM role a request would receive, or exactly why it
//! would be refused (docs/REFERENCE.md section 8).
//!
//! **Tokens are decoded, never verified.** idpool reads a JWT's claims and
//! a SAML response's attributes to follow the service's role-selection
//! rules; it checks no signature and contacts no identity provider. A
//! `decision` says which role a *genuine* token would get, not that a token
//! is genuine.
//!
//! The context is a JSON object:
//!
//! ```json
//! { "Pool": IdentityPool, "Roles": RolesMap, "RoleMappings": RoleMappingMap,
//!   "Request": GetCredentialsForIdentityInput, "Now": 1764100000 }
//! ```
//!
//! `Roles`, `RoleMappings` and `Now` are optional; expiry (`exp`, `nbf`)
//! is checked only when `Now` (Unix seconds) is given.

// Failures here end a resolution (one per request, on the cold path), so
// returning the Issue by value is simpler than boxing it.
#![allow(clippy::result_large_err)]

use crate::check::{Checker, Target};
use crate::json::Value;
use crate::jwt::{self, Jwt};
use crate::model::read::{self, Unreadable};
use crate::model::{
    AmbiguousRoleResolutionType, GetCredentialsForIdentityInput, IdentityPool, MappingRule,
    MappingRuleMatchType, OrderedMap, RoleMapping, RoleMappingType,
};
use crate::normalize::Origin;
use crate::path::push_pointer_token;
use crate::provider::{LoginKey, ProviderKind, login_keys};
use crate::quote::Quoted;
use crate::report::TrustDecision;
use crate::report::{Code, Decision, IdentityType, Issue, Report, RoleSource};
use crate::saml::{self, Assertion};
use crate::schema::ShapeId;
use crate::seen::Repeats;
use crate::trust::{Audience, Request as TrustRequest, Token, TrustInputs, Verdict};
use std::borrow::Cow;
use std::fmt;

/// The target name reports of [`resolve_credentials`] carry.
pub const TARGET: &str = "GetCredentialsForIdentity";

/// The members of a resolution context, in order.
const CONTEXT_MEMBERS: [&str; 9] = [
    "Pool",
    "Roles",
    "RoleMappings",
    "Request",
    "Now",
    "TrustPolicies",
    "Flow",
    "AccountId",
    "PrincipalTags",
];

/// Resolve a credentials context (a JSON text) with the default limits.
///
/// ```
/// let context = r#"{
///   "Pool": {"IdentityPoolId": "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
///            "IdentityPoolName": "Photos", "AllowUnauthenticatedIdentities": true},
///   "Roles": {"unauthenticated": "arn:aws:iam::123456789012:role/Guest"},
///   "Request": {"IdentityId": "us-east-1:5a7d74f5-93d8-4586-b59c-8f2a25d9f696"}
/// }"#;
/// let report = idpool::resolve_credentials(context);
/// let decision = report.decision.unwrap();
/// assert_eq!(decision.role_arn, "arn:aws:iam::123456789012:role/Guest");
/// assert_eq!(decision.identity_type, idpool::IdentityType::Unauthenticated);
/// ```
pub fn resolve_credentials(context: &str) -> Report {
    Checker::new().resolve_credentials(context)
}

impl Checker {
    /// Resolve a credentials context given as raw bytes (which must be
    /// UTF-8 JSON within the size limit).
    pub fn resolve_credentials_bytes(&self, context: &[u8]) -> Report {
        match self.text(context) {
            Ok(text) => self.resolve_credentials(text),
            Err(issue) => Report::new(TARGET, vec![*issue], Vec::new()),
        }
    }

    /// Resolve a credentials context (a JSON text): validate every part,
    /// then decide the role as the service would. See the module docs.
    pub fn resolve_credentials(&self, context: &str) -> Report {
        let entries =
            match self.read_context(context, TARGET, "credentials context", "Pool and Request") {
                Ok(entries) => entries,
                Err(report) => return report,
            };
        let entries = &entries;
        let (mut errors, mut warnings, trust) =
            self.validate_context(entries, &CONTEXT_MEMBERS, &["Pool", "Request"]);
        // One report built at the end, whichever step refuses.
        let mut decision = None;
        if errors.is_empty() {
            match decide(entries, trust, &mut warnings) {
                Ok(decided) => decision = Some(decided),
                Err(refusal) => errors = refusal,
            }
        } else {
            errors.truncate(self.limits().max_issues.max(1));
        }
        let mut report = Report::new(TARGET, errors, warnings);
        report.decision = decision;
        report
    }

    /// A context (credentials or audit) read under the limits: its members,
    /// or the report of `target` that refuses it (a `syntax` issue, or a
    /// `type` issue saying that the `what` must be a JSON object with
    /// `members`).
    pub(crate) fn read_context<'a>(
        &self,
        context: &'a str,
        target: &str,
        what: &str,
        members: &str,
    ) -> Result<Vec<(Cow<'a, str>, Value<'a>)>, Report> {
        match self.parse(context) {
            Ok(Value::Object(entries)) => Ok(entries),
            Ok(other) => {
                let issue = {
                    let mut issue = Issue::new(
                        "",
                        Code::Type,
                        format!("The {what} must be a JSON object with {members}."),
                    );
                    issue.params.expected = Some("object".into());
                    issue.params.found = Some(other.type_name().into());
                    issue
                };
                Err(Report::new(target, vec![issue], Vec::new()))
            }
            Err(issue) => Err(Report::new(target, vec![*issue], Vec::new())),
        }
    }

    /// Every part of the context through the constraint and semantic
    /// layers, paths prefixed with the part's member: `members` are the
    /// members the context may have, `required` those it must have. The
    /// trust members (`TrustPolicies`, `Flow`, `AccountId`,
    /// `PrincipalTags`) are read too.
    pub(crate) fn validate_context(
        &self,
        entries: &[(Cow<'_, str>, Value<'_>)],
        members: &[&str],
        required: &[&str],
    ) -> (Vec<Issue>, Vec<Issue>, TrustInputs) {
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        let max_issues = self.limits().max_issues.max(1);
        let repeats = Repeats::new(entries);
        for (position, (name, _)) in entries.iter().enumerate() {
            if errors.len() >= max_issues {
                break;
            }
            if repeats.at(position) {
                errors.push({
                    let mut issue = Issue::new(
                        pointer(&[name]),
                        Code::Syntax,
                        format!(
                            "The context has the key {name} more than once.",
                            name = Quoted(name)
                        ),
                    );
                    issue.key = true;
                    issue
                });
            } else if !members.contains(&name.as_ref()) {
                errors.push({
                    let mut issue = Issue::new(
                        pointer(&[name]),
                        Code::UnknownMember,
                        format!(
                            "Unknown parameter in context: {name}, must be one of: {}",
                            members.join(", "),
                            name = Quoted(name)
                        ),
                    );
                    issue.params.allowed = Some(crate::trust::owned(members));
                    issue
                });
            }
        }
        let pool = member(entries, "Pool");
        let request = member(entries, "Request");
        for name in required {
            if member(entries, name).is_none() {
                errors.push(Issue::new(
                    pointer(&[name]),
                    Code::Required,
                    format!("The context needs {name}."),
                ));
            }
        }
        let mut absorb = |report: Report, prefix: &str, keep: &dyn Fn(&Issue) -> bool| {
            nest(report.errors, &mut errors, prefix, keep);
            nest(report.warnings, &mut warnings, prefix, keep);
        };
        let all = |_: &Issue| true;
        if let Some(pool) = pool {
            absorb(
                self.check_value_in(
                    Target::Shape(ShapeId::IDENTITY_POOL),
                    pool,
                    None,
                    Origin::Parsed,
                ),
                "/Pool",
                &all,
            );
        }
        if let Some(request) = request {
            let operation = Target::from_name(TARGET)
                .expect("GetCredentialsForIdentity is an operation of the model");
            absorb(
                self.check_value_in(operation, request, None, Origin::Parsed),
                "/Request",
                &all,
            );
        }
        // Roles and RoleMappings get the checks of SetIdentityPoolRoles
        // against the pool: the same member names, at the same paths.
        let roles = member(entries, "Roles");
        let mappings = member(entries, "RoleMappings");
        if roles.is_some() || mappings.is_some() {
            let mut synthetic: Vec<(Cow<'_, str>, Value<'_>)> = Vec::new();
            if let Some(id) = pool.and_then(|p| p.get("IdentityPoolId")) {
                synthetic.push(("IdentityPoolId".into(), id.clone()));
            }
            synthetic.push((
                "Roles".into(),
                roles.cloned().unwrap_or(Value::Object(Vec::new())),
            ));
            if let Some(mappings) = mappings {
                synthetic.push(("RoleMappings".into(), mappings.clone()));
            }
            let operation = Target::from_name("SetIdentityPoolRoles")
                .expect("SetIdentityPoolRoles is an operation of the model");
            let report =
                self.check_value_in(operation, &Value::Object(synthetic), pool, Origin::Parsed);
            let ours =
                |i: &Issue| i.path.starts_with("/Roles") || i.path.starts_with("/RoleMappings");
            absorb(report, "", &ours);
        }
        match member(entries, "Now") {
            None | Some(Value::Number(_)) => {}
            Some(other) => errors.push({
                let mut issue = Issue::new(
                    "/Now",
                    Code::Type,
                    "Now must be a number of seconds since the Unix epoch.",
                );
                issue.params.expected = Some("number".into());
                issue.params.found = Some(other.type_name().into());
                issue
            }),
        }
        if let (Some(pool), Some(request)) = (pool, request)
            && let (Some(pool_id), Some(identity_id)) = (
                pool.get("IdentityPoolId").and_then(Value::as_str),
                request.get("IdentityId").and_then(Value::as_str),
            )
            && let Some((pool_region, identity_region)) =
                crate::semantic::region_mismatch(pool_id, identity_id)
        {
            errors.push(Issue::new(
                "/Request/IdentityId",
                Code::RegionMismatch,
                format!(
                    "The identity is in {identity_region} but the pool is in {pool_region}; an identity belongs to a pool in its own region."
                ),
            ));
        }
        let trust = crate::trust::read_inputs(self, entries, &mut errors);
        (errors, warnings, trust)
    }
}

/// The issues of `from` that `keep` keeps, under `prefix`, onto `to`.
fn nest(from: Vec<Issue>, to: &mut Vec<Issue>, prefix: &str, keep: &dyn Fn(&Issue) -> bool) {
    for issue in from {
        if keep(&issue) {
            to.push(issue.nested(prefix));
        }
    }
}

fn member<'v, 'a>(entries: &'v [(Cow<'a, str>, Value<'a>)], name: &str) -> Option<&'v Value<'a>> {
    entries.iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

/// The typed parts of a validated context, the decision, and its trust
/// policy's verdict (section 8, and section 11 when the context gives
/// the role's policy).
fn decide(
    entries: &[(Cow<'_, str>, Value<'_>)],
    trust: TrustInputs,
    warnings: &mut Vec<Issue>,
) -> Result<Decision, Vec<Issue>> {
    let parts = Parts::read(entries, trust).map_err(one)?;
    let decided = parts.decide()?;
    parts.check_trust(decided, warnings).map_err(one)
}

/// The mapping whose key, in canonical form, is `wanted`, with its key as
/// written.
pub(crate) fn find_mapping<'m>(
    mappings: &'m OrderedMap<RoleMapping>,
    wanted: &str,
) -> Option<(&'m str, &'m RoleMapping)> {
    for (key, mapping) in &mappings.0 {
        if crate::provider::canonical_key(key) == wanted {
            return Some((key, mapping));
        }
    }
    None
}

/// An OIDC provider's mapping, keyed by its ARN (`provider`), with its key
/// as written.
pub(crate) fn provider_mapping<'m>(
    mappings: &'m OrderedMap<RoleMapping>,
    provider: &str,
) -> Option<(&'m str, &'m RoleMapping)> {
    for (key, mapping) in &mappings.0 {
        if key.trim() == provider.trim() {
            return Some((key, mapping));
        }
    }
    None
}

/// A JSON Pointer from tokens.
fn pointer(tokens: &[&str]) -> String {
    let mut out = String::new();
    for token in tokens {
        out.push('/');
        push_pointer_token(&mut out, token);
    }
    out
}

/// A context member as a model type, read by `read` (one of
/// [`model::read`](crate::model::read)'s readers); a `type` issue when it
/// cannot be read, which the checks before it make unreachable in practice.
pub(crate) fn typed<T>(
    value: Option<&Value<'_>>,
    name: &str,
    read: fn(&Value<'_>) -> Result<T, Unreadable>,
) -> Result<Option<T>, Issue> {
    match value {
        None => Ok(None),
        Some(value) => match read(value) {
            Ok(typed) => Ok(Some(typed)),
            Err(e) => Err(unreadable(name, e)),
        },
    }
}

/// The `type` issue of [`typed`] (apart, so that it is not generic).
fn unreadable(name: &str, e: Unreadable) -> Issue {
    let path = format!("{}{}", pointer(&[name]), e.path);
    let message = format!("{name} could not be read: {path} must be {}.", e.expected);
    Issue::new(path, Code::Type, message)
}

/// The message of a context without Pool or Request (which validation
/// refuses before the parts are read, so in practice never reported).
const REQUIRED: &str = "The context needs Pool and Request.";

/// The typed parts of a validated context.
struct Parts {
    pool: IdentityPool,
    roles: OrderedMap<String>,
    mappings: OrderedMap<RoleMapping>,
    request: GetCredentialsForIdentityInput,
    now: Option<f64>,
    trust: TrustInputs,
}

/// A decided role and the token the pool would hand STS for it.
struct Decided {
    decision: Decision,
    /// The token's `amr`.
    amr: Vec<String>,
}

/// What a login's token says, once decoded.
enum Claims {
    /// A JWT (OIDC, user pool, Google, Apple, developer).
    Jwt(Jwt),
    /// A SAML assertion.
    Saml(Assertion),
    /// An opaque token (Facebook, Amazon, Twitter, Digits access tokens).
    Opaque,
}

impl Claims {
    /// The values of a claim (JWT) or attribute (SAML), as strings.
    fn values(&self, name: &str) -> Vec<String> {
        match self {
            Claims::Jwt(jwt) => jwt.claim_strings(name),
            Claims::Saml(assertion) => assertion
                .attribute(name)
                .map(<[String]>::to_vec)
                .unwrap_or_default(),
            Claims::Opaque => Vec::new(),
        }
    }
}

/// One login of the request, checked.
struct Login<'p> {
    key: String,
    accepted: &'p LoginKey,
    claims: Claims,
}

impl Parts {
    fn read(entries: &[(Cow<'_, str>, Value<'_>)], trust: TrustInputs) -> Result<Parts, Issue> {
        // Matches rather than `?` (smaller code: the typed parts are not
        // moved through extra Results).
        let pool = match typed(member(entries, "Pool"), "Pool", read::identity_pool) {
            Ok(Some(pool)) => pool,
            Ok(None) => return Err(Issue::new("", Code::Required, REQUIRED)),
            Err(issue) => return Err(issue),
        };
        let request = match typed(
            member(entries, "Request"),
            "Request",
            read::credentials_request,
        ) {
            Ok(Some(request)) => request,
            Ok(None) => return Err(Issue::new("", Code::Required, REQUIRED)),
            Err(issue) => return Err(issue),
        };
        let roles = match typed(member(entries, "Roles"), "Roles", read::roles) {
            Ok(roles) => roles.unwrap_or_default(),
            Err(issue) => return Err(issue),
        };
        let mappings = match typed(
            member(entries, "RoleMappings"),
            "RoleMappings",
            read::role_mappings,
        ) {
            Ok(mappings) => mappings.unwrap_or_default(),
            Err(issue) => return Err(issue),
        };
        Ok(Parts {
            pool,
            roles,
            mappings,
            request,
            now: match member(entries, "Now") {
                Some(Value::Number(n)) => Some(n.as_f64()),
                _ => None,
            },
            trust,
        })
    }

    /// Section 8, steps 2 to 5 (or the basic flow, section 11), and the
    /// token the pool would hand STS.
    fn decide(&self) -> Result<Decided, Vec<Issue>> {
        if self.trust.basic
            && let Err(issue) = self.basic_flow_allowed()
        {
            return Err(one(issue));
        }
        // One Decided built at the end, whichever path decides.
        let (decision, amr);
        let logins = self.request.logins.as_ref().map_or(&[][..], |m| &m.0[..]);
        if logins.is_empty() {
            decision = self.unauthenticated();
            amr = vec!["unauthenticated".to_string()];
        } else {
            let accepted = login_keys(&self.pool);
            let mut checked = Vec::new();
            let mut errors = Vec::new();
            for (key, token) in logins {
                match self.check_login(&accepted, key, token.expose()) {
                    Ok(login) => checked.push(login),
                    Err(issue) => errors.push(issue),
                }
            }
            if !errors.is_empty() {
                return Err(errors);
            }
            let mut entries = vec!["authenticated".to_string()];
            for login in &checked {
                self.push_amr(login, &mut entries);
            }
            amr = entries;
            decision = if self.trust.basic {
                self.basic_flow_role(&checked)
            } else {
                // Step 4: the login that decides is the first with a role
                // mapping, else the first SAML login, else the first login
                // (our choice). The mapping found here is the one
                // choose_role follows.
                let mut deciding = None;
                let mut mapping = None;
                for login in &checked {
                    mapping = self.mapping_for(login);
                    if mapping.is_some() {
                        deciding = Some(login);
                        break;
                    }
                }
                if deciding.is_none() {
                    for login in &checked {
                        if login.accepted.kind == ProviderKind::Saml {
                            deciding = Some(login);
                            break;
                        }
                    }
                }
                self.choose_role(deciding.unwrap_or(&checked[0]), mapping)
            };
        }
        match decision {
            Ok(decision) => Ok(Decided { decision, amr }),
            Err(issue) => Err(one(issue)),
        }
    }

    /// The basic (classic) flow is refused when the pool disables it or
    /// has role mappings (section 11).
    fn basic_flow_allowed(&self) -> Result<(), Issue> {
        let refused = |at: &str, message: &str, why: &str| {
            let mut issue = Issue::new(at, Code::BasicFlowRefused, format!("{message} {why}"));
            issue.aws_message = Some(message.to_string());
            issue
        };
        if self.pool.allow_classic_flow == Some(false) {
            return Err(refused(
                "/Pool/AllowClassicFlow",
                "Basic (classic) flow is not enabled, please use enhanced flow.",
                "(AllowClassicFlow is false: set it to true, or call GetCredentialsForIdentity.)",
            ));
        }
        if !self.mappings.is_empty() {
            return Err(refused(
                "/RoleMappings",
                "Basic (classic) flow is not supported with RoleMappings, please use enhanced flow.",
                "(The pool has role mappings: call GetCredentialsForIdentity instead.)",
            ));
        }
        Ok(())
    }

    /// The basic flow: the app names the role (CustomRoleArn), and only
    /// the role's trust policy decides; SAML logins are refused.
    fn basic_flow_role(&self, checked: &[Login<'_>]) -> Result<Decision, Issue> {
        if let Some(saml) = checked
            .iter()
            .find(|l| l.accepted.kind == ProviderKind::Saml)
        {
            let message =
                "Basic (classic) flow is not supported with SAML, please use enhanced flow.";
            return Err({
                let mut issue = Issue::new(
                    pointer(&["Request", "Logins", &saml.key]),
                    Code::BasicFlowRefused,
                    format!("{message} (Call GetCredentialsForIdentity for SAML logins.)"),
                );
                issue.aws_message = Some(message.into());
                issue
            });
        }
        self.basic_decision(IdentityType::Authenticated, Some(checked[0].key.clone()))
    }

    /// The basic flow's decision: the request's CustomRoleArn, required.
    fn basic_decision(
        &self,
        identity_type: IdentityType,
        provider: Option<String>,
    ) -> Result<Decision, Issue> {
        match &self.request.custom_role_arn {
            Some(role) => Ok(Decision {
                identity_type,
                provider,
                role_arn: role.clone(),
                source: RoleSource::CustomRoleArn,
                rule_index: None,
                trust: None,
            }),
            None => Err(no_role(
                "/Request/CustomRoleArn",
                "In the basic flow the app names the role to assume (CustomRoleArn here, RoleArn in AssumeRoleWithWebIdentity); give one.",
            )),
        }
    }

    /// A login's entries in the token's `amr` (section 11), pushed onto
    /// `amr`: its provider key, and where known the per-user entry.
    fn push_amr(&self, login: &Login<'_>, amr: &mut Vec<String>) {
        let (head, kind) = match login.accepted.kind {
            ProviderKind::UserPool => (login.key.as_str(), "CognitoSignIn"),
            ProviderKind::Oidc => (login.accepted.provider.trim(), "OIDC"),
            ProviderKind::Developer => {
                let name = self
                    .pool
                    .developer_provider_name
                    .as_ref()
                    .unwrap_or(&login.accepted.provider);
                amr.push(name.clone());
                if let Claims::Jwt(jwt) = &login.claims {
                    let prefix = format!("{name}:{}:", self.pool.identity_pool_id);
                    for entry in jwt.claim_strings("amr") {
                        if entry.starts_with(&prefix) {
                            amr.push(entry);
                            break;
                        }
                    }
                }
                return;
            }
            ProviderKind::Social | ProviderKind::Saml => {
                amr.push(login.key.clone());
                return;
            }
        };
        amr.push(login.key.clone());
        if let Claims::Jwt(jwt) = &login.claims
            && let Some(sub) = jwt.claim("sub").and_then(Value::as_str)
        {
            amr.push(format!("{head}:{kind}:{sub}"));
        }
    }

    /// Section 11: the decided role's trust policy, when the context gives
    /// one.
    fn check_trust(&self, decided: Decided, warnings: &mut Vec<Issue>) -> Result<Decision, Issue> {
        let Decided { mut decision, amr } = decided;
        let Some((key, policy)) = self.trust.policy(&decision.role_arn) else {
            return Ok(decision);
        };
        let pool_id = self.pool.identity_pool_id.trim();
        let region = pool_id.split_once(':').map_or("", |(r, _)| r);
        let audience = Audience::for_region(region);
        let at = crate::trust::policy_pointer(key);
        for issue in crate::trust::lint(policy, &audience, self.trust.principal_tags) {
            if issue.code == Code::TrustSetOperator {
                warnings.push(issue.nested(&at));
            }
        }
        let cross_account = match (
            &self.trust.account,
            decision.role_arn.trim().parse::<crate::Arn>(),
        ) {
            (Some(account), Ok(arn)) => account != arn.account(),
            _ => false,
        };
        let token = Token {
            aud: pool_id.to_string(),
            sub: Some(self.request.identity_id.trim().to_string()),
            amr,
        };
        let request = TrustRequest {
            token: &token,
            audience: &audience,
            principal_tags: self.trust.principal_tags,
            cross_account_basic: self.trust.basic && cross_account,
        };
        match crate::trust::evaluate(policy, &request) {
            Verdict::Allowed { statement } => {
                decision.trust = Some(TrustDecision {
                    allowed: true,
                    statement,
                    sid: policy.statements[statement].sid.clone(),
                    unverified_principal: audience.unverified,
                });
                Ok(decision)
            }
            Verdict::Denied(denial) => {
                let who = crate::trust::describe_identity(
                    decision.identity_type,
                    decision.provider.as_deref(),
                );
                let mut issue = crate::trust::denied_issue(
                    decision.role_arn.trim(),
                    &denial,
                    &audience,
                    &token,
                    &who,
                );
                issue.path = format!("{at}{}", denial.at);
                if self.trust.basic {
                    issue.exception = "AccessDenied".into();
                    issue.aws_message = Some(crate::trust::BASIC_MESSAGE.into());
                } else {
                    issue.aws_message = Some(crate::trust::ENHANCED_MESSAGE.into());
                }
                Err(issue)
            }
        }
    }

    /// Step 2: no logins.
    fn unauthenticated(&self) -> Result<Decision, Issue> {
        if !self.pool.allow_unauthenticated_identities {
            return Err({
                let mut issue = Issue::new(
                    "/Request",
                    Code::UnauthenticatedNotAllowed,
                    "The request has no Logins, and the pool does not allow unauthenticated identities.",
                );
                issue.aws_message =
                    Some("Unauthenticated access is not supported for this identity pool.".into());
                issue
            });
        }
        if self.trust.basic {
            return self.basic_decision(IdentityType::Unauthenticated, None);
        }
        if let Some(custom) = &self.request.custom_role_arn {
            return Err({
                let mut issue = Issue::new(
                    "/Request/CustomRoleArn",
                    Code::RoleNotOffered,
                    format!(
                        "CustomRoleArn {custom} needs a login that offers it; an unauthenticated identity gets the pool's unauthenticated role."
                    ),
                );
                issue.params.roles = Some(
                    self.roles
                        .get("unauthenticated")
                        .cloned()
                        .into_iter()
                        .collect(),
                );
                issue
            });
        }
        match self.roles.get("unauthenticated") {
            Some(role) => Ok(Decision {
                identity_type: IdentityType::Unauthenticated,
                provider: None,
                role_arn: role.clone(),
                source: RoleSource::Default,
                rule_index: None,
                trust: None,
            }),
            None => Err(no_role(
                "/Roles",
                "The pool has no unauthenticated role (Roles.unauthenticated).",
            )),
        }
    }

    /// Step 3: the key is configured and its token decodes and fits.
    fn check_login<'p>(
        &self,
        accepted: &'p [LoginKey],
        key: &str,
        token: &str,
    ) -> Result<Login<'p>, Issue> {
        let at = pointer(&["Request", "Logins", key]);
        let Some(login_key) = accepted.iter().find(|k| k.key == key) else {
            let canonical = crate::provider::canonical_key(key);
            let mut allowed = Vec::with_capacity(accepted.len());
            for k in accepted {
                allowed.push(k.key.clone());
            }
            let hint = match accepted.iter().find(|k| k.key == canonical) {
                Some(k) => format!(" Use the key {}.", Quoted(&k.key)),
                None if accepted.is_empty() => " The pool accepts no logins.".to_string(),
                None => format!(" It accepts: {}.", allowed.join(", ")),
            };
            return Err({
                let mut issue = Issue::new(
                    at,
                    Code::NotConfigured,
                    format!(
                        "The pool does not accept the login {key}.{hint}",
                        key = Quoted(key)
                    ),
                );
                issue.key = true;
                issue.params.allowed = Some(allowed);
                issue
            });
        };
        let claims = match login_key.kind {
            ProviderKind::Saml => match saml::decode_response(token) {
                Ok(assertion) => Claims::Saml(assertion),
                Err(e) => {
                    return Err(Issue::new(
                        at,
                        Code::TokenMalformed,
                        format!("The SAML response for {key} cannot be read: {e}."),
                    ));
                }
            },
            ProviderKind::Social if !matches!(key, "accounts.google.com" | "appleid.apple.com") => {
                Claims::Opaque
            }
            _ => match self.check_jwt(login_key, key, token, &at) {
                Ok(jwt) => Claims::Jwt(jwt),
                Err(issue) => return Err(issue),
            },
        };
        Ok(Login {
            key: key.to_string(),
            accepted: login_key,
            claims,
        })
    }

    /// Issuer, audience, token use and expiry of a JWT login.
    fn check_jwt(&self, login: &LoginKey, key: &str, token: &str, at: &str) -> Result<Jwt, Issue> {
        // Every refusal but the developer's is a sentence about "the token
        // for {key}", built by one function.
        let refuse =
            |code: Code, rest: fmt::Arguments<'_>, aws: &str| token_issue(at, code, key, rest, aws);
        let jwt = match jwt::decode(token) {
            Ok(jwt) => jwt,
            Err(e) => {
                return Err(refuse(
                    Code::TokenMalformed,
                    format_args!("is not a JWT: {e}."),
                    "",
                ));
            }
        };
        if let Some(claim) = jwt.malformed_date_claim() {
            return Err(refuse(
                Code::TokenMalformed,
                format_args!(
                    "has a {claim} claim that is not a number of seconds (a NumericDate)."
                ),
                "",
            ));
        }
        let issuer = jwt.issuer().unwrap_or_default();
        let expected = format!("https://{key}");
        let issuer_ok =
            issuer == expected || (key == "accounts.google.com" && issuer == "accounts.google.com");
        if !issuer_ok {
            return Err(refuse(
                Code::TokenIssuerMismatch,
                format_args!(
                    "was issued by {issuer}, not {expected}.",
                    issuer = Quoted(issuer),
                    expected = Quoted(&expected)
                ),
                "Invalid login token. Issuer doesn't match providerName",
            ));
        }
        let audiences = jwt.audiences();
        const AUDIENCE: &str = "Invalid login token. Incorrect token audience.";
        match login.kind {
            ProviderKind::UserPool => {
                let token_use = jwt.token_use();
                if token_use != Some("id") {
                    let quoted;
                    let (what, other): (&str, &dyn fmt::Display) = match token_use {
                        Some("access") => ("an access", &""),
                        Some(other) => {
                            quoted = Quoted(other);
                            ("a ", &quoted)
                        }
                        None => ("not an ID", &""),
                    };
                    return Err(refuse(
                        Code::TokenAudienceMismatch,
                        format_args!(
                            "is {what}{other} token; identity pools take the user pool's ID token."
                        ),
                        AUDIENCE,
                    ));
                }
                if !audiences
                    .iter()
                    .any(|a| login.client_ids.iter().any(|c| c == a))
                {
                    return Err(refuse(
                        Code::TokenAudienceMismatch,
                        format_args!(
                            "is for app client {}, which is not configured for this user pool ({}).",
                            audiences.join(", "),
                            login.client_ids.join(", ")
                        ),
                        AUDIENCE,
                    ));
                }
            }
            ProviderKind::Social => {
                // Google and Apple: the audience is the configured app id
                // (several may be given, comma-separated; our choice).
                let mut app_ids: Vec<&str> = Vec::new();
                let providers = self.pool.supported_login_providers.as_ref();
                for (k, v) in providers.map_or(&[][..], |m| &m.0[..]) {
                    if crate::provider::canonical_login_key(k) == Some(key) {
                        for id in v.split(',') {
                            app_ids.push(id.trim());
                        }
                    }
                }
                if !audiences.iter().any(|a| app_ids.contains(a)) {
                    return Err(refuse(
                        Code::TokenAudienceMismatch,
                        format_args!(
                            "is for {}, not the pool's app id {}.",
                            audiences.join(", "),
                            app_ids.join(", ")
                        ),
                        AUDIENCE,
                    ));
                }
            }
            ProviderKind::Developer => {
                let pool_id = self.pool.identity_pool_id.as_str();
                if !audiences.contains(&pool_id) {
                    let mut issue = Issue::new(
                        at,
                        Code::TokenAudienceMismatch,
                        format!(
                            "The developer token is for {}, not this pool ({pool_id}).",
                            audiences.join(", ")
                        ),
                    );
                    issue.aws_message = Some(AUDIENCE.into());
                    return Err(issue);
                }
            }
            ProviderKind::Oidc | ProviderKind::Saml => {}
        }
        if let Some(now) = self.now {
            // Times as `{}` writes an f64 (`1700000000`, `1.5`), spelled by
            // the core's own float writer.
            let time = crate::json::f64_display;
            if let Some(exp) = jwt.expires_at()
                && exp <= now
            {
                let (exp, now) = (time(exp), time(now));
                let mut issue = refuse(
                    Code::TokenExpired,
                    format_args!("expired at {exp}, before Now ({now})."),
                    "",
                );
                issue.aws_message = Some(format!(
                    "Invalid login token. Token expired: {exp} >= {now}"
                ));
                return Err(issue);
            }
            if let Some(nbf) = jwt.not_before()
                && nbf > now
            {
                let (nbf, now) = (time(nbf), time(now));
                return Err(refuse(
                    Code::TokenExpired,
                    format_args!("is not valid before {nbf}, after Now ({now})."),
                    "",
                ));
            }
        }
        Ok(jwt)
    }

    /// The role mapping that applies to a login: a user-pool mapping keyed
    /// `<provider>:<app client>` for the token's client first, then one
    /// keyed by the login key in canonical form, then an OIDC provider's
    /// mapping keyed by its ARN.
    fn mapping_for(&self, login: &Login<'_>) -> Option<(&str, &RoleMapping)> {
        let find = |wanted: &str| find_mapping(&self.mappings, wanted);
        if login.accepted.kind == ProviderKind::UserPool
            && let Claims::Jwt(jwt) = &login.claims
        {
            for client in jwt.audiences() {
                if let Some(found) = find(&format!("{}:{client}", login.key)) {
                    return Some(found);
                }
            }
        }
        find(&login.key).or_else(|| match login.accepted.kind {
            ProviderKind::Oidc => provider_mapping(&self.mappings, &login.accepted.provider),
            _ => None,
        })
    }

    /// Step 5: the role for the deciding login, whose role mapping (if
    /// any) step 4 found.
    fn choose_role(
        &self,
        login: &Login<'_>,
        mapping: Option<(&str, &RoleMapping)>,
    ) -> Result<Decision, Issue> {
        let decided = |role: &str, source: RoleSource, rule_index: Option<usize>| Decision {
            identity_type: IdentityType::Authenticated,
            provider: Some(login.key.clone()),
            role_arn: role.to_string(),
            source,
            rule_index,
            trust: None,
        };
        let custom = self.request.custom_role_arn.as_deref();
        let at_login = pointer(&["Request", "Logins", &login.key]);
        if let Some((mapping_key, mapping)) = mapping
            && mapping.mapping_type == RoleMappingType::Rules
        {
            let rules: &[MappingRule] = mapping
                .rules_configuration
                .as_ref()
                .map_or(&[], |c| &c.rules);
            // One pass: the first matching rule decides (or, with a
            // CustomRoleArn, the first matching rule of that role); the
            // matching rules' roles are kept only for a CustomRoleArn refused.
            let mut offered: Vec<String> = Vec::new();
            for (index, rule) in rules.iter().enumerate() {
                if rule_matches(rule, &login.claims.values(&rule.claim)) {
                    match custom {
                        None => return Ok(decided(&rule.role_arn, RoleSource::Rule, Some(index))),
                        Some(custom) if rule.role_arn == custom => {
                            return Ok(decided(custom, RoleSource::CustomRoleArn, Some(index)));
                        }
                        Some(_) => offered.push(rule.role_arn.clone()),
                    }
                }
            }
            return match custom {
                Some(custom) => Err(not_offered(
                    custom,
                    offered,
                    "the matching rules of the Rules mapping",
                )),
                None => self.ambiguity(
                    mapping_key,
                    mapping,
                    &decided,
                    "no rule of the Rules mapping matches",
                ),
            };
        }
        if let Claims::Saml(assertion) = &login.claims {
            let mut offered: Vec<String> = Vec::new();
            for role in assertion.roles_for(&login.key) {
                if !offered.contains(&role.role_arn) {
                    offered.push(role.role_arn);
                }
            }
            return match (custom, offered.as_slice()) {
                (Some(custom), _) if offered.iter().any(|r| r == custom) => {
                    Ok(decided(custom, RoleSource::CustomRoleArn, None))
                }
                (Some(custom), _) => Err(not_offered(custom, offered, "the SAML assertion")),
                (None, [only]) => Ok(decided(only, RoleSource::SingleRole, None)),
                (None, []) => Err(no_role(
                    &at_login,
                    &format!(
                        "The SAML assertion offers no role for {} (attribute {}).",
                        login.key,
                        saml::ROLE_ATTRIBUTE
                    ),
                )),
                (None, several) => Err({
                    let mut issue = Issue::new(
                        at_login,
                        Code::AmbiguousRole,
                        format!(
                            "The SAML assertion offers {} roles ({}); choose one with CustomRoleArn.",
                            several.len(),
                            several.join(", ")
                        ),
                    );
                    issue.params.roles = Some(several.to_vec());
                    issue
                }),
            };
        }
        if let Some((mapping_key, mapping)) = mapping {
            // A Token mapping: the token's cognito:roles and preferred role.
            let roles = match &login.claims {
                Claims::Jwt(jwt) => jwt.string_list("cognito:roles").unwrap_or_default(),
                _ => Vec::new(),
            };
            let preferred = match &login.claims {
                Claims::Jwt(jwt) => jwt.claim("cognito:preferred_role").and_then(Value::as_str),
                _ => None,
            };
            if let Some(custom) = custom {
                return if roles.iter().any(|r| r == custom) {
                    Ok(decided(custom, RoleSource::CustomRoleArn, None))
                } else {
                    Err(not_offered(custom, roles, "the token's cognito:roles"))
                };
            }
            if let Some(preferred) = preferred {
                return Ok(decided(preferred, RoleSource::PreferredRole, None));
            }
            if let [only] = roles.as_slice() {
                return Ok(decided(only, RoleSource::SingleRole, None));
            }
            let why = if roles.is_empty() {
                "the token has no cognito:roles".to_string()
            } else {
                format!(
                    "the token offers {} roles and no cognito:preferred_role",
                    roles.len()
                )
            };
            return self.ambiguity(mapping_key, mapping, &decided, &why);
        }
        // No mapping: the pool's authenticated role, and nothing else (a
        // different CustomRoleArn fails closed; our choice).
        let Some(authenticated) = self.roles.get("authenticated") else {
            return Err(no_role(
                "/Roles",
                "The pool has no authenticated role (Roles.authenticated) and no role mapping for this login.",
            ));
        };
        match custom {
            Some(custom) if custom != authenticated => Err(not_offered(
                custom,
                vec![authenticated.clone()],
                "the pool (no role mapping for this login)",
            )),
            Some(custom) => Ok(decided(custom, RoleSource::CustomRoleArn, None)),
            None => Ok(decided(authenticated, RoleSource::Default, None)),
        }
    }

    /// A mapping that did not decide: AmbiguousRoleResolution.
    fn ambiguity(
        &self,
        mapping_key: &str,
        mapping: &RoleMapping,
        decided: &dyn Fn(&str, RoleSource, Option<usize>) -> Decision,
        why: &str,
    ) -> Result<Decision, Issue> {
        let at = pointer(&["RoleMappings", mapping_key]);
        match mapping.ambiguous_role_resolution {
            Some(AmbiguousRoleResolutionType::AuthenticatedRole) => {
                match self.roles.get("authenticated") {
                    Some(role) => Ok(decided(role, RoleSource::Default, None)),
                    None => Err(no_role(
                        &at,
                        &format!(
                            "The mapping for {mapping_key} falls back to the authenticated role ({why}), but the pool has none."
                        ),
                    )),
                }
            }
            // Deny, or absent (validation requires it; fail closed).
            _ => Err(Issue::new(
                at,
                Code::RoleMappingDenied,
                format!(
                    "The mapping for {mapping_key} denies credentials: {why}, and AmbiguousRoleResolution is Deny."
                ),
            )),
        }
    }
}

/// Whether a rule matches a claim's values. An absent claim matches no
/// rule, `NotEqual` included; a multi-valued claim matches when any value
/// does.
fn rule_matches(rule: &MappingRule, values: &[String]) -> bool {
    values.iter().any(|value| match rule.match_type {
        MappingRuleMatchType::Equals => *value == rule.value,
        MappingRuleMatchType::Contains => crate::trust::contains_text(value, &rule.value),
        MappingRuleMatchType::StartsWith => value.starts_with(&rule.value),
        MappingRuleMatchType::NotEqual => *value != rule.value,
    })
}

/// One issue as the list [`Parts::decide`] fails with.
fn one(issue: Issue) -> Vec<Issue> {
    vec![issue]
}

/// An issue whose message is "The token for {key} {rest}", with the
/// service's message `aws` when not empty.
fn token_issue(at: &str, code: Code, key: &str, rest: fmt::Arguments<'_>, aws: &str) -> Issue {
    let mut issue = Issue::new(at, code, format!("The token for {key} {rest}"));
    if !aws.is_empty() {
        issue.aws_message = Some(aws.into());
    }
    issue
}

fn no_role(at: &str, message: &str) -> Issue {
    let mut issue = Issue::new(at, Code::NoRole, message);
    issue.aws_message =
        Some("Invalid identity pool configuration. Check assigned IAM roles for this pool.".into());
    issue
}

fn not_offered(custom: &str, offered: Vec<String>, by: &str) -> Issue {
    let list = if offered.is_empty() {
        "none".to_string()
    } else {
        offered.join(", ")
    };
    let mut issue = Issue::new(
        "/Request/CustomRoleArn",
        Code::RoleNotOffered,
        format!("CustomRoleArn {custom} is not offered by {by} (offered: {list})."),
    );
    issue.params.roles = Some(offered);
    issue
}

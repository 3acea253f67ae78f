//! The Report: the one result shape every entry point returns.
//!
//! A [`Report`] carries every [`Issue`] found, errors and warnings apart, in
//! a deterministic order (input order, then the order of constraints within
//! a member), plus what the service itself would answer
//! ([`ServiceError`]). The same JSON shape crosses every boundary: Rust
//! (serde), JavaScript (plain objects) and C (a JSON accessor).

use crate::json::Value;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A stable issue code. The string form (`snake_case`) is part of the
/// public contract and never changes meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Code {
    /// The input is not JSON, is not UTF-8, or exceeds a size or depth limit.
    Syntax,
    /// A member has the wrong JSON type.
    Type,
    /// A member the shape does not have.
    UnknownMember,
    /// A required member is absent or null.
    Required,
    /// A string length or collection size outside the model's bounds.
    Length,
    /// A string that does not match the model's pattern.
    Pattern,
    /// A string that is not one of the model's enum values.
    Enum,
    /// A number outside the model's bounds.
    Range,
    /// Not an ARN, or the wrong service or resource type for its slot.
    InvalidArn,
    /// An identity pool id or identity id that passes the pattern but cannot exist.
    MalformedId,
    /// A user-pool provider entry that is not `cognito-idp.<region>.amazonaws.com/<region>_<id>` with a ClientId.
    InvalidUserPoolProvider,
    /// Regions (or partitions) that must agree do not.
    RegionMismatch,
    /// The same provider or ARN configured twice in a way normalization cannot merge.
    Duplicate,
    /// More than 50 tags, or a tag key starting with `aws:`.
    TagLimit,
    /// An update changes the pool id or a developer provider name that is already set.
    Immutable,
    /// A role-mapping key that is not a provider configured on the pool.
    RoleMappingProvider,
    /// A Logins key that the pool does not accept.
    NotConfigured,
    /// No logins, and the pool does not allow unauthenticated identities.
    UnauthenticatedNotAllowed,
    /// A login token that should be a JWT or SAML response and cannot be decoded.
    TokenMalformed,
    /// A JWT `iss` that does not match its Logins key.
    TokenIssuerMismatch,
    /// A user-pool token whose audience is none of the pool's app clients, or an access token.
    TokenAudienceMismatch,
    /// A token expired (or not yet valid) at the given time.
    TokenExpired,
    /// `CustomRoleArn` is not among the roles the login offers.
    RoleNotOffered,
    /// Several roles are offered, none was chosen, and nothing resolves the ambiguity.
    AmbiguousRole,
    /// The role mapping's AmbiguousRoleResolution is `Deny` and nothing resolved a role.
    RoleMappingDenied,
    /// No role exists for the identity type.
    NoRole,
    /// The decided role's trust policy refuses the identity (STS would not let it assume the role).
    TrustDenied,
    /// A statement for the identity pool principal never allows `sts:AssumeRoleWithWebIdentity`.
    TrustWrongAction,
    /// A statement with Cognito condition keys whose principal is not the partition's identity pool principal.
    TrustWrongPrincipal,
    /// A positive condition on a key the identity pool's token never carries.
    TrustUnknownConditionKey,
    /// An Allow for the identity pool principal without a Condition block, which IAM refuses.
    TrustConditionRequired,
    /// `NotPrincipal`, `Resource`/`NotResource`, `"Principal": "*"` (or both Action and NotAction) in a trust policy.
    TrustForbiddenElement,
    /// An Allow for the identity pool principal without a positive `aud` condition: any pool in any account can assume the role.
    TrustAudMissing,
    /// An `aud` value with `*` or `?` under a Like operator, or `aud` tested only by negated operators.
    TrustAudWildcard,
    /// Principal tags are mapped but no Allow of `sts:TagSession` for the identity pool principal.
    TrustTagSessionMissing,
    /// The basic (classic) flow is refused: disabled, or the pool has role mappings, or the login is SAML.
    BasicFlowRefused,
    /// Warning: a SupportedLoginProviders key that is not a known social provider.
    UnknownLoginProvider,
    /// Warning: a region of the right shape that is not in the built-in region list.
    UnknownRegion,
    /// Warning: an app id that does not look like that provider's ids.
    SuspiciousProviderId,
    /// Warning: an update omits a member, which resets it to its default.
    ResetToDefault,
    /// Warning: no `amr` condition, so guests and signed-in users alike can assume the role.
    TrustAmrMissing,
    /// Warning: a role the pool gives to authenticated identities also admits unauthenticated ones.
    TrustGuestAllowed,
    /// Warning: a bare operator or `ForAllValues:` on `amr`, or a set operator on `aud`/`sub`.
    TrustSetOperator,
    /// Warning: `...IfExists` or `Null` weakening an `aud`/`amr` test.
    TrustIfExists,
    /// Warning: `sts:*`, `sts:AssumeRole*`, `*` or `NotAction` in an identity pool statement.
    TrustBroadAction,
    /// Warning (audit): a role the pool hands out has no entry in `TrustPolicies`.
    TrustPolicyMissing,
}

/// The `exception` of the trust-policy risks an audit finds (a missing
/// `aud` condition, guests admitted, ...): no service refuses them, which
/// is the danger, so no service exception names them.
pub const RISK_EXCEPTION: &str = "TrustPolicyRisk";

impl Code {
    /// The code as it appears in JSON, e.g. `unknown_member`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Syntax => "syntax",
            Code::Type => "type",
            Code::UnknownMember => "unknown_member",
            Code::Required => "required",
            Code::Length => "length",
            Code::Pattern => "pattern",
            Code::Enum => "enum",
            Code::Range => "range",
            Code::InvalidArn => "invalid_arn",
            Code::MalformedId => "malformed_id",
            Code::InvalidUserPoolProvider => "invalid_user_pool_provider",
            Code::RegionMismatch => "region_mismatch",
            Code::Duplicate => "duplicate",
            Code::TagLimit => "tag_limit",
            Code::Immutable => "immutable",
            Code::RoleMappingProvider => "role_mapping_provider",
            Code::NotConfigured => "not_configured",
            Code::UnauthenticatedNotAllowed => "unauthenticated_not_allowed",
            Code::TokenMalformed => "token_malformed",
            Code::TokenIssuerMismatch => "token_issuer_mismatch",
            Code::TokenAudienceMismatch => "token_audience_mismatch",
            Code::TokenExpired => "token_expired",
            Code::RoleNotOffered => "role_not_offered",
            Code::AmbiguousRole => "ambiguous_role",
            Code::RoleMappingDenied => "role_mapping_denied",
            Code::NoRole => "no_role",
            Code::TrustDenied => "trust_denied",
            Code::TrustWrongAction => "trust_wrong_action",
            Code::TrustWrongPrincipal => "trust_wrong_principal",
            Code::TrustUnknownConditionKey => "trust_unknown_condition_key",
            Code::TrustConditionRequired => "trust_condition_required",
            Code::TrustForbiddenElement => "trust_forbidden_element",
            Code::TrustAudMissing => "trust_aud_missing",
            Code::TrustAudWildcard => "trust_aud_wildcard",
            Code::TrustTagSessionMissing => "trust_tag_session_missing",
            Code::BasicFlowRefused => "basic_flow_refused",
            Code::UnknownLoginProvider => "unknown_login_provider",
            Code::UnknownRegion => "unknown_region",
            Code::SuspiciousProviderId => "suspicious_provider_id",
            Code::ResetToDefault => "reset_to_default",
            Code::TrustAmrMissing => "trust_amr_missing",
            Code::TrustGuestAllowed => "trust_guest_allowed",
            Code::TrustSetOperator => "trust_set_operator",
            Code::TrustIfExists => "trust_if_exists",
            Code::TrustBroadAction => "trust_broad_action",
            Code::TrustPolicyMissing => "trust_policy_missing",
        }
    }

    /// The service exception this code maps to.
    pub fn exception(self) -> &'static str {
        match self {
            Code::Syntax => "SerializationException",
            Code::Type => "SerializationException",
            Code::UnknownMember => "ParamValidation",
            Code::Required => "ValidationException",
            Code::Length => "ValidationException",
            Code::Pattern => "ValidationException",
            Code::Enum => "ValidationException",
            Code::Range => "ValidationException",
            Code::InvalidArn => "InvalidParameterException",
            Code::MalformedId => "ResourceNotFoundException",
            Code::InvalidUserPoolProvider => "InvalidParameterException",
            Code::RegionMismatch => "InvalidParameterException",
            Code::Duplicate => "InvalidParameterException",
            Code::TagLimit => "InvalidParameterException",
            Code::Immutable => "InvalidParameterException",
            Code::RoleMappingProvider => "InvalidParameterException",
            Code::NotConfigured => "NotAuthorizedException",
            Code::UnauthenticatedNotAllowed => "NotAuthorizedException",
            Code::TokenMalformed => "NotAuthorizedException",
            Code::TokenIssuerMismatch => "NotAuthorizedException",
            Code::TokenAudienceMismatch => "NotAuthorizedException",
            Code::TokenExpired => "NotAuthorizedException",
            Code::RoleNotOffered => "NotAuthorizedException",
            Code::AmbiguousRole => "NotAuthorizedException",
            Code::RoleMappingDenied => "NotAuthorizedException",
            Code::NoRole => "InvalidIdentityPoolConfigurationException",
            Code::TrustDenied => "InvalidIdentityPoolConfigurationException",
            Code::TrustWrongAction => "InvalidIdentityPoolConfigurationException",
            Code::TrustWrongPrincipal => "InvalidIdentityPoolConfigurationException",
            Code::TrustUnknownConditionKey => "InvalidIdentityPoolConfigurationException",
            Code::TrustConditionRequired => "MalformedPolicyDocumentException",
            Code::TrustForbiddenElement => "MalformedPolicyDocumentException",
            Code::TrustAudMissing => RISK_EXCEPTION,
            Code::TrustAudWildcard => RISK_EXCEPTION,
            Code::TrustTagSessionMissing => "InvalidIdentityPoolConfigurationException",
            Code::BasicFlowRefused => "InvalidParameterException",
            Code::UnknownLoginProvider => "InvalidParameterException",
            Code::UnknownRegion => "InvalidParameterException",
            Code::SuspiciousProviderId => "InvalidParameterException",
            Code::ResetToDefault => "InvalidParameterException",
            Code::TrustAmrMissing => RISK_EXCEPTION,
            Code::TrustGuestAllowed => RISK_EXCEPTION,
            Code::TrustSetOperator => RISK_EXCEPTION,
            Code::TrustIfExists => RISK_EXCEPTION,
            Code::TrustBroadAction => RISK_EXCEPTION,
            Code::TrustPolicyMissing => RISK_EXCEPTION,
        }
    }

    /// True for the codes the service reports as a `ValidationException`
    /// with a message in its constraint grammar.
    pub fn is_service_constraint(self) -> bool {
        self.exception() == "ValidationException"
    }

    /// True for the codes that are only ever warnings.
    pub fn is_warning(self) -> bool {
        matches!(
            self,
            Code::UnknownLoginProvider
                | Code::UnknownRegion
                | Code::SuspiciousProviderId
                | Code::ResetToDefault
                | Code::TrustAmrMissing
                | Code::TrustGuestAllowed
                | Code::TrustSetOperator
                | Code::TrustIfExists
                | Code::TrustBroadAction
                | Code::TrustPolicyMissing
        )
    }

    /// Every code, in declaration order.
    pub const ALL: &'static [Code] = &[
        Code::Syntax,
        Code::Type,
        Code::UnknownMember,
        Code::Required,
        Code::Length,
        Code::Pattern,
        Code::Enum,
        Code::Range,
        Code::InvalidArn,
        Code::MalformedId,
        Code::InvalidUserPoolProvider,
        Code::RegionMismatch,
        Code::Duplicate,
        Code::TagLimit,
        Code::Immutable,
        Code::RoleMappingProvider,
        Code::NotConfigured,
        Code::UnauthenticatedNotAllowed,
        Code::TokenMalformed,
        Code::TokenIssuerMismatch,
        Code::TokenAudienceMismatch,
        Code::TokenExpired,
        Code::RoleNotOffered,
        Code::AmbiguousRole,
        Code::RoleMappingDenied,
        Code::NoRole,
        Code::TrustDenied,
        Code::TrustWrongAction,
        Code::TrustWrongPrincipal,
        Code::TrustUnknownConditionKey,
        Code::TrustConditionRequired,
        Code::TrustForbiddenElement,
        Code::TrustAudMissing,
        Code::TrustAudWildcard,
        Code::TrustTagSessionMissing,
        Code::BasicFlowRefused,
        Code::UnknownLoginProvider,
        Code::UnknownRegion,
        Code::SuspiciousProviderId,
        Code::ResetToDefault,
        Code::TrustAmrMissing,
        Code::TrustGuestAllowed,
        Code::TrustSetOperator,
        Code::TrustIfExists,
        Code::TrustBroadAction,
        Code::TrustPolicyMissing,
    ];
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Typed details of an issue. Only the fields that apply are present.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Params {
    /// The model's lower bound (length, entry count or value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    /// The model's upper bound (length, entry count or value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// The length, entry count or value found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<i64>,
    /// The model's pattern.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// The allowed values (enums) or members (unknown members).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Vec<String>>,
    /// The JSON type the model expects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// The JSON type found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
    /// 1-based line of a syntax error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// 1-based column (in characters) of a syntax error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u64>,
    /// The limit that was exceeded (bytes or nesting levels).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
    /// The roles a login offers (`ambiguous_role`, `role_not_offered`), so
    /// a console can show a role picker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<String>>,
    /// Why a trust policy refuses (`trust_denied`): `no_statement`,
    /// `principal`, `action`, `condition` or `explicit_deny`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The index of the trust-policy statement at fault.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<u64>,
    /// The condition key at fault, as written in the policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Who would be refused (`trust_denied` in an audit): the identity type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_type: Option<IdentityType>,
    /// Who would be refused: the login key, for authenticated identities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
}

impl Params {
    /// True when no field is set.
    pub fn is_empty(&self) -> bool {
        *self == Params::default()
    }
}

/// One finding about the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Issue {
    /// RFC 6901 JSON Pointer to the offending value (`""` is the whole input).
    pub path: String,
    /// The stable code.
    pub code: Code,
    /// One English sentence for a person. Never contains sensitive values.
    pub message: String,
    /// The service exception this issue maps to.
    pub exception: String,
    /// The single-constraint text in the service's grammar, for the
    /// constraint codes (`required`, `length`, `pattern`, `enum`, `range`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aws_message: Option<String>,
    /// True when the map key at `path` is at fault (not its value).
    #[serde(default, skip_serializing_if = "is_false")]
    pub key: bool,
    /// Typed details.
    #[serde(default, skip_serializing_if = "Params::is_empty")]
    pub params: Params,
}

fn is_false(value: &bool) -> bool {
    !*value
}

impl Issue {
    /// The same issue, located inside a larger document at `prefix` (a
    /// JSON Pointer such as `/current`).
    pub fn nested(mut self, prefix: &str) -> Issue {
        self.path.insert_str(0, prefix);
        self
    }

    /// A new issue with the code's own exception and no details.
    pub fn new(path: impl Into<String>, code: Code, message: impl Into<String>) -> Issue {
        Issue::from_parts(path.into(), code, message.into())
    }

    /// [`Issue::new`] without the generic conversions: one copy of the
    /// body for every caller (smaller code than one per argument type).
    #[inline(never)]
    fn from_parts(path: String, code: Code, message: String) -> Issue {
        Issue {
            path,
            code,
            message,
            exception: code.exception().to_string(),
            aws_message: None,
            key: false,
            params: Params::default(),
        }
    }
}

/// What the service would answer for this input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceError {
    /// The exception class, e.g. `ValidationException`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The message, e.g. `1 validation error detected: ...`.
    pub message: String,
}

/// The result of checking one input against one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// The operation or shape name the input was checked against.
    pub target: String,
    /// True iff `errors` is empty.
    pub ok: bool,
    /// Every error, in deterministic order.
    pub errors: Vec<Issue>,
    /// Every warning; warnings never make `ok` false.
    pub warnings: Vec<Issue>,
    /// What the service would answer; present iff `ok` is false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_error: Option<ServiceError>,
    /// True when the input had more errors, or normalization made more
    /// changes, than the limit ([`Limits::max_issues`](crate::Limits::max_issues));
    /// the errors and changes listed are the first ones. Absent when false.
    #[serde(default, skip_serializing_if = "is_false")]
    pub truncated: bool,
    /// The canonical form of the input (members in model order, map keys
    /// sorted, normalization applied), with sensitive values redacted.
    /// Present whenever the input was well-formed JSON of the right
    /// top-level type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normalized: Option<crate::normalize::Canonical>,
    /// What normalization changed, in input order.
    #[serde(default)]
    pub changes: Vec<Change>,
    /// The update plan, for `plan_update`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Plan>,
    /// Which role a credentials request gets, for `resolve_credentials`;
    /// present iff `ok`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// For `audit_trust`: every role the pool can hand out, who reaches
    /// it, and whether its trust policy admits each of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit: Option<Vec<AuditEntry>>,
}

/// Whether credentials are for a signed-in identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentityType {
    /// The request carries logins.
    Authenticated,
    /// The request carries no logins.
    Unauthenticated,
}

impl IdentityType {
    /// The identity type as it appears in JSON: `authenticated` or
    /// `unauthenticated`.
    pub fn as_str(self) -> &'static str {
        match self {
            IdentityType::Authenticated => "authenticated",
            IdentityType::Unauthenticated => "unauthenticated",
        }
    }
}

/// Why the decided role was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleSource {
    /// The pool's role for the identity type (`Roles`).
    Default,
    /// The request's `CustomRoleArn`, which the login offers.
    CustomRoleArn,
    /// The token's `cognito:preferred_role`.
    PreferredRole,
    /// The only role the login offers.
    SingleRole,
    /// The first matching rule of a Rules mapping.
    Rule,
}

impl RoleSource {
    /// The source as it appears in JSON, e.g. `custom_role_arn`.
    pub fn as_str(self) -> &'static str {
        match self {
            RoleSource::Default => "default",
            RoleSource::CustomRoleArn => "custom_role_arn",
            RoleSource::PreferredRole => "preferred_role",
            RoleSource::SingleRole => "single_role",
            RoleSource::Rule => "rule",
        }
    }
}

/// The role a `GetCredentialsForIdentity` request would receive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    /// Authenticated or unauthenticated.
    pub identity_type: IdentityType,
    /// The Logins key that decided the role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// The role's ARN.
    pub role_arn: String,
    /// Why this role.
    pub source: RoleSource,
    /// The index of the rule that matched, for `source: rule`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_index: Option<usize>,
    /// The verdict of the role's trust policy, when the context gave one
    /// (`TrustPolicies`); present only when the policy admits the identity
    /// (a refusal is the error `trust_denied`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trust: Option<TrustDecision>,
}

/// A trust policy that admits the identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TrustDecision {
    /// Always true here: a refusal is an error, not a decision.
    pub allowed: bool,
    /// The index of the first Allow statement that admits the identity.
    pub statement: usize,
    /// That statement's `Sid`, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    /// True when the pool's partition has no documented identity pool
    /// principal and the commercial `cognito-identity.amazonaws.com` was
    /// assumed. Absent when false.
    #[serde(default, skip_serializing_if = "is_false")]
    pub unverified_principal: bool,
}

/// One role the pool can hand out, in an audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    /// The role's ARN.
    pub role_arn: String,
    /// Every kind of identity the pool sends to this role.
    pub reached_by: Vec<Reacher>,
    /// For each of `reachedBy`, whether the role's trust policy admits it;
    /// absent when `TrustPolicies` has no policy for the role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Vec<bool>>,
    /// As in [`TrustDecision::unverified_principal`].
    #[serde(default, skip_serializing_if = "is_false")]
    pub unverified_principal: bool,
}

/// A kind of identity that reaches a role.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reacher {
    /// Authenticated or unauthenticated.
    pub identity_type: IdentityType,
    /// The login key, for authenticated identities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
}

/// The kind of a normalization change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChangeCode {
    /// Leading or trailing whitespace removed.
    Trimmed,
    /// An identity pool id, identity id or user-pool host lowercased.
    Lowercased,
    /// A provider word or URL replaced by the canonical login key.
    Alias,
    /// An `https://` / `http://` prefix or a trailing `/` removed.
    SchemeRemoved,
    /// A repeated ARN or user-pool provider entry removed.
    Deduplicated,
    /// A null member or an empty optional collection removed.
    RemovedEmpty,
}

impl ChangeCode {
    /// The code as it appears in JSON, e.g. `scheme_removed`.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeCode::Trimmed => "trimmed",
            ChangeCode::Lowercased => "lowercased",
            ChangeCode::Alias => "alias",
            ChangeCode::SchemeRemoved => "scheme_removed",
            ChangeCode::Deduplicated => "deduplicated",
            ChangeCode::RemovedEmpty => "removed_empty",
        }
    }
}

/// One change normalization made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// JSON Pointer to the value in the input.
    pub path: String,
    /// What was done.
    pub code: ChangeCode,
    /// The value before (never a sensitive value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Value<'static>>,
    /// The value after, absent when the value was removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Value<'static>>,
}

/// What an update does to the stored pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// Every difference between the current and the effective pool.
    pub changes: Vec<PlanChange>,
    /// The pool as it will be after the update (canonical form).
    pub effective: Value<'static>,
}

/// The kind of a planned change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanOp {
    /// A value appears.
    Add,
    /// A value disappears.
    Remove,
    /// A value changes.
    Replace,
}

impl PlanOp {
    /// The operation as it appears in JSON: `add`, `remove` or `replace`.
    pub fn as_str(self) -> &'static str {
        match self {
            PlanOp::Add => "add",
            PlanOp::Remove => "remove",
            PlanOp::Replace => "replace",
        }
    }
}

/// One difference between the current and the effective pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanChange {
    /// JSON Pointer into the pool.
    pub path: String,
    /// What happens.
    pub op: PlanOp,
    /// The current value (for `remove` and `replace`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Value<'static>>,
    /// The new value (for `add` and `replace`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Value<'static>>,
}

impl Report {
    /// Assemble a report from its issues, deriving `ok` and `serviceError`.
    pub fn new(target: impl Into<String>, errors: Vec<Issue>, warnings: Vec<Issue>) -> Report {
        let service_error = service_error(&errors);
        Report {
            target: target.into(),
            ok: errors.is_empty(),
            errors,
            warnings,
            service_error,
            truncated: false,
            normalized: None,
            changes: Vec::new(),
            plan: None,
            decision: None,
            audit: None,
        }
    }

    /// Recompute `ok` and `serviceError` after `errors` changed.
    pub fn refreshed(mut self) -> Report {
        self.ok = self.errors.is_empty();
        self.service_error = service_error(&self.errors);
        self
    }

    /// The report as compact JSON: the bytes every binding gives.
    ///
    /// Written by hand, member by member, in the order and spelling of the
    /// derived `Serialize` (the output is the same as serializing the report
    /// with `serde_json`; a property test holds the two together). The
    /// canonical form ([`Report::normalized`]) was written as text when the
    /// report was built and is embedded as it is.
    pub fn to_json(&self) -> String {
        let mut out =
            String::with_capacity(256 + self.normalized.as_ref().map_or(0, |n| n.as_str().len()));
        let mut report = Members::open(&mut out);
        report.string("target", &self.target);
        report.bool("ok", self.ok);
        write_issues(report.key("errors"), &self.errors);
        write_issues(report.key("warnings"), &self.warnings);
        if let Some(service_error) = &self.service_error {
            service_error.write_json(report.key("serviceError"));
        }
        if self.truncated {
            report.bool("truncated", true);
        }
        if let Some(normalized) = &self.normalized {
            report.key("normalized").push_str(normalized.as_str());
        }
        write_list(report.key("changes"), &self.changes, Change::write_json);
        if let Some(plan) = &self.plan {
            plan.write_json(report.key("plan"));
        }
        if let Some(decision) = &self.decision {
            decision.write_json(report.key("decision"));
        }
        if let Some(audit) = &self.audit {
            write_list(report.key("audit"), audit, AuditEntry::write_json);
        }
        report.close();
        out
    }

    /// The report as indented JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("a Report always serializes")
    }
}

// --- the Report's JSON, by hand ------------------------------------------------
//
// Each type of the Report writes itself in the spelling of its derived
// `Serialize` as `serde_json` renders it: members in declaration order,
// camelCase names, the same members skipped (`None`, `false`, empty
// params), strings and values through the Report's writers in `json`.

/// The members of one JSON object being written: `{` when opened, a comma
/// before every member but the first, `}` when closed.
struct Members<'o> {
    out: &'o mut String,
    empty: bool,
}

impl<'o> Members<'o> {
    fn open(out: &'o mut String) -> Members<'o> {
        out.push('{');
        Members { out, empty: true }
    }

    /// Starts the member `name` (a plain ASCII name that needs no escape)
    /// and gives the output for its value.
    fn key(&mut self, name: &str) -> &mut String {
        if !std::mem::replace(&mut self.empty, false) {
            self.out.push(',');
        }
        self.out.push('"');
        self.out.push_str(name);
        self.out.push_str("\":");
        self.out
    }

    fn string(&mut self, name: &str, value: &str) {
        crate::json::write_report_string(value, self.key(name));
    }

    fn optional_string(&mut self, name: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.string(name, value);
        }
    }

    fn bool(&mut self, name: &str, value: bool) {
        self.key(name)
            .push_str(if value { "true" } else { "false" });
    }

    fn unsigned(&mut self, name: &str, value: Option<u64>) {
        if let Some(value) = value {
            write_u64(self.key(name), value);
        }
    }

    fn signed(&mut self, name: &str, value: Option<i64>) {
        if let Some(value) = value {
            let out = self.key(name);
            if value < 0 {
                out.push('-');
            }
            write_u64(out, value.unsigned_abs());
        }
    }

    fn value(&mut self, name: &str, value: Option<&Value<'_>>) {
        if let Some(value) = value {
            crate::json::write_report_value(value, self.key(name));
        }
    }

    fn strings(&mut self, name: &str, value: Option<&[String]>) {
        if let Some(items) = value {
            write_list(self.key(name), items, |item, out| {
                crate::json::write_report_string(item, out)
            });
        }
    }

    fn close(self) {
        self.out.push('}');
    }
}

/// Appends `n` in plain decimal, as `serde_json` writes integers.
fn write_u64(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    for slot in digits.iter_mut().rev() {
        // `n % 10` is a digit, so the cast keeps it whole.
        *slot = b'0' + (n % 10) as u8;
        start -= 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(digits.get(start..).unwrap_or(&[])).unwrap_or("0"));
}

/// Appends a JSON array of `items`, each written by `write`.
fn write_list<T>(out: &mut String, items: &[T], write: impl Fn(&T, &mut String)) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write(item, out);
    }
    out.push(']');
}

fn write_issues(out: &mut String, issues: &[Issue]) {
    write_list(out, issues, Issue::write_json);
}

impl Issue {
    /// The issue as compact JSON, as it appears in a Report's `errors` or
    /// `warnings`.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(128 + self.message.len());
        self.write_json(&mut out);
        out
    }

    fn write_json(&self, out: &mut String) {
        let mut issue = Members::open(out);
        issue.string("path", &self.path);
        issue.string("code", self.code.as_str());
        issue.string("message", &self.message);
        issue.string("exception", &self.exception);
        issue.optional_string("awsMessage", self.aws_message.as_deref());
        if self.key {
            issue.bool("key", true);
        }
        if !self.params.is_empty() {
            self.params.write_json(issue.key("params"));
        }
        issue.close();
    }
}

impl Params {
    fn write_json(&self, out: &mut String) {
        let mut params = Members::open(out);
        params.signed("min", self.min);
        params.signed("max", self.max);
        params.signed("actual", self.actual);
        params.optional_string("pattern", self.pattern.as_deref());
        params.strings("allowed", self.allowed.as_deref());
        params.optional_string("expected", self.expected.as_deref());
        params.optional_string("found", self.found.as_deref());
        params.unsigned("line", self.line);
        params.unsigned("column", self.column);
        params.unsigned("limit", self.limit);
        params.strings("roles", self.roles.as_deref());
        params.optional_string("reason", self.reason.as_deref());
        params.unsigned("statement", self.statement);
        params.optional_string("key", self.key.as_deref());
        params.optional_string("identityType", self.identity_type.map(IdentityType::as_str));
        params.optional_string("provider", self.provider.as_deref());
        params.close();
    }
}

impl ServiceError {
    fn write_json(&self, out: &mut String) {
        let mut error = Members::open(out);
        error.string("type", &self.kind);
        error.string("message", &self.message);
        error.close();
    }
}

impl Change {
    fn write_json(&self, out: &mut String) {
        let mut change = Members::open(out);
        change.string("path", &self.path);
        change.string("code", self.code.as_str());
        change.value("from", self.from.as_ref());
        change.value("to", self.to.as_ref());
        change.close();
    }
}

impl Plan {
    /// The plan as compact JSON, as it appears in a Report's `plan`.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(512);
        self.write_json(&mut out);
        out
    }

    fn write_json(&self, out: &mut String) {
        let mut plan = Members::open(out);
        write_list(plan.key("changes"), &self.changes, PlanChange::write_json);
        plan.value("effective", Some(&self.effective));
        plan.close();
    }
}

impl PlanChange {
    fn write_json(&self, out: &mut String) {
        let mut change = Members::open(out);
        change.string("path", &self.path);
        change.string("op", self.op.as_str());
        change.value("from", self.from.as_ref());
        change.value("to", self.to.as_ref());
        change.close();
    }
}

impl Decision {
    /// The decision as compact JSON, as it appears in a Report's `decision`.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(256);
        self.write_json(&mut out);
        out
    }

    fn write_json(&self, out: &mut String) {
        let mut decision = Members::open(out);
        decision.string("identityType", self.identity_type.as_str());
        decision.optional_string("provider", self.provider.as_deref());
        decision.string("roleArn", &self.role_arn);
        decision.string("source", self.source.as_str());
        decision.unsigned("ruleIndex", self.rule_index.map(|i| i as u64));
        if let Some(trust) = &self.trust {
            trust.write_json(decision.key("trust"));
        }
        decision.close();
    }
}

impl TrustDecision {
    fn write_json(&self, out: &mut String) {
        let mut trust = Members::open(out);
        trust.bool("allowed", self.allowed);
        trust.unsigned("statement", Some(self.statement as u64));
        trust.optional_string("sid", self.sid.as_deref());
        if self.unverified_principal {
            trust.bool("unverifiedPrincipal", true);
        }
        trust.close();
    }
}

impl AuditEntry {
    /// An audit (a Report's `audit`) as compact JSON.
    pub fn list_to_json(entries: &[AuditEntry]) -> String {
        let mut out = String::with_capacity(256 * entries.len() + 2);
        write_list(&mut out, entries, AuditEntry::write_json);
        out
    }

    fn write_json(&self, out: &mut String) {
        let mut entry = Members::open(out);
        entry.string("roleArn", &self.role_arn);
        write_list(
            entry.key("reachedBy"),
            &self.reached_by,
            Reacher::write_json,
        );
        if let Some(allowed) = &self.allowed {
            write_list(entry.key("allowed"), allowed, |&allowed, out| {
                out.push_str(if allowed { "true" } else { "false" })
            });
        }
        if self.unverified_principal {
            entry.bool("unverifiedPrincipal", true);
        }
        entry.close();
    }
}

impl Reacher {
    fn write_json(&self, out: &mut String) {
        let mut reacher = Members::open(out);
        reacher.string("identityType", self.identity_type.as_str());
        reacher.optional_string("provider", self.provider.as_deref());
        reacher.close();
    }
}

/// The service's answer for a list of errors:
///
/// 1. a `syntax` or `type` error means the request body cannot be read, so
///    the first of them answers as a `SerializationException`;
/// 2. otherwise, constraint errors answer as one `ValidationException`
///    listing all of them in the service grammar;
/// 3. otherwise the first error answers with its own exception and message.
pub fn service_error(errors: &[Issue]) -> Option<ServiceError> {
    if let Some(first) = errors
        .iter()
        .find(|i| matches!(i.code, Code::Syntax | Code::Type))
    {
        return Some(ServiceError {
            kind: first.exception.clone(),
            message: first.message.clone(),
        });
    }
    // A map entry that breaks several constraints of its key or value
    // shape is one service error (the service names the map and lists the
    // shape's constraints once), so repeats for the same entry collapse.
    let mut constraint: Vec<&str> = Vec::new();
    let mut previous: Option<(&str, bool, &str)> = None;
    for issue in errors.iter().filter(|i| i.code.is_service_constraint()) {
        let Some(aws) = issue.aws_message.as_deref() else {
            continue;
        };
        let this = (issue.path.as_str(), issue.key, aws);
        if previous != Some(this) {
            constraint.push(aws);
        }
        previous = Some(this);
    }
    if !constraint.is_empty() {
        return Some(ServiceError {
            kind: "ValidationException".to_string(),
            message: validation_message(&constraint),
        });
    }
    errors.first().map(|first| ServiceError {
        kind: first.exception.clone(),
        message: first
            .aws_message
            .clone()
            .unwrap_or_else(|| first.message.clone()),
    })
}

/// `N validation error(s) detected: ` followed by the messages joined by `; `.
pub fn validation_message(messages: &[&str]) -> String {
    let count = messages.len();
    let noun = if count == 1 { "error" } else { "errors" };
    format!(
        "{count} validation {noun} detected: {}",
        messages.join("; ")
    )
}

/// Whether `c` must not reach a terminal as it is: C0 controls (tab and
/// newline included), DEL, C1 controls, the bidirectional formatting
/// characters (which reorder what is shown) and the line and paragraph
/// separators.
fn unsafe_on_terminal(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{61c}'
        | '\u{200e}' | '\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}')
}

/// `text` made safe to print on a terminal: every control character (C0,
/// DEL, C1), bidirectional formatting character and line or paragraph
/// separator is written as `\u{XX}`, so that untrusted input (a pool name,
/// a member name, a file name) cannot move the cursor, retitle the window,
/// clear the screen, fake a line of output or reorder what is shown. A
/// backslash stays as it is; text without such characters is borrowed.
///
/// ```
/// use idpool::report::terminal_safe;
/// assert_eq!(terminal_safe("a\u{1b}[2J\r\nFAKE ok"), "a\\u{1b}[2J\\u{d}\\u{a}FAKE ok");
/// assert_eq!(terminal_safe("Photos → é"), "Photos → é");
/// ```
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(unsafe_on_terminal) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_on_terminal(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn constraint(path: &str, code: Code, aws: &str) -> Issue {
        {
            let mut issue = Issue::new(path, code, "m");
            issue.aws_message = Some(aws.to_string());
            issue
        }
    }

    #[test]
    fn code_strings_match_their_serde_names() {
        for code in Code::ALL {
            assert_eq!(
                serde_json::to_string(code).unwrap(),
                format!("\"{}\"", code.as_str())
            );
        }
    }

    #[test]
    fn enum_strings_match_their_serde_names() {
        for t in [IdentityType::Authenticated, IdentityType::Unauthenticated] {
            assert_eq!(name(&t), format!("\"{}\"", t.as_str()));
        }
        for s in [
            RoleSource::Default,
            RoleSource::CustomRoleArn,
            RoleSource::PreferredRole,
            RoleSource::SingleRole,
            RoleSource::Rule,
        ] {
            assert_eq!(name(&s), format!("\"{}\"", s.as_str()));
        }
        for c in [
            ChangeCode::Trimmed,
            ChangeCode::Lowercased,
            ChangeCode::Alias,
            ChangeCode::SchemeRemoved,
            ChangeCode::Deduplicated,
            ChangeCode::RemovedEmpty,
        ] {
            assert_eq!(name(&c), format!("\"{}\"", c.as_str()));
        }
        for op in [PlanOp::Add, PlanOp::Remove, PlanOp::Replace] {
            assert_eq!(name(&op), format!("\"{}\"", op.as_str()));
        }
    }

    /// The serde_json text of a value.
    fn name<T: Serialize>(value: &T) -> String {
        serde_json::to_string(value).unwrap()
    }

    #[test]
    fn integers_are_written_in_plain_decimal() {
        for n in [
            0,
            1,
            9,
            10,
            99,
            100,
            12345,
            u64::MAX / 10,
            u64::MAX - 1,
            u64::MAX,
        ] {
            let mut out = String::new();
            write_u64(&mut out, n);
            assert_eq!(out, n.to_string());
        }
        for n in [i64::MIN, i64::MIN + 1, -10, -1, 0, 1, i64::MAX] {
            let mut out = String::new();
            let mut members = Members::open(&mut out);
            members.signed("n", Some(n));
            members.close();
            assert_eq!(out, format!("{{\"n\":{n}}}"));
        }
    }

    #[test]
    fn validation_message_counts_errors() {
        assert_eq!(validation_message(&["a"]), "1 validation error detected: a");
        assert_eq!(
            validation_message(&["a", "b"]),
            "2 validation errors detected: a; b"
        );
    }

    #[test]
    fn serialization_errors_win_over_constraint_errors() {
        let errors = vec![
            constraint("/A", Code::Length, "x"),
            Issue::new("/B", Code::Type, "B must be a string, not an integer."),
        ];
        let service = service_error(&errors).unwrap();
        assert_eq!(service.kind, "SerializationException");
        assert_eq!(service.message, "B must be a string, not an integer.");
    }

    #[test]
    fn repeats_for_one_map_entry_collapse_but_other_entries_count() {
        let errors = vec![
            constraint("/M/k", Code::Length, "same"),
            constraint("/M/k", Code::Pattern, "same"),
            constraint("/M/j", Code::Length, "same"),
        ];
        assert_eq!(
            service_error(&errors).unwrap().message,
            "2 validation errors detected: same; same"
        );
    }

    #[test]
    fn other_errors_answer_with_their_own_exception() {
        let errors = vec![Issue::new(
            "/X",
            Code::UnknownMember,
            "Unknown parameter in input: \"X\"",
        )];
        let service = service_error(&errors).unwrap();
        assert_eq!(service.kind, "ParamValidation");
        assert_eq!(service.message, "Unknown parameter in input: \"X\"");
        assert_eq!(service_error(&[]), None);
    }

    #[test]
    fn report_json_uses_camel_case_and_omits_empty_details() {
        let report = Report::new("T", vec![constraint("/A", Code::Length, "x")], Vec::new());
        let json = report.to_json();
        assert!(json.contains("\"awsMessage\":\"x\""), "{json}");
        assert!(
            json.contains("\"serviceError\":{\"type\":\"ValidationException\""),
            "{json}"
        );
        assert!(!json.contains("\"params\""), "{json}");
        assert!(!json.contains("\"key\""), "{json}");
        let ok = Report::new("T", Vec::new(), Vec::new());
        assert_eq!(
            ok.to_json(),
            r#"{"target":"T","ok":true,"errors":[],"warnings":[],"changes":[]}"#
        );
    }
}

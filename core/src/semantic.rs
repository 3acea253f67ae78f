//! The semantic layer: rules beyond the model's traits (docs/REFERENCE.md section 5).
//!
//! Each rule is a named function below with its source: the service model,
//! documented behaviour, an observed service message, or our choice
//! (recorded in `docs/DECISIONS.md`). The walk is shape-directed over the
//! JSON tree, so rules still run when other members have type errors; a
//! value with a constraint error gets no semantic issue on top (see
//! [`crate::Checker`]).

use crate::arn::{ArnKind, ArnParts};
use crate::id::{IdError, is_guid, is_region_shape};
use crate::json::Value;
use crate::path::{Path, Segment};
use crate::provider::{self, PoolProviders, ProviderKind};
use crate::region;
use crate::report::{Code, Issue, Params};
use crate::schema::{ShapeId, ShapeKind};
use crate::seen::FirstSeen;
use std::borrow::Cow;
use std::collections::HashSet;

/// Most tags a pool may have (documented service quota).
pub const MAX_TAGS: usize = 50;

/// What the semantic layer found.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    pub errors: Vec<Issue>,
    pub warnings: Vec<Issue>,
}

/// Run every semantic rule that applies to `value` as the shape `shape`.
/// `pool` is a pool the input is checked against (role-mapping keys must be
/// providers configured on it). At most `max_issues` errors are kept.
///
/// `rejected` lists the JSON Pointers of values the constraint layer
/// rejected: rules never read them as context (a malformed pool id does not
/// decide a region).
pub(crate) fn check(
    shape: ShapeId,
    value: &Value<'_>,
    pool: Option<&Value<'_>>,
    rejected: &[&str],
    max_issues: usize,
) -> Findings {
    let mut walker = Walker {
        rejected,
        path: Path::default(),
        findings: Findings::default(),
        region: None,
        pool_keys: pool.map(|p| pool_providers(p).login_keys()),
        max_issues,
        parent: None,
    };
    walker.walk(shape, value, None);
    walker.findings
}

/// The slot an ARN value sits in, which decides what it must name.
fn arn_slot(parent: ShapeId, member: &str) -> Option<ArnKind> {
    match (parent, member) {
        (ShapeId::GET_CREDENTIALS_FOR_IDENTITY_INPUT, "CustomRoleArn") => Some(ArnKind::Role),
        (ShapeId::MAPPING_RULE, "RoleARN") => Some(ArnKind::Role),
        (
            ShapeId::TAG_RESOURCE_INPUT
            | ShapeId::UNTAG_RESOURCE_INPUT
            | ShapeId::LIST_TAGS_FOR_RESOURCE_INPUT,
            "ResourceArn",
        ) => Some(ArnKind::IdentityPool),
        _ => None,
    }
}

/// The slot of the entries of a list or the values of a map.
fn entry_slot(collection: ShapeId) -> Option<ArnKind> {
    match collection {
        ShapeId::OIDC_PROVIDER_LIST => Some(ArnKind::OidcProvider),
        ShapeId::SAML_PROVIDER_LIST => Some(ArnKind::SamlProvider),
        ShapeId::ROLES_MAP => Some(ArnKind::Role),
        _ => None,
    }
}

struct Walker<'a, 'r> {
    rejected: &'r [&'r str],
    path: Path<'a>,
    findings: Findings,
    /// The region of the pool (or identity) the values being walked belong
    /// to, when the enclosing structure names one validly.
    region: Option<String>,
    /// The login keys of the pool the input is checked against, if any.
    pool_keys: Option<Vec<provider::LoginKey>>,
    max_issues: usize,
    /// The structure whose members are being walked.
    parent: Option<ShapeId>,
}

impl<'a> Walker<'a, '_> {
    fn error(&mut self, issue: Issue) {
        if self.findings.errors.len() < self.max_issues {
            self.findings.errors.push(issue);
        }
    }

    fn warning(&mut self, issue: Issue) {
        if self.findings.warnings.len() < self.max_issues {
            self.findings.warnings.push(issue);
        }
    }

    fn walk(&mut self, id: ShapeId, value: &'a Value<'a>, slot: Option<ArnKind>) {
        match (&id.shape().kind, value) {
            (ShapeKind::String(_), Value::String(text)) => self.string(id, text, slot),
            (ShapeKind::Structure(members), Value::Object(entries)) => {
                let saved = self.region.clone();
                if let Some(region) = self.structure_region(entries) {
                    self.region = Some(region);
                }
                self.structure_rules(id, entries);
                let saved_parent = self.parent.replace(id);
                for (name, child) in entries {
                    if let Some(member) = members.iter().find(|m| m.name == name.as_ref()) {
                        self.path.push(Segment::Member {
                            wire: member.name,
                            service: member.service_name,
                        });
                        self.walk(member.shape, child, arn_slot(id, member.name));
                        self.path.pop();
                    }
                }
                self.parent = saved_parent;
                self.region = saved;
            }
            (ShapeKind::List { member, .. }, Value::Array(items)) => {
                if id == ShapeId::IDENTITY_POOL_TAGS_LIST_TYPE {
                    self.tag_key_list(items);
                }
                for (index, item) in items.iter().enumerate() {
                    self.path.push(Segment::Index(index));
                    self.walk(*member, item, entry_slot(id));
                    self.path.pop();
                }
            }
            (
                ShapeKind::Map {
                    value: value_shape, ..
                },
                Value::Object(entries),
            ) => {
                if id == ShapeId::IDENTITY_POOL_TAGS_TYPE {
                    self.tag_map(entries);
                }
                if id == ShapeId::LOGINS_MAP {
                    self.login_map_keys(entries);
                }
                for (key, child) in entries {
                    self.path.push(Segment::Key(key));
                    self.walk(*value_shape, child, entry_slot(id));
                    self.path.pop();
                }
            }
            _ => {}
        }
    }

    fn string(&mut self, id: ShapeId, text: &str, slot: Option<ArnKind>) {
        match id {
            ShapeId::IDENTITY_POOL_ID => self.identity_id(text, "IdentityPool"),
            ShapeId::IDENTITY_ID => self.identity_id(text, "Identity"),
            _ => {}
        }
        if let Some(kind) = slot {
            self.arn(text, kind);
        }
    }

    /// A member's string value, unless the constraint layer rejected it.
    fn accepted_str<'v>(
        &self,
        entries: &'v [(Cow<'a, str>, Value<'a>)],
        name: &str,
    ) -> Option<&'v str> {
        let text = member_str(entries, name)?;
        if self.rejected.is_empty() {
            return Some(text);
        }
        let pointer = self.path.pointer_with(name);
        (!self.rejected.contains(&pointer.as_str())).then_some(text)
    }

    /// The region named by a structure's valid IdentityPoolId, else by its
    /// valid IdentityId.
    fn structure_region(&self, entries: &[(Cow<'a, str>, Value<'a>)]) -> Option<String> {
        ["IdentityPoolId", "IdentityId"].iter().find_map(|name| {
            let (region, guid) = self.accepted_str(entries, name)?.split_once(':')?;
            (is_region_shape(region) && is_guid(guid)).then(|| region.to_string())
        })
    }

    fn structure_rules(&mut self, id: ShapeId, entries: &'a [(Cow<'a, str>, Value<'a>)]) {
        if matches!(
            id,
            ShapeId::IDENTITY_POOL | ShapeId::CREATE_IDENTITY_POOL_INPUT
        ) {
            self.pool(entries);
        }
        if id == ShapeId::ROLE_MAPPING {
            self.role_mapping(entries);
        }
        if matches!(
            id,
            ShapeId::SET_IDENTITY_POOL_ROLES_INPUT | ShapeId::GET_IDENTITY_POOL_ROLES_RESPONSE
        ) {
            self.role_mapping_keys(entries);
        }
        self.identity_region(entries);
    }

    // --- ids ------------------------------------------------------------

    /// `malformed_id` (docs/REFERENCE.md section 5; the service answers
    /// `ResourceNotFoundException`, observed message `IdentityPool '<id>'
    /// not found.`): an id that passes the model's pattern
    /// `[\w-]+:[0-9a-f-]+` but whose region is not a region's shape or
    /// whose GUID is not a lowercase 8-4-4-4-12 GUID cannot exist.
    /// `unknown_region` (warning): a region of the right shape that is not
    /// in the built-in list.
    fn identity_id(&mut self, text: &str, noun: &str) {
        let Some((region, guid)) = text.split_once(':') else {
            return; // the pattern already failed
        };
        let problem = if !is_region_shape(region) {
            Some(IdError::InvalidRegion)
        } else if !is_guid(guid) {
            Some(IdError::InvalidGuid)
        } else {
            None
        };
        match problem {
            Some(problem) => {
                let display = self.path.display();
                let issue = Issue {
                    aws_message: Some(format!("{noun} '{text}' not found.")),
                    ..Issue::new(
                        self.path.pointer(),
                        Code::MalformedId,
                        format!("{display} {text:?} cannot exist: {problem}."),
                    )
                };
                self.error(issue);
            }
            None if !region::is_known(region) => {
                let display = self.path.display();
                let issue = Issue::new(
                    self.path.pointer(),
                    Code::UnknownRegion,
                    format!(
                        "{display} names the region {region:?}, which is not in idpool's region list; check for a typo."
                    ),
                );
                self.warning(issue);
            }
            None => {}
        }
    }

    /// `region_mismatch` (docs/REFERENCE.md section 5): an identity id belongs to a
    /// pool in its own region, so a structure naming both an identity pool
    /// id and an identity id needs the same region in both.
    fn identity_region(&mut self, entries: &'a [(Cow<'a, str>, Value<'a>)]) {
        let region_of = |member: &str| {
            self.accepted_str(entries, member)
                .and_then(|id| id.split_once(':'))
                .map(|(region, guid)| (region, is_region_shape(region) && is_guid(guid)))
        };
        if let (Some((pool_region, true)), Some((identity_region, true))) =
            (region_of("IdentityPoolId"), region_of("IdentityId"))
            && pool_region != identity_region
        {
            let pointer = self.path.pointer_with("IdentityId");
            self.error(Issue::new(
                pointer,
                Code::RegionMismatch,
                format!(
                    "IdentityId is in {identity_region} but IdentityPoolId is in {pool_region}; an identity belongs to a pool in its own region."
                ),
            ));
        }
    }

    // --- ARNs -----------------------------------------------------------

    /// `invalid_arn` (docs/REFERENCE.md section 5, `InvalidParameterException`): an ARN
    /// slot holds something that is not an ARN of the service and resource
    /// type the slot needs. `region_mismatch` (our choice): an IAM ARN in
    /// another partition than the pool's region cannot be used by it.
    fn arn(&mut self, text: &str, kind: ArnKind) {
        match ArnParts::parse_kind(text, kind) {
            Ok(arn) => {
                let Some(region) = self.region.clone() else {
                    return;
                };
                let expected = region::partition_of(&region);
                // An identity pool ARN names its own region; IAM ARNs must be
                // in the partition of the pool that uses them.
                if kind != ArnKind::IdentityPool && arn.partition != expected {
                    let message = format!(
                        "{} is in the {} partition, but the pool's region {region} is in {}; it cannot be used there.",
                        self.path.display(),
                        arn.partition.as_str(),
                        expected.as_str()
                    );
                    self.error(Issue::new(
                        self.path.pointer(),
                        Code::RegionMismatch,
                        message,
                    ));
                }
            }
            Err(error) => {
                let message = format!(
                    "{} must be {}: {error}.",
                    self.path.display(),
                    kind.describe()
                );
                self.error(Issue::new(self.path.pointer(), Code::InvalidArn, message));
            }
        }
    }

    // --- pools ----------------------------------------------------------

    /// The rules on a pool's providers: user-pool provider names
    /// (`invalid_user_pool_provider`, `region_mismatch`), providers
    /// configured twice (`duplicate`), one login key offered by two
    /// providers (`duplicate`), and the social-provider warnings.
    fn pool(&mut self, entries: &'a [(Cow<'a, str>, Value<'a>)]) {
        self.social_providers(entries);
        self.user_pool_providers(entries);
        self.shared_login_keys(entries);
    }

    /// SupportedLoginProviders (docs/REFERENCE.md sections 3 and 6): a key that
    /// normalizes to the same login key as an earlier one with another app
    /// id is a `duplicate` normalization cannot merge; a key that is not a
    /// known social provider is `unknown_login_provider` (warning); an app
    /// id that does not look like its provider's ids is
    /// `suspicious_provider_id` (warning).
    fn social_providers(&mut self, entries: &'a [(Cow<'a, str>, Value<'a>)]) {
        let Some(Value::Object(providers)) = member(entries, "SupportedLoginProviders") else {
            return;
        };
        self.path.push(Segment::Member {
            wire: "SupportedLoginProviders",
            service: "supportedLoginProviders",
        });
        // Login key → app id of its first entry.
        let mut seen: FirstSeen<String, &str> = FirstSeen::default();
        for (key, value) in providers {
            let Value::String(app_id) = value else {
                continue;
            };
            let canonical = provider::canonical_login_key(key);
            let login_key = canonical.map_or_else(|| key.trim().to_string(), str::to_string);
            let earlier = *seen.first(login_key.clone(), app_id);
            if earlier.trim() != app_id.trim() {
                let issue = Issue {
                    key: true,
                    ..Issue::new(
                        self.path.pointer_with(key),
                        Code::Duplicate,
                        format!(
                            "SupportedLoginProviders lists {login_key} twice with different app ids; keep one."
                        ),
                    )
                };
                self.error(issue);
            }
            match canonical {
                None => {
                    let known: Vec<&str> =
                        provider::SOCIAL_PROVIDERS.iter().map(|(k, _)| *k).collect();
                    let issue = Issue {
                        key: true,
                        params: Params {
                            allowed: Some(known.iter().map(|k| k.to_string()).collect()),
                            ..Params::default()
                        },
                        ..Issue::new(
                            self.path.pointer_with(key),
                            Code::UnknownLoginProvider,
                            format!(
                                "SupportedLoginProviders key {key:?} is not a known social provider ({}); OIDC providers belong in OpenIdConnectProviderARNs.",
                                known.join(", ")
                            ),
                        )
                    };
                    self.warning(issue);
                }
                Some(social) => {
                    if let Some(hint) = suspicious_app_id(social, app_id.trim()) {
                        let issue = Issue::new(
                            self.path.pointer_with(key),
                            Code::SuspiciousProviderId,
                            format!("The {social} app id {hint}"),
                        );
                        self.warning(issue);
                    }
                }
            }
        }
        self.path.pop();
    }

    /// CognitoIdentityProviders (docs/REFERENCE.md section 5; the service answers
    /// `InvalidParameterException: Invalid Cognito Identity Provider`):
    /// each entry needs a ProviderName of the form
    /// `cognito-idp.<region>.amazonaws.com/<region>_<id>`, not written as
    /// a URL (`https://…`, the user pool's ProviderURL), and a ClientId;
    /// the host's region must be the user pool id's (`region_mismatch`);
    /// the same user pool and app client twice with different
    /// ServerSideTokenCheck is a `duplicate`.
    fn user_pool_providers(&mut self, entries: &'a [(Cow<'a, str>, Value<'a>)]) {
        let Some(Value::Array(list)) = member(entries, "CognitoIdentityProviders") else {
            return;
        };
        self.path.push(Segment::Member {
            wire: "CognitoIdentityProviders",
            service: "cognitoIdentityProviders",
        });
        // (provider, app client) → ServerSideTokenCheck of its first entry.
        let mut seen: FirstSeen<(String, &str), Option<bool>> = FirstSeen::default();
        for (index, entry) in list.iter().enumerate() {
            let Value::Object(fields) = entry else {
                continue;
            };
            self.path.push(Segment::Index(index));
            let name = member(fields, "ProviderName");
            let client = member_str(fields, "ClientId");
            let invalid = |walker: &mut Self, pointer: String, why: String| {
                let issue = Issue {
                    aws_message: Some("Invalid Cognito Identity Provider".to_string()),
                    ..Issue::new(pointer, Code::InvalidUserPoolProvider, why)
                };
                walker.error(issue);
            };
            let display = self.path.display();
            match name {
                None | Some(Value::Null) => {
                    invalid(
                        self,
                        self.path.pointer(),
                        format!("{display} has no ProviderName."),
                    );
                }
                Some(Value::String(text)) => {
                    let canonical = provider::canonical_user_pool_name(text);
                    match provider::parse_user_pool_provider(&canonical) {
                        Err(error) => invalid(
                            self,
                            self.path.pointer_with("ProviderName"),
                            format!(
                                "{display}.ProviderName {text:?} is not a user-pool provider name: {error}."
                            ),
                        ),
                        Ok(parsed) => {
                            if let Some(bare) = provider::url_written_name(text) {
                                invalid(
                                    self,
                                    self.path.pointer_with("ProviderName"),
                                    format!(
                                        "{display}.ProviderName {text:?} is written as a URL; the provider name is {bare:?}, without https:// and trailing /."
                                    ),
                                );
                            } else if parsed.host_region != parsed.pool_region {
                                let issue = Issue::new(
                                    self.path.pointer_with("ProviderName"),
                                    Code::RegionMismatch,
                                    format!(
                                        "{display}.ProviderName names the endpoint in {} for user pool {} in {}; both must be the same region.",
                                        parsed.host_region, parsed.user_pool_id, parsed.pool_region
                                    ),
                                );
                                self.error(issue);
                            } else if !region::is_known(parsed.host_region) {
                                let issue = Issue::new(
                                    self.path.pointer_with("ProviderName"),
                                    Code::UnknownRegion,
                                    format!(
                                        "{display}.ProviderName names the region {:?}, which is not in idpool's region list; check for a typo.",
                                        parsed.host_region
                                    ),
                                );
                                self.warning(issue);
                            }
                            if let Some(client) = client {
                                let check = match member(fields, "ServerSideTokenCheck") {
                                    Some(Value::Bool(b)) => Some(*b),
                                    _ => None,
                                };
                                let first = *seen.first((canonical.clone(), client), check);
                                let conflict = first != check;
                                if conflict {
                                    let issue = Issue::new(
                                        self.path.pointer(),
                                        Code::Duplicate,
                                        format!(
                                            "{display} configures user pool {canonical} with app client {client} again, with another ServerSideTokenCheck; keep one entry."
                                        ),
                                    );
                                    self.error(issue);
                                }
                            }
                        }
                    }
                }
                Some(_) => {} // a type error, reported by the constraint layer
            }
            if matches!(member(fields, "ClientId"), None | Some(Value::Null)) {
                invalid(
                    self,
                    self.path.pointer(),
                    format!("{display} has no ClientId."),
                );
            }
            self.path.pop();
        }
        self.path.pop();
    }

    /// One Logins key offered by two kinds of provider (for instance an
    /// OIDC provider for `accounts.google.com` and Google as a social
    /// provider) makes it ambiguous which one a login uses: `duplicate`
    /// (our choice).
    fn shared_login_keys(&mut self, entries: &'a [(Cow<'a, str>, Value<'a>)]) {
        let keys = pool_providers_from_entries(entries).key_refs();
        // The first provider of each key, found by hash: no scan per key.
        let mut first_of: FirstSeen<&str, usize> = FirstSeen::default();
        for (i, key) in keys.iter().enumerate() {
            let first = &keys[*first_of.first(key.key.as_ref(), i)];
            if first.kind != key.kind {
                let member_name = kind_member(key.kind);
                let issue = Issue::new(
                    self.path.pointer_with(member_name),
                    Code::Duplicate,
                    format!(
                        "The login key {} is offered both by {} ({}) and by {member_name} ({}); a login could not tell them apart.",
                        key.key,
                        kind_member(first.kind),
                        first.provider,
                        key.provider
                    ),
                );
                self.error(issue);
            }
        }
    }

    // --- role mappings --------------------------------------------------

    /// RoleMapping (docs/REFERENCE.md section 5): `Type: Rules` needs a
    /// RulesConfiguration (documented), and AmbiguousRoleResolution is
    /// required for both types (our choice, as the documentation says it
    /// is required). Reported as `required` with the service's
    /// `InvalidParameterException`, since the model does not mark them.
    fn role_mapping(&mut self, entries: &'a [(Cow<'a, str>, Value<'a>)]) {
        let display = self.path.display();
        let is_rules = member_str(entries, "Type") == Some("Rules");
        if is_rules
            && matches!(
                member(entries, "RulesConfiguration"),
                None | Some(Value::Null)
            )
        {
            let issue = Issue {
                exception: "InvalidParameterException".to_string(),
                ..Issue::new(
                    self.path.pointer_with("RulesConfiguration"),
                    Code::Required,
                    format!("{display} has Type Rules, which needs RulesConfiguration."),
                )
            };
            self.error(issue);
        }
        if matches!(member_str(entries, "Type"), Some("Rules" | "Token"))
            && matches!(
                member(entries, "AmbiguousRoleResolution"),
                None | Some(Value::Null)
            )
        {
            let issue = Issue {
                exception: "InvalidParameterException".to_string(),
                ..Issue::new(
                    self.path.pointer_with("AmbiguousRoleResolution"),
                    Code::Required,
                    format!(
                        "{display} needs AmbiguousRoleResolution (AuthenticatedRole or Deny) for when the mapping does not decide."
                    ),
                )
            };
            self.error(issue);
        }
    }

    /// `role_mapping_provider` (docs/REFERENCE.md section 5; observed service message
    /// `(<key>) is not a valid RoleMapping ProviderName or is not a
    /// configured provider.`): a RoleMappings key written as a URL
    /// (`https://cognito-idp…`, a user pool's ProviderURL) is refused with
    /// or without a pool, as the service refuses it; with a pool to check
    /// against, each key must also be a login key the pool accepts: a
    /// user-pool key may end with `:<ClientId>` of a configured app client,
    /// and an OIDC provider may be named by its ARN.
    fn role_mapping_keys(&mut self, entries: &'a [(Cow<'a, str>, Value<'a>)]) {
        let Some(Value::Object(mappings)) = member(entries, "RoleMappings") else {
            return;
        };
        let accepted_forms = self.pool_keys.as_deref().map(accepted_mapping_keys);
        let listed: Vec<String> = self
            .pool_keys
            .iter()
            .flatten()
            .take(LISTED_KEYS)
            .map(|k| k.key.clone())
            .collect();
        let more = self
            .pool_keys
            .as_ref()
            .map_or(0, |keys| keys.len().saturating_sub(LISTED_KEYS));
        let mut refused: Vec<(&'a str, String)> = Vec::new();
        for (key, _) in mappings {
            let key = key.as_ref();
            let configured = accepted_forms.as_ref().map(|forms| {
                forms.contains(&provider::canonical_key(key)) || forms.contains(key.trim())
            });
            let why = match (configured, provider::url_written_name(key)) {
                (Some(false), _) => format!(
                    "RoleMappings key {key:?} is not a provider configured on the pool (it accepts: {}).",
                    match (listed.is_empty(), more) {
                        (true, _) => "none".to_string(),
                        (false, 0) => listed.join(", "),
                        (false, more) => format!("{} and {more} more", listed.join(", ")),
                    }
                ),
                (_, Some(bare)) => format!(
                    "RoleMappings key {key:?} is written as a URL; the service wants the provider name {bare:?}, without https:// and trailing /."
                ),
                _ => continue,
            };
            refused.push((key, why));
        }
        if refused.is_empty() {
            return;
        }
        self.path.push(Segment::Member {
            wire: "RoleMappings",
            service: "roleMappings",
        });
        for (key, why) in refused {
            let issue = Issue {
                key: true,
                aws_message: Some(format!(
                    "({key}) is not a valid RoleMapping ProviderName or is not a configured provider."
                )),
                params: Params {
                    allowed: accepted_forms.as_ref().map(|_| listed.clone()),
                    ..Params::default()
                },
                ..Issue::new(self.path.pointer_with(key), Code::RoleMappingProvider, why)
            };
            self.error(issue);
        }
        self.path.pop();
    }

    // --- logins ---------------------------------------------------------

    /// `not_configured` for a Logins key written as a URL
    /// (`https://cognito-idp…`): the service compares Logins keys exactly
    /// with the providers the pool configures, which are never URLs, so no
    /// pool accepts it. In `GetId` and `GetCredentialsForIdentity` (the
    /// calls of the SDKs' credential providers, where it was observed) the
    /// service's answer to a key that names no provider of the pool is
    /// `Token is not from a supported provider of this identity pool.`;
    /// elsewhere its text is not known (docs/DECISIONS.md, "Names written
    /// as URLs").
    fn login_map_keys(&mut self, entries: &'a [(Cow<'a, str>, Value<'a>)]) {
        let known_answer = matches!(
            self.parent,
            Some(ShapeId::GET_ID_INPUT | ShapeId::GET_CREDENTIALS_FOR_IDENTITY_INPUT)
        );
        for (key, _) in entries {
            let Some(bare) = provider::url_written_name(key) else {
                continue;
            };
            let issue = Issue {
                key: true,
                aws_message: known_answer.then(|| {
                    "Token is not from a supported provider of this identity pool.".to_string()
                }),
                ..Issue::new(
                    self.path.pointer_with(key),
                    Code::NotConfigured,
                    format!(
                        "Logins key {key:?} is written as a URL; the service compares keys exactly, so use {bare:?}."
                    ),
                )
            };
            self.error(issue);
        }
    }

    // --- tags -----------------------------------------------------------

    /// `tag_limit` (documented tag rules): at most 50 tags, and no key
    /// starting with `aws:` (reserved for AWS, in any letter case).
    fn tag_map(&mut self, entries: &'a [(Cow<'a, str>, Value<'a>)]) {
        if entries.len() > MAX_TAGS {
            let issue = Issue {
                params: Params {
                    max: Some(MAX_TAGS as i64),
                    actual: Some(entries.len() as i64),
                    ..Params::default()
                },
                ..Issue::new(
                    self.path.pointer(),
                    Code::TagLimit,
                    format!(
                        "{} has {} tags; a pool can have at most {MAX_TAGS}.",
                        self.path.display(),
                        entries.len()
                    ),
                )
            };
            self.error(issue);
        }
        for (key, _) in entries {
            if is_reserved_tag_key(key) {
                let issue = Issue {
                    key: true,
                    ..Issue::new(
                        self.path.pointer_with(key),
                        Code::TagLimit,
                        format!("Tag key {key:?} starts with aws:, which is reserved for AWS."),
                    )
                };
                self.error(issue);
            }
        }
    }

    fn tag_key_list(&mut self, items: &'a [Value<'a>]) {
        for (index, item) in items.iter().enumerate() {
            if let Value::String(key) = item
                && is_reserved_tag_key(key)
            {
                self.path.push(Segment::Index(index));
                let issue = Issue::new(
                    self.path.pointer(),
                    Code::TagLimit,
                    format!("Tag key {key:?} starts with aws:, which is reserved for AWS."),
                );
                self.path.pop();
                self.error(issue);
            }
        }
    }
}

fn is_reserved_tag_key(key: &str) -> bool {
    key.as_bytes()
        .get(..4)
        .is_some_and(|prefix| prefix.eq_ignore_ascii_case(b"aws:"))
}

fn kind_member(kind: ProviderKind) -> &'static str {
    match kind {
        ProviderKind::Social => "SupportedLoginProviders",
        ProviderKind::Oidc => "OpenIdConnectProviderARNs",
        ProviderKind::UserPool => "CognitoIdentityProviders",
        ProviderKind::Saml => "SamlProviderARNs",
        ProviderKind::Developer => "DeveloperProviderName",
    }
}

/// Every form a RoleMappings key may take for a pool with these login
/// keys: each key; each user-pool key with `:<ClientId>` of a configured
/// app client; each OIDC provider's ARN. Built once, so checking a key is
/// one lookup however many providers the pool has.
fn accepted_mapping_keys(keys: &[provider::LoginKey]) -> HashSet<String> {
    let mut accepted = HashSet::with_capacity(keys.len());
    for login in keys {
        accepted.insert(login.key.clone());
        match login.kind {
            ProviderKind::UserPool => {
                for client in &login.client_ids {
                    accepted.insert(format!("{}:{client}", login.key));
                }
            }
            ProviderKind::Oidc => {
                accepted.insert(login.provider.trim().to_string());
            }
            ProviderKind::Social | ProviderKind::Saml | ProviderKind::Developer => {}
        }
    }
    accepted
}

/// At most this many accepted keys are listed in a message or in
/// `params.allowed`.
const LISTED_KEYS: usize = 20;

/// What looks wrong with a social provider's app id, if anything
/// (`suspicious_provider_id`, from each provider's documented id format).
fn suspicious_app_id(social: &str, app_id: &str) -> Option<String> {
    match social {
        "graph.facebook.com" if !app_id.bytes().all(|b| b.is_ascii_digit()) => Some(format!(
            "{app_id:?} is not numeric; Facebook app ids are digits only."
        )),
        "accounts.google.com" if !app_id.ends_with(".apps.googleusercontent.com") => Some(format!(
            "{app_id:?} does not end with .apps.googleusercontent.com; use the OAuth client id."
        )),
        "www.amazon.com" if app_id.starts_with("amzn1.application-oa2-client.") => Some(format!(
            "{app_id:?} is a Login with Amazon client id; the pool needs the app id (amzn1.application.…)."
        )),
        "api.twitter.com" | "www.digits.com" if !app_id.contains(';') => Some(format!(
            "{app_id:?} has no ';'; {social} needs <consumer key>;<consumer secret>."
        )),
        "appleid.apple.com" if !app_id.contains('.') => Some(format!(
            "{app_id:?} does not look like a bundle or services id such as com.example.app."
        )),
        _ => None,
    }
}

fn member<'v, 'a>(entries: &'v [(Cow<'a, str>, Value<'a>)], name: &str) -> Option<&'v Value<'a>> {
    entries.iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

fn member_str<'v>(entries: &'v [(Cow<'_, str>, Value<'_>)], name: &str) -> Option<&'v str> {
    match member(entries, name) {
        Some(Value::String(s)) => Some(s.as_ref()),
        _ => None,
    }
}

/// The providers of a pool given as a JSON tree; entries of the wrong
/// type are skipped.
fn pool_providers_from_entries<'v>(entries: &'v [(Cow<'_, str>, Value<'_>)]) -> PoolProviders<'v> {
    let strings = |name: &str| -> Vec<&'v str> {
        match member(entries, name) {
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        }
    };
    PoolProviders {
        social: match member(entries, "SupportedLoginProviders") {
            Some(Value::Object(map)) => map.iter().map(|(k, _)| k.as_ref()).collect(),
            _ => Vec::new(),
        },
        oidc: strings("OpenIdConnectProviderARNs"),
        user_pools: match member(entries, "CognitoIdentityProviders") {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|item| {
                    let Value::Object(fields) = item else {
                        return None;
                    };
                    Some((
                        member_str(fields, "ProviderName")?,
                        member_str(fields, "ClientId"),
                    ))
                })
                .collect(),
            _ => Vec::new(),
        },
        saml: strings("SamlProviderARNs"),
        developer: member_str(entries, "DeveloperProviderName"),
    }
}

/// The providers of a pool given as a JSON value (an object).
pub(crate) fn pool_providers<'v>(pool: &'v Value<'_>) -> PoolProviders<'v> {
    match pool {
        Value::Object(entries) => pool_providers_from_entries(entries),
        _ => PoolProviders::default(),
    }
}

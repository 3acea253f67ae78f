//! The semantic rules, one free function each, on typed views
//! ([`super::view`]). A rule reports through [`Out`], which makes a finding
//! only where the constraint layer rejected nothing, and renders its
//! position only then.
//!
//! Two decisions are shared beyond this layer: [`region_mismatch`] (also
//! used by `credentials`), and which social providers are configured twice
//! ([`each_social_provider`]: by login key, merged when the app ids agree,
//! a `duplicate` when not), for normalization's merging too. The login key
//! each provider offers is [`provider::offered_key`]'s decision.
//! `CognitoIdentityProviders` entries are identified by their canonical
//! provider name ([`provider::canonical_user_pool_key`]) and app client.

use super::Out;
use super::scope::Scope;
use super::view::{Entries, Field, Ids, Mapping, Providers, View};
use crate::arn::{ArnKind, ArnParts};
use crate::id::{IdError, is_guid, is_region_shape};
use crate::json::Value;
use crate::path::Segment;
use crate::provider::{self, LoginKey, PoolProviders, ProviderKind};
use crate::quote::Quoted;
use crate::region;
use crate::report::{Code, Issue};
use crate::schema::{Roles, ShapeId, Slot};
use crate::seen::{FirstSeen, Strings};
use std::borrow::Cow;

use super::MAX_TAGS;

// --- which rules run where ----------------------------------------------
//
// The walk (`super`) calls one of these per value, with the value's roles
// (`model/roles.json`); a new rule is a function below and a line here.

/// The roles of the structures whose rules read a [`View`].
pub(crate) const VIEWED: Roles = Roles::POOL
    .with(Roles::ROLE_MAPPING)
    .with(Roles::POOL_ROLES)
    .with(Roles::NAMES_IDS);

/// The rules on a string value; `slot` is what it must name when it sits
/// in an ARN slot, `region` the region of the pool it belongs to.
pub(crate) fn on_string(
    out: &mut Out<'_, '_>,
    roles: Roles,
    text: &str,
    slot: Option<Slot>,
    region: Option<&str>,
) {
    if roles.contains(Roles::IDENTITY_POOL_ID) {
        malformed_id(out, text, "IdentityPool");
    }
    if roles.contains(Roles::IDENTITY_ID) {
        malformed_id(out, text, "Identity");
    }
    if let Some(slot) = slot {
        arn_slot(out, text, slot, region);
    }
}

/// The rules on a structure, read through its view (empty unless its
/// roles are among [`VIEWED`]); `pool_keys` are the login keys of the pool
/// the input is checked against, if any.
pub(crate) fn on_structure(
    out: &mut Out<'_, '_>,
    roles: Roles,
    view: &View<'_>,
    pool_keys: Option<&[LoginKey]>,
) {
    if roles.contains(Roles::POOL) {
        social_providers(out, &view.providers);
        user_pool_providers(out, &view.providers);
        shared_login_keys(out, &view.providers);
    }
    if roles.contains(Roles::ROLE_MAPPING) {
        role_mapping(out, &view.mapping);
    }
    if roles.contains(Roles::POOL_ROLES) {
        role_mapping_keys(out, &view.role_mappings, pool_keys);
    }
    identity_region(out, &view.ids);
}

/// The rules on a list.
pub(crate) fn on_list(out: &mut Out<'_, '_>, roles: Roles, items: &[Value<'_>]) {
    if roles.contains(Roles::TAG_KEY_LIST) {
        tag_key_list(out, items);
    }
}

/// The rules on a map; `parent` holds the roles of the structure it is a
/// member of.
pub(crate) fn on_map(out: &mut Out<'_, '_>, roles: Roles, entries: &Entries<'_>, parent: Roles) {
    if roles.contains(Roles::TAG_MAP) {
        tag_map(out, entries);
    }
    if roles.contains(Roles::LOGINS) {
        login_map_keys(out, entries, parent.contains(Roles::CREDENTIALS_CALL));
    }
}

// --- ids and regions ----------------------------------------------------

/// The region of an identity pool id or identity id that is valid
/// (`<region>:<guid>`, a region's shape and a lowercase GUID).
fn valid_region(id: &str) -> Option<&str> {
    let (region, guid) = id.split_once(':')?;
    (is_region_shape(region) && is_guid(guid)).then_some(region)
}

/// `region_mismatch` (docs/REFERENCE.md section 5): an identity belongs to
/// a pool in its own region. When `pool_id` and `identity_id` are both
/// valid ids in different regions, their regions `(pool, identity)`. The
/// one decision, for the semantic layer and for credential resolution.
pub(crate) fn region_mismatch<'a>(
    pool_id: &'a str,
    identity_id: &'a str,
) -> Option<(&'a str, &'a str)> {
    let pool = valid_region(pool_id)?;
    let identity = valid_region(identity_id)?;
    (pool != identity).then_some((pool, identity))
}

/// The region a structure's values belong to: that of its valid, accepted
/// IdentityPoolId, else of its valid, accepted IdentityId.
pub(crate) fn structure_region<'v>(ids: &Ids<'v>) -> Option<&'v str> {
    [ids.pool, ids.identity]
        .iter()
        .find_map(|field| valid_region(field.accepted_str()?))
}

/// `region_mismatch` within one structure naming both an identity pool id
/// and an identity id (both accepted by the constraint layer), reported at
/// the IdentityId.
fn identity_region(out: &mut Out<'_, '_>, ids: &Ids<'_>) {
    let (Some(pool_id), Some(identity_id)) = (ids.pool.accepted_str(), ids.identity.accepted_str())
    else {
        return;
    };
    if let Some((pool_region, identity_region)) = region_mismatch(pool_id, identity_id) {
        out.error(&[ids.identity.segment()], |site| {
            Issue::new(
                site.pointer(),
                Code::RegionMismatch,
                format!(
                    "IdentityId is in {identity_region} but IdentityPoolId is in {pool_region}; an identity belongs to a pool in its own region."
                ),
            )
        });
    }
}

/// `malformed_id` (docs/REFERENCE.md section 5; the service answers
/// `ResourceNotFoundException`, observed message `IdentityPool '<id>' not
/// found.`): an id that passes the model's pattern `[\w-]+:[0-9a-f-]+` but
/// whose region is not a region's shape or whose GUID is not a lowercase
/// 8-4-4-4-12 GUID cannot exist. `unknown_region` (warning): a region of
/// the right shape that is not in the built-in list. `noun` names what the
/// id identifies (`IdentityPool`, `Identity`).
fn malformed_id(out: &mut Out<'_, '_>, text: &str, noun: &str) {
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
        Some(problem) => out.error(&[], |site| {
let mut issue = Issue::new(
                site.pointer(),
                Code::MalformedId,
                format!("{} {text} cannot exist: {problem}.", site.display(), text = Quoted(text)),
            );
issue.aws_message = Some(format!("{noun} '{text}' not found."));
issue
}),
        None if !region::is_known(region) => out.warning(&[], |site| {
            Issue::new(
                site.pointer(),
                Code::UnknownRegion,
                format!(
                    "{} names the region {region}, which is not in idpool's region list; check for a typo.",
                    site.display(),
                    region = Quoted(region),
                ),
            )
        }),
        None => {}
    }
}

// --- ARNs ---------------------------------------------------------------

/// What an ARN in `slot` must name.
fn arn_kind(slot: Slot) -> ArnKind {
    match slot {
        Slot::RoleArn => ArnKind::Role,
        Slot::IdentityPoolArn => ArnKind::IdentityPool,
        Slot::OidcProviderArn => ArnKind::OidcProvider,
        Slot::SamlProviderArn => ArnKind::SamlProvider,
    }
}

/// `invalid_arn` (docs/REFERENCE.md section 5, `InvalidParameterException`):
/// an ARN slot holds something that is not an ARN of the service and
/// resource type the slot needs. `region_mismatch` (our choice): an IAM ARN
/// in another partition than the region of the pool that uses it
/// (`region`) cannot be used by it.
fn arn_slot(out: &mut Out<'_, '_>, text: &str, slot: Slot, region: Option<&str>) {
    let kind = arn_kind(slot);
    match ArnParts::parse_kind(text, kind) {
        Ok(arn) => {
            let Some(region) = region else {
                return;
            };
            let expected = region::partition_of(region);
            // An identity pool ARN names its own region; IAM ARNs must be in
            // the partition of the pool that uses them.
            if kind != ArnKind::IdentityPool && arn.partition != expected {
                out.error(&[], |site| {
                    Issue::new(
                        site.pointer(),
                        Code::RegionMismatch,
                        format!(
                            "{} is in the {} partition, but the pool's region {region} is in {}; it cannot be used there.",
                            site.display(),
                            arn.partition.as_str(),
                            expected.as_str()
                        ),
                    )
                });
            }
        }
        Err(error) => out.error(&[], |site| {
            Issue::new(
                site.pointer(),
                Code::InvalidArn,
                format!("{} must be {}: {error}.", site.display(), kind.describe()),
            )
        }),
    }
}

// --- providers ----------------------------------------------------------

/// One `SupportedLoginProviders` entry with a string app id, as
/// [`each_social_provider`] gives it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SocialEntry<'v> {
    /// The key as written.
    pub key: &'v str,
    /// The social provider's canonical key, when the key names one.
    pub canonical: Option<&'static str>,
    /// The login key it stands for ([`provider::offered_key`]): the
    /// canonical key, else the key trimmed.
    pub login_key: &'v str,
    /// The app id.
    pub app_id: &'v str,
    /// The app id of the first entry with the same login key, when this
    /// entry is not that first one.
    pub earlier: Option<&'v str>,
}

impl SocialEntry<'_> {
    /// True when this entry repeats an earlier one's login key with
    /// another app id (compared trimmed): a `duplicate` that normalization
    /// cannot merge. A repeat with the same app id is merged.
    pub(crate) fn conflicts(&self) -> bool {
        self.earlier
            .is_some_and(|earlier| earlier.trim() != self.app_id.trim())
    }
}

/// Each `SupportedLoginProviders` entry whose app id is a string, in
/// order, with the earlier entry its login key repeats: the one decision
/// of which social providers are configured twice, for the semantic rule
/// and for normalization's merging.
pub(crate) fn each_social_provider<'v>(
    providers: &'v Entries<'v>,
    mut each: impl FnMut(SocialEntry<'v>),
) {
    // Login key → app id of its first entry.
    let mut seen: FirstSeen<&'v str, &'v str> = FirstSeen::default();
    for (key, value) in providers {
        let Value::String(app_id) = value else {
            continue;
        };
        let (key, app_id): (&'v str, &'v str) = (key, app_id);
        let canonical = provider::canonical_login_key(key);
        let login_key = canonical.unwrap_or_else(|| key.trim());
        let first = *seen.first(login_key, app_id);
        each(SocialEntry {
            key,
            canonical,
            login_key,
            app_id,
            // The first entry of a key is its own earlier one.
            earlier: (!std::ptr::eq(first, app_id)).then_some(first),
        });
    }
}

/// `SupportedLoginProviders` (docs/REFERENCE.md sections 3 and 6): a key
/// that stands for the same login key as an earlier one with another app id
/// is a `duplicate` normalization cannot merge; a key that is not a known
/// social provider is `unknown_login_provider` (warning); an app id that
/// does not look like its provider's ids is `suspicious_provider_id`
/// (warning).
fn social_providers(out: &mut Out<'_, '_>, providers: &Providers<'_>) {
    let Some(entries) = providers.social.object() else {
        return;
    };
    let member = providers.social.segment();
    each_social_provider(entries, |entry| {
        let SocialEntry {
            key,
            login_key,
            app_id,
            ..
        } = entry;
        let at = [member, Segment::Key(key)];
        if entry.conflicts() {
            out.error(&at, |site| {
let mut issue = Issue::new(
                    site.pointer(),
                    Code::Duplicate,
                    format!(
                        "SupportedLoginProviders lists {login_key} twice with different app ids; keep one."
                    ),
                );
issue.key = true;
issue
});
        }
        match entry.canonical {
            None => out.warning(&at, |site| {
                let known: Vec<&str> = provider::SOCIAL_PROVIDERS.iter().map(|(k, _)| *k).collect();
                {
let mut issue = Issue::new(
                        site.pointer(),
                        Code::UnknownLoginProvider,
                        format!(
                            "SupportedLoginProviders key {key} is not a known social provider ({}); OIDC providers belong in OpenIdConnectProviderARNs.",
                            known.join(", "),
                            key = Quoted(key),
                        ),
                    );
issue.key = true;
issue.params.allowed = Some(known.iter().map(|k| k.to_string()).collect());
issue
}
            }),
            Some(social) => {
                if let Some(hint) = suspicious_app_id(social, app_id.trim()) {
                    out.warning(&at, |site| {
                        Issue::new(
                            site.pointer(),
                            Code::SuspiciousProviderId,
                            format!("The {social} app id {hint}"),
                        )
                    });
                }
            }
        }
    });
}

/// What looks wrong with a social provider's app id, if anything
/// (`suspicious_provider_id`, from each provider's documented id format).
fn suspicious_app_id(social: &str, app_id: &str) -> Option<String> {
    match social {
        "graph.facebook.com" if !app_id.bytes().all(|b| b.is_ascii_digit()) => Some(format!(
            "{app_id} is not numeric; Facebook app ids are digits only.",
            app_id = Quoted(app_id)
        )),
        "accounts.google.com" if !app_id.ends_with(".apps.googleusercontent.com") => Some(format!(
            "{app_id} does not end with .apps.googleusercontent.com; use the OAuth client id.",
            app_id = Quoted(app_id)
        )),
        "www.amazon.com" if app_id.starts_with("amzn1.application-oa2-client.") => Some(format!(
            "{app_id} is a Login with Amazon client id; the pool needs the app id (amzn1.application.…).",
            app_id = Quoted(app_id)
        )),
        "api.twitter.com" | "www.digits.com" if !app_id.contains(';') => Some(format!(
            "{app_id} has no ';'; {social} needs <consumer key>;<consumer secret>.",
            app_id = Quoted(app_id)
        )),
        "appleid.apple.com" if !app_id.contains('.') => Some(format!(
            "{app_id} does not look like a bundle or services id such as com.example.app.",
            app_id = Quoted(app_id)
        )),
        _ => None,
    }
}

/// An `invalid_user_pool_provider` issue (the service answers
/// `InvalidParameterException: Invalid Cognito Identity Provider`).
fn invalid_user_pool(pointer: String, why: String) -> Issue {
    {
        let mut issue = Issue::new(pointer, Code::InvalidUserPoolProvider, why);
        issue.aws_message = Some("Invalid Cognito Identity Provider".to_string());
        issue
    }
}

/// `CognitoIdentityProviders` (docs/REFERENCE.md section 5): each entry
/// needs a ProviderName of the form
/// `cognito-idp.<region>.amazonaws.com/<region>_<id>`, not written as a URL
/// (`https://…`, the user pool's ProviderURL), and a ClientId
/// (`invalid_user_pool_provider`); the host's region must be the user pool
/// id's (`region_mismatch`), and a region outside the built-in list is
/// `unknown_region` (warning); the same user pool and app client twice with
/// different ServerSideTokenCheck is a `duplicate`.
fn user_pool_providers(out: &mut Out<'_, '_>, providers: &Providers<'_>) {
    let Some(list) = providers.user_pools.array() else {
        return;
    };
    let member = providers.user_pools.segment();
    // (provider, app client) → ServerSideTokenCheck of its first entry.
    let mut seen: FirstSeen<(Cow<'_, str>, &str), Option<bool>> = FirstSeen::default();
    for (index, entry) in list.iter().enumerate() {
        let Value::Object(fields) = entry else {
            continue;
        };
        let entry = View::of(ShapeId::COGNITO_IDENTITY_PROVIDER, fields, &Scope::none()).user_pool;
        let at_entry = [member, Segment::Index(index)];
        let at_name = [member, Segment::Index(index), entry.name.segment()];
        match entry.name.value {
            None | Some(Value::Null) => out.error(&at_entry, |site| {
                invalid_user_pool(
                    site.pointer(),
                    format!("{} has no ProviderName.", site.display()),
                )
            }),
            Some(Value::String(text)) => {
                let canonical = provider::canonical_user_pool_key(text);
                match provider::parse_user_pool_provider(&canonical) {
                    Err(error) => out.error(&at_name, |site| {
                        invalid_user_pool(
                            site.pointer(),
                            format!(
                                "{}.ProviderName {text} is not a user-pool provider name: {error}.",
                                site.display_parent(),
                                text = Quoted(text)
                            ),
                        )
                    }),
                    Ok(parsed) => {
                        if let Some(bare) = provider::url_written_name(text) {
                            out.error(&at_name, |site| {
                                invalid_user_pool(
                                    site.pointer(),
                                    format!(
                                        "{}.ProviderName {text} is written as a URL; the provider name is {bare}, without https:// and trailing /.",
                                        site.display_parent(),
                                        text = Quoted(text),
                                        bare = Quoted(&bare),
                                    ),
                                )
                            });
                        } else if parsed.host_region != parsed.pool_region {
                            out.error(&at_name, |site| {
                                Issue::new(
                                    site.pointer(),
                                    Code::RegionMismatch,
                                    format!(
                                        "{}.ProviderName names the endpoint in {} for user pool {} in {}; both must be the same region.",
                                        site.display_parent(),
                                        parsed.host_region,
                                        parsed.user_pool_id,
                                        parsed.pool_region
                                    ),
                                )
                            });
                        } else if !region::is_known(parsed.host_region) {
                            out.warning(&at_name, |site| {
                                Issue::new(
                                    site.pointer(),
                                    Code::UnknownRegion,
                                    format!(
                                        "{}.ProviderName names the region {}, which is not in idpool's region list; check for a typo.",
                                        site.display_parent(),
                                        Quoted(parsed.host_region)
                                    ),
                                )
                            });
                        }
                        if let Some(client) = entry.client.str() {
                            let check = entry.token_check.bool();
                            // An entry is identified by its canonical provider
                            // name and its app client.
                            if *seen.first((canonical.clone(), client), check) != check {
                                out.error(&at_entry, |site| {
                                    Issue::new(
                                        site.pointer(),
                                        Code::Duplicate,
                                        format!(
                                            "{} configures user pool {canonical} with app client {client} again, with another ServerSideTokenCheck; keep one entry.",
                                            site.display()
                                        ),
                                    )
                                });
                            }
                        }
                    }
                }
            }
            Some(_) => {} // a type error, reported by the constraint layer
        }
        if entry.client.is_absent() {
            out.error(&at_entry, |site| {
                invalid_user_pool(
                    site.pointer(),
                    format!("{} has no ClientId.", site.display()),
                )
            });
        }
    }
}

/// The field of `providers` that configures providers of `kind`.
fn field_of<'p, 'v>(providers: &'p Providers<'v>, kind: ProviderKind) -> &'p Field<'v> {
    match kind {
        ProviderKind::Social => &providers.social,
        ProviderKind::Oidc => &providers.oidc,
        ProviderKind::UserPool => &providers.user_pools,
        ProviderKind::Saml => &providers.saml,
        ProviderKind::Developer => &providers.developer,
    }
}

/// The providers of a pool view, for the login keys of a pool given as
/// context.
pub(crate) fn providers_of<'v>(providers: &Providers<'v>) -> PoolProviders<'v> {
    // Plain loops: one small body each, no iterator adapters to instantiate.
    let mut found = PoolProviders {
        developer: providers.developer.str(),
        ..PoolProviders::default()
    };
    if let Some(entries) = providers.social.object() {
        for (key, _) in entries {
            found.social.push(key);
        }
    }
    for (field, list) in [
        (&providers.oidc, &mut found.oidc),
        (&providers.saml, &mut found.saml),
    ] {
        for item in field.array().unwrap_or_default() {
            if let Value::String(text) = item {
                list.push(text);
            }
        }
    }
    for entry in providers.user_pools.array().unwrap_or_default() {
        if let Value::Object(fields) = entry {
            let entry =
                View::of(ShapeId::COGNITO_IDENTITY_PROVIDER, fields, &Scope::none()).user_pool;
            if let Some(name) = entry.name.str() {
                found.user_pools.push((name, entry.client.str()));
            }
        }
    }
    found
}

/// Each login key the providers offer, in the order social, OIDC, user
/// pools, SAML, developer, with its kind and the text that configures it
/// (see [`provider::offered_key`]); a provider that names no key (an OIDC
/// entry that is not an OIDC provider ARN) offers none. Members of the
/// wrong type offer none. Plain loops and one `dyn` callback: one small
/// body, with no iterator adapters to instantiate.
fn each_login_key<'v>(
    providers: &Providers<'v>,
    each: &mut dyn FnMut(Cow<'v, str>, ProviderKind, &'v str),
) {
    let mut offer = |kind: ProviderKind, text: &'v str| {
        if let Some(key) = provider::offered_key(kind, text) {
            each(key, kind, text);
        }
    };
    if let Some(entries) = providers.social.object() {
        for (key, _) in entries {
            offer(ProviderKind::Social, key);
        }
    }
    for item in providers.oidc.array().unwrap_or_default() {
        if let Value::String(text) = item {
            offer(ProviderKind::Oidc, text);
        }
    }
    for entry in providers.user_pools.array().unwrap_or_default() {
        if let Value::Object(fields) = entry {
            let entry =
                View::of(ShapeId::COGNITO_IDENTITY_PROVIDER, fields, &Scope::none()).user_pool;
            if let Some(name) = entry.name.str() {
                offer(ProviderKind::UserPool, name);
            }
        }
    }
    for item in providers.saml.array().unwrap_or_default() {
        if let Value::String(text) = item {
            offer(ProviderKind::Saml, text);
        }
    }
    if let Some(developer) = providers.developer.str() {
        offer(ProviderKind::Developer, developer);
    }
}

/// One Logins key offered by two kinds of provider (for instance an OIDC
/// provider for `accounts.google.com` and Google as a social provider)
/// makes it ambiguous which one a login uses: `duplicate` (our choice),
/// at the member of each later kind.
fn shared_login_keys(out: &mut Out<'_, '_>, providers: &Providers<'_>) {
    // Key → kind and provider of its first offer.
    let mut first: FirstSeen<Cow<'_, str>, (ProviderKind, &str)> = FirstSeen::default();
    // Keys already reported for a kind: further offers of one key by one
    // kind of provider (one user pool, several app clients) are one offer.
    let mut reported: FirstSeen<(Cow<'_, str>, ProviderKind), usize> = FirstSeen::default();
    let mut count = 0usize;
    each_login_key(providers, &mut |key, kind, provider| {
        let (first_kind, first_provider) = *first.first(key.clone(), (kind, provider));
        if first_kind == kind {
            return;
        }
        count += 1;
        if *reported.first((key.clone(), kind), count) != count {
            return;
        }
        let member = field_of(providers, kind);
        let first_member = field_of(providers, first_kind).name();
        out.error(&[member.segment()], |site| {
            Issue::new(
                site.pointer(),
                Code::Duplicate,
                format!(
                    "The login key {key} is offered both by {first_member} ({first_provider}) and by {} ({provider}); a login could not tell them apart.",
                    member.name()
                ),
            )
        });
    });
}

// --- role mappings ------------------------------------------------------

/// RoleMapping (docs/REFERENCE.md section 5): `Type: Rules` needs a
/// RulesConfiguration (documented), and AmbiguousRoleResolution is required
/// for both types (our choice, as the documentation says it is required).
/// Reported as `required` with the service's `InvalidParameterException`,
/// since the model does not mark them.
fn role_mapping(out: &mut Out<'_, '_>, mapping: &Mapping<'_>) {
    let kind = mapping.kind.str();
    if kind == Some("Rules") && mapping.rules.is_absent() {
        needed_by_type(
            out,
            &mapping.rules,
            ShapeId::RULES_CONFIGURATION_TYPE,
            |parent| format!("{parent} has Type Rules, which needs RulesConfiguration."),
        );
    }
    if matches!(kind, Some("Rules" | "Token")) && mapping.ambiguous.is_absent() {
        needed_by_type(
            out,
            &mapping.ambiguous,
            ShapeId::AMBIGUOUS_ROLE_RESOLUTION_TYPE,
            |parent| {
                format!(
                    "{parent} needs AmbiguousRoleResolution (AuthenticatedRole or Deny) for when the mapping does not decide."
                )
            },
        );
    }
}

/// A member of a RoleMapping (of the shape `shape`) that its `Type` needs
/// and that is absent: `required`, with the service's
/// `InvalidParameterException`; `message` gets the mapping's display path.
fn needed_by_type(
    out: &mut Out<'_, '_>,
    field: &Field<'_>,
    shape: ShapeId,
    message: impl FnOnce(&str) -> String,
) {
    let at = [field.segment_in(ShapeId::ROLE_MAPPING, shape)];
    out.error(&at, |site| {
        let mut issue = Issue::new(
            site.pointer(),
            Code::Required,
            message(&site.display_parent()),
        );
        issue.exception = "InvalidParameterException".to_string();
        issue
    });
}

/// At most this many accepted keys are listed in a message or in
/// `params.allowed`.
const LISTED_KEYS: usize = 20;

/// Every form a RoleMappings key may take for a pool with these login
/// keys: each key; each user-pool key with `:<ClientId>` of a configured
/// app client; each OIDC provider's ARN. Built once, so checking a key is
/// one lookup however many providers the pool has.
fn accepted_mapping_keys(keys: &[LoginKey]) -> Strings {
    let mut accepted = Strings::default();
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

/// `role_mapping_provider` (docs/REFERENCE.md section 5; observed service
/// message `(<key>) is not a valid RoleMapping ProviderName or is not a
/// configured provider.`): a RoleMappings key written as a URL
/// (`https://cognito-idp…`, a user pool's ProviderURL) is refused with or
/// without a pool, as the service refuses it; with a pool to check against
/// (`pool_keys`), each key must also be a login key the pool accepts: a
/// user-pool key may end with `:<ClientId>` of a configured app client, and
/// an OIDC provider may be named by its ARN.
fn role_mapping_keys(
    out: &mut Out<'_, '_>,
    role_mappings: &Field<'_>,
    pool_keys: Option<&[LoginKey]>,
) {
    let Some(mappings) = role_mappings.object() else {
        return;
    };
    let accepted_forms = pool_keys.map(accepted_mapping_keys);
    let listed: Vec<String> = pool_keys
        .into_iter()
        .flatten()
        .take(LISTED_KEYS)
        .map(|k| k.key.clone())
        .collect();
    let more = pool_keys.map_or(0, |keys| keys.len().saturating_sub(LISTED_KEYS));
    let member = role_mappings.segment();
    for (key, _) in mappings {
        let key = key.as_ref();
        let configured = accepted_forms.as_ref().map(|forms| {
            forms.contains(&provider::canonical_key(key)) || forms.contains(key.trim())
        });
        let url = match configured {
            Some(false) => None,
            _ => match provider::url_written_name(key) {
                Some(bare) => Some(bare),
                None => continue,
            },
        };
        out.error(&[member, Segment::Key(key)], |site| {
            let why = match url {
                None => format!(
                    "RoleMappings key {key} is not a provider configured on the pool (it accepts: {}).",
                    match (listed.is_empty(), more) {
                        (true, _) => "none".to_string(),
                        (false, 0) => listed.join(", "),
                        (false, more) => format!("{} and {more} more", listed.join(", ")),
                    },
                    key = Quoted(key),
                ),
                Some(bare) => format!(
                    "RoleMappings key {key} is written as a URL; the service wants the provider name {bare}, without https:// and trailing /.",
                    key = Quoted(key),
                    bare = Quoted(&bare),
                ),
            };
            {
let mut issue = Issue::new(site.pointer(), Code::RoleMappingProvider, why);
issue.key = true;
issue.aws_message = Some(format!(
                    "({key}) is not a valid RoleMapping ProviderName or is not a configured provider."
                ));
issue.params.allowed = accepted_forms.as_ref().map(|_| listed.clone());
issue
}
        });
    }
}

// --- logins -------------------------------------------------------------

/// `not_configured` for a Logins key written as a URL
/// (`https://cognito-idp…`): the service compares Logins keys exactly with
/// the providers the pool configures, which are never URLs, so no pool
/// accepts it. In `GetId` and `GetCredentialsForIdentity` (the calls of the
/// SDKs' credential providers, where it was observed: `known_answer`) the
/// service's answer to a key that names no provider of the pool is `Token
/// is not from a supported provider of this identity pool.`; elsewhere its
/// text is not known (docs/DECISIONS.md, "Names written as URLs").
fn login_map_keys(out: &mut Out<'_, '_>, logins: &Entries<'_>, known_answer: bool) {
    for (key, _) in logins {
        let Some(bare) = provider::url_written_name(key) else {
            continue;
        };
        out.error(&[Segment::Key(key)], |site| {
let mut issue = Issue::new(
                site.pointer(),
                Code::NotConfigured,
                format!(
                    "Logins key {key} is written as a URL; the service compares keys exactly, so use {bare}.",
                    key = Quoted(key),
                    bare = Quoted(&bare),
                ),
            );
issue.key = true;
issue.aws_message = known_answer.then(|| {
                "Token is not from a supported provider of this identity pool.".to_string()
            });
issue
});
    }
}

// --- tags ---------------------------------------------------------------

fn is_reserved_tag_key(key: &str) -> bool {
    key.as_bytes()
        .get(..4)
        .is_some_and(|prefix| prefix.eq_ignore_ascii_case(b"aws:"))
}

/// `tag_limit` (documented tag rules): at most 50 tags, and no key starting
/// with `aws:` (reserved for AWS, in any letter case).
fn tag_map(out: &mut Out<'_, '_>, tags: &Entries<'_>) {
    if tags.len() > MAX_TAGS {
        out.error(&[], |site| {
            let mut issue = Issue::new(
                site.pointer(),
                Code::TagLimit,
                format!(
                    "{} has {} tags; a pool can have at most {MAX_TAGS}.",
                    site.display(),
                    tags.len()
                ),
            );
            issue.params.max = Some(MAX_TAGS as i64);
            issue.params.actual = Some(tags.len() as i64);
            issue
        });
    }
    for (key, _) in tags {
        if is_reserved_tag_key(key) {
            out.error(&[Segment::Key(key)], |site| {
                let mut issue = Issue::new(
                    site.pointer(),
                    Code::TagLimit,
                    format!(
                        "Tag key {key} starts with aws:, which is reserved for AWS.",
                        key = Quoted(key)
                    ),
                );
                issue.key = true;
                issue
            });
        }
    }
}

/// `tag_limit` for a list of tag keys: no key starting with `aws:`.
fn tag_key_list(out: &mut Out<'_, '_>, keys: &[Value<'_>]) {
    for (index, item) in keys.iter().enumerate() {
        if let Value::String(key) = item
            && is_reserved_tag_key(key)
        {
            out.error(&[Segment::Index(index)], |site| {
                Issue::new(
                    site.pointer(),
                    Code::TagLimit,
                    format!(
                        "Tag key {key} starts with aws:, which is reserved for AWS.",
                        key = Quoted(key)
                    ),
                )
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{ParseOptions, parse};
    use crate::semantic::{Findings, Out, Rejected};

    /// What `rule` finds in `text`, given as the structure or collection
    /// it reads (at the root), with constraint issues at `rejected`.
    fn run(
        text: &str,
        rejected: &[&str],
        rule: impl FnOnce(&mut Out<'_, '_>, &Value<'_>),
    ) -> Findings {
        let value = parse(text, &ParseOptions::default()).expect("test JSON");
        let issues: Vec<Issue> = rejected
            .iter()
            .map(|p| Issue::new(*p, Code::Pattern, "x"))
            .collect();
        let rejected = Rejected::new(&issues);
        let mut findings = Findings::default();
        let mut out = Out {
            findings: &mut findings,
            max_issues: 100,
            at: None,
            scope: rejected.root(),
        };
        rule(&mut out, &value);
        findings
    }

    /// `rule` on the view of `text` as `shape`.
    fn on_view(
        shape: ShapeId,
        text: &str,
        rejected: &[&str],
        rule: impl FnOnce(&mut Out<'_, '_>, &View<'_>),
    ) -> Findings {
        run(text, rejected, |out, value| {
            let Value::Object(entries) = value else {
                panic!("a structure")
            };
            let issues: Vec<Issue> = rejected
                .iter()
                .map(|p| Issue::new(*p, Code::Pattern, "x"))
                .collect();
            let rejected = Rejected::new(&issues);
            rule(out, &View::of(shape, entries, &rejected.root()));
        })
    }

    fn codes(issues: &[Issue]) -> Vec<(&str, Code)> {
        issues.iter().map(|i| (i.path.as_str(), i.code)).collect()
    }

    const POOL_ID: &str = "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    const EU_IDENTITY: &str = "eu-west-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

    #[test]
    fn region_mismatch_needs_two_valid_ids_in_different_regions() {
        assert_eq!(
            region_mismatch(POOL_ID, EU_IDENTITY),
            Some(("us-east-1", "eu-west-1"))
        );
        assert_eq!(region_mismatch(POOL_ID, POOL_ID), None);
        assert_eq!(region_mismatch("us-east-1:not-a-guid", EU_IDENTITY), None);
        assert_eq!(
            region_mismatch(POOL_ID, "EU:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"),
            None
        );
    }

    #[test]
    fn identity_region_reports_at_the_identity_id_unless_a_member_was_rejected() {
        let text = format!(r#"{{"IdentityPoolId":"{POOL_ID}","IdentityId":"{EU_IDENTITY}"}}"#);
        let rule = |out: &mut Out<'_, '_>, view: &View<'_>| identity_region(out, &view.ids);
        let found = on_view(
            ShapeId::GET_OPEN_ID_TOKEN_FOR_DEVELOPER_IDENTITY_INPUT,
            &text,
            &[],
            rule,
        );
        assert_eq!(
            codes(&found.errors),
            [("/IdentityId", Code::RegionMismatch)]
        );
        for rejected in ["/IdentityPoolId", "/IdentityId"] {
            let found = on_view(
                ShapeId::GET_OPEN_ID_TOKEN_FOR_DEVELOPER_IDENTITY_INPUT,
                &text,
                &[rejected],
                rule,
            );
            assert!(found.errors.is_empty(), "{rejected}");
        }
    }

    #[test]
    fn structure_region_prefers_the_accepted_pool_id() {
        let text = format!(r#"{{"IdentityPoolId":"{POOL_ID}","IdentityId":"{EU_IDENTITY}"}}"#);
        let value = parse(&text, &ParseOptions::default()).unwrap();
        let Value::Object(entries) = &value else {
            unreachable!()
        };
        let shape = ShapeId::GET_OPEN_ID_TOKEN_FOR_DEVELOPER_IDENTITY_INPUT;
        let none = Rejected::default();
        let view = View::of(shape, entries, &none.root());
        assert_eq!(structure_region(&view.ids), Some("us-east-1"));
        let issues = [Issue::new("/IdentityPoolId", Code::Pattern, "x")];
        let rejected = Rejected::new(&issues);
        let view = View::of(shape, entries, &rejected.root());
        assert_eq!(structure_region(&view.ids), Some("eu-west-1"));
    }

    #[test]
    fn malformed_id_refuses_bad_guids_and_warns_of_unknown_regions() {
        let check = |text: &str| {
            run("null", &[], |out, _| {
                malformed_id(out, text, "IdentityPool")
            })
        };
        let found = check("us-east-1:0F1E2D3C-4b5a-6978-8796-a5b4c3d2e1f0");
        assert_eq!(codes(&found.errors), [("", Code::MalformedId)]);
        assert_eq!(
            found.errors[0].aws_message.as_deref(),
            Some("IdentityPool 'us-east-1:0F1E2D3C-4b5a-6978-8796-a5b4c3d2e1f0' not found.")
        );
        let found = check("xx-nowhere-9:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
        assert!(found.errors.is_empty());
        assert_eq!(codes(&found.warnings), [("", Code::UnknownRegion)]);
        let found = check(POOL_ID);
        assert!(found.errors.is_empty() && found.warnings.is_empty());
        // A rejected value gets nothing.
        let found = run("null", &[""], |out, _| {
            malformed_id(out, "us:1", "Identity")
        });
        assert!(found.errors.is_empty());
    }

    #[test]
    fn arn_slot_checks_the_kind_and_the_partition_of_the_pool() {
        let check = |text: &str, slot: Slot, region: Option<&str>| {
            run("null", &[], |out, _| arn_slot(out, text, slot, region))
        };
        let role = "arn:aws:iam::123456789012:role/Auth";
        let found = check(role, Slot::OidcProviderArn, None);
        assert_eq!(codes(&found.errors), [("", Code::InvalidArn)]);
        assert!(
            check(role, Slot::RoleArn, Some("us-east-1"))
                .errors
                .is_empty()
        );
        let found = check(role, Slot::RoleArn, Some("cn-north-1"));
        assert_eq!(codes(&found.errors), [("", Code::RegionMismatch)]);
        let pool_arn =
            format!("arn:aws:cognito-identity:us-east-1:123456789012:identitypool/{POOL_ID}");
        assert!(
            check(&pool_arn, Slot::IdentityPoolArn, Some("cn-north-1"))
                .errors
                .is_empty()
        );
    }

    #[test]
    fn social_providers_finds_keys_twice_unknown_keys_and_odd_app_ids() {
        let text = r#"{"SupportedLoginProviders":{"graph.facebook.com":"123","Facebook":"456",
            "login.example.com":"x","accounts.google.com":"abc"}}"#;
        let rule = |out: &mut Out<'_, '_>, view: &View<'_>| social_providers(out, &view.providers);
        let found = on_view(ShapeId::IDENTITY_POOL, text, &[], rule);
        assert_eq!(
            codes(&found.errors),
            [("/SupportedLoginProviders/Facebook", Code::Duplicate)]
        );
        assert!(found.errors[0].key);
        assert_eq!(
            codes(&found.warnings),
            [
                (
                    "/SupportedLoginProviders/login.example.com",
                    Code::UnknownLoginProvider
                ),
                (
                    "/SupportedLoginProviders/accounts.google.com",
                    Code::SuspiciousProviderId
                )
            ]
        );
        // The same app id twice is merged by normalization, not reported.
        let same = r#"{"SupportedLoginProviders":{"graph.facebook.com":"123","Facebook":" 123"}}"#;
        assert!(
            on_view(ShapeId::IDENTITY_POOL, same, &[], rule)
                .errors
                .is_empty()
        );
        // A key the constraint layer rejected gets no finding.
        let found = on_view(
            ShapeId::IDENTITY_POOL,
            text,
            &["/SupportedLoginProviders/Facebook"],
            rule,
        );
        assert!(found.errors.is_empty());
    }

    #[test]
    fn each_social_provider_tells_repeats_and_whether_they_agree() {
        let text = r#"{"graph.facebook.com":"123","Facebook":" 123","https://graph.facebook.com/":"9",
            "x.example.com":5,"x.example.com ":"a"}"#;
        let value = parse(text, &ParseOptions::default()).unwrap();
        let Value::Object(entries) = &value else {
            unreachable!()
        };
        let mut seen = Vec::new();
        each_social_provider(entries, |e| {
            seen.push((e.key, e.login_key, e.earlier, e.conflicts()));
        });
        assert_eq!(
            seen,
            [
                ("graph.facebook.com", "graph.facebook.com", None, false),
                ("Facebook", "graph.facebook.com", Some("123"), false),
                (
                    "https://graph.facebook.com/",
                    "graph.facebook.com",
                    Some("123"),
                    true
                ),
                // A non-string app id is skipped.
                ("x.example.com ", "x.example.com", None, false),
            ]
        );
    }

    #[test]
    fn user_pool_providers_checks_names_clients_regions_and_repeats() {
        let host = "cognito-idp.us-east-1.amazonaws.com";
        let text = format!(
            r#"{{"CognitoIdentityProviders":[
                {{"ProviderName":"{host}/us-east-1_A","ClientId":"c","ServerSideTokenCheck":true}},
                {{"ProviderName":"{host}/us-east-1_A","ClientId":"c","ServerSideTokenCheck":false}},
                {{"ProviderName":"https://{host}/us-east-1_B","ClientId":"c"}},
                {{"ProviderName":"{host}/eu-west-1_C","ClientId":"c"}},
                {{"ProviderName":"{host}/us-east-1_D"}},
                {{"ClientId":"c"}}]}}"#
        );
        let rule =
            |out: &mut Out<'_, '_>, view: &View<'_>| user_pool_providers(out, &view.providers);
        let found = on_view(ShapeId::IDENTITY_POOL, &text, &[], rule);
        assert_eq!(
            codes(&found.errors),
            [
                ("/CognitoIdentityProviders/1", Code::Duplicate),
                (
                    "/CognitoIdentityProviders/2/ProviderName",
                    Code::InvalidUserPoolProvider
                ),
                (
                    "/CognitoIdentityProviders/3/ProviderName",
                    Code::RegionMismatch
                ),
                ("/CognitoIdentityProviders/4", Code::InvalidUserPoolProvider),
                ("/CognitoIdentityProviders/5", Code::InvalidUserPoolProvider),
            ]
        );
        assert!(found.errors[3].message.contains("has no ClientId"));
        assert!(found.errors[4].message.contains("has no ProviderName"));
    }

    #[test]
    fn shared_login_keys_finds_one_key_offered_by_two_kinds() {
        let text = r#"{"SupportedLoginProviders":{"Google":"a.apps.googleusercontent.com"},
            "OpenIdConnectProviderARNs":["arn:aws:iam::123456789012:oidc-provider/accounts.google.com"],
            "CognitoIdentityProviders":[
                {"ProviderName":"cognito-idp.us-east-1.amazonaws.com/us-east-1_A","ClientId":"a"},
                {"ProviderName":"cognito-idp.us-east-1.amazonaws.com/us-east-1_A","ClientId":"b"}]}"#;
        let rule = |out: &mut Out<'_, '_>, view: &View<'_>| shared_login_keys(out, &view.providers);
        let found = on_view(ShapeId::IDENTITY_POOL, text, &[], rule);
        // Two clients of one user pool are one provider, not a repeat.
        assert_eq!(
            codes(&found.errors),
            [("/OpenIdConnectProviderARNs", Code::Duplicate)]
        );
        assert!(
            found.errors[0]
                .message
                .contains("SupportedLoginProviders (Google)")
        );
    }

    #[test]
    fn role_mapping_needs_rules_and_an_ambiguous_resolution() {
        let rule = |out: &mut Out<'_, '_>, view: &View<'_>| role_mapping(out, &view.mapping);
        let found = on_view(ShapeId::ROLE_MAPPING, r#"{"Type":"Rules"}"#, &[], rule);
        assert_eq!(
            codes(&found.errors),
            [
                ("/RulesConfiguration", Code::Required),
                ("/AmbiguousRoleResolution", Code::Required)
            ]
        );
        assert_eq!(found.errors[0].exception, "InvalidParameterException");
        let token = r#"{"Type":"Token","AmbiguousRoleResolution":"Deny"}"#;
        assert!(
            on_view(ShapeId::ROLE_MAPPING, token, &[], rule)
                .errors
                .is_empty()
        );
    }

    #[test]
    fn role_mapping_keys_refuses_urls_and_providers_the_pool_lacks() {
        let text =
            r#"{"RoleMappings":{"https://accounts.google.com/":{},"graph.facebook.com":{}}}"#;
        let found = on_view(
            ShapeId::SET_IDENTITY_POOL_ROLES_INPUT,
            text,
            &[],
            |out, view| role_mapping_keys(out, &view.role_mappings, None),
        );
        assert_eq!(
            codes(&found.errors),
            [(
                "/RoleMappings/https:~1~1accounts.google.com~1",
                Code::RoleMappingProvider
            )]
        );
        let keys = [LoginKey {
            key: "accounts.google.com".into(),
            kind: ProviderKind::Social,
            provider: "Google".into(),
            client_ids: Vec::new(),
        }];
        let found = on_view(
            ShapeId::SET_IDENTITY_POOL_ROLES_INPUT,
            text,
            &[],
            |out, view| role_mapping_keys(out, &view.role_mappings, Some(&keys)),
        );
        assert_eq!(
            codes(&found.errors),
            [
                (
                    "/RoleMappings/https:~1~1accounts.google.com~1",
                    Code::RoleMappingProvider
                ),
                (
                    "/RoleMappings/graph.facebook.com",
                    Code::RoleMappingProvider
                )
            ]
        );
        assert_eq!(
            found.errors[1].params.allowed.as_deref(),
            Some(&["accounts.google.com".to_string()][..])
        );
    }

    #[test]
    fn login_map_keys_refuses_keys_written_as_urls() {
        let text = r#"{"https://accounts.google.com":"t","graph.facebook.com":"t"}"#;
        let rule = |known| {
            move |out: &mut Out<'_, '_>, value: &Value<'_>| {
                let Value::Object(entries) = value else {
                    panic!("a map")
                };
                login_map_keys(out, entries, known);
            }
        };
        let found = run(text, &[], rule(true));
        assert_eq!(
            codes(&found.errors),
            [("/https:~1~1accounts.google.com", Code::NotConfigured)]
        );
        assert!(found.errors[0].aws_message.is_some());
        assert!(run(text, &[], rule(false)).errors[0].aws_message.is_none());
    }

    #[test]
    fn tag_rules_limit_the_count_and_reserve_aws_keys() {
        let many: Vec<String> = (0..51).map(|i| format!(r#""k{i}":"v""#)).collect();
        let text = format!(r#"{{"AWS:x":"v",{}}}"#, many.join(","));
        let found = run(&text, &[], |out, value| {
            let Value::Object(entries) = value else {
                panic!("a map")
            };
            tag_map(out, entries);
        });
        assert_eq!(
            codes(&found.errors),
            [("", Code::TagLimit), ("/AWS:x", Code::TagLimit)]
        );
        assert_eq!(found.errors[0].params.actual, Some(52));
        let found = run(r#"["team","aws:owner"]"#, &[], |out, value| {
            let Value::Array(items) = value else {
                panic!("a list")
            };
            tag_key_list(out, items);
        });
        assert_eq!(codes(&found.errors), [("/1", Code::TagLimit)]);
    }
}

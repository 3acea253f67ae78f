//! Typed, lenient views of the structures the semantic rules read.
//!
//! A view is built in one pass over a structure's entries: each entry that
//! is a member of the structure's shape lands in the [`Field`] for what
//! that member is (its shape: an identity pool id, the social providers,
//! a role mapping's type, ...), with whether the constraint layer rejected
//! it. Fields hold the JSON value as given, so a member of the wrong type
//! is still seen as present; the typed readers ([`Field::str`], ...) give
//! `None` for it. A repeated key keeps its first entry, as everywhere in
//! the semantic layer.

use super::scope::Scope;
use crate::json::Value;
use crate::path::Segment;
use crate::schema::{self, Member, ShapeId, ShapeKind};
use std::borrow::Cow;

/// The entries of a JSON object.
pub(crate) type Entries<'v> = [(Cow<'v, str>, Value<'v>)];

/// One member of a structure as the rules see it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Field<'v> {
    /// The value, when the member is present (possibly `null`).
    pub value: Option<&'v Value<'v>>,
    /// The member of the model the value was found under.
    pub member: Option<&'static Member>,
    /// The constraint layer reported an issue exactly at this member.
    pub rejected: bool,
}

impl<'v> Field<'v> {
    /// The string value, if the member is a JSON string.
    pub(crate) fn str(&self) -> Option<&'v str> {
        match self.value {
            Some(Value::String(text)) => Some(text.as_ref()),
            _ => None,
        }
    }

    /// The string value, unless the constraint layer rejected it: what may
    /// be read as context for other values.
    pub(crate) fn accepted_str(&self) -> Option<&'v str> {
        if self.rejected { None } else { self.str() }
    }

    /// True when the member is absent or `null`.
    pub(crate) fn is_absent(&self) -> bool {
        matches!(self.value, None | Some(Value::Null))
    }

    /// The entries, if the member is a JSON object.
    pub(crate) fn object(&self) -> Option<&'v Entries<'v>> {
        match self.value {
            Some(Value::Object(entries)) => Some(entries),
            _ => None,
        }
    }

    /// The items, if the member is a JSON array.
    pub(crate) fn array(&self) -> Option<&'v [Value<'v>]> {
        match self.value {
            Some(Value::Array(items)) => Some(items),
            _ => None,
        }
    }

    /// The boolean, if the member is `true` or `false`.
    pub(crate) fn bool(&self) -> Option<bool> {
        match self.value {
            Some(Value::Bool(b)) => Some(*b),
            _ => None,
        }
    }

    /// The wire name of the member (empty when absent from the view).
    pub(crate) fn name(&self) -> &'static str {
        self.member.map_or("", |m| m.name)
    }

    /// The path segment of the member (present in the input).
    pub(crate) fn segment(&self) -> Segment<'static> {
        let member = self.member;
        Segment::Member {
            wire: member.map_or("", |m| m.name),
            service: member.map_or("", |m| m.service_name),
        }
    }

    /// The path segment of the member of `structure` whose shape is
    /// `shape`, present or not: where a missing member is reported.
    pub(crate) fn segment_in(&self, structure: ShapeId, shape: ShapeId) -> Segment<'static> {
        let member = self.member.or_else(|| match &structure.shape().kind {
            ShapeKind::Structure(members) => members.iter().find(|m| m.shape == shape),
            _ => None,
        });
        Segment::Member {
            wire: member.map_or("", |m| m.name),
            service: member.map_or("", |m| m.service_name),
        }
    }
}

/// The ids of a structure naming a pool and an identity.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Ids<'v> {
    /// `IdentityPoolId`.
    pub pool: Field<'v>,
    /// `IdentityId`.
    pub identity: Field<'v>,
}

/// The login providers a pool configures.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Providers<'v> {
    /// `SupportedLoginProviders`: social provider key → app id.
    pub social: Field<'v>,
    /// `OpenIdConnectProviderARNs`.
    pub oidc: Field<'v>,
    /// `CognitoIdentityProviders`.
    pub user_pools: Field<'v>,
    /// `SamlProviderARNs`.
    pub saml: Field<'v>,
    /// `DeveloperProviderName`.
    pub developer: Field<'v>,
}

/// One role mapping.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Mapping<'v> {
    /// `Type`: `Token` or `Rules`.
    pub kind: Field<'v>,
    /// `RulesConfiguration`.
    pub rules: Field<'v>,
    /// `AmbiguousRoleResolution`.
    pub ambiguous: Field<'v>,
}

/// One entry of `CognitoIdentityProviders`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct UserPool<'v> {
    /// `ProviderName`.
    pub name: Field<'v>,
    /// `ClientId`.
    pub client: Field<'v>,
    /// `ServerSideTokenCheck`.
    pub token_check: Field<'v>,
}

/// Every member of one structure that a rule reads. Which fields can be
/// filled depends on the structure's shape; the others stay empty.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct View<'v> {
    /// The ids (any structure).
    pub ids: Ids<'v>,
    /// The providers (`IdentityPool`, `CreateIdentityPoolInput`).
    pub providers: Providers<'v>,
    /// `RoleMappings` (`SetIdentityPoolRolesInput`, ...).
    pub role_mappings: Field<'v>,
    /// A role mapping's members (`RoleMapping`).
    pub mapping: Mapping<'v>,
    /// A user-pool provider's members (`CognitoIdentityProvider`).
    pub user_pool: UserPool<'v>,
}

impl<'v> View<'v> {
    /// The view of `entries` as the structure shape `shape`, in one pass.
    /// `scope` is the structure's; it says which members were rejected.
    pub(crate) fn of(shape: ShapeId, entries: &'v Entries<'v>, scope: &Scope<'_>) -> View<'v> {
        let ShapeKind::Structure(members) = &shape.shape().kind else {
            return View::default();
        };
        let mut view = View::default();
        let mut hint = 0;
        for (name, value) in entries {
            let Some(index) = schema::member_index(members, name, hint) else {
                continue;
            };
            hint = index + 1;
            let member = &members[index];
            let Some(field) = view.field_for(member.shape) else {
                continue;
            };
            if field.value.is_some() {
                continue; // a repeated key: the first entry counts
            }
            let segment = Segment::Member {
                wire: member.name,
                service: member.service_name,
            };
            *field = Field {
                value: Some(value),
                member: Some(member),
                rejected: scope.child(&segment).rejected(),
            };
        }
        view
    }

    /// The field that holds a member of `shape`, if a rule reads it.
    fn field_for(&mut self, shape: ShapeId) -> Option<&mut Field<'v>> {
        Some(match shape {
            ShapeId::IDENTITY_POOL_ID => &mut self.ids.pool,
            ShapeId::IDENTITY_ID => &mut self.ids.identity,
            ShapeId::IDENTITY_PROVIDERS => &mut self.providers.social,
            ShapeId::OIDC_PROVIDER_LIST => &mut self.providers.oidc,
            ShapeId::COGNITO_IDENTITY_PROVIDER_LIST => &mut self.providers.user_pools,
            ShapeId::SAML_PROVIDER_LIST => &mut self.providers.saml,
            ShapeId::DEVELOPER_PROVIDER_NAME => &mut self.providers.developer,
            ShapeId::ROLE_MAPPING_MAP => &mut self.role_mappings,
            ShapeId::ROLE_MAPPING_TYPE => &mut self.mapping.kind,
            ShapeId::RULES_CONFIGURATION_TYPE => &mut self.mapping.rules,
            ShapeId::AMBIGUOUS_ROLE_RESOLUTION_TYPE => &mut self.mapping.ambiguous,
            ShapeId::COGNITO_IDENTITY_PROVIDER_NAME => &mut self.user_pool.name,
            ShapeId::COGNITO_IDENTITY_PROVIDER_CLIENT_ID => &mut self.user_pool.client,
            ShapeId::COGNITO_IDENTITY_PROVIDER_TOKEN_CHECK => &mut self.user_pool.token_check,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{ParseOptions, parse};
    use crate::report::{Code, Issue};
    use crate::semantic::scope::Rejected;

    #[test]
    fn a_view_reads_members_leniently_and_marks_rejected_ones() {
        let text = r#"{"IdentityPoolId":"x:y","IdentityPoolName":"p","SupportedLoginProviders":5,
            "OpenIdConnectProviderARNs":["a"],"IdentityPoolId":"second","Unknown":1}"#;
        let value = parse(text, &ParseOptions::default()).unwrap();
        let Value::Object(entries) = &value else {
            unreachable!()
        };
        let issues = [Issue::new("/IdentityPoolId", Code::Pattern, "x")];
        let rejected = Rejected::new(&issues);
        let view = View::of(ShapeId::IDENTITY_POOL, entries, &rejected.root());
        assert_eq!(view.ids.pool.str(), Some("x:y"), "the first entry counts");
        assert!(view.ids.pool.rejected);
        assert_eq!(view.ids.pool.accepted_str(), None);
        assert!(view.ids.identity.is_absent());
        assert!(
            !view.providers.social.is_absent(),
            "present with the wrong type"
        );
        assert_eq!(view.providers.social.object(), None);
        assert_eq!(view.providers.oidc.array().map(<[_]>::len), Some(1));
        assert_eq!(view.providers.oidc.name(), "OpenIdConnectProviderARNs");
        assert!(!view.providers.oidc.rejected);
    }
}

//! The semantic layer: rules beyond the model's traits (docs/REFERENCE.md section 5).
//!
//! Each rule is a named free function in [`rules`] with its source: the
//! service model, documented behaviour, an observed service message, or our
//! choice (recorded in `docs/DECISIONS.md`). Rules read typed, lenient
//! [`view`]s of the structures, built in one pass over each structure's
//! entries, and the roles table of the model ([`crate::schema::roles`],
//! generated from `model/roles.json`) says which rules apply to which
//! shapes and what each ARN slot must name.
//!
//! The walk here is shape-directed over the JSON tree, so rules still run
//! when other members have type errors. It consults what the constraint
//! layer rejected ([`scope`]) as it goes: a value with a constraint error
//! gets no semantic finding at or under it, and a rejected member is never
//! read as context (a malformed pool id decides no region). Nothing is
//! found only to be filtered away afterwards.

pub(crate) mod rules;
pub(crate) mod scope;
pub(crate) mod view;

use crate::json::Value;
use crate::path::{Path, Segment};
use crate::provider::{LoginKey, PoolProviders};
use crate::report::Issue;
use crate::schema::{self, Roles, ShapeId, ShapeKind, Slot};
pub(crate) use scope::Rejected;
use scope::Scope;
use view::View;

pub(crate) use rules::region_mismatch;

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
/// providers configured on it). At most `max_issues` errors (and as many
/// warnings) are kept.
///
/// `rejected` holds the constraint layer's issues: nothing at or under a
/// value it rejected is reported, and rejected members are never read as
/// context.
pub(crate) fn check(
    shape: ShapeId,
    value: &Value<'_>,
    pool: Option<&Value<'_>>,
    rejected: &Rejected<'_>,
    max_issues: usize,
) -> Findings {
    let pool_keys = pool.map(|p| pool_providers(p).login_keys());
    let mut walker = Walker {
        findings: Findings::default(),
        max_issues,
        pool_keys: pool_keys.as_deref(),
    };
    let root = rejected.root();
    if !root.covered() {
        walker.walk(
            shape,
            value,
            Context {
                slot: None,
                scope: root,
                at: None,
                region: None,
                parent: Roles::NONE,
            },
        );
    }
    walker.findings
}

/// The position of a value: its parent's position and the step to it. A
/// chain on the stack, rendered only when a finding is made.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Trail<'t, 'v> {
    parent: Option<&'t Trail<'t, 'v>>,
    segment: Segment<'v>,
}

/// The path to `at`, then through `rel`.
fn path_of<'s>(at: Option<&Trail<'s, 's>>, rel: &[Segment<'s>]) -> Path<'s> {
    let mut segments: Vec<Segment<'s>> = rel.iter().rev().copied().collect();
    let mut step = at;
    while let Some(trail) = step {
        segments.push(trail.segment);
        step = trail.parent;
    }
    let mut path = Path::default();
    for segment in segments.into_iter().rev() {
        path.push(segment);
    }
    path
}

/// Where a finding is made, rendered on demand.
pub(crate) struct Site<'s> {
    at: Option<&'s Trail<'s, 's>>,
    rel: &'s [Segment<'s>],
}

impl Site<'_> {
    /// The JSON Pointer of the finding.
    pub(crate) fn pointer(&self) -> String {
        path_of(self.at, self.rel).pointer()
    }

    /// The finding's position for people (`CognitoIdentityProviders[0]`).
    pub(crate) fn display(&self) -> String {
        path_of(self.at, self.rel).display()
    }

    /// The position of the finding's parent for people.
    pub(crate) fn display_parent(&self) -> String {
        let rel = &self.rel[..self.rel.len().saturating_sub(1)];
        path_of(self.at, rel).display()
    }
}

/// Where rules put their findings: the position and scope of the value a
/// rule looks at, and the findings so far.
pub(crate) struct Out<'o, 'r> {
    findings: &'o mut Findings,
    max_issues: usize,
    at: Option<&'o Trail<'o, 'o>>,
    scope: Scope<'r>,
}

impl Out<'_, '_> {
    /// Whether a finding at `rel` is kept: the list it goes to (`errors`
    /// or warnings) has room, and the constraint layer rejected nothing at
    /// or above it. One function for every rule, so the check is not
    /// repeated at each place a rule reports.
    #[inline(never)]
    fn keeps(&self, errors: bool, rel: &[Segment<'_>]) -> bool {
        let list = if errors {
            &self.findings.errors
        } else {
            &self.findings.warnings
        };
        list.len() < self.max_issues && !self.scope.covers(rel)
    }

    /// An error at `rel` (relative to the value), unless the constraint
    /// layer rejected that position or one above it, or the errors are
    /// full; `make` runs only when the error is kept.
    pub(crate) fn error(&mut self, rel: &[Segment<'_>], make: impl FnOnce(&Site<'_>) -> Issue) {
        if self.keeps(true, rel) {
            let issue = make(&Site { at: self.at, rel });
            self.findings.errors.push(issue);
        }
    }

    /// A warning at `rel`, as [`Out::error`].
    pub(crate) fn warning(&mut self, rel: &[Segment<'_>], make: impl FnOnce(&Site<'_>) -> Issue) {
        if self.keeps(false, rel) {
            let issue = make(&Site { at: self.at, rel });
            self.findings.warnings.push(issue);
        }
    }
}

/// What a value is walked with.
#[derive(Clone, Copy)]
struct Context<'t, 'v, 'r> {
    /// What the value must name when it sits in an ARN slot.
    slot: Option<Slot>,
    /// The constraint issues at or under the value.
    scope: Scope<'r>,
    /// The value's position.
    at: Option<&'t Trail<'t, 'v>>,
    /// The region of the pool (or identity) the value belongs to, when an
    /// enclosing structure names one validly.
    region: Option<&'v str>,
    /// The roles of the nearest enclosing structure.
    parent: Roles,
}

struct Walker<'k> {
    findings: Findings,
    max_issues: usize,
    /// The login keys of the pool the input is checked against, if any.
    pool_keys: Option<&'k [LoginKey]>,
}

impl Walker<'_> {
    fn out<'o, 'r>(&'o mut self, cx: &Context<'o, '_, 'r>) -> Out<'o, 'r> {
        Out {
            findings: &mut self.findings,
            max_issues: self.max_issues,
            at: cx.at,
            scope: cx.scope,
        }
    }

    /// Walk `value` as `id`; its context's scope is not covered.
    fn walk<'v>(&mut self, id: ShapeId, value: &'v Value<'v>, cx: Context<'_, 'v, '_>) {
        let roles = schema::roles(id);
        match (&id.shape().kind, value) {
            (ShapeKind::String(_), Value::String(text)) => {
                let (slot, region) = (cx.slot, cx.region);
                rules::on_string(&mut self.out(&cx), roles, text, slot, region);
            }
            (ShapeKind::Structure(members), Value::Object(entries)) => {
                // Only structures some rule reads need a view.
                let view = if roles.intersects(rules::VIEWED) {
                    View::of(id, entries, &cx.scope)
                } else {
                    View::default()
                };
                let region = rules::structure_region(&view.ids).or(cx.region);
                let pool_keys = self.pool_keys;
                rules::on_structure(&mut self.out(&cx), roles, &view, pool_keys);
                let mut hint = 0;
                for (name, child) in entries {
                    let Some(index) = schema::member_index(members, name, hint) else {
                        continue;
                    };
                    hint = index + 1;
                    let member = &members[index];
                    let slot = schema::member_slot(id, index);
                    if slot.is_none() && !schema::roles(member.shape).contains(Roles::WALKED) {
                        continue; // no rule applies at or under it
                    }
                    let segment = Segment::Member {
                        wire: member.name,
                        service: member.service_name,
                    };
                    // Below a structure, its region and its roles hold.
                    let here = Context {
                        region,
                        parent: roles,
                        ..cx
                    };
                    self.entry(member.shape, child, segment, slot, &here);
                }
            }
            (ShapeKind::List { member, .. }, Value::Array(items)) => {
                rules::on_list(&mut self.out(&cx), roles, items);
                let slot = schema::entry_slot(id);
                if slot.is_none() && !schema::roles(*member).contains(Roles::WALKED) {
                    return; // no rule applies to the entries
                }
                for (index, item) in items.iter().enumerate() {
                    self.entry(*member, item, Segment::Index(index), slot, &cx);
                }
            }
            (
                ShapeKind::Map {
                    value: value_shape, ..
                },
                Value::Object(entries),
            ) => {
                let parent = cx.parent;
                rules::on_map(&mut self.out(&cx), roles, entries, parent);
                let slot = schema::entry_slot(id);
                if slot.is_none() && !schema::roles(*value_shape).contains(Roles::WALKED) {
                    return; // no rule applies to the values
                }
                for (key, child) in entries {
                    self.entry(*value_shape, child, Segment::Key(key), slot, &cx);
                }
            }
            _ => {}
        }
    }

    /// Walk one child (structure member, list entry or map value) in the
    /// context `cx` of its parent, unless the constraint layer rejected it.
    fn entry<'v>(
        &mut self,
        shape: ShapeId,
        value: &'v Value<'v>,
        segment: Segment<'v>,
        slot: Option<Slot>,
        cx: &Context<'_, 'v, '_>,
    ) {
        let scope = cx.scope.child(&segment);
        if scope.covered() {
            return;
        }
        let trail = Trail {
            parent: cx.at,
            segment,
        };
        let inner = Context {
            slot,
            scope,
            at: Some(&trail),
            ..*cx
        };
        self.walk(shape, value, inner);
    }
}

/// The providers of a pool given as a JSON value; members of the wrong
/// type are skipped.
pub(crate) fn pool_providers<'v>(pool: &'v Value<'v>) -> PoolProviders<'v> {
    match pool {
        Value::Object(entries) => {
            let rejected = Rejected::default();
            let view = View::of(ShapeId::IDENTITY_POOL, entries, &rejected.root());
            rules::providers_of(&view.providers)
        }
        _ => PoolProviders::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::constraint;
    use crate::json::{ParseOptions, parse};

    /// Inputs where the constraint layer rejects values a semantic rule
    /// would otherwise report (a too-short ARN, a map over its size, a
    /// pool id of the wrong pattern): the walk makes no finding there at
    /// all, rather than one to be dropped.
    #[test]
    fn no_finding_repeats_a_constraint_issue() {
        let cases = [
            (
                ShapeId::IDENTITY_POOL,
                r#"{"IdentityPoolName":"p","AllowUnauthenticatedIdentities":true,
                   "OpenIdConnectProviderARNs":["arn:x"]}"#,
                "/OpenIdConnectProviderARNs/0",
            ),
            (
                ShapeId::GET_CREDENTIALS_FOR_IDENTITY_INPUT,
                r#"{"IdentityId":"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
                   "Logins":{"https://a":"t","https://b":"t","https://c":"t","https://d":"t",
                   "https://e":"t","https://f":"t","https://g":"t","https://h":"t",
                   "https://i":"t","https://j":"t","https://k":"t"}}"#,
                "/Logins",
            ),
            (
                ShapeId::DESCRIBE_IDENTITY_POOL_INPUT,
                r#"{"IdentityPoolId":"US-EAST-1:0F1E"}"#,
                "/IdentityPoolId",
            ),
        ];
        for (shape, text, pointer) in cases {
            let value = parse(text, &ParseOptions::default()).unwrap();
            let issues = constraint::validate(shape, &value, 100).issues;
            assert!(
                issues.iter().any(|i| i.path == pointer),
                "the constraint layer rejects {pointer}"
            );
            let rejected = Rejected::new(&issues);
            let found = check(shape, &value, None, &rejected, 100);
            for issue in found.errors.iter().chain(&found.warnings) {
                assert!(!rejected.covers_pointer(&issue.path), "{}", issue.path);
            }
            // Without the constraint issues, the same walk finds something
            // there: the rules are consulted, not silenced.
            let none = Rejected::default();
            let unfiltered = check(shape, &value, None, &none, 100);
            assert!(
                unfiltered
                    .errors
                    .iter()
                    .any(|i| i.path == pointer || i.path.starts_with(&format!("{pointer}/"))),
                "{pointer}"
            );
        }
    }
}

//! Terraform plans as JSON (`terraform show -json plan.out`).
//!
//! Format: "JSON Output Format" in the Terraform documentation
//! (`website/docs/internals/json-format.mdx` in hashicorp/terraform). Each
//! entry of `resource_changes` for `aws_cognito_identity_pool`,
//! `aws_cognito_identity_pool_roles_attachment` and
//! `aws_cognito_identity_pool_provider_principal_tag` is translated from
//! its planned `after` value (snake_case attributes, as the AWS provider
//! maps them) and checked. Values Terraform only knows after apply are
//! marked in `after_unknown`: an attribute absent from `after` (or a `null`
//! list element) whose `after_unknown` is `true` is unknown, never missing.
//!
//! A roles attachment is checked against the pool it names when the plan's
//! `configuration` says which one: its `identity_pool_id` expression refers
//! to `aws_cognito_identity_pool.<name>` (`.id`) of the same module, and
//! that pool has one instance in the plan.

use crate::convert::{Converter, Place};
use crate::eval::{Ev, EvMember, EvV};
use crate::report::{Location, ResourceInfo, TemplateIssue, TemplateReport};
use crate::resource::{self, Translated};
use crate::tree::{Document, Node, Span, Value, child_pointer};
use idpool::schema::ShapeId;
use std::collections::HashMap;

const POOL: &str = "aws_cognito_identity_pool";
const ATTACHMENT: &str = "aws_cognito_identity_pool_roles_attachment";
const PRINCIPAL_TAG: &str = "aws_cognito_identity_pool_provider_principal_tag";

/// True when a document looks like a Terraform JSON plan.
pub(crate) fn is_plan(root: &Node) -> bool {
    root.get("format_version").is_some()
        && (root.get("resource_changes").is_some() || root.get("planned_values").is_some())
}

/// Check a plan.
pub(crate) fn check(file: &str, doc: &Document) -> TemplateReport {
    let mut errors: Vec<TemplateIssue> = doc
        .issues
        .iter()
        .map(|i| TemplateIssue::new(i.code, i.message.clone()).at(&i.pointer, i.span))
        .collect();
    let mut warnings = Vec::new();
    let mut infos = Vec::new();
    if let Some(version) = doc.root.get("format_version").and_then(Node::as_str)
        && !version.starts_with("1.")
    {
        errors.push(
            TemplateIssue::new(
                "template_syntax",
                format!("Plan format_version {version:?} is not a 1.x version this checker reads."),
            )
            .at(
                "/format_version",
                doc.root
                    .get("format_version")
                    .map_or(doc.root.span, |n| n.span),
            ),
        );
        return TemplateReport::new(file, errors, warnings, infos);
    }
    let changes = doc
        .root
        .get("resource_changes")
        .and_then(Node::as_array)
        .unwrap_or_default();
    let named_pools = pool_references(&doc.root);
    let mut pools: HashMap<String, Option<resource::PoolContext>> = HashMap::new();
    // Pools first, so that an attachment finds the pool it names whatever
    // the order of the plan.
    let mut order: Vec<usize> = (0..changes.len()).collect();
    order.sort_by_key(|&i| changes[i].get("type").and_then(Node::as_str) != Some(POOL));
    for i in order {
        let rc = &changes[i];
        let base = child_pointer("/resource_changes", &i.to_string());
        let kind = rc.get("type").and_then(Node::as_str).unwrap_or_default();
        let target = match kind {
            POOL => "CreateIdentityPool",
            ATTACHMENT => "SetIdentityPoolRoles",
            PRINCIPAL_TAG => "SetPrincipalTagAttributeMap",
            _ => continue,
        };
        if rc
            .get("mode")
            .and_then(Node::as_str)
            .is_some_and(|m| m != "managed")
        {
            continue;
        }
        let address = rc
            .get("address")
            .and_then(Node::as_str)
            .unwrap_or(kind)
            .to_string();
        let Some(change) = rc.get("change") else {
            continue;
        };
        let change_ptr = child_pointer(&base, "change");
        let actions: Vec<&str> = change
            .get("actions")
            .and_then(Node::as_array)
            .unwrap_or_default()
            .iter()
            .filter_map(Node::as_str)
            .collect();
        if !actions.iter().any(|a| *a == "create" || *a == "update") {
            continue;
        }
        let fallback = Location::new(base.clone(), rc.span);
        if kind == POOL && actions.contains(&"delete") && actions.contains(&"create") {
            let paths = replace_paths(change);
            let actions_node = change.get("actions").unwrap_or(change);
            let mut issue = TemplateIssue::new(
                "pool_replaced",
                if paths.is_empty() {
                    "This plan replaces the identity pool: every identity in it is lost, and users get new identity ids.".to_string()
                } else {
                    format!(
                        "This plan replaces the identity pool (forced by {}): every identity in it is lost, and users get new identity ids.",
                        paths.join(", ")
                    )
                },
            )
            .at(&child_pointer(&change_ptr, "actions"), actions_node.span);
            issue.resource = Some(address.clone());
            warnings.push(issue);
        }
        let after_ptr = child_pointer(&change_ptr, "after");
        let mut after = planned(
            change.get("after"),
            change.get("after_unknown"),
            &after_ptr,
            change.span,
        );
        // Values marked sensitive are never echoed: they count as unknown.
        hide_sensitive(&mut after, change.get("after_sensitive"));
        let mut converter = Converter::new();
        let mut key_unknown = Vec::new();
        let (shape, input) = match kind {
            POOL => (ShapeId::CREATE_IDENTITY_POOL_INPUT, pool_input(&after)),
            ATTACHMENT => (
                ShapeId::SET_IDENTITY_POOL_ROLES_INPUT,
                attachment_input(&after, &mut key_unknown),
            ),
            _ => (
                ShapeId::SET_PRINCIPAL_TAG_ATTRIBUTE_MAP_INPUT,
                rename(
                    &after,
                    &[
                        ("identity_pool_id", "IdentityPoolId"),
                        ("identity_provider_name", "IdentityProviderName"),
                        ("principal_tags", "PrincipalTags"),
                        ("use_defaults", "UseDefaults"),
                    ],
                ),
            ),
        };
        converter.out.value = converter.value(&input, Some(shape), Place::root());
        let pool = match kind {
            ATTACHMENT => named_pools
                .get(without_index(&address))
                .and_then(|pool| pools.get(pool.as_str()).cloned().flatten()),
            _ => None,
        };
        let mut t = Translated {
            id: address.clone(),
            kind: kind.to_string(),
            target,
            conv: converter.out,
            key_unknown,
            fallback,
            pool,
            extra_errors: Vec::new(),
            extra_warnings: Vec::new(),
        };
        if kind == POOL {
            // A pool with several instances (count, for_each) cannot tell
            // an attachment which one it names.
            let context = crate::cfn::pool_context(&t);
            pools
                .entry(without_index(&address).to_string())
                .and_modify(|seen| *seen = None)
                .or_insert(context);
        }
        if kind == POOL && actions == ["update"] {
            update_plan(change, &change_ptr, &mut t);
        }
        let (e, w) = resource::check(&t);
        errors.extend(e);
        warnings.extend(w);
        infos.push(ResourceInfo {
            id: address,
            kind: kind.to_string(),
            target: target.to_string(),
        });
    }
    TemplateReport::new(file, errors, warnings, infos)
}

/// A resource address without its instance key: `a.b["x"]` → `a.b`.
fn without_index(address: &str) -> &str {
    if address.ends_with(']')
        && let Some(open) = address.rfind('[')
    {
        return &address[..open];
    }
    address
}

/// For each roles attachment of the plan's configuration, the address of
/// the pool its `identity_pool_id` refers to (both without instance keys,
/// child modules included).
fn pool_references(root: &Node) -> HashMap<String, String> {
    fn walk(module: &Node, prefix: &str, depth: usize, out: &mut HashMap<String, String>) {
        if depth > 16 {
            return;
        }
        for resource in module
            .get("resources")
            .and_then(Node::as_array)
            .unwrap_or_default()
        {
            if resource.get("type").and_then(Node::as_str) != Some(ATTACHMENT) {
                continue;
            }
            let Some(address) = resource.get("address").and_then(Node::as_str) else {
                continue;
            };
            let references = resource
                .get("expressions")
                .and_then(|e| e.get("identity_pool_id"))
                .and_then(|e| e.get("references"))
                .and_then(Node::as_array)
                .unwrap_or_default();
            let pool = references.iter().filter_map(Node::as_str).find_map(|r| {
                let r = r.strip_suffix(".id").unwrap_or(r);
                let name = r.strip_prefix("aws_cognito_identity_pool.")?;
                (!name.is_empty() && !name.contains('.')).then_some(r)
            });
            if let Some(pool) = pool {
                out.insert(format!("{prefix}{address}"), format!("{prefix}{pool}"));
            }
        }
        if let Some(Value::Object(calls)) = module.get("module_calls").map(|n| &n.value) {
            for call in calls {
                if let Some(child) = call.value.get("module") {
                    let prefix = format!("{prefix}module.{}.", call.key);
                    walk(child, &prefix, depth + 1, out);
                }
            }
        }
    }
    let mut out = HashMap::new();
    if let Some(module) = root.get("configuration").and_then(|c| c.get("root_module")) {
        walk(module, "", 0, &mut out);
    }
    out
}

fn replace_paths(change: &Node) -> Vec<String> {
    change
        .get("replace_paths")
        .and_then(Node::as_array)
        .unwrap_or_default()
        .iter()
        .filter_map(|p| {
            let parts: Vec<&str> = p.as_array()?.iter().filter_map(Node::as_str).collect();
            (!parts.is_empty()).then(|| parts.join("."))
        })
        .collect()
}

/// The planned value with Terraform's unknowns marked.
fn planned(after: Option<&Node>, unknown: Option<&Node>, ptr: &str, site: Span) -> Ev {
    if unknown.is_some_and(|u| u.value == Value::Bool(true)) {
        return Ev::new(
            EvV::Unknown,
            after.map_or(site, |a| a.span),
            ptr.to_string(),
        );
    }
    let Some(after) = after else {
        return Ev::new(EvV::Null, site, ptr.to_string());
    };
    let v = match &after.value {
        Value::Null => EvV::Null,
        Value::Bool(b) => EvV::Bool(*b),
        Value::Number(n) => EvV::Num(n.clone()),
        Value::String(s) => EvV::Str(s.clone()),
        Value::Array(items) => EvV::Arr(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    planned(
                        Some(item),
                        unknown.and_then(|u| u.as_array()).and_then(|u| u.get(i)),
                        &child_pointer(ptr, &i.to_string()),
                        item.span,
                    )
                })
                .collect(),
        ),
        Value::Object(members) => {
            let mut out: Vec<EvMember> = members
                .iter()
                .map(|m| EvMember {
                    key: m.key.clone(),
                    key_span: m.key_span,
                    key_ptr: None,
                    value: planned(
                        Some(&m.value),
                        unknown.and_then(|u| u.get(&m.key)),
                        &child_pointer(ptr, &m.key),
                        m.value.span,
                    ),
                })
                .collect();
            // Attributes only known after apply are absent from `after`.
            for u in unknown.and_then(Node::as_object).unwrap_or_default() {
                if u.value.value == Value::Bool(true) && !out.iter().any(|m| m.key == u.key) {
                    out.push(EvMember {
                        key: u.key.clone(),
                        key_span: after.span,
                        key_ptr: None,
                        value: Ev::new(EvV::Unknown, after.span, child_pointer(ptr, &u.key)),
                    });
                }
            }
            EvV::Obj(out)
        }
    };
    Ev::new(v, after.span, ptr.to_string())
}

/// Make every value `after_sensitive` marks unknown.
fn hide_sensitive(ev: &mut Ev, sensitive: Option<&Node>) {
    let Some(sensitive) = sensitive else {
        return;
    };
    if sensitive.value == Value::Bool(true) {
        ev.v = EvV::Unknown;
        return;
    }
    match &mut ev.v {
        EvV::Arr(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                hide_sensitive(item, sensitive.as_array().and_then(|s| s.get(i)));
            }
        }
        EvV::Obj(members) => {
            for m in members.iter_mut() {
                hide_sensitive(&mut m.value, sensitive.get(&m.key));
            }
        }
        _ => {}
    }
}

/// Nothing set: `null`, `""`, or an empty collection (the provider sends
/// none of them).
fn unset(ev: &Ev) -> bool {
    match &ev.v {
        EvV::Null | EvV::NoValue => true,
        EvV::Str(s) => s.is_empty(),
        EvV::Arr(items) => items.is_empty(),
        EvV::Obj(members) => members.is_empty(),
        _ => false,
    }
}

/// Rename attributes to API members; attributes not listed are not sent.
fn rename(ev: &Ev, names: &[(&str, &str)]) -> Ev {
    let EvV::Obj(members) = &ev.v else {
        return ev.clone();
    };
    let out = names
        .iter()
        .filter_map(|(attribute, member)| {
            let m = members.iter().find(|m| m.key == *attribute)?;
            if unset(&m.value) {
                return None;
            }
            Some(EvMember {
                key: member.to_string(),
                key_span: m.key_span,
                key_ptr: None,
                value: m.value.clone(),
            })
        })
        .collect();
    Ev::new(EvV::Obj(out), ev.span, ev.ptr.clone())
}

fn map_items(ev: &Ev, f: impl Fn(&Ev) -> Ev) -> Ev {
    match &ev.v {
        EvV::Arr(items) => Ev::new(
            EvV::Arr(items.iter().map(f).collect()),
            ev.span,
            ev.ptr.clone(),
        ),
        _ => ev.clone(),
    }
}

/// Attributes of `aws_cognito_identity_pool` and the API members they
/// become (`internal/service/cognitoidentity/pool.go` of the AWS provider).
const POOL_ATTRIBUTES: &[(&str, &str)] = &[
    ("identity_pool_name", "IdentityPoolName"),
    (
        "allow_unauthenticated_identities",
        "AllowUnauthenticatedIdentities",
    ),
    ("allow_classic_flow", "AllowClassicFlow"),
    ("developer_provider_name", "DeveloperProviderName"),
    ("cognito_identity_providers", "CognitoIdentityProviders"),
    ("openid_connect_provider_arns", "OpenIdConnectProviderARNs"),
    ("saml_provider_arns", "SamlProviderARNs"),
    ("supported_login_providers", "SupportedLoginProviders"),
    ("tags_all", "IdentityPoolTags"),
];

fn pool_input(after: &Ev) -> Ev {
    let mut input = rename(after, &POOL_ATTRIBUTES[..POOL_ATTRIBUTES.len() - 1]);
    // `tags_all` holds the provider's default tags too; it is what is sent.
    let tags = after
        .get("tags_all")
        .filter(|t| !unset(t))
        .or_else(|| after.get("tags").filter(|t| !unset(t)));
    if let EvV::Obj(members) = &mut input.v {
        for m in members.iter_mut() {
            if m.key == "CognitoIdentityProviders" {
                m.value = map_items(&m.value, |item| {
                    rename(
                        item,
                        &[
                            ("client_id", "ClientId"),
                            ("provider_name", "ProviderName"),
                            ("server_side_token_check", "ServerSideTokenCheck"),
                        ],
                    )
                });
            }
        }
        if let Some(tags) = tags {
            members.push(EvMember {
                key: "IdentityPoolTags".to_string(),
                key_span: tags.span,
                key_ptr: None,
                value: tags.clone(),
            });
        }
    }
    input
}

fn attachment_input(after: &Ev, key_unknown: &mut Vec<String>) -> Ev {
    let mut input = rename(
        after,
        &[("identity_pool_id", "IdentityPoolId"), ("roles", "Roles")],
    );
    let Some(mappings) = after.get("role_mapping").filter(|m| !unset(m)) else {
        return input;
    };
    let value = match &mappings.v {
        EvV::Arr(items) => {
            let mut entries: Vec<EvMember> = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let provider = item.get("identity_provider");
                let (key, key_span, key_ptr) = match provider.and_then(|p| p.as_str()) {
                    Some(name) => {
                        let p = provider.expect("checked above");
                        (name.to_string(), p.span, Some(p.ptr.clone()))
                    }
                    None => {
                        let key = format!("role_mapping[{i}]");
                        key_unknown.push(child_pointer("/RoleMappings", &key));
                        (key, item.span, None)
                    }
                };
                let mut value = rename(
                    item,
                    &[
                        ("type", "Type"),
                        ("ambiguous_role_resolution", "AmbiguousRoleResolution"),
                    ],
                );
                if let Some(rules) = item.get("mapping_rule").filter(|r| !unset(r)) {
                    let rules = map_items(rules, |rule| {
                        rename(
                            rule,
                            &[
                                ("claim", "Claim"),
                                ("match_type", "MatchType"),
                                ("role_arn", "RoleARN"),
                                ("value", "Value"),
                            ],
                        )
                    });
                    let configuration = Ev::new(
                        EvV::Obj(vec![EvMember {
                            key: "Rules".to_string(),
                            key_span: rules.span,
                            key_ptr: None,
                            value: rules.clone(),
                        }]),
                        rules.span,
                        rules.ptr.clone(),
                    );
                    if let EvV::Obj(fields) = &mut value.v {
                        fields.push(EvMember {
                            key: "RulesConfiguration".to_string(),
                            key_span: rules.span,
                            key_ptr: None,
                            value: configuration,
                        });
                    }
                }
                if entries.iter().any(|e| e.key == key) {
                    continue;
                }
                entries.push(EvMember {
                    key,
                    key_span,
                    key_ptr,
                    value,
                });
            }
            Ev::new(EvV::Obj(entries), mappings.span, mappings.ptr.clone())
        }
        _ => mappings.clone(),
    };
    if let EvV::Obj(members) = &mut input.v {
        members.push(EvMember {
            key: "RoleMappings".to_string(),
            key_span: mappings.span,
            key_ptr: None,
            value,
        });
    }
    input
}

/// An in-place update of a pool: UpdateIdentityPool replaces the whole
/// pool, so the core's update planning says what is reset or refused.
fn update_plan(change: &Node, change_ptr: &str, t: &mut Translated) {
    let Some(id) = change
        .get("before")
        .and_then(|b| b.get("id"))
        .and_then(Node::as_str)
    else {
        return;
    };
    if !t.conv.unknown.is_empty() {
        return;
    }
    let before = planned(
        change.get("before"),
        None,
        &child_pointer(change_ptr, "before"),
        change.span,
    );
    let mut converter = Converter::new();
    let Some(mut current) = converter.value(
        &pool_input(&before),
        Some(ShapeId::CREATE_IDENTITY_POOL_INPUT),
        Place::root(),
    ) else {
        return;
    };
    let Some(mut desired) = t.conv.value.clone() else {
        return;
    };
    current.set("IdentityPoolId", crate::convert::Api::Str(id.to_string()));
    desired.set("IdentityPoolId", crate::convert::Api::Str(id.to_string()));
    let report = idpool::plan_update(&current.to_json(), &desired.to_json());
    let wanted = |i: &idpool::Issue| {
        matches!(
            i.code,
            idpool::Code::Immutable | idpool::Code::ResetToDefault
        ) && !i.path.starts_with("/current")
    };
    let after_ptr = child_pointer(change_ptr, "after");
    let locate = |issue: idpool::Issue, t: &Translated| {
        // A member the update leaves out has no value in `after`: point at
        // the attribute that was emptied, else at the resource.
        let attribute = POOL_ATTRIBUTES
            .iter()
            .find(|(_, member)| issue.path.strip_prefix('/') == Some(*member))
            .and_then(|(attribute, _)| {
                let node = change.get("after")?.get(attribute)?;
                Some(Location::new(
                    child_pointer(&after_ptr, attribute),
                    node.span,
                ))
            });
        let located = match (
            crate::resource::origin(&t.conv.locs, &issue.path),
            attribute,
        ) {
            (Some(loc), _) if loc.api == issue.path => Location::new(loc.ptr.clone(), loc.span),
            (_, Some(location)) => location,
            (Some(loc), None) => Location::new(loc.ptr.clone(), loc.span),
            (None, None) => t.fallback.clone(),
        };
        let mut issue = TemplateIssue::from_core(issue);
        issue.location = Some(located);
        issue
    };
    let errors: Vec<_> = report
        .errors
        .into_iter()
        .filter(wanted)
        .map(|i| locate(i, t))
        .collect();
    let warnings: Vec<_> = report
        .warnings
        .into_iter()
        .filter(wanted)
        .map(|i| locate(i, t))
        .collect();
    t.extra_errors.extend(errors);
    t.extra_warnings.extend(warnings);
}

//! CloudFormation templates (hand-written, SAM, or CDK output).
//!
//! Each `AWS::Cognito::IdentityPool`, `AWS::Cognito::IdentityPoolRoleAttachment`
//! and `AWS::Cognito::IdentityPoolPrincipalTag` is evaluated, reshaped into
//! the input of its API operation and checked by the core. Other resources
//! are read only to know what their `Ref` and `Fn::GetAtt` return.

use crate::Options;
use crate::convert::{Api, Converter, Place};
use crate::eval::{Ctx, Ev, EvMember, EvV, Mode, Pseudo, Shape};
use crate::report::{Location, ResourceInfo, TemplateIssue, TemplateReport};
use crate::resource::{self, PoolContext, Translated, name_via};
use crate::tree::{Document, Node, child_pointer};
use idpool::schema::ShapeId;
use std::collections::{BTreeMap, BTreeSet, HashMap};

const POOL: &str = "AWS::Cognito::IdentityPool";
const ATTACHMENT: &str = "AWS::Cognito::IdentityPoolRoleAttachment";
const PRINCIPAL_TAG: &str = "AWS::Cognito::IdentityPoolPrincipalTag";

/// Most `Fn::If`s with an unknown condition looked through per template
/// (two extra evaluations each).
const MAX_BRANCHES: usize = 16;

/// Members of `AWS::Cognito::IdentityPool` that go to Cognito Sync, not to
/// CreateIdentityPool.
const SYNC_ONLY: &[&str] = &["CognitoEvents", "CognitoStreams", "PushSync"];

/// True when a document looks like a CloudFormation template.
pub(crate) fn is_template(root: &Node) -> bool {
    root.get("Resources").is_some() || root.get("AWSTemplateFormatVersion").is_some()
}

/// Check a template.
pub(crate) fn check(file: &str, doc: &Document, options: &Options) -> TemplateReport {
    let root = &doc.root;
    let mut errors: Vec<TemplateIssue> = doc
        .issues
        .iter()
        .map(|i| TemplateIssue::new(i.code, i.message.clone()).at(&i.pointer, i.span))
        .collect();
    let mut warnings = Vec::new();
    let Some(_) = root.get("Resources").and_then(Node::as_object) else {
        errors.push(
            TemplateIssue::new(
                "template_syntax",
                "A template needs a Resources section that is a mapping of logical ids to resources.",
            )
            .at("", root.span),
        );
        return TemplateReport::new(file, errors, warnings, Vec::new());
    };
    let pseudo = Pseudo {
        region: options.region.clone(),
        account: options.account.clone(),
    };
    let base = Run::new(root, &pseudo, Mode::default(), None);
    let (base_errors, base_warnings) = base.issues(None);
    errors.extend(base_errors.iter().cloned());
    warnings.extend(base_warnings.iter().cloned());
    for (ptr, span, name) in base.dangling.iter() {
        errors.push(
            TemplateIssue::new(
                "template_syntax",
                format!("Ref {name:?} names no parameter, resource or pseudo parameter of this template."),
            )
            .at(ptr, *span),
        );
    }
    errors.extend(duplicate_attachments(&base));

    // Uncertain values: look through parameter defaults, then each branch of
    // each Fn::If whose condition is unknown. What only those show is a
    // warning naming the parameter or condition.
    let seen = |issue: &TemplateIssue, list: &[TemplateIssue]| {
        list.iter()
            .any(|b| b.code == issue.code && b.path == issue.path && b.resource == issue.resource)
    };
    let mut variants: Vec<Mode> = Vec::new();
    if !base.defaulted.is_empty() {
        variants.push(Mode {
            defaults: true,
            branch: None,
        });
    }
    for site in base.open_ifs.iter().take(MAX_BRANCHES) {
        for branch in [true, false] {
            variants.push(Mode {
                defaults: false,
                branch: Some((site.clone(), branch)),
            });
        }
    }
    for mode in variants {
        // Only resources whose values can differ from the base run: those
        // using a default (or holding the Fn::If), and the attachments and
        // principal tags of those pools; the pools of those attachments are
        // translated too, as their context.
        let mut focus: BTreeSet<String> = match &mode.branch {
            Some((site, _)) => resource_of(site).into_iter().collect(),
            None => base.defaulted_in.keys().cloned().collect(),
        };
        let mut translate = focus.clone();
        for (logical, id, _) in &base.attachment_pools {
            let pool = pool_named(id);
            if pool.as_ref().is_some_and(|p| focus.contains(p)) {
                focus.insert(logical.clone());
                translate.insert(logical.clone());
            }
            if focus.contains(logical) {
                translate.extend(pool);
            }
        }
        let run = Run::new(root, &pseudo, mode.clone(), Some(&translate));
        let (more_errors, more_warnings) = run.issues(Some(&focus));
        for mut issue in more_errors.into_iter().chain(more_warnings) {
            if seen(&issue, &errors) || seen(&issue, &warnings) {
                continue;
            }
            if issue.params.parameter.is_none() && issue.params.condition.is_none() {
                let resource = issue.resource.clone().unwrap_or_default();
                if mode.defaults {
                    // A finding in another resource than the one using the
                    // default (an attachment checked against its pool).
                    issue.params.parameter = run
                        .defaulted_in
                        .get(&resource)
                        .or(run.first_defaulted.as_ref())
                        .cloned();
                } else if let Some((site, _)) = &mode.branch {
                    issue.params.condition = run.condition_of(site);
                }
            }
            warnings.push(issue);
        }
    }
    let infos = base
        .translated
        .iter()
        .map(|t| ResourceInfo {
            id: t.id.clone(),
            kind: t.kind.clone(),
            target: t.target.to_string(),
        })
        .collect();
    TemplateReport::new(file, errors, warnings, infos)
}

/// One evaluation of every identity-pool resource of a template.
struct Run<'t> {
    root: &'t Node,
    translated: Vec<Translated>,
    /// Evaluated `IdentityPoolId` of each attachment, by logical id.
    attachment_pools: Vec<(String, Ev, Option<String>)>,
    defaulted: Vec<String>,
    /// The first defaulted parameter each resource uses.
    defaulted_in: HashMap<String, String>,
    /// The first defaulted parameter the template uses.
    first_defaulted: Option<String>,
    open_ifs: Vec<String>,
    dangling: Vec<(String, crate::tree::Span, String)>,
}

impl<'t> Run<'t> {
    /// Evaluate and translate every identity-pool resource (or those in
    /// `only`).
    fn new(
        root: &'t Node,
        pseudo: &Pseudo,
        mode: Mode,
        only: Option<&BTreeSet<String>>,
    ) -> Run<'t> {
        let mut run = Run {
            root,
            translated: Vec::new(),
            attachment_pools: Vec::new(),
            defaulted: Vec::new(),
            defaulted_in: HashMap::new(),
            first_defaulted: None,
            open_ifs: Vec::new(),
            dangling: Vec::new(),
        };
        let Some(resources) = root.get("Resources").and_then(Node::as_object) else {
            return run;
        };
        let ctx = Ctx::new(root, pseudo.clone(), mode);
        let mut pools: HashMap<String, PoolContext> = HashMap::new();
        // Pools first, so attachments can be checked against them.
        let ordered = resources
            .iter()
            .filter(|m| m.value.get("Type").and_then(Node::as_str) == Some(POOL))
            .chain(
                resources
                    .iter()
                    .filter(|m| m.value.get("Type").and_then(Node::as_str) != Some(POOL)),
            );
        for member in ordered {
            let logical = member.key.as_str();
            let node = &member.value;
            let kind = node.get("Type").and_then(Node::as_str).unwrap_or_default();
            if !matches!(kind, POOL | ATTACHMENT | PRINCIPAL_TAG)
                || only.is_some_and(|only| !only.contains(logical))
            {
                continue;
            }
            if let Some(condition) = node.get("Condition").and_then(Node::as_str)
                && ctx.condition(condition, 0) == Some(false)
            {
                continue;
            }
            let resource_ptr = child_pointer("/Resources", logical);
            let props_ptr = child_pointer(&resource_ptr, "Properties");
            ctx.defaulted_order.borrow_mut().clear();
            let props = match node.get("Properties") {
                Some(p) => ctx.eval(p, &props_ptr),
                // No Properties: the issues (required members) point at the resource.
                None => Ev::new(EvV::Obj(Vec::new()), node.span, resource_ptr.clone()),
            };
            if let Some(first) = ctx.defaulted_order.borrow().first() {
                run.defaulted_in.insert(logical.to_string(), first.clone());
                run.first_defaulted.get_or_insert_with(|| first.clone());
            }
            let fallback = Location::new(resource_ptr.clone(), member.key_span);
            let EvV::Obj(members) = &props.v else {
                // Properties as a whole unknown (an Fn::If, say): nothing to check.
                continue;
            };
            let translated = match kind {
                POOL => {
                    let t = pool(logical, members, &props, fallback);
                    if let Some(context) = pool_context(&t) {
                        pools.insert(logical.to_string(), context);
                    }
                    t
                }
                ATTACHMENT => {
                    let t = attachment(logical, members, &props, fallback, &pools);
                    if let Some(id) = props.get("IdentityPoolId") {
                        let condition = node
                            .get("Condition")
                            .and_then(Node::as_str)
                            .map(str::to_string);
                        run.attachment_pools
                            .push((logical.to_string(), id.clone(), condition));
                    }
                    t
                }
                _ => principal_tag(logical, members, &props, fallback),
            };
            run.translated.push(translated);
        }
        run.defaulted = ctx.defaulted.borrow().iter().cloned().collect();
        run.open_ifs = ctx.open_ifs.borrow().iter().cloned().collect();
        run.dangling = ctx.dangling.borrow().clone();
        run
    }

    /// The issues of every translated resource, or of those in `focus`.
    fn issues(&self, focus: Option<&BTreeSet<String>>) -> (Vec<TemplateIssue>, Vec<TemplateIssue>) {
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        for t in &self.translated {
            if focus.is_some_and(|f| !f.contains(&t.id)) {
                continue;
            }
            let (e, w) = resource::check(t);
            errors.extend(e);
            warnings.extend(w);
        }
        (errors, warnings)
    }

    /// The condition of the `Fn::If` at a use site.
    fn condition_of(&self, site: &str) -> Option<String> {
        let (node, _) = self.root.at_pointer(site)?;
        node.get("Fn::If")?
            .as_array()?
            .first()?
            .as_str()
            .map(str::to_string)
    }
}

/// The logical id of the resource a template pointer lies in.
fn resource_of(pointer: &str) -> Option<String> {
    let rest = pointer.strip_prefix("/Resources/")?;
    let token = rest.split('/').next()?;
    Some(crate::tree::unescape_token(token))
}

/// A JSON text inside a string property (`SupportedLoginProviders`,
/// `Roles`, `RoleMappings`, `PrincipalTags` may be written so): its values
/// are located at the string.
fn json_string(ev: &Ev, errors: &mut Vec<TemplateIssue>, api: &str) -> Ev {
    let EvV::Str(text) = &ev.v else {
        return ev.clone();
    };
    match crate::json::read(text) {
        Ok(doc) if matches!(doc.root.value, crate::tree::Value::Object(_)) => {
            relocate(&doc.root, ev)
        }
        _ => {
            errors.push(
                TemplateIssue::new(
                    "type",
                    "This property is a string, but not a JSON object; write a mapping or a JSON object text.",
                )
                .path(api)
                .at(&ev.ptr, ev.span),
            );
            Ev::new(EvV::Unknown, ev.span, ev.ptr.clone())
        }
    }
}

fn relocate(node: &Node, at: &Ev) -> Ev {
    use crate::tree::Value;
    let v = match &node.value {
        Value::Null => EvV::Null,
        Value::Bool(b) => EvV::Bool(*b),
        Value::Number(n) => EvV::Num(n.clone()),
        Value::String(s) => EvV::Str(s.clone()),
        Value::Array(items) => EvV::Arr(items.iter().map(|i| relocate(i, at)).collect()),
        Value::Object(members) => EvV::Obj(
            members
                .iter()
                .map(|m| EvMember {
                    key: m.key.clone(),
                    key_span: at.span,
                    key_ptr: None,
                    value: relocate(&m.value, at),
                })
                .collect(),
        ),
    };
    let mut ev = Ev::new(v, at.span, at.ptr.clone());
    ev.via = at.via.clone();
    ev
}

fn with_members(props: &Ev, members: Vec<EvMember>) -> Ev {
    let mut ev = Ev::new(EvV::Obj(members), props.span, props.ptr.clone());
    ev.via = props.via.clone();
    ev
}

fn new_translated(
    id: &str,
    kind: &str,
    target: &'static str,
    fallback: Location,
    converter: Converter,
) -> Translated {
    Translated {
        id: id.to_string(),
        kind: kind.to_string(),
        target,
        conv: converter.out,
        key_unknown: Vec::new(),
        fallback,
        pool: None,
        extra_errors: Vec::new(),
        extra_warnings: Vec::new(),
    }
}

/// `AWS::Cognito::IdentityPool` → CreateIdentityPool.
fn pool(id: &str, members: &[EvMember], props: &Ev, fallback: Location) -> Translated {
    let mut converter = Converter::new();
    let mut out = Vec::new();
    for m in members {
        match m.key.as_str() {
            k if SYNC_ONLY.contains(&k) => {}
            "IdentityPoolTags" => {
                let mut m = m.clone();
                m.value = tags_to_map(&m.value, &mut converter);
                out.push(m);
            }
            "SupportedLoginProviders" => {
                let mut m = m.clone();
                m.value = json_string(
                    &m.value,
                    &mut converter.out.errors,
                    "/SupportedLoginProviders",
                );
                out.push(m);
            }
            _ => out.push(m.clone()),
        }
    }
    if !out.iter().any(|m| m.key == "IdentityPoolName") {
        // CloudFormation generates a name when none is given.
        converter.out.unknown.push("/IdentityPoolName".to_string());
    }
    let input = with_members(props, out);
    converter.out.value = converter.value(
        &input,
        Some(ShapeId::CREATE_IDENTITY_POOL_INPUT),
        Place::root(),
    );
    new_translated(id, POOL, "CreateIdentityPool", fallback, converter)
}

/// CloudFormation's list of `{Key, Value}` tags → the API's map.
fn tags_to_map(ev: &Ev, converter: &mut Converter) -> Ev {
    let EvV::Arr(items) = &ev.v else {
        return ev.clone();
    };
    let mut members: Vec<EvMember> = Vec::new();
    for item in items {
        let (Some(key), Some(value)) = (item.get("Key"), item.get("Value")) else {
            if item.is_unknown() {
                converter
                    .out
                    .unknown
                    .push("/IdentityPoolTags/*".to_string());
            } else {
                converter.out.errors.push(
                    TemplateIssue::new("type", "Each tag is a mapping with Key and Value.")
                        .path("/IdentityPoolTags")
                        .at(&item.ptr, item.span),
                );
            }
            continue;
        };
        let Some(name) = crate::eval::scalar_text(key) else {
            converter
                .out
                .unknown
                .push("/IdentityPoolTags/*".to_string());
            continue;
        };
        if members.iter().any(|m| m.key == name) {
            let mut issue = TemplateIssue::new(
                "duplicate_tag_key",
                format!(
                    "The tag key {name:?} appears twice; the API's tag map can hold only one value per key."
                ),
            )
            .path(child_pointer("/IdentityPoolTags", &name))
            .at(&key.ptr, key.span);
            issue.key = true;
            if let Some(via) = &key.via {
                name_via(&mut issue, via);
            }
            converter.out.errors.push(issue);
            continue;
        }
        members.push(EvMember {
            key: name,
            key_span: key.span,
            key_ptr: Some(key.ptr.clone()),
            value: value.clone(),
        });
    }
    let mut out = Ev::new(EvV::Obj(members), ev.span, ev.ptr.clone());
    out.via = ev.via.clone();
    out
}

/// The pool as the `IdentityPool` shape, for checking attachments against it.
pub(crate) fn pool_context(t: &Translated) -> Option<PoolContext> {
    let mut value: Api = t.conv.value.clone()?;
    if !matches!(value, Api::Obj(_)) {
        return None;
    }
    value.set(
        "IdentityPoolId",
        Api::Str("us-east-1:00000000-0000-0000-0000-000000000000".to_string()),
    );
    if value.get("IdentityPoolName").is_none() {
        value.set("IdentityPoolName", Api::Str("generated".to_string()));
    }
    let providers_unknown = t.conv.unknown.iter().any(|u| {
        [
            "/SupportedLoginProviders",
            "/CognitoIdentityProviders",
            "/OpenIdConnectProviderARNs",
            "/SamlProviderARNs",
            "/DeveloperProviderName",
        ]
        .iter()
        .any(|p| u == p || u.starts_with(&format!("{p}/")))
    });
    Some(PoolContext {
        text: value.to_json(),
        providers_unknown,
    })
}

/// The logical id of the pool an `IdentityPoolId` value names, if it is a
/// `Ref` (or `Fn::GetAtt ....Id`) of a pool of this template.
fn pool_named(ev: &Ev) -> Option<String> {
    match &ev.v {
        EvV::Shaped(Shape::IdentityPoolId, source) => {
            let rest = source
                .strip_prefix("Ref ")
                .or_else(|| source.strip_prefix("Fn::GetAtt "))?;
            Some(rest.split('.').next().unwrap_or(rest).to_string())
        }
        _ => None,
    }
}

/// `AWS::Cognito::IdentityPoolRoleAttachment` → SetIdentityPoolRoles.
fn attachment(
    id: &str,
    members: &[EvMember],
    props: &Ev,
    fallback: Location,
    pools: &HashMap<String, PoolContext>,
) -> Translated {
    let mut converter = Converter::new();
    let mut key_unknown = Vec::new();
    let mut out = Vec::new();
    for m in members {
        match m.key.as_str() {
            "Roles" => {
                let mut m = m.clone();
                m.value = json_string(&m.value, &mut converter.out.errors, "/Roles");
                out.push(m);
            }
            "RoleMappings" => {
                let mut m = m.clone();
                let value = json_string(&m.value, &mut converter.out.errors, "/RoleMappings");
                m.value = role_mappings(&value, &mut converter, &mut key_unknown);
                out.push(m);
            }
            _ => out.push(m.clone()),
        }
    }
    let input = with_members(props, out);
    converter.out.value = converter.value(
        &input,
        Some(ShapeId::SET_IDENTITY_POOL_ROLES_INPUT),
        Place::root(),
    );
    let mut t = new_translated(id, ATTACHMENT, "SetIdentityPoolRoles", fallback, converter);
    t.key_unknown = key_unknown;
    t.pool = props
        .get("IdentityPoolId")
        .and_then(pool_named)
        .and_then(|logical| pools.get(&logical).cloned());
    t
}

/// RoleMappings keyed by logical keys → keyed by provider (`IdentityProvider`
/// when given), `IdentityProvider` removed.
fn role_mappings(ev: &Ev, converter: &mut Converter, key_unknown: &mut Vec<String>) -> Ev {
    let EvV::Obj(entries) = &ev.v else {
        return ev.clone();
    };
    let mut out: Vec<EvMember> = Vec::new();
    let mut origins: BTreeMap<String, String> = BTreeMap::new();
    for entry in entries {
        let mut value = entry.value.clone();
        let provider = value.get("IdentityProvider").cloned();
        if let EvV::Obj(fields) = &mut value.v {
            fields.retain(|f| f.key != "IdentityProvider");
        }
        let (key, key_span, key_ptr, known) = match &provider {
            // A mapping that is unknown as a whole may carry an IdentityProvider.
            None if value.is_unknown() => (
                entry.key.clone(),
                entry.key_span,
                entry.key_ptr.clone(),
                false,
            ),
            None => (
                entry.key.clone(),
                entry.key_span,
                entry.key_ptr.clone(),
                true,
            ),
            Some(p) => match crate::eval::scalar_text(p) {
                Some(name) => (name, p.span, Some(p.ptr.clone()), true),
                None => {
                    let api = child_pointer("/RoleMappings", &entry.key);
                    match &p.v {
                        EvV::Shaped(Shape::UserPoolProviderUrl, source) => {
                            let mut issue = TemplateIssue::new(
                                "provider_url_not_name",
                                format!(
                                    "{source} is an https:// URL, not a provider name; a user pool's role mapping is keyed by cognito-idp.<region>.amazonaws.com/<user pool id>:<app client id>."
                                ),
                            )
                            .path(&api)
                            .at(&p.ptr, p.span);
                            issue.key = true;
                            issue.params.source = Some(source.clone());
                            converter.out.errors.push(issue);
                        }
                        EvV::Shaped(Shape::UserPoolId, source) => {
                            let mut issue = TemplateIssue::new(
                                "role_mapping_provider",
                                format!(
                                    "{source} is a bare user pool id, which names no provider; a user pool's role mapping is keyed by cognito-idp.<region>.amazonaws.com/<user pool id>:<app client id>."
                                ),
                            )
                            .path(&api)
                            .at(&p.ptr, p.span);
                            issue.key = true;
                            issue.params.source = Some(source.clone());
                            converter.out.errors.push(issue);
                        }
                        _ => {}
                    }
                    (entry.key.clone(), p.span, Some(p.ptr.clone()), false)
                }
            },
        };
        if let Some(first) = origins.get(&key) {
            let mut issue = TemplateIssue::new(
                "mapping_provider_collision",
                format!(
                    "The role mappings {first:?} and {:?} name the same provider; the API keeps one mapping per provider.",
                    entry.key
                ),
            )
            .path(child_pointer("/RoleMappings", &key))
            .at(key_ptr.as_deref().unwrap_or(&entry.value.ptr), key_span);
            issue.key = true;
            converter.out.errors.push(issue);
            continue;
        }
        origins.insert(key.clone(), entry.key.clone());
        if !known {
            key_unknown.push(child_pointer("/RoleMappings", &key));
        }
        out.push(EvMember {
            key,
            key_span,
            key_ptr,
            value,
        });
    }
    let mut result = Ev::new(EvV::Obj(out), ev.span, ev.ptr.clone());
    result.via = ev.via.clone();
    result
}

/// `AWS::Cognito::IdentityPoolPrincipalTag` → SetPrincipalTagAttributeMap.
fn principal_tag(id: &str, members: &[EvMember], props: &Ev, fallback: Location) -> Translated {
    let mut converter = Converter::new();
    let mut out = Vec::new();
    for m in members {
        let mut m = m.clone();
        if m.key == "PrincipalTags" {
            m.value = json_string(&m.value, &mut converter.out.errors, "/PrincipalTags");
        }
        out.push(m);
    }
    let input = with_members(props, out);
    converter.out.value = converter.value(
        &input,
        Some(ShapeId::SET_PRINCIPAL_TAG_ATTRIBUTE_MAP_INPUT),
        Place::root(),
    );
    new_translated(
        id,
        PRINCIPAL_TAG,
        "SetPrincipalTagAttributeMap",
        fallback,
        converter,
    )
}

/// Two role attachments for one pool: CloudFormation refuses the second
/// (`AlreadyExists`). Attachments under different conditions may never
/// both exist, so they are left alone.
fn duplicate_attachments(run: &Run<'_>) -> Vec<TemplateIssue> {
    type Attachment<'a> = (&'a String, &'a Ev, &'a Option<String>);
    let mut groups: BTreeMap<String, Vec<Attachment<'_>>> = BTreeMap::new();
    for (logical, id, condition) in &run.attachment_pools {
        let key = match (&id.v, pool_named(id)) {
            (_, Some(pool)) => format!("pool {pool}"),
            (EvV::Str(s), None) => format!("id {s}"),
            _ => continue,
        };
        groups
            .entry(key)
            .or_default()
            .push((logical, id, condition));
    }
    let mut issues = Vec::new();
    for group in groups.values().filter(|g| g.len() > 1) {
        let conditions: Vec<&Option<String>> = group.iter().map(|(_, _, c)| *c).collect();
        if conditions.iter().any(|c| c.is_some()) && conditions.windows(2).any(|w| w[0] != w[1]) {
            continue;
        }
        for (logical, id, _) in group {
            let other = group
                .iter()
                .map(|(l, _, _)| *l)
                .find(|l| l != logical)
                .cloned();
            let mut issue = TemplateIssue::new(
                "duplicate_role_attachment",
                format!(
                    "{logical} and {} attach roles to the same identity pool; a pool has one role attachment, so CloudFormation refuses the second (AlreadyExists). Merge them into one.",
                    other.as_deref().unwrap_or_default()
                ),
            )
            .path("/IdentityPoolId")
            .at(&id.ptr, id.span);
            issue.resource = Some((*logical).clone());
            issue.params.other = other;
            issues.push(issue);
        }
    }
    issues
}

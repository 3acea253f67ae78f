//! Update planning (docs/REFERENCE.md section 7): what an `UpdateIdentityPool` call with
//! a desired pool would do to the current one.
//!
//! `UpdateIdentityPool` replaces the whole pool. Both pools are checked as
//! target `IdentityPool` (constraint and semantic layers), normalized, and
//! compared in canonical form, so `Facebook` against `graph.facebook.com`
//! is no change. The [`Report`] (target `UpdateIdentityPool`) lists the
//! issues of both pools (the current pool's under `/current`), the
//! `immutable` errors and the `reset_to_default` warnings of the update,
//! and a [`Plan`]: every difference between the current pool and the pool
//! as it will be, and that pool itself.
//!
//! Rules, with their source:
//!
//! - A member the update omits (absent or `null`) is reset to its default,
//!   so the plan removes it, and a `reset_to_default` warning says what is
//!   lost (docs/REFERENCE.md section 7). An empty list or map given on purpose removes the member
//!   too, without the warning (our choice: the caller said so).
//! - `DeveloperProviderName` is kept when the update omits it (observed
//!   service behaviour, docs/REFERENCE.md section 7), and once set it cannot change; neither can
//!   `IdentityPoolId` (`immutable`, docs/REFERENCE.md section 7). The effective pool keeps the
//!   current values.
//! - A required member the update lacks is a `required` error of the
//!   update; the plan lists no change for it and the effective pool keeps
//!   the current value (our choice: the service refuses such a request).
//! - `AllowClassicFlow` absent is `false`, and `ServerSideTokenCheck`
//!   absent is `false` (their documented defaults), so `false` against
//!   absent is no change.
//! - Maps (`SupportedLoginProviders`, `IdentityPoolTags`) are compared per
//!   entry at `/Member/<key>`; ARN lists as sets (removals at their index in
//!   the current pool, then additions at their index in the effective
//!   pool); `CognitoIdentityProviders` by (`ProviderName`, `ClientId`), a
//!   changed `ServerSideTokenCheck` being a `replace` of that member; any
//!   other member as a whole (`replace`). Order: model member order, then
//!   entries in canonical order.

use crate::check::{Checker, Target};
use crate::json::Value;
use crate::model::IdentityPool;
use crate::normalize::Origin;
use crate::path::push_pointer_token;
use crate::quote::Quoted;
use crate::report::{self, Code, Issue, Plan, PlanChange, PlanOp, Report};
use crate::schema::{Member, ShapeId, ShapeKind};
use crate::seen::{self, Seen, Strings};

/// The target name of update reports.
const TARGET: &str = "UpdateIdentityPool";

/// Plan an `UpdateIdentityPool` call: `current` is the stored pool (for
/// instance `aws cognito-identity describe-identity-pool` output) and
/// `desired` the pool the update sends, both JSON. Uses the default
/// [`Limits`](crate::Limits); see [`Checker::plan_update`].
///
/// ```
/// let current = r#"{"IdentityPoolId": "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
///     "IdentityPoolName": "Photos", "AllowUnauthenticatedIdentities": false,
///     "SupportedLoginProviders": {"graph.facebook.com": "7346241598935552",
///                                 "accounts.google.com": "123.apps.googleusercontent.com"},
///     "DeveloperProviderName": "login.photos.example.com"}"#;
/// let desired = r#"{"IdentityPoolId": "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
///     "IdentityPoolName": "Photos", "AllowUnauthenticatedIdentities": false,
///     "SupportedLoginProviders": {"Facebook": "7346241598935552"}}"#;
/// let report = idpool::plan_update(current, desired);
/// assert!(report.ok);
/// let plan = report.plan.unwrap();
/// assert_eq!(plan.changes.len(), 1);
/// assert_eq!(plan.changes[0].path, "/SupportedLoginProviders/accounts.google.com");
/// assert_eq!(plan.changes[0].op, idpool::report::PlanOp::Remove);
/// // The developer provider is kept although the update omits it.
/// assert_eq!(
///     plan.effective.get("DeveloperProviderName").and_then(|v| v.as_str()),
///     Some("login.photos.example.com")
/// );
/// ```
pub fn plan_update(current: &str, desired: &str) -> Report {
    Checker::new().plan_update(current, desired)
}

/// [`plan_update`] for typed pools.
///
/// ```
/// use idpool::model::IdentityPool;
/// let current: IdentityPool = serde_json::from_str(r#"{
///     "IdentityPoolId": "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
///     "IdentityPoolName": "Photos", "AllowUnauthenticatedIdentities": false}"#)?;
/// let mut desired = current.clone();
/// desired.identity_pool_name = "Photo Sharing".to_string();
/// let report = idpool::plan::plan_pools(&current, &desired);
/// let change = &report.plan.unwrap().changes[0];
/// assert_eq!(change.path, "/IdentityPoolName");
/// assert_eq!(change.op, idpool::report::PlanOp::Replace);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn plan_pools(current: &IdentityPool, desired: &IdentityPool) -> Report {
    // A typed pool always serializes; an empty text would only be a
    // `syntax` issue.
    let current = serde_json::to_string(current).unwrap_or_default();
    let desired = serde_json::to_string(desired).unwrap_or_default();
    Checker::new().plan_update(&current, &desired)
}

/// One pool of the comparison: its report as target `IdentityPool`, and
/// the parsed input when it could be parsed.
struct Side<'a> {
    report: Report,
    input: Option<Value<'a>>,
}

impl Checker {
    /// Plan an `UpdateIdentityPool` call from the `current` pool to the
    /// `desired` one (both JSON), under this checker's limits.
    ///
    /// The report's target is `UpdateIdentityPool`. Its errors and warnings
    /// are those of `desired` (paths as they are), then those of the update
    /// itself (`immutable`, `reset_to_default`), then those of `current`
    /// (paths under `/current`); `serviceError` is what the service would
    /// answer the update. `normalized` and `changes` are the desired pool's.
    /// `plan` is present when both inputs are JSON objects.
    ///
    /// ```
    /// let current = r#"{"IdentityPoolId": "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
    ///     "IdentityPoolName": "Photos", "AllowUnauthenticatedIdentities": false,
    ///     "DeveloperProviderName": "login.photos.example.com"}"#;
    /// let desired = r#"{"IdentityPoolId": "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
    ///     "IdentityPoolName": "Photos", "AllowUnauthenticatedIdentities": false,
    ///     "DeveloperProviderName": "login.other.example.com"}"#;
    /// let report = idpool::Checker::new().plan_update(current, desired);
    /// assert!(!report.ok);
    /// assert_eq!(report.errors[0].code, idpool::Code::Immutable);
    /// assert_eq!(report.errors[0].path, "/DeveloperProviderName");
    /// ```
    pub fn plan_update(&self, current: &str, desired: &str) -> Report {
        self.plan_update_bytes(current.as_bytes(), desired.as_bytes())
    }

    /// [`Checker::plan_update`] for raw bytes; input that is not UTF-8 is a
    /// `syntax` issue of that pool.
    pub fn plan_update_bytes(&self, current: &[u8], desired: &[u8]) -> Report {
        let current = self.side(current);
        let desired = self.side(desired);
        assemble(current, desired)
    }

    fn side<'a>(&self, input: &'a [u8]) -> Side<'a> {
        let target = Target::Shape(ShapeId::IDENTITY_POOL);
        let text = match self.text(input) {
            Ok(text) => text,
            Err(issue) => {
                return Side {
                    report: Report::new(target.name(), vec![*issue], Vec::new()),
                    input: None,
                };
            }
        };
        match self.parse(text) {
            Ok(value) => Side {
                report: self.check_value_in(target, &value, None, Origin::Parsed),
                input: Some(value),
            },
            Err(issue) => Side {
                report: Report::new(target.name(), vec![*issue], Vec::new()),
                input: None,
            },
        }
    }
}

/// The update report from the reports of both pools.
fn assemble(current: Side<'_>, desired: Side<'_>) -> Report {
    let mut update = Findings::default();
    let plan = match (
        &current.report.normalized,
        &desired.report.normalized,
        &desired.input,
    ) {
        (Some(current), Some(desired_pool), Some(input)) => Some(plan(
            &current.value().into_owned(),
            &desired_pool.value().into_owned(),
            input,
            &mut update,
        )),
        _ => None,
    };
    let mut errors = desired.report.errors;
    errors.extend(update.errors);
    // What the service answers depends on the request alone; the current
    // pool's own errors decide only when the request has none.
    let request_error = report::service_error(&errors);
    errors.extend(
        current
            .report
            .errors
            .into_iter()
            .map(|issue| issue.nested("/current")),
    );
    let mut warnings = desired.report.warnings;
    warnings.extend(update.warnings);
    warnings.extend(
        current
            .report
            .warnings
            .into_iter()
            .map(|issue| issue.nested("/current")),
    );
    let mut report = Report::new(TARGET, errors, warnings);
    if request_error.is_some() {
        report.service_error = request_error;
    }
    report.truncated = desired.report.truncated || current.report.truncated;
    report.normalized = desired.report.normalized;
    report.changes = desired.report.changes;
    report.plan = plan;
    report
}

/// Issues of the update itself.
#[derive(Default)]
struct Findings {
    errors: Vec<Issue>,
    warnings: Vec<Issue>,
}

fn pool_members() -> &'static [Member] {
    match ShapeId::IDENTITY_POOL.shape().kind {
        ShapeKind::Structure(members) => members,
        _ => &[],
    }
}

/// The member's value, `null` counting as absent.
fn present<'v>(pool: &'v Value<'static>, name: &str) -> Option<&'v Value<'static>> {
    pool.get(name).filter(|v| !matches!(v, Value::Null))
}

/// The value the service gives a member the update does not set, when that
/// value is not "absent".
fn default_value(name: &str) -> Option<Value<'static>> {
    match name {
        "AllowClassicFlow" => Some(Value::Bool(false)),
        _ => None,
    }
}

/// The plan from the normalized current and desired pools; `input` is the
/// desired pool as given (to tell an omitted member from an emptied one).
fn plan(
    current: &Value<'static>,
    desired: &Value<'static>,
    input: &Value<'_>,
    findings: &mut Findings,
) -> Plan {
    immutable(current, desired, findings);
    let members = pool_members();
    let mut effective = Vec::new();
    for member in members {
        let name = member.name;
        let keep_current = match name {
            "IdentityPoolId" | "DeveloperProviderName" => present(current, name).is_some(),
            _ => member.required && present(desired, name).is_none(),
        };
        let source = if keep_current { current } else { desired };
        if let Some(value) = present(source, name) {
            effective.push((name.into(), value.clone()));
        }
    }
    let effective = Value::Object(effective);
    let mut changes = Vec::new();
    for member in members {
        let name = member.name;
        let before = present(current, name);
        let after = present(&effective, name);
        let default = default_value(name);
        if before.or(default.as_ref()) == after.or(default.as_ref()) {
            continue;
        }
        let path = pointer("", name);
        match (before, after) {
            (Some(before), None) => {
                changes.push(change(&path, PlanOp::Remove, Some(before), None));
                let omitted = input.get(name).is_none_or(|v| matches!(v, Value::Null));
                if omitted {
                    findings.warnings.push(Issue::new(
                        path.clone(),
                        Code::ResetToDefault,
                        format!(
                            "{name} is omitted from the update, so {}.",
                            what_is_lost(name, before)
                        ),
                    ));
                }
            }
            (None, Some(after)) => changes.push(change(&path, PlanOp::Add, None, Some(after))),
            (Some(before), Some(after)) => {
                diff_member(member.shape, &path, before, after, &mut changes)
            }
            (None, None) => {}
        }
    }
    Plan { changes, effective }
}

/// `immutable` errors: a different pool id, or a developer provider name
/// that is set and changes.
fn immutable(current: &Value<'static>, desired: &Value<'static>, findings: &mut Findings) {
    fn text<'v>(pool: &'v Value<'static>, name: &str) -> Option<&'v str> {
        present(pool, name).and_then(Value::as_str)
    }
    if let (Some(was), Some(now)) = (
        text(current, "IdentityPoolId"),
        text(desired, "IdentityPoolId"),
    ) && was != now
    {
        findings.errors.push(Issue::new(
            "/IdentityPoolId",
            Code::Immutable,
            format!(
                "IdentityPoolId cannot change: the update names {now}, but the pool is {was}.",
                now = Quoted(now),
                was = Quoted(was)
            ),
        ));
    }
    if let (Some(was), Some(now)) = (
        text(current, "DeveloperProviderName"),
        text(desired, "DeveloperProviderName"),
    ) && was != now
    {
        findings.errors.push(Issue::new(
            "/DeveloperProviderName",
            Code::Immutable,
            format!(
                "DeveloperProviderName cannot change once set: the pool has {was} and the update gives {now}.",
                was = Quoted(was),
                now = Quoted(now),
            ),
        ));
    }
}

/// What a pool loses when the update omits the member `name`, whose
/// current value is `value`: the end of "…, so …".
fn what_is_lost(name: &str, value: &Value<'_>) -> String {
    let entries = match value {
        Value::Object(entries) => entries.len(),
        Value::Array(items) => items.len(),
        _ => 0,
    };
    let keys = || -> Vec<&str> {
        value
            .as_object()
            .map(|entries| entries.iter().map(|(k, _)| k.as_ref()).collect())
            .unwrap_or_default()
    };
    let removed = |noun: &str, names: Vec<&str>| {
        let mut text = format!("the pool's {}", count(entries, noun));
        if !names.is_empty() {
            text.push_str(&format!(" ({})", list(&names)));
        }
        text.push_str(if entries == 1 {
            " is removed"
        } else {
            " are removed"
        });
        text
    };
    match (name, value) {
        ("AllowClassicFlow", _) => "the basic (classic) authentication flow is turned off".into(),
        ("SupportedLoginProviders", Value::Object(_)) => removed("login provider", keys()),
        ("IdentityPoolTags", Value::Object(_)) => removed("tag", keys()),
        ("OpenIdConnectProviderARNs", Value::Array(_)) => {
            removed("OpenID Connect provider", Vec::new())
        }
        ("SamlProviderARNs", Value::Array(_)) => removed("SAML provider", Vec::new()),
        ("CognitoIdentityProviders", Value::Array(items)) => {
            let mut unique: Vec<&str> = Vec::new();
            let mut seen = Seen::default();
            for name in items
                .iter()
                .filter_map(|item| item.get("ProviderName").and_then(Value::as_str))
            {
                let id = unique.len();
                unique.push(name);
                if seen.first(id, &|a, b| unique[a].cmp(unique[b])) != id {
                    unique.pop();
                }
            }
            removed("user pool app client", unique)
        }
        _ => "its current value is removed".into(),
    }
}

fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// At most five names, then how many more.
fn list(names: &[&str]) -> String {
    const SHOWN: usize = 5;
    let mut text = names
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        text.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    text
}

/// `base` with one more JSON Pointer token.
fn pointer(base: &str, token: &str) -> String {
    let mut out = base.to_string();
    out.push('/');
    push_pointer_token(&mut out, token);
    out
}

fn change(
    path: &str,
    op: PlanOp,
    from: Option<&Value<'static>>,
    to: Option<&Value<'static>>,
) -> PlanChange {
    PlanChange {
        path: path.to_string(),
        op,
        from: from.cloned(),
        to: to.cloned(),
    }
}

/// The changes from `before` to `after`, two different values of a member
/// of the shape `shape` at `path`.
fn diff_member(
    shape: ShapeId,
    path: &str,
    before: &Value<'static>,
    after: &Value<'static>,
    out: &mut Vec<PlanChange>,
) {
    match (&shape.shape().kind, before, after) {
        (ShapeKind::Map { .. }, Value::Object(was), Value::Object(now)) => {
            diff_map(path, was, now, out)
        }
        (ShapeKind::List { member, .. }, Value::Array(was), Value::Array(now))
            if *member == ShapeId::COGNITO_IDENTITY_PROVIDER =>
        {
            diff_user_pools(path, was, now, out)
        }
        (ShapeKind::List { .. }, Value::Array(was), Value::Array(now)) => {
            diff_set(path, was, now, out)
        }
        _ => out.push(change(path, PlanOp::Replace, Some(before), Some(after))),
    }
}

type Entries = [(std::borrow::Cow<'static, str>, Value<'static>)];

/// Per entry, in key order; a key repeated within one object counts with
/// its first value.
fn diff_map(path: &str, before: &Entries, after: &Entries, out: &mut Vec<PlanChange>) {
    // The entries of both objects, `before` first, in key order: each key
    // is a run, its entries in input order.
    let key = |i: usize| match before.get(i) {
        Some((key, _)) => key.as_ref(),
        None => after[i - before.len()].0.as_ref(),
    };
    let order = seen::sorted(before.len() + after.len(), &|a, b| key(a).cmp(key(b)));
    let mut start = 0;
    while let Some(&first) = order.get(start) {
        let run = order[start..]
            .iter()
            .position(|&i| key(i) != key(first))
            .map_or(order.len(), |len| start + len);
        let entries = &order[start..run];
        start = run;
        let was = entries.first().and_then(|&i| before.get(i)).map(|(_, v)| v);
        let now = entries
            .iter()
            .find_map(|&i| i.checked_sub(before.len()))
            .map(|i| &after[i].1);
        let entry = pointer(path, key(first));
        match (was, now) {
            (Some(a), None) => out.push(change(&entry, PlanOp::Remove, Some(a), None)),
            (None, Some(b)) => out.push(change(&entry, PlanOp::Add, None, Some(b))),
            (Some(a), Some(b)) if a != b => {
                out.push(change(&entry, PlanOp::Replace, Some(a), Some(b)))
            }
            _ => {}
        }
    }
}

/// As sets: entries of `before` that `after` lacks are removed (at their
/// index in `before`), then entries of `after` that `before` lacks are
/// added (at their index in `after`).
fn diff_set(
    path: &str,
    before: &[Value<'static>],
    after: &[Value<'static>],
    out: &mut Vec<PlanChange>,
) {
    let was = texts(before);
    let now = texts(after);
    for (i, item) in before.iter().enumerate() {
        if !now.contains(&was.all[i]) {
            out.push(change(
                &pointer(path, &i.to_string()),
                PlanOp::Remove,
                Some(item),
                None,
            ));
        }
    }
    for (i, item) in after.iter().enumerate() {
        if !was.contains(&now.all[i]) {
            out.push(change(
                &pointer(path, &i.to_string()),
                PlanOp::Add,
                None,
                Some(item),
            ));
        }
    }
}

/// The JSON texts of a list's entries.
fn texts(items: &[Value<'static>]) -> Strings {
    let mut texts = Strings::default();
    for item in items {
        texts.insert(crate::json::to_string(item));
    }
    texts
}

/// The identity of a `CognitoIdentityProviders` entry: its ProviderName and
/// ClientId (an entry that is not an object is its own identity).
fn user_pool_key(entry: &Value<'_>) -> String {
    match entry {
        Value::Object(_) => {
            let part = |name: &str| entry.get(name).cloned().unwrap_or(Value::Null);
            crate::json::to_string(&Value::Array(vec![part("ProviderName"), part("ClientId")]))
        }
        other => format!("~{}", crate::json::to_string(other)),
    }
}

/// `ServerSideTokenCheck`, absent being `false`.
fn token_check(entry: &Value<'static>) -> Value<'static> {
    present(entry, "ServerSideTokenCheck")
        .cloned()
        .unwrap_or(Value::Bool(false))
}

/// The entry without `ServerSideTokenCheck`.
fn without_token_check<'v>(
    entry: &'v Value<'static>,
) -> Vec<&'v (std::borrow::Cow<'static, str>, Value<'static>)> {
    entry
        .as_object()
        .map(|entries| {
            entries
                .iter()
                .filter(|(k, _)| k != "ServerSideTokenCheck")
                .collect()
        })
        .unwrap_or_default()
}

/// Matched by (ProviderName, ClientId): unmatched entries of `before` are
/// removed (at their index in `before`); then, in the order of `after`,
/// unmatched entries are added, and matched ones whose
/// `ServerSideTokenCheck` changed are replaced there (or replaced whole if
/// anything else differs).
fn diff_user_pools(
    path: &str,
    before: &[Value<'static>],
    after: &[Value<'static>],
    out: &mut Vec<PlanChange>,
) {
    // The entries of both lists, `before` first, by identity: within the
    // run of one identity, the k-th entry of `after` is matched with the
    // k-th entry of `before`.
    let keys: Vec<String> = before.iter().chain(after).map(user_pool_key).collect();
    let order = seen::sorted(keys.len(), &|a, b| keys[a].cmp(&keys[b]));
    let mut pairs: Vec<Option<usize>> = vec![None; after.len()];
    let mut matched = vec![false; before.len()];
    let mut start = 0;
    while let Some(&first) = order.get(start) {
        let run = order[start..]
            .iter()
            .position(|&i| keys[i] != keys[first])
            .map_or(order.len(), |len| start + len);
        let entries = &order[start..run];
        start = run;
        let was = entries.partition_point(|&i| i < before.len());
        for (&i, &j) in entries[..was].iter().zip(&entries[was..]) {
            matched[i] = true;
            pairs[j - before.len()] = Some(i);
        }
    }
    for (i, entry) in before.iter().enumerate() {
        if !matched[i] {
            out.push(change(
                &pointer(path, &i.to_string()),
                PlanOp::Remove,
                Some(entry),
                None,
            ));
        }
    }
    for (j, (entry, pair)) in after.iter().zip(&pairs).enumerate() {
        let at = pointer(path, &j.to_string());
        let Some(i) = *pair else {
            out.push(change(&at, PlanOp::Add, None, Some(entry)));
            continue;
        };
        let was = &before[i];
        if was == entry {
            continue;
        }
        if without_token_check(was) == without_token_check(entry) {
            let (a, b) = (token_check(was), token_check(entry));
            if a != b {
                out.push(change(
                    &pointer(&at, "ServerSideTokenCheck"),
                    PlanOp::Replace,
                    Some(&a),
                    Some(&b),
                ));
            }
        } else {
            out.push(change(&at, PlanOp::Replace, Some(was), Some(entry)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::to_string;

    const ID: &str = "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    const USER_POOL: &str = "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI";

    /// A pool with `extra` members after the required ones.
    fn pool(extra: &str) -> String {
        let sep = if extra.is_empty() { "" } else { "," };
        format!(
            r#"{{"IdentityPoolId":"{ID}","IdentityPoolName":"Photos","AllowUnauthenticatedIdentities":false{sep}{extra}}}"#
        )
    }

    fn ops(report: &Report) -> Vec<(String, PlanOp)> {
        report
            .plan
            .as_ref()
            .expect("a plan")
            .changes
            .iter()
            .map(|c| (c.path.clone(), c.op))
            .collect()
    }

    fn codes(issues: &[Issue]) -> Vec<(&str, Code)> {
        issues.iter().map(|i| (i.path.as_str(), i.code)).collect()
    }

    #[test]
    fn an_identical_update_changes_nothing() {
        let current = pool(r#""SupportedLoginProviders":{"graph.facebook.com":"1"}"#);
        let desired = pool(r#""SupportedLoginProviders":{"Facebook":"1"}"#);
        let report = plan_update(&current, &desired);
        assert!(report.ok, "{:?}", report.errors);
        assert!(ops(&report).is_empty());
        assert!(report.warnings.is_empty());
        assert_eq!(report.target, "UpdateIdentityPool");
        // The desired pool's normalization is reported.
        assert_eq!(report.changes.len(), 1);
        assert_eq!(report.changes[0].path, "/SupportedLoginProviders/Facebook");
        assert_eq!(
            report.plan.unwrap().effective,
            report.normalized.unwrap().value()
        );
    }

    #[test]
    fn an_omitted_member_is_removed_with_a_warning_that_says_what_is_lost() {
        let current = pool(
            r#""SupportedLoginProviders":{"graph.facebook.com":"1","accounts.google.com":"2.apps.googleusercontent.com"}"#,
        );
        let report = plan_update(&current, &pool(""));
        assert!(report.ok);
        assert_eq!(
            ops(&report),
            [("/SupportedLoginProviders".to_string(), PlanOp::Remove)]
        );
        let plan = report.plan.as_ref().unwrap();
        assert_eq!(
            to_string(plan.changes[0].from.as_ref().unwrap()),
            r#"{"accounts.google.com":"2.apps.googleusercontent.com","graph.facebook.com":"1"}"#
        );
        assert_eq!(plan.changes[0].to, None);
        assert_eq!(
            codes(&report.warnings),
            [("/SupportedLoginProviders", Code::ResetToDefault)]
        );
        assert_eq!(
            report.warnings[0].message,
            "SupportedLoginProviders is omitted from the update, so the pool's 2 login providers \
             (accounts.google.com, graph.facebook.com) are removed."
        );
        assert_eq!(report.warnings[0].exception, "InvalidParameterException");
        // null is omitted too.
        let report = plan_update(&current, &pool(r#""SupportedLoginProviders":null"#));
        assert_eq!(report.warnings.len(), 1);
    }

    #[test]
    fn an_emptied_member_is_removed_without_a_warning() {
        let current =
            pool(r#""SamlProviderARNs":["arn:aws:iam::123456789012:saml-provider/Corp"]"#);
        let report = plan_update(&current, &pool(r#""SamlProviderARNs":[]"#));
        assert_eq!(
            ops(&report),
            [("/SamlProviderARNs".to_string(), PlanOp::Remove)]
        );
        assert!(report.warnings.is_empty());
    }

    #[test]
    fn every_kind_of_member_says_what_is_lost() {
        let current = pool(&format!(
            r#""AllowClassicFlow":true,
               "OpenIdConnectProviderARNs":["arn:aws:iam::123456789012:oidc-provider/auth.example.com"],
               "CognitoIdentityProviders":[{{"ProviderName":"{USER_POOL}","ClientId":"a"}},{{"ProviderName":"{USER_POOL}","ClientId":"b"}}],
               "SamlProviderARNs":["arn:aws:iam::123456789012:saml-provider/Corp"],
               "IdentityPoolTags":{{"team":"photos"}}"#
        ));
        let report = plan_update(&current, &pool(""));
        let messages: Vec<&str> = report.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "AllowClassicFlow is omitted from the update, so the basic (classic) authentication flow is turned off.",
                "OpenIdConnectProviderARNs is omitted from the update, so the pool's 1 OpenID Connect provider is removed.",
                &format!(
                    "CognitoIdentityProviders is omitted from the update, so the pool's 2 user pool app clients ({USER_POOL}) are removed."
                ),
                "SamlProviderARNs is omitted from the update, so the pool's 1 SAML provider is removed.",
                "IdentityPoolTags is omitted from the update, so the pool's 1 tag (team) is removed.",
            ]
        );
        assert_eq!(ops(&report).len(), 5);
    }

    #[test]
    fn defaults_equal_absence() {
        let report = plan_update(&pool(r#""AllowClassicFlow":false"#), &pool(""));
        assert!(ops(&report).is_empty());
        assert!(report.warnings.is_empty());
        let report = plan_update(&pool(""), &pool(r#""AllowClassicFlow":true"#));
        assert_eq!(
            ops(&report),
            [("/AllowClassicFlow".to_string(), PlanOp::Add)]
        );
        let report = plan_update(
            &pool(r#""AllowClassicFlow":true"#),
            &pool(r#""AllowClassicFlow":false"#),
        );
        assert_eq!(
            ops(&report),
            [("/AllowClassicFlow".to_string(), PlanOp::Replace)]
        );
        assert!(report.warnings.is_empty());
    }

    #[test]
    fn the_developer_provider_is_kept_when_omitted_and_cannot_change() {
        let current = pool(r#""DeveloperProviderName":"login.photos.example.com""#);
        let report = plan_update(&current, &pool(""));
        assert!(report.ok);
        assert!(ops(&report).is_empty());
        assert!(report.warnings.is_empty());
        let effective = &report.plan.as_ref().unwrap().effective;
        assert_eq!(
            effective
                .get("DeveloperProviderName")
                .and_then(Value::as_str),
            Some("login.photos.example.com")
        );

        let report = plan_update(&current, &pool(r#""DeveloperProviderName":"login.other""#));
        assert!(!report.ok);
        assert_eq!(
            codes(&report.errors),
            [("/DeveloperProviderName", Code::Immutable)]
        );
        assert_eq!(
            report.errors[0].message,
            "DeveloperProviderName cannot change once set: the pool has \"login.photos.example.com\" \
             and the update gives \"login.other\"."
        );
        let service = report.service_error.as_ref().unwrap();
        assert_eq!(service.kind, "InvalidParameterException");
        assert!(ops(&report).is_empty(), "the effective pool keeps the name");

        // Setting one for the first time is an addition.
        let report = plan_update(&pool(""), &pool(r#""DeveloperProviderName":"login.new""#));
        assert!(report.ok);
        assert_eq!(
            ops(&report),
            [("/DeveloperProviderName".to_string(), PlanOp::Add)]
        );
    }

    #[test]
    fn the_pool_id_cannot_change_but_may_differ_in_case() {
        let other = "us-east-1:11111111-2222-3333-4444-555555555555";
        let desired = pool("").replace(ID, other);
        let report = plan_update(&pool(""), &desired);
        assert_eq!(
            codes(&report.errors),
            [("/IdentityPoolId", Code::Immutable)]
        );
        assert!(report.errors[0].message.contains(other));
        let effective = &report.plan.as_ref().unwrap().effective;
        assert_eq!(
            effective.get("IdentityPoolId").and_then(Value::as_str),
            Some(ID)
        );

        // Compared after normalization: only the pattern error of the
        // upper-case id itself is reported.
        let upper = pool("").replace(ID, &ID.to_ascii_uppercase());
        let report = plan_update(&pool(""), &upper);
        assert!(!report.errors.iter().any(|e| e.code == Code::Immutable));
        assert!(ops(&report).is_empty());
    }

    #[test]
    fn maps_are_compared_per_entry() {
        let current = pool(r#""IdentityPoolTags":{"a":"1","b":"2","c":"3"}"#);
        let desired = pool(r#""IdentityPoolTags":{"d":"4","c":"3","b":"two"}"#);
        let report = plan_update(&current, &desired);
        assert_eq!(
            ops(&report),
            [
                ("/IdentityPoolTags/a".to_string(), PlanOp::Remove),
                ("/IdentityPoolTags/b".to_string(), PlanOp::Replace),
                ("/IdentityPoolTags/d".to_string(), PlanOp::Add),
            ]
        );
        let changes = &report.plan.as_ref().unwrap().changes;
        assert_eq!(changes[1].from, Some(Value::String("2".into())));
        assert_eq!(changes[1].to, Some(Value::String("two".into())));
    }

    #[test]
    fn arn_lists_are_compared_as_sets() {
        let arn = |n: &str| format!("\"arn:aws:iam::123456789012:saml-provider/{n}\"");
        let current = pool(&format!(
            r#""SamlProviderARNs":[{},{},{}]"#,
            arn("A"),
            arn("B"),
            arn("C")
        ));
        let desired = pool(&format!(
            r#""SamlProviderARNs":[{},{},{}]"#,
            arn("C"),
            arn("D"),
            arn("A")
        ));
        let report = plan_update(&current, &desired);
        assert_eq!(
            ops(&report),
            [
                ("/SamlProviderARNs/1".to_string(), PlanOp::Remove),
                ("/SamlProviderARNs/1".to_string(), PlanOp::Add),
            ]
        );
        let changes = &report.plan.as_ref().unwrap().changes;
        assert!(to_string(changes[0].from.as_ref().unwrap()).ends_with("/B\""));
        assert!(to_string(changes[1].to.as_ref().unwrap()).ends_with("/D\""));
    }

    #[test]
    fn user_pools_are_matched_by_provider_and_client() {
        let entry = |client: &str, check: &str| {
            format!(r#"{{"ProviderName":"{USER_POOL}","ClientId":"{client}"{check}}}"#)
        };
        let current = pool(&format!(
            r#""CognitoIdentityProviders":[{},{},{}]"#,
            entry("a", ""),
            entry("b", r#","ServerSideTokenCheck":true"#),
            entry("c", r#","ServerSideTokenCheck":false"#)
        ));
        let desired = pool(&format!(
            r#""CognitoIdentityProviders":[{},{},{}]"#,
            entry("c", ""),
            entry("d", ""),
            entry("a", r#","ServerSideTokenCheck":true"#)
        ));
        let report = plan_update(&current, &desired);
        assert_eq!(
            ops(&report),
            [
                ("/CognitoIdentityProviders/1".to_string(), PlanOp::Remove),
                ("/CognitoIdentityProviders/1".to_string(), PlanOp::Add),
                (
                    "/CognitoIdentityProviders/2/ServerSideTokenCheck".to_string(),
                    PlanOp::Replace
                ),
            ]
        );
        let changes = &report.plan.as_ref().unwrap().changes;
        assert_eq!(changes[2].from, Some(Value::Bool(false)));
        assert_eq!(changes[2].to, Some(Value::Bool(true)));
    }

    #[test]
    fn issues_of_both_pools_are_reported_the_current_ones_under_current() {
        let current =
            pool(r#""IdentityPoolName":"bad#name""#).replace(r#""IdentityPoolName":"Photos","#, "");
        let desired = pool(r#""Bogus":1"#);
        let report = plan_update(&current, &desired);
        assert_eq!(
            codes(&report.errors),
            [
                ("/Bogus", Code::UnknownMember),
                ("/current/IdentityPoolName", Code::Pattern),
            ]
        );
        // The service answers the request, not the stored pool.
        assert_eq!(
            report.service_error.as_ref().unwrap().kind,
            "ParamValidation"
        );
        // Only the stored pool is broken: it still answers.
        let report = plan_update(&current, &pool(""));
        assert_eq!(
            codes(&report.errors),
            [("/current/IdentityPoolName", Code::Pattern)]
        );
        assert!(report.service_error.is_some());
    }

    #[test]
    fn a_required_member_missing_from_the_update_is_an_error_not_a_change() {
        let desired = pool("").replace(r#""IdentityPoolName":"Photos","#, "");
        let report = plan_update(&pool(""), &desired);
        assert_eq!(
            codes(&report.errors),
            [("/IdentityPoolName", Code::Required)]
        );
        assert!(ops(&report).is_empty());
        let effective = &report.plan.as_ref().unwrap().effective;
        assert_eq!(
            effective.get("IdentityPoolName").and_then(Value::as_str),
            Some("Photos")
        );
    }

    #[test]
    fn no_plan_without_two_objects() {
        let report = plan_update(&pool(""), "[]");
        assert!(report.plan.is_none());
        assert_eq!(codes(&report.errors), [("", Code::Type)]);
        let report = plan_update("{", &pool(""));
        assert!(report.plan.is_none());
        assert_eq!(codes(&report.errors), [("/current", Code::Syntax)]);
        assert!(report.normalized.is_some());
        let report = Checker::new().plan_update_bytes(b"\xff", pool("").as_bytes());
        assert_eq!(codes(&report.errors), [("/current", Code::Syntax)]);
        let small = Checker::with_limits(crate::Limits {
            max_input_bytes: 10,
            ..crate::Limits::default()
        })
        .unwrap();
        let report = small.plan_update(&pool(""), "{}");
        assert_eq!(
            codes(&report.errors).last(),
            Some(&("/current", Code::Syntax))
        );
        assert!(report.plan.is_none());
    }
}

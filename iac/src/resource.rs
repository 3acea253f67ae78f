//! A translated resource run through the core checker, its issues located
//! in the template and those that depend on unknown values dropped.

use crate::convert::{Converted, Loc};
use crate::eval::Via;
use crate::report::{Location, TemplateIssue};
use idpool::{Checker, Code, Issue};

/// The pool a role attachment or principal tag names, when it is in the
/// same template.
#[derive(Debug, Clone)]
pub(crate) struct PoolContext {
    /// The pool as an `IdentityPool` JSON text.
    pub text: String,
    /// True when some provider of the pool is unknown: then "not a
    /// configured provider" cannot be decided.
    pub providers_unknown: bool,
}

/// One identity-pool resource, translated.
#[derive(Debug)]
pub(crate) struct Translated {
    pub id: String,
    pub kind: String,
    pub target: &'static str,
    pub conv: Converted,
    /// API pointers of map entries whose key is unknown (a role mapping
    /// whose `IdentityProvider` is an intrinsic): key rules are off there.
    pub key_unknown: Vec<String>,
    /// Where the resource itself is.
    pub fallback: Location,
    pub pool: Option<PoolContext>,
    /// Issues of an update plan (Terraform `update`), already located.
    pub extra_errors: Vec<TemplateIssue>,
    pub extra_warnings: Vec<TemplateIssue>,
}

/// Codes that judge a map key, dropped where the key is unknown.
const KEY_CODES: &[Code] = &[
    Code::RoleMappingProvider,
    Code::RegionMismatch,
    Code::InvalidUserPoolProvider,
    Code::Duplicate,
];

fn under(path: &str, base: &str) -> bool {
    path == base
        || path
            .strip_prefix(base)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// True when the issue depends on a value that is not known.
fn depends_on_unknown(issue: &Issue, t: &Translated) -> bool {
    for unknown in &t.conv.unknown {
        let base = unknown.strip_suffix("/*").unwrap_or(unknown);
        let entry = unknown.ends_with("/*");
        if !entry && under(&issue.path, base) {
            return true;
        }
        // The issue is about a container holding the unknown value.
        if under(base, &issue.path) && base != issue.path || (entry && issue.path == base) {
            let too_many = issue.code == Code::Length
                && matches!((issue.params.actual, issue.params.max), (Some(a), Some(m)) if a > m);
            if !too_many && issue.code != Code::TagLimit {
                return true;
            }
        }
    }
    for key in &t.key_unknown {
        if issue.path == *key && (issue.key || KEY_CODES.contains(&issue.code)) {
            return true;
        }
    }
    if issue.code == Code::RoleMappingProvider
        && t.pool.as_ref().is_some_and(|p| p.providers_unknown)
    {
        return true;
    }
    false
}

/// The recorded origin of an API pointer: the exact one, else the nearest
/// ancestor.
pub(crate) fn origin<'a>(locs: &'a [Loc], path: &str) -> Option<&'a Loc> {
    locs.iter()
        .filter(|l| under(path, &l.api))
        .max_by_key(|l| l.api.len())
}

/// Locate a core issue in the template.
fn locate(mut issue: TemplateIssue, t: &Translated) -> TemplateIssue {
    let location = match origin(&t.conv.locs, &issue.path) {
        Some(loc) => {
            if let Some(via) = &loc.via {
                name_via(&mut issue, via);
            }
            match (issue.key, loc.key_span) {
                (true, Some(span)) => {
                    Location::new(loc.key_ptr.clone().unwrap_or_else(|| loc.ptr.clone()), span)
                }
                _ => Location::new(loc.ptr.clone(), loc.span),
            }
        }
        None => t.fallback.clone(),
    };
    issue.location = Some(location);
    issue
}

/// Put the parameter or condition a finding depends on into its params.
pub(crate) fn name_via(issue: &mut TemplateIssue, via: &Via) {
    match via {
        Via::Parameter(p) => issue.params.parameter = Some(p.clone()),
        Via::Condition(c) => issue.params.condition = Some(c.clone()),
    }
}

/// Run the core checker over a translated resource.
pub(crate) fn check(t: &Translated) -> (Vec<TemplateIssue>, Vec<TemplateIssue>) {
    let mut errors: Vec<TemplateIssue> = t.conv.errors.clone();
    let mut warnings: Vec<TemplateIssue> = t.conv.warnings.clone();
    if let Some(value) = &t.conv.value {
        let text = value.to_json();
        let checker = Checker::new();
        let report = match &t.pool {
            Some(pool) => checker.check_with_pool(t.target, &text, &pool.text),
            None => checker.check(t.target, &text),
        };
        if let Ok(report) = report {
            let keep = |i: &Issue| !i.path.starts_with("/pool") && !depends_on_unknown(i, t);
            errors.extend(
                report
                    .errors
                    .into_iter()
                    .filter(keep)
                    .map(|i| locate(TemplateIssue::from_core(i), t)),
            );
            warnings.extend(
                report
                    .warnings
                    .into_iter()
                    .filter(keep)
                    .map(|i| locate(TemplateIssue::from_core(i), t)),
            );
        }
    }
    errors.extend(t.extra_errors.iter().cloned());
    warnings.extend(t.extra_warnings.iter().cloned());
    for issue in errors.iter_mut().chain(warnings.iter_mut()) {
        issue.resource = Some(t.id.clone());
        if issue.location.is_none() {
            issue.location = Some(t.fallback.clone());
        }
    }
    (errors, warnings)
}

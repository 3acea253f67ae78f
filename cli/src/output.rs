//! Human-readable rendering of a Report.

use idpool::json::{self, Value};
use idpool::report::PlanOp;
use idpool::{IdentityType, Issue, Report, RoleSource};
use std::fmt::Write as _;

/// The report as text for a terminal: a status line, one line per issue,
/// and what the service would answer. `line` numbers JSON Lines input.
pub fn human(report: &Report, line: Option<u64>) -> String {
    let mut out = String::new();
    let prefix = match line {
        Some(n) => format!("line {n}: "),
        None => String::new(),
    };
    let count = |n: usize, noun: &str| format!("{n} {noun}{}", if n == 1 { "" } else { "s" });
    let status = if report.ok { "ok" } else { "invalid" };
    let _ = writeln!(
        out,
        "{prefix}{}: {status} ({}, {})",
        report.target,
        count(report.errors.len(), "error"),
        count(report.warnings.len(), "warning")
    );
    for issue in &report.errors {
        push_issue(&mut out, "error", issue);
    }
    for issue in &report.warnings {
        push_issue(&mut out, "warning", issue);
    }
    if let Some(service) = &report.service_error {
        let _ = writeln!(
            out,
            "  the service would answer {}: {}",
            service.kind, service.message
        );
    }
    out
}

fn push_issue(out: &mut String, level: &str, issue: &Issue) {
    let path = if issue.path.is_empty() {
        "(input)"
    } else {
        issue.path.as_str()
    };
    let key = if issue.key { " (key)" } else { "" };
    let _ = writeln!(
        out,
        "  {level}[{}] {path}{key}: {}",
        issue.code, issue.message
    );
}

/// The plan of an update report, one line per change:
/// `- remove PATH (was V)`, `+ add PATH V`, `~ replace PATH A -> B`.
pub fn plan(report: &Report) -> String {
    let mut out = String::new();
    let Some(plan) = &report.plan else {
        out.push_str("plan: none (both pools must be JSON objects)\n");
        return out;
    };
    match plan.changes.len() {
        0 => out.push_str("plan: no changes\n"),
        1 => out.push_str("plan: 1 change\n"),
        n => {
            let _ = writeln!(out, "plan: {n} changes");
        }
    }
    let text =
        |value: &Option<Value<'static>>| value.as_ref().map_or_else(String::new, json::to_string);
    for change in &plan.changes {
        let _ = match change.op {
            PlanOp::Remove => writeln!(
                out,
                "  - remove {} (was {})",
                change.path,
                text(&change.from)
            ),
            PlanOp::Add => writeln!(out, "  + add {} {}", change.path, text(&change.to)),
            PlanOp::Replace => writeln!(
                out,
                "  ~ replace {} {} -> {}",
                change.path,
                text(&change.from),
                text(&change.to)
            ),
        };
    }
    out
}

/// The decision of a credentials report, or why there is none.
pub fn decision(report: &Report) -> String {
    let Some(decision) = &report.decision else {
        return "decision: no credentials\n".to_string();
    };
    let who = match (&decision.identity_type, &decision.provider) {
        (IdentityType::Authenticated, Some(provider)) => format!("authenticated via {provider}"),
        (IdentityType::Authenticated, None) => "authenticated".to_string(),
        (IdentityType::Unauthenticated, _) => "unauthenticated".to_string(),
    };
    let source = match decision.source {
        RoleSource::Default => "the pool's role".to_string(),
        RoleSource::CustomRoleArn => "CustomRoleArn, offered by the login".to_string(),
        RoleSource::PreferredRole => "the token's cognito:preferred_role".to_string(),
        RoleSource::SingleRole => "the only role the login offers".to_string(),
        RoleSource::Rule => format!(
            "rule {} of the Rules mapping",
            decision.rule_index.unwrap_or_default()
        ),
    };
    format!(
        "decision: {who} gets {}\n  because: {source}\n",
        decision.role_arn
    )
}

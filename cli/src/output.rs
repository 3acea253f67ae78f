//! Text for people: one renderer of a Report shared by every command
//! (status line, errors, warnings, fixes, the service's answer), the plan
//! and the decision; and writing to standard output.
//!
//! Every piece of text that comes from the input (paths, messages, values)
//! goes through [`escape`] first: a report is safe to print on a terminal.

use crate::Fatal;
use crate::terminal::escape;
use idpool::json::{self, Value};
use idpool::report::{Change, ChangeCode, PlanOp};
use idpool::{IdentityType, Issue, Report, RoleSource};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

/// Colours, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    colour: bool,
}

impl Style {
    /// Colour when `colour` is true.
    pub fn new(colour: bool) -> Style {
        Style { colour }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// Errors and "invalid".
    pub fn red(self, text: &str) -> String {
        self.paint("1;31", text)
    }

    /// "ok".
    pub fn green(self, text: &str) -> String {
        self.paint("1;32", text)
    }

    /// Warnings.
    pub fn yellow(self, text: &str) -> String {
        self.paint("1;33", text)
    }

    /// Fixes.
    pub fn cyan(self, text: &str) -> String {
        self.paint("1;36", text)
    }

    /// Paths and other secondary text.
    pub fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }
}

/// `1 error`, `2 errors`, `2 fixes`.
fn count(n: usize, noun: &str) -> String {
    let plural = if noun.ends_with('x') { "es" } else { "s" };
    format!("{n} {noun}{}", if n == 1 { "" } else { plural })
}

/// The report as text: a status line, one line per error, warning and fix,
/// and what the service would answer. `line` numbers JSON Lines input.
pub fn report(report: &Report, style: Style, line: Option<u64>) -> String {
    report_located(report, style, line, &|_| None)
}

/// [`report`], each issue followed by where `locate` finds it in the input
/// file (`line:column`), when it does.
pub fn report_located(
    report: &Report,
    style: Style,
    line: Option<u64>,
    locate: &dyn Fn(&Issue) -> Option<(u32, u32)>,
) -> String {
    let mut out = String::new();
    if let Some(n) = line {
        let _ = write!(out, "line {n}: ");
    }
    let status = if report.ok {
        style.green("ok")
    } else {
        style.red("invalid")
    };
    let mut counts = vec![
        count(report.errors.len(), "error"),
        count(report.warnings.len(), "warning"),
    ];
    if !report.changes.is_empty() {
        counts.push(count(report.changes.len(), "fix"));
    }
    let _ = writeln!(
        out,
        "{}: {status} ({})",
        escape(&report.target),
        counts.join(", ")
    );
    for issue in &report.errors {
        push_issue(
            &mut out,
            &style.red(&format!("error[{}]", issue.code)),
            issue,
            style,
            locate(issue),
        );
    }
    if report.truncated {
        let _ = writeln!(
            out,
            "  (more errors not listed: the check stops at {})",
            count(report.errors.len(), "error")
        );
    }
    for issue in &report.warnings {
        push_issue(
            &mut out,
            &style.yellow(&format!("warning[{}]", issue.code)),
            issue,
            style,
            locate(issue),
        );
    }
    out.push_str(&fixes(&report.changes, style));
    // A trust-policy risk found by an audit is no answer of the service:
    // nothing refuses it, which is the danger.
    if let Some(service) = report
        .service_error
        .as_ref()
        .filter(|s| s.kind != idpool::report::RISK_EXCEPTION)
    {
        let _ = writeln!(
            out,
            "  the service would answer {}: {}",
            escape(&service.kind),
            escape(&service.message)
        );
    }
    out
}

fn shown_path(path: &str) -> &str {
    if path.is_empty() { "(input)" } else { path }
}

fn push_issue(out: &mut String, label: &str, issue: &Issue, style: Style, at: Option<(u32, u32)>) {
    let key = if issue.key { " (key)" } else { "" };
    let at = at.map_or_else(String::new, |(line, column)| format!(" at {line}:{column}"));
    let _ = writeln!(
        out,
        "  {label} {}{key}{at}: {}",
        style.bold(&escape(shown_path(&issue.path))),
        escape(&issue.message)
    );
}

/// One line per change normalization made:
/// `fix[alias] /SupportedLoginProviders/Facebook: "Facebook" → "graph.facebook.com"`.
/// A change never holds a sensitive value (the core leaves them out).
pub fn fixes(changes: &[Change], style: Style) -> String {
    let mut out = String::new();
    for change in changes {
        let from = change
            .from
            .as_ref()
            .map_or_else(|| "null".to_string(), json::to_string);
        let to = change
            .to
            .as_ref()
            .map_or_else(|| "(removed)".to_string(), json::to_string);
        let _ = writeln!(
            out,
            "  {} {}: {} → {}",
            style.cyan(&format!("fix[{}]", change_code(change.code))),
            style.bold(&escape(shown_path(&change.path))),
            escape(&from),
            escape(&to)
        );
    }
    out
}

/// The wire name of a change code (`scheme_removed`), as in the JSON Report.
fn change_code(code: ChangeCode) -> String {
    match serde_json::to_value(code) {
        Ok(serde_json::Value::String(name)) => name,
        _ => format!("{code:?}"),
    }
}

/// The plan of an update report, one line per change:
/// `- remove PATH (was V)`, `+ add PATH V`, `~ replace PATH A -> B`.
pub fn plan(report: &Report, style: Style) -> String {
    let mut out = String::new();
    let Some(plan) = &report.plan else {
        out.push_str("plan: none (both pools must be JSON objects)\n");
        return out;
    };
    match plan.changes.len() {
        0 => out.push_str("plan: no changes\n"),
        n => {
            let _ = writeln!(out, "plan: {}", count(n, "change"));
        }
    }
    let text = |value: &Option<Value<'static>>| {
        value
            .as_ref()
            .map_or_else(String::new, |v| escape(&json::to_string(v)).into_owned())
    };
    for change in &plan.changes {
        let path = style.bold(&escape(&change.path));
        let _ = match change.op {
            PlanOp::Remove => writeln!(
                out,
                "  {} remove {path} (was {})",
                style.red("-"),
                text(&change.from)
            ),
            PlanOp::Add => writeln!(
                out,
                "  {} add {path} {}",
                style.green("+"),
                text(&change.to)
            ),
            PlanOp::Replace => writeln!(
                out,
                "  {} replace {path} {} -> {}",
                style.yellow("~"),
                text(&change.from),
                text(&change.to)
            ),
        };
    }
    out
}

/// The decision of a credentials report, or why there is none.
pub fn decision(report: &Report, style: Style) -> String {
    let Some(decision) = &report.decision else {
        return format!("decision: {}\n", style.red("no credentials"));
    };
    let who = match (&decision.identity_type, &decision.provider) {
        (IdentityType::Authenticated, Some(provider)) => {
            format!("authenticated via {}", escape(provider))
        }
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
    let mut out = format!(
        "decision: {who} gets {}\n  because: {source}\n",
        style.green(&escape(&decision.role_arn))
    );
    if let Some(trust) = &decision.trust {
        let sid = trust
            .sid
            .as_ref()
            .map_or_else(String::new, |sid| format!(" ({})", escape(sid)));
        let _ = writeln!(
            out,
            "  trust: {} by statement {}{sid} of the role's trust policy{}",
            style.green("admitted"),
            trust.statement,
            if trust.unverified_principal {
                " (the partition's Cognito principal is assumed, not documented)"
            } else {
                ""
            }
        );
    }
    out
}

/// One block per role an audit covers: who reaches it and whether its
/// trust policy admits each of them.
pub fn audit(report: &Report, style: Style) -> String {
    let mut out = String::new();
    for entry in report.audit.iter().flatten() {
        let _ = writeln!(out, "role {}", style.bold(&escape(&entry.role_arn)));
        for (index, reacher) in entry.reached_by.iter().enumerate() {
            let who = match (&reacher.identity_type, &reacher.provider) {
                (IdentityType::Authenticated, Some(provider)) => {
                    format!("authenticated via {}", escape(provider))
                }
                (IdentityType::Authenticated, None) => "authenticated".to_string(),
                (IdentityType::Unauthenticated, _) => "guests (unauthenticated)".to_string(),
            };
            let verdict = match entry.allowed.as_ref().and_then(|a| a.get(index)) {
                Some(true) => style.green("admitted"),
                Some(false) => style.red("refused"),
                None => "not evaluated (no trust policy given)".to_string(),
            };
            let _ = writeln!(out, "  {who}: {verdict}");
        }
        if entry.reached_by.is_empty() {
            let _ = writeln!(out, "  reached by no identity of this pool");
        }
    }
    out
}

/// Set once any input has been judged invalid.
static INVALID_SEEN: AtomicBool = AtomicBool::new(false);

/// Record that an input was judged invalid (for [`closed_pipe`]).
pub fn saw_invalid() {
    INVALID_SEEN.store(true, Ordering::Relaxed);
}

/// Standard output was closed early (`idpool ... | head -1`): stop at once.
/// The status never claims success, since not everything was delivered: 1
/// if any input was judged invalid before, otherwise 141 (128 + SIGPIPE,
/// what a shell reports for a program a closed pipe stopped).
pub fn closed_pipe() -> ! {
    crate::progress::clear();
    let code = if INVALID_SEEN.load(Ordering::Relaxed) {
        1
    } else {
        141
    };
    std::process::exit(code)
}

/// Write to standard output; a closed pipe ends the process
/// ([`closed_pipe`]), any other failure is fatal (exit 2).
pub fn write_all(out: &mut impl Write, bytes: &[u8]) -> Result<(), Fatal> {
    match out.write_all(bytes) {
        Ok(()) => Ok(()),
        Err(e) => Err(write_failed(&e)),
    }
}

/// Flush standard output, as [`write_all`] writes.
pub fn flush(out: &mut impl Write) -> Result<(), Fatal> {
    out.flush().map_err(|e| write_failed(&e))
}

fn write_failed(error: &io::Error) -> Fatal {
    if error.kind() == io::ErrorKind::BrokenPipe {
        closed_pipe();
    }
    Fatal(format!("stdout: {error}"))
}

/// Print `text` to standard output and flush it.
pub fn print(text: &str) -> Result<(), Fatal> {
    let mut out = io::stdout().lock();
    write_all(&mut out, text.as_bytes())?;
    flush(&mut out)
}

/// The exit status of one judged report (recording an invalid one).
pub fn judged(ok: bool) -> ExitCode {
    if !ok {
        saw_invalid();
    }
    crate::status(ok)
}

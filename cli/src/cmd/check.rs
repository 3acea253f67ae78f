//! `idpool check TARGET [FILE|-]`: check one document, or one per line
//! with `--jsonl`.

use super::{SizeLimit, TargetParser};
use crate::lines::{self, LineOptions};
use crate::output::{self, Style};
use crate::{Fatal, input, terminal};
use idpool::{Checker, Issue, Report, Target};
use std::process::ExitCode;

/// Check a document (or one per line) against an operation's input or a shape
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 all inputs valid, 1 any input invalid, 2 usage error, \
unreadable input or unknown target."
)]
pub struct Args {
    /// An operation (CreateIdentityPool, ...) whose input is checked, or a
    /// shape of the model (IdentityPool, ...); `idpool targets` lists them
    #[arg(value_name = "TARGET", value_parser = TargetParser, hide_possible_values = true)]
    target: Target,
    /// The document; `-` (the default) reads standard input
    #[arg(value_name = "FILE", default_value = "-")]
    file: String,
    /// Also check against this identity pool (JSON file): RoleMappings keys
    /// must be providers it configures; its own issues are listed under /pool
    #[arg(long, value_name = "POOL")]
    pool: Option<String>,
    /// Print the Report as JSON
    #[arg(long)]
    json: bool,
    /// Read one JSON document per line; print one Report per line with
    /// --json, else one line per invalid document and a summary
    #[arg(long)]
    jsonl: bool,
    /// With --jsonl: check on N threads (1 to 256; output order kept)
    #[arg(long, value_name = "N", requires = "jsonl",
          value_parser = clap::value_parser!(u16).range(1..=256))]
    jobs: Option<u16>,
    /// Print only invalid inputs (no summary, no progress)
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    limit: SizeLimit,
}

/// What `check` checks each document with: the target, and the pool of
/// `--pool`.
pub struct Single {
    /// The checker, with the size limit of `--max-bytes`.
    pub checker: Checker,
    /// The target.
    pub target: Target,
    /// The pool of `--pool`, as text.
    pub pool: Option<String>,
}

impl Single {
    /// The report of one document's bytes (over the limit or not UTF-8
    /// included: those are `syntax` issues).
    pub fn check(&self, bytes: &[u8]) -> Report {
        let text = match self.checker.text(bytes) {
            Ok(text) => text,
            Err(issue) => return Report::new(self.target.name(), vec![*issue], Vec::new()),
        };
        match &self.pool {
            Some(pool) => self
                .checker
                .check_with_pool(self.target.name(), text, pool)
                .unwrap_or_else(|_| self.checker.check_target(self.target, text)),
            None => self.checker.check_target(self.target, text),
        }
    }
}

pub fn run(args: &Args) -> Result<ExitCode, Fatal> {
    let limit = args.limit.max_bytes;
    let pool = match &args.pool {
        Some(file) => Some(input::read_pool(file, limit)?),
        None => None,
    };
    let single = Single {
        checker: args.limit.checker(),
        target: args.target,
        pool,
    };
    let style = Style::new(!args.json && terminal::stdout_colour());
    if args.jsonl {
        let options = LineOptions {
            json: args.json,
            quiet: args.quiet,
            jobs: args.jobs.map_or(1, usize::from),
            style,
        };
        return lines::check_lines(&single, &args.file, &options);
    }
    let bytes = input::read_bounded(&args.file, limit)?;
    let report = single.check(&bytes);
    // A file's issues also say where they are in it (line and column).
    let positions = (args.file != "-")
        .then(|| std::str::from_utf8(&bytes).ok())
        .flatten()
        .and_then(idpool_iac::JsonPositions::read);
    let locate = |issue: &Issue| {
        positions
            .as_ref()
            .and_then(|p| p.locate(&issue.path, issue.key))
    };
    let text = if args.json {
        located_json(&report, &locate)?
    } else {
        output::report_located(&report, style, None, &|issue| {
            locate(issue).map(|l| (l.line, l.column))
        })
    };
    print_report(report.ok, args.quiet, &text)
}

/// The Report as indented JSON, each issue that `locate` finds with its
/// `location` (`pointer`, `line`, `column`, `endLine`, `endColumn`), the
/// Report's member order kept.
fn located_json(
    report: &Report,
    locate: &dyn Fn(&Issue) -> Option<idpool_iac::Location>,
) -> Result<String, Fatal> {
    use idpool::json::{self, Number, Value};
    use std::borrow::Cow;
    let text = report.to_json();
    // The report's own JSON, read back in order; it is never deeper than
    // the input's limit allows.
    let options = json::ParseOptions {
        max_depth: json::ParseOptions::MAX_DEPTH_CEILING,
    };
    let mut value = json::parse(&text, &options).map_err(|e| Fatal(e.to_string()))?;
    let number = |n: u32| Value::Number(Number::from_i64(i64::from(n)));
    if let Value::Object(members) = &mut value {
        for (name, list) in members.iter_mut() {
            let issues = match name.as_ref() {
                "errors" => &report.errors,
                "warnings" => &report.warnings,
                _ => continue,
            };
            let Value::Array(entries) = list else {
                continue;
            };
            for (entry, issue) in entries.iter_mut().zip(issues.iter()) {
                if let (Some(at), Value::Object(fields)) = (locate(issue), entry) {
                    let location = Value::Object(vec![
                        (
                            Cow::Borrowed("pointer"),
                            Value::String(Cow::Owned(at.pointer)),
                        ),
                        (Cow::Borrowed("line"), number(at.line)),
                        (Cow::Borrowed("column"), number(at.column)),
                        (Cow::Borrowed("endLine"), number(at.end_line)),
                        (Cow::Borrowed("endColumn"), number(at.end_column)),
                    ]);
                    fields.push((Cow::Borrowed("location"), location));
                }
            }
        }
    }
    Ok(json::to_string_pretty(&value) + "\n")
}

/// Print one judged report's text (unless `quiet` and valid) and give the
/// exit status.
pub fn print_report(ok: bool, quiet: bool, text: &str) -> Result<ExitCode, Fatal> {
    let status = output::judged(ok);
    if !(quiet && ok) {
        output::print(text)?;
    }
    Ok(status)
}

/// Print a judged report that may carry more (a plan, a decision, an
/// audit): its JSON, or its text followed by what `details` renders; and
/// give the exit status.
pub fn print_judged(
    report: &Report,
    json: bool,
    quiet: bool,
    details: fn(&Report, Style) -> String,
) -> Result<ExitCode, Fatal> {
    let text = if json {
        report.to_json_pretty() + "\n"
    } else {
        let style = Style::new(terminal::stdout_colour());
        output::report(report, style, None) + &details(report, style)
    };
    print_report(report.ok, quiet, &text)
}

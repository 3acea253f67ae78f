//! `idpool check TARGET [FILE|-]`: check one document, or one per line
//! with `--jsonl`.

use super::{SizeLimit, TargetParser};
use crate::lines::{self, LineOptions};
use crate::output::{self, Style};
use crate::{Fatal, input, terminal};
use idpool::{Checker, Report, Target};
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
    let text = if args.json {
        report.to_json_pretty() + "\n"
    } else {
        output::report(&report, style, None)
    };
    print_report(report.ok, args.quiet, &text)
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

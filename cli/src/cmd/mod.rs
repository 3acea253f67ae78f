//! The command line: one module per subcommand, each with its clap
//! arguments and its `run`. A new subcommand is a new module, a variant of
//! [`Command`] and an arm of [`run`].

mod audit;
pub mod check;
mod completions;
mod fix;
mod lint;
mod plan;
mod resolve;
mod targets;

use crate::Fatal;
use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::ErrorKind;
use clap::{Parser, Subcommand};
use idpool::{Checker, Limits, Target};
use std::process::ExitCode;

/// Validate Amazon Cognito identity-pool JSON against the service model.
#[derive(Debug, Parser)]
#[command(
    name = "idpool",
    version,
    arg_required_else_help = true,
    after_help = AFTER_HELP,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

const AFTER_HELP: &str = "\
Examples:
  idpool check TARGET [FILE|-]        check one document (TARGET: see `idpool targets`)
  idpool check TARGET FILE --jsonl    check one document per line
  idpool fix TARGET FILE --write      rewrite FILE in canonical form
  idpool plan CURRENT DESIRED         what an UpdateIdentityPool call would change
  idpool resolve FILE                 which role GetCredentialsForIdentity would give
  idpool lint template.yaml cdk.out   check CloudFormation, CDK and Terraform definitions
  idpool audit FILE                   would STS admit each identity; are the trust policies safe

Exit status: 0 all inputs valid, 1 any input invalid, 2 usage error,
unreadable input or unknown target.";

#[derive(Debug, Subcommand)]
enum Command {
    Audit(audit::Args),
    Check(check::Args),
    Fix(fix::Args),
    Lint(lint::Args),
    Plan(plan::Args),
    Resolve(resolve::Args),
    Targets(targets::Args),
    Completions(completions::Args),
}

/// Run the command the line asked for.
pub fn run(cli: Cli) -> Result<ExitCode, Fatal> {
    match cli.command {
        Command::Audit(args) => audit::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Fix(args) => fix::run(&args),
        Command::Lint(args) => lint::run(&args),
        Command::Plan(args) => plan::run(&args),
        Command::Resolve(args) => resolve::run(&args),
        Command::Targets(args) => targets::run(&args),
        Command::Completions(args) => completions::run(&args),
    }
}

/// The largest `--max-bytes`: 256 MiB. A parsed document takes several
/// times its size in memory, and `--jobs` multiplies that; past this a
/// "limit" no longer protects anything.
pub const MAX_BYTES: usize = Limits::MAX_INPUT_BYTES_CEILING;

/// `--max-bytes`, shared by every command that reads documents.
#[derive(Debug, clap::Args)]
pub struct SizeLimit {
    /// Refuse inputs (documents, lines, pools) larger than N bytes
    /// [1 to 268435456 (256 MiB)]
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_input_bytes, allow_negative_numbers = true,
          value_parser = parse_max_bytes)]
    pub max_bytes: usize,
}

impl SizeLimit {
    /// A checker with this size limit and the core's other limits.
    pub fn checker(&self) -> Checker {
        // `parse_max_bytes` admits only sizes the core accepts.
        Checker::with_limits(Limits {
            max_input_bytes: self.max_bytes,
            ..Limits::default()
        })
        .unwrap_or_default()
    }
}

fn parse_max_bytes(text: &str) -> Result<usize, String> {
    text.parse::<u64>()
        .ok()
        .and_then(|n| usize::try_from(n).ok())
        .filter(|n| (1..=MAX_BYTES).contains(n))
        .ok_or_else(|| format!("{text:?} is not a number of bytes from 1 to {MAX_BYTES} (256 MiB)"))
}

/// A target name (operation or shape): parsed by the core, so an unknown
/// one gets the core's message and suggestion; its possible values feed
/// shell completion and stay out of `--help`.
#[derive(Debug, Clone, Copy)]
pub struct TargetParser;

impl TypedValueParser for TargetParser {
    type Value = Target;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Target, clap::Error> {
        let text = value.to_str().ok_or_else(|| {
            clap::Error::raw(ErrorKind::InvalidUtf8, "the target is not UTF-8\n").with_cmd(cmd)
        })?;
        Target::from_name(text).map_err(|e| {
            clap::Error::raw(
                ErrorKind::InvalidValue,
                format!("{e}; `idpool targets` lists them all\n"),
            )
            .with_cmd(cmd)
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(idpool::targets().map(PossibleValue::new)))
    }
}

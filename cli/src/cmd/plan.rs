//! `idpool plan CURRENT DESIRED`: what an `UpdateIdentityPool` call would
//! change.

use super::SizeLimit;
use super::check::print_judged;
use crate::output;
use crate::{Fatal, input};
use std::process::ExitCode;

/// Show what an UpdateIdentityPool call sending DESIRED would do to the
/// stored pool CURRENT
#[derive(Debug, clap::Args)]
#[command(
    long_about = "Show what an UpdateIdentityPool call sending DESIRED would do to the \
stored pool CURRENT (e.g. describe-identity-pool output): members the update omits are reset \
(reset_to_default), and IdentityPoolId or a set DeveloperProviderName cannot change (immutable). \
Prints the report of the update, then one line per change."
)]
pub struct Args {
    /// The stored pool (JSON file, or `-` for standard input)
    #[arg(value_name = "CURRENT")]
    current: String,
    /// The pool the update sends (JSON file, or `-`; not both `-`)
    #[arg(value_name = "DESIRED")]
    desired: String,
    /// Print the Report as JSON, with the plan in it
    #[arg(long)]
    json: bool,
    /// Print nothing when the update is valid
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    limit: SizeLimit,
}

pub fn run(args: &Args) -> Result<ExitCode, Fatal> {
    if args.current == "-" && args.desired == "-" {
        return Err(Fatal(
            "plan: only one of CURRENT and DESIRED can be standard input ('-')".into(),
        ));
    }
    let limit = args.limit.max_bytes;
    let current = input::read_bounded(&args.current, limit)?;
    let desired = input::read_bounded(&args.desired, limit)?;
    let report = args.limit.checker().plan_update_bytes(&current, &desired);
    print_judged(&report, args.json, args.quiet, output::plan)
}

//! `idpool resolve [FILE|-]`: which role a `GetCredentialsForIdentity`
//! request would get.

use super::SizeLimit;
use super::check::print_judged;
use crate::output;
use crate::{Fatal, input};
use std::process::ExitCode;

/// Say which IAM role a GetCredentialsForIdentity request would get, or why
/// it would be refused
#[derive(Debug, clap::Args)]
#[command(
    long_about = "Say which IAM role a GetCredentialsForIdentity request would get, or \
exactly why it would be refused. FILE holds the context {Pool, Roles?, RoleMappings?, Request, \
Now?}; tokens are decoded, never verified, and never printed."
)]
pub struct Args {
    /// The context (JSON file, or `-`, the default, for standard input)
    #[arg(value_name = "FILE", default_value = "-")]
    file: String,
    /// Print the Report as JSON, with the decision in it
    #[arg(long)]
    json: bool,
    /// Print nothing when credentials would be given
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    limit: SizeLimit,
}

pub fn run(args: &Args) -> Result<ExitCode, Fatal> {
    let bytes = input::read_bounded(&args.file, args.limit.max_bytes)?;
    let report = args.limit.checker().resolve_credentials_bytes(&bytes);
    print_judged(&report, args.json, args.quiet, output::decision)
}

//! `idpool audit [FILE|-]`: would STS let each identity the pool sends to a
//! role assume it, and is each role's trust policy safe?

use super::SizeLimit;
use super::check::print_judged;
use crate::output;
use crate::{Fatal, input};
use std::process::ExitCode;

/// Audit the trust policies of the roles an identity pool hands out
#[derive(Debug, clap::Args)]
#[command(
    long_about = "Audit the IAM trust policies of the roles an identity pool hands out. \
FILE holds the context {Pool, Roles?, RoleMappings?, TrustPolicies, AccountId?, PrincipalTags?}; \
TrustPolicies maps role ARNs to their trust policy (an object, its JSON text, or the URL-encoded \
text IAM returns). For every role the pool can hand out and every kind of identity that reaches \
it, the audit says whether STS would admit the identity, and it lints every policy (a missing \
aud condition, a wrong principal or action, guests admitted, ...)."
)]
pub struct Args {
    /// The context (JSON file, or `-`, the default, for standard input)
    #[arg(value_name = "FILE", default_value = "-")]
    file: String,
    /// Print the Report as JSON, with the audit in it
    #[arg(long)]
    json: bool,
    /// Print nothing when the audit finds no error
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    limit: SizeLimit,
}

pub fn run(args: &Args) -> Result<ExitCode, Fatal> {
    let bytes = input::read_bounded(&args.file, args.limit.max_bytes)?;
    let report = args.limit.checker().audit_trust_bytes(&bytes);
    print_judged(&report, args.json, args.quiet, output::audit)
}

//! `idpool lint PATH…`: CloudFormation templates (JSON or YAML), CDK cloud
//! assemblies and Terraform plans, checked with the same rules as API
//! inputs. The work is `idpool_iac`'s; this module reads the arguments,
//! picks the output format and sets the exit status.

use crate::{Fatal, input, output};
use idpool_iac::{Options, TemplateReport, render};
use std::path::Path;
use std::process::ExitCode;

/// Check CloudFormation, CDK and Terraform definitions of identity pools
#[derive(Debug, clap::Args)]
#[command(
    long_about = "Check the identity pools defined in CloudFormation templates (JSON or \
YAML, SAM included), CDK cloud assemblies (a cdk.out directory) and Terraform plans \
(terraform show -json plan.out), with the same rules as `idpool check`. Each finding names its \
resource and its line and column in the file. A value the checker cannot know (a parameter \
without a default, an import, an attribute known only after apply) never makes a finding."
)]
pub struct Args {
    /// Templates, plans or cdk.out directories (`-` for standard input)
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<String>,
    /// The region that AWS::Region (and AWS::Partition, AWS::URLSuffix) resolve to
    #[arg(long, value_name = "R")]
    region: Option<String>,
    /// The account id that AWS::AccountId resolves to
    #[arg(long, value_name = "A")]
    account: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The reports as JSON (same as --format json)
    #[arg(long, conflicts_with_all = ["sarif", "format"])]
    json: bool,
    /// SARIF 2.1.0 for code scanning (same as --format sarif)
    #[arg(long, conflicts_with = "format")]
    sarif: bool,
    /// Print nothing for files without findings (text formats)
    #[arg(long, short)]
    quiet: bool,
}

/// How the reports are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// `file:line:column: error[code] message`, one line per finding
    Text,
    /// The reports as a JSON array
    Json,
    /// SARIF 2.1.0
    Sarif,
    /// cfn-lint's parseable lines
    Parseable,
}

pub fn run(args: &Args) -> Result<ExitCode, Fatal> {
    let options = Options {
        region: args.region.clone(),
        account: args.account.clone(),
        ..Options::default()
    };
    let mut reports: Vec<TemplateReport> = Vec::new();
    for path in &args.paths {
        if path == "-" {
            let limit = usize::try_from(options.max_bytes).unwrap_or(usize::MAX);
            let bytes = input::read_bounded("-", limit)?;
            let text = String::from_utf8(bytes)
                .map_err(|_| Fatal("-: the template is not UTF-8 text".into()))?;
            reports.push(idpool_iac::lint_text("-", &text, &options));
        } else {
            // A path that cannot be read at all is a usage problem (exit
            // 2), as for `check`; what is read and refused is a finding.
            std::fs::metadata(path)
                .map_err(|e| Fatal(format!("{}: {e}", idpool::report::terminal_safe(path))))?;
            reports.extend(idpool_iac::lint_path(Path::new(path), &options));
        }
    }
    let format = match (args.json, args.sarif) {
        (true, _) => Format::Json,
        (_, true) => Format::Sarif,
        _ => args.format,
    };
    let ok = reports.iter().all(|r| r.ok);
    let text = match format {
        Format::Json => render::json(&reports) + "\n",
        Format::Sarif => render::sarif(&reports) + "\n",
        Format::Parseable => render::parseable(&reports),
        Format::Text => {
            let mut text = render::text(&reports);
            if !args.quiet || !ok {
                let errors: usize = reports.iter().map(|r| r.errors.len()).sum();
                let warnings: usize = reports.iter().map(|r| r.warnings.len()).sum();
                let resources: usize = reports.iter().map(|r| r.resources.len()).sum();
                text.push_str(&format!(
                    "{} file{}, {resources} identity-pool resource{}: {errors} error{}, {warnings} warning{}\n",
                    reports.len(),
                    plural(reports.len()),
                    plural(resources),
                    plural(errors),
                    plural(warnings),
                ));
            }
            text
        }
    };
    if !(args.quiet && ok && matches!(format, Format::Text | Format::Parseable)) {
        output::print(&text)?;
    }
    Ok(output::judged(ok))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

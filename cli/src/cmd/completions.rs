//! `idpool completions SHELL`: a completion script, generated from the
//! same definitions as the parser (targets included).

use crate::{Fatal, output};
use clap::CommandFactory;
use clap_complete::Shell;
use std::process::ExitCode;

/// Print a shell completion script (e.g. `idpool completions bash >
/// /etc/bash_completion.d/idpool`)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell
    #[arg(value_name = "SHELL")]
    shell: Shell,
}

pub fn run(args: &Args) -> Result<ExitCode, Fatal> {
    let mut script = Vec::new();
    clap_complete::generate(
        args.shell,
        &mut super::Cli::command(),
        "idpool",
        &mut script,
    );
    let mut out = std::io::stdout().lock();
    output::write_all(&mut out, &script)?;
    output::flush(&mut out)?;
    Ok(ExitCode::SUCCESS)
}

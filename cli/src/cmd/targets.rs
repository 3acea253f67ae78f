//! `idpool targets`: every operation and shape a document can be checked
//! against.

use crate::{Fatal, output};
use std::process::ExitCode;

/// List every target: the operations, then the shapes of the model
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print a JSON array
    #[arg(long)]
    json: bool,
}

pub fn run(args: &Args) -> Result<ExitCode, Fatal> {
    let names: Vec<&str> = idpool::targets().collect();
    let text = if args.json {
        serde_json::to_string(&names).map_err(|e| Fatal(e.to_string()))? + "\n"
    } else {
        names.join("\n") + "\n"
    };
    output::print(&text)?;
    Ok(ExitCode::SUCCESS)
}

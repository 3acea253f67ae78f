//! `idpool`: lint Amazon Cognito identity-pool JSON from the command line.
//!
//! Exit statuses (docs/REFERENCE.md section 9): 0 every input is valid, 1
//! any input is invalid, 2 usage error, unreadable input or unknown target.
//! Output that stops early (a closed pipe) never exits 0: see
//! [`output::closed_pipe`].

mod cmd;
mod input;
mod lines;
mod output;
mod progress;
mod terminal;

use clap::Parser;
use std::borrow::Cow;
use std::io::Write;
use std::process::ExitCode;

/// What went wrong before any input could be judged: exit status 2.
#[derive(Debug)]
pub(crate) struct Fatal(pub(crate) String);

/// The exit status of a finished command.
pub(crate) fn status(all_ok: bool) -> ExitCode {
    if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn main() -> ExitCode {
    let cli = match cmd::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return parse_error(&error),
    };
    match cmd::run(cli) {
        Ok(code) => code,
        Err(Fatal(message)) => {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "idpool: {}", terminal::escape(&message));
            ExitCode::from(2)
        }
    }
}

/// clap's own outcomes: `--help` and `--version` print to stdout and exit
/// 0; a usage error prints to stderr and exits 2. A failed write (`--help >
/// /dev/full`) is reported and exits 2, never a panic.
fn parse_error(error: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let to_stdout = matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    );
    let styled = error.render();
    if to_stdout {
        let text = if terminal::stdout_colour() {
            styled.ansi().to_string()
        } else {
            styled.to_string()
        };
        let mut out = std::io::stdout().lock();
        match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => output::closed_pipe(),
            Err(e) => {
                let _ = writeln!(std::io::stderr(), "idpool: stdout: {e}");
                ExitCode::from(2)
            }
        }
    } else {
        // clap quotes the offending argument as it is: when an argument
        // holds control characters, print the plain text, escaped.
        let raw_args = std::env::args_os()
            .any(|a| matches!(terminal::escape(&a.to_string_lossy()), Cow::Owned(_)));
        let text = if raw_args {
            let plain = styled.to_string();
            let lines: Vec<Cow<'_, str>> = plain.split('\n').map(terminal::escape).collect();
            lines.join("\n")
        } else if terminal::stderr_colour() {
            styled.ansi().to_string()
        } else {
            styled.to_string()
        };
        let _ = std::io::stderr().write_all(text.as_bytes());
        ExitCode::from(2)
    }
}

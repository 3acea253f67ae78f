//! `cargo run -p xtask -- codegen`: regenerate the stripped model, the
//! constraint table, the pattern matchers and the roles table.
//! `cargo run -p xtask -- header [--check]`: write (or check) the C header.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("codegen") => match xtask::codegen(&xtask::repo_root()) {
            Ok(written) => {
                for path in written {
                    println!("wrote {}", path.display());
                }
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("xtask codegen: {error}");
                ExitCode::FAILURE
            }
        },
        Some("header") => header(args.get(1).map(String::as_str)),
        _ => {
            eprintln!("usage: cargo run -p xtask -- codegen | header [--check]");
            ExitCode::from(2)
        }
    }
}

/// `header`: write `bindings-c/include/idpool.h`, or with `--check` fail
/// when the committed one is stale.
fn header(flag: Option<&str>) -> ExitCode {
    let root = xtask::repo_root();
    let result = match flag {
        None => xtask::header::write_header(&root).map(|path| println!("wrote {}", path.display())),
        Some("--check") => xtask::header::check_header(&root)
            .map(|()| println!("{} is current", xtask::header::HEADER)),
        Some(_) => {
            eprintln!("usage: cargo run -p xtask -- header [--check]");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask header: {error}");
            ExitCode::FAILURE
        }
    }
}

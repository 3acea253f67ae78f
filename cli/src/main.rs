//! `idpool`: lint Amazon Cognito identity-pool JSON from the command line.
//!
//! Exit codes: 0 every input is valid, 1 any input is invalid, 2 usage
//! error, unreadable input or unknown target.

mod lines;
mod output;

use idpool::{Checker, Limits, Target};
use std::io::{self, BufReader, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "\
idpool — validate Amazon Cognito identity-pool JSON against the service model

USAGE:
    idpool check TARGET [FILE|-] [--pool POOL] [--json] [--jsonl [--jobs N]] [--max-bytes N]
    idpool plan CURRENT DESIRED [--json] [--max-bytes N]
    idpool resolve [FILE|-] [--json] [--max-bytes N]
    idpool targets [--json]
    idpool --version | --help

TARGET is an operation (CreateIdentityPool, DescribeIdentityPool, ...) whose
input is checked, or a shape of the model (IdentityPool, Credentials, ...).
FILE defaults to standard input ('-'). With --pool, the input is checked
against that pool too (RoleMappings keys must be providers it configures);
the pool's own issues are listed under /pool.

plan checks CURRENT (a stored pool, e.g. describe-identity-pool output) and
DESIRED (the pool an UpdateIdentityPool call sends) and prints what the
update would change: members it omits are reset (reset_to_default), and
IdentityPoolId or a set DeveloperProviderName cannot change (immutable).
One of them may be '-' (standard input).

OPTIONS:
    --json          print the Report as JSON (one document; for plan, with
                    the plan in it)
    --jobs N        with --jsonl: check on N threads (output order kept)
    --jsonl         read one JSON document per line and print one Report per
                    line (JSON), streaming in constant memory
    --pool POOL     check against this identity pool (a JSON file)
    --max-bytes N   refuse inputs (lines, pools) larger than N bytes
                    (default 1048576)

EXIT STATUS:
    0 all inputs valid, 1 any input invalid,
    2 usage error, unreadable input or unknown target
";

/// What went wrong before any input could be judged: exit code 2.
pub(crate) struct Fatal(pub(crate) String);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(Fatal(message)) => {
            eprintln!("idpool: {message}");
            ExitCode::from(2)
        }
    }
}

#[derive(Default)]
struct Options {
    json: bool,
    jsonl: bool,
    max_bytes: Option<usize>,
    pool: Option<String>,
    jobs: usize,
    positional: Vec<String>,
}

fn parse_options(args: &[String]) -> Result<Options, Fatal> {
    let mut options = Options::default();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--json" => options.json = true,
            "--jsonl" => options.jsonl = true,
            "--jobs" => {
                let value = iter
                    .next()
                    .ok_or_else(|| Fatal("--jobs needs a number".into()))?;
                let n = value
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=256).contains(n))
                    .ok_or_else(|| {
                        Fatal(format!("--jobs: {value:?} is not a number from 1 to 256"))
                    })?;
                options.jobs = n;
            }
            "--max-bytes" => {
                let value = iter
                    .next()
                    .ok_or_else(|| Fatal("--max-bytes needs a number".into()))?;
                let n = value
                    .parse::<usize>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| {
                        Fatal(format!("--max-bytes: {value:?} is not a positive number"))
                    })?;
                options.max_bytes = Some(n);
            }
            "--pool" => {
                let file = iter
                    .next()
                    .ok_or_else(|| Fatal("--pool needs a file".into()))?;
                options.pool = Some(file.clone());
            }
            "-" => options.positional.push(arg.clone()),
            flag if flag.starts_with('-') => {
                return Err(Fatal(format!("unknown option {flag:?}; see idpool --help")));
            }
            _ => options.positional.push(arg.clone()),
        }
    }
    Ok(options)
}

fn run(args: &[String]) -> Result<ExitCode, Fatal> {
    let Some(command) = args.first() else {
        eprint!("{USAGE}");
        return Ok(ExitCode::from(2));
    };
    match command.as_str() {
        "--help" | "-h" | "help" => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        "--version" | "-V" => {
            println!("idpool {}", idpool::VERSION);
            Ok(ExitCode::SUCCESS)
        }
        "targets" => targets(&parse_options(&args[1..])?),
        "check" => check(&parse_options(&args[1..])?),
        "plan" => plan(&parse_options(&args[1..])?),
        "resolve" => resolve(&parse_options(&args[1..])?),
        other => Err(Fatal(format!(
            "unknown command {other:?}; see idpool --help"
        ))),
    }
}

fn targets(options: &Options) -> Result<ExitCode, Fatal> {
    if !options.positional.is_empty() {
        return Err(Fatal("targets takes no arguments".into()));
    }
    let names: Vec<&str> = idpool::targets().collect();
    let mut out = io::stdout().lock();
    let text = if options.json {
        serde_json::to_string(&names).map_err(|e| Fatal(e.to_string()))? + "\n"
    } else {
        names.join("\n") + "\n"
    };
    write_all(&mut out, text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn check(options: &Options) -> Result<ExitCode, Fatal> {
    let (target, file) = match options.positional.as_slice() {
        [target] => (target, "-"),
        [target, file] => (target, file.as_str()),
        _ => {
            return Err(Fatal(
                "usage: idpool check TARGET [FILE|-] [--json] [--jsonl]".into(),
            ));
        }
    };
    let target = Target::from_name(target).map_err(|e| Fatal(e.to_string()))?;
    let mut limits = Limits::default();
    if let Some(max) = options.max_bytes {
        limits.max_input_bytes = max;
    }
    let checker = Checker::with_limits(limits).map_err(|e| Fatal(format!("--max-bytes: {e}")))?;
    let pool = match &options.pool {
        Some(pool_file) => {
            let bytes = read_pool(pool_file, limits.max_input_bytes)?;
            Some(
                String::from_utf8(bytes)
                    .map_err(|_| Fatal(format!("{pool_file}: the pool is not UTF-8")))?,
            )
        }
        None => None,
    };
    let checker = Single {
        checker,
        target,
        pool,
    };
    let input: Box<dyn Read> = if file == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(file).map_err(|e| Fatal(format!("{file}: {e}")))?)
    };
    if options.jsonl {
        return lines::check_lines(
            &checker,
            BufReader::with_capacity(1 << 16, input),
            options.json,
            file,
            options.jobs,
        );
    }
    let bytes =
        read_bounded(input, limits.max_input_bytes).map_err(|e| Fatal(format!("{file}: {e}")))?;
    let report = match bytes {
        Bounded::Whole(bytes) => checker.check(&bytes)?,
        Bounded::TooLarge(len) => checker.checker.too_large(target, len),
    };
    let mut out = io::stdout().lock();
    let text = if options.json {
        report.to_json_pretty() + "\n"
    } else {
        output::human(&report, None)
    };
    write_all(&mut out, text.as_bytes())?;
    Ok(if report.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `plan CURRENT DESIRED`: the update report, then the plan.
fn plan(options: &Options) -> Result<ExitCode, Fatal> {
    let usage = || Fatal("usage: idpool plan CURRENT DESIRED [--json] [--max-bytes N]".into());
    if options.jsonl {
        return Err(Fatal(
            "plan reads two whole pools; --jsonl does not apply".into(),
        ));
    }
    let [current, desired] = options.positional.as_slice() else {
        return Err(usage());
    };
    if current == "-" && desired == "-" {
        return Err(Fatal(
            "plan: only one of CURRENT and DESIRED can be standard input ('-')".into(),
        ));
    }
    let mut limits = Limits::default();
    if let Some(max) = options.max_bytes {
        limits.max_input_bytes = max;
    }
    let checker = Checker::with_limits(limits).map_err(|e| Fatal(format!("--max-bytes: {e}")))?;
    let current_bytes = read_pool(current, limits.max_input_bytes)?;
    let desired_bytes = read_pool(desired, limits.max_input_bytes)?;
    let report = checker.plan_update_bytes(&current_bytes, &desired_bytes);
    let mut out = io::stdout().lock();
    let text = if options.json {
        report.to_json_pretty() + "\n"
    } else {
        output::human(&report, None) + &output::plan(&report)
    };
    write_all(&mut out, text.as_bytes())?;
    Ok(if report.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `resolve [FILE|-]`: which role a GetCredentialsForIdentity request
/// would get. FILE holds the context `{Pool, Roles?, RoleMappings?,
/// Request, Now?}`.
fn resolve(options: &Options) -> Result<ExitCode, Fatal> {
    if options.jsonl || options.pool.is_some() {
        return Err(Fatal(
            "usage: idpool resolve [FILE|-] [--json] [--max-bytes N]".into(),
        ));
    }
    let file = match options.positional.as_slice() {
        [] => "-",
        [file] => file.as_str(),
        _ => {
            return Err(Fatal(
                "usage: idpool resolve [FILE|-] [--json] [--max-bytes N]".into(),
            ));
        }
    };
    let mut limits = Limits::default();
    if let Some(max) = options.max_bytes {
        limits.max_input_bytes = max;
    }
    let checker = Checker::with_limits(limits).map_err(|e| Fatal(format!("--max-bytes: {e}")))?;
    let report = checker.resolve_credentials_bytes(&read_pool(file, limits.max_input_bytes)?);
    let text = if options.json {
        report.to_json_pretty() + "\n"
    } else {
        output::human(&report, None) + &output::decision(&report)
    };
    write_all(&mut io::stdout().lock(), text.as_bytes())?;
    Ok(if report.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A file (or standard input for `-`), read up to one byte past the
/// limit: the checker reports a longer one as too large without keeping it.
fn read_pool(file: &str, limit: usize) -> Result<Vec<u8>, Fatal> {
    let input: Box<dyn Read> = if file == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(file).map_err(|e| Fatal(format!("{file}: {e}")))?)
    };
    let mut bytes = Vec::new();
    input
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Fatal(format!("{file}: {e}")))?;
    Ok(bytes)
}

/// What `check` checks each document with: the target, and the pool of
/// `--pool`.
pub(crate) struct Single {
    pub(crate) checker: Checker,
    pub(crate) target: Target,
    pub(crate) pool: Option<String>,
}

impl Single {
    pub(crate) fn check(&self, bytes: &[u8]) -> Result<idpool::Report, Fatal> {
        let name = self.target.name();
        let report = match (&self.pool, std::str::from_utf8(bytes)) {
            (Some(pool), Ok(text)) => self.checker.check_with_pool(name, text, pool),
            _ => self.checker.check_bytes(name, bytes),
        };
        report.map_err(|e| Fatal(e.to_string()))
    }
}

enum Bounded {
    Whole(Vec<u8>),
    /// More than the limit; the number is how much was seen (at least limit + 1).
    TooLarge(usize),
}

/// Read at most `limit` bytes; a longer input is reported, not kept.
fn read_bounded(input: impl Read, limit: usize) -> io::Result<Bounded> {
    let mut bytes = Vec::new();
    input.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    Ok(if bytes.len() > limit {
        Bounded::TooLarge(bytes.len())
    } else {
        Bounded::Whole(bytes)
    })
}

/// Write to stdout; a closed pipe (`idpool ... | head`) ends quietly.
pub(crate) fn write_all(out: &mut impl Write, bytes: &[u8]) -> Result<(), Fatal> {
    match out.write_all(bytes) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => Err(Fatal(format!("stdout: {e}"))),
    }
}

//! `idpool fix TARGET [FILE|-]`: the canonical form of a document
//! (docs/REFERENCE.md section 6), printed, checked (`--check`) or written
//! back in place (`--write`).
//!
//! The canonical form is the Report's `normalized` with one difference:
//! sensitive values (login tokens, secret keys) keep their original text,
//! from the core's typed normalization, instead of the redaction marker.
//! Before anything is printed or written, the result redacted again must be
//! exactly the Report's `normalized`, and it must not hold the marker
//! unless the input did: a secret is never replaced by the marker.

use super::{SizeLimit, TargetParser};
use crate::output::{self, Style};
use crate::{Fatal, input, terminal};
use idpool::json::{self, Value};
use idpool::{REDACTED, Report, Target};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Print a document in canonical form, check that it is (--check), or
/// rewrite it in place (--write)
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 done (or, with --check, already canonical), 1 the input \
cannot be fixed (not JSON of the target's shape) or, with --check, is not canonical, 2 usage \
error, unreadable input or a file that cannot be rewritten."
)]
pub struct Args {
    /// An operation (CreateIdentityPool, ...) or a shape (IdentityPool, ...)
    #[arg(value_name = "TARGET", value_parser = TargetParser, hide_possible_values = true)]
    target: Target,
    /// The document; `-` (the default) reads standard input
    #[arg(value_name = "FILE", default_value = "-")]
    file: String,
    /// Rewrite FILE in place (atomically, keeping its permissions)
    #[arg(long, conflicts_with = "check")]
    write: bool,
    /// Print nothing and exit 0 if FILE is canonical; else list the fixes and exit 1
    #[arg(long)]
    check: bool,
    #[command(flatten)]
    limit: SizeLimit,
}

pub fn run(args: &Args) -> Result<ExitCode, Fatal> {
    if args.write && args.file == "-" {
        return Err(Fatal(
            "fix --write needs a FILE to rewrite, not standard input".into(),
        ));
    }
    let bytes = input::read_bounded(&args.file, args.limit.max_bytes)?;
    let (canonical, report) = match canonical(args, &bytes)? {
        Ok(done) => done,
        Err(report) => return refuse(args, &report),
    };
    let style = Style::new(terminal::stdout_colour());
    let unchanged = canonical.as_bytes() == bytes.as_slice();
    let file = terminal::escape(&args.file);
    if args.check {
        if unchanged {
            return Ok(ExitCode::SUCCESS);
        }
        output::print(&(format!("{file}: not canonical\n") + &fixes(&report, style)))?;
        return Ok(ExitCode::from(1));
    }
    if !args.write {
        output::print(&canonical)?;
        note_errors(args, &report);
        return Ok(ExitCode::SUCCESS);
    }
    if unchanged {
        output::print(&format!("{file}: already canonical\n"))?;
    } else {
        write_in_place(Path::new(&args.file), canonical.as_bytes())?;
        output::print(&(format!("{file}: rewritten\n") + &fixes(&report, style)))?;
    }
    note_errors(args, &report);
    Ok(ExitCode::SUCCESS)
}

/// The canonical text (indented JSON and a newline) and the report, or the
/// report of an input that has no canonical form.
fn canonical(args: &Args, bytes: &[u8]) -> Result<Result<(String, Report), Report>, Fatal> {
    let checker = args.limit.checker();
    let target = args.target;
    let refused = |issue: Box<idpool::Issue>| Report::new(target.name(), vec![*issue], Vec::new());
    let text = match checker.text(bytes) {
        Ok(text) => text,
        Err(issue) => return Ok(Err(refused(issue))),
    };
    let value = match checker.parse(text) {
        Ok(value) => value,
        Err(issue) => return Ok(Err(refused(issue))),
    };
    let report = checker.check_value(target, &value);
    let Some(normalized) = &report.normalized else {
        return Ok(Err(report));
    };
    let value: Value<'_> = match target.input_shape() {
        Some(shape) => {
            let with_secrets = idpool::normalize(shape, &value).value;
            let mut redacted = with_secrets.clone();
            idpool::redact(shape, &mut redacted);
            if idpool::normalize::Canonical::from_value(&redacted) != *normalized {
                return Err(Fatal(format!(
                    "{}: the canonical form with secrets kept differs from the report's; nothing written",
                    args.file
                )));
            }
            with_secrets
        }
        None => normalized.value(),
    };
    let canonical = json::to_string_pretty(&value) + "\n";
    if canonical.contains(REDACTED) && !text.contains(REDACTED) {
        return Err(Fatal(format!(
            "{}: the canonical form would replace a secret with the redaction marker; nothing written",
            args.file
        )));
    }
    Ok(Ok((canonical, report)))
}

/// The input has no canonical form: say why on standard error, exit 1.
fn refuse(args: &Args, report: &Report) -> Result<ExitCode, Fatal> {
    let style = Style::new(terminal::stderr_colour());
    let mut text = output::report(report, style, None);
    text.push_str(&format!(
        "idpool: {}: cannot be fixed: it is not a JSON document of the target's shape; nothing written\n",
        terminal::escape(&args.file)
    ));
    let _ = std::io::stderr().write_all(text.as_bytes());
    output::saw_invalid();
    Ok(ExitCode::from(1))
}

fn fixes(report: &Report, style: Style) -> String {
    if report.changes.is_empty() {
        "  formatting only (spacing, member order, number spelling)\n".to_string()
    } else {
        output::fixes(&report.changes, style)
    }
}

/// The canonical form may still be invalid: say so on standard error (the
/// exit status is about fixing, not validity).
fn note_errors(args: &Args, report: &Report) {
    if !report.errors.is_empty() {
        let _ = writeln!(
            std::io::stderr(),
            "idpool: note: {} still has {} error{} (`idpool check {} {}` lists them)",
            terminal::escape(&args.file),
            report.errors.len(),
            if report.errors.len() == 1 { "" } else { "s" },
            args.target.name(),
            terminal::escape(&args.file)
        );
    }
}

/// Replace the file at `path` (through symbolic links) with `bytes`
/// atomically: a new file in the same directory, written and synced, with
/// the old file's permissions, renamed over it. A read-only file is not
/// touched.
fn write_in_place(path: &Path, bytes: &[u8]) -> Result<(), Fatal> {
    let shown = || terminal::escape(&path.to_string_lossy()).into_owned();
    let fail = |what: &str, e: std::io::Error| {
        Fatal(format!("{}: {what}: {e}; the file is unchanged", shown()))
    };
    let target = fs::canonicalize(path).map_err(|e| fail("cannot resolve", e))?;
    let metadata = fs::metadata(&target).map_err(|e| fail("cannot read its metadata", e))?;
    if !metadata.is_file() {
        return Err(Fatal(format!(
            "{}: not a regular file; the file is unchanged",
            shown()
        )));
    }
    if metadata.permissions().readonly() {
        return Err(Fatal(format!(
            "{}: the file is read-only; not rewritten",
            shown()
        )));
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target.file_name().map_or_else(
        || "idpool".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let (temp_path, mut temp) =
        create_temp(dir, &name).map_err(|e| fail("cannot create a temporary file beside it", e))?;
    let mut temp_guard = RemoveOnDrop(Some(temp_path.clone()));
    temp.write_all(bytes)
        .and_then(|()| temp.set_permissions(metadata.permissions()))
        .and_then(|()| keep_owner(&temp_path, &metadata))
        .and_then(|()| temp.sync_all())
        .map_err(|e| fail("cannot write the new content", e))?;
    drop(temp);
    fs::rename(&temp_path, &target).map_err(|e| fail("cannot replace it", e))?;
    temp_guard.0 = None;
    // Make the rename durable; a failure here loses nothing already written.
    if let Ok(directory) = fs::File::open(dir) {
        let _ = directory.sync_all();
    }
    Ok(())
}

/// A new file `.NAME.idpool-PID-N.tmp` in `dir`, readable only by its owner
/// until the final permissions are set (it may hold secrets).
fn create_temp(dir: &Path, name: &str) -> std::io::Result<(PathBuf, fs::File)> {
    let mut last = None;
    for n in 0..100u32 {
        let path = dir.join(format!(".{name}.idpool-{}-{n}.tmp", std::process::id()));
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(&path) {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free temporary name")))
}

/// Give the new file the old one's owner and group where allowed (as root);
/// elsewhere it keeps the writer's, as any editor's save does.
fn keep_owner(path: &Path, metadata: &fs::Metadata) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = std::os::unix::fs::chown(path, Some(metadata.uid()), Some(metadata.gid()));
    }
    #[cfg(not(unix))]
    let _ = (path, metadata);
    Ok(())
}

/// Removes the temporary file unless the rename consumed it.
struct RemoveOnDrop(Option<PathBuf>);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let _ = fs::remove_file(path);
        }
    }
}

//! Running the real `idpool` binary in tests.
#![allow(dead_code)] // each test file uses a part

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_idpool");

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub fn command(args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .current_dir(repo())
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Run with `stdin` as standard input; fail the test if it takes longer
/// than `limit`.
pub fn run_within(mut command: Command, stdin: &[u8], limit: Duration) -> Output {
    let mut child = command.spawn().expect("the binary starts");
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        // The binary may exit before reading everything; that is fine.
        let _ = input.write_all(&bytes);
    });
    let output = wait_within(child, limit);
    writer.join().unwrap();
    output
}

/// Wait for `child`, killing it and failing when it runs past `limit`.
pub fn wait_within(child: Child, limit: Duration) -> Output {
    let id = child.id();
    let (done_tx, done_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done_tx.send(child.wait_with_output());
    });
    match done_rx.recv_timeout(limit) {
        Ok(output) => output.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(id.to_string()).status();
            panic!("idpool ran longer than {limit:?}");
        }
    }
}

pub fn idpool(args: &[&str], stdin: &[u8]) -> Output {
    run_within(command(args), stdin, Duration::from_secs(120))
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Run a shell command line under a pseudo-terminal (`script`), so that
/// both standard output and standard error are terminals; returns what the
/// terminal received and the exit status.
pub fn on_terminal(line: &str, env: &[(&str, &str)]) -> (String, Option<i32>) {
    let mut command = Command::new("script");
    command
        .args(["-qec", line, "/dev/null"])
        .current_dir(repo())
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    let started = Instant::now();
    let output = wait_within(
        command.spawn().expect("script starts"),
        Duration::from_secs(120),
    );
    assert!(started.elapsed() < Duration::from_secs(120));
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        output.status.code(),
    )
}

/// A scratch directory for one test, removed when dropped.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("idpool-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    pub fn file(&self, name: &str, content: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, content).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

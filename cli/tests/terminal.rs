//! Colour and progress on a terminal (a pseudo-terminal from `script`),
//! never on a pipe or with `NO_COLOR`; completion scripts.

#![cfg(unix)]

mod common;

use common::{BIN, Scratch, idpool, on_terminal, stderr, stdout};

const INVALID: &str = "examples/describe-identity-pool-output.json";

#[test]
fn colour_on_a_terminal_only_and_never_with_no_color() {
    let line = format!("{BIN} check CreateIdentityPool {INVALID}");
    let (text, status) = on_terminal(&line, &[]);
    assert_eq!(status, Some(1), "{text}");
    assert!(text.contains("\x1b[1;31minvalid\x1b[0m"), "{text:?}");
    assert!(
        text.contains("\x1b[1;31merror[unknown_member]\x1b[0m"),
        "{text:?}"
    );
    let (plain, status) = on_terminal(&line, &[("NO_COLOR", "1")]);
    assert_eq!(status, Some(1));
    assert!(!plain.contains('\x1b'), "{plain:?}");
    assert!(plain.contains("CreateIdentityPool: invalid ("), "{plain:?}");
    // An empty NO_COLOR does not count (no-color.org).
    let (coloured, _) = on_terminal(&line, &[("NO_COLOR", "")]);
    assert!(coloured.contains("\x1b[1;31minvalid"), "{coloured:?}");
    // Piped: no colour.
    let piped = idpool(&["check", "CreateIdentityPool", INVALID], b"");
    assert!(!stdout(&piped).contains('\x1b'));
    // JSON is never coloured, even on a terminal.
    let (json, _) = on_terminal(&format!("{line} --json"), &[]);
    assert!(!json.contains('\x1b'), "{json:?}");
}

#[test]
fn ok_and_fixes_are_coloured_too() {
    let scratch = Scratch::new("coloured-fix");
    let file = scratch.file(
        "pool.json",
        br#"{"IdentityPoolName":" Photos ","AllowUnauthenticatedIdentities":false}"#,
    );
    let line = format!("{BIN} check CreateIdentityPool {}", file.display());
    let (text, status) = on_terminal(&line, &[]);
    assert_eq!(status, Some(0), "{text}");
    assert!(text.contains("\x1b[1;32mok\x1b[0m"), "{text:?}");
    assert!(text.contains("\x1b[1;36mfix[trimmed]\x1b[0m"), "{text:?}");
}

fn many_lines(scratch: &Scratch) -> String {
    let mut input = String::new();
    for i in 0..40_000 {
        if i % 1000 == 7 {
            input.push_str("{\"IdentityPoolId\":\"bad#\"}\n");
        } else {
            input.push_str(&format!(
                "{{\"IdentityPoolId\":\"us-east-1:0f1e2d3c-4b5a-6978-8796-{i:012}\"}}\n"
            ));
        }
    }
    let file = scratch.file("many.jsonl", input.as_bytes());
    file.to_str().unwrap().to_string()
}

#[test]
fn progress_shows_on_a_terminal_for_a_file_and_is_cleared() {
    let scratch = Scratch::new("progress");
    let file = many_lines(&scratch);
    let (text, status) = on_terminal(
        &format!("{BIN} check DescribeIdentityPool {file} --jsonl > /dev/null"),
        &[],
    );
    assert_eq!(status, Some(1));
    assert!(text.contains(" lines "), "{text:?}");
    assert!(text.contains(" left"), "{text:?}");
    assert!(text.contains("MiB"), "{text:?}");
    // Cleared at the end: the last thing on the terminal erases the bar.
    let last_bar = text.rfind(" left").unwrap();
    assert!(
        text[last_bar..].contains("\x1b[2K"),
        "{:?}",
        &text[last_bar..]
    );
    // Output closed early: the bar is cleared before the process ends.
    let (text, _) = on_terminal(
        &format!("{BIN} check DescribeIdentityPool {file} --jsonl --json | head -1 > /dev/null"),
        &[],
    );
    if let Some(last_bar) = text.rfind(" left") {
        assert!(
            text[last_bar..].contains("\x1b[2K"),
            "{:?}",
            &text[last_bar..]
        );
    }
    // With the output on the terminal too, the summary is left alone.
    let (text, _) = on_terminal(
        &format!("{BIN} check DescribeIdentityPool {file} --jsonl"),
        &[],
    );
    assert!(
        text.contains("40000 checked, 40 invalid (most frequent: pattern 40)"),
        "{text:?}"
    );
}

#[test]
fn no_progress_on_a_pipe_with_quiet_or_from_standard_input() {
    let scratch = Scratch::new("no-progress");
    let file = many_lines(&scratch);
    for line in [
        format!("{BIN} check DescribeIdentityPool {file} --jsonl --quiet > /dev/null"),
        format!("{BIN} check DescribeIdentityPool --jsonl < {file} > /dev/null"),
        format!("{BIN} check DescribeIdentityPool {file} --jsonl 2>/dev/null"),
    ] {
        let (text, status) = on_terminal(&line, &[]);
        assert_eq!(status, Some(1), "{line}");
        assert!(!text.contains(" left"), "{line}: {text:?}");
    }
    let piped = idpool(&["check", "DescribeIdentityPool", &file, "--jsonl"], b"");
    assert!(piped.stderr.is_empty(), "{}", stderr(&piped));
    // --quiet prints only the invalid lines.
    let quiet = idpool(
        &["check", "DescribeIdentityPool", &file, "--jsonl", "--quiet"],
        b"",
    );
    assert_eq!(stdout(&quiet).lines().count(), 40);
    assert!(stdout(&quiet).starts_with("line 8: error[pattern] /IdentityPoolId\n"));
}

#[test]
fn completions_for_every_shell() {
    for (shell, marker, targets) in [
        ("bash", "_idpool()", true),
        ("zsh", "#compdef idpool", true),
        ("fish", "complete -c idpool", false),
        ("powershell", "Register-ArgumentCompleter", false),
    ] {
        let output = idpool(&["completions", shell], b"");
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = stdout(&output);
        assert!(script.contains(marker), "{shell}");
        assert!(script.contains("max-bytes"), "{shell}");
        // clap_complete offers positional values to bash and zsh only.
        assert_eq!(
            script.contains("CreateIdentityPool"),
            targets,
            "{shell}: targets"
        );
    }
    assert_eq!(idpool(&["completions", "tcsh"], b"").status.code(), Some(2));
}

#[test]
fn quiet_prints_only_invalid_documents() {
    let valid = idpool(
        &[
            "check",
            "UpdateIdentityPool",
            "examples/update-identity-pool.json",
            "-q",
        ],
        b"",
    );
    assert_eq!(valid.status.code(), Some(0));
    assert!(valid.stdout.is_empty());
    let invalid = idpool(&["check", "CreateIdentityPool", INVALID, "--quiet"], b"");
    assert_eq!(invalid.status.code(), Some(1));
    assert!(stdout(&invalid).starts_with("CreateIdentityPool: invalid"));
    let json = idpool(&["check", "DescribeIdentityPool", "--jsonl", "--json", "-q"], b"{\"IdentityPoolId\":\"bad#\"}\n{\"IdentityPoolId\":\"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\"}\n");
    assert_eq!(stdout(&json).lines().count(), 1);
}

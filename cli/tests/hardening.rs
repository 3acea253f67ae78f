//! Probes of an attacker, through the real binary: each test failed before
//! its fix (issue 16, CLI parts).

#![cfg(unix)]

mod common;

use common::{BIN, Scratch, command, idpool, run_within, stderr, stdout};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn size_limits_that_make_no_sense_exit_2_with_the_accepted_range() {
    for bad in [
        "18446744073709551615",
        "268435457",
        "0",
        "-1",
        "1e3",
        "99999999999999999999999",
    ] {
        for args in [
            &["check", "IdentityPool", "--max-bytes", bad][..],
            &["check", "IdentityPool", "--jsonl", "--max-bytes", bad],
            &["plan", "a.json", "b.json", "--max-bytes", bad],
            &["resolve", "--max-bytes", bad],
            &["fix", "IdentityPool", "--max-bytes", bad],
        ] {
            let output = idpool(args, b"{}");
            assert_eq!(
                output.status.code(),
                Some(2),
                "{args:?}: {}",
                stderr(&output)
            );
            assert!(
                stderr(&output).contains("from 1 to 268435456 (256 MiB)"),
                "{args:?}: {}",
                stderr(&output)
            );
        }
    }
    // The largest accepted limit works, on both paths.
    let output = idpool(
        &[
            "check",
            "IdentityPool",
            "--max-bytes",
            "268435456",
            "--json",
        ],
        b"{}",
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let output = idpool(
        &[
            "check",
            "IdentityPool",
            "--jsonl",
            "--json",
            "--max-bytes",
            "268435456",
        ],
        b"{}\n",
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(stdout(&output).lines().count(), 1);
}

fn dev_zero(args: &[&str]) -> std::process::Output {
    let started = Instant::now();
    let output = run_within(command(args), b"", Duration::from_secs(60));
    assert!(started.elapsed() < Duration::from_secs(60));
    output
}

#[test]
fn a_stream_without_newlines_ends_with_a_clear_error_in_bounded_time() {
    for jobs in ["1", "4"] {
        let output = dev_zero(&[
            "check",
            "DescribeIdentityPool",
            "/dev/zero",
            "--jsonl",
            "--json",
            "--jobs",
            jobs,
        ]);
        assert_eq!(output.status.code(), Some(2), "--jobs {jobs}");
        assert!(
            stderr(&output).contains("/dev/zero: line 1: no newline within"),
            "{}",
            stderr(&output)
        );
        // The over-long line is still reported, as too large.
        let report: serde_json::Value = serde_json::from_str(stdout(&output).trim()).unwrap();
        assert_eq!(report["errors"][0]["code"], "syntax");
        assert_eq!(report["errors"][0]["params"]["limit"], 1048576);
    }
    let output = dev_zero(&["check", "DescribeIdentityPool", "/dev/zero", "--jsonl"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).starts_with("line 1: error[syntax] (input)\n"));
}

/// Highest resident set size of `pid` seen so far, in bytes.
fn rss(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

#[test]
fn many_jobs_and_a_slow_reader_keep_memory_bounded() {
    const LINE: usize = 1 << 20;
    const LINES: usize = 192;
    let mut child = Command::new(BIN)
        .args([
            "check",
            "CreateIdentityPool",
            "--jsonl",
            "--json",
            "--jobs",
            "64",
            "--max-bytes",
            "2097152",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut input = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let mut line = Vec::with_capacity(LINE + 64);
        line.extend_from_slice(b"{\"IdentityPoolName\":\"");
        line.resize(LINE, b'a');
        line.extend_from_slice(b"\",\"AllowUnauthenticatedIdentities\":false}\n");
        for _ in 0..LINES {
            if input.write_all(&line).is_err() {
                break;
            }
        }
    });
    // Nobody reads the output for a while: the work must wait, not pile up.
    let mut peak = 0;
    for _ in 0..60 {
        std::thread::sleep(Duration::from_millis(100));
        peak = peak.max(rss(pid).unwrap_or(0));
    }
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut reports = 0usize;
    let mut line = String::new();
    while out.read_line(&mut line).unwrap() > 0 {
        reports += 1;
        line.clear();
        if reports.is_multiple_of(8) {
            peak = peak.max(rss(pid).unwrap_or(0));
        }
    }
    writer.join().unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(1));
    assert_eq!(reports, LINES);
    // 192 MiB of input, each report as large again: in flight at most the
    // budget (16 MiB) plus the text of what is in flight, and the threads.
    eprintln!("peak RSS {} MiB", peak >> 20);
    assert!(peak < 128 << 20, "peak RSS {} MiB", peak >> 20);
}

#[test]
fn control_characters_from_the_input_never_reach_the_terminal_raw() {
    let input = br#"{"IdentityPoolName":"a\u001b]0;pwned\u0007\r\nFAKE ok\u009b2J\u202eevil",
        "AllowUnauthenticatedIdentities":false, "\u001b[2J":1}"#;
    let check = idpool(&["check", "CreateIdentityPool"], input);
    let text = stdout(&check);
    assert!(
        text.contains("\\u{1b}]0;pwned\\u{7}\\u{d}\\u{a}FAKE ok\\u{9b}2J\\u{202e}evil"),
        "{text}"
    );
    assert!(text.contains("/\\u{1b}[2J"), "{text}");
    let mut compact = input.to_vec();
    compact.retain(|b| *b != b'\n');
    compact.push(b'\n');
    let lines = idpool(&["check", "CreateIdentityPool", "--jsonl"], &compact);
    let plan = idpool(&["plan", "-", "examples/update-identity-pool.json"], input);
    let missing = idpool(
        &["check", "CreateIdentityPool", "no-such-\u{1b}[2J-file"],
        b"",
    );
    assert!(
        stderr(&missing).contains("no-such-\\u{1b}[2J-file"),
        "{}",
        stderr(&missing)
    );
    let argument = idpool(&["frob\rnicate\u{7}"], b"");
    assert_eq!(argument.status.code(), Some(2));
    for output in [&check, &lines, &plan, &missing, &argument] {
        for bytes in [&output.stdout, &output.stderr] {
            let text = String::from_utf8_lossy(bytes);
            let raw: Vec<char> = text
                .chars()
                .filter(|c| (c.is_control() && *c != '\n') || matches!(c, '\u{202a}'..='\u{202e}'))
                .collect();
            assert!(raw.is_empty(), "raw {raw:?} in {text}");
        }
    }
}

#[test]
fn a_pool_over_the_limit_cut_inside_a_character_is_too_large_not_bad_utf8() {
    let scratch = Scratch::new("pool-cut");
    let mut pool = b"{\"IdentityPoolName\": \"".to_vec();
    assert_eq!(pool.len(), 22);
    for _ in 0..60 {
        pool.extend_from_slice("é".as_bytes());
    }
    pool.extend_from_slice(b"\"}");
    // The 101st byte (the limit is 100) is the first half of an "é".
    assert!(std::str::from_utf8(&pool[..101]).is_err());
    let path = scratch.file("pool.json", &pool);
    let output = idpool(
        &[
            "check",
            "SetIdentityPoolRoles",
            "--json",
            "--max-bytes",
            "100",
            "--pool",
            path.to_str().unwrap(),
        ],
        br#"{"IdentityPoolId":"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0","Roles":{}}"#,
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let pool_issue = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["path"] == "/pool")
        .expect("the pool's issue");
    assert_eq!(pool_issue["code"], "syntax");
    assert_eq!(pool_issue["params"]["limit"], 100);
    assert!(
        pool_issue["message"]
            .as_str()
            .unwrap()
            .contains("larger than the limit")
    );
}

#[test]
fn help_and_version_to_a_full_disk_report_the_error_and_exit_2() {
    for args in [
        &["--help"][..],
        &["--version"],
        &["check", "--help"],
        &["targets"],
        &["completions", "bash"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let output = Command::new(BIN)
            .args(args)
            .stdout(Stdio::from(full))
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains("idpool: stdout: "),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn a_stream_without_any_document_is_invalid_like_an_empty_document() {
    for input in [&b""[..], b"\n\n  \r\n"] {
        let text = idpool(&["check", "IdentityPool", "--jsonl"], input);
        assert_eq!(text.status.code(), Some(1));
        assert_eq!(stdout(&text), "0 checked, 0 invalid\n");
        assert!(
            stderr(&text).contains("-: no documents"),
            "{}",
            stderr(&text)
        );
        let json = idpool(
            &["check", "IdentityPool", "--jsonl", "--json", "--jobs", "2"],
            input,
        );
        assert_eq!(json.status.code(), Some(1));
        assert!(json.stdout.is_empty());
    }
    // As plain `check` says of an empty document.
    assert_eq!(
        idpool(&["check", "IdentityPool"], b"").status.code(),
        Some(1)
    );
}

/// Read the first line of the output, close it, and return the status.
fn head_1(args: &[&str], input: Vec<u8>) -> Option<i32> {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    assert!(first.starts_with('{'), "{first}");
    drop(out);
    let status = child.wait().unwrap().code();
    writer.join().unwrap();
    status
}

#[test]
fn output_closed_early_never_claims_success() {
    let valid = "{\"IdentityPoolName\":\"p\",\"AllowUnauthenticatedIdentities\":false}\n";
    let invalid = "{\"IdentityPoolName\":\"p\"}\n";
    for jobs in ["1", "3"] {
        let args = [
            "check",
            "CreateIdentityPool",
            "--jsonl",
            "--json",
            "--jobs",
            jobs,
        ];
        // An invalid document after the first line: exit 1, as without head.
        let mut input = valid.repeat(2);
        input.push_str(invalid);
        input.push_str(&valid.repeat(40_000));
        assert_eq!(head_1(&args, input.into_bytes()), Some(1), "--jobs {jobs}");
        // All valid, but not all delivered: not 0 either.
        assert_eq!(
            head_1(&args, valid.repeat(40_000).into_bytes()),
            Some(141),
            "--jobs {jobs}"
        );
    }
}

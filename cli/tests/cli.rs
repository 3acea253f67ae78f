//! The `idpool` binary end to end: arguments, output and exit statuses.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn idpool(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_idpool"))
        .args(args)
        .current_dir(repo())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        // The binary may exit before reading everything; that is fine.
        let _ = input.write_all(&bytes);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn every_example_checks_clean() {
    for (target, file) in [
        ("CreateIdentityPool", "examples/create-identity-pool.json"),
        (
            "IdentityPool",
            "examples/describe-identity-pool-output.json",
        ),
        (
            "GetCredentialsForIdentity",
            "examples/get-credentials-for-identity.json",
        ),
        (
            "SetIdentityPoolRoles",
            "examples/set-identity-pool-roles.json",
        ),
    ] {
        let output = idpool(&["check", target, file], b"");
        assert_eq!(output.status.code(), Some(0), "{file}: {}", stdout(&output));
        assert!(
            stdout(&output).starts_with(&format!("{target}: ok (0 errors")),
            "{}",
            stdout(&output)
        );
    }
}

#[test]
fn a_user_pool_id_as_identity_pool_id_exits_1_with_the_service_message() {
    let output = idpool(
        &["check", "DescribeIdentityPool"],
        br#"{"IdentityPoolId":"us-east-1_AbCdEfGhI"}"#,
    );
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("error[pattern] /IdentityPoolId"), "{text}");
    assert!(
        text.contains(
            "ValidationException: 1 validation error detected: Value 'us-east-1_AbCdEfGhI' at 'identityPoolId' \
             failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+"
        ),
        "{text}"
    );
}

#[test]
fn json_output_is_the_report() {
    let output = idpool(
        &["check", "DescribeIdentityPool", "-", "--json"],
        br#"{"IdentityPoolId":""}"#,
    );
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["target"], "DescribeIdentityPool");
    assert_eq!(report["ok"], false);
    assert_eq!(report["errors"].as_array().unwrap().len(), 2);
    assert_eq!(report["errors"][0]["code"], "length");
    assert_eq!(report["errors"][1]["code"], "pattern");
    assert_eq!(report["serviceError"]["type"], "ValidationException");
}

#[test]
fn jsonl_prints_one_report_per_document_in_order() {
    let input = b"{\"IdentityPoolId\":\"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\"}\n\n{\"IdentityPoolId\":\"bad#\"}\r\nnot json\n";
    let output = idpool(
        &["check", "DescribeIdentityPool", "--jsonl", "--json"],
        input,
    );
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "blank lines are skipped");
    assert_eq!(lines[0]["ok"], true);
    assert_eq!(lines[1]["errors"][0]["code"], "pattern");
    assert_eq!(lines[2]["errors"][0]["code"], "syntax");
}

#[test]
fn jsonl_all_valid_exits_0_and_human_mode_numbers_lines() {
    let input = b"{\"IdentityPoolId\":\"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\"}\n{\"IdentityPoolId\":\"eu-west-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\"}\n";
    let output = idpool(&["check", "DescribeIdentityPool", "--jsonl"], input);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.contains("line 1: DescribeIdentityPool: ok"), "{text}");
    assert!(text.contains("line 2: DescribeIdentityPool: ok"), "{text}");
    assert!(text.ends_with("2 valid, 0 invalid\n"), "{text}");
}

#[test]
fn an_over_long_line_is_refused_and_the_stream_goes_on() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"IdentityPoolId\":\"");
    input.extend(std::iter::repeat_n(b'a', 5000));
    input.extend_from_slice(
        b"\"}\n{\"IdentityPoolId\":\"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\"}\n",
    );
    let output = idpool(
        &[
            "check",
            "DescribeIdentityPool",
            "--jsonl",
            "--json",
            "--max-bytes",
            "1000",
        ],
        &input,
    );
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["errors"][0]["code"], "syntax");
    assert_eq!(lines[0]["errors"][0]["params"]["limit"], 1000);
    assert_eq!(lines[1]["ok"], true);
}

#[test]
fn too_large_single_input_is_a_syntax_issue() {
    let input = vec![b' '; 2000];
    let output = idpool(
        &[
            "check",
            "DescribeIdentityPool",
            "--json",
            "--max-bytes",
            "1000",
        ],
        &input,
    );
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["errors"][0]["code"], "syntax");
}

#[test]
fn invalid_utf8_is_a_syntax_issue() {
    let output = idpool(
        &["check", "DescribeIdentityPool", "--json"],
        b"{\"IdentityPoolId\":\"\xff\"}",
    );
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["errors"][0]["code"], "syntax");
    assert!(
        report["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("UTF-8")
    );
}

#[test]
fn unknown_target_exits_2_with_a_suggestion() {
    let output = idpool(
        &[
            "check",
            "createidentitypool",
            "examples/create-identity-pool.json",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("unknown target \"createidentitypool\""),
        "{err}"
    );
    assert!(err.contains("did you mean \"CreateIdentityPool\""), "{err}");
}

#[test]
fn usage_errors_and_unreadable_files_exit_2() {
    assert_eq!(idpool(&[], b"").status.code(), Some(2));
    assert_eq!(idpool(&["frobnicate"], b"").status.code(), Some(2));
    assert_eq!(idpool(&["check"], b"").status.code(), Some(2));
    assert_eq!(
        idpool(&["check", "IdentityPool", "--bogus"], b"")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        idpool(&["check", "IdentityPool", "--max-bytes", "0"], b"")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        idpool(&["check", "IdentityPool", "no/such/file.json"], b"")
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn targets_lists_all_operations_and_shapes() {
    let output = idpool(&["targets"], b"");
    assert_eq!(output.status.code(), Some(0));
    let names: Vec<&str> = std::str::from_utf8(&output.stdout)
        .unwrap()
        .lines()
        .collect();
    assert_eq!(names.len(), 23 + 111);
    assert!(names.contains(&"GetCredentialsForIdentity"));
    assert!(names.contains(&"IdentityPool"));
    let json = idpool(&["targets", "--json"], b"");
    let list: Vec<String> = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(list.len(), 134);
}

#[test]
fn every_target_is_accepted_by_check() {
    let names = stdout(&idpool(&["targets"], b""));
    for name in names.lines() {
        let output = idpool(&["check", name, "--json"], b"{}");
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{name}: exit {:?}",
            output.status.code()
        );
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(report["target"], name);
    }
}

#[test]
fn version_and_help() {
    let version = idpool(&["--version"], b"");
    assert_eq!(version.status.code(), Some(0));
    assert!(stdout(&version).starts_with("idpool 0."));
    let help = idpool(&["--help"], b"");
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("idpool check TARGET"));
}

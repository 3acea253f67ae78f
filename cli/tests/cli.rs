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
        ("UpdateIdentityPool", "examples/update-identity-pool.json"),
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
fn jsonl_text_mode_prints_invalid_lines_and_a_summary() {
    let input = b"{\"IdentityPoolId\":\"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\"}\n{\"IdentityPoolId\":\"eu-west-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\"}\n";
    let output = idpool(&["check", "DescribeIdentityPool", "--jsonl"], input);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "2 checked, 0 invalid\n");
    let input = b"{\"IdentityPoolId\":\"bad#\"}\n\n{}\nnot json\n{\"IdentityPoolId\":\"x#\"}\n";
    let output = idpool(&["check", "DescribeIdentityPool", "--jsonl"], input);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "line 1: error[pattern] /IdentityPoolId\n\
         line 3: error[required] /IdentityPoolId\n\
         line 4: error[syntax] (input)\n\
         line 5: error[pattern] /IdentityPoolId\n\
         4 checked, 4 invalid (most frequent: pattern 2, required 1, syntax 1)\n"
    );
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
    assert!(stdout(&help).contains("idpool plan CURRENT DESIRED"));
}

const CURRENT: &str = "examples/describe-identity-pool-output.json";
const UPDATE: &str = "examples/update-identity-pool.json";

/// docs/REFERENCE.md section 7, the worked example: an update that drops Google (with the
/// other login provider: the whole member) and renames the developer
/// provider.
#[test]
fn plan_shows_the_removal_with_reset_to_default_and_the_immutable_error() {
    let output = idpool(&["plan", CURRENT, UPDATE], b"");
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.starts_with("UpdateIdentityPool: invalid (1 error, 1 warning)\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "  error[immutable] /DeveloperProviderName: DeveloperProviderName cannot change once set: \
             the pool has \"login.photos.example.com\" and the update gives \"login.photos-v2.example.com\"."
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "  warning[reset_to_default] /SupportedLoginProviders: SupportedLoginProviders is omitted \
             from the update, so the pool's 2 login providers (accounts.google.com, graph.facebook.com) are removed."
        ),
        "{text}"
    );
    assert!(
        text.contains("the service would answer InvalidParameterException: "),
        "{text}"
    );
    assert!(text.contains("plan: 2 changes\n"), "{text}");
    assert!(
        text.contains(
            "  - remove /SupportedLoginProviders (was {\"accounts.google.com\":\"123456789012-abcdefghijklmnop.apps.googleusercontent.com\",\"graph.facebook.com\":\"7346241598935552\"})\n"
        ),
        "{text}"
    );
    // The user pool stays; its token check changes.
    assert!(
        text.contains(
            "  ~ replace /CognitoIdentityProviders/0/ServerSideTokenCheck false -> true\n"
        ),
        "{text}"
    );
}

#[test]
fn plan_json_is_the_report_with_the_plan() {
    let output = idpool(&["plan", CURRENT, UPDATE, "--json"], b"");
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["target"], "UpdateIdentityPool");
    assert_eq!(report["errors"][0]["code"], "immutable");
    assert_eq!(report["warnings"][0]["code"], "reset_to_default");
    assert_eq!(report["plan"]["changes"][0]["op"], "remove");
    assert_eq!(
        report["plan"]["changes"][0]["path"],
        "/SupportedLoginProviders"
    );
    assert_eq!(
        report["plan"]["effective"]["DeveloperProviderName"],
        "login.photos.example.com"
    );
    // The desired pool is already canonical: its normalization changes nothing.
    assert_eq!(report["changes"], serde_json::json!([]));
}

#[test]
fn plan_of_a_pool_onto_itself_changes_nothing() {
    let pool = std::fs::read(repo().join(CURRENT)).unwrap();
    let output = idpool(&["plan", CURRENT, "-"], &pool);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(
        stdout(&output),
        "UpdateIdentityPool: ok (0 errors, 0 warnings)\nplan: no changes\n"
    );
}

#[test]
fn plan_reports_a_broken_current_pool_under_current() {
    let output = idpool(&["plan", "-", UPDATE, "--json"], b"{\"IdentityPoolId\": 1}");
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["errors"][0]["path"], "/current/IdentityPoolId");
    assert_eq!(report["errors"][0]["code"], "type");
    let output = idpool(&["plan", "-", UPDATE], b"not json");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("error[syntax] /current:"),
        "{}",
        stdout(&output)
    );
    assert!(
        stdout(&output).contains("plan: none"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn plan_usage_errors_and_unreadable_files_exit_2() {
    for args in [
        &["plan"][..],
        &["plan", CURRENT],
        &["plan", CURRENT, UPDATE, "extra"],
        &["plan", "-", "-"],
        &["plan", CURRENT, UPDATE, "--jsonl"],
        &["plan", CURRENT, "no/such/file.json"],
    ] {
        let output = idpool(args, b"{}");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(!output.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn plan_refuses_an_oversized_pool() {
    let output = idpool(
        &["plan", CURRENT, UPDATE, "--json", "--max-bytes", "100"],
        b"",
    );
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["errors"][0]["code"], "syntax");
    assert_eq!(report["errors"][0]["params"]["limit"], 100);
    assert!(report.get("plan").is_none());
}

#[test]
fn check_with_a_pool_checks_role_mapping_keys_against_it() {
    let roles = br#"{"IdentityPoolId":"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
        "Roles":{"authenticated":"arn:aws:iam::123456789012:role/Auth"},
        "RoleMappings":{"login.example.net":{"Type":"Token","AmbiguousRoleResolution":"Deny"}}}"#;
    let output = idpool(&["check", "SetIdentityPoolRoles", "--pool", CURRENT], roles);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("error[role_mapping_provider] /RoleMappings/login.example.net (key)"),
        "{text}"
    );
    let output = idpool(
        &[
            "check",
            "SetIdentityPoolRoles",
            "examples/set-identity-pool-roles.json",
            "--pool",
            CURRENT,
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    // Each line of a stream is checked against the pool.
    let mut lines = roles.to_vec();
    lines.retain(|b| *b != b'\n');
    lines.push(b'\n');
    let output = idpool(
        &[
            "check",
            "SetIdentityPoolRoles",
            "--jsonl",
            "--json",
            "--pool",
            CURRENT,
        ],
        &lines,
    );
    let report: serde_json::Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    assert_eq!(report["errors"][0]["code"], "role_mapping_provider");
    // A broken pool's issues are listed under /pool.
    let output = idpool(
        &[
            "check",
            "SetIdentityPoolRoles",
            "--json",
            "--pool",
            "examples/create-identity-pool.json",
        ],
        roles,
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let paths: Vec<&str> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["path"].as_str())
        .collect();
    assert!(paths.contains(&"/pool/IdentityPoolId"), "{paths:?}");
}

#[test]
fn a_missing_or_unreadable_pool_exits_2() {
    for args in [
        &["check", "SetIdentityPoolRoles", "--pool"][..],
        &[
            "check",
            "SetIdentityPoolRoles",
            "--pool",
            "no/such/pool.json",
        ],
    ] {
        let output = idpool(args, b"{}");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn resolve_prints_the_decision() {
    let output = idpool(&["resolve", "examples/resolve-credentials.json"], b"");
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(
        text.contains("decision: authenticated via cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI gets arn:aws:iam::123456789012:role/PhotoEditors"),
        "{text}"
    );
    let json = idpool(
        &["resolve", "examples/resolve-credentials.json", "--json"],
        b"",
    );
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["decision"]["source"], "custom_role_arn");
    assert_eq!(report["decision"]["ruleIndex"], 0);
    // The token is never printed.
    assert!(!stdout(&json).contains("eyJ"));
}

#[test]
fn resolve_refusals_exit_1_and_read_standard_input() {
    let context = br#"{"Pool":{"IdentityPoolId":"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0","IdentityPoolName":"p","AllowUnauthenticatedIdentities":false},
        "Request":{"IdentityId":"us-east-1:5a7d74f5-93d8-4586-b59c-8f2a25d9f696"}}"#;
    let output = idpool(&["resolve", "-"], context);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("error[unauthenticated_not_allowed]"),
        "{text}"
    );
    assert!(text.contains("decision: no credentials"), "{text}");
    assert_eq!(idpool(&["resolve", "a", "b"], b"").status.code(), Some(2));
    assert_eq!(idpool(&["resolve", "--jsonl"], b"").status.code(), Some(2));
    let bad = idpool(&["resolve", "--json"], b"\xff\xfe");
    assert_eq!(bad.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&bad.stdout).unwrap();
    assert_eq!(report["errors"][0]["code"], "syntax");
}

#[test]
fn jobs_give_the_same_output_in_the_same_order() {
    let mut input = Vec::new();
    for i in 0..3000 {
        match i % 7 {
            0 => input.extend_from_slice(b"\n"),
            1 => input.extend_from_slice(b"{broken\n"),
            2 => {
                input.extend_from_slice(format!("{{\"IdentityPoolId\":\"bad#{i}\"}}\n").as_bytes())
            }
            _ => input.extend_from_slice(
                format!("{{\"IdentityPoolId\":\"us-east-1:0f1e2d3c-4b5a-6978-8796-{i:012}\"}}\n")
                    .as_bytes(),
            ),
        }
    }
    let one = idpool(
        &["check", "DescribeIdentityPool", "--jsonl", "--json"],
        &input,
    );
    for jobs in ["2", "3", "8"] {
        let many = idpool(
            &[
                "check",
                "DescribeIdentityPool",
                "--jsonl",
                "--json",
                "--jobs",
                jobs,
            ],
            &input,
        );
        assert_eq!(many.status.code(), one.status.code());
        assert!(
            many.stdout == one.stdout,
            "--jobs {jobs} changed the output"
        );
        let human_one = idpool(&["check", "DescribeIdentityPool", "--jsonl"], &input);
        let human_many = idpool(
            &["check", "DescribeIdentityPool", "--jsonl", "--jobs", jobs],
            &input,
        );
        assert!(
            human_many.stdout == human_one.stdout,
            "--jobs {jobs} changed the human output"
        );
    }
    assert_eq!(stdout(&one).lines().count(), 3000 - 3000 / 7 - 1);
}

#[test]
fn jobs_keep_crlf_blank_and_over_long_lines_and_the_summary() {
    // Lines of every kind the reader tells apart, over several batches:
    // the same reports, line numbers and summary on any number of threads.
    // Of the 2000 lines, 223 are blank, 223 break the pattern, 222 are
    // over the size limit and 222 are not JSON; the last line, without a
    // newline, breaks the pattern too.
    let mut input = Vec::new();
    for i in 0..2000 {
        match i % 9 {
            0 => input.extend_from_slice(b" \t \r\n"),
            1 => input.extend_from_slice(b"{\"IdentityPoolId\":\"bad#1\"}\r\n"),
            2 => input.extend_from_slice(
                format!("{{\"IdentityPoolId\":\"{}\"}}\n", "x".repeat(3000)).as_bytes(),
            ),
            3 => input.extend_from_slice(b"[1,\n"),
            _ => input.extend_from_slice(
                format!("{{\"IdentityPoolId\":\"us-east-1:0f1e2d3c-4b5a-6978-8796-{i:012}\"}}\r\n")
                    .as_bytes(),
            ),
        }
    }
    input.extend_from_slice(b"{\"IdentityPoolId\":\"no newline at the end\"}");
    let args = |json: bool, jobs: &'static str| {
        let mut args = vec![
            "check",
            "DescribeIdentityPool",
            "--jsonl",
            "--max-bytes",
            "1000",
        ];
        if json {
            args.push("--json");
        }
        args.extend(["--jobs", jobs]);
        args
    };
    for json in [false, true] {
        let one = idpool(&args(json, "1"), &input);
        assert_eq!(one.status.code(), Some(1));
        for jobs in ["2", "5"] {
            let many = idpool(&args(json, jobs), &input);
            assert_eq!(many.status.code(), Some(1));
            assert!(
                many.stdout == one.stdout,
                "--jobs {jobs} (json {json}) changed the output"
            );
        }
        if !json {
            let text = stdout(&one);
            assert!(text.starts_with("line 2: error[pattern] /IdentityPoolId\nline 3: error[syntax] (input)\nline 4: error[syntax] (input)\n"), "{text}");
            assert!(
                text.ends_with(
                    "1778 checked, 668 invalid (most frequent: syntax 444, pattern 224)\n"
                ),
                "{}",
                text.lines().last().unwrap_or_default()
            );
        }
    }
}

#[test]
fn jobs_must_be_a_small_positive_number() {
    for bad in ["0", "x", "1000"] {
        let output = idpool(
            &["check", "DescribeIdentityPool", "--jsonl", "--jobs", bad],
            b"",
        );
        assert_eq!(output.status.code(), Some(2), "--jobs {bad}");
    }
    assert_eq!(
        idpool(&["check", "DescribeIdentityPool", "--jsonl", "--jobs"], b"")
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn text_output_lists_each_fix_as_the_readme_shows() {
    let output = idpool(
        &["check", "CreateIdentityPool"],
        br#"{"IdentityPoolName":" Photos ","AllowUnauthenticatedIdentities":false,"SupportedLoginProviders":{"Facebook":"7346241598935552"}}"#,
    );
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert_eq!(
        text,
        "CreateIdentityPool: ok (0 errors, 0 warnings, 2 fixes)\n\
         \x20 fix[trimmed] /IdentityPoolName: \" Photos \" → \"Photos\"\n\
         \x20 fix[alias] /SupportedLoginProviders/Facebook: \"Facebook\" → \"graph.facebook.com\"\n"
    );
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    assert!(readme.contains(&text), "README's example is out of date");
}

#[test]
fn mistakes_get_suggestions_and_every_command_has_help() {
    let output = idpool(&["chek", "IdentityPool"], b"");
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(err.contains("similar subcommand exists: 'check'"), "{err}");
    let output = idpool(&["check", "IdentityPool", "--josn"], b"{}");
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(err.contains("similar argument exists: '--json'"), "{err}");
    for command in ["check", "fix", "plan", "resolve", "targets", "completions"] {
        let help = idpool(&["help", command], b"");
        assert_eq!(help.status.code(), Some(0), "{command}");
        assert!(
            stdout(&help).contains(&format!("Usage: idpool {command}")),
            "{command}: {}",
            stdout(&help)
        );
        let flag = idpool(&[command, "--help"], b"");
        assert_eq!(flag.stdout, help.stdout, "{command}");
    }
}

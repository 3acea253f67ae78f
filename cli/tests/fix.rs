//! `idpool fix`: print, check and rewrite the canonical form.

#![cfg(unix)]

mod common;

use common::{Scratch, idpool, stderr, stdout};
use std::os::unix::fs::PermissionsExt;

const MESSY: &[u8] = br#"{"IdentityPoolName":" Photos ","AllowUnauthenticatedIdentities":false,
  "SupportedLoginProviders":{"Facebook":"7346241598935552"},"SamlProviderARNs":[]}"#;

const CANONICAL: &str = "{
  \"IdentityPoolName\": \"Photos\",
  \"AllowUnauthenticatedIdentities\": false,
  \"SupportedLoginProviders\": {
    \"graph.facebook.com\": \"7346241598935552\"
  }
}
";

fn path(p: &std::path::Path) -> &str {
    p.to_str().unwrap()
}

/// Files left in `dir` (no temporary file may stay behind).
fn entries(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn fix_prints_the_reports_normalized_form() {
    let output = idpool(&["fix", "CreateIdentityPool"], MESSY);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), CANONICAL);
    let report = idpool(&["check", "CreateIdentityPool", "--json"], MESSY);
    let report: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    let printed: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(printed, report["normalized"]);
    // Fixing the canonical form changes nothing.
    let again = idpool(&["fix", "CreateIdentityPool"], CANONICAL.as_bytes());
    assert_eq!(stdout(&again), CANONICAL);
}

#[test]
fn check_exits_1_with_the_fixes_until_the_file_is_canonical() {
    let scratch = Scratch::new("fix-check");
    let file = scratch.file("pool.json", MESSY);
    let output = idpool(&["fix", "CreateIdentityPool", path(&file), "--check"], b"");
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("pool.json: not canonical\n"), "{text}");
    assert!(
        text.contains(
            "  fix[alias] /SupportedLoginProviders/Facebook: \"Facebook\" → \"graph.facebook.com\"\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("  fix[trimmed] /IdentityPoolName: \" Photos \" → \"Photos\"\n"),
        "{text}"
    );
    assert!(
        text.contains("  fix[removed_empty] /SamlProviderARNs: [] → (removed)\n"),
        "{text}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), MESSY, "--check never writes");
    // Same content, other spacing: still not canonical.
    let compact = scratch.file(
        "compact.json",
        b"{\"IdentityPoolName\":\"Photos\",\"AllowUnauthenticatedIdentities\":false}",
    );
    let output = idpool(
        &["fix", "CreateIdentityPool", path(&compact), "--check"],
        b"",
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("formatting only"),
        "{}",
        stdout(&output)
    );
    let canonical = scratch.file("canonical.json", CANONICAL.as_bytes());
    let output = idpool(
        &["fix", "CreateIdentityPool", path(&canonical), "--check"],
        b"",
    );
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
}

#[test]
fn write_replaces_the_file_atomically_and_keeps_its_permissions() {
    let scratch = Scratch::new("fix-write");
    let file = scratch.file("pool.json", MESSY);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    let output = idpool(&["fix", "CreateIdentityPool", path(&file), "--write"], b"");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("pool.json: rewritten\n"),
        "{}",
        stdout(&output)
    );
    assert!(
        stdout(&output).contains("fix[alias]"),
        "{}",
        stdout(&output)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), CANONICAL);
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert_eq!(entries(&scratch.0), ["pool.json"]);
    let again = idpool(&["fix", "CreateIdentityPool", path(&file), "--write"], b"");
    assert_eq!(again.status.code(), Some(0));
    assert!(stdout(&again).contains("pool.json: already canonical\n"));
    // Through a symbolic link: the link stays, its target is rewritten.
    let target = scratch.file("target.json", MESSY);
    let link = scratch.0.join("link.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let output = idpool(&["fix", "CreateIdentityPool", path(&link), "--write"], b"");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), CANONICAL);
}

#[test]
fn write_refuses_a_read_only_file_and_leaves_it_alone() {
    let scratch = Scratch::new("fix-readonly");
    let file = scratch.file("pool.json", MESSY);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let output = idpool(&["fix", "CreateIdentityPool", path(&file), "--write"], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("pool.json: the file is read-only; not rewritten"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read(&file).unwrap(), MESSY);
    assert_eq!(entries(&scratch.0), ["pool.json"]);
}

#[test]
fn write_keeps_secrets_as_they_were_and_never_prints_them() {
    let scratch = Scratch::new("fix-secret");
    let token = "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0.c2lnbmF0dXJl ";
    let input = format!(
        r#"{{"IdentityId":" us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0","Logins":{{"https://accounts.google.com/":"{token}"}},"CustomRoleArn":"arn:aws:iam::123456789012:role/R"}}"#
    );
    let file = scratch.file("request.json", input.as_bytes());
    let output = idpool(
        &["fix", "GetCredentialsForIdentity", path(&file), "--write"],
        b"",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(
        written.contains(&format!("\"accounts.google.com\": \"{token}\"")),
        "{written}"
    );
    assert!(!written.contains(idpool::REDACTED), "{written}");
    assert!(
        written.contains("\"IdentityId\": \"us-east-1:"),
        "{written}"
    );
    for text in [stdout(&output), stderr(&output)] {
        assert!(!text.contains("eyJ"), "{text}");
    }
    // The printed form keeps the token too: it is the document, not a report.
    let printed = idpool(&["fix", "GetCredentialsForIdentity", path(&file)], b"");
    assert_eq!(stdout(&printed), written);
    // A marker already in the input stays a marker; nothing is invented.
    let marked = format!(
        r#"{{"IdentityId":"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0","Logins":{{"accounts.google.com":"{}"}}}}"#,
        idpool::REDACTED
    );
    let output = idpool(&["fix", "GetCredentialsForIdentity"], marked.as_bytes());
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn input_that_is_not_json_of_the_shape_is_never_written() {
    let scratch = Scratch::new("fix-bad");
    for (name, content) in [
        ("syntax.json", &b"{\"IdentityPoolName\": "[..]),
        ("array.json", b"[1, 2]"),
        ("latin1.json", b"{\"IdentityPoolName\": \"\xe9\"}"),
    ] {
        let file = scratch.file(name, content);
        let output = idpool(&["fix", "IdentityPool", path(&file), "--write"], b"");
        assert_eq!(output.status.code(), Some(1), "{name}");
        assert!(
            stderr(&output).contains("cannot be fixed"),
            "{name}: {}",
            stderr(&output)
        );
        assert_eq!(std::fs::read(&file).unwrap(), content, "{name}");
    }
    let file = scratch.file("big.json", &[b' '; 200]);
    let output = idpool(
        &[
            "fix",
            "IdentityPool",
            path(&file),
            "--write",
            "--max-bytes",
            "100",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("larger than the limit of 100 bytes"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn write_needs_a_file_and_excludes_check() {
    for args in [
        &["fix", "IdentityPool", "--write"][..],
        &["fix", "IdentityPool", "-", "--write"],
        &["fix", "IdentityPool", "x.json", "--write", "--check"],
        &["fix", "NoSuchTarget", "x.json"],
    ] {
        let output = idpool(args, b"{}");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(!output.stderr.is_empty());
    }
}

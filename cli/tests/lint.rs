//! `idpool lint` through the real binary: text, JSON, SARIF and parseable
//! output, standard input, CDK assemblies, exit statuses, and `check FILE`
//! locating its issues.

mod common;
use common::{Scratch, idpool, repo};

fn fixture(name: &str) -> String {
    repo()
        .join("iac/tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn a_ref_to_a_role_is_reported_at_its_line_and_column() {
    let file = fixture("cfn/p4-ref-role.yaml");
    let output = idpool(&["lint", &file], b"");
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains(&format!(
            "{file}:18:24: error[ref_returns_name] Ref AuthRole returns the role's name"
        )),
        "{text}"
    );
    assert!(
        text.ends_with("1 file, 2 identity-pool resources: 1 error, 0 warnings\n"),
        "{text}"
    );
}

#[test]
fn json_sarif_and_parseable_say_the_same() {
    let file = fixture("cfn/p1-provider-url.json");
    let json = idpool(&["lint", "--json", &file], b"");
    assert_eq!(json.status.code(), Some(1));
    let reports: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let issue = &reports[0]["errors"][0];
    assert_eq!(reports[0]["target"], "Template");
    assert_eq!(issue["code"], "provider_url_not_name");
    assert_eq!(issue["resource"], "Attachment");
    assert_eq!(issue["location"]["line"], 23);

    let sarif = idpool(&["lint", "--sarif", &file], b"");
    assert_eq!(sarif.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "provider_url_not_name");
    assert_eq!(result["level"], "error");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        23
    );
    // --format sarif is the same as --sarif.
    let same = idpool(&["lint", "--format", "sarif", &file], b"");
    assert_eq!(same.stdout, sarif.stdout);

    let parseable = idpool(&["lint", "--format", "parseable", &file], b"");
    let line = stdout(&parseable);
    assert!(line.starts_with(&format!("{file}:23:33:")), "{line}");
    assert!(line.contains(":E_provider_url_not_name:"), "{line}");
}

#[test]
fn standard_input_a_cdk_assembly_and_a_terraform_plan() {
    let yaml = std::fs::read(fixture("cfn/p4-ref-role.yaml")).unwrap();
    let output = idpool(&["lint", "-"], &yaml);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).starts_with("-:18:24: error[ref_returns_name]"));

    let output = idpool(&["lint", &fixture("cdk.out")], b"");
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("2 files, 3 identity-pool resources: 0 errors"));

    let output = idpool(
        &["lint", "--json", &fixture("terraform/lifecycle.plan.json")],
        b"",
    );
    let reports: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let warnings: Vec<&str> = reports[0]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert!(warnings.contains(&"pool_replaced"), "{warnings:?}");
}

#[test]
fn unreadable_paths_and_usage_errors_exit_2() {
    let output = idpool(&["lint", "/nonexistent/template.yaml"], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("/nonexistent/template.yaml"));
    assert_eq!(idpool(&["lint"], b"").status.code(), Some(2));
    assert_eq!(
        idpool(&["lint", "--format", "xml", "x"], b"").status.code(),
        Some(2)
    );
    assert_eq!(idpool(&["lint", "-"], b"\xff\xfe").status.code(), Some(2));
}

#[test]
fn template_text_cannot_drive_the_terminal() {
    let scratch = Scratch::new("lint-escape");
    let file = scratch.file(
        "t.yaml",
        b"Resources:\n  Pool:\n    Type: AWS::Cognito::IdentityPool\n    Properties:\n      AllowUnauthenticatedIdentities: false\n      IdentityPoolName: \"a\\e]0;pwned\\a\\r\\nFAKE ok\"\n",
    );
    for format in ["text", "parseable"] {
        let output = idpool(
            &["lint", "--format", format, &file.display().to_string()],
            b"",
        );
        assert_eq!(output.status.code(), Some(1));
        let text = stdout(&output);
        assert!(!text.contains('\u{1b}') && !text.contains('\r'), "{text:?}");
        assert!(text.contains("\\u{1b}"), "{text:?}");
    }
}

#[test]
fn check_locates_the_issues_of_a_file() {
    let scratch = Scratch::new("check-locations");
    let file = scratch.file(
        "pool.json",
        b"{\n  \"IdentityPoolName\": \"a#b\",\n  \"AllowUnauthenticatedIdentities\": false\n}\n",
    );
    let path = file.display().to_string();
    let text = stdout(&idpool(&["check", "CreateIdentityPool", &path], b""));
    assert!(
        text.contains("  error[pattern] /IdentityPoolName at 2:23: "),
        "{text}"
    );
    let output = idpool(&["check", "CreateIdentityPool", &path, "--json"], b"");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let location = &report["errors"][0]["location"];
    assert_eq!(location["pointer"], "/IdentityPoolName");
    assert_eq!(
        (location["line"].as_u64(), location["column"].as_u64()),
        (Some(2), Some(23))
    );
    assert_eq!(
        (location["endLine"].as_u64(), location["endColumn"].as_u64()),
        (Some(2), Some(28))
    );
    // The rest of the report is the Report, in its member order.
    let raw = stdout(&output);
    assert!(
        raw.starts_with(
            "{\n  \"target\": \"CreateIdentityPool\",\n  \"ok\": false,\n  \"errors\": ["
        ),
        "{raw}"
    );
    // Standard input has no file to point into.
    let piped = idpool(
        &["check", "CreateIdentityPool", "--json"],
        &std::fs::read(&file).unwrap(),
    );
    let report: serde_json::Value = serde_json::from_slice(&piped.stdout).unwrap();
    assert!(report["errors"][0].get("location").is_none());
}

//! The examples of `docs/REFERENCE.md` are real: each JSON example there is
//! compared with what the library produces, so the reference cannot drift
//! from the code.

use serde_json::Value;
use std::path::Path;

fn repo_file(path: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The ```json blocks of the reference, in order.
fn json_blocks() -> Vec<String> {
    let text = repo_file("docs/REFERENCE.md");
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        match &mut current {
            None if line.trim_start() == "```json" => current = Some(String::new()),
            None => {}
            Some(block) if line.trim_start() == "```" => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
        }
    }
    assert!(current.is_none(), "an unterminated ```json block");
    blocks
}

/// The block that starts with `start` (after white space), parsed; a block
/// that is a `"member": value` fragment is read as `{ fragment }`.
fn block(start: &str) -> Value {
    let blocks = json_blocks();
    let found = blocks
        .iter()
        .find(|b| b.trim_start().starts_with(start))
        .unwrap_or_else(|| panic!("no ```json block starts with {start:?}"));
    let text = if found.trim_start().starts_with('"') {
        format!("{{{found}}}")
    } else {
        found.clone()
    };
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{start}: {e}\n{text}"))
}

fn report_value(report: &idpool::Report) -> Value {
    serde_json::from_str(&report.to_json()).unwrap()
}

#[test]
fn the_report_example_is_what_check_returns() {
    let input = block(r#"{"IdentityPoolId": "us-west-2:"#);
    let expected = block(
        r#"{
  "target": "SetIdentityPoolRoles""#,
    );
    let report = idpool::check("SetIdentityPoolRoles", &input.to_string()).unwrap();
    assert_eq!(report_value(&report), expected);
}

#[test]
fn the_issue_and_change_examples_are_what_check_returns() {
    let report = idpool::check(
        "CreateIdentityPool",
        r#"{"IdentityPoolName":"my#pool","AllowUnauthenticatedIdentities":false,
            "SupportedLoginProviders":{"Facebook":"7346241598935552"}}"#,
    )
    .unwrap();
    let value = report_value(&report);
    assert_eq!(
        value["errors"][0],
        block(
            r#"{
  "path": "/IdentityPoolName""#
        )
    );
    assert_eq!(
        value["changes"][0],
        block(r#"{"path": "/SupportedLoginProviders/Facebook""#)
    );
}

#[test]
fn the_plan_example_is_what_plan_update_returns() {
    let report = idpool::plan_update(
        &repo_file("examples/describe-identity-pool-output.json"),
        &repo_file("examples/update-identity-pool.json"),
    );
    let value = report_value(&report);
    let expected = block(r#""plan":"#);
    assert_eq!(value["plan"]["changes"], expected["plan"]["changes"]);
    assert_eq!(
        value["plan"]["effective"]["IdentityPoolId"],
        expected["plan"]["effective"]["IdentityPoolId"]
    );
    assert_eq!(value["errors"][0]["code"], "immutable");
    assert_eq!(value["warnings"][0]["code"], "reset_to_default");
}

#[test]
fn the_decision_example_is_what_resolve_credentials_returns() {
    let report = idpool::resolve_credentials(&repo_file("examples/resolve-credentials.json"));
    assert_eq!(
        report_value(&report)["decision"],
        block(r#""decision":"#)["decision"]
    );
}

//! The output formats: text, parseable, JSON, and SARIF 2.1.0 checked
//! against the standard's required members and allowed members
//! (OASIS "Static Analysis Results Interchange Format (SARIF) Version
//! 2.1.0", sections 3.13 sarifLog, 3.14 run, 3.18 tool, 3.19
//! toolComponent, 3.27 result, 3.28 location, 3.29 physicalLocation, 3.30
//! region, 3.4 artifactLocation, 3.49 reportingDescriptor).

use idpool_iac::{Options, TemplateReport, lint_path, render};
use serde_json::Value;
use std::path::PathBuf;

fn reports() -> Vec<TemplateReport> {
    let base = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for rel in [
        "cfn/p4-ref-role.yaml",
        "cfn/yaml11.yaml",
        "cfn/p6-camel-case-mapping.json",
        "terraform/lifecycle.plan.json",
        "cfn/broken.yaml",
    ] {
        out.extend(lint_path(&base.join(rel), &Options::default()));
    }
    out
}

fn object<'a>(
    value: &'a Value,
    what: &str,
    required: &[&str],
    allowed: &[&str],
) -> &'a serde_json::Map<String, Value> {
    let map = value
        .as_object()
        .unwrap_or_else(|| panic!("{what} is not an object"));
    for key in required {
        assert!(map.contains_key(*key), "{what} lacks required {key}");
    }
    for key in map.keys() {
        assert!(
            required.contains(&key.as_str())
                || allowed.contains(&key.as_str())
                || key == "properties",
            "{what} has member {key} that SARIF does not define"
        );
    }
    map
}

fn positive(value: &Value, what: &str) -> u64 {
    let n = value
        .as_u64()
        .unwrap_or_else(|| panic!("{what} is not an integer"));
    assert!(n >= 1, "{what} must be at least 1");
    n
}

#[test]
fn sarif_has_every_required_member_and_nothing_undefined() {
    let reports = reports();
    let log: Value = serde_json::from_str(&render::sarif(&reports)).unwrap();
    let top = object(&log, "sarifLog", &["version", "runs"], &["$schema"]);
    assert_eq!(top["version"], "2.1.0");
    let runs = top["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = object(&runs[0], "run", &["tool"], &["results"]);
    let tool = object(&run["tool"], "tool", &["driver"], &[]);
    let driver = object(
        &tool["driver"],
        "toolComponent",
        &["name"],
        &["version", "informationUri", "rules"],
    );
    let rules = driver["rules"].as_array().unwrap();
    for rule in rules {
        let rule = object(
            rule,
            "reportingDescriptor",
            &["id"],
            &["name", "shortDescription"],
        );
        object(
            &rule["shortDescription"],
            "multiformatMessageString",
            &["text"],
            &[],
        );
    }
    let results = run["results"].as_array().unwrap();
    let issues: usize = reports
        .iter()
        .map(|r| r.errors.len() + r.warnings.len())
        .sum();
    assert_eq!(results.len(), issues);
    assert!(issues >= 8);
    for result in results {
        let result = object(
            result,
            "result",
            &["message"],
            &["ruleId", "ruleIndex", "level", "locations"],
        );
        assert!(["none", "note", "warning", "error"].contains(&result["level"].as_str().unwrap()));
        object(&result["message"], "message", &["text"], &[]);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            rules[index]["id"], result["ruleId"],
            "ruleIndex names the rule of ruleId"
        );
        for location in result["locations"].as_array().unwrap() {
            let location = object(
                location,
                "location",
                &[],
                &["physicalLocation", "logicalLocations"],
            );
            let physical = object(
                &location["physicalLocation"],
                "physicalLocation",
                &["artifactLocation"],
                &["region"],
            );
            let artifact = object(
                &physical["artifactLocation"],
                "artifactLocation",
                &["uri"],
                &[],
            );
            let uri = artifact["uri"].as_str().unwrap();
            assert!(
                !uri.contains(' ') && !uri.contains('\\'),
                "uri {uri} is a URI reference"
            );
            if let Some(region) = physical.get("region") {
                let region = object(
                    region,
                    "region",
                    &["startLine"],
                    &["startColumn", "endLine", "endColumn"],
                );
                let start = positive(&region["startLine"], "startLine");
                let end = positive(&region["endLine"], "endLine");
                assert!(end >= start);
                positive(&region["startColumn"], "startColumn");
                positive(&region["endColumn"], "endColumn");
            }
            for logical in location
                .get("logicalLocations")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                object(
                    logical,
                    "logicalLocation",
                    &[],
                    &["name", "fullyQualifiedName", "kind"],
                );
            }
        }
    }
}

#[test]
fn text_is_file_line_column_level_code() {
    let text = render::text(&reports());
    let first = text.lines().next().unwrap();
    assert!(
        first.ends_with("p4-ref-role.yaml:18:24: error[ref_returns_name] Ref AuthRole returns the role's name, not its ARN; use Fn::GetAtt with the role's Arn attribute. (Roles /Roles/authenticated)"),
        "{first}"
    );
    assert!(text.contains("yaml11.yaml:7:25: warning[yaml11_value]"));
    assert!(text.contains("broken.yaml:4:1: error[template_syntax]"));
}

#[test]
fn parseable_is_cfn_lint_style() {
    let text = render::parseable(&reports());
    for line in text.lines() {
        let fields: Vec<&str> = line.splitn(7, ':').collect();
        assert_eq!(fields.len(), 7, "{line}");
        for number in &fields[1..5] {
            assert!(number.parse::<u32>().unwrap() >= 1, "{line}");
        }
        assert!(
            fields[5].starts_with("E_") || fields[5].starts_with("W_"),
            "{line}"
        );
    }
    assert!(
        text.contains(":18:24:18:37:E_ref_returns_name:Ref AuthRole returns"),
        "{text}"
    );
}

#[test]
fn json_is_an_array_of_reports() {
    let reports = reports();
    let value: Value = serde_json::from_str(&render::json(&reports)).unwrap();
    let array = value.as_array().unwrap();
    assert_eq!(array.len(), reports.len());
    let first = &array[0];
    assert_eq!(first["target"], "Template");
    assert_eq!(first["ok"], false);
    let issue = &first["errors"][0];
    assert_eq!(issue["code"], "ref_returns_name");
    assert_eq!(issue["resource"], "Roles");
    assert_eq!(issue["exception"], "NotAuthorizedException");
    assert_eq!(issue["path"], "/Roles/authenticated");
    assert_eq!(
        issue["location"]["pointer"],
        "/Resources/Roles/Properties/Roles/authenticated"
    );
    assert_eq!(issue["location"]["line"], 18);
    assert_eq!(issue["location"]["endColumn"], 37);
    assert_eq!(issue["params"]["source"], "Ref AuthRole");
    assert_eq!(first["resources"][1]["target"], "SetIdentityPoolRoles");
    assert_eq!(
        first["resources"][1]["type"],
        "AWS::Cognito::IdentityPoolRoleAttachment"
    );
}

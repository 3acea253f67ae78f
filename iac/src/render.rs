//! Output formats: text (compiler style), JSON, SARIF 2.1.0 and cfn-lint's
//! `parseable` lines. The CLI only picks one.

use crate::report::{TemplateIssue, TemplateReport};
use idpool::report::terminal_safe as safe;
use serde_json::{Value, json};

fn each(
    reports: &[TemplateReport],
) -> impl Iterator<Item = (&TemplateReport, &TemplateIssue, &'static str)> {
    reports.iter().flat_map(|r| {
        r.errors
            .iter()
            .map(move |i| (r, i, "error"))
            .chain(r.warnings.iter().map(move |i| (r, i, "warning")))
    })
}

/// One line per issue, `file:line:column: error[code] message (resource
/// path)`, as compilers and cfn-lint print them; errors and warnings of a
/// file in position order. Text from the template (file names, resource
/// ids, echoed values) has its control characters made visible, so a
/// template cannot forge lines or drive the terminal.
pub fn text(reports: &[TemplateReport]) -> String {
    let mut out = String::new();
    for report in reports {
        let mut issues: Vec<(&TemplateIssue, &str)> = report
            .errors
            .iter()
            .map(|i| (i, "error"))
            .chain(report.warnings.iter().map(|i| (i, "warning")))
            .collect();
        issues.sort_by_key(|(i, _)| i.location.as_ref().map_or((0, 0), |l| (l.line, l.column)));
        for (issue, level) in issues {
            out.push_str(&safe(&report.file));
            if let Some(l) = &issue.location {
                out.push_str(&format!(":{}:{}", l.line, l.column));
            }
            out.push_str(&format!(
                ": {level}[{}] {}",
                issue.code,
                safe(&issue.message)
            ));
            match (&issue.resource, issue.path.is_empty()) {
                (Some(r), false) => out.push_str(&format!(" ({} {})", safe(r), safe(&issue.path))),
                (Some(r), true) => out.push_str(&format!(" ({})", safe(r))),
                (None, _) => {}
            }
            out.push('\n');
        }
    }
    out
}

/// The reports as a JSON array.
pub fn json(reports: &[TemplateReport]) -> String {
    serde_json::to_string_pretty(reports).expect("reports always serialize")
}

/// cfn-lint's `parseable` format: `file:line:column:endLine:endColumn:rule:message`,
/// one line per issue. The rule is the code after the level's letter and an
/// underscore (`E_pattern`, `W_yaml11_value`), so tools that read cfn-lint's
/// rule ids (`E3031`) still find the level in the first letter.
pub fn parseable(reports: &[TemplateReport]) -> String {
    let mut out = String::new();
    for (report, issue, level) in each(reports) {
        let (line, column, end_line, end_column) =
            issue.location.as_ref().map_or((1, 1, 1, 1), |l| {
                (l.line, l.column, l.end_line, l.end_column)
            });
        let letter = if level == "error" { 'E' } else { 'W' };
        out.push_str(&format!(
            "{}:{line}:{column}:{end_line}:{end_column}:{letter}_{}:{}\n",
            safe(&report.file),
            issue.code,
            safe(&issue.message)
        ));
    }
    out
}

/// A short description of each code, for SARIF's rule list.
fn describe(code: &str) -> String {
    match code {
        "template_syntax" => "The template cannot be read or is not a template".to_string(),
        "unsupported_yaml" => {
            "YAML that CloudFormation does not accept (aliases, merge keys, unknown tags)"
                .to_string()
        }
        "duplicate_role_attachment" => "Two role attachments for one identity pool".to_string(),
        "duplicate_tag_key" => "A tag key given twice".to_string(),
        "mapping_provider_collision" => "Two role mappings for one provider".to_string(),
        "ref_returns_name" => "Ref of an IAM role (its name) where an ARN is required".to_string(),
        "provider_url_not_name" => {
            "A user pool's ProviderURL where a provider name is required".to_string()
        }
        "pool_replaced" => {
            "The plan replaces an identity pool; its identities are lost".to_string()
        }
        "yaml11_value" => "An unquoted YAML 1.1 boolean word".to_string(),
        other => format!("idpool check `{other}` on the translated API input"),
    }
}

/// Percent-encode a file path as a relative URI reference.
fn uri(file: &str) -> String {
    let mut out = String::new();
    for b in file.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// SARIF 2.1.0 (OASIS standard), one run; what code-scanning services read.
pub fn sarif(reports: &[TemplateReport]) -> String {
    let mut rules: Vec<String> = Vec::new();
    let mut results = Vec::new();
    for (report, issue, level) in each(reports) {
        let index = match rules.iter().position(|r| *r == issue.code) {
            Some(i) => i,
            None => {
                rules.push(issue.code.clone());
                rules.len() - 1
            }
        };
        let mut physical = json!({ "artifactLocation": { "uri": uri(&report.file) } });
        if let Some(l) = &issue.location {
            physical["region"] = json!({
                "startLine": l.line,
                "startColumn": l.column,
                "endLine": l.end_line,
                "endColumn": l.end_column,
            });
        }
        let mut location = json!({ "physicalLocation": physical });
        if let Some(resource) = &issue.resource {
            location["logicalLocations"] = json!([{
                "name": resource,
                "fullyQualifiedName": format!("{resource}{}", issue.path),
                "kind": "resource",
            }]);
        }
        let mut result = json!({
            "ruleId": issue.code,
            "ruleIndex": index,
            "level": level,
            "message": { "text": issue.message },
            "locations": [location],
        });
        let properties = serde_json::to_value(issue).unwrap_or(Value::Null);
        result["properties"] = json!({ "issue": properties });
        results.push(result);
    }
    let rules: Vec<Value> = rules
        .iter()
        .map(|code| {
            json!({
                "id": code,
                "name": code,
                "shortDescription": { "text": describe(code) },
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "idpool",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/idpool/idpool",
                "rules": rules,
            }},
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).expect("SARIF always serializes")
}

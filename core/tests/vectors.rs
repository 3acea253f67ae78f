//! Runs every shared conformance vector in `tests/vectors/*.json` (the
//! same files the node and C runners read) through `idpool::check`.

use idpool::json::{self, ParseOptions, Value};
use std::path::{Path, PathBuf};

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

/// One expected (path, code, key) triple, as written in a vector.
fn expected_issues(case: &Value<'_>, member: &str) -> Option<Vec<(String, String, bool)>> {
    let list = case.get(member)?.as_array()?;
    Some(
        list.iter()
            .map(|e| {
                (
                    e.get("path")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string(),
                    e.get("code")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string(),
                    matches!(e.get("key"), Some(Value::Bool(true))),
                )
            })
            .collect(),
    )
}

fn actual_issues(issues: &[idpool::Issue]) -> Vec<(String, String, bool)> {
    issues
        .iter()
        .map(|i| (i.path.clone(), i.code.as_str().to_string(), i.key))
        .collect()
}

/// A long string shortened for a failure message.
fn brief(text: Option<&str>) -> String {
    match text {
        Some(t) if t.chars().count() > 400 => {
            let head: String = t.chars().take(300).collect();
            format!("{head:?}... ({} characters)", t.chars().count())
        }
        other => format!("{other:?}"),
    }
}

/// The exceptions of the constraint layer (model traits and the body's
/// syntax), as opposed to the semantic layer's.
fn is_constraint_layer(issue: &idpool::Issue) -> bool {
    matches!(
        issue.exception.as_str(),
        "ValidationException" | "SerializationException" | "ParamValidation"
    )
}

/// Run one case and return its report; `Err` for a case that cannot run.
fn report_for(case: &Value<'_>) -> Result<idpool::Report, String> {
    let target = case
        .get("target")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let input = match (case.get("input"), case.get("inputText")) {
        (Some(value), None) => json::to_string(value),
        (None, Some(Value::String(text))) => text.to_string(),
        _ => return Err("case needs exactly one of input / inputText".into()),
    };
    let operation = case
        .get("operation")
        .and_then(Value::as_str)
        .unwrap_or("check");
    Ok(match (operation, case.get("pool")) {
        ("resolve", _) => idpool::resolve_credentials(&input),
        ("audit", _) => idpool::audit_trust(&input),
        // planUpdate(current, desired), docs/REFERENCE.md section 7: input is
        // {"current": pool, "desired": pool}.
        ("plan", _) => {
            let side = |name: &str| {
                case.get("input")
                    .and_then(|input| input.get(name))
                    .map(json::to_string)
                    .ok_or(format!("plan case has no input.{name}"))
            };
            idpool::plan_update(&side("current")?, &side("desired")?)
        }
        ("check", Some(pool)) => idpool::Checker::new()
            .check_with_pool(target, &input, &json::to_string(pool))
            .map_err(|e| e.to_string())?,
        ("check", None) => idpool::check(target, &input).map_err(|e| e.to_string())?,
        (other, _) => return Err(format!("unknown operation {other:?}")),
    })
}

/// Run one case; `Err` describes every mismatch. With `layer` =
/// `constraint` (vectors made by an oracle of the model's traits alone),
/// only constraint-layer errors are compared, and `ok` means "no
/// constraint-layer error".
fn run_case(case: &Value<'_>, layer: Option<&str>) -> Result<idpool::Report, String> {
    let report = report_for(case)?;
    let operation = case
        .get("operation")
        .and_then(Value::as_str)
        .unwrap_or("check");
    let mut problems = Vec::new();
    let constraint_only = layer == Some("constraint");
    let compared: Vec<idpool::Issue> = report
        .errors
        .iter()
        .filter(|i| !constraint_only || is_constraint_layer(i))
        .cloned()
        .collect();
    let ok = matches!(case.get("ok"), Some(Value::Bool(true)));
    let actual_ok = if constraint_only {
        compared.is_empty()
    } else {
        report.ok
    };
    if actual_ok != ok {
        problems.push(format!("ok: expected {ok}, got {actual_ok}"));
    }
    if let Some(expected) = expected_issues(case, "errors") {
        let actual = actual_issues(&compared);
        if actual != expected {
            problems.push(format!(
                "errors:\n    expected {expected:?}\n    got      {actual:?}"
            ));
        }
    }
    compare_params(case, &compared, &mut problems);
    if let Some(expected) = expected_issues(case, "warnings").filter(|_| !constraint_only) {
        let actual = actual_issues(&report.warnings);
        if actual != expected {
            problems.push(format!(
                "warnings:\n    expected {expected:?}\n    got      {actual:?}"
            ));
        }
    }
    if let Some(service) = case.get("serviceError") {
        let actual = report.service_error.as_ref();
        let kind = service.get("type").and_then(Value::as_str);
        let message = service.get("message").and_then(Value::as_str);
        if kind.is_some() && kind != actual.map(|s| s.kind.as_str()) {
            problems.push(format!(
                "serviceError.type: expected {kind:?}, got {:?}",
                actual.map(|s| &s.kind)
            ));
        }
        if message.is_some() && message != actual.map(|s| s.message.as_str()) {
            problems.push(format!(
                "serviceError.message:\n    expected {}\n    got      {}",
                brief(message),
                brief(actual.map(|s| s.message.as_str()))
            ));
        }
    }
    if let Some(expected) = case.get("decision") {
        let actual = report
            .decision
            .as_ref()
            .map(|d| serde_json::to_string(d).unwrap());
        let expected = serde_json::to_string(
            &serde_json::from_str::<serde_json::Value>(&json::to_string(expected)).unwrap(),
        )
        .unwrap();
        let actual = actual.map(|a| {
            serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&a).unwrap()).unwrap()
        });
        if actual.as_deref() != Some(expected.as_str()) {
            problems.push(format!(
                "decision:\n    expected {expected}\n    got      {actual:?}"
            ));
        }
    } else if report.decision.is_some() && operation == "resolve" {
        problems.push(format!(
            "decision: expected none, got {:?}",
            report.decision
        ));
    }
    if let Some(expected) = case.get("audit") {
        let expected = canonical(&json::to_string(expected));
        let actual = report
            .audit
            .as_ref()
            .map(|a| canonical(&serde_json::to_string(a).unwrap()));
        if actual.as_deref() != Some(expected.as_str()) {
            problems.push(format!(
                "audit:\n    expected {expected}\n    got      {actual:?}"
            ));
        }
    }
    compare_normalization(case, &report, &mut problems);
    compare_plan(case, &report, &mut problems);
    // Whatever the case, the report must survive a JSON round trip.
    let back: idpool::Report =
        serde_json::from_str(&report.to_json()).map_err(|e| e.to_string())?;
    if back != report {
        problems.push("report does not round-trip through JSON".into());
    }
    if problems.is_empty() {
        Ok(report)
    } else {
        Err(problems.join("\n  "))
    }
}

#[test]
fn every_shared_vector_passes() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(vectors_dir())
        .expect("tests/vectors exists")
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no vector files found");
    let options = ParseOptions { max_depth: 1000 };
    let mut total = 0;
    let mut failures = Vec::new();
    let mut dump = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let doc =
            json::parse(&text, &options).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let layer = doc.get("layer").and_then(Value::as_str);
        let cases = doc
            .get("cases")
            .and_then(Value::as_array)
            .unwrap_or_else(|| panic!("{}: no cases", file.display()));
        for case in cases {
            total += 1;
            let name = case
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("(unnamed)");
            let provenance = case.get("provenance").and_then(Value::as_str);
            if !matches!(
                provenance,
                Some("model" | "service" | "documentation" | "our-choice")
            ) {
                failures.push(format!(
                    "{name}: provenance must be model, service, documentation or our-choice"
                ));
            }
            let file_name = file.file_name().unwrap().to_string_lossy();
            match run_case(case, layer) {
                Ok(report) => dump.push(format!(
                    "{{\"file\":{},\"name\":{},\"report\":{}}}",
                    serde_json::to_string(&file_name).unwrap(),
                    serde_json::to_string(name).unwrap(),
                    report.to_json()
                )),
                Err(problem) => failures.push(format!("{file_name}: {name}\n  {problem}")),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} vectors failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    // Every report, for the node and C runners to compare byte for byte.
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("vector-reports.jsonl");
    std::fs::write(&out, dump.join("\n") + "\n").unwrap();
    eprintln!(
        "{total} vectors passed; reports written to {}",
        out.display()
    );
}

/// JSON text with object members sorted (serde_json's default map).
fn canonical(text: &str) -> String {
    serde_json::to_string(&serde_json::from_str::<serde_json::Value>(text).unwrap()).unwrap()
}

/// Each expected error's `params`, when given: every member given must
/// equal the actual issue's.
fn compare_params(case: &Value<'_>, actual: &[idpool::Issue], problems: &mut Vec<String>) {
    let Some(list) = case.get("errors").and_then(Value::as_array) else {
        return;
    };
    for (i, expected) in list.iter().enumerate() {
        let Some(Value::Object(params)) = expected.get("params") else {
            continue;
        };
        let Some(issue) = actual.get(i) else {
            continue;
        };
        let got = serde_json::to_value(&issue.params).unwrap();
        for (name, value) in params {
            let want: serde_json::Value = serde_json::from_str(&json::to_string(value)).unwrap();
            if got.get(name.as_ref()) != Some(&want) {
                problems.push(format!(
                    "errors[{i}].params.{name}: expected {want}, got {:?}",
                    got.get(name.as_ref())
                ));
            }
        }
    }
}

/// `normalized` (the expected canonical value, `null` for none) and
/// `changes` (the ordered `{path, code}` list), when the case gives them.
fn compare_normalization(case: &Value<'_>, report: &idpool::Report, problems: &mut Vec<String>) {
    if let Some(expected) = case.get("normalized") {
        let expected = match expected {
            Value::Null => None,
            value => Some(json::to_string(value)),
        };
        let actual = report
            .normalized
            .as_ref()
            .map(|n| json::to_string(&n.value()));
        if actual != expected {
            problems.push(format!(
                "normalized:\n    expected {}\n    got      {}",
                brief(expected.as_deref()),
                brief(actual.as_deref())
            ));
        }
    }
    if let Some(list) = case.get("changes").and_then(Value::as_array) {
        let expected: Vec<(String, String)> = list
            .iter()
            .map(|e| (field(e, "path"), field(e, "code")))
            .collect();
        let actual: Vec<(String, String)> = report
            .changes
            .iter()
            .map(|c| (c.path.clone(), serde_name(&c.code)))
            .collect();
        if actual != expected {
            problems.push(format!(
                "changes:\n    expected {expected:?}\n    got      {actual:?}"
            ));
        }
    }
}

/// `planChanges` (the ordered `{path, op}` list, `null` for no plan) and
/// `effective`, when the case gives them.
fn compare_plan(case: &Value<'_>, report: &idpool::Report, problems: &mut Vec<String>) {
    if let Some(expected) = case.get("planChanges") {
        let expected: Option<Vec<(String, String)>> = expected.as_array().map(|list| {
            list.iter()
                .map(|e| (field(e, "path"), field(e, "op")))
                .collect()
        });
        let actual: Option<Vec<(String, String)>> = report.plan.as_ref().map(|plan| {
            plan.changes
                .iter()
                .map(|c| (c.path.clone(), serde_name(&c.op)))
                .collect()
        });
        if actual != expected {
            problems.push(format!(
                "planChanges:\n    expected {expected:?}\n    got      {actual:?}"
            ));
        }
    }
    if let Some(expected) = case.get("effective") {
        let expected = json::to_string(expected);
        let actual = report.plan.as_ref().map(|p| json::to_string(&p.effective));
        if actual.as_deref() != Some(expected.as_str()) {
            problems.push(format!(
                "effective:\n    expected {expected}\n    got      {actual:?}"
            ));
        }
    }
}

/// The string member `name` of a vector object (empty if absent).
fn field(entry: &Value<'_>, name: &str) -> String {
    entry
        .get(name)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// The JSON name of a unit enum such as `ChangeCode` or `PlanOp`.
fn serde_name(value: &impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

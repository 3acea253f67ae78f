//! Properties over mutated fixture templates:
//!
//! 1. replacing any known value under a resource's Properties by an
//!    unknown intrinsic (`Fn::ImportValue`, or `Ref` of a parameter without
//!    a default) never adds an error;
//! 2. every issue's location names a value of the template (its pointer
//!    resolves) and its span is that value's span (or the span of the key
//!    leading to it), whatever the layout (compact JSON, pretty JSON, or
//!    the same text read as YAML flow style), with non-ASCII text around.

use idpool_iac::tree::{Node, Value as TreeValue};
use idpool_iac::{Options, TemplateReport, lint_text};
use proptest::prelude::*;
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;
use std::path::PathBuf;

const FIXTURES: &[&str] = &[
    "cfn/docs-role-attachment.yaml",
    "cfn/p1-provider-url.json",
    "cfn/p2-region-typo.yaml",
    "cfn/p3-duplicate-attachment.yaml",
    "cfn/p4-ref-role.yaml",
    "cfn/p5-ref-userpool.yaml",
    "cfn/p6-camel-case-mapping.json",
    "cfn/p8-sub-name.yaml",
    "cfn/tags-and-json-strings.yaml",
    "cfn/parameter-default.yaml",
    "cfn/rules-and-paths.yaml",
    "cfn/shapes-and-functions.yaml",
    "cfn/unknowns.yaml",
    "cfn/yaml11.yaml",
    "cdk.out/IdentityStack.template.json",
    "cdk.out/assembly-Prod/ProdIdentityStack.template.json",
];

fn to_json(node: &Node) -> Value {
    match &node.value {
        TreeValue::Null => Value::Null,
        TreeValue::Bool(b) => Value::Bool(*b),
        TreeValue::Number(n) => serde_json::from_str(n).unwrap_or(Value::String(n.clone())),
        TreeValue::String(s) => Value::String(s.clone()),
        TreeValue::Array(items) => Value::Array(items.iter().map(to_json).collect()),
        TreeValue::Object(members) => Value::Object(
            members
                .iter()
                .map(|m| (m.key.clone(), to_json(&m.value)))
                .collect::<Map<_, _>>(),
        ),
    }
}

fn templates() -> Vec<Value> {
    FIXTURES
        .iter()
        .map(|rel| {
            let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(rel);
            let text = std::fs::read_to_string(path).unwrap();
            let doc = if text.trim_start().starts_with('{') {
                idpool_iac::json::read(&text).unwrap()
            } else {
                idpool_iac::yaml::read(&text).unwrap()
            };
            let mut value = to_json(&doc.root);
            let parameters = value
                .as_object_mut()
                .unwrap()
                .entry("Parameters")
                .or_insert_with(|| json!({}));
            parameters["Unset"] = json!({"Type": "String"});
            value
        })
        .collect()
}

/// JSON Pointers of every value under some resource's Properties.
fn property_pointers(template: &Value) -> Vec<String> {
    fn walk(value: &Value, pointer: String, out: &mut Vec<String>) {
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let p = format!("{pointer}/{i}");
                    out.push(p.clone());
                    walk(item, p, out);
                }
            }
            Value::Object(members) => {
                for (k, v) in members {
                    let p = format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1"));
                    out.push(p.clone());
                    walk(v, p, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Some(resources) = template["Resources"].as_object() {
        for (id, resource) in resources {
            if let Some(props) = resource.get("Properties") {
                let base = format!(
                    "/Resources/{}/Properties",
                    id.replace('~', "~0").replace('/', "~1")
                );
                walk(props, base, &mut out);
            }
        }
    }
    out
}

fn errors(report: &TemplateReport) -> BTreeSet<(String, String, String)> {
    report
        .errors
        .iter()
        .map(|i| {
            (
                i.code.clone(),
                i.resource.clone().unwrap_or_default(),
                i.location
                    .as_ref()
                    .map(|l| l.pointer.clone())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

fn check_positions(text: &str, report: &TemplateReport) -> Result<(), TestCaseError> {
    let doc = if text.starts_with('{') {
        idpool_iac::json::read(text).unwrap()
    } else {
        idpool_iac::yaml::read(text).unwrap()
    };
    for issue in report.errors.iter().chain(&report.warnings) {
        if issue.resource.is_none() {
            continue;
        }
        let location = issue
            .location
            .as_ref()
            .expect("resource issues are located");
        let Some((node, key_span)) = doc.root.at_pointer(&location.pointer) else {
            return Err(TestCaseError::fail(format!(
                "{} points nowhere: {}",
                location.pointer, issue.message
            )));
        };
        let at = (
            location.line,
            location.column,
            location.end_line,
            location.end_column,
        );
        let span =
            |s: idpool_iac::tree::Span| (s.start.line, s.start.column, s.end.line, s.end.column);
        // A string the service would echo is the very string written there.
        if let (Some(aws), Some(text), false) = (&issue.aws_message, node.as_str(), issue.key) {
            let rendered = aws.starts_with("Value '{") || aws.starts_with("Value '[");
            if matches!(issue.code.as_str(), "pattern" | "length")
                && aws.starts_with("Value '")
                && !rendered
            {
                prop_assert!(
                    aws.starts_with(&format!("Value '{text}' at")),
                    "{} says {:?} but the template has {:?} at {}",
                    issue.code,
                    aws,
                    text,
                    location.pointer
                );
            }
        }
        prop_assert!(
            at == span(node.span) || key_span.is_some_and(|k| at == span(k)),
            "{} at {:?}, value at {:?}, key at {:?}",
            location.pointer,
            at,
            span(node.span),
            key_span.map(span)
        );
    }
    Ok(())
}

fn pointer_mut<'a>(value: &'a mut Value, pointer: &str) -> Option<&'a mut Value> {
    value.pointer_mut(pointer)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn an_unknown_value_never_adds_an_error(
        which in 0..FIXTURES.len(),
        pick in any::<prop::sample::Index>(),
        form in 0..2usize,
    ) {
        let all = templates();
        let template = &all[which];
        let pointers = property_pointers(template);
        prop_assume!(!pointers.is_empty());
        let pointer = pick.get(&pointers);
        let before = lint_text("t.json", &template.to_string(), &Options::default());
        let mut changed = template.clone();
        let unknown = if form == 0 { json!({"Fn::ImportValue": "Elsewhere"}) } else { json!({"Ref": "Unset"}) };
        *pointer_mut(&mut changed, pointer).unwrap() = unknown;
        let after = lint_text("t.json", &changed.to_string(), &Options::default());
        let added: Vec<_> = errors(&after).difference(&errors(&before)).cloned().collect();
        prop_assert!(added.is_empty(), "replacing {} added {:?}", pointer, added);
    }

    #[test]
    fn locations_point_at_the_reported_value(
        which in 0..FIXTURES.len(),
        picks in prop::collection::vec(any::<prop::sample::Index>(), 0..3),
        replacement in prop::sample::select(vec![
            json!("a#b"), json!("é ü"), json!(""), json!(12), json!(true), json!(null),
            json!("arn:aws:iam::123456789012:role/x"), json!(["x", "ÿ"]), json!({"k": "v v"}),
            json!({"Ref": "AWS::Region"}), json!({"Fn::Sub": "x:${AWS::StackName}"}),
        ]),
        layout in 0..3usize,
    ) {
        let all = templates();
        let mut template = all[which].clone();
        let pointers = property_pointers(&template);
        for pick in &picks {
            if pointers.is_empty() { break; }
            let pointer = pick.get(&pointers);
            if let Some(slot) = pointer_mut(&mut template, pointer) {
                *slot = replacement.clone();
            }
        }
        let text = match layout {
            0 => template.to_string(),
            1 => serde_json::to_string_pretty(&template).unwrap(),
            // JSON is YAML flow style; a leading comment makes the reader YAML.
            _ => format!("# é\n{}", serde_json::to_string_pretty(&template).unwrap()),
        };
        let report = lint_text("t", &text, &Options::default());
        check_positions(&text, &report)?;
    }
}

const PLANS: &[&str] = &[
    "terraform/docs-example.plan.json",
    "terraform/lifecycle.plan.json",
];

fn plans() -> Vec<Value> {
    PLANS
        .iter()
        .map(|rel| {
            let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(rel);
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
        })
        .collect()
}

/// (change index, path inside `after`) of every planned value.
fn after_paths(plan: &Value) -> Vec<(usize, Vec<String>)> {
    fn walk(value: &Value, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let mut p = path.clone();
                    p.push(i.to_string());
                    out.push(p.clone());
                    walk(item, p, out);
                }
            }
            Value::Object(members) => {
                for (k, v) in members {
                    let mut p = path.clone();
                    p.push(k.clone());
                    out.push(p.clone());
                    walk(v, p, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (i, rc) in plan["resource_changes"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let mut paths = Vec::new();
        walk(&rc["change"]["after"], Vec::new(), &mut paths);
        out.extend(paths.into_iter().map(|p| (i, p)));
    }
    out
}

/// Make one planned value "known after apply", as Terraform writes it: an
/// object attribute leaves `after`, a list element becomes `null`, and
/// `after_unknown` says `true` at the same place.
fn make_unknown(plan: &mut Value, change: usize, path: &[String]) {
    let rc = &mut plan["resource_changes"][change]["change"];
    let mut after = rc["after"].take();
    let mut unknown = rc["after_unknown"].take();
    mark(&mut after, &mut unknown, path);
    rc["after"] = after;
    rc["after_unknown"] = unknown;
}

fn container_like(value: &Value) -> Value {
    if value.is_array() {
        json!([])
    } else {
        json!({})
    }
}

fn mark(after: &mut Value, unknown: &mut Value, path: &[String]) {
    let Some((token, rest)) = path.split_first() else {
        return;
    };
    match after {
        Value::Array(items) => {
            let i: usize = token.parse().unwrap();
            if !unknown.is_array() {
                *unknown = json!([]);
            }
            let marks = unknown.as_array_mut().unwrap();
            marks.resize(items.len(), json!(false));
            if rest.is_empty() {
                items[i] = Value::Null;
                marks[i] = json!(true);
                return;
            }
            if !(marks[i].is_object() || marks[i].is_array()) {
                marks[i] = container_like(&items[i]);
            }
            mark(&mut items[i], &mut marks[i], rest);
        }
        Value::Object(members) => {
            if !unknown.is_object() {
                *unknown = json!({});
            }
            let marks = unknown.as_object_mut().unwrap();
            if rest.is_empty() {
                members.remove(token);
                marks.insert(token.clone(), json!(true));
                return;
            }
            let child = members.get_mut(token).unwrap();
            let slot = marks.entry(token.clone()).or_insert(Value::Null);
            if !(slot.is_object() || slot.is_array()) {
                *slot = container_like(child);
            }
            mark(child, slot, rest);
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn a_value_known_after_apply_never_adds_an_error(
        which in 0..PLANS.len(),
        pick in any::<prop::sample::Index>(),
    ) {
        let all = plans();
        let plan = &all[which];
        let paths = after_paths(plan);
        let (change, path) = pick.get(&paths).clone();
        let before = lint_text("plan.json", &plan.to_string(), &Options::default());
        let mut changed = plan.clone();
        make_unknown(&mut changed, change, &path);
        let after = lint_text("plan.json", &changed.to_string(), &Options::default());
        let added: Vec<_> = errors(&after).difference(&errors(&before)).cloned().collect();
        prop_assert!(added.is_empty(), "making {:?} of change {} unknown added {:?}", path, change, added);
        check_positions(&changed.to_string(), &after)?;
    }
}

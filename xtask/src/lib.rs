//! Code generation for idpool.
//!
//! Three steps, all pure functions so that a test can rerun them:
//!
//! 1. [`strip_model`]: the official service model (botocore JSON, committed
//!    at `model/`, provenance in `model/SOURCES.md`) → a facts-only copy
//!    (types, members, required, bounds, patterns, enums, sensitive,
//!    exception flags; no documentation text), committed at
//!    `core/model/cognito-identity.json`.
//! 2. [`generate_table`]: that stripped copy → the Rust constraint table at
//!    `core/src/schema/generated.rs`.
//! 3. [`generate_patterns`]: the stripped copy's patterns → straight-line
//!    matchers at `core/src/pattern/generated.rs` ([`pattern`]), refusing
//!    any regular-expression syntax the generator does not understand.
//! 4. [`generate_roles`]: our annotations in `model/roles.json` (the role
//!    each shape, member, list entry or map value plays for the semantic and
//!    normalization rules), checked name by name against the stripped copy
//!    → the roles table at `core/src/schema/roles.rs` ([`roles`]).
//!
//! Dev-only, never shipped: [`oracle`], a general Java-regex engine the
//! tests compare the generated matchers with, and [`unicode`], the general
//! category tables both use.

pub mod oracle;
pub mod pattern;
pub mod roles;
pub mod unicode;

pub use roles::{GENERATED_ROLES, ROLES_SOURCE, generate_roles};

pub mod header;

use serde_json::{Map, Value, json};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The official model, relative to the repository root.
pub const OFFICIAL_MODEL: &str = "model/cognito-identity-2014-06-30.service-2.json";
/// The committed stripped copy, relative to the repository root.
pub const STRIPPED_MODEL: &str = "core/model/cognito-identity.json";
/// The generated Rust table, relative to the repository root.
pub const GENERATED_TABLE: &str = "core/src/schema/generated.rs";
/// The generated pattern matchers, relative to the repository root.
pub const GENERATED_PATTERNS: &str = "core/src/pattern/generated.rs";

/// Shape keys kept by [`strip_model`]; everything else (documentation,
/// deprecation notes, HTTP bindings) is dropped.
const SHAPE_FACTS: &[&str] = &[
    "type",
    "required",
    "min",
    "max",
    "pattern",
    "enum",
    "sensitive",
    "exception",
    "fault",
];

/// The repository root (the parent of this crate's folder).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the repository root")
        .to_path_buf()
}

/// Strip the official model down to the facts the validator needs.
pub fn strip_model(official: &str) -> Result<String, String> {
    let model: Value = serde_json::from_str(official).map_err(|e| format!("model: {e}"))?;
    let metadata = model.get("metadata").ok_or("model has no metadata")?;
    let mut out = Map::new();
    out.insert(
        "metadata".into(),
        json!({
            "apiVersion": metadata["apiVersion"],
            "serviceId": metadata["serviceId"],
            "protocol": metadata["protocol"],
            "jsonVersion": metadata["jsonVersion"],
            "targetPrefix": metadata["targetPrefix"],
        }),
    );
    out.insert(
        "source".into(),
        json!("botocore/data/cognito-identity/2014-06-30/service-2.json (see model/SOURCES.md); facts only, descriptive text removed"),
    );

    let operations = model["operations"]
        .as_object()
        .ok_or("model has no operations")?;
    let mut ops = Map::new();
    for (name, op) in operations {
        let mut o = Map::new();
        for key in ["input", "output"] {
            if let Some(shape) = op.get(key).and_then(|s| s.get("shape")) {
                o.insert(key.into(), shape.clone());
            }
        }
        let errors: Vec<Value> = op
            .get("errors")
            .and_then(Value::as_array)
            .map(|errors| errors.iter().map(|e| e["shape"].clone()).collect())
            .unwrap_or_default();
        o.insert("errors".into(), Value::Array(errors));
        ops.insert(name.clone(), Value::Object(o));
    }
    out.insert("operations".into(), Value::Object(ops));

    let shapes = model["shapes"].as_object().ok_or("model has no shapes")?;
    let mut stripped = Map::new();
    for (name, shape) in shapes {
        let shape = shape
            .as_object()
            .ok_or_else(|| format!("shape {name} is not an object"))?;
        let mut s = Map::new();
        for key in SHAPE_FACTS {
            if let Some(value) = shape.get(*key) {
                s.insert((*key).into(), value.clone());
            }
        }
        for key in ["member", "key", "value"] {
            if let Some(target) = shape.get(key).and_then(|t| t.get("shape")) {
                s.insert(key.into(), json!({ "shape": target }));
            }
        }
        if let Some(members) = shape.get("members").and_then(Value::as_object) {
            let mut m = Map::new();
            for (member, target) in members {
                m.insert(member.clone(), json!({ "shape": target["shape"] }));
            }
            s.insert("members".into(), Value::Object(m));
        }
        stripped.insert(name.clone(), Value::Object(s));
    }
    out.insert("shapes".into(), Value::Object(stripped));
    let mut text = serde_json::to_string_pretty(&Value::Object(out)).map_err(|e| e.to_string())?;
    text.push('\n');
    Ok(text)
}

/// `IdentityPoolName` → `IDENTITY_POOL_NAME`, `OIDCProviderList` →
/// `OIDC_PROVIDER_LIST`.
pub fn constant_name(shape: &str) -> String {
    let chars: Vec<char> = shape.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if i > 0 && c.is_ascii_uppercase() {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next_lower)
            {
                out.push('_');
            }
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

/// The member name as the service writes it in validation messages.
fn service_name(member: &str) -> String {
    let mut chars = member.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

fn bound(shape: &Map<String, Value>, key: &str) -> Result<String, String> {
    Ok(match shape.get(key) {
        None => "None".into(),
        Some(v) => format!(
            "Some({})",
            v.as_i64()
                .ok_or_else(|| format!("{key} is not an integer"))?
        ),
    })
}

fn bounds(shape: &Map<String, Value>) -> Result<String, String> {
    Ok(format!(
        "Bounds {{ min: {}, max: {} }}",
        bound(shape, "min")?,
        bound(shape, "max")?
    ))
}

/// The model's distinct patterns, in order of first use by shape name:
/// index `i` is the `pattern_index` of the table and the matcher `i` of
/// the generated pattern module.
fn distinct_patterns(shapes: &Map<String, Value>) -> Vec<String> {
    let mut names: Vec<&String> = shapes.keys().collect();
    names.sort();
    let mut patterns: Vec<String> = Vec::new();
    for name in names {
        if let Some(p) = shapes[name.as_str()].get("pattern").and_then(Value::as_str)
            && !patterns.iter().any(|q| q == p)
        {
            patterns.push(p.to_string());
        }
    }
    patterns
}

/// Generate the pattern matchers from the stripped model. Fails, naming the
/// pattern and position, when a pattern uses syntax the generator does not
/// understand.
pub fn generate_patterns(stripped: &str) -> Result<String, String> {
    let model: Value =
        serde_json::from_str(stripped).map_err(|e| format!("stripped model: {e}"))?;
    let shapes = model["shapes"].as_object().ok_or("no shapes")?;
    pattern::generate(&distinct_patterns(shapes)).map_err(|e| e.to_string())
}

/// Generate the Rust constraint table from the stripped model.
pub fn generate_table(stripped: &str) -> Result<String, String> {
    let model: Value =
        serde_json::from_str(stripped).map_err(|e| format!("stripped model: {e}"))?;
    let shapes = model["shapes"].as_object().ok_or("no shapes")?;
    let operations = model["operations"].as_object().ok_or("no operations")?;
    let mut names: Vec<&String> = shapes.keys().collect();
    names.sort();
    let index_of = |name: &str| -> Result<usize, String> {
        names
            .binary_search_by(|n| n.as_str().cmp(name))
            .map_err(|_| format!("unknown shape {name}"))
    };
    let shape_ref = |name: &Value| -> Result<String, String> {
        let name = name.as_str().ok_or("shape reference is not a string")?;
        index_of(name)?;
        Ok(format!("ShapeId::{}", constant_name(name)))
    };

    let patterns = distinct_patterns(shapes);

    let mut out = String::new();
    let api_version = model["metadata"]["apiVersion"]
        .as_str()
        .ok_or("no apiVersion")?;
    writeln!(
        out,
        "// @generated by `cargo run -p xtask -- codegen` from core/model/cognito-identity.json."
    )
    .unwrap();
    writeln!(
        out,
        "// Do not edit: a test regenerates this file and fails on any difference."
    )
    .unwrap();
    writeln!(out).unwrap();
    writeln!(
        out,
        "use super::{{Bounds, Member, Operation, Shape, ShapeId, ShapeKind, StringRules}};"
    )
    .unwrap();
    writeln!(out).unwrap();
    writeln!(
        out,
        "/// The API version of the service model the table was generated from."
    )
    .unwrap();
    writeln!(out, "pub const MODEL_API_VERSION: &str = {api_version:?};").unwrap();
    writeln!(out).unwrap();
    writeln!(out, "#[allow(missing_docs)]").unwrap();
    writeln!(out, "impl ShapeId {{").unwrap();
    for (i, name) in names.iter().enumerate() {
        writeln!(
            out,
            "    pub const {}: ShapeId = ShapeId({i});",
            constant_name(name)
        )
        .unwrap();
    }
    writeln!(out, "}}").unwrap();
    writeln!(out).unwrap();

    writeln!(out, "/// Every shape, sorted by name.").unwrap();
    writeln!(
        out,
        "pub(crate) static SHAPES: [Shape; {}] = [",
        names.len()
    )
    .unwrap();
    for name in &names {
        let shape = shapes[name.as_str()]
            .as_object()
            .ok_or("shape is not an object")?;
        let ty = shape
            .get("type")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("{name}: no type"))?;
        let kind = match ty {
            "string" => {
                let pattern = shape.get("pattern").and_then(Value::as_str);
                let pattern_index = pattern.map(|p| patterns.iter().position(|q| q == p).unwrap());
                let enums: Vec<String> = shape
                    .get("enum")
                    .and_then(Value::as_array)
                    .map(|values| {
                        values
                            .iter()
                            .map(|v| format!("{:?}", v.as_str().unwrap_or_default()))
                            .collect()
                    })
                    .unwrap_or_default();
                format!(
                    "ShapeKind::String(StringRules {{ bounds: {}, pattern: {}, pattern_index: {}, enum_values: &[{}], sensitive: {} }})",
                    bounds(shape)?,
                    pattern.map_or("None".into(), |p| format!("Some({p:?})")),
                    pattern_index.map_or("None".into(), |i| format!("Some({i})")),
                    enums.join(", "),
                    shape
                        .get("sensitive")
                        .and_then(Value::as_bool)
                        .unwrap_or(false),
                )
            }
            "boolean" => "ShapeKind::Boolean".into(),
            "integer" => format!("ShapeKind::Integer({})", bounds(shape)?),
            "long" => format!("ShapeKind::Long({})", bounds(shape)?),
            "timestamp" => "ShapeKind::Timestamp".into(),
            "list" => format!(
                "ShapeKind::List {{ member: {}, bounds: {} }}",
                shape_ref(&shape["member"]["shape"])?,
                bounds(shape)?
            ),
            "map" => format!(
                "ShapeKind::Map {{ key: {}, value: {}, bounds: {} }}",
                shape_ref(&shape["key"]["shape"])?,
                shape_ref(&shape["value"]["shape"])?,
                bounds(shape)?
            ),
            "structure" => {
                let required: Vec<&str> = shape
                    .get("required")
                    .and_then(Value::as_array)
                    .map(|r| r.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                let members = shape
                    .get("members")
                    .and_then(Value::as_object)
                    .ok_or_else(|| format!("{name}: no members"))?;
                for r in &required {
                    if !members.contains_key(*r) {
                        return Err(format!("{name}: required member {r} does not exist"));
                    }
                }
                let mut m = String::from("ShapeKind::Structure(&[");
                for (member, target) in members {
                    write!(
                        m,
                        "\n        Member {{ name: {member:?}, service_name: {:?}, shape: {}, required: {} }},",
                        service_name(member),
                        shape_ref(&target["shape"])?,
                        required.contains(&member.as_str())
                    )
                    .unwrap();
                }
                if !members.is_empty() {
                    m.push_str("\n    ");
                }
                m.push_str("])");
                m
            }
            other => return Err(format!("{name}: unsupported type {other}")),
        };
        let exception = shape
            .get("exception")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        writeln!(
            out,
            "    Shape {{ name: {name:?}, exception: {exception}, kind: {kind} }},"
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(out).unwrap();

    let mut op_names: Vec<&String> = operations.keys().collect();
    op_names.sort();
    writeln!(out, "/// Every operation, sorted by name.").unwrap();
    writeln!(
        out,
        "pub(crate) static OPERATIONS: [Operation; {}] = [",
        op_names.len()
    )
    .unwrap();
    for name in op_names {
        let op = &operations[name.as_str()];
        let opt = |key: &str| -> Result<String, String> {
            match op.get(key) {
                Some(shape) => Ok(format!("Some({})", shape_ref(shape)?)),
                None => Ok("None".into()),
            }
        };
        let errors: Vec<String> = op["errors"]
            .as_array()
            .ok_or("errors is not an array")?
            .iter()
            .map(shape_ref)
            .collect::<Result<_, _>>()?;
        writeln!(
            out,
            "    Operation {{ name: {name:?}, input: {}, output: {}, errors: &[{}] }},",
            opt("input")?,
            opt("output")?,
            errors.join(", ")
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();
    Ok(out)
}

/// Regenerate the four files from the official model and our roles
/// annotations in `model/`. Nothing is written unless every step succeeds.
pub fn codegen(root: &Path) -> Result<Vec<PathBuf>, String> {
    let official = root.join(OFFICIAL_MODEL);
    let text =
        std::fs::read_to_string(&official).map_err(|e| format!("{}: {e}", official.display()))?;
    let stripped = strip_model(&text)?;
    let roles_path = root.join(ROLES_SOURCE);
    let annotations = std::fs::read_to_string(&roles_path)
        .map_err(|e| format!("{}: {e}", roles_path.display()))?;
    let outputs = [
        (STRIPPED_MODEL, stripped.clone()),
        (GENERATED_TABLE, generate_table(&stripped)?),
        (GENERATED_PATTERNS, generate_patterns(&stripped)?),
        (GENERATED_ROLES, generate_roles(&stripped, &annotations)?),
    ];
    let mut written = Vec::new();
    for (relative, contents) in outputs {
        let path = root.join(relative);
        std::fs::write(&path, contents).map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

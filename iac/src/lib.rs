//! Check Amazon Cognito identity pools defined as infrastructure as code
//! with the same rules as API inputs.
//!
//! Inputs, detected from content: CloudFormation templates in JSON or YAML
//! (short-form tags included), CDK cloud assemblies (`cdk.out`, read
//! through `manifest.json`, nested assemblies included) and Terraform plans
//! as JSON (`terraform show -json plan.out`). Each identity-pool resource
//! is translated into the input of its API operation and checked by the
//! `idpool` core; every issue keeps the core's fields and adds the resource
//! and its place in the template text. One [`TemplateReport`] per file.
//!
//! ```
//! let template = r#"
//! Resources:
//!   Pool:
//!     Type: AWS::Cognito::IdentityPool
//!     Properties:
//!       IdentityPoolName: "my#pool"
//!       AllowUnauthenticatedIdentities: false
//! "#;
//! let report = idpool_iac::lint_text("template.yaml", template, &idpool_iac::Options::default());
//! assert!(!report.ok);
//! let issue = &report.errors[0];
//! assert_eq!(issue.code, "pattern");
//! assert_eq!(issue.resource.as_deref(), Some("Pool"));
//! let location = issue.location.as_ref().unwrap();
//! assert_eq!((location.line, location.column), (6, 25));
//! assert!(idpool_iac::render::text(&[report])
//!     .starts_with("template.yaml:6:25: error[pattern] IdentityPoolName must match the pattern"));
//! ```

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod cfn;
mod convert;
mod eval;
pub mod json;
pub mod render;
pub mod report;
mod resource;
mod terraform;
pub mod tree;
pub mod yaml;

pub use report::{Location, ResourceInfo, TemplateIssue, TemplateParams, TemplateReport};

use std::path::{Component, Path};

/// How templates are read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Resolves `AWS::Region`, and with it `AWS::Partition` and `AWS::URLSuffix`.
    pub region: Option<String>,
    /// Resolves `AWS::AccountId`.
    pub account: Option<String>,
    /// Largest file read, in bytes (default 32 MiB); larger files get a
    /// `template_syntax` error and are not read.
    pub max_bytes: u64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            region: None,
            account: None,
            max_bytes: 32 << 20,
        }
    }
}

/// Deepest nesting of CDK cloud assemblies followed.
const MAX_ASSEMBLY_DEPTH: usize = 8;

fn failure(file: &str, message: String, location: Option<Location>) -> TemplateReport {
    let mut issue = TemplateIssue::new("template_syntax", message);
    issue.location = location;
    TemplateReport::new(file, vec![issue], Vec::new(), Vec::new())
}

/// Check one template or plan given as text (`name` is what the report
/// calls the file, `-` for standard input). The kind is detected from the
/// content: a text starting with `{` is JSON, anything else YAML; a
/// document with `format_version` and `resource_changes` is a Terraform
/// plan, one with `Resources` a CloudFormation template.
pub fn lint_text(name: &str, text: &str, options: &Options) -> TemplateReport {
    if text.len() as u64 > options.max_bytes {
        return failure(
            name,
            format!(
                "The file is larger than the limit of {} bytes; it was not read.",
                options.max_bytes
            ),
            None,
        );
    }
    let trimmed = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let read = if trimmed.starts_with('{') {
        json::read(text)
    } else {
        yaml::read(text)
    };
    let doc = match read {
        Ok(doc) => doc,
        Err(error) => {
            return failure(
                name,
                format!("The file cannot be read: {}.", error.message),
                Some(Location::new("", tree::Span::at(error.pos))),
            );
        }
    };
    if terraform::is_plan(&doc.root) {
        terraform::check(name, &doc)
    } else if cfn::is_template(&doc.root) {
        cfn::check(name, &doc, options)
    } else {
        failure(
            name,
            "This is neither a CloudFormation template (no Resources section) nor a Terraform plan (no format_version and resource_changes).".to_string(),
            Some(Location::new("", doc.root.span)),
        )
    }
}

/// Check a file, or a CDK cloud assembly directory (or its
/// `manifest.json`): one report per template file.
pub fn lint_path(path: &Path, options: &Options) -> Vec<TemplateReport> {
    if path.is_dir() {
        return assembly(path, options, 0);
    }
    if path.file_name().is_some_and(|n| n == "manifest.json")
        && let Some(dir) = path.parent()
    {
        let text = read_file(path, options);
        if let Ok(text) = &text
            && json::read(text).is_ok_and(|d| d.root.get("artifacts").is_some())
        {
            return assembly(
                if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    dir
                },
                options,
                0,
            );
        }
    }
    let name = path.display().to_string();
    match read_file(path, options) {
        Ok(text) => vec![lint_text(&name, &text, options)],
        Err(message) => vec![failure(&name, message, None)],
    }
}

fn read_file(path: &Path, options: &Options) -> Result<String, String> {
    let size = std::fs::metadata(path)
        .map_err(|e| format!("The file cannot be read: {e}."))?
        .len();
    if size > options.max_bytes {
        return Err(format!(
            "The file is larger than the limit of {} bytes; it was not read.",
            options.max_bytes
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("The file cannot be read: {e}."))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "The file is not UTF-8 text (invalid byte at offset {}).",
            e.utf8_error().valid_up_to()
        )
    })
}

/// A path inside an assembly: relative, without `..`.
fn inside(dir: &Path, relative: &str) -> Option<std::path::PathBuf> {
    let rel = Path::new(relative);
    rel.components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
        .then(|| dir.join(rel))
}

/// A CDK cloud assembly: `manifest.json` lists artifacts; stacks name their
/// template (`properties.templateFile`), nested assemblies (stages) their
/// directory (`properties.directoryName`). Format: the cloud assembly
/// schema of aws-cdk (`packages/@aws-cdk/cloud-assembly-schema`).
fn assembly(dir: &Path, options: &Options, depth: usize) -> Vec<TemplateReport> {
    let manifest_path = dir.join("manifest.json");
    let name = manifest_path.display().to_string();
    let text = match read_file(&manifest_path, options) {
        Ok(text) => text,
        Err(message) => {
            return vec![failure(
                &name,
                format!(
                    "{} A directory is read as a CDK cloud assembly, which has a manifest.json.",
                    message
                ),
                None,
            )];
        }
    };
    let manifest = match json::read(&text) {
        Ok(doc) => doc,
        Err(error) => {
            return vec![failure(
                &name,
                format!("The manifest cannot be read: {}.", error.message),
                Some(Location::new("", tree::Span::at(error.pos))),
            )];
        }
    };
    let mut reports = Vec::new();
    let artifacts = manifest
        .root
        .get("artifacts")
        .and_then(tree::Node::as_object)
        .unwrap_or_default();
    for artifact in artifacts {
        let kind = artifact.value.get("type").and_then(tree::Node::as_str);
        let properties = artifact.value.get("properties");
        let pointer = tree::child_pointer("/artifacts", &artifact.key);
        match kind {
            Some("aws:cloudformation:stack") => {
                let Some(file) = properties
                    .and_then(|p| p.get("templateFile"))
                    .and_then(tree::Node::as_str)
                else {
                    continue;
                };
                match inside(dir, file) {
                    Some(path) => {
                        let shown = path.display().to_string();
                        match read_file(&path, options) {
                            Ok(text) => reports.push(lint_text(&shown, &text, options)),
                            Err(message) => reports.push(failure(&shown, message, None)),
                        }
                    }
                    None => reports.push(failure(
                        &name,
                        format!(
                            "The template file {file:?} is not a relative path inside the assembly."
                        ),
                        Some(Location::new(pointer, artifact.key_span)),
                    )),
                }
            }
            Some("cdk:cloud-assembly") => {
                let Some(sub) = properties
                    .and_then(|p| p.get("directoryName"))
                    .and_then(tree::Node::as_str)
                else {
                    continue;
                };
                match inside(dir, sub) {
                    Some(path) if depth < MAX_ASSEMBLY_DEPTH => {
                        reports.extend(assembly(&path, options, depth + 1));
                    }
                    _ => reports.push(failure(
                        &name,
                        format!("The nested assembly {sub:?} is not a relative path inside the assembly, or nests deeper than {MAX_ASSEMBLY_DEPTH} levels."),
                        Some(Location::new(pointer, artifact.key_span)),
                    )),
                }
            }
            _ => {}
        }
    }
    reports
}

/// Where the value at a JSON Pointer is in a JSON text (for locating the
/// issues of `idpool check FILE`). `None` when the text is not JSON or
/// the pointer names nothing in it. For a pointer to a map key (an issue
/// with `key: true`), pass `key = true` to get the key's span.
///
/// ```
/// let text = "{\n  \"Logins\": {\"graph.facebook.com\": \"x\"}\n}";
/// let at = idpool_iac::pointer_location(text, "/Logins/graph.facebook.com", false).unwrap();
/// assert_eq!((at.line, at.column, at.end_column), (2, 36, 39));
/// ```
pub fn pointer_location(text: &str, pointer: &str, key: bool) -> Option<Location> {
    JsonPositions::read(text)?.locate(pointer, key)
}

/// A JSON text read once, to locate many pointers in it (the issues of one
/// report).
///
/// ```
/// let text = "{\n  \"IdentityPoolName\": \"a#b\"\n}";
/// let positions = idpool_iac::JsonPositions::read(text).unwrap();
/// let at = positions.locate("/IdentityPoolName", false).unwrap();
/// assert_eq!((at.line, at.column), (2, 23));
/// assert!(positions.locate("/Nothing", false).is_none());
/// ```
pub struct JsonPositions {
    doc: tree::Document,
}

impl JsonPositions {
    /// Read `text`; `None` when it is not JSON.
    pub fn read(text: &str) -> Option<JsonPositions> {
        json::read(text).ok().map(|doc| JsonPositions { doc })
    }

    /// Where the value (or, with `key`, the map key) at `pointer` is.
    pub fn locate(&self, pointer: &str, key: bool) -> Option<Location> {
        let (node, key_span) = self.doc.root.at_pointer(pointer)?;
        let span = match (key, key_span) {
            (true, Some(span)) => span,
            _ => node.span,
        };
        Some(Location::new(pointer, span))
    }
}

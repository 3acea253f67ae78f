//! The template Report: one per input file.

use crate::tree::Span;
use serde::Serialize;

/// Where an issue is in the template text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    /// RFC 6901 JSON Pointer into the template (`/` in keys escaped as `~1`).
    pub pointer: String,
    /// 1-based line of the first character.
    pub line: u32,
    /// 1-based column of the first character, in characters.
    pub column: u32,
    /// 1-based line of the position just after the last character.
    pub end_line: u32,
    /// 1-based column just after the last character (exclusive).
    pub end_column: u32,
}

impl Location {
    /// A location from a pointer and a span.
    pub fn new(pointer: impl Into<String>, span: Span) -> Location {
        Location {
            pointer: pointer.into(),
            line: span.start.line,
            column: span.start.column,
            end_line: span.end.line,
            end_column: span.end.column,
        }
    }
}

/// Details of a template issue: the core's typed params plus the
/// template's own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TemplateParams {
    /// The core's params (min, max, pattern, ...).
    #[serde(flatten)]
    pub core: idpool::Params,
    /// The parameter whose `Default` this finding depends on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
    /// The condition one of whose `Fn::If` branches this finding depends on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    /// What the value is known to be (`an IAM role name`), when its text is
    /// unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shape: Option<String>,
    /// The intrinsic the value comes from (`Ref AuthRole`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The resource (logical id or address) the issue refers to besides its
    /// own, e.g. the other attachment of a pool.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other: Option<String>,
}

impl TemplateParams {
    fn is_empty(&self) -> bool {
        *self == TemplateParams::default()
    }
}

/// One finding in a template: the core Issue's fields, plus the resource
/// and the location in the template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TemplateIssue {
    /// JSON Pointer into the resource's translated API input (`""` for
    /// template-level issues).
    pub path: String,
    /// The code: a core code (`pattern`, `invalid_arn`, ...) or a template
    /// code (`template_syntax`, `ref_returns_name`, ...).
    pub code: String,
    /// One English sentence.
    pub message: String,
    /// The exception (or CloudFormation error) this maps to.
    pub exception: String,
    /// The service's single-constraint text, for constraint codes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aws_message: Option<String>,
    /// True when the map key at `path` is at fault.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub key: bool,
    /// Typed details.
    #[serde(skip_serializing_if = "TemplateParams::is_empty")]
    pub params: TemplateParams,
    /// Logical id (CloudFormation) or address (Terraform) of the resource.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// Where in the template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

impl TemplateIssue {
    /// A template-level issue with its own code.
    pub fn new(code: &str, message: impl Into<String>) -> TemplateIssue {
        TemplateIssue {
            path: String::new(),
            code: code.to_string(),
            message: message.into(),
            exception: template_exception(code).to_string(),
            aws_message: None,
            key: false,
            params: TemplateParams::default(),
            resource: None,
            location: None,
        }
    }

    /// A core issue, as found in a translated resource.
    pub fn from_core(issue: idpool::Issue) -> TemplateIssue {
        TemplateIssue {
            path: issue.path,
            code: issue.code.as_str().to_string(),
            message: issue.message,
            exception: issue.exception,
            aws_message: issue.aws_message,
            key: issue.key,
            params: TemplateParams {
                core: issue.params,
                ..TemplateParams::default()
            },
            resource: None,
            location: None,
        }
    }

    pub(crate) fn at(mut self, pointer: &str, span: Span) -> TemplateIssue {
        self.location = Some(Location::new(pointer, span));
        self
    }

    pub(crate) fn path(mut self, path: impl Into<String>) -> TemplateIssue {
        self.path = path.into();
        self
    }
}

/// The template codes, each with the exception or CloudFormation error it
/// maps to. Core codes keep the core's exceptions.
pub const TEMPLATE_CODES: &[(&str, &str)] = &[
    ("template_syntax", "ValidationError"),
    ("unsupported_yaml", "ValidationError"),
    ("duplicate_role_attachment", "AlreadyExists"),
    ("duplicate_tag_key", "InvalidParameterException"),
    ("mapping_provider_collision", "InvalidParameterException"),
    ("ref_returns_name", "NotAuthorizedException"),
    ("provider_url_not_name", "InvalidParameterException"),
    ("pool_replaced", "None"),
    ("yaml11_value", "None"),
];

/// The exception for a template code (`ValidationError` if unknown).
pub fn template_exception(code: &str) -> &'static str {
    if let Some((_, e)) = TEMPLATE_CODES.iter().find(|(c, _)| *c == code) {
        return e;
    }
    idpool::Code::ALL
        .iter()
        .find(|c| c.as_str() == code)
        .map_or("ValidationError", |c| c.exception())
}

/// A resource the checker translated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResourceInfo {
    /// Logical id or Terraform address.
    pub id: String,
    /// Resource type (`AWS::Cognito::IdentityPool`, `aws_cognito_identity_pool`).
    #[serde(rename = "type")]
    pub kind: String,
    /// The API target its properties were checked against.
    pub target: String,
}

/// The result for one input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TemplateReport {
    /// Always `Template`.
    pub target: String,
    /// The file (as given; `-` for standard input; for a CDK assembly, the
    /// template's path).
    pub file: String,
    /// True iff `errors` is empty.
    pub ok: bool,
    /// Errors, in template order.
    pub errors: Vec<TemplateIssue>,
    /// Warnings, in template order.
    pub warnings: Vec<TemplateIssue>,
    /// The identity-pool resources checked.
    pub resources: Vec<ResourceInfo>,
}

impl TemplateReport {
    /// Assemble a report; issues are ordered by position in the file.
    pub fn new(
        file: impl Into<String>,
        mut errors: Vec<TemplateIssue>,
        mut warnings: Vec<TemplateIssue>,
        resources: Vec<ResourceInfo>,
    ) -> TemplateReport {
        let order = |i: &TemplateIssue| i.location.as_ref().map_or((0, 0), |l| (l.line, l.column));
        errors.sort_by_key(order);
        warnings.sort_by_key(order);
        TemplateReport {
            target: "Template".to_string(),
            file: file.into(),
            ok: errors.is_empty(),
            errors,
            warnings,
            resources,
        }
    }

    /// The report as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a TemplateReport always serializes")
    }
}

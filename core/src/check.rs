//! Entry points: resolve a target, enforce the input limits, parse, and
//! run the constraint layer.

use crate::constraint;
use crate::json::{self, ParseErrorKind, ParseOptions, Value};
use crate::normalize::{self, Canonical, Origin};
use crate::quote::Quoted;
use crate::report::{Code, Issue, Report};
use crate::schema::{self, Operation, ShapeId};
use crate::semantic;
use std::fmt;

/// Limits on input (docs/REFERENCE.md section 10). Inputs beyond them are refused with a
/// `syntax` issue, never walked.
///
/// Each limit has a hard ceiling ([`Limits::MAX_DEPTH_CEILING`],
/// [`Limits::MAX_INPUT_BYTES_CEILING`], [`Limits::MAX_ISSUES_CEILING`]):
/// [`Checker::with_limits`] refuses limits beyond them with a
/// [`LimitError`], so no setting lets an input exhaust the stack or the
/// memory of the host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted input, in bytes. Default 1 MiB; at least 1, at most
    /// [`Limits::MAX_INPUT_BYTES_CEILING`].
    pub max_input_bytes: usize,
    /// Deepest accepted nesting of arrays and objects. Default 64; at most
    /// [`Limits::MAX_DEPTH_CEILING`].
    pub max_depth: usize,
    /// Most errors reported for one input; the check stops there and the
    /// report says `truncated`. Default 100; at least 1, at most
    /// [`Limits::MAX_ISSUES_CEILING`]. Changes (`changes`) are capped at the
    /// same number.
    pub max_issues: usize,
}

impl Limits {
    /// The deepest nesting any setting accepts (100): the parser refuses
    /// deeper input, and every later pass is proven safe at this depth on a
    /// 256 KiB stack (`core/tests/limits.rs`).
    pub const MAX_DEPTH_CEILING: usize = json::ParseOptions::MAX_DEPTH_CEILING;
    /// The largest input any setting accepts: 256 MiB.
    pub const MAX_INPUT_BYTES_CEILING: usize = 256 << 20;
    /// The most issues (and changes) any setting lists: 100 000.
    pub const MAX_ISSUES_CEILING: usize = 100_000;

    /// `Ok` when every limit is within its range; otherwise which one is not.
    ///
    /// ```
    /// use idpool::{LimitError, Limits};
    /// let limits = Limits { max_depth: 10_000_000, ..Limits::default() };
    /// assert_eq!(
    ///     limits.validate(),
    ///     Err(LimitError::MaxDepth { given: 10_000_000, ceiling: Limits::MAX_DEPTH_CEILING })
    /// );
    /// assert!(Limits::default().validate().is_ok());
    /// ```
    pub fn validate(&self) -> Result<(), LimitError> {
        if self.max_depth > Self::MAX_DEPTH_CEILING {
            return Err(LimitError::MaxDepth {
                given: self.max_depth,
                ceiling: Self::MAX_DEPTH_CEILING,
            });
        }
        if self.max_input_bytes == 0 || self.max_input_bytes > Self::MAX_INPUT_BYTES_CEILING {
            return Err(LimitError::MaxInputBytes {
                given: self.max_input_bytes,
                ceiling: Self::MAX_INPUT_BYTES_CEILING,
            });
        }
        if self.max_issues == 0 || self.max_issues > Self::MAX_ISSUES_CEILING {
            return Err(LimitError::MaxIssues {
                given: self.max_issues,
                ceiling: Self::MAX_ISSUES_CEILING,
            });
        }
        Ok(())
    }
}

/// A limit outside the range the library accepts (see [`Limits`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LimitError {
    /// `max_depth` above [`Limits::MAX_DEPTH_CEILING`].
    #[error("max_depth {given} is above the ceiling of {ceiling}")]
    MaxDepth {
        /// The value given.
        given: usize,
        /// The largest accepted value.
        ceiling: usize,
    },
    /// `max_input_bytes` zero or above [`Limits::MAX_INPUT_BYTES_CEILING`].
    #[error("max_input_bytes {given} is outside 1..={ceiling}")]
    MaxInputBytes {
        /// The value given.
        given: usize,
        /// The largest accepted value.
        ceiling: usize,
    },
    /// `max_issues` zero or above [`Limits::MAX_ISSUES_CEILING`].
    #[error("max_issues {given} is outside 1..={ceiling}")]
    MaxIssues {
        /// The value given.
        given: usize,
        /// The largest accepted value.
        ceiling: usize,
    },
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_input_bytes: 1 << 20,
            max_depth: 64,
            max_issues: 100,
        }
    }
}

/// What an input is checked against: an operation's input shape, or a
/// shape of the model by name.
#[derive(Debug, Clone, Copy)]
pub enum Target {
    /// An operation; its input shape is validated.
    Operation(&'static Operation),
    /// A shape of the model.
    Shape(ShapeId),
}

/// The target name is neither an operation nor a shape of the model. This
/// is misuse, not a validation failure.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct UnknownTarget {
    /// The name that was given; at most
    /// [`MAX_RENDERED_CHARS`](crate::constraint::MAX_RENDERED_CHARS)
    /// characters of it, then `...`, as other echoed values are cut.
    pub name: String,
    /// A target with the same name in another letter case, if there is one.
    pub suggestion: Option<&'static str>,
}

impl fmt::Display for UnknownTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown target {}: not an operation or shape of the model",
            Quoted(&self.name)
        )?;
        if let Some(suggestion) = self.suggestion {
            write!(
                f,
                " (did you mean {suggestion}?)",
                suggestion = Quoted(suggestion)
            )?;
        }
        Ok(())
    }
}

impl PartialEq for Target {
    fn eq(&self, other: &Target) -> bool {
        self.name() == other.name()
    }
}

impl Eq for Target {}

impl Target {
    /// Resolve a target name: an operation first, then a shape.
    pub fn from_name(name: &str) -> Result<Target, UnknownTarget> {
        if let Some(operation) = schema::operation_by_name(name) {
            return Ok(Target::Operation(operation));
        }
        if let Some(shape) = schema::shape_by_name(name) {
            return Ok(Target::Shape(shape));
        }
        Err(UnknownTarget {
            name: cut_name(name),
            suggestion: targets().find(|t| t.eq_ignore_ascii_case(name)),
        })
    }

    /// The target's name.
    pub fn name(&self) -> &'static str {
        match self {
            Target::Operation(operation) => operation.name,
            Target::Shape(shape) => shape.name(),
        }
    }

    /// The shape an input of this target must satisfy (`None` for an
    /// operation without input, which takes only `{}`).
    pub fn input_shape(&self) -> Option<ShapeId> {
        match self {
            Target::Operation(operation) => operation.input,
            Target::Shape(shape) => Some(*shape),
        }
    }
}

/// At most [`constraint::MAX_RENDERED_CHARS`] characters of a name given as
/// a target, then `...`: a huge name is not echoed whole.
fn cut_name(name: &str) -> String {
    match name.char_indices().nth(constraint::MAX_RENDERED_CHARS) {
        Some((end, _)) => format!("{}...", &name[..end]),
        None => name.to_string(),
    }
}

/// Every target name: the operations, then the shapes, each sorted.
pub fn targets() -> impl Iterator<Item = &'static str> {
    schema::operations()
        .iter()
        .map(|o| o.name)
        .chain(schema::shapes().iter().map(|s| s.name))
}

/// Checks inputs under a set of [`Limits`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Checker {
    limits: Limits,
}

impl Checker {
    /// A checker with the default limits.
    pub fn new() -> Checker {
        Checker::default()
    }

    /// A checker with these limits, or why they are refused (a limit
    /// outside its range, see [`Limits::validate`]).
    pub fn with_limits(limits: Limits) -> Result<Checker, LimitError> {
        limits.validate()?;
        Ok(Checker { limits })
    }

    /// The limits in force.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Check a JSON text against a target.
    pub fn check(&self, target: &str, input: &str) -> Result<Report, UnknownTarget> {
        let target = Target::from_name(target)?;
        Ok(self.check_target(target, input))
    }

    /// Check raw bytes against a target; bytes that are not UTF-8 give a
    /// `syntax` issue.
    pub fn check_bytes(&self, target: &str, input: &[u8]) -> Result<Report, UnknownTarget> {
        let target = Target::from_name(target)?;
        Ok(match self.text(input) {
            Ok(text) => self.check_target(target, text),
            Err(issue) => Report::new(target.name(), vec![*issue], Vec::new()),
        })
    }

    /// Raw bytes as text, within the size limit and valid UTF-8; otherwise
    /// the `syntax` issue saying which.
    pub fn text<'a>(&self, input: &'a [u8]) -> Result<&'a str, Box<Issue>> {
        if input.len() > self.limits.max_input_bytes {
            return Err(Box::new(too_large_issue(
                input.len(),
                self.limits.max_input_bytes,
            )));
        }
        std::str::from_utf8(input).map_err(|error| Box::new(utf8_issue(input, error)))
    }

    /// Check a JSON text against a resolved target.
    pub fn check_target(&self, target: Target, input: &str) -> Report {
        if input.len() > self.limits.max_input_bytes {
            return self.too_large(target, input.len());
        }
        match self.parse(input) {
            Ok(value) => self.check_value_in(target, &value, None, Origin::Parsed),
            Err(issue) => Report::new(target.name(), vec![*issue], Vec::new()),
        }
    }

    /// Parse a JSON text under the limits, as a `syntax` issue on failure.
    pub fn parse<'a>(&self, input: &'a str) -> Result<Value<'a>, Box<Issue>> {
        if input.len() > self.limits.max_input_bytes {
            return Err(Box::new(too_large_issue(
                input.len(),
                self.limits.max_input_bytes,
            )));
        }
        let options = ParseOptions {
            max_depth: self.limits.max_depth,
        };
        json::parse(input, &options).map_err(|error| {
            let limit = match error.kind {
                ParseErrorKind::TooDeep { max_depth } => Some(max_depth as u64),
                _ => None,
            };
            Box::new({
                let mut issue = Issue::new(
                    "",
                    Code::Syntax,
                    format!("The input is not valid JSON: {error}."),
                );
                issue.params.line = Some(error.line as u64);
                issue.params.column = Some(error.column as u64);
                issue.params.limit = limit;
                issue
            })
        })
    }

    /// Check an already-parsed value against a resolved target.
    pub fn check_value(&self, target: Target, value: &Value<'_>) -> Report {
        self.check_value_in(target, value, None, Origin::Given)
    }

    /// Check a JSON text against a target and a pool: role-mapping keys of
    /// `SetIdentityPoolRoles` (or `GetIdentityPoolRolesResponse`) must be
    /// providers configured on the pool (`role_mapping_provider`). The
    /// pool is checked too (target `IdentityPool`); its issues are listed
    /// under `/pool`.
    ///
    /// ```
    /// let pool = r#"{"IdentityPoolId":"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
    ///     "IdentityPoolName":"p","AllowUnauthenticatedIdentities":false,
    ///     "SupportedLoginProviders":{"graph.facebook.com":"123"}}"#;
    /// let roles = r#"{"IdentityPoolId":"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
    ///     "Roles":{"authenticated":"arn:aws:iam::123456789012:role/Auth"},
    ///     "RoleMappings":{"accounts.google.com":{"Type":"Token","AmbiguousRoleResolution":"Deny"}}}"#;
    /// let report = idpool::Checker::new().check_with_pool("SetIdentityPoolRoles", roles, pool)?;
    /// assert_eq!(report.errors[0].code, idpool::Code::RoleMappingProvider);
    /// # Ok::<(), idpool::UnknownTarget>(())
    /// ```
    pub fn check_with_pool(
        &self,
        target: &str,
        input: &str,
        pool: &str,
    ) -> Result<Report, UnknownTarget> {
        let target = Target::from_name(target)?;
        let pool_report = self.check_target(Target::Shape(ShapeId::IDENTITY_POOL), pool);
        let pool_value = self.parse(pool).ok();
        let mut report = match self.parse(input) {
            Ok(value) => self.check_value_in(target, &value, pool_value.as_ref(), Origin::Parsed),
            Err(issue) => Report::new(target.name(), vec![*issue], Vec::new()),
        };
        report
            .errors
            .extend(pool_report.errors.into_iter().map(|i| i.nested("/pool")));
        report
            .warnings
            .extend(pool_report.warnings.into_iter().map(|i| i.nested("/pool")));
        Ok(report.refreshed())
    }

    /// The constraint and semantic layers, with an optional pool context;
    /// `origin` says whether `value` comes from the crate's JSON reader.
    pub(crate) fn check_value_in(
        &self,
        target: Target,
        value: &Value<'_>,
        pool: Option<&Value<'_>>,
        origin: Origin,
    ) -> Report {
        let max_issues = self.limits.max_issues;
        // One walk: the constraint issues and the canonical form together.
        let (validation, canonical) = match target.input_shape() {
            Some(shape) => {
                let walked = normalize::walk(shape, value, max_issues, max_issues, true, origin);
                let canonical = normalize::fits(shape, value).then(|| {
                    (
                        Canonical::from_text(walked.text),
                        walked.changes,
                        walked.changes_truncated,
                    )
                });
                (walked.validation, canonical)
            }
            None => (
                constraint::Validation {
                    issues: match value {
                        Value::Object(entries) if entries.is_empty() => Vec::new(),
                        _ => vec![Issue::new(
                            "",
                            Code::Type,
                            format!(
                                "{} takes no input; send an empty object {{}}.",
                                target.name()
                            ),
                        )],
                    },
                    truncated: false,
                },
                // An operation without input: its `{}` is its own canonical form.
                matches!(value, Value::Object(_))
                    .then(|| (Canonical::from_value(value), Vec::new(), false)),
            ),
        };
        let mut errors = validation.issues;
        let mut warnings = Vec::new();
        if let Some(shape) = target.input_shape() {
            // A value that breaks the model's constraints gets no semantic
            // issue on top: the constraint issue already says what to fix.
            // The semantic walk consults the constraint issues as it goes,
            // so it makes no finding that would have to be dropped here.
            let rejected = semantic::Rejected::new(&errors);
            let findings = semantic::check(shape, value, pool, &rejected, max_issues);
            debug_assert!(
                findings
                    .errors
                    .iter()
                    .chain(&findings.warnings)
                    .all(|issue| !rejected.covers_pointer(&issue.path)),
                "a semantic finding repeats a constraint issue"
            );
            drop(rejected);
            warnings = findings.warnings;
            errors.extend(findings.errors);
        }
        let truncated = validation.truncated || errors.len() > max_issues;
        errors.truncate(max_issues);
        let mut report = Report::new(target.name(), errors, warnings);
        report.truncated = truncated;
        if let Some((normalized, changes, cut)) = canonical {
            report.normalized = Some(normalized);
            report.changes = changes;
            report.truncated |= cut;
        }
        report
    }

    /// The report for an input of `len` bytes (or at least `len`, for a
    /// stream that was not read to its end) that exceeds the size limit.
    pub fn too_large(&self, target: Target, len: usize) -> Report {
        let issue = too_large_issue(len, self.limits.max_input_bytes);
        Report::new(target.name(), vec![issue], Vec::new())
    }
}

fn too_large_issue(len: usize, limit: usize) -> Issue {
    {
        let mut issue = Issue::new(
            "",
            Code::Syntax,
            format!(
                "The input is larger than the limit of {limit} bytes (at least {len} bytes); it was not read."
            ),
        );
        issue.params.limit = Some(limit as u64);
        issue.params.actual = Some(i64::try_from(len).unwrap_or(i64::MAX));
        issue
    }
}

fn utf8_issue(input: &[u8], error: std::str::Utf8Error) -> Issue {
    let valid = &input[..error.valid_up_to()];
    // Counted in bytes (no string searchers linked in): the prefix is valid
    // UTF-8, so its characters are its bytes that do not continue one
    // (0b10xx_xxxx).
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = valid
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |at| at + 1);
    let column = valid[line_start..]
        .iter()
        .filter(|&&b| b & 0xC0 != 0x80)
        .count()
        + 1;
    {
        let mut issue = Issue::new(
            "",
            Code::Syntax,
            format!(
                "The input is not valid UTF-8: invalid byte at offset {} (line {line}, column {column}).",
                error.valid_up_to()
            ),
        );
        issue.params.line = Some(line as u64);
        issue.params.column = Some(column as u64);
        issue
    }
}

/// Check an already-parsed value against a target with the default
/// [`Limits`].
pub fn check_value(target: Target, value: &Value<'_>) -> Report {
    Checker::new().check_value(target, value)
}

/// Check a JSON text against a target with the default [`Limits`].
///
/// ```
/// let report = idpool::check("DescribeIdentityPool", r#"{"IdentityPoolId":"us-east-1_AbCdEfGhI"}"#)?;
/// assert!(!report.ok);
/// assert_eq!(report.errors[0].code, idpool::Code::Pattern);
/// assert_eq!(
///     report.service_error.unwrap().message,
///     "1 validation error detected: Value 'us-east-1_AbCdEfGhI' at 'identityPoolId' failed to satisfy \
///      constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+"
/// );
/// # Ok::<(), idpool::UnknownTarget>(())
/// ```
pub fn check(target: &str, input: &str) -> Result<Report, UnknownTarget> {
    Checker::new().check(target, input)
}

/// Check raw bytes (which must be UTF-8 JSON) against a target with the
/// default [`Limits`].
pub fn check_bytes(target: &str, input: &[u8]) -> Result<Report, UnknownTarget> {
    Checker::new().check_bytes(target, input)
}

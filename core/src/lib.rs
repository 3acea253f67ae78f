#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod arn;
pub mod base64;
mod check;
pub mod constraint;
pub mod credentials;
pub mod id;
pub mod json;
pub mod jwt;
pub mod model;
pub mod normalize;
mod path;
mod pattern;
pub mod plan;
pub mod provider;
mod quote;
pub mod region;
pub mod report;
pub mod saml;
pub mod schema;
pub mod secret;
mod seen;
mod semantic;
pub mod trust;
mod xml;

pub use arn::{Arn, ArnError, Partition};
pub use check::{
    Checker, LimitError, Limits, Target, UnknownTarget, check, check_bytes, check_value, targets,
};
pub use credentials::resolve_credentials;
pub use id::{IdError, IdentityId, IdentityPoolId, Region};
pub use normalize::{Normalized, normalize, redact};
pub use plan::plan_update;
pub use provider::{LoginKey, ProviderKind, login_keys, login_keys_of};
pub use report::{
    AuditEntry, Code, Decision, IdentityType, Issue, Params, Reacher, Report, RoleSource,
    ServiceError, TrustDecision,
};
pub use saml::{SamlRole, saml_roles};
pub use secret::{REDACTED, Secret};
pub use trust::{TrustPolicy, audit_trust};

/// The library's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

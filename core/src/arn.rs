//! Amazon Resource Names: `arn:<partition>:<service>:<region>:<account>:<resource>`.

use crate::quote::Quoted;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// The AWS partitions an ARN may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Partition {
    /// `aws`: the commercial regions.
    Aws,
    /// `aws-cn`: China.
    AwsCn,
    /// `aws-us-gov`: AWS GovCloud (US).
    AwsUsGov,
    /// `aws-iso`.
    AwsIso,
    /// `aws-iso-b`.
    AwsIsoB,
    /// `aws-iso-e`.
    AwsIsoE,
    /// `aws-iso-f`.
    AwsIsoF,
    /// `aws-eusc`: the AWS European Sovereign Cloud.
    AwsEusc,
}

impl Partition {
    /// Every partition.
    pub const ALL: [Partition; 8] = [
        Partition::Aws,
        Partition::AwsCn,
        Partition::AwsUsGov,
        Partition::AwsIso,
        Partition::AwsIsoB,
        Partition::AwsIsoE,
        Partition::AwsIsoF,
        Partition::AwsEusc,
    ];

    /// The partition as written in ARNs.
    pub fn as_str(self) -> &'static str {
        match self {
            Partition::Aws => "aws",
            Partition::AwsCn => "aws-cn",
            Partition::AwsUsGov => "aws-us-gov",
            Partition::AwsIso => "aws-iso",
            Partition::AwsIsoB => "aws-iso-b",
            Partition::AwsIsoE => "aws-iso-e",
            Partition::AwsIsoF => "aws-iso-f",
            Partition::AwsEusc => "aws-eusc",
        }
    }
}

impl FromStr for Partition {
    type Err = ArnError;
    fn from_str(s: &str) -> Result<Partition, ArnError> {
        if s == "aws" {
            return Ok(Partition::Aws); // nearly every ARN
        }
        Partition::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or(ArnError::UnknownPartition)
    }
}

/// Why a string is not an ARN.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ArnError {
    /// It does not start with `arn:` or has fewer than six `:`-separated parts.
    #[error("expected arn:<partition>:<service>:<region>:<account>:<resource>")]
    NotAnArn,
    /// The partition is not one of the AWS partitions.
    #[error(
        "the partition is not one of aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc"
    )]
    UnknownPartition,
    /// The service part is empty or not lowercase letters, digits and `-`.
    #[error("the service part must be lowercase letters, digits and '-'")]
    InvalidService,
    /// The account part is neither empty nor 12 digits.
    #[error("the account part must be 12 digits")]
    InvalidAccount,
    /// The resource part is empty.
    #[error("the resource part is empty")]
    EmptyResource,
}

/// A parsed ARN.
///
/// ```
/// let arn: idpool::Arn = "arn:aws:iam::123456789012:role/service/Cognito_Auth".parse()?;
/// assert_eq!(arn.service(), "iam");
/// assert_eq!(arn.account(), "123456789012");
/// assert_eq!(arn.resource(), "role/service/Cognito_Auth");
/// # Ok::<(), idpool::ArnError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Arn {
    partition: Partition,
    service: String,
    region: String,
    account: String,
    resource: String,
}

impl Arn {
    /// The partition.
    pub fn partition(&self) -> Partition {
        self.partition
    }
    /// The service, e.g. `iam`.
    pub fn service(&self) -> &str {
        &self.service
    }
    /// The region (empty for global services such as IAM).
    pub fn region(&self) -> &str {
        &self.region
    }
    /// The 12-digit account id (empty for some resource types).
    pub fn account(&self) -> &str {
        &self.account
    }
    /// The resource, e.g. `role/path/name` or `saml-provider/Corp`.
    pub fn resource(&self) -> &str {
        &self.resource
    }
}

impl FromStr for Arn {
    type Err = ArnError;
    fn from_str(s: &str) -> Result<Arn, ArnError> {
        ArnParts::parse(s).map(ArnParts::to_arn)
    }
}

/// An ARN's parts borrowed from its text: parsing without allocating, for
/// the checks that run on every ARN of every input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ArnParts<'a> {
    pub partition: Partition,
    pub service: &'a str,
    pub region: &'a str,
    pub account: &'a str,
    pub resource: &'a str,
}

impl<'a> ArnParts<'a> {
    pub(crate) fn parse(s: &'a str) -> Result<ArnParts<'a>, ArnError> {
        // The five `:` that end the first five parts, found on the bytes
        // (every ARN of every input is parsed).
        let mut colons = [0usize; 5];
        let mut found = 0;
        for (i, &b) in s.as_bytes().iter().enumerate() {
            if b == b':' {
                colons[found] = i;
                found += 1;
                if found == colons.len() {
                    break;
                }
            }
        }
        if found < colons.len() || &s[..colons[0]] != "arn" {
            return Err(ArnError::NotAnArn);
        }
        let partition = &s[colons[0] + 1..colons[1]];
        let service = &s[colons[1] + 1..colons[2]];
        let region = &s[colons[2] + 1..colons[3]];
        let account = &s[colons[3] + 1..colons[4]];
        let resource = &s[colons[4] + 1..];
        let partition = partition.parse()?;
        if service.is_empty()
            || !service
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(ArnError::InvalidService);
        }
        if !(account.is_empty()
            || (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())))
        {
            return Err(ArnError::InvalidAccount);
        }
        if resource.is_empty() {
            return Err(ArnError::EmptyResource);
        }
        Ok(ArnParts {
            partition,
            service,
            region,
            account,
            resource,
        })
    }

    /// Parse `text` and check that it names what `kind` needs.
    pub(crate) fn parse_kind(text: &'a str, kind: ArnKind) -> Result<ArnParts<'a>, ArnKindError> {
        let arn = ArnParts::parse(text)?;
        let (service, prefix, expected) = match kind {
            ArnKind::OidcProvider => ("iam", "oidc-provider/", "oidc-provider/<host[/path]>"),
            ArnKind::SamlProvider => ("iam", "saml-provider/", "saml-provider/<name>"),
            ArnKind::Role => ("iam", "role/", "role/<path/>name"),
            ArnKind::IdentityPool => (
                "cognito-identity",
                "identitypool/",
                "identitypool/<pool id>",
            ),
        };
        if arn.service != service {
            return Err(ArnKindError::WrongService {
                expected: service,
                found: arn.service.to_string(),
            });
        }
        if service == "iam" && !arn.region.is_empty() {
            return Err(ArnKindError::UnexpectedRegion(arn.region.to_string()));
        }
        if service != "iam" && arn.region.is_empty() {
            return Err(ArnKindError::MissingRegion);
        }
        if arn.account.is_empty() {
            return Err(ArnKindError::MissingAccount);
        }
        let wrong = || ArnKindError::WrongResource {
            expected,
            found: arn.resource.to_string(),
        };
        let rest = arn.resource.strip_prefix(prefix).ok_or_else(wrong)?;
        let fits = match kind {
            ArnKind::OidcProvider => {
                // The host: the part before any `/`, which must not be empty.
                !rest.is_empty()
                    && !rest.starts_with('/')
                    && !rest.as_bytes().windows(3).any(|w| w == b"://")
                    && !rest.ends_with('/')
            }
            ArnKind::SamlProvider => is_iam_name(rest, 128),
            ArnKind::Role => {
                // `role/name` or `role/path/.../name`: every path segment
                // non-empty printable ASCII.
                // The last `/` found by bytes (ASCII), without the
                // standard library's reverse char searcher.
                let (path, name) = match rest.bytes().rposition(|b| b == b'/') {
                    Some(at) => (Some(&rest[..at]), &rest[at + 1..]),
                    None => (None, rest),
                };
                is_iam_name(name, 64)
                    && path.is_none_or(|path| {
                        path.split('/')
                            .all(|s| !s.is_empty() && s.bytes().all(|b| (0x21..=0x7e).contains(&b)))
                    })
            }
            ArnKind::IdentityPool => rest.parse::<crate::IdentityPoolId>().is_ok(),
        };
        if fits { Ok(arn) } else { Err(wrong()) }
    }

    /// For an OIDC provider ARN, the issuer (`host[/path]`).
    pub(crate) fn oidc_issuer(&self) -> Option<&'a str> {
        if self.service == "iam" {
            self.resource.strip_prefix("oidc-provider/")
        } else {
            None
        }
    }

    fn to_arn(self) -> Arn {
        Arn {
            partition: self.partition,
            service: self.service.to_string(),
            region: self.region.to_string(),
            account: self.account.to_string(),
            resource: self.resource.to_string(),
        }
    }
}

impl fmt::Display for Arn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "arn:{}:{}:{}:{}:{}",
            self.partition.as_str(),
            self.service,
            self.region,
            self.account,
            self.resource
        )
    }
}

impl Serialize for Arn {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Arn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Arn, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse()
            .map_err(|e| serde::de::Error::custom(format!("invalid ARN: {e}")))
    }
}

/// What an ARN must name where it is used: each slot of the model that
/// holds an ARN expects one service and resource type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArnKind {
    /// An IAM OIDC identity provider: `iam`, `oidc-provider/<host[/path]>`.
    OidcProvider,
    /// An IAM SAML identity provider: `iam`, `saml-provider/<name>`.
    SamlProvider,
    /// An IAM role: `iam`, `role/<path/>name`.
    Role,
    /// An identity pool: `cognito-identity`, `identitypool/<pool id>`.
    IdentityPool,
}

impl ArnKind {
    /// A short description for messages, e.g. `an IAM role ARN`.
    pub fn describe(self) -> &'static str {
        match self {
            ArnKind::OidcProvider => {
                "an IAM OIDC provider ARN (arn:aws:iam::<account>:oidc-provider/<host>)"
            }
            ArnKind::SamlProvider => {
                "an IAM SAML provider ARN (arn:aws:iam::<account>:saml-provider/<name>)"
            }
            ArnKind::Role => "an IAM role ARN (arn:aws:iam::<account>:role/<name>)",
            ArnKind::IdentityPool => {
                "an identity pool ARN (arn:aws:cognito-identity:<region>:<account>:identitypool/<pool id>)"
            }
        }
    }
}

/// Why an ARN does not fit its slot.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ArnKindError {
    /// Not an ARN at all.
    #[error("{0}")]
    Syntax(#[from] ArnError),
    /// An ARN of another service.
    #[error("the service is {}, not {}", Quoted(.found), Quoted(.expected))]
    WrongService {
        /// The service the slot needs.
        expected: &'static str,
        /// The service found.
        found: String,
    },
    /// An ARN of the right service but another resource type.
    #[error("the resource is {}, not {expected}", Quoted(.found))]
    WrongResource {
        /// The resource form the slot needs.
        expected: &'static str,
        /// The resource found.
        found: String,
    },
    /// IAM ARNs have no region.
    #[error("IAM ARNs have no region, but this one names {}", Quoted(.0))]
    UnexpectedRegion(String),
    /// The account is missing.
    #[error("the account id is missing")]
    MissingAccount,
    /// The region is missing.
    #[error("the region is missing")]
    MissingRegion,
}

/// IAM names (roles, SAML providers): letters, digits and `+=,.@_-`.
fn is_iam_name(name: &str, max: usize) -> bool {
    !name.is_empty()
        && name.len() <= max
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+=,.@_-".contains(&b))
}

impl Arn {
    /// Parse `text` and check that it names what `kind` needs.
    ///
    /// ```
    /// use idpool::arn::{Arn, ArnKind};
    /// assert!(Arn::parse_kind("arn:aws:iam::123456789012:role/Cognito_Auth", ArnKind::Role).is_ok());
    /// assert!(Arn::parse_kind("arn:aws:iam::123456789012:role/x", ArnKind::OidcProvider).is_err());
    /// ```
    pub fn parse_kind(text: &str, kind: ArnKind) -> Result<Arn, ArnKindError> {
        ArnParts::parse_kind(text, kind).map(ArnParts::to_arn)
    }

    /// For an OIDC provider ARN, the issuer it federates:
    /// `host[/path]`, which is also its Logins key.
    pub fn oidc_issuer(&self) -> Option<&str> {
        if self.service == "iam" {
            self.resource.strip_prefix("oidc-provider/")
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_partition_and_round_trips() {
        for partition in Partition::ALL {
            let text = format!(
                "arn:{}:iam::123456789012:saml-provider/Corp",
                partition.as_str()
            );
            let arn: Arn = text.parse().unwrap();
            assert_eq!(arn.partition(), partition);
            assert_eq!(arn.to_string(), text);
        }
    }

    #[test]
    fn kinds_check_service_and_resource() {
        use ArnKind::*;
        let ok = [
            (
                "arn:aws:iam::123456789012:oidc-provider/auth.example.com",
                OidcProvider,
            ),
            (
                "arn:aws:iam::123456789012:oidc-provider/example.com/tenant/1",
                OidcProvider,
            ),
            (
                "arn:aws-cn:iam::123456789012:saml-provider/Corp_IdP",
                SamlProvider,
            ),
            ("arn:aws:iam::123456789012:role/Cognito_Auth", Role),
            (
                "arn:aws:iam::123456789012:role/service-role/team/Cognito+Auth@x",
                Role,
            ),
            (
                "arn:aws:cognito-identity:us-east-1:123456789012:identitypool/us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
                IdentityPool,
            ),
        ];
        for (text, kind) in ok {
            assert!(Arn::parse_kind(text, kind).is_ok(), "{text}");
        }
        let bad = [
            ("arn:aws:iam::123456789012:role/x", OidcProvider),
            ("arn:aws:s3:::bucket/key", Role),
            ("arn:aws:iam:us-east-1:123456789012:role/x", Role),
            ("arn:aws:iam::123456789012:role/", Role),
            ("arn:aws:iam::123456789012:role/a//b", Role),
            ("arn:aws:iam::123456789012:role//b", Role),
            ("arn:aws:iam::123456789012:role/has space", Role),
            (
                "arn:aws:iam::123456789012:oidc-provider/https://x.com",
                OidcProvider,
            ),
            ("arn:aws:iam::123456789012:saml-provider/a/b", SamlProvider),
            ("arn:aws:iam:::role/x", Role),
            (
                "arn:aws:cognito-identity::123456789012:identitypool/us-east-1:x",
                IdentityPool,
            ),
            (
                "arn:aws:cognito-identity:us-east-1:123456789012:identitypool/nope",
                IdentityPool,
            ),
        ];
        for (text, kind) in bad {
            assert!(Arn::parse_kind(text, kind).is_err(), "{text}");
        }
        let oidc: Arn = "arn:aws:iam::123456789012:oidc-provider/example.com/t/1"
            .parse()
            .unwrap();
        assert_eq!(oidc.oidc_issuer(), Some("example.com/t/1"));
    }

    #[test]
    fn resource_may_contain_colons() {
        let arn: Arn = "arn:aws:cognito-identity:us-east-1:123456789012:identitypool/us-east-1:abc"
            .parse()
            .unwrap();
        assert_eq!(arn.region(), "us-east-1");
        assert_eq!(arn.resource(), "identitypool/us-east-1:abc");
    }

    #[test]
    fn rejects_malformed_arns_with_the_reason() {
        assert_eq!("role/x".parse::<Arn>(), Err(ArnError::NotAnArn));
        assert_eq!("arn:aws:iam::123".parse::<Arn>(), Err(ArnError::NotAnArn));
        assert_eq!(
            "arn:amazon:iam::123456789012:role/x".parse::<Arn>(),
            Err(ArnError::UnknownPartition)
        );
        assert_eq!(
            "arn:aws:IAM::123456789012:role/x".parse::<Arn>(),
            Err(ArnError::InvalidService)
        );
        assert_eq!(
            "arn:aws:iam::12345:role/x".parse::<Arn>(),
            Err(ArnError::InvalidAccount)
        );
        assert_eq!(
            "arn:aws:iam::123456789012:".parse::<Arn>(),
            Err(ArnError::EmptyResource)
        );
    }
}

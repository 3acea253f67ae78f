//! Amazon Resource Names: `arn:<partition>:<service>:<region>:<account>:<resource>`.

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
        let mut parts = s.splitn(6, ':');
        let (
            Some("arn"),
            Some(partition),
            Some(service),
            Some(region),
            Some(account),
            Some(resource),
        ) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        )
        else {
            return Err(ArnError::NotAnArn);
        };
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
        Ok(Arn {
            partition,
            service: service.to_string(),
            region: region.to_string(),
            account: account.to_string(),
            resource: resource.to_string(),
        })
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

//! The built-in list of AWS regions and the partition of each.
//!
//! Data, not rules: a region of the right shape that is missing here only
//! gives the warning `unknown_region`, so a region launched after this
//! release never makes an input invalid.

use crate::arn::Partition;

/// Every region idpool knows, with its partition.
pub const REGIONS: &[(&str, Partition)] = &[
    ("af-south-1", Partition::Aws),
    ("ap-east-1", Partition::Aws),
    ("ap-east-2", Partition::Aws),
    ("ap-northeast-1", Partition::Aws),
    ("ap-northeast-2", Partition::Aws),
    ("ap-northeast-3", Partition::Aws),
    ("ap-south-1", Partition::Aws),
    ("ap-south-2", Partition::Aws),
    ("ap-southeast-1", Partition::Aws),
    ("ap-southeast-2", Partition::Aws),
    ("ap-southeast-3", Partition::Aws),
    ("ap-southeast-4", Partition::Aws),
    ("ap-southeast-5", Partition::Aws),
    ("ap-southeast-6", Partition::Aws),
    ("ap-southeast-7", Partition::Aws),
    ("ca-central-1", Partition::Aws),
    ("ca-west-1", Partition::Aws),
    ("eu-central-1", Partition::Aws),
    ("eu-central-2", Partition::Aws),
    ("eu-north-1", Partition::Aws),
    ("eu-south-1", Partition::Aws),
    ("eu-south-2", Partition::Aws),
    ("eu-west-1", Partition::Aws),
    ("eu-west-2", Partition::Aws),
    ("eu-west-3", Partition::Aws),
    ("il-central-1", Partition::Aws),
    ("me-central-1", Partition::Aws),
    ("me-south-1", Partition::Aws),
    ("mx-central-1", Partition::Aws),
    ("sa-east-1", Partition::Aws),
    ("us-east-1", Partition::Aws),
    ("us-east-2", Partition::Aws),
    ("us-west-1", Partition::Aws),
    ("us-west-2", Partition::Aws),
    ("cn-north-1", Partition::AwsCn),
    ("cn-northwest-1", Partition::AwsCn),
    ("us-gov-east-1", Partition::AwsUsGov),
    ("us-gov-west-1", Partition::AwsUsGov),
    ("us-iso-east-1", Partition::AwsIso),
    ("us-iso-west-1", Partition::AwsIso),
    ("us-isob-east-1", Partition::AwsIsoB),
    ("eu-isoe-west-1", Partition::AwsIsoE),
    ("us-isof-east-1", Partition::AwsIsoF),
    ("us-isof-south-1", Partition::AwsIsoF),
    ("eusc-de-east-1", Partition::AwsEusc),
];

/// True when `region` is in [`REGIONS`].
pub fn is_known(region: &str) -> bool {
    REGIONS.iter().any(|(name, _)| *name == region)
}

/// The partition of a region: from [`REGIONS`] when listed, otherwise from
/// the region's prefix (`cn-` → `aws-cn`, `us-gov-` → `aws-us-gov`, ...),
/// so a new region of a known family still maps to its partition.
pub fn partition_of(region: &str) -> Partition {
    if let Some((_, partition)) = REGIONS.iter().find(|(name, _)| *name == region) {
        return *partition;
    }
    let prefixes = [
        ("cn-", Partition::AwsCn),
        ("us-gov-", Partition::AwsUsGov),
        ("us-isob-", Partition::AwsIsoB),
        ("us-isof-", Partition::AwsIsoF),
        ("us-iso-", Partition::AwsIso),
        ("eu-isoe-", Partition::AwsIsoE),
        ("eusc-", Partition::AwsEusc),
    ];
    prefixes
        .into_iter()
        .find(|(prefix, _)| region.starts_with(prefix))
        .map_or(Partition::Aws, |(_, partition)| partition)
}

/// The DNS suffix of a partition's service endpoints, as user-pool
/// provider names use it (`amazonaws.com`, `amazonaws.com.cn`, ...).
pub fn dns_suffix(partition: Partition) -> &'static str {
    match partition {
        Partition::AwsCn => "amazonaws.com.cn",
        Partition::AwsIso => "c2s.ic.gov",
        Partition::AwsIsoB => "sc2s.sgov.gov",
        Partition::AwsIsoE => "cloud.adc-e.uk",
        Partition::AwsIsoF => "csp.hci.ic.gov",
        Partition::AwsEusc => "amazonaws.eu",
        Partition::Aws | Partition::AwsUsGov => "amazonaws.com",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_region_has_a_region_shape_and_is_unique() {
        for (i, (name, _)) in REGIONS.iter().enumerate() {
            assert!(crate::id::is_region_shape(name), "{name}");
            assert!(
                !REGIONS[..i].iter().any(|(other, _)| other == name),
                "{name} twice"
            );
        }
    }

    #[test]
    fn partitions_follow_the_region_family() {
        assert_eq!(partition_of("us-east-1"), Partition::Aws);
        assert_eq!(partition_of("cn-northwest-1"), Partition::AwsCn);
        assert_eq!(partition_of("us-gov-west-1"), Partition::AwsUsGov);
        assert_eq!(partition_of("cn-south-9"), Partition::AwsCn);
        assert_eq!(partition_of("us-isob-west-7"), Partition::AwsIsoB);
        assert_eq!(partition_of("xx-new-1"), Partition::Aws);
        assert!(is_known("eu-west-3"));
        assert!(!is_known("xx-new-1"));
        assert_eq!(dns_suffix(partition_of("cn-north-1")), "amazonaws.com.cn");
    }
}

//! Typed identifiers: [`Region`], [`IdentityPoolId`] and [`IdentityId`].
//!
//! Both ids are `<region>:<guid>`: a region of the shape
//! `[a-z]{2,4}(-[a-z]+)+-[0-9]+` and a lowercase `8-4-4-4-12` hexadecimal
//! GUID. The model's own pattern (`[\w-]+:[0-9a-f-]+`) is looser; a value
//! that passes it but not these rules cannot name a real pool or identity.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Why a string is not a region, identity pool id or identity id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IdError {
    /// No `:` between the region and the GUID.
    #[error("expected <region>:<guid>, but there is no ':'")]
    MissingSeparator,
    /// The region part does not have a region's shape.
    #[error("the region part is not a region such as us-east-1")]
    InvalidRegion,
    /// The GUID part is not a lowercase 8-4-4-4-12 hexadecimal GUID.
    #[error("the part after ':' is not a lowercase 8-4-4-4-12 hexadecimal GUID")]
    InvalidGuid,
}

/// An AWS region name such as `us-east-1` or `us-gov-west-1`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Region(String);

impl Region {
    /// The region name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// True when `s` has a region's shape: `[a-z]{2,4}(-[a-z]+)+-[0-9]+`.
/// Decided on the bytes, without allocating: it runs for every id.
pub fn is_region_shape(s: &str) -> bool {
    let b = s.as_bytes();
    let (Some(first), Some(last)) = (
        b.iter().position(|&c| c == b'-'),
        b.iter().rposition(|&c| c == b'-'),
    ) else {
        return false;
    };
    // At least three parts: two dashes, the middle parts between them.
    let middle = match b.get(first + 1..last) {
        Some(middle) if first < last => middle,
        _ => return false,
    };
    let head = &b[..first];
    let tail = &b[last + 1..];
    (2..=4).contains(&head.len())
        && head.iter().all(u8::is_ascii_lowercase)
        && !middle.is_empty()
        && middle.first() != Some(&b'-')
        && middle.last() != Some(&b'-')
        && !middle.windows(2).any(|w| w == b"--")
        && middle.iter().all(|&c| c.is_ascii_lowercase() || c == b'-')
        && !tail.is_empty()
        && tail.iter().all(u8::is_ascii_digit)
}

/// True when `s` is a lowercase `8-4-4-4-12` hexadecimal GUID.
pub fn is_guid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_digit() || (b'a'..=b'f').contains(&c),
        })
}

impl FromStr for Region {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Region, IdError> {
        if is_region_shape(s) {
            Ok(Region(s.to_string()))
        } else {
            Err(IdError::InvalidRegion)
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn split_id(s: &str) -> Result<(Region, &str), IdError> {
    let (region, guid) = s.split_once(':').ok_or(IdError::MissingSeparator)?;
    let region = region.parse()?;
    if !is_guid(guid) {
        return Err(IdError::InvalidGuid);
    }
    Ok((region, guid))
}

macro_rules! region_guid_id {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name {
            text: String,
            region_len: usize,
        }

        impl $name {
            /// The region part.
            pub fn region(&self) -> Region {
                Region(self.text[..self.region_len].to_string())
            }

            /// The region part as a string.
            pub fn region_str(&self) -> &str {
                &self.text[..self.region_len]
            }

            /// The GUID part.
            pub fn guid(&self) -> &str {
                &self.text[self.region_len + 1..]
            }

            /// The whole id.
            pub fn as_str(&self) -> &str {
                &self.text
            }
        }

        impl FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<$name, IdError> {
                let (region, _) = split_id(s)?;
                Ok($name {
                    region_len: region.as_str().len(),
                    text: s.to_string(),
                })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.text)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.text)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                let text = String::deserialize(deserializer)?;
                text.parse()
                    .map_err(|e| serde::de::Error::custom(format!("invalid {}: {e}", $what)))
            }
        }
    };
}

region_guid_id!(
    /// An identity pool id, `<region>:<guid>`, e.g.
    /// `us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`.
    ///
    /// ```
    /// let id: idpool::IdentityPoolId = "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0".parse()?;
    /// assert_eq!(id.region_str(), "us-east-1");
    /// assert!("us-east-1_AbCdEfGhI".parse::<idpool::IdentityPoolId>().is_err());
    /// # Ok::<(), idpool::IdError>(())
    /// ```
    IdentityPoolId,
    "identity pool id"
);

region_guid_id!(
    /// An identity id, `<region>:<guid>`, as returned by `GetId`.
    IdentityId,
    "identity id"
);

impl Serialize for Region {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Region {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Region, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse()
            .map_err(|e| serde::de::Error::custom(format!("invalid region: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const GUID: &str = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

    /// `[a-z]{2,4}(-[a-z]+)+-[0-9]+`, read part by part.
    fn region_shape_by_parts(s: &str) -> bool {
        let parts: Vec<&str> = s.split('-').collect();
        let lower = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase());
        parts.len() >= 3
            && (2..=4).contains(&parts[0].len())
            && lower(parts[0])
            && parts[1..parts.len() - 1].iter().all(|p| lower(p))
            && !parts[parts.len() - 1].is_empty()
            && parts[parts.len() - 1].bytes().all(|b| b.is_ascii_digit())
    }

    #[test]
    fn region_shape_on_the_edges() {
        for (text, expected) in [
            ("us-east-1", true),
            ("us-gov-west-1", true),
            ("eusc-de-east-1", true),
            ("us-1", false),
            ("us--1", false),
            ("us-east--1", false),
            ("-us-east-1", false),
            ("us-east-", false),
            ("useast-east-1", false),
            ("u-east-1", false),
            ("us-East-1", false),
            ("", false),
        ] {
            assert_eq!(is_region_shape(text), expected, "{text:?}");
            assert_eq!(region_shape_by_parts(text), expected, "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn region_shape_agrees_with_a_reading_by_parts(s in "(-|[a-z]{1,5}|[A-Z]|[0-9]{1,2}){0,7}") {
            prop_assert_eq!(is_region_shape(&s), region_shape_by_parts(&s));
        }
    }

    #[test]
    fn region_shapes() {
        for ok in [
            "us-east-1",
            "us-gov-west-1",
            "cn-north-1",
            "ap-southeast-5",
            "eusc-de-east-1",
            "us-isob-east-1",
        ] {
            assert!(is_region_shape(ok), "{ok}");
        }
        for bad in [
            "",
            "us",
            "us-east",
            "useast-1",
            "US-east-1",
            "u-east-1",
            "usisob-east-1",
            "us--1",
            "us-east-1a",
            "us-east-",
        ] {
            assert!(!is_region_shape(bad), "{bad}");
        }
    }

    #[test]
    fn pool_ids_parse_and_display() {
        let text = format!("eu-west-2:{GUID}");
        let id: IdentityPoolId = text.parse().unwrap();
        assert_eq!(id.region_str(), "eu-west-2");
        assert_eq!(id.region().as_str(), "eu-west-2");
        assert_eq!(id.guid(), GUID);
        assert_eq!(id.to_string(), text);
    }

    #[test]
    fn pool_id_errors_name_the_part_at_fault() {
        assert_eq!(
            "us-east-1_AbCdEfGhI".parse::<IdentityPoolId>(),
            Err(IdError::MissingSeparator)
        );
        assert_eq!(
            format!("useast1:{GUID}").parse::<IdentityPoolId>(),
            Err(IdError::InvalidRegion)
        );
        assert_eq!(
            "us-east-1:0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0".parse::<IdentityId>(),
            Err(IdError::InvalidGuid)
        );
        assert_eq!(
            "us-east-1:0f1e2d3c".parse::<IdentityId>(),
            Err(IdError::InvalidGuid)
        );
    }

    #[test]
    fn ids_round_trip_through_serde() {
        let id: IdentityId = format!("us-east-1:{GUID}").parse().unwrap();
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(serde_json::from_str::<IdentityId>(&json).unwrap(), id);
        assert!(serde_json::from_str::<IdentityId>("\"nope\"").is_err());
    }
}

//! [`Secret`]: a string that never shows itself in `Debug` or `Display`.

use crate::quote::Quoted;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// What is shown instead of a non-empty sensitive value, as the service
/// itself writes it.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// A sensitive string: a login token, a secret key, a session token.
///
/// `Debug` and `Display` print [`REDACTED`] (or nothing for an empty
/// value); only [`Secret::expose`] gives the value, and serde writes it
/// unchanged so that a typed request can be sent on.
///
/// ```
/// let token = idpool::Secret::new("eyJhbGciOi...");
/// assert_eq!(format!("{token:?}"), "\"*** Sensitive Data Redacted ***\"");
/// assert_eq!(token.expose(), "eyJhbGciOi...");
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Secret(String);

impl Secret {
    /// Wrap a sensitive value.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The value itself. Never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// True when the value is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How the value is shown: [`REDACTED`], or empty for an empty value.
    pub fn redacted(&self) -> &'static str {
        if self.0.is_empty() { "" } else { REDACTED }
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", Quoted(self.redacted()))
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.redacted())
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Secret, D::Error> {
        String::deserialize(deserializer).map(Secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_value() {
        let secret = Secret::new("token-value-123");
        assert!(!format!("{secret:?}").contains("token-value-123"));
        assert!(!format!("{secret}").contains("token-value-123"));
        assert_eq!(format!("{secret}"), REDACTED);
        assert_eq!(format!("{}", Secret::new("")), "");
    }

    #[test]
    fn serde_keeps_the_value_for_the_wire() {
        let secret = Secret::new("abc");
        assert_eq!(serde_json::to_string(&secret).unwrap(), "\"abc\"");
        assert_eq!(serde_json::from_str::<Secret>("\"abc\"").unwrap(), secret);
    }
}

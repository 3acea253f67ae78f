//! JSON Web Tokens (RFC 7519), **decoded but never verified**.
//!
//! [`decode`] splits a compact JWS (`header.claims.signature`), decodes the
//! first two parts from base64url and parses them as JSON objects. The
//! signature is **not checked** — its content is ignored entirely, and it may
//! be empty. Nothing here proves who issued a token or that it was not
//! altered: this module only reads what a token *claims*, to simulate what the
//! Cognito service would decide for it (docs/REFERENCE.md section 8). Never use it to make
//! an access decision about a real request.
//!
//! Tokens are secrets that identify a person. The errors of this module say
//! what is wrong and where ("part 2 is not base64url"), never what the token
//! contained, and [`Jwt`]'s `Debug` output shows only claim names from a fixed
//! list of well-known ones (and how many others there are), never a value.
//!
//! Decoding runs in time and memory linear in the token's length and never
//! panics; JSON nesting is limited to 64 levels.
//!
//! Duplicate claim names: RFC 7519 §4 lets parsers either reject them or keep
//! the lexically last one, as JavaScript's `JSON.parse` does. The accessors
//! here use the **last** member of a name; [`Jwt::claims`] keeps every member
//! in token order.

use std::fmt;

use crate::base64::{self, Alphabet};
use crate::json::{self, ParseOptions, Value};

/// The deepest JSON nesting accepted in a header or claims set.
const MAX_DEPTH: usize = 64;

/// A JWT's header and claims, decoded but NOT verified.
///
/// `Debug` prints only the names of well-known header parameters and claims
/// (e.g. `iss`, `aud`, `cognito:roles`) and a count of the other names; never
/// a value, since claims identify a person.
#[derive(Clone)]
pub struct Jwt {
    header: Value<'static>,
    claims: Value<'static>,
}

/// Why a token is not a decodable JWT. Never contains any part of the token.
///
/// `part` is 1 for the header and 2 for the claims set (payload).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JwtError {
    /// The token is not three `.`-separated parts (a JWE has five).
    NotThreeParts,
    /// A part is not base64url.
    Base64 {
        /// 1 = header, 2 = claims.
        part: u8,
    },
    /// A part decodes to something that is not UTF-8 JSON.
    NotJson {
        /// 1 = header, 2 = claims.
        part: u8,
    },
    /// A part is JSON but not an object.
    NotAnObject {
        /// 1 = header, 2 = claims.
        part: u8,
    },
}

// The three part errors share one sentence, written by one formatting call
// (smaller than a derived Display with a call per variant).
impl fmt::Display for JwtError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (part, what) = match self {
            JwtError::NotThreeParts => {
                return f.write_str(
                    "the token is not three '.'-separated parts (header.claims.signature)",
                );
            }
            JwtError::Base64 { part } => (*part, "base64url"),
            JwtError::NotJson { part } => (*part, "JSON"),
            JwtError::NotAnObject { part } => (*part, "a JSON object"),
        };
        write!(
            f,
            "part {part} of the token ({}) is not {what}",
            part_name(part)
        )
    }
}

impl std::error::Error for JwtError {}

fn part_name(part: u8) -> &'static str {
    match part {
        1 => "the header",
        2 => "the claims",
        _ => "the signature",
    }
}

/// Decode `token` (`header.claims.signature`) without verifying it.
///
/// The header and claims must be base64url (padding optional, no whitespace)
/// of UTF-8 JSON objects nested at most 64 deep. The signature may be empty;
/// its content is ignored.
///
/// ```
/// use idpool::base64::{Alphabet, encode};
/// let part = |json: &str| encode(json.as_bytes(), Alphabet::UrlSafe, false);
/// let token = format!(
///     "{}.{}.",
///     part(r#"{"alg":"none"}"#),
///     part(r#"{"iss":"https://accounts.google.com","aud":"my-app","exp":1700000000}"#)
/// );
/// let jwt = idpool::jwt::decode(&token).unwrap();
/// assert_eq!(jwt.issuer(), Some("https://accounts.google.com"));
/// assert_eq!(jwt.audiences(), ["my-app"]);
/// assert_eq!(jwt.expires_at(), Some(1_700_000_000.0));
/// ```
pub fn decode(token: &str) -> Result<Jwt, JwtError> {
    let mut parts = token.split('.');
    let (Some(header), Some(claims), Some(_signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(JwtError::NotThreeParts);
    };
    Ok(Jwt {
        header: decode_part(header, 1)?,
        claims: decode_part(claims, 2)?,
    })
}

fn decode_part(text: &str, part: u8) -> Result<Value<'static>, JwtError> {
    // Matches rather than map_err and `?` (smaller code: the decoded
    // values are not moved through extra Results).
    let Ok(bytes) = base64::decode(text, Alphabet::UrlSafe) else {
        return Err(JwtError::Base64 { part });
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Err(JwtError::NotJson { part });
    };
    let options = ParseOptions {
        max_depth: MAX_DEPTH,
    };
    match json::parse(&text, &options) {
        Ok(value @ Value::Object(_)) => Ok(value.into_owned()),
        Ok(_) => Err(JwtError::NotAnObject { part }),
        Err(_) => Err(JwtError::NotJson { part }),
    }
}

/// The value of the last member named `name` of an object.
fn last_member<'v>(object: &'v Value<'static>, name: &str) -> Option<&'v Value<'static>> {
    object
        .as_object()?
        .iter()
        .rev()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
}

/// A scalar as text for rule matching: strings as they are, numbers and
/// booleans as their JSON text.
fn scalar_text(value: &Value<'_>) -> Option<String> {
    match value {
        Value::String(s) => Some(s.to_string()),
        Value::Number(n) => Some(n.as_str().to_string()),
        Value::Bool(b) => Some(if *b { "true" } else { "false" }.to_string()),
        _ => None,
    }
}

impl Jwt {
    /// The JOSE header, a JSON object (`alg`, `kid`, `typ`, ...).
    pub fn header(&self) -> &Value<'static> {
        &self.header
    }

    /// The claims set, a JSON object, every member in token order.
    pub fn claims(&self) -> &Value<'static> {
        &self.claims
    }

    /// The claim named `name` (the last one, if the name is repeated).
    pub fn claim(&self, name: &str) -> Option<&Value<'static>> {
        last_member(&self.claims, name)
    }

    /// The `iss` claim, if it is a string.
    pub fn issuer(&self) -> Option<&str> {
        self.claim("iss")?.as_str()
    }

    /// The `aud` claim: one string, or the strings of an array (other
    /// elements are skipped). Empty when absent or of another type.
    pub fn audiences(&self) -> Vec<&str> {
        match self.claim("aud") {
            Some(Value::String(s)) => vec![s.as_ref()],
            Some(Value::Array(items)) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.extend(item.as_str());
                }
                out
            }
            _ => Vec::new(),
        }
    }

    /// The `token_use` claim (Cognito user pools: `id` or `access`), if it is a string.
    pub fn token_use(&self) -> Option<&str> {
        self.claim("token_use")?.as_str()
    }

    /// The `exp` claim (a NumericDate: seconds since the Unix epoch), if it is
    /// a number. A magnitude beyond `f64` gives an infinity.
    pub fn expires_at(&self) -> Option<f64> {
        self.numeric_date("exp")
    }

    /// The `nbf` claim (a NumericDate), if it is a number.
    pub fn not_before(&self) -> Option<f64> {
        self.numeric_date("nbf")
    }

    /// The first of `exp` and `nbf` that is present but not a NumericDate
    /// (a JSON number), such as `"exp": "1700000000"`: a token the service
    /// cannot read an expiry from, rather than one without expiry.
    pub fn malformed_date_claim(&self) -> Option<&'static str> {
        for name in ["exp", "nbf"] {
            if let Some(value) = self.claim(name)
                && !matches!(value, Value::Number(_))
            {
                return Some(name);
            }
        }
        None
    }

    fn numeric_date(&self, name: &str) -> Option<f64> {
        match self.claim(name)? {
            Value::Number(n) => Some(n.as_f64()).filter(|v| !v.is_nan()),
            _ => None,
        }
    }

    /// A claim holding a list: a JSON array of strings, or one string of
    /// comma-separated values (as Cognito writes `cognito:roles` in some
    /// tokens); trims entries, drops empties.
    ///
    /// `None` when the claim is absent, is of another type, or is an array
    /// with an element that is not a string.
    pub fn string_list(&self, name: &str) -> Option<Vec<String>> {
        let keep = |list: &mut Vec<String>, s: &str| {
            let s = s.trim();
            if !s.is_empty() {
                list.push(s.to_string());
            }
        };
        let mut list = Vec::new();
        match self.claim(name)? {
            Value::String(s) => {
                for part in s.split(',') {
                    keep(&mut list, part);
                }
            }
            Value::Array(items) => {
                for item in items {
                    keep(&mut list, item.as_str()?);
                }
            }
            _ => return None,
        }
        Some(list)
    }

    /// A claim's values as strings for rule matching: string → `[s]`;
    /// number or boolean → `[its JSON text]`; array → each scalar element as
    /// above (nested arrays, objects and nulls skipped); null, object or
    /// absent → none.
    pub fn claim_strings(&self, name: &str) -> Vec<String> {
        match self.claim(name) {
            Some(Value::Array(items)) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.extend(scalar_text(item));
                }
                out
            }
            Some(value) => scalar_text(value).into_iter().collect(),
            None => Vec::new(),
        }
    }
}

/// Header parameter names that `Debug` may show (RFC 7515 §4.1).
const KNOWN_HEADER: &[&str] = &[
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
];

/// Claim names that `Debug` may show: registered (RFC 7519 §4.1), OpenID
/// Connect, Cognito user pools, Google and Apple. Names only, never values.
const KNOWN_CLAIMS: &[&str] = &[
    "iss",
    "sub",
    "aud",
    "exp",
    "nbf",
    "iat",
    "jti",
    "auth_time",
    "nonce",
    "acr",
    "amr",
    "azp",
    "at_hash",
    "c_hash",
    "sid",
    "scope",
    "client_id",
    "token_use",
    "username",
    "version",
    "event_id",
    "origin_jti",
    "email",
    "email_verified",
    "phone_number",
    "phone_number_verified",
    "name",
    "given_name",
    "family_name",
    "picture",
    "locale",
    "hd",
    "is_private_email",
    "real_user_status",
    "nonce_supported",
    "identities",
    "cognito:username",
    "cognito:groups",
    "cognito:roles",
    "cognito:preferred_role",
];

/// The names of `object`'s members found in `known` (as the static strings
/// of `known`, so nothing of the token is copied), and how many others.
fn known_names(object: &Value<'_>, known: &[&'static str]) -> (Vec<&'static str>, usize) {
    let mut names = Vec::new();
    let mut others = 0;
    for (key, _) in object.as_object().unwrap_or_default() {
        match known.iter().find(|k| **k == key.as_ref()) {
            Some(k) => names.push(*k),
            None => others += 1,
        }
    }
    (names, others)
}

impl fmt::Debug for Jwt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (header, other_header) = known_names(&self.header, KNOWN_HEADER);
        let (claims, other_claims) = known_names(&self.claims, KNOWN_CLAIMS);
        f.debug_struct("Jwt")
            .field("header", &header)
            .field("other_header_parameters", &other_header)
            .field("claims", &claims)
            .field("other_claims", &other_claims)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(json: &str) -> String {
        base64::encode(json.as_bytes(), Alphabet::UrlSafe, false)
    }

    fn token(claims: &str) -> String {
        format!(
            "{}.{}.c2ln",
            part(r#"{"alg":"RS256","kid":"k1"}"#),
            part(claims)
        )
    }

    #[test]
    fn decodes_header_and_claims() {
        let jwt = decode(&token(
            r#"{"iss":"https://example.com","aud":["a","b",1],"exp":5}"#,
        ))
        .unwrap();
        assert_eq!(
            jwt.header().get("alg").and_then(Value::as_str),
            Some("RS256")
        );
        assert_eq!(jwt.issuer(), Some("https://example.com"));
        assert_eq!(jwt.audiences(), ["a", "b"]);
        assert_eq!(jwt.expires_at(), Some(5.0));
        assert_eq!(jwt.not_before(), None);
        assert_eq!(jwt.token_use(), None);
    }

    #[test]
    fn split_rules() {
        let header = part(r#"{"alg":"none"}"#);
        let claims = part("{}");
        assert!(decode(&format!("{header}.{claims}.")).is_ok());
        assert!(decode(&format!("{header}.{claims}.*not base64*")).is_ok());
        assert_eq!(
            decode(&format!("{header}.{claims}")).unwrap_err(),
            JwtError::NotThreeParts
        );
        assert_eq!(
            decode(&format!("{header}.{claims}.s.x.y")).unwrap_err(),
            JwtError::NotThreeParts
        );
        assert_eq!(decode("").unwrap_err(), JwtError::NotThreeParts);
        assert_eq!(decode("..").unwrap_err(), JwtError::NotJson { part: 1 });
        assert_eq!(
            decode(&format!("{header}..")).unwrap_err(),
            JwtError::NotJson { part: 2 }
        );
    }

    #[test]
    fn part_errors_name_the_part() {
        let good = part("{}");
        let cases = [
            (format!("a*b.{good}."), JwtError::Base64 { part: 1 }),
            (format!("{good}.{good} ."), JwtError::Base64 { part: 2 }),
            (
                format!("{}.{good}.", part("nope")),
                JwtError::NotJson { part: 1 },
            ),
            (
                format!(
                    "{good}.{}.",
                    base64::encode(&[0xff, 0xfe], Alphabet::UrlSafe, false)
                ),
                JwtError::NotJson { part: 2 },
            ),
            (
                format!("{}.{good}.", part("[1]")),
                JwtError::NotAnObject { part: 1 },
            ),
            (
                format!("{good}.{}.", part("\"s\"")),
                JwtError::NotAnObject { part: 2 },
            ),
        ];
        for (token, expected) in cases {
            assert_eq!(decode(&token).unwrap_err(), expected, "{expected}");
        }
        assert_eq!(
            JwtError::Base64 { part: 2 }.to_string(),
            "part 2 of the token (the claims) is not base64url"
        );
    }

    #[test]
    fn depth_is_limited() {
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(70), "]".repeat(70));
        assert_eq!(
            decode(&token(&deep)).unwrap_err(),
            JwtError::NotJson { part: 2 }
        );
        let ok = format!("{{\"a\":{}{}}}", "[".repeat(63), "]".repeat(63));
        assert!(decode(&token(&ok)).is_ok());
    }

    #[test]
    fn last_duplicate_wins() {
        let jwt = decode(&token(r#"{"iss":"first","iss":"last"}"#)).unwrap();
        assert_eq!(jwt.issuer(), Some("last"));
        assert_eq!(jwt.claims().as_object().unwrap().len(), 2);
    }

    #[test]
    fn string_lists() {
        let jwt = decode(&token(
            r#"{"arr":[" a ","","b"],"csv":" a, ,b ,","bad":["a",1],"num":3,"empty":[]}"#,
        ))
        .unwrap();
        assert_eq!(jwt.string_list("arr").unwrap(), ["a", "b"]);
        assert_eq!(jwt.string_list("csv").unwrap(), ["a", "b"]);
        assert_eq!(jwt.string_list("bad"), None);
        assert_eq!(jwt.string_list("num"), None);
        assert_eq!(jwt.string_list("absent"), None);
        assert_eq!(jwt.string_list("empty").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn claim_strings_for_rules() {
        let jwt = decode(&token(
            r#"{"s":"x","n":1.50,"b":true,"a":["x",2,false,null,[1],{"k":1}],"o":{"k":"v"},"z":null}"#,
        ))
        .unwrap();
        assert_eq!(jwt.claim_strings("s"), ["x"]);
        assert_eq!(jwt.claim_strings("n"), ["1.50"]);
        assert_eq!(jwt.claim_strings("b"), ["true"]);
        assert_eq!(jwt.claim_strings("a"), ["x", "2", "false"]);
        assert!(jwt.claim_strings("o").is_empty());
        assert!(jwt.claim_strings("z").is_empty());
        assert!(jwt.claim_strings("absent").is_empty());
    }

    #[test]
    fn debug_shows_known_names_only() {
        let jwt = decode(&token(
            r#"{"sub":"person-123","email":"someone@example.com","custom:secret":"x"}"#,
        ))
        .unwrap();
        let debug = format!("{jwt:?}");
        assert!(debug.contains("\"sub\""));
        assert!(debug.contains("\"email\""));
        assert!(debug.contains("other_claims: 1"));
        assert!(!debug.contains("person-123"));
        assert!(!debug.contains("someone@example.com"));
        assert!(!debug.contains("custom:secret"));
    }
}

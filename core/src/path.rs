//! Locations in an input, kept as a stack of segments while walking and
//! rendered only when an issue is found: as an RFC 6901 JSON Pointer, in
//! the service's grammar (`cognitoIdentityProviders.1.member.clientId`),
//! and for people (`CognitoIdentityProviders[0].ClientId`).

use crate::quote::Quoted;

/// One step from a value to one of its children.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Segment<'a> {
    /// A structure member: its wire name and its name in service messages.
    Member {
        wire: &'a str,
        service: &'static str,
    },
    /// A list entry (0-based).
    Index(usize),
    /// A map entry.
    Key(&'a str),
}

/// The path from the input's root to the value being walked.
#[derive(Debug, Default)]
pub(crate) struct Path<'a> {
    segments: Vec<Segment<'a>>,
}

impl<'a> Path<'a> {
    pub(crate) fn push(&mut self, segment: Segment<'a>) {
        self.segments.push(segment);
    }

    pub(crate) fn pop(&mut self) {
        self.segments.pop();
    }

    /// The JSON Pointer of the current value.
    pub(crate) fn pointer(&self) -> String {
        let mut out = String::new();
        for segment in &self.segments {
            out.push('/');
            match segment {
                Segment::Member { wire, .. } => push_pointer_token(&mut out, wire),
                Segment::Key(key) => push_pointer_token(&mut out, key),
                Segment::Index(i) => out.push_str(&i.to_string()),
            }
        }
        out
    }

    /// The JSON Pointer of the current value's child `key`.
    pub(crate) fn pointer_with(&self, key: &str) -> String {
        let mut out = self.pointer();
        out.push('/');
        push_pointer_token(&mut out, key);
        out
    }

    /// The path as the service writes it. The root is named after
    /// `root_shape` (lowerCamelCase), which only shows when the target is
    /// itself a string, number or collection shape.
    pub(crate) fn service(&self, root_shape: &str) -> String {
        let mut out = String::new();
        for segment in &self.segments {
            if !out.is_empty() {
                out.push('.');
            }
            match segment {
                Segment::Member { service, .. } => out.push_str(service),
                Segment::Index(i) => {
                    out.push_str(&(i + 1).to_string());
                    out.push_str(".member");
                }
                Segment::Key(key) => {
                    out.push_str(key);
                    out.push_str(".member");
                }
            }
        }
        if out.is_empty() {
            lower_camel(root_shape)
        } else {
            out
        }
    }

    /// The path for people, in the style SDK parameter validation uses:
    /// members joined by `.`, list indexes in brackets, map keys quoted in
    /// brackets (`CognitoIdentityProviders[0].ClientId`,
    /// `Logins["graph.facebook.com"]`), `input` for the root.
    pub(crate) fn display(&self) -> String {
        let mut out = String::new();
        for segment in &self.segments {
            match segment {
                Segment::Member { wire, .. } => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(wire);
                }
                Segment::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
                Segment::Key(key) => {
                    out.push('[');
                    out.push_str(&Quoted(key).to_string());
                    out.push(']');
                }
            }
        }
        if out.is_empty() {
            "input".to_string()
        } else {
            out
        }
    }
}

/// Append `token` to a JSON Pointer, escaping `~` and `/` (RFC 6901).
pub(crate) fn push_pointer_token(out: &mut String, token: &str) {
    if !token.contains(['~', '/']) {
        out.push_str(token);
        return;
    }
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// `IdentityPoolId` → `identityPoolId`.
pub(crate) fn lower_camel(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Path<'static> {
        let mut path = Path::default();
        path.push(Segment::Member {
            wire: "CognitoIdentityProviders",
            service: "cognitoIdentityProviders",
        });
        path.push(Segment::Index(0));
        path.push(Segment::Member {
            wire: "ClientId",
            service: "clientId",
        });
        path
    }

    #[test]
    fn renders_pointer_service_and_display_forms() {
        let path = sample();
        assert_eq!(path.pointer(), "/CognitoIdentityProviders/0/ClientId");
        assert_eq!(
            path.service("X"),
            "cognitoIdentityProviders.1.member.clientId"
        );
        assert_eq!(path.display(), "CognitoIdentityProviders[0].ClientId");
    }

    #[test]
    fn display_quotes_map_keys_in_brackets() {
        let mut path = Path::default();
        path.push(Segment::Member {
            wire: "Logins",
            service: "logins",
        });
        path.push(Segment::Key("graph.facebook.com"));
        assert_eq!(path.display(), r#"Logins["graph.facebook.com"]"#);
        assert_eq!(path.pointer(), "/Logins/graph.facebook.com");
    }

    #[test]
    fn escapes_pointer_tokens() {
        let mut path = Path::default();
        path.push(Segment::Member {
            wire: "Logins",
            service: "logins",
        });
        assert_eq!(
            path.pointer_with("cognito-idp.us-east-1.amazonaws.com/us-east-1_A~b"),
            "/Logins/cognito-idp.us-east-1.amazonaws.com~1us-east-1_A~0b"
        );
    }

    #[test]
    fn root_is_named_after_the_target_shape() {
        let path = Path::default();
        assert_eq!(path.pointer(), "");
        assert_eq!(path.service("IdentityPoolId"), "identityPoolId");
        assert_eq!(path.display(), "input");
    }
}

//! The model's `pattern` traits, as matchers generated from the model.
//!
//! The service applies each pattern, a Java regular expression, to the
//! whole value (`Matcher.matches()`). `cargo run -p xtask -- codegen`
//! compiles the model's patterns into minimal automata written out as
//! straight-line Rust in [`generated`](self); there is no regex engine at
//! run time. The generator understands only unambiguous Java syntax and
//! refuses anything else, so a model update with a new construct fails the
//! build of the table instead of being matched differently (see
//! `xtask/src/pattern.rs`). Java meanings without flags: `\w` is ASCII
//! `[A-Za-z0-9_]`, `\s` is `[ \t\n\x0B\f\r]`, `\d` is `[0-9]`, and
//! `\p{L}`, `\p{M}`, `\p{S}`, `\p{N}`, `\p{P}` are Unicode general
//! categories of Unicode 14.0.0 (the JDK running the service
//! may follow another version for characters assigned since).
//!
//! `xtask/tests/patterns.rs` compares these matchers with an independent
//! Java-regex engine kept as a test oracle, on random and exhaustive
//! inputs. Matching takes one pass over the text and no allocation.

// Generated code spells classes as ranges, as the model does.
#[allow(clippy::manual_is_ascii_check)]
#[rustfmt::skip]
mod generated;

/// True when the whole `text` matches pattern `index` of the constraint
/// table (`StringRules::pattern_index`).
pub(crate) fn is_full_match(index: u8, text: &str) -> bool {
    generated::stop(index, text).is_none()
}

/// True when pattern `index` is one bracketed class under `+`.
pub(crate) fn is_single_class(index: u8) -> bool {
    generated::is_single_class(index)
}

/// For a pattern that is one bracketed class under `+` (such as
/// `[\w._-]+`), the first character the class rejects, with its index in
/// characters: a precise hint for people. `None` for other patterns, and
/// when every character is allowed.
pub(crate) fn first_rejected_char(index: u8, text: &str) -> Option<(usize, char)> {
    if !is_single_class(index) {
        return None;
    }
    let at = generated::stop(index, text)?;
    let c = text.get(at..)?.chars().next()?;
    Some((text[..at].chars().count(), c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{self, ShapeKind};

    #[test]
    fn indices_are_the_constraint_tables() {
        let mut seen = [false; generated::SOURCES.len()];
        for shape in schema::shapes() {
            if let ShapeKind::String(rules) = &shape.kind {
                assert_eq!(rules.pattern.is_some(), rules.pattern_index.is_some());
                if let (Some(source), Some(index)) = (rules.pattern, rules.pattern_index) {
                    assert_eq!(generated::SOURCES[usize::from(index)], source);
                    seen[usize::from(index)] = true;
                }
            }
        }
        assert!(seen.iter().all(|&s| s), "every matcher serves a shape");
        let past_the_end = u8::try_from(generated::SOURCES.len()).unwrap();
        assert!(!is_full_match(past_the_end, ""));
        assert!(!is_full_match(past_the_end, "a"));
    }

    fn index_of(source: &str) -> u8 {
        let i = generated::SOURCES.iter().position(|s| *s == source);
        u8::try_from(i.unwrap_or_else(|| panic!("{source} is not a model pattern"))).unwrap()
    }

    #[test]
    fn model_patterns_match_as_java_does() {
        let name = index_of(r"[\w\s+=,.@-]+");
        assert!(is_full_match(name, "My pool_1 a.b@c+d=e,f-g"));
        assert!(!is_full_match(name, "pool#1"));
        assert!(!is_full_match(name, "é"));
        assert!(!is_full_match(name, ""));
        let id = index_of(r"[\w-]+:[0-9a-f-]+");
        assert!(is_full_match(
            id,
            "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
        ));
        assert!(!is_full_match(id, "us-east-1:0F"));
        assert!(!is_full_match(id, "us-east-1"));
        let kind = index_of("(un)?authenticated");
        assert!(is_full_match(kind, "authenticated"));
        assert!(is_full_match(kind, "unauthenticated"));
        assert!(!is_full_match(kind, "Authenticated"));
        let any = index_of(r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+");
        assert!(is_full_match(any, "Ünïcode€😀٣"));
        assert!(!is_full_match(any, "two words"));
        let token = index_of(r"[\S]+");
        assert!(is_full_match(token, "eyJ.é\u{a0}"));
        assert!(!is_full_match(token, "a\tb"));
        assert_eq!(
            generated::UNICODE_VERSION,
            "14.0.0",
            "the version documented above"
        );
    }

    #[test]
    fn rejected_character_hints_only_for_single_class_patterns() {
        let name = index_of(r"[\w\s+=,.@-]+");
        assert_eq!(first_rejected_char(name, "pool#name"), Some((4, '#')));
        assert_eq!(first_rejected_char(name, "ééé#"), Some((0, 'é')));
        assert_eq!(first_rejected_char(name, "ok"), None);
        assert_eq!(first_rejected_char(name, ""), None);
        let any = index_of(r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+");
        assert_eq!(first_rejected_char(any, "日本 語"), Some((2, ' ')));
        let id = index_of(r"[\w-]+:[0-9a-f-]+");
        assert_eq!(first_rejected_char(id, "us-east-1_x"), None);
        assert_eq!(first_rejected_char(id, "us#east"), None);
        assert_eq!(first_rejected_char(index_of(r"\d+"), "12a"), None);
    }
}

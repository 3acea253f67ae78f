//! The generated pattern matchers (the committed
//! `core/src/pattern/generated.rs`, compiled here as it ships) against the
//! oracle, an independent Java-regex engine: every code point alone, and
//! random strings of the characters and pieces that matter, long ones
//! included.

#[allow(dead_code, clippy::manual_is_ascii_check)]
#[path = "../../core/src/pattern/generated.rs"]
#[rustfmt::skip]
mod generated;

use proptest::prelude::*;
use std::sync::LazyLock;
use xtask::oracle::Pattern;

static ORACLES: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    generated::SOURCES
        .iter()
        .map(|s| Pattern::compile(s).unwrap_or_else(|e| panic!("oracle refuses {s}: {e}")))
        .collect()
});

fn oracles() -> &'static [Pattern] {
    &ORACLES
}

/// What the generated matcher's stopping point must be, by the oracle: for
/// a single-class pattern, the first character the class rejects; then
/// `None` when the whole text matches.
fn expected_stop(oracle: &Pattern, single_class: bool, text: &str) -> Option<Option<usize>> {
    if oracle.is_full_match(text) {
        return Some(None);
    }
    if !single_class {
        return None; // only "not a match" is known
    }
    let mut buffer = [0u8; 4];
    let rejected = text
        .char_indices()
        .find(|(_, c)| !oracle.is_full_match(c.encode_utf8(&mut buffer)))
        .map(|(at, _)| at);
    Some(Some(rejected.unwrap_or(text.len())))
}

fn agree(oracles: &[Pattern], text: &str) {
    for (i, oracle) in oracles.iter().enumerate() {
        let index = u8::try_from(i).unwrap();
        let stop = generated::stop(index, text);
        assert_eq!(
            stop.is_none(),
            oracle.is_full_match(text),
            "pattern {} on {text:?}",
            generated::SOURCES[i]
        );
        if let Some(at) = stop {
            assert!(at <= text.len() && text.is_char_boundary(at), "{at}");
        }
        if let Some(expected) = expected_stop(oracle, generated::is_single_class(index), text) {
            assert_eq!(
                stop,
                expected,
                "pattern {} on {text:?}",
                generated::SOURCES[i]
            );
        }
    }
}

#[test]
fn every_code_point_alone_and_between_letters() {
    let oracles = oracles();
    let mut buffer = [0u8; 4];
    for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
        let alone: &str = c.encode_utf8(&mut buffer);
        for (i, oracle) in oracles.iter().enumerate() {
            let index = u8::try_from(i).unwrap();
            let expected = if oracle.is_full_match(alone) {
                None
            } else {
                Some(0)
            };
            // A one-character text either matches or stops at 0, except
            // when a prefix of a longer match ends at the text's end.
            let stop = generated::stop(index, alone);
            assert_eq!(
                stop.is_none(),
                expected.is_none(),
                "pattern {} on U+{:04X}",
                generated::SOURCES[i],
                u32::from(c)
            );
        }
        // Inside a text, after a prefix that moved the automaton on, the
        // character must be judged the same way.
        if u32::from(c) % 7 != 0 && u32::from(c) >= 0x3000 {
            continue;
        }
        for framed in [
            format!("a{c}0"),
            format!("0:{c}"),
            format!("{c}authenticated"),
        ] {
            for (i, oracle) in oracles.iter().enumerate() {
                let index = u8::try_from(i).unwrap();
                assert_eq!(
                    generated::stop(index, &framed).is_none(),
                    oracle.is_full_match(&framed),
                    "pattern {} on {framed:?}",
                    generated::SOURCES[i]
                );
            }
        }
    }
}

#[test]
fn the_documented_unicode_version() {
    assert_eq!(generated::UNICODE_VERSION, xtask::unicode::UNICODE_VERSION);
    assert_eq!(generated::UNICODE_VERSION, "14.0.0");
}

/// Characters on either side of every class boundary of the model.
const EDGE_CHARS: &[char] = &[
    'a',
    'f',
    'g',
    'z',
    'A',
    'F',
    'Z',
    '0',
    '9',
    '_',
    '-',
    ':',
    '.',
    ';',
    '/',
    '@',
    '+',
    '=',
    ',',
    ' ',
    '\t',
    '\n',
    '\u{b}',
    '\u{c}',
    '\r',
    '#',
    '!',
    '~',
    '\u{7f}',
    '\u{0}',
    'u',
    'n',
    'é',
    '\u{a0}',
    '\u{85}',
    '\u{2028}',
    '\u{3000}',
    '€',
    '😀',
    '\u{301}',
    '\u{378}',
    '\u{e000}',
    '\u{200b}',
    'ǅ',
    '٣',
    '日',
    '\u{10ffff}',
    '\u{fffd}',
    '\u{feff}',
    '\u{1f600}',
    '\u{e0001}',
];

/// Pieces of the model's patterns, for texts that nearly match.
const PIECES: &[&str] = &[
    "un",
    "authenticated",
    "unauthenticated",
    "us-east-1",
    ":",
    "0f1e2d3c",
    "-",
    "_",
    "ab",
    "X",
    "é",
    " ",
    "12",
    "a.b",
    "@",
    "g",
    "F",
];

fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::sample::select(EDGE_CHARS),
        1 => any::<char>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn random_texts_of_edge_characters(chars in prop::collection::vec(any_char(), 0..24)) {
        let text: String = chars.into_iter().collect();
        agree(oracles(), &text);
    }

    #[test]
    fn random_texts_of_pattern_pieces(pieces in prop::collection::vec(prop::sample::select(PIECES), 0..8)) {
        agree(oracles(), &pieces.concat());
    }

    #[test]
    fn long_texts(piece in prop::sample::select(PIECES), times in 1usize..120, tail in any_char()) {
        // Long texts take the oracle's DFA path (256 bytes and more).
        let text = format!("{}{tail}", piece.repeat(times));
        agree(oracles(), &text);
        agree(oracles(), &piece.repeat(times));
    }
}

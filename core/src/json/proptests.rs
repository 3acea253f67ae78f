//! Property tests: differential against `serde_json`, and round trips.
//!
//! Known, intended differences from `serde_json` (handled below):
//! * a leading byte order mark is skipped here, rejected there;
//! * `serde_json` stops at 128 nesting levels; the generated inputs stay
//!   below that and the parser runs with a high `max_depth`.

use std::borrow::Cow;
use std::collections::BTreeMap;

use proptest::prelude::*;
use serde::Deserialize;

use super::*;

const DEEP: ParseOptions = ParseOptions { max_depth: 1000 };

/// Compares one of our values with a `serde_json` one. Objects are compared
/// with `serde_json`'s semantics (a later duplicate key wins); numbers exactly
/// when both are integers that fit, otherwise by their `f64` value.
fn same(ours: &Value<'_>, theirs: &serde_json::Value) -> bool {
    match (ours, theirs) {
        (Value::Null, serde_json::Value::Null) => true,
        (Value::Bool(a), serde_json::Value::Bool(b)) => a == b,
        (Value::String(a), serde_json::Value::String(b)) => a == b,
        (Value::Number(a), serde_json::Value::Number(b)) => {
            if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
                x == y
            } else if let (Some(x), Some(y)) = (a.as_u64(), b.as_u64()) {
                x == y
            } else {
                b.as_f64().is_some_and(|y| close(a.as_f64(), y))
            }
        }
        (Value::Array(a), serde_json::Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        (Value::Object(a), serde_json::Value::Object(b)) => {
            let mut last: BTreeMap<&str, &Value<'_>> = BTreeMap::new();
            for (k, v) in a {
                last.insert(k, v);
            }
            last.len() == b.len()
                && last
                    .iter()
                    .all(|(k, v)| b.get(*k).is_some_and(|w| same(v, w)))
        }
        _ => false,
    }
}

/// Equal, or nearly: `serde_json` (without its `float_roundtrip` feature)
/// parses floats "best effort", sometimes a few ulps off the correctly
/// rounded value that `str::parse` (and so [`Number::as_f64`]) gives, mostly
/// for long mantissas.
fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-14 * a.abs().max(b.abs())
}

/// Checks that we accept `text` iff `serde_json` does, and that both give the same value.
fn differential(text: &str) -> Result<(), TestCaseError> {
    let ours = parse(text, &DEEP);
    let reference = text.strip_prefix('\u{feff}').unwrap_or(text);
    let theirs = serde_json::from_str::<serde_json::Value>(reference);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => prop_assert!(same(a, b), "{text:?}: {a:?} vs {b:?}"),
        (Err(_), Err(_)) => {}
        _ => prop_assert!(false, "{text:?}: ours {ours:?}, serde_json {theirs:?}"),
    }
    // Whatever the outcome, an error's position is inside the input.
    if let Err(e) = &ours {
        prop_assert!(e.offset <= text.len());
        prop_assert!(e.line >= 1 && e.column >= 1);
    }
    Ok(())
}

/// Pieces of JSON-ish text, valid and invalid, glued together at random.
fn token() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        " ",
        "\n",
        "\t",
        "\r",
        "\u{c}",
        "\"a\"",
        "\"\"",
        "\"é😀\"",
        "\"\\u00e9\"",
        "\"\\ud83d\\ude00\"",
        "\"\\ud800\"",
        "\"\\udc00x\"",
        "\"\\n\\t\\\"\\\\\\/\"",
        "\"\\x\"",
        "\"\\u12\"",
        "\"",
        "\\",
        "\"\t\"",
        "\"\u{7f}\"",
        "\u{1}",
        "0",
        "-0",
        "01",
        "1.5",
        "-2e-3",
        "1E+9",
        "1.",
        "-",
        ".5",
        "1e",
        "+1",
        "9223372036854775808",
        "18446744073709551616",
        "123456789012345678901234567890",
        "1e400",
        "true",
        "false",
        "null",
        "tru",
        "nul",
        "True",
        "NaN",
        "Infinity",
        "'a'",
        "/*x*/",
        "//",
        "\u{feff}",
        "\u{a0}",
        "x",
        "é",
    ])
}

fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..60).prop_map(|tokens| tokens.concat())
}

/// Number texts matching the grammar (kept within the `f64` range).
fn number_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|i| i.to_string()),
        any::<u64>().prop_map(|u| u.to_string()),
        "-?(0|[1-9][0-9]{0,25})(\\.[0-9]{1,20})?([eE][+-]?[0-9]{1,2})?",
    ]
}

fn key_or_string() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-c\"\\\\/\u{0}-\u{1f}\u{7f}é😀\u{2028}]{0,6}",
    ]
}

/// Arbitrary values, numbers given as text.
fn value() -> impl Strategy<Value = Value<'static>> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number_text().prop_map(|t| Value::Number(Number::from_validated(Cow::Owned(t)))),
        key_or_string().prop_map(|s| Value::String(Cow::Owned(s))),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key_or_string().prop_map(Cow::Owned), inner), 0..6)
                .prop_map(Value::Object),
        ]
    })
}

/// Arbitrary values whose numbers are all `i64` integers.
fn integer_value() -> impl Strategy<Value = Value<'static>> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|i| Value::Number(Number::from_i64(i))),
        key_or_string().prop_map(|s| Value::String(Cow::Owned(s))),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key_or_string().prop_map(Cow::Owned), inner), 0..6)
                .prop_map(Value::Object),
        ]
    })
}

/// Renders `v` with arbitrary JSON whitespace between tokens.
fn with_whitespace(v: &Value<'_>, ws: &[u8]) -> String {
    // Re-tokenise the compact form: whitespace may go anywhere outside strings.
    let compact = to_string(v);
    let mut out = String::with_capacity(compact.len() * 2);
    let mut in_string = false;
    let mut escaped = false;
    let mut k = 0;
    for c in compact.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        if matches!(c, '[' | ']' | '{' | '}' | ',' | ':' | '"') {
            let w = ws.get(k % ws.len().max(1)).copied().unwrap_or(0);
            k += 1;
            out.push_str(["", " ", "\n", "\t", "\r\n", "  "][usize::from(w % 6)]);
        }
        if c == '"' {
            in_string = true;
        }
        out.push(c);
    }
    out
}

/// One random edit of `text` (kept valid UTF-8): delete, insert or replace a char.
fn mutate(text: &str, position: usize, op: u8, c: char) -> String {
    let chars: Vec<char> = text.chars().collect();
    let i = if chars.is_empty() {
        0
    } else {
        position % (chars.len() + 1)
    };
    let mut out: Vec<char> = chars.clone();
    match op % 3 {
        0 if i < out.len() => {
            out.remove(i);
        }
        1 if i < out.len() => out[i] = c,
        _ => out.insert(i, c),
    }
    out.into_iter().collect()
}

fn mutation_char() -> impl Strategy<Value = char> {
    prop::sample::select(vec![
        '{', '}', '[', ']', ',', ':', '"', '\\', ' ', '\n', '\u{1}', '\u{c}', '0', '1', '-', '.',
        'e', '+', 'u', 'x', 't', 'n', '\'', 'é', '\u{feff}',
    ])
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PoolDoc {
    identity_pool_name: String,
    allow_unauthenticated_identities: bool,
    #[serde(default)]
    allow_classic_flow: Option<bool>,
    #[serde(default)]
    supported_login_providers: BTreeMap<String, String>,
    #[serde(default, rename = "OpenIdConnectProviderARNs")]
    open_id_connect_provider_arns: Vec<String>,
    #[serde(default)]
    cognito_identity_providers: Vec<ProviderDoc>,
    #[serde(default)]
    count: Option<u32>,
    #[serde(default)]
    ratio: Option<f64>,
    #[serde(default)]
    kind: Option<KindDoc>,
    #[serde(default)]
    pair: Option<(i8, String)>,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ProviderDoc {
    provider_name: String,
    client_id: String,
    #[serde(default)]
    server_side_token_check: bool,
}

#[derive(Debug, PartialEq, Deserialize)]
enum KindDoc {
    Basic,
    Named(String),
    Custom { level: u8 },
}

/// For each field: candidate value texts (`None` leaves the field out).
/// `-0` is left out of the integer candidates on purpose: it is the integer
/// 0 for `from_value` but the float -0.0 for `serde_json`.
fn pool_doc_text() -> impl Strategy<Value = String> {
    fn field(
        name: &'static str,
        candidates: Vec<Option<&'static str>>,
    ) -> impl Strategy<Value = Option<String>> {
        prop::sample::select(candidates)
            .prop_map(move |c| c.map(|text| format!("\"{name}\":{text}")))
    }
    let strings = vec![
        Some("\"pool\""),
        Some("\"a\\u00e9\\n\""),
        Some("1"),
        Some("null"),
        None,
    ];
    (
        (
            field("IdentityPoolName", strings.clone()),
            field(
                "AllowUnauthenticatedIdentities",
                vec![Some("true"), Some("false"), Some("0"), Some("\"true\""), None],
            ),
            field(
                "AllowClassicFlow",
                vec![Some("null"), Some("true"), Some("[]"), None],
            ),
            field(
                "SupportedLoginProviders",
                vec![
                    Some("{}"),
                    Some("{\"graph.facebook.com\":\"1\",\"accounts.google.com\":\"2\"}"),
                    Some("{\"a\":1}"),
                    Some("[]"),
                    Some("{\"a\":\"x\",\"a\":\"y\"}"),
                    None,
                ],
            ),
            field(
                "OpenIdConnectProviderARNs",
                vec![
                    Some("[]"),
                    Some("[\"arn:aws:iam::123456789012:oidc-provider/x\"]"),
                    Some("[1]"),
                    Some("\"x\""),
                    None,
                ],
            ),
        ),
        (
            field(
                "CognitoIdentityProviders",
                vec![
                    Some("[{\"ProviderName\":\"p\",\"ClientId\":\"c\",\"ServerSideTokenCheck\":true}]"),
                    Some("[{\"ProviderName\":\"p\",\"ClientId\":\"c\"}]"),
                    Some("[{\"ProviderName\":\"p\"}]"),
                    Some("[{\"ProviderName\":\"p\",\"ClientId\":\"c\",\"Extra\":[1,{}]}]"),
                    Some("[[\"p\",\"c\",false]]"),
                    Some("{}"),
                    None,
                ],
            ),
            field(
                "Count",
                vec![
                    Some("0"),
                    Some("4294967295"),
                    Some("4294967296"),
                    Some("-1"),
                    Some("1.0"),
                    Some("1e2"),
                    Some("null"),
                    None,
                ],
            ),
            field(
                "Ratio",
                vec![
                    Some("1"),
                    Some("-2.5e-3"),
                    Some("18446744073709551616"),
                    Some("\"1\""),
                    None,
                ],
            ),
            field(
                "Kind",
                vec![
                    Some("\"Basic\""),
                    Some("{\"Named\":\"n\"}"),
                    Some("{\"Custom\":{\"level\":3}}"),
                    Some("{\"Custom\":{\"level\":300}}"),
                    Some("{\"Basic\":null}"),
                    Some("{\"Named\":1}"),
                    Some("\"Other\""),
                    Some("{\"Basic\":null,\"Named\":\"n\"}"),
                    Some("null"),
                    None,
                ],
            ),
            field(
                "Pair",
                vec![
                    Some("[1,\"x\"]"),
                    Some("[-128,\"\"]"),
                    Some("[128,\"x\"]"),
                    Some("[1]"),
                    Some("[1,\"x\",2]"),
                    None,
                ],
            ),
            field("Unknown", vec![Some("{\"deep\":[[{}]]}"), None]),
            field("IdentityPoolName", vec![Some("\"dup\""), None, None, None]),
        ),
        any::<u64>(),
    )
        .prop_map(|((a, b, c, d, e), (f, g, h, i, j, k, l), seed)| {
            let mut members: Vec<String> = [a, b, c, d, e, f, g, h, i, j, k, l]
                .into_iter()
                .flatten()
                .collect();
            // A cheap deterministic shuffle so member order varies.
            let n = members.len();
            for x in 0..n {
                let y = (seed.rotate_left(x as u32 * 7) as usize) % n;
                members.swap(x, y);
            }
            format!("{{{}}}", members.join(","))
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn differential_token_soup(text in token_soup()) {
        differential(&text)?;
    }

    #[test]
    fn differential_arbitrary_strings(text in any::<String>()) {
        differential(&text)?;
    }

    #[test]
    fn differential_json_alphabet(text in "[\\[\\]{}:,\" \t\n\r0-9.eE+\\-truefalsnl\\\\u\u{0}-\u{1f}é]{0,40}") {
        differential(&text)?;
    }

    #[test]
    fn differential_valid_documents(v in value(), ws in prop::collection::vec(any::<u8>(), 1..32)) {
        let text = with_whitespace(&v, &ws);
        prop_assert_eq!(parse(&text, &DEEP), Ok(v.clone()));
        differential(&text)?;
        differential(&to_string_pretty(&v))?;
    }

    #[test]
    fn differential_mutated_documents(
        v in value(),
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), mutation_char()), 1..4),
    ) {
        let mut text = to_string(&v);
        for (position, op, c) in edits {
            text = mutate(&text, position, op, c);
        }
        differential(&text)?;
    }

    #[test]
    fn write_then_parse_round_trips(v in value()) {
        let compact = to_string(&v);
        prop_assert_eq!(parse(&compact, &DEEP), Ok(v.clone()));
        let pretty = to_string_pretty(&v);
        prop_assert_eq!(parse(&pretty, &DEEP), Ok(v.clone()));
        // Canonical: writing the re-parsed value gives the same text.
        let reparsed = parse(&compact, &DEEP).unwrap_or(Value::Null);
        prop_assert_eq!(to_string(&reparsed), compact);
    }

    #[test]
    fn serialize_with_serde_json_then_parse(v in integer_value()) {
        let text = serde_json::to_string(&v).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(parse(&text, &DEEP), Ok(v.clone()));
        // And back through our `Deserialize` impl.
        let back: Value<'static> = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, &v);
        let copy: Value<'static> = from_value(&v).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&copy, &v);
    }

    #[test]
    fn deserialize_floats_round_trip(x in any::<f64>().prop_filter("finite", |x| x.is_finite())) {
        use serde::de::IntoDeserializer;
        let deserializer: serde::de::value::F64Deserializer<serde::de::value::Error> = x.into_deserializer();
        let v = Value::deserialize(deserializer).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let Value::Number(n) = &v else {
            return Err(TestCaseError::fail("not a number"));
        };
        prop_assert_eq!(n.as_f64().to_bits(), x.to_bits());
        prop_assert_eq!(parse(n.as_str(), &DEEP), Ok(v.clone()));
        // serde_json's own output of `x` reads as the same number.
        let text = serde_json::to_string(&x).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let theirs = parse(&text, &DEEP).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let Value::Number(m) = &theirs else {
            return Err(TestCaseError::fail("not a number"));
        };
        prop_assert_eq!(m.as_f64().to_bits(), x.to_bits());
    }

    #[test]
    fn from_value_matches_serde_json(text in pool_doc_text()) {
        let v = parse(&text, &DEEP).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let ours = from_value::<PoolDoc>(&v);
        let theirs = serde_json::from_str::<PoolDoc>(&text);
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err(_), Err(_)) => {}
            _ => prop_assert!(false, "{text}: ours {ours:?}, serde_json {theirs:?}"),
        }
    }
}

/// The escapes of a string, one character at a time: the reference for
/// the writers' word-at-a-time scan.
fn escaped_slowly(s: &str, delete: bool) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 || (delete && c == '\u{7f}') => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn strings_are_escaped_as_one_character_at_a_time(
        text in "[a\u{0}-\u{1f}\u{7f}\"\\\\é€\u{80}\u{ff}\u{10000}]{0,40}"
    ) {
        let mut canonical = String::new();
        write_string(&text, &mut canonical);
        prop_assert_eq!(&canonical, &escaped_slowly(&text, true));
        let mut report = String::new();
        super::write::write_report_string(&text, &mut report);
        prop_assert_eq!(&report, &escaped_slowly(&text, false));
        // The Report's spelling is serde_json's.
        prop_assert_eq!(report, serde_json::to_string(&text).unwrap());
    }
}

#[test]
fn every_escaped_byte_is_found_at_every_offset_of_a_word() {
    for special in (0u8..0x20).chain([b'"', b'\\', 0x7F]) {
        for len in 1..20 {
            for at in 0..len {
                let mut bytes = vec![b'a'; len];
                bytes[at] = special;
                let text = String::from_utf8(bytes).unwrap();
                let mut out = String::new();
                write_string(&text, &mut out);
                assert_eq!(out, escaped_slowly(&text, true), "{text:?}");
            }
        }
    }
}

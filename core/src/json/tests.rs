//! Unit tests of the parser, the writers and the serde integration.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use super::*;

fn p(text: &str) -> Result<Value<'_>, ParseError> {
    parse(text, &ParseOptions::default())
}

fn ok(text: &str) -> Value<'_> {
    match p(text) {
        Ok(v) => v,
        Err(e) => panic!("{text:?} should parse: {e}"),
    }
}

/// Asserts the error of `text` as (kind, line, column, offset).
#[track_caller]
fn err(text: &str, kind: ParseErrorKind, line: usize, column: usize, offset: usize) {
    let expected = ParseError {
        kind,
        line,
        column,
        offset,
    };
    assert_eq!(p(text), Err(expected), "input {text:?}");
}

fn kind_of(text: &str) -> ParseErrorKind {
    match p(text) {
        Ok(v) => panic!("{text:?} should fail, got {v:?}"),
        Err(e) => e.kind,
    }
}

fn num(text: &str) -> Number<'_> {
    match ok(text) {
        Value::Number(n) => n,
        other => panic!("not a number: {other:?}"),
    }
}

fn s(text: &str) -> Value<'_> {
    Value::String(Cow::Borrowed(text))
}

// ---------------------------------------------------------------- errors

#[test]
fn error_empty() {
    err("", ParseErrorKind::Empty, 1, 1, 0);
    err("  \n  ", ParseErrorKind::Empty, 2, 3, 5);
    err("\u{feff}", ParseErrorKind::Empty, 1, 1, 3);
    err("\u{feff} \t", ParseErrorKind::Empty, 1, 3, 5);
}

#[test]
fn error_unexpected_end() {
    err("[", ParseErrorKind::UnexpectedEnd, 1, 2, 1);
    err("[1,", ParseErrorKind::UnexpectedEnd, 1, 4, 3);
    err("[1", ParseErrorKind::UnexpectedEnd, 1, 3, 2);
    err("[1 \n", ParseErrorKind::UnexpectedEnd, 2, 1, 4);
    err("{", ParseErrorKind::UnexpectedEnd, 1, 2, 1);
    err("{\"a\"", ParseErrorKind::UnexpectedEnd, 1, 5, 4);
    err("{\"a\":", ParseErrorKind::UnexpectedEnd, 1, 6, 5);
    err("{\"a\":1", ParseErrorKind::UnexpectedEnd, 1, 7, 6);
    err("{\"a\":1,", ParseErrorKind::UnexpectedEnd, 1, 8, 7);
    err("\"abc", ParseErrorKind::UnexpectedEnd, 1, 5, 4);
    err("\"é", ParseErrorKind::UnexpectedEnd, 1, 3, 3);
    err("\"a\\nb", ParseErrorKind::UnexpectedEnd, 1, 6, 5);
    err("\"a\\", ParseErrorKind::UnexpectedEnd, 1, 4, 3);
    err("\"\\u12", ParseErrorKind::UnexpectedEnd, 1, 6, 5);
    err("\"\\uD83D", ParseErrorKind::UnexpectedEnd, 1, 8, 7);
    err("\"\\uD83D\\", ParseErrorKind::UnexpectedEnd, 1, 9, 8);
    err("\"\\uD83D\\uDE", ParseErrorKind::UnexpectedEnd, 1, 12, 11);
    err("tr", ParseErrorKind::UnexpectedEnd, 1, 3, 2);
    err("[fals", ParseErrorKind::UnexpectedEnd, 1, 6, 5);
    err("n", ParseErrorKind::UnexpectedEnd, 1, 2, 1);
}

#[test]
fn error_unexpected_character() {
    err("tx", ParseErrorKind::UnexpectedCharacter('x'), 1, 2, 1);
    err("True", ParseErrorKind::UnexpectedCharacter('T'), 1, 1, 0);
    err("'a'", ParseErrorKind::UnexpectedCharacter('\''), 1, 1, 0);
    err("[NaN]", ParseErrorKind::UnexpectedCharacter('N'), 1, 2, 1);
    err(
        "[Infinity]",
        ParseErrorKind::UnexpectedCharacter('I'),
        1,
        2,
        1,
    );
    err("+1", ParseErrorKind::UnexpectedCharacter('+'), 1, 1, 0);
    err(".5", ParseErrorKind::UnexpectedCharacter('.'), 1, 1, 0);
    err("é", ParseErrorKind::UnexpectedCharacter('é'), 1, 1, 0);
    err(
        "[\n  truE]",
        ParseErrorKind::UnexpectedCharacter('E'),
        2,
        6,
        7,
    );
    err("nulé", ParseErrorKind::UnexpectedCharacter('é'), 1, 4, 3);
    err(
        "/* c */ 1",
        ParseErrorKind::UnexpectedCharacter('/'),
        1,
        1,
        0,
    );
    err(
        "[\u{c}]",
        ParseErrorKind::UnexpectedCharacter('\u{c}'),
        1,
        2,
        1,
    );
    err(
        "\u{a0}1",
        ParseErrorKind::UnexpectedCharacter('\u{a0}'),
        1,
        1,
        0,
    );
    // A byte order mark is only skipped at the very start.
    err(
        "[\u{feff}]",
        ParseErrorKind::UnexpectedCharacter('\u{feff}'),
        1,
        2,
        1,
    );
    err(
        "\u{feff}\u{feff}1",
        ParseErrorKind::UnexpectedCharacter('\u{feff}'),
        1,
        1,
        3,
    );
}

#[test]
fn error_expected_value() {
    err("[1,]", ParseErrorKind::ExpectedValue, 1, 4, 3);
    err("[,1]", ParseErrorKind::ExpectedValue, 1, 2, 1);
    err("{\"a\":}", ParseErrorKind::ExpectedValue, 1, 6, 5);
    err("{\"a\"::1}", ParseErrorKind::ExpectedValue, 1, 6, 5);
    err("]", ParseErrorKind::ExpectedValue, 1, 1, 0);
    err("[1,,2]", ParseErrorKind::ExpectedValue, 1, 4, 3);
}

#[test]
fn error_expected_colon() {
    err("{\"a\" 1}", ParseErrorKind::ExpectedColon, 1, 6, 5);
    err("{\"a\"}", ParseErrorKind::ExpectedColon, 1, 5, 4);
    err("{\"a\",1}", ParseErrorKind::ExpectedColon, 1, 5, 4);
}

#[test]
fn error_expected_comma_or_end() {
    err("[1 2]", ParseErrorKind::ExpectedCommaOrEnd, 1, 4, 3);
    err("[1}", ParseErrorKind::ExpectedCommaOrEnd, 1, 3, 2);
    err(
        "{\"a\":1 \"b\":2}",
        ParseErrorKind::ExpectedCommaOrEnd,
        1,
        8,
        7,
    );
    err("{\"a\":1]", ParseErrorKind::ExpectedCommaOrEnd, 1, 7, 6);
    err("{\"a\":1:2}", ParseErrorKind::ExpectedCommaOrEnd, 1, 7, 6);
    err("[1.5.3]", ParseErrorKind::ExpectedCommaOrEnd, 1, 5, 4);
    err("[\"a\" \"b\"]", ParseErrorKind::ExpectedCommaOrEnd, 1, 6, 5);
}

#[test]
fn error_expected_key() {
    err("{1:2}", ParseErrorKind::ExpectedKey, 1, 2, 1);
    err("{\"a\":1,}", ParseErrorKind::ExpectedKey, 1, 8, 7);
    err("{'a':1}", ParseErrorKind::ExpectedKey, 1, 2, 1);
    err("{,}", ParseErrorKind::ExpectedKey, 1, 2, 1);
    err("{]", ParseErrorKind::ExpectedKey, 1, 2, 1);
    err("{a:1}", ParseErrorKind::ExpectedKey, 1, 2, 1);
}

#[test]
fn error_invalid_escape() {
    err("\"\\x\"", ParseErrorKind::InvalidEscape, 1, 2, 1);
    err("[\"ab\\'\"]", ParseErrorKind::InvalidEscape, 1, 5, 4);
    err("\"\\n\\a\"", ParseErrorKind::InvalidEscape, 1, 4, 3);
    err("\"\\U0041\"", ParseErrorKind::InvalidEscape, 1, 2, 1);
    err("\"\\é\"", ParseErrorKind::InvalidEscape, 1, 2, 1);
}

#[test]
fn error_invalid_unicode_escape() {
    err("\"\\u12G4\"", ParseErrorKind::InvalidUnicodeEscape, 1, 2, 1);
    err("\"\\u00\"", ParseErrorKind::InvalidUnicodeEscape, 1, 2, 1);
    err(
        "\"ab\\u-123\"",
        ParseErrorKind::InvalidUnicodeEscape,
        1,
        4,
        3,
    );
    err("\"\\u00é0\"", ParseErrorKind::InvalidUnicodeEscape, 1, 2, 1);
    // The second escape of a pair is reported at its own backslash.
    err(
        "\"\\uD83D\\uZZZZ\"",
        ParseErrorKind::InvalidUnicodeEscape,
        1,
        8,
        7,
    );
}

#[test]
fn error_lone_surrogate() {
    err("\"\\uD800\"", ParseErrorKind::LoneSurrogate, 1, 2, 1);
    err("\"\\uDC00\"", ParseErrorKind::LoneSurrogate, 1, 2, 1);
    err("\"\\uDFFF\\uDC00\"", ParseErrorKind::LoneSurrogate, 1, 2, 1);
    err("\"\\uD800\\n\"", ParseErrorKind::LoneSurrogate, 1, 2, 1);
    err("\"\\uD800\\u0041\"", ParseErrorKind::LoneSurrogate, 1, 2, 1);
    err(
        "\"x\\uD83D\\uD83D\"",
        ParseErrorKind::LoneSurrogate,
        1,
        3,
        2,
    );
    err("\"\\uDBFFx\"", ParseErrorKind::LoneSurrogate, 1, 2, 1);
}

#[test]
fn error_control_character_in_string() {
    err(
        "\"a\tb\"",
        ParseErrorKind::ControlCharacterInString,
        1,
        3,
        2,
    );
    err(
        "\"a\nb\"",
        ParseErrorKind::ControlCharacterInString,
        1,
        3,
        2,
    );
    err(
        "\"\u{0}\"",
        ParseErrorKind::ControlCharacterInString,
        1,
        2,
        1,
    );
    err(
        "\"\u{1f}\"",
        ParseErrorKind::ControlCharacterInString,
        1,
        2,
        1,
    );
    // Also on the slow path, after an escape.
    err(
        "\"\\n\u{1}\"",
        ParseErrorKind::ControlCharacterInString,
        1,
        4,
        3,
    );
    err(
        "{\"k\r\":1}",
        ParseErrorKind::ControlCharacterInString,
        1,
        4,
        3,
    );
}

#[test]
fn error_invalid_number() {
    err("01", ParseErrorKind::InvalidNumber, 1, 2, 1);
    err("[00]", ParseErrorKind::InvalidNumber, 1, 3, 2);
    err("-01", ParseErrorKind::InvalidNumber, 1, 3, 2);
    err("-", ParseErrorKind::InvalidNumber, 1, 2, 1);
    err("[-]", ParseErrorKind::InvalidNumber, 1, 3, 2);
    err("-a", ParseErrorKind::InvalidNumber, 1, 2, 1);
    err("-Infinity", ParseErrorKind::InvalidNumber, 1, 2, 1);
    err("1.", ParseErrorKind::InvalidNumber, 1, 3, 2);
    err("1.e5", ParseErrorKind::InvalidNumber, 1, 3, 2);
    err("[1.]", ParseErrorKind::InvalidNumber, 1, 4, 3);
    err("1e", ParseErrorKind::InvalidNumber, 1, 3, 2);
    err("1e+", ParseErrorKind::InvalidNumber, 1, 4, 3);
    err("1E-x", ParseErrorKind::InvalidNumber, 1, 4, 3);
    err("- 1", ParseErrorKind::InvalidNumber, 1, 2, 1);
}

#[test]
fn error_trailing_characters() {
    err("1 2", ParseErrorKind::TrailingCharacters, 1, 3, 2);
    err("[1]]", ParseErrorKind::TrailingCharacters, 1, 4, 3);
    err("{} x", ParseErrorKind::TrailingCharacters, 1, 4, 3);
    err("1\n\n  x", ParseErrorKind::TrailingCharacters, 3, 3, 5);
    err("\"a\" \"b\"", ParseErrorKind::TrailingCharacters, 1, 5, 4);
    err("truex", ParseErrorKind::TrailingCharacters, 1, 5, 4);
    err("0x10", ParseErrorKind::TrailingCharacters, 1, 2, 1);
    err("1_000", ParseErrorKind::TrailingCharacters, 1, 2, 1);
    err("1 // c", ParseErrorKind::TrailingCharacters, 1, 3, 2);
    err("null\u{0}", ParseErrorKind::TrailingCharacters, 1, 5, 4);
}

#[test]
fn error_too_deep() {
    let text = "[".repeat(65);
    err(&text, ParseErrorKind::TooDeep { max_depth: 64 }, 1, 65, 64);
    let options = ParseOptions { max_depth: 2 };
    let e = parse("[\n{\"a\":\n        [1]}]", &options).unwrap_err();
    assert_eq!(
        e,
        ParseError {
            kind: ParseErrorKind::TooDeep { max_depth: 2 },
            line: 3,
            column: 9,
            offset: 16,
        }
    );
    assert_eq!(
        e.to_string(),
        "nesting deeper than 2 levels at line 3, column 9"
    );
}

#[test]
fn error_column_counts_chars_not_bytes() {
    err(
        "[\"é😀\", x]",
        ParseErrorKind::UnexpectedCharacter('x'),
        1,
        8,
        11,
    );
    err(
        "[\"ab\",\r\n\"é\" 1]",
        ParseErrorKind::ExpectedCommaOrEnd,
        2,
        5,
        13,
    );
}

#[test]
fn error_display() {
    let cases: &[(&str, &str)] = &[
        ("", "empty input, expected a JSON value at line 1, column 1"),
        ("[1,", "unexpected end of input at line 1, column 4"),
        ("[x]", "unexpected character 'x' at line 1, column 2"),
        ("\u{1}", "unexpected character '\\u{1}' at line 1, column 1"),
        ("[1,]", "expected a value at line 1, column 4"),
        (
            "{\"a\" 1}",
            "expected ':' after an object key at line 1, column 6",
        ),
        (
            "{\"Logins\":{}\"x\":1}",
            "expected ',' or the closing bracket after an array element or object member at line 1, column 13",
        ),
        ("{1}", "expected a string as object key at line 1, column 2"),
        (
            "\"\\x\"",
            "invalid escape sequence in a string at line 1, column 2",
        ),
        (
            "\"\\u1\"",
            "invalid \\u escape in a string (expected four hexadecimal digits) at line 1, column 2",
        ),
        (
            "\"\\ud800\"",
            "unpaired UTF-16 surrogate in a \\u escape at line 1, column 2",
        ),
        (
            "\"\t\"",
            "unescaped control character in a string at line 1, column 2",
        ),
        ("01", "invalid number at line 1, column 2"),
        (
            "1 2",
            "trailing characters after the JSON value at line 1, column 3",
        ),
    ];
    for (text, message) in cases {
        assert_eq!(p(text).unwrap_err().to_string(), *message, "input {text:?}");
    }
    let deep = format!("{}\n  [", "[".repeat(64));
    assert_eq!(
        p(&deep).unwrap_err().to_string(),
        "nesting deeper than 64 levels at line 2, column 3"
    );
}

#[test]
fn error_messages_do_not_echo_input() {
    let long = format!("{{\"{}\" 1}}", "k".repeat(10_000));
    let message = p(&long).unwrap_err().to_string();
    assert!(message.len() < 100, "{message}");
    assert!(!message.contains("kkk"));
}

// ---------------------------------------------------------------- acceptance

#[test]
fn accepts_rfc8259_cases() {
    let cases = [
        "[]",
        "{}",
        "[[]]",
        "[{}]",
        "\"\"",
        "0",
        "-0",
        "1E+2",
        "1e-2",
        "0.5",
        "-0.0e0",
        "123",
        "-1234567890.0987654321E-0099",
        "true",
        "false",
        "null",
        " [1] ",
        "\t\r\n1\n",
        "[1,\"a\",{\"b\":null},[true,false]]",
        "\"\\u0000\"",
        "\"\\/\"",
        "\"€𝄞\"",
        "{\"\":0}",
        "[-1e-1000]",
        "\"\u{7f}\"",
        "[\"\\u00e9\"]",
        "\"\\uFFFF\"",
        "\"\\uDBFF\\uDFFF\"",
        "\"\u{2028}\u{2029}\"",
        "{\"a\":{\"a\":{\"a\":[]}}}",
        "[ 1 , 2 ]",
        "{ \"a\" : 1 , \"b\" : 2 }",
        "123456789012345678901234567890",
        "\u{feff}{}",
        "\u{feff} 1 ",
    ];
    for text in cases {
        if let Err(e) = p(text) {
            panic!("{text:?} should parse: {e}");
        }
    }
}

#[test]
fn rejects_invalid_cases() {
    let cases = [
        "[1,]",
        "[,]",
        "{,}",
        "[1 true]",
        "{\"a\"}",
        "[01]",
        "[1.]",
        "[.1]",
        "[1e]",
        "[-]",
        "[+1]",
        "[NaN]",
        "[Infinity]",
        "[-Infinity]",
        "/* c */ 1",
        "1 // c",
        "['a']",
        "[\"a\"",
        "\"\t\"",
        "[\u{c}]",
        "\u{a0}1",
        "[true,]",
        "{\"a\":1,}",
        "[1]x",
        "nul",
        "True",
        "[\"\\a\"]",
        "\"\\u00\"",
        "[\u{feff}]",
        "\u{feff}\u{feff}1",
        "0x10",
        "1_000",
        "[1,,2]",
        "{\"a\"::1}",
        "{\"a\":1:2}",
        "[}",
        "{]",
        "\"a\" \"b\"",
        "[\"\\uD800\"]",
        "{\"a\" \"b\"}",
        "[\u{b}]",
        "{null:1}",
        "-",
        "",
        " ",
        "\u{0}",
        "[1]\u{0}",
        "\"\\\"",
    ];
    for text in cases {
        assert!(p(text).is_err(), "{text:?} should be rejected");
    }
}

#[test]
fn bom_is_skipped_once() {
    assert_eq!(ok("\u{feff}[1]"), ok("[1]"));
    assert_eq!(ok("\u{feff}\"x\""), s("x"));
    // Positions still count bytes from the real start, columns skip the BOM.
    err("\u{feff}[1,]", ParseErrorKind::ExpectedValue, 1, 4, 6);
    err("\u{feff}\n]", ParseErrorKind::ExpectedValue, 2, 1, 4);
}

// ---------------------------------------------------------------- values

#[test]
fn scalars() {
    assert_eq!(ok("null"), Value::Null);
    assert_eq!(ok("true"), Value::Bool(true));
    assert_eq!(ok(" false "), Value::Bool(false));
    assert_eq!(ok("\"hi\""), s("hi"));
    assert_eq!(num("-12.5e3").as_str(), "-12.5e3");
}

#[test]
fn escapes_are_decoded() {
    assert_eq!(ok(r#""\"\\\/\b\f\n\r\t""#), s("\"\\/\u{8}\u{c}\n\r\t"));
    assert_eq!(ok(r#""\u00e9\u00C9""#), s("éÉ"));
    assert_eq!(ok(r#""\u0000""#), s("\0"));
    assert_eq!(ok(r#""\uD83D\uDE00""#), s("😀"));
    assert_eq!(ok(r#""\ud83d\ude00""#), s("😀"));
    assert_eq!(ok(r#""a\uD834\uDD1Eb""#), s("a𝄞b"));
    assert_eq!(ok(r#""\uDBFF\uDFFF""#), s("\u{10FFFF}"));
    assert_eq!(ok(r#""x\ny é\t😀z""#), s("x\ny é\t😀z"));
    assert_eq!(ok(r#""\\\\""#), s("\\\\"));
}

#[test]
fn plain_strings_are_borrowed_escaped_ones_owned() {
    let text = r#"{"key":"value","k2":["x","a\nb"],"e\u0041":1}"#;
    let v = ok(text);
    let members = v.as_object().unwrap();
    assert!(matches!(members[0].0, Cow::Borrowed("key")));
    assert!(matches!(
        members[0].1,
        Value::String(Cow::Borrowed("value"))
    ));
    let items = members[1].1.as_array().unwrap();
    assert!(matches!(items[0], Value::String(Cow::Borrowed("x"))));
    assert!(matches!(&items[1], Value::String(Cow::Owned(o)) if o == "a\nb"));
    assert!(matches!(&members[2].0, Cow::Owned(o) if o == "eA"));
    // Borrowed means pointing into the input.
    let Cow::Borrowed(key) = &members[0].0 else {
        unreachable!()
    };
    let range = text.as_bytes().as_ptr_range();
    assert!(range.contains(&key.as_ptr()));
    // Numbers are borrowed too.
    let Value::Number(n) = &members[2].1 else {
        unreachable!()
    };
    assert!(matches!(n.raw, Cow::Borrowed("1")));
}

#[test]
fn duplicate_keys_are_kept_in_order() {
    let v = ok(r#"{"b":1,"a":2,"b":3,"a":{"x":4}}"#);
    let keys: Vec<&str> = v.as_object().unwrap().iter().map(|(k, _)| &**k).collect();
    assert_eq!(keys, ["b", "a", "b", "a"]);
    assert_eq!(v.get("b"), Some(&Value::Number(Number::from_i64(1))));
    assert_eq!(v.get("a"), Some(&Value::Number(Number::from_i64(2))));
    assert_eq!(v.get("c"), None);
    assert_eq!(to_string(&v), r#"{"b":1,"a":2,"b":3,"a":{"x":4}}"#);
}

#[test]
fn depth_64_ok_65_fails() {
    let ok64 = format!("{}{}", "[".repeat(64), "]".repeat(64));
    assert!(p(&ok64).is_ok());
    let bad65 = format!("{}{}", "[".repeat(65), "]".repeat(65));
    err(&bad65, ParseErrorKind::TooDeep { max_depth: 64 }, 1, 65, 64);

    let objects64 = format!("{}1{}", "{\"a\":".repeat(64), "}".repeat(64));
    assert!(p(&objects64).is_ok());
    let objects65 = format!("{}1{}", "{\"a\":".repeat(65), "}".repeat(65));
    err(
        &objects65,
        ParseErrorKind::TooDeep { max_depth: 64 },
        1,
        64 * 5 + 1,
        64 * 5,
    );
    // Siblings do not add depth.
    let wide = format!("[{}]", vec!["[[]]"; 1000].join(","));
    assert!(parse(&wide, &ParseOptions { max_depth: 3 }).is_ok());
    assert!(parse(&wide, &ParseOptions { max_depth: 2 }).is_err());
}

#[test]
fn depth_zero_allows_scalars_only() {
    let options = ParseOptions { max_depth: 0 };
    assert!(parse("1", &options).is_ok());
    assert!(parse("\"s\"", &options).is_ok());
    assert_eq!(
        parse("[]", &options).unwrap_err().kind,
        ParseErrorKind::TooDeep { max_depth: 0 }
    );
    assert_eq!(parse(" {}", &options).unwrap_err().offset, 1);
}

#[test]
fn ten_mib_of_brackets_fails_cleanly() {
    let text = "[".repeat(10 * 1024 * 1024);
    err(&text, ParseErrorKind::TooDeep { max_depth: 64 }, 1, 65, 64);
    // A larger setting acts as the ceiling.
    let ceiling = ParseOptions::MAX_DEPTH_CEILING;
    let e = parse(&text, &ParseOptions { max_depth: 10_000 }).unwrap_err();
    assert_eq!(e.kind, ParseErrorKind::TooDeep { max_depth: ceiling });
    assert_eq!(e.offset, ceiling);
    let objects = "{\"\":".repeat(2 * 1024 * 1024);
    let e = parse(
        &objects,
        &ParseOptions {
            max_depth: usize::MAX,
        },
    )
    .unwrap_err();
    assert_eq!(e.kind, ParseErrorKind::TooDeep { max_depth: ceiling });
}

#[test]
fn deep_values_parse_and_write_without_recursion() {
    // Parsing and writing never recurse; dropping a value does (derived
    // `Drop`), so give this thread room for a 10 000-deep drop.
    std::thread::Builder::new()
        .stack_size(64 * 1024 * 1024)
        .spawn(|| {
            // The parser stops at its ceiling; a deeper value built by hand
            // shows the writers do not recurse.
            let depth = 10_000;
            let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            let mut v = Value::Array(Vec::new());
            for _ in 1..depth {
                v = Value::Array(vec![v]);
            }
            assert_eq!(to_string(&v), text);
            let pretty = to_string_pretty(&v);
            assert_eq!(pretty.matches('[').count(), depth);
            let ceiling = ParseOptions::MAX_DEPTH_CEILING;
            let text = format!("{}{}", "[".repeat(ceiling), "]".repeat(ceiling));
            let parsed = parse(&text, &ParseOptions { max_depth: ceiling }).unwrap();
            assert_eq!(to_string(&parsed), text);
            assert_eq!(
                parse(
                    &to_string_pretty(&parsed),
                    &ParseOptions { max_depth: ceiling }
                )
                .unwrap(),
                parsed
            );
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn long_inputs_are_linear() {
    // A long string, many members, many numbers: finishes quickly.
    let big_string = format!("\"{}\"", "a".repeat(5_000_000));
    assert!(p(&big_string).is_ok());
    let escapes = format!("\"{}\"", "\\n".repeat(1_000_000));
    assert_eq!(ok(&escapes).as_str().unwrap().len(), 1_000_000);
    let members: String = (0..100_000).map(|i| format!("\"k{i}\":{i},")).collect();
    let object = format!("{{{}\"end\":0}}", members);
    assert_eq!(ok(&object).as_object().unwrap().len(), 100_001);
    let unterminated = format!("[{}", "1,".repeat(1_000_000));
    assert_eq!(kind_of(&unterminated), ParseErrorKind::UnexpectedEnd);
}

// ---------------------------------------------------------------- Value / Number API

#[test]
fn value_accessors() {
    let v = ok(r#"{"s":"x","a":[1,2],"o":{},"n":null,"b":true,"i":3}"#);
    assert_eq!(v.type_name(), "object");
    assert_eq!(v.get("s").unwrap().as_str(), Some("x"));
    assert_eq!(v.get("s").unwrap().type_name(), "string");
    assert_eq!(v.get("a").unwrap().as_array().unwrap().len(), 2);
    assert_eq!(v.get("a").unwrap().type_name(), "array");
    assert_eq!(v.get("o").unwrap().as_object().unwrap().len(), 0);
    assert_eq!(v.get("n").unwrap().type_name(), "null");
    assert_eq!(v.get("b").unwrap().type_name(), "boolean");
    assert_eq!(v.get("i").unwrap().type_name(), "number");
    assert_eq!(v.get("i").unwrap().as_str(), None);
    assert_eq!(v.get("s").unwrap().as_array(), None);
    assert_eq!(v.get("s").unwrap().as_object(), None);
    assert_eq!(v.get("s").unwrap().get("s"), None);
}

#[test]
fn into_owned_keeps_content() {
    let text = String::from(r#"{"a":["x",1.5,{"b":"c\n"}],"a":null}"#);
    let owned: Value<'static> = ok(&text).into_owned();
    let expected = ok(&text);
    drop(expected);
    let reparsed = p(&text).unwrap();
    assert_eq!(owned, reparsed);
    drop(text);
    assert_eq!(owned.get("a").unwrap().as_array().unwrap().len(), 3);
}

#[test]
fn number_methods() {
    assert!(num("12").is_integer());
    assert!(num("-0").is_integer());
    assert!(!num("1.0").is_integer());
    assert!(!num("1e2").is_integer());
    assert!(!num("1E2").is_integer());
    assert_eq!(num("12").as_i64(), Some(12));
    assert_eq!(num("-0").as_i64(), Some(0));
    assert_eq!(num("9223372036854775807").as_i64(), Some(i64::MAX));
    assert_eq!(num("-9223372036854775808").as_i64(), Some(i64::MIN));
    assert_eq!(num("9223372036854775808").as_i64(), None);
    assert_eq!(num("9223372036854775808").as_u64(), Some(1 << 63));
    assert_eq!(num("1.0").as_i64(), None);
    assert_eq!(num("1e2").as_i64(), None);
    assert_eq!(num("1.5").as_f64(), 1.5);
    assert_eq!(num("-2e-3").as_f64(), -0.002);
    assert_eq!(num("1e-400").as_f64(), 0.0);
    assert_eq!(num("12").as_f64(), 12.0);
    assert_eq!(Number::from_i64(-42).as_str(), "-42");
    assert_eq!(Number::from_i64(i64::MIN).as_i64(), Some(i64::MIN));
    assert_eq!(num("7").into_owned(), Number::from_i64(7));
    assert_eq!(num("7.50").to_string(), "7.50");
    // Equality is textual.
    assert_ne!(num("1.0"), num("1"));
}

#[test]
fn parse_options_default() {
    assert_eq!(ParseOptions::default().max_depth, 64);
}

// ---------------------------------------------------------------- writer

#[test]
fn write_string_escapes() {
    let cases: &[(&str, &str)] = &[
        ("", r#""""#),
        ("plain", r#""plain""#),
        ("\"", r#""\"""#),
        ("\\", r#""\\""#),
        ("/", r#""/""#),
        ("\u{8}\u{c}\n\r\t", r#""\b\f\n\r\t""#),
        ("\u{0}", r#""\u0000""#),
        ("\u{1}\u{1f}", r#""\u0001\u001f""#),
        ("\u{b}", r#""\u000b""#),
        ("\u{7f}", r#""\u007f""#),
        ("é😀\u{2028}\u{80}", "\"é😀\u{2028}\u{80}\""),
        ("a\"b\\c\nd", r#""a\"b\\c\nd""#),
    ];
    for (input, expected) in cases {
        let mut out = String::from("prefix:");
        write_string(input, &mut out);
        assert_eq!(out, format!("prefix:{expected}"), "input {input:?}");
        // And it parses back.
        assert_eq!(ok(expected).as_str(), Some(*input));
    }
    // All control characters and DEL.
    for c in (0u8..0x20).chain([0x7f]) {
        let input = char::from(c).to_string();
        let mut out = String::new();
        write_string(&input, &mut out);
        assert!(out.starts_with("\"\\"), "{out}");
        assert_eq!(ok(&out).as_str(), Some(input.as_str()));
    }
}

#[test]
fn compact_writer() {
    let v = ok(
        "{ \"a\" : [ 1 , 2.50 , { \"b\" : null } ] , \"c\" : \"x\\u0041\" , \"d\":[],\"e\":{} , \"f\": true }",
    );
    assert_eq!(
        to_string(&v),
        r#"{"a":[1,2.50,{"b":null}],"c":"xA","d":[],"e":{},"f":true}"#
    );
    let mut out = String::from("x=");
    write_value(&Value::Bool(false), &mut out);
    assert_eq!(out, "x=false");
    assert_eq!(to_string(&ok("-0.0E+01")), "-0.0E+01");
}

#[test]
fn pretty_writer() {
    let v = ok(r#"{"a":[1,{"b":null,"c":[]}],"d":{},"e":"s"}"#);
    let expected = "{\n  \"a\": [\n    1,\n    {\n      \"b\": null,\n      \"c\": []\n    }\n  ],\n  \"d\": {},\n  \"e\": \"s\"\n}";
    assert_eq!(to_string_pretty(&v), expected);
    assert_eq!(to_string_pretty(&ok("1")), "1");
    assert_eq!(to_string_pretty(&ok("[]")), "[]");
    assert_eq!(to_string_pretty(&ok("[[1]]")), "[\n  [\n    1\n  ]\n]");
    assert_eq!(ok(expected), v);
}

#[test]
fn to_string_is_a_fixed_point() {
    let cases = [
        "{ \"b\" : 1, \"a\" : [true, false, null, \"\\u00e9\\n\\/\"], \"b\": {\"x\": -1.5E+3} }",
        "\u{feff} [ ]",
        "\"\\uD83D\\uDE00 \\u007f \\u001F\"",
        "[1e300, -0, 0.000, 123456789012345678901234567890]",
        "{\"\":{\"\":{\"\":[[],{}]}}}",
    ];
    for text in cases {
        let once = to_string(&ok(text));
        let twice = to_string(&ok(&once));
        assert_eq!(once, twice, "input {text:?}");
        assert_eq!(ok(&once), ok(text));
        let pretty = to_string_pretty(&ok(text));
        assert_eq!(to_string(&ok(&pretty)), once);
    }
}

// ---------------------------------------------------------------- serde

#[test]
fn serialize_with_serde_json_keeps_order_and_duplicates() {
    let v =
        ok(r#"{"z":1,"a":[true,null,"s\n"],"z":-2,"big":18446744073709551615,"f":1.5,"e":1e2}"#);
    let out = serde_json::to_string(&v).unwrap();
    assert_eq!(
        out,
        r#"{"z":1,"a":[true,null,"s\n"],"z":-2,"big":18446744073709551615,"f":1.5,"e":100.0}"#
    );
}

#[test]
fn deserialize_value_from_serde_json_keeps_order() {
    let text = r#"{"z":1,"a":[true,null,"s"],"z":-2,"f":1.5,"g":1e300,"h":2.0,"big":18446744073709551615,"neg":-0.0}"#;
    let v: Value<'static> = serde_json::from_str(text).unwrap();
    assert_eq!(
        to_string(&v),
        r#"{"z":1,"a":[true,null,"s"],"z":-2,"f":1.5,"g":1e300,"h":2.0,"big":18446744073709551615,"neg":-0.0}"#
    );
    let tiny: Value<'static> =
        serde_json::from_str("[1e-7, 5e-324, 1.7976931348623157e308]").unwrap();
    for (item, expected) in tiny
        .as_array()
        .unwrap()
        .iter()
        .zip([1e-7, 5e-324, f64::MAX])
    {
        let Value::Number(n) = item else {
            unreachable!()
        };
        assert_eq!(n.as_f64(), expected);
        assert!(ok(n.as_str()) == *item);
    }
}

#[test]
fn deserialize_value_rejects_non_finite() {
    use serde::de::IntoDeserializer;
    let d: serde::de::value::F64Deserializer<serde::de::value::Error> =
        f64::NAN.into_deserializer();
    assert!(Value::deserialize(d).is_err());
    let d: serde::de::value::F64Deserializer<serde::de::value::Error> =
        f64::INFINITY.into_deserializer();
    assert!(Value::deserialize(d).is_err());
    let d: serde::de::value::U128Deserializer<serde::de::value::Error> =
        u128::MAX.into_deserializer();
    let v = Value::deserialize(d).unwrap();
    assert_eq!(to_string(&v), u128::MAX.to_string());
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Provider<'a> {
    provider_name: &'a str,
    #[serde(borrow)]
    client_id: Cow<'a, str>,
    #[serde(default)]
    server_side_token_check: Option<bool>,
}

#[derive(Debug, PartialEq, Deserialize)]
enum Mode {
    Basic,
    Named(String),
    Pair(u8, u8),
    Custom { level: u8 },
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Pool<'a> {
    identity_pool_name: &'a str,
    allow_unauthenticated_identities: bool,
    #[serde(default)]
    developer_provider_name: Option<String>,
    #[serde(borrow, default)]
    cognito_identity_providers: Vec<Provider<'a>>,
    #[serde(default)]
    supported_login_providers: BTreeMap<String, String>,
    #[serde(default)]
    modes: Vec<Mode>,
    #[serde(default)]
    limits: Option<(u32, i64, f64)>,
}

#[test]
fn from_value_builds_structs_borrowing_strings() {
    let text = r#"{
        "IdentityPoolName": "pool",
        "AllowUnauthenticatedIdentities": false,
        "DeveloperProviderName": null,
        "CognitoIdentityProviders": [
            {"ProviderName": "cognito-idp.us-east-1.amazonaws.com/us-east-1_X", "ClientId": "a\u0062c", "ServerSideTokenCheck": true}
        ],
        "SupportedLoginProviders": {"graph.facebook.com": "123"},
        "Modes": ["Basic", {"Named": "n"}, {"Pair": [1, 2]}, {"Custom": {"level": 3}}, {"Basic": null}],
        "Limits": [1, -2, 3],
        "Unknown": {"ignored": [1, 2, 3]}
    }"#;
    let v = ok(text);
    let pool: Pool<'_> = from_value(&v).unwrap();
    assert_eq!(pool.identity_pool_name, "pool");
    assert!(!pool.allow_unauthenticated_identities);
    assert_eq!(pool.developer_provider_name, None);
    assert_eq!(pool.cognito_identity_providers.len(), 1);
    let provider = &pool.cognito_identity_providers[0];
    assert_eq!(provider.client_id, "abc");
    assert_eq!(provider.server_side_token_check, Some(true));
    // Even strings that had escapes are borrowed (from the Value).
    assert!(matches!(provider.client_id, Cow::Borrowed(_)));
    assert_eq!(
        pool.modes,
        [
            Mode::Basic,
            Mode::Named("n".into()),
            Mode::Pair(1, 2),
            Mode::Custom { level: 3 },
            Mode::Basic
        ]
    );
    assert_eq!(pool.limits, Some((1, -2, 3.0)));
    assert_eq!(pool.supported_login_providers["graph.facebook.com"], "123");
}

#[test]
fn from_value_errors() {
    let e = from_value::<Pool<'_>>(&ok(r#"{"IdentityPoolName": 1}"#)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid type: integer `1`, expected a borrowed string"
    );
    assert_eq!(e.message(), e.to_string());
    let e = from_value::<Pool<'_>>(&ok(r#"{"IdentityPoolName": "p"}"#)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "missing field `AllowUnauthenticatedIdentities`"
    );
    let e = from_value::<Pool<'_>>(
        &ok(r#"{"IdentityPoolName": "p", "IdentityPoolName": "q", "AllowUnauthenticatedIdentities": true}"#),
    )
    .unwrap_err();
    assert_eq!(e.to_string(), "duplicate field `IdentityPoolName`");
    assert!(from_value::<u8>(&ok("256")).is_err());
    assert!(from_value::<u8>(&ok("1.0")).is_err());
    assert!(from_value::<u32>(&ok("-1")).is_err());
    assert!(from_value::<(u8, u8)>(&ok("[1,2,3]")).is_err());
    assert!(from_value::<(u8, u8)>(&ok("[1]")).is_err());
    assert!(from_value::<Mode>(&ok("\"Nope\"")).is_err());
    assert!(from_value::<Mode>(&ok("{}")).is_err());
    assert!(from_value::<Mode>(&ok(r#"{"Basic":null,"Named":"x"}"#)).is_err());
    assert!(from_value::<Mode>(&ok(r#"{"Basic":1}"#)).is_err());
    assert!(from_value::<Mode>(&ok(r#"{"Pair":1}"#)).is_err());
    assert!(from_value::<Mode>(&ok(r#"{"Custom":1}"#)).is_err());
    assert!(from_value::<Mode>(&ok("1")).is_err());
    let e = from_value::<String>(&ok("[]")).unwrap_err();
    let source: &dyn std::error::Error = &e;
    assert_eq!(
        source.to_string(),
        "invalid type: sequence, expected a string"
    );
}

#[test]
fn from_value_numbers() {
    assert_eq!(from_value::<i64>(&ok("-5")).unwrap(), -5);
    assert_eq!(
        from_value::<u64>(&ok("18446744073709551615")).unwrap(),
        u64::MAX
    );
    assert_eq!(from_value::<f64>(&ok("3")).unwrap(), 3.0);
    assert_eq!(from_value::<f64>(&ok("2.5e1")).unwrap(), 25.0);
    assert_eq!(
        from_value::<f64>(&ok("123456789012345678901234567890")).unwrap(),
        1.2345678901234568e29
    );
    // `-0` is an integer literal here (serde_json treats it as the float -0.0).
    assert_eq!(from_value::<i32>(&ok("-0")).unwrap(), 0);
    assert_eq!(from_value::<Value<'static>>(&ok("-0")).unwrap(), ok("0"));
}

#[test]
fn from_value_options_and_units() {
    assert_eq!(from_value::<Option<u8>>(&ok("null")).unwrap(), None);
    assert_eq!(from_value::<Option<u8>>(&ok("7")).unwrap(), Some(7));
    assert_eq!(from_value::<Option<Option<u8>>>(&ok("null")).unwrap(), None);
    from_value::<()>(&ok("null")).unwrap();
    assert!(from_value::<()>(&ok("0")).is_err());
    assert_eq!(from_value::<char>(&ok("\"é\"")).unwrap(), 'é');
    assert!(from_value::<char>(&ok("\"ab\"")).is_err());
    assert!(from_value::<bool>(&ok("true")).unwrap());
    assert_eq!(
        from_value::<Vec<Option<bool>>>(&ok("[true,null]")).unwrap(),
        [Some(true), None]
    );
    #[derive(Debug, PartialEq, Deserialize)]
    struct Wrapper(u8);
    assert_eq!(from_value::<Wrapper>(&ok("5")).unwrap(), Wrapper(5));
    #[derive(Debug, PartialEq, Deserialize)]
    struct Point {
        x: i8,
        y: i8,
    }
    // Structs from arrays too, as serde_json does.
    assert_eq!(
        from_value::<Point>(&ok("[1,2]")).unwrap(),
        Point { x: 1, y: 2 }
    );
    let text = ok("\"ab\"");
    let bytes: serde_bytes_like::Bytes = from_value(&text).unwrap();
    assert_eq!(bytes.0, b"ab");
}

/// A minimal borrowed-bytes type (to exercise `deserialize_bytes`).
mod serde_bytes_like {
    use std::fmt;

    use serde::de::{Deserialize, Deserializer, Error, Visitor};

    pub struct Bytes<'a>(pub &'a [u8]);

    impl<'de> Deserialize<'de> for Bytes<'de> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Bytes<'de>;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("bytes")
                }
                fn visit_borrowed_bytes<E: Error>(self, v: &'de [u8]) -> Result<Self::Value, E> {
                    Ok(Bytes(v))
                }
            }
            d.deserialize_bytes(V)
        }
    }
}

/// A map that keeps entries in the order the deserializer gives them.
#[derive(Debug, PartialEq)]
struct OrderedMap(Vec<(String, i64)>);

impl<'de> Deserialize<'de> for OrderedMap {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = OrderedMap;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<OrderedMap, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    out.push(entry);
                }
                Ok(OrderedMap(out))
            }
        }
        d.deserialize_map(V)
    }
}

#[test]
fn from_value_visits_members_in_order() {
    let v = ok(r#"{"z":1,"a":2,"z":3,"m":4}"#);
    let map: OrderedMap = from_value(&v).unwrap();
    assert_eq!(
        map.0,
        [
            ("z".to_owned(), 1),
            ("a".to_owned(), 2),
            ("z".to_owned(), 3),
            ("m".to_owned(), 4)
        ]
    );
}

#[test]
fn from_value_map_keys() {
    let v = ok(r#"{"1":"a","-2":"b"}"#);
    let map: HashMap<i32, &str> = from_value(&v).unwrap();
    assert_eq!(map[&1], "a");
    assert_eq!(map[&-2], "b");
    let map: BTreeMap<bool, u8> = from_value(&ok(r#"{"true":1,"false":0}"#)).unwrap();
    assert_eq!(map[&true], 1);
    assert!(from_value::<HashMap<u8, u8>>(&ok(r#"{"x":1}"#)).is_err());
    #[derive(Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
    enum Key {
        A,
        B,
    }
    let map: BTreeMap<Key, u8> = from_value(&ok(r#"{"B":2,"A":1}"#)).unwrap();
    assert_eq!(
        map.into_iter().collect::<Vec<_>>(),
        [(Key::A, 1), (Key::B, 2)]
    );
}

#[test]
fn from_value_into_value_and_serde_json_value() {
    let v = ok(r#"{"b":[1,2.5,"x",null,true],"a":{}}"#);
    let copy: Value<'static> = from_value(&v).unwrap();
    assert_eq!(copy, v);
    let sj: serde_json::Value = from_value(&v).unwrap();
    assert_eq!(sj, serde_json::json!({"b":[1,2.5,"x",null,true],"a":{}}));
}

#[test]
fn string_scan_finds_specials_at_every_position() {
    // The scanner reads eight bytes at a time: put each kind of special byte
    // at every offset around chunk boundaries, after ASCII and non-ASCII text.
    for filler in ["a", "é", "😀", "\u{7f}", "~"] {
        for len in 0..20 {
            let prefix = filler.repeat(len);
            let closed = format!("\"{prefix}\"");
            assert_eq!(ok(&closed).as_str(), Some(prefix.as_str()));
            assert!(matches!(ok(&closed), Value::String(Cow::Borrowed(_))));
            let escaped = format!("\"{prefix}\\n{prefix}\"");
            assert_eq!(
                ok(&escaped).as_str(),
                Some(format!("{prefix}\n{prefix}").as_str())
            );
            for control in ['\u{0}', '\u{1f}', '\n'] {
                let text = format!("\"{prefix}{control}\"");
                let e = p(&text).unwrap_err();
                assert_eq!(e.kind, ParseErrorKind::ControlCharacterInString);
                assert_eq!(e.offset, 1 + prefix.len());
                assert_eq!(e.column, 2 + len);
            }
            let open = format!("\"{prefix}");
            assert_eq!(p(&open).unwrap_err().offset, open.len());
        }
    }
}

#[test]
fn containers_are_not_over_allocated() {
    fn check(v: &Value<'_>) {
        match v {
            Value::Array(items) => {
                assert!(items.capacity() <= items.len() * 2 + 4);
                items.iter().for_each(check);
            }
            Value::Object(members) => {
                assert!(members.capacity() <= members.len() * 2 + 4);
                members.iter().for_each(|(_, v)| check(v));
            }
            _ => {}
        }
    }
    let big = format!("[{}1]", "1,".repeat(10_000));
    let nested = format!("{}{}{}", "[".repeat(60), big, "]".repeat(60));
    check(&ok(&nested));
    let objects = format!(
        "{}{{{}\"z\":0}}{}",
        "{\"a\":".repeat(60),
        "\"k\":0,".repeat(10_000),
        "}".repeat(60)
    );
    check(&ok(&objects));
}

#[test]
fn numbers_beyond_a_double_are_refused() {
    for text in ["1e400", "-1e400", "[0, 1E309]", &"9".repeat(400)] {
        let error = parse(text, &ParseOptions::default()).unwrap_err();
        assert_eq!(error.kind, ParseErrorKind::NumberOutOfRange, "{text}");
        assert_eq!(
            error.to_string().split(" at ").next(),
            Some("number out of range")
        );
    }
    // Underflow is fine: the value is a (tiny or zero) double.
    assert!(parse("1e-400", &ParseOptions::default()).is_ok());
    assert!(parse(&format!("0.{}1", "0".repeat(400)), &ParseOptions::default()).is_ok());
}

//! The conversions against the standard library and `serde_json` as oracles.

use proptest::prelude::*;

use super::super::parse::is_valid_number;
use super::{Big, debug_text, display_text, is_finite_number, parse, report_text};

/// `parse` agrees with `str::parse::<f64>` bit for bit (sign of zero too).
fn parses_like_std(text: &str) -> Result<(), TestCaseError> {
    let expected: f64 = text.parse().unwrap();
    let got = parse(text);
    prop_assert_eq!(is_finite_number(text), expected.is_finite(), "{}", text);
    prop_assert_eq!(
        got.to_bits(),
        expected.to_bits(),
        "{} gave {:?}, std gives {:?}",
        text,
        got,
        expected
    );
    Ok(())
}

/// The three spellings agree with their oracles, and each reads back as `v`.
fn spells_like_std(v: f64) -> Result<(), TestCaseError> {
    prop_assert_eq!(debug_text(v), format!("{v:?}"));
    prop_assert_eq!(display_text(v), format!("{v}"));
    prop_assert_eq!(report_text(v), serde_json::to_string(&v).unwrap());
    prop_assert!(is_valid_number(&debug_text(v)));
    prop_assert!(is_valid_number(&report_text(v)));
    prop_assert_eq!(parse(&debug_text(v)).to_bits(), v.to_bits());
    prop_assert_eq!(parse(&report_text(v)).to_bits(), v.to_bits());
    Ok(())
}

fn check_parse(text: &str) {
    parses_like_std(text).unwrap();
}

fn check_spelling(v: f64) {
    spells_like_std(v).unwrap();
    spells_like_std(-v).unwrap();
}

/// The exact decimal expansion of the midpoint between the finite positive
/// double with bits `bits` and the next one up, in exponent notation.
fn midpoint_text(bits: u64) -> String {
    let fraction = bits & ((1 << 52) - 1);
    let biased = (bits >> 52) & 0x7FF;
    let (mantissa, exp) = if biased == 0 {
        (fraction, -1074i64)
    } else {
        (fraction | (1 << 52), biased as i64 - 1075)
    };
    // (2m + 1) * 2^(exp - 1)
    let mut big = Big::from_u64(2 * mantissa + 1);
    let e = exp - 1;
    if e >= 0 {
        big.mul_pow2(e as u64);
        let digits: String = big.digits(0).iter().map(|d| char::from(b'0' + d)).collect();
        digits
    } else {
        big.mul_pow5((-e) as u64);
        let digits: String = big.digits(0).iter().map(|d| char::from(b'0' + d)).collect();
        format!("{digits}e{e}")
    }
}

/// The positive decimal integer `digits` minus one, without leading zeros
/// (`0` for `1`).
fn one_less(digits: &str) -> String {
    let mut out: Vec<u8> = digits.bytes().collect();
    for d in out.iter_mut().rev() {
        if *d == b'0' {
            *d = b'9';
        } else {
            *d -= 1;
            break;
        }
    }
    let text = String::from_utf8(out).unwrap();
    let trimmed = text.trim_start_matches('0');
    if trimmed.is_empty() {
        "0".to_owned()
    } else {
        trimmed.to_owned()
    }
}

#[test]
fn parses_edge_cases() {
    for text in [
        "0",
        "-0",
        "0.0",
        "-0.0e5",
        "0e999999999999999999999",
        "1",
        "-1",
        "1.5",
        "0.1",
        "0.3",
        "123456789012345",
        "1234567890123456",
        "12345678901234567890",
        "9007199254740992",
        "9007199254740993",
        "9007199254740993.0000000000000000000000001",
        "9007199254740994",
        "9007199254740995",
        "1e22",
        "1e23",
        "1e-22",
        "1e-23",
        "123456789012345e22",
        "123456789012345e-22",
        "1e308",
        "1e309",
        "-1e309",
        "1e400",
        "1E400",
        "1e-400",
        "-1e-400",
        "1e-324",
        "3e-324",
        "5e-324",
        "4.9406564584124654e-324",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "2.2250738585072011e-308",
        "2.2250738585072014e-308",
        "2.2250738585072012e-308",
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.7976931348623159e308",
        "17976931348623157e292",
        "0.000000000000000000000000000000000000001",
        "1e999999999",
        "1e-999999999",
        "1e99999999999999999999999999999",
        "1e-99999999999999999999999999999",
        "0.1e310",
        "0.01e-322",
        "10e-325",
        "100000000000000000000000000000000000000000000000000000000000000e-370",
    ] {
        check_parse(text);
    }
}

#[test]
fn parses_halfway_points_exactly_and_just_off_them() {
    let specials = [
        0u64,                  // halfway to the smallest subnormal
        1,                     // between the two smallest subnormals
        (1 << 52) - 1,         // largest subnormal to smallest normal
        1 << 52,               // smallest normal
        0x3FF0_0000_0000_0000, // 1.0
        0x4340_0000_0000_0000, // 2^53
        0x7FEF_FFFF_FFFF_FFFE, // just below f64::MAX
        0x7FEF_FFFF_FFFF_FFFF, // f64::MAX: halfway to 2^1024 rounds up
    ];
    for bits in specials {
        let mid = midpoint_text(bits);
        check_parse(&mid);
        check_parse(&format!("-{mid}"));
        // Just above: a nonzero digit far past the 800 kept ones.
        let (digits, exp) = mid.split_once('e').unwrap_or((&mid, "0"));
        let above = format!("{digits}{}1e{exp}", "0".repeat(1000));
        check_parse(&above);
        // Just below: one less in the last place, then nines.
        check_parse(&format!("{}{}e{exp}", one_less(digits), "9".repeat(900)));
    }
}

#[test]
fn huge_inputs_are_quick() {
    let start = std::time::Instant::now();
    let ones = format!("1.{}", "3".repeat(100_000));
    check_parse(&ones);
    check_parse(&format!("0.{}1", "0".repeat(100_000)));
    check_parse(&format!("1{}", "0".repeat(100_000)));
    check_parse(&format!("{}e-100000", "7".repeat(100_000)));
    check_parse(&format!("{}e-99700", "7".repeat(100_000)));
    check_parse(&format!("0.{}e100309", "9".repeat(100_000)));
    // Generous for unoptimized builds; optimized, this is milliseconds.
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

#[test]
fn malformed_text_is_nan() {
    for text in ["", "-", ".", "1.2.3", "1e", "1e+", "e5", "1x", "--1"] {
        assert!(parse(text).is_nan(), "{text}");
        assert!(!is_finite_number(text), "{text}");
    }
}

#[test]
fn the_range_check_is_exact_at_the_overflow_boundary() {
    for (text, finite) in [
        ("1e308", true),
        ("9.99e308", false),
        ("1.7976931348623158e308", true),
        ("1.7976931348623159e308", false),
        ("-1.7976931348623159e308", false),
        // Halfway from f64::MAX to 2^1024: 1.797693134862315807937289714053034...e308
        ("179769313486231580793728971405303e276", true),
        ("179769313486231580793728971405304e276", false),
        ("0.99e309", false),
        ("9.9e307", true),
        ("1e309", false),
        ("1e-999999", true),
        ("0e999999", true),
    ] {
        assert_eq!(is_finite_number(text), finite, "{text}");
        assert_eq!(parse(text).is_finite(), finite, "{text}");
    }
}

#[test]
fn spells_edge_cases() {
    let values = [
        0.0,
        1.0,
        0.1,
        0.2,
        0.3,
        1.5,
        2.5,
        100.0,
        123.456,
        1e-4,
        9.999999999999999e-5,
        1e-5,
        1e-6,
        1e-7,
        1e15,
        1e16,
        9999999999999998.0,
        1e17,
        1e21,
        1e22,
        1e23,
        1.5e300,
        5e-324,
        1e-323,
        f64::MIN_POSITIVE,
        f64::MIN_POSITIVE - 5e-324,
        f64::MAX,
        f64::EPSILON,
        9007199254740992.0,
        18446744073709551616.0,
        2f64.powi(50) + 0.25, // 1125899906842624.25: a tie at 17 digits
        2f64.powi(50) + 0.75,
        2251799813685248.5,
        1700000000.0,
        1.7e9,
        std::f64::consts::PI,
    ];
    for v in values {
        check_spelling(v);
    }
}

#[test]
fn non_finite_values_are_spelled_like_std() {
    for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert_eq!(debug_text(v), format!("{v:?}"));
        assert_eq!(display_text(v), format!("{v}"));
    }
}

#[test]
fn spells_every_binary_exponent_like_std() {
    // Both ends of every binade, and two mantissas between.
    for biased in 0u64..2047 {
        for fraction in [0, 1, 0x8_0000_0000_0001, (1 << 52) - 1] {
            let v = f64::from_bits((biased << 52) | fraction);
            if v != 0.0 {
                check_spelling(v);
            }
        }
    }
}

#[test]
fn spells_every_power_of_ten_like_std() {
    for exp in -325..=308 {
        let v: f64 = format!("1e{exp}").parse().unwrap();
        if v != 0.0 {
            check_spelling(v);
            check_spelling(f64::from_bits(v.to_bits() + 1));
            check_spelling(f64::from_bits(v.to_bits() - 1));
        }
    }
}

/// Decimal texts of the JSON grammar: digits, an optional fraction, an
/// optional exponent reaching past both ends of the range.
fn decimal_text() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        "[1-9][0-9]{0,25}|0",
        proptest::option::of("[0-9]{1,25}"),
        proptest::option::of((
            prop::sample::select(vec!["e", "E", "e+", "e-", "E-"]),
            0u32..400,
        )),
    )
        .prop_map(|(negative, int, frac, exp)| {
            let mut text = String::new();
            if negative {
                text.push('-');
            }
            text.push_str(&int);
            if let Some(frac) = frac {
                text.push('.');
                text.push_str(&frac);
            }
            if let Some((marker, e)) = exp {
                text.push_str(marker);
                text.push_str(&e.to_string());
            }
            text
        })
}

fn finite_f64() -> impl Strategy<Value = f64> {
    any::<u64>()
        .prop_map(f64::from_bits)
        .prop_filter("finite", |v| v.is_finite())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parse_matches_std_on_decimal_texts(text in decimal_text()) {
        parses_like_std(&text)?;
    }

    #[test]
    fn parse_matches_std_on_long_texts(
        digits in "[1-9][0-9]{20,120}",
        exp in -420i32..330,
    ) {
        parses_like_std(&format!("{digits}e{exp}"))?;
        parses_like_std(&format!("0.{digits}e{exp}"))?;
    }

    #[test]
    fn parse_matches_std_near_halfway_points(
        bits in 0u64..0x7FF0_0000_0000_0000,
        far in 0usize..30,
        nudge in 0u8..3,
    ) {
        let mid = midpoint_text(bits);
        let (digits, exp) = mid.split_once('e').unwrap_or((&mid, "0"));
        let text = match nudge {
            0 => format!("{digits}e{exp}"),
            1 => format!("{digits}{}1e{exp}", "0".repeat(far)),
            _ => format!("{}{}e{exp}", one_less(digits), "9".repeat(far + 1)),
        };
        parses_like_std(&text)?;
    }

    #[test]
    fn parse_matches_std_on_shortest_texts(v in finite_f64(), digits in 1usize..20) {
        // Every double, rounded to a few digits, in both spellings.
        parses_like_std(&format!("{:.*e}", digits - 1, v))?;
        parses_like_std(&format!("{v:?}"))?;
    }

    #[test]
    fn spellings_match_std_and_serde_json(v in finite_f64()) {
        spells_like_std(v)?;
    }

    #[test]
    fn spellings_match_near_integers_with_fractions(
        int in (1u64 << 40)..(1u64 << 53),
        quarter in 0u32..16,
    ) {
        // Values whose shortest digits can be exactly halfway between two
        // candidates (the two spellings break such ties differently).
        let v = int as f64 + f64::from(quarter) / 16.0;
        spells_like_std(v)?;
    }
}

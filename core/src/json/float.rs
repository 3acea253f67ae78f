//! Exact conversions between decimal text and `f64`, without tables.
//!
//! The standard library's conversions (`str::parse::<f64>`, `{}`/`{:?}` of
//! an `f64`) and `serde_json`'s float writer are fast, but carry large
//! precomputed tables that dominate the size of the WebAssembly build.
//! Numbers other than integers are rare in identity-pool documents, so this
//! module trades speed for size: it computes with a small big integer
//! (base 10^9 limbs) and is exact by construction.
//!
//! * [`parse`]: the nearest `f64` to a decimal number, ties to even (the
//!   IEEE 754 default, what `str::parse::<f64>` gives).
//! * [`debug_text`], [`display_text`], [`report_text`]: the shortest digits
//!   that read back as the same `f64`, spelled as `{:?}`, `{}` and
//!   `serde_json` spell them.
//!
//! The tests hold every function to its standard counterpart as an oracle.

use std::cmp::Ordering;

/// The limb base of [`Big`]: a power of ten, so decimal digits fall out of
/// the limbs directly.
const BASE: u32 = 1_000_000_000;

/// Significant digits of a decimal input that are kept exactly; any further
/// nonzero digit is kept as one sticky digit. A halfway point between two
/// adjacent doubles has at most 767 significant digits, so digits past the
/// 768th can only tell whether the value is exactly on one: the sticky digit
/// keeps exactly that.
const MAX_DIGITS: usize = 800;

/// A natural number: base-10^9 limbs, least significant first, without
/// high zero limbs (zero has no limbs).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Big {
    limbs: Vec<u32>,
}

impl Big {
    fn from_u64(mut v: u64) -> Big {
        let mut limbs = Vec::new();
        while v > 0 {
            limbs.push((v % u64::from(BASE)) as u32);
            v /= u64::from(BASE);
        }
        Big { limbs }
    }

    /// The number whose decimal digits (values 0-9, most significant
    /// first) are `digits`.
    fn from_digits(digits: &[u8]) -> Big {
        let mut limbs = Vec::with_capacity(digits.len() / 9 + 1);
        let mut end = digits.len();
        while end > 0 {
            let start = end.saturating_sub(9);
            let limb = digits
                .get(start..end)
                .unwrap_or(&[])
                .iter()
                .fold(0u32, |acc, &d| acc * 10 + u32::from(d));
            limbs.push(limb);
            end = start;
        }
        let mut big = Big { limbs };
        big.trim();
        big
    }

    fn trim(&mut self) {
        while self.limbs.last() == Some(&0) {
            self.limbs.pop();
        }
    }

    fn is_zero(&self) -> bool {
        self.limbs.is_empty()
    }

    /// `self *= m`.
    fn mul_small(&mut self, m: u32) {
        let mut carry: u64 = 0;
        for limb in &mut self.limbs {
            let product = u64::from(*limb) * u64::from(m) + carry;
            *limb = (product % u64::from(BASE)) as u32;
            carry = product / u64::from(BASE);
        }
        while carry > 0 {
            self.limbs.push((carry % u64::from(BASE)) as u32);
            carry /= u64::from(BASE);
        }
        self.trim();
    }

    /// `self *= 2`.
    fn double(&mut self) {
        let mut carry = 0;
        for limb in &mut self.limbs {
            let twice = *limb * 2 + carry;
            carry = u32::from(twice >= BASE);
            *limb = twice - carry * BASE;
        }
        if carry > 0 {
            self.limbs.push(carry);
        }
    }

    /// `self *= 2^k`.
    fn mul_pow2(&mut self, mut k: u64) {
        while k > 0 {
            let step = k.min(31);
            self.mul_small(1 << step);
            k -= step;
        }
    }

    /// `self *= 5^k`.
    fn mul_pow5(&mut self, mut k: u64) {
        while k > 0 {
            let step = k.min(13);
            self.mul_small(5u32.pow(step as u32));
            k -= step;
        }
    }

    /// `self += other`.
    fn add(&mut self, other: &Big) {
        let mut carry = 0;
        for (i, &b) in other.limbs.iter().enumerate() {
            if i == self.limbs.len() {
                self.limbs.push(0);
            }
            if let Some(a) = self.limbs.get_mut(i) {
                let sum = *a + b + carry;
                carry = u32::from(sum >= BASE);
                *a = sum - carry * BASE;
            }
        }
        let mut i = other.limbs.len();
        while carry > 0 {
            match self.limbs.get_mut(i) {
                Some(a) => {
                    let sum = *a + carry;
                    carry = u32::from(sum >= BASE);
                    *a = sum - carry * BASE;
                }
                None => {
                    self.limbs.push(carry);
                    carry = 0;
                }
            }
            i += 1;
        }
    }

    /// `self -= other`; `other` must not be greater than `self`.
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0;
        for (i, a) in self.limbs.iter_mut().enumerate() {
            let b = other.limbs.get(i).copied().unwrap_or(0) + borrow;
            if b == 0 && i >= other.limbs.len() {
                break;
            }
            if *a >= b {
                *a -= b;
                borrow = 0;
            } else {
                *a = *a + BASE - b;
                borrow = 1;
            }
        }
        self.trim();
    }

    fn cmp(&self, other: &Big) -> Ordering {
        self.limbs
            .len()
            .cmp(&other.limbs.len())
            .then_with(|| self.limbs.iter().rev().cmp(other.limbs.iter().rev()))
    }

    /// The decimal digits (values 0-9), most significant first, left-padded
    /// with zeros to at least `width` digits.
    fn digits(&self, width: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(width.max(self.limbs.len() * 9));
        for &limb in self.limbs.iter().rev() {
            let mut chunk = [0u8; 9];
            let mut rest = limb;
            for d in chunk.iter_mut().rev() {
                *d = (rest % 10) as u8;
                rest /= 10;
            }
            out.extend_from_slice(&chunk);
        }
        let leading = out.iter().take_while(|&&d| d == 0).count();
        out.drain(..leading);
        if out.len() < width {
            out.splice(0..0, std::iter::repeat_n(0, width - out.len()));
        }
        out
    }
}

/// The nearest `f64` to `text`, a number matching the JSON grammar (RFC
/// 8259; anything else gives NaN), rounding halfway cases to even.
/// Magnitudes beyond the `f64` range give an infinity, tiny ones zero
/// (with the sign of the text).
///
/// Time is linear in the length of `text` plus a bounded amount of big
/// integer work: beyond [`MAX_DIGITS`] significant digits, the rest only
/// counts as nonzero or not, and out-of-range magnitudes are decided from
/// the digit count and exponent alone.
pub(crate) fn parse(text: &str) -> f64 {
    match scan(text) {
        Some(number) => {
            let magnitude = number.magnitude();
            if number.negative {
                -magnitude
            } else {
                magnitude
            }
        }
        None => f64::NAN,
    }
}

/// Whether the number `text` (matching the JSON grammar) is within the
/// range of `f64`, i.e. [`parse`] gives a finite value. Decided from the
/// digit count and exponent alone, except for magnitudes from 10^308 to
/// 10^309, which take the exact conversion.
pub(crate) fn is_finite_number(text: &str) -> bool {
    match scan(text) {
        Some(number) if number.digits.is_empty() => true,
        Some(number) => match number.digits.len() as i64 + number.q {
            // Below 10^308, so below f64::MAX.
            ..309 => true,
            309 => number.magnitude().is_finite(),
            _ => false,
        },
        None => false,
    }
}

/// A decimal number as [`scan`] reads it: `digits * 10^q`, where `digits`
/// (values 0-9) has no leading or trailing zero (none at all for zero).
struct Scanned {
    negative: bool,
    digits: Vec<u8>,
    q: i64,
}

impl Scanned {
    /// The nearest `f64` to the absolute value.
    fn magnitude(&self) -> f64 {
        let n = self.digits.len() as i64;
        let q = self.q;
        // 10^(k-1) <= value < 10^k.
        let k = n + q;
        if n == 0 || k < -323 {
            // Zero, or below 10^-324: less than half the smallest
            // subnormal (4.9e-324).
            0.0
        } else if k > 309 {
            // At least 10^309: beyond f64::MAX (about 1.8e308).
            f64::INFINITY
        } else if n <= 15 && (-22..=22).contains(&q) {
            fast_path(&self.digits, q)
        } else {
            slow_path(&self.digits, q, k)
        }
    }
}

/// Reads a number matching the JSON grammar, keeping at most
/// [`MAX_DIGITS`] significant digits and one sticky digit; `None` for text
/// that is not such a number.
fn scan(text: &str) -> Option<Scanned> {
    let bytes = text.as_bytes();
    let negative = bytes.first() == Some(&b'-');
    let mut i = usize::from(negative);
    let mut digits: Vec<u8> = Vec::new();
    // value = (digits, then `dropped` zeros) * 10^scale, plus a nonzero
    // amount below the last kept digit when `sticky`.
    let mut dropped: i64 = 0;
    let mut sticky = false;
    let mut scale: i64 = 0;
    let mut in_fraction = false;
    let mut seen_digit = false;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'0'..=b'9' => {
                seen_digit = true;
                let d = b - b'0';
                if digits.is_empty() && d == 0 {
                    // A leading zero: no significant digit yet.
                } else if digits.len() < MAX_DIGITS {
                    digits.push(d);
                } else {
                    dropped += 1;
                    sticky |= d != 0;
                }
                if in_fraction {
                    scale -= 1;
                }
            }
            b'.' if !in_fraction => in_fraction = true,
            _ => break,
        }
        i += 1;
    }
    if !seen_digit {
        return None;
    }
    if let Some(b'e' | b'E') = bytes.get(i) {
        i += 1;
        let exp_negative = bytes.get(i) == Some(&b'-');
        if let Some(b'+' | b'-') = bytes.get(i) {
            i += 1;
        }
        let start = i;
        // Saturates far beyond any exponent that can matter.
        let mut exp: i64 = 0;
        while let Some(&b @ b'0'..=b'9') = bytes.get(i) {
            exp = (exp * 10 + i64::from(b - b'0')).min(1 << 40);
            i += 1;
        }
        if i == start {
            return None;
        }
        scale += if exp_negative { -exp } else { exp };
    }
    if i != bytes.len() {
        return None;
    }
    // Trailing zeros of the kept digits only scale.
    while digits.last() == Some(&0) {
        digits.pop();
        dropped += 1;
    }
    if sticky {
        digits.push(1);
        dropped -= 1;
    }
    Some(Scanned {
        negative,
        digits,
        q: scale + dropped,
    })
}

/// Clinger's fast path: the digits (at most 15, so below 2^53) and 10^|q|
/// (|q| <= 22: every power of ten up to 10^22 is a double, and so is each
/// product in the loop) are exact doubles, and one correctly rounded IEEE
/// multiplication or division gives the nearest double.
fn fast_path(digits: &[u8], q: i64) -> f64 {
    let mantissa = digits.iter().fold(0u64, |acc, &d| acc * 10 + u64::from(d));
    let mut power = 1.0f64;
    for _ in 0..q.unsigned_abs() {
        power *= 10.0;
    }
    if q >= 0 {
        mantissa as f64 * power
    } else {
        mantissa as f64 / power
    }
}

/// The exact path: value = digits * 10^q, with 10^(k-1) <= value < 10^k and
/// k within the range where the result is a finite double or rounds to one
/// (or to zero or infinity at the edges).
///
/// Computes Q = floor(value * 2^s) for an s making 2^71 < Q < 2^77, and
/// whether the division left a remainder, then rounds Q to the 53 bits (or
/// fewer, for subnormals) of a double. The cost is 77 passes over
/// numbers of at most about 820 digits, whatever the input.
fn slow_path(digits: &[u8], q: i64, k: i64) -> f64 {
    // value * 2^s = digits * 5^q * 2^(q+s): the powers of two of 10^q
    // join 2^s, so the numbers stay small.
    let mut num = Big::from_digits(digits);
    let mut den = Big::from_u64(1);
    if q >= 0 {
        num.mul_pow5(q.unsigned_abs());
    } else {
        den.mul_pow5(q.unsigned_abs());
    }
    // (k-1) * log2(10) <= log2(value) < k * log2(10), and `log2_low` is the
    // first rounded down (the f64 product errs by far less than a bit), so
    // Q > 2^71 and Q < 2^(72 + 3.33 + 1) < 2^77.
    let log2_low = ((k - 1) as f64 * std::f64::consts::LOG2_10).floor() as i64;
    let s = 72 - log2_low;
    if s + q >= 0 {
        num.mul_pow2((s + q).unsigned_abs());
    } else {
        den.mul_pow2((s + q).unsigned_abs());
    }
    // Binary long division for 77 quotient bits, shifting the remainder
    // left instead of the divisor right: `rem < 2 * top` throughout.
    const QUOTIENT_BITS: u64 = 77;
    let mut top = den;
    top.mul_pow2(QUOTIENT_BITS - 1);
    let mut rem = num;
    let mut quotient: u128 = 0;
    for _ in 0..QUOTIENT_BITS {
        quotient <<= 1;
        if rem.cmp(&top) != Ordering::Less {
            rem.sub(&top);
            quotient |= 1;
        }
        rem.double();
    }
    round_to_f64(quotient, -s, !rem.is_zero())
}

/// The double nearest to `quotient * 2^exp` (plus a nonzero amount below
/// one unit of `quotient` when `sticky`), ties to even; `quotient` is not 0.
fn round_to_f64(quotient: u128, exp: i64, sticky: bool) -> f64 {
    let bits = i64::from(128 - quotient.leading_zeros());
    let mut drop = bits - 53;
    if exp + drop < -1074 {
        // Subnormal: the unit of the last kept bit is 2^-1074.
        drop = -1074 - exp;
    }
    if drop > bits {
        // Less than half the smallest subnormal.
        return 0.0;
    }
    let (mut kept, half_and_below) = if drop <= 0 {
        (quotient << (-drop), 0)
    } else {
        let dropped = drop as u32;
        (quotient >> dropped, quotient & ((1u128 << dropped) - 1))
    };
    if drop > 0 {
        let half = 1u128 << (drop - 1);
        if half_and_below > half || (half_and_below == half && (sticky || kept & 1 == 1)) {
            kept += 1;
        }
    }
    let mut unit_exp = exp + drop;
    if kept == 1 << 53 {
        kept >>= 1;
        unit_exp += 1;
    }
    if kept >= 1 << 52 {
        let biased = unit_exp + 1075;
        if biased >= 2047 {
            return f64::INFINITY;
        }
        let fraction = (kept as u64) & ((1 << 52) - 1);
        f64::from_bits(((biased as u64) << 52) | fraction)
    } else {
        f64::from_bits(kept as u64)
    }
}

/// How to choose between the two closest shortest candidates when the
/// value lies exactly halfway between them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tie {
    /// The greater one (the standard library's formatting).
    Up,
    /// The one whose last digit is even (`serde_json`'s formatting).
    Even,
}

/// A positive decimal: `digits` (values 0-9, no leading or trailing zero)
/// times 10^(point - digits.len()), i.e. 0.d1d2... * 10^point.
struct Decimal {
    digits: Vec<u8>,
    point: i64,
}

/// The decimal with the fewest significant digits that reads back as `v`
/// (finite and positive), the closest one to `v` if there are two.
///
/// Exact: the doubles are dyadic rationals, so `v` and the bounds of the
/// interval of values that read back as `v` (halfway to its neighbours,
/// included when the mantissa is even, as ties go to even) have finite
/// decimal expansions, computed here in full at one common scale. For n =
/// 1, 2, ... the n-digit truncation of `v` and the next n-digit decimal up
/// are the only n-digit candidates that can lie in the interval; the first
/// n with one inside gives the answer.
fn shortest(v: f64, tie: Tie) -> Decimal {
    let bits = v.to_bits();
    let fraction = bits & ((1 << 52) - 1);
    let biased = ((bits >> 52) & 0x7FF) as i64;
    let (mantissa, exp) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    };
    // At a power of two (other than the smallest normal) the double below
    // is half as far as the one above.
    let lower_closer = fraction == 0 && biased > 1;
    let inclusive = mantissa % 2 == 0;
    // In units of 2^(exp-2): v = 4m, upper bound 4m+2, lower 4m-2 (or
    // 4m-1). A unit is 2^(exp-2) or, for negative exponents,
    // 5^(2-exp) * 10^(exp-2): integers at a common decimal scale.
    let unit_exp = exp - 2;
    let mut unit = Big::from_u64(1);
    if unit_exp >= 0 {
        unit.mul_pow2(unit_exp.unsigned_abs());
    } else {
        unit.mul_pow5(unit_exp.unsigned_abs());
    }
    // value = unit * 4m, with 4m < 2^55 split in two factors that fit a limb
    // multiplication: 4m = high * 2^28 + low.
    let mut value = unit.clone();
    value.mul_small((mantissa >> 26) as u32);
    value.mul_pow2(28);
    let mut low = unit.clone();
    low.mul_small(((4 * mantissa) & ((1 << 28) - 1)) as u32);
    value.add(&low);
    let scale = unit_exp.min(0);
    let mut upper = value.clone();
    upper.add(&unit);
    upper.add(&unit);
    let mut lower = value.clone();
    lower.sub(&unit);
    if !lower_closer {
        lower.sub(&unit);
    }
    // At least one leading zero: room for a carry out of the top digit.
    let width = upper.limbs.len() * 9 + 1;
    let upper_digits = upper.digits(width);
    let lower_digits = lower.digits(width);
    let value_digits = value.digits(width);
    let first = value_digits.iter().position(|&d| d != 0).unwrap_or(width);
    // Where the nonzero digits of each end: what follows is all zeros.
    let significant = |digits: &[u8]| digits.iter().rposition(|&d| d != 0).map_or(0, |i| i + 1);
    let (lower_end, upper_end, value_end) = (
        significant(&lower_digits),
        significant(&upper_digits),
        significant(&value_digits),
    );
    let above_lower = |candidate: &[u8]| match cmp_padded(candidate, &lower_digits, lower_end) {
        Ordering::Greater => true,
        Ordering::Equal => inclusive,
        Ordering::Less => false,
    };
    let below_upper = |candidate: &[u8]| match cmp_padded(candidate, &upper_digits, upper_end) {
        Ordering::Less => true,
        Ordering::Equal => inclusive,
        Ordering::Greater => false,
    };
    let mut end = first + 1;
    while end <= width {
        let floor = value_digits.get(..end).unwrap_or(&[]);
        let tail = value_digits.get(end..).unwrap_or(&[]);
        let exact = value_end <= end;
        let floor_ok = exact || above_lower(floor);
        let ceil = if exact { None } else { Some(increment(floor)) };
        let ceil_ok = ceil.as_deref().is_some_and(below_upper);
        let chosen = match (floor_ok, ceil_ok) {
            (false, false) => {
                end += 1;
                continue;
            }
            (true, false) => floor.to_vec(),
            (false, true) => ceil.unwrap_or_default(),
            (true, true) => {
                let round_up = match tail.first().map_or(Ordering::Less, |d| d.cmp(&5)) {
                    Ordering::Less => false,
                    Ordering::Greater => true,
                    Ordering::Equal => {
                        let halfway = value_end <= end + 1;
                        !halfway
                            || match tie {
                                Tie::Up => true,
                                Tie::Even => floor.last().is_some_and(|d| d % 2 == 1),
                            }
                    }
                };
                if round_up {
                    ceil.unwrap_or_default()
                } else {
                    floor.to_vec()
                }
            }
        };
        let lead = chosen.iter().position(|&d| d != 0).unwrap_or(0);
        let mut digits = chosen.get(lead..).unwrap_or(&[]).to_vec();
        while digits.last() == Some(&0) {
            digits.pop();
        }
        // The digit at index `lead` has weight 10^(scale + width - 1 - lead).
        let point = scale + (width - lead) as i64;
        return Decimal { digits, point };
    }
    // Unreachable: at `end == width` the truncation is `v` itself.
    Decimal {
        digits: vec![0],
        point: 1,
    }
}

/// Compares `prefix` followed by zeros with `full` (`prefix` is no
/// longer), whose digits from `full_end` on are zeros.
fn cmp_padded(prefix: &[u8], full: &[u8], full_end: usize) -> Ordering {
    let head = full.get(..prefix.len()).unwrap_or(full);
    prefix.cmp(head).then(if full_end <= prefix.len() {
        Ordering::Equal
    } else {
        Ordering::Less
    })
}

/// `digits` plus one in the last place (the first digit is a spare zero,
/// so the carry always stops).
fn increment(digits: &[u8]) -> Vec<u8> {
    let mut out = digits.to_vec();
    for d in out.iter_mut().rev() {
        if *d == 9 {
            *d = 0;
        } else {
            *d += 1;
            break;
        }
    }
    out
}

/// Appends digit values as ASCII.
fn push_digits(out: &mut String, digits: &[u8]) {
    out.extend(digits.iter().map(|&d| char::from(b'0' + d)));
}

fn push_zeros(out: &mut String, count: i64) {
    for _ in 0..count {
        out.push('0');
    }
}

/// Positional notation: `1234.5`, `0.00012`, `1200` (with `.0` appended to
/// integers when `point_zero`).
fn push_fixed(out: &mut String, d: &Decimal, point_zero: bool) {
    let n = d.digits.len() as i64;
    if d.point <= 0 {
        out.push_str("0.");
        push_zeros(out, -d.point);
        push_digits(out, &d.digits);
    } else if d.point >= n {
        push_digits(out, &d.digits);
        push_zeros(out, d.point - n);
        if point_zero {
            out.push_str(".0");
        }
    } else {
        let (int, frac) = d.digits.split_at(d.point as usize);
        push_digits(out, int);
        out.push('.');
        push_digits(out, frac);
    }
}

/// Scientific notation: `1.5e-7`, `2e16`, or with `plus`, `2e+16`.
fn push_exponential(out: &mut String, d: &Decimal, plus: bool) {
    let (first, rest) = d.digits.split_at(1.min(d.digits.len()));
    push_digits(out, first);
    if !rest.is_empty() {
        out.push('.');
        push_digits(out, rest);
    }
    out.push('e');
    let exp = d.point - 1;
    if exp < 0 {
        out.push('-');
    } else if plus {
        out.push('+');
    }
    out.push_str(&exp.unsigned_abs().to_string());
}

/// The text of a non-finite `v` as the standard library writes it, or
/// `None` for a finite one.
fn non_finite(v: f64) -> Option<String> {
    if v.is_nan() {
        Some("NaN".to_owned())
    } else if v.is_infinite() {
        Some(if v < 0.0 { "-inf" } else { "inf" }.to_owned())
    } else {
        None
    }
}

/// `v` as `format!("{v:?}")` writes it: the shortest round-tripping digits,
/// in exponent notation below 1e-4 and from 1e16 on (`1e-7`, `1.5e16`),
/// positional otherwise with at least one fractional digit (`100.0`,
/// `0.001`); `-0.0` for negative zero. For a finite `v` this is also a
/// valid JSON number: the reader's canonical spelling of floats.
pub(crate) fn debug_text(v: f64) -> String {
    spell(v, Style::Debug)
}

/// `v` as `format!("{v}")` writes it: the shortest round-tripping digits,
/// always positional (`1e300` is a 1 and 300 zeros), without a fractional
/// part for integers (`5`, `-0`).
pub(crate) fn display_text(v: f64) -> String {
    spell(v, Style::Display)
}

/// A finite `v` as `serde_json` writes it (the Report's spelling): the
/// shortest round-tripping digits (halfway ties to an even last digit),
/// positional with at least one fractional digit when the decimal exponent
/// is from -5 to 15 (`0.00001`, `1e15` as `1000000000000000.0`), otherwise
/// in exponent notation with an explicit sign (`1e-6`, `1e+16`).
pub(crate) fn report_text(v: f64) -> String {
    spell(v, Style::Report)
}

/// The three spellings of a float the crate reproduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// `{:?}`: [`debug_text`].
    Debug,
    /// `{}`: [`display_text`].
    Display,
    /// `serde_json`: [`report_text`].
    Report,
}

/// `v` in `style`: the sign, then zero or the shortest digits laid out as
/// the style does.
fn spell(v: f64, style: Style) -> String {
    if let Some(text) = non_finite(v) {
        return text;
    }
    let mut out = String::new();
    if v.is_sign_negative() {
        out.push('-');
    }
    let abs = v.abs();
    if abs == 0.0 {
        out.push_str(if style == Style::Display { "0" } else { "0.0" });
        return out;
    }
    let d = shortest(
        abs,
        if style == Style::Report {
            Tie::Even
        } else {
            Tie::Up
        },
    );
    let exponential = match style {
        Style::Debug => !(1e-4..1e16).contains(&abs),
        Style::Display => false,
        Style::Report => !(-5..=15).contains(&(d.point - 1)),
    };
    if exponential {
        push_exponential(&mut out, &d, style == Style::Report);
    } else {
        push_fixed(&mut out, &d, style != Style::Display);
    }
    out
}

#[cfg(test)]
mod tests;

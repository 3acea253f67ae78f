//! Base64 (RFC 4648), the two alphabets login tokens use.
//!
//! * [`Alphabet::Standard`] (RFC 4648 §4, `+` and `/`): how SAML responses are
//!   encoded. Padding is optional, and ASCII whitespace (space, tab, carriage
//!   return, line feed) is ignored anywhere, because identity providers often
//!   wrap the text at 76 columns.
//! * [`Alphabet::UrlSafe`] (RFC 4648 §5, `-` and `_`): how the parts of a JWT
//!   are encoded. Padding is optional; whitespace is an error.
//!
//! Decoding is one pass over the input, in time and memory linear in its
//! length; it never panics. Errors say what is wrong and where (a byte
//! offset), never what the input contained, so they may be logged even when
//! the input is a secret.
//!
//! Decisions:
//!
//! * Padding, when present, must be complete (`QQ==`, not `QQ=`) and may only
//!   be followed by whitespace (for the standard alphabet); padding on input
//!   whose length is already a multiple of four is an error.
//! * Non-canonical trailing bits are **accepted**: `QR==` decodes to `A` like
//!   `QQ==`. Rejecting them would refuse tokens that other decoders (browsers,
//!   SDKs) accept, and nothing here relies on a unique encoding: tokens are
//!   decoded, never verified.

/// Which alphabet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alphabet {
    /// RFC 4648 §4: `A-Z a-z 0-9 + /`; ASCII whitespace is ignored when decoding.
    Standard,
    /// RFC 4648 §5: `A-Z a-z 0-9 - _`; no whitespace.
    UrlSafe,
}

/// Why a text is not base64. Never contains any part of the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Base64Error {
    /// A byte that is neither in the alphabet, nor padding, nor (for the
    /// standard alphabet) ignorable whitespace; or a non-whitespace byte after
    /// the padding.
    #[error("invalid base64 character at byte offset {offset}")]
    InvalidCharacter {
        /// Byte offset of the offending character in the input.
        offset: usize,
    },
    /// The number of base64 characters leaves one character over after the
    /// last complete group of four, which cannot encode a byte.
    #[error("invalid base64 length")]
    InvalidLength,
    /// Padding (`=`) that is incomplete, too long, or where none belongs.
    #[error("invalid base64 padding")]
    InvalidPadding,
}

/// Marks a byte outside the alphabet in the decoding tables.
const INVALID: u8 = 0xFF;

const STANDARD_SYMBOLS: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL_SAFE_SYMBOLS: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The value of each byte in `symbols`, [`INVALID`] for the others.
const fn decoding_table(symbols: &[u8; 64]) -> [u8; 256] {
    let mut table = [INVALID; 256];
    let mut i = 0;
    while i < 64 {
        table[symbols[i] as usize] = i as u8;
        i += 1;
    }
    table
}

static STANDARD_TABLE: [u8; 256] = decoding_table(STANDARD_SYMBOLS);
static URL_SAFE_TABLE: [u8; 256] = decoding_table(URL_SAFE_SYMBOLS);

impl Alphabet {
    fn symbols(self) -> &'static [u8; 64] {
        match self {
            Alphabet::Standard => STANDARD_SYMBOLS,
            Alphabet::UrlSafe => URL_SAFE_SYMBOLS,
        }
    }

    fn table(self) -> &'static [u8; 256] {
        match self {
            Alphabet::Standard => &STANDARD_TABLE,
            Alphabet::UrlSafe => &URL_SAFE_TABLE,
        }
    }

    fn ignores(self, byte: u8) -> bool {
        self == Alphabet::Standard && matches!(byte, b' ' | b'\t' | b'\r' | b'\n')
    }
}

/// Decode `input` with `alphabet`.
///
/// Standard: RFC 4648 §4, padding optional, ASCII whitespace (space, `\t`,
/// `\r`, `\n`) ignored anywhere. UrlSafe: RFC 4648 §5, padding optional, no
/// whitespace. Non-canonical trailing bits are accepted (see the module
/// documentation).
///
/// ```
/// use idpool::base64::{Alphabet, decode};
/// assert_eq!(decode("Zm9v\r\nYmE=", Alphabet::Standard).unwrap(), b"fooba");
/// assert_eq!(decode("Zm9vYmE", Alphabet::UrlSafe).unwrap(), b"fooba");
/// assert!(decode("Zm9v YmE", Alphabet::UrlSafe).is_err());
/// ```
pub fn decode(input: &str, alphabet: Alphabet) -> Result<Vec<u8>, Base64Error> {
    let table = alphabet.table();
    let bytes = input.as_bytes();
    // Every 4 input bytes give at most 3; the first allocation is capped so
    // that input that is mostly whitespace does not reserve memory for
    // output it never produces (growth is amortised, so still linear).
    let mut out = Vec::with_capacity((bytes.len() / 4 * 3 + 3).min(64 * 1024));
    // Up to three pending 6-bit values, packed in `acc`.
    let mut acc: u32 = 0;
    let mut pending = 0usize;
    // Number of base64 symbols (not padding, not whitespace) seen.
    let mut symbols = 0usize;
    let mut padding = 0usize;

    let mut offset = 0;
    while offset < bytes.len() {
        // Four symbols at once: the common case, between line breaks.
        if pending == 0
            && padding == 0
            && let Some(&[a, b, c, d]) = bytes.get(offset..offset + 4)
        {
            let (a, b, c, d) = (
                table[a as usize],
                table[b as usize],
                table[c as usize],
                table[d as usize],
            );
            if (a | b | c | d) < 64 {
                let quad = (u32::from(a) << 18)
                    | (u32::from(b) << 12)
                    | (u32::from(c) << 6)
                    | u32::from(d);
                out.extend_from_slice(&[(quad >> 16) as u8, (quad >> 8) as u8, quad as u8]);
                symbols += 4;
                offset += 4;
                continue;
            }
        }
        let byte = bytes[offset];
        offset += 1;
        if alphabet.ignores(byte) {
            continue;
        }
        if byte == b'=' {
            padding += 1;
            continue;
        }
        let value = table[byte as usize];
        if value == INVALID || padding > 0 {
            return Err(Base64Error::InvalidCharacter { offset: offset - 1 });
        }
        symbols += 1;
        acc = (acc << 6) | u32::from(value);
        pending += 1;
        if pending == 4 {
            out.extend_from_slice(&[(acc >> 16) as u8, (acc >> 8) as u8, acc as u8]);
            acc = 0;
            pending = 0;
        }
    }

    match pending {
        0 => {}
        1 => return Err(Base64Error::InvalidLength),
        2 => out.push((acc >> 4) as u8),
        _ => out.extend_from_slice(&[(acc >> 10) as u8, (acc >> 2) as u8]),
    }
    if padding > 0 && (symbols.is_multiple_of(4) || !(symbols + padding).is_multiple_of(4)) {
        return Err(Base64Error::InvalidPadding);
    }
    Ok(out)
}

/// Encode `bytes` with `alphabet`, with `=` padding when `pad` is true.
///
/// ```
/// use idpool::base64::{Alphabet, encode};
/// assert_eq!(encode(b"fooba", Alphabet::Standard, true), "Zm9vYmE=");
/// assert_eq!(encode(&[0xfb, 0xff], Alphabet::UrlSafe, false), "-_8");
/// ```
pub fn encode(bytes: &[u8], alphabet: Alphabet, pad: bool) -> String {
    let symbols = alphabet.symbols();
    let symbol = |index: u32| char::from(symbols[(index & 0x3F) as usize]);
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    let mut chunks = bytes.chunks_exact(3);
    for chunk in chunks.by_ref() {
        let n = u32::from(chunk[0]) << 16 | u32::from(chunk[1]) << 8 | u32::from(chunk[2]);
        out.extend([symbol(n >> 18), symbol(n >> 12), symbol(n >> 6), symbol(n)]);
    }
    match *chunks.remainder() {
        [a] => {
            let n = u32::from(a) << 16;
            out.extend([symbol(n >> 18), symbol(n >> 12)]);
            if pad {
                out.push_str("==");
            }
        }
        [a, b] => {
            let n = u32::from(a) << 16 | u32::from(b) << 8;
            out.extend([symbol(n >> 18), symbol(n >> 12), symbol(n >> 6)]);
            if pad {
                out.push('=');
            }
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// One byte at a time, as RFC 4648 reads: the oracle of the four-symbol
    /// fast path in [`decode`].
    fn bytewise(input: &str, alphabet: Alphabet) -> Result<Vec<u8>, Base64Error> {
        let table = alphabet.table();
        let (mut out, mut acc, mut pending, mut symbols, mut padding) = (Vec::new(), 0u32, 0, 0, 0);
        for (offset, &byte) in input.as_bytes().iter().enumerate() {
            if alphabet.ignores(byte) {
                continue;
            }
            if byte == b'=' {
                padding += 1;
                continue;
            }
            let value = table[byte as usize];
            if value == INVALID || padding > 0 {
                return Err(Base64Error::InvalidCharacter { offset });
            }
            symbols += 1;
            acc = (acc << 6) | u32::from(value);
            pending += 1;
            if pending == 4 {
                out.extend_from_slice(&[(acc >> 16) as u8, (acc >> 8) as u8, acc as u8]);
                (acc, pending) = (0, 0);
            }
        }
        match pending {
            0 => {}
            1 => return Err(Base64Error::InvalidLength),
            2 => out.push((acc >> 4) as u8),
            _ => out.extend_from_slice(&[(acc >> 10) as u8, (acc >> 2) as u8]),
        }
        if padding > 0 && (symbols % 4 == 0 || (symbols + padding) % 4 != 0) {
            return Err(Base64Error::InvalidPadding);
        }
        Ok(out)
    }

    proptest! {
        #[test]
        fn four_at_a_time_decodes_as_one_at_a_time(
            input in "[A-Za-z0-9+/_=\\- \r\n\t*é]{0,80}",
            url_safe in any::<bool>(),
        ) {
            let alphabet = if url_safe { Alphabet::UrlSafe } else { Alphabet::Standard };
            prop_assert_eq!(decode(&input, alphabet), bytewise(&input, alphabet));
        }

        #[test]
        fn encoded_bytes_decode_back(bytes in proptest::collection::vec(any::<u8>(), 0..200), pad in any::<bool>()) {
            for alphabet in [Alphabet::Standard, Alphabet::UrlSafe] {
                prop_assert_eq!(decode(&encode(&bytes, alphabet, pad), alphabet), Ok(bytes.clone()));
            }
        }
    }

    /// RFC 4648 §10.
    const VECTORS: &[(&str, &str)] = &[
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ];

    #[test]
    fn rfc4648_vectors_both_alphabets_with_and_without_padding() {
        for &(plain, encoded) in VECTORS {
            let unpadded = encoded.trim_end_matches('=');
            for alphabet in [Alphabet::Standard, Alphabet::UrlSafe] {
                assert_eq!(encode(plain.as_bytes(), alphabet, true), encoded);
                assert_eq!(encode(plain.as_bytes(), alphabet, false), unpadded);
                assert_eq!(decode(encoded, alphabet).unwrap(), plain.as_bytes());
                assert_eq!(decode(unpadded, alphabet).unwrap(), plain.as_bytes());
            }
        }
    }

    #[test]
    fn alphabets_differ_in_two_symbols() {
        let bytes = [0xfb, 0xef, 0xff];
        assert_eq!(encode(&bytes, Alphabet::Standard, true), "++//");
        assert_eq!(encode(&bytes, Alphabet::UrlSafe, true), "--__");
        assert_eq!(decode("++//", Alphabet::Standard).unwrap(), bytes);
        assert_eq!(decode("--__", Alphabet::UrlSafe).unwrap(), bytes);
        assert_eq!(
            decode("--__", Alphabet::Standard),
            Err(Base64Error::InvalidCharacter { offset: 0 })
        );
        assert_eq!(
            decode("++//", Alphabet::UrlSafe),
            Err(Base64Error::InvalidCharacter { offset: 0 })
        );
    }

    #[test]
    fn whitespace_only_for_standard() {
        assert_eq!(
            decode(" Zm9v\tYm\r\nFy \n", Alphabet::Standard).unwrap(),
            b"foobar"
        );
        assert_eq!(decode("Zm9vYg=\n=\n", Alphabet::Standard).unwrap(), b"foob");
        assert_eq!(decode(" \r\n", Alphabet::Standard).unwrap(), b"");
        assert_eq!(
            decode("Zm9v\nYmFy", Alphabet::UrlSafe),
            Err(Base64Error::InvalidCharacter { offset: 4 })
        );
        // Other whitespace is not ignored.
        assert_eq!(
            decode("Zm9v\u{0b}YmFy", Alphabet::Standard),
            Err(Base64Error::InvalidCharacter { offset: 4 })
        );
    }

    #[test]
    fn bad_characters_report_their_offset() {
        assert_eq!(
            decode("Zm9v*mFy", Alphabet::Standard),
            Err(Base64Error::InvalidCharacter { offset: 4 })
        );
        assert_eq!(
            decode("Zmé9", Alphabet::Standard),
            Err(Base64Error::InvalidCharacter { offset: 2 })
        );
        assert_eq!(
            decode("Zg==Zg==", Alphabet::Standard),
            Err(Base64Error::InvalidCharacter { offset: 4 })
        );
    }

    #[test]
    fn bad_lengths_and_padding() {
        assert_eq!(
            decode("Z", Alphabet::Standard),
            Err(Base64Error::InvalidLength)
        );
        assert_eq!(
            decode("Zm9vY", Alphabet::UrlSafe),
            Err(Base64Error::InvalidLength)
        );
        assert_eq!(
            decode("Zm9vY===", Alphabet::UrlSafe),
            Err(Base64Error::InvalidLength)
        );
        assert_eq!(
            decode("Zg=", Alphabet::Standard),
            Err(Base64Error::InvalidPadding)
        );
        assert_eq!(
            decode("Zg===", Alphabet::Standard),
            Err(Base64Error::InvalidPadding)
        );
        assert_eq!(
            decode("Zm8==", Alphabet::Standard),
            Err(Base64Error::InvalidPadding)
        );
        assert_eq!(
            decode("Zm9v=", Alphabet::Standard),
            Err(Base64Error::InvalidPadding)
        );
        assert_eq!(
            decode("====", Alphabet::Standard),
            Err(Base64Error::InvalidPadding)
        );
        assert_eq!(
            decode("=", Alphabet::UrlSafe),
            Err(Base64Error::InvalidPadding)
        );
    }

    #[test]
    fn non_canonical_trailing_bits_are_accepted() {
        assert_eq!(decode("QR==", Alphabet::Standard).unwrap(), b"A");
        assert_eq!(decode("QUJ", Alphabet::UrlSafe).unwrap(), b"AB");
        assert_eq!(decode("QUL", Alphabet::UrlSafe).unwrap(), b"AB");
    }

    #[test]
    fn errors_do_not_show_the_input() {
        for input in ["secret*value", "secretval", "secret=value"] {
            let err = decode(input, Alphabet::Standard).unwrap_err();
            assert!(!format!("{err}").contains("secret"));
            assert!(!format!("{err:?}").contains("secret"));
        }
    }
}

//! Reading inputs: a file or standard input (`-`), never more than the size
//! limit plus one byte, so that a larger input is reported without being
//! kept.

use crate::Fatal;
use std::io::{self, Read};

/// `-` is standard input; anything else a file path.
pub fn open(file: &str) -> Result<Box<dyn Read>, Fatal> {
    if file == "-" {
        Ok(Box::new(io::stdin().lock()))
    } else {
        let opened = std::fs::File::open(file).map_err(|e| Fatal(format!("{file}: {e}")))?;
        Ok(Box::new(opened))
    }
}

/// Read `file` up to `limit + 1` bytes: a longer input comes back with
/// `limit + 1` bytes, which the checker reports as too large.
pub fn read_bounded(file: &str, limit: usize) -> Result<Vec<u8>, Fatal> {
    let mut bytes = Vec::new();
    // The limit is at most MAX_BYTES (cmd.rs), so `+ 1` cannot overflow.
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    open(file)?
        .take(cap)
        .read_to_end(&mut bytes)
        .map_err(|e| Fatal(format!("{file}: {e}")))?;
    Ok(bytes)
}

/// The pool of `--pool` as text. A pool over the size limit is passed on
/// (the checker reports it as too large under `/pool`) even when the cut
/// falls inside a multi-byte character; within the limit it must be UTF-8.
pub fn read_pool(file: &str, limit: usize) -> Result<String, Fatal> {
    let bytes = read_bounded(file, limit)?;
    if bytes.len() > limit {
        // Too large whatever it holds: only its length matters, and a
        // replaced partial character never makes it shorter.
        return Ok(String::from_utf8_lossy(&bytes).into_owned());
    }
    String::from_utf8(bytes).map_err(|_| Fatal(format!("{file}: the pool is not UTF-8")))
}

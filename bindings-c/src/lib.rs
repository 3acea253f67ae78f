//! The C ABI of idpool: `libidpool.a` / `libidpool.so` with
//! `include/idpool.h`.
//!
//! Every symbol starts with `idpool_`. The wrapper only converts between C
//! and the core; every rule lives in the `idpool` crate.

use std::ffi::c_char;

/// NUL-terminated version string, with the lifetime of the program.
static VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");

/// The library version as a NUL-terminated UTF-8 string, e.g. `"0.1.0"`.
///
/// The string is static: the caller must not free or modify it.
#[unsafe(no_mangle)]
pub extern "C" fn idpool_version() -> *const c_char {
    VERSION.as_ptr().cast()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn version_is_nul_terminated_and_matches_the_core() {
        // SAFETY: idpool_version returns a pointer to a static NUL-terminated string.
        let text = unsafe { CStr::from_ptr(idpool_version()) };
        assert_eq!(text.to_str().unwrap(), idpool::VERSION);
    }
}

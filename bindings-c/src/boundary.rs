//! The boundary every export crosses: panics are caught, NULL pointers
//! refused, C buffers borrowed as Rust slices and Rust text handed out as
//! NUL-terminated C text.
//!
//! Every `extern "C"` function's body runs inside [`ffi_result!`] (for
//! functions returning [`idpool_result`]) or [`ffi_value!`] (for the few
//! infallible getters), so no panic ever unwinds into C. Out-parameters are
//! written only at the very end of a successful call, so a caught panic
//! leaves nothing half-written.

use crate::result::idpool_result;
use std::ffi::c_char;

/// The value a non-`idpool_result` export returns when its body panicked.
pub(crate) trait Fallback {
    /// The value returned after a caught panic.
    fn panicked() -> Self;
}

impl Fallback for bool {
    fn panicked() -> bool {
        false
    }
}

impl Fallback for usize {
    fn panicked() -> usize {
        0
    }
}

impl Fallback for () {
    fn panicked() {}
}

impl<T> Fallback for *const T {
    fn panicked() -> *const T {
        std::ptr::null()
    }
}

/// Runs a body returning `Result<idpool_result, idpool_result>` and turns it
/// into an `idpool_result`: `Ok(code)` and `Err(code)` give `code`, a panic
/// gives `IDPOOL_RESULT_PANIC`.
///
/// The body is a closure, so `return` and `?` leave the body, not the
/// export. `AssertUnwindSafe` is sound here: after a panic the export
/// returns at once and no state observed by the caller was modified
/// (out-parameters are written last, handles are immutable).
macro_rules! ffi_result {
    ($body:block) => {
        match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(
                                                    || -> ::std::result::Result<
                                                        $crate::result::idpool_result,
                                                        $crate::result::idpool_result,
                                                    > { $body },
                                                )) {
                                                    Ok(Ok(code) | Err(code)) => code,
                                                    Err(_) => $crate::result::idpool_result::Panic,
                                                }
    };
}

/// Runs a body returning a plain value; a panic gives the type's
/// [`Fallback`] (false, 0, NULL).
macro_rules! ffi_value {
    ($body:block) => {
        match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| $body)) {
            Ok(value) => value,
            Err(_) => $crate::boundary::Fallback::panicked(),
        }
    };
}

/// `Err(IDPOOL_RESULT_NULL_PARAMETER)` when any of the pointers is NULL.
/// Every function checks all its pointers first, so a NULL argument is
/// reported before any other problem.
macro_rules! non_null {
    ($($pointer:expr),+ $(,)?) => {
        $(
            if $pointer.is_null() {
                return Err($crate::result::idpool_result::NullParameter);
            }
        )+
    };
}

pub(crate) use {ffi_result, ffi_value, non_null};

/// Borrow `len` bytes at `ptr` (already checked non-NULL).
///
/// A length over `isize::MAX` cannot describe real memory and gives
/// `IDPOOL_RESULT_INPUT_TOO_LARGE`.
///
/// # Safety
///
/// `ptr` must be non-NULL and point to `len` readable bytes that stay valid
/// and unmodified for `'a`.
pub(crate) unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8], idpool_result> {
    if ptr.is_null() {
        return Err(idpool_result::NullParameter);
    }
    if isize::try_from(len).is_err() {
        return Err(idpool_result::InputTooLarge);
    }
    // SAFETY: `ptr` is non-NULL, the caller guarantees `len` readable bytes
    // valid for 'a, and `len` fits `isize` (checked above).
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// Borrow `len` bytes at `ptr` as UTF-8 text; `IDPOOL_RESULT_INVALID_UTF8`
/// when they are not.
///
/// # Safety
///
/// As for [`bytes`].
pub(crate) unsafe fn text<'a>(ptr: *const u8, len: usize) -> Result<&'a str, idpool_result> {
    // SAFETY: the caller's guarantee, passed on.
    let bytes = unsafe { bytes(ptr, len) }?;
    std::str::from_utf8(bytes).map_err(|_| idpool_result::InvalidUtf8)
}

/// Borrow the object behind a handle.
///
/// # Safety
///
/// `ptr` must be NULL or a live handle of type `T` made by this library,
/// not freed while the reference is used.
pub(crate) unsafe fn handle<'a, T>(ptr: *const T) -> Result<&'a T, idpool_result> {
    // SAFETY: the caller guarantees `ptr` is NULL or a live, aligned `T`.
    unsafe { ptr.as_ref() }.ok_or(idpool_result::NullParameter)
}

/// Move `value` to the heap and hand it to C through `out`.
///
/// # Safety
///
/// `out` must be non-NULL, aligned and writable.
pub(crate) unsafe fn give<T>(out: *mut *mut T, value: T) {
    let raw = Box::into_raw(Box::new(value));
    // SAFETY: the caller guarantees `out` is writable.
    unsafe { out.write(raw) };
}

/// Take back a handle made by [`give`] and drop it. NULL is a no-op.
///
/// # Safety
///
/// `ptr` must be NULL or a handle of type `T` made by [`give`] and not
/// freed yet; it must not be used afterwards.
pub(crate) unsafe fn take<T>(ptr: *mut T) {
    if !ptr.is_null() {
        // SAFETY: the caller guarantees `ptr` came from `Box::into_raw` in
        // `give` and is freed only once.
        drop(unsafe { Box::from_raw(ptr) });
    }
}

/// Text owned by a handle, stored with a NUL terminator so C can use it as
/// a C string; its length (without the NUL) is given too, because the text
/// itself may contain NUL characters (a message echoing an input value).
#[derive(Debug)]
pub(crate) struct CText(Box<str>);

impl CText {
    /// A NUL-terminated copy of `s`.
    pub(crate) fn new(s: &str) -> CText {
        CText::from(s.to_owned())
    }

    /// The text, without the terminating NUL.
    #[cfg(test)]
    pub(crate) fn as_str(&self) -> &str {
        &self.0[..self.len()]
    }

    /// The length in bytes, without the terminating NUL.
    pub(crate) fn len(&self) -> usize {
        self.0.len() - 1
    }

    /// Write the text's address and length to two out-parameters.
    ///
    /// # Safety
    ///
    /// Both pointers must be non-NULL, aligned and writable.
    pub(crate) unsafe fn give(&self, ptr_out: *mut *const c_char, len_out: *mut usize) {
        // SAFETY: the caller guarantees both are writable.
        unsafe {
            ptr_out.write(self.0.as_ptr().cast::<c_char>());
            len_out.write(self.len());
        }
    }
}

impl From<String> for CText {
    fn from(mut s: String) -> CText {
        s.push('\0');
        CText(s.into_boxed_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_the_panic_code_or_the_fallback() {
        let code = ffi_result!({
            if idpool::VERSION.is_empty() {
                return Ok(idpool_result::Ok);
            }
            panic!("a deliberate panic in a test");
        });
        assert_eq!(code, idpool_result::Panic);
        let count: usize = ffi_value!({ panic!("a deliberate panic in a test") });
        assert_eq!(count, 0);
        let pointer: *const c_char = ffi_value!({ panic!("a deliberate panic in a test") });
        assert!(pointer.is_null());
    }

    #[test]
    fn errors_and_successes_pass_through() {
        let failed = ffi_result!({ Err(idpool_result::IndexOutOfRange) });
        assert_eq!(failed, idpool_result::IndexOutOfRange);
        let invalid = ffi_result!({ Ok(idpool_result::Invalid) });
        assert_eq!(invalid, idpool_result::Invalid);
    }

    #[test]
    fn buffers_are_checked() {
        // SAFETY: NULL is refused before any read.
        let null = unsafe { bytes(std::ptr::null(), 0) };
        assert_eq!(null, Err(idpool_result::NullParameter));
        let data = [0xffu8, b'a'];
        // SAFETY: the length is refused before any read.
        let huge = unsafe { bytes(data.as_ptr(), usize::MAX) };
        assert_eq!(huge, Err(idpool_result::InputTooLarge));
        // SAFETY: `data` has 2 readable bytes.
        let not_utf8 = unsafe { text(data.as_ptr(), 2) };
        assert_eq!(not_utf8, Err(idpool_result::InvalidUtf8));
        // SAFETY: `data` has 2 readable bytes; the second is read.
        let utf8 = unsafe { text(data.as_ptr().add(1), 1) };
        assert_eq!(utf8, Ok("a"));
    }

    #[test]
    fn c_text_keeps_embedded_nuls_and_ends_with_one() {
        let text = CText::new("a\0b");
        assert_eq!(text.len(), 3);
        assert_eq!(text.as_str(), "a\0b");
        let mut ptr: *const c_char = std::ptr::null();
        let mut len = 0usize;
        // SAFETY: both out-parameters are local variables.
        unsafe { text.give(&mut ptr, &mut len) };
        // SAFETY: `ptr` points to `len + 1` bytes owned by `text`.
        let all = unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len + 1) };
        assert_eq!(all, b"a\0b\0");
    }
}

//! Quick checks of identity pool ids and identity ids, with the region
//! copied out.

use crate::boundary::{self, ffi_result, non_null};
use crate::result::idpool_result;
use idpool::{IdError, IdentityId, IdentityPoolId};
use std::ffi::c_char;
use std::str::FromStr;

/// The result code for each reason an id is malformed.
fn code(error: &IdError) -> idpool_result {
    match error {
        IdError::MissingSeparator => idpool_result::IdMissingSeparator,
        IdError::InvalidRegion => idpool_result::IdInvalidRegion,
        IdError::InvalidGuid => idpool_result::IdInvalidGuid,
        _ => idpool_result::IdInvalid,
    }
}

/// The body of both parsers: the core's `FromStr` decides, then the
/// region is copied out.
///
/// # Safety
///
/// As documented on `idpool_identity_pool_id_parse`.
unsafe fn parse<T: FromStr<Err = IdError>>(
    id: *const u8,
    id_len: usize,
    region_out: *mut c_char,
    region_cap: usize,
    region_len_out: *mut usize,
    region_of: fn(&T) -> &str,
) -> idpool_result {
    ffi_result!({
        non_null!(id, region_out, region_len_out);
        // SAFETY: the caller guarantees `id_len` readable bytes.
        let id = unsafe { boundary::text(id, id_len) }?;
        let parsed = T::from_str(id).map_err(|e| code(&e))?;
        let region = region_of(&parsed).as_bytes();
        if region.len() >= region_cap {
            return Err(idpool_result::BufferTooSmall);
        }
        // SAFETY: the caller guarantees `region_cap` writable bytes at
        // `region_out`, and `region.len() + 1 <= region_cap`; the region is
        // a fresh string, so the ranges do not overlap. `region_len_out`
        // was checked non-NULL and is writable.
        unsafe {
            std::ptr::copy_nonoverlapping(region.as_ptr(), region_out.cast::<u8>(), region.len());
            region_out.add(region.len()).write(0);
            region_len_out.write(region.len());
        }
        Ok(idpool_result::Ok)
    })
}

/// Check an identity pool id (`<region>:<guid>`, e.g.
/// `us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`) and copy its region.
///
/// `id` is `id_len` bytes of UTF-8. On `IDPOOL_RESULT_OK`, the region
/// (`us-east-1`) and a NUL are written to `region_out`, a buffer of
/// `region_cap` bytes, and its length without the NUL to
/// `*region_len_out`; the GUID is the rest of `id` after
/// `*region_len_out + 1` bytes. A buffer of `id_len + 1` bytes always
/// suffices. Otherwise nothing is written and the result says why:
/// `IDPOOL_RESULT_ID_MISSING_SEPARATOR`, `IDPOOL_RESULT_ID_INVALID_REGION`,
/// `IDPOOL_RESULT_ID_INVALID_GUID`, `IDPOOL_RESULT_ID_INVALID`,
/// `IDPOOL_RESULT_BUFFER_TOO_SMALL` (the id is valid but the region and
/// its NUL do not fit), `IDPOOL_RESULT_INVALID_UTF8`,
/// `IDPOOL_RESULT_NULL_PARAMETER`, `IDPOOL_RESULT_PANIC`.
///
/// This is the typed id's own check (region shape, lowercase GUID); a
/// report from `idpool_check` adds the model's length and pattern.
///
/// # Safety
///
/// `id` must point to `id_len` readable bytes, `region_out` to
/// `region_cap` writable bytes, and `region_len_out` must be writable.
///
/// Ownership: the caller owns every buffer; the library only borrows them
/// during the call and allocates nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_identity_pool_id_parse(
    id: *const u8,
    id_len: usize,
    region_out: *mut c_char,
    region_cap: usize,
    region_len_out: *mut usize,
) -> idpool_result {
    // SAFETY: the caller's guarantees, passed on.
    unsafe {
        parse::<IdentityPoolId>(
            id,
            id_len,
            region_out,
            region_cap,
            region_len_out,
            IdentityPoolId::region_str,
        )
    }
}

/// Check an identity id (`<region>:<guid>`, as `GetId` returns it) and
/// copy its region. Arguments and results as for
/// `idpool_identity_pool_id_parse`.
///
/// # Safety
///
/// `id` must point to `id_len` readable bytes, `region_out` to
/// `region_cap` writable bytes, and `region_len_out` must be writable.
///
/// Ownership: the caller owns every buffer; the library only borrows them
/// during the call and allocates nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_identity_id_parse(
    id: *const u8,
    id_len: usize,
    region_out: *mut c_char,
    region_cap: usize,
    region_len_out: *mut usize,
) -> idpool_result {
    // SAFETY: the caller's guarantees, passed on.
    unsafe {
        parse::<IdentityId>(
            id,
            id_len,
            region_out,
            region_cap,
            region_len_out,
            IdentityId::region_str,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;

    /// Parse with a buffer of `cap` bytes; the region or the code, and
    /// whether the buffer was left untouched.
    fn pool_id(id: &[u8], cap: usize) -> (Result<String, idpool_result>, bool) {
        let mut buffer = [0x55u8; 32];
        let mut len = usize::MAX;
        // SAFETY: `buffer` has 32 >= cap writable bytes; `len` is a local.
        let code = unsafe {
            idpool_identity_pool_id_parse(
                id.as_ptr(),
                id.len(),
                buffer.as_mut_ptr().cast::<c_char>(),
                cap,
                &mut len,
            )
        };
        let untouched = buffer.iter().all(|&b| b == 0x55) && len == usize::MAX;
        if code != idpool_result::Ok {
            return (Err(code), untouched);
        }
        assert_eq!(buffer[len], 0);
        (
            Ok(String::from_utf8(buffer[..len].to_vec()).unwrap()),
            untouched,
        )
    }

    #[test]
    fn the_region_is_copied_with_a_nul() {
        let id = b"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
        assert_eq!(pool_id(id, 32).0, Ok("us-east-1".to_string()));
        assert_eq!(pool_id(id, 10).0, Ok("us-east-1".to_string()));
        assert_eq!(pool_id(id, 9), (Err(idpool_result::BufferTooSmall), true));
    }

    #[test]
    fn malformed_ids_give_their_reason_and_write_nothing() {
        for (id, expected) in [
            (
                &b"us-east-1_AbCdEfGhI"[..],
                idpool_result::IdMissingSeparator,
            ),
            (
                b"useast1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
                idpool_result::IdInvalidRegion,
            ),
            (
                b"us-east-1:0F1E2D3C-4b5a-6978-8796-a5b4c3d2e1f0",
                idpool_result::IdInvalidGuid,
            ),
            (b"us-east-1:\xff", idpool_result::InvalidUtf8),
        ] {
            assert_eq!(pool_id(id, 32), (Err(expected), true));
        }
    }

    #[test]
    fn identity_ids_and_nulls() {
        let id = b"eu-west-2:5a7d74f5-93d8-4586-b59c-8f2a25d9f696";
        let mut buffer = [0u8; 16];
        let mut len = 0usize;
        // SAFETY: live buffers; NULL pointers are refused before any access.
        unsafe {
            assert_eq!(
                idpool_identity_id_parse(
                    id.as_ptr(),
                    id.len(),
                    buffer.as_mut_ptr().cast(),
                    16,
                    &mut len
                ),
                idpool_result::Ok
            );
            assert_eq!(&buffer[..=len], b"eu-west-2\0");
            assert_eq!(
                idpool_identity_id_parse(ptr::null(), 0, buffer.as_mut_ptr().cast(), 16, &mut len),
                idpool_result::NullParameter
            );
            assert_eq!(
                idpool_identity_pool_id_parse(id.as_ptr(), id.len(), ptr::null_mut(), 16, &mut len),
                idpool_result::NullParameter
            );
            assert_eq!(
                idpool_identity_pool_id_parse(
                    id.as_ptr(),
                    id.len(),
                    buffer.as_mut_ptr().cast(),
                    16,
                    ptr::null_mut()
                ),
                idpool_result::NullParameter
            );
        }
    }
}

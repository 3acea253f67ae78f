//! The result codes every fallible function returns.

use crate::boundary::ffi_value;
use std::ffi::c_char;

/// What a call did. `IDPOOL_RESULT_OK` is 0; every other value is a reason.
///
/// The numbers are part of the ABI: a code keeps its number and meaning
/// forever, and a retired code's number is never reused. New codes may be
/// added, so treat an unknown value like any other failure
/// (`idpool_result_str` names it "unknown result code").
///
/// Ownership: a plain value; there is nothing to free.
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum idpool_result {
    /// Success. For a check, plan or resolution: the report is written and
    /// its `ok` is true.
    Ok = 0,
    /// The input has errors. The report is still written (this counts as
    /// success for the out-parameter) and lists them.
    Invalid = 1,
    /// A required pointer argument was NULL. Nothing was written.
    NullParameter = 2,
    /// A text argument is not UTF-8. Nothing was written.
    InvalidUtf8 = 3,
    /// The target is neither an operation nor a shape of the model. Nothing
    /// was written.
    UnknownTarget = 4,
    /// An input is larger than the library accepts without reading it (a
    /// SAML response over 1 MiB decoded, or a length over `PTRDIFF_MAX`).
    /// JSON documents over the checker's limit are not refused with this
    /// code: their report carries a `syntax` issue (`IDPOOL_RESULT_INVALID`).
    InputTooLarge = 5,
    /// A bug in idpool: the call panicked and the panic was caught at the
    /// boundary. Nothing was written; the library remains usable.
    Panic = 6,
    /// An accessor's index is not below the item count. Nothing was written.
    IndexOutOfRange = 7,
    /// The report has no such member (no `normalized`, `decision` or
    /// `plan`). Nothing was written.
    Absent = 8,
    /// The caller's buffer cannot hold the result and its NUL terminator.
    /// Nothing was written.
    BufferTooSmall = 9,
    /// An id without the `:` between its region and its GUID.
    IdMissingSeparator = 10,
    /// An id whose region part is not a region such as `us-east-1`.
    IdInvalidRegion = 11,
    /// An id whose part after `:` is not a lowercase 8-4-4-4-12 hexadecimal
    /// GUID.
    IdInvalidGuid = 12,
    /// An id that is malformed for a reason newer than this list.
    IdInvalid = 13,
    /// The SAML response is not standard base64.
    SamlNotBase64 = 14,
    /// The decoded SAML response is not UTF-8.
    SamlNotUtf8 = 15,
    /// The decoded SAML response is not well-formed XML (or nests too deep).
    SamlNotXml = 16,
    /// The SAML response has a DOCTYPE declaration; none is accepted.
    SamlDoctype = 17,
    /// The SAML response's root element is not a SAML protocol `Response`.
    SamlNotAResponse = 18,
    /// The SAML response's assertions are all encrypted.
    SamlEncrypted = 19,
    /// The SAML response cannot be read for a reason newer than this list.
    SamlInvalid = 20,
    /// A limit given to an `idpool_checker_set_*` function is outside the
    /// accepted range (zero, or above the documented ceiling); the checker
    /// keeps its previous limits.
    LimitOutOfRange = 21,
}

impl idpool_result {
    /// Every code, in numeric order.
    pub(crate) const ALL: [idpool_result; 22] = [
        idpool_result::Ok,
        idpool_result::Invalid,
        idpool_result::NullParameter,
        idpool_result::InvalidUtf8,
        idpool_result::UnknownTarget,
        idpool_result::InputTooLarge,
        idpool_result::Panic,
        idpool_result::IndexOutOfRange,
        idpool_result::Absent,
        idpool_result::BufferTooSmall,
        idpool_result::IdMissingSeparator,
        idpool_result::IdInvalidRegion,
        idpool_result::IdInvalidGuid,
        idpool_result::IdInvalid,
        idpool_result::SamlNotBase64,
        idpool_result::SamlNotUtf8,
        idpool_result::SamlNotXml,
        idpool_result::SamlDoctype,
        idpool_result::SamlNotAResponse,
        idpool_result::SamlEncrypted,
        idpool_result::SamlInvalid,
        idpool_result::LimitOutOfRange,
    ];

    /// The code for a raw number, if it is one.
    pub(crate) fn from_u32(value: u32) -> Option<idpool_result> {
        idpool_result::ALL
            .iter()
            .copied()
            .find(|r| *r as u32 == value)
    }

    /// A NUL-terminated description, static.
    pub(crate) fn text(self) -> &'static str {
        match self {
            idpool_result::Ok => "ok\0",
            idpool_result::Invalid => "invalid: the input has errors; the report lists them\0",
            idpool_result::NullParameter => "a required pointer argument was NULL\0",
            idpool_result::InvalidUtf8 => "a text argument is not UTF-8\0",
            idpool_result::UnknownTarget => {
                "unknown target: not an operation or shape of the model\0"
            }
            idpool_result::InputTooLarge => "the input is too large\0",
            idpool_result::Panic => "internal error: idpool panicked (please report this bug)\0",
            idpool_result::IndexOutOfRange => "index out of range\0",
            idpool_result::Absent => "the report has no such member\0",
            idpool_result::BufferTooSmall => "the buffer is too small\0",
            idpool_result::IdMissingSeparator => "expected <region>:<guid>, but there is no ':'\0",
            idpool_result::IdInvalidRegion => "the region part is not a region such as us-east-1\0",
            idpool_result::IdInvalidGuid => {
                "the part after ':' is not a lowercase 8-4-4-4-12 hexadecimal GUID\0"
            }
            idpool_result::IdInvalid => "the id is malformed\0",
            idpool_result::SamlNotBase64 => "the SAML response is not base64\0",
            idpool_result::SamlNotUtf8 => "the decoded SAML response is not UTF-8\0",
            idpool_result::SamlNotXml => "the SAML response is not well-formed XML\0",
            idpool_result::SamlDoctype => {
                "the SAML response has a DOCTYPE declaration, which is not accepted\0"
            }
            idpool_result::SamlNotAResponse => {
                "the root element of the SAML response is not Response\0"
            }
            idpool_result::SamlEncrypted => {
                "the SAML assertion is encrypted, so its attributes cannot be read\0"
            }
            idpool_result::SamlInvalid => "the SAML response cannot be read\0",
            idpool_result::LimitOutOfRange => {
                "the limit is outside the accepted range (zero, or above its ceiling)\0"
            }
        }
    }
}

/// Text for a result code not in this version's list.
const UNKNOWN: &str = "unknown result code\0";

/// A short English description of `result`, e.g. `"index out of range"`.
///
/// Any value is accepted: one that is not a code of this version gives
/// `"unknown result code"`. Never returns NULL.
///
/// Ownership: the string is static; the caller must not free or modify it.
#[unsafe(no_mangle)]
pub extern "C" fn idpool_result_str(result: u32) -> *const c_char {
    ffi_value!({
        let text = idpool_result::from_u32(result).map_or(UNKNOWN, idpool_result::text);
        text.as_ptr().cast::<c_char>()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn codes_are_numbered_in_order_without_gaps() {
        for (number, code) in idpool_result::ALL.iter().enumerate() {
            assert_eq!(*code as u32, number as u32);
            assert_eq!(idpool_result::from_u32(number as u32), Some(*code));
        }
        assert_eq!(
            idpool_result::from_u32(idpool_result::ALL.len() as u32),
            None
        );
    }

    #[test]
    fn every_code_has_its_own_nul_terminated_text() {
        let mut seen = Vec::new();
        for code in idpool_result::ALL {
            let text = code.text();
            assert!(text.ends_with('\0'), "{code:?}");
            assert_eq!(text.matches('\0').count(), 1, "{code:?}");
            assert!(!seen.contains(&text), "{code:?} repeats a text");
            seen.push(text);
        }
    }

    #[test]
    fn result_str_names_unknown_values() {
        // SAFETY: idpool_result_str returns static NUL-terminated strings.
        let known = unsafe { CStr::from_ptr(idpool_result_str(7)) };
        assert_eq!(known.to_str().unwrap(), "index out of range");
        // SAFETY: as above.
        let unknown = unsafe { CStr::from_ptr(idpool_result_str(u32::MAX)) };
        assert_eq!(unknown.to_str().unwrap(), "unknown result code");
    }
}

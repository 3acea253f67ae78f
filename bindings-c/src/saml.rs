//! `idpool_saml_roles`: the roles a SAML response offers, for a role picker.

use crate::boundary::{self, CText, ffi_result, ffi_value, non_null};
use crate::result::idpool_result;
use idpool::saml::SamlError;
use std::ffi::c_char;

/// The roles a SAML response offers, in document order: pairs of an IAM
/// role ARN and the SAML provider ARN that may assume it. Opaque; made by
/// `idpool_saml_roles`, read with the `idpool_saml_role_list_*` accessors,
/// released with `idpool_saml_role_list_free`.
///
/// A list never changes after it is made, so it may be read from several
/// threads at once. Every text it hands out is NUL-terminated and stays
/// valid until `idpool_saml_role_list_free`.
///
/// Ownership: made by `idpool_saml_roles` and owned by the caller, who
/// releases it with `idpool_saml_role_list_free` (never `free()`).
#[allow(non_camel_case_types)]
#[derive(Debug)]
pub struct idpool_saml_role_list {
    roles: Vec<(CText, CText)>,
    json: CText,
}

/// The result code for each reason a response cannot be read.
fn code(error: &SamlError) -> idpool_result {
    match error {
        SamlError::Base64 => idpool_result::SamlNotBase64,
        SamlError::NotUtf8 => idpool_result::SamlNotUtf8,
        SamlError::Xml { .. } => idpool_result::SamlNotXml,
        SamlError::Doctype => idpool_result::SamlDoctype,
        SamlError::NotAResponse => idpool_result::SamlNotAResponse,
        SamlError::Encrypted => idpool_result::SamlEncrypted,
        SamlError::TooLarge => idpool_result::InputTooLarge,
        _ => idpool_result::SamlInvalid,
    }
}

/// Read the roles a base64 SAML response offers (its
/// `https://aws.amazon.com/SAML/Attributes/Role` attribute), decoded and
/// **not verified**: no signature is checked.
///
/// `response` is the base64 text as a browser posts it (`SAMLResponse`),
/// `response_len` bytes. Returns `IDPOOL_RESULT_OK` and writes a new list
/// (possibly empty) to `*roles_out`. Otherwise nothing is written and the
/// result says why: `IDPOOL_RESULT_SAML_NOT_BASE64`,
/// `IDPOOL_RESULT_SAML_NOT_UTF8`, `IDPOOL_RESULT_SAML_NOT_XML`,
/// `IDPOOL_RESULT_SAML_DOCTYPE`, `IDPOOL_RESULT_SAML_NOT_A_RESPONSE`,
/// `IDPOOL_RESULT_SAML_ENCRYPTED`, `IDPOOL_RESULT_SAML_INVALID`,
/// `IDPOOL_RESULT_INPUT_TOO_LARGE` (over 1 MiB decoded),
/// `IDPOOL_RESULT_INVALID_UTF8`, `IDPOOL_RESULT_NULL_PARAMETER`,
/// `IDPOOL_RESULT_PANIC`.
///
/// # Safety
///
/// `response` must point to `response_len` readable bytes; `roles_out`
/// must be writable.
///
/// Ownership: the input is only borrowed during the call; the caller owns
/// the new `*roles_out` and must release it with
/// `idpool_saml_role_list_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_saml_roles(
    response: *const u8,
    response_len: usize,
    roles_out: *mut *mut idpool_saml_role_list,
) -> idpool_result {
    ffi_result!({
        non_null!(response, roles_out);
        // SAFETY: the caller guarantees `response_len` readable bytes.
        let response = unsafe { boundary::text(response, response_len) }?;
        let roles = idpool::saml_roles(response).map_err(|e| code(&e))?;
        let json = serde_json::to_string(&roles).expect("roles always serialize");
        let list = idpool_saml_role_list {
            roles: roles
                .iter()
                .map(|r| (CText::new(&r.role_arn), CText::new(&r.provider_arn)))
                .collect(),
            json: CText::from(json),
        };
        // SAFETY: `roles_out` was checked non-NULL; the caller guarantees it
        // is writable.
        unsafe { boundary::give(roles_out, list) };
        Ok(idpool_result::Ok)
    })
}

/// The number of roles in the list. NULL gives 0.
///
/// # Safety
///
/// `roles` must be NULL or a live list.
///
/// Ownership: `roles` is only borrowed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_saml_role_list_count(roles: *const idpool_saml_role_list) -> usize {
    ffi_value!({
        // SAFETY: the caller passes NULL or a live list.
        unsafe { boundary::handle(roles) }.map_or(0, |l| l.roles.len())
    })
}

/// The body of the two pair accessors.
///
/// # Safety
///
/// As documented on the accessors.
unsafe fn pair_text(
    roles: *const idpool_saml_role_list,
    index: usize,
    provider: bool,
    text_out: *mut *const c_char,
    len_out: *mut usize,
) -> idpool_result {
    ffi_result!({
        non_null!(roles, text_out, len_out);
        // SAFETY: the caller passes a live list (non-NULL, checked above).
        let list = unsafe { boundary::handle(roles) }?;
        let (role, provider_arn) = list
            .roles
            .get(index)
            .ok_or(idpool_result::IndexOutOfRange)?;
        let text = if provider { provider_arn } else { role };
        // SAFETY: both out-parameters were checked non-NULL; the caller
        // guarantees they are writable.
        unsafe { text.give(text_out, len_out) };
        Ok(idpool_result::Ok)
    })
}

/// The IAM role ARN of role `index`
/// (`arn:<partition>:iam::<account>:role/<name>`).
///
/// Writes the NUL-terminated text to `*arn_out` and its length in bytes
/// (without the NUL) to `*len_out`. `IDPOOL_RESULT_INDEX_OUT_OF_RANGE` when
/// `index` is not below `idpool_saml_role_list_count`.
///
/// # Safety
///
/// `roles` must be a live list; `arn_out` and `len_out` must be writable.
///
/// Ownership: the text belongs to the list and is valid until
/// `idpool_saml_role_list_free(roles)`; the caller must not free it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_saml_role_list_role_arn(
    roles: *const idpool_saml_role_list,
    index: usize,
    arn_out: *mut *const c_char,
    len_out: *mut usize,
) -> idpool_result {
    // SAFETY: the caller's guarantees, passed on.
    unsafe { pair_text(roles, index, false, arn_out, len_out) }
}

/// The SAML provider ARN of role `index`
/// (`arn:<partition>:iam::<account>:saml-provider/<name>`), the Logins key
/// to send with that role.
///
/// Writes the NUL-terminated text to `*arn_out` and its length in bytes
/// (without the NUL) to `*len_out`. `IDPOOL_RESULT_INDEX_OUT_OF_RANGE` when
/// `index` is not below `idpool_saml_role_list_count`.
///
/// # Safety
///
/// `roles` must be a live list; `arn_out` and `len_out` must be writable.
///
/// Ownership: the text belongs to the list and is valid until
/// `idpool_saml_role_list_free(roles)`; the caller must not free it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_saml_role_list_provider_arn(
    roles: *const idpool_saml_role_list,
    index: usize,
    arn_out: *mut *const c_char,
    len_out: *mut usize,
) -> idpool_result {
    // SAFETY: the caller's guarantees, passed on.
    unsafe { pair_text(roles, index, true, arn_out, len_out) }
}

/// The whole list as compact JSON, as the other bindings give it:
/// `[{"roleArn":"…","providerArn":"…"},…]`.
///
/// Writes the NUL-terminated text to `*json_out` and its length in bytes
/// (without the NUL) to `*len_out`.
///
/// # Safety
///
/// `roles` must be a live list; `json_out` and `len_out` must be writable.
///
/// Ownership: the text belongs to the list and is valid until
/// `idpool_saml_role_list_free(roles)`; the caller must not free it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_saml_role_list_json(
    roles: *const idpool_saml_role_list,
    json_out: *mut *const c_char,
    len_out: *mut usize,
) -> idpool_result {
    ffi_result!({
        non_null!(roles, json_out, len_out);
        // SAFETY: the caller passes a live list (non-NULL, checked above).
        let list = unsafe { boundary::handle(roles) }?;
        // SAFETY: both out-parameters were checked non-NULL; the caller
        // guarantees they are writable.
        unsafe { list.json.give(json_out, len_out) };
        Ok(idpool_result::Ok)
    })
}

/// Release a role list and every text it handed out. NULL is a no-op.
///
/// # Safety
///
/// `roles` must be NULL or a list made by `idpool_saml_roles` and not freed
/// yet. It must not be used afterwards.
///
/// Ownership: takes back ownership of `roles`; never pass a list to
/// `free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn idpool_saml_role_list_free(roles: *mut idpool_saml_role_list) {
    ffi_value!({
        // SAFETY: the caller passes NULL or a list from `boundary::give`,
        // freed only here and only once.
        unsafe { boundary::take(roles) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use idpool::base64::{Alphabet, encode};
    use std::ptr;

    const RESPONSE: &str = r#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"><saml:Assertion><saml:AttributeStatement><saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role"><saml:AttributeValue>arn:aws:iam::123456789012:saml-provider/Corp,arn:aws:iam::123456789012:role/Dev</saml:AttributeValue><saml:AttributeValue>arn:aws:iam::123456789012:role/Ops,arn:aws:iam::123456789012:saml-provider/Corp</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>"#;

    fn roles_of(base64: &[u8]) -> Result<*mut idpool_saml_role_list, idpool_result> {
        let mut list: *mut idpool_saml_role_list = ptr::null_mut();
        // SAFETY: a live slice and a local out-parameter.
        let code = unsafe { idpool_saml_roles(base64.as_ptr(), base64.len(), &mut list) };
        if code == idpool_result::Ok {
            Ok(list)
        } else {
            assert!(list.is_null(), "list written on {code:?}");
            Err(code)
        }
    }

    fn text(
        accessor: unsafe extern "C" fn(
            *const idpool_saml_role_list,
            usize,
            *mut *const c_char,
            *mut usize,
        ) -> idpool_result,
        list: *const idpool_saml_role_list,
        index: usize,
    ) -> Result<String, idpool_result> {
        let mut text: *const c_char = ptr::null();
        let mut len = 0usize;
        // SAFETY: locals as out-parameters; `list` is live.
        let code = unsafe { accessor(list, index, &mut text, &mut len) };
        if code != idpool_result::Ok {
            return Err(code);
        }
        // SAFETY: on success `text` points to `len` bytes and a NUL.
        let bytes = unsafe { std::slice::from_raw_parts(text.cast::<u8>(), len + 1) };
        assert_eq!(bytes[len], 0);
        Ok(String::from_utf8(bytes[..len].to_vec()).unwrap())
    }

    #[test]
    fn roles_are_listed_in_document_order() {
        let base64 = encode(RESPONSE.as_bytes(), Alphabet::Standard, true);
        let list = roles_of(base64.as_bytes()).unwrap();
        // SAFETY: `list` is live until freed below.
        assert_eq!(unsafe { idpool_saml_role_list_count(list) }, 2);
        assert_eq!(
            text(idpool_saml_role_list_role_arn, list, 1).unwrap(),
            "arn:aws:iam::123456789012:role/Ops"
        );
        assert_eq!(
            text(idpool_saml_role_list_provider_arn, list, 0).unwrap(),
            "arn:aws:iam::123456789012:saml-provider/Corp"
        );
        assert_eq!(
            text(idpool_saml_role_list_role_arn, list, 2),
            Err(idpool_result::IndexOutOfRange)
        );
        let mut json: *const c_char = ptr::null();
        let mut len = 0usize;
        // SAFETY: `list` is live; locals as out-parameters; freed once.
        unsafe {
            assert_eq!(
                idpool_saml_role_list_json(list, &mut json, &mut len),
                idpool_result::Ok
            );
            let json = std::slice::from_raw_parts(json.cast::<u8>(), len);
            let expected = serde_json::to_string(&idpool::saml_roles(&base64).unwrap()).unwrap();
            assert_eq!(json, expected.as_bytes());
            idpool_saml_role_list_free(list);
        }
    }

    #[test]
    fn unreadable_responses_give_codes() {
        assert_eq!(roles_of(b"not base64!"), Err(idpool_result::SamlNotBase64));
        let not_xml = encode(b"<Response>", Alphabet::Standard, true);
        assert_eq!(roles_of(not_xml.as_bytes()), Err(idpool_result::SamlNotXml));
        let not_response = encode(b"<Other/>", Alphabet::Standard, true);
        assert_eq!(
            roles_of(not_response.as_bytes()),
            Err(idpool_result::SamlNotAResponse)
        );
        assert_eq!(roles_of(b"\xff"), Err(idpool_result::InvalidUtf8));
        // SAFETY: NULL is refused before anything is read; NULL frees nothing.
        unsafe {
            let mut list: *mut idpool_saml_role_list = ptr::null_mut();
            assert_eq!(
                idpool_saml_roles(ptr::null(), 0, &mut list),
                idpool_result::NullParameter
            );
            assert_eq!(
                idpool_saml_roles(b"".as_ptr(), 0, ptr::null_mut()),
                idpool_result::NullParameter
            );
            assert_eq!(idpool_saml_role_list_count(ptr::null()), 0);
            idpool_saml_role_list_free(ptr::null_mut());
        }
    }
}

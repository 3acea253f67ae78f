//! JWT decoding: never panics; every accessor works on what decodes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for candidate in [
        text.to_string(),
        // Also as the payload of a well-formed token, to reach the claims.
        format!(
            "eyJhbGciOiJSUzI1NiJ9.{}.c2ln",
            idpool::base64::encode(data, idpool::base64::Alphabet::UrlSafe, false)
        ),
    ] {
        if let Ok(jwt) = idpool::jwt::decode(&candidate) {
            let _ = (jwt.issuer(), jwt.audiences(), jwt.token_use(), jwt.expires_at(), jwt.not_before());
            let _ = (jwt.string_list("cognito:roles"), jwt.claim_strings("cognito:groups"));
            let _ = format!("{jwt:?}");
        }
    }
});

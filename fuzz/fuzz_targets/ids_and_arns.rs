//! Id, region, ARN and provider-name parsing: never panics, and what
//! parses prints back the same.
#![no_main]

use idpool::arn::{Arn, ArnKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(arn) = text.parse::<Arn>() {
        assert_eq!(arn.to_string(), text);
    }
    for kind in [ArnKind::OidcProvider, ArnKind::SamlProvider, ArnKind::Role, ArnKind::IdentityPool] {
        let _ = Arn::parse_kind(text, kind);
    }
    if let Ok(id) = text.parse::<idpool::IdentityPoolId>() {
        assert_eq!(id.to_string(), text);
        assert_eq!(format!("{}:{}", id.region_str(), id.guid()), text);
    }
    let _ = text.parse::<idpool::IdentityId>();
    let _ = text.parse::<idpool::Region>();
    let _ = idpool::provider::parse_user_pool_provider(text);
    let canonical = idpool::provider::canonical_key(text);
    assert_eq!(idpool::provider::canonical_key(&canonical), canonical, "canonical keys are fixed points");
    let _ = idpool::provider::canonical_login_key(text);
});

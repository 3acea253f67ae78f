//! Normalization reaches a fixed point: normalize(normalize(x)) ==
//! normalize(x), with no changes the second time.
#![no_main]

use idpool::json::{self, ParseOptions};
use idpool::schema::ShapeId;
use libfuzzer_sys::fuzz_target;

const SHAPES: [ShapeId; 6] = [
    ShapeId::IDENTITY_POOL,
    ShapeId::CREATE_IDENTITY_POOL_INPUT,
    ShapeId::GET_CREDENTIALS_FOR_IDENTITY_INPUT,
    ShapeId::SET_IDENTITY_POOL_ROLES_INPUT,
    ShapeId::LOGINS_MAP,
    ShapeId::ROLE_MAPPING_MAP,
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, input)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(input) else { return };
    let Ok(value) = json::parse(text, &ParseOptions::default()) else { return };
    let shape = SHAPES[usize::from(selector) % SHAPES.len()];
    let once = idpool::normalize(shape, &value);
    let twice = idpool::normalize(shape, &once.value);
    assert_eq!(twice.value, once.value, "normalization is idempotent");
    assert!(twice.changes.is_empty(), "a canonical form needs no change: {:?}", twice.changes);
    // The canonical JSON parses back to the same value.
    let written = json::to_string(&once.value);
    let reread = json::parse(&written, &ParseOptions { max_depth: 10_000 }).expect("canonical JSON parses");
    assert_eq!(json::to_string(&reread), written);
});

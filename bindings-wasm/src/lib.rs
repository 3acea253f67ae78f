//! WebAssembly bindings of idpool: the npm package `idpool`.
//!
//! The wrapper only converts between JavaScript and the core; every rule
//! lives in the `idpool` crate. This first cut exposes the library version;
//! the rest of the package API (SPEC section 9) follows the core.

use wasm_bindgen::prelude::wasm_bindgen;

/// The library version, e.g. `"0.1.0"`.
#[wasm_bindgen]
pub fn version() -> String {
    idpool::VERSION.to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn version_is_the_core_version() {
        assert_eq!(super::version(), idpool::VERSION);
    }
}

//! Writes `include/idpool.h` with cbindgen, only when asked:
//!
//! ```sh
//! IDPOOL_WRITE_HEADER=1 cargo build -p idpool-c            # include/idpool.h
//! IDPOOL_WRITE_HEADER=1 IDPOOL_HEADER_OUT=/tmp/h.h cargo build -p idpool-c
//! ```
//!
//! The committed header is the contract; `scripts/test-c.sh` regenerates it
//! into a temporary file and fails on any difference. Ordinary builds
//! never touch the source tree.

use std::env;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=IDPOOL_WRITE_HEADER");
    println!("cargo:rerun-if-env-changed=IDPOOL_HEADER_OUT");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    println!("cargo:rerun-if-changed=src");
    if env::var_os("IDPOOL_WRITE_HEADER").is_none_or(|v| v != "1") {
        return;
    }
    let crate_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = env::var_os("IDPOOL_HEADER_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate_dir.join("include/idpool.h"));
    let mut config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml"))
        .expect("cbindgen.toml is valid");
    config.after_includes = Some(version_macros());
    // cbindgen follows the `mod` declarations of lib.rs.
    cbindgen::Builder::new()
        .with_config(config)
        .with_src(crate_dir.join("src/lib.rs"))
        .generate()
        .expect("cbindgen can read the crate")
        .write_to_file(&out);
}

/// `IDPOOL_VERSION_*` from the package version.
fn version_macros() -> String {
    let var = |name: &str| env::var(name).expect("set by cargo");
    format!(
        "\n#define IDPOOL_VERSION_MAJOR {}\n#define IDPOOL_VERSION_MINOR {}\n#define IDPOOL_VERSION_PATCH {}\n#define IDPOOL_VERSION_STRING \"{}\"\n",
        var("CARGO_PKG_VERSION_MAJOR"),
        var("CARGO_PKG_VERSION_MINOR"),
        var("CARGO_PKG_VERSION_PATCH"),
        var("CARGO_PKG_VERSION"),
    )
}

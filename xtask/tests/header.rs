//! The committed C header must be exactly what cbindgen generates today.

use xtask::header::{HEADER, check_header, generate_header, version_macros, workspace_version};
use xtask::repo_root;

#[test]
fn committed_header_is_current() {
    if let Err(message) = check_header(&repo_root()) {
        panic!("{message}");
    }
}

#[test]
fn generated_header_declares_the_abi_and_the_workspace_version() {
    let root = repo_root();
    let header = generate_header(&root).expect("generation succeeds");
    let version = workspace_version(&root).expect("the workspace has a version");
    assert!(header.contains(&format!("#define IDPOOL_VERSION_STRING \"{version}\"")));
    assert!(header.contains("#ifndef IDPOOL_H"));
    assert!(
        header.contains("idpool_check("),
        "{HEADER} declares idpool_check"
    );
}

#[test]
fn a_changed_header_is_reported_as_stale() {
    // A scratch root holding the C crate's real sources and an edited header.
    let root = repo_root();
    let scratch = std::env::temp_dir().join(format!("idpool-header-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let copy = |relative: &str| {
        let to = scratch.join(relative);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root.join(relative), &to).unwrap();
    };
    copy("Cargo.toml");
    copy("bindings-c/cbindgen.toml");
    for entry in std::fs::read_dir(root.join("bindings-c/src")).unwrap() {
        let name = entry.unwrap().file_name();
        copy(&format!("bindings-c/src/{}", name.to_string_lossy()));
    }
    let generated = generate_header(&scratch).unwrap();
    std::fs::create_dir_all(scratch.join("bindings-c/include")).unwrap();
    let edited = generated.replacen("#ifndef IDPOOL_H", "#ifndef IDPOOL_H_EDITED", 1);
    std::fs::write(scratch.join(HEADER), &edited).unwrap();
    let error = check_header(&scratch).unwrap_err();
    std::fs::write(scratch.join(HEADER), &generated).unwrap();
    let fresh = check_header(&scratch);
    std::fs::remove_dir_all(&scratch).unwrap();
    assert!(error.contains("is stale"), "{error}");
    assert!(error.contains("IDPOOL_H_EDITED"), "{error}");
    assert_eq!(fresh, Ok(()));
}

#[test]
fn version_macros_split_the_version() {
    let macros = version_macros("1.22.333-rc.1").unwrap();
    assert!(macros.contains("#define IDPOOL_VERSION_MAJOR 1\n"));
    assert!(macros.contains("#define IDPOOL_VERSION_MINOR 22\n"));
    assert!(macros.contains("#define IDPOOL_VERSION_PATCH 333\n"));
    assert!(macros.contains("#define IDPOOL_VERSION_STRING \"1.22.333-rc.1\"\n"));
    assert!(version_macros("1.2").is_err());
    assert!(version_macros("1.x.3").is_err());
}

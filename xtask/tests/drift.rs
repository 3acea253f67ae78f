//! The committed stripped model and generated table must be exactly what
//! the generator produces today.

use xtask::{
    GENERATED_TABLE, OFFICIAL_MODEL, STRIPPED_MODEL, generate_table, repo_root, strip_model,
};

fn read(relative: &str) -> String {
    let path = repo_root().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn generated_table_matches_the_committed_stripped_model() {
    let expected = generate_table(&read(STRIPPED_MODEL)).expect("generation succeeds");
    assert!(
        read(GENERATED_TABLE) == expected,
        "{GENERATED_TABLE} is stale: run `cargo run -p xtask -- codegen`"
    );
}

#[test]
fn stripped_model_matches_the_official_model() {
    let official = repo_root().join(OFFICIAL_MODEL);
    if !official.exists() {
        // The official model sits beside the repository, not in it (CI and
        // every developer machine have it); a bare clone can only check the
        // table against the stripped copy, which the test above does.
        eprintln!(
            "note: {} not found; official-model drift not checked",
            official.display()
        );
        return;
    }
    let stripped =
        strip_model(&std::fs::read_to_string(official).unwrap()).expect("stripping succeeds");
    assert!(
        read(STRIPPED_MODEL) == stripped,
        "{STRIPPED_MODEL} is stale: run `cargo run -p xtask -- codegen`"
    );
}

#[test]
fn stripped_model_keeps_every_shape_and_operation_and_no_documentation() {
    let text = read(STRIPPED_MODEL);
    assert!(
        !text.contains("documentation"),
        "documentation text must be stripped"
    );
    let model: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(model["shapes"].as_object().unwrap().len(), 111);
    assert_eq!(model["operations"].as_object().unwrap().len(), 23);
    let pool_name = &model["shapes"]["IdentityPoolName"];
    assert_eq!(pool_name["min"], 1);
    assert_eq!(pool_name["max"], 128);
    assert_eq!(pool_name["pattern"], "[\\w\\s+=,.@-]+");
    assert_eq!(model["shapes"]["IdentityProviderToken"]["sensitive"], true);
}

#[test]
fn constant_names_split_words_and_acronyms() {
    assert_eq!(
        xtask::constant_name("IdentityPoolName"),
        "IDENTITY_POOL_NAME"
    );
    assert_eq!(
        xtask::constant_name("OIDCProviderList"),
        "OIDC_PROVIDER_LIST"
    );
    assert_eq!(xtask::constant_name("ARNString"), "ARN_STRING");
    assert_eq!(
        xtask::constant_name("SAMLProviderList"),
        "SAML_PROVIDER_LIST"
    );
}

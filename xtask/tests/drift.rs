//! The committed stripped model, generated table and generated pattern
//! matchers must be exactly what the generator makes of the official model
//! committed in `model/` today.

use xtask::{
    GENERATED_PATTERNS, GENERATED_TABLE, OFFICIAL_MODEL, STRIPPED_MODEL, generate_patterns,
    generate_table, repo_root, strip_model,
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
fn generated_patterns_match_the_committed_stripped_model() {
    let expected = generate_patterns(&read(STRIPPED_MODEL)).expect("generation succeeds");
    assert!(
        read(GENERATED_PATTERNS) == expected,
        "{GENERATED_PATTERNS} is stale: run `cargo run -p xtask -- codegen`"
    );
}

#[test]
fn stripped_model_matches_the_official_model() {
    // The official model is part of the repository: a missing file is a
    // failure, never a skipped check.
    let stripped = strip_model(&read(OFFICIAL_MODEL)).expect("stripping succeeds");
    assert!(
        read(STRIPPED_MODEL) == stripped,
        "{STRIPPED_MODEL} is stale: run `cargo run -p xtask -- codegen`"
    );
}

#[test]
fn official_model_is_the_recorded_botocore_file() {
    let text = read(OFFICIAL_MODEL);
    assert_eq!(text.len(), 71_201, "size recorded in model/SOURCES.md");
    let model: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(model["metadata"]["apiVersion"], "2014-06-30");
    assert_eq!(
        model["metadata"]["targetPrefix"],
        "AWSCognitoIdentityService"
    );
    let sources = read("model/SOURCES.md");
    assert!(sources.contains("3dbbf633d2e072da15fa448980a2e3d013fede05"));
    assert!(sources.contains("71 201 bytes"));
}

#[test]
fn codegen_refuses_a_model_pattern_it_does_not_understand() {
    let stripped = read(STRIPPED_MODEL);
    let updated = stripped.replace(r#""pattern": "\\d+""#, r#""pattern": "\\d+(?=x)""#);
    assert_ne!(updated, stripped, "the model has the pattern \\d+");
    let error = generate_patterns(&updated).expect_err("look-ahead is refused");
    assert!(error.contains(r"\\d+(?=x)"), "{error}");
    assert!(error.contains("byte offset 3"), "{error}");
    let unknown_property = stripped.replace(r"\\p{S}", r"\\p{Sc}");
    assert_ne!(unknown_property, stripped);
    let error = generate_patterns(&unknown_property).expect_err("\\p{Sc} is refused");
    assert!(error.contains("other than L, M, S, N, P"), "{error}");
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

#[test]
fn generated_roles_match_the_committed_annotations() {
    let expected = xtask::generate_roles(&read(STRIPPED_MODEL), &read(xtask::ROLES_SOURCE))
        .expect("generation succeeds");
    assert!(
        read(xtask::GENERATED_ROLES) == expected,
        "{} is stale: run `cargo run -p xtask -- codegen`",
        xtask::GENERATED_ROLES
    );
}

/// A change to the parsed `roles.json`.
type Edit = Box<dyn FnOnce(&mut serde_json::Value)>;

/// `roles.json` with `edit` applied to its parsed form.
fn roles_with(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut roles: serde_json::Value = serde_json::from_str(&read(xtask::ROLES_SOURCE)).unwrap();
    edit(&mut roles);
    roles.to_string()
}

#[test]
fn roles_codegen_refuses_names_the_model_does_not_have() {
    let stripped = read(STRIPPED_MODEL);
    let cases: [(&str, Edit); 6] = [
        (
            "unknown shape \"IdentityPoolIdentifier\"",
            Box::new(|r| {
                r["shapes"]["IdentityPoolIdentifier"] = serde_json::json!(["identity_pool_id"]);
            }),
        ),
        (
            "MappingRule has no member \"RoleArn\"",
            Box::new(|r| r["slots"]["MappingRule.RoleArn"] = "role_arn".into()),
        ),
        (
            "unknown role \"secret\"",
            Box::new(|r| r["shapes"]["OIDCToken"] = serde_json::json!(["secret"])),
        ),
        (
            "IdentityPool is not a map shape",
            Box::new(|r| r["shapes"]["IdentityPool"] = serde_json::json!(["tag_map"])),
        ),
        (
            "SecretKeyString is sensitive in the model",
            Box::new(|r| {
                r["shapes"]
                    .as_object_mut()
                    .unwrap()
                    .remove("SecretKeyString");
            }),
        ),
        (
            "unknown slot role \"user_arn\"",
            Box::new(|r| r["slots"]["RolesMap.value"] = "user_arn".into()),
        ),
    ];
    for (expected, edit) in cases {
        let error = xtask::generate_roles(&stripped, &roles_with(edit))
            .expect_err("a wrong annotation is refused");
        assert!(error.contains(expected), "{error}");
    }
}

#[test]
fn roles_table_derives_holds_secret_from_sensitive_shapes() {
    let table = xtask::generate_roles(&read(STRIPPED_MODEL), &read(xtask::ROLES_SOURCE)).unwrap();
    let line = |shape: &str| {
        table
            .lines()
            .find(|l| l.contains("Roles::NONE") && l.ends_with(&format!("// {shape}")))
            .unwrap_or_else(|| panic!("no roles line for {shape}"))
            .to_string()
    };
    for shape in ["LoginsMap", "Credentials", "GetCredentialsForIdentityInput"] {
        assert!(line(shape).contains("HOLDS_SECRET"), "{shape}");
    }
    for shape in ["IdentityPool", "IdentityPoolName", "RolesMap"] {
        assert!(!line(shape).contains("HOLDS_SECRET"), "{shape}");
    }
}

//! The typed model agrees with the generated constraint table, and reads
//! the bundled examples.

use idpool::model::*;
use idpool::schema::{self, ShapeKind};
use idpool::{Secret, json};
use serde::Serialize;
use std::collections::BTreeSet;

/// The members a fully populated value serializes must be exactly the
/// shape's members in the model.
fn assert_members<T: Serialize>(value: &T, shape: &str) {
    let written: BTreeSet<String> = match serde_json::to_value(value).unwrap() {
        serde_json::Value::Object(map) => map.keys().cloned().collect(),
        other => panic!("{shape} serialized as {other}"),
    };
    let id = schema::shape_by_name(shape).unwrap_or_else(|| panic!("no shape {shape}"));
    let ShapeKind::Structure(members) = id.shape().kind else {
        panic!("{shape} is not a structure");
    };
    let model: BTreeSet<String> = members.iter().map(|m| m.name.to_string()).collect();
    assert_eq!(written, model, "typed {shape} and the model disagree");
}

fn full_pool_members() -> (
    OrderedMap<String>,
    Vec<String>,
    Vec<CognitoIdentityProvider>,
) {
    (
        [("graph.facebook.com", "1".to_string())]
            .into_iter()
            .collect(),
        vec!["arn:aws:iam::123456789012:oidc-provider/a".into()],
        vec![full_provider()],
    )
}

fn full_provider() -> CognitoIdentityProvider {
    CognitoIdentityProvider {
        provider_name: Some("cognito-idp.us-east-1.amazonaws.com/us-east-1_A".into()),
        client_id: Some("c".into()),
        server_side_token_check: Some(true),
    }
}

fn full_mapping() -> RoleMapping {
    RoleMapping {
        mapping_type: RoleMappingType::Rules,
        ambiguous_role_resolution: Some(AmbiguousRoleResolutionType::Deny),
        rules_configuration: Some(RulesConfigurationType {
            rules: vec![full_rule()],
        }),
    }
}

fn full_rule() -> MappingRule {
    MappingRule {
        claim: "c".into(),
        match_type: MappingRuleMatchType::Equals,
        value: "v".into(),
        role_arn: "arn:aws:iam::123456789012:role/A".into(),
    }
}

#[test]
fn typed_structs_have_exactly_the_model_members() {
    let (providers, arns, user_pools) = full_pool_members();
    let pool = IdentityPool {
        identity_pool_id: "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0".into(),
        identity_pool_name: "p".into(),
        allow_unauthenticated_identities: true,
        allow_classic_flow: Some(false),
        supported_login_providers: Some(providers.clone()),
        developer_provider_name: Some("d".into()),
        open_id_connect_provider_arns: Some(arns.clone()),
        cognito_identity_providers: Some(user_pools.clone()),
        saml_provider_arns: Some(arns.clone()),
        identity_pool_tags: Some(providers.clone()),
    };
    assert_members(&pool, "IdentityPool");
    let create = CreateIdentityPoolInput {
        identity_pool_name: "p".into(),
        allow_unauthenticated_identities: true,
        allow_classic_flow: Some(false),
        supported_login_providers: Some(providers.clone()),
        developer_provider_name: Some("d".into()),
        open_id_connect_provider_arns: Some(arns.clone()),
        cognito_identity_providers: Some(user_pools),
        saml_provider_arns: Some(arns),
        identity_pool_tags: Some(providers.clone()),
    };
    assert_members(&create, "CreateIdentityPoolInput");
    assert_members(&full_provider(), "CognitoIdentityProvider");
    assert_members(
        &DescribeIdentityPoolInput::default(),
        "DescribeIdentityPoolInput",
    );
    let request = GetCredentialsForIdentityInput {
        identity_id: "i".into(),
        logins: Some(
            [("graph.facebook.com", Secret::new("t"))]
                .into_iter()
                .collect(),
        ),
        custom_role_arn: Some("arn".into()),
    };
    assert_members(&request, "GetCredentialsForIdentityInput");
    let credentials = Credentials {
        access_key_id: Some("AKIA".into()),
        secret_key: Some(Secret::new("s")),
        session_token: Some(Secret::new("t")),
        expiration: Some(Timestamp::EpochSeconds(1.0)),
    };
    assert_members(&credentials, "Credentials");
    assert_members(
        &GetCredentialsForIdentityResponse {
            identity_id: Some("i".into()),
            credentials: Some(credentials),
        },
        "GetCredentialsForIdentityResponse",
    );
    assert_members(&full_rule(), "MappingRule");
    assert_members(&full_mapping(), "RoleMapping");
    assert_members(&RulesConfigurationType::default(), "RulesConfigurationType");
    let mappings: OrderedMap<RoleMapping> = [("graph.facebook.com", full_mapping())]
        .into_iter()
        .collect();
    assert_members(
        &SetIdentityPoolRolesInput {
            identity_pool_id: "p".into(),
            roles: providers.clone(),
            role_mappings: Some(mappings.clone()),
        },
        "SetIdentityPoolRolesInput",
    );
    assert_members(
        &GetIdentityPoolRolesResponse {
            identity_pool_id: Some("p".into()),
            roles: Some(providers),
            role_mappings: Some(mappings),
        },
        "GetIdentityPoolRolesResponse",
    );
}

#[test]
fn enums_have_exactly_the_model_values() {
    let values = |shape: &str| match &schema::shape_by_name(shape).unwrap().shape().kind {
        ShapeKind::String(rules) => rules.enum_values.to_vec(),
        _ => panic!("{shape} is not a string"),
    };
    let names = |v: &[&dyn erased::Named]| v.iter().map(|n| n.name()).collect::<Vec<_>>();
    assert_eq!(
        names(&[&RoleMappingType::Token, &RoleMappingType::Rules]),
        values("RoleMappingType")
    );
    assert_eq!(
        names(&[
            &AmbiguousRoleResolutionType::AuthenticatedRole,
            &AmbiguousRoleResolutionType::Deny
        ]),
        values("AmbiguousRoleResolutionType")
    );
    assert_eq!(
        names(&[
            &MappingRuleMatchType::Equals,
            &MappingRuleMatchType::Contains,
            &MappingRuleMatchType::StartsWith,
            &MappingRuleMatchType::NotEqual
        ]),
        values("MappingRuleMatchType")
    );
}

mod erased {
    /// The serialized name of a unit enum value.
    pub trait Named {
        fn name(&self) -> String;
    }
    impl<T: serde::Serialize> Named for T {
        fn name(&self) -> String {
            serde_json::to_value(self)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string()
        }
    }
}

#[test]
fn examples_read_into_the_typed_model_keeping_map_order() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let read = |file: &str| std::fs::read_to_string(root.join(file)).unwrap();

    let text = read("create-identity-pool.json");
    let value = json::parse(&text, &json::ParseOptions::default()).unwrap();
    let create: CreateIdentityPoolInput = json::from_value(&value).unwrap();
    let keys: Vec<&str> = create
        .supported_login_providers
        .as_ref()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(keys[0], "graph.facebook.com");
    assert_eq!(keys[4], "api.twitter.com");
    assert_eq!(
        serde_json::from_str::<CreateIdentityPoolInput>(&text).unwrap(),
        create
    );

    let pool: IdentityPool =
        serde_json::from_str(&read("describe-identity-pool-output.json")).unwrap();
    assert_eq!(pool.identity_pool_id().unwrap().region_str(), "us-east-1");

    let request: GetCredentialsForIdentityInput =
        serde_json::from_str(&read("get-credentials-for-identity.json")).unwrap();
    assert!(
        !format!("{request:?}").contains("eyJ"),
        "tokens are redacted in Debug"
    );
    assert!(
        request
            .logins
            .unwrap()
            .iter()
            .next()
            .unwrap()
            .1
            .expose()
            .starts_with("eyJ")
    );

    let roles: SetIdentityPoolRolesInput =
        serde_json::from_str(&read("set-identity-pool-roles.json")).unwrap();
    let mappings = roles.role_mappings.unwrap();
    assert_eq!(mappings.len(), 2);
    let rules = &mappings
        .iter()
        .next()
        .unwrap()
        .1
        .rules_configuration
        .as_ref()
        .unwrap()
        .rules;
    assert_eq!(rules[0].match_type, MappingRuleMatchType::Contains);
}

#[test]
fn typed_model_rejects_unknown_members() {
    assert!(
        serde_json::from_str::<DescribeIdentityPoolInput>(r#"{"IdentityPoolId":"x","Extra":1}"#)
            .is_err()
    );
}

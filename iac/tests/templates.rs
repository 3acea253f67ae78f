//! Every fixture under `tests/fixtures/` (each names its source in its
//! text) with the exact findings it must give: code, resource, line.

use idpool_iac::{Options, TemplateReport, lint_path, lint_text};
use std::path::PathBuf;

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn lint_with(rel: &str, options: &Options) -> TemplateReport {
    let mut reports = lint_path(&fixture(rel), options);
    assert_eq!(reports.len(), 1, "{rel}: one report per file");
    reports.remove(0)
}

fn lint(rel: &str) -> TemplateReport {
    lint_with(rel, &Options::default())
}

/// (level, code, resource, line) of every issue, in report order.
fn summary(report: &TemplateReport) -> Vec<(&'static str, String, String, u32)> {
    let one = |level: &'static str, i: &idpool_iac::TemplateIssue| {
        (
            level,
            i.code.clone(),
            i.resource.clone().unwrap_or_default(),
            i.location.as_ref().map_or(0, |l| l.line),
        )
    };
    report
        .errors
        .iter()
        .map(|i| one("error", i))
        .chain(report.warnings.iter().map(|i| one("warning", i)))
        .collect()
}

fn expect(report: &TemplateReport, expected: &[(&str, &str, &str, u32)]) {
    let got = summary(report);
    let want: Vec<(&str, String, String, u32)> = expected
        .iter()
        .map(|(l, c, r, n)| (*l, c.to_string(), r.to_string(), *n))
        .collect();
    assert_eq!(got, want, "{}", report.to_json());
    assert_eq!(report.ok, report.errors.is_empty());
    assert_eq!(report.target, "Template");
}

#[test]
fn docs_role_attachment_ref_of_a_user_pool_names_no_provider() {
    let report = lint("cfn/docs-role-attachment.yaml");
    expect(
        &report,
        &[(
            "error",
            "role_mapping_provider",
            "IdentityPoolRoleAttachment",
            34,
        )],
    );
    let issue = &report.errors[0];
    assert_eq!(issue.path, "/RoleMappings/userpool1");
    assert!(issue.key);
    assert_eq!(
        issue.location.as_ref().unwrap().pointer,
        "/Resources/IdentityPoolRoleAttachment/Properties/RoleMappings/userpool1/IdentityProvider"
    );
    let ids: Vec<_> = report
        .resources
        .iter()
        .map(|r| (r.id.as_str(), r.target.as_str()))
        .collect();
    assert_eq!(
        ids,
        [
            ("IdentityPool", "CreateIdentityPool"),
            ("IdentityPoolRoleAttachment", "SetIdentityPoolRoles")
        ]
    );
}

#[test]
fn p1_provider_url_is_not_a_provider_name() {
    let report = lint("cfn/p1-provider-url.json");
    expect(
        &report,
        &[("error", "provider_url_not_name", "Attachment", 23)],
    );
    let location = report.errors[0].location.as_ref().unwrap();
    assert_eq!(
        (
            location.line,
            location.column,
            location.end_line,
            location.end_column
        ),
        (23, 33, 23, 78)
    );
}

#[test]
fn p2_mistyped_region_in_a_user_pool_id() {
    let report = lint("cfn/p2-region-typo.yaml");
    expect(
        &report,
        &[("error", "invalid_user_pool_provider", "Pool", 10)],
    );
}

#[test]
fn p3_two_attachments_for_one_pool_unless_conditions_exclude_each_other() {
    let report = lint("cfn/p3-duplicate-attachment.yaml");
    expect(
        &report,
        &[
            ("error", "duplicate_role_attachment", "First", 21),
            ("error", "duplicate_role_attachment", "Second", 27),
        ],
    );
    assert_eq!(report.errors[0].params.other.as_deref(), Some("Second"));
    assert_eq!(report.errors[0].exception, "AlreadyExists");
}

#[test]
fn p4_ref_of_a_role_is_its_name() {
    let report = lint("cfn/p4-ref-role.yaml");
    expect(&report, &[("error", "ref_returns_name", "Roles", 18)]);
    let issue = &report.errors[0];
    assert_eq!(issue.path, "/Roles/authenticated");
    assert_eq!(issue.params.source.as_deref(), Some("Ref AuthRole"));
    assert_eq!(issue.params.shape.as_deref(), Some("an IAM role name"));
}

#[test]
fn p5_ref_of_a_user_pool_is_not_a_provider_name() {
    let report = lint("cfn/p5-ref-userpool.yaml");
    expect(
        &report,
        &[("error", "invalid_user_pool_provider", "Pool", 14)],
    );
}

#[test]
fn p6_camel_case_members_with_escaped_pointers() {
    let report = lint("cfn/p6-camel-case-mapping.json");
    expect(
        &report,
        &[
            ("error", "required", "Roles", 10),
            ("error", "unknown_member", "Roles", 11),
            ("error", "unknown_member", "Roles", 12),
        ],
    );
    let location = report.errors[1].location.as_ref().unwrap();
    assert_eq!(
        location.pointer,
        "/Resources/Roles/Properties/RoleMappings/cognito-idp.us-west-2.amazonaws.com~1us-west-2_AbCdEfGhI:4l3t1d8qf0dkpvsbpk5ob4bs6v/type"
    );
}

#[test]
fn p8_sub_with_unknown_stack_name_is_valid_but_a_literal_hash_is_not() {
    let report = lint("cfn/p8-sub-name.yaml");
    expect(&report, &[("error", "pattern", "HashPool", 14)]);
    assert_eq!(report.errors[0].params.core.found.as_deref(), Some("#"));
}

#[test]
fn tags_list_becomes_a_map_and_json_strings_are_read() {
    let report = lint("cfn/tags-and-json-strings.yaml");
    expect(
        &report,
        &[
            ("error", "duplicate_tag_key", "Tagged", 14),
            ("error", "pattern", "BadJsonProviders", 25),
        ],
    );
    assert!(report.errors[0].key);
}

#[test]
fn yaml11_words_are_warnings() {
    let report = lint("cfn/yaml11.yaml");
    expect(
        &report,
        &[
            ("warning", "yaml11_value", "Pool", 7),
            ("warning", "yaml11_value", "Pool", 8),
        ],
    );
}

#[test]
fn unknown_values_give_no_findings() {
    let report = lint("cfn/unknowns.yaml");
    expect(&report, &[]);
}

#[test]
fn defaults_and_branches_give_warnings_naming_them() {
    let report = lint("cfn/parameter-default.yaml");
    expect(
        &report,
        &[
            ("warning", "pattern", "Pool", 16),
            ("warning", "pattern", "Other", 24),
        ],
    );
    assert_eq!(
        report.warnings[0].params.parameter.as_deref(),
        Some("DevName")
    );
    assert_eq!(
        report.warnings[1].params.condition.as_deref(),
        Some("UseTwitter")
    );
    // The use site, not the parameter's Default.
    assert_eq!(
        report.warnings[0].location.as_ref().unwrap().pointer,
        "/Resources/Pool/Properties/DeveloperProviderName"
    );
}

#[test]
fn region_option_resolves_pseudo_parameters() {
    let without = lint("cfn/rules-and-paths.yaml");
    expect(&without, &[("error", "required", "Roles", 21)]);
    let options = Options {
        region: Some("us-east-1".to_string()),
        ..Options::default()
    };
    let with = lint_with("cfn/rules-and-paths.yaml", &options);
    expect(&with, &[("error", "required", "Roles", 21)]);
    // With the region known the role-mapping key is known and is one of the
    // pool's providers (no role_mapping_provider); in another region the
    // key names a provider the pool does not have.
    let elsewhere = Options {
        region: Some("eu-west-1".to_string()),
        ..Options::default()
    };
    let report = lint_with("cfn/rules-and-paths.yaml", &elsewhere);
    let codes: Vec<_> = report.errors.iter().map(|i| i.code.as_str()).collect();
    assert!(codes.contains(&"region_mismatch"), "{}", report.to_json());
}

#[test]
fn aliases_and_merge_keys_are_refused() {
    let report = lint("cfn/unsupported.yaml");
    let codes: Vec<_> = report.errors.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(
        codes.iter().filter(|c| **c == "unsupported_yaml").count(),
        2
    );
}

#[test]
fn syntax_errors_have_a_position() {
    let report = lint("cfn/broken.yaml");
    expect(&report, &[("error", "template_syntax", "", 4)]);
    let report = lint_text("t.json", "{\"Resources\": {", &Options::default());
    assert_eq!(report.errors[0].code, "template_syntax");
    let report = lint_text("t.yaml", "just: text\n", &Options::default());
    assert_eq!(report.errors[0].code, "template_syntax");
}

#[test]
fn cdk_assembly_with_a_nested_stage() {
    let reports = lint_path(&fixture("cdk.out"), &Options::default());
    assert_eq!(reports.len(), 2);
    assert!(reports[0].file.ends_with("IdentityStack.template.json"));
    expect(&reports[0], &[]);
    assert_eq!(reports[0].resources.len(), 2);
    assert!(reports[1].file.ends_with("ProdIdentityStack.template.json"));
    expect(
        &reports[1],
        &[("warning", "suspicious_provider_id", "Pool", 8)],
    );
    // The manifest itself is accepted as the path too.
    assert_eq!(
        lint_path(&fixture("cdk.out/manifest.json"), &Options::default()).len(),
        2
    );
}

#[test]
fn terraform_docs_example_region_mismatch() {
    let report = lint("terraform/docs-example.plan.json");
    expect(
        &report,
        &[(
            "error",
            "region_mismatch",
            "aws_cognito_identity_pool.main",
            26,
        )],
    );
    assert_eq!(
        report.errors[0].location.as_ref().unwrap().pointer,
        "/resource_changes/0/change/after/cognito_identity_providers/1/provider_name"
    );
}

#[test]
fn terraform_unknowns_replacement_updates_and_imports() {
    let report = lint("terraform/lifecycle.plan.json");
    expect(
        &report,
        &[
            (
                "error",
                "pattern",
                "aws_cognito_identity_pool_provider_principal_tag.imported",
                116,
            ),
            (
                "warning",
                "pool_replaced",
                "aws_cognito_identity_pool.replaced",
                38,
            ),
            (
                "warning",
                "reset_to_default",
                "aws_cognito_identity_pool.updated",
                100,
            ),
        ],
    );
    assert_eq!(report.resources.len(), 4);
}

/// A Terraform roles attachment is checked against the pool its
/// `identity_pool_id` refers to in the plan's configuration; one whose pool
/// the plan does not name gets no finding about its providers.
#[test]
fn terraform_attachment_is_checked_against_the_pool_it_names() {
    let report = lint("terraform/attachment.plan.json");
    expect(
        &report,
        &[(
            "error",
            "role_mapping_provider",
            "aws_cognito_identity_pool_roles_attachment.google",
            19,
        )],
    );
    assert_eq!(report.resources.len(), 4);
}

#[test]
fn pointer_location_in_a_json_text() {
    let text = "{\n  \"RoleMappings\": {\n    \"a/b\": {\"Type\": \"x\"}\n  }\n}";
    let value = idpool_iac::pointer_location(text, "/RoleMappings/a~1b/Type", false).unwrap();
    assert_eq!((value.line, value.column, value.end_column), (3, 21, 24));
    let key = idpool_iac::pointer_location(text, "/RoleMappings/a~1b", true).unwrap();
    assert_eq!((key.line, key.column, key.end_column), (3, 5, 10));
    assert!(idpool_iac::pointer_location(text, "/Nope", false).is_none());
    assert!(idpool_iac::pointer_location("{", "", false).is_none());
}

#[test]
fn hostile_templates_stay_linear() {
    // Named conditions that each use the previous one twice, mappings that
    // refer to themselves, parameter defaults of parameter references: all
    // would take exponential time without the evaluation budget.
    let mut conditions = String::from("  C0: !Equals [a, a]\n");
    for i in 1..60 {
        conditions.push_str(&format!(
            "  C{i}: !And [!Condition C{p}, !Condition C{p}]\n",
            p = i - 1
        ));
    }
    let mut parameters = String::from("  P0:\n    Type: String\n    Default: x\n");
    for i in 1..40 {
        parameters.push_str(&format!(
            "  P{i}:\n    Type: String\n    Default: {{\"Fn::Join\": [\"\", [{{Ref: P{p}}}, {{Ref: P{p}}}, {{Ref: P{p}}}]]}}\n",
            p = i - 1
        ));
    }
    let template = format!(
        "Parameters:\n{parameters}Conditions:\n{conditions}Mappings:\n  M:\n    K:\n      V: [!FindInMap [M, K, V], !FindInMap [M, K, V], !FindInMap [M, K, V]]\nResources:\n  Pool:\n    Type: AWS::Cognito::IdentityPool\n    Properties:\n      IdentityPoolName: !If [C59, !Ref P39, !Join [\"\", !FindInMap [M, K, V]]]\n      AllowUnauthenticatedIdentities: false\n"
    );
    let started = std::time::Instant::now();
    let report = lint_text("hostile.yaml", &template, &Options::default());
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    assert_eq!(report.resources.len(), 1);
}

#[test]
fn resource_shapes_and_functions_over_known_inputs() {
    let report = lint("cfn/shapes-and-functions.yaml");
    expect(
        &report,
        &[
            ("error", "pattern", "Pool", 28),
            ("error", "pattern", "Pool", 30),
            ("error", "invalid_arn", "Pool", 32),
            ("error", "length", "LongName", 38),
            ("error", "pattern", "Tags", 43),
            ("error", "provider_url_not_name", "Tags", 44),
            ("error", "ref_returns_name", "Roles", 62),
        ],
    );
    let targets: Vec<_> = report.resources.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(
        targets,
        [
            "CreateIdentityPool",
            "CreateIdentityPool",
            "SetPrincipalTagAttributeMap",
            "SetIdentityPoolRoles"
        ]
    );
}

#[test]
fn secrets_and_deploy_time_values_are_never_checked_or_echoed() {
    let template = r#"
Parameters:
  Secret:
    Type: String
    NoEcho: true
    Default: "secret with spaces"
Resources:
  Pool:
    Type: AWS::Cognito::IdentityPool
    Properties:
      IdentityPoolName: "{{resolve:ssm:/pools/name#1}}"
      DeveloperProviderName: !Ref Secret
      SupportedLoginProviders:
        api.twitter.com: !Sub "{{resolve:secretsmanager:twitter:SecretString:key}};x y"
      AllowUnauthenticatedIdentities: false
"#;
    let report = lint_text("t.yaml", template, &Options::default());
    expect(&report, &[]);
    let plan = r#"{"format_version": "1.2", "resource_changes": [{
      "address": "aws_cognito_identity_pool.p", "mode": "managed", "type": "aws_cognito_identity_pool",
      "change": {"actions": ["create"], "before": null,
        "after": {"identity_pool_name": "p", "allow_unauthenticated_identities": false,
                  "supported_login_providers": {"api.twitter.com": "consumer key;secret value"}},
        "after_unknown": {"id": true},
        "after_sensitive": {"supported_login_providers": {"api.twitter.com": true}}}}]}"#;
    let report = lint_text("plan.json", plan, &Options::default());
    expect(&report, &[]);
    assert!(!report.to_json().contains("secret value"));
    // The same plan without the sensitive mark is checked.
    let open = plan.replace(
        r#""after_sensitive": {"supported_login_providers": {"api.twitter.com": true}}"#,
        r#""after_sensitive": {}"#,
    );
    let report = lint_text("plan.json", &open, &Options::default());
    assert_eq!(report.errors[0].code, "pattern");
}

#[test]
fn account_and_partition_options() {
    let template = r#"
Resources:
  Roles:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: cn-north-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0
      Roles:
        authenticated: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/Auth"
"#;
    // Nothing is known without the options.
    expect(&lint_text("t.yaml", template, &Options::default()), &[]);
    // A 5-digit account makes a broken ARN.
    let short = Options {
        region: Some("cn-north-1".to_string()),
        account: Some("12345".to_string()),
        ..Options::default()
    };
    expect(
        &lint_text("t.yaml", template, &short),
        &[("error", "invalid_arn", "Roles", 8)],
    );
    // In us-east-1 the partition is aws, which a pool in cn-north-1 cannot use.
    let elsewhere = Options {
        region: Some("us-east-1".to_string()),
        account: Some("123456789012".to_string()),
        ..Options::default()
    };
    expect(
        &lint_text("t.yaml", template, &elsewhere),
        &[("error", "region_mismatch", "Roles", 8)],
    );
    let right = Options {
        region: Some("cn-north-1".to_string()),
        account: Some("123456789012".to_string()),
        ..Options::default()
    };
    expect(&lint_text("t.yaml", template, &right), &[]);
}

#[test]
fn a_resource_without_properties_and_huge_numbers() {
    let template = "Resources:\n  Pool:\n    Type: AWS::Cognito::IdentityPool\n  Other:\n    Type: AWS::Cognito::IdentityPool\n    Properties:\n      AllowUnauthenticatedIdentities: 1e400\n";
    let report = lint_text("t.yaml", template, &Options::default());
    expect(
        &report,
        &[
            ("error", "required", "Pool", 3),
            ("error", "type", "Other", 7),
        ],
    );
    assert_eq!(
        report.errors[0].location.as_ref().unwrap().pointer,
        "/Resources/Pool"
    );
}

#[test]
fn a_default_that_decides_another_resource_is_named() {
    let template = r#"
Parameters:
  Developer:
    Type: String
    Default: login.example
Resources:
  Pool:
    Type: AWS::Cognito::IdentityPool
    Properties:
      AllowUnauthenticatedIdentities: false
      DeveloperProviderName: !Ref Developer
  Roles:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref Pool
      Roles:
        authenticated: arn:aws:iam::123456789012:role/Auth
      RoleMappings:
        graph.facebook.com:
          Type: Token
          AmbiguousRoleResolution: Deny
"#;
    let report = lint_text("t.yaml", template, &Options::default());
    // With the default, the pool's providers are known and Facebook is not
    // one of them; without it nothing is certain.
    expect(
        &report,
        &[("warning", "role_mapping_provider", "Roles", 19)],
    );
    assert_eq!(
        report.warnings[0].params.parameter.as_deref(),
        Some("Developer")
    );
}

//! `idpool audit` and the trust verdict of `idpool resolve`, through the
//! real binary.

mod common;
use common::{Scratch, idpool, repo};

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn example(name: &str) -> String {
    repo().join("examples").join(name).display().to_string()
}

#[test]
fn audit_shows_each_role_who_reaches_it_and_the_findings() {
    let output = idpool(&["audit", &example("audit-trust.json")], b"");
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.starts_with("AuditTrust: invalid (3 errors, 0 warnings)\n"),
        "{text}"
    );
    assert!(text.contains("  error[trust_aud_missing] /TrustPolicies/arn:aws:iam::123456789012:role~1Cognito_PhotosAuth_Role/Statement/0/Condition: "), "{text}");
    assert!(text.contains("  error[trust_wrong_action] "), "{text}");
    assert!(text.contains("role arn:aws:iam::123456789012:role/PhotoEditors\n  authenticated via cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI: refused\n"), "{text}");
    assert!(
        text.contains("  guests (unauthenticated): admitted\n"),
        "{text}"
    );
    // A risk is not something the service answers.
    assert!(
        !text.contains("the service would answer TrustPolicyRisk"),
        "{text}"
    );
    // The same as JSON: the Report with its audit.
    let json = idpool(&["audit", "--json", &example("audit-trust.json")], b"");
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["target"], "AuditTrust");
    let audit = report["audit"].as_array().unwrap();
    assert_eq!(audit.len(), 3);
    assert_eq!(audit[2]["allowed"], serde_json::json!([false]));
}

#[test]
fn audit_reads_standard_input_and_refuses_what_is_not_a_context() {
    let context = std::fs::read(example("audit-trust.json")).unwrap();
    assert_eq!(idpool(&["audit"], &context).status.code(), Some(1));
    let output = idpool(&["audit", "-"], b"[]");
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("error[type]"));
    assert_eq!(
        idpool(&["audit", "/nonexistent.json"], b"").status.code(),
        Some(2)
    );
    assert_eq!(
        idpool(&["audit", "--max-bytes", "0", "-"], b"{}")
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn a_clean_audit_exits_0_and_quiet_prints_nothing() {
    let scratch = Scratch::new("audit-clean");
    let pool_id = "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    let role = "arn:aws:iam::123456789012:role/Auth";
    let context = serde_json::json!({
        "Pool": {
            "IdentityPoolId": pool_id,
            "IdentityPoolName": "Photos",
            "AllowUnauthenticatedIdentities": false,
            "SupportedLoginProviders": {"graph.facebook.com": "7346241598935552"},
        },
        "Roles": {"authenticated": role},
        "TrustPolicies": {role: {
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": "Allow",
                "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": {
                    "StringEquals": {"cognito-identity.amazonaws.com:aud": pool_id},
                    "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"},
                },
            }],
        }},
    });
    let file = scratch.file("context.json", context.to_string().as_bytes());
    let path = file.display().to_string();
    let output = idpool(&["audit", &path], b"");
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("authenticated via graph.facebook.com: admitted"));
    let quiet = idpool(&["audit", "--quiet", &path], b"");
    assert_eq!(quiet.status.code(), Some(0));
    assert!(quiet.stdout.is_empty());
}

#[test]
fn resolve_shows_the_trust_verdict() {
    let output = idpool(&["resolve", &example("resolve-trust.json")], b"");
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        text.contains("  trust: admitted by statement 0 (Editors) of the role's trust policy\n"),
        "{text}"
    );
}

//! WebAssembly bindings of idpool: the raw layer under the npm package
//! `idpool`.
//!
//! The wrapper only converts; every rule lives in the `idpool` crate.
//! Values cross the boundary as JSON text: the JavaScript glue
//! (`bindings-wasm/js/api.js`) turns objects into JSON with
//! `JSON.stringify` (so member order is kept) and parses what comes back
//! with `JSON.parse`, so callers get plain objects and never a class to
//! `.free()`. A Report is the core's own serde JSON, byte for byte what the
//! Rust API and the CLI print.
//!
//! Misuse (an unknown target, a SAML response that cannot be read, a pool
//! that is not a JSON object) is thrown as a JSON string
//! `{"code": ..., "message": ...}`; the glue turns it into a real `Error`
//! with that `code`. Nothing thrown ever contains a sensitive value.

use idpool::{Checker, IdentityPoolId, Issue, Limits, UnknownTarget};
use serde::Serialize;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

/// Misuse of the API: what the glue throws as an `Error` with `code`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Misuse {
    /// `unknown_target`, `saml_invalid` or `invalid_argument`.
    pub code: &'static str,
    /// One English sentence; never a sensitive value.
    pub message: String,
    /// For `unknown_target`: the target with the same name in another
    /// letter case, if there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<&'static str>,
    /// For `saml_invalid`: why the response cannot be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
    /// For `invalid_argument` from a JSON text: the core's `syntax` or
    /// `type` issue, with line and column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue: Option<Box<Issue>>,
}

impl Misuse {
    fn new(code: &'static str, message: String) -> Misuse {
        Misuse {
            code,
            message,
            suggestion: None,
            reason: None,
            issue: None,
        }
    }

    /// The misuse as the JSON text the glue parses.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a Misuse always serializes")
    }
}

impl From<UnknownTarget> for Misuse {
    fn from(error: UnknownTarget) -> Misuse {
        Misuse {
            suggestion: error.suggestion,
            ..Misuse::new("unknown_target", error.to_string())
        }
    }
}

impl From<idpool::saml::SamlError> for Misuse {
    fn from(error: idpool::saml::SamlError) -> Misuse {
        let reason = error.code();
        // The core's messages say what is wrong and where, never what the
        // response contained.
        let mut message = error.to_string();
        if let Some(first) = message.get(..1) {
            message.replace_range(..1, &first.to_uppercase());
        }
        message.push('.');
        Misuse {
            reason: Some(reason),
            ..Misuse::new("saml_invalid", message)
        }
    }
}

/// Check a JSON text against a target, with a pool as context when given
/// (`Checker::check_with_pool`).
pub fn check_json(target: &str, input: &str, pool: Option<&str>) -> Result<String, Misuse> {
    let checker = Checker::new();
    let report = match pool {
        Some(pool) => checker.check_with_pool(target, input, pool)?,
        None => checker.check(target, input)?,
    };
    Ok(report.to_json())
}

/// The report for an input of `len` bytes that is over the size limit,
/// without copying the input into WebAssembly memory.
pub fn check_too_large_json(target: &str, len: usize) -> Result<String, Misuse> {
    let target = idpool::Target::from_name(target)?;
    Ok(Checker::new().too_large(target, len).to_json())
}

/// Plan an `UpdateIdentityPool` call from `current` to `desired` (JSON
/// texts): a Report with its `plan`.
pub fn plan_update_json(current: &str, desired: &str) -> String {
    idpool::plan_update(current, desired).to_json()
}

/// Resolve a credentials context (JSON text).
pub fn resolve_credentials_json(context: &str) -> String {
    idpool::resolve_credentials(context).to_json()
}

/// Audit the trust policies of a pool's roles (context as JSON text).
pub fn audit_trust_json(context: &str) -> String {
    idpool::audit_trust(context).to_json()
}

/// The roles a base64 SAML response offers, as a JSON array of
/// `{roleArn, providerArn}`.
pub fn saml_roles_json(response_base64: &str) -> Result<String, Misuse> {
    let roles = idpool::saml_roles(response_base64)?;
    Ok(serde_json::to_string(&roles).expect("roles always serialize"))
}

/// The login keys a pool (JSON text) accepts, as a JSON array of
/// `{key, kind, provider, clientIds?}`.
pub fn login_keys_json(pool: &str) -> Result<String, Misuse> {
    match idpool::login_keys_of(pool) {
        Ok(keys) => Ok(serde_json::to_string(&keys).expect("login keys always serialize")),
        Err(issue) => Err(Misuse {
            message: issue.message.clone(),
            issue: Some(issue),
            ..Misuse::new("invalid_argument", String::new())
        }),
    }
}

/// `{"region", "guid"}` of an identity pool id, or `null`.
pub fn parse_identity_pool_id_json(text: &str) -> String {
    #[derive(Serialize)]
    struct Parts<'a> {
        region: &'a str,
        guid: &'a str,
    }
    match text.parse::<IdentityPoolId>() {
        Ok(id) => serde_json::to_string(&Parts {
            region: id.region_str(),
            guid: id.guid(),
        })
        .expect("parts always serialize"),
        Err(_) => "null".to_string(),
    }
}

/// Every target name, as a JSON array.
pub fn targets_json() -> String {
    serde_json::to_string(&idpool::targets().collect::<Vec<_>>()).expect("names serialize")
}

fn thrown(result: Result<String, Misuse>) -> Result<String, JsValue> {
    result.map_err(|misuse| JsValue::from_str(&misuse.to_json()))
}

/// `check(target, input, pool?)`: a Report as JSON text.
#[wasm_bindgen(js_name = check)]
pub fn wasm_check(target: &str, input: &str, pool: Option<String>) -> Result<String, JsValue> {
    thrown(check_json(target, input, pool.as_deref()))
}

/// The Report for an input of `len` UTF-8 bytes over the size limit.
#[wasm_bindgen(js_name = checkTooLarge)]
pub fn wasm_check_too_large(target: &str, len: usize) -> Result<String, JsValue> {
    thrown(check_too_large_json(target, len))
}

/// The default size limit on input, in bytes.
#[wasm_bindgen(js_name = maxInputBytes)]
pub fn wasm_max_input_bytes() -> usize {
    Limits::default().max_input_bytes
}

/// `planUpdate(current, desired)`: a Report with its plan, as JSON text.
#[wasm_bindgen(js_name = planUpdate)]
pub fn wasm_plan_update(current: &str, desired: &str) -> String {
    plan_update_json(current, desired)
}

/// `resolveCredentials(context)`: a Report with its decision, as JSON text.
#[wasm_bindgen(js_name = resolveCredentials)]
pub fn wasm_resolve_credentials(context: &str) -> String {
    resolve_credentials_json(context)
}

/// `auditTrust(context)`: a Report with its audit, as JSON text.
#[wasm_bindgen(js_name = auditTrust)]
pub fn wasm_audit_trust(context: &str) -> String {
    audit_trust_json(context)
}

/// `samlRoles(response)`: a JSON array of roles.
#[wasm_bindgen(js_name = samlRoles)]
pub fn wasm_saml_roles(response_base64: &str) -> Result<String, JsValue> {
    thrown(saml_roles_json(response_base64))
}

/// `loginKeys(pool)`: a JSON array of login keys.
#[wasm_bindgen(js_name = loginKeys)]
pub fn wasm_login_keys(pool: &str) -> Result<String, JsValue> {
    thrown(login_keys_json(pool))
}

/// `parseIdentityPoolId(s)`: `{"region","guid"}` or `null`, as JSON text.
#[wasm_bindgen(js_name = parseIdentityPoolId)]
pub fn wasm_parse_identity_pool_id(text: &str) -> String {
    parse_identity_pool_id_json(text)
}

/// `targets()`: every target name, as a JSON array.
#[wasm_bindgen(js_name = targets)]
pub fn wasm_targets() -> String {
    targets_json()
}

/// The library version, e.g. `"0.1.0"`.
#[wasm_bindgen]
pub fn version() -> String {
    idpool::VERSION.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const POOL: &str = r#"{"IdentityPoolId":"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0","IdentityPoolName":"p","AllowUnauthenticatedIdentities":false,"SupportedLoginProviders":{"graph.facebook.com":"123"}}"#;

    #[test]
    fn version_is_the_core_version() {
        assert_eq!(version(), idpool::VERSION);
    }

    #[test]
    fn a_report_is_the_cores_json() {
        let input = r#"{"IdentityPoolId":"us-east-1_AbCdEfGhI"}"#;
        let expected = idpool::check("DescribeIdentityPool", input)
            .unwrap()
            .to_json();
        assert_eq!(
            check_json("DescribeIdentityPool", input, None).unwrap(),
            expected
        );
    }

    #[test]
    fn a_pool_gives_check_with_pool() {
        let roles = r#"{"IdentityPoolId":"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0","Roles":{"authenticated":"arn:aws:iam::123456789012:role/Auth"},"RoleMappings":{"accounts.google.com":{"Type":"Token","AmbiguousRoleResolution":"Deny"}}}"#;
        let expected = Checker::new()
            .check_with_pool("SetIdentityPoolRoles", roles, POOL)
            .unwrap()
            .to_json();
        let json = check_json("SetIdentityPoolRoles", roles, Some(POOL)).unwrap();
        assert_eq!(json, expected);
        assert!(json.contains("role_mapping_provider"), "{json}");
    }

    #[test]
    fn a_plan_is_the_cores_json() {
        let desired = POOL.replace("graph.facebook.com", "Facebook");
        let json = plan_update_json(POOL, &desired);
        assert_eq!(json, idpool::plan_update(POOL, &desired).to_json());
        assert!(json.contains(r#""plan":{"changes":[]"#), "{json}");
    }

    #[test]
    fn an_audit_is_the_cores_json() {
        let context = r#"{"Pool":{"IdentityPoolId":"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0","IdentityPoolName":"p","AllowUnauthenticatedIdentities":true},"Roles":{"unauthenticated":"arn:aws:iam::123456789012:role/Guest"},"TrustPolicies":{}}"#;
        let json = audit_trust_json(context);
        assert_eq!(json, idpool::audit_trust(context).to_json());
        assert!(json.contains(r#""code":"trust_policy_missing""#), "{json}");
        assert!(
            json.contains(r#""audit":[{"roleArn":"arn:aws:iam::123456789012:role/Guest""#),
            "{json}"
        );
    }

    #[test]
    fn unknown_target_is_misuse_with_a_suggestion() {
        let misuse = check_json("createidentitypool", "{}", None).unwrap_err();
        assert_eq!(misuse.code, "unknown_target");
        assert_eq!(misuse.suggestion, Some("CreateIdentityPool"));
        let json = misuse.to_json();
        assert!(json.starts_with(r#"{"code":"unknown_target","message":"unknown target"#));
        assert_eq!(
            check_too_large_json("Nope", 5).unwrap_err().code,
            "unknown_target"
        );
    }

    #[test]
    fn too_large_is_the_cores_report() {
        let big = format!("\"{}\"", "a".repeat(Limits::default().max_input_bytes));
        assert_eq!(
            check_too_large_json("IdentityPoolName", big.len()).unwrap(),
            idpool::check("IdentityPoolName", &big).unwrap().to_json()
        );
    }

    #[test]
    fn saml_failures_are_misuse_with_a_reason() {
        let misuse = saml_roles_json("not base64!").unwrap_err();
        assert_eq!(misuse.code, "saml_invalid");
        assert_eq!(misuse.reason, Some("base64"));
        assert_eq!(misuse.message, "The SAML response is not base64.");
        assert_eq!(saml_roles_json("").map_err(|m| m.reason), Err(Some("xml")));
    }

    #[test]
    fn login_keys_of_a_pool_and_of_not_a_pool() {
        assert_eq!(
            login_keys_json(POOL).unwrap(),
            r#"[{"key":"graph.facebook.com","kind":"social","provider":"graph.facebook.com"}]"#
        );
        let misuse = login_keys_json("[1]").unwrap_err();
        assert_eq!(misuse.code, "invalid_argument");
        assert_eq!(misuse.issue.unwrap().code, idpool::Code::Type);
        let misuse = login_keys_json("{").unwrap_err();
        assert_eq!(misuse.issue.unwrap().code, idpool::Code::Syntax);
    }

    #[test]
    fn identity_pool_ids() {
        assert_eq!(
            parse_identity_pool_id_json("us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"),
            r#"{"region":"us-east-1","guid":"0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"}"#
        );
        assert_eq!(parse_identity_pool_id_json("us-east-1_AbCdEfGhI"), "null");
    }

    #[test]
    fn targets_are_the_cores() {
        let json = targets_json();
        assert!(json.starts_with(r#"[""#));
        assert!(json.contains(r#""CreateIdentityPool""#));
        assert!(json.contains(r#""IdentityPool""#));
    }
}

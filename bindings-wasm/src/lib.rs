//! WebAssembly bindings of idpool: the raw layer under the npm package
//! `idpool`.
//!
//! The wrapper only converts; every rule lives in the `idpool` crate.
//! Values cross the boundary as JSON text: the JavaScript glue
//! (`bindings-wasm/js/api.js`) turns objects into JSON with
//! `JSON.stringify` (so member order is kept) and parses what comes back
//! with `JSON.parse`, so callers get plain objects and never a class to
//! `.free()`. A Report is the core's own JSON text, byte for byte what the
//! Rust API and the CLI print.
//!
//! A Report crosses in a layout that lets JavaScript parse `normalized`
//! only when it is read ([`lazy_layout`]): the report's JSON text with two
//! newlines around the value of its `normalized` member. Compact JSON has no
//! raw newline, so removing both gives the core's text back.
//!
//! Misuse (an unknown target, a SAML response that cannot be read, a pool
//! that is not a JSON object) is thrown as a JSON string
//! `{"code": ..., "message": ...}`; the glue turns it into a real `Error`
//! with that `code`. Nothing thrown ever contains a sensitive value.

// The allocator is the crate's only unsafe code.
#![deny(unsafe_code)]

#[cfg(any(target_arch = "wasm32", test))]
#[allow(unsafe_code)]
mod heap;

/// The `.wasm`'s allocator: the crate's own small heap instead of the
/// standard library's dlmalloc (src/heap.rs; docs/DECISIONS.md, "The web
/// .wasm allocator"). Native builds (the unit tests) keep the system's.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: heap::Global = heap::Global::new();

use idpool::{Checker, IdentityPoolId, Issue, Limits, ProviderKind, UnknownTarget};
use std::cell::Cell;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

/// Misuse of the API: what the glue throws as an `Error` with `code`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misuse {
    /// `unknown_target`, `saml_invalid` or `invalid_argument`.
    pub code: &'static str,
    /// One English sentence; never a sensitive value.
    pub message: String,
    /// For `unknown_target`: the target with the same name in another
    /// letter case, if there is one.
    pub suggestion: Option<&'static str>,
    /// For `saml_invalid`: why the response cannot be read.
    pub reason: Option<&'static str>,
    /// For `invalid_argument` from a JSON text: the core's `syntax` or
    /// `type` issue, with line and column.
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

    /// The misuse as the JSON text the glue parses: `code`, `message`,
    /// then `suggestion`, `reason` and `issue` when present.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(64 + self.message.len());
        out.push_str("{\"code\":");
        push_json_string(&mut out, self.code);
        out.push_str(",\"message\":");
        push_json_string(&mut out, &self.message);
        if let Some(suggestion) = self.suggestion {
            out.push_str(",\"suggestion\":");
            push_json_string(&mut out, suggestion);
        }
        if let Some(reason) = self.reason {
            out.push_str(",\"reason\":");
            push_json_string(&mut out, reason);
        }
        if let Some(issue) = &self.issue {
            out.push_str(",\"issue\":");
            out.push_str(&issue.to_json());
        }
        out.push('}');
        out
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
        // The first letter capitalized: a one-byte first character is
        // ASCII, so no Unicode case table is needed.
        if let Some(first) = message.get_mut(..1) {
            first.make_ascii_uppercase();
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
    Ok(roles_json(&idpool::saml_roles(response_base64)?))
}

/// SAML roles as a JSON array of `{roleArn, providerArn}`.
fn roles_json(roles: &[idpool::SamlRole]) -> String {
    let mut out = String::from("[");
    for (i, role) in roles.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"roleArn\":");
        push_json_string(&mut out, &role.role_arn);
        out.push_str(",\"providerArn\":");
        push_json_string(&mut out, &role.provider_arn);
        out.push('}');
    }
    out.push(']');
    out
}

/// The login keys a pool (JSON text) accepts, as a JSON array of
/// `{key, kind, provider, clientIds?}`.
pub fn login_keys_json(pool: &str) -> Result<String, Misuse> {
    match idpool::login_keys_of(pool) {
        Ok(keys) => Ok(login_keys_text(&keys)),
        Err(issue) => Err(Misuse {
            message: issue.message.clone(),
            issue: Some(issue),
            ..Misuse::new("invalid_argument", String::new())
        }),
    }
}

/// Login keys as a JSON array of `{key, kind, provider, clientIds?}`.
fn login_keys_text(keys: &[idpool::LoginKey]) -> String {
    let mut out = String::from("[");
    for (i, key) in keys.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"key\":");
        push_json_string(&mut out, &key.key);
        out.push_str(",\"kind\":");
        push_json_string(&mut out, provider_kind_name(key.kind));
        out.push_str(",\"provider\":");
        push_json_string(&mut out, &key.provider);
        if !key.client_ids.is_empty() {
            out.push_str(",\"clientIds\":");
            push_json_strings(&mut out, key.client_ids.iter().map(String::as_str));
        }
        out.push('}');
    }
    out.push(']');
    out
}

/// `{"region", "guid"}` of an identity pool id, or `null`.
pub fn parse_identity_pool_id_json(text: &str) -> String {
    match text.parse::<IdentityPoolId>() {
        Ok(id) => {
            let mut out = String::from("{\"region\":");
            push_json_string(&mut out, id.region_str());
            out.push_str(",\"guid\":");
            push_json_string(&mut out, id.guid());
            out.push('}');
            out
        }
        Err(_) => "null".to_string(),
    }
}

/// Every target name, as a JSON array.
pub fn targets_json() -> String {
    let mut out = String::new();
    push_json_strings(&mut out, idpool::targets());
    out
}

// --- JSON text of the binding's own answers ------------------------------------
//
// The binding writes its few small answers (misuse, roles, login keys, id
// parts, target names) itself rather than through serde_json, so the
// `.wasm` carries no serializer code for them; the text is what
// serde_json writes for the same values (compact, the same escapes; the
// tests compare the two).

/// Append `text` as a JSON string: quotation marks and backslashes escaped,
/// the control characters as `\b \f \n \r \t` or `\u00xx` (lower-case
/// hex), everything else as is.
fn push_json_string(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0usize;
    for (at, byte) in text.bytes().enumerate() {
        let escape: &str = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(&text[start..at]);
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        } else {
            out.push_str(escape);
        }
        start = at + 1;
    }
    out.push_str(&text[start..]);
    out.push('"');
}

/// Append a JSON array of strings.
fn push_json_strings<'a>(out: &mut String, items: impl Iterator<Item = &'a str>) {
    out.push('[');
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(out, item);
    }
    out.push(']');
}

/// The JSON name of a provider kind (snake case, as the core's serde
/// derive names it).
fn provider_kind_name(kind: ProviderKind) -> &'static str {
    match kind {
        ProviderKind::Social => "social",
        ProviderKind::Oidc => "oidc",
        ProviderKind::UserPool => "user_pool",
        ProviderKind::Saml => "saml",
        ProviderKind::Developer => "developer",
    }
}

/// The byte range of the value of the top-level member `name` in a compact
/// JSON object text (as serde_json writes it), if the object has it.
///
/// Walks the top-level members only, skipping each value without parsing
/// it; `None` for a text that is not an object.
pub fn member_value_range(json: &str, name: &str) -> Option<std::ops::Range<usize>> {
    let bytes = json.as_bytes();
    if bytes.first() != Some(&b'{') {
        return None;
    }
    let mut at = 1;
    loop {
        match bytes.get(at)? {
            b'}' => return None,
            b',' => at += 1,
            b'"' => {}
            _ => return None,
        }
        let key_end = skip_string(bytes, at)?;
        let key = &json[at + 1..key_end - 1];
        if bytes.get(key_end) != Some(&b':') {
            return None;
        }
        let value_start = key_end + 1;
        let value_end = skip_value(bytes, value_start)?;
        if key == name {
            return Some(value_start..value_end);
        }
        at = value_end;
    }
}

/// The index just past the JSON string that starts at `start` (a `"`).
fn skip_string(bytes: &[u8], start: usize) -> Option<usize> {
    let mut at = start + 1;
    loop {
        at += bytes
            .get(at..)?
            .iter()
            .position(|&b| b == b'"' || b == b'\\')?;
        if bytes[at] == b'"' {
            return Some(at + 1);
        }
        at += 2;
    }
}

/// The index just past the compact JSON value that starts at `start`: the
/// first `,`, `}` or `]` outside strings that is not nested in it; `None`
/// when the text ends first or the value is empty.
fn skip_value(bytes: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = start;
    loop {
        match *bytes.get(at)? {
            b'"' => {
                at = skip_string(bytes, at)?;
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' | b',' if depth == 0 => return Some(at).filter(|&end| end > start),
            b'}' | b']' => depth -= 1,
            _ => {}
        }
        at += 1;
    }
}

/// A Report's JSON text in the layout the JavaScript glue reads lazily: a
/// newline before and after the value of `normalized` (the text unchanged
/// when there is none). Compact JSON never holds a raw newline, so the glue
/// finds the value with `indexOf`/`lastIndexOf`, parses the rest with a
/// `null` in its place, and parses the value only on first access.
pub fn lazy_layout(json: String) -> String {
    let Some(range) = member_value_range(&json, "normalized") else {
        return json;
    };
    let mut out = json;
    out.insert(range.end, '\n');
    out.insert(range.start, '\n');
    out
}

fn thrown(result: Result<String, Misuse>) -> Result<String, JsValue> {
    result.map_err(|misuse| JsValue::from_str(&misuse.to_json()))
}

// --- the input buffer --------------------------------------------------------
//
// wasm-bindgen copies a string argument into WebAssembly memory one UTF-16
// unit at a time in JavaScript while it is ASCII, which costs about 2 µs
// for a 1 KB pool (a tenth of a `check` of it). The glue instead asks for a
// buffer here, writes the JSON texts of a call into it one after the other
// with `TextEncoder.encodeInto` (about 0.1 µs per KB), then calls the
// `runInput` export with their lengths in bytes.

thread_local! {
    /// The bytes of the next `runInput` call, written by JavaScript.
    static INPUT: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

/// A buffer kept for the next input is at most this large; a larger one
/// is freed after its call.
const KEPT_INPUT_CAPACITY: usize = 64 * 1024;

/// Make the input buffer `len` bytes long (zeroed) and give its address in
/// WebAssembly memory, for JavaScript to write the next input's UTF-8 into
/// (`TextEncoder.encodeInto` of a string of `n` UTF-16 units needs at most
/// `3 * n` bytes).
pub fn input_buffer(len: usize) -> usize {
    let mut buffer = INPUT.take();
    buffer.clear();
    buffer.resize(len, 0);
    let address = buffer.as_mut_ptr() as usize;
    INPUT.set(buffer);
    address
}

/// Run `f` on the texts at the start of the input buffer, one after the
/// other, `lens[i]` bytes each. The buffer is kept for the next call unless
/// it is large. Bytes that are not UTF-8 (never what `encodeInto` writes)
/// or lengths beyond the buffer are an `invalid_argument` misuse.
pub fn with_inputs<const N: usize, T>(
    lens: [usize; N],
    f: impl FnOnce([&str; N]) -> Result<T, Misuse>,
) -> Result<T, Misuse> {
    let buffer = INPUT.take();
    let mut start = 0usize;
    let texts = lens.map(|len| {
        let end = start.saturating_add(len);
        let text = buffer.get(start..end).map(std::str::from_utf8);
        start = end;
        text
    });
    let result = if texts.iter().all(|text| matches!(text, Some(Ok(_)))) {
        f(texts.map(|text| text.and_then(Result::ok).unwrap_or_default()))
    } else {
        Err(Misuse::new(
            "invalid_argument",
            "The input buffer does not hold that many bytes of UTF-8.".to_string(),
        ))
    };
    if buffer.capacity() <= KEPT_INPUT_CAPACITY {
        INPUT.set(buffer);
    }
    result
}

/// [`with_inputs`] of one text.
pub fn with_input<T>(len: usize, f: impl FnOnce(&str) -> Result<T, Misuse>) -> Result<T, Misuse> {
    with_inputs([len], |[text]| f(text))
}

/// `inputBuffer(len)`: the address of a zeroed buffer of `len` bytes for
/// the next `runInput` call ([`input_buffer`]).
#[wasm_bindgen(js_name = inputBuffer)]
pub fn wasm_input_buffer(len: usize) -> usize {
    input_buffer(len)
}

// --- the calls ------------------------------------------------------------------
//
// Two exports carry every call: `run` with the texts as wasm-bindgen
// strings, `runInput` with them in the input buffer. One export per call
// and per way of passing the texts would cost a wasm-bindgen shim each,
// about 5 KB of the web `.wasm` (docs/DECISIONS.md, "The raw layer's
// exports"). `js/api.js` names the numbers in its `OP`.

/// The calls `run` and `runInput` make, by number.
pub mod op {
    /// `check(target, input, pool?)`: a Report ([`super::lazy_layout`]).
    pub const CHECK: u32 = 0;
    /// `planUpdate(current, desired)`: a Report with its plan
    /// ([`super::lazy_layout`]).
    pub const PLAN_UPDATE: u32 = 1;
    /// `resolveCredentials(context)`: a Report with its decision
    /// ([`super::lazy_layout`]).
    pub const RESOLVE_CREDENTIALS: u32 = 2;
    /// `auditTrust(context)`: a Report with its audit.
    pub const AUDIT_TRUST: u32 = 3;
    /// `loginKeys(pool)`: a JSON array of login keys.
    pub const LOGIN_KEYS: u32 = 4;
    /// `samlRoles(response)`: a JSON array of roles.
    pub const SAML_ROLES: u32 = 5;
    /// `parseIdentityPoolId(s)`: `{"region","guid"}` or `null`.
    pub const PARSE_IDENTITY_POOL_ID: u32 = 6;
    /// `targets()`: every target name, as a JSON array.
    pub const TARGETS: u32 = 7;
    /// The library version, e.g. `0.1.0` (plain text, not JSON).
    pub const VERSION: u32 = 8;
    /// `runInput` only: the Report for an input of `first` UTF-8 bytes over
    /// the size limit, without the input ([`super::lazy_layout`]).
    pub const CHECK_TOO_LARGE: u32 = 9;
}

/// The answer to call `op` on the texts `first` and `second` (`target`
/// for `check`); what each call reads is listed in [`op`]. An unknown
/// number is an `invalid_argument` misuse.
pub fn answer(op: u32, target: &str, first: &str, second: Option<&str>) -> Result<String, Misuse> {
    Ok(match op {
        op::CHECK => lazy_layout(check_json(target, first, second)?),
        op::PLAN_UPDATE => lazy_layout(plan_update_json(first, second.unwrap_or_default())),
        op::RESOLVE_CREDENTIALS => lazy_layout(resolve_credentials_json(first)),
        op::AUDIT_TRUST => audit_trust_json(first),
        op::LOGIN_KEYS => login_keys_json(first)?,
        op::SAML_ROLES => saml_roles_json(first)?,
        op::PARSE_IDENTITY_POOL_ID => parse_identity_pool_id_json(first),
        op::TARGETS => targets_json(),
        op::VERSION => idpool::VERSION.to_string(),
        _ => {
            return Err(Misuse::new(
                "invalid_argument",
                "The raw layer has no call of that number.".to_string(),
            ));
        }
    })
}

/// `run(op, target, first, second?)`: [`answer`], the texts passed as
/// strings.
#[wasm_bindgen(js_name = run)]
pub fn wasm_run(
    op: u32,
    target: &str,
    first: &str,
    second: Option<String>,
) -> Result<String, JsValue> {
    thrown(answer(op, target, first, second.as_deref()))
}

/// `runInput(op, target, firstLen, secondLen?)`: [`answer`] of the texts
/// in the input buffer ([`input_buffer`]), `firstLen` and `secondLen`
/// bytes one after the other; or, for [`op::CHECK_TOO_LARGE`], the Report
/// for an input of `firstLen` bytes that was never copied in.
#[wasm_bindgen(js_name = runInput)]
pub fn wasm_run_input(
    op: u32,
    target: &str,
    first_len: usize,
    second_len: Option<usize>,
) -> Result<String, JsValue> {
    thrown(match (op, second_len) {
        (op::CHECK_TOO_LARGE, _) => check_too_large_json(target, first_len).map(lazy_layout),
        (_, Some(second_len)) => with_inputs([first_len, second_len], |[first, second]| {
            answer(op, target, first, Some(second))
        }),
        (_, None) => with_input(first_len, |first| answer(op, target, first, None)),
    })
}

/// `wasmMemory()`: the WebAssembly memory, where [`input_buffer`] points.
/// (The module's own export of it is named `memory`.)
#[wasm_bindgen(js_name = wasmMemory)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// The default size limit on input, in bytes.
#[wasm_bindgen(js_name = maxInputBytes)]
pub fn wasm_max_input_bytes() -> usize {
    Limits::default().max_input_bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    const POOL: &str = r#"{"IdentityPoolId":"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0","IdentityPoolName":"p","AllowUnauthenticatedIdentities":false,"SupportedLoginProviders":{"graph.facebook.com":"123"}}"#;

    #[test]
    fn version_is_the_core_version() {
        assert_eq!(answer(op::VERSION, "", "", None).unwrap(), idpool::VERSION);
    }

    #[test]
    fn every_call_answers_by_its_number() {
        let pool = Some(POOL);
        let laid_out = |json: String| lazy_layout(json);
        assert_eq!(
            answer(op::CHECK, "IdentityPool", POOL, None).unwrap(),
            laid_out(check_json("IdentityPool", POOL, None).unwrap())
        );
        assert_eq!(
            answer(op::CHECK, "GetId", r#"{"IdentityPoolId":"x"}"#, pool).unwrap(),
            laid_out(check_json("GetId", r#"{"IdentityPoolId":"x"}"#, pool).unwrap())
        );
        assert_eq!(
            answer(op::PLAN_UPDATE, "", POOL, pool).unwrap(),
            laid_out(plan_update_json(POOL, POOL))
        );
        assert_eq!(
            answer(op::RESOLVE_CREDENTIALS, "", "{}", None).unwrap(),
            laid_out(resolve_credentials_json("{}"))
        );
        assert_eq!(
            answer(op::AUDIT_TRUST, "", "{}", None).unwrap(),
            audit_trust_json("{}")
        );
        assert_eq!(
            answer(op::LOGIN_KEYS, "", POOL, None).unwrap(),
            login_keys_json(POOL).unwrap()
        );
        assert_eq!(
            answer(op::SAML_ROLES, "", "%", None).unwrap_err(),
            saml_roles_json("%").unwrap_err()
        );
        assert_eq!(
            answer(
                op::PARSE_IDENTITY_POOL_ID,
                "",
                "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
                None
            )
            .unwrap(),
            r#"{"region":"us-east-1","guid":"0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"}"#
        );
        assert_eq!(answer(op::TARGETS, "", "", None).unwrap(), targets_json());
        // The too-large report exists only without its input (runInput).
        for unknown in [op::CHECK_TOO_LARGE, 10, u32::MAX] {
            let misuse = answer(unknown, "", "", None).unwrap_err();
            assert_eq!(misuse.code, "invalid_argument");
        }
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
    fn lazy_layout_puts_newlines_around_normalized_only() {
        let input = r#"{"IdentityPoolId":"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0","IdentityPoolName":"a\"normalized\":{[","AllowUnauthenticatedIdentities":false,"SupportedLoginProviders":{"Facebook":"1","normalized":"}"}}"#;
        let json = check_json("IdentityPool", input, None).unwrap();
        let laid = lazy_layout(json.clone());
        assert_eq!(laid.matches('\n').count(), 2, "{laid}");
        assert_eq!(laid.replace('\n', ""), json);
        let (head, rest) = laid.split_once('\n').unwrap();
        let (value, tail) = rest.split_once('\n').unwrap();
        assert!(head.ends_with(r#","normalized":"#), "{head}");
        assert!(tail.starts_with(r#","changes":"#), "{tail}");
        let normalized: serde_json::Value = serde_json::from_str(value).unwrap();
        assert_eq!(
            normalized["SupportedLoginProviders"]["graph.facebook.com"],
            "1"
        );
        assert_eq!(normalized["IdentityPoolName"], "a\"normalized\":{[");
    }

    #[test]
    fn lazy_layout_leaves_reports_without_normalized_alone() {
        let json = check_json("IdentityPool", "{", None).unwrap();
        assert!(!json.contains("\"normalized\""), "{json}");
        assert_eq!(lazy_layout(json.clone()), json);
        // Not an object, or cut short: unchanged, never a panic.
        for text in [
            "",
            "[]",
            "{",
            r#"{"a""#,
            r#"{"a":"#,
            r#"{"a":[}"#,
            r#"{"a":"\"#,
            "{]",
        ] {
            assert_eq!(lazy_layout(text.to_string()), text);
        }
    }

    #[test]
    fn member_value_range_finds_top_level_members() {
        let json =
            r#"{"a":{"normalized":1},"b":"\"normalized\":","normalized":[1,{"x":"]"}],"c":true}"#;
        let range = member_value_range(json, "normalized").unwrap();
        assert_eq!(&json[range], r#"[1,{"x":"]"}]"#);
        assert_eq!(&json[member_value_range(json, "c").unwrap()], "true");
        assert_eq!(
            &json[member_value_range(json, "a").unwrap()],
            r#"{"normalized":1}"#
        );
        assert_eq!(member_value_range(json, "x"), None);
        let scalar = r#"{"normalized":12.5e3}"#;
        assert_eq!(
            &scalar[member_value_range(scalar, "normalized").unwrap()],
            "12.5e3"
        );
    }

    #[test]
    fn json_strings_are_written_as_serde_json_writes_them() {
        let mut every: String = (0u8..0x80).map(char::from).collect();
        every.push_str("é€😀\u{7f}\u{2028}");
        for text in [every.as_str(), "", "plain", "\"", "\\", "a\u{0}b\u{1f}"] {
            let mut out = String::new();
            push_json_string(&mut out, text);
            assert_eq!(out, serde_json::to_string(text).unwrap(), "{text:?}");
        }
        assert_eq!(
            targets_json(),
            serde_json::to_string(&idpool::targets().collect::<Vec<_>>()).unwrap()
        );
    }

    #[test]
    fn roles_and_login_keys_are_written_as_their_serde_form() {
        let roles = vec![
            idpool::SamlRole {
                role_arn: "arn:aws:iam::123456789012:role/A\"b".to_string(),
                provider_arn: "arn:aws:iam::123456789012:saml-provider/P".to_string(),
            },
            idpool::SamlRole {
                role_arn: "arn:aws:iam::123456789012:role/B".to_string(),
                provider_arn: "arn:aws:iam::123456789012:saml-provider/Q".to_string(),
            },
        ];
        assert_eq!(roles_json(&roles), serde_json::to_string(&roles).unwrap());
        assert_eq!(roles_json(&[]), "[]");
        let kinds = [
            ProviderKind::Social,
            ProviderKind::Oidc,
            ProviderKind::UserPool,
            ProviderKind::Saml,
            ProviderKind::Developer,
        ];
        let keys: Vec<idpool::LoginKey> = kinds
            .iter()
            .enumerate()
            .map(|(i, &kind)| idpool::LoginKey {
                key: format!("key{i}\n"),
                kind,
                provider: format!("provider{i}"),
                client_ids: (0..i).map(|c| format!("client{c}")).collect(),
            })
            .collect();
        assert_eq!(
            login_keys_text(&keys),
            serde_json::to_string(&keys).unwrap()
        );
        assert_eq!(login_keys_text(&[]), "[]");
    }

    #[test]
    fn a_misuse_is_written_with_the_cores_issue() {
        let misuse = login_keys_json("{\"a\":").unwrap_err();
        let issue = misuse.issue.as_deref().unwrap();
        assert_eq!(
            misuse.to_json(),
            format!(
                r#"{{"code":"invalid_argument","message":{},"issue":{}}}"#,
                serde_json::to_string(&issue.message).unwrap(),
                serde_json::to_string(issue).unwrap()
            )
        );
        let saml = saml_roles_json("not base64!").unwrap_err();
        assert_eq!(
            saml.to_json(),
            r#"{"code":"saml_invalid","message":"The SAML response is not base64.","reason":"base64"}"#
        );
        let unknown = check_json("identitypool", "{}", None).unwrap_err();
        assert_eq!(
            unknown.to_json(),
            format!(
                r#"{{"code":"unknown_target","message":{},"suggestion":"IdentityPool"}}"#,
                serde_json::to_string(&unknown.message).unwrap()
            )
        );
    }

    #[test]
    fn the_input_buffer_is_zeroed_and_bounded() {
        input_buffer(4);
        assert_eq!(
            with_input(4, |text| Ok(text.to_string())).unwrap(),
            "\0\0\0\0"
        );
        // Kept for the next call, and cleared by it.
        input_buffer(2);
        assert_eq!(with_input(0, |text| Ok(text.len())).unwrap(), 0);
        assert_eq!(with_input(2, |text| Ok(text.len())).unwrap(), 2);
        let misuse = with_input(3, |text| Ok(text.len())).unwrap_err();
        assert_eq!(misuse.code, "invalid_argument");
        // A large buffer is not kept.
        input_buffer(KEPT_INPUT_CAPACITY + 1);
        assert_eq!(with_input(1, |text| Ok(text.len())).unwrap(), 1);
        let kept = INPUT.take();
        assert_eq!(kept.capacity(), 0);
        // Texts one after the other.
        input_buffer(5);
        let texts = with_inputs([2, 0, 3], |[a, b, c]| Ok([a.len(), b.len(), c.len()]));
        assert_eq!(texts.unwrap(), [2, 0, 3]);
        assert!(with_inputs([3, 3], |_| Ok(())).is_err());
        assert!(with_inputs([1, usize::MAX], |_| Ok(())).is_err());
        // What check_json says is passed through.
        input_buffer(2);
        let report = with_input(2, |text| check_json("IdentityPoolName", text, None)).unwrap();
        assert_eq!(
            report,
            check_json("IdentityPoolName", "\0\0", None).unwrap()
        );
    }

    #[test]
    fn targets_are_the_cores() {
        let json = targets_json();
        assert!(json.starts_with(r#"[""#));
        assert!(json.contains(r#""CreateIdentityPool""#));
        assert!(json.contains(r#""IdentityPool""#));
    }
}

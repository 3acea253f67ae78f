//! The roles table: `model/roles.json` (our annotations of the model) →
//! `core/src/schema/roles.rs`.
//!
//! A role says what a shape, or one position inside a shape, is for: a
//! sensitive value, an identity pool id, a map whose keys are login keys,
//! a list normalization deduplicates, a structure that configures a pool's
//! providers, a member that must hold a role ARN, ... The semantic and
//! normalization rules read these roles instead of keeping their own lists
//! of shape names. Every name in the annotations is checked against the
//! model, and each role against the kind of shape it may describe, so a
//! model update that renames or retypes a shape fails codegen loudly.

use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The annotations, relative to the repository root.
pub const ROLES_SOURCE: &str = "model/roles.json";
/// The generated Rust table, relative to the repository root.
pub const GENERATED_ROLES: &str = "core/src/schema/roles.rs";

/// The kind of shape a role may be given to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    String,
    List,
    Map,
    Structure,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::String => "string",
            Kind::List => "list",
            Kind::Map => "map",
            Kind::Structure => "structure",
        }
    }
}

/// Every shape role: its name in `roles.json`, the constant it becomes,
/// the kind of shape it applies to, and its documentation. The bit of a
/// role is its position here.
const SHAPE_ROLES: &[(&str, &str, Kind, &str)] = &[
    (
        "sensitive",
        "SENSITIVE",
        Kind::String,
        "A secret, never echoed: the model's sensitive trait, and credentials the model leaves unmarked (`SessionTokenString`).",
    ),
    (
        "verbatim",
        "VERBATIM",
        Kind::String,
        "Kept exactly as given by normalization (tag values).",
    ),
    (
        "identity_pool_id",
        "IDENTITY_POOL_ID",
        Kind::String,
        "An identity pool id, `<region>:<guid>`.",
    ),
    (
        "identity_id",
        "IDENTITY_ID",
        Kind::String,
        "An identity id, `<region>:<guid>`.",
    ),
    (
        "user_pool_provider_name",
        "USER_POOL_PROVIDER_NAME",
        Kind::String,
        "A user-pool provider name, `cognito-idp.<region>.amazonaws.com/<user pool id>`.",
    ),
    (
        "login_key",
        "LOGIN_KEY",
        Kind::String,
        "A string value that is a Logins key (entries of `LoginsToRemove`, `IdentityProviderName`).",
    ),
    (
        "login_key_map",
        "LOGIN_KEY_MAP",
        Kind::Map,
        "A map whose keys are Logins keys (`Logins`, `RoleMappings`).",
    ),
    (
        "social_key_map",
        "SOCIAL_KEY_MAP",
        Kind::Map,
        "A map whose keys name social providers (`SupportedLoginProviders`).",
    ),
    (
        "logins",
        "LOGINS",
        Kind::Map,
        "A map of login tokens sent to the service under their provider's key.",
    ),
    (
        "deduplicated",
        "DEDUPLICATED",
        Kind::List,
        "A list whose repeated identical entries normalization removes.",
    ),
    (
        "tag_map",
        "TAG_MAP",
        Kind::Map,
        "A pool's tags, key to value.",
    ),
    (
        "tag_key_list",
        "TAG_KEY_LIST",
        Kind::List,
        "A list of tag keys.",
    ),
    (
        "pool",
        "POOL",
        Kind::Structure,
        "A structure that configures a pool's login providers.",
    ),
    (
        "role_mapping",
        "ROLE_MAPPING",
        Kind::Structure,
        "One role mapping (`Type`, `RulesConfiguration`, `AmbiguousRoleResolution`).",
    ),
    (
        "pool_roles",
        "POOL_ROLES",
        Kind::Structure,
        "A structure whose `RoleMappings` keys must be providers of the pool.",
    ),
    (
        "credentials_call",
        "CREDENTIALS_CALL",
        Kind::Structure,
        "The input of a call the SDKs' credential providers make with `Logins` (`GetId`, `GetCredentialsForIdentity`).",
    ),
];

/// The documentation of the derived roles, computed from the others.
const HOLDS_SECRET_DOC: &str = "Derived, never annotated: the shape is sensitive, or one of its members, list entries or map values holds a sensitive value.";
const WALKED_DOC: &str = "Derived, never annotated: a semantic rule may apply at or under a value of this shape (a role the semantic walk acts on, or an ARN slot, at or under it); the walk skips other values.";
const NAMES_IDS_DOC: &str = "Derived, never annotated: a structure with a member that is an identity pool id or an identity id.";

/// The shape roles the semantic walk acts on, at the value itself or on
/// its members; the derived role `WALKED` marks the shapes that have one
/// (or an ARN slot) at or under them.
const SEMANTIC_ROLES: &[&str] = &[
    "identity_pool_id",
    "identity_id",
    "logins",
    "tag_map",
    "tag_key_list",
    "pool",
    "role_mapping",
    "pool_roles",
];

/// Every slot role: its name in `roles.json`, its variant, documentation.
const SLOT_ROLES: &[(&str, &str, &str)] = &[
    ("role_arn", "RoleArn", "An IAM role ARN."),
    (
        "identity_pool_arn",
        "IdentityPoolArn",
        "An identity pool ARN.",
    ),
    (
        "oidc_provider_arn",
        "OidcProviderArn",
        "An IAM OIDC provider ARN.",
    ),
    (
        "saml_provider_arn",
        "SamlProviderArn",
        "An IAM SAML provider ARN.",
    ),
];

fn kind_of(shape: &Value) -> Option<Kind> {
    match shape.get("type").and_then(Value::as_str)? {
        "string" => Some(Kind::String),
        "list" => Some(Kind::List),
        "map" => Some(Kind::Map),
        "structure" => Some(Kind::Structure),
        _ => None,
    }
}

/// The roles of the model's shapes, checked against the model.
struct Table {
    /// Shape name → bit set of shape roles (without the derived role).
    roles: BTreeMap<String, u32>,
    /// Collection name → slot of its entries (list) or values (map).
    entry_slots: BTreeMap<String, usize>,
    /// (structure, member) → slot.
    member_slots: BTreeMap<(String, String), usize>,
}

fn read_table(shapes: &Map<String, Value>, annotations: &Value) -> Result<Table, String> {
    let object = annotations.as_object().ok_or("roles.json: not an object")?;
    for key in object.keys() {
        if !["about", "shapes", "slots"].contains(&key.as_str()) {
            return Err(format!("roles.json: unknown section {key:?}"));
        }
    }
    let mut roles: BTreeMap<String, u32> = BTreeMap::new();
    let shape_roles = object
        .get("shapes")
        .and_then(Value::as_object)
        .ok_or("roles.json: no \"shapes\" object")?;
    for (name, list) in shape_roles {
        let shape = shapes
            .get(name)
            .ok_or_else(|| format!("roles.json: unknown shape {name:?}"))?;
        let kind = kind_of(shape);
        let list = list
            .as_array()
            .ok_or_else(|| format!("roles.json: roles of {name} are not a list"))?;
        let mut bits = 0u32;
        for role in list {
            let role = role
                .as_str()
                .ok_or_else(|| format!("roles.json: a role of {name} is not a string"))?;
            let (bit, (_, _, wanted, _)) = SHAPE_ROLES
                .iter()
                .enumerate()
                .find(|(_, (r, ..))| *r == role)
                .ok_or_else(|| format!("roles.json: unknown role {role:?} of {name}"))?;
            if kind != Some(*wanted) {
                return Err(format!(
                    "roles.json: {name} is not a {} shape, so it cannot be {role:?}",
                    wanted.name()
                ));
            }
            bits |= 1 << bit;
        }
        roles.insert(name.clone(), bits);
    }
    // The model's sensitive trait must be carried over: forgetting it would
    // echo a secret.
    let sensitive_bit = 1u32
        << SHAPE_ROLES
            .iter()
            .position(|(r, ..)| *r == "sensitive")
            .expect("the sensitive role exists");
    for (name, shape) in shapes {
        if shape.get("sensitive").and_then(Value::as_bool) == Some(true)
            && roles.get(name).is_none_or(|bits| bits & sensitive_bit == 0)
        {
            return Err(format!(
                "roles.json: {name} is sensitive in the model but not annotated \"sensitive\""
            ));
        }
    }

    let mut entry_slots = BTreeMap::new();
    let mut member_slots = BTreeMap::new();
    let slots = object
        .get("slots")
        .and_then(Value::as_object)
        .ok_or("roles.json: no \"slots\" object")?;
    for (position, slot) in slots {
        let slot = slot
            .as_str()
            .ok_or_else(|| format!("roles.json: slot of {position} is not a string"))?;
        let index = SLOT_ROLES
            .iter()
            .position(|(s, ..)| *s == slot)
            .ok_or_else(|| format!("roles.json: unknown slot role {slot:?} of {position}"))?;
        let (owner, part) = position
            .split_once('.')
            .ok_or_else(|| format!("roles.json: slot {position:?} is not Shape.position"))?;
        let shape = shapes
            .get(owner)
            .ok_or_else(|| format!("roles.json: unknown shape {owner:?} in slot {position}"))?;
        let target = match (kind_of(shape), part) {
            (Some(Kind::List), "member") => &shape["member"]["shape"],
            (Some(Kind::Map), "value") => &shape["value"]["shape"],
            (Some(Kind::Structure), member) => shape
                .get("members")
                .and_then(|m| m.get(member))
                .map(|m| &m["shape"])
                .ok_or_else(|| {
                    format!("roles.json: {owner} has no member {member:?} (slot {position})")
                })?,
            _ => {
                return Err(format!(
                    "roles.json: {position:?} names no position: use List.member, Map.value or Structure.Member"
                ));
            }
        };
        let target = target.as_str().unwrap_or_default();
        if shapes.get(target).and_then(kind_of) != Some(Kind::String) {
            return Err(format!(
                "roles.json: slot {position} holds {target}, which is not a string shape"
            ));
        }
        if kind_of(shape) == Some(Kind::Structure) {
            member_slots.insert((owner.to_string(), part.to_string()), index);
        } else {
            entry_slots.insert(owner.to_string(), index);
        }
    }
    Ok(Table {
        roles,
        entry_slots,
        member_slots,
    })
}

/// Whether a value of `name` is, or may contain, a sensitive value.
fn holds_secret(
    shapes: &Map<String, Value>,
    table: &Table,
    name: &str,
    depth: usize,
) -> Result<bool, String> {
    if depth > 32 {
        return Err(format!("shape {name} nests more than 32 levels (a cycle?)"));
    }
    let shape = shapes
        .get(name)
        .ok_or_else(|| format!("unknown shape {name}"))?;
    let sensitive_bit = 1u32
        << SHAPE_ROLES
            .iter()
            .position(|(r, ..)| *r == "sensitive")
            .unwrap_or(0);
    let child = |target: &Value| -> Result<bool, String> {
        holds_secret(
            shapes,
            table,
            target.as_str().unwrap_or_default(),
            depth + 1,
        )
    };
    Ok(match kind_of(shape) {
        Some(Kind::String) => table
            .roles
            .get(name)
            .is_some_and(|b| b & sensitive_bit != 0),
        Some(Kind::List) => child(&shape["member"]["shape"])?,
        Some(Kind::Map) => child(&shape["value"]["shape"])?,
        Some(Kind::Structure) => {
            let mut any = false;
            for member in shape
                .get("members")
                .and_then(Value::as_object)
                .into_iter()
                .flat_map(|m| m.values())
            {
                any |= child(&member["shape"])?;
            }
            any
        }
        None => false,
    })
}

/// Whether the structure `name` has a member whose shape is an identity
/// pool id or an identity id.
fn names_ids(shapes: &Map<String, Value>, table: &Table, name: &str) -> bool {
    let id_bits = SHAPE_ROLES
        .iter()
        .enumerate()
        .filter(|(_, (r, ..))| matches!(*r, "identity_pool_id" | "identity_id"))
        .fold(0u32, |bits, (bit, _)| bits | 1 << bit);
    shapes[name]
        .get("members")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|m| m.values())
        .filter_map(|m| m["shape"].as_str())
        .any(|shape| table.roles.get(shape).is_some_and(|b| b & id_bits != 0))
}

/// Whether a semantic rule may apply at or under a value of `name`.
fn walked(
    shapes: &Map<String, Value>,
    table: &Table,
    name: &str,
    depth: usize,
) -> Result<bool, String> {
    if depth > 32 {
        return Err(format!("shape {name} nests more than 32 levels (a cycle?)"));
    }
    let semantic_bits = SHAPE_ROLES
        .iter()
        .enumerate()
        .filter(|(_, (r, ..))| SEMANTIC_ROLES.contains(r))
        .fold(0u32, |bits, (bit, _)| bits | 1 << bit);
    if table
        .roles
        .get(name)
        .is_some_and(|b| b & semantic_bits != 0)
        || table.entry_slots.contains_key(name)
        || table.member_slots.keys().any(|(owner, _)| owner == name)
    {
        return Ok(true);
    }
    let shape = &shapes[name];
    let mut children: Vec<&str> = Vec::new();
    for key in ["member", "value"] {
        if let Some(target) = shape.get(key).and_then(|t| t["shape"].as_str()) {
            children.push(target);
        }
    }
    if let Some(members) = shape.get("members").and_then(Value::as_object) {
        children.extend(members.values().filter_map(|m| m["shape"].as_str()));
    }
    for child in children {
        if walked(shapes, table, child, depth + 1)? {
            return Ok(true);
        }
    }
    Ok(false)
}

fn roles_expression(bits: u32, holds: bool, walked: bool, names_ids: bool) -> String {
    let mut names: Vec<&str> = SHAPE_ROLES
        .iter()
        .enumerate()
        .filter(|(bit, _)| bits & (1 << bit) != 0)
        .map(|(_, (_, constant, ..))| *constant)
        .collect();
    if holds {
        names.push("HOLDS_SECRET");
    }
    if walked {
        names.push("WALKED");
    }
    if names_ids {
        names.push("NAMES_IDS");
    }
    let mut out = String::from("Roles::NONE");
    for name in names {
        write!(out, ".with(Roles::{name})").unwrap();
    }
    out
}

/// Generate the roles table from the stripped model and the annotations.
pub fn generate_roles(stripped: &str, annotations: &str) -> Result<String, String> {
    let model: Value =
        serde_json::from_str(stripped).map_err(|e| format!("stripped model: {e}"))?;
    let annotations: Value =
        serde_json::from_str(annotations).map_err(|e| format!("roles.json: {e}"))?;
    let shapes = model["shapes"].as_object().ok_or("no shapes")?;
    let table = read_table(shapes, &annotations)?;
    let mut names: Vec<&String> = shapes.keys().collect();
    names.sort();
    let slot = |index: Option<&usize>| match index {
        Some(i) => format!("Some(Slot::{})", SLOT_ROLES[*i].1),
        None => "None".to_string(),
    };

    let mut out = String::new();
    writeln!(
        out,
        "// @generated by `cargo run -p xtask -- codegen` from model/roles.json and core/model/cognito-identity.json."
    )
    .unwrap();
    writeln!(
        out,
        "// Do not edit: a test regenerates this file and fails on any difference."
    )
    .unwrap();
    writeln!(out).unwrap();
    writeln!(out, "use super::Roles;").unwrap();
    writeln!(out).unwrap();
    writeln!(out, "impl Roles {{").unwrap();
    for (bit, (_, constant, _, doc)) in SHAPE_ROLES.iter().enumerate() {
        writeln!(out, "    /// {doc}").unwrap();
        writeln!(out, "    pub const {constant}: Roles = Roles(1 << {bit});").unwrap();
    }
    writeln!(out, "    /// {HOLDS_SECRET_DOC}").unwrap();
    writeln!(
        out,
        "    pub const HOLDS_SECRET: Roles = Roles(1 << {});",
        SHAPE_ROLES.len()
    )
    .unwrap();
    writeln!(out, "    /// {WALKED_DOC}").unwrap();
    writeln!(
        out,
        "    pub const WALKED: Roles = Roles(1 << {});",
        SHAPE_ROLES.len() + 2
    )
    .unwrap();
    writeln!(out, "    /// {NAMES_IDS_DOC}").unwrap();
    writeln!(
        out,
        "    pub const NAMES_IDS: Roles = Roles(1 << {});",
        SHAPE_ROLES.len() + 1
    )
    .unwrap();
    writeln!(out, "}}").unwrap();
    writeln!(out).unwrap();
    writeln!(
        out,
        "/// What a string in a slot must name (model/roles.json, \"slots\")."
    )
    .unwrap();
    writeln!(out, "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]").unwrap();
    writeln!(out, "pub enum Slot {{").unwrap();
    for (_, variant, doc) in SLOT_ROLES {
        writeln!(out, "    /// {doc}").unwrap();
        writeln!(out, "    {variant},").unwrap();
    }
    writeln!(out, "}}").unwrap();
    writeln!(out).unwrap();

    writeln!(out, "/// The roles of every shape, indexed by `ShapeId`.").unwrap();
    writeln!(
        out,
        "pub(crate) static SHAPE_ROLES: [Roles; {}] = [",
        names.len()
    )
    .unwrap();
    for name in &names {
        let bits = table.roles.get(name.as_str()).copied().unwrap_or(0);
        let holds = holds_secret(shapes, &table, name, 0)?;
        let walked = walked(shapes, &table, name, 0)?;
        let names_ids = names_ids(shapes, &table, name);
        writeln!(
            out,
            "    {}, // {name}",
            roles_expression(bits, holds, walked, names_ids)
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(out).unwrap();

    writeln!(
        out,
        "/// The slot of the entries of each list, or of the values of each map, indexed by `ShapeId`."
    )
    .unwrap();
    writeln!(
        out,
        "pub(crate) static ENTRY_SLOTS: [Option<Slot>; {}] = [",
        names.len()
    )
    .unwrap();
    for name in &names {
        writeln!(
            out,
            "    {}, // {name}",
            slot(table.entry_slots.get(name.as_str()))
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(out).unwrap();

    writeln!(
        out,
        "/// The slot of each member of each structure, in the table's member order, indexed by `ShapeId` (empty when no member has one)."
    )
    .unwrap();
    writeln!(
        out,
        "pub(crate) static MEMBER_SLOTS: [&[Option<Slot>]; {}] = [",
        names.len()
    )
    .unwrap();
    for name in &names {
        let members: Vec<&String> = shapes[name.as_str()]
            .get("members")
            .and_then(Value::as_object)
            .map(|m| m.keys().collect())
            .unwrap_or_default();
        let slots: Vec<String> = members
            .iter()
            .map(|member| {
                slot(
                    table
                        .member_slots
                        .get(&(name.to_string(), member.to_string())),
                )
            })
            .collect();
        if slots.iter().all(|s| s == "None") {
            writeln!(out, "    &[], // {name}").unwrap();
        } else {
            writeln!(out, "    &[{}], // {name}", slots.join(", ")).unwrap();
        }
    }
    writeln!(out, "];").unwrap();
    Ok(out)
}

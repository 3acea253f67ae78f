#!/usr/bin/env python3
"""Generate the shared conformance vectors in tests/vectors/ from the model.

    python3 scripts/gen-vectors.py           # (re)write the vector files
    python3 scripts/gen-vectors.py --check   # exit 1 if the files are stale

Reads the facts-only model core/model/cognito-identity.json and writes

    tests/vectors/boundaries.json   every length / size / range boundary
                                    reachable from the base inputs
    tests/vectors/constraints.json  base inputs, pattern, enum, type,
                                    unknown member, required, null,
                                    duplicate key, not-JSON, service
                                    messages, multi-error ordering, shape
                                    targets

Standard library only, deterministic output. Every expected error list is
computed by the independent oracle below (a small validator driven by the
model); every hand-written case also states its expected errors, and the
script refuses to write anything if the two disagree.
"""

import base64
import copy
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MODEL_PATH = os.path.join(ROOT, "core", "model", "cognito-identity.json")
OUT_DIR = os.path.join(ROOT, "tests", "vectors")
GENERATED_BY = "scripts/gen-vectors.py"

with open(MODEL_PATH, encoding="utf-8") as _f:
    MODEL = json.load(_f)
SHAPES = MODEL["shapes"]
OPERATIONS = MODEL["operations"]

MAX_DEPTH = 64  # docs/REFERENCE.md section 10: nesting deeper than this is refused

# --------------------------------------------------------------------------
# Pattern dialect
#
# The model's patterns are Java regular expressions matched against the whole
# value. Java's \w is [A-Za-z0-9_] and \s is [ \t\n\x0B\f\r] (no
# UNICODE_CHARACTER_CLASS flag); Python's re with re.ASCII has exactly the
# same two classes (and so the same \S, the complement). Without re.ASCII,
# Python's \s would also accept \x1c-\x1f, \x85, \xa0, ... and \w would
# accept letters like "é": _check_dialect() proves the equivalence at start.
# \p{X} (Unicode general category X) has no Python re equivalent; patterns
# that are one class of such categories repeated, [\p{L}\p{M}...]+, are
# evaluated with unicodedata.category instead.
# --------------------------------------------------------------------------

JAVA_SPACE = frozenset(" \t\n\x0b\f\r")
JAVA_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
CATEGORY_CLASS = re.compile(r"\[((?:\\p\{[A-Z][a-z]?\})+)\]\+")



# Echoed values are cut at this many characters and end with "..."
# (our choice, docs/DECISIONS.md: it bounds every message).
MAX_RENDERED_CHARS = 4096


def echo(text):
    return text if len(text) <= MAX_RENDERED_CHARS else text[:MAX_RENDERED_CHARS] + "..."

def _check_dialect():
    space = re.compile(r"\s", re.ASCII)
    word = re.compile(r"\w", re.ASCII)
    nonspace = re.compile(r"[\S]", re.ASCII)
    points = list(range(0x10000)) + [0x1F600, 0x20000, 0xE0001, 0x10FFFD]
    for cp in points:
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        assert (space.fullmatch(c) is not None) == (c in JAVA_SPACE), hex(cp)
        assert (nonspace.fullmatch(c) is not None) == (c not in JAVA_SPACE), hex(cp)
        assert (word.fullmatch(c) is not None) == (c in JAVA_WORD), hex(cp)


def pattern_matches(pattern, text):
    """Whole-value match of a model (Java) pattern."""
    m = CATEGORY_CLASS.fullmatch(pattern)
    if m:
        cats = re.findall(r"\\p\{([A-Z][a-z]?)\}", m.group(1))
        return len(text) > 0 and all(
            any(unicodedata.category(c).startswith(cat) for cat in cats) for c in text
        )
    if "\\p" in pattern:
        raise ValueError("unsupported pattern: " + pattern)
    return re.fullmatch(pattern, text, re.ASCII) is not None


# --------------------------------------------------------------------------
# Oracle: validate a JSON value against a shape, following the ordering
# rules of the library (docs/REFERENCE.md sections 3 and 4).
# --------------------------------------------------------------------------


class Obj:
    """A JSON object as its ordered (key, value) pairs; keeps repeated keys."""

    def __init__(self, pairs):
        self.pairs = list(pairs)


def to_oracle(value):
    if isinstance(value, dict):
        return Obj((k, to_oracle(v)) for k, v in value.items())
    if isinstance(value, list):
        return [to_oracle(v) for v in value]
    return value


def parse_text(text):
    def no_constant(name):
        raise ValueError("not JSON: " + name)

    return json.loads(text, object_pairs_hook=Obj, parse_constant=no_constant)


def depth(value):
    if isinstance(value, Obj):
        return 1 + max((depth(v) for _, v in value.pairs), default=0)
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    return 0


def escape_token(token):
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer(tokens):
    return "".join("/" + escape_token(t) for t in tokens)


def lower_camel(name):
    return name[:1].lower() + name[1:]


RFC3339 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))"
)


def is_rfc3339(text):
    m = RFC3339.fullmatch(text)
    if not m:
        return False
    month, day, hour, minute, second = (int(m.group(i)) for i in (2, 3, 4, 5, 6))
    if not (1 <= month <= 12 and 1 <= day <= 31 and hour <= 23 and minute <= 59 and second <= 60):
        return False
    if m.group(9) is not None and (int(m.group(9)) > 23 or int(m.group(10)) > 59):
        return False
    return True


class Issue:
    def __init__(self, tokens, code, key=False, aws=None):
        self.tokens = list(tokens)
        self.path = pointer(tokens)
        self.code = code
        self.key = key
        # The single-constraint service text, only where its rendering is
        # certain (top-level or list-nested scalar, top-level required).
        self.aws = aws

    def as_json(self):
        out = {"path": self.path, "code": self.code}
        if self.key:
            out["key"] = True
        return out

    def as_tuple(self):
        return (self.path, self.code, self.key)


class Walker:
    def __init__(self):
        self.issues = []

    def add(self, tokens, code, key=False, aws=None):
        self.issues.append(Issue(tokens, code, key, aws))

    def required(self, tokens, svc, certain):
        aws = None
        if certain:
            aws = "Value null at '%s' failed to satisfy constraint: Member must not be null" % ".".join(svc)
        self.add(tokens, "required", aws=aws)

    def string(self, shape, text, tokens, svc, certain, key=False):
        constraints = []
        n = len(text)  # code points
        if "max" in shape and n > shape["max"]:
            constraints.append(("length", "Member must have length less than or equal to %d" % shape["max"]))
        if "min" in shape and n < shape["min"]:
            constraints.append(("length", "Member must have length greater than or equal to %d" % shape["min"]))
        if "pattern" in shape and not pattern_matches(shape["pattern"], text):
            constraints.append(("pattern", "Member must satisfy regular expression pattern: " + shape["pattern"]))
        if "enum" in shape and text not in shape["enum"]:
            constraints.append(("enum", "Member must satisfy enum value set: [%s]" % ", ".join(shape["enum"])))
        sure = certain and not key and not (shape.get("sensitive") and text)
        for code, constraint in constraints:
            aws = None
            if sure:
                aws = "Value '%s' at '%s' failed to satisfy constraint: %s" % (echo(text), ".".join(svc), constraint)
            self.add(tokens, code, key=key, aws=aws)

    def size(self, shape, count, tokens):
        if "max" in shape and count > shape["max"]:
            self.add(tokens, "length")
        elif "min" in shape and count < shape["min"]:
            self.add(tokens, "length")

    def walk(self, name, value, tokens, svc, certain):
        shape = SHAPES[name]
        kind = shape["type"]
        if kind == "string":
            if not isinstance(value, str):
                return self.add(tokens, "type")
            self.string(shape, value, tokens, svc, certain)
        elif kind == "boolean":
            if not isinstance(value, bool):
                self.add(tokens, "type")
        elif kind in ("integer", "long"):
            if isinstance(value, bool) or not isinstance(value, int):
                return self.add(tokens, "type")
            constraint = None
            if "max" in shape and value > shape["max"]:
                constraint = "Member must have value less than or equal to %d" % shape["max"]
            elif "min" in shape and value < shape["min"]:
                constraint = "Member must have value greater than or equal to %d" % shape["min"]
            if constraint:
                aws = None
                if certain:
                    aws = "Value '%d' at '%s' failed to satisfy constraint: %s" % (value, ".".join(svc), constraint)
                self.add(tokens, "range", aws=aws)
        elif kind == "timestamp":
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            if not (number or (isinstance(value, str) and is_rfc3339(value))):
                self.add(tokens, "type")
        elif kind == "structure":
            if not isinstance(value, Obj):
                return self.add(tokens, "type")
            members = shape["members"]
            required = [m for m in members if m in shape.get("required", [])]
            seen = set()
            for key, item in value.pairs:
                if key in seen:
                    self.add(tokens + [key], "syntax", key=True)
                    continue
                seen.add(key)
                if key not in members:
                    self.add(tokens + [key], "unknown_member")
                    continue
                if item is None:
                    if key in required:
                        self.required(tokens + [key], svc + [lower_camel(key)], certain)
                    continue
                self.walk(members[key]["shape"], item, tokens + [key], svc + [lower_camel(key)], certain)
            for member in required:
                if member not in seen:
                    self.required(tokens + [member], svc + [lower_camel(member)], certain)
        elif kind == "list":
            if not isinstance(value, list):
                return self.add(tokens, "type")
            self.size(shape, len(value), tokens)
            for index, item in enumerate(value):
                sub_svc = svc + [str(index + 1), "member"]
                if item is None:
                    self.required(tokens + [index], sub_svc, False)
                else:
                    self.walk(shape["member"]["shape"], item, tokens + [index], sub_svc, certain)
        elif kind == "map":
            if not isinstance(value, Obj):
                return self.add(tokens, "type")
            self.size(shape, len(value.pairs), tokens)
            key_shape = SHAPES[shape["key"]["shape"]]
            seen = set()
            for key, item in value.pairs:
                if key in seen:
                    self.add(tokens + [key], "syntax", key=True)
                    continue
                seen.add(key)
                # Below a map the service path is not certain: never rendered.
                self.string(key_shape, key, tokens + [key], svc + [key], False, key=True)
                if item is None:
                    self.required(tokens + [key], svc + [key], False)
                else:
                    self.walk(shape["value"]["shape"], item, tokens + [key], svc + [key], False)
        else:
            raise ValueError("shape kind not handled: " + kind)


def target_shape(target):
    if target in OPERATIONS:
        return OPERATIONS[target]["input"]
    if target in SHAPES:
        return target
    raise KeyError("unknown target " + target)


def oracle(target, value=None, text=None):
    """The ordered issues for an input (a Python value, or raw text)."""
    shape = target_shape(target)
    if text is not None:
        try:
            value = parse_text(text)
        except (ValueError, RecursionError):
            return [Issue([], "syntax")]
    else:
        value = to_oracle(value)
    if depth(value) > MAX_DEPTH:
        return [Issue([], "syntax")]
    walker = Walker()
    if value is None:
        walker.add([], "type")
    else:
        # Service paths are certain only below a structure root.
        walker.walk(shape, value, [], [], SHAPES[shape]["type"] == "structure")
    return walker.issues


def service_error(issues):
    if not issues:
        return None
    codes = {i.code for i in issues}
    if codes & {"syntax", "type"}:
        return {"type": "SerializationException"}
    if any(i.aws is None for i in issues):
        return None
    n = len(issues)
    head = "1 validation error detected: " if n == 1 else "%d validation errors detected: " % n
    return {"type": "ValidationException", "message": head + "; ".join(i.aws for i in issues)}


# --------------------------------------------------------------------------
# Case construction
# --------------------------------------------------------------------------

MISSING = object()
ALL_NAMES = set()


def non_integer_keys(value):
    if isinstance(value, dict):
        for k, v in value.items():
            assert not re.fullmatch(r"-?[0-9]+", k), "integer-like object key %r" % k
            non_integer_keys(v)
    elif isinstance(value, list):
        for v in value:
            non_integer_keys(v)


def make_case(name, target, provenance, source, value=MISSING, text=None, errors=None,
              service_message=None, expect_service=True):
    """Build one case. `errors` (hand-written (path, code[, key]) tuples) must
    agree with the oracle; `service_message` must equal the computed one."""
    assert name not in ALL_NAMES, "duplicate case name: " + name
    ALL_NAMES.add(name)
    assert provenance in ("model", "service", "documentation", "our-choice"), provenance
    if text is None:
        assert value is not MISSING
        non_integer_keys(value)
        issues = oracle(target, value=value)
    else:
        issues = oracle(target, text=text)
    got = [i.as_tuple() for i in issues]
    if errors is not None:
        want = [(e[0], e[1], len(e) > 2 and bool(e[2])) for e in errors]
        if want != got:
            raise AssertionError("case %r: expected %r, oracle says %r" % (name, want, got))
    case = {"name": name, "target": target}
    if text is None:
        case["input"] = value
    else:
        case["inputText"] = text
    case["ok"] = not issues
    case["errors"] = [i.as_json() for i in issues]
    se = service_error(issues) if expect_service else None
    if service_message is not None:
        assert se is not None and se.get("message") == service_message, (
            "case %r: service message %r != %r" % (name, se, service_message))
    if se is not None:
        case["serviceError"] = se
    case["provenance"] = provenance
    case["source"] = source
    return case


def deep(value):
    return copy.deepcopy(value)


def get_at(value, tokens):
    for t in tokens:
        value = value[t]
    return value


def set_at(value, tokens, new):
    """A copy of `value` with the value at `tokens` replaced (MISSING deletes)."""
    out = deep(value)
    parent = get_at(out, tokens[:-1])
    if new is MISSING:
        del parent[tokens[-1]]
    else:
        parent[tokens[-1]] = new
    return out


def rename_key(value, map_tokens, old, new):
    """A copy with one map key renamed in place (entry order kept)."""
    out = deep(value)
    m = get_at(out, map_tokens)
    renamed = {(new if k == old else k): v for k, v in m.items()}
    if map_tokens:
        get_at(out, map_tokens[:-1])[map_tokens[-1]] = renamed
        return out
    return renamed


# --------------------------------------------------------------------------
# Realistic base inputs
# --------------------------------------------------------------------------

ACCOUNT = "123456789012"
POOL_ID = "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
IDENTITY_ID = "us-east-1:1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
UP = "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI"
UP2 = "cognito-idp.us-east-1.amazonaws.com/us-east-1_ZyXwVuTsR"
UP_CLIENT = "1example23456789abcdefghij"
UP2_CLIENT = "7abcdefghijklmnopqrstuvwx0"
GOOGLE_CLIENT = "123456789012-abcdefghijklmnopqrstuvwxyz012345.apps.googleusercontent.com"
OIDC_HOST = "login.example.com"
DEV_PROVIDER = "login.myapp.example"
FACEBOOK_TOKEN = "EAAGm0PX4ZCpsBAExampleFacebookAccessToken0123456789abcdefZDZD"


def role(name):
    return "arn:aws:iam::%s:role/%s" % (ACCOUNT, name)


AUTH_ROLE = role("Cognito_MyAppAuth_Role")
UNAUTH_ROLE = role("Cognito_MyAppUnauth_Role")
OIDC_ARN = "arn:aws:iam::%s:oidc-provider/%s" % (ACCOUNT, OIDC_HOST)
SAML_ARN = "arn:aws:iam::%s:saml-provider/MyCorpIdP" % ACCOUNT


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def jwt(payload):
    """A structurally valid, unsigned-for-real JWT (tokens are decoded, not verified)."""
    header = {"kid": "exampleKeyId0123456789", "alg": "RS256"}
    parts = [json.dumps(header, separators=(",", ":")), json.dumps(payload, separators=(",", ":"))]
    return ".".join([b64url(p.encode("utf-8")) for p in parts] + [b64url(b"example-signature-not-verified")])


USER_POOL_ID_TOKEN = jwt({
    "sub": "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
    "aud": UP_CLIENT,
    "cognito:groups": ["admins"],
    "token_use": "id",
    "auth_time": 1714560000,
    "iss": "https://" + UP,
    "cognito:username": "jdoe",
    "custom:department": "engineering",
    "exp": 1714563600,
    "iat": 1714560000,
})
GOOGLE_ID_TOKEN = jwt({
    "iss": "https://accounts.google.com",
    "aud": GOOGLE_CLIENT,
    "sub": "110169484474386276334",
    "email": "jdoe@example.com",
    "exp": 1714563600,
    "iat": 1714560000,
})


def pool_members():
    return {
        "IdentityPoolName": "MyApp Identity Pool",
        "AllowUnauthenticatedIdentities": False,
        "AllowClassicFlow": False,
        "SupportedLoginProviders": {
            "graph.facebook.com": "7346241598935552",
            "accounts.google.com": GOOGLE_CLIENT,
            "www.amazon.com": "amzn1.application.0123456789abcdef0123456789abcdef",
            "api.twitter.com": "xvz1evFS4wEEPTGEFPHBog;kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
        },
        "DeveloperProviderName": DEV_PROVIDER,
        "OpenIdConnectProviderARNs": [OIDC_ARN],
        "CognitoIdentityProviders": [
            {"ProviderName": UP, "ClientId": UP_CLIENT, "ServerSideTokenCheck": True},
            {"ProviderName": UP2, "ClientId": UP2_CLIENT, "ServerSideTokenCheck": False},
        ],
        "SamlProviderARNs": [SAML_ARN],
        "IdentityPoolTags": {"project": "myapp", "environment": "production"},
    }


def rules_mapping():
    return {
        "Type": "Rules",
        "AmbiguousRoleResolution": "AuthenticatedRole",
        "RulesConfiguration": {
            "Rules": [
                {"Claim": "cognito:groups", "MatchType": "Contains", "Value": "admins",
                 "RoleARN": role("MyAppAdmins")},
                {"Claim": "custom:department", "MatchType": "Equals", "Value": "engineering",
                 "RoleARN": role("MyAppEngineers")},
            ]
        },
    }


def token_mapping():
    return {"Type": "Token", "AmbiguousRoleResolution": "Deny"}


BASES = {
    "CreateIdentityPool": pool_members(),
    "DescribeIdentityPool": {"IdentityPoolId": POOL_ID},
    "UpdateIdentityPool": dict([("IdentityPoolId", POOL_ID)] + list(pool_members().items())),
    "GetCredentialsForIdentity": {
        "IdentityId": IDENTITY_ID,
        "Logins": {
            UP: USER_POOL_ID_TOKEN,
            "accounts.google.com": GOOGLE_ID_TOKEN,
            "graph.facebook.com": FACEBOOK_TOKEN,
        },
        "CustomRoleArn": AUTH_ROLE,
    },
    "SetIdentityPoolRoles": {
        "IdentityPoolId": POOL_ID,
        "Roles": {"authenticated": AUTH_ROLE, "unauthenticated": UNAUTH_ROLE},
        "RoleMappings": {UP: rules_mapping(), OIDC_HOST: token_mapping()},
    },
    # Beyond the five operations: the only integer shapes of the model.
    "ListIdentityPools": {"MaxResults": 60, "NextToken": "eyJ2IjoxLCJwb29sIjoidXMtZWFzdC0xIn0="},
    "GetOpenIdTokenForDeveloperIdentity": {
        "IdentityPoolId": POOL_ID,
        "IdentityId": IDENTITY_ID,
        "Logins": {DEV_PROVIDER: "jdoe-4711"},
        "PrincipalTags": {"department": "engineering", "team": "identity"},
        "TokenDuration": 3600,
    },
}
BASE_ORDER = [
    "CreateIdentityPool", "DescribeIdentityPool", "UpdateIdentityPool",
    "GetCredentialsForIdentity", "SetIdentityPoolRoles",
    "ListIdentityPools", "GetOpenIdTokenForDeveloperIdentity",
]


def base(op):
    return deep(BASES[op])


# --------------------------------------------------------------------------
# Boundaries (generated from the model)
# --------------------------------------------------------------------------


def bounds_text(shape):
    parts = []
    if "min" in shape:
        parts.append("min %d" % shape["min"])
    if "max" in shape:
        parts.append("max %d" % shape["max"])
    text = ", ".join(parts)
    if "pattern" in shape:
        text += "; pattern " + shape["pattern"]
    return text


def boundary_points(shape):
    """(label, n): min-1 (when >= 0), min, max, max+1 — from the model."""
    out = []
    if "min" in shape:
        if shape["min"] - 1 >= 0:
            out.append(("min-1", shape["min"] - 1))
        out.append(("min", shape["min"]))
    if "max" in shape:
        out.append(("max", shape["max"]))
        out.append(("max+1", shape["max"] + 1))
    return out


def build_string(shape, seed, n, avoid=()):
    """A string of n code points derived from `seed` that satisfies the
    shape's pattern when any candidate of that length does."""
    pattern = shape.get("pattern")

    def adjust(fill):
        return seed[:n] if n <= len(seed) else seed + fill * (n - len(seed))

    candidates = []
    if pattern and ":" in seed and n > len(seed):
        # region:guid ids grow in the region's digits, keeping the GUID whole
        candidates.append(seed.replace(":", "1" * (n - len(seed)) + ":", 1))
    candidates += [adjust("x"), adjust("0"), "x" * n]
    if n >= 3:
        candidates.append("x" * (n - 2) + ":0")
    for c in candidates:
        if len(c) == n and c not in avoid and (pattern is None or pattern_matches(pattern, c)):
            return c
    for c in candidates:
        if len(c) == n and c not in avoid:
            return c
    raise AssertionError("no candidate of length %d for %r" % (n, seed))


def new_key(key_shape_name, index, used):
    """Key for an added map entry: pattern-valid if possible, never integer-like."""
    shape = SHAPES[key_shape_name]
    if key_shape_name == "RoleType":
        pool = ["authenticated", "unauthenticated", "guest"]
    elif key_shape_name == "IdentityProviderName":
        pool = ["login%d.example.com" % i for i in range(index, index + 500)]
    else:
        pool = ["tag%02d" % i for i in range(index, index + 500)]
    valid = [k for k in pool if k not in used and (
        "pattern" not in shape or pattern_matches(shape["pattern"], k))]
    rest = [k for k in pool if k not in used]
    return (valid or rest)[0]


def find_positions(name, value, tokens, abstract, out):
    """Constrained positions of a base input, in input order; one per model
    path (list indices and map keys abstracted), the last occurrence wins."""
    shape = SHAPES[name]
    kind = shape["type"]
    if kind == "string":
        if "min" in shape or "max" in shape:
            out[abstract] = ("string", list(tokens), name)
    elif kind in ("integer", "long"):
        if "min" in shape or "max" in shape:
            out[abstract] = ("number", list(tokens), name)
    elif kind == "structure":
        for key, item in value.items():
            find_positions(shape["members"][key]["shape"], item, tokens + [key], abstract + (key,), out)
    elif kind == "list":
        if "min" in shape or "max" in shape:
            out[abstract + ("#size",)] = ("list", list(tokens), name)
        for index, item in enumerate(value):
            find_positions(shape["member"]["shape"], item, tokens + [index], abstract + ("*",), out)
    elif kind == "map":
        if "min" in shape or "max" in shape:
            out[abstract + ("#size",)] = ("map", list(tokens), name)
        key_shape = SHAPES[shape["key"]["shape"]]
        if value and ("min" in key_shape or "max" in key_shape):
            out[abstract + ("#key",)] = ("key", list(tokens), name)
        for key, item in value.items():
            find_positions(shape["value"]["shape"], item, tokens + [key], abstract + ("*",), out)


def boundary_cases():
    cases = []
    for op in BASE_ORDER:
        b = base(op)
        positions = {}
        find_positions(OPERATIONS[op]["input"], b, [], (), positions)
        for kind, tokens, shape_name in positions.values():
            shape = SHAPES[shape_name]
            where = pointer(tokens)
            bounded = SHAPES[shape["key"]["shape"]] if kind == "key" else shape
            for label, n in boundary_points(bounded):
                if kind == "string":
                    seed = get_at(b, tokens)
                    value = set_at(b, tokens, build_string(shape, seed, n))
                    name = "%s %s length %s (%d)" % (op, where, label, n)
                    source = "%s: %s" % (shape_name, bounds_text(shape))
                    check_tokens = tokens
                elif kind == "key":
                    key_shape_name = shape["key"]["shape"]
                    key_shape = SHAPES[key_shape_name]
                    m = get_at(b, tokens)
                    old = list(m)[-1]
                    new = build_string(key_shape, old, n, avoid=set(m) - {old})
                    value = rename_key(b, tokens, old, new)
                    name = "%s %s key length %s (%d)" % (op, where, label, n)
                    source = "%s key %s: %s" % (shape_name, key_shape_name, bounds_text(key_shape))
                    check_tokens = tokens + [new]
                elif kind == "list":
                    seed = get_at(b, tokens)
                    items = [deep(seed[i % len(seed)]) for i in range(n)]
                    value = set_at(b, tokens, items)
                    name = "%s %s size %s (%d)" % (op, where, label, n)
                    source = "%s: %s entries" % (shape_name, bounds_text(shape))
                    check_tokens = tokens
                elif kind == "map":
                    seed = get_at(b, tokens)
                    keys = list(seed)[:n]
                    entries = dict((k, deep(seed[k])) for k in keys)
                    last = seed[list(seed)[-1]]
                    while len(entries) < n:
                        k = new_key(shape["key"]["shape"], len(entries) + 1, set(entries))
                        entries[k] = deep(last)
                    value = set_at(b, tokens, entries)
                    name = "%s %s size %s (%d)" % (op, where, label, n)
                    source = "%s: %s entries" % (shape_name, bounds_text(shape))
                    check_tokens = tokens
                else:  # number
                    value = set_at(b, tokens, n)
                    name = "%s %s value %s (%d)" % (op, where, label, n)
                    source = "%s (%s): %s" % (shape_name, shape["type"], bounds_text(shape))
                    check_tokens = tokens
                case = make_case(name, op, "model", source, value=value)
                # The base is valid, so every error must sit at the position
                # under test (a collection's added keys only for RoleType).
                for e in case["errors"]:
                    assert e["path"] == pointer(check_tokens) or (
                        kind == "map" and e["path"].startswith(pointer(tokens) + "/") and e.get("key")
                    ), (name, e)
                cases.append(case)
    return cases


# --------------------------------------------------------------------------
# Constraint cases (hand-written, checked against the oracle)
# --------------------------------------------------------------------------

P_NAME = SHAPES["IdentityPoolName"]["pattern"]
P_ID = SHAPES["IdentityPoolId"]["pattern"]


def tok(s):
    return escape_token(s)


UPK = tok(UP)  # the user-pool key as a JSON Pointer token
RM = "/RoleMappings/" + UPK
RULES = RM + "/RulesConfiguration/Rules"


def constraint_cases():
    cases = []
    C = cases.append

    # ---- 1. base inputs -------------------------------------------------
    for op in BASE_ORDER:
        C(make_case("%s base input is valid" % op, op, "model",
                    "%s input shape %s: every member present, realistic values"
                    % (op, OPERATIONS[op]["input"]),
                    value=base(op), errors=[]))

    # ---- 2. the two service messages, quoted -----------------------------
    C(make_case(
        "CreateIdentityPool /IdentityPoolName pattern pool#name (service message)",
        "CreateIdentityPool", "service", "docs/REFERENCE.md section 4.3 observed message; IdentityPoolName pattern " + P_NAME,
        value={"IdentityPoolName": "pool#name", "AllowUnauthenticatedIdentities": False},
        errors=[("/IdentityPoolName", "pattern")],
        service_message="1 validation error detected: Value 'pool#name' at 'identityPoolName' failed to "
                        "satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+"))
    C(make_case(
        "DescribeIdentityPool /IdentityPoolId empty string (service message)",
        "DescribeIdentityPool", "service", "observed message; IdentityPoolId min 1 and pattern " + P_ID,
        value={"IdentityPoolId": ""},
        errors=[("/IdentityPoolId", "length"), ("/IdentityPoolId", "pattern")],
        service_message="2 validation errors detected: Value '' at 'identityPoolId' failed to satisfy "
                        "constraint: Member must have length greater than or equal to 1; Value '' at "
                        "'identityPoolId' failed to satisfy constraint: Member must satisfy regular "
                        "expression pattern: [\\w-]+:[0-9a-f-]+"))
    C(make_case(
        "DescribeIdentityPool /IdentityPoolId is a user pool id",
        "DescribeIdentityPool", "model", "IdentityPoolId pattern " + P_ID,
        value={"IdentityPoolId": "us-east-1_AbCdEfGhI"},
        errors=[("/IdentityPoolId", "pattern")],
        service_message="1 validation error detected: Value 'us-east-1_AbCdEfGhI' at 'identityPoolId' "
                        "failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        "[\\w-]+:[0-9a-f-]+"))

    # ---- 3. patterns ------------------------------------------------------
    def pat(name, op, value, errors, source, provenance="model", **kw):
        C(make_case(name, op, provenance, source, value=value, errors=errors, **kw))

    create = base("CreateIdentityPool")
    name_src = "IdentityPoolName pattern %s (\\w and \\s are ASCII)" % P_NAME
    for label, v, ok in [
        ("with é (\\w is ASCII)", "Café Pool", False),
        ("with no-break space U+00A0 (not \\s)", "My\u00a0Pool", False),
        ("with U+001C (Unicode but not Java whitespace)", "My\u001cPool", False),
        ("with U+0085 next line (not \\s)", "My\u0085Pool", False),
        ("with U+3000 ideographic space (not \\s)", "My\u3000Pool", False),
        ("with vertical tab U+000B (\\s)", "My\u000bPool", True),
        ("with tab, newline, form feed, CR (\\s)", "My\tPool\n2\f3\r", True),
        ("with every punctuation allowed", "a+b=c,d.e@f-g_h", True),
        ("with slash", "my/pool", False),
    ]:
        pat("CreateIdentityPool /IdentityPoolName " + label, "CreateIdentityPool",
            set_at(create, ["IdentityPoolName"], v),
            [] if ok else [("/IdentityPoolName", "pattern")], name_src)

    describe = base("DescribeIdentityPool")
    for label, v in [
        ("upper-case hex GUID", "us-east-1:0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0"),
        ("without colon", "us-east-1"),
        ("empty region part", ":0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"),
        ("empty GUID part", "us-east-1:"),
        ("two colons", "us-east-1:0f1e2d3c:4b5a"),
        ("space in region", "us east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"),
        ("non-hex letter in GUID", "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1fg"),
        ("leading space", " " + POOL_ID),
        ("trailing newline", POOL_ID + "\n"),
        ("é in region", "us-éast-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"),
    ]:
        pat("DescribeIdentityPool /IdentityPoolId " + label, "DescribeIdentityPool",
            {"IdentityPoolId": v}, [("/IdentityPoolId", "pattern")], "IdentityPoolId pattern " + P_ID)

    update = base("UpdateIdentityPool")
    pat("UpdateIdentityPool /IdentityPoolId upper-case hex GUID", "UpdateIdentityPool",
        set_at(update, ["IdentityPoolId"], POOL_ID.upper()), [("/IdentityPoolId", "pattern")],
        "IdentityPoolId pattern " + P_ID)

    creds = base("GetCredentialsForIdentity")
    pat("GetCredentialsForIdentity /IdentityId upper-case hex GUID", "GetCredentialsForIdentity",
        set_at(creds, ["IdentityId"], "us-east-1:1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D"),
        [("/IdentityId", "pattern")], "IdentityId pattern " + SHAPES["IdentityId"]["pattern"],
        service_message="1 validation error detected: Value 'us-east-1:1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D' "
                        "at 'identityId' failed to satisfy constraint: Member must satisfy regular "
                        "expression pattern: [\\w-]+:[0-9a-f-]+")
    pat("GetCredentialsForIdentity /IdentityId is an identity pool name", "GetCredentialsForIdentity",
        set_at(creds, ["IdentityId"], "MyApp Identity Pool"),
        [("/IdentityId", "pattern")], "IdentityId pattern " + SHAPES["IdentityId"]["pattern"])

    dev_src = "DeveloperProviderName pattern " + SHAPES["DeveloperProviderName"]["pattern"]
    pat("CreateIdentityPool /DeveloperProviderName with slash", "CreateIdentityPool",
        set_at(create, ["DeveloperProviderName"], "login/myapp"), [("/DeveloperProviderName", "pattern")],
        dev_src,
        service_message="1 validation error detected: Value 'login/myapp' at 'developerProviderName' failed "
                        "to satisfy constraint: Member must satisfy regular expression pattern: [\\w._-]+")
    pat("CreateIdentityPool /DeveloperProviderName with é", "CreateIdentityPool",
        set_at(create, ["DeveloperProviderName"], "login.myapp.é"), [("/DeveloperProviderName", "pattern")],
        dev_src)

    cip_name_src = "CognitoIdentityProviderName pattern " + SHAPES["CognitoIdentityProviderName"]["pattern"]
    pat("CreateIdentityPool /CognitoIdentityProviders/1/ProviderName with space", "CreateIdentityPool",
        set_at(create, ["CognitoIdentityProviders", 1, "ProviderName"],
               "cognito-idp.us-east-1.amazonaws.com/us-east-1 ZyXwVuTsR"),
        [("/CognitoIdentityProviders/1/ProviderName", "pattern")], cip_name_src,
        service_message="1 validation error detected: Value 'cognito-idp.us-east-1.amazonaws.com/us-east-1 "
                        "ZyXwVuTsR' at 'cognitoIdentityProviders.2.member.providerName' failed to satisfy "
                        "constraint: Member must satisfy regular expression pattern: [\\w._:/-]+")
    pat("CreateIdentityPool /CognitoIdentityProviders/0/ProviderName with query string", "CreateIdentityPool",
        set_at(create, ["CognitoIdentityProviders", 0, "ProviderName"], UP + "?x=1"),
        [("/CognitoIdentityProviders/0/ProviderName", "pattern")], cip_name_src)
    pat("CreateIdentityPool /CognitoIdentityProviders/0/ProviderName as https URL passes the pattern",
        "CreateIdentityPool",
        set_at(create, ["CognitoIdentityProviders", 0, "ProviderName"], "https://" + UP),
        [], cip_name_src + " (':' and '/' are allowed; normalization removes the scheme)")

    client_src = "CognitoIdentityProviderClientId pattern " + SHAPES["CognitoIdentityProviderClientId"]["pattern"]
    pat("CreateIdentityPool /CognitoIdentityProviders/0/ClientId with hyphen", "CreateIdentityPool",
        set_at(create, ["CognitoIdentityProviders", 0, "ClientId"], "1example-23456789"),
        [("/CognitoIdentityProviders/0/ClientId", "pattern")], client_src,
        service_message="1 validation error detected: Value '1example-23456789' at "
                        "'cognitoIdentityProviders.1.member.clientId' failed to satisfy constraint: Member "
                        "must satisfy regular expression pattern: [\\w_]+")
    pat("CreateIdentityPool /CognitoIdentityProviders/0/ClientId with ï", "CreateIdentityPool",
        set_at(create, ["CognitoIdentityProviders", 0, "ClientId"], "clïent"),
        [("/CognitoIdentityProviders/0/ClientId", "pattern")], client_src)

    idp_src = "IdentityProviderId (SupportedLoginProviders value) pattern " + SHAPES["IdentityProviderId"]["pattern"]
    pat("CreateIdentityPool /SupportedLoginProviders/graph.facebook.com value with space", "CreateIdentityPool",
        set_at(create, ["SupportedLoginProviders", "graph.facebook.com"], "7346 2415"),
        [("/SupportedLoginProviders/graph.facebook.com", "pattern")], idp_src)
    pat("CreateIdentityPool /SupportedLoginProviders/www.amazon.com value with colon", "CreateIdentityPool",
        set_at(create, ["SupportedLoginProviders", "www.amazon.com"], "amzn1:application"),
        [("/SupportedLoginProviders/www.amazon.com", "pattern")], idp_src)

    roles = base("SetIdentityPoolRoles")
    claim_src = "ClaimName pattern %s (Unicode general categories)" % SHAPES["ClaimName"]["pattern"]
    for label, v, ok in [
        ("with a space (Zs)", "custom:my claim", False),
        ("with a tab (Cc)", "custom:dept\t", False),
        ("with zero-width space U+200B (Cf)", "custom:\u200bdept", False),
        ("with no-break space U+00A0 (Zs)", "custom:\u00a0dept", False),
        ("in Japanese (Lo)", "部署", True),
        ("with é and combining acute (L, M)", "café-e\u0301", True),
        ("with symbols and digits (S, N)", "$€+<>^`|~½²", True),
        ("with emoji (So)", "team\U0001F680", True),
        ("with punctuation (P)", "custom:dept_(x)[y]{z}!?#%&*", True),
    ]:
        pat("SetIdentityPoolRoles %s/1/Claim %s" % (RULES, label), "SetIdentityPoolRoles",
            set_at(roles, ["RoleMappings", UP, "RulesConfiguration", "Rules", 1, "Claim"], v),
            [] if ok else [(RULES + "/1/Claim", "pattern")], claim_src)

    role_type_src = "RolesMap key RoleType pattern " + SHAPES["RoleType"]["pattern"]
    pat("SetIdentityPoolRoles /Roles key admin", "SetIdentityPoolRoles",
        rename_key(roles, ["Roles"], "authenticated", "admin"),
        [("/Roles/admin", "pattern", True)], role_type_src)
    pat("SetIdentityPoolRoles /Roles key Authenticated (capital A)", "SetIdentityPoolRoles",
        rename_key(roles, ["Roles"], "authenticated", "Authenticated"),
        [("/Roles/Authenticated", "pattern", True)], role_type_src)
    pat("SetIdentityPoolRoles /Roles key ununauthenticated", "SetIdentityPoolRoles",
        rename_key(roles, ["Roles"], "unauthenticated", "ununauthenticated"),
        [("/Roles/ununauthenticated", "pattern", True)], role_type_src)

    lip = base("ListIdentityPools")
    page_src = "PaginationKey pattern " + SHAPES["PaginationKey"]["pattern"]
    pat("ListIdentityPools /NextToken with space", "ListIdentityPools",
        set_at(lip, ["NextToken"], "abc def"), [("/NextToken", "pattern")], page_src,
        service_message="1 validation error detected: Value 'abc def' at 'nextToken' failed to satisfy "
                        "constraint: Member must satisfy regular expression pattern: [\\S]+")
    pat("ListIdentityPools /NextToken with no-break space is \\S", "ListIdentityPools",
        set_at(lip, ["NextToken"], "abc\u00a0def"), [], page_src)
    pat("ListIdentityPools /NextToken with U+001F is \\S", "ListIdentityPools",
        set_at(lip, ["NextToken"], "abc\u001fdef"), [], page_src)
    pat("ListIdentityPools /NextToken with vertical tab", "ListIdentityPools",
        set_at(lip, ["NextToken"], "abc\u000bdef"), [("/NextToken", "pattern")], page_src)

    # ---- 4. enums ---------------------------------------------------------
    def enum_src(shape):
        return "%s enum [%s]" % (shape, ", ".join(SHAPES[shape]["enum"]))

    for label, tokens, v, shape in [
        ("lower-case token", ["RoleMappings", OIDC_HOST, "Type"], "token", "RoleMappingType"),
        ("Role", ["RoleMappings", UP, "Type"], "Role", "RoleMappingType"),
        ("deny", ["RoleMappings", OIDC_HOST, "AmbiguousRoleResolution"], "deny",
         "AmbiguousRoleResolutionType"),
        ("AuthenticatedRoles", ["RoleMappings", UP, "AmbiguousRoleResolution"],
         "AuthenticatedRoles", "AmbiguousRoleResolutionType"),
        ("equals", ["RoleMappings", UP, "RulesConfiguration", "Rules", 0, "MatchType"], "equals",
         "MappingRuleMatchType"),
        ("Regex", ["RoleMappings", UP, "RulesConfiguration", "Rules", 1, "MatchType"], "Regex",
         "MappingRuleMatchType"),
        ("empty string", ["RoleMappings", UP, "RulesConfiguration", "Rules", 1, "MatchType"], "",
         "MappingRuleMatchType"),
        ("Equals with trailing space", ["RoleMappings", UP, "RulesConfiguration", "Rules", 0, "MatchType"],
         "Equals ", "MappingRuleMatchType"),
    ]:
        C(make_case("SetIdentityPoolRoles %s enum %s" % (pointer(tokens), label), "SetIdentityPoolRoles", "model",
                    enum_src(shape), value=set_at(roles, tokens, v), errors=[(pointer(tokens), "enum")]))

    # ---- 5. wrong JSON types ----------------------------------------------
    def typ(name, op, value, errors, source, provenance="model"):
        C(make_case(name, op, provenance, source, value=value, errors=errors))

    for label, tokens, v in [
        ("string member given a number", ["IdentityPoolName"], 12345),
        ("string member given an array", ["IdentityPoolName"], ["MyApp Identity Pool"]),
        ("string member given an object", ["DeveloperProviderName"], {"name": DEV_PROVIDER}),
        ("string member given true", ["DeveloperProviderName"], True),
        ("boolean member given a string", ["AllowUnauthenticatedIdentities"], "false"),
        ("boolean member given 0", ["AllowUnauthenticatedIdentities"], 0),
        ("optional boolean member given a string", ["AllowClassicFlow"], "true"),
        ("map member given an array", ["SupportedLoginProviders"], [["graph.facebook.com", "7346241598935552"]]),
        ("map member given a string", ["IdentityPoolTags"], "project=myapp"),
        ("map value given a number", ["SupportedLoginProviders", "graph.facebook.com"], 7346241598935552),
        ("map value given false", ["IdentityPoolTags", "project"], False),
        ("list member given a string", ["OpenIdConnectProviderARNs"], OIDC_ARN),
        ("list member given an object", ["CognitoIdentityProviders"], {"ProviderName": UP, "ClientId": UP_CLIENT}),
        ("list entry given a number", ["SamlProviderARNs", 0], 42),
        ("structure entry given a string", ["CognitoIdentityProviders", 0], UP),
        ("structure entry given an array", ["CognitoIdentityProviders", 1], [UP2, UP2_CLIENT]),
        ("boolean in structure entry given a string", ["CognitoIdentityProviders", 0, "ServerSideTokenCheck"],
         "true"),
    ]:
        where = pointer(tokens)
        typ("CreateIdentityPool %s %s" % (where, label), "CreateIdentityPool", set_at(create, tokens, v),
            [(where, "type")], "%s is a %s" % (where, shape_at("CreateIdentityPool", tokens)["type"]))

    # a type error is the only error for that value (no length / pattern check)
    typ("DescribeIdentityPool /IdentityPoolId given an object (type only)", "DescribeIdentityPool",
        {"IdentityPoolId": {"id": ""}}, [("/IdentityPoolId", "type")], "IdentityPoolId is a string")
    typ("DescribeIdentityPool /IdentityPoolId given a number (type only)", "DescribeIdentityPool",
        {"IdentityPoolId": 0}, [("/IdentityPoolId", "type")], "IdentityPoolId is a string")
    typ("GetCredentialsForIdentity /Logins given an array", "GetCredentialsForIdentity",
        set_at(creds, ["Logins"], [UP, USER_POOL_ID_TOKEN]), [("/Logins", "type")], "LoginsMap is a map")
    typ("GetCredentialsForIdentity /Logins value given an object", "GetCredentialsForIdentity",
        set_at(creds, ["Logins", "graph.facebook.com"], {"token": FACEBOOK_TOKEN}),
        [("/Logins/graph.facebook.com", "type")], "IdentityProviderToken is a string")
    typ("GetCredentialsForIdentity /CustomRoleArn given an array", "GetCredentialsForIdentity",
        set_at(creds, ["CustomRoleArn"], [AUTH_ROLE]), [("/CustomRoleArn", "type")], "ARNString is a string")
    for label, tokens, v in [
        ("map member given a string", ["Roles"], AUTH_ROLE),
        ("map value given an array", ["Roles", "authenticated"], [AUTH_ROLE]),
        ("structure map value given a string", ["RoleMappings", OIDC_HOST], "Token"),
        ("structure member given an array", ["RoleMappings", UP, "RulesConfiguration"],
         [rules_mapping()["RulesConfiguration"]]),
        ("list member given an object", ["RoleMappings", UP, "RulesConfiguration", "Rules"],
         rules_mapping()["RulesConfiguration"]["Rules"][0]),
        ("structure list entry given a string", ["RoleMappings", UP, "RulesConfiguration", "Rules", 0],
         "cognito:groups Contains admins"),
        ("string member given a number", ["RoleMappings", UP, "RulesConfiguration", "Rules", 0, "Value"], 42),
        ("enum member given a number", ["RoleMappings", UP, "Type"], 1),
        ("enum member given a boolean", ["RoleMappings", OIDC_HOST, "AmbiguousRoleResolution"], True),
    ]:
        where = pointer(tokens)
        typ("SetIdentityPoolRoles %s %s" % (where, label), "SetIdentityPoolRoles", set_at(roles, tokens, v),
            [(where, "type")], "%s is a %s" % (where, shape_at("SetIdentityPoolRoles", tokens)["type"]))

    int_src = "QueryLimit is an integer"
    for label, v in [("given a string", "60"), ("given 5.5", 5.5), ("given true", True),
                     ("given an array", [60])]:
        typ("ListIdentityPools /MaxResults " + label, "ListIdentityPools", set_at(lip, ["MaxResults"], v),
            [("/MaxResults", "type")], int_src)
    C(make_case("ListIdentityPools /MaxResults given 1e2 (exponent literal)", "ListIdentityPools", "model",
                int_src + "; an exponent literal is not an integer literal",
                text='{"MaxResults": 1e2}', errors=[("/MaxResults", "type")]))
    C(make_case("ListIdentityPools /MaxResults given 10 with surrounding whitespace", "ListIdentityPools",
                "model", int_src, text=' \n\t{ "MaxResults" : 10 }\r\n ', errors=[]))
    oid = base("GetOpenIdTokenForDeveloperIdentity")
    typ("GetOpenIdTokenForDeveloperIdentity /TokenDuration (long) given a string",
        "GetOpenIdTokenForDeveloperIdentity", set_at(oid, ["TokenDuration"], "3600"),
        [("/TokenDuration", "type")], "TokenDuration is a long")
    typ("GetOpenIdTokenForDeveloperIdentity /TokenDuration (long) given 3600.5",
        "GetOpenIdTokenForDeveloperIdentity", set_at(oid, ["TokenDuration"], 3600.5),
        [("/TokenDuration", "type")], "TokenDuration is a long")
    typ("GetOpenIdTokenForDeveloperIdentity /PrincipalTags value given a number",
        "GetOpenIdTokenForDeveloperIdentity", set_at(oid, ["PrincipalTags", "team"], 7),
        [("/PrincipalTags/team", "type")], "PrincipalTagValue is a string")

    for op in ["CreateIdentityPool", "DescribeIdentityPool", "SetIdentityPoolRoles"]:
        for label, v in [("null", None), ("an array", [base(op)]), ("a string", "MyApp Identity Pool"),
                         ("a number", 42), ("true", True)]:
            typ("%s top-level input %s" % (op, label), op, v, [("", "type")],
                "%s is a structure" % OPERATIONS[op]["input"])
    C(make_case("UpdateIdentityPool top-level input null (text)", "UpdateIdentityPool", "model",
                "IdentityPool is a structure", text="null", errors=[("", "type")]))

    # a type error mixed with constraint errors: SerializationException
    typ("CreateIdentityPool pattern error and a type error", "CreateIdentityPool",
        {"IdentityPoolName": "pool#name", "AllowUnauthenticatedIdentities": "yes"},
        [("/IdentityPoolName", "pattern"), ("/AllowUnauthenticatedIdentities", "type")],
        "IdentityPoolName pattern; IdentityPoolUnauthenticated is a boolean")

    # ---- 6. unknown members -----------------------------------------------
    def unk(name, op, value, errors, source):
        C(make_case(name, op, "model", source, value=value, errors=errors))

    unk("DescribeIdentityPool unknown top-level member", "DescribeIdentityPool",
        {"IdentityPoolId": POOL_ID, "IdentityPoolName": "MyApp Identity Pool"},
        [("/IdentityPoolName", "unknown_member")], "DescribeIdentityPoolInput members: IdentityPoolId")
    unk("CreateIdentityPool lowerCamelCase member name", "CreateIdentityPool",
        {"identityPoolName": "MyApp Identity Pool", "AllowUnauthenticatedIdentities": False},
        [("/identityPoolName", "unknown_member"), ("/IdentityPoolName", "required")],
        "member names are PascalCase; IdentityPoolName required")
    unk("CreateIdentityPool unknown member name needing pointer escapes", "CreateIdentityPool",
        dict(list(create.items()) + [("a/b~c", 1)]), [("/a~1b~0c", "unknown_member")],
        "CreateIdentityPoolInput members; RFC 6901 escapes ~0 and ~1")
    unk("CreateIdentityPool unknown member inside a CognitoIdentityProvider", "CreateIdentityPool",
        set_at(create, ["CognitoIdentityProviders", 1],
               {"ProviderName": UP2, "ClientId": UP2_CLIENT, "ServerSideTokenChecks": True}),
        [("/CognitoIdentityProviders/1/ServerSideTokenChecks", "unknown_member")],
        "CognitoIdentityProvider members: ProviderName, ClientId, ServerSideTokenCheck")
    unk("SetIdentityPoolRoles Rules placed directly in a RoleMapping", "SetIdentityPoolRoles",
        set_at(roles, ["RoleMappings", UP],
               {"Type": "Rules", "AmbiguousRoleResolution": "Deny",
                "Rules": rules_mapping()["RulesConfiguration"]["Rules"]}),
        [(RM + "/Rules", "unknown_member")],
        "RoleMapping members: Type, AmbiguousRoleResolution, RulesConfiguration")
    unk("SetIdentityPoolRoles unknown member in a MappingRule replaces a required one", "SetIdentityPoolRoles",
        set_at(roles, ["RoleMappings", UP, "RulesConfiguration", "Rules", 0],
               {"Claims": "cognito:groups", "MatchType": "Contains", "Value": "admins",
                "RoleARN": role("MyAppAdmins")}),
        [(RULES + "/0/Claims", "unknown_member"), (RULES + "/0/Claim", "required")],
        "MappingRule members; Claim required (missing reported after present members)")

    # ---- 7. required members and null ------------------------------------
    def req(name, op, value, errors, source, provenance="model", **kw):
        C(make_case(name, op, provenance, source, value=value, errors=errors, **kw))

    for op in BASE_ORDER:
        shape_name = OPERATIONS[op]["input"]
        shape = SHAPES[shape_name]
        required = [m for m in shape["members"] if m in shape.get("required", [])]
        req("%s empty object" % op, op, {}, [("/" + m, "required") for m in required],
            "%s required: %s" % (shape_name, ", ".join(required)),
            service_message=("%d validation error%s detected: " % (len(required), "s" if len(required) > 1 else ""))
            + "; ".join("Value null at '%s' failed to satisfy constraint: Member must not be null"
                        % lower_camel(m) for m in required))
        for m in required:
            req("%s missing %s" % (op, m), op, set_at(base(op), [m], MISSING), [("/" + m, "required")],
                "%s required: %s" % (shape_name, m))
            req("%s %s null" % (op, m), op, set_at(base(op), [m], None), [("/" + m, "required")],
                "%s required: %s; null is absent" % (shape_name, m))
    req("CreateIdentityPool required null reported in place, before a later member",
        "CreateIdentityPool", {"AllowUnauthenticatedIdentities": None, "IdentityPoolName": "pool#name"},
        [("/AllowUnauthenticatedIdentities", "required"), ("/IdentityPoolName", "pattern")],
        "null required member in input order",
        service_message="2 validation errors detected: Value null at 'allowUnauthenticatedIdentities' failed to "
                        "satisfy constraint: Member must not be null; Value 'pool#name' at 'identityPoolName' "
                        "failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        "[\\w\\s+=,.@-]+")
    req("CreateIdentityPool missing required reported after present members",
        "CreateIdentityPool", {"IdentityPoolName": "pool#name"},
        [("/IdentityPoolName", "pattern"), ("/AllowUnauthenticatedIdentities", "required")],
        "missing required members come after present ones",
        service_message="2 validation errors detected: Value 'pool#name' at 'identityPoolName' failed to "
                        "satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+; "
                        "Value null at 'allowUnauthenticatedIdentities' failed to satisfy constraint: Member "
                        "must not be null")
    req("CreateIdentityPool missing required in model order, not alphabetical",
        "CreateIdentityPool", {"AllowClassicFlow": True},
        [("/IdentityPoolName", "required"), ("/AllowUnauthenticatedIdentities", "required")],
        "CreateIdentityPoolInput member order")
    req("SetIdentityPoolRoles RoleMapping without Type", "SetIdentityPoolRoles",
        set_at(roles, ["RoleMappings", OIDC_HOST], {"AmbiguousRoleResolution": "Deny"}),
        [("/RoleMappings/" + OIDC_HOST + "/Type", "required")], "RoleMapping required: Type")
    req("SetIdentityPoolRoles RoleMapping Type null", "SetIdentityPoolRoles",
        set_at(roles, ["RoleMappings", OIDC_HOST, "Type"], None),
        [("/RoleMappings/" + OIDC_HOST + "/Type", "required")], "RoleMapping required: Type")
    req("SetIdentityPoolRoles RulesConfiguration without Rules", "SetIdentityPoolRoles",
        set_at(roles, ["RoleMappings", UP, "RulesConfiguration"], {}),
        [(RULES, "required")], "RulesConfigurationType required: Rules")
    req("SetIdentityPoolRoles empty MappingRule", "SetIdentityPoolRoles",
        set_at(roles, ["RoleMappings", UP, "RulesConfiguration", "Rules", 1], {}),
        [(RULES + "/1/" + m, "required") for m in ["Claim", "MatchType", "Value", "RoleARN"]],
        "MappingRule required: Claim, MatchType, Value, RoleARN (model order)")
    req("SetIdentityPoolRoles MappingRule with null Value in place", "SetIdentityPoolRoles",
        set_at(roles, ["RoleMappings", UP, "RulesConfiguration", "Rules", 0],
               {"Value": None, "Claim": "cognito groups", "MatchType": "Contains"}),
        [(RULES + "/0/Value", "required"), (RULES + "/0/Claim", "pattern"), (RULES + "/0/RoleARN", "required")],
        "null in place; missing after present")
    req("SetIdentityPoolRoles null rule entry", "SetIdentityPoolRoles",
        set_at(roles, ["RoleMappings", UP, "RulesConfiguration", "Rules", 0], None),
        [(RULES + "/0", "required")], "null list entry")
    req("SetIdentityPoolRoles null RoleMappings value", "SetIdentityPoolRoles",
        set_at(roles, ["RoleMappings", OIDC_HOST], None),
        [("/RoleMappings/" + OIDC_HOST, "required")], "null map value")
    req("SetIdentityPoolRoles null Roles value", "SetIdentityPoolRoles",
        set_at(roles, ["Roles", "unauthenticated"], None), [("/Roles/unauthenticated", "required")],
        "null map value")
    req("CreateIdentityPool null OpenIdConnectProviderARNs entry", "CreateIdentityPool",
        set_at(create, ["OpenIdConnectProviderARNs"], [OIDC_ARN, None]),
        [("/OpenIdConnectProviderARNs/1", "required")], "null list entry")
    req("GetCredentialsForIdentity null Logins value for the user pool key", "GetCredentialsForIdentity",
        set_at(creds, ["Logins", UP], None), [("/Logins/" + UPK, "required")], "null map value")
    req("CreateIdentityPool null optional members are absent", "CreateIdentityPool",
        {"IdentityPoolName": "MyApp Identity Pool", "AllowUnauthenticatedIdentities": True,
         "AllowClassicFlow": None, "SupportedLoginProviders": None, "DeveloperProviderName": None,
         "OpenIdConnectProviderARNs": None, "CognitoIdentityProviders": None, "SamlProviderARNs": None,
         "IdentityPoolTags": None},
        [], "null optional member = absent (JSON protocol; docs/REFERENCE.md section 6 removed_empty)", provenance="our-choice")
    req("CreateIdentityPool null optional member inside a CognitoIdentityProvider", "CreateIdentityPool",
        set_at(create, ["CognitoIdentityProviders", 0, "ServerSideTokenCheck"], None),
        [], "null optional member = absent", provenance="our-choice")
    req("CreateIdentityPool empty optional collections", "CreateIdentityPool",
        {"IdentityPoolName": "MyApp Identity Pool", "AllowUnauthenticatedIdentities": True,
         "SupportedLoginProviders": {}, "OpenIdConnectProviderARNs": [], "CognitoIdentityProviders": [],
         "SamlProviderARNs": [], "IdentityPoolTags": {}},
        [], "no min on these collections")
    req("CreateIdentityPool empty CognitoIdentityProvider has no required member", "CreateIdentityPool",
        set_at(create, ["CognitoIdentityProviders", 1], {}), [],
        "CognitoIdentityProvider has no required members (ProviderName/ClientId are semantic checks)")

    # ---- 8. duplicate keys -------------------------------------------------
    def dup(name, op, text, errors, source):
        C(make_case(name, op, "our-choice", source, text=text, errors=errors))

    dup_src = "repeated key in one object: syntax at the repeat (docs/REFERENCE.md section 3); the repeat is not checked"
    dup("DescribeIdentityPool repeated top-level key", "DescribeIdentityPool",
        '{"IdentityPoolId": "%s", "IdentityPoolId": "bad#id"}' % POOL_ID,
        [("/IdentityPoolId", "syntax", True)], dup_src)
    dup("CreateIdentityPool repeated key then a type error", "CreateIdentityPool",
        '{"IdentityPoolName": "MyApp", "IdentityPoolName": "pool#name", "AllowUnauthenticatedIdentities": "no"}',
        [("/IdentityPoolName", "syntax", True), ("/AllowUnauthenticatedIdentities", "type")], dup_src)
    dup("GetCredentialsForIdentity repeated Logins key", "GetCredentialsForIdentity",
        '{"IdentityId": "%s", "Logins": {"graph.facebook.com": "%s", "graph.facebook.com": ""}}'
        % (IDENTITY_ID, FACEBOOK_TOKEN),
        [("/Logins/graph.facebook.com", "syntax", True)], dup_src)
    dup("GetCredentialsForIdentity repeated user-pool Logins key", "GetCredentialsForIdentity",
        '{"Logins": {"%s": "a", "%s": "b"}, "IdentityId": "%s"}' % (UP, UP, IDENTITY_ID),
        [("/Logins/" + UPK, "syntax", True)], dup_src)
    dup("CreateIdentityPool repeated key inside a CognitoIdentityProvider", "CreateIdentityPool",
        '{"IdentityPoolName": "MyApp", "AllowUnauthenticatedIdentities": false, "CognitoIdentityProviders": '
        '[{"ProviderName": "%s", "ClientId": "%s", "ClientId": "bad-id"}]}' % (UP, UP_CLIENT),
        [("/CognitoIdentityProviders/0/ClientId", "syntax", True)], dup_src)
    dup("SetIdentityPoolRoles repeated Roles key", "SetIdentityPoolRoles",
        '{"IdentityPoolId": "%s", "Roles": {"authenticated": "%s", "authenticated": "%s"}}'
        % (POOL_ID, AUTH_ROLE, UNAUTH_ROLE),
        [("/Roles/authenticated", "syntax", True)], dup_src)
    dup("DescribeIdentityPool repeated unknown member", "DescribeIdentityPool",
        '{"Foo": 1, "IdentityPoolId": "%s", "Foo": 2}' % POOL_ID,
        [("/Foo", "unknown_member"), ("/Foo", "syntax", True)], dup_src + "; first occurrence is unknown")
    dup("DescribeIdentityPool repeated key with a slash", "DescribeIdentityPool",
        '{"IdentityPoolId": "%s", "a/b": 1, "a/b": 2}' % POOL_ID,
        [("/a~1b", "unknown_member"), ("/a~1b", "syntax", True)], dup_src + "; pointer escapes")

    # ---- 9. not JSON ---------------------------------------------------------
    def bad(name, op, text):
        C(make_case(name, op, "model", "metadata.protocol %s: the input must be one JSON value"
                    % MODEL["metadata"]["protocol"], text=text, errors=[("", "syntax")]))

    bad("DescribeIdentityPool not JSON: empty text", "DescribeIdentityPool", "")
    bad("DescribeIdentityPool not JSON: whitespace only", "DescribeIdentityPool", " \n\t ")
    bad("DescribeIdentityPool not JSON: truncated object", "DescribeIdentityPool", '{"IdentityPoolId": "%s"' % POOL_ID)
    bad("DescribeIdentityPool not JSON: truncated string", "DescribeIdentityPool", '{"IdentityPoolId": "us-east-1:0f1e')
    bad("DescribeIdentityPool not JSON: trailing comma", "DescribeIdentityPool", '{"IdentityPoolId": "%s",}' % POOL_ID)
    bad("DescribeIdentityPool not JSON: single quotes", "DescribeIdentityPool", "{'IdentityPoolId': '%s'}" % POOL_ID)
    bad("DescribeIdentityPool not JSON: unquoted key", "DescribeIdentityPool", '{IdentityPoolId: "%s"}' % POOL_ID)
    bad("DescribeIdentityPool not JSON: trailing text", "DescribeIdentityPool", '{"IdentityPoolId": "%s"} x' % POOL_ID)
    bad("DescribeIdentityPool not JSON: two values", "DescribeIdentityPool", '{"IdentityPoolId": "%s"}{}' % POOL_ID)
    bad("DescribeIdentityPool not JSON: comment", "DescribeIdentityPool",
        '// pool\n{"IdentityPoolId": "%s"}' % POOL_ID)
    bad("CreateIdentityPool not JSON: raw tab inside a string", "CreateIdentityPool",
        '{"IdentityPoolName": "My\tPool", "AllowUnauthenticatedIdentities": false}')
    bad("CreateIdentityPool not JSON: invalid escape", "CreateIdentityPool",
        '{"IdentityPoolName": "My\\x41Pool", "AllowUnauthenticatedIdentities": false}')
    bad("CreateIdentityPool not JSON: capitalized True", "CreateIdentityPool",
        '{"IdentityPoolName": "MyPool", "AllowUnauthenticatedIdentities": True}')
    bad("ListIdentityPools not JSON: NaN", "ListIdentityPools", '{"MaxResults": NaN}')
    bad("ListIdentityPools not JSON: leading plus", "ListIdentityPools", '{"MaxResults": +10}')
    bad("ListIdentityPools not JSON: leading zero", "ListIdentityPools", '{"MaxResults": 010}')
    C(make_case("DescribeIdentityPool nesting deeper than 64", "DescribeIdentityPool", "our-choice",
                "docs/REFERENCE.md section 10: nesting deeper than 64 is refused with a syntax issue",
                text='{"IdentityPoolId": "%s", "Deep": %s%s}' % (POOL_ID, "[" * 200, "]" * 200),
                errors=[("", "syntax")]))

    # ---- 10. lengths count code points --------------------------------------
    cp_src = "length counts Unicode code points (docs/REFERENCE.md section 4.2)"
    key_src = cp_src + "; TagKeysType " + bounds_text(SHAPES["TagKeysType"])
    value_src = cp_src + "; TagValueType " + bounds_text(SHAPES["TagValueType"])
    C(make_case("CreateIdentityPool tag key 128 × é", "CreateIdentityPool", "model", key_src,
                value=rename_key(create, ["IdentityPoolTags"], "environment", "é" * 128), errors=[]))
    C(make_case("CreateIdentityPool tag key 129 × é", "CreateIdentityPool", "model", key_src,
                value=rename_key(create, ["IdentityPoolTags"], "environment", "é" * 129),
                errors=[("/IdentityPoolTags/" + "é" * 129, "length", True)]))
    C(make_case("CreateIdentityPool tag value 256 × U+1F680 (512 UTF-16 units)", "CreateIdentityPool", "model",
                value_src, value=set_at(create, ["IdentityPoolTags", "project"], "\U0001F680" * 256), errors=[]))
    C(make_case("CreateIdentityPool tag value 257 × U+1F680", "CreateIdentityPool", "model", value_src,
                value=set_at(create, ["IdentityPoolTags", "project"], "\U0001F680" * 257),
                errors=[("/IdentityPoolTags/project", "length")]))
    C(make_case("SetIdentityPoolRoles Claim 64 × U+1F680 (So, 128 UTF-16 units)", "SetIdentityPoolRoles",
                "model", cp_src + "; ClaimName " + bounds_text(SHAPES["ClaimName"]),
                value=set_at(roles, ["RoleMappings", UP, "RulesConfiguration", "Rules", 0, "Claim"],
                             "\U0001F680" * 64), errors=[]))
    C(make_case("SetIdentityPoolRoles Claim 65 × é", "SetIdentityPoolRoles",
                "model", cp_src + "; ClaimName " + bounds_text(SHAPES["ClaimName"]),
                value=set_at(roles, ["RoleMappings", UP, "RulesConfiguration", "Rules", 0, "Claim"], "é" * 65),
                errors=[(RULES + "/0/Claim", "length")]))
    arn_e = "arn:aws:iam::%s:role/" % ACCOUNT
    C(make_case("GetCredentialsForIdentity /CustomRoleArn 2048 code points with é", "GetCredentialsForIdentity",
                "model", cp_src + "; ARNString " + bounds_text(SHAPES["ARNString"]),
                value=set_at(creds, ["CustomRoleArn"], arn_e + "é" * (2048 - len(arn_e))), errors=[]))
    C(make_case("GetCredentialsForIdentity /CustomRoleArn 2049 code points with é", "GetCredentialsForIdentity",
                "model", cp_src + "; ARNString " + bounds_text(SHAPES["ARNString"]),
                value=set_at(creds, ["CustomRoleArn"], arn_e + "é" * (2049 - len(arn_e))),
                errors=[("/CustomRoleArn", "length")]))
    C(make_case("CreateIdentityPool /IdentityPoolName 128 with combining marks fails only the pattern",
                "CreateIdentityPool", "model", cp_src + "; IdentityPoolName pattern is ASCII",
                value=set_at(create, ["IdentityPoolName"], "e\u0301" * 64),
                errors=[("/IdentityPoolName", "pattern")]))

    # ---- 11. several errors in one input: order rules ----------------------
    def multi(name, op, value, errors, source, **kw):
        C(make_case(name, op, "model", source, value=value, errors=errors, **kw))

    multi("CreateIdentityPool four errors on two members, length before pattern", "CreateIdentityPool",
          {"IdentityPoolName": "", "AllowUnauthenticatedIdentities": True,
           "DeveloperProviderName": "login/" + "x" * 123 + "#"},
          [("/IdentityPoolName", "length"), ("/IdentityPoolName", "pattern"),
           ("/DeveloperProviderName", "length"), ("/DeveloperProviderName", "pattern")],
          "IdentityPoolName and DeveloperProviderName: min 1, max 128, patterns",
          service_message="4 validation errors detected: "
          "Value '' at 'identityPoolName' failed to satisfy constraint: Member must have length greater than "
          "or equal to 1; Value '' at 'identityPoolName' failed to satisfy constraint: Member must satisfy "
          "regular expression pattern: [\\w\\s+=,.@-]+; Value 'login/" + "x" * 123 + "#' at "
          "'developerProviderName' failed to satisfy constraint: Member must have length less than or equal to "
          "128; Value 'login/" + "x" * 123 + "#' at 'developerProviderName' failed to satisfy constraint: "
          "Member must satisfy regular expression pattern: [\\w._-]+")
    multi("CreateIdentityPool errors in input order, not model order", "CreateIdentityPool",
          {"DeveloperProviderName": "bad/name", "AllowUnauthenticatedIdentities": False,
           "IdentityPoolName": "bad#name"},
          [("/DeveloperProviderName", "pattern"), ("/IdentityPoolName", "pattern")], "input order",
          service_message="2 validation errors detected: Value 'bad/name' at 'developerProviderName' failed "
          "to satisfy constraint: Member must satisfy regular expression pattern: [\\w._-]+; Value 'bad#name' "
          "at 'identityPoolName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
          "[\\w\\s+=,.@-]+")
    multi("CreateIdentityPool errors in two CognitoIdentityProviders entries", "CreateIdentityPool",
          {"IdentityPoolName": "MyApp", "AllowUnauthenticatedIdentities": False,
           "CognitoIdentityProviders": [
               {"ClientId": "bad client", "ProviderName": UP},
               {"ProviderName": "cognito-idp.us-east-1.amazonaws.com/" + "x" * 100, "ClientId": ""}]},
          [("/CognitoIdentityProviders/0/ClientId", "pattern"),
           ("/CognitoIdentityProviders/1/ProviderName", "length"),
           ("/CognitoIdentityProviders/1/ClientId", "length"),
           ("/CognitoIdentityProviders/1/ClientId", "pattern")],
          "list entries in order; members in input order",
          service_message="4 validation errors detected: Value 'bad client' at "
          "'cognitoIdentityProviders.1.member.clientId' failed to satisfy constraint: Member must satisfy "
          "regular expression pattern: [\\w_]+; Value 'cognito-idp.us-east-1.amazonaws.com/" + "x" * 100 + "' at "
          "'cognitoIdentityProviders.2.member.providerName' failed to satisfy constraint: Member must have "
          "length less than or equal to 128; Value '' at 'cognitoIdentityProviders.2.member.clientId' failed to "
          "satisfy constraint: Member must have length greater than or equal to 1; Value '' at "
          "'cognitoIdentityProviders.2.member.clientId' failed to satisfy constraint: Member must satisfy "
          "regular expression pattern: [\\w_]+")
    multi("CreateIdentityPool list entry errors in ARN lists", "CreateIdentityPool",
          set_at(set_at(create, ["OpenIdConnectProviderARNs"], [OIDC_ARN, "arn:aws:iam::1"]),
                 ["SamlProviderARNs"], ["saml"]),
          [("/OpenIdConnectProviderARNs/1", "length"), ("/SamlProviderARNs/0", "length")],
          "ARNString min 20",
          service_message="2 validation errors detected: Value 'arn:aws:iam::1' at "
          "'openIdConnectProviderARNs.2.member' failed to satisfy constraint: Member must have length greater "
          "than or equal to 20; Value 'saml' at 'samlProviderARNs.1.member' failed to satisfy constraint: "
          "Member must have length greater than or equal to 20")
    multi("CreateIdentityPool unknown, present and missing members", "CreateIdentityPool",
          {"Foo": 1, "IdentityPoolName": "x#"},
          [("/Foo", "unknown_member"), ("/IdentityPoolName", "pattern"),
           ("/AllowUnauthenticatedIdentities", "required")],
          "unknown in place; missing required after present members")
    slp = dict(("login%d.example.com" % i, "app%d" % i) for i in range(1, 12))
    slp = dict(list(slp.items())[:3] + [("", "bad value")] + list(slp.items())[3:10])
    multi("CreateIdentityPool map size before entries, key before value", "CreateIdentityPool",
          set_at(create, ["SupportedLoginProviders"], slp),
          [("/SupportedLoginProviders", "length"), ("/SupportedLoginProviders/", "length", True),
           ("/SupportedLoginProviders/", "pattern")],
          "IdentityProviders max 10; key IdentityProviderName min 1; value IdentityProviderId pattern")
    multi("GetCredentialsForIdentity empty Logins key and empty token", "GetCredentialsForIdentity",
          {"IdentityId": IDENTITY_ID, "Logins": {"": ""}},
          [("/Logins/", "length", True), ("/Logins/", "length")],
          "IdentityProviderName min 1 (key); IdentityProviderToken min 1 (value)")
    logins = dict(("login%d.example.com" % i, "token-%d" % i) for i in range(1, 12))
    logins["login5.example.com"] = None
    multi("GetCredentialsForIdentity 11 Logins with a null token", "GetCredentialsForIdentity",
          {"Logins": logins, "IdentityId": IDENTITY_ID},
          [("/Logins", "length"), ("/Logins/login5.example.com", "required")],
          "LoginsMap max 10; null map value")
    multi("SetIdentityPoolRoles Roles key and value errors", "SetIdentityPoolRoles",
          {"IdentityPoolId": POOL_ID,
           "Roles": {"admin": "arn:short", "authenticated": arn_e + "x" * (2049 - len(arn_e))}},
          [("/Roles/admin", "pattern", True), ("/Roles/admin", "length"), ("/Roles/authenticated", "length")],
          "RoleType pattern (key); ARNString min 20, max 2048 (values)")
    multi("SetIdentityPoolRoles five errors in one rule", "SetIdentityPoolRoles",
          set_at(roles, ["RoleMappings", UP, "RulesConfiguration", "Rules", 1],
                 {"Claim": "", "MatchType": "x", "Value": "", "RoleARN": "arn:aws:iam::role"}),
          [(RULES + "/1/Claim", "length"), (RULES + "/1/Claim", "pattern"), (RULES + "/1/MatchType", "enum"),
           (RULES + "/1/Value", "length"), (RULES + "/1/RoleARN", "length")],
          "MappingRule members in input order")
    big_rules = [dict(rules_mapping()["RulesConfiguration"]["Rules"][i % 2]) for i in range(401)]
    big_rules[7] = dict(big_rules[7], MatchType="Equal")
    multi("SetIdentityPoolRoles 401 rules: size before entries", "SetIdentityPoolRoles",
          set_at(roles, ["RoleMappings", UP, "RulesConfiguration", "Rules"], big_rules),
          [(RULES, "length"), (RULES + "/7/MatchType", "enum")], "MappingRulesList max 400")
    multi("SetIdentityPoolRoles errors across two RoleMappings in input order", "SetIdentityPoolRoles",
          {"RoleMappings": {OIDC_HOST: {"Type": "Tokens", "AmbiguousRoleResolution": "Deny"},
                            UP: {"Type": "Rules", "RulesConfiguration": {"Rules": []}}},
           "Roles": {"guest": UNAUTH_ROLE}},
          [("/RoleMappings/" + OIDC_HOST + "/Type", "enum"), (RULES, "length"), ("/Roles/guest", "pattern", True),
           ("/IdentityPoolId", "required")],
          "map entries in input order; missing required last")
    multi("UpdateIdentityPool null in place, pattern, then missing", "UpdateIdentityPool",
          {"IdentityPoolName": None, "IdentityPoolId": "bad"},
          [("/IdentityPoolName", "required"), ("/IdentityPoolId", "pattern"),
           ("/AllowUnauthenticatedIdentities", "required")],
          "null required in place; missing required after present",
          service_message="3 validation errors detected: Value null at 'identityPoolName' failed to satisfy "
          "constraint: Member must not be null; Value 'bad' at 'identityPoolId' failed to satisfy constraint: "
          "Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+; Value null at "
          "'allowUnauthenticatedIdentities' failed to satisfy constraint: Member must not be null")
    multi("ListIdentityPools range and pattern", "ListIdentityPools",
          {"NextToken": "", "MaxResults": 0},
          [("/NextToken", "length"), ("/NextToken", "pattern"), ("/MaxResults", "range")],
          "PaginationKey min 1 and pattern; QueryLimit min 1",
          service_message="3 validation errors detected: Value '' at 'nextToken' failed to satisfy constraint: "
          "Member must have length greater than or equal to 1; Value '' at 'nextToken' failed to satisfy "
          "constraint: Member must satisfy regular expression pattern: [\\S]+; Value '0' at 'maxResults' failed "
          "to satisfy constraint: Member must have value greater than or equal to 1")
    multi("GetOpenIdTokenForDeveloperIdentity range and missing Logins", "GetOpenIdTokenForDeveloperIdentity",
          {"IdentityPoolId": POOL_ID, "TokenDuration": 86401},
          [("/TokenDuration", "range"), ("/Logins", "required")], "TokenDuration max 86400; Logins required",
          service_message="2 validation errors detected: Value '86401' at 'tokenDuration' failed to satisfy "
          "constraint: Member must have value less than or equal to 86400; Value null at 'logins' failed to "
          "satisfy constraint: Member must not be null")
    multi("CreateIdentityPool pointer escapes in a map key at fault", "CreateIdentityPool",
          set_at(create, ["SupportedLoginProviders"], {"a~/b": "app id"}),
          [("/SupportedLoginProviders/a~0~1b", "pattern")], "RFC 6901: ~ → ~0 then / → ~1")

    # ---- 12. shape targets -------------------------------------------------
    def shape_case(name, target, value, errors, source, provenance="model", **kw):
        C(make_case(name, target, provenance, source, value=value, errors=errors, **kw))

    shape_case("IdentityPoolId shape: valid id", "IdentityPoolId", POOL_ID, [], "IdentityPoolId")
    shape_case("IdentityPoolId shape: user pool id", "IdentityPoolId", "us-east-1_AbCdEfGhI",
               [("", "pattern")], "IdentityPoolId pattern " + P_ID)
    shape_case("IdentityPoolId shape: empty string", "IdentityPoolId", "",
               [("", "length"), ("", "pattern")], "IdentityPoolId min 1; pattern")
    shape_case("IdentityPoolId shape: 56 characters", "IdentityPoolId", POOL_ID + "0" * 10,
               [("", "length")], "IdentityPoolId max 55")
    shape_case("IdentityPoolId shape: a number", "IdentityPoolId", 5, [("", "type")], "IdentityPoolId is a string")
    shape_case("IdentityPoolId shape: an object", "IdentityPoolId", {"IdentityPoolId": POOL_ID}, [("", "type")],
               "IdentityPoolId is a string")
    C(make_case("IdentityPoolId shape: null", "IdentityPoolId", "model", "IdentityPoolId is a string",
                text="null", errors=[("", "type")]))
    shape_case("IdentityId shape: valid id", "IdentityId", IDENTITY_ID, [], "IdentityId")
    shape_case("ClaimName shape: with a space", "ClaimName", "my claim", [("", "pattern")], claim_src)
    shape_case("RoleMappingType shape: not in the enum", "RoleMappingType", "Tokens", [("", "enum")],
               enum_src("RoleMappingType"))
    cred = {"AccessKeyId": "ASIAIOSFODNN7EXAMPLE", "SecretKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "SessionToken": "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN", "Expiration": 1714564800}
    ts_src = "DateType timestamp: epoch seconds or RFC 3339 date-time"
    shape_case("Credentials shape: valid, Expiration epoch seconds", "Credentials", cred, [], ts_src)
    for label, v, ok in [
        ("fractional epoch seconds", 1714564800.25, True),
        ("RFC 3339 UTC", "2024-05-01T12:00:00Z", True),
        ("RFC 3339 with fraction and offset", "2024-05-01T14:00:00.123+02:00", True),
        ("date only", "2024-05-01", False),
        ("epoch seconds as a string", "1714564800", False),
        ("human date", "May 1, 2024", False),
        ("boolean", True, False),
        ("array", [1714564800], False),
    ]:
        shape_case("Credentials shape: Expiration " + label, "Credentials", set_at(cred, ["Expiration"], v),
                   [] if ok else [("/Expiration", "type")], ts_src, provenance="our-choice")
    shape_case("Credentials shape: SecretKey a number", "Credentials", set_at(cred, ["SecretKey"], 12345),
               [("/SecretKey", "type")], "SecretKeyString is a string")
    shape_case("Credentials shape: unknown member Expiry", "Credentials",
               dict(list(cred.items()) + [("Expiry", "2024-05-01T12:00:00Z")]),
               [("/Expiry", "unknown_member")], "Credentials members")
    shape_case("Credentials shape: empty object", "Credentials", {}, [], "Credentials has no required members")
    shape_case("GetCredentialsForIdentityResponse shape: valid", "GetCredentialsForIdentityResponse",
               {"IdentityId": IDENTITY_ID, "Credentials": cred}, [], "GetCredentialsForIdentityResponse")
    shape_case("GetCredentialsForIdentityResponse shape: IdentityId upper case", "GetCredentialsForIdentityResponse",
               {"IdentityId": IDENTITY_ID.upper(), "Credentials": cred}, [("/IdentityId", "pattern")],
               "IdentityId pattern")
    shape_case("IdentityPool shape: valid stored pool", "IdentityPool", base("UpdateIdentityPool"), [],
               "IdentityPool")
    shape_case("IdentityPool shape: empty object", "IdentityPool", {},
               [("/IdentityPoolId", "required"), ("/IdentityPoolName", "required"),
                ("/AllowUnauthenticatedIdentities", "required")], "IdentityPool required members")
    shape_case("IdentityPool shape: pool#name", "IdentityPool",
               set_at(base("UpdateIdentityPool"), ["IdentityPoolName"], "pool#name"),
               [("/IdentityPoolName", "pattern")], "IdentityPoolName pattern " + P_NAME)
    shape_case("RoleMapping shape: Rules mapping", "RoleMapping", rules_mapping(), [], "RoleMapping")
    shape_case("RoleMapping shape: Token mapping", "RoleMapping", token_mapping(), [], "RoleMapping")
    shape_case("RoleMapping shape: Type not in the enum", "RoleMapping", {"Type": "Rule"}, [("/Type", "enum")],
               enum_src("RoleMappingType"))
    shape_case("RoleMapping shape: empty object", "RoleMapping", {}, [("/Type", "required")],
               "RoleMapping required: Type")
    shape_case("RoleMapping shape: no rules", "RoleMapping",
               {"Type": "Rules", "AmbiguousRoleResolution": "Deny", "RulesConfiguration": {"Rules": []}},
               [("/RulesConfiguration/Rules", "length")], "MappingRulesList min 1")
    shape_case("RoleMapping shape: an array", "RoleMapping", [rules_mapping()], [("", "type")],
               "RoleMapping is a structure")
    shape_case("MappingRule shape: empty object", "MappingRule", {},
               [("/Claim", "required"), ("/MatchType", "required"), ("/Value", "required"),
                ("/RoleARN", "required")], "MappingRule required members, model order")
    shape_case("MappingRulesList shape: empty", "MappingRulesList", [], [("", "length")], "MappingRulesList min 1")
    shape_case("RolesMap shape: guest key", "RolesMap", {"authenticated": AUTH_ROLE, "guest": UNAUTH_ROLE},
               [("/guest", "pattern", True)], role_type_src)
    shape_case("LoginsMap shape: empty", "LoginsMap", {}, [], "LoginsMap has no min")
    shape_case("IdentityPoolTagsType shape: key 129 × é", "IdentityPoolTagsType", {"é" * 129: "v"},
               [("/" + "é" * 129, "length", True)], "TagKeysType max 128")
    shape_case("IdentityPoolTagsType shape: empty value", "IdentityPoolTagsType", {"project": ""}, [],
               "TagValueType min 0")
    return cases


def shape_at(op, tokens):
    """The model shape of the value at `tokens` in an input of `op`."""
    name = OPERATIONS[op]["input"]
    for t in tokens:
        s = SHAPES[name]
        if s["type"] == "structure":
            name = s["members"][t]["shape"]
        elif s["type"] == "list":
            name = s["member"]["shape"]
        else:
            name = s["value"]["shape"]
    return SHAPES[name]


# --------------------------------------------------------------------------


def render(description, cases):
    # The oracle knows the model's traits only, so these files pin the
    # constraint layer: runners compare constraint-layer errors alone.
    doc = {"description": description, "generatedBy": GENERATED_BY, "layer": "constraint", "cases": cases}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def main(argv):
    check_only = "--check" in argv[1:]
    _check_dialect()
    files = {
        "boundaries.json": render(
            "Length, size and range boundaries (min-1, min, max, max+1) of every constrained position "
            "reachable from realistic inputs, derived from core/model/cognito-identity.json.",
            boundary_cases()),
        "constraints.json": render(
            "Base inputs, pattern, enum, type, unknown member, required and null, duplicate key, not-JSON, "
            "code-point length, multi-error ordering and shape-target cases for the constraint layer.",
            constraint_cases()),
    }
    stale = []
    for name, text in files.items():
        path = os.path.join(OUT_DIR, name)
        old = None
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                old = f.read()
        if old != text:
            stale.append(name)
            if not check_only:
                os.makedirs(OUT_DIR, exist_ok=True)
                with open(path, "w", encoding="utf-8", newline="\n") as f:
                    f.write(text)
        print("%s: %d cases%s" % (name, len(json.loads(text)["cases"]),
                                   " (stale)" if check_only and name in stale else ""))
    if check_only and stale:
        print("vectors are stale; run python3 scripts/gen-vectors.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

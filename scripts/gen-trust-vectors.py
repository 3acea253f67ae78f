#!/usr/bin/env python3
"""Write tests/vectors/trust.json: role trust (docs/REFERENCE.md section 11).

Two kinds of cases:

- `resolve`: a credentials context with TrustPolicies (and Flow, AccountId,
  PrincipalTags); the expected decision carries `trust`, or the expected
  error is `trust_denied` (or `basic_flow_refused`, or an input issue).
- `audit`: an audit context; the expected `audit` array, and the ordered
  errors and warnings.

This script is an oracle of its own: it evaluates every policy with a small
IAM evaluator written here from the IAM user guide (condition operators,
multivalued keys, evaluation logic), independently of the Rust code, and
computes who reaches which role from the pool. The lint findings of each
policy are written by hand, next to the policy, with the fact they rest on.

Run: python3 scripts/gen-trust-vectors.py [--check]
"""
import json
import re
import sys
import urllib.parse
from pathlib import Path

from login_tokens import jwt, saml_response
from vector_file import write_or_check

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "vectors" / "trust.json"

POOL_ID = "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
OTHER_POOL = "us-east-1:9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
IDENTITY_ID = "us-east-1:5a7d74f5-93d8-4586-b59c-8f2a25d9f696"
USER_POOL = "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI"
CLIENT = "6g3jb2hyqsnkp1z7gcm5rqkj8e"
OIDC_HOST = "auth.example.com"
OIDC = "arn:aws:iam::123456789012:oidc-provider/" + OIDC_HOST
SAML = "arn:aws:iam::123456789012:saml-provider/CorpIdP"
DEV = "login.photos.example.com"
GOOGLE_CLIENT = "123456789012-abcdefghijklmnop.apps.googleusercontent.com"
USER_SUB = "5f0e3b1c-8a2d-4c6e-9b7f-1a2b3c4d5e6f"
COGNITO = "cognito-identity.amazonaws.com"
AUD, AMR, SUB = COGNITO + ":aud", COGNITO + ":amr", COGNITO + ":sub"
ASSUME, TAG = "sts:AssumeRoleWithWebIdentity", "sts:TagSession"
ACCOUNT, OTHER_ACCOUNT = "123456789012", "210987654321"

WARNING_CODES = {"trust_amr_missing", "trust_guest_allowed", "trust_set_operator", "trust_if_exists",
                 "trust_broad_action", "trust_policy_missing"}

# Sources, cited by the cases.
SRC_TRUST = "Cognito developer guide, role-trust-and-permissions (awsdocs/amazon-cognito-developer-guide@85b058f)"
SRC_OPS = "IAM user guide, reference_policies_elements_condition_operators (awsdocs/iam-user-guide@e2b8637)"
SRC_MULTI = "IAM user guide, reference_policies_multi-value-conditions (awsdocs/iam-user-guide@e2b8637)"
SRC_SINGLE = "IAM user guide, reference_policies_single-vs-multi-valued-condition-keys"
SRC_EVAL = "IAM user guide, reference_policies_evaluation-logic: an explicit Deny overrides any Allow"
SRC_KEYS = "IAM user guide, reference_policies_iam-condition-keys: cognito-identity.amazonaws.com:aud, :amr, :sub"
SRC_COND = "IAM user guide, reference_policies_elements_condition: condition key names are case-insensitive"
SRC_GOV = "AWS GovCloud (US) user guide, https://docs.aws.amazon.com/govcloud-us/latest/UserGuide/govcloud-cog.html"
SRC_TAGS = "IAM user guide, id_session-tags: a role trusted by the IdP must allow sts:TagSession when tags are passed"
SRC_BEST = "https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools-security-best-practices.html"
SRC_FLOW = "https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html"
SRC_AA = "IAM Access Analyzer policy checks (access-analyzer-reference-policy-checks)"
SRC_CVE = "CVE-2024-28056 / AWS-2024-003 (https://aws.amazon.com/security/security-bulletins/AWS-2024-003/)"
SRC_COND_REQ = "IAM answer 'A condition block must be present for the Cognito provider' (aws-amplify/amplify-cli#13689)"
SRC_AMR = ("amr values: IAM user guide reference_policies_iam-condition-keys; API Gateway cognitoAuthenticationProvider "
           "samples (https://serverless-stack.com/chapters/mapping-cognito-identity-id-and-user-pool-id.html); "
           "decoded tokens in catnekaise/catnekaise.github.io content/github-actions-abac-aws/detailed-explanation.md")


def role(name, account=ACCOUNT, partition="aws"):
    return f"arn:{partition}:iam::{account}:role/{name}"


AUTH, UNAUTH = role("Cognito_PhotosAuth_Role"), role("Cognito_PhotosUnauth_Role")
EDITORS, ADMINS = role("PhotoEditors"), role("PhotoAdmins")


def id_token():
    return jwt({"sub": USER_SUB, "aud": CLIENT, "token_use": "id", "iss": "https://" + USER_POOL,
                "cognito:username": "alice"})


LOGINS = {
    "facebook": {"graph.facebook.com": "EAAGm0PX4ZCpsBAKZC"},
    "google": {"accounts.google.com": jwt({"iss": "https://accounts.google.com", "aud": GOOGLE_CLIENT, "sub": "1"})},
    "userpool": {USER_POOL: id_token()},
    "oidc": {OIDC_HOST: jwt({"iss": "https://" + OIDC_HOST, "sub": "user-42", "aud": "app"})},
    "saml": {SAML: saml_response([f"{AUTH},{SAML}"])},
    "developer": {COGNITO: jwt({"iss": "https://" + COGNITO, "aud": POOL_ID, "sub": IDENTITY_ID,
                                "amr": ["authenticated", DEV, f"{DEV}:{POOL_ID}:alice-7"]})},
}
# The amr each login gives (SRC_AMR).
LOGIN_AMR = {
    "facebook": ["graph.facebook.com"],
    "google": ["accounts.google.com"],
    "userpool": [USER_POOL, f"{USER_POOL}:CognitoSignIn:{USER_SUB}"],
    "oidc": [OIDC_HOST, f"{OIDC}:OIDC:user-42"],
    "saml": [SAML],
    "developer": [DEV, f"{DEV}:{POOL_ID}:alice-7"],
}
LOGIN_KEY = {"facebook": "graph.facebook.com", "google": "accounts.google.com", "userpool": USER_POOL,
             "oidc": OIDC_HOST, "saml": SAML, "developer": COGNITO}


def pool(pool_id=POOL_ID, **members):
    region = pool_id.split(":")[0]
    suffix = "amazonaws.com.cn" if region.startswith("cn-") else "amazonaws.com"
    user_pool = f"cognito-idp.{region}.{suffix}/{region}_AbCdEfGhI"
    base = {"IdentityPoolId": pool_id, "IdentityPoolName": "Photos", "AllowUnauthenticatedIdentities": True,
            "SupportedLoginProviders": {"graph.facebook.com": "7346241598935552", "accounts.google.com": GOOGLE_CLIENT},
            "DeveloperProviderName": DEV,
            "OpenIdConnectProviderARNs": [OIDC.replace("arn:aws:", "arn:" + partition_of(region) + ":")],
            "CognitoIdentityProviders": [{"ProviderName": user_pool, "ClientId": CLIENT}],
            "SamlProviderARNs": [SAML.replace("arn:aws:", "arn:" + partition_of(region) + ":")]}
    base.update(members)
    return {k: v for k, v in base.items() if v is not None}


def partition_of(region):
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    if region.startswith("cn-"):
        return "aws-cn"
    return "aws"


# --- trust policies -----------------------------------------------------------------------------
def statement(effect="Allow", principal=None, action=ASSUME, condition=None, sid=None, **extra):
    s = {}
    if sid is not None:
        s["Sid"] = sid
    s["Effect"] = effect
    s["Principal"] = {"Federated": COGNITO} if principal is None else principal
    s["Action"] = action
    if condition is not None:
        s["Condition"] = condition
    s.update(extra)
    return s


def std_condition(amr_value="authenticated", aud=POOL_ID):
    return {"StringEquals": {AUD: aud}, "ForAnyValue:StringLike": {AMR: amr_value}}


def policy(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


AUTH_POLICY = policy(statement(condition=std_condition(), sid="CognitoAuthenticated"))
GUEST_POLICY = policy(statement(condition=std_condition("unauthenticated"), sid="CognitoGuest"))


# --- the oracle: IAM evaluation ----------------------------------------------------------------------
def principals_for(region):
    """(principal names, condition-key prefixes, unverified) for a pool's region."""
    if region == "us-gov-east-1":
        east = "cognito-identity.us-gov-east-1.amazonaws.com"
        return [east], [COGNITO, east], False
    if region.startswith("us-gov-"):
        gov = "cognito-identity-us-gov.amazonaws.com"
        return [gov], [COGNITO, gov], False
    return [COGNITO], [COGNITO], partition_of(region) != "aws"


def as_list(value):
    return value if isinstance(value, list) else [value]


def text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def glob(pattern, value, ignore_case=False):
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, value, re.S | (re.I if ignore_case else 0)) is not None


OPERATOR = re.compile(r"(?i)^(ForAnyValue:|ForAllValues:)?(String(?:Not)?(?:Equals(?:IgnoreCase)?|Like)|Null)(IfExists)?$")


def pointer(*tokens):
    return "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in tokens)


def statements_of(doc):
    """(pointer, statement) pairs."""
    st = doc["Statement"]
    if isinstance(st, dict):
        return [("/Statement", st)]
    return [(f"/Statement/{i}", s) for i, s in enumerate(st)]


def claim_values(key, token, prefixes):
    prefix, _, name = key.rpartition(":")
    if prefix.lower() not in [p.lower() for p in prefixes]:
        return None
    name = name.lower()
    if name == "aud":
        return [token["aud"]]
    if name == "sub":
        return [token["sub"]] if token.get("sub") else None
    if name == "amr":
        return list(token["amr"])
    return None


def one_matches(base, policy_values, v):
    """The positive form of the test, for one request value."""
    if "Like" in base:
        return any(glob(p, v) for p in policy_values)
    if "IgnoreCase" in base:
        return any(p.lower() == v.lower() for p in policy_values)
    return v in policy_values


def holds(op, key, values, token, prefixes):
    m = OPERATOR.match(op)
    qualifier, base, if_exists = m.group(1), m.group(2), m.group(3)
    request = claim_values(key, token, prefixes)
    policy_values = [text(v) for v in as_list(values)]
    if base.lower() == "null":
        absent = not request
        return any((p.lower() == "true" and absent) or (p.lower() == "false" and not absent) for p in policy_values)
    negated = "Not" in base
    if not request:
        if if_exists:
            return True
        if qualifier and qualifier.lower().startswith("forany"):
            return False
        if qualifier:
            return True
        return negated

    def ok(v):
        return not one_matches(base, policy_values, v) if negated else one_matches(base, policy_values, v)

    if qualifier and qualifier.lower().startswith("forall"):
        return all(ok(v) for v in request)
    return any(ok(v) for v in request)


def principal_ok(s, names):
    p = s.get("Principal")
    if p == "*":
        return True
    if isinstance(p, dict):
        return any(v in names for v in as_list(p.get("Federated", [])))
    np = s.get("NotPrincipal")
    if isinstance(np, dict):
        return not any(v in names for v in as_list(np.get("Federated", [])))
    return False


def action_ok(s, action):
    if "NotAction" in s:
        return not any(glob(a, action, True) for a in as_list(s["NotAction"]))
    return any(glob(a, action, True) for a in as_list(s["Action"]))


def first_failing(s, at, token, prefixes, cross_basic):
    for op, keys in s.get("Condition", {}).items():
        for key, values in keys.items():
            if not holds(op, key, values, token, prefixes):
                return key, f"{at}{pointer('Condition', op, key)}"
    if cross_basic:
        for claim in ("aud", "amr"):
            tested = any(claim_values(k, {"aud": "x", "sub": "x", "amr": ["x"]}, prefixes) is not None
                         and k.lower().endswith(":" + claim)
                         and "Not" not in op and op.lower() != "null"
                         for op, keys in s.get("Condition", {}).items() for k in keys)
            if not tested:
                return f"{COGNITO}:{claim}", at + ("/Condition" if "Condition" in s else "")
    return None


def evaluate_action(doc, token, region, action, cross_basic):
    names, prefixes, _ = principals_for(region)
    sts = statements_of(doc)

    def applies(at, s):
        return principal_ok(s, names) and action_ok(s, action) and first_failing(s, at, token, prefixes, False) is None

    for i, (at, s) in enumerate(sts):
        if s["Effect"] == "Deny" and applies(at, s):
            return {"denied": "explicit_deny", "statement": i, "at": at}
    allows = [(i, at, s) for i, (at, s) in enumerate(sts) if s["Effect"] == "Allow"]
    if not allows:
        return {"denied": "no_statement", "at": "/Statement"}
    by_principal = [a for a in allows if principal_ok(a[2], names)]
    if not by_principal:
        i, at, s = allows[0]
        return {"denied": "principal", "statement": i, "at": at + ("/Principal" if "Principal" in s else "/NotPrincipal")}
    by_action = [a for a in by_principal if action_ok(a[2], action)]
    if not by_action:
        i, at, s = by_principal[0]
        return {"denied": "action", "statement": i, "at": at + ("/NotAction" if "NotAction" in s else "/Action")}
    failure = None
    for i, at, s in by_action:
        failed = first_failing(s, at, token, prefixes, cross_basic)
        if failed is None:
            return {"allowed": i}
        if failure is None:
            failure = {"denied": "condition", "statement": i, "key": failed[0], "at": failed[1]}
    return failure


def evaluate(doc, token, region, tags=False, cross_basic=False):
    verdict = evaluate_action(doc, token, region, ASSUME, cross_basic)
    if tags and "allowed" in verdict:
        tagged = evaluate_action(doc, token, region, TAG, cross_basic)
        if "denied" in tagged:
            return tagged
    return verdict


def decode_policy(doc):
    if isinstance(doc, str):
        return json.loads(urllib.parse.unquote(doc) if doc.startswith("%") else doc)
    return doc


# --- cases ------------------------------------------------------------------------------------------
CASES = []


def denied_error(role_arn, verdict):
    e = {"path": pointer("TrustPolicies", role_arn) + verdict["at"], "code": "trust_denied",
         "params": {"reason": verdict["denied"]}}
    if "statement" in verdict:
        e["params"]["statement"] = verdict["statement"]
    if "key" in verdict:
        e["params"]["key"] = verdict["key"]
    return e


def resolve_case(name, login=None, policies=None, custom=None, flow=None, account=None, tags=None,
                 roles=None, mappings=None, pool_members=None, pool_id=POOL_ID, identity_id=IDENTITY_ID,
                 expect=None, warnings=(), provenance="documentation", source="", raw_context=None,
                 decided_by=None):
    """A credentials resolution. `expect` is None (the oracle decides
    from the policy), or a list of (path, code) errors for input problems
    and refusals that come before trust."""
    ctx = {"Pool": pool(pool_id, **(pool_members or {}))}
    ctx["Roles"] = roles if roles is not None else {"authenticated": AUTH, "unauthenticated": UNAUTH}
    if mappings is not None:
        ctx["RoleMappings"] = mappings
    request = {"IdentityId": identity_id}
    if login is not None:
        request["Logins"] = LOGINS[login]
    if custom is not None:
        request["CustomRoleArn"] = custom
    ctx["Request"] = request
    ctx["TrustPolicies"] = policies if policies is not None else {}
    if flow is not None:
        ctx["Flow"] = flow
    if account is not None:
        ctx["AccountId"] = account
    if tags is not None:
        ctx["PrincipalTags"] = tags
    if raw_context is not None:
        ctx.update(raw_context)
    c = {"name": "resolve: " + name, "operation": "resolve", "input": ctx}
    region = pool_id.split(":")[0]
    if expect is not None:
        c["ok"] = False
        c["errors"] = [dict({"path": p, "code": code}, **({"key": True} if key else {}))
                       for p, code, *key in expect]
    else:
        basic = flow == "basic"
        identity = "authenticated" if login else "unauthenticated"
        role_arn = custom if basic else (AUTH if login else UNAUTH)
        source_name = "custom_role_arn" if basic else ("custom_role_arn" if custom else "default")
        if decided_by is not None:
            # A role the login itself offers (a SAML assertion's single role).
            role_arn, source_name = decided_by
        decision = {"identityType": identity}
        if login:
            decision["provider"] = LOGIN_KEY[login]
        decision.update({"roleArn": role_arn, "source": source_name})
        doc = policies.get(role_arn)
        if doc is None:
            c["ok"] = True
            c["decision"] = decision
            c["errors"] = []
        else:
            doc = decode_policy(doc)
            amr = ["authenticated"] + LOGIN_AMR[login] if login else ["unauthenticated"]
            token = {"aud": pool_id, "sub": identity_id, "amr": amr}
            cross = basic and account is not None and role_arn.split(":")[4] != account
            verdict = evaluate(doc, token, region, bool(tags), cross)
            if "allowed" in verdict:
                i = verdict["allowed"]
                trust = {"allowed": True, "statement": i}
                sid = statements_of(doc)[i][1].get("Sid")
                if sid is not None:
                    trust["sid"] = sid
                if principals_for(region)[2]:
                    trust["unverifiedPrincipal"] = True
                decision["trust"] = trust
                c["ok"] = True
                c["decision"] = decision
                c["errors"] = []
            else:
                c["ok"] = False
                c["errors"] = [denied_error(role_arn, verdict)]
                c["serviceError"] = ({"type": "AccessDenied", "message": "Not authorized to perform sts:AssumeRoleWithWebIdentity"}
                                     if basic else
                                     {"type": "InvalidIdentityPoolConfigurationException",
                                      "message": "Invalid identity pool configuration. Check assigned IAM roles for this pool."})
    c["warnings"] = [{"path": p, "code": code} for p, code in warnings]
    c["provenance"] = provenance
    c["source"] = source
    CASES.append(c)


# Reach: which identities the pool sends to which role (reference section 11, audit).
def login_keys(p):
    keys = []
    for k in p.get("SupportedLoginProviders", {}):
        keys.append((k, "social"))
    for arn in p.get("OpenIdConnectProviderARNs", []):
        keys.append((arn.split("oidc-provider/", 1)[1], "oidc"))
    for up in p.get("CognitoIdentityProviders", []):
        keys.append((up["ProviderName"], "userpool"))
    for arn in p.get("SamlProviderARNs", []):
        keys.append((arn, "saml"))
    if p.get("DeveloperProviderName"):
        keys.append((COGNITO, "developer"))
    return keys


def reach(p, roles, mappings):
    out = []

    def add(r, who):
        for entry in out:
            if entry[0] == r:
                if who not in entry[1]:
                    entry[1].append(who)
                return
        out.append((r, [who]))

    if p.get("AllowUnauthenticatedIdentities") and "unauthenticated" in roles:
        add(roles["unauthenticated"], {"identityType": "unauthenticated"})
    later = []
    for key, kind in login_keys(p):
        who = {"identityType": "authenticated", "provider": key}
        m = mappings.get(key)
        fallback = True
        if m is not None:
            fallback = m.get("AmbiguousRoleResolution") == "AuthenticatedRole"
            if m["Type"] == "Rules":
                later += [(rule["RoleARN"], who) for rule in m["RulesConfiguration"]["Rules"]]
            elif kind == "saml":
                fallback = False
        elif kind == "saml":
            fallback = False
        if fallback and "authenticated" in roles:
            add(roles["authenticated"], who)
    for r, who in later:
        add(r, who)
    return out


def audit_case(name, policies, lints, roles=None, mappings=None, pool_id=POOL_ID, pool_members=None,
               tags=None, account=None, provenance="documentation", source="", expect=None, raw_context=None):
    """An audit. `lints` maps a role ARN to its policy's hand-written
    findings [(pointer inside the policy, code)], in order."""
    p = pool(pool_id, **(pool_members or {}))
    roles = roles if roles is not None else {"authenticated": AUTH, "unauthenticated": UNAUTH}
    ctx = {"Pool": p, "Roles": roles}
    if mappings is not None:
        ctx["RoleMappings"] = mappings
    ctx["TrustPolicies"] = policies
    if account is not None:
        ctx["AccountId"] = account
    if tags is not None:
        ctx["PrincipalTags"] = tags
    if raw_context is not None:
        ctx = raw_context
    c = {"name": "audit: " + name, "operation": "audit", "input": ctx}
    if expect is not None:
        c["ok"] = False
        c["errors"] = [{"path": path, "code": code} for path, code in expect]
        c["provenance"], c["source"] = provenance, source
        CASES.append(c)
        return
    region = pool_id.split(":")[0]
    reached = reach(p, roles, mappings or {})
    findings = []
    audit = []
    for arn, doc in policies.items():
        doc = decode_policy(doc)
        base = pointer("TrustPolicies", arn)
        for path, code in lints.get(arn, []):
            findings.append({"path": base + path, "code": code})
        reachers = next((w for r, w in reached if r == arn), None)
        if reachers is None:
            continue
        for who in reachers:
            amr = (["authenticated", DEV if who.get("provider") == COGNITO else who["provider"]]
                   if who["identityType"] == "authenticated" else ["unauthenticated"])
            verdict = evaluate(doc, {"aud": pool_id, "amr": amr}, region, bool(tags))
            if "denied" in verdict:
                e = denied_error(arn, verdict)
                e["params"]["identityType"] = who["identityType"]
                if "provider" in who:
                    e["params"]["provider"] = who["provider"]
                findings.append(e)
        if any(w["identityType"] == "authenticated" for w in reachers):
            verdict = evaluate(doc, {"aud": pool_id, "amr": ["unauthenticated"]}, region, bool(tags))
            if "allowed" in verdict:
                at = statements_of(doc)[verdict["allowed"]][0]
                findings.append({"path": base + at, "code": "trust_guest_allowed"})
    for arn, reachers in reached:
        entry = {"roleArn": arn, "reachedBy": reachers}
        doc = policies.get(arn)
        if doc is None:
            findings.append({"path": pointer("TrustPolicies", arn), "code": "trust_policy_missing"})
        else:
            doc = decode_policy(doc)
            allowed = []
            for who in reachers:
                amr = (["authenticated", DEV if who.get("provider") == COGNITO else who["provider"]]
                       if who["identityType"] == "authenticated" else ["unauthenticated"])
                allowed.append("allowed" in evaluate(doc, {"aud": pool_id, "amr": amr}, region, bool(tags)))
            entry["allowed"] = allowed
        if principals_for(region)[2]:
            entry["unverifiedPrincipal"] = True
        audit.append(entry)
    c["errors"] = [f for f in findings if f["code"] not in WARNING_CODES]
    c["warnings"] = [f for f in findings if f["code"] in WARNING_CODES]
    c["ok"] = not c["errors"]
    c["audit"] = audit
    c["provenance"], c["source"] = provenance, source
    CASES.append(c)


TP = pointer("TrustPolicies")


def tp(arn, *rest):
    return pointer("TrustPolicies", arn, *rest)


# === resolve: evaluation ==========================================================================
BOTH = {AUTH: AUTH_POLICY, UNAUTH: GUEST_POLICY}
resolve_case("guest admitted by the guest role's policy", policies=BOTH, source=SRC_TRUST)
resolve_case("user-pool login admitted by the authenticated role's policy", "userpool", BOTH, source=SRC_TRUST)
resolve_case("Facebook login admitted", "facebook", BOTH, source=SRC_TRUST)
resolve_case("Google login admitted", "google", BOTH, source=SRC_TRUST)
resolve_case("OIDC login admitted", "oidc", BOTH, source=SRC_TRUST)
resolve_case("developer login admitted", "developer", BOTH, source=SRC_TRUST)
resolve_case("SAML login admitted by a policy on the SAML provider's amr entry", "saml",
             {AUTH: policy(statement(condition={"StringEquals": {AUD: POOL_ID},
                                                "ForAnyValue:StringEquals": {AMR: SAML}}))},
             decided_by=(AUTH, "single_role"),
             source=SRC_AMR + "; reference section 11: a SAML login's amr entry is the SAML provider ARN")
resolve_case("SAML login refused by a policy for another provider", "saml",
             {AUTH: policy(statement(condition={"StringEquals": {AUD: POOL_ID},
                                                "ForAnyValue:StringEquals": {AMR: USER_POOL}}))},
             decided_by=(AUTH, "single_role"), source=SRC_AMR)
resolve_case("guest refused by an authenticated-only policy", policies={UNAUTH: AUTH_POLICY},
             source="aws-amplify/amplify-backend#625: amr value for the wrong identity type")
resolve_case("signed-in identity refused by a guest-only policy", "facebook", {AUTH: GUEST_POLICY},
             source="aws-amplify/amplify-backend#625")
resolve_case("aud names another pool (role reused with a new pool)", "userpool",
             {AUTH: policy(statement(condition=std_condition(aud=OTHER_POOL)))},
             source="aws-samples/aws-serverless-workshops#218: a reused role whose aud names the old pool")
resolve_case("aud is a user pool id, not the identity pool id", "userpool",
             {AUTH: policy(statement(condition=std_condition(aud="us-east-1_AbCdEfGhI")))},
             source="aws/aws-cli awscli/examples/accessanalyzer/validate-policy.rst puts a user pool id in aud; a pool id is <region>:<guid>")
resolve_case("aud is a literal placeholder", "userpool",
             {AUTH: policy(statement(condition=std_condition(aud="my-identity-pool-id")))},
             source="aws-amplify/amplify-cli#3630: aud is a placeholder, not the pool id")
resolve_case("principal is the user pool service, not the identity pool", "userpool",
             {AUTH: policy(statement(principal={"Service": "cognito-idp.amazonaws.com"}, condition=std_condition()))},
             source="amazon-archives/amazon-cognito-auth-js#196: Service principals in a Cognito trust policy")
resolve_case("principal is the OIDC provider ARN", "oidc",
             {AUTH: policy(statement(principal={"Federated": OIDC}, condition=std_condition()))},
             source="Cognito developer guide iam-roles: identity pools give STS their own token (aud = the pool id), so the principal is the identity pool's")
resolve_case("action sts:AssumeRole instead of AssumeRoleWithWebIdentity", "facebook",
             {AUTH: policy(statement(action="sts:AssumeRole", condition=std_condition()))},
             source="danilop/LambdAuth#4; " + SRC_AA + " MISMATCHED_ACTION_FOR_PRINCIPAL")
resolve_case("service role with no Cognito statement", "facebook",
             {AUTH: policy(statement(principal={"Service": "lambda.amazonaws.com"}, action="sts:AssumeRole"))},
             source="aws-amplify/amplify-js#6195; awslabs/aws-sdk-ios-samples#195: roles with no Cognito statement")
resolve_case("only a Deny statement: no Allow at all", "facebook",
             {AUTH: policy(statement("Deny", condition={"StringEquals": {AUD: OTHER_POOL}}))},
             source=SRC_EVAL + "; default deny")
resolve_case("explicit Deny of one provider wins over the Allow", "facebook",
             {AUTH: policy(statement(condition=std_condition()),
                           statement("Deny", condition={"ForAnyValue:StringEquals": {AMR: "graph.facebook.com"}}))},
             source=SRC_EVAL)
resolve_case("explicit Deny of another provider does not apply", "google",
             {AUTH: policy(statement(condition=std_condition()),
                           statement("Deny", condition={"ForAnyValue:StringEquals": {AMR: "graph.facebook.com"}}))},
             source=SRC_EVAL)
resolve_case("the first applying Allow is named, with its Sid", "userpool",
             {AUTH: policy(statement(condition=std_condition(aud=OTHER_POOL), sid="Old"),
                           statement(condition=std_condition(), sid="Current"))},
             source=SRC_EVAL)
resolve_case("statement given as one object", "userpool",
             {AUTH: {"Version": "2012-10-17", "Statement": statement(condition=std_condition())}},
             source="IAM policy grammar: Statement is one statement or an array")
resolve_case("StringEqualsIgnoreCase on aud", "userpool",
             {AUTH: policy(statement(condition={"StringEqualsIgnoreCase": {AUD: POOL_ID.upper()},
                                                "ForAnyValue:StringLike": {AMR: "authenticated"}}))}, source=SRC_OPS)
resolve_case("StringEquals is case-sensitive", "userpool",
             {AUTH: policy(statement(condition={"StringEquals": {AUD: POOL_ID.upper()},
                                                "ForAnyValue:StringLike": {AMR: "authenticated"}}))}, source=SRC_OPS)
resolve_case("StringNotEquals on aud admits this pool", "userpool",
             {AUTH: policy(statement(condition={"StringNotEquals": {AUD: OTHER_POOL},
                                                "ForAnyValue:StringLike": {AMR: "authenticated"}}))}, source=SRC_OPS)
resolve_case("StringNotEquals with several values is a NOR", "userpool",
             {AUTH: policy(statement(condition={"StringNotEquals": {AUD: [OTHER_POOL, POOL_ID]},
                                                "ForAnyValue:StringLike": {AMR: "authenticated"}}))}, source=SRC_MULTI)
resolve_case("StringNotEqualsIgnoreCase refuses this pool in other case", "userpool",
             {AUTH: policy(statement(condition={"StringNotEqualsIgnoreCase": {AUD: POOL_ID.upper()},
                                                "ForAnyValue:StringLike": {AMR: "authenticated"}}))}, source=SRC_OPS)
resolve_case("StringLike with * on aud", "userpool",
             {AUTH: policy(statement(condition={"StringLike": {AUD: "us-east-1:*"},
                                                "ForAnyValue:StringLike": {AMR: "authenticated"}}))}, source=SRC_OPS)
resolve_case("StringLike with ? on aud", "userpool",
             {AUTH: policy(statement(condition={"StringLike": {AUD: POOL_ID[:-1] + "?"},
                                                "ForAnyValue:StringLike": {AMR: "authenticated"}}))}, source=SRC_OPS)
resolve_case("StringNotLike on amr refuses guests", policies={UNAUTH: policy(statement(condition={
    "StringEquals": {AUD: POOL_ID}, "ForAnyValue:StringNotLike": {AMR: "unauth*"}}))}, source=SRC_OPS)
resolve_case("several aud values are an OR", "userpool",
             {AUTH: policy(statement(condition=std_condition(aud=[OTHER_POOL, POOL_ID])))},
             source=SRC_MULTI + "; Cognito guide: reuse roles across identity pools")
resolve_case("ForAnyValue on the user-pool sign-in amr entry", "userpool",
             {AUTH: policy(statement(condition={"StringEquals": {AUD: POOL_ID},
                                                "ForAnyValue:StringLike": {AMR: USER_POOL + ":CognitoSignIn:*"}}))},
             source=SRC_AMR)
resolve_case("ForAnyValue on the OIDC amr entry", "oidc",
             {AUTH: policy(statement(condition={"StringEquals": {AUD: POOL_ID},
                                                "ForAnyValue:StringEquals": {AMR: f"{OIDC}:OIDC:user-42"}}))},
             source=SRC_AMR)
resolve_case("ForAnyValue on the developer amr entry", "developer",
             {AUTH: policy(statement(condition={"StringEquals": {AUD: POOL_ID},
                                                "ForAnyValue:StringEquals": {AMR: f"{DEV}:{POOL_ID}:alice-7"}}))},
             source="aws/aws-sdk-net#420: the amr of a developer-authenticated token")
resolve_case("ForAllValues admits when every amr value is listed", "facebook",
             {AUTH: policy(statement(condition={"StringEquals": {AUD: POOL_ID},
                                                "ForAllValues:StringEquals": {AMR: ["authenticated", "graph.facebook.com"]}}))},
             source=SRC_MULTI, warnings=[(tp(AUTH, "Statement", 0, "Condition", "ForAllValues:StringEquals", AMR), "trust_set_operator")])
resolve_case("ForAllValues refuses when an amr value is not listed", "facebook",
             {AUTH: policy(statement(condition={"StringEquals": {AUD: POOL_ID},
                                                "ForAllValues:StringEquals": {AMR: "authenticated"}}))},
             source=SRC_MULTI, warnings=[(tp(AUTH, "Statement", 0, "Condition", "ForAllValues:StringEquals", AMR), "trust_set_operator")])
resolve_case("ForAllValues on an absent key holds", "facebook",
             {AUTH: policy(statement(condition={"StringEquals": {AUD: POOL_ID},
                                                "ForAllValues:StringEquals": {COGNITO + ":groups": "x"}}))},
             source=SRC_MULTI + ": ForAllValues is true when the key is absent")
resolve_case("ForAnyValue on an absent key fails", "facebook",
             {AUTH: policy(statement(condition={"StringEquals": {AUD: POOL_ID},
                                                "ForAnyValue:StringEquals": {COGNITO + ":groups": "x"}}))},
             source=SRC_MULTI + ": ForAnyValue is false when the key is absent")
resolve_case("bare operator on amr reads as any value, with a warning", "facebook",
             {AUTH: policy(statement(condition={"StringEquals": {AUD: POOL_ID, AMR: "authenticated"}}))},
             provenance="our-choice", source="reference section 11: a bare operator on amr is indeterminate",
             warnings=[(tp(AUTH, "Statement", 0, "Condition", "StringEquals", AMR), "trust_set_operator")])
resolve_case("IfExists on an absent key holds", "facebook",
             {AUTH: policy(statement(condition={"StringEquals": {AUD: POOL_ID},
                                                "StringEqualsIfExists": {COGNITO + ":groups": "admins"}}))},
             source=SRC_OPS + ": ...IfExists")
resolve_case("Null false on aud holds", "facebook",
             {AUTH: policy(statement(condition={"Null": {AUD: "false"}}))}, source=SRC_OPS + ": Null")
resolve_case("Null true on aud fails", "facebook",
             {AUTH: policy(statement(condition={"Null": {AUD: "true"}}))}, source=SRC_OPS + ": Null")
resolve_case("negated operator on an absent key holds", "facebook",
             {AUTH: policy(statement(condition={"StringEquals": {AUD: POOL_ID},
                                                "StringNotEquals": {COGNITO + ":groups": "banned"}}))},
             source=SRC_OPS + ": a missing key makes negated operators true")
resolve_case("condition keys ignore letter case", "userpool",
             {AUTH: policy(statement(condition={"StringEquals": {AUD.upper(): POOL_ID},
                                                "ForAnyValue:StringLike": {"Cognito-Identity.AmazonAWS.com:AMR": "authenticated"}}))},
             source=SRC_COND)
resolve_case("typo in the condition key never matches", "userpool",
             {AUTH: policy(statement(condition={"StringEquals": {AUD: POOL_ID},
                                                "ForAnyValue:StringLike": {"cognito-identity.amazon.com:amr": "authenticated"}}))},
             source="adrianhall/restaurant-reviews#3: cognito-identity.amazon.com:amr typo")
resolve_case("sub names this identity", "userpool",
             {AUTH: policy(statement(condition={"StringEquals": {AUD: POOL_ID, SUB: IDENTITY_ID}}))},
             source=SRC_KEYS + "; Cognito guide: sub restricts a role to identities",
             warnings=[])
resolve_case("sub names another identity", "userpool",
             {AUTH: policy(statement(condition={"StringEquals": {AUD: POOL_ID, SUB: "us-east-1:00000000-0000-4000-8000-000000000000"}}))},
             source=SRC_KEYS)
resolve_case("action wildcard sts:AssumeRole* covers the call", "userpool",
             {AUTH: policy(statement(action="sts:AssumeRole*", condition=std_condition()))}, source=SRC_AA + "; IAM action wildcards")
resolve_case("NotAction sts:AssumeRole covers the call", "userpool",
             {AUTH: policy({"Effect": "Allow", "Principal": {"Federated": COGNITO}, "NotAction": "sts:AssumeRole",
                            "Condition": std_condition()})}, source="IAM NotAction semantics")
resolve_case("actions compare ignoring case", "userpool",
             {AUTH: policy(statement(action="STS:assumerolewithwebidentity", condition=std_condition()))},
             source="IAM user guide: action names are case-insensitive")
resolve_case("a role without a policy is not evaluated", "userpool", {UNAUTH: GUEST_POLICY},
             source="reference section 11: no policy, no trust member")
resolve_case("policy as JSON text", "userpool", {AUTH: json.dumps(AUTH_POLICY)},
             source="IAM returns AssumeRolePolicyDocument as text")
resolve_case("policy URL-encoded as IAM's raw API returns it", "userpool",
             {AUTH: urllib.parse.quote(json.dumps(AUTH_POLICY), safe="")},
             source="IAM GetRole: AssumeRolePolicyDocument is URL-encoded (RFC 3986)")
# principal tags
TAGS_POLICY = policy(statement(action=[ASSUME, TAG], condition=std_condition()))
resolve_case("principal tags need sts:TagSession", "userpool", {AUTH: AUTH_POLICY}, tags=True, source=SRC_TAGS)
resolve_case("principal tags with sts:TagSession allowed", "userpool", {AUTH: TAGS_POLICY}, tags=True,
             source=SRC_TAGS + "; Cognito guide using-attributes-for-access-control-policy-example")
# partitions
GOV_POOL = "us-gov-west-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
GOV_EAST_POOL = "us-gov-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
CN_POOL = "cn-north-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
GOV_AUTH = role("Cognito_PhotosAuth_Role", partition="aws-us-gov")
GOV_UNAUTH = role("Cognito_PhotosUnauth_Role", partition="aws-us-gov")
CN_UNAUTH = role("Cognito_PhotosUnauth_Role", partition="aws-cn")
GOV_ROLES = {"authenticated": GOV_AUTH, "unauthenticated": GOV_UNAUTH}


def gov_policy(principal, aud, amr="unauthenticated", prefix=COGNITO):
    return policy(statement(principal={"Federated": principal},
                            condition={"StringEquals": {prefix + ":aud": aud},
                                       "ForAnyValue:StringLike": {prefix + ":amr": amr}}))


def gov_resolve(name, pool_id, principal, prefix=COGNITO, **kw):
    region = pool_id.split(":")[0]
    unauth = GOV_UNAUTH if region.startswith("us-gov") else CN_UNAUTH
    ctx_roles = {"unauthenticated": unauth}
    # The oracle's decision names the default roles; map them here.
    global UNAUTH
    saved = UNAUTH
    UNAUTH = unauth
    try:
        resolve_case(name, policies={unauth: gov_policy(principal, pool_id, prefix=prefix)}, roles=ctx_roles,
                     pool_id=pool_id, identity_id=region + ":5a7d74f5-93d8-4586-b59c-8f2a25d9f696", **kw)
    finally:
        UNAUTH = saved


gov_resolve("GovCloud guest admitted with the us-gov principal", GOV_POOL, "cognito-identity-us-gov.amazonaws.com", source=SRC_GOV)
gov_resolve("GovCloud guest admitted with us-gov condition keys", GOV_POOL, "cognito-identity-us-gov.amazonaws.com",
            prefix="cognito-identity-us-gov.amazonaws.com", provenance="our-choice",
            source=SRC_GOV + "; the condition-key prefix there is not documented")
gov_resolve("GovCloud role trusting the commercial principal", GOV_POOL, COGNITO, source=SRC_GOV + "; aws-solutions-library-samples/guidance-for-claude-code-with-amazon-bedrock PARTITION_SUPPORT_ASSESSMENT.md")
gov_resolve("GovCloud US-East guest admitted with its regional principal", GOV_EAST_POOL,
            "cognito-identity.us-gov-east-1.amazonaws.com", source=SRC_GOV)
gov_resolve("GovCloud US-East role trusting the us-gov principal", GOV_EAST_POOL,
            "cognito-identity-us-gov.amazonaws.com", provenance="our-choice", source=SRC_GOV + ": US-East uses its regional name instead")
gov_resolve("China: the commercial principal, flagged unverified", CN_POOL, COGNITO, provenance="our-choice",
            source="https://docs.amazonaws.cn/cognito/latest/developerguide/identity-pools-security-best-practices.html: the China principal and key prefix disagree")
# basic flow
resolve_case("basic flow: the app's role, admitted", "userpool", {EDITORS: AUTH_POLICY}, custom=EDITORS, flow="basic",
             source=SRC_FLOW)
resolve_case("basic flow: the app's role, refused by STS", "userpool", {EDITORS: GUEST_POLICY}, custom=EDITORS, flow="basic",
             source=SRC_FLOW + "; STS AccessDenied")
resolve_case("basic flow: guest with the app's role", policies={EDITORS: GUEST_POLICY}, custom=EDITORS, flow="basic",
             source=SRC_FLOW)
resolve_case("basic flow without CustomRoleArn", "userpool", {AUTH: AUTH_POLICY}, flow="basic",
             expect=[("/Request/CustomRoleArn", "no_role")], provenance="our-choice",
             source="reference section 11: in the basic flow the role is the app's choice, required")
resolve_case("basic flow disabled on the pool", "userpool", {EDITORS: AUTH_POLICY}, custom=EDITORS, flow="basic",
             pool_members={"AllowClassicFlow": False}, expect=[("/Pool/AllowClassicFlow", "basic_flow_refused")],
             provenance="service", source="InvalidParameterException: Basic (classic) flow is not enabled, please use enhanced flow.")
resolve_case("basic flow on a pool with role mappings", "userpool", {EDITORS: AUTH_POLICY}, custom=EDITORS, flow="basic",
             mappings={USER_POOL: {"Type": "Token", "AmbiguousRoleResolution": "AuthenticatedRole"}},
             expect=[("/RoleMappings", "basic_flow_refused")], provenance="service",
             source="aws-observability/aws-rum-web#172: Basic (classic) flow is not supported with RoleMappings, please use enhanced flow.")
resolve_case("basic flow with a SAML login", "saml", {EDITORS: AUTH_POLICY}, custom=EDITORS, flow="basic",
             expect=[(pointer("Request", "Logins", SAML), "basic_flow_refused")], provenance="service",
             source="Basic (classic) flow is not supported with SAML, please use enhanced flow.")
AMR_ONLY = policy(statement(condition={"ForAnyValue:StringLike": {AMR: "authenticated"}}))
AUD_ONLY = policy(statement(condition={"StringEquals": {AUD: POOL_ID}}))
OTHER_ACCOUNT_ROLE = role("Shared", OTHER_ACCOUNT)
resolve_case("basic flow across accounts needs an amr condition", "userpool", {OTHER_ACCOUNT_ROLE: AUD_ONLY},
             custom=OTHER_ACCOUNT_ROLE, flow="basic", account=ACCOUNT, source=SRC_BEST)
resolve_case("basic flow across accounts needs an aud condition", "userpool", {OTHER_ACCOUNT_ROLE: AMR_ONLY},
             custom=OTHER_ACCOUNT_ROLE, flow="basic", account=ACCOUNT, source=SRC_BEST + "; STS RoleArn note (botocore 1.35.61)")
resolve_case("basic flow in the same account without amr", "userpool", {EDITORS: AUD_ONLY},
             custom=EDITORS, flow="basic", account=ACCOUNT, source=SRC_BEST)
resolve_case("enhanced flow across accounts is not refused here", "userpool", {AUTH: AUD_ONLY},
             account=OTHER_ACCOUNT, provenance="our-choice", source="catnekaise/catnekaise.github.io detailed-explanation.md claims enhanced-flow roles stay in the pool's account; AWS does not say so")
# input problems
resolve_case("trust policy text that is not JSON", "userpool", {AUTH: "{\"Version\": "},
             expect=[(tp(AUTH), "syntax")], source="reference section 11: syntax issues at the policy's path")
resolve_case("trust policy that is a number", "userpool", {AUTH: 5}, expect=[(tp(AUTH), "type")],
             source="reference section 11: type issues at the policy's path")
resolve_case("TrustPolicies key that is not a role ARN", "userpool",
             {"arn:aws:iam::123456789012:user/alice": AUTH_POLICY}, expect=[(tp("arn:aws:iam::123456789012:user/alice"), "invalid_arn", True)],
             provenance="our-choice", source="TrustPolicies is keyed by role ARN")
resolve_case("bad URL encoding", "userpool", {AUTH: "%7B%2"}, expect=[(tp(AUTH), "syntax")],
             provenance="our-choice", source="RFC 3986 percent-encoding")
resolve_case("unknown statement element", "userpool",
             {AUTH: policy(statement(condition=std_condition(), Principle="x"))},
             expect=[(tp(AUTH, "Statement", 0, "Principle"), "unknown_member")], source="IAM policy grammar")
resolve_case("unknown condition operator", "userpool",
             {AUTH: policy(statement(condition={"StringEqual": {AUD: POOL_ID}}))},
             expect=[(tp(AUTH, "Statement", 0, "Condition", "StringEqual"), "unknown_member", True)],
             source=SRC_OPS)
resolve_case("Effect that is neither Allow nor Deny", "userpool",
             {AUTH: policy(statement("allow", condition=std_condition()))},
             expect=[(tp(AUTH, "Statement", 0, "Effect"), "enum")], source="IAM policy grammar: Effect")
resolve_case("statement without Action", "userpool",
             {AUTH: policy({"Effect": "Allow", "Principal": {"Federated": COGNITO}, "Condition": std_condition()})},
             expect=[(tp(AUTH, "Statement", 0, "Action"), "required")], source="IAM policy grammar")
resolve_case("Flow that is neither enhanced nor basic", "userpool", {AUTH: AUTH_POLICY}, flow="classic",
             expect=[("/Flow", "enum")], provenance="our-choice", source="reference section 11: inputs")
resolve_case("AccountId that is not 12 digits", "userpool", {AUTH: AUTH_POLICY}, account="12345",
             expect=[("/AccountId", "pattern")], provenance="our-choice", source="reference section 11: inputs")
resolve_case("PrincipalTags that is not a boolean", "userpool", {AUTH: AUTH_POLICY}, tags="yes",
             expect=[("/PrincipalTags", "type")], provenance="our-choice", source="reference section 11: inputs")
resolve_case("TrustPolicies that is not an object", "userpool", None, raw_context={"TrustPolicies": [AUTH_POLICY]},
             expect=[("/TrustPolicies", "type")], provenance="our-choice", source="reference section 11: inputs")

# === audit ===========================================================================================
S0 = pointer("Statement", 0)
S0C = S0 + "/Condition"
audit_case("a well-configured pool", {AUTH: AUTH_POLICY, UNAUTH: GUEST_POLICY}, {}, source=SRC_TRUST + "; " + SRC_BEST)
audit_case("sts:AssumeRole with the Cognito principal",
           {AUTH: policy(statement(action="sts:AssumeRole", condition=std_condition())), UNAUTH: GUEST_POLICY},
           {AUTH: [(S0 + "/Action", "trust_wrong_action")]},
           source="danilop/LambdAuth#4; " + SRC_AA + " MISMATCHED_ACTION_FOR_PRINCIPAL")
audit_case("amr-only trust (no aud): any pool can assume the role",
           {AUTH: AMR_ONLY, UNAUTH: GUEST_POLICY}, {AUTH: [(S0C, "trust_aud_missing")]}, source=SRC_CVE)
audit_case("aud with a wildcard",
           {AUTH: policy(statement(condition={"StringLike": {AUD: "us-east-1:*"}, "ForAnyValue:StringLike": {AMR: "authenticated"}})),
            UNAUTH: GUEST_POLICY},
           {AUTH: [(S0C + pointer("StringLike", AUD), "trust_aud_wildcard")]}, source=SRC_CVE + "; https://securitylabs.datadoghq.com/articles/amplified-exposure-how-aws-flaws-made-amplify-iam-roles-vulnerable-to-takeover/")
audit_case("aud tested only by a negated operator",
           {AUTH: policy(statement(condition={"StringNotEquals": {AUD: OTHER_POOL}, "ForAnyValue:StringLike": {AMR: "authenticated"}})),
            UNAUTH: GUEST_POLICY},
           {AUTH: [(S0C + pointer("StringNotEquals", AUD), "trust_aud_wildcard")]}, source=SRC_CVE)
audit_case("Cognito Allow without a Condition block",
           {AUTH: policy(statement()), UNAUTH: GUEST_POLICY}, {AUTH: [(S0, "trust_condition_required")]},
           provenance="service", source=SRC_COND_REQ)
audit_case("NotPrincipal, Resource and Principal * are refused by IAM",
           {AUTH: policy({"Effect": "Allow", "NotPrincipal": {"Federated": "accounts.google.com"}, "Action": ASSUME,
                          "Condition": std_condition()},
                         statement(condition=std_condition(), Resource="*"),
                         statement(principal="*", condition=std_condition())),
            UNAUTH: GUEST_POLICY},
           {AUTH: [("/Statement/0/NotPrincipal", "trust_forbidden_element"),
                   ("/Statement/1/Resource", "trust_forbidden_element"),
                   ("/Statement/2/Principal", "trust_forbidden_element")]},
           source="IAM user guide reference_policies_elements_notprincipal; devopsacademyau/academy#1368 (Has prohibited field Resource); " + SRC_AA)
audit_case("Action and NotAction together",
           {AUTH: policy(dict(statement(condition=std_condition()), NotAction="sts:AssumeRole")), UNAUTH: GUEST_POLICY},
           {AUTH: [(S0 + "/NotAction", "trust_forbidden_element"), (S0 + "/NotAction", "trust_broad_action")]},
           provenance="our-choice",
           source="IAM policy grammar: Action or NotAction")
audit_case("user pool service as principal",
           {AUTH: policy(statement(principal={"Service": "cognito-idp.amazonaws.com"}, condition=std_condition())), UNAUTH: GUEST_POLICY},
           {AUTH: [(S0 + "/Principal", "trust_wrong_principal")]}, source="amazon-archives/amazon-cognito-auth-js#196: Service principals in a Cognito trust policy")
audit_case("GovCloud role trusting the commercial principal",
           {GOV_AUTH: gov_policy(COGNITO, GOV_POOL, "authenticated"),
            GOV_UNAUTH: gov_policy("cognito-identity-us-gov.amazonaws.com", GOV_POOL)},
           {GOV_AUTH: [(S0 + "/Principal", "trust_wrong_principal")]}, roles=GOV_ROLES, pool_id=GOV_POOL,
           source=SRC_GOV + "; aws-solutions-library-samples/guidance-for-claude-code-with-amazon-bedrock PARTITION_SUPPORT_ASSESSMENT.md")
audit_case("commercial role trusting the GovCloud principal",
           {AUTH: gov_policy("cognito-identity-us-gov.amazonaws.com", POOL_ID, "authenticated"), UNAUTH: GUEST_POLICY},
           {AUTH: [(S0 + "/Principal", "trust_wrong_principal")]}, source=SRC_GOV)
audit_case("typo in a Cognito condition key",
           {AUTH: policy(statement(condition={"StringEquals": {AUD: POOL_ID},
                                              "ForAnyValue:StringLike": {"cognito-identity.amazon.com:amr": "authenticated"}})),
            UNAUTH: GUEST_POLICY},
           {AUTH: [(S0C + pointer("ForAnyValue:StringLike", "cognito-identity.amazon.com:amr"), "trust_unknown_condition_key"),
                   (S0C, "trust_amr_missing")]},
           source="adrianhall/restaurant-reviews#3")
audit_case("unknown claim of the Cognito token",
           {AUTH: policy(statement(condition={"StringEquals": {AUD: POOL_ID, COGNITO + ":groups": "admins"},
                                              "ForAnyValue:StringLike": {AMR: "authenticated"}})),
            UNAUTH: GUEST_POLICY},
           {AUTH: [(S0C + pointer("StringEquals", COGNITO + ":groups"), "trust_unknown_condition_key")]}, source=SRC_KEYS)
audit_case("principal tags without sts:TagSession",
           {AUTH: AUTH_POLICY, UNAUTH: policy(statement(action=[ASSUME, TAG], condition=std_condition("unauthenticated")))},
           {AUTH: [("", "trust_tag_session_missing")]}, tags=True,
           source=SRC_TAGS + "; aws/aws-cdk#30919; aws-amplify/amplify-cli#12835")
audit_case("no amr condition: guests get the authenticated role too",
           {AUTH: AUD_ONLY, UNAUTH: GUEST_POLICY}, {AUTH: [(S0C, "trust_amr_missing")]}, source=SRC_BEST)
audit_case("authenticated role that also trusts unauthenticated",
           {AUTH: policy(statement(condition=std_condition(["authenticated", "unauthenticated"]))), UNAUTH: GUEST_POLICY},
           {}, source="https://gist.github.com/5t33/b38376d3dd2ada6c8ca55c11cff9e7fd: one role trusting authenticated and unauthenticated")
audit_case("amr wildcard admits guests",
           {AUTH: policy(statement(condition=std_condition("*"))), UNAUTH: GUEST_POLICY}, {}, source=SRC_BEST)
audit_case("set operators misused",
           {AUTH: policy(statement(condition={"ForAnyValue:StringEquals": {AUD: POOL_ID},
                                              "StringLike": {AMR: "authenticated"}})),
            UNAUTH: policy(statement(condition={"StringEquals": {AUD: POOL_ID},
                                                "ForAllValues:StringLike": {AMR: "unauthenticated"}}))},
           {AUTH: [(S0C + pointer("ForAnyValue:StringEquals", AUD), "trust_set_operator"),
                   (S0C + pointer("StringLike", AMR), "trust_set_operator")],
            UNAUTH: [(S0C + pointer("ForAllValues:StringLike", AMR), "trust_set_operator")]},
           source=SRC_SINGLE + "; boogy/iam-policy-validator#161")
audit_case("IfExists and Null weaken aud and amr",
           {AUTH: policy(statement(condition={"StringEqualsIfExists": {AUD: POOL_ID},
                                              "ForAnyValue:StringLike": {AMR: "authenticated"},
                                              "Null": {AMR: "false"}})),
            UNAUTH: GUEST_POLICY},
           {AUTH: [(S0C + pointer("StringEqualsIfExists", AUD), "trust_if_exists"),
                   (S0C + pointer("Null", AMR), "trust_if_exists")]}, source=SRC_OPS)
audit_case("broad actions",
           {AUTH: policy(statement(action="sts:*", condition=std_condition())),
            UNAUTH: policy({"Effect": "Allow", "Principal": {"Federated": COGNITO}, "NotAction": "sts:AssumeRole",
                            "Condition": std_condition("unauthenticated")})},
           {AUTH: [(S0 + "/Action", "trust_broad_action")], UNAUTH: [(S0 + "/NotAction", "trust_broad_action")]},
           source="IAM user guide reference_policies_elements_action and _notaction: wildcards and NotAction")
audit_case("a role the pool hands out has no policy", {UNAUTH: GUEST_POLICY}, {},
           source="reference section 11: trust_policy_missing")
audit_case("an unreached policy is linted all the same", {AUTH: AUTH_POLICY, UNAUTH: GUEST_POLICY, EDITORS: AMR_ONLY},
           {EDITORS: [(S0C, "trust_aud_missing")]}, source=SRC_CVE)
audit_case("guests not allowed: the guest role is not reached", {AUTH: AUTH_POLICY, UNAUTH: AUTH_POLICY}, {},
           pool_members={"AllowUnauthenticatedIdentities": False}, source="reference section 8 step 2")
RULES = {USER_POOL: {"Type": "Rules", "AmbiguousRoleResolution": "Deny", "RulesConfiguration": {"Rules": [
    {"Claim": "cognito:groups", "MatchType": "Contains", "Value": "admin", "RoleARN": ADMINS},
    {"Claim": "cognito:groups", "MatchType": "Contains", "Value": "editor", "RoleARN": EDITORS}]}}}
audit_case("Rules roles are reached by their provider only",
           {AUTH: AUTH_POLICY, UNAUTH: GUEST_POLICY, ADMINS: AUTH_POLICY, EDITORS: GUEST_POLICY}, {}, mappings=RULES,
           source="reference section 8 step 5: Rules")
audit_case("Token mapping with Deny does not reach the authenticated role",
           {AUTH: AUTH_POLICY, UNAUTH: GUEST_POLICY}, {},
           mappings={USER_POOL: {"Type": "Token", "AmbiguousRoleResolution": "Deny"}},
           source="reference section 8 step 5: Token")
audit_case("role trusting only one provider",
           {AUTH: policy(statement(condition={"StringEquals": {AUD: POOL_ID},
                                              "ForAnyValue:StringEquals": {AMR: USER_POOL}})),
            UNAUTH: GUEST_POLICY}, {}, source=SRC_AMR)
audit_case("principal tags with sts:TagSession everywhere",
           {AUTH: TAGS_POLICY, UNAUTH: policy(statement(action=[ASSUME, TAG], condition=std_condition("unauthenticated")))},
           {}, tags=True, source=SRC_TAGS)
audit_case("China pool: principal unverified", {CN_UNAUTH: policy(statement(condition={
    "StringEquals": {AUD: CN_POOL}, "ForAnyValue:StringLike": {AMR: "unauthenticated"}}))}, {},
           roles={"unauthenticated": CN_UNAUTH}, pool_id=CN_POOL, provenance="our-choice",
           source="https://docs.amazonaws.cn/cognito/latest/developerguide/identity-pools-security-best-practices.html: China principal unverified")
audit_case("audit context without TrustPolicies", {}, {}, expect=[("/TrustPolicies", "required")],
           raw_context={"Pool": pool(), "Roles": {"authenticated": AUTH}}, provenance="our-choice",
           source="reference section 11: audit context")
audit_case("audit context with a member it does not take", {}, {}, expect=[("/Request", "unknown_member")],
           raw_context={"Pool": pool(), "TrustPolicies": {}, "Request": {"IdentityId": IDENTITY_ID}},
           provenance="our-choice", source="reference section 11: audit context")


def main(argv):
    return write_or_check(OUT, "Role trust: evaluation in credentials resolution and the audit (reference section 11)",
                          "scripts/gen-trust-vectors.py", CASES, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Write tests/vectors/credentials.json: every branch of credentials
resolution (docs/REFERENCE.md section 8). Tokens and SAML responses are built here,
deterministically; nothing is pasted.

Run: python3 scripts/gen-credentials-vectors.py [--check]
"""
import sys
from pathlib import Path

from login_tokens import b64url, jwt, saml_response
from vector_file import write_or_check

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "vectors" / "credentials.json"

POOL_ID = "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
IDENTITY_ID = "us-east-1:5a7d74f5-93d8-4586-b59c-8f2a25d9f696"
USER_POOL = "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI"
CLIENT = "6g3jb2hyqsnkp1z7gcm5rqkj8e"
OIDC_HOST = "auth.example.com"
OIDC = "arn:aws:iam::123456789012:oidc-provider/" + OIDC_HOST
SAML = "arn:aws:iam::123456789012:saml-provider/CorpIdP"
OTHER_SAML = "arn:aws:iam::123456789012:saml-provider/PartnerIdP"
GOOGLE_CLIENT = "123456789012-abcdefghijklmnop.apps.googleusercontent.com"


def role(name):
    return "arn:aws:iam::123456789012:role/" + name


AUTH, UNAUTH = role("Cognito_PhotosAuth_Role"), role("Cognito_PhotosUnauth_Role")
EDITORS, VIEWERS, ADMINS, OTHER = role("PhotoEditors"), role("PhotoViewers"), role("PhotoAdmins"), role("Unrelated")
NOW = 1764100000


def id_token(**claims):
    base = {"sub": "5f0e3b1c-8a2d-4c6e-9b7f-1a2b3c4d5e6f", "aud": CLIENT, "token_use": "id",
            "iss": "https://" + USER_POOL, "cognito:username": "alice", "exp": NOW + 3600, "iat": NOW - 60}
    base.update(claims)
    return jwt({k: v for k, v in base.items() if v is not None})


def pool(**members):
    base = {"IdentityPoolId": POOL_ID, "IdentityPoolName": "Photos", "AllowUnauthenticatedIdentities": False,
            "SupportedLoginProviders": {"graph.facebook.com": "7346241598935552", "accounts.google.com": GOOGLE_CLIENT},
            "DeveloperProviderName": "login.photos.example.com",
            "OpenIdConnectProviderARNs": [OIDC],
            "CognitoIdentityProviders": [{"ProviderName": USER_POOL, "ClientId": CLIENT}],
            "SamlProviderARNs": [SAML, OTHER_SAML]}
    base.update(members)
    return base


ROLES = {"authenticated": AUTH, "unauthenticated": UNAUTH}
TOKEN_MAPPING = {"Type": "Token", "AmbiguousRoleResolution": "AuthenticatedRole"}
CASES = []


def context(logins=None, custom=None, roles=ROLES, mappings=None, now=None, **pool_members):
    request = {"IdentityId": IDENTITY_ID}
    if logins is not None:
        request["Logins"] = logins
    if custom is not None:
        request["CustomRoleArn"] = custom
    ctx = {"Pool": pool(**pool_members)}
    if roles is not None:
        ctx["Roles"] = roles
    if mappings is not None:
        ctx["RoleMappings"] = mappings
    ctx["Request"] = request
    if now is not None:
        ctx["Now"] = now
    return ctx


def case(name, ctx, decision=None, errors=(), provenance="documentation", source="", service=None):
    c = {"name": name, "operation": "resolve", "input": ctx, "ok": decision is not None}
    if decision is not None:
        c["decision"] = decision
    # Codes about a Logins or RoleMappings key are flagged as key issues.
    keyed = {"not_configured", "role_mapping_provider"}
    c["errors"] = [dict({"path": p, "code": code}, **({"key": True} if code in keyed else {})) for p, code in errors]
    if service is not None:
        c["serviceError"] = service
    c["provenance"] = provenance
    c["source"] = source
    CASES.append(c)


def decided(role_arn, source, provider=None, identity="authenticated", rule=None):
    d = {"identityType": identity}
    if provider is not None:
        d["provider"] = provider
    d["roleArn"] = role_arn
    d["source"] = source
    if rule is not None:
        d["ruleIndex"] = rule
    return d


def login_path(key):
    return "/Request/Logins/" + key.replace("~", "~0").replace("/", "~1")


# --- unauthenticated -----------------------------------------------------------
case("unauthenticated identity gets the unauthenticated role", context(AllowUnauthenticatedIdentities=True),
     decided(UNAUTH, "default", identity="unauthenticated"), source="docs/REFERENCE.md section 8 step 2")
case("unauthenticated identity in a pool that does not allow them", context(),
     errors=[("/Request", "unauthenticated_not_allowed")], provenance="service",
     source="NotAuthorizedException: Unauthenticated access is not supported for this identity pool.",
     service={"type": "NotAuthorizedException", "message": "Unauthenticated access is not supported for this identity pool."})
case("unauthenticated identity with a CustomRoleArn", context(custom=UNAUTH, AllowUnauthenticatedIdentities=True),
     errors=[("/Request/CustomRoleArn", "role_not_offered")], source="docs/REFERENCE.md section 8 step 2")
case("unauthenticated identity with no unauthenticated role", context(roles={"authenticated": AUTH}, AllowUnauthenticatedIdentities=True),
     errors=[("/Roles", "no_role")], provenance="service",
     source="InvalidIdentityPoolConfigurationException",
     service={"type": "InvalidIdentityPoolConfigurationException",
              "message": "Invalid identity pool configuration. Check assigned IAM roles for this pool."})
case("empty Logins map is unauthenticated", context(logins={}, AllowUnauthenticatedIdentities=True),
     decided(UNAUTH, "default", identity="unauthenticated"), provenance="our-choice", source="an empty map carries no login")

# --- logins that the pool does not accept, or whose tokens do not fit ---------------------
case("login key the pool does not accept", context(logins={"www.amazon.com": "Atza|token"}),
     errors=[(login_path("www.amazon.com"), "not_configured")], source="docs/REFERENCE.md section 8 step 3")
case("user-pool login key with https:// is not accepted as such", context(logins={"https://" + USER_POOL: id_token()}),
     errors=[(login_path("https://" + USER_POOL), "not_configured")], provenance="our-choice",
     source="the service compares keys exactly; the message names the key to use")
case("Facebook token is opaque and accepted", context(logins={"graph.facebook.com": "EAAGm0PX4ZCpsBAKZC"}),
     decided(AUTH, "default", "graph.facebook.com"), source="docs/REFERENCE.md section 8 step 5: no mapping")
case("user-pool token that is not a JWT", context(logins={USER_POOL: "not-a-jwt"}),
     errors=[(login_path(USER_POOL), "token_malformed")], source="docs/REFERENCE.md section 8 step 3")
case("user-pool token whose payload is not JSON", context(logins={USER_POOL: "eyJhbGciOiJSUzI1NiJ9." + b64url(b"not json") + ".c2ln"}),
     errors=[(login_path(USER_POOL), "token_malformed")], source="docs/REFERENCE.md section 8 step 3")
case("user-pool token from another user pool", context(logins={USER_POOL: id_token(iss="https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other")}),
     errors=[(login_path(USER_POOL), "token_issuer_mismatch")], provenance="service",
     source="NotAuthorizedException: Invalid login token. Issuer doesn't match providerName",
     service={"type": "NotAuthorizedException", "message": "Invalid login token. Issuer doesn't match providerName"})
case("user-pool ID token for another app client", context(logins={USER_POOL: id_token(aud="otherclient")}),
     errors=[(login_path(USER_POOL), "token_audience_mismatch")], source="docs/REFERENCE.md section 8 step 3")
case("user-pool access token", context(logins={USER_POOL: id_token(token_use="access", aud=None, client_id=CLIENT)}),
     errors=[(login_path(USER_POOL), "token_audience_mismatch")], source="docs/REFERENCE.md section 8 step 3: access tokens are refused")
case("expired token with Now", context(logins={USER_POOL: id_token(exp=NOW - 1)}, now=NOW),
     errors=[(login_path(USER_POOL), "token_expired")], source="docs/REFERENCE.md section 8 step 3")
case("token whose exp is a string is malformed", context(logins={USER_POOL: id_token(exp=str(NOW + 3600))}),
     errors=[(login_path(USER_POOL), "token_malformed")], provenance="documentation",
     source="RFC 7519 section 4.1.4: exp is a NumericDate, a JSON number")
case("token whose nbf is a string is malformed", context(logins={USER_POOL: id_token(nbf="soon")}, now=NOW),
     errors=[(login_path(USER_POOL), "token_malformed")], provenance="documentation",
     source="RFC 7519 section 4.1.5: nbf is a NumericDate, a JSON number")
case("expired token without Now is not checked", context(logins={USER_POOL: id_token(exp=NOW - 1)}),
     decided(AUTH, "default", USER_POOL), source="docs/REFERENCE.md section 8 step 3: expiry only with Now")
case("token not valid yet", context(logins={USER_POOL: id_token(nbf=NOW + 60)}, now=NOW),
     errors=[(login_path(USER_POOL), "token_expired")], source="docs/REFERENCE.md section 3: nbf after now")
case("OIDC token", context(logins={OIDC_HOST: jwt({"iss": "https://" + OIDC_HOST, "sub": "u1", "aud": "app"})}),
     decided(AUTH, "default", OIDC_HOST), source="docs/REFERENCE.md section 8")
case("OIDC token from another issuer", context(logins={OIDC_HOST: jwt({"iss": "https://evil.example.com", "sub": "u1"})}),
     errors=[(login_path(OIDC_HOST), "token_issuer_mismatch")], source="docs/REFERENCE.md section 8 step 3")
case("Google token with the bare issuer", context(logins={"accounts.google.com": jwt({"iss": "accounts.google.com", "aud": GOOGLE_CLIENT, "sub": "1"})}),
     decided(AUTH, "default", "accounts.google.com"), source="docs/REFERENCE.md section 8 step 3: Google also accounts.google.com")
case("Google token for another client", context(logins={"accounts.google.com": jwt({"iss": "https://accounts.google.com", "aud": "999-x.apps.googleusercontent.com"})}),
     errors=[(login_path("accounts.google.com"), "token_audience_mismatch")], provenance="our-choice",
     source="docs/DECISIONS.md: Google and Apple audiences are the configured app ids")
case("developer token for this pool", context(logins={"cognito-identity.amazonaws.com": jwt({"iss": "https://cognito-identity.amazonaws.com", "aud": POOL_ID, "sub": IDENTITY_ID})}),
     decided(AUTH, "default", "cognito-identity.amazonaws.com"), source="docs/REFERENCE.md section 5: developer key")
case("identity in another region than the pool", {**context(AllowUnauthenticatedIdentities=True),
     "Request": {"IdentityId": "eu-west-1:5a7d74f5-93d8-4586-b59c-8f2a25d9f696"}},
     errors=[("/Request/IdentityId", "region_mismatch")], source="docs/REFERENCE.md section 8 step 1")

# --- SAML --------------------------------------------------------------------------------
TWO = [f"{EDITORS},{SAML}", f"{VIEWERS},{SAML}"]
case("SAML assertion offering two roles, none chosen", context(logins={SAML: saml_response(TWO)}),
     errors=[(login_path(SAML), "ambiguous_role")], source="docs/REFERENCE.md section 8 step 5: SAML")
case("SAML assertion offering two roles, one chosen", context(logins={SAML: saml_response(TWO)}, custom=VIEWERS),
     decided(VIEWERS, "custom_role_arn", SAML), source="docs/REFERENCE.md section 8 step 5: SAML")
case("SAML assertion offering two roles, another chosen", context(logins={SAML: saml_response(TWO)}, custom=ADMINS),
     errors=[("/Request/CustomRoleArn", "role_not_offered")], source="docs/REFERENCE.md section 8 step 5: SAML")
case("SAML pairs written provider first", context(logins={SAML: saml_response([f"{SAML},{EDITORS}", f" {SAML} , {VIEWERS} "])}, custom=EDITORS),
     decided(EDITORS, "custom_role_arn", SAML), source="documented: the pair may be written in either order")
case("SAML pairs for another provider are ignored", context(logins={SAML: saml_response([f"{OTHER},{OTHER_SAML}", f"{EDITORS},{SAML}"])}),
     decided(EDITORS, "single_role", SAML), source="docs/REFERENCE.md section 8 step 3: keep the pairs whose provider is the login key")
case("SAML assertion offering no role for the provider", context(logins={SAML: saml_response([f"{OTHER},{OTHER_SAML}"])}),
     errors=[(login_path(SAML), "no_role")], source="docs/REFERENCE.md section 8 step 5: SAML, none")
case("SAML response without prefixes", context(logins={SAML: saml_response([f"{EDITORS},{SAML}"], prefix="", assertion_prefix="")}),
     decided(EDITORS, "single_role", SAML), source="SAML namespaces may be bound to any prefix")
case("SAML assertion in a foreign namespace offers no role",
     context(logins={SAML: saml_response([f"{EDITORS},{SAML}"], assertion_ns="urn:example:not-saml")}),
     errors=[(login_path(SAML), "no_role")], provenance="documentation",
     source="SAML 2.0 core: Assertion and Attribute are elements of urn:oasis:names:tc:SAML:2.0:assertion; an element of another namespace is not one")
case("SAML response that is not base64 XML", context(logins={SAML: "PHNhbWxwOlJlc3BvbnNl"}),
     errors=[(login_path(SAML), "token_malformed")], source="docs/REFERENCE.md section 8 step 3")
case("SAML login decides over a social login without mappings", context(logins={"graph.facebook.com": "EAAGm0PX4ZCpsBAKZC", SAML: saml_response([f"{EDITORS},{SAML}"])}),
     decided(EDITORS, "single_role", SAML), provenance="our-choice", source="docs/REFERENCE.md section 8 step 4")
SAML_RULES = {"Type": "Rules", "AmbiguousRoleResolution": "Deny", "RulesConfiguration": {"Rules": [
    {"Claim": "https://aws.amazon.com/SAML/Attributes/groups", "MatchType": "Contains", "Value": "admins", "RoleARN": ADMINS}]}}
case("SAML Rules mapping on the assertion's attributes", context(
        logins={SAML: saml_response([f"{EDITORS},{SAML}"], [("https://aws.amazon.com/SAML/Attributes/groups", ["staff", "photo-admins"])])},
        mappings={SAML: SAML_RULES}),
     decided(ADMINS, "rule", SAML, rule=0), source="docs/REFERENCE.md section 8 step 5: Rules on SAML attributes")

# --- Token mappings -------------------------------------------------------------------------
ROLES_AB = {"cognito:roles": [EDITORS, VIEWERS], "cognito:preferred_role": VIEWERS}
TM = {USER_POOL: TOKEN_MAPPING}
case("Token mapping: the preferred role", context(logins={USER_POOL: id_token(**ROLES_AB)}, mappings=TM),
     decided(VIEWERS, "preferred_role", USER_POOL), source="docs/REFERENCE.md section 8 step 5: Token")
case("Token mapping: CustomRoleArn among cognito:roles", context(logins={USER_POOL: id_token(**ROLES_AB)}, mappings=TM, custom=EDITORS),
     decided(EDITORS, "custom_role_arn", USER_POOL), source="docs/REFERENCE.md section 8 step 5: Token")
case("Token mapping: CustomRoleArn not among cognito:roles", context(logins={USER_POOL: id_token(**ROLES_AB)}, mappings=TM, custom=ADMINS),
     errors=[("/Request/CustomRoleArn", "role_not_offered")], source="docs/REFERENCE.md section 8 step 5: Token")
case("Token mapping: a single role as a comma-separated string", context(logins={USER_POOL: id_token(**{"cognito:roles": EDITORS})}, mappings=TM),
     decided(EDITORS, "single_role", USER_POOL), source="docs/REFERENCE.md section 8 step 5: cognito:roles as a string")
case("Token mapping: several roles in a string, one chosen", context(logins={USER_POOL: id_token(**{"cognito:roles": f"{EDITORS},{VIEWERS}"})}, mappings=TM, custom=VIEWERS),
     decided(VIEWERS, "custom_role_arn", USER_POOL), source="docs/REFERENCE.md section 8 step 5: cognito:roles as a comma-separated string")
case("Token mapping: no roles, AuthenticatedRole", context(logins={USER_POOL: id_token()}, mappings=TM),
     decided(AUTH, "default", USER_POOL), source="docs/REFERENCE.md section 8 step 5: AmbiguousRoleResolution")
case("Token mapping: several roles, Deny", context(logins={USER_POOL: id_token(**{"cognito:roles": [EDITORS, VIEWERS]})},
     mappings={USER_POOL: {"Type": "Token", "AmbiguousRoleResolution": "Deny"}}),
     errors=[("/RoleMappings/" + USER_POOL.replace("/", "~1"), "role_mapping_denied")], source="docs/REFERENCE.md section 8 step 5: Deny")
case("Token mapping: no roles, AuthenticatedRole but no authenticated role", context(logins={USER_POOL: id_token()}, mappings=TM, roles={"unauthenticated": UNAUTH}),
     errors=[("/RoleMappings/" + USER_POOL.replace("/", "~1"), "no_role")], source="docs/REFERENCE.md section 8 step 5")
case("Token mapping keyed by provider and app client", context(logins={USER_POOL: id_token(**ROLES_AB)}, mappings={f"{USER_POOL}:{CLIENT}": TOKEN_MAPPING}),
     decided(VIEWERS, "preferred_role", USER_POOL), source="docs/REFERENCE.md section 5: user-pool keys may carry :<ClientId>")
case("the first login with a mapping decides", context(logins={"graph.facebook.com": "EAAGm0PX4ZCpsBAKZC", USER_POOL: id_token(**ROLES_AB)}, mappings=TM),
     decided(VIEWERS, "preferred_role", USER_POOL), source="docs/REFERENCE.md section 8 step 4")

# --- Rules mappings ----------------------------------------------------------------------------
def rules(*rules, resolution="Deny"):
    return {USER_POOL: {"Type": "Rules", "AmbiguousRoleResolution": resolution, "RulesConfiguration": {"Rules": [
        {"Claim": c, "MatchType": m, "Value": v, "RoleARN": r} for c, m, v, r in rules]}}}


RULES = rules(("cognito:groups", "Contains", "admin", ADMINS), ("email", "StartsWith", "editor@", EDITORS),
              ("custom:tier", "Equals", "gold", VIEWERS), ("custom:region", "NotEqual", "eu", OTHER))
case("Rules: Contains on a multi-valued claim", context(logins={USER_POOL: id_token(**{"cognito:groups": ["staff", "photo-admins"]})}, mappings=RULES),
     decided(ADMINS, "rule", USER_POOL, rule=0), source="docs/REFERENCE.md section 8 step 5: Contains, multi-valued claims")
case("Rules: StartsWith", context(logins={USER_POOL: id_token(email="editor@example.com")}, mappings=RULES),
     decided(EDITORS, "rule", USER_POOL, rule=1), source="docs/REFERENCE.md section 8 step 5: StartsWith")
case("Rules: Equals", context(logins={USER_POOL: id_token(**{"custom:tier": "gold"})}, mappings=RULES),
     decided(VIEWERS, "rule", USER_POOL, rule=2), source="docs/REFERENCE.md section 8 step 5: Equals")
case("Rules: NotEqual on a present claim", context(logins={USER_POOL: id_token(**{"custom:region": "us"})}, mappings=RULES),
     decided(OTHER, "rule", USER_POOL, rule=3), source="docs/REFERENCE.md section 8 step 5: NotEqual")
case("Rules: NotEqual never matches an absent claim", context(logins={USER_POOL: id_token()}, mappings=RULES),
     errors=[("/RoleMappings/" + USER_POOL.replace("/", "~1"), "role_mapping_denied")], source="docs/REFERENCE.md section 8 step 5: an absent claim never matches")
case("Rules: Equals does not match a substring", context(logins={USER_POOL: id_token(**{"custom:tier": "golden"})}, mappings=RULES),
     errors=[("/RoleMappings/" + USER_POOL.replace("/", "~1"), "role_mapping_denied")], source="docs/REFERENCE.md section 8 step 5: Equals")
case("Rules: no match falls back to the authenticated role", context(logins={USER_POOL: id_token()},
     mappings=rules(("cognito:groups", "Contains", "admin", ADMINS), resolution="AuthenticatedRole")),
     decided(AUTH, "default", USER_POOL), source="docs/REFERENCE.md section 8 step 5: AmbiguousRoleResolution")
case("Rules: first matching rule wins", context(logins={USER_POOL: id_token(**{"cognito:groups": ["photo-admins"], "email": "editor@example.com"})}, mappings=RULES),
     decided(ADMINS, "rule", USER_POOL, rule=0), source="docs/REFERENCE.md section 8 step 5: rules in order")
case("Rules: CustomRoleArn of a later matching rule", context(logins={USER_POOL: id_token(**{"cognito:groups": ["photo-admins"], "email": "editor@example.com"})},
     mappings=RULES, custom=EDITORS),
     decided(EDITORS, "custom_role_arn", USER_POOL, rule=1), source="docs/REFERENCE.md section 8 step 5: CustomRoleArn among matching rules")
case("Rules: CustomRoleArn of a rule that does not match", context(logins={USER_POOL: id_token(email="editor@example.com")}, mappings=RULES, custom=ADMINS),
     errors=[("/Request/CustomRoleArn", "role_not_offered")], source="docs/REFERENCE.md section 8 step 5")
case("Rules: numbers and booleans match as text", context(logins={USER_POOL: id_token(email_verified=True)},
     mappings=rules(("email_verified", "Equals", "true", VIEWERS))),
     decided(VIEWERS, "rule", USER_POOL, rule=0), provenance="our-choice", source="claims are compared as their JSON text")

# --- no mapping ---------------------------------------------------------------------------------
case("no mapping: the authenticated role", context(logins={USER_POOL: id_token(**ROLES_AB)}),
     decided(AUTH, "default", USER_POOL), source="docs/REFERENCE.md section 8 step 5: no mapping")
case("no mapping: CustomRoleArn equal to the authenticated role", context(logins={USER_POOL: id_token()}, custom=AUTH),
     decided(AUTH, "custom_role_arn", USER_POOL), source="docs/REFERENCE.md section 8 step 5: no mapping")
case("no mapping: another CustomRoleArn fails closed", context(logins={USER_POOL: id_token(**ROLES_AB)}, custom=EDITORS),
     errors=[("/Request/CustomRoleArn", "role_not_offered")], provenance="our-choice", source="docs/REFERENCE.md section 8 step 5: fail closed")
case("no mapping and no authenticated role", context(logins={USER_POOL: id_token()}, roles={"unauthenticated": UNAUTH}),
     errors=[("/Roles", "no_role")], source="docs/REFERENCE.md section 8 step 5")

# --- the context itself -------------------------------------------------------------------------
case("context without Request", {"Pool": pool()}, errors=[("/Request", "required")], provenance="our-choice", source="docs/REFERENCE.md section 8: input")
case("context with an unknown member", {**context(AllowUnauthenticatedIdentities=True), "Extra": 1},
     errors=[("/Extra", "unknown_member")], provenance="our-choice", source="docs/REFERENCE.md section 8: input")
case("constraint error inside the pool", {**context(AllowUnauthenticatedIdentities=True), "Pool": pool(IdentityPoolName="bad#name", AllowUnauthenticatedIdentities=True)},
     errors=[("/Pool/IdentityPoolName", "pattern")], source="docs/REFERENCE.md section 8 step 1")
case("role mapping for a provider the pool lacks", context(logins={USER_POOL: id_token()}, mappings={"www.amazon.com": TOKEN_MAPPING}),
     errors=[("/RoleMappings/www.amazon.com", "role_mapping_provider")], source="docs/REFERENCE.md section 5: RoleMappings keys")


def main(argv):
    return write_or_check(OUT, "Credentials resolution: every branch of docs/REFERENCE.md section 8", "scripts/gen-credentials-vectors.py", CASES, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv))

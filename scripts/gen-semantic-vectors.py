#!/usr/bin/env python3
"""Write tests/vectors/semantic.json: one or more cases for every code of
the semantic layer (docs/REFERENCE.md section 5), each with its provenance.

Run: python3 scripts/gen-semantic-vectors.py [--check]
"""
import sys
from pathlib import Path

from vector_file import write_or_check

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "vectors" / "semantic.json"

POOL_ID = "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
IDENTITY_ID = "us-east-1:5a7d74f5-93d8-4586-b59c-8f2a25d9f696"
USER_POOL = "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI"
ROLE = "arn:aws:iam::123456789012:role/Cognito_PhotosAuth_Role"
OIDC = "arn:aws:iam::123456789012:oidc-provider/auth.example.com"
SAML = "arn:aws:iam::123456789012:saml-provider/CorpIdP"


def pool(**members):
    base = {
        "IdentityPoolId": POOL_ID,
        "IdentityPoolName": "Photos",
        "AllowUnauthenticatedIdentities": False,
    }
    base.update(members)
    return base


def pointer(*tokens):
    return "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in tokens)


def err(path, code, key=False):
    e = {"path": path, "code": code}
    if key:
        e["key"] = True
    return e


CASES = []


def case(name, target, input, errors=(), warnings=(), provenance="documentation", source="", service=None, pool_context=None,
         normalized=None, changes=None):
    c = {"name": name, "target": target, "input": input, "ok": not errors, "errors": list(errors), "warnings": list(warnings)}
    if pool_context is not None:
        c["pool"] = pool_context
    if service is not None:
        c["serviceError"] = service
    if normalized is not None:
        c["normalized"] = normalized
    if changes is not None:
        c["changes"] = changes
    c["provenance"] = provenance
    c["source"] = source
    CASES.append(c)


# --- valid -------------------------------------------------------------------
case("a pool with every kind of provider is clean", "IdentityPool", pool(
    SupportedLoginProviders={"graph.facebook.com": "7346241598935552"},
    OpenIdConnectProviderARNs=[OIDC],
    CognitoIdentityProviders=[{"ProviderName": USER_POOL, "ClientId": "6g3jb2hyqsnkp1z7gcm5rqkj8e"}],
    SamlProviderARNs=[SAML],
    DeveloperProviderName="login.photos.example.com",
), provenance="documentation", source="docs/REFERENCE.md section 5: login keys a pool accepts")

# --- malformed_id ------------------------------------------------------------
for id_, why in [("us-east-1:abc", "GUID too short"),
                 ("useast1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "region without dashes"),
                 ("US-EAST-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "upper-case region"),
                 ("us-east-1:0f1e2d3c4b5a-6978-8796-a5b4c3d2e1f0-", "GUID groups in the wrong places")]:
    case(f"malformed identity pool id ({why})", "DescribeIdentityPool", {"IdentityPoolId": id_},
         [err("/IdentityPoolId", "malformed_id")], provenance="service",
         source="ResourceNotFoundException for a pool id that passes the pattern but cannot exist",
         service={"type": "ResourceNotFoundException", "message": f"IdentityPool '{id_}' not found."})
case("malformed identity id", "GetCredentialsForIdentity", {"IdentityId": "us-east-1:1234"},
     [err("/IdentityId", "malformed_id")], provenance="documentation", source="docs/REFERENCE.md section 5: ids")

# --- region_mismatch ---------------------------------------------------------
case("user-pool host region differs from the user pool id's", "IdentityPool", pool(
    CognitoIdentityProviders=[{"ProviderName": "cognito-idp.eu-west-1.amazonaws.com/us-east-1_AbCdEfGhI", "ClientId": "abc"}]),
    [err("/CognitoIdentityProviders/0/ProviderName", "region_mismatch")], source="docs/REFERENCE.md section 5: user-pool providers")
case("identity id in another region than the pool", "GetOpenIdTokenForDeveloperIdentity",
     {"IdentityPoolId": POOL_ID, "IdentityId": "eu-west-1:5a7d74f5-93d8-4586-b59c-8f2a25d9f696", "Logins": {"login.example.com": "alice"}},
     [err("/IdentityId", "region_mismatch")], source="docs/REFERENCE.md section 3: identity id vs identity pool id")
case("role ARN in another partition than the pool", "SetIdentityPoolRoles",
     {"IdentityPoolId": "cn-north-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "Roles": {"authenticated": ROLE}},
     [err("/Roles/authenticated", "region_mismatch")], provenance="our-choice",
     source="IAM roles of one partition cannot be assumed from another")

# --- invalid_arn -------------------------------------------------------------
for member, value, why in [
    ("OpenIdConnectProviderARNs", "arn:aws:iam::123456789012:role/x", "a role ARN in the OIDC list"),
    ("OpenIdConnectProviderARNs", "https://auth.example.com", "a URL in the OIDC list"),
    ("SamlProviderARNs", OIDC, "an OIDC provider ARN in the SAML list"),
    ("SamlProviderARNs", "arn:aws:iam::123:saml-provider/Corp", "a short account"),
    ("SamlProviderARNs", "arn:aws:iam:us-east-1:123456789012:saml-provider/Corp", "an IAM ARN with a region"),
]:
    case(f"invalid ARN: {why}", "IdentityPool", pool(**{member: [value]}),
         [err(pointer(member, 0), "invalid_arn")], source="docs/REFERENCE.md section 5: ARNs")
case("invalid ARN: CustomRoleArn names an S3 bucket", "GetCredentialsForIdentity",
     {"IdentityId": IDENTITY_ID, "CustomRoleArn": "arn:aws:s3:::photos-bucket-name"},
     [err("/CustomRoleArn", "invalid_arn")], source="docs/REFERENCE.md section 5: ARNs")
case("invalid ARN: a rule's RoleARN is a user", "SetIdentityPoolRoles",
     {"IdentityPoolId": POOL_ID, "Roles": {"authenticated": ROLE}, "RoleMappings": {"graph.facebook.com": {
         "Type": "Rules", "AmbiguousRoleResolution": "Deny", "RulesConfiguration": {"Rules": [
             {"Claim": "sub", "MatchType": "Equals", "Value": "1", "RoleARN": "arn:aws:iam::123456789012:user/alice"}]}}}},
     [err("/RoleMappings/graph.facebook.com/RulesConfiguration/Rules/0/RoleARN", "invalid_arn")], source="docs/REFERENCE.md section 5: ARNs")
case("invalid ARN: TagResource on a role", "TagResource",
     {"ResourceArn": ROLE, "Tags": {"team": "photos"}}, [err("/ResourceArn", "invalid_arn")], provenance="documentation",
     source="TagResource takes the identity pool's ARN")
case("every partition is accepted", "IdentityPool", pool(
    IdentityPoolId="us-gov-west-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
    SamlProviderARNs=["arn:aws-us-gov:iam::123456789012:saml-provider/Corp"]), source="docs/REFERENCE.md section 5: partitions")

# --- invalid_user_pool_provider ----------------------------------------------
case("user-pool entry without ProviderName", "IdentityPool", pool(CognitoIdentityProviders=[{"ClientId": "abc"}]),
     [err("/CognitoIdentityProviders/0", "invalid_user_pool_provider")], provenance="service",
     source="InvalidParameterException: Invalid Cognito Identity Provider",
     service={"type": "InvalidParameterException", "message": "Invalid Cognito Identity Provider"})
case("user-pool entry without ClientId", "CreateIdentityPool", {
    "IdentityPoolName": "Photos", "AllowUnauthenticatedIdentities": False,
    "CognitoIdentityProviders": [{"ProviderName": USER_POOL}]},
    [err("/CognitoIdentityProviders/0", "invalid_user_pool_provider")], source="docs/REFERENCE.md section 5: user-pool providers")
case("user-pool provider name of an OIDC issuer", "IdentityPool", pool(
    CognitoIdentityProviders=[{"ProviderName": "auth.example.com/pool", "ClientId": "abc"}]),
    [err("/CognitoIdentityProviders/0/ProviderName", "invalid_user_pool_provider")], source="docs/REFERENCE.md section 5: user-pool providers")
# Names written as URLs (docs/DECISIONS.md, "Names written as URLs"): the
# service compares provider names exactly, so a scheme or a trailing / is an
# error; normalization still offers the bare name in `changes`/`normalized`.
for name, why in [("https://" + USER_POOL, "with https://"),
                  ("https://" + USER_POOL + "/", "with https:// and a trailing /"),
                  (USER_POOL + "/", "with a trailing /")]:
    case(f"user-pool provider name written as a URL ({why})", "IdentityPool", pool(
        CognitoIdentityProviders=[{"ProviderName": name, "ClientId": "abc"}]),
        [err("/CognitoIdentityProviders/0/ProviderName", "invalid_user_pool_provider")], provenance="our-choice",
        source="the provider name is cognito-idp.<region>.amazonaws.com/<user pool id> (CloudFormation "
               "CognitoIdentityProvider.ProviderName docs); a non-conforming name gets 'Invalid Cognito Identity "
               "Provider' (aws-cdk#11054); that a URL form is one is inferred from the RoleMappings reports",
        service={"type": "InvalidParameterException", "message": "Invalid Cognito Identity Provider"},
        normalized=pool(CognitoIdentityProviders=[{"ProviderName": USER_POOL, "ClientId": "abc"}]),
        changes=[{"path": "/CognitoIdentityProviders/0/ProviderName", "code": "scheme_removed"}])
case("user-pool provider name written as a URL in CreateIdentityPool", "CreateIdentityPool", {
    "IdentityPoolName": "Photos", "AllowUnauthenticatedIdentities": False,
    "CognitoIdentityProviders": [{"ProviderName": "https://" + USER_POOL, "ClientId": "abc"}]},
    [err("/CognitoIdentityProviders/0/ProviderName", "invalid_user_pool_provider")], provenance="our-choice",
    source="as above: GetAtt UserPool.ProviderURL used where ProviderName belongs",
    service={"type": "InvalidParameterException", "message": "Invalid Cognito Identity Provider"})

# --- duplicate -----------------------------------------------------------------
case("Facebook twice with different app ids", "IdentityPool", pool(
    SupportedLoginProviders={"Facebook": "111", "graph.facebook.com": "222"}),
    [err("/SupportedLoginProviders/graph.facebook.com", "duplicate", key=True)], source="docs/REFERENCE.md section 6: what normalization cannot merge")
case("Facebook twice with the same app id merges", "IdentityPool", pool(
    SupportedLoginProviders={"Facebook": "111", "graph.facebook.com": "111"}), source="docs/REFERENCE.md section 6: alias, deduplicated")
case("one user pool and app client twice with different token checks", "IdentityPool", pool(
    CognitoIdentityProviders=[{"ProviderName": USER_POOL, "ClientId": "c", "ServerSideTokenCheck": True},
                              {"ProviderName": USER_POOL, "ClientId": "c", "ServerSideTokenCheck": False}]),
    [err("/CognitoIdentityProviders/1", "duplicate")], source="docs/REFERENCE.md section 3: duplicate")
case("one login key from an OIDC provider and a social provider", "IdentityPool", pool(
    SupportedLoginProviders={"accounts.google.com": "1-a.apps.googleusercontent.com"},
    OpenIdConnectProviderARNs=["arn:aws:iam::123456789012:oidc-provider/accounts.google.com"]),
    [err("/OpenIdConnectProviderARNs", "duplicate")], provenance="our-choice",
    source="a Logins key must name one provider")

# --- tag_limit -----------------------------------------------------------------
case("51 tags", "IdentityPool", pool(IdentityPoolTags={f"k{i:02}": "v" for i in range(51)}),
     [err("/IdentityPoolTags", "tag_limit")], source="documented tag quota: 50 per resource")
case("50 tags", "IdentityPool", pool(IdentityPoolTags={f"k{i:02}": "v" for i in range(50)}),
     source="documented tag quota: 50 per resource")
case("tag key with the reserved aws: prefix", "TagResource",
     {"ResourceArn": f"arn:aws:cognito-identity:us-east-1:123456789012:identitypool/{POOL_ID}", "Tags": {"aws:owner": "x", "Team": "y"}},
     [err("/Tags/aws:owner", "tag_limit", key=True)], source="documented tag rules: aws: is reserved")

# --- role mappings -----------------------------------------------------------------
RULES = {"Rules": [{"Claim": "cognito:groups", "MatchType": "Contains", "Value": "editors", "RoleARN": ROLE}]}
case("Rules mapping without RulesConfiguration", "SetIdentityPoolRoles",
     {"IdentityPoolId": POOL_ID, "Roles": {"authenticated": ROLE}, "RoleMappings": {USER_POOL: {"Type": "Rules", "AmbiguousRoleResolution": "Deny"}}},
     [err(pointer("RoleMappings", USER_POOL, "RulesConfiguration"), "required")], source="documented: Rules needs RulesConfiguration")
case("mapping without AmbiguousRoleResolution", "SetIdentityPoolRoles",
     {"IdentityPoolId": POOL_ID, "Roles": {"authenticated": ROLE}, "RoleMappings": {USER_POOL: {"Type": "Token"}}},
     [err(pointer("RoleMappings", USER_POOL, "AmbiguousRoleResolution"), "required")], provenance="our-choice",
     source="docs/REFERENCE.md section 5: AmbiguousRoleResolution required for both types")
CONTEXT = pool(SupportedLoginProviders={"graph.facebook.com": "7346241598935552"},
               OpenIdConnectProviderARNs=[OIDC],
               CognitoIdentityProviders=[{"ProviderName": USER_POOL, "ClientId": "client1"}],
               SamlProviderARNs=[SAML])
TOKEN = {"Type": "Token", "AmbiguousRoleResolution": "AuthenticatedRole"}
case("role mappings for configured providers, in every accepted form", "SetIdentityPoolRoles",
     {"IdentityPoolId": POOL_ID, "Roles": {"authenticated": ROLE}, "RoleMappings": {
         "graph.facebook.com": TOKEN, OIDC: TOKEN, "auth.example.com": TOKEN,
         USER_POOL + ":client1": {"Type": "Rules", "AmbiguousRoleResolution": "Deny", "RulesConfiguration": RULES},
         SAML: {"Type": "Rules", "AmbiguousRoleResolution": "Deny", "RulesConfiguration": RULES}}},
     pool_context=CONTEXT, source="docs/REFERENCE.md section 5: RoleMappings keys")
case("role mapping for a provider the pool does not have", "SetIdentityPoolRoles",
     {"IdentityPoolId": POOL_ID, "Roles": {"authenticated": ROLE}, "RoleMappings": {"accounts.google.com": TOKEN}},
     [err("/RoleMappings/accounts.google.com", "role_mapping_provider", key=True)], pool_context=CONTEXT, provenance="service",
     source="observed: '(<key>) is not a valid RoleMapping ProviderName or is not a configured provider.' "
            "(aws-cdk#19222, aws-cdk#22951)",
     service={"type": "InvalidParameterException",
              "message": "(accounts.google.com) is not a valid RoleMapping ProviderName or is not a configured provider."})
case("role mapping for an app client the pool does not have", "SetIdentityPoolRoles",
     {"IdentityPoolId": POOL_ID, "Roles": {"authenticated": ROLE}, "RoleMappings": {USER_POOL + ":client9": TOKEN}},
     [err(pointer("RoleMappings", USER_POOL + ":client9"), "role_mapping_provider", key=True)], pool_context=CONTEXT,
     source="docs/REFERENCE.md section 5: user-pool keys may carry :<ClientId>")

# A user pool's ProviderURL as a RoleMappings key, as reported in public
# threads (aws-cdk#19222, 2022; aws-cdk#22951, 2022 and 2023): refused by the
# service, with or without a pool to check against.
URL_KEY = "https://cognito-idp.us-west-2.amazonaws.com/us-west-2_ABCDEFGHI"
WEST_POOL_ID = "us-west-2:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
WEST_POOL = {"IdentityPoolId": WEST_POOL_ID, "IdentityPoolName": "Photos", "AllowUnauthenticatedIdentities": False,
             "CognitoIdentityProviders": [{"ProviderName": URL_KEY[len("https://"):], "ClientId": "client1"}]}
URL_SERVICE = {"type": "InvalidParameterException",
               "message": f"({URL_KEY}) is not a valid RoleMapping ProviderName or is not a configured provider."}
URL_ROLES = {"IdentityPoolId": WEST_POOL_ID, "Roles": {"authenticated": ROLE}, "RoleMappings": {URL_KEY: TOKEN}}
URL_FIXED = {"IdentityPoolId": WEST_POOL_ID, "Roles": {"authenticated": ROLE},
             "RoleMappings": {URL_KEY[len("https://"):]: TOKEN}}
for label, context in [("without a pool", None), ("with the pool that configures the user pool", WEST_POOL)]:
    case(f"role mapping key written as the user pool's ProviderURL, {label}", "SetIdentityPoolRoles", URL_ROLES,
         [err(pointer("RoleMappings", URL_KEY), "role_mapping_provider", key=True)], pool_context=context,
         provenance="service",
         source="observed in aws-cdk#19222 (2022) and aws-cdk#22951 (2022, 2023): '(https://cognito-idp...) is not a "
                "valid RoleMapping ProviderName or is not a configured provider.'",
         service=URL_SERVICE, normalized=URL_FIXED,
         changes=[{"path": pointer("RoleMappings", URL_KEY), "code": "scheme_removed"}])
    case(f"role mapping key as the bare provider name, {label}", "SetIdentityPoolRoles", URL_FIXED,
         pool_context=context, source="docs/REFERENCE.md section 5: RoleMappings keys")
case("role mapping key with a trailing slash", "SetIdentityPoolRoles",
     {"IdentityPoolId": POOL_ID, "Roles": {"authenticated": ROLE}, "RoleMappings": {USER_POOL + ":client1/": TOKEN}},
     [err(pointer("RoleMappings", USER_POOL + ":client1/"), "role_mapping_provider", key=True)], pool_context=CONTEXT,
     provenance="our-choice", source="the service compares RoleMappings keys exactly; a trailing / is part of the key",
     service={"type": "InvalidParameterException",
              "message": f"({USER_POOL}:client1/) is not a valid RoleMapping ProviderName or is not a configured provider."})

# --- Logins keys written as URLs ---------------------------------------------------
NOT_SUPPORTED = {"type": "NotAuthorizedException",
                 "message": "Token is not from a supported provider of this identity pool."}
for target, input, service in [
    ("GetCredentialsForIdentity", {"IdentityId": IDENTITY_ID, "Logins": {"https://" + USER_POOL: "eyJhbGciOiJSUzI1NiJ9.e30.c2ln"}},
     NOT_SUPPORTED),
    ("GetId", {"IdentityPoolId": POOL_ID, "Logins": {"https://" + USER_POOL: "eyJhbGciOiJSUzI1NiJ9.e30.c2ln"}},
     NOT_SUPPORTED),
    # Elsewhere the service's text is not known: only the exception is.
    ("GetOpenIdToken", {"IdentityId": IDENTITY_ID, "Logins": {"https://auth.example.com/": "eyJhbGciOiJSUzI1NiJ9.e30.c2ln"}},
     {"type": "NotAuthorizedException"}),
]:
    key = next(iter(input["Logins"]))
    case(f"{target}: Logins key written as a URL", target, input,
         [err(pointer("Logins", key), "not_configured", key=True)], provenance="our-choice",
         source="Logins keys are compared exactly with the pool's providers, which are never URLs; "
                "'Token is not from a supported provider of this identity pool.' is the service's answer in GetId / "
                "GetCredentialsForIdentity to a key no provider matches (amazon-cognito-identity-js#153, amplify-js#2067)",
         service=service)
case("Logins keys without a scheme pass", "GetCredentialsForIdentity",
     {"IdentityId": IDENTITY_ID, "Logins": {USER_POOL: "eyJhbGciOiJSUzI1NiJ9.e30.c2ln", "auth.example.com/path": "t"}},
     source="docs/REFERENCE.md section 5: login keys; an OIDC issuer may have a path")

# --- warnings -------------------------------------------------------------------
case("unknown social provider key", "IdentityPool", pool(SupportedLoginProviders={"login.example.com": "x"}),
     warnings=[err("/SupportedLoginProviders/login.example.com", "unknown_login_provider", key=True)], source="docs/REFERENCE.md section 3: warnings")
case("unknown region", "DescribeIdentityPool", {"IdentityPoolId": "xx-future-9:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"},
     warnings=[err("/IdentityPoolId", "unknown_region")], source="docs/REFERENCE.md section 3: warnings")
for key, app_id, why in [
    ("api.twitter.com", "xvz1evFS4wEEPTGEFPHBog", "Twitter without ';'"),
    ("www.amazon.com", "amzn1.application-oa2-client.0123456789abcdef", "Login with Amazon client id instead of the app id"),
    ("graph.facebook.com", "photos-app", "Facebook app id that is not numeric"),
    ("accounts.google.com", "123456789012", "Google id that is not an OAuth client id"),
]:
    case(f"suspicious provider id: {why}", "IdentityPool", pool(SupportedLoginProviders={key: app_id}),
         warnings=[err(pointer("SupportedLoginProviders", key), "suspicious_provider_id")],
         provenance="documentation", source="each provider's documented app id format")

# --- constraint errors win ---------------------------------------------------------
case("a value with a constraint error gets no semantic issue", "IdentityPool", pool(
    OpenIdConnectProviderARNs=["role/x"]), [err("/OpenIdConnectProviderARNs/0", "length")], provenance="our-choice",
    source="docs/DECISIONS.md: semantic rules skip values the constraint layer rejected")


def main(argv):
    return write_or_check(OUT, "The semantic layer: every rule of docs/REFERENCE.md section 5", "scripts/gen-semantic-vectors.py", CASES, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv))

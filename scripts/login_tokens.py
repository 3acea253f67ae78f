"""Login tokens for the vector oracles, built deterministically: JWTs
(decoded, never verified, so the signature part is a fixed text) and base64
SAML responses. Shared by gen-credentials-vectors.py and
gen-trust-vectors.py."""
import base64
import json


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt(claims):
    header = {"kid": "example-key-1", "alg": "RS256"}
    return ".".join([b64url(json.dumps(header, separators=(",", ":")).encode()),
                     b64url(json.dumps(claims, separators=(",", ":")).encode()),
                     b64url(b"signature-not-verified")])


def saml_response(role_values, other_attributes=(), prefix="samlp", assertion_prefix="saml",
                  assertion_ns="urn:oasis:names:tc:SAML:2.0:assertion"):
    """A SAML Response whose assertion carries the Role attribute values
    and other (name, [values]) attributes."""
    p = prefix + ":" if prefix else ""
    a = assertion_prefix + ":" if assertion_prefix else ""
    def attribute(name, values):
        vals = "".join(f"<{a}AttributeValue>{v}</{a}AttributeValue>" for v in values)
        return f'<{a}Attribute Name="{name}">{vals}</{a}Attribute>'
    attrs = attribute("https://aws.amazon.com/SAML/Attributes/Role", role_values)
    attrs += attribute("https://aws.amazon.com/SAML/Attributes/RoleSessionName", ["alice@example.com"])
    for name, values in other_attributes:
        attrs += attribute(name, values)
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>'
           f'<{p}Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="{assertion_ns}" ID="_r1" Version="2.0">'
           f'<{a}Issuer>https://idp.example.com</{a}Issuer>'
           f'<{a}Assertion ID="_a1" Version="2.0"><{a}AttributeStatement>{attrs}</{a}AttributeStatement></{a}Assertion>'
           f'</{p}Response>')
    return base64.b64encode(xml.encode()).decode()

#!/usr/bin/env python3
"""Seed the fuzz corpora from the shared vectors and the examples.

Writes fuzz/corpus/<target>/seed-<n> files (the corpus folder is not
committed). Each target's seeds are framed the way its fuzz target reads
its input (a selector byte first, for the targets that take one).

Run: python3 scripts/fuzz-seeds.py
"""
import base64
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"


def targets():
    """The target list in idpool::targets() order: operations, then
    shapes, each sorted by byte order."""
    model = json.loads((ROOT / "core" / "model" / "cognito-identity.json").read_text())
    return sorted(model["operations"]) + sorted(model["shapes"])


def vector_cases():
    for path in sorted((ROOT / "tests" / "vectors").glob("*.json")):
        for case in json.loads(path.read_text())["cases"]:
            yield case


def text_of(case):
    if "inputText" in case:
        return case["inputText"]
    return json.dumps(case["input"], ensure_ascii=False, separators=(",", ":"))


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)


def main():
    names = targets()
    seeds = {name: [] for name in ["check", "c_abi", "resolve", "saml", "jwt", "ids_and_arns", "normalize", "plan", "trust"]}
    for case in vector_cases():
        operation = case.get("operation", "check")
        if operation == "plan":
            seeds["plan"].append(json.dumps(case["input"]["current"]).encode() + b"\0" + json.dumps(case["input"]["desired"]).encode())
            continue
        text = text_of(case).encode()
        if operation == "check" and case.get("target") in names:
            seeds["check"].append(bytes([names.index(case["target"]) % 256]) + text)
            seeds["c_abi"].append(bytes([names.index(case["target"]) % 256]) + text)
            seeds["normalize"].append(bytes([0]) + text)
        elif operation == "resolve":
            seeds["resolve"].append(text)
            seeds["trust"].append(bytes([1]) + text)
            for document in case["input"].get("TrustPolicies", {}).values() if isinstance(case["input"].get("TrustPolicies"), dict) else ():
                body = document if isinstance(document, str) else json.dumps(document)
                seeds["trust"].append(bytes([2]) + body.encode())
        elif operation == "audit":
            seeds["trust"].append(bytes([0]) + text)
        for s in strings(case.get("input")):
            if s.startswith("arn:") or re.fullmatch(r"[\w-]+:[0-9a-f-]+", s) or s.startswith("cognito-idp."):
                seeds["ids_and_arns"].append(s.encode())
            elif s.count(".") == 2 and s.startswith("eyJ"):
                seeds["jwt"].append(s.encode())
            elif len(s) > 100 and re.fullmatch(r"[A-Za-z0-9+/=\s]+", s):
                seeds["saml"].append(s.encode())
                try:
                    seeds["saml"].append(base64.b64decode(s))
                except ValueError:
                    pass  # long base64-looking strings that are not base64
    # The template checker's fixtures seed its readers.
    seeds["iac_json"] = []
    seeds["iac_yaml"] = []
    for fixture in sorted((ROOT / "iac" / "tests" / "fixtures").rglob("*")):
        if fixture.suffix == ".json":
            seeds["iac_json"].append(fixture.read_bytes())
        elif fixture.suffix == ".yaml":
            seeds["iac_yaml"].append(fixture.read_bytes())
    for example in sorted((ROOT / "examples").glob("*.json")):
        seeds["normalize"].append(bytes([0]) + example.read_bytes())
    for target, items in seeds.items():
        folder = CORPUS / target
        folder.mkdir(parents=True, exist_ok=True)
        for i, item in enumerate(dict.fromkeys(items)):
            (folder / f"seed-{i:04}").write_bytes(item)
        print(f"{target}: {len(set(items))} seeds")


if __name__ == "__main__":
    main()

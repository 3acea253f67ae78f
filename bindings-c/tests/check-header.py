#!/usr/bin/env python3
"""Conventions of include/idpool.h that a compiler does not check.

    check-header.py HEADER

- every top-level declaration (function, type) has a doc comment whose last
  paragraph is its ownership sentence (`Ownership: ...`);
- every function, type and enumerator starts with `idpool_` / `IDPOOL_`, and
  every macro (the include guard aside) with `IDPOOL_`;
- every enumerator of idpool_result has an explicit value, the values are
  0, 1, 2, ... without a gap or a repeat, and OK is 0;
- every released code keeps its name and number (RELEASED below): codes
  may be added at the end, never renumbered, renamed or removed.
"""

import re
import sys

# Append new codes here when they are added; never edit or remove a line.
RELEASED = [
    "OK", "INVALID", "NULL_PARAMETER", "INVALID_UTF8", "UNKNOWN_TARGET",
    "INPUT_TOO_LARGE", "PANIC", "INDEX_OUT_OF_RANGE", "ABSENT", "BUFFER_TOO_SMALL",
    "ID_MISSING_SEPARATOR", "ID_INVALID_REGION", "ID_INVALID_GUID", "ID_INVALID",
    "SAML_NOT_BASE64", "SAML_NOT_UTF8", "SAML_NOT_XML", "SAML_DOCTYPE",
    "SAML_NOT_A_RESPONSE", "SAML_ENCRYPTED", "SAML_INVALID",
]


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    problems = []
    declarations = 0
    # A top-level doc comment (not indented) and the line after it.
    for match in re.finditer(r"^/\*\*\n(.*?)^ \*/\n([^\n]*)", text, re.S | re.M):
        body, declaration = match.group(1), match.group(2)
        declarations += 1
        paragraphs = [p for p in re.split(r"^ \*\n", body, flags=re.M) if p.strip()]
        if not paragraphs or not paragraphs[-1].startswith(" * Ownership:"):
            problems.append(f"no closing ownership sentence before: {declaration}")
    code = "\n".join(
        line for line in text.splitlines() if not line.lstrip().startswith(("*", "/*"))
    )
    for name in re.findall(r"\b(\w+)\(", code):
        if name in ("defined",):
            continue
        if re.match(r"^[a-z]", name) and not name.startswith("idpool_"):
            problems.append(f"function without the idpool_ prefix: {name}")
    for name in re.findall(r"^#define (\w+)", text, re.M):
        if name != "IDPOOL_H" and not name.startswith("IDPOOL_"):
            problems.append(f"macro without the IDPOOL_ prefix: {name}")
    for name in re.findall(r"^(?:typedef )?(?:struct|enum) (\w+)", text, re.M):
        if not name.startswith("idpool_"):
            problems.append(f"type without the idpool_ prefix: {name}")
    enum = re.search(r"^enum idpool_result\n.*?\{(.*?)^\};", text, re.S | re.M)
    if not enum:
        problems.append("no enum idpool_result")
    else:
        values = re.findall(r"^  (\w+)( = (\d+))?,", enum.group(1), re.M)
        for index, (name, explicit, value) in enumerate(values):
            if not name.startswith("IDPOOL_RESULT_"):
                problems.append(f"result code without the IDPOOL_RESULT_ prefix: {name}")
            if not explicit:
                problems.append(f"{name} has no explicit value")
            elif int(value) != index:
                problems.append(f"{name} = {value}, expected {index} (no gaps, no repeats)")
        if not values or values[0][0] != "IDPOOL_RESULT_OK" or values[0][2] != "0":
            problems.append("IDPOOL_RESULT_OK must be the first code, 0")
        names = [name for name, _, _ in values]
        for number, released in enumerate(RELEASED):
            want = "IDPOOL_RESULT_" + released
            got = names[number] if number < len(names) else "nothing"
            if got != want:
                problems.append(f"code {number} was {want}, now {got}: released codes never change")
    if declarations < 10:
        problems.append(f"only {declarations} documented declarations found")
    if problems:
        sys.exit("idpool.h:\n  " + "\n  ".join(problems))
    print(f"idpool.h conventions hold: {declarations} documented declarations, "
          f"{len(values)} result codes")


if __name__ == "__main__":
    main()

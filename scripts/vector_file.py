"""Writing (or checking) a generated vector file, shared by the vector
generators in this folder."""
import json
import sys
from pathlib import Path


def write_or_check(out: Path, description: str, generated_by: str, cases: list, argv: list) -> int:
    """Write `cases` to `out` as a vector file, or with `--check` in `argv`
    exit 1 when the committed file differs from what would be written."""
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "case names must be unique"
    doc = {"description": description, "generatedBy": generated_by, "cases": cases}
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if "--check" in argv:
        if out.read_text() != text:
            print(f"{out} is stale: run python3 {generated_by}", file=sys.stderr)
            return 1
        return 0
    out.write_text(text)
    print(f"{out.name}: {len(cases)} cases")
    return 0

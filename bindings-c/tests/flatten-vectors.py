#!/usr/bin/env python3
"""Flatten the shared vectors for the C runner, which has no JSON parser.

    flatten-vectors.py VECTORS_DIR REPORTS_JSONL OUT [RANDOM_JSONL]

VECTORS_DIR is tests/vectors; REPORTS_JSONL is the file the Rust runner
(`cargo test -p idpool --test vectors`) writes, one line per case:
{"file","name","report"}. The report JSON there is the expected output, byte
for byte; every case of every vector file must have one, or the reports are
stale and this script fails.

RANDOM_JSONL, optional, is the committed random corpus,
tests/corpus/random-reports.jsonl (scripts/gen-random-corpus.py writes it):
one line per generated input, {"operation","target","input","report"},
the report being the core's; its inputs follow the vectors
in OUT (file = the corpus file's name, name = `line N`).

OUT is a record file. It starts with the line `idpool-vectors 1`, then the
record count as a field, then the records. Every field is its length in
bytes (decimal), a newline, the bytes, and a newline. A record's fields:

    file, name, operation, target, input, extra, ok, report,
    error count, then code, path, message of each error,
    warning count, then code, path, message of each warning

`operation` is `check`, `check_pool` (extra = the pool JSON), `resolve`,
`audit` or
`plan` (input = current, extra = desired); `ok` is `1` or `0` (the Rust
report's `ok`). Inputs are produced as the Rust runner produces them: an
`inputText` as it is, an `input` written by the core's compact writer
(member order and duplicates kept, numbers as their literal text, the same
string escapes), so the C library sees the very bytes the Rust runner
checked.

Standard library only.
"""

import json
import sys
from pathlib import Path


class Number(str):
    """A JSON number, kept as its literal text."""


class Object(list):
    """A JSON object as its list of (key, value) pairs, in order."""

    def get(self, key, default=None):
        for k, v in self:
            if k == key:
                return v
        return default


def load(text):
    return json.loads(
        text,
        object_pairs_hook=Object,
        parse_int=Number,
        parse_float=Number,
        parse_constant=lambda c: sys.exit(f"unexpected JSON constant {c}"),
    )


SHORT = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def write_string(s, out):
    """As core/src/json/write.rs write_string."""
    out.append('"')
    for ch in s:
        if ch in SHORT:
            out.append(SHORT[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')


def write(value, out):
    """As core/src/json/write.rs to_string: compact, order kept."""
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, Number):
        out.append(str(value))
    elif isinstance(value, str):
        write_string(value, out)
    elif isinstance(value, Object):
        out.append("{")
        for i, (k, v) in enumerate(value):
            if i:
                out.append(",")
            write_string(k, out)
            out.append(":")
            write(v, out)
        out.append("}")
    elif isinstance(value, list):
        out.append("[")
        for i, v in enumerate(value):
            if i:
                out.append(",")
            write(v, out)
        out.append("]")
    else:
        raise TypeError(type(value))


def compact(value):
    out = []
    write(value, out)
    return "".join(out)


def field(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return str(len(data)).encode() + b"\n" + data + b"\n"


def report_text(line, path, number, parsed):
    """The exact text of the last member, "report", of a JSON Lines line.

    Inside the strings written before it every quote is escaped, so the
    first `"report":` is the key."""
    start = line.index('"report":') + len('"report":')
    text = line[start:-1]
    if not line.endswith("}") or json.loads(text) != parsed["report"]:
        sys.exit(f"{path}:{number}: cannot cut the report text out of the line")
    return text


def read_reports(path):
    """(file, name) -> (report text, parsed report)."""
    reports = {}
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            line = line.rstrip("\n")
            if not line:
                continue
            parsed = json.loads(line)
            text = report_text(line, path, number, parsed)
            key = (parsed["file"], parsed["name"])
            if key in reports:
                sys.exit(f"{path}:{number}: repeated case {key}")
            reports[key] = (text, parsed["report"])
    return reports


def record(file_name, case, reports):
    name = case.get("name")
    key = (file_name, name)
    if key not in reports:
        sys.exit(
            f"no Rust report for {file_name}: {name}; run "
            "`cargo test -p idpool --test vectors` first (the reports are stale)"
        )
    text, report = reports.pop(key)
    operation = case.get("operation", "check")
    target = case.get("target", "")
    extra = ""
    if case.get("inputText") is not None:
        data = case.get("inputText")
    else:
        data = compact(case.get("input"))
    if operation == "check" and case.get("pool") is not None:
        operation = "check_pool"
        extra = compact(case.get("pool"))
    elif operation == "plan":
        # plan_update(current, desired): input is {"current", "desired"}.
        sides = case.get("input")
        if not isinstance(sides, Object):
            sys.exit(f"{file_name}: {name}: a plan case needs input {{current, desired}}")
        data = compact(sides.get("current"))
        extra = compact(sides.get("desired"))
    elif operation not in ("check", "resolve", "audit"):
        sys.exit(f"{file_name}: {name}: unknown operation {operation!r}")
    return fields(file_name, name, operation, target, data, extra, text, report)


def fields(file_name, name, operation, target, data, extra, text, report):
    out = [file_name, name, operation, target, data, extra, "1" if report["ok"] else "0", text]
    for kind in ("errors", "warnings"):
        issues = report[kind]
        out.append(str(len(issues)))
        for issue in issues:
            out += [issue["code"], issue["path"], issue["message"]]
    return b"".join(field(f) for f in out)


def random_records(path):
    """The random corpus (tests/corpus/random-reports.jsonl): one line per input,
    {"operation", "target", "input", "report"}, `input` the exact text."""
    records = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            line = line.rstrip("\n")
            if not line:
                continue
            parsed = json.loads(line)
            text = report_text(line, path, number, parsed)
            operation = parsed["operation"]
            if operation not in ("check", "resolve"):
                sys.exit(f"{path}:{number}: unknown operation {operation!r}")
            records.append(
                fields(path.name, f"line {number}", operation, parsed["target"],
                       parsed["input"], "", text, parsed["report"])
            )
    return records


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__.split("\n\n")[1])
    vectors, reports_path, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    if not reports_path.exists():
        sys.exit(f"{reports_path} is missing; run `cargo test -p idpool --test vectors` first")
    reports = read_reports(reports_path)
    records = []
    for path in sorted(vectors.glob("*.json")):
        doc = load(path.read_text(encoding="utf-8"))
        for case in doc.get("cases"):
            records.append(record(path.name, case, reports))
    if reports:
        extra = ", ".join(f"{f}: {n}" for f, n in list(reports)[:3])
        sys.exit(f"{len(reports)} Rust reports have no vector ({extra}...); the reports are stale")
    vector_count = len(records)
    random_count = 0
    if len(sys.argv) == 5:
        randoms = random_records(Path(sys.argv[4]))
        random_count = len(randoms)
        records += randoms
    with open(out, "wb") as f:
        f.write(b"idpool-vectors 1\n")
        f.write(field(str(len(records))))
        for r in records:
            f.write(r)
    print(f"flattened {vector_count} vectors and {random_count} random inputs into {out}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Validates the JSON output of qingdan for every corpus/*.txt against
schema/qingdan.schema.json (JSON Schema draft 2020-12), then checks that the
schema rejects deliberately broken documents and accepts valid variants the
corpus does not exercise.

    check_json.py QINGDAN SCHEMA CORPUS_DIR WORK_DIR

Needs python3-jsonschema (Debian package) with Draft202012Validator.
"""
import copy
import glob
import json
import os
import subprocess
import sys

try:
    from jsonschema import Draft202012Validator
except ImportError as e:
    sys.exit(f"{sys.executable}: cannot import jsonschema.Draft202012Validator ({e}); "
             "apt-get install python3-jsonschema")


def errors_of(validator, document):
    return sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))


def describe(errors):
    return "\n".join(f"  at /{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}" for e in errors[:10])


def first_row(doc):
    return doc["domains"][0]["tasks"][0]["rows"][0]


def set_path(doc, path, value):
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


def delete_path(doc, path):
    node = doc
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]


# Each mutation breaks one rule of the contract; the schema must reject it.
def invalid_mutations(doc):
    task = ["domains", 0, "tasks", 0]
    row = task + ["rows", 0]
    yield "unknown column role", lambda d: set_path(d, ["columns", 0, "role"], "bogus")
    yield "line span of length 1", lambda d: set_path(d, task + ["lines"], [8])
    yield "line span of length 3", lambda d: set_path(d, task + ["lines"], [8, 36, 40])
    yield "line span with a string", lambda d: set_path(d, task + ["lines"], ["8", 36])
    yield "line span [5, 0]", lambda d: set_path(d, task + ["lines"], [5, 0])
    yield "negative line", lambda d: set_path(d, task + ["lines"], [-1, 3])
    yield "missing coverage", lambda d: delete_path(d, ["coverage"])
    yield "missing task title", lambda d: delete_path(d, task + ["title"])
    yield "missing row lines", lambda d: delete_path(d, row + ["lines"])
    yield "seq as a string", lambda d: set_path(d, task + ["seq"], "1")
    yield "seq 0", lambda d: set_path(d, ["domains", 0, "seq"], 0)
    yield "seq missing instead of null", lambda d: delete_path(d, ["domains", 0, "seq"])
    yield "year as a string", lambda d: set_path(d, ["columns", 0, "year"], "2023")
    yield "unknown row key", lambda d: set_path(d, row + ["remarks"], {"text": "", "items": [], "lines": [0, 0]})
    yield "unknown field key", lambda d: set_path(d, row + ["goal", "note"], "x")
    yield "field without items", lambda d: delete_path(d, row + ["goal", "items"])
    yield "units without lead", lambda d: delete_path(d, row + ["units", "lead"])
    yield "lead not an array", lambda d: set_path(d, row + ["units", "lead"], "州卫生健康委")
    yield "empty other array", lambda d: set_path(d, row + ["other"], [])
    yield "other cell without column", lambda d: set_path(d, row + ["other"], [{"text": "", "items": [], "lines": [1, 1]}])
    yield "unknown severity", lambda d: d["diagnostics"].append({"severity": "fatal", "line": 1, "message": "x"})
    yield "diagnostic line null", lambda d: d["diagnostics"].append({"severity": "info", "line": None, "message": "x"})
    yield "negative coverage", lambda d: set_path(d, ["coverage", "unassigned"], -1)
    yield "bytes as a float", lambda d: set_path(d, ["source", "bytes"], 1.5)
    yield "unknown top-level key", lambda d: set_path(d, ["version"], 1)
    yield "deadline without date", lambda d: set_path(d, row + ["deadline"], {"text": "", "items": [], "lines": [1, 1]})
    yield "deadline date not ISO", lambda d: set_path(
        d, row + ["deadline"], {"text": "", "items": [], "lines": [1, 1], "date": "2023年6月"})


# Valid documents the corpus may not contain; the schema must accept them.
def valid_mutations(doc):
    task = ["domains", 0, "tasks", 0]
    row = task + ["rows", 0]
    cell = {"text": "见附件", "items": ["见附件"], "lines": [3, 4]}
    yield "seq null", lambda d: (set_path(d, ["domains", 0, "seq"], None), set_path(d, task + ["seq"], None))
    yield "no title", lambda d: (set_path(d, ["title"], ""), set_path(d, ["title_lines"], [0, 0]))
    yield "row with lines only", lambda d: set_path(d, task + ["rows"], [{"lines": [9, 9]}])
    yield "deadline and other cells", lambda d: (set_path(d, row + ["deadline"], dict(cell, date="2023-06-30")),
                                                 set_path(d, row + ["other"], [dict(cell, column=7)]))
    yield "year null and set", lambda d: (set_path(d, ["columns", 0, "year"], None),
                                          set_path(d, ["columns", 1, "year"], 2025))
    yield "diagnostics of every severity", lambda d: d["diagnostics"].extend(
        {"severity": s, "line": n, "message": "x"} for n, s in enumerate(["error", "warning", "info"]))
    yield "no domains", lambda d: set_path(d, ["domains"], [])


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    qingdan, schema_path, corpus, work = sys.argv[1:]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    os.makedirs(work, exist_ok=True)

    inputs = sorted(glob.glob(os.path.join(corpus, "*.txt")))
    if not inputs:
        sys.exit(f"no *.txt in {corpus}")
    failed = False
    documents = []
    for path in inputs:
        out = os.path.join(work, os.path.basename(path)[:-4] + ".json")
        run = subprocess.run([qingdan, "-q", "-o", out, path], capture_output=True, text=True)
        if run.returncode != 0:
            print(f"FAIL {path}: qingdan exited {run.returncode}\n{run.stderr}")
            failed = True
            continue
        with open(out, encoding="utf-8") as f:
            doc = json.load(f)
        errors = errors_of(validator, doc)
        if errors:
            print(f"FAIL {out}: {len(errors)} schema violation(s)\n{describe(errors)}")
            failed = True
        else:
            print(f"ok   {out}")
            documents.append(doc)

    # Negative and positive checks on a document that has a task with a row with units.
    base = next((d for d in documents if d["domains"] and d["domains"][0]["tasks"]
                 and d["domains"][0]["tasks"][0]["rows"] and "units" in first_row(d)
                 and "goal" in first_row(d) and len(d["columns"]) >= 2), None)
    if base is None:
        print("FAIL no valid corpus document with a goal and units row to mutate")
        sys.exit(1)
    for name, mutate in invalid_mutations(base):
        doc = copy.deepcopy(base)
        mutate(doc)
        if not errors_of(validator, doc):
            print(f"FAIL schema accepts a broken document: {name}")
            failed = True
        else:
            print(f"ok   rejected: {name}")
    for name, mutate in valid_mutations(base):
        doc = copy.deepcopy(base)
        mutate(doc)
        errors = errors_of(validator, doc)
        if errors:
            print(f"FAIL schema rejects a valid document: {name}\n{describe(errors)}")
            failed = True
        else:
            print(f"ok   accepted: {name}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

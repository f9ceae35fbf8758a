#!/usr/bin/env python3
"""Checks `--format rows` and `--format csv` output against the documents.

    rows_check.py ROWS CSV DOC.json:SHA256 [DOC.json:SHA256 ...]

An independent reading of the row formats (tools/rows_format.hpp): the
expected records are built here from the document JSON (`qingdan FILE`) and
the sha256sum of each input, written out by the rules of the README, and
compared with the tool's output byte for byte. ROWS or CSV may be '-' to skip
that format. Exit status 0 when both match.
"""
import csv
import io
import json
import sys

COLUMNS = ["title", "source", "encoding", "bytes", "sha256", "domain_seq", "domain_name", "section_seq",
           "section_name", "task_seq",
           "task_title", "row_index", "lines", "goal", "goal_lines", "annual_target", "annual_target_lines",
           "measures", "measures_lines", "units", "units_lines", "lead", "support", "implementers", "deadline",
           "deadline_lines", "deadline_date", "other", "other_lines"]


class Span(tuple):
    """[first, last] in JSON, "first-last" in CSV; None for an empty span."""


def span(lines):
    return None if not lines or lines[0] == 0 else Span(lines)


def other_keys(columns):
    # The other columns first, then the columns of other roles (whose cells
    # land in "other" when their row's field of that role is taken).
    keys, used = {}, set()
    for other_role in (True, False):
        for i, c in enumerate(columns):
            if (c["role"] == "other") != other_role:
                continue
            key = c["label"] or "#%d" % i
            if key in used:
                key = "%s#%d" % (c["label"], i)
            used.add(key)
            keys[i] = key
    return keys


def records(doc, sha):
    keys = other_keys(doc["columns"])
    for domain in doc["domains"]:
        for task in domain["tasks"]:
            for index, row in enumerate(task["rows"]):
                r = {"title": doc["title"], "source": doc["source"]["name"], "encoding": doc["source"]["encoding"],
                     "bytes": doc["source"]["bytes"], "sha256": sha, "domain_seq": domain["seq"],
                     "domain_name": domain["name"],
                     "section_seq": task["section"]["seq"] if "section" in task else None,
                     "section_name": task["section"]["name"] if "section" in task else None,
                     "task_seq": task["seq"], "task_title": task["title"],
                     "row_index": index, "lines": span(row["lines"])}
                for name in ("goal", "annual_target", "measures", "units", "deadline"):
                    field = row.get(name)
                    r[name] = field["text"] if field else None
                    r[name + "_lines"] = span(field["lines"]) if field else None
                r["deadline_date"] = row["deadline"].get("date") if row.get("deadline") else None
                units = row.get("units")
                for role in ("lead", "support", "implementers"):
                    r[role] = list(units[role]) if units else None
                r["other"] = {keys[c["column"]]: c["text"] for c in row.get("other", [])}
                r["other_lines"] = {keys[c["column"]]: span(c["lines"]) for c in row.get("other", [])}
                yield r


def json_value(v):
    if isinstance(v, Span):
        return list(v)
    if isinstance(v, dict):
        return {k: json_value(x) for k, x in v.items()}
    return v


def ndjson_line(r):
    return json.dumps({k: json_value(r[k]) for k in COLUMNS}, ensure_ascii=False, separators=(",", ":")) + "\n"


def csv_text(v):
    """The CSV field: None -> empty unquoted; quoted when it holds , " CR LF, or is an empty text."""
    if v is None:
        return ""
    if isinstance(v, Span):
        return "%d-%d" % v
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        s = "、".join(v)
    elif isinstance(v, dict):
        s = json.dumps({k: ("%d-%d" % x if isinstance(x, Span) else x) for k, x in v.items()}, ensure_ascii=False,
                       separators=(",", ":"))
    else:
        s = v
    if s == "" or any(c in s for c in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def main(argv):
    rows_path, csv_path, docs = argv[1], argv[2], argv[3:]
    expected = []
    for arg in docs:
        path, sha = arg.rsplit(":", 1)
        with open(path, encoding="utf-8") as f:
            expected.extend(records(json.load(f), sha))
    failures = 0
    if rows_path != "-":
        want = "".join(ndjson_line(r) for r in expected)
        with open(rows_path, encoding="utf-8", newline="") as f:
            got = f.read()
        if got != want:
            failures += 1
            print("FAILED: %s differs from the expected rows" % rows_path)
            for i, (g, w) in enumerate(zip(got.splitlines(), want.splitlines())):
                if g != w:
                    print("first difference on line %d:\n got  %s\n want %s" % (i + 1, g, w))
                    break
            print("lines: got %d, want %d" % (got.count("\n"), want.count("\n")))
        else:
            print("ok: %s: %d rows as expected" % (rows_path, len(expected)))
    if csv_path != "-":
        want = ",".join(COLUMNS) + "\r\n" + "".join(",".join(csv_text(r[k]) for k in COLUMNS) + "\r\n"
                                                    for r in expected)
        with open(csv_path, "rb") as f:
            raw = f.read()
        got = raw.decode("utf-8")
        if got != want:
            failures += 1
            print("FAILED: %s differs from the expected CSV" % csv_path)
            for i, (g, w) in enumerate(zip(got.split("\r\n"), want.split("\r\n"))):
                if g != w:
                    print("first difference in record %d:\n got  %s\n want %s" % (i, g, w))
                    break
        else:
            print("ok: %s: header and %d records as expected" % (csv_path, len(expected)))
        # Any RFC 4180 reader gets the values back.
        parsed = list(csv.reader(io.StringIO(got, newline=""), strict=True))
        if parsed[0] != COLUMNS or len(parsed) != len(expected) + 1 or any(len(p) != len(COLUMNS) for p in parsed):
            failures += 1
            print("FAILED: %s does not read back as %d records of %d fields" % (csv_path, len(expected),
                                                                                 len(COLUMNS)))
        if b"\n" in raw.replace(b"\r\n", b""):
            failures += 1
            print("FAILED: %s has a line end other than CRLF" % csv_path)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Checks an SQLite database written by `qingdan --sqlite` against documents.

    sqlite_check.py DB DOC.json:SHA256 [DOC.json:SHA256 ...]

Reads every document back out of the normalised tables (schema/qingdan-sqlite.sql)
and compares it, value by value, with the document JSON (`qingdan FILE`):
title, source, columns, domains, sections, tasks, rows, every field with its items and
line span, units by role and order, diagnostics, coverage, and the SHA-256.
Exit status 0 when they all match.
"""
import json
import sqlite3
import sys


def span(first, last):
    return [first or 0, last or 0]


def read_document(db, name):
    d = db.execute("SELECT * FROM documents WHERE name = ?", (name,)).fetchone()
    if d is None:
        return None, None
    doc = {"title": d["title"], "title_lines": span(d["title_first_line"], d["title_last_line"]),
           "source": {"name": d["name"], "encoding": d["encoding"], "bytes": d["bytes"], "lines": d["lines"]},
           "columns": [{"label": c["label"], "role": c["role"], "year": c["year"]} for c in db.execute(
               "SELECT * FROM columns WHERE document_id = ? ORDER BY position", (d["id"],))],
           "domains": [], "diagnostics": [
               {"severity": g["severity"], "line": g["line"], "message": g["message"]} for g in db.execute(
                   "SELECT * FROM diagnostics WHERE document_id = ? ORDER BY position", (d["id"],))],
           "coverage": {"chars": d["chars"], "in_fields": d["in_fields"], "furniture": d["furniture"],
                        "unassigned": d["unassigned"]}}
    for dom in db.execute("SELECT * FROM domains WHERE document_id = ? ORDER BY position", (d["id"],)).fetchall():
        domain = {"seq": dom["seq"], "name": dom["name"], "lines": span(dom["first_line"], dom["last_line"]),
                  "tasks": []}
        for t in db.execute("SELECT * FROM tasks WHERE domain_id = ? ORDER BY position", (dom["id"],)).fetchall():
            if t["document_id"] != d["id"]:
                raise ValueError("task %d: document_id %d, its domain's %d" % (t["id"], t["document_id"], d["id"]))
            task = {"seq": t["seq"], "title": t["title"], "lines": span(t["first_line"], t["last_line"]), "rows": []}
            if t["section_id"] is not None:
                s = db.execute("SELECT * FROM sections WHERE id = ?", (t["section_id"],)).fetchone()
                if s["domain_id"] != dom["id"]:
                    raise ValueError("task %d: its section is in another domain" % t["id"])
                task["section"] = {"seq": s["seq"], "name": s["name"]}
            for r in db.execute("SELECT * FROM rows WHERE task_id = ? ORDER BY position", (t["id"],)).fetchall():
                row = {}
                others = []
                for f in db.execute("SELECT * FROM fields WHERE row_id = ? ORDER BY id", (r["id"],)).fetchall():
                    field = {"text": f["text"],
                             "items": [i["text"] for i in db.execute(
                                 "SELECT text FROM items WHERE field_id = ? ORDER BY position", (f["id"],))],
                             "lines": span(f["first_line"], f["last_line"])}
                    if f["role"] == "other":
                        field["column"] = f["column_position"]
                        others.append(field)
                    else:
                        if doc["columns"][f["column_position"]]["role"] != f["role"]:
                            raise ValueError("field %d: column %d is not a %s column" % (
                                f["id"], f["column_position"], f["role"]))
                        if f["role"] == "deadline":
                            field["date"] = f["date"]
                        row[f["role"]] = field
                if "units" in row:
                    for role, key in (("lead", "lead"), ("support", "support"), ("implementer", "implementers")):
                        row["units"][key] = [u["name"] for u in db.execute(
                            "SELECT name FROM units WHERE row_id = ? AND role = ? ORDER BY position", (r["id"], role))]
                if others:
                    row["other"] = others
                row["lines"] = span(r["first_line"], r["last_line"])
                task["rows"].append(row)
            domain["tasks"].append(task)
        doc["domains"].append(domain)
    return doc, d["sha256"]


def comparable(doc):
    """The JSON document without what the tables do not hold in that shape."""
    doc = json.loads(json.dumps(doc))
    for domain in doc["domains"]:
        for task in domain["tasks"]:
            for row in task["rows"]:
                for key in ("goal", "annual_target", "measures", "units", "deadline"):
                    if row.get(key) is None:
                        row.pop(key, None)
                if not row.get("other"):
                    row.pop("other", None)
    return doc


def main(argv):
    db = sqlite3.connect(argv[1])
    db.row_factory = sqlite3.Row
    failures = 0
    for arg in argv[2:]:
        path, sha = arg.rsplit(":", 1)
        with open(path, encoding="utf-8") as f:
            want = comparable(json.load(f))
        name = want["source"]["name"]
        got, got_sha = read_document(db, name)
        if got is None:
            print("FAILED: %s not in the database" % name)
            failures += 1
            continue
        if got_sha != sha:
            print("FAILED: %s: sha256 %s, want %s" % (name, got_sha, sha))
            failures += 1
        for key in want:
            if got.get(key) != want[key]:
                print("FAILED: %s: %s differs" % (name, key))
                if key == "domains":
                    for gd, wd in zip(got[key], want[key]):
                        if gd != wd:
                            print(" got  %s\n want %s" % (json.dumps(gd, ensure_ascii=False)[:2000],
                                                         json.dumps(wd, ensure_ascii=False)[:2000]))
                            break
                failures += 1
        if not failures:
            print("ok: %s: the database holds the document as parsed" % name)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

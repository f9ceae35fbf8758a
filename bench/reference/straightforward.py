#!/usr/bin/env python3
"""Straightforward Python reference converter: the baseline of issue 5's ">= 20x" target.

Issue 5 asks that `qingdan convert -j1` be at least 20 times as fast as a straightforward
single-process Python script doing the same job. This is that script, timed against qingdan by
bench/batch_compare.sh. It is written the way a competent developer would write such a converter
in an afternoon: Python 3.11 standard library only, str methods and a few precompiled regexes, one
pass over the lines; not deliberately slow, not tuned for speed either.

It does the job of `qingdan convert --format ndjson` for the table layout of corpus/chuxiong-2023.txt
(one cell per paragraph): for every input (files, or directories searched recursively for *.txt, in
sorted order) it reads and decodes UTF-8 (BOM optional), splits lines, drops page furniture (the
header row repeated on each page -- on one line, re-spaced, or one label per line -- and footers
such as "第 4 页，共 10 页", "- 3 -", "4/10"), recognises domain headings ("1 幼有所育", "一、…",
wrapped names, repeats on a later page), task headings ("1.加大…", "10. 提 高 社", "（1）…"), takes
blank-line-separated paragraphs as cells and assigns them to the columns after the task column of
the header (a task with more cells than columns gets several rows), joins wrapped lines and removes
whitespace next to CJK characters (one space kept between ASCII words), NFC, splits a field into
items at 一是/二是/…, splits the units cell into lead / support / implementers (牵头, 配合 words;
otherwise the first unit listed leads), and prints one JSON object per document per line
(json.dumps(ensure_ascii=False)) with title, source, columns, domains / tasks / rows / fields and
1-based line spans.

It is not a second implementation to maintain and does not match qingdan byte for byte (no other
encodings, no pipe or numbered-list layouts, no coverage accounting, no cell cut by a page break
joined again); on the seed it finds the same 9 domains, 28 tasks and 29 rows. A document without a
header row is skipped with a note on standard error (not an error); a file that is not valid UTF-8
is an error (exit status 1), and the batch goes on.

Usage: straightforward.py FILE_OR_DIR... > out.ndjson
"""

import json
import os
import re
import sys
import unicodedata

# Characters next to which whitespace is removed: CJK ideographs, kana, hangul, CJK and full-width
# punctuation, and the ambiguous-width punctuation Chinese text uses (“” ‘’ — … ‰ ·).
CJK = (
    "\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f"
    "\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6"
    "\u2018\u2019\u201c\u201d\u2014\u2026\u2030\u00b7"
)
SPACE_NEAR_CJK = re.compile(rf"\s+(?=[{CJK}])|(?<=[{CJK}])\s+")
SPACES = re.compile(r"\s+")

FOOTER = re.compile(
    r"^(?:第\s*\d+\s*页\s*[，,]?\s*(?:共\s*\d+\s*页)?|[-—–]\s*\d+\s*[-—–]|\d+\s*/\s*\d+)$"
)
CN_DIGITS = "一二三四五六七八九十"
DOMAIN_ARABIC = re.compile(r"^(\d{1,2})\s+(\S.*)$")
DOMAIN_CHINESE = re.compile(rf"^([{CN_DIGITS}]{{1,3}})\s*[、.．]\s*(\S.*)$")
TASK_HEADING = re.compile(r"^(?:(\d{1,3})\s*[.．、](?!\d)|[（(](\d{1,3})[）)])\s*(.*)$")
ITEM_MARK = re.compile(rf"([{CN_DIGITS}]{{1,3}})是")
SENTENCE_PUNCT = re.compile(r"[。，,；;：:！？%“”]")
LABEL_WORDS = re.compile(r"序号|领域|任务|目标|措施|举措|单位|时限|时间|备注|事项|项目|内容|领导")
YEAR = re.compile(r"(\d{4})年")
IMPLEMENTER = re.compile(r"^各.*(?:政府|乡镇|街道|县|市|区|单位|部门)")


def chinese_number(s):
    """一 … 九十九 → int, None when it is not a number."""
    if not s or any(c not in CN_DIGITS for c in s):
        return None
    if s == "十":
        return 10
    if "十" not in s:
        return CN_DIGITS.index(s) + 1 if len(s) == 1 else None
    tens, _, units = s.partition("十")
    t = 1 if tens == "" else CN_DIGITS.index(tens) + 1
    u = 0 if units == "" else CN_DIGITS.index(units) + 1
    if t > 9 or u > 9:
        return None
    return t * 10 + u


def clean_text(parts):
    """Joins wrapped lines and repairs the spacing: the text of a field."""
    out = []
    for s in parts:
        s = s.strip()
        if not s:
            continue
        if out:
            a, b = out[-1][-1], s[0]
            if a.isascii() and a.isalnum() and b.isascii() and b.isalnum():
                out.append(" ")
        out.append(s)
    text = SPACES.sub(" ", "".join(out))
    text = SPACE_NEAR_CJK.sub("", text)
    return unicodedata.normalize("NFC", text.strip())


def split_items(text):
    """一是…二是…: the items in sequence, at the start or after 。/；; else the whole text."""
    marks = []
    expected = 1
    for m in ITEM_MARK.finditer(text):
        if chinese_number(m.group(1)) != expected:
            continue
        if m.start() > 0 and text[m.start() - 1] not in "。；;":
            continue
        marks.append(m)
        expected += 1
    if not marks:
        return [text]
    items = []
    if marks[0].start() > 0:
        items.append(text[: marks[0].start()])
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        item = text[m.end() : end].strip()
        if item:
            items.append(item)
    return items


def split_outside_parens(text, separators):
    parts, current, depth = [], [], 0
    for c in text:
        if c in "（(":
            depth += 1
        elif c in "）)" and depth > 0:
            depth -= 1
        if c in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(c)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def split_units(text):
    """Returns (lead, support, implementers, inferred)."""
    lead, support, implementers, plain = [], [], [], []
    for clause in split_outside_parens(text, "；;，,"):
        if clause.endswith("牵头"):
            names = clause[:-2]
            if names.endswith("分别"):
                names = names[:-2]
            target = lead
        elif clause.endswith("配合"):
            names = clause[:-2]
            for prefix in ("按职能", "按职责", "协同"):
                if names.endswith(prefix):
                    names = names[: -len(prefix)]
            target = support
        else:
            names, target = clause, None
        for name in split_outside_parens(names, "、"):
            if IMPLEMENTER.match(name):
                implementers.append(name)
            elif target is not None:
                target.append(name)
            else:
                plain.append(name)
    inferred = False
    if not lead and plain:
        lead.append(plain.pop(0))
        inferred = True
    support.extend(plain)
    return lead, support, implementers, inferred


def column_role(label):
    m = YEAR.search(label)
    year = int(m.group(1)) if m else None
    if "序号" in label:
        role = "seq"
    elif "领域" in label:
        role = "domain"
    elif "任务" in label or "事项" in label or "项目" in label:
        role = "task"
    elif "目标" in label:
        role = "annual_target" if (year or "年度" in label) else "goal"
    elif "措施" in label or "举措" in label:
        role = "measures"
    elif "牵头" in label:
        role = "lead"
    elif "配合" in label:
        role = "support"
    elif "单位" in label or "责任" in label:
        role = "units"
    elif "时限" in label or "时间" in label:
        role = "deadline"
    else:
        role = "other"
    return {"label": label, "role": role, "year": year}


def find_header(lines):
    """The first header row: (first index, last index, labels), or None."""
    for i, line in enumerate(lines):
        tokens = line.split()
        if not tokens or tokens[0] != "序号":
            continue
        if len(tokens) >= 3:
            return i, i, tokens
        if len(tokens) == 1:  # one label per line
            labels = ["序号"]
            j = i + 1
            while j < len(lines):
                s = lines[j].strip()
                if not s or len(s) > 12 or " " in s or not LABEL_WORDS.search(s):
                    break
                labels.append(s)
                j += 1
            if len(labels) >= 3:
                return i, j - 1, labels
    return None


class NoTable(Exception):
    pass


def new_field(role, cell):
    first, last, parts = cell
    text = clean_text(parts)
    field = {"text": text, "items": split_items(text), "lines": [first, last]}
    return field


def parse_document(text, name, size):
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    header = find_header(lines)
    if header is None:
        raise NoTable("no header row (only the table layout is handled)")
    h_first, h_last, labels = header
    columns = [column_role(label) for label in labels]
    roles = [c["role"] for c in columns]
    task_col = roles.index("task") if "task" in roles else max(roles.index(r) for r in ("seq", "domain") if r in roles)
    cell_roles = roles[task_col + 1 :]
    if not cell_roles:
        raise NoTable("no data columns after the task column")
    header_key = "".join(labels)
    diagnostics = []

    # Title: the paragraph above the header row.
    title_lines = []
    i = h_first - 1
    while i >= 0 and not lines[i].strip():
        i -= 1
    while i >= 0 and lines[i].strip():
        title_lines.insert(0, i)
        i -= 1
    title = clean_text([lines[k] for k in title_lines])

    domains = []
    domain = None  # current domain dict
    task = None  # current task dict, cells collected in task["_cells"]
    para = []  # (line number, text) of the current paragraph
    para_kind = "text"  # "text", or "domain" while reading a domain heading
    domain_repeat = False
    last_task_seq = 0
    skip_until = h_last  # index of the last line already consumed as header

    def start_task(seq, first, parts):
        nonlocal task, last_task_seq
        title = clean_text(parts)
        if title.endswith(("。", ".")):
            title = title[:-1]
        if domain is None:
            domains.append({"seq": None, "name": "", "lines": [first, first], "tasks": []})
        task = {"seq": seq, "title": title, "lines": [first, first], "_cells": []}
        (domain or domains[-1])["tasks"].append(task)
        last_task_seq = seq

    def task_heading(s):
        m = TASK_HEADING.match(s)
        if not m:
            return None
        seq = int(m.group(1) or m.group(2))
        if seq != last_task_seq + 1 and not (last_task_seq == 0 and seq >= 1):
            return None
        return seq, m.group(3)

    def flush():
        nonlocal para, para_kind, domain, task, domain_repeat
        if not para:
            para_kind = "text"
            return
        if para_kind == "domain":
            # Heading line, wrapped name lines, maybe a task heading glued under it.
            name_parts = [para[0][1]]
            rest = []
            for k in range(1, len(para)):
                if task_heading(para[k][1]):
                    rest = para[k:]
                    break
                name_parts.append(para[k][1])
            if not domain_repeat:
                domain["name"] = clean_text(name_parts)
            para, para_kind = rest, "text"
            if not para:
                return
        first = para[0][0]
        heading = task_heading(para[0][1])
        if heading:
            seq, rest_of_line = heading
            start_task(seq, first, [rest_of_line] + [s for _, s in para[1:]])
        elif task is not None:
            task["_cells"].append((first, para[-1][0], [s for _, s in para]))
        else:
            diagnostics.append(
                {"severity": "warning", "line": first, "message": "text outside any task: lines %d-%d" % (first, para[-1][0])}
            )
        para = []

    for index in range(skip_until + 1, len(lines)):
        if index <= skip_until:
            continue
        number = index + 1
        line = lines[index].replace("\f", "")
        s = line.strip()
        if not s:
            flush()
            continue
        squeezed = "".join(s.split())
        # Repeated header row: one line (maybe re-spaced), glued onto a data line, or one label per line.
        if squeezed == header_key:
            flush()
            continue
        if squeezed.endswith(header_key):
            cut = line.rfind(labels[0])
            if cut > 0 and "".join(line[cut:].split()) == header_key:
                para.append((number, line[:cut].strip()))
                flush()
                continue
        if s == labels[0] and len(labels) > 1:
            following = [lines[k].strip() for k in range(index + 1, min(index + len(labels), len(lines)))]
            if following == labels[1:]:
                flush()
                skip_until = index + len(labels) - 1
                continue
        if FOOTER.match(s):
            flush()
            continue
        # Domain heading: "1 幼有所育" or "一、…", the next number (or the current one, repeated
        # on a continuation page), a short name without sentence punctuation.
        m = DOMAIN_ARABIC.match(s) or DOMAIN_CHINESE.match(s)
        if m and len(m.group(2)) <= 16 and not SENTENCE_PUNCT.search(m.group(2)):
            seq = int(m.group(1)) if m.group(1).isdigit() else chinese_number(m.group(1))
            current = domain["seq"] if domain else 0
            if seq is not None and seq in (current, current + 1):
                flush()
                para_kind = "domain"
                domain_repeat = domain is not None and seq == current
                if not domain_repeat:
                    domain = {"seq": seq, "name": m.group(2), "lines": [number, number], "tasks": []}
                    domains.append(domain)
                    task = None
                para.append((number, m.group(2)))
                continue
        para.append((number, s))
    flush()

    # Cells → rows → fields; spans.
    rows_total = 0
    for dom in domains:
        for t in dom["tasks"]:
            cells = t.pop("_cells")
            rows = []
            for start in range(0, len(cells), len(cell_roles)):
                chunk = cells[start : start + len(cell_roles)]
                row = {}
                for role, cell in zip(cell_roles, chunk):
                    field = new_field(role, cell)
                    if role == "units":
                        lead, support, implementers, inferred = split_units(field["text"])
                        field["lead"], field["support"], field["implementers"] = lead, support, implementers
                        if inferred:
                            diagnostics.append(
                                {
                                    "severity": "info",
                                    "line": cell[0],
                                    "message": "unit roles inferred: no role word, so the first unit listed is taken as lead (%s)" % lead[0],
                                }
                            )
                    key = role if role not in row else "%s#%d" % (role, start)
                    row[key] = field
                if len(chunk) < len(cell_roles):
                    diagnostics.append(
                        {
                            "severity": "warning",
                            "line": chunk[0][0],
                            "message": "row has %d cells where the header has %d" % (len(chunk), len(cell_roles)),
                        }
                    )
                row["lines"] = [chunk[0][0], chunk[-1][1]]
                rows.append(row)
            t["rows"] = rows
            rows_total += len(rows)
            if rows:
                t["lines"][1] = rows[-1]["lines"][1]
        if dom["tasks"]:
            dom["lines"][1] = max(dom["lines"][1], dom["tasks"][-1]["lines"][1])

    return {
        "title": title,
        "title_lines": [title_lines[0] + 1, title_lines[-1] + 1] if title_lines else None,
        "source": {"name": name, "encoding": "UTF-8", "bytes": size, "lines": len(lines)},
        "columns": columns,
        "domains": domains,
        "diagnostics": sorted(diagnostics, key=lambda d: d["line"]),
    }, rows_total


def input_files(args):
    for arg in args:
        if os.path.isdir(arg):
            for root, dirs, files in os.walk(arg):
                dirs.sort()
                for f in sorted(files):
                    if f.endswith(".txt"):
                        yield os.path.join(root, f)
        else:
            yield arg


def main(argv):
    if not argv:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    ok = skipped = failed = rows = 0
    out = sys.stdout
    for path in input_files(argv):
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            print("%s: error: %s" % (path, e.strerror), file=sys.stderr)
            failed += 1
            continue
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            line = data.count(b"\n", 0, e.start) + 1
            print("%s:%d: error: invalid UTF-8 byte 0x%02X at byte offset %d" % (path, line, data[e.start], e.start), file=sys.stderr)
            failed += 1
            continue
        try:
            doc, n = parse_document(text, path, len(data))
        except NoTable as e:
            print("%s: skipped: %s" % (path, e), file=sys.stderr)
            skipped += 1
            continue
        out.write(json.dumps(doc, ensure_ascii=False))
        out.write("\n")
        ok += 1
        rows += n
    print("straightforward.py: %d documents, %d ok, %d skipped, %d failed, %d rows" % (ok + skipped + failed, ok, skipped, failed, rows), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

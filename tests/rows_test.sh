#!/usr/bin/env bash
# End-to-end checks of the row formats for databases, --format rows (NDJSON,
# one object per table row) and --format csv (RFC 4180), in the single
# command and in `qingdan convert`: every value checked against the document
# JSON by tests/rows_check.py (an independent reading of the format), the
# SHA-256 against sha256sum, one stream in input order whatever -j, one CSV
# header, standard input, memory that does not grow with the batch.
# Usage: rows_test.sh QINGDAN CORPUS_DIR WORK_DIR
set -u
QINGDAN=$1
CORPUS=$2
WORK=$3
TESTS=$(cd "$(dirname "$0")" && pwd)
. "$TESTS/db_common.sh"
make_batch "$CORPUS/chuxiong-2023.txt"
cd "$WORK" || exit 1
cp "$CORPUS/chuxiong-2023.txt" seed.txt
write_other_doc other.txt
write_section_doc section.txt
write_two_targets_doc targets.txt
sha() { sha256sum "$1" | cut -c1-64; }

# The single command: both formats, every document, every value.
for doc in seed other section targets; do
  "$QINGDAN" "$doc.txt" >"$doc.json" 2>/dev/null
  "$QINGDAN" --format rows "$doc.txt" >"$doc.rows" 2>"$doc.rows.err"
  rc_rows=$?
  "$QINGDAN" -f csv -o "$doc.csv" "$doc.txt" 2>"$doc.csv.err"
  rc_csv=$?
  check "$doc: --format rows and csv exit 0 ($rc_rows, $rc_csv)" [ "$rc_rows$rc_csv" = 00 ]
  check "$doc: rows and CSV match the document" \
    "$PYTHON" "$TESTS/rows_check.py" "$doc.rows" "$doc.csv" "$doc.json:$(sha "$doc.txt")"
done
check "targets: the second target column's cell is keyed by its label (was #?)" \
  contains targets.rows '"other":{"2025年工作目标":"全程网上办。"}'
check "seed: one row object per table row (29)" [ "$(wc -l <seed.rows)" -eq 29 ]
check "seed: CSV header and 29 records, CRLF" [ "$(grep -c $'\r$' seed.csv)" -eq 30 ]
check "seed: the second row of task 17 has row_index 1" \
  contains seed.rows '"task_seq":17,"task_title":"强化老年人社会救助和社会福利保障","row_index":1,'
check "seed: sha256 of the input bytes" contains seed.rows "\"sha256\":\"$(sha seed.txt)\""
check "seed: absent column (no deadline) is null" contains seed.rows '"deadline":null,"deadline_lines":null,"deadline_date":null,'
check "seed: CSV header line" \
  [ "$(head -n 1 seed.csv)" = $'title,source,encoding,bytes,sha256,domain_seq,domain_name,section_seq,section_name,task_seq,task_title,row_index,lines,goal,goal_lines,annual_target,annual_target_lines,measures,measures_lines,units,units_lines,lead,support,implementers,deadline,deadline_lines,deadline_date,other,other_lines\r' ]
check "seed: CSV absent values are empty, unquoted; no other cells {}" grep -q ',,,,{},{}'$'\r$' seed.csv
check "other: cell with comma and quotes quoted, quotes doubled" contains other.csv '"压缩开办时间,""一网通办""。"'
check "other: present but empty list is \"\"" contains other.csv ',县市场监管局,县公安局、县税务局（含A、B）,"",'
check "other: other cells keyed by label" contains other.rows '"other":{"备注":"按季度报送","分管领导":"张三"}'
check "other: their line spans" contains other.rows '"other_lines":{"备注":[15,15],"分管领导":[17,17]}'
check "other: CSV spans first-last" contains other.csv ',2023年6月底前,13-13,'
check "section: a task's section" contains section.rows '"domain_name":"深化改革","section_seq":2,"section_name":"要素保障","task_seq":3,'
check "section: a task without one" contains section.rows '"domain_name":"民生保障","section_seq":null,"section_name":null,"task_seq":4,'
check "seed: no sections (empty unquoted in CSV)" grep -q '^[^"]*,1,幼有所育,,,1,加大标准化' seed.csv

# SHA-256 for every input length modulo the 64-byte block (padding in one or two blocks).
bad_sha=0
cp other.txt padded.txt
for n in $(seq 0 63); do
  got=$("$QINGDAN" --format rows padded.txt 2>/dev/null | head -n 1 | sed 's/.*"sha256":"\([0-9a-f]*\)".*/\1/')
  [ "$got" = "$(sha padded.txt)" ] || bad_sha=$((bad_sha + 1))
  printf ' ' >>padded.txt
done
check "sha256 equals sha256sum for 64 consecutive input lengths (wrong: $bad_sha)" [ "$bad_sha" -eq 0 ]

# Standard input: source "-", same rows otherwise.
"$QINGDAN" --format rows - <seed.txt >stdin.rows 2>/dev/null
check "stdin: --format rows exits 0" [ $? -eq 0 ]
check "stdin: source is -" [ "$(grep -c '"source":"-"' stdin.rows)" -eq 29 ]
check "stdin: otherwise the same rows" cmp -s <(sed 's/"source":"[^"]*"//' stdin.rows) \
  <(sed 's/"source":"[^"]*"//' seed.rows)
"$QINGDAN" convert --format rows - <seed.txt >stdin-convert.rows 2>/dev/null
check "stdin: convert - gives the same rows as the single command" cmp -s stdin.rows stdin-convert.rows

# convert: one stream, rows of every document in input order, whatever -j.
"$QINGDAN" convert -f rows -j 1 in extra/named.dat >j1.rows 2>j1.err
rc1=$?
"$QINGDAN" convert -f rows -j 2 -o j2.rows in extra/named.dat 2>j2.err
rc2=$?
check "convert rows exits 1 with the two bad documents (-j1 $rc1, -j2 $rc2)" [ "$rc1$rc2" = 11 ]
check "convert rows: 41 documents x 29 rows" [ "$(wc -l <j1.rows)" -eq $((41 * 29)) ]
check "convert rows: -j 2 equals -j 1 byte for byte" cmp -s j1.rows j2.rows
{ (cd in && find . -name '*.txt' ! -name bad-utf8.txt ! -name empty.txt | sed 's|^\./|in/|' | LC_ALL=C sort)
  echo extra/named.dat; } >order.txt
: >expected.rows
: >expected.csv.body
while read -r f; do
  "$QINGDAN" -f rows "$f" >>expected.rows 2>/dev/null
  "$QINGDAN" -f csv "$f" 2>/dev/null | tail -n +2 >>expected.csv.body
done <order.txt
check "convert rows: each document's rows as the single command writes them, in input order" \
  cmp -s expected.rows j1.rows
"$QINGDAN" convert -f csv -j 2 in extra/named.dat >j2.csv 2>/dev/null
check "convert csv: exits 1 with the two bad documents" [ $? -eq 1 ]
check "convert csv: one header line, then every document's records in input order" \
  cmp -s <({ head -n 1 seed.csv; cat expected.csv.body; }) j2.csv
check "convert csv: header written once" [ "$(grep -c '^title,source,' j2.csv)" -eq 1 ]
check "convert csv: records read back (41 x 29)" "$PYTHON" -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8"), strict=True))
sys.exit(0 if len(rows) == 1 + 41 * 29 and all(len(r) == 29 for r in rows) else 1)' j2.csv
"$QINGDAN" convert -f csv -q in/empty.txt >empty.csv 2>/dev/null
check "convert csv: a batch without a good document still has the header" \
  [ "$(cat empty.csv)" = "$(head -n 1 seed.csv)" ]

# Streaming: the peak memory of a batch does not grow with its length.
# (160 documents: their CSV alone, held in memory, would be 9 MB.)
mkdir -p many
for i in $(seq -w 1 160); do cp seed.txt "many/doc$i.txt"; done
peak() {  # peak resident set of the command, in KiB (under AddressSanitizer: without its quarantine of freed memory)
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0" "$PYTHON" -c '
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
}
small=$(peak "$QINGDAN" convert -f csv -j 2 many/doc00[1-8].txt)
large=$(peak "$QINGDAN" convert -f csv -j 2 many)
check "convert csv: peak memory for 160 documents ($large KiB) about that for 8 ($small KiB)" \
  [ "$large" -le $((small * 5 / 4 + 2048)) ]

# Usage errors: exit 2.
"$QINGDAN" convert --format rows --out o in >/dev/null 2>&1
check "--format rows with --out exits 2" [ $? -eq 2 ]
"$QINGDAN" convert --format csv --out o in >/dev/null 2>&1
check "--format csv with --out exits 2" [ $? -eq 2 ]
"$QINGDAN" --format tsv seed.txt >/dev/null 2>&1
check "unknown format exits 2" [ $? -eq 2 ]
"$QINGDAN" convert -f csv -o /dev/full in/a >/dev/null 2>&1
check "unwritable CSV output exits 2" [ $? -eq 2 ]

finish

#!/usr/bin/env bash
# End-to-end checks of `qingdan --sqlite FILE INPUT...` (and convert --sqlite)
# with the sqlite3 command-line shell (Debian package: sqlite3): the seed's
# counts, the lead units ranked, the rows 州医保局 supports, importing again
# replaces instead of duplicating, foreign keys hold and cascade, every value
# as parsed (tests/sqlite_check.py), the built-in schema equals
# schema/qingdan-sqlite.sql, a batch goes in in input order.
# Usage: sqlite_test.sh QINGDAN CORPUS_DIR WORK_DIR SCHEMA_SQL
set -u
QINGDAN=$1
CORPUS=$2
WORK=$3
SCHEMA=$4
TESTS=$(cd "$(dirname "$0")" && pwd)
. "$TESTS/db_common.sh"
if ! command -v sqlite3 >/dev/null; then
  echo "FAILED: the sqlite3 shell is missing (apt-get install sqlite3)"
  exit 1
fi
make_batch "$CORPUS/chuxiong-2023.txt"
cd "$WORK" || exit 1
cp "$CORPUS/chuxiong-2023.txt" seed.txt
write_other_doc other.txt
write_section_doc section.txt
sha() { sha256sum "$1" | cut -c1-64; }
q() { sqlite3 -batch -bail "$DB" "$@"; }  # q SQL: rows as a|b, one per line
# equals "description" "expected" SQL
equals() {
  local got
  got=$(q "$3" 2>&1)
  if [ "$got" = "$2" ]; then ok "$1"; else fail "$1"$'\n'"  got:  ${got//$'\n'/ / }"$'\n'"  want: ${2//$'\n'/ / }"; fi
}

# The seed through the plain form.
DB=plans.db
"$QINGDAN" --sqlite "$DB" seed.txt >out.txt 2>err.txt
check "qingdan --sqlite plans.db seed.txt exits 0" [ $? -eq 0 ]
check "nothing on standard output" [ ! -s out.txt ]
check "import reported" contains err.txt "qingdan convert: plans.db: 1 documents imported, 0 replaced"
"$QINGDAN" seed.txt >seed.json 2>/dev/null
"$QINGDAN" other.txt >other.json 2>/dev/null

COUNTS="SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM domains), (SELECT count(*) FROM sections),
  (SELECT count(*) FROM tasks),
  (SELECT count(*) FROM rows), (SELECT count(*) FROM fields), (SELECT count(*) FROM items),
  (SELECT count(*) FROM units), (SELECT count(*) FROM columns)"
equals "seed: 1 document, 9 domains, 28 tasks, 29 rows (documents|domains|sections|tasks|rows|fields|items|units|columns)" \
  "1|9|0|28|29|116|218|114|7" "$COUNTS"
NDIAG=$(grep -c '"severity":' seed.json)
equals "seed: the document's diagnostics ($NDIAG)" "$NDIAG" "SELECT count(*) FROM diagnostics"
equals "seed: 28 tasks of the document (tasks.document_id)" "28" \
  "SELECT count(*) FROM tasks JOIN documents d ON d.id = tasks.document_id WHERE d.name = 'seed.txt'"
equals "seed: sha256 of the input bytes, size, encoding" "$(sha seed.txt)|50471|UTF-8|1074" \
  "SELECT sha256, bytes, encoding, lines FROM documents"
equals "seed: imported_at is UTC ISO 8601" "1" \
  "SELECT imported_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z' FROM documents"

# Lead units ranked by the number of tasks they lead (db_common.sh).
LEADS="SELECT u.name, count(DISTINCT r.task_id) AS tasks FROM units u JOIN rows r ON r.id = u.row_id
  WHERE u.role = 'lead' GROUP BY u.name ORDER BY tasks DESC, u.name LIMIT 5"
equals "seed: lead units ranked by tasks" \
  "$SEED_LEADS_BY_TASKS" "$LEADS"
# The first-named lead only (position 0): 州卫生健康委 comes first.
equals "seed: first-named lead units ranked by tasks" \
  "$SEED_FIRST_LEADS_BY_TASKS" \
  "SELECT u.name, count(DISTINCT r.task_id) AS tasks FROM units u JOIN rows r ON r.id = u.row_id
   WHERE u.role = 'lead' AND u.position = 0 GROUP BY u.name ORDER BY tasks DESC, u.name LIMIT 4"
# All rows where 州医保局 supports: tasks 12, 13, 14 and 23 (it leads 15); the
# row spans as in the JSON.
SUPPORTS="SELECT dm.seq, t.seq, r.position, t.title, r.first_line || '-' || r.last_line
  FROM units u JOIN rows r ON r.id = u.row_id JOIN tasks t ON t.id = r.task_id JOIN domains dm ON dm.id = t.domain_id
  WHERE u.role = 'support' AND u.name = '州医保局' ORDER BY t.seq, r.position"
equals "seed: rows where 州医保局 supports" \
  "$SEED_YIBAO_SUPPORTS" "$SUPPORTS"
equals "seed: the second row of task 17 (row index 1) and its lead" "1|州人力资源社会保障局" \
  "SELECT r.position, u.name FROM rows r JOIN tasks t ON t.id = r.task_id JOIN units u ON u.row_id = r.id
   WHERE t.seq = 17 AND r.position = 1 AND u.role = 'lead'"
equals "seed: measures items of task 1 (一是…五是)" "5" \
  "SELECT count(*) FROM items i JOIN fields f ON f.id = i.field_id JOIN rows r ON r.id = f.row_id
   JOIN tasks t ON t.id = r.task_id WHERE t.seq = 1 AND f.role = 'measures'"
equals "seed: foreign keys hold" "" "PRAGMA foreign_key_check"
equals "seed: integrity" "ok" "PRAGMA integrity_check"
check "seed: every value as parsed" "$PYTHON" "$TESTS/sqlite_check.py" "$DB" "seed.json:$(sha seed.txt)"

# Importing again replaces: the same counts, and the same answers.
"$QINGDAN" convert --sqlite "$DB" seed.txt >/dev/null 2>err2.txt
check "convert --sqlite: the same document again exits 0" [ $? -eq 0 ]
check "... reported as replaced" contains err2.txt "plans.db: 1 documents imported, 1 replaced"
equals "seed twice: counts unchanged" "1|9|0|28|29|116|218|114|7" "$COUNTS"
equals "seed twice: diagnostics unchanged" "$NDIAG" "SELECT count(*) FROM diagnostics"
equals "seed twice: lead ranking unchanged" "$(q "$LEADS")" "$LEADS"
equals "seed twice: foreign keys hold" "" "PRAGMA foreign_key_check"

# The key is the source name: edited bytes under the same name replace the
# old version; the same bytes under another name are another document.
cp seed.txt copy.txt
"$QINGDAN" --sqlite "$DB" copy.txt other.txt 2>/dev/null
check "plain form with two inputs exits 0" [ $? -eq 0 ]
equals "a copy under another name is another document" "3|58|60" \
  "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM tasks), (SELECT count(*) FROM rows)"
sed '2s/^楚雄州/楚雄州修订/' seed.txt >copy.txt
"$QINGDAN" --sqlite "$DB" copy.txt 2>/dev/null
equals "edited bytes under the same name replace it" "3|$(sha copy.txt)|楚雄州修订" \
  "SELECT (SELECT count(*) FROM documents), sha256, substr(title, 1, 5) FROM documents WHERE name = 'copy.txt'"
check "other: every value as parsed (deadline, other columns)" "$PYTHON" "$TESTS/sqlite_check.py" "$DB" \
  "other.json:$(sha other.txt)" "seed.json:$(sha seed.txt)"
equals "other: other cells with their column" "1|6|备注|按季度报送
1|7|分管领导|张三
2|6|备注|无
2|7|分管领导|李四" \
  "SELECT t.seq, f.column_position, c.label, f.text FROM fields f JOIN rows r ON r.id = f.row_id
   JOIN tasks t ON t.id = r.task_id JOIN columns c ON c.document_id = t.document_id AND c.position = f.column_position
   WHERE f.role = 'other' ORDER BY t.seq, f.column_position"
equals "other: a unit name with 、 inside parentheses is one name" "县公安局
县税务局（含A、B）" \
  "SELECT u.name FROM units u JOIN rows r ON r.id = u.row_id JOIN tasks t ON t.id = r.task_id
   JOIN documents d ON d.id = t.document_id WHERE d.name = 'other.txt' AND u.role = 'support' ORDER BY u.position"

# Sections: a table of their own, referenced by their tasks.
"$QINGDAN" -q --sqlite "$DB" section.txt 2>/dev/null
"$QINGDAN" section.txt >section.json 2>/dev/null
check "section: every value as parsed" "$PYTHON" "$TESTS/sqlite_check.py" "$DB" "section.json:$(sha section.txt)"
equals "section: sections with their tasks; a task without one" "1|1|营商环境|1,2
1|2|要素保障|3
2|||4" \
  "SELECT dm.seq, s.seq, s.name, group_concat(t.seq, ',') FROM tasks t JOIN domains dm ON dm.id = t.domain_id
   LEFT JOIN sections s ON s.id = t.section_id JOIN documents d ON d.id = t.document_id WHERE d.name = 'section.txt'
   GROUP BY t.section_id ORDER BY dm.seq, s.position"

# A document that fails to parse leaves its previous version alone.
cp in/c/bad-utf8.txt copy.txt
"$QINGDAN" --sqlite "$DB" copy.txt >/dev/null 2>bad.err
check "a bad document exits 1" [ $? -eq 1 ]
equals "... and its previous version stays" "楚雄州修订" "SELECT substr(title, 1, 5) FROM documents WHERE name = 'copy.txt'"

# ON DELETE CASCADE: deleting a document deletes everything parsed from it.
equals "deleting documents cascades to every table" "0|0|0|0|0|0|0|0|0|0" \
  "PRAGMA foreign_keys = ON; DELETE FROM documents; $COUNTS, (SELECT count(*) FROM diagnostics)"

# The built-in schema is schema/qingdan-sqlite.sql.
rm -f fromfile.db
sqlite3 -batch -bail fromfile.db <"$SCHEMA"
check "schema file loads into sqlite3" [ $? -eq 0 ]
SCHEMA_SQL="SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
check "the built-in schema equals schema/qingdan-sqlite.sql" \
  cmp -s <(sqlite3 -batch fromfile.db "$SCHEMA_SQL; PRAGMA user_version") <(q "$SCHEMA_SQL; PRAGMA user_version")
check "a database made from the file takes imports" "$QINGDAN" --sqlite fromfile.db seed.txt -q --no-progress 2>/dev/null

# A batch: workers parse in parallel, the writer inserts in input order.
DB=batch.db
"$QINGDAN" convert -j 2 --sqlite "$DB" in extra/named.dat >/dev/null 2>batch.err
check "convert --sqlite with two bad documents exits 1" [ $? -eq 1 ]
check "... 41 imported" contains batch.err "batch.db: 41 documents imported, 0 replaced"
check "... summary" contains batch.err "qingdan convert: 43 documents, 41 ok, 2 failed, 1189 rows,"
{ (cd in && find . -name '*.txt' ! -name bad-utf8.txt ! -name empty.txt | sed 's|^\./|in/|' | LC_ALL=C sort)
  echo extra/named.dat; } >expected-order.txt
check "documents inserted in input order" cmp -s expected-order.txt <(q "SELECT name FROM documents ORDER BY id")
equals "batch: 41 documents, 1148 tasks, 1189 rows" "41|1148|1189" \
  "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM tasks), (SELECT count(*) FROM rows)"
"$QINGDAN" convert -j 2 --sqlite "$DB" in extra/named.dat >/dev/null 2>batch2.err
check "batch again: 41 replaced" contains batch2.err "batch.db: 41 documents imported, 41 replaced"
equals "batch again: counts unchanged" "41|1148|1189" \
  "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM tasks), (SELECT count(*) FROM rows)"
equals "batch: 州卫生健康委 leads 6 tasks in each of the 41 documents" "246" \
  "SELECT count(DISTINCT r.task_id) FROM units u JOIN rows r ON r.id = u.row_id WHERE u.role = 'lead' AND u.name = '州卫生健康委'"
equals "batch: foreign keys hold" "" "PRAGMA foreign_key_check"

# Errors: exit 2, nothing half-written.
"$QINGDAN" --sqlite x.db --format csv seed.txt >/dev/null 2>&1
check "--sqlite with --format exits 2" [ $? -eq 2 ]
"$QINGDAN" convert --sqlite x.db --out o seed.txt >/dev/null 2>&1
check "--sqlite with --out exits 2" [ $? -eq 2 ]
"$QINGDAN" --sqlite no-such-dir/x.db seed.txt >/dev/null 2>open.err
check "a database that cannot be opened exits 2" [ $? -eq 2 ]
check "... and is named" contains open.err "no-such-dir/x.db"
printf 'not a database, just text that is long enough to fill a header page of a database file.......\n' >text.db
"$QINGDAN" --sqlite text.db seed.txt >/dev/null 2>notdb.err
check "a file that is not a database exits 2" [ $? -eq 2 ]
sqlite3 newer.db "PRAGMA user_version = 2"
"$QINGDAN" --sqlite newer.db seed.txt >/dev/null 2>newer.err
check "a newer schema version is refused (exit 2)" [ $? -eq 2 ]
check "... with a message" contains newer.err "newer.db: schema version 2 is newer than this qingdan's (1)"

finish

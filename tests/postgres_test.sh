#!/usr/bin/env bash
# The documented PostgreSQL load, against a real server: starts a throwaway
# PostgreSQL (Debian package postgresql; installed here when missing and we
# are root) in a temporary directory, listening only on a Unix socket in that
# directory (no TCP port, so nothing clashes with a server already running),
# creates schema/qingdan-postgres.sql, loads `qingdan convert --format csv`
# with \copy exactly as the README shows, and runs the queries of the SQLite
# test: 28 tasks and 29 rows, the lead units ranked, the rows 州医保局
# supports. Then a batch, CSV quoting, and --format rows into jsonb. The
# server is stopped and its directory removed on every exit path.
# Usage: postgres_test.sh QINGDAN CORPUS_DIR WORK_DIR SCHEMA_SQL
set -u
set -o pipefail
QINGDAN=$1
CORPUS=$2
WORK=$3
SCHEMA=$4
TESTS=$(cd "$(dirname "$0")" && pwd)
. "$TESTS/db_common.sh"

# ---- the server -------------------------------------------------------------

pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
BIN=$(pg_bindir)
if [ -z "$BIN" ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "installing postgresql from the Debian archive"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq postgresql >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; }
  BIN=$(pg_bindir)
fi
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ] || [ ! -x "$BIN/psql" ]; then
  echo "FAILED: no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql)"
  exit 1
fi
echo "PostgreSQL: $("$BIN/postgres" --version)"

# The server refuses to run as root: as root, run it as the postgres user.
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "FAILED: running as root, but there is no postgres user to run the server"
    exit 1
  fi
  as_server() { runuser -u postgres -- "$@"; }
else
  as_server() { "$@"; }
fi

make_batch "$CORPUS/chuxiong-2023.txt"
cd "$WORK" || exit 1
PGTMP=$(mktemp -d /tmp/qingdan-postgres.XXXXXX) || exit 1
[ "$(id -u)" -eq 0 ] && chown postgres: "$PGTMP"
PORT=54329
stop_server() {
  if [ -f "$PGTMP/data/postmaster.pid" ]; then
    as_server "$BIN/pg_ctl" -D "$PGTMP/data" -m fast -w stop >/dev/null 2>&1 ||
      as_server "$BIN/pg_ctl" -D "$PGTMP/data" -m immediate -w stop >/dev/null 2>&1
  fi
  cp "$PGTMP/server.log" "$WORK/server.log" 2>/dev/null
  rm -rf "$PGTMP"
}
trap stop_server EXIT
trap 'exit 2' INT TERM

if ! as_server "$BIN/initdb" -D "$PGTMP/data" -U qingdan --auth=trust -E UTF8 --no-locale >initdb.log 2>&1; then
  echo "FAILED: initdb"
  cat initdb.log
  exit 1
fi
if ! as_server "$BIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w -t 60 \
  -o "-c listen_addresses='' -k $PGTMP -p $PORT -c fsync=off" start >pg_ctl.log 2>&1; then
  echo "FAILED: the server did not start"
  cat pg_ctl.log "$PGTMP/server.log"
  exit 1
fi
ok "server started (socket $PGTMP/.s.PGSQL.$PORT)"

# psql, as the README has it, pointed at the test server.
export PGHOST=$PGTMP PGPORT=$PORT PGUSER=qingdan PGDATABASE=postgres
psql() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
# equals "description" "expected" SQL
equals() {
  local got
  got=$(psql -At -c "$3" 2>&1)
  if [ "$got" = "$2" ]; then ok "$1"; else fail "$1"$'\n'"  got:  ${got//$'\n'/ / }"$'\n'"  want: ${2//$'\n'/ / }"; fi
}

# ---- the seed ---------------------------------------------------------------

cp "$CORPUS/chuxiong-2023.txt" seed.txt
write_other_doc other.txt
write_section_doc section.txt
check "psql -f schema/qingdan-postgres.sql" psql -f "$SCHEMA"
check "psql -f again (the schema is idempotent)" psql -f "$SCHEMA"
# The README command, verbatim apart from the input.
"$QINGDAN" convert --format csv seed.txt 2>/dev/null |
  psql -c "\copy qingdan_rows FROM STDIN WITH (FORMAT csv, HEADER true)"
check "seed: convert --format csv | psql \\copy exits 0" [ $? -eq 0 ]

equals "seed: 29 rows, 28 tasks" "29|28|28" \
  "SELECT count(*), count(*) FILTER (WHERE row_index = 0), count(DISTINCT (source, domain_seq, task_seq)) FROM qingdan_rows"
equals "seed: 9 domains, one document, its sha256" "9|1|$(sha256sum seed.txt | cut -c1-64)" \
  "SELECT count(DISTINCT domain_seq), count(DISTINCT source), min(sha256) FROM qingdan_rows"
LEADS="SELECT name, count(DISTINCT (source, domain_seq, task_seq)) AS tasks FROM qingdan_units
  WHERE role = 'lead' GROUP BY name ORDER BY tasks DESC, name LIMIT 5"
equals "seed: lead units ranked by tasks" \
  "$SEED_LEADS_BY_TASKS" "$LEADS"
equals "seed: first-named lead units ranked by tasks" \
  "$SEED_FIRST_LEADS_BY_TASKS" \
  "SELECT name, count(DISTINCT (source, domain_seq, task_seq)) AS tasks FROM qingdan_units
   WHERE role = 'lead' AND position = 0 GROUP BY name ORDER BY tasks DESC, name LIMIT 4"
equals "seed: rows where 州医保局 supports" \
  "$SEED_YIBAO_SUPPORTS" \
  "SELECT r.domain_seq, r.task_seq, r.row_index, r.task_title, r.lines FROM qingdan_rows r
   WHERE EXISTS (SELECT 1 FROM qingdan_units u WHERE u.source = r.source AND u.task_seq = r.task_seq
                 AND u.row_index = r.row_index AND u.role = 'support' AND u.name = '州医保局')
   ORDER BY r.task_seq, r.row_index"
equals "seed: absent columns are NULL, other is {}" "29|29|29" \
  "SELECT count(*) FILTER (WHERE deadline IS NULL AND deadline_lines IS NULL),
          count(*) FILTER (WHERE other = '{}'::jsonb), count(*) FILTER (WHERE goal IS NOT NULL) FROM qingdan_rows"
equals "seed: the second row of task 17" "1|州人力资源社会保障局|681-683" \
  "SELECT row_index, lead, units_lines FROM qingdan_rows WHERE task_seq = 17 AND row_index = 1"

# ---- quoting, other columns, unit names with 、 in parentheses ---------------

"$QINGDAN" --format csv other.txt 2>/dev/null | psql -c "\copy qingdan_rows FROM STDIN WITH (FORMAT csv, HEADER true)"
check "other: single-document --format csv | psql \\copy exits 0" [ $? -eq 0 ]
equals "other: a cell with a comma and quotes, read back" '压缩开办时间,"一网通办"。' \
  "SELECT measures FROM qingdan_rows WHERE source = 'other.txt' AND task_seq = 1"
equals "other: other cells and their spans as jsonb" "按季度报送|张三|15-15" \
  "SELECT other->>'备注', other->>'分管领导', other_lines->>'备注' FROM qingdan_rows
   WHERE source = 'other.txt' AND task_seq = 1"
equals "other: an empty list is '', not NULL" "2" \
  "SELECT count(*) FROM qingdan_rows WHERE source = 'other.txt' AND implementers = ''"
equals "other: qingdan_units keeps 县税务局（含A、B） whole" "0|县公安局
1|县税务局（含A、B）" \
  "SELECT position, name FROM qingdan_units WHERE source = 'other.txt' AND role = 'support' ORDER BY position"

"$QINGDAN" --format csv section.txt 2>/dev/null | psql -c "\copy qingdan_rows FROM STDIN WITH (FORMAT csv, HEADER true)"
check "section: --format csv | psql \\copy exits 0" [ $? -eq 0 ]
equals "section: sections, and a task without one" "1|1|营商环境|1
1|1|营商环境|2
1|2|要素保障|3
2|||4" \
  "SELECT domain_seq, section_seq, section_name, task_seq FROM qingdan_rows WHERE source = 'section.txt' ORDER BY task_seq"

# ---- a batch: one stream, one header ----------------------------------------

psql -c "TRUNCATE qingdan_rows"
"$QINGDAN" convert -j 2 --format csv in extra/named.dat 2>/dev/null |
  psql -c "\copy qingdan_rows FROM STDIN WITH (FORMAT csv, HEADER true)"
status="${PIPESTATUS[0]}${PIPESTATUS[1]}"
check "batch: convert exits 1 for its two bad documents, psql 0 ($status)" [ "$status" = 10 ]
equals "batch: 41 documents, 1148 tasks, 1189 rows" "41|1148|1189" \
  "SELECT count(DISTINCT source), count(*) FILTER (WHERE row_index = 0), count(*) FROM qingdan_rows"
equals "batch: 州卫生健康委 leads 246 tasks (6 in each)" "246" \
  "SELECT count(DISTINCT (source, domain_seq, task_seq)) FROM qingdan_units WHERE role = 'lead' AND name = '州卫生健康委'"

# ---- --format rows into jsonb -----------------------------------------------

"$QINGDAN" convert --format rows seed.txt 2>/dev/null |
  psql -c "\copy qingdan_rows_json FROM STDIN WITH (FORMAT csv, QUOTE e'\x01', DELIMITER e'\x02')"
check "rows: convert --format rows | psql \\copy into jsonb exits 0" [ $? -eq 0 ]
equals "rows: 29 rows, 28 tasks" "29|28" \
  "SELECT count(*), count(*) FILTER (WHERE (doc->>'row_index')::int = 0) FROM qingdan_rows_json"
equals "rows: lead units ranked by tasks" "州教育体育局|7
州卫生健康委|6
州人力资源社会保障局|5" \
  "SELECT lead, count(DISTINCT doc->>'task_seq') AS tasks FROM qingdan_rows_json,
          jsonb_array_elements_text(doc->'lead') AS lead GROUP BY lead ORDER BY tasks DESC, lead LIMIT 3"
equals "rows: rows where 州医保局 supports" "12|0
13|0
14|0
23|0" \
  "SELECT doc->>'task_seq', doc->>'row_index' FROM qingdan_rows_json WHERE doc->'support' ? '州医保局'
   ORDER BY (doc->>'task_seq')::int"

stop_server
trap - EXIT
check "server stopped, its directory removed" [ ! -e "$PGTMP" ]
finish

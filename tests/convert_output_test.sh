#!/usr/bin/env bash
# `qingdan convert` when an output cannot be written, and the summary's
# truth: an --out file that cannot be written is an I/O error (exit 2,
# OUTPUT: error: reason, the batch stops); a document counts as ok only when
# its output was written (the stream committed, the database row imported),
# and rows only for those; a batch in which every document fails leaves an
# existing -o FILE as it was.
# Usage: convert_output_test.sh QINGDAN CORPUS_DIR WORK_DIR
set -u
QINGDAN=$1
CORPUS=$2
WORK=$3
. "$(dirname "$0")/batch_corpus.sh"
rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK" || exit 1
cp "$CORPUS/chuxiong-2023.txt" seed.txt
rows_per_doc=29 # the seed's table rows
: >empty.txt
{ cat seed.txt; printf 'x\377y\n'; } >bad.txt
summary_of() { grep '^qingdan convert: [0-9]* documents' "$1"; }

# ---- (1) --out: an output file that cannot be written ----------------------
# in/: a1 a2 a3 (good), bad.txt (fails to parse), sub/s1 sub/s2 (their
# directory is not writable), z1 (after them). Not writable by permissions:
# as root, run as nobody (setpriv) in a scratch directory nobody can reach.
scratch=
cleanup() { if [ -n "$scratch" ]; then rm -rf "$scratch"; fi; }
trap cleanup EXIT
as_user=()
base=$WORK/unwritable
q=$QINGDAN
if [ "$(id -u)" -eq 0 ]; then
  if command -v setpriv >/dev/null; then
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    scratch=$(mktemp -d "${TMPDIR:-/tmp}/qingdan-output-test.XXXXXX") && chmod 755 "$scratch" || exit 1
    base=$scratch
    cp "$QINGDAN" "$scratch/qingdan" && chmod 755 "$scratch/qingdan" || exit 1
    q=$scratch/qingdan
  else
    fail "run as root without setpriv (util-linux): cannot make a directory unwritable"
  fi
fi
# run_unprivileged NAME JOBS: converts $base/in into $base/NAME, whose sub/ is
# not writable; stderr in $WORK/NAME.err, the status in $WORK/NAME.rc.
run_unprivileged() {
  local name=$1 jobs=$2 out=$base/$1
  mkdir -p "$out/sub"
  if [ "${#as_user[@]}" -gt 0 ]; then chown 65534:65534 "$out"; else chmod 555 "$out/sub"; fi
  (cd "$base" && "${as_user[@]}" "$q" convert -q -j"$jobs" --out "$name" in) >/dev/null 2>"$WORK/$name.err"
  echo $? >"$WORK/$name.rc"
  chmod 755 "$out/sub"
}
mkdir -p "$base/in/sub"
for f in a1 a2 a3 sub/s1 sub/s2 z1; do cp seed.txt "$base/in/$f.txt"; done
cp bad.txt "$base/in/bad.txt"
chmod -R a+rX "$base/in"

run_unprivileged out1 1
check "--out, output not writable: exit 2 (I/O error), not 1 (got $(cat out1.rc))" [ "$(cat out1.rc)" -eq 2 ]
check "--out, output not writable: OUTPUT: error: reason" \
  contains out1.err "out1/sub/s1.json: error: cannot create (a temporary file in its directory): Permission denied"
check "--out, output not writable: the batch stops at the first one" \
  contains out1.err "qingdan convert: stopped at the first output that could not be written"
check "--out, output not writable: nothing after it written" [ ! -e "$base/out1/z1.json" ]
check "--out, output not writable: one error line for it" [ "$(grep -c 'error: cannot create' out1.err)" -eq 1 ]
check "--out, output not writable: the summary counts 3 ok, rows of those only ($(summary_of out1.err))" \
  contains out1.err "qingdan convert: 5 documents, 3 ok, 2 failed, $((3 * rows_per_doc)) rows, "
check "--out, output not writable: the outputs before it written" \
  [ -s "$base/out1/a1.json" ] && [ -s "$base/out1/a3.json" ]

# -j2: in-flight documents are finished; whatever was written is what the summary counts.
run_unprivileged out2 2
written=$(find "$base/out2" -name '*.json' | wc -l)
check "--out -j2, output not writable: exit 2 (got $(cat out2.rc))" [ "$(cat out2.rc)" -eq 2 ]
check "--out -j2, output not writable: ok = the $written files written ($(summary_of out2.err))" \
  grep -q "^qingdan convert: [0-9]* documents, $written ok, [0-9]* failed, $((written * rows_per_doc)) rows, " out2.err
check "--out -j2, output not writable: no temporary left" \
  [ -z "$(find "$base/out2" -name '*.tmp-qingdan-*')" ]

# ---- (2) streams and the database: ok only when written --------------------
cp seed.txt s1.txt
cp seed.txt s2.txt
cp seed.txt s3.txt
for format in ndjson csv; do
  "$QINGDAN" convert -q -j1 -f "$format" -o /dev/full s1.txt s2.txt s3.txt >/dev/null 2>full-$format.err
  rc=$?
  check "-f $format -o /dev/full: exit 2 (got $rc)" [ "$rc" -eq 2 ]
  check "-f $format -o /dev/full: the write error named" contains full-$format.err "/dev/full: write error: No space left on device"
  check "-f $format -o /dev/full: no document ok, no rows ($(summary_of full-$format.err))" \
    grep -q '^qingdan convert: [0-9]* documents, 0 ok, [0-9]* failed, 0 rows, ' full-$format.err
done

if command -v sqlite3 >/dev/null; then
  # A trigger refuses the third document: the import fails there.
  rm -f refuse.db
  "$QINGDAN" --sqlite refuse.db s1.txt 2>/dev/null
  sqlite3 refuse.db "PRAGMA foreign_keys = ON; DELETE FROM documents;
    CREATE TRIGGER refuse BEFORE INSERT ON documents WHEN NEW.name = 's3.txt'
    BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"
  "$QINGDAN" convert -q -j1 --sqlite refuse.db s1.txt s2.txt s3.txt 2>sqlite.err
  rc=$?
  check "--sqlite, an import fails: exit 2 (got $rc)" [ "$rc" -eq 2 ]
  check "--sqlite, an import fails: the reason named" contains sqlite.err "refuse.db: refused by the test"
  check "--sqlite, an import fails: 2 imported" contains sqlite.err "refuse.db: 2 documents imported, 0 replaced"
  check "--sqlite, an import fails: the summary counts the 2 imported ($(summary_of sqlite.err))" \
    contains sqlite.err "qingdan convert: 3 documents, 2 ok, 1 failed, $((2 * rows_per_doc)) rows, "
else
  fail "the sqlite3 shell is missing (apt-get install sqlite3)"
fi

# A document that fails to parse is left out of the stream and of the rows.
"$QINGDAN" convert -q -j1 -o mixed.ndjson s1.txt bad.txt 2>mixed.err
rc=$?
check "one good, one bad: exit 1 (got $rc)" [ "$rc" -eq 1 ]
check "one good, one bad: rows of the good one only ($(summary_of mixed.err))" \
  contains mixed.err "qingdan convert: 2 documents, 1 ok, 1 failed, $rows_per_doc rows, "
check "one good, one bad: the stream written" [ "$(wc -l <mixed.ndjson)" -eq 1 ]

# ---- (3) every document fails: an existing -o FILE stays as it was ---------
for format in ndjson rows csv; do
  echo keep >allfail.$format
  "$QINGDAN" convert -q -f "$format" -o allfail.$format empty.txt bad.txt 2>allfail-$format.err
  rc=$?
  check "-f $format, every document fails: exit 1 (got $rc)" [ "$rc" -eq 1 ]
  check "-f $format, every document fails: the existing -o FILE untouched" [ "$(cat allfail.$format)" = keep ]
  check "-f $format, every document fails: no temporary left" \
    bash -c "! compgen -G 'allfail.$format.tmp-qingdan-*' >/dev/null"
done

finish

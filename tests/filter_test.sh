#!/usr/bin/env bash
# End-to-end checks of `qingdan filter`: one output line per input line,
# error lines for bad requests, flushing after each line, the same results as
# `qingdan convert`, and (with "parallel" as 4th argument) the same output
# when the batch is split by GNU parallel --pipe.
# Usage: filter_test.sh QINGDAN CORPUS_DIR WORK_DIR [parallel]
set -u
QINGDAN=$1
CORPUS=$2
WORK=$3
MODE=${4:-}
. "$(dirname "$0")/batch_corpus.sh"
make_batch "$CORPUS/chuxiong-2023.txt"
cd "$WORK" || exit 1

# Requests: the good documents alternately as "text" and as "path", named by
# their path (so a result equals the matching `convert` NDJSON line), with bad
# requests mixed in.
good=$( (cd in && find . -name 'doc*.txt' | sed 's|^\./|in/|' | LC_ALL=C sort))
n=0
for f in $good; do
  n=$((n + 1))
  if [ $((n % 2)) -eq 1 ]; then
    printf '{"name":"%s","text":%s}\n' "$f" "$(json_string "$f")"
  else
    printf '{"name":"%s","path":"%s"}\n' "$f" "$f"
  fi
  case $n in
    5) echo 'this is not JSON' ;;
    10) echo '' ;;
    15) echo '{"name":"no-input"}' ;;
    20) echo '{"name":"missing","path":"no/such/file.txt"}' ;;
    25) echo '{"name":"bad","path":"in/c/bad-utf8.txt"}' ;;
    30) echo '{"name":"empty","text":""}' ;;
    35) echo '[1,2,3]' ;;
  esac
done >requests.ndjson
"$QINGDAN" convert -j 1 $good >expected-docs.ndjson 2>/dev/null

if [ "$MODE" != parallel ]; then
  "$QINGDAN" filter <requests.ndjson >results.ndjson 2>filter.err
  check "filter exits 0 despite bad requests" [ $? -eq 0 ]
  check "one output line per input line ($(wc -l <requests.ndjson) in, $(wc -l <results.ndjson) out)" \
    [ "$(wc -l <requests.ndjson)" -eq "$(wc -l <results.ndjson)" ]
  check "47 lines" [ "$(wc -l <results.ndjson)" -eq 47 ]
  check "7 error lines" [ "$(grep -c '^{"name":[^,]*,"error":{"line":' results.ndjson)" -eq 7 ]
  check "nothing on stderr" [ ! -s filter.err ]
  check "bad JSON -> error line" grep -qF '{"name":null,"error":{"line":0,"message":"invalid JSON: ' results.ndjson
  check "missing text/path -> error line" \
    grep -qxF '{"name":"no-input","error":{"line":0,"message":"missing \"text\" or \"path\""}}' results.ndjson
  check "unreadable path -> error line" \
    grep -qF '{"name":"missing","error":{"line":0,"message":"no/such/file.txt: cannot open: ' results.ndjson
  check "parse error -> error line with its line number" \
    grep -qF '{"name":"bad","error":{"line":1074,"message":"invalid UTF-8 byte 0xFF at line 1074' results.ndjson
  check "empty text -> error line" \
    grep -qxF '{"name":"empty","error":{"line":0,"message":"input is empty"}}' results.ndjson
  check "line 6 (bad JSON) is an error, line 7 a document" \
    bash -c 'sed -n 6p results.ndjson | grep -q "\"error\"" && sed -n 7p results.ndjson | grep -q "^{\"title\""'
  grep -v '"error":{"line"' results.ndjson >docs.ndjson
  check "documents (from text and from path) equal the convert NDJSON lines" cmp -s expected-docs.ndjson docs.ndjson

  # Without a final newline the last line still counts.
  printf '{"name":"a","path":"in/a/doc01.txt"}\n{"name":"b","path":"in/a/doc02.txt"}' | "$QINGDAN" filter >two.ndjson
  check "last line without newline answered" [ "$(wc -l <two.ndjson)" -eq 2 ]
  check "source.name from name" contains two.ndjson '"source":{"name":"b",'

  # Flushed after each line: a reply arrives while stdin is still open.
  coproc FILTER { "$QINGDAN" filter; }
  filter_pid=$FILTER_PID filter_in=${FILTER[1]} filter_out=${FILTER[0]}
  echo '{"name":"live","path":"in/a/doc03.txt"}' >&"$filter_in"
  reply=
  IFS= read -r -t 30 reply <&"$filter_out"
  check "reply before end of input (flushed per line)" contains <(printf '%s' "$reply") '"source":{"name":"live",'
  exec {filter_in}>&-
  wait "$filter_pid"
  check "filter exits 0 at end of input" [ $? -eq 0 ]

  "$QINGDAN" filter <requests.ndjson >/dev/full 2>full.err
  check "unwritable stdout exits 2" [ $? -eq 2 ]
  "$QINGDAN" filter <. >/dev/null 2>dir.err
  check "unreadable stdin exits 2" [ $? -eq 2 ]
  check "unreadable stdin is named" contains dir.err "cannot read standard input"
  "$QINGDAN" filter --no-such-option </dev/null >/dev/null 2>&1
  check "unknown option exits 2" [ $? -eq 2 ]
else
  if ! command -v parallel >/dev/null; then
    fail "GNU parallel is not installed (Debian package: parallel)"
    finish
  fi
  "$QINGDAN" filter <requests.ndjson >single.ndjson
  check "single process exits 0" [ $? -eq 0 ]
  parallel --will-cite --pipe -N 5 -j 2 --keep-order "$QINGDAN" filter <requests.ndjson >parallel.ndjson
  check "parallel exits 0" [ $? -eq 0 ]
  check "parallel: one output line per input line" [ "$(wc -l <parallel.ndjson)" -eq "$(wc -l <requests.ndjson)" ]
  check "parallel --pipe -N 5 -j 2 --keep-order output equals the single-process run" \
    cmp -s single.ndjson parallel.ndjson
fi
finish

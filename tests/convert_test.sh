#!/usr/bin/env bash
# End-to-end checks of `qingdan convert`: directory recursion, --glob, --out
# mirroring, NDJSON order independent of -j, bad documents reported and
# counted without stopping the batch, the summary, exit codes.
# Usage: convert_test.sh QINGDAN CORPUS_DIR WORK_DIR
set -u
QINGDAN=$1
CORPUS=$2
WORK=$3
. "$(dirname "$0")/batch_corpus.sh"
make_batch "$CORPUS/chuxiong-2023.txt"
cd "$WORK" || exit 1

# --out: one file per input, mirrored names; the bad ones reported, the rest written.
"$QINGDAN" convert -j 2 --out out in extra/named.dat >stdout.txt 2>stderr.txt
rc=$?
check "--out with bad documents exits 1" [ "$rc" -eq 1 ]
check "invalid UTF-8 reported as FILE:LINE: error" \
  contains stderr.txt "in/c/bad-utf8.txt:1074: error: invalid UTF-8 byte 0xFF at line 1074"
check "empty file reported as FILE:0: error" contains stderr.txt "in/empty.txt:0: error: input is empty"
check "summary counts documents, ok, failed" \
  contains stderr.txt "qingdan convert: 43 documents, 41 ok, 2 failed, "
check "summary has rows, warnings, errors, MB, seconds, MB/s" \
  grep -qE '^qingdan convert: .* [0-9]+ rows, [0-9]+ warnings, 2 errors, [0-9.]+ MB, [0-9.]+ s, [0-9.]+ MB/s$' stderr.txt
check "no progress bar when stderr is not a terminal" bash -c "! grep -q \$'\\r' stderr.txt"
check "nothing on stdout with --out" [ ! -s stdout.txt ]
missing=0
for f in in/a/doc*.txt in/a/b/doc*.txt in/c/doc*.txt; do
  rel=${f#in/}
  [ -s "out/${rel%.txt}.json" ] || missing=$((missing + 1))
done
check "every good document written, relative path mirrored (missing: $missing)" [ "$missing" -eq 0 ]
check "explicitly named file taken whatever its name" [ -s out/named.json ]
check "files not matching --glob skipped" [ ! -e out/notes.json ]
check "no output for the invalid document" [ ! -e out/c/bad-utf8.json ]
check "no output for the empty document" [ ! -e out/empty.json ]
check "41 outputs, no temporary files left" [ "$(find out -type f | wc -l)" -eq 41 ]
"$QINGDAN" -o single.json in/a/b/doc20.txt
check "a --out file equals the single-document output" cmp -s single.json out/a/b/doc20.json
check "titles varied" contains out/c/doc33.json '"title": "楚雄州第33批'

# --glob selects other names in directories.
"$QINGDAN" convert --glob '*.md' --out outmd in >/dev/null 2>stderr-md.txt
check "--glob '*.md' exits 0" [ $? -eq 0 ]
check "--glob '*.md' takes only notes.md" [ "$(cd outmd && find . -type f)" = "./notes.json" ]

# XML, --indent.
"$QINGDAN" convert --format xml --out outxml in/a/b 2>/dev/null
check "--format xml exits 0" [ $? -eq 0 ]
check "--format xml writes .xml" contains outxml/doc20.xml '<domain seq="9"'
"$QINGDAN" convert --indent -1 --out outcompact in/a/doc01.txt 2>/dev/null
check "--indent -1 gives one line" [ "$(wc -l <outcompact/doc01.json)" -eq 1 ]

# NDJSON: input order whatever the scheduling, byte for byte.
"$QINGDAN" convert -j 1 in extra/named.dat >j1.ndjson 2>j1.err
rc1=$?
"$QINGDAN" convert -j 2 in extra/named.dat >j2.ndjson 2>j2.err
rc2=$?
"$QINGDAN" convert -j 7 -o j7.ndjson in extra/named.dat 2>j7.err
rc7=$?
check "ndjson exits 1 with bad documents (-j1 $rc1, -j2 $rc2, -j7 $rc7)" [ "$rc1$rc2$rc7" = 111 ]
check "ndjson: one line per good document" [ "$(wc -l <j1.ndjson)" -eq 41 ]
check "ndjson -j 2 equals -j 1 byte for byte" cmp -s j1.ndjson j2.ndjson
check "ndjson -j 7 -o FILE equals -j 1 byte for byte" cmp -s j1.ndjson j7.ndjson
# Directory contents sorted by relative path, then the explicit file.
{ (cd in && find . -name '*.txt' ! -name bad-utf8.txt ! -name empty.txt | sed 's|^\./|in/|' | LC_ALL=C sort)
  echo extra/named.dat; } >expected-order.txt
grep -o '"source":{"name":"[^"]*"' j2.ndjson | sed 's/.*"name":"//; s/"$//' >order.txt
check "ndjson lines in input order" cmp -s expected-order.txt order.txt
check "ndjson lines are compact documents" contains j1.ndjson '{"title":"楚雄州第01批'
check "diagnostics in input order, same for -j 1 and -j 2" \
  cmp -s <(grep -v '^qingdan convert:' j1.err) <(grep -v '^qingdan convert:' j2.err)

# Progress bar on request.
"$QINGDAN" convert --progress -j 2 in/a/b >/dev/null 2>progress.txt
check "--progress draws the bar" grep -q $'\r.*15/15 docs' progress.txt

# Usage errors: exit 2.
"$QINGDAN" convert --format json in >/dev/null 2>&1
check "--format json without --out exits 2" [ $? -eq 2 ]
"$QINGDAN" convert --out o --format ndjson in >/dev/null 2>&1
check "--out with ndjson exits 2" [ $? -eq 2 ]
"$QINGDAN" convert --no-such-option in >/dev/null 2>&1
check "unknown option exits 2" [ $? -eq 2 ]
"$QINGDAN" convert -j 0 in >/dev/null 2>&1
check "-j 0 exits 2" [ $? -eq 2 ]
# Probe I: an unknown --encoding failed every document (exit 1, one error each).
"$QINGDAN" convert --encoding latin1 in >/dev/null 2>enc.err
check "an unknown --encoding is a usage error (exit 2)" [ $? -eq 2 ]
check "... said once" [ "$(grep -c 'unknown encoding "latin1"' enc.err)" -eq 1 ]
"$QINGDAN" --encoding latin1 in/a/doc01.txt >/dev/null 2>&1
check "... in single mode too" [ $? -eq 2 ]
echo '{"name": "a", "text": "x"}' | "$QINGDAN" filter --encoding latin1 >/dev/null 2>&1
check "... and in filter" [ $? -eq 2 ]
mkdir -p clash/x clash/y && cp in/a/doc01.txt clash/x/same.txt && cp in/a/doc02.txt clash/y/same.txt
"$QINGDAN" convert --out outclash clash/x/same.txt clash/y/same.txt >/dev/null 2>clash.err
check "two inputs for one output file exit 2" [ $? -eq 2 ]
check "... and are named" contains clash.err "would both be written to outclash/same.json"
"$QINGDAN" convert -o /dev/full in/a >/dev/null 2>full.err
check "unwritable NDJSON output exits 2" [ $? -eq 2 ]
# Probe I: no output may replace an input (--out over the input directory with
# --glob '*', or -o naming an input); --indent is bounded.
mkdir -p self && cp in/a/doc01.txt self/doc.json && cp self/doc.json self/keep.txt
"$QINGDAN" convert --glob '*' --out self self/doc.json >/dev/null 2>self.err
check "an --out file that is an input exits 2" [ $? -eq 2 ]
check "... names it" contains self.err "is an input (self/doc.json)"
check "... and leaves it as it was" cmp -s self/doc.json self/keep.txt
"$QINGDAN" convert self/doc.json -o self/doc.json >/dev/null 2>self-o.err
check "-o naming an input exits 2" [ $? -eq 2 ]
check "... and leaves it as it was" cmp -s self/doc.json self/keep.txt
"$QINGDAN" convert --indent 17 --out outindent in/a/b >/dev/null 2>indent.err
check "--indent above 16 exits 2" [ $? -eq 2 ]
check "... and says why" contains indent.err "17 is more than 16"
check "... before writing anything" [ ! -e outindent ]

# A file name that is not UTF-8 (one from a GBK archive): the NDJSON still parses.
mkdir -p names && cp in/a/doc01.txt "names/$(printf 'plan\xff.txt')"
"$QINGDAN" convert names >names.ndjson 2>names.err
check "a file name that is not UTF-8: exit 0" [ $? -eq 0 ]
check "... the NDJSON line parses, the bad byte as U+FFFD" \
  python3 -c 'import json,sys; d=json.loads(open(sys.argv[1],"rb").read()); assert d["source"]["name"].endswith("plan\ufffd.txt"), d["source"]["name"]' names.ndjson
check "... with a warning" contains names.err "the source name is not valid UTF-8"

# Probe I: what a directory walk passes over is said (a FIFO, a dangling or
# looping link, a link to a directory), and so is a directory with no match.
mkdir -p odd/d odd/empty && cp in/a/doc01.txt odd/d/a.txt && mkfifo odd/d/fifo.txt && ln -s nowhere odd/d/dangling.txt &&
  ln -s loop.txt odd/d/loop.txt && ln -s ../empty odd/d/linked
"$QINGDAN" convert odd/d odd/empty >/dev/null 2>odd.err
check "a walk with odd entries exits 0" [ $? -eq 0 ]
check "... names the FIFO" contains odd.err "odd/d/fifo.txt:0: warning: skipped: a FIFO"
check "... the dangling link" contains odd.err "odd/d/dangling.txt:0: warning: skipped: a dangling or looping symbolic link"
check "... the looping link" contains odd.err "odd/d/loop.txt:0: warning: skipped: a dangling or looping symbolic link"
check "... the link to a directory" contains odd.err "odd/d/linked:0: warning: skipped: a symbolic link to a directory"
check "... the directory with no match" contains odd.err "odd/empty:0: warning: no file in it matches --glob '*.txt'"
check "... and converts the file" contains odd.err "1 documents, 1 ok"
"$QINGDAN" convert -q odd/d >/dev/null 2>odd-q.err
check "-q keeps those warnings back" bash -c "! grep -q ': warning: skipped' odd-q.err"

# Probe I: '-' is standard input as it is (it was /dev/stdin opened again: a
# file the caller had read a line of was read from its start, a socket failed);
# a pipe over --max-input-bytes is not 'LIMIT+1 bytes'.
{ printf 'not the document \xff\n'; cat in/a/doc01.txt; } >prefixed.txt
{ read -r _; "$QINGDAN" -q -; } <prefixed.txt >stdin-rest.json 2>stdin-rest.err
check "'-' reads standard input from where the caller left it" [ $? -eq 0 ]
check "... and converts the rest" contains stdin-rest.json '"title": "楚雄州第01批'
{ read -r _; "$QINGDAN" convert -q -; } <prefixed.txt >stdin-rest.ndjson 2>/dev/null
check "... in convert too" contains stdin-rest.ndjson '{"title":"楚雄州第01批'
cat in/a/doc01.txt | "$QINGDAN" -q --max-input-bytes 1000 - >/dev/null 2>pipe-limit.err
check "a pipe over the limit exits 1" [ $? -eq 1 ]
check "... saying it is more than the limit" contains pipe-limit.err "input is more than the limit of 1000 bytes"

# Probe I: -o replaces what a symbolic link points to, not the link, and keeps
# the replaced file's permissions; a failed write says why; a byte count is
# digits (-1 was taken as no limit).
mkdir -p lk && echo old >lk/real.json && chmod 600 lk/real.json && ln -sf real.json lk/link.json
"$QINGDAN" -q -o lk/link.json in/a/doc01.txt
check "-o through a symbolic link exits 0" [ $? -eq 0 ]
check "... the link stays a link" [ -L lk/link.json ]
check "... the file it points to is written" contains lk/real.json '"title": "楚雄州第01批'
check "... with its permissions kept" [ "$(stat -c %a lk/real.json)" = 600 ]
"$QINGDAN" convert -q -o lk/link.json in/a/doc02.txt
check "... and in convert" contains lk/real.json '{"title":"楚雄州第02批'
check "... the link stays a link there too" [ -L lk/link.json ]
"$QINGDAN" -q -o /dev/full in/a/doc01.txt 2>full1.err
check "a failed write says why" contains full1.err "/dev/full: write error: No space left on device"
"$QINGDAN" -q --max-input-bytes -1 in/a/doc01.txt >/dev/null 2>bytes.err
check "--max-input-bytes -1 is a usage error" [ $? -eq 2 ]
check "... and says so" contains bytes.err "-1 is no number of bytes"

# A clean batch exits 0.
"$QINGDAN" convert -q --out outok in/a/b >/dev/null 2>ok.err
check "clean batch exits 0" [ $? -eq 0 ]
check "clean batch summary" contains ok.err "qingdan convert: 15 documents, 15 ok, 0 failed, "

finish

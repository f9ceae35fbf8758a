#!/usr/bin/env bash
# A run killed by SIGINT, SIGTERM or SIGHUP removes the temporary files it
# writes through (-o FILE, the per-file temporaries of --out DIR), leaves an
# existing target as it was, and dies by that signal (exit status 128+n).
#
# Each signal is sent while a temporary is known to exist: the stream's
# temporary lives for the whole run, so the script only polls for it; a
# temporary of --out lives for one document's write, so the script stops the
# process over and over (SIGSTOP, every thread seen stopped) and sends the
# signal when a stop finds one there; a single document's -o FILE is written
# with every write(2) slowed down by strace (reported as SKIPPED without it).
# No fixed sleeps; every wait has a generous timeout and fails the check when
# it runs out.
# Usage: cli_signal_test.sh QINGDAN CORPUS_DIR WORK_DIR
set -u
QINGDAN=$1
CORPUS=$2
WORK=$3
. "$(dirname "$0")/batch_corpus.sh"
rm -rf "$WORK"
mkdir -p "$WORK/big"
cd "$WORK" || exit 1

# Job control: a background job of a script otherwise starts with SIGINT
# ignored, and the tool rightly leaves an ignored signal ignored. env resets
# a signal that the test's own parent ignored (coreutils >= 8.31).
set -m
launch=()
if env --default-signal=INT,TERM,HUP true 2>/dev/null; then launch=(env "--default-signal=INT,TERM,HUP"); fi
pid=
cleanup() { if [ -n "$pid" ]; then kill -KILL "$pid" 2>/dev/null; fi; }
trap cleanup EXIT

# 4000 documents (200 MB of input) in 80 directories, hard links to one
# copy: a run takes seconds even on a fast machine. zzzz.txt sorts last, so
# the batch never reaches it before the signal.
cp "$CORPUS/chuxiong-2023.txt" seed.txt
mkdir big/s00
for i in $(seq -w 1 50); do ln seed.txt "big/s00/d$i.txt" || exit 1; done
for s in $(seq -w 1 79); do cp -al big/s00 "big/s$s" || exit 1; done
ln seed.txt big/zzzz.txt
# A complete output; every other one has the same size (same-length names).
"$QINGDAN" convert -q --out ref big/s00/d01.txt 2>/dev/null || exit 1
ref_size=$(stat -c %s ref/d01.json)

# until SECONDS_LIMIT COMMAND...: polls COMMAND every 20 ms; false on timeout.
until_true() {
  local limit=$1 start=$SECONDS
  shift
  until "$@"; do
    [ $((SECONDS - start)) -ge "$limit" ] && return 1
    sleep 0.02
  done
}
alive() { kill -0 "$pid" 2>/dev/null; }
dead() { ! alive; }
temporaries() { find "$WORK" -name '*.tmp-qingdan-*' | LC_ALL=C sort; }
has_temporary() { compgen -G "$1" >/dev/null; }
# Every thread of the process in state T (stopped).
all_stopped() {
  local f state
  for f in /proc/"$pid"/task/*/stat; do
    [ -r "$f" ] || continue
    state=$(sed 's/^.*) //' "$f" | cut -d' ' -f1) || return 1
    [ "$state" = T ] || return 1
  done
}
# await_death SIGNAL EXPECTED_STATUS WHAT: waits for the process to die of
# the signal just sent; checks the status and that no temporary is left.
await_death() {
  local sig=$1 want=$2 what=$3 rc
  if ! until_true 120 dead; then
    fail "$what: still running 120 s after SIG$sig"
    kill -KILL "$pid"
  fi
  wait "$pid"
  rc=$?
  pid=
  check "$what: exit status $want after SIG$sig (got $rc)" [ "$rc" -eq "$want" ]
  local left
  left=$(temporaries)
  check "$what: no temporary file left${left:+ (left: $left)}" [ -z "$left" ]
  find "$WORK" -name '*.tmp-qingdan-*' -delete
}

# stream_case SIGNAL STATUS FORMAT JOBS: convert -o FILE over an existing file.
stream_case() {
  local sig=$1 want=$2 format=$3 jobs=$4
  local what="convert -f $format -j$jobs -o FILE, SIG$sig"
  local target=target-$sig.$format
  echo keep >"$target"
  "${launch[@]}" "$QINGDAN" convert -q -j"$jobs" -f "$format" -o "$target" big 2>"stream-$sig.err" &
  pid=$!
  if until_true 120 has_temporary "$target.tmp-qingdan-*" && alive; then
    ok "$what: the temporary appeared while the batch ran"
    kill -"$sig" "$pid"
  else
    fail "$what: no temporary seen while the batch ran (finished or never started: see stream-$sig.err)"
    kill -"$sig" "$pid" 2>/dev/null
  fi
  await_death "$sig" "$want" "$what"
  check "$what: the existing target is untouched" [ "$(cat "$target")" = keep ]
}

# out_case SIGNAL STATUS JOBS: convert --out DIR, the signal sent while the
# process is stopped with one of its per-file temporaries present.
out_case() {
  local sig=$1 want=$2 jobs=$3
  local what="convert --out DIR -j$jobs, SIG$sig"
  local out=out-$sig
  mkdir -p "$out"
  echo keep >"$out/zzzz.json"
  "${launch[@]}" "$QINGDAN" convert -q -j"$jobs" --out "$out" big 2>"out-$sig.err" &
  pid=$!
  # A temporary lives from its creation to its rename, one write of ~140 KB:
  # seeing one and then stopping the process almost always stopped it after
  # the rename (with -j1 under ASan, not once in 4,000 documents). So the
  # process is stopped over and over, wherever it has got to, and each stop
  # looks for a temporary; a stop lands inside a write about once in a
  # hundred.
  local seen="" start=$SECONDS
  while [ -z "$seen" ] && alive && [ $((SECONDS - start)) -lt 120 ]; do
    kill -STOP "$pid" 2>/dev/null || break
    if until_true 30 all_stopped; then
      seen=$(compgen -G "$out/*/*.tmp-qingdan-*" | head -n 1)
      if [ -n "$seen" ]; then kill -"$sig" "$pid"; fi
    fi
    kill -CONT "$pid" 2>/dev/null
    if [ -z "$seen" ]; then sleep 0.002; fi
  done
  if [ -n "$seen" ]; then
    ok "$what: signalled while stopped with ${seen#"$out"/} present"
  else
    fail "$what: never caught the process with a temporary present (see out-$sig.err)"
    kill -"$sig" "$pid" 2>/dev/null
  fi
  await_death "$sig" "$want" "$what"
  check "$what: the existing target is untouched" [ "$(cat "$out/zzzz.json")" = keep ]
  local partial
  partial=$(find "$out" -name 'd*.json' ! -size "${ref_size}c" | head -n 3 | tr '\n' ' ')
  check "$what: every output there is complete${partial:+ (not: $partial)}" [ -z "$partial" ]
  check "$what: the batch was interrupted (not all 4000 written)" \
    [ "$(find "$out" -name 'd*.json' | wc -l)" -lt 4000 ]
}

stream_case INT 130 ndjson 2
stream_case TERM 143 csv 1
stream_case HUP 129 rows 2
out_case TERM 143 2
out_case INT 130 1

# Single-document -o FILE: its temporary lives for one write, so every
# write(2) is slowed down under strace (where ptrace is allowed).
single_case() {
  local what="qingdan -o FILE, SIGTERM"
  echo keep >single.json
  if ! strace -f -o /dev/null true 2>/dev/null; then
    echo "SKIPPED: $what: strace missing or ptrace not permitted"
    return
  fi
  strace -f -o /dev/null -e trace=write -e inject=write:delay_enter=200000 \
    sh -c 'echo $$ >single.pid && exec "$@"' sh "$QINGDAN" -q -o single.json seed.txt 2>single.err &
  local tracer=$!
  if until_true 120 has_temporary "single.json.tmp-qingdan-*" && [ -s single.pid ]; then
    ok "$what: the temporary appeared"
    kill -TERM "$(cat single.pid)"
  else
    fail "$what: no temporary seen (see single.err)"
  fi
  pid=$tracer # strace exits with its tracee's status
  await_death TERM 143 "$what"
  check "$what: the existing target is untouched" [ "$(cat single.json)" = keep ]
}
single_case

# A signal ignored on entry stays ignored (nohup; a script's background job):
# the run completes and writes its output.
echo keep >ignored.ndjson
(trap '' INT && exec "$QINGDAN" convert -q -j2 -o ignored.ndjson big 2>ignored.err) &
pid=$!
if until_true 120 has_temporary "ignored.ndjson.tmp-qingdan-*" && alive; then
  kill -INT "$pid"
  if until_true 300 dead; then
    wait "$pid"
    rc=$?
  else
    kill -KILL "$pid"
    wait "$pid"
    rc=timeout
  fi
  check "an ignored SIGINT stays ignored: exit 0 (got $rc)" [ "$rc" = 0 ]
  check "an ignored SIGINT stays ignored: the output written" [ "$(wc -l <ignored.ndjson)" -eq 4001 ]
else
  fail "ignored SIGINT: no temporary seen while the batch ran (see ignored.err)"
  wait "$pid"
fi
pid=

# shellcheck disable=SC2154 # failures: batch_corpus.sh
finish_all() {
  set +m
  if [ "$failures" -gt 0 ]; then
    echo "$failures check(s) failed"
    exit 1
  fi
  echo "all checks passed"
  rm -rf "$WORK/big" "$WORK"/out-* "$WORK"/target-* "$WORK"/ignored.* "$WORK"/single.*
}
finish_all

#!/usr/bin/env bash
# Builds the libFuzzer harnesses and runs them, one after the other.
#
#   tests/fuzz/run.sh [SECONDS_TOTAL]        (default 180; each harness gets a third)
#
# Environment:
#   FUZZ_BUILD_DIR    build directory (default /tmp/qingdan-fuzz-build)
#   FUZZ_HARNESSES    which harnesses (default "parse_fuzzer json_fuzzer xml_fuzzer")
#   FUZZ_NICE         nice level for build and runs (default 10)
#   FUZZ_TIMEOUT      per-input timeout in seconds (default 10)
#   FUZZ_SAVE=0       do not copy new crash inputs into tests/fuzz/regressions/
#                     (they are always copied next to the logs)
#   QINGDAN_FUZZ_SKIP properties to switch off, e.g. "xml-chars,xml-fidelity"
#                     (see fuzz_common.hpp), to fuzz past a known finding
#
# First every file in regressions/ is run through each harness (a regression
# test); the ones that pass also seed the fuzzing. Seeds (corpus/*.txt,
# seeds/, regressions/) are copied into a temporary corpus directory: the
# repository's corpus/ is never written. Each harness runs in one process
# (no -jobs/-workers: one core), under nice. Exit status: 0 when nothing was
# found, 1 when a regression input or the fuzzing found a crash, leak,
# timeout or property violation, 2 when the build failed.
set -u -o pipefail

total=${1:-180}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${FUZZ_BUILD_DIR:-/tmp/qingdan-fuzz-build}
read -r -a harnesses <<<"${FUZZ_HARNESSES:-parse_fuzzer json_fuzzer xml_fuzzer}"
timeout=${FUZZ_TIMEOUT:-10}
nice=(nice -n "${FUZZ_NICE:-10}")
per=$((total / ${#harnesses[@]}))
((per < 1)) && per=1

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
[[ -f "$build/CMakeCache.txt" ]] && generator=()
"${nice[@]}" cmake -S "$here" -B "$build" "${generator[@]}" -DCMAKE_CXX_COMPILER="${CXX:-clang++}" >/dev/null || exit 2
"${nice[@]}" cmake --build "$build" -j"$(nproc)" || exit 2

work=$(mktemp -d "${TMPDIR:-/tmp}/qingdan-fuzz.XXXXXX")
logs="$build/logs/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$logs"
status=0
shopt -s nullglob

common=(-timeout="$timeout" -rss_limit_mb=2048 -malloc_limit_mb=2048)

for h in "${harnesses[@]}"; do
  bin="$build/$h"
  corpus="$work/$h/corpus"
  artifacts="$work/$h/artifacts"
  mkdir -p "$corpus" "$artifacts"

  # 1. Regression inputs, one process each, so that one failure names its file.
  for f in "$here"/regressions/*; do
    [[ -f "$f" ]] || continue
    if "${nice[@]}" "$bin" "${common[@]}" "$f" >"$logs/$h-regression-$(basename "$f").log" 2>&1; then
      cp "$f" "$corpus/regression-$(basename "$f")"
    else
      echo "REGRESSION FAILED: $h $(basename "$f")  (log: $logs/$h-regression-$(basename "$f").log)"
      grep -m1 -E 'property violated|ERROR: (Address|Leak)Sanitizer|runtime error|ERROR: libFuzzer' \
        "$logs/$h-regression-$(basename "$f").log" | sed 's/^/    /'
      status=1
    fi
  done

  # 2. Seeds.
  for f in "$root"/corpus/*.txt; do cp "$f" "$corpus/corpus-$(basename "$f")"; done
  case "$h" in
    parse_fuzzer) seeds=("$here"/seeds/parse/*) ;;
    *) seeds=("$here"/seeds/serializer/*) ;;
  esac
  for f in "${seeds[@]}"; do cp "$f" "$corpus/seed-$(basename "$f")"; done

  # 3. Fuzzing.
  dict=()
  [[ -f "$here/$h.dict" ]] && dict=(-dict="$here/$h.dict")
  log="$logs/$h.log"
  echo "== $h: fuzzing for ${per}s (log: $log)"
  "${nice[@]}" "$bin" "$corpus" "${common[@]}" "${dict[@]}" -max_total_time="$per" -max_len=65536 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  grep -E '^#[0-9]+\s+(DONE|INITED)' "$log" | tail -2 | sed 's/^/    /'
  grep -E 'stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" | sed 's/^/    /'
  if ((rc != 0)); then
    status=1
    echo "FOUND by $h (exit $rc):"
    grep -m3 -E 'property violated|ERROR: (Address|Leak|UndefinedBehavior)Sanitizer|runtime error|ERROR: libFuzzer|SUMMARY' \
      "$log" | sed 's/^/    /'
    for a in "$artifacts"/*; do
      kind=$(basename "$a" | cut -d- -f1)
      name="$h-$kind-$(sha1sum "$a" | cut -c1-8)"
      cp "$a" "$logs/$name"
      if [[ "${FUZZ_SAVE:-1}" != 0 ]]; then
        cp "$a" "$here/regressions/$name"
        echo "    input saved as tests/fuzz/regressions/$name"
      else
        echo "    input: $logs/$name"
      fi
    done
  fi
done

rm -rf "$work"
echo "logs: $logs"
if ((status == 0)); then echo "fuzz: nothing found"; else echo "fuzz: FOUND PROBLEMS (see above)"; fi
exit "$status"
